//! The dev server's path handling: never a path outside the site, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(path) = std::str::from_utf8(data) else { return };
    if let Ok(rel) = terbit::serve::http::normalise(path) {
        assert!(!rel.starts_with('/'), "{rel}");
        assert!(!rel.contains('\\') && !rel.contains('\0'), "{rel}");
        assert!(rel.split('/').all(|s| s != ".." && s != "."), "{path} -> {rel}");
    }
});
