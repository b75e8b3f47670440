//! `matching_totals`: two budget tables whose total rows give the same
//! realisasi to the rupiah speak of the same spending, so their anggaran must
//! agree too. Permukiman's Tabel III.5 "JUMLAH 303.756.790.350 | 226.905.257.382"
//! against Tabel III.6 "JUMLAH 303.756.772.350 | 226.905.257.382": one of the
//! two budgets is mistyped. A realisasi equal by chance needs a figure with
//! few significant digits; those are left alone.

use rust_decimal::Decimal;
use serde::Deserialize;

use super::arithmetic::table_name;
use super::common::{Context, difference, shown};
use super::narrative_budget::is_total_row;
use super::{Check, Draft, Sink};
use crate::facts::figures::{Figure, FigureKind};
use crate::findings::Localized;
use crate::structure::Table;
use crate::structure::roles::Role;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatchingTotalsParams {
    /// Significant digits a realisasi needs to be taken as the same spending
    /// (226.905.257.382 has 12; 1.000.000.000 has 1).
    #[serde(default = "default_digits")]
    significant_digits: u32,
}

fn default_digits() -> u32 {
    7
}

#[derive(Debug)]
pub struct MatchingTotals {
    p: MatchingTotalsParams,
}

impl MatchingTotals {
    pub fn new(p: MatchingTotalsParams) -> Result<Self, String> {
        Ok(MatchingTotals { p })
    }
}

/// One total row of a budget table: its anggaran and realisasi in rupiah.
struct Total<'a> {
    table: &'a Table,
    page: u32,
    line: u32,
    anggaran: &'a Figure,
    realisasi: &'a Figure,
}

/// The first figure of the row, in a column of `role`, that is an amount of
/// money: a rupiah figure or a plain one, of at least `least`.
pub(super) fn money_in<'a>(
    t: &'a Table,
    row: &'a crate::structure::Row,
    role: Role,
    least: u64,
) -> Option<&'a Figure> {
    t.roles
        .iter()
        .enumerate()
        .filter(|(_, r)| r.role == role)
        .filter_map(|(i, _)| row.figure(i))
        .find(|f| {
            matches!(f.kind, FigureKind::Rupiah | FigureKind::Plain)
                && f.value >= Decimal::from(least)
        })
}

fn totals(tables: &[Table]) -> Vec<Total<'_>> {
    let mut out = Vec::new();
    for t in tables {
        for row in &t.rows {
            if !is_total_row(row) {
                continue;
            }
            let (Some(anggaran), Some(realisasi)) = (
                money_in(t, row, Role::Anggaran, 1_000_000),
                money_in(t, row, Role::Realisasi, 1_000_000),
            ) else {
                continue;
            };
            out.push(Total {
                table: t,
                page: row.page,
                line: row.line,
                anggaran,
                realisasi,
            });
        }
    }
    out
}

/// Digits of `v` without its trailing zeros (whole rupiah).
fn significant(v: Decimal) -> u32 {
    let digits = v.trunc().abs().to_string();
    digits.trim_end_matches('0').len() as u32
}

impl Check for MatchingTotals {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let totals = totals(&ctx.report.tables);
        for (i, a) in totals.iter().enumerate() {
            // The first later table with the same realisasi: one pair per total.
            let Some(b) = totals[i + 1..].iter().find(|b| {
                !std::ptr::eq(a.table, b.table) && b.realisasi.value == a.realisasi.value
            }) else {
                continue;
            };
            if significant(a.realisasi.value) < self.p.significant_digits {
                continue;
            }
            if a.anggaran.value == b.anggaran.value {
                out.agree();
                continue;
            }
            let diff = difference(a.anggaran.value, b.anggaran.value);
            let (name_a, name_b) = (table_name(a.table), table_name(b.table));
            out.push(
                Draft {
                    line: ctx.row_line(a.page, a.line),
                    stated: a.anggaran.text.trim().to_string(),
                    expected: shown(b.anggaran),
                    computation: Localized::new(
                        format!(
                            "baris jumlah {} dan {} memberi realisasi yang sama, {}, tetapi anggaran {} dan {} (selisih {}); salah satunya keliru",
                            name_a.id,
                            name_b.id,
                            a.realisasi.text.trim(),
                            a.anggaran.text.trim(),
                            b.anggaran.text.trim(),
                            diff.id
                        ),
                        format!(
                            "the total rows of {} and {} give the same realisasi, {}, but budgets {} and {} (difference {}); one of them is wrong",
                            name_a.en,
                            name_b.en,
                            a.realisasi.text.trim(),
                            a.anggaran.text.trim(),
                            b.anggaran.text.trim(),
                            diff.en
                        ),
                    ),
                    related: vec![ctx.row_line(b.page, b.line)],
                    ..Default::default()
                }
                .var("other", name_b),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::significant;
    use crate::rules::checks::testing::run_default;
    use rust_decimal::Decimal;

    const RULE: &str = "matching-total-anggaran";

    fn report(second_anggaran: &str, realisasi: &str) -> String {
        format!(
            "Tabel 3.5 Realisasi Anggaran per Program\n\n\
| No | Program | Anggaran | Realisasi | % |\n|---|---|---|---|---|\n\
| 1 | Program A | 100.000.000,00 | 90.000.000,00 | 90,00 |\n\
| 2 | Program B | 203.756.790.350,00 | {realisasi} | 74,70 |\n\
| | JUMLAH | 203.856.790.350,00 | 226.905.257.382,00 | 74,70 |\n\n\
Tabel 3.6 Realisasi per Jenis Belanja\n\n\
| No | Uraian | Anggaran | Realisasi | % |\n|---|---|---|---|---|\n\
| 1 | Belanja Barang | 203.856.790.350,00 | 226.905.257.382,00 | 74,70 |\n\
| | JUMLAH | {second_anggaran} | 226.905.257.382,00 | 74,70 |\n"
        )
    }

    #[test]
    fn totals_with_one_realisasi_and_two_budgets_are_found() {
        let text = report("203.856.772.350,00", "226.815.257.382,00");
        let (found, _) = run_default(RULE, &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "203.856.790.350,00");
    }

    #[test]
    fn totals_with_one_realisasi_and_one_budget_agree() {
        let text = report("203.856.790.350,00", "226.815.257.382,00");
        let (found, coverage) = run_default(RULE, &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1, "{coverage:#?}");
    }

    /// A round realisasi may be shared by chance.
    #[test]
    fn round_realisasi_is_not_taken_as_the_same_spending() {
        let text = report("203.856.772.350,00", "226.815.257.382,00")
            .replace("226.905.257.382,00", "200.000.000.000,00");
        assert!(run_default(RULE, &text).0.is_empty());
        assert_eq!(significant(Decimal::from(226_905_257_382u64)), 12);
        assert_eq!(significant(Decimal::from(200_000_000_000u64)), 1);
    }
}
