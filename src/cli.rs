//! The `lkjip-audit` command line: `check`, `baseline`, `extract`, `rules`.
//! Exit codes: 0 nothing at or above `--fail-on`, 1 something was (or, with
//! `--fail-on-unreadable`, a file could not be audited), 2 usage, I/O,
//! configuration or rule-file errors.

use std::fs::File;
use std::io::{BufWriter, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use lkjip_audit::audit::{AuditOptions, AuditRun, FileReport, audit_each};
use lkjip_audit::baseline::Baseline;
use lkjip_audit::config::Config;
use lkjip_audit::discover::{Input, classify, discover, separate_outputs};
use lkjip_audit::extract::{
    self,
    render::{render_dropped, render_text},
};
use lkjip_audit::files::PendingOutput;
use lkjip_audit::findings::{Lang, Severity};
use lkjip_audit::limits::{self, Limits};
use lkjip_audit::report::summary::{RunSummary, SummaryBuilder};
use lkjip_audit::report::{self, OutputFormat, Placement, RenderOptions, ReportWriter};
use lkjip_audit::rules::RuleSet;
use lkjip_audit::rules::checks::cross::CrossOutcome;

#[derive(Parser)]
#[command(
    name = "lkjip-audit",
    version,
    about = "Audits LKjIP performance reports (PDF or text exports) for arithmetic, year and claim errors",
    after_help = "Example:\n  lkjip-audit check samples/\n  lkjip-audit check laporan/ -o temuan.html -o temuan.csv -o temuan.sarif"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
    Csv,
    Sarif,
    Html,
}

impl From<Format> for OutputFormat {
    fn from(f: Format) -> Self {
        match f {
            Format::Human => OutputFormat::Human,
            Format::Json => OutputFormat::Json,
            Format::Csv => OutputFormat::Csv,
            Format::Sarif => OutputFormat::Sarif,
            Format::Html => OutputFormat::Html,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TablesFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Info,
    Warning,
    Error,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Id,
    En,
}

/// The budget of one file.
#[derive(Args)]
struct LimitArgs {
    /// Seconds one file may take before it is stopped and reported as an error.
    #[arg(long, value_name = "SECS", default_value_t = 60)]
    time_limit: u64,
    /// Megabytes of decoded content one file may produce.
    #[arg(long, value_name = "MB", default_value_t = 512)]
    memory_limit: u64,
}

impl LimitArgs {
    fn limits(&self) -> Limits {
        Limits {
            time: Some(Duration::from_secs(self.time_limit)),
            memory: Some(self.memory_limit.saturating_mul(1024 * 1024)),
        }
    }
}

/// Options shared by the commands that audit.
#[derive(Args)]
struct AuditArgs {
    /// Files or folders to audit (folders are searched recursively).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Extra rule folder; its rules are added, or replace defaults with the same id.
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Configuration file (default: the nearest lkjip-audit.toml in or above the first folder).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Files audited at once (default: one per core; at most the number of
    /// files, and 4 per core).
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    #[command(flatten)]
    limits: LimitArgs,
    /// No progress bar.
    #[arg(long)]
    no_progress: bool,
    /// Only findings (and errors): no progress bar, no notes on stderr.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// No checks across reports (several years of one office in one run).
    #[arg(long)]
    no_cross: bool,
    /// Read pages without a text layer (scans) with OCR: needs Tesseract 5
    /// and its Indonesian data (apt-get install tesseract-ocr
    /// tesseract-ocr-ind); the program is `tesseract` on the PATH, or
    /// $LKJIP_TESSERACT. Also `ocr = true` in lkjip-audit.toml.
    #[arg(long)]
    ocr: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Audit reports and list what is wrong in them.
    #[command(after_help = "Examples:\n  \
        lkjip-audit check samples/\n  \
        lkjip-audit check --lang en --format json laporan/2020/ > temuan.json\n  \
        lkjip-audit check laporan/ -o temuan.html -o temuan.csv -o temuan.sarif\n  \
        lkjip-audit check --baseline sudah-ditinjau.json --fail-on warning laporan/\n\n\
        With -o, the formats are taken from the file extensions (.html .csv .sarif .json .txt)\n\
        and stdout gets the summary only, unless --format is given too. Each output is written\n\
        beside its name and renamed into place when complete; an output that is an input of\n\
        the run is refused.\n\n\
        Exit codes:\n  \
        0  nothing at or above --fail-on was found\n  \
        1  findings at or above --fail-on (default: error) were found; with\n     \
        --fail-on-unreadable, also when a file could not be audited (status error,\n     \
        no_text or skipped)\n  \
        2  usage, I/O, configuration, baseline or rule-file error (message on stderr)")]
    Check {
        #[command(flatten)]
        audit: AuditArgs,
        /// Format written to stdout.
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Also write to this file; the format comes from its extension. Repeatable.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Vec<PathBuf>,
        /// Language of messages (default: id, or the configuration's).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Exit with 1 when a finding at or above this severity is found.
        #[arg(long, value_enum, default_value = "error")]
        fail_on: FailOn,
        /// Exit with 1 also when a file could not be audited: status error
        /// (unreadable, damaged, over its limits), no_text or skipped.
        #[arg(long)]
        fail_on_unreadable: bool,
        /// Hide findings recorded in this baseline of reviewed findings.
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
        /// In the listing, a block per file of what was checked: the tables
        /// read (kind, column roles, rows, the rules that ran on each), each
        /// rule's items agreeing, disagreeing and skipped by reason, the
        /// narrative's figures tied to a table. (JSON and HTML always carry it.)
        #[arg(long)]
        coverage: bool,
    },
    /// Record the current findings as reviewed, for `check --baseline`.
    #[command(after_help = "Example:\n  \
        lkjip-audit baseline laporan/ -o sudah-ditinjau.json\n  \
        lkjip-audit check --baseline sudah-ditinjau.json laporan/")]
    Baseline {
        #[command(flatten)]
        audit: AuditArgs,
        /// Where to write the baseline.
        #[arg(long, short = 'o', value_name = "FILE", required = true)]
        output: PathBuf,
    },
    /// Print the text lkjip-audit reads from a file, page by page.
    #[command(after_help = "Example:\n  \
        lkjip-audit extract samples/pdf/lkjip-2020-kec-rambipuji.writer.pdf\n  \
        lkjip-audit extract --layout laporan.pdf | less\n  \
        lkjip-audit extract --show-dropped laporan.pdf")]
    Extract {
        /// The PDF or text export.
        file: PathBuf,
        /// Keep columns aligned (like `pdftotext -layout`).
        #[arg(long)]
        layout: bool,
        /// Print the tables as lkjip-audit understood them (page, caption, a
        /// label per column, rows of cells) instead of the text.
        #[arg(long)]
        tables: bool,
        /// With --tables: text (default) or json.
        #[arg(long, value_enum, default_value = "text")]
        format: TablesFormat,
        /// Instead of the text, print what was left out, page by page, and why
        /// (running header/footer/page number, repeated table header, invisible,
        /// clipped, covered, overdrawn, duplicate, watermark).
        #[arg(long)]
        show_dropped: bool,
        /// Read pages without a text layer with OCR (Tesseract 5, see `check --help`).
        #[arg(long)]
        ocr: bool,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// List the rules in force.
    #[command(after_help = "Example:\n  \
        lkjip-audit rules\n  \
        lkjip-audit rules --rules aturan-saya/ --lang en")]
    Rules {
        /// Extra rule folder.
        #[arg(long = "rules", value_name = "DIR")]
        rules: Vec<PathBuf>,
        /// Configuration file.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
}

/// A failure that ends the command with exit code 2.
struct Fatal(String);

impl Fatal {
    /// Standard output was closed by its reader (`lkjip-audit … | head`):
    /// the command stops quietly, as other command-line tools do.
    fn output_closed() -> Fatal {
        Fatal(String::new())
    }

    fn is_output_closed(&self) -> bool {
        self.0.is_empty()
    }
}

/// Writes `text` to standard output; a reader that stopped reading ends the
/// command quietly.
fn print_out(text: &str) -> Result<(), Fatal> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                Fatal::output_closed()
            } else {
                Fatal(format!("standard output: {e}"))
            }
        })
}

impl<E: std::fmt::Display> From<E> for Fatal {
    fn from(e: E) -> Self {
        Fatal(e.to_string())
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check {
            audit,
            format,
            output,
            lang,
            fail_on,
            fail_on_unreadable,
            baseline,
            coverage,
        } => check(
            &audit,
            format,
            &output,
            lang,
            Gate {
                fail_on,
                unreadable: fail_on_unreadable,
            },
            baseline.as_deref(),
            coverage,
        ),
        Command::Baseline { audit, output } => write_baseline(&audit, &output),
        Command::Extract {
            file,
            layout,
            tables,
            format,
            show_dropped,
            ocr,
            limits,
        } => extract_text(
            &file,
            layout,
            tables.then_some(format),
            show_dropped,
            ocr,
            limits.limits(),
        ),
        Command::Rules {
            rules,
            config,
            lang,
        } => list_rules(&rules, config.as_deref(), lang),
    };
    match result {
        Ok(code) => code,
        Err(closed) if closed.is_output_closed() => ExitCode::SUCCESS,
        Err(Fatal(message)) => {
            eprintln!("lkjip-audit: {message}");
            ExitCode::from(2)
        }
    }
}

/// The configuration given, or the nearest one to the first path.
fn load_config(explicit: Option<&Path>, paths: &[PathBuf]) -> Result<Config, Fatal> {
    let path = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => paths.first().and_then(|p| Config::find(p)),
    };
    Ok(match path {
        Some(p) => Config::load(&p)?,
        None => Config::default(),
    })
}

/// Default rules, then the configuration's folders, then `--rules`; disabled
/// rules removed and severities overridden.
fn load_rules(config: &Config, extra: &[PathBuf]) -> Result<RuleSet, Fatal> {
    let mut set = RuleSet::defaults()?;
    for dir in config.rule_dirs().iter().chain(extra) {
        set.add_dir(dir)?;
    }
    let unknown = set.disable(&config.disable);
    if !unknown.is_empty() {
        return Err(Fatal(format!(
            "{}: disable names unknown rules: {}",
            config.path.display(),
            unknown.join(", ")
        )));
    }
    for (id, severity) in &config.severity {
        match set.rules.iter_mut().find(|r| &r.id == id) {
            Some(rule) => rule.severity = *severity,
            None => {
                return Err(Fatal(format!(
                    "{}: [severity] names an unknown rule: {id}",
                    config.path.display()
                )));
            }
        }
    }
    Ok(set)
}

fn lang_of(arg: Option<LangArg>, config: &Config) -> Lang {
    match arg {
        Some(LangArg::Id) => Lang::Id,
        Some(LangArg::En) => Lang::En,
        None => config.lang.unwrap_or_default(),
    }
}

/// Output files opened before a run: each handle to write, and its rename.
type OpenedOutputs = Vec<(File, PendingOutput)>;

/// The inputs of a run and its output files, opened before the (possibly
/// long) audit so that an output that cannot be written fails at once: each
/// output that would overwrite an input is refused, and one inside an
/// audited folder is not audited.
fn prepare(args: &AuditArgs, outputs: &[PathBuf]) -> Result<(Vec<Input>, OpenedOutputs), Fatal> {
    let mut inputs = discover(&args.paths);
    separate_outputs(&mut inputs, &args.paths, outputs)?;
    let mut opened = Vec::new();
    for path in outputs {
        let file =
            PendingOutput::create(path).map_err(|e| Fatal(format!("{}: {e}", path.display())))?;
        opened.push(file);
    }
    Ok((inputs, opened))
}

/// Puts finished outputs in place; their writers must have been dropped.
fn commit(outputs: Vec<PendingOutput>) -> Result<(), Fatal> {
    for output in outputs {
        let path = output.path().display().to_string();
        output.commit().map_err(|e| Fatal(format!("{path}: {e}")))?;
    }
    Ok(())
}

/// At most this many files are audited at once per core: beyond it threads
/// only wait for each other (and `--jobs 10000` spent minutes starting them).
const MAX_JOBS_PER_CORE: usize = 4;

/// The threads `--jobs` asks for, capped at the number of files and at
/// [`MAX_JOBS_PER_CORE`] per core, saying so when it lowers them.
fn jobs(requested: usize, files: usize, quiet: bool) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let most = cores * MAX_JOBS_PER_CORE;
    let jobs = requested.min(files).min(most).max(1);
    if jobs != requested && !quiet {
        let why = if jobs == 1 && requested == 0 {
            "at least one".to_string()
        } else if jobs == files.max(1) && files < most {
            format!("one per file: {files} files")
        } else {
            format!("at most {MAX_JOBS_PER_CORE} per core: {cores} cores")
        };
        eprintln!("lkjip-audit: --jobs {requested} set to {jobs} ({why})");
    }
    jobs
}

/// Audits the inputs, with a progress bar on a terminal; each file's report
/// goes to `on_file` in input order as soon as it is ready.
fn run_audit(
    args: &AuditArgs,
    inputs: &[Input],
    config: &Config,
    rules: RuleSet,
    mut on_file: impl FnMut(FileReport) -> Result<(), Fatal>,
) -> Result<CrossOutcome, Fatal> {
    let mut options = AuditOptions::new(rules);
    options.cross = !args.no_cross;
    options.limits = args.limits.limits();
    options.tolerance = config.tolerance();
    options.default_scale = config.default_scale.clone();
    if let Some(n) = args.jobs {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs(n, inputs.len(), args.quiet))
            .build()?;
        options.pool = Some(Arc::new(pool));
    }
    // Tesseract processes at once: `--jobs` as asked (within the cores'
    // limit), not as clamped to one thread per file, so that one scan's
    // pages are read in parallel.
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let slots = args.jobs.map_or_else(rayon::current_num_threads, |n| {
        n.clamp(1, cores * MAX_JOBS_PER_CORE)
    });
    options.ocr = ocr_settings(args.ocr || config.ocr, slots)?;
    let show_progress = !args.quiet && !args.no_progress && std::io::stderr().is_terminal();
    let bar = show_progress.then(|| {
        let bar = indicatif::ProgressBar::new(inputs.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} berkas/files {msg}",
        ) {
            bar.set_style(style);
        }
        bar
    });
    if let Some(bar) = &bar {
        let b = bar.clone();
        options.progress = Some(Arc::new(move || b.inc(1)));
        // Scanned pages count too: a long scan moves the bar page by page.
        if let Some(ocr) = options.ocr.as_mut() {
            Arc::make_mut(ocr).progress = Some(ocr_progress(bar.clone()));
        }
    }
    // The first failure to write stops the output; the audit runs out.
    let mut failure = None;
    let cross = audit_each(inputs, &options, |report| {
        if failure.is_none() {
            let written = match &bar {
                Some(bar) => bar.suspend(|| on_file(report)),
                None => on_file(report),
            };
            failure = written.err();
        }
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    failure.map_or(Ok(cross), Err)
}

/// The progress bar's message while OCR runs: pages read of pages queued
/// ("OCR 12/142 hal./pages"), over all files.
fn ocr_progress(bar: indicatif::ProgressBar) -> extract::ocr::PageProgress {
    use extract::ocr::PageEvent;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let queued = AtomicUsize::new(0);
    let read = AtomicUsize::new(0);
    extract::ocr::PageProgress(Arc::new(move |e| {
        match e {
            PageEvent::Queued(n) => {
                queued.fetch_add(n, Ordering::Relaxed);
            }
            PageEvent::Read => {
                read.fetch_add(1, Ordering::Relaxed);
            }
            PageEvent::Abandoned(n) => {
                queued.fetch_sub(n.min(queued.load(Ordering::Relaxed)), Ordering::Relaxed);
            }
        }
        let (r, q) = (read.load(Ordering::Relaxed), queued.load(Ordering::Relaxed));
        bar.set_message(format!("OCR {}/{q} hal./pages", r.min(q)));
    }))
}

/// OCR settings when OCR is asked for, after checking that Tesseract and its
/// Indonesian data are there (exit 2 with how to install them when not).
fn ocr_settings(on: bool, slots: usize) -> Result<Option<Arc<extract::ocr::OcrSettings>>, Fatal> {
    if !on {
        return Ok(None);
    }
    let settings = extract::ocr::OcrSettings::new(slots);
    settings.probe().map_err(|e| Fatal(format!("--ocr: {e}")))?;
    Ok(Some(Arc::new(settings)))
}

/// One output of `check`: where it goes and its writer.
struct Output<'a> {
    name: String,
    writer: Box<dyn ReportWriter + 'a>,
}

/// When `check` exits with 1.
#[derive(Clone, Copy)]
struct Gate {
    fail_on: FailOn,
    /// `--fail-on-unreadable`: files that could not be audited count too.
    unreadable: bool,
}

fn check(
    args: &AuditArgs,
    format: Option<Format>,
    outputs: &[PathBuf],
    lang: Option<LangArg>,
    gate: Gate,
    baseline: Option<&Path>,
    coverage: bool,
) -> Result<ExitCode, Fatal> {
    // Decide every output's format before the (possibly long) run.
    let formats = output_formats(outputs)?;
    let config = load_config(args.config.as_deref(), &args.paths)?;
    let rules = load_rules(&config, &args.rules)?;
    let baseline = baseline.map(Baseline::load).transpose()?;
    let mut hide_reviewed = baseline.as_ref().map(Baseline::filter);
    let lang = lang_of(lang, &config);
    let options = RenderOptions {
        lang,
        rules: rules.rules.clone(),
    };
    let (inputs, opened) = prepare(args, outputs)?;
    let (mut writers, pending) = file_writers(opened, &formats, &options, coverage);
    let on_stdout = stdout_format(format, outputs.is_empty());
    if let Some(f) = on_stdout {
        writers.push(Output {
            name: "standard output".to_string(),
            writer: report::writer_at(
                f,
                BufWriter::new(std::io::stdout().lock()),
                &options,
                &Placement {
                    coverage,
                    folder: None,
                },
            ),
        });
    }
    // A closed standard output fails the run here (exit 2, said on
    // stderr): the files asked for with it are then not written.
    let write_error = |name: &str, e: std::io::Error| Fatal(format!("{name}: {e}"));
    let threshold = gate.fail_on.threshold();
    let mut failed = false;
    let mut summary = SummaryBuilder::default();
    let mut cross = run_audit(args, &inputs, &config, rules, |mut report| {
        if let Some(filter) = &mut hide_reviewed {
            filter.hide_reviewed(&mut report);
        }
        failed |= threshold.is_some_and(|t| report.findings.iter().any(|f| f.severity >= t));
        summary.add(&report);
        for out in &mut writers {
            out.writer
                .file(&report)
                .map_err(|e| write_error(&out.name, e))?;
        }
        Ok(())
    })?;
    if let Some(filter) = &mut hide_reviewed {
        filter.hide_reviewed_findings(&mut cross.findings);
    }
    failed |= threshold.is_some_and(|t| cross.findings.iter().any(|f| f.severity >= t));
    summary.add_cross(&cross.findings);
    for out in &mut writers {
        out.writer
            .cross(&cross.findings)
            .map_err(|e| write_error(&out.name, e))?;
    }
    let hidden = hide_reviewed.map(|filter| filter.hidden);
    let mut summary = summary.finish(hidden);
    if !args.no_cross {
        summary.cross = Some(cross.summary);
    }
    if let (Some(hidden), false) = (hidden, args.quiet) {
        eprintln!("lkjip-audit: {hidden} findings hidden by the baseline");
    }
    for out in &mut writers {
        out.writer
            .finish(&summary)
            .map_err(|e| write_error(&out.name, e))?;
    }
    drop(writers);
    commit(pending)?;
    let unaudited = not_audited(&summary);
    if !args.quiet {
        say_what_was_not_audited(&summary, &args.paths, gate.unreadable);
    }
    if on_stdout.is_none() && !args.quiet {
        print_out(&format!(
            "{} files, {} findings; written: {}\n",
            summary.files,
            summary.findings,
            outputs
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ))?;
    }
    Ok(if failed || (gate.unreadable && unaudited > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The format of each output file, by its extension.
fn output_formats(outputs: &[PathBuf]) -> Result<Vec<OutputFormat>, Fatal> {
    outputs
        .iter()
        .map(|path| {
            OutputFormat::from_path(path).ok_or_else(|| {
                Fatal(format!(
                    "{}: unknown output format (use .html, .csv, .sarif, .json or .txt)",
                    path.display()
                ))
            })
        })
        .collect()
}

/// A writer for each opened output file (its assets placed beside it), and
/// the files to put in place once written.
fn file_writers<'a>(
    opened: OpenedOutputs,
    formats: &[OutputFormat],
    options: &'a RenderOptions,
    coverage: bool,
) -> (Vec<Output<'a>>, Vec<PendingOutput>) {
    let mut writers = Vec::new();
    let mut pending = Vec::new();
    for ((file, output), f) in opened.into_iter().zip(formats) {
        let placement = Placement {
            coverage,
            folder: Some(output_folder(output.path())),
        };
        writers.push(Output {
            name: output.path().display().to_string(),
            writer: report::writer_at(*f, BufWriter::new(file), options, &placement),
        });
        pending.push(output);
    }
    (writers, pending)
}

/// The folder an output file is written in ("." for a bare file name).
fn output_folder(path: &Path) -> PathBuf {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf()
}

/// What goes to standard output: the format asked for, else the human
/// listing when no output file is named, else nothing.
fn stdout_format(format: Option<Format>, no_files: bool) -> Option<OutputFormat> {
    match (format, no_files) {
        (Some(f), _) => Some(f.into()),
        (None, true) => Some(OutputFormat::Human),
        (None, false) => None,
    }
}

impl FailOn {
    /// The least severity that fails the run, if any.
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Info => Some(Severity::Info),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Error => Some(Severity::Error),
            FailOn::Never => None,
        }
    }
}

/// Files of the run that were not audited (status error, no_text, skipped).
fn not_audited(summary: &RunSummary) -> usize {
    summary.files - summary.by_status.get("ok").copied().unwrap_or(0)
}

/// A line on stderr when files were not audited: a run that audited nothing
/// says so and why, rather than print an empty listing.
fn say_what_was_not_audited(summary: &RunSummary, paths: &[PathBuf], gated: bool) {
    let unaudited = not_audited(summary);
    if unaudited == 0 && summary.files > 0 {
        return;
    }
    let statuses = summary
        .by_status
        .iter()
        .filter(|(status, _)| **status != "ok")
        .map(|(status, n)| format!("{n} {status}"))
        .collect::<Vec<_>>()
        .join(", ");
    let hint = if gated {
        ""
    } else {
        "; --fail-on-unreadable makes this exit 1"
    };
    if summary.files == 0 {
        let named = paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        eprintln!("lkjip-audit: nothing was audited: no files found in {named}");
    } else if unaudited == summary.files {
        eprintln!(
            "lkjip-audit: nothing was audited: none of the {} files could be ({statuses}; the listing gives each reason){hint}",
            summary.files
        );
    } else {
        eprintln!(
            "lkjip-audit: {unaudited} of {} files were not audited ({statuses}; the listing gives each reason){hint}",
            summary.files
        );
    }
}

fn write_baseline(args: &AuditArgs, output: &Path) -> Result<ExitCode, Fatal> {
    let config = load_config(args.config.as_deref(), &args.paths)?;
    let rules = load_rules(&config, &args.rules)?;
    // The output is checked and opened first: a baseline that cannot be
    // written fails now, not after the whole audit.
    let (inputs, mut opened) = prepare(args, std::slice::from_ref(&output.to_path_buf()))?;
    let Some((mut file, pending)) = opened.pop() else {
        return Err(Fatal(format!("{}: not opened", output.display())));
    };
    let mut run = AuditRun::default();
    let cross = run_audit(args, &inputs, &config, rules, |report| {
        run.files.push(report);
        Ok(())
    })?;
    lkjip_audit::audit::attach(&mut run.files, cross.findings);
    let baseline = Baseline::from_run(&run);
    std::io::Write::write_all(&mut file, baseline.to_json().as_bytes())
        .map_err(|e| Fatal(format!("{}: {e}", output.display())))?;
    drop(file);
    commit(vec![pending])?;
    if !args.quiet {
        eprintln!(
            "lkjip-audit: {} findings of {} files recorded in {}",
            baseline.findings.len(),
            run.files.len(),
            output.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn extract_text(
    file: &Path,
    layout: bool,
    tables: Option<TablesFormat>,
    show_dropped: bool,
    ocr: bool,
    limits: Limits,
) -> Result<ExitCode, Fatal> {
    let kind = classify(file).ok_or_else(|| {
        Fatal(format!(
            "{}: not a PDF or text export (.pdf, .txt, .md)",
            file.display()
        ))
    })?;
    let ocr = ocr_settings(ocr, rayon::current_num_threads())?;
    let _budget = limits::enter(limits);
    let _ocr = extract::ocr::enter(ocr);
    let doc =
        extract::extract(file, kind).map_err(|e| Fatal(format!("{}: {e}", file.display())))?;
    if let Some(why) = limits::exceeded() {
        return Err(Fatal(format!("{}: {why}: not fully read", file.display())));
    }
    for note in &doc.notes {
        eprintln!("lkjip-audit: {}: {}", file.display(), note.en);
    }
    if show_dropped {
        print_out(&render_dropped(&doc))?;
        return Ok(ExitCode::SUCCESS);
    }
    match tables {
        None => print_out(&render_text(&doc, layout))?,
        Some(format) => {
            let report = lkjip_audit::structure::analyse(&doc);
            let views = lkjip_audit::structure::view::tables(&report);
            if format == TablesFormat::Json {
                let json = serde_json::to_string_pretty(&views)
                    .map_err(|e| Fatal(format!("{}: {e}", file.display())))?;
                print_out(&format!("{json}\n"))?;
            } else {
                print_out(&lkjip_audit::structure::view::render_tables(&views))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn list_rules(
    extra: &[PathBuf],
    config: Option<&Path>,
    lang: Option<LangArg>,
) -> Result<ExitCode, Fatal> {
    let cwd = vec![PathBuf::from(".")];
    let config = load_config(config, &cwd)?;
    let rules = load_rules(&config, extra)?;
    let lang = lang_of(lang, &config);
    let mut listing = String::new();
    for r in &rules.rules {
        listing.push_str(&format!(
            "{:<34} {:<20} {:<10} {:<7} {}\n",
            r.id,
            r.kind,
            r.category.as_str(),
            r.severity.as_str(),
            if r.description.get(lang).is_empty() {
                r.message.get(lang)
            } else {
                r.description.get(lang)
            }
        ));
    }
    print_out(&listing)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_files_take_their_format_from_the_extension_or_fail() {
        let paths = [PathBuf::from("out/a.json"), PathBuf::from("b.HTML")];
        let Ok(formats) = output_formats(&paths) else {
            panic!("known formats");
        };
        assert!(matches!(
            formats.as_slice(),
            [OutputFormat::Json, OutputFormat::Html]
        ));
        let Err(Fatal(message)) = output_formats(&[PathBuf::from("c.pdf")]) else {
            panic!("a .pdf output is refused");
        };
        assert!(
            message.starts_with("c.pdf: unknown output format"),
            "{message}"
        );
        assert_eq!(output_folder(Path::new("out/a.json")), PathBuf::from("out"));
        assert_eq!(output_folder(Path::new("a.json")), PathBuf::from("."));
    }

    #[test]
    fn standard_output_gets_the_format_asked_else_the_listing_without_files() {
        assert!(matches!(
            stdout_format(Some(Format::Json), false),
            Some(OutputFormat::Json)
        ));
        assert!(matches!(
            stdout_format(None, true),
            Some(OutputFormat::Human)
        ));
        assert!(stdout_format(None, false).is_none());
        assert!(matches!(
            FailOn::Warning.threshold(),
            Some(Severity::Warning)
        ));
        assert!(FailOn::Never.threshold().is_none());
    }
}
