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
    // Every attribute the sanitiser kept (it writes them name="value"):
    // no handler, no script URL.
    let mut rest = clean.as_str();
    while let Some(lt) = rest.find('<') {
        let tag = &rest[lt + 1..];
        let name_end = tag.find([' ', '>', '/']).unwrap_or(tag.len());
        let mut attrs = &tag[name_end..];
        loop {
            attrs = attrs.trim_start();
            if attrs.is_empty() || attrs.starts_with('>') || attrs.starts_with("/>") {
                break;
            }
            let name_len = attrs.find(['=', ' ', '>']).unwrap_or(attrs.len());
            let name = &attrs[..name_len];
            attrs = &attrs[name_len..];
            let mut value = "";
            if let Some(after) = attrs.strip_prefix("=\"") {
                let end = after.find('"').unwrap_or(after.len());
                value = &after[..end];
                attrs = &after[(end + 1).min(after.len())..];
            }
            assert!(!name.starts_with("on"), "a handler survived: {name}={value}");
            if name == "href" || name == "src" {
                assert!(
                    terbit::paths::check_link(value).is_ok(),
                    "a refused link survived: {value}"
                );
            }
        }
        rest = &tag[name_end..];
        rest = rest.find('>').map_or("", |gt| &rest[gt + 1..]);
    }
});
