//! Reviewed findings. `lkjip-audit baseline` records the findings of a run by
//! their fingerprint (rule, file name, stated, expected, source line — not the
//! line number, so a re-issued report with shifted lines still matches);
//! `check --baseline` hides those and counts them.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::audit::{AuditRun, FileReport};
use crate::file_error::FileError;
use crate::findings::Finding;

/// One reviewed finding; the other fields are for the people reading the file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    pub fingerprint: String,
    pub rule: String,
    pub file: String,
    pub line: u32,
    pub stated: String,
    pub expected: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Baseline {
    pub tool: String,
    pub version: u32,
    pub findings: Vec<Entry>,
}

/// An error in a baseline file, with its position.
pub type BaselineError = FileError;

impl Baseline {
    /// The baseline of every finding of a run.
    pub fn from_run(run: &AuditRun) -> Baseline {
        Baseline {
            tool: env!("CARGO_PKG_NAME").to_string(),
            version: 1,
            findings: run
                .findings()
                .map(|f| Entry {
                    fingerprint: f.fingerprint(),
                    rule: f.rule.clone(),
                    file: f.location.file.clone(),
                    line: f.location.line,
                    stated: f.stated.clone(),
                    expected: f.expected.clone(),
                })
                .collect(),
        }
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let text = FileError::read(path, "baseline")?;
        serde_json::from_str(&text).map_err(|e| {
            FileError::at(
                path,
                e.line(),
                e.column(),
                format!("not a baseline file: {e}"),
            )
        })
    }

    /// Removes from `run` the findings recorded here — as many of each
    /// fingerprint as were recorded — and records how many were hidden.
    pub fn apply(&self, run: &mut AuditRun) {
        let mut filter = self.filter();
        for file in &mut run.files {
            filter.hide_reviewed(file);
        }
        run.hidden_by_baseline = Some(filter.hidden);
    }

    /// A filter that hides the recorded findings one file at a time.
    pub fn filter(&self) -> BaselineFilter<'_> {
        let mut remaining: BTreeMap<&str, usize> = BTreeMap::new();
        for e in &self.findings {
            *remaining.entry(e.fingerprint.as_str()).or_insert(0) += 1;
        }
        BaselineFilter {
            remaining,
            hidden: 0,
        }
    }
}

/// Hides reviewed findings file by file (for a streamed run).
#[derive(Debug)]
pub struct BaselineFilter<'a> {
    remaining: BTreeMap<&'a str, usize>,
    /// How many findings have been hidden so far.
    pub hidden: usize,
}

impl BaselineFilter<'_> {
    pub fn hide_reviewed(&mut self, file: &mut FileReport) {
        self.hide_reviewed_findings(&mut file.findings);
    }

    /// Hides the reviewed ones of `findings` (the findings across reports,
    /// which come after every file).
    pub fn hide_reviewed_findings(&mut self, findings: &mut Vec<Finding>) {
        findings.retain(|f: &Finding| {
            let fingerprint = f.fingerprint();
            match self.remaining.get_mut(fingerprint.as_str()) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    self.hidden += 1;
                    false
                }
                _ => true,
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{AuditOptions, audit_inputs};
    use crate::discover::discover;
    use crate::rules::RuleSet;

    fn audit(dir: &Path) -> AuditRun {
        let inputs = discover(&[dir.to_path_buf()]);
        audit_inputs(
            &inputs,
            &AuditOptions::new(RuleSet::defaults().expect("rules")),
        )
    }

    /// A copy of a sample, edited, alone in a temporary folder (removed when
    /// dropped).
    fn sample_copy(edit: impl Fn(&str) -> String) -> tempfile::TempDir {
        let dir = tempfile::Builder::new()
            .prefix("lkjip-baseline-")
            .tempdir()
            .expect("temp dir");
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/lkjip-2020-kec-rambipuji.txt"),
        )
        .expect("sample");
        std::fs::write(dir.path().join("rambipuji.txt"), edit(&text)).expect("write");
        dir
    }

    #[test]
    fn shifted_lines_stay_hidden_and_changed_figures_do_not() {
        let original = audit(sample_copy(|t| t.to_string()).path());
        let found = original.findings().count();
        assert!(found >= 10, "{found}");
        let baseline = Baseline::from_run(&original);
        // Re-issued with a preface: every line moves down by three.
        let mut shifted =
            audit(sample_copy(|t| format!("Catatan revisi\nDiterbitkan ulang\n\n{t}")).path());
        assert_eq!(shifted.findings().count(), found);
        assert_ne!(
            shifted.findings().next().map(|f| f.location.line),
            original.findings().next().map(|f| f.location.line)
        );
        baseline.apply(&mut shifted);
        assert_eq!(shifted.findings().count(), 0);
        assert_eq!(shifted.hidden_by_baseline, Some(found));
        // The average claim is corrected to another wrong value: a new finding.
        let mut changed = audit(
            sample_copy(|t| {
                t.replace(
                    "rata-rata capaian sasaran sebesar 93,94%",
                    "rata-rata capaian sasaran sebesar 95,00%",
                )
            })
            .path(),
        );
        baseline.apply(&mut changed);
        let left: Vec<&Finding> = changed.findings().collect();
        assert_eq!(left.len(), 1, "{left:?}");
        assert_eq!(left[0].rule, "average-claim");
        assert_eq!(left[0].stated, "95,00%");
        assert_eq!(changed.hidden_by_baseline, Some(found - 1));
    }

    #[test]
    fn a_broken_baseline_names_line_and_column() {
        let mut file = tempfile::NamedTempFile::new().expect("temp file");
        std::io::Write::write_all(&mut file, b"{\n  \"tool\": 5,\n").expect("write");
        let err = Baseline::load(file.path()).expect_err("invalid");
        assert!(err.to_string().contains(":2:"), "{err}");
    }
}
