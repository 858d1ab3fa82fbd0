//! Writing a build beside the output and swapping it in whole.
//!
//! One build at a time writes an output folder: a lock on the folder that
//! holds it makes a second build wait (and say so). With the lock held, whatever an earlier
//! build left beside the output (killed with `kill -9`, or by a power cut) is
//! removed first. Ctrl+C, SIGTERM and SIGHUP remove this build's own folder
//! before the process ends. The new site replaces the old in one step
//! (`renameat2` with `RENAME_EXCHANGE` on Linux; elsewhere two renames, with
//! a moment between them without a site), so a reader never finds none.
//!
//! A file whose bytes are the same as in the previous site is not written
//! again but linked from it (a second name for the same file, on Linux):
//! it keeps its date, so a server's `Last-Modified` and `ETag`, a browser's
//! cached copy and a deployment by `rsync` see it unchanged. The site a
//! build replaces is kept for the next build to be made in (`reuse`).
//!
//! An output folder that is a mount point (a Docker volume, a tmpfs) cannot
//! be renamed: the build is written inside it and its contents are replaced
//! once the whole build succeeded.

use std::collections::HashSet;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use super::folder::Folder;
use super::reuse::{self, Existing};
use super::{MARKER, MARKER_TEXT, absolute, check_target, io_error, remove_tree};
use crate::diagnostics::Diagnostic;

/// An output folder being written.
pub struct Staging {
    target: PathBuf,
    temp: PathBuf,
    /// `temp`, held open to write into.
    folder: Folder,
    /// The site this build replaces, held open: a file this build would
    /// write unchanged is linked from it instead (see `write_bytes`).
    previous: Option<Folder>,
    /// What `temp` holds when it is the site an earlier build replaced.
    existing: Option<Existing>,
    /// Where the site this build replaces is kept for the next build.
    kept: Option<PathBuf>,
    /// The output is a mount point: its contents are replaced, not the folder.
    into_mount: bool,
    written: Mutex<HashSet<String>>,
    /// Files that could not be written: the first is reported, the rest
    /// counted (a full disk fails every write after it).
    failed: AtomicUsize,
    /// Held while this build writes; released when dropped.
    _lock: Option<fs::File>,
}

/// The folders of builds under way in this process, removed on an interrupt.
static UNDER_WAY: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Set once the process is interrupted: no file is written after it.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Removes the folders of builds under way when the process is interrupted.
fn clean_up_on_interrupt() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let _ = ctrlc::set_handler(|| {
            INTERRUPTED.store(true, Ordering::SeqCst);
            // Writes already past the check finish; none starts after it.
            std::thread::sleep(std::time::Duration::from_millis(50));
            let folders = UNDER_WAY.lock().map(|f| f.clone()).unwrap_or_default();
            for folder in folders {
                // Writers may still be adding files: try again until it is gone.
                for _ in 0..5 {
                    remove_tree(&folder);
                    if !folder.exists() {
                        break;
                    }
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
            }
            eprintln!("interrupted: the previous output was left as it was");
            std::process::exit(130);
        });
    });
}

fn under_way(folder: &Path, on: bool) {
    if let Ok(mut folders) = UNDER_WAY.lock() {
        folders.retain(|f| f != folder);
        if on {
            folders.push(folder.to_path_buf());
        }
    }
}

/// Whether `dir` is on another device than its parent: a mount point.
#[cfg(unix)]
fn is_mount_point(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let (Ok(here), Some(Ok(up))) = (fs::metadata(dir), dir.parent().map(fs::metadata)) else {
        return false;
    };
    here.is_dir() && here.dev() != up.dev()
}

#[cfg(not(unix))]
fn is_mount_point(_: &Path) -> bool {
    false
}

/// Locks the folder the build is written in (the output's parent, or the
/// output itself when it is a mount point), waiting and saying so while
/// another build holds it. The lock is on the folder itself, so no lock file
/// is ever left lying around; it goes with the process, however it ends.
fn lock(dir: &Path) -> Result<Option<fs::File>, Diagnostic> {
    // Folders can be opened (and locked) this way on Unix only.
    let Ok(folder) = fs::File::open(dir) else {
        return Ok(None);
    };
    if folder.try_lock().is_err() {
        eprintln!(
            "another build is writing into {}: waiting for it to finish",
            dir.display()
        );
        folder
            .lock()
            .map_err(|e| io_error(dir, "cannot lock the output's folder", e))?;
    }
    Ok(Some(folder))
}

/// Removes what earlier builds of this output left behind: only called with
/// the lock held, so none of it belongs to a build under way.
fn remove_leftovers(dir: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = [".terbit-new-", ".terbit-old-"]
            .iter()
            .any(|kind| name.starts_with(&format!("{prefix}{kind}")));
        if ours && entry.file_type().is_ok_and(|t| t.is_dir()) {
            remove_tree(&entry.path());
        }
    }
}

impl Staging {
    /// Checks `target` may be replaced, takes its lock, clears what earlier
    /// builds left, and readies the folder this build is made in: the site
    /// the last build replaced, kept in the cache (see `reuse`), or else a
    /// new empty one.
    pub fn begin(root: &Path, target: &Path) -> Result<Staging, Diagnostic> {
        let target = absolute(target);
        check_target(&absolute(root), &target)?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let parent = target.parent().unwrap_or(Path::new("/")).to_path_buf();
        fs::create_dir_all(&parent)
            .map_err(|e| io_error(&parent, "cannot create the output's parent folder", e))?;
        let into_mount = is_mount_point(&target);
        // Beside the output, or inside it when it is a mount point.
        let (dir, prefix) = if into_mount {
            (target.clone(), String::new())
        } else {
            (parent, format!(".{name}"))
        };
        let lock = lock(&dir)?;
        remove_leftovers(&dir, &prefix);
        let temp = dir.join(format!("{prefix}.terbit-new-{}", std::process::id()));
        clean_up_on_interrupt();
        under_way(&temp, true);
        let root = absolute(root);
        let kept = reuse::kept_site(&root);
        // Linux only (where the kept site can be listed and its files
        // checked); not for a mount point, nor an output inside the cache
        // or on another disk than the site (it could not be moved there).
        let kept = (cfg!(target_os = "linux")
            && !into_mount
            && !target.starts_with(kept.parent().unwrap_or(&kept))
            && same_disk(&root, &dir))
        .then_some(kept);
        let existing = kept.as_deref().and_then(|k| reuse::take(k, &temp));
        if existing.is_none() {
            fs::create_dir(&temp)
                .map_err(|e| io_error(&temp, "cannot create the build folder", e))?;
        }
        let folder = Folder::open_nofollow(&temp)
            .map_err(|e| io_error(&temp, "cannot open the build folder", e))?;
        let previous = (!into_mount).then(|| Folder::open(&target).ok()).flatten();
        Ok(Staging {
            target,
            temp,
            folder,
            previous,
            existing,
            kept,
            into_mount,
            written: Mutex::new(HashSet::new()),
            failed: AtomicUsize::new(0),
            _lock: lock,
        })
    }

    /// Writes `bytes` as the file `rel` of the site. A file the previous
    /// site has with the same bytes is linked instead: it keeps its date, so
    /// a web server's validators and a deployment's `rsync` see it
    /// unchanged, and the disk is not written.
    pub(super) fn write_bytes(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.write_with(rel, |path| {
            if self.existing.as_ref().is_some_and(|e| e.has_file(rel)) {
                // The kept site's file: kept when it is the same (and then
                // maybe the same file as the site's), else replaced.
                if self.folder.holds(rel, bytes, self.previous.as_ref()) {
                    return Ok(());
                }
                let _ = self.folder.remove(rel, false);
            }
            if let Some(previous) = &self.previous
                && previous.holds(rel, bytes, None)
                && self.folder.link_from(previous, rel).is_ok()
            {
                return Ok(());
            }
            // The bytes are whole already: one write, no buffer to fill.
            self.folder
                .write(rel, bytes)
                .map_err(|e| io_error(path, "cannot write", e))
        })
    }

    /// Writes the file `rel` of the site with `make`, once its folder exists.
    fn write_with(
        &self,
        rel: &str,
        make: impl FnOnce(&std::path::Path) -> Result<(), Diagnostic>,
    ) -> Result<(), Diagnostic> {
        if INTERRUPTED.load(Ordering::SeqCst) {
            return Err(Diagnostic::error(rel, "the build was interrupted"));
        }
        let path = self.safe_join(rel)?;
        if !self
            .written
            .lock()
            .map(|mut w| w.insert(rel.to_string()))
            .unwrap_or(false)
        {
            return Err(
                Diagnostic::error(rel, format!("two files would be written to {rel}")).with_hint(
                    "a page, an alias or a static file share this path: rename or remove one",
                ),
            );
        }
        let parent = rel.rfind('/').map_or("", |cut| &rel[..cut]);
        let folders_there =
            (self.existing.as_ref()).is_some_and(|e| e.make_room(&self.folder, &self.temp, rel));
        let written = if folders_there {
            Ok(())
        } else {
            self.folder.create_dirs(parent)
        };
        let written = written
            .map_err(|e| io_error(&self.temp.join(parent), "cannot create folder", e))
            .and_then(|()| make(&path));
        match written {
            Err(e) if self.failed.fetch_add(1, Ordering::SeqCst) == 0 => Err(e),
            // Reported once, with the count, by `unreported_failures`.
            Err(_) => Ok(()),
            Ok(()) => Ok(()),
        }
    }

    /// Files that could not be written besides the first (which was
    /// reported), as one problem: a full disk would otherwise print
    /// thousands.
    pub fn unreported_failures(&self) -> Option<Diagnostic> {
        let more = self.failed.load(Ordering::SeqCst).saturating_sub(1);
        (more > 0).then(|| {
            Diagnostic::error(
                &self.temp,
                format!("{more} more files could not be written either"),
            )
            .with_hint("check the disk has room (df -h) and the folder can be written to, then build again")
        })
    }

    /// `rel` must stay inside the output: no `..`, no absolute path.
    fn safe_join(&self, rel: &str) -> Result<PathBuf, Diagnostic> {
        let rel_path = Path::new(rel);
        if rel.is_empty()
            || rel_path
                .components()
                .any(|c| !matches!(c, Component::Normal(_)))
        {
            return Err(Diagnostic::error(
                rel,
                "refusing to write outside the output folder",
            ));
        }
        Ok(self.temp.join(rel_path))
    }

    /// Swaps the new site into place.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        self.write_bytes(MARKER, MARKER_TEXT.as_bytes())?;
        let written = match self.written.get_mut() {
            Ok(written) => std::mem::take(written),
            Err(poisoned) => std::mem::take(poisoned.into_inner()),
        };
        if let Some(existing) = self.existing.take() {
            existing
                .remove_unwritten(&self.folder, &written)
                .map_err(|(rel, e)| {
                    io_error(&self.temp.join(&rel), "cannot remove what the build did not write", e)
                        .with_hint("check that the folder can be written to (its owner and mode), then build again")
                })?;
        }
        let result = if self.into_mount {
            self.replace_contents()
        } else if self.target.exists() {
            match exchange(&self.temp, &self.target) {
                // The build folder now holds the previous site: kept for
                // the next build to be made in, or removed.
                Ok(()) => {
                    let kept = (self.kept.take()).is_some_and(|k| keep(&self.temp, &k).is_ok());
                    if !kept {
                        remove_previous(&self.temp, &written);
                    }
                    Ok(())
                }
                // A mount point that shares its device (a bind mount).
                Err(e) if e.raw_os_error() == Some(libc::EBUSY) => self.replace_contents(),
                Err(e) => Err(io_error(
                    &self.target,
                    "cannot move the new site into place",
                    e,
                )),
            }
        } else {
            fs::rename(&self.temp, &self.target)
                .map_err(|e| io_error(&self.target, "cannot move the new site into place", e))
        };
        under_way(&self.temp, false);
        result
    }

    /// Replaces the contents of the output folder, which cannot itself be
    /// renamed, with the new site; said once, as it is not one atomic step.
    fn replace_contents(&self) -> Result<(), Diagnostic> {
        eprintln!(
            "{} is a mount point: its contents were replaced, after the whole build succeeded",
            self.target.display()
        );
        let keep = |name: &str| name.contains(".terbit-new-");
        let old = fs::read_dir(&self.target)
            .map_err(|e| io_error(&self.target, "cannot read the output", e))?;
        for entry in old.flatten() {
            if keep(&entry.file_name().to_string_lossy()) {
                continue;
            }
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                remove_tree(&path);
            } else {
                let _ = fs::remove_file(&path);
            }
        }
        let new = fs::read_dir(&self.temp)
            .map_err(|e| io_error(&self.temp, "cannot read the new site", e))?;
        for entry in new.flatten() {
            let to = self.target.join(entry.file_name());
            move_across(&entry.path(), &to)
                .map_err(|e| io_error(&to, "cannot move the new site into place", e))?;
        }
        remove_tree(&self.temp);
        Ok(())
    }

    /// Gives the unfinished build up, the previous output untouched: its
    /// folder is kept for the next build to be made in, or removed.
    pub fn abort(self) {
        drop(self);
    }

    /// Puts the build's folder, if still there, where the next build will
    /// be made in (it checks every file it keeps), or removes it.
    fn discard(&mut self) {
        if self.temp.exists() {
            let kept =
                (self.kept.take()).is_some_and(|k| !k.exists() && keep(&self.temp, &k).is_ok());
            if !kept {
                remove_tree(&self.temp);
            }
        }
        under_way(&self.temp, false);
    }

    pub fn target(&self) -> &Path {
        &self.target
    }
}

/// Whether the folders `a` and `b` are on one disk (a folder can be moved
/// from one to the other).
fn same_disk(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        matches!((fs::metadata(a), fs::metadata(b)), (Ok(a), Ok(b)) if a.dev() == b.dev())
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        false
    }
}

/// Moves the site a build replaced, at `old`, to `kept` for the next build.
fn keep(old: &Path, kept: &Path) -> std::io::Result<()> {
    if let Some(cache) = kept.parent() {
        fs::create_dir_all(cache)?;
    }
    fs::rename(old, kept)
}

/// Removes the previous site, moved to `old`. A rebuild writes mostly the
/// files the previous build wrote: those this build wrote are removed by
/// name through folders held open (no folder listed, no absolute path
/// walked), then whatever only the previous site had.
fn remove_previous(old: &Path, written: &HashSet<String>) {
    let mut paths: Vec<&str> = written.iter().map(String::as_str).collect();
    paths.sort_unstable();
    if let Ok(folder) = Folder::open(old) {
        remove_listed(&folder, old, &paths);
    }
    remove_tree(old);
}

/// Removes the files `paths` (sorted, inside `folder`, which is at `at`),
/// then their folders; the subfolders side by side.
fn remove_listed(folder: &Folder, at: &Path, paths: &[&str]) {
    use rayon::prelude::*;
    // The paths inside each subfolder, by its name: sorted paths keep them together.
    let mut subfolders: Vec<(&str, Vec<&str>)> = Vec::new();
    for rel in paths {
        match rel.split_once('/') {
            None => {
                let _ = folder.remove(rel, false);
            }
            Some((name, rest)) => match subfolders.last_mut() {
                Some((last, inside)) if *last == name => inside.push(rest),
                _ => subfolders.push((name, vec![rest])),
            },
        }
    }
    subfolders.par_iter().for_each(|(name, inside)| {
        // Not a folder here (a file, a symbolic link): left to `remove_tree`.
        let Ok(sub) = folder.open_dir(name) else {
            return;
        };
        remove_listed(&sub, &at.join(name), inside);
        drop(sub);
        if folder.remove(name, true).is_err() {
            // It holds what only the previous site had.
            remove_tree(&at.join(name));
        }
    });
}

/// Renames `from` to `to`, copying when they are on different devices.
fn move_across(from: &Path, to: &Path) -> std::io::Result<()> {
    match fs::rename(from, to) {
        Err(e) if e.raw_os_error() == Some(libc::EXDEV) => {
            copy_tree(from, to)?;
            remove_tree(from);
            Ok(())
        }
        other => other,
    }
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    if from.is_dir() {
        fs::create_dir_all(to)?;
        for entry in fs::read_dir(from)? {
            let entry = entry?;
            copy_tree(&entry.path(), &to.join(entry.file_name()))?;
        }
        Ok(())
    } else {
        fs::copy(from, to).map(|_| ())
    }
}

/// Exchanges two folders in one step, so that `b` always names a whole site.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let (ca, cb) = (
        CString::new(a.as_os_str().as_bytes())?,
        CString::new(b.as_os_str().as_bytes())?,
    );
    // SAFETY: two valid NUL-terminated paths; renameat2 reads them and returns a status.
    let status = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if status == 0 {
        return Ok(());
    }
    let e = std::io::Error::last_os_error();
    match e.raw_os_error() {
        // A file system or kernel without exchange: fall back to two renames.
        Some(libc::EINVAL | libc::ENOSYS) => exchange_by_renames(a, b),
        _ => Err(e),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    exchange_by_renames(a, b)
}

/// Moves `b` aside and `a` into its place, then the old `b` to `a`'s name.
/// Between the renames `b` is missing for a moment: the fallback where
/// `RENAME_EXCHANGE` is not to be had.
fn exchange_by_renames(a: &Path, b: &Path) -> std::io::Result<()> {
    let name = a
        .file_name()
        .map(|n| n.to_string_lossy().replace(".terbit-new-", ".terbit-old-"));
    let aside = a.with_file_name(name.unwrap_or_else(|| ".terbit-old-".into()));
    fs::rename(b, &aside)?;
    if let Err(e) = fs::rename(a, b) {
        let _ = fs::rename(&aside, b);
        return Err(e);
    }
    fs::rename(&aside, a)
}

impl Drop for Staging {
    fn drop(&mut self) {
        // Neither committed nor aborted (an early return): leave nothing
        // beside the output.
        self.discard();
    }
}

impl super::Sink for Staging {
    fn write(&self, output: crate::render::Output) -> Result<(), Diagnostic> {
        self.write_bytes(&output.path, &output.bytes)
    }

    fn link(&self, from: &std::path::Path, path: String) -> Result<(), Diagnostic> {
        self.write_with(&path, |to| {
            if self.existing.as_ref().is_some_and(|e| e.has_file(&path)) {
                // Never written into: the site being served may share it.
                let _ = self.folder.remove(&path, false);
            }
            // A hard link costs no copy; across file systems, a copy.
            fs::hard_link(from, to)
                .or_else(|_| copy_new(from, to))
                .map_err(|e| io_error(to, "cannot write", e))
        })
    }
}

/// Copies the file `from` to `to`, which must not exist.
fn copy_new(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut source = fs::File::open(from)?;
    std::io::copy(&mut source, &mut fs::File::create_new(to)?).map(|_| ())
}
