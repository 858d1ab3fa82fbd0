//! The Kota Gorontalo example at the repository root builds into a complete,
//! well-linked bilingual site.

mod common;

use common::*;

#[test]
fn the_gorontalo_example_builds_completely() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build_ok(&repo(), &out, &[]);
    for f in [
        "index.html",
        "en/index.html",
        "sitemap.xml",
        "404.html",
        "robots.txt",
        "atom.xml",
        "en/atom.xml",
        "data/plan.json",
        "data/programs.csv",
    ] {
        assert!(out.join(f).is_file(), "missing {f}");
    }
    let pages = html_files(&out);
    assert!(pages.len() > 80, "only {} pages", pages.len());
    for (rel, text) in &pages {
        let page = Html::parse(text);
        let lang = page.one("html").attr("lang").map(str::to_string);
        assert!(
            matches!(lang.as_deref(), Some("id" | "en")),
            "{rel}: lang {lang:?}"
        );
        if page.select("meta[http-equiv=refresh]").is_empty() {
            let alternates: Vec<String> = page
                .select("link[rel=alternate][hreflang]")
                .iter()
                .map(|l| l.attr("hreflang").unwrap().to_string())
                .collect();
            assert!(
                alternates.iter().any(|a| a == "id") && alternates.iter().any(|a| a == "en"),
                "{rel}: {alternates:?}"
            );
            assert_eq!(page.select("h1").len(), 1, "{rel}: one h1");
        }
    }
    assert_eq!(broken_links(&out, "/"), Vec::<String>::new());
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|s| s.split("</loc>").next().unwrap())
        .collect();
    assert!(locs.len() > 80);
    for loc in locs {
        let path = loc
            .strip_prefix("https://smartcity.gorontalokota.go.id")
            .unwrap();
        assert!(
            file_for(&out, path).is_file(),
            "sitemap URL without a file: {loc}"
        );
    }
    // The facts of the plan's history are on the site, in both languages.
    let bimtek = Html::load(&out.join("linimasa/bimtek-tahap-1/index.html"));
    assert!(bimtek.one("article time").attr("datetime") == Some("2023-07-05"));
    let names: Vec<String> = bimtek
        .select("main a")
        .iter()
        .map(|a| a.text.clone())
        .collect();
    assert!(
        names.iter().any(|n| n.contains("Ismail Madjid")),
        "{names:?}"
    );
}

#[test]
fn the_example_is_deterministic_and_sub_path_ready() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    build_ok(&repo(), &a, &["--base-url", "https://user.github.io/plan/"]);
    build_ok(&repo(), &b, &["--base-url", "https://user.github.io/plan/"]);
    assert!(read_tree(&a) == read_tree(&b), "two builds differ");
    assert_eq!(broken_links(&a, "/plan/"), Vec::<String>::new());
}
