//! The rule-file loader on arbitrary text: a broken rule file is an error with a
//! position, never a panic; a rule that loads must also compile and run.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = lkjip_audit::fuzzing::rule_file(data);
});
