//! TOML with positions: the form in which front matter and `terbit.toml`
//! travel through the pipeline.
//!
//! Parsed once with `toml`'s spanned parser, then turned into an owned tree in
//! which every key knows its line, so that any later stage can say *where* a
//! bad value is. Reading typed values out of it is [`super::fields`]'s job.

pub mod fields;

use std::collections::BTreeMap;

use crate::diagnostics::LineIndex;

/// A date as the plan uses it: no time zone, no time of day, and only as
/// precise as the record is: a year (`2022`), a month (`2023-01`) or a day
/// (`2023-07-05`). An unknown month or day is 0, so a year sorts before the
/// days in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    /// 1–12, or 0 when only the year is known.
    pub month: u8,
    /// 1–31, or 0 when only the year or month is known.
    pub day: u8,
}

impl Date {
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`: as precise as the date is.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (0, _) => format!("{:04}", self.year),
            (m, 0) => format!("{:04}-{m:02}", self.year),
            (m, d) => format!("{:04}-{m:02}-{d:02}", self.year),
        }
    }

    /// Parses `YYYY-MM-DD` (anything after the day, such as a time, is
    /// ignored), `YYYY-MM` or `YYYY`, checking the day exists in that month.
    pub fn parse(s: &str) -> Option<Date> {
        let mut parts = s.splitn(3, '-');
        let year: i16 = parts.next()?.parse().ok()?;
        if !(1..=9999).contains(&year) {
            return None;
        }
        let Some(month) = parts.next() else {
            return Some(Date::year(i32::from(year)));
        };
        let month: i8 = month.parse().ok()?;
        let Some(day) = parts.next() else {
            return (1..=12).contains(&month).then_some(Date {
                year: i32::from(year),
                month: month as u8,
                day: 0,
            });
        };
        let day: i8 = day.get(..2)?.parse().ok()?;
        jiff::civil::Date::new(year, month, day)
            .ok()
            .map(Date::from_civil)
    }

    /// A date of which only the year is known.
    pub fn year(year: i32) -> Date {
        Date {
            year,
            month: 0,
            day: 0,
        }
    }

    pub fn from_civil(d: jiff::civil::Date) -> Date {
        Date {
            year: i32::from(d.year()),
            month: d.month() as u8,
            day: d.day() as u8,
        }
    }

    /// The first day of the period the date names.
    pub fn first_day(&self) -> Date {
        Date {
            year: self.year,
            month: self.month.max(1),
            day: self.day.max(1),
        }
    }

    /// The last day of the period the date names: a milestone due "2025" is
    /// late only once 2025 is over.
    pub fn last_day(&self) -> Date {
        match (self.month, self.day) {
            (0, _) => Date {
                year: self.year,
                month: 12,
                day: 31,
            },
            (m, 0) => {
                let first = jiff::civil::Date::new(self.year as i16, m as i8, 1).ok();
                Date {
                    year: self.year,
                    month: m,
                    day: first.map_or(28, |d| d.days_in_month() as u8),
                }
            }
            _ => *self,
        }
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

/// A value with the position of its key (or of itself, inside arrays).
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub value: Value,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    String(String),
    Integer(i64),
    Float(f64),
    Boolean(bool),
    /// Kept as written (`2024-03-01`, `2024-03-01T10:00:00+08:00`).
    Datetime(String),
    Array(Vec<Field>),
    Table(Table),
}

impl Value {
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::String(_) => "a string",
            Value::Integer(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Boolean(_) => "true or false",
            Value::Datetime(_) => "a date",
            Value::Array(_) => "a list",
            Value::Table(_) => "a table",
        }
    }

    /// The value as JSON, for `[extra]` tables that reach templates as they are.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Value::String(s) | Value::Datetime(s) => serde_json::Value::String(s.clone()),
            Value::Integer(i) => (*i).into(),
            Value::Float(f) => {
                serde_json::Number::from_f64(*f).map_or(serde_json::Value::Null, Into::into)
            }
            Value::Boolean(b) => (*b).into(),
            Value::Array(items) => items.iter().map(|f| f.value.to_json()).collect(),
            Value::Table(t) => serde_json::Value::Object(
                t.entries
                    .iter()
                    .map(|(k, f)| (k.clone(), f.value.to_json()))
                    .collect(),
            ),
        }
    }
}

/// A TOML table whose keys are sorted (deterministic iteration).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub entries: BTreeMap<String, Field>,
    /// Line of the table's header (`[[budget]]`) or first key; 0 at the top level.
    pub line: usize,
}

/// Equal values, whatever their positions in their files (`1` and `1.0` too).
pub fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_value(&p.value, &q.value))
        }
        (Value::Table(x), Value::Table(y)) => same_table(x, y),
        (Value::Integer(i), Value::Float(f)) | (Value::Float(f), Value::Integer(i)) => {
            (*i as f64) == *f
        }
        _ => a == b,
    }
}

/// Equal tables, whatever their positions in their files.
pub fn same_table(x: &Table, y: &Table) -> bool {
    x.entries.len() == y.entries.len()
        && x.entries.iter().all(|(k, Field { value, .. })| {
            y.entries
                .get(k)
                .is_some_and(|f| same_value(value, &f.value))
        })
}

/// A TOML syntax problem at a position of the parsed text.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Parses `text`, whose first line is line `first_line` of its file.
///
/// Returns what could be read and every syntax error found.
pub fn parse(text: &str, first_line: usize) -> (Table, Vec<SyntaxError>) {
    let (doc, errors) = toml::de::DeTable::parse_recoverable(text);
    let lines = LineIndex::new(text);
    let pos = |offset: usize| {
        let (line, column) = lines.line_col(text, offset);
        (line + first_line - 1, column)
    };
    let errors = errors
        .into_iter()
        .map(|e| {
            let (line, column) = e.span().map_or((first_line, 0), |s| pos(s.start));
            SyntaxError {
                line,
                column,
                message: first_line_of(e.message()),
            }
        })
        .collect();
    let mut table = convert_table(doc.get_ref(), &pos);
    table.line = 0;
    (table, errors)
}

fn first_line_of(message: &str) -> String {
    let msg = message.trim();
    msg.lines().next().unwrap_or(msg).trim().to_string()
}

fn convert_table(table: &toml::de::DeTable<'_>, pos: &dyn Fn(usize) -> (usize, usize)) -> Table {
    let mut out = Table::default();
    let mut first_line = usize::MAX;
    for (key, value) in table.iter() {
        let (line, column) = pos(key.span().start);
        first_line = first_line.min(line);
        out.entries.insert(
            key.get_ref().to_string(),
            Field {
                value: convert_value(value.get_ref(), pos),
                line,
                column,
            },
        );
    }
    out.line = if first_line == usize::MAX {
        0
    } else {
        first_line
    };
    out
}

fn convert_value(value: &toml::de::DeValue<'_>, pos: &dyn Fn(usize) -> (usize, usize)) -> Value {
    use toml::de::DeValue;
    match value {
        DeValue::String(s) => Value::String(s.to_string()),
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
            .map(Value::Integer)
            // Too large for i64: keep it readable rather than lose it.
            .unwrap_or_else(|_| Value::Float(f64::INFINITY)),
        DeValue::Float(f) => Value::Float(parse_float(f.as_str())),
        DeValue::Boolean(b) => Value::Boolean(*b),
        DeValue::Datetime(d) => Value::Datetime(d.to_string()),
        DeValue::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| {
                    let (line, column) = pos(item.span().start);
                    let mut value = convert_value(item.get_ref(), pos);
                    if let Value::Table(t) = &mut value {
                        t.line = line;
                    }
                    Field {
                        value,
                        line,
                        column,
                    }
                })
                .collect(),
        ),
        DeValue::Table(t) => Value::Table(convert_table(t, pos)),
    }
}

fn parse_float(text: &str) -> f64 {
    match text.replace('_', "").as_str() {
        "inf" | "+inf" => f64::INFINITY,
        "-inf" => f64::NEG_INFINITY,
        "nan" | "+nan" | "-nan" => f64::NAN,
        other => other.parse().unwrap_or(f64::NAN),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_know_their_lines() {
        let (t, errors) = parse("title = \"A\"\n\n[[budget]]\nyear = 2024\n", 2);
        assert!(errors.is_empty());
        assert_eq!(t.entries["title"].line, 2);
        let Value::Array(rows) = &t.entries["budget"].value else {
            panic!()
        };
        let Value::Table(row) = &rows[0].value else {
            panic!()
        };
        assert_eq!(row.entries["year"].line, 5);
        assert_eq!(row.entries["year"].value, Value::Integer(2024));
    }

    #[test]
    fn reports_every_syntax_error_with_position() {
        let (_, errors) = parse("a = 1\nb = \nc = \"x\"\nd = [\n", 2);
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert!(lines.contains(&3), "{errors:?}");
        assert!(lines.iter().any(|&l| l >= 5), "{errors:?}");
    }

    #[test]
    fn dates_keep_their_text() {
        let (t, _) = parse("date = 2023-07-05\n", 1);
        assert_eq!(
            t.entries["date"].value,
            Value::Datetime("2023-07-05".into())
        );
        assert_eq!(Date::parse("2023-02-29"), None);
        assert_eq!(Date::parse("2022").map(|d| d.iso()), Some("2022".into()));
        assert_eq!(
            Date::parse("2023-01").map(|d| d.iso()),
            Some("2023-01".into())
        );
        assert_eq!(Date::parse("2023-13"), None);
        assert_eq!(Date::parse("0"), None);
        let feb = Date::parse("2024-02").unwrap();
        assert_eq!(feb.last_day().iso(), "2024-02-29");
        assert_eq!(Date::year(2025).last_day().iso(), "2025-12-31");
        assert!(Date::year(2022) < Date::parse("2022-01-01").unwrap());
        assert_eq!(
            Date::parse("2024-02-29").map(|d| d.iso()),
            Some("2024-02-29".into())
        );
    }
}
