//! A plan item's changed facts in the reader's words: status and kind names,
//! years and dates, rupiah amounts, pillar and stakeholder names as links to
//! their pages, and lists compared row by row (a budget row by year and
//! source, a milestone by date and title, an indicator by name, a partner, a
//! goal), so that only what moved shows, each as "before → after".
//!
//! Facts of other pages (front matter a theme reads) stay as written.

mod facts;
mod items;
mod programme;

use crate::edition::changes::{Changes, FactChange, Side};
use crate::plan::role::Role;
use crate::render::view::View;
use facts::Facts;

/// The facts that changed between `old` and `new`, two versions of one plan
/// item's page, or None when the page is not the same kind of item on both.
fn item_facts(view: &View, old: Side, new: Side, key: &str) -> Option<Vec<FactChange>> {
    let (a, b) = (old.plan.tree.get(key)?, new.plan.tree.get(key)?);
    let mut facts = Facts::new(view, old, new);
    match (a.role, b.role) {
        (Role::Programme(a), Role::Programme(b)) => {
            let (a, b) = (&old.plan.model.programmes[a], &new.plan.model.programmes[b]);
            programme::facts(&mut facts, a, b);
        }
        (Role::Pillar(a), Role::Pillar(b)) => {
            let (a, b) = (&old.plan.model.pillars[a], &new.plan.model.pillars[b]);
            items::pillar(&mut facts, a, b);
        }
        (Role::Stakeholder(a), Role::Stakeholder(b)) => {
            let (a, b) = (
                &old.plan.model.stakeholders[a],
                &new.plan.model.stakeholders[b],
            );
            items::stakeholder(&mut facts, a, b);
        }
        (Role::Event(a), Role::Event(b)) => {
            let (a, b) = (&old.plan.model.events[a], &new.plan.model.events[b]);
            items::event(&mut facts, a, b);
        }
        (Role::Article(a), Role::Article(b)) => {
            let (a, b) = (&old.plan.model.news[a], &new.plan.model.news[b]);
            facts.fact(facts.s("date"), view.date(&a.date), view.date(&b.date));
        }
        _ => return None,
    }
    facts.provenance(a, b);
    Some(facts.rows)
}

/// Replaces the raw facts of every changed plan item with the reader's
/// words, and drops the pages whose change a reader cannot see (a budget
/// row's citation id, a key a theme does not show).
pub fn in_readers_words(view: &View, old: Side, new: Side, changes: &mut Changes) {
    for c in &mut changes.changed {
        if let Some(facts) = item_facts(view, old, new, &c.key) {
            c.facts = facts;
        }
    }
    changes
        .changed
        .retain(|c| c.diff.is_some() || c.old_title.is_some() || !c.facts.is_empty());
}
