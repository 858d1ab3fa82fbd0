//! Interrupted builds: Ctrl+C, SIGTERM, SIGHUP and `kill -9` at a chosen
//! moment (while pages are being written) leave the previous site complete
//! and, after the next build at the latest, nothing beside it; two builds at
//! once both finish; an output that is a mount point is published into.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// The plan fixture with enough programmes that a build takes a moment.
fn big_site() -> tempfile::TempDir {
    let site = copy_site("plan");
    let programs = site.path().join("content/programs");
    for i in 0..1500 {
        std::fs::write(
            programs.join(format!("program-{i:04}.md")),
            format!(
                "+++\ntitle = \"Program {i}\"\npillar = \"smart-economy\"\nstatus = \"planned\"\nstart = 2027\nlead = \"bappeda\"\n+++\n{}\n",
                "Teks program untuk diuji. ".repeat(40)
            ),
        )
        .unwrap();
    }
    site
}

fn start_build(root: &Path, out: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_terbit"))
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--output")
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Folders the builds of `out` left beside it.
fn leftovers(out: &Path) -> Vec<String> {
    std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // The site's cache (photos, the plan document) is kept on purpose.
        .filter(|n| n.contains(".terbit-") && n != ".terbit-cache")
        .collect()
}

/// Waits until the build under way has written some pages into its folder.
fn wait_until_writing(out: &Path) -> PathBuf {
    let started = Instant::now();
    loop {
        let staging = leftovers(out)
            .into_iter()
            .find(|n| n.contains(".terbit-new-"))
            .map(|n| out.parent().unwrap().join(n));
        if let Some(dir) = staging
            && walkdir::WalkDir::new(&dir).into_iter().flatten().count() > 50
        {
            return dir;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the build never started writing"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn signal(child: &Child, sig: libc::c_int) {
    // SAFETY: sends a signal to our own child process.
    unsafe {
        libc::kill(child.id() as libc::pid_t, sig);
    }
}

#[test]
fn an_interrupted_build_cleans_up_and_leaves_the_previous_site() {
    let site = big_site();
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    let before = read_tree(&out);
    for (sig, name) in [
        (libc::SIGINT, "SIGINT"),
        (libc::SIGTERM, "SIGTERM"),
        (libc::SIGHUP, "SIGHUP"),
    ] {
        let mut child = start_build(site.path(), &out);
        let staging = wait_until_writing(&out);
        signal(&child, sig);
        let status = child.wait().unwrap();
        assert!(!status.success(), "{name}: the build finished anyway");
        assert!(
            !staging.exists(),
            "{name}: {} left behind",
            staging.display()
        );
        assert_eq!(leftovers(&out), Vec::<String>::new(), "{name}");
        let after = read_tree(&out);
        let changed: Vec<&String> = before
            .keys()
            .filter(|k| after.get(*k) != before.get(*k))
            .chain(after.keys().filter(|k| !before.contains_key(*k)))
            .take(5)
            .collect();
        assert!(
            changed.is_empty(),
            "{name}: the previous site changed: {changed:?} ({status})"
        );
    }
}

#[test]
fn a_killed_build_is_cleaned_up_by_the_next() {
    let site = big_site();
    let out = site.path().join("public");
    build_ok(site.path(), &out, &[]);
    let before = read_tree(&out);
    let mut child = start_build(site.path(), &out);
    let staging = wait_until_writing(&out);
    signal(&child, libc::SIGKILL);
    child.wait().unwrap();
    assert!(
        staging.exists(),
        "kill -9 cannot clean up: the next build must"
    );
    assert!(read_tree(&out) == before, "the previous site changed");
    build_ok(site.path(), &out, &[]);
    assert_eq!(leftovers(&out), Vec::<String>::new());
    assert!(out.join("index.html").is_file());
}

#[test]
fn two_builds_at_once_both_finish_and_leave_nothing_beside() {
    let site = big_site();
    let out = site.path().join("public");
    let mut first = start_build(site.path(), &out);
    wait_until_writing(&out);
    let second = start_build(site.path(), &out);
    let (a, b) = (first.wait().unwrap(), second.wait_with_output().unwrap());
    assert!(a.success());
    assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
    assert!(
        String::from_utf8_lossy(&b.stderr).contains("waiting for it to finish"),
        "the second build says why it waits"
    );
    assert_eq!(leftovers(&out), Vec::<String>::new());
    assert!(out.join("program/program-1499/index.html").is_file());
}

/// A tmpfs mounted on the output folder, where the test may mount one (root,
/// with the right to mount); otherwise skipped, saying why.
#[test]
fn an_output_on_a_mount_point_is_published_into() {
    let site = copy_site("plan");
    let out = site.path().join("public");
    std::fs::create_dir(&out).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64m", "tmpfs"])
        .arg(&out)
        .output();
    match mounted {
        Ok(o) if o.status.success() => {}
        Ok(o) => {
            eprintln!(
                "skipped: cannot mount a tmpfs here ({})",
                String::from_utf8_lossy(&o.stderr).trim()
            );
            return;
        }
        Err(e) => {
            eprintln!("skipped: no mount command ({e})");
            return;
        }
    }
    let result = std::panic::catch_unwind(|| {
        for _ in 0..2 {
            let o = build(site.path(), &out, &[]);
            assert!(o.status.success(), "{}", stderr(&o));
            assert!(stderr(&o).contains("is a mount point"), "{}", stderr(&o));
            assert!(out.join("index.html").is_file());
            let hidden: Vec<String> = std::fs::read_dir(&out)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.contains("terbit-new"))
                .collect();
            assert!(hidden.is_empty(), "{hidden:?}");
        }
        assert_eq!(leftovers(&out), Vec::<String>::new());
    });
    let _ = Command::new("umount").arg(&out).status();
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}

/// A full disk: the first file that cannot be written is reported, the rest
/// counted, and the previous site stays. Needs a small tmpfs (root).
#[test]
fn a_full_disk_is_one_error_and_a_count() {
    let site = big_site();
    let disk = site.path().join("disk");
    std::fs::create_dir(&disk).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=2m", "tmpfs"])
        .arg(&disk)
        .output();
    if !mounted.as_ref().is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: cannot mount a small tmpfs here");
        return;
    }
    let result = std::panic::catch_unwind(|| {
        let out = disk.join("public");
        let o = build(site.path(), &out, &[]);
        assert_eq!(o.status.code(), Some(1));
        let err = stderr(&o);
        let lines = err.lines().filter(|l| l.contains("error:")).count();
        assert!(lines <= 3, "{lines} errors:\n{err}");
        assert!(err.contains("more files could not be written"), "{err}");
        assert!(!out.exists());
        assert!(
            std::fs::read_dir(&disk).unwrap().next().is_none(),
            "left on the disk"
        );
    });
    let _ = Command::new("umount").arg(&disk).status();
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}
