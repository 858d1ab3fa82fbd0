//! `.terbit-cache/images/`: each encoded copy under the hash of its source
//! bytes and settings, and an index that says, for each source file, its hash
//! and header as of its size, modification time and inode, so that an
//! unchanged photo is not even read again.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use xxhash_rust::xxh3::Xxh3;

use super::codec::Header;
use super::kind::{Format, SETTINGS, lock};

const INDEX_FILE: &str = "index.tsv";

/// What the index knows of one source file.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Entry {
    len: u64,
    modified_ns: u128,
    inode: u64,
    key: u128,
    header: Header,
}

pub struct Cache {
    dir: PathBuf,
    index: Mutex<HashMap<PathBuf, Entry>>,
    dirty: AtomicBool,
}

/// The hash that names a source's copies.
pub fn key(bytes: &[u8], settings: &str) -> u128 {
    let mut h = Xxh3::new();
    h.update(bytes);
    h.update(settings.as_bytes());
    h.digest128()
}

/// The cache file of one copy.
pub fn file_name(key: u128, width: u32, format: Format) -> String {
    format!("{key:032x}-{width}.{}", format.extension())
}

fn stamp(meta: &fs::Metadata) -> (u128, u64) {
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(meta);
    #[cfg(not(unix))]
    let inode = 0;
    (modified, inode)
}

impl Cache {
    pub fn open(dir: &Path) -> Cache {
        let index = fs::read_to_string(dir.join(INDEX_FILE))
            .map(|text| parse_index(&text))
            .unwrap_or_default();
        Cache {
            dir: dir.to_path_buf(),
            index: Mutex::new(index),
            dirty: AtomicBool::new(false),
        }
    }

    /// The hash and header of `source`, if it has not changed since they were noted.
    pub fn known(&self, source: &Path, meta: &fs::Metadata) -> Option<(u128, Header)> {
        let (modified_ns, inode) = stamp(meta);
        lock(&self.index)
            .get(source)
            .filter(|e| e.len == meta.len() && e.modified_ns == modified_ns && e.inode == inode)
            .map(|e| (e.key, e.header))
    }

    pub fn remember(&self, source: &Path, meta: &fs::Metadata, key: u128, header: Header) {
        let (modified_ns, inode) = stamp(meta);
        let entry = Entry {
            len: meta.len(),
            modified_ns,
            inode,
            key,
            header,
        };
        lock(&self.index).insert(source.to_path_buf(), entry);
        self.dirty.store(true, Ordering::Relaxed);
    }

    /// The path of a cached copy, if there is one.
    pub fn get(&self, name: &str) -> Option<PathBuf> {
        let path = self.dir.join(name);
        path.is_file().then_some(path)
    }

    /// Stores a copy (written aside, then renamed: never half a file); `None`
    /// when the cache cannot be written (the build goes on without it).
    pub fn put(&self, name: &str, bytes: &[u8]) -> Option<PathBuf> {
        fs::create_dir_all(&self.dir).ok()?;
        let path = self.dir.join(name);
        let tmp = self.dir.join(format!(".{name}.{}.tmp", std::process::id()));
        fs::write(&tmp, bytes).ok()?;
        if fs::rename(&tmp, &path).is_err() {
            let _ = fs::remove_file(&tmp);
            return None;
        }
        Some(path)
    }

    /// Writes the index back when it learnt something.
    pub fn save(&self) {
        if !self.dirty.swap(false, Ordering::Relaxed) {
            return;
        }
        let index = lock(&self.index);
        if index.is_empty() && !self.dir.is_dir() {
            // A site without photos gets no cache folder.
            return;
        }
        let mut rows: Vec<(&PathBuf, &Entry)> = index.iter().collect();
        rows.sort_by(|a, b| a.0.cmp(b.0));
        let mut text = format!("{SETTINGS}\n");
        for (source, e) in rows {
            let Some(name) = source.to_str().filter(|s| !s.contains(['\t', '\n'])) else {
                continue;
            };
            let h = &e.header;
            text.push_str(&format!(
                "{name}\t{}\t{}\t{}\t{:032x}\t{}\t{}\t{}\t{}\n",
                e.len,
                e.modified_ns,
                e.inode,
                e.key,
                h.format.extension(),
                h.width,
                h.height,
                u8::from(h.alpha)
            ));
        }
        drop(index);
        let _ = self.put(INDEX_FILE, text.as_bytes());
    }

    /// Deletes the copies not in `keep` and forgets sources not in `sources`.
    pub fn prune(&self, keep: &HashSet<String>, sources: &HashSet<PathBuf>) {
        let mut index = lock(&self.index);
        let before = index.len();
        index.retain(|source, _| sources.contains(source));
        if index.len() != before {
            self.dirty.store(true, Ordering::Relaxed);
        }
        drop(index);
        if let Ok(entries) = fs::read_dir(&self.dir) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if name != INDEX_FILE && !keep.contains(&name) {
                    let _ = fs::remove_file(entry.path());
                }
            }
        }
        self.save();
    }
}

fn parse_index(text: &str) -> HashMap<PathBuf, Entry> {
    let mut lines = text.lines();
    if lines.next() != Some(SETTINGS) {
        return HashMap::new();
    }
    lines
        .filter_map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            let [name, len, modified, inode, key, format, w, h, alpha] = f[..] else {
                return None;
            };
            let header = Header {
                format: Format::of_name(&format!("x.{format}"))?,
                width: w.parse().ok()?,
                height: h.parse().ok()?,
                alpha: alpha == "1",
            };
            let entry = Entry {
                len: len.parse().ok()?,
                modified_ns: modified.parse().ok()?,
                inode: inode.parse().ok()?,
                key: u128::from_str_radix(key, 16).ok()?,
                header,
            };
            Some((PathBuf::from(name), entry))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_reads_back_what_it_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let photo = dir.path().join("a.jpg");
        fs::write(&photo, b"x").unwrap();
        let meta = fs::metadata(&photo).unwrap();
        let header = Header {
            format: Format::Jpeg,
            width: 40,
            height: 30,
            alpha: false,
        };
        let cache = Cache::open(&dir.path().join("c"));
        cache.remember(Path::new("content/a b.jpg"), &meta, 7, header);
        cache.save();
        let again = Cache::open(&dir.path().join("c"));
        assert_eq!(
            again.known(Path::new("content/a b.jpg"), &meta),
            Some((7, header))
        );
        fs::write(&photo, b"xy").unwrap();
        let changed = fs::metadata(&photo).unwrap();
        assert_eq!(again.known(Path::new("content/a b.jpg"), &changed), None);
    }
}
