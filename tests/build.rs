//! End-to-end tests of `terbit build` (issue: the builder), on fixture sites
//! under tests/sites/ and on the Gorontalo example at the repository root.

mod common;

use common::*;

#[test]
fn builds_every_page_in_both_languages_with_alternates() {
    let site = copy_site("basic");
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    for f in [
        "index.html",
        "en/index.html",
        "404.html",
        "en/404.html",
        "sitemap.xml",
        "robots.txt",
        "kota.css",
        "favicon.svg",
    ] {
        assert!(out.join(f).is_file(), "missing {f}");
    }
    // Slugs per language: the section is `program` in Indonesian, `programmes` in English.
    assert!(out.join("program/command-center/index.html").is_file());
    assert!(
        out.join("en/programmes/command-center/index.html")
            .is_file()
    );
    assert!(out.join("en/about-the-plan/index.html").is_file());
    for (rel, text) in html_files(&out) {
        let page = Html::parse(&text);
        let html = page.one("html");
        let lang = html
            .attr("lang")
            .unwrap_or_else(|| panic!("{rel}: no lang"));
        let expected = if rel.starts_with("en/") { "en" } else { "id" };
        if rel.starts_with("lama/") {
            continue; // alias redirect
        }
        assert_eq!(lang, expected, "{rel}");
        let alternates: Vec<String> = page
            .select("link[rel=alternate]")
            .iter()
            .filter_map(|l| l.attr("hreflang").map(str::to_string))
            .collect();
        for l in ["id", "en"] {
            assert!(alternates.iter().any(|a| a == l), "{rel}: no hreflang {l}");
        }
        let skip = page.select("a.skip-link");
        assert_eq!(skip.len(), 1, "{rel}: skip link");
        assert_eq!(skip[0].attr("href"), Some("#main"));
        assert_eq!(page.select("main#main").len(), 1, "{rel}: main landmark");
        assert_eq!(page.select("h1").len(), 1, "{rel}: one h1");
    }
    assert_eq!(broken_links(&out, "/"), Vec::<String>::new());
}

#[test]
fn language_switcher_links_the_same_page_in_the_other_language() {
    let site = copy_site("basic");
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    let page = Html::load(&out.join("program/command-center/index.html"));
    let switch: Vec<String> = page
        .select("nav.lang-switch a")
        .iter()
        .map(|a| a.attr("href").unwrap().to_string())
        .collect();
    assert_eq!(switch, ["/en/programmes/command-center/"]);
    let page = Html::load(&out.join("en/programmes/command-center/index.html"));
    let switch: Vec<String> = page
        .select("nav.lang-switch a")
        .iter()
        .map(|a| a.attr("href").unwrap().to_string())
        .collect();
    assert_eq!(switch, ["/program/command-center/"]);
}

#[test]
fn untranslated_page_is_shown_with_notice_and_original_lang() {
    let site = copy_site("basic");
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    let page = Html::load(&out.join("en/programmes/satu-data/index.html"));
    // The title and the text say they are Indonesian; the English notice does not.
    assert_eq!(page.one("article h1").attr("lang"), Some("id"));
    let text = page.one("article > div[lang=id]");
    assert!(text.text.contains("Belum diterjemahkan"));
    assert!(!text.text.contains("not been translated"));
    let notice = page.one(".notice");
    assert!(
        notice.text.contains("not been translated into English"),
        "{}",
        notice.text
    );
    // Its internal link goes to the English home.
    assert!(
        page.select("article a")
            .iter()
            .any(|a| a.attr("href") == Some("/en/"))
    );
    // The translated version carries no notice and no foreign lang.
    let page = Html::load(&out.join("program/satu-data/index.html"));
    assert!(page.select(".notice").is_empty());
    assert_eq!(page.one("article").attr("lang"), None);
}

#[test]
fn markdown_extensions_headings_and_toc() {
    let site = copy_site("basic");
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    let page = Html::load(&out.join("program/command-center/index.html"));
    let ids = page.ids();
    for id in ["latar-belakang", "tujuan", "kegiatan"] {
        assert!(ids.iter().any(|i| i == id), "no id {id}: {ids:?}");
    }
    let toc: Vec<String> = page
        .select("nav.toc a")
        .iter()
        .map(|a| a.attr("href").unwrap().to_string())
        .collect();
    assert_eq!(toc, ["#latar-belakang", "#tujuan", "#kegiatan"]);
    assert_eq!(page.select("table").len(), 1);
    // Raw HTML from trusted authors passes through.
    assert_eq!(page.select("article b").len(), 1);
    // The home's @/ link with an anchor resolved per language.
    let home = Html::load(&out.join("en/index.html"));
    assert!(
        home.links()
            .iter()
            .any(|l| l == "/en/programmes/command-center/#tujuan")
    );
}

#[test]
fn alias_writes_a_redirect_page() {
    let site = copy_site("basic");
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    let page = Html::load(&out.join("lama/command-center/index.html"));
    let refresh = page.one("meta[http-equiv=refresh]");
    assert_eq!(
        refresh.attr("content"),
        Some("0; url=https://plan.example.go.id/program/command-center/")
    );
    assert_eq!(
        page.one("link[rel=canonical]").attr("href"),
        Some("https://plan.example.go.id/program/command-center/")
    );
}

#[test]
fn sitemap_lists_every_page_with_alternates_and_each_url_has_its_file() {
    let site = copy_site("basic");
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    let xml = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let locs: Vec<&str> = xml
        .split("<loc>")
        .skip(1)
        .map(|s| s.split("</loc>").next().unwrap())
        .collect();
    assert_eq!(locs.len(), 10, "5 pages in 2 languages");
    for loc in &locs {
        let path = loc.strip_prefix("https://plan.example.go.id").unwrap();
        assert!(
            file_for(&out, path).is_file(),
            "sitemap URL without file: {loc}"
        );
    }
    assert_eq!(xml.matches("hreflang=\"en\"").count(), 10);
    let robots = std::fs::read_to_string(out.join("robots.txt")).unwrap();
    assert!(robots.contains("Sitemap: https://plan.example.go.id/sitemap.xml"));
}

#[test]
fn two_builds_are_byte_identical() {
    let site = copy_site("basic");
    let (a, b) = (site.path().join("a"), site.path().join("b"));
    build_ok(site.path(), &a, &[]);
    build_ok(site.path(), &b, &[]);
    let (ta, tb) = (read_tree(&a), read_tree(&b));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (path, bytes) in &ta {
        assert!(bytes == &tb[path], "{path} differs between builds");
    }
}

#[test]
fn base_url_with_a_path_keeps_every_link_under_it() {
    let site = copy_site("basic");
    let out = site.path().join("public");
    build_ok(
        site.path(),
        &out,
        &["--base-url", "http://127.0.0.1:8000/sub/path"],
    );
    let problems = broken_links(&out, "/sub/path/");
    assert_eq!(problems, Vec::<String>::new());
    let page = Html::load(&out.join("en/index.html"));
    assert_eq!(
        page.one("link[rel=canonical]").attr("href"),
        Some("http://127.0.0.1:8000/sub/path/en/")
    );
    let css = page.one("link[rel=stylesheet]");
    assert_eq!(css.attr("href"), Some("/sub/path/kota.css"));
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>http://127.0.0.1:8000/sub/path/en/programmes/</loc>"));
}

#[test]
fn broken_front_matter_fails_naming_file_and_line_and_keeps_the_last_site() {
    let site = copy_site("basic");
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    let before = read_tree(&out);
    std::fs::write(
        site.path().join("content/layanan/satu-data.md"),
        "+++\ntitle = \"Satu Data\"\nweight = = 2\n+++\nText\n",
    )
    .unwrap();
    let o = build(site.path(), &out, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("content/layanan/satu-data.md:3:"), "{err}");
    assert_eq!(
        read_tree(&out),
        before,
        "public/ changed after a failed build"
    );
    // No half-written folder left beside it.
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("terbit-") && n != ".terbit-cache")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn every_error_of_a_build_is_reported_at_once() {
    let site = copy_site("basic");
    let c = site.path().join("content");
    std::fs::write(
        c.join("a.md"),
        "+++\ntitle = \"A\"\ntitel = \"typo\"\n+++\n",
    )
    .unwrap();
    std::fs::write(c.join("b.md"), "+++\ntitle = \"B\"\n").unwrap();
    std::fs::write(c.join("c.md"), "no front matter\n").unwrap();
    std::fs::write(c.join("d.fr.md"), "+++\ntitle = \"D\"\n+++\n").unwrap();
    std::fs::write(
        c.join("e.md"),
        "+++\ntitle = \"E\"\n+++\n[x](@/nowhere.md)\n",
    )
    .unwrap();
    std::fs::write(c.join("f.md"), b"+++\ntitle = \"F\"\n+++\n\xff\xfe\n").unwrap();
    std::fs::write(c.join("g.md"), "+++\ndescription = \"no title\"\n+++\n").unwrap();
    let o = build(site.path(), &site.path().join("public"), &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for expected in [
        "content/a.md:3:1: error: unknown key `titel`",
        "did you mean `title`?",
        "content/b.md:1:1: error: the front matter is not closed",
        "content/c.md:1:1: error: the file does not start with front matter",
        "content/d.fr.md: error: language suffix `.fr` is not a configured language",
        "content/f.md:4:1: error: the file is not valid UTF-8 text",
        "content/g.md:1: error: front matter has no `title`",
    ] {
        assert!(err.contains(expected), "missing `{expected}` in:\n{err}");
    }
    assert!(!site.path().join("public").exists());
    // The broken link is found once the other errors are fixed.
    for f in ["a.md", "b.md", "c.md", "d.fr.md", "f.md", "g.md"] {
        std::fs::remove_file(c.join(f)).unwrap();
    }
    let o = build(site.path(), &site.path().join("public"), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("content/e.md:4:1: error: link target @/nowhere.md does not exist"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn refuses_a_foreign_non_empty_output_folder() {
    let site = copy_site("basic");
    let foreign = site.path().join("photos");
    std::fs::create_dir(&foreign).unwrap();
    std::fs::write(foreign.join("holiday.jpg"), b"precious").unwrap();
    let o = build(site.path(), &foreign, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not made by terbit"), "{}", stderr(&o));
    assert_eq!(read_tree(&foreign).len(), 1);
    assert_eq!(
        std::fs::read(foreign.join("holiday.jpg")).unwrap(),
        b"precious"
    );
    // Nor the site itself, nor its content.
    for target in [site.path().to_path_buf(), site.path().join("content")] {
        let o = build(site.path(), &target, &[]);
        assert_eq!(o.status.code(), Some(1), "{}", target.display());
    }
    assert!(site.path().join("content/_index.md").is_file());
}

#[test]
fn a_rebuild_leaves_no_stale_files() {
    let site = copy_site("basic");
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    assert!(out.join("about/index.html").is_file());
    std::fs::remove_file(site.path().join("content/about.md")).unwrap();
    std::fs::remove_file(site.path().join("content/about.en.md")).unwrap();
    build_ok(site.path(), &out, &[]);
    assert!(!out.join("about").exists());
}

/// The previous site is removed by the names of the new one's files: a name
/// that became a symbolic link (an admin's link to other files) is never
/// followed, and what only the previous site had goes too.
#[cfg(unix)]
#[test]
fn removing_the_previous_site_never_follows_a_link_and_leaves_nothing() {
    let site = copy_site("basic");
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("index.html"), "precious").unwrap();
    std::fs::remove_dir_all(out.join("about")).unwrap();
    std::os::unix::fs::symlink(outside.path(), out.join("about")).unwrap();
    let en_about = out.join("en/about-the-plan");
    std::fs::remove_dir_all(&en_about).unwrap();
    std::fs::write(&en_about, "a file where a folder was").unwrap();
    std::fs::write(out.join("en/extra.txt"), "only in the previous site").unwrap();
    let old = read_tree(&out);
    build_ok(site.path(), &out, &[]);
    assert_eq!(
        std::fs::read_to_string(outside.path().join("index.html")).unwrap(),
        "precious"
    );
    let new = read_tree(&out);
    assert!(new.contains_key("about/index.html"), "{:?}", new.keys());
    assert!(en_about.is_dir() && !out.join("en/extra.txt").exists());
    assert!(old.len() > 3, "the previous site was read");
    // Nothing is left beside the output.
    let beside: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".terbit-new-") || n.contains(".terbit-old-"))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
}

/// Changes the text of the `basic` fixture's page `about`, in Indonesian.
fn edit_about_page(site: &std::path::Path) {
    let about = site.join("content/about.md");
    let text = std::fs::read_to_string(&about).unwrap();
    std::fs::write(
        &about,
        text.replace("Tentang rencana.", "Tentang rencana induk."),
    )
    .unwrap();
}

/// A rebuild links the files whose bytes did not change from the previous
/// site (same file, same date), writes the others afresh, and never keeps a
/// file it could not vouch for: one with another mode, another name, or
/// reached through a symbolic link.
#[cfg(target_os = "linux")]
#[test]
fn a_rebuild_keeps_unchanged_files_and_rewrites_the_rest() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let site = copy_site("basic");
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    let inode = |rel: &str| std::fs::metadata(out.join(rel)).unwrap().ino();
    let kept = "en/about-the-plan/index.html";
    let (kept_before, edited_before) = (inode(kept), inode("about/index.html"));
    edit_about_page(site.path());
    // Same bytes, another mode.
    let narrowed = out.join("program/satu-data/index.html");
    std::fs::set_permissions(&narrowed, std::fs::Permissions::from_mode(0o600)).unwrap();
    // Same bytes, a second name outside the site.
    let outside = tempfile::tempdir().unwrap();
    let second = outside.path().join("second-name.html");
    std::fs::hard_link(out.join("program/command-center/index.html"), &second).unwrap();
    // Same bytes, reached through a symbolic link.
    let linked = outside.path().join("linked");
    std::fs::create_dir(&linked).unwrap();
    std::fs::copy(out.join("cari/index.html"), linked.join("index.html")).unwrap();
    std::fs::remove_dir_all(out.join("cari")).unwrap();
    std::os::unix::fs::symlink(&linked, out.join("cari")).unwrap();
    build_ok(site.path(), &out, &[]);
    assert_eq!(inode(kept), kept_before, "an unchanged page keeps its file");
    assert_ne!(inode("about/index.html"), edited_before);
    let page = std::fs::read_to_string(out.join("about/index.html")).unwrap();
    assert!(page.contains("Tentang rencana induk."), "{page}");
    let mode = std::fs::metadata(&narrowed).unwrap().mode() & 0o777;
    assert_ne!(mode, 0o600, "a file with another mode is written afresh");
    assert_ne!(
        inode("program/command-center/index.html"),
        std::fs::metadata(&second).unwrap().ino()
    );
    assert_ne!(
        inode("cari/index.html"),
        std::fs::metadata(linked.join("index.html")).unwrap().ino()
    );
    let fresh = site.path().join("fresh");
    build_ok(site.path(), &fresh, &[]);
    assert_eq!(read_tree(&out), read_tree(&fresh));
}

/// A build is made in the folder of the site the one before replaced (kept
/// in `.terbit-cache/site/`): what it holds is kept only when it is what the
/// build would write, anything else is replaced or removed (a symbolic link
/// is removed, never followed), and the site being served is never written
/// into. Every build's output is that of a build from nothing.
#[cfg(target_os = "linux")]
#[test]
fn a_build_is_made_in_the_site_it_replaced_and_keeps_only_what_it_would_write() {
    use std::os::unix::fs::MetadataExt;
    let site = copy_site("basic");
    let out = site.path().join("public");
    let kept = site.path().join(".terbit-cache/site");
    // The same site built from nothing, in a copy with no cache.
    let fresh = || {
        let twin = tempfile::tempdir().unwrap();
        copy_dir(site.path(), twin.path());
        std::fs::remove_dir_all(twin.path().join(".terbit-cache")).unwrap();
        build_ok(twin.path(), &twin.path().join("public"), &[]);
        read_tree(&twin.path().join("public"))
    };
    let inode = |rel: &str| std::fs::metadata(out.join(rel)).unwrap().ino();
    build_ok(site.path(), &out, &[]);
    assert!(!kept.exists(), "nothing replaced yet");
    build_ok(site.path(), &out, &[]);
    assert!(
        kept.join(".terbit-output").is_file(),
        "the replaced site is kept"
    );
    let unchanged = inode("en/about-the-plan/index.html");
    // The kept site, changed by hand: a link out, a stray file, a page's
    // bytes, a file where a folder was.
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("index.html"), "precious").unwrap();
    std::fs::remove_dir_all(kept.join("cari")).unwrap();
    std::os::unix::fs::symlink(outside.path(), kept.join("cari")).unwrap();
    std::fs::write(kept.join("stray.html"), "stray").unwrap();
    std::fs::remove_file(kept.join("index.html")).unwrap();
    std::fs::write(kept.join("index.html"), "not the home page").unwrap();
    std::fs::remove_dir_all(kept.join("en/programmes")).unwrap();
    std::fs::write(kept.join("en/programmes"), "a file where a folder was").unwrap();
    // The site being served, changed by hand: it is the next one kept.
    std::fs::write(out.join("en/extra.txt"), "only in the served site").unwrap();
    build_ok(site.path(), &out, &[]);
    assert_eq!(read_tree(&out), fresh());
    assert_eq!(inode("en/about-the-plan/index.html"), unchanged);
    assert!(
        std::fs::symlink_metadata(out.join("cari"))
            .unwrap()
            .is_dir()
    );
    // An edited page is written anew: the file the kept site shares with
    // the served one is never written into.
    let served = std::fs::read(out.join("about/index.html")).unwrap();
    edit_about_page(site.path());
    build_ok(site.path(), &out, &[]);
    assert_eq!(
        std::fs::read(kept.join("about/index.html")).unwrap(),
        served
    );
    assert!(!out.join("en/extra.txt").exists());
    assert_eq!(read_tree(&out), fresh());
    assert_eq!(inode("en/about-the-plan/index.html"), unchanged);
    assert_eq!(
        std::fs::read_to_string(outside.path().join("index.html")).unwrap(),
        "precious"
    );
    // A failed build leaves the served site as it was and the folder it was
    // made in kept for the next.
    let served = read_tree(&out);
    // Found while the pages are written: a link to no page.
    let broken = "+++\ntitle = \"Rusak\"\n+++\n[x](@/tidak-ada.md)\n";
    std::fs::write(site.path().join("content/rusak.md"), broken).unwrap();
    assert!(!build(site.path(), &out, &[]).status.success());
    assert_eq!(read_tree(&out), served);
    assert!(kept.join("index.html").is_file());
    std::fs::remove_file(site.path().join("content/rusak.md")).unwrap();
    build_ok(site.path(), &out, &[]);
    assert_eq!(read_tree(&out), fresh());
}

/// A kept folder changed by hand (its mode) is not built in, and a FIFO in
/// the place of a served file never stalls the build.
#[cfg(target_os = "linux")]
#[test]
fn a_kept_folder_changed_by_hand_is_not_built_in_and_a_fifo_does_not_stall() {
    use std::os::unix::fs::PermissionsExt;
    let site = copy_site("basic");
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    build_ok(site.path(), &out, &[]);
    let kept = site.path().join(".terbit-cache/site");
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let usual = mode(&out.join("en"));
    std::fs::set_permissions(kept.join("program"), std::fs::Permissions::from_mode(0o700)).unwrap();
    let fifo = std::ffi::CString::new(out.join("program/index.html").to_str().unwrap()).unwrap();
    std::fs::remove_file(out.join("program/index.html")).unwrap();
    // SAFETY: a NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_terbit"))
        .args(["build", "--root"])
        .arg(site.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > std::time::Duration::from_secs(60) {
            let _ = child.kill();
            panic!("the build stalled on a FIFO");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert!(status.success());
    assert_eq!(mode(&out.join("program")), usual);
    assert!(
        std::fs::metadata(out.join("program/index.html"))
            .unwrap()
            .is_file()
    );
}

#[test]
fn bom_and_crlf_files_build_identically_to_clean_ones() {
    let clean = copy_site("basic");
    let dirty = copy_site("basic");
    for entry in walkdir::WalkDir::new(dirty.path().join("content")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let dirty_text = format!("\u{feff}{}", text.replace('\n', "\r\n"));
            std::fs::write(entry.path(), dirty_text).unwrap();
        }
    }
    build_ok(clean.path(), &clean.path().join("public"), &[]);
    build_ok(dirty.path(), &dirty.path().join("public"), &[]);
    let (a, b) = (
        read_tree(&clean.path().join("public")),
        read_tree(&dirty.path().join("public")),
    );
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert_eq!(
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(&b[path]),
            "{path}"
        );
    }
}

#[test]
fn drafts_are_built_only_when_asked() {
    let site = copy_site("basic");
    std::fs::write(
        site.path().join("content/rancangan.md"),
        "+++\ntitle = \"Rancangan\"\ndraft = true\n+++\nDraf.\n",
    )
    .unwrap();
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    assert!(!out.join("rancangan").exists());
    build_ok(site.path(), &out, &["--drafts"]);
    let page = Html::load(&out.join("rancangan/index.html"));
    assert_eq!(page.select(".notice-draft").len(), 1);
}

#[test]
fn site_templates_and_strings_override_the_built_in_theme() {
    let site = copy_site("basic");
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    std::fs::write(
        site.path().join("templates/page.html"),
        "{% extends \"base.html\" %}{% block content %}<h1 class=\"custom\">{{ page.title }}</h1>{% endblock %}",
    )
    .unwrap();
    std::fs::create_dir_all(site.path().join("i18n")).unwrap();
    std::fs::write(site.path().join("i18n/en.toml"), "home = \"Start\"\n").unwrap();
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    let page = Html::load(&out.join("en/programmes/satu-data/index.html"));
    assert_eq!(page.one("h1.custom").text, "Satu Data Contoh");
    assert!(
        page.select("nav.main-nav a")
            .iter()
            .any(|a| a.text == "Start")
    );
}

/// Every list shows a programme by one card, rendered once per language from
/// `partials/programme_card.html`: a site's own card changes every list, and
/// a broken one is one error naming the template.
#[test]
fn a_programme_card_template_serves_every_list_and_its_errors_are_reported_once() {
    let site = copy_site("plan");
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    let before = read_tree(&out);
    let card = site.path().join("templates/partials/programme_card.html");
    std::fs::create_dir_all(card.parent().unwrap()).unwrap();
    std::fs::write(
        &card,
        "<li class=\"own-card\" data-lang=\"{{ lang }}\"><a href=\"{{ p.path }}\">{{ p.title }}</a> {{ t.quick_win }}</li>\n",
    )
    .unwrap();
    build_ok(site.path(), &out, &[]);
    let lists = [
        ("program/index.html", "id"),
        ("pilar/smart-governance/index.html", "id"),
        ("pemangku-kepentingan/diskominfo/index.html", "id"),
        ("en/programmes/index.html", "en"),
        ("en/stakeholders/diskominfo/index.html", "en"),
    ];
    for (path, lang) in lists {
        let page = Html::load(&out.join(path));
        let cards = page.select("ul.programme-list > li");
        assert!(!cards.is_empty(), "{path} lists programmes");
        for li in &cards {
            assert_eq!(li.attr("class"), Some("own-card"), "{path}");
            assert_eq!(li.attr("data-lang"), Some(lang), "{path}");
        }
        let links = page.select("ul.programme-list > li > a");
        assert_eq!(links.len(), cards.len(), "{path}");
        for a in links {
            let target = a.attr("href").unwrap().trim_start_matches('/');
            assert!(
                out.join(target).join("index.html").is_file(),
                "{path}: {target}"
            );
        }
    }
    std::fs::write(&card, "{{ p.no_such_field.x }}\n").unwrap();
    let o = build(site.path(), &out, &[]);
    assert!(!o.status.success());
    let err = stderr(&o);
    let reported: Vec<_> = err.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(reported.len(), 1, "{err}");
    assert!(
        reported[0].starts_with("content/programs/command-center.en.md: error: rendering with template `partials/programme_card.html` failed"),
        "{err}"
    );
    assert!(err.contains("5 more programme cards"), "{err}");
    std::fs::remove_file(&card).unwrap();
    build_ok(site.path(), &out, &[]);
    assert_eq!(read_tree(&out), before, "the theme's own card again");
}

#[test]
fn a_missing_ui_string_is_an_error_naming_key_and_language() {
    let site = copy_site("basic");
    std::fs::create_dir_all(site.path().join("i18n")).unwrap();
    std::fs::write(site.path().join("i18n/id.toml"), "tombol_baru = \"Baru\"\n").unwrap();
    let o = build(site.path(), &site.path().join("public"), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("UI string `tombol_baru` is missing for language `en`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn two_pages_on_one_url_are_an_error() {
    let site = copy_site("basic");
    std::fs::write(
        site.path().join("content/program.md"),
        "+++\ntitle = \"X\"\n+++\n",
    )
    .unwrap();
    let o = build(site.path(), &site.path().join("public"), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("two pages would be written to /program/"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(terbit(&["build", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(terbit(&["frobnicate"]).status.code(), Some(2));
}

/// Runs `terbit build` with the progress bar asked for from the start.
fn build_with_progress(root: &std::path::Path, on_a_terminal: bool) -> (bool, String) {
    let bin = env!("CARGO_BIN_EXE_terbit");
    let out = root.join("public");
    let mut command = if on_a_terminal {
        // `script` runs the build on a pseudo-terminal and copies what it shows.
        let line = format!(
            "'{bin}' build --root '{}' --output '{}'",
            root.display(),
            out.display()
        );
        let mut c = std::process::Command::new("script");
        c.args(["-qec", &line, "/dev/null"]);
        c
    } else {
        let mut c = std::process::Command::new(bin);
        c.args(["build", "--root", root.to_str().unwrap(), "--output"])
            .arg(&out);
        c
    };
    let o = command.env("TERBIT_PROGRESS", "now").output().unwrap();
    let shown = String::from_utf8_lossy(if on_a_terminal { &o.stdout } else { &o.stderr });
    (o.status.success(), shown.into_owned())
}

#[test]
fn progress_is_drawn_on_a_terminal_only() {
    let site = copy_site("plan");
    // Not a terminal (a CI log, a file): the report only, without a control character.
    let (ok, err) = build_with_progress(site.path(), false);
    assert!(ok, "{err}");
    assert!(
        !err.contains(['\r', '\u{1b}']) && !err.contains("reading the plan"),
        "{err:?}"
    );
    let last = err.lines().last().unwrap();
    assert!(last.starts_with("built 38 pages into "), "{err}");
    // On a terminal: the bar, cleared before the report.
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped the terminal half: no `script` to make a pseudo-terminal");
        return;
    }
    let (ok, shown) = build_with_progress(site.path(), true);
    assert!(ok, "{shown}");
    assert!(
        shown.contains("reading the plan") || shown.contains(" pages "),
        "{shown:?}"
    );
    assert!(
        shown.contains("\u{1b}[2K"),
        "the bar is not cleared: {shown:?}"
    );
    let report = shown.rsplit("\u{1b}[2K").next().unwrap();
    assert!(report.starts_with("built 38 pages into "), "{shown:?}");
}
