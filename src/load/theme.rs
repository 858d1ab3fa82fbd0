//! The theme: templates, UI strings (i18n) and static files.
//!
//! Read from `themes/<name>/` when the site has it, else from the copy of the
//! default theme `kota` built into the binary. The site's own `templates/`
//! override the theme's by name, and its `i18n/<lang>.toml` override the
//! theme's strings key by key.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::{Config, Lang};
use crate::diagnostics::{Diagnostic, Diagnostics, relative};
use crate::table::{self, Value};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/kota.rs"));
}

/// A file of the theme, from disk or from the binary.
#[derive(Debug, Clone)]
pub enum ThemeFile {
    Disk(PathBuf),
    Embedded(&'static [u8]),
}

#[derive(Debug, Clone)]
pub struct Template {
    pub text: String,
    /// Where it came from, for error messages.
    pub file: PathBuf,
}

/// One UI string with the file that defined it.
#[derive(Debug, Clone)]
pub struct UiString {
    pub text: String,
    pub file: PathBuf,
}

#[derive(Debug, Default)]
pub struct Theme {
    pub templates: BTreeMap<String, Template>,
    pub strings: BTreeMap<Lang, BTreeMap<String, UiString>>,
    /// The theme's `static/`, by path inside it.
    pub static_files: BTreeMap<String, ThemeFile>,
}

impl Theme {
    /// A UI string of a language; empty when the theme lacks it.
    pub fn string(&self, lang: &Lang, key: &str) -> String {
        self.strings
            .get(lang)
            .and_then(|s| s.get(key))
            .map(|s| s.text.clone())
            .unwrap_or_default()
    }

    pub fn load(config: &Config, diags: &mut Diagnostics) -> Theme {
        let root = &config.root;
        let mut files: BTreeMap<String, (ThemeFile, PathBuf)> = BTreeMap::new();
        let theme_dir = root.join("themes").join(&config.theme);
        if theme_dir.is_dir() {
            for path in super::walk::walk(root, &theme_dir, diags) {
                let rel = path.strip_prefix(&theme_dir).unwrap_or(&path);
                let key = rel.to_string_lossy().replace('\\', "/");
                files.insert(key, (ThemeFile::Disk(path.clone()), relative(root, &path)));
            }
        } else if config.theme == "kota" {
            for (rel, bytes) in embedded::KOTA {
                files.insert(
                    rel.to_string(),
                    (
                        ThemeFile::Embedded(bytes),
                        PathBuf::from(format!("(built-in theme kota)/{rel}")),
                    ),
                );
            }
        } else {
            diags.push(
                Diagnostic::error(
                    "terbit.toml",
                    format!(
                        "theme `{}` not found in themes/{}/",
                        config.theme, config.theme
                    ),
                )
                .with_hint("use theme = \"kota\" (built in) or add the theme's folder"),
            );
        }
        let mut theme = Theme::default();
        for (rel, (file, origin)) in files {
            if let Some(name) = rel.strip_prefix("templates/") {
                if let Some(text) = read_text(&file, &origin, diags) {
                    theme
                        .templates
                        .insert(name.to_string(), Template { text, file: origin });
                }
            } else if let Some(name) = rel.strip_prefix("static/") {
                theme.static_files.insert(name.to_string(), file);
            } else if let Some(name) = rel
                .strip_prefix("i18n/")
                .and_then(|n| n.strip_suffix(".toml"))
                && let Some(lang) = config.lang_by_code(name)
                && let Some(text) = read_text(&file, &origin, diags)
            {
                theme.add_strings(lang.clone(), &text, &origin, diags);
            }
        }
        // The site's own templates and strings win over the theme's.
        let site_templates = root.join("templates");
        if site_templates.is_dir() {
            for path in super::walk::walk(root, &site_templates, diags) {
                let name = path
                    .strip_prefix(&site_templates)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                let origin = relative(root, &path);
                if let Some(text) = read_text(&ThemeFile::Disk(path.clone()), &origin, diags) {
                    theme
                        .templates
                        .insert(name, Template { text, file: origin });
                }
            }
        }
        for lang in &config.languages {
            let path = root.join("i18n").join(format!("{lang}.toml"));
            if path.is_file() {
                let origin = relative(root, &path);
                if let Some(text) = read_text(&ThemeFile::Disk(path), &origin, diags) {
                    theme.add_strings(lang.clone(), &text, &origin, diags);
                }
            }
        }
        theme.check_strings(config, diags);
        theme
    }

    fn add_strings(&mut self, lang: Lang, text: &str, file: &Path, diags: &mut Diagnostics) {
        let (table, syntax) = table::parse(text, 1);
        for e in syntax {
            diags.push(Diagnostic::error(file, e.message).at(e.line, e.column));
        }
        let strings = self.strings.entry(lang).or_default();
        for (key, field) in table.entries {
            match field.value {
                Value::String(s) => {
                    strings.insert(
                        key,
                        UiString {
                            text: s,
                            file: file.to_path_buf(),
                        },
                    );
                }
                other => diags.push(
                    Diagnostic::error(
                        file,
                        format!(
                            "UI string `{key}` must be a string, not {}",
                            other.type_name()
                        ),
                    )
                    .at(field.line, field.column),
                ),
            }
        }
    }

    /// Every key that any language has must exist in every language.
    fn check_strings(&self, config: &Config, diags: &mut Diagnostics) {
        let all_keys: std::collections::BTreeSet<&String> =
            self.strings.values().flat_map(|s| s.keys()).collect();
        for lang in &config.languages {
            let Some(strings) = self.strings.get(lang) else {
                diags.push(
                    Diagnostic::error(
                        format!("i18n/{lang}.toml"),
                        format!("no UI strings for language `{lang}`"),
                    )
                    .with_hint(format!(
                        "copy themes/{}/i18n/en.toml to i18n/{lang}.toml and translate it",
                        config.theme
                    )),
                );
                continue;
            };
            for key in &all_keys {
                if !strings.contains_key(*key) {
                    let file = strings.values().next().map_or_else(
                        || PathBuf::from(format!("i18n/{lang}.toml")),
                        |s| s.file.clone(),
                    );
                    diags.push(
                        Diagnostic::error(
                            file,
                            format!("UI string `{key}` is missing for language `{lang}`"),
                        )
                        .with_hint(format!("add {key} = \"...\" to i18n/{lang}.toml")),
                    );
                }
            }
        }
    }
}

fn read_text(file: &ThemeFile, origin: &Path, diags: &mut Diagnostics) -> Option<String> {
    let bytes = match file {
        ThemeFile::Disk(path) => match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                diags.push(Diagnostic::error(origin, format!("cannot read: {e}")));
                return None;
            }
        },
        ThemeFile::Embedded(bytes) => bytes.to_vec(),
    };
    match String::from_utf8(bytes) {
        Ok(text) => Some(
            text.strip_prefix('\u{feff}')
                .map(str::to_string)
                .unwrap_or(text),
        ),
        Err(_) => {
            diags.push(
                Diagnostic::error(origin, "the file is not valid UTF-8 text")
                    .with_hint("save it with UTF-8 encoding"),
            );
            None
        }
    }
}
