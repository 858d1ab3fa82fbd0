//! The pipeline, end to end: a [`Site`] is loaded and planned once, then
//! rendered through a sink: a folder swapped in whole (`build`), memory
//! (`serve`, `check`).
//!
//! ```text
//! terbit.toml ──config──> Config
//! content/    ──load────> Sources (files split, front matter parsed) + Theme
//! Sources     ──plan────> Plan (page tree, roles, plan model, all cross-checks)
//! Plan        ──render──> Output files (Markdown, Tera templates, charts)
//! Output      ──output──> public/ (written aside, swapped in atomically)
//! ```
//!
//! Every stage reports problems into [`Diagnostics`] and carries on, so a
//! build shows all problems at once; nothing is written unless there are none.

use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::edition::{self, Edition};
use crate::plan::{Plan, Role};
use crate::progress::Progress;
use crate::render::context::SpecialPage;
use crate::render::input::EditionEntry;
use crate::render::pages;
use crate::render::{self, Emit, Output, PageTexts, RenderInput};
use crate::{load, output, paths, plan};

mod editions;
mod scope;
pub use scope::Scope;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Default: `<root>/public`.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` of `terbit.toml`.
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Counts what the build has done, for a progress bar.
    pub progress: Arc<Progress>,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
            progress: Arc::default(),
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

/// A site read, checked and ready to render: what `build`, `serve` and `check` share.
pub struct Site {
    pub config: Config,
    pub theme: load::Theme,
    pub sources: load::Sources,
    pub plan: Plan,
    pub tera: tera::Tera,
    pub options: BuildOptions,
    /// Frozen editions under `editions/`, oldest id first.
    pub editions: Vec<Edition>,
    /// The photos of the current plan and the editions, and their cache.
    pub images: std::sync::Arc<crate::images::Images>,
    /// The plan's PDFs typeset by earlier builds.
    pub document_cache: crate::pdf::cache::DocumentCache,
}

fn timings() -> bool {
    std::env::var_os("TERBIT_TIMINGS").is_some()
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
        let images = std::sync::Arc::new(crate::images::Images::new(&config.root));
        let generated = |c: &Config| generated_paths(c, &theme);
        // The current plan and the frozen editions load side by side.
        let mut edition_diags = Diagnostics::new();
        let ((sources, plan, loaded), editions) = rayon::join(
            || {
                let sources = load::load(
                    &config,
                    &load::LoadOptions::new(options.drafts),
                    &images,
                    &mut diags,
                );
                let loaded = timer.elapsed();
                let plan = plan::plan(&config, &sources, &generated, &mut diags);
                (sources, plan, loaded)
            },
            || {
                edition::load_all(
                    &config,
                    options.drafts,
                    &images,
                    &generated,
                    &mut edition_diags,
                )
            },
        );
        diags.extend(edition_diags);
        if timings() {
            eprintln!(
                "timings: load {loaded:?}, plan {:?}",
                timer.elapsed() - loaded
            );
        }
        let tera = render::templates(&theme, &mut diags);
        match tera {
            Some(tera) if !diags.has_errors() => {
                let document_cache = crate::pdf::cache::DocumentCache::new(&config.root);
                let site = Site {
                    config,
                    theme,
                    sources,
                    plan,
                    tera,
                    options: options.clone(),
                    editions,
                    images,
                    document_cache,
                };
                Ok((site, diags))
            }
            _ => Err(diags),
        }
    }

    /// Reads again what changed under `content/` (files or folders,
    /// absolute paths; a path that no longer exists was deleted); call
    /// [`Site::replan`] next. Returns the problems of the files read, by file.
    pub fn reload_content(&mut self, changed: &[PathBuf]) -> Vec<(PathBuf, Diagnostics)> {
        let options = load::LoadOptions::new(self.options.drafts);
        load::reload(
            &self.config,
            &mut self.sources,
            &options,
            &self.images,
            changed,
        )
    }

    /// Reads the theme and the site's `static/` again.
    pub fn reload_assets(&mut self) -> Diagnostics {
        let mut diags = Diagnostics::new();
        self.sources.static_assets = load::load_static(&self.config, &mut diags);
        let statics: Vec<PathBuf> = (self.sources.static_assets.iter())
            .map(|a| crate::diagnostics::relative(&self.config.root, &a.from))
            .collect();
        let folder = [PathBuf::from(load::STATIC_DIR)];
        self.sources
            .pictures
            .reprobe(&self.images, &folder, &statics);
        self.theme = load::Theme::load(&self.config, &mut diags);
        diags
    }

    /// Copies the static files of the theme and the site, and content assets.
    pub fn copy_assets(&self, sink: &dyn output::Sink, diags: &mut Diagnostics) {
        output::copy_assets(sink, &self.config.root, &self.theme, &self.sources, diags);
    }

    /// Publishes into `sink` the copies of photos that rendered pages asked
    /// for and `sink` has not had yet, making those the cache lacks.
    pub fn publish_images(&self, sink: &dyn output::Sink) -> Diagnostics {
        publish_images(&self.images, sink, &self.options.progress)
    }

    /// Plans again after `sources` changed (the content of some files).
    pub fn replan(&mut self) -> Diagnostics {
        let mut diags = Diagnostics::new();
        let theme = &self.theme;
        let generated = |c: &Config| generated_paths(c, theme);
        self.plan = plan::plan(&self.config, &self.sources, &generated, &mut diags);
        diags
    }

    /// Renders the pages of `scope` and the site files it asks for into `sink`.
    pub fn render(
        &self,
        scope: &Scope,
        sink: &dyn output::Sink,
        diags: &mut Diagnostics,
    ) -> render::Dependencies {
        let emit = |o: Output| sink.write(o);
        let timer = std::time::Instant::now();
        if scope.pages.is_none() {
            self.options.progress.pages_ahead(self.all_pages());
        }
        let menu = self.editions_menu();
        let input = self.input(&menu);
        let globals = render::globals(&input);
        // The documents (their PDFs take longest) are made beside the pages.
        let mut document_diags = Diagnostics::new();
        let (deps, ()) = rayon::join(
            || render::render_site(&input, &globals, scope.pages, &emit, diags),
            || {
                if scope.pages.is_none() {
                    render::document::render_documents(
                        &input,
                        scope.pdf,
                        &emit,
                        &mut document_diags,
                    );
                }
            },
        );
        diags.extend(document_diags);
        if scope.pages.is_none() {
            self.render_editions(&menu, &globals, scope.pdf, &emit, diags);
        }
        let pages_time = timer.elapsed();
        let search = scope.search && scope.pages.is_none();
        if search {
            render_search_page(&input, &globals, &emit, diags);
        }
        // The files derived from the whole site are independent: made side by
        // side. The languages' many shared links and summaries are freed beside
        // the sitemap, open data and feeds, before the search index is made in
        // the memory they held.
        let ((), mut problems) = rayon::join(
            move || drop(globals),
            || run(self.site_file_tasks(scope, &deps.texts, &emit)),
        );
        if search {
            problems.extend(run(search_tasks(&input, &deps.texts, &emit)));
        }
        diags.extend(problems);
        if scope.assets {
            self.copy_assets(sink, diags);
        }
        if scope.images {
            let images_timer = std::time::Instant::now();
            diags.extend(self.publish_images(sink));
            if timings() {
                eprintln!("timings: images {:?}", images_timer.elapsed());
            }
        }
        if timings() {
            eprintln!(
                "timings: pages {pages_time:?}, site files {:?}",
                timer.elapsed() - pages_time
            );
        }
        deps
    }

    /// The sitemap, open data and feeds that `scope` asks for, as tasks that
    /// each hand their file to `emit` and return the files not written.
    fn site_file_tasks<'a>(
        &'a self,
        scope: &Scope,
        texts: &'a PageTexts,
        emit: &'a Emit,
    ) -> Vec<Task<'a>> {
        let (config, sources, plan) = (&self.config, &self.sources, &self.plan);
        let write = move |files: Vec<Output>| -> Vec<Diagnostic> {
            files.into_iter().filter_map(|f| emit(f).err()).collect()
        };
        let mut tasks: Vec<Task> = Vec::new();
        if scope.sitemap {
            tasks.push(Box::new(move || {
                let mut files = output::sitemap::sitemap(config, plan);
                files.push(output::sitemap::robots(config));
                write(files)
            }));
        }
        if scope.data {
            tasks.push(Box::new(move || {
                write(vec![output::open_data::plan_json(config, sources, plan)])
            }));
            tasks.push(Box::new(move || {
                write(vec![output::open_data::programmes_csv(
                    config, sources, plan,
                )])
            }));
        }
        if scope.feeds {
            tasks.push(Box::new(move || write(self.feeds(texts))));
        }
        tasks
    }

    fn feeds(&self, texts: &PageTexts) -> Vec<Output> {
        self.config
            .languages
            .iter()
            .map(|l| {
                let label = self.theme.string(l, "illustrative");
                output::feeds::atom(&self.config, &self.sources, &self.plan, l, texts, &label)
            })
            .collect()
    }

    /// The render input of the current plan.
    fn input<'a>(&'a self, menu: &'a [EditionEntry]) -> RenderInput<'a> {
        RenderInput {
            config: &self.config,
            sources: &self.sources,
            theme: &self.theme,
            plan: &self.plan,
            tera: &self.tera,
            edition: None,
            editions: menu,
            images: &self.images,
            document_cache: &self.document_cache,
            progress: &self.options.progress,
        }
    }

    /// Writes what is made from every page of the current plan: the search
    /// index and page, the news feeds (from `texts`: `serve` keeps the text of
    /// the pages it does not re-render), and the plan document with its PDF
    /// as `pdf` says.
    pub fn render_whole_plan_pages(
        &self,
        texts: &PageTexts,
        pdf: render::document::Pdf,
        sink: &dyn output::Sink,
        diags: &mut Diagnostics,
    ) {
        let menu = self.editions_menu();
        let emit = |o: Output| sink.write(o);
        let input = self.input(&menu);
        search_index(&input, texts, &emit, diags);
        render_search_page(&input, &render::globals(&input), &emit, diags);
        render::document::render_documents(&input, pdf, &emit, diags);
        for feed in self.feeds(texts) {
            if let Err(e) = sink.write(feed) {
                diags.push(e);
            }
        }
    }

    /// Pages in all languages.
    pub fn page_count(&self) -> usize {
        self.plan.tree.pages.len() * self.config.languages.len()
    }

    /// Pages in all languages, the editions' included.
    fn all_pages(&self) -> usize {
        let editions = self.editions.iter();
        self.page_count()
            + editions
                .map(|e| e.plan.tree.pages.len() * e.config.languages.len())
                .sum::<usize>()
    }
}

/// The pages the site writes itself at a folder's address, which no content
/// page may take: the search page and the list of editions, in each language.
fn generated_paths(config: &Config, theme: &load::Theme) -> Vec<plan::collisions::Generated> {
    let mut out = Vec::new();
    for lang in config.languages.iter() {
        let root = config.lang_root(lang);
        let segment = render::globals::search_segment(theme, lang);
        out.push(plan::collisions::Generated {
            path: paths::search_page(&root, &segment),
            what: "the search page",
            slug_string: Some("search_slug"),
        });
        out.push(plan::collisions::Generated {
            path: paths::editions_list(&root),
            what: "the list of editions",
            slug_string: None,
        });
        out.push(plan::collisions::Generated {
            path: paths::document_page(&root, &render::globals::document_segment(theme, lang)),
            what: "the plan document",
            slug_string: Some("document_slug"),
        });
    }
    out
}

/// A piece of the work after the pages that runs beside the others; it
/// returns the files it could not write.
type Task<'a> = Box<dyn FnOnce() -> Vec<Diagnostic> + Send + 'a>;

/// Runs `tasks` side by side; returns what they could not write, in their order.
fn run(tasks: Vec<Task>) -> Diagnostics {
    let problems: Vec<Diagnostic> = tasks.into_par_iter().flat_map_iter(|task| task()).collect();
    problems.into_iter().collect()
}

/// The search index of each language, as tasks.
fn search_tasks<'a>(input: &'a RenderInput, texts: &'a PageTexts, emit: &'a Emit) -> Vec<Task<'a>> {
    let (config, sources, plan) = (input.config, input.sources, input.plan);
    (config.languages.raw.iter())
        .map(|l| -> Task<'a> {
            Box::new(move || output::search::index(config, sources, plan, l, texts, emit))
        })
        .collect()
}

/// The search index of one plan (the current one, or an edition: each
/// edition searches only its own pages) from its pages' text, every language.
fn search_index(input: &RenderInput, texts: &PageTexts, emit: &Emit, diags: &mut Diagnostics) {
    diags.extend(run(search_tasks(input, texts, emit)));
}

/// The search page of every language.
fn render_search_page(
    input: &RenderInput,
    globals: &render::Globals,
    emit: &Emit,
    diags: &mut Diagnostics,
) {
    let paths = pages::search::paths(input);
    let special = SpecialPage {
        key: "search",
        title: String::new(),
        paths: &paths,
    };
    render::render_special(
        globals,
        &special,
        Role::Search,
        &pages::search::add,
        emit,
        diags,
    );
}

/// Publishes into `sink` the photo copies that rendered pages asked for and
/// `sink` has not had yet, making those the cache lacks.
pub fn publish_images(
    images: &crate::images::Images,
    sink: &dyn output::Sink,
    progress: &Progress,
) -> Diagnostics {
    let publish = |path, data| match data {
        crate::images::FileData::Cached(from) => sink.link(&from, path),
        crate::images::FileData::Bytes(bytes) => sink.write(Output { path, bytes }),
    };
    images.publish(&publish, progress)
}

/// Builds the site: load, plan, render, write. On any error, the previous
/// output is left exactly as it was and every problem is returned.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let (mut site, mut diags) = Site::load(options)?;
    if site.editions.is_empty() {
        // Read by the plan, and by nothing else unless editions are compared:
        // freed aside, it is a sixth of the peak memory of a large plan.
        let front_matter = site.sources.take_front_matter();
        std::thread::spawn(move || drop(front_matter));
    }
    let staging = output::staging::Staging::begin(&site.config.root, &options.output_dir())
        .map_err(Diagnostics::from)?;
    let deps = site.render(&Scope::ALL, &staging, &mut diags);
    std::thread::spawn(move || drop(deps));
    if let Some(more) = staging.unreported_failures() {
        diags.push(more);
    }
    if diags.has_errors() {
        staging.abort();
        return Err(diags);
    }
    site.images.prune();
    site.document_cache.prune();
    let target = staging.target().to_path_buf();
    let timer = std::time::Instant::now();
    options.progress.swapping();
    staging.commit().map_err(Diagnostics::from)?;
    if timings() {
        eprintln!(
            "timings: swap in and old output removed {:?}",
            timer.elapsed()
        );
    }
    let pages = site.page_count();
    // Freeing the whole plan takes tens of milliseconds on a large site, and
    // nothing waits for it: a command that ends frees its memory at once.
    std::thread::spawn(move || drop(site));
    Ok(BuildReport {
        pages,
        output: target,
        warnings: diags,
    })
}
