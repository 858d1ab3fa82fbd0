//! An Atom feed of the news per language, at `<lang root>/atom.xml`.
//!
//! Every article is in every language's feed (untranslated ones in their
//! original language, marked with `xml:lang`). Dates come from the articles,
//! never from the clock, so the feed is the same on every build.

use crate::config::{Config, Lang};
use crate::html::escape as esc;
use crate::load::{Source, Sources};
use crate::paths;
use crate::plan::Plan;
use crate::plan::model::NewsArticle;
use crate::render::{Output, PageTexts, Revision};

/// Each article with the file shown for it in one language.
fn entries<'a>(
    config: &Config,
    sources: &'a Sources,
    plan: &'a Plan,
    lang: &Lang,
) -> Vec<(&'a NewsArticle, &'a crate::plan::Version, &'a Source)> {
    let li = config.lang_ix(lang);
    plan.model
        .news
        .iter()
        .filter_map(|article| {
            let v = &plan.tree.pages[article.page].versions[li];
            let src = v.source.map(|s| &sources.files[s])?;
            Some((article, v, src))
        })
        .collect()
}

/// A feed's opening, up to its first entry.
fn head(lang: &Lang, title: &str, self_url: &str, home: &str, updated: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n\
         <title>{}</title>\n<link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n<link href=\"{}\"/>\n\
         <updated>{updated}T00:00:00Z</updated>\n<id>{}</id>\n",
        esc(title),
        esc(self_url),
        esc(home),
        esc(self_url)
    )
}

/// The feed of the plan's revisions in one language, beside the list of
/// editions (`<lang root>editions/atom.xml`): `entries` newest first.
pub fn revisions(config: &Config, lang: &Lang, title: &str, entries: &[Revision]) -> Output {
    let list = paths::editions_list(&config.lang_root(lang));
    let file = format!("{list}atom.xml");
    let self_url = config.permalink(&paths::encode(&file));
    let home = config.permalink(&paths::encode(&list));
    let updated = entries
        .iter()
        .filter_map(|e| e.date)
        .max()
        .map_or_else(|| "1970-01-01".to_string(), |d| d.iso());
    let mut xml = head(lang, title, &self_url, &home, &updated);
    for e in entries {
        let url = config.permalink(&paths::encode(&e.path));
        let date = e.date.map_or_else(|| "1970-01-01".to_string(), |d| d.iso());
        xml.push_str(&format!(
            "<entry>\n<title>{}</title>\n<link href=\"{}\"/>\n<id>{}</id>\n<updated>{date}T00:00:00Z</updated>\n<summary>{}</summary>\n</entry>\n",
            esc(&e.title),
            esc(&url),
            esc(&url),
            esc(&e.summary)
        ));
    }
    xml.push_str("</feed>\n");
    Output {
        path: paths::relative(&config.base_path, &file),
        bytes: xml.into_bytes(),
    }
}

pub fn atom(
    config: &Config,
    sources: &Sources,
    plan: &Plan,
    lang: &Lang,
    texts: &PageTexts,
    illustrative_label: &str,
) -> Output {
    let li = config.lang_ix(lang);
    let title = &config.language_config[lang].title;
    let self_url = config.permalink(&paths::encode(&paths::feed(&config.lang_root(lang))));
    let home = config.permalink(&paths::encode(&config.lang_root(lang)));
    let entries = entries(config, sources, plan, lang);
    // The feed changed when its newest entry was published or updated.
    let updated = entries
        .iter()
        .map(|(article, _, src)| src.meta.updated.unwrap_or(article.date).max(article.date))
        .max()
        .map_or_else(|| "1970-01-01".to_string(), |d| d.first_day().iso());
    let mut xml = head(lang, title, &self_url, &home, &updated);
    for (article, v, src) in entries {
        let url = config.permalink(&paths::encode(&v.path));
        // The text as rendered for the page itself: Markdown is not parsed twice.
        let summary = src.meta.description.clone().unwrap_or_else(|| {
            texts
                .get(&(article.page, li))
                .map(String::as_str)
                .unwrap_or_default()
                .split_whitespace()
                .take(60)
                .collect::<Vec<_>>()
                .join(" ")
        });
        let date = src.meta.updated.unwrap_or(article.date).first_day().iso();
        // An example says so in its title, which is what feed readers show.
        let (title, category) = if article.illustrative {
            (
                format!("[{illustrative_label}] {}", src.meta.title),
                format!(
                    "<category term=\"illustrative\" label=\"{}\"/>\n",
                    esc(illustrative_label)
                ),
            )
        } else {
            (src.meta.title.clone(), String::new())
        };
        xml.push_str(&format!(
            "<entry xml:lang=\"{}\">\n<title>{}</title>\n<link href=\"{}\"/>\n<id>{}</id>\n<published>{}T00:00:00Z</published>\n<updated>{date}T00:00:00Z</updated>\n{category}<summary>{}</summary>\n</entry>\n",
            src.lang,
            esc(&title),
            esc(&url),
            esc(&url),
            article.date.first_day().iso(),
            esc(&summary)
        ));
    }
    xml.push_str("</feed>\n");
    let path = paths::relative(&config.base_path, &paths::feed(&config.lang_root(lang)));
    Output {
        path,
        bytes: xml.into_bytes(),
    }
}
