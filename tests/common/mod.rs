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
