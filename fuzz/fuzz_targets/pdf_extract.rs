//! The PDF reader on arbitrary bytes, under the same per-file limits the audit
//! uses: every input must give a document or an error, never a panic or a hang.
#![no_main]

use std::path::Path;
use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use lkjip_audit::extract::pdf::read_pdf;
use lkjip_audit::extract::render::render_text;
use lkjip_audit::limits::{self, Limits};

fuzz_target!(|data: &[u8]| {
    let _budget = limits::enter(Limits {
        time: Some(Duration::from_secs(5)),
        memory: Some(256 * 1024 * 1024),
    });
    if let Ok(doc) = read_pdf(Path::new("fuzz.pdf"), data) {
        let _ = render_text(&doc, true);
    }
});
