//! The plan's own vocabulary: pillars, programmes, stakeholders, groups,
//! timeline events and news, with typed ids.
//!
//! Facts (ids, statuses, years, amounts) are one value for the whole plan;
//! text (titles, summaries, goals, roles, names) is per language and looked up
//! with [`Texts::get`], which falls back to the default language.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::config::Lang;
use crate::load::fields::YearOrDate;
use crate::load::toml_tree::Date;

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

/// Per-language values, with the default language as fallback.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct Texts<T> {
    pub by_lang: BTreeMap<Lang, T>,
    #[serde(skip)]
    pub default: Option<Lang>,
}

impl<T> Default for Texts<T> {
    fn default() -> Self {
        Texts {
            by_lang: BTreeMap::new(),
            default: None,
        }
    }
}

impl<T> Texts<T> {
    /// The value in `lang`, else in the default language, else any.
    pub fn get(&self, lang: &Lang) -> Option<&T> {
        self.by_lang
            .get(lang)
            .or_else(|| self.default.as_ref().and_then(|d| self.by_lang.get(d)))
            .or_else(|| self.by_lang.values().next())
    }

    /// The language the value for `lang` is actually written in.
    pub fn lang_of<'a>(&'a self, lang: &'a Lang) -> Option<&'a Lang> {
        if self.by_lang.contains_key(lang) {
            Some(lang)
        } else {
            self.default
                .as_ref()
                .filter(|d| self.by_lang.contains_key(*d))
                .or_else(|| self.by_lang.keys().next())
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Planned,
    Ongoing,
    Done,
    Paused,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Planned,
        Status::Ongoing,
        Status::Done,
        Status::Paused,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::Ongoing => "ongoing",
            Status::Done => "done",
            Status::Paused => "paused",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum FundingSource {
    #[serde(rename = "APBD")]
    Apbd,
    #[serde(rename = "APBN")]
    Apbn,
    #[serde(rename = "CSR")]
    Csr,
    #[serde(rename = "KPBU")]
    Kpbu,
    #[serde(rename = "other")]
    Other,
}

impl FundingSource {
    pub const ALL: [FundingSource; 5] = [
        FundingSource::Apbd,
        FundingSource::Apbn,
        FundingSource::Csr,
        FundingSource::Kpbu,
        FundingSource::Other,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            FundingSource::Apbd => "APBD",
            FundingSource::Apbn => "APBN",
            FundingSource::Csr => "CSR",
            FundingSource::Kpbu => "KPBU",
            FundingSource::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<FundingSource> {
        FundingSource::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StakeholderKind {
    Person,
    Organization,
}

/// A key performance indicator of a pillar.
#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    pub name: Texts<String>,
    pub unit: String,
    pub baseline: Option<f64>,
    pub baseline_year: Option<i32>,
    pub target: Option<f64>,
    pub target_year: Option<i32>,
}

#[derive(Debug, Clone)]
pub struct Pillar {
    pub id: PillarId,
    /// Index of its page in the page tree.
    pub page: usize,
    pub weight: i64,
    pub summary: Texts<String>,
    pub goals: Texts<Vec<String>>,
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BudgetLine {
    pub year: i32,
    pub amount: i64,
    pub source: FundingSource,
}

#[derive(Debug, Clone, Serialize)]
pub struct Milestone {
    pub date: Date,
    pub title: Texts<String>,
    pub done: bool,
}

#[derive(Debug, Clone)]
pub struct Programme {
    pub id: ProgrammeId,
    pub page: usize,
    pub pillar: PillarId,
    pub status: Status,
    pub quick_win: bool,
    pub start: YearOrDate,
    pub end: Option<YearOrDate>,
    pub lead: StakeholderId,
    pub partners: Vec<StakeholderId>,
    pub budget: Vec<BudgetLine>,
    pub milestones: Vec<Milestone>,
}

impl Programme {
    pub fn budget_total(&self) -> i64 {
        self.budget.iter().map(|b| b.amount).sum()
    }

    pub fn end_year(&self) -> i32 {
        self.end.map_or(self.start.year(), |e| e.year())
    }
}

#[derive(Debug, Clone)]
pub struct Group {
    pub id: GroupId,
    pub name: Texts<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Contact {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub address: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Stakeholder {
    pub id: StakeholderId,
    pub page: usize,
    pub kind: StakeholderKind,
    pub role: Texts<String>,
    pub organization: Option<StakeholderId>,
    pub groups: Vec<GroupId>,
    pub contact: Contact,
}

#[derive(Debug, Clone)]
pub struct TimelineEvent {
    pub id: EventId,
    pub page: usize,
    pub date: Date,
    pub pillars: Vec<PillarId>,
    pub stakeholders: Vec<StakeholderId>,
}

#[derive(Debug, Clone)]
pub struct NewsArticle {
    pub id: ArticleId,
    pub page: usize,
    pub date: Date,
}

/// The whole plan, cross-checked: every id in it refers to an item that exists.
#[derive(Debug, Default)]
pub struct PlanModel {
    /// By weight, then id.
    pub pillars: Vec<Pillar>,
    /// By pillar order, then start, then id.
    pub programmes: Vec<Programme>,
    pub groups: Vec<Group>,
    /// By id.
    pub stakeholders: Vec<Stakeholder>,
    /// By date, then id.
    pub events: Vec<TimelineEvent>,
    /// Newest first.
    pub news: Vec<NewsArticle>,
    /// Who refers to whom, built once by [`PlanModel::build_index`].
    pub index: PlanIndex,
}

/// Where a page's plan item is in [`PlanModel`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemRef {
    Pillar(usize),
    Programme(usize),
    Stakeholder(usize),
    Event(usize),
    Article(usize),
}

/// Reverse references, so that no page has to search the whole plan.
/// Values are indexes into the [`PlanModel`] vectors, in their order.
#[derive(Debug, Default)]
pub struct PlanIndex {
    pub programmes_of_pillar: HashMap<PillarId, Vec<usize>>,
    pub led_by: HashMap<StakeholderId, Vec<usize>>,
    pub partnered_by: HashMap<StakeholderId, Vec<usize>>,
    pub events_of_stakeholder: HashMap<StakeholderId, Vec<usize>>,
    pub events_of_pillar: HashMap<PillarId, Vec<usize>>,
    /// People whose `organization` is the key.
    pub members_of: HashMap<StakeholderId, Vec<usize>>,
    pub item_of_page: HashMap<usize, ItemRef>,
}

impl PlanModel {
    pub fn pillar(&self, id: &PillarId) -> Option<&Pillar> {
        self.pillars.iter().find(|p| &p.id == id)
    }

    pub fn stakeholder(&self, id: &StakeholderId) -> Option<&Stakeholder> {
        self.stakeholders
            .binary_search_by(|s| s.id.cmp(id))
            .ok()
            .map(|i| &self.stakeholders[i])
    }

    pub fn build_index(&mut self) {
        let mut ix = PlanIndex::default();
        for (i, p) in self.pillars.iter().enumerate() {
            ix.item_of_page.insert(p.page, ItemRef::Pillar(i));
        }
        for (i, p) in self.programmes.iter().enumerate() {
            ix.item_of_page.insert(p.page, ItemRef::Programme(i));
            ix.programmes_of_pillar
                .entry(p.pillar.clone())
                .or_default()
                .push(i);
            ix.led_by.entry(p.lead.clone()).or_default().push(i);
            for partner in &p.partners {
                ix.partnered_by.entry(partner.clone()).or_default().push(i);
            }
        }
        for (i, s) in self.stakeholders.iter().enumerate() {
            ix.item_of_page.insert(s.page, ItemRef::Stakeholder(i));
            if let Some(org) = &s.organization {
                ix.members_of.entry(org.clone()).or_default().push(i);
            }
        }
        for (i, e) in self.events.iter().enumerate() {
            ix.item_of_page.insert(e.page, ItemRef::Event(i));
            for s in &e.stakeholders {
                ix.events_of_stakeholder
                    .entry(s.clone())
                    .or_default()
                    .push(i);
            }
            for p in &e.pillars {
                ix.events_of_pillar.entry(p.clone()).or_default().push(i);
            }
        }
        for (i, a) in self.news.iter().enumerate() {
            ix.item_of_page.insert(a.page, ItemRef::Article(i));
        }
        self.index = ix;
    }

    /// Pages of the plan items that `page`'s item refers to or is referred to by:
    /// the pages that list it, and the pages it lists.
    pub fn related_pages(&self, page: usize) -> Vec<usize> {
        let ix = &self.index;
        let stakeholder_page = |id: &StakeholderId| self.stakeholder(id).map(|s| s.page);
        let pillar_page = |id: &PillarId| self.pillar(id).map(|p| p.page);
        let mut out = Vec::new();
        match ix.item_of_page.get(&page) {
            Some(ItemRef::Programme(i)) => {
                let p = &self.programmes[*i];
                out.extend(pillar_page(&p.pillar));
                out.extend(stakeholder_page(&p.lead));
                out.extend(p.partners.iter().filter_map(stakeholder_page));
            }
            Some(ItemRef::Pillar(i)) => {
                let id = &self.pillars[*i].id;
                out.extend(
                    ix.programmes_of_pillar
                        .get(id)
                        .into_iter()
                        .flatten()
                        .map(|&p| self.programmes[p].page),
                );
                out.extend(
                    ix.events_of_pillar
                        .get(id)
                        .into_iter()
                        .flatten()
                        .map(|&e| self.events[e].page),
                );
            }
            Some(ItemRef::Stakeholder(i)) => {
                let s = &self.stakeholders[*i];
                out.extend(s.organization.as_ref().and_then(stakeholder_page));
                for m in [&ix.led_by, &ix.partnered_by] {
                    out.extend(
                        m.get(&s.id)
                            .into_iter()
                            .flatten()
                            .map(|&p| self.programmes[p].page),
                    );
                }
                out.extend(
                    ix.events_of_stakeholder
                        .get(&s.id)
                        .into_iter()
                        .flatten()
                        .map(|&e| self.events[e].page),
                );
                out.extend(
                    ix.members_of
                        .get(&s.id)
                        .into_iter()
                        .flatten()
                        .map(|&m| self.stakeholders[m].page),
                );
            }
            Some(ItemRef::Event(i)) => {
                let e = &self.events[*i];
                out.extend(e.pillars.iter().filter_map(pillar_page));
                out.extend(e.stakeholders.iter().filter_map(stakeholder_page));
            }
            Some(ItemRef::Article(_)) | None => {}
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.pillars.is_empty() && self.programmes.is_empty() && self.stakeholders.is_empty()
    }
}
