//! CSV: one row per finding, every field of the JSON finding contract.
//!
//! Made for Excel on an Indonesian-locale Windows, where most auditors open it:
//! - `;` separates fields, because that locale's list separator is `;` (its
//!   decimal separator is `,`), so Excel splits the columns on a double click;
//! - a UTF-8 byte-order mark, without which Excel reads the file as ANSI and
//!   garbles "Rp 1.329.782.597,10 — «»";
//! - CRLF line ends and RFC 4180 quoting (fields with `;`, `"`, CR or LF are
//!   quoted, quotes doubled).
//! - Text cells (from documents, file names, rule files) that start with `=`,
//!   `+`, `-`, `@`, tab or CR could be run by Excel as formulas (CSV
//!   injection); such a cell gets a leading `'` unless it is a plain number
//!   such as `-5` or `+2,5 %`.

use std::io;

use super::ReportWriter;
use super::summary::RunSummary;
use crate::audit::FileReport;
use crate::findings::{Finding, Lang, Location};

/// The header row, in the order of the JSON finding fields.
pub const COLUMNS: [&str; 13] = [
    "rule",
    "category",
    "severity",
    "file",
    "page",
    "line",
    "stated",
    "expected",
    "message",
    "computation",
    "related",
    "excerpt",
    "fingerprint",
];

/// Writes one row per finding as the run goes.
pub struct CsvWriter<W: io::Write> {
    out: W,
    lang: Lang,
    started: bool,
}

impl<W: io::Write> CsvWriter<W> {
    pub fn new(out: W, lang: Lang) -> Self {
        CsvWriter {
            out,
            lang,
            started: false,
        }
    }

    fn start(&mut self) -> io::Result<()> {
        if !self.started {
            self.started = true;
            let mut header = String::from("\u{feff}");
            push_row(&mut header, COLUMNS.iter().map(|c| c.to_string()));
            self.out.write_all(header.as_bytes())?;
        }
        Ok(())
    }
}

impl<W: io::Write> ReportWriter for CsvWriter<W> {
    fn file(&mut self, file: &FileReport) -> io::Result<()> {
        self.start()?;
        let mut rows = String::new();
        for f in &file.findings {
            push_row(&mut rows, row(f, self.lang).into_iter());
        }
        self.out.write_all(rows.as_bytes())
    }

    fn cross(&mut self, findings: &[Finding]) -> io::Result<()> {
        self.start()?;
        let mut rows = String::new();
        for f in findings {
            push_row(&mut rows, row(f, self.lang).into_iter());
        }
        self.out.write_all(rows.as_bytes())
    }

    fn finish(&mut self, _summary: &RunSummary) -> io::Result<()> {
        self.start()?;
        self.out.flush()
    }
}

/// A location as `file:page:line`, or `file:line` without pages.
pub fn location_text(l: &Location) -> String {
    match l.page {
        Some(p) => format!("{}:{p}:{}", l.file, l.line),
        None => format!("{}:{}", l.file, l.line),
    }
}

/// Every text column is guarded, not only those from a document's text: a
/// file named `=1+2.txt` audited by a relative path starts the `file` and
/// `related` cells with `=`, and a rule file chooses its rule ids.
fn row(f: &Finding, lang: Lang) -> Vec<String> {
    vec![
        guard(&f.rule),
        guard(f.category.as_str()),
        guard(f.severity.as_str()),
        guard(&f.location.file),
        f.location.page.map(|p| p.to_string()).unwrap_or_default(),
        f.location.line.to_string(),
        guard(&f.stated),
        guard(&f.expected),
        guard(f.message.get(lang)),
        guard(f.computation.get(lang)),
        guard(
            &f.related
                .iter()
                .map(location_text)
                .collect::<Vec<_>>()
                .join("; "),
        ),
        guard(&f.excerpt),
        guard(&f.fingerprint()),
    ]
}

/// Prefixes a formula-like cell with `'` so that Excel shows it as text.
pub fn guard(cell: &str) -> String {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(cell) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

fn is_plain_number(cell: &str) -> bool {
    let body = cell.trim_start_matches(['+', '-']).trim_end();
    let body = body.strip_suffix('%').unwrap_or(body).trim_end();
    !body.is_empty()
        && body.starts_with(|c: char| c.is_ascii_digit())
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

fn push_row(out: &mut String, cells: impl Iterator<Item = String>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(';');
        }
        if cell.contains([';', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&cell);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_follows_rfc_4180_with_semicolons() {
        let mut out = String::new();
        push_row(
            &mut out,
            ["a;b", "say \"x\"", "two\nlines", "plain"]
                .iter()
                .map(|s| s.to_string()),
        );
        assert_eq!(out, "\"a;b\";\"say \"\"x\"\"\";\"two\nlines\";plain\r\n");
    }

    #[test]
    fn formulas_are_guarded_but_numbers_are_not() {
        assert_eq!(guard("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(guard("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(guard("-5+3"), "'-5+3");
        assert_eq!(guard("-5"), "-5");
        assert_eq!(guard("+2,5 %"), "+2,5 %");
        assert_eq!(guard("Rp 1.000"), "Rp 1.000");
    }
}
