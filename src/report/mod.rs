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

use std::path::Path;

use crate::audit::AuditRun;
use crate::findings::Lang;

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

/// Renders the run in the given format.
pub fn render(format: OutputFormat, run: &AuditRun, options: &RenderOptions) -> String {
    match format {
        OutputFormat::Human => human::render(run, options.lang),
        OutputFormat::Json => json::render(run, options.lang),
        OutputFormat::Csv => csv::render(run, options.lang),
        OutputFormat::Sarif => sarif::render(run, options),
        OutputFormat::Html => html::render(run, options),
    }
}
