//! A small scanner for the HTML terbit writes: the ids, the links and the
//! images of a page. Not a general HTML parser: it reads tags and their
//! quoted or bare attributes, and skips comments, scripts and styles, which
//! is all a link check needs.

/// What a page refers to and what it can be referred to by.
#[derive(Debug, Default, PartialEq)]
pub struct Scan {
    pub ids: Vec<String>,
    /// `href` and `src` values (entities decoded), in order.
    pub links: Vec<String>,
    pub images: Vec<Image>,
}

#[derive(Debug, PartialEq)]
pub struct Image {
    pub src: String,
    /// `None` when the `alt` attribute is missing.
    pub alt: Option<String>,
}

pub fn scan(html: &str) -> Scan {
    let mut out = Scan::default();
    let mut i = 0;
    while let Some(rel) = html[i..].find('<') {
        i += rel;
        if html[i..].starts_with("<!--") {
            i = html[i..].find("-->").map_or(html.len(), |e| i + e + 3);
            continue;
        }
        let name_start = i + 1;
        let name_end = html[name_start..]
            .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
            .map_or(html.len(), |e| name_start + e);
        let name = html[name_start..name_end].to_ascii_lowercase();
        let (attrs, end) = attributes(html, name_end);
        i = end;
        if name.is_empty() || name.starts_with('/') || name.starts_with('!') {
            continue;
        }
        for (k, v) in &attrs {
            match k.as_str() {
                "id" => out.ids.push(v.clone()),
                "href" | "src" => out.links.push(v.clone()),
                _ => {}
            }
        }
        if name == "img" {
            let get = |key: &str| attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
            out.images.push(Image {
                src: get("src").unwrap_or_default(),
                alt: get("alt"),
            });
        }
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            i = html[i..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(html.len(), |e| i + e);
        }
    }
    out
}

/// Reads attributes from `at` to the end of the tag; returns them and the index after `>`.
fn attributes(html: &str, mut at: usize) -> (Vec<(String, String)>, usize) {
    let b = html.as_bytes();
    let mut attrs = Vec::new();
    loop {
        while at < b.len() && (b[at].is_ascii_whitespace() || b[at] == b'/') {
            at += 1;
        }
        if at >= b.len() {
            return (attrs, b.len());
        }
        if b[at] == b'>' {
            return (attrs, at + 1);
        }
        let key_start = at;
        while at < b.len() && !b[at].is_ascii_whitespace() && !matches!(b[at], b'=' | b'>' | b'/') {
            at += 1;
        }
        let key = html[key_start..at].to_ascii_lowercase();
        while at < b.len() && b[at].is_ascii_whitespace() {
            at += 1;
        }
        let mut value = String::new();
        if at < b.len() && b[at] == b'=' {
            at += 1;
            while at < b.len() && b[at].is_ascii_whitespace() {
                at += 1;
            }
            if at < b.len() && (b[at] == b'"' || b[at] == b'\'') {
                let quote = b[at];
                let start = at + 1;
                let end = html[start..]
                    .find(quote as char)
                    .map_or(b.len(), |e| start + e);
                value = decode(&html[start..end]);
                at = (end + 1).min(b.len());
            } else {
                let start = at;
                while at < b.len() && !b[at].is_ascii_whitespace() && b[at] != b'>' {
                    at += 1;
                }
                value = decode(&html[start..at]);
            }
        }
        if !key.is_empty() {
            attrs.push((key, value));
        }
    }
}

fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_ids_links_and_images() {
        let s = scan(
            "<!-- <a href=\"/no/\"> --><h2 id=\"a\">A</h2><a href='/x/?q=1&amp;r=2#b'>x</a>\
             <img src=/i.png><IMG SRC=\"/j.png\" alt=\"\"><script>var s = '<a href=\"/js/\">';</script><link rel=stylesheet href=\"/k.css\"/>",
        );
        assert_eq!(s.ids, ["a"]);
        assert_eq!(s.links, ["/x/?q=1&r=2#b", "/i.png", "/j.png", "/k.css"]);
        assert_eq!(
            s.images,
            vec![
                Image {
                    src: "/i.png".into(),
                    alt: None
                },
                Image {
                    src: "/j.png".into(),
                    alt: Some(String::new())
                }
            ]
        );
    }
}
