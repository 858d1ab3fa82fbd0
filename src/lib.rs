//! terbit: a city's Smart City Master Plan as a bilingual static site.
//!
//! One pipeline, one module per stage; each takes the previous stage's value:
//!
//! ```text
//! terbit.toml ──config──> Config
//! content/    ──load────> Sources (files split, front matter parsed) + Theme
//! Sources     ──plan────> Plan (page tree, URLs, plan model, all cross-checks)
//! Plan        ──render──> Output files (Markdown, Tera templates, charts)
//! Output      ──output──> public/ (written aside, swapped in atomically)
//! ```
//!
//! Every stage reports problems into [`Diagnostics`] and carries on, so a
//! build shows all problems at once; nothing is written unless there are none.

pub mod check;
pub mod config;
pub mod diagnostics;
pub mod edition;
pub mod init;
pub mod load;
pub mod markdown;
pub mod output;
pub mod plan;
pub mod render;
pub mod serve;

use std::collections::HashSet;
use std::path::PathBuf;

pub use config::Config;
pub use diagnostics::{Diagnostic, Diagnostics};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Default: `<root>/public`.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` of `terbit.toml`.
    pub base_url: Option<String>,
    pub drafts: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

#[derive(Debug)]
pub struct BuildReport {
    /// Pages in all languages.
    pub pages: usize,
    pub output: PathBuf,
    /// Warnings only (a report exists only when there was no error).
    pub warnings: Diagnostics,
}

/// A site read, checked and ready to render: what `build` and `serve` share.
pub struct Site {
    pub config: Config,
    pub theme: load::Theme,
    pub sources: load::Sources,
    pub plan: plan::Plan,
    pub tera: tera::Tera,
    pub options: BuildOptions,
    /// Frozen editions under `editions/`, oldest id first.
    pub editions: Vec<edition::Edition>,
}

impl Site {
    /// Load and plan: reads the configuration, theme and content, checks the
    /// plan and compiles the templates. Returns the site and its warnings.
    pub fn load(options: &BuildOptions) -> Result<(Site, Diagnostics), Diagnostics> {
        let mut config = Config::load(&options.root)?;
        if let Some(url) = &options.base_url {
            config.set_base_url(url).map_err(Diagnostics::from)?;
        }
        let mut diags = Diagnostics::new();
        let timer = std::time::Instant::now();
        let theme = load::Theme::load(&config, &mut diags);
        // The current plan and the frozen editions load side by side.
        let mut edition_diags = Diagnostics::new();
        let ((sources, plan, loaded), editions) = rayon::join(
            || {
                let sources =
                    load::load(&config, &load::LoadOptions::new(options.drafts), &mut diags);
                let loaded = timer.elapsed();
                let plan = plan::plan(&config, &sources, &mut diags);
                (sources, plan, loaded)
            },
            || edition::load_all(&config, options.drafts, &mut edition_diags),
        );
        diags.extend(edition_diags);
        if std::env::var_os("TERBIT_TIMINGS").is_some() {
            eprintln!(
                "timings: load {loaded:?}, plan {:?}",
                timer.elapsed() - loaded
            );
        }
        let tera = render::templates(&theme, &mut diags);
        match tera {
            Some(tera) if !diags.has_errors() => Ok((
                Site {
                    config,
                    theme,
                    sources,
                    plan,
                    tera,
                    options: options.clone(),
                    editions,
                },
                diags,
            )),
            _ => Err(diags),
        }
    }

    /// Plans again after `sources` changed (the content of some files).
    pub fn replan(&mut self) -> Diagnostics {
        let mut diags = Diagnostics::new();
        self.plan = plan::plan(&self.config, &self.sources, &mut diags);
        diags
    }

    /// Renders the pages of `scope` and the site files it asks for into `sink`.
    pub fn render(
        &self,
        scope: &Scope,
        sink: &dyn output::Sink,
        diags: &mut Diagnostics,
    ) -> render::Dependencies {
        let (config, sources, plan) = (&self.config, &self.sources, &self.plan);
        let emit = |o: render::Output| sink.write(o);
        let timer = std::time::Instant::now();
        let menu = self.editions_menu();
        let input = self.input(None, &menu);
        let deps = render::render_site(&input, scope.pages, &emit, diags);
        if scope.pages.is_none() {
            self.render_editions(&menu, sink, diags);
        }
        let pages_time = timer.elapsed();
        // The files derived from the whole site are independent: make them side by side.
        let search = scope.search && scope.pages.is_none();
        let tasks: Vec<Box<dyn Fn() -> Vec<render::Output> + Sync + '_>> = vec![
            Box::new(|| {
                if scope.sitemap {
                    vec![
                        output::sitemap::sitemap(config, plan),
                        output::sitemap::robots(config),
                    ]
                } else {
                    Vec::new()
                }
            }),
            Box::new(|| {
                if scope.data {
                    vec![
                        output::open_data::plan_json(config, sources, plan),
                        output::open_data::programmes_csv(config, sources, plan),
                    ]
                } else {
                    Vec::new()
                }
            }),
            Box::new(|| {
                if scope.feeds {
                    config
                        .languages
                        .iter()
                        .map(|l| output::feeds::atom(config, sources, plan, l, &deps.texts))
                        .collect()
                } else {
                    Vec::new()
                }
            }),
        ];
        let files: Vec<render::Output> = {
            use rayon::prelude::*;
            tasks.par_iter().flat_map(|task| task()).collect()
        };
        drop(tasks);
        if search {
            Self::render_search(&input, &deps.texts, &emit, diags);
        }
        for file in files {
            if let Err(e) = sink.write(file) {
                diags.push(e);
            }
        }
        if scope.assets {
            output::copy_assets(sink, &self.theme, sources, diags);
        }
        if std::env::var_os("TERBIT_TIMINGS").is_some() {
            eprintln!(
                "timings: pages {pages_time:?}, site files {:?}",
                timer.elapsed() - pages_time
            );
        }
        deps
    }

    fn input<'a>(
        &'a self,
        edition: Option<&'a edition::Edition>,
        menu: &'a [render::context::EditionEntry],
    ) -> render::RenderInput<'a> {
        let view = edition.map(|e| render::context::EditionView {
            id: &e.id,
            current_config: &self.config,
            current_tree: &self.plan.tree,
        });
        match edition {
            None => render::RenderInput {
                config: &self.config,
                sources: &self.sources,
                theme: &self.theme,
                plan: &self.plan,
                tera: &self.tera,
                edition: None,
                editions: menu,
            },
            Some(e) => render::RenderInput {
                config: &e.config,
                sources: &e.sources,
                theme: &self.theme,
                plan: &e.plan,
                tera: &self.tera,
                edition: view,
                editions: menu,
            },
        }
    }

    /// The editions menu: every edition, then the current plan (empty without editions).
    fn editions_menu(&self) -> Vec<render::context::EditionEntry> {
        if self.editions.is_empty() {
            return Vec::new();
        }
        let homes = |c: &Config| {
            c.languages
                .iter()
                .map(|l| c.lang_root(l))
                .collect::<Vec<_>>()
        };
        let mut menu: Vec<render::context::EditionEntry> = self
            .editions
            .iter()
            .map(|e| render::context::EditionEntry {
                id: e.id.clone(),
                label: e.id.clone(),
                homes: homes(&e.config),
                changes: e
                    .config
                    .languages
                    .iter()
                    .map(|l| format!("{}changes/", e.config.lang_root(l)))
                    .collect(),
                frozen: e.frozen,
            })
            .collect();
        menu.push(render::context::EditionEntry {
            id: String::new(),
            label: self.config.current_edition.clone().unwrap_or_default(),
            homes: homes(&self.config),
            changes: Vec::new(),
            frozen: None,
        });
        menu
    }

    /// Every edition under `/editions/<id>/`, its list of changes, and the list of editions.
    fn render_editions(
        &self,
        menu: &[render::context::EditionEntry],
        sink: &dyn output::Sink,
        diags: &mut Diagnostics,
    ) {
        use rayon::prelude::*;
        let results: Vec<Diagnostics> = self
            .editions
            .par_iter()
            .enumerate()
            .map(|(i, e)| {
                let mut d = Diagnostics::new();
                let prefix = e.output_prefix();
                let emit = |mut o: render::Output| {
                    o.path = format!("{prefix}{}", o.path);
                    sink.write(o)
                };
                let input = self.input(Some(e), menu);
                let deps = render::render_site(&input, None, &emit, &mut d);
                Self::render_search(&input, &deps.texts, &emit, &mut d);
                // What changed from this edition to the next one (or to the current plan).
                let next = self.editions.get(i + 1);
                let newer = match next {
                    Some(n) => edition::changes::Side {
                        config: &n.config,
                        sources: &n.sources,
                        plan: &n.plan,
                    },
                    None => edition::changes::Side {
                        config: &self.config,
                        sources: &self.sources,
                        plan: &self.plan,
                    },
                };
                let older = edition::changes::Side {
                    config: &e.config,
                    sources: &e.sources,
                    plan: &e.plan,
                };
                let to_label = next.map_or_else(
                    || self.config.current_edition.clone().unwrap_or_default(),
                    |n| n.id.clone(),
                );
                let paths: Vec<String> = e
                    .config
                    .languages
                    .iter()
                    .map(|l| format!("{}changes/", e.config.lang_root(l)))
                    .collect();
                let special = render::context::SpecialPage {
                    key: "changes",
                    title: format!(
                        "{} → {}",
                        e.id,
                        if to_label.is_empty() {
                            "…".to_string()
                        } else {
                            to_label.clone()
                        }
                    ),
                    paths: &paths,
                };
                let add = |lang: &config::Lang, ctx: &mut tera::Context| {
                    ctx.insert("changes", &edition::changes::compare(older, newer, lang));
                    ctx.insert("changes_from", &e.id);
                    ctx.insert("changes_to", &to_label);
                    ctx.insert("changes_to_current", &next.is_none());
                };
                render::render_special(&input, &special, "changes.html", &add, &emit, &mut d);
                d
            })
            .collect();
        for d in results {
            diags.extend(d);
        }
        let input = self.input(None, menu);
        let paths: Vec<String> = self
            .config
            .languages
            .iter()
            .map(|l| format!("{}editions/", self.config.lang_root(l)))
            .collect();
        let special = render::context::SpecialPage {
            key: "editions",
            title: String::new(),
            paths: &paths,
        };
        let emit = |o: render::Output| sink.write(o);
        render::render_special(&input, &special, "editions.html", &|_, _| {}, &emit, diags);
    }

    /// The search index of one plan (the current one, or an edition: each
    /// edition searches only its own pages) from its pages' text, and its search page.
    fn render_search(
        input: &render::RenderInput,
        texts: &render::Texts,
        emit: &render::Emit,
        diags: &mut Diagnostics,
    ) {
        use rayon::prelude::*;
        let (config, sources, plan) = (input.config, input.sources, input.plan);
        let files: Vec<render::Output> = config
            .languages
            .par_iter()
            .flat_map(|l| output::search::index(config, sources, plan, l, texts))
            .collect();
        for file in files {
            if let Err(e) = emit(file) {
                diags.push(e);
            }
        }
        let slug = |lang: &config::Lang| {
            let slug = input
                .theme
                .strings
                .get(lang)
                .and_then(|s| s.get("search_slug"))
                .map(|s| s.text.clone())
                .unwrap_or_default();
            if slug.is_empty() || plan::pages::check_segment(&slug).is_err() {
                "search".to_string()
            } else {
                slug
            }
        };
        let paths: Vec<String> = config
            .languages
            .iter()
            .map(|l| format!("{}{}/", config.lang_root(l), slug(l)))
            .collect();
        let special = render::context::SpecialPage {
            key: "search",
            title: String::new(),
            paths: &paths,
        };
        let add = |lang: &config::Lang, ctx: &mut tera::Context| {
            ctx.insert(
                "search_index",
                &render::context::encode_path(&output::search::index_path(config, lang)),
            );
            ctx.insert("search_docs_per_chunk", &output::search::DOCS_PER_CHUNK);
        };
        render::render_special(input, &special, "search.html", &add, emit, diags);
    }

    /// Writes what is made from the text of every page of the current plan:
    /// the search index and page, and the news feeds (`serve` keeps the text
    /// of the pages it does not re-render).
    pub fn render_text_indexes(
        &self,
        texts: &render::Texts,
        sink: &dyn output::Sink,
        diags: &mut Diagnostics,
    ) {
        let menu = self.editions_menu();
        let emit = |o: render::Output| sink.write(o);
        Self::render_search(&self.input(None, &menu), texts, &emit, diags);
        for lang in &self.config.languages {
            if let Err(e) = sink.write(output::feeds::atom(
                &self.config,
                &self.sources,
                &self.plan,
                lang,
                texts,
            )) {
                diags.push(e);
            }
        }
    }

    /// Pages in all languages.
    pub fn page_count(&self) -> usize {
        self.plan.tree.pages.len() * self.config.languages.len()
    }
}

/// What one render writes: which pages, and which of the files derived
/// from the whole site.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    /// `None`: every page (and the 404 pages).
    pub pages: Option<&'a HashSet<usize>>,
    pub sitemap: bool,
    /// `data/plan.json` and `data/programs.csv`.
    pub data: bool,
    pub feeds: bool,
    /// The search index (needs every page rendered) and the search page.
    pub search: bool,
    /// Static files of the theme and the site, and content assets.
    pub assets: bool,
}

impl Scope<'_> {
    /// Everything: what `build` writes.
    pub const ALL: Scope<'static> = Scope {
        pages: None,
        sitemap: true,
        data: true,
        feeds: true,
        search: true,
        assets: true,
    };
}

/// Builds the site: load, plan, render, write. On any error, the previous
/// output is left exactly as it was and every problem is returned.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let (site, mut diags) = Site::load(options)?;
    let staging = output::Staging::begin(&site.config.root, &options.output_dir())
        .map_err(Diagnostics::from)?;
    site.render(&Scope::ALL, &staging, &mut diags);
    if diags.has_errors() {
        staging.abort();
        return Err(diags);
    }
    let target = staging.target().to_path_buf();
    staging.commit().map_err(Diagnostics::from)?;
    Ok(BuildReport {
        pages: site.page_count(),
        output: target,
        warnings: diags,
    })
}
