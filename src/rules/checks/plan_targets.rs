//! `plan_target`: an indicator's target for a year of the plan (Renstra,
//! RPJMD) printed in a column of another table ("Target Akhir Renstra",
//! "Target Renstra 2018") is the one the plan's own table gives. (A plan
//! table of one year, the year's Rencana Kinerja, is `same_indicator`'s.)
//!
//! The figures are read as the cross-report rules read them (`cross::table_facts`):
//! the same columns, the same indicator names, the same plan period.

use rust_decimal::Decimal;
use serde::Deserialize;

use super::common::{Context, Pattern, both};
use super::cross::{self, Basis, Comparison, CrossParams, Fact, Measure};
use super::quantities::same_value;
use super::{Draft, Sink, Why};
use crate::findings::Localized;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanTargetParams {
    /// Columns that are not one year's value of an indicator.
    pub skip_column: Pattern,
    /// A table or target column of the plan (Renstra, RPJMD).
    pub plan: Pattern,
    /// A row that averages the rows above it (left out).
    pub average_row: Pattern,
    /// A target column of the plan's last year that names no year.
    pub end_target: Pattern,
    /// A plan period in the text: the plan's name, then "YYYY-YYYY".
    pub plan_period: Pattern,
}

#[derive(Debug)]
pub struct PlanTarget {
    p: CrossParams,
}

impl PlanTarget {
    pub fn new(p: PlanTargetParams) -> Result<Self, String> {
        Ok(PlanTarget {
            p: CrossParams {
                check: Comparison::Target,
                skip_column: p.skip_column,
                plan: p.plan,
                average_row: p.average_row,
                min_digits: 1,
                end_target: Some(p.end_target),
                plan_period: Some(p.plan_period),
            },
        })
    }
}

const WHY_AMBIGUOUS: Why = Why {
    en: "two rows of one plan table match the indicator",
    id: "dua baris satu tabel rencana cocok dengan indikator",
};
const WHY_PLAN_DIFFERS: Why = Why {
    en: "the plan's tables give two targets for the indicator and year",
    id: "tabel rencana memuat dua target untuk indikator dan tahun itu",
};
const WHY_SUB_ITEM: Why = Why {
    en: "the row is an item of a group (\"- Daging\"): its name alone does not say what is measured",
    id: "baris adalah butir suatu kelompok (\"- Daging\"): namanya saja tidak menyatakan apa yang diukur",
};
const WHY_SCALE: Why = Why {
    en: "the two figures differ by a power of ten (scale)",
    id: "kedua angka berbeda kelipatan sepuluh (skala)",
};

/// A row printed as an item of the group above it ("- Daging" under
/// "Jumlah produksi (ton)", "- Sapi Potong" under "Populasi (ekor)"): two
/// groups of one table or of two tables may hold items of one name.
fn sub_item(label: &str) -> bool {
    label
        .trim_start()
        .starts_with(['-', '–', '—', '•', '·', '*'])
}

impl super::Check for PlanTarget {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let report = ctx.report;
        let plan_end = cross::plan_end(report, &self.p);
        let mut facts = Vec::new();
        for table in &report.tables {
            cross::table_facts(report, table, "", &self.p, plan_end, &mut facts);
        }
        // The plan's own tables over several years are the reference; a
        // column of another table that gives the plan's target (its end,
        // "Target Renstra 2016") repeats it. A plan table of one year (the
        // year's Rencana Kinerja) is compared by `same_indicator`.
        let reference = |f: &&Fact| f.plan_table && !f.single_year;
        let target = |f: &&Fact| f.measure == Measure::Target && !f.average;
        let plans: Vec<&Fact> = facts.iter().filter(target).filter(reference).collect();
        let columns = facts
            .iter()
            .filter(target)
            .filter(|f| f.basis == Basis::Plan && !f.plan_table);
        for stated in columns {
            if sub_item(&stated.label) {
                out.skip(WHY_SUB_ITEM);
                continue;
            }
            let pool = plans.iter().copied().filter(|o| o.year == stated.year);
            let candidates = match cross::candidates(stated, pool) {
                Ok(c) if c.is_empty() => continue,
                Ok(c) => c,
                Err(()) => {
                    out.skip(WHY_AMBIGUOUS);
                    continue;
                }
            };
            let plan = candidates[0];
            if candidates
                .iter()
                .any(|c| !same_value(&c.figure, &plan.figure, Decimal::ZERO))
            {
                out.skip(WHY_PLAN_DIFFERS);
                continue;
            }
            if same_value(&stated.figure, &plan.figure, Decimal::ZERO) {
                out.agree();
                continue;
            }
            if cross::scaled_alike(&stated.figure, &plan.figure) {
                out.skip(WHY_SCALE);
                continue;
            }
            let Some(line) = stated.index else { continue };
            let page = |f: &Fact| match f.location.page {
                Some(p) => (format!(" (hal. {p})"), format!(" (p. {p})")),
                None => (String::new(), String::new()),
            };
            let ((here_id, here_en), (there_id, there_en)) = (page(stated), page(plan));
            let year = stated.year;
            let (shown, expected) = (&stated.figure.text, &plan.figure.text);
            out.push(
                Draft {
                    line,
                    stated: stated.figure.text.clone(),
                    expected: plan.figure.text.clone(),
                    computation: both(
                        format!(
                            "{}{here_id}, target {year}: {shown}; {}{there_id}, target {year}: {expected}",
                            stated.table, plan.table
                        ),
                        format!(
                            "{}{here_en}, target for {year}: {shown}; {}{there_en}, target for {year}: {expected}",
                            stated.table, plan.table
                        ),
                    ),
                    related: plan.index.into_iter().collect(),
                    ..Default::default()
                }
                .var("quantity", cross::quantity(stated))
                .var("table", Localized::same(plan.table.clone())),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::checks::testing::{findings, run_default};

    const HEAD: &str = "KATA PENGANTAR\n\nLaporan Kinerja Instansi Pemerintah Dinas Contoh Tahun 2016 disusun berdasarkan Rencana Strategis Tahun 2014-2018.\n\nBAB II PERENCANAAN KINERJA\n\n";

    const RENSTRA: &str = "Tabel 1. Target Renstra Dinas Contoh 2014 - 2018\n\n\
| Indikator Kinerja | Target 2014 | Target 2015 | Target 2016 | Target 2017 | Target 2018 |\n\
|---|---|---|---|---|---|\n\
| Jumlah MOU dengan institusi pendidikan | 40 | 45 | 50 | 55 | 60 |\n\
| Persentase pasien relaps | 80% | 70% | 60% | 50% | 40% |\n\
| Jumlah produksi daging (ton) : | | | | | |\n\
| - Ayam Ras Petelur | 700 | 720 | 740 | 760 | 780 |\n\n";

    /// A report with the Renstra table and, in Bab III, `measured`.
    fn report(measured: &str) -> String {
        format!(
            "{HEAD}{RENSTRA}BAB III AKUNTABILITAS KINERJA\n\nCapaian kinerja tahun 2016.\n\n{measured}\
BAB IV PENUTUP\n\nDemikian laporan kinerja tahun 2016.\n"
        )
    }

    #[test]
    fn an_end_of_plan_target_other_than_the_plans_last_year_is_found() {
        let measured = "Tabel 8. Evaluasi Indikator Kinerja 2016\n\n\
| Indikator Kinerja | Target 2016 | Realisasi 2016 | Target Akhir Renstra |\n|---|---|---|---|\n\
| Jumlah MOU dengan institusi pendidikan | 50 | 52 | 60 |\n\
| Persentase pasien relaps | 60% | 55% | 60% |\n\n";
        let (found, coverage) = run_default("plan-target-differs", &report(measured));
        let s: Vec<_> = found
            .iter()
            .map(|f| (f.stated.as_str(), f.expected.as_str()))
            .collect();
        assert_eq!(s, [("60%", "40%")], "{found:#?}");
        assert!(found[0].computation.en.contains("Tabel 1"), "{found:#?}");
        // The MOU's end target is the plan's 2018 target.
        assert_eq!(coverage.agree, 1, "{coverage:?}");
    }

    #[test]
    fn a_renstra_target_column_of_a_year_is_that_years_plan_target() {
        let measured = "Tabel 6. Pengukuran Kinerja 2016\n\n\
| Indikator Kinerja | Target Renstra 2016 | Target 2016 | Realisasi 2016 |\n|---|---|---|---|\n\
| Jumlah MOU dengan institusi pendidikan | 85 | 85 | 90 |\n\n";
        let found = findings("plan-target-differs", &report(measured));
        let s: Vec<_> = found
            .iter()
            .map(|f| (f.stated.as_str(), f.expected.as_str()))
            .collect();
        assert_eq!(s, [("85", "50")], "{found:#?}");
    }

    #[test]
    fn items_of_a_group_and_capaian_targets_are_not_compared() {
        let measured = "Tabel 6. Pengukuran Kinerja 2016\n\n\
| Indikator Kinerja | Target Renstra 2016 | Realisasi 2016 | Target Pencapaian (%) Renstra 2016 |\n|---|---|---|---|\n\
| - Ayam Ras Petelur | 9.000 | 9.100 | 100 |\n\
| Jumlah MOU dengan institusi pendidikan | 50 | 48 | 90.00 |\n\n";
        let (found, coverage) = run_default("plan-target-differs", &report(measured));
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1, "{coverage:?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 1, "{coverage:?}");
    }
}
