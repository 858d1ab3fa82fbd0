//! A timeline too long for one page becomes a page per year: the timeline's
//! own page lists the years, each year has its page with its entries, its own
//! address in every language, and a place in the sitemap.

mod common;

use std::fmt::Write;

use common::{Html, build_ok, copy_site};

#[test]
fn a_long_timeline_is_one_page_per_year() {
    let site = copy_site("plan");
    // 1,600 milestones over 2025–2028 on one programme: past one page.
    let file = site.path().join("content/programs/satu-data.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let (front, body) = text
        .trim_start_matches("+++\n")
        .split_once("+++\n")
        .unwrap();
    let mut rows = String::new();
    for n in 0..1600 {
        let (year, month, day) = (2025 + n % 4, 1 + n % 12, 1 + n % 28);
        let _ = write!(
            rows,
            "[[milestones]]\ndate = {year}-{month:02}-{day:02}\ntitle = \"Tonggak nomor {n}\"\ndone = false\n\n"
        );
    }
    std::fs::write(&file, format!("+++\n{front}end = 2028\n{rows}+++\n{body}")).unwrap();
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);

    let index = Html::load(&out.join("linimasa/index.html"));
    assert!(
        index.select("ol.timeline li").is_empty(),
        "the timeline's page lists years, not entries"
    );
    let years: Vec<String> = index
        .select("nav.year-pages a")
        .iter()
        .filter_map(|a| a.attr("href").map(str::to_string))
        .collect();
    for year in 2025..=2028 {
        assert!(years.contains(&format!("/linimasa/{year}/")), "{years:?}");
    }

    let mut entries = 0;
    for href in &years {
        let year: i32 = href
            .trim_matches('/')
            .rsplit('/')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let page = Html::load(&out.join(format!("linimasa/{year}/index.html")));
        assert_eq!(page.one("h1").text.trim(), format!("Linimasa {year}"));
        let canonical = page
            .one("link[rel=canonical]")
            .attr("href")
            .unwrap()
            .to_string();
        assert!(
            canonical.ends_with(&format!("/linimasa/{year}/")),
            "{canonical}"
        );
        let english = page
            .one("nav.lang-switch a")
            .attr("href")
            .unwrap()
            .to_string();
        assert_eq!(english, format!("/en/timeline/{year}/"));
        assert!(out.join(format!("en/timeline/{year}/index.html")).is_file());
        let dates: Vec<String> = page
            .select("ol.timeline time")
            .iter()
            .map(|t| t.attr("datetime").unwrap().to_string())
            .collect();
        assert!(
            dates.iter().all(|d| d.starts_with(&year.to_string())),
            "{year}: {dates:?}"
        );
        let mut sorted = dates.clone();
        sorted.sort();
        assert_eq!(dates, sorted, "{year} in date order");
        entries += dates.len();
        // The way back, and the other years.
        assert!(
            page.select("nav.breadcrumbs a")
                .iter()
                .any(|a| a.attr("href") == Some("/linimasa/"))
        );
        assert_eq!(page.select("nav.year-pages [aria-current=page]").len(), 1);
    }
    assert!(
        entries >= 1600,
        "every milestone and event is on its year's page: {entries}"
    );
    // Each year page is a search result of its own, found by its entries' words.
    let mut docs: Vec<serde_json::Value> = Vec::new();
    let mut chunks: Vec<_> = std::fs::read_dir(out.join("search/id/d"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    chunks.sort_by_key(|p| {
        p.file_stem()
            .unwrap()
            .to_string_lossy()
            .parse::<u32>()
            .unwrap()
    });
    for chunk in chunks {
        let list: Vec<serde_json::Value> =
            serde_json::from_str(&std::fs::read_to_string(chunk).unwrap()).unwrap();
        docs.extend(list);
    }
    let year_doc = docs
        .iter()
        .position(|d| d[1] == "/linimasa/2026/")
        .expect("the year page is in the search index");
    assert_eq!(docs[year_doc][0], "Linimasa 2026");
    let terms: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("search/id/t/746f.json")).unwrap())
            .unwrap();
    let postings = terms["p"]["tonggak"]
        .as_array()
        .expect("tonggak is indexed");
    assert!(
        postings.chunks(2).any(|p| p[0] == year_doc as u64),
        "tonggak finds the year page: {postings:?}"
    );
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("/linimasa/2026/</loc>") && sitemap.contains("/en/timeline/2026/</loc>")
    );
}

#[test]
fn a_short_timeline_stays_one_page() {
    let site = copy_site("plan");
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    let index = Html::load(&out.join("linimasa/index.html"));
    assert!(!index.select("ol.timeline li").is_empty());
    assert!(index.select("nav.year-pages").is_empty());
    assert!(!out.join("linimasa/2025").exists());
}
