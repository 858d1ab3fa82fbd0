//! Listing the files of a folder of the site: sorted, without hidden files
//! and editor droppings, and never following a link out of the site.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};

/// The kind of the warnings about symbolic links that are not followed.
const SYMBOLIC_LINK: &str = "symbolic-link";

/// A relative path with `/` separators, on every system.
pub fn to_slash(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Files under `dir`, sorted, without hidden files and editor droppings.
/// Symbolic links that lead out of the site root are skipped with a warning.
pub fn walk(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut out = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| crate::diagnostics::relative(root, p))
                    .unwrap_or_default();
                diags.push(Diagnostic::error(path, format!("cannot read: {e}")));
                continue;
            }
        };
        let path = entry.path();
        if entry.path_is_symlink() {
            match path.canonicalize() {
                Ok(target) if target.starts_with(&canonical_root) && target.is_file() => {
                    out.push(path.to_path_buf())
                }
                Ok(target) if target.starts_with(&canonical_root) => diags.push(
                    Diagnostic::warning(
                        crate::diagnostics::relative(root, path),
                        "symbolic link to a folder is not followed; the files in it are not included",
                    )
                    .with_hint("move or copy the folder here instead of linking to it")
                    .with_kind(SYMBOLIC_LINK),
                ),
                Err(e) if e.raw_os_error() == Some(libc::ELOOP) => diags.push(
                    Diagnostic::warning(
                        crate::diagnostics::relative(root, path),
                        "symbolic link leads back to itself (a loop); it is not published",
                    )
                    .with_hint("remove the link, or point it at a file")
                    .with_kind(SYMBOLIC_LINK),
                ),
                Err(_) => diags.push(
                    Diagnostic::warning(
                        crate::diagnostics::relative(root, path),
                        "symbolic link leads nowhere (its target is missing); it is not published",
                    )
                    .with_hint("remove the link, or copy the file into the site")
                    .with_kind(SYMBOLIC_LINK),
                ),
                _ => diags.push(
                    Diagnostic::warning(
                        crate::diagnostics::relative(root, path),
                        "symbolic link leads outside the site folder; it is not published",
                    )
                    .with_hint("copy the file into the site instead of linking to it")
                    .with_kind(SYMBOLIC_LINK),
                ),
            }
            continue;
        }
        if entry.file_type().is_file() {
            out.push(path.to_path_buf());
        }
    }
    out
}

/// Hidden files and what editors leave beside the files they edit.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
}
