//! Photographs: what a page's pictures become on the reader's phone.
//!
//! A page names a photo (a Markdown image beside its file, one under
//! `static/`, or its `image` key); the render stage asks [`Images`] for the
//! [`Picture`] while it writes the page, which reads only the file's header
//! (or nothing, when the file is unchanged since the last build) to know the
//! copies' sizes. Once every page is written, [`Images::publish`] decodes each
//! photo once, makes the copies that the cache lacks (480, 960 and 1600 px
//! wide, WebP and the original's format, upright, without metadata) side by
//! side, and hands them on. Originals are never published.
//!
//! The cache (`.terbit-cache/images/` at the site root) keeps each copy under
//! the hash of its source bytes and of the settings, so a build that changed
//! no photo encodes nothing; a full build prunes what it no longer uses.

mod cache;
pub mod codec;
pub mod html;
mod kind;
pub mod probe;
pub mod strip;
pub mod svg;

use std::collections::{BTreeMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use codec::Header;
pub use kind::{Format, MAX_PIXELS};
use kind::{SETTINGS, lock};

/// The widths of the copies of a photo (none wider than the original).
pub const WIDTHS: [u32; 3] = [480, 960, 1600];
/// The width of the JPEG that link previews show (`og:image`).
pub const OG_WIDTH: u32 = 1200;
/// Files larger than this are refused.
pub const MAX_BYTES: u64 = 50 * 1024 * 1024;
/// Originals above either size slow a cold build down: `check` says so.
const SLOW_BYTES: u64 = 15 * 1024 * 1024;
const SLOW_PIXELS: u64 = 30_000_000;
/// The cache folder, at the site root.
pub const CACHE_DIR: &str = ".terbit-cache";
/// Where the copies are published, under the output root.
pub const OUTPUT_DIR: &str = "img";

/// A photo some page shows, known from its header.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// Relative to the site root.
    pub source: PathBuf,
    /// The file name made safe for a URL: `foto-1`.
    pub stem: String,
    /// Hash of the source bytes and [`SETTINGS`].
    pub key: u128,
    pub header: Header,
    pub bytes: u64,
}

/// One published copy of a picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    pub format: Format,
    /// Relative to the output root: `img/foto-1-0123456789abcdef-480.webp`.
    pub file: String,
}

/// An SVG or GIF a page shows: copied as it is, under a name from its bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    /// Relative to the site root.
    pub source: PathBuf,
    /// Relative to the output root: `img/logo-0123456789abcdef.svg`.
    pub file: String,
}

/// An image file of the site, as the load stage found it.
#[derive(Debug, Clone, PartialEq)]
pub enum Image {
    Photo(Arc<Picture>),
    Drawing(Drawing),
}

/// Whether a file is an image a page may show (a photo, an SVG or a GIF).
pub fn is_image_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    Format::of_name(&lower).is_some() || lower.ends_with(".svg") || lower.ends_with(".gif")
}

impl Picture {
    /// The widths of its copies: [`WIDTHS`] up to its own width, and its own
    /// width when it is narrower than the widest.
    pub fn widths(&self) -> Vec<u32> {
        let w = self.header.width;
        let mut out: Vec<u32> = WIDTHS.into_iter().filter(|&x| x < w).collect();
        if w <= WIDTHS[WIDTHS.len() - 1] {
            out.push(w);
        }
        out
    }

    pub fn variant(&self, width: u32, format: Format) -> Variant {
        let width = width.min(self.header.width);
        Variant {
            width,
            height: codec::scaled_height(self.header.width, self.header.height, width),
            format,
            file: format!(
                "{OUTPUT_DIR}/{}-{:016x}-{width}.{}",
                self.stem,
                self.key as u64,
                format.extension()
            ),
        }
    }

    /// Its copies in one format, narrowest first.
    pub fn set(&self, format: Format) -> Vec<Variant> {
        self.widths()
            .into_iter()
            .map(|w| self.variant(w, format))
            .collect()
    }

    /// The format of the copies for browsers without WebP: the original's
    /// (`None` when the original is a WebP).
    pub fn fallback(&self) -> Option<Format> {
        (self.header.format != Format::Webp).then_some(self.header.format)
    }

    /// The JPEG link previews show.
    pub fn og(&self) -> Variant {
        self.variant(OG_WIDTH, Format::Jpeg)
    }
}

/// Where an image a page names is.
#[derive(Debug, Clone, PartialEq)]
pub enum Located {
    /// On another host: left as it is.
    Remote,
    /// A file of the site, relative to its root.
    Local(PathBuf),
}

/// Finds the file of an image address as an author wrote it on the page
/// `page_file` (relative to the root) whose content folder is `content_dir`:
/// relative to the page's file, `@/` from the content folder, `/` from `static/`.
pub fn locate(
    dest: &str,
    page_file: &Path,
    content_dir: &Path,
    static_dir: &Path,
) -> Result<Located, String> {
    let dest = dest.split(['#', '?']).next().unwrap_or_default();
    if dest.starts_with("//") || dest.split('/').next().is_some_and(|s| s.contains(':')) {
        return Ok(Located::Remote);
    }
    let decoded = percent_encoding::percent_decode_str(dest)
        .decode_utf8()
        .map_err(|_| "its address is not UTF-8 once decoded".to_string())?;
    let (top, base, rel) = if let Some(rest) = decoded.strip_prefix("@/") {
        (content_dir.to_path_buf(), content_dir.to_path_buf(), rest)
    } else if let Some(rest) = decoded.strip_prefix('/') {
        (static_dir.to_path_buf(), static_dir.to_path_buf(), rest)
    } else {
        let folder = page_file.parent().unwrap_or(Path::new(""));
        (content_dir.to_path_buf(), folder.to_path_buf(), &*decoded)
    };
    let mut path = base;
    for c in Path::new(rel).components() {
        match c {
            Component::Normal(n) => path.push(n),
            Component::CurDir => {}
            Component::ParentDir if path.pop() => {}
            _ => return Err("it is outside the site".into()),
        }
    }
    if !path.starts_with(&top) || path == top {
        return Err(format!("it is outside the {} folder", top.display()));
    }
    Ok(Located::Local(path))
}

/// A copy waiting to be made, or a file to be copied.
#[derive(Debug, Clone)]
enum Wanted {
    Copy {
        picture: Arc<Picture>,
        width: u32,
        format: Format,
    },
    Drawing {
        source: PathBuf,
    },
}

/// What a published file's bytes are: a file of the cache, or bytes.
pub enum FileData {
    Cached(PathBuf),
    Bytes(Vec<u8>),
}

/// Hands a published file (its path under the output root) on.
pub type Publish<'a> = dyn Fn(String, FileData) -> Result<(), Diagnostic> + Sync + 'a;

/// The photos of one site: probed, cached, published.
pub struct Images {
    root: PathBuf,
    cache: cache::Cache,
    /// The sources probed in this run: what the cache's index keeps.
    probed: Mutex<HashSet<PathBuf>>,
    /// By output file; each with the page (`file:line`) that first asked for it.
    wanted: Mutex<BTreeMap<String, (Wanted, String)>>,
    /// Output files handed on already (`serve` publishes only what is new).
    published: Mutex<HashSet<String>>,
    /// Held while publishing: two publications never make the same copy twice.
    publishing: Mutex<()>,
}

impl Images {
    pub fn new(root: &Path) -> Images {
        Images {
            root: root.to_path_buf(),
            cache: cache::Cache::open(&root.join(CACHE_DIR).join("images")),
            probed: Mutex::default(),
            wanted: Mutex::default(),
            published: Mutex::default(),
            publishing: Mutex::default(),
        }
    }

    /// The image at `source` (relative to the root), for the load stage: a
    /// photo from its header (or from the cache's index, when the file has
    /// not changed), a drawing from its bytes; why it cannot be published.
    pub fn probe(&self, source: &Path) -> Result<Image, String> {
        lock(&self.probed).insert(source.to_path_buf());
        let name = source.to_string_lossy();
        if Format::of_name(&name).is_some() {
            self.probe_photo(source).map(|p| Image::Photo(Arc::new(p)))
        } else {
            self.probe_drawing(source).map(Image::Drawing)
        }
    }

    /// An SVG or GIF: checked, and named by the hash of its bytes.
    fn probe_drawing(&self, source: &Path) -> Result<Drawing, String> {
        let bytes = std::fs::read(self.root.join(source)).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => "the file does not exist".to_string(),
            _ => format!("it cannot be read ({e})"),
        })?;
        let is_svg = source
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
        if is_svg && let Some(why) = svg::unsafe_reason(&bytes) {
            return Err(why);
        }
        let ext = source
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let key = cache::key(&bytes, "") as u64;
        Ok(Drawing {
            source: source.to_path_buf(),
            file: format!("{OUTPUT_DIR}/{}-{key:016x}.{ext}", url_stem(source)),
        })
    }

    fn probe_photo(&self, source: &Path) -> Result<Picture, String> {
        let path = self.root.join(source);
        let meta = std::fs::metadata(&path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => "the file does not exist".to_string(),
            _ => format!("it cannot be read ({e})"),
        })?;
        if !meta.is_file() {
            return Err("it is not a file".into());
        }
        if meta.len() > MAX_BYTES {
            return Err(format!(
                "it is {:.1} MB; terbit takes images of at most {} MB: export it smaller",
                meta.len() as f64 / 1e6,
                MAX_BYTES / 1024 / 1024
            ));
        }
        let (key, header) = match self.cache.known(source, &meta) {
            Some(known) => known,
            None => {
                let bytes = std::fs::read(&path).map_err(|e| format!("it cannot be read ({e})"))?;
                let header = codec::header(&bytes)?;
                let key = cache::key(&bytes, SETTINGS);
                self.cache.remember(source, &meta, key, header);
                (key, header)
            }
        };
        Ok(Picture {
            source: source.to_path_buf(),
            stem: url_stem(source),
            key,
            header,
            bytes: meta.len(),
        })
    }

    /// Notes that page `user` (`file:line`) shows `variants` of `picture`.
    pub fn want(&self, picture: &Arc<Picture>, variants: &[Variant], user: &str) {
        let mut wanted = lock(&self.wanted);
        for v in variants {
            wanted.entry(v.file.clone()).or_insert_with(|| {
                let copy = Wanted::Copy {
                    picture: picture.clone(),
                    width: v.width,
                    format: v.format,
                };
                (copy, user.to_string())
            });
        }
    }

    /// Notes that page `user` shows `drawing`.
    pub fn want_drawing(&self, drawing: &Drawing, user: &str) {
        let wanted = Wanted::Drawing {
            source: drawing.source.clone(),
        };
        lock(&self.wanted)
            .entry(drawing.file.clone())
            .or_insert_with(|| (wanted, user.to_string()));
    }

    /// Makes what the cache lacks and hands every wanted file not yet
    /// published to `publish`; problems name the image and the page.
    pub fn publish(&self, publish: &Publish, progress: &crate::progress::Progress) -> Diagnostics {
        let _one_at_a_time = lock(&self.publishing);
        let todo: Vec<(String, Wanted, String)> = {
            let published = lock(&self.published);
            lock(&self.wanted)
                .iter()
                .filter(|(file, _)| !published.contains(*file))
                .map(|(file, (w, user))| (file.clone(), w.clone(), user.clone()))
                .collect()
        };
        // One job per source file: it is decoded once for all its copies.
        let mut jobs: BTreeMap<PathBuf, Vec<(String, Wanted, String)>> = BTreeMap::new();
        for item in todo {
            let source = match &item.1 {
                Wanted::Copy { picture, .. } => picture.source.clone(),
                Wanted::Drawing { source } => source.clone(),
            };
            jobs.entry(source).or_default().push(item);
        }
        progress.photos_ahead(jobs.len());
        let results: Vec<Diagnostics> = jobs
            .into_par_iter()
            .map(|(source, items)| {
                let d = self.publish_source(&source, items, publish);
                progress.photo_done();
                d
            })
            .collect();
        self.cache.save();
        let mut diags = Diagnostics::new();
        for d in results {
            diags.extend(d);
        }
        diags
    }

    fn publish_source(
        &self,
        source: &Path,
        items: Vec<(String, Wanted, String)>,
        publish: &Publish,
    ) -> Diagnostics {
        let mut diags = Diagnostics::new();
        let user = items.first().map(|i| i.2.clone()).unwrap_or_default();
        let fail = |why: String| {
            Diagnostic::error(source, format!("this image cannot be published: {why}")).with_hint(
                format!("it is used by {user}: replace the file, or remove it from that page"),
            )
        };
        let mut pixels: Option<codec::Pixels> = None;
        for (file, wanted, _) in items {
            let data = match wanted {
                Wanted::Drawing { source } => std::fs::read(self.root.join(&source))
                    .map(FileData::Bytes)
                    .map_err(|e| format!("it cannot be read ({e})")),
                Wanted::Copy {
                    picture,
                    width,
                    format,
                } => self.copy(&picture, width, format, &mut pixels),
            };
            match data {
                Ok(data) => match publish(file.clone(), data) {
                    Ok(()) => {
                        lock(&self.published).insert(file);
                    }
                    Err(e) => diags.push(e),
                },
                Err(why) => {
                    diags.push(fail(why));
                    break;
                }
            }
        }
        diags
    }

    /// One copy from the cache, or made (decoding the original at most once per source).
    fn copy(
        &self,
        picture: &Picture,
        width: u32,
        format: Format,
        pixels: &mut Option<codec::Pixels>,
    ) -> Result<FileData, String> {
        let name = cache::file_name(picture.key, width, format);
        if let Some(path) = self.cache.get(&name) {
            return Ok(FileData::Cached(path));
        }
        if pixels.is_none() {
            let bytes = std::fs::read(self.root.join(&picture.source))
                .map_err(|e| format!("it cannot be read ({e})"))?;
            *pixels = Some(codec::decode(&bytes)?);
        }
        let Some(full) = pixels.as_ref() else {
            return Err("it could not be decoded".into());
        };
        let encoded = full.resized(width)?.encode(format)?;
        match self.cache.put(&name, &encoded) {
            Some(path) => Ok(FileData::Cached(path)),
            None => Ok(FileData::Bytes(encoded)),
        }
    }

    /// The bytes of one copy (the plan's PDF shows it), from the cache or made now.
    pub fn copy_bytes(
        &self,
        picture: &Picture,
        width: u32,
        format: Format,
    ) -> Result<Vec<u8>, String> {
        match self.copy(picture, width, format, &mut None)? {
            FileData::Cached(path) => {
                std::fs::read(&path).map_err(|e| format!("its copy cannot be read ({e})"))
            }
            FileData::Bytes(bytes) => Ok(bytes),
        }
    }

    /// Removes from the cache every copy that no wanted file uses (after a
    /// whole build: what it did not ask for, no page shows).
    pub fn prune(&self) {
        let keep: HashSet<String> = lock(&self.wanted)
            .values()
            .filter_map(|(w, _)| match w {
                Wanted::Copy {
                    picture,
                    width,
                    format,
                } => Some(cache::file_name(picture.key, *width, *format)),
                Wanted::Drawing { .. } => None,
            })
            .collect();
        self.cache.prune(&keep, &lock(&self.probed));
    }

    /// Whether a wanted file is not yet published.
    pub fn has_unpublished(&self) -> bool {
        let published = lock(&self.published);
        lock(&self.wanted).keys().any(|f| !published.contains(f))
    }
}

/// `content/news/Foto Bimtek 1.JPG` -> `foto-bimtek-1`.
fn url_stem(source: &Path) -> String {
    let stem = source
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let mut out = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    let out: String = out.chars().take(48).collect();
    if out.is_empty() { "image".into() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pic(w: u32, h: u32, format: Format) -> Picture {
        Picture {
            source: "content/news/x.jpg".into(),
            stem: "x".into(),
            key: 0xabc,
            header: Header {
                format,
                width: w,
                height: h,
                alpha: false,
            },
            bytes: 1,
        }
    }

    #[test]
    fn never_wider_than_the_original() {
        assert_eq!(pic(4000, 3000, Format::Jpeg).widths(), [480, 960, 1600]);
        assert_eq!(pic(1600, 1200, Format::Jpeg).widths(), [480, 960, 1600]);
        assert_eq!(pic(800, 600, Format::Jpeg).widths(), [480, 800]);
        assert_eq!(pic(300, 200, Format::Jpeg).widths(), [300]);
        let v = pic(4000, 3000, Format::Jpeg).variant(480, Format::Webp);
        assert_eq!((v.width, v.height), (480, 360));
        assert_eq!(v.file, "img/x-0000000000000abc-480.webp");
        assert_eq!(pic(800, 600, Format::Png).og().width, 800);
        assert_eq!(pic(800, 600, Format::Webp).fallback(), None);
    }

    #[test]
    fn finds_images_beside_the_page_in_static_and_by_content_path() {
        let page = Path::new("content/news/bimtek.md");
        let content = Path::new("content");
        let statics = Path::new("static");
        let photo = |p: &str| Ok(Located::Local(PathBuf::from(p)));
        assert_eq!(
            locate("bimtek/foto-1.jpg", page, content, statics),
            photo("content/news/bimtek/foto-1.jpg")
        );
        assert_eq!(
            locate("./bimtek/Foto%201.JPG", page, content, statics),
            photo("content/news/bimtek/Foto 1.JPG")
        );
        assert_eq!(
            locate("@/news/bimtek/a.png", page, content, statics),
            photo("content/news/bimtek/a.png")
        );
        assert_eq!(
            locate("/foto/a.webp", page, content, statics),
            photo("static/foto/a.webp")
        );
        assert_eq!(
            locate("../x.jpg", page, content, statics),
            photo("content/x.jpg")
        );
        assert_eq!(
            locate("logo.svg", page, content, statics),
            Ok(Located::Local("content/news/logo.svg".into()))
        );
        assert_eq!(
            locate("https://a.id/x.jpg", page, content, statics),
            Ok(Located::Remote)
        );
        for outside in [
            "../../terbit.toml",
            "../../../etc/passwd.jpg",
            "/../content/x.jpg",
            "@/../x.jpg",
        ] {
            assert!(
                locate(outside, page, content, statics).is_err(),
                "{outside}"
            );
        }
    }

    #[test]
    fn url_stems_are_plain() {
        assert_eq!(url_stem(Path::new("a/Foto Bimtek 1.JPG")), "foto-bimtek-1");
        assert_eq!(url_stem(Path::new("a/ßß.png")), "image");
    }
}
