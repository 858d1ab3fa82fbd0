//! The dev server's HTTP side: answers requests from the site held in
//! memory, streams reload events to open pages, and refuses any path that
//! could lead outside the site.
//!
//! Only GET and HEAD. Paths are percent-decoded exactly once and normalised;
//! a `.` or `..` segment, a backslash or a NUL is refused, so nothing but the
//! built site can ever be served (it lives in memory: no file outside it,
//! symbolic link or not, is reachable).

use std::collections::HashMap;
use std::io::Write;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response};

pub use crate::output::memory::Files;
use crate::paths;

const EVENTS_PATH: &str = "/__terbit/events";
const SCRIPT_PATH: &str = "/__terbit/live.js";
const LIVE_JS: &str = include_str!("live.js");
const OVERLAY_CSS_PATH: &str = "/__terbit/overlay.css";
const OVERLAY_CSS: &str = include_str!("overlay.css");

/// Sent with every response: the same rules the README's server
/// configurations give a published site, so a preview breaks where the
/// published site would.
pub const SECURITY_HEADERS: [(&str, &str); 4] = [
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    (
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    ),
    ("X-Frame-Options", "DENY"),
];

/// Which open pages a new build should reload.
pub enum Reload {
    All,
    /// Only stylesheets changed: swap them, keep the page.
    Css,
    /// The URL paths that changed.
    Pages(Vec<String>),
}

/// What the server shares with the rebuild loop.
pub struct Served {
    files: RwLock<Arc<Files>>,
    /// The errors of the last failed rebuild, shown over every page until fixed.
    error: RwLock<Option<String>>,
    clients: Mutex<Vec<Sender<String>>>,
    /// The language prefixes (`en`), to answer a missing page with the right 404.
    lang_prefixes: Vec<String>,
    /// The `Host` values a request may carry.
    hosts: AllowedHosts,
    /// Photo copies, made in the background after the pages that show them.
    images: RwLock<Files>,
    /// The plan's PDFs, by output path: typeset when first asked for after a change.
    pdfs: Mutex<HashMap<String, ServedPdf>>,
}

/// A PDF of the plan: what it is made from, and the PDF once made.
struct ServedPdf {
    job: Arc<crate::pdf::Job>,
    made: Option<Arc<Vec<u8>>>,
}

/// The hosts the dev server answers for: the address it is bound to and
/// `localhost`, by name. A page on another site that points a name of its own
/// at this address (DNS rebinding) sends that name as `Host` and is refused,
/// so it cannot read drafts or the event stream.
#[derive(Debug, Clone)]
pub struct AllowedHosts {
    bound: String,
    /// Bound to every address (`0.0.0.0`, `::`): any IP address is fine.
    any_address: bool,
}

impl AllowedHosts {
    pub fn new(bind: &str) -> AllowedHosts {
        let bound = bind
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_ascii_lowercase();
        let any_address = bound
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_unspecified());
        AllowedHosts { bound, any_address }
    }

    /// Whether the server listens on every address (`0.0.0.0`, `::`).
    pub fn any_address(&self) -> bool {
        self.any_address
    }

    /// Whether a request's `Host` (with or without its port) may be answered.
    pub fn allows(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        let name = match host.strip_prefix('[') {
            Some(v6) => v6.split(']').next().unwrap_or(""),
            None => host.rsplit_once(':').map_or(host.as_str(), |(h, port)| {
                if port.bytes().all(|b| b.is_ascii_digit()) {
                    h
                } else {
                    host.as_str()
                }
            }),
        };
        let name = name.trim_end_matches('.');
        name == "localhost"
            || name.ends_with(".localhost")
            || name == self.bound
            || (self.any_address && name.parse::<std::net::IpAddr>().is_ok())
    }
}

impl Served {
    pub fn new(lang_prefixes: Vec<String>, hosts: AllowedHosts) -> Served {
        Served {
            files: RwLock::new(Arc::new(Files::new())),
            error: RwLock::new(None),
            clients: Mutex::new(Vec::new()),
            lang_prefixes,
            hosts,
            images: RwLock::default(),
            pdfs: Mutex::default(),
        }
    }

    /// What the PDF at `path` is now made from; typeset again when next asked
    /// for, unless it is what the PDF already shows.
    pub fn set_pdf(&self, path: String, job: crate::pdf::Job) {
        if let Ok(mut pdfs) = self.pdfs.lock() {
            let same = pdfs.get(&path).is_some_and(|p| *p.job == job);
            if !same {
                let job = Arc::new(job);
                pdfs.insert(path, ServedPdf { job, made: None });
            }
        }
    }

    /// The PDF at `path`, typeset now if it has changed since it was last asked for.
    fn pdf(&self, path: &str) -> Option<Result<Arc<Vec<u8>>, String>> {
        let job = {
            let pdfs = self.pdfs.lock().ok()?;
            let pdf = pdfs.get(path)?;
            if let Some(made) = &pdf.made {
                return Some(Ok(Arc::clone(made)));
            }
            Arc::clone(&pdf.job)
        };
        // Typeset without holding the lock: other requests go on meanwhile.
        let made = crate::pdf::typeset(&job).map(Arc::new);
        if let (Ok(bytes), Ok(mut pdfs)) = (&made, self.pdfs.lock())
            && let Some(pdf) = pdfs.get_mut(path)
            && Arc::ptr_eq(&pdf.job, &job)
        {
            pdf.made = Some(Arc::clone(bytes));
        }
        Some(made)
    }

    /// Publishes a new build and tells open pages to reload (or only swap stylesheets).
    pub fn publish(&self, files: Files, reload: Reload) {
        if let Ok(mut f) = self.files.write() {
            *f = Arc::new(files);
        }
        if let Ok(mut e) = self.error.write() {
            *e = None;
        }
        self.broadcast(match reload {
            Reload::All => "event: reload\ndata: \"*\"\n\n".to_string(),
            Reload::Css => "event: css\ndata: {}\n\n".to_string(),
            Reload::Pages(paths) => format!(
                "event: reload\ndata: {}\n\n",
                serde_json::to_string(&paths).unwrap_or_default()
            ),
        });
    }

    /// Adds photo copies made in the background, and reloads open pages to show them.
    pub fn add_images(&self, files: Files) {
        if files.is_empty() {
            return;
        }
        if let Ok(mut images) = self.images.write() {
            images.extend(files);
        }
        self.broadcast("event: reload\ndata: \"*\"\n\n".to_string());
    }

    /// Keeps the last good site, and shows `message` in every open page.
    pub fn fail(&self, message: String) {
        let data = serde_json::to_string(&message).unwrap_or_default();
        if let Ok(mut e) = self.error.write() {
            *e = Some(message);
        }
        self.broadcast(format!("event: builderror\ndata: {data}\n\n"));
    }

    pub fn files(&self) -> Arc<Files> {
        self.files
            .read()
            .map(|f| Arc::clone(&f))
            .unwrap_or_default()
    }

    fn broadcast(&self, event: String) {
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain(|c| c.send(event.clone()).is_ok());
        }
    }

    fn subscribe(&self) -> Receiver<String> {
        let (tx, rx) = mpsc::channel();
        if let Ok(mut clients) = self.clients.lock() {
            clients.push(tx);
        }
        rx
    }
}

/// Answers one request.
pub(super) fn handle(request: Request, served: &Arc<Served>) {
    let host = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_string());
    if let Some(host) = host
        && !served.hosts.allows(&host)
    {
        let body = "This preview answers only for its own address and localhost.\n";
        let _ = request.respond(text(421, body));
        return;
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(
            text(405, "Only GET and HEAD are served.\n").with_header(header("Allow", "GET, HEAD")),
        );
        return;
    }
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("");
    if path == EVENTS_PATH {
        let served = Arc::clone(served);
        // A waiting browser holds its own thread, never a worker.
        std::thread::spawn(move || stream_events(request, &served));
        return;
    }
    for (asset, body, kind) in [
        (SCRIPT_PATH, LIVE_JS, "text/javascript; charset=utf-8"),
        (OVERLAY_CSS_PATH, OVERLAY_CSS, "text/css; charset=utf-8"),
    ] {
        if path == asset {
            let response = Response::from_data(body.as_bytes().to_vec())
                .with_header(header("Content-Type", kind));
            let _ = request.respond(secured(response));
            return;
        }
    }
    let response = match normalise(path) {
        Err(status) => text(status, "Bad request path.\n"),
        Ok(rel) => answer(served, &rel, path),
    };
    let _ = request.respond(secured(response));
}

/// A response with the security headers.
fn secured<R: std::io::Read>(mut response: Response<R>) -> Response<R> {
    for (name, value) in SECURITY_HEADERS {
        response.add_header(header(name, value));
    }
    response
}

pub use crate::paths::normalise;

fn answer(served: &Served, rel: &str, raw_path: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let files = served.files();
    let key = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    };
    if let Some(bytes) = files.get(&key) {
        return file_response(served, &key, bytes, 200);
    }
    let image = served.images.read().ok().and_then(|i| i.get(&key).cloned());
    if let Some(bytes) = image {
        return file_response(served, &key, &bytes, 200);
    }
    match served.pdf(&key) {
        Some(Ok(bytes)) => return file_response(served, &key, &bytes, 200),
        Some(Err(e)) => {
            let message = crate::render::document::pdf_error(&key, &e).to_string();
            return text(500, &format!("{message}\n"));
        }
        None => {}
    }
    if files.contains_key(&format!("{rel}/index.html")) {
        let location = format!("{}/", raw_path.trim_end_matches('/'));
        return text(301, "Moved.\n").with_header(header("Location", &location));
    }
    let first = rel.split('/').next().unwrap_or("");
    let not_found = if served.lang_prefixes.iter().any(|p| p == first) {
        format!("{first}/{}", paths::NOT_FOUND_FILE)
    } else {
        paths::NOT_FOUND_FILE.to_string()
    };
    match files
        .get(&not_found)
        .or_else(|| files.get(paths::NOT_FOUND_FILE))
    {
        Some(bytes) => file_response(served, &not_found, bytes, 404),
        None => text(404, "Not found.\n"),
    }
}

fn file_response(
    served: &Served,
    key: &str,
    bytes: &[u8],
    status: u16,
) -> Response<std::io::Cursor<Vec<u8>>> {
    let content_type = content_type(key);
    let body = if content_type.starts_with("text/html") {
        inject(served, bytes)
    } else {
        bytes.to_vec()
    };
    Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
}

/// Adds the live-reload script, and the current build error, to a page.
fn inject(served: &Served, html: &[u8]) -> Vec<u8> {
    let mut extra = format!(
        "<link rel=\"stylesheet\" href=\"{OVERLAY_CSS_PATH}\"><script src=\"{SCRIPT_PATH}\"></script>"
    );
    if let Some(error) = served.error.read().ok().and_then(|e| e.clone()) {
        extra.push_str(&error_overlay(&error));
    }
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{extra}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{extra}").into_bytes(),
    }
}

/// The errors of a failed rebuild, over the page; readable without
/// JavaScript, styled by `overlay.css` (no inline style: the preview keeps
/// the same Content-Security-Policy as the published site).
pub fn error_overlay(message: &str) -> String {
    format!(
        "<div id=\"terbit-error\" role=\"alert\">\
         <strong>terbit: the last change did not build; the site shows the last good version.</strong>\
         <pre>{}</pre></div>",
        crate::html::escape(message)
    )
}

fn stream_events(request: Request, served: &Served) {
    let rx = served.subscribe();
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
    if writer
        .write_all(head.as_bytes())
        .and_then(|_| writer.flush())
        .is_err()
    {
        return;
    }
    if let Some(error) = served.error.read().ok().and_then(|e| e.clone()) {
        let data = serde_json::to_string(&error).unwrap_or_default();
        let _ = writer.write_all(format!("event: builderror\ndata: {data}\n\n").as_bytes());
        let _ = writer.flush();
    }
    loop {
        let message = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(m) => m,
            Err(mpsc::RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if writer
            .write_all(message.as_bytes())
            .and_then(|_| writer.flush())
            .is_err()
        {
            return;
        }
    }
}

pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "xml" if path.ends_with("atom.xml") => "application/atom+xml",
        "xml" => "application/xml",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("ASCII header")
}

fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(body.as_bytes().to_vec())
        .with_status_code(status)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_bound_address_and_localhost_are_answered() {
        let local = AllowedHosts::new("127.0.0.1");
        for ok in [
            "127.0.0.1:1111",
            "127.0.0.1",
            "localhost:1111",
            "LOCALHOST",
            "app.localhost:1",
        ] {
            assert!(local.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:1111",
            "127.0.0.1.evil.example",
            "10.0.0.5:1111",
            "",
        ] {
            assert!(!local.allows(bad), "{bad}");
        }
        let any = AllowedHosts::new("0.0.0.0");
        assert!(any.allows("192.168.1.20:1111") && any.allows("[fe80::1]:1111"));
        assert!(!any.allows("evil.example:1111"));
        let v6 = AllowedHosts::new("::1");
        assert!(v6.allows("[::1]:1111") && !v6.allows("[::2]:1111"));
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("atom.xml"), "application/atom+xml");
        assert_eq!(content_type("data/programs.csv"), "text/csv; charset=utf-8");
        assert_eq!(content_type("x.woff2"), "font/woff2");
    }
}
