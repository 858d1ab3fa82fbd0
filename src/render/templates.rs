//! The theme's templates, compiled once for the whole build.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Theme;

/// Templates every theme must have.
const REQUIRED: [&str; 5] = [
    "base.html",
    "index.html",
    "section.html",
    "page.html",
    "404.html",
];

/// Compiles the theme's templates, reporting any that do not parse.
pub fn templates(theme: &Theme, diags: &mut Diagnostics) -> Option<tera::Tera> {
    let mut tera = tera::Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    let all: Vec<(&str, &str)> = theme
        .templates
        .iter()
        .map(|(n, t)| (n.as_str(), t.text.as_str()))
        .collect();
    if let Err(e) = tera.add_raw_templates(all) {
        let message = error_chain(&e);
        let file = theme
            .templates
            .iter()
            .find(|(name, _)| message.contains(name.as_str()))
            .map_or_else(
                || Path::new("templates").to_path_buf(),
                |(_, t)| t.file.clone(),
            );
        diags.push(Diagnostic::error(
            file,
            format!("template does not compile: {message}"),
        ));
        return None;
    }
    for required in REQUIRED {
        if !tera.contains_template(required) {
            diags.push(
                Diagnostic::error(
                    format!("themes/{}/templates/{required}", "kota"),
                    format!("the theme has no template `{required}`"),
                )
                .with_hint("add it to the theme or to the site's templates/ folder"),
            );
        }
    }
    (!diags.has_errors()).then_some(tera)
}

/// The message of a Tera error with its causes, on one line each.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let s_msg = s.to_string();
        if !msg.contains(&s_msg) {
            msg.push_str(": ");
            msg.push_str(&s_msg);
        }
        source = s.source();
    }
    msg
}

/// A page (from content `file`, if any) that `template` failed to render.
pub fn render_error(file: Option<&Path>, template: &str, e: &tera::Error) -> Diagnostic {
    let file = file.map_or_else(|| Path::new(template).to_path_buf(), Path::to_path_buf);
    Diagnostic::error(
        file,
        format!(
            "rendering with template `{template}` failed: {}",
            error_chain(e)
        ),
    )
}
