//! The coverage of `check` (JSON `files[].coverage`, the listing's `--coverage`
//! block): it lists the tables as they were read, with the kinds and roles
//! the keys of the development PDFs give (as far as `tests/real/tables-ok.json`
//! records them right today: a ratchet, like tests/real_tables.rs), and a
//! report whose tables are all unrecognised says so first.

use std::collections::BTreeMap;

use regex::Regex;
use serde_json::Value;

mod common;
use common::{lkjip, root};

fn json(args: &[&str]) -> Value {
    let (_, stdout, stderr) = lkjip(args);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}; stderr: {stderr}"))
}

/// Each audited file's coverage, by file name.
fn coverage_of(path: &str) -> BTreeMap<String, Value> {
    let doc = json(&["check", "--format", "json", "-q", path]);
    doc["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter(|f| f["status"] == "ok")
        .map(|f| {
            let name = f["path"]
                .as_str()
                .and_then(|p| p.rsplit('/').next())
                .unwrap_or_default()
                .to_string();
            (name, f["coverage"].clone())
        })
        .collect()
}

fn words(s: &str) -> Vec<String> {
    let re = Regex::new(r"[a-z0-9]+").expect("regex");
    re.find_iter(&s.to_lowercase())
        .map(|m| m.as_str().to_string())
        .collect()
}

fn alike(a: &str, b: &str) -> bool {
    let (wa, wb) = (words(a), words(b));
    wa == wb || wa.concat() == wb.concat()
}

fn caption_number(c: Option<&str>) -> Option<String> {
    let re = Regex::new(r"(\d+(?:[.\-]\s?\d+)*\w?)").expect("regex");
    re.captures(c?)
        .map(|m| m[1].chars().filter(|c| !c.is_whitespace()).collect())
}

fn labels(t: &Value) -> Vec<String> {
    t["columns"]
        .as_array()
        .map(|cs| {
            cs.iter()
                .map(|c| c["label"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn body_rows(t: &Value) -> i64 {
    ["items", "groups", "totals"]
        .iter()
        .map(|k| t["rows"][k].as_i64().unwrap_or(0))
        .sum()
}

/// The table of `tables` a key table is matched to, as scripts/tables-vs-keys.py does:
/// on its page, the same caption number if any, else the most alike columns.
fn matching<'a>(key: &Value, tables: &'a [Value]) -> Option<&'a Value> {
    let page = key["page"].as_i64()?;
    let on_page: Vec<&Value> = tables
        .iter()
        .filter(|t| {
            t["page"].as_i64() == Some(page)
                || t["pages"]
                    .as_array()
                    .is_some_and(|ps| ps.iter().any(|p| p.as_i64() == Some(page)))
        })
        .collect();
    let number = caption_number(key["caption"].as_str());
    let same: Vec<&Value> = on_page
        .iter()
        .copied()
        .filter(|t| number.is_some() && caption_number(t["caption"].as_str()) == number)
        .collect();
    let pool = if same.is_empty() { on_page } else { same };
    let expected: Vec<String> = key["columns"]
        .as_array()?
        .iter()
        .map(|c| c.as_str().unwrap_or_default().to_string())
        .collect();
    let score = |t: &Value| {
        let got = labels(t);
        let alike = expected
            .iter()
            .zip(&got)
            .filter(|(a, b)| alike(a, b))
            .count() as i64;
        (
            alike,
            -(got.len() as i64 - expected.len() as i64).abs(),
            body_rows(t),
        )
    };
    // `max_by_key` keeps the last of equals, Python's `max` the first.
    pool.into_iter().rev().max_by_key(|t| score(t))
}

#[test]
fn coverage_lists_the_keys_tables_with_their_kinds_and_roles() {
    let ratchet: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/real/tables-ok.json")).expect("tables-ok"),
    )
    .expect("tables-ok.json");
    let coverage = coverage_of("tests/fixtures/real");
    let mut checked = (0, 0);
    let mut wrong = Vec::new();
    let keys = std::fs::read_dir(root().join("tests/real/keys")).expect("keys");
    for entry in keys.flatten() {
        let key: Value =
            serde_json::from_str(&std::fs::read_to_string(entry.path()).expect("key readable"))
                .expect("key is JSON");
        let file = key["file"].as_str().expect("file").to_string();
        let tables = coverage
            .get(&file)
            .and_then(|c| c["tables"].as_array())
            .unwrap_or_else(|| panic!("{file}: no coverage"));
        for kt in key["tables"].as_array().into_iter().flatten() {
            let name = format!(
                "p{} {}",
                kt["page"],
                kt["caption"].as_str().unwrap_or("None")
            );
            let flags: Vec<&str> = ratchet[&file][&name]
                .as_array()
                .map(|fs| fs.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            if !flags.contains(&"kind") && !flags.contains(&"roles") {
                continue;
            }
            let Some(t) = matching(kt, tables) else {
                wrong.push(format!("{file} {name}: not in the coverage"));
                continue;
            };
            if flags.contains(&"kind") {
                checked.0 += 1;
                if t["kind"] != kt["kind"] {
                    wrong.push(format!(
                        "{file} {name}: kind {} not {}",
                        t["kind"], kt["kind"]
                    ));
                }
            }
            if flags.contains(&"roles") {
                checked.1 += 1;
                let columns = t["columns"].as_array().expect("columns");
                for (role, idxs) in kt["roles"].as_object().into_iter().flatten() {
                    for i in idxs
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_u64)
                    {
                        let Some(c) = columns.get(i as usize) else {
                            continue;
                        };
                        let ok = match role.strip_prefix("year:") {
                            Some(y) => c["year"].as_i64() == y.parse().ok(),
                            None => c["role"] == role.as_str(),
                        };
                        if !ok {
                            wrong.push(format!("{file} {name}: column {i} not {role}: {c}"));
                        }
                    }
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // As many as tables-ok.json records right today (kinds, role sets).
    assert!(checked.0 >= 147 && checked.1 >= 124, "{checked:?}");
}

/// The tables of the coverage are the tables `extract --tables` reads.
#[test]
fn coverage_tables_are_the_tables_read() {
    for path in [
        "samples/lkjip-2020-kec-rambipuji.txt",
        "samples/pdf/lkjip-2020-kec-ledokombo.writer.pdf",
        "tests/fixtures/real/lakip-2016-rs-jiwa-prov-jabar.pdf",
    ] {
        let coverage = coverage_of(path);
        let covered = coverage.values().next().expect("one file")["tables"]
            .as_array()
            .expect("tables")
            .clone();
        let read = json(&["extract", "--tables", "--format", "json", path]);
        let read = read.as_array().expect("tables read");
        assert_eq!(covered.len(), read.len(), "{path}");
        let paged = path.ends_with(".pdf");
        for (c, r) in covered.iter().zip(read) {
            assert_eq!(c["kind"], r["kind"], "{path}");
            assert_eq!(c["caption"], r["caption"], "{path}");
            assert_eq!(
                body_rows(c),
                r["rows"].as_array().map_or(0, Vec::len) as i64
            );
            if paged {
                assert_eq!(c["page"], r["page"], "{path}");
            } else {
                assert!(c["page"].is_null(), "{path}: a text export has no pages");
            }
            let roles: Vec<&Value> = r["roles"].as_array().expect("roles").iter().collect();
            let columns = c["columns"].as_array().expect("columns");
            assert_eq!(columns.len(), roles.len(), "{path}");
            for (col, role) in columns.iter().zip(roles) {
                assert_eq!(col["role"], role["role"]);
                assert_eq!(col["year"], role["year"]);
                assert_eq!(col["money"], role["money"]);
            }
        }
    }
}

/// The samples' measurement tables are recognised, with their roles.
#[test]
fn samples_tables_are_listed_with_kinds_and_roles() {
    let coverage = coverage_of("samples/lkjip-2020-kec-rambipuji.txt");
    let c = coverage.values().next().expect("audited");
    assert_eq!(c["tables_unrecognised"], false);
    let tables = c["tables"].as_array().expect("tables");
    let t31 = tables
        .iter()
        .find(|t| t["caption"] == "Tabel 3.1")
        .expect("Tabel 3.1 listed");
    assert_eq!(t31["kind"], "performance");
    let roles: Vec<&str> = t31["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .filter_map(|c| c["role"].as_str())
        .collect();
    for role in ["target", "realisasi", "capaian"] {
        assert!(roles.contains(&role), "{roles:?}");
    }
    assert!(
        t31["capaian_rows"]["total"]
            .as_u64()
            .is_some_and(|n| n >= 1)
    );
    assert!(tables.iter().any(|t| t["kind"] == "budget"));
    // Every rule in force is listed, with what it reported.
    let rules = c["rules"].as_array().expect("rules");
    assert!(rules.iter().any(|r| r["rule"] == "capaian-formula"));
    let findings = json(&[
        "check",
        "--format",
        "json",
        "-q",
        "samples/lkjip-2020-kec-rambipuji.txt",
    ]);
    let disagree: u64 = rules.iter().filter_map(|r| r["disagree"].as_u64()).sum();
    assert!(disagree as usize >= findings["findings"].as_array().map_or(0, Vec::len));
}

/// A report whose tables are all unrecognised says so on the first line of its block.
#[test]
fn all_tables_unrecognised_is_said_first() {
    let dir = std::env::temp_dir().join(format!("lkjip-coverage-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("laporan.md");
    std::fs::write(
        &file,
        "LAPORAN KINERJA INSTANSI PEMERINTAH TAHUN 2020\n\nBAB I PENDAHULUAN\n\n\
         Capaian kinerja dijelaskan di bawah.\n\n\
         | Nama Pegawai | Alamat Rumah |\n|---|---|\n| Budi Santoso | Jalan Mawar |\n| Siti Aminah | Jalan Melati |\n\n\
         BAB II PERENCANAAN KINERJA\n\nRencana kinerja tahun 2020.\n",
    )
    .expect("write");
    let path = file.to_string_lossy().to_string();
    let (_, stdout, _) = lkjip(&["check", "--coverage", "-q", &path]);
    let block: Vec<&str> = stdout
        .lines()
        .skip_while(|l| !l.contains("[ok]"))
        .skip(1)
        .skip_while(|l| !l.starts_with("  !!") && !l.starts_with("  Cakupan"))
        .collect();
    assert!(
        block
            .first()
            .is_some_and(|l| l.contains("tidak ada tabel yang dikenali")),
        "{stdout}"
    );
    let (_, stdout, _) = lkjip(&["check", "--coverage", "--lang", "en", "-q", &path]);
    assert!(
        stdout.contains("!! no table recognised: all 1 tables"),
        "{stdout}"
    );
    let doc = json(&["check", "--format", "json", "-q", &path]);
    assert_eq!(doc["files"][0]["coverage"]["tables_unrecognised"], true);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The run's shares end the listing's summary and are in SARIF's run properties.
#[test]
fn run_summary_and_sarif_carry_the_totals() {
    let (_, stdout, _) = lkjip(&["check", "-q", "samples/lkjip-2020-kec-rambipuji.txt"]);
    assert!(
        stdout.contains("Cakupan: tabel diperiksa ") && stdout.contains("baris capaian "),
        "{stdout}"
    );
    let sarif = json(&[
        "check",
        "--format",
        "sarif",
        "-q",
        "samples/lkjip-2020-kec-rambipuji.txt",
    ]);
    let totals = &sarif["runs"][0]["properties"]["summary"]["coverage"];
    assert!(
        totals["tables"]["total"].as_u64().is_some_and(|n| n > 0),
        "{totals}"
    );
}

/// In HTML, each finding and each table links to its page of the PDF,
/// relative to where the HTML file is.
#[test]
fn html_links_findings_and_tables_to_their_pages() {
    let dir = std::env::temp_dir().join(format!("lkjip-coverage-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let out = dir.join("hasil.html");
    let pdf = root().join("samples/pdf/lkjip-2020-kec-ledokombo.writer.pdf");
    let (_, _, stderr) = lkjip(&[
        "check",
        "-q",
        "-o",
        &out.to_string_lossy(),
        &pdf.to_string_lossy(),
    ]);
    let html = std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    assert!(
        html.contains("<details class=\"cov\">"),
        "a coverage section"
    );
    let link = Regex::new(r#"href="([^"]*lkjip-2020-kec-ledokombo\.writer\.pdf)#page=(\d+)""#)
        .expect("regex");
    let links: Vec<_> = link.captures_iter(&html).collect();
    assert!(links.len() > 5, "links to pages");
    // Relative to the HTML file's folder: up to the root, then down to the PDF.
    let target = &links[0][1];
    assert!(target.starts_with("../"), "{target}");
    let resolved = dir.join(target);
    assert!(
        std::fs::canonicalize(&resolved).ok() == std::fs::canonicalize(&pdf).ok(),
        "{target} resolves to {}",
        resolved.display()
    );
    let _ = std::fs::remove_dir_all(&dir);
}
