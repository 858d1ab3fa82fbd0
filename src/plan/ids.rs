//! The plan's identifiers: the ids authors write (file names, as typed
//! newtypes) and the typed indices of pages and plan items.

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
