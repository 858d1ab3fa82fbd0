//! The load stage's table of the site's image files: every photo, SVG and
//! GIF under `content/` and `static/`, probed once, side by side, when the
//! site is read. The render stage looks images up here and never reads the
//! disk itself.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Image, Images, SLOW_BYTES, SLOW_PIXELS};
use crate::diagnostics::Diagnostic;

/// Each image file (relative to the root), or why it cannot be published.
#[derive(Debug, Default)]
pub struct Pictures {
    by_source: HashMap<PathBuf, Result<Image, String>>,
}

impl Pictures {
    /// Probes the image files among `files` (relative to the root).
    pub fn probe(images: &Images, files: impl Iterator<Item = PathBuf>) -> Pictures {
        let files: Vec<PathBuf> = files
            .filter(|f| super::is_image_name(&f.to_string_lossy()))
            .collect();
        Pictures {
            by_source: files
                .into_par_iter()
                .map(|f| {
                    let probed = images.probe(&f);
                    (f, probed)
                })
                .collect(),
        }
    }

    /// The image at `source`; `None` when there is no image file there.
    pub fn get(&self, source: &Path) -> Option<&Result<Image, String>> {
        self.by_source.get(source)
    }

    /// Probes again after an edit: forgets what was at or under each of
    /// `changed`, and probes `now`, the files there today (all relative to the root).
    /// Each photo's key (the hash of its bytes), by source, in path order.
    pub fn keys(&self) -> Vec<(&Path, u128)> {
        let mut keys: Vec<(&Path, u128)> = self
            .by_source
            .iter()
            .filter_map(|(path, image)| match image {
                Ok(Image::Photo(p)) => Some((path.as_path(), p.key)),
                _ => None,
            })
            .collect();
        keys.sort();
        keys
    }

    pub fn reprobe(&mut self, images: &Images, changed: &[PathBuf], now: &[PathBuf]) {
        self.by_source
            .retain(|k, _| !changed.iter().any(|c| k.starts_with(c)));
        let again = Pictures::probe(images, now.iter().cloned());
        self.by_source.extend(again.by_source);
    }

    /// Warnings for originals so large that a cold build spends long on them.
    pub fn slow_originals(&self) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = self
            .by_source
            .values()
            .filter_map(|i| match i {
                Ok(Image::Photo(p)) => Some(p),
                _ => None,
            })
            .filter(|p| {
                p.bytes > SLOW_BYTES
                    || u64::from(p.header.width) * u64::from(p.header.height) > SLOW_PIXELS
            })
            .map(|p| {
                Diagnostic::warning(
                    &p.source,
                    format!(
                        "this photo is {:.1} MB and {} × {} pixels: every build without its copies in the cache decodes all of it",
                        p.bytes as f64 / 1e6,
                        p.header.width,
                        p.header.height
                    ),
                )
                .with_hint("a phone photo of 4000 × 3000 pixels is plenty: export it at that size or smaller")
                .with_kind("large-image")
            })
            .collect();
        out.sort_by(|a, b| a.file.cmp(&b.file));
        out
    }
}
