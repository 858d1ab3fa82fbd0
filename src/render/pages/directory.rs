//! The stakeholder directory (`stakeholders/`): everyone, by group.

use serde::Serialize;
use tera::Context;

use super::parts::{Text, text};
use crate::plan::model::{Stakeholder, StakeholderKind};
use crate::render::globals::Link;
use crate::render::view::View;

#[derive(Serialize)]
pub struct Member<'a> {
    #[serde(flatten)]
    link: Link,
    role: Option<Text<'a>>,
    kind: StakeholderKind,
}

#[derive(Serialize)]
pub struct GroupCtx<'a> {
    id: &'a str,
    name: Option<Text<'a>>,
    members: Vec<Member<'a>>,
}

pub fn add(view: &View, ctx: &mut Context) {
    ctx.insert("directory", &groups(view));
}

/// Everyone, by group; those in no group last.
pub fn groups<'a>(view: &'a View) -> Vec<GroupCtx<'a>> {
    let model = view.model();
    fn member<'a>(view: &'a View, s: &'a Stakeholder) -> Member<'a> {
        Member {
            link: view.link_data(s.page),
            role: text(&s.role, view),
            kind: s.kind,
        }
    }
    let mut groups: Vec<GroupCtx> = model
        .groups
        .iter()
        .map(|g| GroupCtx {
            id: g.id.as_str(),
            name: text(&g.name, view),
            members: model
                .stakeholders
                .iter()
                .filter(|s| s.groups.contains(&g.id))
                .map(|s| member(view, s))
                .collect(),
        })
        .collect();
    let others: Vec<Member> = model
        .stakeholders
        .iter()
        .filter(|s| s.groups.is_empty())
        .map(|s| member(view, s))
        .collect();
    if !others.is_empty() {
        groups.push(GroupCtx {
            id: "lainnya",
            name: Some(Text {
                text: view.s("other_stakeholders").into(),
                lang: None,
            }),
            members: others,
        });
    }
    groups
}
