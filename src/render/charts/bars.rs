//! Bars of shares and amounts: programmes by status on one bar, the budget
//! per year stacked by pillar.

use std::fmt::Write;

use super::svg::{Paint, defs, esc, legend, open};

/// One segment of a stacked bar: a name, a paint and a value.
pub struct Segment<'a> {
    pub label: &'a str,
    pub paint: Paint<'a>,
    pub value: i64,
    /// The value as the reader writes it.
    pub text: String,
}

/// A single horizontal bar split by share (progress by status), with a legend
/// that names each part and its value.
pub fn stacked_bar(id: &str, title: &str, desc: &str, segments: &[Segment]) -> String {
    let total: i64 = segments.iter().map(|s| s.value.max(0)).sum();
    let (width, bar_h) = (360u32, 28u32);
    let keys: Vec<(Paint, String)> = segments
        .iter()
        .map(|s| (s.paint, format!("{}: {}", s.label, s.text)))
        .collect();
    let mut body = String::with_capacity(1024);
    let paints: Vec<Paint> = segments.iter().map(|s| s.paint).collect();
    defs(&mut body, id, &paints);
    let mut x = 0.0;
    for s in segments {
        if total == 0 || s.value <= 0 {
            continue;
        }
        let w = s.value as f64 / total as f64 * width as f64;
        let _ = write!(
            body,
            "<rect {} x=\"{:.1}\" y=\"1\" width=\"{:.1}\" height=\"{}\"/>",
            s.paint.attrs(id),
            x + 0.5,
            (w - 1.0).max(0.5),
            bar_h - 2
        );
        x += w;
    }
    let legend_h = legend(&mut body, id, &keys, bar_h + 12, width);
    let mut out = String::with_capacity(body.len() + 256);
    open(
        &mut out,
        id,
        (width, bar_h + 12 + legend_h),
        (title, desc),
        true,
    );
    out.push_str(&body);
    out.push_str("</svg>");
    out
}

/// Vertical bars, one per column, stacked by series (budget per year per pillar).
pub struct Series<'a> {
    pub label: &'a str,
    pub paint: Paint<'a>,
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
    let width = (left + col_w * columns.len() as u32).max(360);
    let totals: Vec<i64> = (0..columns.len())
        .map(|c| {
            series
                .iter()
                .map(|s| s.values.get(c).copied().unwrap_or(0).max(0))
                .sum()
        })
        .collect();
    let max = totals.iter().copied().max().unwrap_or(0).max(1);
    let mut body = String::with_capacity(1024 + columns.len() * series.len() * 100);
    let paints: Vec<Paint> = series.iter().map(|s| s.paint).collect();
    defs(&mut body, id, &paints);
    let _ = write!(
        body,
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
                body,
                "<rect {} x=\"{}\" y=\"{:.1}\" width=\"{}\" height=\"{:.1}\"/>",
                s.paint.attrs(id),
                x + 8,
                y + 0.5,
                col_w - 16,
                (h - 1.0).max(0.5)
            );
        }
        let _ = write!(
            body,
            "<text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            x + col_w / 2,
            top + plot_h + 16,
            esc(label)
        );
    }
    let keys: Vec<(Paint, String)> = series
        .iter()
        .map(|s| (s.paint, s.label.to_string()))
        .collect();
    let legend_h = legend(&mut body, id, &keys, top + plot_h + 28, width);
    let mut out = String::with_capacity(body.len() + 256);
    open(
        &mut out,
        id,
        (width, top + plot_h + 28 + legend_h),
        (title, desc),
        true,
    );
    out.push_str(&body);
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::super::svg::Fill;
    use super::*;

    #[test]
    fn a_stacked_bar_is_one_image_whose_legend_names_every_part() {
        let svg = stacked_bar(
            "p",
            "Progress <all>",
            "3 programmes",
            &[
                Segment {
                    label: "Done",
                    paint: Paint {
                        class: "st-done",
                        fill: Fill::Dots,
                    },
                    value: 2,
                    text: "2".into(),
                },
                Segment {
                    label: "Planned",
                    paint: Paint {
                        class: "st-planned",
                        fill: Fill::Hatch,
                    },
                    value: 1,
                    text: "1".into(),
                },
            ],
        );
        assert!(
            svg.starts_with(
                "<svg class=\"chart chart-p\" role=\"img\" aria-labelledby=\"p-t p-d\""
            )
        );
        assert!(svg.contains("<title id=\"p-t\">Progress &lt;all&gt;</title>"));
        assert!(svg.contains("width=\"239.0\""), "{svg}");
        assert!(svg.contains(">Done: 2</text>") && svg.contains(">Planned: 1</text>"));
        assert_eq!(svg.matches("<pattern").count(), 2);
    }
}
