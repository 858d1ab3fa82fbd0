//! The list of programmes (`programs/`): every programme by pillar, and the
//! budget per year per pillar.

use serde::Serialize;
use tera::{Context, Value};

use super::parts::{self, ChartTable, PILLAR_CLASSES, TableRow};
use crate::render::charts::{self, Paint, SERIES_FILLS, Series};
use crate::render::view::View;

#[derive(Serialize)]
struct PillarGroup {
    pillar: Value,
    programmes: Vec<Value>,
}

pub fn add(view: &View, ctx: &mut Context) {
    let model = view.model();
    let groups: Vec<PillarGroup> = model
        .pillars
        .iter()
        .map(|p| PillarGroup {
            pillar: view.link(p.page),
            programmes: parts::summaries(view, model.programmes_of(&p.id)),
        })
        .collect();
    let (svg, table) = budget_chart(view);
    ctx.insert("programme_groups", &groups);
    ctx.insert("budget_svg", &svg);
    ctx.insert("budget_table", &table);
}

/// Budget per year per pillar, as stacked columns and a table.
pub fn budget_chart(view: &View) -> (String, ChartTable) {
    let model = view.model();
    let mut years: Vec<i32> = model
        .programmes
        .iter()
        .flat_map(|p| p.budget.iter().map(|b| b.year))
        .collect();
    years.sort_unstable();
    years.dedup();
    let values: Vec<Vec<i64>> = model
        .pillars
        .iter()
        .map(|p| {
            let per_year = parts::budget_by_year(model, model.programmes_of(&p.id));
            years
                .iter()
                .map(|y| per_year.get(y).copied().unwrap_or(0))
                .collect()
        })
        .collect();
    // A pillar that is only an example says so in the legend too.
    let titles: Vec<String> = model
        .pillars
        .iter()
        .map(|p| match p.illustrative {
            true => format!("{} · {}", view.s("illustrative"), view.title(p.page)),
            false => view.title(p.page),
        })
        .collect();
    let series: Vec<Series> = titles
        .iter()
        .zip(&values)
        .enumerate()
        .map(|(i, (label, v))| Series {
            label,
            paint: Paint {
                class: PILLAR_CLASSES[i % PILLAR_CLASSES.len()],
                fill: SERIES_FILLS[i % SERIES_FILLS.len()],
            },
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
        &view.s("budget_chart_title"),
        &view.s("budget_chart_desc"),
        &columns,
        &series,
        &view.money(max),
    );
    let table = ChartTable {
        columns,
        rows: model
            .pillars
            .iter()
            .zip(&values)
            .map(|(p, v)| TableRow {
                label: view.link(p.page),
                cells: v.iter().map(|&a| view.money(a)).collect(),
            })
            .collect(),
        totals: totals.iter().map(|&a| view.money(a)).collect(),
        includes_illustrative: parts::budget_includes_illustrative(model, model.programmes.keys()),
    };
    (svg, table)
}
