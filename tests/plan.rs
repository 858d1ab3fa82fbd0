//! End-to-end tests of the plan model (issue: pillars, programmes, timeline,
//! stakeholders, cross-checked, with derived pages, charts, open data, feeds)
//! on the fixture plan under tests/sites/plan.

mod common;

use std::collections::BTreeSet;

use common::*;

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let site = copy_site("plan");
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    (site, out)
}

fn hrefs(page: &Html, selector: &str) -> BTreeSet<String> {
    page.select(selector)
        .iter()
        .filter_map(|a| a.attr("href").map(str::to_string))
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn every_pillar_lists_exactly_its_programmes() {
    let (_site, out) = built();
    let page = Html::load(&out.join("pilar/smart-governance/index.html"));
    assert_eq!(
        hrefs(&page, ".programme-list a"),
        set(&["/program/command-center/", "/program/satu-data/"])
    );
    let page = Html::load(&out.join("en/pillars/smart-economy/index.html"));
    assert_eq!(
        hrefs(&page, ".programme-list a"),
        set(&["/en/programmes/pasar-digital/"])
    );
    // Grouped by status, quick wins marked, indicators with baseline -> target in the reader's numbers.
    let page = Html::load(&out.join("pilar/smart-governance/index.html"));
    let groups: Vec<String> = page
        .select("h3")
        .iter()
        .map(|h| h.text.split_whitespace().next().unwrap().to_string())
        .collect();
    assert_eq!(groups, ["Direncanakan", "Berjalan"]);
    assert_eq!(page.select(".badge.quick-win").len(), 1);
    let row = page.one("table.indicators tbody tr");
    assert!(
        row.text.contains("2,5 (2022)") && row.text.contains("3,5 (2028)"),
        "{}",
        row.text
    );
    let en = Html::load(&out.join("en/pillars/smart-governance/index.html"));
    assert!(
        en.one("table.indicators tbody tr")
            .text
            .contains("2.5 (2022)")
    );
    assert!(
        en.select("li")
            .iter()
            .any(|li| li.text == "Integrated public services")
    );
}

#[test]
fn every_programme_links_its_lead_and_partners() {
    let (_site, out) = built();
    let page = Html::load(&out.join("program/command-center/index.html"));
    assert_eq!(
        hrefs(&page, "a.lead-link"),
        set(&["/pemangku-kepentingan/diskominfo/"])
    );
    assert_eq!(
        hrefs(&page, "a.partner-link"),
        set(&["/pemangku-kepentingan/bappeda/"])
    );
    let en = Html::load(&out.join("en/programmes/command-center/index.html"));
    assert_eq!(
        hrefs(&en, "a.lead-link"),
        set(&["/en/stakeholders/diskominfo/"])
    );
    // Budget table with sources and a total, in each language's way of writing money.
    let budget = page.one("table.budget");
    assert!(
        budget.text.contains("Rp 1.500.000.000") && budget.text.contains("APBN"),
        "{}",
        budget.text
    );
    assert!(
        page.one("table.budget tfoot")
            .text
            .contains("Rp 2.000.000.000")
    );
    assert!(
        en.one("table.budget tfoot")
            .text
            .contains("IDR 2,000,000,000")
    );
    // Milestones in the reader's language and date format.
    let ms: Vec<String> = en
        .select("ol.milestones li")
        .iter()
        .map(|l| l.text.clone())
        .collect();
    assert!(
        ms[0].contains("1 March 2024") && ms[0].contains("Launch"),
        "{ms:?}"
    );
    let ms: Vec<String> = page
        .select("ol.milestones li")
        .iter()
        .map(|l| l.text.clone())
        .collect();
    assert!(
        ms[1].contains("5 Juli 2025") && ms[1].contains("Integrasi CCTV"),
        "{ms:?}"
    );
}

#[test]
fn every_stakeholder_lists_what_it_leads_partners_in_and_took_part_in() {
    let (_site, out) = built();
    let page = Html::load(&out.join("pemangku-kepentingan/diskominfo/index.html"));
    assert_eq!(
        hrefs(&page, ".leads a"),
        set(&["/program/command-center/", "/program/pasar-digital/"])
    );
    assert_eq!(hrefs(&page, ".partner-in a"), set(&["/program/satu-data/"]));
    let person = Html::load(&out.join("en/stakeholders/budi-contoh/index.html"));
    assert_eq!(
        hrefs(&person, ".events a"),
        set(&["/en/timeline/bimtek-tahap-1/"])
    );
    assert!(hrefs(&person, "dl.facts a").contains("/en/stakeholders/diskominfo/"));
    // The directory is grouped by group, with translated group names.
    let dir = Html::load(&out.join("en/stakeholders/index.html"));
    let groups: Vec<String> = dir
        .select("main h2")
        .iter()
        .map(|h| h.text.clone())
        .collect();
    assert_eq!(groups, ["Smart City Council", "Implementation Team"]);
    let council: Vec<String> = dir
        .select("section:first-of-type .directory a")
        .iter()
        .map(|a| a.text.clone())
        .collect();
    assert_eq!(council, ["Bappeda", "Budi Contoh", "Rina Contoh"]);
}

#[test]
fn timeline_is_in_date_order_with_a_roadmap_chart() {
    let (_site, out) = built();
    for path in ["linimasa/index.html", "en/timeline/index.html"] {
        let page = Html::load(&out.join(path));
        let dates: Vec<String> = page
            .select("ol.timeline time")
            .iter()
            .map(|t| t.attr("datetime").unwrap().to_string())
            .collect();
        assert_eq!(dates.len(), 4, "2 events and 2 milestones: {dates:?}");
        let mut sorted = dates.clone();
        sorted.sort();
        assert_eq!(dates, sorted);
        // The roadmap is a group of links, one per programme, named by its title.
        let svg = page.one("svg.chart-roadmap");
        assert_eq!(svg.attr("role"), None);
        assert_eq!(svg.attr("aria-labelledby"), Some("roadmap-t roadmap-d"));
        assert_eq!(page.select("svg.chart title").len(), 1);
        assert_eq!(page.select("svg.chart desc").len(), 1);
        assert!(!page.select("svg.chart-roadmap a[href]").is_empty());
        // The chart's numbers as a table too.
        assert!(!page.select("details.chart-data table").is_empty());
    }
    let home = Html::load(&out.join("index.html"));
    assert_eq!(
        home.select("svg.chart[role=img]").len(),
        1,
        "progress chart on the home page"
    );
}

#[test]
fn untranslated_programme_appears_in_english_marked_as_indonesian() {
    let (_site, out) = built();
    let page = Html::load(&out.join("en/programmes/satu-data/index.html"));
    assert_eq!(page.one("h1").text, "Satu Data Contoh");
    assert!(
        page.select("[lang=id]")
            .iter()
            .any(|e| e.text.contains("Satu Data Contoh"))
    );
    assert!(
        page.select("[lang=id]")
            .iter()
            .any(|e| e.text.contains("perizinan"))
    );
    assert!(page.one(".notice").text.contains("not been translated"));
    // Listed in English pages with its language marked.
    let pillar = Html::load(&out.join("en/pillars/smart-governance/index.html"));
    let item = pillar
        .select(".programme-list li")
        .into_iter()
        .find(|li| li.text.contains("Satu Data"))
        .unwrap();
    assert_eq!(item.attr("lang"), Some("id"));
}

#[test]
fn open_data_has_every_programme_in_both_languages() {
    let (_site, out) = built();
    let csv = std::fs::read_to_string(out.join("data/programs.csv")).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(
        rows[0],
        "id,pillar,status,quick_win,start,end,lead,partners,budget_total,title_id,title_en,url_id,url_en,illustrative,overdue_milestones,sources"
    );
    assert_eq!(rows.len(), 4, "header + 3 programmes");
    let cc = rows
        .iter()
        .find(|r| r.starts_with("command-center,"))
        .unwrap();
    assert!(
        cc.contains(",Pusat Komando Kota,City Command Center,"),
        "{cc}"
    );
    assert!(
        cc.contains(",ongoing,true,2024,2026,diskominfo,bappeda,2000000000,"),
        "{cc}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("data/plan.json")).unwrap())
            .unwrap();
    let ids: BTreeSet<String> = json["programmes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, set(&["command-center", "satu-data", "pasar-digital"]));
    assert_eq!(json["programmes"][0]["title"]["en"], "City Command Center");
    assert_eq!(json["pillars"].as_array().unwrap().len(), 2);
    assert_eq!(json["stakeholders"].as_array().unwrap().len(), 4);
    // Linked from every page.
    let home = Html::load(&out.join("index.html"));
    assert!(home.links().iter().any(|l| l == "/data/plan.json"));
    assert!(home.links().iter().any(|l| l == "/data/programs.csv"));
}

#[test]
fn each_language_has_an_atom_feed_with_every_article() {
    let (_site, out) = built();
    for (feed, page) in [("atom.xml", "index.html"), ("en/atom.xml", "en/index.html")] {
        let xml = std::fs::read_to_string(out.join(feed)).unwrap();
        assert_eq!(xml.matches("<entry").count(), 2, "{feed}");
        assert!(xml.contains("<updated>2023-07-05T00:00:00Z</updated>"));
        let head = Html::load(&out.join(page));
        let link = head.one("link[type='application/atom+xml']");
        assert_eq!(link.attr("href"), Some(format!("/{}", feed).as_str()));
    }
    let en = std::fs::read_to_string(out.join("en/atom.xml")).unwrap();
    assert!(en.contains("<title>Example City chosen</title>"));
    assert!(en.contains("<entry xml:lang=\"id\">\n<title>Bimtek dibuka</title>"));
}

#[test]
fn a_broken_plan_reports_every_problem_in_one_run() {
    let site = copy_site("plan");
    let p = site.path().join("content/programs");
    let edit = |file: &str, from: &str, to: &str| {
        let path = p.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from));
        std::fs::write(&path, text.replace(from, to)).unwrap();
    };
    edit(
        "command-center.md",
        "pillar = \"smart-governance\"",
        "pillar = \"smart-govrnance\"",
    );
    edit(
        "satu-data.md",
        "status = \"planned\"",
        "status = \"started\"",
    );
    edit(
        "pasar-digital.md",
        "lead = \"diskominfo\"",
        "lead = \"dinas-pasar\"",
    );
    let o = build(site.path(), &site.path().join("public"), &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("content/programs/command-center.md:3:1: error: `pillar`: there is no pillar `smart-govrnance`"), "{err}");
    assert!(err.contains("did you mean `smart-governance`?"), "{err}");
    assert!(err.contains("content/programs/satu-data.md:4:1: error: `status` is \"started\", which is not a status"), "{err}");
    assert!(
        err.contains("allowed: planned, ongoing, done, paused"),
        "{err}"
    );
    assert!(err.contains("content/programs/pasar-digital.md:7:1: error: `lead`: there is no stakeholder `dinas-pasar`"), "{err}");
    assert!(!site.path().join("public").exists());
}

#[test]
fn plan_problems_name_file_and_line() {
    let site = copy_site("plan");
    let p = site.path().join("content");
    std::fs::write(
        p.join("programs/bad.md"),
        "+++\ntitle = \"Bad\"\npillar = \"smart-economy\"\nstatus = \"done\"\nstart = 2026\nend = 2024\nlead = \"bappeda\"\npartners = [\"bappeda\", \"nobody\"]\nstauts = \"x\"\n\n[[budget]]\nyear = 2024\namount = 1\nsource = \"loan\"\n+++\n",
    )
    .unwrap();
    std::fs::write(
        p.join("timeline/x.md"),
        "+++\ntitle = \"X\"\nstakeholders = [\"rina-conto\"]\n+++\n",
    )
    .unwrap();
    std::fs::write(
        p.join("stakeholders/y.md"),
        "+++\ntitle = \"Y\"\nkind = \"robot\"\ngroups = [\"dewan\"]\n+++\n",
    )
    .unwrap();
    std::fs::write(
        p.join("stakeholders/z.md"),
        "+++\ntitle = \"Z\"\nkind = \"person\"\n\norganization = \"rina-contoh\"\n+++\n",
    )
    .unwrap();
    let o = build(site.path(), &site.path().join("public"), &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for expected in [
        "content/programs/bad.md:6:1: error: `end` (2024) is before `start` (2026)",
        "content/programs/bad.md:8:24: error: `partners`: there is no stakeholder `nobody`",
        "content/programs/bad.md:9:1: error: unknown key `stauts` in a programme",
        "content/programs/bad.md:14:1: error: `source` is \"loan\", which is not a funding source",
        "allowed: APBD, APBN, CSR, KPBU, other",
        "content/timeline/x.md:1: error: a timeline event has no `date`",
        "content/timeline/x.md:3:17: error: `stakeholders`: there is no stakeholder `rina-conto`",
        "did you mean `rina-contoh`?",
        "content/stakeholders/y.md:3:1: error: `kind` is \"robot\"",
        "content/stakeholders/y.md:4:11: error: `groups`: there is no group `dewan`",
        "did you mean `dewan-smart-city`?",
        "content/stakeholders/z.md:5: error: `organization` must be an organization, but `rina-contoh` is a person",
    ] {
        assert!(err.contains(expected), "missing `{expected}` in:\n{err}");
    }
}

#[test]
fn a_translation_repeating_a_fact_differently_is_reported() {
    let site = copy_site("plan");
    let file = site.path().join("content/programs/pasar-digital.en.md");
    std::fs::write(&file, "+++\ntitle = \"Digital Market\"\nstatus = \"ongoing\"\npillar = \"smart-economy\"\n+++\nText.\n").unwrap();
    let o = build(site.path(), &site.path().join("public"), &[]);
    let err = stderr(&o);
    assert!(
        err.contains("content/programs/pasar-digital.en.md:3: warning: `status` differs from content/programs/pasar-digital.md"),
        "{err}"
    );
    assert!(
        !err.contains("`pillar` differs"),
        "an unchanged repeat is fine:\n{err}"
    );
    // The default language's value is what the site shows, in both languages.
    let page = Html::load(
        &site
            .path()
            .join("public/en/programmes/pasar-digital/index.html"),
    );
    assert_eq!(page.one("dl.facts .badge").text, "Done");
}

#[test]
fn the_bench_generator_writes_plans_terbit_builds() {
    let generator = repo().join("../shared/bench/gen_site.py");
    if !generator.is_file() {
        eprintln!("skipped: {} not found", generator.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("p");
    let status = std::process::Command::new("python3")
        .args([
            generator.to_str().unwrap(),
            "--programs",
            "40",
            "--out",
            site.to_str().unwrap(),
        ])
        .status()
        .unwrap();
    assert!(status.success());
    build_ok(&site, &site.join("public"), &[]);
    let csv = std::fs::read_to_string(site.join("public/data/programs.csv")).unwrap();
    assert_eq!(csv.lines().count(), 41);
}

#[test]
fn init_writes_a_site_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("kota");
    let o = terbit(&["init", site.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    build_ok(&site, &site.join("public"), &[]);
    let home = Html::load(&site.join("public/index.html"));
    assert_eq!(home.select(".pillar-card").len(), 6);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.join("public/data/plan.json")).unwrap())
            .unwrap();
    assert_eq!(json["programmes"].as_array().unwrap().len(), 6);
    // A draft, with its example programmes marked and one fact with its source.
    assert_eq!(home.select(".plan-draft").len(), 1);
    assert!(
        json["programmes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["illustrative"] == true)
    );
    let sourced: Vec<&serde_json::Value> = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| !e["sources"].as_array().unwrap().is_empty())
        .collect();
    assert_eq!(sourced.len(), 1);
    assert_eq!(
        broken_links(&site.join("public"), "/"),
        Vec::<String>::new()
    );
    // A second init into the same folder is refused.
    let o = terbit(&["init", site.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn programmes_sort_by_start_whether_a_year_or_a_day() {
    // `start = 2024` is the year 2024: it comes after a programme starting
    // on 1 June 2023, not before every programme dated to the day.
    let site = copy_site("plan");
    let file = site.path().join("content/programs/satu-data.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let earlier = text.replace("start = 2025", "start = 2023-06-01");
    assert_ne!(earlier, text);
    std::fs::write(&file, earlier).unwrap();
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("data/plan.json")).unwrap())
            .unwrap();
    let governance: Vec<&str> = json["programmes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["pillar"] == "smart-governance")
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(governance, ["satu-data", "command-center"]);
}

#[test]
fn a_translation_without_its_original_is_one_error_naming_both_files() {
    let site = copy_site("plan");
    std::fs::remove_file(site.path().join("content/programs/command-center.md")).unwrap();
    let o = common::build(site.path(), &site.path().join("public"), &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = common::stderr(&o);
    let errors: Vec<&str> = err.lines().filter(|l| l.contains(": error:")).collect();
    assert_eq!(errors.len(), 1, "{err}");
    assert!(
        errors[0].starts_with("content/programs/command-center.en.md: error:"),
        "{err}"
    );
    assert!(
        errors[0].contains("content/programs/command-center.md"),
        "{err}"
    );
    assert!(
        err.contains("git checkout -- content/programs/command-center.md")
            && err.contains("delete this translation"),
        "{err}"
    );
    assert!(!err.contains("has no"), "no missing-fact errors: {err}");
}

#[test]
fn a_mistyped_value_suggests_the_closest_allowed_one() {
    let site = copy_site("plan");
    let file = site.path().join("content/programs/satu-data.md");
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("status = \"planned\"", "status = \"ongoin\"");
    std::fs::write(&file, text).unwrap();
    let o = common::build(site.path(), &site.path().join("public"), &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = common::stderr(&o);
    assert!(err.contains("`status` is \"ongoin\""), "{err}");
    assert!(
        err.contains("did you mean `ongoing`? allowed: planned, ongoing, done, paused"),
        "{err}"
    );
}
