//! Sources -> [`PlanModel`]: reading the plan folders and checking every
//! cross-reference.
//!
//! Ids are file names, so every id of the plan is known from the page tree
//! before any file is read; references are checked as they are read, where
//! the reader still knows their line. Which keys an item has, which are
//! required and which are facts comes from [`super::schema`]. Facts are read
//! from the default-language file; a translation may leave them out or
//! repeat them, and a repeated fact that differs is reported (the default
//! language's value is used). Text fields are read from each language's own
//! file.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::model::*;
use super::pages::{NEWS, PILLARS, PROGRAMS, Page, PageKind, PageTree, STAKEHOLDERS, TIMELINE};
use super::schema::{self, Key, Schema};
use crate::config::{Config, Lang};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::load::{Source, Sources};
use crate::table::fields::{Fields, Problems, YearOrDate};
use crate::table::{Field, Table, Value};

/// The kind of the warning about a translation repeating a fact differently
/// (`build` uses the default language's value; `check` stops on it).
pub const FACT_DIFFERS: &str = "translation-fact-differs";

/// Whether a page key (`programs/x`, `programs/_index`) is in a plan folder.
pub fn is_plan_key(key: &str) -> bool {
    key.split('/')
        .next()
        .is_some_and(|folder| [PILLARS, PROGRAMS, STAKEHOLDERS, TIMELINE, NEWS].contains(&folder))
}

/// The schema of the plan item a page holds, from its folder.
fn schema_of(page: &Page) -> Option<&'static Schema> {
    if page.kind != PageKind::Page || page.dir.len() != 1 {
        return None;
    }
    match page.dir[0].as_str() {
        PILLARS => Some(&schema::PILLAR),
        PROGRAMS => Some(&schema::PROGRAMME),
        STAKEHOLDERS => Some(&schema::STAKEHOLDER),
        TIMELINE => Some(&schema::EVENT),
        NEWS => Some(&schema::ARTICLE),
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

/// Everything a reader needs: the sources, the known ids, where problems go.
struct Reader<'a> {
    config: &'a Config,
    sources: &'a Sources,
    problems: &'a Problems,
    pillar_ids: Vec<&'a str>,
    stakeholder_ids: Vec<&'a str>,
    group_ids: Vec<String>,
}

/// Reads the plan and reports every problem into `problems`. Returns the keys
/// of the pages whose front matter was fully read (others are read as plain pages).
pub fn read_model(
    config: &Config,
    sources: &Sources,
    tree: &PageTree,
    problems: &Problems,
) -> (PlanModel, BTreeSet<String>) {
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
        problems,
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
    for (index, page) in tree.pages.iter_enumerated() {
        let Some(schema) = schema_of(page) else {
            continue;
        };
        read_keys.insert(page.key.clone());
        let files = reader.files(page);
        let Some(item) = Item::open(&reader, index, page, &files, schema) else {
            continue;
        };
        match schema.what {
            w if w == schema::PILLAR.what => model.pillars.extend(reader.pillar(&item)),
            w if w == schema::PROGRAMME.what => model.programmes.extend(reader.programme(&item)),
            w if w == schema::STAKEHOLDER.what => {
                if let Some((s, org_ref)) = reader.stakeholder(&item) {
                    organisation_refs.extend(org_ref);
                    model.stakeholders.push(s);
                }
            }
            w if w == schema::EVENT.what => model.events.extend(reader.event(&item)),
            _ => model.news.extend(reader.article(&item)),
        }
        item.finish(&reader);
    }
    sort(&mut model);
    reader.check_organisations(&model, organisation_refs);
    model.build_index();
    (model, read_keys)
}

/// The plan's orders: pillars by weight, programmes by pillar then start,
/// stakeholders by id, events by date, news newest first.
fn sort(model: &mut PlanModel) {
    model.stakeholders.raw.sort_by(|a, b| a.id.cmp(&b.id));
    model
        .pillars
        .raw
        .sort_by(|a, b| (a.weight, &a.id).cmp(&(b.weight, &b.id)));
    let pillar_rank = |id: &PillarId| {
        model
            .pillars
            .iter()
            .position(|p| &p.id == id)
            .unwrap_or(usize::MAX)
    };
    let mut programmes = std::mem::take(&mut model.programmes.raw);
    programmes.sort_by_cached_key(|p| (pillar_rank(&p.pillar), p.start, p.id.clone()));
    model.programmes.raw = programmes;
    model
        .events
        .raw
        .sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    model
        .news
        .raw
        .sort_by(|a, b| (b.date, &a.id).cmp(&(a.date, &b.id)));
}

/// One plan item being read: its facts file (the default language's, else
/// the first there is) with its reader, and its translations.
struct Item<'a> {
    id: String,
    page: PageId,
    schema: &'static Schema,
    facts: &'a Source,
    f: Fields<'a>,
    translations: Vec<(&'a Source, Fields<'a>)>,
}

impl<'a> Item<'a> {
    fn open(
        reader: &Reader<'a>,
        page_id: PageId,
        page: &Page,
        files: &[&'a Source],
        schema: &'static Schema,
    ) -> Option<Item<'a>> {
        let (&facts, rest) = files.split_first()?;
        let f = facts.fields(schema.what, reader.problems);
        declare(&f, schema.keys);
        require(&f, schema.keys);
        let translations = rest
            .iter()
            .map(|&src| {
                let tf = src.fields(schema.what, reader.problems);
                for key in schema.keys.iter().filter(|k| k.is_fact()) {
                    tf.has(key.name);
                }
                (src, tf)
            })
            .collect();
        Some(Item {
            id: page.name.clone(),
            page: page_id,
            schema,
            facts,
            f,
            translations,
        })
    }

    /// Every file of the item with its reader, and whether it is the facts
    /// file (the first).
    fn all(&self) -> impl Iterator<Item = (&'a Source, &Fields<'a>, bool)> + '_ {
        std::iter::once((self.facts, &self.f, true))
            .chain(self.translations.iter().map(|(s, f)| (*s, f, false)))
    }

    /// Compares the facts translations repeat, then reports unknown keys.
    fn finish(&self, reader: &Reader) {
        for (src, tf) in &self.translations {
            reader.compare_facts(self.facts, src, self.schema);
            tf.finish();
        }
        self.f.finish();
    }
}

/// Marks the schema's keys as known, so that only others are reported as unknown.
fn declare(f: &Fields, keys: &'static [Key]) {
    for key in keys {
        f.has(key.name);
    }
}

/// Reports every required key that is missing, all the same way.
fn require(f: &Fields, keys: &[Key]) {
    for key in keys.iter().filter(|k| k.required) {
        if !f.table_has(key.name) {
            f.report_missing(key.name, key.example);
        }
    }
}

/// The rows of an array of tables, each with its keys declared, and its
/// required ones checked in the facts file (a translation may leave facts out).
fn rows<'a>(f: &Fields<'a>, key: &'static str, what: &str, facts: bool) -> Vec<Fields<'a>> {
    let row_keys = schema_row_keys(key);
    let rows = f.tables(key, what);
    for row in &rows {
        declare(row, row_keys);
        if facts {
            require(row, row_keys);
        }
    }
    rows
}

fn schema_row_keys(key: &str) -> &'static [Key] {
    [&schema::PILLAR, &schema::PROGRAMME]
        .iter()
        .find_map(|s| s.key(key))
        .map_or(&[], |k| k.row_keys())
}

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

    fn localized<T>(&self) -> Localized<T> {
        Localized {
            by_lang: Default::default(),
            default: Some(self.default_lang().clone()),
        }
    }

    /// Reports facts a translation repeats with another value.
    fn compare_facts(&self, facts: &Source, translation: &Source, schema: &Schema) {
        for key in schema.keys {
            let (Some(a), Some(b)) = (
                facts.front.entries.get(key.name),
                translation.front.entries.get(key.name),
            ) else {
                continue;
            };
            if key.is_fact() {
                if !same_value(&a.value, &b.value) {
                    self.fact_differs(facts, translation, key.name, b.line);
                }
                continue;
            }
            let (Value::Array(ra), Value::Array(rb)) = (&a.value, &b.value) else {
                continue;
            };
            if ra.len() != rb.len() {
                self.fact_differs(facts, translation, key.name, b.line);
                continue;
            }
            for (x, y) in ra.iter().zip(rb) {
                let (Value::Table(tx), Value::Table(ty)) = (&x.value, &y.value) else {
                    continue;
                };
                for k in key.row_keys().iter().filter(|k| k.is_fact()) {
                    if let (Some(vx), Some(vy)) = (tx.entries.get(k.name), ty.entries.get(k.name))
                        && !same_value(&vx.value, &vy.value)
                    {
                        let name = format!("{}.{}", key.name, k.name);
                        self.fact_differs(facts, translation, &name, vy.line);
                    }
                }
            }
        }
    }

    fn fact_differs(&self, facts: &Source, translation: &Source, key: &str, line: usize) {
        self.problems.push(
            Diagnostic::warning(
                &translation.file,
                format!("`{key}` differs from {}; the plan uses the value there", facts.file.display()),
            )
            .at(line, 0)
            .with_hint("a translation may leave facts out or repeat them unchanged: remove the line here or make it match")
            .with_kind(FACT_DIFFERS),
        );
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

    /// A required id reference; `None` when missing or unknown.
    fn id(&self, f: &Fields, key: &'static str, space: IdSpace) -> Option<String> {
        let id = f.non_empty_str(key)?;
        self.check_id(f, key, f.pos_of(key), &id, space)
            .then_some(id)
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

    /// An enumerated value (`status`, a budget's `source`); a bad one lists the allowed values.
    fn choice<T: Copy>(
        &self,
        f: &Fields,
        key: &'static str,
        what: &str,
        all: &[T],
        name: impl Fn(T) -> &'static str,
    ) -> Option<T> {
        let s = f.str(key)?;
        let found = all.iter().copied().find(|&x| name(x) == s);
        if found.is_none() {
            let allowed: Vec<&str> = all.iter().map(|&x| name(x)).collect();
            f.report(
                f.error(key, format!("`{key}` is \"{s}\", which is not {what}"))
                    .with_hint(format!("allowed: {}", allowed.join(", "))),
            );
        }
        found
    }

    fn groups(&self, section: &Page) -> Vec<Group> {
        let mut groups: Vec<Group> = Vec::new();
        let may_declare_any = !section.version(self.default_lang()).translated;
        for source in self.files(section) {
            let f = source.fields("front matter of the stakeholder directory", self.problems);
            for row in f.tables("groups", "a `[[groups]]` entry") {
                declare(&row, schema::GROUP);
                require(&row, schema::GROUP);
                let (Some(id), Some(name)) = (row.non_empty_str("id"), row.non_empty_str("name"))
                else {
                    row.finish();
                    continue;
                };
                row.finish();
                let may_declare = source.lang == *self.default_lang() || may_declare_any;
                match groups.iter_mut().find(|g| g.id.0 == id) {
                    Some(g) => {
                        g.name.by_lang.entry(source.lang.clone()).or_insert(name);
                    }
                    None if may_declare => {
                        let mut name_by_lang = self.localized();
                        name_by_lang.by_lang.insert(source.lang.clone(), name);
                        groups.push(Group {
                            id: GroupId(id),
                            name: name_by_lang,
                        });
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

    fn pillar(&self, item: &Item) -> Option<Pillar> {
        let mut pillar = Pillar {
            id: PillarId(item.id.clone()),
            page: item.page,
            weight: item.facts.meta.weight.unwrap_or(i64::MAX),
            summary: self.localized(),
            goals: self.localized(),
            indicators: Vec::new(),
        };
        for (src, f, facts) in item.all() {
            let lang = &src.lang;
            if let Some(s) = f.str("summary") {
                pillar.summary.by_lang.insert(lang.clone(), s);
            }
            if f.table_has("goals") {
                pillar
                    .goals
                    .by_lang
                    .insert(lang.clone(), f.str_list("goals"));
            }
            for (n, row) in rows(f, "indicators", "an `[[indicators]]` row", facts)
                .into_iter()
                .enumerate()
            {
                if facts {
                    let year = |k| row.int(k).map(|y| y as i32);
                    pillar.indicators.push(Indicator {
                        name: self.localized(),
                        unit: row.str("unit").unwrap_or_default(),
                        baseline: row.number("baseline"),
                        baseline_year: year("baseline_year"),
                        target: row.number("target"),
                        target_year: year("target_year"),
                    });
                }
                if let (Some(name), Some(ind)) =
                    (row.non_empty_str("name"), pillar.indicators.get_mut(n))
                {
                    ind.name.by_lang.insert(lang.clone(), name);
                }
                row.finish();
            }
        }
        Some(pillar)
    }

    fn programme(&self, item: &Item) -> Option<Programme> {
        let f = &item.f;
        let pillar = self.id(f, "pillar", self.pillars());
        let status = self.choice(f, "status", "a status", &Status::ALL, |s| s.as_str());
        let start = f.year_or_date("start");
        let end = f.year_or_date("end");
        if let (Some(s), Some(e)) = (start, end)
            && e.year() < s.year()
        {
            f.report(f.error(
                "end",
                format!("`end` ({}) is before `start` ({})", e.year(), s.year()),
            ));
        }
        let lead = self.id(f, "lead", self.stakeholders());
        let partners = f.str_list("partners");
        let partners_ok = self.check_ids(f, "partners", &partners, self.stakeholders());
        let budget = self.budget(f);
        let milestones = self.milestones(item, start, end);
        let quick_win = f.bool("quick_win").unwrap_or(false);
        let (pillar, lead, start) = (pillar?, lead?, start?);
        if !partners_ok {
            return None;
        }
        Some(Programme {
            id: ProgrammeId(item.id.clone()),
            page: item.page,
            pillar: PillarId(pillar),
            status: status?,
            quick_win,
            start,
            end: end.unwrap_or(start),
            lead: StakeholderId(lead),
            partners: partners.into_iter().map(StakeholderId).collect(),
            budget_total: budget.iter().map(|b| b.amount).sum(),
            budget,
            milestones,
        })
    }

    fn budget(&self, f: &Fields) -> Vec<BudgetLine> {
        let mut budget = Vec::new();
        for row in rows(f, "budget", "a `[[budget]]` row", true) {
            let year = row.int("year");
            let amount = row.int("amount");
            if let Some(a) = amount
                && a < 0
            {
                f.report(row.error("amount", "`amount` is negative"));
            }
            let source = match row.table_has("source") {
                false => Some(FundingSource::Other),
                true => self.choice(
                    &row,
                    "source",
                    "a funding source",
                    &FundingSource::ALL,
                    |s| s.as_str(),
                ),
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
        budget
    }

    /// Milestones: dates and `done` from the facts file, titles from every language's.
    fn milestones(
        &self,
        item: &Item,
        start: Option<YearOrDate>,
        end: Option<YearOrDate>,
    ) -> Vec<Milestone> {
        let mut milestones: Vec<Milestone> = Vec::new();
        for (src, f, facts) in item.all() {
            for (n, row) in rows(f, "milestones", "a `[[milestones]]` row", facts)
                .into_iter()
                .enumerate()
            {
                let title = row.non_empty_str("title");
                if facts {
                    let date = row.date("date");
                    let done = row.bool("done").unwrap_or(false);
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
                        let mut m = Milestone {
                            date,
                            done,
                            title: self.localized(),
                        };
                        m.title.by_lang.extend(title.map(|t| (src.lang.clone(), t)));
                        milestones.push(m);
                    }
                } else if let (Some(title), Some(m)) = (title, milestones.get_mut(n)) {
                    m.title.by_lang.insert(src.lang.clone(), title);
                }
                row.finish();
            }
        }
        milestones
    }

    /// Also returns the `organization` reference to check once every kind is known.
    fn stakeholder(&self, item: &Item) -> Option<(Stakeholder, Option<OrgRef>)> {
        let f = &item.f;
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
        let org_ref = f
            .str("organization")
            .filter(|org| {
                let pos = f.pos_of("organization");
                self.check_id(f, "organization", pos, org, self.stakeholders())
            })
            .map(|org| OrgRef {
                file: item.facts.file.clone(),
                line: f.line_of("organization"),
                org: StakeholderId(org),
            });
        let groups = f.str_list("groups");
        let groups_ok = self.check_groups(f, &groups);
        let contact = Contact {
            email: f.str("email"),
            phone: f.str("phone"),
            website: f.str("website"),
            address: f.str("address"),
        };
        let mut role = self.localized();
        for (src, f, _) in item.all() {
            if let Some(text) = f.str("role") {
                role.by_lang.insert(src.lang.clone(), text);
            }
        }
        groups_ok.then(|| {
            let stakeholder = Stakeholder {
                id: StakeholderId(item.id.clone()),
                page: item.page,
                kind,
                role,
                organization: org_ref.as_ref().map(|r| r.org.clone()),
                groups: groups.into_iter().map(GroupId).collect(),
                contact,
            };
            (stakeholder, org_ref)
        })
    }

    fn check_groups(&self, f: &Fields, groups: &[String]) -> bool {
        let known: Vec<&str> = self.group_ids.iter().map(String::as_str).collect();
        let positions = f.list_positions("groups");
        let mut ok = true;
        for (i, g) in groups.iter().enumerate() {
            if known.contains(&g.as_str()) {
                continue;
            }
            ok = false;
            let (line, column) = positions.get(i).copied().unwrap_or((0, 0));
            let d = Diagnostic::error(f.file(), format!("`groups`: there is no group `{g}`"))
                .at(line, column);
            f.report(match did_you_mean(g, known.iter().copied()) {
                Some(close) => d.with_hint(format!("did you mean `{close}`?")),
                None => d.with_hint(
                    "groups are declared as [[groups]] in content/stakeholders/_index.md",
                ),
            });
        }
        ok
    }

    fn check_organisations(&self, model: &PlanModel, refs: Vec<OrgRef>) {
        for OrgRef { file, line, org } in refs {
            if let Some(s) = model.stakeholder(&org)
                && s.kind != StakeholderKind::Organization
            {
                self.problems.push(
                    Diagnostic::error(file, format!("`organization` must be an organization, but `{org}` is a person"))
                        .at(line, 0)
                        .with_hint("point to the stakeholder file of the office or agency (kind = \"organization\")"),
                );
            }
        }
    }

    fn event(&self, item: &Item) -> Option<TimelineEvent> {
        let f = &item.f;
        let pillars = f.str_list("pillars");
        let stakeholders = f.str_list("stakeholders");
        let ok = self.check_ids(f, "pillars", &pillars, self.pillars())
            & self.check_ids(f, "stakeholders", &stakeholders, self.stakeholders());
        let date = item.facts.meta.date?;
        ok.then(|| TimelineEvent {
            id: EventId(item.id.clone()),
            page: item.page,
            date,
            pillars: pillars.into_iter().map(PillarId).collect(),
            stakeholders: stakeholders.into_iter().map(StakeholderId).collect(),
        })
    }

    fn article(&self, item: &Item) -> Option<NewsArticle> {
        item.facts.meta.date.map(|date| NewsArticle {
            id: ArticleId(item.id.clone()),
            page: item.page,
            date,
        })
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
