//! Editions: freezing `content/`, building past editions beside the current
//! plan, and the list of what changed.

mod common;

use common::*;

fn freeze(root: &std::path::Path, id: &str) -> std::process::Output {
    terbit(&["edition", "freeze", id, "--root", root.to_str().unwrap()])
}

/// Replaces the first `from` in content file `file` of the site at `root`.
fn edit_content(root: &std::path::Path, file: &str, from: &str, to: &str) {
    let path = root.join("content").join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no {from}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn freeze_copies_content_once_and_refuses_to_overwrite() {
    let site = copy_site("plan");
    let o = freeze(site.path(), "2023");
    assert!(o.status.success(), "{}", stderr(&o));
    let edition = site.path().join("editions/2023");
    assert_eq!(read_tree(&edition), read_tree(&site.path().join("content")));
    assert!(site.path().join("editions/2023.toml").is_file());
    // Edit the current content, then try to freeze 2023 again.
    std::fs::write(
        site.path().join("content/programs/satu-data.md"),
        "+++\ntitle = \"changed\"\n+++\n",
    )
    .unwrap();
    let before = read_tree(&edition);
    let o = freeze(site.path(), "2023");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("edition `2023` already exists"),
        "{}",
        stderr(&o)
    );
    assert_eq!(read_tree(&edition), before, "the edition was not touched");
    for bad in ["../x", "a/b", "", "Edisi 1"] {
        let o = freeze(site.path(), bad);
        assert_eq!(o.status.code(), Some(1), "{bad}");
    }
    assert!(!site.path().join("x").exists());
}

#[test]
fn an_edition_keeps_the_old_text_and_lists_what_changed() {
    let site = copy_site("plan");
    assert!(freeze(site.path(), "2023").status.success());
    let path = site.path().join("content/programs/command-center.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text
        .replace(
            "title = \"Pusat Komando Kota\"",
            "title = \"Pusat Komando Terpadu\"",
        )
        .replace("status = \"ongoing\"", "status = \"done\"")
        .replace(
            "Pusat komando untuk pengelolaan layanan kota.",
            "Pusat komando untuk pengelolaan seluruh layanan kota.",
        );
    std::fs::write(&path, text).unwrap();
    std::fs::remove_file(site.path().join("content/news/bimtek.md")).unwrap();
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);

    // The edition, with its own language prefixes, keeps the old title.
    let old = Html::load(&out.join("editions/2023/program/command-center/index.html"));
    assert_eq!(old.one("h1").text, "Pusat Komando Kota");
    assert!(
        out.join("editions/2023/en/programmes/command-center/index.html")
            .is_file()
    );
    // It points at the current page, and search engines there too.
    let banner = old.one(".edition-banner");
    assert!(banner.text.contains("2023"));
    assert!(
        old.select(".edition-banner a")
            .iter()
            .any(|a| a.attr("href") == Some("/program/command-center/"))
    );
    assert_eq!(
        old.one("link[rel=canonical]").attr("href"),
        Some("https://plan.example.go.id/program/command-center/")
    );
    // A page gone from the current plan sends readers to the current home.
    let gone = Html::load(&out.join("editions/2023/berita/bimtek/index.html"));
    assert!(
        gone.select(".edition-banner a")
            .iter()
            .any(|a| a.attr("href") == Some("/"))
    );
    // The current page is the new one.
    assert_eq!(
        Html::load(&out.join("program/command-center/index.html"))
            .one("h1")
            .text,
        "Pusat Komando Terpadu"
    );

    // The list of changes.
    let changes = Html::load(&out.join("editions/2023/changes/index.html"));
    let changed: Vec<String> = changes
        .select(".change h3 a")
        .iter()
        .map(|a| a.attr("href").unwrap().to_string())
        .collect();
    assert_eq!(changed, ["/program/command-center/"]);
    assert_eq!(changes.one(".change .meta del").text, "Pusat Komando Kota");
    let fact = changes.one(".facts-diff tbody tr");
    assert!(fact.text == "StatusBerjalanSelesai", "{}", fact.text);
    assert_eq!(changes.one(".diff ins").text.trim(), "seluruh");
    let removed: Vec<String> = changes
        .select("#plan-dihapus + ul a")
        .iter()
        .map(|a| a.text.clone())
        .collect();
    assert_eq!(removed, ["Bimtek dibuka"]);
    let en = Html::load(&out.join("editions/2023/en/changes/index.html"));
    assert_eq!(en.one("html").attr("lang"), Some("en"));
    assert!(
        en.select(".change h3 a")
            .iter()
            .any(|a| a.attr("href") == Some("/en/programmes/command-center/"))
    );

    // Editions are listed, with their dates, and linked from every page.
    let list = Html::load(&out.join("editions/index.html"));
    assert!(list.links().iter().any(|l| l == "/editions/2023/"));
    assert!(list.links().iter().any(|l| l == "/editions/2023/changes/"));
    let home = Html::load(&out.join("index.html"));
    assert!(
        home.select("nav.edition-switch a")
            .iter()
            .any(|a| a.attr("href") == Some("/editions/2023/"))
    );
    assert_eq!(broken_links(&out, "/"), Vec::<String>::new());
    // The publish gate agrees.
    let o = terbit(&[
        "check",
        "--root",
        site.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["errors"].as_array().unwrap().len(), 0, "{json:#}");
}

#[test]
fn editions_are_outside_the_sitemap_and_feeds() {
    let site = copy_site("plan");
    assert!(freeze(site.path(), "2023").status.success());
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("/editions/"));
    assert!(
        !std::fs::read_to_string(out.join("atom.xml"))
            .unwrap()
            .contains("/editions/")
    );
}

#[test]
fn each_edition_has_its_own_search() {
    let site = copy_site("plan");
    assert!(freeze(site.path(), "2023").status.success());
    let path = site.path().join("content/programs/command-center.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace(
            "Pusat komando untuk pengelolaan layanan kota.",
            "Ruang kendali terpadu.",
        ),
    )
    .unwrap();
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    assert!(out.join("editions/2023/cari/index.html").is_file());
    assert!(out.join("editions/2023/en/search/index.html").is_file());
    let page = Html::load(&out.join("editions/2023/cari/index.html"));
    let index = page
        .one("[data-search-index]")
        .attr("data-search-index")
        .unwrap()
        .to_string();
    assert_eq!(index, "/editions/2023/search/id/");
    // "pengelolaan" is in the 2023 text only: the edition's index has it, the current one does not.
    let chunk = |root: &str| {
        std::fs::read_to_string(out.join(format!("{root}search/id/t/7065.json")))
            .unwrap_or_default()
    };
    assert!(chunk("editions/2023/").contains("\"pengelolaan\""));
    assert!(!chunk("").contains("\"pengelolaan\""));
}

/// The top of a changes page says what the revision moved, in the reader's
/// words: items added, removed and changed by kind, the plan's budget by source
/// before and after with the difference, and the programmes whose status changed.
#[test]
fn a_changes_page_opens_with_a_summary_in_words_and_rupiah() {
    let site = copy_site("plan");
    // One programme is only an example, before and after.
    edit_content(
        site.path(),
        "programs/satu-data.md",
        "status = ",
        "illustrative = true\nstatus = ",
    );
    assert!(freeze(site.path(), "2024").status.success());
    let edit = |file: &str, from: &str, to: &str| edit_content(site.path(), file, from, to);
    edit(
        "programs/command-center.md",
        "amount = 1500000000",
        "amount = 1400000000",
    );
    edit(
        "programs/satu-data.md",
        "status = \"planned\"",
        "status = \"ongoing\"",
    );
    edit(
        "programs/command-center.md",
        "partners = [\"bappeda\"]",
        "partners = [\"bappeda\", \"diskominfo\"]",
    );
    edit(
        "programs/command-center.md",
        "title = \"Integrasi CCTV\"",
        "title = \"Integrasi CCTV\"\ndone = true",
    );
    // A sentence and a link's text, in both languages; a new programme.
    edit(
        "programs/command-center.md",
        "Pusat komando untuk pengelolaan layanan kota.",
        "Pusat komando untuk pengelolaan layanan kota, bersama [Satu Data](@/programs/satu-data.md).",
    );
    edit(
        "programs/command-center.en.md",
        "A command center to run city services.",
        "A command center to run city services with [One Data](@/programs/satu-data.md).",
    );
    std::fs::write(
        site.path().join("content/programs/ruang-kendali.md"),
        "+++\ntitle = \"Ruang Kendali\"\npillar = \"smart-governance\"\nstatus = \"planned\"\nstart = 2026\nlead = \"diskominfo\"\n+++\nRuang kendali baru.\n",
    )
    .unwrap();
    std::fs::remove_file(site.path().join("content/programs/pasar-digital.md")).unwrap();
    let _ = std::fs::remove_file(site.path().join("content/programs/pasar-digital.en.md"));
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    let page = Html::load(&out.join("editions/2024/changes/index.html"));
    let summary = page.text_of("section.changes-summary");
    let moves: Vec<String> = page
        .select("section.changes-summary ul.budget-moves li")
        .into_iter()
        .map(|r| r.text)
        .collect();
    assert!(
        moves.contains(
            &"APBD: Rp 1.500.000.000 → Rp 1.400.000.000 (selisih −Rp 100.000.000)".to_string()
        ),
        "{moves:?}"
    );
    assert!(summary.contains("Direncanakan → Berjalan"), "{summary}");
    // The fixture's programmes are examples: the page and the feed say so.
    assert!(
        page.select("section.changes-summary li .badge.illustrative")
            .len()
            == 1,
        "{summary}"
    );
    assert!(!page.select(".change h3 .badge.illustrative").is_empty());
    let english = Html::load(&out.join("editions/2024/en/changes/index.html"))
        .text_of("section.changes-summary");
    assert!(english.contains("Planned → Ongoing"), "{english}");
    // Each changed fact in the reader's words, lists row by row.
    let facts: Vec<String> = page
        .select("table.facts-diff tbody tr")
        .into_iter()
        .map(|r| r.text)
        .collect();
    for row in [
        "StatusDirencanakanBerjalan",
        "Anggaran · 2024 · APBDRp 1.500.000.000Rp 1.400.000.000",
        "Tonggak · 5 Juli 2025 · Integrasi CCTVbelum tercapaitercapai",
    ] {
        assert!(facts.contains(&row.to_string()), "{row} not in {facts:?}");
    }
    assert!(
        facts
            .iter()
            .any(|f| f.starts_with("Mitra") && f.contains("Dinas")),
        "{facts:?}"
    );
    assert_eq!(
        facts.iter().filter(|f| f.starts_with("Anggaran")).count(),
        1,
        "only the changed budget row: {facts:?}"
    );
    // Readers' words only: no key names, no internal paths, no Markdown.
    for lang_page in [
        "editions/2024/changes/index.html",
        "editions/2024/en/changes/index.html",
    ] {
        let html = std::fs::read_to_string(out.join(lang_page)).unwrap();
        let text = Html::load(&out.join(lang_page)).text_of("main");
        for raw in [
            "amount",
            "source ",
            "year ",
            "@/",
            "](",
            "[Satu Data]",
            "[One Data]",
        ] {
            assert!(!text.contains(raw), "{lang_page} shows {raw:?}: {text}");
        }
        assert!(
            html.contains("bersama Satu Data.</ins>") || html.contains("with One Data.</ins>"),
            "{lang_page}"
        );
    }
    let english = Html::load(&out.join("editions/2024/en/changes/index.html"));
    assert!(
        english
            .text_of("section.changes-summary")
            .contains("Programmes: 1 added, 1 removed, 2 changed")
    );
    assert!(
        summary.contains("Program: 1 baru, 1 dihapus, 2 berubah"),
        "{summary}"
    );
    // The feed of revisions, linked from the list of editions.
    for (feed, words) in [
        ("editions/atom.xml", "Direncanakan → Berjalan"),
        ("en/editions/atom.xml", "Planned → Ongoing"),
    ] {
        let xml = std::fs::read_to_string(out.join(feed)).unwrap();
        assert_eq!(xml.matches("<entry>").count(), 1, "{xml}");
        assert!(
            xml.contains(words) && xml.contains("/editions/2024/"),
            "{xml}"
        );
    }
    let list = Html::load(&out.join("editions/index.html"));
    assert!(!list.select("a[href=\"/editions/atom.xml\"]").is_empty());
}

#[test]
fn pillar_stakeholder_and_event_facts_show_in_the_readers_words() {
    let site = copy_site("plan");
    assert!(freeze(site.path(), "2024").status.success());
    let edit = |file: &str, from: &str, to: &str| edit_content(site.path(), file, from, to);
    edit("pillars/smart-governance.md", "target = 3.5", "target = 4");
    edit(
        "pillars/smart-governance.md",
        "\"Data terbuka\"]",
        "\"Data terbuka\", \"Kota tanpa kertas\"]",
    );
    edit(
        "stakeholders/bappeda.md",
        "role = \"Badan perencanaan\"",
        "role = \"Badan perencanaan pembangunan daerah\"",
    );
    edit(
        "timeline/bimtek-tahap-1.md",
        "date = 2023-07-05",
        "date = 2023-07-12",
    );
    edit(
        "timeline/bimtek-tahap-1.md",
        "pillars = [\"smart-governance\"]",
        "pillars = [\"smart-governance\", \"smart-economy\"]",
    );
    edit(
        "programs/pasar-digital.md",
        "source = \"CSR\"\n",
        "source = \"CSR\"\n\n[[sources]]\ntitle = \"Contoh\"\npublisher = \"Contoh\"\ndate = 2024-01-01\n",
    );
    // A file's own date changes nothing of the plan: the page is not listed.
    edit(
        "programs/satu-data.md",
        "+++\n",
        "+++\nupdated = 2024-02-01\n",
    );
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    let rows = |page: &Html| -> Vec<String> {
        page.select("table.facts-diff tbody tr")
            .into_iter()
            .map(|r| r.text)
            .collect()
    };
    let id = Html::load(&out.join("editions/2024/changes/index.html"));
    let facts = rows(&id);
    for row in [
        "Indikator · Indeks SPBE · Target3,5 indeks (2028)4 indeks (2028)",
        "Sasaran strategisKota tanpa kertas",
        "PeranBadan perencanaanBadan perencanaan pembangunan daerah",
        "Tanggal5 Juli 202312 Juli 2023",
        "SumberContoh: Contoh (1 Januari 2024)",
    ] {
        assert!(facts.contains(&row.to_string()), "{row} not in {facts:?}");
    }
    assert!(
        !id.text_of("section[aria-labelledby=plan-diubah]")
            .contains("Satu Data"),
        "{facts:?}"
    );
    // Only what moved: the baseline, the other goals, the first pillar stay out.
    assert!(
        !facts
            .iter()
            .any(|f| f.contains("Baseline") || f.contains("Layanan publik"))
    );
    // A pillar named in a fact is a link to its page, on its own side.
    let pillar = id
        .select("table.facts-diff tbody tr")
        .into_iter()
        .find(|r| r.text.starts_with("Pilar"))
        .unwrap_or_else(|| panic!("no pillar row in {facts:?}"));
    let link = id
        .select("table.facts-diff tbody tr ins a")
        .into_iter()
        .find(|a| pillar.text.ends_with(&a.text))
        .expect("the added pillar is a link");
    let href = link.attr("href").unwrap();
    assert!(
        out.join(href.trim_start_matches('/'))
            .join("index.html")
            .is_file(),
        "{href} is not a page of the build"
    );
    let en = rows(&Html::load(
        &out.join("editions/2024/en/changes/index.html"),
    ));
    for row in ["Date5 July 202312 July 2023", "PillarsSmart Economy"] {
        assert!(en.contains(&row.to_string()), "{row} not in {en:?}");
    }
    // The English goals are the translation's own, and it did not change them.
    assert!(
        !en.iter().any(|f| f.starts_with("Strategic goals")),
        "{en:?}"
    );
    assert!(
        en.iter()
            .any(|f| f.starts_with("Indicator · e-Government index · Target")),
        "{en:?}"
    );
    let text = Html::load(&out.join("editions/2024/en/changes/index.html")).text_of("main");
    for raw in [
        "target_year",
        "baseline",
        "role",
        "2023-07-12",
        "smart-economy",
    ] {
        assert!(!text.contains(raw), "shows {raw:?}: {text}");
    }
}
