//! The dev server's socket, kept alive through floods.
//!
//! tiny_http accepts connections on a thread of its own, and leaves that
//! loop (or panics) on the first accept error, such as running out of file
//! descriptors while many idle connections are held: the port would then
//! refuse every visitor for as long as the process lives. So the server here
//! raises the process's descriptor limit to what the system allows, gives
//! every connection read and write timeouts (set on the listening socket,
//! which accepted sockets inherit), and watches its listener: when tiny_http
//! stops accepting, a new listener is bound on the same port as soon as the
//! system lets it, and the workers move to it.

use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::http::{Served, handle};

/// How long a connection may sit idle, reading or writing, before it is closed.
const IDLE: Duration = Duration::from_secs(10);
/// How often the listener is checked, and a lost one bound again.
const WATCH: Duration = Duration::from_millis(250);

/// Raises the soft limit of open files to the hard one, so that a burst of
/// connections does not run the server out of descriptors.
pub fn raise_file_limit() {
    #[cfg(unix)]
    // SAFETY: getrlimit/setrlimit read and write the process's own limit struct.
    unsafe {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 && limit.rlim_cur < limit.rlim_max
        {
            limit.rlim_cur = limit.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
        }
    }
}

/// A listening socket whose connections send small responses at once and
/// time out when idle.
///
/// Without TCP_NODELAY (inherited by accepted sockets on Linux), the last
/// part of each response waits for the browser's delayed acknowledgement:
/// about 40 ms a request.
pub fn listen(address: SocketAddr) -> std::io::Result<tiny_http::Server> {
    let listener = std::net::TcpListener::bind(address)?;
    let socket = socket2::SockRef::from(&listener);
    let _ = socket.set_tcp_nodelay(true);
    let _ = socket.set_read_timeout(Some(IDLE));
    let _ = socket.set_write_timeout(Some(IDLE));
    tiny_http::Server::from_listener(listener, None).map_err(std::io::Error::other)
}

/// Serves on `address` with `threads` workers until the process ends,
/// binding the port again whenever the listener is lost.
pub fn serve_forever(
    first: tiny_http::Server,
    address: SocketAddr,
    served: Arc<Served>,
    threads: usize,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let mut server = Some(first);
        loop {
            let current = match server.take() {
                Some(s) => s,
                None => match listen(address) {
                    Ok(s) => {
                        eprintln!("serve: listening again on {address}");
                        s
                    }
                    // Still out of descriptors, or the port is not free yet.
                    Err(_) => {
                        std::thread::sleep(WATCH);
                        continue;
                    }
                },
            };
            run_until_lost(Arc::new(current), address, &served, threads);
        }
    })
}

/// Answers requests until the listener stops accepting.
fn run_until_lost(
    server: Arc<tiny_http::Server>,
    address: SocketAddr,
    served: &Arc<Served>,
    threads: usize,
) {
    let alive = Arc::new(AtomicBool::new(true));
    let workers: Vec<_> = (0..threads)
        .map(|_| {
            let (server, served, alive) =
                (Arc::clone(&server), Arc::clone(served), Arc::clone(&alive));
            std::thread::spawn(move || {
                while alive.load(Ordering::SeqCst) {
                    match server.recv_timeout(WATCH) {
                        Ok(Some(request)) => handle(request, &served),
                        Ok(None) => {}
                        // tiny_http's accept loop ended.
                        Err(_) => alive.store(false, Ordering::SeqCst),
                    }
                }
            })
        })
        .collect();
    while alive.load(Ordering::SeqCst) {
        std::thread::sleep(WATCH);
        // tiny_http's accept thread may also have died without a word.
        if let Err(e) = TcpStream::connect_timeout(&probe_address(address), WATCH)
            && e.kind() == std::io::ErrorKind::ConnectionRefused
        {
            alive.store(false, Ordering::SeqCst);
        }
    }
    for worker in workers {
        let _ = worker.join();
    }
}

/// Where to reach a listener bound to `address` from this machine.
fn probe_address(address: SocketAddr) -> SocketAddr {
    let mut probe = address;
    if address.ip().is_unspecified() {
        probe.set_ip(if address.is_ipv4() {
            std::net::Ipv4Addr::LOCALHOST.into()
        } else {
            std::net::Ipv6Addr::LOCALHOST.into()
        });
    }
    probe
}
