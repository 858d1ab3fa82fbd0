//! The search page (`/cari/`, `/en/search/`): a form, and what the search
//! script needs to find the index.

use tera::Context;

use crate::paths;
use crate::render::globals::search_segment;
use crate::render::input::RenderInput;
use crate::render::view::View;

/// The search page's site path in each language.
pub fn paths(input: &RenderInput) -> Vec<String> {
    input
        .config
        .languages
        .iter()
        .map(|l| paths::search_page(&input.config.lang_root(l), &search_segment(input.theme, l)))
        .collect()
}

pub fn add(view: &View, ctx: &mut Context) {
    let config = view.g.input.config;
    let index = paths::search_index(&config.base_path, view.lang().as_str());
    ctx.insert("search_index", &paths::encode(&index));
    ctx.insert("search_docs_per_chunk", &paths::SEARCH_DOCS_PER_CHUNK);
}
