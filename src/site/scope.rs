//! What one render writes: every page or only some, and which of the files
//! made from the whole site (`build` writes everything; `serve` renders only
//! what a change touched).

use std::collections::HashSet;

use crate::plan::PageId;
use crate::render;

/// What one render writes: which pages, and which of the files derived
/// from the whole site.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    /// `None`: every page (and the 404 pages).
    pub pages: Option<&'a HashSet<PageId>>,
    pub sitemap: bool,
    /// `data/plan.json` and `data/programs.csv`.
    pub data: bool,
    pub feeds: bool,
    /// The search index (needs every page rendered) and the search page.
    pub search: bool,
    /// Static files of the theme and the site, and content assets.
    pub assets: bool,
    /// The copies of the photos the rendered pages show, made before the
    /// render returns (`serve` makes them in the background instead).
    pub images: bool,
    /// The plan's PDF in every language, beside its document page (which
    /// every full render writes); `serve` typesets it when it is asked for.
    pub pdf: render::document::Pdf<'a>,
}

impl Scope<'_> {
    /// Everything: what `build` writes.
    pub const ALL: Scope<'static> = Scope {
        pages: None,
        sitemap: true,
        data: true,
        feeds: true,
        search: true,
        assets: true,
        images: true,
        pdf: render::document::Pdf::Typeset,
    };

    /// Only these pages, none of the files made from the whole site.
    pub fn pages(pages: &HashSet<PageId>) -> Scope<'_> {
        Scope {
            pages: Some(pages),
            sitemap: false,
            data: false,
            feeds: false,
            search: false,
            assets: false,
            images: true,
            pdf: render::document::Pdf::Skip,
        }
    }
}
