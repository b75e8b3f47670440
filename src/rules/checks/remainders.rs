//! `named_remainder`: "Pada belanja modal terjadi SILPA sebesar 56.189.290.713"
//! against the budget-table row of that name: anggaran − realisasi. Only a
//! name that one row bears (or several rows with the same figures) is
//! judged; "belanja pegawai" under both direct and indirect spending is not.

use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::arithmetic::table_name;
use super::common::{Context, Pattern, amount, figures, words};
use super::totals::money_in;
use super::{Check, Draft, Sink, Why};
use crate::findings::Localized;
use crate::structure::roles::Role;
use crate::structure::{Paragraph, Row, Table};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamedRemainderParams {
    /// The sentence: groups `name` (the row's name) and `value` (the remainder).
    sentence: Pattern,
}

#[derive(Debug)]
pub struct NamedRemainder {
    p: NamedRemainderParams,
}

impl NamedRemainder {
    pub fn new(p: NamedRemainderParams) -> Result<Self, String> {
        for g in ["name", "value"] {
            if !p.sentence.0.capture_names().any(|n| n == Some(g)) {
                return Err(format!("`sentence` needs a (?P<{g}>…) group"));
            }
        }
        Ok(NamedRemainder { p })
    }
}

const NO_ROW: Why = Why {
    en: "no budget-table row bears the name the remainder is stated for",
    id: "tidak ada baris tabel anggaran dengan nama yang disebut sisanya",
};

const ROWS_DIFFER: Why = Why {
    en: "several budget-table rows bear the name, with different figures",
    id: "beberapa baris tabel anggaran bernama sama dengan angka berbeda",
};

/// Words of a name without the joining ones ("barang dan jasa" = "barang/jasa").
fn name_words(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .filter(|w| !matches!(w.as_str(), "dan" | "atau" | "serta"))
        .collect()
}

/// An item's number opening a row's label: "1. Belanja Modal", "b) …", "II. …".
static ITEM_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"^\s*(?:\(?\d{1,2}[.)]|[a-zA-Z][.)]|[IVX]{1,4}\.)\s+")
        .expect("valid regex")
});

/// The words of a row's label, its item number aside: a table may number
/// its rows in the label's own cell.
fn label_words(text: &str) -> Vec<String> {
    name_words(&ITEM_NUMBER.replace(text, ""))
}

/// A row of a budget table named exactly `name` (its words, in order), with
/// its anggaran − realisasi.
struct Named<'a> {
    table: &'a Table,
    row: &'a Row,
    remainder: Decimal,
}

fn rows_named<'a>(tables: &'a [Table], name: &[String]) -> Vec<Named<'a>> {
    let mut out = Vec::new();
    for t in tables {
        for row in &t.rows {
            let label = row
                .cells
                .iter()
                .find(|c| c.figure.is_none() && label_words(&c.text) == name);
            if label.is_none() {
                continue;
            }
            if let (Some(a), Some(r)) = (
                money_in(t, row, Role::Anggaran, 1000),
                money_in(t, row, Role::Realisasi, 1000),
            ) {
                out.push(Named {
                    table: t,
                    row,
                    remainder: a.value - r.value,
                });
            }
        }
    }
    out
}

impl Check for NamedRemainder {
    fn paragraph(&self, para: &Paragraph, ctx: &Context<'_, '_>, out: &mut Sink) {
        for c in self.p.sentence.0.captures_iter(&para.text) {
            let (Some(name), Some(value)) = (c.name("name"), c.name("value")) else {
                continue;
            };
            let Some(stated) = figures(value.as_str()).into_iter().next() else {
                continue;
            };
            let rows = rows_named(&ctx.report.tables, &name_words(name.as_str()));
            let Some(first) = rows.first() else {
                out.skip(NO_ROW);
                continue;
            };
            if rows.iter().any(|r| r.remainder != first.remainder) {
                out.skip(ROWS_DIFFER);
                continue;
            }
            if stated.value == first.remainder {
                out.agree();
                continue;
            }
            let (line, at) = ctx.locate(para, value.start());
            let table = table_name(first.table);
            let label = first.row.label().trim().to_string();
            let computed = amount(first.remainder);
            out.push(
                Draft {
                    line,
                    stated: value.as_str().trim().to_string(),
                    expected: computed.clone(),
                    computation: Localized::new(
                        format!(
                            "{} baris \"{label}\": anggaran − realisasi = {computed}",
                            table.id
                        ),
                        format!(
                            "{} row \"{label}\": budget − realisation = {computed}",
                            table.en
                        ),
                    ),
                    related: vec![ctx.row_line(first.row.page, first.row.line)],
                    highlight: Some((at, at + value.len())),
                    ..Default::default()
                }
                .var("name", Localized::same(name.as_str().trim().to_string()))
                .var("table", table),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::checks::testing::run_default;

    const RULE: &str = "named-remainder";

    fn report(sentence: &str) -> String {
        format!(
            "Tabel III.6 Realisasi per Jenis Belanja\n\n\
| No | Uraian | Anggaran (Rp) | Realisasi (Rp) |\n|---|---|---|---|\n\
| 1 | Belanja Pegawai | 2.908.120.000,00 | 2.440.170.000,00 |\n\
| 2 | Belanja Barang/Jasa | 112.367.657.800,00 | 92.181.009.745,00 |\n\
| 3 | Belanja Modal | 188.480.994.550,00 | 132.284.077.637,00 |\n\
| 4 | Belanja Pegawai | 28.018.235.867,00 | 27.687.196.867,00 |\n\n\
{sentence}\n"
        )
    }

    #[test]
    fn a_remainder_other_than_its_row_gives_is_found() {
        let text = report("Pada belanja barang dan Jasa terjadi SILPA sebesar Rp 20.186.666.055.");
        let (found, _) = run_default(RULE, &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "Rp 20.186.666.055");
    }

    #[test]
    fn a_remainder_its_row_gives_agrees() {
        let text = report("Pada belanja modal terjadi SILPA sebesar 56.196.916.913.");
        let (found, coverage) = run_default(RULE, &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1, "{coverage:#?}");
    }

    /// A table numbering its rows in the label's cell ("3. Belanja Modal").
    #[test]
    fn a_row_numbered_in_its_label_is_the_row_named() {
        let text = report("Pada belanja modal terjadi SILPA sebesar 56.189.290.713.")
            .replace("| 3 | Belanja Modal", "| | 3. Belanja Modal");
        let (found, _) = run_default(RULE, &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "56.189.290.713");
    }

    /// Two rows named "Belanja Pegawai" with different figures: which one?
    #[test]
    fn a_name_two_rows_bear_is_an_abstention() {
        let text = report("Pada belanja pegawai terjadi SILPA sebesar Rp 798.989.003.");
        let (found, coverage) = run_default(RULE, &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 1, "{coverage:#?}");
    }
}
