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

/// Each language's globals, in `Config::languages` order.
fn globals<'a>(input: &RenderInput<'a>) -> TiVec<LangIx, LangGlobals<'a>> {
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
/// One language at a time: the links and summaries a language's pages share
/// are made once for it and dropped before the next language's are made.
pub fn render_site(
    input: &RenderInput,
    only: Option<&HashSet<PageId>>,
    emit: &Emit,
    diags: &mut Diagnostics,
) -> Dependencies {
    let tree = &input.plan.tree;
    let pages: Vec<PageId> = tree
        .pages
        .keys()
        .filter(|p| only.is_none_or(|set| set.contains(p)))
        .collect();
    let mut deps = Dependencies {
        uses: tree.pages.iter().map(|_| Vec::new()).collect(),
        texts: Default::default(),
    };
    for li in input.config.languages.keys() {
        let g = LangGlobals::new(*input, li);
        let results: Vec<(PageId, Vec<PageId>, String, Diagnostics)> = pages
            .par_iter()
            .map(|&p| {
                let mut d = Diagnostics::new();
                let (used, text) = render_page(&g, p, emit, &mut d);
                (p, used, text, d)
            })
            .collect();
        for (p, used, text, d) in results {
            diags.extend(d);
            deps.uses[p].extend(used);
            deps.texts.insert((p, li), text);
        }
        if only.is_none() {
            render_not_found(input, &g, emit, diags);
        }
    }
    for uses in deps.uses.iter_mut() {
        uses.sort_unstable();
        uses.dedup();
    }
    deps
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

/// Renders a page that is not a content file, in every language; `add`
/// puts what its template needs into each language's context.
pub fn render_special(
    input: &RenderInput,
    special: &SpecialPage,
    role: Role,
    add: &(dyn Fn(&View, &mut tera::Context) + Sync),
    emit: &Emit,
    diags: &mut Diagnostics,
) {
    for g in &globals(input) {
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
    match g.input.tera.render(template, &ctx) {
        Ok(html) => {
            if let Err(e) = emit(Output {
                path,
                bytes: html.into_bytes(),
            }) {
                diags.push(e);
            }
        }
        Err(e) => diags.push(render_error(None, template, &e)),
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
                )
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
    match tera.render(template, &ctx) {
        Ok(html) => {
            let path = paths::output_file(&config.base_path, &version.path);
            if let Err(e) = emit(Output {
                path,
                bytes: html.into_bytes(),
            }) {
                d.push(e);
            }
        }
        Err(e) => d.push(render_error(source.map(|s| s.file.as_path()), template, &e)),
    }
    if let Some(src) = source.filter(|_| version.translated) {
        for alias in &src.meta.aliases {
            emit_alias(g, alias, version, emit, d);
        }
    }
    (view.into_used(), text)
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

fn render_error(file: Option<&Path>, template: &str, e: &tera::Error) -> Diagnostic {
    let file = file.map_or_else(|| Path::new(template).to_path_buf(), Path::to_path_buf);
    Diagnostic::error(
        file,
        format!(
            "rendering with template `{template}` failed: {}",
            templates::error_chain(e)
        ),
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

/// What becomes of the plan's PDF in a render.
#[derive(Clone, Copy)]
pub enum Pdf<'a> {
    /// Not made.
    Skip,
    /// Typeset and written beside the document page.
    Typeset,
    /// Handed over to typeset when asked for (`serve`), with its output path.
    Defer(&'a (dyn Fn(String, crate::pdf::Job) + Sync)),
}

impl std::fmt::Debug for Pdf<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Pdf::Skip => "Skip",
            Pdf::Typeset => "Typeset",
            Pdf::Defer(_) => "Defer",
        })
    }
}

/// The plan as one page in every language and its PDF beside it (as `pdf`
/// says): every language's page and PDF are made side by side.
pub fn render_documents(input: &RenderInput, pdf: Pdf, emit: &Emit, diags: &mut Diagnostics) {
    let langs: Vec<LangIx> = input.config.languages.keys().collect();
    let jobs: Vec<(LangIx, bool)> = langs
        .iter()
        .flat_map(|&li| [(li, false), (li, true)])
        .filter(|&(_, is_pdf)| !is_pdf || !matches!(pdf, Pdf::Skip))
        .collect();
    let results: Vec<Diagnostics> = jobs
        .par_iter()
        .map(|&(li, is_pdf)| {
            let g = LangGlobals::new(*input, li);
            let mut d = Diagnostics::new();
            if is_pdf {
                let made = match pdf {
                    Pdf::Defer(hand) => pdf_job(&g).map(|(path, job)| hand(path, job)),
                    _ => emit_pdf(&g, emit),
                };
                if let Err(e) = made {
                    d.push(e);
                }
            } else {
                render_document_page(&g, emit, &mut d);
            }
            d
        })
        .collect();
    for d in results {
        diags.extend(d);
    }
}

/// The document page of one language, from the cache when nothing it is
/// made from has changed (its templates, the editions menu, the current
/// site's configuration besides the document's own inputs).
fn render_document_page(g: &LangGlobals, emit: &Emit, diags: &mut Diagnostics) {
    let input = &g.input;
    let mut inputs = document_inputs(g);
    for (name, template) in &input.theme.templates {
        inputs.add(name.as_bytes()).add(template.text.as_bytes());
    }
    inputs.add(format!("{:?}", input.editions).as_bytes());
    if let Some(e) = input.edition {
        inputs.add(format!("{:?}", e.current_config).as_bytes());
    }
    let name = inputs.name("html");
    let paths = pages::document::paths(input);
    if let Some(bytes) = input.document_cache.get(&name) {
        let path = paths::output_file(&input.config.base_path, &paths[g.li.0]);
        if let Err(e) = emit(Output { path, bytes }) {
            diags.push(e);
        }
        return;
    }
    let emit = |o: Output| {
        input.document_cache.put(&name, &o.bytes);
        emit(o)
    };
    let emit: &Emit = &emit;
    let special = SpecialPage {
        key: "document",
        title: String::new(),
        paths: &paths,
    };
    let add = |view: &View, ctx: &mut tera::Context| {
        let body = |p: PageId, placement: &Placement| {
            let version = &view.plan.tree.pages[p].versions[view.g.li];
            let html = version.source.map_or_else(String::new, |s| {
                render_text(view.g, &view.g.input.sources.files[s], placement)
                    .0
                    .html
            });
            pages::document::Body::Html(html)
        };
        let document = pages::document::document(view, &body);
        ctx.insert("document", &document);
    };
    render_special_in(g, &special, Role::Document, &add, emit, diags);
}

/// The PDF of one language's document, from the cache when nothing it is
/// made from has changed, else typeset (and kept in the cache).
fn emit_pdf(g: &LangGlobals, emit: &Emit) -> Result<(), Diagnostic> {
    let input = &g.input;
    let name = document_inputs(g).name("pdf");
    let timer = std::time::Instant::now();
    let path = paths::output_file(
        &input.config.base_path,
        &paths::document_pdf(&pages::document::paths(input)[g.li.0]),
    );
    let (bytes, how) = match input.document_cache.get(&name) {
        Some(bytes) => (bytes, "from the cache"),
        None => {
            let (_, job) = pdf_job(g)?;
            let bytes = crate::pdf::typeset(&job).map_err(|e| pdf_error(&path, &e))?;
            input.document_cache.put(&name, &bytes);
            (bytes, "typeset")
        }
    };
    if std::env::var_os("TERBIT_TIMINGS").is_some() {
        eprintln!(
            "timings: {path} {how} in {:?}, {} bytes",
            timer.elapsed(),
            bytes.len()
        );
    }
    emit(Output { path, bytes })
}

/// What one language's document is made from: the configuration, the UI
/// strings, every content file and photo (by their bytes' hashes).
fn document_inputs(g: &LangGlobals) -> crate::pdf::cache::Fingerprint {
    let input = &g.input;
    let mut inputs = crate::pdf::cache::Fingerprint::default();
    inputs
        .add(format!("{:?}", input.config).as_bytes())
        .add(g.lang.as_str().as_bytes())
        .add(input.edition.map_or("", |e| e.id).as_bytes())
        .add(format!("{:?}", input.theme.strings.get(&g.lang)).as_bytes());
    for s in &input.sources.files {
        inputs.add(s.file.as_os_str().as_encoded_bytes());
        inputs.add(&s.hash.to_le_bytes());
    }
    for (path, key) in input.sources.pictures.keys() {
        inputs.add(path.as_os_str().as_encoded_bytes());
        inputs.add(&key.to_le_bytes());
    }
    inputs
}

/// What the PDF of one language's document is made from, and its output path.
fn pdf_job(g: &LangGlobals) -> Result<(String, crate::pdf::Job), Diagnostic> {
    let (config, plan) = (g.input.config, g.input.plan);
    let page_path = &pages::document::paths(&g.input)[g.li.0];
    let pdf_path = paths::document_pdf(page_path);
    let view = View::new(g);
    let files: std::cell::RefCell<Vec<(String, Vec<u8>)>> = Default::default();
    let body = |p: PageId, _: &Placement| {
        let version = &plan.tree.pages[p].versions[g.li];
        let blocks = version.source.map_or_else(Vec::new, |s| {
            let src = &g.input.sources.files[s];
            let base = config.permalink(&paths::encode(&version.path));
            let link = |dest: &str| absolute_link(g, &base, dest);
            let image = |dest: &str| {
                let (path, bytes) = pictures::for_print(&g.input, src, dest)?;
                let mut files = files.borrow_mut();
                if !files.iter().any(|(p, _)| *p == path) {
                    files.push((path.clone(), bytes));
                }
                Some(path)
            };
            crate::pdf::blocks::convert(&src.body, &link, &image)
        });
        pages::document::Body::Blocks(blocks)
    };
    let mut document = pages::document::document(&view, &body);
    let roadmap = &mut document.roadmap;
    roadmap.roadmap_svg = crate::pdf::chart_for_print(&roadmap.roadmap_svg);
    roadmap.budget_svg = crate::pdf::chart_for_print(&roadmap.budget_svg);
    let edition = match g.input.edition {
        Some(e) => e.id.to_string(),
        None => config.current_edition.clone().unwrap_or_default(),
    };
    let data = PdfData {
        lang: g.lang.as_str(),
        region: (g.lang.as_str() == "id").then_some("ID"),
        t: &g.strings,
        site: &g.site,
        doc: PdfDocument {
            title: &config.language_config[&g.lang].title,
            origin: &config.origin,
            edition: if edition.is_empty() {
                g.s("document_no_edition")
            } else {
                edition.clone()
            },
            any_illustrative: plan.tree.pages.iter().any(|p| p.illustrative),
            roadmap_alt: g.s("roadmap_desc"),
            budget_alt: g.s("budget_chart_desc"),
            document: &document,
        },
    };
    let ident = format!(
        "terbit {} {} {edition}",
        config.permalink(&config.base_path),
        g.lang
    );
    let path = paths::output_file(&config.base_path, &pdf_path);
    let job = crate::pdf::Job::new(&data, files.take(), ident, config.today)
        .map_err(|e| pdf_error(&path, &e))?;
    Ok((path, job))
}

/// A PDF that could not be made.
pub fn pdf_error(path: &str, message: &str) -> Diagnostic {
    Diagnostic::error(
        std::path::PathBuf::from(path),
        format!("the plan's PDF could not be typeset: {message}"),
    )
    .with_hint("the PDF's template is terbit's own, so this is terbit's fault: report it with the site's files")
}

/// What the PDF's template reads: the document, the UI strings and the site.
#[derive(serde::Serialize)]
struct PdfData<'a> {
    lang: &'a str,
    region: Option<&'a str>,
    t: &'a tera::Value,
    site: &'a tera::Value,
    doc: PdfDocument<'a>,
}

#[derive(serde::Serialize)]
struct PdfDocument<'a> {
    title: &'a str,
    /// `https://host`: before a link's path, its address.
    origin: &'a str,
    edition: String,
    any_illustrative: bool,
    roadmap_alt: String,
    budget_alt: String,
    #[serde(flatten)]
    document: &'a pages::document::Document<'a>,
}

/// A link of a page's text as the PDF gives it: a web address, or none.
fn absolute_link(g: &LangGlobals, page_url: &str, dest: &str) -> Option<String> {
    if crate::paths::check_link(dest).is_err() {
        return None;
    }
    if let Some(target) = dest.strip_prefix("@/") {
        let (path, anchor) = target.split_once('#').unwrap_or((target, ""));
        let url = g.input.plan.tree.resolve(path, &g.lang)?;
        let url = g.input.config.permalink(&paths::encode(url));
        return Some(match anchor {
            "" => url,
            a => format!("{url}#{a}"),
        });
    }
    let lower = dest.to_ascii_lowercase();
    if ["http://", "https://", "mailto:", "tel:"]
        .iter()
        .any(|s| lower.starts_with(s))
    {
        Some(dest.to_string())
    } else if dest.starts_with("//") || dest.contains(':') {
        None
    } else if let Some(path) = dest.strip_prefix('/') {
        Some(g.input.config.permalink(&format!("/{path}")))
    } else {
        Some(format!("{page_url}{dest}"))
    }
}
