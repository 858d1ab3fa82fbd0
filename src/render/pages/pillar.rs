//! A pillar's page: summary, goals, indicators, its programmes by status,
//! its roadmap, budget by year, and its events.

use serde::Serialize;
use tera::{Context, Value};

use super::parts::{self, GANTT_MAX_ROWS, StatusGroup, Text, text};
use crate::plan::model::{Pillar, PillarIx, ProgrammeIx};
use crate::render::charts::{self, MatrixRow};
use crate::render::view::{Cite, View};

#[derive(Serialize)]
struct IndicatorCtx<'a> {
    name: Option<Text<'a>>,
    cite: Option<Cite>,
    unit: &'a str,
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

/// What a pillar's page shows besides its text; the plan document shows the same.
#[derive(Serialize)]
pub struct PillarCtx<'a> {
    id: &'a str,
    summary: Option<Text<'a>>,
    goals: &'a [String],
    goals_lang: Option<&'a str>,
    indicators: Vec<IndicatorCtx<'a>>,
    status_groups: Vec<StatusGroup>,
    quick_wins: usize,
    budget: Vec<YearAmount>,
    budget_total: String,
    /// The budget sums amounts of illustrative programmes: the table says so.
    budget_includes_illustrative: bool,
    roadmap_svg: String,
    roadmap: Vec<Value>,
    events: Vec<Value>,
}

pub fn add(view: &View, i: PillarIx, ctx: &mut Context) {
    ctx.insert("pillar", &context(view, i));
}

pub fn context<'a>(view: &'a View, i: PillarIx) -> PillarCtx<'a> {
    let p = &view.model().pillars[i];
    let lang = view.lang();
    let list = view.model().programmes_of(&p.id);
    let per_year = parts::budget_by_year(view.model(), list);
    PillarCtx {
        id: p.id.as_str(),
        summary: text(&p.summary, view),
        goals: p.goals.get(lang).map_or(&[], Vec::as_slice),
        goals_lang: p
            .goals
            .lang_of(lang)
            .filter(|l| *l != lang)
            .map(|l| l.as_str()),
        indicators: indicators(view, p),
        status_groups: parts::by_status(view, list),
        quick_wins: list
            .iter()
            .filter(|&&i| view.model().programmes[i].quick_win)
            .count(),
        budget_total: view.money(per_year.values().sum()),
        budget_includes_illustrative: parts::budget_includes_illustrative(
            view.model(),
            list.iter().copied(),
        ),
        budget: per_year
            .into_iter()
            .map(|(year, a)| YearAmount {
                year,
                amount: view.money(a),
            })
            .collect(),
        roadmap_svg: roadmap_svg(view, p, list),
        roadmap: if list.len() <= GANTT_MAX_ROWS {
            parts::summaries(view, list)
        } else {
            Vec::new()
        },
        events: view
            .model()
            .events_of_pillar(&p.id)
            .iter()
            .map(|&e| view.link(view.model().events[e].page))
            .collect(),
    }
}

fn indicators<'a>(view: &'a View, p: &'a Pillar) -> Vec<IndicatorCtx<'a>> {
    p.indicators
        .iter()
        .map(|ind| IndicatorCtx {
            name: text(&ind.name, view),
            cite: view.cite(p.page, ind.source.as_deref()),
            unit: &ind.unit,
            baseline: ind.baseline.map(|x| view.g.locale.number(x)),
            baseline_year: ind.baseline_year,
            target: ind.target.map(|x| view.g.locale.number(x)),
            target_year: ind.target_year,
        })
        .collect()
}

/// One bar per programme; past [`GANTT_MAX_ROWS`], programmes counted per year.
fn roadmap_svg(view: &View, p: &Pillar, list: &[ProgrammeIx]) -> String {
    if list.len() <= GANTT_MAX_ROWS {
        return parts::gantt(view, list, &view.s("roadmap_pillar_desc"));
    }
    let years = parts::year_span(view, list);
    let label = view.title(p.page);
    charts::matrix(
        "roadmap",
        &view.s("roadmap_title"),
        &view.s("roadmap_desc"),
        &years,
        &[MatrixRow {
            label: &label,
            counts: parts::counts(view, list, &years),
        }],
    )
}
