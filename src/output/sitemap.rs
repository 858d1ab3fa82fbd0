//! `sitemap.xml` (with hreflang alternates) and `robots.txt`.

use crate::config::Config;
use crate::html::escape as escape_html;
use crate::paths;
use crate::plan::Plan;
use crate::render::Output;

pub fn sitemap(config: &Config, plan: &Plan) -> Output {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for page in &plan.tree.pages {
        for v in &page.versions {
            xml.push_str("  <url>\n    <loc>");
            xml.push_str(&escape_html(&config.permalink(&paths::encode(&v.path))));
            xml.push_str("</loc>\n");
            for alt in &page.versions {
                xml.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                    alt.lang,
                    escape_html(&config.permalink(&paths::encode(&alt.path)))
                ));
            }
            xml.push_str("  </url>\n");
        }
    }
    xml.push_str("</urlset>\n");
    Output {
        path: paths::SITEMAP_FILE.into(),
        bytes: xml.into_bytes(),
    }
}

pub fn robots(config: &Config) -> Output {
    Output {
        path: paths::ROBOTS_FILE.into(),
        bytes: format!(
            "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
            config.permalink(&config.base_path)
        )
        .into_bytes(),
    }
}
