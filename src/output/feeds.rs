//! An Atom feed of the news per language, at `<lang root>/atom.xml`.
//!
//! Every article is in every language's feed (untranslated ones in their
//! original language, marked with `xml:lang`). Dates come from the articles,
//! never from the clock, so the feed is the same on every build.

use crate::config::{Config, Lang};
use crate::load::Sources;
use crate::plan::Plan;
use crate::render::context::encode_path;
use crate::render::{Output, Texts, escape_html as esc, relative_path};

/// Where a language's feed is, as a site path.
pub fn feed_path(config: &Config, lang: &Lang) -> String {
    format!("{}atom.xml", config.lang_root(lang))
}

pub fn atom(config: &Config, sources: &Sources, plan: &Plan, lang: &Lang, texts: &Texts) -> Output {
    let li = config.languages.iter().position(|l| l == lang).unwrap_or(0);
    let title = &config.language_config[lang].title;
    let self_url = config.permalink(&encode_path(&feed_path(config, lang)));
    let home = config.permalink(&encode_path(&config.lang_root(lang)));
    let updated = plan
        .model
        .news
        .first()
        .map_or_else(|| "1970-01-01".to_string(), |a| a.date.iso());
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n\
         <title>{}</title>\n<link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n<link href=\"{}\"/>\n\
         <updated>{updated}T00:00:00Z</updated>\n<id>{}</id>\n",
        esc(title),
        esc(&self_url),
        esc(&home),
        esc(&self_url)
    );
    for article in &plan.model.news {
        let page = &plan.tree.pages[article.page];
        let v = &page.versions[li];
        let Some(src) = v.source.map(|s| &sources.files[s]) else {
            continue;
        };
        let url = config.permalink(&encode_path(&v.path));
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
        let date = src.meta.updated.unwrap_or(article.date).iso();
        xml.push_str(&format!(
            "<entry xml:lang=\"{}\">\n<title>{}</title>\n<link href=\"{}\"/>\n<id>{}</id>\n<published>{}T00:00:00Z</published>\n<updated>{date}T00:00:00Z</updated>\n<summary>{}</summary>\n</entry>\n",
            src.lang,
            esc(&src.meta.title),
            esc(&url),
            esc(&url),
            article.date.iso(),
            esc(&summary)
        ));
    }
    xml.push_str("</feed>\n");
    let path = relative_path(config, &feed_path(config, lang));
    Output {
        path,
        bytes: xml.into_bytes(),
    }
}
