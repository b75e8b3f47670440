//! Claims in the text against the tables they summarise: averages, predicates
//! on the report's own ordinal scale, counts of indicators per category.

use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::facts::figures::{Figure, Hint, parse_figure};
use crate::findings::Localized;
use crate::structure::roles::Role;
use crate::structure::{Paragraph, Row, Table};

use super::arithmetic::table_name;
use super::common::{
    Chapters, Context, Pattern, agrees, cell_number, difference, figures, first_value,
    is_column_numbering, like, pct, shown,
};
use super::{Check, Draft, Sink, Why};

// ---------------------------------------------------------------- averages

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AggregateParams {
    /// The claim; group `value` holds the stated figure.
    claim: Pattern,
    /// "average" or "total".
    #[serde(default = "average")]
    function: String,
    /// Column labels to aggregate, in order of preference.
    columns: Vec<Pattern>,
    /// Also accept the value the table's own total (RATA-RATA / JUMLAH) row
    /// prints in that column: a claim copying the printed average is the
    /// table's error (the average-row check's), not the sentence's.
    #[serde(default)]
    accept_printed: bool,
    #[serde(default)]
    chapters: Chapters,
}

fn average() -> String {
    "average".into()
}

/// "rata-rata capaian sasaran sebesar 74,61 %" against the values it summarises:
/// the table just above the claim, and the measurement table. The claim stands
/// when it matches either.
#[derive(Debug)]
pub struct Aggregate {
    p: AggregateParams,
}

impl Aggregate {
    pub fn new(p: AggregateParams) -> Result<Self, String> {
        if p.function != "average" && p.function != "total" {
            return Err(format!(
                "`function` must be \"average\" or \"total\", not {:?}",
                p.function
            ));
        }
        Ok(Aggregate { p })
    }

    fn values<'t>(&self, table: &'t Table) -> Option<(usize, Vec<(&'t Row, Figure)>)> {
        if starts_past_one(table) {
            return None;
        }
        for pattern in &self.p.columns {
            for col in table.columns_matching(&pattern.0) {
                let values: Vec<(&Row, Figure)> = table
                    .rows
                    .iter()
                    .filter(|r| !summary_row(r) && !numbers_columns(r))
                    .filter_map(|r| {
                        r.cell(col)
                            .and_then(|c| cell_number(&c.text, Hint::Percent))
                            .map(|f| (r, f))
                    })
                    .collect();
                if !values.is_empty() {
                    return Some((col, values));
                }
            }
        }
        None
    }
}

/// A table whose first numbered row carries a number past 1 ("7", "8", …): the
/// rest of a table whose first rows are elsewhere (a page not read with it),
/// so no average or total of the whole is found in it.
fn starts_past_one(table: &Table) -> bool {
    static ITEM: LazyLock<Regex> =
        LazyLock::new(|| crate::pattern::compile(r"^(\d{1,3})\.?$").expect("valid regex"));
    let Some(col) = table.roles.iter().position(|r| r.role == Role::Number) else {
        return false;
    };
    table
        .rows
        .iter()
        .filter(|r| !numbers_columns(r))
        .filter_map(|r| r.cell(col))
        .find_map(|c| ITEM.captures(c.text.trim()))
        .and_then(|m| m[1].parse::<u32>().ok())
        .is_some_and(|n| n > 1)
}

/// A row that only numbers the columns ("(1) | (2) | … | (7) (8)"): no values.
fn numbers_columns(row: &Row) -> bool {
    let cells: Vec<&str> = row.cells.iter().map(|c| c.text.as_str()).collect();
    is_column_numbering(&cells)
}

/// A total row, or one whose first label says it averages ("Rata-Rata",
/// "Rata-rata capaian"), wherever the table put it.
fn summary_row(row: &Row) -> bool {
    static AVERAGE: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::compile(r"(?i)^\s*(?:capaian\s+)?rata[\s-]*rata\b").expect("valid regex")
    });
    row.kind == crate::structure::RowKind::Total
        || row
            .cells
            .iter()
            .find(|c| c.text.chars().any(char::is_alphabetic))
            .is_some_and(|c| AVERAGE.is_match(&c.text))
}

/// Whether a total or average row of `table` prints `stated` in column `col`.
fn printed_total(table: &Table, col: usize, stated: &Figure, ctx: &Context<'_, '_>) -> bool {
    table
        .rows
        .iter()
        .filter(|r| summary_row(r))
        .filter_map(|r| {
            r.cell(col)
                .and_then(|c| cell_number(&c.text, Hint::Percent))
        })
        .any(|f| agrees(stated, f.value, ctx.tolerance))
}

/// The sentence that `text` ends in: what follows its last sentence end.
fn sentence_before(text: &str) -> &str {
    static END: LazyLock<Regex> =
        LazyLock::new(|| crate::pattern::compile(r"[.!?;:]\s+[A-Z(]").expect("valid regex"));
    let start = END.find_iter(text).last().map_or(0, |m| m.end() - 1);
    &text[start..]
}

/// Whether `sentence` names a year ("tahun 2020", "Periode Tahun 2020 - 2024")
/// other than the report's.
fn names_other_year(sentence: &str, report_year: Option<i32>) -> bool {
    static YEAR: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::compile(r"(?i)\b(?:tahun|th\.?|ta\.?)\s*((?:19|20)\d\d)\b")
            .expect("valid regex")
    });
    let Some(year) = report_year else {
        return false;
    };
    YEAR.captures_iter(sentence)
        .any(|c| c[1].parse::<i32>().is_ok_and(|y| y != year))
}

const OTHER_YEAR: Why = Why {
    en: "the sentence is about another year than the report's",
    id: "kalimat membicarakan tahun lain dari tahun laporan",
};

/// Each end line's table to compare with: `(end, index)` of the tables with
/// values, sorted by end line, each index raised to the last such table (in
/// report order) ending there or before.
fn latest_by_end(mut ends: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ends.sort_unstable();
    let mut latest = 0;
    for e in &mut ends {
        latest = latest.max(e.1);
        e.1 = latest;
    }
    ends
}

/// The tables a claim may summarise, found once per report: those with
/// values by end line (`latest_by_end`), and the measurement table.
struct Nearby<'t> {
    ends: Vec<(usize, usize)>,
    measurement: Option<&'t Table>,
}

/// The figure a table's column gives the claim, as computed, where it was
/// not the one stated.
struct Computed {
    value: Decimal,
    text: String,
    lines: Vec<usize>,
    table: Localized,
}

/// A claim against its candidate tables: one agrees, or the first that
/// gives a figure differs, or none gives one.
enum Against {
    Agrees,
    Differs(Computed),
    Nothing,
}

impl Check for Aggregate {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        // Found once, not per claim (that made the check quadratic in the report's
        // length): the tables with values by end line; and the measurement table.
        let tables = &ctx.report.tables;
        let ends = latest_by_end(
            tables
                .iter()
                .enumerate()
                .filter(|(_, t)| self.values(t).is_some())
                .map(|(i, t)| (t.end, i))
                .collect(),
        );
        let nearby = Nearby {
            ends,
            measurement: ctx.capaian_table().map(|(_, t)| t),
        };
        for para in ctx.paragraphs_in(&self.p.chapters) {
            if crate::limits::out_of_time() {
                return;
            }
            for c in self.p.claim.0.captures_iter(&para.text) {
                let Some(m) = c.name("value") else { continue };
                let Some(stated) = figures(m.as_str()).into_iter().next() else {
                    continue;
                };
                self.claim(ctx, para, m, &stated, &nearby, out);
            }
        }
    }
}

impl Aggregate {
    /// One stated figure: by its sasaran's row when it names one, else
    /// against the nearest table above and the measurement table.
    fn claim(
        &self,
        ctx: &Context<'_, '_>,
        para: &Paragraph,
        m: regex::Match<'_>,
        stated: &Figure,
        nearby: &Nearby<'_>,
        out: &mut Sink,
    ) {
        let tables = &ctx.report.tables;
        let (line, at) = ctx.locate(para, m.start());
        // "pada tahun 2020 rata rata capaian sebesar 0%": another year's
        // average, which the year's tables do not give.
        if names_other_year(sentence_before(&para.text[..m.start()]), ctx.year()) {
            out.skip(OTHER_YEAR);
            return;
        }
        // A claim about one named sasaran is judged by that sasaran's row.
        if let Some(name) = named_scope(&lead_in(ctx, para, m.start())) {
            match scoped_values(tables, &name) {
                Scope::Found(found) => {
                    judge_scoped(ctx, stated, &found, (line, at, m.as_str().len()), out)
                }
                Scope::Unknown => out.skip(SCOPE_UNKNOWN),
            }
            return;
        }
        // Candidates: the nearest table above, then the measurement table.
        let above = nearby
            .ends
            .partition_point(|(end, _)| *end <= line)
            .checked_sub(1)
            .and_then(|k| tables.get(nearby.ends[k].1));
        let mut candidates: Vec<&Table> = above.into_iter().collect();
        if let Some(t) = nearby.measurement
            && !candidates.iter().any(|c| std::ptr::eq(*c, t))
        {
            candidates.push(t);
        }
        match self.against(ctx, stated, candidates) {
            Against::Agrees => out.agree(),
            Against::Differs(computed) => out.push(
                Draft {
                    line,
                    stated: stated.text.clone(),
                    expected: like(stated, computed.value),
                    computation: Localized::same(computed.text),
                    related: computed.lines,
                    highlight: Some((at, at + m.as_str().len())),
                    ..Default::default()
                }
                .var("table", computed.table)
                .var("difference", difference(stated.value, computed.value)),
            ),
            Against::Nothing => {}
        }
    }

    fn against(&self, ctx: &Context<'_, '_>, stated: &Figure, candidates: Vec<&Table>) -> Against {
        let mut first: Option<Computed> = None;
        for table in candidates {
            let Some((col, values)) = self.values(table) else {
                continue;
            };
            // A percentage averaged from amounts: the column was misread.
            if stated.kind == crate::facts::figures::FigureKind::Percent
                && !values
                    .iter()
                    .all(|(_, f)| super::common::percent_scale(f.value))
            {
                continue;
            }
            if self.p.accept_printed && printed_total(table, col, stated, ctx) {
                return Against::Agrees;
            }
            let total: Decimal = values.iter().map(|(_, f)| f.value).sum();
            let n = Decimal::from(values.len() as u64);
            let computed = if self.p.function == "average" {
                total / n
            } else {
                total
            };
            if agrees(stated, computed, ctx.tolerance) {
                return Against::Agrees;
            }
            if first.is_none() {
                let parts: Vec<String> = values.iter().map(|(_, f)| shown(f)).collect();
                let text = if self.p.function == "average" {
                    format!(
                        "({}) / {} = {}",
                        parts.join(" + "),
                        values.len(),
                        pct(computed)
                    )
                } else {
                    format!("{} = {}", parts.join(" + "), pct(computed))
                };
                let lines = values
                    .iter()
                    .map(|(r, _)| ctx.row_line(r.page, r.line))
                    .collect();
                first = Some(Computed {
                    value: computed,
                    text,
                    lines,
                    table: table_name(table),
                });
            }
        }
        first.map_or(Against::Nothing, Against::Differs)
    }
}

const SCOPE_UNKNOWN: Why = Why {
    en: "the sasaran the average is about is not found in a table",
    id: "sasaran yang dirata-ratakan tidak ditemukan pada tabel",
};

static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)sasaran(?:\s+strate(?:g|j)i[ks])?\s*(?:\d+\s*)?:\s*(?P<name>[^;,.:]{8,200}?)\s*(?:[;,]|\bmempunyai\b|\bmendapat\b|\bdengan\b|\bmemiliki\b|$)").expect("valid regex")
});

/// The sasaran a claim names just before it ("Sasaran strategis : Meningkatnya …,
/// mempunyai rata-rata capaian sebesar …"), as its words.
fn named_scope(before: &str) -> Option<Vec<String>> {
    let name = NAMED
        .captures_iter(before)
        .last()?
        .name("name")?
        .as_str()
        .to_string();
    let words = words(&name);
    (words.len() >= 2).then_some(words)
}

/// The text before a claim: its paragraph up to it, after the paragraph
/// before when this one continues it (a list item broken by a blank line).
fn lead_in(ctx: &Context<'_, '_>, para: &Paragraph, at: usize) -> String {
    let own = &para.text[..at];
    let prev = ctx
        .report
        .paragraphs
        .iter()
        .position(|p| std::ptr::eq(p, para))
        .and_then(|i| i.checked_sub(1))
        .and_then(|i| ctx.report.paragraphs.get(i));
    // The paragraph before runs on into this one when no sentence ends it.
    let continued = |p: &Paragraph| !p.text.trim_end().ends_with(['.', ':', ';', '!', '?']);
    match prev {
        Some(p) if continued(p) => format!("{} {own}", p.text),
        _ => own.to_string(),
    }
}

/// A cell's value: the figure it is, or leads with ("122,44 (SB)").
fn leading_number(text: &str) -> Option<Figure> {
    cell_number(text, Hint::Percent).or_else(|| {
        text.trim_start()
            .starts_with(|c: char| c.is_ascii_digit())
            .then(|| figures(text).into_iter().next())
            .flatten()
    })
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .collect()
}

/// A named sasaran's row and the capaian printed on it.
struct ScopedRow<'t> {
    table: &'t Table,
    row: &'t Row,
    printed: Vec<Figure>,
}

enum Scope<'t> {
    Found(ScopedRow<'t>),
    Unknown,
}

/// The row (of all tables) whose label holds the sasaran's words (all but one
/// in five at most) most fully, with a capaian printed on it; none, or several
/// as close: unknown.
fn scoped_values<'t>(tables: &'t [Table], name: &[String]) -> Scope<'t> {
    let mut found: Vec<(usize, ScopedRow<'t>)> = Vec::new();
    for table in tables {
        let capaian: Vec<usize> = (0..table.roles.len())
            .filter(|&i| table.roles[i].role == Role::Capaian && !table.roles[i].money)
            .collect();
        for row in &table.rows {
            let label: String = row
                .cells
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let have = words(&label);
            let missing = name.iter().filter(|w| !have.contains(w)).count();
            if missing > name.len() / 5 {
                continue;
            }
            let printed: Vec<Figure> = capaian
                .iter()
                .filter_map(|&c| row.cell(c).and_then(|x| leading_number(&x.text)))
                .collect();
            if !printed.is_empty() {
                found.push((
                    missing,
                    ScopedRow {
                        table,
                        row,
                        printed,
                    },
                ));
            }
        }
    }
    // The closest match, when no other is as close — or when the rows as close
    // (the sasaran in the measurement table and in the comparison table) print
    // a capaian in common: that one is the sasaran's.
    let best = found.iter().map(|(m, _)| *m).min();
    let mut closest: Vec<ScopedRow<'t>> = found
        .into_iter()
        .filter(|(m, _)| Some(*m) == best)
        .map(|(_, row)| row)
        .collect();
    if closest.len() > 1 {
        let common: Vec<Figure> = closest[0]
            .printed
            .iter()
            .filter(|f| {
                closest[1..]
                    .iter()
                    .all(|other| other.printed.iter().any(|g| g.value == f.value))
            })
            .cloned()
            .collect();
        if common.is_empty() {
            return Scope::Unknown;
        }
        closest.truncate(1);
        closest[0].printed = common;
    }
    match closest.pop() {
        Some(row) => Scope::Found(row),
        None => Scope::Unknown,
    }
}

/// The claim against the capaian its sasaran's row prints.
fn judge_scoped(
    ctx: &Context<'_, '_>,
    stated: &Figure,
    scoped: &ScopedRow<'_>,
    (line, at, len): (usize, usize, usize),
    out: &mut Sink,
) {
    if scoped
        .printed
        .iter()
        .any(|f| agrees(stated, f.value, ctx.tolerance))
    {
        out.agree();
        return;
    }
    let Some(expected) = scoped.printed.last() else {
        return;
    };
    let row_line = ctx.row_line(scoped.row.page, scoped.row.line);
    let label = scoped.row.label().to_string();
    let table = table_name(scoped.table);
    out.push(
        Draft {
            line,
            stated: stated.text.clone(),
            expected: like(stated, expected.value),
            computation: Localized::new(
                format!("{}, baris \"{label}\": {}", table.id, expected.text),
                format!("{}, row \"{label}\": {}", table.en, expected.text),
            ),
            related: vec![row_line],
            highlight: Some((at, at + len)),
            ..Default::default()
        }
        .var("table", table)
        .var("difference", difference(stated.value, expected.value)),
    );
}

// ---------------------------------------------------------------- ordinal scale

/// One band of an ordinal scale: "76 % s/d 100 %" → BAIK.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub label: String,
    #[serde(default)]
    pub min: Option<Decimal>,
    #[serde(default)]
    pub max: Option<Decimal>,
    #[serde(default = "yes")]
    pub min_inclusive: bool,
    #[serde(default = "yes")]
    pub max_inclusive: bool,
}

fn yes() -> bool {
    true
}

impl Band {
    pub(super) fn contains(&self, v: Decimal) -> bool {
        let above = match self.min {
            Some(m) if self.min_inclusive => v >= m,
            Some(m) => v > m,
            None => true,
        };
        let below = match self.max {
            Some(m) if self.max_inclusive => v <= m,
            Some(m) => v < m,
            None => true,
        };
        above && below
    }

    pub(super) fn distance(&self, v: Decimal) -> Decimal {
        let d_min = self
            .min
            .map(|m| (m - v).max(Decimal::ZERO))
            .unwrap_or_default();
        let d_max = self
            .max
            .map(|m| (v - m).max(Decimal::ZERO))
            .unwrap_or_default();
        d_min + d_max
    }
}

/// The scale, as stated by the report or given by the rule.
#[derive(Debug, Clone)]
pub struct Scale {
    pub bands: Vec<Band>,
    /// Line where the report states it.
    pub line: Option<usize>,
}

impl Scale {
    /// The labels a value may carry: the band holding it, or both neighbours
    /// when it falls in a gap between integer bands (75,5 between 75 and 76).
    pub fn labels_for(&self, v: Decimal) -> Vec<String> {
        let inside: Vec<String> = self
            .bands
            .iter()
            .filter(|b| b.contains(v))
            .map(|b| norm_label(&b.label))
            .collect();
        if !inside.is_empty() {
            return inside;
        }
        let best = self
            .bands
            .iter()
            .map(|b| b.distance(v))
            .min()
            .unwrap_or_default();
        // Integer bands leave gaps (75 | 76): a value inside one is read either way.
        self.bands
            .iter()
            .filter(|b| b.distance(v) == best || b.distance(v) < Decimal::ONE)
            .map(|b| norm_label(&b.label))
            .collect()
    }
}

pub fn norm_label(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase()
}

/// Parses "Lebih dari 100 %", "76 % s/d 100 %", "Kurang dari 55 %", "≥ 90".
pub fn parse_band(range: &str, label: &str) -> Option<Band> {
    let band = |min, max, min_inclusive, max_inclusive| Band {
        label: label.trim().to_string(),
        min,
        max,
        min_inclusive,
        max_inclusive,
    };
    if let Some(c) = super::predicates::BETWEEN.captures(range) {
        return Some(band(first_value(&c[1]), first_value(&c[2]), true, true));
    }
    if let Some(c) = super::predicates::ABOVE.captures(range) {
        let inclusive = c[0].contains('=') || c[0].contains('≥');
        return Some(band(first_value(&c[1]), None, inclusive, true));
    }
    if let Some(c) = super::predicates::BELOW.captures(range) {
        let inclusive = c[0].contains('=') || c[0].contains('≤');
        return Some(band(None, first_value(&c[1]), true, inclusive));
    }
    None
}

/// The scale a report states: a table with a range column and a label column.
pub fn report_scale(ctx: &Context<'_, '_>, labels: &Pattern) -> Option<Scale> {
    for t in &ctx.report.tables {
        let mut bands = Vec::new();
        for r in &t.rows {
            let texts: Vec<&str> = r.cells.iter().map(|c| c.text.as_str()).collect();
            // A row without a label is no band: its cells need not be parsed.
            let Some(label) = texts.iter().rev().find(|x| labels.is_match(x)) else {
                continue;
            };
            let range = texts.iter().find(|x| parse_band(x, "").is_some());
            if let Some(range) = range
                && let Some(b) = parse_band(range, label)
            {
                bands.push(b);
            }
        }
        if bands.len() >= 3 {
            let line = t.rows.first().map(|r| ctx.row_line(r.page, r.line));
            return Some(Scale { bands, line });
        }
    }
    None
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PredicateParams {
    /// "Sasaran 1 : … predikat nilai Cukup": groups `n` (the sasaran) and `label`.
    claim: Pattern,
    /// What a scale label looks like.
    labels: Pattern,
    /// Used when the report states no scale.
    #[serde(default)]
    default_scale: Vec<Band>,
    /// Judge by the capaian the formula gives instead of the one printed.
    #[serde(default)]
    recompute: bool,
    /// Indicators where lower is better, for the recomputed capaian.
    #[serde(default)]
    negative_indicators: Vec<Pattern>,
    #[serde(default)]
    chapters: Chapters,
}

/// The scale for a report that states none: the configured one, else the rule's.
fn fallback_scale(ctx: &Context<'_, '_>, rule_default: &[Band]) -> Option<Scale> {
    let bands = if ctx.default_scale.is_empty() {
        rule_default
    } else {
        ctx.default_scale
    };
    (!bands.is_empty()).then(|| Scale {
        bands: bands.to_vec(),
        line: None,
    })
}

/// A predicate in the text against the capaian of its row on the report's scale.
#[derive(Debug)]
pub struct Predicate {
    p: PredicateParams,
}

impl Predicate {
    pub fn new(p: PredicateParams) -> Result<Self, String> {
        Ok(Predicate { p })
    }
}

/// The capaian of each row of the measurement table: printed, or by the formula.
pub fn row_capaian(
    ctx: &Context<'_, '_>,
    table: &Table,
    recompute: bool,
    negative: &[Pattern],
) -> Vec<(usize, Decimal, String)> {
    static CAP: LazyLock<Regex> =
        LazyLock::new(|| crate::pattern::compile(r"(?i)capaian").expect("valid regex"));
    static TGT: LazyLock<Regex> =
        LazyLock::new(|| crate::pattern::compile(r"(?i)\btarget\b").expect("valid regex"));
    static REA: LazyLock<Regex> =
        LazyLock::new(|| crate::pattern::compile(r"(?i)realisasi").expect("valid regex"));
    let (Some(&c), Some(&t), Some(&r)) = (
        table.columns_matching(&CAP).first(),
        table.columns_matching(&TGT).first(),
        table.columns_matching(&REA).first(),
    ) else {
        return Vec::new();
    };
    table
        .rows
        .iter()
        .filter_map(|row| {
            let line = ctx.row_line(row.page, row.line);
            let stated = row
                .cell(c)
                .and_then(|x| cell_number(&x.text, Hint::Percent))?;
            if recompute {
                let target = row.cell(t).and_then(|x| cell_number(&x.text, Hint::None))?;
                let real = row.cell(r).and_then(|x| cell_number(&x.text, Hint::None))?;
                if target.value.is_zero() {
                    return None;
                }
                let row_text = row
                    .cells
                    .iter()
                    .map(|c| c.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                if negative.iter().any(|p| p.is_match(&row_text)) {
                    let v = (target.value - (real.value - target.value)) / target.value
                        * Decimal::ONE_HUNDRED;
                    let how = format!(
                        "({} − ({} − {})) / {} × 100 = {}",
                        shown(&target),
                        shown(&real),
                        shown(&target),
                        shown(&target),
                        pct(v)
                    );
                    return Some((line, v, how));
                }
                let v = real.value / target.value * Decimal::ONE_HUNDRED;
                Some((
                    line,
                    v,
                    format!("{} / {} × 100 = {}", shown(&real), shown(&target), pct(v)),
                ))
            } else {
                Some((line, stated.value, stated.text.clone()))
            }
        })
        .collect()
}

/// The capaian a predicate sentence states right after the predicate
/// ("… Sangat Baik dengan capaian rata-rata sebesar 125%"), in the same sentence.
fn own_capaian(after_label: &str) -> Option<Decimal> {
    static OWN: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::compile(
            r"(?i)^[^.;:]{0,40}?\bcapaian\b[^.;:%]{0,40}?(\d{1,3}(?:[.,]\d+)?)\s*%",
        )
        .expect("valid regex")
    });
    let c = OWN.captures(after_label)?;
    parse_figure(&format!("{}%", &c[1]), Hint::None).map(|f| f.value)
}

const OWN_CAPAIAN: Why = Why {
    en: "the sentence states its own capaian, which another check compares with the table",
    id: "kalimat menyebut capaiannya sendiri, yang dibandingkan dengan tabel oleh pemeriksaan lain",
};

impl Check for Predicate {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let scale = report_scale(ctx, &self.p.labels)
            .or_else(|| fallback_scale(ctx, &self.p.default_scale));
        let (Some(scale), Some((_, table))) = (scale, ctx.capaian_table()) else {
            return;
        };
        let capaian = row_capaian(ctx, table, self.p.recompute, &self.p.negative_indicators);
        for para in ctx.paragraphs_in(&self.p.chapters) {
            for c in self.p.claim.0.captures_iter(&para.text) {
                let (Some(n), Some(label)) = (c.name("n"), c.name("label")) else {
                    continue;
                };
                let Ok(n) = n.as_str().parse::<usize>() else {
                    continue;
                };
                let Some((row_line, value, how)) = capaian.get(n.wrapping_sub(1)) else {
                    continue;
                };
                let stated = norm_label(label.as_str());
                // "… predikat Sangat Baik dengan capaian rata-rata sebesar 125%": the
                // sentence gives its own evidence, and "Sasaran 1" may be numbered
                // within a misi rather than in the table's order.
                if let Some(own) = own_capaian(&para.text[label.end()..]) {
                    if scale.labels_for(own).contains(&stated) {
                        out.agree();
                    } else {
                        out.skip(OWN_CAPAIAN);
                    }
                    continue;
                }
                let allowed = scale.labels_for(*value);
                if allowed.contains(&stated) {
                    continue;
                }
                let (line, at) = ctx.locate(para, label.start());
                out.push(
                    Draft {
                        line,
                        stated: label.as_str().to_string(),
                        expected: allowed.join(" / "),
                        computation: Localized::new(
                            format!(
                                "capaian {} ({how}) → {} pada skala laporan",
                                pct(*value),
                                allowed.join(" / ")
                            ),
                            format!(
                                "capaian {} ({how}) → {} on the report's scale",
                                pct(*value),
                                allowed.join(" / ")
                            ),
                        ),
                        related: std::iter::once(*row_line).chain(scale.line).collect(),
                        highlight: Some((at, at + label.as_str().len())),
                        ..Default::default()
                    }
                    .var("n", Localized::same(n.to_string()))
                    .var("capaian", Localized::same(pct(*value))),
                );
            }
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PredicateCountsParams {
    /// The sentence; each `N (words) indikator dalam kategori LABEL` inside it is checked.
    sentence: Pattern,
    /// One count inside the sentence: groups `count` and `label`.
    item: Pattern,
    labels: Pattern,
    #[serde(default)]
    recompute: bool,
    /// Used when the report states no scale.
    #[serde(default)]
    default_scale: Vec<Band>,
}

/// "1 (satu) indikator dalam kategori baik, dan 1 (satu) indikator dalam kategori
/// cukup" against the categories of the measurement table's capaian.
#[derive(Debug)]
pub struct PredicateCounts {
    p: PredicateCountsParams,
}

impl PredicateCounts {
    pub fn new(p: PredicateCountsParams) -> Result<Self, String> {
        Ok(PredicateCounts { p })
    }
}

impl Check for PredicateCounts {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let scale = report_scale(ctx, &self.p.labels)
            .or_else(|| fallback_scale(ctx, &self.p.default_scale));
        let (Some(scale), Some((_, table))) = (scale, ctx.capaian_table()) else {
            return;
        };
        let capaian = row_capaian(ctx, table, self.p.recompute, &[]);
        if capaian.is_empty() {
            return;
        }
        // Counts per label as a range: a value in the gap between integer
        // bands (75,5 between "55–75" and "76–100") may be counted under either.
        let mut counts: Vec<(String, usize, usize)> = Vec::new();
        for (_, v, _) in &capaian {
            let labels = scale.labels_for(*v);
            let certain = labels.len() == 1;
            for label in labels {
                match counts.iter_mut().find(|(l, _, _)| *l == label) {
                    Some((_, least, most)) => {
                        *least += usize::from(certain);
                        *most += 1;
                    }
                    None => counts.push((label, usize::from(certain), 1)),
                }
            }
        }
        let range = |least: usize, most: usize| {
            if least == most {
                least.to_string()
            } else {
                format!("{least}–{most}")
            }
        };
        let summary = counts
            .iter()
            .map(|(l, least, most)| format!("{l}: {}", range(*least, *most)))
            .collect::<Vec<_>>()
            .join(", ");
        let values = capaian
            .iter()
            .map(|(_, v, _)| pct(*v))
            .collect::<Vec<_>>()
            .join("; ");
        for para in &ctx.report.paragraphs {
            let Some(sentence) = self.p.sentence.0.find(&para.text) else {
                continue;
            };
            for c in self.p.item.0.captures_iter(sentence.as_str()) {
                let (Some(count), Some(label)) = (c.name("count"), c.name("label")) else {
                    continue;
                };
                let Ok(stated) = count.as_str().trim().parse::<usize>() else {
                    continue;
                };
                let wanted = norm_label(label.as_str());
                let (least, most) = counts
                    .iter()
                    .find(|(l, _, _)| *l == wanted)
                    .map(|(_, least, most)| (*least, *most))
                    .unwrap_or((0, 0));
                if (least..=most).contains(&stated) {
                    continue;
                }
                let (line, at) = ctx.locate(para, sentence.start() + count.start());
                out.push(
                    Draft {
                        line,
                        stated: format!("{} {}", count.as_str().trim(), label.as_str()),
                        expected: format!("{} {}", range(least, most), label.as_str()),
                        computation: Localized::new(
                            format!("capaian {values} → {summary}"),
                            format!("capaian {values} → {summary}"),
                        ),
                        related: capaian
                            .iter()
                            .map(|(l, _, _)| *l)
                            .chain(scale.line)
                            .collect(),
                        highlight: Some((at, at + count.as_str().len())),
                        ..Default::default()
                    }
                    .var("label", Localized::same(label.as_str().to_string())),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::latest_by_end;

    #[test]
    fn each_end_line_takes_the_last_table_ending_there_or_before() {
        // (end line, table index): table 2 ends before table 1.
        let ends = latest_by_end(vec![(40, 0), (90, 1), (60, 2), (90, 3)]);
        assert_eq!(ends, vec![(40, 0), (60, 2), (90, 2), (90, 3)]);
        assert!(latest_by_end(Vec::new()).is_empty());
    }

    use crate::rules::checks::testing::{findings, run_default};

    const TABLE: &str = "Tabel 6 Pengukuran Kinerja\n\n| No | Sasaran Stratejik | Indikator Kinerja | Target | Realisasi | Capaian | Rata-Rata Capaian |\n|---|---|---|---|---|---|---|\n| 1 | Sasaran Stratejik : Meningkatnya kualitas dan keamanan produk hewan | | | | | 122,44 (SB) |\n| | | Produk sesuai SNI | 65 | 87 | 133,33 | |\n| | | Unit usaha bersertifikat | 52 | 58 | 111,54 | |\n| 2 | Sasaran Stratejik : Terkendalinya penyakit hewan menular strategis | | | | | 111,36 (SB) |\n| | | Kasus AI | 55 | 50 | 110 | |\n\n";

    #[test]
    fn the_row_numbering_the_columns_is_not_averaged() {
        // "(7) (8)": the numbers of two columns one cell spans; the capaian cell
        // below runs into the next column's text, so no value is left to average.
        let table = "Tabel 5 Pengukuran Kinerja\n\n| No | Indikator | Capaian | Program |\n|---|---|---|---|\n| (1) | (2) | (3) (4) | (5) |\n| 1 | Cakupan layanan | 97,44% Program Pembinaan | |\n\n";
        let text =
            format!("{table}Rata-rata capaian kinerja sebesar 69,05 %, atau terkategori Cukup.\n");
        assert!(findings("average-claim", &text).is_empty());
        // With a value to average, the claim is judged.
        let valued = text.replace("97,44% Program Pembinaan", "97,44");
        let found = findings("average-claim", &valued);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "97,44%");
    }

    #[test]
    fn a_percentage_is_not_averaged_from_amounts() {
        // The column the claim is read against holds rupiah amounts: the
        // table's columns were not read apart, nothing is judged.
        let table = "Tabel 5 Pengukuran Kinerja\n\n| No | Indikator | Target | Realisasi Tahun 2016 |\n|---|---|---|---|\n| 1 | Cakupan layanan | 100 | 5.275.269.500,00 |\n| 2 | Jumlah contoh uji | 100 | 3.119.368.490,00 |\n\n";
        let text =
            format!("{table}Rata-rata capaian kinerja sebesar 69,05 %, atau terkategori Cukup.\n");
        assert!(findings("average-claim", &text).is_empty());
        let percent = text
            .replace("5.275.269.500,00", "80,10")
            .replace("3.119.368.490,00", "70,20");
        let found = findings("average-claim", &percent);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "75,15%");
    }

    #[test]
    fn a_table_whose_rows_are_numbered_from_past_one_gives_no_average() {
        // Rows 1–6 were on earlier pages: the average of rows 7–8 is not the report's.
        let table = "Tabel 5 Pengukuran Kinerja\n\n| No | Indikator | Target | Realisasi | Capaian |\n|---|---|---|---|---|\n| 7 | Cakupan layanan | 31 | 50,25 | 162,10 |\n| 8 | Jumlah contoh uji | 1.320 | 3.875 | 293,56 |\n\n";
        let text =
            format!("{table}Rata-rata capaian kinerja sebesar 69,05 %, atau terkategori Cukup.\n");
        assert!(findings("average-claim", &text).is_empty());
        let whole = text.replace("| 7 |", "| 1 |").replace("| 8 |", "| 2 |");
        assert_eq!(findings("average-claim", &whole).len(), 1);
    }

    #[test]
    fn an_average_of_a_named_sasaran_is_judged_by_its_row() {
        let text = format!(
            "{TABLE}1. Sasaran strategis : Terkendalinya Penyakit Hewan Menular Strategis, mempunyai rata-rata capaian sebesar 110,05 % (SANGAT BAIK).\n"
        );
        let found = findings("average-claim", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "111,36%");
    }

    const EFFICIENCY: &str = "Tabel 11 Analisis Efisiensi\n\n| No | Indikator | % Capaian | % Penyerapan Anggaran | Tingkat Efisiensi |\n|---|---|---|---|---|\n| 1 | Persentase rekomendasi yang ditindaklanjuti | 200 | 80,40 | 119,60 |\n| 2 | Persentase regulasi yang disahkan | 130,77 | 86,32 | 44,45 |\n| | Rata-Rata | 165,39 | 83,36 | 82,00 |\n\n";

    #[test]
    fn an_average_efficiency_unlike_the_efficiency_column_is_flagged() {
        let text = format!(
            "{EFFICIENCY}Terdapat efisiensi anggaran pada dua sasaran dengan rata-rata efisiensi sebesar 39,23%. Hal ini baik.\n"
        );
        let found = findings("average-efficiency-claim", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "39,23%");
        assert_eq!(found[0].expected, "82,03%");
    }

    #[test]
    fn an_average_efficiency_as_computed_or_as_printed_is_not_flagged() {
        for stated in ["82,03%", "82,02%", "82,00%"] {
            let text = format!(
                "{EFFICIENCY}Terdapat efisiensi anggaran dengan rata-rata efisiensi sebesar {stated}. Hal ini baik.\n"
            );
            let (found, coverage) = run_default("average-efficiency-claim", &text);
            assert!(found.is_empty(), "{stated}: {found:#?}");
            assert_eq!(coverage.agree, 1, "{stated}");
        }
    }

    #[test]
    fn an_average_that_its_sasaran_row_prints_is_not_found() {
        let text = format!(
            "{TABLE}2. Sasaran strategis : Meningkatnya Kualitas dan Keamanan Produk Hewan mempunyai rata-rata capaian sebesar 122,44 % (SANGAT BAIK).\n"
        );
        let (found, coverage) = run_default("average-claim", &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1);
    }

    #[test]
    fn an_average_of_another_year_is_not_judged_by_this_years_table() {
        let text = format!(
            "# LAPORAN KINERJA TAHUN 2016\n\n{TABLE}Sedangkan pada tahun 2015 rata rata capaian sebesar 0% dikarenakan terdapat IKK Baru.\n"
        );
        let (found, coverage) = run_default("average-claim", &text);
        assert!(found.is_empty(), "{found:#?}");
        assert!(
            coverage
                .skipped
                .keys()
                .any(|why| why.en.contains("another year")),
            "{coverage:#?}"
        );
    }

    #[test]
    fn a_predicate_with_its_own_capaian_is_judged_by_it() {
        let scale = "Tabel 2 Skala Nilai\n\n| No | Rentang | Predikat |\n|---|---|---|\n| 1 | 85 - 100 | Sangat Baik |\n| 2 | 70 - 84,99 | Baik |\n| 3 | 55 - 69,99 | Cukup |\n| 4 | 0 - 54,99 | Kurang |\n\n";
        let table = "Tabel 3 Pengukuran Kinerja\n\n| No | Sasaran | Target | Realisasi | Capaian |\n|---|---|---|---|---|\n| 1 | Meningkatnya inovasi daerah | 80 | 60 | 75,00 |\n\n";
        let own = format!(
            "{scale}{table}Sasaran 1 : Meningkatnya Inovasi Daerah mendapat predikat nilai Sangat Baik dengan capaian rata-rata sebesar 125%.\n"
        );
        assert!(findings("predicate-scale", &own).is_empty());
        let bare = format!(
            "{scale}{table}Sasaran 1 : Meningkatnya Inovasi Daerah mendapat predikat nilai Sangat Baik.\n"
        );
        assert_eq!(findings("predicate-scale", &bare).len(), 1);
    }

    const COMPARISON: &str = "Tabel 7 Perbandingan Capaian\n\n| No | Sasaran Stratejik | Capaian 2015 | Capaian 2016 |\n|---|---|---|---|\n| 1 | Terkendalinya penyakit hewan menular strategis | 131,80 | 111,36 |\n\n";

    #[test]
    fn a_sasaran_in_two_tables_is_judged_by_the_capaian_they_share() {
        let text = format!(
            "{TABLE}{COMPARISON}1. Sasaran strategis : Terkendalinya Penyakit Hewan Menular Strategis, mempunyai rata-rata capaian sebesar 110,05 % (SANGAT BAIK).\n"
        );
        let found = findings("average-claim", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "111,36%");
    }

    #[test]
    fn a_sasaran_in_two_tables_that_disagree_is_left_unjudged() {
        let comparison = COMPARISON.replace("111,36", "109,00");
        let text = format!(
            "{TABLE}{comparison}1. Sasaran strategis : Terkendalinya Penyakit Hewan Menular Strategis, mempunyai rata-rata capaian sebesar 110,05 % (SANGAT BAIK).\n"
        );
        let (found, coverage) = run_default("average-claim", &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 1);
    }

    #[test]
    fn a_named_sasaran_not_in_any_table_is_left_unjudged() {
        let text = format!(
            "{TABLE}3. Sasaran strategis : Meningkatnya Aksesibilitas Pasar Hasil Peternakan mempunyai rata-rata capaian sebesar 200 % (SANGAT BAIK).\n"
        );
        let (found, coverage) = run_default("average-claim", &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 1);
    }
}
