//! Disk -> [`Sources`]: the content files, read and split, nothing interpreted.
//!
//! Walks `content/` (in parallel once the list of files is known), checks each
//! file is UTF-8, splits off the `+++` TOML front matter (tolerating a BOM and
//! CRLF line endings), reads the keys every page has ([`PageMeta`]) and works
//! out from the file name which page and which language a file is. What the
//! plan's own keys mean is the `plan` stage's business; this stage only keeps
//! the parsed table for it.

pub mod front_matter;
pub mod history;
pub mod meta;
pub mod theme;
pub mod walk;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{Config, Lang, is_language_code};
use crate::diagnostics::{Diagnostic, Diagnostics, line_col, relative};
use crate::images::Images;
use crate::images::probe::Pictures;
use crate::index::{TiVec, index_type};
use crate::table::fields::Problems;
use crate::table::{self, Date, Table};
pub use meta::{PageMeta, Reference};
pub use theme::Theme;
pub use walk::{is_ignored_name, to_slash, walk};

index_type!(
    /// A content file's place in [`Sources::files`].
    SourceId
);

pub const CONTENT_DIR: &str = "content";
pub const STATIC_DIR: &str = "static";

/// One content file.
#[derive(Debug, Clone)]
pub struct Source {
    /// Relative to the site root: `content/programs/command-center.en.md`.
    pub file: PathBuf,
    /// Folders between `content/` and the file: `["programs"]`.
    pub dir: Vec<String>,
    /// File name without language suffix and `.md`: `command-center`, `_index`.
    pub name: String,
    pub lang: Lang,
    pub meta: PageMeta,
    /// The whole front matter, for the plan stage to read its own keys from.
    pub front: Table,
    pub body: String,
    /// Line of the file on which `body` starts.
    pub body_line: usize,
    /// Hash of the file's bytes: what a derived file made from it (the
    /// plan's PDF) is named by.
    pub hash: u128,
}

impl Sources {
    /// Takes every file's front matter out. The plan has read its keys;
    /// only the comparison of editions reads it again.
    pub fn take_front_matter(&mut self) -> Vec<Table> {
        self.files
            .iter_mut()
            .map(|s| std::mem::take(&mut s.front))
            .collect()
    }

    /// When a file's page was last updated: its `updated`, else its last commit.
    pub fn last_updated(&self, source: &Source) -> Option<Date> {
        source
            .meta
            .updated
            .or_else(|| self.history.last_change(&source.file))
    }
}

impl Source {
    pub fn is_section(&self) -> bool {
        self.name == "_index"
    }

    /// The content folder the file is in (`content/`, or `editions/<id>/`),
    /// relative to the root: where its `@/` addresses start.
    pub fn content_dir(&self) -> PathBuf {
        let mut dir = self.file.parent().unwrap_or(Path::new("")).to_path_buf();
        for _ in &self.dir {
            dir.pop();
        }
        dir
    }

    /// `programs/command-center` or `programs/_index`: the same for every translation.
    pub fn key(&self) -> String {
        page_key(&self.dir, &self.name)
    }
}

pub fn page_key(dir: &[String], name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{}/{}", dir.join("/"), name)
    }
}

/// A file copied to the output as is.
#[derive(Debug, Clone)]
pub struct Asset {
    pub from: PathBuf,
    /// Relative to the output root, `/`-separated.
    pub to: String,
}

#[derive(Debug, Default)]
pub struct Sources {
    /// Sorted by file path.
    pub files: TiVec<SourceId, Source>,
    /// Non-Markdown files under `content/`, by their content path.
    pub content_assets: Vec<Asset>,
    /// `static/` of the theme, then of the site (a site file wins).
    pub static_assets: Vec<Asset>,
    /// The photos, SVGs and GIFs among the assets, probed.
    pub pictures: Pictures,
    /// When each file last changed in git, for "last updated" and stale translations.
    pub history: history::History,
}

pub struct LoadOptions {
    pub drafts: bool,
    /// The folder of Markdown files, relative to the root: `content`, or
    /// `editions/2023` for a frozen edition.
    pub content_dir: PathBuf,
}

impl LoadOptions {
    pub fn new(drafts: bool) -> LoadOptions {
        LoadOptions {
            drafts,
            content_dir: PathBuf::from(CONTENT_DIR),
        }
    }
}

/// Reads the whole site under `config.root`.
pub fn load(
    config: &Config,
    options: &LoadOptions,
    images: &Images,
    diags: &mut Diagnostics,
) -> Sources {
    let root = &config.root;
    // `git log` runs while the files are read.
    let history = std::thread::spawn({
        let root = root.clone();
        move || history::History::read(&root)
    });
    let content = root.join(&options.content_dir);
    let mut md_files = Vec::new();
    let mut content_assets = Vec::new();
    if content.is_dir() {
        for path in walk(root, &content, diags) {
            let rel = path.strip_prefix(&content).unwrap_or(&path);
            if path.extension().is_some_and(|e| e == "md") {
                md_files.push(path.clone());
            } else {
                content_assets.push(Asset {
                    to: to_slash(rel),
                    from: path.clone(),
                });
            }
        }
    } else {
        diags.push(
            Diagnostic::error(CONTENT_DIR, "the site has no content/ folder").with_hint(
                "create content/_index.md with a title (terbit init DIR makes a working site)",
            ),
        );
    }

    let results: Vec<(Option<Source>, Diagnostics)> = md_files
        .par_iter()
        .map(|path| {
            let mut d = Diagnostics::new();
            let source = read_source(config, &content, path, &mut d);
            (source, d)
        })
        .collect();
    let mut files = Vec::with_capacity(results.len());
    for (source, d) in results {
        diags.extend(d);
        if let Some(s) = source
            && (options.drafts || !s.meta.draft)
        {
            files.push(s);
        }
    }

    let static_assets = load_static(config, diags);
    let assets = content_assets.iter().chain(&static_assets);
    let pictures = Pictures::probe(images, assets.map(|a| relative(&config.root, &a.from)));
    Sources {
        files: TiVec::from(files),
        content_assets,
        static_assets,
        pictures,
        history: history.join().unwrap_or_default(),
    }
}

/// The site's `static/` files.
pub fn load_static(config: &Config, diags: &mut Diagnostics) -> Vec<Asset> {
    let site_static = config.root.join(STATIC_DIR);
    if !site_static.is_dir() {
        return Vec::new();
    }
    walk(&config.root, &site_static, diags)
        .into_iter()
        .map(|path| Asset {
            to: to_slash(path.strip_prefix(&site_static).unwrap_or(&path)),
            from: path,
        })
        .collect()
}

/// Reads one content file of the folder `content` (absolute).
pub fn read_source(
    config: &Config,
    content: &Path,
    path: &Path,
    diags: &mut Diagnostics,
) -> Option<Source> {
    let file = crate::diagnostics::relative(&config.root, path);
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.push(Diagnostic::error(
                &file,
                format!("cannot read the file: {e}"),
            ));
            return None;
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let (line, column) = line_col(&String::from_utf8_lossy(&e.as_bytes()[..valid]), valid);
            diags.push(
                Diagnostic::error(&file, "the file is not valid UTF-8 text")
                    .at(line, column)
                    .with_hint("save the file with UTF-8 encoding in your editor"),
            );
            return None;
        }
    };
    let (dir, name, lang) = match name_and_lang(config, content, &file, path) {
        Ok(parts) => parts,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let split = match front_matter::split(&text) {
        Ok(s) => s,
        Err(problem) => {
            diags.push(problem.into_diagnostic(&file));
            return None;
        }
    };
    let (front, syntax) = table::parse(split.front, split.front_line);
    if !syntax.is_empty() {
        for e in syntax {
            diags.push(
                Diagnostic::error(
                    &file,
                    format!("front matter is not valid TOML: {}", e.message),
                )
                .at(e.line, e.column),
            );
        }
        return None;
    }
    let sink = Problems::default();
    let meta = meta::read(&front, &file, &sink);
    diags.extend(sink.into_inner());
    Some(Source {
        file,
        dir,
        name,
        lang,
        meta: meta?,
        front,
        body: split.body.to_string(),
        body_line: split.body_line,
        hash: xxhash_rust::xxh3::xxh3_128(text.as_bytes()),
    })
}

/// `content/programs/x.en.md` -> (`["programs"]`, `x`, `en`).
fn name_and_lang(
    config: &Config,
    content: &Path,
    file: &Path,
    path: &Path,
) -> Result<(Vec<String>, String, Lang), Diagnostic> {
    let rel = path.strip_prefix(content).unwrap_or(path);
    let mut dir: Vec<String> = Vec::new();
    for c in rel.parent().into_iter().flat_map(|p| p.components()) {
        match c.as_os_str().to_str() {
            Some(s) => dir.push(s.to_string()),
            None => {
                return Err(Diagnostic::error(
                    file,
                    "folder name is not valid UTF-8; rename it",
                ));
            }
        }
    }
    let stem = rel
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or_else(|| Diagnostic::error(file, "file name is not valid UTF-8; rename it"))?;
    if let Some((name, suffix)) = stem.rsplit_once('.')
        && is_language_code(suffix)
    {
        return match config.lang_by_code(suffix) {
                Some(lang) if !name.is_empty() => Ok((dir, name.to_string(), lang.clone())),
                Some(_) => Err(Diagnostic::error(file, "file name has a language suffix but no name")),
                None => Err(Diagnostic::error(
                    file,
                    format!("language suffix `.{suffix}` is not a configured language"),
                )
                .with_hint(format!(
                    "configured languages: {}; add [languages.{suffix}] to terbit.toml or rename the file",
                    config.languages.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(", ")
                ))),
            };
    }
    if stem.is_empty() {
        return Err(Diagnostic::error(file, "file name is empty"));
    }
    Ok((dir, stem.to_string(), config.default_language.clone()))
}

/// Re-reads what changed under `content/` (files or whole folders, absolute
/// paths; a path that no longer exists was deleted). Returns the problems of
/// the files that were read, by file, so that a caller can keep them until
/// the file is fixed or deleted.
pub fn reload(
    config: &Config,
    sources: &mut Sources,
    options: &LoadOptions,
    images: &Images,
    changed: &[PathBuf],
) -> Vec<(PathBuf, Diagnostics)> {
    let content = config.root.join(&options.content_dir);
    let mut problems = Vec::new();
    let mut to_read: Vec<PathBuf> = Vec::new();
    for path in changed {
        let rel_file = crate::diagnostics::relative(&config.root, path);
        // Whatever was at or under this path is gone or about to be read again.
        sources.files.raw.retain(|s| !s.file.starts_with(&rel_file));
        let rel_content = path
            .strip_prefix(&content)
            .map(to_slash)
            .unwrap_or_default();
        sources
            .content_assets
            .retain(|a| !(a.to == rel_content || a.to.starts_with(&format!("{rel_content}/"))));
        if path.is_dir() {
            let mut d = Diagnostics::new();
            to_read.extend(walk(&config.root, path, &mut d));
        } else if path.is_file()
            && !path
                .file_name()
                .is_some_and(|n| is_ignored_name(&n.to_string_lossy()))
        {
            to_read.push(path.clone());
        }
    }
    // The image files among them are probed again below.
    let now: Vec<PathBuf> = to_read.iter().map(|p| relative(&config.root, p)).collect();
    for path in to_read {
        let rel_file = crate::diagnostics::relative(&config.root, &path);
        if path.extension().is_some_and(|e| e == "md") {
            let mut d = Diagnostics::new();
            if let Some(source) = read_source(config, &content, &path, &mut d)
                && (options.drafts || !source.meta.draft)
            {
                let at = sources.files.raw.partition_point(|s| s.file < source.file);
                sources.files.raw.insert(at, source);
            }
            if !d.is_empty() {
                problems.push((rel_file, d));
            }
        } else if let Ok(rel) = path.strip_prefix(&content) {
            let asset = Asset {
                to: to_slash(rel),
                from: path.clone(),
            };
            let at = sources.content_assets.partition_point(|a| a.to < asset.to);
            sources.content_assets.insert(at, asset);
        }
    }
    let gone: Vec<PathBuf> = changed.iter().map(|p| relative(&config.root, p)).collect();
    sources.pictures.reprobe(images, &gone, &now);
    problems
}
