//! What the integration tests share: the crate root and running the binary.

#![allow(dead_code)] // each test file uses part of it

use std::path::PathBuf;
use std::process::Command;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `lkjip-audit` from the crate root: (exit code, stdout, stderr).
pub fn lkjip(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_lkjip-audit"))
        .current_dir(root())
        .args(args)
        .output()
        .expect("run lkjip-audit");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs `lkjip-audit` in `dir`, killing it after `limit`: (exit code, stdout,
/// stderr), or None when it had to be killed (it hung).
pub fn lkjip_in(
    dir: &std::path::Path,
    args: &[&str],
    limit: std::time::Duration,
) -> Option<(i32, String, String)> {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_lkjip-audit"))
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run lkjip-audit");
    // Drain the pipes on threads so a chatty child cannot block on a full pipe.
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = out.read_to_end(&mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err.read_to_end(&mut s);
        s
    });
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break Some(status);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let out = out.join().unwrap_or_default();
    let err = err.join().unwrap_or_default();
    status.map(|s| {
        (
            s.code().unwrap_or(-1),
            String::from_utf8_lossy(&out).into_owned(),
            String::from_utf8_lossy(&err).into_owned(),
        )
    })
}

/// For a test that needs a tool the machine lacks: fails when `require` (an
/// environment variable .ci/run sets) is set, else says loudly on stderr —
/// past the test harness's capture — that `test` was skipped, and returns so
/// the caller can return. `cargo test` then passes on a machine with only
/// Rust, and CI can never skip silently.
pub fn skip_without(tool: &str, require: &str, test: &str, how: &str) {
    use std::io::Write;
    assert!(
        std::env::var_os(require).is_none_or(|v| v.is_empty() || v == "0"),
        "{require} is set and {tool} was not found: {how}"
    );
    let _ = writeln!(
        std::io::stderr(),
        "\n################################################################\n\
         #  SKIPPED {test}: {tool} not found.\n\
         #  This was NOT checked. To run it: {how}\n\
         #  ({require}=1 makes this a failure, as in CI.)\n\
         ################################################################\n"
    );
}
