//! A plan item's changed facts in the reader's words: status and kind names,
//! years and dates, rupiah amounts, pillar and stakeholder names as links to
//! their pages, and lists compared row by row (a budget row by year and
//! source, a milestone by date and title, an indicator by name, a partner, a
//! goal), so that only what moved shows, each as "before → after".
//!
//! Facts of other pages (front matter a theme reads) stay as written.

mod items;
mod programme;

use crate::edition::changes::{Changes, FactChange, Side, page_path};
use crate::plan::model::Localized;
use crate::plan::role::Role;
use crate::plan::{Page, PageId};
use crate::render::view::View;

/// A value of one side as a reader sees it: words, and the page they name.
#[derive(Default)]
struct Shown {
    text: String,
    path: Option<String>,
}

impl From<String> for Shown {
    fn from(text: String) -> Self {
        Shown { text, path: None }
    }
}

/// Collects the facts that differ between the two versions of one item.
struct Facts<'a, 'v> {
    view: &'v View<'v>,
    old: Side<'a>,
    new: Side<'a>,
    rows: Vec<FactChange>,
}

impl<'a, 'v> Facts<'a, 'v> {
    fn new(view: &'v View<'v>, old: Side<'a>, new: Side<'a>) -> Self {
        Facts {
            view,
            old,
            new,
            rows: Vec::new(),
        }
    }

    /// A UI string of the reader's language.
    fn s(&self, key: &str) -> String {
        self.view.s(key)
    }

    /// One fact, kept when its two sides read differently.
    fn fact(&mut self, key: String, was: impl Into<Shown>, is: impl Into<Shown>) {
        let (was, is) = (was.into(), is.into());
        if was.text != is.text {
            self.rows.push(FactChange {
                key,
                old: was.text,
                new: is.text,
                old_path: was.path,
                new_path: is.path,
            });
        }
    }

    /// A list compared as a set: a row for each entry removed, then for
    /// each entry added, each under `key`, in list order.
    fn rows_of<T: PartialEq>(
        &mut self,
        key: &str,
        was: &[T],
        is: &[T],
        show: impl Fn(&Self, Side<'a>, &T) -> Shown,
    ) {
        let key = self.s(key);
        for gone in was.iter().filter(|x| !is.contains(x)) {
            let shown = show(self, self.old, gone);
            self.fact(key.clone(), shown, Shown::default());
        }
        for new in is.iter().filter(|x| !was.contains(x)) {
            let shown = show(self, self.new, new);
            self.fact(key.clone(), Shown::default(), shown);
        }
    }

    /// The name of page `page` on `side` in the reader's language, with its
    /// address on that side (the edition's copy for an older side).
    fn page(&self, side: Side, page: PageId) -> Shown {
        let lang = self.view.lang();
        let page = &side.plan.tree.pages[page];
        Shown {
            text: page
                .version(lang)
                .source
                .map_or_else(String::new, |s| side.sources.files[s].meta.title.clone()),
            path: Some(page_path(side, page, lang)),
        }
    }

    /// A pillar's name and page, else its id as written.
    fn pillar(&self, side: Side, id: &crate::plan::model::PillarId) -> Shown {
        match side.plan.model.pillar(id) {
            Some(p) => self.page(side, p.page),
            None => id.to_string().into(),
        }
    }

    /// A stakeholder's name and page, else its id as written.
    fn stakeholder(&self, side: Side, id: &crate::plan::model::StakeholderId) -> Shown {
        match side.plan.model.stakeholder(id) {
            Some(s) => self.page(side, s.page),
            None => id.to_string().into(),
        }
    }

    /// Whether the item is an example, and the sources it cites, as its
    /// page lists them.
    fn provenance(&mut self, a: &Page, b: &Page) {
        let example = |p: &Page| self.s(if p.illustrative { "yes" } else { "no" });
        self.fact(self.s("illustrative"), example(a), example(b));
        let sources = |side: Side, p: &Page| -> Vec<String> {
            let lang = &side.config.default_language;
            p.version(lang).source.map_or_else(Vec::new, |s| {
                let meta = &side.sources.files[s].meta;
                meta.references
                    .iter()
                    .map(|r| format!("{}: {} ({})", r.publisher, r.title, self.view.date(&r.date)))
                    .collect()
            })
        };
        let (was, is) = (sources(self.old, a), sources(self.new, b));
        self.rows_of("sources", &was, &is, |_, _, s| s.clone().into());
    }

    /// A text of the reader's language (else the default language's).
    fn text(&self, texts: &Localized<String>) -> String {
        texts.get(self.view.lang()).cloned().unwrap_or_default()
    }
}

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
