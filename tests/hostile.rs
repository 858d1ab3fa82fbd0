//! Hostile and broken input: nothing escapes the output folder, nothing
//! leaks from outside the site, nothing panics, every problem is named.

mod common;

use common::*;

#[test]
fn traversal_slugs_and_aliases_are_errors_and_write_nothing_outside() {
    let holder = tempfile::tempdir().unwrap();
    let site = holder.path().join("site");
    std::fs::create_dir(&site).unwrap();
    copy_dir(&fixture("basic"), &site);
    std::fs::write(
        site.join("content/jalan.md"),
        "+++\ntitle = \"Jalan\"\nslug = \"../../keluar\"\n+++\n",
    )
    .unwrap();
    std::fs::write(
        site.join("content/lama.md"),
        "+++\ntitle = \"Lama\"\naliases = [\"../../../alias-keluar\", \"/ok/lama/\"]\n+++\n",
    )
    .unwrap();
    let out = site.join("public");
    let o = build(&site, &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("content/jalan.md:3:1: error: `slug` must not contain / or \\"),
        "{err}"
    );
    assert!(err.contains("content/lama.md:3: error: alias \"../../../alias-keluar\" is not a path inside the site"), "{err}");
    let names: Vec<String> = std::fs::read_dir(holder.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["site"], "nothing written beside the site");
    assert!(!out.exists());
}

#[test]
fn script_in_a_title_comes_out_as_text_everywhere() {
    let site = copy_site("plan");
    let path = site.path().join("content/programs/satu-data.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace(
            "title = \"Satu Data Contoh\"",
            "title = \"Satu Data <script>alert(1)</script> & \\\"co\\\"\"",
        ),
    )
    .unwrap();
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    let mut seen = 0;
    // Pages and feeds must escape it (open data and the search index carry it as JSON text).
    for (rel, bytes) in read_tree(&out)
        .into_iter()
        .filter(|(r, _)| r.ends_with(".html") || r.ends_with(".xml"))
    {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("<script>alert(1)"),
            "{rel} has the raw script"
        );
        if text.contains("&lt;script&gt;alert(1)")
            || text.contains("\\u003cscript>alert(1)")
            || text.contains("<script>alert")
        {
            seen += 1;
        }
    }
    assert!(
        seen >= 4,
        "the title appears escaped on its page, its pillar, its lead's page and more ({seen})"
    );
    let page = Html::load(&out.join("program/satu-data/index.html"));
    assert_eq!(
        page.one("h1").text,
        "Satu Data <script>alert(1)</script> & \"co\""
    );
}

#[test]
fn unicode_and_spaces_in_file_names_give_working_urls() {
    let site = copy_site("basic");
    std::fs::write(
        site.path().join("content/rapat kerja ü.md"),
        "+++\ntitle = \"Rapat\"\n+++\nLihat [beranda](@/_index.md).\n",
    )
    .unwrap();
    std::fs::write(
        site.path().join("content/about.md"),
        "+++\ntitle = \"Tentang\"\n+++\n[rapat](@/rapat kerja ü.md)\n",
    )
    .unwrap();
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    assert!(out.join("rapat kerja ü/index.html").is_file());
    let about = Html::load(&out.join("about/index.html"));
    assert!(
        about
            .links()
            .iter()
            .any(|l| l == "/rapat%20kerja%20%C3%BC/"),
        "{:?}",
        about.links()
    );
    assert_eq!(broken_links(&out, "/"), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn a_symlink_to_a_file_outside_the_site_is_not_published() {
    let holder = tempfile::tempdir().unwrap();
    let site = holder.path().join("site");
    std::fs::create_dir(&site).unwrap();
    copy_dir(&fixture("basic"), &site);
    std::fs::write(
        holder.path().join("rahasia.md"),
        "+++\ntitle = \"RAHASIA\"\n+++\nkata sandi\n",
    )
    .unwrap();
    std::fs::write(holder.path().join("rahasia.txt"), "kata sandi").unwrap();
    std::os::unix::fs::symlink(
        holder.path().join("rahasia.md"),
        site.join("content/bocor.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        holder.path().join("rahasia.txt"),
        site.join("static/bocor.txt"),
    )
    .unwrap();
    let out = site.join("public");
    let o = build(&site, &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o)
            .contains("content/bocor.md: warning: symbolic link leads outside the site folder")
    );
    for (rel, bytes) in read_tree(&out) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("kata sandi"),
            "{rel} leaks the file"
        );
    }
    assert!(!out.join("bocor.txt").exists() && !out.join("bocor").exists());
}

#[test]
fn odd_but_valid_files_build_and_broken_ones_are_named() {
    let site = copy_site("basic");
    let c = site.path().join("content");
    std::fs::write(
        c.join("hanya-kepala.md"),
        "+++\ntitle = \"Hanya front matter\"\n+++",
    )
    .unwrap();
    std::fs::write(
        c.join("spasi.md"),
        "+++\t\ntitle = \"Tab dan spasi\"   \t\n+++   \n\tkode\n  \n",
    )
    .unwrap();
    std::fs::write(
        c.join("kutipan.md"),
        format!("+++\ntitle = \"Dalam\"\n+++\n{}x\n", "> ".repeat(20_000)),
    )
    .unwrap();
    std::fs::write(
        c.join("daftar.md"),
        format!(
            "+++\ntitle = \"Daftar\"\n+++\n{}",
            (0..2000)
                .map(|i| format!("{}- x\n", "  ".repeat(i)))
                .collect::<String>()
        ),
    )
    .unwrap();
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    assert_eq!(
        Html::load(&out.join("hanya-kepala/index.html"))
            .one("h1")
            .text,
        "Hanya front matter"
    );
    assert_eq!(
        Html::load(&out.join("spasi/index.html")).one("h1").text,
        "Tab dan spasi"
    );
    std::fs::write(c.join("kosong.md"), "").unwrap();
    std::fs::write(
        c.join("tanggal.md"),
        "+++\ntitle = \"T\"\ndate = 2024-02-30\n+++\n",
    )
    .unwrap();
    std::fs::write(
        c.join("bersarang.md"),
        format!(
            "+++\ntitle = \"N\"\n[extra]\nx = {}{}\n+++\n",
            "[".repeat(20_000),
            "]".repeat(20_000)
        ),
    )
    .unwrap();
    let o = build(site.path(), &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for file in [
        "content/kosong.md:1:1: error: the file is empty",
        "content/tanggal.md:3:",
        "content/bersarang.md:4:",
    ] {
        assert!(err.contains(file), "missing {file} in\n{err}");
    }
}

#[test]
fn three_hundred_broken_files_are_all_reported_in_one_run() {
    let site = copy_site("basic");
    let dir = site.path().join("content/rusak");
    std::fs::create_dir(&dir).unwrap();
    for i in 0..300 {
        std::fs::write(
            dir.join(format!("halaman-{i:03}.md")),
            format!("+++\ntitle = \"Rusak {i}\"\nweight = \"satu\"\n+++\n"),
        )
        .unwrap();
    }
    let started = std::time::Instant::now();
    let o = build(site.path(), &site.path().join("public"), &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for i in 0..300 {
        assert!(
            err.contains(&format!(
                "content/rusak/halaman-{i:03}.md:3:1: error: `weight` must be a whole number"
            )),
            "file {i}"
        );
    }
    assert!(
        err.contains("build failed: 300 errors"),
        "{}",
        err.lines().last().unwrap_or("")
    );
    assert!(started.elapsed().as_secs() < 20);
}

#[test]
fn a_template_name_cannot_reach_outside_the_templates() {
    let site = copy_site("basic");
    std::fs::write(
        site.path().join("content/x.md"),
        "+++\ntitle = \"X\"\ntemplate = \"../../../../etc/passwd\"\n+++\n",
    )
    .unwrap();
    let o = build(site.path(), &site.path().join("public"), &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(
            "content/x.md: error: rendering with template `../../../../etc/passwd` failed"
        ),
        "{err}"
    );
    assert!(!err.contains("root:"), "nothing of the file is read");
}

#[test]
fn a_five_megabyte_line_builds() {
    let site = copy_site("basic");
    let line = "kata ".repeat(1_000_000);
    std::fs::write(
        site.path().join("content/panjang.md"),
        format!("+++\ntitle = \"Panjang\"\n+++\n{line}\n"),
    )
    .unwrap();
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    let html = std::fs::read_to_string(out.join("panjang/index.html")).unwrap();
    assert!(html.len() > 5_000_000);
}
