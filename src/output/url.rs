//! URL paths -> file paths of the built site, safely.
//!
//! Shared by the dev server (which answers requests from the built site)
//! and `check` (which follows the links of the built site): a path is
//! percent-decoded exactly once and may never name anything outside it.

/// A site path made safe: decoded once, no `.`/`..`/`\`/NUL, `/`-joined, relative.
/// A trailing slash is kept. Returns the HTTP status to refuse with otherwise.
pub fn normalise(path: &str) -> Result<String, u16> {
    if !path.starts_with('/') {
        return Err(400);
    }
    let decoded = percent_decode(path).ok_or(400u16)?;
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

fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = path.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

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
            "x",
            "/%2e%2e%2fetc",
        ] {
            assert!(normalise(bad).is_err(), "{bad} accepted");
        }
        // Double-encoded stays a literal (and missing) name, never a parent.
        assert_eq!(normalise("/%252e%252e/x"), Ok("%2e%2e/x".into()));
    }
}
