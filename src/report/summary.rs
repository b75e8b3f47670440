//! The summary every format carries: per file its status and counts by
//! severity and category; for the run, totals and the files with most findings.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::audit::{AuditRun, FileReport};
use crate::coverage::Figures;
use crate::findings::{Category, Finding, Severity};
use crate::rules::checks::cross::CrossSummary;

/// How many files the "most findings" list names.
pub const TOP_FILES: usize = 10;

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Counts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl Counts {
    fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.error += 1,
            Severity::Warning => self.warning += 1,
            Severity::Info => self.info += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.error + self.warning + self.info
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct FileSummary {
    pub path: String,
    pub status: &'static str,
    pub findings: usize,
    pub by_severity: Counts,
    pub by_category: BTreeMap<&'static str, usize>,
    /// The file's coverage shares; null unless it was audited (`ok`).
    pub coverage: Option<Figures>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RunSummary {
    pub files: usize,
    /// Files per status (ok, error, skipped, no_text).
    pub by_status: BTreeMap<&'static str, usize>,
    pub findings: usize,
    pub by_severity: Counts,
    pub by_category: BTreeMap<&'static str, usize>,
    pub by_rule: BTreeMap<String, usize>,
    /// Files with the most findings, most first (ties by path), at most [`TOP_FILES`].
    pub top_files: Vec<(String, usize)>,
    pub hidden_by_baseline: Option<usize>,
    /// The coverage shares summed over the audited files.
    pub coverage: Figures,
    pub per_file: Vec<FileSummary>,
    /// The checks across reports: offices grouped over years, reports left
    /// ungrouped; null when they were not run (`--no-cross`).
    pub cross: Option<CrossSummary>,
}

/// Summarises a run.
pub fn summarize(run: &AuditRun) -> RunSummary {
    let mut builder = SummaryBuilder::default();
    for file in &run.files {
        builder.add(file);
    }
    let mut summary = builder.finish(run.hidden_by_baseline);
    summary.cross = run.cross.clone();
    summary
}

/// Builds the summary one file at a time, so that a streamed run need not
/// keep its findings: per file it keeps only the counts.
#[derive(Debug, Default)]
pub struct SummaryBuilder {
    by_status: BTreeMap<&'static str, usize>,
    by_severity: Counts,
    by_category: BTreeMap<&'static str, usize>,
    by_rule: BTreeMap<String, usize>,
    coverage: Figures,
    per_file: Vec<FileSummary>,
}

impl SummaryBuilder {
    pub fn add(&mut self, file: &FileReport) {
        *self.by_status.entry(file.status.as_str()).or_insert(0) += 1;
        let mut counts = Counts::default();
        let mut categories: BTreeMap<&'static str, usize> = BTreeMap::new();
        for f in &file.findings {
            counts.add(f.severity);
            self.by_severity.add(f.severity);
            *categories.entry(f.category.as_str()).or_insert(0) += 1;
            *self.by_category.entry(f.category.as_str()).or_insert(0) += 1;
            match self.by_rule.get_mut(&f.rule) {
                Some(n) => *n += 1,
                None => {
                    self.by_rule.insert(f.rule.clone(), 1);
                }
            }
        }
        self.per_file.push(FileSummary {
            path: file.path.clone(),
            status: file.status.as_str(),
            findings: file.findings.len(),
            by_severity: counts,
            by_category: categories,
            coverage: file.coverage.as_ref().map(|c| c.figures),
        });
        if let Some(c) = &file.coverage {
            self.coverage.add(&c.figures);
        }
    }

    /// Counts the findings across reports, each with the file it is on.
    pub fn add_cross(&mut self, findings: &[Finding]) {
        for f in findings {
            self.by_severity.add(f.severity);
            *self.by_category.entry(f.category.as_str()).or_insert(0) += 1;
            *self.by_rule.entry(f.rule.clone()).or_insert(0) += 1;
            if let Some(file) = self.per_file.iter_mut().find(|s| s.path == f.location.file) {
                file.findings += 1;
                file.by_severity.add(f.severity);
                *file.by_category.entry(f.category.as_str()).or_insert(0) += 1;
            }
        }
    }

    pub fn finish(self, hidden_by_baseline: Option<usize>) -> RunSummary {
        let mut top_files: Vec<(String, usize)> = self
            .per_file
            .iter()
            .filter(|f| f.findings > 0)
            .map(|f| (f.path.clone(), f.findings))
            .collect();
        top_files.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        top_files.truncate(TOP_FILES);
        RunSummary {
            files: self.per_file.len(),
            by_status: self.by_status,
            findings: self.by_severity.total(),
            by_severity: self.by_severity,
            by_category: self.by_category,
            by_rule: self.by_rule,
            top_files,
            hidden_by_baseline,
            coverage: self.coverage,
            per_file: self.per_file,
            cross: None,
        }
    }
}

/// Every category, in a fixed order, for tables that show zeros too.
pub const CATEGORIES: [Category; 5] = [
    Category::Arithmetic,
    Category::Year,
    Category::Claim,
    Category::Format,
    Category::Structure,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::FileStatus;
    use crate::findings::{Finding, Localized, Location};

    fn finding(file: &str, rule: &str, severity: Severity, category: Category) -> Finding {
        Finding {
            rule: rule.into(),
            category,
            severity,
            location: Location {
                file: file.into(),
                page: None,
                line: 1,
            },
            stated: String::new(),
            expected: String::new(),
            message: Localized::same("m"),
            computation: Localized::default(),
            related: Vec::new(),
            excerpt: String::new(),
            highlight: None,
        }
    }

    fn file(path: &str, status: FileStatus, findings: Vec<Finding>) -> FileReport {
        FileReport {
            path: path.into(),
            kind: None,
            pages: 0,
            status,
            message: None,
            metadata: None,
            findings,
            coverage: None,
            ocr_pages: Vec::new(),
        }
    }

    #[test]
    fn counts_by_status_severity_category_rule_and_top_files() {
        let run = AuditRun {
            files: vec![
                file(
                    "a.txt",
                    FileStatus::Ok,
                    vec![finding("a.txt", "r1", Severity::Error, Category::Year)],
                ),
                file(
                    "b.txt",
                    FileStatus::Ok,
                    vec![
                        finding("b.txt", "r1", Severity::Error, Category::Arithmetic),
                        finding("b.txt", "r2", Severity::Warning, Category::Arithmetic),
                    ],
                ),
                file("c.pdf", FileStatus::NoText, Vec::new()),
            ],
            hidden_by_baseline: Some(3),
            cross: None,
        };
        let s = summarize(&run);
        assert_eq!(s.files, 3);
        assert_eq!(s.by_status.get("ok"), Some(&2));
        assert_eq!(s.by_status.get("no_text"), Some(&1));
        assert_eq!(s.findings, 3);
        assert_eq!((s.by_severity.error, s.by_severity.warning), (2, 1));
        assert_eq!(s.by_category.get("arithmetic"), Some(&2));
        assert_eq!(s.by_rule.get("r1"), Some(&2));
        assert_eq!(
            s.top_files,
            vec![("b.txt".to_string(), 2), ("a.txt".to_string(), 1)]
        );
        assert_eq!(s.per_file[1].by_severity.warning, 1);
        assert_eq!(s.hidden_by_baseline, Some(3));
    }
}
