//! The plan as a document: its page in every language and the PDF beside
//! it ([`super::pages::document`] gathers what they show), each made again
//! only when what it is made from changed (`.terbit-cache/document/`).

use rayon::prelude::*;

use super::context::SpecialPage;
use super::globals::LangGlobals;
use super::pages;
use super::pictures;
use super::view::View;
use super::{Emit, Output, RenderInput, render_special_in, render_text};
use crate::config::LangIx;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::Placement;
use crate::paths;
use crate::plan::{PageId, Role};

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
/// says): every language's page and PDF are made side by side, from the
/// language's one set of globals.
pub fn render_documents(input: &RenderInput, pdf: Pdf, emit: &Emit, diags: &mut Diagnostics) {
    let langs: Vec<LangIx> = input.config.languages.keys().collect();
    let results: Vec<Diagnostics> = langs
        .par_iter()
        .map(|&li| {
            // The document lists no programme cards.
            let mut g = LangGlobals::new(*input, li);
            g.cards = false;
            let mut d = Diagnostics::new();
            let (_, made) = rayon::join(
                || render_document_page(&g, emit, &mut d),
                || match pdf {
                    Pdf::Skip => Ok(()),
                    Pdf::Defer(hand) => pdf_job(&g).map(|job| hand(pdf_path(&g), job)),
                    Pdf::Typeset => emit_pdf(&g, emit),
                },
            );
            if let Err(e) = made {
                d.push(e);
            }
            d
        })
        .collect();
    for d in results {
        diags.extend(d);
    }
}

/// The PDF's output path in this language.
fn pdf_path(g: &LangGlobals) -> String {
    let page = &pages::document::paths(&g.input)[g.li.0];
    paths::output_file(&g.input.config.base_path, &paths::document_pdf(page))
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
    let path = pdf_path(g);
    let (bytes, how) = match input.document_cache.get(&name) {
        Some(bytes) => (bytes, "from the cache"),
        None => {
            let _typesetting = input.progress.typesetting();
            let job = pdf_job(g)?;
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

/// What the PDF of one language's document is made from.
fn pdf_job(g: &LangGlobals) -> Result<crate::pdf::Job, Diagnostic> {
    let (config, plan) = (g.input.config, g.input.plan);
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
    crate::pdf::Job::new(&data, files.take(), ident, config.today)
        .map_err(|e| pdf_error(&pdf_path(g), &e))
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
    if dest.starts_with("@/") {
        let resolve = |target: &str| {
            g.input
                .plan
                .tree
                .resolve(target, &g.lang)
                .map(paths::encode)
        };
        let url = crate::markdown::resolve_internal(dest, &resolve)?;
        return Some(g.input.config.permalink(&url));
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
