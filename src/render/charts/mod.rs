//! Charts as inline SVG, made at build time.
//!
//! Readable without JavaScript and without loading anything, and without
//! colour: every series or status has a fill pattern as well as a colour
//! (hatched, dotted, striped, solid), a legend names each one in words, and
//! long names wrap instead of being cut. Colours come from CSS classes of the
//! theme (so dark mode and print apply); the templates put a table with the
//! same numbers beside each chart.

mod bars;
mod roadmap;
mod svg;

pub use bars::{Segment, Series, stacked_bar, stacked_columns};
pub use roadmap::{Bar, Group, MatrixRow, gantt, matrix};
pub use svg::{Fill, Paint, SERIES_FILLS};
