//! Markdown from authors: rendered with heading ids and `@/` links, never a panic.
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
});
