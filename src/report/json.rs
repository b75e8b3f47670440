//! `--format json`: the stable machine-readable contract (see README).
//!
//! Written as the run goes: each finding goes out as soon as its file is
//! audited, so a run over thousands of files keeps only the small per-file
//! entries (path, status, metadata) until the end. Findings come before
//! `files` in the document for that reason; JSON readers do not care.

use std::io::{self, Write};

use serde::Serialize;

use super::ReportWriter;
use super::summary::RunSummary;
use crate::audit::FileReport;
use crate::coverage::Coverage;
use crate::extract::InputKind;
use crate::findings::{Category, Finding, Lang, Location, OcrPages, Severity};
use crate::structure::Metadata;

/// `tool`: what wrote the document.
#[derive(Debug, Serialize)]
pub struct ToolJson {
    pub name: &'static str,
    pub version: &'static str,
}

impl ToolJson {
    pub fn this() -> ToolJson {
        ToolJson {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}

/// One entry of `findings`.
#[derive(Debug, Serialize)]
pub struct FindingJson<'a> {
    pub rule: &'a str,
    pub category: Category,
    pub severity: Severity,
    pub file: &'a str,
    /// 1-based; null for a text export without pages.
    pub page: Option<u32>,
    /// 1-based: of the file for a text export, of the page for a PDF.
    pub line: u32,
    pub stated: &'a str,
    pub expected: &'a str,
    /// In the language chosen with `--lang`, like `computation`.
    pub message: &'a str,
    pub computation: &'a str,
    /// Other places involved: `file`, `page`, `line` each.
    pub related: &'a [Location],
    pub excerpt: &'a str,
    pub fingerprint: String,
    /// The finding rests on text read by OCR (`--ocr`): its page, or a
    /// related place, was a scanned page. Check the figure on the page.
    pub ocr: bool,
}

impl<'a> FindingJson<'a> {
    pub fn of(f: &'a Finding, lang: Lang) -> Self {
        FindingJson {
            rule: &f.rule,
            category: f.category,
            severity: f.severity,
            file: &f.location.file,
            page: f.location.page,
            line: f.location.line,
            stated: &f.stated,
            expected: &f.expected,
            message: f.message.get(lang),
            computation: f.computation.get(lang),
            related: &f.related,
            excerpt: &f.excerpt,
            fingerprint: f.fingerprint(),
            ocr: false,
        }
    }
}

/// One entry of `files`.
#[derive(Debug, Serialize)]
pub struct FileJson<'a> {
    pub path: &'a str,
    pub kind: Option<InputKind>,
    pub pages: u32,
    /// ok, error, skipped or no_text.
    pub status: &'static str,
    pub message: Option<&'a str>,
    pub metadata: Option<&'a Metadata>,
    /// What was checked; null unless the status is ok.
    pub coverage: Option<&'a Coverage>,
}

impl<'a> FileJson<'a> {
    pub fn of(f: &'a FileReport, lang: Lang) -> Self {
        FileJson {
            path: &f.path,
            kind: f.kind,
            pages: f.pages,
            status: f.status.as_str(),
            message: f.message.as_ref().map(|m| m.get(lang)),
            metadata: f.metadata.as_ref(),
            coverage: f.coverage.as_ref(),
        }
    }
}

/// One line of compact JSON; a derived `Serialize` of plain data always serialises.
fn compact(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Streams the JSON document: one finding per line inside `findings`.
pub struct JsonWriter<W: Write> {
    out: W,
    lang: Lang,
    started: bool,
    findings_written: usize,
    /// The `files` entries, compact, one per line, kept for the end.
    files: Vec<u8>,
    /// Pages read by OCR, per file.
    ocr: OcrPages,
}

impl<W: Write> JsonWriter<W> {
    pub fn new(out: W, lang: Lang) -> Self {
        JsonWriter {
            out,
            lang,
            started: false,
            findings_written: 0,
            files: Vec::new(),
            ocr: OcrPages::default(),
        }
    }

    fn start(&mut self) -> io::Result<()> {
        if !self.started {
            self.started = true;
            let tool = compact(&ToolJson::this());
            write!(self.out, "{{\n  \"tool\": {tool},\n  \"findings\": [")?;
        }
        Ok(())
    }
}

impl<W: Write> JsonWriter<W> {
    /// Findings after those already written.
    fn write_findings(&mut self, findings: &[Finding]) -> io::Result<()> {
        self.start()?;
        for f in findings {
            let sep = if self.findings_written == 0 { "" } else { "," };
            let mut json = FindingJson::of(f, self.lang);
            json.ocr = self.ocr.rests_on(f);
            write!(self.out, "{sep}\n    {}", compact(&json))?;
            self.findings_written += 1;
        }
        Ok(())
    }
}

impl<W: Write> ReportWriter for JsonWriter<W> {
    fn file(&mut self, file: &FileReport) -> io::Result<()> {
        self.ocr.add(&file.path, &file.ocr_pages);
        self.write_findings(&file.findings)?;
        let sep = if self.files.is_empty() { "" } else { "," };
        write!(
            self.files,
            "{sep}\n    {}",
            compact(&FileJson::of(file, self.lang))
        )?;
        Ok(())
    }

    fn cross(&mut self, findings: &[Finding]) -> io::Result<()> {
        self.write_findings(findings)
    }

    fn finish(&mut self, summary: &RunSummary) -> io::Result<()> {
        self.start()?;
        write!(self.out, "\n  ],\n  \"files\": [")?;
        self.out.write_all(&self.files)?;
        let hidden = compact(&summary.hidden_by_baseline);
        // A derived `Serialize` of plain data always serialises.
        let summary = serde_json::to_string_pretty(summary)
            .unwrap_or_default()
            .replace('\n', "\n  ");
        write!(
            self.out,
            "\n  ],\n  \"hidden_by_baseline\": {hidden},\n  \"summary\": {summary}\n}}\n"
        )?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::summary::summarize;
    use crate::report::tests::{failed_report, file_report, finding, run_of};
    use crate::report::{OutputFormat, RenderOptions, render};

    fn json_of(run: &crate::audit::AuditRun, lang: Lang) -> (String, serde_json::Value) {
        let text = render(
            OutputFormat::Json,
            run,
            &RenderOptions {
                lang,
                ..RenderOptions::default()
            },
        );
        let value = serde_json::from_str(&text).expect("the document is JSON");
        (text, value)
    }

    #[test]
    fn the_document_has_its_fields_in_order() {
        let run = run_of(vec![file_report(
            "a.txt",
            vec![finding("a.txt", Some(3), 12, "3.600.000")],
        )]);
        let (text, value) = json_of(&run, Lang::Id);
        let keys: Vec<&str> = value
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        let mut expected = vec!["tool", "findings", "files", "hidden_by_baseline", "summary"];
        expected.sort_unstable();
        assert_eq!(sorted, expected);
        // Written in this order: findings go out before the files' entries.
        let at = |key: &str| text.find(&format!("\"{key}\":")).expect(key);
        assert!(at("tool") < at("findings"));
        assert!(at("findings") < at("files"), "{text}");
        assert!(at("files") < at("hidden_by_baseline"));
        assert!(at("hidden_by_baseline") < at("summary"));
        assert_eq!(value["tool"]["name"], "lkjip-audit");
        assert!(value["hidden_by_baseline"].is_null());
    }

    #[test]
    fn a_finding_carries_every_field_in_order() {
        let run = run_of(vec![file_report(
            "dir/a.txt",
            vec![finding("dir/a.txt", Some(3), 12, "3.600.000")],
        )]);
        let (text, value) = json_of(&run, Lang::Id);
        let f = &value["findings"][0];
        assert_eq!(f["rule"], "table-column-sum");
        assert_eq!(f["category"], "arithmetic");
        assert_eq!(f["severity"], "error");
        assert_eq!(f["file"], "dir/a.txt");
        assert_eq!(f["page"], 3);
        assert_eq!(f["line"], 12);
        assert_eq!(f["stated"], "3.600.000");
        assert_eq!(f["expected"], "3.500.000");
        assert_eq!(f["message"], "Jumlah tidak sesuai");
        assert_eq!(f["ocr"], false);
        assert_eq!(f["fingerprint"].as_str().map(str::len), Some(16));
        // The line of the finding lists its fields in the documented order.
        let line = text
            .lines()
            .find(|l| l.contains("\"rule\":"))
            .expect("a finding line");
        let order = [
            "rule",
            "category",
            "severity",
            "file",
            "page",
            "line",
            "stated",
            "expected",
            "message",
            "computation",
            "related",
            "excerpt",
            "fingerprint",
            "ocr",
        ];
        let positions: Vec<usize> = order
            .iter()
            .map(|k| line.find(&format!("\"{k}\":")).expect(k))
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{line}");
    }

    #[test]
    fn messages_follow_the_language() {
        let run = run_of(vec![file_report(
            "a.txt",
            vec![finding("a.txt", None, 1, "3.600.000")],
        )]);
        let (_, id) = json_of(&run, Lang::Id);
        let (_, en) = json_of(&run, Lang::En);
        assert_eq!(id["findings"][0]["message"], "Jumlah tidak sesuai");
        assert_eq!(en["findings"][0]["message"], "The total does not add up");
        assert_eq!(
            en["findings"][0]["computation"],
            "1,000,000 + 2,500,000 = 3,500,000"
        );
        // A text export without pages has a null page.
        assert!(id["findings"][0]["page"].is_null());
    }

    #[test]
    fn text_with_quotes_and_control_characters_is_escaped() {
        let mut f = finding("a \"b\".txt", None, 1, "3.600.000");
        f.excerpt = "kata \"kutip\"\tdan \\ garis\u{1}miring é".to_string();
        let run = run_of(vec![file_report("a \"b\".txt", vec![f])]);
        let (text, value) = json_of(&run, Lang::Id);
        assert_eq!(value["findings"][0]["file"], "a \"b\".txt");
        assert_eq!(
            value["findings"][0]["excerpt"],
            "kata \"kutip\"\tdan \\ garis\u{1}miring é"
        );
        assert!(
            text.contains(r#"kata \"kutip\"\tdan \\ garis\u0001miring"#),
            "{text}"
        );
        assert_eq!(value["files"][0]["path"], "a \"b\".txt");
    }

    #[test]
    fn files_list_every_file_with_status_and_no_findings_for_failures() {
        let run = run_of(vec![
            file_report("a.txt", vec![finding("a.txt", None, 1, "3.600.000")]),
            failed_report("b.pdf", "damaged PDF: no pages could be read"),
        ]);
        let (_, value) = json_of(&run, Lang::En);
        let files = value["files"].as_array().expect("files");
        assert_eq!(files.len(), 2);
        assert_eq!(files[0]["path"], "a.txt");
        assert_eq!(files[0]["status"], "ok");
        assert_eq!(files[0]["kind"], "text");
        assert_eq!(files[0]["metadata"]["year"], 2020);
        assert_eq!(files[1]["status"], "error");
        assert_eq!(files[1]["message"], "damaged PDF: no pages could be read");
        assert!(files[1]["coverage"].is_null());
        assert_eq!(value["findings"].as_array().map(Vec::len), Some(1));
        assert_eq!(value["summary"]["files"], 2);
    }

    #[test]
    fn an_empty_run_is_still_a_document() {
        let (_, value) = json_of(&run_of(Vec::new()), Lang::Id);
        assert_eq!(value["findings"], serde_json::json!([]));
        assert_eq!(value["files"], serde_json::json!([]));
        assert_eq!(value["summary"]["findings"], 0);
    }

    #[test]
    fn findings_across_reports_and_ocr_pages_are_marked() {
        let mut report = file_report("a.pdf", vec![finding("a.pdf", Some(2), 5, "3.600.000")]);
        report.ocr_pages = vec![2];
        let later = finding("a.pdf", Some(9), 1, "7.000.000");
        let mut bytes = Vec::new();
        {
            let mut w = JsonWriter::new(&mut bytes, Lang::Id);
            w.file(&report).expect("write");
            w.cross(std::slice::from_ref(&later)).expect("write");
            w.finish(&summarize(&run_of(vec![report.clone()])))
                .expect("write");
        }
        let value: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
        let findings = value["findings"].as_array().expect("findings");
        assert_eq!(findings.len(), 2);
        assert_eq!(findings[0]["ocr"], true);
        assert_eq!(findings[1]["ocr"], false);
        assert_eq!(findings[1]["stated"], "7.000.000");
    }
}
