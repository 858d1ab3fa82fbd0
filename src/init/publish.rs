//! The CI definitions `terbit init` writes beside the site, so that the plan
//! is checked, built and published from version control: a GitHub Actions
//! workflow for GitHub Pages and a `.gitlab-ci.yml` for GitLab Pages.
//!
//! Both install terbit from [`TERBIT_GIT`] with `cargo install`, run
//! `terbit check`, then `terbit build` with the base URL the host gives.
//! The README's "Publishing from version control" shows the same commands
//! (a test compares them).

/// Where the CI definitions install terbit from: the address of terbit's git
/// repository. terbit has no public address yet, so this is a placeholder
/// that the files tell their reader to replace; `init` writes it into the
/// `TERBIT_GIT` variable at the top of each file.
pub const TERBIT_GIT: &str = "https://example.org/terbit.git";

/// GitHub Actions' workflow, under the site root.
pub const GITHUB_PATH: &str = ".github/workflows/publish.yml";

/// GitLab CI's definition, under the site root.
pub const GITLAB_PATH: &str = ".gitlab-ci.yml";

/// Where the address goes in the files as they are kept in terbit's source.
const ADDRESS_MARK: &str = "@TERBIT_GIT@";

/// The CI definitions, by path under the site root.
pub fn files() -> Vec<(String, String)> {
    [
        (GITHUB_PATH, include_str!("github-pages.yml")),
        (GITLAB_PATH, include_str!("gitlab-pages.yml")),
    ]
    .into_iter()
    .map(|(path, text)| (path.to_string(), text.replace(ADDRESS_MARK, TERBIT_GIT)))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_gets_the_address() {
        for (path, text) in files() {
            assert!(!text.contains(ADDRESS_MARK), "{path}");
            assert_eq!(
                text.matches(&format!("TERBIT_GIT: \"{TERBIT_GIT}\""))
                    .count(),
                1,
                "{path}"
            );
        }
    }
}
