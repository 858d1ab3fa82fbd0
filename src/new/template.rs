//! The text of a new plan item's files, written from the schema.
//!
//! In: a kind, an id and what the site has for the item to refer to
//! ([`Choices`]). Out: the default-language file, with every key of the kind
//! and of every page (required ones filled with a valid placeholder,
//! optional ones commented out with what they take), and a translation,
//! with only the keys each language has its own of. Nothing here reads or
//! writes a file.

use crate::plan::schema::{self, Holds, Key, Kind, Shape, Target};
use crate::table::Date;

/// What a new item may refer to on this site.
#[derive(Debug, Clone)]
pub struct Choices {
    /// Pillar ids, in the plan's order.
    pub pillars: Vec<String>,
    /// Stakeholder ids, the one suggested as a programme's lead first.
    pub stakeholders: Vec<String>,
    /// The stakeholder groups' ids.
    pub groups: Vec<String>,
    /// The date a new item is given where it needs one.
    pub today: Date,
}

impl Choices {
    pub fn ids(&self, target: Target) -> &[String] {
        match target {
            Target::Pillar => &self.pillars,
            Target::Stakeholder => &self.stakeholders,
            Target::Group => &self.groups,
            Target::Source => &[],
        }
    }
}

/// Every page's title, which a new item's files fill with a placeholder.
const TITLE: &str = "title";

/// The key that says a page is an example: a new item says so until its
/// writer makes it the city's own.
pub const ILLUSTRATIVE: &str = "illustrative";

/// The placeholder title: `TODO: Ruang kendali` for `ruang-kendali`.
pub fn placeholder_title(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut chars = words.chars();
    let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
    format!("TODO: {}{}", first.unwrap_or_default(), chars.as_str())
}

/// The keys of a kind's files: its own, then those of every page it does
/// not declare itself.
pub fn keys(kind: Kind) -> Vec<&'static Key> {
    let own = kind.schema().keys;
    let page = schema::PAGE
        .iter()
        .filter(|p| !own.iter().any(|k| k.name == p.name));
    own.iter().chain(page).collect()
}

/// The default-language file: `translations` are the other languages'
/// file names, for its opening comment.
pub fn facts_file(kind: Kind, id: &str, choices: &Choices, translations: &[String]) -> String {
    let schema = kind.schema();
    let mut out = String::from("+++\n");
    let written_apart = match translations {
        [] => String::new(),
        names => format!(
            "\n# The text in other languages is in {}: facts are written here only.",
            names.join(", ")
        ),
    };
    out.push_str(&format!(
        "# {}.\n# Required keys are filled in with placeholders; the others are commented out:\n# delete the \"# \" before a key to use it.{written_apart}\n\n",
        capitalise(schema.about)
    ));
    let all = keys(kind);
    out.push_str(&format!("{TITLE} = {}\n\n", quoted(&placeholder_title(id))));
    out.push_str("# An example, not a decision, until its facts are the city's own: the site\n# marks it as such everywhere it shows it. Delete this line then.\n");
    out.push_str(&format!("{ILLUSTRATIVE} = true\n"));
    let own = schema.keys.iter().filter(|k| !is_table(k));
    for key in own {
        out.push('\n');
        out.push_str(&key_lines(key, choices));
    }
    out.push_str("\n# Keys every page may have.\n");
    let page = all[schema.keys.len()..]
        .iter()
        .filter(|k| !is_table(k) && ![TITLE, ILLUSTRATIVE].contains(&k.name));
    for key in page {
        out.push('\n');
        out.push_str(&key_lines(key, choices));
    }
    for key in all.iter().filter(|k| is_table(k)) {
        out.push('\n');
        out.push_str(&table_lines(key, choices, Rows::All));
    }
    out.push_str("+++\n");
    out.push_str(&format!(
        "TODO: the text of this page, in Markdown. Until it is written the page is\nmarked as an example ({ILLUSTRATIVE} = true above).\n"
    ));
    out
}

/// A translation: its title, and the keys each language has its own of
/// (commented out), and no fact.
pub fn translation_file(
    kind: Kind,
    id: &str,
    choices: &Choices,
    language: &str,
    facts_file: &str,
) -> String {
    let mut out = format!(
        "+++\n# The `{language}` text of {facts_file}. Facts (ids, dates, years, amounts...)\n# are read from that file only: do not repeat them here.\n\n"
    );
    out.push_str(&format!("{TITLE} = {}\n", quoted(&placeholder_title(id))));
    let all = keys(kind);
    let own = |k: &Key| !k.is_fact() && k.name != TITLE;
    for key in all.iter().filter(|k| own(k) && !is_table(k)) {
        out.push('\n');
        out.push_str(&key_lines(key, choices));
    }
    for key in all.iter().filter(|k| own(k) && is_table(k)) {
        out.push('\n');
        out.push_str(&table_lines(key, choices, Rows::TextOf(facts_file)));
    }
    out.push_str("+++\nTODO: the text of this page, in Markdown.\n");
    out
}

/// Rows (`[[budget]]`) and tables (`[extra]`) go last: a key after them
/// would belong to them.
fn is_table(key: &Key) -> bool {
    matches!(key.holds, Holds::Rows(_)) || key.shape == Shape::Table
}

/// A top-level key: what it takes, then the key, commented out unless required.
fn key_lines(key: &Key, choices: &Choices) -> String {
    let line = format!("{} = {}", key.name, value(key, choices));
    let mut out = comment(&describe(key, choices));
    match key.required {
        true => out.push_str(&format!("{line}\n")),
        false => out.push_str(&format!("# {line}\n")),
    }
    out
}

/// Which keys of a row a file has.
#[derive(Clone, Copy)]
enum Rows<'a> {
    /// The default language's file: all.
    All,
    /// A translation of this file: the text only, row by row.
    TextOf(&'a str),
}

/// A commented-out table or row with its keys, each with what it takes.
fn table_lines(key: &Key, choices: &Choices, rows: Rows) -> String {
    let about = match key.about {
        "" => key.name.to_string(),
        about => capitalise(about),
    };
    let Holds::Rows(row_keys) = key.holds else {
        let example = format!("# [{}]\n# key = \"value\"\n", key.name);
        return comment(&format!("{about}:")) + &example;
    };
    let (more, kept): (String, Vec<&Key>) = match rows {
        Rows::All => (String::new(), row_keys.iter().collect()),
        Rows::TextOf(file) => (
            format!("; one per row of {file}, in the same order, with only its text"),
            row_keys
                .iter()
                .filter(|k| matches!(k.holds, Holds::Text))
                .collect(),
        ),
    };
    let lines: Vec<(String, String)> = kept
        .iter()
        .map(|k| {
            let comment = match rows {
                Rows::All => describe(k, choices),
                Rows::TextOf(_) => describe(
                    &Key {
                        required: false,
                        ..**k
                    },
                    choices,
                ),
            };
            (format!("{} = {}", k.name, value(k, choices)), comment)
        })
        .collect();
    let width = lines.iter().map(|(l, _)| l.len()).max().unwrap_or(0);
    let mut out = comment(&format!("{about}{more}:"));
    out.push_str(&format!("# [[{}]]\n", key.name));
    for (line, comment) in lines {
        match comment.as_str() {
            "" => out.push_str(&format!("# {line}\n")),
            c => out.push_str(&format!("# {line:<width$}  # {c}\n")),
        }
    }
    out
}

/// A valid value: an id the site has, today's date or year, else the
/// schema's example.
fn value(key: &Key, choices: &Choices) -> String {
    match key.shape {
        Shape::Id(t) => match choices.ids(t).first() {
            Some(id) => quoted(id),
            None => key.example.to_string(),
        },
        // A list's example is not the single reference's (a partner besides the lead).
        Shape::Ids(t) => match choices.ids(t).get(1).or(choices.ids(t).first()) {
            Some(id) => format!("[{}]", quoted(id)),
            None => key.example.to_string(),
        },
        Shape::Year | Shape::YearOrDate => choices.today.year.to_string(),
        Shape::Date => choices.today.iso(),
        _ => key.example.to_string(),
    }
}

/// What a key is for and what it takes, in a sentence, and whether it is
/// required.
fn describe(key: &Key, choices: &Choices) -> String {
    let takes = takes(key.shape, choices);
    let sentence = match (key.about, takes.as_str()) {
        ("", "") => String::new(),
        ("", takes) => format!("{}.", capitalise(takes)),
        (about, "") => format!("{}.", capitalise(about)),
        (about, takes) => format!("{}: {takes}.", capitalise(about)),
    };
    match (key.required, sentence.as_str()) {
        (true, "") => "Required.".into(),
        (true, _) => format!("Required. {sentence}"),
        (false, _) => sentence,
    }
}

fn takes(shape: Shape, choices: &Choices) -> String {
    match shape {
        Shape::Text | Shape::Table => String::new(),
        Shape::Texts => "a list, [\"...\", \"...\"]".into(),
        Shape::Number => "a number".into(),
        Shape::Integer => "a whole number".into(),
        Shape::Bool => "true or false".into(),
        Shape::Year => "a year".into(),
        Shape::YearOrDate => "a year, or a date (2026-06-30)".into(),
        Shape::Date => "a date, year-month-day".into(),
        Shape::Url => "an https:// address, or a path".into(),
        Shape::OneOf(words) => format!("one of {}", words.join(", ")),
        Shape::Id(Target::Source) | Shape::Ids(Target::Source) => {
            "the id of one of this file's [[sources]]".into()
        }
        Shape::Id(t) => format!("the id of a {}", ids_of(t, "", choices)),
        Shape::Ids(t) => format!("a list of ids of {}", ids_of(t, "s", choices)),
    }
}

/// "pillar in content/pillars/: a, b, c", or "pillars ...".
fn ids_of(target: Target, plural: &str, choices: &Choices) -> String {
    let (what, from) = match target {
        Target::Pillar => ("pillar", "in content/pillars/"),
        Target::Stakeholder => ("stakeholder", "in content/stakeholders/"),
        Target::Group => ("group", "of content/stakeholders/_index.md"),
        Target::Source => ("source", "of this file"),
    };
    match choices.ids(target) {
        [] => format!("{what}{plural} {from}"),
        ids => format!("{what}{plural} {from}: {}", ids.join(", ")),
    }
}

/// Comment lines, wrapped at a width an editor shows whole.
fn comment(text: &str) -> String {
    const WIDTH: usize = 78;
    let mut out = String::new();
    let mut line = String::from("#");
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        if line.len() > 1 && line.len() + 1 + word.len() > WIDTH {
            out.push_str(&line);
            out.push('\n');
            line = String::from("#");
        }
        line.push(' ');
        line.push_str(word);
    }
    if line.len() > 1 {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A TOML basic string.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choices() -> Choices {
        Choices {
            pillars: vec!["smart-governance".into(), "smart-economy".into()],
            stakeholders: vec!["diskominfo".into(), "bappeda".into()],
            groups: vec!["tim-pelaksana".into()],
            today: Date::parse("2025-03-01").unwrap(),
        }
    }

    /// The front matter between the `+++` lines.
    fn front(file: &str) -> &str {
        file.split("+++\n").nth(1).unwrap()
    }

    /// The keys a file assigns or shows commented out (`# key = ...`), and
    /// the tables it shows (`# [[budget]]`, `# [extra]`).
    /// (The free-form keys of a table such as `[extra]` are left out.)
    fn shown(file: &str) -> Vec<String> {
        let mut free_form = false;
        front(file)
            .lines()
            .filter_map(|l| {
                let l = l.strip_prefix("# ").unwrap_or(l);
                let table = l.trim_start_matches('[').trim_end_matches(']');
                if l.starts_with('[') {
                    free_form = !l.starts_with("[[");
                    return Some(table.to_string());
                }
                let (key, _) = l.split_once(" = ")?;
                (!key.contains(' ') && !free_form).then(|| key.to_string())
            })
            .collect()
    }

    fn parsed(file: &str) -> toml::Table {
        toml::from_str(front(file)).unwrap_or_else(|e| panic!("{e}\n{file}"))
    }

    #[test]
    fn every_key_of_the_schema_is_in_the_template() {
        for kind in Kind::ALL {
            let file = facts_file(kind, "baru", &choices(), &["baru.en.md".into()]);
            let shown = shown(&file);
            for key in keys(kind) {
                assert!(
                    shown.iter().any(|s| s == key.name),
                    "{kind:?}: `{}` is missing from\n{file}",
                    key.name
                );
                let rows = shown.iter().skip_while(|s| *s != key.name);
                let rows: Vec<&String> = rows.collect();
                for row_key in key.row_keys() {
                    assert!(
                        rows.iter().any(|s| *s == row_key.name),
                        "{kind:?}: `{}.{}` is missing from\n{file}",
                        key.name,
                        row_key.name
                    );
                }
            }
        }
    }

    #[test]
    fn required_keys_are_filled_in_and_the_item_is_an_example() {
        for kind in Kind::ALL {
            let file = facts_file(kind, "ruang-kendali", &choices(), &[]);
            let table = parsed(&file);
            assert_eq!(table["title"].as_str(), Some("TODO: Ruang kendali"));
            assert_eq!(table[ILLUSTRATIVE].as_bool(), Some(true));
            for key in kind.schema().keys.iter().filter(|k| k.required) {
                assert!(table.contains_key(key.name), "{kind:?}: {}", key.name);
            }
            let optional = keys(kind).into_iter().filter(|k| !k.required);
            for key in optional.filter(|k| k.name != ILLUSTRATIVE) {
                assert!(!table.contains_key(key.name), "{kind:?}: {}", key.name);
            }
        }
        let table = parsed(&facts_file(Kind::Programme, "x", &choices(), &[]));
        assert_eq!(table["pillar"].as_str(), Some("smart-governance"));
        assert_eq!(table["lead"].as_str(), Some("diskominfo"));
        assert_eq!(table["status"].as_str(), Some("planned"));
        assert_eq!(table["start"].as_integer(), Some(2025));
        let table = parsed(&facts_file(Kind::Event, "x", &choices(), &[]));
        assert_eq!(table["date"].to_string(), "2025-03-01");
    }

    #[test]
    fn a_translation_has_only_its_own_text() {
        for kind in Kind::ALL {
            let file = translation_file(kind, "baru", &choices(), "en", "baru.md");
            let table = parsed(&file);
            assert_eq!(
                table.keys().collect::<Vec<_>>(),
                ["title"],
                "{kind:?}:\n{file}"
            );
            let shown = shown(&file);
            let texts: Vec<&str> = keys(kind)
                .iter()
                .flat_map(|k| std::iter::once(*k).chain(k.row_keys()))
                .filter(|k| !k.is_fact())
                .map(|k| k.name)
                .collect();
            for name in &shown {
                assert!(
                    texts.contains(&name.as_str()),
                    "{kind:?}: a translation shows the fact `{name}`:\n{file}"
                );
            }
            if kind == Kind::Programme {
                assert!(shown.contains(&"milestones".to_string()), "{file}");
                assert!(!shown.contains(&"budget".to_string()), "{file}");
            }
        }
    }

    #[test]
    fn optional_lines_say_what_they_take() {
        let file = facts_file(Kind::Programme, "x", &choices(), &[]);
        assert!(
            file.contains("One of planned, ongoing, done, paused."),
            "{file}"
        );
        assert!(
            file.contains("one of APBD, APBN, CSR, KPBU, other"),
            "{file}"
        );
        assert!(file.contains("# partners = [\"bappeda\"]"), "{file}");
        assert!(
            file.contains("content/stakeholders/: diskominfo, bappeda"),
            "{file}"
        );
        assert!(file.contains("\n# [[budget]]\n# year = 2025"), "{file}");
        let file = facts_file(Kind::Stakeholder, "x", &choices(), &[]);
        assert!(file.contains("one of person, organization"), "{file}");
        assert!(file.contains("# groups = [\"tim-pelaksana\"]"), "{file}");
    }

    #[test]
    fn a_title_is_made_from_the_id() {
        assert_eq!(placeholder_title("ruang-kendali"), "TODO: Ruang kendali");
        assert_eq!(placeholder_title("2024"), "TODO: 2024");
    }
}
