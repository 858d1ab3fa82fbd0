//! What every page of one language shares ([`LangGlobals`]): the site, the
//! UI strings, the navigation, the editions menu, and each page's link.
//!
//! Shared parts are made into template values once per language; a link to
//! a page, and a programme's summary, are made the first time a page shows
//! them and then shared by every page that does (template values are
//! reference-counted), so a list of 3,000 programmes costs 3,000 pointer
//! copies, not 3,000 serialisations.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Serialize;
use tera::Value;

use super::format::Locale;
use super::input::RenderInput;
use crate::config::{Lang, LangIx};
use crate::diagnostics::Diagnostic;
use crate::index::TiVec;
use crate::load::Theme;
use crate::paths;
use crate::plan::model::{ProgrammeIx, StakeholderIx};
use crate::plan::{PageId, PageKind};
use crate::table::Date;

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

#[derive(Serialize)]
struct SiteCtx<'a> {
    title: &'a str,
    description: &'a str,
    publisher: Option<&'a str>,
    /// The whole plan as one page, and its PDF.
    document: String,
    document_pdf: String,
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
    /// `draft` or `adopted`.
    plan_status: crate::config::PlanStatus,
    /// When and by what the plan was adopted.
    adopted: Option<String>,
    adopted_text: Option<String>,
    decree: Option<&'a str>,
    /// The day the plan's statuses are as of: `2026-11-28` and `28 November 2026`.
    today: String,
    today_text: String,
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
    /// The page is an example, not a decision.
    pub illustrative: bool,
    /// Its card picture, when it has one.
    pub image: Option<crate::images::html::Card>,
}

/// What every page of one language shares.
pub struct LangGlobals<'a> {
    pub input: RenderInput<'a>,
    pub lang: Lang,
    pub li: LangIx,
    pub locale: Locale,
    /// What raw HTML in the text may keep.
    pub html_policy: crate::markdown::HtmlPolicy,
    /// The editions menu (empty when the plan has no editions).
    pub editions: Value,
    pub site: Value,
    pub strings: Value,
    strings_map: BTreeMap<String, String>,
    /// The top-level sections and pages, in menu order.
    pub nav: Vec<PageId>,
    /// Each page's link, made when first shown.
    links: TiVec<PageId, OnceLock<Value>>,
    /// Each programme's summary, made when first shown.
    pub summaries: TiVec<ProgrammeIx, OnceLock<Value>>,
    /// Each stakeholder as a programme names it, made when first shown.
    pub people: TiVec<StakeholderIx, OnceLock<Value>>,
    /// Whether programme summaries carry their card: the pages' lists show
    /// it, the plan document does not.
    pub cards: bool,
    /// The programme cards that could not be rendered, to report.
    pub card_errors: std::sync::Mutex<Vec<Diagnostic>>,
}

/// The search page's segment in a language: the theme's `search_slug`,
/// unless it is empty or not one safe segment.
pub fn search_segment(theme: &Theme, lang: &Lang) -> String {
    let slug = theme.string(lang, "search_slug");
    if slug.is_empty() || crate::plan::pages::check_segment(&slug).is_err() {
        paths::SEARCH_FALLBACK_SEGMENT.to_string()
    } else {
        slug
    }
}

/// The plan document's segment in a language: the theme's `document_slug`.
pub fn document_segment(theme: &Theme, lang: &Lang) -> String {
    let slug = theme.string(lang, "document_slug");
    if slug.is_empty() || crate::plan::pages::check_segment(&slug).is_err() {
        paths::DOCUMENT_FALLBACK_SEGMENT.to_string()
    } else {
        slug
    }
}

impl<'a> LangGlobals<'a> {
    pub fn new(input: RenderInput<'a>, li: LangIx) -> LangGlobals<'a> {
        let (config, plan) = (input.config, input.plan);
        let lang = config.languages[li].clone();
        let strings_map: BTreeMap<String, String> = input
            .theme
            .strings
            .get(&lang)
            .map(|s| s.iter().map(|(k, v)| (k.clone(), v.text.clone())).collect())
            .unwrap_or_default();
        let string = |k: &str| strings_map.get(k).cloned().unwrap_or_default();
        let locale = Locale::new(
            &string("months"),
            &string("thousands_separator"),
            &string("decimal_separator"),
        );
        let search_segment = search_segment(input.theme, &lang);
        let site = site_value(input, &lang, &search_segment, &locale);
        let editions = editions_value(input, li, &locale);
        let home = &plan.tree.pages[plan.tree.home()];
        let nav = home
            .children
            .iter()
            .copied()
            .filter(|&c| matches!(plan.tree.pages[c].kind, PageKind::Section | PageKind::Page))
            .collect();
        LangGlobals {
            input,
            lang,
            li,
            locale,
            html_policy: crate::markdown::HtmlPolicy {
                embed_hosts: config.embed_hosts.clone(),
            },
            editions,
            site,
            strings: Value::from_serializable(&strings_map),
            strings_map,
            nav,
            links: plan.tree.pages.iter().map(|_| OnceLock::new()).collect(),
            summaries: plan
                .model
                .programmes
                .iter()
                .map(|_| OnceLock::new())
                .collect(),
            people: plan
                .model
                .stakeholders
                .iter()
                .map(|_| OnceLock::new())
                .collect(),
            cards: true,
            card_errors: Default::default(),
        }
    }

    /// A UI string; empty when the theme lacks it (templates see the error instead).
    pub fn s(&self, key: &str) -> String {
        self.strings_map.get(key).cloned().unwrap_or_default()
    }

    /// The context every template of this language starts from: `lang`,
    /// `site` and the UI strings `t`.
    pub fn base_context(&self) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("lang", self.lang.as_str());
        ctx.insert_value("site", self.site.clone());
        ctx.insert_value("t", self.strings.clone());
        ctx
    }

    /// The link to page `p` as a template value (made once).
    pub fn link_value(&self, p: PageId) -> Value {
        self.links[p]
            .get_or_init(|| Value::from_serializable(&self.link(p)))
            .clone()
    }

    /// The title of page `p` in this language (what its link shows).
    pub fn title(&self, p: PageId) -> String {
        let page = &self.input.plan.tree.pages[p];
        match page.versions[self.li].source {
            Some(s) => self.input.sources.files[s].meta.title.clone(),
            None => title_case(&page.name),
        }
    }

    /// The link to page `p`.
    pub fn link(&self, p: PageId) -> Link {
        let (sources, plan) = (self.input.sources, self.input.plan);
        let page = &plan.tree.pages[p];
        let v = &page.versions[self.li];
        let src = v.source.map(|s| &sources.files[s]);
        let meta = src.map(|s| &s.meta);
        let date = meta.and_then(|m| m.date);
        Link {
            title: self.title(p),
            path: paths::encode(&v.path),
            description: meta.and_then(|m| m.description.clone()),
            kind: page.kind,
            date: date.map(|d| d.iso()),
            date_text: date.map(|d| self.date_of_page(p, &d)),
            lang: src.map_or_else(|| self.lang.to_string(), |s| s.lang.to_string()),
            translated: v.translated,
            key: page.key.clone(),
            illustrative: page.illustrative,
            image: super::pictures::card(&self.input, self.li, p),
        }
    }

    /// A page's date as shown: `5 Juli 2023`, or `sebelum 5 Juli 2023` for an
    /// event the record dates only as having happened by then.
    pub fn date_of_page(&self, p: PageId, date: &Date) -> String {
        let text = self.locale.date(date);
        match self.input.plan.tree.pages[p].role {
            crate::plan::Role::Event(i) if self.input.plan.model.events[i].before => {
                self.s("before_date").replace("{date}", &text)
            }
            _ => text,
        }
    }
}

/// A section without `_index.md` is titled after its folder: `data-terbuka` -> `Data terbuka`.
pub fn title_case(name: &str) -> String {
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

fn site_value(input: RenderInput, lang: &Lang, search_segment: &str, locale: &Locale) -> Value {
    let config = input.config;
    let lc = &config.language_config[lang];
    // Stylesheets, feeds and open data are the site's, also in an edition.
    let site_config = input.edition.map_or(config, |e| e.current_config);
    // Every edition has its own document.
    let document_page = paths::document_page(
        &config.lang_root(lang),
        &document_segment(input.theme, lang),
    );
    let site = SiteCtx {
        title: &lc.title,
        description: &lc.description,
        publisher: lc.publisher.as_deref(),
        document: paths::encode(&document_page),
        document_pdf: paths::encode(&paths::document_pdf(&document_page)),
        base_url: site_config.permalink(&site_config.base_path),
        base_path: &site_config.base_path,
        home: paths::encode(&config.lang_root(lang)),
        default_language: config.default_language.as_str(),
        feed: paths::encode(&paths::feed(&site_config.lang_root(lang))),
        search: paths::encode(&paths::search_page(
            &site_config.lang_root(lang),
            search_segment,
        )),
        data_json: paths::encode(&paths::data_json(&site_config.base_path)),
        data_csv: paths::encode(&paths::data_csv(&site_config.base_path)),
        languages: config
            .languages
            .iter()
            .map(|l| LanguageCtx {
                code: l.to_string(),
                title: config.language_config[l].title.clone(),
                home: paths::encode(&config.lang_root(l)),
            })
            .collect(),
        plan_status: site_config.plan.status,
        adopted: site_config.plan.adopted.map(|d| d.iso()),
        adopted_text: site_config.plan.adopted.map(|d| locale.date(&d)),
        decree: site_config.plan.decree.as_deref(),
        today: site_config.today.iso(),
        today_text: locale.date(&site_config.today),
        extra: &config.extra,
    };
    Value::from_serializable(&site)
}

fn editions_value(input: RenderInput, li: LangIx, locale: &Locale) -> Value {
    let here = input.edition.map_or("", |e| e.id);
    let menu: Vec<EditionMenuItem> = input
        .editions
        .iter()
        .map(|e| EditionMenuItem {
            id: e.id.clone(),
            label: e.label.clone(),
            home: paths::encode(&e.homes[li.0]),
            changes: e.changes.get(li.0).map(|c| paths::encode(c)),
            frozen: e.frozen.map(|d| d.iso()),
            frozen_text: e.frozen.map(|d| locale.date(&d)),
            current: e.id.is_empty(),
            here: e.id == here,
        })
        .collect();
    Value::from_serializable(&menu)
}
