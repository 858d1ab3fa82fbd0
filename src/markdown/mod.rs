//! Markdown -> HTML fragment + table of contents, `@/` links resolved.
//!
//! CommonMark with tables, footnotes, strikethrough, task lists and heading
//! attributes. Every heading gets a stable, unique `id` (from `{#id}` when the
//! author gave one, else from its text), which the table of contents and
//! `#anchor` links use. Links written `@/programs/x.md#anchor` are resolved by
//! the caller's resolver to the target's URL in the language being rendered;
//! a target that does not exist is reported with its line.

pub mod raw_html;
mod text;
pub use text::first_words;

/// A text's words cut at its headings (see [`text::sections`]).
pub fn sections(markdown: &str) -> Vec<(String, String)> {
    text::sections(markdown, options())
}

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
pub use raw_html::{HtmlPolicy, Removed};

/// One entry of a page's table of contents.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<Heading>,
    /// What was removed from the author's raw HTML, with where it was.
    pub removed: Vec<Removed>,
    /// Plain text of the body, for search and descriptions.
    pub text: String,
}

/// A link the page cannot have: an `@/` link whose target does not exist,
/// or a link or image with a scheme a page may not use (`javascript:`...).
#[derive(Debug, Clone, PartialEq)]
pub struct BrokenLink {
    pub target: String,
    /// Byte offset in the Markdown text.
    pub offset: usize,
    /// Why a link that is not an `@/` link is refused; `None` for a missing target.
    pub refused: Option<String>,
    /// An image that cannot be shown, rather than a link.
    pub image: bool,
}

/// What becomes of an image of the text, decided by the caller.
#[derive(Debug, Clone, PartialEq)]
pub enum ImageAction {
    /// Written as it is (an image on another host).
    Keep,
    /// Written with this address instead (a copied file).
    Src(String),
    /// Replaced by this markup (a resized photo), which the sanitiser never sees.
    Picture(String),
    /// Not shown, and reported: why.
    Refuse(String),
}

/// Decides an image of the text: its address as written, its alt text, its
/// title, and how many images came before it on the page.
pub type ImageHook<'a> = dyn Fn(&str, &str, &str, usize) -> ImageAction + 'a;

/// Keeps every image as it is.
pub fn keep_images(_: &str, _: &str, _: &str, _: usize) -> ImageAction {
    ImageAction::Keep
}

/// An image whose alt text is still being read.
struct PendingImage<'a> {
    start: Event<'a>,
    dest: CowStr<'a>,
    title: CowStr<'a>,
    offset: usize,
    inner: Vec<Event<'a>>,
}

/// Stands for a picture's markup until the page's HTML is sanitised.
fn picture_marker(n: usize) -> String {
    format!("\u{fdd1}terbit-picture-{n}\u{fdd1}")
}

/// Where a text is shown: on its own page (the default), or as one part of a
/// longer page (the plan document), where every id it makes or links to
/// gets a prefix, so that two chapters' "Latar Belakang" stay apart, and its
/// headings move down under the chapter's own.
#[derive(Debug, Clone, Copy, Default)]
pub struct Placement<'a> {
    /// Put before every heading and footnote id, and every `#anchor` link.
    pub id_prefix: &'a str,
    /// Levels added to every heading (1: an `##` becomes an `<h3>`), up to `<h6>`.
    pub heading_shift: u8,
}

impl Placement<'_> {
    fn id(&self, id: &str) -> String {
        format!("{}{id}", self.id_prefix)
    }

    fn level(&self, level: HeadingLevel) -> HeadingLevel {
        let n = (level as usize + self.heading_shift as usize).min(6);
        HeadingLevel::try_from(n).unwrap_or(HeadingLevel::H6)
    }
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders `markdown`; `resolve` maps `programs/x.md` to a URL, if it exists.
/// Raw HTML is sanitised with the default policy (no embedded frames).
pub fn render(
    markdown: &str,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> (Rendered, Vec<BrokenLink>) {
    render_with(
        markdown,
        resolve,
        &keep_images,
        &HtmlPolicy::default(),
        &Placement::default(),
    )
}

/// Renders `markdown`, its raw HTML sanitised under `policy`.
pub fn render_with(
    markdown: &str,
    resolve: &dyn Fn(&str) -> Option<String>,
    images: &ImageHook,
    policy: &HtmlPolicy,
    placement: &Placement,
) -> (Rendered, Vec<BrokenLink>) {
    let mut out = Rendered::default();
    let mut image: Option<PendingImage> = None;
    let mut pictures: Vec<String> = Vec::new();
    let mut image_count = 0;
    let mut raw_html = false;
    let mut broken = Vec::new();
    let mut used_ids = UsedIds::default();
    let mut events: Vec<Event> = Vec::new();
    // A heading's events are held back until its end, when its text (and so
    // its id) is known.
    let mut heading: Option<PendingHeading> = None;

    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        if let Event::Html(raw) | Event::InlineHtml(raw) = &event {
            raw_html = true;
            raw_html::scan(raw, range.start, policy, &mut out.removed);
        }
        if let Event::Start(Tag::Image {
            dest_url, title, ..
        }) = &event
            && image.is_none()
        {
            image = Some(PendingImage {
                dest: dest_url.clone(),
                title: title.clone(),
                start: event,
                offset: range.start,
                inner: Vec::new(),
            });
            continue;
        }
        if let Some(img) = &mut image {
            if let Event::Text(t) | Event::Code(t) = &event {
                out.text.push_str(t);
            }
            if !matches!(event, Event::End(TagEnd::Image)) {
                img.inner.push(event);
                continue;
            }
            let Some(img) = image.take() else { continue };
            let done = finish_image(img, images, image_count, &mut pictures, &mut broken);
            image_count += 1;
            for e in done {
                push_event(&mut heading, &mut events, e);
            }
            continue;
        }
        let Some(event) = rewrite(
            event,
            range.start,
            resolve,
            placement,
            &mut broken,
            &mut events,
        ) else {
            continue;
        };
        text::extract(&event, &mut out.text);
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                heading = Some(PendingHeading {
                    level,
                    id,
                    classes,
                    attrs,
                    inner: Vec::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = heading.take() {
                    close_heading(h, placement, &mut used_ids, &mut out, &mut events);
                }
            }
            other => push_event(&mut heading, &mut events, other),
        }
    }
    out.html.reserve(markdown.len() + markdown.len() / 2);
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    finish(&mut out, raw_html, policy, &pictures);
    (out, broken)
}

/// Sanitises the author's raw HTML, puts the pictures in, and tidies the text.
fn finish(out: &mut Rendered, raw_html: bool, policy: &HtmlPolicy, pictures: &[String]) {
    // What the renderer writes from Markdown alone is safe; an author's raw
    // HTML goes through the sanitiser, with the page around it.
    if raw_html {
        out.html = raw_html::sanitize(&out.html, policy);
    }
    for (n, picture) in pictures.iter().enumerate() {
        out.html = out.html.replace(&picture_marker(n), picture);
    }
    out.text = text::collapse_whitespace(&out.text);
}

/// Writes a heading out once its text is known: its id (given, else made
/// from its text, unique on the page) and its entry in the table of contents.
fn close_heading<'a>(
    h: PendingHeading<'a>,
    placement: &Placement,
    used_ids: &mut UsedIds,
    out: &mut Rendered,
    events: &mut Vec<Event<'a>>,
) {
    let title = plain_text(&h.inner);
    let id = placement.id(&unique_id(
        h.id.map(|i| i.to_string())
            .unwrap_or_else(|| slugify(&title)),
        used_ids,
    ));
    let level = placement.level(h.level);
    out.toc.push(Heading {
        level: level as u8,
        id: id.clone(),
        title,
    });
    events.push(Event::Start(Tag::Heading {
        level,
        id: Some(id.into()),
        classes: h.classes,
        attrs: h.attrs,
    }));
    events.extend(h.inner);
    events.push(Event::End(TagEnd::Heading(level)));
    out.text.push(' ');
}

/// A heading whose events are held back until its text is known.
struct PendingHeading<'a> {
    level: HeadingLevel,
    id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    inner: Vec<Event<'a>>,
}

fn push_event<'a>(
    heading: &mut Option<PendingHeading<'a>>,
    events: &mut Vec<Event<'a>>,
    event: Event<'a>,
) {
    match heading {
        Some(h) => h.inner.push(event),
        None => events.push(event),
    }
}

/// An event with its links resolved or checked, and tables wrapped for
/// scrolling; `None` when the event was written to `events` already.
fn rewrite<'a>(
    event: Event<'a>,
    offset: usize,
    resolve: &dyn Fn(&str) -> Option<String>,
    placement: &Placement,
    broken: &mut Vec<BrokenLink>,
    events: &mut Vec<Event<'a>>,
) -> Option<Event<'a>> {
    let prefixed = |label: CowStr<'a>| -> CowStr<'a> {
        match placement.id_prefix {
            "" => label,
            _ => placement.id(&label).into(),
        }
    };
    Some(match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if dest_url.starts_with('#') && !placement.id_prefix.is_empty() => {
            Event::Start(Tag::Link {
                link_type,
                dest_url: format!("#{}", placement.id(&dest_url[1..])).into(),
                title,
                id,
            })
        }
        Event::FootnoteReference(label) => Event::FootnoteReference(prefixed(label)),
        Event::Start(Tag::FootnoteDefinition(label)) => {
            Event::Start(Tag::FootnoteDefinition(prefixed(label)))
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if dest_url.starts_with("@/") => {
            let dest = resolve_internal(&dest_url, resolve).unwrap_or_else(|| {
                broken.push(BrokenLink {
                    target: dest_url.to_string(),
                    offset,
                    refused: None,
                    image: false,
                });
                dest_url.to_string()
            });
            Event::Start(Tag::Link {
                link_type,
                dest_url: dest.into(),
                title,
                id,
            })
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: checked(dest_url, offset, broken),
            title,
            id,
        }),
        Event::Start(Tag::Table(_)) => {
            events.push(Event::Html("<div class=\"table-scroll\">".into()));
            event
        }
        Event::End(TagEnd::Table) => {
            events.push(event);
            events.push(Event::Html("</div>".into()));
            return None;
        }
        other => other,
    })
}

/// The events an image of the text becomes: as written, with a new address,
/// a picture's marker, or nothing when it is refused (and reported).
fn finish_image<'a>(
    img: PendingImage<'a>,
    images: &ImageHook,
    n: usize,
    pictures: &mut Vec<String>,
    broken: &mut Vec<BrokenLink>,
) -> Vec<Event<'a>> {
    let PendingImage {
        start,
        dest,
        title,
        offset,
        inner,
    } = img;
    let with_dest = |dest: CowStr<'a>| match start.clone() {
        Event::Start(Tag::Image {
            link_type,
            title,
            id,
            ..
        }) => {
            let mut events = vec![Event::Start(Tag::Image {
                link_type,
                dest_url: dest,
                title,
                id,
            })];
            events.extend(inner.iter().cloned());
            events.push(Event::End(TagEnd::Image));
            events
        }
        _ => Vec::new(),
    };
    if crate::paths::check_link(&dest).is_err() {
        return with_dest(checked(dest, offset, broken));
    }
    match images(&dest, &plain_text(&inner), &title, n) {
        ImageAction::Keep => with_dest(dest),
        ImageAction::Src(url) => with_dest(url.into()),
        ImageAction::Picture(html) => {
            pictures.push(html);
            vec![Event::InlineHtml(picture_marker(pictures.len() - 1).into())]
        }
        ImageAction::Refuse(why) => {
            broken.push(BrokenLink {
                target: dest.to_string(),
                offset,
                refused: Some(why),
                image: true,
            });
            Vec::new()
        }
    }
}

/// A link or image address as written, or `#` when its scheme is refused
/// (the refusal is reported: the page is never published with it).
fn checked<'a>(dest: CowStr<'a>, offset: usize, broken: &mut Vec<BrokenLink>) -> CowStr<'a> {
    match crate::paths::check_link(&dest) {
        Ok(()) => dest,
        Err(why) => {
            broken.push(BrokenLink {
                target: dest.to_string(),
                offset,
                refused: Some(why),
                image: false,
            });
            "#".into()
        }
    }
}

/// The URL of an `@/programs/x.md#anchor` link, through `resolve`.
pub(crate) fn resolve_internal(
    dest: &str,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> Option<String> {
    let target = dest.strip_prefix("@/")?;
    let (path, anchor) = match target.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (target, None),
    };
    let url = resolve(path)?;
    Some(match anchor {
        Some(a) => format!("{url}#{a}"),
        None => url,
    })
}

fn plain_text(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        if let Event::Text(t) | Event::Code(t) = e {
            s.push_str(t);
        }
    }
    s.trim().to_string()
}

/// `Latar Belakang & Tujuan` -> `latar-belakang-tujuan`; letters of any script are kept.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        "bagian".to_string()
    } else {
        slug
    }
}

/// The ids given so far on a page, and the next suffix to try for each
/// base: a page of 10,000 headings named alike takes linear time.
#[derive(Default)]
struct UsedIds {
    ids: std::collections::HashSet<String>,
    next: std::collections::HashMap<String, usize>,
}

fn unique_id(base: String, used: &mut UsedIds) -> String {
    let mut id = base.clone();
    if used.ids.contains(&id) {
        let n = used.next.entry(base.clone()).or_insert(1);
        loop {
            id = format!("{base}-{n}");
            *n += 1;
            if !used.ids.contains(&id) {
                break;
            }
        }
    }
    used.ids.insert(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn headings_get_unique_ids_and_toc() {
        let (r, _) = render(
            "# Latar Belakang\n\n## Sasaran\n\n## Sasaran\n\n## Kustom {#mine}\n",
            &none,
        );
        let ids: Vec<&str> = r.toc.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["latar-belakang", "sasaran", "sasaran-1", "mine"]);
        assert!(r.html.contains("<h2 id=\"sasaran-1\">Sasaran</h2>"));
        assert_eq!(r.toc[1].level, 2);
    }

    #[test]
    fn internal_links_resolve_or_report() {
        let resolve = |p: &str| (p == "programs/a.md").then(|| "/en/programs/a/".to_string());
        let (r, broken) = render("[a](@/programs/a.md#x) and\n[b](@/programs/b.md)", &resolve);
        assert!(r.html.contains("href=\"/en/programs/a/#x\""));
        assert_eq!(
            broken,
            vec![BrokenLink {
                target: "@/programs/b.md".into(),
                offset: 27,
                refused: None,
                image: false,
            }]
        );
    }

    #[test]
    fn links_with_other_schemes_are_refused() {
        let (r, broken) = render(
            "[x](javascript:alert(1)) ![i](data:image/png;base64,AA) [ok](https://a.id) <mailto:a@b.id>",
            &none,
        );
        assert_eq!(broken.len(), 2, "{broken:?}");
        assert!(broken.iter().all(|b| b.refused.is_some()));
        assert!(!r.html.contains("javascript:") && !r.html.contains("data:"));
        assert!(r.html.contains("href=\"https://a.id\"") && r.html.contains("mailto:a@b.id"));
    }

    #[test]
    fn extensions_are_on() {
        let (r, _) = render(
            "| a |\n|---|\n| 1 |\n\n~~x~~\n\n- [x] done\n\nA[^1]\n\n[^1]: note\n",
            &none,
        );
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>x</del>"));
        assert!(r.html.contains("checkbox"));
        assert!(r.html.contains("footnote"));
    }

    #[test]
    fn slugs_keep_letters_of_any_script() {
        assert_eq!(slugify("Tata Kelola & Layanan!"), "tata-kelola-layanan");
        assert_eq!(slugify("Café Ünïcode"), "café-ünïcode");
        assert_eq!(slugify("!!!"), "bagian");
    }
}
