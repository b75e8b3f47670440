//! Replays every input the fuzzers ever crashed on (fuzz/regressions/<target>/)
//! through the same code the fuzz target drives, so a fixed crash stays fixed.

use std::path::{Path, PathBuf};

use lkjip_audit::fuzzing;
use lkjip_audit::rules::{RuleSet, checks};

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.is_file() && p.file_name().is_some_and(|n| n != ".gitkeep"));
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("regression input is readable");
            (p, bytes)
        })
        .collect()
}

#[test]
fn figure_parser_regressions() {
    for (_, data) in inputs("figures") {
        fuzzing::figures(&data);
    }
}

#[test]
fn text_export_regressions() {
    let compiled = checks::compile(&RuleSet::defaults().expect("shipped rules load"));
    for (_, data) in inputs("text_export") {
        fuzzing::text_export(&data, &compiled);
    }
}

#[test]
fn rule_file_regressions() {
    for (_, data) in inputs("rule_file") {
        // A rejected rule file must say where the problem is.
        if let Some(Err(e)) = fuzzing::rule_file(&data) {
            assert!(e.to_string().starts_with("fuzz.toml:"), "{e}");
        }
    }
}

#[test]
fn pdf_extract_regressions() {
    for (_, data) in inputs("pdf_extract") {
        fuzzing::pdf_extract(&data);
    }
}
