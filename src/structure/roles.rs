//! What each column of a table holds, read from its header's meaning (the
//! header cells above it, bottom one first) and, where the header says
//! nothing, from its cells; and what kind of table the columns make.
//! Checks rely on these roles instead of matching labels themselves, and
//! abstain on a table whose roles are not established.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use crate::facts::figures::{Figure, FigureKind};

/// The role of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Row numbering ("No").
    Number,
    /// Names of what a row is about: indicator, sasaran, program, kegiatan, uraian…
    Label,
    /// Unit of measure ("Satuan").
    Unit,
    Target,
    Realisasi,
    /// Achievement: realisasi against target, in percent.
    Capaian,
    /// Budget: anggaran, pagu.
    Anggaran,
    /// A verdict on a scale: predikat, kategori.
    Predicate,
    /// Anything else (remarks, sources, other measures).
    Other,
}

/// A column's role, the year it is about and whether it holds money.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnRole {
    pub role: Role,
    /// The year the column's header names ("Target 2016", "Th. 2019").
    pub year: Option<i32>,
    /// Amounts of money (Rp, anggaran, pagu, keuangan) rather than counts or percentages.
    pub money: bool,
}

/// What a table is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TableKind {
    /// Target, realisasi and capaian of the report's indicators.
    Performance,
    /// The same measures over several years, or against another reference.
    Comparison,
    /// Targets over the plan's years (Renstra, RKT, Perjanjian Kinerja).
    Renstra,
    /// Money: anggaran and realisasi of programs and activities.
    Budget,
    Other,
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

static NUMBER: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\s*(no|n0|nomor|no\s*urut)\s*\.?\s*$"));
static PERCENT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)%|\bpersen|\bpersentase|\bpresentase|\bprosentase"));
static CAPAIAN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)capaian|pencapaian|tingkat\s+(kemajuan|penyerapan|capaian|efisiensi)|penyerapan|\bcapai\b",
    )
});
static TARGET: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\btarg?et\b|\brencana\b|\bsasaran\s+\d"));
static REALISASI: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)realisasi|\bhasil\b|\bspj\b|\bfisik\b"));
static ANGGARAN: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)anggaran|\bpagu\b|alokasi|\brpd\b|\bdana\b|\bbelanja\b"));
static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\brp\b|rp\.|rupiah|anggaran|\bpagu\b|keuangan|\bkeu\b|\bspj\b|alokasi|\bdana\b|\(ribu|\bjuta\b|miliar|milyar",
    )
});
static PREDICATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)predikat|kategori|katagori|kriteria|\bwarna\b|tercapai\s*/\s*tidak|\bnilai\s+(akhir|kinerja)\b",
    )
});
static UNIT: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\s*satuan\b|^\s*sat\.?\s*$"));
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)indikator|sasaran|tujuan|program|kegiatan|uraian|\bjenis\b|\bmisi\b|lapangan usaha|\bbulan\b|personil|esselon|eselon|strata|kewenangan|sumber\s+(dana|pendanaan)|\biku\b|\bnama\b|\bkode\b|output|outcome|\bkomponen\b",
    )
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"\b(19[5-9]\d|20\d\d)\b"));

/// The role of a column from its header cells, top to bottom.
pub fn column_role(parts: &[String]) -> ColumnRole {
    let full = parts.join(" ");
    let leaf = parts.last().map(String::as_str).unwrap_or("");
    let year = YEAR
        .captures_iter(&full)
        .filter_map(|c| c[1].parse::<i32>().ok())
        .last();
    let money = MONEY.is_match(&full);
    let role = role_of(leaf, &full, parts);
    ColumnRole { role, year, money }
}

fn role_of(leaf: &str, full: &str, parts: &[String]) -> Role {
    if full.trim().is_empty() {
        return Role::Other;
    }
    if NUMBER.is_match(leaf) || NUMBER.is_match(full) {
        return Role::Number;
    }
    if UNIT.is_match(leaf) {
        return Role::Unit;
    }
    // The bottom header cell says most; a percent under "Realisasi" is a capaian.
    let leaf_says = |text: &str| -> Option<Role> {
        if PREDICATE.is_match(text) && !PERCENT.is_match(text) {
            Some(Role::Predicate)
        } else if PERCENT.is_match(text) {
            Some(Role::Capaian)
        } else if TARGET.is_match(text) && !CAPAIAN.is_match(text) {
            Some(if ANGGARAN.is_match(text) && !REALISASI.is_match(text) {
                Role::Anggaran
            } else {
                Role::Target
            })
        } else if REALISASI.is_match(text) {
            Some(Role::Realisasi)
        } else if ANGGARAN.is_match(text) {
            Some(Role::Anggaran)
        } else if CAPAIAN.is_match(text) {
            Some(Role::Capaian)
        } else if LABEL.is_match(text) {
            Some(Role::Label)
        } else {
            None
        }
    };
    // "Capaian Tahun 2015 | Target, Capaian": under a heading of target and
    // capaian pairs, the second is what was achieved, a realisasi.
    if leaf.trim().eq_ignore_ascii_case("capaian")
        && parts.len() >= 2
        && parts[..parts.len() - 1]
            .iter()
            .any(|p| CAPAIAN.is_match(p) && YEAR.is_match(p))
    {
        return Role::Realisasi;
    }
    if let Some(role) = leaf_says(leaf) {
        // "Target | Realisasi" under "Anggaran": money columns keep their role.
        return role;
    }
    // A bare year or sub-heading under a heading: the heading says what it is.
    for part in parts.iter().rev().skip(1) {
        if let Some(role) = leaf_says(part) {
            return role;
        }
    }
    leaf_says(full).unwrap_or(Role::Other)
}

/// Fills in what the header leaves unsaid from the column's cells: a header
/// that names no role, over cells that are all short ordinals, is numbering;
/// over long texts, labels.
pub fn refine_from_cells(role: &mut ColumnRole, cells: &[(&str, Option<&Figure>)]) {
    let filled: Vec<&(&str, Option<&Figure>)> =
        cells.iter().filter(|(t, _)| !t.trim().is_empty()).collect();
    if filled.is_empty() {
        return;
    }
    let money = filled
        .iter()
        .filter(|(_, f)| f.is_some_and(|f| f.kind == FigureKind::Rupiah))
        .count();
    if money * 2 > filled.len() {
        role.money = true;
    }
    let ordinals = filled
        .iter()
        .filter(|(t, _)| {
            let t = t.trim().trim_end_matches(['.', ')']);
            !t.is_empty() && t.len() <= 6 && t.chars().all(|c| c.is_ascii_digit() || c == '.')
        })
        .count();
    // "Indikator Kinerja" over two columns, the indicators' numbers and their names.
    if role.role == Role::Label && ordinals == filled.len() && filled.len() >= 2 {
        role.role = Role::Number;
        return;
    }
    if role.role != Role::Other {
        return;
    }
    let texts = filled
        .iter()
        .filter(|(t, f)| f.is_none() && t.chars().filter(|c| c.is_alphabetic()).count() >= 8)
        .count();
    if texts * 3 >= filled.len() * 2 {
        role.role = Role::Label;
    } else if ordinals * 3 >= filled.len() * 2 && filled.len() >= 2 {
        role.role = Role::Number;
    }
}

/// A table's caption naming one year: the year of its measures when no
/// column names one.
pub fn apply_caption_year(roles: &mut [ColumnRole], title: &str) {
    let years: std::collections::BTreeSet<i32> = YEAR
        .captures_iter(title)
        .filter_map(|c| c[1].parse::<i32>().ok())
        .collect();
    if years.len() != 1 || roles.iter().any(|r| r.year.is_some()) {
        return;
    }
    let year = years.into_iter().next();
    for r in roles.iter_mut() {
        if matches!(r.role, Role::Target | Role::Realisasi | Role::Capaian) {
            r.year = year;
        }
    }
}

/// The kind of table its columns make, with its caption's words to settle a tie.
pub fn table_kind(roles: &[ColumnRole], title: &str) -> TableKind {
    let has = |r: Role| roles.iter().any(|c| c.role == r);
    let count = |r: Role| roles.iter().filter(|c| c.role == r).count();
    let title = title.to_lowercase();
    let money = roles.iter().any(|c| c.money) || has(Role::Anggaran);
    let years: std::collections::BTreeSet<i32> = roles
        .iter()
        .filter(|c| matches!(c.role, Role::Target | Role::Realisasi | Role::Capaian))
        .filter_map(|c| c.year)
        .collect();
    // Indicators' target, realisasi and capaian, with or without their budget beside.
    let performance = roles
        .iter()
        .filter(|c| !c.money)
        .map(|c| c.role)
        .collect::<Vec<_>>();
    let measured = performance.contains(&Role::Target)
        && performance.contains(&Role::Realisasi)
        && performance.contains(&Role::Capaian);
    if money && !measured && (has(Role::Anggaran) || has(Role::Realisasi) || has(Role::Target)) {
        return TableKind::Budget;
    }
    if title.contains("perbandingan") || years.len() >= 2 && has(Role::Realisasi) {
        return TableKind::Comparison;
    }
    if has(Role::Target) && has(Role::Realisasi) {
        return TableKind::Performance;
    }
    if has(Role::Realisasi) && has(Role::Capaian) {
        return TableKind::Performance;
    }
    if has(Role::Target) && !has(Role::Realisasi) && (count(Role::Target) >= 2 || has(Role::Label))
    {
        return TableKind::Renstra;
    }
    TableKind::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(parts: &[&str]) -> Role {
        column_role(&parts.iter().map(|s| s.to_string()).collect::<Vec<_>>()).role
    }

    #[test]
    fn roles_from_the_bottom_header_cell_up() {
        assert_eq!(role(&["NO"]), Role::Number);
        assert_eq!(role(&["No."]), Role::Number);
        assert_eq!(role(&["INDIKATOR KINERJA"]), Role::Label);
        assert_eq!(role(&["Satuan"]), Role::Unit);
        assert_eq!(role(&["Target 2016"]), Role::Target);
        assert_eq!(role(&["Target Tahun", "2014", "Target"]), Role::Target);
        assert_eq!(role(&["Realisasi (%)", "2015"]), Role::Capaian);
        assert_eq!(role(&["2016", "% Realisasi"]), Role::Capaian);
        assert_eq!(role(&["Capaian Tahun 2015", "Target"]), Role::Target);
        assert_eq!(role(&["Capaian Tahun 2015", "Capaian"]), Role::Realisasi);
        assert_eq!(role(&["% Capaian kinerja"]), Role::Capaian);
        assert_eq!(role(&["PAGU ANGGARAN MURNI"]), Role::Anggaran);
        assert_eq!(role(&["Realisasi Anggaran", "Rp"]), Role::Realisasi);
        assert_eq!(role(&["Realisasi Anggaran", "%"]), Role::Capaian);
        assert_eq!(role(&["Predikat"]), Role::Predicate);
        assert_eq!(role(&["Kategori Pencapaian 2016"]), Role::Predicate);
        assert_eq!(role(&["KETERANGAN"]), Role::Other);
    }

    #[test]
    fn years_and_money() {
        let r = column_role(&["Realisasi Anggaran".to_string(), "Rp".to_string()]);
        assert!(r.money);
        let r = column_role(&["TARGET KINERJA SASARAN PADA TAHUN KE".into(), "2016".into()]);
        assert_eq!((r.role, r.year, r.money), (Role::Target, Some(2016), false));
    }

    #[test]
    fn kinds_of_tables() {
        let c =
            |parts: &[&str]| column_role(&parts.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        let performance = [
            c(&["No"]),
            c(&["Indikator"]),
            c(&["Target"]),
            c(&["Realisasi"]),
            c(&["Capaian (%)"]),
        ];
        assert_eq!(table_kind(&performance, ""), TableKind::Performance);
        let budget = [
            c(&["No"]),
            c(&["Program"]),
            c(&["Anggaran (Rp)"]),
            c(&["Realisasi (Rp)"]),
            c(&["%"]),
        ];
        assert_eq!(table_kind(&budget, ""), TableKind::Budget);
        let renstra = [c(&["Sasaran"]), c(&["Target 2014"]), c(&["Target 2015"])];
        assert_eq!(table_kind(&renstra, ""), TableKind::Renstra);
        let comparison = [
            c(&["Indikator"]),
            c(&["Realisasi 2015"]),
            c(&["Realisasi 2016"]),
        ];
        assert_eq!(table_kind(&comparison, ""), TableKind::Comparison);
    }
}
