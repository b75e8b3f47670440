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
    pub fn of(f: &'a FileReport) -> Self {
        FileJson {
            path: &f.path,
            kind: f.kind,
            pages: f.pages,
            status: f.status.as_str(),
            message: f.message.as_deref(),
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
        write!(self.files, "{sep}\n    {}", compact(&FileJson::of(file)))?;
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
