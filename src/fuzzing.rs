//! The bodies of the fuzz targets (`fuzz/fuzz_targets/`), shared with
//! `tests/fuzz_regressions.rs` so that every input a fuzzer once crashed on is
//! replayed through exactly the code that crashed. Each must return, never
//! panic, whatever the bytes.

use std::path::Path;
use std::time::Duration;

use crate::extract::pdf::read_pdf;
use crate::extract::render::render_text;
use crate::extract::text::read_text_export;
use crate::facts::{dates, figures, words};
use crate::limits::{self, Limits};
use crate::rules::{RuleError, RuleSet, checks};
use crate::structure;

/// The figure parser, with dates and number words.
pub fn figures(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for token in figures::scan_figures(&text) {
        let _ = format!("{token:?}");
    }
    for hint in [
        figures::Hint::None,
        figures::Hint::Rupiah,
        figures::Hint::Percent,
    ] {
        let _ = figures::parse_figure(&text, hint);
    }
    let _ = dates::find_dates(&text);
    let _ = dates::parse_date(&text);
    let _ = words::parse_number_words(&text);
    let _ = words::find_digit_word_pairs(&text);
}

/// A text export through the reader, structure and every rule given.
pub fn text_export(data: &[u8], rules: &checks::CompiledRules) {
    let doc = read_text_export(Path::new("fuzz.txt"), data);
    let report = structure::analyse(&doc);
    let _ = report.looks_like_lkjip();
    let _ = checks::run(rules, &report, "fuzz.txt");
}

/// The rule-file loader, and compiling what it accepts. None when the bytes
/// are not UTF-8 (rule files are read as text).
pub fn rule_file(data: &[u8]) -> Option<Result<(), RuleError>> {
    let text = std::str::from_utf8(data).ok()?;
    let mut set = RuleSet::default();
    let loaded = set.add_text(Path::new("fuzz.toml"), text);
    if loaded.is_ok() {
        let _ = checks::compile(&set);
    }
    Some(loaded)
}

/// The PDF reader under a per-file budget, and the text it renders.
pub fn pdf_extract(data: &[u8]) {
    let _budget = limits::enter(Limits {
        time: Some(Duration::from_secs(5)),
        memory: Some(256 * 1024 * 1024),
    });
    if let Ok(doc) = read_pdf(Path::new("fuzz.pdf"), data) {
        let _ = render_text(&doc, true);
    }
}
