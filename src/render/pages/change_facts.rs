//! A programme's changed facts in the reader's words: status names, years,
//! pillar and stakeholder names, rupiah amounts, and lists compared row by row
//! (a budget row by year and source, a milestone by date and title, a partner),
//! so that only what moved shows, each as "before → after".

use crate::edition::changes::{FactChange, Side};
use crate::plan::PageId;
use crate::plan::model::Programme;
use crate::render::view::View;

/// The name of page `page` on `side` in the reader's language.
fn name(side: Side, page: PageId, view: &View) -> String {
    let version = side.plan.tree.pages[page].version(view.lang());
    version
        .source
        .map_or_else(String::new, |s| side.sources.files[s].meta.title.clone())
}

/// The name of the item `id` among `items` (id, page), else the id itself.
fn name_of<'a>(
    side: Side,
    mut items: impl Iterator<Item = (&'a str, PageId)>,
    id: &str,
    view: &View,
) -> String {
    items
        .find(|(item, _)| *item == id)
        .map_or_else(|| id.to_string(), |(_, page)| name(side, page, view))
}

fn stakeholder(side: Side, id: &str, view: &View) -> String {
    let all = side
        .plan
        .model
        .stakeholders
        .iter()
        .map(|s| (s.id.0.as_str(), s.page));
    name_of(side, all, id, view)
}

fn pillar(side: Side, id: &str, view: &View) -> String {
    let all = side
        .plan
        .model
        .pillars
        .iter()
        .map(|p| (p.id.0.as_str(), p.page));
    name_of(side, all, id, view)
}

fn programme<'a>(side: Side<'a>, id: &str) -> Option<&'a Programme> {
    side.plan.model.programmes.iter().find(|p| p.id.0 == id)
}

/// The facts that changed between two versions of programme `id`, or None
/// when it is not a programme on both sides.
pub fn programme_facts(view: &View, old: Side, new: Side, id: &str) -> Option<Vec<FactChange>> {
    let (a, b) = (programme(old, id)?, programme(new, id)?);
    let mut facts = Vec::new();
    let mut fact = |key: String, was: String, is: String| {
        if was != is {
            facts.push(FactChange {
                key,
                old: was,
                new: is,
            });
        }
    };
    fact(
        view.s("status"),
        view.status_label(a.status),
        view.status_label(b.status),
    );
    let years = |p: &Programme| match p.end_year() {
        end if end > p.start.year => format!("{}–{end}", p.start.year),
        _ => p.start.year.to_string(),
    };
    fact(view.s("years"), years(a), years(b));
    fact(
        view.s("pillar"),
        pillar(old, &a.pillar.0, view),
        pillar(new, &b.pillar.0, view),
    );
    fact(
        view.s("lead"),
        stakeholder(old, &a.lead.0, view),
        stakeholder(new, &b.lead.0, view),
    );
    for id in a.partners.iter().filter(|p| !b.partners.contains(p)) {
        fact(
            view.s("partners"),
            stakeholder(old, &id.0, view),
            String::new(),
        );
    }
    for id in b.partners.iter().filter(|p| !a.partners.contains(p)) {
        fact(
            view.s("partners"),
            String::new(),
            stakeholder(new, &id.0, view),
        );
    }
    budget_rows(view, a, b, &mut fact);
    milestone_rows(view, a, b, &mut fact);
    Some(facts)
}

type Fact<'f> = dyn FnMut(String, String, String) + 'f;

/// Budget rows by year and source: only those whose amount moved.
fn budget_rows(view: &View, a: &Programme, b: &Programme, fact: &mut Fact) {
    // Budget rows by year and source.
    let mut rows: Vec<(i32, &str)> = a
        .budget
        .iter()
        .chain(&b.budget)
        .map(|l| (l.year, l.source.as_str()))
        .collect();
    rows.sort_unstable();
    rows.dedup();
    for (year, source) in rows {
        let amount = |p: &Programme| {
            p.budget
                .iter()
                .filter(|l| l.year == year && l.source.as_str() == source)
                .map(|l| view.money(l.amount))
                .collect::<Vec<_>>()
                .join(" + ")
        };
        fact(
            format!("{} · {year} · {source}", view.s("budget")),
            amount(a),
            amount(b),
        );
    }
}

/// Milestones by date and title: added, removed, reached.
fn milestone_rows(view: &View, a: &Programme, b: &Programme, fact: &mut Fact) {
    // Milestones by date and title: added, removed, reached.
    let title = |m: &crate::plan::model::Milestone| {
        super::parts::text(&m.title, view).map_or_else(String::new, |t| t.text.into_owned())
    };
    let state = |done: bool| {
        view.s(if done {
            "changes_reached"
        } else {
            "changes_not_reached"
        })
    };
    for m in &a.milestones {
        let key = format!(
            "{} · {} · {}",
            view.s("milestone"),
            view.date(&m.date),
            title(m)
        );
        match b
            .milestones
            .iter()
            .find(|n| n.date == m.date && title(n) == title(m))
        {
            Some(n) => fact(key, state(m.done), state(n.done)),
            None => fact(key, state(m.done), String::new()),
        }
    }
    for m in b.milestones.iter().filter(|n| {
        !a.milestones
            .iter()
            .any(|m| m.date == n.date && title(m) == title(n))
    }) {
        let key = format!(
            "{} · {} · {}",
            view.s("milestone"),
            view.date(&m.date),
            title(m)
        );
        fact(key, String::new(), state(m.done));
    }
}

/// Replaces the raw facts of every changed programme with the reader's words.
pub fn in_readers_words(
    view: &View,
    old: Side,
    new: Side,
    changes: &mut crate::edition::changes::Changes,
) {
    for c in &mut changes.changed {
        let Some(id) = c
            .key
            .strip_prefix("programs/")
            .filter(|id| !id.ends_with("_index"))
        else {
            continue;
        };
        if let Some(facts) = programme_facts(view, old, new, id) {
            c.facts = facts;
        }
    }
}
