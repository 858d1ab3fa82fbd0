//! Only what is on record: sources and their citation marks, examples
//! marked as examples everywhere they show, a draft plan saying so, and
//! milestones past their date marked late, on `tests/sites/provenance` built
//! with a fixed "today" (SOURCE_DATE_EPOCH).

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

/// 2026-01-01 00:00 UTC: 1 January 2026 in Gorontalo (UTC+8) too.
const TODAY: &str = "1767225600";

fn build_at(root: &Path, out: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_terbit"))
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out)
        .env("SOURCE_DATE_EPOCH", TODAY)
        .output()
        .unwrap()
}

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let site = copy_site("provenance");
    let out = site.path().join("public");
    let o = build_at(site.path(), &out);
    assert!(o.status.success(), "{}", stderr(&o));
    (site, out)
}

fn page(out: &Path, rel: &str) -> Html {
    Html::load(&out.join(rel).join("index.html"))
}

#[test]
fn a_draft_plan_says_so_on_every_page_and_claims_no_publisher() {
    let (_site, out) = built();
    for (file, html) in html_files(&out) {
        if file.contains("index.html") && !file.starts_with("search/") {
            let doc = Html::parse(&html);
            let banner = doc.select(".plan-draft");
            assert_eq!(banner.len(), 1, "{file} has no draft banner");
            let expected = if file.starts_with("en/") {
                "Draft — not yet adopted"
            } else {
                "Rancangan — belum ditetapkan"
            };
            assert!(
                banner[0].text.contains(expected),
                "{file}: {}",
                banner[0].text
            );
        }
    }
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    let json_ld = home
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .and_then(|s| s.split("</script>").next())
        .unwrap();
    let ld: serde_json::Value = serde_json::from_str(json_ld).unwrap();
    assert_eq!(ld["creativeWorkStatus"], "Draft");
    assert!(ld.get("publisher").is_none(), "{ld}");
}

#[test]
fn an_adopted_plan_has_no_banner() {
    let site = copy_site("provenance");
    let config = site.path().join("terbit.toml");
    let text = std::fs::read_to_string(&config).unwrap().replace(
        "status = \"draft\"",
        "status = \"adopted\"\nadopted = 2025-03-01\ndecree = \"Peraturan Wali Kota Contoh Nomor 1 Tahun 2025\"",
    );
    std::fs::write(&config, text).unwrap();
    let out = site.path().join("public");
    let o = build_at(site.path(), &out);
    assert!(o.status.success(), "{}", stderr(&o));
    for (file, html) in html_files(&out) {
        assert!(
            !html.contains("plan-draft"),
            "{file} shows the draft banner"
        );
    }
    let home = page(&out, "");
    assert!(
        home.one(".site-footer")
            .text
            .contains("Ditetapkan pada 1 Maret 2025")
    );
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(html.contains("\"publisher\":{\"@type\":\"GovernmentOrganization\""));
    // Adopted without a date is an error naming the file.
    let text = std::fs::read_to_string(&config)
        .unwrap()
        .replace("adopted = 2025-03-01\n", "");
    std::fs::write(&config, text).unwrap();
    let o = build_at(site.path(), &out);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("terbit.toml"), "{}", stderr(&o));
    assert!(stderr(&o).contains("no `adopted`"), "{}", stderr(&o));
}

#[test]
fn sources_are_listed_and_cited_in_both_languages() {
    let (_site, out) = built();
    for (rel, heading) in [
        ("programs/satu-data", "Sumber"),
        ("en/programs/satu-data", "Sources"),
    ] {
        let doc = page(&out, rel);
        assert_eq!(doc.one(".sources h2").text, heading);
        let entry = doc.one(".sources li");
        assert_eq!(entry.attr("id"), Some("plan-sumber-1"));
        assert!(
            entry.text.contains("Peraturan Daerah APBD 2024"),
            "{}",
            entry.text
        );
        assert!(entry.text.contains("Pemerintah Kota Contoh"));
        // The budget row and the first milestone cite it; the second milestone cites nothing.
        let marks = doc.select("sup.cite a");
        assert_eq!(marks.len(), 2, "{rel}");
        assert!(
            marks
                .iter()
                .all(|m| m.attr("href") == Some("#plan-sumber-1"))
        );
        assert!(doc.ids().contains(&"plan-sumber-1".to_string()));
    }
    // A plain page's source, with its author and the words quoted.
    let about = page(&out, "tentang");
    let entry = about.one(".sources li");
    assert!(entry.text.contains("Penulis Contoh"));
    assert_eq!(
        about.one(".sources blockquote").text.trim(),
        "Rencana ini disusun bersama."
    );
    assert_eq!(about.one(".sources blockquote").attr("lang"), Some("id"));
    assert_eq!(
        page(&out, "en/about")
            .one(".sources blockquote")
            .attr("lang"),
        Some("id")
    );
    // An indicator's source.
    let pillar = page(&out, "pillars/tata-kelola");
    assert_eq!(pillar.select(".indicators sup.cite").len(), 1);
    assert!(
        pillar
            .one(".sources li")
            .text
            .contains("Survei Layanan 2022")
    );
    // Open data carries them.
    let json = plan_json(&out);
    let prog = programme(&json, "satu-data");
    assert_eq!(prog["sources"][0]["title"], "Peraturan Daerah APBD 2024");
    assert_eq!(prog["budget"][0]["cite"], "apbd-2024");
    assert_eq!(prog["milestones"][0]["source"], "apbd-2024");
    let csv = csv_row(&out, "satu-data");
    assert!(
        csv.ends_with(",false,1,https://jdih.example.org/apbd-2024"),
        "{csv}"
    );
}

#[test]
fn a_budget_row_may_cite_through_source_as_on_indicators() {
    // SPEC §4 lets an indicator, budget row or milestone say `source = "<id>"`;
    // on a budget row `source` is also the funding kind (APBD, ...).
    let site = copy_site("provenance");
    let file = site.path().join("content/programs/satu-data.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let cited = text.replace(
        "source = \"APBD\"\ncite = \"apbd-2024\"",
        "source = \"apbd-2024\"",
    );
    assert_ne!(cited, text);
    std::fs::write(&file, cited).unwrap();
    let out = site.path().join("public");
    let o = build_at(site.path(), &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let json = plan_json(&out);
    let row = &programme(&json, "satu-data")["budget"][0];
    assert_eq!(row["cite"], "apbd-2024");
    assert_eq!(row["source"], "other");
    assert_eq!(
        page(&out, "programs/satu-data").select("sup.cite a").len(),
        2
    );

    // Neither a funding kind nor a source of the file: an error listing both.
    std::fs::write(
        &file,
        text.replace("source = \"APBD\"", "source = \"apbd\""),
    )
    .unwrap();
    let o = build_at(site.path(), &out);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("satu-data.md:19"), "{err}");
    assert!(err.contains("not a funding source"), "{err}");
}

#[test]
fn examples_are_marked_wherever_they_show() {
    let (_site, out) = built();
    let (id, en) = ("Contoh", "Example");
    // On its own page, in both languages.
    for (rel, word) in [
        ("programs/pasar-digital", id),
        ("en/programs/pasar-digital", en),
    ] {
        let doc = page(&out, rel);
        assert!(doc.one(".notice-illustrative").text.contains(word), "{rel}");
    }
    // In every list that shows it: the programmes list, its pillar, its lead, the home page.
    for (rel, word) in [
        ("programs", id),
        ("en/programs", en),
        ("pillars/tata-kelola", id),
        ("en/pillars/tata-kelola", en),
        ("stakeholders/dinas-data", id),
    ] {
        let doc = page(&out, rel);
        let item = doc
            .select(".programme-list li")
            .into_iter()
            .find(|li| li.text.contains("Pasar Digital") || li.text.contains("Digital Market"))
            .unwrap_or_else(|| panic!("{rel} does not list the example"));
        assert!(item.text.contains(word), "{rel}: {}", item.text);
    }
    // A sourced programme is not marked.
    let programmes = page(&out, "programs");
    let real = programmes
        .select(".programme-list li")
        .into_iter()
        .find(|li| li.text.contains("Satu Data"))
        .unwrap();
    assert!(!real.text.contains(id));
    // Totals that add an example's budget say so.
    let pillar = page(&out, "pillars/tata-kelola");
    assert!(pillar.text_of("main").contains("Termasuk angka contoh"));
    // In the roadmap chart, in words.
    assert!(
        pillar
            .one("svg.chart")
            .text
            .contains("Contoh · Pasar Digital")
    );
    // A whole section: the news.
    let article = page(&out, "news/peluncuran");
    assert!(article.one(".notice-illustrative").text.contains(id));
    assert!(
        page(&out, "en/news/peluncuran")
            .one(".notice-illustrative")
            .text
            .contains(en)
    );
    let news = page(&out, "news");
    assert!(news.one(".news-list li").text.contains(id));
    // In the feeds.
    for (feed, word) in [("atom.xml", id), ("en/atom.xml", en)] {
        let xml = std::fs::read_to_string(out.join(feed)).unwrap();
        assert!(xml.contains(&format!("<title>[{word}] ")), "{feed}");
        assert!(xml.contains("<category term=\"illustrative\""), "{feed}");
    }
    // In open data.
    let json = plan_json(&out);
    assert_eq!(programme(&json, "pasar-digital")["illustrative"], true);
    assert_eq!(programme(&json, "satu-data")["illustrative"], false);
    assert_eq!(json["news"][0]["illustrative"], true);
    assert!(csv_row(&out, "pasar-digital").ends_with(",true,0,"));
}

#[test]
fn overdue_milestones_are_marked_and_never_upcoming() {
    let (site, out) = built();
    for (rel, word) in [
        ("programs/satu-data", "terlambat"),
        ("en/programs/satu-data", "overdue"),
    ] {
        let doc = page(&out, rel);
        let late = doc.select(".milestones .badge.overdue");
        assert_eq!(late.len(), 1, "{rel}");
        assert_eq!(late[0].text, word);
        assert!(doc.text_of(".facts").contains(if rel.starts_with("en") {
            "Status as of 1 January 2026"
        } else {
            "Status per 1 Januari 2026"
        }));
    }
    let home = page(&out, "");
    let overdue = home.one("[aria-labelledby=plan-terlambat-h]");
    assert!(overdue.text.contains("Portal data terbit"));
    let upcoming = home.one("[aria-labelledby=plan-tonggak-h]");
    assert!(
        !upcoming.text.contains("Portal data terbit"),
        "{}",
        upcoming.text
    );
    assert!(upcoming.text.contains("Seluruh dinas terhubung"));
    let timeline = page(&out, "timeline");
    assert_eq!(timeline.select(".timeline .badge.overdue").len(), 1);
    // Open data and the publish gate.
    let json = plan_json(&out);
    let milestones = &programme(&json, "satu-data")["milestones"];
    assert_eq!(milestones[0]["overdue"], true);
    assert_eq!(
        milestones[1]["overdue"], false,
        "due June 2026: not late yet"
    );
    let check = Command::new(env!("CARGO_BIN_EXE_terbit"))
        .args(["check", "--format", "json", "--root"])
        .arg(site.path())
        .env("SOURCE_DATE_EPOCH", TODAY)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let warning = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["kind"] == "overdue-milestone")
        .expect("an overdue-milestone warning");
    assert_eq!(warning["file"], "content/programs/satu-data.md");
    assert_eq!(warning["line"], 23);
}

#[test]
fn dates_are_as_precise_as_the_record() {
    let (_site, out) = built();
    let timeline = page(&out, "timeline");
    let text = timeline.text_of(".timeline");
    assert!(text.contains("sebelum 5 Juli 2023"), "{text}");
    assert!(text.contains("2022"));
    assert!(
        page(&out, "en/timeline")
            .text_of(".timeline")
            .contains("before 5 July 2023")
    );
    assert!(
        page(&out, "programs/satu-data")
            .text_of(".milestones")
            .contains("Juni 2026")
    );
    let event = page(&out, "timeline/penilaian");
    assert_eq!(event.one("time").attr("datetime"), Some("2022"));
}

#[test]
fn the_same_day_gives_the_same_bytes() {
    let site = copy_site("provenance");
    let (a, b) = (site.path().join("a"), site.path().join("b"));
    assert!(build_at(site.path(), &a).status.success());
    assert!(build_at(site.path(), &b).status.success());
    let (ta, tb) = (read_tree(&a), read_tree(&b));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (path, bytes) in &ta {
        assert!(bytes == &tb[path], "{path} differs between builds");
    }
}

#[test]
fn only_web_mail_and_phone_links_are_allowed() {
    let site = copy_site("provenance");
    let content = site.path().join("content");
    let out = site.path().join("public");
    let stakeholder = content.join("stakeholders/dinas-data.md");
    let good = std::fs::read_to_string(&stakeholder).unwrap();
    std::fs::write(
        &stakeholder,
        good.replace("https://data.example.org", "javascript:alert(1)"),
    )
    .unwrap();
    let o = build_at(site.path(), &out);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("content/stakeholders/dinas-data.md:5:"),
        "{err}"
    );
    assert!(err.contains("`javascript:` scheme"), "{err}");
    // In the text, links and images alike.
    std::fs::write(&stakeholder, good).unwrap();
    std::fs::write(
        content.join("tentang.en.md"),
        "+++\ntitle = \"About\"\nslug = \"about\"\n+++\nSee [this](vbscript:msgbox) and ![x](data:image/png;base64,AA).\n",
    )
    .unwrap();
    let o = build_at(site.path(), &out);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("content/tentang.en.md:5:"), "{err}");
    assert!(err.contains("`vbscript:` scheme"), "{err}");
    assert!(err.contains("`data:` scheme"), "{err}");
    assert!(!out.exists());
}

fn plan_json(out: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("data/plan.json")).unwrap()).unwrap()
}

fn programme<'a>(json: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    json["programmes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .unwrap()
}

fn csv_row(out: &Path, id: &str) -> String {
    std::fs::read_to_string(out.join("data/programs.csv"))
        .unwrap()
        .lines()
        .find(|l| l.starts_with(&format!("{id},")))
        .unwrap()
        .to_string()
}
