//! The list of editions (`/editions/`, `/en/editions/`) and the editions
//! menu every page shows.

use crate::config::Config;
use crate::paths;
use crate::render::input::EditionEntry;
use crate::table::Date;

/// A frozen edition as the menu shows it.
pub struct Frozen<'a> {
    pub id: &'a str,
    pub config: &'a Config,
    pub frozen: Option<Date>,
}

/// The editions menu: every edition, oldest first, then the current plan
/// (empty when there are no editions).
pub fn menu(current: &Config, editions: &[Frozen]) -> Vec<EditionEntry> {
    if editions.is_empty() {
        return Vec::new();
    }
    let homes = |c: &Config| c.languages.iter().map(|l| c.lang_root(l)).collect();
    let mut menu: Vec<EditionEntry> = editions
        .iter()
        .map(|e| EditionEntry {
            id: e.id.to_string(),
            label: e.id.to_string(),
            homes: homes(e.config),
            changes: e
                .config
                .languages
                .iter()
                .map(|l| paths::changes(&e.config.lang_root(l)))
                .collect(),
            frozen: e.frozen,
        })
        .collect();
    menu.push(EditionEntry {
        id: String::new(),
        label: current.current_edition.clone().unwrap_or_default(),
        homes: homes(current),
        changes: Vec::new(),
        frozen: None,
    });
    menu
}

/// The list's site path in each language.
pub fn paths(config: &Config) -> Vec<String> {
    config
        .languages
        .iter()
        .map(|l| paths::editions_list(&config.lang_root(l)))
        .collect()
}
