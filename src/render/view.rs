//! What one page's context is built from, and the record of what it used.
//!
//! Every link, title or summary of another page that a page shows is taken
//! through [`View`], which notes the page it came from. `serve` re-renders a
//! page when any page it noted changes, so what it rebuilds is complete by
//! construction: a context cannot show another page without the record.

use std::cell::RefCell;

use serde::Serialize;
use tera::Value;

use super::globals::{LangGlobals, Link};
use crate::config::Lang;
use crate::load::Reference;
use crate::plan::model::{PlanModel, Status};
use crate::plan::{PageId, Plan};
use crate::table::Date;

/// A fact's mark pointing to the source it comes from: `[1]`.
#[derive(Debug, Serialize)]
pub struct Cite {
    pub n: usize,
    /// The id of the source's entry in the page's list of sources.
    pub anchor: String,
}

/// The id of the n-th entry (from 1) of a page's list of sources.
pub fn source_anchor(n: usize) -> String {
    format!("plan-sumber-{n}")
}

pub struct View<'a> {
    pub g: &'a LangGlobals<'a>,
    pub plan: &'a Plan,
    used: RefCell<Vec<PageId>>,
}

impl<'a> View<'a> {
    pub fn new(g: &'a LangGlobals<'a>) -> View<'a> {
        View {
            g,
            plan: g.input.plan,
            used: RefCell::new(Vec::new()),
        }
    }

    pub fn model(&self) -> &'a PlanModel {
        &self.plan.model
    }

    pub fn lang(&self) -> &Lang {
        &self.g.lang
    }

    /// Notes that this page shows something of page `p`.
    pub fn uses(&self, p: PageId) {
        self.used.borrow_mut().push(p);
    }

    /// The link to page `p`, as a template value.
    pub fn link(&self, p: PageId) -> Value {
        self.uses(p);
        self.g.link_value(p)
    }

    /// The link to page `p`, for a context that adds fields beside it.
    pub fn link_data(&self, p: PageId) -> Link {
        self.uses(p);
        self.g.link(p)
    }

    /// The title of page `p` in this language.
    pub fn title(&self, p: PageId) -> String {
        self.uses(p);
        self.g.title(p)
    }

    /// The sources of page `p`: those of its default-language file (facts
    /// and the sources they cite are the same in every language).
    pub fn references(&self, p: PageId) -> &'a [Reference] {
        let page = &self.plan.tree.pages[p];
        let config = self.g.input.config;
        let default = page.version(&config.default_language);
        let file = if default.translated {
            default.source
        } else {
            page.versions[self.g.li].source
        };
        file.map_or(&[], |s| &self.g.input.sources.files[s].meta.references)
    }

    /// The citation mark of a fact of page `p` that cites source `id`.
    pub fn cite(&self, p: PageId, id: Option<&str>) -> Option<Cite> {
        let id = id?;
        let n = self
            .references(p)
            .iter()
            .position(|r| r.id.as_deref() == Some(id))?
            + 1;
        Some(Cite {
            n,
            anchor: source_anchor(n),
        })
    }

    /// The pages this page used, sorted, each once.
    pub fn into_used(self) -> Vec<PageId> {
        let mut used = self.used.into_inner();
        used.sort_unstable();
        used.dedup();
        used
    }

    /// A UI string of this language.
    pub fn s(&self, key: &str) -> String {
        self.g.s(key)
    }

    pub fn date(&self, d: &Date) -> String {
        self.g.locale.date(d)
    }

    /// `Rp 1.500.000.000`, as this language writes amounts.
    pub fn money(&self, amount: i64) -> String {
        self.g
            .s("currency_format")
            .replace("{amount}", &self.g.locale.integer(amount))
    }

    pub fn status_label(&self, s: Status) -> String {
        self.g.s(&format!("status_{}", s.as_str()))
    }
}
