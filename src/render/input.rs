//! What the render stage reads and what it hands on: one plan (the current
//! one or a frozen edition) with its theme, and the files it makes, each
//! page's text, and the pages each page used.

use std::collections::HashMap;

use serde::Serialize;

use crate::config::{Config, Lang, LangIx};
use crate::diagnostics::Diagnostic;
use crate::index::TiVec;
use crate::load::{Sources, Theme};
use crate::paths;
use crate::plan::{PageId, PageTree, Plan};
use crate::table::Date;

/// A file of the built site.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// Relative to the output folder, `/`-separated: `en/programs/x/index.html`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Receives each rendered file; an error stops nothing but is reported.
pub type Emit<'a> = dyn Fn(Output) -> Result<(), Diagnostic> + Sync + 'a;

/// The plain text of each rendered page in each language, for the files made
/// from every page's text (search index, feeds).
pub type PageTexts = HashMap<(PageId, LangIx), String>;

/// What each page's rendering used, so that a change re-renders only the
/// pages that show it.
#[derive(Debug, Default, Clone)]
pub struct Dependencies {
    /// For each page of the tree: the pages whose link, title or facts it shows.
    pub uses: TiVec<PageId, Vec<PageId>>,
    /// The plain text of each rendered (page, language), for the search index.
    pub texts: PageTexts,
}

/// Everything a render reads: one plan (the current one, or an edition)
/// with the theme it is shown in.
#[derive(Clone, Copy)]
pub struct RenderInput<'a> {
    pub config: &'a Config,
    pub sources: &'a Sources,
    pub theme: &'a Theme,
    pub plan: &'a Plan,
    pub tera: &'a tera::Tera,
    /// Set when rendering a frozen edition.
    pub edition: Option<EditionView<'a>>,
    /// The editions menu every page shows.
    pub editions: &'a [EditionEntry],
    /// The photos pages show, probed as they are met and published after.
    pub images: &'a crate::images::Images,
    /// The PDFs of the plan typeset by earlier builds.
    pub document_cache: &'a crate::pdf::cache::DocumentCache,
    /// Counts the pages rendered and the PDFs being typeset.
    pub progress: &'a crate::progress::Progress,
}

/// An edition being rendered: where its pages live in the current plan.
#[derive(Clone, Copy)]
pub struct EditionView<'a> {
    pub id: &'a str,
    pub current_config: &'a Config,
    pub current_tree: &'a PageTree,
}

/// The edition banner of one page.
#[derive(Serialize)]
pub struct EditionPage {
    pub id: String,
    /// This page in the current plan (its home when the page is gone).
    pub current_path: String,
    pub current_permalink: String,
    pub page_exists_now: bool,
    /// The edition's list of changes, in this language.
    pub changes_path: String,
}

impl EditionView<'_> {
    /// The banner of the page `key` (`None`: a page no content file makes).
    pub fn page(&self, config: &Config, lang: &Lang, key: Option<&str>) -> EditionPage {
        let current = key.and_then(|k| self.current_tree.get(k));
        let path = current.map_or_else(
            || self.current_config.lang_root(lang),
            |p| p.version(lang).path.clone(),
        );
        let path = paths::encode(&path);
        EditionPage {
            id: self.id.to_string(),
            current_permalink: self.current_config.permalink(&path),
            current_path: path,
            // A page that is not a content file (a list of changes) counts as present.
            page_exists_now: key.is_none() || current.is_some(),
            changes_path: paths::encode(&paths::changes(&config.lang_root(lang))),
        }
    }
}

/// One entry of the editions menu: an edition, or the current plan.
#[derive(Debug, Clone)]
pub struct EditionEntry {
    /// Empty for the current plan.
    pub id: String,
    pub label: String,
    /// Its home in each language (site paths, in `Config::languages` order).
    pub homes: Vec<String>,
    /// Its list of changes in each language (none for the current plan).
    pub changes: Vec<String>,
    pub frozen: Option<Date>,
}
