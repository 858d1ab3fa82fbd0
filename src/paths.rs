//! Where things are in the built site: site paths, URLs, the output files
//! they are written to, and the names of the generated files.
//!
//! A *site path* is what a link points at, decoded and absolute from the
//! server root: `/plan/en/programs/x/`. An *output file* is relative to the
//! output folder and `/`-separated: `en/programs/x/index.html`. Every stage
//! that makes or follows a link goes through here, so the two can never
//! drift apart. This module is a leaf: it uses no other module of terbit.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

/// The Atom feed of a language's news, in its language root.
pub const FEED_FILE: &str = "atom.xml";
pub const SITEMAP_FILE: &str = "sitemap.xml";
pub const ROBOTS_FILE: &str = "robots.txt";
/// The page for missing paths, in each language root.
pub const NOT_FOUND_FILE: &str = "404.html";
/// Open data, at the site root.
pub const DATA_JSON: &str = "data/plan.json";
pub const DATA_CSV: &str = "data/programs.csv";
/// Frozen editions: the source folder beside `content/`, and the output folder.
pub const EDITIONS_DIR: &str = "editions";
/// An edition's list of changes, in each of its language roots.
pub const CHANGES_SEGMENT: &str = "changes";
/// The search index, per language: `search/<lang>/`.
pub const SEARCH_DIR: &str = "search";
/// Documents per document file of the search index (`search/<lang>/d/<n>.json`):
/// the search page reads it to find a document's file.
pub const SEARCH_DOCS_PER_CHUNK: usize = 16;
/// The search page's segment when the theme gives none (or an unusable one).
pub const SEARCH_FALLBACK_SEGMENT: &str = "search";
/// The plan document's folder when the theme names none.
pub const DOCUMENT_FALLBACK_SEGMENT: &str = "document";
/// The plan's PDF, in the document's folder.
pub const DOCUMENT_PDF_FILE: &str = "master-plan.pdf";

/// Characters kept as they are in an `href`: unreserved ones and `/`.
const PATH_KEEP: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes a site path for an `href` (keeps `/` and unreserved characters).
pub fn encode(path: &str) -> String {
    utf8_percent_encode(path, PATH_KEEP).to_string()
}

/// A requested URL path made safe: decoded exactly once, no `.`/`..`/`\`/NUL
/// or control characters, `/`-joined and relative to the site. A trailing
/// slash is kept. Otherwise the HTTP status to refuse the request with.
pub fn normalise(path: &str) -> Result<String, u16> {
    if !path.starts_with('/') || !well_formed_escapes(path) {
        return Err(400);
    }
    let decoded = percent_decode_str(path).decode_utf8().map_err(|_| 400u16)?;
    if decoded.contains(['\\', '\0']) {
        return Err(400);
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" => {}
            "." | ".." => return Err(400),
            s if s.chars().any(char::is_control) => return Err(400),
            s => segments.push(s),
        }
    }
    let mut rel = segments.join("/");
    if decoded.ends_with('/') && !rel.is_empty() {
        rel.push('/');
    }
    Ok(rel)
}

/// Every `%` is followed by two hexadecimal digits (`%+1` and `%zz` are not).
fn well_formed_escapes(path: &str) -> bool {
    let bytes = path.as_bytes();
    bytes.iter().enumerate().all(|(i, &b)| {
        b != b'%'
            || (bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    })
}

/// `/plan/en/atom.xml` -> `en/atom.xml`: a site path inside the output folder
/// whose URL is `base_path`.
pub fn relative(base_path: &str, site_path: &str) -> String {
    site_path
        .strip_prefix(base_path)
        .unwrap_or(site_path.trim_start_matches('/'))
        .to_string()
}

/// The output file of a site path: `/plan/en/x/` -> `en/x/index.html`,
/// `/plan/en/404.html` -> `en/404.html`.
pub fn output_file(base_path: &str, site_path: &str) -> String {
    let rel = relative(base_path, site_path);
    if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel
    }
}

/// The URL path an output file is served at: `program/x/index.html` -> `/program/x/`.
pub fn served_at(file: &str) -> String {
    encode(&format!(
        "/{}",
        file.strip_suffix("index.html").unwrap_or(file)
    ))
}

/// The feed of a language whose root is `lang_root` (`/`, `/en/`).
pub fn feed(lang_root: &str) -> String {
    format!("{lang_root}{FEED_FILE}")
}

/// The 404 page of a language.
pub fn not_found(lang_root: &str) -> String {
    format!("{lang_root}{NOT_FOUND_FILE}")
}

/// The list of editions, in a language.
pub fn editions_list(lang_root: &str) -> String {
    format!("{lang_root}{EDITIONS_DIR}/")
}

/// An edition's list of changes, in one of the edition's language roots.
pub fn changes(edition_lang_root: &str) -> String {
    format!("{edition_lang_root}{CHANGES_SEGMENT}/")
}

/// The search page of a language, whose segment comes from the theme.
pub fn search_page(lang_root: &str, segment: &str) -> String {
    format!("{lang_root}{segment}/")
}

/// The plan document's page in a language.
pub fn document_page(lang_root: &str, segment: &str) -> String {
    format!("{lang_root}{segment}/")
}

/// The PDF beside the plan document's page.
pub fn document_pdf(document_page: &str) -> String {
    format!("{document_page}{DOCUMENT_PDF_FILE}")
}

/// The folder of a language's search index, as a site path.
pub fn search_index(base_path: &str, lang: &str) -> String {
    format!("{base_path}{SEARCH_DIR}/{lang}/")
}

/// Open data files, as site paths.
pub fn data_json(base_path: &str) -> String {
    format!("{base_path}{DATA_JSON}")
}

pub fn data_csv(base_path: &str) -> String {
    format!("{base_path}{DATA_CSV}")
}

/// Where an edition is published inside the site: `editions/2023/`.
pub fn edition_prefix(id: &str) -> String {
    format!("{EDITIONS_DIR}/{id}/")
}

/// The base path of an edition's own pages: `/plan/editions/2023/`.
pub fn edition_base_path(base_path: &str, id: &str) -> String {
    format!("{base_path}{}", edition_prefix(id))
}

/// What an author may link to, for error messages.
/// Whether Windows reserves `segment` (in any letter case, with any extension)
/// for a device, so that no folder or file can have that name there: `con`,
/// `nul.txt`, `COM1`. A copy of the site must open on Windows and IIS too.
pub fn windows_reserved(segment: &str) -> bool {
    let stem = segment
        .split('.')
        .next()
        .unwrap_or(segment)
        .to_ascii_lowercase();
    matches!(stem.as_str(), "con" | "prn" | "aux" | "nul")
        || (stem.len() == 4
            && (stem.starts_with("com") || stem.starts_with("lpt"))
            && stem.as_bytes()[3].is_ascii_digit())
}

/// The schemes a link on a page may use (besides relative links).
pub const LINK_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

pub const LINK_HINT: &str =
    "link with http:, https:, mailto: or tel:, a path in the site, or @/ to a content file";

/// Whether an author-written link (Markdown link or image, `website`, a
/// source's `url`) may appear on a page: `http:`, `https:`, `mailto:`,
/// `tel:`, a relative or absolute path, an `#anchor` or an `@/` link.
/// Anything else (`javascript:`, `data:`, `vbscript:`, `file:`...) could run
/// code in a reader's browser or leave the web.
pub fn check_link(url: &str) -> Result<(), String> {
    // As browsers read a URL (WHATWG): leading and trailing controls and
    // spaces dropped, tabs and line breaks removed anywhere (`java\tscript:`).
    let cleaned: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let scheme_end = cleaned.find(':');
    let before_path = cleaned.find(['/', '?', '#']);
    let scheme = match (scheme_end, before_path) {
        (Some(colon), Some(slash)) if slash < colon => return Ok(()),
        (Some(colon), _) => &cleaned[..colon],
        (None, _) => return Ok(()),
    };
    let is_scheme = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !is_scheme {
        return Ok(());
    }
    let scheme = scheme.to_ascii_lowercase();
    if LINK_SCHEMES.contains(&scheme.as_str()) {
        return Ok(());
    }
    Err(format!(
        "uses the `{scheme}:` scheme, which a page may not link to"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_device_names_are_reserved_in_any_case_and_with_any_extension() {
        for name in ["con", "NUL", "nul.txt", "Com1", "lpt9.html", "aux"] {
            assert!(windows_reserved(name), "{name}");
        }
        for name in ["console", "com", "com10", "lpt", "berita", "null"] {
            assert!(!windows_reserved(name), "{name}");
        }
    }

    #[test]
    fn paths_are_decoded_once_and_kept_inside() {
        assert_eq!(normalise("/"), Ok(String::new()));
        assert_eq!(normalise("/en/programmes/"), Ok("en/programmes/".into()));
        assert_eq!(normalise("/kota.css"), Ok("kota.css".into()));
        assert_eq!(normalise("/caf%C3%A9/"), Ok("café/".into()));
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/x",
            "/a/%2E%2E/%2E%2E/x",
            "/a\\..\\b",
            "/%5c..%5cx",
            "/a/./b",
            "/%00",
            "/%zz",
            "/%+1",
            "/%1",
            "/%",
            "x",
            "/%2e%2e%2fetc",
            "/%ff",
        ] {
            assert!(normalise(bad).is_err(), "{bad} accepted");
        }
        // Double-encoded stays a literal (and missing) name, never a parent.
        assert_eq!(normalise("/%252e%252e/x"), Ok("%2e%2e/x".into()));
    }

    #[test]
    fn encoding_round_trips_through_normalise() {
        for path in ["/café/", "/a b/c", "/x/%/y", "/ünï/çødé/", "/plan/en/x/"] {
            let encoded = encode(path);
            assert!(encoded.is_ascii(), "{encoded}");
            let back = normalise(&encoded).unwrap();
            assert_eq!(format!("/{back}"), path);
        }
        assert_eq!(encode("/a b/é"), "/a%20b/%C3%A9");
    }

    #[test]
    fn links_an_author_may_write() {
        for ok in [
            "https://read.id/x",
            "http://a.b",
            "mailto:a@b.c",
            "tel:+62",
            "/x/y/",
            "x/y.png",
            "#plan",
            "@/programs/x.md",
            "?q=1",
            "a/b:c",
            "",
        ] {
            assert!(check_link(ok).is_ok(), "{ok} refused");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:x",
            "vbscript:x",
            "data:text/html,<script>",
            "file:///etc/passwd",
            "x:y",
        ] {
            assert!(check_link(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn output_files_of_site_paths() {
        assert_eq!(output_file("/plan/", "/plan/en/x/"), "en/x/index.html");
        assert_eq!(output_file("/", "/"), "index.html");
        assert_eq!(output_file("/plan/", "/plan/en/404.html"), "en/404.html");
        assert_eq!(relative("/plan/", "/plan/en/atom.xml"), "en/atom.xml");
        assert_eq!(served_at("program/x/index.html"), "/program/x/");
        assert_eq!(served_at("kota.css"), "/kota.css");
    }
}
