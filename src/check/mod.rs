//! `terbit check`: the publish gate.
//!
//! Runs every validation of `build`, renders the site in memory, and then
//! looks at what a reader would get: internal links and `#anchors` (from
//! Markdown and from templates), files referenced but missing, images
//! without alt text, stakeholders nothing refers to, and translations that
//! are missing or older than their source (by `updated`, else by git
//! history). Nothing is written.

pub mod html;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::config::Config;
use crate::diagnostics::{Diagnostics, Severity, WarningLimit, line_col};
use crate::load::Sources;
use crate::output::memory::{Files, MemorySink};
use crate::plan::pages::source_of;
use crate::plan::read::FACT_DIFFERS;
use crate::site::{BuildOptions, Scope, Site};

/// One problem, as `check --format json` reports it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    pub file: String,
    pub line: usize,
    pub kind: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

/// How much of a section is translated into a language.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Coverage {
    pub translated: usize,
    pub total: usize,
    /// Page keys without a file in this language.
    pub missing: Vec<String>,
}

#[derive(Debug, Default, Serialize)]
pub struct Report {
    pub errors: Vec<Finding>,
    pub warnings: Vec<Finding>,
    /// Section -> language -> coverage.
    pub translations: BTreeMap<String, BTreeMap<String, Coverage>>,
}

impl Report {
    fn push(&mut self, severity: Severity, finding: Finding) {
        match severity {
            Severity::Error => self.errors.push(finding),
            Severity::Warning => self.warnings.push(finding),
        }
    }

    fn add_diagnostics(&mut self, diags: Diagnostics, kind: &str) {
        for d in diags.sorted() {
            // A translation that repeats a fact differently builds (the default
            // language wins) but must not be published.
            let severity = if d.kind == Some(FACT_DIFFERS) {
                Severity::Error
            } else {
                d.severity
            };
            let finding = Finding {
                file: d.file.display().to_string(),
                line: d.line,
                kind: d.kind.unwrap_or(kind).to_string(),
                message: d.message,
                hint: d.hint,
            };
            self.push(severity, finding);
        }
    }

    fn finish(&mut self) {
        for list in [&mut self.errors, &mut self.warnings] {
            list.sort();
            list.dedup();
        }
    }

    /// The report for a terminal: grouped by file, then a translation summary.
    pub fn to_text(&self) -> String {
        let mut by_file: BTreeMap<&str, Vec<(&str, &Finding)>> = BTreeMap::new();
        for f in &self.errors {
            by_file.entry(&f.file).or_default().push(("error", f));
        }
        for f in &self.warnings {
            by_file.entry(&f.file).or_default().push(("warning", f));
        }
        // Every error; of the warnings, the first few of each kind in the
        // order of the files, then how many more.
        let mut limit = WarningLimit::default();
        let mut out = String::new();
        for (file, findings) in by_file {
            let findings: Vec<_> = (findings.into_iter())
                .filter(|(severity, f)| *severity == "error" || limit.admit(Some(&f.kind)))
                .collect();
            if findings.is_empty() {
                continue;
            }
            out.push_str(file);
            out.push('\n');
            for (severity, f) in findings {
                let at = if f.line > 0 {
                    format!("{:>5}", f.line)
                } else {
                    "    -".to_string()
                };
                out.push_str(&format!("{at}: {severity} [{}] {}\n", f.kind, f.message));
                if let Some(h) = &f.hint {
                    out.push_str(&format!("       hint: {h}\n"));
                }
            }
        }
        for line in limit.omitted() {
            out.push_str(&line);
            out.push('\n');
        }
        if !self.translations.is_empty() {
            out.push_str("\ntranslations (translated / pages):\n");
            for (section, langs) in &self.translations {
                let cells: Vec<String> = langs
                    .iter()
                    .map(|(l, c)| format!("{l} {}/{}", c.translated, c.total))
                    .collect();
                out.push_str(&format!("  {section:<24} {}\n", cells.join("   ")));
            }
        }
        out.push_str(&format!(
            "\n{} error(s), {} warning(s)\n",
            self.errors.len(),
            self.warnings.len()
        ));
        out
    }
}

pub struct CheckOptions {
    pub root: PathBuf,
    /// Missing and stale translations are errors, not warnings.
    pub strict: bool,
    /// Counts what the check has rendered, for a progress bar.
    pub progress: std::sync::Arc<crate::progress::Progress>,
}

pub fn check(options: &CheckOptions) -> Report {
    let mut report = Report::default();
    let build = BuildOptions {
        progress: options.progress.clone(),
        ..BuildOptions::new(&options.root)
    };
    let (site, warnings) = match Site::load(&build) {
        Ok(loaded) => loaded,
        Err(diags) => {
            report.add_diagnostics(diags, "build");
            report.finish();
            return report;
        }
    };
    report.add_diagnostics(warnings, "build");
    let sink = MemorySink::default();
    let mut diags = Diagnostics::new();
    site.render(&Scope::ALL, &sink, &mut diags);
    options.progress.checking();
    report.add_diagnostics(diags, "build");
    let mut slow = Diagnostics::new();
    for warning in site.sources.pictures.slow_originals() {
        slow.push(warning);
    }
    report.add_diagnostics(slow, "large-image");
    let files = sink.into_files();
    links(&site, &files, &mut report);
    images_in_markdown(&site.sources, &mut report);
    unreferenced_stakeholders(&site, &mut report);
    overdue_milestones(&site, &mut report);
    translations(&site, options.strict, &mut report);
    report.finish();
    report
}

/// Where a page's text came from, to point a problem at its source.
struct Origin<'a> {
    file: &'a Path,
    body: &'a str,
    body_line: usize,
}

fn origins<'a>(site: &'a Site) -> HashMap<String, Origin<'a>> {
    let mut map = HashMap::new();
    for page in &site.plan.tree.pages {
        for v in &page.versions {
            if let Some(src) = v.source.map(|s| &site.sources.files[s]) {
                map.insert(
                    crate::paths::output_file(&site.config.base_path, &v.path),
                    Origin {
                        file: &src.file,
                        body: &src.body,
                        body_line: src.body_line,
                    },
                );
            }
        }
    }
    map
}

fn links(site: &Site, files: &Files, report: &mut Report) {
    let config = &site.config;
    let origins = origins(site);
    let scans: HashMap<&str, html::Scan> = files
        .iter()
        .filter(|(k, _)| k.ends_with(".html"))
        .map(|(k, v)| (k.as_str(), html::scan(&String::from_utf8_lossy(v))))
        .collect();
    // A broken link in a template shows on every page: report it once.
    let mut from_templates: BTreeMap<(String, String), (String, usize)> = BTreeMap::new();
    // A page's text shown again elsewhere (the plan document) is reported at its file only.
    let mut from_files: std::collections::HashSet<(String, String)> = Default::default();
    let mut pages: Vec<&&str> = scans.keys().collect();
    pages.sort();
    for page in pages {
        let scan = &scans[*page];
        let origin = origins.get(*page);
        for link in &scan.links {
            let Some(problem) = link_problem(config, page, link, files, &scans) else {
                continue;
            };
            let (kind, message) = problem;
            match origin.and_then(|o| line_in_body(o, link).map(|line| (o, line))) {
                Some((o, line)) => {
                    from_files.insert((kind.to_string(), message.clone()));
                    report.errors.push(Finding {
                        file: o.file.display().to_string(),
                        line,
                        kind: kind.to_string(),
                        message,
                        hint: None,
                    })
                }
                None => {
                    let entry = from_templates
                        .entry((kind.to_string(), message))
                        .or_insert((page.to_string(), 0));
                    entry.1 += 1;
                }
            }
        }
        for img in &scan.images {
            if img.alt.is_none() {
                let file =
                    origin.map_or_else(|| page.to_string(), |o| o.file.display().to_string());
                let line = origin.and_then(|o| line_of(o, &img.src)).unwrap_or(0);
                report.errors.push(Finding {
                    file,
                    line,
                    kind: "missing-alt".into(),
                    message: format!("image {} has no alt attribute", img.src),
                    hint: Some("describe the image for readers who cannot see it: alt=\"...\" (alt=\"\" if it is decoration)".into()),
                });
            }
        }
    }
    for ((kind, message), (page, count)) in from_templates {
        if from_files.contains(&(kind.clone(), message.clone())) {
            continue;
        }
        report.errors.push(Finding {
            file: format!("{page} (from a template)"),
            line: 0,
            kind,
            message: if count > 1 {
                format!("{message} (on {count} pages)")
            } else {
                message
            },
            hint: Some("the link is written by a template of the theme or of templates/".into()),
        });
    }
}

/// What is wrong with `link` on `page`, if anything: (kind, message).
fn link_problem(
    config: &Config,
    page: &str,
    link: &str,
    files: &Files,
    scans: &HashMap<&str, html::Scan>,
) -> Option<(&'static str, String)> {
    let own_origin = format!("{}{}", config.origin, config.base_path);
    let link_inside = if let Some(rest) = link.strip_prefix(&own_origin) {
        format!("{}{rest}", config.base_path)
    } else if link.contains("://")
        || link.starts_with("mailto:")
        || link.starts_with("tel:")
        || link.starts_with("data:")
        || link.starts_with("//")
    {
        return None;
    } else {
        link.to_string()
    };
    let (path_part, anchor) = match link_inside.split_once('#') {
        Some((p, a)) => (p.to_string(), Some(a.to_string())),
        None => (link_inside.clone(), None),
    };
    let path_part = path_part.split('?').next().unwrap_or("").to_string();
    let target = if path_part.is_empty() {
        page.to_string()
    } else {
        let absolute = if path_part.starts_with('/') {
            match path_part.strip_prefix(&config.base_path) {
                Some(rest) => rest.to_string(),
                None if format!("{path_part}/") == config.base_path => String::new(),
                None => {
                    return Some((
                        "broken-link",
                        format!(
                            "link {link} leaves the site's base path {}",
                            config.base_path
                        ),
                    ));
                }
            }
        } else {
            let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
            if dir.is_empty() {
                path_part.clone()
            } else {
                format!("{dir}/{path_part}")
            }
        };
        let decoded = crate::paths::normalise(&format!("/{absolute}")).ok()?;
        let key = if decoded.is_empty() || decoded.ends_with('/') {
            format!("{decoded}index.html")
        } else {
            decoded.clone()
        };
        if files.contains_key(&key) {
            key
        } else if files.contains_key(&format!("{decoded}/index.html")) {
            format!("{decoded}/index.html")
        } else {
            return Some((
                "broken-link",
                format!("link {link}: nothing is published at that address"),
            ));
        }
    };
    let anchor = anchor.filter(|a| !a.is_empty())?;
    let anchor = crate::paths::normalise(&format!("/{anchor}")).unwrap_or(anchor);
    let ids = scans.get(target.as_str()).map(|s| &s.ids)?;
    (!ids.contains(&anchor)).then(|| {
        (
            "broken-anchor",
            format!("link {link}: the page has no heading or element with id `{anchor}`"),
        )
    })
}

/// The line of the source where `link` (or its anchor, or last segment) is written.
fn line_in_body(origin: &Origin, link: &str) -> Option<usize> {
    let anchor = link.split_once('#').map(|(_, a)| format!("#{a}"));
    let tail = link
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(link)
        .to_string();
    anchor
        .iter()
        .chain(std::iter::once(&tail))
        .filter(|n| !n.is_empty() && *n != "#")
        .find_map(|needle| line_of(origin, needle))
}

fn line_of(origin: &Origin, needle: &str) -> Option<usize> {
    let at = origin.body.find(needle)?;
    Some(origin.body_line + line_col(origin.body, at).0 - 1)
}

/// `![](photo.jpg)`: an image whose alt text is empty in the Markdown.
fn images_in_markdown(sources: &Sources, report: &mut Report) {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    for src in &sources.files {
        let mut current: Option<(String, usize, String)> = None;
        for (event, range) in
            Parser::new_ext(&src.body, crate::markdown::options()).into_offset_iter()
        {
            match event {
                Event::Start(Tag::Image { dest_url, .. }) => {
                    current = Some((dest_url.to_string(), range.start, String::new()))
                }
                Event::Text(t) | Event::Code(t) => {
                    if let Some((_, _, alt)) = current.as_mut() {
                        alt.push_str(&t);
                    }
                }
                Event::End(TagEnd::Image) => {
                    if let Some((url, at, alt)) = current.take()
                        && alt.trim().is_empty()
                    {
                        report.errors.push(Finding {
                            file: src.file.display().to_string(),
                            line: src.body_line + line_col(&src.body, at).0 - 1,
                            kind: "missing-alt".into(),
                            message: format!("image {url} has no alt text"),
                            hint: Some("write what the image shows between the brackets: ![Peta jaringan CCTV](cctv.png)".into()),
                        });
                    }
                }
                _ => {}
            }
        }
    }
}

/// Milestones past their date and not marked done, as of the build's today.
fn overdue_milestones(site: &Site, report: &mut Report) {
    let today = site.config.today;
    for p in site.plan.model.programmes.iter() {
        let page = &site.plan.tree.pages[p.page];
        let Some(src) = source_of(&site.sources, page, &site.config.default_language) else {
            continue;
        };
        for m in p.milestones.iter().filter(|m| m.overdue) {
            let title = m
                .title
                .get(&site.config.default_language)
                .cloned()
                .unwrap_or_default();
            report.warnings.push(Finding {
                file: src.file.display().to_string(),
                line: m.line,
                kind: "overdue-milestone".into(),
                message: format!(
                    "milestone \"{title}\" of programme `{}` was due {} and is not done (today is {})",
                    p.id,
                    m.date.iso(),
                    today.iso()
                ),
                hint: Some("mark it `done = true` if it was reached, or give it a new date and say why in the text".into()),
            });
        }
    }
}

fn unreferenced_stakeholders(site: &Site, report: &mut Report) {
    let model = &site.plan.model;
    for s in model.stakeholders.iter() {
        let referenced = !model.led_by(&s.id).is_empty()
            || !model.partnered_by(&s.id).is_empty()
            || !model.members_of(&s.id).is_empty()
            || !model.events_of_stakeholder(&s.id).is_empty()
            || s.organization.is_some();
        if !referenced {
            let page = &site.plan.tree.pages[s.page];
            let file = page
                .versions
                .iter()
                .find_map(|v| v.source)
                .map(|i| site.sources.files[i].file.display().to_string())
                .unwrap_or_default();
            report.warnings.push(Finding {
                file,
                line: 0,
                kind: "unreferenced-stakeholder".into(),
                message: format!("stakeholder `{}` leads no programme, partners in none and took part in no event", s.id),
                hint: Some("name it as a lead or partner, in an event's stakeholders, or remove it".into()),
            });
        }
    }
}

fn translations(site: &Site, strict: bool, report: &mut Report) {
    let config = &site.config;
    let severity = if strict {
        Severity::Error
    } else {
        Severity::Warning
    };
    for page in &site.plan.tree.pages {
        let section = page
            .dir
            .first()
            .cloned()
            .unwrap_or_else(|| "(home)".to_string());
        let default = page.version(&config.default_language);
        let default_src = default
            .translated
            .then(|| default.source.map(|s| &site.sources.files[s]))
            .flatten();
        for v in &page.versions {
            let cov = report
                .translations
                .entry(section.clone())
                .or_default()
                .entry(v.lang.to_string())
                .or_default();
            cov.total += 1;
            if v.translated {
                cov.translated += 1;
            } else if v.source.is_some() {
                cov.missing.push(page.key.clone());
                let from = v.source.map(|s| &site.sources.files[s]);
                let file = from
                    .map(|s| s.file.display().to_string())
                    .unwrap_or_default();
                let expected = expected_file(&page.key, v.lang.as_str());
                report.push(
                    severity,
                    Finding {
                        file,
                        line: 0,
                        kind: "missing-translation".into(),
                        message: format!("no {} translation: {expected} does not exist", v.lang),
                        hint: Some(format!(
                            "the page is shown in {} in the {} site until it is translated",
                            from.map_or("its language".to_string(), |s| s.lang.to_string()),
                            v.lang
                        )),
                    },
                );
            }
            if let (true, Some(d)) = (
                v.translated && v.lang != config.default_language,
                default_src,
            ) {
                let t = &site.sources.files[v.source.unwrap_or_default()];
                if let (Some(dd), Some(td)) =
                    (site.sources.last_updated(d), site.sources.last_updated(t))
                    && dd > td
                {
                    report.push(
                        severity,
                        Finding {
                            file: t.file.display().to_string(),
                            line: 0,
                            kind: "stale-translation".into(),
                            message: format!(
                                "translation last changed {}, before its source {} ({})",
                                td.iso(),
                                d.file.display(),
                                dd.iso()
                            ),
                            hint: Some("check the translation still says what the source says, then update it (and its `updated` date)".into()),
                        },
                    );
                }
            }
        }
    }
}

fn expected_file(key: &str, lang: &str) -> String {
    format!("{}/{key}.{lang}.md", crate::load::CONTENT_DIR)
}
