//! Findings: what a rule found, where, what was stated, what was expected and how.

use serde::{Deserialize, Serialize};

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The family of a check, used for filtering and summaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Arithmetic,
    Year,
    Claim,
    Format,
    Structure,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Arithmetic => "arithmetic",
            Category::Year => "year",
            Category::Claim => "claim",
            Category::Format => "format",
            Category::Structure => "structure",
        }
    }
}

pub use crate::lang::{Lang, Localized};
pub use crate::location::Location;

/// The pages of each file read by OCR (`--ocr`): a finding located on one,
/// or with a related place on one, rests on OCR'd figures. The writers keep
/// one, filled as the files come (only files with OCR pages take room).
#[derive(Debug, Clone, Default)]
pub struct OcrPages(std::collections::BTreeMap<String, Vec<u32>>);

impl OcrPages {
    pub fn add(&mut self, file: &str, pages: &[u32]) {
        if !pages.is_empty() {
            self.0.insert(file.to_string(), pages.to_vec());
        }
    }

    fn has(&self, l: &Location) -> bool {
        l.page
            .is_some_and(|p| self.0.get(&l.file).is_some_and(|v| v.contains(&p)))
    }

    /// Whether the finding rests on text read by OCR.
    pub fn rests_on(&self, f: &Finding) -> bool {
        !self.0.is_empty() && (self.has(&f.location) || f.related.iter().any(|l| self.has(l)))
    }
}

/// One discrepancy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: String,
    pub category: Category,
    pub severity: Severity,
    pub location: Location,
    /// What the report says, as printed.
    pub stated: String,
    /// What the report's own figures imply, formatted as the report would print it.
    pub expected: String,
    pub message: Localized,
    /// The computation in words, e.g. "26.640.000 / 28.115.000 × 100 = 94,75".
    pub computation: Localized,
    /// Other places involved (the table a claim contradicts, the other statement).
    pub related: Vec<Location>,
    /// The source line as read, for display.
    pub excerpt: String,
    /// Byte range of the stated figure inside `excerpt`, for highlighting.
    pub highlight: Option<(usize, usize)>,
}

impl Finding {
    /// Sort key: file, page, line, then rule and stated text so that the order
    /// never depends on thread scheduling.
    pub fn sort_key(&self) -> (&str, Option<u32>, u32, &str, &str, &str) {
        (
            &self.location.file,
            self.location.page,
            self.location.line,
            &self.rule,
            &self.stated,
            &self.expected,
        )
    }
}

impl Finding {
    /// A fingerprint that identifies the finding without its line or page, so that
    /// a reviewed finding is still recognised when a re-issued report shifts its
    /// lines: rule, file name (not folder), stated, expected and the source line
    /// with its whitespace collapsed. FNV-1a, 64 bits, in hex: stable across
    /// platforms and versions, unlike `DefaultHasher`.
    pub fn fingerprint(&self) -> String {
        let file_name = self
            .location
            .file
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(&self.location.file);
        let excerpt: Vec<&str> = self.excerpt.split_whitespace().collect();
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for part in [
            self.rule.as_str(),
            file_name,
            self.stated.as_str(),
            self.expected.as_str(),
            excerpt.join(" ").as_str(),
        ] {
            for byte in part.bytes().chain(std::iter::once(0)) {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
        format!("{hash:016x}")
    }
}

pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(line: u32, stated: &str, excerpt: &str) -> Finding {
        Finding {
            rule: "capaian-formula".into(),
            category: Category::Arithmetic,
            severity: Severity::Error,
            location: Location {
                file: "laporan/2020/kec-a.txt".into(),
                page: None,
                line,
            },
            stated: stated.into(),
            expected: "83,76".into(),
            message: Localized::same("m"),
            computation: Localized::same("c"),
            related: Vec::new(),
            excerpt: excerpt.into(),
            highlight: None,
        }
    }

    #[test]
    fn fingerprint_ignores_line_and_folder_but_not_content() {
        let a = finding(120, "71,20", "1 Indeks   85 %  71,20 %  71,20");
        let mut moved = finding(131, "71,20", "1 Indeks 85 %\t71,20 %  71,20");
        moved.location.file = "arsip/kec-a.txt".into();
        assert_eq!(a.fingerprint(), moved.fingerprint());
        assert_eq!(a.fingerprint().len(), 16);
        let changed = finding(120, "71,21", "1 Indeks   85 %  71,20 %  71,21");
        assert_ne!(a.fingerprint(), changed.fingerprint());
    }
}
