//! `terbit serve`: build, serve from memory, watch, rebuild what changed,
//! reload open pages.
//!
//! The rebuild goes through the same stages as `build` ([`Site::load`],
//! [`Site::replan`], [`Site::render`]); what differs is only *how much* is
//! done. A content change re-reads the changed files, plans again, and
//! re-renders the pages that show what changed: the page itself, the pages
//! its plan item is related to, the pages whose rendering used its link or
//! title last time, and the pages that summarise the whole plan. A change
//! that moves URLs, or anything after a failed rebuild, renders everything.
//! A failed rebuild never replaces the last good site.

pub mod http;
mod listener;
pub mod rebuild;
pub mod watch;

use std::collections::{BTreeMap, HashSet};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::memory::MemorySink;
use crate::plan::PageId;
use crate::render::{Dependencies, PageTexts};
use crate::site::{BuildOptions, Scope, Site};
use http::{Files, Reload, Served};

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

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: String,
    pub port: u16,
    pub open: bool,
}

/// The rebuild side: the site as last loaded, and what was served from it.
struct Builder {
    options: BuildOptions,
    site: Option<Site>,
    deps: Dependencies,
    files: Files,
    /// Problems of content files that could not be read, kept until fixed.
    load_errors: BTreeMap<PathBuf, Diagnostics>,
    /// Set after a failure: the next good rebuild renders everything.
    needs_full: bool,
    /// The plain text of every page in every language, for the search index.
    texts: PageTexts,
    /// The search index and feeds lag behind the pages: rewritten when the writer pauses.
    search_stale: bool,
    served: Arc<Served>,
}

/// How a rebuild went, for the terminal.
enum Outcome {
    Built {
        pages: usize,
        millis: u128,
        warnings: Diagnostics,
    },
    Failed(Diagnostics),
}

impl Builder {
    /// Loads and renders everything.
    fn full(&mut self) -> Outcome {
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
        self.search_stale = true;
        if diags.has_errors() {
            return self.failed(diags);
        }
        self.deps = deps;
        self.files = sink.into_files();
        self.needs_full = false;
        self.served.publish(self.files.clone(), Reload::All);
        self.make_images();
        Outcome::Built {
            pages,
            millis: started.elapsed().as_millis(),
            warnings: diags,
        }
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
    fn content(&mut self, changed: &[PathBuf]) -> Outcome {
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
        let mut pages = 0;
        for scope in &phases {
            let sink = MemorySink::default();
            let mut deps = site.render(scope, &sink, &mut diags);
            self.texts.extend(std::mem::take(&mut deps.texts));
            self.search_stale = true;
            if diags.has_errors() {
                return self.failed(diags);
            }
            for (p, uses) in deps.uses.into_iter_enumerated() {
                if scope.pages.is_some_and(|set| set.contains(&p)) {
                    self.deps.uses[p] = uses;
                }
            }
            let rendered = sink.into_files();
            let paths: Vec<String> = rendered
                .keys()
                .map(|k| crate::paths::served_at(k))
                .collect();
            self.files.extend(rendered);
            self.served
                .publish(self.files.clone(), Reload::Pages(paths));
            pages += scope.pages.map_or(0, HashSet::len) * site.config.languages.len();
            if std::env::var_os("TERBIT_TIMINGS").is_some() {
                eprintln!("timings: phase published after {:?}", started.elapsed());
            }
        }
        self.needs_full = false;
        self.make_images();
        Outcome::Built {
            pages,
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
            let diags = crate::site::publish_images(&images, &sink);
            served.add_images(sink.into_files());
            for d in diags.sorted() {
                eprintln!("{d}");
            }
        });
    }

    /// Rewrites the search index and feeds from every page's text, when they lag behind.
    fn refresh_search(&mut self) -> Option<Outcome> {
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
        let paths: Vec<String> = rendered
            .keys()
            .filter(|k| k.ends_with(".html"))
            .map(|k| crate::paths::served_at(k))
            .collect();
        self.files.extend(rendered);
        self.served
            .publish(self.files.clone(), Reload::Pages(paths));
        Some(Outcome::Built {
            pages: 0,
            millis: started.elapsed().as_millis(),
            warnings: diags,
        })
    }

    /// Copies the static files again.
    fn assets(&mut self, css_only: bool) -> Outcome {
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
        self.files.extend(sink.into_files());
        let reload = if css_only && !self.needs_full {
            Reload::Css
        } else {
            Reload::All
        };
        self.served.publish(self.files.clone(), reload);
        Outcome::Built {
            pages: 0,
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

fn report(outcome: &Outcome) {
    match outcome {
        Outcome::Built {
            pages,
            millis,
            warnings,
        } => {
            for d in warnings.clone().sorted() {
                eprintln!("{d}");
            }
            eprintln!("rebuilt {pages} pages in {millis} ms");
        }
        Outcome::Failed(diags) => {
            for d in diags.clone().sorted() {
                eprintln!("{d}");
            }
            eprintln!(
                "rebuild failed: {} error(s); still serving the last good site",
                diags.error_count()
            );
        }
    }
}

/// Runs the dev server until the process is stopped.
pub fn serve(options: &ServeOptions) -> Result<(), Diagnostics> {
    let started = Instant::now();
    listener::raise_file_limit();
    let (server, address) = bind(&options.bind, options.port)?;
    let port = address.port();
    let url = format!("http://{}:{port}/", reachable_host(&options.bind));
    let hosts = http::AllowedHosts::new(&options.bind);
    if hosts.any_address() {
        eprintln!(
            "listening on every address of this computer: anyone on the network can open this preview, drafts included, at this computer's address and port {port}"
        );
    }
    let config = crate::Config::load(&options.root)?;
    let lang_prefixes = config
        .languages
        .iter()
        .filter(|l| !config.is_default(l))
        .map(|l| l.to_string())
        .collect();
    let served = Arc::new(Served::new(lang_prefixes, hosts));
    let build_options = BuildOptions {
        root: options.root.clone(),
        output: None,
        base_url: Some(url.clone()),
        drafts: true,
    };
    let mut builder = Builder {
        options: build_options,
        site: None,
        deps: Dependencies::default(),
        files: Files::new(),
        load_errors: BTreeMap::new(),
        needs_full: true,
        texts: Default::default(),
        search_stale: false,
        served: Arc::clone(&served),
    };
    let mut watcher = watch::Watcher::start(&options.root).map_err(|e| {
        Diagnostics::from(Diagnostic::error(
            &options.root,
            format!("cannot watch the site: {e}"),
        ))
    })?;
    let first = builder.full();
    report(&first);
    let _server = listener::serve_forever(server, address, Arc::clone(&served), 8);
    eprintln!(
        "serving {} at {url} (ready in {} ms; press Ctrl+C to stop)",
        options.root.display(),
        started.elapsed().as_millis()
    );
    if options.open
        && let Err(e) = open::that_detached(&url)
    {
        eprintln!("cannot open a browser ({e}); open {url} yourself");
    }
    loop {
        // The search index waits until the writer pauses for a moment.
        let idle = builder
            .search_stale
            .then_some(std::time::Duration::from_millis(300));
        let changes = match watcher.next_changes(idle) {
            watch::Next::Saves(changes) => changes,
            watch::Next::Idle => {
                if let Some(outcome) = builder.refresh_search() {
                    report(&outcome);
                }
                continue;
            }
            watch::Next::Stopped => break,
        };
        let outcome = if changes.everything {
            builder.full()
        } else if !changes.content.is_empty() {
            let paths: Vec<PathBuf> = changes.content.into_iter().collect();
            let outcome = builder.content(&paths);
            if changes.assets && matches!(outcome, Outcome::Built { .. }) {
                builder.assets(false)
            } else {
                outcome
            }
        } else {
            builder.assets(changes.css_only)
        };
        report(&outcome);
    }
    Ok(())
}

/// The host part of the preview's URL: the bound address, or this computer
/// when the server listens on all of them (`0.0.0.0` is no address to visit).
fn reachable_host(bind: &str) -> String {
    match bind.parse::<std::net::IpAddr>() {
        Ok(ip) if ip.is_unspecified() && ip.is_ipv4() => "127.0.0.1".into(),
        Ok(ip) if ip.is_unspecified() => "[::1]".into(),
        Ok(std::net::IpAddr::V6(v6)) => format!("[{v6}]"),
        _ => bind.to_string(),
    }
}

/// The IP address of `--bind`: written as one, or a name such as `localhost`.
fn resolve(address: &str) -> Option<std::net::IpAddr> {
    use std::net::ToSocketAddrs;
    let bare = address.trim_start_matches('[').trim_end_matches(']');
    bare.parse()
        .ok()
        .or_else(|| (bare, 0).to_socket_addrs().ok()?.next().map(|a| a.ip()))
}

/// Binds the port, or the next free one after it (saying so); port 0 asks
/// the system for any free port.
fn bind(address: &str, port: u16) -> Result<(tiny_http::Server, SocketAddr), Diagnostics> {
    let tries = if port == 0 { 1 } else { 10 };
    let mut last_error = String::new();
    let ip = resolve(address).ok_or_else(|| {
        Diagnostics::from(
            Diagnostic::error(
                "--bind",
                format!("{address} is not an address of this computer"),
            )
            .with_hint("give an address such as 127.0.0.1, ::1, localhost or 0.0.0.0"),
        )
    })?;
    for candidate in (0..tries).map(|i| port.saturating_add(i)) {
        match listener::listen(SocketAddr::new(ip, candidate)) {
            Ok(server) => {
                let actual = server.server_addr().to_ip().map_or(candidate, |a| a.port());
                if candidate != port && port != 0 {
                    eprintln!("port {port} is taken; using {actual}");
                }
                return Ok((server, SocketAddr::new(ip, actual)));
            }
            Err(e) => last_error = e.to_string(),
        }
    }
    Err(Diagnostic::error(
        format!("{address}:{port}"),
        format!(
            "cannot listen on {address} port {port} (nor the {} after it): {last_error}",
            tries - 1
        ),
    )
    .with_hint("stop the other program using the port, or choose one with --port")
    .into())
}
