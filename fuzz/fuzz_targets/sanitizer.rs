//! Raw HTML from authors: whatever they paste, the sanitised page carries no
//! script, no event handler and no link to a script, and nothing panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use terbit::markdown::raw_html::{HtmlPolicy, scan, sanitize};

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let policy = HtmlPolicy {
        embed_hosts: vec!["video.example.org".into()],
    };
    let mut removed = Vec::new();
    scan(&html, 0, &policy, &mut removed);
    for r in &removed {
        assert!(r.offset <= html.len());
    }
    let clean = sanitize(&html, &policy).to_ascii_lowercase();
    assert!(!clean.contains("<script"), "a script survived: {clean}");
    assert!(!clean.contains("<style"), "a style survived: {clean}");
    // Every attribute the sanitiser kept: no handler, no script URL.
    let mut rest = clean.as_str();
    while let Some(lt) = rest.find('<') {
        let tag_end = rest[lt..].find('>').map_or(rest.len(), |e| lt + e);
        let tag = &rest[lt..tag_end];
        for attr in tag.split_whitespace().skip(1) {
            let name = attr.split('=').next().unwrap_or("");
            assert!(!name.starts_with("on"), "a handler survived: {tag}");
            let value = attr.split_once('=').map_or("", |(_, v)| v).trim_matches(['"', '\'']);
            if name == "href" || name == "src" {
                assert!(
                    terbit::paths::check_link(value).is_ok() || value.starts_with("&"),
                    "a refused link survived: {tag}"
                );
            }
        }
        rest = &rest[tag_end..];
    }
});
