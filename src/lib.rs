//! terbit: a city's Smart City Master Plan as a bilingual static site.
//!
//! One pipeline, one module per stage; each takes the previous stage's value
//! (see [`site`] for the whole of it):
//!
//! ```text
//! config ─> load ─> plan ─> render ─> output
//! ```
//!
//! Beside the stages: [`serve`] (the dev server: watch, rebuild, reload),
//! [`check`] (the publish gate), [`edition`] (frozen editions), [`init`],
//! [`new`] (a plan item to fill in);
//! and the leaves every stage may use: [`paths`] (site paths and URLs),
//! [`html`] (escaping), [`table`] (TOML with positions), [`index`] (typed
//! indices), [`diagnostics`] and [`progress`] (what a build has done, for
//! a terminal).

pub mod check;
pub mod config;
pub mod diagnostics;
pub mod edition;
pub mod html;
pub mod images;
pub mod index;
pub mod init;
pub mod load;
pub mod markdown;
pub mod new;
pub mod output;
pub mod paths;
pub mod pdf;
pub mod plan;
pub mod progress;
pub mod render;
pub mod serve;
pub mod site;
pub mod table;

pub use config::Config;
pub use diagnostics::{Diagnostic, Diagnostics};
pub use site::{BuildOptions, BuildReport, Scope, Site, build};
