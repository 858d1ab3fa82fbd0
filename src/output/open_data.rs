//! Open data: the whole plan as `data/plan.json`, and one row per programme
//! in `data/programs.csv`, both languages side by side.
//!
//! Text of a language that has no translation is left out of the JSON and
//! empty in the CSV, rather than filled with another language's words.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::{Config, Lang};
use crate::load::Sources;
use crate::plan::model::*;
use crate::plan::{Page, Plan};
use crate::render::Output;
use crate::render::context::encode_path;

type PerLang = BTreeMap<String, String>;

#[derive(Serialize)]
struct Item<'a, T: Serialize> {
    id: &'a str,
    title: PerLang,
    url: PerLang,
    #[serde(flatten)]
    facts: T,
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
        urls.insert(v.lang.to_string(), config.permalink(&encode_path(&v.path)));
    }
    (titles, urls)
}

fn per_lang(texts: &Texts<String>) -> PerLang {
    texts
        .by_lang
        .iter()
        .map(|(l, t)| (l.to_string(), t.clone()))
        .collect()
}

#[derive(Serialize)]
struct IndicatorOut<'a> {
    name: PerLang,
    unit: &'a str,
    baseline: Option<f64>,
    baseline_year: Option<i32>,
    target: Option<f64>,
    target_year: Option<i32>,
}

#[derive(Serialize)]
struct PillarFacts<'a> {
    weight: i64,
    summary: PerLang,
    goals: BTreeMap<String, &'a Vec<String>>,
    indicators: Vec<IndicatorOut<'a>>,
}

#[derive(Serialize)]
struct MilestoneOut {
    date: String,
    done: bool,
    title: PerLang,
}

#[derive(Serialize)]
struct ProgrammeFacts<'a> {
    pillar: &'a PillarId,
    status: Status,
    quick_win: bool,
    start: i32,
    end: i32,
    lead: &'a StakeholderId,
    partners: &'a [StakeholderId],
    budget: &'a [BudgetLine],
    budget_total: i64,
    milestones: Vec<MilestoneOut>,
}

#[derive(Serialize)]
struct StakeholderFacts<'a> {
    kind: StakeholderKind,
    role: PerLang,
    organization: Option<&'a StakeholderId>,
    groups: &'a [GroupId],
    #[serde(flatten)]
    contact: &'a Contact,
}

#[derive(Serialize)]
struct EventFacts<'a> {
    date: String,
    pillars: &'a [PillarId],
    stakeholders: &'a [StakeholderId],
}

#[derive(Serialize)]
struct ArticleFacts {
    date: String,
}

#[derive(Serialize)]
struct GroupOut<'a> {
    id: &'a str,
    name: PerLang,
}

#[derive(Serialize)]
struct PlanOut<'a> {
    title: PerLang,
    languages: Vec<&'a str>,
    default_language: &'a str,
    pillars: Vec<Item<'a, PillarFacts<'a>>>,
    programmes: Vec<Item<'a, ProgrammeFacts<'a>>>,
    groups: Vec<GroupOut<'a>>,
    stakeholders: Vec<Item<'a, StakeholderFacts<'a>>>,
    events: Vec<Item<'a, EventFacts<'a>>>,
    news: Vec<Item<'a, ArticleFacts>>,
}

pub fn plan_json(config: &Config, sources: &Sources, plan: &Plan) -> Output {
    let m = &plan.model;
    let wrap = |page: usize| titles_urls(config, sources, &plan.tree.pages[page]);
    let out = PlanOut {
        title: config
            .language_config
            .iter()
            .map(|(l, c)| (l.to_string(), c.title.clone()))
            .collect(),
        languages: config.languages.iter().map(Lang::as_str).collect(),
        default_language: config.default_language.as_str(),
        pillars: m
            .pillars
            .iter()
            .map(|p| {
                let (title, url) = wrap(p.page);
                Item {
                    id: p.id.as_str(),
                    title,
                    url,
                    facts: PillarFacts {
                        weight: p.weight,
                        summary: per_lang(&p.summary),
                        goals: p
                            .goals
                            .by_lang
                            .iter()
                            .map(|(l, g)| (l.to_string(), g))
                            .collect(),
                        indicators: p
                            .indicators
                            .iter()
                            .map(|i| IndicatorOut {
                                name: per_lang(&i.name),
                                unit: &i.unit,
                                baseline: i.baseline,
                                baseline_year: i.baseline_year,
                                target: i.target,
                                target_year: i.target_year,
                            })
                            .collect(),
                    },
                }
            })
            .collect(),
        programmes: m
            .programmes
            .iter()
            .map(|p| {
                let (title, url) = wrap(p.page);
                Item {
                    id: p.id.as_str(),
                    title,
                    url,
                    facts: ProgrammeFacts {
                        pillar: &p.pillar,
                        status: p.status,
                        quick_win: p.quick_win,
                        start: p.start.year(),
                        end: p.end_year(),
                        lead: &p.lead,
                        partners: &p.partners,
                        budget: &p.budget,
                        budget_total: p.budget_total(),
                        milestones: p
                            .milestones
                            .iter()
                            .map(|ms| MilestoneOut {
                                date: ms.date.iso(),
                                done: ms.done,
                                title: per_lang(&ms.title),
                            })
                            .collect(),
                    },
                }
            })
            .collect(),
        groups: m
            .groups
            .iter()
            .map(|g| GroupOut {
                id: g.id.as_str(),
                name: per_lang(&g.name),
            })
            .collect(),
        stakeholders: m
            .stakeholders
            .iter()
            .map(|s| {
                let (title, url) = wrap(s.page);
                Item {
                    id: s.id.as_str(),
                    title,
                    url,
                    facts: StakeholderFacts {
                        kind: s.kind,
                        role: per_lang(&s.role),
                        organization: s.organization.as_ref(),
                        groups: &s.groups,
                        contact: &s.contact,
                    },
                }
            })
            .collect(),
        events: m
            .events
            .iter()
            .map(|e| {
                let (title, url) = wrap(e.page);
                Item {
                    id: e.id.as_str(),
                    title,
                    url,
                    facts: EventFacts {
                        date: e.date.iso(),
                        pillars: &e.pillars,
                        stakeholders: &e.stakeholders,
                    },
                }
            })
            .collect(),
        news: m
            .news
            .iter()
            .map(|a| {
                let (title, url) = wrap(a.page);
                Item {
                    id: a.id.as_str(),
                    title,
                    url,
                    facts: ArticleFacts { date: a.date.iso() },
                }
            })
            .collect(),
    };
    let mut bytes = serde_json::to_vec(&out).unwrap_or_default();
    bytes.push(b'\n');
    Output {
        path: "data/plan.json".into(),
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
    let mut csv = String::new();
    push_row(&mut csv, &header);
    for p in &plan.model.programmes {
        let (titles, urls) = titles_urls(config, sources, &plan.tree.pages[p.page]);
        let mut row = vec![
            p.id.to_string(),
            p.pillar.to_string(),
            p.status.as_str().to_string(),
            p.quick_win.to_string(),
            p.start.year().to_string(),
            p.end_year().to_string(),
            p.lead.to_string(),
            p.partners
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(";"),
            p.budget_total().to_string(),
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
        push_row(&mut csv, &row);
    }
    Output {
        path: "data/programs.csv".into(),
        bytes: csv.into_bytes(),
    }
}

/// RFC 4180: fields with a comma, quote or line break are quoted.
fn push_row(out: &mut String, fields: &[String]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
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
}
