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

pub mod config;
pub mod diagnostics;
pub mod init;
pub mod load;
pub mod markdown;
pub mod output;
pub mod plan;
pub mod render;

use std::path::{Path, PathBuf};

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

/// Reads the site at `options.root` and checks it; nothing is written.
pub fn load_and_plan(
    options: &BuildOptions,
) -> Result<(Config, load::Sources, load::Theme, plan::Plan, Diagnostics), Diagnostics> {
    let mut config = Config::load(&options.root)?;
    if let Some(url) = &options.base_url {
        config.set_base_url(url).map_err(Diagnostics::from)?;
    }
    let mut diags = Diagnostics::new();
    let theme = load::Theme::load(&config, &mut diags);
    let sources = load::load(
        &config,
        &load::LoadOptions {
            drafts: options.drafts,
        },
        &mut diags,
    );
    let plan = plan::plan(&config, &sources, &mut diags);
    if diags.has_errors() {
        return Err(diags);
    }
    Ok((config, sources, theme, plan, diags))
}

/// Builds the site: load, plan, render, write. On any error, the previous
/// output is left exactly as it was and every problem is returned.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let (config, sources, theme, plan, mut diags) = load_and_plan(options)?;
    let Some(tera) = render::templates(&theme, &mut diags) else {
        return Err(diags);
    };
    let staging =
        output::Staging::begin(&config.root, &options.output_dir()).map_err(Diagnostics::from)?;
    write_site(
        &config, &sources, &theme, &plan, &tera, &staging, &mut diags,
    );
    if diags.has_errors() {
        staging.abort();
        return Err(diags);
    }
    let target = staging.target().to_path_buf();
    staging.commit().map_err(Diagnostics::from)?;
    Ok(BuildReport {
        pages: plan.tree.pages.len() * config.languages.len(),
        output: target,
        warnings: diags,
    })
}

fn write_site(
    config: &Config,
    sources: &load::Sources,
    theme: &load::Theme,
    plan: &plan::Plan,
    tera: &tera::Tera,
    staging: &output::Staging,
    diags: &mut Diagnostics,
) {
    let emit = |o: render::Output| staging.write(o);
    render::render_site(config, sources, theme, plan, tera, &emit, diags);
    let mut files = vec![
        output::sitemap::sitemap(config, plan),
        output::sitemap::robots(config),
        output::open_data::plan_json(config, sources, plan),
        output::open_data::programmes_csv(config, sources, plan),
    ];
    files.extend(
        config
            .languages
            .iter()
            .map(|l| output::feeds::atom(config, sources, plan, l)),
    );
    for file in files {
        if let Err(e) = staging.write(file) {
            diags.push(e);
        }
    }
    staging.copy_assets(theme, sources, diags);
}

/// The site root to use when none is given: the current folder.
pub fn default_root() -> PathBuf {
    Path::new(".").to_path_buf()
}
