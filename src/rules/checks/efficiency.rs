//! `efficiency_formula`: the efficiency column of an efficiency table
//! ("% Capaian Kinerja | % Penyerapan Anggaran | Tingkat Efisiensi") follows
//! one formula in every row. Reports use different ones — 100 − penyerapan,
//! capaian − penyerapan, capaian / penyerapan × 100 — so the table's own is
//! taken from its rows: the formula most rows fit, borne out by several rows
//! and fitting more rows than any other. A row it does not fit is a finding.

use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::arithmetic::table_name;
use super::common::{Context, Pattern, agrees_range, cell_number, difference, like, shown};
use super::narrative::spread;
use super::{Check, Draft, Sink, Why};
use crate::facts::figures::{Figure, Hint};
use crate::findings::Localized;
use crate::structure::roles::Role;
use crate::structure::{Row, Table};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EfficiencyParams {
    /// The efficiency column ("Tingkat Efisiensi").
    column: Pattern,
    /// The budget absorption column ("% Penyerapan Anggaran").
    absorption: Pattern,
    /// The performance column ("% Capaian Kinerja").
    capaian: Pattern,
    /// Rows that must fit the table's formula before a row that does not is judged.
    #[serde(default = "three")]
    min_agreeing: usize,
}

fn three() -> usize {
    3
}

#[derive(Debug)]
pub struct EfficiencyFormula {
    p: EfficiencyParams,
}

impl EfficiencyFormula {
    pub fn new(p: EfficiencyParams) -> Result<Self, String> {
        Ok(EfficiencyFormula { p })
    }
}

const WHY_NO_FORMULA: Why = Why {
    en: "no formula for the efficiency column is borne out by enough of its rows",
    id: "tidak ada rumus kolom efisiensi yang ditunjukkan cukup banyak barisnya",
};

/// The formulas reports use, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Formula {
    /// 100 − penyerapan: the share of the budget saved.
    Saved,
    /// capaian − penyerapan.
    Difference,
    /// capaian / penyerapan × 100.
    Ratio,
}

const FORMULAS: [Formula; 3] = [Formula::Saved, Formula::Difference, Formula::Ratio];

impl Formula {
    fn text(self) -> &'static str {
        match self {
            Formula::Saved => "100 − penyerapan",
            Formula::Difference => "capaian − penyerapan",
            Formula::Ratio => "capaian / penyerapan × 100",
        }
    }

    /// The efficiency the formula gives, over the intervals the printed
    /// figures stand for: (low, high, value), or None when it cannot.
    fn range(
        self,
        capaian: Option<&Figure>,
        absorption: &Figure,
    ) -> Option<(Decimal, Decimal, Decimal)> {
        let h = Decimal::ONE_HUNDRED;
        let (s, ds) = (absorption.value, spread(absorption));
        match self {
            Formula::Saved => Some((h - s - ds, h - s + ds, h - s)),
            Formula::Difference => {
                let c = capaian?;
                let dc = spread(c);
                Some((c.value - s - dc - ds, c.value - s + dc + ds, c.value - s))
            }
            Formula::Ratio => {
                let c = capaian?;
                let dc = spread(c);
                if s - ds <= Decimal::ZERO {
                    return None;
                }
                let value = c.value.checked_div(s)? * h;
                let low = (c.value - dc).checked_div(s + ds)? * h;
                let high = (c.value + dc).checked_div(s - ds)? * h;
                Some((low, high, value))
            }
        }
    }
}

/// One row's figures.
struct EfficiencyRow<'t> {
    row: &'t Row,
    efficiency: Figure,
    absorption: Figure,
    capaian: Option<Figure>,
}

impl EfficiencyRow<'_> {
    fn fits(&self, f: Formula, tolerance: Decimal) -> bool {
        f.range(self.capaian.as_ref(), &self.absorption)
            .is_some_and(|(low, high, _)| agrees_range(&self.efficiency, low, high, tolerance))
    }
}

/// The one column of the table, besides `except`, whose label matches.
fn one_column(table: &Table, pattern: &Pattern, except: &[usize]) -> Option<usize> {
    let found: Vec<usize> = table
        .columns_matching(&pattern.0)
        .into_iter()
        .filter(|c| !except.contains(c))
        .collect();
    match found.as_slice() {
        [c] => Some(*c),
        _ => None,
    }
}

/// A percentage cell: "88,05", "150,01%"; "sda", "-" and words are none.
fn percent(row: &Row, col: usize) -> Option<Figure> {
    static PLAIN: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::compile(r"^\s*\d+(?:[.,]\d+)?\s*%?\s*$").expect("valid regex")
    });
    let cell = row.cell(col)?;
    if !PLAIN.is_match(&cell.text) {
        return None;
    }
    cell_number(cell.text.trim(), Hint::Percent)
}

impl Check for EfficiencyFormula {
    fn table(&self, table: &Table, ctx: &Context<'_, '_>, out: &mut Sink) {
        let Some(e) = one_column(table, &self.p.column, &[]) else {
            return;
        };
        let Some(s) = one_column(table, &self.p.absorption, &[e]) else {
            return;
        };
        // The capaian column: the one other column of that label, a capaian
        // by its role.
        let c = one_column(table, &self.p.capaian, &[e, s])
            .filter(|&c| table.roles.get(c).is_some_and(|r| r.role == Role::Capaian));
        let rows: Vec<EfficiencyRow<'_>> = table
            .rows
            .iter()
            .filter_map(|row| {
                Some(EfficiencyRow {
                    row,
                    efficiency: percent(row, e)?,
                    absorption: percent(row, s)?,
                    capaian: c.and_then(|c| percent(row, c)),
                })
            })
            .collect();
        if rows.is_empty() {
            return;
        }
        let fitting = |f: Formula| rows.iter().filter(|r| r.fits(f, ctx.tolerance)).count();
        let mut ranked: Vec<(usize, Formula)> = FORMULAS.iter().map(|&f| (fitting(f), f)).collect();
        ranked.sort_by_key(|r| std::cmp::Reverse(r.0));
        let (best, formula) = ranked[0];
        let runner_up = ranked[1].0;
        let off = rows.len() - best;
        // Borne out: enough rows, more than any other formula, and at most
        // one row in three off it.
        if best < self.p.min_agreeing || best == runner_up || off * 3 > rows.len() {
            out.skip(WHY_NO_FORMULA);
            return;
        }
        for r in &rows {
            if r.fits(formula, ctx.tolerance) {
                out.agree();
                continue;
            }
            let Some((_, _, expected)) = formula.range(r.capaian.as_ref(), &r.absorption) else {
                continue;
            };
            // `range` gave a value: a formula of the capaian has one.
            let inputs = match (formula, &r.capaian) {
                (Formula::Difference, Some(c)) => {
                    format!("{} − {}", shown(c), shown(&r.absorption))
                }
                (Formula::Ratio, Some(c)) => {
                    format!("{} / {} × 100", shown(c), shown(&r.absorption))
                }
                _ => format!("100 − {}", shown(&r.absorption)),
            };
            let value = like(&r.efficiency, expected);
            out.push(
                Draft {
                    line: ctx.row_line(r.row.page, r.row.line),
                    stated: r.efficiency.text.clone(),
                    expected: value.clone(),
                    computation: Localized::new(
                        format!(
                            "{inputs} = {value}; rumus tabel ({}) sesuai dengan {best} baris lainnya",
                            formula.text()
                        ),
                        format!(
                            "{inputs} = {value}; the table's formula ({}) fits {best} other rows",
                            formula.text()
                        ),
                    ),
                    ..Default::default()
                }
                .var("table", table_name(table))
                .var("column", Localized::same(table.columns[e].clone()))
                .var("difference", difference(r.efficiency.value, expected)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::checks::testing::run_default;

    const RULE: &str = "efficiency-formula";

    fn table(rows: &[(&str, &str, &str)]) -> String {
        let mut t = String::from(
            "Tabel 3.4 Efisiensi Penggunaan Sumber Daya\n\n\
             | No | Indikator Kinerja | % Capaian Kinerja | % Penyerapan Anggaran | Tingkat Efisiensi |\n\
             |---|---|---|---|---|\n",
        );
        for (i, (c, s, e)) in rows.iter().enumerate() {
            t.push_str(&format!(
                "| {} | Indikator ke-{} | {c} | {s} | {e} |\n",
                i + 1,
                i + 1
            ));
        }
        t
    }

    #[test]
    fn a_row_off_the_formula_its_table_follows_is_found() {
        // 100 − penyerapan in every row but the third.
        let text = table(&[
            ("132,05", "88,05", "11,95"),
            ("100", "98,89", "1,11"),
            ("600", "94,31", "6,69"),
            ("100", "79,64", "20,36"),
        ]);
        let (found, coverage) = run_default(RULE, &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "6,69");
        assert_eq!(found[0].expected, "5,69%");
        assert_eq!(coverage.agree, 3, "{coverage:#?}");
    }

    #[test]
    fn rows_of_one_formula_agree_whichever_it_is() {
        // capaian − penyerapan, the last rounded to a whole number.
        let text = table(&[
            ("250", "99,99", "150,01%"),
            ("200", "94,3", "105,70%"),
            ("268", "94,3", "173,70%"),
            ("111,11", "83,12", "28%"),
        ]);
        let (found, coverage) = run_default(RULE, &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 4, "{coverage:#?}");
    }

    #[test]
    fn a_table_no_formula_is_borne_out_by_is_not_judged() {
        let text = table(&[
            ("132,05", "88,05", "11,95"),
            ("100", "98,89", "30,00"),
            ("600", "94,31", "40,00"),
        ]);
        let (found, coverage) = run_default(RULE, &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 0, "{coverage:#?}");
        assert_eq!(coverage.skipped.len(), 1, "{coverage:#?}");
    }
}
