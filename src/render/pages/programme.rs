//! A programme's page: its facts (status, years, pillar, lead, partners),
//! milestones and budget.

use serde::Serialize;
use tera::{Context, Value};

use super::parts::{self, MilestoneEntry};
use crate::plan::model::{ProgrammeIx, StakeholderId};
use crate::render::view::{Cite, View};

#[derive(Serialize)]
struct BudgetRow {
    year: i32,
    amount: String,
    source: &'static str,
    cite: Option<Cite>,
}

/// What a programme's page shows besides its summary (link, status, years,
/// pillar, lead, total): the plan document shows the same.
#[derive(Serialize)]
struct ProgrammeDetails<'a> {
    start: String,
    end: String,
    pillar_link: Option<Value>,
    lead_link: Option<Value>,
    partners: Vec<Value>,
    milestones: Vec<MilestoneEntry<'a>>,
    budget: Vec<BudgetRow>,
}

pub fn add(view: &View, i: ProgrammeIx, ctx: &mut Context) {
    ctx.insert_value("programme", value(view, i));
}

/// A programme as its page and the plan document show it: the summary the
/// lists share, with its details added.
pub fn value(view: &View, i: ProgrammeIx) -> Value {
    parts::merged(parts::summary(view, i), &details(view, i))
}

fn details<'a>(view: &'a View, i: ProgrammeIx) -> ProgrammeDetails<'a> {
    let model = view.model();
    let p = &model.programmes[i];
    let person = |id: &StakeholderId| model.stakeholder_ix(id).map(|s| parts::person(view, s));
    ProgrammeDetails {
        start: view.date(&p.start),
        end: view.date(&p.end),
        pillar_link: model.pillar(&p.pillar).map(|x| view.link(x.page)),
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
