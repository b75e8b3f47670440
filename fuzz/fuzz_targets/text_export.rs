//! A text export through the whole pipeline after extraction: reader, structure
//! and every default rule. Must never panic, whatever the bytes.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use lkjip_audit::rules::{RuleSet, checks};

fn rules() -> &'static checks::CompiledRules {
    static RULES: OnceLock<checks::CompiledRules> = OnceLock::new();
    RULES.get_or_init(|| checks::compile(&RuleSet::defaults().expect("the shipped rules load")))
}

fuzz_target!(|data: &[u8]| lkjip_audit::fuzzing::text_export(data, rules()));
