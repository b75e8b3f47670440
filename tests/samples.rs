//! The binary on the real reports in samples/: findings verified by hand, and
//! consistent figures that must not be flagged.

use std::process::Command;

use serde_json::Value;

mod common;
use common::{lkjip as run, root};

fn findings(path: &str) -> Vec<Value> {
    let (code, stdout, stderr) = run(&["check", "--format", "json", path]);
    assert_eq!(code, 1, "errors are found, so exit 1; stderr: {stderr}");
    let doc: Value = serde_json::from_str(&stdout).expect("valid JSON");
    doc["findings"].as_array().expect("findings array").clone()
}

fn has(fs: &[Value], rule: &str, line: u64, stated: &str, expected: &str) -> bool {
    fs.iter().any(|f| {
        f["rule"] == rule
            && f["line"] == line
            && f["stated"].as_str().is_some_and(|s| s.contains(stated))
            && f["expected"].as_str().is_some_and(|s| s.contains(expected))
    })
}

fn assert_has(fs: &[Value], rule: &str, line: u64, stated: &str, expected: &str) {
    assert!(
        has(fs, rule, line, stated, expected),
        "missing {rule} at line {line} ({stated} → {expected}); got:\n{}",
        fs.iter()
            .map(|f| format!(
                "{} {} {} → {}",
                f["line"], f["rule"], f["stated"], f["expected"]
            ))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

const LEDOKOMBO: &str = "samples/lkjip-2020-kec-ledokombo.txt";
const RAMBIPUJI: &str = "samples/lkjip-2020-kec-rambipuji.txt";

#[test]
fn ledokombo_errors_are_found() {
    let fs = findings(LEDOKOMBO);
    // Tabel 3.1: 71,20 / 85 × 100 = 83,76 and 95,43 / 80 × 100 = 119,29.
    assert_has(&fs, "capaian-formula", 322, "71,20%", "83,76%");
    assert_has(&fs, "capaian-formula", 323, "95,43%", "119,29%");
    // (71,20 + 95,43) / 2 = 83,315.
    assert_has(&fs, "average-claim", 364, "74,61 %", "83,3");
    assert_has(&fs, "average-claim", 409, "74.61 %", "83,3");
    assert_has(&fs, "malformed-number", 493, "1.414.,972450'00", "");
    assert_has(&fs, "malformed-number", 84, "1.071.696.950,,-", "");
    // 1.105.651.826 + 400.000.000 = 1.505.651.826.
    assert_has(&fs, "parts-sum", 433, "1.567.096", "1.505.651.826");
    // 400.000.000 / 1.505.651.826 = 26,57 %; 1.105.651.826 / 1.505.651.826 = 73,43 %.
    assert_has(&fs, "share-of-total", 440, "36,17%", "26,57%");
    assert_has(&fs, "share-of-total", 440, "63,83%", "73,43%");
    assert_has(&fs, "list-count", 244, "5", "6");
    assert_has(&fs, "year-mentions", 339, "2018", "2019");
    assert_has(&fs, "year-mentions", 495, "2020", "2021");
    // Ikhtisar and Penutup against the TOTAL row of the budget table.
    assert_has(
        &fs,
        "same-realisasi-belanja-langsung",
        86,
        "343.275.500",
        "346.716.000",
    );
    assert_has(
        &fs,
        "same-realisasi-belanja-langsung",
        86,
        "98,08 %",
        "86,67%",
    );
    assert_has(
        &fs,
        "same-realisasi-belanja-langsung",
        493,
        "343.275.500",
        "346.716.000",
    );
    assert_has(
        &fs,
        "same-realisasi-belanja-langsung",
        493,
        "98,08%",
        "86,67%",
    );
    assert_has(
        &fs,
        "same-anggaran-belanja-langsung",
        84,
        "343.275.500",
        "400.000.000",
    );
    // Tabel 3.3: 95,43 / 80 × 100 = 119,29, not 4,00.
    assert_has(&fs, "table-progress", 350, "4,00%", "119,29%");
    // Renstra funding: 90.792 + 90.794 + 90.796 + 90.798 + 90.800 + 1.000.000 = 1.453.980.
    assert_has(&fs, "table-row-sum", 598, "1.474.752", "1.453.980");
    // Koordinasi Pelayanan Umum: narrative 82,95 %, budget table 89,36 %.
    assert_has(&fs, "activity-figures", 373, "82,95 %", "89,36%");
    assert_has(&fs, "evaluated-count", 331, "3 indikator", "2 indikator");
    assert_has(&fs, "citation-year", 765, "2015", "2014");
    assert_has(&fs, "template-text", 166, "Nomor ... Tahun", "");
    assert_has(
        &fs,
        "template-text",
        364,
        "sangat berhasil/ berhasil kurang/cukup",
        "",
    );
    assert_has(
        &fs,
        "template-text",
        409,
        "sangat berhasil/ berhasil/ kurang/cukup",
        "",
    );
    assert_has(&fs, "empty-required-cell", 394, "", "TINGKAT KEMAJUAN");
    // Bab II cites the IKU decree as "Keputusan Camat Ledokombo Nomor 05 Tahun
    // 2020"; the decree attached (line 746–749) is "Nomor : 065/09 /1.31/2020".
    assert_has(&fs, "decree-number", 282, "05 Tahun 2020", "09 Tahun 2020");
    // "Keseluruhan anggaran Program sejumlah Rp 400.000.000,- … sebesar 8,56% /
    // 9,18 % dari keseluruhan belanja langsung": the belanja langsung is
    // 400.000.000, so 400.000.000 is 100 % of it.
    assert_has(&fs, "amount-share", 475, "8,56%", "100,00%");
    assert_has(&fs, "amount-share", 483, "9,18 %", "100,00%");
    // Program III has no figure of its own: its kegiatan make 36.750.000 +
    // 137.795.000 = 174.545.000, not the 36.750.000 the narrative gives it.
    assert_has(
        &fs,
        "narrative-budget-figures",
        481,
        "36.750.000",
        "174.545.000",
    );
    // Bab II lists its kegiatan with "Indikator Keluaran Kegiatan :" and
    // nothing after it (the last one, before running text, is left unjudged).
    for line in [250, 252, 255, 258] {
        assert_has(
            &fs,
            "empty-output-indicator",
            line,
            "",
            "Indikator Keluaran",
        );
    }
}

#[test]
fn rambipuji_errors_are_found() {
    let fs = findings(RAMBIPUJI);
    assert_has(&fs, "year-mentions", 54, "2018", "2020");
    assert_has(&fs, "year-mentions", 65, "2019", "2020");
    assert_has(&fs, "signature-year", 27, "Pebruari 2020", "2021");
    // Penutup: "1 baik, 1 cukup"; Tabel 3.1 gives 90 % and 93,94 %, both BAIK (76–100 %).
    assert_has(&fs, "predicate-counts", 489, "1", "2");
    assert_has(&fs, "predicate-counts", 489, "1", "0");
    assert_has(&fs, "average-claim", 379, "93,94%", "93,13%");
    assert_has(&fs, "evaluated-count", 317, "1 sasaran", "2 sasaran");
    assert_has(&fs, "evaluated-count", 317, "1 indikator", "2 indikator");
    assert_has(&fs, "duplicate-table-number", 351, "Tabel 3.2", "");
    assert_has(&fs, "citation-year", 579, "2015", "2014");
    // The IKU decree's dictums: KESATU … KEEMPAT, then KEENAM.
    assert_has(&fs, "dictum-sequence", 597, "KEENAM", "KELIMA");
}

#[test]
fn consistent_figures_are_not_flagged() {
    let ramb = findings(RAMBIPUJI);
    let ledo = findings(LEDOKOMBO);
    // Rambipuji's programme table is right on every row and total
    // (400.000.000 and 384.547.200, 96,14 %), and so is its budget composition
    // (230.100.000 + 152.400.000 + 17.500.000 = 400.000.000;
    //  1.329.782.597,10 + 400.000.000 = 1.729.782.597,10; 23 % / 77 %).
    for f in &ramb {
        let line = f["line"].as_u64().unwrap_or(0);
        assert!(
            !(429..=461).contains(&line),
            "false alarm in the budget section: {f}"
        );
        assert!(
            ![82, 84, 491, 308, 309, 336, 366].contains(&line),
            "false alarm: {f}"
        );
        for rule in [
            "table-column-sum",
            "table-percentage",
            "parts-sum",
            "share-of-total",
            "capaian-formula",
            "list-count",
            "table-progress",
            "activity-figures",
            // "Nomor 5 Tahun 2020" is the decree's "065/ 05 /35.09.10/2020".
            "decree-number",
            // 28.115.000 / 400.000.000 = 7,03 % ("7%"), 133.950.000 → 33,49 % ("33%").
            "amount-share",
            // Every "Indikator Keluaran Kegiatan :" has its indicator.
            "empty-output-indicator",
        ] {
            assert_ne!(f["rule"], rule, "false alarm: {f}");
        }
    }
    // Ledokombo's budget table adds up (97,003 and 71,67 are truncations, not errors).
    for f in &ledo {
        let line = f["line"].as_u64().unwrap_or(0);
        assert!(
            !(446..=458).contains(&line),
            "false alarm in the budget table: {f}"
        );
        // Correct counts: 2 sasaran, 4 programmes, 1 + 1 and 1 + 2 per sasaran.
        assert!(![215, 227, 366, 411].contains(&line), "false alarm: {f}");
        // Signed 10 Februari 2021 for the 2020 report: right.
        assert!(line != 21, "false alarm: {f}");
        // The IKU decree's dictums run KESATU … KELIMA.
        assert_ne!(f["rule"], "dictum-sequence", "false alarm: {f}");
    }
    // Renstra rows that add up (66.000, 747.666, …) are not flagged; only row 598 is.
    let row_sums: Vec<u64> = ledo
        .iter()
        .filter(|f| f["rule"] == "table-row-sum")
        .filter_map(|f| f["line"].as_u64())
        .collect();
    assert_eq!(row_sums, vec![598]);
}

#[test]
fn output_is_sorted_and_identical_across_thread_counts() {
    let one = Command::new(env!("CARGO_BIN_EXE_lkjip-audit"))
        .args(["check", "--format", "json", "samples/"])
        .env("RAYON_NUM_THREADS", "1")
        .output()
        .expect("run");
    let many = Command::new(env!("CARGO_BIN_EXE_lkjip-audit"))
        .args(["check", "--format", "json", "samples/"])
        .env("RAYON_NUM_THREADS", "4")
        .output()
        .expect("run");
    assert_eq!(one.stdout, many.stdout);
    let doc: Value = serde_json::from_slice(&one.stdout).expect("json");
    // PDFs (samples/pdf/) are sorted by page, then line.
    let keys: Vec<(String, u64, u64)> = doc["findings"]
        .as_array()
        .expect("array")
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap_or("").to_string(),
                f["page"].as_u64().unwrap_or(0),
                f["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(doc["tool"]["name"], "lkjip-audit");
    // The two text samples, and their PDF renderings when samples/pdf/ holds them.
    assert!(doc["files"].as_array().map_or(0, |a| a.len()) >= 2);
}

#[test]
fn synthetic_report_exercises_formats_and_polarity() {
    let (code, stdout, _) = run(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/synthetic-dinas.md",
    ]);
    assert_eq!(code, 1);
    let doc: Value = serde_json::from_str(&stdout).expect("json");
    let fs = doc["findings"].as_array().expect("array").clone();
    // Negative polarity: (20 − (25 − 20)) / 20 × 100 = 75; the first row (110) is right.
    assert_has(&fs, "capaian-formula", 32, "80", "75");
    assert!(
        !fs.iter()
            .any(|f| f["rule"] == "capaian-formula" && (f["line"] == 30 || f["line"] == 31))
    );
    assert_has(&fs, "digits-words", 15, "3 (empat)", "3 (tiga)");
    assert_has(&fs, "required-chapters", 1, "", "BAB II");
    // A pdftotext -layout table with a wrapped cell: the TOTAL is off by 10.000.000,
    // programme II's percentage is wrong, everything else adds up.
    assert_has(&fs, "table-column-sum", 45, "460.000.000", "450.000.000");
    assert_has(&fs, "table-percentage", 43, "90,00", "93,33");
    // The scale "(sangat baik …)" the report states: 75 is CUKUP, not Baik; sasaran 1 (110) is right.
    assert_has(&fs, "predicate-scale", 67, "Baik", "CUKUP");
    assert!(
        !fs.iter().any(|f| f["line"] == 65),
        "sasaran 1 is Sangat Baik by the negative formula"
    );
    // "(dalam ribuan)": 3.000 + 3.000 = 6.000 thousand, not 7.000.
    assert_has(&fs, "table-row-sum", 73, "7.000", "6.000");
    assert!(
        !fs.iter().any(|f| f["line"] == 72),
        "1.500 + 2.500 = 4.000 is right"
    );
    assert_eq!(fs.len(), 8, "{fs:#?}");
    assert_eq!(doc["files"][0]["status"], "ok");
}

#[test]
fn english_listing_and_exit_codes() {
    let (code, stdout, _) = run(&["check", "--lang", "en", RAMBIPUJI]);
    assert_eq!(code, 1);
    assert!(stdout.contains("Stated: 2018"), "{stdout}");
    assert!(stdout.contains("line 54"), "{stdout}");
    let (code, stdout, _) = run(&["check", RAMBIPUJI]);
    assert_eq!(code, 1);
    assert!(stdout.contains("baris 54"));
    assert!(stdout.contains("Tertulis: 2018"));
    let (code, _, _) = run(&["check", "--fail-on", "never", RAMBIPUJI]);
    assert_eq!(code, 0);
    // A path that is not there is that path's error, not the run's (issue 15):
    // the run says nothing was audited, and fails only when asked to.
    let (code, stdout, stderr) = run(&["check", "no/such/folder"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("no/such/folder [galat]"), "{stdout}");
    assert!(stderr.contains("nothing was audited"), "{stderr}");
    let (code, _, _) = run(&["check", "--fail-on-unreadable", "no/such/folder"]);
    assert_eq!(code, 1);
    let (code, _, _) = run(&["check", "--lang", "fr", RAMBIPUJI]);
    assert_eq!(code, 2);
}

#[test]
fn non_reports_are_skipped_and_the_batch_goes_on() {
    let dir = std::env::temp_dir().join(format!("lkjip-batch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(
        dir.join("notes.txt"),
        "Daftar belanja: beras, gula, minyak.\n",
    )
    .expect("write");
    std::fs::write(dir.join("photo.jpg"), [0xff, 0xd8, 0xff]).expect("write");
    std::fs::write(dir.join("empty.md"), "").expect("write");
    std::fs::copy(RAMBIPUJI, dir.join("r.txt")).expect("copy");
    let before = std::fs::read(dir.join("r.txt")).expect("read");
    let (code, stdout, _) = run(&["check", "--format", "json", dir.to_str().expect("utf8")]);
    assert_eq!(code, 1);
    let doc: Value = serde_json::from_str(&stdout).expect("json");
    let status: Vec<(String, String)> = doc["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| {
            let p = f["path"].as_str().unwrap_or("");
            (
                p.rsplit('/').next().unwrap_or("").to_string(),
                f["status"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        status,
        vec![
            ("empty.md".to_string(), "no_text".to_string()),
            ("notes.txt".to_string(), "skipped".to_string()),
            ("photo.jpg".to_string(), "skipped".to_string()),
            ("r.txt".to_string(), "ok".to_string()),
        ]
    );
    // Input files are never modified.
    assert_eq!(std::fs::read(dir.join("r.txt")).expect("read"), before);
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

#[test]
fn a_broken_rule_file_names_file_line_and_column() {
    let dir = std::env::temp_dir().join(format!("lkjip-rules-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(
        dir.join("mine.toml"),
        "[[rule]]\nid = \"x\"\nkind = \"template_text\"\ncategory = \"format\"\nseverity = \"warning\"\nmessage = { id = \"a\", en = \"b\" }\n[rule.params]\ntemplates = [{ pattern = \"(unclosed\", what = { id = \"a\", en = \"b\" } }]\n",
    )
    .expect("write");
    let (code, _, stderr) = run(&["check", "--rules", dir.to_str().expect("utf8"), RAMBIPUJI]);
    assert_eq!(code, 2);
    assert!(stderr.contains("mine.toml:8:27"), "{stderr}");
    assert!(stderr.contains("invalid pattern"), "{stderr}");
    // A valid extra rule is applied.
    std::fs::write(
        dir.join("mine.toml"),
        "[[rule]]\nid = \"kendala\"\nkind = \"template_text\"\ncategory = \"format\"\nseverity = \"info\"\nmessage = { id = \"Kendala: {stated}\", en = \"Obstacle: {stated}\" }\n[rule.params]\ntemplates = [{ pattern = \"Kurangnya persyaratan\", what = { id = \"a\", en = \"b\" } }]\n",
    )
    .expect("write");
    let (_, stdout, _) = run(&[
        "check",
        "--format",
        "json",
        "--rules",
        dir.to_str().expect("utf8"),
        RAMBIPUJI,
    ]);
    let doc: Value = serde_json::from_str(&stdout).expect("json");
    let n = doc["findings"]
        .as_array()
        .expect("array")
        .iter()
        .filter(|f| f["rule"] == "kendala")
        .count();
    assert_eq!(n, 3);
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

/// Reports from the generated corpus (examples/gen_corpus/) that once showed
/// pipeline mistakes: each is consistent except where a finding is expected.
#[test]
fn generated_reports_that_found_pipeline_mistakes() {
    // "5 | Jumlah kasus pelanggaran perda (negatif)" is an indicator row, not a
    // total: the average claim counts it and agrees.
    let fs = findings_any("tests/fixtures/generated/numbered-jumlah-row.txt");
    assert!(fs.is_empty(), "{fs:#?}");
    // Capaian 75,76 on a scale of 55–75 Cukup, 76–100 Baik falls between bands:
    // "Cukup" is a fair reading and is not flagged.
    // The same value counted under "cukup" in "2 baik, 3 cukup" is fair too.
    let fs = findings_any("tests/fixtures/generated/capaian-in-scale-gap.txt");
    assert!(fs.is_empty(), "{fs:#?}");
    // But a count outside every reading is wrong: 81,36 and 100,00 are Baik
    // whichever way 75,76 is read, so at least 2.
    let text = read("tests/fixtures/generated/capaian-in-scale-gap.txt");
    let fs = findings_of_variant(
        "counts-outside-the-gap.txt",
        &text.replace(
            "2 (dua) indikator dalam kategori baik",
            "1 (satu) indikator dalam kategori baik",
        ),
    );
    assert_has(&fs, "predicate-counts", 86, "1 baik", "2–3 baik");
    assert_eq!(fs.len(), 1, "{fs:#?}");
    // Row 7 of the progress table has no TINGKAT KEMAJUAN while its target
    // and realisation are bare two-digit numbers ("83", "61"), which the table
    // reader alone does not take for figures.
    let fs = findings_any("tests/fixtures/generated/empty-cell-beside-small-numbers.txt");
    assert_has(&fs, "empty-required-cell", 142, "", "TINGKAT KEMAJUAN");
    assert_eq!(fs.len(), 1, "{fs:#?}");
    // A PDF (gen_corpus --pdf --tight) whose page 2 opens with a new table
    // right after the previous page ended with another: the new one keeps its
    // own columns, so "Kondisi Akhir Periode Rp" stays one header and its
    // wrong row total is found.
    let fs = findings_any("tests/fixtures/generated/new-table-at-page-top.pdf");
    assert_has(&fs, "table-row-sum", 4, "2.674.797", "2.625.797");
    assert_eq!(fs.len(), 1, "{fs:#?}");
    // One program over one activity, and a TOTAL that is not its sum.
    let fs = findings_any("tests/fixtures/generated/single-program-wrong-total.txt");
    assert_has(&fs, "table-column-sum", 61, "166.500.000", "162.500.000");
}

/// A label that wraps in its cell leaves its last word on a line of its own
/// ("a. Belanja Tidak  Rp. 1.105.651.826" above "Langsung"): that word belongs
/// to the part, and the list goes on, so the sample's shares are still checked.
#[test]
fn a_part_whose_label_wraps_stays_in_the_composition() {
    let text = read(LEDOKOMBO);
    let list = "- |                           |                   |\n\
                |---------------------------|-------------------|\n\
                | a. Belanja Tidak Langsung | Rp. 1.105.651.826 |\n\
                | b. Belanja Langsung       | Rp. 400.000.000   |\n";
    assert_eq!(text.matches(list).count(), 1, "the sample's list of parts");
    let fs = findings_of_variant(
        "wrapped-label.txt",
        &text.replace(
            list,
            "a. Belanja Tidak\tRp. 1.105.651.826\nLangsung\nb. Belanja Langsung\tRp. 400.000.000\n",
        ),
    );
    assert_has(&fs, "parts-sum", 433, "1.567.096", "1.505.651.826");
    assert_has(&fs, "share-of-total", 439, "36,17%", "26,57%");
    assert_has(&fs, "share-of-total", 439, "63,83%", "73,43%");
}

/// Labels cut where their cells wrap ("a. Belanja Tidak | Rp." above
/// "Langsung | 1.105.651.826") leave two parts called "Langsung": which share
/// is whose is unknown, so no share is judged (it was, against the wrong part:
/// "36,17 %, should be 73,43 %"). The parts still add up to the whole.
#[test]
fn shares_are_not_judged_against_parts_whose_labels_were_cut() {
    let text = read(LEDOKOMBO);
    let cut = text
        .replace(
            "| a. Belanja Tidak Langsung | Rp. 1.105.651.826 |",
            "| a. Belanja Tidak | Rp. |\n| Langsung | 1.105.651.826 |",
        )
        .replace(
            "| b. Belanja Langsung       | Rp. 400.000.000   |",
            "| b. Belanja | Rp. |\n| Langsung | 400.000.000 |",
        );
    assert_eq!(
        cut.matches("| Langsung |").count(),
        2,
        "the sample's list of parts"
    );
    let fs = findings_of_variant("cut-labels.txt", &cut);
    let shares: Vec<&Value> = fs
        .iter()
        .filter(|f| f["rule"] == "share-of-total")
        .collect();
    assert!(shares.is_empty(), "{shares:#?}");
    assert_has(&fs, "parts-sum", 433, "1.567.096", "1.505.651.826");
}

/// A composition list read with one part only (its other line lost to the
/// layout) gives no share to check: 100 % of itself is not what it states.
#[test]
fn a_share_is_not_judged_against_a_list_read_with_one_part() {
    let text = read(LEDOKOMBO);
    let one_part = text.replace("| a. Belanja Tidak Langsung | Rp. 1.105.651.826 |", "");
    assert_ne!(one_part, text, "the sample's list of parts");
    let fs = findings_of_variant("one-part.txt", &one_part);
    assert!(
        !fs.iter().any(|f| f["rule"] == "share-of-total"),
        "{:#?}",
        fs.iter()
            .filter(|f| f["rule"] == "share-of-total")
            .collect::<Vec<_>>()
    );
}

/// A "(n-1)" header cell wrapped over two lines ("Th. 2018 (n-" above "1)"), as a
/// narrow column prints it, is still read as the (n-1) column: the wrong year
/// is found on the line that shows it, and only once.
#[test]
fn a_wrapped_n_minus_1_header_is_still_checked() {
    let text = read(LEDOKOMBO);
    let header = "\t\t\t\tTh. 2018 (n-1)\tTh. 2020 (n)\n";
    assert_eq!(text.matches(header).count(), 1, "the sample's header");
    let fs = findings_of_variant(
        "wrapped-header.txt",
        &text.replace(header, "\t\t\t\tTh. 2018 (n-\tTh. 2020\n\t\t\t\t1)\t(n)\n"),
    );
    assert_has(&fs, "year-mentions", 339, "2018", "2019");
    let years: Vec<&Value> = fs
        .iter()
        .filter(|f| f["rule"] == "year-mentions" && f["stated"] == "2018")
        .collect();
    assert_eq!(years.len(), 1, "{years:#?}");
}

/// A file of the repository, as text.
fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The findings on a variant of a report, written as
/// target/test-output/samples/NAME for the audit (and for a reader of a failure).
fn findings_of_variant(name: &str, text: &str) -> Vec<Value> {
    let dir = root().join("target/test-output/samples");
    std::fs::create_dir_all(&dir).expect("output dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write variant");
    findings_any(path.to_str().expect("utf-8 path"))
}

fn findings_any(path: &str) -> Vec<Value> {
    let (_, stdout, stderr) = run(&["check", "--format", "json", path]);
    let doc: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    doc["findings"].as_array().expect("findings array").clone()
}
