//! The coverage of a report in words, for the human listing (`check
//! --coverage`) and the HTML report: the four shares, the tables read with
//! their kinds and column roles, the rules' tallies and the claims.

use std::fmt::Write;

use crate::coverage::{Coverage, Figures, RuleTally, Share, TableCoverage, reasons, silent};
use crate::findings::Lang;
use crate::structure::roles::{Role, TableKind};

struct Words {
    coverage: &'static str,
    tables_checked: &'static str,
    capaian_rows: &'static str,
    budget_totals: &'static str,
    claims_tied: &'static str,
    all_unrecognised: &'static str,
    no_tables: &'static str,
    recognised: &'static str,
    unrecognised: &'static str,
    page: &'static str,
    line: &'static str,
    rows: &'static str,
    groups: &'static str,
    totals: &'static str,
    checks: &'static str,
    none: &'static str,
    rules: &'static str,
    agree: &'static str,
    disagree: &'static str,
    skipped: &'static str,
    silent: &'static str,
    skipped_because: &'static str,
    claims: &'static str,
    narrative_figures: &'static str,
    differ: &'static str,
    unmatched: &'static str,
    untitled: &'static str,
}

const ID: Words = Words {
    coverage: "Cakupan",
    tables_checked: "tabel diperiksa",
    capaian_rows: "baris capaian",
    budget_totals: "total anggaran",
    claims_tied: "angka narasi terkait tabel",
    all_unrecognised: "tidak ada tabel yang dikenali: semua",
    no_tables: "tidak ada tabel terbaca",
    recognised: "Tabel dikenali",
    unrecognised: "Tabel tidak dikenali",
    page: "hal.",
    line: "baris",
    rows: "baris",
    groups: "kelompok",
    totals: "total",
    checks: "aturan",
    none: "tidak ada",
    rules: "Aturan",
    agree: "sesuai",
    disagree: "tidak sesuai",
    skipped: "dilewati",
    silent: "aturan tanpa laporan cakupan",
    skipped_because: "Dilewati karena",
    claims: "Klaim",
    narrative_figures: "angka (persen, rupiah) di narasi",
    differ: "berbeda",
    unmatched: "tidak tercocokkan",
    untitled: "(tanpa judul)",
};

const EN: Words = Words {
    coverage: "Coverage",
    tables_checked: "tables checked",
    capaian_rows: "capaian rows",
    budget_totals: "budget totals",
    claims_tied: "narrative figures tied to a table",
    all_unrecognised: "no table recognised: all",
    no_tables: "no tables read",
    recognised: "Tables recognised",
    unrecognised: "Tables not recognised",
    page: "page",
    line: "line",
    rows: "rows",
    groups: "groups",
    totals: "totals",
    checks: "rules",
    none: "none",
    rules: "Rules",
    agree: "agree",
    disagree: "disagree",
    skipped: "skipped",
    silent: "rules reporting no coverage",
    skipped_because: "Skipped because",
    claims: "Claims",
    narrative_figures: "figures (percent, rupiah) in the narrative",
    differ: "differ",
    unmatched: "unmatched",
    untitled: "(no caption)",
};

fn words(lang: Lang) -> &'static Words {
    if lang == Lang::Id { &ID } else { &EN }
}

pub fn kind_name(kind: TableKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (TableKind::Performance, Lang::Id) => "kinerja",
        (TableKind::Performance, Lang::En) => "performance",
        (TableKind::Comparison, Lang::Id) => "perbandingan",
        (TableKind::Comparison, Lang::En) => "comparison",
        (TableKind::Renstra, _) => "renstra",
        (TableKind::Budget, Lang::Id) => "anggaran",
        (TableKind::Budget, Lang::En) => "budget",
        (TableKind::Chart, Lang::Id) => "grafik",
        (TableKind::Chart, Lang::En) => "chart",
        (TableKind::Other, Lang::Id) => "lain",
        (TableKind::Other, Lang::En) => "other",
    }
}

pub fn role_name(role: Role, lang: Lang) -> &'static str {
    match (role, lang) {
        (Role::Number, Lang::Id) => "no",
        (Role::Number, Lang::En) => "number",
        (Role::Label, _) => "label",
        (Role::Unit, Lang::Id) => "satuan",
        (Role::Unit, Lang::En) => "unit",
        (Role::Target, _) => "target",
        (Role::Realisasi, _) => "realisasi",
        (Role::Capaian, _) => "capaian",
        (Role::Anggaran, _) => "anggaran",
        (Role::Predicate, Lang::Id) => "predikat",
        (Role::Predicate, Lang::En) => "predicate",
        (Role::Other, _) => "?",
    }
}

fn share(s: Share) -> String {
    format!("{}/{}", s.checked, s.total)
}

/// "Cakupan: tabel diperiksa 41/52, baris capaian 310/333, …": the four shares.
pub fn figures_line(f: &Figures, lang: Lang) -> String {
    let w = words(lang);
    format!(
        "{}: {} {}, {} {}, {} {}, {} {}",
        w.coverage,
        w.tables_checked,
        share(f.tables),
        w.capaian_rows,
        share(f.capaian_rows),
        w.budget_totals,
        share(f.budget_totals),
        w.claims_tied,
        share(f.claims)
    )
}

/// The table's place and name: "hal. 22 Tabel 3.1 Capaian Kinerja" (a text
/// export without pages: "baris 310 …").
pub fn table_name(t: &TableCoverage, lang: Lang) -> String {
    format!("{} {}", place(t, lang), caption_text(t, lang))
}

/// "hal. 22", or "baris 310" in a text export without pages.
pub fn place(t: &TableCoverage, lang: Lang) -> String {
    let w = words(lang);
    match t.page {
        Some(p) => format!("{} {p}", w.page),
        None => format!("{} {}", w.line, t.line),
    }
}

/// The table's caption and title, "Tabel 3.1 Capaian Kinerja", at most 70 characters.
pub fn caption_text(t: &TableCoverage, lang: Lang) -> String {
    let name = match (&t.caption, &t.title) {
        (Some(c), Some(title)) => format!("{c} {title}"),
        (Some(c), None) => c.clone(),
        (None, Some(title)) => title.clone(),
        (None, None) => words(lang).untitled.to_string(),
    };
    clip(&name, 70)
}

fn clip(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// The columns' roles: "no, label, target 2016, realisasi 2016, capaian 2016".
pub fn roles_text(t: &TableCoverage, lang: Lang) -> String {
    t.columns
        .iter()
        .map(|c| {
            let mut s = role_name(c.role, lang).to_string();
            if let Some(y) = c.year {
                let _ = write!(s, " {y}");
            }
            if c.money && !matches!(c.role, Role::Anggaran) {
                s.push_str(" Rp");
            }
            s
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// "17 baris, 2 total".
pub fn rows_text(t: &TableCoverage, lang: Lang) -> String {
    let w = words(lang);
    let mut s = format!(
        "{} {}",
        t.rows.items + t.rows.groups + t.rows.totals,
        w.rows
    );
    if t.rows.groups > 0 {
        let _ = write!(s, ", {} {}", t.rows.groups, w.groups);
    }
    if t.rows.totals > 0 {
        let _ = write!(s, ", {} {}", t.rows.totals, w.totals);
    }
    s
}

/// "capaian-formula 3 sesuai 1 tidak sesuai 2 dilewati".
pub fn tally_text(r: &RuleTally, lang: Lang) -> String {
    let w = words(lang);
    let mut parts = Vec::new();
    if r.agree > 0 {
        parts.push(format!("{} {}", r.agree, w.agree));
    }
    if r.disagree > 0 {
        parts.push(format!("{} {}", r.disagree, w.disagree));
    }
    let skipped = r.skipped_count();
    if skipped > 0 {
        parts.push(format!("{skipped} {}", w.skipped));
    }
    format!("{} {}", r.rule, parts.join(" "))
}

/// "aturan: capaian-formula 3 sesuai; …" or "aturan: tidak ada".
pub fn checks_text(t: &TableCoverage, lang: Lang) -> String {
    let w = words(lang);
    let checks = if t.checks.is_empty() {
        w.none.to_string()
    } else {
        t.checks
            .iter()
            .map(|r| tally_text(r, lang))
            .collect::<Vec<_>>()
            .join("; ")
    };
    format!("{}: {checks}", w.checks)
}

/// The top line of a report whose tables were all left unrecognised, or that has none.
pub fn warning(c: &Coverage, lang: Lang) -> Option<String> {
    let w = words(lang);
    if c.tables.is_empty() {
        Some(w.no_tables.to_string())
    } else if c.tables_unrecognised {
        Some(format!(
            "{} {} {}",
            w.all_unrecognised,
            c.tables.len(),
            if lang == Lang::Id { "tabel" } else { "tables" }
        ))
    } else {
        None
    }
}

/// Pages of the unrecognised tables, "hal. 1, 2, 6 (3×)" (lines in a text
/// export without pages).
pub fn unrecognised_text(c: &Coverage, lang: Lang) -> Option<String> {
    let w = words(lang);
    let mut pages: Vec<(u32, usize)> = Vec::new();
    let mut paged = true;
    for t in c.tables.iter().filter(|t| !t.recognised) {
        paged &= t.page.is_some();
        let at = t.page.unwrap_or(t.line);
        match pages.last_mut() {
            Some((p, n)) if *p == at && t.page.is_some() => *n += 1,
            _ => pages.push((at, 1)),
        }
    }
    if pages.is_empty() {
        return None;
    }
    let n: usize = pages.iter().map(|(_, n)| n).sum();
    let list = pages
        .iter()
        .map(|(p, n)| {
            if *n > 1 {
                format!("{p} ({n}×)")
            } else {
                p.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    let unit = if paged { w.page } else { w.line };
    Some(format!("{} ({n}): {unit} {list}", w.unrecognised))
}

/// The rules that reported, and how many did not.
pub fn rules_text(c: &Coverage, lang: Lang) -> String {
    let w = words(lang);
    let reported: Vec<String> = c
        .rules
        .iter()
        .filter(|r| r.reported())
        .map(|r| tally_text(r, lang))
        .collect();
    let mut s = format!("{}: ", w.rules);
    if reported.is_empty() {
        s.push_str(w.none);
    } else {
        s.push_str(&reported.join("; "));
    }
    let quiet = silent(c);
    if quiet > 0 {
        let _ = write!(s, " ({quiet} {})", w.silent);
    }
    s
}

/// "Dilewati karena: kolom tidak dikenali 5; …", when something was skipped.
pub fn reasons_text(c: &Coverage, lang: Lang) -> Option<String> {
    let w = words(lang);
    let all = reasons(&c.rules);
    if all.is_empty() {
        return None;
    }
    let list = all
        .iter()
        .map(|(en, id, n)| format!("{} {n}", if lang == Lang::Id { id } else { en }))
        .collect::<Vec<_>>()
        .join("; ");
    Some(format!("{}: {list}", w.skipped_because))
}

/// "Klaim: 12 angka … di narasi; 0 sesuai, 0 berbeda, 0 tidak tercocokkan".
pub fn claims_text(c: &Coverage, lang: Lang) -> String {
    let w = words(lang);
    format!(
        "{}: {} {}; {} {}, {} {}, {} {}",
        w.claims,
        c.claims.narrative_figures,
        w.narrative_figures,
        c.claims.agree,
        w.agree,
        c.claims.differ,
        w.differ,
        c.claims.unmatched,
        w.unmatched
    )
}

/// The compact block of `check --coverage`, indented under the file's header.
pub fn write_block(out: &mut String, c: &Coverage, lang: Lang) {
    let w = words(lang);
    if let Some(warning) = warning(c, lang) {
        let _ = writeln!(out, "  !! {warning}");
    }
    let _ = writeln!(out, "  {}", figures_line(&c.figures, lang));
    let recognised: Vec<&TableCoverage> = c.tables.iter().filter(|t| t.recognised).collect();
    if !recognised.is_empty() {
        let _ = writeln!(out, "    {} ({}):", w.recognised, recognised.len());
        for t in recognised {
            let _ = writeln!(
                out,
                "      {} [{}] {}; {}; {}",
                table_name(t, lang),
                kind_name(t.kind, lang),
                roles_text(t, lang),
                rows_text(t, lang),
                checks_text(t, lang)
            );
        }
    }
    if let Some(line) = unrecognised_text(c, lang) {
        let _ = writeln!(out, "    {line}");
    }
    let _ = writeln!(out, "    {}", rules_text(c, lang));
    if let Some(line) = reasons_text(c, lang) {
        let _ = writeln!(out, "    {line}");
    }
    let _ = writeln!(out, "    {}", claims_text(c, lang));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coverage::{Claims, Column, Rows, Skipped};

    fn table(page: Option<u32>, line: u32, kind: TableKind) -> TableCoverage {
        TableCoverage {
            page,
            pages: page.into_iter().collect(),
            line,
            caption: Some("Tabel 3.1".to_string()),
            title: Some("Capaian Kinerja".to_string()),
            kind,
            recognised: kind != TableKind::Other,
            columns: vec![
                Column {
                    label: "No".to_string(),
                    role: Role::Number,
                    year: None,
                    money: false,
                },
                Column {
                    label: "Target 2020".to_string(),
                    role: Role::Target,
                    year: Some(2020),
                    money: false,
                },
                Column {
                    label: "Pagu (Rp)".to_string(),
                    role: Role::Realisasi,
                    year: None,
                    money: true,
                },
                Column {
                    label: "Anggaran (Rp)".to_string(),
                    role: Role::Anggaran,
                    year: None,
                    money: true,
                },
            ],
            rows: Rows {
                items: 15,
                groups: 0,
                totals: 2,
            },
            checked: false,
            capaian_rows: None,
            budget_totals: None,
            checks: Vec::new(),
        }
    }

    fn tally(rule: &str, agree: usize, disagree: usize, skipped: usize) -> RuleTally {
        RuleTally {
            rule: rule.to_string(),
            kind: "table_column_sum".to_string(),
            agree,
            disagree,
            skipped: if skipped > 0 {
                vec![Skipped {
                    en: "columns not recognised",
                    id: "kolom tidak dikenali",
                    count: skipped,
                }]
            } else {
                Vec::new()
            },
        }
    }

    #[test]
    fn a_report_whose_tables_are_all_unrecognised_says_so_first() {
        let c = Coverage {
            tables_unrecognised: true,
            tables: vec![
                table(Some(1), 3, TableKind::Other),
                table(Some(2), 5, TableKind::Other),
                table(Some(6), 2, TableKind::Other),
                table(Some(6), 20, TableKind::Other),
                table(Some(6), 40, TableKind::Other),
            ],
            ..Coverage::default()
        };
        let mut out = String::new();
        write_block(&mut out, &c, Lang::Id);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            "  !! tidak ada tabel yang dikenali: semua 5 tabel"
        );
        assert!(
            lines[1].starts_with("  Cakupan: tabel diperiksa 0/0"),
            "{out}"
        );
        assert!(
            out.contains("    Tabel tidak dikenali (5): hal. 1, 2, 6 (3×)\n"),
            "{out}"
        );
        assert!(!out.contains("Tabel dikenali"), "{out}");
        assert_eq!(
            warning(&c, Lang::En).as_deref(),
            Some("no table recognised: all 5 tables")
        );
    }

    #[test]
    fn a_report_without_tables_says_so_and_one_with_recognised_tables_gives_no_warning() {
        let empty = Coverage::default();
        assert_eq!(
            warning(&empty, Lang::Id).as_deref(),
            Some("tidak ada tabel terbaca")
        );
        assert_eq!(warning(&empty, Lang::En).as_deref(), Some("no tables read"));
        let fine = Coverage {
            tables: vec![table(Some(1), 3, TableKind::Performance)],
            ..Coverage::default()
        };
        assert_eq!(warning(&fine, Lang::Id), None);
        assert_eq!(unrecognised_text(&fine, Lang::Id), None);
    }

    #[test]
    fn a_recognised_table_is_named_with_its_kind_roles_rows_and_rules() {
        let mut t = table(Some(22), 4, TableKind::Performance);
        t.checks = vec![tally("capaian-formula", 3, 1, 2)];
        let c = Coverage {
            tables: vec![t, table(None, 310, TableKind::Other)],
            rules: vec![
                tally("capaian-formula", 3, 1, 2),
                tally("table-column-sum", 0, 0, 0),
            ],
            claims: Claims {
                narrative_figures: 12,
                agree: 4,
                differ: 1,
                unmatched: 7,
            },
            ..Coverage::default()
        };
        let mut out = String::new();
        write_block(&mut out, &c, Lang::Id);
        assert!(!out.contains("!!"), "{out}");
        assert!(
            out.contains(
                "    Tabel dikenali (1):\n      hal. 22 Tabel 3.1 Capaian Kinerja [kinerja] \
                 no, target 2020, realisasi Rp, anggaran; 17 baris, 2 total; \
                 aturan: capaian-formula 3 sesuai 1 tidak sesuai 2 dilewati\n"
            ),
            "{out}"
        );
        // Without pages, the place is a line.
        assert!(
            out.contains("Tabel tidak dikenali (1): baris 310\n"),
            "{out}"
        );
        assert!(
            out.contains(
                "    Aturan: capaian-formula 3 sesuai 1 tidak sesuai 2 dilewati \
                 (1 aturan tanpa laporan cakupan)\n"
            ),
            "{out}"
        );
        assert!(
            out.contains("    Dilewati karena: kolom tidak dikenali 2\n"),
            "{out}"
        );
        assert!(
            out.ends_with(
                "    Klaim: 12 angka (persen, rupiah) di narasi; 4 sesuai, 1 berbeda, 7 tidak tercocokkan\n"
            ),
            "{out}"
        );
        let mut en = String::new();
        write_block(&mut en, &c, Lang::En);
        assert!(en.contains("[performance] number, target 2020"), "{en}");
        assert!(
            en.contains("Skipped because: columns not recognised 2"),
            "{en}"
        );
        assert!(
            en.contains("Rules: capaian-formula 3 agree 1 disagree 2 skipped"),
            "{en}"
        );
    }

    #[test]
    fn a_table_without_rules_and_a_run_without_abstentions() {
        let t = table(Some(1), 1, TableKind::Budget);
        assert_eq!(checks_text(&t, Lang::Id), "aturan: tidak ada");
        assert_eq!(checks_text(&t, Lang::En), "rules: none");
        let c = Coverage {
            rules: vec![tally("a", 0, 0, 0)],
            ..Coverage::default()
        };
        assert_eq!(
            rules_text(&c, Lang::En),
            "Rules: none (1 rules reporting no coverage)"
        );
        assert_eq!(reasons_text(&c, Lang::En), None);
    }

    #[test]
    fn the_four_shares() {
        let f = Figures {
            tables: Share {
                checked: 41,
                total: 52,
            },
            capaian_rows: Share {
                checked: 310,
                total: 333,
            },
            ..Figures::default()
        };
        assert_eq!(
            figures_line(&f, Lang::Id),
            "Cakupan: tabel diperiksa 41/52, baris capaian 310/333, total anggaran 0/0, \
             angka narasi terkait tabel 0/0"
        );
        assert!(figures_line(&f, Lang::En).starts_with("Coverage: tables checked 41/52"));
    }

    #[test]
    fn a_long_caption_is_clipped_and_a_missing_one_named() {
        let mut t = table(Some(1), 1, TableKind::Performance);
        t.title = Some("é".repeat(100));
        let name = caption_text(&t, Lang::Id);
        assert_eq!(name.chars().count(), 71, "{name}");
        assert!(name.ends_with('…'));
        t.caption = None;
        t.title = None;
        assert_eq!(caption_text(&t, Lang::Id), "(tanpa judul)");
        assert_eq!(caption_text(&t, Lang::En), "(no caption)");
    }

    #[test]
    fn group_rows_are_counted_apart() {
        let mut t = table(Some(1), 1, TableKind::Budget);
        t.rows = Rows {
            items: 4,
            groups: 2,
            totals: 0,
        };
        assert_eq!(rows_text(&t, Lang::Id), "6 baris, 2 kelompok");
        assert_eq!(rows_text(&t, Lang::En), "6 rows, 2 groups");
    }
}
