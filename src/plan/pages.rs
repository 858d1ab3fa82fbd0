//! Sources -> the page tree: which pages exist, in which languages, at which URL.
//!
//! Files with the same `<path>/<name>` are one page in several languages.
//! Every page exists in every configured language: where a translation is
//! missing, the page is shown in that language's site with the text of the
//! default language (else of any language that has it), marked untranslated.
//! URLs follow SPEC §5: the default language at the root, others under
//! `/<lang>/`, a section's segment from its slug or folder name, a page's from
//! its slug or id, and everything under the path of `base_url`.

use std::collections::{BTreeMap, HashMap};

pub use super::ids::PageId;
use super::role::Role;
use crate::config::{Config, Lang, LangIx};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::index::TiVec;
use crate::load::{Source, SourceId, Sources};

/// The folders of `content/` that hold the plan, in SPEC order.
pub const PILLARS: &str = "pillars";
pub const PROGRAMS: &str = "programs";
pub const STAKEHOLDERS: &str = "stakeholders";
pub const TIMELINE: &str = "timeline";
pub const NEWS: &str = "news";

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    Home,
    Section,
    Page,
}

/// A page in one language's site.
#[derive(Debug, Clone)]
pub struct Version {
    /// The site language this version is published in.
    pub lang: Lang,
    /// The file whose text is shown; `None` for a section that has no
    /// `_index.md` at all.
    pub source: Option<SourceId>,
    /// Whether the text shown is in `lang` (false: a fallback).
    pub translated: bool,
    /// Site path, decoded, from the server root: `/plan/en/programs/x/`.
    pub path: String,
}

#[derive(Debug, Clone)]
pub struct Page {
    /// `programs/command-center`, `programs/_index`, `_index`.
    pub key: String,
    pub kind: PageKind,
    /// What the page is; item roles are set once the plan model is read.
    pub role: Role,
    /// An example, not a decision: said by one of its files or by a section
    /// it is in.
    pub illustrative: bool,
    /// Folders under `content/` (for a section: the section's own folder).
    pub dir: Vec<String>,
    /// File name without suffixes (for a section: its folder name, or "" for home).
    pub name: String,
    /// The section this page belongs to (its parent section for a section).
    pub parent: Option<PageId>,
    /// For sections: pages and subsections, in display order.
    pub children: Vec<PageId>,
    /// One per configured language, in `Config::languages` order.
    pub versions: TiVec<LangIx, Version>,
}

impl Page {
    pub fn version(&self, lang: &Lang) -> &Version {
        self.versions
            .iter()
            .find(|v| &v.lang == lang)
            .unwrap_or(&self.versions.raw[0])
    }

    /// The id of a plan item: the file name.
    pub fn id(&self) -> &str {
        &self.name
    }
}

#[derive(Debug, Default)]
pub struct PageTree {
    pub pages: TiVec<PageId, Page>,
    pub by_key: HashMap<String, PageId>,
}

impl PageTree {
    pub fn get(&self, key: &str) -> Option<&Page> {
        self.by_key.get(key).map(|&i| &self.pages[i])
    }

    /// The home page: always there (the tree has a section for the content root).
    pub fn home(&self) -> PageId {
        self.by_key.get("_index").copied().unwrap_or_default()
    }

    /// The page and its sections up to the home page, nearest first.
    pub fn ancestors(&self, page: PageId) -> impl Iterator<Item = PageId> + '_ {
        std::iter::successors(self.pages[page].parent, |&p| self.pages[p].parent)
    }

    /// Resolves an `@/` target (`programs/x.md`, `programs/_index.md`,
    /// `programs/x.en.md`) to the page's path in `lang`.
    pub fn resolve(&self, target: &str, lang: &Lang) -> Option<&str> {
        let path = target.strip_suffix(".md")?;
        let page = self.by_key.get(path).or_else(|| {
            let (stem, suffix) = path.rsplit_once('.')?;
            crate::config::is_language_code(suffix).then(|| self.by_key.get(stem))?
        })?;
        let page = &self.pages[*page];
        let v = page.version(lang);
        Some(&v.path)
    }
}

pub fn build_tree(config: &Config, sources: &Sources, diags: &mut Diagnostics) -> PageTree {
    // Group the files of one page (its translations).
    let mut groups: BTreeMap<String, BTreeMap<Lang, SourceId>> = BTreeMap::new();
    for (i, s) in sources.files.iter_enumerated() {
        groups.entry(s.key()).or_default().insert(s.lang.clone(), i);
    }
    // Sections for every folder that holds content, with or without `_index`.
    let mut section_dirs: BTreeMap<Vec<String>, ()> = BTreeMap::new();
    section_dirs.insert(Vec::new(), ());
    for s in &sources.files {
        for depth in 0..=s.dir.len() {
            section_dirs.insert(s.dir[..depth].to_vec(), ());
        }
    }
    let mut tree = PageTree::default();
    for dir in section_dirs.keys() {
        let key = crate::load::page_key(dir, "_index");
        let files = groups.remove(&key).unwrap_or_default();
        let kind = if dir.is_empty() {
            PageKind::Home
        } else {
            PageKind::Section
        };
        let name = dir.last().cloned().unwrap_or_default();
        push_page(&mut tree, key, kind, dir.clone(), name, files);
    }
    for (key, files) in groups {
        let first = &sources.files[*files.values().next().expect("a group has a file")];
        let (dir, name) = (first.dir.clone(), first.name.clone());
        push_page(&mut tree, key, PageKind::Page, dir, name, files);
    }
    link_parents(&mut tree);
    assign_versions(config, sources, &mut tree, diags);
    order_children(sources, &mut tree);
    mark_illustrative(sources, &mut tree);
    check_aliases(sources, diags);
    tree
}

fn push_page(
    tree: &mut PageTree,
    key: String,
    kind: PageKind,
    dir: Vec<String>,
    name: String,
    files: BTreeMap<Lang, SourceId>,
) {
    tree.by_key.insert(key.clone(), tree.pages.next_key());
    let role = structural_role(kind, &dir);
    tree.pages.push(Page {
        key,
        kind,
        role,
        illustrative: false,
        dir,
        name,
        parent: None,
        children: Vec::new(),
        // Filled in by `assign_versions`; the files wait there meanwhile.
        versions: files
            .into_iter()
            .map(|(lang, i)| Version {
                lang,
                source: Some(i),
                translated: true,
                path: String::new(),
            })
            .collect(),
    });
}

/// The role of a page from its place alone; plan items get theirs when read.
fn structural_role(kind: PageKind, dir: &[String]) -> Role {
    match (kind, dir) {
        (PageKind::Home, _) => Role::Home,
        (PageKind::Section, [folder]) => match folder.as_str() {
            PILLARS => Role::Pillars,
            PROGRAMS => Role::Programmes,
            STAKEHOLDERS => Role::Directory,
            TIMELINE => Role::Timeline,
            NEWS => Role::News,
            _ => Role::Section,
        },
        (PageKind::Section, _) => Role::Section,
        (PageKind::Page, _) => Role::Page,
    }
}

fn link_parents(tree: &mut PageTree) {
    for i in tree.pages.keys() {
        let page = &tree.pages[i];
        let parent_dir: &[String] = match page.kind {
            PageKind::Home => continue,
            PageKind::Section => &page.dir[..page.dir.len() - 1],
            PageKind::Page => &page.dir,
        };
        let parent = tree.by_key[&crate::load::page_key(parent_dir, "_index")];
        tree.pages[i].parent = Some(parent);
        tree.pages[parent].children.push(i);
    }
}

fn assign_versions(
    config: &Config,
    sources: &Sources,
    tree: &mut PageTree,
    diags: &mut Diagnostics,
) {
    // Parents come before children in `pages` (sections are pushed in folder
    // order first), so a parent's path is known when its children need it.
    for i in tree.pages.keys() {
        let own: BTreeMap<Lang, Option<SourceId>> = tree.pages[i]
            .versions
            .iter()
            .map(|v| (v.lang.clone(), v.source))
            .collect();
        let fallback = own
            .get(&config.default_language)
            .copied()
            .flatten()
            .or_else(|| own.values().find_map(|s| *s));
        let mut versions = TiVec::with_capacity(config.languages.len());
        for (li, lang) in config.languages.iter_enumerated() {
            let source = own.get(lang).copied().flatten();
            let segment = segment_of(sources, &tree.pages[i], source, diags);
            let path = match tree.pages[i].parent {
                None => config.lang_root(lang),
                Some(p) => format!("{}{}/", tree.pages[p].versions[li].path, segment),
            };
            versions.push(Version {
                lang: lang.clone(),
                source: source.or(fallback),
                translated: source.is_some(),
                path,
            });
        }
        tree.pages[i].versions = versions;
    }
}

/// The URL segment of a page in a language whose own file is `source`.
fn segment_of(
    sources: &Sources,
    page: &Page,
    source: Option<SourceId>,
    diags: &mut Diagnostics,
) -> String {
    if let Some(src) = source.map(|i| &sources.files[i])
        && let Some(slug) = &src.meta.slug
    {
        match check_segment(slug) {
            Ok(()) => return slug.clone(),
            Err(why) => diags.push(
                Diagnostic::error(&src.file, format!("`slug` {why}: {slug:?}"))
                    .at_pos(src.front.entries.get("slug").map(|f| (f.line, f.column)))
                    .with_hint(
                        "a slug is one URL segment of letters, digits and dashes, like tata-kelola",
                    ),
            ),
        }
    }
    page.name.clone()
}

/// The segments of an alias (`/lama/halaman/`), or `None` when it is not a
/// path inside the site (empty, `..`, separators inside a segment...).
pub fn alias_segments(alias: &str) -> Option<Vec<&str>> {
    let segments: Vec<&str> = alias.split('/').filter(|s| !s.is_empty()).collect();
    (!segments.is_empty() && segments.iter().all(|s| check_segment(s).is_ok())).then_some(segments)
}

fn check_aliases(sources: &Sources, diags: &mut Diagnostics) {
    for src in &sources.files {
        for alias in &src.meta.aliases {
            if alias_segments(alias).is_none() {
                diags.push(
                    Diagnostic::error(&src.file, format!("alias {alias:?} is not a path inside the site"))
                        .at(src.front.entries.get("aliases").map_or(0, |f| f.line), 0)
                        .with_hint("write aliases as paths from the site root, like /old/page/ (no .. or empty parts)"),
                );
            }
        }
    }
}

/// A URL segment must stay one segment: no separators, no `.`/`..`.
pub fn check_segment(segment: &str) -> Result<(), &'static str> {
    if segment.trim().is_empty() {
        Err("is empty")
    } else if segment == "." || segment == ".." {
        Err("cannot be . or ..")
    } else if segment.contains(['/', '\\']) {
        Err("must not contain / or \\")
    } else if segment
        .chars()
        .any(|c| c.is_control() || c == '?' || c == '#' || c == '%')
    {
        Err("must not contain control characters, ?, # or %")
    } else if crate::paths::windows_reserved(segment) {
        Err("is a name Windows reserves for a device (con, prn, aux, nul, com1–9, lpt1–9)")
    } else {
        Ok(())
    }
}

/// A page is illustrative when one of its files says so, or a section it is in.
/// Sections come before their pages in the tree, so a parent is marked first.
fn mark_illustrative(sources: &Sources, tree: &mut PageTree) {
    for i in tree.pages.keys() {
        let page = &tree.pages[i];
        let own = page
            .versions
            .iter()
            .filter(|v| v.translated)
            .filter_map(|v| v.source)
            .any(|s| sources.files[s].meta.illustrative);
        let inherited = page.parent.is_some_and(|p| tree.pages[p].illustrative);
        tree.pages[i].illustrative = own || inherited;
    }
}

/// Sections list their children by weight, then newest date, then title.
fn order_children(sources: &Sources, tree: &mut PageTree) {
    for i in tree.pages.keys() {
        let mut children = std::mem::take(&mut tree.pages[i].children);
        children.sort_by_cached_key(|&c| {
            let page = &tree.pages[c];
            let meta = page.versions.raw[0].source.map(|s| &sources.files[s].meta);
            let weight = meta.and_then(|m| m.weight).unwrap_or(i64::MAX);
            let date = meta.and_then(|m| m.date).map(std::cmp::Reverse);
            let title = meta.map(|m| m.title.to_lowercase()).unwrap_or_default();
            (
                page.kind != PageKind::Page,
                weight,
                date.is_none(),
                date,
                title,
                page.key.clone(),
            )
        });
        tree.pages[i].children = children;
    }
}

/// The source shown for `page` in `lang`, if any.
pub fn source_of<'a>(sources: &'a Sources, page: &Page, lang: &Lang) -> Option<&'a Source> {
    page.version(lang).source.map(|i| &sources.files[i])
}
