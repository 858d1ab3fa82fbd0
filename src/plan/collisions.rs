//! Two things that would be written to one place: two pages at one URL, a
//! page where the site writes one of its own files (the search page, the
//! feed...), or two URLs that differ only by letter case or by how an accent
//! is encoded (`Kegiatan` and `kegiatan`, `café` in NFC and NFD), which are
//! one folder on macOS, Windows and IIS. Each is an error naming the files.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use super::pages::{Page, PageTree, alias_segments};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Sources;

/// What the site writes itself, for a configuration (the current plan's, or
/// an edition's).
pub type GeneratedPaths<'a> = &'a (dyn Fn(&Config) -> Vec<Generated> + Sync);

/// A site path the site writes itself, and what is there.
pub struct Generated {
    pub path: String,
    pub what: &'static str,
    /// The UI string that names its folder, when a site can move it.
    pub slug_string: Option<&'static str>,
}

/// How a path is stored on a case-insensitive, normalising file system.
fn folded(path: &str) -> String {
    path.nfc().collect::<String>().to_lowercase()
}

fn file_of(sources: &Sources, page: &Page) -> String {
    page.versions.iter().find_map(|v| v.source).map_or_else(
        || page.key.clone(),
        |s| sources.files[s].file.display().to_string(),
    )
}

/// Every place a page would be written: its URL in each language, and its
/// aliases (written under the base path).
fn places(sources: &Sources, base_path: &str, page: &Page) -> Vec<String> {
    let mut out: Vec<String> = page.versions.iter().map(|v| v.path.clone()).collect();
    for v in page.versions.iter().filter(|v| v.translated) {
        let Some(src) = v.source.map(|s| &sources.files[s]) else {
            continue;
        };
        for alias in &src.meta.aliases {
            if let Some(segments) = alias_segments(alias) {
                out.push(format!("{base_path}{}/", segments.join("/")));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

pub fn check(
    config: &Config,
    sources: &Sources,
    tree: &PageTree,
    generated: &[Generated],
    diags: &mut Diagnostics,
) {
    let places = |page| places(sources, &config.base_path, page);
    let mut seen: HashMap<String, (&Page, String)> = HashMap::new();
    for page in tree.pages.iter() {
        for place in places(page) {
            let key = folded(&place);
            match seen.get(&key) {
                Some((other, _)) if other.key == page.key => {}
                Some((other, other_place)) => {
                    let message = if *other_place == place {
                        format!(
                            "two pages would be written to {place}: this one and {}",
                            file_of(sources, other)
                        )
                    } else {
                        format!(
                            "this page would be written to {place} and {} to {other_place}: one folder on macOS, Windows and IIS, which do not tell letter case or accent encodings apart",
                            file_of(sources, other)
                        )
                    };
                    diags.push(
                        Diagnostic::error(file_of(sources, page), message)
                            .with_hint("give one of them a different `slug`, or rename one file"),
                    );
                }
                None => {
                    seen.insert(key, (page, place));
                }
            }
        }
    }
    // The site's own pages, looked up among every page's places at once.
    for g in generated {
        if let Some((page, _)) = seen.get(&folded(&g.path)) {
            diags.push(
                Diagnostic::error(
                    file_of(sources, page),
                    format!(
                        "this page would be written to {}, where the site puts {}",
                        g.path, g.what
                    ),
                )
                .with_hint(match g.slug_string {
                    Some(key) => format!(
                        "give the page another `slug`, or put {} elsewhere with the UI string `{key}` in i18n/<lang>.toml",
                        g.what
                    ),
                    None => "give the page another `slug`".to_string(),
                }),
            );
        }
    }
}
