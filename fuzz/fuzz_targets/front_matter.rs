//! A content file as an editor might save it: split, TOML-parsed and read
//! field by field, with every error positioned, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use terbit::table::fields::{Fields, Problems};
use terbit::load::front_matter;
use terbit::table as toml_tree;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(split) = front_matter::split(&text) else { return };
    let (table, errors) = toml_tree::parse(split.front, split.front_line);
    for e in &errors {
        assert!(e.line >= 1);
    }
    let sink = Problems::default();
    let file = std::path::Path::new("content/x.md");
    let f = Fields::new(&table, file, "front matter", &sink);
    let _ = (f.str("title"), f.date("date"), f.int("weight"), f.year_or_date("start"), f.str_list("aliases"), f.json_table("extra"));
    for row in f.tables("budget", "a row") {
        let _ = (row.int("year"), row.number("amount"), row.bool("done"));
        row.finish();
    }
    f.finish();
    for d in sink.into_inner().sorted() {
        let _ = d.to_string();
    }
});
