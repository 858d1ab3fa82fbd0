//! Reading each kind of plan item into the model: pillars, programmes
//! (with budget and milestones), stakeholders and their groups, events and
//! news articles.

use super::reader::{Item, OrgRef, Reader, declare, front_matter, require, rows};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::plan::model::*;
use crate::plan::pages::Page;
use crate::plan::schema;
use crate::table::Date;
use crate::table::fields::Fields;

/// The sum of a programme's budget rows; a sum too large to count is an
/// error (it would otherwise wrap around to a negative amount).
fn budget_total(f: &Fields, budget: &[BudgetLine]) -> i64 {
    let total = budget
        .iter()
        .try_fold(0i64, |sum, b| sum.checked_add(b.amount));
    total.unwrap_or_else(|| {
        f.report(
            f.error(
                "budget",
                "the `[[budget]]` rows add up to more than terbit can count",
            )
            .with_hint("check the amounts: they are whole rupiah, like 1500000000"),
        );
        0
    })
}

impl Reader<'_> {
    pub(super) fn groups(&self, section: &Page) -> Vec<Group> {
        let mut groups: Vec<Group> = Vec::new();
        let may_declare_any = !section.version(self.default_lang()).translated;
        for source in self.files(section) {
            let f = front_matter(
                source,
                "front matter of the stakeholder directory",
                self.problems,
            );
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

    pub(super) fn pillar(&self, item: &Item) -> Option<Pillar> {
        let mut pillar = Pillar {
            id: PillarId(item.id.clone()),
            page: item.page,
            illustrative: item.illustrative,
            sources: item.sources(),
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
                        source: item.cite(&row, "source"),
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

    pub(super) fn programme(&self, item: &Item) -> Option<Programme> {
        let f = &item.f;
        let pillar = self.id(f, "pillar", self.pillars());
        let status = self.choice(f, "status", "a status", &Status::ALL, |s| s.as_str());
        let start = f.year_or_date("start");
        let end = f.year_or_date("end");
        if let (Some(s), Some(e)) = (start, end)
            && e.year < s.year
        {
            f.report(f.error(
                "end",
                format!("`end` ({}) is before `start` ({})", e.year, s.year),
            ));
        }
        let lead = self.id(f, "lead", self.stakeholders());
        let partners = f.str_list("partners");
        let partners_ok = self.check_ids(f, "partners", &partners, self.stakeholders());
        let budget = self.budget(item);
        let milestones = self.milestones(item, start, end);
        let quick_win = f.bool("quick_win").unwrap_or(false);
        let (pillar, lead, start) = (pillar?, lead?, start?);
        if !partners_ok {
            return None;
        }
        Some(Programme {
            id: ProgrammeId(item.id.clone()),
            page: item.page,
            illustrative: item.illustrative,
            sources: item.sources(),
            pillar: PillarId(pillar),
            status: status?,
            quick_win,
            start,
            end: end.unwrap_or(start),
            lead: StakeholderId(lead),
            partners: partners.into_iter().map(StakeholderId).collect(),
            budget_total: budget_total(f, &budget),
            budget,
            milestones,
        })
    }

    fn budget(&self, item: &Item) -> Vec<BudgetLine> {
        let f = &item.f;
        let mut budget = Vec::new();
        for row in rows(f, "budget", "a `[[budget]]` row", true) {
            let year = row.int("year");
            let amount = row.int("amount");
            if let Some(a) = amount
                && a < 0
            {
                f.report(row.error("amount", "`amount` is negative"));
            }
            // SPEC §4 gives `source` two meanings on a budget row: the funding kind,
            // and (as on indicators and milestones) the id of one of the file's
            // sources. A value naming a source is a citation; `cite` says the same
            // without the ambiguity.
            let cites = row.peek_str("source").is_some_and(|s| {
                item.has_source(s) && !FundingSource::ALL.iter().any(|f| f.as_str() == s)
            });
            let mut cite = item.cite(&row, "cite");
            let source = match row.table_has("source") {
                false => Some(FundingSource::Other),
                true if cites => {
                    cite = cite.or_else(|| row.str("source"));
                    Some(FundingSource::Other)
                }
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
                    cite,
                });
            }
        }
        budget
    }

    /// Milestones: dates and `done` from the facts file, titles from every language's.
    fn milestones(&self, item: &Item, start: Option<Date>, end: Option<Date>) -> Vec<Milestone> {
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
                        let last = end.unwrap_or(s).year;
                        if d.year < s.year || d.year > last {
                            f.report(
                                Diagnostic::warning(
                                    f.file(),
                                    format!(
                                        "milestone date {} is outside the programme's years {}–{last}",
                                        d.iso(),
                                        s.year
                                    ),
                                )
                                .at(row.line_of("date"), 0)
                                .with_kind("milestone-outside-years"),
                            );
                        }
                    }
                    let source = item.cite(&row, "source");
                    if let Some(date) = date {
                        let mut m = Milestone {
                            date,
                            done,
                            overdue: !done && date.last_day() < self.config.today,
                            title: self.localized(),
                            source,
                            line: row.line_of("date"),
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
    pub(super) fn stakeholder(&self, item: &Item) -> Option<(Stakeholder, Option<OrgRef>)> {
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
                    .with_hint(super::reader::choice_hint(other, &StakeholderKind::NAMES)),
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
            website: f
                .str("website")
                .filter(|w| crate::load::meta::url_allowed(f, "website", w)),
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
                illustrative: item.illustrative,
                sources: item.sources(),
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

    pub(super) fn check_organisations(&self, model: &PlanModel, refs: Vec<OrgRef>) {
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

    pub(super) fn event(&self, item: &Item) -> Option<TimelineEvent> {
        let f = &item.f;
        let pillars = f.str_list("pillars");
        let stakeholders = f.str_list("stakeholders");
        let ok = self.check_ids(f, "pillars", &pillars, self.pillars())
            & self.check_ids(f, "stakeholders", &stakeholders, self.stakeholders());
        let date = item.facts.meta.date?;
        ok.then(|| TimelineEvent {
            id: EventId(item.id.clone()),
            page: item.page,
            illustrative: item.illustrative,
            sources: item.sources(),
            date,
            before: f.bool("before").unwrap_or(false),
            pillars: pillars.into_iter().map(PillarId).collect(),
            stakeholders: stakeholders.into_iter().map(StakeholderId).collect(),
        })
    }

    pub(super) fn article(&self, item: &Item) -> Option<NewsArticle> {
        item.facts.meta.date.map(|date| NewsArticle {
            id: ArticleId(item.id.clone()),
            page: item.page,
            illustrative: item.illustrative,
            sources: item.sources(),
            date,
        })
    }
}
