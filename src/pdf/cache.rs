//! The plan document's pages and PDFs kept under `.terbit-cache/document/`,
//! each named by a [`Fingerprint`] of everything it is made from (terbit
//! itself, the configuration, the UI strings and templates, every content
//! file's bytes, every photo's, the date), so a build whose plan did not
//! change takes them from there without even gathering their data. A full
//! build removes the files it did not use.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use xxhash_rust::xxh3::Xxh3;

pub struct DocumentCache {
    dir: PathBuf,
    /// When this build started: a PDF it used is touched, so anything older was not.
    started: SystemTime,
}

impl DocumentCache {
    pub fn new(root: &Path) -> DocumentCache {
        DocumentCache {
            dir: root.join(crate::images::CACHE_DIR).join("document"),
            started: SystemTime::now(),
        }
    }

    /// The file named `name`, if a build made it before.
    pub fn get(&self, name: &str) -> Option<Vec<u8>> {
        let path = self.dir.join(name);
        let bytes = fs::read(&path).ok()?;
        // Used again: kept by the next prune.
        let _ = fs::File::options()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_modified(SystemTime::now()));
        Some(bytes)
    }

    /// Keeps a file as `name` (written aside, then renamed into place).
    pub fn put(&self, name: &str, pdf: &[u8]) {
        let tmp = self.dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let done = fs::create_dir_all(&self.dir)
            .and_then(|()| fs::write(&tmp, pdf))
            .and_then(|()| fs::rename(&tmp, self.dir.join(name)));
        if done.is_err() {
            let _ = fs::remove_file(&tmp);
        }
    }

    /// Removes the files this build did not use (call after a full build).
    pub fn prune(&self) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t < self.started);
            let name = entry.file_name().to_string_lossy().into_owned();
            let ours = name.ends_with(".pdf") || name.ends_with(".html");
            if ours && old {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

/// What a PDF is made from, hashed: add every input, then take its name.
pub struct Fingerprint(Xxh3);

impl Default for Fingerprint {
    /// Starts with terbit itself: its version, the template, and the binary
    /// (a rebuilt terbit typesets again).
    fn default() -> Fingerprint {
        let mut f = Fingerprint(Xxh3::new());
        f.add(env!("CARGO_PKG_VERSION").as_bytes());
        f.add(super::TEMPLATE.as_bytes());
        f.add(super::CHART_STYLE.as_bytes());
        let binary = std::env::current_exe().and_then(fs::metadata);
        if let Ok(m) = binary {
            f.add(&m.len().to_le_bytes());
            let at = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok());
            f.add(&at.map_or(0, |d| d.as_nanos()).to_le_bytes());
        }
        f
    }
}

impl Fingerprint {
    pub fn add(&mut self, bytes: &[u8]) -> &mut Fingerprint {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    /// The file's name in the cache: the hash, and `extension`.
    pub fn name(&self, extension: &str) -> String {
        format!("{:032x}.{extension}", self.0.digest128())
    }
}
