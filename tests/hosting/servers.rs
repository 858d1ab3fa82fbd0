//! nginx, Apache httpd and Caddy started on a loopback port with the
//! configuration files of `hosting/`, changed only where the README tells an
//! admin to change them (the address, the host name, the folder).

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::repo;

pub struct Server {
    child: Child,
    pub port: u16,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Server {
    /// What the server wrote to its error log, for a failing test's message.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // SIGTERM lets nginx and Apache stop their worker processes too.
        unsafe { libc::kill(self.child.id() as i32, libc::SIGTERM) };
        let until = Instant::now() + Duration::from_secs(10);
        while Instant::now() < until {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Whether `program` can run here. CI sets TERBIT_HOSTING_TESTS=required, so a
/// missing server fails there instead of skipping.
pub fn installed(program: &str) -> bool {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "command -v {program} || test -x /usr/sbin/{program}"
        ))
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        assert!(
            std::env::var("TERBIT_HOSTING_TESTS").as_deref() != Ok("required"),
            "{program} is not installed (Debian: apt-get install nginx apache2 caddy libnginx-mod-http-brotli-filter)"
        );
        eprintln!("skipped: {program} is not installed");
    }
    found
}

/// A port nobody listens on now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A file of `hosting/`, as the README shows it.
pub fn documented(name: &str) -> String {
    std::fs::read_to_string(repo().join("hosting").join(name)).unwrap()
}

/// `text` with each `from` replaced by its `to`; every `from` must be there, so
/// that a change to the documented file cannot silently escape the test.
pub fn adapt(text: &str, changes: &[(&str, &str)]) -> String {
    let mut out = text.to_string();
    for (from, to) in changes {
        assert!(
            out.contains(from),
            "the configuration no longer has `{from}`"
        );
        out = out.replace(from, to);
    }
    out
}

/// A scratch folder the servers' unprivileged workers can read.
pub fn readable_tempdir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    open_to_all(dir.path());
    dir
}

pub fn open_to_all(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// nginx with Debian's modules, running `site` (server blocks) in its http block.
pub fn nginx(site: &str, port: u16) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().display();
    std::fs::write(dir.path().join("site.conf"), site).unwrap();
    let main = format!(
        "include /etc/nginx/modules-enabled/*.conf;\n\
         worker_processes 1;\npid {d}/nginx.pid;\nerror_log {d}/error.log;\n\
         events {{}}\n\
         http {{\n  access_log off;\n  default_type application/octet-stream;\n\
         client_body_temp_path {d}/body; proxy_temp_path {d}/proxy; fastcgi_temp_path {d}/fastcgi;\n\
         uwsgi_temp_path {d}/uwsgi; scgi_temp_path {d}/scgi;\n  include {d}/site.conf;\n}}\n"
    );
    let conf = dir.path().join("nginx.conf");
    std::fs::write(&conf, main).unwrap();
    // The prefix where Debian's module files find their `modules/` folder.
    let child = Command::new(program("nginx"))
        .args(["-p", "/usr/share/nginx", "-c"])
        .arg(&conf)
        .args(["-g", "daemon off;"])
        .stderr(std::fs::File::create(dir.path().join("stderr.log")).unwrap())
        .spawn()
        .expect("nginx starts");
    started(child, port, dir.path().join("error.log"), dir)
}

/// Apache httpd with the modules Debian enables plus headers and brotli,
/// including `site` (a <VirtualHost>) as a sites-enabled file would be.
pub fn apache(site: &str, port: u16) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().display();
    std::fs::write(dir.path().join("site.conf"), site).unwrap();
    let modules: String = [
        ("mpm_event", "mod_mpm_event"),
        ("authz_core", "mod_authz_core"),
        ("alias", "mod_alias"),
        ("dir", "mod_dir"),
        ("mime", "mod_mime"),
        ("filter", "mod_filter"),
        ("deflate", "mod_deflate"),
        ("brotli", "mod_brotli"),
        ("headers", "mod_headers"),
    ]
    .iter()
    .map(|(name, file)| format!("LoadModule {name}_module /usr/lib/apache2/modules/{file}.so\n"))
    .collect();
    let main = format!(
        "ServerRoot {d}\nDefaultRuntimeDir {d}\nPidFile {d}/httpd.pid\nMutex file:{d} default\n\
         ErrorLog {d}/error.log\nLogLevel warn\nListen 127.0.0.1:{port}\nServerName 127.0.0.1\n\
         User nobody\nGroup nogroup\n{modules}TypesConfig /etc/mime.types\nInclude {d}/site.conf\n"
    );
    let conf = dir.path().join("apache2.conf");
    std::fs::write(&conf, main).unwrap();
    let child = Command::new(program("apache2"))
        .arg("-d")
        .arg(dir.path())
        .arg("-f")
        .arg(&conf)
        .arg("-DFOREGROUND")
        .stderr(std::fs::File::create(dir.path().join("stderr.log")).unwrap())
        .spawn()
        .expect("apache2 starts");
    started(child, port, dir.path().join("error.log"), dir)
}

/// Caddy running `caddyfile`, with its admin endpoint and automatic HTTPS off
/// (a test has no domain and no certificate authority).
pub fn caddy(caddyfile: &str, port: u16) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("Caddyfile");
    std::fs::write(
        &conf,
        format!("{{\n\tadmin off\n\tauto_https off\n}}\n\n{caddyfile}"),
    )
    .unwrap();
    let log = dir.path().join("error.log");
    let child = Command::new(program("caddy"))
        .args(["run", "--adapter", "caddyfile", "--config"])
        .arg(&conf)
        .env("XDG_CONFIG_HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .env("HOME", dir.path())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .expect("caddy starts");
    started(child, port, log, dir)
}

fn program(name: &str) -> PathBuf {
    let sbin = Path::new("/usr/sbin").join(name);
    if sbin.exists() {
        sbin
    } else {
        PathBuf::from(name)
    }
}

/// Waits until the server accepts connections, or fails with its log.
fn started(mut child: Child, port: u16, log: PathBuf, dir: tempfile::TempDir) -> Server {
    let until = Instant::now() + Duration::from_secs(20);
    loop {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Server {
                child,
                port,
                log,
                _dir: dir,
            };
        }
        let exited = child.try_wait().unwrap();
        if exited.is_some() || Instant::now() > until {
            let stderr = std::fs::read_to_string(dir.path().join("stderr.log")).unwrap_or_default();
            let log = std::fs::read_to_string(&log).unwrap_or_default();
            panic!("the server did not start ({exited:?}):\n{stderr}\n{log}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
