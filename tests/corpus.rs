//! The generated corpus (examples/gen_corpus/) scored against its answer
//! key, as bench/score-corpus.py does at scale: every injected error found at
//! its file, page, line and rule, every listed consequence found, nothing in
//! the clean reports, nothing unexplained in the others. Text exports and PDFs.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

mod common;
use common::{lkjip, root};

type Place = (String, Option<u64>, u64, String);

fn generator() -> PathBuf {
    // `cargo test` builds the examples beside the binary's folder.
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_lkjip-audit"));
    let dir = bin.parent().expect("binary folder");
    let exe = dir
        .join("examples")
        .join(format!("gen_corpus{}", std::env::consts::EXE_SUFFIX));
    assert!(exe.is_file(), "{} not built", exe.display());
    exe
}

/// Where a finding or key entry is: file, page, line and rule; or with
/// `Lines::Loose` file and rule alone (a wrapped row's line number depends on
/// how its lines are joined, so the generator cannot know it exactly).
fn place(v: &Value, lines: Lines) -> Place {
    let exact = lines == Lines::Exact;
    (
        v["file"].as_str().unwrap_or_default().to_string(),
        v["page"].as_u64().filter(|_| exact),
        v["line"].as_u64().filter(|_| exact).unwrap_or_default(),
        v["rule"].as_str().unwrap_or_default().to_string(),
    )
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Lines {
    Exact,
    Loose,
}

/// Generates `n` reports (with `--series`, `n` series of reports) with
/// `flags` and scores them: at least `min_recall` of the injected errors
/// found, and no finding the key does not explain.
fn score(dir: &Path, n: usize, seed: u64, flags: &[&str], min_recall: f64, lines: Lines) {
    let _ = std::fs::remove_dir_all(dir);
    let mut args = vec![
        "--n".to_string(),
        n.to_string(),
        "--seed".to_string(),
        seed.to_string(),
        "--out".to_string(),
        dir.to_string_lossy().into_owned(),
    ];
    args.extend(flags.iter().map(|f| f.to_string()));
    let status = Command::new(generator())
        .args(&args)
        .status()
        .expect("run gen_corpus");
    assert!(status.success());
    let key: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(dir.join("answer-key.json")).expect("answer key"),
    )
    .expect("answer key is JSON");
    let (consequences, injected): (Vec<&Value>, Vec<&Value>) =
        key.iter().partition(|k| k["consequence"] == true);
    let injected: BTreeSet<Place> = injected.iter().map(|k| place(k, lines)).collect();
    let consequences: BTreeSet<Place> = consequences.iter().map(|k| place(k, lines)).collect();
    let dirty: BTreeSet<&str> = key.iter().filter_map(|k| k["file"].as_str()).collect();

    let series = flags.contains(&"--series");
    // Reports of a plain corpus are independent draws: an office drawn for
    // two years has two unrelated reports, whose indicators the checks across
    // reports rightly find missing. Those checks are scored on series.
    let dir_arg = dir.to_string_lossy();
    let mut check = vec!["check", "--format", "json", &dir_arg];
    if !series {
        check.push("--no-cross");
    }
    let (_, stdout, stderr) = lkjip(&check);
    let doc: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    // The reports, not answer-key.json (which is skipped as not a report).
    let reports: Vec<&Value> = doc["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter(|f| f["path"].as_str().is_some_and(|p| !p.ends_with(".json")))
        .collect();
    let written = std::fs::read_dir(dir)
        .expect("corpus folder")
        .filter_map(Result::ok)
        .filter(|e| e.file_name() != "answer-key.json")
        .count();
    assert_eq!(reports.len(), written);
    if !series {
        assert_eq!(reports.len(), n);
    }
    assert!(reports.iter().all(|f| f["status"] == "ok"), "{reports:#?}");
    let found: BTreeSet<Place> = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| place(f, lines))
        .collect();

    let missed: Vec<&Place> = injected.difference(&found).collect();
    let recall = 1.0 - missed.len() as f64 / injected.len().max(1) as f64;
    assert!(
        recall >= min_recall,
        "recall {recall:.3}; injected errors not found: {missed:#?}"
    );
    if min_recall >= 1.0 {
        let missed: Vec<&Place> = consequences.difference(&found).collect();
        assert!(missed.is_empty(), "consequences not found: {missed:#?}");
    }
    let unexplained: Vec<&Place> = found
        .iter()
        .filter(|p| !injected.contains(*p) && !consequences.contains(*p))
        .collect();
    assert!(
        unexplained.is_empty(),
        "findings the key does not explain (in clean reports: {}): {unexplained:#?}",
        unexplained
            .iter()
            .filter(|p| !dirty.contains(p.0.as_str()))
            .count()
    );
    // An error across reports names the other report's file.
    for k in &key {
        let Some(other) = k["related"].as_str() else {
            continue;
        };
        let at = place(k, lines);
        let named = doc["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| place(f, lines) == at)
            .any(|f| {
                f["related"].as_array().is_some_and(|r| {
                    r.iter()
                        .any(|l| l["file"].as_str().is_some_and(|p| p.ends_with(other)))
                })
            });
        assert!(named, "{at:?}: the finding does not name {other}");
    }
    // Every kind the generator injects was injected at least once.
    let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &injected {
        *per_rule.entry(p.3.as_str()).or_insert(0) += 1;
    }
    assert_eq!(per_rule.len(), if series { 4 } else { 25 }, "{per_rule:?}");
}

#[test]
fn generated_text_exports_score_fully() {
    score(
        &root().join("target/test-output/corpus/text"),
        80,
        11,
        &[],
        1.0,
        Lines::Exact,
    );
}

#[test]
fn generated_pdfs_score_fully() {
    score(
        &root().join("target/test-output/corpus/pdf"),
        60,
        12,
        &["--pdf"],
        1.0,
        Lines::Exact,
    );
}

/// Series: one office's reports over 2–4 years, each clean on its own, with
/// one error across two consecutive reports of a dirty series (a restated
/// realisation, a changed Renstra target, a copied realisation, a dropped
/// indicator), and clean series whose indicators are renamed a little.
#[test]
fn generated_series_score_fully_across_reports() {
    score(
        &root().join("target/test-output/corpus/series-text"),
        30,
        21,
        &["--series"],
        1.0,
        Lines::Exact,
    );
    score(
        &root().join("target/test-output/corpus/series-pdf"),
        16,
        22,
        &["--series", "--pdf"],
        1.0,
        Lines::Exact,
    );
}

/// PDFs set without paragraph spacing: tables, lists and prose follow each
/// other with no gap, so the reader must tell a table's rows from the prose
/// around it by the columns alone.
#[test]
fn generated_pdfs_without_paragraph_spacing_score() {
    score(
        &root().join("target/test-output/corpus/tight"),
        60,
        13,
        &["--pdf", "--tight"],
        0.98,
        Lines::Exact,
    );
}

/// PDFs whose table cells wrap in narrow columns, set at the top of their row
/// (as Chromium prints an HTML table) or centred in it (as Writer does): rows
/// are told apart by the padding between them.
#[test]
fn generated_pdfs_with_wrapped_cells_score_fully() {
    score(
        &root().join("target/test-output/corpus/wrapped"),
        60,
        14,
        &["--pdf", "--wrap", "28"],
        1.0,
        Lines::Loose,
    );
    score(
        &root().join("target/test-output/corpus/centred"),
        60,
        15,
        &["--pdf", "--wrap", "28", "--centred"],
        1.0,
        Lines::Loose,
    );
    // Narrower columns, no paragraph spacing: labels wrap round their amounts.
    score(
        &root().join("target/test-output/corpus/narrow-centred"),
        60,
        16,
        &["--pdf", "--wrap", "22", "--centred", "--tight"],
        1.0,
        Lines::Loose,
    );
    score(
        &root().join("target/test-output/corpus/narrow"),
        60,
        17,
        &["--pdf", "--wrap", "18", "--tight"],
        0.98,
        Lines::Loose,
    );
}
