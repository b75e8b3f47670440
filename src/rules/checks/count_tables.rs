//! Tables of counts (staff by sex, by rank, by education): the closing
//! JUMLAH row equals the sum of the rows above it, and a JUMLAH column equals
//! the sum of the count columns beside it — checked only where the table's
//! other columns and rows show that it is built that way.

use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::structure::{Row, RowKind, Table};

use super::arithmetic::SumMismatch;
use super::common::{Context, Pattern};
use super::{Check, Draft, Sink, Why};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountSumParams {
    /// The label of the closing total row ("JUMLAH", "TOTAL").
    total_row: Pattern,
    /// The header of a column holding each row's total ("JUMLAH", "Total").
    total_column: Pattern,
}

/// Sums in a table whose values are all small whole counts.
#[derive(Debug)]
pub struct CountSum {
    p: CountSumParams,
}

impl CountSum {
    pub fn new(p: CountSumParams) -> Result<Self, String> {
        Ok(CountSum { p })
    }
}

const NOT_COUNTS: Why = Why {
    en: "the table's values are not all whole counts with one closing total row",
    id: "nilai tabel tidak semuanya bilangan cacah dengan satu baris jumlah penutup",
};
const NOT_BUILT: Why = Why {
    en: "the other sums of the table do not hold: how it adds up is not known",
    id: "jumlah lain pada tabel tidak cocok: cara penjumlahannya tidak diketahui",
};

static NUMBERING: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)^\s*(no|nomor|no\.?\s*urut)\s*\.?\s*$").expect("valid regex")
});
static NOT_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)%|persen|capaian|target|realisasi|anggaran|rp|tahun|20\d\d|rata|nilai|indeks|skor",
    )
    .expect("valid regex")
});

/// A cell as a count: a whole number ("12", "1.250"), "-" or empty as none
/// (0), anything else unknown.
fn count(row: &Row, col: usize) -> Option<Option<Decimal>> {
    static WHOLE: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::compile(r"^(?:\d{1,3}(?:\.\d{3})+|\d{1,5})$").expect("valid regex")
    });
    let cell = row.cell(col)?;
    let text = cell.text.trim();
    if text.is_empty() || text.chars().all(|c| matches!(c, '-' | '–' | '—')) {
        return Some(None);
    }
    if !WHOLE.is_match(text) {
        return None;
    }
    let value: Decimal = text.replace('.', "").parse().ok()?;
    (value < Decimal::from(100_000)).then_some(Some(value))
}

/// A column's closing total and the sum of its items.
struct ColumnSum {
    column: usize,
    stated: Decimal,
    computed: Decimal,
}

/// A row's figure in the total column and its figures in the columns before it.
struct RowSum {
    row: usize,
    stated: Decimal,
    values: Vec<Decimal>,
}

impl RowSum {
    fn computed(&self) -> Decimal {
        self.values.iter().copied().sum()
    }
}

impl CountSum {
    /// Count columns: every body cell a whole count or empty, at least two
    /// filled, the total row filled; not the row numbering (1, 2, 3 … down).
    fn count_columns(table: &Table, body: &[Row], last: &Row) -> Vec<usize> {
        (0..table.columns.len())
            .filter(|&c| {
                let label = &table.columns[c];
                if NUMBERING.is_match(label) || NOT_COUNT.is_match(label) {
                    return false;
                }
                let cells: Option<Vec<Option<Decimal>>> =
                    body.iter().map(|r| count(r, c)).collect();
                let Some(cells) = cells else {
                    return false;
                };
                let filled: Vec<Decimal> = cells.iter().flatten().copied().collect();
                if filled.len() < 2 || !matches!(count(last, c), Some(Some(_))) {
                    return false;
                }
                let sequence = filled.len() == cells.len()
                    && filled
                        .iter()
                        .enumerate()
                        .all(|(i, v)| *v == Decimal::from(i as u64 + 1));
                !sequence
            })
            .collect()
    }

    /// A total column: the last count column headed as one, with at least
    /// two count columns before it; each row's figure in it against theirs.
    fn row_sums(&self, table: &Table, columns: &[usize]) -> (Option<usize>, Vec<RowSum>) {
        let total_col = columns
            .iter()
            .copied()
            .rev()
            .find(|&c| self.p.total_column.is_match(&table.columns[c]));
        let Some(t) = total_col else {
            return (None, Vec::new());
        };
        let parts: Vec<usize> = columns.iter().copied().filter(|&c| c < t).collect();
        if parts.len() < 2 {
            return (total_col, Vec::new());
        }
        let sums = table
            .rows
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let stated = count(r, t).flatten()?;
                let values = parts
                    .iter()
                    .map(|&c| count(r, c).flatten().unwrap_or_default())
                    .collect();
                Some(RowSum {
                    row: i,
                    stated,
                    values,
                })
            })
            .collect();
        (total_col, sums)
    }
}

/// A table of counts closed by one total row: its item rows, the total row
/// and the columns of counts.
struct CountTable<'t> {
    body: &'t [Row],
    last: &'t Row,
    columns: Vec<usize>,
}

/// The sums establish the table's structure when they hold but for one, and
/// there are at least `min_len` of them.
fn hold_but_one(agreeing: usize, len: usize, min_len: usize) -> bool {
    len >= min_len && agreeing + 1 >= len
}

impl Check for CountSum {
    fn table(&self, table: &Table, ctx: &Context<'_, '_>, out: &mut Sink) {
        let Some(ct) = self.count_table(table, out) else {
            return;
        };
        let sums: Vec<ColumnSum> = ct
            .columns
            .iter()
            .filter_map(|&c| {
                let stated = count(ct.last, c).flatten()?;
                let computed: Decimal = ct.body.iter().filter_map(|r| count(r, c).flatten()).sum();
                Some(ColumnSum {
                    column: c,
                    stated,
                    computed,
                })
            })
            .collect();
        let (total_col, row_sums) = self.row_sums(table, &ct.columns);
        let rows_agreeing = row_sums.iter().filter(|r| r.computed() == r.stated).count();
        let columns_agreeing = sums.iter().filter(|s| s.stated == s.computed).count();
        let rows_hold = hold_but_one(rows_agreeing, row_sums.len(), 3);
        let columns_hold = hold_but_one(columns_agreeing, sums.len(), 2) && columns_agreeing >= 1;
        // The total row's own total, once reported down its column, is not
        // reported again across its row.
        let mut reported_total = false;
        if columns_hold {
            reported_total = column_findings(ctx, table, &ct, &sums, total_col, out);
        } else if !sums.is_empty() {
            out.skip(NOT_BUILT);
        }
        if rows_hold {
            row_findings(ctx, table, &row_sums, total_col, reported_total, out);
        } else if !row_sums.is_empty() {
            out.skip(NOT_BUILT);
        }
    }
}

impl CountSum {
    /// One closing total row, at the end; every other row an item; two count
    /// columns or more.
    fn count_table<'t>(&self, table: &'t Table, out: &mut Sink) -> Option<CountTable<'t>> {
        let n = table.rows.len();
        if n < 4 {
            return None;
        }
        let last = &table.rows[n - 1];
        let total_label = last
            .cells
            .iter()
            .any(|c| self.p.total_row.is_match(&c.text));
        if !total_label {
            return None;
        }
        let body = &table.rows[..n - 1];
        if body.iter().any(|r| {
            r.kind != RowKind::Item || r.cells.iter().any(|c| self.p.total_row.is_match(&c.text))
        }) {
            out.skip(NOT_COUNTS);
            return None;
        }
        let columns = Self::count_columns(table, body, last);
        if columns.len() < 2 {
            if !columns.is_empty() {
                out.skip(NOT_COUNTS);
            }
            return None;
        }
        Some(CountTable {
            body,
            last,
            columns,
        })
    }
}

/// Each column's total against its items; whether the total column's own
/// total was reported.
fn column_findings(
    ctx: &Context<'_, '_>,
    table: &Table,
    ct: &CountTable<'_>,
    sums: &[ColumnSum],
    total_col: Option<usize>,
    out: &mut Sink,
) -> bool {
    let mut reported_total = false;
    for sum in sums {
        if sum.stated == sum.computed {
            out.agree();
            continue;
        }
        reported_total |= Some(sum.column) == total_col;
        let values: Vec<Decimal> = ct
            .body
            .iter()
            .map(|r| count(r, sum.column).flatten().unwrap_or_default())
            .collect();
        let mismatch = SumMismatch {
            table,
            row: ct.last,
            column: &table.columns[sum.column],
            values: &values,
            computed: sum.computed,
        };
        out.push(count_draft(ctx, &mismatch, sum.stated, ct.body.iter()));
    }
    reported_total
}

/// Each row's total column against its counts; the total row's not again
/// when its column reported it.
fn row_findings(
    ctx: &Context<'_, '_>,
    table: &Table,
    row_sums: &[RowSum],
    total_col: Option<usize>,
    reported_total: bool,
    out: &mut Sink,
) {
    let n = table.rows.len();
    let label = total_col.map(|t| table.columns[t].as_str()).unwrap_or("");
    for sum in row_sums {
        let computed = sum.computed();
        if computed == sum.stated {
            out.agree();
            continue;
        }
        if sum.row == n - 1 && reported_total {
            continue;
        }
        let row = &table.rows[sum.row];
        let mismatch = SumMismatch {
            table,
            row,
            column: label,
            values: &sum.values,
            computed,
        };
        out.push(count_draft(
            ctx,
            &mismatch,
            sum.stated,
            std::iter::once(row),
        ));
    }
}

/// A count is whole: stated and expected are printed as plain integers.
fn count_draft<'r>(
    ctx: &Context<'_, '_>,
    mismatch: &SumMismatch<'_>,
    stated: Decimal,
    parts: impl Iterator<Item = &'r Row>,
) -> Draft {
    let expected = mismatch.computed.to_string();
    mismatch.draft(ctx, (stated.to_string(), stated), expected, parts)
}

#[cfg(test)]
mod tests {
    use super::hold_but_one;

    #[test]
    fn sums_hold_but_for_one_from_a_minimum_number() {
        assert!(hold_but_one(2, 3, 3));
        assert!(hold_but_one(3, 3, 3));
        assert!(!hold_but_one(1, 3, 3));
        assert!(!hold_but_one(2, 2, 3));
        assert!(hold_but_one(1, 2, 2));
        assert!(!hold_but_one(0, 0, 2));
    }

    use crate::rules::checks::testing::{findings, run_default};

    const STAFF: &str = "Tabel I.1 Data Pegawai\n\n| NO | PERSONIL | Laki-laki | Perempuan | JUMLAH |\n|---|---|---|---|---|\n| 1 | Kepala Biro | 1 | - | 1 |\n| 2 | Kepala Bagian | 2 | 2 | 4 |\n| 3 | Kepala Sub Bagian | 7 | 1 | 8 |\n| 4 | Staf | 11 | 1 | 12 |\n| | JUMLAH | 21 | 4 | 25 |\n\n";

    #[test]
    fn a_consistent_count_table_agrees() {
        let (found, coverage) = run_default("table-count-sum", STAFF);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 3 + 5, "{coverage:#?}");
    }

    #[test]
    fn a_wrong_total_and_a_wrong_row_are_found() {
        let total = STAFF.replace("| 4 | 25 |", "| 4 | 24 |");
        let found = findings("table-count-sum", &total);
        // Wrong down its column and across its row: one finding.
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "24");
        let row = STAFF.replace("| 11 | 1 | 12 |", "| 11 | 1 | 13 |");
        let found = findings("table-count-sum", &row);
        // The row is wrong, and so the column no longer adds up to its total.
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found.iter().any(|f| f.stated == "13" && f.expected == "12"));
        assert!(found.iter().any(|f| f.stated == "25" && f.expected == "26"));
    }

    #[test]
    fn a_table_whose_sums_mostly_fail_is_not_judged() {
        // JUMLAH is not the sum here: the table is built some other way.
        let other = STAFF
            .replace("| 1 | - | 1 |", "| 1 | 3 | 9 |")
            .replace("| 2 | 2 | 4 |", "| 2 | 2 | 7 |")
            .replace("| 21 | 4 | 25 |", "| 30 | 9 | 40 |");
        let (found, coverage) = run_default("table-count-sum", &other);
        assert!(found.is_empty(), "{found:#?}");
        assert!(
            coverage.skipped.values().sum::<usize>() >= 1,
            "{coverage:#?}"
        );
    }

    #[test]
    fn percentages_and_money_are_not_counts() {
        let pct = STAFF.replace("| Perempuan |", "| Perempuan (%) |");
        let found = findings("table-count-sum", &pct.replace("| 4 | 25 |", "| 4 | 24 |"));
        // Only Laki-laki and JUMLAH are counts: the JUMLAH column is still checked.
        assert!(found.iter().all(|f| f.stated == "24"), "{found:#?}");
    }
}
