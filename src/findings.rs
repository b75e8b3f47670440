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

/// Output language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Id,
    En,
}

/// A text in both output languages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Localized {
    pub id: String,
    pub en: String,
}

impl Localized {
    pub fn new(id: impl Into<String>, en: impl Into<String>) -> Self {
        Localized {
            id: id.into(),
            en: en.into(),
        }
    }

    /// The same text in both languages (numbers, quotes from the report).
    pub fn same(text: impl Into<String>) -> Self {
        let text = text.into();
        Localized {
            id: text.clone(),
            en: text,
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.id,
            Lang::En => &self.en,
        }
    }
}

/// A place in a report.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Location {
    pub file: String,
    /// 1-based page for PDFs (and text exports with form feeds); None otherwise.
    pub page: Option<u32>,
    /// 1-based line: of the file for text exports, of the page for PDFs.
    pub line: u32,
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

pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}
