//! The template context of the plan's pages: pillars, programmes,
//! stakeholders, the directory, the timeline and the home page's overview.
//!
//! Everything a page lists is looked up through the plan's index (never by
//! scanning the plan), in the reader's language, with numbers and dates
//! written the reader's way and each chart made as inline SVG.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use super::charts::{self, MatrixRow, Segment, Series, Span};
use super::context::{LangGlobals, Link};
use crate::config::Lang;
use crate::plan::model::*;
use crate::plan::read::{NEWS, PILLARS, PROGRAMS, STAKEHOLDERS, TIMELINE};
use crate::plan::{Page, PageKind, Plan};

/// Largest number of programmes a pillar's roadmap draws one bar each for;
/// beyond it the chart counts programmes per year instead.
const GANTT_MAX_ROWS: usize = 40;

/// A text in the reader's language, or in the language it fell back to.
#[derive(Serialize)]
struct Text {
    text: String,
    /// Set only when the text is not in the page's language.
    lang: Option<String>,
}

fn text(texts: &Texts<String>, lang: &Lang) -> Option<Text> {
    let t = texts.get(lang)?;
    let in_lang = texts
        .lang_of(lang)
        .filter(|l| *l != lang)
        .map(|l| l.to_string());
    Some(Text {
        text: t.clone(),
        lang: in_lang,
    })
}

#[derive(Serialize)]
struct ProgrammeSummary {
    #[serde(flatten)]
    link: Link,
    id: String,
    status: Status,
    status_label: String,
    quick_win: bool,
    years: String,
    pillar: String,
    lead: String,
    budget_total: String,
}

#[derive(Serialize)]
struct StatusGroup {
    status: Status,
    label: String,
    programmes: Vec<ProgrammeSummary>,
}

#[derive(Serialize)]
struct MilestoneEntry {
    date: String,
    date_text: String,
    title: Option<Text>,
    done: bool,
    programme: Link,
}

#[derive(Serialize)]
struct PillarCard {
    #[serde(flatten)]
    link: Link,
    id: String,
    summary: Option<Text>,
    programme_count: usize,
}

#[derive(Serialize)]
struct TableRow {
    label: Link,
    cells: Vec<String>,
}

/// The numbers behind a chart, for its table alternative.
#[derive(Serialize)]
struct ChartTable {
    columns: Vec<String>,
    rows: Vec<TableRow>,
    totals: Vec<String>,
}

pub struct PlanView<'a> {
    pub plan: &'a Plan,
    pub g: &'a LangGlobals<'a>,
    /// Every page whose link or title this page used, for incremental rebuilds.
    pub used: std::cell::RefCell<Vec<usize>>,
}

impl<'a> PlanView<'a> {
    fn model(&self) -> &PlanModel {
        &self.plan.model
    }

    pub fn new(plan: &'a Plan, g: &'a LangGlobals) -> Self {
        PlanView {
            plan,
            g,
            used: Default::default(),
        }
    }

    fn link(&self, page: usize) -> Link {
        self.used.borrow_mut().push(page);
        self.g.links[page].clone()
    }

    fn title(&self, page: usize) -> String {
        self.used.borrow_mut().push(page);
        self.g.links[page].title.clone()
    }

    fn status_label(&self, s: Status) -> String {
        self.g.s(&format!("status_{}", s.as_str()))
    }

    fn money(&self, amount: i64) -> String {
        self.g
            .s("currency_format")
            .replace("{amount}", &self.g.locale.integer(amount))
    }

    fn years(&self, p: &Programme) -> String {
        let (s, e) = (p.start.year(), p.end_year());
        if s == e {
            s.to_string()
        } else {
            format!("{s}–{e}")
        }
    }

    fn summary(&self, i: usize) -> ProgrammeSummary {
        let p = &self.model().programmes[i];
        let title_of = |page: Option<usize>| page.map(|pg| self.title(pg)).unwrap_or_default();
        ProgrammeSummary {
            link: self.link(p.page),
            id: p.id.to_string(),
            status: p.status,
            status_label: self.status_label(p.status),
            quick_win: p.quick_win,
            years: self.years(p),
            pillar: title_of(self.model().pillar(&p.pillar).map(|x| x.page)),
            lead: title_of(self.model().stakeholder(&p.lead).map(|x| x.page)),
            budget_total: self.money(p.budget_total()),
        }
    }

    fn by_status(&self, programmes: &[usize]) -> Vec<StatusGroup> {
        Status::ALL
            .iter()
            .filter_map(|&st| {
                let list: Vec<ProgrammeSummary> = programmes
                    .iter()
                    .filter(|&&i| self.model().programmes[i].status == st)
                    .map(|&i| self.summary(i))
                    .collect();
                (!list.is_empty()).then(|| StatusGroup {
                    status: st,
                    label: self.status_label(st),
                    programmes: list,
                })
            })
            .collect()
    }

    /// Links to the pages of the plan items numbered in `items`.
    fn links_of(&self, items: Option<&Vec<usize>>, page_of: impl Fn(usize) -> usize) -> Vec<Link> {
        items
            .into_iter()
            .flatten()
            .map(|&i| self.link(page_of(i)))
            .collect()
    }

    fn event_links(&self, events: Option<&Vec<usize>>) -> Vec<Link> {
        self.links_of(events, |e| self.model().events[e].page)
    }

    fn stakeholder_link(&self, id: &StakeholderId) -> Option<Link> {
        self.model().stakeholder(id).map(|s| self.link(s.page))
    }

    fn pillar_card(&self, p: &Pillar) -> PillarCard {
        PillarCard {
            link: self.link(p.page),
            id: p.id.to_string(),
            summary: text(&p.summary, &self.g.lang),
            programme_count: self
                .model()
                .index
                .programmes_of_pillar
                .get(&p.id)
                .map_or(0, Vec::len),
        }
    }

    fn milestone_entries<'m>(
        &self,
        items: impl Iterator<Item = (&'m Milestone, &'m Programme)>,
    ) -> Vec<MilestoneEntry> {
        items
            .map(|(m, p)| MilestoneEntry {
                date: m.date.iso(),
                date_text: self.g.locale.date(&m.date),
                title: text(&m.title, &self.g.lang),
                done: m.done,
                programme: self.link(p.page),
            })
            .collect()
    }

    /// Years from the earliest start to the latest end of `programmes`.
    fn year_span(&self, programmes: &[usize]) -> Vec<i32> {
        let ps = programmes.iter().map(|&i| &self.model().programmes[i]);
        let first = ps.clone().map(|p| p.start.year()).min();
        let last = ps.map(|p| p.end_year()).max();
        match (first, last) {
            (Some(a), Some(b)) if b - a < 60 => (a..=b).collect(),
            (Some(a), Some(_)) => (a..a + 60).collect(),
            _ => Vec::new(),
        }
    }

    /// Programmes running in each year, per pillar: the roadmap matrix and its table.
    fn roadmap(&self, id: &str, pillars: &[&Pillar]) -> (String, ChartTable) {
        let all: Vec<usize> = (0..self.model().programmes.len()).collect();
        let years = self.year_span(&all);
        let mut rows = Vec::new();
        let mut table_rows = Vec::new();
        for p in pillars {
            let list = self
                .model()
                .index
                .programmes_of_pillar
                .get(&p.id)
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let counts: Vec<usize> = years
                .iter()
                .map(|&y| list.iter().filter(|&&i| self.runs_in(i, y)).count())
                .collect();
            table_rows.push(TableRow {
                label: self.link(p.page),
                cells: counts.iter().map(|c| c.to_string()).collect(),
            });
            rows.push((self.title(p.page), counts));
        }
        let matrix_rows: Vec<MatrixRow> = rows
            .iter()
            .map(|(l, c)| MatrixRow {
                label: l,
                counts: c.clone(),
            })
            .collect();
        let svg = charts::matrix(
            id,
            &self.g.s("roadmap_title"),
            &self.g.s("roadmap_desc"),
            &years,
            &matrix_rows,
        );
        let table = ChartTable {
            columns: years.iter().map(i32::to_string).collect(),
            rows: table_rows,
            totals: Vec::new(),
        };
        (svg, table)
    }

    fn runs_in(&self, programme: usize, year: i32) -> bool {
        let p = &self.model().programmes[programme];
        p.start.year() <= year && year <= p.end_year()
    }

    /// One bar per programme across the years, coloured by status.
    fn gantt(&self, list: &[usize], desc: &str) -> String {
        let years = self.year_span(list);
        let labels: Vec<String> = list
            .iter()
            .map(|&i| self.title(self.model().programmes[i].page))
            .collect();
        let spans: Vec<Span> = list
            .iter()
            .zip(&labels)
            .map(|(&i, label)| {
                let pr = &self.model().programmes[i];
                Span {
                    label,
                    start: pr.start.year(),
                    end: pr.end_year(),
                    class: status_class(pr.status),
                }
            })
            .collect();
        charts::gantt("roadmap", &self.g.s("roadmap_title"), desc, &years, &spans)
    }

    fn pillar_context(&self, ctx: &mut Context, p: &Pillar) {
        #[derive(Serialize)]
        struct IndicatorCtx {
            name: Option<Text>,
            unit: String,
            baseline: Option<String>,
            baseline_year: Option<i32>,
            target: Option<String>,
            target_year: Option<i32>,
        }
        #[derive(Serialize)]
        struct YearAmount {
            year: i32,
            amount: String,
        }
        #[derive(Serialize)]
        struct PillarCtx {
            id: String,
            summary: Option<Text>,
            goals: Vec<String>,
            goals_lang: Option<String>,
            indicators: Vec<IndicatorCtx>,
            status_groups: Vec<StatusGroup>,
            quick_wins: usize,
            budget: Vec<YearAmount>,
            budget_total: String,
            roadmap_svg: String,
            roadmap: Vec<ProgrammeSummary>,
            events: Vec<Link>,
        }
        let lang = &self.g.lang;
        let list: &[usize] = self
            .model()
            .index
            .programmes_of_pillar
            .get(&p.id)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let mut per_year: BTreeMap<i32, i64> = BTreeMap::new();
        for &i in list {
            for b in &self.model().programmes[i].budget {
                *per_year.entry(b.year).or_default() += b.amount;
            }
        }
        let years = self.year_span(list);
        let title = self.g.s("roadmap_title");
        let roadmap_svg = if list.len() <= GANTT_MAX_ROWS {
            self.gantt(list, &self.g.s("roadmap_pillar_desc"))
        } else {
            let counts = years
                .iter()
                .map(|&y| list.iter().filter(|&&i| self.runs_in(i, y)).count())
                .collect();
            let label = self.title(p.page);
            charts::matrix(
                "roadmap",
                &title,
                &self.g.s("roadmap_desc"),
                &years,
                &[MatrixRow {
                    label: &label,
                    counts,
                }],
            )
        };
        let goals = p.goals.get(lang).cloned().unwrap_or_default();
        let pillar = PillarCtx {
            id: p.id.to_string(),
            summary: text(&p.summary, lang),
            goals_lang: p
                .goals
                .lang_of(lang)
                .filter(|l| *l != lang)
                .map(|l| l.to_string()),
            goals,
            indicators: p
                .indicators
                .iter()
                .map(|ind| IndicatorCtx {
                    name: text(&ind.name, lang),
                    unit: ind.unit.clone(),
                    baseline: ind.baseline.map(|x| self.g.locale.number(x)),
                    baseline_year: ind.baseline_year,
                    target: ind.target.map(|x| self.g.locale.number(x)),
                    target_year: ind.target_year,
                })
                .collect(),
            status_groups: self.by_status(list),
            quick_wins: list
                .iter()
                .filter(|&&i| self.model().programmes[i].quick_win)
                .count(),
            budget_total: self.money(per_year.values().sum()),
            budget: per_year
                .into_iter()
                .map(|(year, a)| YearAmount {
                    year,
                    amount: self.money(a),
                })
                .collect(),
            roadmap_svg,
            roadmap: if list.len() <= GANTT_MAX_ROWS {
                list.iter().map(|&i| self.summary(i)).collect()
            } else {
                Vec::new()
            },
            events: self.event_links(self.model().index.events_of_pillar.get(&p.id)),
        };
        ctx.insert("pillar", &pillar);
    }

    fn programme_context(&self, ctx: &mut Context, index: usize) {
        let p = &self.model().programmes[index];
        #[derive(Serialize)]
        struct BudgetRow {
            year: i32,
            amount: String,
            source: &'static str,
        }
        #[derive(Serialize)]
        struct Person {
            #[serde(flatten)]
            link: Link,
            role: Option<Text>,
        }
        #[derive(Serialize)]
        struct ProgrammeCtx {
            #[serde(flatten)]
            summary: ProgrammeSummary,
            start: String,
            end: Option<String>,
            pillar_link: Option<Link>,
            lead_link: Option<Person>,
            partners: Vec<Person>,
            milestones: Vec<MilestoneEntry>,
            budget: Vec<BudgetRow>,
        }
        let person = |id: &StakeholderId| {
            self.model().stakeholder(id).map(|s| Person {
                link: self.link(s.page),
                role: text(&s.role, &self.g.lang),
            })
        };
        let year_text = |y: &crate::load::fields::YearOrDate| match y {
            crate::load::fields::YearOrDate::Year(y) => y.to_string(),
            crate::load::fields::YearOrDate::Date(d) => self.g.locale.date(d),
        };
        let programme = ProgrammeCtx {
            summary: self.summary(index),
            start: year_text(&p.start),
            end: p.end.as_ref().map(year_text),
            pillar_link: self.model().pillar(&p.pillar).map(|x| self.link(x.page)),
            lead_link: person(&p.lead),
            partners: p.partners.iter().filter_map(person).collect(),
            milestones: self.milestone_entries(p.milestones.iter().map(|m| (m, p))),
            budget: p
                .budget
                .iter()
                .map(|b| BudgetRow {
                    year: b.year,
                    amount: self.money(b.amount),
                    source: b.source.as_str(),
                })
                .collect(),
        };
        ctx.insert("programme", &programme);
    }

    fn stakeholder_context(&self, ctx: &mut Context, s: &Stakeholder) {
        #[derive(Serialize)]
        struct GroupCtx {
            id: String,
            name: Option<Text>,
        }
        #[derive(Serialize)]
        struct StakeholderCtx<'c> {
            kind: StakeholderKind,
            role: Option<Text>,
            organization: Option<Link>,
            groups: Vec<GroupCtx>,
            contact: &'c Contact,
            leads: Vec<ProgrammeSummary>,
            partner_in: Vec<ProgrammeSummary>,
            events: Vec<Link>,
            members: Vec<Link>,
        }
        let ix = &self.model().index;
        let programmes = |m: &std::collections::HashMap<StakeholderId, Vec<usize>>| {
            m.get(&s.id)
                .map(|l| l.iter().map(|&i| self.summary(i)).collect())
                .unwrap_or_default()
        };
        let stakeholder = StakeholderCtx {
            kind: s.kind,
            role: text(&s.role, &self.g.lang),
            organization: s
                .organization
                .as_ref()
                .and_then(|o| self.stakeholder_link(o)),
            groups: s
                .groups
                .iter()
                .map(|g| GroupCtx {
                    id: g.to_string(),
                    name: self
                        .model()
                        .groups
                        .iter()
                        .find(|x| &x.id == g)
                        .and_then(|x| text(&x.name, &self.g.lang)),
                })
                .collect(),
            contact: &s.contact,
            leads: programmes(&ix.led_by),
            partner_in: programmes(&ix.partnered_by),
            events: self.event_links(ix.events_of_stakeholder.get(&s.id)),
            members: self.links_of(ix.members_of.get(&s.id), |m| {
                self.model().stakeholders[m].page
            }),
        };
        ctx.insert("stakeholder", &stakeholder);
    }

    fn event_context(&self, ctx: &mut Context, e: &TimelineEvent) {
        #[derive(Serialize)]
        struct EventCtx {
            date: String,
            date_text: String,
            pillars: Vec<Link>,
            stakeholders: Vec<Link>,
        }
        let event = EventCtx {
            date: e.date.iso(),
            date_text: self.g.locale.date(&e.date),
            pillars: e
                .pillars
                .iter()
                .filter_map(|p| self.model().pillar(p))
                .map(|p| self.link(p.page))
                .collect(),
            stakeholders: e
                .stakeholders
                .iter()
                .filter_map(|s| self.stakeholder_link(s))
                .collect(),
        };
        ctx.insert("event", &event);
    }

    fn directory_context(&self, ctx: &mut Context) {
        #[derive(Serialize)]
        struct Member {
            #[serde(flatten)]
            link: Link,
            role: Option<Text>,
            kind: StakeholderKind,
        }
        #[derive(Serialize)]
        struct GroupCtx {
            id: String,
            name: Option<Text>,
            members: Vec<Member>,
        }
        let member = |s: &Stakeholder| Member {
            link: self.link(s.page),
            role: text(&s.role, &self.g.lang),
            kind: s.kind,
        };
        let mut groups: Vec<GroupCtx> = self
            .model()
            .groups
            .iter()
            .map(|g| GroupCtx {
                id: g.id.to_string(),
                name: text(&g.name, &self.g.lang),
                members: self
                    .model()
                    .stakeholders
                    .iter()
                    .filter(|s| s.groups.contains(&g.id))
                    .map(member)
                    .collect(),
            })
            .collect();
        let others: Vec<Member> = self
            .model()
            .stakeholders
            .iter()
            .filter(|s| s.groups.is_empty())
            .map(member)
            .collect();
        if !others.is_empty() {
            groups.push(GroupCtx {
                id: "lainnya".into(),
                name: Some(Text {
                    text: self.g.s("other_stakeholders"),
                    lang: None,
                }),
                members: others,
            });
        }
        ctx.insert("directory", &groups);
    }

    fn timeline_context(&self, ctx: &mut Context) {
        #[derive(Serialize)]
        struct Entry {
            date: String,
            date_text: String,
            kind: &'static str,
            link: Link,
            title: Option<Text>,
            done: bool,
        }
        #[derive(Serialize)]
        struct Year {
            year: i32,
            entries: Vec<Entry>,
        }
        let mut entries: Vec<(crate::load::toml_tree::Date, u8, String, Entry)> = Vec::new();
        for e in &self.model().events {
            let link = self.link(e.page);
            entries.push((
                e.date,
                0,
                e.id.to_string(),
                Entry {
                    date: e.date.iso(),
                    date_text: self.g.locale.date(&e.date),
                    kind: "event",
                    title: None,
                    link,
                    done: true,
                },
            ));
        }
        for p in &self.model().programmes {
            for (n, m) in p.milestones.iter().enumerate() {
                entries.push((
                    m.date,
                    1,
                    format!("{}#{n:04}", p.id),
                    Entry {
                        date: m.date.iso(),
                        date_text: self.g.locale.date(&m.date),
                        kind: "milestone",
                        title: text(&m.title, &self.g.lang),
                        link: self.link(p.page),
                        done: m.done,
                    },
                ));
            }
        }
        entries.sort_by(|a, b| (a.0, a.1, &a.2).cmp(&(b.0, b.1, &b.2)));
        let mut years: Vec<Year> = Vec::new();
        for (date, _, _, entry) in entries {
            match years.last_mut() {
                Some(y) if y.year == date.year => y.entries.push(entry),
                _ => years.push(Year {
                    year: date.year,
                    entries: vec![entry],
                }),
            }
        }
        let pillars: Vec<&Pillar> = self.model().pillars.iter().collect();
        let (mut svg, table) = self.roadmap("roadmap", &pillars);
        // A plan small enough to draw one bar per programme gets the Gantt chart;
        // its table then lists the programmes, and the per-pillar counts stay as a table.
        let all: Vec<usize> = (0..self.model().programmes.len()).collect();
        let gantt_rows: Vec<ProgrammeSummary> = if all.len() <= GANTT_MAX_ROWS {
            svg = self.gantt(&all, &self.g.s("roadmap_all_desc"));
            all.iter().map(|&i| self.summary(i)).collect()
        } else {
            Vec::new()
        };
        ctx.insert("timeline", &years);
        ctx.insert("roadmap_svg", &svg);
        ctx.insert("roadmap_table", &table);
        ctx.insert("roadmap_programmes", &gantt_rows);
    }

    fn programmes_context(&self, ctx: &mut Context) {
        #[derive(Serialize)]
        struct PillarGroup {
            pillar: Link,
            programmes: Vec<ProgrammeSummary>,
        }
        let groups: Vec<PillarGroup> = self
            .model()
            .pillars
            .iter()
            .map(|p| PillarGroup {
                pillar: self.link(p.page),
                programmes: self
                    .model()
                    .index
                    .programmes_of_pillar
                    .get(&p.id)
                    .map(|l| l.iter().map(|&i| self.summary(i)).collect())
                    .unwrap_or_default(),
            })
            .collect();
        // Budget per year per pillar.
        let mut years: Vec<i32> = self
            .model()
            .programmes
            .iter()
            .flat_map(|p| p.budget.iter().map(|b| b.year))
            .collect();
        years.sort_unstable();
        years.dedup();
        let pillar_titles: Vec<String> = self
            .model()
            .pillars
            .iter()
            .map(|p| self.title(p.page))
            .collect();
        let values: Vec<Vec<i64>> = self
            .model()
            .pillars
            .iter()
            .map(|p| {
                let list = self
                    .model()
                    .index
                    .programmes_of_pillar
                    .get(&p.id)
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                years
                    .iter()
                    .map(|&y| {
                        list.iter()
                            .flat_map(|&i| &self.model().programmes[i].budget)
                            .filter(|b| b.year == y)
                            .map(|b| b.amount)
                            .sum()
                    })
                    .collect()
            })
            .collect();
        let series: Vec<Series> = pillar_titles
            .iter()
            .zip(&values)
            .enumerate()
            .map(|(i, (label, v))| Series {
                label,
                class: PILLAR_CLASSES[i % PILLAR_CLASSES.len()],
                values: v.clone(),
            })
            .collect();
        let totals: Vec<i64> = (0..years.len())
            .map(|c| values.iter().map(|v| v[c]).sum())
            .collect();
        let max = totals.iter().copied().max().unwrap_or(0);
        let columns: Vec<String> = years.iter().map(i32::to_string).collect();
        let svg = charts::stacked_columns(
            "budget",
            &self.g.s("budget_chart_title"),
            &self.g.s("budget_chart_desc"),
            &columns,
            &series,
            &self.money(max),
        );
        let table = ChartTable {
            columns,
            rows: self
                .model()
                .pillars
                .iter()
                .zip(&values)
                .map(|(p, v)| TableRow {
                    label: self.link(p.page),
                    cells: v.iter().map(|&a| self.money(a)).collect(),
                })
                .collect(),
            totals: totals.iter().map(|&a| self.money(a)).collect(),
        };
        ctx.insert("programme_groups", &groups);
        ctx.insert("budget_svg", &svg);
        ctx.insert("budget_table", &table);
    }

    fn pillars_context(&self, ctx: &mut Context) {
        let cards: Vec<PillarCard> = self
            .model()
            .pillars
            .iter()
            .map(|p| self.pillar_card(p))
            .collect();
        ctx.insert("pillars", &cards);
    }

    fn home_context(&self, ctx: &mut Context) {
        #[derive(Serialize)]
        struct StatusCount {
            status: Status,
            label: String,
            count: usize,
        }
        let counts: Vec<StatusCount> = Status::ALL
            .iter()
            .map(|&s| StatusCount {
                status: s,
                label: self.status_label(s),
                count: self
                    .model()
                    .programmes
                    .iter()
                    .filter(|p| p.status == s)
                    .count(),
            })
            .collect();
        let segments: Vec<Segment> = counts
            .iter()
            .map(|c| Segment {
                label: &c.label,
                class: status_class(c.status),
                value: c.count as i64,
                text: self.g.locale.integer(c.count as i64),
            })
            .collect();
        let progress_svg = charts::stacked_bar(
            "progress",
            &self.g.s("progress_title"),
            &self.g.s("progress_desc"),
            &segments,
        );
        let mut upcoming: Vec<(&Milestone, &Programme)> = self
            .model()
            .programmes
            .iter()
            .flat_map(|p| p.milestones.iter().filter(|m| !m.done).map(move |m| (m, p)))
            .collect();
        upcoming.sort_by(|a, b| (a.0.date, &a.1.id).cmp(&(b.0.date, &b.1.id)));
        upcoming.truncate(5);
        let news: Vec<Link> = self
            .model()
            .news
            .iter()
            .take(3)
            .map(|a| self.link(a.page))
            .collect();
        let quick_wins: Vec<ProgrammeSummary> = (0..self.model().programmes.len())
            .filter(|&i| self.model().programmes[i].quick_win)
            .take(6)
            .map(|i| self.summary(i))
            .collect();
        self.pillars_context(ctx);
        ctx.insert("status_counts", &counts);
        ctx.insert("programme_count", &self.model().programmes.len());
        ctx.insert("progress_svg", &progress_svg);
        ctx.insert("upcoming", &self.milestone_entries(upcoming.into_iter()));
        ctx.insert("latest_news", &news);
        ctx.insert("quick_wins", &quick_wins);
    }
}

/// CSS classes the theme colours each pillar's series with.
const PILLAR_CLASSES: [&str; 6] = ["pl-1", "pl-2", "pl-3", "pl-4", "pl-5", "pl-6"];

pub fn status_class(s: Status) -> &'static str {
    match s {
        Status::Planned => "st-planned",
        Status::Ongoing => "st-ongoing",
        Status::Done => "st-done",
        Status::Paused => "st-paused",
    }
}

/// The template a page is rendered with unless its front matter names one.
pub fn template_for(page: &Page) -> &'static str {
    match (
        page.kind,
        page.dir.first().map(String::as_str),
        page.dir.len(),
    ) {
        (PageKind::Home, ..) => "index.html",
        (PageKind::Section, Some(PILLARS), 1) => "pillars.html",
        (PageKind::Section, Some(PROGRAMS), 1) => "programs.html",
        (PageKind::Section, Some(STAKEHOLDERS), 1) => "stakeholders.html",
        (PageKind::Section, Some(TIMELINE), 1) => "timeline.html",
        (PageKind::Section, Some(NEWS), 1) => "news.html",
        (PageKind::Section, ..) => "section.html",
        (PageKind::Page, Some(PILLARS), 1) => "pillar.html",
        (PageKind::Page, Some(PROGRAMS), 1) => "programme.html",
        (PageKind::Page, Some(STAKEHOLDERS), 1) => "stakeholder.html",
        (PageKind::Page, Some(TIMELINE), 1) => "event.html",
        (PageKind::Page, ..) => "page.html",
    }
}

/// Templates of pages that summarise the whole plan: any change to the plan touches them.
pub const WHOLE_PLAN_TEMPLATES: [&str; 5] = [
    "index.html",
    "pillars.html",
    "programs.html",
    "stakeholders.html",
    "timeline.html",
];

/// Adds what the page's template needs about the plan.
pub fn add_plan_context(ctx: &mut Context, view: &PlanView, page_index: usize) {
    let page = &view.plan.tree.pages[page_index];
    let model = &view.plan.model;
    match model.index.item_of_page.get(&page_index) {
        Some(ItemRef::Pillar(i)) => view.pillar_context(ctx, &model.pillars[*i]),
        Some(ItemRef::Programme(i)) => view.programme_context(ctx, *i),
        Some(ItemRef::Stakeholder(i)) => view.stakeholder_context(ctx, &model.stakeholders[*i]),
        Some(ItemRef::Event(i)) => view.event_context(ctx, &model.events[*i]),
        Some(ItemRef::Article(_)) | None => {}
    }
    match template_for(page) {
        "index.html" => view.home_context(ctx),
        "pillars.html" => view.pillars_context(ctx),
        "programs.html" => view.programmes_context(ctx),
        "stakeholders.html" => view.directory_context(ctx),
        "timeline.html" => view.timeline_context(ctx),
        _ => {}
    }
}
