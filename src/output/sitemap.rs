//! `sitemap.xml` (with hreflang alternates) and `robots.txt`.

use crate::config::Config;
use crate::html::escape as escape_html;
use crate::paths;
use crate::plan::Plan;
use crate::render::Output;

/// The most URLs one sitemap file may list (sitemaps.org); past it,
/// `sitemap.xml` is an index of numbered sitemaps.
pub const MAX_URLS: usize = 50_000;

/// `sitemap.xml`, and when the site has more URLs than one sitemap may list,
/// `sitemap-1.xml`, `sitemap-2.xml`... with `sitemap.xml` as their index.
pub fn sitemap(config: &Config, plan: &Plan) -> Vec<Output> {
    sitemap_split(config, plan, MAX_URLS)
}

fn sitemap_split(config: &Config, plan: &Plan, max_urls: usize) -> Vec<Output> {
    // A timeline split by year has a page per year under its own.
    let years: Vec<String> = plan
        .model
        .timeline_years_apart()
        .iter()
        .map(|(y, _)| format!("{y}/"))
        .collect();
    let entries: Vec<String> = plan
        .tree
        .pages
        .iter()
        .flat_map(|page| {
            let subs: &[String] = if page.role == crate::plan::Role::Timeline {
                &years
            } else {
                &[]
            };
            let suffixes = std::iter::once("").chain(subs.iter().map(String::as_str));
            suffixes.flat_map(move |suffix| {
                page.versions
                    .iter()
                    .map(move |v| url_entry(config, page, v, suffix))
            })
        })
        .collect();
    if entries.len() <= max_urls {
        return vec![urlset(paths::SITEMAP_FILE.to_string(), &entries)];
    }
    let mut files: Vec<Output> = entries
        .chunks(max_urls)
        .enumerate()
        .map(|(n, chunk)| urlset(format!("sitemap-{}.xml", n + 1), chunk))
        .collect();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for file in &files {
        let url = config.permalink(&format!("{}{}", config.base_path, file.path));
        index.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            escape_html(&url)
        ));
    }
    index.push_str("</sitemapindex>\n");
    files.push(Output {
        path: paths::SITEMAP_FILE.into(),
        bytes: index.into_bytes(),
    });
    files
}

fn url_entry(
    config: &Config,
    page: &crate::plan::Page,
    v: &crate::plan::Version,
    suffix: &str,
) -> String {
    let mut xml = String::from("  <url>\n    <loc>");
    let url = |path: &str| config.permalink(&paths::encode(&format!("{path}{suffix}")));
    xml.push_str(&escape_html(&url(&v.path)));
    xml.push_str("</loc>\n");
    for alt in &page.versions {
        xml.push_str(&format!(
            "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
            alt.lang,
            escape_html(&url(&alt.path))
        ));
    }
    xml.push_str("  </url>\n");
    xml
}

fn urlset(path: String, entries: &[String]) -> Output {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for e in entries {
        xml.push_str(e);
    }
    xml.push_str("</urlset>\n");
    Output {
        path,
        bytes: xml.into_bytes(),
    }
}

pub fn robots(config: &Config) -> Output {
    Output {
        path: paths::ROBOTS_FILE.into(),
        bytes: format!(
            "User-agent: *\nAllow: /\nSitemap: {}{}\n",
            config.permalink(&config.base_path),
            paths::SITEMAP_FILE
        )
        .into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn past_the_limit_the_sitemap_is_an_index_of_sitemaps() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/plan");
        let (site, _) = crate::site::Site::load(&crate::site::BuildOptions::new(root)).unwrap();
        let urls = site.plan.tree.pages.len() * site.config.languages.len();
        let one = sitemap_split(&site.config, &site.plan, urls);
        assert_eq!(one.len(), 1);
        let split = sitemap_split(&site.config, &site.plan, 10);
        assert_eq!(split.len(), urls.div_ceil(10) + 1);
        let index = String::from_utf8(split.last().unwrap().bytes.clone()).unwrap();
        assert_eq!(split.last().unwrap().path, "sitemap.xml");
        assert!(index.contains("<sitemapindex") && index.contains("/sitemap-1.xml</loc>"));
        let listed: usize = split[..split.len() - 1]
            .iter()
            .map(|f| String::from_utf8_lossy(&f.bytes).matches("<url>").count())
            .sum();
        assert_eq!(listed, urls);
        assert!(
            split[..split.len() - 1]
                .iter()
                .all(|f| String::from_utf8_lossy(&f.bytes).matches("<url>").count() <= 10)
        );
    }
}
