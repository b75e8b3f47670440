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
    /// The header names an achievement ("Capaian", "% Capai kinerja"), not
    /// only a percent ("Presentase", "R (%)").
    #[serde(skip)]
    pub achievement: bool,
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
    /// A chart's data (years and series) printed as text beside the chart.
    Chart,
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
        r"(?i)\brp\b|rp\.|rupiah|anggaran|pendapatan|\bpagu\b|keuangan|\bkeu\b|\bspj\b|alokasi|\bdana\b|\(ribu|\bjuta\b|miliar|milyar",
    )
});
static PREDICATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)predikat|kategori|katagori|kriteria|\bwarna\b|tercapai\s*/\s*tidak|\bnilai\s+(akhir|kinerja)\b",
    )
});
static FUNDING_SOURCE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*sumber\s+(dana|pendanaan|anggaran)\s*$"));
static PAREN_PERCENT: LazyLock<Regex> = LazyLock::new(|| re(r"\(\s*%\s*\)"));
static UNIT: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\s*satuan\b|^\s*sat\.?\s*$"));
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)indikator|sasaran|tujuan|program|kegiatan|uraian|\bjenis\b|\bmisi\b|lapangan usaha|\bbulan\b|personil|esselon|eselon|strata|kewenangan|sumber\s+(dana|pendanaan)|\biku\b|\bnama\b|\bkode\b|output|outcome|\bkomponen\b",
    )
});
static PLAN_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)rencana\s+strategis|\brenstra\b|perjanjian\s+kinerja|rencana\s+kinerja")
});
/// A year, also glued to the word before it ("Tahun2016").
static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"(?:^|[^0-9])(19[5-9]\d|20\d\d)\b"));

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
    let achievement = CAPAIAN.is_match(&full);
    ColumnRole {
        role,
        year,
        money,
        achievement,
    }
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
        } else if FUNDING_SOURCE.is_match(text) {
            // "Sumber Dana" names where the money comes from: a label.
            Some(Role::Label)
        } else if PERCENT.is_match(text) && percent_target(text) {
            // "Target (%)", "TARGET PENCAPAIAN (%)": a target given in percent.
            Some(Role::Target)
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

/// A header naming a target first, in percent ("Target (%)", "TARGET
/// PENCAPAIAN (%)", "Target Output %"), not a percent of what was realised
/// ("Target % Realisasi") nor a capaian against a target ("% Capaian Target").
fn percent_target(text: &str) -> bool {
    let Some(target) = TARGET.find(text) else {
        return false;
    };
    let before = &text[..target.start()];
    !REALISASI.is_match(text) && !CAPAIAN.is_match(before) && !PERCENT.is_match(before)
}

/// "Target (%) | Realisasi (%)": a realisasi given in percent right after a
/// target column is the realisasi, not a capaian ("Realisasi (%)" alone, as in
/// a comparison of years, stays a capaian).
pub fn pair_percent_realisasi(roles: &mut [ColumnRole], headers: &[Vec<String>]) {
    for c in 1..roles.len().min(headers.len()) {
        let full = headers[c].join(" ");
        if roles[c].role == Role::Capaian
            && roles[c - 1].role == Role::Target
            && roles[c - 1].year == roles[c].year
            && REALISASI.is_match(&full)
            && !CAPAIAN.is_match(&full)
            && PAREN_PERCENT.is_match(&full)
            && !PERCENT.is_match(&PAREN_PERCENT.replace_all(&full, ""))
        {
            roles[c].role = Role::Realisasi;
        }
    }
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
    // Indicators' target, realisasi and capaian, with or without their budget beside.
    let performance = roles
        .iter()
        .filter(|c| !c.money)
        .map(|c| c.role)
        .collect::<Vec<_>>();
    let measured = performance.contains(&Role::Target)
        && performance.contains(&Role::Realisasi)
        && performance.contains(&Role::Capaian);
    let plain_capaian = roles
        .iter()
        .any(|c| c.role == Role::Capaian && !c.money && c.achievement);
    let all_years: std::collections::BTreeSet<i32> = roles.iter().filter_map(|c| c.year).collect();
    // Money beside names, with no indicator measured: a budget (an amount
    // column whose header names no role, "Sisa (Rp.)", "Tahun (ribu) 2012", too).
    // One amount beside names ("Sisa (Rp.)"); several amount columns naming
    // no role (PDRB over the years) are a budget only when the caption says so.
    let unnamed_amounts = roles
        .iter()
        .filter(|c| c.money && c.role == Role::Other)
        .count();
    let money_other = unnamed_amounts == 1 || unnamed_amounts > 1 && ANGGARAN.is_match(&title);
    if money
        && !measured
        && (has(Role::Anggaran)
            || has(Role::Realisasi)
            || has(Role::Target)
            || money_other && has(Role::Label) && !plain_capaian)
    {
        return TableKind::Budget;
    }
    // The years compared: those of what was realised, else of the capaian.
    let years_of = |role: Role| -> std::collections::BTreeSet<i32> {
        roles
            .iter()
            .filter(|c| c.role == role && !c.money)
            .filter_map(|c| c.year)
            .collect()
    };
    let compared = if has(Role::Realisasi) {
        years_of(Role::Realisasi)
    } else {
        years_of(Role::Capaian)
    };
    // "Perbandingan Target dan Realisasi Kinerja Tahun 2024": one year's target,
    // realisasi and capaian is a performance table whatever its caption says.
    let year_of = |role: Role| {
        roles
            .iter()
            .filter(|c| c.role == role && !c.money)
            .map(|c| c.year)
            .collect::<std::collections::BTreeSet<_>>()
    };
    let target_years = year_of(Role::Target);
    let one_year_measured = measured
        && target_years.len() == 1
        && target_years.iter().all(Option::is_some)
        && target_years == year_of(Role::Realisasi);
    if compared.len() >= 2 || title.contains("perbandingan") && !one_year_measured {
        return TableKind::Comparison;
    }
    if has(Role::Target) && has(Role::Realisasi) {
        return TableKind::Performance;
    }
    if has(Role::Realisasi) && has(Role::Capaian) {
        return TableKind::Performance;
    }
    // Indicators and their capaian (an efficiency table, "Indikator | Target |
    // % Capai kinerja"), of one year at most.
    if plain_capaian && has(Role::Label) && count(Role::Target) <= 1 && all_years.len() <= 1 {
        return TableKind::Performance;
    }
    if has(Role::Target) && !has(Role::Realisasi) && (count(Role::Target) >= 2 || has(Role::Label))
    {
        return TableKind::Renstra;
    }
    // Names only, under a caption naming the plan.
    if has(Role::Label) && !money && !has(Role::Realisasi) && PLAN_TITLE.is_match(&title) {
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
        assert_eq!(role(&["Sumber Dana"]), Role::Label);
        assert_eq!(role(&["Dana Alokasi"]), Role::Anggaran);
    }

    #[test]
    fn a_target_in_percent_is_a_target() {
        assert_eq!(role(&["Target (%)"]), Role::Target);
        assert_eq!(role(&["TARGET PENCAPAIAN (%)"]), Role::Target);
        assert_eq!(role(&["KINERJA", "TARGET (%)"]), Role::Target);
        assert_eq!(role(&["Target Output %"]), Role::Target);
        // Not a percent of what was realised, nor a capaian against a target.
        assert_eq!(role(&["Target", "% Realisasi"]), Role::Capaian);
        assert_eq!(role(&["Target % Realisasi"]), Role::Capaian);
        assert_eq!(role(&["% Capaian Target"]), Role::Capaian);
        assert_eq!(role(&["Capaian terhadap Target (%)"]), Role::Capaian);
    }

    #[test]
    fn a_realisasi_in_percent_after_its_target() {
        let headers: Vec<Vec<String>> = [
            vec!["Indikator"],
            vec!["Target (%)"],
            vec!["Realisasi (% )"],
            vec!["Realisasi (%)"],
        ]
        .iter()
        .map(|h| h.iter().map(|s| s.to_string()).collect())
        .collect();
        let mut roles: Vec<ColumnRole> = headers.iter().map(|h| column_role(h)).collect();
        pair_percent_realisasi(&mut roles, &headers);
        let got: Vec<Role> = roles.iter().map(|r| r.role).collect();
        // The second "Realisasi (%)" follows no target: a capaian as before.
        assert_eq!(
            got,
            [Role::Label, Role::Target, Role::Realisasi, Role::Capaian]
        );
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
        // One year's target, realisasi and capaian under "Perbandingan ...".
        let one_year = [
            c(&["Indikator"]),
            c(&["Target 2024"]),
            c(&["Realisasi 2024"]),
            c(&["% Capaian 2024"]),
        ];
        assert_eq!(
            table_kind(&one_year, "perbandingan target dengan realisasi"),
            TableKind::Performance
        );
        // Last year's capaian beside this year's measures: still performance.
        let with_last_year = [
            c(&["Indikator"]),
            c(&["Capaian 2015"]),
            c(&["2016", "Target"]),
            c(&["2016", "Realisasi"]),
            c(&["2016", "Capaian"]),
            c(&["Target 2017"]),
        ];
        assert_eq!(table_kind(&with_last_year, ""), TableKind::Performance);
        let capaian_years = [
            c(&["Indikator"]),
            c(&["Capaian 2015"]),
            c(&["Capaian 2016"]),
        ];
        assert_eq!(table_kind(&capaian_years, ""), TableKind::Comparison);
        let efficiency = [
            c(&["No."]),
            c(&["Indikator"]),
            c(&["% Capaian Kinerja"]),
            c(&["% Penyerapan Anggaran"]),
            c(&["Tingkat Efisiensi"]),
        ];
        assert_eq!(table_kind(&efficiency, ""), TableKind::Performance);
        // Yearly series with a growth rate are not a capaian table.
        let series = [
            c(&["Jenis Ternak"]),
            c(&["Populasi 2013"]),
            c(&["Populasi 2014"]),
            c(&["R (%)"]),
        ];
        assert_eq!(table_kind(&series, ""), TableKind::Other);
        let shares = [
            c(&["Lapangan Usaha"]),
            c(&["Presentase"]),
            c(&["Presentase"]),
        ];
        assert_eq!(table_kind(&shares, ""), TableKind::Other);
        // Realisasi of a year against the plan's target (no year): compared.
        let against_plan = [
            c(&["Indikator"]),
            c(&["Target Jangka Menengah"]),
            c(&["Realisasi Tahun 2016"]),
            c(&["(%)"]),
        ];
        assert_eq!(
            table_kind(
                &against_plan,
                "perbandingan realisasi dengan target renstra"
            ),
            TableKind::Comparison
        );
        let glued = [
            c(&["Indikator"]),
            c(&["Capaian Tahun 2015 (%)", "Target"]),
            c(&["Capaian Tahun 2015 (%)", "Realisasi"]),
            c(&["Capaian Tahun2016 (%)", "Target"]),
            c(&["Capaian Tahun2016 (%)", "Realisasi"]),
        ];
        assert_eq!(table_kind(&glued, ""), TableKind::Comparison);
        let unnamed = [
            c(&["Lapangan Usaha"]),
            c(&["Dalam Juta (Rp)"]),
            c(&["Dalam Juta (Rp)"]),
        ];
        assert_eq!(
            table_kind(&unnamed, "produk domestik regional bruto"),
            TableKind::Other
        );
        let pdrb = [
            c(&["Lapangan Usaha"]),
            c(&["Dalam Juta (Rp)", "2013"]),
            c(&["Dalam Juta (Rp)", "2014"]),
        ];
        assert_eq!(
            table_kind(&pdrb, "produk domestik regional bruto"),
            TableKind::Other
        );
        assert_eq!(
            table_kind(&pdrb, "anggaran pendapatan dan belanja"),
            TableKind::Budget
        );
        let revenue = [
            c(&["Uraian"]),
            c(&["Target Pendapatan"]),
            c(&["Realisasi Pendapatan"]),
            c(&["% Pencapaian"]),
        ];
        assert_eq!(table_kind(&revenue, ""), TableKind::Budget);
        let amounts = [c(&["No"]), c(&["Sumber Pendanaan"]), c(&["Sisa (Rp.)"])];
        assert_eq!(table_kind(&amounts, ""), TableKind::Budget);
        let plan = [
            c(&["Sasaran Kegiatan"]),
            c(&["Indikator Kinerja"]),
            c(&["Satuan"]),
        ];
        assert_eq!(
            table_kind(&plan, "sasaran dan indikator pada rencana strategis"),
            TableKind::Renstra
        );
        assert_eq!(table_kind(&plan, ""), TableKind::Other);
    }
}
