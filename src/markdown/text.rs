//! A page's words for search, descriptions and feeds, from its Markdown
//! events: text and code as written, a space for every line break and at the
//! edges of every block (paragraphs, headings, items, cells, quotes,
//! footnotes), none at inline edges, so that `jumlah⏎sampah` stays two words
//! and `**e**-KTP` one.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// `text` with every run of whitespace made one space, none at either end.
/// Whitespace is Unicode's, as `str::split_whitespace` has it; the text is
/// read byte by byte, a character decoded only where a byte is not ASCII,
/// and copied a stretch at a time: words one space apart stay one stretch.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    // The stretch being kept (its words one space apart) starts here.
    let mut kept: Option<usize> = None;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let (space, len) = if b.is_ascii() {
            (b == b' ' || (b'\t'..=b'\r').contains(&b), 1)
        } else {
            // `i` is always at the start of a character.
            let c = text[i..].chars().next().unwrap_or('\0');
            (c.is_whitespace(), c.len_utf8())
        };
        match (space, kept) {
            // One space before a word (ASCII, to tell without decoding): the stretch goes on.
            (true, Some(_))
                if b == b' ' && bytes.get(i + 1).is_some_and(|&n| n.is_ascii_graphic()) => {}
            (true, Some(start)) => {
                out.push_str(&text[start..i]);
                kept = None;
            }
            (false, None) => {
                if !out.is_empty() {
                    out.push(' ');
                }
                kept = Some(i);
            }
            _ => {}
        }
        i += len;
    }
    if let Some(start) = kept {
        out.push_str(&text[start..]);
    }
    out
}

/// The first `n` words of `text`, whose words are one space apart
/// (as [`collapse_whitespace`] leaves them).
pub fn first_words(text: &str, n: usize) -> &str {
    match text.match_indices(' ').nth(n.saturating_sub(1)) {
        Some((end, _)) if n > 0 => &text[..end],
        _ if n == 0 => "",
        _ => text,
    }
}

/// Adds what `event` says to `text`.
pub fn extract(event: &Event, text: &mut String) {
    match event {
        Event::Text(t) | Event::Code(t) => text.push_str(t),
        Event::SoftBreak | Event::HardBreak | Event::Rule => text.push(' '),
        Event::Start(tag) if is_block(tag.to_end()) => text.push(' '),
        Event::End(end) if is_block(*end) => text.push(' '),
        _ => {}
    }
}

fn is_block(end: TagEnd) -> bool {
    !matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// A Markdown text's words as a reader sees them, cut at its headings:
/// (heading, words) pairs, the first with an empty heading (the words before
/// any heading); parts with neither are left out.
pub fn sections(markdown: &str, options: Options) -> Vec<(String, String)> {
    let mut parts: Vec<(String, String)> = vec![(String::new(), String::new())];
    let mut heading: Option<String> = None;
    for event in Parser::new_ext(markdown, options) {
        match (&event, heading.as_mut()) {
            (Event::Start(Tag::Heading { .. }), _) => heading = Some(String::new()),
            (Event::End(TagEnd::Heading(_)), Some(_)) => {
                parts.push((heading.take().unwrap_or_default(), String::new()));
            }
            (_, Some(h)) => extract(&event, h),
            (_, None) => {
                if let Some(last) = parts.last_mut() {
                    extract(&event, &mut last.1);
                }
            }
        }
    }
    let tidy = |s: String| collapse_whitespace(&s);
    parts
        .into_iter()
        .map(|(h, body)| (tidy(h), tidy(body)))
        .filter(|(h, body)| !h.is_empty() || !body.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Options, Parser};

    use super::*;

    fn words(markdown: &str) -> String {
        let options =
            Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
        let mut text = String::new();
        for event in Parser::new_ext(markdown, options) {
            extract(&event, &mut text);
        }
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn whitespace_collapses_and_first_words_cut_at_a_space() {
        let texts = [
            "",
            "  ",
            " a\u{a0}b\n\n c ",
            "satu dua\ttiga",
            "é  ü",
            "\u{3000}x\u{2028}y\u{85}z\u{202f}",
            "\x0b\x0ca\r\nb\x1c",
            "a\u{200b}b 🙂\u{1680}ç",
            "satu dua  tiga\tempat lima é enam ",
            " x y\u{a0}z  w\x1cv ",
        ];
        for text in texts {
            let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse_whitespace(text), joined, "{text:?}");
        }
        let text = collapse_whitespace("satu  dua tiga\nempat");
        assert_eq!(first_words(&text, 0), "");
        assert_eq!(first_words(&text, 2), "satu dua");
        assert_eq!(first_words(&text, 4), text);
        assert_eq!(first_words(&text, 40), text);
    }

    #[test]
    fn line_ends_and_blocks_part_words() {
        assert_eq!(
            words("Data jumlah\nsampah dan SATUSEHAT\nKementerian"),
            "Data jumlah sampah dan SATUSEHAT Kementerian"
        );
        assert_eq!(
            words("baris satu  \nbaris dua\\\nbaris tiga"),
            "baris satu baris dua baris tiga"
        );
        assert_eq!(words("# Judul\nIsi"), "Judul Isi");
        assert_eq!(words("> kutipan\n\nsetelahnya"), "kutipan setelahnya");
        assert_eq!(words("satu\n\n---\n\ndua"), "satu dua");
    }

    #[test]
    fn lists_tables_and_footnotes_part_words() {
        assert_eq!(words("- a\n  - b\n- c"), "a b c");
        assert_eq!(words("1. pertama\n2. kedua"), "pertama kedua");
        assert_eq!(words("| a | b |\n|---|---|\n| c | d |"), "a b c d");
        assert_eq!(words("teks[^1]\n\n[^1]: catatan"), "teks catatan");
    }

    #[test]
    fn inline_edges_keep_words_whole() {
        assert_eq!(words("**e**-KTP dan *UMKM*go"), "e-KTP dan UMKMgo");
        assert_eq!(words("kode `SATUSEHAT`nya"), "kode SATUSEHATnya");
        assert_eq!(
            words("[tautan](https://a.id)nya ~~lama~~baru"),
            "tautannya lamabaru"
        );
    }

    #[test]
    fn entities_and_no_break_spaces_are_text() {
        assert_eq!(words("Rp&nbsp;1.000 &amp; lain"), "Rp 1.000 & lain");
        assert_eq!(words("Rp\u{a0}2.000"), "Rp 2.000");
    }

    #[test]
    fn sections_cut_at_headings_of_either_syntax_and_keep_only_words() {
        let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES;
        let text = "Intro [link](@/a.md) **bold**.\n\n## Latar\nSatu\ndua.\n\nTujuan\n------\n\n```\n# bukan judul\n```\n";
        assert_eq!(
            sections(text, options),
            [
                (String::new(), "Intro link bold.".to_string()),
                ("Latar".to_string(), "Satu dua.".to_string()),
                ("Tujuan".to_string(), "# bukan judul".to_string()),
            ]
        );
    }
}
