//! `transposed_tables`: two tables on one page giving the same figures the
//! other way round — a chart's data table ("Pagu | Rp5,111,447,000 |
//! Rp3,843,369,000" under "Belanja Pegawai | Belanja Barang") beside the
//! table it was drawn from (rows "Belanja Pegawai", "Belanja Barang
//! (RM+PNBP)" under "Pagu Akhir | Realisasi"). Where one's column names are
//! the other's row names and the other way round, each pair of cells is one
//! quantity; when most pairs agree (so the two speak of the same things), a
//! pair that does not is a finding.

use serde::Deserialize;

use super::arithmetic::table_name;
use super::common::{Context, agrees, difference, shown, words};
use super::{Check, Draft, Sink, Why};
use crate::facts::figures::Figure;
use crate::findings::Localized;
use crate::structure::Table;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransposedParams {}

#[derive(Debug)]
pub struct TransposedTables {
    _p: TransposedParams,
}

impl TransposedTables {
    pub fn new(p: TransposedParams) -> Result<Self, String> {
        Ok(TransposedTables { _p: p })
    }
}

const TOO_FEW: Why = Why {
    en: "two tables on a page name each other's rows and columns, but too few of their figures agree to take them as the same quantities",
    id: "dua tabel pada satu halaman saling menamai baris dan kolomnya, tetapi terlalu sedikit angkanya yang sama untuk dianggap besaran yang sama",
};

/// Whether two names name the same thing: the words of one begin the
/// other's ("Pagu" / "Pagu Akhir", "Belanja Barang" / "Belanja Barang
/// (RM+PNBP)"), with a word of four letters or more and no digit (a year or
/// a number is not a name).
fn same_name(a: &[String], b: &[String]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    !short.is_empty()
        && short.iter().any(|w| w.chars().count() >= 4)
        && !short.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()))
        && long.starts_with(short)
}

/// The one index in `names` naming the same thing as `name`.
fn unique(name: &[String], names: &[Vec<String>]) -> Option<usize> {
    let mut found = names.iter().enumerate().filter(|(_, n)| same_name(name, n));
    let (i, _) = found.next()?;
    found.next().is_none().then_some(i)
}

/// The names of a table's value columns (all but the first) and of its rows.
fn names(t: &Table) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    let columns = t.columns.iter().map(|c| words(c)).collect();
    let rows = t.rows.iter().map(|r| words(r.label())).collect();
    (columns, rows)
}

/// One pair of cells naming the same quantity.
struct Pair<'a> {
    a: &'a Figure,
    b: &'a Figure,
    /// Row and column of the pair in `b`.
    b_row: usize,
    b_col: usize,
}

impl Check for TransposedTables {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let tables = &ctx.report.tables;
        // A chart's data is printed beside its table: the next table or the
        // one after (a caption or a legend read as a table between), on the
        // same page. Never every pair: a long text export is all one page.
        for (ia, a) in tables.iter().enumerate() {
            for b in tables.iter().skip(ia + 1).take(2) {
                if a.page != b.page {
                    continue;
                }
                // Either way round.
                if !self.pair(ctx, a, b, out) {
                    self.pair(ctx, b, a, out);
                }
            }
        }
    }
}

impl TransposedTables {
    /// `a`'s columns are `b`'s rows and `a`'s rows `b`'s columns. Returns
    /// whether the tables were matched so.
    fn pair(&self, ctx: &Context<'_, '_>, a: &Table, b: &Table, out: &mut Sink) -> bool {
        let (a_cols, a_rows) = names(a);
        let (b_cols, b_rows) = names(b);
        // a's column j (past its label column) → b's row; a's row i → b's column.
        let col_to_row: Vec<Option<usize>> = a_cols
            .iter()
            .enumerate()
            .map(|(j, n)| if j == 0 { None } else { unique(n, &b_rows) })
            .collect();
        let row_to_col: Vec<Option<usize>> = a_rows
            .iter()
            .map(|n| unique(n, &b_cols).filter(|&c| c > 0))
            .collect();
        if col_to_row.iter().flatten().count() < 2 || row_to_col.iter().flatten().count() < 1 {
            return false;
        }
        let mut pairs = Vec::new();
        for (i, row) in a.rows.iter().enumerate() {
            let Some(b_col) = row_to_col[i] else { continue };
            for (j, b_row) in col_to_row.iter().enumerate() {
                let Some(b_row) = *b_row else { continue };
                let (Some(fa), Some(fb)) = (
                    row.figure(j),
                    b.rows.get(b_row).and_then(|r| r.figure(b_col)),
                ) else {
                    continue;
                };
                if fa.kind != fb.kind {
                    continue;
                }
                pairs.push(Pair {
                    a: fa,
                    b: fb,
                    b_row,
                    b_col,
                });
            }
        }
        let same = |p: &Pair| {
            agrees(p.a, p.b.value, ctx.tolerance) || agrees(p.b, p.a.value, ctx.tolerance)
        };
        let agreeing = pairs.iter().filter(|p| same(p)).count();
        let differing = pairs.len() - agreeing;
        if pairs.len() < 3 {
            return false;
        }
        // Most pairs agree, two at least: the tables give the same quantities.
        if agreeing < 2 || agreeing <= differing {
            out.skip(TOO_FEW);
            return true;
        }
        for p in &pairs {
            if same(p) {
                out.agree();
                continue;
            }
            // The finding is on the numbered table; the other is the reference.
            let row = &b.rows[p.b_row];
            let (stated, expected, at, other) =
                if b.caption_number().is_some() || a.caption_number().is_none() {
                    (p.b, p.a, (row.page, row.line), a)
                } else {
                    (p.a, p.b, (a.page, a.first_line), b)
                };
            let quantity = format!(
                "{} / {}",
                row.label().trim(),
                b.columns.get(p.b_col).map(|c| c.trim()).unwrap_or("")
            );
            let diff = difference(stated.value, expected.value);
            out.push(
                Draft {
                    line: ctx.row_line(at.0, at.1),
                    stated: stated.text.trim().to_string(),
                    expected: shown(expected),
                    computation: Localized::new(
                        format!(
                            "{} dan {} memuat besaran yang sama dengan baris dan kolom tertukar; {agreeing} dari {} pasang angkanya sama, pasangan ini {} ≠ {} (selisih {})",
                            table_name(b).id,
                            table_name(a).id,
                            pairs.len(),
                            stated.text.trim(),
                            expected.text.trim(),
                            diff.id
                        ),
                        format!(
                            "{} and {} give the same quantities with rows and columns swapped; {agreeing} of {} pairs of figures agree, this pair {} ≠ {} (difference {})",
                            table_name(b).en,
                            table_name(a).en,
                            pairs.len(),
                            stated.text.trim(),
                            expected.text.trim(),
                            diff.en
                        ),
                    ),
                    related: vec![ctx.row_line(other.page, other.first_line)],
                    ..Default::default()
                }
                .var("quantity", Localized::same(quantity))
                .var("other", table_name(other)),
            );
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::same_name;
    use crate::rules::checks::common::words;
    use crate::rules::checks::testing::run_default;

    const RULE: &str = "transposed-table-figure";

    #[test]
    fn names_that_begin_one_another() {
        assert!(same_name(&words("Pagu"), &words("Pagu Akhir")));
        assert!(same_name(
            &words("Belanja Barang"),
            &words("Belanja Barang (RM+PNBP)")
        ));
        assert!(!same_name(
            &words("Belanja Barang"),
            &words("Belanja Pegawai")
        ));
        assert!(!same_name(&words("2024"), &words("2024 Realisasi")));
        assert!(!same_name(&words("No"), &words("No Urut")));
    }

    fn text(chart_pagu: &str) -> String {
        format!(
            "Laporan Kinerja Tahun 2025.\n\n\
| Uraian | Belanja Pegawai | Belanja Barang |\n|---|---|---|\n\
| Pagu | Rp5.111.447.000 | {chart_pagu} |\n\
| Realisasi | Rp5.103.338.501 | Rp3.797.708.996 |\n\n\
Tabel 3.8 Realisasi Anggaran per Sumber Dana TA 2025\n\n\
| Sumber Dana | Pagu Akhir | Realisasi | % |\n|---|---|---|---|\n\
| Belanja Pegawai | Rp 5.111.447.000 | Rp 5.103.338.501 | 99,84 |\n\
| Belanja Barang (RM+PNBP) | Rp 3.942.045.000 | Rp 3.797.708.996 | 96,33 |\n"
        )
    }

    #[test]
    fn a_figure_the_transposed_table_gives_otherwise_is_flagged() {
        let (found, coverage) = run_default(RULE, &text("Rp3.843.369.000"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "Rp 3.942.045.000");
        assert_eq!(found[0].expected, "3.843.369.000");
        assert_eq!(coverage.agree, 3, "{coverage:#?}");
    }

    #[test]
    fn the_same_figures_agree() {
        let (found, coverage) = run_default(RULE, &text("Rp3.942.045.000"));
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 4, "{coverage:#?}");
    }

    #[test]
    fn tables_whose_figures_mostly_differ_are_not_judged() {
        let t = text("Rp1.000").replace("Rp5.111.447.000 |", "Rp1 |");
        let (found, coverage) = run_default(RULE, &t);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 0, "{coverage:#?}");
    }
}
