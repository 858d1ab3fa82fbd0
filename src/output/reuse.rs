//! The next site built in the folder of the one it replaced.
//!
//! On Linux, a build that swapped its site in keeps the site it replaced in
//! the site's cache (`.terbit-cache/site/`) instead of removing it, when the
//! cache is on the output's disk (else nothing is kept), and the next build
//! is written in that folder: a folder that is there is not made again, a
//! file whose bytes are what the build would write stays (checked byte for
//! byte, see [`Folder::holds`]), any other is replaced, never written into,
//! and whatever the build did not write is removed before the swap. The
//! first listing removes anything that is neither a file nor a folder (a
//! symbolic link is removed, not followed). A folder that cannot be listed
//! whole, or was changed by hand (its owner, its mode), is not used: the
//! build starts from an empty one. A failed build puts the folder back; an
//! interrupted one (Ctrl+C) removes it.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::folder::{Entry, Folder};

/// Where the site a build replaced is kept for the next one.
pub fn kept_site(root: &Path) -> PathBuf {
    root.join(crate::images::CACHE_DIR).join("site")
}

/// The files and folders of the kept site, by their `/`-separated paths.
pub struct Existing {
    files: HashSet<String>,
    folders: HashSet<String>,
}

/// Moves the kept site `kept` to `temp` to build in, and lists it; `None`
/// (and nothing at `temp`) when there is none or it cannot be used.
pub fn take(kept: &Path, temp: &Path) -> Option<Existing> {
    if !fs::symlink_metadata(kept).is_ok_and(|m| m.is_dir()) {
        // Not a folder (a symbolic link...): removed, never followed.
        super::remove_tree(kept);
        return None;
    }
    fs::rename(kept, temp).ok()?;
    let mut listed = Listing::default();
    let whole = Folder::open_nofollow(temp).is_ok_and(|folder| survey(&folder, "", &mut listed));
    if !whole {
        super::remove_tree(temp);
        return None;
    }
    Some(Existing {
        files: listed.files.into_iter().collect(),
        folders: listed.folders.into_iter().collect(),
    })
}

/// The paths of the files and folders found so far.
#[derive(Default)]
struct Listing {
    files: Vec<String>,
    folders: Vec<String>,
}

/// Lists the folder `folder` (at `at` inside the site) and those inside it,
/// side by side, into `listed`; removes what is neither a file nor a
/// folder. `false` when some folder could not be listed or cleared.
fn survey(folder: &Folder, at: &str, listed: &mut Listing) -> bool {
    use rayon::prelude::*;
    // A folder changed by hand (its owner, its mode) is not built in.
    if !folder.is_as_made() {
        return false;
    }
    let Ok(entries) = folder.entries() else {
        return false;
    };
    let mut subfolders = Vec::new();
    for (name, kind) in entries {
        let rel = if at.is_empty() {
            name.clone()
        } else {
            format!("{at}/{name}")
        };
        match kind {
            Entry::File => listed.files.push(rel),
            Entry::Folder => subfolders.push((name, rel)),
            Entry::Other if folder.remove(&name, false).is_ok() => {}
            Entry::Other => return false,
        }
    }
    let inside: Vec<Option<Listing>> = subfolders
        .par_iter()
        .map(|(name, rel)| {
            let mut sub = Listing::default();
            let sub_folder = folder.open_dir(name).ok()?;
            survey(&sub_folder, rel, &mut sub).then_some(sub)
        })
        .collect();
    for (sub, (_, rel)) in inside.into_iter().zip(subfolders) {
        let Some(sub) = sub else {
            return false;
        };
        listed.files.extend(sub.files);
        listed.folders.extend(sub.folders);
        listed.folders.push(rel);
    }
    true
}

impl Existing {
    pub fn has_file(&self, rel: &str) -> bool {
        self.files.contains(rel)
    }

    /// Clears the way for the file `rel` (a file where one of its folders
    /// goes, a folder where it goes) in `folder`; says whether the folder
    /// it goes in is there already.
    pub fn make_room(&self, folder: &Folder, at: &Path, rel: &str) -> bool {
        if self.folders.contains(rel) {
            super::remove_tree(&at.join(rel));
        }
        let mut folders_there = true;
        for (cut, _) in rel.match_indices('/') {
            let above = &rel[..cut];
            if self.files.contains(above) {
                let _ = folder.remove(above, false);
                folders_there = false;
            } else if !self.folders.contains(above) {
                folders_there = false;
            }
        }
        folders_there
    }

    /// Removes from `folder` the files of the kept site that the build did
    /// not write, then its folders that hold none of the build's files,
    /// deepest first; the first that cannot be removed is the error.
    pub fn remove_unwritten(
        &self,
        folder: &Folder,
        written: &HashSet<String>,
    ) -> Result<(), (String, std::io::Error)> {
        let mut used: HashSet<&str> = HashSet::new();
        for rel in written {
            for (cut, _) in rel.rmatch_indices('/') {
                if !used.insert(&rel[..cut]) {
                    break;
                }
            }
        }
        // (A folder whose path the build wrote a file to went already.)
        let mut unused: Vec<&String> = (self.folders.iter())
            .filter(|d| !used.contains(d.as_str()) && !written.contains(*d))
            .collect();
        unused.sort_by_key(|d| std::cmp::Reverse(d.matches('/').count()));
        // (A file where a folder of the build goes went already.)
        let files =
            (self.files.iter()).filter(|f| !written.contains(*f) && !used.contains(f.as_str()));
        let gone = |rel: &String, dir| match folder.remove(rel, dir) {
            // In a folder that went already (a file of the build took its place).
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            other => other.map_err(|e| (rel.clone(), e)),
        };
        files
            .map(|rel| gone(rel, false))
            .chain(unused.into_iter().map(|rel| gone(rel, true)))
            .collect()
    }
}
