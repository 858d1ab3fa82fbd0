//! The stakeholder directory (`stakeholders/`): everyone, by group.

use serde::Serialize;
use tera::Context;

use super::parts::{Text, text};
use crate::plan::model::{Stakeholder, StakeholderKind};
use crate::render::globals::Link;
use crate::render::view::View;

#[derive(Serialize)]
struct Member<'a> {
    #[serde(flatten)]
    link: Link,
    role: Option<Text<'a>>,
    kind: StakeholderKind,
}

#[derive(Serialize)]
struct GroupCtx<'a> {
    id: &'a str,
    name: Option<Text<'a>>,
    members: Vec<Member<'a>>,
}

pub fn add(view: &View, ctx: &mut Context) {
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
    let other_title = view.s("other_stakeholders");
    if !others.is_empty() {
        groups.push(GroupCtx {
            id: "lainnya",
            name: Some(Text {
                text: &other_title,
                lang: None,
            }),
            members: others,
        });
    }
    ctx.insert("directory", &groups);
}
