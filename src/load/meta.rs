//! The keys every content file may have, whatever its folder: title, dates,
//! slug, aliases, whether it is an example (`illustrative`), and where its
//! facts come from (`[[sources]]`). They are read here; the plan stage's
//! schema declares them (and reports any other key).

use std::path::Path;

use serde::Serialize;

use crate::paths;
use crate::table::fields::{Fields, Problems};
use crate::table::{Date, Table};

#[derive(Debug, Clone, Default)]
pub struct PageMeta {
    pub title: String,
    pub description: Option<String>,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    pub draft: bool,
    pub slug: Option<String>,
    pub weight: Option<i64>,
    pub template: Option<String>,
    pub aliases: Vec<String>,
    /// An example of what the plan could hold, not a decision or a fact.
    pub illustrative: bool,
    /// Where the page's facts come from (`[[sources]]`).
    pub references: Vec<Reference>,
    /// The page's card picture and link preview: a path as a Markdown image takes.
    pub image: Option<String>,
    /// Its alt text, in this file's language.
    pub image_alt: Option<String>,
    pub extra: serde_json::Value,
}

/// A source of the page's facts: a report, a decree, an article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reference {
    /// What facts cite it by (`source = "<id>"`), when any do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub title: String,
    pub publisher: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    pub date: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The exact words quoted from it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// The language it is written in, when not the site's default language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// Reads the common keys; `None` when the file cannot be a page (no title).
pub fn read(front: &Table, file: &Path, problems: &Problems) -> Option<PageMeta> {
    let f = Fields::new(front, file, "front matter", problems);
    let title = f.required_str("title");
    let meta = PageMeta {
        title: title.clone().unwrap_or_default(),
        description: f.str("description"),
        date: f.date("date"),
        updated: f.date("updated"),
        draft: f.bool("draft").unwrap_or(false),
        slug: f.str("slug"),
        weight: f.int("weight"),
        template: f.str("template"),
        aliases: f.str_list("aliases"),
        illustrative: f.bool("illustrative").unwrap_or(false),
        references: references(&f),
        image: f.str("image").filter(|u| url_allowed(&f, "image", u)),
        image_alt: f.str("image_alt"),
        extra: f.json_table("extra"),
    };
    title.map(|_| meta)
}

/// The `[[sources]]` of a file, each checked; ids must be unique in the file.
fn references(f: &Fields) -> Vec<Reference> {
    let mut out: Vec<Reference> = Vec::new();
    for row in f.tables("sources", "a `[[sources]]` entry") {
        let title = row.required_str("title");
        let publisher = row.required_str("publisher");
        let date = row.date("date");
        if !row.table_has("date") {
            row.report_missing("date", "2023-07-05");
        }
        let id = row.non_empty_str("id");
        if let Some(id) = &id
            && out.iter().any(|r| r.id.as_ref() == Some(id))
        {
            row.report(row.error("id", format!("two sources have the id `{id}`")));
        }
        let url = row.str("url").filter(|u| url_allowed(&row, "url", u));
        let reference = Reference {
            id,
            author: row.non_empty_str("author"),
            url,
            quote: row.non_empty_str("quote"),
            lang: row.non_empty_str("lang"),
            title: title.unwrap_or_default(),
            publisher: publisher.unwrap_or_default(),
            date: date.unwrap_or(Date::year(1)),
        };
        let complete = !reference.title.is_empty() && !reference.publisher.is_empty();
        row.finish();
        if complete && date.is_some() {
            out.push(reference);
        }
    }
    out
}

/// Reports a URL an author wrote whose scheme a page must not link to.
pub fn url_allowed(f: &Fields, key: &str, url: &str) -> bool {
    match paths::check_link(url) {
        Ok(()) => true,
        Err(why) => {
            f.report(
                f.error(key, format!("`{key}` {why}: {url:?}"))
                    .with_hint(paths::LINK_HINT),
            );
            false
        }
    }
}
