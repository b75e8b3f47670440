//! A "Tercapai/Tidak" column of ticks (√ met, X not met) against the row's own
//! target and realisasi, read with the indicator's polarity where the report
//! establishes it: the row's capaian, or the same indicator's capaian in a
//! performance table (realisasi / target: higher is better; target /
//! realisasi or 2 − realisasi / target: lower is better). Where neither does,
//! and the two figures differ, the check abstains.

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::findings::Localized;
use crate::structure::roles::Role;
use crate::structure::{Row, Table};

use crate::facts::figures::Hint;

use super::common::{Context, Pattern, agrees, cell_number};
use super::quantities::{indicator_key, likeness, specific};
use super::{Check, Draft, Sink, Why};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TickParams {
    /// A cell saying the target was met ("√", "✓").
    met: Pattern,
    /// A cell saying it was not ("X", "✗").
    not_met: Pattern,
    /// A realisasi or target column that is not the year's own figure
    /// ("Hasil s/d 2015", cumulative).
    #[serde(default)]
    not_the_year: Option<Pattern>,
    /// How alike an indicator's name must be in the performance table
    /// (shared words, 0 to 1).
    #[serde(default = "default_likeness")]
    likeness: f64,
}

fn default_likeness() -> f64 {
    0.75
}

#[derive(Debug)]
pub struct TickColumn {
    p: TickParams,
}

impl TickColumn {
    pub fn new(p: TickParams) -> Result<Self, String> {
        Ok(TickColumn { p })
    }
}

const NO_COLUMNS: Why = Why {
    en: "the tick column's table has no single target and realisasi column of one year",
    id: "tabel kolom tanda centang tidak memiliki satu kolom target dan realisasi tahun yang sama",
};
const POLARITY_UNKNOWN: Why = Why {
    en: "the indicator's polarity is not established by a capaian in the report",
    id: "polaritas indikator tidak ditetapkan oleh capaian dalam laporan",
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Polarity {
    Higher,
    Lower,
}

/// The polarity a capaian gives: realisasi / target × 100 (higher is better),
/// target / realisasi × 100 or (2 − realisasi / target) × 100 (lower is
/// better); none when it fits neither or both.
fn polarity(t: Decimal, r: Decimal, c: &crate::facts::figures::Figure) -> Option<Polarity> {
    if t.is_zero() || r.is_zero() || t == r {
        return None;
    }
    let hundred = Decimal::from(100);
    let higher = agrees(c, r / t * hundred, Decimal::ZERO);
    let lower = agrees(c, t / r * hundred, Decimal::ZERO)
        || agrees(c, (Decimal::from(2) - r / t) * hundred, Decimal::ZERO);
    match (higher, lower) {
        (true, false) => Some(Polarity::Higher),
        (false, true) => Some(Polarity::Lower),
        _ => None,
    }
}

/// The one column of `role` for `year` (or the only one), leaving out those
/// whose label `skip` matches.
fn column(table: &Table, role: Role, year: Option<i32>, skip: Option<&Pattern>) -> Option<usize> {
    let of_role: Vec<usize> = (0..table.roles.len())
        .filter(|&i| table.roles[i].role == role)
        .filter(|&i| skip.is_none_or(|p| !table.columns.get(i).is_some_and(|l| p.is_match(l))))
        .collect();
    let of_year: Vec<usize> = of_role
        .iter()
        .copied()
        .filter(|&i| year.is_some() && table.roles[i].year == year)
        .collect();
    match (of_year.as_slice(), of_role.as_slice()) {
        ([one], _) => Some(*one),
        ([], [one]) => Some(*one),
        _ => None,
    }
}

/// The column naming the indicators: a label column whose header says
/// "indikator", else the last label column.
fn indicator_column(table: &Table) -> Option<usize> {
    let labels: Vec<usize> = (0..table.roles.len())
        .filter(|&i| table.roles[i].role == Role::Label)
        .collect();
    labels
        .iter()
        .copied()
        .find(|&i| {
            table
                .columns
                .get(i)
                .is_some_and(|l| l.to_lowercase().contains("indikator"))
        })
        .or(labels.last().copied())
}

struct Figures {
    t: Decimal,
    r: Decimal,
    c: Option<crate::facts::figures::Figure>,
}

/// A cell's number: its figure, or a bare number the table left untyped.
fn number(row: &Row, column: usize, hint: Hint) -> Option<crate::facts::figures::Figure> {
    row.figure(column).cloned().or_else(|| {
        row.cell(column)
            .and_then(|c| cell_number(c.text.trim(), hint))
    })
}

fn row_figures(row: &Row, t: usize, r: usize, c: Option<usize>) -> Option<Figures> {
    Some(Figures {
        t: number(row, t, Hint::None)?.value,
        r: number(row, r, Hint::None)?.value,
        c: c.and_then(|c| number(row, c, Hint::Percent)),
    })
}

impl TickColumn {
    fn mark(&self, text: &str) -> Option<bool> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        if self.p.met.is_match(text) {
            Some(true)
        } else if self.p.not_met.is_match(text) {
            Some(false)
        } else {
            None
        }
    }

    /// The indicator's polarity from the capaian of a performance table
    /// (one row of that name in all of them).
    fn polarity_elsewhere(
        &self,
        ctx: &Context<'_, '_>,
        skip: usize,
        key: &str,
    ) -> Option<Polarity> {
        let year = ctx.year();
        let mut found: Vec<Option<Polarity>> = Vec::new();
        for (ti, table) in ctx.capaian_tables() {
            if ti == skip {
                continue;
            }
            let Some(names) = indicator_column(table) else {
                continue;
            };
            let (Some(t), Some(r), Some(c)) = (
                column(table, Role::Target, year, self.p.not_the_year.as_ref()),
                column(table, Role::Realisasi, year, self.p.not_the_year.as_ref()),
                column(table, Role::Capaian, year, None),
            ) else {
                continue;
            };
            for row in &table.rows {
                let Some(cell) = row.cell(names) else {
                    continue;
                };
                if likeness(&indicator_key(&cell.text), key) < self.p.likeness {
                    continue;
                }
                let p = row_figures(row, t, r, Some(c))
                    .and_then(|f| f.c.as_ref().and_then(|cf| polarity(f.t, f.r, cf)));
                found.push(p);
            }
        }
        match found.as_slice() {
            [Some(p)] => Some(*p),
            _ => None,
        }
    }

    fn table(&self, ti: usize, table: &Table, ctx: &Context<'_, '_>, out: &mut Sink) {
        let Some(ticks) = (0..table.roles.len()).find(|&i| table.roles[i].role == Role::Predicate)
        else {
            return;
        };
        let marks: Vec<Option<bool>> = table
            .rows
            .iter()
            .map(|r| r.cell(ticks).and_then(|c| self.mark(&c.text)))
            .collect();
        let filled = table
            .rows
            .iter()
            .filter(|r| r.cell(ticks).is_some_and(|c| !c.text.trim().is_empty()))
            .count();
        let marked = marks.iter().flatten().count();
        // A column of ticks, not of words ("Baik", "Tercapai").
        if marked < 2 || marked != filled {
            return;
        }
        let year = ctx.year();
        let skip = self.p.not_the_year.as_ref();
        let target = column(table, Role::Target, year, skip);
        let realisasi =
            target.and_then(|t| column(table, Role::Realisasi, table.roles[t].year.or(year), skip));
        let (Some(t), Some(r)) = (target, realisasi) else {
            out.skip(NO_COLUMNS);
            return;
        };
        let c = column(table, Role::Capaian, table.roles[t].year.or(year), skip);
        let names = indicator_column(table);
        for (row, mark) in table.rows.iter().zip(&marks) {
            let Some(mark) = *mark else {
                continue;
            };
            let Some(f) = row_figures(row, t, r, c) else {
                continue;
            };
            let met = if f.r == f.t {
                true
            } else {
                let key = names
                    .and_then(|n| row.cell(n))
                    .map(|cell| indicator_key(&cell.text))
                    .unwrap_or_default();
                let own = f.c.as_ref().and_then(|cf| polarity(f.t, f.r, cf));
                let elsewhere = || {
                    specific(&key)
                        .then(|| self.polarity_elsewhere(ctx, ti, &key))
                        .flatten()
                };
                match own.or_else(elsewhere) {
                    Some(Polarity::Higher) => f.r > f.t,
                    Some(Polarity::Lower) => f.r < f.t,
                    None => {
                        out.skip(POLARITY_UNKNOWN);
                        continue;
                    }
                }
            };
            if met == mark {
                out.agree();
                continue;
            }
            let cell = row
                .cell(ticks)
                .map(|c| c.text.trim().to_string())
                .unwrap_or_default();
            let (rt, tt) = (
                row.cell(r).map(|c| c.text.trim()).unwrap_or_default(),
                row.cell(t).map(|c| c.text.trim()).unwrap_or_default(),
            );
            let (said_id, said_en) = if met {
                ("tercapai", "met")
            } else {
                ("tidak tercapai", "not met")
            };
            out.push(Draft {
                line: ctx.row_line(row.page, row.line),
                stated: cell,
                expected: if met { "√".into() } else { "X".into() },
                computation: Localized::new(
                    format!("realisasi {rt} terhadap target {tt}: {said_id}"),
                    format!("realisasi {rt} against target {tt}: {said_en}"),
                ),
                ..Default::default()
            });
        }
    }
}

impl Check for TickColumn {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        for (ti, table) in ctx.report.tables.iter().enumerate() {
            out.enter_table(ti);
            self.table(ti, table, ctx, out);
            out.leave_table();
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::checks::testing::{findings, run_default};

    const HEAD: &str = "Laporan Kinerja Dinas Contoh Tahun 2015 disusun. Laporan Kinerja Dinas Contoh Tahun 2015 memuat capaian.\n\n";
    const MEASURED: &str = "Tabel 3.1 Pengukuran Kinerja\n\n| No | Indikator Kinerja | Target | Realisasi | Capaian |\n|---|---|---|---|---|\n| 1 | RTH persatuan wilayah perkotaan | 0,820 | 0,162 | 19,76 % |\n| 2 | Tempat pembuangan sampah TPST persatuan penduduk | 18 | 25 | 61% |\n\n";

    fn ticks(first: &str, third: &str) -> String {
        format!(
            "{HEAD}{MEASURED}Tabel 3.2 Perbandingan\n\n| Indikator Kinerja | Hasil Th 2014 | Hasil Th 2015 | Tercapai/ Tidak | Target Th 2015 |\n|---|---|---|---|---|\n| RTH Persatuan Wilayah Perkotaan | 0,094% | 0,612% | {first} | 0,820% |\n| Persentase Penanganan Sampah | 5% | 5% | √ | 5% |\n| Tempat Pembuangan sampah TPST persatuan penduduk | 20 % | 61% | {third} | 18% |\n"
        )
    }

    #[test]
    fn a_tick_on_a_row_below_its_target_is_found() {
        // RTH: capaian 0,162 / 0,820 = 19,76 %: higher is better, 0,612 < 0,820.
        // TPST: capaian (2 − 25/18) = 61 %: lower is better, 61 > 18 is not met.
        let found = findings("tick-column", &ticks("√", "X"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "√");
        assert_eq!(found[0].expected, "X");
        let (found, coverage) = run_default("tick-column", &ticks("X", "X"));
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 3, "{coverage:#?}");
        // Lower is better: a tick on 61 against 18 is wrong too.
        assert_eq!(findings("tick-column", &ticks("X", "√")).len(), 1);
    }

    #[test]
    fn a_row_of_unknown_polarity_is_an_abstention() {
        // Without the performance table neither row's polarity is known.
        let text = ticks("√", "√").replace(MEASURED, "");
        let (found, coverage) = run_default("tick-column", &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 2, "{coverage:#?}");
        assert_eq!(coverage.agree, 1, "equal figures are met either way");
    }
}
