//! The page for missing paths (`404.html`, `/en/404.html`): the base
//! context says all it shows.

use crate::render::input::RenderInput;

/// The 404 page's site path in each language.
pub fn paths(input: &RenderInput) -> Vec<String> {
    let config = input.config;
    config
        .languages
        .iter()
        .map(|l| crate::paths::not_found(&config.lang_root(l)))
        .collect()
}
