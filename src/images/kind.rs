//! What every part of the image pipeline agrees on: the formats, the size
//! limit, and the settings that name a cached copy.

use std::sync::{Mutex, MutexGuard, PoisonError};

/// Images with more pixels than this are refused, before they are decoded.
pub const MAX_PIXELS: u64 = 50_000_000;
/// Names everything that shapes an encoded copy: a change here re-encodes all.
pub const SETTINGS: &str = "terbit-images/1 lanczos3 webp-q80 jpeg-q78 png-default";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Jpeg,
    Png,
    Webp,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::Webp => "image/webp",
        }
    }

    /// The format a file name says, for the files resized on publication.
    pub fn of_name(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "jpg" | "jpeg" => Some(Format::Jpeg),
            "png" => Some(Format::Png),
            "webp" => Some(Format::Webp),
            _ => None,
        }
    }
}

pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}
