//! Raw HTML in Markdown: sanitised, never trusted.
//!
//! Authors are staff, but they paste from everywhere and the readers are the
//! public. Harmless markup (`<details>`, `<abbr>`, `<sup>`, `<kbd>`, `<br>`,
//! `<figure>`, tables...) survives; scripts, styles, event handlers, forms,
//! objects and frames (unless the frame's host is listed in `[markdown]
//! embed_hosts`) are removed by `ammonia`, a maintained allow-list sanitiser.
//! [`scan`] reads the same raw HTML with the same lists to say, with its
//! position, what will be removed.

/// What raw HTML may contain beyond the text, and where frames may come from.
#[derive(Debug, Clone, Default)]
pub struct HtmlPolicy {
    /// Hosts whose pages an `<iframe>` may show (`www.youtube-nocookie.com`).
    pub embed_hosts: Vec<String>,
}

/// Something the sanitiser removes from an author's raw HTML.
#[derive(Debug, Clone, PartialEq)]
pub struct Removed {
    /// Byte offset in the Markdown text.
    pub offset: usize,
    /// What: "`<script>`", "the `onerror` attribute of `<img>`".
    pub what: String,
    /// A link to a scheme no page may use: an error, not a warning.
    pub refused_link: bool,
}

/// Tags an author may write in raw HTML (and that the Markdown renderer writes).
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Attributes any tag may have.
const GENERIC_ATTRIBUTES: &[&str] = &["id", "lang", "title", "dir"];

/// Attributes of particular tags.
const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    (
        "img",
        &["src", "alt", "width", "height", "loading", "decoding"],
    ),
    ("input", &["type", "checked", "disabled"]),
    ("td", &["colspan", "rowspan"]),
    ("th", &["colspan", "rowspan", "scope"]),
    ("ol", &["start"]),
    ("time", &["datetime"]),
    ("data", &["value"]),
    ("details", &["open"]),
    ("abbr", &["title"]),
    (
        "iframe",
        &[
            "src",
            "title",
            "width",
            "height",
            "allow",
            "allowfullscreen",
            "loading",
        ],
    ),
];

/// Classes the Markdown renderer writes.
const CLASSES: &[(&str, &[&str])] = &[
    ("div", &["table-scroll", "footnote-definition"]),
    ("sup", &["footnote-reference", "footnote-definition-label"]),
];

/// Attributes that hold a URL.
const URL_ATTRIBUTES: &[&str] = &["href", "src"];

fn tag_allowed(tag: &str, policy: &HtmlPolicy) -> bool {
    TAGS.contains(&tag) || (tag == "iframe" && !policy.embed_hosts.is_empty())
}

fn attribute_allowed(tag: &str, attribute: &str) -> bool {
    GENERIC_ATTRIBUTES.contains(&attribute)
        || attribute == "class"
        || TAG_ATTRIBUTES
            .iter()
            .any(|(t, attrs)| *t == tag && attrs.contains(&attribute))
}

/// The host of an absolute http(s) URL.
fn host_of(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .or_else(|| url.strip_prefix("//"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    Some(
        host.rsplit('@')
            .next()
            .unwrap_or(host)
            .split(':')
            .next()
            .unwrap_or(host),
    )
}

fn embed_allowed(src: &str, policy: &HtmlPolicy) -> bool {
    host_of(src).is_some_and(|h| policy.embed_hosts.iter().any(|e| e.eq_ignore_ascii_case(h)))
}

/// Elements whose content is not markup (raw text, or not shown): removed
/// with everything in them, so that nothing inside can come back out as
/// markup.
const CLEAN_CONTENT: &[&str] = &[
    "script", "style", "iframe", "noscript", "noembed", "noframes", "xmp", "textarea", "title",
    "template", "object",
];

/// The sanitised HTML of a rendered page.
///
/// Frames from the listed hosts are not left to the sanitiser (an
/// `<iframe>`'s content is raw text, which would come out unescaped): each is
/// taken out first, and written back afterwards from its checked address and
/// title alone.
pub fn sanitize(html: &str, policy: &HtmlPolicy) -> String {
    let (html, embeds) = take_embeds(html, policy);
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(TAGS.iter().copied().collect())
        .clean_content_tags(CLEAN_CONTENT.iter().copied().collect())
        .generic_attributes(GENERIC_ATTRIBUTES.iter().copied().collect())
        .tag_attributes(
            TAG_ATTRIBUTES
                .iter()
                .filter(|(t, _)| !CLEAN_CONTENT.contains(t))
                .map(|(t, attrs)| (*t, attrs.iter().copied().collect()))
                .collect(),
        )
        .allowed_classes(
            CLASSES
                .iter()
                .map(|(t, classes)| (*t, classes.iter().copied().collect()))
                .collect(),
        )
        .url_schemes(crate::paths::LINK_SCHEMES.into_iter().collect())
        .link_rel(None)
        .strip_comments(true);
    let mut clean = builder.clean(&html).to_string();
    for (n, embed) in embeds.iter().enumerate() {
        clean = clean.replace(&embed_marker(n), embed);
    }
    clean
}

/// The text that holds the place of the n-th frame while the page is sanitised.
fn embed_marker(n: usize) -> String {
    format!("\u{fdd0}terbit-embed-{n}\u{fdd0}")
}

/// Takes the frames from listed hosts out of `html`, leaving markers; returns
/// the frames as terbit writes them: address, title and size, nothing inside.
fn take_embeds(html: &str, policy: &HtmlPolicy) -> (String, Vec<String>) {
    if policy.embed_hosts.is_empty() {
        return (html.to_string(), Vec::new());
    }
    let mut out = String::with_capacity(html.len());
    let mut embeds = Vec::new();
    let mut rest = html;
    while let Some(start) = find_ci(rest, "<iframe") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let end = tag_end(after);
        let attrs = attributes(&after["iframe".len()..end]);
        let get = |name: &str| {
            attrs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let close = find_ci(&after[end..], "</iframe>")
            .map_or(after.len(), |c| end + c + "</iframe>".len());
        // A frame not from a listed host is dropped, content and all.
        if let Some(src) = get("src")
            .filter(|src| embed_allowed(src, policy) && crate::paths::check_link(src).is_ok())
        {
            let mut frame = format!(
                "<iframe src=\"{}\" title=\"{}\" loading=\"lazy\"",
                crate::html::escape(src),
                crate::html::escape(get("title").unwrap_or(""))
            );
            for size in ["width", "height"] {
                if let Some(v) = get(size).filter(|v| v.chars().all(|c| c.is_ascii_digit())) {
                    frame.push_str(&format!(" {size}=\"{v}\""));
                }
            }
            if get("allowfullscreen").is_some() {
                frame.push_str(" allowfullscreen");
            }
            frame.push_str("></iframe>");
            out.push_str(&embed_marker(embeds.len()));
            embeds.push(frame);
        }
        rest = &after[close.min(after.len())..];
    }
    out.push_str(rest);
    (out, embeds)
}

/// Where `needle` (ASCII, lowercase) first occurs in `haystack`, ignoring case.
fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// What the sanitiser will remove from one piece of raw HTML that starts at
/// `offset` of the Markdown text.
pub fn scan(raw: &str, offset: usize, policy: &HtmlPolicy, out: &mut Vec<Removed>) {
    let mut rest = raw;
    let mut at = 0;
    while let Some(open) = rest.find('<') {
        let tag_start = at + open;
        let after = &rest[open + 1..];
        if after.starts_with("!--") {
            let end = after.find("-->").map_or(after.len(), |e| e + 3);
            at += open + 1 + end;
            rest = &after[end..];
            continue;
        }
        let closing = after.starts_with('/');
        let name_part = after.trim_start_matches('/');
        let name: String = name_part
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect::<String>()
            .to_ascii_lowercase();
        let end = tag_end(after);
        if !name.is_empty() && !closing {
            let body = &after[..end];
            check_tag(&name, body, offset + tag_start, policy, out);
        }
        at += open + 1 + end;
        rest = &after[end..];
    }
}

/// Where a tag's text (after its `<`) ends, quotes respected.
fn tag_end(after: &str) -> usize {
    let mut quote = None;
    for (i, c) in after.char_indices() {
        match (c, quote) {
            ('"' | '\'', None) => quote = Some(c),
            (q, Some(open)) if q == open => quote = None,
            ('>', None) => return i + 1,
            _ => {}
        }
    }
    after.len()
}

fn check_tag(name: &str, body: &str, offset: usize, policy: &HtmlPolicy, out: &mut Vec<Removed>) {
    let mut push = |what: String, refused_link: bool| {
        out.push(Removed {
            offset,
            what,
            refused_link,
        })
    };
    if !tag_allowed(name, policy) {
        let why = if name == "iframe" {
            " (no host is listed in `[markdown] embed_hosts`)"
        } else {
            ""
        };
        push(format!("`<{name}>`{why}"), false);
        return;
    }
    for (attribute, value) in attributes(&body[name.len()..]) {
        if !attribute_allowed(name, &attribute) {
            push(format!("the `{attribute}` attribute of `<{name}>`"), false);
        } else if URL_ATTRIBUTES.contains(&attribute.as_str()) {
            if let Err(why) = crate::paths::check_link(&value) {
                push(format!("`<{name} {attribute}>`, which {why}"), true);
            } else if name == "iframe" && !embed_allowed(&value, policy) {
                push(
                    format!(
                        "`<iframe>` from {value:?}, whose host is not in `[markdown] embed_hosts`"
                    ),
                    false,
                );
            }
        }
    }
}

/// The attributes of a tag's text (after its name), names lowercased.
fn attributes(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if c.is_whitespace() || c == '/' || c == '>' {
            chars.next();
            continue;
        }
        let start = i;
        let mut end = text.len();
        while let Some(&(j, c)) = chars.peek() {
            if c.is_whitespace() || c == '=' || c == '>' || c == '/' {
                end = j;
                break;
            }
            chars.next();
        }
        let name = text[start..end].to_ascii_lowercase();
        let mut value = String::new();
        while chars.peek().is_some_and(|&(_, c)| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_some_and(|&(_, c)| c == '=') {
            chars.next();
            while chars.peek().is_some_and(|&(_, c)| c.is_whitespace()) {
                chars.next();
            }
            let quote = chars
                .peek()
                .map(|&(_, c)| c)
                .filter(|c| *c == '"' || *c == '\'');
            if quote.is_some() {
                chars.next();
            }
            while let Some(&(_, c)) = chars.peek() {
                let done = match quote {
                    Some(q) => c == q,
                    None => c.is_whitespace() || c == '>',
                };
                if done {
                    if quote.is_some() {
                        chars.next();
                    }
                    break;
                }
                value.push(c);
                chars.next();
            }
        }
        if !name.is_empty() {
            out.push((name, decode_entities(&value)));
        }
    }
    out
}

/// Enough entity decoding to see a scheme hidden as `&#106;avascript:`.
fn decode_entities(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let entity = &after[..e];
            let code = entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()));
            code.and_then(char::from_u32).or(match entity {
                "colon" => Some(':'),
                "amp" => Some('&'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                _ => None,
            })
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn removed(raw: &str, policy: &HtmlPolicy) -> Vec<String> {
        let mut out = Vec::new();
        scan(raw, 0, policy, &mut out);
        out.into_iter().map(|r| r.what).collect()
    }

    #[test]
    fn scripts_handlers_and_frames_are_reported_and_removed() {
        let none = HtmlPolicy::default();
        let raw = "<script>alert(1)</script><img src=x onerror=alert(1) alt=\"a\">\
                   <iframe src=\"https://evil.example/\"></iframe><a href=\"&#106;avascript:x\">a</a>\
                   <details><summary>More</summary><abbr title=\"x\">X</abbr></details>";
        let found = removed(raw, &none);
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(found[0].contains("<script>"));
        assert!(found[1].contains("onerror"));
        assert!(found[2].contains("<iframe>"));
        assert!(found[3].contains("javascript"));
        let clean = sanitize(raw, &none);
        for gone in ["script", "onerror", "iframe", "javascript", "alert"] {
            assert!(!clean.contains(gone), "{gone} in {clean}");
        }
        assert!(
            clean.contains("<details><summary>More</summary><abbr title=\"x\">X</abbr></details>")
        );
    }

    #[test]
    fn frames_from_listed_hosts_stay() {
        let policy = HtmlPolicy {
            embed_hosts: vec!["www.youtube-nocookie.com".into()],
        };
        let ok =
            "<iframe src=\"https://www.youtube-nocookie.com/embed/x\" title=\"Video\"></iframe>";
        assert!(removed(ok, &policy).is_empty());
        assert!(sanitize(ok, &policy).contains("youtube-nocookie.com/embed/x"));
        let other = "<iframe src=\"https://evil.example/\"></iframe>";
        assert_eq!(removed(other, &policy).len(), 1);
        assert!(!sanitize(other, &policy).contains("evil.example"));
    }

    #[test]
    fn fuzzed_inputs_stay_safe() {
        let policy = HtmlPolicy {
            embed_hosts: vec!["video.example.org".into()],
        };
        for raw in [
            "<scripa</summary></details><a href=\"javascript:x\":x\">y</a><iframe src=\"https://video.example.org/x&></ife>",
            "<iframe src=\"https://evil.example/\"><a href=\"javascript:x\">y</a></iframe>",
            "<noscript><a href=\"javascript:x\">y</a></noscript>",
        ] {
            let clean = sanitize(raw, &policy);
            assert!(!clean.contains("javascript"), "{raw} -> {clean}");
        }
    }

    #[test]
    fn data_and_vbscript_links_are_refused() {
        let mut out = Vec::new();
        scan(
            "<a href='data:text/html,x'>a</a><a href=vbscript:x>b</a>",
            0,
            &HtmlPolicy::default(),
            &mut out,
        );
        assert_eq!(out.len(), 2);
        assert!(out.iter().all(|r| r.refused_link));
    }
}
