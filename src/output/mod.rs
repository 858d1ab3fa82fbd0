//! Pages -> disk, atomically.
//!
//! A build writes into a folder beside the output (a fresh one, or the site
//! the last build replaced, see `reuse`) and, only when the
//! whole build succeeded, swaps it into place: a failed build leaves the
//! last good site byte for byte, a successful one leaves no stale file. The
//! output folder carries a marker file; a non-empty folder without it is
//! never replaced, and the output may never be the site itself or one of
//! its source folders.

pub mod feeds;
mod folder;
pub mod memory;
pub mod open_data;
mod reuse;
pub mod search;
pub mod sitemap;
pub mod staging;

use std::collections::HashSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::images;
use crate::load::theme::ThemeFile;
use crate::load::{Sources, Theme};
use crate::render::Output;

/// Proves that terbit made a folder, so that it may replace it.
pub const MARKER: &str = ".terbit-output";
pub(crate) const MARKER_TEXT: &str =
    "This folder is written by `terbit build` and replaced whole on every build.\n";

/// Folders of the site that the output must never be, nor be inside.
const SOURCE_DIRS: &[&str] = &[
    "content",
    "themes",
    "templates",
    "static",
    "editions",
    "i18n",
];

/// Where the files of a built site go: a folder (`build`) or memory (`serve`).
pub trait Sink: Sync {
    /// Writes one file of the site. Two files at one path are an error.
    fn write(&self, output: Output) -> Result<(), Diagnostic>;

    /// Writes the file `from` (of the image cache) to `path`, as cheaply as
    /// the sink can (a folder links it); its bytes must never change after.
    fn link(&self, from: &Path, path: String) -> Result<(), Diagnostic> {
        let bytes = fs::read(from).map_err(|e| io_error(from, "cannot read", e))?;
        self.write(Output { path, bytes })
    }
}

/// A file copied as it is, made fit to publish: a photo loses its metadata
/// (no published file carries a location), an SVG with a script is refused.
/// `probed` is what the load stage found of a site file it reads as an image
/// (a theme's files it does not read).
fn publishable(
    from: &Path,
    bytes: Vec<u8>,
    probed: Option<&Result<images::Image, String>>,
) -> Result<Vec<u8>, Diagnostic> {
    let name = from.to_string_lossy();
    let refuse = |why: String, hint: &str| {
        Diagnostic::error(from, format!("this file cannot be published: {why}"))
            .with_hint(hint.to_string())
    };
    if let Some(Err(why)) = probed {
        return Err(refuse(
            why.clone(),
            "replace it with a working image, or remove it",
        ));
    }
    if let Some(format) = images::strip::sniff(&bytes).or_else(|| images::Format::of_name(&name)) {
        return images::strip::strip(format, bytes)
            .map_err(|why| refuse(why, "replace it with a working image, or remove it"));
    }
    let svg = from
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    if svg
        && probed.is_none()
        && let Some(why) = images::svg::unsafe_reason(&bytes)
    {
        return Err(refuse(
            why,
            "remove the script, event handlers and javascript: links from the drawing, or export it again as a plain SVG",
        ));
    }
    Ok(bytes)
}

/// Copies the theme's static files, then the site's (the site's win), then
/// content assets: each made fit to publish. Photos under `content/` are
/// published only as the resized copies of the pages that show them.
pub fn copy_assets(
    sink: &dyn Sink,
    root: &Path,
    theme: &Theme,
    sources: &Sources,
    diags: &mut Diagnostics,
) {
    let relative = |from: &Path| crate::diagnostics::relative(root, from);
    let site_static: HashSet<&str> = sources
        .static_assets
        .iter()
        .map(|a| a.to.as_str())
        .collect();
    let read = |from: &Path| fs::read(from).map_err(|e| io_error(from, "cannot read", e));
    for (rel, file) in &theme.static_files {
        if site_static.contains(rel.as_str()) {
            continue;
        }
        let bytes = match file {
            ThemeFile::Embedded(bytes) => Ok(bytes.to_vec()),
            ThemeFile::Disk(path) => read(path).and_then(|b| publishable(&relative(path), b, None)),
        };
        if let Err(e) = bytes.and_then(|bytes| {
            sink.write(Output {
                path: rel.clone(),
                bytes,
            })
        }) {
            diags.push(e);
        }
    }
    let content_photos = sources
        .content_assets
        .iter()
        .filter(|a| images::Format::of_name(&a.to).is_some());
    let originals: HashSet<&Path> = content_photos.map(|a| a.from.as_path()).collect();
    let copied = sources.static_assets.iter().chain(&sources.content_assets);
    for asset in copied.filter(|a| !originals.contains(a.from.as_path())) {
        let rel = relative(&asset.from);
        let probed = sources.pictures.get(&rel);
        let bytes = read(&asset.from).and_then(|b| publishable(&rel, b, probed));
        if let Err(e) = bytes.and_then(|bytes| {
            sink.write(Output {
                path: asset.to.clone(),
                bytes,
            })
        }) {
            diags.push(e);
        }
    }
}

/// Removes a folder and everything in it, its subfolders side by side (a
/// built site is thousands of small folders). Never follows a symbolic link.
pub fn remove_tree(dir: &Path) {
    use rayon::prelude::*;
    match fs::symlink_metadata(dir) {
        Ok(m) if m.is_dir() => {}
        // A symbolic link (or a file) in its place: removed itself.
        Ok(_) => {
            let _ = fs::remove_file(dir);
            return;
        }
        Err(_) => return,
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let entries: Vec<fs::DirEntry> = entries.flatten().collect();
    entries.par_iter().for_each(|entry| {
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => remove_tree(&path),
            _ => {
                let _ = fs::remove_file(&path);
            }
        }
    });
    let _ = fs::remove_dir(dir);
}

pub(crate) fn io_error(path: &Path, what: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(path, format!("{what}: {e}"))
}

/// An absolute, lexically normalised path (the folder may not exist yet).
pub fn absolute(path: &Path) -> PathBuf {
    let base = if path.is_absolute() {
        PathBuf::new()
    } else {
        std::env::current_dir().unwrap_or_default()
    };
    let mut out = PathBuf::new();
    for c in base.join(path).components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    // Resolve symbolic links in the part that exists, so that comparisons hold.
    let mut existing = out.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => {
                rest.push(name.to_os_string());
                existing.pop();
            }
            None => break,
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    resolved
}

pub(crate) fn check_target(root: &Path, target: &Path) -> Result<(), Diagnostic> {
    let refuse = |why: &str| {
        Err(
            Diagnostic::error(target, format!("refusing to write the site here: {why}"))
                .with_hint("choose another folder with --output, such as public/"),
        )
    };
    if root.starts_with(target) {
        return refuse("it is the site folder or contains it");
    }
    for dir in SOURCE_DIRS {
        if target.starts_with(root.join(dir)) {
            return refuse(&format!("it is inside the site's {dir}/ folder"));
        }
    }
    if target.is_file() {
        return refuse("it is a file");
    }
    if target.is_dir() && !target.join(MARKER).is_file() {
        let empty = fs::read_dir(target)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return refuse(&format!(
                "the folder is not empty and was not made by terbit (it has no {MARKER} file); nothing was changed"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_source_folders_and_the_root() {
        let root = Path::new("/site");
        assert!(check_target(root, Path::new("/site")).is_err());
        assert!(check_target(root, Path::new("/")).is_err());
        assert!(check_target(root, Path::new("/site/content/out")).is_err());
        assert!(check_target(root, Path::new("/site/themes")).is_err());
        assert!(check_target(root, Path::new("/site/public-does-not-exist")).is_ok());
    }
}
