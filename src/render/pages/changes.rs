//! What changed from a frozen edition to the next one (or to the current
//! plan): `/editions/<id>/changes/` in each of the edition's languages.

use serde::Serialize;
use tera::Context;

use crate::config::Config;
use crate::edition::changes::{Changes, Side, compare};
use crate::paths;
use crate::plan::model::{FundingSource, PlanModel};
use crate::plan::schema::Kind;
use crate::render::view::View;

/// An edition compared with the plan that followed it.
pub struct ChangesPage<'a> {
    pub older: Side<'a>,
    pub newer: Side<'a>,
    /// The edition's id.
    pub from: &'a str,
    /// The next edition's id, or the current plan's label (may be empty).
    pub to: String,
    pub to_current: bool,
}

impl ChangesPage<'_> {
    /// `2023 → 2024`.
    pub fn title(&self) -> String {
        let to = if self.to.is_empty() { "…" } else { &self.to };
        format!("{} → {to}", self.from)
    }

    /// The page's site path in each of the edition's languages.
    pub fn paths(&self) -> Vec<String> {
        let config: &Config = self.older.config;
        config
            .languages
            .iter()
            .map(|l| paths::changes(&config.lang_root(l)))
            .collect()
    }
}

/// What changed, as a reader of the view's language sees it.
fn readable(view: &View, page: &ChangesPage) -> Changes {
    let mut changes = compare(page.older, page.newer, view.lang());
    super::change_facts::in_readers_words(view, page.older, page.newer, &mut changes);
    changes
}

pub fn add(view: &View, page: &ChangesPage, ctx: &mut Context) {
    let changes = readable(view, page);
    ctx.insert("changes_summary", &summary(view, page, &changes));
    ctx.insert("changes", &changes);
    ctx.insert("changes_from", page.from);
    ctx.insert("changes_to", &page.to);
    ctx.insert("changes_to_current", &page.to_current);
}

/// The top of a changes page: how many plan items of each kind were added,
/// removed and changed; the plan's budget by source before and after (the
/// examples' money apart); the programmes whose status changed.
#[derive(Serialize)]
struct Summary {
    kinds: Vec<KindCount>,
    budget: Vec<BudgetMove>,
    budget_examples: Vec<BudgetMove>,
    statuses: Vec<StatusMove>,
}

#[derive(Serialize)]
struct KindCount {
    kind: String,
    added: usize,
    removed: usize,
    changed: usize,
}

#[derive(Serialize)]
struct BudgetMove {
    source: &'static str,
    before: String,
    after: String,
    difference: String,
}

#[derive(Serialize)]
struct StatusMove {
    title: String,
    illustrative: bool,
    path: Option<String>,
    before: String,
    after: String,
}

/// The kinds of plan item a changes page counts, with the UI string naming each.
const KINDS: [(Kind, &str); 4] = [
    (Kind::Pillar, "pillars"),
    (Kind::Programme, "programmes"),
    (Kind::Stakeholder, "document_stakeholders"),
    (Kind::Event, "events"),
];

fn summary(view: &View, page: &ChangesPage, changes: &Changes) -> Summary {
    let count = |list: &[crate::edition::changes::PageChange], kind: Kind| {
        list.iter()
            .filter(|c| Kind::of_item_key(&c.key) == Some(kind))
            .count()
    };
    let kinds = KINDS
        .iter()
        .map(|&(kind, label)| KindCount {
            kind: view.s(label),
            added: count(&changes.added, kind),
            removed: count(&changes.removed, kind),
            changed: count(&changes.changed, kind),
        })
        .filter(|k| k.added + k.removed + k.changed > 0)
        .collect();
    let (old, new) = (&page.older.plan.model, &page.newer.plan.model);
    Summary {
        kinds,
        budget: budget_moves(view, old, new, false),
        budget_examples: budget_moves(view, old, new, true),
        statuses: status_moves(view, old, new, changes),
    }
}

fn budget_moves(view: &View, old: &PlanModel, new: &PlanModel, examples: bool) -> Vec<BudgetMove> {
    let total = |m: &PlanModel, source: FundingSource| -> i64 {
        m.programmes
            .iter()
            .filter(|p| p.illustrative == examples)
            .flat_map(|p| &p.budget)
            .filter(|b| b.source == source)
            .fold(0i64, |sum, b| sum.saturating_add(b.amount))
    };
    FundingSource::ALL
        .iter()
        .map(|&s| (s, total(old, s), total(new, s)))
        .filter(|(_, before, after)| before != after)
        .map(|(s, before, after)| {
            let change = after.saturating_sub(before);
            let sign = if change > 0 { "+" } else { "−" };
            BudgetMove {
                source: s.as_str(),
                before: view.money(before),
                after: view.money(after),
                difference: format!("{sign}{}", view.money(change.saturating_abs())),
            }
        })
        .collect()
}

fn status_moves(
    view: &View,
    old: &PlanModel,
    new: &PlanModel,
    changes: &Changes,
) -> Vec<StatusMove> {
    new.programmes
        .iter()
        .filter_map(|p| {
            let before = old.programmes.iter().find(|o| o.id == p.id)?;
            (before.status != p.status).then(|| {
                let entry = changes
                    .changed
                    .iter()
                    .find(|c| c.key == Kind::Programme.item_key(p.id.as_str()));
                StatusMove {
                    title: entry.map_or_else(|| p.id.to_string(), |c| c.title.clone()),
                    illustrative: p.illustrative || before.illustrative,
                    path: entry.and_then(|c| c.new_path.clone()),
                    before: view.status_label(before.status),
                    after: view.status_label(p.status),
                }
            })
        })
        .collect()
}

/// What a revision moved, in one paragraph of the reader's words, for the
/// feed of revisions: counts by kind, budget moves, status changes.
pub fn summary_words(view: &View, page: &ChangesPage) -> String {
    let changes = readable(view, page);
    let s = summary(view, page, &changes);
    let mut parts: Vec<String> = s
        .kinds
        .iter()
        .map(|k| {
            let counts: Vec<String> = [
                (k.added, "changes_added_n"),
                (k.removed, "changes_removed_n"),
                (k.changed, "changes_changed_n"),
            ]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, key)| format!("{n} {}", view.s(key)))
            .collect();
            format!("{}: {}", k.kind, counts.join(", "))
        })
        .collect();
    for (list, label) in [
        (&s.budget, "changes_budget"),
        (&s.budget_examples, "changes_budget_examples"),
    ] {
        if !list.is_empty() {
            let moves: Vec<String> = list
                .iter()
                .map(|b| format!("{} {} → {} ({})", b.source, b.before, b.after, b.difference))
                .collect();
            parts.push(format!("{}: {}", view.s(label), moves.join("; ")));
        }
    }
    for m in &s.statuses {
        // An example says so, as the news feed's titles do.
        let mark = if m.illustrative {
            format!("[{}] ", view.s("illustrative"))
        } else {
            String::new()
        };
        parts.push(format!("{mark}{}: {} → {}", m.title, m.before, m.after));
    }
    if parts.is_empty() {
        parts.push(view.s("no_changes"));
    }
    parts.join(". ") + "."
}
