//! The listing an auditor reads in a terminal: per report, findings sorted by
//! page and line, each with the line as read, what is stated, what was
//! expected and how that was computed.

use std::fmt::Write;
use std::io;

use super::ReportWriter;
use super::summary::RunSummary;
use crate::audit::{FileReport, FileStatus};
use crate::findings::{Finding, Lang, OcrPages, Severity};

struct Words {
    line: &'static str,
    page: &'static str,
    stated: &'static str,
    expected: &'static str,
    computation: &'static str,
    related: &'static str,
    no_findings: &'static str,
    findings: &'static str,
    files: &'static str,
    year: &'static str,
    severity: &'static str,
    category: &'static str,
    hidden: &'static str,
    most: &'static str,
    across: &'static str,
}

const ID: Words = Words {
    line: "baris",
    page: "hal.",
    stated: "Tertulis",
    expected: "Seharusnya",
    computation: "Perhitungan",
    related: "Lihat juga",
    no_findings: "tidak ada temuan",
    findings: "temuan",
    files: "berkas",
    year: "tahun",
    severity: "Tingkat",
    category: "Kategori",
    hidden: "temuan disembunyikan oleh baseline (sudah ditinjau)",
    most: "Berkas dengan temuan terbanyak",
    across: "Antarlaporan (beberapa tahun satu kantor)",
};

const EN: Words = Words {
    line: "line",
    page: "page",
    stated: "Stated",
    expected: "Expected",
    computation: "Computation",
    related: "See also",
    no_findings: "no findings",
    findings: "findings",
    files: "files",
    year: "year",
    severity: "Severity",
    category: "Category",
    hidden: "findings hidden by the baseline (already reviewed)",
    most: "Files with the most findings",
    across: "Across reports (several years of one office)",
};

fn severity_word(s: Severity, lang: Lang) -> &'static str {
    match (s, lang) {
        (Severity::Error, Lang::Id) => "GALAT",
        (Severity::Warning, Lang::Id) => "PERINGATAN",
        (Severity::Info, Lang::Id) => "INFO",
        (Severity::Error, Lang::En) => "ERROR",
        (Severity::Warning, Lang::En) => "WARNING",
        (Severity::Info, Lang::En) => "INFO",
    }
}

/// The line around the stated figure, at most ~160 characters, with the figure
/// marked «like this».
fn excerpt(f: &Finding) -> String {
    let text = f.excerpt.trim_end();
    let (a, b) = match f.highlight {
        Some((a, b)) if b <= text.len() => (a, b),
        _ => (0, 0),
    };
    let mut start = a.saturating_sub(70);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (b + 70).min(text.len()).max(start.min(text.len()));
    if a == b {
        end = text.len().min(start + 160);
    }
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    if a < b {
        out.push_str(&text[start..a]);
        out.push('«');
        out.push_str(&text[a..b]);
        out.push('»');
        out.push_str(&text[b..end]);
    } else {
        out.push_str(&text[start..end]);
    }
    if end < text.len() {
        out.push('…');
    }
    out.replace('\t', " | ")
}

/// Writes the listing file by file as the run goes, the summary at the end.
pub struct HumanWriter<W: io::Write> {
    out: W,
    lang: Lang,
    /// `--coverage`: a block per file of what was checked.
    coverage: bool,
    /// Pages read by OCR, per file.
    ocr: OcrPages,
}

impl<W: io::Write> HumanWriter<W> {
    pub fn new(out: W, lang: Lang) -> Self {
        HumanWriter {
            out,
            lang,
            coverage: false,
            ocr: OcrPages::default(),
        }
    }

    /// With a coverage block per file (`check --coverage`).
    pub fn with_coverage(mut self, coverage: bool) -> Self {
        self.coverage = coverage;
        self
    }
}

impl<W: io::Write> ReportWriter for HumanWriter<W> {
    fn file(&mut self, file: &FileReport) -> io::Result<()> {
        let mut text = String::new();
        self.ocr.add(&file.path, &file.ocr_pages);
        write_file(&mut text, file, self.lang, &self.ocr);
        if self.coverage
            && let Some(c) = &file.coverage
        {
            super::coverage_text::write_block(&mut text, c, self.lang);
        }
        text.push('\n');
        self.out.write_all(text.as_bytes())
    }

    fn cross(&mut self, findings: &[Finding]) -> io::Result<()> {
        if findings.is_empty() {
            return Ok(());
        }
        let w = if self.lang == Lang::Id { &ID } else { &EN };
        let mut text = format!("{}\n", w.across);
        let mut file = None;
        for f in findings {
            if file != Some(&f.location.file) {
                file = Some(&f.location.file);
                let _ = writeln!(text, "{}", f.location.file);
            }
            write_finding(&mut text, f, self.lang, self.ocr.rests_on(f));
        }
        text.push('\n');
        self.out.write_all(text.as_bytes())
    }

    fn finish(&mut self, summary: &RunSummary) -> io::Result<()> {
        let mut text = String::new();
        write_summary(&mut text, summary, self.lang);
        self.out.write_all(text.as_bytes())?;
        self.out.flush()
    }
}

/// One file's part of the listing: its header and its findings.
fn write_file(out: &mut String, file: &FileReport, lang: Lang, ocr: &OcrPages) {
    let w = if lang == Lang::Id { &ID } else { &EN };
    {
        let mut header = format!("{} [{}]", file.path, file.status.as_str());
        if let Some(m) = &file.metadata {
            if let Some(office) = &m.office {
                header.push_str(&format!(" {office}"));
            }
            if let Some(y) = m.year {
                header.push_str(&format!(", {} {y}", w.year));
            }
        }
        let _ = writeln!(out, "{header}");
        if let Some(msg) = &file.message {
            let _ = writeln!(out, "  {msg}");
        }
        if file.status == FileStatus::Ok && file.findings.is_empty() {
            let _ = writeln!(out, "  {}", w.no_findings);
        }
        for f in &file.findings {
            write_finding(out, f, lang, ocr.rests_on(f));
        }
    }
}

/// One finding of the listing: where, what, the line, the figures, the
/// computation and the other places (named with their file when another).
/// A finding resting on OCR'd text is marked `[OCR]` after its rule.
fn write_finding(out: &mut String, f: &Finding, lang: Lang, ocr: bool) {
    let w = if lang == Lang::Id { &ID } else { &EN };
    {
        {
            let place = match f.location.page {
                Some(p) => format!("{} {p}, {} {}", w.page, w.line, f.location.line),
                None => format!("{} {}", w.line, f.location.line),
            };
            let _ = writeln!(
                out,
                "  {place}: {} [{}]{} {}",
                severity_word(f.severity, lang),
                f.rule,
                if ocr { " [OCR]" } else { "" },
                f.message.get(lang)
            );
            let _ = writeln!(out, "      > {}", excerpt(f));
            if !f.stated.is_empty() || !f.expected.is_empty() {
                let _ = writeln!(
                    out,
                    "      {}: {}  |  {}: {}",
                    w.stated, f.stated, w.expected, f.expected
                );
            }
            if !f.computation.get(lang).is_empty() {
                let _ = writeln!(out, "      {}: {}", w.computation, f.computation.get(lang));
            }
            if !f.related.is_empty() {
                let places: Vec<String> = f
                    .related
                    .iter()
                    .take(8)
                    .map(|l| {
                        let at = match l.page {
                            Some(p) => format!("{} {p}/{}", w.page, l.line),
                            None => l.line.to_string(),
                        };
                        if l.file == f.location.file {
                            at
                        } else {
                            format!("{} {at}", l.file)
                        }
                    })
                    .collect();
                let more = if f.related.len() > 8 { ", …" } else { "" };
                let _ = writeln!(
                    out,
                    "      {} ({}): {}{more}",
                    w.related,
                    w.line,
                    places.join(", ")
                );
            }
        }
    }
}

/// The closing summary: files by status, findings by severity and category,
/// findings hidden by a baseline, and the files with the most findings.
fn write_summary(out: &mut String, s: &RunSummary, lang: Lang) {
    let w = if lang == Lang::Id { &ID } else { &EN };
    let total = s.findings;
    let statuses: Vec<String> = s
        .by_status
        .iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect();
    let _ = writeln!(
        out,
        "{} {}, {total} {} ({})",
        s.files,
        w.files,
        w.findings,
        statuses.join(", ")
    );
    if total > 0 {
        let _ = writeln!(
            out,
            "  {}: {} {}, {} {}, {} {}",
            w.severity,
            severity_word(Severity::Error, lang),
            s.by_severity.error,
            severity_word(Severity::Warning, lang),
            s.by_severity.warning,
            severity_word(Severity::Info, lang),
            s.by_severity.info
        );
        let categories: Vec<String> = s
            .by_category
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        let _ = writeln!(out, "  {}: {}", w.category, categories.join(", "));
    }
    if s.by_status.get("ok").is_some_and(|&n| n > 0) {
        let _ = writeln!(
            out,
            "  {}",
            super::coverage_text::figures_line(&s.coverage, lang)
        );
    }
    if let Some(hidden) = s.hidden_by_baseline {
        let _ = writeln!(out, "  {hidden} {}", w.hidden);
    }
    if s.top_files.len() > 1 {
        let _ = writeln!(out, "  {}:", w.most);
        for (path, n) in &s.top_files {
            let _ = writeln!(out, "    {n:>4}  {path}");
        }
    }
}
