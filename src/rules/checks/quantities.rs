//! One quantity stated in several places must have one value: realisasi belanja
//! langsung in the Ikhtisar, in Bab III's table and in the Penutup; an
//! activity's budget and realisation in its narrative and in the budget table.

use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::facts::figures::{Figure, FigureKind, Hint};
use crate::findings::Localized;
use crate::structure::{Row, RowKind, Table};

use super::arithmetic::table_name;
use super::common::{
    Chapters, Context, Pattern, agrees, amount, cell_number, difference, figures, like, pct, shown,
};
use super::{Check, Draft, Sink};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Group `value` holds the amount; optional group `percent` a percentage of it.
    pattern: Pattern,
    #[serde(default)]
    chapters: Chapters,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableSource {
    /// Column of the budget table's TOTAL row holding the amount.
    column: Pattern,
    /// Column holding the percentage (e.g. CAPAIAN), if any.
    #[serde(default)]
    percent_column: Option<Pattern>,
    /// Column of the base the percentage is taken of (ANGGARAN).
    #[serde(default)]
    base_column: Option<Pattern>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SameQuantityParams {
    /// What the quantity is, for messages ("realisasi belanja langsung").
    name: Localized,
    sources: Vec<Source>,
    #[serde(default)]
    table: Option<TableSource>,
}

#[derive(Debug)]
pub struct SameQuantity {
    p: SameQuantityParams,
}

impl SameQuantity {
    pub fn new(p: SameQuantityParams) -> Result<Self, String> {
        if p.sources.is_empty() {
            return Err("`sources` must name at least one pattern".into());
        }
        Ok(SameQuantity { p })
    }
}

/// A statement of the quantity.
struct Statement {
    line: usize,
    value: Figure,
    at: (usize, usize),
    percent: Option<(Figure, (usize, usize))>,
    /// Rupiah figures of the same sentence, for "(23%)" read as a share.
    sentence_amounts: Vec<Decimal>,
}

impl Check for SameQuantity {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let mut statements = Vec::new();
        for source in &self.p.sources {
            for para in ctx.paragraphs_in(&source.chapters) {
                for c in source.pattern.0.captures_iter(&para.text) {
                    let Some(m) = c.name("value") else { continue };
                    let Some(value) = figures(m.as_str())
                        .into_iter()
                        .find(|f| f.kind == FigureKind::Rupiah || f.value >= Decimal::from(1000))
                    else {
                        continue;
                    };
                    let (line, at) = ctx.locate(para, m.start());
                    let percent = c.name("percent").and_then(|pm| {
                        let f = figures(pm.as_str()).into_iter().next()?;
                        let (_, pat) = ctx.locate(para, pm.start());
                        Some((f, (pat, pat + pm.as_str().len())))
                    });
                    let sentence_amounts = figures(&para.text)
                        .into_iter()
                        .filter(|f| f.kind == FigureKind::Rupiah)
                        .map(|f| f.value)
                        .collect();
                    if !statements
                        .iter()
                        .any(|s: &Statement| s.line == line && s.value.value == value.value)
                    {
                        statements.push(Statement {
                            line,
                            value,
                            at: (at, at + m.as_str().len()),
                            percent,
                            sentence_amounts,
                        });
                    }
                }
            }
        }
        // The reference: the budget table's TOTAL row when there is one, else the first statement.
        let table_ref = self
            .p
            .table
            .as_ref()
            .and_then(|ts| table_reference(ctx, ts));
        let (ref_value, ref_line, ref_text, ref_percent, base) = match &table_ref {
            Some((table, row, value, percent, base)) => (
                value.value,
                ctx.row_line(row.page, row.line),
                Localized::new(
                    format!("{} (TOTAL)", table_name(table).id),
                    format!("{} (TOTAL)", table_name(table).en),
                ),
                percent.clone(),
                base.clone(),
            ),
            None => match statements.first() {
                Some(s) => (
                    s.value.value,
                    s.line,
                    Localized::new(
                        format!("baris {}", ctx.report.lines[s.line].line.number),
                        format!("line {}", ctx.report.lines[s.line].line.number),
                    ),
                    None,
                    None,
                ),
                None => return,
            },
        };
        for s in &statements {
            if s.line == ref_line && table_ref.is_none() {
                continue;
            }
            if !agrees(&s.value, ref_value, ctx.tolerance) {
                out.push(
                    Draft {
                        line: s.line,
                        stated: s.value.text.clone(),
                        expected: like(&s.value, ref_value),
                        computation: Localized::new(
                            format!(
                                "{} menurut {}: {}",
                                self.p.name.id,
                                ref_text.id,
                                amount(ref_value)
                            ),
                            format!(
                                "{} according to {}: {}",
                                self.p.name.en,
                                ref_text.en,
                                amount(ref_value)
                            ),
                        ),
                        related: vec![ref_line],
                        highlight: Some(s.at),
                        ..Default::default()
                    }
                    .var("quantity", self.p.name.clone())
                    .var("difference", difference(s.value.value, ref_value)),
                );
            }
            let Some((pf, pat)) = &s.percent else {
                continue;
            };
            // The percentage stands if it is the table's, the rate of the stated
            // amount against the base, or the amount's share of its sentence's total.
            let mut candidates: Vec<Decimal> = Vec::new();
            if let Some(p) = &ref_percent {
                candidates.push(p.value);
            }
            if let Some(b) = &base
                && !b.value.is_zero()
            {
                candidates.push(s.value.value / b.value * Decimal::ONE_HUNDRED);
            }
            if let Some(first) = s.sentence_amounts.first()
                && !first.is_zero()
                && *first != s.value.value
            {
                candidates.push(s.value.value / *first * Decimal::ONE_HUNDRED);
            }
            // The share of the sentence's first amount only ever clears a
            // percentage: without the table's figures there is nothing sure to
            // hold it against (a sentence may list its amounts in any order).
            let grounded =
                ref_percent.is_some() || base.as_ref().is_some_and(|b| !b.value.is_zero());
            if !grounded || candidates.iter().any(|c| agrees(pf, *c, ctx.tolerance)) {
                continue;
            }
            let expected = ref_percent
                .as_ref()
                .map(|p| p.value)
                .unwrap_or(candidates[0]);
            let computation = match (&table_ref, &base) {
                (Some((_, _, value, _, _)), Some(b)) => format!(
                    "{} / {} × 100 = {}",
                    shown(value),
                    shown(b),
                    pct(value.value / b.value * Decimal::ONE_HUNDRED)
                ),
                _ => pct(expected),
            };
            out.push(
                Draft {
                    line: s.line,
                    stated: pf.text.clone(),
                    expected: like(pf, expected),
                    computation: Localized::new(
                        format!(
                            "{} menurut {}: {}",
                            self.p.name.id, ref_text.id, computation
                        ),
                        format!(
                            "{} according to {}: {}",
                            self.p.name.en, ref_text.en, computation
                        ),
                    ),
                    related: vec![ref_line],
                    highlight: Some(*pat),
                    ..Default::default()
                }
                .var("quantity", self.p.name.clone())
                .var("difference", difference(pf.value, expected)),
            );
        }
    }
}

type Reference<'t> = (&'t Table, &'t Row, Figure, Option<Figure>, Option<Figure>);

fn table_reference<'t>(ctx: &'t Context<'_, '_>, ts: &TableSource) -> Option<Reference<'t>> {
    let (_, table) = ctx.budget_table()?;
    let total = table.rows.iter().find(|r| r.kind == RowKind::Total)?;
    let col = *table.columns_matching(&ts.column.0).first()?;
    let value = total.figure(col)?.clone();
    let find = |p: &Option<Pattern>, hint| {
        p.as_ref()
            .and_then(|p| table.columns_matching(&p.0).first().copied())
            .and_then(|c| total.cell(c))
            .and_then(|c| cell_number(&c.text, hint))
    };
    let percent = find(&ts.percent_column, Hint::Percent);
    let base = find(&ts.base_column, Hint::Rupiah);
    Some((table, total, value, percent, base))
}

// ---------------------------------------------------------------- activities

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivityParams {
    /// The row of an activity's narrative block giving its input (budget).
    input_row: Pattern,
    /// "Realisasi Kegiatan <name> anggaran terserap 92,15%": groups `name`, `percent`.
    #[serde(default)]
    absorption: Option<Pattern>,
    anggaran_column: Pattern,
    realisasi_column: Pattern,
    capaian_column: Pattern,
}

/// An activity's budget, realisation or absorption in the narrative of Bab III
/// against its row in the budget table.
#[derive(Debug)]
pub struct ActivityFigures {
    p: ActivityParams,
}

impl ActivityFigures {
    pub fn new(p: ActivityParams) -> Result<Self, String> {
        Ok(ActivityFigures { p })
    }
}

static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[-•*]\s*)?(?:[a-z0-9]{1,2}[.)]\s*)").expect("valid regex")
});

fn activity_key(s: &str) -> String {
    let s = MARKER.replace(s, "");
    let lower = s.to_lowercase();
    let lower = lower.trim_start_matches("kegiatan").trim_start_matches(':');
    lower
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn find_row<'t>(table: &'t Table, name: &str) -> Option<&'t Row> {
    let key = activity_key(name);
    if key.len() < 8 {
        return None;
    }
    let items = || table.rows.iter().filter(|r| r.kind == RowKind::Item);
    items()
        .find(|r| activity_key(r.label()) == key)
        .or_else(|| {
            items().find(|r| {
                let k = activity_key(r.label());
                k.len() >= 8 && (k.contains(&key) || key.contains(&k))
            })
        })
}

impl Check for ActivityFigures {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let Some((_, table)) = ctx.budget_table() else {
            return;
        };
        let col = |p: &Pattern| table.columns_matching(&p.0).first().copied();
        let (Some(ca), Some(cr), Some(cc)) = (
            col(&self.p.anggaran_column),
            col(&self.p.realisasi_column),
            col(&self.p.capaian_column),
        ) else {
            return;
        };
        let lines = &ctx.report.lines;
        for (i, l) in lines.iter().enumerate() {
            if !self.p.input_row.is_match(&l.line.text) {
                continue;
            }
            // The activity is named by the nearest list item above.
            let Some(name_line) = lines[..i].iter().rev().take(6).find(|x| {
                MARKER.is_match(&x.line.text) && x.line.cells == crate::extract::CellMode::Flow
            }) else {
                continue;
            };
            let Some(row) = find_row(table, &name_line.line.text) else {
                continue;
            };
            // Each cell's figure, or the figures in it when a narrow cell ran
            // into its neighbour (": 100" beside the colon).
            let values: Vec<Figure> = l
                .line
                .spans
                .iter()
                .skip(1)
                .flat_map(|s| match cell_number(&s.text, Hint::None) {
                    Some(f) => vec![f],
                    None => super::common::figures(&s.text),
                })
                .collect();
            if values.len() < 2 {
                continue;
            }
            let (target, real) = (&values[values.len() - 2], &values[values.len() - 1]);
            let row_line = ctx.row_line(row.page, row.line);
            let mut compare = |stated: &Figure, col: usize, hint, what: Localized| {
                let Some(reference) = row.cell(col).and_then(|c| cell_number(&c.text, hint)) else {
                    return;
                };
                if agrees(stated, reference.value, ctx.tolerance) {
                    return;
                }
                let at = l
                    .line
                    .text
                    .rfind(&stated.text)
                    .map(|a| (a, a + stated.text.len()));
                out.push(
                    Draft {
                        line: i,
                        stated: stated.text.clone(),
                        expected: like(stated, reference.value),
                        computation: Localized::new(
                            format!(
                                "{} \"{}\" di {}: {}",
                                what.id,
                                row.label(),
                                table_name(table).id,
                                reference.text
                            ),
                            format!(
                                "{} of \"{}\" in {}: {}",
                                what.en,
                                row.label(),
                                table_name(table).en,
                                reference.text
                            ),
                        ),
                        related: vec![row_line],
                        highlight: at,
                        ..Default::default()
                    }
                    .var("activity", Localized::same(row.label().to_string()))
                    .var("difference", difference(stated.value, reference.value)),
                );
            };
            if target.kind == FigureKind::Percent || real.kind == FigureKind::Percent {
                // Percentages: target 100 % of the budget, realisasi = the table's capaian.
                compare(
                    real,
                    cc,
                    Hint::Percent,
                    Localized::new("capaian", "capaian"),
                );
            } else {
                compare(
                    target,
                    ca,
                    Hint::Rupiah,
                    Localized::new("anggaran", "budget"),
                );
                compare(
                    real,
                    cr,
                    Hint::Rupiah,
                    Localized::new("realisasi", "realisation"),
                );
            }
        }
        if let Some(absorption) = &self.p.absorption {
            for para in &ctx.report.paragraphs {
                for c in absorption.0.captures_iter(&para.text) {
                    let (Some(name), Some(pm)) = (c.name("name"), c.name("percent")) else {
                        continue;
                    };
                    let Some(row) = find_row(table, name.as_str()) else {
                        continue;
                    };
                    let Some(stated) = figures(pm.as_str()).into_iter().next() else {
                        continue;
                    };
                    let Some(reference) = row
                        .cell(cc)
                        .and_then(|c| cell_number(&c.text, Hint::Percent))
                    else {
                        continue;
                    };
                    if agrees(&stated, reference.value, ctx.tolerance) {
                        continue;
                    }
                    let (line, at) = ctx.locate(para, pm.start());
                    out.push(
                        Draft {
                            line,
                            stated: stated.text.clone(),
                            expected: like(&stated, reference.value),
                            computation: Localized::new(
                                format!(
                                    "capaian \"{}\" di {}: {}",
                                    row.label(),
                                    table_name(table).id,
                                    reference.text
                                ),
                                format!(
                                    "capaian of \"{}\" in {}: {}",
                                    row.label(),
                                    table_name(table).en,
                                    reference.text
                                ),
                            ),
                            related: vec![ctx.row_line(row.page, row.line)],
                            highlight: Some((at, at + pm.as_str().len())),
                            ..Default::default()
                        }
                        .var("activity", Localized::same(row.label().to_string()))
                        .var("difference", difference(stated.value, reference.value)),
                    );
                }
            }
        }
    }
}
