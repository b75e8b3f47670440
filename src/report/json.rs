//! `--format json`: the stable machine-readable contract (see README).
//!
//! Written as the run goes: each finding goes out as soon as its file is
//! audited, so a run over thousands of files keeps only the small per-file
//! entries (path, status, metadata) until the end. Findings come before
//! `files` in the document for that reason; JSON readers do not care.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::ReportWriter;
use super::summary::RunSummary;
use crate::audit::FileReport;
use crate::findings::{Finding, Lang, Location};

fn location_json(l: &Location) -> Value {
    json!({"file": l.file, "page": l.page, "line": l.line})
}

pub fn finding_json(f: &Finding, lang: Lang) -> Value {
    json!({
        "rule": f.rule,
        "category": f.category,
        "severity": f.severity,
        "file": f.location.file,
        "page": f.location.page,
        "line": f.location.line,
        "stated": f.stated,
        "expected": f.expected,
        "message": f.message.get(lang),
        "computation": f.computation.get(lang),
        "related": f.related.iter().map(location_json).collect::<Vec<_>>(),
        "excerpt": f.excerpt,
        "fingerprint": f.fingerprint(),
    })
}

fn file_json(f: &FileReport) -> Value {
    json!({
        "path": f.path,
        "kind": f.kind,
        "pages": f.pages,
        "status": f.status.as_str(),
        "message": f.message,
        "metadata": f.metadata,
    })
}

/// Streams the JSON document: one finding per line inside `findings`.
pub struct JsonWriter<W: Write> {
    out: W,
    lang: Lang,
    started: bool,
    findings_written: usize,
    /// The `files` entries, compact, one per line, kept for the end.
    files: Vec<u8>,
}

impl<W: Write> JsonWriter<W> {
    pub fn new(out: W, lang: Lang) -> Self {
        JsonWriter {
            out,
            lang,
            started: false,
            findings_written: 0,
            files: Vec::new(),
        }
    }

    fn start(&mut self) -> io::Result<()> {
        if !self.started {
            self.started = true;
            let tool =
                json!({"name": env!("CARGO_PKG_NAME"), "version": env!("CARGO_PKG_VERSION")});
            write!(self.out, "{{\n  \"tool\": {tool},\n  \"findings\": [")?;
        }
        Ok(())
    }
}

impl<W: Write> ReportWriter for JsonWriter<W> {
    fn file(&mut self, file: &FileReport) -> io::Result<()> {
        self.start()?;
        for f in &file.findings {
            let sep = if self.findings_written == 0 { "" } else { "," };
            write!(self.out, "{sep}\n    {}", finding_json(f, self.lang))?;
            self.findings_written += 1;
        }
        let sep = if self.files.is_empty() { "" } else { "," };
        write!(self.files, "{sep}\n    {}", file_json(file))?;
        Ok(())
    }

    fn finish(&mut self, summary: &RunSummary) -> io::Result<()> {
        self.start()?;
        write!(self.out, "\n  ],\n  \"files\": [")?;
        self.out.write_all(&self.files)?;
        let hidden = json!(summary.hidden_by_baseline);
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
