//! Running the pipeline over many files: discover → extract → structure → rules.
//! Each file is audited in isolation (a panic in one file is that file's error),
//! files in parallel with rayon, and the result does not depend on thread count.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rust_decimal::Decimal;

use rayon::prelude::*;
use serde::Serialize;

use crate::coverage::Coverage;
use crate::discover::{Input, Problem, discover};
use crate::extract::{self, InputKind};
use crate::findings::{Finding, sort_findings};
use crate::lang::Localized;
use crate::limits::{self, Limits};
use crate::rules::RuleSet;
use crate::rules::checks::cross::{self, CrossOutcome, ReportFacts, Ungrouped};
use crate::rules::checks::{self, ScaleBand};
use crate::structure::{self, Metadata};

/// What happened to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    Ok,
    Error,
    Skipped,
    /// No text to audit: a PDF without a text layer (scanned: needs OCR), or
    /// an empty text export.
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
    /// Why the file has its status, in both languages.
    pub message: Option<Localized>,
    pub metadata: Option<Metadata>,
    pub findings: Vec<Finding>,
    /// What was checked (tables, rules, claims); None unless the file was audited (`ok`).
    pub coverage: Option<Coverage>,
    /// Pages read by OCR (`--ocr`), 1-based: findings on them rest on OCR'd figures.
    pub ocr_pages: Vec<u32>,
}

/// The audit of a whole run.
#[derive(Debug, Clone, Default)]
pub struct AuditRun {
    pub files: Vec<FileReport>,
    /// How many findings a `--baseline` of reviewed findings hid; None without a baseline.
    pub hidden_by_baseline: Option<usize>,
    /// What the checks across reports grouped and compared; None when they
    /// were not run. Their findings are in the files they are on.
    pub cross: Option<cross::CrossSummary>,
}

impl AuditRun {
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.files.iter().flat_map(|f| f.findings.iter())
    }
}

/// Called once per finished file (for a progress bar).
pub type Progress = Arc<dyn Fn() + Send + Sync>;

/// Options of a run.
#[derive(Clone)]
pub struct AuditOptions {
    pub rules: RuleSet,
    /// Time and memory budget of each file.
    pub limits: Limits,
    /// Extra absolute tolerance on comparisons (configuration).
    pub tolerance: Decimal,
    /// Ordinal scale for reports that state none (configuration).
    pub default_scale: Vec<ScaleBand>,
    pub progress: Option<Progress>,
    /// The threads to audit on (`--jobs`); rayon's global pool when None.
    pub pool: Option<Arc<rayon::ThreadPool>>,
    /// Compare the reports of one office over consecutive years after the
    /// per-file audits (`--no-cross` turns it off).
    pub cross: bool,
    /// Read pages without a text layer with OCR (`--ocr`); None: off.
    pub ocr: Option<Arc<extract::ocr::OcrSettings>>,
}

impl AuditOptions {
    pub fn new(rules: RuleSet) -> Self {
        AuditOptions {
            rules,
            limits: Limits::default(),
            tolerance: Decimal::ZERO,
            default_scale: Vec::new(),
            progress: None,
            pool: None,
            cross: true,
            ocr: None,
        }
    }
}

/// Audits every file found under `paths`; a path that cannot be read is that
/// path's `error`, never the run's.
pub fn audit_paths(paths: &[PathBuf], options: &AuditOptions) -> AuditRun {
    audit_inputs(&discover(paths), options)
}

/// Adds the findings across reports to the reports they are on.
pub fn attach(files: &mut [FileReport], findings: Vec<Finding>) {
    if findings.is_empty() {
        return;
    }
    let mut by_file: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
    for f in findings {
        by_file.entry(f.location.file.clone()).or_default().push(f);
    }
    for file in files {
        if let Some(more) = by_file.remove(&file.path) {
            file.findings.extend(more);
            sort_findings(&mut file.findings);
        }
    }
}

/// Audits the given inputs in parallel; the result is in input order. The
/// findings across reports are added to the file they are reported on.
pub fn audit_inputs(inputs: &[Input], options: &AuditOptions) -> AuditRun {
    let mut files = Vec::with_capacity(inputs.len());
    let cross = audit_each(inputs, options, |report| files.push(report));
    attach(&mut files, cross.findings);
    AuditRun {
        files,
        hidden_by_baseline: None,
        cross: options.cross.then_some(cross.summary),
    }
}

/// Audits the given inputs in parallel and hands each file's report to
/// `on_file` on the calling thread, in input order, as soon as it and every
/// file before it are done. Only the reports of files finished out of order
/// are held, so memory does not grow with the number of files.
///
/// Unless `options.cross` is off, each report also leaves the few facts the
/// cross-report rules compare (its office, year and indicator figures); once
/// every file is done they are compared per office and year, and the
/// findings returned (each on the later report of a pair). Only those facts
/// are kept until the end, never a document.
pub fn audit_each(
    inputs: &[Input],
    options: &AuditOptions,
    mut on_file: impl FnMut(FileReport),
) -> CrossOutcome {
    let mut compiled = checks::compile(&options.rules);
    compiled.tolerance = options.tolerance;
    compiled.default_scale = options.default_scale.clone();
    let cross_on = options.cross && !compiled.cross.is_empty();
    let compiled = &compiled;
    let mut collector = cross::Collector::default();
    type Facts = Option<Result<ReportFacts, Ungrouped>>;
    let (sender, receiver) = std::sync::mpsc::channel::<(usize, FileReport, Facts)>();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            // `par_bridge` hands out inputs in order, one at a time, so files
            // finish roughly in order and the reordering below stays small.
            let work = move || {
                inputs.iter().enumerate().par_bridge().for_each_with(
                    sender,
                    |sender, (index, input)| {
                        let _ocr = extract::ocr::enter(options.ocr.clone());
                        let (report, facts) =
                            audit_input_facts(input, compiled, options.limits, cross_on);
                        if let Some(tick) = &options.progress {
                            tick();
                        }
                        // The receiver only goes away if `on_file` panicked.
                        let _ = sender.send((index, report, facts));
                    },
                )
            };
            match &options.pool {
                Some(pool) => pool.install(work),
                None => work(),
            }
        });
        let mut waiting: BTreeMap<usize, (FileReport, Facts)> = BTreeMap::new();
        let mut next = 0;
        for (index, report, facts) in receiver {
            waiting.insert(index, (report, facts));
            while let Some((report, facts)) = waiting.remove(&next) {
                // In input order, so that the groups do not depend on threads.
                if let Some(facts) = facts {
                    collector.add(&report.path, facts);
                }
                on_file(report);
                next += 1;
            }
        }
    });
    if cross_on {
        collector.finish(&compiled.cross)
    } else {
        CrossOutcome::default()
    }
}

fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Audits one input under its limits, turning any panic or exceeded limit into
/// an error status for that file alone.
pub fn audit_input(input: &Input, compiled: &checks::CompiledRules, limits: Limits) -> FileReport {
    audit_input_facts(input, compiled, limits, false).0
}

/// [`audit_input`], and with `cross` the facts the cross-report rules need
/// (None unless the file was audited, `ok`).
fn audit_input_facts(
    input: &Input,
    compiled: &checks::CompiledRules,
    limits: Limits,
    cross: bool,
) -> (FileReport, Option<Result<ReportFacts, Ungrouped>>) {
    let path = display_path(&input.path);
    if let Some(problem) = &input.problem {
        let (status, why) = match problem {
            Problem::Unreadable(why) => (FileStatus::Error, why),
            Problem::NotAFile(why) => (FileStatus::Skipped, why),
        };
        let report = FileReport {
            path,
            kind: input.kind,
            pages: 0,
            status,
            message: Some(Localized::same(why.clone())),
            metadata: None,
            findings: Vec::new(),
            coverage: None,
            ocr_pages: Vec::new(),
        };
        return (report, None);
    }
    let Some(kind) = input.kind else {
        let report = FileReport {
            path,
            kind: None,
            pages: 0,
            status: FileStatus::Skipped,
            message: Some(Localized::new(
                "bukan PDF atau ekspor teks",
                "not a PDF or text export",
            )),
            metadata: None,
            findings: Vec::new(),
            coverage: None,
            ocr_pages: Vec::new(),
        };
        return (report, None);
    };
    let _budget = limits::enter(limits);
    let mut facts = None;
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        audit_file(
            &input.path,
            &path,
            kind,
            compiled,
            cross.then_some(&mut facts),
        )
    }));
    let report = match outcome {
        // Readers, structure and checks stop early when the budget runs out: what
        // they found is incomplete, and a report cut short may look empty or
        // unlike an LKjIP, so any status but an error becomes this one.
        Ok(report) if report.status != FileStatus::Error => match limits::exceeded() {
            Some(why) => over_limit(report, &why),
            None => report,
        },
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
                message: Some(Localized::new(
                    format!("galat internal saat memeriksa berkas ini: {what}"),
                    format!("internal error while auditing this file: {what}"),
                )),
                metadata: None,
                findings: Vec::new(),
                coverage: None,
                ocr_pages: Vec::new(),
            }
        }
    };
    // Only an audited report is grouped; what a stopped one left is incomplete.
    let facts = facts.filter(|_| report.status == FileStatus::Ok);
    (report, facts)
}

/// The report of a file stopped by its budget: an error, without findings
/// (what was found is incomplete).
fn over_limit(report: FileReport, why: &limits::LimitExceeded) -> FileReport {
    FileReport {
        status: FileStatus::Error,
        message: Some(Localized::new(
            format!(
                "{}: berkas ini tidak diperiksa seluruhnya",
                why.localized().id
            ),
            format!("{why}: this file was not fully audited"),
        )),
        findings: Vec::new(),
        coverage: None,
        ..report
    }
}

/// A file's report before (or instead of) its audit: no findings, no coverage.
struct Unaudited<'a> {
    path: &'a str,
    kind: InputKind,
    pages: u32,
}

impl Unaudited<'_> {
    fn report(
        &self,
        status: FileStatus,
        message: Option<Localized>,
        metadata: Option<Metadata>,
    ) -> FileReport {
        FileReport {
            path: self.path.to_string(),
            kind: Some(self.kind),
            pages: self.pages,
            status,
            message,
            metadata,
            findings: Vec::new(),
            coverage: None,
            ocr_pages: Vec::new(),
        }
    }
}

/// Why a file without text was not audited: a text export with nothing in
/// it is empty, not a scan.
fn no_text_reason(kind: InputKind, ocr_on: bool) -> Localized {
    match kind {
        InputKind::Text => Localized::new(
            "tidak ada teks: berkas kosong atau hanya baris kosong",
            "no text: the file is empty or only blank lines",
        ),
        InputKind::Pdf if ocr_on => Localized::new(
            "tidak ada lapisan teks: perlu OCR, yang tidak membaca apa pun",
            "no text layer: needs OCR, which read nothing",
        ),
        InputKind::Pdf => Localized::new(
            "tidak ada lapisan teks: perlu OCR (--ocr akan membacanya)",
            "no text layer: needs OCR (--ocr would read it)",
        ),
    }
}

/// The status and message of a file that does not read like an LKjIP
/// report. What is left of a damaged (`lost`) file may not read like one
/// because of what was lost: that file is an error, not another document.
fn not_a_report(lost: bool, notes: Option<Localized>) -> (FileStatus, Localized) {
    let (status, note) = if lost {
        (
            FileStatus::Error,
            Localized::new(
                "rusak: yang dapat dibaca tidak tampak seperti LKjIP",
                "damaged: what could be read does not look like an LKjIP report",
            ),
        )
    } else {
        (
            FileStatus::Skipped,
            Localized::new(
                "tidak tampak seperti LKjIP (tidak ada bab atau judul LKjIP)",
                "does not look like an LKjIP report (no LKjIP chapters or title found)",
            ),
        )
    };
    let message = match notes {
        Some(m) => crate::lang::joined(&[m, note]),
        None => note,
    };
    (status, message)
}

fn audit_file(
    path: &Path,
    shown: &str,
    kind: InputKind,
    compiled: &checks::CompiledRules,
    cross_facts: Option<&mut Option<Result<ReportFacts, Ungrouped>>>,
) -> FileReport {
    let mut file = Unaudited {
        path: shown,
        kind,
        pages: 0,
    };
    let document = match extract::extract(path, kind) {
        Ok(doc) => doc,
        Err(err) => {
            let status = match err {
                extract::ExtractError::NoText(_) => FileStatus::NoText,
                _ => FileStatus::Error,
            };
            return file.report(status, Some(err.localized()), None);
        }
    };
    file.pages = document.pages.len() as u32;
    // Out of time already: each stage after this would only delay the stop.
    if let Some(why) = limits::exceeded() {
        return over_limit(file.report(FileStatus::Error, None, None), &why);
    }
    if !document.has_text() {
        let why = no_text_reason(kind, extract::ocr::current().is_some());
        return file.report(FileStatus::NoText, Some(why), None);
    }
    let report = structure::analyse(&document);
    if let Some(why) = limits::exceeded() {
        let stopped = file.report(FileStatus::Error, None, Some(report.metadata.clone()));
        return over_limit(stopped, &why);
    }
    let notes = (!document.notes.is_empty()).then(|| crate::lang::joined(&document.notes));
    if !report.looks_like_lkjip() {
        let (status, message) = not_a_report(document.lost.is_some(), notes);
        // An office and year read from a file that is not a report would
        // present it as one; a damaged report keeps what identifies it.
        let metadata = (status == FileStatus::Error).then(|| report.metadata.clone());
        return file.report(status, Some(message), metadata);
    }
    let mut run = checks::run(compiled, &report, shown);
    if let Some(out) = cross_facts {
        *out = Some(cross::facts(&report, shown, &compiled.cross, &mut run));
    }
    let coverage = crate::coverage::measure(&report, compiled, &run);
    let mut findings = run.findings;
    sort_findings(&mut findings);
    FileReport {
        findings,
        coverage: Some(coverage),
        ocr_pages: document.ocr_pages.clone(),
        ..file.report(FileStatus::Ok, notes, Some(report.metadata.clone()))
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn an_empty_text_export_is_empty_and_a_pdf_without_text_a_scan() {
        assert!(
            no_text_reason(InputKind::Text, true)
                .en
                .starts_with("no text:")
        );
        let scan = no_text_reason(InputKind::Pdf, false);
        assert!(scan.en.contains("--ocr would read it"));
        assert!(scan.id.contains("--ocr akan membacanya"));
        assert!(
            no_text_reason(InputKind::Pdf, true)
                .en
                .contains("which read nothing")
        );
    }

    #[test]
    fn a_damaged_file_unlike_a_report_is_an_error_and_keeps_its_notes() {
        let lost = Localized::new("3 halaman hilang", "3 pages lost");
        let (status, message) = not_a_report(true, Some(lost));
        assert_eq!(status, FileStatus::Error);
        assert!(
            message.en.starts_with("3 pages lost; damaged:"),
            "{message:?}"
        );
        assert!(
            message.id.starts_with("3 halaman hilang; rusak:"),
            "{message:?}"
        );
        let (status, message) = not_a_report(false, None);
        assert_eq!(status, FileStatus::Skipped);
        assert!(message.en.starts_with("does not look like"), "{message:?}");
        assert!(
            message.id.starts_with("tidak tampak seperti LKjIP"),
            "{message:?}"
        );
    }

    use std::path::PathBuf;

    use super::*;
    use crate::findings::{Category, Localized, Location, Severity};

    /// A folder of its own under the temp dir, removed when dropped.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(name: &str) -> TempDir {
            let dir =
                std::env::temp_dir().join(format!("lkjip-audit-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).expect("temp dir");
            TempDir(dir)
        }

        fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
            let path = self.0.join(name);
            std::fs::write(&path, bytes).expect("write temp file");
            path
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    /// A small report whose budget total is off by 100.000.
    const REPORT: &str = "LAPORAN KINERJA INSTANSI PEMERINTAH\n\n\
        BAB I PENDAHULUAN\n\nLatar belakang.\n\n\
        BAB II PERENCANAAN KINERJA\n\nCapaian kinerja tahun 2020.\n\n\
        Tabel 3.1 Anggaran\n\n| No | Program | Anggaran (Rp) |\n|---|---|---|\n\
        | 1 | Program A | 1.000.000 |\n| 2 | Program B | 2.500.000 |\n| | JUMLAH | 3.600.000 |\n";

    fn options() -> AuditOptions {
        AuditOptions::new(RuleSet::defaults().expect("default rules load"))
    }

    fn by_name(run: &AuditRun) -> BTreeMap<String, &FileReport> {
        run.files
            .iter()
            .map(|f| {
                let name = f.path.rsplit('/').next().unwrap_or(&f.path).to_string();
                (name, f)
            })
            .collect()
    }

    #[test]
    fn a_broken_file_gets_a_status_and_the_batch_goes_on() {
        let dir = TempDir::new("batch");
        let files: Vec<(&str, &[u8])> = vec![
            ("a-report.md", REPORT.as_bytes()),
            ("b-broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog"),
            ("c-fake.pdf", b"BAB I bukan PDF\n"),
            ("d-notes.txt", b"Catatan rapat tanpa bab.\n"),
            ("e-empty.txt", b"\n\n"),
            ("f-image.png", b"\x89PNG\r\n"),
            ("g-report.md", REPORT.as_bytes()),
        ];
        let before: Vec<(PathBuf, Vec<u8>)> = files
            .iter()
            .map(|(name, bytes)| (dir.write(name, bytes), bytes.to_vec()))
            .collect();
        let run = audit_paths(std::slice::from_ref(&dir.0), &options());
        let files = by_name(&run);
        assert_eq!(files.len(), 7, "{:#?}", run.files);
        let status = |name: &str| files[name].status;
        assert_eq!(status("a-report.md"), FileStatus::Ok);
        assert_eq!(status("b-broken.pdf"), FileStatus::Error);
        assert_eq!(status("c-fake.pdf"), FileStatus::Error);
        assert_eq!(status("d-notes.txt"), FileStatus::Skipped);
        assert_eq!(status("e-empty.txt"), FileStatus::NoText);
        assert_eq!(status("f-image.png"), FileStatus::Skipped);
        // The report after the broken files is audited as the first one was.
        assert_eq!(status("g-report.md"), FileStatus::Ok);
        assert_eq!(
            files["c-fake.pdf"].message.as_ref().map(|m| m.en.as_str()),
            Some("not a PDF: no %PDF- header")
        );
        assert!(files["b-broken.pdf"].message.is_some());
        for name in ["b-broken.pdf", "c-fake.pdf", "d-notes.txt", "e-empty.txt"] {
            assert!(files[name].findings.is_empty(), "{name}");
            assert!(files[name].coverage.is_none(), "{name}");
        }
        for name in ["a-report.md", "g-report.md"] {
            let f = files[name];
            assert!(f.coverage.is_some(), "{name}");
            assert_eq!(
                f.metadata.as_ref().and_then(|m| m.year),
                Some(2020),
                "{name}"
            );
            let rules: Vec<&str> = f.findings.iter().map(|f| f.rule.as_str()).collect();
            assert!(rules.contains(&"table-column-sum"), "{name}: {rules:?}");
        }
        // Input order, as discovered (sorted).
        let names: Vec<&String> = files.keys().collect();
        let order: Vec<String> = run
            .files
            .iter()
            .map(|f| f.path.rsplit('/').next().unwrap_or("").to_string())
            .collect();
        assert_eq!(order.iter().collect::<Vec<_>>(), names);
        // The inputs are read, never written.
        for (path, bytes) in before {
            assert_eq!(
                std::fs::read(&path).expect("still there"),
                bytes,
                "{path:?}"
            );
        }
        let left: usize = std::fs::read_dir(&dir.0).expect("dir").count();
        assert_eq!(left, 7, "nothing written beside the inputs");
    }

    #[test]
    fn a_missing_path_is_that_paths_error() {
        let dir = TempDir::new("missing");
        let good = dir.write("a.md", REPORT.as_bytes());
        let run = audit_paths(&[dir.0.join("nope.pdf"), good], &options());
        let files = by_name(&run);
        assert_eq!(files.len(), 2);
        assert_eq!(files["nope.pdf"].status, FileStatus::Error);
        assert_eq!(
            files["nope.pdf"].message.as_ref().map(|m| m.en.as_str()),
            Some("no such file or folder")
        );
        assert_eq!(files["a.md"].status, FileStatus::Ok);
    }

    #[test]
    fn a_file_over_its_time_budget_is_an_error_without_findings() {
        let dir = TempDir::new("budget");
        let path = dir.write("a.md", REPORT.as_bytes());
        let compiled = checks::compile(&options().rules);
        let input = Input::new(path, Some(InputKind::Text));
        let limits = Limits {
            time: Some(std::time::Duration::ZERO),
            memory: None,
        };
        let report = audit_input(&input, &compiled, limits);
        assert_eq!(report.status, FileStatus::Error);
        assert!(report.findings.is_empty());
        assert!(report.coverage.is_none());
        assert!(
            report
                .message
                .as_ref()
                .is_some_and(|m| m.en.ends_with("this file was not fully audited")
                    && m.id.ends_with("berkas ini tidak diperiksa seluruhnya")),
            "{:?}",
            report.message
        );
        // With the default budget the same file is audited.
        let report = audit_input(&input, &compiled, Limits::default());
        assert_eq!(report.status, FileStatus::Ok);
    }

    #[test]
    fn the_result_does_not_depend_on_the_threads() {
        let dir = TempDir::new("threads");
        for i in 0..4 {
            dir.write(&format!("r{i}.md"), REPORT.as_bytes());
        }
        let mut one = options();
        one.pool = Some(Arc::new(
            rayon::ThreadPoolBuilder::new()
                .num_threads(1)
                .build()
                .expect("pool"),
        ));
        let mut two = options();
        two.pool = Some(Arc::new(
            rayon::ThreadPoolBuilder::new()
                .num_threads(2)
                .build()
                .expect("pool"),
        ));
        let paths = [dir.0.clone()];
        let a = audit_paths(&paths, &one);
        let b = audit_paths(&paths, &two);
        let shape = |run: &AuditRun| {
            run.files
                .iter()
                .map(|f| (f.path.clone(), f.status, f.findings.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(shape(&a), shape(&b));
        assert_eq!(a.files.len(), 4);
    }

    fn finding_at(file: &str, line: u32) -> Finding {
        Finding {
            rule: "cross-year".to_string(),
            category: Category::Claim,
            severity: Severity::Warning,
            location: Location {
                file: file.to_string(),
                page: Some(1),
                line,
            },
            stated: String::new(),
            expected: String::new(),
            message: Localized::same("x"),
            computation: Localized::default(),
            related: Vec::new(),
            excerpt: String::new(),
            highlight: None,
        }
    }

    #[test]
    fn findings_across_reports_join_their_file_in_order() {
        let blank = |path: &str, findings: Vec<Finding>| FileReport {
            path: path.to_string(),
            kind: Some(InputKind::Pdf),
            pages: 1,
            status: FileStatus::Ok,
            message: None,
            metadata: None,
            findings,
            coverage: None,
            ocr_pages: Vec::new(),
        };
        let mut files = vec![
            blank("a.pdf", vec![finding_at("a.pdf", 10)]),
            blank("b.pdf", Vec::new()),
        ];
        attach(
            &mut files,
            vec![
                finding_at("a.pdf", 30),
                finding_at("a.pdf", 2),
                finding_at("elsewhere.pdf", 1),
            ],
        );
        let lines: Vec<u32> = files[0].findings.iter().map(|f| f.location.line).collect();
        assert_eq!(lines, [2, 10, 30]);
        assert!(files[1].findings.is_empty());
    }
}
