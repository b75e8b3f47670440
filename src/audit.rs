//! Running the pipeline over many files: discover → extract → structure → rules.
//! Each file is audited in isolation (a panic in one file is that file's error),
//! files in parallel with rayon, and the result does not depend on thread count.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::discover::{Input, discover};
use crate::extract::{self, InputKind};
use crate::findings::{Finding, sort_findings};
use crate::rules::RuleSet;
use crate::rules::checks;
use crate::structure::{self, Metadata};

/// What happened to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    Ok,
    Error,
    Skipped,
    /// A readable PDF with no text layer at all (scanned): needs OCR.
    NoText,
}

impl FileStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            FileStatus::Ok => "ok",
            FileStatus::Error => "error",
            FileStatus::Skipped => "skipped",
            FileStatus::NoText => "no_text",
        }
    }
}

/// The audit of one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: String,
    pub kind: Option<InputKind>,
    pub pages: u32,
    pub status: FileStatus,
    pub message: Option<String>,
    pub metadata: Option<Metadata>,
    pub findings: Vec<Finding>,
}

/// The audit of a whole run.
#[derive(Debug, Clone, Default)]
pub struct AuditRun {
    pub files: Vec<FileReport>,
    /// How many findings a `--baseline` of reviewed findings hid; None without a baseline.
    pub hidden_by_baseline: Option<usize>,
}

impl AuditRun {
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.files.iter().flat_map(|f| f.findings.iter())
    }
}

/// Options of a run.
#[derive(Debug, Clone)]
pub struct AuditOptions {
    pub rules: RuleSet,
}

/// Audits every file found under `paths`.
pub fn audit_paths(paths: &[PathBuf], options: &AuditOptions) -> std::io::Result<AuditRun> {
    let inputs = discover(paths)?;
    Ok(audit_inputs(&inputs, options))
}

/// Audits the given inputs in parallel; the result is in input order.
pub fn audit_inputs(inputs: &[Input], options: &AuditOptions) -> AuditRun {
    let compiled = checks::compile(&options.rules);
    let files = inputs
        .par_iter()
        .map(|input| audit_input(input, &compiled))
        .collect();
    AuditRun {
        files,
        hidden_by_baseline: None,
    }
}

fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Audits one input, turning any panic into an error status for that file alone.
pub fn audit_input(input: &Input, compiled: &checks::CompiledRules) -> FileReport {
    let path = display_path(&input.path);
    let Some(kind) = input.kind else {
        return FileReport {
            path,
            kind: None,
            pages: 0,
            status: FileStatus::Skipped,
            message: Some("not a PDF or text export".to_string()),
            metadata: None,
            findings: Vec::new(),
        };
    };
    match catch_unwind(AssertUnwindSafe(|| {
        audit_file(&input.path, &path, kind, compiled)
    })) {
        Ok(report) => report,
        Err(panic) => {
            let what = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown".to_string());
            FileReport {
                path,
                kind: Some(kind),
                pages: 0,
                status: FileStatus::Error,
                message: Some(format!("internal error while auditing this file: {what}")),
                metadata: None,
                findings: Vec::new(),
            }
        }
    }
}

fn audit_file(
    path: &Path,
    shown: &str,
    kind: InputKind,
    compiled: &checks::CompiledRules,
) -> FileReport {
    let document = match extract::extract(path, kind) {
        Ok(doc) => doc,
        Err(err) => {
            let status = match err {
                extract::ExtractError::NoText(_) => FileStatus::NoText,
                _ => FileStatus::Error,
            };
            return FileReport {
                path: shown.to_string(),
                kind: Some(kind),
                pages: 0,
                status,
                message: Some(err.to_string()),
                metadata: None,
                findings: Vec::new(),
            };
        }
    };
    let pages = document.pages.len() as u32;
    if !document.has_text() {
        return FileReport {
            path: shown.to_string(),
            kind: Some(kind),
            pages,
            status: FileStatus::NoText,
            message: Some("no text layer: needs OCR".to_string()),
            metadata: None,
            findings: Vec::new(),
        };
    }
    let report = structure::analyse(&document);
    let mut message = (!document.notes.is_empty()).then(|| document.notes.join("; "));
    if !report.looks_like_lkjip() {
        let note = "does not look like an LKjIP report (no LKjIP chapters or title found)";
        message = Some(match message {
            Some(m) => format!("{m}; {note}"),
            None => note.to_string(),
        });
        return FileReport {
            path: shown.to_string(),
            kind: Some(kind),
            pages,
            status: FileStatus::Skipped,
            message,
            metadata: Some(report.metadata.clone()),
            findings: Vec::new(),
        };
    }
    let mut findings = checks::run(compiled, &report, shown);
    sort_findings(&mut findings);
    FileReport {
        path: shown.to_string(),
        kind: Some(kind),
        pages,
        status: FileStatus::Ok,
        message,
        metadata: Some(report.metadata.clone()),
        findings,
    }
}
