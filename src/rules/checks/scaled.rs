//! `scaled_quantities`: two tables giving the same year's quantities for
//! rows of the same names in units a thousand apart — production in kg in
//! one ("Kerbau | 2.888.870"), in tons in the other ("- Kerbau | Ton |
//! 2.884"). When most pairs of rows agree at that scale (so the columns hold
//! the same quantities), a pair a little off is a finding on the later table;
//! a pair far off is taken for another quantity of the same name.

use rust_decimal::Decimal;
use serde::Deserialize;

use super::arithmetic::table_name;
use super::common::{Context, difference, like, shown};
use super::narrative::spread;
use super::{Check, Draft, Sink, Why};
use crate::facts::figures::{Figure, FigureKind};
use crate::findings::Localized;
use crate::structure::roles::Role;
use crate::structure::{Row, Table};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaledParams {
    /// Pairs of rows that must agree at the scale before a pair that does
    /// not is judged.
    #[serde(default = "six")]
    min_agreeing: usize,
}

fn six() -> usize {
    6
}

#[derive(Debug)]
pub struct ScaledQuantities {
    p: ScaledParams,
}

impl ScaledQuantities {
    pub fn new(p: ScaledParams) -> Result<Self, String> {
        Ok(ScaledQuantities { p })
    }
}

const FAR_OFF: Why = Why {
    en: "a pair of rows of the same name is far from the scale the other pairs follow: taken for another quantity",
    id: "sepasang baris bernama sama jauh dari skala yang diikuti pasangan lain: dianggap besaran lain",
};

/// A row of a value column: its name's key, its figure, the row.
type Item<'t> = (String, &'t Figure, &'t Row);

/// One value column of a table: its year and its rows' (name, figure, row).
struct Column<'t> {
    table: usize,
    column: usize,
    /// The label column naming its rows.
    label: usize,
    year: i32,
    items: Vec<Item<'t>>,
}

/// A row name for pairing: its letters only, lower case ("- I t i k" →
/// "itik").
fn key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A table's columns of counts or amounts (not money, not a capaian) of one
/// year, each with the nearest label column on its left.
fn columns<'t>(index: usize, t: &'t Table) -> Vec<Column<'t>> {
    let mut out = Vec::new();
    for (c, r) in t.roles.iter().enumerate() {
        let Some(year) = r.year else {
            continue;
        };
        if r.money
            || matches!(
                r.role,
                Role::Capaian | Role::Number | Role::Label | Role::Unit
            )
        {
            continue;
        }
        let Some(label) = (0..c).rev().find(|&l| t.roles[l].role == Role::Label) else {
            continue;
        };
        let items = t
            .rows
            .iter()
            .filter_map(|row| {
                let name = key(&row.cell(label)?.text);
                let f = row
                    .figure(c)
                    .filter(|f| matches!(f.kind, FigureKind::Plain | FigureKind::Count))?;
                (name.chars().count() >= 3).then_some((name, f, row))
            })
            .collect();
        out.push(Column {
            table: index,
            column: c,
            label,
            year,
            items,
        });
    }
    out
}

/// The rows of two columns paired by name, the k-th of a name with the k-th
/// (a name under two headings, "Ayam Buras" of meat and of eggs).
fn pairs<'a, 't>(a: &'a Column<'t>, b: &'a Column<'t>) -> Vec<(&'a Item<'t>, &'a Item<'t>)> {
    let mut out = Vec::new();
    for (i, x) in a.items.iter().enumerate() {
        let k = a.items[..i].iter().filter(|y| y.0 == x.0).count();
        if let Some(y) = b.items.iter().filter(|y| y.0 == x.0).nth(k) {
            out.push((x, y));
        }
    }
    out
}

/// A row's name as printed in a label column.
fn name(row: &Row, label: usize) -> String {
    row.cell(label)
        .map(|c| c.text.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

impl Check for ScaledQuantities {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let all: Vec<Column<'_>> = ctx
            .report
            .tables
            .iter()
            .enumerate()
            .flat_map(|(i, t)| columns(i, t))
            .collect();
        let thousand = Decimal::from(1000);
        for (i, a) in all.iter().enumerate() {
            for b in all[i + 1..]
                .iter()
                .filter(|b| b.table > a.table && b.year == a.year)
            {
                let paired = pairs(a, b);
                if paired.len() < self.p.min_agreeing {
                    continue;
                }
                // The later table's value from the earlier's, a thousand
                // times smaller or larger.
                for smaller in [true, false] {
                    let convert = |v: Decimal| {
                        if smaller { v / thousand } else { v * thousand }
                    };
                    let fits = |x: &Figure, y: &Figure| {
                        let slack = spread(y) + convert(spread(x));
                        (convert(x.value) - y.value).abs() <= slack + ctx.tolerance
                    };
                    let agreeing = paired.iter().filter(|(x, y)| fits(x.1, y.1)).count();
                    let off = paired.len() - agreeing;
                    if agreeing < self.p.min_agreeing || off * 4 > agreeing {
                        continue;
                    }
                    out.enter_table(b.table);
                    let (ta, tb) = (&ctx.report.tables[a.table], &ctx.report.tables[b.table]);
                    for (x, y) in &paired {
                        if fits(x.1, y.1) {
                            out.agree();
                            continue;
                        }
                        let expected = convert(x.1.value);
                        // Far off: another quantity of the same name.
                        if expected.is_zero()
                            || ((expected - y.1.value) / expected).abs() > Decimal::new(5, 2)
                        {
                            out.skip(FAR_OFF);
                            continue;
                        }
                        let op = if smaller { "/" } else { "×" };
                        out.push(
                            Draft {
                                line: ctx.row_line(y.2.page, y.2.line),
                                stated: y.1.text.clone(),
                                expected: like(y.1, expected),
                                computation: Localized::new(
                                    format!(
                                        "{} ({}, {}): {} {op} 1.000 = {}; {} baris lain kedua tabel sama pada skala ini",
                                        table_name(ta).id,
                                        ta.columns[a.column],
                                        name(x.2, a.label),
                                        shown(x.1),
                                        crate::facts::format::format_id(expected, 3),
                                        agreeing
                                    ),
                                    format!(
                                        "{} ({}, {}): {} {op} 1.000 = {}; {} other rows of the two tables agree at this scale",
                                        table_name(ta).en,
                                        ta.columns[a.column],
                                        name(x.2, a.label),
                                        shown(x.1),
                                        crate::facts::format::format_id(expected, 3),
                                        agreeing
                                    ),
                                ),
                                related: vec![ctx.row_line(x.2.page, x.2.line)],
                                ..Default::default()
                            }
                            .var("row", Localized::same(name(y.2, b.label)))
                            .var("table", table_name(tb))
                            .var("other", table_name(ta))
                            .var("difference", difference(y.1.value, expected)),
                        );
                    }
                    out.leave_table();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::checks::testing::run_default;

    const RULE: &str = "scaled-table-quantity";

    fn text(kerbau: &str) -> String {
        format!(
            "Tabel 3 Sasaran Produksi Hasil Ternak\n\n\
| No | Jenis Ternak | Produksi 2015 | Produksi 2016 |\n\
|---|---|---|---|\n\
| 1 | Sapi Lokal | 80.774.792 | 84.491.196 |\n\
| 2 | Sapi Impor | 3.199.954 | 3.348.890 |\n\
| 3 | Kerbau | 2.793.565 | 2.888.870 |\n\
| 4 | Domba | 32.289.790 | 34.133.102 |\n\
| 5 | Kambing | 9.617.179 | 10.169.900 |\n\
| 6 | Kuda | 36.184 | 37.078 |\n\
| 7 | Ayam Buras | 25.683.541 | 26.320.463 |\n\
| 8 | Itik | 6.295.315 | 6.511.637 |\n\n\
Uraian berikut.\n\n\
Tabel 4 Sasaran Produksi Hasil Ternak Tahun 2016\n\n\
| No | Uraian | Satuan | Target Tahun 2016 (ton) |\n\
|---|---|---|---|\n\
| 1. | - Sapi Lokal | Ton | 84.491 |\n\
| 2. | - Sapi Impor | Ton | 3.349 |\n\
| 3. | - Kerbau | Ton | {kerbau} |\n\
| 4. | - Domba | Ton | 34.133 |\n\
| 5. | - Kambing | Ton | 10.170 |\n\
| 6. | - Kuda | Ton | 37 |\n\
| 7. | - Ayam Buras | Ton | 26.320 |\n\
| 8. | - I t i k | Ton | 6.512 |\n"
        )
    }

    #[test]
    fn a_row_a_little_off_the_scale_the_others_follow_is_found() {
        let (found, coverage) = run_default(RULE, &text("2.884"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "2.884");
        assert_eq!(found[0].expected, "2.889");
        assert_eq!(coverage.agree, 7, "{coverage:#?}");
    }

    #[test]
    fn rows_at_the_scale_agree() {
        let (found, coverage) = run_default(RULE, &text("2.889"));
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 8, "{coverage:#?}");
    }

    #[test]
    fn a_row_far_off_is_another_quantity_and_few_pairs_are_not_judged() {
        let (found, coverage) = run_default(RULE, &text("143.594"));
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.len(), 1, "{coverage:#?}");
        // Fewer than six pairs agreeing: not judged.
        let few = text("2.884").replace("| 7. | - Ayam Buras | Ton | 26.320 |\n", "");
        let few = few.replace("| 8. | - I t i k | Ton | 6.512 |\n", "");
        let (found, coverage) = run_default(RULE, &few);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 0, "{coverage:#?}");
    }
}
