//! Plan -> pages: Markdown per language, the template context of each page
//! role, and the Tera templates.
//!
//! Templates are compiled once ([`templates`]). The parts of the context
//! shared by every page of a language are made once ([`globals`]); each
//! page's context is the base every page has ([`context`]) plus its role's
//! own ([`pages`], one file per role), built through a [`view::View`] that
//! records which other pages it shows. Pages are rendered in parallel and
//! handed to `emit` as soon as they are ready, so the rendered site is never
//! held in memory as a whole.

pub mod charts;
pub mod context;
pub mod document;
pub mod format;
pub mod globals;
pub mod input;
pub mod pages;
pub mod pictures;
pub mod templates;
pub mod view;

use std::collections::HashSet;
use std::path::Path;

use rayon::prelude::*;

use crate::config::LangIx;
use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex};
use crate::index::TiVec;
use crate::markdown::{BrokenLink, Placement, Rendered};
use crate::paths;
use crate::plan::{PageId, Role, Version};
use context::SpecialPage;
use globals::LangGlobals;
pub use input::{Dependencies, Emit, Output, PageTexts, RenderInput};
pub use templates::templates;
use view::View;

/// What every page of each language shares, in `Config::languages` order.
pub type Globals<'a> = TiVec<LangIx, LangGlobals<'a>>;

/// Each language's globals, in `Config::languages` order.
pub fn globals<'a>(input: &RenderInput<'a>) -> Globals<'a> {
    input
        .config
        .languages
        .keys()
        .map(|li| LangGlobals::new(*input, li))
        .collect()
}

/// Renders the pages in `only` (all when `None`) in every language, with
/// their alias redirects; a full render also writes the 404 pages.
///
/// Every language's pages are rendered in one parallel pass, so that no core
/// waits for the last pages of one language before the next one starts.
pub fn render_site(
    input: &RenderInput,
    globals: &Globals,
    only: Option<&HashSet<PageId>>,
    emit: &Emit,
    diags: &mut Diagnostics,
) -> Dependencies {
    let tree = &input.plan.tree;
    let jobs: Vec<(LangIx, PageId)> = globals
        .keys()
        .flat_map(|li| {
            (tree.pages.keys())
                .filter(|p| only.is_none_or(|set| set.contains(p)))
                .map(move |p| (li, p))
        })
        .collect();
    let results: Vec<(Vec<PageId>, String, Diagnostics)> = jobs
        .par_iter()
        .map(|&(li, p)| {
            let mut d = Diagnostics::new();
            let (used, text) = render_page(&globals[li], p, emit, &mut d);
            input.progress.page_done();
            (used, text, d)
        })
        .collect();
    let mut deps = Dependencies {
        uses: tree.pages.iter().map(|_| Vec::new()).collect(),
        texts: Default::default(),
    };
    for (&(li, p), (used, text, d)) in jobs.iter().zip(results) {
        diags.extend(d);
        deps.uses[p].extend(used);
        deps.texts.insert((p, li), text);
    }
    if only.is_none() {
        for g in globals {
            render_not_found(input, g, emit, diags);
        }
    }
    card_errors(globals, diags);
    for uses in deps.uses.iter_mut() {
        uses.sort_unstable();
        uses.dedup();
    }
    deps
}

/// The programme cards that could not be rendered: a broken card template
/// fails alike for every programme in every language, so each message is
/// said once, naming the first file (and how many more).
fn card_errors(globals: &Globals, diags: &mut Diagnostics) {
    let mut errors: Vec<Diagnostic> = (globals.iter())
        .flat_map(|g| g.card_errors.lock().map(|e| e.clone()).unwrap_or_default())
        .collect();
    errors.sort_by(|a, b| (&a.message, &a.file).cmp(&(&b.message, &b.file)));
    let mut by_message: Vec<(Diagnostic, usize)> = Vec::new();
    for error in errors {
        match by_message.last_mut() {
            Some((first, more)) if first.message == error.message => *more += 1,
            _ => by_message.push((error, 0)),
        }
    }
    for (mut error, more) in by_message {
        if more > 0 {
            error.hint = Some(format!(
                "{more} more programme cards (one per programme and language) fail the same way"
            ));
        }
        diags.push(error);
    }
}

/// The 404 page of one language.
fn render_not_found(input: &RenderInput, g: &LangGlobals, emit: &Emit, diags: &mut Diagnostics) {
    let paths = pages::not_found::paths(input);
    let special = SpecialPage {
        key: "not-found",
        title: g.s("not_found_title"),
        paths: &paths,
    };
    render_special_in(g, &special, Role::NotFound, &|_, _| {}, emit, diags);
}

/// One revision of the plan, as its feed shows it.
pub struct Revision {
    pub title: String,
    /// The site path of its changes page.
    pub path: String,
    /// When the edition was frozen.
    pub date: Option<crate::table::Date>,
    /// What the revision moved, in the reader's words.
    pub summary: String,
}

/// The entries of the feed of revisions in each language, with the feed's
/// title: each edition (given with its changes page's address in every
/// language and its freezing date), newest first.
pub fn revisions(
    globals: &Globals,
    editions: &[(
        &pages::changes::ChangesPage,
        Vec<String>,
        Option<crate::table::Date>,
    )],
) -> Vec<(crate::config::Lang, String, Vec<Revision>)> {
    globals
        .iter()
        .map(|g| {
            let view = View::new(g);
            let entries = editions
                .iter()
                .rev()
                .map(|(page, addresses, date)| Revision {
                    title: format!("{}: {}", g.s("changes_title"), page.title()),
                    path: addresses[g.li.0].clone(),
                    date: *date,
                    summary: pages::changes::summary_words(&view, page),
                })
                .collect();
            let title = &g.input.config.language_config[&g.lang].title;
            let feed = format!("{} · {title}", g.s("editions_title"));
            (g.lang.clone(), feed, entries)
        })
        .collect()
}

/// Renders a page that is not a content file, in every language; `add`
/// puts what its template needs into each language's context.
pub fn render_special(
    globals: &Globals,
    special: &SpecialPage,
    role: Role,
    add: &(dyn Fn(&View, &mut tera::Context) + Sync),
    emit: &Emit,
    diags: &mut Diagnostics,
) {
    for g in globals {
        render_special_in(g, special, role, add, emit, diags);
    }
}

fn render_special_in(
    g: &LangGlobals,
    special: &SpecialPage,
    role: Role,
    add: &(dyn Fn(&View, &mut tera::Context) + Sync),
    emit: &Emit,
    diags: &mut Diagnostics,
) {
    let view = View::new(g);
    let mut ctx = context::special_context(&view, special);
    add(&view, &mut ctx);
    let path = paths::output_file(&g.input.config.base_path, &special.paths[g.li.0]);
    let template = role.template();
    render_to(g.input.tera, (template, &ctx), path, None, emit, diags);
}

/// Renders `template` with `ctx` into the output file `path`; an error names
/// the template (and the content `file` the page comes from, if any).
fn render_to(
    tera: &tera::Tera,
    (template, ctx): (&str, &tera::Context),
    path: String,
    file: Option<&Path>,
    emit: &Emit,
    diags: &mut Diagnostics,
) {
    // Room for a whole plan item's page, so that the buffer is not regrown as it fills.
    let mut bytes = Vec::with_capacity(16 * 1024);
    match tera.render_to(template, ctx, &mut bytes) {
        Ok(()) => {
            if let Err(e) = emit(Output { path, bytes }) {
                diags.push(e);
            }
        }
        Err(e) => diags.push(templates::render_error(file, template, &e)),
    }
}

/// Renders one page in one language; returns the pages it used and its plain text.
fn render_page(
    g: &LangGlobals,
    p: PageId,
    emit: &Emit,
    d: &mut Diagnostics,
) -> (Vec<PageId>, String) {
    let RenderInput {
        config,
        sources,
        plan,
        tera,
        ..
    } = g.input;
    let page = &plan.tree.pages[p];
    let version = &page.versions[g.li];
    let source = version.source.map(|s| &sources.files[s]);
    let (content, broken) = match source {
        Some(src) => render_text(g, src, &Placement::default()),
        None => Default::default(),
    };
    if let Some(src) = source
        && (!broken.is_empty() || !content.removed.is_empty())
    {
        let lines = LineIndex::new(&src.body);
        for link in broken {
            let (line, column) = lines.line_col(&src.body, link.offset);
            let d_link = match &link.refused {
                Some(why) if link.image => Diagnostic::error(&src.file, why.clone())
                    .with_hint(if why.ends_with("does not exist") || why.contains("outside") {
                        "put the photo beside the page (news/x/foto.jpg for news/x.md) and write its path relative to the page, or under static/ and write /foto.jpg"
                    } else {
                        "replace the file with a working JPEG, PNG or WebP photo, or take it out of the page"
                    }),
                None => Diagnostic::error(&src.file, format!("link target {} does not exist", link.target))
                    .with_hint("link to a content file by its path under content/, like @/programs/command-center.md"),
                Some(why) => Diagnostic::error(&src.file, format!("link {why}: {:?}", link.target))
                    .with_hint(crate::paths::LINK_HINT),
            };
            d.push(d_link.at(src.body_line + line - 1, column));
        }
        for removed in &content.removed {
            let (line, column) = lines.line_col(&src.body, removed.offset);
            let message = format!("raw HTML: {} is removed from the page", removed.what);
            let diagnostic = if removed.refused_link {
                Diagnostic::error(&src.file, message).with_hint(crate::paths::LINK_HINT)
            } else {
                Diagnostic::warning(&src.file, message).with_hint(
                    "readers never get scripts, styles, event handlers, forms or frames from the text; write it in Markdown, or list a video host in [markdown] embed_hosts",
                ).with_kind("raw-html-removed")
            };
            d.push(diagnostic.at(src.body_line + line - 1, column));
        }
    }
    let template = source
        .and_then(|s| s.meta.template.as_deref())
        .unwrap_or(page.role.template());
    let text = content.text.clone();
    let view = View::new(g);
    let mut ctx = context::page_context(&view, p, content);
    pages::add_context(&view, page.role, &mut ctx);
    let path = paths::output_file(&config.base_path, &version.path);
    let file = source.map(|s| s.file.as_path());
    render_to(tera, (template, &ctx), path, file, emit, d);
    if page.role == Role::Timeline {
        render_timeline_years(&view, p, emit, d);
    }
    if let Some(src) = source.filter(|_| version.translated) {
        for alias in &src.meta.aliases {
            emit_alias(g, alias, version, emit, d);
        }
    }
    (view.into_used(), text)
}

/// A timeline too long for one page: a page per year under its address.
fn render_timeline_years(view: &View, p: PageId, emit: &Emit, d: &mut Diagnostics) {
    let g = view.g;
    let version = &g.input.plan.tree.pages[p].versions[g.li];
    let (apart, all) = pages::timeline::year_pages(view);
    for entries in all {
        let year = entries.year;
        let sub = context::SubPage {
            suffix: format!("{year}/"),
            title: format!("{} {year}", view.title(p)),
        };
        let mut ctx = context::sub_page_context(view, p, &sub);
        pages::timeline::add_year(entries, &apart, &paths::encode(&version.path), &mut ctx);
        let template = Role::Timeline.template();
        let path = paths::output_file(
            &g.input.config.base_path,
            &format!("{}{}", version.path, sub.suffix),
        );
        render_to(g.input.tera, (template, &ctx), path, None, emit, d);
    }
}

/// The HTML of a content file's text in this language, placed on a page.
pub fn render_text(
    g: &LangGlobals,
    src: &crate::load::Source,
    placement: &Placement,
) -> (Rendered, Vec<BrokenLink>) {
    crate::markdown::render_with(
        &src.body,
        &|target| {
            g.input
                .plan
                .tree
                .resolve(target, &g.lang)
                .map(paths::encode)
        },
        &|dest, alt, title, n| pictures::text_image(&g.input, src, dest, alt, title, n),
        &g.html_policy,
        placement,
    )
}

/// A small page at an old path that sends readers (and search engines) on.
fn emit_alias(g: &LangGlobals, alias: &str, target: &Version, emit: &Emit, d: &mut Diagnostics) {
    // The plan stage has reported aliases that are not paths inside the site.
    let Some(segments) = crate::plan::pages::alias_segments(alias) else {
        return;
    };
    let url = g.input.config.permalink(&paths::encode(&target.path));
    let esc = crate::html::escape(&url);
    let html = format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{esc}</title>\
<link rel=\"canonical\" href=\"{esc}\"><meta name=\"robots\" content=\"noindex\">\
<meta http-equiv=\"refresh\" content=\"0; url={esc}\"></head>\
<body><p><a href=\"{esc}\">{esc}</a></p></body></html>\n",
        lang = target.lang
    );
    let path = format!("{}/index.html", segments.join("/"));
    if let Err(e) = emit(Output {
        path,
        bytes: html.into_bytes(),
    }) {
        d.push(e);
    }
}
