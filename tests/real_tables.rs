//! The tables of the real reports (tests/fixtures/real/) as `lkjip-audit extract --tables`
//! reads them, against the tables their keys record (tests/real/keys/*.json, "tables":
//! page, caption, a label per column, body rows, kind and column roles, read from the PDFs).
//!
//! `scripts/tables-vs-keys.py` does the matching and prints, per report, how many tables
//! are read with the right columns, labels, rows, kind and roles. This test holds the reader
//! to `tests/real/tables-ok.json`, what was right when it was last updated: whatever is right
//! stays right. After improving the reader, `python3 scripts/tables-vs-keys.py --update`
//! records the gain (commit it with the change); `--verbose` lists what is still wrong.

use std::process::Command;

mod common;
use common::root;

#[test]
fn tables_read_right_stay_right() {
    let out = Command::new("python3")
        .current_dir(root())
        .args([
            "scripts/tables-vs-keys.py",
            "--check",
            "--binary",
            env!("CARGO_BIN_EXE_lkjip-audit"),
        ])
        .output()
        .expect("python3 runs scripts/tables-vs-keys.py");
    let stdout = String::from_utf8_lossy(&out.stdout);
    eprintln!("{stdout}");
    assert!(
        out.status.success(),
        "tables read right before are no longer right:\n{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
