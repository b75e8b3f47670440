//! Replays every input the fuzzers ever crashed on (fuzz/regressions/<target>/)
//! through the same code the fuzz target drives, so a fixed crash stays fixed.

use std::path::{Path, PathBuf};

use lkjip_audit::extract::pdf::read_pdf;
use lkjip_audit::extract::render::render_text;
use lkjip_audit::extract::text::read_text_export;
use lkjip_audit::facts::{dates, figures, words};
use lkjip_audit::rules::{RuleSet, checks};
use lkjip_audit::structure;

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.is_file() && p.file_name().is_some_and(|n| n != ".gitkeep"));
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("regression input is readable");
            (p, bytes)
        })
        .collect()
}

#[test]
fn figure_parser_regressions() {
    for (_, data) in inputs("figures") {
        let text = String::from_utf8_lossy(&data);
        let _ = figures::scan_figures(&text);
        for hint in [
            figures::Hint::None,
            figures::Hint::Rupiah,
            figures::Hint::Percent,
        ] {
            let _ = figures::parse_figure(&text, hint);
        }
        let _ = dates::find_dates(&text);
        let _ = words::parse_number_words(&text);
        let _ = words::find_digit_word_pairs(&text);
    }
}

#[test]
fn text_export_regressions() {
    let compiled = checks::compile(&RuleSet::defaults().expect("shipped rules load"));
    for (path, data) in inputs("text_export") {
        let doc = read_text_export(&path, &data);
        let report = structure::analyse(&doc);
        let _ = checks::run(&compiled, &report, "regression.txt");
    }
}

#[test]
fn rule_file_regressions() {
    for (path, data) in inputs("rule_file") {
        let Ok(text) = std::str::from_utf8(&data) else {
            continue;
        };
        let mut set = RuleSet::default();
        match set.add_text(&path, text) {
            Ok(()) => {
                let _ = checks::compile(&set);
            }
            // A rejected rule file must say where the problem is.
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
}

#[test]
fn pdf_extract_regressions() {
    for (path, data) in inputs("pdf_extract") {
        let _budget = lkjip_audit::limits::enter(lkjip_audit::limits::Limits {
            time: Some(std::time::Duration::from_secs(5)),
            memory: Some(256 * 1024 * 1024),
        });
        if let Ok(doc) = read_pdf(&path, &data) {
            let _ = render_text(&doc, true);
        }
    }
}
