//! Where a whole audit's time goes, phase by phase, per file: rule files
//! loaded, text extracted, structure found, checks run the first time (their
//! patterns compiled on first use) and a second time (patterns cached), and
//! coverage measured. Each file in a fresh state is what a one-process-per-file
//! run pays; the second checks run is what one process for a folder pays.
//!
//! Usage: cargo run --release --example phase_times -- FILE...

use std::path::PathBuf;
use std::time::Instant;

use lkjip_audit::discover::InputKind;
use lkjip_audit::rules::RuleSet;
use lkjip_audit::rules::checks::{compile, run};

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1e3
}

fn main() {
    let files: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let start = Instant::now();
    let Ok(rules) = RuleSet::defaults() else {
        eprintln!("rule files do not load");
        std::process::exit(1);
    };
    let load = ms(start);
    let start = Instant::now();
    let compiled = compile(&rules);
    println!("load {load:.1} ms, compile {:.1} ms", ms(start));
    println!(
        "{:<40} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "file", "extract", "struct", "checks1", "checks2", "cover"
    );
    let mut sums = [0.0; 5];
    for file in &files {
        let kind = if file.extension().is_some_and(|e| e == "pdf") {
            InputKind::Pdf
        } else {
            InputKind::Text
        };
        let start = Instant::now();
        let Ok(doc) = lkjip_audit::extract::extract(file, kind) else {
            continue;
        };
        let extract = ms(start);
        let start = Instant::now();
        let report = lkjip_audit::structure::analyse(&doc);
        let structure = ms(start);
        let start = Instant::now();
        let first = run(&compiled, &report, "x");
        let checks1 = ms(start);
        let start = Instant::now();
        let _ = run(&compiled, &report, "x");
        let checks2 = ms(start);
        let start = Instant::now();
        let _ = lkjip_audit::coverage::measure(&report, &compiled, &first);
        let cover = ms(start);
        let row = [extract, structure, checks1, checks2, cover];
        for (s, v) in sums.iter_mut().zip(row) {
            *s += v;
        }
        let name: String = file
            .file_name()
            .map(|n| n.to_string_lossy().chars().take(40).collect())
            .unwrap_or_default();
        println!(
            "{name:<40} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>8.1}",
            extract, structure, checks1, checks2, cover
        );
    }
    println!(
        "{:<40} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>8.1}",
        "total", sums[0], sums[1], sums[2], sums[3], sums[4]
    );
}
