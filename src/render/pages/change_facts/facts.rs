//! The collector of one item's changed facts, and the reader's words for
//! the names it shows (a pillar's, a stakeholder's, with their pages).

use crate::edition::changes::{FactChange, Side, page_path};
use crate::plan::model::Localized;
use crate::plan::{Page, PageId};
use crate::render::view::View;

/// A value of one side as a reader sees it: words, and the page they name.
#[derive(Default)]
pub(super) struct Shown {
    text: String,
    path: Option<String>,
}

impl From<String> for Shown {
    fn from(text: String) -> Self {
        Shown { text, path: None }
    }
}

/// Collects the facts that differ between the two versions of one item.
pub(super) struct Facts<'a, 'v> {
    pub(super) view: &'v View<'v>,
    pub(super) old: Side<'a>,
    pub(super) new: Side<'a>,
    pub(super) rows: Vec<FactChange>,
}

impl<'a, 'v> Facts<'a, 'v> {
    pub(super) fn new(view: &'v View<'v>, old: Side<'a>, new: Side<'a>) -> Self {
        Facts {
            view,
            old,
            new,
            rows: Vec::new(),
        }
    }

    /// A UI string of the reader's language.
    pub(super) fn s(&self, key: &str) -> String {
        self.view.s(key)
    }

    /// One fact, kept when its two sides read differently.
    pub(super) fn fact(&mut self, key: String, was: impl Into<Shown>, is: impl Into<Shown>) {
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
    pub(super) fn rows_of<T: PartialEq>(
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
    pub(super) fn page(&self, side: Side, page: PageId) -> Shown {
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
    pub(super) fn pillar(&self, side: Side, id: &crate::plan::model::PillarId) -> Shown {
        match side.plan.model.pillar(id) {
            Some(p) => self.page(side, p.page),
            None => id.to_string().into(),
        }
    }

    /// A stakeholder's name and page, else its id as written.
    pub(super) fn stakeholder(&self, side: Side, id: &crate::plan::model::StakeholderId) -> Shown {
        match side.plan.model.stakeholder(id) {
            Some(s) => self.page(side, s.page),
            None => id.to_string().into(),
        }
    }

    /// Whether the item is an example, and the sources it cites, as its
    /// page lists them.
    pub(super) fn provenance(&mut self, a: &Page, b: &Page) {
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
    pub(super) fn text(&self, texts: &Localized<String>) -> String {
        texts.get(self.view.lang()).cloned().unwrap_or_default()
    }
}
