//! Arithmetic in tables and budget lists: totals, ratios, capaian formula,
//! parts that must add up, shares of a total.

use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::extract::CellMode;
use crate::facts::figures::{Figure, FigureKind, Hint};
use crate::findings::Localized;
use crate::structure::{Row, RowKind, Table};

use super::common::{
    Chapters, Context, Pattern, agrees, amount, cell_number, difference, like, pct, shown, sum,
    sum_text,
};
use super::{Check, Draft, Sink};

fn hundred() -> Decimal {
    Decimal::ONE_HUNDRED
}

fn amount_figure(f: &Figure) -> bool {
    matches!(
        f.kind,
        FigureKind::Rupiah | FigureKind::Plain | FigureKind::Count
    )
}

// ---------------------------------------------------------------- column sums

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnSumParams {
    /// Columns whose values add up (by header label).
    columns: Pattern,
}

/// Group rows equal the sum of their items; TOTAL/JUMLAH rows equal the sum of
/// the groups (or of the items where groups carry no values).
#[derive(Debug)]
pub struct ColumnSum {
    p: ColumnSumParams,
}

impl ColumnSum {
    pub fn new(p: ColumnSumParams) -> Result<Self, String> {
        Ok(ColumnSum { p })
    }
}

impl Check for ColumnSum {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        for table in &ctx.report.tables {
            let has_structure = table.rows.iter().any(|r| r.kind != RowKind::Item);
            if !has_structure {
                continue;
            }
            for col in table.columns_matching(&self.p.columns.0) {
                check_column(ctx, table, col, out);
            }
        }
    }
}

fn value(row: &Row, col: usize) -> Option<&Figure> {
    row.figure(col).filter(|f| amount_figure(f))
}

fn check_column(ctx: &Context<'_, '_>, table: &Table, col: usize, out: &mut Sink) {
    let label = table.columns[col].clone();
    // Groups: their value against their items.
    let mut top_level: Vec<(Decimal, usize)> = Vec::new();
    let mut top_lines = Vec::new();
    for (gi, group) in table.rows.iter().enumerate() {
        match group.kind {
            RowKind::Group => {
                let items: Vec<(usize, &Row)> = table
                    .rows
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.group == Some(gi) && r.kind == RowKind::Item)
                    .collect();
                let item_values: Vec<Decimal> = items
                    .iter()
                    .filter_map(|(_, r)| value(r, col))
                    .map(|f| f.value)
                    .collect();
                match value(group, col) {
                    Some(stated) => {
                        if !item_values.is_empty() {
                            let computed = sum(&item_values);
                            if !agrees(stated, computed, ctx.tolerance) {
                                out.push(sum_draft(
                                    ctx,
                                    table,
                                    group,
                                    stated,
                                    &item_values,
                                    computed,
                                    &label,
                                    items.iter().map(|(_, r)| *r),
                                ));
                            }
                        }
                        top_level.push((stated.value, gi));
                    }
                    None => {
                        if !item_values.is_empty() {
                            top_level.push((sum(&item_values), gi));
                        }
                    }
                }
                top_lines.push(gi);
            }
            RowKind::Item if group.group.is_none() => {
                if let Some(f) = value(group, col) {
                    top_level.push((f.value, gi));
                }
            }
            _ => {}
        }
    }
    for total in table.rows.iter().filter(|r| r.kind == RowKind::Total) {
        let Some(stated) = value(total, col) else {
            continue;
        };
        let values: Vec<Decimal> = top_level.iter().map(|(v, _)| *v).collect();
        // One loose row is no sum; one program (a group row over its activities)
        // is, and its total must repeat it.
        let single_group =
            matches!(top_level.as_slice(), [(_, i)] if table.rows[*i].kind == RowKind::Group);
        if values.len() < 2 && !single_group {
            continue;
        }
        let computed = sum(&values);
        if !agrees(stated, computed, ctx.tolerance) {
            let rows = top_level.iter().map(|(_, i)| &table.rows[*i]);
            out.push(sum_draft(
                ctx, table, total, stated, &values, computed, &label, rows,
            ));
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn sum_draft<'a>(
    ctx: &Context<'_, '_>,
    table: &Table,
    row: &Row,
    stated: &Figure,
    values: &[Decimal],
    computed: Decimal,
    label: &str,
    parts: impl Iterator<Item = &'a Row>,
) -> Draft {
    let line = ctx.row_line(row.page, row.line);
    let related = parts.map(|r| ctx.row_line(r.page, r.line)).collect();
    Draft {
        line,
        stated: stated.text.clone(),
        expected: like(stated, computed),
        computation: Localized::same(sum_text(values, computed)),
        related,
        highlight: None,
        ..Default::default()
    }
    .var("column", Localized::same(label.to_string()))
    .var("row", Localized::same(row.label().to_string()))
    .var("table", table_name(table))
    .var("difference", difference(stated.value, computed))
}

pub fn table_name(table: &Table) -> Localized {
    match &table.caption {
        Some(c) => match &c.number {
            Some(n) => Localized::new(format!("Tabel {n}"), format!("Table {n}")),
            None => Localized::same(c.title.clone()),
        },
        None => Localized::new(
            format!("tabel baris {}", table.first_line),
            format!("table at line {}", table.first_line),
        ),
    }
}

// ---------------------------------------------------------------- row sums

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowSumParams {
    /// The column holding the row's total.
    target: Pattern,
    /// The columns that add up to it.
    addends: Pattern,
    #[serde(default = "two")]
    min_addends: usize,
}

fn two() -> usize {
    2
}

/// A total column equals the sum of other columns of the same row
/// (e.g. the Renstra funding over the years).
#[derive(Debug)]
pub struct RowSum {
    p: RowSumParams,
}

impl RowSum {
    pub fn new(p: RowSumParams) -> Result<Self, String> {
        Ok(RowSum { p })
    }
}

impl Check for RowSum {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        for table in &ctx.report.tables {
            let targets = table.columns_matching(&self.p.target.0);
            let addends: Vec<usize> = table
                .columns_matching(&self.p.addends.0)
                .into_iter()
                .filter(|c| !targets.contains(c))
                .collect();
            if targets.len() != 1 || addends.len() < self.p.min_addends {
                continue;
            }
            let target = targets[0];
            for row in &table.rows {
                let Some(stated) = value(row, target) else {
                    continue;
                };
                let values: Vec<Decimal> = addends
                    .iter()
                    .filter_map(|&c| value(row, c))
                    .map(|f| f.value)
                    .collect();
                if values.len() < self.p.min_addends {
                    continue;
                }
                let computed = sum(&values);
                if !agrees(stated, computed, ctx.tolerance) {
                    out.push(
                        Draft {
                            line: ctx.row_line(row.page, row.line),
                            stated: stated.text.clone(),
                            expected: like(stated, computed),
                            computation: Localized::same(sum_text(&values, computed)),
                            ..Default::default()
                        }
                        .var("column", Localized::same(table.columns[target].clone()))
                        .var("row", Localized::same(row.label().to_string()))
                        .var("table", table_name(table))
                        .var("difference", difference(stated.value, computed)),
                    );
                }
            }
        }
    }
}

// ---------------------------------------------------------------- ratios

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatioParams {
    result: Pattern,
    numerator: Pattern,
    denominator: Pattern,
    #[serde(default = "hundred")]
    factor: Decimal,
}

/// A percentage column equals numerator / denominator × factor on every row.
#[derive(Debug)]
pub struct Ratio {
    p: RatioParams,
}

impl Ratio {
    pub fn new(p: RatioParams) -> Result<Self, String> {
        Ok(Ratio { p })
    }
}

impl Check for Ratio {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        for table in &ctx.report.tables {
            let (Some(&r), Some(&n), Some(&d)) = (
                table.columns_matching(&self.p.result.0).first(),
                table
                    .columns_matching(&self.p.numerator.0)
                    .iter()
                    .find(|c| !table.columns_matching(&self.p.result.0).contains(c)),
                table
                    .columns_matching(&self.p.denominator.0)
                    .iter()
                    .find(|c| !table.columns_matching(&self.p.result.0).contains(c)),
            ) else {
                continue;
            };
            if r == n || r == d || n == d {
                continue;
            }
            for row in &table.rows {
                let (Some(stated), Some(num), Some(den)) = (
                    row.cell(r)
                        .and_then(|c| cell_number(&c.text, Hint::Percent)),
                    row.cell(n).and_then(|c| cell_number(&c.text, Hint::None)),
                    row.cell(d).and_then(|c| cell_number(&c.text, Hint::None)),
                ) else {
                    continue;
                };
                if den.value.is_zero() {
                    continue;
                }
                let computed = num.value / den.value * self.p.factor;
                if !agrees(&stated, computed, ctx.tolerance) {
                    let expected = like(&stated, computed);
                    out.push(
                        Draft {
                            line: ctx.row_line(row.page, row.line),
                            stated: stated.text.clone(),
                            expected: expected.clone(),
                            computation: Localized::same(format!(
                                "{} / {} × {} = {}",
                                shown(&num),
                                shown(&den),
                                self.p.factor,
                                pct(computed)
                            )),
                            ..Default::default()
                        }
                        .var("column", Localized::same(table.columns[r].clone()))
                        .var("row", Localized::same(row.label().to_string()))
                        .var("table", table_name(table))
                        .var("difference", difference(stated.value, computed)),
                    );
                }
            }
        }
    }
}

// ---------------------------------------------------------------- capaian

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapaianParams {
    capaian: Pattern,
    target: Pattern,
    realisasi: Pattern,
    /// Indicators where lower is better (e.g. "angka kematian"), besides those
    /// the report marks as negative.
    #[serde(default)]
    negative_indicators: Vec<Pattern>,
    /// How the report states its formulas; the lines are cited in findings.
    positive_formula: Pattern,
    negative_formula: Pattern,
}

/// Capaian = Realisasi / Target × 100 (positive polarity) or
/// (Target − (Realisasi − Target)) / Target × 100 (negative), as the report states.
#[derive(Debug)]
pub struct CapaianFormula {
    p: CapaianParams,
}

impl CapaianFormula {
    pub fn new(p: CapaianParams) -> Result<Self, String> {
        Ok(CapaianFormula { p })
    }
}

impl Check for CapaianFormula {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let formula_line = |pattern: &Pattern| {
            ctx.report
                .lines
                .iter()
                .find(|l| pattern.is_match(&l.line.text))
                .map(|l| l.index)
        };
        let positive_line = formula_line(&self.p.positive_formula);
        let negative_line = formula_line(&self.p.negative_formula);
        for table in &ctx.report.tables {
            let caps = table.columns_matching(&self.p.capaian.0);
            let Some(&c) = caps.first() else { continue };
            let Some(&t) = table
                .columns_matching(&self.p.target.0)
                .iter()
                .find(|x| !caps.contains(x))
            else {
                continue;
            };
            let Some(&r) = table
                .columns_matching(&self.p.realisasi.0)
                .iter()
                .find(|x| !caps.contains(x) && **x != t)
            else {
                continue;
            };
            if table.columns.iter().any(|l| {
                let l = l.to_lowercase();
                l.contains("anggaran") || l.contains("(rp")
            }) {
                continue;
            }
            for row in &table.rows {
                let (Some(stated), Some(target), Some(real)) = (
                    row.cell(c)
                        .and_then(|x| cell_number(&x.text, Hint::Percent)),
                    row.cell(t).and_then(|x| cell_number(&x.text, Hint::None)),
                    row.cell(r).and_then(|x| cell_number(&x.text, Hint::None)),
                ) else {
                    continue;
                };
                if target.value.is_zero() {
                    continue;
                }
                let row_text = row
                    .cells
                    .iter()
                    .map(|c| c.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                let negative = self
                    .p
                    .negative_indicators
                    .iter()
                    .any(|p| p.is_match(&row_text));
                let (computed, computation) = if negative {
                    let v = (target.value - (real.value - target.value)) / target.value * hundred();
                    (
                        v,
                        format!(
                            "({} − ({} − {})) / {} × 100 = {}",
                            shown(&target),
                            shown(&real),
                            shown(&target),
                            shown(&target),
                            pct(v)
                        ),
                    )
                } else {
                    let v = real.value / target.value * hundred();
                    (
                        v,
                        format!("{} / {} × 100 = {}", shown(&real), shown(&target), pct(v)),
                    )
                };
                if agrees(&stated, computed, ctx.tolerance) {
                    continue;
                }
                let formula = if negative {
                    negative_line
                } else {
                    positive_line
                };
                let line = ctx.row_line(row.page, row.line);
                let cell_text = row.cell(c).map(|x| x.text.clone()).unwrap_or_default();
                let highlight = ctx.report.lines[line]
                    .line
                    .text
                    .rfind(&cell_text)
                    .map(|a| (a, a + cell_text.len()));
                out.push(
                    Draft {
                        line,
                        stated: stated.text.clone(),
                        expected: like(&stated, computed),
                        computation: Localized::same(computation),
                        related: formula.into_iter().collect(),
                        highlight,
                        ..Default::default()
                    }
                    .var("table", table_name(table))
                    .var("row", Localized::same(row.label().to_string()))
                    .var(
                        "polarity",
                        if negative {
                            Localized::new("negatif", "negative")
                        } else {
                            Localized::new("positif", "positive")
                        },
                    )
                    .var("difference", difference(stated.value, computed)),
                );
            }
        }
    }
}

// ---------------------------------------------------------------- parts

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartsParams {
    /// A sentence stating the whole, with the amount in group `total`,
    /// followed by the list of parts.
    total: Pattern,
    #[serde(default)]
    chapters: Chapters,
}

/// One part of a budget composition list.
#[derive(Debug, Clone)]
pub struct Part {
    pub label: String,
    pub figure: Figure,
    pub line: usize,
    pub children: Vec<Part>,
}

static TOP_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[a-zA-Z0-9][.)]\s+\S").expect("valid regex"));
static SUB_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[-•–]\s*\S").expect("valid regex"));

/// The whole stated in a sentence, and the parts listed after it.
/// A composition: the line stating the whole, the whole, its byte range in that line, the parts.
pub type Composition = (usize, Figure, (usize, usize), Vec<Part>);

pub fn compositions(ctx: &Context<'_, '_>, p: &PartsParams) -> Vec<Composition> {
    let mut out = Vec::new();
    for para in ctx.paragraphs_in(&p.chapters) {
        let Some(c) = p.total.0.captures(&para.text) else {
            continue;
        };
        let Some(m) = c.name("total") else { continue };
        let Some(total) = super::common::figures(m.as_str()).into_iter().next() else {
            continue;
        };
        let (line, at) = ctx.locate(para, m.start());
        let last_line = para.pieces.last().map(|(_, i)| *i).unwrap_or(line);
        let parts = parts_after(ctx, last_line + 1);
        if !parts.is_empty() {
            out.push((line, total, (at, at + m.as_str().len()), parts));
        }
    }
    out
}

/// Reads "a. Belanja Tidak Langsung  Rp …" / "- Belanja Pegawai Rp …" lines or
/// table rows after a composition sentence, until running text resumes.
fn parts_after(ctx: &Context<'_, '_>, from: usize) -> Vec<Part> {
    let mut parts: Vec<Part> = Vec::new();
    // The line the last part's label ends on (it may wrap onto lines below).
    let mut last_label_line: Option<usize> = None;
    let mut blank_run = 0;
    for l in ctx.report.lines.iter().skip(from).take(20) {
        if l.line.is_blank() {
            blank_run += 1;
            if blank_run > 1 && !parts.is_empty() {
                break;
            }
            continue;
        }
        blank_run = 0;
        let text = l.line.text.trim();
        let listed = l.line.spans.len() > 1 || TOP_ITEM.is_match(text) || SUB_ITEM.is_match(text);
        if !listed {
            // The rest of a label that wraps in its cell ("a. Belanja Tidak  Rp …"
            // above "Langsung"): a few words right below the part.
            if let Some(last) = parts.last_mut()
                && last_label_line.is_some_and(|line| l.index == line + 1)
                && text.chars().count() <= 40
                && !text.chars().any(|c| c.is_ascii_digit())
                && text.chars().next().is_some_and(char::is_alphabetic)
            {
                last.label = format!("{} {text}", last.label);
                last_label_line = Some(l.index);
                continue;
            }
            // Running text resumes: the list is over.
            if parts.is_empty() && l.line.cells == CellMode::Flow && text.len() > 80 {
                break;
            }
            if !parts.is_empty() {
                break;
            }
            continue;
        }
        let cells: Vec<&str> = if l.line.spans.len() > 1 {
            l.line
                .spans
                .iter()
                .map(|s| s.text.as_str())
                .filter(|t| !t.is_empty())
                .collect()
        } else {
            vec![text]
        };
        let Some(label) = cells.first().copied() else {
            continue;
        };
        // Amounts only: rupiah, or numbers with thousand groups (not years, not list numbers).
        let figures: Vec<Figure> = cells
            .iter()
            .skip(if cells.len() > 1 { 1 } else { 0 })
            .flat_map(|c| super::common::figures(c))
            .filter(|f| {
                f.kind == FigureKind::Rupiah
                    || (f.kind == FigureKind::Plain
                        && f.text.contains('.')
                        && f.value >= Decimal::from(1000))
            })
            .collect();
        let Some(figure) = figures.into_iter().last() else {
            continue;
        };
        static MARK: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^\s*(?:[-•–]\s*)?(?:[a-zA-Z0-9][.)]\s+)?").expect("valid regex")
        });
        let label_text = MARK
            .replace(label.split("Rp").next().unwrap_or(label), "")
            .trim()
            .to_string();
        let part = Part {
            label: label_text,
            figure,
            line: l.index,
            children: Vec::new(),
        };
        if SUB_ITEM.is_match(label) && !parts.is_empty() {
            if let Some(last) = parts.last_mut() {
                last.children.push(part);
            }
        } else {
            last_label_line = Some(l.index);
            parts.push(part);
        }
    }
    parts
}

/// The whole equals the sum of its parts; a part with sub-parts equals their sum
/// (Belanja Langsung = Pegawai + Barang/Jasa + Modal).
#[derive(Debug)]
pub struct PartsSum {
    p: PartsParams,
}

impl PartsSum {
    pub fn new(p: PartsParams) -> Result<Self, String> {
        Ok(PartsSum { p })
    }
}

impl Check for PartsSum {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        for (line, total, highlight, parts) in compositions(ctx, &self.p) {
            if parts.len() >= 2 {
                let values: Vec<Decimal> = parts.iter().map(|p| p.figure.value).collect();
                let computed = sum(&values);
                if !agrees(&total, computed, ctx.tolerance) {
                    let labels: Vec<String> = parts.iter().map(|p| p.label.clone()).collect();
                    out.push(
                        Draft {
                            line,
                            stated: total.text.clone(),
                            expected: like(&total, computed),
                            computation: Localized::same(sum_text(&values, computed)),
                            related: parts.iter().map(|p| p.line).collect(),
                            highlight: Some(highlight),
                            ..Default::default()
                        }
                        .var("parts", Localized::same(labels.join(" + ")))
                        .var("difference", difference(total.value, computed)),
                    );
                }
            }
            for part in parts.iter().filter(|p| p.children.len() >= 2) {
                let values: Vec<Decimal> = part.children.iter().map(|p| p.figure.value).collect();
                let computed = sum(&values);
                if !agrees(&part.figure, computed, ctx.tolerance) {
                    let labels: Vec<String> =
                        part.children.iter().map(|p| p.label.clone()).collect();
                    out.push(
                        Draft {
                            line: part.line,
                            stated: part.figure.text.clone(),
                            expected: like(&part.figure, computed),
                            computation: Localized::same(sum_text(&values, computed)),
                            related: part.children.iter().map(|p| p.line).collect(),
                            ..Default::default()
                        }
                        .var("parts", Localized::same(labels.join(" + ")))
                        .var("difference", difference(part.figure.value, computed)),
                    );
                }
            }
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareParams {
    #[serde(flatten)]
    parts: PartsParams,
    /// A sentence giving shares: "<label> sebesar 36,17%"; group `label` names
    /// the part, group `share` holds the percentage.
    share: Pattern,
    /// How far after the composition the share sentence may come (lines).
    #[serde(default = "ten")]
    within_lines: usize,
}

fn ten() -> usize {
    10
}

/// "Belanja Langsung sebesar 36,17%": a part's share of the whole.
#[derive(Debug)]
pub struct ShareOfTotal {
    p: ShareParams,
}

impl ShareOfTotal {
    pub fn new(p: ShareParams) -> Result<Self, String> {
        Ok(ShareOfTotal { p })
    }
}

fn normalise(label: &str) -> String {
    label
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .collect::<String>()
        .split_whitespace()
        .filter(|w| w.len() > 1)
        .collect::<Vec<_>>()
        .join(" ")
}

impl Check for ShareOfTotal {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        for (_, _, _, parts) in compositions(ctx, &self.p.parts) {
            let whole: Decimal = parts.iter().map(|p| p.figure.value).sum();
            // With one part read, its share would be 100 % by construction:
            // the list was not read whole, so there is nothing to check.
            if whole.is_zero() || parts.len() < 2 {
                continue;
            }
            // Two parts with the same label ("Langsung", "Langsung"): the labels
            // were read cut where their cells wrap, so which share is whose is unknown.
            let labels: Vec<String> = parts.iter().map(|p| normalise(&p.label)).collect();
            if labels
                .iter()
                .enumerate()
                .any(|(i, l)| labels.iter().skip(i + 1).any(|m| m == l))
            {
                continue;
            }
            let last = parts.iter().map(|p| p.line).max().unwrap_or(0);
            // Paragraphs are in line order: go straight to those just below the
            // parts rather than filter them all for every composition (quadratic).
            let first_line = |p: &crate::structure::Paragraph| p.pieces.first().map(|(_, i)| *i);
            let paragraphs = &ctx.report.paragraphs;
            let from = paragraphs.partition_point(|p| first_line(p).is_none_or(|i| i <= last));
            for para in paragraphs[from..]
                .iter()
                .take_while(|p| first_line(p).is_some_and(|i| i <= last + self.p.within_lines))
            {
                for c in self.p.share.0.captures_iter(&para.text) {
                    let (Some(label), Some(share)) = (c.name("label"), c.name("share")) else {
                        continue;
                    };
                    let Some(stated) = super::common::figures(share.as_str()).into_iter().next()
                    else {
                        continue;
                    };
                    let wanted = normalise(label.as_str());
                    // The part the sentence names: one only, else it is not known which.
                    let mut named = parts
                        .iter()
                        .zip(&labels)
                        .filter(|(_, n)| n.ends_with(&wanted) || wanted.ends_with(n.as_str()));
                    let (Some((part, _)), None) = (named.next(), named.next()) else {
                        continue;
                    };
                    let computed = part.figure.value / whole * hundred();
                    if agrees(&stated, computed, ctx.tolerance) {
                        continue;
                    }
                    let (line, at) = ctx.locate(para, share.start());
                    out.push(
                        Draft {
                            line,
                            stated: stated.text.clone(),
                            expected: like(&stated, computed),
                            computation: Localized::same(format!(
                                "{} / {} × 100 = {}",
                                amount(part.figure.value),
                                amount(whole),
                                pct(computed)
                            )),
                            related: std::iter::once(part.line)
                                .chain(parts.iter().map(|p| p.line))
                                .collect(),
                            highlight: Some((at, at + share.as_str().len())),
                            ..Default::default()
                        }
                        .var("label", Localized::same(part.label.clone()))
                        .var("difference", difference(stated.value, computed)),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::checks::testing::findings;

    const BUDGET: &str = "Tabel 3.1 Anggaran\n\n| No | Program | Anggaran (Rp) |\n|---|---|---|\n| 1 | Program A | 1.000.000 |\n| 2 | Program B | 2.500.000 |\n| | JUMLAH | {total} |\n";

    #[test]
    fn a_total_that_is_not_the_sum_of_its_rows_is_found() {
        let found = findings("table-column-sum", &BUDGET.replace("{total}", "3.600.000"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "3.500.000");
    }

    #[test]
    fn a_total_that_is_the_sum_of_its_rows_is_not_found() {
        let found = findings("table-column-sum", &BUDGET.replace("{total}", "3.500.000"));
        assert!(found.is_empty(), "{found:#?}");
    }
}
