//! Hostile and accidental inputs (issue 15): outputs that name inputs, paths
//! that cannot be read, special files, files over their time limit, names
//! that look like formulas, thread counts out of range, damaged and oddly
//! encoded files. Each case runs in a temporary folder of its own.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;

use lkjip_audit::extract::text::read_text_export;
use lkjip_audit::limits::{self, Limits};
use lkjip_audit::structure;

mod common;
use common::{lkjip_in, root};

/// A fresh, empty folder under target/test-output/hostile.
fn scratch(name: &str) -> PathBuf {
    let dir = root().join("target/test-output/hostile").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Runs the binary in `dir`; a run that has not ended after a minute hung.
fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    lkjip_in(dir, args, Duration::from_secs(60))
        .unwrap_or_else(|| panic!("lkjip-audit {args:?} hung (killed after 60 s)"))
}

/// (file name, status, message) of every file of a JSON run.
fn statuses(stdout: &str) -> Vec<(String, String, String)> {
    let doc: Value = serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    doc["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| {
            let path = f["path"].as_str().unwrap_or_default();
            (
                path.rsplit('/').next().unwrap_or_default().to_string(),
                f["status"].as_str().unwrap_or_default().to_string(),
                f["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn status_of<'a>(all: &'a [(String, String, String)], name: &str) -> (&'a str, &'a str) {
    all.iter()
        .find(|(n, _, _)| n == name)
        .map(|(_, s, m)| (s.as_str(), m.as_str()))
        .unwrap_or_else(|| panic!("{name} not listed: {all:?}"))
}

fn sample(name: &str) -> PathBuf {
    root().join("samples").join(name)
}

const RAMBIPUJI: &str = "lkjip-2020-kec-rambipuji.txt";

fn no_time() -> Limits {
    Limits {
        time: Some(Duration::ZERO),
        memory: None,
    }
}

#[test]
fn readers_and_structure_stop_inside_their_loops_when_time_is_up() {
    let bytes = std::fs::read(sample(RAMBIPUJI)).expect("sample");
    let path = Path::new("r.txt");
    // With time, the sample reads into lines, paragraphs and tables.
    let doc = read_text_export(path, &bytes);
    let report = structure::analyse(&doc);
    assert!(doc.has_text());
    assert!(!report.paragraphs.is_empty() && !report.tables.is_empty());
    // Without: each loop stops at once instead of running to its end, so a big
    // file stops near its limit rather than after the stage it was in.
    let _budget = limits::enter(no_time());
    std::thread::sleep(Duration::from_millis(2));
    assert!(!read_text_export(path, &bytes).has_text());
    let cut = structure::analyse(&doc);
    assert!(
        cut.paragraphs.is_empty(),
        "{} paragraphs",
        cut.paragraphs.len()
    );
    assert!(cut.tables.is_empty(), "{} tables", cut.tables.len());
}

#[test]
fn paths_that_cannot_be_read_are_their_own_errors_and_the_batch_goes_on() {
    let dir = scratch("unreadable");
    std::fs::create_dir_all(dir.join("laporan")).expect("folder");
    std::fs::copy(sample(RAMBIPUJI), dir.join("laporan/a.txt")).expect("copy");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("loop.txt", dir.join("laporan/loop.txt")).expect("loop");
        std::os::unix::fs::symlink("gone.txt", dir.join("laporan/broken.txt")).expect("link");
        std::os::unix::fs::symlink("self", dir.join("self")).expect("loop");
    }
    let mut args = vec!["check", "--format", "json", "laporan", "missing.txt"];
    if cfg!(unix) {
        args.push("self");
    }
    let (code, stdout, stderr) = run_in(&dir, &args);
    assert_eq!(code, 1, "the findings of a.txt decide: {stderr}");
    let all = statuses(&stdout);
    assert_eq!(status_of(&all, "a.txt").0, "ok");
    let (status, message) = status_of(&all, "missing.txt");
    assert_eq!((status, message), ("error", "no such file or folder"));
    if cfg!(unix) {
        assert_eq!(status_of(&all, "self"), ("error", "symbolic link loop"));
        assert_eq!(status_of(&all, "loop.txt"), ("error", "symbolic link loop"));
        assert_eq!(
            status_of(&all, "broken.txt"),
            ("error", "broken symbolic link")
        );
    }
    // A folder that cannot be read (only testable without root's rights).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.join("laporan/terkunci");
        std::fs::create_dir_all(&locked).expect("folder");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
        if std::fs::read_dir(&locked).is_err() {
            let (code, stdout, _) = run_in(&dir, &["check", "--format", "json", "laporan"]);
            assert_eq!(code, 1);
            let all = statuses(&stdout);
            assert_eq!(status_of(&all, "a.txt").0, "ok");
            let (status, message) = status_of(&all, "terkunci");
            assert_eq!(status, "error");
            assert!(message.contains("permission denied"), "{message}");
        } else {
            eprintln!("running as root: the unreadable-folder case cannot be made here");
        }
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
}

#[cfg(unix)]
#[test]
fn special_files_are_listed_not_read() {
    let dir = scratch("special");
    std::fs::create_dir_all(dir.join("laporan")).expect("folder");
    std::fs::copy(sample(RAMBIPUJI), dir.join("laporan/a.txt")).expect("copy");
    for fifo in ["laporan/pipa.txt", "pipa.pdf"] {
        let made = std::process::Command::new("mkfifo")
            .arg(dir.join(fifo))
            .status()
            .expect("mkfifo");
        assert!(made.success());
    }
    for (link, device) in [
        ("laporan/nol.txt", "/dev/zero"),
        ("laporan/acak.pdf", "/dev/urandom"),
        ("nol.txt", "/dev/zero"),
    ] {
        std::os::unix::fs::symlink(device, dir.join(link)).expect("symlink");
    }
    let (code, stdout, stderr) = run_in(
        &dir,
        &[
            "check",
            "--format",
            "json",
            "--time-limit",
            "5",
            "--memory-limit",
            "64",
            "laporan",
            "pipa.pdf",
            "nol.txt",
        ],
    );
    assert_eq!(code, 1, "{stderr}");
    let all = statuses(&stdout);
    assert_eq!(status_of(&all, "a.txt").0, "ok");
    // Found in a folder: skipped, with what they are.
    let (status, message) = status_of(&all, "pipa.txt");
    assert_eq!(status, "skipped");
    assert!(message.contains("FIFO"), "{message}");
    for name in ["nol.txt", "acak.pdf"] {
        let found = all
            .iter()
            .find(|(n, _, m)| n == name && m.contains("link to a character device"));
        assert!(
            found.is_some_and(|(_, s, _)| s == "skipped"),
            "{name}: {all:?}"
        );
    }
    // Named on the command line: that path's error.
    let (status, message) = status_of(&all, "pipa.pdf");
    assert_eq!(status, "error");
    assert!(message.contains("not a regular file"), "{message}");
    let named = all
        .iter()
        .find(|(n, s, _)| n == "nol.txt" && s == "error")
        .expect("nol.txt named on the command line");
    assert!(named.2.contains("character device"), "{named:?}");
    // `extract` refuses them too, without waiting.
    let (code, _, stderr) = run_in(&dir, &["extract", "pipa.pdf"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not a regular file"), "{stderr}");
}
