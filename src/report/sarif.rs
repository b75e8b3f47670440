//! SARIF 2.1.0, for code-scanning viewers and audit tooling. Rules go into
//! `tool.driver.rules`; SARIF has no page numbers, so a PDF finding carries its
//! page in the message and in `properties.page` of the result and location.
//! Written as the run goes, like JSON (see [`SarifWriter`]).

use std::collections::HashMap;
use std::io::{self, Write};

use serde_json::{Value, json};

use super::summary::RunSummary;
use super::{RenderOptions, ReportWriter};
use crate::audit::{FileReport, FileStatus};
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

/// A rule in `tool.driver.rules`.
fn rule_json(r: &crate::rules::Rule, lang: Lang) -> Value {
    let description = if r.description.get(lang).is_empty() {
        r.message.get(lang)
    } else {
        r.description.get(lang)
    };
    json!({
        "id": r.id,
        "shortDescription": {"text": r.message.get(lang)},
        "fullDescription": {"text": description},
        "defaultConfiguration": {"level": level(r.severity)},
        "properties": {"category": r.category.as_str(), "kind": r.kind},
    })
}

/// A file that could not be audited (or has a note), as a tool notification
/// so that a viewer shows it.
fn notification(f: &FileReport) -> Option<Value> {
    if f.status == FileStatus::Ok && f.message.is_none() {
        return None;
    }
    let lvl = match f.status {
        FileStatus::Error => "error",
        FileStatus::NoText => "warning",
        _ => "note",
    };
    Some(json!({
        "level": lvl,
        "message": {"text": format!("{}: {}", f.status.as_str(), f.message.clone().unwrap_or_default())},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(&f.path)}}}],
    }))
}

/// Streams the SARIF log: `results` are written as files are audited; the
/// rules, the notifications and the summary — known only at the end — follow
/// them in the run object (JSON members have no order). Only the rules in
/// force and a compact line per file that could not be audited are kept, so
/// memory does not grow with the number of findings.
pub struct SarifWriter<'a, W: Write> {
    out: W,
    lang: Lang,
    rules: &'a [crate::rules::Rule],
    /// Index in `tool.driver.rules` of every rule id seen.
    index: HashMap<String, usize>,
    /// Rules that fired but are not in force (no rule set given), described by id alone.
    extra_rules: Vec<Value>,
    notifications: Vec<u8>,
    started: bool,
    results_written: usize,
}

impl<'a, W: Write> SarifWriter<'a, W> {
    pub fn new(out: W, options: &'a RenderOptions) -> Self {
        let index = options
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .rev() // the first of two rules with one id wins, as a search would
            .collect();
        SarifWriter {
            out,
            lang: options.lang,
            rules: &options.rules,
            index,
            extra_rules: Vec::new(),
            notifications: Vec::new(),
            started: false,
            results_written: 0,
        }
    }

    fn start(&mut self) -> io::Result<()> {
        if !self.started {
            self.started = true;
            write!(
                self.out,
                "{{\n  \"$schema\": \"{SCHEMA}\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"results\": ["
            )?;
        }
        Ok(())
    }

    fn rule_index(&mut self, f: &Finding) -> usize {
        if let Some(&i) = self.index.get(&f.rule) {
            return i;
        }
        let i = self.rules.len() + self.extra_rules.len();
        self.extra_rules.push(json!({
            "id": f.rule,
            "defaultConfiguration": {"level": level(f.severity)},
            "properties": {"category": f.category.as_str()},
        }));
        self.index.insert(f.rule.clone(), i);
        i
    }
}

/// `value` pretty-printed, indented to sit `indent` spaces in.
fn indented(value: &impl serde::Serialize, indent: &str) -> String {
    // Plain data always serialises.
    serde_json::to_string_pretty(value)
        .unwrap_or_default()
        .replace('\n', &format!("\n{indent}"))
}

impl<W: Write> SarifWriter<'_, W> {
    /// Findings as results, after those already written.
    fn write_results(&mut self, findings: &[Finding]) -> io::Result<()> {
        self.start()?;
        for f in findings {
            let index = self.rule_index(f);
            let sep = if self.results_written == 0 { "" } else { "," };
            write!(
                self.out,
                "{sep}\n        {}",
                result(f, self.lang, Some(index))
            )?;
            self.results_written += 1;
        }
        Ok(())
    }
}

impl<W: Write> ReportWriter for SarifWriter<'_, W> {
    fn file(&mut self, file: &FileReport) -> io::Result<()> {
        self.write_results(&file.findings)?;
        if let Some(n) = notification(file) {
            let sep = if self.notifications.is_empty() {
                ""
            } else {
                ","
            };
            write!(self.notifications, "{sep}\n            {n}")?;
        }
        Ok(())
    }

    fn cross(&mut self, findings: &[Finding]) -> io::Result<()> {
        self.write_results(findings)
    }

    fn finish(&mut self, summary: &RunSummary) -> io::Result<()> {
        self.start()?;
        let mut rules: Vec<Value> = self.rules.iter().map(|r| rule_json(r, self.lang)).collect();
        rules.append(&mut self.extra_rules);
        let tool = json!({"driver": {
            "name": env!("CARGO_PKG_NAME"),
            "version": env!("CARGO_PKG_VERSION"),
            "rules": rules,
        }});
        write!(
            self.out,
            "\n      ],\n      \"tool\": {},\n      \"invocations\": [\n        {{\n          \"executionSuccessful\": true,\n          \"toolExecutionNotifications\": [",
            indented(&tool, "      ")
        )?;
        self.out.write_all(&self.notifications)?;
        write!(
            self.out,
            "\n          ]\n        }}\n      ],\n      \"properties\": {{\n        \"summary\": {}\n      }}\n    }}\n  ]\n}}\n",
            indented(summary, "        ")
        )?;
        self.out.flush()
    }
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
