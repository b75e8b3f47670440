//! The real reports of `tests/fixtures/real/` against their reviewed keys in
//! `tests/real/keys/`: a ratchet, so that findings improve and never silently regress.
//!
//! The test audits the folder once (`check --format json`) and matches the findings to
//! the keys as `scripts/score-real.py` does (and /work/shared/tools/score-keys before it):
//! a finding is judged when its key has a verdict with the same page, rule and stated
//! value; a key error is found when a finding on its page ±1 states a number that the
//! error's `stated` contains, or when a TRUE verdict naming it in `errors` is made. It
//! then holds the tool to three files:
//!
//! - `tests/real/found.json`: the key errors found today. Each must still be found.
//! - `tests/real/baseline-false.json`: (page, rule, stated) of the findings judged
//!   FALSE-* today. No more false findings than these.
//! - `tests/real/unjudged.json`: the findings no key has judged yet. Any other unjudged
//!   finding fails the test until a reviewer judges it (tests/real/README.md) and adds
//!   its verdict to the key's `tool_findings`.
//!
//! Workflow after a change to the rules or the reader:
//!
//! ```sh
//! cargo build --release
//! python3 scripts/score-real.py               # per report and total: precision, recall
//! python3 scripts/score-real.py --unjudged    # every unjudged finding, to judge
//! python3 scripts/score-real.py --update      # rewrite the three files; refuses to drop
//!                                             # a found error unless --allow-loss
//! ```
//!
//! and commit the updated files with the change, so that the diff shows what was gained,
//! lost, or is new and not yet judged. A test failure lists the offending findings or errors.
//! The keys' `tables` (what each report's tables are, read from the PDFs) are checked here
//! for consistency only; they are the expected values for tests of the PDF reader.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

use regex::Regex;
use serde_json::Value;

mod common;
use common::{lkjip, root};

const FIXTURES: &str = "tests/fixtures/real";
const REAL: &str = "tests/real";

/// What verdicts, baseline entries and findings are matched by, within one report.
type Ident = (Option<u64>, String, String);

fn read_json(relative: &str) -> Value {
    let path = root().join(relative);
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn base(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned())
}

fn norm(s: &Value) -> String {
    s.as_str()
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn ident(f: &Value) -> Ident {
    (
        f["page"].as_u64(),
        f["rule"].as_str().unwrap_or_default().to_string(),
        norm(&f["stated"]),
    )
}

/// The numbers of two or more digits in a text, without sign (score-keys' `nums`).
fn nums(s: &str) -> BTreeSet<String> {
    static NUM: OnceLock<Regex> = OnceLock::new();
    let re = NUM.get_or_init(|| Regex::new(r"-?\d+(?:[.,]\d+)*").expect("regex"));
    re.find_iter(s)
        .map(|m| m.as_str().trim_start_matches('-').to_string())
        .filter(|n| n.len() >= 2)
        .collect()
}

/// The keys by report file name.
fn keys() -> &'static BTreeMap<String, Value> {
    static KEYS: OnceLock<BTreeMap<String, Value>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let dir = root().join(REAL).join("keys");
        let mut keys = BTreeMap::new();
        for entry in std::fs::read_dir(&dir).expect("tests/real/keys") {
            let path = entry.expect("dir entry").path();
            if path.extension().is_some_and(|e| e == "json") {
                let key: Value =
                    serde_json::from_str(&std::fs::read_to_string(&path).expect("read key"))
                        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                keys.insert(base(key["file"].as_str().expect("key has a file")), key);
            }
        }
        assert_eq!(keys.len(), 15, "15 keys in {}", dir.display());
        keys
    })
}

/// `check --format json` over the fixtures, run once for all tests of this file.
fn audit() -> &'static Value {
    static OUT: OnceLock<Value> = OnceLock::new();
    OUT.get_or_init(|| {
        let (code, stdout, stderr) = lkjip(&["check", "--format", "json", "-q", FIXTURES]);
        assert!(code == 0 || code == 1, "exit {code}: {stderr}");
        serde_json::from_str(&stdout).expect("valid JSON")
    })
}

/// The findings of each report.
fn findings() -> BTreeMap<String, Vec<&'static Value>> {
    let mut by_file: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    for f in audit()["findings"].as_array().expect("findings") {
        by_file
            .entry(base(f["file"].as_str().expect("file")))
            .or_default()
            .push(f);
    }
    by_file
}

fn verdicts(key: &Value) -> HashMap<Ident, String> {
    key["tool_findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|v| {
            (
                ident(v),
                v["verdict"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// The key errors named in `errors` by TRUE verdicts whose findings are made: found
/// though stated without figures (a missing chapter, a wrong office).
fn linked_errors<'a>(key: &'a Value, fs: &[&Value]) -> HashSet<&'a Value> {
    let made: HashSet<Ident> = fs.iter().map(|f| ident(f)).collect();
    key["tool_findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|v| {
            v["verdict"].as_str().is_some_and(|s| s.starts_with("TRUE")) && made.contains(&ident(v))
        })
        .flat_map(|v| v["errors"].as_array().into_iter().flatten())
        .collect()
}

/// Found by a figure the finding states on its page ±1, or linked by a verdict
/// ([`linked_errors`]).
fn error_found(error: &Value, linked: &HashSet<&Value>, fs: &[&Value]) -> bool {
    if linked.contains(&error["id"]) {
        return true;
    }
    let Some(page) = error["page"].as_u64() else {
        return false;
    };
    let wanted = nums(error["stated"].as_str().unwrap_or_default());
    fs.iter().any(|f| {
        f["page"].as_u64().is_some_and(|p| p.abs_diff(page) <= 1)
            && !nums(f["stated"].as_str().unwrap_or_default()).is_disjoint(&wanted)
    })
}

fn describe(f: &Value) -> String {
    format!(
        "p{} l{} {} stated {:?} expected {:?}: {}",
        f["page"],
        f["line"],
        f["rule"].as_str().unwrap_or_default(),
        norm(&f["stated"]),
        norm(&f["expected"]),
        f["message"].as_str().unwrap_or_default()
    )
}

/// A {file: [[page, rule, stated], ...]} file as counts per (file, ident).
fn allowed(relative: &str) -> HashMap<(String, Ident), usize> {
    let mut counts = HashMap::new();
    for (file, items) in read_json(relative).as_object().expect("an object by file") {
        for item in items.as_array().expect("a list per file") {
            let entry = (
                item[0].as_u64(),
                item[1].as_str().expect("rule").to_string(),
                norm(&item[2]),
            );
            *counts.entry((file.clone(), entry)).or_insert(0) += 1;
        }
    }
    counts
}

/// The findings of one verdict class beyond what `allowed` lists (as many as listed).
fn beyond(
    allowed: &mut HashMap<(String, Ident), usize>,
    class: fn(Option<&String>) -> bool,
) -> Vec<String> {
    let mut extra = Vec::new();
    for (file, fs) in findings() {
        let Some(key) = keys().get(&file) else {
            continue;
        };
        let verdicts = verdicts(key);
        for f in fs {
            let id = ident(f);
            if !class(verdicts.get(&id)) {
                continue;
            }
            match allowed.get_mut(&(file.clone(), id)) {
                Some(n) if *n > 0 => *n -= 1,
                _ => extra.push(format!("{file} {}", describe(f))),
            }
        }
    }
    extra
}

#[test]
fn every_real_report_is_read() {
    let files = audit()["files"].as_array().expect("files");
    for name in keys().keys() {
        let file = files
            .iter()
            .find(|f| f["path"].as_str().is_some_and(|p| base(p) == *name));
        let status = file.map(|f| f["status"].as_str().unwrap_or_default());
        assert_eq!(status, Some("ok"), "{name}: {file:?}");
    }
}

#[test]
fn key_errors_found_before_are_still_found() {
    let found = read_json(&format!("{REAL}/found.json"));
    let by_file = findings();
    let mut lost = Vec::new();
    for (file, ids) in found.as_object().expect("found.json: an object by file") {
        let key = keys()
            .get(file)
            .unwrap_or_else(|| panic!("found.json names {file}, which has no key"));
        let fs = by_file.get(file).map(Vec::as_slice).unwrap_or_default();
        let linked = linked_errors(key, fs);
        for id in ids.as_array().expect("a list of ids") {
            let error = key["errors"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|e| e["id"] == *id)
                .unwrap_or_else(|| panic!("found.json: {file} has no error {id}"));
            if !error_found(error, &linked, fs) {
                let near: Vec<String> = fs
                    .iter()
                    .filter(|f| {
                        f["page"]
                            .as_u64()
                            .zip(error["page"].as_u64())
                            .is_some_and(|(a, b)| a.abs_diff(b) <= 1)
                    })
                    .map(|f| format!("    {}", describe(f)))
                    .collect();
                lost.push(format!(
                    "{file} {} (p{}, stated {:?}); findings on pages ±1:\n{}",
                    id.as_str().unwrap_or_default(),
                    error["page"],
                    norm(&error["stated"]),
                    if near.is_empty() {
                        "    none".into()
                    } else {
                        near.join("\n")
                    }
                ));
            }
        }
    }
    assert!(
        lost.is_empty(),
        "key errors found before are no longer found (fix it, or run scripts/score-real.py --update --allow-loss if intended):\n{}",
        lost.join("\n")
    );
}

#[test]
fn no_new_false_finding() {
    let mut allowed = allowed(&format!("{REAL}/baseline-false.json"));
    let new = beyond(&mut allowed, |v| v.is_some_and(|v| v.starts_with("FALSE")));
    assert!(
        new.is_empty(),
        "findings the keys judge FALSE, beyond tests/real/baseline-false.json:\n{}",
        new.join("\n")
    );
}

#[test]
fn every_unjudged_finding_is_listed_as_such() {
    let mut allowed = allowed(&format!("{REAL}/unjudged.json"));
    let new = beyond(&mut allowed, |v| v.is_none());
    assert!(
        new.is_empty(),
        "findings no key has judged, not in tests/real/unjudged.json: judge them (tests/real/README.md) \
         and add the verdicts to the keys, then run scripts/score-real.py --update:\n{}",
        new.join("\n")
    );
}

#[test]
fn the_keys_tables_are_well_formed() {
    let roles = [
        "label",
        "target",
        "realisasi",
        "capaian",
        "anggaran",
        "predicate",
        "number",
    ];
    let kinds = ["performance", "comparison", "renstra", "budget", "other"];
    let year = Regex::new(r"^year:(19|20)\d\d$").expect("regex");
    let mut problems = Vec::new();
    for (file, key) in keys() {
        assert!(
            root().join(FIXTURES).join(file).is_file(),
            "{file}: no fixture"
        );
        assert!(
            key["tables_reviewed_by"]
                .as_str()
                .is_some_and(|s| !s.is_empty()),
            "{file}: tables_reviewed_by"
        );
        let page_count = key["pages"].as_u64().expect("pages");
        let tables = key["tables"]
            .as_array()
            .unwrap_or_else(|| panic!("{file}: no tables"));
        assert!(!tables.is_empty(), "{file}: no tables");
        for t in tables {
            let at = format!("{file} p{} {}", t["page"], t["title"]);
            let pages: Vec<u64> = t["pages"]
                .as_array()
                .expect("pages")
                .iter()
                .filter_map(Value::as_u64)
                .collect();
            let columns = t["columns"].as_array().expect("columns");
            let (body, total) = (t["body_rows"].as_u64(), t["total_rows"].as_u64());
            let ok = pages.first() == t["page"].as_u64().as_ref()
                && pages.windows(2).all(|w| w[1] == w[0] + 1)
                && pages.last().is_some_and(|&p| p <= page_count)
                && !columns.is_empty()
                && columns
                    .iter()
                    .all(|c| c.as_str().is_some_and(|s| s == s.trim() && !s.is_empty()))
                && kinds.contains(&t["kind"].as_str().unwrap_or_default())
                && body.zip(total).is_some_and(|(b, n)| b >= 1 && n <= b)
                && t["roles"].as_object().is_some_and(|r| {
                    r.iter().all(|(role, idx)| {
                        (roles.contains(&role.as_str()) || year.is_match(role))
                            && idx.as_array().is_some_and(|i| {
                                !i.is_empty()
                                    && i.iter().all(|i| {
                                        i.as_u64().is_some_and(|i| (i as usize) < columns.len())
                                    })
                            })
                    })
                });
            if !ok {
                problems.push(at);
            }
        }
    }
    assert!(
        problems.is_empty(),
        "malformed tables in the keys:\n{}",
        problems.join("\n")
    );
}
