//! Properties that must hold for any input, checked on generated input
//! (proptest): the dev server's path handling never leaves the site, and the
//! parsers never panic, whatever an editor or an attacker types.

use proptest::prelude::*;
use terbit::load::front_matter;
use terbit::serve::http::normalise;
use terbit::table as toml_tree;

fn path_strategy() -> impl Strategy<Value = String> {
    // Paths built from the pieces that make traversal attempts.
    let piece = prop_oneof![
        Just("..".to_string()),
        Just(".".to_string()),
        Just("%2e%2e".to_string()),
        Just("%2E".to_string()),
        Just("%2f".to_string()),
        Just("%5c".to_string()),
        Just("\\".to_string()),
        Just("%00".to_string()),
        Just("%25".to_string()),
        Just("en".to_string()),
        Just("program".to_string()),
        "[a-z0-9%.]{0,6}",
        ".{0,4}",
    ];
    proptest::collection::vec(piece, 0..8).prop_map(|parts| format!("/{}", parts.join("/")))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn a_normalised_path_stays_inside_the_site(path in path_strategy()) {
        if let Ok(rel) = normalise(&path) {
            prop_assert!(!rel.starts_with('/'), "{rel}");
            prop_assert!(!rel.contains('\\') && !rel.contains('\0'), "{rel}");
            for segment in rel.split('/') {
                prop_assert!(segment != ".." && segment != ".", "{path} -> {rel}");
            }
        }
    }

    #[test]
    fn any_path_string_is_answered_without_panic(path in ".{0,64}") {
        let _ = normalise(&path);
    }

    #[test]
    fn front_matter_of_any_text_is_split_and_parsed_without_panic(text in ".{0,400}", crlf in any::<bool>()) {
        let text = if crlf { text.replace('\n', "\r\n") } else { text };
        let file = format!("+++\n{text}\n+++\nbody");
        if let Ok(split) = front_matter::split(&file) {
            let (_table, errors) = toml_tree::parse(split.front, split.front_line);
            for e in errors {
                prop_assert!(e.line >= 2, "errors point into the front matter");
            }
        }
        let _ = front_matter::split(&text);
    }

    #[test]
    fn a_title_survives_front_matter(title in "[^\"\\\\\u{0}-\u{1f}\u{7f}]{1,40}") {
        let file = format!("\u{feff}+++\r\ntitle = \"{title}\"\r\n+++\r\nteks\r\n");
        let split = front_matter::split(&file).unwrap();
        let (table, errors) = toml_tree::parse(split.front, split.front_line);
        prop_assert!(errors.is_empty(), "{errors:?}");
        prop_assert_eq!(&table.entries["title"].value, &toml_tree::Value::String(title));
    }

    #[test]
    fn markdown_of_any_text_renders_with_unique_heading_ids(text in r"(#{1,3} [a-zA-Z ]{0,8}\n|> |- |\[x\]\(@/[a-z]{1,5}\.md\)|[a-z ]{0,10}\n){0,30}") {
        let (rendered, _) = terbit::markdown::render(&text, &|_| None);
        let mut ids: Vec<&str> = rendered.toc.iter().map(|h| h.id.as_str()).collect();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        prop_assert_eq!(ids.len(), n);
    }

    #[test]
    fn slugs_are_safe_url_segments(text in ".{0,40}") {
        let slug = terbit::markdown::slugify(&text);
        prop_assert!(!slug.is_empty());
        prop_assert!(slug.chars().all(|c| c.is_alphanumeric() || c == '-'), "{slug}");
        prop_assert!(terbit::plan::pages::check_segment(&slug).is_ok());
    }

    #[test]
    fn escaped_text_has_no_markup(text in ".{0,80}") {
        let escaped = terbit::html::escape(&text);
        prop_assert!(!escaped.contains(['<', '>', '"', '\'']), "{escaped}");
    }
}
