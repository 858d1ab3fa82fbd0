//! Shared helpers of the end-to-end tests: run the real binary on a copy of a
//! site folder, read what it wrote, and look into the HTML.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/sites").join(name)
}

/// A private copy of a fixture site, to edit and build.
pub fn copy_site(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(name), dir.path());
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        if rel.starts_with("public") {
            continue;
        }
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Runs `terbit <args>` and returns its output.
pub fn terbit(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_terbit"))
        .args(args)
        .output()
        .unwrap()
}

pub fn build(root: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    terbit(&args)
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Builds and insists it succeeded.
pub fn build_ok(root: &Path, out: &Path, extra: &[&str]) {
    let o = build(root, out, extra);
    assert!(o.status.success(), "build failed:\n{}", stderr(&o));
}

/// Every file under `dir` with its bytes, by `/`-separated relative path.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

pub fn html_files(dir: &Path) -> Vec<(String, String)> {
    read_tree(dir)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

/// A parsed page.
pub struct Html {
    doc: scraper::Html,
}

impl Html {
    pub fn parse(text: &str) -> Html {
        Html {
            doc: scraper::Html::parse_document(text),
        }
    }

    pub fn load(path: &Path) -> Html {
        Html::parse(
            &std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
        )
    }

    /// Elements matching a CSS selector.
    pub fn select(&self, selector: &str) -> Vec<Element> {
        let sel = scraper::Selector::parse(selector)
            .unwrap_or_else(|e| panic!("bad selector {selector}: {e:?}"));
        self.doc
            .select(&sel)
            .map(|el| Element {
                name: el.value().name().to_string(),
                attrs: el
                    .value()
                    .attrs()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
                text: el.text().collect::<String>(),
            })
            .collect()
    }

    pub fn one(&self, selector: &str) -> Element {
        let found = self.select(selector);
        assert_eq!(
            found.len(),
            1,
            "expected one `{selector}`, found {}",
            found.len()
        );
        found.into_iter().next().unwrap()
    }

    /// The text of every element matching `selector`, joined.
    pub fn text_of(&self, selector: &str) -> String {
        self.select(selector)
            .into_iter()
            .map(|e| e.text)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Every `href` and `src` in the page.
    pub fn links(&self) -> Vec<String> {
        let mut out = Vec::new();
        for el in self.select("[href], [src]") {
            for attr in ["href", "src"] {
                if let Some(v) = el.attr(attr) {
                    out.push(v.to_string());
                }
            }
        }
        out
    }

    /// Every `id` in the page.
    pub fn ids(&self) -> Vec<String> {
        self.select("[id]")
            .into_iter()
            .filter_map(|e| e.attr("id").map(str::to_string))
            .collect()
    }
}

#[derive(Debug, Clone)]
pub struct Element {
    pub name: String,
    pub attrs: BTreeMap<String, String>,
    pub text: String,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.get(name).map(String::as_str)
    }
}

/// Decodes `%XX` escapes of a URL path.
pub fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&path[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The file a site-internal URL path (without the base path) is served from.
pub fn file_for(out: &Path, path: &str) -> PathBuf {
    let path = percent_decode(path.split(['#', '?']).next().unwrap());
    let rel = path.trim_start_matches('/');
    if rel.is_empty() || rel.ends_with('/') {
        out.join(rel).join("index.html")
    } else {
        out.join(rel)
    }
}

/// Checks every internal link of every page of a built site resolves to a
/// file, and every `#anchor` to an id of the target page. Returns the problems.
pub fn broken_links(out: &Path, base_path: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut ids_cache: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    for (rel, text) in html_files(out) {
        let page = Html::parse(&text);
        let page_path = format!("{base_path}{}", rel.trim_end_matches("index.html"));
        for link in page.links() {
            if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
                || link.starts_with("tel:")
            {
                continue;
            }
            let absolute = if let Some(anchor) = link.strip_prefix('#') {
                format!("{page_path}#{anchor}")
            } else if link.starts_with('/') {
                link.clone()
            } else {
                problems.push(format!("{rel}: relative link {link}"));
                continue;
            };
            let Some(inside) = absolute.strip_prefix(base_path) else {
                problems.push(format!(
                    "{rel}: link {link} leaves the base path {base_path}"
                ));
                continue;
            };
            let file = file_for(out, inside);
            if !file.is_file() {
                problems.push(format!("{rel}: link {link} has no file {}", file.display()));
                continue;
            }
            if let Some((_, anchor)) = absolute.split_once('#') {
                if anchor.is_empty() {
                    continue;
                }
                let ids = ids_cache
                    .entry(file.clone())
                    .or_insert_with(|| Html::load(&file).ids());
                if !ids.iter().any(|i| i == &percent_decode(anchor)) {
                    problems.push(format!(
                        "{rel}: link {link}: no id `{anchor}` in {}",
                        file.display()
                    ));
                }
            }
        }
    }
    problems
}

/// The body of a chunked HTTP/1.1 answer, its chunks joined.
pub fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = raw.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&raw[..end])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next()?.trim(), 16).ok())
            .unwrap_or(0);
        if size == 0 || raw.len() < end + 2 + size {
            break;
        }
        out.extend_from_slice(&raw[end + 2..end + 2 + size]);
        raw = &raw[(end + 4 + size).min(raw.len())..];
    }
    out
}
