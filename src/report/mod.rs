//! Output: the human listing and machine-readable formats.
//!
//! Every format is a [`ReportWriter`] fed the same reports, file by file in
//! input order, and the run's summary at the end; [`writer`] is the one entry
//! point the command line uses, so that `-o a.html -o b.csv` writes each format
//! from one run as it goes. [`render`] writes a finished run to a string.

pub mod coverage_text;
pub mod csv;
pub mod html;
pub mod human;
pub mod json;
pub mod sarif;
pub mod summary;

use std::io::{self, Write};
use std::path::Path;

use crate::audit::{AuditRun, FileReport};
use crate::findings::{Finding, Lang};
use summary::RunSummary;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutputFormat {
    Human,
    Json,
    Csv,
    Sarif,
    Html,
}

impl OutputFormat {
    /// The format an output file name asks for (`.json`, `.csv`, `.sarif`, `.html`, `.txt`).
    pub fn from_path(path: &Path) -> Option<OutputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "json" => Some(OutputFormat::Json),
            "csv" => Some(OutputFormat::Csv),
            "sarif" => Some(OutputFormat::Sarif),
            "html" | "htm" => Some(OutputFormat::Html),
            "txt" | "text" | "log" => Some(OutputFormat::Human),
            _ => None,
        }
    }
}

/// What every renderer needs besides the run itself.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    pub lang: Lang,
    /// The rules in force, described in SARIF's `tool.driver.rules`.
    pub rules: Vec<crate::rules::Rule>,
}

/// What a writer needs to know of where it writes and what it shows besides
/// findings.
#[derive(Debug, Clone, Default)]
pub struct Placement {
    /// `check --coverage`: the human listing gives a coverage block per file.
    pub coverage: bool,
    /// The folder the output file is written in (None: standard output, the
    /// current folder): HTML links to each report's pages relative to it.
    pub folder: Option<std::path::PathBuf>,
}

/// Writes a report as the run goes: `file` for each file in input order, then
/// `finish` once with the run's summary.
pub trait ReportWriter {
    fn file(&mut self, file: &FileReport) -> io::Result<()>;
    /// The findings across reports (several years of one office), known only
    /// once every file is audited: after the last `file`, before `finish`.
    /// Each is on the later report of a pair and names the other file's
    /// places in `related`.
    fn cross(&mut self, findings: &[Finding]) -> io::Result<()>;
    fn finish(&mut self, summary: &RunSummary) -> io::Result<()>;
}

/// The writer of a format. Every format is written as the run goes, keeping
/// per file only what its end needs (JSON's file entries, SARIF's
/// notifications), never the findings.
pub fn writer<'a, W: Write + 'a>(
    format: OutputFormat,
    out: W,
    options: &'a RenderOptions,
) -> Box<dyn ReportWriter + 'a> {
    writer_at(format, out, options, &Placement::default())
}

/// The writer of a format, written where `placement` says.
pub fn writer_at<'a, W: Write + 'a>(
    format: OutputFormat,
    out: W,
    options: &'a RenderOptions,
    placement: &Placement,
) -> Box<dyn ReportWriter + 'a> {
    match format {
        OutputFormat::Human => {
            Box::new(human::HumanWriter::new(out, options.lang).with_coverage(placement.coverage))
        }
        OutputFormat::Json => Box::new(json::JsonWriter::new(out, options.lang)),
        OutputFormat::Csv => Box::new(csv::CsvWriter::new(out, options.lang)),
        OutputFormat::Sarif => Box::new(sarif::SarifWriter::new(out, options)),
        OutputFormat::Html => {
            Box::new(html::HtmlWriter::new(out, options.lang).in_folder(placement.folder.clone()))
        }
    }
}

/// Renders a finished run in the given format.
pub fn render(format: OutputFormat, run: &AuditRun, options: &RenderOptions) -> String {
    let mut bytes = Vec::new();
    {
        let mut w = writer(format, &mut bytes, options);
        // Writing to memory cannot fail.
        for file in &run.files {
            let _ = w.file(file);
        }
        let _ = w.finish(&summary::summarize(run));
    }
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}
