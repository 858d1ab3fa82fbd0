//! The plan's own vocabulary: pillars, programmes, stakeholders, groups,
//! timeline events and news, with typed ids.
//!
//! Facts (ids, statuses, years, amounts) are one value for the whole plan;
//! text (titles, summaries, goals, roles, names) is per language and looked up
//! with [`Localized::get`], which falls back to the default language.
//!
//! Items serialize as open data publishes them (`data/plan.json`): a field
//! added to an item is published without another edit.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

pub use super::ids::*;
use crate::config::Lang;
use crate::index::TiVec;
use crate::load::Reference;
use crate::table::Date;

/// Per-language values, with the default language as fallback.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct Localized<T> {
    pub by_lang: BTreeMap<Lang, T>,
    #[serde(skip)]
    pub default: Option<Lang>,
}

impl<T> Default for Localized<T> {
    fn default() -> Self {
        Localized {
            by_lang: BTreeMap::new(),
            default: None,
        }
    }
}

impl<T> Localized<T> {
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

/// The names of an enumeration's values, in the order of its `ALL`.
macro_rules! names_of {
    ($t:ty, $n:expr) => {{
        let mut out = [""; $n];
        let mut i = 0;
        while i < $n {
            out[i] = <$t>::ALL[i].as_str();
            i += 1;
        }
        out
    }};
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

    /// What authors write: `planned`, `ongoing`, `done`, `paused`.
    pub const NAMES: [&'static str; 4] = names_of!(Status, 4);

    pub const fn as_str(&self) -> &'static str {
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

    /// What authors write: `APBD`, `APBN`, `CSR`, `KPBU`, `other`.
    pub const NAMES: [&'static str; 5] = names_of!(FundingSource, 5);

    pub const fn as_str(&self) -> &'static str {
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

impl StakeholderKind {
    pub const ALL: [StakeholderKind; 2] = [StakeholderKind::Person, StakeholderKind::Organization];

    /// What authors write: `person`, `organization`.
    pub const NAMES: [&'static str; 2] = names_of!(StakeholderKind, 2);

    pub const fn as_str(&self) -> &'static str {
        match self {
            StakeholderKind::Person => "person",
            StakeholderKind::Organization => "organization",
        }
    }
}

/// A key performance indicator of a pillar.
#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    pub name: Localized<String>,
    pub unit: String,
    pub baseline: Option<f64>,
    pub baseline_year: Option<i32>,
    pub target: Option<f64>,
    pub target_year: Option<i32>,
    /// The id of the page's source the figures come from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Pillar {
    #[serde(skip)]
    pub id: PillarId,
    /// Its page in the page tree.
    #[serde(skip)]
    pub page: PageId,
    /// An example of what the plan could hold, not a decision.
    pub illustrative: bool,
    /// Where its facts come from.
    pub sources: Vec<Reference>,
    pub weight: i64,
    pub summary: Localized<String>,
    pub goals: Localized<Vec<String>>,
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BudgetLine {
    pub year: i32,
    pub amount: i64,
    pub source: FundingSource,
    /// The id of the page's source the amount comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cite: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Milestone {
    pub date: Date,
    pub done: bool,
    /// Not done, and its date (the whole of it: a month, a year) is past.
    pub overdue: bool,
    pub title: Localized<String>,
    /// The id of the page's source that sets the milestone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The line of its date in the programme's file.
    #[serde(skip)]
    pub line: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Programme {
    #[serde(skip)]
    pub id: ProgrammeId,
    #[serde(skip)]
    pub page: PageId,
    /// An example of what the plan could hold, not a decision.
    pub illustrative: bool,
    /// Where its facts come from.
    pub sources: Vec<Reference>,
    pub pillar: PillarId,
    pub status: Status,
    pub quick_win: bool,
    /// Published as its year.
    #[serde(serialize_with = "year_of")]
    pub start: Date,
    /// `start` when the file gives no end; published as its year.
    #[serde(serialize_with = "year_of")]
    pub end: Date,
    pub lead: StakeholderId,
    pub partners: Vec<StakeholderId>,
    pub budget: Vec<BudgetLine>,
    /// The sum of `budget`.
    pub budget_total: i64,
    pub milestones: Vec<Milestone>,
}

impl Programme {
    pub fn end_year(&self) -> i32 {
        self.end.year
    }
}

fn year_of<S: serde::Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_i32(d.year)
}

#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub id: GroupId,
    pub name: Localized<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Contact {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub address: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Stakeholder {
    #[serde(skip)]
    pub id: StakeholderId,
    #[serde(skip)]
    pub page: PageId,
    /// An example of what the plan could hold, not a decision.
    pub illustrative: bool,
    /// Where its facts come from.
    pub sources: Vec<Reference>,
    pub kind: StakeholderKind,
    pub role: Localized<String>,
    pub organization: Option<StakeholderId>,
    pub groups: Vec<GroupId>,
    #[serde(flatten)]
    pub contact: Contact,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimelineEvent {
    #[serde(skip)]
    pub id: EventId,
    #[serde(skip)]
    pub page: PageId,
    /// An example of what the plan could hold, not a decision.
    pub illustrative: bool,
    /// Where its facts come from.
    pub sources: Vec<Reference>,
    pub date: Date,
    /// The event happened by `date`, on a day the record does not give.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub before: bool,
    pub pillars: Vec<PillarId>,
    pub stakeholders: Vec<StakeholderId>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewsArticle {
    #[serde(skip)]
    pub id: ArticleId,
    #[serde(skip)]
    pub page: PageId,
    /// An example of what the plan could hold, not a decision.
    pub illustrative: bool,
    /// Where its facts come from.
    pub sources: Vec<Reference>,
    pub date: Date,
}

/// The whole plan, cross-checked: every id in it refers to an item that exists.
#[derive(Debug, Default)]
pub struct PlanModel {
    /// By weight, then id.
    pub pillars: TiVec<PillarIx, Pillar>,
    /// By pillar order, then start, then id.
    pub programmes: TiVec<ProgrammeIx, Programme>,
    pub groups: Vec<Group>,
    /// By id.
    pub stakeholders: TiVec<StakeholderIx, Stakeholder>,
    /// By date, then id.
    pub events: TiVec<EventIx, TimelineEvent>,
    /// Newest first.
    pub news: TiVec<ArticleIx, NewsArticle>,
    /// Who refers to whom, built once by [`PlanModel::build_index`].
    pub index: PlanIndex,
}

/// Reverse references, so that no page has to search the whole plan.
/// Lists are in the order of the [`PlanModel`] vectors.
#[derive(Debug, Default)]
pub struct PlanIndex {
    programmes_of_pillar: HashMap<PillarId, Vec<ProgrammeIx>>,
    led_by: HashMap<StakeholderId, Vec<ProgrammeIx>>,
    partnered_by: HashMap<StakeholderId, Vec<ProgrammeIx>>,
    events_of_stakeholder: HashMap<StakeholderId, Vec<EventIx>>,
    events_of_pillar: HashMap<PillarId, Vec<EventIx>>,
    /// People whose `organization` is the key.
    members_of: HashMap<StakeholderId, Vec<StakeholderIx>>,
}

fn listed<'a, K: std::hash::Hash + Eq, V>(map: &'a HashMap<K, Vec<V>>, key: &K) -> &'a [V] {
    map.get(key).map_or(&[], Vec::as_slice)
}

impl PlanModel {
    pub fn pillar(&self, id: &PillarId) -> Option<&Pillar> {
        self.pillars.iter().find(|p| &p.id == id)
    }

    pub fn stakeholder(&self, id: &StakeholderId) -> Option<&Stakeholder> {
        self.stakeholder_ix(id).map(|i| &self.stakeholders[i])
    }

    /// Stakeholders are sorted by id.
    pub fn stakeholder_ix(&self, id: &StakeholderId) -> Option<StakeholderIx> {
        self.stakeholders
            .raw
            .binary_search_by(|s| s.id.cmp(id))
            .ok()
            .map(StakeholderIx::from)
    }

    /// The years of the timeline, each with its number of entries (events
    /// and milestones), when there are so many that the timeline is one page
    /// per year; else none. By measurement: 6,600 entries made one page of
    /// 49 kB gzipped, 1,500 make about 12 kB.
    pub fn timeline_years_apart(&self) -> Vec<(i32, usize)> {
        const ONE_PAGE_UP_TO: usize = 1500;
        let mut years: std::collections::BTreeMap<i32, usize> = std::collections::BTreeMap::new();
        let dates = self.events.iter().map(|e| e.date.year);
        let milestones = self
            .programmes
            .iter()
            .flat_map(|p| p.milestones.iter().map(|m| m.date.year));
        for year in dates.chain(milestones) {
            *years.entry(year).or_default() += 1;
        }
        if years.values().sum::<usize>() <= ONE_PAGE_UP_TO {
            return Vec::new();
        }
        years.into_iter().collect()
    }

    /// A pillar's programmes, in plan order.
    pub fn programmes_of(&self, pillar: &PillarId) -> &[ProgrammeIx] {
        listed(&self.index.programmes_of_pillar, pillar)
    }

    /// The programmes a stakeholder leads.
    pub fn led_by(&self, s: &StakeholderId) -> &[ProgrammeIx] {
        listed(&self.index.led_by, s)
    }

    /// The programmes a stakeholder is a partner in.
    pub fn partnered_by(&self, s: &StakeholderId) -> &[ProgrammeIx] {
        listed(&self.index.partnered_by, s)
    }

    pub fn events_of_stakeholder(&self, s: &StakeholderId) -> &[EventIx] {
        listed(&self.index.events_of_stakeholder, s)
    }

    pub fn events_of_pillar(&self, p: &PillarId) -> &[EventIx] {
        listed(&self.index.events_of_pillar, p)
    }

    /// The people whose `organization` is `s`.
    pub fn members_of(&self, s: &StakeholderId) -> &[StakeholderIx] {
        listed(&self.index.members_of, s)
    }

    pub fn build_index(&mut self) {
        let mut ix = PlanIndex::default();
        for (i, p) in self.programmes.iter_enumerated() {
            ix.programmes_of_pillar
                .entry(p.pillar.clone())
                .or_default()
                .push(i);
            ix.led_by.entry(p.lead.clone()).or_default().push(i);
            for partner in &p.partners {
                ix.partnered_by.entry(partner.clone()).or_default().push(i);
            }
        }
        for (i, s) in self.stakeholders.iter_enumerated() {
            if let Some(org) = &s.organization {
                ix.members_of.entry(org.clone()).or_default().push(i);
            }
        }
        for (i, e) in self.events.iter_enumerated() {
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
        self.index = ix;
    }

    pub fn is_empty(&self) -> bool {
        self.pillars.is_empty() && self.programmes.is_empty() && self.stakeholders.is_empty()
    }
}
