//! The plan as a document: the printable page and the PDF beside it, read
//! back with poppler's tools (`pdfinfo`, `pdffonts`, `pdftotext`).

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

/// Runs a poppler tool on `pdf` and returns what it printed.
fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let o = Command::new(tool)
        .args(args)
        .arg(pdf)
        .output()
        .unwrap_or_else(|e| panic!("{tool} is needed for this test (Debian: poppler-utils): {e}"));
    assert!(o.status.success(), "{tool} failed: {}", stderr(&o));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The PDF's text with every run of white space as one space.
fn pdf_text(pdf: &Path) -> String {
    let o = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is needed for this test (Debian: poppler-utils)");
    assert!(o.status.success(), "pdftotext failed: {}", stderr(&o));
    squash(&String::from_utf8_lossy(&o.stdout))
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn info(pdf: &Path) -> std::collections::BTreeMap<String, String> {
    poppler("pdfinfo", &[], pdf)
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// Every font of the PDF is embedded (pdffonts' `emb` column).
fn assert_fonts_embedded(pdf: &Path) {
    let fonts = poppler("pdffonts", &[], pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts in {}", pdf.display());
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type... encoding emb sub uni object ID: emb is the 5th from the end.
        assert_eq!(cols[cols.len() - 5], "yes", "font not embedded: {row}");
    }
}

/// The document's language, as the PDF's catalog states it.
fn catalog_lang(pdf: &Path) -> Option<String> {
    let bytes = std::fs::read(pdf).unwrap();
    let at = bytes.windows(6).position(|w| w == b"/Lang(")?;
    let rest = &bytes[at + 6..];
    let end = rest.iter().position(|&b| b == b')')?;
    Some(String::from_utf8_lossy(&rest[..end]).into_owned())
}

/// Finds each of `titles` in `text` after the one before it.
fn assert_in_order(text: &str, from: usize, titles: &[String], what: &str) -> usize {
    let mut at = from;
    for title in titles {
        let title = squash(title);
        match text[at..].find(&title) {
            Some(i) => at += i + title.len(),
            None => panic!(
                "{what}: `{title}` is missing or out of order after …{}…",
                &text[at.saturating_sub(80)..at.min(text.len())]
            ),
        }
    }
    at
}

#[test]
fn the_example_has_a_document_page_and_a_tagged_pdf_per_language() {
    let out = tempfile::tempdir().unwrap();
    build_ok(&repo(), out.path(), &[]);
    let plan: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("data/plan.json")).unwrap()).unwrap();
    for (lang, dir, intro) in [
        ("id", "dokumen", "Pendahuluan"),
        ("en", "en/document", "Introduction"),
    ] {
        let pdf = out.path().join(dir).join("master-plan.pdf");
        assert!(pdf.is_file(), "{} is missing", pdf.display());
        let info = info(&pdf);
        let pages: usize = info["Pages"].parse().unwrap();
        assert!((12..200).contains(&pages), "{lang}: {pages} pages");
        assert_eq!(info["Tagged"], "yes", "{lang}");
        assert_eq!(
            info["Title"],
            plan["title"][lang].as_str().unwrap_or_default(),
            "{lang}"
        );
        let stated = catalog_lang(&pdf).unwrap_or_default();
        assert!(
            stated == lang || stated.starts_with(&format!("{lang}-")),
            "{lang}: /Lang {stated}"
        );
        assert_fonts_embedded(&pdf);
        // The programmes' photos, as copies at most 960 pixels wide.
        let images = poppler("pdfimages", &["-list"], &pdf);
        let widths: Vec<u32> = images
            .lines()
            .skip(2)
            .filter_map(|l| l.split_whitespace().nth(3)?.parse().ok())
            .collect();
        assert!(
            widths.len() >= 2 && widths.iter().all(|&w| w <= 960),
            "{lang}: {images}"
        );

        let text = pdf_text(&pdf);
        // Reading order: after the contents, the introduction, then each
        // pillar followed by its programmes, then events and stakeholders.
        let body = text
            .match_indices(&format!("1. {intro}"))
            .nth(1)
            .map(|(i, _)| i)
            .unwrap_or_else(|| panic!("{lang}: no chapter 1 after the contents"));
        let title = |v: &serde_json::Value| v["title"][lang].as_str().unwrap().to_string();
        let mut sequence = Vec::new();
        for pillar in plan["pillars"].as_array().unwrap() {
            sequence.push(title(pillar));
            for p in plan["programmes"].as_array().unwrap() {
                if p["pillar"] == pillar["id"] {
                    sequence.push(title(p));
                }
            }
        }
        let at = assert_in_order(&text, body, &sequence, lang);
        let events: Vec<String> = plan["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(title)
            .collect();
        for e in &events {
            assert!(
                text[at..].contains(&squash(e)),
                "{lang}: event `{e}` not in the timeline"
            );
        }
        for s in plan["stakeholders"].as_array().unwrap() {
            let name = squash(&title(s));
            assert!(
                text[at..].contains(&name),
                "{lang}: stakeholder `{name}` missing"
            );
        }
        // Every source any page cites, with its address.
        let every: Vec<&serde_json::Value> =
            ["pillars", "programmes", "stakeholders", "events", "news"]
                .iter()
                .flat_map(|k| plan[*k].as_array().unwrap())
                .flat_map(|item| item["sources"].as_array().unwrap())
                .collect();
        assert!(!every.is_empty());
        for source in every {
            let t = squash(source["title"].as_str().unwrap());
            assert!(text.contains(&t), "{lang}: source `{t}` missing");
        }
        // The draft is marked on every page (the running header).
        let pages_text = poppler("pdftotext", &["-layout"], &pdf);
        let draft = if lang == "id" { "RANCANGAN" } else { "DRAFT" };
        for (n, page) in pages_text
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .enumerate()
        {
            assert!(
                page.contains(draft),
                "{lang}: page {} does not say the plan is a draft",
                n + 1
            );
        }

        // The printable page: linked from the home page, with every chapter.
        let page =
            Html::parse(&std::fs::read_to_string(out.path().join(dir).join("index.html")).unwrap());
        let toc = page.select(".doc-toc a");
        assert!(toc.len() >= sequence.len(), "{lang}: {} entries", toc.len());
        let toc_text: Vec<String> = toc.iter().map(|a| a.text.clone()).collect();
        assert_in_order(&toc_text.join(" | "), 0, &sequence, "contents");
        for a in &toc {
            let id = a.attr("href").unwrap().trim_start_matches('#');
            assert_eq!(
                page.select(&format!("[id='{id}']")).len(),
                1,
                "{lang}: contents link #{id}"
            );
        }
        let home = if lang == "id" {
            "index.html"
        } else {
            "en/index.html"
        };
        let home = Html::parse(&std::fs::read_to_string(out.path().join(home)).unwrap());
        let pdf_href = format!("/{dir}/master-plan.pdf");
        let hrefs = |sel: &str| -> Vec<String> {
            home.select(sel)
                .iter()
                .filter_map(|a| a.attr("href").map(str::to_string))
                .collect()
        };
        assert!(
            hrefs("main a").contains(&pdf_href),
            "{lang}: no PDF link on the home page"
        );
        assert!(
            hrefs("footer a").contains(&format!("/{dir}/")),
            "{lang}: no footer link"
        );
    }
    assert!(
        broken_links(out.path(), "/").is_empty(),
        "{:?}",
        broken_links(out.path(), "/")
    );
}

#[test]
fn two_builds_give_the_same_pdf_bytes_and_the_second_typesets_nothing() {
    let site = copy_site("plan");
    let timed = |out: &Path| {
        let o = Command::new(env!("CARGO_BIN_EXE_terbit"))
            .args(["build", "--root", site.path().to_str().unwrap(), "--output"])
            .arg(out)
            .env("TERBIT_TIMINGS", "1")
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        stderr(&o)
    };
    let (first, second) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let log = timed(first.path());
    assert_eq!(log.matches("master-plan.pdf typeset").count(), 2, "{log}");
    let log = timed(second.path());
    assert_eq!(
        log.matches("master-plan.pdf from the cache").count(),
        2,
        "{log}"
    );
    // Any change to what it shows is typeset again, never taken from the cache.
    let path = site.path().join("content/programs/command-center.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("Pusat Komando Kota", "Pusat Komando Zamrud"),
    )
    .unwrap();
    let edited = tempfile::tempdir().unwrap();
    let log = timed(edited.path());
    assert_eq!(log.matches("master-plan.pdf typeset").count(), 2, "{log}");
    assert!(
        pdf_text(&edited.path().join("dokumen/master-plan.pdf")).contains("Pusat Komando Zamrud")
    );
    let page = std::fs::read_to_string(edited.path().join("dokumen/index.html")).unwrap();
    assert!(
        page.contains("Pusat Komando Zamrud"),
        "the document page follows the edit"
    );
    std::fs::write(&path, text).unwrap();
    // Without the cache, typeset again: the same bytes.
    std::fs::remove_dir_all(site.path().join(".terbit-cache/document")).unwrap();
    let third = tempfile::tempdir().unwrap();
    let log = timed(third.path());
    assert_eq!(log.matches("master-plan.pdf typeset").count(), 2, "{log}");
    for pdf in ["dokumen/master-plan.pdf", "en/document/master-plan.pdf"] {
        let read = |dir: &tempfile::TempDir| std::fs::read(dir.path().join(pdf)).unwrap();
        let (x, y, z) = (read(&first), read(&second), read(&third));
        assert!(x.starts_with(b"%PDF-"));
        assert!(x == y && y == z, "{pdf} differs between builds");
    }
}

/// Typst syntax, and paths to files on this machine, in a title and a text.
const INJECTIONS: [&str; 7] = [
    "#read(\"/etc/passwd\")",
    "#import \"/etc/hosts\": *",
    "$x^2$",
    "@ref-label",
    "<label>",
    "C:\\Windows \\u{41}",
    "[unbalanced ]] [[",
];

#[test]
fn content_is_typeset_as_text_never_run() {
    let site = copy_site("plan");
    let path = site.path().join("content/programs/command-center.md");
    let text = std::fs::read_to_string(&path).unwrap();
    // `<label>` would be an HTML tag in Markdown: written escaped, shown as is.
    let body = INJECTIONS
        .iter()
        .map(|s| format!("Teks {} tetap teks.\n\n", s.replace('<', "\\<")))
        .collect::<String>();
    let heading = "## #image(\"/etc/passwd\") `#read(\"/etc/passwd\")`\n\n";
    let text = text.replace(
        "title = \"Pusat Komando Kota\"",
        "title = \"Pusat #read(\\\"/etc/passwd\\\") $ @x <y> \\\\ ]\"",
    ) + heading
        + &body;
    std::fs::write(&path, text).unwrap();
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    let pdf = out
        .join(
            std::fs::read_dir(&out)
                .unwrap()
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .find(|n| {
                    std::path::Path::new(&out.join(n))
                        .join("master-plan.pdf")
                        .is_file()
                })
                .expect("a document folder with its PDF"),
        )
        .join("master-plan.pdf");
    let text = pdf_text(&pdf);
    assert!(
        text.contains("Pusat #read(\"/etc/passwd\") $ @x <y> \\ ]"),
        "{text}"
    );
    for s in INJECTIONS {
        assert!(
            text.contains(&format!("Teks {s} tetap teks.")),
            "`{s}` is not shown as written"
        );
    }
    assert!(text.contains("#image(\"/etc/passwd\")"));
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    for line in passwd.lines().filter(|l| l.len() > 12) {
        assert!(!text.contains(line), "the PDF shows /etc/passwd: {line}");
    }
    assert!(!text.contains("root:x:0:0"));
}

#[test]
fn every_edition_has_its_own_document() {
    let site = copy_site("plan");
    let o = terbit(&[
        "edition",
        "freeze",
        "2023",
        "--root",
        site.path().to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let path = site.path().join("content/programs/command-center.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("Pusat Komando Kota", "Pusat Komando Terpadu"),
    )
    .unwrap();
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    let current = walkdir::WalkDir::new(&out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_name() == "master-plan.pdf")
        .map(|e| {
            e.path()
                .strip_prefix(&out)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect::<Vec<_>>();
    let editions: Vec<&String> = current
        .iter()
        .filter(|p| p.starts_with("editions/2023/"))
        .collect();
    assert_eq!(
        editions.len(),
        2,
        "one PDF per language in the edition: {current:?}"
    );
    assert_eq!(current.len(), 4, "{current:?}");
    for p in &current {
        let text = pdf_text(&out.join(p));
        let in_edition = p.starts_with("editions/");
        let shows = |t: &str| text.contains(t);
        if !p.starts_with("en/") && !p.contains("/en/") {
            assert_eq!(shows("Pusat Komando Kota"), in_edition, "{p}");
            assert_eq!(shows("Pusat Komando Terpadu"), !in_edition, "{p}");
        }
        if in_edition {
            assert!(shows("2023"), "{p} names its edition");
        }
    }
}
