//! The roadmap: programmes as bars across the years, grouped under their
//! pillar, each bar a link to its programme; and, for plans too big for one bar
//! each, pillars by years with the number of programmes running.

use std::fmt::Write;

use super::svg::{Paint, defs, esc, legend, open, text_width, wrap};

/// One row of the roadmap matrix: a name and a count per year.
pub struct MatrixRow<'a> {
    pub label: &'a str,
    pub counts: Vec<usize>,
}

/// Rows (pillars) by columns (years), each cell shaded by how many
/// programmes run then, with the number written in it.
pub fn matrix(id: &str, title: &str, desc: &str, years: &[i32], rows: &[MatrixRow]) -> String {
    let (label_w, cell_w, cell_h, head_h) = (190u32, 52u32, 36u32, 24u32);
    let width = label_w + cell_w * years.len() as u32;
    let height = head_h + cell_h * rows.len() as u32;
    let max = rows
        .iter()
        .flat_map(|r| r.counts.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1);
    let mut out = String::with_capacity(256 + rows.len() * years.len() * 120);
    open(&mut out, id, (width, height), (title, desc), true);
    for (j, y) in years.iter().enumerate() {
        let _ = write!(
            out,
            "<text class=\"axis\" x=\"{}\" y=\"16\" text-anchor=\"middle\">{y}</text>",
            label_w + cell_w * j as u32 + cell_w / 2
        );
    }
    for (i, r) in rows.iter().enumerate() {
        let y = head_h + cell_h * i as u32;
        let lines = wrap(r.label, 28, 2);
        let first = if lines.len() == 1 { y + 23 } else { y + 15 };
        for (k, line) in lines.iter().enumerate() {
            let _ = write!(
                out,
                "<text x=\"0\" y=\"{}\">{}</text>",
                first + 15 * k as u32,
                esc(line)
            );
        }
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
                    y + 23
                );
            }
        }
    }
    out.push_str("</svg>");
    out
}

/// One programme's bar.
pub struct Bar<'a> {
    /// Its whole name, marked when it is an example.
    pub label: &'a str,
    pub href: &'a str,
    pub start: i32,
    pub end: i32,
    pub paint: Paint<'a>,
    /// Its status in words.
    pub status: &'a str,
    pub illustrative: bool,
}

/// The bars under one heading (a pillar), which links to its page.
pub struct Group<'a> {
    pub label: &'a str,
    pub href: Option<&'a str>,
    pub bars: Vec<Bar<'a>>,
}

/// The chart's width: on a 390 px phone it shows at about its own size.
const WIDTH: u32 = 420;
const LINE: u32 = 17;
const BAR_H: u32 = 14;

/// Programmes as bars across `years`, under their groups' headings, with a
/// legend of `keys` (each status in words beside its pattern). Each bar and its
/// name are one link, named by the programme, its status and its years.
pub fn gantt(
    id: &str,
    (title, desc): (&str, &str),
    years: &[i32],
    groups: &[Group],
    keys: &[(Paint, String)],
) -> String {
    let first = years.first().copied().unwrap_or(0);
    let col_w = WIDTH as f64 / years.len().max(1) as f64;
    let mut body =
        String::with_capacity(1024 + groups.iter().map(|g| g.bars.len()).sum::<usize>() * 400);
    let paints: Vec<Paint> = keys.iter().map(|(p, _)| *p).collect();
    defs(&mut body, id, &paints);
    let axis_top = legend(&mut body, id, keys, 0, WIDTH) + 6;
    let mut y = axis_top + 22;
    let mut rows = String::new();
    let headed = groups.len() > 1;
    for g in groups {
        if headed {
            heading(&mut rows, g, y);
            y += 26;
        }
        for bar in &g.bars {
            y = bar_row(&mut rows, id, bar, (first, col_w), y);
        }
    }
    let height = y + 4;
    // The years across the top, every one that has room for its number.
    let every = (32.0 / col_w).ceil().max(1.0) as usize;
    for (j, year) in years.iter().enumerate() {
        let x = col_w * j as f64;
        let _ = write!(
            body,
            "<line class=\"grid\" x1=\"{x:.1}\" y1=\"{}\" x2=\"{x:.1}\" y2=\"{height}\"/>",
            axis_top + 18
        );
        if j % every == 0 {
            let _ = write!(
                body,
                "<text class=\"axis\" x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{year}</text>",
                x + col_w / 2.0,
                axis_top + 13
            );
        }
    }
    body.push_str(&rows);
    let mut out = String::with_capacity(body.len() + 256);
    open(&mut out, id, (WIDTH, height), (title, desc), false);
    out.push_str(&body);
    out.push_str("</svg>");
    out
}

fn heading(out: &mut String, g: &Group, y: u32) {
    let text = format!(
        "<text class=\"grp\" x=\"0\" y=\"{}\">{}</text>",
        y + 16,
        esc(&wrap(g.label, 50, 1)[0])
    );
    match g.href {
        Some(href) => {
            let _ = write!(out, "<a href=\"{}\">{text}</a>", esc(href));
        }
        None => out.push_str(&text),
    }
}

/// One programme: its name, its status and years at the right of the name (or
/// under it), then its bar across the years. Returns the top of the next row.
fn bar_row(out: &mut String, id: &str, bar: &Bar, (first, col_w): (i32, f64), y: u32) -> u32 {
    let x0 = col_w * (bar.start - first).max(0) as f64;
    let x1 = col_w * ((bar.end - first).max(bar.start - first).max(0) + 1) as f64;
    let years = if bar.end > bar.start {
        format!("{}–{}", bar.start, bar.end)
    } else {
        bar.start.to_string()
    };
    // The link's name is what it shows: the programme, its status, its years.
    let status = format!("{} · {years}", bar.status);
    // The status at the right of the name's last line, or on a line of its own.
    let lines = wrap(bar.label, 54, 3);
    let last_w = text_width(lines.last().map_or("", String::as_str), 13);
    let beside = last_w + 12 + text_width(&status, 12) <= WIDTH;
    let status_line = lines.len() as u32 - u32::from(beside);
    let _ = write!(out, "<a href=\"{}\">", esc(bar.href));
    for (k, line) in lines.iter().enumerate() {
        let _ = write!(
            out,
            "<text class=\"lbl\" x=\"2\" y=\"{}\">{}</text>",
            y + 13 + LINE * k as u32,
            esc(line)
        );
    }
    let _ = write!(
        out,
        "<text class=\"st-text\" x=\"{WIDTH}\" y=\"{}\" text-anchor=\"end\">{}</text>",
        y + 13 + LINE * status_line,
        esc(&status)
    );
    let rows = status_line + 1;
    let bar_y = y + LINE * rows + 2;
    let dashed = if bar.illustrative {
        " stroke-dasharray=\"4 2\""
    } else {
        ""
    };
    let _ = write!(
        out,
        "<rect {} x=\"{:.1}\" y=\"{bar_y}\" width=\"{:.1}\" height=\"{BAR_H}\" rx=\"2\"{dashed}/>",
        bar.paint.attrs_outlined(id),
        x0 + 1.5,
        (x1 - x0 - 3.0).max(2.0),
    );
    out.push_str("</a>");
    bar_y + BAR_H + 12
}

#[cfg(test)]
mod tests {
    use super::super::svg::Fill;
    use super::*;

    fn bar<'a>(label: &'a str, start: i32, end: i32, illustrative: bool) -> Bar<'a> {
        Bar {
            label,
            href: "/program/a/",
            start,
            end,
            paint: Paint {
                class: "st-planned",
                fill: Fill::Hatch,
            },
            status: "Direncanakan",
            illustrative,
        }
    }

    #[test]
    fn every_bar_is_a_named_link_under_its_pillar_with_its_status_in_words() {
        let keys = [(
            Paint {
                class: "st-planned",
                fill: Fill::Hatch,
            },
            "Direncanakan".to_string(),
        )];
        let long =
            "Sistem Peringatan Dini Banjir dan Longsor Berbasis Sensor di Seluruh Kelurahan Kota";
        let groups = [
            Group {
                label: "Lingkungan Cerdas",
                href: Some("/pilar/x/"),
                bars: vec![bar(long, 2025, 2027, false)],
            },
            Group {
                label: "Ekonomi",
                href: None,
                bars: vec![bar("Contoh · Pasar", 2024, 2024, true)],
            },
        ];
        let svg = gantt(
            "roadmap",
            ("t", "d"),
            &[2024, 2025, 2026, 2027],
            &groups,
            &keys,
        );
        assert!(
            !svg.contains("role=\"img\""),
            "a chart of links is no single image"
        );
        assert_eq!(svg.matches("<a href=\"/program/a/\">").count(), 2);
        // Beside the name when there is room, else under it.
        assert!(svg.contains(">Direncanakan · 2024</text>"), "{svg}");
        assert!(svg.contains(">Direncanakan · 2025–2027</text>"), "{svg}");
        assert!(svg.contains("<a href=\"/pilar/x/\"><text class=\"grp\""));
        assert!(
            svg.contains(">Direncanakan</text>"),
            "the legend says the status"
        );
        // The whole name is there, over lines of its own.
        assert!(
            svg.contains(">Sistem Peringatan Dini Banjir dan Longsor Berbasis</text>"),
            "{svg}"
        );
        assert!(!svg.contains('…'));
        assert!(
            svg.contains("stroke-dasharray"),
            "an example's bar is dashed"
        );
    }
}
