//! The search index, one per language, split so that a query fetches only
//! a small part of it.
//!
//! Words are stemmed at build time (Snowball: Indonesian for Indonesian
//! text, English for English), so `izin` finds "perizinan" and `permit`
//! finds "permits". The browser does not stem: each index chunk also maps
//! every word of the site to its stem, so the query's words are looked up
//! in the same chunk that holds their postings.
//!
//! Layout under `search/<lang>/`:
//! - `t/<hex of the first two letters>.json`: `{"w": {word: stem}, "p": {stem: [doc, score, doc, score, ...]}}`
//! - `d/<n>.json`: documents `n*16 .. n*16+15`: `[[title, url, section, lang, excerpt], ...]`
//!
//! A query for one word fetches one or two term chunks and at most ten
//! document chunks of a few kilobytes.

use std::collections::{BTreeMap, HashMap};

use pagefind_stem::{Algorithm, Stemmer};
use serde::Serialize;

use crate::config::{Config, Lang};
use crate::load::Sources;
use crate::plan::Plan;
use crate::render::context::encode_path;
use crate::render::{Output, relative_path};

/// Documents per document chunk.
pub const DOCS_PER_CHUNK: usize = 16;
/// Characters of a document's text kept for its result snippet.
const EXCERPT_CHARS: usize = 600;

/// Where a language's index lives, as a site path.
pub fn index_path(config: &Config, lang: &Lang) -> String {
    format!("{}search/{lang}/", config.base_path)
}

fn stemmer_for(lang: &str) -> Option<Stemmer> {
    match lang {
        "id" => Some(Stemmer::create(Algorithm::Indonesian)),
        "en" => Some(Stemmer::create(Algorithm::English)),
        _ => None,
    }
}

/// The stems a word is indexed under: the Snowball stem and, for Indonesian
/// words whose nasal prefix swallowed the root's first letter
/// (`pengelolaan` from `kelola`, `penulisan` from `tulis`), the root with
/// that letter restored, so that `kelola` finds "pengelolaan".
pub fn stems(stemmer: Option<&Stemmer>, lang: &str, word: &str) -> Vec<String> {
    let stem = stemmer.map_or_else(|| word.to_string(), |s| s.stem(word).into_owned());
    let mut out = vec![stem.clone()];
    if lang == "id" && stem.starts_with(['a', 'e', 'i', 'o', 'u']) {
        for (prefix, letter) in [
            ("meng", "k"),
            ("peng", "k"),
            ("men", "t"),
            ("pen", "t"),
            ("mem", "p"),
            ("pem", "p"),
            ("meny", "s"),
            ("peny", "s"),
        ] {
            if word.starts_with(prefix) && word[prefix.len()..].starts_with(&stem[..1]) {
                out.push(format!("{letter}{stem}"));
            }
        }
    }
    out.dedup();
    out
}

/// Lowercased words of `text`: letters and digits, at least two characters.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_lowercase)
}

/// The chunk a word or stem belongs to: its first two characters, in hex.
pub fn chunk_name(word: &str) -> String {
    let prefix: String = word.chars().take(2).collect();
    prefix.bytes().map(|b| format!("{b:02x}")).collect()
}

#[derive(Default, Serialize)]
struct TermChunk {
    /// Word -> stem, for every word starting with this chunk's letters.
    w: BTreeMap<String, String>,
    /// Stem -> flat list of (document, score) pairs.
    p: BTreeMap<String, Vec<u32>>,
}

/// Builds the index of one language from each page's plain text.
pub fn index(
    config: &Config,
    sources: &Sources,
    plan: &Plan,
    lang: &Lang,
    texts: &HashMap<(usize, usize), String>,
) -> Vec<Output> {
    let li = config.languages.iter().position(|l| l == lang).unwrap_or(0);
    let stemmers: HashMap<&str, Option<Stemmer>> = config
        .languages
        .iter()
        .map(|l| (l.as_str(), stemmer_for(l.as_str())))
        .collect();
    let mut docs: Vec<[String; 5]> = Vec::new();
    let mut chunks: BTreeMap<String, TermChunk> = BTreeMap::new();
    let mut stem_cache: HashMap<(String, String), Vec<String>> = HashMap::new();
    for (p, page) in plan.tree.pages.iter().enumerate() {
        let v = &page.versions[li];
        let Some(src) = v.source.map(|s| &sources.files[s]) else {
            continue;
        };
        let doc = docs.len() as u32;
        let text = texts.get(&(p, li)).cloned().unwrap_or_default();
        let section = page.parent.map(|s| {
            let sp = &plan.tree.pages[s];
            sp.versions[li]
                .source
                .map_or_else(|| sp.name.clone(), |i| sources.files[i].meta.title.clone())
        });
        let excerpt: String = text.chars().take(EXCERPT_CHARS).collect();
        docs.push([
            src.meta.title.clone(),
            encode_path(&v.path),
            section.unwrap_or_default(),
            src.lang.to_string(),
            excerpt,
        ]);
        let stemmer = stemmers.get(src.lang.as_str()).and_then(|s| s.as_ref());
        let mut scores: BTreeMap<String, u32> = BTreeMap::new();
        let title = src.meta.title.clone();
        let description = src.meta.description.clone().unwrap_or_default();
        for (field, weight) in [(&title, 10u32), (&description, 3), (&text, 1)] {
            for word in words(field) {
                let all = stem_cache
                    .entry((src.lang.to_string(), word.clone()))
                    .or_insert_with(|| stems(stemmer, src.lang.as_str(), &word))
                    .clone();
                chunks
                    .entry(chunk_name(&word))
                    .or_default()
                    .w
                    .entry(word)
                    .or_insert_with(|| all[0].clone());
                for stem in all {
                    *scores.entry(stem).or_default() += weight;
                }
            }
        }
        for (stem, score) in scores {
            let postings = chunks
                .entry(chunk_name(&stem))
                .or_default()
                .p
                .entry(stem)
                .or_default();
            postings.push(doc);
            postings.push(score.min(255));
        }
    }
    let root = relative_path(config, &index_path(config, lang));
    let mut out: Vec<Output> = chunks
        .into_iter()
        .map(|(name, chunk)| {
            // A word that is its own stem need not be listed: the browser tries the word itself.
            let chunk = TermChunk {
                w: chunk.w.into_iter().filter(|(w, s)| w != s).collect(),
                p: chunk.p,
            };
            Output {
                path: format!("{root}t/{name}.json"),
                bytes: serde_json::to_vec(&chunk).unwrap_or_default(),
            }
        })
        .collect();
    for (n, group) in docs.chunks(DOCS_PER_CHUNK).enumerate() {
        out.push(Output {
            path: format!("{root}d/{n}.json"),
            bytes: serde_json::to_vec(group).unwrap_or_default(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_both_languages() {
        let id = stemmer_for("id");
        let st = |w: &str| stems(id.as_ref(), "id", w);
        assert_eq!(st("perizinan"), ["izin"]);
        assert!(
            st("pengelolaan").contains(&"kelola".to_string()),
            "{:?}",
            st("pengelolaan")
        );
        assert!(
            st("penulisan").contains(&"tulis".to_string()),
            "{:?}",
            st("penulisan")
        );
        assert_eq!(st("layanan")[0], st("pelayanan")[0]);
        let en = stemmer_for("en");
        assert_eq!(stems(en.as_ref(), "en", "permits"), ["permit"]);
    }

    #[test]
    fn words_and_chunks() {
        assert_eq!(
            words("Izin usaha, e-KTP; a 2024").collect::<Vec<_>>(),
            ["izin", "usaha", "ktp", "2024"]
        );
        assert_eq!(chunk_name("izin"), "697a");
        assert_eq!(chunk_name("é"), "c3a9");
    }
}
