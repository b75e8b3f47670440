//! The figure parser, dates and number words on arbitrary text: must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lkjip_audit::facts::{dates, figures, words};

fuzz_target!(|data: &[u8]| {
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
});
