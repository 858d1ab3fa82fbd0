//! Open data cells: whatever a title or an id holds, no CSV cell starts a
//! spreadsheet formula, and the row reads back as the same fields.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// The cells of a CSV row (RFC 4180 quoting), line end removed.
fn cells(row: &str) -> Vec<String> {
    let row = row.strip_suffix("\r\n").unwrap_or(row);
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = row.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(String::new()),
            (c, _) => out.last_mut().unwrap().push(c),
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let fields: Vec<String> = text.split('\u{1f}').map(str::to_string).collect();
    let row = terbit::output::open_data::csv_row(&fields);
    let read = cells(&row);
    assert_eq!(read.len(), fields.len(), "{row:?}");
    for (cell, field) in read.iter().zip(&fields) {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "a cell starts a formula: {cell:?}"
        );
        let unneutralised = cell.strip_prefix('\'').filter(|_| {
            field.starts_with(['=', '+', '-', '@', '\t', '\r'])
        });
        assert_eq!(unneutralised.unwrap_or(cell), field.as_str());
    }
});
