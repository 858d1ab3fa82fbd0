//! When each content file last changed, from the site's git history.
//!
//! Read once per build with a single `git log`, never per file. A site that
//! is not a git repository (or a machine without git) simply has no history;
//! pages then fall back to their `updated` date.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::table::Date;

/// The date of the last commit that touched each file.
#[derive(Debug, Default, Clone)]
pub struct History {
    /// By path relative to the site root.
    last_change: HashMap<PathBuf, Date>,
}

impl History {
    /// Reads the history of the files under `root` (empty when there is none).
    pub fn read(root: &Path) -> History {
        let output = Command::new("git")
            .arg("-C")
            .arg(root)
            .args([
                "log",
                "--format=%x00%cs",
                "--name-only",
                "--no-renames",
                "--relative",
                "--",
                ".",
            ])
            .output();
        match output {
            Ok(out) if out.status.success() => {
                History::parse(&String::from_utf8_lossy(&out.stdout))
            }
            _ => History::default(),
        }
    }

    /// Parses `git log --format=%x00%cs --name-only` output (newest first).
    fn parse(log: &str) -> History {
        let mut last_change = HashMap::new();
        for commit in log.split('\0').filter(|c| !c.trim().is_empty()) {
            let mut lines = commit.lines();
            let Some(date) = lines.next().and_then(|d| Date::parse(d.trim())) else {
                continue;
            };
            for file in lines.map(str::trim).filter(|l| !l.is_empty()) {
                // Newest first: the first date seen for a file is its last change.
                last_change.entry(PathBuf::from(file)).or_insert(date);
            }
        }
        History { last_change }
    }

    pub fn last_change(&self, file: &Path) -> Option<Date> {
        self.last_change.get(file).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.last_change.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_commit_wins() {
        let log =
            "\u{0}2024-05-02\n\ncontent/a.md\n\u{0}2024-01-10\n\ncontent/a.md\ncontent/b.en.md\n";
        let h = History::parse(log);
        assert_eq!(
            h.last_change(Path::new("content/a.md")).map(|d| d.iso()),
            Some("2024-05-02".into())
        );
        assert_eq!(
            h.last_change(Path::new("content/b.en.md")).map(|d| d.iso()),
            Some("2024-01-10".into())
        );
        assert_eq!(h.last_change(Path::new("content/c.md")), None);
    }
}
