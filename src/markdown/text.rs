//! A page's words for search, descriptions and feeds, from its Markdown
//! events: text and code as written, a space for every line break and at the
//! edges of every block (paragraphs, headings, items, cells, quotes,
//! footnotes), none at inline edges, so that `jumlah⏎sampah` stays two words
//! and `**e**-KTP` one.

use pulldown_cmark::{Event, TagEnd};

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
}
