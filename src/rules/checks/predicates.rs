//! Predicates ("Sangat Baik", "B", "SB") against the scale the report itself
//! states ("80 s/d 100 % = Sangat Baik (SB)"): in a table's predicate column
//! beside the row's capaian, and in a sentence that gives a capaian and its
//! predicate together. No stated scale, no judgement.

use std::sync::{LazyLock, OnceLock};

use regex::Regex;
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::facts::figures::{Figure, FigureKind, Hint};
use crate::facts::format::format_id;
use crate::findings::Localized;
use crate::structure::roles::Role;
use crate::structure::roles::TableKind;
use crate::structure::{Row, Table};

use super::claims::{Band, norm_label};
use super::common::{
    Chapters, Context, Pattern, both, cell_number, figures, first_value, pct, shown,
};
use super::{Check, Draft, Sink, Why};

// ---------------------------------------------------------------- the stated scale

/// One band of a scale the report states, with the abbreviation it gives ("(SB)").
#[derive(Debug, Clone)]
pub struct StatedBand {
    pub band: Band,
    pub abbrev: Option<String>,
}

/// Where a scale a predicate is judged on is stated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScaleOrigin {
    /// In the report, at the scale's line.
    Report,
    /// In the regulation the report cites without printing it
    /// ("Permendagri 54/2010").
    Cited(String),
    /// In another part (file, named) of a report delivered in parts.
    OtherPart(String),
}

/// A scale stated in the report: three or more bands in consecutive rows,
/// paragraphs or list items, and the line where it starts.
#[derive(Debug, Clone)]
pub struct StatedScale {
    pub bands: Vec<StatedBand>,
    pub line: usize,
    /// One past its last line (claims inside the scale are its own wording).
    pub end: usize,
    /// Where the scale is stated.
    pub origin: ScaleOrigin,
    /// Its bands are stacked in one row (ranges in one cell, labels in another).
    pub stacked: bool,
}

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)\b(?P<label>sangat\s+baik|sangat\s+tinggi|sangat\s+rendah|sangat\s+kurang|sangat\s+memuaskan|cukup\s+baik|kurang\s+baik|baik|cukup|sedang|kurang|buruk|tinggi|rendah|memuaskan)\b(?:\s*\(\s*(?P<abbr>[A-Za-z]{1,3})\s*\))?",
    )
    .expect("valid regex")
});
/// A band of a predicate scale; also read by `claims`.
pub(super) static BETWEEN: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)(\d+(?:[.,]\d+)?)\s*%?\s*(?:s/d|s\.d\.?|sampai(?:\s+dengan)?|-|–|—)\s*(\d+(?:[.,]\d+)?)").expect("valid regex")
});
/// A band of a predicate scale; also read by `claims`.
pub(super) static ABOVE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)(?:lebih\s+dari|di\s+atas|diatas|>\s*=?|≥)\s*(\d+(?:[.,]\d+)?)")
        .expect("valid regex")
});
/// A band of a predicate scale; also read by `claims`.
pub(super) static BELOW: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)(?:kurang\s+dari|di\s+bawah|dibawah|<\s*=?|≤)\s*(\d+(?:[.,]\d+)?)",
    )
    .expect("valid regex")
});
/// A SAKIP letter grade opening a scale's row ("BB  >70-80  Sangat Baik"):
/// the band's abbreviation when the label gives none in brackets.
static GRADE_FIRST: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"^\s*(AA|A|BB|B|CC|C|D)\s").expect("valid regex"));
static DARI: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"(?i)^\s*dari\b").expect("valid regex"));

/// The range written closest before the end of `segment` ("… 60 s/d 79 % =").
fn last_range(segment: &str, label: &str) -> Option<Band> {
    let band = |min, max, min_inclusive, max_inclusive| Band {
        label: label.trim().to_string(),
        min,
        max,
        min_inclusive,
        max_inclusive,
    };
    let between = BETWEEN
        .captures_iter(segment)
        .last()
        .map(|c| (c.get(0).map_or(0, |m| m.end()), c));
    let above = ABOVE
        .captures_iter(segment)
        .last()
        .map(|c| (c.get(0).map_or(0, |m| m.end()), c));
    let below = BELOW
        .captures_iter(segment)
        .last()
        .map(|c| (c.get(0).map_or(0, |m| m.end()), c));
    let end = |x: &Option<(usize, regex::Captures<'_>)>| x.as_ref().map(|(e, _)| *e);
    let best = [end(&between), end(&above), end(&below)]
        .into_iter()
        .flatten()
        .max()?;
    if end(&between) == Some(best) {
        let (_, c) = between?;
        return Some(band(first_value(&c[1]), first_value(&c[2]), true, true));
    }
    if end(&above) == Some(best) {
        let (_, c) = above?;
        let inclusive = c[0].contains('=') || c[0].contains('≥');
        return Some(band(first_value(&c[1]), None, inclusive, true));
    }
    let (_, c) = below?;
    let inclusive = c[0].contains('=') || c[0].contains('≤');
    Some(band(None, first_value(&c[1]), true, inclusive))
}

/// The bands one row or paragraph states: each label with the range written
/// before it ("≥ 80% = Sangat Baik (SB)"), or else after it ("Baik: 60-79").
fn bands_in(text: &str) -> Vec<StatedBand> {
    let labels: Vec<regex::Captures<'_>> = LABEL
        .captures_iter(text)
        .filter(|c| {
            let end = c.get(0).map_or(0, |m| m.end());
            !DARI.is_match(&text[end..])
        })
        .collect();
    let read = |before: bool| -> Vec<StatedBand> {
        let mut out = Vec::new();
        for (i, c) in labels.iter().enumerate() {
            let (Some(whole), Some(label)) = (c.get(0), c.name("label")) else {
                continue;
            };
            let segment = if before {
                let from = i
                    .checked_sub(1)
                    .and_then(|p| labels[p].get(0))
                    .map_or(0, |m| m.end());
                &text[from..whole.start()]
            } else {
                let to = labels
                    .get(i + 1)
                    .and_then(|n| n.get(0))
                    .map_or(text.len(), |m| m.start());
                &text[whole.end()..to]
            };
            if let Some(band) = last_range(segment, label.as_str()) {
                let grade = || {
                    before
                        .then(|| GRADE_FIRST.captures(segment))
                        .flatten()
                        .map(|g| g[1].to_string())
                };
                out.push(StatedBand {
                    band,
                    abbrev: c
                        .name("abbr")
                        .map(|a| a.as_str().to_uppercase())
                        .or_else(grade),
                });
            }
        }
        out
    };
    let before = read(true);
    if before.is_empty() {
        read(false)
    } else {
        before
    }
}

/// A run of texts (rows, paragraphs) in order, each with its line: the scales
/// in it are its runs of consecutive texts stating bands, three labels or more.
fn runs(texts: impl Iterator<Item = (usize, String)>, out: &mut Vec<StatedScale>) {
    let mut current: Option<StatedScale> = None;
    let close = |s: Option<StatedScale>, out: &mut Vec<StatedScale>| {
        if let Some(s) = s {
            let mut labels: Vec<String> =
                s.bands.iter().map(|b| norm_label(&b.band.label)).collect();
            labels.sort();
            labels.dedup();
            if labels.len() >= 3 && labels.len() == s.bands.len() {
                out.push(s);
            }
        }
    };
    for (line, text) in texts {
        let bands = bands_in(&text);
        if bands.is_empty() {
            close(current.take(), out);
            continue;
        }
        match current.as_mut() {
            Some(s) => {
                s.bands.extend(bands);
                s.end = line + 1;
            }
            None => {
                current = Some(StatedScale {
                    bands,
                    line,
                    end: line + 1,
                    origin: ScaleOrigin::Report,
                    stacked: false,
                })
            }
        }
    }
    close(current, out);
}

/// Every scale the report states, in its tables and its running text, by line
/// (found once per report: four checks ask).
pub fn stated_scales(ctx: &Context<'_, '_>) -> Vec<StatedScale> {
    ctx.scales.get_or_init(|| find_scales(ctx)).clone()
}

/// A scale table whose bands are stacked in one row, a cell of ranges beside a
/// cell of labels ("> 100 % 80 – 100 % 50 - 80 % < 50 %" | "Sangat Baik (SB)
/// Baik (B) Sedang (S) Kurang (K)"): as many ranges as labels, paired in order.
fn stacked_bands(cells: &[&str]) -> Option<Vec<StatedBand>> {
    for (i, ranges_cell) in cells.iter().enumerate() {
        if LABEL.is_match(ranges_cell) {
            continue;
        }
        let mut spans: Vec<(usize, usize)> = [&*BETWEEN, &*ABOVE, &*BELOW]
            .iter()
            .flat_map(|re| re.find_iter(ranges_cell).map(|m| (m.start(), m.end())))
            .collect();
        spans.sort_unstable();
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        for span in spans {
            if ranges.last().is_none_or(|last| span.0 >= last.1) {
                ranges.push(span);
            }
        }
        if ranges.len() < 3 {
            continue;
        }
        for (j, labels_cell) in cells.iter().enumerate() {
            let labels: Vec<regex::Captures<'_>> = LABEL.captures_iter(labels_cell).collect();
            if j == i || labels.len() != ranges.len() {
                continue;
            }
            return ranges
                .iter()
                .zip(&labels)
                .map(|(&(a, b), c)| {
                    let band = last_range(&ranges_cell[a..b], c.name("label")?.as_str())?;
                    Some(StatedBand {
                        band,
                        abbrev: c.name("abbr").map(|a| a.as_str().to_uppercase()),
                    })
                })
                .collect();
        }
    }
    None
}

fn find_scales(ctx: &Context<'_, '_>) -> Vec<StatedScale> {
    let mut out = Vec::new();
    for t in &ctx.report.tables {
        for r in t.header_rows.iter().chain(&t.rows) {
            let cells: Vec<&str> = r.cells.iter().map(|c| c.text.as_str()).collect();
            if let Some(bands) = stacked_bands(&cells) {
                let line = ctx.row_line(r.page, r.line);
                out.push(StatedScale {
                    bands,
                    line,
                    end: line + 1,
                    origin: ScaleOrigin::Report,
                    stacked: true,
                });
            }
        }
        let rows = t.header_rows.iter().chain(&t.rows).map(|r| {
            let text: Vec<&str> = r.cells.iter().map(|c| c.text.as_str()).collect();
            (ctx.row_line(r.page, r.line), text.join(" "))
        });
        runs(rows, &mut out);
    }
    let paragraphs = ctx.report.paragraphs.iter().map(|p| {
        let line = p.pieces.first().map_or(0, |(_, i)| *i);
        let last = p.pieces.last().map_or(line, |(_, i)| *i);
        (line.max(last), p.text.clone())
    });
    // A paragraph's band is known by its last line, so that a run ends where it ends.
    let mut para = Vec::new();
    runs(paragraphs, &mut para);
    for s in &mut para {
        s.line = ctx
            .report
            .paragraphs
            .iter()
            .find(|p| p.pieces.iter().any(|(_, i)| *i == s.line))
            .and_then(|p| p.pieces.first().map(|(_, i)| *i))
            .unwrap_or(s.line);
    }
    out.extend(para);
    out.sort_by_key(|s| s.line);
    out
}

impl StatedScale {
    /// The band a predicate names: by its abbreviation, its label, or the
    /// label's initials ("SB" for Sangat Baik) when no abbreviations are given.
    pub fn band_named(&self, text: &str) -> Option<usize> {
        let inner = text
            .find('(')
            .and_then(|a| text[a + 1..].find(')').map(|b| &text[a + 1..a + 1 + b]));
        let bare: String = text
            .chars()
            .filter(|c| c.is_alphabetic() || c.is_whitespace())
            .collect();
        let candidates = [inner, Some(text), Some(bare.as_str())];
        for candidate in candidates.into_iter().flatten() {
            let want = norm_label(candidate.trim_matches(|c: char| !c.is_alphanumeric()));
            if want.is_empty() {
                continue;
            }
            if let Some(i) = self
                .bands
                .iter()
                .position(|b| b.abbrev.as_deref() == Some(want.as_str()))
            {
                return Some(i);
            }
            if let Some(i) = self
                .bands
                .iter()
                .position(|b| norm_label(&b.band.label) == want)
            {
                return Some(i);
            }
            let has_abbrevs = self.bands.iter().any(|b| b.abbrev.is_some());
            if !has_abbrevs {
                let mut by_initials = self
                    .bands
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| initials(&b.band.label) == want);
                if let (Some((i, _)), None) = (by_initials.next(), by_initials.next()) {
                    return Some(i);
                }
            }
        }
        None
    }

    /// The bands a value may fall in: the band holding it, or both neighbours
    /// when it lies in the gap between integer bands (79,5 between 79 and 80).
    pub fn bands_for(&self, v: Decimal) -> Vec<usize> {
        let inside: Vec<usize> = (0..self.bands.len())
            .filter(|&i| self.bands[i].band.contains(v))
            .collect();
        if !inside.is_empty() {
            return inside;
        }
        let best = self
            .bands
            .iter()
            .map(|b| b.band.distance(v))
            .min()
            .unwrap_or_default();
        (0..self.bands.len())
            .filter(|&i| {
                let d = self.bands[i].band.distance(v);
                d == best || d < Decimal::ONE
            })
            .collect()
    }

    /// How a band is written: its label and, when given, abbreviation.
    pub fn name(&self, i: usize) -> String {
        self.bands
            .get(i)
            .map_or_else(String::new, |b| match &b.abbrev {
                Some(a) => format!("{} ({a})", b.band.label),
                None => b.band.label.clone(),
            })
    }

    fn names(&self, bands: &[usize]) -> String {
        bands
            .iter()
            .map(|&i| self.name(i))
            .collect::<Vec<_>>()
            .join(" / ")
    }

    /// "80–100 = Sangat Baik; 60–79 = Baik; …" for computations.
    fn summary(&self) -> String {
        let n = |v: Decimal| format_id(v, v.normalize().scale());
        self.bands
            .iter()
            .map(|b| {
                let range = match (b.band.min, b.band.max) {
                    (Some(a), Some(z)) => format!("{}–{}", n(a), n(z)),
                    (Some(a), None) => {
                        format!("{}{}", if b.band.min_inclusive { "≥" } else { ">" }, n(a))
                    }
                    (None, Some(z)) => {
                        format!("{}{}", if b.band.max_inclusive { "≤" } else { "<" }, n(z))
                    }
                    (None, None) => String::new(),
                };
                format!("{range} = {}", b.band.label)
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

fn initials(label: &str) -> String {
    label
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .collect::<String>()
        .to_uppercase()
}

/// The scale in force at `line`: the last stated before it, else the first after.
pub(super) fn scale_at(scales: &[StatedScale], line: usize) -> Option<&StatedScale> {
    scales
        .iter()
        .rev()
        .find(|s| s.line <= line)
        .or_else(|| scales.first())
}

const NO_SCALE: Why = Why {
    en: "the report states no predicate scale",
    id: "laporan tidak menyatakan skala predikat",
};
const NOT_ON_SCALE: Why = Why {
    en: "predicate not on the report's scale",
    id: "predikat tidak ada pada skala laporan",
};
const NO_VALUE: Why = Why {
    en: "no capaian beside the predicate",
    id: "tidak ada capaian di samping predikat",
};

// ---------------------------------------------------------------- predicate column

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PredicateColumnParams {
    #[serde(default)]
    chapters: Chapters,
}

/// A table's predicate column against the row's capaian on the report's scale:
/// "88,61 % | B" where the report says 80–100 % is Sangat Baik.
#[derive(Debug)]
pub struct PredicateColumn {
    p: PredicateColumnParams,
}

impl PredicateColumn {
    pub fn new(p: PredicateColumnParams) -> Result<Self, String> {
        Ok(PredicateColumn { p })
    }
}

/// The columns a predicate is judged by.
struct Columns {
    predicate: usize,
    /// The capaian printed beside it (the nearest to its left).
    capaian: Option<usize>,
    target: Option<usize>,
    realisasi: Option<usize>,
    /// The realisasi is itself a percentage (header "Realisasi (%)").
    realisasi_percent: bool,
}

impl Columns {
    fn of(table: &Table) -> Option<Columns> {
        let with = |role: Role| -> Vec<usize> {
            (0..table.roles.len())
                .filter(|&i| table.roles[i].role == role && !table.roles[i].money)
                .collect()
        };
        let predicate = *with(Role::Predicate).first()?;
        let left = |v: Vec<usize>| {
            v.iter()
                .copied()
                .rfind(|&i| i < predicate)
                .or_else(|| v.first().copied())
        };
        let realisasi = left(with(Role::Realisasi));
        Some(Columns {
            predicate,
            capaian: left(with(Role::Capaian)),
            target: left(with(Role::Target)),
            realisasi,
            realisasi_percent: realisasi
                .and_then(|i| table.columns.get(i))
                .is_some_and(|h| h.contains('%')),
        })
    }

    /// The readings of a row's capaian: printed, or else (no capaian column)
    /// the realisasi in percent as printed and realisasi / target × 100.
    fn readings(&self, row: &Row) -> Vec<(Decimal, String)> {
        let num = |col: Option<usize>, hint| {
            col.and_then(|c| row.cell(c))
                .and_then(|c| cell_number(&c.text, hint))
        };
        if self.capaian.is_some() {
            return num(self.capaian, Hint::Percent)
                .map(|f| vec![(f.value, f.text.clone())])
                .unwrap_or_default();
        }
        let mut out = Vec::new();
        let real = num(self.realisasi, Hint::None);
        if let Some(r) = &real
            && (self.realisasi_percent || r.kind == FigureKind::Percent)
        {
            out.push((r.value, r.text.clone()));
        }
        if let (Some(r), Some(t)) = (&real, num(self.target, Hint::None))
            && !t.value.is_zero()
        {
            let v = r.value / t.value * Decimal::ONE_HUNDRED;
            out.push((
                v,
                format!("{} / {} × 100 = {}", shown(r), shown(&t), pct(v)),
            ));
        }
        out
    }
}

impl Check for PredicateColumn {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let scales = stated_scales(ctx);
        for (index, table) in ctx.report.tables.iter().enumerate() {
            out.enter_table(index);
            if !self.p.chapters.contains(table.chapter) {
                continue;
            }
            let Some(columns) = Columns::of(table) else {
                continue;
            };
            let line = ctx.row_line(table.page, table.first_line);
            let Some(scale) = scale_at(&scales, line) else {
                out.skip(NO_SCALE);
                continue;
            };
            for row in &table.rows {
                judge_row(ctx, scale, &columns, row, out);
            }
        }
        out.leave_table();
    }
}

/// One row's predicate against its capaian.
fn judge_row(
    ctx: &Context<'_, '_>,
    scale: &StatedScale,
    columns: &Columns,
    row: &Row,
    out: &mut Sink,
) {
    let Some(cell) = row.cell(columns.predicate) else {
        return;
    };
    let said = cell.text.trim();
    if said.is_empty() {
        return;
    }
    let Some(band) = scale.band_named(said) else {
        out.skip(NOT_ON_SCALE);
        return;
    };
    let readings = columns.readings(row);
    if readings.is_empty() {
        out.skip(NO_VALUE);
        return;
    }
    if readings
        .iter()
        .any(|(v, _)| scale.bands_for(*v).contains(&band))
    {
        out.agree();
        return;
    }
    let (value, how) = &readings[0];
    let expected = scale.bands_for(*value);
    let line = ctx.row_line(row.page, row.line);
    let shown_value = row
        .cell(
            columns
                .capaian
                .or(columns.realisasi)
                .unwrap_or(columns.predicate),
        )
        .map(|c| c.text.trim().to_string())
        .unwrap_or_else(|| pct(*value));
    out.push(
        Draft {
            line,
            stated: format!("{shown_value} → {said}"),
            expected: expected_like(scale, &expected, said),
            computation: reasoning(scale, how, &expected),
            related: vec![scale.line],
            ..Default::default()
        }
        .var("value", Localized::same(shown_value))
        .var("label", Localized::same(said.to_string())),
    );
}

/// The expected predicate written as the report wrote the stated one
/// (abbreviation for an abbreviation).
fn expected_like(scale: &StatedScale, bands: &[usize], said: &str) -> String {
    let short = said.chars().filter(|c| c.is_alphabetic()).count() <= 3;
    bands
        .iter()
        .filter_map(|&i| scale.bands.get(i))
        .map(|b| match (&b.abbrev, short) {
            (Some(a), true) => a.clone(),
            (None, true) => initials(&b.band.label),
            _ => b.band.label.clone(),
        })
        .collect::<Vec<_>>()
        .join(" / ")
}

/// "capaian 88,61% → Sangat Baik (SB) on the report's scale (80–100 = …)".
fn reasoning(scale: &StatedScale, how: &str, bands: &[usize]) -> Localized {
    let names = scale.names(bands);
    let summary = scale.summary();
    match &scale.origin {
        ScaleOrigin::Cited(source) => both(
            format!("{how} → {names} pada skala {source} yang dirujuk kalimat itu ({summary})"),
            format!(
                "{how} → {names} on the scale of {source}, which the sentence cites ({summary})"
            ),
        ),
        ScaleOrigin::Report => both(
            format!("capaian {how} → {names} pada skala laporan ({summary})"),
            format!("capaian {how} → {names} on the report's scale ({summary})"),
        ),
        ScaleOrigin::OtherPart(part) => both(
            format!(
                "capaian {how} → {names} pada skala bagian lain laporan ini, {part} ({summary})"
            ),
            format!(
                "capaian {how} → {names} on the scale another part of this report gives, {part} ({summary})"
            ),
        ),
    }
}

// ---------------------------------------------------------------- predicate in a sentence

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PredicateStatedParams {
    /// A capaian and its predicate in one sentence: groups `value` and `label`.
    claim: Pattern,
    /// Judge only claims that cite this regulation, on its scale, not the report's.
    #[serde(default)]
    cited: Option<CitedScaleParams>,
    #[serde(default)]
    chapters: Chapters,
}

/// A scale a regulation sets and reports cite without printing it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CitedScaleParams {
    /// The citation, within the claim or its paragraph.
    regulation: Pattern,
    /// How it is called in the computation ("Permendagri 54/2010").
    name: String,
    /// Its bands as a report would write them: "91-100 Sangat Tinggi; 76-90 Tinggi; …".
    bands: String,
}

/// "prosentase capaian sebesar 100 % sehingga … dinyatakan sangat baik"
/// where the report's scale puts 100 % in "baik".
#[derive(Debug)]
pub struct PredicateStated {
    p: PredicateStatedParams,
    /// The regulation `cited` names and its scale, read from `cited.bands`.
    cited: Option<(Pattern, StatedScale)>,
}

impl PredicateStated {
    pub fn new(mut p: PredicateStatedParams) -> Result<Self, String> {
        let names: Vec<&str> = p.claim.0.capture_names().flatten().collect();
        if !names.contains(&"value") || !names.contains(&"label") {
            return Err("`claim` needs (?P<value>…) and (?P<label>…) groups".into());
        }
        let cited = match p.cited.take() {
            None => None,
            Some(c) => {
                let bands: Vec<StatedBand> = c.bands.split(';').flat_map(bands_in).collect();
                if bands.len() < 3 {
                    return Err(format!(
                        "`cited.bands` needs three bands or more, each a range and a label: {:?}",
                        c.bands
                    ));
                }
                let scale = StatedScale {
                    bands,
                    line: 0,
                    end: 0,
                    origin: ScaleOrigin::Cited(c.name),
                    stacked: false,
                };
                Some((c.regulation, scale))
            }
        };
        Ok(PredicateStated { p, cited })
    }
}

impl Check for PredicateStated {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let scales = stated_scales(ctx);
        for para in ctx.paragraphs_in(&self.p.chapters) {
            for c in self.p.claim.0.captures_iter(&para.text) {
                let (Some(value), Some(label)) = (c.name("value"), c.name("label")) else {
                    continue;
                };
                let Some(stated) = figures(value.as_str()).into_iter().next() else {
                    continue;
                };
                let (line, at) = ctx.locate(para, value.start());
                let scale = match &self.cited {
                    Some((regulation, cited)) => {
                        if !regulation.0.is_match(&para.text) {
                            continue;
                        }
                        cited
                    }
                    None => match scale_at(&scales, line) {
                        Some(scale) => scale,
                        None => {
                            let claim = UnscaledClaim {
                                line,
                                at,
                                stated,
                                label: label.as_str().to_string(),
                            };
                            out.defer_unscaled(NO_SCALE, claim);
                            continue;
                        }
                    },
                };
                if (scale.line..scale.end).contains(&line) {
                    continue;
                }
                judge_sentence(scale, &stated, label.as_str(), (line, at), out);
            }
        }
    }
}

/// A capaian and its predicate in a sentence of a report that states no
/// scale: a report delivered in parts may state it in another part.
#[derive(Debug, Clone)]
pub struct UnscaledClaim {
    pub line: usize,
    /// Byte offset of the capaian in its line.
    pub at: usize,
    pub stated: Figure,
    pub label: String,
}

impl StatedScale {
    /// Whether two scales have the same bands and names.
    pub(crate) fn same_as(&self, other: &StatedScale) -> bool {
        self.summary() == other.summary()
    }

    /// This scale as another part of the report, the file `part`, states it.
    pub(crate) fn of_other_part(&self, part: &str) -> StatedScale {
        StatedScale {
            origin: ScaleOrigin::OtherPart(part.to_string()),
            ..self.clone()
        }
    }
}

/// An unscaled claim judged on a scale of another part (`of_other_part`):
/// None when its predicate is not on the scale, else whether it agrees
/// (None) or a finding's draft, whose related place the caller gives.
pub(crate) fn judge_on_part_scale(
    claim: &UnscaledClaim,
    scale: &StatedScale,
) -> Option<Option<Draft>> {
    let mut out = Sink::default();
    judge_sentence(
        scale,
        &claim.stated,
        &claim.label,
        (claim.line, claim.at),
        &mut out,
    );
    if out.coverage.agree > 0 {
        return Some(None);
    }
    out.drafts.pop().map(Some)
}

fn judge_sentence(
    scale: &StatedScale,
    stated: &Figure,
    label: &str,
    (line, at): (usize, usize),
    out: &mut Sink,
) {
    let Some(band) = scale.band_named(label) else {
        out.skip(NOT_ON_SCALE);
        return;
    };
    let bands = scale.bands_for(stated.value);
    if bands.contains(&band) {
        out.agree();
        return;
    }
    out.push(
        Draft {
            line,
            stated: format!("{} … {}", stated.text, label),
            expected: expected_like(scale, &bands, label),
            computation: reasoning(scale, &stated.text, &bands),
            // Only the report's own scale has a line in the report.
            related: (scale.origin == ScaleOrigin::Report)
                .then_some(scale.line)
                .into_iter()
                .collect(),
            highlight: Some((at, at + stated.text.len())),
            ..Default::default()
        }
        .var("value", Localized::same(stated.text.clone()))
        .var("label", Localized::same(label.to_string())),
    );
}

// ---------------------------------------------------------------- predicates against their own usage

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PredicateUsageParams {
    /// A capaian and its predicate: groups `value` and `label`.
    claim: Pattern,
    /// Claims the report must make before its usage is taken as its scale.
    #[serde(default = "default_usage_claims")]
    min_claims: usize,
    #[serde(default)]
    chapters: Chapters,
}

fn default_usage_claims() -> usize {
    5
}

/// In a report that states no scale, the predicates it gives capaian are
/// still one ordering: a higher capaian never gets a lower predicate. A
/// claim ranked below two or more lower capaian (or above two or more
/// higher ones), each of them at odds with fewer claims than it, is the one
/// out of line ("99,94% dengan predikat sedang" where 83,33%, 89,52% and
/// 95,71% are "baik").
#[derive(Debug)]
pub struct PredicateUsage {
    p: PredicateUsageParams,
}

impl PredicateUsage {
    pub fn new(p: PredicateUsageParams) -> Result<Self, String> {
        let names: Vec<&str> = p.claim.0.capture_names().flatten().collect();
        if !names.contains(&"value") || !names.contains(&"label") {
            return Err("`claim` needs (?P<value>…) and (?P<label>…) groups".into());
        }
        Ok(PredicateUsage { p })
    }
}

/// The rank of a predicate of the usual five-step scale (the "tinggi/rendah"
/// family is another scale and is not ranked).
fn usual_rank(label: &str) -> Option<u8> {
    Some(match super::claims::norm_label(label).as_str() {
        "SANGAT BAIK" => 5,
        "BAIK" => 4,
        "CUKUP" | "CUKUP BAIK" | "SEDANG" => 3,
        "KURANG" | "KURANG BAIK" => 2,
        "SANGAT KURANG" | "BURUK" => 1,
        _ => return None,
    })
}

struct UsageClaim<'p> {
    para: &'p crate::structure::Paragraph,
    figure: Figure,
    label: String,
    rank: u8,
    at: usize,
}

/// For each (capaian, rank) the others at odds with it: a lower capaian
/// ranked higher or a higher one ranked lower.
fn at_odds(points: &[(Decimal, u8)]) -> Vec<Vec<usize>> {
    let odds = |(av, ar): (Decimal, u8), (bv, br): (Decimal, u8)| {
        (bv < av && br > ar) || (bv > av && br < ar)
    };
    points
        .iter()
        .map(|&a| (0..points.len()).filter(|&j| odds(a, points[j])).collect())
        .collect()
}

/// Whether claim `i` is the odd one out: at odds with two or more, each of
/// them at odds with fewer.
fn clearly_odd(against: &[Vec<usize>], i: usize) -> bool {
    let others = &against[i];
    others.len() >= 2 && others.iter().all(|&j| against[j].len() < others.len())
}

impl Check for PredicateUsage {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        if !stated_scales(ctx).is_empty() || !ctx.default_scale.is_empty() {
            return;
        }
        let claims = self.usage_claims(ctx);
        if claims.len() < self.p.min_claims {
            claims.iter().for_each(|_| out.skip(FEW_CLAIMS));
            return;
        }
        let points: Vec<(Decimal, u8)> = claims.iter().map(|c| (c.figure.value, c.rank)).collect();
        let against = at_odds(&points);
        for (i, a) in claims.iter().enumerate() {
            let others = &against[i];
            if others.is_empty() {
                out.agree();
                continue;
            }
            if !clearly_odd(&against, i) {
                out.skip(UNCLEAR_USAGE);
                continue;
            }
            if let Some(draft) = usage_draft(ctx, &claims, a, others) {
                out.push(draft);
            }
        }
    }
}

impl PredicateUsage {
    /// Each capaian the text gives a predicate of the usual scale.
    fn usage_claims<'p>(&'p self, ctx: &'p Context<'_, '_>) -> Vec<UsageClaim<'p>> {
        let mut claims: Vec<UsageClaim> = Vec::new();
        for para in ctx.paragraphs_in(&self.p.chapters) {
            for c in self.p.claim.0.captures_iter(&para.text) {
                let (Some(value), Some(label)) = (c.name("value"), c.name("label")) else {
                    continue;
                };
                let Some(rank) = usual_rank(label.as_str()) else {
                    continue;
                };
                let Some(figure) = figures(value.as_str()).into_iter().next() else {
                    continue;
                };
                claims.push(UsageClaim {
                    para,
                    figure,
                    label: label.as_str().to_string(),
                    rank,
                    at: value.start(),
                });
            }
        }
        claims
    }
}

/// The finding for claim `a`, at odds with `others`: what the report calls
/// the capaian next to it on the side it contradicts.
fn usage_draft(
    ctx: &Context<'_, '_>,
    claims: &[UsageClaim],
    a: &UsageClaim,
    others: &[usize],
) -> Option<Draft> {
    let (lower, higher): (Vec<&usize>, Vec<&usize>) = others
        .iter()
        .partition(|&&j| claims[j].figure.value < a.figure.value);
    let expected = if lower.len() >= higher.len() {
        let &&j = lower
            .iter()
            .max_by(|x, y| claims[***x].figure.value.cmp(&claims[***y].figure.value))?;
        format!("≥ {}", claims[j].label.to_lowercase())
    } else {
        let &&j = higher
            .iter()
            .min_by(|x, y| claims[***x].figure.value.cmp(&claims[***y].figure.value))?;
        format!("≤ {}", claims[j].label.to_lowercase())
    };
    let listed: Vec<String> = others
        .iter()
        .map(|&j| format!("{} \"{}\"", claims[j].figure.text.trim(), claims[j].label))
        .collect();
    let (line, col) = ctx.locate(a.para, a.at);
    let mut related: Vec<usize> = others
        .iter()
        .map(|&j| ctx.locate(claims[j].para, claims[j].at).0)
        .collect();
    related.sort_unstable();
    related.dedup();
    Some(
        Draft {
            line,
            stated: format!("{} … {}", a.figure.text.trim(), a.label),
            expected,
            computation: Localized::new(
                format!(
                    "laporan tidak menyatakan skala; predikat yang diberikannya pada capaian lain bertentangan dengan \"{}\" untuk {}: {}",
                    a.label,
                    a.figure.text.trim(),
                    listed.join(", ")
                ),
                format!(
                    "the report states no scale; the predicates it gives other capaian contradict \"{}\" for {}: {}",
                    a.label,
                    a.figure.text.trim(),
                    listed.join(", ")
                ),
            ),
            related,
            highlight: Some((col, col + a.figure.text.trim().len())),
            ..Default::default()
        }
        .var("value", Localized::same(a.figure.text.trim().to_string()))
        .var("label", Localized::same(a.label.clone())),
    )
}

const FEW_CLAIMS: Why = Why {
    en: "too few predicates given with a capaian to take the report's usage as its scale",
    id: "terlalu sedikit predikat yang disebut bersama capaian untuk dijadikan skala laporan",
};
const UNCLEAR_USAGE: Why = Why {
    en: "the report's predicates disagree among themselves without one out of line",
    id: "predikat laporan saling bertentangan tanpa satu yang jelas menyimpang",
};

// ---------------------------------------------------------------- predicate of a named indicator

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PredicateNamedParams {
    /// A predicate said of something in a sentence: group `label`
    /// ("hal ini menunjukan kinerja kriteria yang SEDANG").
    claim: Pattern,
    /// Letters at least in an indicator's name for it to be looked for in a
    /// sentence (shorter names, "AI", match too much).
    #[serde(default = "default_min_name")]
    min_name: usize,
    #[serde(default)]
    chapters: Chapters,
}

fn default_min_name() -> usize {
    4
}

/// A sentence that names one indicator of a performance table and gives it
/// a predicate ("Penyakit Rabies … menunjukan kinerja kriteria yang SEDANG")
/// against the predicate the table prints on that indicator's row ("B").
/// The row is found by its name, whole, in the sentence: a sentence naming
/// no row or more than one, or a name on rows with different predicates,
/// is left alone.
#[derive(Debug)]
pub struct PredicateNamed {
    p: PredicateNamedParams,
}

impl PredicateNamed {
    pub fn new(p: PredicateNamedParams) -> Result<Self, String> {
        if !p.claim.0.capture_names().flatten().any(|n| n == "label") {
            return Err("`claim` needs a (?P<label>…) group".into());
        }
        Ok(PredicateNamed { p })
    }
}

const NAMES_AMBIGUOUS: Why = Why {
    en: "the sentence names no single indicator row with a predicate",
    id: "kalimat tidak menyebut tepat satu baris indikator berpredikat",
};

/// One row's name and printed predicate.
struct NamedRow {
    name: String,
    /// The name as whole words, any case, any separators between them:
    /// compiled when a sentence with a predicate is first tried (most reports
    /// have none, and compiling one per row was a good part of this check).
    pattern: String,
    compiled: OnceLock<Option<Regex>>,
    /// The pattern with ASCII's word boundaries and the Latin script's
    /// classes (`crate::pattern`), for a sentence with no word character
    /// beyond ASCII: there they match as Unicode's do (a boundary differs
    /// only beside such a character), and compile in a fraction of the time.
    compiled_plain: OnceLock<Option<Regex>>,
    /// The name's words in lower case when all are ASCII (else empty): on
    /// ASCII text the pattern can match only where each of them occurs.
    ascii_words: Vec<String>,
    band: usize,
    printed: String,
    line: usize,
}

/// The column of a table that holds predicates: one headed as such, or one
/// whose filled cells are all (three or more) bands of the scale.
fn predicate_column(table: &Table, scale: &StatedScale) -> Option<usize> {
    if let Some(c) = table.roles.iter().position(|r| r.role == Role::Predicate) {
        return Some(c);
    }
    (0..table.columns.len()).find(|&c| {
        // A column headed "Capaian" may hold the predicate ("B", "SB").
        if !matches!(table.roles[c].role, Role::Other | Role::Capaian) {
            return false;
        }
        let filled: Vec<&str> = table
            .rows
            .iter()
            .filter_map(|r| r.cell(c))
            .map(|x| x.text.trim())
            .filter(|t| !t.is_empty())
            .collect();
        filled.len() >= 3
            && filled
                .iter()
                .all(|t| t.split_whitespace().count() <= 3 && scale.band_named(t).is_some())
    })
}

/// A row's own name: its last label cell, without the list mark ("- Rabies").
fn row_name(table: &Table, row: &Row) -> String {
    let text = (0..table.columns.len())
        .filter(|&c| table.roles[c].role == Role::Label)
        .filter_map(|c| row.cell(c))
        .map(|x| x.text.trim())
        .rfind(|t| !t.is_empty())
        .unwrap_or("");
    static MARK: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::compile(r"^\s*(?:[-•–*]|\d+(?:\.\d+)*\.?|[a-zA-Z][.)])\s*")
            .expect("valid regex")
    });
    MARK.replace(text, "").trim().to_string()
}

impl PredicateNamed {
    fn rows(&self, ctx: &Context<'_, '_>, scale: &StatedScale) -> Vec<NamedRow> {
        let mut out = Vec::new();
        for table in &ctx.report.tables {
            if table.kind != TableKind::Performance {
                continue;
            }
            let Some(pc) = predicate_column(table, scale) else {
                continue;
            };
            for row in &table.rows {
                let Some(cell) = row.cell(pc).filter(|x| !x.text.trim().is_empty()) else {
                    continue;
                };
                let Some(band) = scale.band_named(&cell.text) else {
                    continue;
                };
                let name = row_name(table, row);
                if name.chars().filter(|c| c.is_alphabetic()).count() < self.p.min_name {
                    continue;
                }
                let Some(pattern) = name_pattern(&name) else {
                    continue;
                };
                out.push(NamedRow {
                    ascii_words: ascii_words(&name),
                    name,
                    pattern,
                    compiled: OnceLock::new(),
                    compiled_plain: OnceLock::new(),
                    band,
                    printed: cell.text.trim().to_string(),
                    line: ctx.row_line(row.page, row.line),
                });
            }
        }
        out
    }
}

/// A sentence a row's name is looked for in, with what every row asks of it
/// worked out once.
struct Sentence<'s> {
    text: &'s str,
    /// In lower case, if ASCII.
    lower: Option<String>,
    /// No word character beyond ASCII (see `NamedRow::compiled_plain`).
    plain: bool,
}

impl<'s> Sentence<'s> {
    fn new(text: &'s str) -> Self {
        Sentence {
            text,
            lower: text.is_ascii().then(|| text.to_ascii_lowercase()),
            plain: text
                .chars()
                .all(|c| c.is_ascii() || !regex_syntax::is_word_character(c)),
        }
    }
}

impl NamedRow {
    /// Whether the sentence names this row (a row whose pattern does not
    /// compile names none).
    fn named_in(&self, sentence: &Sentence<'_>) -> bool {
        // On ASCII text, `(?i)` matches an ASCII word only in its ASCII
        // case variants: a sentence lacking one of the words cannot match,
        // and the row's pattern need not be compiled to say so.
        if let Some(lower) = &sentence.lower
            && !self.ascii_words.is_empty()
            && !self.ascii_words.iter().all(|w| lower.contains(w.as_str()))
        {
            return false;
        }
        let compiled = if sentence.plain {
            self.compiled_plain
                .get_or_init(|| crate::pattern::compile(&self.pattern).ok())
        } else {
            self.compiled
                .get_or_init(|| regex::Regex::new(&self.pattern).ok())
        };
        compiled.as_ref().is_some_and(|p| p.is_match(sentence.text))
    }
}

/// The words `name_pattern` looks for, in lower case, if all are ASCII.
fn ascii_words(name: &str) -> Vec<String> {
    let words: Vec<&str> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.iter().all(|w| w.is_ascii()) {
        words.iter().map(|w| w.to_ascii_lowercase()).collect()
    } else {
        Vec::new()
    }
}

/// A pattern finding `name` as whole words in a sentence, ignoring case;
/// compiled once per row, not once per sentence.
fn name_pattern(name: &str) -> Option<String> {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(regex::escape)
        .collect();
    if words.is_empty() {
        return None;
    }
    Some(format!(r"(?i)\b{}\b", words.join(r"\W+")))
}

impl Check for PredicateNamed {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let scales = stated_scales(ctx);
        let Some(first) = scales.first() else {
            return;
        };
        let rows = self.rows(ctx, first);
        if rows.is_empty() {
            return;
        }
        for para in ctx.paragraphs_in(&self.p.chapters) {
            for c in self.p.claim.0.captures_iter(&para.text) {
                let Some(label) = c.name("label") else {
                    continue;
                };
                let (line, at) = ctx.locate(para, label.start());
                let Some(scale) = scale_at(&scales, line) else {
                    continue;
                };
                if (scale.line..scale.end).contains(&line) {
                    continue;
                }
                // The sentence the predicate is in: from the last full stop
                // (a "." or ";" before a space; "2.10" is no stop) to the predicate.
                let before = &para.text[..label.start()];
                let start = before
                    .rmatch_indices(['.', ';'])
                    .find(|(i, _)| before[i + 1..].starts_with(char::is_whitespace))
                    .map_or(0, |(i, _)| i + 1);
                let sentence = &para.text[start..label.end()];
                let read = Sentence::new(sentence);
                let named: Vec<&NamedRow> = rows.iter().filter(|r| r.named_in(&read)).collect();
                let mut distinct: Vec<&str> = named.iter().map(|r| r.name.as_str()).collect();
                distinct.sort_unstable();
                distinct.dedup();
                let Some(row) = named.first() else {
                    continue;
                };
                if distinct.len() != 1 || named.iter().any(|r| r.band != row.band) {
                    out.skip(NAMES_AMBIGUOUS);
                    continue;
                }
                let Some(said) = scale.band_named(label.as_str()) else {
                    out.skip(NOT_ON_SCALE);
                    continue;
                };
                if said == row.band {
                    out.agree();
                    continue;
                }
                out.push(
                    Draft {
                        line,
                        stated: format!("{} … {}", row.name, label.as_str()),
                        expected: scale.name(row.band),
                        computation: both(
                            format!(
                                "baris \"{}\" di tabel berpredikat {} = {}",
                                row.name,
                                row.printed,
                                scale.name(row.band)
                            ),
                            format!(
                                "the table's row \"{}\" has the predicate {} = {}",
                                row.name,
                                row.printed,
                                scale.name(row.band)
                            ),
                        ),
                        related: vec![row.line],
                        highlight: Some((at, at + label.as_str().len())),
                        ..Default::default()
                    }
                    .var("name", Localized::same(row.name.clone()))
                    .var("label", Localized::same(label.as_str().to_string()))
                    .var("printed", Localized::same(row.printed.clone())),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{at_odds, clearly_odd};
    use rust_decimal::Decimal;

    #[test]
    fn a_predicate_against_the_others_usage_is_clearly_odd() {
        let p = |v: i64, rank: u8| (Decimal::from(v), rank);
        // 95 "baik" (4) against 80 and 85 "sangat baik" (5).
        let points = [p(80, 5), p(85, 5), p(95, 4), p(70, 4)];
        let against = at_odds(&points);
        assert_eq!(against, vec![vec![2], vec![2], vec![0, 1], vec![]]);
        assert!(clearly_odd(&against, 2));
        assert!(!clearly_odd(&against, 0));
        assert!(!clearly_odd(&against, 3));
        // Two against two: none is clearly the odd one.
        let against = at_odds(&[p(80, 5), p(85, 5), p(90, 4), p(95, 4)]);
        assert!((0..4).all(|i| !clearly_odd(&against, i)));
    }

    use crate::rules::checks::testing::{findings, run_default};

    #[test]
    fn a_row_is_named_by_its_whole_words_in_any_case_on_ascii_text_or_not() {
        use super::{NamedRow, ascii_words, name_pattern};
        use std::sync::OnceLock;
        let row = |name: &str| NamedRow {
            name: name.to_string(),
            pattern: name_pattern(name).expect("words"),
            compiled: OnceLock::new(),
            compiled_plain: OnceLock::new(),
            ascii_words: ascii_words(name),
            band: 0,
            printed: String::new(),
            line: 0,
        };
        let named = |r: &NamedRow, s: &str| r.named_in(&super::Sentence::new(s));
        let r = row("Cakupan Pelayanan - Kesehatan");
        assert!(named(
            &r,
            "capaian CAKUPAN  pelayanan, kesehatan sangat baik"
        ));
        assert!(!named(&r, "cakupan layanan kesehatan sangat baik"));
        assert!(!named(&r, "cakupan pelayanan kesehatanku baik"));
        // Not ASCII: the pattern alone decides.
        assert!(named(&r, "“cakupan pelayanan kesehatan” sangat baik"));
        assert!(!named(&r, "“cakupan pelayanan” sangat baik"));
        // A letter beyond ASCII next to a word: no boundary there, as Unicode reads it.
        assert!(!named(&r, "cakupan pelayanan kesehatané sangat baik"));
        assert!(named(&r, "cakupan pelayanan kesehatan – é sangat baik"));
        let r = row("Indeks Kepuasan Masyarakat (IKM)");
        assert!(named(&r, "indeks kepuasan masyarakat ikm baik"));
        assert!(!named(&r, "indeks kepuasan masyarakat baik"));
        // A word not ASCII: no shortcut, the pattern decides.
        let r = row("Pelayanan Café");
        assert!(r.ascii_words.is_empty());
        assert!(named(&r, "pelayanan CAFÉ baik"));
        assert!(!named(&r, "pelayanan cafe baik"));
    }

    const SCALE: &str = "Penilaian dengan batasan nilai sebagai berikut:\n\n| Rentang | Predikat |\n|---|---|\n| 80 s/d 100 % | = Sangat Baik (SB) |\n| 60 s/d 79 % | = Baik (B) |\n| 50 s/d 59 % | = Sedang (S) |\n| < 49 % | = Kurang (K) |\n\n";

    fn table(rows: &str) -> String {
        format!(
            "{SCALE}Tabel 7 Pengukuran\n\n| Indikator Kinerja | Target | % Capaian kinerja | Kategori |\n|---|---|---|---|\n{rows}"
        )
    }

    #[test]
    fn a_predicate_out_of_line_with_the_reports_own_usage_is_found() {
        let text = "Ketercapaian misi I mencapai 89,52% atau terkategori baik.\n\nPada sasaran 1 ketercapaian sasaran sebesar 83,33% dengan predikat baik.\n\nPada sasaran 2 ketercapaian sasaran sebesar 95,71% dengan predikat baik.\n\nKetercapaian misi II mencapai 100,39% atau terkategori sangat baik.\n\nPada sasaran 3 ketercapaian sasaran sebesar 99,94% dengan predikat sedang.\n\nPada sasaran 4 ketercapaian sasaran sebesar 100 % dengan predikat sangat baik.\n";
        let found = findings("predicate-usage", text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "99,94 … sedang");
        assert_eq!(found[0].expected, "≥ baik");
    }

    #[test]
    fn predicates_in_order_few_or_judged_by_a_stated_scale_are_not_found() {
        let ordered = "Misi I mencapai 69,05% atau terkategori cukup.\n\nSasaran 1 sebesar 83,33% dengan predikat baik.\n\nSasaran 2 sebesar 95,71% dengan predikat baik.\n\nMisi II mencapai 100,39% atau terkategori sangat baik.\n\nSasaran 3 sebesar 101,63% dengan predikat sangat baik.\n";
        let (found, coverage) = run_default("predicate-usage", ordered);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 5, "{coverage:?}");
        // Two pairs at odds with each other alone: which is wrong is unclear.
        let two = "Sasaran 1 sebesar 83,33% dengan predikat baik.\n\nSasaran 2 sebesar 95,71% dengan predikat cukup.\n\nSasaran 3 sebesar 100% dengan predikat sangat baik.\n\nSasaran 4 sebesar 101% dengan predikat sangat baik.\n\nSasaran 5 sebesar 60% dengan predikat kurang.\n";
        assert!(run_default("predicate-usage", two).0.is_empty());
        let few = "Sasaran 1 sebesar 83,33% dengan predikat baik.\n\nSasaran 2 sebesar 99,94% dengan predikat sedang.\n\nSasaran 3 sebesar 95,71% dengan predikat baik.\n";
        assert!(run_default("predicate-usage", few).0.is_empty());
        // A report stating its scale is judged by it (predicate-stated), not by its usage.
        let scaled = format!(
            "Tabel III.1 Skala\n\n| Nilai | Kategori |\n|---|---|\n| > 90 | Sangat Baik |\n| 75 - 90 | Baik |\n| 55 - 75 | Cukup |\n| < 55 | Kurang |\n\n{}",
            "Misi I mencapai 89,52% atau terkategori baik.\n\nSasaran 1 sebesar 83,33% dengan predikat baik.\n\nSasaran 2 sebesar 85,71% dengan predikat baik.\n\nMisi II mencapai 100,39% atau terkategori sangat baik.\n\nSasaran 3 sebesar 99,94% dengan predikat sedang.\n"
        );
        assert!(run_default("predicate-usage", &scaled).0.is_empty());
    }

    #[test]
    fn a_predicate_off_the_stated_scale_is_found() {
        let text = table(
            "| BOR | 78 % | 88,61% | B |\n| Pelatihan | 65% | 70% | B |\n| SPM | 75 % | 70,30 | B |\n",
        );
        let found = findings("predicate-column", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "88,61% → B");
        assert_eq!(found[0].expected, "SB");
    }

    #[test]
    fn predicates_that_follow_the_scale_are_agreed() {
        let text = table(
            "| BOR | 78 % | 88,61% | SB |\n| Pelatihan | 65% | 70% | B |\n| Lain | 65% | 115% | SB |\n",
        );
        let (found, coverage) = run_default("predicate-column", &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 3);
    }

    #[test]
    fn no_stated_scale_no_judgement() {
        let text = "Tabel 7 Pengukuran\n\n| Indikator Kinerja | Target | % Capaian kinerja | Kategori |\n|---|---|---|---|\n| BOR | 78 % | 88,61% | B |\n";
        let (found, coverage) = run_default("predicate-column", text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 1);
    }

    const LIST_SCALE: &str = "indikator capaian antara lain :\n\na. Prosentase capaian > 100 %, maka pencapaian akuntabilitas kinerja dinyatakan sangat baik.\nb. Prosentase capaian 80- 100 %, maka pencapaian akuntabilitas kinerja dinyatakan baik.\nc. Prosentase capaian 60-80 %, maka pencapaian akuntabilitas kinerja dinyatakan cukup baik.\nd. Prosentase capaian <60 %, maka pencapaian akuntabilitas kinerja dinyatakan buruk.\n\n";

    #[test]
    fn a_sentence_predicate_off_the_listed_scale_is_found() {
        let text = format!(
            "{LIST_SCALE}Jumlah lokasi PROKLIM dengan prosentase capaian sebesar 100 % sehingga pencapaian akuntabilitas kinerja dinyatakan sangat baik.\n"
        );
        let found = findings("predicate-stated", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "baik");
    }

    const GRADE_SCALE: &str = "Tabel 6\n\n| Predikat | Nilai | Warna |\n|---|---|---|\n| AA | >90-100 | Sangat Memuaskan |\n| A | >80-90 | Memuaskan |\n| BB | >70-80 | Sangat Baik |\n| B | >60-70 | Baik |\n| CC | >50-60 | Cukup |\n| C | >30-50 | Kurang |\n| D | 0-30 | Sangat Kurang |\n\n";

    #[test]
    fn a_letter_grade_off_the_reports_grade_scale_is_found() {
        let text = format!(
            "{GRADE_SCALE}Realisasi kinerja tahun 2015 memperoleh nilai AKIP 70,06 atau Predikat B sementara di tahun 2016 memperoleh nilai AKIP 80,10 atau Predikat A.\n"
        );
        let found = findings("predicate-grade-stated", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "70,06 … B");
        assert!(found[0].expected.contains("BB"), "{:?}", found[0].expected);
    }

    #[test]
    fn a_letter_grade_without_a_stated_grade_scale_is_not_judged() {
        let text = format!(
            "{LIST_SCALE}Realisasi kinerja tahun 2015 memperoleh nilai AKIP 70,06 atau Predikat B.\n"
        );
        assert!(findings("predicate-grade-stated", &text).is_empty());
    }

    #[test]
    fn a_category_off_the_cited_regulations_scale_is_found_only_where_it_is_cited() {
        let text = "Biro melaksanakan sembilan program dengan realisasi keuangan sebesar 93.80%. Mengacu pada Permendagri Nomor 54 Tahun 2010, kinerja anggaran ini termasuk kategori TINGGI.\n\nRealisasi fisik sebesar 80% termasuk kategori tinggi menurut Permendagri 86 Tahun 2017.\n\nRealisasi keuangan sebesar 95% termasuk kategori tinggi.\n";
        let found = findings("predicate-cited-scale", text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "93.80 … TINGGI");
        assert_eq!(found[0].expected, "Sangat Tinggi");
        assert!(found[0].related.is_empty());
    }

    #[test]
    fn a_scale_stacked_in_one_row_pairs_its_ranges_and_labels_in_order() {
        let bands = super::stacked_bands(&[
            "> 100 % 80 – 100 % 50 - 80 % < 50 %",
            "Sangat Baik ( SB ) Baik (B ) Sedang (S ) Kurang (K )",
        ])
        .expect("a stacked scale");
        let read: Vec<(String, Option<String>)> = bands
            .iter()
            .map(|b| (b.band.label.clone(), b.abbrev.clone()))
            .collect();
        assert_eq!(read.len(), 4);
        assert_eq!(read[1], ("Baik".to_string(), Some("B".to_string())));
        assert!(bands[1].band.contains(rust_decimal::Decimal::from(90)));
        assert!(bands[2].band.contains(rust_decimal::Decimal::from(60)));
        // Not as many ranges as labels: no scale.
        assert!(super::stacked_bands(&["> 100 % 80 – 100 %", "Sangat Baik Baik Sedang"]).is_none());
    }

    #[test]
    fn a_sentence_predicate_on_the_scale_is_not_found() {
        let text = format!(
            "{LIST_SCALE}Indeks kualitas udara dengan prosentase capaian sebesar 110,40 % sehingga pencapaian akuntabilitas kinerja dinyatakan sangat baik.\n"
        );
        let (found, coverage) = run_default("predicate-stated", &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1);
    }
    fn named(sentence: &str) -> String {
        format!(
            "{SCALE}Tabel 6 Pengukuran\n\n| No | Indikator Kinerja | Satuan | Target | Realisasi | % | Capaian |\n|---|---|---|---|---|---|---|\n| 1 | - Anthrax | kasus | 0 | 0 | 100,00 | B |\n| 2 | - Brucellosis | prevalensi | 3 | 2,10 | 142,86 | SB |\n| 3 | - Rabies | kasus | 0 | 2 | 92,59 | B |\n\nAnalisis capaian indikator tersebut adalah sebagai berikut.\n\n{sentence}\n"
        )
    }

    #[test]
    fn a_named_indicator_called_other_than_its_row_is_found() {
        let text = named(
            "- Penyakit Rabies ditargetkan sebanyak 0 kasus/tahun, sedangkan realisasinya sebanyak 2 kasus, hal ini menunjukan kinerja kriteria yang SEDANG karena masih ditemukan kasus.",
        );
        let found = findings("predicate-named", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "Rabies … SEDANG");
        assert_eq!(found[0].expected, "Baik (B)");
    }

    #[test]
    fn a_named_indicator_called_as_its_row_or_two_named_are_not_found() {
        for sentence in [
            "- Penyakit Brucellosis dengan target prevalensi sebesar 3 %, realisasi sebesar 2,10 % hal ini menunjukan kinerja SANGAT BAIK.",
            // Two indicators in one sentence: which one is meant is not known.
            "Penyakit Rabies dan Brucellosis secara umum menunjukan kinerja yang SEDANG.",
            // No row named.
            "Pelayanan umum menunjukan kinerja yang SEDANG.",
        ] {
            let found = findings("predicate-named", &named(sentence));
            assert!(found.is_empty(), "{sentence}: {found:#?}");
        }
    }
}
