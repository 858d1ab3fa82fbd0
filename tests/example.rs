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
        let path = loc.strip_prefix("https://rencana.example.org").unwrap();
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

/// The example names a real city and real officials: what it states as
/// history follows the public record and cites it; the rest is marked as an
/// example.
#[test]
fn the_example_tells_only_what_is_on_record() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build_ok(&repo(), &out, &[]);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("data/plan.json")).unwrap())
            .unwrap();
    // The Dewan Smart City and the Tim Pelaksana were formed before the Bimtek of 5 July 2023.
    let formed = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "pembentukan-dewan-dan-tim-pelaksana")
        .expect("the event of the Dewan and Tim Pelaksana");
    let date = formed["date"].as_str().unwrap();
    assert!(date <= "2023-07-05", "dated {date}, after the Bimtek");
    assert!(!formed["sources"].as_array().unwrap().is_empty());
    let page = Html::load(&out.join("linimasa/pembentukan-dewan-dan-tim-pelaksana/index.html"));
    assert!(page.one("article time").text.contains("sebelum"));
    // Every event, stakeholder who is a person, and news article cites a source.
    for kind in ["events", "news"] {
        for item in json[kind].as_array().unwrap() {
            assert!(
                !item["sources"].as_array().unwrap().is_empty(),
                "{kind} {} cites no source",
                item["id"]
            );
        }
    }
    for s in json["stakeholders"].as_array().unwrap() {
        if s["kind"] == "person" {
            assert!(
                !s["sources"].as_array().unwrap().is_empty(),
                "{} cites no source",
                s["id"]
            );
        }
    }
    // Every programme and pillar is an example, or cites a source.
    for kind in ["programmes", "pillars"] {
        for item in json[kind].as_array().unwrap() {
            assert!(
                item["illustrative"] == true || !item["sources"].as_array().unwrap().is_empty(),
                "{kind} {} is neither illustrative nor sourced",
                item["id"]
            );
        }
    }
    // No invented contact: no e-mail address on a go.id domain anywhere in content/.
    for entry in walkdir::WalkDir::new(repo().join("content")) {
        let entry = entry.unwrap();
        // Markdown files: photos beside them are not text.
        if !entry.file_type().is_file() || entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path())
            .unwrap()
            .to_lowercase();
        for (i, _) in text.match_indices('@') {
            let domain: String = text[i + 1..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '.' || *c == '-')
                .collect();
            assert!(
                !domain.trim_end_matches('.').ends_with("go.id"),
                "{}: an e-mail address on {domain}",
                entry.path().display()
            );
        }
    }
    // The site claims no official standing: a draft, and no publisher in its data.
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains("Rancangan — belum ditetapkan"));
    assert!(!home.contains("GovernmentOrganization"));
}
