//! The frozen editions of a site: each rendered under `/editions/<id>/` in
//! the current theme, with its search, its plan document and its changes
//! page; the feed of revisions and the list of editions.

use rayon::prelude::*;

use super::{Site, render_search_page, search_index};
use crate::diagnostics::Diagnostics;
use crate::edition::{self, Edition};
use crate::plan::Role;
use crate::render::context::SpecialPage;
use crate::render::input::EditionEntry;
use crate::render::pages::{self, changes::ChangesPage, editions::Frozen};
use crate::render::{self, Emit, Output, RenderInput};
use crate::{output, paths};

impl Site {
    /// The render input of a frozen edition, shown in the current theme.
    fn edition_input<'a>(&'a self, e: &'a Edition, menu: &'a [EditionEntry]) -> RenderInput<'a> {
        RenderInput {
            config: &e.config,
            sources: &e.sources,
            plan: &e.plan,
            edition: Some(render::input::EditionView {
                id: &e.id,
                current_config: &self.config,
                current_tree: &self.plan.tree,
            }),
            ..self.input(menu)
        }
    }

    pub(super) fn editions_menu(&self) -> Vec<EditionEntry> {
        let frozen: Vec<Frozen> = self
            .editions
            .iter()
            .map(|e| Frozen {
                id: &e.id,
                config: &e.config,
                frozen: e.frozen,
            })
            .collect();
        pages::editions::menu(&self.config, &frozen)
    }

    /// Every edition under `/editions/<id>/`, its list of changes, and the list of editions.
    pub(super) fn render_editions(
        &self,
        menu: &[EditionEntry],
        globals: &render::Globals,
        pdf: render::document::Pdf,
        emit: &Emit,
        diags: &mut Diagnostics,
    ) {
        let results: Vec<Diagnostics> = self
            .editions
            .par_iter()
            .enumerate()
            .map(|(i, e)| {
                let mut d = Diagnostics::new();
                let prefix = paths::edition_prefix(&e.id);
                let emit = |mut o: Output| {
                    o.path = format!("{prefix}{}", o.path);
                    emit(o)
                };
                let input = self.edition_input(e, menu);
                let globals = render::globals(&input);
                let deps = render::render_site(&input, &globals, None, &emit, &mut d);
                render::document::render_documents(&input, pdf, &emit, &mut d);
                search_index(&input, &deps.texts, &emit, &mut d);
                render_search_page(&input, &globals, &emit, &mut d);
                let changes = self.changes_page(i);
                let paths = changes.paths();
                let special = SpecialPage {
                    key: "changes",
                    title: changes.title(),
                    paths: &paths,
                };
                let add = |view: &render::view::View, ctx: &mut tera::Context| {
                    pages::changes::add(view, &changes, ctx)
                };
                render::render_special(&globals, &special, Role::Changes, &add, &emit, &mut d);
                d
            })
            .collect();
        for d in results {
            diags.extend(d);
        }
        // The feed of revisions: each edition with what the next one moved.
        let changes: Vec<ChangesPage> = (0..self.editions.len())
            .map(|i| self.changes_page(i))
            .collect();
        let revisions: Vec<(&ChangesPage, Vec<String>, Option<crate::table::Date>)> = changes
            .iter()
            .zip(&self.editions)
            .map(|(page, e)| {
                let addresses = e
                    .config
                    .languages
                    .iter()
                    .map(|l| paths::changes(&e.config.lang_root(l)))
                    .collect();
                (page, addresses, e.frozen)
            })
            .collect();
        for (lang, title, entries) in render::revisions(globals, &revisions) {
            if let Err(e) = emit(output::feeds::revisions(
                &self.config,
                &lang,
                &title,
                &entries,
            )) {
                diags.push(e);
            }
        }
        let paths = pages::editions::paths(&self.config);
        let special = SpecialPage {
            key: "editions",
            title: String::new(),
            paths: &paths,
        };
        render::render_special(globals, &special, Role::Editions, &|_, _| {}, emit, diags);
    }

    /// Edition `i` compared with the next edition, or with the current plan.
    fn changes_page(&self, i: usize) -> ChangesPage<'_> {
        let e = &self.editions[i];
        let side = |config, sources, plan| edition::changes::Side {
            config,
            sources,
            plan,
        };
        let next = self.editions.get(i + 1);
        ChangesPage {
            older: side(&e.config, &e.sources, &e.plan),
            newer: match next {
                Some(n) => side(&n.config, &n.sources, &n.plan),
                None => side(&self.config, &self.sources, &self.plan),
            },
            from: &e.id,
            to: next.map_or_else(
                || self.config.current_edition.clone().unwrap_or_default(),
                |n| n.id.clone(),
            ),
            to_current: next.is_none(),
        }
    }
}
