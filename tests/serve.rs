//! End-to-end tests of `terbit serve`: the real binary on a temporary copy of
//! a fixture site, spoken to over real HTTP on an ephemeral loopback port.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// The port `serve` says it listens on, read from its stderr; every line of
/// that stderr goes on into `log` when given.
fn port_of(
    stderr: std::process::ChildStderr,
    log: Option<std::sync::Arc<std::sync::Mutex<String>>>,
) -> u16 {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(at) = line.find("http://127.0.0.1:") {
                let port: String = line[at + 17..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                let _ = tx.send(port.parse::<u16>().unwrap());
            }
            if let Some(log) = &log {
                log.lock().unwrap().push_str(&(line + "\n"));
            }
        }
    });
    rx.recv_timeout(Duration::from_secs(30))
        .expect("serve did not start")
}

/// A running `terbit serve`, stopped when dropped.
struct Serve {
    child: Child,
    port: u16,
    _site: tempfile::TempDir,
    root: std::path::PathBuf,
    log: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Serve {
    fn start(fixture: &str) -> Serve {
        let site = copy_site(fixture);
        Serve::start_at(site, &["--port", "0"])
    }

    fn start_at(site: tempfile::TempDir, args: &[&str]) -> Serve {
        let root = site.path().to_path_buf();
        Serve::start_in(site, root, args)
    }

    /// Serves the site at `root`, a folder inside `holder`.
    fn start_in(site: tempfile::TempDir, root: std::path::PathBuf, args: &[&str]) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_terbit"))
            .args(["serve", "--root", root.to_str().unwrap()])
            .args(args)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let port = port_of(child.stderr.take().unwrap(), Some(log.clone()));
        Serve {
            child,
            port,
            _site: site,
            root,
            log,
        }
    }

    fn get(&self, path: &str) -> Reply {
        request(self.port, "GET", path)
    }

    /// Polls `path` until `pred` holds (or 10 s pass).
    fn wait_for(&self, path: &str, what: &str, pred: impl Fn(&Reply) -> bool) -> Reply {
        let start = Instant::now();
        loop {
            let reply = self.get(path);
            if pred(&reply) {
                return reply;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!(
                    "{what}: not seen at {path} within 10 s; last status {}\nlog:\n{}",
                    reply.status,
                    self.log.lock().unwrap()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    head: String,
    body: String,
    /// The body as sent.
    bytes: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

/// One HTTP/1.1 request, the path sent exactly as given.
fn request(port: u16, method: &str, path: &str) -> Reply {
    request_as(port, method, path, "127.0.0.1")
}

/// One HTTP/1.1 request with the given `Host`.
fn request_as(port: u16, method: &str, path: &str, host: &str) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut bytes = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or_else(Vec::new, |at| raw[at + 4..].to_vec());
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        bytes = dechunk(&bytes);
    }
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Reply {
        status,
        head: head.to_string(),
        body: body.to_string(),
        bytes,
    }
}

#[test]
fn serves_pages_in_both_languages_with_the_right_statuses() {
    let s = Serve::start("plan");
    let home = s.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("Content-Type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert!(home.body.contains("<html lang=\"id\">"));
    assert!(
        home.body.contains("/__terbit/live.js"),
        "live reload script injected"
    );
    let en = s.get("/en/programmes/command-center/");
    assert_eq!(en.status, 200);
    assert!(en.body.contains("City Command Center"));
    // Links point at the dev server itself.
    assert!(en.body.contains(&format!(
        "href=\"http://127.0.0.1:{}/en/programmes/command-center/\"",
        s.port
    )));
    let missing = s.get("/en/no-such-page/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<html lang=\"en\">") && missing.body.contains("Page not found"));
    assert_eq!(s.get("/tidak-ada/").status, 404);
    let redirect = s.get("/program");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("Location").as_deref(), Some("/program/"));
    for (path, ty) in [
        ("/kota.css", "text/css; charset=utf-8"),
        ("/favicon.svg", "image/svg+xml"),
        ("/data/plan.json", "application/json"),
        ("/data/programs.csv", "text/csv; charset=utf-8"),
        ("/sitemap.xml", "application/xml"),
        ("/en/atom.xml", "application/atom+xml"),
    ] {
        let r = s.get(path);
        assert_eq!(
            (r.status, r.header("Content-Type").as_deref()),
            (200, Some(ty)),
            "{path}"
        );
    }
    let head = request(s.port, "HEAD", "/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty(), "HEAD has no body");
    assert_eq!(request(s.port, "POST", "/").status, 405);
    assert_eq!(request(s.port, "DELETE", "/").status, 405);
}

#[test]
fn traversal_probes_never_leave_the_site() {
    // The site is a folder beside a secret file.
    let holder = tempfile::tempdir().unwrap();
    let site = holder.path().join("site");
    std::fs::create_dir(&site).unwrap();
    copy_dir(&fixture("plan"), &site);
    std::fs::write(holder.path().join("secret.txt"), "TOP SECRET").unwrap();
    // A symbolic link inside the site to a file outside it is not published.
    std::fs::create_dir_all(site.join("static")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        holder.path().join("secret.txt"),
        site.join("static/leak.txt"),
    )
    .unwrap();
    let s = Serve::start_in(holder, site, &["--port", "0"]);
    let probes = [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "/%252e%252e/secret.txt",
        "/./../secret.txt",
        "/en/../../secret.txt",
        "/leak.txt",
        "//etc/passwd",
        "/%00/etc/passwd",
    ];
    for probe in probes {
        let r = s.get(probe);
        assert!(
            matches!(r.status, 400 | 404),
            "{probe}: status {}",
            r.status
        );
        assert!(
            !r.body.contains("TOP SECRET") && !r.body.contains("root:x:"),
            "{probe} leaked"
        );
    }
    assert!(
        s.log
            .lock()
            .unwrap()
            .contains("static/leak.txt: warning: symbolic link leads outside the site folder")
    );
}

#[test]
fn edits_new_pages_and_deletions_show_without_restart() {
    let s = Serve::start("plan");
    // An edited title shows on the page and on the pages that list it.
    let path = s.root.join("content/programs/command-center.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("Pusat Komando Kota", "Pusat Komando Terpadu"),
    )
    .unwrap();
    s.wait_for("/program/command-center/", "edited title", |r| {
        r.body.contains("<h1>Pusat Komando Terpadu</h1>")
    });
    s.wait_for(
        "/pilar/smart-governance/",
        "title on the pillar page",
        |r| r.body.contains("Pusat Komando Terpadu"),
    );
    s.wait_for(
        "/pemangku-kepentingan/diskominfo/",
        "title on the lead's page",
        |r| r.body.contains("Pusat Komando Terpadu"),
    );
    // A new page, in both languages.
    s.write(
        "content/programs/wifi-publik.md",
        "+++\ntitle = \"Wifi Publik\"\npillar = \"smart-governance\"\nstatus = \"planned\"\nstart = 2025\nlead = \"diskominfo\"\n+++\nTeks.\n",
    );
    s.wait_for("/program/wifi-publik/", "new page", |r| r.status == 200);
    s.wait_for("/en/programmes/wifi-publik/", "new page in English", |r| {
        r.status == 200 && r.body.contains("lang=\"id\"")
    });
    s.wait_for("/pilar/smart-governance/", "new page listed", |r| {
        r.body.contains("/program/wifi-publik/")
    });
    // A deleted page disappears (an editor's atomic save of another file alongside).
    std::fs::remove_file(s.root.join("content/programs/wifi-publik.md")).unwrap();
    s.wait_for("/program/wifi-publik/", "deleted page", |r| r.status == 404);
    s.wait_for("/pilar/smart-governance/", "deleted page unlisted", |r| {
        !r.body.contains("wifi-publik")
    });
    // Save by writing a temporary file and renaming it over the original.
    let tmp = s.root.join("content/programs/.command-center.md.tmp");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &tmp,
        text.replace("Pusat Komando Terpadu", "Pusat Komando Kota Gorontalo"),
    )
    .unwrap();
    std::fs::rename(&tmp, &path).unwrap();
    s.wait_for("/program/command-center/", "atomic save", |r| {
        r.body.contains("<h1>Pusat Komando Kota Gorontalo</h1>")
    });
}

#[test]
fn a_broken_file_keeps_the_server_up_shows_the_error_and_a_fix_recovers() {
    let s = Serve::start("plan");
    let path = s.root.join("content/programs/satu-data.md");
    let good = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        good.replace("status = \"planned\"", "status = = \"planned\""),
    )
    .unwrap();
    let r = s.wait_for("/", "error overlay", |r| {
        r.body.contains("id=\"terbit-error\"")
    });
    assert!(
        r.body.contains("content/programs/satu-data.md:4:"),
        "names file and line"
    );
    // The last good site is still served.
    assert_eq!(s.get("/program/satu-data/").status, 200);
    // A plan error too.
    std::fs::write(
        &path,
        good.replace("lead = \"bappeda\"", "lead = \"bapeda\""),
    )
    .unwrap();
    s.wait_for("/", "plan error", |r| {
        r.body.contains("there is no stakeholder `bapeda`")
    });
    std::fs::write(&path, good.replace("Satu Data Contoh", "Satu Data Kota")).unwrap();
    let r = s.wait_for("/program/satu-data/", "recovery", |r| {
        r.body.contains("<h1>Satu Data Kota</h1>")
    });
    assert!(!r.body.contains("id=\"terbit-error\""));
    assert!(!s.get("/").body.contains("id=\"terbit-error\""));
}

#[test]
fn open_pages_are_told_to_reload_or_swap_styles() {
    let site = copy_site("plan");
    std::fs::create_dir(site.path().join("static")).unwrap();
    let s = Serve::start_at(site, &["--port", "0"]);
    let mut stream = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET /__terbit/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .unwrap();
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert!(line.starts_with("HTTP/1.1 200"), "{line}");
    // While a browser waits for events, other requests are answered.
    assert_eq!(s.get("/").status, 200);
    let next_event = |reader: &mut BufReader<TcpStream>| -> String {
        let mut line = String::new();
        loop {
            line.clear();
            reader.read_line(&mut line).unwrap();
            if let Some(e) = line.strip_prefix("event: ") {
                return e.trim().to_string();
            }
        }
    };
    s.write("static/extra.css", "body { color: red }\n");
    assert_eq!(next_event(&mut reader), "css");
    let path = s.root.join("content/programs/satu-data.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("Satu Data Contoh", "Satu Data!")).unwrap();
    assert_eq!(next_event(&mut reader), "reload");
    assert_eq!(s.get("/extra.css").body, "body { color: red }\n");
}

#[test]
fn the_terminal_says_built_first_and_nothing_for_a_save_that_changes_nothing() {
    let site = copy_site("plan");
    std::fs::create_dir(site.path().join("static")).unwrap();
    std::fs::write(site.path().join("static/extra.css"), "p { margin: 0 }\n").unwrap();
    let s = Serve::start_at(site, &["--port", "0"]);
    let log = || s.log.lock().unwrap().clone();
    let first = log().lines().next().unwrap_or_default().to_string();
    assert!(
        first.starts_with("built ") && first.contains(" pages in "),
        "{}",
        log()
    );
    // The search index follows when the writer pauses, without a word.
    std::thread::sleep(Duration::from_millis(1000));
    // Saves that change nothing: the same bytes written again, a file
    // touched, the configuration and a stylesheet saved as they were.
    let page = s.root.join("content/programs/command-center.md");
    let text = std::fs::read_to_string(&page).unwrap();
    for rel in [
        "content/programs/command-center.md",
        "terbit.toml",
        "static/extra.css",
    ] {
        let path = s.root.join(rel);
        std::fs::write(&path, std::fs::read(&path).unwrap()).unwrap();
        std::thread::sleep(Duration::from_millis(400));
    }
    std::fs::File::options()
        .append(true)
        .open(&page)
        .unwrap()
        .set_modified(std::time::SystemTime::now())
        .unwrap();
    std::thread::sleep(Duration::from_millis(400));
    // Then a real edit, told once: changes are handled in order, so a line
    // for the saves above would come before it.
    std::fs::write(
        &page,
        text.replace("Pusat Komando Kota", "Pusat Komando Baru"),
    )
    .unwrap();
    s.wait_for("/program/command-center/", "edited title", |r| {
        r.body.contains("Pusat Komando Baru")
    });
    let start = Instant::now();
    while !log().contains("rebuilt ") && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(1000));
    let log = log();
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 3, "{log}");
    assert!(lines[1].starts_with("serving "), "{log}");
    assert!(
        lines[2].starts_with("rebuilt ") && !lines[2].starts_with("rebuilt 0 "),
        "{log}"
    );
}

#[test]
fn many_readers_at_once_are_all_answered() {
    let s = Serve::start("plan");
    let port = s.port;
    let paths = [
        "/",
        "/en/",
        "/program/command-center/",
        "/kota.css",
        "/en/timeline/",
        "/data/plan.json",
        "/pilar/",
        "/en/news/",
    ];
    let handles: Vec<_> = (0..200)
        .map(|i| {
            let path = paths[i % paths.len()];
            std::thread::spawn(move || request(port, "GET", path).status)
        })
        .collect();
    let statuses: Vec<u16> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(
        statuses.iter().filter(|&&s| s == 200).count(),
        200,
        "{statuses:?}"
    );
}

#[test]
fn a_taken_port_moves_to_the_next_one_and_says_so() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let s = Serve::start_at(copy_site("plan"), &["--port", &port.to_string()]);
    assert_ne!(s.port, port);
    assert!(
        s.log
            .lock()
            .unwrap()
            .contains(&format!("port {port} is taken; using {}", s.port))
    );
    assert_eq!(s.get("/").status, 200);
}

#[test]
fn the_search_index_follows_edits() {
    let s = Serve::start("plan");
    let path = s.root.join("content/programs/satu-data.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace(
            "Satu data untuk perizinan",
            "Satu data zamrudkatulistiwa untuk perizinan",
        ),
    )
    .unwrap();
    // The word's chunk is named by its first two letters in hex: "za" -> 7a61.
    s.wait_for(
        "/search/id/t/7a61.json",
        "new word in the search index",
        |r| r.status == 200 && r.body.contains("zamrudkatulistiwa"),
    );
}

/// A web page elsewhere cannot read the preview by pointing a name of its
/// own at this address (DNS rebinding): only the bound address and
/// `localhost` are answered, and every answer carries the security headers.
#[test]
fn only_its_own_host_names_are_answered() {
    let s = Serve::start("plan");
    s.wait_for("/", "the first build", |r| r.status == 200);
    for path in [
        "/",
        "/data/plan.json",
        "/__terbit/events",
        "/__terbit/live.js",
        "/en/",
    ] {
        let r = request_as(s.port, "GET", path, &format!("evil.example:{}", s.port));
        assert_eq!(r.status, 421, "{path}");
        assert!(!r.body.contains("<html"), "{path}");
    }
    let r = request_as(s.port, "GET", "/", "127.0.0.1.evil.example");
    assert_eq!(r.status, 421);
    for host in [
        format!("localhost:{}", s.port),
        format!("127.0.0.1:{}", s.port),
    ] {
        let r = request_as(s.port, "GET", "/", &host);
        assert_eq!(r.status, 200, "{host}");
        assert_eq!(
            r.header("X-Content-Type-Options").as_deref(),
            Some("nosniff")
        );
        let csp = r.header("Content-Security-Policy").unwrap();
        assert!(
            csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"),
            "{csp}"
        );
        assert!(r.header("Referrer-Policy").is_some());
    }
}

/// Listening on every address: the preview says where to open it (not
/// `0.0.0.0`), warns that drafts are visible on the network, and writes a
/// visitable address into its links.
#[test]
fn bound_to_every_address_it_says_so_and_links_to_a_real_one() {
    let s = Serve::start_at(copy_site("plan"), &["--bind", "0.0.0.0", "--port", "0"]);
    let page = s.wait_for("/", "the first build", |r| r.status == 200);
    let log = s.log.lock().unwrap().clone();
    assert!(!log.contains("http://0.0.0.0"), "{log}");
    assert!(log.contains("drafts included"), "{log}");
    assert!(!page.body.contains("0.0.0.0"));
    assert!(page.body.contains(&format!("http://127.0.0.1:{}/", s.port)));
}

/// A flood of idle connections runs a server with few file descriptors out of
/// them; once the flood ends, the server answers again within a second.
#[test]
fn after_a_flood_of_idle_connections_it_answers_again() {
    let site = copy_site("plan");
    let command = format!(
        "ulimit -n 256 && exec {} serve --root {} --port 0",
        env!("CARGO_BIN_EXE_terbit"),
        site.path().display()
    );
    let mut child = Command::new("bash")
        .args(["-c", &command])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let port = port_of(child.stderr.take().unwrap(), None);
    assert_eq!(request(port, "GET", "/").status, 200);
    // 400 idle connections, held 3 s: more than the server has descriptors.
    let flood: Vec<TcpStream> = (0..400)
        .filter_map(|_| TcpStream::connect(("127.0.0.1", port)).ok())
        .collect();
    std::thread::sleep(Duration::from_secs(3));
    drop(flood);
    let ended = Instant::now();
    let answered = loop {
        let ok = TcpStream::connect(("127.0.0.1", port)).is_ok_and(|mut s| {
            let _ = s.set_read_timeout(Some(Duration::from_millis(500)));
            let _ = write!(
                s,
                "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
            );
            let mut head = [0u8; 12];
            s.read_exact(&mut head).is_ok() && head.starts_with(b"HTTP/1.1 200")
        });
        if ok || ended.elapsed() > Duration::from_secs(5) {
            break ok.then(|| ended.elapsed());
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let _ = child.kill();
    let _ = child.wait();
    let took = answered.expect("no answer within 5 s of the flood ending");
    assert!(
        took < Duration::from_secs(1),
        "answered only after {took:?}"
    );
}

#[test]
fn a_new_photo_shows_once_its_copies_are_made() {
    let s = Serve::start("basic");
    let mut jpeg = Vec::new();
    let pixels = image::RgbImage::from_fn(1200, 900, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 85)
        .encode_image(&pixels)
        .unwrap();
    std::fs::create_dir_all(s.root.join("content/foto")).unwrap();
    std::fs::write(s.root.join("content/foto/taman.jpg"), jpeg).unwrap();
    s.write(
        "content/foto.md",
        "+++\ntitle = \"Foto\"\n+++\n![Taman kota](foto/taman.jpg)\n",
    );
    // The page shows at once; its copies follow, made in the background.
    let page = s.wait_for("/foto/", "the new page", |r| r.body.contains("<picture>"));
    let href = page
        .body
        .split("class=\"photo\" href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_string();
    assert!(
        href.starts_with("/img/taman-") && href.ends_with("-1200.jpg"),
        "{href}"
    );
    let copy = s.wait_for(&href, "the largest copy", |r| r.status == 200);
    assert_eq!(copy.header("content-type").as_deref(), Some("image/jpeg"));
    let webp = href.replace("-1200.jpg", "-480.webp");
    let small = s.wait_for(&webp, "the small WebP", |r| r.status == 200);
    assert_eq!(small.header("content-type").as_deref(), Some("image/webp"));
    // The original is never served.
    assert_eq!(s.get("/foto/taman.jpg").status, 404);
}

/// The text of a PDF, by poppler's pdftotext.
fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.pdf");
    std::fs::write(&file, bytes).unwrap();
    let o = Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext is needed for this test (Debian: poppler-utils)");
    String::from_utf8_lossy(&o.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_plan_pdf_is_typeset_when_asked_for_and_follows_edits() {
    let s = Serve::start("plan");
    let pdf = "/dokumen/master-plan.pdf";
    let first = s.get(pdf);
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(
        first.header("Content-Type").as_deref(),
        Some("application/pdf")
    );
    assert!(
        first.bytes.starts_with(b"%PDF-"),
        "{}\n{:?}",
        first.head,
        &first.bytes[..first.bytes.len().min(40)]
    );
    assert!(pdf_text(&first.bytes).contains("Pusat Komando Kota"));
    // Asked again with nothing changed: the same PDF, not typeset again.
    assert_eq!(s.get(pdf).bytes, first.bytes);
    let path = s.root.join("content/programs/command-center.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("Pusat Komando Kota", "Pusat Komando Zamrud"),
    )
    .unwrap();
    // The programme's own page shows the edit at once; the document and its
    // PDF follow when the writer pauses.
    s.wait_for("/program/command-center/", "the edit", |r| {
        r.body.contains("Pusat Komando Zamrud")
    });
    s.wait_for("/dokumen/", "the edit in the document page", |r| {
        r.body.contains("Pusat Komando Zamrud")
    });
    let after = s.wait_for(pdf, "the edit in the PDF", |r| {
        r.status == 200 && pdf_text(&r.bytes).contains("Pusat Komando Zamrud")
    });
    assert!(!pdf_text(&after.bytes).contains("Pusat Komando Kota"));
}
