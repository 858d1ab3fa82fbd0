//! Watching the site's folders and sorting what changed.
//!
//! Saves are debounced: events are gathered until 50 ms pass without a new
//! one, so a burst of editor writes becomes one batch. Reads (the build's
//! own opening of files) are not changes.
//! Editor droppings (`*.swp`, `*~`, `.#x`, `4913`, hidden files) are dropped.
//! A content file is re-read alone; anything that shapes every page
//! (configuration, templates, UI strings, editions) reloads the whole site;
//! static files are only copied again.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::config::CONFIG_FILE;
use crate::load::{CONTENT_DIR, STATIC_DIR, is_ignored_name};

/// What a batch of changes asks for, from the least to the most work.
#[derive(Debug, Default, PartialEq)]
pub struct Saves {
    /// Files or folders under `content/` (absolute paths).
    pub content: BTreeSet<PathBuf>,
    /// Something under `static/` or a theme's `static/`.
    pub assets: bool,
    /// Only stylesheets among the assets.
    pub css_only: bool,
    /// Configuration, templates, UI strings, editions: reload everything.
    pub everything: bool,
}

impl Saves {
    pub fn is_empty(&self) -> bool {
        self.content.is_empty() && !self.assets && !self.everything
    }
}

/// The folders and files `serve` watches, relative to the site root.
pub const WATCHED: [&str; 7] = [
    CONFIG_FILE,
    CONTENT_DIR,
    "themes",
    "templates",
    STATIC_DIR,
    "editions",
    "i18n",
];

/// Quiet time that ends a batch of changes.
const DEBOUNCE: Duration = Duration::from_millis(50);

pub struct Watcher {
    watcher: RecommendedWatcher,
    rx: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
}

impl Watcher {
    /// Starts watching `root`'s site folders (those that exist).
    pub fn start(root: &Path) -> Result<Watcher, String> {
        let (tx, rx) = std::sync::mpsc::channel();
        let mut watcher = notify::recommended_watcher(tx).map_err(|e| e.to_string())?;
        // The root itself, not recursively, catches terbit.toml and folders made later.
        watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| format!("{}: {e}", root.display()))?;
        let mut w = Watcher {
            watcher,
            rx,
            root: root.to_path_buf(),
        };
        w.watch_folders();
        Ok(w)
    }

    fn watch_folders(&mut self) {
        for name in WATCHED {
            let path = self.root.join(name);
            if path.is_dir() {
                let _ = self.watcher.watch(&path, RecursiveMode::Recursive);
            }
        }
    }

    /// Waits for the next batch of changes that matter; with `idle`, gives up
    /// after that long without any (`Next::Idle`).
    pub fn next_changes(&mut self, idle: Option<Duration>) -> Next {
        loop {
            let mut paths = Vec::new();
            let first = match idle {
                None => self.rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
                Some(wait) => self.rx.recv_timeout(wait),
            };
            match first {
                Ok(event) => collect(event, &mut paths),
                Err(RecvTimeoutError::Timeout) => return Next::Idle,
                Err(RecvTimeoutError::Disconnected) => return Next::Stopped,
            }
            loop {
                match self.rx.recv_timeout(DEBOUNCE) {
                    Ok(event) => collect(event, &mut paths),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return Next::Stopped,
                }
            }
            let changes = classify(&self.root, &paths);
            if changes.everything {
                // A watched folder made after the start (e.g. static/) is watched from now on.
                self.watch_folders();
            }
            if !changes.is_empty() {
                return Next::Saves(changes);
            }
        }
    }
}

/// What the watcher saw.
pub enum Next {
    Saves(Saves),
    /// Nothing changed for the idle time asked for.
    Idle,
    /// The watcher is gone.
    Stopped,
}

/// Keeps the paths of events that change something (not mere reads).
fn collect(event: notify::Result<notify::Event>, paths: &mut Vec<PathBuf>) {
    use notify::event::{AccessKind, AccessMode};
    if let Ok(event) = event
        && !matches!(event.kind, EventKind::Access(a) if a != AccessKind::Close(AccessMode::Write))
    {
        paths.extend(event.paths);
    }
}

/// Sorts changed paths into what they ask for.
pub fn classify(root: &Path, paths: &[PathBuf]) -> Saves {
    let mut changes = Saves {
        css_only: true,
        ..Saves::default()
    };
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    for path in paths {
        let rel = path
            .strip_prefix(root)
            .or_else(|_| path.strip_prefix(&canonical_root))
            .unwrap_or(path);
        let names: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let Some(first) = names.first() else { continue };
        if names.iter().any(|n| is_ignored_name(n)) {
            continue;
        }
        let in_theme_static = first == "themes" && names.get(2).is_some_and(|n| n == STATIC_DIR);
        if names.len() == 1 && WATCHED.contains(&first.as_str()) && path.is_dir() {
            // A site folder made (or replaced) while serving: start over with it.
            changes.everything = true;
            continue;
        }
        match first.as_str() {
            CONTENT_DIR => {
                changes.content.insert(root.join(rel));
            }
            // Pages show static photos through copies named by their bytes:
            // the pages that show one are not known, so all are made again.
            STATIC_DIR if crate::images::is_image_name(&rel.to_string_lossy()) => {
                changes.everything = true;
            }
            STATIC_DIR => {
                changes.assets = true;
                changes.css_only &= rel.extension().is_some_and(|e| e == "css");
            }
            _ if in_theme_static => {
                changes.assets = true;
                changes.css_only &= rel.extension().is_some_and(|e| e == "css");
            }
            CONFIG_FILE | "themes" | "templates" | "i18n" | "editions" => changes.everything = true,
            // A new watched folder at the root.
            name if WATCHED.contains(&name) => changes.everything = true,
            _ => {}
        }
    }
    if !changes.assets {
        changes.css_only = false;
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_changes_and_drops_editor_droppings() {
        let root = Path::new("/site");
        let p = |s: &str| root.join(s);
        let c = classify(
            root,
            &[
                p("content/programs/a.md"),
                p("content/programs/.a.md.swp"),
                p("content/programs/a.md~"),
                p("content/4913"),
            ],
        );
        assert_eq!(
            c.content.into_iter().collect::<Vec<_>>(),
            vec![p("content/programs/a.md")]
        );
        let c = classify(
            root,
            &[p("static/site.css"), p("themes/kota/static/kota.css")],
        );
        assert!(c.assets && c.css_only && !c.everything);
        let c = classify(root, &[p("static/panduan.pdf")]);
        assert!(c.assets && !c.css_only);
        // A photo or drawing pages may show: every page is made again.
        assert!(classify(root, &[p("static/logo.svg")]).everything);
        assert!(classify(root, &[p("static/foto/taman.JPG")]).everything);
        assert!(classify(root, &[p("terbit.toml")]).everything);
        assert!(classify(root, &[p("themes/kota/templates/base.html")]).everything);
        assert!(classify(root, &[p("public/index.html"), p(".git/index")]).is_empty());
    }
}
