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
use super::regulations::ceil;
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

/// `near_total`: a budget figure the narrative states that misses a total
/// row of a budget table by a few thousand rupiah, at full precision:
/// "anggaran setelah perubahan … menjadi Rp 331.775.026.217,00" where Tabel
/// III.6's TOTAL ANGGARAN is 331.775.008.217. Two budgets of hundreds of
/// billions that far apart are one figure mistyped; a figure rounded from
/// the total, or one any budget table prints itself, is left alone.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NearTotalParams {
    /// Significant digits the stated figure needs (a figure written to the
    /// rupiah, not a rounded one).
    #[serde(default = "default_near_digits")]
    significant_digits: u32,
    /// The largest difference, in rupiah, taken as a slip.
    max_difference: u64,
    /// Words before the figure that make it a budget (anggaran, pagu).
    context: super::common::Pattern,
}

fn default_near_digits() -> u32 {
    9
}

#[derive(Debug)]
pub struct NearTotal {
    p: NearTotalParams,
}

impl NearTotal {
    pub fn new(p: NearTotalParams) -> Result<Self, String> {
        Ok(NearTotal { p })
    }
}

/// Whether `stated` is `total` rounded (or cut) to the zeros it ends in.
fn rounded_from(stated: Decimal, total: Decimal) -> bool {
    let zeros =
        stated.trunc().to_string().len() - stated.trunc().to_string().trim_end_matches('0').len();
    let unit = Decimal::from(10u64.pow(zeros.min(18) as u32));
    let cut = (total / unit).trunc() * unit;
    let round = (total / unit).round() * unit;
    stated == cut || stated == round
}

impl Check for NearTotal {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        use crate::structure::roles::TableKind;
        let totals = totals(&ctx.report.tables);
        if totals.is_empty() {
            return;
        }
        // Every amount a budget table prints: a figure among them is its own.
        let printed: std::collections::BTreeSet<Decimal> = ctx
            .report
            .tables
            .iter()
            .filter(|t| t.kind == TableKind::Budget)
            .flat_map(|t| t.rows.iter().flat_map(|r| r.cells.iter()))
            .filter_map(|c| c.figure.as_ref().map(|f| f.value))
            .collect();
        let limit = Decimal::from(self.p.max_difference);
        for para in &ctx.report.paragraphs {
            for f in super::common::figures(&para.text) {
                if !matches!(f.kind, FigureKind::Rupiah | FigureKind::Plain)
                    || significant(f.value) < self.p.significant_digits
                    || printed.contains(&f.value)
                {
                    continue;
                }
                let from = ceil(&para.text, f.start.saturating_sub(160));
                if !para
                    .text
                    .get(from..f.start)
                    .is_some_and(|before| self.p.context.is_match(before))
                {
                    continue;
                }
                let near: Vec<(&Total<'_>, &Figure)> = totals
                    .iter()
                    .flat_map(|t| [(t, t.anggaran), (t, t.realisasi)])
                    .filter(|(_, x)| {
                        let d = (x.value - f.value).abs();
                        !d.is_zero() && d <= limit && !rounded_from(f.value, x.value)
                    })
                    .collect();
                let values: std::collections::BTreeSet<Decimal> =
                    near.iter().map(|(_, x)| x.value).collect();
                // One value, though two tables may print it (a summary
                // table repeating the budget table's total).
                let Some(&(total, figure)) = near.first().filter(|_| values.len() == 1) else {
                    if values.len() > 1 {
                        out.skip(NEAR_AMBIGUOUS);
                    }
                    continue;
                };
                // The digits, not a currency mark left at the end of the line above.
                let digits = f.text.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
                let number = f.text[digits..].trim_end();
                let (line, at) = ctx.locate(para, f.start + digits);
                let name = table_name(total.table);
                let diff = difference(f.value, figure.value);
                out.push(
                    Draft {
                        line,
                        stated: f.text.split_whitespace().collect::<Vec<_>>().join(" "),
                        expected: shown(figure),
                        computation: Localized::new(
                            format!(
                                "baris jumlah {} memberi {}; angka teks hanya berbeda {} dari itu, dan tidak ada tabel anggaran yang memuatnya",
                                name.id,
                                figure.text.trim(),
                                diff.id
                            ),
                            format!(
                                "the total row of {} gives {}; the text's figure differs from it by {} only, and no budget table prints it",
                                name.en,
                                figure.text.trim(),
                                diff.en
                            ),
                        ),
                        related: vec![ctx.row_line(total.page, total.line)],
                        highlight: Some((at, at + number.len())),
                        ..Default::default()
                    }
                    .var("table", name),
                );
            }
        }
    }
}

const NEAR_AMBIGUOUS: super::Why = super::Why {
    id: "angka dekat dengan lebih dari satu jumlah tabel anggaran",
    en: "the figure is near more than one budget-table total",
};

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

    const NEAR: &str = "near-total-anggaran";

    fn narrative(stated: &str) -> String {
        format!(
            "3.2 Realisasi Anggaran\n\nAnggaran setelah perubahan menjadi Rp {stated}. Hal ini menunjukan tambahan kegiatan.\n\n\
Tabel III.6 Rekapitulasi per Jenis Belanja\n\n\
| No | Uraian | Anggaran | Realisasi | % |\n|---|---|---|---|---|\n\
| 1 | Belanja Langsung | 303.756.772.350,00 | 226.905.257.382,00 | 74,70 |\n\
| 2 | Belanja Tidak Langsung | 28.018.235.867,00 | 27.687.196.867,00 | 98,82 |\n\
| | TOTAL ANGGARAN | 331.775.008.217,00 | 254.592.454.249,00 | 76,74 |\n"
        )
    }

    #[test]
    fn a_budget_a_few_thousand_off_a_total_row_is_found() {
        let (found, _) = run_default(NEAR, &narrative("331.775.026.217,00"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "Rp 331.775.026.217,00");
        assert_eq!(found[0].expected, "331.775.008.217,00");
    }

    #[test]
    fn a_total_two_tables_print_is_one_total_two_different_ones_are_not() {
        let again = |total: &str| {
            format!(
                "{}\nTabel III.7 Ringkasan Anggaran\n\n| No | Uraian | Anggaran | Realisasi | % |\n|---|---|---|---|---|\n| 1 | Belanja Daerah | 331.775.008.217,00 | 254.592.454.249,00 | 76,74 |\n| | JUMLAH | {total} | 254.592.454.249,00 | 76,74 |\n",
                narrative("331.775.026.217,00")
            )
        };
        let (found, _) = run_default(NEAR, &again("331.775.008.217,00"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "331.775.008.217,00");
        // Near two different totals: which one the text means is not known.
        let (found, coverage) = run_default(NEAR, &again("331.775.009.217,00"));
        assert!(found.is_empty(), "{found:#?}");
        assert!(!coverage.skipped.is_empty(), "{coverage:#?}");
    }

    #[test]
    fn the_total_itself_its_rounding_or_a_far_figure_is_not_found() {
        for stated in [
            "331.775.008.217,00",
            "331.775.008.000",
            "331.780.000.000",
            "331.900.026.217",
        ] {
            let (found, _) = run_default(NEAR, &narrative(stated));
            assert!(found.is_empty(), "{stated}: {found:#?}");
        }
        // A figure a budget table prints is that table's own.
        let text = narrative("331.775.026.217,00").replace(
            "| | TOTAL ANGGARAN",
            "| 3 | Belanja Lain | 331.775.026.217,00 | 1.000.000,00 | 0,00 |\n| | TOTAL ANGGARAN",
        );
        let (found, _) = run_default(NEAR, &text);
        assert!(found.is_empty(), "{found:#?}");
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
