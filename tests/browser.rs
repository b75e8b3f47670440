//! The HTML report opened in headless Chromium (Debian's `chromium`, installed
//! by .ci/run): the findings render, the filters run, and a report containing
//! markup does not execute it. A screenshot is kept in target/test-output/.
//!
//! Without Chromium these tests say loudly that they were skipped and pass,
//! so that `cargo test --release` works on a machine with only Rust (a failed
//! test binary would make cargo skip the others). With
//! `LKJIP_REQUIRE_BROWSER=1`, which .ci/run sets, a missing Chromium fails
//! them: CI can never skip them silently.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

mod common;
use common::root;

/// Set by .ci/run: a missing Chromium is a failure, not a skip.
const REQUIRE: &str = "LKJIP_REQUIRE_BROWSER";
/// The browser to use instead of the usual places (and to test the skip).
const CHROMIUM_PATH: &str = "LKJIP_CHROMIUM";

/// Chromium, or None after a loud warning that the calling test is skipped.
fn chromium(test: &str) -> Option<PathBuf> {
    let candidates: Vec<PathBuf> = match std::env::var_os(CHROMIUM_PATH) {
        Some(path) => vec![PathBuf::from(path)],
        None => [
            "/usr/bin/chromium",
            "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome",
        ]
        .iter()
        .map(PathBuf::from)
        .collect(),
    };
    if let Some(found) = candidates.into_iter().find(|c| c.exists()) {
        return Some(found);
    }
    let how = "run `bash .ci/run` or `apt-get install -y chromium`";
    common::skip_without("headless Chromium", REQUIRE, test, how);
    None
}

/// Two headless Chromiums started at the same moment can leave one with no
/// output; the tests of this file take turns.
static CHROMIUM: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn headless(chromium: &Path, extra: &[&str], url: &str) -> String {
    let _turn = CHROMIUM.lock().unwrap_or_else(|e| e.into_inner());
    let profile = std::env::temp_dir().join(format!(
        "lkjip-chromium-{}-{}",
        std::process::id(),
        extra.len()
    ));
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=3000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .output()
        .expect("start chromium");
    let _ = std::fs::remove_dir_all(&profile);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn write_report(input: &str, name: &str) -> (PathBuf, usize) {
    let dir = root().join("target/test-output/browser");
    std::fs::create_dir_all(&dir).expect("output dir");
    let html = dir.join(name);
    let status = Command::new(env!("CARGO_BIN_EXE_lkjip-audit"))
        .current_dir(root())
        .args(["check", input, "-q", "-o"])
        .arg(&html)
        .status()
        .expect("run lkjip-audit");
    assert!(status.code().is_some_and(|c| c <= 1));
    let json = Command::new(env!("CARGO_BIN_EXE_lkjip-audit"))
        .current_dir(root())
        .args(["check", "--format", "json", input])
        .output()
        .expect("run lkjip-audit");
    let doc: Value = serde_json::from_slice(&json.stdout).expect("json");
    (html, doc["findings"].as_array().map_or(0, Vec::len))
}

#[test]
fn html_report_renders_in_headless_chromium() {
    let Some(chromium) = chromium("html_report_renders_in_headless_chromium") else {
        return;
    };
    let (html, count) = write_report("samples/", "report.html");
    let url = format!("file://{}", html.display());
    let dom = headless(&chromium, &["--dump-dom"], &url);
    assert!(
        dom.contains("<h1>Hasil audit LKjIP</h1>"),
        "page rendered: {}",
        &dom[..dom.len().min(400)]
    );
    // Every finding is an element of the rendered page, and the filter script ran
    // (it writes the number of findings shown after filtering).
    assert_eq!(dom.matches("<div class=\"finding ").count(), count);
    assert!(dom.contains(&format!("<b id=\"shown-count\">{count}</b>")));
    assert!(
        dom.contains("<mark>71,20"),
        "the stated capaian is highlighted"
    );
    assert!(dom.contains("83,76"), "the expected capaian is shown");
    let shot = html.with_file_name("report.png");
    let _ = std::fs::remove_file(&shot);
    headless(
        &chromium,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1280,2400",
        ],
        &url,
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "a real screenshot"
    );
}

#[test]
fn markup_from_a_report_is_shown_not_executed() {
    let Some(chromium) = chromium("markup_from_a_report_is_shown_not_executed") else {
        return;
    };
    let (html, count) = write_report("tests/fixtures/escaping.md", "escaping.html");
    assert!(count > 0);
    let dom = headless(
        &chromium,
        &["--dump-dom"],
        &format!("file://{}", html.display()),
    );
    assert_eq!(dom.matches("<div class=\"finding ").count(), count);
    // Had the text been inserted as markup, the DOM would hold an <img> with the
    // handler, and a second <script> element.
    assert!(!dom.contains("<img"), "no image element was created");
    assert_eq!(dom.matches("<script>").count(), 1);
    assert!(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

/// Runs one test of this binary again with no Chromium to be found.
fn without_chromium(require: bool) -> (bool, String) {
    let mut run = Command::new(std::env::current_exe().expect("this test binary"));
    run.args(["--exact", "markup_from_a_report_is_shown_not_executed"])
        .env(CHROMIUM_PATH, root().join("target/no-such-chromium"))
        .env_remove(REQUIRE);
    if require {
        run.env(REQUIRE, "1");
    }
    let out = run.output().expect("run the test binary");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

#[test]
fn without_chromium_the_tests_skip_loudly_unless_it_is_required() {
    // The re-run itself must not recurse: it names one other test exactly.
    let (passed, text) = without_chromium(false);
    assert!(passed, "a machine with only Rust passes: {text}");
    assert!(
        text.contains("SKIPPED markup_from_a_report_is_shown_not_executed"),
        "{text}"
    );
    let (passed, text) = without_chromium(true);
    assert!(!passed, "CI fails without Chromium: {text}");
    assert!(text.contains("LKJIP_REQUIRE_BROWSER is set"), "{text}");
}
