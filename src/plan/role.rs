//! What a page is: its [`Role`], decided once by the plan stage.
//!
//! The template a page is rendered with, whether it summarises the whole
//! plan, and which pages show its plan item (what `serve` renders again after
//! an edit) all follow from the role by `match`, so the compiler checks that
//! every kind of page is handled.

use super::ids::*;
use super::model::PlanModel;

/// The role of a page. Item roles hold the item's place in the plan model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The site's home page (`content/_index.md`).
    Home,
    /// The plan's lists: the sections `pillars/`, `programs/`,
    /// `stakeholders/` (the directory), `timeline/` and `news/`.
    Pillars,
    Programmes,
    Directory,
    Timeline,
    News,
    /// A plan item's own page.
    Pillar(PillarIx),
    Programme(ProgrammeIx),
    Stakeholder(StakeholderIx),
    Event(EventIx),
    Article(ArticleIx),
    /// Any other folder, and any other page.
    Section,
    Page,
    /// Pages that no content file makes.
    Search,
    /// The whole plan as one page (and its PDF).
    Document,
    Editions,
    Changes,
    NotFound,
}

impl Role {
    /// The template the page is rendered with, unless its front matter names one.
    pub fn template(self) -> &'static str {
        match self {
            Role::Home => "index.html",
            Role::Pillars => "pillars.html",
            Role::Programmes => "programs.html",
            Role::Directory => "stakeholders.html",
            Role::Timeline => "timeline.html",
            Role::News => "news.html",
            Role::Pillar(_) => "pillar.html",
            Role::Programme(_) => "programme.html",
            Role::Stakeholder(_) => "stakeholder.html",
            Role::Event(_) => "event.html",
            Role::Article(_) | Role::Page => "page.html",
            Role::Section => "section.html",
            Role::Search => "search.html",
            Role::Document => "document.html",
            Role::Editions => "editions.html",
            Role::Changes => "changes.html",
            Role::NotFound => "404.html",
        }
    }

    /// Whether the page sums up the whole plan (counts, charts, every item),
    /// so that any change to the plan shows on it.
    pub fn summarises_whole_plan(self) -> bool {
        match self {
            Role::Home | Role::Pillars | Role::Programmes | Role::Directory | Role::Timeline => {
                true
            }
            Role::News
            | Role::Pillar(_)
            | Role::Programme(_)
            | Role::Stakeholder(_)
            | Role::Event(_)
            | Role::Article(_)
            | Role::Section
            | Role::Page
            | Role::Search
            | Role::Document
            | Role::Editions
            | Role::Changes
            | Role::NotFound => false,
        }
    }

    /// The pages of the plan items this page's item refers to or is referred
    /// to by: the pages that list it, and the pages it lists.
    pub fn neighbours(self, model: &PlanModel) -> Vec<PageId> {
        let stakeholder_page = |id: &StakeholderId| model.stakeholder(id).map(|s| s.page);
        let pillar_page = |id: &PillarId| model.pillar(id).map(|p| p.page);
        let programme_pages = |list: &[ProgrammeIx]| {
            list.iter()
                .map(|&p| model.programmes[p].page)
                .collect::<Vec<_>>()
        };
        let event_pages = |list: &[EventIx]| {
            list.iter()
                .map(|&e| model.events[e].page)
                .collect::<Vec<_>>()
        };
        let mut out = Vec::new();
        match self {
            Role::Programme(i) => {
                let p = &model.programmes[i];
                out.extend(pillar_page(&p.pillar));
                out.extend(stakeholder_page(&p.lead));
                out.extend(p.partners.iter().filter_map(stakeholder_page));
            }
            Role::Pillar(i) => {
                let id = &model.pillars[i].id;
                out.extend(programme_pages(model.programmes_of(id)));
                out.extend(event_pages(model.events_of_pillar(id)));
            }
            Role::Stakeholder(i) => {
                let s = &model.stakeholders[i];
                out.extend(s.organization.as_ref().and_then(stakeholder_page));
                out.extend(programme_pages(model.led_by(&s.id)));
                out.extend(programme_pages(model.partnered_by(&s.id)));
                out.extend(event_pages(model.events_of_stakeholder(&s.id)));
                out.extend(
                    model
                        .members_of(&s.id)
                        .iter()
                        .map(|&m| model.stakeholders[m].page),
                );
            }
            Role::Event(i) => {
                let e = &model.events[i];
                out.extend(e.pillars.iter().filter_map(pillar_page));
                out.extend(e.stakeholders.iter().filter_map(stakeholder_page));
            }
            Role::Home
            | Role::Pillars
            | Role::Programmes
            | Role::Directory
            | Role::Timeline
            | Role::News
            | Role::Article(_)
            | Role::Section
            | Role::Page
            | Role::Search
            | Role::Document
            | Role::Editions
            | Role::Changes
            | Role::NotFound => {}
        }
        out
    }
}
