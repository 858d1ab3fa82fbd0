//! Sources -> [`Plan`]: the page tree and the plan model, cross-checked.
//!
//! [`pages`] decides which pages exist in which language and at which URL;
//! [`read`] reads the plan folders (pillars, programmes, stakeholders,
//! timeline, news) into the typed [`model`] and checks every reference.
//! Pages outside the plan folders may only have the common keys, so a typo
//! anywhere is reported with its line.

pub mod model;
pub mod pages;
pub mod read;

use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::load::Sources;
use crate::load::fields::Sink;
pub use model::PlanModel;
pub use pages::{Page, PageKind, PageTree, Version};
pub use read::ItemKind;

#[derive(Debug)]
pub struct Plan {
    pub tree: PageTree,
    pub model: PlanModel,
}

pub fn plan(config: &Config, sources: &Sources, diags: &mut Diagnostics) -> Plan {
    let timer = std::time::Instant::now();
    let tree = pages::build_tree(config, sources, diags);
    let tree_time = timer.elapsed();
    let (model, read_keys) = read::read_model(config, sources, &tree, diags);
    if std::env::var_os("TERBIT_TIMINGS").is_some() {
        eprintln!(
            "timings: page tree {tree_time:?}, model {:?}",
            timer.elapsed() - tree_time
        );
    }
    let sink = Sink::default();
    for source in &sources.files {
        if !read_keys.contains(&source.key()) {
            source.fields("front matter", &sink).finish();
        }
    }
    diags.extend(sink.into_inner());
    Plan { tree, model }
}
