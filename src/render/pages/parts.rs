//! Pieces several page roles show: a programme's summary, programmes by
//! status, milestones, pillar cards, chart tables and the roadmap charts.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Value;

use crate::plan::model::*;
use crate::render::charts::{self, Bar, Fill, Group, MatrixRow, Paint};
use crate::render::globals::Link;
use crate::render::view::{Cite, View};

/// Largest number of programmes a roadmap draws one bar each for; beyond it
/// the chart counts programmes per year instead.
pub const GANTT_MAX_ROWS: usize = 40;

/// CSS classes the theme colours each pillar's series with.
pub const PILLAR_CLASSES: [&str; 6] = ["pl-1", "pl-2", "pl-3", "pl-4", "pl-5", "pl-6"];

pub fn status_class(s: Status) -> &'static str {
    match s {
        Status::Planned => "st-planned",
        Status::Ongoing => "st-ongoing",
        Status::Done => "st-done",
        Status::Paused => "st-paused",
    }
}

/// A text in the reader's language, or in the language it fell back to.
#[derive(Serialize)]
pub struct Text<'a> {
    pub text: std::borrow::Cow<'a, str>,
    /// Set only when the text is not in the page's language.
    pub lang: Option<&'a str>,
}

pub fn text<'a>(texts: &'a Localized<String>, view: &'a View) -> Option<Text<'a>> {
    let lang = view.lang();
    let t = texts.get(lang)?;
    let in_lang = texts
        .lang_of(lang)
        .filter(|l| *l != lang)
        .map(|l| l.as_str());
    Some(Text {
        text: t.into(),
        lang: in_lang,
    })
}

/// What a programme's summary shows besides its link.
#[derive(Serialize)]
pub struct SummaryFacts<'a> {
    id: &'a str,
    status: Status,
    status_label: String,
    quick_win: bool,
    years: String,
    pillar: String,
    lead: String,
    budget_total: String,
}

/// `2024–2026`, or `2024` for a programme of one year.
pub fn years(p: &Programme) -> String {
    let (s, e) = (p.start.year, p.end_year());
    if s == e {
        s.to_string()
    } else {
        format!("{s}–{e}")
    }
}

/// What a list shows of a programme besides its link: status, years,
/// pillar, lead and total.
fn summary_facts<'a>(view: &View<'a>, i: ProgrammeIx) -> SummaryFacts<'a> {
    let p = &view.model().programmes[i];
    let pillar_page = view.model().pillar(&p.pillar).map(|x| x.page);
    let lead_page = view.model().stakeholder(&p.lead).map(|x| x.page);
    let title_of = |page: Option<_>| page.map(|pg| view.title(pg)).unwrap_or_default();
    SummaryFacts {
        id: p.id.as_str(),
        status: p.status,
        status_label: view.status_label(p.status),
        quick_win: p.quick_win,
        years: years(p),
        pillar: title_of(pillar_page),
        lead: title_of(lead_page),
        budget_total: view.money(p.budget_total),
    }
}

/// A programme's summary as a template value: made once per language and
/// shared by every page that lists it (each still records what it shows).
pub fn summary(view: &View, i: ProgrammeIx) -> Value {
    let p = &view.model().programmes[i];
    view.uses(p.page);
    let model = view.model();
    let pillar = model.pillar(&p.pillar).map(|x| x.page);
    let lead = model.stakeholder(&p.lead).map(|x| x.page);
    for page in [pillar, lead].into_iter().flatten() {
        view.uses(page);
    }
    view.g.summaries[i]
        .get_or_init(|| summary_value(view, i))
        .clone()
}

/// A programme's summary as one template value: its page's link with the
/// facts a list shows added (the link's fields shared with its cached value),
/// and, for the pages' lists, its `card`.
fn summary_value(view: &View, i: ProgrammeIx) -> Value {
    let p = &view.model().programmes[i];
    let summary = merged(view.g.link_value(p.page), &summary_facts(view, i));
    if !view.g.cards {
        return summary;
    }
    let card = card(view, i, summary.clone());
    // Unshared again once the card is made: its entries are not copied.
    let mut fields = summary.into_map().unwrap_or_default();
    fields.insert("card".into(), card);
    Value::from(fields)
}

/// The template that makes a programme's card.
const CARD_TEMPLATE: &str = "partials/programme_card.html";

/// A programme's card: the same in every list of a language (a pillar's, a
/// stakeholder's, the programmes page), so rendered once, from its
/// `summary`. A failure is kept for
/// [`LangGlobals::card_errors`], naming the programme's file.
///
/// [`LangGlobals::card_errors`]: crate::render::globals::LangGlobals::card_errors
fn card(view: &View, i: ProgrammeIx, summary: Value) -> Value {
    let g = view.g;
    let mut ctx = g.base_context();
    ctx.insert_value("p", summary);
    match g.input.tera.render(CARD_TEMPLATE, &ctx) {
        Ok(html) => Value::safe_string(&html),
        Err(e) => {
            let page = &g.input.plan.tree.pages[view.model().programmes[i].page];
            let file = page.versions[g.li]
                .source
                .map(|s| g.input.sources.files[s].file.as_path());
            let error = crate::render::templates::render_error(file, CARD_TEMPLATE, &e);
            if let Ok(mut errors) = g.card_errors.lock() {
                errors.push(error);
            }
            Value::none()
        }
    }
}

/// A template value with `base`'s fields and `more`'s: `base` is a map
/// (shared, so only its entries are copied), `more` a struct.
pub fn merged(base: Value, more: &impl Serialize) -> Value {
    let more = Value::from_serializable(more);
    match (base.into_map(), more.into_map()) {
        (Some(mut fields), Some(more)) => {
            fields.extend(more);
            Value::from(fields)
        }
        (Some(fields), None) => Value::from(fields),
        (None, more) => more.map_or_else(Value::none, Value::from),
    }
}

#[derive(Serialize)]
struct Role<'a> {
    role: Option<Text<'a>>,
}

/// A stakeholder as a programme names it (lead, partner): its link and its
/// role, made once per language and shared by every page that shows it.
pub fn person(view: &View, s: StakeholderIx) -> Value {
    let st = &view.model().stakeholders[s];
    view.uses(st.page);
    view.g.people[s]
        .get_or_init(|| {
            let role = Role {
                role: text(&st.role, view),
            };
            merged(view.g.link_value(st.page), &role)
        })
        .clone()
}

pub fn summaries(view: &View, list: &[ProgrammeIx]) -> Vec<Value> {
    list.iter().map(|&i| summary(view, i)).collect()
}

#[derive(Serialize)]
pub struct StatusGroup {
    status: Status,
    label: String,
    programmes: Vec<Value>,
}

/// Programmes grouped by status, in the order of [`Status::ALL`].
pub fn by_status(view: &View, programmes: &[ProgrammeIx]) -> Vec<StatusGroup> {
    Status::ALL
        .iter()
        .filter_map(|&st| {
            let list: Vec<Value> = programmes
                .iter()
                .filter(|&&i| view.model().programmes[i].status == st)
                .map(|&i| summary(view, i))
                .collect();
            (!list.is_empty()).then(|| StatusGroup {
                status: st,
                label: view.status_label(st),
                programmes: list,
            })
        })
        .collect()
}

#[derive(Serialize)]
pub struct MilestoneEntry<'a> {
    date: String,
    date_text: String,
    title: Option<Text<'a>>,
    done: bool,
    /// Not done and its date is past.
    overdue: bool,
    programme: Value,
    /// The mark of the source that sets it, on its programme's page.
    cite: Option<Cite>,
}

pub fn milestone_entries<'a>(
    view: &'a View,
    items: impl Iterator<Item = (&'a Milestone, &'a Programme)>,
) -> Vec<MilestoneEntry<'a>> {
    items
        .map(|(m, p)| MilestoneEntry {
            date: m.date.iso(),
            date_text: view.date(&m.date),
            title: text(&m.title, view),
            done: m.done,
            overdue: m.overdue,
            programme: view.link(p.page),
            cite: view.cite(p.page, m.source.as_deref()),
        })
        .collect()
}

#[derive(Serialize)]
pub struct PillarCard<'a> {
    #[serde(flatten)]
    link: Link,
    id: &'a str,
    summary: Option<Text<'a>>,
    programme_count: usize,
}

pub fn pillar_cards<'a>(view: &'a View) -> Vec<PillarCard<'a>> {
    view.model()
        .pillars
        .iter()
        .map(|p| PillarCard {
            link: view.link_data(p.page),
            id: p.id.as_str(),
            summary: text(&p.summary, view),
            programme_count: view.model().programmes_of(&p.id).len(),
        })
        .collect()
}

#[derive(Serialize)]
pub struct TableRow {
    pub label: Value,
    pub cells: Vec<String>,
}

/// The numbers behind a chart, for its table alternative.
#[derive(Serialize)]
pub struct ChartTable {
    pub columns: Vec<String>,
    pub rows: Vec<TableRow>,
    pub totals: Vec<String>,
    /// Some numbers count illustrative items: the table says so.
    pub includes_illustrative: bool,
}

/// Years from the earliest start to the latest end of `programmes` (at most 60).
pub fn year_span(view: &View, programmes: &[ProgrammeIx]) -> Vec<i32> {
    let ps = programmes.iter().map(|&i| &view.model().programmes[i]);
    let first = ps.clone().map(|p| p.start.year).min();
    let last = ps.map(|p| p.end_year()).max();
    match (first, last) {
        (Some(a), Some(b)) if b - a < 60 => (a..=b).collect(),
        (Some(a), Some(_)) => (a..a + 60).collect(),
        _ => Vec::new(),
    }
}

pub fn runs_in(p: &Programme, year: i32) -> bool {
    p.start.year <= year && year <= p.end_year()
}

/// How many of `list` run in each of `years`.
pub fn counts(view: &View, list: &[ProgrammeIx], years: &[i32]) -> Vec<usize> {
    years
        .iter()
        .map(|&y| {
            list.iter()
                .filter(|&&i| runs_in(&view.model().programmes[i], y))
                .count()
        })
        .collect()
}

/// A programme's bar from its index, name, address and status in words.
type BarItem = (ProgrammeIx, String, String, String);

fn programme_bar<'a>(model: &PlanModel, (i, label, href, status): &'a BarItem) -> Bar<'a> {
    let p = &model.programmes[*i];
    Bar {
        label,
        href,
        start: p.start.year,
        end: p.end_year(),
        paint: status_paint(p.status),
        status,
        illustrative: p.illustrative,
    }
}

/// A status's colour and pattern in the charts: told apart in grey too.
pub fn status_paint(s: Status) -> Paint<'static> {
    let fill = match s {
        Status::Planned => Fill::Hatch,
        Status::Ongoing => Fill::Solid,
        Status::Done => Fill::Dots,
        Status::Paused => Fill::Horizontal,
    };
    Paint {
        class: status_class(s),
        fill,
    }
}

/// One bar per programme across the years, grouped under its pillar, each a
/// link with its status in words; a legend of the statuses shown.
pub fn gantt(view: &View, list: &[ProgrammeIx], desc: &str) -> String {
    let model = view.model();
    let years = year_span(view, list);
    let items: Vec<BarItem> = list
        .iter()
        .map(|&i| {
            let p = &model.programmes[i];
            let link = view.link_data(p.page);
            (
                i,
                programme_label(view, i),
                link.path,
                view.status_label(p.status),
            )
        })
        .collect();
    let bar = |it| programme_bar(model, it);
    let pillar_links: Vec<(String, String)> = model
        .pillars
        .iter()
        .map(|p| {
            let link = view.link_data(p.page);
            (link.title, link.path)
        })
        .collect();
    let mut groups: Vec<Group> = model
        .pillars
        .iter()
        .zip(&pillar_links)
        .map(|(p, (title, path))| Group {
            label: title,
            href: Some(path),
            bars: items
                .iter()
                .filter(|it| model.programmes[it.0].pillar == p.id)
                .map(bar)
                .collect(),
        })
        .filter(|g| !g.bars.is_empty())
        .collect();
    let placed: usize = groups.iter().map(|g| g.bars.len()).sum();
    if placed < items.len() {
        let known = |it: &&BarItem| {
            model
                .pillars
                .iter()
                .any(|p| p.id == model.programmes[it.0].pillar)
        };
        groups.push(Group {
            label: "",
            href: None,
            bars: items.iter().filter(|it| !known(it)).map(bar).collect(),
        });
    }
    let keys: Vec<(Paint, String)> = Status::ALL
        .iter()
        .filter(|&&s| list.iter().any(|&i| model.programmes[i].status == s))
        .map(|&s| (status_paint(s), view.status_label(s)))
        .collect();
    charts::gantt(
        "roadmap",
        (&view.s("roadmap_title"), desc),
        &years,
        &groups,
        &keys,
    )
}

/// Programmes running in each year, per pillar: the roadmap matrix and its table.
pub fn roadmap(view: &View, id: &str) -> (String, ChartTable) {
    let all: Vec<ProgrammeIx> = view.model().programmes.keys().collect();
    let years = year_span(view, &all);
    let mut titles = Vec::new();
    let mut table_rows = Vec::new();
    for p in view.model().pillars.iter() {
        let counts = counts(view, view.model().programmes_of(&p.id), &years);
        table_rows.push(TableRow {
            label: view.link(p.page),
            cells: counts.iter().map(|c| c.to_string()).collect(),
        });
        titles.push((view.title(p.page), counts));
    }
    let rows: Vec<MatrixRow> = titles
        .iter()
        .map(|(label, counts)| MatrixRow {
            label,
            counts: counts.clone(),
        })
        .collect();
    let svg = charts::matrix(
        id,
        &view.s("roadmap_title"),
        &view.s("roadmap_desc"),
        &years,
        &rows,
    );
    let table = ChartTable {
        columns: years.iter().map(i32::to_string).collect(),
        rows: table_rows,
        totals: Vec::new(),
        includes_illustrative: any_illustrative(view, view.model().programmes.keys()),
    };
    (svg, table)
}

/// A programme's name in a chart, marked in words when it is an example.
pub fn programme_label(view: &View, i: ProgrammeIx) -> String {
    let p = &view.model().programmes[i];
    let title = view.title(p.page);
    if p.illustrative {
        format!("{} · {title}", view.s("illustrative"))
    } else {
        title
    }
}

/// Whether any of the programmes is illustrative.
/// The budget of the programmes in `list`, summed per year.
pub fn budget_by_year(model: &PlanModel, list: &[ProgrammeIx]) -> BTreeMap<i32, i64> {
    let mut per_year = BTreeMap::new();
    for b in list.iter().flat_map(|&i| &model.programmes[i].budget) {
        *per_year.entry(b.year).or_default() += b.amount;
    }
    per_year
}

/// Whether a total of `list`'s budgets adds an example's money.
pub fn budget_includes_illustrative(
    model: &PlanModel,
    list: impl IntoIterator<Item = ProgrammeIx>,
) -> bool {
    list.into_iter().any(|i| {
        let p = &model.programmes[i];
        p.illustrative && !p.budget.is_empty()
    })
}

pub fn any_illustrative(view: &View, list: impl IntoIterator<Item = ProgrammeIx>) -> bool {
    list.into_iter()
        .any(|i| view.model().programmes[i].illustrative)
}
