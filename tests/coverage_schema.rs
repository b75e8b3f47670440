//! README's JSON schema ("The JSON schema") against the document the
//! derived `Serialize` structs write, both ways: every documented field is in
//! a serialised document, and every field of it is documented. The document
//! is the samples' (text, PDFs, files that cannot be audited) with one extra
//! rule that agrees with and skips something on every table, so that the
//! coverage's lists of abstentions are not empty.

use std::collections::BTreeSet;

use lkjip_audit::audit::{AuditRun, audit_input};
use lkjip_audit::discover::discover;
use lkjip_audit::limits::Limits;
use lkjip_audit::report::{OutputFormat, RenderOptions, render};
use lkjip_audit::rules::RuleSet;
use lkjip_audit::rules::checks::cross::{CrossSummary, Group, Ungrouped, UngroupedFile};
use lkjip_audit::rules::checks::{Check, Context, Sink, Why, compile};
use lkjip_audit::structure::Table;
use serde_json::Value;

mod common;
use common::root;

/// Agrees with one item of every table and skips another.
#[derive(Debug)]
struct Probe;

impl Check for Probe {
    fn table(&self, _table: &Table, _ctx: &Context<'_, '_>, out: &mut Sink) {
        out.agree();
        out.skip(Why {
            en: "probe",
            id: "uji",
        });
    }
}

/// Maps whose keys are data, not fields.
const MAPS: [&str; 5] = [
    "summary.by_status",
    "summary.by_category",
    "summary.by_rule",
    "summary.per_file[].by_category",
    "summary.cross.skipped",
];

/// Every field path of `value` (`all`), and the paths of its leaves: scalars,
/// nulls, empty containers and arrays of non-objects (`leaves`).
fn paths(value: &Value, at: &str, all: &mut BTreeSet<String>, leaves: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            if !at.is_empty() {
                all.insert(at.to_string());
            }
            if map.is_empty() {
                leaves.insert(at.to_string());
            }
            let is_map = MAPS.contains(&at);
            for (k, v) in map {
                let key = if is_map { "*" } else { k.as_str() };
                let path = if at.is_empty() {
                    key.to_string()
                } else {
                    format!("{at}.{key}")
                };
                paths(v, &path, all, leaves);
            }
        }
        Value::Array(items) if items.iter().any(Value::is_object) => {
            all.insert(at.to_string());
            for item in items {
                paths(item, &format!("{at}[]"), all, leaves);
            }
        }
        _ => {
            all.insert(at.to_string());
            leaves.insert(at.to_string());
        }
    }
}

fn documented() -> BTreeSet<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let section = readme
        .split("### The JSON schema")
        .nth(1)
        .expect("README has a section \"The JSON schema\"");
    let section = section.split("\n#").next().unwrap_or(section);
    section
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn readme_schema_matches_the_serialised_document() {
    let rules = RuleSet::defaults().expect("default rules");
    let mut compiled = compile(&rules);
    let mut probe = rules.rules[0].clone();
    probe.id = "probe".into();
    probe.kind = "probe".into();
    compiled.checks.push((probe, Box::new(Probe)));
    let inputs = discover(&[root().join("samples")]);
    let run = AuditRun {
        files: inputs
            .iter()
            .map(|i| audit_input(i, &compiled, Limits::default()))
            .collect(),
        hidden_by_baseline: None,
        // What a run over several years of one office records.
        cross: Some(CrossSummary {
            groups: vec![Group {
                office: "Kecamatan X".into(),
                reports: vec![(2020, "a.txt".into()), (2021, "b.txt".into())],
            }],
            ungrouped: vec![UngroupedFile {
                file: "c.txt".into(),
                why: Ungrouped::NoOffice,
            }],
            pairs: 1,
            agree: 3,
            skipped: [("indicator matches two indicators of the other report", 1)]
                .into_iter()
                .collect(),
        }),
    };
    let text = render(OutputFormat::Json, &run, &RenderOptions::default());
    let doc: Value = serde_json::from_str(&text).expect("the document is JSON");
    let (mut all, mut leaves) = (BTreeSet::new(), BTreeSet::new());
    paths(&doc, "", &mut all, &mut leaves);
    let documented = documented();
    assert!(documented.len() > 50, "schema table found: {documented:?}");
    let missing: Vec<&String> = documented.iter().filter(|p| !all.contains(*p)).collect();
    assert!(
        missing.is_empty(),
        "README documents fields the document lacks: {missing:?}"
    );
    // An empty list or map here is documented by its elements' fields.
    let under = |p: &str| {
        documented
            .iter()
            .any(|d| d.starts_with(&format!("{p}[]")) || d.starts_with(&format!("{p}.")))
    };
    let undocumented: Vec<&String> = leaves
        .iter()
        .filter(|p| !documented.contains(*p) && !under(p))
        .collect();
    assert!(
        undocumented.is_empty(),
        "fields missing from README's schema: {undocumented:?}"
    );
}
