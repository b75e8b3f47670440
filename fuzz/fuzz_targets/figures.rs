//! The figure parser, dates and number words on arbitrary text: must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| lkjip_audit::fuzzing::figures(data));
