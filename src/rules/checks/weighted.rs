//! `weighted_total`: a total row's physical progress ("Realisasi Fisik %") is
//! the mean of its rows' progress weighted by their anggaran (the "bobot" of
//! each kegiatan). Permukiman's Tabel III.6 gives Belanja Langsung 91,75 =
//! (2.908.120.000 × 107,48 + 112.367.657.800 × 95,18 + 188.480.994.550 ×
//! 89,46) / 303.756.772.350, then a TOTAL of 93,08 where the same weighting
//! of all its rows gives 92,35.
//!
//! A table may average its rows plainly instead; the check runs only where
//! the table itself shows the weighting: another total of the same column
//! that agrees with the weighted mean and not with the plain one.

use rust_decimal::Decimal;
use serde::Deserialize;

use super::arithmetic::table_name;
use super::common::{Context, Pattern, amount, difference, shown};
use super::narrative::spread;
use super::narrative_budget::is_total_row;
use super::totals::money_in;
use super::{Check, Draft, Sink, Why};
use crate::facts::figures::{Figure, FigureKind};
use crate::facts::format::format_id;
use crate::findings::Localized;
use crate::structure::Table;
use crate::structure::roles::Role;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeightedTotalParams {
    /// Header of a percentage column whose totals weight the rows by their
    /// anggaran.
    column: Pattern,
}

#[derive(Debug)]
pub struct WeightedTotal {
    p: WeightedTotalParams,
}

impl WeightedTotal {
    pub fn new(p: WeightedTotalParams) -> Result<Self, String> {
        Ok(WeightedTotal { p })
    }
}

const NOT_SHOWN: Why = Why {
    id: "tabel tidak menunjukkan bagaimana jumlahnya membobot baris: tidak ada jumlah lain yang sama dengan rata-rata berbobot anggaran",
    en: "the table does not show how its totals weight the rows: no other total equals the anggaran-weighted mean",
};
const ROWS_UNKNOWN: Why = Why {
    id: "baris yang dijumlahkan tidak diketahui: tidak ada kumpulan baris yang anggarannya sama dengan anggaran baris jumlah",
    en: "which rows the total covers is not known: no set of rows has the total's anggaran as its sum",
};
const PLAIN_MEAN: Why = Why {
    id: "angka jumlah sama dengan rata-rata biasa barisnya: cara menghitungnya tidak pasti",
    en: "the total equals the plain mean of its rows: how it was computed is not certain",
};

/// A row's anggaran and its percentage in the column checked.
struct Weighted<'a> {
    anggaran: &'a Figure,
    percent: &'a Figure,
}

/// What one total row states and what its rows give.
struct TotalReading<'a> {
    row: usize,
    stated: &'a Figure,
    rows: Vec<Weighted<'a>>,
    weighted: Decimal,
    plain: Decimal,
    /// How far a mean of the rows' rounded figures and the stated total may
    /// be apart by rounding alone.
    tolerance: Decimal,
}

impl TotalReading<'_> {
    fn agrees(&self) -> bool {
        (self.stated.value - self.weighted).abs() <= self.tolerance
    }
    fn plain_agrees(&self) -> bool {
        (self.stated.value - self.plain).abs() <= self.tolerance
    }
    /// Weighting shown: the weighted mean agrees and the plain one does not.
    fn shows_weighting(&self) -> bool {
        self.rows.len() >= 2 && self.agrees() && !self.plain_agrees()
    }
}

fn percent_in(table: &Table, row: usize, col: usize) -> Option<&Figure> {
    table.rows.get(row)?.figure(col).filter(|f| {
        matches!(f.kind, FigureKind::Percent | FigureKind::Plain)
            && f.value.abs() < Decimal::from(1000)
    })
}

/// What the check reads of every row of a table, once: whether it is a
/// total row, and its anggaran.
struct Rows<'a> {
    total: Vec<bool>,
    anggaran: Vec<Option<&'a Figure>>,
}

impl<'a> Rows<'a> {
    fn of(table: &'a Table) -> Self {
        Rows {
            total: table.rows.iter().map(is_total_row).collect(),
            anggaran: table
                .rows
                .iter()
                .map(|r| money_in(table, r, Role::Anggaran, 1000))
                .collect(),
        }
    }
}

/// The rows a total covers: the rows since the previous total, or every
/// non-total row above it, or the totals above it — the first whose anggaran
/// add up to the total's own.
fn covered(rows: &Rows<'_>, total: usize, anggaran: &Figure) -> Option<Vec<usize>> {
    let with_money = |r: &usize| rows.anggaran[*r].is_some();
    let totals: Vec<usize> = (0..total).filter(|&r| rows.total[r]).collect();
    let since = totals.last().map_or(0, |&t| t + 1);
    let candidates = [
        (since..total).filter(with_money).collect::<Vec<_>>(),
        (0..total)
            .filter(|&r| !rows.total[r] && with_money(&r))
            .collect(),
        totals.iter().copied().filter(with_money).collect(),
    ];
    candidates.into_iter().find(|covered| {
        !covered.is_empty()
            && covered
                .iter()
                .filter_map(|&r| rows.anggaran[r])
                .map(|f| f.value)
                .sum::<Decimal>()
                == anggaran.value
    })
}

fn read_total<'a>(
    table: &'a Table,
    rows: &Rows<'a>,
    total: usize,
    col: usize,
) -> Result<TotalReading<'a>, Why> {
    let (Some(anggaran), Some(stated)) = (rows.anggaran[total], percent_in(table, total, col))
    else {
        return Err(ROWS_UNKNOWN);
    };
    let weighted_rows: Vec<Weighted<'a>> = covered(rows, total, anggaran)
        .ok_or(ROWS_UNKNOWN)?
        .into_iter()
        .map(|r| {
            Some(Weighted {
                anggaran: rows.anggaran[r]?,
                percent: percent_in(table, r, col)?,
            })
        })
        .collect::<Option<_>>()
        .ok_or(ROWS_UNKNOWN)?;
    let weight: Decimal = weighted_rows.iter().map(|w| w.anggaran.value).sum();
    if weight.is_zero() {
        return Err(ROWS_UNKNOWN);
    }
    let weighted = weighted_rows
        .iter()
        .map(|w| w.anggaran.value * w.percent.value)
        .sum::<Decimal>()
        / weight;
    let plain = weighted_rows
        .iter()
        .map(|w| w.percent.value)
        .sum::<Decimal>()
        / Decimal::from(weighted_rows.len());
    let rows_spread = weighted_rows
        .iter()
        .map(|w| spread(w.percent))
        .max()
        .unwrap_or_default();
    Ok(TotalReading {
        row: total,
        stated,
        rows: weighted_rows,
        weighted,
        plain,
        tolerance: spread(stated) + rows_spread,
    })
}

impl Check for WeightedTotal {
    fn table(&self, table: &Table, ctx: &Context<'_, '_>, out: &mut Sink) {
        if !table.roles.iter().any(|r| r.role == Role::Anggaran) {
            return;
        }
        let columns: Vec<(usize, &String)> = table
            .columns
            .iter()
            .enumerate()
            .filter(|(col, label)| {
                self.p.column.is_match(label) && !table.roles.get(*col).is_some_and(|r| r.money)
            })
            .collect();
        if columns.is_empty() {
            return;
        }
        let rows = Rows::of(table);
        for (col, label) in columns {
            let readings: Vec<Result<TotalReading<'_>, Why>> = (0..table.rows.len())
                .filter(|&r| rows.total[r])
                .map(|r| read_total(table, &rows, r, col))
                .collect();
            for (i, reading) in readings.iter().enumerate() {
                let reading = match reading {
                    Ok(r) => r,
                    Err(why) => {
                        out.skip(*why);
                        continue;
                    }
                };
                if reading.agrees() {
                    out.agree();
                    continue;
                }
                if reading.plain_agrees() {
                    out.skip(PLAIN_MEAN);
                    continue;
                }
                let Some(witness) = readings
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .filter_map(|(_, r)| r.as_ref().ok())
                    .find(|r| r.shows_weighting())
                else {
                    out.skip(NOT_SHOWN);
                    continue;
                };
                out.push(finding(ctx, table, label, reading, witness));
            }
        }
    }
}

fn finding(
    ctx: &Context<'_, '_>,
    table: &Table,
    label: &str,
    reading: &TotalReading<'_>,
    witness: &TotalReading<'_>,
) -> Draft {
    let terms: Vec<String> = reading
        .rows
        .iter()
        .map(|w| format!("{} × {}", amount(w.anggaran.value), shown(w.percent)))
        .collect();
    let weight: Decimal = reading.rows.iter().map(|w| w.anggaran.value).sum();
    let expected = format_id(reading.weighted, reading.stated.decimals);
    let witness_row = &table.rows[witness.row];
    let name = table_name(table);
    let diff = difference(
        reading.stated.value,
        reading.weighted.round_dp(reading.stated.decimals),
    );
    let row = &table.rows[reading.row];
    Draft {
        line: ctx.row_line(row.page, row.line),
        stated: reading.stated.text.trim().to_string(),
        expected: expected.clone(),
        computation: Localized::new(
            format!(
                "{} kolom \"{}\": rata-rata berbobot anggaran baris-barisnya ({}) / {} = {} (selisih {}); cara yang sama memberi jumlah di baris {} ({}) sampai desimal yang ditampilkannya",
                name.id,
                label.trim(),
                terms.join(" + "),
                amount(weight),
                expected,
                diff.id,
                witness_row.line,
                shown(witness.stated),
            ),
            format!(
                "{} column \"{}\": the anggaran-weighted mean of its rows ({}) / {} = {} (difference {}); the same weighting gives the total of line {} ({}) to its shown decimals",
                name.en,
                label.trim(),
                terms.join(" + "),
                amount(weight),
                expected,
                diff.en,
                witness_row.line,
                shown(witness.stated),
            ),
        ),
        related: vec![ctx.row_line(witness_row.page, witness_row.line)],
        ..Default::default()
    }
    .var("table", name)
}

#[cfg(test)]
mod tests {
    use crate::rules::checks::testing::run_default;

    const RULE: &str = "weighted-physical-total";

    fn report(total_fisik: &str, btl_fisik: &str) -> String {
        format!(
            "Tabel III.6 Rekapitulasi Progres Keuangan dan Fisik\n\n\
| No | Uraian | Anggaran (Rp) | Realisasi Keuangan (Rp) | % Keuangan | % Fisik |\n|---|---|---|---|---|---|\n\
| 1 | Belanja Pegawai | 2.908.120.000,00 | 2.440.170.000,00 | 83,91 | 107,48 |\n\
| 2 | Belanja Barang/Jasa | 112.367.657.800,00 | 92.181.009.745,00 | 82,04 | 95,18 |\n\
| 3 | Belanja Modal | 188.480.994.550,00 | 132.284.077.637,00 | 70,18 | 89,46 |\n\
| | JUMLAH | 303.756.772.350,00 | 226.905.257.382,00 | 74,70 | 91,75 |\n\
| 4 | Belanja Pegawai Tidak Langsung | 28.018.235.867,00 | 27.687.196.867,00 | 98,82 | {btl_fisik} |\n\
| | JUMLAH | 28.018.235.867,00 | 27.687.196.867,00 | 98,82 | {btl_fisik} |\n\
| | TOTAL ANGGARAN | 331.775.008.217,00 | 254.592.454.249,00 | 76,74 | {total_fisik} |\n"
        )
    }

    #[test]
    fn a_total_off_the_weighting_its_table_shows_is_found() {
        let (found, _) = run_default(RULE, &report("93,08", "98,82"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "93,08");
        assert_eq!(found[0].expected, "92,35");
    }

    #[test]
    fn totals_weighted_by_anggaran_agree() {
        let (found, coverage) = run_default(RULE, &report("92,35", "98,82"));
        assert!(found.is_empty(), "{found:#?}");
        assert!(coverage.agree >= 2, "{coverage:#?}");
    }

    /// Without another total showing the weighting (the first total off
    /// too), how the table averages is not known: no finding.
    #[test]
    fn without_a_total_showing_the_weighting_it_abstains() {
        let text = report("93,08", "98,82").replace("| 74,70 | 91,75 |", "| 74,70 | 97,37 |");
        let (found, _) = run_default(RULE, &text);
        assert!(found.is_empty(), "{found:#?}");
    }
}
