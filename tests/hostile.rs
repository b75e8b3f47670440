//! Hostile and accidental inputs (issue 15): outputs that name inputs, paths
//! that cannot be read, special files, files over their time limit, names
//! that look like formulas, thread counts out of range, damaged and oddly
//! encoded files. Each case runs in a temporary folder of its own.

use std::path::{Path, PathBuf};
use std::time::Duration;

use lkjip_audit::extract::text::read_text_export;
use lkjip_audit::limits::{self, Limits};
use lkjip_audit::structure;

mod common;
use common::root;

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
