//! The pieces every chart is drawn with: the accessible opening, fill
//! patterns, the legend, names wrapped to a width.

use std::fmt::Write;

pub use crate::html::escape as esc;

/// How a shape is filled besides its colour, so that shapes differ in grey too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fill {
    Solid,
    /// Diagonal stripes, rising.
    Hatch,
    /// Diagonal stripes, falling.
    BackHatch,
    Dots,
    Horizontal,
    Vertical,
}

/// The fills of the series of one chart, in order (pillars in the budget chart).
pub const SERIES_FILLS: [Fill; 6] = [
    Fill::Solid,
    Fill::Hatch,
    Fill::Dots,
    Fill::BackHatch,
    Fill::Horizontal,
    Fill::Vertical,
];

/// A colour (a CSS class such as `st-planned`) and a fill pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paint<'a> {
    pub class: &'a str,
    pub fill: Fill,
}

impl Paint<'_> {
    fn pattern_id(&self, chart: &str) -> String {
        format!("{chart}-{}-{:?}", self.class, self.fill).to_ascii_lowercase()
    }

    /// The same with an outline whatever the fill (a bar that may be dashed).
    pub fn attrs_outlined(&self, chart: &str) -> String {
        match self.fill {
            Fill::Solid => format!("class=\"{c} outline ln-{c}\"", c = self.class),
            _ => self.attrs(chart),
        }
    }

    /// The attributes that paint a shape: its colour, or its pattern with an
    /// outline in its colour.
    pub fn attrs(&self, chart: &str) -> String {
        match self.fill {
            Fill::Solid => format!("class=\"{}\"", self.class),
            _ => format!(
                "fill=\"url(#{})\" class=\"outline ln-{}\"",
                self.pattern_id(chart),
                self.class
            ),
        }
    }
}

/// The opening of an SVG named by its title and description. A chart of
/// links is a group of them; a chart without is one image.
pub fn open(
    out: &mut String,
    id: &str,
    (width, height): (u32, u32),
    (title, desc): (&str, &str),
    image: bool,
) {
    let role = if image { " role=\"img\"" } else { "" };
    let _ = write!(
        out,
        "<svg class=\"chart chart-{id}\"{role} aria-labelledby=\"{id}-t {id}-d\" viewBox=\"0 0 {width} {height}\" \
         width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        esc(title),
        esc(desc)
    );
}

/// The patterns the paints need, once each.
pub fn defs(out: &mut String, chart: &str, paints: &[Paint]) {
    let mut done: Vec<Paint> = Vec::new();
    out.push_str("<defs>");
    for p in paints {
        if p.fill == Fill::Solid || done.contains(p) {
            continue;
        }
        done.push(*p);
        let (rotate, mark) = match p.fill {
            Fill::Hatch => (-45, "<rect width=\"3\" height=\"6\" class=\"{c}\"/>"),
            Fill::BackHatch => (45, "<rect width=\"3\" height=\"6\" class=\"{c}\"/>"),
            Fill::Horizontal => (0, "<rect width=\"6\" height=\"3\" class=\"{c}\"/>"),
            Fill::Vertical => (0, "<rect width=\"3\" height=\"6\" class=\"{c}\"/>"),
            Fill::Dots | Fill::Solid => (0, "<circle cx=\"3\" cy=\"3\" r=\"2\" class=\"{c}\"/>"),
        };
        let _ = write!(
            out,
            "<pattern id=\"{}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"{}><rect width=\"6\" height=\"6\" class=\"pat-bg\"/>{}</pattern>",
            p.pattern_id(chart),
            if rotate == 0 {
                String::new()
            } else {
                format!(" patternTransform=\"rotate({rotate})\"")
            },
            mark.replace("{c}", p.class)
        );
    }
    out.push_str("</defs>");
}

/// A legend: a swatch and a name per key, wrapped into rows of `width`.
/// Returns the height it took.
pub fn legend(
    out: &mut String,
    chart: &str,
    keys: &[(Paint, String)],
    top: u32,
    width: u32,
) -> u32 {
    let (mut x, mut y) = (0u32, top);
    for (paint, text) in keys {
        let w = 20 + text_width(text, 13) + 16;
        if x > 0 && x + w > width {
            x = 0;
            y += 22;
        }
        let _ = write!(
            out,
            "<rect {} x=\"{}\" y=\"{}\" width=\"14\" height=\"14\"/><text x=\"{}\" y=\"{}\">{}</text>",
            paint.attrs(chart),
            x + 1,
            y + 1,
            x + 20,
            y + 13,
            esc(text)
        );
        x += w;
    }
    if keys.is_empty() { 0 } else { y - top + 22 }
}

/// About how wide `text` is at `size` px in the theme's sans-serif.
pub fn text_width(text: &str, size: u32) -> u32 {
    (text.chars().count() as u32 * size * 56).div_ceil(100)
}

/// `text` in lines of at most `max` characters, broken between words, at most
/// `lines` of them (the last cut with an ellipsis only when the name is longer
/// than all of them together).
pub fn wrap(text: &str, max: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let fits = line.is_empty() || line.chars().count() + 1 + word.chars().count() <= max;
        if !fits {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || out.is_empty() {
        out.push(line);
    }
    if out.len() > lines {
        let mut last = out[lines - 1].clone();
        last.push('…');
        out.truncate(lines - 1);
        out.push(last);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_wrap_between_words_and_are_never_lost_below_the_limit() {
        assert_eq!(
            wrap("Sistem Peringatan Dini Banjir dan Longsor Terpadu", 24, 3),
            ["Sistem Peringatan Dini", "Banjir dan Longsor", "Terpadu"]
        );
        assert_eq!(wrap("a b c d", 1, 2), ["a", "b…"]);
        assert_eq!(wrap("", 10, 2), [""]);
        assert_eq!(wrap("Supercalifragilistic", 5, 2), ["Supercalifragilistic"]);
    }

    #[test]
    fn patterns_are_defined_once_and_solid_needs_none() {
        let mut out = String::new();
        let hatch = Paint {
            class: "st-planned",
            fill: Fill::Hatch,
        };
        let solid = Paint {
            class: "st-ongoing",
            fill: Fill::Solid,
        };
        defs(&mut out, "r", &[hatch, solid, hatch]);
        assert_eq!(out.matches("<pattern").count(), 1);
        assert!(out.contains("id=\"r-st-planned-hatch\""));
        assert_eq!(solid.attrs("r"), "class=\"st-ongoing\"");
        assert_eq!(
            hatch.attrs("r"),
            "fill=\"url(#r-st-planned-hatch)\" class=\"outline ln-st-planned\""
        );
    }
}
