//! Publishing from version control: the CI definitions `terbit init` writes
//! are valid YAML with the jobs and steps GitHub Pages and GitLab Pages
//! need, they run the very commands the README shows, and the site beside
//! them still builds and passes `check` (the dot-folders are not content).

mod common;

use std::path::Path;

use common::*;
use serde_norway::Value;
use terbit::init::publish::{GITHUB_PATH, GITLAB_PATH, TERBIT_GIT};

/// A new site made by `terbit init`, in a folder of its own.
fn new_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("kota");
    let o = terbit(&["init", site.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    (dir, site)
}

fn yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_norway::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The command lines of a `run:` or `script:` text: one per line, without
/// blank lines and comments.
fn command_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

/// The command blocks (```sh) of the README's "Publishing from version control".
fn readme_commands() -> Vec<Vec<String>> {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let start = readme
        .find("### Publishing from version control")
        .expect("README has a \"Publishing from version control\" section");
    let section = &readme[start..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
    section
        .split("```sh\n")
        .skip(1)
        .map(|block| command_lines(block.split("```").next().unwrap()))
        .collect()
}

/// The step that uses the action `uses` (its name up to the version).
fn step<'a>(steps: &'a [Value], uses: &str) -> &'a Value {
    steps
        .iter()
        .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with(uses)))
        .unwrap_or_else(|| panic!("no step uses {uses}"))
}

fn str_of<'a>(v: &'a Value, what: &str) -> &'a str {
    v.as_str()
        .unwrap_or_else(|| panic!("{what} is not a string: {v:?}"))
}

#[test]
fn the_github_workflow_publishes_with_the_readme_commands() {
    let (_dir, site) = new_site();
    let w = yaml(&site.join(GITHUB_PATH));
    assert_eq!(
        w["on"]["push"]["branches"],
        serde_norway::from_str::<Value>("[main]").unwrap()
    );
    assert_eq!(str_of(&w["permissions"]["pages"], "pages"), "write");
    assert_eq!(str_of(&w["permissions"]["id-token"], "id-token"), "write");
    assert_eq!(str_of(&w["env"]["TERBIT_GIT"], "TERBIT_GIT"), TERBIT_GIT);

    let steps = w["jobs"]["build"]["steps"].as_sequence().unwrap();
    for action in ["actions/checkout@", "actions/cache@"] {
        step(steps, action);
    }
    assert_eq!(
        step(steps, "actions/checkout@")["with"]["fetch-depth"].as_u64(),
        Some(0)
    );
    let upload = step(steps, "actions/upload-pages-artifact@");
    assert_eq!(str_of(&upload["with"]["path"], "path"), "public");
    // The base URL is the one the configure-pages step (id: pages) gives.
    assert_eq!(
        step(steps, "actions/configure-pages@")["id"].as_str(),
        Some("pages")
    );

    let deploy = &w["jobs"]["deploy"];
    assert_eq!(str_of(&deploy["needs"], "needs"), "build");
    assert_eq!(
        str_of(&deploy["environment"]["name"], "environment"),
        "github-pages"
    );
    step(
        deploy["steps"].as_sequence().unwrap(),
        "actions/deploy-pages@",
    );

    let runs: Vec<String> = steps
        .iter()
        .filter_map(|s| s["run"].as_str())
        .flat_map(command_lines)
        .collect();
    assert_eq!(
        runs,
        readme_commands()[0],
        "the workflow's commands and the README's differ"
    );
    assert!(runs.contains(&"terbit check".to_string()));
}

#[test]
fn the_gitlab_job_publishes_with_the_readme_commands() {
    let (_dir, site) = new_site();
    let ci = yaml(&site.join(GITLAB_PATH));
    let pages = &ci["pages"];
    assert!(str_of(&pages["image"], "image").starts_with("rust:"));
    assert_eq!(
        str_of(&pages["variables"]["TERBIT_GIT"], "TERBIT_GIT"),
        TERBIT_GIT
    );
    assert_eq!(
        pages["artifacts"]["paths"],
        serde_norway::from_str::<Value>("[public]").unwrap()
    );
    let rule = str_of(&pages["rules"][0]["if"], "rules");
    assert_eq!(rule, "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH");
    let cached: Vec<&str> = (pages["cache"].as_sequence().unwrap().iter())
        .flat_map(|c| c["paths"].as_sequence().unwrap().iter())
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(cached, [".terbit-install/", ".terbit-cache/"]);
    assert_eq!(
        str_of(
            &pages["variables"]["CARGO_INSTALL_ROOT"],
            "CARGO_INSTALL_ROOT"
        ),
        "$CI_PROJECT_DIR/.terbit-install"
    );

    let script: Vec<String> = (pages["script"].as_sequence().unwrap().iter())
        .map(|line| str_of(line, "script line").to_string())
        .collect();
    assert_eq!(
        script,
        readme_commands()[1],
        "the job's commands and the README's differ"
    );
}

#[test]
fn the_readme_names_the_address_terbit_is_installed_from() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    assert!(readme.contains(&format!("`{TERBIT_GIT}`")));
    assert_eq!(readme_commands().len(), 2);
}

#[test]
fn a_new_site_with_its_ci_files_builds_and_passes_check() {
    let (_dir, site) = new_site();
    assert!(site.join(GITHUB_PATH).is_file() && site.join(GITLAB_PATH).is_file());
    let o = terbit(&["check", "--root", site.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    let out = site.join("public");
    build_ok(&site, &out, &[]);
    let published = read_tree(&out);
    assert!(
        published
            .keys()
            .all(|p| !p.contains(".github") && !p.contains("gitlab") && !p.ends_with(".yml")),
        "a CI file was published"
    );
}
