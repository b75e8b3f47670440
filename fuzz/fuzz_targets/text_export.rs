//! A text export through the whole pipeline after extraction: reader, structure
//! and every default rule. Must never panic, whatever the bytes.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use lkjip_audit::extract::text::read_text_export;
use lkjip_audit::rules::{RuleSet, checks};
use lkjip_audit::structure;

fn rules() -> &'static checks::CompiledRules {
    static RULES: OnceLock<checks::CompiledRules> = OnceLock::new();
    RULES.get_or_init(|| {
        let set = RuleSet::defaults().expect("the shipped rules load");
        checks::compile(&set)
    })
}

fuzz_target!(|data: &[u8]| {
    let doc = read_text_export(Path::new("fuzz.txt"), data);
    let report = structure::analyse(&doc);
    let _ = report.looks_like_lkjip();
    let _ = checks::run(rules(), &report, "fuzz.txt");
});
