//! Markdown from authors: rendered with heading ids and `@/` links, and
//! converted to the PDF's blocks, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let resolve = |target: &str| (target.len() % 2 == 0).then(|| format!("/{target}/"));
    let (rendered, broken) = terbit::markdown::render(&text, &resolve);
    let mut ids: Vec<&str> = rendered.toc.iter().map(|h| h.id.as_str()).collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "heading ids are unique");
    for link in broken {
        assert!(link.offset <= text.len());
    }
    // The same text as the PDF gets it.
    let link = |dest: &str| dest.starts_with("https://").then(|| dest.to_string());
    let image = |dest: &str| (dest.len() % 3 == 0).then(|| format!("/img/{}.jpg", dest.len()));
    let blocks = terbit::pdf::blocks::convert(&text, &link, &image);
    let _ = format!("{blocks:?}");
});
