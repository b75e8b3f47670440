//! SARIF 2.1.0, for code-scanning viewers and audit tooling. Rules go into
//! `tool.driver.rules`; SARIF has no page numbers, so a PDF finding carries its
//! page in the message and in `properties.page` of the result and location.

use serde_json::{Value, json};

use super::RenderOptions;
use super::summary::summarize;
use crate::audit::{AuditRun, FileStatus};
use crate::findings::{Finding, Lang, Location, Severity};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a relative URI reference: unreserved characters and `/` kept,
/// everything else percent-encoded byte by byte.
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn physical(l: &Location, snippet: Option<&str>) -> Value {
    let mut location = json!({"artifactLocation": {"uri": uri(&l.file)}});
    // Document-level findings have no line (0); SARIF lines start at 1.
    if l.line >= 1 {
        let mut region = json!({"startLine": l.line});
        if let Some(text) = snippet.filter(|t| !t.is_empty()) {
            region["snippet"] = json!({"text": text});
        }
        location["region"] = region;
    }
    location
}

fn location(l: &Location, snippet: Option<&str>) -> Value {
    let mut v = json!({"physicalLocation": physical(l, snippet)});
    if let Some(page) = l.page {
        v["properties"] = json!({"page": page});
    }
    v
}

fn result(f: &Finding, lang: Lang, rule_index: Option<usize>) -> Value {
    let page_word = if lang == Lang::Id { "hal." } else { "page" };
    let mut text = f.message.get(lang).to_string();
    if let Some(p) = f.location.page {
        text.push_str(&format!(" ({page_word} {p})"));
    }
    let mut v = json!({
        "ruleId": f.rule,
        "level": level(f.severity),
        "message": {"text": text},
        "locations": [location(&f.location, Some(&f.excerpt))],
        "partialFingerprints": {"lkjipAuditFinding/v1": f.fingerprint()},
        "properties": {
            "category": f.category.as_str(),
            "stated": f.stated,
            "expected": f.expected,
            "computation": f.computation.get(lang),
            "page": f.location.page,
        },
    });
    if let Some(i) = rule_index {
        v["ruleIndex"] = json!(i);
    }
    if !f.related.is_empty() {
        v["relatedLocations"] = Value::Array(
            f.related
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let mut r = location(l, None);
                    r["id"] = json!(i);
                    r
                })
                .collect(),
        );
    }
    v
}

pub fn render(run: &AuditRun, options: &RenderOptions) -> String {
    let lang = options.lang;
    // Every loaded rule is described; a rule that fired but is unknown here
    // (no rule set given) is described by its id alone.
    let mut rules: Vec<Value> = options
        .rules
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "shortDescription": {"text": r.message.get(lang)},
                "fullDescription": {"text": if r.description.get(lang).is_empty() { r.message.get(lang) } else { r.description.get(lang) }},
                "defaultConfiguration": {"level": level(r.severity)},
                "properties": {"category": r.category.as_str(), "kind": r.kind},
            })
        })
        .collect();
    let mut ids: Vec<String> = options.rules.iter().map(|r| r.id.clone()).collect();
    for f in run.findings() {
        if !ids.contains(&f.rule) {
            ids.push(f.rule.clone());
            rules.push(json!({
                "id": f.rule,
                "defaultConfiguration": {"level": level(f.severity)},
                "properties": {"category": f.category.as_str()},
            }));
        }
    }
    let results: Vec<Value> = run
        .findings()
        .map(|f| result(f, lang, ids.iter().position(|id| *id == f.rule)))
        .collect();
    // Files that could not be audited are tool notifications, so a viewer shows them.
    let notifications: Vec<Value> = run
        .files
        .iter()
        .filter(|f| f.status != FileStatus::Ok || f.message.is_some())
        .map(|f| {
            let lvl = match f.status {
                FileStatus::Error => "error",
                FileStatus::NoText => "warning",
                _ => "note",
            };
            json!({
                "level": lvl,
                "message": {"text": format!("{}: {}", f.status.as_str(), f.message.clone().unwrap_or_default())},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(&f.path)}}}],
            })
        })
        .collect();
    let doc = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": env!("CARGO_PKG_NAME"),
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "invocations": [{
                "executionSuccessful": true,
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
            "properties": {"summary": summarize(run)},
        }],
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded_relative_references() {
        assert_eq!(uri("laporan 2020/kec-a.pdf"), "laporan%202020/kec-a.pdf");
        assert_eq!(uri("a\\b#c.txt"), "a/b%23c.txt");
    }
}
