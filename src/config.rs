//! `terbit.toml` -> [`Config`].
//!
//! Typed, with every unknown key rejected by name and line (a typo in the
//! configuration must not pass silently). The base URL is split here into the
//! origin and the path prefix that every internal link carries.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::index::{TiVec, index_type};
use crate::table::fields::{Fields, Problems};
use crate::table::{self, Date};

/// A language code as configured (`id`, `en`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Lang(pub String);

impl Lang {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

index_type!(
    /// A language's place in [`Config::languages`]: the default language is 0.
    LangIx
);

#[derive(Debug, Clone, serde::Serialize)]
pub struct LanguageConfig {
    pub title: String,
    pub description: String,
    /// Who publishes the plan (the plan document's cover), in this language.
    pub publisher: Option<String>,
}

/// Whether the plan is a draft or has been adopted by the city.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PlanStatus {
    Draft,
    Adopted,
}

/// `[plan]`: the plan's standing, and the time zone its dates are in.
#[derive(Debug, Clone)]
pub struct PlanConfig {
    /// `draft` unless the file says `adopted`.
    pub status: PlanStatus,
    /// When the plan was adopted (required when adopted).
    pub adopted: Option<Date>,
    /// The decree that adopted it.
    pub decree: Option<String>,
    /// The city's time zone (IANA name), for "today"; default UTC.
    pub timezone: String,
}

impl Default for PlanConfig {
    fn default() -> Self {
        PlanConfig {
            status: PlanStatus::Draft,
            adopted: None,
            decree: None,
            timezone: "UTC".into(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    /// Where `terbit.toml` lives; every other path is relative to it.
    pub root: PathBuf,
    /// `https://host[:port]`, without a trailing slash.
    pub origin: String,
    /// The path of the base URL, starting and ending with `/` (`/` or `/plan/`).
    pub base_path: String,
    pub default_language: Lang,
    /// Every language, the default first, then by code.
    pub languages: TiVec<LangIx, Lang>,
    pub language_config: BTreeMap<Lang, LanguageConfig>,
    pub theme: String,
    pub current_edition: Option<String>,
    pub plan: PlanConfig,
    /// `[markdown] embed_hosts`: hosts whose pages an `<iframe>` in the text may show.
    pub embed_hosts: Vec<String>,
    /// The day the build sees as today: the date of `SOURCE_DATE_EPOCH`
    /// when it is set, else the current date in the plan's time zone.
    pub today: Date,
    pub extra: serde_json::Value,
}

/// The environment variable that fixes "today" for reproducible builds.
pub const SOURCE_DATE_EPOCH: &str = "SOURCE_DATE_EPOCH";

pub const CONFIG_FILE: &str = "terbit.toml";

impl Config {
    /// Reads `root/terbit.toml`.
    pub fn load(root: &Path) -> Result<Config, Diagnostics> {
        let path = root.join(CONFIG_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                return Err(Diagnostic::error(CONFIG_FILE, format!("cannot read the site configuration: {e}"))
                    .with_hint(format!(
                        "run terbit in the folder that holds {CONFIG_FILE}, or pass --root DIR (terbit init DIR makes a new site)"
                    ))
                    .into());
            }
        };
        Config::parse(root, &text)
    }

    pub fn parse(root: &Path, text: &str) -> Result<Config, Diagnostics> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let file = Path::new(CONFIG_FILE);
        let (table, syntax) = table::parse(text, 1);
        if !syntax.is_empty() {
            return Err(syntax
                .into_iter()
                .map(|e| Diagnostic::error(file, e.message).at(e.line, e.column))
                .collect());
        }
        let sink = Problems::default();
        let fields = Fields::new(&table, file, CONFIG_FILE, &sink);

        let base_url = fields.required_str("base_url").unwrap_or_default();
        let (origin, base_path) = match split_base_url(&base_url) {
            Some(parts) => parts,
            None => {
                if !base_url.is_empty() {
                    sink.push(
                        fields
                            .error("base_url", format!("`base_url` is not an http(s) URL: {base_url}"))
                            .with_hint("write it like https://smartcity.example.go.id or https://user.github.io/plan"),
                    );
                }
                (String::new(), "/".to_string())
            }
        };
        let default_language = fields.required_str("default_language").unwrap_or_default();
        let theme = fields.str("theme").unwrap_or_else(|| "kota".to_string());

        let language_config = languages(&table, &fields, &sink);
        let mut current_edition = None;
        if let Some(ef) = fields.table("editions") {
            current_edition = ef.str("current");
            ef.finish();
        }
        let plan = plan_config(&fields);
        let embed_hosts = markdown_config(&fields);
        let today = today(&plan.timezone).unwrap_or_else(|d| {
            sink.push(d);
            Date::year(1970)
        });
        let extra = fields.json_table("extra");
        fields.finish();

        let default_language = Lang(default_language);
        if !default_language.0.is_empty() && !language_config.contains_key(&default_language) {
            sink.push(
                fields
                    .error("default_language", format!("default language `{default_language}` has no [languages.{default_language}] table"))
                    .with_hint(format!("add [languages.{default_language}] with a title")),
            );
        }
        let diagnostics = sink.into_inner();
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        let mut languages: Vec<Lang> = language_config.keys().cloned().collect();
        languages.sort_by_key(|l| (*l != default_language, l.clone()));
        let languages = TiVec::from(languages);
        Ok(Config {
            root: root.to_path_buf(),
            origin,
            base_path,
            default_language,
            languages,
            language_config,
            theme,
            current_edition,
            plan,
            embed_hosts,
            today,
            extra,
        })
    }

    /// Replaces the base URL (the `--base-url` flag).
    pub fn set_base_url(&mut self, url: &str) -> Result<(), Diagnostic> {
        let (origin, base_path) = split_base_url(url).ok_or_else(|| {
            Diagnostic::error("--base-url", format!("not an http(s) URL: {url}"))
                .with_hint("write it like https://user.github.io/plan")
        })?;
        self.origin = origin;
        self.base_path = base_path;
        Ok(())
    }

    pub fn is_default(&self, lang: &Lang) -> bool {
        *lang == self.default_language
    }

    /// The path prefix of a language's site: `/`, `/en/`, `/plan/en/`.
    pub fn lang_root(&self, lang: &Lang) -> String {
        if self.is_default(lang) {
            self.base_path.clone()
        } else {
            format!("{}{}/", self.base_path, lang)
        }
    }

    /// The full URL of a site path (one that starts with `base_path`).
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{}", self.origin, path)
    }

    /// The index of a configured language (the default language's for any other).
    pub fn lang_ix(&self, lang: &Lang) -> LangIx {
        self.languages
            .iter()
            .position(|l| l == lang)
            .map_or(LangIx(0), LangIx)
    }

    pub fn lang_by_code(&self, code: &str) -> Option<&Lang> {
        self.languages.iter().find(|l| l.as_str() == code)
    }
}

/// The `[plan]` table.
fn plan_config(fields: &Fields) -> PlanConfig {
    let mut plan = PlanConfig::default();
    let Some(pf) = fields.table("plan") else {
        return plan;
    };
    match pf.str("status").as_deref() {
        None | Some("draft") => {}
        Some("adopted") => plan.status = PlanStatus::Adopted,
        Some(other) => pf.report(
            pf.error(
                "status",
                format!("`status` is \"{other}\", which is not a plan status"),
            )
            .with_hint("allowed: draft, adopted"),
        ),
    }
    plan.adopted = pf.date("adopted");
    plan.decree = pf.non_empty_str("decree");
    if plan.status == PlanStatus::Adopted && plan.adopted.is_none() && !pf.table_has("adopted") {
        pf.report_missing("adopted", "2024-01-15");
    }
    if let Some(zone) = pf.str("timezone") {
        match jiff::tz::TimeZone::get(&zone) {
            Ok(_) => plan.timezone = zone,
            Err(_) => pf.report(
                pf.error(
                    "timezone",
                    format!("`timezone` {zone:?} is not a time zone"),
                )
                .with_hint("use an IANA name, like Asia/Makassar (WITA) or Asia/Jakarta (WIB)"),
            ),
        }
    }
    pf.finish();
    plan
}

/// `[markdown]`: the hosts whose pages an `<iframe>` in the text may show.
fn markdown_config(fields: &Fields) -> Vec<String> {
    let Some(mf) = fields.table("markdown") else {
        return Vec::new();
    };
    let hosts = mf.str_list("embed_hosts");
    for host in &hosts {
        if host.is_empty() || host.contains(['/', ':', ' ']) {
            mf.report(
                mf.error("embed_hosts", format!("{host:?} is not a host name"))
                    .with_hint("list host names only, like \"www.youtube-nocookie.com\""),
            );
        }
    }
    mf.finish();
    hosts
}

/// Today in `timezone`, or the date of `SOURCE_DATE_EPOCH` there when it is set.
fn today(timezone: &str) -> Result<Date, Diagnostic> {
    let zone = jiff::tz::TimeZone::get(timezone).unwrap_or(jiff::tz::TimeZone::UTC);
    let now = match std::env::var(SOURCE_DATE_EPOCH) {
        Ok(value) => value
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|s| jiff::Timestamp::from_second(s).ok())
            .ok_or_else(|| {
                Diagnostic::error(
                    SOURCE_DATE_EPOCH,
                    format!("{SOURCE_DATE_EPOCH} is {value:?}, not a number of seconds since 1970"),
                )
                .with_hint("set it to a Unix time such as 1767225600, or unset it")
            })?,
        Err(_) => jiff::Timestamp::now(),
    };
    Ok(Date::from_civil(now.to_zoned(zone).date()))
}

/// The `[languages.<code>]` tables.
fn languages(
    table: &table::Table,
    fields: &Fields,
    sink: &Problems,
) -> BTreeMap<Lang, LanguageConfig> {
    let file = fields.file();
    let mut language_config = BTreeMap::new();
    if let Some(field) = table.entries.get("languages") {
        let _ = fields.has("languages");
        match &field.value {
            table::Value::Table(langs) => {
                for (code, lang_field) in &langs.entries {
                    if !is_language_code(code) {
                        sink.push(
                            Diagnostic::error(file, format!("`{code}` is not a language code"))
                                .at(lang_field.line, lang_field.column)
                                .with_hint("use a code like id or en"),
                        );
                        continue;
                    }
                    let table::Value::Table(t) = &lang_field.value else {
                        sink.push(
                            Diagnostic::error(
                                file,
                                format!(
                                    "`languages.{code}` must be a table, written [languages.{code}]"
                                ),
                            )
                            .at(lang_field.line, lang_field.column),
                        );
                        continue;
                    };
                    let lf = Fields::new(t, file, format!("[languages.{code}]"), sink);
                    let title = lf.required_str("title").unwrap_or_default();
                    let description = lf.str("description").unwrap_or_default();
                    let publisher = lf.str("publisher");
                    lf.finish();
                    language_config.insert(
                        Lang(code.clone()),
                        LanguageConfig {
                            title,
                            description,
                            publisher,
                        },
                    );
                }
            }
            _ => sink.push(fields.error(
                "languages",
                "`languages` must be a table, written [languages.id]",
            )),
        }
    }
    language_config
}

/// Language codes: `id`, `en`, `pt-br` (lowercase letters, an optional region).
pub fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let main = parts.next().unwrap_or("");
    (2..=3).contains(&main.len())
        && main.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// `https://x.github.io/plan` -> (`https://x.github.io`, `/plan/`).
fn split_base_url(url: &str) -> Option<(String, String)> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let scheme_len = url.len() - rest.len();
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..host_end];
    if host.is_empty() || host.contains(char::is_whitespace) {
        return None;
    }
    let path = rest[host_end..].split(['?', '#']).next().unwrap_or("");
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segments.iter().any(|s| *s == "." || *s == "..") {
        return None;
    }
    let base_path = if segments.is_empty() {
        "/".to_string()
    } else {
        format!("/{}/", segments.join("/"))
    };
    Some((url[..scheme_len + host_end].to_string(), base_path))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
base_url = "https://x.github.io/plan/"
default_language = "id"
theme = "kota"
[languages.id]
title = "Rencana"
[languages.en]
title = "Plan"
description = "The plan"
[extra]
vision = "v"
"#;

    #[test]
    fn reads_languages_default_first() {
        let c = Config::parse(Path::new("."), GOOD).unwrap();
        assert_eq!(c.origin, "https://x.github.io");
        assert_eq!(c.base_path, "/plan/");
        assert_eq!(c.languages.raw, vec![Lang("id".into()), Lang("en".into())]);
        assert_eq!(c.lang_root(&Lang("en".into())), "/plan/en/");
        assert_eq!(c.extra["vision"], "v");
    }

    #[test]
    fn unknown_keys_are_named_with_their_line() {
        let text = GOOD.replace("theme = \"kota\"", "theme = \"kota\"\nbase_ulr = \"x\"");
        let errs = Config::parse(Path::new("."), &text).unwrap_err().sorted();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].line, 5);
        assert!(errs[0].message.contains("unknown key `base_ulr`"));
        assert_eq!(errs[0].hint.as_deref(), Some("did you mean `base_url`?"));
    }

    #[test]
    fn base_url_forms() {
        assert_eq!(
            split_base_url("http://127.0.0.1:8000/sub/path"),
            Some(("http://127.0.0.1:8000".into(), "/sub/path/".into()))
        );
        assert_eq!(
            split_base_url("https://a.id"),
            Some(("https://a.id".into(), "/".into()))
        );
        assert_eq!(split_base_url("ftp://a.id"), None);
        assert_eq!(split_base_url("https://a.id/../x"), None);
    }
}
