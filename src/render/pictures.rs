//! A page's pictures: the images of its text (resized, or copied when they
//! are drawings), its card picture in lists and its link preview.

use std::path::Path;
use std::sync::Arc;

use super::input::RenderInput;
use crate::config::LangIx;
use crate::images::{self, Image, Located, Picture, html};
use crate::load::STATIC_DIR;
use crate::load::Source;
use crate::markdown::ImageAction;
use crate::plan::PageId;

/// The URL path the published copies are under: the current site's, also
/// for a frozen edition (a copy's name is the hash of its bytes, so the
/// edition and the current plan share the file when they share the photo).
pub fn base_path<'a>(input: &RenderInput<'a>) -> &'a str {
    input
        .edition
        .map_or(&input.config.base_path, |e| &e.current_config.base_path)
}

/// Where an address an author wrote on `src` points (see [`images::locate`]).
fn locate(src: &Source, dest: &str) -> Result<Located, String> {
    images::locate(dest, &src.file, &src.content_dir(), Path::new(STATIC_DIR))
}

/// The image the load stage found at `path`, or why there is none to show.
fn image_at<'a>(input: &RenderInput<'a>, path: &Path) -> Result<&'a Image, String> {
    match input.sources.pictures.get(path) {
        Some(Ok(image)) => Ok(image),
        Some(Err(why)) => Err(why.clone()),
        None if images::is_image_name(&path.to_string_lossy()) => {
            Err("the file does not exist".into())
        }
        None => Err("it is not a JPEG, PNG, WebP, SVG or GIF image".into()),
    }
}

/// Decides each image of `src`'s text.
pub fn text_image(
    input: &RenderInput,
    src: &Source,
    dest: &str,
    alt: &str,
    title: &str,
    n: usize,
) -> ImageAction {
    let path = match locate(src, dest) {
        Ok(Located::Remote) => return ImageAction::Keep,
        Ok(Located::Local(path)) => path,
        Err(why) => return ImageAction::Refuse(format!("image {why}")),
    };
    let user = src.file.display().to_string();
    let base = base_path(input);
    match image_at(input, &path) {
        Ok(Image::Photo(p)) => {
            input.images.want(p, &html::variants(p), &user);
            let title = (!title.is_empty()).then_some(title);
            ImageAction::Picture(html::picture(p, base, alt, title, n == 0))
        }
        Ok(Image::Drawing(d)) => {
            input.images.want_drawing(d, &user);
            ImageAction::Src(format!("{base}{}", crate::paths::encode(&d.file)))
        }
        Err(why) => ImageAction::Refuse(format!("image {}: {why}", path.display())),
    }
}

/// The file whose `image` page `p` shows in this language: its own, else
/// the default language's.
fn image_source<'a>(input: &RenderInput<'a>, li: LangIx, p: PageId) -> Option<&'a Source> {
    let (sources, plan) = (input.sources, input.plan);
    let page = &plan.tree.pages[p];
    let own = page.versions[li].source.map(|s| &sources.files[s]);
    let default = page
        .version(&input.config.default_language)
        .source
        .map(|s| &sources.files[s]);
    own.filter(|s| s.meta.image.is_some())
        .or(default.filter(|s| s.meta.image.is_some()))
}

/// Page `p`'s photo, with the file that names it; `None` without one, or
/// when it cannot be used (the page's own render reports why).
fn page_picture<'a>(
    input: &RenderInput<'a>,
    li: LangIx,
    p: PageId,
) -> Option<(&'a Arc<Picture>, &'a Source)> {
    let src = image_source(input, li, p)?;
    let Ok(Located::Local(path)) = locate(src, src.meta.image.as_deref()?) else {
        return None;
    };
    match image_at(input, &path) {
        Ok(Image::Photo(pic)) => Some((pic, src)),
        _ => None,
    }
}

/// The alt text of page `p`'s picture in this language.
fn alt_text(input: &RenderInput, li: LangIx, p: PageId) -> String {
    let (sources, plan) = (input.sources, input.plan);
    let page = &plan.tree.pages[p];
    let own = page.versions[li].source.map(|s| &sources.files[s]);
    own.and_then(|s| s.meta.image_alt.clone())
        .or_else(|| image_source(input, li, p).and_then(|s| s.meta.image_alt.clone()))
        .unwrap_or_default()
}

/// Page `p`'s card picture, as lists show it.
pub fn card(input: &RenderInput, li: LangIx, p: PageId) -> Option<html::Card> {
    let (pic, src) = page_picture(input, li, p)?;
    input.images.want(
        pic,
        &html::card_variants(pic),
        &src.file.display().to_string(),
    );
    Some(html::card(pic, base_path(input), &alt_text(input, li, p)))
}

/// Page `p`'s link preview picture.
pub fn open_graph(input: &RenderInput, li: LangIx, p: PageId) -> Option<html::OpenGraph> {
    let (pic, src) = page_picture(input, li, p)?;
    let og = pic.og();
    input.images.want(
        pic,
        std::slice::from_ref(&og),
        &src.file.display().to_string(),
    );
    let path = format!("{}{}", base_path(input), crate::paths::encode(&og.file));
    Some(html::OpenGraph {
        url: input.config.permalink(&path),
        width: og.width,
        height: og.height,
        alt: alt_text(input, li, p),
    })
}

/// How wide the plan's PDF shows a photo of a text, in pixels of its copy.
const PRINT_WIDTH: u32 = 960;

/// A photo of `src`'s text as the plan's PDF shows it: its copy at most
/// [`PRINT_WIDTH`] wide in the original's format, one of those its pages
/// show (so a build that takes the PDF from the cache keeps it too), and
/// its path in the typesetter's world. `None` for anything else (a drawing,
/// an image elsewhere, one that cannot be used): the PDF gives its description.
pub fn for_print(input: &RenderInput, src: &Source, dest: &str) -> Option<(String, Vec<u8>)> {
    let Ok(Located::Local(path)) = locate(src, dest) else {
        return None;
    };
    let Ok(Image::Photo(p)) = image_at(input, &path) else {
        return None;
    };
    let copy = p.variant(PRINT_WIDTH, p.fallback().unwrap_or(images::Format::Webp));
    // Wanted like any copy a page shows, so that the cache keeps it.
    input.images.want(
        p,
        std::slice::from_ref(&copy),
        &src.file.display().to_string(),
    );
    let bytes = input.images.copy_bytes(p, copy.width, copy.format).ok()?;
    Some((format!("/{}", copy.file), bytes))
}
