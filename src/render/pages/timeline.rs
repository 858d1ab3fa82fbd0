//! The timeline (`timeline/`): events and programme milestones by year, and
//! the roadmap of the whole plan.

use serde::Serialize;
use tera::{Context, Value};

use super::parts::{self, GANTT_MAX_ROWS, Text, text};
use crate::plan::model::ProgrammeIx;
use crate::render::view::View;
use crate::table::Date;

#[derive(Serialize)]
pub struct Entry<'a> {
    date: String,
    date_text: String,
    kind: &'static str,
    link: Value,
    title: Option<Text<'a>>,
    done: bool,
    overdue: bool,
}

#[derive(Serialize)]
pub struct Year<'a> {
    pub year: i32,
    entries: Vec<Entry<'a>>,
}

pub fn add(view: &View, ctx: &mut Context) {
    let (mut svg, table) = parts::roadmap(view, "roadmap");
    // A plan small enough to draw one bar per programme gets the Gantt chart;
    // its table then lists the programmes, and the per-pillar counts stay as a table.
    let all: Vec<ProgrammeIx> = view.model().programmes.keys().collect();
    let gantt_rows: Vec<Value> = if all.len() <= GANTT_MAX_ROWS {
        svg = parts::gantt(view, &all, &view.s("roadmap_all_desc"));
        parts::summaries(view, &all)
    } else {
        Vec::new()
    };
    let apart = view.model().timeline_years_apart();
    if apart.is_empty() {
        ctx.insert("timeline", &years(view, true));
    } else {
        ctx.insert("timeline", &Vec::<Year>::new());
        ctx.insert("timeline_years", &year_links(&apart, None));
    }
    ctx.insert("roadmap_svg", &svg);
    ctx.insert("roadmap_table", &table);
    ctx.insert("roadmap_programmes", &gantt_rows);
}

/// A year of the timeline, on the timeline's page or a page of its own.
#[derive(Serialize)]
struct YearLink {
    year: i32,
    /// Relative to the timeline's page: `2027/`.
    path: String,
    entries: usize,
    current: bool,
}

fn year_links(apart: &[(i32, usize)], current: Option<i32>) -> Vec<YearLink> {
    apart
        .iter()
        .map(|&(year, entries)| YearLink {
            year,
            path: format!("{year}/"),
            entries,
            current: current == Some(year),
        })
        .collect()
}

/// The timeline's pages of one year each, when it is split (see
/// [`PlanModel::timeline_years_apart`](crate::plan::model::PlanModel::timeline_years_apart)):
/// every year with its entries, gathered once for all of them.
pub fn year_pages<'a>(view: &'a View) -> (Vec<(i32, usize)>, Vec<Year<'a>>) {
    let apart = view.model().timeline_years_apart();
    if apart.is_empty() {
        return (apart, Vec::new());
    }
    (apart, years(view, true))
}

/// What the page of one year shows: its entries, and the other years.
pub fn add_year(year: Year, apart: &[(i32, usize)], timeline_home: &str, ctx: &mut Context) {
    let n = year.year;
    ctx.insert("timeline", &[year]);
    ctx.insert("timeline_years", &year_links(apart, Some(n)));
    ctx.insert("timeline_year", &n);
    ctx.insert("timeline_home", timeline_home);
}

/// Events and milestones by date (events first on a day), grouped by year.
pub fn years<'a>(view: &'a View, milestones: bool) -> Vec<Year<'a>> {
    let model = view.model();
    let mut entries: Vec<(Date, u8, String, Entry)> = Vec::new();
    for e in model.events.iter() {
        let entry = Entry {
            date: e.date.iso(),
            date_text: view.g.date_of_page(e.page, &e.date),
            kind: "event",
            title: None,
            link: view.link(e.page),
            done: true,
            overdue: false,
        };
        // An event dated "before" a day comes before the events of that day.
        entries.push((e.date, u8::from(!e.before), e.id.to_string(), entry));
    }
    for p in model.programmes.iter().filter(|_| milestones) {
        for (n, m) in p.milestones.iter().enumerate() {
            let entry = Entry {
                date: m.date.iso(),
                date_text: view.date(&m.date),
                kind: "milestone",
                title: text(&m.title, view),
                link: view.link(p.page),
                done: m.done,
                overdue: m.overdue,
            };
            entries.push((m.date, 2, format!("{}#{n:04}", p.id), entry));
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
    years
}
