//! Arithmetic in tables and budget lists: totals, ratios, capaian formula,
//! parts that must add up, shares of a total.

use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::facts::figures::{Figure, FigureKind, Hint, NumberStyle, parse_figure};
use crate::findings::Localized;
use crate::structure::roles::{Role, TableKind};
use crate::structure::{Row, Table};

use super::common::{
    Chapters, Context, Pattern, agrees, agrees_range, amount, cell_number, difference, half_unit,
    is_column_numbering, like, pct, shown, sum, sum_agrees, sum_text,
};
use super::narrative::spread;
use super::{Check, Draft, Sink, Why};

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
    /// Columns whose values add up, by header label, besides the money
    /// columns (anggaran, realisasi in rupiah) the header roles establish.
    columns: Pattern,
    /// The label of a total row, once its numbering is removed: the whole
    /// label ("JUMLAH", "Total", "Sub Total"), not a row that starts with the
    /// word ("Jumlah kasus …" is an indicator).
    #[serde(default = "total_label")]
    total_label: Pattern,
    /// Columns of measured quantities (tonnes, kilograms, litres) by header
    /// label: each value is rounded to its shown digits, so a total may
    /// differ from its rows' sum by half a unit per row and a half for
    /// itself. Rupiah and counts add up exactly.
    #[serde(default)]
    rounded: Option<Pattern>,
}

fn total_label() -> Pattern {
    Pattern::lazy(
        r"(?i)^\s*(total\s+belanja\s+(tidak\s+)?langsung|(grand\s+)?(sub\s*-?\s*)?(jumlah|total)(\s+(total|keseluruhan|seluruhnya|akhir|umum|semua|belanja))?(\s+[IVX]{1,4}(\s*\+\s*(jumlah|total)\s+[IVX]{1,4})*)?)\s*:?\s*$",
    )
}

/// TOTAL/JUMLAH rows equal the sum of the rows they close, read with the
/// table's hierarchy (group and program rows over their items, numbered
/// 1 / 1.1 / 1.1.1, or a row equal to the rows right below it); a row numbered
/// above others (2.2 over 2.2.1, 2.2.2) equals the sum of its items.
#[derive(Debug)]
pub struct ColumnSum {
    p: ColumnSumParams,
}

impl ColumnSum {
    pub fn new(p: ColumnSumParams) -> Result<Self, String> {
        Ok(ColumnSum { p })
    }
}

const SUM_NO_TOTAL_ROWS: Why = Why {
    en: "no row labelled as a total (JUMLAH, TOTAL) and no numbered hierarchy",
    id: "tidak ada baris berlabel jumlah/total maupun hierarki bernomor",
};
const SUM_UNREADABLE: Why = Why {
    en: "a cell of the summed rows could not be read as one amount",
    id: "ada sel pada baris yang dijumlah yang tidak terbaca sebagai satu angka",
};
const SUM_TOO_FEW: Why = Why {
    en: "fewer than two rows to add up",
    id: "kurang dari dua baris untuk dijumlahkan",
};
const SUM_NUMBERING_GAP: Why = Why {
    en: "the items' numbering skips a number: a row may have lost its number",
    id: "penomoran rincian melompati satu nomor: ada baris yang mungkin kehilangan nomornya",
};
const SUM_FIRST_ITEMS_ELSEWHERE: Why = Why {
    en: "the table's items are numbered from past 1: its first rows, which its total covers, are not in it",
    id: "nomor rincian tabel tidak dimulai dari 1: baris-baris awalnya, yang termasuk dalam jumlahnya, tidak ada di tabel ini",
};
const SUM_AMBIGUOUS: Why = Why {
    en: "the difference equals one of the rows: whether the total includes it is not known",
    id: "selisihnya sama dengan salah satu baris: tidak diketahui apakah baris itu termasuk",
};

impl Check for ColumnSum {
    fn table(&self, table: &Table, ctx: &Context<'_, '_>, out: &mut Sink) {
        let columns = summed_columns(table, &self.p.columns);
        if columns.is_empty() {
            return;
        }
        let layout = RowLayout::of(table, &self.p.total_label);
        let read: Vec<(usize, ColumnCells)> = columns
            .iter()
            .map(|&c| {
                let mut cells = ColumnCells::read(table, c, &layout);
                cells.rounded = self
                    .p
                    .rounded
                    .as_ref()
                    .is_some_and(|p| p.is_match(&table.columns[c]));
                (c, cells)
            })
            .collect();
        if !layout.nested() {
            check_programs(ctx, table, &read, &layout, out);
        }
        if layout.totals.is_empty() && !layout.nested() {
            out.skip(SUM_NO_TOTAL_ROWS);
            return;
        }
        // Items numbered from 10 on: the rows before them are on pages not read
        // with this table, and its total covers them too.
        let cut = layout.first_number().is_some_and(|n| n > 1);
        for (col, cells) in &read {
            check_parents(ctx, table, *col, &layout, cells, out);
            if cut && !layout.totals.is_empty() {
                out.skip(SUM_FIRST_ITEMS_ELSEWHERE);
            } else {
                check_totals(ctx, table, *col, &layout, cells, out);
            }
        }
    }
}

/// A running-total (kumulatif) column header, as spelt: it does not add up
/// down its column.
pub const RUNNING_TOTAL: &str = r"[kc]o?mulatif|kumulatif";

/// Columns to add up: money (by the header roles or the values) or named by
/// the rule, never a percentage, capaian or numbering column.
fn summed_columns(table: &Table, named: &Pattern) -> Vec<usize> {
    // Percentages, averages and running totals do not add up down a column.
    static PERCENT: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::compile(&format!(
            r"(?i)%|persen|prosentase|presentase|capaian|rata|{RUNNING_TOTAL}"
        ))
        .expect("valid regex")
    });
    (0..table.columns.len())
        .filter(|&c| {
            let role = table.roles.get(c);
            let label = &table.columns[c];
            if PERCENT.is_match(label) {
                return false;
            }
            if role.is_some_and(|r| {
                matches!(
                    r.role,
                    Role::Capaian | Role::Number | Role::Unit | Role::Label | Role::Predicate
                )
            }) {
                return false;
            }
            let by_role = role.is_some_and(|r| {
                (r.money && matches!(r.role, Role::Anggaran | Role::Realisasi | Role::Target))
                    || (table.kind == TableKind::Budget
                        && matches!(r.role, Role::Anggaran | Role::Realisasi | Role::Target))
            });
            (by_role || named.is_match(label)) && mostly_amounts(table, c)
        })
        .collect()
}

/// Most filled cells of the column are amounts of money (not percentages,
/// not small counts).
fn mostly_amounts(table: &Table, col: usize) -> bool {
    let mut amounts = 0;
    let mut others = 0;
    for row in &table.rows {
        match row.figure(col) {
            Some(f) if amount_figure(f) && f.value.abs() >= Decimal::from(1000) => amounts += 1,
            Some(_) => others += 1,
            None => {}
        }
    }
    amounts >= 2 && amounts > others
}

/// Where a row stands in the table: its numbering depth and whether it closes
/// the rows above as a total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Standing {
    /// A total row (by its label).
    Total,
    /// Numbered: Roman numerals are depth 0, "1" depth 1, "2.2" depth 2 …
    Numbered(usize),
    /// Neither (kegiatan under a program, continuation rows).
    Plain,
}

/// The rows of a table as the sums see them.
struct RowLayout {
    standing: Vec<Standing>,
    /// The number each numbered row carries at its depth.
    ordinal: Vec<Option<u32>>,
    /// Indexes of total rows, in order.
    totals: Vec<usize>,
    /// Rows that only number the columns ("(1) | (2) …").
    numbering: Vec<bool>,
}

impl RowLayout {
    fn of(table: &Table, total: &Pattern) -> RowLayout {
        let number_col = table.roles.iter().position(|r| r.role == Role::Number);
        let (standing, ordinal): (Vec<Standing>, Vec<Option<u32>>) = table
            .rows
            .iter()
            .map(|row| standing_of(row, number_col, total))
            .unzip();
        let totals = standing
            .iter()
            .enumerate()
            .filter(|(_, s)| **s == Standing::Total)
            .map(|(i, _)| i)
            .collect();
        let numbering = table
            .rows
            .iter()
            .map(|r| {
                let cells: Vec<&str> = r.cells.iter().map(|c| c.text.as_str()).collect();
                is_column_numbering(&cells)
            })
            .collect();
        RowLayout {
            standing,
            ordinal,
            totals,
            numbering,
        }
    }

    /// Numbered rows at two depths or more: an explicit hierarchy.
    fn nested(&self) -> bool {
        let depths: std::collections::BTreeSet<usize> = self
            .standing
            .iter()
            .filter_map(|s| match s {
                Standing::Numbered(d) => Some(*d),
                _ => None,
            })
            .collect();
        depths.len() >= 2
    }

    /// The number of the first numbered row, when it is at the shallowest
    /// numbered depth (a first row "1 1.1" deeper than a later "2" is not).
    fn first_number(&self) -> Option<u32> {
        let top = (0..self.standing.len())
            .filter_map(|r| self.depth(r))
            .min()?;
        let first = (0..self.standing.len()).find(|&r| self.depth(r).is_some())?;
        if self.depth(first) != Some(top) {
            return None;
        }
        self.ordinal.get(first).copied().flatten()
    }

    fn depth(&self, row: usize) -> Option<usize> {
        match self.standing.get(row) {
            Some(Standing::Numbered(d)) => Some(*d),
            _ => None,
        }
    }
}

static ROMAN: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"^(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV)\.?$")
        .expect("valid regex")
});
static DOTTED: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?$").expect("valid regex")
});
static LEADING_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"^\s*(\d{1,2}(?:\.\d{1,2})+)\.?\s+\S").expect("valid regex")
});

/// Where a row stands, and the number it carries at its depth ("III" → 3,
/// "2.2.3" → 3) when it is numbered.
fn standing_of(row: &Row, number_col: Option<usize>, total: &Pattern) -> (Standing, Option<u32>) {
    if total.is_match(&total_words(row)) {
        return (Standing::Total, None);
    }
    let marker = number_col
        .and_then(|c| row.cell(c))
        .map(|c| c.text.trim())
        .filter(|t| !t.is_empty())
        .and_then(|t| t.split_whitespace().last());
    if let Some(m) = marker {
        if ROMAN.is_match(m) {
            return (Standing::Numbered(0), roman_value(m.trim_end_matches('.')));
        }
        if let Some(c) = DOTTED.captures(m) {
            return dotted(&c[1]);
        }
    }
    // "2.2.1 Belanja Pegawai" in the label cell.
    let lead = row
        .cells
        .iter()
        .map(|c| c.text.as_str())
        .find(|t| !t.trim().is_empty())
        .unwrap_or("");
    if let Some(c) = LEADING_NUMBER.captures(lead) {
        return dotted(&c[1]);
    }
    (Standing::Plain, None)
}

/// The words a total row is named by: its text cells before its first
/// figure (a note after the amounts, "APBD", is not its name), without
/// numbering nor a currency mark standing in its own cell ("JUMLAH | Rp. |
/// 162.286.927.500,00"), letter-spaced words closed up ("J U M L A H").
fn total_words(row: &Row) -> String {
    static CURRENCY: LazyLock<Regex> =
        LazyLock::new(|| crate::pattern::compile(r"(?i)^rp\.?$").expect("valid regex"));
    static SPACED: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::compile(r"(?i)\b(j\s+u\s+m\s+l\s+a\s+h|t\s+o\s+t\s+a\s+l)\b")
            .expect("valid regex")
    });
    // A row number ("10") is a figure too: the name ends at the first amount.
    let words: Vec<&str> = row
        .cells
        .iter()
        .take_while(|c| c.figure.as_ref().is_none_or(Figure::is_bare_small))
        .filter(|c| c.figure.is_none())
        .map(|c| c.text.trim())
        .filter(|t| {
            !t.is_empty() && !DOTTED.is_match(t) && !ROMAN.is_match(t) && !CURRENCY.is_match(t)
        })
        .collect();
    let joined = words.join(" ");
    SPACED
        .replace_all(&joined, |c: &regex::Captures<'_>| {
            c[1].split_whitespace().collect::<String>()
        })
        .into_owned()
}

/// "2.2.3": depth 3, number 3.
fn dotted(number: &str) -> (Standing, Option<u32>) {
    let parts: Vec<&str> = number.split('.').collect();
    let last = parts.last().and_then(|p| p.parse().ok());
    (Standing::Numbered(parts.len()), last)
}

fn roman_value(numeral: &str) -> Option<u32> {
    const NUMERALS: [&str; 15] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
        "XV",
    ];
    NUMERALS
        .iter()
        .position(|n| *n == numeral)
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// The values of one column, row by row: a figure, nothing, or a cell that
/// holds text with digits that is not one amount.
#[derive(Debug, Clone)]
enum Value {
    Amount(Figure),
    Empty,
    Unreadable,
}

struct ColumnCells {
    values: Vec<Value>,
    /// Each value is rounded to its shown digits (a measured quantity).
    rounded: bool,
}

impl ColumnCells {
    fn read(table: &Table, col: usize, layout: &RowLayout) -> ColumnCells {
        let values = table
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                if layout.numbering[i] {
                    return Value::Empty;
                }
                let Some(cell) = row.cell(col) else {
                    return Value::Empty;
                };
                let text = cell.text.trim();
                if text.is_empty() || text.chars().all(|c| matches!(c, '-' | '–' | '—' | '.')) {
                    return Value::Empty;
                }
                match cell.figure.clone().or_else(|| loose_amount(text)) {
                    Some(f) if amount_figure(&f) => {
                        // A bare one- to three-digit number among amounts: a
                        // page number or a note mark, not a value.
                        if f.value.abs() < Decimal::from(1000) && !f.text.contains(['.', ',']) {
                            Value::Empty
                        } else {
                            Value::Amount(f)
                        }
                    }
                    Some(_) => Value::Unreadable,
                    None if text.chars().any(|c| c.is_ascii_digit()) => Value::Unreadable,
                    None => Value::Empty,
                }
            })
            .collect();
        ColumnCells {
            values,
            rounded: false,
        }
    }

    /// Whether `stated` is the sum of `items` (exactly `computed`): by
    /// `sum_agrees`, or, in a column of rounded quantities, within half the
    /// last shown unit of each.
    fn sum_agrees(
        &self,
        stated: &Figure,
        items: &[&Figure],
        computed: Decimal,
        extra: Decimal,
    ) -> bool {
        if sum_agrees(stated, items, computed, extra) {
            return true;
        }
        let slack = spread(stated) + items.iter().map(|f| spread(f)).sum::<Decimal>();
        self.rounded && (stated.value - computed).abs() <= slack + extra
    }

    fn amount(&self, row: usize) -> Option<&Figure> {
        match self.values.get(row) {
            Some(Value::Amount(f)) => Some(f),
            _ => None,
        }
    }
}

/// "1,011.080.000", "1403.419.201": an amount whose separators are mixed or
/// missing once, read by its digit groups; "19.954.920.000, -" with its dash
/// wrapped below the comma.
fn loose_amount(text: &str) -> Option<Figure> {
    static LOOSE: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::compile(r"^(?:Rp\.?\s*)?(\d{1,4}(?:[.,]\d{3}){2,})(?:,\s*-|,00|\.00)?$")
            .expect("valid regex")
    });
    let c = LOOSE.captures(text)?;
    let digits: String = c[1].chars().filter(char::is_ascii_digit).collect();
    let value: Decimal = digits.parse().ok()?;
    let mut f = parse_figure(&crate::facts::format::format_id(value, 0), Hint::None)?;
    f.text = text.to_string();
    Some(f)
}

/// One reading of what a total adds up: the rows it takes.
#[derive(Debug, Clone)]
struct Reading {
    rows: Vec<usize>,
}

impl Reading {
    fn total(&self, cells: &ColumnCells) -> Decimal {
        self.rows
            .iter()
            .filter_map(|&r| cells.amount(r))
            .map(|f| f.value)
            .sum::<Decimal>()
    }

    fn figures<'a>(&self, cells: &'a ColumnCells) -> Vec<&'a Figure> {
        self.rows.iter().filter_map(|&r| cells.amount(r)).collect()
    }

    fn values(&self, cells: &ColumnCells) -> Vec<Decimal> {
        self.rows
            .iter()
            .filter_map(|&r| cells.amount(r))
            .map(|f| f.value)
            .collect()
    }
}

/// The items of a numbered row: the rows below it, up to the next row at its
/// depth or above (numbered rows deeper than it, and plain rows).
fn items_of(layout: &RowLayout, parent: usize, end: usize) -> Vec<usize> {
    let Some(depth) = layout.depth(parent) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for r in parent + 1..end {
        match layout.standing[r] {
            Standing::Total => break,
            Standing::Numbered(d) if d <= depth => break,
            _ => out.push(r),
        }
    }
    out
}

/// The value a numbered row stands for: its own, or the sum of its direct
/// items when it shows none (with the rows that make it).
fn node_value(
    layout: &RowLayout,
    cells: &ColumnCells,
    row: usize,
    end: usize,
    budget: &mut usize,
) -> Option<Decimal> {
    if let Some(f) = cells.amount(row) {
        return Some(f.value);
    }
    if *budget == 0 {
        return None;
    }
    *budget -= 1;
    let children = direct_items(layout, row, end);
    let mut sum = Decimal::ZERO;
    let mut any = false;
    for c in children {
        if let Some(v) = node_value(layout, cells, c, end, budget) {
            sum += v;
            any = true;
        }
    }
    any.then_some(sum)
}

/// The items right below a numbered row: numbered rows one level deeper (or
/// the next depth present) and the plain rows not under one of those.
fn direct_items(layout: &RowLayout, parent: usize, end: usize) -> Vec<usize> {
    let items = items_of(layout, parent, end);
    let child_depth = items.iter().filter_map(|&r| layout.depth(r)).min();
    let mut out = Vec::new();
    let mut under_numbered = false;
    for r in items {
        match layout.depth(r) {
            Some(d) if Some(d) == child_depth => {
                out.push(r);
                under_numbered = true;
            }
            Some(_) => {}
            None if !under_numbered => out.push(r),
            None => {}
        }
    }
    out
}

/// Whether the numbered items skip a number (1, 3, 4): the row numbered 2
/// lost its number (a scan, a merged cell) and reads as a line of item 1.
/// `items` come from [`direct_items`], whose numbered rows are all of one depth.
fn numbering_gap(layout: &RowLayout, items: &[usize]) -> bool {
    let numbers: Vec<Option<u32>> = items
        .iter()
        .filter(|&&r| layout.depth(r).is_some())
        .map(|&r| layout.ordinal[r])
        .collect();
    numbers
        .windows(2)
        .any(|w| matches!(w, [Some(a), Some(b)] if *b != a + 1))
}

/// Numbered rows over numbered items (2.2 over 2.2.1, 2.2.2, 2.2.3) equal
/// the sum of those items.
fn check_parents(
    ctx: &Context<'_, '_>,
    table: &Table,
    col: usize,
    layout: &RowLayout,
    cells: &ColumnCells,
    out: &mut Sink,
) {
    if !layout.nested() {
        return;
    }
    let end = table.rows.len();
    for parent in 0..end {
        let Some(stated) = cells.amount(parent) else {
            continue;
        };
        let items = direct_items(layout, parent, end);
        // Only numbered items make the hierarchy explicit.
        if items.iter().all(|&r| layout.depth(r).is_none()) {
            continue;
        }
        if numbering_gap(layout, &items) {
            out.skip(SUM_NUMBERING_GAP);
            continue;
        }
        if items
            .iter()
            .any(|&r| matches!(cells.values[r], Value::Unreadable))
        {
            out.skip(SUM_UNREADABLE);
            continue;
        }
        let mut budget = 10_000;
        let mut values = Vec::new();
        let mut figures = Vec::new();
        for &r in &items {
            if let Some(f) = cells.amount(r) {
                figures.push(f);
            }
            if let Some(v) = node_value(layout, cells, r, end, &mut budget) {
                values.push(v);
            }
        }
        if values.len() < 2 {
            continue;
        }
        let computed = sum(&values);
        if cells.sum_agrees(stated, &figures, computed, ctx.tolerance) {
            out.agree();
            continue;
        }
        if values.iter().any(|v| *v == stated.value - computed) {
            out.skip(SUM_AMBIGUOUS);
            continue;
        }
        let mismatch = SumMismatch {
            table,
            row: &table.rows[parent],
            column: &table.columns[col],
            values: &values,
            computed,
        };
        out.push(mismatch.on_figure(ctx, stated, items.iter().map(|&r| &table.rows[r])));
    }
}

/// Each total row against the ways the rows above it can add up: the top
/// rows of the numbering, the rows left once rows equal to the rows right
/// below them are taken as their sums, all rows, or the totals before it.
fn check_totals(
    ctx: &Context<'_, '_>,
    table: &Table,
    col: usize,
    layout: &RowLayout,
    cells: &ColumnCells,
    out: &mut Sink,
) {
    let mut segment_start = 0;
    let mut earlier_totals: Vec<usize> = Vec::new();
    for &total in &layout.totals {
        let segment: Vec<usize> = (segment_start..total)
            .filter(|&r| layout.standing[r] != Standing::Total)
            .collect();
        segment_start = total + 1;
        let Some(stated) = cells.amount(total) else {
            earlier_totals.push(total);
            continue;
        };
        let stated = stated.clone();
        if segment
            .iter()
            .any(|&r| matches!(cells.values[r], Value::Unreadable))
        {
            out.skip(SUM_UNREADABLE);
            earlier_totals.push(total);
            continue;
        }
        let readings = readings(layout, cells, &segment, &earlier_totals, total);
        earlier_totals.push(total);
        let Some(main) = readings.first() else {
            out.skip(SUM_TOO_FEW);
            continue;
        };
        if main.rows.len() < 2 && !layout.nested() {
            // One row and its total: agreeing is trivial, differing is a misreading;
            // unless that row was found to be the sum of the rows below it
            // (PENDAPATAN over its one kind over its items a., b.): the total
            // equal to it is then verified.
            let chained = main.rows.len() == 1 && segment_amounts(cells, &segment) >= 3;
            if chained
                && cells.sum_agrees(
                    &stated,
                    &main.figures(cells),
                    main.total(cells),
                    ctx.tolerance,
                )
            {
                out.agree();
            } else {
                out.skip(SUM_TOO_FEW);
            }
            continue;
        }
        if readings
            .iter()
            .any(|r| cells.sum_agrees(&stated, &r.figures(cells), r.total(cells), ctx.tolerance))
        {
            out.agree();
            continue;
        }
        let computed = main.total(cells);
        let difference = stated.value - computed;
        let values = main.values(cells);
        if segment
            .iter()
            .filter_map(|&r| cells.amount(r))
            .any(|f| f.value == difference.abs())
        {
            out.skip(SUM_AMBIGUOUS);
            continue;
        }
        let mismatch = SumMismatch {
            table,
            row: &table.rows[total],
            column: &table.columns[col],
            values: &values,
            computed,
        };
        out.push(mismatch.on_figure(ctx, &stated, main.rows.iter().map(|&r| &table.rows[r])));
    }
}

fn segment_amounts(cells: &ColumnCells, segment: &[usize]) -> usize {
    segment
        .iter()
        .filter(|&&r| cells.amount(r).is_some())
        .count()
}

/// The readings of a total, the one to report first: by the numbering when
/// the table has one, else with rows equal to the rows below taken as sums.
fn readings(
    layout: &RowLayout,
    cells: &ColumnCells,
    segment: &[usize],
    earlier_totals: &[usize],
    total: usize,
) -> Vec<Reading> {
    let with_values: Vec<usize> = segment
        .iter()
        .copied()
        .filter(|&r| cells.amount(r).is_some())
        .collect();
    let mut out = Vec::new();
    if layout.nested()
        && let Some(top) = numbered_top(layout, cells, segment, total)
    {
        out.push(top);
    }
    let absorbed = Reading {
        rows: absorb(cells, &with_values),
    };
    if !with_values.is_empty() {
        out.push(absorbed.clone());
        out.push(Reading {
            rows: with_values.clone(),
        });
    }
    // A running total: the last row already holds the sum.
    let running: Vec<Decimal> = with_values
        .iter()
        .filter_map(|&r| cells.amount(r))
        .map(|f| f.value)
        .collect();
    if running.len() >= 3
        && running.windows(2).all(|w| w[0] <= w[1])
        && let Some(&last) = with_values.last()
    {
        out.push(Reading { rows: vec![last] });
    }
    // A grand total after sub-totals: the sub-totals (and rows since the last).
    let subtotals: Vec<usize> = earlier_totals
        .iter()
        .copied()
        .filter(|&r| cells.amount(r).is_some())
        .collect();
    if !subtotals.is_empty() {
        let mut rows = subtotals;
        rows.extend(absorbed.rows.iter().copied());
        out.push(Reading { rows });
        // Or everything above, sub-totals left out, read as one list.
        let all: Vec<usize> = (0..total)
            .filter(|&r| layout.standing[r] != Standing::Total && cells.amount(r).is_some())
            .collect();
        out.push(Reading {
            rows: absorb(cells, &all),
        });
    }
    out
}

/// The top rows of the numbering within a segment: the shallowest numbered
/// rows (with the sum of their items where they show no value), and plain
/// rows above the first numbered one.
fn numbered_top(
    layout: &RowLayout,
    cells: &ColumnCells,
    segment: &[usize],
    total: usize,
) -> Option<Reading> {
    let top = segment.iter().filter_map(|&r| layout.depth(r)).min()?;
    let mut rows = Vec::new();
    let mut seen_numbered = false;
    let mut budget = 10_000;
    for &r in segment {
        match layout.depth(r) {
            Some(d) if d == top => {
                seen_numbered = true;
                expand(layout, cells, r, total, &mut budget, &mut rows);
            }
            None if !seen_numbered && cells.amount(r).is_some() => rows.push(r),
            _ => {}
        }
    }
    (!rows.is_empty()).then_some(Reading { rows })
}

/// A numbered row as the rows that give its value: itself when it shows one,
/// else its items (and theirs, where they show none).
fn expand(
    layout: &RowLayout,
    cells: &ColumnCells,
    row: usize,
    end: usize,
    budget: &mut usize,
    out: &mut Vec<usize>,
) {
    if cells.amount(row).is_some() {
        out.push(row);
        return;
    }
    if *budget == 0 {
        return;
    }
    *budget -= 1;
    for c in direct_items(layout, row, end) {
        expand(layout, cells, c, end, budget, out);
    }
}

/// Rows left once every row equal to the sum of the rows right below it is
/// taken as their sum (a program over its kegiatan, Belanja Modal over its
/// kinds), innermost first.
fn absorb(cells: &ColumnCells, rows: &[usize]) -> Vec<usize> {
    let values: Vec<&Figure> = rows.iter().filter_map(|&r| cells.amount(r)).collect();
    if values.len() != rows.len() || rows.len() > 2_000 {
        return rows.to_vec();
    }
    let mut alive = vec![true; rows.len()];
    for i in (0..rows.len()).rev() {
        if !alive[i] {
            continue;
        }
        let target = values[i];
        let mut taken = Vec::new();
        let mut s = Decimal::ZERO;
        for j in i + 1..rows.len() {
            if !alive[j] {
                continue;
            }
            s += values[j].value;
            taken.push(j);
            let figures: Vec<&Figure> = taken.iter().map(|&k| values[k]).collect();
            if sum_agrees(target, &figures, s, Decimal::ZERO) {
                for &k in &taken {
                    alive[k] = false;
                }
                break;
            }
            if target.value >= Decimal::ZERO && s > target.value + half_unit(target) {
                break;
            }
        }
    }
    rows.iter()
        .zip(alive)
        .filter(|(_, a)| *a)
        .map(|(r, _)| *r)
        .collect()
}

/// A row's figure in one column that is not the sum of the rows it adds up from.
pub(super) struct SumMismatch<'a> {
    pub table: &'a Table,
    pub row: &'a Row,
    /// The column's header.
    pub column: &'a str,
    /// The figures added, in the order the computation shows them.
    pub values: &'a [Decimal],
    pub computed: Decimal,
}

impl SumMismatch<'_> {
    /// The finding: the row's figure as printed and its value, the sum
    /// formatted as `expected`, and the rows added as related lines.
    pub(super) fn draft<'r>(
        &self,
        ctx: &Context<'_, '_>,
        (stated, value): (String, Decimal),
        expected: String,
        parts: impl Iterator<Item = &'r Row>,
    ) -> Draft {
        Draft {
            line: ctx.row_line(self.row.page, self.row.line),
            stated,
            expected,
            computation: Localized::same(sum_text(self.values, self.computed)),
            related: parts.map(|r| ctx.row_line(r.page, r.line)).collect(),
            ..Default::default()
        }
        .var("column", Localized::same(self.column.to_string()))
        .var("row", Localized::same(self.row.label().to_string()))
        .var("table", table_name(self.table))
        .var("difference", difference(value, self.computed))
    }

    /// The finding on a printed figure: expected formatted like it.
    fn on_figure<'r>(
        &self,
        ctx: &Context<'_, '_>,
        stated: &Figure,
        parts: impl Iterator<Item = &'r Row>,
    ) -> Draft {
        let expected = like(stated, self.computed);
        self.draft(ctx, (stated.text.clone(), stated.value), expected, parts)
    }
}

// ------------------------------------------- programs over their kegiatan

const PROGRAM_NOT_ESTABLISHED: Why = Why {
    en: "no money column of the program adds up from the rows below it: which rows are its kegiatan is not known",
    id: "tidak ada kolom uang program yang sama dengan jumlah baris di bawahnya: kegiatannya tidak diketahui",
};

/// A row labelled "Program …" over the rows below it up to the next
/// program (its kegiatan), in a table without numbering: the program's
/// figure in each money column is the sum of its kegiatan. The reading is
/// taken only where one money column of the program adds up exactly (the
/// rows below are its kegiatan, all of them); the other columns are then
/// held to the same rows.
fn check_programs(
    ctx: &Context<'_, '_>,
    table: &Table,
    columns: &[(usize, ColumnCells)],
    layout: &RowLayout,
    out: &mut Sink,
) {
    static PROGRAM: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::compile(
            r"(?i)^\s*(?:(?:\d{1,2}(?:\.\d{1,2})*|[IVX]{1,4}|[a-z])[.)]?\s+)?program\s+\S",
        )
        .expect("valid regex")
    });
    let Some(first_col) = columns.iter().map(|(c, _)| *c).min() else {
        return;
    };
    let Some(label_col) = (0..first_col)
        .rev()
        .find(|&c| table.roles.get(c).is_some_and(|r| r.role == Role::Label))
    else {
        return;
    };
    let label = |r: usize| -> &str {
        table.rows[r]
            .cell(label_col)
            .map(|c| c.text.as_str())
            .unwrap_or("")
    };
    let programs: Vec<usize> = (0..table.rows.len())
        .filter(|&r| !layout.numbering[r] && PROGRAM.is_match(label(r)))
        .collect();
    for &p in &programs {
        // Its kegiatan: the rows below with a figure, up to the next program
        // or a total.
        let mut items = Vec::new();
        for r in p + 1..table.rows.len() {
            if layout.standing[r] == Standing::Total || PROGRAM.is_match(label(r)) {
                break;
            }
            if layout.numbering[r] {
                continue;
            }
            if columns
                .iter()
                .any(|(_, cells)| !matches!(cells.values[r], Value::Empty))
            {
                items.push(r);
            }
        }
        // One kegiatan: the program equals it (held to that only where one
        // column does, as for several).
        if items.is_empty() {
            continue;
        }
        // Per column: the program's figure and its kegiatan's, when all read.
        let readings: Vec<(usize, &Figure, Vec<&Figure>)> = columns
            .iter()
            .filter_map(|(c, cells)| {
                let stated = cells.amount(p)?;
                let parts: Option<Vec<&Figure>> = items.iter().map(|&r| cells.amount(r)).collect();
                Some((*c, stated, parts?))
            })
            .collect();
        let adds_up = |stated: &Figure, parts: &[&Figure]| {
            let computed: Decimal = parts.iter().map(|f| f.value).sum();
            sum_agrees(stated, parts, computed, Decimal::ZERO)
        };
        if !readings.iter().any(|(_, s, parts)| adds_up(s, parts)) {
            out.skip(PROGRAM_NOT_ESTABLISHED);
            continue;
        }
        for (c, stated, parts) in &readings {
            let values: Vec<Decimal> = parts.iter().map(|f| f.value).collect();
            let computed = sum(&values);
            if sum_agrees(stated, parts, computed, ctx.tolerance) {
                out.agree();
                continue;
            }
            if values.iter().any(|v| *v == (stated.value - computed).abs()) {
                out.skip(SUM_AMBIGUOUS);
                continue;
            }
            let mismatch = SumMismatch {
                table,
                row: &table.rows[p],
                column: &table.columns[*c],
                values: &values,
                computed,
            };
            out.push(mismatch.on_figure(ctx, stated, items.iter().map(|&r| &table.rows[r])));
        }
    }
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
    /// Percentages add up too (a cumulative "Hasil s.d. 2015" of yearly
    /// results); a row whose other figures write decimals with a point reads
    /// "47.121%" as 47,121, not 47.121.
    #[serde(default)]
    percent: bool,
    /// A row is judged only where another row of the table adds up: the
    /// table bears the sum out (a "s.d." column may hold the level reached).
    #[serde(default)]
    borne_out: bool,
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

const ROW_SUM_NOT_BORNE: Why = Why {
    en: "no other row of the table adds up: the column may not be the sum of the others",
    id: "tidak ada baris lain pada tabel yang jumlahnya sesuai: kolom itu mungkin bukan jumlah kolom lainnya",
};

/// "47.121" read with a decimal point: one group of three digits after a
/// point, no comma.
fn point_decimal(f: &Figure) -> Option<Figure> {
    static ONE_GROUP: LazyLock<Regex> =
        LazyLock::new(|| crate::pattern::compile(r"^\d{1,3}\.\d{3}$").expect("valid regex"));
    let core = f.text.trim().trim_end_matches('%').trim();
    if f.style != NumberStyle::Indonesian || !ONE_GROUP.is_match(core) {
        return None;
    }
    let value: Decimal = core.parse().ok()?;
    Some(Figure {
        value,
        decimals: 3,
        style: NumberStyle::English,
        ..f.clone()
    })
}

impl RowSum {
    fn figure(&self, row: &Row, col: usize) -> Option<Figure> {
        let f = row.figure(col)?;
        (amount_figure(f) || (self.p.percent && f.kind == FigureKind::Percent)).then(|| f.clone())
    }
}

impl Check for RowSum {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        for (index, table) in ctx.report.tables.iter().enumerate() {
            out.enter_table(index);
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
            let mut judged: Vec<(&Row, Figure, Vec<Figure>)> = Vec::new();
            for row in &table.rows {
                let Some(stated) = self.figure(row, target) else {
                    continue;
                };
                let mut figures: Vec<Figure> = addends
                    .iter()
                    .filter_map(|&c| self.figure(row, c))
                    .collect();
                if figures.len() < self.p.min_addends {
                    continue;
                }
                let mut stated = stated;
                // Percentages written with decimal points ("28.38 %"): a
                // lone group of three digits is decimals too.
                if self.p.percent
                    && std::iter::once(&stated)
                        .chain(&figures)
                        .any(|f| f.style == NumberStyle::English && f.text.contains('.'))
                {
                    if let Some(g) = point_decimal(&stated) {
                        stated = g;
                    }
                    for f in &mut figures {
                        if let Some(g) = point_decimal(f) {
                            *f = g;
                        }
                    }
                }
                judged.push((row, stated, figures));
            }
            let adds_up = |(_, stated, figures): &(&Row, Figure, Vec<Figure>)| {
                let refs: Vec<&Figure> = figures.iter().collect();
                let values: Vec<Decimal> = figures.iter().map(|f| f.value).collect();
                sum_agrees(stated, &refs, sum(&values), ctx.tolerance)
            };
            let agreeing = judged.iter().filter(|j| adds_up(j)).count();
            for j in &judged {
                let (row, stated, figures) = j;
                let values: Vec<Decimal> = figures.iter().map(|f| f.value).collect();
                let computed = sum(&values);
                if adds_up(j) {
                    out.agree();
                } else if self.p.borne_out && agreeing == 0 {
                    out.skip(ROW_SUM_NOT_BORNE);
                } else {
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
        out.leave_table();
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
/// The numerator is the nearest numerator column left of the result; where
/// several columns could be the denominator (anggaran before and after the
/// revision), the one the table's own rows follow.
#[derive(Debug)]
pub struct Ratio {
    p: RatioParams,
}

impl Ratio {
    pub fn new(p: RatioParams) -> Result<Self, String> {
        Ok(Ratio { p })
    }
}

const RATIO_NOT_FOLLOWED: Why = Why {
    en: "most rows do not follow the formula with these columns: the columns are not what their headers suggest",
    id: "sebagian besar baris tidak mengikuti rumus dengan kolom ini: kolomnya bukan seperti judulnya",
};
const RATIO_COMPLEMENT: Why = Why {
    en: "the column holds what is left of the ratio (100 − realisasi / anggaran: an efficiency or a remainder), not the ratio",
    id: "kolom memuat sisa rasio (100 − realisasi / anggaran: efisiensi atau sisa), bukan rasionya",
};
const RATIO_MIXED_UNITS: Why = Why {
    en: "numerator and denominator columns hold different kinds of values (money and counts)",
    id: "kolom pembilang dan penyebut berisi jenis nilai berbeda (uang dan jumlah)",
};
const RATIO_NO_VALUES: Why = Why {
    en: "the row lacks the numerator, the denominator or the percentage, or the denominator is zero",
    id: "baris tanpa pembilang, penyebut atau persentase, atau penyebutnya nol",
};

/// The columns of one percentage: result = numerator / denominator × factor.
#[derive(Debug, Clone)]
struct RatioColumns {
    result: usize,
    numerator: usize,
    /// Candidates, left to right.
    denominators: Vec<usize>,
}

/// One row's figures for a ratio.
struct RatioRow<'t> {
    row: &'t Row,
    stated: Figure,
    numerator: Figure,
    /// Per candidate denominator (same order), the figure if the cell has one.
    denominators: Vec<Option<Figure>>,
}

impl Ratio {
    fn columns(&self, table: &Table) -> Vec<RatioColumns> {
        static SISA: LazyLock<Regex> = LazyLock::new(|| {
            crate::pattern::compile(r"(?i)\bsisa\b|selisih").expect("valid regex")
        });
        let results = table.columns_matching(&self.p.result.0);
        let numerators: Vec<usize> = table
            .columns_matching(&self.p.numerator.0)
            .into_iter()
            .filter(|c| !results.contains(c))
            .collect();
        let denominators: Vec<usize> = table
            .columns_matching(&self.p.denominator.0)
            .into_iter()
            .filter(|c| {
                !results.contains(c)
                    && !numerators.contains(c)
                    && !SISA.is_match(&table.columns[*c])
            })
            .collect();
        results
            .iter()
            .filter_map(|&r| {
                let numerator = numerators.iter().copied().filter(|&n| n < r).max()?;
                let denominators: Vec<usize> =
                    denominators.iter().copied().filter(|&d| d < r).collect();
                (!denominators.is_empty()).then_some(RatioColumns {
                    result: r,
                    numerator,
                    denominators,
                })
            })
            .collect()
    }

    fn rows<'t>(&self, table: &'t Table, cols: &RatioColumns, out: &mut Sink) -> Vec<RatioRow<'t>> {
        let mut rows = Vec::new();
        for row in &table.rows {
            let texts: Vec<&str> = row.cells.iter().map(|c| c.text.as_str()).collect();
            if is_column_numbering(&texts) {
                continue;
            }
            let stated = row
                .cell(cols.result)
                .and_then(|c| cell_number(&c.text, Hint::Percent));
            let numerator = row
                .cell(cols.numerator)
                .and_then(|c| cell_number(&c.text, Hint::None));
            let (Some(stated), Some(numerator)) = (stated, numerator) else {
                if row
                    .cell(cols.result)
                    .is_some_and(|c| !c.text.trim().is_empty())
                {
                    out.skip(RATIO_NO_VALUES);
                }
                continue;
            };
            let denominators = cols
                .denominators
                .iter()
                .map(|&d| {
                    row.cell(d)
                        .and_then(|c| cell_number(&c.text, Hint::None))
                        .filter(|f| !f.value.is_zero())
                })
                .collect();
            rows.push(RatioRow {
                row,
                stated,
                numerator,
                denominators,
            });
        }
        rows
    }

    fn ratio(&self, num: &Figure, den: &Figure) -> Decimal {
        num.value / den.value * self.p.factor
    }
}

/// Money against money, or counts against counts: by the size of the values.
fn same_kind_of_values(rows: &[RatioRow<'_>], d: usize) -> bool {
    let big =
        |f: &Figure| f.kind == FigureKind::Rupiah || f.value.abs() >= Decimal::from(1_000_000);
    let (mut same, mut mixed) = (0, 0);
    for r in rows {
        if let Some(den) = &r.denominators[d] {
            if big(&r.numerator) == big(den) {
                same += 1;
            } else {
                mixed += 1;
            }
        }
    }
    same >= mixed
}

impl Check for Ratio {
    fn table(&self, table: &Table, ctx: &Context<'_, '_>, out: &mut Sink) {
        for cols in self.columns(table) {
            let rows = self.rows(table, &cols, out);
            if rows.is_empty() {
                continue;
            }
            // The denominator the table's rows follow.
            let agreeing = |d: usize| {
                rows.iter()
                    .filter(|r| {
                        r.denominators[d].as_ref().is_some_and(|den| {
                            agrees(&r.stated, self.ratio(&r.numerator, den), ctx.tolerance)
                        })
                    })
                    .count()
            };
            let candidates: Vec<usize> = (0..cols.denominators.len())
                .filter(|&d| same_kind_of_values(&rows, d))
                .collect();
            let Some(&chosen) = candidates
                .iter()
                .max_by_key(|&&d| (agreeing(d), usize::MAX - d))
            else {
                out.skip(RATIO_MIXED_UNITS);
                continue;
            };
            let checked = rows
                .iter()
                .filter(|r| r.denominators[chosen].is_some())
                .count();
            let agree = agreeing(chosen);
            let several = cols.denominators.len() > 1;
            if (several && agree == 0) || (checked >= 3 && agree * 2 < checked) {
                for _ in 0..checked {
                    out.skip(RATIO_NOT_FOLLOWED);
                }
                continue;
            }
            for r in &rows {
                let Some(den) = &r.denominators[chosen] else {
                    out.skip(RATIO_NO_VALUES);
                    continue;
                };
                let computed = self.ratio(&r.numerator, den);
                if agrees(&r.stated, computed, ctx.tolerance) {
                    out.agree();
                    continue;
                }
                // "(1 − A/B) × 100%", "Sisa (%)": the part the ratio leaves.
                if agrees(&r.stated, self.p.factor - computed, ctx.tolerance) {
                    out.skip(RATIO_COMPLEMENT);
                    continue;
                }
                out.push(
                    Draft {
                        line: ctx.row_line(r.row.page, r.row.line),
                        stated: r.stated.text.clone(),
                        expected: like(&r.stated, computed),
                        computation: Localized::same(format!(
                            "{} / {} × {} = {}",
                            shown(&r.numerator),
                            shown(den),
                            self.p.factor,
                            pct(computed)
                        )),
                        ..Default::default()
                    }
                    .var(
                        "column",
                        Localized::same(table.columns[cols.result].clone()),
                    )
                    .var("row", Localized::same(r.row.label().to_string()))
                    .var("table", table_name(table))
                    .var("difference", difference(r.stated.value, computed)),
                );
            }
        }
    }
}

// ---------------------------------------------------------------- differences

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DifferenceParams {
    /// The column holding the change between two years ("% Peningkatan").
    result: Pattern,
    /// Report only a column that mixes the two ways (some rows the change
    /// relative to the earlier value, others the points between): its rows
    /// of points, by the relative change its other rows show it means.
    #[serde(default)]
    mixed: bool,
}

/// A change column equals the later year's value minus the earlier one's
/// (percentage points), or that difference relative to the earlier value:
/// either is accepted, as reports use both.
#[derive(Debug)]
pub struct Difference {
    p: DifferenceParams,
}

impl Difference {
    pub fn new(p: DifferenceParams) -> Result<Self, String> {
        Ok(Difference { p })
    }
}

/// The columns of one change: result = later − earlier.
#[derive(Debug, Clone, Copy)]
struct DifferenceColumns {
    earlier: usize,
    later: usize,
    result: usize,
}

impl Difference {
    /// The two columns right before the result, of one role, headed by two
    /// years, the earlier first.
    fn columns(&self, table: &Table) -> Vec<DifferenceColumns> {
        let roles = &table.roles;
        table
            .columns_matching(&self.p.result.0)
            .into_iter()
            .filter_map(|result| {
                let later = result.checked_sub(1)?;
                let earlier = later.checked_sub(1)?;
                let (a, b) = (roles.get(earlier)?, roles.get(later)?);
                let same_role = a.role == b.role
                    && matches!(a.role, Role::Capaian | Role::Realisasi | Role::Target)
                    && !a.money
                    && !b.money;
                let years = matches!((a.year, b.year), (Some(x), Some(y)) if x < y);
                (same_role && years).then_some(DifferenceColumns {
                    earlier,
                    later,
                    result,
                })
            })
            .collect()
    }
}

/// A cell's number with its sign: a change column prints decreases as
/// "-0,38" (hyphen, minus or dash sign), which the figure parser leaves out.
pub(super) fn signed_number(text: &str) -> Option<Figure> {
    let t = text.trim();
    let rest = t
        .strip_prefix('-')
        .or_else(|| t.strip_prefix('−'))
        .or_else(|| t.strip_prefix('–'));
    match rest {
        Some(rest) => {
            let rest = rest.trim_start();
            // "- Susu", "-" alone: a bullet or an empty cell, no number.
            if !rest.starts_with(|c: char| c.is_ascii_digit()) {
                return None;
            }
            let mut f = parse_figure(rest, Hint::None)?;
            f.value = -f.value;
            f.text = t.to_string();
            Some(f)
        }
        None => cell_number(t, Hint::None),
    }
}

impl Check for Difference {
    fn table(&self, table: &Table, ctx: &Context<'_, '_>, out: &mut Sink) {
        for cols in self.columns(table) {
            let rows: Vec<(&Row, Figure, Figure, Figure)> = table
                .rows
                .iter()
                .filter_map(|row| {
                    let n = |c: usize| row.cell(c).and_then(|x| signed_number(&x.text));
                    Some((row, n(cols.result)?, n(cols.earlier)?, n(cols.later)?))
                })
                .collect();
            let agrees_row = |(_, stated, a, b): &(&Row, Figure, Figure, Figure)| {
                let points = b.value - a.value;
                let relative = (!a.value.is_zero()).then(|| points / a.value * hundred());
                agrees(stated, points, ctx.tolerance)
                    || relative.is_some_and(|r| agrees(stated, r, ctx.tolerance))
            };
            let agree = rows.iter().filter(|r| agrees_row(r)).count();
            if rows.len() >= 3 && agree * 2 < rows.len() {
                for _ in &rows {
                    out.skip(RATIO_NOT_FOLLOWED);
                }
                continue;
            }
            if self.p.mixed {
                mixed_change(table, cols, &rows, ctx, out);
                continue;
            }
            for r in &rows {
                if agrees_row(r) {
                    out.agree();
                    continue;
                }
                let (row, stated, a, b) = r;
                let computed = b.value - a.value;
                let line = ctx.row_line(row.page, row.line);
                out.push(
                    Draft {
                        line,
                        highlight: last_cell_highlight(ctx, line, &stated.text),
                        stated: stated.text.clone(),
                        expected: like(stated, computed),
                        computation: Localized::same(format!(
                            "{} − {} = {}",
                            shown(b),
                            shown(a),
                            pct(computed)
                        )),
                        ..Default::default()
                    }
                    .var(
                        "column",
                        Localized::same(table.columns[cols.result].clone()),
                    )
                    .var("row", Localized::same(row.label().to_string()))
                    .var("table", table_name(table))
                    .var("difference", difference(stated.value, computed)),
                );
            }
        }
    }
}

/// Where a row's line shows a cell's text, the last time: the result cells
/// stand right of the values they are computed from ("85% | 90% | 5").
fn last_cell_highlight(ctx: &Context<'_, '_>, line: usize, cell: &str) -> Option<(usize, usize)> {
    let text = &ctx.report.lines.get(line)?.line.text;
    (!cell.is_empty())
        .then(|| text.rfind(cell).map(|a| (a, a + cell.len())))
        .flatten()
}

/// How a row's change column was computed, when only one way gives it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum ChangeWay {
    Relative,
    Points,
}

/// The one way a row's stated change follows: relative to the earlier value
/// or the points between; None when both or neither give it. A row is of
/// points only when the relative change does not even round to it: "5" for
/// 85% → 90% is 5 points, never 5,88 cut short.
fn change_way(stated: &Figure, a: &Figure, b: &Figure, tolerance: Decimal) -> Option<ChangeWay> {
    use crate::facts::tolerance::{Agreement, agreement};
    let points = b.value - a.value;
    let relative = (!a.value.is_zero()).then(|| points / a.value * hundred())?;
    let relative = agreement(stated.value, stated.decimals, relative, tolerance);
    match (relative, agrees(stated, points, tolerance)) {
        (Agreement::Rounded | Agreement::Truncated, false) => Some(ChangeWay::Relative),
        (Agreement::Truncated | Agreement::Differs, true) => Some(ChangeWay::Points),
        _ => None,
    }
}

/// A change column whose rows follow two ways: some the change relative to
/// the earlier value ("19 → 17: 11,76"), others the points between ("90% →
/// 92%: 2"). The column means the relative change where it shows one; each
/// row of points is reported with its relative change, beside the first
/// relative row. A column of one way agrees.
fn mixed_change(
    table: &Table,
    cols: DifferenceColumns,
    rows: &[(&Row, Figure, Figure, Figure)],
    ctx: &Context<'_, '_>,
    out: &mut Sink,
) {
    let ways: Vec<Option<ChangeWay>> = rows
        .iter()
        .map(|(_, stated, a, b)| change_way(stated, a, b, ctx.tolerance))
        .collect();
    let Some(witness) = ways.iter().position(|w| *w == Some(ChangeWay::Relative)) else {
        rows.iter().for_each(|_| out.agree());
        return;
    };
    let (w_row, w_stated, w_a, w_b) = &rows[witness];
    for (r, way) in rows.iter().zip(&ways) {
        let (row, stated, a, b) = r;
        if *way != Some(ChangeWay::Points) {
            out.agree();
            continue;
        }
        let relative = (b.value - a.value) / a.value * hundred();
        let line = ctx.row_line(row.page, row.line);
        out.push(
            Draft {
                line,
                stated: stated.text.clone(),
                expected: like(stated, relative),
                computation: Localized::same(format!(
                    "({b} − {a}) / {a} × 100 = {r}; {w}: ({wb} − {wa}) / {wa} × 100 = {ws}",
                    b = shown(b),
                    a = shown(a),
                    r = pct(relative),
                    w = w_row.label(),
                    wb = shown(w_b),
                    wa = shown(w_a),
                    ws = w_stated.text,
                )),
                related: vec![ctx.row_line(w_row.page, w_row.line)],
                highlight: last_cell_highlight(ctx, line, &stated.text),
                ..Default::default()
            }
            .var(
                "column",
                Localized::same(table.columns[cols.result].clone()),
            )
            .var("row", Localized::same(row.label().to_string()))
            .var("witness", Localized::same(w_row.label().to_string()))
            .var("table", table_name(table))
            .var("points", Localized::same(pct(b.value - a.value))),
        );
    }
}

// ---------------------------------------------------------------- capaian

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapaianParams {
    /// Further conditions on the columns' labels, besides the roles their
    /// headers establish (optional).
    #[serde(default)]
    capaian: Option<Pattern>,
    #[serde(default)]
    target: Option<Pattern>,
    #[serde(default)]
    realisasi: Option<Pattern>,
    /// Indicators where lower is better (e.g. "angka kematian"), besides those
    /// the report marks as negative.
    #[serde(default)]
    negative_indicators: Vec<Pattern>,
    /// Units of things counted one by one ("kasus", "orang"): a whole
    /// realisasi under them is exact, not a rounded figure.
    #[serde(default)]
    count_units: Option<Pattern>,
    /// How the report states its formulas; the lines are cited in findings.
    positive_formula: Pattern,
    negative_formula: Pattern,
}

/// Capaian = Realisasi / Target × 100 (positive polarity) or
/// (Target − (Realisasi − Target)) / Target × 100 (negative), per row of a
/// performance table whose target, realisasi and capaian columns the headers
/// establish. Where the polarity of an indicator is not known, either form is
/// accepted.
#[derive(Debug)]
pub struct CapaianFormula {
    p: CapaianParams,
}

impl CapaianFormula {
    pub fn new(p: CapaianParams) -> Result<Self, String> {
        Ok(CapaianFormula { p })
    }
}

const CAPAIAN_COLUMNS: Why = Why {
    en: "no target and realisasi columns right before the capaian column",
    id: "tidak ada kolom target dan realisasi tepat sebelum kolom capaian",
};
const CAPAIAN_TARGET: Why = Why {
    en: "the target is not one number (a range, text or zero)",
    id: "target bukan satu angka (rentang, teks atau nol)",
};
const CAPAIAN_VALUES: Why = Why {
    en: "the row lacks a realisasi or capaian figure",
    id: "baris tanpa angka realisasi atau capaian",
};

/// The three columns of one capaian.
#[derive(Debug, Clone, Copy)]
struct CapaianColumns {
    target: usize,
    realisasi: usize,
    capaian: usize,
    /// The realisasi column is headed "Capaian" (under a year): its values may
    /// be the achievement itself.
    realisasi_may_be_capaian: bool,
    /// The table's unit column (Satuan), if any.
    unit: Option<usize>,
}

/// Whether lower is better for an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Polarity {
    Positive,
    Negative,
    Unknown,
}

/// What the report itself says about its formulas.
struct Formulas {
    positive_line: Option<usize>,
    negative_line: Option<usize>,
}

/// One row's figures.
struct CapaianRow {
    stated: Figure,
    target: Figure,
    realisasi: Figure,
    polarity: Polarity,
    /// The realisasi is a whole count (no interval for rounding).
    exact: bool,
}

/// A value the capaian may take, and how it is computed.
struct Candidate {
    low: Decimal,
    high: Decimal,
    value: Decimal,
    computation: String,
}

impl CapaianFormula {
    fn formulas(&self, ctx: &Context<'_, '_>) -> Formulas {
        let line = |pattern: &Pattern| {
            ctx.report
                .lines
                .iter()
                .find(|l| pattern.is_match(&l.line.text))
                .map(|l| l.index)
        };
        Formulas {
            positive_line: line(&self.p.positive_formula),
            negative_line: line(&self.p.negative_formula),
        }
    }

    /// Each capaian column with the target and realisasi columns it is
    /// computed from: the nearest ones to its left, target before realisasi,
    /// with no other capaian or money column between.
    fn columns(&self, table: &Table) -> Vec<CapaianColumns> {
        let roles = &table.roles;
        let label_ok = |p: &Option<Pattern>, c: usize| {
            p.as_ref().is_none_or(|p| p.is_match(&table.columns[c]))
        };
        let mut out = Vec::new();
        // Progress towards the plan's end (tingkat kemajuan) and budget
        // absorption are other ratios, with rules of their own.
        static OTHER_RATIO: LazyLock<Regex> = LazyLock::new(|| {
            crate::pattern::compile(r"(?i)kemajuan|penyerapan|efisiensi|akhir\s+(periode|renstra)")
                .expect("valid regex")
        });
        for (c, role) in roles.iter().enumerate() {
            if role.role != Role::Capaian
                || role.money
                || !label_ok(&self.p.capaian, c)
                || OTHER_RATIO.is_match(&table.columns[c])
            {
                continue;
            }
            let nearest = |want: Role| table.nearest_left(c, want);
            let (Some(t), Some(r)) = (nearest(Role::Target), nearest(Role::Realisasi)) else {
                continue;
            };
            if t > r || !label_ok(&self.p.target, t) || !label_ok(&self.p.realisasi, r) {
                continue;
            }
            let between_ok = (t + 1..c).all(|i| {
                i == r
                    || (roles[i].role != Role::Capaian
                        && !roles[i].money
                        && roles[i].role != Role::Target)
            });
            let years: Vec<i32> = [t, r, c].iter().filter_map(|&i| roles[i].year).collect();
            let same_year = years.windows(2).all(|w| w[0] == w[1]);
            if !between_ok || !same_year {
                continue;
            }
            let leaf = table.columns[r].split_whitespace().last().unwrap_or("");
            out.push(CapaianColumns {
                target: t,
                realisasi: r,
                capaian: c,
                realisasi_may_be_capaian: leaf.eq_ignore_ascii_case("capaian"),
                unit: roles.iter().position(|r| r.role == Role::Unit),
            });
        }
        out
    }

    fn polarity(&self, text: &str, formulas: &Formulas) -> Polarity {
        // "Penurunan angka kemiskinan": the decrease itself is measured, and
        // more of it is better.
        static DECREASE: LazyLock<Regex> = LazyLock::new(|| {
            crate::pattern::compile(r"(?i)penurunan|menurun|berkurang|pengurangan|\bturun")
                .expect("valid regex")
        });
        if self.p.negative_indicators.iter().any(|p| p.is_match(text)) {
            if DECREASE.is_match(text) {
                Polarity::Unknown
            } else {
                Polarity::Negative
            }
        } else if formulas.negative_line.is_some() {
            Polarity::Unknown
        } else {
            Polarity::Positive
        }
    }

    /// The row's figures, or why it cannot be checked.
    fn row(
        &self,
        row: &Row,
        cols: &CapaianColumns,
        context: &str,
        formulas: &Formulas,
    ) -> Result<CapaianRow, Why> {
        let stated = row
            .cell(cols.capaian)
            .and_then(|x| cell_number(&x.text, Hint::Percent))
            .ok_or(CAPAIAN_VALUES)?;
        let realisasi = row
            .cell(cols.realisasi)
            .and_then(|x| cell_number(&x.text, Hint::None))
            .ok_or(CAPAIAN_VALUES)?;
        let target_text = row.cell(cols.target).map(|x| x.text.as_str()).unwrap_or("");
        let target = single_target(target_text).ok_or(CAPAIAN_TARGET)?;
        let text = row
            .cells
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        // A sub-item ("- Daging", "a. AI") is measured as the indicator above it.
        static SUB_ITEM: LazyLock<Regex> = LazyLock::new(|| {
            crate::pattern::compile(r"^\s*([-•–]|[a-z][.)])").expect("valid regex")
        });
        let first_words = row
            .cells
            .iter()
            .map(|c| c.text.as_str())
            .find(|t| t.chars().any(char::is_alphabetic))
            .unwrap_or("");
        let sub_item = SUB_ITEM.is_match(first_words);
        let text = if sub_item {
            format!("{context} {text}")
        } else {
            text
        };
        let exact = realisasi.decimals == 0
            && realisasi.value.fract().is_zero()
            && cols.unit.and_then(|u| row.cell(u)).is_some_and(|u| {
                self.p
                    .count_units
                    .as_ref()
                    .is_some_and(|p| p.is_match(&u.text))
            });
        Ok(CapaianRow {
            stated,
            target,
            realisasi,
            polarity: self.polarity(&text, formulas),
            exact,
        })
    }

    /// The values the capaian may take for this row: by each formula the
    /// polarity allows, over the realisasi as the interval its shown
    /// decimals stand for.
    fn candidates(
        &self,
        r: &CapaianRow,
        cols: &CapaianColumns,
        formulas: &Formulas,
    ) -> Vec<Candidate> {
        let mut out = Vec::new();
        for realisasi in readings_of(&r.realisasi) {
            out.extend(self.candidates_with(r, &realisasi, cols, formulas));
        }
        out
    }

    fn candidates_with(
        &self,
        r: &CapaianRow,
        realisasi: &Figure,
        cols: &CapaianColumns,
        formulas: &Formulas,
    ) -> Vec<Candidate> {
        let t = r.target.value;
        let x = realisasi.value;
        let h = if r.exact {
            Decimal::ZERO
        } else {
            Decimal::new(5, realisasi.decimals + 1)
        };
        let pos = |x: Decimal| x / t * hundred();
        let neg = |x: Decimal| (t - (x - t)) / t * hundred();
        let (ts, xs) = (shown(&r.target), shown(realisasi));
        let positive = Candidate {
            low: pos(x - h),
            high: pos(x + h),
            value: pos(x),
            computation: format!("{xs} / {ts} × 100 = {}", pct(pos(x))),
        };
        let negative = Candidate {
            low: neg(x + h),
            high: neg(x - h),
            value: neg(x),
            computation: format!("({ts} − ({xs} − {ts})) / {ts} × 100 = {}", pct(neg(x))),
        };
        let mut out = match r.polarity {
            Polarity::Positive => vec![positive],
            Polarity::Negative => vec![negative],
            Polarity::Unknown => vec![positive, negative],
        };
        // Lower is better and the report states no formula for it: target /
        // realisasi is the other usual form.
        if r.polarity == Polarity::Negative && formulas.negative_line.is_none() && !x.is_zero() {
            let inv = |x: Decimal| t / x * hundred();
            out.push(Candidate {
                low: inv(x + h),
                high: if x > h { inv(x - h) } else { inv(x) },
                value: inv(x),
                computation: format!("{ts} / {xs} × 100 = {}", pct(inv(x))),
            });
        }
        if cols.realisasi_may_be_capaian {
            let itself = Candidate {
                low: x - h,
                high: x + h,
                value: x,
                computation: format!("{xs} = capaian tahun itu / that year's capaian"),
            };
            // Printed as a percentage, it is the achievement itself.
            if realisasi.kind == FigureKind::Percent {
                out.insert(0, itself);
            } else {
                out.push(itself);
            }
        }
        out
    }
}

/// A figure and, when its one separator before three digits could group
/// thousands or mark decimals ("352,390" among Indonesian figures), the other
/// reading too.
fn readings_of(f: &Figure) -> Vec<Figure> {
    static AMBIGUOUS: LazyLock<Regex> =
        LazyLock::new(|| crate::pattern::compile(r"^\d{1,3}[.,]\d{3}\W*$").expect("valid regex"));
    let mut out = vec![f.clone()];
    if AMBIGUOUS.is_match(f.text.trim()) {
        let mut other = f.clone();
        if f.decimals == 3 {
            other.value = f.value * Decimal::from(1000);
            other.decimals = 0;
        } else if f.decimals == 0 {
            other.value = f.value / Decimal::from(1000);
            other.decimals = 3;
        }
        out.push(other);
    }
    out
}

/// A target that is one number: "80", "≥ 80", "≤1,5 %"; not a range ("5-6%",
/// "60 s/d 79"), not text, not zero.
fn single_target(text: &str) -> Option<Figure> {
    static RANGE: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::compile(r"(?i)\d\s*(-|–|s\.?/d|sd|sampai)\s*\d").expect("valid regex")
    });
    if RANGE.is_match(text) {
        return None;
    }
    let bare = text
        .trim()
        .trim_start_matches(['≥', '≤', '>', '<', '='])
        .trim();
    cell_number(bare, Hint::None).filter(|f| !f.value.is_zero())
}

/// The report's own formulas are read once for all its tables: the check
/// runs on the whole document.
impl Check for CapaianFormula {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let formulas = self.formulas(ctx);
        for (index, table) in ctx.report.tables.iter().enumerate() {
            out.enter_table(index);
            self.check_table(table, ctx, &formulas, out);
        }
        out.leave_table();
    }
}

impl CapaianFormula {
    fn check_table(
        &self,
        table: &Table,
        ctx: &Context<'_, '_>,
        formulas: &Formulas,
        out: &mut Sink,
    ) {
        if !matches!(table.kind, TableKind::Performance | TableKind::Comparison) {
            return;
        }
        let all_columns = self.columns(table);
        if all_columns.is_empty() {
            out.skip(CAPAIAN_COLUMNS);
            return;
        }
        for cols in all_columns {
            // The indicator a sub-item row ("- Daging") belongs to: the row
            // above that names it without values.
            let mut context = String::new();
            for row in &table.rows {
                let texts: Vec<&str> = row.cells.iter().map(|c| c.text.as_str()).collect();
                if is_column_numbering(&texts) {
                    continue;
                }
                let empty = |c: usize| row.cell(c).is_none_or(|x| x.text.trim().is_empty());
                if empty(cols.target) && empty(cols.realisasi) {
                    context = texts.join(" ");
                    continue;
                }
                if empty(cols.capaian) {
                    continue;
                }
                let r = match self.row(row, &cols, &context, formulas) {
                    Ok(r) => r,
                    Err(why) => {
                        out.skip(why);
                        continue;
                    }
                };
                let candidates = self.candidates(&r, &cols, formulas);
                if candidates
                    .iter()
                    .any(|c| agrees_range(&r.stated, c.low, c.high, ctx.tolerance))
                {
                    out.agree();
                    continue;
                }
                let Some(main) = candidates.first() else {
                    continue;
                };
                out.push(r.draft(ctx, table, row, cols.capaian, main, formulas));
            }
        }
    }
}

impl CapaianRow {
    /// The finding on this row's capaian (in column `capaian` of `row`),
    /// with `main` the value it should have.
    fn draft(
        &self,
        ctx: &Context<'_, '_>,
        table: &Table,
        row: &Row,
        capaian: usize,
        main: &Candidate,
        formulas: &Formulas,
    ) -> Draft {
        let negative = self.polarity == Polarity::Negative;
        let formula = if negative {
            formulas.negative_line
        } else {
            formulas.positive_line
        };
        let line = ctx.row_line(row.page, row.line);
        let cell_text = row
            .cell(capaian)
            .map(|x| x.text.clone())
            .unwrap_or_default();
        let highlight = last_cell_highlight(ctx, line, &cell_text);
        Draft {
            line,
            stated: self.stated.text.clone(),
            expected: like(&self.stated, main.value),
            computation: Localized::same(main.computation.clone()),
            related: formula.into_iter().collect(),
            highlight,
            ..Default::default()
        }
        .var("table", table_name(table))
        .var("row", Localized::same(row.label().to_string()))
        .var(
            "polarity",
            match self.polarity {
                Polarity::Negative => Localized::new("negatif", "negative"),
                Polarity::Positive => Localized::new("positif", "positive"),
                Polarity::Unknown => Localized::new("positif atau negatif", "positive or negative"),
            },
        )
        .var("difference", difference(self.stated.value, main.value))
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
    LazyLock::new(|| crate::pattern::compile(r"^\s*[a-zA-Z0-9][.)]\s+\S").expect("valid regex"));
static SUB_ITEM: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"^\s*[-•–]\s*\S").expect("valid regex"));

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
            if parts.is_empty() && l.is_prose() && text.len() > 80 {
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
            crate::pattern::compile(r"^\s*(?:[-•–]\s*)?(?:[a-zA-Z0-9][.)]\s+)?")
                .expect("valid regex")
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
                let figures: Vec<&Figure> = parts.iter().map(|p| &p.figure).collect();
                let computed = sum(&values);
                if sum_agrees(&total, &figures, computed, ctx.tolerance) {
                    out.agree();
                } else {
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
                let figures: Vec<&Figure> = part.children.iter().map(|p| &p.figure).collect();
                let computed = sum(&values);
                if sum_agrees(&part.figure, &figures, computed, ctx.tolerance) {
                    out.agree();
                } else {
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
    share: Option<Pattern>,
    /// How far after the composition the share sentence may come (lines).
    #[serde(default = "ten")]
    within_lines: usize,
    /// A sentence giving an amount's share of one part: "anggaran … sejumlah
    /// Rp 400.000.000 … sebesar 8,56% dari keseluruhan belanja langsung";
    /// groups `amount`, `share` and `whole` (the part's label).
    amount_share: Option<Pattern>,
    /// Words between the amount and the share that make the share another
    /// quantity's ("… Rp 400.000.000 dan terealisasi sebesar 95% dari …").
    amount_share_not_between: Option<Pattern>,
    /// How far after the composition such a sentence may come (lines).
    #[serde(default = "eighty")]
    amount_within_lines: usize,
}

fn eighty() -> usize {
    80
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
        if let Some(a) = &p.amount_share {
            for g in ["amount", "share", "whole"] {
                if !a.0.capture_names().any(|n| n == Some(g)) {
                    return Err(format!("`amount_share` needs a (?P<{g}>…) group"));
                }
            }
        }
        Ok(ShareOfTotal { p })
    }

    /// "Rp 400.000.000 … sebesar 8,56% dari keseluruhan belanja langsung"
    /// below a composition: the amount over the part it names (the one part,
    /// or its sub-part, with that label) × 100.
    fn amount_shares(&self, ctx: &Context<'_, '_>, parts: &[Part], out: &mut Sink) {
        let Some(pattern) = &self.p.amount_share else {
            return;
        };
        let all: Vec<&Part> = parts
            .iter()
            .flat_map(|p| std::iter::once(p).chain(p.children.iter()))
            .collect();
        let last = all.iter().map(|p| p.line).max().unwrap_or(0);
        let first_line = |p: &crate::structure::Paragraph| p.pieces.first().map(|(_, i)| *i);
        let paragraphs = &ctx.report.paragraphs;
        let from = paragraphs.partition_point(|p| first_line(p).is_none_or(|i| i <= last));
        for para in paragraphs[from..]
            .iter()
            .take_while(|p| first_line(p).is_some_and(|i| i <= last + self.p.amount_within_lines))
        {
            for c in pattern.0.captures_iter(&para.text) {
                let (Some(amount_m), Some(share), Some(whole)) =
                    (c.name("amount"), c.name("share"), c.name("whole"))
                else {
                    continue;
                };
                let figs = super::common::figures(amount_m.as_str());
                let (Some(stated), Some(part_amount)) = (
                    super::common::figures(share.as_str()).into_iter().next(),
                    figs.first(),
                ) else {
                    continue;
                };
                let between = para.text.get(amount_m.end()..share.start()).unwrap_or("");
                if self
                    .p
                    .amount_share_not_between
                    .as_ref()
                    .is_some_and(|p| p.is_match(between))
                {
                    out.skip(SHARE_OF_OTHER);
                    continue;
                }
                let wanted = normalise(whole.as_str());
                let named: Vec<&&Part> = all
                    .iter()
                    .filter(|p| normalise(&p.label).ends_with(&wanted))
                    .collect();
                // One part of that name (or several with one value).
                let Some(base) = named.first().map(|p| p.figure.value) else {
                    out.skip(SHARE_NO_WHOLE);
                    continue;
                };
                if base.is_zero() || named.iter().any(|p| p.figure.value != base) {
                    out.skip(SHARE_NO_WHOLE);
                    continue;
                }
                let claim = ShareClaim {
                    stated: &stated,
                    part: part_amount.value,
                    whole: base,
                };
                if claim.agrees(ctx) {
                    out.agree();
                    continue;
                }
                let related = named.iter().map(|p| p.line).collect();
                out.push(
                    claim
                        .draft(ctx, para, share, related)
                        .var("label", Localized::same(named[0].label.clone()))
                        .var("amount", Localized::same(amount_m.as_str().to_string()))
                        .var("whole", Localized::same(amount(base))),
                );
            }
        }
    }
}

const SHARE_OF_OTHER: Why = Why {
    en: "the share is said of another quantity than the amount (its realisation …)",
    id: "proporsi itu untuk besaran lain, bukan jumlah itu (realisasinya …)",
};
const SHARE_NO_WHOLE: Why = Why {
    en: "the share is of a part the composition does not list once",
    id: "proporsi terhadap bagian yang tidak tercantum tepat satu kali pada rincian",
};

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
            self.amount_shares(ctx, &parts, out);
            let Some(share_pattern) = &self.p.share else {
                continue;
            };
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
                for c in share_pattern.0.captures_iter(&para.text) {
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
                    let claim = ShareClaim {
                        stated: &stated,
                        part: part.figure.value,
                        whole,
                    };
                    if claim.agrees(ctx) {
                        continue;
                    }
                    let related = std::iter::once(part.line)
                        .chain(parts.iter().map(|p| p.line))
                        .collect();
                    out.push(
                        claim
                            .draft(ctx, para, share, related)
                            .var("label", Localized::same(part.label.clone())),
                    );
                }
            }
        }
    }
}

/// A share the text states of a part in a whole: stated = part / whole × 100.
struct ShareClaim<'a> {
    stated: &'a Figure,
    part: Decimal,
    whole: Decimal,
}

impl ShareClaim<'_> {
    fn computed(&self) -> Decimal {
        self.part / self.whole * hundred()
    }

    fn agrees(&self, ctx: &Context<'_, '_>) -> bool {
        agrees(self.stated, self.computed(), ctx.tolerance)
    }

    /// The finding on the share (matched as `share` in `para`).
    fn draft(
        &self,
        ctx: &Context<'_, '_>,
        para: &crate::structure::Paragraph,
        share: regex::Match<'_>,
        related: Vec<usize>,
    ) -> Draft {
        let computed = self.computed();
        let (line, at) = ctx.locate(para, share.start());
        Draft {
            line,
            stated: self.stated.text.clone(),
            expected: like(self.stated, computed),
            computation: Localized::same(format!(
                "{} / {} × 100 = {}",
                amount(self.part),
                amount(self.whole),
                pct(computed)
            )),
            related,
            highlight: Some((at, at + share.as_str().len())),
            ..Default::default()
        }
        .var("difference", difference(self.stated.value, computed))
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::checks::testing::{findings, run_default};

    const CUMULATIVE: &str = "Indikator sasaran\n\n\
| Indikator Kinerja | Hasil Th 2012 | Hasil Th 2013 | Hasil Th 2014 | Hasil Th 2015 | Target Th 2015 | Hasil sd 2015 |\n\
|---|---|---|---|---|---|---|\n\
| RTH Persatuan Wilayah Perkotaan | 47.121% | 0.045% | 0.094% | 0.612% | 0.820% | {rth} |\n\
| Persentase Penanganan Sampah | 7.2% | 5 % | 5 % | 5% | 5% | {sampah} |\n\
| Tempat pembuangan sampah TPST | 1.57% | 28.38 % | 20 % | 61% | 18% | 110.95 % |\n";

    #[test]
    fn a_cumulative_result_other_than_the_yearly_sum_is_found() {
        let text = CUMULATIVE
            .replace("{rth}", "48.71 %")
            .replace("{sampah}", "22.2 %");
        let (found, coverage) = run_default("table-cumulative-sum", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "48.71 %");
        // "47.121%" beside "28.38 %" is 47,121, not 47.121.
        assert!(found[0].expected.starts_with("47"), "{found:#?}");
        assert_eq!(coverage.agree, 2, "{coverage:#?}");
    }

    #[test]
    fn cumulative_results_that_add_up_agree() {
        let text = CUMULATIVE
            .replace("{rth}", "47.87 %")
            .replace("{sampah}", "22.2 %");
        let (found, coverage) = run_default("table-cumulative-sum", &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 3, "{coverage:#?}");
    }

    #[test]
    fn a_cumulative_column_no_row_adds_up_to_is_a_level_not_judged() {
        // "s.d." as the level reached: no row is the sum of the years.
        let text = CUMULATIVE
            .replace("{rth}", "0.612 %")
            .replace("{sampah}", "5 %")
            .replace("110.95 %", "61 %");
        let (found, coverage) = run_default("table-cumulative-sum", &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 0, "{coverage:#?}");
        assert_eq!(coverage.skipped.len(), 1, "{coverage:#?}");
    }

    const BUDGET: &str = "Tabel 3.1 Anggaran\n\n| No | Program | Anggaran (Rp) |\n|---|---|---|\n| 1 | Program A | 1.000.000 |\n| 2 | Program B | 2.500.000 |\n| | JUMLAH | {total} |\n";

    #[test]
    fn a_total_that_is_not_the_sum_of_its_rows_is_found() {
        let found = findings("table-column-sum", &BUDGET.replace("{total}", "3.600.000"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "3.500.000");
    }

    #[test]
    fn a_total_under_items_numbered_from_past_one_is_not_judged() {
        // Items 1–9 were on earlier pages: the JUMLAH covers them too.
        let cut = BUDGET
            .replace("| 1 | Program A", "| 10 | Program A")
            .replace("| 2 | Program B", "| 11 | Program B")
            .replace("{total}", "9.600.000");
        let (found, coverage) = run_default("table-column-sum", &cut);
        assert!(found.is_empty(), "{found:#?}");
        assert!(
            coverage.skipped.keys().any(|why| why.en.contains("past 1")),
            "{coverage:#?}"
        );
    }

    #[test]
    fn a_total_over_a_first_item_numbered_deeper_is_judged() {
        // "1 1.1" leads with its sub-item's number: the items start at 1.
        let text = "| No | Uraian | Anggaran (Rp) |\n|---|---|---|\n\
            | 1 1.1 | PENDAPATAN | 1.000.000 |\n\
            | 2 | BELANJA | 2.500.000 |\n\
            | | JUMLAH | 3.600.000 |\n";
        assert_eq!(findings("table-column-sum", text).len(), 1);
    }

    #[test]
    fn a_total_that_is_the_sum_of_its_rows_is_not_found() {
        let (found, coverage) =
            run_default("table-column-sum", &BUDGET.replace("{total}", "3.500.000"));
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1);
    }

    #[test]
    fn a_total_named_beside_its_currency_mark_and_a_note_is_checked() {
        // "JUMLAH | Rp. | 162.286.927.500,00 | APBD": the mark and the note
        // after the amount are not the total's name.
        let text = "| No | Program | | Anggaran (Rp) | Keterangan |\n|---|---|---|---|---|\n\
            | 1. | Program A | Rp. | 1.000.000,00 | APBD |\n\
            | 2. | Program B | Rp. | 2.500.000,00 | APBD |\n\
            | | JUMLAH | Rp. | {total} | APBD |\n";
        let (found, coverage) =
            run_default("table-column-sum", &text.replace("{total}", "3.500.000,00"));
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1);
        let found = findings("table-column-sum", &text.replace("{total}", "3.600.000,00"));
        assert_eq!(found.len(), 1, "{found:#?}");
        // A row that only starts with the word is an indicator, not a total.
        let (found, coverage) = run_default(
            "table-column-sum",
            &text.replace(
                "| | JUMLAH | Rp. | {total} |",
                "| 3. | Jumlah kasus yang ditangani | Rp. | 9.000.000,00 |",
            ),
        );
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 0);
    }

    #[test]
    fn letter_spaced_numbered_sub_totals_and_their_sum_are_checked() {
        // Peternakan's Tabel 8: J U M L A H I, J U M L A H II, JUMLAH I + JUMLAH II,
        // over a revenue target column.
        let text = "Tabel 8 Pencapaian PADS\n\n| Uraian | Target | Realisasi |\n|---|---|---|\n\
            | Retribusi Pemakaian Kekayaan Daerah | | |\n\
            | 1 UPTD A | 457.000.000 | 542.850.050 |\n\
            | 2 UPTD B | 41.000.000 | 11.220.000 |\n\
            | J U M L A H I | 498.000.000 | 554.070.050 |\n\
            | Retribusi Penjualan Produk Usaha Daerah | | |\n\
            | 1 UPTD C | 1.250.000.000 | 1.963.108.800 |\n\
            | 2 UPTD D | 730.000.000 | 826.544.525 |\n\
            | J U M L A H II | 1.980.000.000 | 2.789.653.325 |\n\
            | JUMLAH I + JUMLAH II | {grand} | 3.343.723.375 |\n";
        let (found, coverage) = run_default(
            "table-column-sum",
            &text.replace("{grand}", "2.478.000.000"),
        );
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 6, "{coverage:#?}");
        let found = findings(
            "table-column-sum",
            &text.replace("{grand}", "2.578.000.000"),
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "2.478.000.000");
    }

    #[test]
    fn total_belanja_langsung_closes_the_programs() {
        let text = "| No. | Program | Anggaran (Rp.) |\n|---|---|---|\n\
            | 1 | Program A | 129.000.000 |\n\
            | 2 | Program B | 448.500.000 |\n\
            | TOTAL BELANJA LANGSUNG | | 577.500.000 |\n";
        let (found, coverage) = run_default("table-column-sum", text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1);
    }

    #[test]
    fn a_program_over_one_kegiatan_and_a_dash_wrapped_below_its_comma() {
        let text = "Tabel 11 Realisasi Keuangan Kegiatan\n\n| Program/Kegiatan | Anggaran | Realisasi Anggaran |\n|---|---|---|\n\
            | Program Promosi Kesehatan | 518.309.200,- | {real} |\n\
            | Peningkatan Penyebarluasan Informasi | 518.309.200,- | 494.541.600,- |\n\
            | Program Pelayanan Kesehatan | 19.954.920.000, - | 18.350.776.107, - |\n\
            | Peningkatan Pelayanan Kesehatan Jiwa | 3.954.920.000,- | 5.088.903.832,- |\n\
            | Pelayanan dan pendukung pelayanan BLUD | 16.000.000.000, - | 13.261.872.275, - |\n";
        let (found, coverage) =
            run_default("table-column-sum", &text.replace("{real}", "494.541.600,-"));
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 4, "{coverage:#?}");
        // The one kegiatan's anggaran establishes it; its realisasi differs.
        let found = findings("table-column-sum", &text.replace("{real}", "495.541.600,-"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "495.541.600,-");
    }

    #[test]
    fn a_group_row_of_tons_is_the_sum_of_its_items() {
        let text = "Tabel 3 Sasaran Produksi\n\n| No | Jenis Ternak | Produksi (Ton) 2016 | R (%) |\n|---|---|---|---|\n\
            | I | Daging | {daging} | 3,64 |\n\
            | 1 | Sapi Lokal | 84.491.196 | 4,63 |\n\
            | 2 | Domba | 34.133.102 | 5,71 |\n\
            | 3 | Itik | 6.511.637 | 3,43 |\n\
            | II | Telur | 19.664.305 | 3,24 |\n\
            | 1 | Ayam Buras | 19.464.305 | 2,64 |\n\
            | 2 | Itik | 200.000 | 3,10 |\n";
        let found = findings("table-column-sum", &text.replace("{daging}", "126.352.801"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "126.352.801");
        assert_eq!(found[0].expected, "125.135.935");
        // Right, it agrees; the growth-rate column (%) is never summed.
        let (found, coverage) =
            run_default("table-column-sum", &text.replace("{daging}", "125.135.935"));
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 2, "{coverage:#?}");
    }

    #[test]
    fn a_total_equal_to_one_group_over_its_items_is_verified() {
        // PENDAPATAN over its one kind over a. and b.: the total is that group.
        let text = "Tabel 10 Realisasi Pendapatan\n\n| Uraian | Target Pendapatan (Rp) |\n|---|---|\n\
            | PENDAPATAN ASLI DAERAH | 16.000.000.000 |\n\
            | Pendapatan BLUD | 16.000.000.000 |\n\
            | a. Pelayanan Kesehatan Jiwa | 15.200.000.000 |\n\
            | b. Pemanfaatan kekayaan daerah | 800.000.000 |\n\
            | Jumlah | {total} |\n";
        let (found, coverage) = run_default(
            "table-column-sum",
            &text.replace("{total}", "16.000.000.000"),
        );
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1, "{coverage:#?}");
        // Not equal: which rows it adds is not known, it abstains.
        let (found, coverage) = run_default(
            "table-column-sum",
            &text.replace("{total}", "17.000.000.000"),
        );
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 0);
        // One row and its total alone: abstains.
        let one = "| Uraian | Target Pendapatan (Rp) |\n|---|---|\n| Pendapatan Asli Daerah | 244.804.000.000 |\n| Jumlah | 244.804.000.000 |\n";
        let (_, coverage) = run_default("table-column-sum", one);
        assert_eq!(coverage.agree, 0);
    }

    const SASARAN: &str = "C. AKUNTABILITAS KEUANGAN\n\nKeseluruhan anggaran Kecamatan Ledokombo tahun 2020 adalah sebesar Rp 1.505.651.826 yang terdiri dari:\n\n- a. Belanja Tidak Langsung\tRp. 1.105.651.826\n- b. Belanja Langsung\tRp. 400.000.000\n\nUntuk Sasaran Strategis I didukung oleh Program Koordinasi Pelayanan Umum Dengan Anggaran Rp 34.250.000\n\nKeseluruhan anggaran Program sejumlah Rp {amount},- yang dialokasikan untuk sasaran I adalah sebesar {share} dari keseluruhan belanja langsung Kecamatan Ledokombo\n";

    #[test]
    fn an_amount_stated_as_a_share_of_a_part_is_checked() {
        let text = SASARAN
            .replace("{amount}", "400.000.000")
            .replace("{share}", "8,56%");
        let found = findings("amount-share", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "8,56%");
        assert_eq!(found[0].expected, "100,00%");
        // 34.250.000 / 400.000.000 = 8,5625 %; 36.750.000 → 9,1875 % (truncated 9,18).
        for (amount, share) in [
            ("34.250.000", "8,56%"),
            ("36.750.000", "9,18 %"),
            ("28.115.000", "7%"),
        ] {
            let text = SASARAN
                .replace("{amount}", amount)
                .replace("{share}", share);
            let (found, coverage) = run_default("amount-share", &text);
            assert!(found.is_empty(), "{amount}: {found:#?}");
            assert_eq!(coverage.agree, 1, "{amount}");
        }
        // The realisation's share, not the amount's.
        let text = SASARAN
            .replace("{amount}", "400.000.000")
            .replace("{share}", "8,56%")
            .replace(",- yang dialokasikan", ",- dan terealisasi");
        let (found, coverage) = run_default("amount-share", &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 1);
        // The composition's own shares are share-of-total's, not this rule's.
        let own = format!(
            "{}\nProporsi Anggaran, Belanja Langsung sebesar 36,17%\n",
            SASARAN
                .replace("{amount}", "34.250.000")
                .replace("{share}", "8,56%")
        );
        assert!(findings("amount-share", &own).is_empty());
    }

    #[test]
    fn a_share_of_a_part_the_composition_lacks_is_left() {
        let text = SASARAN
            .replace(
                "- b. Belanja Langsung\tRp. 400.000.000\n",
                "- b. Belanja Modal\tRp. 400.000.000\n",
            )
            .replace("{amount}", "400.000.000")
            .replace("{share}", "8,56%");
        let (found, coverage) = run_default("amount-share", &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 1);
    }

    #[test]
    fn a_column_of_what_the_ratio_leaves_is_not_the_ratio() {
        // "(1-A/B) x 100%": the efficiency left by realisasi / pagu, read
        // here on a row of its own with nothing else to show the column's
        // formula. A wrong ratio in the same place is still found.
        let text = "| No | Indikator | Pagu | Realisasi Keu | (1-A/B) x 100% |\n|---|---|---|---|---|\n\
            | 1 | Jumlah Penumpang | 1.387.287.000 | 1.264.108.406 | 8,88% |\n";
        let (found, coverage) = run_default("table-percentage", text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 1, "{coverage:?}");
        let wrong = text.replace("8,88%", "9,88%");
        assert_eq!(findings("table-percentage", &wrong).len(), 1);
    }

    /// Programs over their kegiatan, each program the sum of the rows below it:
    /// the total is the sum of the programs, not of every row.
    #[test]
    fn programs_over_their_kegiatan_are_not_counted_twice() {
        let text = "| No | Program/Kegiatan | Anggaran (Rp) | Realisasi (Rp) | % |\n|---|---|---|---|---|\n\
            | 1 | Program A | 3.000.000 | 2.900.000 | 96,67 |\n\
            | | Kegiatan A1 | 1.000.000 | 1.000.000 | 100,00 |\n\
            | | Kegiatan A2 | 2.000.000 | 1.900.000 | 95,00 |\n\
            | 2 | Program B | 500.000 | 450.000 | 90,00 |\n\
            | | Kegiatan B1 | 500.000 | 450.000 | 90,00 |\n\
            | | Jumlah | 3.500.000 | 3.350.000 | 95,71 |\n";
        let (found, coverage) = run_default("table-column-sum", text);
        assert!(found.is_empty(), "{found:#?}");
        // The two totals, Program A over its two kegiatan and Program B over
        // its one (both columns).
        assert_eq!(coverage.agree, 6, "{coverage:#?}");
        // The % column is a ratio, never a sum.
        assert!(findings("table-percentage", text).is_empty());
    }

    /// A program row over its kegiatan (labels, no numbering, no total):
    /// where its pagu adds up, its realisasi must too.
    #[test]
    fn a_program_realisation_that_is_not_the_sum_of_its_kegiatan_is_found() {
        let text = "| No | Program/Kegiatan | Pagu (Rp) | Realisasi (Rp) | % |\n|---|---|---|---|---|\n\
            | 4 | Program Kerjasama Pembangunan | 7.514.213.400,00 | 7.273.431.900,00 | 96,80% |\n\
            | | Pengembangan Kemitraan dan Kolaborasi Riset | 1.071.768.000,00 | 975.767.379,00 6.297.664.332,00 | 91,04% |\n\
            | | Kegiatan Kerjasama Pelaksanaan Program Riset | 6.442.445.400,00 | | 97,75% |\n\
            | | Program Penelitian, Studi dan Survei | 964.500.000,00 | 953.481.836,00 | 98,86% |\n\
            | | Kegiatan Penyebarluasan Hasil Penelitian | 584.500.000,00 | 579.991.336,00 | 99,23% |\n\
            | | Penerbitan Jurnal dan Buletin | 380.000.000,00 | 373.490.500,00 | 98,29% |\n";
        let (found, coverage) = run_default("table-column-sum", text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "7.273.431.900,00");
        assert_eq!(found[0].expected, "7.273.431.711,00");
        assert_eq!(coverage.agree, 3, "{coverage:#?}");
        // Where no column adds up, the rows below are not known to be its kegiatan.
        let unsure = text.replace("7.514.213.400,00", "7.600.000.000,00");
        let (found, coverage) = run_default("table-column-sum", &unsure);
        assert!(found.is_empty(), "{found:#?}");
        assert!(!coverage.skipped.is_empty());
    }

    /// Numbered rows 2.2 over 2.2.1 … : the parent is checked against its
    /// items, the total against the top rows.
    #[test]
    fn a_numbered_parent_that_is_not_the_sum_of_its_items_is_found() {
        let text = "| No. | Uraian | Anggaran (Rp) |\n|---|---|---|\n\
            | 2 | BELANJA | |\n\
            | 2.1 | Belanja Tidak Langsung | 8.000.000 |\n\
            | 2.1.1 | Belanja Pegawai | 8.000.000 |\n\
            | 2.2 | Belanja Langsung | 9.000.000 |\n\
            | 2.2.1 | Belanja Pegawai | 1.000.000 |\n\
            | 2.2.2 | Belanja Barang dan Jasa | 6.000.000 |\n\
            | 2.2.3 | Belanja Modal | 3.000.000 |\n\
            | | JUMLAH | 17.000.000 |\n";
        let found = findings("table-column-sum", text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "9.000.000");
        assert_eq!(found[0].expected, "10.000.000");
    }

    /// A kegiatan that lost its number (a scan read "1, -, 3, 4") would
    /// read as a line of kegiatan 1 and leave the program short by its
    /// amount: the program is not checked. With the number it adds up.
    #[test]
    fn items_whose_numbering_skips_a_number_are_not_summed() {
        let table = |second: &str| {
            format!(
                "| No | Program/Kegiatan | Anggaran (Rp) |\n|---|---|---|\n\
                 | II | Program Sarana | 41.054.500 |\n\
                 | 1 | Pemeliharaan gedung | 4.004.500 |\n\
                 | {second} | Pemeliharaan mobil | 22.650.000 |\n\
                 | 3 | Pemeliharaan kendaraan | 6.550.000 |\n\
                 | 4 | Pemeliharaan alat kantor | 7.850.000 |\n"
            )
        };
        let (found, coverage) = run_default("table-column-sum", &table(""));
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.get(&super::SUM_NUMBERING_GAP), Some(&1));
        let (found, coverage) = run_default("table-column-sum", &table("2"));
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1);
        // Numbered right, the program's sum is still held to its kegiatan.
        let wrong = table("2").replace("41.054.500", "41.000.000");
        assert_eq!(findings("table-column-sum", &wrong).len(), 1);
    }

    /// Sub-totals per sasaran, then the grand total of the sub-totals.
    #[test]
    fn a_grand_total_of_sub_totals_is_consistent() {
        let text = "| No | Sasaran | Anggaran | % Anggaran |\n|---|---|---|---|\n\
            | 1 | Sasaran A | 1.500.000 | 30,00 |\n\
            | | Sasaran A2 | 500.000 | 10,00 |\n\
            | Jumlah | | 2.000.000 | 40,00 |\n\
            | 2 | Sasaran B | 3.000.000 | 60,00 |\n\
            | | Sasaran B2 | 0 | 0 |\n\
            | Jumlah | | 3.000.000 | 60,00 |\n\
            | Jumlah | | 5.000.000 | 100 |\n";
        let found = findings("table-column-sum", text);
        assert!(found.is_empty(), "{found:#?}");
    }

    /// "Jumlah kasus …" is an indicator, not a total; a page number in an
    /// amount column is not an amount.
    #[test]
    fn rows_that_only_start_with_jumlah_and_page_numbers_are_not_totals() {
        let text = "| No | Uraian | Anggaran (Rp) |\n|---|---|---|\n\
            | 1 | Jumlah kasus yang ditangani | 1.000.000 |\n\
            | 2 | Kegiatan B | 2.000.000 |\n\
            | | 12 | |\n\
            | 3 | Kegiatan C | 3.000.000 |\n\
            | | TOTAL | 6.000.000 |\n";
        let (found, coverage) = run_default("table-column-sum", text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1);
    }

    /// In a table "(dalam ribuan)" every amount is rounded to a thousand: a
    /// total off by less than the items' rounding is consistent, one off by
    /// more is not.
    #[test]
    fn totals_in_thousands_allow_the_rounding_of_each_item() {
        let table = |total: &str| {
            format!(
                "Tabel 2 Anggaran (dalam ribuan)\n\n| No | Program | Anggaran (Rp) |\n|---|---|---|\n\
                 | 1 | Program A | 1.001 |\n| 2 | Program B | 2.001 |\n| 3 | Program C | 3.001 |\n\
                 | | JUMLAH | {total} |\n"
            )
        };
        assert!(findings("table-column-sum", &table("6.004")).is_empty());
        assert!(findings("table-column-sum", &table("6.002")).is_empty());
        let found = findings("table-column-sum", &table("6.010"));
        assert_eq!(found.len(), 1, "{found:#?}");
    }

    #[test]
    fn totals_of_measured_quantities_allow_the_rounding_of_each_item() {
        // Tonnes are printed rounded: three items may add up a unit off
        // their total. Rupiah add up exactly.
        let table = |unit: &str, total: &str| {
            format!(
                "Tabel 3 Produksi\n\n| No | Komoditas | Produksi {unit} |\n|---|---|---|\n\
                 | 1 | Ayam Buras | 18.685.060 |\n| 2 | Ayam Ras | 134.200.792 |\n| 3 | Itik | 51.458.600 |\n\
                 | | JUMLAH | {total} |\n"
            )
        };
        assert!(findings("table-column-sum", &table("(Ton)", "204.344.451")).is_empty());
        assert_eq!(
            findings("table-column-sum", &table("(Ton)", "204.344.455")).len(),
            1
        );
        assert_eq!(
            findings("table-column-sum", &table("(Rp)", "204.344.451")).len(),
            1
        );
    }

    /// A running (cumulative) column is not summed.
    #[test]
    fn a_running_total_column_is_not_summed() {
        let text = "| No | Bulan | RPD (Rp) | RPD Kumulatif (Rp) |\n|---|---|---|---|\n\
            | 1 | Januari | 1.000.000 | 1.000.000 |\n\
            | 2 | Februari | 2.000.000 | 3.000.000 |\n\
            | 3 | Maret | 3.000.000 | 6.000.000 |\n\
            | | Total | 6.000.000 | 6.000.000 |\n";
        assert!(findings("table-column-sum", text).is_empty());
    }

    /// Anggaran before and after the revision: the percentage follows the
    /// column the table's rows follow.
    #[test]
    fn the_percentage_follows_the_denominator_the_table_uses() {
        let text = "| Kegiatan | Anggaran Sebelum Perubahan | Anggaran Setelah Perubahan | Realisasi Anggaran | Realisasi % |\n|---|---|---|---|---|\n\
            | Kegiatan A | 1.000.000 | 800.000 | 720.000 | 90,00 |\n\
            | Kegiatan B | 2.000.000 | 1.500.000 | 1.200.000 | 80,00 |\n\
            | Kegiatan C | 500.000 | 400.000 | 300.000 | 80,00 |\n";
        let found = findings("table-percentage", text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "80,00");
        assert_eq!(found[0].expected, "75,00%");
    }

    const PERFORMANCE: &str = "Tabel 3.1 Pengukuran Kinerja\n\n| No | Indikator | Target | Realisasi | Capaian (%) |\n|---|---|---|---|---|\n| 1 | {indicator} | {target} | {real} | {capaian} |\n";

    fn performance(indicator: &str, target: &str, real: &str, capaian: &str) -> String {
        PERFORMANCE
            .replace("{indicator}", indicator)
            .replace("{target}", target)
            .replace("{real}", real)
            .replace("{capaian}", capaian)
    }

    #[test]
    fn a_capaian_that_is_not_realisasi_over_target_is_found() {
        let found = findings(
            "capaian-formula",
            &performance("Persentase layanan", "80", "72", "95,00"),
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "90,00%");
        let (found, coverage) = run_default(
            "capaian-formula",
            &performance("Persentase layanan", "80", "72", "90,00"),
        );
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1);
    }

    /// Lower is better for poverty: (target − (realisasi − target)) / target.
    #[test]
    fn a_negative_indicator_follows_the_negative_formula() {
        let text = performance("Angka kemiskinan", "10", "8", "120,00");
        assert!(findings("capaian-formula", &text).is_empty());
        let text = performance("Angka kemiskinan", "10", "8", "80,00");
        let found = findings("capaian-formula", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "120,00%");
    }

    /// A report that states both formulas: an indicator of unknown polarity
    /// may follow either.
    #[test]
    fn either_formula_is_accepted_when_the_polarity_is_unknown() {
        let formulas = "Capaian kinerja = Realisasi / Target x 100\n\nCapaian kinerja = (Target - (Realisasi - Target)) / Target x 100\n\n";
        let text = format!(
            "{formulas}{}",
            performance("Rasio layanan", "10", "8", "120,00")
        );
        assert!(findings("capaian-formula", &text).is_empty());
        let text = format!(
            "{formulas}{}",
            performance("Rasio layanan", "10", "8", "95,00")
        );
        assert_eq!(findings("capaian-formula", &text).len(), 1);
    }

    /// The negative formula said in words (the formula itself an image):
    /// "semakin tinggi realisasi makin rendah capaian kinerja".
    #[test]
    fn the_negative_formula_in_words_allows_either_polarity() {
        let said = "Semakin tinggi realisasi makin rendah capaian kinerja maka dipergunakan rumus ke 2.\n\n";
        let row = performance("Tempat pembuangan sampah per penduduk", "18", "25", "61");
        assert_eq!(findings("capaian-formula", &row).len(), 1);
        assert!(findings("capaian-formula", &format!("{said}{row}")).is_empty());
    }

    /// A whole count of cases is exact: 50 cases against 55 by the negative
    /// formula is 109,09, not 110 (55 / 50, or 49,5 read as rounded).
    #[test]
    fn a_counted_realisasi_is_exact() {
        let table = |unit: &str, capaian: &str| {
            format!(
                "Rumus negatif: (Target - (Realisasi - Target)) / Target x 100%\n\n\
                 | No | Indikator Kinerja | Satuan | Target | Realisasi | Capaian (%) |\n\
                 |---|---|---|---|---|---|\n\
                 | 1 | Jumlah kasus AI | {unit} | 55 | 50 | {capaian} |\n"
            )
        };
        assert_eq!(findings("capaian-formula", &table("Kasus", "110")).len(), 1);
        assert!(findings("capaian-formula", &table("Kasus", "109,09")).is_empty());
        // Under a unit that is not a count the realisasi may be rounded.
        assert!(findings("capaian-formula", &table("Indeks", "110")).is_empty());
    }

    /// A realisasi printed rounded ("97" for 96,54) stands for its interval.
    #[test]
    fn a_rounded_realisasi_is_an_interval() {
        let text = performance("Indeks kepuasan", "90", "97", "107,27");
        assert!(findings("capaian-formula", &text).is_empty());
    }

    #[test]
    fn a_range_target_is_not_checked_and_says_why() {
        let (found, coverage) = run_default(
            "capaian-formula",
            &performance("Penurunan emisi", "5-6%", "11,45%", "190,83%"),
        );
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 1, "{coverage:#?}");
    }

    /// "Rp 1,5 miliar" stands for 1.450.000.000 … 1.550.000.000.
    #[test]
    fn a_whole_with_a_scale_word_is_an_interval() {
        let text = |whole: &str| {
            format!(
                "Keseluruhan anggaran tahun 2020 sebesar Rp {whole} yang terdiri dari:\n\n\
                 a. Belanja Tidak Langsung Rp 1.000.000.000\n\
                 b. Belanja Langsung Rp 520.000.000\n\n\
                 Anggaran tersebut digunakan untuk membiayai program dan kegiatan tahun ini dengan baik dan benar.\n"
            )
        };
        assert!(findings("parts-sum", &text("1,5 miliar")).is_empty());
        assert_eq!(findings("parts-sum", &text("1,4 miliar")).len(), 1);
    }

    /// A decrease is printed with its sign: "-0,38" is checked like "0,38",
    /// and a wrong sign is found.
    #[test]
    fn a_signed_change_is_checked_with_its_sign() {
        let table = |sapi_perah: &str, kerbau: &str| {
            format!(
                "Tabel 7 Perbandingan Capaian\n\n| No | Indikator | Realisasi (%) 2015 | Realisasi (%) 2016 | % Peningkatan |\n|---|---|---|---|---|\n\
                 | 1 | Sapi Potong | 95,10 | 88,13 | -6,97 |\n\
                 | 2 | Sapi Perah | 82,80 | 83,18 | {sapi_perah} |\n\
                 | 3 | Kerbau | 80,20 | 71,98 | {kerbau} |\n\
                 | 4 | Itik | 98,90 | 105,07 | 6,17 |\n"
            )
        };
        let (found, coverage) = run_default("table-difference", &table("0,38", "−8,22"));
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 4, "{coverage:#?}");
        let found = findings("table-difference", &table("-0,38", "-8,22"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "-0,38");
        assert_eq!(found[0].expected, "0,38");
        let found = findings("table-difference", &table("0,38", "-8,53"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "-8,22");
    }

    /// A change column giving the change relative to the earlier year on one
    /// row and the points between on another: the rows of points are found,
    /// with their relative change; a column of one way, and a row whose
    /// relative change rounds to what it prints, are not.
    #[test]
    fn a_change_column_of_two_ways_is_found() {
        let table = |kebijakan: &str, opd: &str, kabkota: &str| {
            format!(
                "Tabel III.2 Perbandingan Realisasi Kinerja\n\n| No | Indikator | Realisasi 2015 | Realisasi 2016 | Peningkatan (%) |\n|---|---|---|---|---|\n\
                 | 1 | Jumlah kebijakan | 17 | 19 | {kebijakan} |\n\
                 | 2 | OPD tepat waktu (%) | 90 | 92 | {opd} |\n\
                 | 3 | Kab/Kota tepat waktu (%) | 85 | 90 | {kabkota} |\n"
            )
        };
        let found = findings("table-change-method", &table("11,76", "2", "5"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            (found[0].stated.as_str(), found[0].expected.as_str()),
            ("5", "6")
        );
        assert!(found[0].computation.en.contains("5,88"), "{found:#?}");
        assert!(!found[0].related.is_empty());
        // Points throughout, or relative throughout: one way.
        assert!(findings("table-change-method", &table("2", "2", "5")).is_empty());
        assert!(findings("table-change-method", &table("11,76", "2,22", "5,88")).is_empty());
        // Every way the column is read, the plain difference check agrees.
        assert!(findings("table-difference", &table("11,76", "2", "5")).is_empty());
    }
}
