//! The plan's editions: frozen copies of `content/` under `editions/<id>/`.
//!
//! `terbit edition freeze <id>` copies `content/` aside (never over an
//! existing edition). At build time each edition goes through the same
//! load and plan stages as the current content, with its own base path
//! `/editions/<id>/`, and is rendered with the same theme: every page of it
//! carries a banner pointing at the page's current version. [`changes`]
//! compares each edition with the next one (or the current content).

pub mod changes;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{self, CONTENT_DIR, Sources};
use crate::plan::collisions::GeneratedPaths;
use crate::plan::{self, Plan};
use crate::table::{self, Date, Value};

pub use crate::paths::EDITIONS_DIR;

/// A frozen edition, loaded and planned.
pub struct Edition {
    pub id: String,
    /// When it was frozen, from `editions/<id>.toml`.
    pub frozen: Option<Date>,
    /// The site's configuration with the edition's base path.
    pub config: Config,
    pub sources: Sources,
    pub plan: Plan,
}

impl Edition {
    /// The output folder of the edition, relative to the site's: `editions/2023/`.
    pub fn output_prefix(&self) -> String {
        crate::paths::edition_prefix(&self.id)
    }
}

/// An edition id is one safe path segment: `2023`, `2024-revisi`, `v1.2`.
pub fn check_id(id: &str) -> Result<(), String> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
        })
        && id.as_bytes()[0].is_ascii_alphanumeric();
    if crate::paths::windows_reserved(id) {
        Err(format!("`{id}` is a name Windows reserves for a device"))
    } else if ok && !id.ends_with('.') {
        Ok(())
    } else {
        Err(format!("`{id}` is not a usable edition id"))
    }
}

/// `terbit edition freeze <id>`: copies `content/` to `editions/<id>/`.
/// Returns the new edition's folder and the warnings of the copy (links
/// that were not followed).
pub fn freeze(root: &Path, id: &str, today: Date) -> Result<(PathBuf, Diagnostics), Diagnostic> {
    check_id(id).map_err(|why| {
        Diagnostic::error(EDITIONS_DIR, why).with_hint(
            "use lowercase letters, digits, - _ or ., starting with a letter or digit, like 2024",
        )
    })?;
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        return Err(Diagnostic::error(
            CONTENT_DIR,
            "there is no content/ folder to freeze",
        ));
    }
    let target = root.join(EDITIONS_DIR).join(id);
    if target.exists() {
        return Err(Diagnostic::error(
            format!("{EDITIONS_DIR}/{id}"),
            format!("edition `{id}` already exists; nothing was changed"),
        )
        .with_hint("an edition is never overwritten: choose another id"));
    }
    let mut diags = Diagnostics::new();
    let files = load::walk(root, &content, &mut diags);
    let staging = root.join(EDITIONS_DIR).join(format!(".{id}.freezing"));
    let _ = std::fs::remove_dir_all(&staging);
    for file in files {
        let rel = file.strip_prefix(&content).unwrap_or(&file);
        let dest = staging.join(rel);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Diagnostic::error(parent, format!("cannot create folder: {e}")))?;
        }
        std::fs::copy(&file, &dest)
            .map_err(|e| Diagnostic::error(&file, format!("cannot copy: {e}")))?;
    }
    std::fs::create_dir_all(&staging)
        .map_err(|e| Diagnostic::error(&staging, format!("cannot create folder: {e}")))?;
    std::fs::rename(&staging, &target)
        .map_err(|e| Diagnostic::error(&target, format!("cannot create the edition: {e}")))?;
    let meta = root.join(EDITIONS_DIR).join(format!("{id}.toml"));
    std::fs::write(
        &meta,
        format!(
            "# Written by `terbit edition freeze {id}`.\nfrozen = {}\n",
            today.iso()
        ),
    )
    .map_err(|e| Diagnostic::error(&meta, format!("cannot write: {e}")))?;
    Ok((target, diags))
}

/// Loads and plans every edition under `editions/`, in id order, in parallel.
pub fn load_all(
    config: &Config,
    drafts: bool,
    images: &crate::images::Images,
    generated: GeneratedPaths,
    diags: &mut Diagnostics,
) -> Vec<Edition> {
    let dir = config.root.join(EDITIONS_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut ids: Vec<String> = entries
        .flatten()
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|id| !load::is_ignored_name(id))
        .collect();
    ids.sort();
    let results: Vec<(Option<Edition>, Diagnostics)> = ids
        .par_iter()
        .map(|id| {
            let mut d = Diagnostics::new();
            let edition = load_one(config, id, drafts, images, generated, &mut d);
            (edition, d)
        })
        .collect();
    results
        .into_iter()
        .filter_map(|(edition, d)| {
            diags.extend(d);
            edition
        })
        .collect()
}

fn load_one(
    config: &Config,
    id: &str,
    drafts: bool,
    images: &crate::images::Images,
    generated: GeneratedPaths,
    diags: &mut Diagnostics,
) -> Option<Edition> {
    if let Err(why) = check_id(id) {
        diags.push(
            Diagnostic::error(format!("{EDITIONS_DIR}/{id}"), why)
                .with_hint("rename the folder to a safe id like 2023"),
        );
        return None;
    }
    let mut econfig = config.clone();
    econfig.base_path = crate::paths::edition_base_path(&config.base_path, id);
    let options = load::LoadOptions {
        drafts,
        content_dir: PathBuf::from(EDITIONS_DIR).join(id),
    };
    let sources = load::load(&econfig, &options, images, diags);
    let plan = plan::plan(&econfig, &sources, generated, diags);
    Some(Edition {
        id: id.to_string(),
        frozen: frozen_date(config, id, diags),
        config: econfig,
        sources,
        plan,
    })
}

fn frozen_date(config: &Config, id: &str, diags: &mut Diagnostics) -> Option<Date> {
    let file = PathBuf::from(EDITIONS_DIR).join(format!("{id}.toml"));
    let text = std::fs::read_to_string(config.root.join(&file)).ok()?;
    let (table, errors) = table::parse(&text, 1);
    for e in errors {
        diags.push(Diagnostic::error(&file, e.message).at(e.line, e.column));
    }
    match table.entries.get("frozen").map(|f| &f.value) {
        Some(Value::Datetime(s)) => Date::parse(s),
        _ => None,
    }
}

/// Today's date where the computer is (its time zone), for the freeze record.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_single_safe_segments() {
        for good in ["2023", "2024-revisi", "v1.2"] {
            assert!(check_id(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "..",
            ".x",
            "a/b",
            "A",
            "2023 baru",
            "../x",
            "con",
            "nul.txt",
            "com1",
            "lpt9.2024",
            "x.",
        ] {
            assert!(check_id(bad).is_err(), "{bad}");
        }
    }
}
