//! The command line: parse, call the library, map errors to exit codes
//! (0 success, 1 the site has errors, 2 a usage error).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use terbit::{BuildOptions, Diagnostics};

#[derive(Parser)]
#[command(
    name = "terbit",
    version,
    about = "Publish a city's Smart City Master Plan as a bilingual static site"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into public/ (or --output).
    Build {
        /// The site folder (the one with terbit.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site. Default: <root>/public.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Use this base URL instead of terbit.toml's (e.g. https://user.github.io/plan).
        #[arg(long)]
        base_url: Option<String>,
        /// Include pages marked draft = true.
        #[arg(long)]
        drafts: bool,
    },
    /// Build, serve from memory with live reload, and rebuild on every change.
    Serve {
        /// The site folder (the one with terbit.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The address to listen on (loopback by default: only this computer).
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// The port (0: any free port). A taken port moves to the next free one.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Drafts are always shown in serve; accepted for symmetry with build.
        #[arg(long, hide = true)]
        drafts: bool,
    },
    /// Check the site before publishing: every build error, plus broken links and
    /// anchors, images without alt text, unreferenced stakeholders, and missing or
    /// stale translations. Writes nothing.
    Check {
        /// The site folder (the one with terbit.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Treat missing and stale translations as errors.
        #[arg(long)]
        strict: bool,
    },
    /// Manage the plan's editions.
    Edition {
        #[command(subcommand)]
        command: EditionCommand,
    },
    /// Write a small working bilingual plan site into a new folder.
    Init {
        /// The folder to create (it must not exist, or be empty).
        dir: PathBuf,
    },
    /// Write a new plan item to fill in, in every language (without KIND: list the kinds).
    ///
    /// The default-language file has every key of its kind: required ones
    /// filled in with ids the site has, optional ones commented out with what
    /// they take. Each translation has only its own text. The item is marked
    /// illustrative (an example) until it is filled in. Nothing is overwritten.
    New {
        /// pillar, programme (or program), stakeholder, event or news.
        kind: Option<String>,
        /// The item's id: its file name and URL, such as ruang-kendali
        /// (lowercase letters, digits and -).
        id: Option<String>,
        /// The site folder (the one with terbit.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Subcommand)]
enum EditionCommand {
    /// Copy content/ to editions/ID/, to keep this edition of the plan readable.
    Freeze {
        /// The edition's id, such as 2024 (letters, digits, - _ .).
        id: String,
        /// The site folder (the one with terbit.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(2),
            };
        }
    };
    match cli.command {
        Command::Init { dir } => init(&dir),
        Command::New { kind, id, root } => new(kind.as_deref(), id.as_deref(), &root),
        Command::Edition {
            command: EditionCommand::Freeze { id, root },
        } => {
            // Today where the city is (the plan's time zone, or SOURCE_DATE_EPOCH).
            let today = match terbit::Config::load(&root) {
                Ok(config) => config.today,
                Err(problems) => {
                    print_diagnostics(&problems);
                    return ExitCode::from(1);
                }
            };
            match terbit::edition::freeze(&root, &id, today) {
                Ok((dir, warnings)) => {
                    print_diagnostics(&warnings);
                    eprintln!("froze content/ as edition {id} in {}", dir.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Check {
            root,
            format,
            strict,
        } => {
            let progress = std::sync::Arc::new(terbit::progress::Progress::default());
            let bar = terbit::progress::Bar::start(progress.clone());
            let report = terbit::check::check(&terbit::check::CheckOptions {
                root,
                strict,
                progress,
            });
            bar.finish();
            match format {
                Format::Text => print!("{}", report.to_text()),
                Format::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&report).unwrap_or_default()
                ),
            }
            if report.errors.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Command::Serve {
            root,
            bind,
            port,
            open,
            drafts: _,
        } => {
            match terbit::serve::serve(&terbit::serve::ServeOptions {
                root,
                bind,
                port,
                open,
            }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(diags) => {
                    print_diagnostics(&diags);
                    ExitCode::from(1)
                }
            }
        }
        Command::Build {
            root,
            output,
            base_url,
            drafts,
        } => {
            let progress = std::sync::Arc::new(terbit::progress::Progress::default());
            let options = BuildOptions {
                root,
                output,
                base_url,
                drafts,
                progress: progress.clone(),
            };
            let started = std::time::Instant::now();
            let bar = terbit::progress::Bar::start(progress);
            let built = terbit::build(&options);
            bar.finish();
            match built {
                Ok(report) => {
                    print_diagnostics(&report.warnings);
                    eprintln!(
                        "built {} pages into {} in {} ms",
                        report.pages,
                        report.output.display(),
                        started.elapsed().as_millis()
                    );
                    ExitCode::SUCCESS
                }
                Err(diags) => {
                    let errors = diags.error_count();
                    print_diagnostics(&diags);
                    eprintln!(
                        "build failed: {errors} error{}; the previous output was left as it was",
                        if errors == 1 { "" } else { "s" }
                    );
                    ExitCode::from(1)
                }
            }
        }
    }
}

fn init(dir: &std::path::Path) -> ExitCode {
    match terbit::init::init(dir) {
        Ok(files) => {
            eprintln!("wrote {} files into {}", files.len(), dir.display());
            eprintln!("next: terbit build --root {}", dir.display());
            eprintln!(
                "to publish from GitHub or GitLab, read the comments at the top of {} or {}",
                terbit::init::publish::GITHUB_PATH,
                terbit::init::publish::GITLAB_PATH
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}

fn new(kind: Option<&str>, id: Option<&str>, root: &std::path::Path) -> ExitCode {
    let Some(word) = kind else {
        print!("{}", terbit::new::kinds());
        return ExitCode::SUCCESS;
    };
    let kind = match terbit::new::parse_kind(word) {
        Ok(kind) => kind,
        Err(usage) => {
            eprint!("error: {usage}");
            return ExitCode::from(2);
        }
    };
    let Some(id) = id else {
        let word = terbit::new::word(kind);
        eprintln!(
            "error: terbit new {word} needs the new item's id, such as: terbit new {word} ruang-kendali"
        );
        return ExitCode::from(2);
    };
    match terbit::new::new_item(root, kind, id) {
        Ok(created) => {
            print!("{created}");
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print_diagnostics(&problems);
            ExitCode::from(1)
        }
    }
}

/// Every error, and the first few warnings of each kind with a count of the rest.
fn print_diagnostics(diags: &Diagnostics) {
    for line in diags.for_terminal() {
        eprintln!("{line}");
    }
}

/// A build makes and frees millions of small values (template contexts, page
/// texts) on every core at once. jemalloc's per-thread caches do that with
/// fewer system calls than glibc's heaps, which grow a page at a time: a full
/// build of the 3,000-programme bench plan takes 12 % less time.
#[cfg(target_os = "linux")]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;
