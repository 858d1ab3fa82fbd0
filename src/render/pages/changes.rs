//! What changed from a frozen edition to the next one (or to the current
//! plan): `/editions/<id>/changes/` in each of the edition's languages.

use tera::Context;

use crate::config::Config;
use crate::edition::changes::{Side, compare};
use crate::paths;
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

pub fn add(view: &View, page: &ChangesPage, ctx: &mut Context) {
    ctx.insert("changes", &compare(page.older, page.newer, view.lang()));
    ctx.insert("changes_from", page.from);
    ctx.insert("changes_to", &page.to);
    ctx.insert("changes_to_current", &page.to_current);
}
