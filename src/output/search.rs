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

use ahash::AHashMap;

use pagefind_stem::{Algorithm, Stemmer};
use serde::Serialize;

use crate::config::{Config, Lang};
use crate::diagnostics::Diagnostic;
use crate::load::Sources;
use crate::paths;
use crate::plan::Plan;
use crate::render::{Emit, Output, PageTexts};

use crate::paths::SEARCH_DOCS_PER_CHUNK as DOCS_PER_CHUNK;
/// Characters of a document's text kept for its result snippet.
const EXCERPT_CHARS: usize = 600;

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

/// Lowercased words of `text`: letters and digits, at least two characters
/// (what the index holds; it lowercases them in place, without this allocation).
#[cfg(test)]
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    raw_words(text).map(str::to_lowercase)
}

/// The start of a page's text shown under its title in the results.
fn excerpt(text: &str) -> String {
    let end = text
        .char_indices()
        .nth(EXCERPT_CHARS)
        .map_or(text.len(), |(i, _)| i);
    text[..end].to_string()
}

/// The words of `text` as written.
fn raw_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 2 && (w.is_ascii() || w.chars().count() >= 2))
}

/// `word` in lower case: itself when it is already (most words are),
/// else lowercased into `buf`, without allocating for the common ASCII case.
fn lowercase<'a>(word: &'a str, buf: &'a mut String) -> &'a str {
    if word
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        return word;
    }
    buf.clear();
    if word.is_ascii() {
        buf.push_str(word);
        buf.make_ascii_lowercase();
    } else {
        buf.push_str(&word.to_lowercase());
    }
    buf
}

/// The chunk a word or stem belongs to: its first two characters, in hex.
pub fn chunk_name(word: &str) -> String {
    use std::fmt::Write;
    let end = word.char_indices().nth(2).map_or(word.len(), |(i, _)| i);
    let mut name = String::with_capacity(2 * end);
    for b in word[..end].bytes() {
        let _ = write!(name, "{b:02x}");
    }
    name
}

#[derive(Default, Serialize)]
struct TermChunk {
    /// Word -> stem, for every word starting with this chunk's letters.
    w: BTreeMap<String, String>,
    /// Stem -> flat list of (document, score) pairs.
    p: BTreeMap<String, Vec<u32>>,
}

/// Words and stems seen so far, numbered, with each stem's postings.
#[derive(Default)]
struct Vocabulary {
    /// Word -> where its stems' numbers start in `word_stems`, and how many.
    words: AHashMap<String, (u32, u32)>,
    word_stems: Vec<u32>,
    stem_ids: AHashMap<String, u32>,
    stems: Vec<String>,
    /// Per stem: flat (document, score) pairs, documents ascending.
    postings: Vec<Vec<u32>>,
    /// Per stem: its score in the document being added (zero elsewhere).
    scores: Vec<u32>,
    /// The stems the document being added has scored.
    scored: Vec<u32>,
}

impl Vocabulary {
    /// Scores the document's stems (each field's words, by the field's
    /// weight) and adds them to the postings.
    fn add_document(
        &mut self,
        doc: u32,
        fields: &[(&str, u32)],
        stemmer: Option<&Stemmer>,
        lang: &str,
    ) {
        let mut word = String::new();
        for &(text, weight) in fields {
            for raw in raw_words(text) {
                let lower = lowercase(raw, &mut word);
                let (start, len) = self.stems_of(lower, stemmer, lang);
                for i in start..start + len {
                    let stem = self.word_stems[i as usize] as usize;
                    if self.scores[stem] == 0 {
                        self.scored.push(stem as u32);
                    }
                    self.scores[stem] += weight;
                }
            }
        }
        for stem in self.scored.drain(..) {
            let score = std::mem::take(&mut self.scores[stem as usize]);
            let postings = &mut self.postings[stem as usize];
            postings.push(doc);
            postings.push(score.min(255));
        }
    }

    /// Where the numbers of `word`'s stems are in `word_stems`.
    fn stems_of(&mut self, word: &str, stemmer: Option<&Stemmer>, lang: &str) -> (u32, u32) {
        if let Some(&found) = self.words.get(word) {
            return found;
        }
        let start = self.word_stems.len() as u32;
        for stem in stems(stemmer, lang, word) {
            let id = match self.stem_ids.get(&stem) {
                Some(&id) => id,
                None => {
                    let id = self.stems.len() as u32;
                    self.stem_ids.insert(stem.clone(), id);
                    self.stems.push(stem);
                    self.postings.push(Vec::new());
                    self.scores.push(0);
                    id
                }
            };
            self.word_stems.push(id);
        }
        let found = (start, self.word_stems.len() as u32 - start);
        self.words.insert(word.to_string(), found);
        found
    }
}

/// A document of the index: `[title, url, section, lang, excerpt]`.
type Doc = [String; 5];

/// Builds the index of one language from each page's plain text and hands
/// its files to `emit` as they are made; returns the files it could not write.
pub fn index(
    config: &Config,
    sources: &Sources,
    plan: &Plan,
    lang: &Lang,
    texts: &PageTexts,
    emit: &Emit,
) -> Vec<Diagnostic> {
    let li = config.lang_ix(lang);
    let stemmers: HashMap<&str, Option<Stemmer>> = config
        .languages
        .iter()
        .map(|l| (l.as_str(), stemmer_for(l.as_str())))
        .collect();
    // One vocabulary per language of text (untranslated pages keep their own language).
    let mut vocabularies: BTreeMap<String, Vocabulary> = BTreeMap::new();
    let mut docs: Vec<Doc> = Vec::new();
    let empty = String::new();
    for (p, page) in plan.tree.pages.iter_enumerated() {
        let v = &page.versions[li];
        let Some(src) = v.source.map(|s| &sources.files[s]) else {
            continue;
        };
        let doc = docs.len() as u32;
        let text = texts.get(&(p, li)).unwrap_or(&empty);
        let section = page.parent.map(|s| {
            let sp = &plan.tree.pages[s];
            sp.versions[li]
                .source
                .map_or_else(|| sp.name.clone(), |i| sources.files[i].meta.title.clone())
        });
        docs.push([
            src.meta.title.clone(),
            paths::encode(&v.path),
            section.unwrap_or_default(),
            src.lang.to_string(),
            excerpt(text),
        ]);
        let text_lang = src.lang.as_str();
        let stemmer = stemmers.get(text_lang).and_then(|s| s.as_ref());
        let vocabulary = vocabularies.entry(text_lang.to_string()).or_default();
        let description = src.meta.description.as_deref().unwrap_or("");
        let fields = [
            (src.meta.title.as_str(), 10u32),
            (description, 3),
            (text.as_str(), 1),
        ];
        vocabulary.add_document(doc, &fields, stemmer, text_lang);
    }
    for (section, title, url, text) in timeline_years(sources, plan, lang) {
        let doc = docs.len() as u32;
        let stemmer = stemmers.get(lang.as_str()).and_then(|s| s.as_ref());
        let fields = [(title.as_str(), 10u32), (text.as_str(), 1)];
        vocabularies
            .entry(lang.to_string())
            .or_default()
            .add_document(doc, &fields, stemmer, lang.as_str());
        docs.push([title, url, section, lang.to_string(), excerpt(&text)]);
    }
    let root = paths::relative(
        &config.base_path,
        &paths::search_index(&config.base_path, lang.as_str()),
    );
    files(&root, term_chunks(vocabularies), &docs, emit)
}

/// The pages of a timeline split by year, as search documents: (the timeline's
/// title, the page's title, its address, the titles of its events and milestones).
fn timeline_years(
    sources: &Sources,
    plan: &Plan,
    lang: &Lang,
) -> Vec<(String, String, String, String)> {
    let apart = plan.model.timeline_years_apart();
    let timeline = plan
        .tree
        .pages
        .iter()
        .find(|p| p.role == crate::plan::Role::Timeline);
    let (Some(timeline), false) = (timeline, apart.is_empty()) else {
        return Vec::new();
    };
    let v = timeline.version(lang);
    let name = v.source.map_or_else(
        || timeline.name.clone(),
        |s| sources.files[s].meta.title.clone(),
    );
    let title_of = |page: crate::plan::PageId| {
        plan.tree.pages[page]
            .version(lang)
            .source
            .map(|s| sources.files[s].meta.title.as_str())
            .unwrap_or_default()
    };
    apart
        .iter()
        .map(|&(year, _)| {
            let events = plan
                .model
                .events
                .iter()
                .filter(|e| e.date.year == year)
                .map(|e| title_of(e.page));
            let milestones = plan
                .model
                .programmes
                .iter()
                .flat_map(|p| &p.milestones)
                .filter(|m| m.date.year == year)
                .filter_map(|m| m.title.get(lang).map(String::as_str));
            let text: Vec<&str> = events.chain(milestones).collect();
            (
                name.clone(),
                format!("{name} {year}"),
                paths::encode(&format!("{}{year}/", v.path)),
                text.join(". "),
            )
        })
        .collect()
}

/// Every vocabulary's words and postings, by chunk.
fn term_chunks(vocabularies: BTreeMap<String, Vocabulary>) -> BTreeMap<String, TermChunk> {
    let mut chunks: BTreeMap<String, TermChunk> = BTreeMap::new();
    for vocabulary in vocabularies.into_values() {
        for (word, &(start, _)) in &vocabulary.words {
            let first = &vocabulary.stems[vocabulary.word_stems[start as usize] as usize];
            // A word that is its own stem need not be listed: the browser tries the word itself.
            if first != word {
                chunks
                    .entry(chunk_name(word))
                    .or_default()
                    .w
                    .entry(word.clone())
                    .or_insert_with(|| first.clone());
            }
        }
        for (stem, postings) in vocabulary.stems.into_iter().zip(vocabulary.postings) {
            let entry = chunks
                .entry(chunk_name(&stem))
                .or_default()
                .p
                .entry(stem)
                .or_default();
            entry.extend(postings);
        }
    }
    chunks
}

/// The index files under `root`, term chunks and document chunks, each
/// handed to `emit` once made; returns the files it could not write.
fn files(
    root: &str,
    chunks: BTreeMap<String, TermChunk>,
    docs: &[Doc],
    emit: &Emit,
) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let chunks: Vec<(String, TermChunk)> = chunks.into_iter().collect();
    let terms = chunks.into_par_iter().map(|(name, mut chunk)| {
        for list in chunk.p.values_mut() {
            sort_pairs(list);
        }
        Output {
            path: format!("{root}t/{name}.json"),
            bytes: serde_json::to_vec(&chunk).unwrap_or_default(),
        }
    });
    let documents = docs
        .par_chunks(DOCS_PER_CHUNK)
        .enumerate()
        .map(|(n, group)| Output {
            path: format!("{root}d/{n}.json"),
            bytes: serde_json::to_vec(group).unwrap_or_default(),
        });
    terms
        .chain(documents)
        .filter_map(|o| emit(o).err())
        .collect()
}

/// Orders a flat (document, score) list by document, for stable output
/// when two vocabularies (two languages of text) share a stem.
fn sort_pairs(list: &mut Vec<u32>) {
    let mut pairs: Vec<(u32, u32)> = list.chunks(2).map(|c| (c[0], c[1])).collect();
    pairs.sort_unstable();
    *list = pairs.into_iter().flat_map(|(d, s)| [d, s]).collect();
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
