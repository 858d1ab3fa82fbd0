//! A programme's page: its facts (status, years, pillar, lead, partners),
//! milestones and budget.

use serde::Serialize;
use tera::Context;

use super::parts::{self, MilestoneEntry, ProgrammeSummary, Text, text};
use crate::plan::model::{ProgrammeIx, StakeholderId};
use crate::render::globals::Link;
use crate::render::view::{Cite, View};

#[derive(Serialize)]
struct BudgetRow {
    year: i32,
    amount: String,
    source: &'static str,
    cite: Option<Cite>,
}

#[derive(Serialize)]
struct Person<'a> {
    #[serde(flatten)]
    link: Link,
    role: Option<Text<'a>>,
}

/// What a programme's page shows besides its text; the plan document shows the same.
#[derive(Serialize)]
pub struct ProgrammeCtx<'a> {
    #[serde(flatten)]
    summary: ProgrammeSummary<'a>,
    start: String,
    end: String,
    pillar_link: Option<Link>,
    lead_link: Option<Person<'a>>,
    partners: Vec<Person<'a>>,
    milestones: Vec<MilestoneEntry<'a>>,
    budget: Vec<BudgetRow>,
}

pub fn add(view: &View, i: ProgrammeIx, ctx: &mut Context) {
    ctx.insert("programme", &context(view, i));
}

pub fn context<'a>(view: &'a View, i: ProgrammeIx) -> ProgrammeCtx<'a> {
    let p = &view.model().programmes[i];
    let person = |id: &StakeholderId| {
        view.model().stakeholder(id).map(|s| Person {
            link: view.link_data(s.page),
            role: text(&s.role, view),
        })
    };
    ProgrammeCtx {
        summary: parts::summary_data(view, i),
        start: view.date(&p.start),
        end: view.date(&p.end),
        pillar_link: view
            .model()
            .pillar(&p.pillar)
            .map(|x| view.link_data(x.page)),
        lead_link: person(&p.lead),
        partners: p.partners.iter().filter_map(person).collect(),
        milestones: parts::milestone_entries(view, p.milestones.iter().map(|m| (m, p))),
        budget: p
            .budget
            .iter()
            .map(|b| BudgetRow {
                year: b.year,
                amount: view.money(b.amount),
                source: b.source.as_str(),
                cite: view.cite(p.page, b.cite.as_deref()),
            })
            .collect(),
    }
}
