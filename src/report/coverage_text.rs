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
