//! The command line as an inspectorate uses it: thread counts, per-file limits,
//! configuration files, baselines of reviewed findings, help and extract.

use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;
use common::{lkjip, root};

fn json(args: &[&str]) -> Value {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let (_, stdout, stderr) = lkjip(&all);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"))
}

/// A fresh folder under target/test-output holding copies of the samples.
fn workspace(name: &str) -> PathBuf {
    let dir = root().join("target/test-output/cli").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("workspace");
    for f in [
        "lkjip-2020-kec-ledokombo.txt",
        "lkjip-2020-kec-rambipuji.txt",
    ] {
        std::fs::copy(root().join("samples").join(f), dir.join(f)).expect("copy sample");
    }
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn rules_of(doc: &Value) -> Vec<String> {
    doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["rule"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn output_is_identical_whatever_the_number_of_jobs() {
    let (_, one, _) = lkjip(&[
        "check",
        "--format",
        "json",
        "--jobs",
        "1",
        "samples/",
        "tests/fixtures/",
    ]);
    let (_, four, _) = lkjip(&[
        "check",
        "--format",
        "json",
        "--jobs",
        "4",
        "samples/",
        "tests/fixtures/",
    ]);
    assert!(one.len() > 10_000);
    assert_eq!(one, four);
}

#[test]
fn a_file_over_its_limits_is_an_error_and_the_batch_goes_on() {
    let dir = workspace("limits");
    // A 3 MB export: over a 1 MB budget, while the samples (≈ 60 KB) are not.
    let big = "Laporan Kinerja Tahun 2020. BAB I. Capaian 90 %.\n".repeat(60_000);
    std::fs::write(dir.join("besar.txt"), big).expect("write");
    let doc = json(&["--memory-limit", "1", s(&dir)]);
    let files = doc["files"].as_array().expect("files");
    assert_eq!(files.len(), 3);
    let big = files
        .iter()
        .find(|f| f["path"].as_str().is_some_and(|p| p.ends_with("besar.txt")))
        .expect("big file");
    assert_eq!(big["status"], "error");
    assert!(
        big["message"]
            .as_str()
            .is_some_and(|m| m.contains("memory limit")),
        "{big}"
    );
    let ok = files.iter().filter(|f| f["status"] == "ok").count();
    assert_eq!(ok, 2, "the samples are still audited");
    // No time at all: every file stops with a clear message, none panics.
    let doc = json(&[
        "--time-limit",
        "0",
        "samples/lkjip-2020-kec-rambipuji.txt",
        "samples/pdf/lkjip-2020-kec-rambipuji.writer.pdf",
    ]);
    for f in doc["files"].as_array().expect("files") {
        assert_eq!(f["status"], "error");
        assert!(
            f["message"]
                .as_str()
                .is_some_and(|m| m.contains("batas waktu")),
            "{f}"
        );
    }
    // `extract` keeps to the same budget.
    let (code, stdout, stderr) = lkjip(&[
        "extract",
        "--memory-limit",
        "0",
        "samples/pdf/lkjip-2020-kec-rambipuji.writer.pdf",
    ]);
    assert_eq!(code, 2, "{stdout}");
    assert!(stderr.contains("memory limit"), "{stderr}");
}

#[test]
fn every_subcommand_help_shows_an_example() {
    for sub in ["check", "baseline", "extract", "rules"] {
        let (code, stdout, _) = lkjip(&[sub, "--help"]);
        assert_eq!(code, 0);
        assert!(stdout.contains("Example"), "{sub} --help:\n{stdout}");
    }
    let (code, _, stderr) = lkjip(&["check"]);
    assert_eq!(code, 2, "usage error");
    assert!(stderr.contains("PATHS"), "{stderr}");
}

#[test]
fn extract_prints_what_was_read_and_rules_lists_the_rules() {
    let (code, stdout, _) = lkjip(&["extract", "samples/lkjip-2020-kec-rambipuji.txt"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("PENGUKURAN PENCAPAIAN KINERJATAHUN 2018"));
    let (code, _, stderr) = lkjip(&["extract", "Cargo.toml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not a PDF or text export"), "{stderr}");
    let (code, stdout, _) = lkjip(&["rules", "--lang", "en"]);
    assert_eq!(code, 0);
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("capaian-formula") && l.contains("capaian_formula"))
    );
}

#[test]
fn configuration_disables_overrides_and_adds_rules() {
    let dir = workspace("config");
    let rules_dir = dir.join("aturan");
    std::fs::create_dir_all(&rules_dir).expect("rules dir");
    // An extra rule: "Pebruari" is a misspelling the office wants flagged.
    std::fs::write(
        rules_dir.join("ejaan.toml"),
        r#"[[rule]]
id = "ejaan-pebruari"
kind = "template_text"
category = "format"
severity = "info"
message = { id = "Ejaan: {stated}", en = "Spelling: {stated}" }
[[rule.params.templates]]
what = { id = "ejaan bulan", en = "month spelling" }
pattern = '(?i)\bpebruari\b'
"#,
    )
    .expect("write rule");
    let base = json(&[s(&dir)]);
    let base_rules = rules_of(&base);
    assert!(base_rules.iter().any(|r| r == "template-text"));
    assert!(base_rules.iter().any(|r| r == "citation-year"));
    std::fs::write(
        dir.join("lkjip-audit.toml"),
        "rules = [\"aturan\"]\ndisable = [\"template-text\"]\nlang = \"en\"\n\n[severity]\ncitation-year = \"error\"\n",
    )
    .expect("write config");
    let doc = json(&[s(&dir)]);
    let rules = rules_of(&doc);
    assert!(!rules.iter().any(|r| r == "template-text"), "disabled");
    assert!(
        rules.iter().any(|r| r == "ejaan-pebruari"),
        "extra rule folder: {rules:?}"
    );
    let findings = doc["findings"].as_array().expect("findings");
    let citation = findings
        .iter()
        .find(|f| f["rule"] == "citation-year")
        .expect("citation-year");
    assert_eq!(citation["severity"], "error", "severity override");
    assert!(
        citation["message"]
            .as_str()
            .is_some_and(|m| m.contains("cited")),
        "English from the config"
    );
    // --lang on the command line wins over the configuration.
    let doc = json(&["--lang", "id", s(&dir)]);
    assert!(
        doc["findings"][0]["message"]
            .as_str()
            .is_some_and(|m| !m.contains(" is "))
    );
}

#[test]
fn a_broken_configuration_names_file_line_and_column() {
    let dir = workspace("bad-config");
    let config = dir.join("lkjip-audit.toml");
    std::fs::write(&config, "lang = \"en\"\ndisabel = [\"template-text\"]\n").expect("write");
    let (code, _, stderr) = lkjip(&["check", s(&dir)]);
    assert_eq!(code, 2);
    assert!(stderr.contains("lkjip-audit.toml:2:1:"), "{stderr}");
    assert!(stderr.contains("disabel"), "{stderr}");
    std::fs::write(&config, "[severity]\nno-such-rule = \"info\"\n").expect("write");
    let (code, _, stderr) = lkjip(&["check", s(&dir)]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no-such-rule"), "{stderr}");
}

#[test]
fn the_default_scale_judges_predicates_of_reports_that_state_none() {
    let dir = root().join("target/test-output/cli/scale");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/synthetic-dinas.md")).expect("fixture");
    // The same report without its "Skala penilaian" table.
    let start = text.find("Skala penilaian:").expect("scale");
    let end = text.find("Sasaran 1 :").expect("claims");
    let report = dir.join("tanpa-skala.md");
    std::fs::write(&report, format!("{}{}", &text[..start], &text[end..])).expect("write");
    let predicate = |doc: &Value| {
        doc["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["rule"] == "predicate-scale")
            .map(|f| {
                (
                    f["stated"].as_str().unwrap_or("").to_string(),
                    f["expected"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert!(
        predicate(&json(&[s(&report)])).is_empty(),
        "no scale, no judgement"
    );
    // Sasaran 2 (capaian 75) is called Baik: Cukup on a strict scale, Baik on a lenient one.
    let strict = dir.join("ketat.toml");
    std::fs::write(
        &strict,
        "[[default_scale]]\nlabel = \"Sangat Baik\"\nmin = 90\n\n[[default_scale]]\nlabel = \"Baik\"\nmin = 80\nmax = 90\nmax_inclusive = false\n\n[[default_scale]]\nlabel = \"Cukup\"\nmin = 60\nmax = 80\nmax_inclusive = false\n\n[[default_scale]]\nlabel = \"Kurang\"\nmax = 60\nmax_inclusive = false\n",
    )
    .expect("write");
    let found = predicate(&json(&["--config", s(&strict), s(&report)]));
    assert!(
        found
            .iter()
            .any(|(stated, expected)| stated == "Baik" && expected.eq_ignore_ascii_case("cukup")),
        "{found:?}"
    );
    let lenient = dir.join("longgar.toml");
    std::fs::write(
        &lenient,
        "[[default_scale]]\nlabel = \"Sangat Baik\"\nmin = 100\nmin_inclusive = false\n\n[[default_scale]]\nlabel = \"Baik\"\nmin = 70\nmax = 100\n\n[[default_scale]]\nlabel = \"Kurang\"\nmax = 70\nmax_inclusive = false\n",
    )
    .expect("write");
    let found = predicate(&json(&["--config", s(&lenient), s(&report)]));
    assert!(
        !found.iter().any(|(stated, _)| stated == "Baik"),
        "{found:?}"
    );
}

#[test]
fn reviewed_findings_stay_hidden_when_a_report_is_reissued() {
    let dir = workspace("baseline");
    let reviewed = dir.with_extension("json");
    let (code, _, stderr) = lkjip(&["baseline", s(&dir), "-o", s(&reviewed)]);
    assert_eq!(code, 0, "{stderr}");
    let total = json(&[s(&dir)])["findings"].as_array().map_or(0, Vec::len);
    assert!(total >= 40);
    // Re-issued: a revision note at the top shifts every line of one report.
    let path = dir.join("lkjip-2020-kec-ledokombo.txt");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, format!("REVISI 1\nDiterbitkan ulang 2021\n\n{text}")).expect("write");
    let (code, stdout, stderr) = lkjip(&["check", "--baseline", s(&reviewed), s(&dir)]);
    assert_eq!(code, 0, "nothing new: {stdout}");
    assert!(
        stderr.contains(&format!("{total} findings hidden")),
        "{stderr}"
    );
    let doc = json(&["--baseline", s(&reviewed), s(&dir)]);
    assert_eq!(doc["findings"].as_array().map_or(1, Vec::len), 0);
    assert_eq!(doc["hidden_by_baseline"].as_u64(), Some(total as u64));
    assert_eq!(
        doc["summary"]["hidden_by_baseline"].as_u64(),
        Some(total as u64)
    );
    // A new mistake is not hidden.
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, text.replacen("Tahun 2020", "Tahun 2019", 1)).expect("write");
    let doc = json(&["--baseline", s(&reviewed), s(&dir)]);
    assert!(!doc["findings"].as_array().expect("findings").is_empty());
}

#[test]
fn a_configured_tolerance_widens_every_comparison() {
    let dir = workspace("tolerance");
    let averages = |doc: &Value| {
        doc["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| {
                f["rule"] == "average-claim"
                    && f["file"]
                        .as_str()
                        .is_some_and(|p| p.ends_with("rambipuji.txt"))
            })
            .count()
    };
    // "rata-rata capaian sasaran sebesar 93,94%" where the table averages 93,13.
    assert_eq!(averages(&json(&[s(&dir)])), 1);
    std::fs::write(dir.join("lkjip-audit.toml"), "tolerance = \"1\"\n").expect("write");
    assert_eq!(
        averages(&json(&[s(&dir)])),
        0,
        "0,81 apart is within a tolerance of 1"
    );
}

#[test]
fn an_output_that_cannot_be_written_is_a_clear_error() {
    let (code, _, stderr) = lkjip(&[
        "check",
        "-o",
        "target/test-output/cli/no-such-folder/temuan.json",
        "samples/",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("no-such-folder/temuan.json"),
        "names the file: {stderr}"
    );
}

#[test]
fn a_listing_whose_reader_goes_away_ends_with_a_message_not_a_panic() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_lkjip-audit"))
        .current_dir(root())
        .args(["check", "samples/"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run lkjip-audit");
    // Close the reading end at once, as `| head` does once it has enough.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("standard output"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// `extract` and `rules` piped into a reader that stops early (`| head`): the
/// command ends quietly with exit code 0, never with a panic or an error
/// message (`check` fails instead, above: its output files are then not
/// written). Each output but the rules' is larger than a pipe's buffer, so
/// the write meets the closed pipe.
#[test]
fn a_reader_that_stops_reading_ends_the_output_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let report = "tests/fixtures/real/lkip-2016-dinas-peternakan-prov-jabar.pdf";
    for args in [
        vec!["extract", report],
        vec!["extract", "--tables", report],
        vec!["rules"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lkjip-audit"))
            .current_dir(root())
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run lkjip-audit");
        // Read a little, as `head -c 100` would, then close the pipe.
        let mut start = [0u8; 100];
        let mut stdout = child.stdout.take().expect("stdout");
        stdout.read_exact(&mut start).expect("some output");
        drop(stdout);
        let mut stderr = String::new();
        if let Some(mut e) = child.stderr.take() {
            e.read_to_string(&mut stderr).expect("stderr");
        }
        let status = child.wait().expect("wait");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "{args:?}: {stderr}");
        assert_eq!(status.code(), Some(0), "{args:?}: {stderr}");
    }
}
