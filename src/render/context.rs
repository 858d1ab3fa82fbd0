//! What every template sees.
//!
//! Every template gets `lang`, `site`, `t` (the UI strings of the language),
//! `nav` (the top-level sections), `editions` (the menu), `translations`
//! (this page in every language, for the switcher and hreflang links) and
//! `page`; a page of a frozen edition also gets `edition` (its banner). The
//! role's own context is added by [`super::pages`].

use serde::Serialize;
use tera::{Context, Value};

use super::globals::{LangGlobals, title_case};
use super::view::{View, source_anchor};
use crate::config::{Config, Lang, PlanStatus};
use crate::markdown::{Heading, Rendered};
use crate::paths;
use crate::plan::{PageId, PageKind};

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
    description: Option<&'a str>,
    content: String,
    toc: Vec<Heading>,
    path: String,
    permalink: String,
    date: Option<String>,
    date_text: Option<String>,
    updated: Option<String>,
    updated_text: Option<String>,
    draft: bool,
    extra: &'a serde_json::Value,
    /// Language the text is written in.
    content_lang: String,
    translated: bool,
    children: Vec<Value>,
    ancestors: Vec<Value>,
    section: Option<Value>,
    /// Plain text of the body, first words, for summaries.
    summary_text: String,
    /// Structured data for search engines (home page only), safe inside `<script>`.
    json_ld: String,
    /// An example, not a decision (itself, or by its section).
    illustrative: bool,
    /// Where the page's facts come from, numbered for citation marks.
    sources: Vec<SourceCtx<'a>>,
    /// The picture link previews show (`og:image`).
    og_image: Option<crate::images::html::OpenGraph>,
}

/// One entry of a page's list of sources.
#[derive(Serialize)]
pub struct SourceCtx<'a> {
    pub n: usize,
    pub anchor: String,
    pub title: &'a str,
    pub publisher: &'a str,
    pub author: Option<&'a str>,
    pub date: String,
    pub date_text: String,
    pub url: Option<&'a str>,
    pub quote: Option<&'a str>,
    /// The language of its title and quote.
    pub lang: &'a str,
}

pub fn source_list<'a>(view: &View<'a>, p: PageId) -> Vec<SourceCtx<'a>> {
    view.references(p)
        .iter()
        .enumerate()
        .map(|(i, r)| SourceCtx {
            n: i + 1,
            anchor: source_anchor(i + 1),
            title: &r.title,
            publisher: &r.publisher,
            author: r.author.as_deref(),
            date: r.date.iso(),
            date_text: view.date(&r.date),
            url: r.url.as_deref(),
            quote: r.quote.as_deref(),
            lang: r
                .lang
                .as_deref()
                .unwrap_or(view.g.input.config.default_language.as_str()),
        })
        .collect()
}

const NULL: serde_json::Value = serde_json::Value::Null;

fn common(view: &View) -> Context {
    let g = view.g;
    let mut ctx = g.base_context();
    let nav: Vec<Value> = g.nav.iter().map(|&p| view.link(p)).collect();
    ctx.insert("nav", &nav);
    ctx.insert_value("editions", g.editions.clone());
    ctx
}

/// A page made from a content page, under its address: one year of a
/// timeline split by year (`linimasa/2027/`).
pub struct SubPage {
    /// Added to the page's path in every language: `2027/`.
    pub suffix: String,
    pub title: String,
}

/// The context of a content page, with its rendered Markdown.
pub fn page_context(view: &View, p: PageId, content: Rendered) -> Context {
    context_of(view, p, content, None)
}

/// The context of a page made from content page `p` (`p` is its parent).
pub fn sub_page_context(view: &View, p: PageId, sub: &SubPage) -> Context {
    context_of(view, p, Rendered::default(), Some(sub))
}

fn context_of(view: &View, p: PageId, content: Rendered, sub: Option<&SubPage>) -> Context {
    let (config, sources) = (view.g.input.config, view.g.input.sources);
    let page = &view.plan.tree.pages[p];
    let v = &page.versions[view.g.li];
    let src = v.source.map(|s| &sources.files[s]);
    let meta = src.map(|s| &s.meta);
    let date_text = |d: Option<crate::table::Date>| d.map(|d| view.date(&d));
    let mut ancestors: Vec<Value> = view.plan.tree.ancestors(p).map(|a| view.link(a)).collect();
    ancestors.reverse();
    let suffix = sub.map_or("", |s| s.suffix.as_str());
    if sub.is_some() {
        ancestors.push(view.link(p));
    }
    // The text's words are one space apart already.
    let summary_text = crate::markdown::first_words(&content.text, 40).to_string();
    let updated = src.and_then(|s| sources.last_updated(s));
    let path = paths::encode(&format!("{}{suffix}", v.path));
    let ctx_page = PageCtx {
        kind: page.kind,
        key: &page.key,
        id: page.id(),
        title: match sub {
            Some(sub) => sub.title.clone(),
            None => meta.map_or_else(|| title_case(&page.name), |m| m.title.clone()),
        },
        description: meta.and_then(|m| m.description.as_deref()),
        content: content.html,
        toc: content.toc,
        permalink: config.permalink(&path),
        path,
        date: meta.and_then(|m| m.date).map(|d| d.iso()),
        date_text: meta
            .and_then(|m| m.date)
            .map(|d| view.g.date_of_page(p, &d)),
        updated: updated.map(|d| d.iso()),
        updated_text: date_text(updated),
        draft: meta.is_some_and(|m| m.draft),
        extra: meta.map_or(&NULL, |m| &m.extra),
        content_lang: src.map_or_else(|| view.lang().to_string(), |s| s.lang.to_string()),
        translated: v.translated,
        children: page.children.iter().map(|&c| view.link(c)).collect(),
        section: page.parent.map(|s| view.link(s)),
        ancestors,
        summary_text,
        json_ld: if page.kind == PageKind::Home {
            json_ld(config, view.g, &v.path)
        } else {
            String::new()
        },
        illustrative: page.illustrative,
        sources: source_list(view, p),
        og_image: super::pictures::open_graph(&view.g.input, view.g.li, p),
    };
    let translations: Vec<Translation> = page
        .versions
        .iter()
        .map(|tv| Translation {
            lang: tv.lang.to_string(),
            name: language_name(config, &tv.lang),
            path: paths::encode(&format!("{}{suffix}", tv.path)),
            permalink: config.permalink(&paths::encode(&format!("{}{suffix}", tv.path))),
            current: tv.lang == view.g.lang,
            translated: tv.translated,
        })
        .collect();
    let mut ctx = common(view);
    ctx.insert("page", &ctx_page);
    ctx.insert("translations", &translations);
    if let Some(e) = &view.g.input.edition {
        ctx.insert("edition", &e.page(config, &view.g.lang, Some(&page.key)));
    }
    ctx
}

/// A page that no content file makes (search, 404, the editions list, a
/// changes page): its key, title, and its site path in each language.
pub struct SpecialPage<'a> {
    pub key: &'a str,
    /// Empty: the UI string `<key>_title`.
    pub title: String,
    /// Site paths (decoded), one per configured language, in order.
    pub paths: &'a [String],
}

pub fn special_context(view: &View, special: &SpecialPage) -> Context {
    let g = view.g;
    let config = g.input.config;
    let translations: Vec<Translation> = config
        .languages
        .iter()
        .zip(special.paths)
        .map(|(l, p)| {
            let path = paths::encode(p);
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
    let path = paths::encode(&special.paths[g.li.0]);
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
        extra: &NULL,
        content_lang: g.lang.to_string(),
        translated: true,
        children: Vec::new(),
        ancestors: Vec::new(),
        section: None,
        summary_text: String::new(),
        json_ld: String::new(),
        illustrative: false,
        sources: Vec::new(),
        og_image: None,
    };
    let mut ctx = common(view);
    ctx.insert("page", &page);
    ctx.insert("translations", &translations);
    if let Some(e) = &g.input.edition {
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
        "url": config.permalink(&paths::encode(path)),
    });
    // A draft is nobody's official publication yet: it names no publisher.
    // Once adopted, `[extra] publisher` names the government behind the plan.
    match config.plan.status {
        PlanStatus::Draft => value["creativeWorkStatus"] = "Draft".into(),
        PlanStatus::Adopted => {
            value["creativeWorkStatus"] = "Published".into();
            if let Some(publisher) = config.extra.get("publisher").and_then(|p| p.as_str()) {
                value["publisher"] =
                    serde_json::json!({ "@type": "GovernmentOrganization", "name": publisher });
            }
            if let Some(adopted) = config.plan.adopted {
                value["datePublished"] = adopted.iso().into();
            }
        }
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
