//! `terbit new KIND ID`: a plan item to fill in, written in every language
//! into a real site, that builds and passes `check` as it is, marked as an
//! example; unsafe and taken ids refused.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::*;
use terbit::plan::schema::Kind;

/// (command word, kind, where `init`'s site publishes its folder in
/// Indonesian, and in English)
const KINDS: [(&str, Kind, &str, &str); 5] = [
    ("pillar", Kind::Pillar, "pilar", "en/pillars"),
    ("programme", Kind::Programme, "program", "en/programmes"),
    (
        "stakeholder",
        Kind::Stakeholder,
        "pemangku-kepentingan",
        "en/stakeholders",
    ),
    ("event", Kind::Event, "linimasa", "en/timeline"),
    ("news", Kind::Article, "berita", "en/news"),
];

/// A site made by `terbit init`, in a folder of its own.
fn init_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("kota");
    let o = terbit(&["init", site.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    (dir, site)
}

/// A copy of the Gorontalo example at the repository root.
fn example_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for folder in ["content", "themes"] {
        copy_dir(&repo().join(folder), &dir.path().join(folder));
    }
    std::fs::copy(repo().join("terbit.toml"), dir.path().join("terbit.toml")).unwrap();
    dir
}

fn new(site: &Path, args: &[&str]) -> Output {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--root", site.to_str().unwrap()]);
    terbit(&all)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The front matter of a content file, parsed.
fn front_matter(path: &Path) -> toml::Table {
    let text = std::fs::read_to_string(path).unwrap();
    let front = text.split("+++\n").nth(1).unwrap();
    toml::from_str(front).unwrap_or_else(|e| panic!("{}: {e}\n{text}", path.display()))
}

/// The keys a file shows commented out: `# status = "planned"`, `# [[budget]]`.
fn commented_keys(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let front = text.split("+++\n").nth(1).unwrap();
    front
        .lines()
        .filter_map(|l| l.strip_prefix("# "))
        .filter_map(|l| {
            if let Some(table) = l.strip_prefix("[[") {
                return Some(table.trim_end_matches("]]").to_string());
            }
            let (key, _) = l.split_once(" = ")?;
            (!key.contains(' ')).then(|| key.to_string())
        })
        .collect()
}

/// The names of the kind's facts (and of its rows' facts), which only the
/// default-language file may hold.
fn fact_names(kind: Kind) -> Vec<&'static str> {
    let schema = terbit::plan::schema::PAGE.iter().chain(kind.schema().keys);
    let texts: Vec<&str> = schema
        .clone()
        .flat_map(|k| std::iter::once(k).chain(k.row_keys()))
        .filter(|k| !k.is_fact())
        .map(|k| k.name)
        .collect();
    schema
        .flat_map(|k| std::iter::once(k).chain(k.row_keys()))
        .filter(|k| k.is_fact() && !texts.contains(&k.name))
        .map(|k| k.name)
        .collect()
}

/// `check --format json` exits 0 and reports no error.
fn check_ok(site: &Path) {
    let o = terbit(&[
        "check",
        "--root",
        site.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["errors"], serde_json::json!([]), "{report:#}");
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn every_kind_builds_and_passes_check_as_an_example() {
    for (word, kind, published, english_folder) in KINDS {
        let (_dir, site) = init_site();
        let o = new(&site, &[word, "baru"]);
        assert!(o.status.success(), "{word}: {}", stderr(&o));
        let folder = site.join("content").join(kind.folder());
        let (facts, english) = (folder.join("baru.md"), folder.join("baru.en.md"));
        let said = stdout(&o);
        for file in [&facts, &english] {
            assert!(
                said.contains(&format!("wrote {}", file.display())),
                "{said}"
            );
        }
        assert!(said.contains("terbit serve --root"), "{said}");

        // Every required key filled in; the item an example until filled in.
        let table = front_matter(&facts);
        assert_eq!(table["title"].as_str(), Some("TODO: Baru"), "{word}");
        assert_eq!(table["illustrative"].as_bool(), Some(true), "{word}");
        for key in kind.schema().keys.iter().filter(|k| k.required) {
            assert!(table.contains_key(key.name), "{word}: no `{}`", key.name);
        }
        // The English file: its title, and no fact, set or commented out.
        let translation = front_matter(&english);
        assert_eq!(translation.keys().collect::<Vec<_>>(), ["title"], "{word}");
        let facts_named = fact_names(kind);
        for key in commented_keys(&english) {
            assert!(!facts_named.contains(&key.as_str()), "{word}: `{key}`");
        }
        assert!(commented_keys(&facts).contains(&"sources".to_string()));

        let out = site.join("public");
        build_ok(&site, &out, &[]);
        check_ok(&site);
        let page = Html::load(&out.join(published).join("baru/index.html"));
        assert!(page.one("h1").text.contains("TODO: Baru"), "{word}");
        assert!(
            page.one(".notice-illustrative").text.contains("Contoh"),
            "{word}"
        );
        let page = Html::load(&out.join(english_folder).join("baru/index.html"));
        assert!(page.one(".notice-illustrative").text.contains("Example"));
    }
}

#[test]
fn a_programme_refers_to_a_pillar_and_a_lead_of_the_site() {
    let (_dir, site) = init_site();
    let o = new(&site, &["program", "ruang-kendali"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let said = stdout(&o);
    assert!(
        said.contains("pillar = \"smart-governance\" (others: smart-branding, smart-economy, smart-living, smart-society, smart-environment)"),
        "{said}"
    );
    assert!(said.contains("lead = \"diskominfo\""), "{said}");
    let table = front_matter(&site.join("content/programs/ruang-kendali.md"));
    assert_eq!(table["pillar"].as_str(), Some("smart-governance"));
    assert_eq!(table["lead"].as_str(), Some("diskominfo"));
    assert_eq!(table["status"].as_str(), Some("planned"));
    assert!(table["start"].is_integer());
    let text = std::fs::read_to_string(site.join("content/programs/ruang-kendali.md")).unwrap();
    assert!(
        text.contains("One of planned, ongoing, done, paused."),
        "{text}"
    );
    assert!(text.contains("# [[budget]]\n# year = "), "{text}");
    assert!(
        text.contains("one of APBD, APBN, CSR, KPBU, other"),
        "{text}"
    );
}

#[test]
fn a_programme_is_added_to_the_gorontalo_example() {
    let site = example_site();
    let o = new(site.path(), &["programme", "ruang-kendali"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let said = stdout(&o);
    // The first pillar by weight, and the office that leads most programmes.
    assert!(
        said.contains("pillar = \"smart-governance\" (others: smart-branding, "),
        "{said}"
    );
    assert!(
        said.contains("lead = \"diskominfo\" (others: bappeda, "),
        "{said}"
    );
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    check_ok(site.path());
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("data/plan.json")).unwrap())
            .unwrap();
    let added = json["programmes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "ruang-kendali")
        .unwrap();
    assert_eq!(added["illustrative"], true);
    assert_eq!(added["lead"], "diskominfo");
}

#[test]
fn unsafe_ids_are_refused_and_nothing_is_written() {
    let (_dir, site) = init_site();
    let before = read_tree(&site);
    for id in ["../x", "Foo Bar", "a/b", "", ".hidden", "x.en", "_index"] {
        let o = new(&site, &["programme", id]);
        assert_eq!(o.status.code(), Some(1), "{id:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains("content/programs"), "{id:?}: {err}");
        assert!(err.contains("not an id for a programme"), "{id:?}: {err}");
        assert!(
            err.contains("lowercase letters, digits and -"),
            "{id:?}: {err}"
        );
        if !id.is_empty() {
            assert!(err.contains(&format!("`{id}`")), "{id:?}: {err}");
        }
    }
    assert_eq!(read_tree(&site), before);
    assert!(!site.parent().unwrap().join("x.md").exists());
}

#[test]
fn a_taken_id_is_refused_in_any_language() {
    let (_dir, site) = init_site();
    let before = read_tree(&site);
    let o = new(&site, &["programme", "satu-data"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("content/programs/satu-data.md"), "{err}");
    assert!(err.contains("already exists"), "{err}");
    assert!(err.contains("choose another id"), "{err}");
    assert_eq!(read_tree(&site), before);

    // Only its English file exists: still taken.
    let english = site.join("content/news/kabar.en.md");
    std::fs::write(&english, "+++\ntitle = \"News\"\ndate = 2024-01-01\n+++\n").unwrap();
    let o = new(&site, &["news", "kabar"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("content/news/kabar.en.md"),
        "{}",
        stderr(&o)
    );
    assert!(!site.join("content/news/kabar.md").exists());
}

#[test]
fn new_alone_lists_every_kind() {
    let o = terbit(&["new"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let said = stdout(&o);
    for (word, kind, _, _) in KINDS {
        let line = said
            .lines()
            .find(|l| l.trim_start().starts_with(word))
            .unwrap_or_else(|| panic!("{word} is not listed:\n{said}"));
        assert!(line.contains(kind.schema().about), "{line}");
    }
    assert!(
        said.contains("terbit new programme ruang-kendali"),
        "{said}"
    );
}

#[test]
fn an_unknown_kind_or_a_missing_id_is_a_usage_error() {
    let (_dir, site) = init_site();
    let o = new(&site, &["projek", "x"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("`projek` is not a kind"), "{err}");
    for (word, _, _, _) in KINDS {
        assert!(err.contains(word), "{err}");
    }
    let o = new(&site, &["programme"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("terbit new programme ruang-kendali"));
}

#[test]
fn a_programme_needs_a_pillar_to_refer_to() {
    let (_dir, site) = init_site();
    for entry in std::fs::read_dir(site.join("content/pillars")).unwrap() {
        let path = entry.unwrap().path();
        if !path
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("_index")
        {
            std::fs::remove_file(path).unwrap();
        }
    }
    let o = new(&site, &["programme", "baru"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("content/pillars"), "{err}");
    assert!(err.contains("terbit new pillar"), "{err}");
    assert!(!site.join("content/programs/baru.md").exists());
}
