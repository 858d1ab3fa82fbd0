//! The plan as one document (`/dokumen/`, `/en/document/`), and the data
//! its PDF is typeset from (`master-plan.pdf` beside it).
//!
//! One [`Document`] holds, in reading order, the home text, the top-level
//! pages (the about page), each pillar with its programmes, the roadmap and
//! budget, the timeline, the stakeholder directory and every source. Its
//! facts are the same contexts the plan's own pages show ([`super::pillar`],
//! [`super::programme`], ...); only the texts differ by output: HTML for the
//! page, [`crate::pdf::blocks`] for the PDF.

use std::collections::HashMap;

use serde::Serialize;
use tera::Value;

use super::directory::{self, GroupCtx};
use super::parts::{self, ChartTable, GANTT_MAX_ROWS};
use super::pillar::{self, PillarCtx};
use super::programme;
use super::timeline::{self, Year};
use crate::markdown::Placement;
use crate::paths;
use crate::plan::{PageId, PageKind, Role};
use crate::render::context::{SourceCtx, source_list};
use crate::render::globals::{Link, document_segment};
use crate::render::input::RenderInput;
use crate::render::view::View;

/// The document page's site path in each language.
pub fn paths(input: &RenderInput) -> Vec<String> {
    input
        .config
        .languages
        .iter()
        .map(|l| {
            paths::document_page(
                &input.config.lang_root(l),
                &document_segment(input.theme, l),
            )
        })
        .collect()
}

/// A text of the plan as the document shows it.
#[derive(Serialize)]
#[serde(untagged)]
pub enum Body {
    Html(String),
    Blocks(Vec<crate::pdf::blocks::Block>),
}

/// Makes the text of a page: its id prefix and how far its headings move down.
pub type MakeBody<'b> = dyn Fn(PageId, &Placement) -> Body + 'b;

/// An entry of the table of contents.
#[derive(Serialize)]
pub struct TocEntry {
    /// `3` for a chapter, `3.2` for a programme in it.
    pub number: String,
    pub anchor: String,
    pub title: String,
    pub level: u8,
    pub illustrative: bool,
    /// A chapter's programmes.
    pub children: Vec<TocEntry>,
}

/// A chapter's heading: its number, anchor, title and web page.
#[derive(Serialize)]
pub struct Head {
    pub number: String,
    pub anchor: String,
    pub title: String,
    /// Its page on the web site (absolute, for the PDF).
    pub permalink: Option<String>,
    pub link: Option<Link>,
    pub illustrative: bool,
}

#[derive(Serialize)]
pub struct TextChapter<'a> {
    pub head: Head,
    pub body: Body,
    pub sources: Vec<SourceCtx<'a>>,
}

#[derive(Serialize)]
pub struct ProgrammePart<'a> {
    pub head: Head,
    pub programme: Value,
    pub body: Body,
    pub sources: Vec<SourceCtx<'a>>,
}

#[derive(Serialize)]
pub struct PillarChapter<'a> {
    pub head: Head,
    pub pillar: PillarCtx<'a>,
    pub body: Body,
    pub sources: Vec<SourceCtx<'a>>,
    /// Each programme in full (a plan of at most [`FULL_TEXT_MAX`] programmes)...
    pub programmes: Vec<ProgrammePart<'a>>,
    /// ...or as one row of a table, linking to its page.
    pub register: Vec<Value>,
}

/// Past this many programmes, the document lists each programme as a row
/// of its pillar's table instead of in full, and its timeline gives the
/// events only: the 3,000-programme bench plan in full is a 3,165-page,
/// 57 MB PDF that takes 31 s and 8 GB to typeset, and no one reads that.
pub const FULL_TEXT_MAX: usize = 300;

#[derive(Serialize)]
pub struct RoadmapChapter {
    pub head: Head,
    pub roadmap_svg: String,
    /// Programmes per pillar per year.
    pub roadmap_table: ChartTable,
    /// One row per programme, when the plan is small enough for one bar each.
    pub roadmap_programmes: Vec<Value>,
    pub budget_svg: String,
    pub budget_table: ChartTable,
}

#[derive(Serialize)]
pub struct TimelineChapter<'a> {
    pub head: Head,
    pub years: Vec<Year<'a>>,
}

#[derive(Serialize)]
pub struct DirectoryChapter<'a> {
    pub head: Head,
    pub groups: Vec<GroupCtx<'a>>,
}

/// One source, once, with the pages that cite it.
#[derive(Serialize)]
pub struct SourceEntry<'a> {
    #[serde(flatten)]
    pub source: SourceCtx<'a>,
    pub cited_by: Vec<Link>,
}

#[derive(Serialize)]
pub struct SourcesChapter<'a> {
    pub head: Head,
    pub list: Vec<SourceEntry<'a>>,
}

#[derive(Serialize)]
pub struct Document<'a> {
    /// Every programme in full (else as rows: see [`FULL_TEXT_MAX`]).
    pub full_text: bool,
    /// The PDF beside the page, as a link.
    pub pdf: String,
    /// The document page's own address.
    pub permalink: String,
    pub toc: Vec<TocEntry>,
    pub texts: Vec<TextChapter<'a>>,
    pub pillars: Vec<PillarChapter<'a>>,
    pub roadmap: RoadmapChapter,
    pub timeline: TimelineChapter<'a>,
    pub directory: DirectoryChapter<'a>,
    pub sources: SourcesChapter<'a>,
}

/// Numbers chapters and their sections, and keeps the table of contents.
struct Contents<'v, 'a> {
    view: &'v View<'a>,
    chapter: usize,
    section: usize,
    toc: Vec<TocEntry>,
}

impl Contents<'_, '_> {
    /// The heading of the next chapter (`level` 1) or section (2).
    fn head(&mut self, title: String, page: Option<PageId>, level: u8) -> Head {
        let number = if level == 1 {
            self.chapter += 1;
            self.section = 0;
            self.chapter.to_string()
        } else {
            self.section += 1;
            format!("{}.{}", self.chapter, self.section)
        };
        let anchor = format!("bab-{}", number.replace('.', "-"));
        let link = page.map(|p| self.view.link_data(p));
        let illustrative = link.as_ref().is_some_and(|l| l.illustrative);
        self.toc.push(TocEntry {
            number: number.clone(),
            anchor: anchor.clone(),
            title: title.clone(),
            level,
            illustrative,
            children: Vec::new(),
        });
        let config = self.view.g.input.config;
        Head {
            number,
            anchor,
            title,
            permalink: link.as_ref().map(|l| config.permalink(&l.path)),
            link,
            illustrative,
        }
    }
}

/// The text of page `p` under `head`, its headings `shift` levels down.
fn placed(body: &MakeBody, p: PageId, head: &Head, shift: u8) -> Body {
    let prefix = format!("{}-", head.anchor);
    body(
        p,
        &Placement {
            id_prefix: &prefix,
            heading_shift: shift,
        },
    )
}

pub fn document<'a>(view: &'a View<'a>, body: &MakeBody) -> Document<'a> {
    let tree = &view.plan.tree;
    let config = view.g.input.config;
    let page_path = paths(&view.g.input)[view.g.li.0].clone();
    let mut contents = Contents {
        view,
        chapter: 0,
        section: 0,
        toc: Vec::new(),
    };
    let texts = text_chapters(view, &mut contents, body);
    let pillars = pillar_chapters(view, &mut contents, body);
    let section = |key: &str| tree.by_key.get(key).copied();
    let roadmap = roadmap_chapter(view, &mut contents, section("timeline/_index"));
    let full_text = view.model().programmes.len() <= FULL_TEXT_MAX;
    let timeline = TimelineChapter {
        head: contents.head(view.s("document_timeline"), section("timeline/_index"), 1),
        years: timeline::years(view, full_text),
    };
    let directory = DirectoryChapter {
        head: contents.head(
            view.s("document_stakeholders"),
            section("stakeholders/_index"),
            1,
        ),
        groups: directory::groups(view),
    };
    let sources = SourcesChapter {
        head: contents.head(view.s("document_sources"), None, 1),
        list: every_source(view, &texts, &pillars),
    };
    let page = paths::encode(&page_path);
    Document {
        full_text,
        pdf: paths::encode(&paths::document_pdf(&page_path)),
        permalink: config.permalink(&page),
        toc: nest(contents.toc),
        texts,
        pillars,
        roadmap,
        timeline,
        directory,
        sources,
    }
}

/// The home text, then the pages at the top of the site (the about page).
fn text_chapters<'a>(
    view: &'a View,
    contents: &mut Contents,
    body: &MakeBody,
) -> Vec<TextChapter<'a>> {
    let tree = &view.plan.tree;
    let home = tree.home();
    let top_pages = tree.pages[home]
        .children
        .iter()
        .copied()
        .filter(|&c| tree.pages[c].kind == PageKind::Page && tree.pages[c].role == Role::Page);
    std::iter::once(home)
        .chain(top_pages)
        .map(|p| {
            // The home page's title names a web page ("Beranda"): its text introduces the plan.
            let title = match p == home {
                true => view.s("document_introduction"),
                false => view.title(p),
            };
            let head = contents.head(title, Some(p), 1);
            TextChapter {
                body: placed(body, p, &head, 1),
                sources: source_list(view, p),
                head,
            }
        })
        .collect()
}

/// Each pillar, with its programmes as its sections.
fn pillar_chapters<'a>(
    view: &'a View,
    contents: &mut Contents,
    body: &MakeBody,
) -> Vec<PillarChapter<'a>> {
    let model = view.model();
    let full_text = model.programmes.len() <= FULL_TEXT_MAX;
    let mut pillars = Vec::new();
    for (i, p) in model.pillars.iter_enumerated() {
        let head = contents.head(view.title(p.page), Some(p.page), 1);
        let mut programmes = Vec::new();
        let list = model.programmes_of(&p.id);
        let register = match full_text {
            true => Vec::new(),
            false => parts::summaries(view, list),
        };
        for &pi in list.iter().filter(|_| full_text) {
            let page = model.programmes[pi].page;
            let part = contents.head(view.title(page), Some(page), 2);
            programmes.push(ProgrammePart {
                programme: programme::value(view, pi),
                body: placed(body, page, &part, 2),
                sources: source_list(view, page),
                head: part,
            });
        }
        pillars.push(PillarChapter {
            pillar: pillar::context(view, i),
            body: placed(body, p.page, &head, 1),
            sources: source_list(view, p.page),
            programmes,
            register,
            head,
        });
    }
    pillars
}

/// The roadmap of the whole plan, and its budget per year per pillar.
fn roadmap_chapter(view: &View, contents: &mut Contents, page: Option<PageId>) -> RoadmapChapter {
    let model = view.model();
    let head = contents.head(view.s("document_roadmap"), page, 1);
    let (mut svg, table) = parts::roadmap(view, "doc-roadmap");
    let all: Vec<_> = model.programmes.keys().collect();
    let rows = if all.len() <= GANTT_MAX_ROWS {
        svg = parts::gantt(view, &all, &view.s("roadmap_all_desc"));
        parts::summaries(view, &all)
    } else {
        Vec::new()
    };
    let (budget_svg, budget_table) = super::programmes::budget_chart(view);
    RoadmapChapter {
        head,
        roadmap_svg: svg,
        roadmap_table: table,
        roadmap_programmes: rows,
        budget_svg,
        budget_table,
    }
}

/// Every source any page of the plan cites, once each: first those of the
/// document's chapters in their order, then those of the other pages.
fn every_source<'a>(
    view: &'a View,
    texts: &[TextChapter],
    pillars: &[PillarChapter],
) -> Vec<SourceEntry<'a>> {
    let tree = &view.plan.tree;
    let key = |l: &Link| l.key.clone();
    let mut order: Vec<PageId> = Vec::new();
    let in_document = texts
        .iter()
        .map(|c| &c.head)
        .chain(
            pillars
                .iter()
                .flat_map(|p| std::iter::once(&p.head).chain(p.programmes.iter().map(|x| &x.head))),
        )
        .filter_map(|h| h.link.as_ref().map(key));
    for k in in_document {
        order.extend(tree.by_key.get(&k));
    }
    let mut rest: Vec<PageId> = tree.pages.keys().filter(|p| !order.contains(p)).collect();
    rest.sort_by(|a, b| tree.pages[*a].key.cmp(&tree.pages[*b].key));
    order.extend(rest);
    let mut list: Vec<SourceEntry> = Vec::new();
    let mut seen: HashMap<(String, String, Option<String>), usize> = HashMap::new();
    for p in order {
        for (r, ctx) in view.references(p).iter().zip(source_list(view, p)) {
            let k = (r.title.clone(), r.publisher.clone(), r.url.clone());
            let at = *seen.entry(k).or_insert_with(|| {
                list.push(SourceEntry {
                    source: ctx,
                    cited_by: Vec::new(),
                });
                list.len() - 1
            });
            let entry = &mut list[at];
            if !entry.cited_by.iter().any(|l| l.key == tree.pages[p].key) {
                entry.cited_by.push(view.link_data(p));
            }
        }
    }
    for (n, entry) in list.iter_mut().enumerate() {
        entry.source.n = n + 1;
        entry.source.anchor = format!("sumber-{}", n + 1);
    }
    list
}

/// The table of contents as chapters, each with its sections.
fn nest(flat: Vec<TocEntry>) -> Vec<TocEntry> {
    let mut out: Vec<TocEntry> = Vec::new();
    for entry in flat {
        match out.last_mut() {
            Some(chapter) if entry.level > 1 => chapter.children.push(entry),
            _ => out.push(entry),
        }
    }
    out
}
