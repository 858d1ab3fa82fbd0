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

mod builder;
pub mod http;
mod listener;
pub mod rebuild;
pub mod watch;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::BuildOptions;
use builder::{Builder, Outcome, report};
use http::Served;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: String,
    pub port: u16,
    pub open: bool,
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
        progress: Default::default(),
    };
    let mut builder = Builder::new(build_options, Arc::clone(&served));
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
        if changes.everything {
            report(&builder.full());
            continue;
        }
        if !changes.content.is_empty() {
            let paths: Vec<PathBuf> = changes.content.into_iter().collect();
            let outcome = builder.content(&paths);
            report(&outcome);
            if matches!(outcome, Outcome::Failed(_)) {
                continue;
            }
        }
        if changes.assets {
            report(&builder.assets(changes.css_only));
        }
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
