//! The `lkjip-audit` command.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use lkjip_audit::audit::{AuditOptions, audit_paths};
use lkjip_audit::findings::{Lang, Severity};
use lkjip_audit::report;
use lkjip_audit::rules::RuleSet;

#[derive(Parser)]
#[command(
    name = "lkjip-audit",
    version,
    about = "Audits LKjIP performance reports for arithmetic, year and claim errors"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Info,
    Warning,
    Error,
    Never,
}

#[derive(Subcommand)]
enum Command {
    /// Audit reports (files or folders, searched recursively).
    #[command(
        after_help = "Example:\n  lkjip-audit check samples/\n  lkjip-audit check --lang en --format json laporan/2020/ > temuan.json"
    )]
    Check {
        /// Files or folders to audit.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Language of messages: id (Indonesian) or en (English).
        #[arg(long, default_value = "id")]
        lang: String,
        /// Exit with 1 when a finding at or above this severity is found.
        #[arg(long, value_enum, default_value = "error")]
        fail_on: FailOn,
        /// Extra rule folder; its rules are added, or replace defaults with the same id.
        #[arg(long = "rules")]
        rules: Vec<PathBuf>,
    },
}

fn parse_lang(s: &str) -> Option<Lang> {
    match s.to_ascii_lowercase().as_str() {
        "id" | "in" | "indonesia" | "indonesian" => Some(Lang::Id),
        "en" | "english" => Some(Lang::En),
        _ => None,
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check {
            paths,
            format,
            lang,
            fail_on,
            rules,
        } => {
            let Some(lang) = parse_lang(&lang) else {
                eprintln!("lkjip-audit: unknown language {lang:?} (use id or en)");
                return ExitCode::from(2);
            };
            let mut rule_set = match RuleSet::defaults() {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("lkjip-audit: {e}");
                    return ExitCode::from(2);
                }
            };
            for dir in &rules {
                if let Err(e) = rule_set.add_dir(dir) {
                    eprintln!("lkjip-audit: {e}");
                    return ExitCode::from(2);
                }
            }
            let options = AuditOptions { rules: rule_set };
            let run = match audit_paths(&paths, &options) {
                Ok(run) => run,
                Err(e) => {
                    eprintln!("lkjip-audit: {e}");
                    return ExitCode::from(2);
                }
            };
            let format = match format {
                Format::Human => report::OutputFormat::Human,
                Format::Json => report::OutputFormat::Json,
            };
            print!(
                "{}",
                report::render(format, &run, &report::RenderOptions { lang })
            );
            let threshold = match fail_on {
                FailOn::Info => Some(Severity::Info),
                FailOn::Warning => Some(Severity::Warning),
                FailOn::Error => Some(Severity::Error),
                FailOn::Never => None,
            };
            let failed = threshold.is_some_and(|t| run.findings().any(|f| f.severity >= t));
            if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
    }
}
