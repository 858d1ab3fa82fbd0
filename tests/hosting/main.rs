//! The server configurations of `hosting/`, the very files the README shows,
//! serving a real build of the Kota Gorontalo example through nginx, Apache
//! httpd (a virtual host, a shared host's `.htaccess`) and Caddy, at the root of
//! a host and under `/rencana/`, each crawled over HTTP.
//!
//! A server that is not installed is skipped, except in CI, which installs them
//! all and sets TERBIT_HOSTING_TESTS=required.

#[path = "../common/mod.rs"]
mod common;
mod crawl;
mod http;
mod servers;

use std::path::{Path, PathBuf};

use common::{build_ok, repo};
use crawl::{Hosted, crawl};
use servers::{Server, adapt, documented, free_port, installed, readable_tempdir};

/// The example built for `http://127.0.0.1:{port}{prefix}`, in a folder the
/// servers' workers can read.
fn build_for(port: u16, prefix: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = readable_tempdir();
    let public = dir.path().join("public");
    let base_url = format!("http://127.0.0.1:{port}{prefix}");
    build_ok(&repo(), &public, &["--base-url", &base_url]);
    (dir, public)
}

fn assert_crawl(server: &Server, prefix: &str, public: &Path, better: &str) {
    let site = Hosted {
        port: server.port,
        prefix,
        public,
        better,
    };
    let problems = crawl(&site);
    assert!(
        problems.is_empty(),
        "{} problems, the first:\n{}\n--- the server's log:\n{}",
        problems.len(),
        problems
            .iter()
            .take(30)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n"),
        server.log()
    );
}

#[test]
fn nginx_serves_the_example() {
    if !installed("nginx") {
        return;
    }
    let port = free_port();
    let (_dir, public) = build_for(port, "/");
    let site = adapt(
        &documented("nginx/rencana.conf"),
        &[
            ("listen 80;", &format!("listen 127.0.0.1:{port};")),
            ("    listen [::]:80;\n", ""),
            ("/srv/smartcity/public", public.to_str().unwrap()),
        ],
    );
    let server = servers::nginx(&site, port);
    assert_crawl(&server, "/", &public, "br");
}

#[test]
fn nginx_serves_the_example_under_a_sub_path() {
    if !installed("nginx") {
        return;
    }
    let port = free_port();
    let (dir, public) = build_for(port, "/rencana/");
    let other = dir.path().join("other-pages");
    std::fs::create_dir(&other).unwrap();
    let locations = adapt(
        &documented("nginx/rencana-subpath.conf"),
        &[("/srv/smartcity/public/", &format!("{}/", public.display()))],
    );
    let site = format!(
        "server {{\n    listen 127.0.0.1:{port};\n    root {};\n{locations}\n}}\n",
        other.display()
    );
    let server = servers::nginx(&site, port);
    assert_crawl(&server, "/rencana/", &public, "br");
}

#[test]
fn apache_virtual_host_serves_the_example() {
    if !installed("apache2") {
        return;
    }
    let port = free_port();
    let (_dir, public) = build_for(port, "/");
    let site = adapt(
        &documented("apache/rencana.conf"),
        &[
            ("<VirtualHost *:80>", &format!("<VirtualHost *:{port}>")),
            ("/srv/smartcity/public", public.to_str().unwrap()),
        ],
    );
    let server = servers::apache(&site, port);
    assert_crawl(&server, "/", &public, "br");
}

#[test]
fn apache_htaccess_serves_the_example() {
    if !installed("apache2") {
        return;
    }
    let port = free_port();
    let (_dir, public) = build_for(port, "/");
    std::fs::write(public.join(".htaccess"), documented("apache/htaccess")).unwrap();
    // What a shared host's own configuration gives a customer's folder.
    let site = format!(
        "<VirtualHost *:{port}>\n    DocumentRoot {p}\n    <Directory {p}>\n        AllowOverride All\n        Require all granted\n    </Directory>\n</VirtualHost>\n",
        p = public.display()
    );
    let server = servers::apache(&site, port);
    assert_crawl(&server, "/", &public, "br");
}

#[test]
fn apache_serves_the_example_under_a_sub_path() {
    if !installed("apache2") {
        return;
    }
    let port = free_port();
    let (dir, public) = build_for(port, "/rencana/");
    let other = dir.path().join("other-pages");
    std::fs::create_dir(&other).unwrap();
    let lines = adapt(
        &documented("apache/rencana-subpath.conf"),
        &[("/srv/smartcity/public", public.to_str().unwrap())],
    );
    let site = format!(
        "<VirtualHost *:{port}>\n    DocumentRoot {}\n{lines}\n</VirtualHost>\n",
        other.display()
    );
    let server = servers::apache(&site, port);
    assert_crawl(&server, "/rencana/", &public, "br");
}

#[test]
fn caddy_serves_the_example() {
    if !installed("caddy") {
        return;
    }
    let port = free_port();
    let (_dir, public) = build_for(port, "/");
    let site = adapt(
        &documented("caddy/Caddyfile"),
        &[
            (
                "rencana.example.org {",
                &format!("http://127.0.0.1:{port} {{"),
            ),
            ("/srv/smartcity/public", public.to_str().unwrap()),
        ],
    );
    let server = servers::caddy(&site, port);
    assert_crawl(&server, "/", &public, "zstd");
}

#[test]
fn caddy_serves_the_example_under_a_sub_path() {
    if !installed("caddy") {
        return;
    }
    let port = free_port();
    let (_dir, public) = build_for(port, "/rencana/");
    let site = adapt(
        &documented("caddy/Caddyfile-subpath"),
        &[
            (
                "www.example.go.id {",
                &format!("http://127.0.0.1:{port} {{"),
            ),
            ("/srv/smartcity/public", public.to_str().unwrap()),
        ],
    );
    let server = servers::caddy(&site, port);
    assert_crawl(&server, "/rencana/", &public, "zstd");
}

/// The README names every configuration file the tests run, and shows the
/// headers they check, as `terbit serve` sends them.
#[test]
fn the_readme_documents_the_tested_files() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    for file in [
        "nginx/rencana.conf",
        "nginx/rencana-subpath.conf",
        "apache/rencana.conf",
        "apache/rencana-subpath.conf",
        "apache/htaccess",
        "caddy/Caddyfile",
        "caddy/Caddyfile-subpath",
    ] {
        assert!(
            readme.contains(&format!("(hosting/{file})")),
            "README does not link hosting/{file}"
        );
    }
    for (name, value) in terbit::serve::http::SECURITY_HEADERS {
        assert!(
            readme.contains(&format!("{name}: {value}\n")),
            "README does not show {name}"
        );
        for file in [
            "nginx/rencana.conf",
            "apache/rencana.conf",
            "apache/htaccess",
            "caddy/Caddyfile",
        ] {
            assert!(
                documented(file).contains(value),
                "hosting/{file} does not send {name}: {value}"
            );
        }
    }
}
