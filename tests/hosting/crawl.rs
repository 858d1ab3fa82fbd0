//! What a reader and a browser get from a server hosting a build: every file
//! and every link answers 200 with its right type, folders without their slash
//! redirect, a missing page is the 404 page of its language with status 404,
//! text is compressed, and the theme's security and cache headers are there.
//! Each check adds to a list of problems, so one run shows them all.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;

use terbit::serve::http::SECURITY_HEADERS;

use crate::http::{Response, get};

/// A build served at `http://127.0.0.1:{port}{prefix}`.
pub struct Hosted<'a> {
    pub port: u16,
    /// `/` or a sub-path such as `/rencana/`.
    pub prefix: &'a str,
    pub public: &'a Path,
    /// The better compression the configuration offers besides gzip.
    pub better: &'a str,
}

/// Every problem found, one line each.
pub fn crawl(site: &Hosted) -> Vec<String> {
    let files = published_files(site.public);
    assert!(
        files.len() > 100,
        "the build has too few files: {}",
        files.len()
    );
    let mut problems = Vec::new();
    check_files(site, &files, &mut problems);
    check_links(site, &files, &mut problems);
    check_redirects(site, &files, &mut problems);
    check_not_found(site, &mut problems);
    check_compression(site, &files, &mut problems);
    problems
}

/// The build's files by `/`-separated path, without its marker file.
fn published_files(public: &Path) -> BTreeMap<String, Vec<u8>> {
    crate::common::read_tree(public)
        .into_iter()
        .filter(|(rel, _)| !rel.split('/').any(|part| part.starts_with('.')))
        .collect()
}

fn check_files(site: &Hosted, files: &BTreeMap<String, Vec<u8>>, problems: &mut Vec<String>) {
    for (rel, bytes) in files {
        let url = format!("{}{rel}", site.prefix);
        let r = get(site.port, &url, &[]);
        if r.status != 200 || &r.body != bytes {
            problems.push(format!(
                "{url}: {} ({} bytes, {} on disk)",
                r.status,
                r.body.len(),
                bytes.len()
            ));
            continue;
        }
        check_type(&url, rel, &r, problems);
        check_headers(&url, &r, problems);
        check_cache(&url, rel, &r, problems);
        if let Some(folder) = rel.strip_suffix("index.html") {
            let url = format!("{}{folder}", site.prefix);
            let r = get(site.port, &url, &[]);
            if r.status != 200 || &r.body != bytes {
                problems.push(format!("{url}: {} instead of its index.html", r.status));
            }
        }
    }
}

/// The media types a file may be served with, and whether it must say UTF-8.
fn expected_type(rel: &str) -> (&'static [&'static str], bool) {
    let ext = rel.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "html" => (&["text/html"], true),
        "css" => (&["text/css"], true),
        "js" => (&["text/javascript", "application/javascript"], true),
        "json" => (&["application/json"], false),
        "xml" if rel.ends_with("atom.xml") => (&["application/atom+xml"], false),
        "xml" => (&["application/xml", "text/xml"], false),
        "csv" => (&["text/csv"], true),
        "txt" => (&["text/plain"], true),
        "svg" => (&["image/svg+xml"], false),
        "jpg" | "jpeg" => (&["image/jpeg"], false),
        "png" => (&["image/png"], false),
        "webp" => (&["image/webp"], false),
        "pdf" => (&["application/pdf"], false),
        _ => (&[], false),
    }
}

fn check_type(url: &str, rel: &str, r: &Response, problems: &mut Vec<String>) {
    let (types, utf8) = expected_type(rel);
    let media = r.media_type();
    if !types.contains(&media.as_str()) {
        problems.push(format!(
            "{url}: Content-Type {:?}, expected {types:?}",
            r.header("Content-Type")
        ));
    } else if utf8 && r.charset().as_deref() != Some("utf-8") {
        problems.push(format!(
            "{url}: Content-Type {:?} does not say charset=utf-8",
            r.header("Content-Type")
        ));
    }
}

fn check_headers(url: &str, r: &Response, problems: &mut Vec<String>) {
    for (name, value) in SECURITY_HEADERS {
        if r.header(name) != Some(value) {
            problems.push(format!(
                "{url}: {name} is {:?}, expected {value:?}",
                r.header(name)
            ));
        }
    }
}

/// Photographs named by their content's hash: a year. Everything else, which a
/// new build may change under the same name: at most an hour.
fn check_cache(url: &str, rel: &str, r: &Response, problems: &mut Vec<String>) {
    let max_age = r
        .header("Cache-Control")
        .and_then(|v| v.split(',').find_map(|d| d.trim().strip_prefix("max-age=")))
        .and_then(|v| v.parse::<u64>().ok());
    let ok = match max_age {
        Some(age) if fingerprinted(rel) => age >= 31_536_000,
        Some(age) => age <= 3600,
        None => false,
    };
    if !ok {
        problems.push(format!(
            "{url}: Cache-Control {:?}",
            r.header("Cache-Control")
        ));
    }
}

/// `img/name-0123456789abcdef-480.webp`.
fn fingerprinted(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let Some((stem, _)) = name.rsplit_once('.') else {
        return false;
    };
    let mut parts = stem.rsplit('-');
    let width = parts.next().unwrap_or("");
    let hash = parts.next().unwrap_or("");
    !width.is_empty()
        && width.bytes().all(|b| b.is_ascii_digit())
        && hash.len() == 16
        && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

fn check_links(site: &Hosted, files: &BTreeMap<String, Vec<u8>>, problems: &mut Vec<String>) {
    let origin = format!("http://127.0.0.1:{}", site.port);
    let mut targets = BTreeSet::new();
    for (rel, bytes) in files.iter().filter(|(rel, _)| rel.ends_with(".html")) {
        let page = format!(
            "{}{}",
            site.prefix,
            rel.strip_suffix("index.html").unwrap_or(rel)
        );
        let html = scraper::Html::parse_document(&String::from_utf8_lossy(bytes));
        let selector =
            scraper::Selector::parse("a[href], link[href], img[src], script[src], [srcset]")
                .unwrap();
        for element in html.select(&selector) {
            let v = element.value();
            let mut refs: Vec<&str> = ["href", "src"].iter().filter_map(|a| v.attr(a)).collect();
            if let Some(srcset) = v.attr("srcset") {
                refs.extend(
                    srcset
                        .split(',')
                        .filter_map(|c| c.split_whitespace().next()),
                );
            }
            for href in refs {
                match resolve(&origin, &page, href) {
                    Some(path) if !path.starts_with(site.prefix) => problems.push(format!(
                        "{page}: link {href} leaves the site's {}",
                        site.prefix
                    )),
                    Some(path) => {
                        targets.insert(path);
                    }
                    None => {}
                }
            }
        }
    }
    assert!(targets.len() > 50, "too few links found: {}", targets.len());
    for path in targets {
        let r = get(site.port, &path, &[]);
        if r.status != 200 {
            problems.push(format!("link {path}: {}", r.describe()));
        }
    }
}

/// A link's path on this server, or None for another host, a `mailto:`, a
/// fragment of the same page.
fn resolve(origin: &str, page: &str, href: &str) -> Option<String> {
    let href = href.split('#').next()?.split('?').next()?;
    if href.is_empty() {
        return None;
    }
    let joined = if let Some(rest) = href.strip_prefix(origin) {
        rest.to_string()
    } else if href.starts_with("//") || href.contains(':') {
        return None;
    } else if href.starts_with('/') {
        href.to_string()
    } else {
        format!("{}{href}", &page[..=page.rfind('/')?])
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/').skip(1) {
        match part {
            "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    Some(format!("/{}", parts.join("/")))
}

fn check_redirects(site: &Hosted, files: &BTreeMap<String, Vec<u8>>, problems: &mut Vec<String>) {
    let folders = files
        .keys()
        .filter_map(|rel| rel.strip_suffix("/index.html"));
    let mut checked = 0;
    for folder in folders {
        let url = format!("{}{folder}", site.prefix);
        let r = get(site.port, &url, &[]);
        let location = r
            .header("Location")
            .map(|l| l.trim_start_matches(&format!("http://127.0.0.1:{}", site.port)));
        if !matches!(r.status, 301 | 308) || location != Some(&format!("{url}/")) {
            problems.push(format!(
                "{url}: {} to {location:?}, expected a redirect to {url}/",
                r.status
            ));
        }
        checked += 1;
    }
    assert!(checked > 20, "too few folders: {checked}");
    if site.prefix != "/" {
        let bare = site.prefix.trim_end_matches('/');
        let r = get(site.port, bare, &[]);
        let location = r
            .header("Location")
            .map(|l| l.trim_start_matches(&format!("http://127.0.0.1:{}", site.port)));
        if !matches!(r.status, 301 | 308) || location != Some(site.prefix) {
            problems.push(format!(
                "{bare}: {} to {location:?}, expected {}",
                r.status, site.prefix
            ));
        }
    }
}

fn check_not_found(site: &Hosted, problems: &mut Vec<String>) {
    let cases = [
        ("tidak-ada-halaman-ini", "404.html"),
        ("program/tidak-ada/", "404.html"),
        ("en/no-such-page", "en/404.html"),
        ("en/programs/no-such-programme/", "en/404.html"),
    ];
    for (missing, page) in cases {
        let url = format!("{}{missing}", site.prefix);
        let expected = std::fs::read(site.public.join(page)).unwrap();
        let r = get(site.port, &url, &[]);
        if r.status != 404 || r.body != expected {
            problems.push(format!(
                "{url}: {} with {} bytes, expected 404 with {page}",
                r.status,
                r.body.len()
            ));
        }
        check_headers(&url, &r, problems);
    }
}

fn check_compression(site: &Hosted, files: &BTreeMap<String, Vec<u8>>, problems: &mut Vec<String>) {
    let text = ["html", "css", "js", "json", "xml", "csv", "svg", "txt"];
    let mut checked = 0;
    for (rel, bytes) in files {
        let ext = rel.rsplit_once('.').map_or("", |(_, e)| e);
        if !text.contains(&ext) || bytes.len() < 1024 {
            continue;
        }
        checked += 1;
        let url = format!("{}{rel}", site.prefix);
        let r = get(site.port, &url, &[("Accept-Encoding", "gzip")]);
        let mut unpacked = Vec::new();
        let decoded = flate2::read::GzDecoder::new(&r.body[..]).read_to_end(&mut unpacked);
        if r.header("Content-Encoding") != Some("gzip") || decoded.is_err() || &unpacked != bytes {
            problems.push(format!("{url} asked with gzip: {}", r.describe()));
        }
        if !r
            .header("Vary")
            .is_some_and(|v| v.to_ascii_lowercase().contains("accept-encoding"))
        {
            problems.push(format!("{url}: no Vary: Accept-Encoding"));
        }
        let r = get(site.port, &url, &[("Accept-Encoding", site.better)]);
        if r.header("Content-Encoding") != Some(site.better) || r.body.len() >= bytes.len() {
            problems.push(format!(
                "{url} asked with {}: {}",
                site.better,
                r.describe()
            ));
        }
    }
    assert!(checked > 10, "too few text files: {checked}");
}
