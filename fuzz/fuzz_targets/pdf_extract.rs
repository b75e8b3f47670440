//! The PDF reader on arbitrary bytes, under the same per-file limits the audit
//! uses: every input must give a document or an error, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| lkjip_audit::fuzzing::pdf_extract(data));
