//! The rebuild side of `serve`: the site as last loaded, what was served
//! from it, and how each kind of change is made again (everything, the
//! pages that show a changed file, the static files, the search index when
//! the writer pauses). Only files whose bytes changed are published, and a
//! change that alters nothing a reader sees is not told at all.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use super::http::{Files, Reload, Served};
use super::rebuild;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::memory::MemorySink;
use crate::plan::PageId;
use crate::render::{Dependencies, PageTexts};
use crate::site::{BuildOptions, Scope, Site};

/// Whether an image file changed: the pages that show one are not in the
/// record of links, so all are rendered again.
fn an_image_changed(changed: &[PathBuf]) -> bool {
    changed
        .iter()
        .any(|path| crate::images::is_image_name(&path.to_string_lossy()))
}

/// A full render for `serve`: everything but the search index, which follows
/// as soon as the writer pauses (so the site is ready sooner); photo copies
/// are made in the background, so a text edit never waits for them.
const WITHOUT_SEARCH: Scope<'static> = Scope {
    search: false,
    images: false,
    pdf: crate::render::document::Pdf::Skip,
    ..Scope::ALL
};

/// The rebuild side: the site as last loaded, and what was served from it.
pub struct Builder {
    options: BuildOptions,
    site: Option<Site>,
    deps: Dependencies,
    files: Files,
    /// The files only the search refresh writes (the search index and page),
    /// served beside those of a full render.
    search_files: HashSet<String>,
    /// Whether a good build has been told yet: the first says "built".
    built_once: bool,
    /// Problems of content files that could not be read, kept until fixed.
    load_errors: BTreeMap<PathBuf, Diagnostics>,
    /// Set after a failure: the next good rebuild renders everything.
    needs_full: bool,
    /// The plain text of every page in every language, for the search index.
    texts: PageTexts,
    /// The search index and feeds lag behind the pages: rewritten when the writer pauses.
    pub search_stale: bool,
    served: Arc<Served>,
}

/// How a rebuild went, for the terminal.
pub enum Outcome {
    /// Files were made again and the changed ones published.
    Built {
        made: Made,
        /// Pages rendered, in all languages (static files, for [`Made::StaticFiles`]).
        count: usize,
        millis: u128,
        warnings: Diagnostics,
    },
    /// Nothing a reader sees changed (a file saved as it was): nothing to tell.
    Unchanged,
    Failed(Diagnostics),
}

/// What a good rebuild made, which says how it is told.
pub enum Made {
    /// The whole site, the first time: "built N pages".
    First,
    /// Pages made again: "rebuilt N pages".
    Pages,
    /// Static files copied again.
    StaticFiles,
    /// The search index, feeds and plan document caught up with the last
    /// rebuild: told by its warnings only.
    FollowUp,
}

impl Builder {
    /// Nothing built yet; `build` renders for `serve`'s address.
    pub fn new(options: BuildOptions, served: Arc<Served>) -> Builder {
        Builder {
            options,
            site: None,
            deps: Dependencies::default(),
            files: Files::new(),
            search_files: HashSet::new(),
            built_once: false,
            load_errors: BTreeMap::new(),
            needs_full: true,
            texts: Default::default(),
            search_stale: false,
            served,
        }
    }

    /// Loads and renders everything.
    pub fn full(&mut self) -> Outcome {
        let started = Instant::now();
        match Site::load(&self.options) {
            Ok((site, diags)) => {
                self.load_errors.clear();
                self.site = Some(site);
                self.publish_all(started, diags)
            }
            Err(diags) => {
                self.site = None;
                self.failed(diags)
            }
        }
    }

    /// Renders every page of the loaded site and publishes the whole of it.
    fn publish_all(&mut self, started: Instant, mut diags: Diagnostics) -> Outcome {
        let Some(site) = self.site.as_ref() else {
            return self.failed(diags);
        };
        let sink = MemorySink::default();
        let served = Arc::clone(&self.served);
        let defer = move |path: String, job: crate::pdf::Job| served.set_pdf(path, job);
        let scope = Scope {
            pdf: crate::render::document::Pdf::Defer(&defer),
            ..WITHOUT_SEARCH
        };
        let mut deps = site.render(&scope, &sink, &mut diags);
        let pages = site.page_count();
        self.texts = std::mem::take(&mut deps.texts);
        if diags.has_errors() {
            return self.failed(diags);
        }
        self.deps = deps;
        let files = sink.into_files();
        let unchanged = !self.needs_full && self.same_as_served(&files);
        self.needs_full = false;
        self.make_images();
        if unchanged {
            return Outcome::Unchanged;
        }
        self.search_stale = true;
        self.files = files;
        self.served.publish(self.files.clone(), Reload::All);
        let made = if self.built_once {
            Made::Pages
        } else {
            Made::First
        };
        self.built_once = true;
        Outcome::Built {
            made,
            count: pages,
            millis: started.elapsed().as_millis(),
            warnings: diags,
        }
    }

    /// Whether a full render is what is served already: the same bytes at
    /// every path, and nothing else served but the search refresh's files.
    fn same_as_served(&self, files: &Files) -> bool {
        files.iter().all(|(k, v)| self.files.get(k) == Some(v))
            && (self.files.keys()).all(|k| files.contains_key(k) || self.search_files.contains(k))
    }

    /// The files of `rendered` that differ from those served.
    fn fresh(&self, rendered: Files) -> Files {
        rendered
            .into_iter()
            .filter(|(k, v)| self.files.get(k) != Some(v))
            .collect()
    }

    fn failed(&mut self, diags: Diagnostics) -> Outcome {
        self.needs_full = true;
        let text = diags
            .clone()
            .sorted()
            .into_iter()
            .filter(Diagnostic::is_error)
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n");
        self.served.fail(text);
        Outcome::Failed(diags)
    }

    /// Re-reads changed content files and re-renders what shows them: first
    /// the changed pages themselves (published at once: the page being edited
    /// is the one its author is looking at), then the pages that show them.
    pub fn content(&mut self, changed: &[PathBuf]) -> Outcome {
        let started = Instant::now();
        let Some(site) = self.site.as_mut() else {
            return self.full();
        };
        let photo_changed = an_image_changed(changed);
        // What the old plan knew about the changed pages, before it is replaced.
        let mut changed_keys = keys_under(site, changed);
        let old_urls = url_map(site);
        let old_neighbours: Vec<PageId> = changed_keys
            .iter()
            .filter_map(|k| site.plan.tree.by_key.get(k))
            .flat_map(|&p| site.plan.tree.pages[p].role.neighbours(&site.plan.model))
            .collect();

        let problems = site.reload_content(changed);
        for path in changed {
            let rel = crate::diagnostics::relative(&site.config.root, path);
            self.load_errors.retain(|file, _| !file.starts_with(&rel));
        }
        self.load_errors.extend(problems);
        let mut diags = site.replan();
        for d in self.load_errors.values() {
            diags.extend(d.clone());
        }
        if diags.has_errors() {
            return self.failed(diags);
        }
        let site = self.site.as_ref().expect("loaded above");
        changed_keys.extend(keys_under(site, changed));
        let top_level = changed_keys
            .iter()
            .any(|k| !k.contains('/') || k.matches('/').count() == 1 && k.ends_with("/_index"));
        if self.needs_full || top_level || photo_changed || old_urls != url_map(site) {
            return self.publish_all(started, diags);
        }
        let changed: HashSet<PageId> = changed_keys
            .iter()
            .filter_map(|k| site.plan.tree.by_key.get(k).copied())
            .collect();
        let rebuild =
            rebuild::pages_to_render(&site.plan, &self.deps.uses, &changed, &old_neighbours);
        let plan_item = changed_keys
            .iter()
            .any(|k| crate::plan::read::is_plan_key(k));
        // Feeds and the search index follow when the writer pauses, from
        // the kept text of every page.
        let phases = [
            Scope {
                images: false,
                pdf: crate::render::document::Pdf::Skip,
                ..Scope::pages(&rebuild.first)
            },
            Scope {
                data: plan_item,
                images: false,
                pdf: crate::render::document::Pdf::Skip,
                ..Scope::pages(&rebuild.rest)
            },
        ];
        self.publish_phases(&phases, started, diags)
    }

    /// Renders the pages of each phase in turn and publishes those that
    /// changed, each phase as soon as it is made.
    fn publish_phases(
        &mut self,
        phases: &[Scope],
        started: Instant,
        mut diags: Diagnostics,
    ) -> Outcome {
        let Some(site) = self.site.as_ref() else {
            return self.failed(diags);
        };
        let (mut pages, mut changed) = (0, false);
        for scope in phases {
            let sink = MemorySink::default();
            let mut deps = site.render(scope, &sink, &mut diags);
            self.texts.extend(std::mem::take(&mut deps.texts));
            if diags.has_errors() {
                return self.failed(diags);
            }
            for (p, uses) in deps.uses.into_iter_enumerated() {
                if scope.pages.is_some_and(|set| set.contains(&p)) {
                    self.deps.uses[p] = uses;
                }
            }
            pages += scope.pages.map_or(0, HashSet::len) * site.config.languages.len();
            let fresh = self.fresh(sink.into_files());
            if fresh.is_empty() {
                continue;
            }
            changed = true;
            self.search_stale = true;
            let paths: Vec<String> = fresh.keys().map(|k| crate::paths::served_at(k)).collect();
            self.files.extend(fresh);
            self.served
                .publish(self.files.clone(), Reload::Pages(paths));
            if std::env::var_os("TERBIT_TIMINGS").is_some() {
                eprintln!("timings: phase published after {:?}", started.elapsed());
            }
        }
        self.needs_full = false;
        self.make_images();
        if !changed {
            return Outcome::Unchanged;
        }
        Outcome::Built {
            made: Made::Pages,
            count: pages,
            millis: started.elapsed().as_millis(),
            warnings: diags,
        }
    }

    /// Makes the photo copies the rendered pages asked for, in the
    /// background; open pages reload when they are ready.
    fn make_images(&self) {
        let Some(site) = &self.site else { return };
        if !site.images.has_unpublished() {
            return;
        }
        let images = Arc::clone(&site.images);
        let served = Arc::clone(&self.served);
        std::thread::spawn(move || {
            let sink = MemorySink::default();
            let progress = crate::progress::Progress::default();
            let diags = crate::site::publish_images(&images, &sink, &progress);
            served.add_images(sink.into_files());
            for line in diags.for_terminal() {
                eprintln!("{line}");
            }
        });
    }

    /// Rewrites the search index and feeds from every page's text, when they lag behind.
    pub fn refresh_search(&mut self) -> Option<Outcome> {
        if !self.search_stale || self.needs_full {
            return None;
        }
        let site = self.site.as_ref()?;
        let started = Instant::now();
        let sink = MemorySink::default();
        let mut diags = Diagnostics::new();
        // The plan document shows every page: made again, its PDF when asked for.
        let served = Arc::clone(&self.served);
        let defer = move |path: String, job: crate::pdf::Job| served.set_pdf(path, job);
        let pdf = crate::render::document::Pdf::Defer(&defer);
        site.render_whole_plan_pages(&self.texts, pdf, &sink, &mut diags);
        self.search_stale = false;
        if diags.has_errors() {
            return Some(self.failed(diags));
        }
        let rendered = sink.into_files();
        self.search_files.extend(rendered.keys().cloned());
        let fresh = self.fresh(rendered);
        if !fresh.is_empty() {
            let paths: Vec<String> = (fresh.keys())
                .filter(|k| k.ends_with(".html"))
                .map(|k| crate::paths::served_at(k))
                .collect();
            self.files.extend(fresh);
            self.served
                .publish(self.files.clone(), Reload::Pages(paths));
        }
        Some(Outcome::Built {
            made: Made::FollowUp,
            count: 0,
            millis: started.elapsed().as_millis(),
            warnings: diags,
        })
    }

    /// Copies the static files again.
    pub fn assets(&mut self, css_only: bool) -> Outcome {
        let started = Instant::now();
        let Some(site) = self.site.as_mut() else {
            return self.full();
        };
        let mut diags = site.reload_assets();
        let sink = MemorySink::default();
        site.copy_assets(&sink, &mut diags);
        if diags.has_errors() {
            return self.failed(diags);
        }
        let fresh = self.fresh(sink.into_files());
        if fresh.is_empty() {
            return Outcome::Unchanged;
        }
        let count = fresh.len();
        self.files.extend(fresh);
        let reload = if css_only && !self.needs_full {
            Reload::Css
        } else {
            Reload::All
        };
        self.served.publish(self.files.clone(), reload);
        Outcome::Built {
            made: Made::StaticFiles,
            count,
            millis: started.elapsed().as_millis(),
            warnings: diags,
        }
    }
}

/// Page keys of the content files at or under `paths`, in the site as it is now.
fn keys_under(site: &Site, paths: &[PathBuf]) -> HashSet<String> {
    let rels: Vec<PathBuf> = paths
        .iter()
        .map(|p| crate::diagnostics::relative(&site.config.root, p))
        .collect();
    let mut keys: HashSet<String> = site
        .sources
        .files
        .iter()
        .filter(|s| rels.iter().any(|r| s.file.starts_with(r)))
        .map(|s| s.key())
        .collect();
    // A deleted file is no longer a source; its key still follows from its name.
    for rel in &rels {
        if rel.extension().is_some_and(|e| e == "md")
            && let Ok(inner) = rel.strip_prefix(crate::load::CONTENT_DIR)
        {
            let stem = inner.with_extension("");
            let stem = stem.to_string_lossy().replace('\\', "/");
            let key = match stem.rsplit_once('.') {
                Some((k, lang)) if site.config.lang_by_code(lang).is_some() => k.to_string(),
                _ => stem,
            };
            keys.insert(key);
        }
    }
    keys
}

/// Every page's key and URLs: when this changes, links everywhere may change.
fn url_map(site: &Site) -> Vec<(String, Vec<String>)> {
    site.plan
        .tree
        .pages
        .iter()
        .map(|p| {
            (
                p.key.clone(),
                p.versions.iter().map(|v| v.path.clone()).collect(),
            )
        })
        .collect()
}

/// Tells the terminal how a rebuild went: nothing when nothing changed.
pub fn report(outcome: &Outcome) {
    let (line, diags) = match outcome {
        Outcome::Unchanged => return,
        Outcome::Built {
            made,
            count,
            millis,
            warnings,
        } => {
            let line = match made {
                Made::First => Some(format!("built {count} pages in {millis} ms")),
                Made::Pages => Some(format!("rebuilt {count} pages in {millis} ms")),
                Made::StaticFiles => Some(format!(
                    "copied {count} changed static file{} in {millis} ms",
                    if *count == 1 { "" } else { "s" }
                )),
                Made::FollowUp => None,
            };
            (line, warnings)
        }
        Outcome::Failed(diags) => (
            Some(format!(
                "rebuild failed: {} error(s); still serving the last good site",
                diags.error_count()
            )),
            diags,
        ),
    };
    for problem in diags.for_terminal() {
        eprintln!("{problem}");
    }
    if let Some(line) = line {
        eprintln!("{line}");
    }
}
