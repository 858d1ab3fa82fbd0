//! Escaping text into HTML and XML, for every stage that writes markup by
//! hand (charts, feeds, the sitemap, redirect pages, diffs, the dev
//! server's error page). Templates escape by themselves. A leaf module.

/// Escapes text for element content and quoted attribute values. Characters
/// XML does not allow (control characters other than tab and line breaks,
/// U+FFFE, U+FFFF) are dropped, so a feed or sitemap is always well-formed.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => {}
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_is_escaped_and_characters_xml_forbids_are_dropped() {
        assert_eq!(
            escape("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(
            escape("a\u{1}b\u{fffe}c\u{ffff}d\te\nf\u{7f}"),
            "abcd\te\nf"
        );
    }
}
