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

/// A file status or finding category as the listing names it: the JSON
/// codes in English, their words in Indonesian.
fn code_word(code: &str, lang: Lang) -> &str {
    if lang == Lang::En {
        return code;
    }
    match code {
        "error" => "galat",
        "skipped" => "dilewati",
        "no_text" => "tanpa teks",
        "arithmetic" => "aritmetika",
        "claim" => "klaim",
        "year" => "tahun",
        "structure" => "struktur",
        other => other,
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
        let mut header = format!("{} [{}]", file.path, code_word(file.status.as_str(), lang));
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
            let _ = writeln!(out, "  {}", msg.get(lang));
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
        .map(|(k, v)| format!("{} {v}", code_word(k, lang)))
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
            .map(|(k, v)| format!("{} {v}", code_word(k, lang)))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::Location;
    use crate::report::tests::{failed_report, file_report, finding, run_of};
    use crate::report::{OutputFormat, RenderOptions, render};

    fn listing(run: &crate::audit::AuditRun, lang: Lang) -> String {
        render(
            OutputFormat::Human,
            run,
            &RenderOptions {
                lang,
                ..RenderOptions::default()
            },
        )
    }

    #[test]
    fn a_finding_is_listed_in_indonesian_by_default() {
        let run = run_of(vec![file_report(
            "a.pdf",
            vec![finding("a.pdf", Some(4), 12, "3.600.000")],
        )]);
        let out = listing(&run, Lang::default());
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "a.pdf [ok] Kecamatan Ledokombo, tahun 2020");
        assert_eq!(
            lines[1],
            "  hal. 4, baris 12: GALAT [table-column-sum] Jumlah tidak sesuai"
        );
        assert_eq!(
            lines[2],
            "      > Realisasi anggaran sebesar «3.600.000» dari pagu"
        );
        assert_eq!(
            lines[3],
            "      Tertulis: 3.600.000  |  Seharusnya: 3.500.000"
        );
        assert_eq!(
            lines[4],
            "      Perhitungan: 1.000.000 + 2.500.000 = 3.500.000"
        );
        assert!(out.contains("1 berkas, 1 temuan (ok 1)"), "{out}");
        assert!(
            out.contains("Tingkat: GALAT 1, PERINGATAN 0, INFO 0"),
            "{out}"
        );
    }

    #[test]
    fn english_with_the_flag() {
        let run = run_of(vec![file_report(
            "a.txt",
            vec![finding("a.txt", None, 12, "3.600.000")],
        )]);
        let out = listing(&run, Lang::En);
        assert!(
            out.starts_with("a.txt [ok] Kecamatan Ledokombo, year 2020\n"),
            "{out}"
        );
        assert!(
            out.contains("  line 12: ERROR [table-column-sum] The total does not add up\n"),
            "{out}"
        );
        assert!(
            out.contains("Stated: 3.600.000  |  Expected: 3.500.000"),
            "{out}"
        );
        assert!(out.contains("Computation: 1,000,000 + 2,500,000"), "{out}");
        assert!(out.contains("1 files, 1 findings (ok 1)"), "{out}");
        assert!(!out.contains("Tertulis") && !out.contains("GALAT"), "{out}");
    }

    #[test]
    fn findings_are_listed_in_the_order_given_sorted_by_page_and_line() {
        let mut findings = vec![
            finding("a.pdf", Some(9), 1, "9"),
            finding("a.pdf", Some(2), 30, "230"),
            finding("a.pdf", Some(2), 4, "24"),
        ];
        crate::findings::sort_findings(&mut findings);
        let run = run_of(vec![file_report("a.pdf", findings)]);
        let out = listing(&run, Lang::Id);
        let places: Vec<&str> = out
            .lines()
            .filter(|l| l.starts_with("  hal."))
            .map(|l| l.split(':').next().unwrap_or(""))
            .collect();
        assert_eq!(
            places,
            [
                "  hal. 2, baris 4",
                "  hal. 2, baris 30",
                "  hal. 9, baris 1"
            ]
        );
    }

    #[test]
    fn a_clean_file_says_so_and_a_failed_one_gives_its_reason() {
        let run = run_of(vec![
            file_report("a.txt", Vec::new()),
            failed_report("b.pdf", "damaged PDF: no pages could be read"),
        ]);
        let out = listing(&run, Lang::Id);
        assert!(
            out.contains("a.txt [ok] Kecamatan Ledokombo, tahun 2020\n  tidak ada temuan\n"),
            "{out}"
        );
        assert!(
            out.contains("b.pdf [galat]\n  damaged PDF: no pages could be read\n"),
            "{out}"
        );
        // A failed file is not "without findings".
        assert_eq!(out.matches("tidak ada temuan").count(), 1, "{out}");
        assert!(out.contains("2 berkas, 0 temuan (galat 1, ok 1)"), "{out}");
        let out = listing(&run, Lang::En);
        assert!(out.contains("2 files, 0 findings (error 1, ok 1)"), "{out}");
    }

    #[test]
    fn the_excerpt_is_clipped_around_the_figure_and_tabs_become_bars() {
        let mut f = finding("a.txt", None, 1, "3.600.000");
        let head = "x".repeat(100);
        f.excerpt = format!("{head} Jumlah\t3.600.000\t{}", "y".repeat(100));
        let at = f.excerpt.find("3.600.000").expect("figure");
        f.highlight = Some((at, at + 9));
        let shown = excerpt(&f);
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert!(shown.contains("Jumlah | «3.600.000» | y"), "{shown}");
        assert!(shown.chars().count() < 160, "{shown}");
        // No highlight: the start of the line, not marked.
        f.highlight = None;
        let shown = excerpt(&f);
        assert!(shown.starts_with("xxx") && !shown.contains('«'), "{shown}");
        // A highlight past the end of the line is ignored, not a panic.
        f.excerpt = "pendek".to_string();
        f.highlight = Some((2, 40));
        assert_eq!(excerpt(&f), "pendek");
    }

    #[test]
    fn the_excerpt_never_cuts_a_character() {
        let mut f = finding("a.txt", None, 1, "12");
        // Three-byte characters: 70 bytes either side falls inside one.
        f.excerpt = format!("{}12{}", "€".repeat(60), "€".repeat(60));
        let at = f.excerpt.find("12").expect("figure");
        f.highlight = Some((at, at + 2));
        let shown = excerpt(&f);
        assert!(shown.contains("«12»"), "{shown}");
        assert!(shown.starts_with("…€") && shown.ends_with("€…"), "{shown}");
    }

    #[test]
    fn related_places_name_another_file_and_stop_at_eight() {
        let mut f = finding("a.pdf", Some(4), 12, "3.600.000");
        f.related = (1..=10)
            .map(|line| Location {
                file: if line == 1 { "b.pdf" } else { "a.pdf" }.to_string(),
                page: Some(5),
                line,
            })
            .collect();
        let mut out = String::new();
        write_finding(&mut out, &f, Lang::Id, false);
        let related = out
            .lines()
            .find(|l| l.contains("Lihat juga"))
            .expect("related line");
        assert!(
            related.starts_with("      Lihat juga (baris): b.pdf hal. 5/1, hal. 5/2"),
            "{related}"
        );
        assert!(
            related.contains("hal. 5/8") && !related.contains("hal. 5/9"),
            "{related}"
        );
        assert!(related.ends_with(", …"), "{related}");
    }

    #[test]
    fn a_finding_on_an_ocr_page_is_marked() {
        let mut report = file_report(
            "scan.pdf",
            vec![finding("scan.pdf", Some(2), 3, "3.600.000")],
        );
        report.ocr_pages = vec![2];
        let out = listing(&run_of(vec![report]), Lang::Id);
        assert!(
            out.contains("GALAT [table-column-sum] [OCR] Jumlah"),
            "{out}"
        );
    }

    #[test]
    fn findings_across_reports_get_their_own_heading() {
        let mut bytes = Vec::new();
        {
            let mut w = HumanWriter::new(&mut bytes, Lang::En);
            w.cross(&[]).expect("write");
            w.cross(&[finding("b.pdf", Some(1), 2, "7")])
                .expect("write");
        }
        let out = String::from_utf8(bytes).expect("utf-8");
        assert!(
            out.starts_with(
                "Across reports (several years of one office)\nb.pdf\n  page 1, line 2:"
            ),
            "{out}"
        );
    }
}
