//! Typeset PDFs kept under `.terbit-cache/pdf/`, each named by the hash of
//! everything it is made from (the template, terbit's version, the data, the
//! pictures, its id and date), so a build whose plan did not change takes its
//! PDFs from there instead of typesetting them again. A full build removes the
//! PDFs it did not use.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use xxhash_rust::xxh3::Xxh3;

use super::Job;

pub struct PdfCache {
    dir: PathBuf,
    /// When this build started: a PDF it used is touched, so anything older was not.
    started: SystemTime,
}

impl PdfCache {
    pub fn new(root: &Path) -> PdfCache {
        PdfCache {
            dir: root.join(crate::images::CACHE_DIR).join("pdf"),
            started: SystemTime::now(),
        }
    }

    /// The name of `job`'s PDF.
    pub fn name(job: &Job) -> String {
        let mut h = Xxh3::new();
        for part in [
            super::TEMPLATE.as_bytes(),
            env!("CARGO_PKG_VERSION").as_bytes(),
            job.ident.as_bytes(),
            job.today.iso().as_bytes(),
            &job.data,
        ] {
            h.update(&(part.len() as u64).to_le_bytes());
            h.update(part);
        }
        for (path, bytes) in &job.files {
            h.update(&(path.len() as u64).to_le_bytes());
            h.update(path.as_bytes());
            h.update(&(bytes.len() as u64).to_le_bytes());
            h.update(bytes);
        }
        format!("{:032x}.pdf", h.digest128())
    }

    /// The PDF of `job`, if a build made it before.
    pub fn get(&self, job: &Job) -> Option<Vec<u8>> {
        let path = self.dir.join(Self::name(job));
        let bytes = fs::read(&path).ok()?;
        // Used again: kept by the next prune.
        let _ = fs::File::options()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_modified(SystemTime::now()));
        bytes.starts_with(b"%PDF-").then_some(bytes)
    }

    /// Keeps the PDF of `job` (written aside, then renamed into place).
    pub fn put(&self, job: &Job, pdf: &[u8]) {
        let name = Self::name(job);
        let tmp = self.dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let done = fs::create_dir_all(&self.dir)
            .and_then(|()| fs::write(&tmp, pdf))
            .and_then(|()| fs::rename(&tmp, self.dir.join(&name)));
        if done.is_err() {
            let _ = fs::remove_file(&tmp);
        }
    }

    /// Removes the PDFs this build did not use (call after a full build).
    pub fn prune(&self) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t < self.started);
            let ours = entry.file_name().to_string_lossy().ends_with(".pdf");
            if ours && old {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}
