//! What templates see.
//!
//! Every template gets `lang`, `site`, `t` (the UI strings of the language),
//! `nav` (the top-level sections), `translations` (this page in every
//! language, for the switcher and hreflang links) and `page`. The parts that
//! are the same for a whole language are built once ([`LangGlobals`]).

use serde::Serialize;
use tera::{Context, Value};

use super::format::Locale;
use crate::config::{Config, Lang};
use crate::load::toml_tree::Date;
use crate::load::{Sources, Theme};
use crate::markdown::{Heading, Rendered};
use crate::plan::{PageKind, Plan};

/// An edition being rendered: where its pages live in the current plan.
#[derive(Clone, Copy)]
pub struct EditionView<'a> {
    pub id: &'a str,
    pub current_config: &'a Config,
    pub current_tree: &'a crate::plan::PageTree,
}

#[derive(Serialize)]
pub struct EditionPage {
    pub id: String,
    /// This page in the current plan (its home when the page is gone).
    pub current_path: String,
    pub current_permalink: String,
    pub page_exists_now: bool,
    /// The edition's list of changes, in this language.
    pub changes_path: String,
}

impl EditionView<'_> {
    pub fn page(&self, config: &Config, lang: &Lang, key: Option<&str>) -> EditionPage {
        let current = key.and_then(|k| self.current_tree.get(k));
        let path = current.map_or_else(
            || self.current_config.lang_root(lang),
            |p| p.version(lang).path.clone(),
        );
        let path = encode_path(&path);
        EditionPage {
            id: self.id.to_string(),
            current_permalink: self.current_config.permalink(&path),
            current_path: path,
            // A page that is not a content file (a list of changes) counts as present.
            page_exists_now: key.is_none() || current.is_some(),
            changes_path: encode_path(&format!("{}changes/", config.lang_root(lang))),
        }
    }
}

/// One entry of the editions menu: an edition, or the current plan.
#[derive(Clone)]
pub struct EditionEntry {
    /// Empty for the current plan.
    pub id: String,
    pub label: String,
    /// Its home in each language (site paths, in `Config::languages` order).
    pub homes: Vec<String>,
    /// Its list of changes in each language (none for the current plan).
    pub changes: Vec<String>,
    pub frozen: Option<Date>,
}

/// The editions menu as a template sees it, in one language.
#[derive(Serialize)]
struct EditionMenuItem {
    id: String,
    label: String,
    home: String,
    changes: Option<String>,
    frozen: Option<String>,
    frozen_text: Option<String>,
    current: bool,
    /// The plan the reader is looking at.
    here: bool,
}

/// What every page of one language shares.
pub struct LangGlobals<'a> {
    pub lang: Lang,
    pub edition: Option<EditionView<'a>>,
    /// The editions menu (empty when the plan has no editions).
    editions: Value,
    pub locale: Locale,
    site: Value,
    strings: Value,
    strings_map: std::collections::BTreeMap<String, String>,
    nav_items: Vec<Link>,
    /// A link to every page of the tree, by page index.
    pub links: Vec<Link>,
}

#[derive(Serialize)]
struct SiteCtx<'a> {
    title: &'a str,
    description: &'a str,
    /// `https://host/plan/`.
    base_url: String,
    /// `/plan/`.
    base_path: &'a str,
    /// `/plan/en/`: the home of this language.
    home: String,
    default_language: &'a str,
    /// The Atom feed of this language's news.
    feed: String,
    /// The search page of this language.
    search: String,
    /// Open data files.
    data_json: String,
    data_csv: String,
    languages: Vec<LanguageCtx>,
    extra: &'a serde_json::Value,
}

#[derive(Serialize)]
struct LanguageCtx {
    code: String,
    title: String,
    home: String,
}

/// A link to a page as lists, menus and breadcrumbs show it.
#[derive(Serialize, Clone)]
pub struct Link {
    pub title: String,
    /// URL path, percent-encoded.
    pub path: String,
    pub description: Option<String>,
    pub kind: PageKind,
    pub date: Option<String>,
    pub date_text: Option<String>,
    /// Language of the title (differs from the site's when untranslated).
    pub lang: String,
    pub translated: bool,
    pub key: String,
}

#[derive(Serialize)]
struct Translation {
    lang: String,
    /// The language's own name, for the switcher.
    name: String,
    path: String,
    permalink: String,
    current: bool,
    translated: bool,
}

#[derive(Serialize)]
struct PageCtx<'a> {
    kind: PageKind,
    key: &'a str,
    id: &'a str,
    title: String,
    description: Option<String>,
    content: String,
    toc: Vec<Heading>,
    path: String,
    permalink: String,
    date: Option<String>,
    date_text: Option<String>,
    updated: Option<String>,
    updated_text: Option<String>,
    draft: bool,
    extra: serde_json::Value,
    /// Language the text is written in.
    content_lang: String,
    translated: bool,
    children: Vec<Link>,
    ancestors: Vec<Link>,
    section: Option<Link>,
    /// Plain text of the body, first words, for summaries.
    summary_text: String,
    /// Structured data for search engines (home page only), safe inside `<script>`.
    json_ld: String,
}

impl<'a> LangGlobals<'a> {
    pub fn new(
        config: &Config,
        sources: &Sources,
        theme: &Theme,
        plan: &Plan,
        lang: &Lang,
        edition: Option<EditionView<'a>>,
        editions: &[EditionEntry],
    ) -> LangGlobals<'a> {
        let lc = &config.language_config[lang];
        let strings = theme.strings.get(lang);
        let string = |k: &str| {
            strings
                .and_then(|s| s.get(k))
                .map(|s| s.text.clone())
                .unwrap_or_default()
        };
        let locale = Locale::new(
            &string("months"),
            &string("thousands_separator"),
            &string("decimal_separator"),
        );
        // Stylesheets, feeds and open data are the site's, also in an edition.
        let site_config = edition.map_or(config, |e| e.current_config);
        let site = SiteCtx {
            title: &lc.title,
            description: &lc.description,
            base_url: site_config.permalink(&site_config.base_path),
            base_path: &site_config.base_path,
            home: encode_path(&config.lang_root(lang)),
            default_language: config.default_language.as_str(),
            feed: encode_path(&crate::output::feeds::feed_path(site_config, lang)),
            search: encode_path(&format!(
                "{}{}/",
                site_config.lang_root(lang),
                string("search_slug")
            )),
            data_json: format!("{}data/plan.json", encode_path(&site_config.base_path)),
            data_csv: format!("{}data/programs.csv", encode_path(&site_config.base_path)),
            languages: config
                .languages
                .iter()
                .map(|l| LanguageCtx {
                    code: l.to_string(),
                    title: config.language_config[l].title.clone(),
                    home: encode_path(&config.lang_root(l)),
                })
                .collect(),
            extra: &config.extra,
        };
        let strings_map: std::collections::BTreeMap<String, String> = strings
            .map(|s| s.iter().map(|(k, v)| (k.clone(), v.text.clone())).collect())
            .unwrap_or_default();
        let li = config.languages.iter().position(|l| l == lang).unwrap_or(0);
        let home = &plan.tree.pages[plan.tree.home()];
        let here = edition.map_or("", |e| e.id);
        let menu: Vec<EditionMenuItem> = editions
            .iter()
            .map(|e| EditionMenuItem {
                id: e.id.clone(),
                label: e.label.clone(),
                home: encode_path(&e.homes[li]),
                changes: e.changes.get(li).map(|c| encode_path(c)),
                frozen: e.frozen.map(|d| d.iso()),
                frozen_text: e.frozen.map(|d| locale.date(&d)),
                current: e.id.is_empty(),
                here: e.id == here,
            })
            .collect();
        let editions_menu = Value::from_serializable(&menu);
        let mut g = LangGlobals {
            lang: lang.clone(),
            edition,
            editions: editions_menu,
            locale,
            site: Value::from_serializable(&site),
            strings: Value::from_serializable(&strings_map),
            strings_map,
            nav_items: Vec::new(),
            links: Vec::new(),
        };
        g.links = (0..plan.tree.pages.len())
            .map(|p| link(sources, plan, &g, p, li))
            .collect();
        g.nav_items = home
            .children
            .iter()
            .filter(|&&c| {
                plan.tree.pages[c].kind == PageKind::Section
                    || plan.tree.pages[c].kind == PageKind::Page
            })
            .map(|&c| g.links[c].clone())
            .collect();
        g
    }

    /// A UI string; empty when the theme lacks it (templates see the error instead).
    pub fn s(&self, key: &str) -> String {
        self.strings_map.get(key).cloned().unwrap_or_default()
    }
}

/// A link to page `p` in the language at index `li`.
fn link(sources: &Sources, plan: &Plan, g: &LangGlobals, p: usize, li: usize) -> Link {
    let page = &plan.tree.pages[p];
    let v = &page.versions[li];
    let src = v.source.map(|s| &sources.files[s]);
    let meta = src.map(|s| &s.meta);
    Link {
        title: meta.map_or_else(|| title_case(&page.name), |m| m.title.clone()),
        path: encode_path(&v.path),
        description: meta.and_then(|m| m.description.clone()),
        kind: page.kind,
        date: meta.and_then(|m| m.date).map(|d| d.iso()),
        date_text: meta.and_then(|m| m.date).map(|d| g.locale.date(&d)),
        lang: src.map_or_else(|| g.lang.to_string(), |s| s.lang.to_string()),
        translated: v.translated,
        key: page.key.clone(),
    }
}

fn title_case(name: &str) -> String {
    let mut c = name.chars();
    match c.next() {
        Some(f) => f
            .to_uppercase()
            .chain(c)
            .collect::<String>()
            .replace('-', " "),
        None => String::new(),
    }
}

fn common(g: &LangGlobals) -> Context {
    let mut ctx = Context::new();
    ctx.insert("lang", g.lang.as_str());
    ctx.insert_value("site", g.site.clone());
    ctx.insert_value("t", g.strings.clone());
    ctx.insert("nav", &g.nav_items);
    ctx.insert_value("editions", g.editions.clone());
    ctx
}

pub fn page_context(
    config: &Config,
    sources: &Sources,
    plan: &Plan,
    g: &LangGlobals,
    p: usize,
    li: usize,
    content: Rendered,
) -> Context {
    let page = &plan.tree.pages[p];
    let v = &page.versions[li];
    let src = v.source.map(|s| &sources.files[s]);
    let meta = src.map(|s| &s.meta);
    let date_text = |d: Option<Date>| d.map(|d| g.locale.date(&d));
    let mut ancestors = Vec::new();
    let mut parent = page.parent;
    while let Some(a) = parent {
        ancestors.push(g.links[a].clone());
        parent = plan.tree.pages[a].parent;
    }
    ancestors.reverse();
    let summary_text: String = content
        .text
        .split_whitespace()
        .take(40)
        .collect::<Vec<_>>()
        .join(" ");
    let ctx_page = PageCtx {
        kind: page.kind,
        key: &page.key,
        id: page.id(),
        title: meta.map_or_else(|| title_case(&page.name), |m| m.title.clone()),
        description: meta.and_then(|m| m.description.clone()),
        content: content.html,
        toc: content.toc,
        path: encode_path(&v.path),
        permalink: config.permalink(&encode_path(&v.path)),
        date: meta.and_then(|m| m.date).map(|d| d.iso()),
        date_text: date_text(meta.and_then(|m| m.date)),
        updated: src.and_then(|s| sources.last_updated(s)).map(|d| d.iso()),
        updated_text: date_text(src.and_then(|s| sources.last_updated(s))),
        draft: meta.is_some_and(|m| m.draft),
        extra: meta.map_or(serde_json::Value::Null, |m| m.extra.clone()),
        content_lang: src.map_or_else(|| g.lang.to_string(), |s| s.lang.to_string()),
        translated: v.translated,
        // Links are made once per language (`LangGlobals::links`), not per page.
        children: page.children.iter().map(|&c| g.links[c].clone()).collect(),
        section: page.parent.map(|s| g.links[s].clone()),
        ancestors,
        summary_text,
        json_ld: if page.kind == PageKind::Home {
            json_ld(config, g, &v.path)
        } else {
            String::new()
        },
    };
    let translations: Vec<Translation> = page
        .versions
        .iter()
        .map(|tv| Translation {
            lang: tv.lang.to_string(),
            name: language_name(config, &tv.lang),
            path: encode_path(&tv.path),
            permalink: config.permalink(&encode_path(&tv.path)),
            current: tv.lang == g.lang,
            translated: tv.translated,
        })
        .collect();
    let mut ctx = common(g);
    ctx.insert("page", &ctx_page);
    ctx.insert("translations", &translations);
    if let Some(e) = &g.edition {
        ctx.insert("edition", &e.page(config, &g.lang, Some(&page.key)));
    }
    ctx
}

/// A page that is not a content file (404, the editions list, a changes
/// page): its key, title and its site path in each language.
pub struct SpecialPage<'a> {
    pub key: &'a str,
    pub title: String,
    /// Site paths (decoded), one per configured language, in order.
    pub paths: &'a [String],
}

pub fn special_context(config: &Config, g: &LangGlobals, special: &SpecialPage) -> Context {
    let li = config
        .languages
        .iter()
        .position(|l| *l == g.lang)
        .unwrap_or(0);
    let translations: Vec<Translation> = config
        .languages
        .iter()
        .zip(special.paths)
        .map(|(l, p)| {
            let path = encode_path(p);
            Translation {
                lang: l.to_string(),
                name: language_name(config, l),
                permalink: config.permalink(&path),
                path,
                current: *l == g.lang,
                translated: true,
            }
        })
        .collect();
    let path = encode_path(&special.paths[li]);
    let title = if special.title.is_empty() {
        g.s(&format!("{}_title", special.key))
    } else {
        special.title.clone()
    };
    let page = PageCtx {
        kind: PageKind::Page,
        key: special.key,
        id: special.key,
        title,
        description: None,
        content: String::new(),
        toc: Vec::new(),
        permalink: config.permalink(&path),
        path,
        date: None,
        date_text: None,
        updated: None,
        updated_text: None,
        draft: false,
        extra: serde_json::Value::Null,
        content_lang: g.lang.to_string(),
        translated: true,
        children: Vec::new(),
        ancestors: Vec::new(),
        section: None,
        summary_text: String::new(),
        json_ld: String::new(),
    };
    let mut ctx = common(g);
    ctx.insert("page", &page);
    ctx.insert("translations", &translations);
    if let Some(e) = &g.edition {
        ctx.insert("edition", &e.page(config, &g.lang, None));
    }
    ctx
}

/// The plan as schema.org data: a report published by the city government.
fn json_ld(config: &Config, g: &LangGlobals, path: &str) -> String {
    let lc = &config.language_config[&g.lang];
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Report",
        "name": lc.title,
        "description": lc.description,
        "inLanguage": g.lang.as_str(),
        "url": config.permalink(&encode_path(path)),
    });
    // `[extra] publisher = "Pemerintah Kota Gorontalo"` names the government behind the plan.
    if let Some(publisher) = config.extra.get("publisher").and_then(|p| p.as_str()) {
        value["publisher"] =
            serde_json::json!({ "@type": "GovernmentOrganization", "name": publisher });
    }
    // `<` as \u003c: the text can never close the <script> element it sits in.
    serde_json::to_string(&value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
}

/// A language's name in itself, for the switcher.
fn language_name(config: &Config, lang: &Lang) -> String {
    match lang.as_str() {
        "id" => "Bahasa Indonesia".to_string(),
        "en" => "English".to_string(),
        _ => config.language_config[lang].title.clone(),
    }
}

/// Percent-encodes a site path for use in `href` (keeps `/` and unreserved characters).
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Template functions.
pub fn register_functions(tera: &mut tera::Tera) {
    let _ = tera;
}
