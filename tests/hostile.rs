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

/// Files in `dir` whose names say they are an unfinished output.
fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
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
fn an_output_that_is_an_input_is_refused_and_the_input_kept() {
    let dir = scratch("output-is-input");
    std::fs::copy(sample(RAMBIPUJI), dir.join("r.txt")).expect("copy");
    std::fs::create_dir_all(dir.join("laporan/sub")).expect("folders");
    std::fs::copy(sample(RAMBIPUJI), dir.join("laporan/a.txt")).expect("copy");
    let original = std::fs::read(dir.join("r.txt")).expect("read");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.join("r.txt"), dir.join("link.txt")).expect("symlink");
        std::fs::hard_link(dir.join("r.txt"), dir.join("hard.json")).expect("hard link");
    }
    let mut cases = vec![
        vec!["check", "r.txt", "-o", "r.txt"],
        vec!["check", "r.txt", "-o", "laporan/../r.txt"],
        vec!["check", "r.txt", "-o", "out.json", "-o", "./out.json"],
        vec!["check", "laporan", "-o", "laporan/sub/../a.txt"],
        vec!["baseline", "r.txt", "-o", "r.txt"],
    ];
    if cfg!(unix) {
        cases.push(vec!["check", "r.txt", "-o", "link.txt"]);
        cases.push(vec!["check", "r.txt", "-o", "hard.json"]);
        cases.push(vec!["baseline", "link.txt", "-o", "hard.json"]);
    }
    for args in cases {
        let (code, _, stderr) = run_in(&dir, &args);
        assert_eq!(code, 2, "{args:?} must be refused: {stderr}");
        assert!(stderr.contains("refused"), "{args:?}: {stderr}");
        assert_eq!(std::fs::read(dir.join("r.txt")).expect("read"), original);
        let a = std::fs::read(dir.join("laporan/a.txt")).expect("read");
        assert_eq!(a, original, "{args:?}");
    }
    assert!(!dir.join("out.json").exists());
    // An output inside an audited folder is written, and not audited by the
    // run that writes it, this time or the next.
    for _ in 0..2 {
        let (code, stdout, stderr) =
            run_in(&dir, &["check", "laporan", "-o", "laporan/temuan.json"]);
        assert_eq!(code, 1, "{stderr}");
        assert!(stdout.starts_with("1 files"), "{stdout}");
        let doc: Value = serde_json::from_slice(
            &std::fs::read(dir.join("laporan/temuan.json")).expect("written"),
        )
        .expect("complete JSON");
        assert_eq!(doc["files"].as_array().map(Vec::len), Some(1));
    }
    assert!(temp_files(&dir.join("laporan")).is_empty());
}

#[test]
fn a_failed_run_leaves_the_previous_output_whole_and_no_half_file() {
    use std::process::{Command, Stdio};
    let dir = scratch("atomic-output");
    std::fs::copy(sample(RAMBIPUJI), dir.join("r.txt")).expect("copy");
    std::fs::write(dir.join("temuan.csv"), "earlier run").expect("write");
    // The listing on stdout fails (its reader went away), so the run fails
    // after the CSV writer has started.
    let mut child = Command::new(env!("CARGO_BIN_EXE_lkjip-audit"))
        .current_dir(&dir)
        .args([
            "check",
            "--format",
            "human",
            "r.txt",
            "-o",
            "temuan.csv",
            "-o",
            "new.html",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(2));
    let csv = std::fs::read_to_string(dir.join("temuan.csv")).expect("read");
    assert_eq!(csv, "earlier run");
    assert!(!dir.join("new.html").exists(), "no half file");
    assert!(temp_files(&dir).is_empty(), "{:?}", temp_files(&dir));
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
    assert!(stderr.contains("were not audited"), "{stderr}");
    // A folder that cannot be read. Root reads any folder, so as root the
    // run is made as `nobody` through setpriv (util-linux).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.join("laporan/terkunci");
        std::fs::create_dir_all(&locked).expect("folder");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
        let bin = env!("CARGO_BIN_EXE_lkjip-audit");
        let args = ["check", "--format", "json", "laporan"];
        let mut run = if std::fs::read_dir(&locked).is_err() {
            let mut run = std::process::Command::new(bin);
            run.args(args);
            Some(run)
        } else if std::path::Path::new("/usr/bin/setpriv").exists() {
            let mut run = std::process::Command::new("/usr/bin/setpriv");
            run.args(["--reuid=65534", "--regid=65534", "--clear-groups", bin])
                .args(args);
            Some(run)
        } else {
            eprintln!("running as root without setpriv: the unreadable-folder case is not made");
            None
        };
        if let Some(run) = run.as_mut() {
            let out = run.current_dir(&dir).output().expect("run");
            let stdout = String::from_utf8_lossy(&out.stdout);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{stderr}");
            let all = statuses(&stdout);
            assert_eq!(status_of(&all, "a.txt").0, "ok");
            let (status, message) = status_of(&all, "terkunci");
            assert_eq!(status, "error");
            assert!(message.contains("permission denied"), "{message}");
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

#[test]
fn a_baseline_that_cannot_be_written_fails_before_the_audit() {
    let dir = scratch("baseline-first");
    // A report big enough that auditing it takes a while (~8 MB, some seconds),
    // and well inside the one-minute hang limit on a loaded machine.
    let text = std::fs::read_to_string(sample(RAMBIPUJI)).expect("sample");
    std::fs::write(dir.join("besar.txt"), text.repeat(200)).expect("write");
    let started = std::time::Instant::now();
    let (code, _, stderr) = run_in(
        &dir,
        &["check", "--format", "json", "--jobs", "1", "besar.txt"],
    );
    let audit = started.elapsed();
    assert_eq!(code, 1, "{stderr}");
    let started = std::time::Instant::now();
    let (code, _, stderr) = run_in(
        &dir,
        &[
            "baseline",
            "--jobs",
            "1",
            "besar.txt",
            "-o",
            "no-such-folder/reviewed.json",
        ],
    );
    let failed = started.elapsed();
    assert_eq!(code, 2);
    assert!(stderr.contains("no-such-folder/reviewed.json"), "{stderr}");
    assert!(
        failed * 4 < audit,
        "the output was checked only after the audit: {failed:?} (audit {audit:?})"
    );
}

#[test]
fn files_that_could_not_be_audited_fail_the_run_when_asked() {
    let dir = scratch("fail-on-unreadable");
    std::fs::copy(
        root().join("tests/fixtures/synthetic-dinas.md"),
        dir.join("a.md"),
    )
    .expect("copy");
    std::fs::write(dir.join("kosong.txt"), "").expect("write");
    // Nothing at or above --fail-on: exit 0, and stderr says what was not audited.
    let (code, _, stderr) = run_in(&dir, &["check", "--fail-on", "never", "."]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("1 of 2 files were not audited"), "{stderr}");
    assert!(stderr.contains("--fail-on-unreadable"), "{stderr}");
    let (code, _, stderr) = run_in(
        &dir,
        &["check", "--fail-on", "never", "--fail-on-unreadable", "."],
    );
    assert_eq!(code, 1, "{stderr}");
    // An error status counts as much as no_text or skipped.
    let (code, _, _) = run_in(
        &dir,
        &[
            "check",
            "--fail-on",
            "never",
            "--fail-on-unreadable",
            "a.md",
            "hilang.pdf",
        ],
    );
    assert_eq!(code, 1);
    let (code, _, _) = run_in(
        &dir,
        &[
            "check",
            "--fail-on",
            "never",
            "--fail-on-unreadable",
            "a.md",
        ],
    );
    assert_eq!(code, 0);
    // A run that audited nothing says so, and why.
    std::fs::create_dir_all(dir.join("kosong")).expect("folder");
    let (code, stdout, stderr) = run_in(&dir, &["check", "kosong"]);
    assert_eq!(code, 0);
    assert!(
        stderr.contains("nothing was audited: no files found in kosong"),
        "{stdout}{stderr}"
    );
    // The exit codes are documented where a CI author looks.
    let (_, help, _) = run_in(&dir, &["check", "--help"]);
    for code in ["Exit codes", "0 ", "1 ", "2 ", "--fail-on-unreadable"] {
        assert!(help.contains(code), "{code} in check --help:\n{help}");
    }
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    let opening: String = readme.lines().take(20).collect::<Vec<_>>().join("\n");
    assert!(opening.contains("exit 1"), "{opening}");
    assert!(readme.contains("--fail-on-unreadable"));
}

#[test]
fn jobs_are_capped_at_the_files_and_the_cores() {
    let dir = scratch("jobs");
    std::fs::copy(sample(RAMBIPUJI), dir.join("r.txt")).expect("copy");
    let (code, stdout, stderr) = run_in(
        &dir,
        &["check", "--format", "json", "--jobs", "10000", "r.txt"],
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("--jobs 10000 set to 1 (one per file"),
        "{stderr}"
    );
    assert_eq!(statuses(&stdout)[0].1, "ok");
    let (_, _, stderr) = run_in(&dir, &["check", "--jobs", "1", "r.txt"]);
    assert!(!stderr.contains("--jobs"), "{stderr}");
}

/// The cells of a `;`-separated CSV (RFC 4180 quoting), row by row.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![Vec::new()];
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (';', false) => rows
                .last_mut()
                .expect("row")
                .push(std::mem::take(&mut cell)),
            ('\r', false) => {}
            ('\n', false) => {
                rows.last_mut()
                    .expect("row")
                    .push(std::mem::take(&mut cell));
                rows.push(Vec::new());
            }
            _ => cell.push(c),
        }
    }
    rows.retain(|r| !r.is_empty());
    rows
}

#[test]
fn no_csv_cell_starts_a_formula_whatever_the_file_is_called() {
    let dir = scratch("csv-formula");
    let names = ["=1+2.txt", "@SUM(A1).txt", "+cmd.txt", "-x.txt"];
    for name in names {
        std::fs::copy(sample(RAMBIPUJI), dir.join(name)).expect("copy");
    }
    // Audited by their relative names, so the `file` and `related` cells start with them.
    let mut args = vec!["check", "-o", "../temuan.csv", "--"];
    args.extend(names);
    let (code, _, stderr) = run_in(&dir, &args);
    assert_eq!(code, 1, "{stderr}");
    let csv = std::fs::read_to_string(dir.join("../temuan.csv")).expect("csv");
    let rows = csv_rows(&csv);
    assert!(rows.len() > 40, "{} rows", rows.len());
    for row in &rows[1..] {
        assert_eq!(row.len(), 13, "{row:?}");
        for cell in row {
            let plain_number = cell
                .trim_start_matches(['+', '-'])
                .starts_with(|c: char| c.is_ascii_digit());
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']) || plain_number,
                "formula-like cell {cell:?} in {row:?}"
            );
        }
    }
    for name in names {
        assert!(
            rows.iter().any(|r| r[3] == format!("'{name}")),
            "{name} is kept, guarded"
        );
    }
}

#[test]
fn messages_say_what_happened_to_a_file() {
    let dir = scratch("messages");
    let text = std::fs::read_to_string(sample(RAMBIPUJI)).expect("sample");
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(dir.join("utf16.txt"), utf16).expect("write");
    let bytes = text.as_bytes();
    let half = bytes.len() / 2;
    let one_bad_byte = [&bytes[..half], b"\xff", &bytes[half..]].concat();
    std::fs::write(dir.join("satu-byte-rusak.txt"), one_bad_byte).expect("write");
    std::fs::write(dir.join("kosong.txt"), "").expect("write");
    std::fs::write(dir.join("utuh.txt"), &text).expect("write");
    // The messages in Indonesian by default, in English with --lang en.
    let (_, default, _) = run_in(&dir, &["check", "--format", "json", "."]);
    let default = statuses(&default);
    let (_, message) = status_of(&default, "kosong.txt");
    assert!(message.contains("berkas kosong"), "{message}");
    let (_, message) = status_of(&default, "utf16.txt");
    assert!(message.contains("dibaca sebagai UTF-16LE"), "{message}");
    let (_, stdout, stderr) = run_in(&dir, &["check", "--lang", "en", "--format", "json", "."]);
    let doc: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    let all = statuses(&stdout);
    let findings_of = |name: &str| {
        doc["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["file"].as_str().is_some_and(|p| p.ends_with(name)))
            .map(|f| (f["rule"].clone(), f["stated"].clone(), f["excerpt"].clone()))
            .collect::<Vec<_>>()
    };
    // An empty export is empty, not a scan.
    let (status, message) = status_of(&all, "kosong.txt");
    assert_eq!(status, "no_text");
    assert!(
        message.contains("empty") && !message.contains("OCR"),
        "{message}"
    );
    // UTF-16 is read, and said to be UTF-16.
    let (status, message) = status_of(&all, "utf16.txt");
    assert_eq!(status, "ok");
    assert!(
        message.contains("UTF-16LE") && !message.contains("1252"),
        "{message}"
    );
    assert_eq!(findings_of("utf16.txt"), findings_of("utuh.txt"));
    // One bad byte is one replacement, located; the rest stays UTF-8 (no
    // mojibake in excerpts such as "faktor – faktor").
    let (status, message) = status_of(&all, "satu-byte-rusak.txt");
    assert_eq!(status, "ok");
    assert!(
        message.contains("1 invalid byte sequence") && message.contains("line "),
        "{message}"
    );
    let (code, extracted, _) = run_in(&dir, &["extract", "satu-byte-rusak.txt"]);
    assert_eq!(code, 0);
    assert!(extracted.contains("faktor – faktor"), "no mojibake");
    assert_eq!(extracted.matches('\u{FFFD}').count(), 1);
}

#[test]
fn a_cut_pdf_says_it_is_damaged_and_what_was_lost() {
    let dir = scratch("cut-pdf");
    let mut names = Vec::new();
    for source in [
        "pdf/lkjip-2020-kec-rambipuji.chromium.pdf",
        "pdf/lkjip-2020-kec-ledokombo.writer.pdf",
    ] {
        let bytes = std::fs::read(root().join("samples").join(source)).expect("sample");
        for percent in [10, 30, 50, 70, 95] {
            let stem = source.trim_start_matches("pdf/").trim_end_matches(".pdf");
            let name = format!("{stem}-{percent}.pdf");
            std::fs::write(dir.join(&name), &bytes[..bytes.len() * percent / 100]).expect("write");
            names.push(name);
        }
    }
    let (_, stdout, stderr) = run_in(&dir, &["check", "--lang", "en", "--format", "json", "."]);
    let all = statuses(&stdout);
    assert_eq!(all.len(), names.len(), "{stderr}");
    for (name, status, message) in &all {
        // A cut file is never a scan, nor another kind of document.
        assert!(!message.contains("OCR"), "{name}: {message}");
        assert_ne!(status, "skipped", "{name}: {message}");
        assert_ne!(status, "no_text", "{name}: {message}");
        assert!(
            message.contains("damaged") || message.contains("cut short"),
            "{name} {status}: {message}"
        );
    }
    // Cut just before its end, every page is there: audited, with a note.
    let (status, message) = status_of(&all, "lkjip-2020-kec-rambipuji.chromium-95.pdf");
    assert_eq!(status, "ok");
    assert!(message.contains("the file is cut short"), "{message}");
    // Chromium writes the pages before their fonts: cut, the pages are found
    // but their text is lost; the file says which pages.
    let (status, message) = status_of(&all, "lkjip-2020-kec-rambipuji.chromium-50.pdf");
    assert_eq!(status, "error");
    assert!(message.contains("pages 1–17 damaged"), "{message}");
}
