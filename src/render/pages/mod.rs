//! Each page role's own context, one file per role: what its template
//! shows beyond what every page has ([`super::context`]).
//!
//! Roles whose pages show nothing beyond that (a news list, an article, a
//! plain section or page) have no file. The special pages (search, the
//! editions list, a list of changes, 404) are rendered apart, as they are
//! not content files; their files give their paths and context.

pub mod change_facts;
pub mod changes;
pub mod directory;
pub mod document;
pub mod editions;
pub mod event;
pub mod home;
pub mod not_found;
pub mod parts;
pub mod pillar;
pub mod pillars;
pub mod programme;
pub mod programmes;
pub mod search;
pub mod stakeholder;
pub mod timeline;

use tera::Context;

use super::view::View;
use crate::plan::Role;

/// Adds what the template of a content page with this role shows.
pub fn add_context(view: &View, role: Role, ctx: &mut Context) {
    match role {
        Role::Home => home::add(view, ctx),
        Role::Pillars => pillars::add(view, ctx),
        Role::Programmes => programmes::add(view, ctx),
        Role::Directory => directory::add(view, ctx),
        Role::Timeline => timeline::add(view, ctx),
        Role::Pillar(i) => pillar::add(view, i, ctx),
        Role::Programme(i) => programme::add(view, i, ctx),
        Role::Stakeholder(i) => stakeholder::add(view, i, ctx),
        Role::Event(i) => event::add(view, i, ctx),
        Role::News | Role::Article(_) | Role::Section | Role::Page => {}
        // Not content pages: rendered by `render_special` with their own context.
        Role::Search | Role::Document | Role::Editions | Role::Changes | Role::NotFound => {}
    }
}
