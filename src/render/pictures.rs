//! A page's pictures: the images of its text (resized, or copied when they
//! are drawings), its card picture in lists and its link preview.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::input::RenderInput;
use crate::config::LangIx;
use crate::diagnostics::Diagnostic;
use crate::images::{self, Located, Picture, html};
use crate::load::Source;
use crate::markdown::ImageAction;
use crate::plan::PageId;
use crate::table::fields::Problems;

/// The URL path the published copies are under: the current site's, also
/// for a frozen edition (a copy's name is the hash of its bytes, so the
/// edition and the current plan share the file when they share the photo).
pub fn base_path<'a>(input: &RenderInput<'a>) -> &'a str {
    input
        .edition
        .map_or(&input.config.base_path, |e| &e.current_config.base_path)
}

/// The folder a content file's `@/` addresses start from.
fn content_dir(src: &Source) -> PathBuf {
    let mut dir = src.file.parent().unwrap_or(Path::new("")).to_path_buf();
    for _ in &src.dir {
        dir.pop();
    }
    dir
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
    let images = input.images;
    let user = src.file.display().to_string();
    let located = images::locate(dest, &src.file, &content_dir(src));
    let base = base_path(input);
    let missing = |path: &Path, why: String| format!("image {}: {why}", path.display());
    match located {
        Ok(Located::Remote) => ImageAction::Keep,
        Ok(Located::Photo(path)) => match images.picture(&path) {
            Ok(p) => {
                images.want(&p, &html::variants(&p), &user);
                let title = (!title.is_empty()).then_some(title);
                ImageAction::Picture(html::picture(&p, base, alt, title, n == 0))
            }
            Err(why) => ImageAction::Refuse(missing(&path, why)),
        },
        Ok(Located::File(path)) => match images.want_file(&path, &user) {
            Ok(file) => ImageAction::Src(format!("{base}{}", crate::paths::encode(&file))),
            Err(why) => ImageAction::Refuse(missing(&path, why)),
        },
        Err(why) => ImageAction::Refuse(format!("image {why}")),
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
) -> Option<(Arc<Picture>, &'a Source)> {
    let src = image_source(input, li, p)?;
    let dest = src.meta.image.as_deref()?;
    match images::locate(dest, &src.file, &content_dir(src)) {
        Ok(Located::Photo(path)) => input.images.picture(&path).ok().map(|pic| (pic, src)),
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
        &pic,
        &html::card_variants(&pic),
        &src.file.display().to_string(),
    );
    Some(html::card(&pic, base_path(input), &alt_text(input, li, p)))
}

/// Page `p`'s link preview picture.
pub fn open_graph(input: &RenderInput, li: LangIx, p: PageId) -> Option<html::OpenGraph> {
    let (pic, src) = page_picture(input, li, p)?;
    let og = pic.og();
    input.images.want(
        &pic,
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

/// The problem with a file's own `image`, at the key's line.
pub fn image_key_problem(input: &RenderInput, src: &Source) -> Option<Diagnostic> {
    let dest = src.meta.image.as_deref()?;
    let why = match images::locate(dest, &src.file, &content_dir(src)) {
        Ok(Located::Photo(path)) => match input.images.picture(&path) {
            Ok(_) => return None,
            Err(why) => format!("{}: {why}", path.display()),
        },
        Ok(Located::Remote) => {
            "it is on another host; a page's picture is a file of the site".into()
        }
        Ok(Located::File(path)) => format!(
            "{} is not a photo; a page's picture is a JPEG, PNG or WebP file",
            path.display()
        ),
        Err(why) => why,
    };
    let problems = Problems::default();
    let fields = src.fields("front matter", &problems);
    Some(
        fields
            .error("image", format!("`image` {dest:?} cannot be used: {why}"))
            .with_hint("give the path of a photo beside the page (news/x/foto.jpg for news/x.md), or under static/ as /foto.jpg"),
    )
}
