//! What the narrative of Bab III says about an indicator's capaian, and the
//! averages a performance table prints, checked against the figures they are
//! made of:
//! - `sentence_capaian`: one sentence gives an indicator's capaian, realisasi
//!   and target ("capaian … sebesar 39,27 dengan realisasi sebesar 8.247
//!   terhadap target sebesar 2.100"): the capaian must follow from the other
//!   two by the capaian formula (either polarity);
//! - `average_row`: a RATA-RATA row of a table equals the mean of the capaian
//!   values of the rows it covers (the indicators of its sasaran, or the
//!   sasaran averages above it).

use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::arithmetic::table_name;
use super::common::{Chapters, Context, agrees_range, figures, like, pct, shown};
use super::{Check, Draft, Sink, Why};
use crate::facts::figures::{Figure, FigureKind, Hint};
use crate::findings::Localized;
use crate::structure::roles::Role;
use crate::structure::{Paragraph, Row, RowKind, Table};

fn hundred() -> Decimal {
    Decimal::ONE_HUNDRED
}

// ------------------------------------------------------------ sentence capaian

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SentenceParams {
    /// Chapters whose paragraphs are read (all when absent).
    #[serde(default)]
    chapters: Chapters,
}

/// A sentence that states one indicator's capaian, realisasi and target: the
/// capaian must be realisasi / target × 100, or the negative-polarity form
/// (target − (realisasi − target)) / target × 100, or target / realisasi × 100,
/// with the realisasi and target read as the intervals their decimals stand for.
#[derive(Debug)]
pub struct SentenceCapaian {
    p: SentenceParams,
}

impl SentenceCapaian {
    pub fn new(p: SentenceParams) -> Result<Self, String> {
        Ok(SentenceCapaian { p })
    }
}

const SENTENCE_ROLE_TWICE: Why = Why {
    en: "the sentence gives two figures for the same role (several years or indicators)",
    id: "kalimat memuat dua angka untuk peran yang sama (beberapa tahun atau indikator)",
};
const SENTENCE_TWO_YEARS: Why = Why {
    en: "the sentence names two years: its figures may be of different years",
    id: "kalimat menyebut dua tahun: angkanya mungkin dari tahun berbeda",
};
const SENTENCE_NOT_ONE_NUMBER: Why = Why {
    en: "the target, realisasi or capaian is not one number (a range, a bound, money or zero)",
    id: "target, realisasi atau capaian bukan satu angka (rentang, batas, uang atau nol)",
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Said {
    Target,
    Realisasi,
    Capaian,
}

/// The words that give a figure its role. Compounds are read whole:
/// "realisasi target capaian" is a realisasi, "target capaian" a target,
/// "capaian target" a capaian.
pub(super) static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)\b(?P<r>(?:te|di|me)?reali[sz]asi(?:kan|nya)?(?:\s+target)?(?:\s+capaian)?|di\s+realisasikan)\b|\b(?P<t>target(?:nya)?(?:\s+capaian)?)\b|\b(?P<c>(?:(?:per|pro)sentase\s+)?(?:pen|keter)?capaian(?:nya)?(?:\s+target)?)\b",
    )
    .expect("valid regex")
});

/// Sentence ends: a full stop, semicolon or colon followed by a space (a
/// decimal point is followed by a digit).
static SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"[.;:!?](?:\s+|$)").expect("valid regex"));

/// Words that make a sentence about something else than one indicator's
/// figures of one year: averages, shares of indicators, budgets.
static OTHER_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)rata[\s-]*rata|efisiensi|\bdari\s+\d+\s+indikator")
        .expect("valid regex")
});

/// A role word that is part of an indicator's name written in title case
/// ("Persentase Realisasi Anggaran", "Persentase Pencapaian target Penerimaan").
pub(super) fn in_title_case_name(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].split_whitespace().next_back().unwrap_or("");
    let after = text[end..].split_whitespace().next().unwrap_or("");
    let upper = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let own = text[start..end]
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    let sentence_start = before.is_empty() || before.ends_with(['.', ':', ';']);
    !sentence_start && upper(before) && (own || upper(after))
}

/// A four-digit year ("tahun 2016"): not a measure.
pub(super) fn is_year(f: &Figure) -> bool {
    f.decimals == 0
        && f.kind != FigureKind::Percent
        && f.text.trim().len() == 4
        && (Decimal::from(1990)..=Decimal::from(2100)).contains(&f.value)
}

/// A bound or range around a figure: "> 100 %", "5-6 %", "1 s.d 3".
pub(super) fn bounded(sentence: &str, f: &Figure) -> bool {
    static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::compile(r"(?i)(?:[<>≤≥]=?|\d\s*(?:-|–|s\.?/?d\.?|sampai))\s*$")
            .expect("valid regex")
    });
    static AFTER: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::compile(r"(?i)^\s*%?\s*(?:-|–|s\.?/?d\.?\s|sampai\s)\s*\d")
            .expect("valid regex")
    });
    BEFORE.is_match(&sentence[..f.start]) || AFTER.is_match(&sentence[f.end..])
}

static ORDINAL: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)\b(?:ke|nomor|no\.?)\s*$").expect("valid regex")
});
static LINKED: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)\b(?:sebesar|adalah|yaitu|mencapai|senilai)\s*$")
        .expect("valid regex")
});
static AGGREGATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)^\s*(?:kinerja\s+)?(?:sasaran|misi|rata[\s-]*rata|keseluruhan|secara)",
    )
    .expect("valid regex")
});
/// "tahun 2015 … tahun 2016": figures of two years in one sentence.
pub(super) static YEAR: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"\b(?:19[9]\d|20\d\d)\b").expect("valid regex"));

/// The figures of a sentence given a role by the nearest role word before
/// them (the first figure after the word, within a short distance).
fn roles_in(sentence: &str) -> Vec<(Said, Figure)> {
    let figs: Vec<Figure> = figures(sentence)
        .into_iter()
        .filter(|f| !is_year(f))
        .collect();
    let mut markers: Vec<(usize, usize, Said)> = Vec::new();
    for c in MARKER.captures_iter(sentence) {
        let (m, said) = if let Some(m) = c.name("r") {
            (m, Said::Realisasi)
        } else if let Some(m) = c.name("t") {
            (m, Said::Target)
        } else if let Some(m) = c.name("c") {
            (m, Said::Capaian)
        } else {
            continue;
        };
        if in_title_case_name(sentence, m.start(), m.end()) {
            continue;
        }
        markers.push((m.start(), m.end(), said));
    }
    let mut out = Vec::new();
    for (k, &(_, end, said)) in markers.iter().enumerate() {
        let next_marker = markers.get(k + 1).map_or(sentence.len(), |m| m.0);
        let Some(f) = figs.iter().find(|f| f.start >= end) else {
            continue;
        };
        // The figure belongs to the next role word when one comes first,
        // and a role word far from its figure is not its figure's.
        if f.start > next_marker || f.start - end > 160 {
            continue;
        }
        let gap = &sentence[end..f.start];
        // "rumus ke 2", "nomor 3": a number that counts, not a measure.
        if ORDINAL.is_match(gap) {
            continue;
        }
        // A capaian is a percentage, or a number the sentence introduces as one.
        if said == Said::Capaian && f.kind != FigureKind::Percent && !LINKED.is_match(gap) {
            continue;
        }
        // The capaian of a sasaran or misi (or an average) may combine several
        // indicators: not the capaian of the one whose figures the sentence gives.
        if said == Said::Capaian && AGGREGATE.is_match(gap) {
            continue;
        }
        out.push((said, f.clone()));
    }
    out
}

/// One role's figure, when the sentence gives exactly one (figures repeated
/// with the same value count once).
fn only(found: &[(Said, Figure)], said: Said) -> Result<Option<&Figure>, Why> {
    let mut it = found.iter().filter(|(s, _)| *s == said).map(|(_, f)| f);
    let first = it.next();
    if let Some(f) = first
        && it.any(|g| g.value != f.value)
    {
        return Err(SENTENCE_ROLE_TWICE);
    }
    Ok(first)
}

/// The interval a figure printed with `decimals` stands for.
pub(super) fn spread(f: &Figure) -> Decimal {
    Decimal::new(5, f.decimals + 1)
}

/// The capaian the formulas give over the intervals of realisasi and target:
/// (low, high, value, computation) per formula.
pub(super) fn formulas(r: &Figure, t: &Figure) -> Vec<(Decimal, Decimal, Decimal, String)> {
    formulas_within(r, t, spread(r), spread(t))
}

/// `formulas` with the half-widths of the realisasi's and target's
/// intervals given (zero for a figure known exact).
pub(super) fn formulas_within(
    r: &Figure,
    t: &Figure,
    hr: Decimal,
    ht: Decimal,
) -> Vec<(Decimal, Decimal, Decimal, String)> {
    let (x, tv) = (r.value, t.value);
    let (xs, ts) = (shown(r), shown(t));
    let mut out = Vec::new();
    let corners = |f: &dyn Fn(Decimal, Decimal) -> Option<Decimal>| {
        let vals: Vec<Decimal> = [
            (x - hr, tv - ht),
            (x - hr, tv + ht),
            (x + hr, tv - ht),
            (x + hr, tv + ht),
        ]
        .iter()
        .filter_map(|&(a, b)| f(a, b))
        .collect();
        let low = vals.iter().copied().min()?;
        let high = vals.iter().copied().max()?;
        Some((low, high))
    };
    let pos = |a: Decimal, b: Decimal| (b > Decimal::ZERO).then(|| a / b * hundred());
    let neg = |a: Decimal, b: Decimal| (b > Decimal::ZERO).then(|| (b - (a - b)) / b * hundred());
    let inv = |a: Decimal, b: Decimal| (a > Decimal::ZERO).then(|| b / a * hundred());
    if let (Some((lo, hi)), Some(v)) = (corners(&pos), pos(x, tv)) {
        out.push((lo, hi, v, format!("{xs} / {ts} × 100 = {}", pct(v))));
    }
    if let (Some((lo, hi)), Some(v)) = (corners(&neg), neg(x, tv)) {
        out.push((
            lo,
            hi,
            v,
            format!("({ts} − ({xs} − {ts})) / {ts} × 100 = {}", pct(v)),
        ));
    }
    if let (Some((lo, hi)), Some(v)) = (corners(&inv), inv(x, tv)) {
        out.push((lo, hi, v, format!("{ts} / {xs} × 100 = {}", pct(v))));
    }
    out
}

/// A computed value written as the stated figure is (with "%" only when it has one).
fn as_printed(stated: &Figure, value: Decimal) -> String {
    if stated.text.contains('%') {
        like(stated, value)
    } else {
        crate::facts::format::format_id(value, stated.decimals.max(2))
    }
}

/// Sentences of a paragraph with their byte offset in it.
pub(super) fn sentences(text: &str) -> Vec<(usize, &str)> {
    sentences_ending(text, &SENTENCE_END)
}

/// The pieces of `text` each match of `end` closes (the stop kept, the space
/// after it dropped), with their byte offsets. `end` wants a space after the
/// stop, so "93.63%" is no sentence end.
pub(super) fn sentences_ending<'t>(text: &'t str, end: &Regex) -> Vec<(usize, &'t str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for m in end.find_iter(text) {
        out.push((start, &text[start..m.start() + 1]));
        start = m.end();
    }
    if start < text.len() {
        out.push((start, &text[start..]));
    }
    out
}

impl SentenceCapaian {
    fn sentence(
        &self,
        ctx: &Context<'_, '_>,
        para: &Paragraph,
        at: usize,
        s: &str,
        out: &mut Sink,
    ) {
        let found = roles_in(s);
        let roles = (
            only(&found, Said::Capaian),
            only(&found, Said::Realisasi),
            only(&found, Said::Target),
        );
        let (c, r, t) = match roles {
            (Ok(Some(c)), Ok(Some(r)), Ok(Some(t))) => (c, r, t),
            (Ok(_), Ok(_), Ok(_)) => return,
            _ => {
                // Only a sentence that has all three roles is about one capaian.
                let has = |said| found.iter().any(|(s, _)| *s == said);
                if has(Said::Capaian) && has(Said::Realisasi) && has(Said::Target) {
                    out.skip(SENTENCE_ROLE_TWICE);
                }
                return;
            }
        };
        if OTHER_SUBJECT.is_match(s) {
            return;
        }
        let mut years: Vec<&str> = YEAR.find_iter(s).map(|m| m.as_str()).collect();
        years.sort_unstable();
        years.dedup();
        if years.len() > 1 {
            out.skip(SENTENCE_TWO_YEARS);
            return;
        }
        let not_one = [c, r, t]
            .iter()
            .any(|f| f.kind == FigureKind::Rupiah || f.value.is_zero() || bounded(s, f));
        if not_one {
            out.skip(SENTENCE_NOT_ONE_NUMBER);
            return;
        }
        let candidates = formulas(r, t);
        if candidates
            .iter()
            .any(|(lo, hi, _, _)| agrees_range(c, *lo, *hi, ctx.tolerance))
        {
            out.agree();
            return;
        }
        let Some((_, _, value, computation)) = candidates.into_iter().next() else {
            return;
        };
        // Which figure would make the sentence hold, the other two kept.
        let (mut alt_id, mut alt_en) = (String::new(), String::new());
        if !c.value.is_zero() {
            let target = pct(r.value / c.value * hundred());
            let realisasi = pct(c.value * t.value / hundred());
            alt_id =
                format!("; agar kalimat benar, target = {target} atau realisasi = {realisasi}");
            alt_en =
                format!("; for the sentence to hold, target = {target} or realisasi = {realisasi}");
        }
        let (line, col) = ctx.locate(para, at + c.start);
        let stated = format!("{} ({} / {})", c.text.trim(), r.text.trim(), t.text.trim());
        let expected = as_printed(c, value);
        out.push(
            Draft {
                line,
                stated,
                expected,
                computation: Localized::new(
                    format!("capaian {}: {computation}{alt_id}", shown(c)),
                    format!("capaian {}: {computation}{alt_en}", shown(c)),
                ),
                highlight: Some((col, col + c.text.len())),
                ..Default::default()
            }
            .var("capaian", Localized::same(c.text.trim().to_string()))
            .var("realisasi", Localized::same(r.text.trim().to_string()))
            .var("target", Localized::same(t.text.trim().to_string())),
        );
    }
}

/// The paragraphs are read joined where a wide line spacing split them (a
/// sentence runs over several of them): the check runs on the whole document.
impl Check for SentenceCapaian {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        for para in &ctx.report.paragraphs {
            if crate::limits::out_of_time() {
                return;
            }
            if !self.p.chapters.contains(para.chapter) {
                continue;
            }
            // Running text only: a chart's labels joined into a paragraph are no sentence.
            let prose = para
                .pieces
                .iter()
                .all(|(_, i)| ctx.report.lines.get(*i).is_some_and(|l| l.is_prose()));
            if !prose {
                continue;
            }
            for (at, s) in sentences(&para.text) {
                self.sentence(ctx, para, at, s, out);
            }
        }
    }
}

// ------------------------------------------------------------ paragraph averages

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParagraphAverageParams {
    /// Chapters whose paragraphs are read (all when absent).
    #[serde(default)]
    chapters: Chapters,
}

/// "… dengan capaian rata-rata sebesar 125%. Terbukti … melalui 2 (dua)
/// indikator kinerja, … dengan capaian kinerja sebesar 250% … sebesar 168%":
/// an average the same passage gives the parts of, as many as it says.
#[derive(Debug)]
pub struct ParagraphAverage {
    p: ParagraphAverageParams,
}

impl ParagraphAverage {
    pub fn new(p: ParagraphAverageParams) -> Result<Self, String> {
        Ok(ParagraphAverage { p })
    }
}

static AVERAGE_CLAIM: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)(?:capaian\s+rata[\s-]*rata|rata[\s-]*rata\s+capaian)\s+(?:\w+\s+){0,3}?(?:sebesar|adalah|yaitu|mencapai)\s+(?P<value>\d+(?:[.,]\d+)?\s*%)")
        .expect("valid regex")
});
/// Where the passage about one average ends: the next sasaran, misi or average.
static PASSAGE_END: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)\bsasaran\s*\d*\s*:|\bmisi\s+[ivx\d]+\s*:|rata[\s-]*rata")
        .expect("valid regex")
});
static DECLARED: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)\bmelalui\s+(?P<n>\d+)\s*(?:\([a-z ]+\))?\s*indikator")
        .expect("valid regex")
});
static PART: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)\bcapaian(?:\s+kinerja)?[^%.;]{0,60}?\b(?:sebesar|yaitu|adalah)\s+(?P<v>\d+(?:[.,]\d+)?\s*%)")
        .expect("valid regex")
});

const PASSAGE_PARTS: Why = Why {
    en: "the passage does not give as many capaian as the indicators it says it averages",
    id: "paragraf tidak memuat capaian sebanyak indikator yang disebut dirata-ratakan",
};

impl Check for ParagraphAverage {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        for para in &ctx.report.paragraphs {
            if crate::limits::out_of_time() {
                return;
            }
            if !self.p.chapters.contains(para.chapter) {
                continue;
            }
            let text = para.text.as_str();
            for c in AVERAGE_CLAIM.captures_iter(text) {
                let Some(m) = c.name("value") else { continue };
                let Some(stated) = figures(m.as_str()).into_iter().next() else {
                    continue;
                };
                let rest = &text[m.end()..];
                let end = PASSAGE_END.find(rest).map_or(rest.len(), |e| e.start());
                let passage = &rest[..end];
                let Some(n) = DECLARED
                    .captures(passage)
                    .and_then(|d| d["n"].parse::<usize>().ok())
                else {
                    continue;
                };
                let parts: Vec<Figure> = PART
                    .captures_iter(passage)
                    .filter_map(|p| figures(&p["v"]).into_iter().next())
                    .collect();
                if n < 2 || parts.len() != n {
                    out.skip(PASSAGE_PARTS);
                    continue;
                }
                let values: Vec<Decimal> = parts.iter().map(|f| f.value).collect();
                let Some(avg) = mean(&values) else { continue };
                let slack = parts.iter().map(spread).max().unwrap_or_default();
                if agrees_range(&stated, avg - slack, avg + slack, ctx.tolerance) {
                    out.agree();
                    continue;
                }
                let (line, at) = ctx.locate(para, m.start());
                let shown_parts: Vec<String> = parts.iter().map(shown).collect();
                out.push(
                    Draft {
                        line,
                        stated: stated.text.clone(),
                        expected: like(&stated, avg),
                        computation: Localized::same(format!(
                            "({}) / {} = {}",
                            shown_parts.join(" + "),
                            n,
                            pct(avg)
                        )),
                        highlight: Some((at, at + m.as_str().len())),
                        ..Default::default()
                    }
                    .var("n", Localized::same(n.to_string())),
                );
            }
        }
    }
}

// ------------------------------------------------------------ average rows

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AverageRowParams {
    /// The label of an average row.
    #[serde(default = "default_average_label")]
    label: super::common::Pattern,
}

fn default_average_label() -> super::common::Pattern {
    super::common::Pattern::lazy(r"(?i)rata[\s-]*rata")
}

/// A RATA-RATA row of a table: its value in a capaian column (or, in a table
/// of several years, the year's merged cell) equals the mean of the capaian
/// values of the rows it covers — the rows since the previous average row, or,
/// right after other average rows, those averages.
#[derive(Debug)]
pub struct AverageRow {
    p: AverageRowParams,
}

impl AverageRow {
    pub fn new(p: AverageRowParams) -> Result<Self, String> {
        Ok(AverageRow { p })
    }
}

const AVERAGE_TEXT_CELL: Why = Why {
    en: "a row the average covers has no figure in the column (text such as NA)",
    id: "baris yang dirata-ratakan tidak berangka pada kolom itu (teks seperti NA)",
};
const AVERAGE_CONTINUED: Why = Why {
    en: "the table has no caption of its own: it may continue from the page before",
    id: "tabel tanpa judul sendiri: mungkin lanjutan dari halaman sebelumnya",
};
const AVERAGE_NOT_PERCENT: Why = Why {
    en: "a row the average covers holds an amount, not a percentage, in the column: its columns were not read apart",
    id: "baris yang dirata-ratakan memuat jumlah, bukan persentase, pada kolom itu: kolomnya tidak terbaca terpisah",
};
const AVERAGE_TOO_FEW: Why = Why {
    en: "fewer than two values to average",
    id: "kurang dari dua nilai untuk dirata-ratakan",
};

pub(super) fn mean(values: &[Decimal]) -> Option<Decimal> {
    (!values.is_empty())
        .then(|| values.iter().copied().sum::<Decimal>() / Decimal::from(values.len() as u64))
}

/// What an average row covers in one column.
enum Covered {
    /// The values of the item rows, and the sasaran groups they form (by the
    /// first label column: a new name starts a group).
    Items(Vec<(usize, Figure)>, Vec<Vec<Decimal>>),
    /// The average rows above (an average of averages): their recomputed
    /// values where computable, else as printed.
    Averages(Vec<Decimal>, Vec<Decimal>),
    Unknown(Why),
}

impl AverageRow {
    fn is_average(&self, row: &Row) -> bool {
        self.p.label.is_match(row.label())
    }

    /// The column holding the values the average row's figure in `c` averages.
    fn source(table: &Table, row: &Row, c: usize) -> Option<usize> {
        let role = table.roles.get(c)?;
        // A column of a formula ("(1-A/B) x 100%") holds another ratio.
        static FORMULA: LazyLock<Regex> =
            LazyLock::new(|| crate::pattern::compile(r"(?i)\bx\s*100|×|/").expect("valid regex"));
        if FORMULA.is_match(table.columns.get(c)?) {
            return None;
        }
        if role.role == Role::Capaian {
            return Some(c);
        }
        // A merged cell of a year ("2024": target, realisasi, %) read into
        // its first column: the year's capaian column, empty on this row.
        let year = role.year?;
        let cap = table
            .roles
            .iter()
            .position(|r| r.role == Role::Capaian && r.year == Some(year) && !r.money)?;
        (row.figure(cap).is_none() && matches!(role.role, Role::Target | Role::Realisasi))
            .then_some(cap)
    }

    fn covered(
        &self,
        table: &Table,
        index: usize,
        col: usize,
        computed: &[Option<Decimal>],
    ) -> Covered {
        let label_col = table.roles.iter().position(|r| r.role == Role::Label);
        let mut items: Vec<(usize, Figure)> = Vec::new();
        let mut groups: Vec<Vec<Decimal>> = Vec::new();
        let mut k = index;
        while k > 0 {
            k -= 1;
            let row = &table.rows[k];
            // A total row ends the rows averaged; an indicator named
            // "Jumlah Karya IPTEK yang didaftarkan …" (read as a total by its
            // first word) does not.
            if self.is_average(row)
                || (row.kind == RowKind::Total && row.label().split_whitespace().count() <= 4)
            {
                break;
            }
            let text = row.cell(col).map(|c| c.text.trim()).unwrap_or("");
            let fig = super::common::cell_number(text, Hint::Percent);
            match fig {
                Some(f) if !super::common::percent_scale(f.value) => {
                    return Covered::Unknown(AVERAGE_NOT_PERCENT);
                }
                Some(f) => {
                    items.push((k, f));
                }
                None if !text.is_empty() && text != "-" => {
                    return Covered::Unknown(AVERAGE_TEXT_CELL);
                }
                None => {
                    // An indicator row with figures of its own but no capaian.
                    let others = row.cells.iter().filter(|c| c.figure.is_some()).count();
                    if others >= 2 && row.kind == RowKind::Item {
                        return Covered::Unknown(AVERAGE_TEXT_CELL);
                    }
                }
            }
        }
        // The rows reach the top of a table without a caption: the table
        // may continue one on the page before, whose rows the average covers too.
        if k == 0 && !self.is_average(&table.rows[0]) && table.caption.is_none() {
            return Covered::Unknown(AVERAGE_CONTINUED);
        }
        items.reverse();
        if items.is_empty() && index > 0 && self.is_average(&table.rows[index - 1]) {
            // Right below other averages: the mean of those, all of them
            // only when the table opens with its caption.
            if table.caption.is_none() {
                return Covered::Unknown(AVERAGE_CONTINUED);
            }
            let mut printed = Vec::new();
            let mut recomputed = Vec::new();
            for (k, row) in table.rows[..index].iter().enumerate() {
                if !self.is_average(row) {
                    continue;
                }
                let fig = (0..row.cells.len())
                    .filter(|&c| Self::source(table, row, c) == Some(col))
                    .find_map(|c| row.figure(c));
                let Some(f) = fig else { continue };
                printed.push(f.value);
                recomputed.push(computed.get(k).copied().flatten().unwrap_or(f.value));
            }
            return Covered::Averages(printed, recomputed);
        }
        if let Some(lc) = label_col {
            for (k, f) in &items {
                let starts = table.rows[*k]
                    .cell(lc)
                    .is_some_and(|c| !c.text.trim().is_empty());
                if starts || groups.is_empty() {
                    groups.push(Vec::new());
                }
                if let Some(g) = groups.last_mut() {
                    g.push(f.value);
                }
            }
        }
        Covered::Items(items, groups)
    }
}

/// What an average row should hold: its mean, the intervals a printed value
/// may fall in (the slack of the items' decimals; the readings of groups,
/// leaves and capped capaian), how it was computed, and the rows it covers.
struct Expected {
    mean: Decimal,
    accepted: Vec<(Decimal, Decimal)>,
    computation: String,
    related: Vec<usize>,
}

/// Not computed: why (an abstention to record), or None to stay silent.
type NotComputed = Option<Why>;

/// The mean of the item rows an average row covers, with the other ways
/// reports compute it (mean of the sasaran groups' means, of the leaves
/// under a parent row, of capaian capped at 100, 110 … %).
fn of_items(
    ctx: &Context<'_, '_>,
    table: &Table,
    items: &[(usize, Figure)],
    groups: &[Vec<Decimal>],
) -> Result<Expected, NotComputed> {
    if items.len() < 2 {
        return Err(Some(AVERAGE_TOO_FEW));
    }
    let values: Vec<Decimal> = items.iter().map(|(_, f)| f.value).collect();
    let Some(m) = mean(&values) else {
        return Err(None);
    };
    let slack = items
        .iter()
        .map(|(_, f)| spread(f))
        .max()
        .unwrap_or_default();
    let mut accepted = vec![(m - slack, m + slack)];
    let group_means: Vec<Decimal> = groups.iter().filter_map(|g| mean(g)).collect();
    if group_means.len() >= 2
        && group_means.len() < values.len()
        && let Some(gm) = mean(&group_means)
    {
        accepted.push((gm - slack, gm + slack));
    }
    // A parent row with a capaian of its own over its sub-items:
    // the items alone.
    let leaves: Vec<Decimal> = items
        .iter()
        .filter(|(k, _)| table.rows[*k].kind != RowKind::Group)
        .map(|(_, f)| f.value)
        .collect();
    if leaves.len() >= 2
        && leaves.len() < values.len()
        && let Some(lm) = mean(&leaves)
    {
        accepted.push((lm - slack, lm + slack));
    }
    // Capaian capped before averaging (at 100 %, 120 % …).
    for cap in [100, 110, 120, 125, 150] {
        let cap = Decimal::from(cap);
        let capped: Vec<Decimal> = values.iter().map(|v| (*v).min(cap)).collect();
        if let Some(cm) = mean(&capped) {
            accepted.push((cm - slack, cm + slack));
        }
    }
    let parts: Vec<String> = items.iter().map(|(_, f)| shown(f)).collect();
    let computation = format!("({}) / {} = {}", parts.join(" + "), items.len(), pct(m));
    let related = items
        .iter()
        .map(|(k, _)| ctx.row_line(table.rows[*k].page, table.rows[*k].line))
        .collect::<Vec<_>>();
    Ok(Expected {
        mean: m,
        accepted,
        computation,
        related,
    })
}

/// The mean of the average rows above (an average of averages), with the
/// mean of their printed values shown when that differs.
fn of_averages(printed: &[Decimal], recomputed: &[Decimal]) -> Result<Expected, NotComputed> {
    if recomputed.len() < 2 {
        return Err(Some(AVERAGE_TOO_FEW));
    }
    let Some(m) = mean(recomputed) else {
        return Err(None);
    };
    let slack = Decimal::new(5, 3);
    let mut computation = format!(
        "({}) / {} = {}",
        recomputed
            .iter()
            .map(|v| pct(*v))
            .collect::<Vec<_>>()
            .join(" + "),
        recomputed.len(),
        pct(m)
    );
    if printed != recomputed
        && let Some(pm) = mean(printed)
    {
        computation.push_str(&format!(
            "; {} = rata-rata angka tercetak / mean of the printed averages ({})",
            pct(pm),
            printed
                .iter()
                .map(|v| pct(*v))
                .collect::<Vec<_>>()
                .join(" + ")
        ));
    }
    Ok(Expected {
        mean: m,
        accepted: vec![(m - slack, m + slack)],
        computation,
        related: Vec::new(),
    })
}

impl Check for AverageRow {
    fn table(&self, table: &Table, ctx: &Context<'_, '_>, out: &mut Sink) {
        // Per row, the recomputed mean of its first checked column (for the
        // averages of averages below it), by column.
        let columns = table.columns.len();
        let mut computed: Vec<Vec<Option<Decimal>>> = vec![vec![None; table.rows.len()]; columns];
        for (index, row) in table.rows.iter().enumerate() {
            if !self.is_average(row) {
                continue;
            }
            for c in 0..row.cells.len().min(columns) {
                let Some(stated) = row.figure(c) else {
                    continue;
                };
                let Some(src) = Self::source(table, row, c) else {
                    continue;
                };
                if stated.kind == FigureKind::Rupiah {
                    continue;
                }
                let expected = match self.covered(table, index, src, &computed[src]) {
                    Covered::Unknown(why) => Err(Some(why)),
                    Covered::Items(items, groups) => of_items(ctx, table, &items, &groups),
                    Covered::Averages(printed, recomputed) => of_averages(&printed, &recomputed),
                };
                let expected = match expected {
                    Ok(expected) => expected,
                    Err(why) => {
                        if let Some(why) = why {
                            out.skip(why);
                        }
                        continue;
                    }
                };
                if expected
                    .accepted
                    .iter()
                    .any(|(lo, hi)| agrees_range(stated, *lo, *hi, ctx.tolerance))
                {
                    out.agree();
                    continue;
                }
                // An average that does not hold enters the averages below it
                // as it should be; one that holds, as printed.
                if computed[src][index].is_none() {
                    computed[src][index] = Some(expected.mean);
                }
                let line = ctx.row_line(row.page, row.line);
                out.push(
                    Draft {
                        line,
                        stated: stated.text.clone(),
                        expected: as_printed(stated, expected.mean),
                        computation: Localized::same(expected.computation),
                        related: expected.related,
                        ..Default::default()
                    }
                    .var("row", Localized::same(row.label().to_string()))
                    .var("column", Localized::same(table.columns[src].clone()))
                    .var("table", table_name(table)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::checks::testing::{findings, run_default};

    #[test]
    fn a_sentence_whose_capaian_does_not_follow_is_flagged() {
        let text = "Pada tahun 2020, capaian indikator kinerja jumlah penumpang yang dilayani sebesar 39,27 dengan realisasi sebesar 8.247 terhadap target sebesar 2.100. Pada tahun 2021 capaian naik.\n";
        let found = findings("sentence-capaian", text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "39,27 (8.247 / 2.100)");
        assert_eq!(found[0].expected, "392,71");
    }

    #[test]
    fn a_capaian_of_100_for_94_38_of_86_is_flagged() {
        let text = "Tahun 2023, capaian indikator kinerja Indeks Kepuasan Pengguna Jasa Layanan Bandar Udara sebesar 100% dengan nilai realisasi sebesar 94,38 terhadap target sebesar 86. Tahun 2024, capaian indikator kinerja Indeks Kepuasan Pengguna Jasa Layanan Bandar Udara sebesar 107,27% dengan nilai realisasi sebesar 96,54 terhadap target sebesar 90.\n";
        let (found, coverage) = run_default("sentence-capaian", text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "110%");
        assert_eq!(coverage.agree, 1, "{coverage:#?}");
    }

    /// "Persentase Realisasi Anggaran" is the indicator's name, not its realisasi.
    #[test]
    fn a_role_word_in_a_title_case_name_is_part_of_the_name() {
        let text = "Tahun 2022, capaian indikator kinerja Persentase Realisasi Anggaran Belanja Bandar Udara sebesar 95,42% dengan nilai realisasi sebesar 94,42% terhadap target sebesar 100%. Tahun 2023, capaian indikator kinerja Persentase Realisasi Anggaran Belanja Bandar Udara sebesar 100,70% dengan nilai realisasi sebesar 100,7% terhadap target sebesar 100%.\n";
        let found = findings("sentence-capaian", text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "95,42% (94,42% / 100%)");
    }

    #[test]
    fn target_first_sentences_and_rounded_capaian_agree() {
        let text = "Target BOR di RSUD tahun 2016 adalah 85.00% dan realisasi 88.50% dengan capaian 104.12%. Target BTO di RSUD tahun 2016 adalah 97 kali dan realisasi 74 kali dengan capaian 76.29%. Tahun 2021, capaian indikator sebesar 94% dengan nilai realisasi sebesar 89,53% terhadap target sebesar 95,01%.\n";
        let (found, coverage) = run_default("sentence-capaian", text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 3, "{coverage:#?}");
    }

    #[test]
    fn a_lower_is_better_indicator_may_follow_the_negative_formula() {
        let text = "Dan capaian Tempat pembuangan sampah persatuan penduduk 61% dari target 18% yang dapat direalisasikan 25% karena realisasi makin tinggi maka makin rendah capaian kinerja.\n";
        let found = findings("sentence-capaian", text);
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn ranges_bounds_and_several_years_are_not_checked() {
        let text = "Tingkat penurunan emisi, dengan target capaian 5-6 % yang merupakan IKU, realisasi target capaian yaitu 11.45% dengan prosentase capaian >100 % sehingga baik. Indeks Kualitas Udara dengan target capaian 60, realisasi target capaian yaitu 66,24 dengan prosentase capaian sebesar >100% sehingga baik.\n";
        let (found, coverage) = run_default("sentence-capaian", text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 2, "{coverage:#?}");
    }

    #[test]
    fn a_sentence_with_the_wrong_target_is_flagged() {
        let text = "Pencapaian indikator sasaran persentase OPD yang memperoleh nilai CC ke atas sebesar 82,71% dari target 90% terealisasi 78,57%. Hal ini baik.\n";
        let found = findings("sentence-capaian", text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "87,30%");
    }

    /// A sasaran's capaian may average several indicators.
    #[test]
    fn the_capaian_of_a_sasaran_is_not_one_indicators() {
        let text = "Ketercapaian sasaran sebesar 99,94% merupakan hasil pengukuran indikator cakupan layanan dengan realisasi 65,64% dari target 65%.\n";
        let found = findings("sentence-capaian", text);
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn an_ordinal_and_two_years_are_not_a_capaian_of_the_sentence() {
        let text = "Dinas mampu merealisasikan 25 % dari target 18 % semakin tinggi realisasi makin rendah capaian kinerja maka di pergunakan rumus ke 2 yaitu hasil capaian kinerja 61 %. Capaian 130,77% terjadi pada indikator regulasi dari target kinerja 15 dokumen di tahun 2016, realisasi 13 dokumen pada tahun 2015.\n";
        let (found, coverage) = run_default("sentence-capaian", text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1, "{coverage:#?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 1, "{coverage:#?}");
    }

    #[test]
    fn an_average_of_the_parts_the_passage_gives() {
        let text = |avg: &str| {
            format!(
                "1) Sasaran 1 : Meningkatnya Inovasi Daerah mendapat predikat nilai Sangat Baik dengan capaian rata-rata sebesar {avg}. Terbukti dari hasil pengukuran yang diukur melalui 2 (dua) indikator kinerja, kesatu indikator kinerja Prosentase Inovasi, dengan capaian kinerja sebesar 250% sangat melebihi target dan kedua indikator kinerja Jumlah Karya Iptek, dengan capaian kinerja di atas target yaitu sebesar 168%\n"
            )
        };
        let found = findings("paragraph-average", &text("125%"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "209%");
        assert!(findings("paragraph-average", &text("209%")).is_empty());
        // Fewer parts than the indicators it names: not checked.
        let short = "Sasaran 2 dengan capaian rata-rata sebesar 234%. Terbukti dari hasil pengukuran yang diukur melalui 2 (dua) indikator kinerja dengan capaian 2 indikator di atas target.\n";
        assert!(findings("paragraph-average", short).is_empty());
    }

    fn table(rows: &str) -> String {
        format!(
            "Tabel 3.1 Capaian Kinerja\n\n| No | Sasaran | Indikator | Target | Realisasi | Capaian (%) |\n|---|---|---|---|---|---|\n{rows}\n"
        )
    }

    #[test]
    fn an_average_row_is_the_mean_of_its_rows() {
        let good = table(
            "| 1 | Sasaran satu | Indikator a | 10 | 20 | 200 |\n| | | Indikator b | 10 | 10 | 100 |\n| 2 | Sasaran dua | Indikator c | 7 | 9 | 128,57 |\n| | Rata-rata | | | | 142,86 |",
        );
        let (found, coverage) = run_default("average-row", &good);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1, "{coverage:#?}");
        let bad = table(
            "| 1 | Sasaran satu | Indikator a | 10 | 20 | 200 |\n| | | Indikator b | 10 | 10 | 100 |\n| 2 | Sasaran dua | Indikator c | 7 | 9 | 128,57 |\n| 3 | Sasaran tiga | Indikator d | 13 | 17 | 130,77 |\n| | Rata-Rata | | | | 141,25 |",
        );
        let found = findings("average-row", &bad);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "139,84");
    }

    #[test]
    fn an_average_over_a_text_cell_is_not_checked() {
        let text = table(
            "| 1 | Sasaran satu | Indikator a | 10 | NA | NA |\n| | | Indikator b | 10 | 10 | 100 |\n| | | Indikator c | 10 | 12 | 120 |\n| | Rata-rata | | | | 300 |",
        );
        let (found, coverage) = run_default("average-row", &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 1, "{coverage:#?}");
    }

    #[test]
    fn an_average_over_an_amount_or_a_table_without_its_top_is_not_checked() {
        // An amount in the capaian column: the columns were not read apart.
        let amount = table(
            "| 1 | Sasaran satu | Indikator a | 10 | 20 | 52.124.470.230 |\n| | | Indikator b | 10 | 10 | 100 |\n| | Rata-rata | | | | 82,75 |",
        );
        let (found, coverage) = run_default("average-row", &amount);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 1, "{coverage:#?}");
        // Averages of averages in a table without a caption: the averages
        // above it on the page before are not known.
        let rows = "| 1 | Sasaran satu | Indikator a | 10 | 20 | 200 |\n| | Rata-rata | | | | 200 |\n| 2 | Sasaran dua | Indikator c | 10 | 10 | 100 |\n| | Rata-rata | | | | 100 |\n| | Rata-rata kinerja | | | | 120 |";
        let with_caption = table(rows);
        let found = findings("average-row", &with_caption);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "150,00");
        let without = with_caption.replacen("Tabel 3.1 Capaian Kinerja", "Lanjutan", 1);
        let found = findings("average-row", &without);
        assert!(found.iter().all(|f| f.stated != "120"), "{found:#?}");
    }

    #[test]
    fn an_indicator_named_jumlah_is_averaged_not_a_boundary() {
        // The rows since the top average to 142,86; from "Jumlah …" on, 114,29.
        let text = table(
            "| 1 | Sasaran satu | Indikator a | 10 | 20 | 200 |\n| | | Jumlah karya yang didaftarkan HAKI | 10 | 10 | 100 |\n| 2 | Sasaran dua | Indikator c | 7 | 9 | 128,57 |\n| | Rata-rata | | | | 142,86 |",
        );
        let (found, coverage) = run_default("average-row", &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1, "{coverage:#?}");
    }
}
