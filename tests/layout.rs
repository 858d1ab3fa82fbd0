//! The shape of the code, checked: no import cycle between any two modules
//! of `src/`, no file over 600 lines, no function over 100 lines.
//!
//! Run alone with `cargo test --test layout`. Each file of `src/` is a
//! module; a module uses another when it names it (`crate::a::b`,
//! `super::x`, a `use` group, or a child module by its bare name). Declaring
//! a child (`mod x;`) is not a use; re-exporting one (`pub use x::Y`) is.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_FILE_LINES: usize = 600;
const MAX_FN_LINES: usize = 100;

type Module = Vec<String>;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every library source file with its module path (`src/render/mod.rs` -> `render`).
fn modules() -> BTreeMap<Module, PathBuf> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(src()) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(src()).unwrap();
        let mut parts: Vec<String> = rel
            .with_extension("")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        match parts.last().map(String::as_str) {
            Some("main") if parts.len() == 1 => continue,
            Some("lib") if parts.len() == 1 => parts.clear(),
            Some("mod") => {
                parts.pop();
            }
            _ => {}
        }
        out.insert(parts, path.to_path_buf());
    }
    out
}

/// The code of a file without its tests module and without comments.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The paths named in `code`, each as its segments from where it starts
/// (`crate`, `super`, or a bare first segment).
fn named_paths(code: &str) -> Vec<Vec<String>> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_word =
            (i == 0 || !is_ident(chars[i - 1]) && chars[i - 1] != ':') && is_ident(chars[i]);
        if !starts_word {
            i += 1;
            continue;
        }
        let (segments, end) = path_at(&chars, i);
        if segments.len() > 1 || (end < chars.len() && chars[end] == '{') {
            for path in expand(&chars, segments, end) {
                out.push(path);
            }
        }
        i = end.max(i + 1);
    }
    out
}

/// The `a::b::c` path starting at `i`, and where it ends.
fn path_at(chars: &[char], mut i: usize) -> (Vec<String>, usize) {
    let mut segments = Vec::new();
    loop {
        let start = i;
        while i < chars.len() && is_ident(chars[i]) {
            i += 1;
        }
        segments.push(chars[start..i].iter().collect::<String>());
        if i + 2 < chars.len() && chars[i] == ':' && chars[i + 1] == ':' && is_ident(chars[i + 2]) {
            i += 2;
        } else {
            if i + 2 < chars.len() && chars[i] == ':' && chars[i + 1] == ':' {
                i += 2;
            }
            return (segments, i);
        }
    }
}

/// A path followed by a `{...}` group stands for each path in the group.
fn expand(chars: &[char], prefix: Vec<String>, end: usize) -> Vec<Vec<String>> {
    if end >= chars.len() || chars[end] != '{' {
        return vec![prefix];
    }
    let mut depth = 0;
    let mut close = end;
    for (j, &c) in chars.iter().enumerate().skip(end) {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    close = j;
                    break;
                }
            }
            _ => {}
        }
    }
    let inner: String = chars[end + 1..close].iter().collect();
    let mut out = Vec::new();
    for path in named_paths(&inner)
        .into_iter()
        .chain(inner.split(',').map(|s| vec![s.trim().to_string()]))
    {
        let mut full = prefix.clone();
        full.extend(path);
        out.push(full);
    }
    out
}

/// The module a path from `from` leads to (the longest prefix that is a module).
fn resolve(from: &Module, path: &[String], all: &BTreeMap<Module, PathBuf>) -> Option<Module> {
    let mut base: Module = match path.first().map(String::as_str) {
        Some("crate") => Vec::new(),
        Some("super") => from[..from.len().saturating_sub(1)].to_vec(),
        Some("self") => from.clone(),
        Some(first) => {
            // A bare path names a child of this module.
            let mut child = from.clone();
            child.push(first.to_string());
            if !all.contains_key(&child) {
                return None;
            }
            from.clone()
        }
        None => return None,
    };
    let rest = match path.first().map(String::as_str) {
        Some("crate" | "super" | "self") => &path[1..],
        _ => path,
    };
    for segment in rest {
        let mut next = base.clone();
        next.push(segment.clone());
        if all.contains_key(&next) {
            base = next;
        } else {
            break;
        }
    }
    all.contains_key(&base).then_some(base)
}

fn uses(all: &BTreeMap<Module, PathBuf>) -> BTreeMap<Module, BTreeSet<Module>> {
    let mut graph = BTreeMap::new();
    for (module, file) in all {
        let text = std::fs::read_to_string(file).unwrap();
        let code = code(&text);
        let declared: BTreeSet<String> = code
            .lines()
            .filter_map(|l| {
                let l = l.trim();
                let rest = l
                    .strip_prefix("pub mod ")
                    .or_else(|| l.strip_prefix("mod "))?;
                rest.strip_suffix(';').map(str::to_string)
            })
            .collect();
        let mut targets = BTreeSet::new();
        for path in named_paths(&code) {
            // `mod x;` declares a child; only a use of it counts.
            if path.len() == 1 && declared.contains(&path[0]) {
                continue;
            }
            if let Some(target) = resolve(module, &path, all)
                && &target != module
            {
                targets.insert(target);
            }
        }
        graph.insert(module.clone(), targets);
    }
    graph
}

/// Strongly connected components with more than one module (Tarjan).
fn cycles(graph: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    struct State<'a> {
        graph: &'a BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<&'a Module, usize>,
        low: BTreeMap<&'a Module, usize>,
        stack: Vec<&'a Module>,
        on_stack: BTreeSet<&'a Module>,
        found: Vec<Vec<Module>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a Module) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in &s.graph[v] {
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low[v];
                s.low.insert(v, lv.min(lw));
            } else if s.on_stack.contains(w) {
                let iw = s.index[w];
                let lv = s.low[v];
                s.low.insert(v, lv.min(iw));
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.clone());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                s.found.push(component);
            }
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !state.index.contains_key(v) {
            visit(&mut state, v);
        }
    }
    state.found
}

fn name(m: &Module) -> String {
    if m.is_empty() {
        "lib".into()
    } else {
        m.join("::")
    }
}

#[test]
fn no_import_cycle_between_modules() {
    let all = modules();
    let graph = uses(&all);
    // The check itself must see the uses it is meant to see.
    let render = vec!["render".to_string()];
    let output = vec!["output".to_string(), "feeds".to_string()];
    assert!(graph[&output].contains(&render), "{:?}", graph[&output]);
    let found = cycles(&graph);
    let described: Vec<String> = found
        .iter()
        .map(|c| {
            let members: BTreeSet<&Module> = c.iter().collect();
            let edges: Vec<String> = c
                .iter()
                .flat_map(|m| {
                    graph[m]
                        .iter()
                        .filter(|t| members.contains(t))
                        .map(move |t| format!("{} -> {}", name(m), name(t)))
                })
                .collect();
            edges.join(", ")
        })
        .collect();
    assert!(found.is_empty(), "import cycles:\n{}", described.join("\n"));
}

#[test]
fn a_detected_cycle_is_reported() {
    let a = vec!["a".to_string()];
    let b = vec!["b".to_string()];
    let graph = BTreeMap::from([
        (a.clone(), BTreeSet::from([b.clone()])),
        (b.clone(), BTreeSet::from([a.clone()])),
    ]);
    assert_eq!(cycles(&graph).len(), 1);
}

#[test]
fn no_file_over_600_lines() {
    let long: Vec<String> = modules()
        .values()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).unwrap().lines().count();
            (n > MAX_FILE_LINES).then(|| format!("{} ({n} lines)", f.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "files over {MAX_FILE_LINES} lines: {long:?}"
    );
}

/// Functions (outside tests) and how many lines each spans.
fn functions(text: &str) -> Vec<(String, usize)> {
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    let lines: Vec<&str> = code.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let is_fn = [
            "fn ",
            "pub fn ",
            "pub(crate) fn ",
            "const fn ",
            "pub const fn ",
        ]
        .iter()
        .any(|p| trimmed.starts_with(p));
        if !is_fn || trimmed.ends_with(';') {
            continue;
        }
        let indent = line.len() - trimmed.len();
        let close = format!("{}}}", " ".repeat(indent));
        let end = lines[i..]
            .iter()
            .position(|l| {
                *l == close
                    || (l.trim_end().ends_with('}') && l.trim_start() == trimmed && l.contains('{'))
            })
            .map_or(lines.len() - i, |n| n + 1);
        out.push((trimmed.to_string(), end));
    }
    out
}

#[test]
fn no_function_over_100_lines() {
    let mut long = Vec::new();
    for file in modules().values() {
        for (signature, n) in functions(&std::fs::read_to_string(file).unwrap()) {
            if n > MAX_FN_LINES {
                long.push(format!("{}: {signature} ({n} lines)", file.display()));
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions over {MAX_FN_LINES} lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn function_lengths_are_measured() {
    let text = "fn a() {\n    x();\n}\n\npub fn b(\n    y: u8,\n) -> u8 {\n    y\n}\n";
    assert_eq!(
        functions(text),
        vec![("fn a() {".to_string(), 3), ("pub fn b(".to_string(), 5)]
    );
}
