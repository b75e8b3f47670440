//! `thousands_separator`: a target or realisasi typed with the other
//! separator before its last three digits ("352,390*" in a column of
//! "992.770", "253.712"). Read in the column's own style it is a decimal
//! (352,39); the row's capaian says which was meant: 352.390 / 268.797 × 100
//! = 131,10, the capaian printed, while 352,39 gives 0,13. The figure is then
//! wrongly typed, and any reader or tool taking it as written misreads it.
//!
//! Only where the capaian bears out the thousands reading and not the
//! decimal one: otherwise either may be meant, and the check abstains.

use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::arithmetic::table_name;
use super::common::Context;
use super::narrative::spread;
use super::{Check, Draft, Sink, Why};
use crate::facts::format::format_id;
use crate::findings::Localized;
use crate::structure::Table;
use crate::structure::roles::Role;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeparatorParams {}

#[derive(Debug)]
pub struct ThousandsSeparator;

impl ThousandsSeparator {
    pub fn new(_: SeparatorParams) -> Result<Self, String> {
        Ok(ThousandsSeparator)
    }
}

const BOTH_READINGS: Why = Why {
    id: "capaian baris tidak menunjukkan apakah angka itu ribuan atau desimal",
    en: "the row's capaian does not tell whether the figure is thousands or decimals",
};

/// One to three digits, a separator, three digits: thousands or decimals.
static AMBIGUOUS: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"^(\d{1,3})([.,])(\d{3})\W*$").expect("valid regex"));
/// A figure grouped in thousands with `.` (Indonesian) or `,` (English).
static DOT_GROUPED: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?\W*$").expect("valid regex")
});
static COMMA_GROUPED: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?\W*$").expect("valid regex")
});

/// The target, realisasi and capaian columns of one capaian: the nearest
/// target and realisasi to its left, target first.
fn triples(table: &Table) -> Vec<[usize; 3]> {
    let roles = &table.roles;
    let mut out = Vec::new();
    for (c, role) in roles.iter().enumerate() {
        if role.role != Role::Capaian || role.money {
            continue;
        }
        let nearest = |want: Role| table.nearest_left(c, want);
        if let (Some(t), Some(r)) = (nearest(Role::Target), nearest(Role::Realisasi))
            && t < r
        {
            out.push([t, r, c]);
        }
    }
    out
}

/// The thousands separator the cells of column `col` use, when they use one
/// and only one (at least two cells; ambiguous ones do not count).
fn column_separator(table: &Table, col: usize) -> Option<char> {
    let (mut dots, mut commas) = (0, 0);
    for row in &table.rows {
        let Some(cell) = row.cell(col) else {
            continue;
        };
        let text = cell.text.trim();
        if AMBIGUOUS.is_match(text) {
            continue;
        }
        dots += usize::from(DOT_GROUPED.is_match(text));
        commas += usize::from(COMMA_GROUPED.is_match(text));
    }
    match (dots, commas) {
        (d, 0) if d >= 2 => Some('.'),
        (0, c) if c >= 2 => Some(','),
        _ => None,
    }
}

/// The capaian each usual formula gives for a target and realisasi:
/// realisasi / target and, lower being better, target / realisasi.
fn capaian_of(target: Decimal, realisasi: Decimal) -> Vec<Decimal> {
    let hundred = Decimal::from(100);
    let mut out = Vec::new();
    if !target.is_zero() {
        out.push(realisasi / target * hundred);
    }
    if !realisasi.is_zero() {
        out.push(target / realisasi * hundred);
    }
    out
}

impl Check for ThousandsSeparator {
    fn table(&self, table: &Table, ctx: &Context<'_, '_>, out: &mut Sink) {
        for [t, r, c] in triples(table) {
            let separators = [column_separator(table, t), column_separator(table, r)];
            for row in &table.rows {
                let Some(capaian) = row.figure(c) else {
                    continue;
                };
                let half = spread(capaian);
                let agrees = |v: &Decimal| (*v - capaian.value).abs() <= half;
                for ((col, other), column_sep) in [(t, r), (r, t)].into_iter().zip(separators) {
                    let Some(cell) = row.cell(col) else {
                        continue;
                    };
                    let text = cell.text.trim();
                    let Some(m) = AMBIGUOUS.captures(text) else {
                        continue;
                    };
                    let (Some(sep), Some(column_sep)) =
                        (m.get(2).and_then(|s| s.as_str().chars().next()), column_sep)
                    else {
                        continue;
                    };
                    let Some(other) = row.figure(other).map(|f| f.value) else {
                        continue;
                    };
                    if sep == column_sep {
                        continue;
                    }
                    let digits = format!("{}{}", &m[1], &m[3]);
                    let Ok(thousands) = digits.parse::<Decimal>() else {
                        continue;
                    };
                    let decimal = thousands / Decimal::from(1000);
                    let with = |x: Decimal| {
                        if col == t {
                            capaian_of(x, other)
                        } else {
                            capaian_of(other, x)
                        }
                    };
                    let (as_thousands, as_decimal) = (with(thousands), with(decimal));
                    let Some(fits) = as_thousands.iter().find(|v| agrees(v)) else {
                        if as_decimal.iter().any(agrees) {
                            out.agree();
                        }
                        continue;
                    };
                    if as_decimal.iter().any(agrees) {
                        out.skip(BOTH_READINGS);
                        continue;
                    }
                    let expected = format!("{}{column_sep}{}", &m[1], &m[3]);
                    let stated = text.to_string();
                    let line = ctx.row_line(row.page, row.line);
                    let highlight = ctx.report.lines.get(line).and_then(|l| {
                        let at = l.line.text.find(text)?;
                        Some((at, at + text.len()))
                    });
                    let column = &table.columns[col];
                    let shown_fit = format_id(*fits, 2);
                    let decimal_reading = format!("{}{sep}{}", &m[1], &m[3]);
                    out.push(
                        Draft {
                            line,
                            stated,
                            expected: expected.clone(),
                            computation: Localized::new(
                                format!(
                                    "kolom \"{column}\" memakai \"{column_sep}\" sebagai pemisah ribuan; dibaca {expected}, capaian baris = {shown_fit} = {} yang tertulis; dibaca desimal {decimal_reading} tidak",
                                    capaian.text
                                ),
                                format!(
                                    "column \"{column}\" groups thousands with \"{column_sep}\"; read as {expected}, the row's capaian = {shown_fit} = the {} printed; read as the decimal {decimal_reading} it is not",
                                    capaian.text
                                ),
                            ),
                            highlight,
                            ..Default::default()
                        }
                        .var("table", table_name(table)),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::checks::testing::{findings, run_default};

    fn table(realisasi: &str, capaian: &str) -> String {
        format!(
            "Tabel 6 Pengukuran Capaian Indikator Kinerja Tahun 2016\n\n| No | Indikator | Satuan | Target | Realisasi | Capaian (%) |\n|---|---|---|---|---|---|\n| 1 | Produksi daging | Ton | 768.495 | 992.770 | 129,18 |\n| 2 | Produksi susu | Ton | 268.797 | {realisasi} | {capaian} |\n| 3 | Populasi domba | Ekor | 12.285.690 | 10.040.345 | 81,72 |\n| 4 | Populasi kambing | Ekor | 2.477.171 | 1.229.005 | 49,61 |\n"
        )
    }

    #[test]
    fn a_comma_for_the_thousands_point_the_capaian_bears_out_is_found() {
        let found = findings("thousands-separator", &table("352,390*", "131,10"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].stated.starts_with("352,390"),
            "{}",
            found[0].stated
        );
        assert_eq!(found[0].expected, "352.390");
    }

    #[test]
    fn a_decimal_the_capaian_bears_out_or_a_grouped_figure_is_not_found() {
        // 352,390 as a decimal: 0,13 % of the target, the capaian printed.
        let (found, coverage) = run_default("thousands-separator", &table("352,390", "0,13"));
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1);
        assert!(findings("thousands-separator", &table("352.390", "131,10")).is_empty());
        // A capaian neither reading gives: the capaian rule's, not this one's.
        assert!(findings("thousands-separator", &table("352,390", "99,00")).is_empty());
    }
}
