//! A timeline event's page: its date, the pillars and stakeholders involved.

use serde::Serialize;
use tera::{Context, Value};

use crate::plan::model::EventIx;
use crate::render::view::View;

#[derive(Serialize)]
struct EventCtx {
    date: String,
    date_text: String,
    pillars: Vec<Value>,
    stakeholders: Vec<Value>,
}

pub fn add(view: &View, i: EventIx, ctx: &mut Context) {
    let model = view.model();
    let e = &model.events[i];
    let event = EventCtx {
        date: e.date.iso(),
        date_text: view.g.date_of_page(e.page, &e.date),
        pillars: e
            .pillars
            .iter()
            .filter_map(|p| model.pillar(p))
            .map(|p| view.link(p.page))
            .collect(),
        stakeholders: e
            .stakeholders
            .iter()
            .filter_map(|s| model.stakeholder(s))
            .map(|s| view.link(s.page))
            .collect(),
    };
    ctx.insert("event", &event);
}
