//! `terbit check`: the publish gate, on the example and on broken fixtures.

mod common;

use common::*;

fn check_json(root: &std::path::Path, extra: &[&str]) -> (Option<i32>, serde_json::Value) {
    let mut args = vec![
        "check",
        "--root",
        root.to_str().unwrap(),
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let o = terbit(&args);
    let json = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&o.stdout)));
    (o.status.code(), json)
}

fn find<'a>(list: &'a serde_json::Value, kind: &str) -> Vec<&'a serde_json::Value> {
    list.as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == kind)
        .collect()
}

#[test]
fn the_example_passes() {
    let (code, json) = check_json(&repo(), &[]);
    assert_eq!(code, Some(0), "{json:#}");
    assert_eq!(json["errors"].as_array().unwrap().len(), 0);
    // Every page of the example is translated.
    assert_eq!(find(&json["warnings"], "missing-translation").len(), 0);
    assert_eq!(json["translations"]["programs"]["en"]["total"], 13);
}

#[test]
fn reports_anchor_translation_staleness_and_alt_text_naming_each_file() {
    let site = copy_site("plan");
    let c = site.path().join("content");
    let append = |file: &str, text: &str| {
        let path = c.join(file);
        let mut body = std::fs::read_to_string(&path).unwrap();
        body.push_str(text);
        std::fs::write(path, body).unwrap();
    };
    let replace = |file: &str, from: &str, to: &str| {
        let path = c.join(file);
        let body = std::fs::read_to_string(&path).unwrap();
        assert!(body.contains(from));
        std::fs::write(path, body.replacen(from, to, 1)).unwrap();
    };
    append(
        "programs/command-center.md",
        "\nLihat [Satu Data](@/programs/satu-data.md#tidak-ada).\n",
    );
    replace(
        "programs/pasar-digital.md",
        "status = \"done\"",
        "status = \"done\"\nupdated = 2024-06-01",
    );
    replace(
        "programs/pasar-digital.en.md",
        "title = \"Digital Market\"",
        "title = \"Digital Market\"\nupdated = 2024-01-01",
    );
    append("news/bimtek.md", "\n![](/foto-bimtek.png)\n");
    std::fs::create_dir_all(site.path().join("static")).unwrap();
    std::fs::write(site.path().join("static/foto-bimtek.png"), b"png").unwrap();

    let (code, json) = check_json(site.path(), &[]);
    assert_eq!(code, Some(1), "{json:#}");
    let anchor = find(&json["errors"], "broken-anchor");
    assert_eq!(anchor.len(), 1, "{json:#}");
    assert_eq!(anchor[0]["file"], "content/programs/command-center.md");
    assert_eq!(anchor[0]["line"], 32);
    let alt = find(&json["errors"], "missing-alt");
    assert_eq!(alt.len(), 1, "{json:#}");
    assert_eq!(alt[0]["file"], "content/news/bimtek.md");
    let missing = find(&json["warnings"], "missing-translation");
    assert!(
        missing
            .iter()
            .any(|f| f["file"] == "content/programs/satu-data.md"),
        "{json:#}"
    );
    let stale = find(&json["warnings"], "stale-translation");
    assert_eq!(stale.len(), 1, "{json:#}");
    assert_eq!(stale[0]["file"], "content/programs/pasar-digital.en.md");
    for f in json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .chain(json["warnings"].as_array().unwrap())
    {
        for key in ["file", "line", "kind", "message"] {
            assert!(!f[key].is_null(), "{key} missing in {f}");
        }
    }
    // --strict makes the translation problems errors too.
    let (_, strict) = check_json(site.path(), &["--strict"]);
    assert_eq!(find(&strict["errors"], "stale-translation").len(), 1);
    assert!(find(&strict["warnings"], "missing-translation").is_empty());
    // Text output groups by file, with line numbers.
    let o = terbit(&["check", "--root", site.path().to_str().unwrap()]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("content/programs/command-center.md\n   32: error [broken-anchor]"),
        "{text}"
    );
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn build_errors_and_fact_conflicts_stop_the_check() {
    let site = copy_site("plan");
    let file = site.path().join("content/programs/pasar-digital.en.md");
    std::fs::write(
        &file,
        "+++\ntitle = \"Digital Market\"\nstatus = \"ongoing\"\n+++\n",
    )
    .unwrap();
    let (code, json) = check_json(site.path(), &[]);
    assert_eq!(code, Some(1));
    let conflict = find(&json["errors"], "translation-fact-differs");
    assert_eq!(conflict[0]["file"], "content/programs/pasar-digital.en.md");
    assert_eq!(conflict[0]["line"], 3);
    std::fs::write(
        site.path().join("content/programs/x.md"),
        "+++\ntitle = \"X\"\npillar = \"nope\"\n+++\n",
    )
    .unwrap();
    let (code, json) = check_json(site.path(), &[]);
    assert_eq!(code, Some(1));
    assert!(
        json["errors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["file"] == "content/programs/x.md")
    );
}

#[test]
fn unreferenced_stakeholders_are_reported() {
    let site = copy_site("plan");
    std::fs::write(
        site.path().join("content/stakeholders/dinas-lain.md"),
        "+++\ntitle = \"Dinas Lain\"\nkind = \"organization\"\n+++\n",
    )
    .unwrap();
    let (_, json) = check_json(site.path(), &[]);
    let found = find(&json["warnings"], "unreferenced-stakeholder");
    assert_eq!(found.len(), 1, "{json:#}");
    assert_eq!(found[0]["file"], "content/stakeholders/dinas-lain.md");
}

#[test]
fn pages_show_when_they_were_last_updated() {
    let site = copy_site("plan");
    let path = site.path().join("content/programs/pasar-digital.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace(
            "status = \"done\"",
            "status = \"done\"\nupdated = 2024-06-01",
        ),
    )
    .unwrap();
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    let page = Html::load(&out.join("program/pasar-digital/index.html"));
    let last = page.one(".last-updated time");
    assert_eq!(last.attr("datetime"), Some("2024-06-01"));
    assert_eq!(last.text, "1 Juni 2024");
}

#[test]
fn a_translation_may_list_its_own_number_of_goals() {
    // Goals are text: a translation words them its own way, in as many items
    // as it needs, and that is not a repeated fact that differs.
    let site = copy_site("plan");
    let file = site.path().join("content/pillars/smart-governance.en.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let more = text.replace(
        "goals = [\"Integrated public services\", \"Open data\"]",
        "goals = [\"Integrated public services\", \"Open data\", \"Data shared between offices\"]",
    );
    assert_ne!(more, text);
    std::fs::write(&file, more).unwrap();
    let (_, json) = check_json(site.path(), &[]);
    let differs: Vec<_> = find(&json["errors"], "translation-fact-differs")
        .into_iter()
        .chain(find(&json["warnings"], "translation-fact-differs"))
        .collect();
    assert!(differs.is_empty(), "{differs:?}");
}

#[test]
fn many_warnings_of_one_kind_show_the_first_few_and_a_count_but_every_error() {
    let site = copy_site("plan");
    let scripts: String = (0..12)
        .map(|i| format!("<script>x({i})</script>\n\n"))
        .collect();
    std::fs::write(
        site.path().join("content/tempel.md"),
        format!("+++\ntitle = \"Tempel\"\n+++\n{scripts}"),
    )
    .unwrap();
    let count_line =
        "… and 7 more `raw-html-removed` warnings; `terbit check --format json` lists them all";
    let out = site.path().join("public");
    let o = build(site.path(), &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.matches(": warning: raw HTML:").count(), 5, "{err}");
    assert_eq!(err.lines().filter(|l| *l == count_line).count(), 1, "{err}");
    // The first five in the order of the file.
    assert!(err.contains("content/tempel.md:4:1:") && !err.contains("content/tempel.md:14:1:"));

    let o = terbit(&["check", "--root", site.path().to_str().unwrap()]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert_eq!(text.matches("[raw-html-removed]").count(), 5, "{text}");
    assert_eq!(
        text.lines().filter(|l| *l == count_line).count(),
        1,
        "{text}"
    );
    assert!(text.contains("\n0 error(s), "), "{text}");
    let (_, json) = check_json(site.path(), &[]);
    assert_eq!(find(&json["warnings"], "raw-html-removed").len(), 12);

    // Errors are all printed, however many.
    let links: String = (0..8)
        .map(|i| format!("[x](@/hilang-{i}.md)\n\n"))
        .collect();
    std::fs::write(
        site.path().join("content/tautan.md"),
        format!("+++\ntitle = \"Tautan\"\n+++\n{links}"),
    )
    .unwrap();
    let o = build(site.path(), &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.matches(": error: link target").count(), 8, "{err}");
    assert_eq!(err.matches(": warning: raw HTML:").count(), 5, "{err}");
    let o = terbit(&["check", "--root", site.path().to_str().unwrap()]);
    let text = String::from_utf8_lossy(&o.stdout);
    let (_, json) = check_json(site.path(), &[]);
    let errors = json["errors"].as_array().unwrap().len();
    assert!(errors >= 8);
    assert_eq!(text.matches(": error [").count(), errors, "{text}");
}
