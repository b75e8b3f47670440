//! The report formats on the real samples: several formats in one run, CSV
//! that Python's csv module reads into the same rows as the JSON findings,
//! SARIF valid against the official 2.1.0 schema, HTML that escapes what
//! comes from documents.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

mod common;
use common::{lkjip, root};

fn out_dir(name: &str) -> PathBuf {
    let dir = root().join("target/test-output").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create output dir");
    dir
}

fn json_of(path: &str) -> Value {
    let (_, stdout, stderr) = lkjip(&["check", "--format", "json", path]);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}; stderr: {stderr}"))
}

fn text_samples() -> &'static str {
    "samples/lkjip-2020-kec-ledokombo.txt"
}

#[test]
fn one_run_writes_html_csv_and_sarif() {
    let dir = out_dir("three-formats");
    let html = dir.join("report.html");
    let csv = dir.join("findings.csv");
    let sarif = dir.join("results.sarif");
    let (code, stdout, stderr) = lkjip(&[
        "check",
        "samples/",
        "-o",
        html.to_str().expect("utf-8 path"),
        "-o",
        csv.to_str().expect("utf-8 path"),
        "-o",
        sarif.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(code, 1, "samples have errors; stderr: {stderr}");
    assert!(
        stdout.contains("findings"),
        "summary line on stdout: {stdout}"
    );
    for p in [&html, &csv, &sarif] {
        let len = std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        assert!(len > 1000, "{} written ({len} bytes)", p.display());
    }
    let (code, _, stderr) = lkjip(&["check", "samples/", "-o", "x.docx"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown output format"), "{stderr}");
}

/// Reads a CSV file with Python's csv module (as an auditor's script would),
/// returning its rows as JSON; None, after a loud note, without python3
/// (unless LKJIP_REQUIRE_PYTHON is set, as .ci/run does).
fn python_csv_rows(path: &Path) -> Option<Vec<Vec<String>>> {
    if Command::new("python3").arg("--version").output().is_err() {
        common::skip_without(
            "python3",
            "LKJIP_REQUIRE_PYTHON",
            "csv_rows_equal_the_json_findings",
            "run `bash .ci/run` or `apt-get install -y python3`",
        );
        return None;
    }
    let script = concat!(
        "import csv,json,sys\n",
        "with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:\n",
        "    print(json.dumps(list(csv.reader(f, delimiter=';'))))\n",
    );
    let out = Command::new("python3")
        .args(["-c", script, path.to_str().expect("utf-8 path")])
        .output()
        .expect("python3 is needed to read the CSV as Excel-like tools do");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).expect("rows as JSON"))
}

#[test]
fn csv_rows_equal_the_json_findings() {
    let dir = out_dir("csv");
    let csv = dir.join("findings.csv");
    for path in ["samples/", "tests/fixtures/escaping.md"] {
        lkjip(&["check", path, "-o", csv.to_str().expect("utf-8 path")]);
        let bytes = std::fs::read(&csv).expect("csv written");
        assert!(
            bytes.starts_with("\u{feff}".as_bytes()),
            "UTF-8 BOM for Excel"
        );
        assert!(
            String::from_utf8_lossy(&bytes).contains("\r\n"),
            "CRLF rows"
        );
        let Some(rows) = python_csv_rows(&csv) else {
            return;
        };
        let json = json_of(path);
        let findings = json["findings"].as_array().expect("findings");
        assert!(!findings.is_empty());
        let header = &rows[0];
        assert_eq!(header.len(), 13);
        assert_eq!(rows.len() - 1, findings.len(), "one row per finding");
        for (row, f) in rows[1..].iter().zip(findings) {
            for (column, cell) in header.iter().zip(row) {
                let expected = match column.as_str() {
                    "page" => f["page"]
                        .as_u64()
                        .map(|p| p.to_string())
                        .unwrap_or_default(),
                    "line" => f["line"].to_string(),
                    "related" => f["related"]
                        .as_array()
                        .expect("related")
                        .iter()
                        .map(|l| match l["page"].as_u64() {
                            Some(p) => {
                                format!("{}:{p}:{}", l["file"].as_str().unwrap_or(""), l["line"])
                            }
                            None => format!("{}:{}", l["file"].as_str().unwrap_or(""), l["line"]),
                        })
                        .collect::<Vec<_>>()
                        .join("; "),
                    other => f[other].as_str().unwrap_or_default().to_string(),
                };
                // The only difference allowed: the ' that keeps Excel from running a formula.
                let cell = match cell.strip_prefix('\'') {
                    Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
                    _ => cell.as_str(),
                };
                assert_eq!(cell, expected, "column {column} of {}", f["rule"]);
            }
        }
    }
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let text = std::fs::read_to_string(root().join("tests/schemas/sarif-schema-2.1.0.json"))
        .expect("vendored schema");
    // The official file's `run.language` pattern has a typo (a stray `]`, fixed in
    // the SARIF errata as `(-[a-zA-Z]{2})?`) that makes it an invalid regex, which a
    // strict validator refuses to compile. We do not emit `language`; patch only that.
    let broken = r#"^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$"#;
    assert!(
        text.contains(broken),
        "the vendored schema is the official file"
    );
    let text = text.replace(broken, r#"^[a-zA-Z]{2}(-[a-zA-Z]{2})?$"#);
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    for path in ["samples/", "tests/fixtures/escaping.md", "tests/fixtures/"] {
        let (_, stdout, _) = lkjip(&["check", "--format", "sarif", path]);
        let sarif: Value = serde_json::from_str(&stdout).expect("SARIF is JSON");
        let errors: Vec<String> = validator
            .iter_errors(&sarif)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{path}: {errors:#?}");
        let run = &sarif["runs"][0];
        let results = run["results"].as_array().expect("results");
        let json = json_of(path);
        assert_eq!(
            results.len(),
            json["findings"].as_array().map_or(0, Vec::len)
        );
        let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
        for r in results {
            let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
            assert_eq!(rules[index]["id"], r["ruleId"]);
            assert!(
                r["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64() >= Some(1)
            );
            assert_eq!(
                r["partialFingerprints"]["lkjipAuditFinding/v1"]
                    .as_str()
                    .map(str::len),
                Some(16)
            );
        }
    }
    // The capaian finding of Ledokombo, located and described.
    let (_, stdout, _) = lkjip(&["check", "--format", "sarif", text_samples()]);
    let sarif: Value = serde_json::from_str(&stdout).expect("SARIF is JSON");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert!(results.iter().any(|r| {
        r["ruleId"] == "capaian-formula"
            && r["properties"]["stated"]
                .as_str()
                .is_some_and(|s| s.contains("71,20"))
            && r["properties"]["expected"]
                .as_str()
                .is_some_and(|s| s.contains("83,76"))
    }));
}

#[test]
fn html_is_self_contained_and_escapes_document_text() {
    let dir = out_dir("html-escaping");
    let html_path = dir.join("report.html");
    lkjip(&[
        "check",
        "tests/fixtures/escaping.md",
        "-o",
        html_path.to_str().expect("utf-8 path"),
    ]);
    let html = std::fs::read_to_string(&html_path).expect("html written");
    for raw in ["<script>alert(1)", "<img src=x onerror", "\"><img"] {
        assert!(!html.contains(raw), "unescaped {raw:?} in the HTML");
    }
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the text is shown, escaped"
    );
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
    // Only our own script: one <script> element, and nothing fetched from anywhere.
    assert_eq!(html.matches("<script>").count(), 1);
    for external in ["src=\"http", "href=\"http", "@import", "url("] {
        assert!(!html.contains(external), "external asset {external:?}");
    }
    // Findings are all there, with filters and the summary.
    let json = json_of("tests/fixtures/escaping.md");
    let n = json["findings"].as_array().map_or(0, Vec::len);
    assert!(n > 0);
    assert_eq!(html.matches("<div class=\"finding ").count(), n);
    for filter in [
        "data-filter=\"severity\"",
        "data-filter=\"category\"",
        "data-filter=\"rule\"",
        "data-filter=\"file\"",
    ] {
        assert!(html.contains(filter), "{filter}");
    }
    // English on request.
    let (_, en, _) = lkjip(&[
        "check",
        "--format",
        "html",
        "--lang",
        "en",
        "tests/fixtures/escaping.md",
    ]);
    assert!(en.contains("Stated") && en.contains("Summary"));
}

#[test]
fn json_carries_the_summary_and_fingerprints() {
    let json = json_of("samples/");
    let summary = &json["summary"];
    let findings = json["findings"].as_array().expect("findings");
    assert_eq!(summary["findings"].as_u64(), Some(findings.len() as u64));
    let files = json["files"].as_array().expect("files");
    assert_eq!(summary["files"].as_u64(), Some(files.len() as u64));
    let ok = files.iter().filter(|f| f["status"] == "ok").count() as u64;
    assert!(
        ok >= 6,
        "two text samples and four PDF renderings are audited"
    );
    assert_eq!(summary["by_status"]["ok"].as_u64(), Some(ok));
    let by_status: u64 = summary["by_status"]
        .as_object()
        .expect("by_status")
        .values()
        .filter_map(Value::as_u64)
        .sum();
    assert_eq!(by_status, files.len() as u64);
    let per_rule: u64 = summary["by_rule"]
        .as_object()
        .expect("by_rule")
        .values()
        .filter_map(Value::as_u64)
        .sum();
    assert_eq!(per_rule, findings.len() as u64);
    assert_eq!(
        summary["top_files"][0][0],
        "samples/lkjip-2020-kec-ledokombo.txt"
    );
    assert!(
        findings
            .iter()
            .all(|f| f["fingerprint"].as_str().map(str::len) == Some(16))
    );
    assert!(json["hidden_by_baseline"].is_null());
}

/// A writer's output, readable while the writer still holds it.
#[derive(Clone, Default)]
struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl std::io::Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn every_format_is_written_as_the_run_goes() {
    use lkjip_audit::audit::{AuditOptions, audit_paths};
    use lkjip_audit::report::{OutputFormat, RenderOptions, summary::summarize, writer};
    use lkjip_audit::rules::RuleSet;
    let rules = RuleSet::defaults().expect("rules");
    let run = audit_paths(
        &[
            root().join("samples/lkjip-2020-kec-rambipuji.txt"),
            root().join(text_samples()),
        ],
        &AuditOptions::new(rules.clone()),
    );
    let options = RenderOptions {
        lang: Default::default(),
        rules: rules.rules,
    };
    for format in [
        OutputFormat::Human,
        OutputFormat::Json,
        OutputFormat::Csv,
        OutputFormat::Sarif,
        OutputFormat::Html,
    ] {
        let out = Shared::default();
        let mut w = writer(format, out.clone(), &options);
        // Each file's findings are out before the next file comes: nothing
        // per finding is held until the end (SARIF and HTML were whole documents
        // rendered at the end: 1 GB for 42,000 SARIF results).
        for file in &run.files {
            w.file(file).expect("write");
            let written = String::from_utf8_lossy(&out.0.borrow()).into_owned();
            for f in &file.findings {
                assert!(
                    written.contains(&f.rule),
                    "{format:?}: {} not written after its file",
                    f.rule
                );
            }
            let name = file.path.rsplit('/').next().unwrap_or_default();
            assert!(written.contains(name), "{format:?}: {name}");
        }
        w.finish(&summarize(&run)).expect("finish");
    }
}
