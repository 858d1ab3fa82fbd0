//! One error type for the whole pipeline.
//!
//! Every stage reports problems as [`Diagnostic`]s into a [`Diagnostics`]
//! collection instead of stopping at the first one, so that one build shows
//! comms staff everything they have to fix. A diagnostic names the file
//! (relative to the site root), the line and column where known, says what is
//! wrong and, where it helps, what to do about it.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is: errors stop the build, warnings are printed only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in the site.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the site root where possible.
    pub file: PathBuf,
    /// 1-based line, 0 when unknown.
    pub line: usize,
    /// 1-based column, 0 when unknown.
    pub column: usize,
    pub message: String,
    /// What to do about it, when there is something useful to say.
    pub hint: Option<String>,
    /// A machine-readable kind for the few problems callers treat apart
    /// (`check --format json` reports it; `check` is stricter on some).
    pub kind: Option<&'static str>,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: 0,
            column: 0,
            message: message.into(),
            hint: None,
            kind: None,
        }
    }

    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    /// At a line and column, when they are known.
    pub fn at_pos(self, pos: Option<(usize, usize)>) -> Self {
        match pos {
            Some((line, column)) => self.at(line, column),
            None => self,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_kind(mut self, kind: &'static str) -> Self {
        self.kind = Some(kind);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {kind}: {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// All the problems of one build, in a stable order once [`Diagnostics::sorted`].
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Sorted by file, then position, errors before warnings; duplicates removed.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.severity, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
        });
        self.items.dedup();
        self.items
    }
}

impl Diagnostics {
    /// The report for a person at a terminal, one line (and hint) per
    /// problem in a stable order: every error, and the first
    /// [`WARNINGS_SHOWN_PER_KIND`] warnings of each kind, then one line per
    /// kind counting the warnings left out.
    pub fn for_terminal(&self) -> Vec<String> {
        let mut limit = WarningLimit::default();
        let mut lines: Vec<String> = (self.clone().sorted().into_iter())
            .filter(|d| d.is_error() || limit.admit(d.kind))
            .map(|d| d.to_string())
            .collect();
        lines.extend(limit.omitted());
        lines
    }
}

/// How many warnings of one kind a report for a person shows. A plan with
/// thousands of the same warning would otherwise bury everything else;
/// `check --format json` lists them all.
pub const WARNINGS_SHOWN_PER_KIND: usize = 5;

/// Counts warnings by kind as a report shows them, to show the first few of
/// each kind and count the rest. Errors are never left out: each must be fixed.
#[derive(Debug, Default)]
pub struct WarningLimit {
    /// Warnings seen of each kind (`None`: warnings without a kind).
    seen: std::collections::BTreeMap<Option<String>, usize>,
}

impl WarningLimit {
    /// Whether to show the next warning of `kind`.
    pub fn admit(&mut self, kind: Option<&str>) -> bool {
        let seen = self.seen.entry(kind.map(str::to_string)).or_default();
        *seen += 1;
        *seen <= WARNINGS_SHOWN_PER_KIND
    }

    /// One line per kind with warnings left out, saying how many.
    pub fn omitted(&self) -> Vec<String> {
        (self.seen.iter())
            .filter(|(_, seen)| **seen > WARNINGS_SHOWN_PER_KIND)
            .map(|(kind, seen)| {
                let more = seen - WARNINGS_SHOWN_PER_KIND;
                let kind = kind.as_ref().map(|k| format!("`{k}` ")).unwrap_or_default();
                let plural = if more == 1 { "" } else { "s" };
                format!(
                    "… and {} more {kind}warning{plural}; `terbit check --format json` lists them all",
                    thousands(more)
                )
            })
            .collect()
    }
}

/// `n` with its thousands separated by commas, as in `2,994`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics { items: vec![d] }
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics {
            items: iter.into_iter().collect(),
        }
    }
}

/// 1-based line and column of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(text).line_col(text, offset)
}

/// Where each line of a text starts, to turn many byte offsets into lines
/// and columns without scanning the text from its start each time.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(
                text.bytes()
                    .enumerate()
                    .filter(|&(_, b)| b == b'\n')
                    .map(|(i, _)| i + 1),
            )
            .collect();
        LineIndex { starts }
    }

    /// 1-based line and column (in characters) of a byte offset in `text`.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let column = String::from_utf8_lossy(&text.as_bytes()[start..offset])
            .chars()
            .count()
            + 1;
        (line, column)
    }
}

/// `path` relative to `root` when it is inside it, else as is.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// The closest candidate to `wanted`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(wanted, c), c))
        .filter(|(score, _)| *score > 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        assert_eq!(line_col("ab\ncd", 0), (1, 1));
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("é\nx", 3), (2, 1));
    }

    #[test]
    fn suggests_close_ids_only() {
        let ids = ["smart-governance", "smart-economy"];
        assert_eq!(
            did_you_mean("smart-govrnance", ids),
            Some("smart-governance")
        );
        assert_eq!(did_you_mean("zzz", ids), None);
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(2994), "2,994");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn a_terminal_sees_every_error_and_the_first_warnings_of_each_kind() {
        let mut diags = Diagnostics::new();
        for i in 0..2999 {
            let file = format!("content/programs/p{i:04}.en.md");
            diags.push(Diagnostic::warning(&file, "differs").with_kind("translation-fact-differs"));
            diags.push(Diagnostic::error(&file, "broken"));
        }
        for i in 0..6 {
            diags.push(Diagnostic::warning(format!("content/w{i}.md"), "no kind"));
        }
        diags.push(Diagnostic::warning("content/a.md", "odd").with_kind("other"));
        let lines = diags.for_terminal();
        let count = |what: &str| lines.iter().filter(|l| l.contains(what)).count();
        assert_eq!(count(": error: broken"), 2999);
        assert_eq!(count(": warning: differs"), 5);
        assert_eq!(count(": warning: no kind"), 5);
        assert_eq!(count(": warning: odd"), 1);
        assert_eq!(
            lines[lines.len() - 2..],
            [
                "… and 1 more warning; `terbit check --format json` lists them all",
                "… and 2,994 more `translation-fact-differs` warnings; `terbit check --format json` lists them all",
            ]
        );
    }

    #[test]
    fn display_names_file_line_and_hint() {
        let d = Diagnostic::error("content/a.md", "bad")
            .at(3, 7)
            .with_hint("fix it");
        assert_eq!(
            d.to_string(),
            "content/a.md:3:7: error: bad\n  hint: fix it"
        );
    }
}
