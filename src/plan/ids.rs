//! The plan's identifiers: the ids authors write (file names, as typed
//! newtypes), which names can be a new item's id, and the typed indices of
//! pages and plan items.

use serde::Serialize;

use crate::index::index_type;

macro_rules! id_type {
    ($name:ident, $what:literal) => {
        #[doc = concat!("The id of a ", $what, ": its file name without suffixes.")]
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(PillarId, "pillar");
id_type!(ProgrammeId, "programme");
id_type!(StakeholderId, "stakeholder");
id_type!(GroupId, "stakeholder group");
id_type!(EventId, "timeline event");
id_type!(ArticleId, "news article");

/// Whether `id` can name a new plan item: one file name and URL segment,
/// the same on every system: lowercase letters, digits and `-`, starting and
/// ending with a letter or digit. Says why not, naming what is wrong.
pub fn check_new_id(id: &str) -> Result<(), String> {
    let why = if id.is_empty() {
        "the id is empty".to_string()
    } else if id.contains(['/', '\\']) {
        format!("`{id}` contains a path separator: an id is one file name, not a path")
    } else if id.contains("..") {
        format!("`{id}` contains `..`: an id is one file name, not a path")
    } else if id.chars().any(char::is_uppercase) {
        format!("`{id}` has capital letters: an id is written in lowercase")
    } else if id.chars().any(char::is_whitespace) {
        format!("`{id}` contains a space: join the words with -")
    } else if let Some(c) = id
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        format!("`{id}` contains `{c}`, which an id may not contain")
    } else if id.starts_with('-') || id.ends_with('-') {
        format!("`{id}` starts or ends with -")
    } else if id.len() > 80 {
        format!("`{id}` is longer than 80 characters")
    } else if crate::paths::windows_reserved(id) {
        format!("`{id}` is a name Windows reserves for a device")
    } else {
        return Ok(());
    };
    Err(why)
}

index_type!(
    /// A page's place in the page tree ([`super::PageTree::pages`]).
    PageId
);
index_type!(
    /// A pillar's place in [`super::PlanModel::pillars`].
    PillarIx
);
index_type!(
    /// A programme's place in [`super::PlanModel::programmes`].
    ProgrammeIx
);
index_type!(
    /// A stakeholder's place in [`super::PlanModel::stakeholders`].
    StakeholderIx
);
index_type!(
    /// A timeline event's place in [`super::PlanModel::events`].
    EventIx
);
index_type!(
    /// A news article's place in [`super::PlanModel::news`].
    ArticleIx
);

#[cfg(test)]
mod tests {
    use super::check_new_id;

    #[test]
    fn a_new_id_is_one_lowercase_file_name() {
        for ok in ["ruang-kendali", "e-perizinan", "2024", "a"] {
            assert_eq!(check_new_id(ok), Ok(()), "{ok}");
        }
        for (bad, says) in [
            ("", "empty"),
            ("../x", "path separator"),
            ("a/b", "path separator"),
            ("a\\b", "path separator"),
            ("..", "`..`"),
            ("Foo", "capital"),
            ("foo bar", "space"),
            (".hidden", "`.`"),
            ("_index", "`_`"),
            ("foo.en", "`.`"),
            ("-x", "starts or ends"),
            ("café", "`é`"),
            ("con", "Windows"),
        ] {
            let why = check_new_id(bad).unwrap_err();
            assert!(why.contains(says), "{bad:?}: {why}");
        }
    }
}
