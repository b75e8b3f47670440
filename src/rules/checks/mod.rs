//! The built-in check kinds that rule files parameterise.

use crate::findings::Finding;
use crate::rules::RuleSet;
use crate::structure::Report;

/// Rules turned into runnable checks.
#[derive(Debug, Clone, Default)]
pub struct CompiledRules {}

pub fn compile(_rules: &RuleSet) -> CompiledRules {
    CompiledRules {}
}

pub fn run(_compiled: &CompiledRules, _report: &Report<'_>, _file: &str) -> Vec<Finding> {
    Vec::new()
}
