//! What each column of a table holds, read from its header's meaning (the
//! header cells above it, bottom one first) and, where the header says
//! nothing, from its cells; and what kind of table the columns make.
//! Checks rely on these roles instead of matching labels themselves, and
//! abstain on a table whose roles are not established.

use std::collections::BTreeSet;
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
    /// The header names what was realised ("Realisasi (%)"), not only a
    /// share ("Presentase").
    #[serde(skip)]
    pub realised: bool,
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
    crate::pattern::compile(pattern).expect("valid regex")
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
/// "Hasil" naming products ("Produksi Hasil Ternak", "Hasil Pertanian"; also
/// "Produksi Hasil" alone, the rest of a spanning header read into the next
/// column), not what was realised.
static PRODUCTS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bproduksi\s+hasil\b|\bhasil\s+(ternak|pertanian|perikanan|perkebunan|hutan|hortikultura|tanaman|panen|tangkapan|laut|bumi|tambang|olahan|industri|kerajinan)\b",
    )
});

/// A header cell naming only the kind of progress: "Fisik" (physical).
static PROGRESS_KIND: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\s*fisik\s*$"));

/// Whether a header or caption names what was realised.
fn names_realised(text: &str) -> bool {
    REALISASI.is_match(&PRODUCTS.replace_all(text, " "))
}
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
/// A header cell that is only a percent sign: "%", "(%)".
static PAREN_OR_BARE_PERCENT: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*\(?\s*%\s*\)?\s*$"));
/// A header that is a ratio against what it names ("Terhadap Target",
/// "Terhadap Indikator Kinerja"), under a "Capaian" the reader may not keep.
static AGAINST: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\s*terhadap\b"));
/// A header naming the indicator first ("Indikator Pencapaian Sasaran").
static INDICATOR_FIRST: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\s*indikator\b"));
/// A column's cells that are a verdict on a scale ("Sangat Baik", "SB", "√").
static SCALE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\(?\s*(?:(?i:(?:sangat\s+)?(?:baik|kurang|memuaskan|tinggi|rendah|buruk)(?:\s+sekali)?|cukup(?:\s+baik)?|sedang|(?:tidak\s+)?tercapai)|SB|B|S|C|K|SK|BS|CB|[√✓✔xX])\s*\)?$",
    )
});
/// A year alone in a cell, perhaps with the asterisks of a footnote ("2014*").
static YEAR_CELL: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*((?:19[5-9]|20\d)\d)\s*\**\s*$"));
/// A caption naming what was realised (not "hasil": a result is not a year's realisasi).
static CAPTION_REALISASI: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\brealisasi\b"));
/// A caption naming revenue (PAD, retribusi): its target and realisasi are money.
static REVENUE_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\bpads?\b|pendapatan\s+asli|retribusi|(?:target|realisasi)\s+pendapatan")
});
static UNIT: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\s*satuan\b|^\s*sat\.?\s*$"));
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)indikator|sasaran|tujuan|program|kegiatan|uraian|\bjenis\b|\bmisi\b|lapangan usaha|\bbulan\b|personil|esselon|eselon|strata|kewenangan|sumber\s+(dana|pendanaan)|\biku\b|\bnama\b|\bkode\b|output|outcome|\bkomponen\b",
    )
});
static PLAN_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)rencana\s+strategis|\brenstra\b|(?:perjanjian|penetapan)\s+kinerja|rencana\s+kinerja")
});
/// A weight ("Bobot (%)"): a share assigned, not achieved.
static WEIGHT: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\s*bobot\b"));
/// A caption naming what its figures are to reach.
static TARGET_TITLE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\bsasaran\b|\btarget\b|proyeksi|\brencana\b"));
/// "Tahun" and a year, maybe a unit in brackets, then a measure: a
/// heading's lines run together ("Tahun 2015 (%) Target"). Not a measure
/// before the year ("Target 2016 Realisasi" names two).
static YEAR_THEN_MEASURE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(.*?\b(?:tahun|th\.?)\s*(?:19|20)\d\d(?:\s*\([^)]{1,6}\))?)\s+(target|realisasi|capaian)\s*$",
    )
});
/// A year, also glued to the word before it ("Tahun2016").
static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"(?:^|[^0-9])(19[5-9]\d|20\d\d)\b"));

/// The role of a column from its header cells, top to bottom.
pub fn column_role(parts: &[String]) -> ColumnRole {
    // A heading's last line run into the year's line above it, as a text
    // export joins them ("Capaian Tahun 2015 (%) Target"): the measure
    // word after the year is the bottom cell, as a PDF's grid gives it.
    if let Some((last, heading)) = parts.split_last()
        && let Some(m) = YEAR_THEN_MEASURE.captures(last)
    {
        let mut split = heading.to_vec();
        split.push(m[1].trim().to_string());
        split.push(m[2].to_string());
        return column_role(&split);
    }
    let full = parts.join(" ");
    let leaf = parts.last().map(String::as_str).unwrap_or("");
    let year = YEAR
        .captures_iter(&full)
        .filter_map(|c| c[1].parse::<i32>().ok())
        .last();
    let money = MONEY.is_match(&full);
    let role = role_of(leaf, &full, parts);
    let achievement = CAPAIAN.is_match(&full);
    let realised = names_realised(&full);
    ColumnRole {
        role,
        year,
        money,
        achievement,
        realised,
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
    // "Bobot (%)": the weight of a kegiatan in its program, not a capaian.
    if WEIGHT.is_match(full) {
        return Role::Other;
    }
    // The bottom header cell says most; a percent under "Realisasi" is a capaian.
    let leaf_says = |text: &str| -> Option<Role> {
        let first = |re: &Regex| re.find(text).map(|m| m.start());
        if PREDICATE.is_match(text) && !PERCENT.is_match(text) {
            Some(Role::Predicate)
        } else if FUNDING_SOURCE.is_match(text) {
            // "Sumber Dana" names where the money comes from: a label.
            Some(Role::Label)
        } else if PERCENT.is_match(text) && percent_target(text) {
            // "Target (%)", "TARGET PENCAPAIAN (%)": a target given in percent.
            Some(Role::Target)
        } else if PERCENT.is_match(text) || AGAINST.is_match(text) {
            // "Terhadap Target" under "Capaian": a share of what it names.
            Some(Role::Capaian)
        } else if INDICATOR_FIRST.is_match(text) && !TARGET.is_match(text) && !names_realised(text)
        {
            // "Indikator Pencapaian Sasaran": the indicator's name, not its capaian.
            Some(Role::Label)
        } else if first(&CAPAIAN).is_some_and(|c| {
            first(&TARGET).is_some_and(|t| c < t) || first(&REALISASI).is_some_and(|r| c < r)
        }) {
            // "Capaian Target terhadap Realisasi RPJMD": named a capaian first.
            Some(Role::Capaian)
        } else if TARGET.is_match(text)
            && first(&CAPAIAN).is_none_or(|c| first(&TARGET).is_some_and(|t| t < c))
            && !(CAPAIAN.is_match(text) && names_realised(text))
        {
            // "Target Capaian" is the capaian aimed at: a target.
            Some(if ANGGARAN.is_match(text) && !names_realised(text) {
                Role::Anggaran
            } else {
                Role::Target
            })
        } else if names_realised(text) {
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
    // capaian pairs, the second is what was achieved, a realisasi. (A text
    // export may cut the heading's lines otherwise: "Capaian" over "Tahun
    // 2015".)
    if leaf.trim().eq_ignore_ascii_case("capaian") && parts.len() >= 2 && {
        let heading = parts[..parts.len() - 1].join(" ");
        CAPAIAN.is_match(&heading) && YEAR.is_match(&heading)
    } {
        return Role::Realisasi;
    }
    // "Target Output | %": a bare percent under a heading naming a target (not
    // of the anggaran) is the target given in percent.
    if PAREN_OR_BARE_PERCENT.is_match(leaf)
        && parts.len() >= 2
        && percent_target(&parts[parts.len() - 2])
        && !ANGGARAN.is_match(&parts[parts.len() - 2])
    {
        return Role::Target;
    }
    // "Fisik" alone under a heading names which progress, not
    // whether it is a realisasi or a capaian ("Pencapaian % | Fisik"): the
    // heading says that.
    let which_progress = parts.len() >= 2 && PROGRESS_KIND.is_match(leaf);
    if !which_progress && let Some(role) = leaf_says(leaf) {
        // "Target | Realisasi" under "Anggaran": money columns keep their role.
        return role;
    }
    // A bare year or sub-heading under a heading: the heading says what it is.
    for part in parts.iter().rev().skip(1) {
        if let Some(role) = leaf_says(part) {
            return role;
        }
    }
    leaf_says(full)
        .or_else(|| letter_spaced(full))
        .unwrap_or(Role::Other)
}

/// A header whose words a narrow cell broke or letter-spaced ("Targ et Th
/// 2015", "T a r g e t", "Tercap ai/ Tidak", "U r a i a n"): the role word
/// found once the spaces are gone. Only for a header that named nothing as
/// printed.
fn letter_spaced(full: &str) -> Option<Role> {
    let squeezed: String = full
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    const WORDS: [(&str, Role); 10] = [
        ("tercapai/tidak", Role::Predicate),
        ("predikat", Role::Predicate),
        ("kategori", Role::Predicate),
        ("realisasi", Role::Realisasi),
        ("capaian", Role::Capaian),
        ("target", Role::Target),
        ("anggaran", Role::Anggaran),
        ("uraian", Role::Label),
        ("indikator", Role::Label),
        ("kegiatan", Role::Label),
    ];
    let found = WORDS.iter().find(|(w, _)| squeezed.contains(w))?;
    // Two measures run together ("targetrealisasi") say nothing sure.
    let measures = ["realisasi", "capaian", "target", "anggaran"]
        .iter()
        .filter(|w| squeezed.contains(*w))
        .count();
    (measures <= 1 || found.1 == Role::Predicate).then_some(found.1)
}

/// A header naming a target first, in percent ("Target (%)", "TARGET
/// PENCAPAIAN (%)", "Target Output %"), not a percent of what was realised
/// ("Target % Realisasi") nor a capaian against a target ("% Capaian Target").
fn percent_target(text: &str) -> bool {
    let Some(target) = TARGET.find(text) else {
        return false;
    };
    let before = &text[..target.start()];
    !names_realised(text) && !CAPAIAN.is_match(before) && !PERCENT.is_match(before)
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
            && names_realised(&full)
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
/// over long texts, labels; over years, labels too (the rows are the years);
/// over the words of a scale ("SB", "Baik"), a predicate. A year alone in
/// the first row of a column whose header names none is the column's year
/// (a header row read as the first body row: "Dalam Juta (Rp)" over "2013").
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
    let is_ordinal = |t: &str| {
        let t = t.trim().trim_end_matches(['.', ')']);
        !t.is_empty() && t.len() <= 6 && t.chars().all(|c| c.is_ascii_digit() || c == '.')
    };
    let ordinals = filled.iter().filter(|(t, _)| is_ordinal(t)).count();
    let years = filled.iter().filter(|(t, _)| YEAR_CELL.is_match(t)).count();
    if role.year.is_none()
        && years == 1
        && filled.len() >= 2
        && cells.first().is_some_and(|(t, _)| YEAR_CELL.is_match(t))
        && !matches!(role.role, Role::Label | Role::Number | Role::Unit)
    {
        role.year = cells
            .first()
            .and_then(|(t, _)| YEAR_CELL.captures(t))
            .and_then(|c| c[1].parse().ok());
    }
    // "Indikator Kinerja" over two columns, the indicators' numbers and their names.
    if role.role == Role::Label && ordinals == filled.len() && filled.len() >= 2 {
        role.role = Role::Number;
        return;
    }
    // "Capaian" over "SB", "B": the verdict of a scale, not a percentage.
    let scale = filled
        .iter()
        .filter(|(t, f)| f.is_none() && SCALE_WORD.is_match(t.trim()))
        .count();
    if matches!(role.role, Role::Other | Role::Capaian) && scale == filled.len() && scale >= 2 {
        role.role = Role::Predicate;
        return;
    }
    if role.role != Role::Other {
        return;
    }
    if years == filled.len() && years >= 2 {
        role.role = Role::Label;
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

/// What a table's caption says of its columns: the year of its measures when
/// no column names one; columns headed by a year alone ("TAHUN 2013") are
/// the realisasi of those years under a caption naming the realisasi; amounts
/// headed by a year alone ("Tahun (ribu) 2012") are the anggaran of those
/// years under a caption naming the anggaran.
pub fn apply_caption(roles: &mut [ColumnRole], title: &str) {
    apply_caption_year(roles, title);
    // Columns naming nothing but their (distinct) year.
    let yearly = |money: bool, roles: &[ColumnRole]| -> Vec<usize> {
        let at: Vec<usize> = (0..roles.len())
            .filter(|&c| {
                roles[c].role == Role::Other && roles[c].year.is_some() && roles[c].money == money
            })
            .collect();
        let distinct: BTreeSet<i32> = at.iter().filter_map(|&c| roles[c].year).collect();
        if at.len() >= 2 && distinct.len() == at.len() {
            at
        } else {
            Vec::new()
        }
    };
    let named = |r: Role, roles: &[ColumnRole]| roles.iter().any(|c| c.role == r);
    if CAPTION_REALISASI.is_match(title)
        && !named(Role::Realisasi, roles)
        && !TARGET.is_match(title)
    {
        for c in yearly(false, roles) {
            roles[c].role = Role::Realisasi;
            roles[c].realised = true;
        }
    }
    if ANGGARAN.is_match(title)
        && !names_realised(title)
        && ![Role::Anggaran, Role::Realisasi, Role::Target]
            .iter()
            .any(|&r| roles.iter().any(|c| c.role == r && c.money))
    {
        for c in yearly(true, roles) {
            roles[c].role = Role::Anggaran;
        }
    }
}

/// A table's caption naming one year: the year of its measures when no
/// column names one.
/// "Capaian Thn Lalu", "Realisasi Tahun Sebelumnya": the year before the
/// table's own.
static LAST_YEAR: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:th|thn|tahun)\.?\s+(?:lalu|sebelumnya)\b"));

/// A column of "last year" ("Capaian Thn Lalu") in a table whose other
/// columns, or its caption, name one year: that year's predecessor. Read as
/// the table's own year, it would stand beside that year's figures as a
/// second value of the same measure.
pub fn apply_last_year(roles: &mut [ColumnRole], columns: &[String], title: &str) {
    let mut years: BTreeSet<i32> = roles.iter().filter_map(|r| r.year).collect();
    if years.is_empty() {
        years = YEAR
            .captures_iter(title)
            .filter_map(|c| c[1].parse::<i32>().ok())
            .collect();
    }
    let [year] = years.into_iter().collect::<Vec<_>>()[..] else {
        return;
    };
    for (r, label) in roles.iter_mut().zip(columns) {
        if r.year.is_none() && LAST_YEAR.is_match(label) {
            r.year = Some(year - 1);
        }
    }
}

pub fn apply_caption_year(roles: &mut [ColumnRole], title: &str) {
    let years: BTreeSet<i32> = YEAR
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

/// The kind of table its columns make, with its caption's words to settle a
/// tie: the first stage that knows it, in this order.
pub fn table_kind(roles: &[ColumnRole], title: &str) -> TableKind {
    let t = Columns {
        roles,
        title: title.to_lowercase(),
    };
    plan_with_budget(&t)
        .or_else(|| budget(&t))
        .or_else(|| comparison(&t))
        .or_else(|| performance(&t))
        .or_else(|| plan(&t))
        .unwrap_or(TableKind::Other)
}

/// A table's column roles and its caption, lower case: what the stages of
/// `table_kind` read.
struct Columns<'a> {
    roles: &'a [ColumnRole],
    title: String,
}

impl Columns<'_> {
    fn has(&self, r: Role) -> bool {
        self.roles.iter().any(|c| c.role == r)
    }
    fn count(&self, r: Role) -> usize {
        self.roles.iter().filter(|c| c.role == r).count()
    }
    /// Columns of this role that are not amounts of money.
    fn measures(&self, r: Role) -> impl Iterator<Item = &ColumnRole> {
        self.roles.iter().filter(move |c| c.role == r && !c.money)
    }
    fn money(&self) -> bool {
        self.roles.iter().any(|c| c.money) || self.has(Role::Anggaran)
    }
    /// Indicators' target, realisasi and capaian (not amounts), with or
    /// without their budget beside.
    fn measured(&self) -> bool {
        [Role::Target, Role::Realisasi, Role::Capaian]
            .iter()
            .all(|&r| self.measures(r).next().is_some())
    }
    /// A capaian named as such ("% Capaian"), not an amount.
    fn plain_capaian(&self) -> bool {
        self.measures(Role::Capaian).any(|c| c.achievement)
    }
    /// The years of a role's columns (no year: `None`), amounts left out.
    fn years_of(&self, r: Role) -> BTreeSet<Option<i32>> {
        self.measures(r).map(|c| c.year).collect()
    }
}

/// Targets of indicators (not amounts) over several periods (quarters,
/// years) with their budget beside, nothing realised nor achieved: a plan (a
/// Rencana Tindak Lanjut), not a budget. One target beside programs and their
/// anggaran stays a budget.
fn plan_with_budget(t: &Columns) -> Option<TableKind> {
    (t.money()
        && t.measures(Role::Target).count() >= 2
        && t.has(Role::Label)
        && !t.has(Role::Realisasi)
        && !t.has(Role::Capaian))
    .then_some(TableKind::Renstra)
}

/// Money beside names, with no indicator measured: a budget (an amount
/// column whose header names no role, "Sisa (Rp.)", too); several amount
/// columns naming no role (PDRB over the years) are a budget only when the
/// caption says so. The target and realisasi of revenue (PAD, retribusi) are
/// a budget even where the cells do not say Rp.
fn budget(t: &Columns) -> Option<TableKind> {
    if REVENUE_TITLE.is_match(&t.title)
        && (t.has(Role::Target) || t.has(Role::Anggaran))
        && t.has(Role::Realisasi)
    {
        return Some(TableKind::Budget);
    }
    let unnamed_amounts = t
        .roles
        .iter()
        .filter(|c| c.money && c.role == Role::Other)
        .count();
    let money_other = unnamed_amounts == 1 || unnamed_amounts > 1 && ANGGARAN.is_match(&t.title);
    (t.money()
        && !t.measured()
        && (t.has(Role::Anggaran)
            || t.has(Role::Realisasi)
            || t.has(Role::Target)
            || money_other && t.has(Role::Label) && !t.plain_capaian()))
    .then_some(TableKind::Budget)
}

/// The same measures over several years, or against another reference:
/// what was realised (else the capaian achieved or realised, not a mere
/// share) spans two years or more; two realisasi of one year with no target
/// (two offices' results side by side); or a "Perbandingan" caption, unless
/// the table is one year's target, realisasi and capaian ("Perbandingan
/// Target dan Realisasi Kinerja Tahun 2024").
fn comparison(t: &Columns) -> Option<TableKind> {
    let compared: BTreeSet<i32> = if t.has(Role::Realisasi) {
        t.measures(Role::Realisasi).filter_map(|c| c.year).collect()
    } else {
        t.measures(Role::Capaian)
            .filter(|c| c.achievement || c.realised)
            .filter_map(|c| c.year)
            .collect()
    };
    let realised = t.years_of(Role::Realisasi);
    let side_by_side = t.measures(Role::Realisasi).count() >= 2
        && realised.len() == 1
        && realised.iter().all(Option::is_some)
        && !t.has(Role::Target)
        && !t.has(Role::Capaian);
    let targets = t.years_of(Role::Target);
    let one_year_measured = t.measured()
        && targets.len() == 1
        && targets.iter().all(Option::is_some)
        && targets == realised;
    (compared.len() >= 2 || side_by_side || t.title.contains("perbandingan") && !one_year_measured)
        .then_some(TableKind::Comparison)
}

/// Indicators with target and realisasi, or realisasi and capaian; or with
/// their capaian named as such (an efficiency table, "Indikator | Target |
/// % Capai kinerja"), of one year at most.
fn performance(t: &Columns) -> Option<TableKind> {
    let all_years: BTreeSet<i32> = t.roles.iter().filter_map(|c| c.year).collect();
    (t.has(Role::Realisasi) && (t.has(Role::Target) || t.has(Role::Capaian))
        || t.plain_capaian()
            && t.has(Role::Label)
            && t.count(Role::Target) <= 1
            && all_years.len() <= 1)
        .then_some(TableKind::Performance)
}

/// Targets without realisasi (over years, or beside names); or names only,
/// under a caption naming the plan.
fn plan(t: &Columns) -> Option<TableKind> {
    let targets = t.has(Role::Target)
        && !t.has(Role::Realisasi)
        && (t.count(Role::Target) >= 2 || t.has(Role::Label));
    let named_plan = t.has(Role::Label)
        && !t.money()
        && !t.has(Role::Realisasi)
        && PLAN_TITLE.is_match(&t.title);
    // One measure over the plan's years under a caption naming it a target
    // ("Sasaran Populasi Ternak": 2013 … 2018 beside the livestock).
    let years: BTreeSet<i32> = t.measures(Role::Other).filter_map(|c| c.year).collect();
    let projected = t.has(Role::Label)
        && !t.has(Role::Realisasi)
        && !t.has(Role::Target)
        && years.len() >= 3
        && TARGET_TITLE.is_match(&t.title);
    (targets || named_plan || projected).then_some(TableKind::Renstra)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(parts: &[&str]) -> Role {
        column_role(&parts.iter().map(|s| s.to_string()).collect::<Vec<_>>()).role
    }

    #[test]
    fn physical_progress_is_what_its_heading_says() {
        // "Pencapaian % | Keuangan, Fisik": both are capaian.
        assert_eq!(role(&["REALISASI", "Pencapaian %", "Fisik"]), Role::Capaian);
        assert_eq!(
            role(&["REALISASI", "Pencapaian %", "Keuangan"]),
            Role::Capaian
        );
        // "Realisasi | Keuangan, Fisik": realisasi; "Fisik" alone as well.
        assert_eq!(role(&["Realisasi", "Fisik"]), Role::Realisasi);
        assert_eq!(role(&["Fisik"]), Role::Realisasi);
    }

    #[test]
    fn roles_from_the_bottom_header_cell_up() {
        assert_eq!(role(&["NO"]), Role::Number);
        assert_eq!(role(&["No."]), Role::Number);
        assert_eq!(role(&["INDIKATOR KINERJA"]), Role::Label);
        assert_eq!(role(&["Satuan"]), Role::Unit);
        assert_eq!(role(&["BOBOT (%)"]), Role::Other);
        assert_eq!(role(&["BOBOT", "(%)"]), Role::Other);
        assert_eq!(role(&["Target 2016"]), Role::Target);
        assert_eq!(role(&["Target Tahun", "2014", "Target"]), Role::Target);
        assert_eq!(role(&["Realisasi (%)", "2015"]), Role::Capaian);
        assert_eq!(role(&["2016", "% Realisasi"]), Role::Capaian);
        assert_eq!(role(&["Capaian Tahun 2015", "Target"]), Role::Target);
        assert_eq!(role(&["Capaian Tahun 2015", "Capaian"]), Role::Realisasi);
        // The same heading as a text export cuts its lines into rows.
        assert_eq!(role(&["Capaian", "Tahun 2015 Capaian"]), Role::Realisasi);
        assert_eq!(role(&["Capaian", "tahun 2016 Target"]), Role::Target);
        assert_eq!(role(&["Capaian Tahun 2015 (%) Target"]), Role::Target);
        assert_eq!(role(&["Capaian Tahun 2015 (%) Realisasi"]), Role::Realisasi);
        // Not split without "Tahun": the first measure names it, as before.
        assert_eq!(
            role(&["TINGKAT CAPAIAN", "Target 2016 Realisasi"]),
            Role::Target
        );
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
    fn hasil_naming_products_is_no_realisasi() {
        assert_ne!(
            role(&["Produksi Hasil Ternak (Ton)", "2015"]),
            Role::Realisasi
        );
        assert_ne!(role(&["Hasil Pertanian"]), Role::Realisasi);
        assert_ne!(role(&["Produksi Hasil", "2015"]), Role::Realisasi);
        assert_eq!(role(&["Hasil", "2016"]), Role::Realisasi);
        assert_eq!(role(&["Realisasi Hasil Ternak"]), Role::Realisasi);
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
    fn last_years_column_is_the_year_before_the_tables() {
        // Each label its own one-line header.
        let read = |labels: &[&str]| -> (Vec<String>, Vec<ColumnRole>) {
            let labels: Vec<String> = labels.iter().map(|s| s.to_string()).collect();
            let roles = labels
                .iter()
                .map(|l| column_role(std::slice::from_ref(l)))
                .collect();
            (labels, roles)
        };
        let (labels, mut roles) = read(&[
            "Indikator",
            "Capaian Thn Lalu",
            "Target",
            "Capaian Thn 2016",
        ]);
        apply_last_year(&mut roles, &labels, "");
        assert_eq!(roles[1].year, Some(2015));
        assert_eq!(roles[2].year, None);
        // No year in the table or its caption: no year to count back from.
        let (labels, mut roles) = read(&["Indikator", "Capaian Tahun Lalu", "Target"]);
        apply_last_year(&mut roles, &labels, "Evaluasi Indikator Kinerja");
        assert_eq!(roles[1].year, None);
        apply_last_year(&mut roles, &labels, "Evaluasi Kinerja Tahun 2020");
        assert_eq!(roles[1].year, Some(2019));
    }

    fn col(parts: &[&str]) -> ColumnRole {
        column_role(&parts.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn kinds_performance() {
        let c = col;
        let performance = [
            c(&["No"]),
            c(&["Indikator"]),
            c(&["Target"]),
            c(&["Realisasi"]),
            c(&["Capaian (%)"]),
        ];
        assert_eq!(table_kind(&performance, ""), TableKind::Performance);
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
        let efficiency = [
            c(&["No."]),
            c(&["Indikator"]),
            c(&["% Capaian Kinerja"]),
            c(&["% Penyerapan Anggaran"]),
            c(&["Tingkat Efisiensi"]),
        ];
        assert_eq!(table_kind(&efficiency, ""), TableKind::Performance);
    }

    #[test]
    fn kinds_budget() {
        let c = col;
        let budget = [
            c(&["No"]),
            c(&["Program"]),
            c(&["Anggaran (Rp)"]),
            c(&["Realisasi (Rp)"]),
            c(&["%"]),
        ];
        assert_eq!(table_kind(&budget, ""), TableKind::Budget);
        let revenue = [
            c(&["Uraian"]),
            c(&["Target Pendapatan"]),
            c(&["Realisasi Pendapatan"]),
            c(&["% Pencapaian"]),
        ];
        assert_eq!(table_kind(&revenue, ""), TableKind::Budget);
        let amounts = [c(&["No"]), c(&["Sumber Pendanaan"]), c(&["Sisa (Rp.)"])];
        assert_eq!(table_kind(&amounts, ""), TableKind::Budget);
        let pdrb = [
            c(&["Lapangan Usaha"]),
            c(&["Dalam Juta (Rp)", "2013"]),
            c(&["Dalam Juta (Rp)", "2014"]),
        ];
        assert_eq!(
            table_kind(&pdrb, "anggaran pendapatan dan belanja"),
            TableKind::Budget
        );
        // One target beside programs and their anggaran: a budget.
        let one_target = [
            c(&["Indikator Kinerja"]),
            c(&["Tahun 2016", "Target"]),
            c(&["Program"]),
            c(&["Anggaran Rp."]),
        ];
        assert_eq!(table_kind(&one_target, ""), TableKind::Budget);
    }

    #[test]
    fn kinds_revenue_by_caption() {
        // "Pencapaian PADS": revenue whose cells do not say Rp.
        let c = col;
        let pad = [
            c(&["Uraian"]),
            c(&["2016", "Target"]),
            c(&["2016", "Realisasi"]),
            c(&["2016", "% Realisasi"]),
        ];
        assert_eq!(
            table_kind(&pad, "pencapaian pads dinas peternakan tahun 2016"),
            TableKind::Budget
        );
        assert_eq!(
            table_kind(&pad, "pencapaian kinerja dinas peternakan tahun 2016"),
            TableKind::Performance
        );
        // A sasaran about people's income is not the office's revenue.
        assert_eq!(
            table_kind(&pad, "capaian sasaran meningkatnya pendapatan peternak"),
            TableKind::Performance
        );
    }

    #[test]
    fn kinds_comparison() {
        let c = col;
        let comparison = [
            c(&["Indikator"]),
            c(&["Realisasi 2015"]),
            c(&["Realisasi 2016"]),
        ];
        assert_eq!(table_kind(&comparison, ""), TableKind::Comparison);
        let capaian_years = [
            c(&["Indikator"]),
            c(&["Capaian 2015"]),
            c(&["Capaian 2016"]),
        ];
        assert_eq!(table_kind(&capaian_years, ""), TableKind::Comparison);
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
    }

    #[test]
    fn kinds_comparison_of_two_offices() {
        // Two offices' realisasi of one year side by side (a benchmark).
        let c = col;
        let benchmark = [
            c(&["No"]),
            c(&["Indikator Kinerja"]),
            c(&["Satuan"]),
            c(&["UPBU D.C. Saudale Rote Realisasi 2025"]),
            c(&["UPBU Tardamu Sabu Realisasi 2025"]),
        ];
        assert_eq!(table_kind(&benchmark, ""), TableKind::Comparison);
        // Not one realisasi, nor realisasi beside their target.
        let one = [c(&["Indikator Kinerja"]), c(&["Realisasi 2025"])];
        assert_ne!(table_kind(&one, ""), TableKind::Comparison);
        let measured = [
            c(&["Indikator Kinerja"]),
            c(&["Target 2025"]),
            c(&["Realisasi 2025"]),
            c(&["Realisasi Output 2025"]),
        ];
        assert_eq!(table_kind(&measured, ""), TableKind::Performance);
    }

    #[test]
    fn kinds_shares_over_years_are_not_compared() {
        // "Presentase" of 2014 and 2015 (growth rates): shares, not capaian.
        let c = col;
        let mut shares = [
            c(&["Lapangan Usaha"]),
            c(&["Presentase"]),
            c(&["Presentase"]),
        ];
        assert_eq!(table_kind(&shares, ""), TableKind::Other);
        shares[1].year = Some(2014);
        shares[2].year = Some(2015);
        assert_eq!(table_kind(&shares, ""), TableKind::Other);
        // "Realisasi (%)" of two years is compared.
        let realised = [
            c(&["Indikator"]),
            c(&["Realisasi (%)", "2015"]),
            c(&["Realisasi (%)", "2016"]),
        ];
        assert_eq!(table_kind(&realised, ""), TableKind::Comparison);
    }

    #[test]
    fn kinds_other() {
        let c = col;
        // Yearly series with a growth rate are not a capaian table.
        let series = [
            c(&["Jenis Ternak"]),
            c(&["Populasi 2013"]),
            c(&["Populasi 2014"]),
            c(&["R (%)"]),
        ];
        assert_eq!(table_kind(&series, ""), TableKind::Other);
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
    }

    #[test]
    fn kinds_plans() {
        let c = col;
        let renstra = [c(&["Sasaran"]), c(&["Target 2014"]), c(&["Target 2015"])];
        assert_eq!(table_kind(&renstra, ""), TableKind::Renstra);
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
        // One measure over the plan's years, the caption naming them targets.
        let projected = [
            c(&["No"]),
            c(&["Jenis Ternak"]),
            c(&["Populasi Ternak (ekor)", "2013"]),
            c(&["Populasi Ternak (ekor)", "2014"]),
            c(&["Populasi Ternak (ekor)", "2015"]),
        ];
        assert_eq!(
            table_kind(&projected, "tabel 2. sasaran populasi ternak"),
            TableKind::Renstra
        );
        // The same years under a caption naming no target are a series.
        assert_eq!(
            table_kind(&projected, "tabel 2. populasi ternak"),
            TableKind::Other
        );
    }

    #[test]
    fn kinds_plan_with_its_budget() {
        // Quarterly targets with the anggaran beside (Rencana Tindak Lanjut).
        let c = col;
        let quarters = [
            c(&["No"]),
            c(&["Indikator Kinerja Sasaran"]),
            c(&["Target Kinerja sasaran", "Trw I"]),
            c(&["Target Kinerja sasaran", "Trw II"]),
            c(&["Program /Kegiatan"]),
            c(&["Anggaran (Rp.)"]),
        ];
        assert_eq!(table_kind(&quarters, ""), TableKind::Renstra);
        // With what was realised it is no plan.
        let mut spent = quarters.to_vec();
        spent.push(c(&["Realisasi Anggaran (Rp.)"]));
        assert_eq!(table_kind(&spent, ""), TableKind::Budget);
    }

    #[test]
    fn letter_spaced_headers() {
        assert_eq!(role(&["Targ et Th 2015"]), Role::Target);
        assert_eq!(role(&["T a r g e t th 2015"]), Role::Target);
        assert_eq!(role(&["Tercap ai/ Tidak"]), Role::Predicate);
        assert_eq!(role(&["U r a i a n"]), Role::Label);
        assert_eq!(role(&["Cap aian"]), Role::Capaian);
        // Headers naming nothing stay so; two measures run together say nothing.
        assert_eq!(role(&["KETERANGAN"]), Role::Other);
        assert_eq!(role(&["Tahun 2016"]), Role::Other);
        assert_eq!(role(&["Targ et Real isasi"]), Role::Other);
    }

    #[test]
    fn the_measure_named_first() {
        assert_eq!(
            role(&["CAPAIAN TARGET TERHADAP REALISASI RPJMD TAHUN 2016"]),
            Role::Capaian
        );
        assert_eq!(role(&["TARGET CAPAIAN"]), Role::Target);
        assert_eq!(role(&["Rencana Capaian"]), Role::Target);
        // Unchanged: a realisasi named first, a target of what is realised.
        assert_eq!(role(&["Realisasi Capaian"]), Role::Realisasi);
        assert_eq!(role(&["Target Realisasi"]), Role::Target);
        assert_eq!(role(&["Capaian Tahun 2015", "Target"]), Role::Target);
        // A ratio against what it names is a capaian.
        assert_eq!(role(&["Capaian", "Terhadap Target"]), Role::Capaian);
        assert_eq!(
            role(&["Terhadap Indikator Kinerja", "2016", "Nilai"]),
            Role::Capaian
        );
        // Not where "terhadap" comes later ("Akses Terhadap ...").
        assert_eq!(role(&["Akses Masyarakat terhadap Air Minum"]), Role::Other);
    }

    #[test]
    fn an_indicator_named_first_is_a_label() {
        assert_eq!(role(&["Indikator Pencapaian Sasaran"]), Role::Label);
        assert_eq!(role(&["Indikator Kinerja"]), Role::Label);
        // An indicator's target or realisasi stays one.
        assert_eq!(role(&["INDIKATOR KINERJA", "TARGET"]), Role::Target);
        assert_eq!(role(&["Indikator Kinerja Target"]), Role::Target);
        assert_eq!(role(&["Indikator Kinerja Realisasi"]), Role::Realisasi);
    }

    #[test]
    fn a_bare_percent_under_a_target() {
        assert_eq!(
            role(&["Target Bulan sd Desember", "Target Output", "%"]),
            Role::Target
        );
        assert_eq!(role(&["Target", "(%)"]), Role::Target);
        // Not under the anggaran's target, nor under what was realised.
        assert_eq!(
            role(&["Target Bulan sd Desember", "Target Anggaran", "%"]),
            Role::Capaian
        );
        assert_eq!(role(&["Realisasi Anggaran", "%"]), Role::Capaian);
        assert_eq!(role(&["Target", "% Realisasi"]), Role::Capaian);
    }

    fn refined(parts: &[&str], cells: &[&str]) -> ColumnRole {
        let mut r = col(parts);
        let cells: Vec<(&str, Option<&Figure>)> = cells.iter().map(|t| (*t, None)).collect();
        refine_from_cells(&mut r, &cells);
        r
    }

    #[test]
    fn scale_words_are_predicates() {
        let r = refined(&["Cap aian"], &["SB", "", "B", "S", "K", "SB"]);
        assert_eq!(r.role, Role::Predicate);
        let r = refined(&[""], &["Sangat Baik", "Baik", "Cukup"]);
        assert_eq!(r.role, Role::Predicate);
        // Figures, a label column, or one letter alone are not.
        assert_eq!(refined(&["Capaian"], &["98,5", "B"]).role, Role::Capaian);
        assert_eq!(
            refined(&["Indikator"], &["Baik", "Kurang"]).role,
            Role::Label
        );
        assert_eq!(refined(&[""], &["B"]).role, Role::Other);
    }

    #[test]
    fn years_in_the_cells() {
        // Rows named by their year.
        let r = refined(&["Tahun"], &["2020", "2021", "2022"]);
        assert_eq!(r.role, Role::Label);
        // A year over the figures: a header row read as the first body row.
        let r = refined(
            &["Dalam Juta (Rp)"],
            &["2014*", "121.165.396,1", "107.239.691,2"],
        );
        assert_eq!((r.role, r.year), (Role::Other, Some(2014)));
        let r = refined(&["Presentase"], &["2015**", "0,12", "(0,68)"]);
        assert_eq!((r.role, r.year), (Role::Capaian, Some(2015)));
        // Not when the header names a year, nor a year further down.
        let r = refined(&["Realisasi 2016"], &["2015", "12", "14"]);
        assert_eq!(r.year, Some(2016));
        let r = refined(&["Realisasi"], &["12", "2015", "14"]);
        assert_eq!(r.year, None);
        // Row numbers stay numbers.
        assert_eq!(refined(&[""], &["1", "2", "3"]).role, Role::Number);
    }

    #[test]
    fn what_the_caption_says_of_the_columns() {
        let mut yearly = vec![
            col(&["INDIKATOR KINERJA"]),
            col(&["TAHUN 2013"]),
            col(&["TAHUN 2014"]),
            col(&["TARGET 2018"]),
        ];
        let before = yearly.clone();
        apply_caption(&mut yearly, "Perbandingan Realisasi Kinerja dengan RPJMD");
        assert_eq!(yearly[1].role, Role::Realisasi);
        assert_eq!(yearly[2].role, Role::Realisasi);
        assert_eq!(yearly[3].role, Role::Target);
        // Not under a caption naming the targets, nor a plain series.
        let mut targets = before.clone();
        apply_caption(&mut targets, "Target dan Realisasi RPJMD");
        assert_eq!(targets[1].role, Role::Other);
        let mut series = before.clone();
        apply_caption(&mut series, "Populasi Ternak");
        assert_eq!(series[1].role, Role::Other);

        let amounts = vec![
            col(&["Kewenangan"]),
            col(&["Tahun (ribu)", "2012"]),
            col(&["Tahun (ribu)", "2013"]),
        ];
        let mut budget = amounts.clone();
        apply_caption(
            &mut budget,
            "Anggaran Pendapatan dan Belanja Negara 2011 s/d 2015",
        );
        assert_eq!(budget[1].role, Role::Anggaran);
        assert_eq!(budget[2].role, Role::Anggaran);
        // What was spent is not the anggaran; PDRB is no anggaran at all.
        let mut spent = amounts.clone();
        apply_caption(&mut spent, "Realisasi Anggaran 2012-2013");
        assert_eq!(spent[1].role, Role::Other);
        let mut pdrb = amounts.clone();
        apply_caption(&mut pdrb, "Produk Domestik Regional Bruto");
        assert_eq!(pdrb[1].role, Role::Other);
    }
}
