//! Sources -> [`PlanModel`]: reading the plan folders and checking every
//! cross-reference.
//!
//! Ids are file names, so every id of the plan is known from the page tree
//! before any file is read; references are checked as they are read, where
//! the reader still knows their line. Facts are read from the
//! default-language file; a translation may leave them out or repeat them,
//! and a repeated fact that differs is reported (the default language's
//! value is used). Text fields are read from each language's own file.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::model::*;
use super::pages::{Page, PageKind, PageTree};
use crate::config::{Config, Lang};
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::load::fields::{Fields, Sink};
use crate::load::toml_tree::{Field, Table, Value};
use crate::load::{Source, Sources};

/// The folders of `content/` that hold the plan, in SPEC order.
pub const PILLARS: &str = "pillars";
pub const PROGRAMS: &str = "programs";
pub const STAKEHOLDERS: &str = "stakeholders";
pub const TIMELINE: &str = "timeline";
pub const NEWS: &str = "news";

/// The kind of the warning about a translation repeating a fact differently
/// (`build` uses the default language's value; `check` stops on it).
pub const FACT_DIFFERS: &str = "translation-fact-differs";

/// Whether a page key (`programs/x`, `programs/_index`) is in a plan folder.
pub fn is_plan_key(key: &str) -> bool {
    key.split('/')
        .next()
        .is_some_and(|folder| [PILLARS, PROGRAMS, STAKEHOLDERS, TIMELINE, NEWS].contains(&folder))
}

/// The plan kind of a page, from its folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    Pillar,
    Programme,
    Stakeholder,
    Event,
    Article,
}

pub fn item_kind(page: &Page) -> Option<ItemKind> {
    if page.kind != PageKind::Page || page.dir.len() != 1 {
        return None;
    }
    match page.dir[0].as_str() {
        PILLARS => Some(ItemKind::Pillar),
        PROGRAMS => Some(ItemKind::Programme),
        STAKEHOLDERS => Some(ItemKind::Stakeholder),
        TIMELINE => Some(ItemKind::Event),
        NEWS => Some(ItemKind::Article),
        _ => None,
    }
}

/// The ids one kind of reference may take, for checking and for messages.
#[derive(Clone, Copy)]
struct IdSpace<'a> {
    ids: &'a [&'a str],
    /// "pillar", "stakeholder".
    what: &'static str,
    /// The folder under content/ whose file names are the ids.
    folder: &'static str,
}

/// A stakeholder's `organization`, checked once every stakeholder's kind is known.
struct OrgRef {
    file: PathBuf,
    line: usize,
    org: StakeholderId,
}

/// Everything a reader needs: the sources, the tree, the known ids.
struct Reader<'a> {
    config: &'a Config,
    sources: &'a Sources,
    sink: &'a Sink,
    pillar_ids: Vec<&'a str>,
    stakeholder_ids: Vec<&'a str>,
    group_ids: Vec<String>,
}

/// Reads the plan and reports every problem into `diags`. Returns the keys
/// of the pages whose front matter was fully read (others are read as plain pages).
pub fn read_model(
    config: &Config,
    sources: &Sources,
    tree: &PageTree,
    diags: &mut Diagnostics,
) -> (PlanModel, BTreeSet<String>) {
    let sink = Sink::default();
    let ids_in = |folder: &str| -> Vec<&str> {
        tree.pages
            .iter()
            .filter(|p| p.dir.len() == 1 && p.dir[0] == folder && p.kind == PageKind::Page)
            .map(|p| p.name.as_str())
            .collect()
    };
    let mut reader = Reader {
        config,
        sources,
        sink: &sink,
        pillar_ids: ids_in(PILLARS),
        stakeholder_ids: ids_in(STAKEHOLDERS),
        group_ids: Vec::new(),
    };
    let mut model = PlanModel::default();
    let mut read_keys = BTreeSet::new();
    if let Some(section) = tree.get(&format!("{STAKEHOLDERS}/_index")) {
        model.groups = reader.groups(section);
        reader.group_ids = model.groups.iter().map(|g| g.id.0.clone()).collect();
        read_keys.insert(section.key.clone());
    }
    let mut organisation_refs = Vec::new();
    for (index, page) in tree.pages.iter().enumerate() {
        let Some(kind) = item_kind(page) else {
            continue;
        };
        read_keys.insert(page.key.clone());
        match kind {
            ItemKind::Pillar => model.pillars.extend(reader.pillar(index, page)),
            ItemKind::Programme => model.programmes.extend(reader.programme(index, page)),
            ItemKind::Stakeholder => {
                if let Some((s, org_ref)) = reader.stakeholder(index, page) {
                    organisation_refs.extend(org_ref);
                    model.stakeholders.push(s);
                }
            }
            ItemKind::Event => model.events.extend(reader.event(index, page)),
            ItemKind::Article => model.news.extend(reader.article(index, page)),
        }
    }
    model.stakeholders.sort_by(|a, b| a.id.cmp(&b.id));
    for OrgRef { file, line, org } in organisation_refs {
        if let Some(s) = model.stakeholder(&org)
            && s.kind != StakeholderKind::Organization
        {
            sink.push(
                Diagnostic::error(file, format!("`organization` must be an organization, but `{org}` is a person"))
                    .at(line, 0)
                    .with_hint("point to the stakeholder file of the office or agency (kind = \"organization\")"),
            );
        }
    }
    model
        .pillars
        .sort_by(|a, b| (a.weight, &a.id).cmp(&(b.weight, &b.id)));
    let pillar_rank = |id: &PillarId| {
        model
            .pillars
            .iter()
            .position(|p| &p.id == id)
            .unwrap_or(usize::MAX)
    };
    model
        .programmes
        .sort_by_cached_key(|p| (pillar_rank(&p.pillar), p.start, p.id.clone()));
    model
        .events
        .sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    model
        .news
        .sort_by(|a, b| (b.date, &a.id).cmp(&(a.date, &b.id)));
    model.build_index();
    diags.extend(sink.into_inner());
    (model, read_keys)
}

/// Which fact keys an item has, and which keys of its list tables are facts.
struct FactKeys {
    scalars: &'static [&'static str],
    /// `(list key, fact keys of each row)`; other keys of a row are text.
    lists: &'static [(&'static str, &'static [&'static str])],
}

const PILLAR_FACTS: FactKeys = FactKeys {
    scalars: &["weight"],
    lists: &[(
        "indicators",
        &["unit", "baseline", "baseline_year", "target", "target_year"],
    )],
};
const PROGRAMME_FACTS: FactKeys = FactKeys {
    scalars: &[
        "pillar",
        "status",
        "quick_win",
        "start",
        "end",
        "lead",
        "partners",
        "budget",
    ],
    lists: &[("milestones", &["date", "done"])],
};
const STAKEHOLDER_FACTS: FactKeys = FactKeys {
    scalars: &[
        "kind",
        "organization",
        "groups",
        "email",
        "phone",
        "website",
        "address",
    ],
    lists: &[],
};
const EVENT_FACTS: FactKeys = FactKeys {
    scalars: &["date", "pillars", "stakeholders"],
    lists: &[],
};
const ARTICLE_FACTS: FactKeys = FactKeys {
    scalars: &["date"],
    lists: &[],
};

impl<'a> Reader<'a> {
    fn default_lang(&self) -> &Lang {
        &self.config.default_language
    }

    /// The files of a page: the one facts are read from first, then the translations.
    fn files(&self, page: &Page) -> Vec<&'a Source> {
        let mut files: Vec<&Source> = page
            .versions
            .iter()
            .filter(|v| v.translated)
            .filter_map(|v| v.source.map(|s| &self.sources.files[s]))
            .collect();
        files.sort_by_key(|s| &s.lang != self.default_lang());
        files
    }

    /// Reports facts a translation repeats with another value.
    fn compare_facts(&self, facts: &Source, translation: &Source, keys: &FactKeys) {
        for key in keys.scalars {
            let (Some(a), Some(b)) = (
                facts.front.entries.get(*key),
                translation.front.entries.get(*key),
            ) else {
                continue;
            };
            if !same_value(&a.value, &b.value) {
                self.fact_differs(facts, translation, key, b.line);
            }
        }
        for (list, row_keys) in keys.lists {
            let (Some(a), Some(b)) = (
                facts.front.entries.get(*list),
                translation.front.entries.get(*list),
            ) else {
                continue;
            };
            let (Value::Array(ra), Value::Array(rb)) = (&a.value, &b.value) else {
                continue;
            };
            if ra.len() != rb.len() {
                self.fact_differs(facts, translation, list, b.line);
                continue;
            }
            for (x, y) in ra.iter().zip(rb) {
                let (Value::Table(tx), Value::Table(ty)) = (&x.value, &y.value) else {
                    continue;
                };
                for k in *row_keys {
                    if let (Some(vx), Some(vy)) = (tx.entries.get(*k), ty.entries.get(*k))
                        && !same_value(&vx.value, &vy.value)
                    {
                        self.fact_differs(facts, translation, &format!("{list}.{k}"), vy.line);
                    }
                }
            }
        }
    }

    fn fact_differs(&self, facts: &Source, translation: &Source, key: &str, line: usize) {
        self.sink.push(
            Diagnostic::warning(
                &translation.file,
                format!("`{key}` differs from {}; the plan uses the value there", facts.file.display()),
            )
            .at(line, 0)
            .with_hint("a translation may leave facts out or repeat them unchanged: remove the line here or make it match")
            .with_kind(FACT_DIFFERS),
        );
    }

    /// Marks a translation's fact keys as known, so they are not reported as unknown.
    fn accept_facts(f: &Fields, keys: &FactKeys) {
        for k in keys.scalars {
            f.has(k);
        }
    }

    fn pillars(&self) -> IdSpace<'_> {
        IdSpace {
            ids: &self.pillar_ids,
            what: "pillar",
            folder: PILLARS,
        }
    }

    fn stakeholders(&self) -> IdSpace<'_> {
        IdSpace {
            ids: &self.stakeholder_ids,
            what: "stakeholder",
            folder: STAKEHOLDERS,
        }
    }

    fn check_id(
        &self,
        f: &Fields,
        key: &str,
        (line, column): (usize, usize),
        id: &str,
        space: IdSpace,
    ) -> bool {
        if space.ids.contains(&id) {
            return true;
        }
        let mut d = Diagnostic::error(
            f.file(),
            format!("`{key}`: there is no {} `{id}`", space.what),
        )
        .at(line, column);
        d = match did_you_mean(id, space.ids.iter().copied()) {
            Some(close) => d.with_hint(format!("did you mean `{close}`?")),
            None => d.with_hint(format!(
                "{} ids are the file names in content/{}/",
                space.what, space.folder
            )),
        };
        f.report(d);
        false
    }

    fn check_ids(&self, f: &Fields, key: &'static str, ids: &[String], space: IdSpace) -> bool {
        let positions = f.list_positions(key);
        let mut ok = true;
        for (i, id) in ids.iter().enumerate() {
            let pos = positions.get(i).copied().unwrap_or_else(|| f.pos_of(key));
            ok &= self.check_id(f, key, pos, id, space);
        }
        ok
    }

    fn groups(&self, section: &Page) -> Vec<Group> {
        let mut groups: Vec<Group> = Vec::new();
        for source in self.files(section) {
            let f = source.fields("front matter of the stakeholder directory", self.sink);
            for row in f.tables("groups", "a `[[groups]]` entry") {
                let id = row.required_str("id");
                let name = row.required_str("name");
                row.finish();
                let (Some(id), Some(name)) = (id, name) else {
                    continue;
                };
                let may_declare = source.lang == *self.default_lang() || !self.has_default(section);
                match groups.iter_mut().find(|g| g.id.0 == id) {
                    Some(g) => {
                        g.name.by_lang.entry(source.lang.clone()).or_insert(name);
                    }
                    None if may_declare => {
                        let mut texts = self.texts();
                        texts.by_lang.insert(source.lang.clone(), name);
                        groups.push(Group { id: GroupId(id), name: texts });
                    }
                    None => f.report(
                        row.error("id", format!("group `{id}` is not declared in the default-language file"))
                            .with_hint("declare every group in stakeholders/_index.md; translations only rename them"),
                    ),
                }
            }
            f.finish();
        }
        groups
    }

    fn has_default(&self, page: &Page) -> bool {
        page.version(self.default_lang()).translated
    }

    fn texts<T>(&self) -> Texts<T> {
        Texts {
            by_lang: Default::default(),
            default: Some(self.default_lang().clone()),
        }
    }

    fn pillar(&self, index: usize, page: &Page) -> Option<Pillar> {
        let files = self.files(page);
        let facts_src = *files.first()?;
        let mut pillar = Pillar {
            id: PillarId(page.name.clone()),
            page: index,
            weight: facts_src.meta.weight.unwrap_or(i64::MAX),
            summary: self.texts(),
            goals: self.texts(),
            indicators: Vec::new(),
        };
        for (i, src) in files.iter().enumerate() {
            let f = src.fields("a pillar", self.sink);
            if let Some(s) = f.str("summary") {
                pillar.summary.by_lang.insert(src.lang.clone(), s);
            }
            if f.has("goals") {
                pillar
                    .goals
                    .by_lang
                    .insert(src.lang.clone(), f.str_list("goals"));
            }
            for (n, row) in f
                .tables("indicators", "an `[[indicators]]` row")
                .into_iter()
                .enumerate()
            {
                let name = row.required_str("name");
                if i == 0 {
                    let year = |k| row.int(k).map(|y| y as i32);
                    pillar.indicators.push(Indicator {
                        name: self.texts(),
                        unit: row.str("unit").unwrap_or_default(),
                        baseline: row.number("baseline"),
                        baseline_year: year("baseline_year"),
                        target: row.number("target"),
                        target_year: year("target_year"),
                    });
                } else {
                    for k in ["unit", "baseline", "baseline_year", "target", "target_year"] {
                        row.has(k);
                    }
                }
                if let (Some(name), Some(ind)) = (name, pillar.indicators.get_mut(n)) {
                    ind.name.by_lang.insert(src.lang.clone(), name);
                }
                row.finish();
            }
            if i > 0 {
                Self::accept_facts(&f, &PILLAR_FACTS);
                self.compare_facts(facts_src, src, &PILLAR_FACTS);
            }
            f.finish();
        }
        Some(pillar)
    }

    fn programme(&self, index: usize, page: &Page) -> Option<Programme> {
        let files = self.files(page);
        let facts_src = *files.first()?;
        let f = facts_src.fields("a programme", self.sink);
        let pillar = f.required_str("pillar");
        let pillar_ok = pillar
            .as_deref()
            .is_some_and(|p| self.check_id(&f, "pillar", f.pos_of("pillar"), p, self.pillars()));
        let status = f.required_str("status").and_then(|s| {
            let parsed = Status::parse(&s);
            if parsed.is_none() {
                f.report(
                    f.error(
                        "status",
                        format!("`status` is \"{s}\", which is not a status"),
                    )
                    .with_hint(format!(
                        "allowed: {}",
                        Status::ALL
                            .iter()
                            .map(|s| s.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                );
            }
            parsed
        });
        let quick_win = f.bool("quick_win").unwrap_or(false);
        let start = f.year_or_date("start");
        if !f.has("start") {
            f.report(
                f.error("start", "a programme has no `start`, which is required")
                    .with_hint("add a line like: start = 2024"),
            );
        }
        let end = f.year_or_date("end");
        if let (Some(s), Some(e)) = (start, end)
            && e.year() < s.year()
        {
            f.report(f.error(
                "end",
                format!("`end` ({}) is before `start` ({})", e.year(), s.year()),
            ));
        }
        let lead = f.required_str("lead");
        let lead_ok = lead
            .as_deref()
            .is_some_and(|l| self.check_id(&f, "lead", f.pos_of("lead"), l, self.stakeholders()));
        let partners = f.str_list("partners");
        let partners_ok = self.check_ids(&f, "partners", &partners, self.stakeholders());
        let mut budget = Vec::new();
        for row in f.tables("budget", "a `[[budget]]` row") {
            let year = row.int("year");
            let amount = row.int("amount");
            if year.is_none() && !row.has("year") {
                f.report(row.error("year", "a `[[budget]]` row has no `year`"));
            }
            if amount.is_none() && !row.has("amount") {
                f.report(row.error(
                    "amount",
                    "a `[[budget]]` row has no `amount` (rupiah, a whole number)",
                ));
            }
            if let Some(a) = amount
                && a < 0
            {
                f.report(row.error("amount", "`amount` is negative"));
            }
            let source = match row.str("source") {
                None => Some(FundingSource::Other),
                Some(s) => {
                    let parsed = FundingSource::parse(&s);
                    if parsed.is_none() {
                        f.report(
                            row.error(
                                "source",
                                format!("`source` is \"{s}\", which is not a funding source"),
                            )
                            .with_hint(format!(
                                "allowed: {}",
                                FundingSource::ALL
                                    .iter()
                                    .map(|s| s.as_str())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            )),
                        );
                    }
                    parsed
                }
            };
            row.finish();
            if let (Some(year), Some(amount), Some(source)) = (year, amount, source) {
                budget.push(BudgetLine {
                    year: year as i32,
                    amount,
                    source,
                });
            }
        }
        let mut milestones = Vec::new();
        for row in f.tables("milestones", "a `[[milestones]]` row") {
            let date = row.date("date");
            if !row.has("date") {
                f.report(
                    row.error("date", "a `[[milestones]]` row has no `date`")
                        .with_hint("add: date = 2024-03-01"),
                );
            }
            let title = row.required_str("title");
            let done = row.bool("done").unwrap_or(false);
            row.finish();
            if let (Some(d), Some(s)) = (date, start) {
                let last = end.unwrap_or(s).year();
                if d.year < s.year() || d.year > last {
                    f.report(
                        Diagnostic::warning(
                            f.file(),
                            format!(
                                "milestone date {} is outside the programme's years {}–{last}",
                                d.iso(),
                                s.year()
                            ),
                        )
                        .at(row.line_of("date"), 0),
                    );
                }
            }
            if let Some(date) = date {
                let mut t = self.texts();
                if let Some(title) = title {
                    t.by_lang.insert(facts_src.lang.clone(), title);
                }
                milestones.push(Milestone {
                    date,
                    title: t,
                    done,
                });
            }
        }
        f.finish();
        for src in &files[1..] {
            let tf = src.fields("a programme", self.sink);
            Self::accept_facts(&tf, &PROGRAMME_FACTS);
            for (n, row) in tf
                .tables("milestones", "a `[[milestones]]` row")
                .into_iter()
                .enumerate()
            {
                row.has("date");
                row.has("done");
                if let (Some(title), Some(m)) = (row.str("title"), milestones.get_mut(n)) {
                    m.title.by_lang.insert(src.lang.clone(), title);
                }
                row.finish();
            }
            self.compare_facts(facts_src, src, &PROGRAMME_FACTS);
            tf.finish();
        }
        if !(pillar_ok && lead_ok && partners_ok) {
            return None;
        }
        Some(Programme {
            id: ProgrammeId(page.name.clone()),
            page: index,
            pillar: PillarId(pillar?),
            status: status?,
            quick_win,
            start: start?,
            end,
            lead: StakeholderId(lead?),
            partners: partners.into_iter().map(StakeholderId).collect(),
            budget,
            milestones,
        })
    }

    /// Also returns the `organization` reference to check once every kind is known.
    fn stakeholder(&self, index: usize, page: &Page) -> Option<(Stakeholder, Option<OrgRef>)> {
        let files = self.files(page);
        let facts_src = *files.first()?;
        let f = facts_src.fields("a stakeholder", self.sink);
        let kind = match f.str("kind").as_deref() {
            None | Some("organization") | Some("organisation") => StakeholderKind::Organization,
            Some("person") => StakeholderKind::Person,
            Some(other) => {
                f.report(
                    f.error(
                        "kind",
                        format!("`kind` is \"{other}\", which is not a kind of stakeholder"),
                    )
                    .with_hint("allowed: person, organization"),
                );
                StakeholderKind::Organization
            }
        };
        let organization = f.str("organization");
        let org_ref = organization
            .filter(|org| {
                self.check_id(
                    &f,
                    "organization",
                    f.pos_of("organization"),
                    org,
                    self.stakeholders(),
                )
            })
            .map(|org| OrgRef {
                file: facts_src.file.clone(),
                line: f.line_of("organization"),
                org: StakeholderId(org),
            });
        let groups = f.str_list("groups");
        let known_groups: Vec<&str> = self.group_ids.iter().map(String::as_str).collect();
        let groups_ok = {
            let positions = f.list_positions("groups");
            let mut ok = true;
            for (i, g) in groups.iter().enumerate() {
                if !known_groups.contains(&g.as_str()) {
                    ok = false;
                    let (line, column) = positions.get(i).copied().unwrap_or((0, 0));
                    let mut d =
                        Diagnostic::error(f.file(), format!("`groups`: there is no group `{g}`"))
                            .at(line, column);
                    d = match did_you_mean(g, known_groups.iter().copied()) {
                        Some(close) => d.with_hint(format!("did you mean `{close}`?")),
                        None => d.with_hint(
                            "groups are declared as [[groups]] in content/stakeholders/_index.md",
                        ),
                    };
                    f.report(d);
                }
            }
            ok
        };
        let contact = Contact {
            email: f.str("email"),
            phone: f.str("phone"),
            website: f.str("website"),
            address: f.str("address"),
        };
        let mut role = self.texts();
        for (i, src) in files.iter().enumerate() {
            let tf = if i == 0 {
                None
            } else {
                Some(src.fields("a stakeholder", self.sink))
            };
            let r = tf.as_ref().unwrap_or(&f);
            if let Some(text) = r.str("role") {
                role.by_lang.insert(src.lang.clone(), text);
            }
            if let Some(tf) = &tf {
                Self::accept_facts(tf, &STAKEHOLDER_FACTS);
                self.compare_facts(facts_src, src, &STAKEHOLDER_FACTS);
                tf.finish();
            }
        }
        f.finish();
        groups_ok.then(|| {
            (
                Stakeholder {
                    id: StakeholderId(page.name.clone()),
                    page: index,
                    kind,
                    role,
                    organization: org_ref.as_ref().map(|r| r.org.clone()),
                    groups: groups.into_iter().map(GroupId).collect(),
                    contact,
                },
                org_ref,
            )
        })
    }

    fn event(&self, index: usize, page: &Page) -> Option<TimelineEvent> {
        let files = self.files(page);
        let facts_src = *files.first()?;
        let f = facts_src.fields("a timeline event", self.sink);
        let date = facts_src.meta.date;
        if date.is_none() && !f.table_has("date") {
            f.report(
                f.error("date", "a timeline event has no `date`, which is required")
                    .with_hint("add a line like: date = 2023-07-05"),
            );
        }
        let pillars = f.str_list("pillars");
        let stakeholders = f.str_list("stakeholders");
        let ok = self.check_ids(&f, "pillars", &pillars, self.pillars())
            & self.check_ids(&f, "stakeholders", &stakeholders, self.stakeholders());
        f.finish();
        self.finish_translations(&files, "a timeline event", &EVENT_FACTS);
        (ok && date.is_some()).then(|| TimelineEvent {
            id: EventId(page.name.clone()),
            page: index,
            date: date.unwrap_or(crate::load::toml_tree::Date {
                year: 1,
                month: 1,
                day: 1,
            }),
            pillars: pillars.into_iter().map(PillarId).collect(),
            stakeholders: stakeholders.into_iter().map(StakeholderId).collect(),
        })
    }

    fn article(&self, index: usize, page: &Page) -> Option<NewsArticle> {
        let files = self.files(page);
        let facts_src = *files.first()?;
        let f = facts_src.fields("a news article", self.sink);
        if facts_src.meta.date.is_none() && !f.table_has("date") {
            f.report(
                f.error("date", "a news article has no `date`, which is required")
                    .with_hint("add a line like: date = 2024-01-15"),
            );
        }
        f.finish();
        self.finish_translations(&files, "a news article", &ARTICLE_FACTS);
        facts_src.meta.date.map(|date| NewsArticle {
            id: ArticleId(page.name.clone()),
            page: index,
            date,
        })
    }

    /// Translations of an item without text fields of its own: check facts and keys.
    fn finish_translations(&self, files: &[&Source], what: &str, keys: &FactKeys) {
        for src in &files[1..] {
            let tf = src.fields(what, self.sink);
            Self::accept_facts(&tf, keys);
            self.compare_facts(files[0], src, keys);
            tf.finish();
        }
    }
}

/// Equal values, whatever their positions in their files.
fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_value(&p.value, &q.value))
        }
        (Value::Table(x), Value::Table(y)) => same_table(x, y),
        (Value::Integer(i), Value::Float(f)) | (Value::Float(f), Value::Integer(i)) => {
            (*i as f64) == *f
        }
        _ => a == b,
    }
}

fn same_table(x: &Table, y: &Table) -> bool {
    x.entries.len() == y.entries.len()
        && x.entries.iter().all(|(k, Field { value, .. })| {
            y.entries
                .get(k)
                .is_some_and(|f| same_value(value, &f.value))
        })
}
