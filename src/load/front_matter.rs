//! Splitting a content file into its `+++` TOML front matter and its Markdown.

use std::path::Path;

use crate::diagnostics::Diagnostic;

pub struct Split<'a> {
    pub front: &'a str,
    /// Line of the file on which `front` starts.
    pub front_line: usize,
    pub body: &'a str,
    pub body_line: usize,
}

#[derive(Debug, PartialEq)]
pub enum Problem {
    Empty,
    NoFrontMatter,
    Unterminated,
}

impl Problem {
    pub fn into_diagnostic(self, file: &Path) -> Diagnostic {
        let example = "+++\ntitle = \"...\"\n+++";
        match self {
            Problem::Empty => Diagnostic::error(file, "the file is empty")
                .at(1, 1)
                .with_hint(format!(
                    "a content file starts with front matter:\n{example}"
                )),
            Problem::NoFrontMatter => Diagnostic::error(
                file,
                "the file does not start with front matter (a line `+++`)",
            )
            .at(1, 1)
            .with_hint(format!("start the file with:\n{example}")),
            Problem::Unterminated => Diagnostic::error(file, "the front matter is not closed")
                .at(1, 1)
                .with_hint("add a line `+++` after the last front-matter key"),
        }
    }
}

/// Splits `text` (with CRLF or LF line ends, with or without a BOM).
///
/// CRLF is tolerated by treating `\r` before a line end as part of the line end;
/// the body keeps its text as written, and Markdown treats CRLF like LF.
pub fn split(text: &str) -> Result<Split<'_>, Problem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Problem::Empty);
    }
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "+++" {
        return Err(Problem::NoFrontMatter);
    }
    let front_start = first.len();
    let mut offset = front_start;
    let mut line_no = 1;
    for line in lines {
        line_no += 1;
        if line.trim_end() == "+++" {
            return Ok(Split {
                front: &text[front_start..offset],
                front_line: 2,
                body: &text[offset + line.len()..],
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(Problem::Unterminated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_bom_and_crlf() {
        let s = split("\u{feff}+++\r\ntitle = \"A\"\r\n+++\r\nBody\r\n").unwrap();
        assert_eq!(s.front, "title = \"A\"\r\n");
        assert_eq!(s.body, "Body\r\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn names_each_problem() {
        assert_eq!(split("").err(), Some(Problem::Empty));
        assert_eq!(split("# Title\n").err(), Some(Problem::NoFrontMatter));
        assert_eq!(
            split("+++\ntitle = \"A\"\n").err(),
            Some(Problem::Unterminated)
        );
        assert_eq!(split("+++\ntitle = \"A\"\n+++").unwrap().body, "");
    }
}
