//! A stakeholder's page: role, organisation, groups, contact, the
//! programmes it leads and partners in, its events and its members.

use serde::Serialize;
use tera::{Context, Value};

use super::parts::{self, Text, text};
use crate::plan::model::{Contact, StakeholderIx, StakeholderKind};
use crate::render::view::View;

#[derive(Serialize)]
struct GroupCtx<'a> {
    id: &'a str,
    name: Option<Text<'a>>,
}

#[derive(Serialize)]
struct StakeholderCtx<'a> {
    kind: StakeholderKind,
    role: Option<Text<'a>>,
    organization: Option<Value>,
    groups: Vec<GroupCtx<'a>>,
    contact: &'a Contact,
    leads: Vec<Value>,
    partner_in: Vec<Value>,
    events: Vec<Value>,
    members: Vec<Value>,
}

pub fn add(view: &View, i: StakeholderIx, ctx: &mut Context) {
    let model = view.model();
    let s = &model.stakeholders[i];
    let stakeholder = StakeholderCtx {
        kind: s.kind,
        role: text(&s.role, view),
        organization: s
            .organization
            .as_ref()
            .and_then(|o| model.stakeholder(o))
            .map(|o| view.link(o.page)),
        groups: s
            .groups
            .iter()
            .map(|g| GroupCtx {
                id: g.as_str(),
                name: model
                    .groups
                    .iter()
                    .find(|x| &x.id == g)
                    .and_then(|x| text(&x.name, view)),
            })
            .collect(),
        contact: &s.contact,
        leads: parts::summaries(view, model.led_by(&s.id)),
        partner_in: parts::summaries(view, model.partnered_by(&s.id)),
        events: model
            .events_of_stakeholder(&s.id)
            .iter()
            .map(|&e| view.link(model.events[e].page))
            .collect(),
        members: model
            .members_of(&s.id)
            .iter()
            .map(|&m| view.link(model.stakeholders[m].page))
            .collect(),
    };
    ctx.insert("stakeholder", &stakeholder);
}
