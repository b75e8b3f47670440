//! The rule-file loader on arbitrary text: a broken rule file is an error with a
//! position, never a panic; a rule that loads must also compile and run.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use lkjip_audit::rules::{RuleSet, checks};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut set = RuleSet::default();
    if set.add_text(Path::new("fuzz.toml"), text).is_ok() {
        let _ = checks::compile(&set);
    }
});
