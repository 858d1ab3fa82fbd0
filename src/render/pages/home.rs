//! The home page: the pillars, progress by status, the next milestones,
//! quick wins and the latest news.

use serde::Serialize;
use tera::{Context, Value};

use super::parts::{self, status_paint};
use crate::plan::model::{Milestone, Programme, Status};
use crate::render::charts::{self, Segment};
use crate::render::view::View;

#[derive(Serialize)]
struct StatusCount {
    status: Status,
    label: String,
    count: usize,
}

/// How many milestones the home page lists, and how many quick wins.
const UPCOMING: usize = 5;
const QUICK_WINS: usize = 6;
const LATEST_NEWS: usize = 3;

pub fn add(view: &View, ctx: &mut Context) {
    let model = view.model();
    let counts: Vec<StatusCount> = Status::ALL
        .iter()
        .map(|&s| StatusCount {
            status: s,
            label: view.status_label(s),
            count: model.programmes.iter().filter(|p| p.status == s).count(),
        })
        .collect();
    let segments: Vec<Segment> = counts
        .iter()
        .map(|c| Segment {
            label: &c.label,
            paint: status_paint(c.status),
            value: c.count as i64,
            text: view.g.locale.integer(c.count as i64),
        })
        .collect();
    let progress_svg = charts::stacked_bar(
        "progress",
        &view.s("progress_title"),
        &view.s("progress_desc"),
        &segments,
    );
    // Milestones not reached: those still ahead, and those already late
    // (never shown as upcoming).
    let open = |overdue: bool| {
        let mut list: Vec<(&Milestone, &Programme)> = model
            .programmes
            .iter()
            .flat_map(|p| p.milestones.iter().map(move |m| (m, p)))
            .filter(|(m, _)| !m.done && m.overdue == overdue)
            .collect();
        list.sort_by(|a, b| (a.0.date, &a.1.id).cmp(&(b.0.date, &b.1.id)));
        list
    };
    let mut upcoming = open(false);
    upcoming.truncate(UPCOMING);
    let overdue = open(true);
    let news: Vec<Value> = model
        .news
        .iter()
        .take(LATEST_NEWS)
        .map(|a| view.link(a.page))
        .collect();
    let quick_wins: Vec<Value> = model
        .programmes
        .iter_enumerated()
        .filter(|(_, p)| p.quick_win)
        .take(QUICK_WINS)
        .map(|(i, _)| parts::summary(view, i))
        .collect();
    ctx.insert("pillars", &parts::pillar_cards(view));
    ctx.insert("status_counts", &counts);
    ctx.insert("programme_count", &model.programmes.len());
    ctx.insert("progress_svg", &progress_svg);
    ctx.insert(
        "upcoming",
        &parts::milestone_entries(view, upcoming.into_iter()),
    );
    ctx.insert(
        "overdue",
        &parts::milestone_entries(view, overdue.into_iter()),
    );
    ctx.insert(
        "progress_includes_illustrative",
        &model.programmes.iter().any(|p| p.illustrative),
    );
    ctx.insert("latest_news", &news);
    ctx.insert("quick_wins", &quick_wins);
}
