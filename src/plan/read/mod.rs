//! Sources -> [`PlanModel`]: reading the plan folders and checking every
//! cross-reference.
//!
//! Ids are file names, so every id of the plan is known from the page tree
//! before any file is read; references are checked as they are read, where
//! the reader still knows their line. Which keys an item has, which are
//! required and which are facts comes from [`super::schema`]. Facts are read
//! from the default-language file; a translation may leave them out or
//! repeat them, and a repeated fact that differs is reported (the default
//! language's value is used). Text fields are read from each language's own
//! file.

mod items;
mod reader;

use std::collections::BTreeSet;

use rayon::prelude::*;

use super::model::*;
use super::pages::{PILLARS, Page, PageKind, PageTree, STAKEHOLDERS};
use super::schema::Kind;
use crate::config::Config;
use crate::load::Sources;
use crate::table::fields::Problems;
pub use reader::{FACT_DIFFERS, front_matter};
use reader::{Item, Reader};

/// Whether a page key (`programs/x`, `programs/_index`) is in a plan folder.
pub fn is_plan_key(key: &str) -> bool {
    key.split('/')
        .next()
        .is_some_and(|folder| Kind::of_folder(folder).is_some())
}

/// The kind of item a page holds, from its folder.
fn kind_of(page: &Page) -> Option<Kind> {
    if page.kind != PageKind::Page || page.dir.len() != 1 {
        return None;
    }
    Kind::of_folder(&page.dir[0])
}

/// Reads the plan and reports every problem into `problems`. Returns the keys
/// of the pages whose front matter was fully read (others are read as plain pages).
pub fn read_model(
    config: &Config,
    sources: &Sources,
    tree: &PageTree,
    problems: &Problems,
) -> (PlanModel, BTreeSet<String>) {
    // Sorted: every reference in the plan is looked up among them.
    let ids_in = |folder: &str| -> Vec<&str> {
        let mut ids: Vec<&str> = tree
            .pages
            .iter()
            .filter(|p| p.dir.len() == 1 && p.dir[0] == folder && p.kind == PageKind::Page)
            .map(|p| p.name.as_str())
            .collect();
        ids.sort_unstable();
        ids
    };
    let mut reader = Reader {
        config,
        sources,
        problems,
        pillar_ids: ids_in(PILLARS),
        stakeholder_ids: ids_in(STAKEHOLDERS),
        group_ids: Vec::new(),
    };
    let mut model = PlanModel::default();
    let mut read_keys = BTreeSet::new();
    if let Some(section) = tree.get(&format!("{STAKEHOLDERS}/_index")) {
        model.groups = reader.groups(section);
        reader.group_ids = model.groups.iter().map(|g| g.id.0.clone()).collect();
        read_keys.insert(section.key.clone());
    }
    let pages: Vec<(PageId, Kind)> = tree
        .pages
        .iter_enumerated()
        .filter_map(|(index, page)| kind_of(page).map(|kind| (index, kind)))
        .collect();
    read_keys.extend(pages.iter().map(|&(p, _)| tree.pages[p].key.clone()));
    // Items are read side by side, each part of the list with its own list
    // of problems; parts join in page order, so the output is the same.
    let (pillar_ids, stakeholder_ids, group_ids) = (
        &reader.pillar_ids,
        &reader.stakeholder_ids,
        &reader.group_ids,
    );
    let parts: Vec<(Vec<ReadItem>, crate::diagnostics::Diagnostics)> = pages
        .par_chunks(128)
        .map(|part| {
            let problems = Problems::default();
            let reader = Reader {
                config,
                sources,
                problems: &problems,
                pillar_ids: pillar_ids.clone(),
                stakeholder_ids: stakeholder_ids.clone(),
                group_ids: group_ids.clone(),
            };
            let items = part
                .iter()
                .filter_map(|&(index, kind)| read_item(&reader, index, &tree.pages[index], kind))
                .collect();
            (items, problems.into_inner())
        })
        .collect();
    let mut organisation_refs = Vec::new();
    for (items, part_problems) in parts {
        problems.extend(part_problems);
        for item in items {
            match item {
                ReadItem::Pillar(p) => model.pillars.push(p),
                ReadItem::Programme(p) => model.programmes.push(p),
                ReadItem::Stakeholder(s, org_ref) => {
                    organisation_refs.extend(org_ref);
                    model.stakeholders.push(s);
                }
                ReadItem::Event(e) => model.events.push(e),
                ReadItem::Article(a) => model.news.push(a),
            }
        }
    }
    sort(&mut model);
    reader.check_organisations(&model, organisation_refs);
    check_plan_total(&model, tree, sources, problems);
    model.build_index();
    (model, read_keys)
}

/// One plan item as read, before it joins the model.
enum ReadItem {
    Pillar(Pillar),
    Programme(Programme),
    Stakeholder(Stakeholder, Option<reader::OrgRef>),
    Event(TimelineEvent),
    Article(NewsArticle),
}

/// Reads the item of `page`, whose folder holds items of `kind`; problems
/// go to the reader's list.
fn read_item(reader: &Reader, index: PageId, page: &Page, kind: Kind) -> Option<ReadItem> {
    let files = reader.files(page);
    if kind != Kind::Article
        && let Some(orphan) = orphan_translation(reader, &files)
    {
        reader.problems.push(orphan);
        return None;
    }
    let item = Item::open(reader, index, page, &files, kind.schema())?;
    let read = match kind {
        Kind::Pillar => reader.pillar(&item).map(ReadItem::Pillar),
        Kind::Programme => reader.programme(&item).map(ReadItem::Programme),
        Kind::Stakeholder => reader
            .stakeholder(&item)
            .map(|(s, org_ref)| ReadItem::Stakeholder(s, org_ref)),
        Kind::Event => reader.event(&item).map(ReadItem::Event),
        Kind::Article => reader.article(&item).map(ReadItem::Article),
    };
    item.finish(reader);
    read
}

/// A translation whose default-language file is gone: its facts (status,
/// years, budget...) have nowhere to come from. One error naming both files,
/// instead of one per missing fact.
fn orphan_translation(
    reader: &Reader,
    files: &[&crate::load::Source],
) -> Option<crate::diagnostics::Diagnostic> {
    let first = files.first()?;
    if &first.lang == reader.default_lang() {
        return None;
    }
    let name = first.file.file_name()?.to_string_lossy().into_owned();
    let original = name.strip_suffix(&format!(".{}.md", first.lang))?;
    let original = first.file.with_file_name(format!("{original}.md"));
    Some(
        crate::diagnostics::Diagnostic::error(
            &first.file,
            format!(
                "this is a translation of {}, which is missing: a plan item's facts are read from its file in the default language ({})",
                original.display(),
                reader.default_lang()
            ),
        )
        .with_hint(format!(
            "restore {} (from version control: git checkout -- {}), or, if the item has left the plan, delete this translation too",
            original.display(),
            original.display()
        )),
    )
}

/// Budgets are summed across the plan (by pillar, year, source): the plan's
/// total must be countable, or every sum shown would be wrong.
fn check_plan_total(model: &PlanModel, tree: &PageTree, sources: &Sources, problems: &Problems) {
    let mut total = 0i64;
    for p in model.programmes.iter() {
        match total.checked_add(p.budget_total) {
            Some(t) => total = t,
            None => {
                let file = tree.pages[p.page]
                    .versions
                    .iter()
                    .find_map(|v| v.source)
                    .map(|s| sources.files[s].file.clone())
                    .unwrap_or_default();
                problems.push(
                    crate::diagnostics::Diagnostic::error(
                        file,
                        "with this programme the plan's budgets add up to more than terbit can count",
                    )
                    .with_hint("check the amounts: they are whole rupiah, like 1500000000"),
                );
                return;
            }
        }
    }
}

/// The plan's orders: pillars by weight, programmes by pillar then start,
/// stakeholders by id, events by date (one dated "before" a day first), news
/// newest first.
fn sort(model: &mut PlanModel) {
    model.stakeholders.raw.sort_by(|a, b| a.id.cmp(&b.id));
    model
        .pillars
        .raw
        .sort_by(|a, b| (a.weight, &a.id).cmp(&(b.weight, &b.id)));
    let pillar_rank = |id: &PillarId| {
        model
            .pillars
            .iter()
            .position(|p| &p.id == id)
            .unwrap_or(usize::MAX)
    };
    let mut programmes = std::mem::take(&mut model.programmes.raw);
    programmes.sort_by_cached_key(|p| (pillar_rank(&p.pillar), p.start, p.id.clone()));
    model.programmes.raw = programmes;
    model
        .events
        .raw
        .sort_by(|a, b| (a.date, !a.before, &a.id).cmp(&(b.date, !b.before, &b.id)));
    model
        .news
        .raw
        .sort_by(|a, b| (b.date, &a.id).cmp(&(a.date, &b.id)));
}
