//! Output: the human listing and machine-readable formats.
//!
//! Every format renders the same [`AuditRun`]; `render` is the one entry
//! point the command line uses, so that `-o a.html -o b.csv` writes each
//! format from one run.

pub mod csv;
pub mod html;
pub mod human;
pub mod json;
pub mod sarif;
pub mod summary;

use std::io::{self, Write};
use std::path::Path;

use crate::audit::{AuditRun, FileReport};
use crate::findings::Lang;
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

/// Writes a report as the run goes: `file` for each file in input order, then
/// `finish` once with the run's summary.
pub trait ReportWriter {
    fn file(&mut self, file: &FileReport) -> io::Result<()>;
    fn finish(&mut self, summary: &RunSummary) -> io::Result<()>;
}

/// The writer of a format. The listing, JSON and CSV are streamed; SARIF and
/// HTML are whole documents (HTML opens with the summary), so their writer
/// keeps the files and renders at the end.
pub fn writer<'a, W: Write + 'a>(
    format: OutputFormat,
    out: W,
    options: &'a RenderOptions,
) -> Box<dyn ReportWriter + 'a> {
    match format {
        OutputFormat::Human => Box::new(human::HumanWriter::new(out, options.lang)),
        OutputFormat::Json => Box::new(json::JsonWriter::new(out, options.lang)),
        OutputFormat::Csv => Box::new(csv::CsvWriter::new(out, options.lang)),
        OutputFormat::Sarif | OutputFormat::Html => Box::new(WholeRunWriter {
            out,
            format,
            options,
            files: Vec::new(),
        }),
    }
}

struct WholeRunWriter<'a, W: Write> {
    out: W,
    format: OutputFormat,
    options: &'a RenderOptions,
    files: Vec<FileReport>,
}

impl<W: Write> ReportWriter for WholeRunWriter<'_, W> {
    fn file(&mut self, file: &FileReport) -> io::Result<()> {
        self.files.push(file.clone());
        Ok(())
    }

    fn finish(&mut self, summary: &RunSummary) -> io::Result<()> {
        let run = AuditRun {
            files: std::mem::take(&mut self.files),
            hidden_by_baseline: summary.hidden_by_baseline,
        };
        self.out
            .write_all(render(self.format, &run, self.options).as_bytes())?;
        self.out.flush()
    }
}

/// Renders a finished run in the given format.
pub fn render(format: OutputFormat, run: &AuditRun, options: &RenderOptions) -> String {
    match format {
        OutputFormat::Sarif => sarif::render(run, options),
        OutputFormat::Html => html::render(run, options),
        OutputFormat::Human | OutputFormat::Json | OutputFormat::Csv => {
            let mut bytes = Vec::new();
            {
                let mut w = writer(format, &mut bytes, options);
                // Writing to memory cannot fail.
                for file in &run.files {
                    let _ = w.file(file);
                }
                let _ = w.finish(&summary::summarize(run));
            }
            String::from_utf8(bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
        }
    }
}
