//! The plan as a PDF, typeset by Typst from the same data as the document
//! page (`render::pages::document`).
//!
//! The template (`document.typ`) is terbit's own and is the only Typst code
//! that runs; the plan reaches it as JSON data (`/data.json`), so a text is
//! always shown as text. The [`world`] holds nothing else but the built-in
//! fonts. The PDF is tagged (PDF/UA-1), its language set, and its bytes depend
//! only on the data: the document id comes from the site's address, language
//! and edition, its date from the build's "today".

pub mod blocks;
pub mod cache;
pub mod world;

use serde::Serialize;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::table::Date;

/// The Typst template of the document.
const TEMPLATE: &str = include_str!("document.typ");

/// A PDF to typeset: everything it is made from, apart from the site.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    /// The document, its strings and the site, as the template reads them.
    pub data: Vec<u8>,
    /// The pictures it shows, by their path in the typesetter's world.
    pub files: Vec<(String, Vec<u8>)>,
    /// Stable across builds of the same document: site address, language, edition.
    pub ident: String,
    pub today: Date,
}

impl Job {
    pub fn new(
        data: &impl Serialize,
        files: Vec<(String, Vec<u8>)>,
        ident: String,
        today: Date,
    ) -> Result<Job, String> {
        // Through `serde_json::Value`, whose maps are sorted: the template
        // contexts' maps are hash maps, and the same plan must give the same
        // bytes (the PDF cache is named by them).
        let value = serde_json::to_value(data).map_err(|e| e.to_string())?;
        Ok(Job {
            data: serde_json::to_vec(&value).map_err(|e| e.to_string())?,
            files,
            ident,
            today,
        })
    }
}

/// Typesets a document with the template.
pub fn typeset(job: &Job) -> Result<Vec<u8>, String> {
    // The build's "today", at midnight UTC: the document's date and the PDF's.
    let (y, m, d) = (job.today.year, job.today.month, job.today.day);
    let today = Datetime::from_ymd_hms(y, m.clamp(1, 12), d.clamp(1, 31), 0, 0, 0)
        .ok_or_else(|| format!("the date {} cannot be the PDF's date", job.today.iso()))?;
    let world = world::DocumentWorld::new(TEMPLATE, job.data.clone(), &job.files, today);
    let warned = typst::compile::<PagedDocument>(&world);
    let document = warned.output.map_err(|e| messages(&e[..]))?;
    let options = PdfOptions {
        ident: Smart::Custom(job.ident.clone()),
        creator: Smart::Custom(Some("terbit".to_string())),
        timestamp: Some(Timestamp::new_utc(today)),
        page_ranges: None,
        standards: PdfStandards::new(&[PdfStandard::Ua_1]).map_err(|e| e.message().to_string())?,
        tagged: true,
        pretty: false,
    };
    typst_pdf::pdf(&document, &options).map_err(|e| messages(&e[..]))
}

fn messages(diags: &[SourceDiagnostic]) -> String {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let mut m = d.message.to_string();
            for hint in &d.hints {
                m.push_str("; ");
                m.push_str(&hint.v);
            }
            m
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Colours for a chart of the site, which takes them from the page's
/// stylesheet: the PDF's charts carry their own.
pub(crate) const CHART_STYLE: &str = "<style>text{font-family:'Libertinus Serif';font-size:12px;fill:#1c1f23}\
.axis{fill:#4a5560}.grid{stroke:#d5dbe0}.cell{fill:#0b5e55}text.on-dark{fill:#fff}\
.st-planned{fill:#3f4c99}.st-ongoing{fill:#8a5300}.st-done{fill:#1d6b2f}.st-paused{fill:#8c1f1f}\
.pl-1{fill:#0b5e55}.pl-2{fill:#b5541c}.pl-3{fill:#3f4c99}.pl-4{fill:#8a6d00}.pl-5{fill:#7a2e6b}.pl-6{fill:#2f7a2f}\
.pat-bg{fill:#fff}.outline{stroke-width:1.5}.lbl{fill:#0a5a8c;font-size:13px}.grp{font-size:14px;font-weight:bold}\
.ln-st-planned{stroke:#3f4c99}.ln-st-ongoing{stroke:#8a5300}.ln-st-done{stroke:#1d6b2f}.ln-st-paused{stroke:#8c1f1f}\
.ln-pl-1{stroke:#0b5e55}.ln-pl-2{stroke:#b5541c}.ln-pl-3{stroke:#3f4c99}.ln-pl-4{stroke:#8a6d00}.ln-pl-5{stroke:#7a2e6b}.ln-pl-6{stroke:#2f7a2f}</style>";

/// A chart's SVG with its colours inside.
pub fn chart_for_print(svg: &str) -> String {
    match svg.find('>') {
        Some(end) if svg.starts_with("<svg") => {
            format!("{}{CHART_STYLE}{}", &svg[..=end], &svg[end + 1..])
        }
        _ => svg.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_data_gives_the_same_job_whatever_its_maps_order() {
        let today = Date {
            year: 2026,
            month: 1,
            day: 2,
        };
        let make = || {
            let map: std::collections::HashMap<String, usize> =
                (0..64).map(|i| (format!("k{i}"), i)).collect();
            Job::new(&map, Vec::new(), "id".into(), today).unwrap().data
        };
        assert_eq!(make(), make());
    }
}
