//! Plan -> pages: the Tera environment, the template contexts, Markdown per
//! language, and the small derived files every site has.
//!
//! Templates are compiled once; the parts of the context shared by every
//! page of a language (site, UI strings, navigation) are built once per
//! language and shared (Tera values are reference-counted). Pages are
//! rendered in parallel and handed to `emit` as soon as they are ready, so
//! the rendered site is never held in memory as a whole.

pub mod charts;
pub mod context;
pub mod format;
pub mod plan_pages;

use std::collections::HashSet;
use std::path::Path;

use rayon::prelude::*;

use crate::config::{Config, Lang};
use crate::diagnostics::{Diagnostic, Diagnostics, line_col};
use crate::load::{Sources, Theme};
use crate::plan::Plan;
use context::{EditionEntry, EditionView, LangGlobals, SpecialPage};

/// A file of the built site.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// Relative to the output folder, `/`-separated: `en/programs/x/index.html`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Receives each rendered file; an error stops nothing but is reported.
pub type Emit<'a> = dyn Fn(Output) -> Result<(), Diagnostic> + Sync + 'a;

/// Compiles the theme's templates, reporting any that do not parse.
pub fn templates(theme: &Theme, diags: &mut Diagnostics) -> Option<tera::Tera> {
    let mut tera = tera::Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    context::register_functions(&mut tera);
    let all: Vec<(&str, &str)> = theme
        .templates
        .iter()
        .map(|(n, t)| (n.as_str(), t.text.as_str()))
        .collect();
    if let Err(e) = tera.add_raw_templates(all) {
        let message = error_chain(&e);
        let file = theme
            .templates
            .iter()
            .find(|(name, _)| message.contains(name.as_str()))
            .map_or_else(
                || Path::new("templates").to_path_buf(),
                |(_, t)| t.file.clone(),
            );
        diags.push(Diagnostic::error(
            file,
            format!("template does not compile: {message}"),
        ));
        return None;
    }
    for required in [
        "base.html",
        "index.html",
        "section.html",
        "page.html",
        "404.html",
    ] {
        if !tera.contains_template(required) {
            diags.push(
                Diagnostic::error(
                    format!("themes/{}/templates/{required}", "kota"),
                    format!("the theme has no template `{required}`"),
                )
                .with_hint("add it to the theme or to the site's templates/ folder"),
            );
        }
    }
    (!diags.has_errors()).then_some(tera)
}

/// The message of a Tera error with its causes, on one line each.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let s_msg = s.to_string();
        if !msg.contains(&s_msg) {
            msg.push_str(": ");
            msg.push_str(&s_msg);
        }
        source = s.source();
    }
    msg
}

/// The plain text of each rendered (page index, language index), for the
/// files made from every page's text (search index, feeds).
pub type Texts = std::collections::HashMap<(usize, usize), String>;

/// What each page's rendering used, so that a change re-renders only the
/// pages that show it.
#[derive(Debug, Default, Clone)]
pub struct Dependencies {
    /// For each page of the tree: the pages whose link, title or facts it shows.
    pub uses: Vec<Vec<usize>>,
    /// Pages that summarise the whole plan (home, plan sections).
    pub whole_plan: Vec<usize>,
    /// The plain text of each rendered (page, language), for the search index.
    pub texts: Texts,
}

/// Everything a render reads: one plan (the current one, or an edition)
/// with the theme it is shown in.
#[derive(Clone, Copy)]
pub struct RenderInput<'a> {
    pub config: &'a Config,
    pub sources: &'a Sources,
    pub theme: &'a Theme,
    pub plan: &'a Plan,
    pub tera: &'a tera::Tera,
    /// Set when rendering a frozen edition.
    pub edition: Option<EditionView<'a>>,
    /// The editions menu every page shows.
    pub editions: &'a [EditionEntry],
}

impl<'a> RenderInput<'a> {
    fn globals(&self) -> Vec<LangGlobals<'a>> {
        self.config
            .languages
            .iter()
            .map(|lang| {
                LangGlobals::new(
                    self.config,
                    self.sources,
                    self.theme,
                    self.plan,
                    lang,
                    self.edition,
                    self.editions,
                )
            })
            .collect()
    }
}

/// Renders the pages in `only` (all when `None`) in every language, with
/// their alias redirects; a full render also writes the 404 pages.
pub fn render_site(
    input: &RenderInput,
    only: Option<&HashSet<usize>>,
    emit: &Emit,
    diags: &mut Diagnostics,
) -> Dependencies {
    let RenderInput {
        config,
        sources,
        plan,
        tera,
        ..
    } = *input;
    let t0 = std::time::Instant::now();
    let globals = input.globals();
    if std::env::var_os("TERBIT_TIMINGS").is_some() {
        eprintln!("timings: language globals {:?}", t0.elapsed());
    }
    let jobs: Vec<(usize, usize)> = (0..plan.tree.pages.len())
        .filter(|p| only.is_none_or(|set| set.contains(p)))
        .flat_map(|p| (0..config.languages.len()).map(move |l| (p, l)))
        .collect();
    let results: Vec<(usize, usize, Vec<usize>, String, Diagnostics)> = jobs
        .par_iter()
        .map(|&(p, l)| {
            let mut d = Diagnostics::new();
            let t = std::time::Instant::now();
            let (used, text) =
                render_page(config, sources, plan, tera, &globals[l], p, l, emit, &mut d);
            if t.elapsed().as_millis() > 10 && std::env::var_os("TERBIT_TIMINGS").is_some() {
                eprintln!(
                    "timings: page {} {} {:?}",
                    plan.tree.pages[p].key,
                    l,
                    t.elapsed()
                );
            }
            (p, l, used, text, d)
        })
        .collect();
    let mut deps = Dependencies {
        uses: vec![Vec::new(); plan.tree.pages.len()],
        whole_plan: Vec::new(),
        texts: Default::default(),
    };
    for (p, l, used, text, d) in results {
        diags.extend(d);
        deps.uses[p].extend(used);
        deps.texts.insert((p, l), text);
    }
    for (p, page) in plan.tree.pages.iter().enumerate() {
        deps.uses[p].sort_unstable();
        deps.uses[p].dedup();
        if plan_pages::WHOLE_PLAN_TEMPLATES.contains(&plan_pages::template_for(page)) {
            deps.whole_plan.push(p);
        }
    }
    if only.is_none() {
        let paths: Vec<String> = config
            .languages
            .iter()
            .map(|l| format!("{}404.html", config.lang_root(l)))
            .collect();
        for g in &globals {
            let title = g.s("not_found_title");
            let special = SpecialPage {
                key: "404",
                title,
                paths: &paths,
            };
            render_special_in(config, tera, g, &special, "404.html", &|_| {}, emit, diags);
        }
    }
    deps
}

/// Renders a page that is not a content file, in every language; `add`
/// puts what its template needs into each language's context.
pub fn render_special(
    input: &RenderInput,
    special: &SpecialPage,
    template: &str,
    add: &dyn Fn(&Lang, &mut tera::Context),
    emit: &Emit,
    diags: &mut Diagnostics,
) {
    for g in input.globals() {
        render_special_in(
            input.config,
            input.tera,
            &g,
            special,
            template,
            &|ctx| add(&g.lang, ctx),
            emit,
            diags,
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn render_special_in(
    config: &Config,
    tera: &tera::Tera,
    g: &LangGlobals,
    special: &SpecialPage,
    template: &str,
    add: &dyn Fn(&mut tera::Context),
    emit: &Emit,
    diags: &mut Diagnostics,
) {
    let mut ctx = context::special_context(config, g, special);
    add(&mut ctx);
    let li = config
        .languages
        .iter()
        .position(|l| *l == g.lang)
        .unwrap_or(0);
    let site_path = &special.paths[li];
    let path = if site_path.ends_with('/') {
        output_path(config, site_path)
    } else {
        relative_path(config, site_path)
    };
    match tera.render(template, &ctx) {
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
#[allow(clippy::too_many_arguments)]
fn render_page(
    config: &Config,
    sources: &Sources,
    plan: &Plan,
    tera: &tera::Tera,
    g: &LangGlobals,
    p: usize,
    l: usize,
    emit: &Emit,
    d: &mut Diagnostics,
) -> (Vec<usize>, String) {
    let page = &plan.tree.pages[p];
    let version = &page.versions[l];
    let source = version.source.map(|s| &sources.files[s]);
    let (content, broken) = match source {
        Some(src) => crate::markdown::render(&src.body, &|target| {
            plan.tree.resolve(target, &g.lang).map(context::encode_path)
        }),
        None => Default::default(),
    };
    if let Some(src) = source {
        for link in broken {
            let (line, column) = line_col(&src.body, link.offset);
            d.push(
                Diagnostic::error(&src.file, format!("link target {} does not exist", link.target))
                    .at(src.body_line + line - 1, column)
                    .with_hint("link to a content file by its path under content/, like @/programs/command-center.md"),
            );
        }
    }
    let template = source
        .and_then(|s| s.meta.template.clone())
        .unwrap_or_else(|| plan_pages::template_for(page).to_string());
    let text = content.text.clone();
    let mut ctx = context::page_context(config, sources, plan, g, p, l, content);
    let view = plan_pages::PlanView::new(plan, g);
    plan_pages::add_plan_context(&mut ctx, &view, p);
    match tera.render(&template, &ctx) {
        Ok(html) => {
            let path = output_path(config, &version.path);
            if let Err(e) = emit(Output {
                path,
                bytes: html.into_bytes(),
            }) {
                d.push(e);
            }
        }
        Err(e) => d.push(render_error(
            source.map(|s| s.file.as_path()),
            &template,
            &e,
        )),
    }
    if let Some(src) = source.filter(|_| version.translated) {
        for alias in &src.meta.aliases {
            emit_alias(config, alias, version, emit, d);
        }
    }
    let mut used = view.used.into_inner();
    used.extend(page.children.iter().copied());
    used.extend(page.parent);
    (used, text)
}

fn render_error(file: Option<&Path>, template: &str, e: &tera::Error) -> Diagnostic {
    let file = file.map_or_else(|| Path::new(template).to_path_buf(), Path::to_path_buf);
    Diagnostic::error(
        file,
        format!(
            "rendering with template `{template}` failed: {}",
            error_chain(e)
        ),
    )
}

/// `/plan/en/x/` -> `en/x/index.html` (the output folder is the base path).
pub fn output_path(config: &Config, site_path: &str) -> String {
    format!("{}index.html", relative_path(config, site_path))
}

/// `/plan/en/atom.xml` -> `en/atom.xml`: a site path inside the output folder.
pub fn relative_path(config: &Config, site_path: &str) -> String {
    site_path
        .strip_prefix(&config.base_path)
        .unwrap_or(site_path.trim_start_matches('/'))
        .to_string()
}

/// A small page at an old path that sends readers (and search engines) on.
fn emit_alias(
    config: &Config,
    alias: &str,
    target: &crate::plan::Version,
    emit: &Emit,
    d: &mut Diagnostics,
) {
    // The plan stage has reported aliases that are not paths inside the site.
    let Some(segments) = crate::plan::pages::alias_segments(alias) else {
        return;
    };
    let url = config.permalink(&context::encode_path(&target.path));
    let esc = escape_html(&url);
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

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
