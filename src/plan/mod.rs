//! Sources -> [`Plan`]: the page tree and the plan model, cross-checked.
//!
//! [`pages`] decides which pages exist in which language and at which URL;
//! [`read`] reads the plan folders (pillars, programmes, stakeholders,
//! timeline, news) into the typed [`model`], by the keys [`schema`]
//! declares, and checks every reference; each page then gets its [`Role`].
//! Pages outside the plan folders may only have the common keys, so a typo
//! anywhere is reported with its line.

pub mod collisions;
pub mod ids;
pub mod model;
pub mod pages;
pub mod read;
pub mod role;
pub mod schema;

use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::load::Sources;
use crate::table::fields::Problems;
pub use ids::PageId;
pub use model::PlanModel;
pub use pages::{Page, PageKind, PageTree, Version};
pub use role::Role;

#[derive(Debug)]
pub struct Plan {
    pub tree: PageTree,
    pub model: PlanModel,
}

pub fn plan(
    config: &Config,
    sources: &Sources,
    generated: collisions::GeneratedPaths,
    diags: &mut Diagnostics,
) -> Plan {
    let timer = std::time::Instant::now();
    let mut tree = pages::build_tree(config, sources, diags);
    collisions::check(config, sources, &tree, &generated(config), diags);
    let tree_time = timer.elapsed();
    let problems = Problems::default();
    let (model, read_keys) = read::read_model(config, sources, &tree, &problems);
    if std::env::var_os("TERBIT_TIMINGS").is_some() {
        eprintln!(
            "timings: page tree {tree_time:?}, model {:?}",
            timer.elapsed() - tree_time
        );
    }
    for source in sources.files.iter() {
        if !read_keys.contains(&source.key()) {
            read::front_matter(source, "front matter", &problems).finish();
        }
    }
    check_page_images(sources, &problems);
    diags.extend(problems.into_inner());
    assign_item_roles(&mut tree, &model);
    Plan { tree, model }
}

/// Each page's `image` is a photo of the site that can be published.
fn check_page_images(sources: &Sources, problems: &Problems) {
    use crate::images::{Image, Located, locate};
    for src in sources.files.iter() {
        let Some(dest) = src.meta.image.as_deref() else {
            continue;
        };
        let statics = std::path::Path::new(crate::load::STATIC_DIR);
        let why = match locate(dest, &src.file, &src.content_dir(), statics) {
            Ok(Located::Local(path)) => match sources.pictures.get(&path) {
                Some(Ok(Image::Photo(_))) => continue,
                Some(Ok(Image::Drawing(_))) => format!(
                    "{} is not a photo; a page's picture is a JPEG, PNG or WebP file",
                    path.display()
                ),
                Some(Err(why)) => format!("{}: {why}", path.display()),
                None => format!("{}: there is no image file there", path.display()),
            },
            Ok(Located::Remote) => {
                "it is on another host; a page's picture is a file of the site".into()
            }
            Err(why) => why,
        };
        let f = read::front_matter(src, "front matter", problems);
        f.report(
            f.error("image", format!("`image` {dest:?} cannot be used: {why}"))
                .with_hint("give the path of a photo beside the page (news/x/foto.jpg for news/x.md), or under static/ as /foto.jpg"),
        );
    }
}

/// Each plan item's page takes the item's role.
fn assign_item_roles(tree: &mut PageTree, model: &PlanModel) {
    for (i, p) in model.pillars.iter_enumerated() {
        tree.pages[p.page].role = Role::Pillar(i);
    }
    for (i, p) in model.programmes.iter_enumerated() {
        tree.pages[p.page].role = Role::Programme(i);
    }
    for (i, s) in model.stakeholders.iter_enumerated() {
        tree.pages[s.page].role = Role::Stakeholder(i);
    }
    for (i, e) in model.events.iter_enumerated() {
        tree.pages[e.page].role = Role::Event(i);
    }
    for (i, a) in model.news.iter_enumerated() {
        tree.pages[a.page].role = Role::Article(i);
    }
}
