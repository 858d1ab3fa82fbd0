//! `sitemap.xml` (with hreflang alternates) and `robots.txt`.

use crate::config::Config;
use crate::plan::Plan;
use crate::render::context::encode_path;
use crate::render::{Output, escape_html};

pub fn sitemap(config: &Config, plan: &Plan) -> Output {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for page in &plan.tree.pages {
        for v in &page.versions {
            xml.push_str("  <url>\n    <loc>");
            xml.push_str(&escape_html(&config.permalink(&encode_path(&v.path))));
            xml.push_str("</loc>\n");
            for alt in &page.versions {
                xml.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                    alt.lang,
                    escape_html(&config.permalink(&encode_path(&alt.path)))
                ));
            }
            xml.push_str("  </url>\n");
        }
    }
    xml.push_str("</urlset>\n");
    Output {
        path: "sitemap.xml".into(),
        bytes: xml.into_bytes(),
    }
}

pub fn robots(config: &Config) -> Output {
    Output {
        path: "robots.txt".into(),
        bytes: format!(
            "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
            config.permalink(&config.base_path)
        )
        .into_bytes(),
    }
}
