//! Sources -> [`Plan`]: the page tree and the plan model, cross-checked.
//!
//! [`pages`] decides which pages exist in which language and at which URL.
//! Front-matter keys beyond the common ones are checked here: plain pages
//! may only have the common keys, so a typo is reported with its line.

pub mod pages;

use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::load::Sources;
use crate::load::fields::Sink;
pub use pages::{Page, PageKind, PageTree, Version};

#[derive(Debug)]
pub struct Plan {
    pub tree: PageTree,
}

pub fn plan(config: &Config, sources: &Sources, diags: &mut Diagnostics) -> Plan {
    let tree = pages::build_tree(config, sources, diags);
    let sink = Sink::default();
    for source in &sources.files {
        source.fields("front matter", &sink).finish();
    }
    diags.extend(sink.into_inner());
    Plan { tree }
}
