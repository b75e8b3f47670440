//! SARIF 2.1.0, for code-scanning viewers and audit tooling. Rules go into
//! `tool.driver.rules`; SARIF has no page numbers, so a PDF finding carries its
//! page in the message and in `properties.page` of the result and location.
//! Written as the run goes, like JSON (see [`SarifWriter`]).

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

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

/// `{"text": …}`: SARIF's message object.
#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region<'a> {
    start_line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Text<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region<'a>>,
}

impl<'a> PhysicalLocation<'a> {
    fn new(l: &Location, snippet: Option<&'a str>) -> Self {
        PhysicalLocation {
            artifact_location: ArtifactLocation { uri: uri(&l.file) },
            // Document-level findings have no line (0); SARIF lines start at 1.
            region: (l.line >= 1).then(|| Region {
                start_line: l.line,
                snippet: snippet.filter(|t| !t.is_empty()).map(|text| Text { text }),
            }),
        }
    }
}

#[derive(Serialize)]
struct PageProperty {
    page: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation<'a> {
    /// Set on related locations, which SARIF identifies by number.
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<PageProperty>,
}

impl<'a> SarifLocation<'a> {
    fn new(l: &Location, snippet: Option<&'a str>, id: Option<usize>) -> Self {
        SarifLocation {
            id,
            physical_location: PhysicalLocation::new(l, snippet),
            properties: l.page.map(|page| PageProperty { page }),
        }
    }
}

#[derive(Serialize)]
struct Fingerprints {
    #[serde(rename = "lkjipAuditFinding/v1")]
    finding: String,
}

#[derive(Serialize)]
struct ResultProperties<'a> {
    category: &'static str,
    stated: &'a str,
    expected: &'a str,
    computation: &'a str,
    page: Option<u32>,
}

/// A finding as a SARIF `result`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Text<'a>,
    locations: [SarifLocation<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<SarifLocation<'a>>,
    partial_fingerprints: Fingerprints,
    properties: ResultProperties<'a>,
}

/// The message with its page appended: SARIF viewers show no page otherwise.
fn message_with_page(f: &Finding, lang: Lang) -> String {
    let page_word = if lang == Lang::Id { "hal." } else { "page" };
    let mut text = f.message.get(lang).to_string();
    if let Some(p) = f.location.page {
        text.push_str(&format!(" ({page_word} {p})"));
    }
    text
}

impl<'a> SarifResult<'a> {
    fn new(f: &'a Finding, lang: Lang, rule_index: usize, message: &'a str) -> Self {
        SarifResult {
            rule_id: &f.rule,
            rule_index,
            level: level(f.severity),
            message: Text { text: message },
            locations: [SarifLocation::new(&f.location, Some(&f.excerpt), None)],
            related_locations: f
                .related
                .iter()
                .enumerate()
                .map(|(i, l)| SarifLocation::new(l, None, Some(i)))
                .collect(),
            partial_fingerprints: Fingerprints {
                finding: f.fingerprint(),
            },
            properties: ResultProperties {
                category: f.category.as_str(),
                stated: &f.stated,
                expected: &f.expected,
                computation: f.computation.get(lang),
                page: f.location.page,
            },
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    category: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<String>,
}

/// A rule in `tool.driver.rules`. A rule that fired but is not in force (no
/// rule set given) is described by its id, level and category alone.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    short_description: Option<OwnedText>,
    #[serde(skip_serializing_if = "Option::is_none")]
    full_description: Option<OwnedText>,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct OwnedText {
    text: String,
}

impl RuleDescriptor {
    fn new(r: &crate::rules::Rule, lang: Lang) -> Self {
        let description = if r.description.get(lang).is_empty() {
            r.message.get(lang)
        } else {
            r.description.get(lang)
        };
        RuleDescriptor {
            id: r.id.clone(),
            short_description: Some(OwnedText {
                text: r.message.get(lang).to_string(),
            }),
            full_description: Some(OwnedText {
                text: description.to_string(),
            }),
            default_configuration: Configuration {
                level: level(r.severity),
            },
            properties: RuleProperties {
                category: r.category.as_str(),
                kind: Some(r.kind.clone()),
            },
        }
    }

    fn fired(f: &Finding) -> Self {
        RuleDescriptor {
            id: f.rule.clone(),
            short_description: None,
            full_description: None,
            default_configuration: Configuration {
                level: level(f.severity),
            },
            properties: RuleProperties {
                category: f.category.as_str(),
                kind: None,
            },
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FileOnly {
    physical_location: FileUri,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FileUri {
    artifact_location: ArtifactLocation,
}

/// A file that could not be audited (or has a note), as a tool notification
/// so that a viewer shows it.
#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: OwnedText,
    locations: [FileOnly; 1],
}

impl Notification {
    fn of(f: &FileReport, lang: Lang) -> Option<Self> {
        if f.status == FileStatus::Ok && f.message.is_none() {
            return None;
        }
        let level = match f.status {
            FileStatus::Error => "error",
            FileStatus::NoText => "warning",
            _ => "note",
        };
        Some(Notification {
            level,
            message: OwnedText {
                text: format!(
                    "{}: {}",
                    f.status.as_str(),
                    f.message.as_ref().map_or("", |m| m.get(lang))
                ),
            },
            locations: [FileOnly {
                physical_location: FileUri {
                    artifact_location: ArtifactLocation { uri: uri(&f.path) },
                },
            }],
        })
    }
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
struct Driver {
    name: &'static str,
    version: &'static str,
    rules: Vec<RuleDescriptor>,
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
    extra_rules: Vec<RuleDescriptor>,
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
        self.extra_rules.push(RuleDescriptor::fired(f));
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
            let message = message_with_page(f, self.lang);
            let result = SarifResult::new(f, self.lang, index, &message);
            // Plain data always serialises.
            let text = serde_json::to_string(&result).unwrap_or_default();
            write!(self.out, "{sep}\n        {text}")?;
            self.results_written += 1;
        }
        Ok(())
    }
}

impl<W: Write> ReportWriter for SarifWriter<'_, W> {
    fn file(&mut self, file: &FileReport) -> io::Result<()> {
        self.write_results(&file.findings)?;
        if let Some(n) = Notification::of(file, self.lang) {
            let n = serde_json::to_string(&n).unwrap_or_default();
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
        let mut rules: Vec<RuleDescriptor> = self
            .rules
            .iter()
            .map(|r| RuleDescriptor::new(r, self.lang))
            .collect();
        rules.append(&mut self.extra_rules);
        let tool = Tool {
            driver: Driver {
                name: env!("CARGO_PKG_NAME"),
                version: env!("CARGO_PKG_VERSION"),
                rules,
            },
        };
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

    #[test]
    fn a_result_carries_its_page_and_related_places() {
        let mut f = crate::report::tests::finding("lap 2020.pdf", Some(4), 12, "3.400.000");
        f.related.push(Location {
            file: "lap 2020.pdf".to_string(),
            page: Some(7),
            line: 0,
        });
        let message = message_with_page(&f, Lang::Id);
        let value =
            serde_json::to_value(SarifResult::new(&f, Lang::En, 2, &message)).expect("plain data");
        assert_eq!(value["message"]["text"], "Jumlah tidak sesuai (hal. 4)");
        assert_eq!(value["ruleIndex"], 2);
        let physical = &value["locations"][0]["physicalLocation"];
        assert_eq!(physical["artifactLocation"]["uri"], "lap%202020.pdf");
        assert_eq!(physical["region"]["startLine"], 12);
        assert!(
            physical["region"]["snippet"]["text"]
                .as_str()
                .is_some_and(|t| t.contains("3.400.000"))
        );
        assert_eq!(value["locations"][0]["properties"]["page"], 4);
        assert_eq!(
            value["properties"]["computation"],
            "1,000,000 + 2,500,000 = 3,500,000"
        );
        // A related place without a line has no region (SARIF lines start at 1).
        let related = &value["relatedLocations"][0];
        assert_eq!(related["id"], 0);
        assert_eq!(related["properties"]["page"], 7);
        assert!(related["physicalLocation"].get("region").is_none());
    }

    #[test]
    fn a_rule_not_in_force_is_described_by_id_alone() {
        let f = crate::report::tests::finding("a.txt", None, 3, "1");
        let value = serde_json::to_value(RuleDescriptor::fired(&f)).expect("plain data");
        assert_eq!(value["id"], "table-column-sum");
        assert_eq!(value["defaultConfiguration"]["level"], "error");
        assert!(value.get("shortDescription").is_none());
        assert!(value["properties"].get("kind").is_none());
    }
}
