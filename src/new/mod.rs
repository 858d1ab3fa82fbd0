//! `terbit new KIND ID`: a plan item to fill in, in every language.
//!
//! In: the site folder, a kind and an id. The site's configuration and plan
//! are read through the load and plan stages, for its languages and for the
//! ids the new item may refer to: a programme gets the site's first pillar
//! and the stakeholder that leads most programmes. Out: the files of
//! [`template`] (the default language's with every key, one translation per
//! other language with only its own text), each written whole beside the
//! other items of its kind and never over an existing file, and a
//! [`Created`] report of what was written and chosen and what to do next.

pub mod template;

use std::collections::BTreeMap;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{self, CONTENT_DIR};
use crate::plan::model::{PlanModel, StakeholderKind};
use crate::plan::schema::{Kind, Shape, Target};
use crate::plan::{self, ids};
use template::Choices;

/// The command line's words for each kind; the first is the one shown.
const WORDS: [(Kind, &[&str]); 5] = [
    (Kind::Pillar, &["pillar"]),
    (Kind::Programme, &["programme", "program"]),
    (Kind::Stakeholder, &["stakeholder"]),
    (Kind::Event, &["event", "timeline"]),
    (Kind::Article, &["news", "article"]),
];

/// How many other choices a message lists before it says how many more.
const OTHERS_SHOWN: usize = 10;

/// The command line's word for a kind: `programme`.
pub fn word(kind: Kind) -> &'static str {
    WORDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or("", |(_, words)| words[0])
}

/// The kind a command-line word names; else what to type instead.
pub fn parse_kind(word: &str) -> Result<Kind, String> {
    let lower = word.to_lowercase();
    WORDS
        .iter()
        .find(|(_, words)| words.contains(&lower.as_str()))
        .map(|(kind, _)| *kind)
        .ok_or_else(|| format!("`{word}` is not a kind of plan item\n\n{}", kinds()))
}

/// The kinds, one line each, and an example: what `terbit new` alone prints.
pub fn kinds() -> String {
    let mut out = String::from(
        "terbit new KIND ID [--root DIR] writes a plan item to fill in, in every language.\n\nKinds:\n",
    );
    for (kind, words) in WORDS {
        let also = match &words[1..] {
            [] => String::new(),
            more => format!(" (also: {})", more.join(", ")),
        };
        out.push_str(&format!(
            "  {:<12} content/{}/: {}{also}\n",
            words[0],
            kind.folder(),
            kind.schema().about
        ));
    }
    out.push_str("\nExample: terbit new programme ruang-kendali\n");
    out
}

/// What `terbit new` wrote and chose.
#[derive(Debug)]
pub struct Created {
    pub kind: Kind,
    /// The files written (under `--root` unless it is the current folder),
    /// the default language's first.
    pub files: Vec<PathBuf>,
    /// Each reference filled with an id of the site, and the other ids it could take.
    pub chosen: Vec<Chosen>,
    pub root: PathBuf,
}

#[derive(Debug)]
pub struct Chosen {
    pub key: &'static str,
    pub id: String,
    pub others: Vec<String>,
}

impl fmt::Display for Created {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for file in &self.files {
            writeln!(f, "wrote {}", file.display())?;
        }
        for c in &self.chosen {
            write!(f, "{} = \"{}\"", c.key, c.id)?;
            let shown = &c.others[..c.others.len().min(OTHERS_SHOWN)];
            let more = c.others.len() - shown.len();
            match (shown, more) {
                ([], _) => writeln!(f)?,
                (_, 0) => writeln!(f, " (others: {})", shown.join(", "))?,
                _ => writeln!(f, " (others: {}, and {more} more)", shown.join(", "))?,
            }
        }
        let what = self.kind.schema().what;
        let noun = what.split_once(' ').map_or(what, |(_, noun)| noun);
        writeln!(
            f,
            "The site shows this {noun} as an example until you fill it in and delete `{} = true`.",
            template::ILLUSTRATIVE
        )?;
        let root = match is_current_dir(&self.root) {
            true => String::new(),
            false => format!(" --root {}", self.root.display()),
        };
        let first = self.files.first().map(|p| p.display().to_string());
        writeln!(
            f,
            "Next: edit {}, then `terbit serve{root}`.",
            first.unwrap_or_default()
        )
    }
}

/// Writes a new item of `kind` with this id into the site at `root`.
pub fn new_item(root: &Path, kind: Kind, id: &str) -> Result<Created, Diagnostics> {
    let folder = Path::new(CONTENT_DIR).join(kind.folder());
    ids::check_new_id(id).map_err(|why| {
        Diagnostic::error(&folder, format!("not an id for {}: {why}", kind.schema().what))
            .with_hint("an id is the item's file name and URL: use lowercase letters, digits and -, like ruang-kendali")
    })?;
    let config = Config::load(root)?;
    let (facts_name, translations) = file_names(&config, id);
    refuse_taken(root, &folder, kind, id)?;
    let choices = choices(&config);
    let chosen = chosen(kind, &choices)?;
    let translation_names: Vec<String> = translations.iter().map(|(_, n)| n.clone()).collect();
    let mut texts = vec![(
        folder.join(&facts_name),
        template::facts_file(kind, id, &choices, &translation_names),
    )];
    for (lang, name) in &translations {
        let text = template::translation_file(kind, id, &choices, lang, &facts_name);
        texts.push((folder.join(name), text));
    }
    write_all(root, &texts)?;
    let shown = |rel: PathBuf| match is_current_dir(root) {
        true => rel,
        false => root.join(rel),
    };
    Ok(Created {
        kind,
        files: texts.into_iter().map(|(rel, _)| shown(rel)).collect(),
        chosen,
        root: root.to_path_buf(),
    })
}

/// Whether `--root` is the current folder, which messages leave out.
fn is_current_dir(root: &Path) -> bool {
    matches!(root.as_os_str().to_str(), Some("." | ""))
}

/// The item's file in the default language (`x.md`), and in each other
/// language with its code (`en`, `x.en.md`).
fn file_names(config: &Config, id: &str) -> (String, Vec<(String, String)>) {
    let translations = config
        .languages
        .iter()
        .filter(|l| !config.is_default(l))
        .map(|l| (l.0.clone(), format!("{id}.{l}.md")))
        .collect();
    (format!("{id}.md"), translations)
}

/// Refuses an id that a file of the folder already has, in any language.
fn refuse_taken(root: &Path, folder: &Path, kind: Kind, id: &str) -> Result<(), Diagnostic> {
    let Ok(entries) = std::fs::read_dir(root.join(folder)) else {
        return Ok(());
    };
    let mut taken: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| {
            let stem = name.strip_suffix(".md").unwrap_or("");
            stem == id
                || stem
                    .strip_prefix(id)
                    .and_then(|rest| rest.strip_prefix('.'))
                    .is_some_and(|lang| !lang.contains('.'))
        })
        .collect();
    // The default language's file first: the one to edit.
    taken.sort_by_key(|name| (*name != format!("{id}.md"), name.clone()));
    match taken.first() {
        None => Ok(()),
        Some(name) => Err(Diagnostic::error(
            folder.join(name),
            format!(
                "{} `{id}` already exists; nothing was written",
                kind.schema().what
            ),
        )
        .with_hint(format!(
            "choose another id, or edit {} to change it",
            folder.join(name).display()
        ))),
    }
}

/// What the site has for a new item to refer to (drafts left out: a build
/// without them must still find what the item names).
fn choices(config: &Config) -> Choices {
    let mut diags = Diagnostics::new();
    let images = crate::images::Images::new(&config.root);
    let sources = load::load(config, &load::LoadOptions::new(false), &images, &mut diags);
    let plan = plan::plan(config, &sources, &|_: &Config| Vec::new(), &mut diags);
    let model = &plan.model;
    let lead = suggested_lead(model);
    let mut stakeholders: Vec<String> = model
        .stakeholders
        .iter()
        .map(|s| s.id.0.clone())
        .filter(|id| Some(id) != lead.as_ref())
        .collect();
    stakeholders.splice(0..0, lead);
    Choices {
        pillars: model.pillars.iter().map(|p| p.id.0.clone()).collect(),
        stakeholders,
        groups: model.groups.iter().map(|g| g.id.0.clone()).collect(),
        today: config.today,
    }
}

/// The stakeholder that leads most programmes (the first by id among
/// equals), else the first organisation, else the first stakeholder.
fn suggested_lead(model: &PlanModel) -> Option<String> {
    let mut led: BTreeMap<&str, usize> = BTreeMap::new();
    for p in model.programmes.iter() {
        *led.entry(p.lead.as_str()).or_default() += 1;
    }
    let most = led
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(id, _)| id.to_string());
    let organisation = || {
        model
            .stakeholders
            .iter()
            .find(|s| s.kind == StakeholderKind::Organization)
            .or_else(|| model.stakeholders.iter().next())
            .map(|s| s.id.0.clone())
    };
    most.or_else(organisation)
}

/// The ids filled into the required references; an error when the site has
/// none to give.
fn chosen(kind: Kind, choices: &Choices) -> Result<Vec<Chosen>, Diagnostic> {
    let mut chosen = Vec::new();
    for key in kind.schema().keys.iter().filter(|k| k.required) {
        let Shape::Id(target) = key.shape else {
            continue;
        };
        let Some((first, others)) = choices.ids(target).split_first() else {
            let (folder, what) = match target {
                Target::Pillar => (Kind::Pillar.folder(), "pillar"),
                _ => (Kind::Stakeholder.folder(), "stakeholder"),
            };
            return Err(Diagnostic::error(
                Path::new(CONTENT_DIR).join(folder),
                format!(
                    "{} needs `{}`, the id of a {what}, and the site has none yet",
                    kind.schema().what,
                    key.name
                ),
            )
            .with_hint(format!("make one first: terbit new {what} <id>")));
        };
        chosen.push(Chosen {
            key: key.name,
            id: first.clone(),
            others: others.to_vec(),
        });
    }
    Ok(chosen)
}

/// Writes every file, or none: one that cannot be written removes those
/// written before it.
fn write_all(root: &Path, files: &[(PathBuf, String)]) -> Result<(), Diagnostic> {
    let mut written: Vec<PathBuf> = Vec::new();
    for (rel, text) in files {
        let path = root.join(rel);
        if let Err(why) = write_new(&path, text) {
            for done in &written {
                let _ = std::fs::remove_file(done);
            }
            let d = Diagnostic::error(rel, format!("cannot write: {why}; nothing was written"));
            return Err(match why.kind() {
                std::io::ErrorKind::AlreadyExists => {
                    d.with_hint("the file appeared meanwhile: choose another id")
                }
                _ => d,
            });
        }
        written.push(path);
    }
    Ok(())
}

/// Writes a file whole under a temporary name, then links it into place:
/// a reader sees no half-written file, and an existing file is never
/// replaced (the link fails). Where links are not supported, the file is
/// created only if it does not exist.
fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("new");
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&temp, text)?;
    let linked = std::fs::hard_link(&temp, path);
    let _ = std::fs::remove_file(&temp);
    match linked {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)?;
            file.write_all(text.as_bytes()).inspect_err(|_| {
                let _ = std::fs::remove_file(path);
            })
        }
        other => other,
    }
}
