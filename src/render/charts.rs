//! Charts as inline SVG, made at build time.
//!
//! Readable without JavaScript and without loading anything: each chart is
//! an `<svg role="img">` with a `<title>` and `<desc>`, coloured through CSS
//! classes of the theme (so dark mode and print apply), and the templates
//! put a table with the same numbers beside it.

use std::fmt::Write;

use crate::html::escape as esc;

/// The opening of an accessible SVG with its title and description.
fn open(out: &mut String, id: &str, width: u32, height: u32, title: &str, desc: &str) {
    let _ = write!(
        out,
        "<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" viewBox=\"0 0 {width} {height}\" \
         width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        esc(title),
        esc(desc)
    );
}

/// One segment of a stacked bar: a label, a CSS class and a value.
pub struct Segment<'a> {
    pub label: &'a str,
    pub class: &'a str,
    pub value: i64,
    /// The value as the reader writes it.
    pub text: String,
}

/// A single horizontal bar split by share (progress by status).
pub fn stacked_bar(id: &str, title: &str, desc: &str, segments: &[Segment]) -> String {
    let total: i64 = segments.iter().map(|s| s.value.max(0)).sum();
    let (width, bar_h) = (600u32, 28u32);
    let legend_rows = segments.len().div_ceil(2) as u32;
    let height = bar_h + 12 + legend_rows * 22;
    let mut out = String::with_capacity(1024);
    open(&mut out, id, width, height, title, desc);
    let mut x = 0.0;
    for s in segments {
        if total == 0 || s.value <= 0 {
            continue;
        }
        let w = s.value as f64 / total as f64 * width as f64;
        let _ = write!(
            out,
            "<rect class=\"{}\" x=\"{x:.1}\" y=\"0\" width=\"{w:.1}\" height=\"{bar_h}\"/>",
            s.class
        );
        x += w;
    }
    for (i, s) in segments.iter().enumerate() {
        let (col, row) = ((i % 2) as u32, (i / 2) as u32);
        let (lx, ly) = (col * 300, bar_h + 12 + row * 22);
        let _ = write!(
            out,
            "<rect class=\"{}\" x=\"{lx}\" y=\"{ly}\" width=\"14\" height=\"14\"/><text x=\"{}\" y=\"{}\">{}: {}</text>",
            s.class,
            lx + 20,
            ly + 12,
            esc(s.label),
            esc(&s.text)
        );
    }
    out.push_str("</svg>");
    out
}

/// One row of the roadmap matrix: a label and a count per year.
pub struct MatrixRow<'a> {
    pub label: &'a str,
    pub counts: Vec<usize>,
}

/// Rows (pillars) by columns (years), each cell shaded by how many
/// programmes run then, with the number written in it.
pub fn matrix(id: &str, title: &str, desc: &str, years: &[i32], rows: &[MatrixRow]) -> String {
    let (label_w, cell_w, cell_h, head_h) = (190u32, 52u32, 30u32, 24u32);
    let width = label_w + cell_w * years.len() as u32;
    let height = head_h + cell_h * rows.len() as u32;
    let max = rows
        .iter()
        .flat_map(|r| r.counts.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1);
    let mut out = String::with_capacity(256 + rows.len() * years.len() * 120);
    open(&mut out, id, width, height, title, desc);
    for (j, y) in years.iter().enumerate() {
        let _ = write!(
            out,
            "<text class=\"axis\" x=\"{}\" y=\"16\" text-anchor=\"middle\">{y}</text>",
            label_w + cell_w * j as u32 + cell_w / 2
        );
    }
    for (i, r) in rows.iter().enumerate() {
        let y = head_h + cell_h * i as u32;
        let _ = write!(
            out,
            "<text x=\"0\" y=\"{}\">{}</text>",
            y + 20,
            esc(&truncate(r.label, 26))
        );
        for (j, &n) in r.counts.iter().enumerate() {
            let x = label_w + cell_w * j as u32;
            let opacity = if n == 0 {
                0.0
            } else {
                0.2 + 0.8 * n as f64 / max as f64
            };
            let _ = write!(
                out,
                "<rect class=\"cell\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill-opacity=\"{opacity:.2}\"/>",
                x + 1,
                y + 1,
                cell_w - 2,
                cell_h - 2
            );
            if n > 0 {
                let class = if opacity > 0.55 {
                    "on-dark"
                } else {
                    "on-light"
                };
                let _ = write!(
                    out,
                    "<text class=\"{class}\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{n}</text>",
                    x + cell_w / 2,
                    y + 20
                );
            }
        }
    }
    out.push_str("</svg>");
    out
}

/// One bar of a Gantt chart.
pub struct Span<'a> {
    pub label: &'a str,
    pub start: i32,
    pub end: i32,
    pub class: &'a str,
}

/// Programmes as bars across years.
pub fn gantt(id: &str, title: &str, desc: &str, years: &[i32], spans: &[Span]) -> String {
    let (label_w, col_w, row_h, head_h) = (190u32, 52u32, 24u32, 24u32);
    let width = label_w + col_w * years.len() as u32;
    let height = head_h + row_h * spans.len() as u32;
    let first = years.first().copied().unwrap_or(0);
    let mut out = String::with_capacity(256 + spans.len() * 200);
    open(&mut out, id, width, height, title, desc);
    for (j, y) in years.iter().enumerate() {
        let x = label_w + col_w * j as u32;
        let _ = write!(
            out,
            "<line class=\"grid\" x1=\"{x}\" y1=\"{head_h}\" x2=\"{x}\" y2=\"{height}\"/><text class=\"axis\" x=\"{}\" y=\"16\" text-anchor=\"middle\">{y}</text>",
            x + col_w / 2
        );
    }
    for (i, s) in spans.iter().enumerate() {
        let y = head_h + row_h * i as u32;
        let x = label_w + col_w * (s.start - first).max(0) as u32;
        let w = col_w * ((s.end - s.start).max(0) as u32 + 1);
        let _ = write!(
            out,
            "<text x=\"0\" y=\"{}\">{}</text><rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\"/>",
            y + 17,
            esc(&truncate(s.label, 26)),
            s.class,
            x + 2,
            y + 4,
            w - 4,
            row_h - 8
        );
    }
    out.push_str("</svg>");
    out
}

/// Vertical bars, one per column, stacked by series (budget per year per pillar).
pub struct Series<'a> {
    pub label: &'a str,
    pub class: &'a str,
    pub values: Vec<i64>,
}

pub fn stacked_columns(
    id: &str,
    title: &str,
    desc: &str,
    columns: &[String],
    series: &[Series],
    max_text: &str,
) -> String {
    let (left, col_w, plot_h, top) = (8u32, 64u32, 160u32, 22u32);
    let legend_rows = series.len().div_ceil(2) as u32;
    let width = (left + col_w * columns.len() as u32).max(600);
    let height = top + plot_h + 24 + legend_rows * 22;
    let totals: Vec<i64> = (0..columns.len())
        .map(|c| {
            series
                .iter()
                .map(|s| s.values.get(c).copied().unwrap_or(0).max(0))
                .sum()
        })
        .collect();
    let max = totals.iter().copied().max().unwrap_or(0).max(1);
    let mut out = String::with_capacity(1024 + columns.len() * series.len() * 100);
    open(&mut out, id, width, height, title, desc);
    let _ = write!(
        out,
        "<text class=\"axis\" x=\"{left}\" y=\"14\">{}</text>",
        esc(max_text)
    );
    for (c, label) in columns.iter().enumerate() {
        let x = left + col_w * c as u32;
        let mut y = (top + plot_h) as f64;
        for s in series {
            let v = s.values.get(c).copied().unwrap_or(0).max(0);
            if v == 0 {
                continue;
            }
            let h = v as f64 / max as f64 * plot_h as f64;
            y -= h;
            let _ = write!(
                out,
                "<rect class=\"{}\" x=\"{}\" y=\"{y:.1}\" width=\"{}\" height=\"{h:.1}\"/>",
                s.class,
                x + 8,
                col_w - 16
            );
        }
        let _ = write!(
            out,
            "<text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            x + col_w / 2,
            top + plot_h + 16,
            esc(label)
        );
    }
    for (i, s) in series.iter().enumerate() {
        let (col, row) = ((i % 2) as u32, (i / 2) as u32);
        let (lx, ly) = (col * 300, top + plot_h + 28 + row * 22);
        let _ = write!(
            out,
            "<rect class=\"{}\" x=\"{lx}\" y=\"{ly}\" width=\"14\" height=\"14\"/><text x=\"{}\" y=\"{}\">{}</text>",
            s.class,
            lx + 20,
            ly + 12,
            esc(s.label)
        );
    }
    out.push_str("</svg>");
    out
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_are_accessible_images() {
        let svg = stacked_bar(
            "p",
            "Progress <all>",
            "3 programmes",
            &[
                Segment {
                    label: "Done",
                    class: "st-done",
                    value: 2,
                    text: "2".into(),
                },
                Segment {
                    label: "Planned",
                    class: "st-planned",
                    value: 1,
                    text: "1".into(),
                },
            ],
        );
        assert!(svg.starts_with("<svg class=\"chart\" role=\"img\" aria-labelledby=\"p-t p-d\""));
        assert!(svg.contains("<title id=\"p-t\">Progress &lt;all&gt;</title>"));
        assert!(svg.contains("width=\"400.0\""));
        let m = matrix(
            "m",
            "t",
            "d",
            &[2024, 2025],
            &[MatrixRow {
                label: "Tata Kelola",
                counts: vec![0, 3],
            }],
        );
        assert_eq!(m.matches("<rect").count(), 2);
        assert!(m.contains(">3</text>"));
        let g = gantt(
            "g",
            "t",
            "d",
            &[2024, 2025, 2026],
            &[Span {
                label: "A",
                start: 2025,
                end: 2026,
                class: "st-ongoing",
            }],
        );
        assert!(
            g.contains("x=\"244\"") && g.contains("width=\"100\""),
            "{g}"
        );
    }
}
