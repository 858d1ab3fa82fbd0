//! The markup of a picture: `<picture>` with a WebP `srcset` and the
//! original format's beside it, its size (so nothing moves while it loads),
//! lazy loading below the first picture of a page, and a link to the largest copy.

use serde::Serialize;

use super::{Format, Picture, Variant};
use crate::html::escape;

/// The width a picture takes in the theme's text column (44rem), else the
/// viewport less the page's margins.
pub const SIZES: &str = "(min-width: 46rem) 44rem, calc(100vw - 2rem)";

fn srcset(base_path: &str, set: &[Variant]) -> String {
    set.iter()
        .map(|v| format!("{base_path}{} {}w", crate::paths::encode(&v.file), v.width))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The variants the markup of `picture` uses: WebP, then the fallback format.
pub fn variants(picture: &Picture) -> Vec<Variant> {
    let mut out = picture.set(Format::Webp);
    if let Some(f) = picture.fallback() {
        out.extend(picture.set(f));
    }
    out
}

/// A picture in the text. `eager` for the first picture of a page.
pub fn picture(
    picture: &Picture,
    base_path: &str,
    alt: &str,
    title: Option<&str>,
    eager: bool,
) -> String {
    let webp = picture.set(Format::Webp);
    let fallback = picture.fallback().map(|f| picture.set(f));
    let img_set = fallback.as_ref().unwrap_or(&webp);
    let largest = img_set.last().unwrap_or(&webp[0]);
    // The `src` for browsers without `srcset`: the middle width.
    let src = &img_set[img_set.len().saturating_sub(1).min(1)];
    let url = |v: &Variant| format!("{base_path}{}", crate::paths::encode(&v.file));
    let mut html = format!("<a class=\"photo\" href=\"{}\"><picture>", url(largest));
    if fallback.is_some() {
        html.push_str(&format!(
            "<source type=\"image/webp\" srcset=\"{}\" sizes=\"{SIZES}\">",
            srcset(base_path, &webp)
        ));
    }
    html.push_str(&format!(
        "<img src=\"{}\" srcset=\"{}\" sizes=\"{SIZES}\" width=\"{}\" height=\"{}\" alt=\"{}\"",
        url(src),
        srcset(base_path, img_set),
        largest.width,
        largest.height,
        escape(alt)
    ));
    if let Some(t) = title.filter(|t| !t.is_empty()) {
        html.push_str(&format!(" title=\"{}\"", escape(t)));
    }
    html.push_str(" decoding=\"async\"");
    if !eager {
        html.push_str(" loading=\"lazy\"");
    }
    html.push_str("></picture></a>");
    html
}

/// A page's card picture as templates see it: the smallest copy.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Card {
    /// The smallest WebP copy.
    pub webp: String,
    /// The smallest copy in the original's format (the WebP when it is one).
    pub src: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

/// The variants a card uses.
pub fn card_variants(picture: &Picture) -> Vec<Variant> {
    let w = super::WIDTHS[0];
    let mut out = vec![picture.variant(w, Format::Webp)];
    if let Some(f) = picture.fallback() {
        out.push(picture.variant(w, f));
    }
    out
}

pub fn card(picture: &Picture, base_path: &str, alt: &str) -> Card {
    let variants = card_variants(picture);
    let url = |v: &Variant| format!("{base_path}{}", crate::paths::encode(&v.file));
    let small = variants.last().unwrap_or(&variants[0]);
    Card {
        webp: url(&variants[0]),
        src: url(small),
        width: small.width,
        height: small.height,
        alt: alt.to_string(),
    }
}

/// The link preview's picture (`og:image`): absolute URL and size.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OpenGraph {
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}
