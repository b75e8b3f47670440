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

/// Findings and file reports written in the test, for the tests of each format.
#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::audit::FileStatus;
    use crate::findings::{Category, Localized, Location, Severity};
    use crate::structure::Metadata;

    /// A finding on `file` at page `page`, line `line`, whose excerpt states `stated`.
    pub(crate) fn finding(file: &str, page: Option<u32>, line: u32, stated: &str) -> Finding {
        let excerpt = format!("Realisasi anggaran sebesar {stated} dari pagu");
        let at = excerpt.find(stated).unwrap_or(0);
        Finding {
            rule: "table-column-sum".to_string(),
            category: Category::Arithmetic,
            severity: Severity::Error,
            location: Location {
                file: file.to_string(),
                page,
                line,
            },
            stated: stated.to_string(),
            expected: "3.500.000".to_string(),
            message: Localized::new("Jumlah tidak sesuai", "The total does not add up"),
            computation: Localized::new(
                "1.000.000 + 2.500.000 = 3.500.000",
                "1,000,000 + 2,500,000 = 3,500,000",
            ),
            related: Vec::new(),
            highlight: Some((at, at + stated.len())),
            excerpt,
        }
    }

    /// An audited report with these findings.
    pub(crate) fn file_report(path: &str, findings: Vec<Finding>) -> FileReport {
        FileReport {
            path: path.to_string(),
            kind: Some(crate::extract::InputKind::Text),
            pages: 1,
            status: FileStatus::Ok,
            message: None,
            metadata: Some(Metadata {
                office: Some("Kecamatan Ledokombo".to_string()),
                year: Some(2020),
                ..Metadata::default()
            }),
            findings,
            coverage: None,
            ocr_pages: Vec::new(),
        }
    }

    /// A file that could not be audited.
    pub(crate) fn failed_report(path: &str, why: &str) -> FileReport {
        FileReport {
            status: FileStatus::Error,
            message: Some(crate::lang::Localized::same(why)),
            metadata: None,
            kind: None,
            pages: 0,
            ..file_report(path, Vec::new())
        }
    }

    pub(crate) fn run_of(files: Vec<FileReport>) -> AuditRun {
        AuditRun {
            files,
            ..AuditRun::default()
        }
    }

    #[test]
    fn an_output_file_name_picks_its_format() {
        for (name, format) in [
            ("out.json", Some(OutputFormat::Json)),
            ("OUT.CSV", Some(OutputFormat::Csv)),
            ("a/b.sarif", Some(OutputFormat::Sarif)),
            ("r.htm", Some(OutputFormat::Html)),
            ("r.html", Some(OutputFormat::Html)),
            ("r.txt", Some(OutputFormat::Human)),
            ("r.log", Some(OutputFormat::Human)),
            ("r.pdf", None),
            ("noext", None),
        ] {
            assert_eq!(OutputFormat::from_path(Path::new(name)), format, "{name}");
        }
    }

    #[test]
    fn every_format_renders_the_same_findings() {
        let run = run_of(vec![file_report(
            "a.txt",
            vec![finding("a.txt", None, 12, "3.600.000")],
        )]);
        let options = RenderOptions::default();
        for format in [
            OutputFormat::Human,
            OutputFormat::Json,
            OutputFormat::Csv,
            OutputFormat::Sarif,
            OutputFormat::Html,
        ] {
            let out = render(format, &run, &options);
            assert!(out.contains("3.600.000"), "{format:?}: {out}");
            assert!(out.contains("table-column-sum"), "{format:?}: {out}");
        }
    }

    #[test]
    fn the_language_option_reaches_the_writer() {
        let run = run_of(vec![file_report(
            "a.txt",
            vec![finding("a.txt", None, 12, "3.600.000")],
        )]);
        let id = render(OutputFormat::Human, &run, &RenderOptions::default());
        let en = render(
            OutputFormat::Human,
            &run,
            &RenderOptions {
                lang: Lang::En,
                ..RenderOptions::default()
            },
        );
        assert!(id.contains("Jumlah tidak sesuai") && !id.contains("does not add up"));
        assert!(en.contains("The total does not add up") && !en.contains("Jumlah tidak"));
    }

    #[test]
    fn the_coverage_block_is_written_only_when_placed() {
        let mut report = file_report("a.txt", Vec::new());
        report.coverage = Some(crate::coverage::Coverage::default());
        let write = |placement: &Placement| {
            let mut bytes = Vec::new();
            let options = RenderOptions::default();
            {
                let mut w = writer_at(OutputFormat::Human, &mut bytes, &options, placement);
                w.file(&report).expect("write to memory");
            }
            String::from_utf8(bytes).expect("utf-8")
        };
        let plain = write(&Placement::default());
        let with = write(&Placement {
            coverage: true,
            folder: None,
        });
        assert!(!plain.contains("Cakupan"), "{plain}");
        assert!(with.contains("Cakupan"), "{with}");
    }
}
