//! How far a build has got, for a person watching a terminal.
//!
//! The stages only count: one atomic add per page rendered and per photo
//! published, one when a PDF starts and ends typesetting, nothing formatted.
//! [`Bar`] reads the counts ten times a second and draws them on stderr
//! with `indicatif`, only when stderr is a terminal and only once the build
//! has taken two seconds: a quick build, or one whose output goes to a file
//! or a CI log, prints nothing more than before.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

/// The counts of one build (or of a `serve` session, where nobody reads them).
#[derive(Debug, Default)]
pub struct Progress {
    pages_total: AtomicUsize,
    pages_done: AtomicUsize,
    photos_total: AtomicUsize,
    photos_done: AtomicUsize,
    typesetting: AtomicUsize,
    checking: AtomicBool,
    swapping: AtomicBool,
}

impl Progress {
    /// `n` more pages (in all languages) are to be rendered.
    pub fn pages_ahead(&self, n: usize) {
        self.pages_total.fetch_add(n, Relaxed);
    }

    pub fn page_done(&self) {
        self.pages_done.fetch_add(1, Relaxed);
    }

    /// `n` more photos are to be published (each made or taken from the cache).
    pub fn photos_ahead(&self, n: usize) {
        self.photos_total.fetch_add(n, Relaxed);
    }

    pub fn photo_done(&self) {
        self.photos_done.fetch_add(1, Relaxed);
    }

    /// A PDF is being typeset until the returned guard is dropped.
    pub fn typesetting(&self) -> Typesetting<'_> {
        self.typesetting.fetch_add(1, Relaxed);
        Typesetting(self)
    }

    /// `check` is reading the rendered site (links, images, translations).
    pub fn checking(&self) {
        self.checking.store(true, Relaxed);
    }

    /// The new output is being put in place of the old.
    pub fn swapping(&self) {
        self.swapping.store(true, Relaxed);
    }

    /// What the build is doing now, with a count where there is one.
    fn now(&self) -> (&'static str, Option<(usize, usize)>) {
        let count = |done: &AtomicUsize, total: &AtomicUsize| {
            let total = total.load(Relaxed);
            (done.load(Relaxed).min(total), total)
        };
        let pages = count(&self.pages_done, &self.pages_total);
        let photos = count(&self.photos_done, &self.photos_total);
        if self.swapping.load(Relaxed) {
            ("putting the new site in place", None)
        } else if self.checking.load(Relaxed) {
            ("checking links, images and translations", None)
        } else if photos.0 < photos.1 {
            ("publishing photos", Some(photos))
        } else if pages.1 == 0 {
            ("reading the plan", None)
        } else if pages.0 < pages.1 {
            ("rendering pages", Some(pages))
        } else if self.typesetting.load(Relaxed) > 0 {
            ("typesetting the plan's PDF", None)
        } else {
            ("writing search index, feeds and open data", None)
        }
    }
}

/// Marks a PDF as being typeset while it lives.
pub struct Typesetting<'a>(&'a Progress);

impl Drop for Typesetting<'_> {
    fn drop(&mut self) {
        self.0.typesetting.fetch_sub(1, Relaxed);
    }
}

/// How long a build runs before it shows its progress: a shorter build
/// is over before anyone wonders.
pub const SHOW_AFTER: Duration = Duration::from_secs(2);

/// The progress of a build drawn on stderr, from a thread of its own.
pub struct Bar {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Bar {
    /// Starts watching `progress`. Nothing is drawn when stderr is not a
    /// terminal, or when `TERBIT_PROGRESS=0`; `TERBIT_PROGRESS=now` draws
    /// from the start instead of after [`SHOW_AFTER`].
    pub fn start(progress: Arc<Progress>) -> Bar {
        use std::io::IsTerminal;
        let after = match std::env::var("TERBIT_PROGRESS").as_deref() {
            Ok("0") => None,
            Ok("now") => Some(Duration::ZERO),
            _ => Some(SHOW_AFTER),
        };
        let Some(after) = after.filter(|_| std::io::stderr().is_terminal()) else {
            return Bar {
                stop: None,
                thread: None,
            };
        };
        let (stop, stopped) = mpsc::channel();
        let started = Instant::now();
        let thread = std::thread::spawn(move || draw(&progress, started, after, &stopped));
        Bar {
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    /// Stops drawing and clears the bar, before the build's report is printed.
    pub fn finish(self) {
        drop(self);
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.stop.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Waits `after`, then redraws the bar every tenth of a second until told to stop.
fn draw(progress: &Progress, started: Instant, after: Duration, stopped: &mpsc::Receiver<()>) {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    let tick = Duration::from_millis(100);
    if after > Duration::ZERO && stopped.recv_timeout(after) != Err(mpsc::RecvTimeoutError::Timeout)
    {
        return;
    }
    let counted = ProgressStyle::with_template("{spinner} {elapsed} {msg} {bar:30} {pos}/{len}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    let waiting = ProgressStyle::with_template("{spinner} {elapsed} {msg}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner());
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
        .with_style(waiting.clone())
        .with_elapsed(started.elapsed());
    let mut was_counted = false;
    loop {
        // In an order that never draws a count under the wrong words.
        match progress.now() {
            (what, Some((done, total))) => {
                bar.set_length(total as u64);
                bar.set_position(done as u64);
                bar.set_message(what);
                if !was_counted {
                    bar.set_style(counted.clone());
                }
                was_counted = true;
            }
            (what, None) => {
                if was_counted {
                    bar.set_style(waiting.clone());
                }
                bar.set_message(what);
                was_counted = false;
            }
        }
        bar.tick();
        if stopped.recv_timeout(tick) != Err(mpsc::RecvTimeoutError::Timeout) {
            break;
        }
    }
    bar.finish_and_clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_what_the_build_is_doing() {
        let p = Progress::default();
        assert_eq!(p.now(), ("reading the plan", None));
        p.pages_ahead(3);
        p.page_done();
        assert_eq!(p.now(), ("rendering pages", Some((1, 3))));
        p.page_done();
        p.page_done();
        let pdf = p.typesetting();
        assert_eq!(p.now(), ("typesetting the plan's PDF", None));
        drop(pdf);
        p.photos_ahead(2);
        assert_eq!(p.now(), ("publishing photos", Some((0, 2))));
        p.photo_done();
        p.photo_done();
        assert_eq!(p.now().1, None);
        p.swapping();
        assert_eq!(p.now(), ("putting the new site in place", None));
    }
}
