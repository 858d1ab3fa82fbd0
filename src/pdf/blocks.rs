//! A content file's Markdown as data for the PDF: paragraphs, headings,
//! lists, quotes, code, tables and their inline parts.
//!
//! The text reaches Typst only as JSON strings, which its template places as
//! text; nothing an author writes is ever read as Typst markup or code, so
//! `#read("/etc/passwd")`, `$`, `@ref` or `<label>` in a page print as written.
//! Nesting deeper than [`MAX_DEPTH`] is flattened (its text kept), so that a
//! hostile page cannot exhaust the typesetter's call depth.

use std::collections::HashMap;

use pulldown_cmark::{Event, Parser, Tag};
use serde::Serialize;

/// Containers (quotes, lists, emphasis, links) kept nested at most this deep.
pub const MAX_DEPTH: usize = 6;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "t", rename_all = "kebab-case")]
pub enum Block {
    Par {
        c: Vec<Inline>,
    },
    Heading {
        /// From 1, below the heading the text is placed under.
        level: u8,
        c: Vec<Inline>,
    },
    List {
        /// The first number of an ordered list.
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Quote {
        c: Vec<Block>,
    },
    #[serde(rename = "code-block")]
    Code {
        text: String,
    },
    Table {
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    Rule,
}

/// A run of text (a JSON string), or a span with parts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Inline {
    Text(String),
    Span(Span),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "t", rename_all = "kebab-case")]
pub enum Span {
    Em {
        c: Vec<Inline>,
    },
    Strong {
        c: Vec<Inline>,
    },
    Del {
        c: Vec<Inline>,
    },
    Code {
        text: String,
    },
    /// `url` is absolute (a web address), or absent for a link the PDF cannot follow.
    Link {
        url: Option<String>,
        c: Vec<Inline>,
    },
    Break,
    /// A picture of the text: the file the typesetter is handed, or only its description.
    Image {
        alt: String,
        src: Option<String>,
    },
    /// A footnote: its label as written, and its text (placed once every
    /// footnote is read).
    Note {
        #[serde(skip)]
        label: String,
        c: Vec<Block>,
    },
    Check {
        done: bool,
    },
}

/// Makes a link's address absolute, or refuses it.
pub type LinkHook<'a> = dyn Fn(&str) -> Option<String> + 'a;
/// Hands the typesetter a picture of the text: its path in the typesetter's world.
pub type ImageHook<'a> = dyn Fn(&str) -> Option<String> + 'a;

/// Converts `markdown`, its links and pictures through `link` and `image`.
pub fn convert(markdown: &str, link: &LinkHook, image: &ImageHook) -> Vec<Block> {
    let events: Vec<Event> = Parser::new_ext(markdown, crate::markdown::options()).collect();
    let mut reader = Reader {
        events: events.into_iter(),
        link,
        image,
        notes: HashMap::new(),
    };
    let mut blocks = reader.blocks(0);
    // Footnote texts move to where they are referred to.
    let notes = std::mem::take(&mut reader.notes);
    for b in &mut blocks {
        place_notes(b, &notes, 0);
    }
    let mut previous = 0;
    relative_levels(&mut blocks, &mut previous);
    blocks
}

/// Makes heading levels relative to the heading the text is placed under
/// (1 for `##`, the first level of a page's text) and consecutive, as a
/// tagged PDF requires: a `####` right after the title becomes 1.
fn relative_levels(blocks: &mut [Block], previous: &mut u8) {
    for b in blocks {
        match b {
            Block::Heading { level, .. } => {
                let relative = level.saturating_sub(1).max(1).min(*previous + 1);
                *level = relative;
                *previous = relative;
            }
            Block::List { items, .. } => {
                for item in items {
                    relative_levels(item, previous);
                }
            }
            Block::Quote { c } => relative_levels(c, previous),
            Block::Par { .. } | Block::Code { .. } | Block::Table { .. } | Block::Rule => {}
        }
    }
}

struct Reader<'a, 'e> {
    events: std::vec::IntoIter<Event<'e>>,
    link: &'a LinkHook<'a>,
    image: &'a ImageHook<'a>,
    notes: HashMap<String, Vec<Block>>,
}

impl<'e> Reader<'_, 'e> {
    /// Blocks up to the end of the container they are in.
    fn blocks(&mut self, depth: usize) -> Vec<Block> {
        let mut out = Vec::new();
        let mut loose: Vec<Inline> = Vec::new();
        // Containers too deep to keep: their ends are skipped too.
        let mut skipped = 0usize;
        while let Some(event) = self.events.next() {
            let block = match event {
                Event::End(_) if skipped > 0 => {
                    skipped -= 1;
                    flush(&mut loose, &mut out);
                    continue;
                }
                Event::End(_) => break,
                Event::Start(
                    Tag::BlockQuote(_) | Tag::List(_) | Tag::Item | Tag::FootnoteDefinition(_),
                ) if depth >= MAX_DEPTH => {
                    skipped += 1;
                    continue;
                }
                Event::Start(Tag::Paragraph) => Block::Par { c: self.inlines(0) },
                Event::Start(Tag::Heading { level, .. }) => Block::Heading {
                    level: level as u8,
                    c: self.inlines(0),
                },
                Event::Start(Tag::BlockQuote(_)) => Block::Quote {
                    c: self.blocks(depth + 1),
                },
                Event::Start(Tag::CodeBlock(_)) => Block::Code {
                    text: self.text_until_end(),
                },
                Event::Start(Tag::List(start)) => self.list(start, depth),
                Event::Start(Tag::Table(_)) => self.table(),
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    let text = self.blocks(depth + 1);
                    self.notes.entry(label.to_string()).or_insert(text);
                    continue;
                }
                Event::Start(Tag::HtmlBlock) => {
                    // Raw HTML is the web page's; the document has its text only when written in Markdown.
                    self.text_until_end();
                    continue;
                }
                Event::Rule => Block::Rule,
                Event::Html(_) => continue,
                // A tight list item's text comes without a paragraph.
                other => {
                    self.inline(other, &mut loose, 0);
                    continue;
                }
            };
            flush(&mut loose, &mut out);
            out.push(block);
        }
        flush(&mut loose, &mut out);
        out
    }

    fn list(&mut self, start: Option<u64>, depth: usize) -> Block {
        let mut items = Vec::new();
        while let Some(event) = self.events.next() {
            match event {
                Event::Start(Tag::Item) => items.push(self.blocks(depth + 1)),
                _ => break,
            }
        }
        Block::List { start, items }
    }

    fn table(&mut self) -> Block {
        let mut head = Vec::new();
        let mut rows = Vec::new();
        while let Some(event) = self.events.next() {
            match event {
                Event::Start(Tag::TableHead) => head = self.cells(),
                Event::Start(Tag::TableRow) => rows.push(self.cells()),
                _ => break,
            }
        }
        // Typst's tables need every row as wide as the header.
        let width = head.len().max(rows.iter().map(Vec::len).max().unwrap_or(0));
        head.resize(width, Vec::new());
        for row in &mut rows {
            row.resize(width, Vec::new());
        }
        Block::Table { head, rows }
    }

    fn cells(&mut self) -> Vec<Vec<Inline>> {
        let mut cells = Vec::new();
        while let Some(event) = self.events.next() {
            match event {
                Event::Start(Tag::TableCell) => cells.push(self.inlines(0)),
                _ => break,
            }
        }
        cells
    }

    /// Inline parts up to the end of the span or block they are in.
    fn inlines(&mut self, depth: usize) -> Vec<Inline> {
        let mut out = Vec::new();
        let mut skipped = 0usize;
        while let Some(event) = self.events.next() {
            match event {
                Event::End(_) if skipped > 0 => skipped -= 1,
                Event::End(_) => break,
                Event::Start(
                    Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. },
                ) if depth >= MAX_DEPTH => skipped += 1,
                other => self.inline(other, &mut out, depth),
            }
        }
        out
    }

    fn inline(&mut self, event: Event<'e>, out: &mut Vec<Inline>, depth: usize) {
        let span = match event {
            Event::Text(t) => return push_text(out, &t),
            Event::SoftBreak => return push_text(out, " "),
            Event::HardBreak => Span::Break,
            Event::Code(t) => Span::Code {
                text: t.to_string(),
            },
            Event::Start(Tag::Emphasis) => Span::Em {
                c: self.inlines(depth + 1),
            },
            Event::Start(Tag::Strong) => Span::Strong {
                c: self.inlines(depth + 1),
            },
            Event::Start(Tag::Strikethrough) => Span::Del {
                c: self.inlines(depth + 1),
            },
            Event::Start(Tag::Link { dest_url, .. }) => Span::Link {
                url: (self.link)(&dest_url),
                c: self.inlines(depth + 1),
            },
            Event::Start(Tag::Image { dest_url, .. }) => Span::Image {
                src: (self.image)(&dest_url),
                alt: self.text_until_end(),
            },
            Event::FootnoteReference(label) => Span::Note {
                label: label.to_string(),
                c: Vec::new(),
            },
            Event::TaskListMarker(done) => Span::Check { done },
            Event::Start(_) => {
                // Anything else that opens (superscript and the like): its text.
                let inner = self.inlines(depth + 1);
                out.extend(inner);
                return;
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => return push_text(out, &t),
            Event::End(_) | Event::Html(_) | Event::InlineHtml(_) | Event::Rule => return,
        };
        out.push(Inline::Span(span));
    }

    /// The plain text up to the end of the current tag (code blocks, image descriptions).
    fn text_until_end(&mut self) -> String {
        let mut text = String::new();
        let mut open = 0usize;
        for event in self.events.by_ref() {
            match event {
                Event::Start(_) => open += 1,
                Event::End(_) if open == 0 => break,
                Event::End(_) => open -= 1,
                Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                    text.push_str(&t)
                }
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                _ => {}
            }
        }
        text
    }
}

fn push_text(out: &mut Vec<Inline>, t: &str) {
    match out.last_mut() {
        Some(Inline::Text(last)) => last.push_str(t),
        _ => out.push(Inline::Text(t.to_string())),
    }
}

fn flush(loose: &mut Vec<Inline>, out: &mut Vec<Block>) {
    if !loose.is_empty() {
        out.push(Block::Par {
            c: std::mem::take(loose),
        });
    }
}

/// Replaces each footnote reference's label by the footnote's text (a
/// footnote is never placed inside its own text).
fn place_notes(block: &mut Block, notes: &HashMap<String, Vec<Block>>, depth: usize) {
    let inlines = |c: &mut Vec<Inline>| place_in_inlines(c, notes, depth);
    match block {
        Block::Par { c } | Block::Heading { c, .. } => inlines(c),
        Block::List { items, .. } => items
            .iter_mut()
            .flatten()
            .for_each(|b| place_notes(b, notes, depth)),
        Block::Quote { c } => c.iter_mut().for_each(|b| place_notes(b, notes, depth)),
        Block::Table { head, rows } => head
            .iter_mut()
            .chain(rows.iter_mut().flatten())
            .for_each(inlines),
        Block::Code { .. } | Block::Rule => {}
    }
}

fn place_in_inlines(c: &mut [Inline], notes: &HashMap<String, Vec<Block>>, depth: usize) {
    for inline in c {
        let Inline::Span(span) = inline else { continue };
        match span {
            Span::Note { label, c } => {
                *c = match (depth, notes.get(label.as_str())) {
                    (0, Some(text)) => {
                        let mut text = text.clone();
                        for b in &mut text {
                            place_notes(b, notes, depth + 1);
                        }
                        text
                    }
                    _ => vec![Block::Par {
                        c: vec![Inline::Text(label.clone())],
                    }],
                };
            }
            Span::Em { c } | Span::Strong { c } | Span::Del { c } | Span::Link { c, .. } => {
                place_in_inlines(c, notes, depth)
            }
            Span::Code { .. } | Span::Break | Span::Image { .. } | Span::Check { .. } => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.to_string())
    }

    fn absolute(dest: &str) -> Option<String> {
        dest.starts_with("https://").then(|| dest.to_string())
    }

    #[test]
    fn typst_syntax_stays_text() {
        // `\<` keeps `<label>` from being an HTML tag in Markdown.
        let md = "#read(\"/etc/passwd\") $x$ @ref \\<label> \\\\ [unbalanced *a*\n";
        let blocks = convert(md, &absolute, &|_| None);
        let json = serde_json::to_string(&blocks).unwrap();
        assert!(
            json.contains(r#"#read(\"/etc/passwd\") $x$ @ref <label> \\ [unbalanced "#),
            "{json}"
        );
    }

    #[test]
    fn soft_breaks_are_spaces_and_runs_merge() {
        let blocks = convert("Data jumlah\nsampah **harian**", &absolute, &|_| None);
        let Block::Par { c } = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(c[0], text("Data jumlah sampah "));
    }

    #[test]
    fn links_are_absolute_or_plain() {
        let blocks = convert(
            "[a](https://x.id/) [b](javascript:alert(1))",
            &absolute,
            &|_| None,
        );
        let json = serde_json::to_string(&blocks).unwrap();
        assert!(
            json.contains(r#"{"t":"link","url":"https://x.id/","c":["a"]}"#),
            "{json}"
        );
        assert!(
            json.contains(r#"{"t":"link","url":null,"c":["b"]}"#),
            "{json}"
        );
    }

    #[test]
    fn footnotes_move_to_their_reference() {
        let blocks = convert("Teks[^1].\n\n[^1]: Catatan.\n", &absolute, &|_| None);
        assert_eq!(blocks.len(), 1, "{blocks:?}");
        let json = serde_json::to_string(&blocks).unwrap();
        assert!(
            json.contains(r#"{"t":"note","c":[{"t":"par","c":["Catatan."]}]}"#),
            "{json}"
        );
    }

    #[test]
    fn deep_nesting_is_flattened_with_its_text() {
        let md = format!("{}inti\n", "> ".repeat(5000));
        let blocks = convert(&md, &absolute, &|_| None);
        let json = serde_json::to_string(&blocks).unwrap();
        assert!(json.contains("inti"));
        assert!(json.matches("quote").count() <= MAX_DEPTH, "{json}");
        let md = format!("{}x{}", "*a ".repeat(3000), "*".repeat(3000));
        let json = serde_json::to_string(&convert(&md, &absolute, &|_| None)).unwrap();
        assert!(json.matches("\"em\"").count() <= MAX_DEPTH + 1);
    }

    #[test]
    fn tables_are_rectangular() {
        let md = "| a | b |\n|---|---|\n| 1 |\n| 2 | 3 | 4 |\n";
        let blocks = convert(md, &absolute, &|_| None);
        let Block::Table { head, rows } = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(head.len(), 2);
        assert!(rows.iter().all(|r| r.len() == 2), "{rows:?}");
    }
}
