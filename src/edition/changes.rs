//! What changed between an edition and the next one (or the current plan):
//! pages added, removed and changed, with a word-level diff of the text and
//! the changed facts (status, years, budget...) side by side.

use std::collections::BTreeSet;

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

use crate::config::{Config, Lang};
use crate::html::escape as escape_html;
use crate::load::{Source, Sources};
use crate::paths;
use crate::plan::{Page, Plan, schema};
use crate::table::{Field, Value, same_table};

/// One side of a comparison.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    pub config: &'a Config,
    pub sources: &'a Sources,
    pub plan: &'a Plan,
}

#[derive(Debug, Serialize)]
pub struct FactChange {
    pub key: String,
    pub old: String,
    pub new: String,
    /// The page a value names (a pillar, a stakeholder), on its own side.
    pub old_path: Option<String>,
    pub new_path: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct PageChange {
    pub key: String,
    pub title: String,
    /// The title's language when it is not the reader's.
    pub lang: Option<String>,
    pub old_title: Option<String>,
    /// Where the page is in the newer side / in the edition.
    pub new_path: Option<String>,
    pub old_path: Option<String>,
    /// The text with `<del>`/`<ins>` marks (HTML, escaped), when it changed.
    pub diff: Option<String>,
    pub facts: Vec<FactChange>,
    /// An example of what a plan can hold, on either side: said so wherever it shows.
    pub illustrative: bool,
}

#[derive(Debug, Default, Serialize)]
pub struct Changes {
    pub added: Vec<PageChange>,
    pub removed: Vec<PageChange>,
    pub changed: Vec<PageChange>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// What changed from `old` to `new`, as a reader of `lang` sees it.
pub fn compare(old: Side, new: Side, lang: &Lang) -> Changes {
    let keys: BTreeSet<&String> = old
        .plan
        .tree
        .by_key
        .keys()
        .chain(new.plan.tree.by_key.keys())
        .collect();
    let mut changes = Changes::default();
    for key in keys {
        let o = old.plan.tree.get(key).filter(|p| has_source(p));
        let n = new.plan.tree.get(key).filter(|p| has_source(p));
        match (o, n) {
            (None, Some(n)) => changes.added.push(entry(key, None, Some((new, n)), lang)),
            (Some(o), None) => changes.removed.push(entry(key, Some((old, o)), None, lang)),
            (Some(o), Some(n)) => {
                let mut e = entry(key, Some((old, o)), Some((new, n)), lang);
                let (os, ns) = (shown(old, o, lang), shown(new, n, lang));
                if let (Some(os), Some(ns)) = (os, ns) {
                    if os.meta.title != ns.meta.title {
                        e.old_title = Some(os.meta.title.clone());
                    }
                    if os.body != ns.body || e.old_title.is_some() {
                        let (was, is) = (
                            crate::markdown::sections(&os.body),
                            crate::markdown::sections(&ns.body),
                        );
                        // A change of markup alone (a link's target, emphasis) is no change to a reader.
                        if was != is || e.old_title.is_some() {
                            e.diff = Some(section_diff(&was, &is));
                        }
                    }
                }
                let (os, ns) = (default_source(old, o), default_source(new, n));
                e.facts = facts(os, ns);
                // A plan item's facts in the reader's words may come from any key.
                if e.diff.is_some() || !e.facts.is_empty() || front_differs(os, ns) {
                    changes.changed.push(e);
                }
            }
            (None, None) => {}
        }
    }
    changes
}

/// The changed parts of a text, each under its heading as a landmark; a part
/// whose heading is new is all inserted, one whose heading is gone all deleted.
fn section_diff(old: &[(String, String)], new: &[(String, String)]) -> String {
    let mut out = String::new();
    let landmark = |out: &mut String, heading: &str, body: &str| {
        if !heading.is_empty() {
            out.push_str(&format!(
                "<h4 class=\"diff-landmark\">{}</h4>",
                escape_html(heading)
            ));
        }
        out.push_str(&format!("<p>{body}</p>"));
    };
    for (heading, text) in new {
        match old.iter().find(|(h, _)| h == heading) {
            Some((_, before)) if before == text => {}
            Some((_, before)) => landmark(&mut out, heading, &word_diff(before, text)),
            None => landmark(
                &mut out,
                heading,
                &format!("<ins>{}</ins>", escape_html(text)),
            ),
        }
    }
    for (heading, text) in old.iter().filter(|(h, _)| !new.iter().any(|(n, _)| n == h)) {
        let heading = if heading.is_empty() {
            String::new()
        } else {
            format!("{heading} ✕")
        };
        landmark(
            &mut out,
            &heading,
            &format!("<del>{}</del>", escape_html(text)),
        );
    }
    out
}

/// The address of `page` in `lang` on `side`, from the site's root: the
/// edition's copy for a frozen side.
pub fn page_path(side: Side, page: &Page, lang: &Lang) -> String {
    side.config
        .permalink(&paths::encode(&page.version(lang).path))
        .replacen(&side.config.origin, "", 1)
}

fn has_source(page: &Page) -> bool {
    page.versions.iter().any(|v| v.source.is_some())
}

fn shown<'a>(side: Side<'a>, page: &Page, lang: &Lang) -> Option<&'a Source> {
    page.version(lang).source.map(|s| &side.sources.files[s])
}

fn default_source<'a>(side: Side<'a>, page: &Page) -> Option<&'a Source> {
    shown(side, page, &side.config.default_language)
}

fn entry(
    key: &str,
    old: Option<(Side, &Page)>,
    new: Option<(Side, &Page)>,
    lang: &Lang,
) -> PageChange {
    let path = |side: Side, page: &Page| page_path(side, page, lang);
    let source = new
        .and_then(|(s, p)| shown(s, p, lang))
        .or_else(|| old.and_then(|(s, p)| shown(s, p, lang)));
    PageChange {
        key: key.to_string(),
        title: source.map_or_else(|| key.to_string(), |s| s.meta.title.clone()),
        lang: source
            .filter(|s| &s.lang != lang)
            .map(|s| s.lang.to_string()),
        old_title: None,
        new_path: new.map(|(s, p)| path(s, p)),
        old_path: old.map(|(s, p)| path(s, p)),
        diff: None,
        facts: Vec::new(),
        illustrative: old.is_some_and(|(_, p)| p.illustrative)
            || new.is_some_and(|(_, p)| p.illustrative),
    }
}

/// Front-matter values (other than the common page keys) that differ.
fn facts(old: Option<&Source>, new: Option<&Source>) -> Vec<FactChange> {
    let (Some(old), Some(new)) = (old, new) else {
        return Vec::new();
    };
    let keys: BTreeSet<&String> = old
        .front
        .entries
        .keys()
        .chain(new.front.entries.keys())
        .filter(|k| !schema::PAGE.iter().any(|p| p.name == k.as_str()))
        .collect();
    keys.into_iter()
        .filter_map(|k| {
            let (a, b) = (old.front.entries.get(k), new.front.entries.get(k));
            let (sa, sb) = (
                a.map(show_field).unwrap_or_default(),
                b.map(show_field).unwrap_or_default(),
            );
            (sa != sb).then(|| FactChange {
                key: k.clone(),
                old: sa,
                new: sb,
                old_path: None,
                new_path: None,
            })
        })
        .collect()
}

/// Whether any front-matter value of the two versions differs, wherever it is written.
fn front_differs(old: Option<&Source>, new: Option<&Source>) -> bool {
    old.zip(new)
        .is_some_and(|(old, new)| !same_table(&old.front, &new.front))
}

fn show_field(f: &Field) -> String {
    show(&f.value)
}

/// A value as a reader would write it: `ongoing`, `2024`, `bappeda, diskominfo`,
/// `year 2024, amount 1500000000, source APBD`.
fn show(v: &Value) -> String {
    match v {
        Value::String(s) | Value::Datetime(s) => s.clone(),
        Value::Integer(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Boolean(b) => b.to_string(),
        Value::Array(items) => items
            .iter()
            .map(|i| show(&i.value))
            .collect::<Vec<_>>()
            .join(
                if items.iter().any(|i| matches!(i.value, Value::Table(_))) {
                    "; "
                } else {
                    ", "
                },
            ),
        Value::Table(t) => t
            .entries
            .iter()
            .map(|(k, f)| format!("{k} {}", show(&f.value)))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// Words removed in `<del>`, added in `<ins>`; long unchanged stretches shortened.
pub fn word_diff(old: &str, new: &str) -> String {
    const KEEP: usize = 12;
    let diff = TextDiff::from_words(old, new);
    let mut out = String::new();
    let mut equal: Vec<String> = Vec::new();
    let flush = |equal: &mut Vec<String>, out: &mut String, at_start: bool, at_end: bool| {
        let words = equal.iter().filter(|w| !w.trim().is_empty()).count();
        if words > 3 * KEEP {
            let text: String = equal.concat();
            let tokens: Vec<&str> = text.split_inclusive(char::is_whitespace).collect();
            let head = if at_start { 0 } else { KEEP.min(tokens.len()) };
            let tail = if at_end {
                0
            } else {
                KEEP.min(tokens.len() - head)
            };
            out.push_str(&escape_html(&tokens[..head].concat()));
            out.push_str(" … ");
            out.push_str(&escape_html(&tokens[tokens.len() - tail..].concat()));
        } else {
            out.push_str(&escape_html(&equal.concat()));
        }
        equal.clear();
    };
    let mut started = false;
    for change in diff.iter_all_changes() {
        let text = change.value().to_string();
        match change.tag() {
            ChangeTag::Equal => equal.push(text),
            tag => {
                flush(&mut equal, &mut out, !started, false);
                started = true;
                let (open, close) = if tag == ChangeTag::Delete {
                    ("<del>", "</del>")
                } else {
                    ("<ins>", "</ins>")
                };
                out.push_str(open);
                out.push_str(&escape_html(&text));
                out.push_str(close);
            }
        }
    }
    flush(&mut equal, &mut out, !started, true);
    out.trim()
        .replace("</del><del>", "")
        .replace("</ins><ins>", "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::sections;

    /// The words of a text with no heading, as the changes page compares them.
    fn readable(markdown: &str) -> String {
        sections(markdown).remove(0).1
    }

    #[test]
    fn marks_removed_and_added_words() {
        let d = word_diff(
            "Program pusat komando kota.",
            "Program pusat komando terpadu.",
        );
        assert!(
            d.contains("<del>kota.</del>") && d.contains("<ins>terpadu.</ins>"),
            "{d}"
        );
        assert!(word_diff("a <b>", "a <c>").contains("&lt;"));
    }

    #[test]
    fn headings_stay_as_landmarks_of_the_changes() {
        let old = sections(
            "Intro.\n\n## Latar belakang\nKota lama.\n\n## Tujuan\nSama.\n\n## Hapus\nIni pergi.\n",
        );
        let new = sections(
            "Intro.\n\n## Latar belakang\nKota baru.\n\n## Tujuan\nSama.\n\n## Baru\nIni datang.\n",
        );
        let d = section_diff(&old, &new);
        assert!(d.contains("<h4 class=\"diff-landmark\">Latar belakang</h4><p>Kota <del>lama.</del><ins>baru.</ins></p>"), "{d}");
        assert!(
            !d.contains("Tujuan") && !d.contains("Intro"),
            "unchanged parts stay out: {d}"
        );
        assert!(
            d.contains("<h4 class=\"diff-landmark\">Baru</h4><p><ins>Ini datang.</ins></p>"),
            "{d}"
        );
        assert!(d.contains("<del>Ini pergi.</del>"), "{d}");
        assert_eq!(sections("```\n# not a heading\n```\n").len(), 1);
    }

    #[test]
    fn text_is_compared_as_readers_see_it() {
        assert_eq!(
            readable("[Online licensing](@/programs/e-perizinan.md) is **faster**.\nNow."),
            "Online licensing is faster. Now."
        );
        let d = word_diff(
            &readable("See [the plan](@/about.md)."),
            &readable("See [the new plan](@/about.md)."),
        );
        assert!(!d.contains("@/") && d.contains("<ins>new"), "{d}");
    }

    #[test]
    fn long_unchanged_text_is_shortened() {
        let same = "kata ".repeat(200);
        let d = word_diff(&format!("{same}lama"), &format!("{same}baru"));
        assert!(d.len() < 300, "{}", d.len());
        assert!(d.contains('…') && d.contains("<ins>baru</ins>"));
    }
}
