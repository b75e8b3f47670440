//! One quantity stated in several places must have one value: realisasi belanja
//! langsung in the Ikhtisar, in Bab III's table and in the Penutup; an
//! activity's budget and realisation in its narrative and in the budget table.

use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::facts::figures::{Figure, FigureKind, Hint, parse_figure};
use crate::findings::Localized;
use crate::structure::roles::{Role, TableKind};
use crate::structure::{Row, RowKind, Table};

use super::arithmetic::table_name;
use super::common::{
    Chapters, Context, Pattern, agrees, amount, cell_number, difference, figures, like, pct, shown,
};
use super::{Check, Draft, Sink, Why};

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

/// The budget table's TOTAL row: the amount, and the percentage and base it prints.
struct TableTotal<'t> {
    table: &'t Table,
    row: &'t Row,
    value: Figure,
    percent: Option<Figure>,
    base: Option<Figure>,
}

/// What every statement is held against: the table's TOTAL row when there is
/// one, else the first statement.
struct Reference<'t> {
    value: Decimal,
    line: usize,
    /// Where it is, for computations ("Tabel 3.4 (TOTAL)", "baris 12").
    name: Localized,
    total: Option<TableTotal<'t>>,
}

impl Check for SameQuantity {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let statements = self.statements(ctx);
        let Some(reference) = self.reference(ctx, &statements) else {
            return;
        };
        for s in &statements {
            if s.line == reference.line && reference.total.is_none() {
                continue;
            }
            self.judge_amount(ctx, s, &reference, out);
            self.judge_percent(ctx, s, &reference, out);
        }
    }
}

impl SameQuantity {
    /// Every statement the sources' patterns find, once per line and value.
    fn statements(&self, ctx: &Context<'_, '_>) -> Vec<Statement> {
        let mut statements: Vec<Statement> = Vec::new();
        // A sentence a blank line split (wide line spacing) is read whole.
        for source in &self.p.sources {
            for para in ctx
                .report
                .paragraphs
                .iter()
                .filter(|p| source.chapters.contains(p.chapter))
            {
                for c in source.pattern.0.captures_iter(&para.text) {
                    let Some(m) = c.name("value") else { continue };
                    let Some(value) = figures(m.as_str())
                        .into_iter()
                        .find(|f| f.kind == FigureKind::Rupiah || f.value >= Decimal::from(1000))
                    else {
                        continue;
                    };
                    let (line, at) = ctx.locate(para, m.start());
                    if statements
                        .iter()
                        .any(|s| s.line == line && s.value.value == value.value)
                    {
                        continue;
                    }
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
        statements
    }

    fn reference<'t>(
        &self,
        ctx: &'t Context<'_, '_>,
        statements: &[Statement],
    ) -> Option<Reference<'t>> {
        if let Some(total) = self.p.table.as_ref().and_then(|ts| table_total(ctx, ts)) {
            let name = table_name(total.table);
            return Some(Reference {
                value: total.value.value,
                line: ctx.row_line(total.row.page, total.row.line),
                name: Localized::new(
                    format!("{} (TOTAL)", name.id),
                    format!("{} (TOTAL)", name.en),
                ),
                total: Some(total),
            });
        }
        let first = statements.first()?;
        let number = ctx.report.lines[first.line].line.number;
        Some(Reference {
            value: first.value.value,
            line: first.line,
            name: Localized::new(format!("baris {number}"), format!("line {number}")),
            total: None,
        })
    }

    /// "realisasi belanja langsung menurut Tabel 3.4 (TOTAL): …" in both languages.
    fn according_to(&self, reference: &Reference<'_>, what: &str) -> Localized {
        Localized::new(
            format!("{} menurut {}: {what}", self.p.name.id, reference.name.id),
            format!(
                "{} according to {}: {what}",
                self.p.name.en, reference.name.en
            ),
        )
    }

    fn judge_amount(
        &self,
        ctx: &Context<'_, '_>,
        s: &Statement,
        reference: &Reference<'_>,
        out: &mut Sink,
    ) {
        if agrees(&s.value, reference.value, ctx.tolerance) {
            out.agree();
            return;
        }
        out.push(
            Draft {
                line: s.line,
                stated: s.value.text.clone(),
                expected: like(&s.value, reference.value),
                computation: self.according_to(reference, &amount(reference.value)),
                related: vec![reference.line],
                highlight: Some(s.at),
                ..Default::default()
            }
            .var("quantity", self.p.name.clone())
            .var("difference", difference(s.value.value, reference.value)),
        );
    }

    /// The percentage stands if it is the table's, the rate of the stated
    /// amount against the base, or the amount's share of its sentence's total.
    fn judge_percent(
        &self,
        ctx: &Context<'_, '_>,
        s: &Statement,
        reference: &Reference<'_>,
        out: &mut Sink,
    ) {
        let Some((pf, pat)) = &s.percent else {
            return;
        };
        let table_percent = reference.total.as_ref().and_then(|t| t.percent.as_ref());
        let base = reference
            .total
            .as_ref()
            .and_then(|t| t.base.as_ref())
            .filter(|b| !b.value.is_zero());
        let mut candidates: Vec<Decimal> = Vec::new();
        if let Some(p) = table_percent {
            candidates.push(p.value);
        }
        if let Some(b) = base {
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
        if table_percent.is_none() && base.is_none() {
            out.skip(PERCENT_UNGROUNDED);
            return;
        }
        if candidates.iter().any(|c| agrees(pf, *c, ctx.tolerance)) {
            out.agree();
            return;
        }
        let expected = table_percent.map(|p| p.value).unwrap_or(candidates[0]);
        let computation = match (&reference.total, base) {
            (Some(total), Some(b)) => format!(
                "{} / {} × 100 = {}",
                shown(&total.value),
                shown(b),
                pct(total.value.value / b.value * Decimal::ONE_HUNDRED)
            ),
            _ => pct(expected),
        };
        out.push(
            Draft {
                line: s.line,
                stated: pf.text.clone(),
                expected: like(pf, expected),
                computation: self.according_to(reference, &computation),
                related: vec![reference.line],
                highlight: Some(*pat),
                ..Default::default()
            }
            .var("quantity", self.p.name.clone())
            .var("difference", difference(pf.value, expected)),
        );
    }
}

fn table_total<'t>(ctx: &'t Context<'_, '_>, ts: &TableSource) -> Option<TableTotal<'t>> {
    let (_, table) = ctx.budget_table()?;
    let row = table.rows.iter().find(|r| r.kind == RowKind::Total)?;
    let col = *table.columns_matching(&ts.column.0).first()?;
    let value = row.figure(col)?.clone();
    let find = |p: &Option<Pattern>, hint| {
        p.as_ref()
            .and_then(|p| table.columns_matching(&p.0).first().copied())
            .and_then(|c| row.cell(c))
            .and_then(|c| cell_number(&c.text, hint))
    };
    Some(TableTotal {
        table,
        row,
        value,
        percent: find(&ts.percent_column, Hint::Percent),
        base: find(&ts.base_column, Hint::Rupiah),
    })
}

const PERCENT_UNGROUNDED: Why = Why {
    en: "a percentage with neither the table's nor the sentence's base amount to hold it against",
    id: "persentase tanpa angka dasar dari tabel maupun kalimatnya",
};

// ---------------------------------------------------------------- stated absorption

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AbsorptionParams {
    /// A sentence giving the share of a budget spent: group `percent`, and
    /// group `base` the budget it is a share of ("realisasi anggaran …
    /// sebesar 87,14% dari total anggaran Rp5.118.378.700").
    pattern: Pattern,
    #[serde(default)]
    chapters: Chapters,
}

/// The share of the budget spent the narrative gives, against the table whose
/// TOTAL row has that budget: its realisasi / anggaran × 100, or its printed share.
#[derive(Debug)]
pub struct StatedAbsorption {
    p: AbsorptionParams,
}

impl StatedAbsorption {
    pub fn new(p: AbsorptionParams) -> Result<Self, String> {
        Ok(StatedAbsorption { p })
    }
}

const WHY_NO_BASE: Why = Why {
    en: "no table's total gives the budget the sentence names",
    id: "tidak ada total tabel yang memuat anggaran yang disebut kalimat",
};

/// A TOTAL row whose anggaran is `base`: (table, row, anggaran, realisasi, printed share).
type Base<'t> = (&'t Table, &'t Row, Figure, Figure, Option<Figure>);

fn total_with_budget<'t>(ctx: &'t Context<'_, '_>, base: Decimal) -> Vec<Base<'t>> {
    let mut out = Vec::new();
    for table in &ctx.report.tables {
        let Some(a) = table
            .roles
            .iter()
            .position(|r| r.role == Role::Anggaran && r.money)
        else {
            continue;
        };
        let Some(r) = (a + 1..table.roles.len()).find(|&c| table.roles[c].role == Role::Realisasi)
        else {
            continue;
        };
        let share = (r + 1..table.roles.len())
            .find(|&c| table.roles[c].role == Role::Capaian && !table.roles[c].money);
        for row in table.rows.iter().filter(|r| r.kind == RowKind::Total) {
            let (Some(fa), Some(fr)) = (row.figure(a), row.figure(r)) else {
                continue;
            };
            if fa.value != base || fa.value.is_zero() || fr.value < Decimal::from(1000) {
                continue;
            }
            let printed = share.and_then(|c| row.figure(c)).cloned();
            out.push((table, row, fa.clone(), fr.clone(), printed));
        }
    }
    out
}

impl Check for StatedAbsorption {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        for para in ctx
            .report
            .paragraphs
            .iter()
            .filter(|p| self.p.chapters.contains(p.chapter))
        {
            for c in self.p.pattern.0.captures_iter(&para.text) {
                let (Some(pm), Some(bm)) = (c.name("percent"), c.name("base")) else {
                    continue;
                };
                let Some(percent) = figures(pm.as_str()).into_iter().next() else {
                    continue;
                };
                let Some(base) = figures(bm.as_str())
                    .into_iter()
                    .find(|f| f.value >= Decimal::from(1000))
                else {
                    continue;
                };
                let totals = total_with_budget(ctx, base.value);
                // One budget, one spending: every table with that total agrees.
                let [(table, row, fa, fr, printed)] = totals.as_slice() else {
                    out.skip(WHY_NO_BASE);
                    continue;
                };
                let computed = fr.value / fa.value * Decimal::ONE_HUNDRED;
                if agrees(&percent, computed, ctx.tolerance)
                    || printed
                        .as_ref()
                        .is_some_and(|p| same_value(&percent, p, ctx.tolerance))
                {
                    out.agree();
                    continue;
                }
                let (line, at) = ctx.locate(para, pm.start());
                let name = table_name(table);
                let printed_note = printed.as_ref().map_or_else(
                    || Localized::same(String::new()),
                    |p| {
                        Localized::new(
                            format!(" (tabel mencetak {})", p.text.trim()),
                            format!(" (the table prints {})", p.text.trim()),
                        )
                    },
                );
                let calc = format!("{} / {} × 100 = {}", shown(fr), shown(fa), pct(computed));
                out.push(
                    Draft {
                        line,
                        stated: percent.text.trim().to_string(),
                        expected: like(&percent, computed),
                        computation: Localized::new(
                            format!(
                                "realisasi / anggaran total {} (hlm. {}): {calc}{}",
                                name.id, row.page, printed_note.id
                            ),
                            format!(
                                "realisasi / anggaran of the total of {} (p. {}): {calc}{}",
                                name.en, row.page, printed_note.en
                            ),
                        ),
                        related: vec![ctx.row_line(row.page, row.line)],
                        highlight: Some((at, at + pm.as_str().len())),
                        ..Default::default()
                    }
                    .var("table", name)
                    .var("difference", difference(percent.value, computed)),
                );
            }
        }
    }
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
    crate::pattern::compile(r"^\s*(?:[-•*]\s*)?(?:[a-z0-9]{1,2}[.)]\s*)").expect("valid regex")
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

/// The budget table's columns an activity's figures are held against.
struct ActivityColumns {
    anggaran: usize,
    realisasi: usize,
    capaian: usize,
}

/// One figure the narrative states of an activity.
struct ActivityStatement<'a> {
    line: usize,
    figure: &'a Figure,
    highlight: Option<(usize, usize)>,
}

impl<'a> ActivityStatement<'a> {
    /// A figure of line `line`, highlighted where its text last occurs.
    fn in_line(line: usize, text: &str, figure: &'a Figure) -> Self {
        ActivityStatement {
            line,
            figure,
            highlight: text.rfind(&figure.text).map(|a| (a, a + figure.text.len())),
        }
    }
}

impl Check for ActivityFigures {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let Some((_, table)) = ctx.budget_table() else {
            return;
        };
        let col = |p: &Pattern| table.columns_matching(&p.0).first().copied();
        let (Some(anggaran), Some(realisasi), Some(capaian)) = (
            col(&self.p.anggaran_column),
            col(&self.p.realisasi_column),
            col(&self.p.capaian_column),
        ) else {
            return;
        };
        let columns = ActivityColumns {
            anggaran,
            realisasi,
            capaian,
        };
        self.input_rows(ctx, table, &columns, out);
        self.absorptions(ctx, table, &columns, out);
    }
}

impl ActivityFigures {
    /// The input row of each activity's narrative block ("Masukan : Rp 100 … Rp 90")
    /// against the row of the activity the nearest list item above names.
    fn input_rows(
        &self,
        ctx: &Context<'_, '_>,
        table: &Table,
        columns: &ActivityColumns,
        out: &mut Sink,
    ) {
        let lines = &ctx.report.lines;
        for (i, l) in lines.iter().enumerate() {
            if !self.p.input_row.is_match(&l.line.text) {
                continue;
            }
            let Some(name_line) = lines[..i]
                .iter()
                .rev()
                .take(6)
                .find(|x| MARKER.is_match(&x.line.text) && x.is_prose())
            else {
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
                    None => figures(&s.text),
                })
                .collect();
            let [.., target, real] = values.as_slice() else {
                continue;
            };
            let statement = |figure| ActivityStatement::in_line(i, &l.line.text, figure);
            if target.kind == FigureKind::Percent || real.kind == FigureKind::Percent {
                // Percentages: target 100 % of the budget, realisasi = the table's capaian.
                let capaian = Localized::same("capaian".to_string());
                compare_activity(
                    ctx,
                    table,
                    row,
                    &statement(real),
                    (columns.capaian, Hint::Percent),
                    capaian,
                    out,
                );
            } else {
                let anggaran = Localized::new("anggaran", "budget");
                compare_activity(
                    ctx,
                    table,
                    row,
                    &statement(target),
                    (columns.anggaran, Hint::Rupiah),
                    anggaran,
                    out,
                );
                let realisasi = Localized::new("realisasi", "realisation");
                compare_activity(
                    ctx,
                    table,
                    row,
                    &statement(real),
                    (columns.realisasi, Hint::Rupiah),
                    realisasi,
                    out,
                );
            }
        }
    }

    /// "Realisasi Kegiatan <name> anggaran terserap 92,15%" against the row's capaian.
    fn absorptions(
        &self,
        ctx: &Context<'_, '_>,
        table: &Table,
        columns: &ActivityColumns,
        out: &mut Sink,
    ) {
        let Some(absorption) = &self.p.absorption else {
            return;
        };
        for para in &ctx.report.paragraphs {
            for c in absorption.0.captures_iter(&para.text) {
                let (Some(name), Some(pm)) = (c.name("name"), c.name("percent")) else {
                    continue;
                };
                let Some(row) = find_row(table, name.as_str()) else {
                    continue;
                };
                let Some(figure) = figures(pm.as_str()).into_iter().next() else {
                    continue;
                };
                let (line, at) = ctx.locate(para, pm.start());
                let statement = ActivityStatement {
                    line,
                    figure: &figure,
                    highlight: Some((at, at + pm.as_str().len())),
                };
                let capaian = Localized::same("capaian".to_string());
                compare_activity(
                    ctx,
                    table,
                    row,
                    &statement,
                    (columns.capaian, Hint::Percent),
                    capaian,
                    out,
                );
            }
        }
    }
}

/// A stated figure against the activity row's cell in `column`, read with `hint`.
fn compare_activity(
    ctx: &Context<'_, '_>,
    table: &Table,
    row: &Row,
    statement: &ActivityStatement<'_>,
    (column, hint): (usize, Hint),
    what: Localized,
    out: &mut Sink,
) {
    let Some(reference) = row.cell(column).and_then(|c| cell_number(&c.text, hint)) else {
        return;
    };
    let stated = statement.figure;
    if agrees(stated, reference.value, ctx.tolerance) {
        out.agree();
        return;
    }
    let table = table_name(table);
    out.push(
        Draft {
            line: statement.line,
            stated: stated.text.clone(),
            expected: like(stated, reference.value),
            computation: Localized::new(
                format!(
                    "{} \"{}\" di {}: {}",
                    what.id,
                    row.label(),
                    table.id,
                    reference.text
                ),
                format!(
                    "{} of \"{}\" in {}: {}",
                    what.en,
                    row.label(),
                    table.en,
                    reference.text
                ),
            ),
            related: vec![ctx.row_line(row.page, row.line)],
            highlight: statement.highlight,
            ..Default::default()
        }
        .var("activity", Localized::same(row.label().to_string()))
        .var("difference", difference(stated.value, reference.value)),
    );
}

// ------------------------------------------------------- one indicator, two tables

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SameIndicatorParams {
    /// Columns that are not one year's value of the indicator (cumulative,
    /// end-of-plan, baseline, differences, efficiency…): never compared.
    skip_column: Pattern,
    /// An anggaran column before the budget's revision ("murni", "sebelum perubahan").
    before_revision: Pattern,
    /// An anggaran column after it ("setelah perubahan", "perubahan", "akhir").
    after_revision: Pattern,
    /// A capaian column that is the absorption of a budget, not an indicator's achievement.
    absorption: Pattern,
    /// A table of a revised agreement, by its caption ("Revisi Perjanjian
    /// Kinerja"): its targets replace others, so a difference is no error.
    revision: Pattern,
    /// A table of the plan (Renstra, RPJMD), by its caption: its targets, and
    /// the capaian against them, may differ from the year's agreement (PK).
    plan: Pattern,
    /// A row averaging the rows above ("Rata-rata Capaian Sasaran", "CAPAIAN
    /// RATA-RATA KINERJA KANTOR …"): no indicator, and its value, centred
    /// over a year's columns, may be read in any of them.
    average_row: Pattern,
}

/// The same indicator (or program, or activity) in two tables of one report,
/// with a different target, realisasi, capaian or anggaran for the same year.
#[derive(Debug)]
pub struct SameIndicator {
    p: SameIndicatorParams,
}

impl SameIndicator {
    pub fn new(p: SameIndicatorParams) -> Result<Self, String> {
        Ok(SameIndicator { p })
    }
}

/// Which figure of an indicator a column holds: its role, the year it is
/// about, whether it is money, and for budgets whether before or after the
/// revision. Two columns hold the same quantity only when all of these agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Measure {
    role: MeasureRole,
    year: i32,
    money: bool,
    variant: Variant,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum MeasureRole {
    Target,
    Realisasi,
    Capaian,
    Anggaran,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Variant {
    Plain,
    /// A target or capaian of the plan (Renstra), not of the year's agreement.
    Plan,
    BeforeRevision,
    AfterRevision,
    Absorption,
}

/// Two figures one table gives for the same measure of an indicator (a
/// target before and after the agreement's revision): either may be quoted.
#[derive(Debug)]
struct Revision {
    key: String,
    role: MeasureRole,
    year: i32,
}

const WHY_REVISED: Why = Why {
    en: "the report gives the indicator two values (before and after a revision)",
    id: "laporan memberi indikator dua nilai (sebelum dan sesudah revisi)",
};

/// One figure of one indicator in one table.
#[derive(Debug, Clone)]
struct Stated<'t> {
    table: usize,
    row: &'t Row,
    /// Index of the row in its table.
    row_index: usize,
    col: usize,
    /// The indicator's label as printed, and normalised.
    label: String,
    key: String,
    /// The unit the figure is in, when the table says ("%", "orang", "kali").
    unit: Option<String>,
    measure: Measure,
    figure: Figure,
}

const WHY_LABEL: Why = Why {
    en: "indicator label too short to identify it across tables",
    id: "label indikator terlalu pendek untuk dikenali antartabel",
};
const WHY_AMBIGUOUS: Why = Why {
    en: "two rows of one table match the indicator",
    id: "dua baris satu tabel cocok dengan indikator",
};
const WHY_NOT_SAME: Why = Why {
    en: "two tables disagree on most shared indicators: not the same measure",
    id: "dua tabel berbeda pada sebagian besar indikator yang sama: bukan ukuran yang sama",
};
const WHY_UNIT: Why = Why {
    en: "the same indicator in different units",
    id: "indikator yang sama dengan satuan berbeda",
};

static LOOSE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?:^|[^0-9])((?:19[5-9]|20[0-9])[0-9])(?:[^0-9]|$)")
        .expect("valid regex")
});
static NOT_A_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"[<>≤≥=±~]|\d\s*[-–]\s*\d|(?i)\bs\s*[./]\s*d\b").expect("valid regex")
});
static LEAD_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"^\s*(?:[-•*·]\s*)?(?:(?:\d{1,2}(?:\.\d{1,2}){0,3}|[a-z]|[ivx]{1,4})[.)]\s+|\d{1,2}(?:\.\d{1,2}){1,3}\s+)")
        .expect("valid regex")
});
static PERCENT_LABEL: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"(?i)%|\bpersen").expect("valid regex"));
static TARGET_WORD: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"(?i)\btarg?et\b").expect("valid regex"));
static REALISASI_WORD: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"(?i)realisasi").expect("valid regex"));
static ACHIEVEMENT_WORD: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)capai|penyerapan|serapan|kinerja").expect("valid regex")
});

/// An indicator's label reduced to its words: no numbering, no "(IKU)", no
/// hyphens of a word broken over lines, lower case.
pub(crate) fn indicator_key(label: &str) -> String {
    // Many checks key the same row labels: worked out once per report.
    super::common::remembered_key(label, key_of)
}

fn key_of(label: &str) -> String {
    let s = LEAD_NUMBER.replace(label, "");
    let s = s.to_lowercase().replace("(iku)", " ");
    // "ketidaklengkap-an", "Meningkat- nya": a word broken over lines.
    let mut joined = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '-' && i > 0 && chars[i - 1].is_alphabetic() {
            let mut j = i + 1;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            if j < chars.len() && chars[j].is_lowercase() && j - i <= 2 {
                i = j;
                continue;
            }
        }
        joined.push(if c.is_alphanumeric() { c } else { ' ' });
        i += 1;
    }
    joined
        .split_whitespace()
        .map(|w| match w {
            "prosentase" | "presentase" | "persentasi" => "persentase",
            "jml" => "jumlah",
            w => w,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A key specific enough to name one indicator: two words and 14 letters at least.
pub(crate) fn specific(key: &str) -> bool {
    key.split(' ').count() >= 2 && key.chars().filter(|c| c.is_alphabetic()).count() >= 14
}

/// How alike two keys are: shared words over all words (Dice on word counts,
/// so a label read twice over a wrapped row is not its single self), 0 to 1.
/// A program and a kegiatan of the same name are two things.
pub(crate) fn likeness(a: &str, b: &str) -> f64 {
    // Each key's words sorted: the words shared (as often as both have
    // them) are counted in one walk along both.
    fn sorted(s: &str) -> Vec<&str> {
        let mut words: Vec<&str> = s.split(' ').collect();
        words.sort_unstable();
        words
    }
    let (wa, wb) = (sorted(a), sorted(b));
    let program = |w: &[&str]| w.binary_search(&"program").is_ok();
    if program(&wa) != program(&wb) {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while let (Some(x), Some(y)) = (wa.get(i), wb.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared as f64 / (wa.len() + wb.len()).max(1) as f64
}

/// Word sets of two keys as alike as this name one indicator ("Persentase
/// SDM terlatih" and "Prosentase SDM terlatih"), when no other key is as close.
pub(crate) const LIKE_ENOUGH: f64 = 0.85;
/// Words a label needs before a differently worded one may name the same indicator.
pub(crate) const FUZZY_WORDS: usize = 5;

impl SameIndicator {
    /// Stage 1: what each numeric column of a table measures, or None.
    fn measure(&self, table: &Table, col: usize, year_n: Option<i32>) -> Option<Measure> {
        let role = table.roles.get(col)?;
        let label = table.columns.get(col).map(String::as_str).unwrap_or("");
        if self.p.skip_column.is_match(label) {
            return None;
        }
        let has_target = table
            .columns
            .iter()
            .zip(&table.roles)
            .any(|(l, r)| !r.money && (r.role == Role::Target || TARGET_WORD.is_match(l)));
        let measure_role = match role.role {
            Role::Target => MeasureRole::Target,
            Role::Realisasi => MeasureRole::Realisasi,
            Role::Anggaran => MeasureRole::Anggaran,
            // "Target (%)", "Realisasi (%)" of a table of percent indicators.
            Role::Capaian if !role.money && TARGET_WORD.is_match(label) => MeasureRole::Target,
            Role::Capaian
                if !role.money
                    && has_target
                    && REALISASI_WORD.is_match(label)
                    && !ACHIEVEMENT_WORD.is_match(label) =>
            {
                MeasureRole::Realisasi
            }
            Role::Capaian => MeasureRole::Capaian,
            _ => return None,
        };
        let title = table
            .caption
            .as_ref()
            .map(|c| c.title.as_str())
            .unwrap_or("");
        // Targets over three years or more and nothing measured: a plan;
        // or targets the header calls the plan's ("Target Renstra").
        let targets =
            || {
                table.roles.iter().zip(&table.columns).filter(|(r, l)| {
                    !r.money && (r.role == Role::Target || TARGET_WORD.is_match(l))
                })
            };
        let measured = table.roles.iter().any(|r| r.role == Role::Realisasi);
        let plan = self.p.plan.is_match(title)
            || targets().any(|(_, l)| self.p.plan.is_match(l))
            || !measured
                && targets()
                    .filter_map(|(r, l)| r.year.or_else(|| loose_year(l)))
                    .collect::<std::collections::BTreeSet<_>>()
                    .len()
                    >= 3;
        let variant = if measure_role == MeasureRole::Anggaran {
            // The column says, else the caption ("DIPA Awal", "DIPA Akhir").
            if self.p.before_revision.is_match(label) {
                Variant::BeforeRevision
            } else if self.p.after_revision.is_match(label) {
                Variant::AfterRevision
            } else if self.p.before_revision.is_match(title) {
                Variant::BeforeRevision
            } else if self.p.after_revision.is_match(title) {
                Variant::AfterRevision
            } else {
                Variant::Plain
            }
        } else if measure_role == MeasureRole::Capaian
            && (role.money || table.kind == TableKind::Budget || self.p.absorption.is_match(label))
        {
            Variant::Absorption
        } else {
            Variant::Plain
        };
        let year = role
            .year
            .or_else(|| loose_year(label))
            .or_else(|| table_year(table, year_n))
            .or_else(|| only_year(table))
            .or_else(|| last_capaian(table, col, year_n))?;
        // A plan's target for a year to come is the only one there is; for
        // the year itself (or one past) the agreement may have changed it.
        let variant = if variant == Variant::Plain
            && plan
            && measure_role != MeasureRole::Realisasi
            && year_n.is_none_or(|n| year <= n)
        {
            Variant::Plan
        } else {
            variant
        };
        // "% Penyerapan Anggaran": a share of a budget, not an amount of money.
        let share = measure_role == MeasureRole::Capaian && PERCENT_LABEL.is_match(label);
        Some(Measure {
            role: measure_role,
            year,
            money: role.money && !share || measure_role == MeasureRole::Anggaran,
            variant,
        })
    }

    /// Stage 2: every figure of every indicator row the tables give.
    fn stated<'t>(
        &self,
        ctx: &'t Context<'_, '_>,
        out: &mut Sink,
    ) -> (Vec<Stated<'t>>, Vec<Revision>) {
        let mut all = Vec::new();
        let mut revisions = Vec::new();
        for (index, table) in ctx.report.tables.iter().enumerate() {
            let Some(columns) = self.columns(table, ctx.year()) else {
                continue;
            };
            let reader = TableReader {
                index,
                table,
                columns,
                average_row: &self.p.average_row,
            };
            let mut facts: Vec<Stated<'t>> = Vec::new();
            for (row_index, row) in table.rows.iter().enumerate() {
                reader.row(row_index, row, &mut facts, &mut revisions, out);
            }
            // A key twice in one table for one measure names two things.
            let keys: Vec<(&str, Measure)> =
                facts.iter().map(|f| (f.key.as_str(), f.measure)).collect();
            let keep = single(&keys);
            let title = table
                .caption
                .as_ref()
                .map(|c| c.title.as_str())
                .unwrap_or("");
            let revising = self.p.revision.is_match(title);
            for (f, k) in facts.into_iter().zip(keep) {
                if revising && f.measure.role != MeasureRole::Realisasi {
                    revisions.push(Revision {
                        key: f.key.clone(),
                        role: f.measure.role,
                        year: f.measure.year,
                    });
                } else if k {
                    all.push(f);
                } else {
                    out.skip(WHY_AMBIGUOUS);
                }
            }
        }
        (all, revisions)
    }

    /// The measure columns of a table; None when it has none.
    fn columns(&self, table: &Table, year_n: Option<i32>) -> Option<MeasureColumns> {
        let measures: Columns = (0..table.columns.len())
            .filter_map(|c| self.measure(table, c, year_n).map(|m| (c, m)))
            .collect();
        let first = measures.iter().map(|(c, _)| *c).min()?;
        // Two columns of one table claiming the same measure: neither is
        // sure, but both are values the report gives (a revision).
        let once = single(&measures.iter().map(|(_, m)| *m).collect::<Vec<_>>());
        // Unless a column of names stands between them: two halves of a
        // table set side by side ("No | Uraian | Target" twice), each
        // measuring its own names, not a revision; their rows pair no
        // name with its figure here, so neither is read.
        let labels: Vec<usize> = (0..table.columns.len())
            .filter(|&c| table.roles.get(c).is_some_and(|r| r.role == Role::Label))
            .collect();
        let halves = |m: &Measure| {
            let cols: Vec<usize> = measures
                .iter()
                .filter(|(_, o)| o == m)
                .map(|(c, _)| *c)
                .collect();
            let (lo, hi) = (cols.iter().min(), cols.iter().max());
            lo.zip(hi)
                .is_some_and(|(lo, hi)| labels.iter().any(|l| l > lo && l < hi))
        };
        let (sure, doubled): (Vec<_>, Vec<_>) = measures
            .iter()
            .copied()
            .zip(once)
            .filter(|((_, m), o)| *o || !halves(m))
            .partition(|(_, o)| *o);
        Some(MeasureColumns {
            first,
            sure: sure.into_iter().map(|(m, _)| m).collect(),
            doubled: doubled.into_iter().map(|(m, _)| m).collect(),
            unit: table.roles.iter().position(|r| r.role == Role::Unit),
        })
    }
}

/// The columns of a table that give an indicator's measures.
struct MeasureColumns {
    /// The leftmost: a row's indicator is named left of it.
    first: usize,
    /// Columns holding a measure no other column of the table holds.
    sure: Columns,
    /// Columns sharing their measure with another (values of a revision).
    doubled: Columns,
    /// The column of units ("Satuan"), if any.
    unit: Option<usize>,
}

/// One table being read for stage 2.
struct TableReader<'t, 'p> {
    index: usize,
    table: &'t Table,
    columns: MeasureColumns,
    average_row: &'p Pattern,
}

impl<'t> TableReader<'t, '_> {
    /// The figures of one row, each with its indicator; the row's values
    /// of a doubled measure are revisions.
    fn row(
        &self,
        row_index: usize,
        row: &'t Row,
        facts: &mut Vec<Stated<'t>>,
        revisions: &mut Vec<Revision>,
        out: &mut Sink,
    ) {
        let table = self.table;
        let Some(label) = label_left(table, row, self.columns.first) else {
            return;
        };
        let key = indicator_key(label);
        // "Jumlah sarana pemasaran … yang memenuhi standar": a row the
        // structure took for a total by its first word names an
        // indicator when the words after "Jumlah" are many.
        let total = row.kind == RowKind::Total;
        if (total && !named_count(&key)) || self.average_row.is_match(label) {
            return;
        }
        for (c, m) in &self.columns.doubled {
            if row.figure(*c).is_some() {
                revisions.push(Revision {
                    key: key.clone(),
                    role: m.role,
                    year: m.year,
                });
            }
        }
        let row_unit = self
            .columns
            .unit
            .and_then(|c| row.cell(c))
            .map(|c| unit_key(&c.text))
            .filter(|u| !u.is_empty());
        for &(col, measure) in &self.columns.sure {
            if total && measure.money {
                continue;
            }
            let Some(cell) = row.cell(col) else { continue };
            let Some(label) = label_left(table, row, col) else {
                continue;
            };
            let key = indicator_key(label);
            if total && !named_count(&key) {
                continue;
            }
            let Some(figure) = cell
                .figure
                .clone()
                .or_else(|| small_count(&cell.text, measure))
            else {
                continue;
            };
            if NOT_A_VALUE.is_match(&cell.text) {
                continue;
            }
            if !specific(&key) {
                out.skip(WHY_LABEL);
                continue;
            }
            let unit = figure_unit(measure, &figure, &table.columns[col], row_unit.as_deref());
            facts.push(Stated {
                table: self.index,
                row,
                row_index,
                col,
                label: label.to_string(),
                key,
                unit,
                measure,
                figure,
            });
        }
    }
}

/// What a figure is of: the last label cell left of `col` with three
/// letters or more (the indicator left of its target, the kegiatan left of
/// its anggaran).
pub(super) fn label_left<'t>(table: &Table, row: &'t Row, col: usize) -> Option<&'t str> {
    (0..col)
        .rev()
        .filter(|&c| table.roles.get(c).is_some_and(|r| r.role == Role::Label))
        .filter_map(|c| row.cell(c))
        .map(|c| c.text.trim())
        .find(|t| t.chars().filter(|c| c.is_alphabetic()).count() >= 3)
}

/// The unit of a figure: rupiah for money, "%" for a percentage or under a
/// header naming one, else the row's unit.
fn figure_unit(
    measure: Measure,
    figure: &Figure,
    header: &str,
    row_unit: Option<&str>,
) -> Option<String> {
    if measure.money {
        Some("rp".to_string())
    } else if figure.kind == FigureKind::Percent || PERCENT_LABEL.is_match(header) {
        Some("%".to_string())
    } else {
        row_unit.map(str::to_string)
    }
}

/// For each item, whether it stands only once in `items`.
fn single<T: PartialEq>(items: &[T]) -> Vec<bool> {
    items
        .iter()
        .map(|x| items.iter().filter(|o| *o == x).count() == 1)
        .collect()
}

/// A key "jumlah" and four words or more: an indicator counting something,
/// not a total row.
pub(crate) fn named_count(key: &str) -> bool {
    key.starts_with("jumlah ") && key.split(' ').count() >= 5 && specific(key)
}

/// An indicator's key without what its label puts in parentheses
/// ("RTH persatuan wilayah perkotaan (rata-rata)").
fn bare_key(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut depth = 0usize;
    for c in label.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    indicator_key(&out)
}

/// Two figures whose digits differ by two neighbours swapped ("0.162" and
/// "0.612"): one typed with its digits transposed, three digits at least.
fn transposed(a: &Figure, b: &Figure) -> bool {
    let digits = |f: &Figure| -> Vec<u8> {
        let d: Vec<u8> = f
            .text
            .bytes()
            .filter(u8::is_ascii_digit)
            .skip_while(|&c| c == b'0')
            .collect();
        d
    };
    let (da, db) = (digits(a), digits(b));
    if da.len() < 3 || da.len() != db.len() || a.value == b.value {
        return false;
    }
    let differ: Vec<usize> = (0..da.len()).filter(|&i| da[i] != db[i]).collect();
    matches!(differ.as_slice(), [i, j] if *j == i + 1 && da[*i] == db[*j] && da[*j] == db[*i])
}

/// "Indeks Kualitas Udara | 58 | 60": the structure leaves a bare number of
/// one or two digits unread (it may number the columns); in a target or
/// realisasi column of an indicator's row it is the indicator's value.
fn small_count(text: &str, measure: Measure) -> Option<Figure> {
    let t = text.trim();
    let measured = matches!(measure.role, MeasureRole::Target | MeasureRole::Realisasi);
    (measured
        && !measure.money
        && (1..=2).contains(&t.len())
        && t.bytes().all(|b| b.is_ascii_digit()))
    .then(|| parse_figure(t, Hint::None))
    .flatten()
}

fn unit_key(text: &str) -> String {
    let t = text.trim().to_lowercase();
    if t.contains('%') || t.starts_with("persen") {
        return "%".into();
    }
    t.chars().filter(|c| c.is_alphanumeric()).collect()
}

pub(super) fn loose_year(label: &str) -> Option<i32> {
    let years: Vec<i32> = LOOSE_YEAR
        .captures_iter(label)
        .filter_map(|c| c[1].parse().ok())
        .collect();
    years.last().copied()
}

/// The year of a table none of whose columns names one: its caption's only
/// year, else the report's year n.
pub(super) fn table_year(table: &Table, year_n: Option<i32>) -> Option<i32> {
    if table
        .roles
        .iter()
        .zip(&table.columns)
        .any(|(r, l)| r.year.is_some() || loose_year(l).is_some())
    {
        return None;
    }
    let title = table
        .caption
        .as_ref()
        .map(|c| c.title.as_str())
        .unwrap_or("");
    let years: std::collections::BTreeSet<i32> = LOOSE_YEAR
        .captures_iter(title)
        .filter_map(|c| c[1].parse().ok())
        .collect();
    match years.len() {
        0 => year_n,
        1 => years.into_iter().next(),
        _ => None,
    }
}

/// "Target 2016 | Realisasi | Capaian": the one year a header names is that of
/// every column measuring something.
pub(super) fn only_year(table: &Table) -> Option<i32> {
    let years: std::collections::BTreeSet<i32> = table
        .roles
        .iter()
        .zip(&table.columns)
        .filter_map(|(r, l)| r.year.or_else(|| loose_year(l)))
        .collect();
    (years.len() == 1)
        .then(|| years.into_iter().next())
        .flatten()
}

/// "Capaian 2015 | Capaian 2016 | % Capaian kinerja": the one capaian column
/// without a year, in a table whose latest year is the report's, is that year's.
pub(super) fn last_capaian(table: &Table, col: usize, year_n: Option<i32>) -> Option<i32> {
    let n = year_n?;
    let year_of = |c: usize| {
        table.roles[c]
            .year
            .or_else(|| loose_year(&table.columns[c]))
    };
    let yearless: Vec<usize> = (0..table.roles.len())
        .filter(|&c| {
            table.roles[c].role == Role::Capaian && !table.roles[c].money && year_of(c).is_none()
        })
        .collect();
    let latest = (0..table.roles.len()).filter_map(year_of).max()?;
    // Against the year's target, not a growth over the year before.
    let target_of_n = (0..table.roles.len())
        .any(|c| table.roles[c].role == Role::Target && year_of(c) == Some(n));
    if !target_of_n {
        return None;
    }
    (yearless == [col]
        && latest == n
        && yearless[0]
            > (0..table.roles.len())
                .filter(|&c| year_of(c).is_some())
                .max()?)
    .then_some(n)
}

/// Two figures state one value: each equals the other rounded or truncated to its decimals.
pub(crate) fn same_value(a: &Figure, b: &Figure, extra: Decimal) -> bool {
    // "10,625" and "10625": one number in two styles (a lone group of three
    // digits after a comma reads either way).
    let digits = |f: &Figure| -> String { f.text.chars().filter(char::is_ascii_digit).collect() };
    agrees(a, b.value, extra)
        || agrees(b, a.value, extra)
        || grouped(&a.text) && grouped(&b.text) && digits(a) == digits(b)
}

/// Every separator in the number is followed by exactly three digits (a
/// thousands group in either style), or there is none.
fn grouped(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter().enumerate().all(|(i, c)| {
        if *c != b'.' && *c != b',' {
            return true;
        }
        let run = b[i + 1..].iter().take_while(|d| d.is_ascii_digit()).count();
        run == 3
            || (run == 0 && i > 0 && !b[i - 1].is_ascii_digit())
            || (run == 0 && i + 1 == b.len())
    })
}

fn units_compatible(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// The pairs of rows of two tables naming one indicator: equal keys, or,
/// failing that, the one key of the other table alike enough.
fn pair_rows<'a, 't>(
    a: &[&'a Stated<'t>],
    b: &[&'a Stated<'t>],
    out: &mut Sink,
) -> Vec<(&'a Stated<'t>, &'a Stated<'t>)> {
    let mut pairs = Vec::new();
    for fa in a {
        if let Some(fb) = b.iter().find(|fb| fb.key == fa.key) {
            pairs.push((*fa, *fb));
            continue;
        }
        // The same words but for a parenthesis, each the only one of its table.
        let bare = bare_key(&fa.label);
        if bare != fa.key && specific(&bare) {
            let same: Vec<&&Stated> = b.iter().filter(|fb| bare_key(&fb.label) == bare).collect();
            let rivals = a.iter().filter(|o| bare_key(&o.label) == bare).count();
            if let ([fb], 1) = (same.as_slice(), rivals)
                && !a.iter().any(|o| o.key == fb.key)
            {
                pairs.push((*fa, **fb));
                continue;
            }
        }
        // Wording may differ only in long labels: in a short one a word more
        // or less is another indicator ("Kambing Ayam Ras Petelur").
        if fa.key.split(' ').count() < FUZZY_WORDS {
            continue;
        }
        let close: Vec<&&Stated> = b
            .iter()
            .filter(|fb| likeness(&fa.key, &fb.key) >= LIKE_ENOUGH)
            .collect();
        match close.as_slice() {
            [fb] => {
                // … and no other key of the first table as close to it.
                let rivals = a
                    .iter()
                    .filter(|o| likeness(&o.key, &fb.key) >= LIKE_ENOUGH)
                    .count();
                if rivals == 1 && !a.iter().any(|o| o.key == fb.key) {
                    pairs.push((*fa, **fb));
                }
            }
            [] => {}
            _ => out.skip(WHY_AMBIGUOUS),
        }
    }
    pairs
}

/// Rows two tables name differently but hold in the same place — an
/// indicator renamed from one table to the next ("Tingkat penyerapan
/// anggaran" for "Persentase realisasi anggaran belanja"): the rows right
/// above and right below it paired with their namesakes, which sit one row
/// apart in the other table too; the row between them there paired with
/// nothing, its key in neither table's other rows, in the same unit (both
/// rows' unit cells: no unit column, no pairing by place), and
/// agreeing with this row on another figure of the year (the target).
fn pair_by_place<'a, 't>(
    a: &[&'a Stated<'t>],
    b: &[&'a Stated<'t>],
    pairs: &[(&'a Stated<'t>, &'a Stated<'t>)],
    stated: &[Stated<'t>],
    tables: &[Table],
    tol: Decimal,
) -> Vec<(&'a Stated<'t>, &'a Stated<'t>)> {
    // The row's own unit cell ("Persentase"), not the column's "%".
    let unit = |s: &Stated| -> Option<String> {
        let table = tables.get(s.table)?;
        let c = table.roles.iter().position(|r| r.role == Role::Unit)?;
        Some(unit_key(&s.row.cell(c)?.text)).filter(|u| !u.is_empty())
    };
    let partner = |row_index: usize| {
        pairs
            .iter()
            .find(|(x, _)| x.row_index == row_index)
            .map(|(_, y)| *y)
    };
    let mut found = Vec::new();
    for fa in a {
        if pairs.iter().any(|(x, _)| std::ptr::eq(*x, *fa)) {
            continue;
        }
        let above = fa.row_index.checked_sub(1).and_then(partner);
        let below = partner(fa.row_index + 1);
        let (Some(above), Some(below)) = (above, below) else {
            continue;
        };
        if below.row_index != above.row_index + 2 {
            continue;
        }
        let between: Vec<&&Stated> = b
            .iter()
            .filter(|fb| fb.row_index == above.row_index + 1)
            .collect();
        let [fb] = between.as_slice() else { continue };
        if pairs.iter().any(|(_, y)| std::ptr::eq(*y, **fb))
            || fa.unit != fb.unit
            || unit(fa).is_none()
            || unit(fa) != unit(fb)
            || a.iter().any(|o| o.key == fb.key)
            || b.iter().any(|o| o.key == fa.key)
            || !rows_agree(stated, fa, fb, tol)
        {
            continue;
        }
        found.push((*fa, **fb));
    }
    found
}

/// A disagreement found: the figure taken to be wrong and the one it differs from.
struct Mismatch<'a, 't> {
    wrong: &'a Stated<'t>,
    right: &'a Stated<'t>,
    /// Other tables giving the right value.
    support: usize,
}

/// How two tables compare on one measure: rows paired, and those that differ.
struct Comparison<'a, 't> {
    agree: usize,
    differ: Vec<(&'a Stated<'t>, &'a Stated<'t>)>,
}

/// Two tables compared on one measure: (table a, table b, measure).
type TablePair = (usize, usize, Measure);

impl Check for SameIndicator {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let (stated, revisions) = self.stated(ctx, out);
        // A report with more tables than any report has (a file repeated
        // many times) is not compared table by table: that grows as the square.
        if ctx.report.tables.len() > MAX_TABLES {
            out.skip(WHY_TOO_MANY);
            return;
        }
        let mut by_table: ByTable = Default::default();
        for s in &stated {
            by_table.entry((s.table, s.measure)).or_default().push(s);
        }
        let Some(compared) = self.compare_tables(ctx, &stated, &by_table, &revisions, out) else {
            return;
        };
        let mut mismatches: Vec<Mismatch> = Vec::new();
        let mut wrong_years: Vec<Draft> = Vec::new();
        for (pair, c) in &compared {
            if c.differ.len() > c.agree {
                // Mostly different: not the same measure, or one table's
                // column is another year's.
                match self.wrong_year(ctx, &by_table, &compared, *pair, c) {
                    Some(d) => wrong_years.push(d),
                    None => typos_only(&stated, c, ctx.tolerance, &mut mismatches, out),
                }
                continue;
            }
            (0..c.agree).for_each(|_| out.agree());
            for (x, y) in &c.differ {
                mismatches.push(self.wrong_side(ctx, &stated, x, y));
            }
        }
        // One finding per wrong cell.
        let mut done: Vec<(usize, u32, u32, usize)> = Vec::new();
        for m in mismatches {
            let at = (
                m.wrong.table,
                m.wrong.row.page,
                m.wrong.row.line,
                m.wrong.col,
            );
            if !done.contains(&at) {
                done.push(at);
                out.push(self.draft(ctx, &m));
            }
        }
        for d in wrong_years {
            out.push(d);
        }
    }
}

impl SameIndicator {
    /// Each pair of tables on each measure they share: the rows that agree,
    /// and those that differ for no reason the report gives (a revision, a
    /// zero target, a column shifted by a row). None when time ran out.
    fn compare_tables<'a, 't>(
        &self,
        ctx: &Context<'_, '_>,
        stated: &[Stated<'t>],
        by_table: &ByTable<'a, 't>,
        revisions: &[Revision],
        out: &mut Sink,
    ) -> Option<Vec<(TablePair, Comparison<'a, 't>)>> {
        let tol = ctx.tolerance;
        let groups: Vec<_> = by_table.iter().collect();
        let mut compared = Vec::new();
        for (i, ((ta, ma), fa)) in groups.iter().enumerate() {
            crate::limits::check_time().ok()?;
            for ((tb, mb), fb) in groups.iter().skip(i + 1) {
                if ta == tb || ma != mb {
                    continue;
                }
                let mut c = Comparison {
                    agree: 0,
                    differ: Vec::new(),
                };
                let mut pairs = pair_rows(fa, fb, out);
                pairs.extend(pair_by_place(
                    fa,
                    fb,
                    &pairs,
                    stated,
                    &ctx.report.tables,
                    tol,
                ));
                for (x, y) in pairs {
                    if !units_compatible(&x.unit, &y.unit) {
                        out.skip(WHY_UNIT);
                    } else if same_value(&x.figure, &y.figure, tol)
                        || self.same_absorption(ctx, x, y)
                    {
                        c.agree += 1;
                    } else if x.measure.role != MeasureRole::Realisasi && revised(revisions, x, y) {
                        out.skip(WHY_REVISED);
                    } else if x.measure.role == MeasureRole::Target
                        && (x.figure.value.is_zero() || y.figure.value.is_zero())
                    {
                        // "0 %" incidents or "100 %" free of them: one target, two polarities.
                        out.skip(WHY_ZERO);
                    } else if shifted(&ctx.report.tables, x, y, tol) {
                        out.skip(WHY_SHIFTED);
                    } else {
                        c.differ.push((x, y));
                    }
                }
                compared.push(((*ta, *tb, *ma), c));
            }
        }
        Some(compared)
    }

    /// Of two differing figures, the wrong one: the one the other tables do
    /// not side with; on a tie, a capaian that is not its own row's
    /// realisasi / target; else the later table's.
    fn wrong_side<'a, 't>(
        &self,
        ctx: &Context<'_, '_>,
        stated: &'a [Stated<'t>],
        x: &'a Stated<'t>,
        y: &'a Stated<'t>,
    ) -> Mismatch<'a, 't> {
        let tol = ctx.tolerance;
        let backs = |v: &Stated| {
            stated
                .iter()
                .filter(|o| {
                    o.table != x.table
                        && o.table != y.table
                        && o.measure == x.measure
                        && (o.key == x.key || o.key == y.key)
                        && same_value(&o.figure, &v.figure, tol)
                })
                .count()
        };
        let (bx, by) = (backs(x), backs(y));
        let x_wrong = match by.cmp(&bx) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Equal => {
                let (ox, oy) = (self.own_capaian(ctx, x), self.own_capaian(ctx, y));
                ox == Some(false) && oy != Some(false) || ox.is_none() && oy == Some(true)
            }
        };
        if x_wrong {
            Mismatch {
                wrong: x,
                right: y,
                support: by,
            }
        } else {
            Mismatch {
                wrong: y,
                right: x,
                support: bx,
            }
        }
    }
}

/// Two tables mostly different on a measure, and not by a year: only a figure
/// with its digits transposed, on rows whose other figure of the year agrees,
/// is a typo whatever the rest of the two columns say (and only for an
/// indicator named in these two tables alone); the rest is skipped.
fn typos_only<'a, 't>(
    stated: &'a [Stated<'t>],
    c: &Comparison<'a, 't>,
    tol: Decimal,
    mismatches: &mut Vec<Mismatch<'a, 't>>,
    out: &mut Sink,
) {
    for (x, y) in &c.differ {
        let elsewhere = stated.iter().any(|o| {
            o.table != x.table && o.table != y.table && (o.key == x.key || o.key == y.key)
        });
        if transposed(&x.figure, &y.figure) && !elsewhere && rows_agree(stated, x, y, tol) {
            mismatches.push(Mismatch {
                wrong: y,
                right: x,
                support: 0,
            });
        } else {
            out.skip(WHY_NOT_SAME);
        }
    }
    (0..c.agree).for_each(|_| out.skip(WHY_NOT_SAME));
}

/// More tables than a report has: the comparison of every pair is not attempted.
const MAX_TABLES: usize = 1_000;
const WHY_TOO_MANY: Why = Why {
    en: "too many tables to compare each pair",
    id: "terlalu banyak tabel untuk dibandingkan berpasangan",
};
const WHY_ZERO: Why = Why {
    en: "a target of zero (none) against another: polarity unclear",
    id: "target nol (tidak ada) dibanding target lain: arah tidak jelas",
};
const WHY_SHIFTED: Why = Why {
    en: "the values sit one row off in one table: rows may be misread",
    id: "nilai bergeser satu baris pada satu tabel: baris mungkin salah terbaca",
};

/// The rows of x and y agree on another figure of the same year (the target
/// beside a realisasi): they are one indicator measured alike.
fn rows_agree(stated: &[Stated], x: &Stated, y: &Stated, tol: Decimal) -> bool {
    let of = |s: &Stated| -> Vec<&Stated> {
        stated
            .iter()
            .filter(|o| {
                o.table == s.table
                    && o.row_index == s.row_index
                    && o.measure.year == s.measure.year
                    && o.measure.role != s.measure.role
                    && !o.measure.money
            })
            .collect()
    };
    let (ox, oy) = (of(x), of(y));
    ox.iter().any(|a| {
        oy.iter()
            .any(|b| a.measure == b.measure && same_value(&a.figure, &b.figure, tol))
    })
}

/// The report gives the indicator two values for this year (before and after
/// a revision of the agreement): a difference is no error.
fn revised(revisions: &[Revision], x: &Stated, y: &Stated) -> bool {
    // A budget's absorption moves with the budget, not with the targets.
    let moves = |role: MeasureRole| match x.measure.variant {
        Variant::Absorption => matches!(role, MeasureRole::Anggaran | MeasureRole::Capaian),
        _ => role != MeasureRole::Realisasi,
    };
    revisions
        .iter()
        .any(|r| (r.key == x.key || r.key == y.key) && r.year == x.measure.year && moves(r.role))
}

/// x of one table and y of the other differ because one table's rows are read
/// one row off: y is the value of x's neighbouring row, and x that of y's
/// neighbour on the other side.
fn shifted(tables: &[Table], x: &Stated, y: &Stated, tol: Decimal) -> bool {
    let value = |s: &Stated, up: bool| -> Option<Figure> {
        let i = if up {
            s.row_index.checked_sub(1)?
        } else {
            s.row_index + 1
        };
        tables.get(s.table)?.rows.get(i)?.figure(s.col).cloned()
    };
    let same = |a: Option<Figure>, b: &Figure| a.is_some_and(|a| same_value(&a, b, tol));
    (same(value(x, true), &y.figure) && same(value(y, false), &x.figure))
        || (same(value(x, false), &y.figure) && same(value(y, true), &x.figure))
}

/// Columns of a table with what each measures.
type Columns = Vec<(usize, Measure)>;

type ByTable<'a, 't> = std::collections::BTreeMap<(usize, Measure), Vec<&'a Stated<'t>>>;

impl SameIndicator {
    /// Whether a capaian is its row's realisasi / target × 100 (None: not a
    /// capaian, or its row gives no target and realisasi of the year).
    fn own_capaian(&self, ctx: &Context<'_, '_>, s: &Stated) -> Option<bool> {
        if s.measure.role != MeasureRole::Capaian {
            return None;
        }
        if s.measure.variant == Variant::Absorption {
            let computed = self.own_absorption(ctx, s)?;
            return Some(agrees(&s.figure, computed, ctx.tolerance));
        }
        let table = ctx.report.tables.get(s.table)?;
        let find = |role: MeasureRole| {
            (0..table.columns.len()).find(|&c| {
                self.measure(table, c, ctx.year())
                    .is_some_and(|m| m.role == role && m.year == s.measure.year && !m.money)
            })
        };
        let target = s.row.figure(find(MeasureRole::Target)?)?;
        let real = s.row.figure(find(MeasureRole::Realisasi)?)?;
        if target.value.is_zero() {
            return None;
        }
        let computed = real.value / target.value * Decimal::ONE_HUNDRED;
        Some(agrees(&s.figure, computed, ctx.tolerance))
    }

    /// An absorption's value from its own row: realisasi / anggaran × 100, the
    /// row's only anggaran and realisasi amounts (None: the row gives no both).
    fn own_absorption(&self, ctx: &Context<'_, '_>, s: &Stated) -> Option<Decimal> {
        let table = ctx.report.tables.get(s.table)?;
        let only = |role: Role| -> Option<&Figure> {
            let cols: Vec<usize> = (0..table.columns.len())
                .filter(|&c| {
                    table.roles.get(c).is_some_and(|r| r.role == role)
                        && !self.p.skip_column.is_match(&table.columns[c])
                })
                .collect();
            match cols.as_slice() {
                [c] => s.row.figure(*c),
                _ => None,
            }
        };
        let (budget, spent) = (only(Role::Anggaran)?, only(Role::Realisasi)?);
        let big = Decimal::from(1000);
        if budget.value < big || spent.value < big || spent.value > budget.value * Decimal::TWO {
            return None;
        }
        Some(spent.value / budget.value * Decimal::ONE_HUNDRED)
    }

    /// Two absorptions of one row that both agree with the ratio one of the
    /// rows gives ("80,40" truncated and "80,41" rounded from 80,4054…).
    fn same_absorption(&self, ctx: &Context<'_, '_>, x: &Stated, y: &Stated) -> bool {
        if x.measure.variant != Variant::Absorption || x.measure.role != MeasureRole::Capaian {
            return false;
        }
        [x, y]
            .iter()
            .filter_map(|s| self.own_absorption(ctx, s))
            .any(|r| agrees(&x.figure, r, ctx.tolerance) && agrees(&y.figure, r, ctx.tolerance))
    }

    /// Two tables differing on most rows of one measure, where one table's
    /// column equals the other's column of another year on every row (a 2016
    /// table showing the 2015 targets) and its other columns of the year agree.
    fn wrong_year(
        &self,
        ctx: &Context<'_, '_>,
        by_table: &ByTable,
        compared: &[(TablePair, Comparison)],
        (ta, tb, m): TablePair,
        c: &Comparison,
    ) -> Option<Draft> {
        if c.agree + c.differ.len() < 3 || m.role == MeasureRole::Anggaran {
            return None;
        }
        let tol = ctx.tolerance;
        for (suspect, other) in [(ta, tb), (tb, ta)] {
            let mine = by_table.get(&(suspect, m))?;
            // The suspect table is about this year: it names no other year, or
            // another measure of it agrees with this year's.
            let of_the_year = !names_a_year(&ctx.report.tables[suspect])
                || compared.iter().any(|((a, b, m3), c3)| {
                    (*a == suspect || *b == suspect)
                        && m3.year == m.year
                        && m3.role != m.role
                        && c3.agree >= 2
                        && c3.differ.len() < c3.agree
                });
            if !of_the_year {
                continue;
            }
            for ((t, m2), theirs) in by_table.iter().filter(|((t, _), _)| *t == other) {
                if *t != other || m2.year == m.year || m2.role != m.role || m2.variant != m.variant
                {
                    continue;
                }
                let mut scratch = Sink::default();
                let pairs = pair_rows(mine, theirs, &mut scratch);
                if pairs.len() < 3
                    || !pairs
                        .iter()
                        .all(|(x, y)| same_value(&x.figure, &y.figure, tol))
                {
                    continue;
                }
                // The first row differing from the year's value, as the place.
                let (x, y) = c
                    .differ
                    .iter()
                    .map(|(x, y)| {
                        if x.table == suspect {
                            (*x, *y)
                        } else {
                            (*y, *x)
                        }
                    })
                    .next()?;
                let tables = &ctx.report.tables;
                let (st, ot) = (table_name(&tables[suspect]), table_name(&tables[other]));
                let line = ctx.row_line(x.row.page, x.row.line);
                let role = role_name(m.role);
                return Some(
                    Draft {
                        line,
                        stated: x.figure.text.clone(),
                        expected: y.figure.text.clone(),
                        computation: Localized::new(
                            format!(
                                "kolom {role} {} ({}) sama dengan {role} {} di {} pada {} dari {} baris; {role} {} \"{}\" di {}: {}",
                                st.id, m.year, m2.year, ot.id, pairs.len(), pairs.len(), m.year, y.label, ot.id, y.figure.text
                            ),
                            format!(
                                "the {role} column of {} ({}) equals the {} {role} of {} on {} of {} rows; {role} {} of \"{}\" in {}: {}",
                                st.en, m.year, m2.year, ot.en, pairs.len(), pairs.len(), m.year, y.label, ot.en, y.figure.text
                            ),
                        ),
                        related: vec![ctx.row_line(y.row.page, y.row.line)],
                        ..Default::default()
                    }
                    .var(
                        "quantity",
                        Localized::new(
                            format!("{role} {} \"{}\"", m.year, x.label),
                            format!("{role} {} of \"{}\"", m.year, x.label),
                        ),
                    )
                    .var("difference", difference(x.figure.value, y.figure.value)),
                );
            }
        }
        None
    }
}

/// Whether a table's header or caption prints a year.
fn names_a_year(table: &Table) -> bool {
    let title = table
        .caption
        .as_ref()
        .map(|c| c.title.as_str())
        .unwrap_or("");
    loose_year(title).is_some()
        || table
            .roles
            .iter()
            .zip(&table.columns)
            .any(|(r, l)| r.year.is_some() || loose_year(l).is_some())
}

fn role_name(role: MeasureRole) -> &'static str {
    match role {
        MeasureRole::Target => "target",
        MeasureRole::Realisasi => "realisasi",
        MeasureRole::Capaian => "capaian",
        MeasureRole::Anggaran => "anggaran",
    }
}

impl SameIndicator {
    fn draft(&self, ctx: &Context<'_, '_>, m: &Mismatch) -> Draft {
        let tables = &ctx.report.tables;
        let (wt, rt) = (&tables[m.wrong.table], &tables[m.right.table]);
        let what = match m.wrong.measure.role {
            MeasureRole::Target => Localized::new("target", "target"),
            MeasureRole::Realisasi => Localized::new("realisasi", "realisasi"),
            MeasureRole::Capaian => Localized::new("capaian", "capaian"),
            MeasureRole::Anggaran => Localized::new("anggaran", "anggaran"),
        };
        let year = m.wrong.measure.year;
        let others = if m.support > 0 {
            Localized::new(
                format!(" (juga {} tabel lain)", m.support),
                format!(" (also {} other tables)", m.support),
            )
        } else {
            Localized::same(String::new())
        };
        let line = ctx.row_line(m.wrong.row.page, m.wrong.row.line);
        Draft {
            line,
            stated: m.wrong.figure.text.clone(),
            expected: m.right.figure.text.clone(),
            computation: Localized::new(
                format!(
                    "{} {} \"{}\" di {}: {}; di {}: {}{}",
                    what.id,
                    year,
                    m.right.label,
                    table_name(rt).id,
                    m.right.figure.text,
                    table_name(wt).id,
                    m.wrong.figure.text,
                    others.id
                ),
                format!(
                    "{} {} of \"{}\" in {}: {}; in {}: {}{}",
                    what.en,
                    year,
                    m.right.label,
                    table_name(rt).en,
                    m.right.figure.text,
                    table_name(wt).en,
                    m.wrong.figure.text,
                    others.en
                ),
            ),
            related: vec![ctx.row_line(m.right.row.page, m.right.row.line)],
            ..Default::default()
        }
        .var(
            "quantity",
            Localized::new(
                format!("{} {} \"{}\"", what.id, year, m.wrong.label),
                format!("{} {} of \"{}\"", what.en, year, m.wrong.label),
            ),
        )
        .var(
            "difference",
            difference(m.wrong.figure.value, m.right.figure.value),
        )
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::checks::testing::{findings, run_default};

    const RULE: &str = "same-indicator-figure";

    #[test]
    fn an_item_is_single_when_no_other_equals_it() {
        use super::single;
        assert_eq!(single(&["a", "b", "a", "c"]), [false, true, false, true]);
        assert_eq!(single::<u8>(&[]), Vec::<bool>::new());
    }

    #[test]
    fn a_figure_is_in_rupiah_percent_or_its_rows_unit() {
        use super::{Measure, MeasureRole, Variant, figure_unit};
        use crate::rules::checks::common::figures;
        let measure = |money| Measure {
            role: MeasureRole::Realisasi,
            year: 2016,
            money,
            variant: Variant::Plain,
        };
        let figure = |t: &str| figures(t).into_iter().next().expect("a figure");
        // (money?, figure, header, row's unit) -> unit
        let cases = [
            (true, "1.500.000", "Realisasi", Some("orang"), Some("rp")),
            (false, "75,5%", "Realisasi", Some("orang"), Some("%")),
            (false, "12", "Realisasi (%)", Some("orang"), Some("%")),
            (false, "12", "Realisasi", Some("orang"), Some("orang")),
            (false, "12", "Realisasi", None, None),
        ];
        for (money, text, header, row_unit, want) in cases {
            let unit = figure_unit(measure(money), &figure(text), header, row_unit);
            assert_eq!(unit.as_deref(), want, "{text} under {header}");
        }
    }

    #[test]
    fn a_label_read_twice_or_a_program_is_not_its_kegiatan() {
        use super::{LIKE_ENOUGH, likeness};
        let kegiatan = "pengelolaan keuangan dan kekayaan daerah";
        assert!(
            likeness(
                "persentase sdm aparatur yang terlatih",
                "prosentase sdm aparatur yang terlatih"
            ) < 1.0
        );
        assert!(
            likeness(
                kegiatan,
                "pengelolaan keuangan dan kekayaan daerah pemerintah"
            ) >= LIKE_ENOUGH
        );
        assert!(likeness(kegiatan, &format!("{kegiatan} {kegiatan}")) < LIKE_ENOUGH);
        assert_eq!(likeness(kegiatan, &format!("program {kegiatan}")), 0.0);
    }

    /// A measurement table and a comparison table of the same indicators.
    fn report(realisasi_b: &str, header_b: &str, label_b: &str) -> String {
        format!(
            "Tabel 3.1 Pengukuran Kinerja\n\n\
             | No | Indikator Kinerja | Target 2016 | Realisasi 2016 | Capaian 2016 (%) |\n\
             |---|---|---|---|---|\n\
             | 1 | Persentase pelayanan pasien tepat waktu | 80 | 75,50 | 94,38 |\n\
             | 2 | Jumlah kerjasama dengan mitra kerja baru | 110 | 130 | 118,18 |\n\
             | 3 | Indeks kepuasan masyarakat rumah sakit | 80 | 82 | 102,50 |\n\n\
             Tabel 3.2 Perbandingan Realisasi\n\n\
             | No | Indikator Kinerja | Realisasi 2015 | {header_b} |\n\
             |---|---|---|---|\n\
             | 1 | Persentase pelayanan pasien tepat waktu | 70 | 75,50 |\n\
             | 2 | {label_b} | 120 | {realisasi_b} |\n\
             | 3 | Indeks kepuasan masyarakat rumah sakit | 81 | 82 |\n"
        )
    }

    #[test]
    fn a_realisasi_that_differs_between_two_tables_is_found() {
        let text = report(
            "103",
            "Realisasi 2016",
            "Jumlah kerjasama dengan mitra kerja baru",
        );
        let (found, coverage) = run_default(RULE, &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "103");
        assert_eq!(found[0].expected, "130");
        assert!(coverage.agree >= 1, "{coverage:?}");
    }

    #[test]
    fn a_table_set_twice_side_by_side_revises_nothing() {
        // Tabel 3.2 sets "No | Uraian | Target" twice side by side: two
        // target columns of one year, each for its own names, not the
        // targets before and after a revision, so the capaian that Tabel
        // 3.3 gives otherwise is still found.
        let text = "Tabel 3.1 Pengukuran Kinerja\n\n\
             | No | Indikator Kinerja | Target 2016 | Realisasi 2016 | Capaian 2016 (%) |\n\
             |---|---|---|---|---|\n\
             | 1 | Persentase pelayanan pasien tepat waktu | 80 | 75,50 | 94,38 |\n\
             | 2 | Jumlah kerjasama dengan mitra kerja baru | 110 | 130 | 118,18 |\n\
             | 3 | Indeks kepuasan masyarakat rumah sakit | 80 | 82 | 102,50 |\n\n\
             Tabel 3.2 Sasaran Tahun 2016\n\n\
             | No | Uraian | Target 2016 | No | Uraian | Target 2016 |\n\
             |---|---|---|---|---|---|\n\
             | 1 | Persentase pelayanan pasien tepat waktu | 80 | 1 | Jumlah kerjasama dengan mitra kerja baru | 110 |\n\n\
             Tabel 3.3 Capaian Kinerja\n\n\
             | No | Indikator Kinerja | Capaian 2016 (%) |\n\
             |---|---|---|\n\
             | 1 | Persentase pelayanan pasien tepat waktu | 94,38 |\n\
             | 2 | Jumlah kerjasama dengan mitra kerja baru | 181,18 |\n\
             | 3 | Indeks kepuasan masyarakat rumah sakit | 102,50 |\n";
        let (found, _) = run_default(RULE, text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "181,18");
    }

    #[test]
    fn another_year_is_not_the_same_quantity() {
        // Tabel 3.2's last column is 2017: nothing of 2016 to compare.
        let text = report(
            "103",
            "Realisasi 2017",
            "Jumlah kerjasama dengan mitra kerja baru",
        );
        assert!(findings(RULE, &text).is_empty());
    }

    #[test]
    fn an_indicator_with_a_similar_name_is_another_indicator() {
        let text = report(
            "103",
            "Realisasi 2016",
            "Jumlah kerjasama dengan mitra kerja lama",
        );
        assert!(findings(RULE, &text).is_empty());
    }

    /// Two performance tables of the same sasaran, the third indicator
    /// renamed in the second.
    fn renamed(unit_b: &str, target_b: &str, realisasi_b: &str) -> String {
        format!(
            "Tabel 3.1 Pengukuran Kinerja\n\n\
             | No | Indikator Kinerja | Satuan | Target 2016 | Realisasi 2016 | Capaian 2016 (%) |\n\
             |---|---|---|---|---|---|\n\
             | 1 | Jumlah dokumen akuntabilitas kinerja instansi | Dokumen | 6 | 6 | 100 |\n\
             | 2 | Jumlah dokumen sistem pengendalian intern | Dokumen | 3 | 3 | 100 |\n\
             | 3 | Persentase realisasi anggaran belanja kantor | Persentase | 100 | 99,39 | 99,39 |\n\
             | 4 | Nilai aset kantor yang berhasil diinventarisasi | Rupiah | 27.662.597.761 | 27.662.597.761 | 100 |\n\n\
             Tabel 3.7 Matriks Efisiensi\n\n\
             | No | Indikator Kinerja | Satuan | Target 2016 | Realisasi 2016 | Capaian 2016 (%) |\n\
             |---|---|---|---|---|---|\n\
             | 7 | Jumlah dokumen akuntabilitas kinerja instansi | Dokumen | 6 | 6 | 100 |\n\
             | 8 | Jumlah dokumen sistem pengendalian intern | Dokumen | 3 | 3 | 100 |\n\
             | 9 | Tingkat penyerapan anggaran satuan kerja | {unit_b} | {target_b} | {realisasi_b} | {realisasi_b} |\n\
             | 10 | Nilai aset kantor yang berhasil diinventarisasi | Rupiah | 27.662.597.761 | 27.662.597.761 | 100 |\n"
        )
    }

    #[test]
    fn a_renamed_indicator_between_its_neighbours_is_compared() {
        let found = findings(RULE, &renamed("Persentase", "100", "99,50"));
        assert!(!found.is_empty(), "{found:#?}");
        for f in &found {
            assert_eq!(f.stated, "99,50");
            assert_eq!(f.expected, "99,39");
        }
        assert!(findings(RULE, &renamed("Persentase", "100", "99,39")).is_empty());
    }

    #[test]
    fn a_row_in_another_unit_or_with_another_target_in_its_place_is_another_indicator() {
        assert!(findings(RULE, &renamed("Laporan", "100", "99,50")).is_empty());
        assert!(findings(RULE, &renamed("Persentase", "90", "99,50")).is_empty());
    }

    #[test]
    fn a_figure_rounded_to_fewer_decimals_agrees() {
        let text = report(
            "130",
            "Realisasi 2016",
            "Jumlah kerjasama dengan mitra kerja baru",
        )
        .replace(
            "| 1 | Persentase pelayanan pasien tepat waktu | 70 | 75,50 |",
            "| 1 | Persentase pelayanan pasien tepat waktu | 70 | 75,5 |",
        );
        assert!(findings(RULE, &text).is_empty());
    }
    /// Two-digit counts beside their sasaran: an indicator row led by
    /// "Jumlah" is no total, and "60" is a value, not a column number.
    fn small_counts(realisasi_udara: &str, realisasi_kampung: &str) -> String {
        format!(
            "Tabel 3.1 Pengukuran Kinerja\n\n\
             | Sasaran | Indikator | Target 2016 | Realisasi 2016 | Capaian 2016 |\n\
             |---|---|---|---|---|\n\
             | Meningkatnya kualitas udara | Indeks kualitas udara perkotaan | 60 | 66,24 | 110,40 |\n\
             | Meningkatnya aksi perubahan iklim | Jumlah lokasi program kampung iklim | 61 | 61 | 100 |\n\
             |  | Persentase penurunan emisi gas rumah kaca | 5 | 11,45 | 229,00 |\n\n\
             Tabel 3.3 Realisasi Terhadap Target RPJMD\n\n\
             | No | Indikator | Realisasi 2015 | Realisasi 2016 |\n\
             |---|---|---|---|\n\
             | 1. | Indeks kualitas udara perkotaan | 58 | {realisasi_udara} |\n\
             | 2. | Jumlah lokasi program kampung iklim | 23 | {realisasi_kampung} |\n\
             | 3. | Persentase penurunan emisi gas rumah kaca | 3,19 | 11,45 |\n"
        )
    }

    #[test]
    fn a_small_count_restated_differently_is_found() {
        let found = findings(RULE, &small_counts("60", "61"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            (found[0].stated.as_str(), found[0].expected.as_str()),
            ("60", "66,24")
        );
        let found = findings(RULE, &small_counts("66,24", "16"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            (found[0].stated.as_str(), found[0].expected.as_str()),
            ("16", "61")
        );
    }

    #[test]
    fn small_counts_that_agree_are_not_flagged() {
        assert!(findings(RULE, &small_counts("66,24", "61")).is_empty());
    }

    /// One indicator in a measurement table and in a comparison table of
    /// past years, where it is the only row the two share.
    fn one_row(realisasi_b: &str, target_b: &str) -> String {
        format!(
            "LAPORAN KINERJA TAHUN 2015\n\n\
             Tabel 3.1 Pengukuran Kinerja Tahun 2015\n\n\
             | Indikator Kinerja | Satuan | Target | Realisasi | Capaian |\n\
             |---|---|---|---|---|\n\
             | 3.10.4 RTH persatuan wilayah perkotaan (rata-rata) | % | 0.820 | 0.162 | 19.76 % |\n\
             | 3.10.6 Tempat pembuangan sampah persatuan penduduk | % | 18 | 25 | 61% |\n\n\
             Tabel 3.2 Hasil Beberapa Tahun\n\n\
             | Indikator Kinerja | Hasil Th 2014 | Hasil Th 2015 | Target Th 2015 | Hasil sd 2015 |\n\
             |---|---|---|---|---|\n\
             | RTH Persatuan Wilayah Perkotaan | 0.094% | {realisasi_b} | {target_b} | 48.71 % |\n\
             | Tempat pembuangan sampah TPST per satuan penduduk | 20 % | 61% | 18% | 110.95 % |\n"
        )
    }

    #[test]
    fn transposed_digits_of_the_only_shared_row_are_found() {
        let found = findings(RULE, &one_row("0.612%", "0.820%"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            (found[0].stated.as_str(), found[0].expected.as_str()),
            ("0.612%", "0.162")
        );
    }

    #[test]
    fn a_lone_difference_that_is_no_transposition_or_whose_target_differs_is_not_found() {
        // Another value altogether: perhaps another measure.
        assert!(findings(RULE, &one_row("0.512%", "0.820%")).is_empty());
        // Transposed, but the target of the year differs as well.
        assert!(findings(RULE, &one_row("0.612%", "0.900%")).is_empty());
    }

    /// A row led by "Jumlah" the structure takes for a total.
    fn counted(capaian_b: &str) -> String {
        format!(
            "LAPORAN KINERJA TAHUN 2016\n\n\
             Tabel 6 Pengukuran Capaian Indikator Kinerja Tahun 2016\n\n\
             | No | Indikator Kinerja | Satuan | Target | Realisasi | % |\n\
             |---|---|---|---|---|---|\n\
             | 3.1 | Jumlah pelaku usaha yang bisa mengakses pasar regional dan nasional | Unit | 5 | 15 | 300 |\n\
             | 3.2 | Jumlah sarana pemasaran peternakan di kab/kota yang memenuhi standar minimal dan SOP | Buah | 5 | 5 | 100 |\n\
             | 4.1 | Jumlah kelompok yang meningkatkan usahanya | Kelompok | 30 | 30 | 100,00 |\n\n\
             Tabel 14 Efisiensi Penggunaan Sumber Daya\n\n\
             | No | Indikator Kinerja | % Capaian Kinerja | % Penyerapan Anggaran |\n\
             |---|---|---|---|\n\
             | 1 | Jumlah pelaku usaha yang mengakses pasar regional dan nasional | 300 | 100,00 |\n\
             | 2 | Jumlah sarana pemasaran peternakan di Kab/Kota yang mematuhi standar minimal dan SOP | {capaian_b} | 93,52 |\n\
             | 3 | Jumlah kelompok yang meningkatkan usahanya | 100 | 95,08 |\n"
        )
    }

    #[test]
    fn an_indicator_counting_something_is_compared_even_if_taken_for_a_total() {
        let found = findings(RULE, &counted("200"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            (found[0].stated.as_str(), found[0].expected.as_str()),
            ("200", "100")
        );
        assert!(findings(RULE, &counted("100")).is_empty());
    }

    #[test]
    fn a_row_averaging_the_rows_above_is_no_indicator() {
        // upbu 2024: Tabel 3.2 gives each year's capaian against the PK's
        // targets, Tabel 3.3 against the Renstra's; their average rows
        // differ, as their rows do, and name no indicator.
        let report = |label: &str| {
            format!(
                "LAPORAN KINERJA TAHUN 2024\n\n\
                 Tabel 3.2 Perbandingan Target dan Realisasi Kinerja Tahun 2024\n\n\
                 | No | Indikator Kinerja | Satuan | Target 2024 | Realisasi 2024 | % |\n\
                 |---|---|---|---|---|---|\n\
                 | 1 | Jumlah Penumpang yang dilayani | Orang | 11235 | 11235 | 100 |\n\
                 | 2 | Jumlah Kargo Yang dilayani | Kg | 200 | 200 | 100 |\n\
                 | | {label} | | | 134,37 | |\n\n\
                 Tabel 3.4 Realisasi Kinerja Tahun 2024\n\n\
                 | No | Indikator Kinerja | Satuan | Realisasi 2024 |\n\
                 |---|---|---|---|\n\
                 | 1 | Jumlah Penumpang yang dilayani | Orang | 11235 |\n\
                 | 2 | Jumlah Kargo Yang dilayani | Kg | 200 |\n\
                 | | {label} | | 130,83 |\n"
            )
        };
        for label in [
            "Rata-rata Capaian Sasaran",
            "CAPAIAN RATA-RATA KINERJA KANTOR UPBU KELAS III TARDMAU SABU",
        ] {
            assert!(findings(RULE, &report(label)).is_empty(), "{label}");
        }
        // An indicator measured as an average is one.
        let found = findings(RULE, &report("Rata-rata lama hari rawat pasien"));
        assert_eq!(found.len(), 1, "{found:#?}");
    }

    #[test]
    fn transposition_needs_three_digits() {
        use super::transposed;
        use crate::facts::figures::{Hint, parse_figure};
        let f = |t: &str| parse_figure(t, Hint::None).expect("a figure");
        assert!(transposed(&f("0.162"), &f("0.612%")));
        assert!(transposed(&f("87,41"), &f("87,14")));
        assert!(!transposed(&f("12"), &f("21")));
        assert!(!transposed(&f("0.162"), &f("0.162")));
        assert!(!transposed(&f("0.162"), &f("0.163")));
        // The same digits, but not two neighbours swapped.
        assert!(!transposed(&f("70,91"), &f("90,17")));
    }

    /// An efficiency table's "% Penyerapan Anggaran" and a budget table's
    /// "% Penggunaan" of the same indicators: one share of a budget.
    fn absorptions(unit: &str, revised_target: bool) -> String {
        let pk = if revised_target {
            "Tabel 3 Perjanjian Kinerja Revisi\n\n| No | Indikator Kinerja | Target 2016 |\n|---|---|---|\n| 1 | Jumlah unit pelayanan publik terbaik sesuai kriteria | 14 |\n\n"
        } else {
            ""
        };
        format!(
            "LAPORAN KINERJA TAHUN 2016\n\n{pk}Tabel 11 Analisis Efisiensi Penggunaan Sumber Daya\n\n\
             | No | Indikator Kinerja | % Capaian Kinerja | % Penyerapan Anggaran | Tingkat Efisiensi |\n\
             |---|---|---|---|---|\n\
             | 1 | Jumlah rekomendasi yang ditindaklanjuti menjadi kebijakan | 200 | 80,40 | 119,60 |\n\
             | 2 | Persentase OPD yang sesuai dengan SOTK Provinsi | 100 | 77,34 | 22,67 |\n\
             | 3 | Jumlah unit pelayanan publik terbaik sesuai kriteria | 128,57 | {unit} | 43,69 |\n\
             | 4 | Jumlah regulasi standarisasi kerja organisasi | 130,77 | 86,32 | 44,45 |\n\n\
             Tabel 14 Realisasi Kinerja dan Anggaran\n\n\
             | No | Indikator Kinerja | Anggaran | Realisasi | % Penggunaan |\n\
             |---|---|---|---|---|\n\
             | 1 | Jumlah rekomendasi yang ditindaklanjuti menjadi kebijakan | 1.500.810.000 | 1.206.731.415 | 80,41 |\n\
             | 2 | Persentase OPD yang sesuai dengan SOTK Provinsi | 424.000.000 | 327.905.779 | 77,34 |\n\
             | 3 | Jumlah unit pelayanan publik terbaik sesuai kriteria | 210.000.000 | 198.903.000 | 94,72 |\n\
             | 4 | Jumlah regulasi standarisasi kerja organisasi | 976.508.700 | 842.950.150 | 86,32 |\n"
        )
    }

    #[test]
    fn an_absorption_differing_from_the_budget_tables_own_ratio_is_found() {
        // The budget table's 94,72 is its own 198.903.000 / 210.000.000: the
        // efficiency table's figure is the one found, though it comes first.
        for revised in [false, true] {
            let found = findings(RULE, &absorptions("84,88", revised));
            assert_eq!(found.len(), 1, "{found:#?}");
            assert_eq!(
                (found[0].stated.as_str(), found[0].expected.as_str()),
                ("84,88", "94,72")
            );
        }
        // 80,40 (truncated) and 80,41 (rounded) are both 80,4054…%.
        assert!(findings(RULE, &absorptions("94,72", false)).is_empty());
        assert!(findings(RULE, &absorptions("94,71", false)).is_empty());
    }

    #[test]
    fn a_stated_share_of_the_total_budget_is_held_against_its_table() {
        let table = "LAPORAN KINERJA TAHUN 2016\n\nTabel 14 Realisasi Kinerja dan Anggaran\n\n| No | Indikator Kinerja | Anggaran | Realisasi | % Penggunaan |\n|---|---|---|---|---|\n| 1 | Jumlah rekomendasi yang ditindaklanjuti | 1.500.810.000 | 1.206.731.415 | 80,41 |\n| 2 | Prosentase OPD yang sesuai dengan SOTK | 3.617.568.700 | 3.266.989.860 | 90,31 |\n|  | Jumlah | 5.118.378.700 | 4.473.721.275 | 87,41 |\n\n";
        let said = |p: &str| {
            format!(
                "{table}Selanjutnya, realisasi anggaran pada Biro Organisasi Tahun 2016 sebesar {p} dari total anggaran Rp.5.118.378.700,00.\n"
            )
        };
        let found = findings("stated-absorption", &said("87,14%"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            (found[0].stated.as_str(), found[0].expected.as_str()),
            ("87,14%", "87,41%")
        );
        assert!(findings("stated-absorption", &said("87,41%")).is_empty());
        assert!(findings("stated-absorption", &said("87,4%")).is_empty());
        // Another budget than the table's total: nothing to hold it against.
        let other = said("87,14%").replace("Rp.5.118.378.700", "Rp.5.118.000.000");
        assert!(findings("stated-absorption", &other).is_empty());
    }
}
