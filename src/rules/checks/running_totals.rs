//! A total the text draws from the amounts just before it: "anggaran …
//! sebesar Rp 4.132.238.700,00. Selain itu … anggaran Rp 158.750.000,00
//! sehingga total anggaran … Rp 5.118.378.700,00" — the total is their sum.

use serde::Deserialize;

use crate::facts::figures::FigureKind;
use crate::findings::Localized;

use super::common::{Context, Pattern, agrees, amount, figures, like, sum_text};
use super::{Check, Draft, Sink, Why};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunningTotalParams {
    /// The words that draw the total ("sehingga total anggaran … adalah");
    /// the first rupiah amount after them is the total.
    total: Pattern,
}

#[derive(Debug)]
pub struct RunningTotal {
    p: RunningTotalParams,
}

impl RunningTotal {
    pub fn new(p: RunningTotalParams) -> Result<Self, String> {
        Ok(RunningTotal { p })
    }
}

const NOT_TWO: Why = Why {
    en: "not exactly two amounts before the total in its paragraph",
    id: "tidak tepat dua jumlah uang sebelum total dalam paragrafnya",
};

impl Check for RunningTotal {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        for para in &ctx.report.paragraphs {
            let text = &para.text;
            for m in self.p.total.0.find_iter(text) {
                let after = &text[m.end()..];
                let Some(total) = figures(after)
                    .into_iter()
                    .find(|f| f.kind == FigureKind::Rupiah)
                    .filter(|f| f.start < 120)
                else {
                    continue;
                };
                let parts: Vec<_> = figures(&text[..m.start()])
                    .into_iter()
                    .filter(|f| f.kind == FigureKind::Rupiah)
                    .collect();
                let [a, b] = parts.as_slice() else {
                    out.skip(NOT_TWO);
                    continue;
                };
                let sum = a.value + b.value;
                let diff = (a.value - b.value).abs();
                if agrees(&total, sum, ctx.tolerance) || agrees(&total, diff, ctx.tolerance) {
                    out.agree();
                    continue;
                }
                let at = m.end() + total.start;
                let (line, col) = ctx.locate(para, at);
                out.push(
                    Draft {
                        line,
                        stated: total.text.clone(),
                        expected: like(&total, sum),
                        computation: Localized::same(sum_text(&[a.value, b.value], sum)),
                        highlight: Some((col, col + total.text.len())),
                        ..Default::default()
                    }
                    .var(
                        "parts",
                        Localized::same(format!("{} + {}", amount(a.value), amount(b.value))),
                    )
                    .var("difference", super::common::difference(total.value, sum)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::checks::testing::{findings, run_default};

    const TEXT: &str = "Didukung oleh tiga program dengan anggaran belanja langsung sebesar Rp. 4.132.238.700,00. Selain tiga program tersebut, terdapat satu program dukungan dengan anggaran Rp. 158.750.000,00 sehingga total anggaran Biro Tahun 2016 adalah Rp. {t} dengan rincian sebagai berikut:\n";

    #[test]
    fn a_total_that_is_not_the_sum_of_its_two_amounts_is_found() {
        let found = findings("running-total", &TEXT.replace("{t}", "5.118.378.700,00"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "4.290.988.700,00");
    }

    #[test]
    fn the_right_total_agrees() {
        let (found, coverage) =
            run_default("running-total", &TEXT.replace("{t}", "4.290.988.700,00"));
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1);
    }

    #[test]
    fn three_amounts_before_the_total_are_an_abstention() {
        let text = TEXT
            .replace("{t}", "5.118.378.700,00")
            .replace("Didukung", "Dari pagu Rp 9.000.000.000,00 didukung");
        let (found, coverage) = run_default("running-total", &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 1);
    }
}
