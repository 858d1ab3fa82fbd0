//! What the render stage reads and what it hands on: one plan (the current
//! one or a frozen edition) with its theme, and the files it makes, each
//! page's text, and the pages each page used.

use std::collections::HashMap;

use crate::config::{Config, LangIx};
use crate::diagnostics::Diagnostic;
use crate::index::TiVec;
use crate::load::{Sources, Theme};
use crate::plan::{PageId, Plan};

use super::globals::{EditionEntry, EditionView};

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
}
