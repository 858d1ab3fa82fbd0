//! The machinery of reading a plan item: its files and their readers, the
//! keys the schema declares, required keys, references to other items,
//! enumerated values, and facts a translation repeats differently.

use std::path::PathBuf;

use crate::config::{Config, Lang};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::load::{Reference, Source, Sources};
use crate::plan::model::*;
use crate::plan::pages::{PILLARS, Page, STAKEHOLDERS};
use crate::plan::schema::{self, Holds, Key, Schema};
use crate::table::fields::{Fields, Problems};
use crate::table::{Value, same_value};

/// The kind of the warning about a translation repeating a fact differently
/// (`build` uses the default language's value; `check` stops on it).
pub const FACT_DIFFERS: &str = "translation-fact-differs";

/// The ids one kind of reference may take, for checking and for messages.
#[derive(Clone, Copy)]
pub(super) struct IdSpace<'a> {
    pub(super) ids: &'a [&'a str],
    /// "pillar", "stakeholder".
    pub(super) what: &'static str,
    /// The folder under content/ whose file names are the ids.
    pub(super) folder: &'static str,
}

/// A stakeholder's `organization`, checked once every stakeholder's kind is known.
pub(super) struct OrgRef {
    pub(super) file: PathBuf,
    pub(super) line: usize,
    pub(super) org: StakeholderId,
}

/// Everything a reader needs: the sources, the known ids, where problems go.
pub(super) struct Reader<'a> {
    pub(super) config: &'a Config,
    pub(super) sources: &'a Sources,
    pub(super) problems: &'a Problems,
    pub(super) pillar_ids: Vec<&'a str>,
    pub(super) stakeholder_ids: Vec<&'a str>,
    pub(super) group_ids: Vec<String>,
}

/// One plan item being read: its facts file (the default language's, else
/// the first there is) with its reader, and its translations.
pub(super) struct Item<'a> {
    pub(super) id: String,
    pub(super) page: PageId,
    /// The page is an example (itself, or by its section).
    pub(super) illustrative: bool,
    pub(super) schema: &'static Schema,
    pub(super) facts: &'a Source,
    pub(super) f: Fields<'a>,
    pub(super) translations: Vec<(&'a Source, Fields<'a>)>,
}

impl<'a> Item<'a> {
    /// Where the item's facts come from: the facts file's `[[sources]]`.
    pub(super) fn sources(&self) -> Vec<Reference> {
        self.facts.meta.references.clone()
    }

    /// A row's `key` naming one of the item's sources (`source = "<id>"`);
    /// an id that is not among them is reported, with the closest one.
    /// Whether this file lists a source with this id.
    pub(super) fn has_source(&self, id: &str) -> bool {
        self.facts
            .meta
            .references
            .iter()
            .any(|r| r.id.as_deref() == Some(id))
    }

    pub(super) fn cite(&self, row: &Fields, key: &'static str) -> Option<String> {
        let id = row.non_empty_str(key)?;
        let ids: Vec<&str> = self
            .facts
            .meta
            .references
            .iter()
            .filter_map(|r| r.id.as_deref())
            .collect();
        if ids.contains(&id.as_str()) {
            return Some(id);
        }
        let d = row.error(
            key,
            format!("`{key}`: there is no source `{id}` in this file"),
        );
        row.report(match did_you_mean(&id, ids.iter().copied()) {
            Some(close) => d.with_hint(format!("did you mean `{close}`?")),
            None => d.with_hint(
                "add a [[sources]] entry with this id (title, publisher, date, url) to the file",
            ),
        });
        None
    }

    pub(super) fn open(
        reader: &Reader<'a>,
        page_id: PageId,
        page: &Page,
        files: &[&'a Source],
        schema: &'static Schema,
    ) -> Option<Item<'a>> {
        let (&facts, rest) = files.split_first()?;
        let f = front_matter(facts, schema.what, reader.problems);
        declare(&f, schema.keys);
        require(&f, schema.keys);
        let translations = rest
            .iter()
            .map(|&src| {
                let tf = front_matter(src, schema.what, reader.problems);
                for key in schema.keys.iter().filter(|k| k.is_fact()) {
                    tf.has(key.name);
                }
                (src, tf)
            })
            .collect();
        Some(Item {
            id: page.name.clone(),
            page: page_id,
            illustrative: page.illustrative,
            schema,
            facts,
            f,
            translations,
        })
    }

    /// Every file of the item with its reader, and whether it is the facts
    /// file (the first).
    pub(super) fn all(&self) -> impl Iterator<Item = (&'a Source, &Fields<'a>, bool)> + '_ {
        std::iter::once((self.facts, &self.f, true))
            .chain(self.translations.iter().map(|(s, f)| (*s, f, false)))
    }

    /// Compares the facts translations repeat, then reports unknown keys.
    pub(super) fn finish(&self, reader: &Reader) {
        for (src, tf) in &self.translations {
            reader.compare_facts(self.facts, src, self.schema);
            tf.finish();
        }
        self.f.finish();
    }
}

/// A reader over a file's front matter, with the keys every page may have
/// already known.
pub fn front_matter<'a>(source: &'a Source, what: &str, sink: &'a Problems) -> Fields<'a> {
    let f = Fields::new(&source.front, &source.file, what, sink);
    declare(&f, schema::PAGE);
    f
}

/// Marks the schema's keys as known, so that only others are reported as unknown.
pub(super) fn declare(f: &Fields, keys: &'static [Key]) {
    for key in keys {
        f.has(key.name);
    }
}

/// Reports every required key that is missing, all the same way.
pub(super) fn require(f: &Fields, keys: &[Key]) {
    for key in keys.iter().filter(|k| k.required) {
        if !f.table_has(key.name) {
            f.report_missing(key.name, key.example);
        }
    }
}

/// The rows of an array of tables, each with its keys declared, and its
/// required ones checked in the facts file (a translation may leave facts out).
pub(super) fn rows<'a>(
    f: &Fields<'a>,
    key: &'static str,
    what: &str,
    facts: bool,
) -> Vec<Fields<'a>> {
    let row_keys = schema_row_keys(key);
    let rows = f.tables(key, what);
    for row in &rows {
        declare(row, row_keys);
        if facts {
            require(row, row_keys);
        }
    }
    rows
}

pub(super) fn schema_row_keys(key: &str) -> &'static [Key] {
    [&schema::PILLAR, &schema::PROGRAMME]
        .iter()
        .find_map(|s| s.key(key))
        .map_or(&[], |k| k.row_keys())
}

impl<'a> Reader<'a> {
    pub(super) fn default_lang(&self) -> &Lang {
        &self.config.default_language
    }

    /// The files of a page: the one facts are read from first, then the translations.
    pub(super) fn files(&self, page: &Page) -> Vec<&'a Source> {
        let mut files: Vec<&Source> = page
            .versions
            .iter()
            .filter(|v| v.translated)
            .filter_map(|v| v.source.map(|s| &self.sources.files[s]))
            .collect();
        files.sort_by_key(|s| &s.lang != self.default_lang());
        files
    }

    pub(super) fn localized<T>(&self) -> Localized<T> {
        Localized {
            by_lang: Default::default(),
            default: Some(self.default_lang().clone()),
        }
    }

    /// Reports facts a translation repeats with another value.
    pub(super) fn compare_facts(&self, facts: &Source, translation: &Source, schema: &Schema) {
        for key in schema.keys {
            let (Some(a), Some(b)) = (
                facts.front.entries.get(key.name),
                translation.front.entries.get(key.name),
            ) else {
                continue;
            };
            if key.is_fact() {
                if !same_value(&a.value, &b.value) {
                    self.fact_differs(facts, translation, key.name, b.line);
                }
                continue;
            }
            // Text (a translation's own goals, however many) is not compared.
            if !matches!(key.holds, Holds::Rows(_)) {
                continue;
            }
            let (Value::Array(ra), Value::Array(rb)) = (&a.value, &b.value) else {
                continue;
            };
            if ra.len() != rb.len() {
                self.fact_differs(facts, translation, key.name, b.line);
                continue;
            }
            for (x, y) in ra.iter().zip(rb) {
                let (Value::Table(tx), Value::Table(ty)) = (&x.value, &y.value) else {
                    continue;
                };
                for k in key.row_keys().iter().filter(|k| k.is_fact()) {
                    if let (Some(vx), Some(vy)) = (tx.entries.get(k.name), ty.entries.get(k.name))
                        && !same_value(&vx.value, &vy.value)
                    {
                        let name = format!("{}.{}", key.name, k.name);
                        self.fact_differs(facts, translation, &name, vy.line);
                    }
                }
            }
        }
    }

    pub(super) fn fact_differs(
        &self,
        facts: &Source,
        translation: &Source,
        key: &str,
        line: usize,
    ) {
        self.problems.push(
            Diagnostic::warning(
                &translation.file,
                format!("`{key}` differs from {}; the plan uses the value there", facts.file.display()),
            )
            .at(line, 0)
            .with_hint("a translation may leave facts out or repeat them unchanged: remove the line here or make it match")
            .with_kind(FACT_DIFFERS),
        );
    }

    pub(super) fn pillars(&self) -> IdSpace<'_> {
        IdSpace {
            ids: &self.pillar_ids,
            what: "pillar",
            folder: PILLARS,
        }
    }

    pub(super) fn stakeholders(&self) -> IdSpace<'_> {
        IdSpace {
            ids: &self.stakeholder_ids,
            what: "stakeholder",
            folder: STAKEHOLDERS,
        }
    }

    pub(super) fn check_id(
        &self,
        f: &Fields,
        key: &str,
        (line, column): (usize, usize),
        id: &str,
        space: IdSpace,
    ) -> bool {
        if space.ids.binary_search(&id).is_ok() {
            return true;
        }
        let mut d = Diagnostic::error(
            f.file(),
            format!("`{key}`: there is no {} `{id}`", space.what),
        )
        .at(line, column);
        d = match did_you_mean(id, space.ids.iter().copied()) {
            Some(close) => d.with_hint(format!("did you mean `{close}`?")),
            None => d.with_hint(format!(
                "{} ids are the file names in content/{}/",
                space.what, space.folder
            )),
        };
        f.report(d);
        false
    }

    /// A required id reference; `None` when missing or unknown.
    pub(super) fn id(&self, f: &Fields, key: &'static str, space: IdSpace) -> Option<String> {
        let id = f.non_empty_str(key)?;
        self.check_id(f, key, f.pos_of(key), &id, space)
            .then_some(id)
    }

    pub(super) fn check_ids(
        &self,
        f: &Fields,
        key: &'static str,
        ids: &[String],
        space: IdSpace,
    ) -> bool {
        let positions = f.list_positions(key);
        let mut ok = true;
        for (i, id) in ids.iter().enumerate() {
            let pos = positions.get(i).copied().unwrap_or_else(|| f.pos_of(key));
            ok &= self.check_id(f, key, pos, id, space);
        }
        ok
    }

    /// An enumerated value (`status`, a budget's `source`); a bad one lists the allowed values.
    pub(super) fn choice<T: Copy>(
        &self,
        f: &Fields,
        key: &'static str,
        what: &str,
        all: &[T],
        name: impl Fn(T) -> &'static str,
    ) -> Option<T> {
        let s = f.str(key)?;
        let found = all.iter().copied().find(|&x| name(x) == s);
        if found.is_none() {
            let allowed: Vec<&str> = all.iter().map(|&x| name(x)).collect();
            f.report(
                f.error(key, format!("`{key}` is \"{s}\", which is not {what}"))
                    .with_hint(choice_hint(&s, &allowed)),
            );
        }
        found
    }
}

/// The closest allowed value first when the given one looks like a typo of
/// it (`ongoin` → `ongoing`), then every allowed value.
pub(super) fn choice_hint(given: &str, allowed: &[&str]) -> String {
    let all = allowed.join(", ");
    match crate::diagnostics::did_you_mean(given, allowed.iter().copied()) {
        Some(close) => format!("did you mean `{close}`? allowed: {all}"),
        None => format!("allowed: {all}"),
    }
}
