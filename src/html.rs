//! Escaping text into HTML and XML, for every stage that writes markup by
//! hand (charts, feeds, the sitemap, redirect pages, diffs, the dev
//! server's error page). Templates escape by themselves. A leaf module.

/// Escapes text for element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
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
