//! Typed reading of a [`Table`], reporting every problem with its line.
//!
//! A [`Fields`] reader is handed a table and the file it came from. Each
//! typed getter records the key as known; a wrong type or a missing required
//! key becomes a diagnostic rather than an early return, so one pass over a
//! file reports all its problems. [`Fields::finish`] then reports the keys
//! nobody asked for, with the closest known key as a suggestion: a typo such
//! as `stauts = "done"` must never pass silently.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::table::{Date, Field, Table, Value};

/// Where readers put their problems; shared by a reader and its sub-readers.
#[derive(Default)]
pub struct Problems(RefCell<Diagnostics>);

impl Problems {
    pub fn push(&self, d: Diagnostic) {
        self.0.borrow_mut().push(d);
    }

    /// Adds every problem of `more`, in their order.
    pub fn extend(&self, more: Diagnostics) {
        self.0.borrow_mut().extend(more);
    }

    pub fn into_inner(self) -> Diagnostics {
        self.0.into_inner()
    }
}

pub struct Fields<'a> {
    table: &'a Table,
    file: &'a Path,
    /// What the table is, for messages: "front matter", "a `[[budget]]` row".
    what: String,
    sink: &'a Problems,
    known: RefCell<Vec<&'static str>>,
}

impl<'a> Fields<'a> {
    pub fn new(
        table: &'a Table,
        file: &'a Path,
        what: impl Into<String>,
        sink: &'a Problems,
    ) -> Self {
        Fields {
            table,
            file,
            what: what.into(),
            sink,
            known: RefCell::new(Vec::new()),
        }
    }

    pub fn file(&self) -> &Path {
        self.file
    }

    /// Line of the table itself (its header), or of `key` when present.
    pub fn line_of(&self, key: &str) -> usize {
        self.table
            .entries
            .get(key)
            .map_or(self.table.line, |f| f.line)
    }

    /// Whether the table has `key`, without marking it as known.
    pub fn table_has(&self, key: &str) -> bool {
        self.table.entries.contains_key(key)
    }

    /// `key`'s string value, without marking it as known or reporting a wrong type.
    pub fn peek_str(&self, key: &str) -> Option<&str> {
        match &self.table.entries.get(key)?.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn has(&self, key: &'static str) -> bool {
        self.known.borrow_mut().push(key);
        self.table.entries.contains_key(key)
    }

    /// An error at `key`'s line (or the table's when the key is absent).
    pub fn error(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        let (line, column) = self
            .table
            .entries
            .get(key)
            .map_or((self.table.line.max(1), 0), |f| (f.line, f.column));
        Diagnostic::error(self.file, message).at(line, column)
    }

    pub fn report(&self, d: Diagnostic) {
        self.sink.push(d);
    }

    fn get(&self, key: &'static str) -> Option<&'a Field> {
        self.known.borrow_mut().push(key);
        self.table.entries.get(key)
    }

    fn wrong_type(&self, key: &str, field: &Field, expected: &str) {
        self.sink.push(
            Diagnostic::error(
                self.file,
                format!(
                    "`{key}` must be {expected}, not {}",
                    field.value.type_name()
                ),
            )
            .at(field.line, field.column),
        );
    }

    /// Reports a required key that is missing, with an example line to add.
    pub fn report_missing(&self, key: &str, example: &str) {
        self.sink.push(
            Diagnostic::error(
                self.file,
                format!("{} has no `{key}`, which is required", self.what),
            )
            .at(self.table.line.max(1), 0)
            .with_hint(format!("add a line like: {key} = {example}")),
        );
    }

    pub fn str(&self, key: &'static str) -> Option<String> {
        let field = self.get(key)?;
        match &field.value {
            Value::String(s) => Some(s.clone()),
            _ => {
                self.wrong_type(key, field, "a string in quotes");
                None
            }
        }
    }

    pub fn required_str(&self, key: &'static str) -> Option<String> {
        if !self.table.entries.contains_key(key) {
            self.known.borrow_mut().push(key);
            self.report_missing(key, "\"...\"");
            return None;
        }
        self.non_empty_str(key)
    }

    /// A string that, when present, must not be blank.
    pub fn non_empty_str(&self, key: &'static str) -> Option<String> {
        let s = self.str(key)?;
        if s.trim().is_empty() {
            self.sink.push(self.error(key, format!("`{key}` is empty")));
            return None;
        }
        Some(s)
    }

    pub fn bool(&self, key: &'static str) -> Option<bool> {
        let field = self.get(key)?;
        match field.value {
            Value::Boolean(b) => Some(b),
            _ => {
                self.wrong_type(key, field, "true or false");
                None
            }
        }
    }

    pub fn int(&self, key: &'static str) -> Option<i64> {
        let field = self.get(key)?;
        match field.value {
            Value::Integer(i) => Some(i),
            _ => {
                self.wrong_type(key, field, "a whole number");
                None
            }
        }
    }

    pub fn number(&self, key: &'static str) -> Option<f64> {
        let field = self.get(key)?;
        match field.value {
            Value::Integer(i) => Some(i as f64),
            Value::Float(f) if f.is_finite() => Some(f),
            _ => {
                self.wrong_type(key, field, "a number");
                None
            }
        }
    }

    /// A date, a date-time (its date is kept) or a `"YYYY-MM-DD"` string.
    pub fn date(&self, key: &'static str) -> Option<Date> {
        let field = self.get(key)?;
        self.date_of(key, field)
    }

    fn date_of(&self, key: &str, field: &Field) -> Option<Date> {
        match &field.value {
            Value::Integer(y) if (1..=9999).contains(y) => Some(Date::year(*y as i32)),
            Value::Datetime(s) | Value::String(s) => {
                let date = Date::parse(s);
                if date.is_none() {
                    self.sink.push(
                        Diagnostic::error(self.file, format!("`{key}` is not a valid date: {s}"))
                            .at(field.line, field.column)
                            .with_hint("write dates as YYYY-MM-DD, e.g. 2024-03-01; when only the month or the year is known, \"2023-01\" or 2022"),
                    );
                }
                date
            }
            _ => {
                self.wrong_type(key, field, "a date (YYYY-MM-DD)");
                None
            }
        }
    }

    /// A year such as `2024` (a [`Date`] of which only the year is known), or a date.
    pub fn year_or_date(&self, key: &'static str) -> Option<Date> {
        let field = self.get(key)?;
        match field.value {
            Value::Integer(y) if (1..=9999).contains(&y) => Some(Date::year(y as i32)),
            Value::Integer(_) => {
                self.sink.push(
                    Diagnostic::error(self.file, format!("`{key}` is not a year"))
                        .at(field.line, field.column),
                );
                None
            }
            _ => self.date_of(key, field),
        }
    }

    /// A list of strings; a single string is taken as a list of one.
    pub fn str_list(&self, key: &'static str) -> Vec<String> {
        let Some(field) = self.get(key) else {
            return Vec::new();
        };
        match &field.value {
            Value::String(s) => vec![s.clone()],
            Value::Array(items) => items
                .iter()
                .filter_map(|item| match &item.value {
                    Value::String(s) => Some(s.clone()),
                    _ => {
                        self.wrong_type(key, item, "a list of strings");
                        None
                    }
                })
                .collect(),
            _ => {
                self.wrong_type(key, field, "a list of strings, like [\"a\", \"b\"]");
                Vec::new()
            }
        }
    }

    /// Line and column of `key`'s value (of the table when absent).
    pub fn pos_of(&self, key: &str) -> (usize, usize) {
        self.table
            .entries
            .get(key)
            .map_or((self.table.line.max(1), 0), |f| (f.line, f.column))
    }

    /// Position of each item of a string list, in order (for pointing at a bad id).
    pub fn list_positions(&self, key: &str) -> Vec<(usize, usize)> {
        match self.table.entries.get(key).map(|f| &f.value) {
            Some(Value::Array(items)) => items.iter().map(|i| (i.line, i.column)).collect(),
            Some(_) => vec![self.pos_of(key)],
            None => Vec::new(),
        }
    }

    /// The tables of an array of tables (`[[budget]]`), each with its own reader.
    /// A sub-table (`[plan]`), to read with its own fields; `None` when
    /// absent or not a table (reported).
    pub fn table(&self, key: &'static str) -> Option<Fields<'a>> {
        let field = self.get(key)?;
        match &field.value {
            Value::Table(t) => Some(Fields::new(t, self.file, format!("[{key}]"), self.sink)),
            _ => {
                self.wrong_type(key, field, &format!("a table, written [{key}]"));
                None
            }
        }
    }

    pub fn tables(&self, key: &'static str, what: &str) -> Vec<Fields<'a>> {
        let Some(field) = self.get(key) else {
            return Vec::new();
        };
        let Value::Array(items) = &field.value else {
            self.wrong_type(key, field, &format!("a list of tables, written [[{key}]]"));
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| match &item.value {
                Value::Table(t) => Some(Fields::new(t, self.file, what, self.sink)),
                _ => {
                    self.wrong_type(key, item, &format!("a table, written [[{key}]]"));
                    None
                }
            })
            .collect()
    }

    /// A free-form table as JSON (`[extra]`); `Null` when absent.
    pub fn json_table(&self, key: &'static str) -> serde_json::Value {
        match self.get(key) {
            None => serde_json::Value::Null,
            Some(field) if matches!(field.value, Value::Table(_)) => field.value.to_json(),
            Some(field) => {
                self.wrong_type(key, field, &format!("a table, written [{key}]"));
                serde_json::Value::Null
            }
        }
    }

    /// Reports every key that no getter asked for, and returns how many.
    pub fn finish(&self) -> usize {
        let known = self.known.borrow();
        let mut unknown = 0;
        for (key, field) in &self.table.entries {
            if known.contains(&key.as_str()) {
                continue;
            }
            unknown += 1;
            let mut d =
                Diagnostic::error(self.file, format!("unknown key `{key}` in {}", self.what))
                    .at(field.line, field.column);
            d = match did_you_mean(key, known.iter().copied()) {
                Some(k) => d.with_hint(format!("did you mean `{k}`?")),
                None => d.with_hint(format!("known keys here: {}", sorted_list(&known))),
            };
            self.sink.push(d);
        }
        unknown
    }

    /// Keys present in the table that no getter has asked for yet.
    pub fn unread_keys(&self) -> Vec<String> {
        let known = self.known.borrow();
        self.table
            .entries
            .keys()
            .filter(|k| !known.contains(&k.as_str()))
            .cloned()
            .collect()
    }

    pub fn path(&self) -> PathBuf {
        self.file.to_path_buf()
    }
}

fn sorted_list(keys: &[&str]) -> String {
    let mut keys: Vec<&str> = keys.to_vec();
    keys.sort_unstable();
    keys.dedup();
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    #[test]
    fn reports_all_problems_of_a_table() {
        let (table, _) = parse("title = 3\nstauts = \"done\"\nweight = 1\n", 2);
        let sink = Problems::default();
        let f = Fields::new(&table, Path::new("content/a.md"), "front matter", &sink);
        assert_eq!(f.str("title"), None);
        assert_eq!(f.int("weight"), Some(1));
        let _ = f.str("status");
        assert_eq!(f.required_str("pillar"), None);
        assert_eq!(f.finish(), 1);
        let msgs: Vec<String> = sink
            .into_inner()
            .sorted()
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("content/a.md:2:1: error: `title` must be a string"))
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains(":3:1: error: unknown key `stauts`")
                    && m.contains("did you mean `status`?"))
        );
        assert!(msgs.iter().any(|m| m.contains("no `pillar`")));
    }
}
