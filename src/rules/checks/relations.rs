//! `stated_relation`: two figures one sentence states together that a
//! formula the report prints ties to each other, y = intercept + slope × x.
//! Kemenhub's efficiency measure prints "NE = 50% + E/20 × 50" and then
//! states "Efisiensi … sebesar -0,03% dan Nilai Efisiensi (NE) sebesar
//! 29,15%", where that E gives NE 49,93. Only where the report prints the
//! formula itself: the relation is the report's own, not ours.

use rust_decimal::Decimal;
use serde::Deserialize;

use super::arithmetic::signed_number;
use super::common::{Context, Pattern, pct};
use super::narrative::spread;
use super::{Check, Draft, Sink};
use crate::findings::Localized;
use crate::structure::Paragraph;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatedRelationParams {
    /// The formula as the report prints it; the check runs only on a report
    /// with a line it matches.
    printed: Pattern,
    /// The two figures in one sentence: groups `x` and `y` (signed, decimal
    /// comma or point).
    pair: Pattern,
    intercept: Decimal,
    slope: Decimal,
    /// The formula as the finding shows it ("NE = 50 + E/20 × 50").
    formula: String,
}

#[derive(Debug)]
pub struct StatedRelation {
    p: StatedRelationParams,
}

impl StatedRelation {
    pub fn new(p: StatedRelationParams) -> Result<Self, String> {
        for g in ["x", "y"] {
            if !p.pair.0.capture_names().any(|n| n == Some(g)) {
                return Err(format!("`pair` needs a (?P<{g}>…) group"));
            }
        }
        Ok(StatedRelation { p })
    }
}

impl Check for StatedRelation {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        if !ctx
            .report
            .lines
            .iter()
            .any(|l| self.p.printed.0.is_match(&l.line.text))
        {
            return;
        }
        for para in &ctx.report.paragraphs {
            self.paragraph_pairs(para, ctx, out);
        }
    }
}

impl StatedRelation {
    fn paragraph_pairs(&self, para: &Paragraph, ctx: &Context<'_, '_>, out: &mut Sink) {
        for c in self.p.pair.0.captures_iter(&para.text) {
            let (Some(xm), Some(ym)) = (c.name("x"), c.name("y")) else {
                continue;
            };
            let (Some(xf), Some(yf)) = (signed_number(xm.as_str()), signed_number(ym.as_str()))
            else {
                continue;
            };
            let (x, y) = (xf.value, yf.value);
            let expected = self.p.intercept + self.p.slope * x;
            // Both figures are rounded to what they print.
            let slack = self.p.slope.abs() * spread(&xf) + spread(&yf);
            if (y - expected).abs() <= slack {
                out.agree();
                continue;
            }
            let (line, at) = ctx.locate(para, xm.start());
            let (shown_x, shown_y) = (xm.as_str().trim(), ym.as_str().trim());
            let round = |v: Decimal| {
                pct(v.round_dp_with_strategy(
                    2,
                    rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                ))
            };
            // Which of the two is wrong the sentence cannot say: both ways.
            let (y_from_x, x_from_y) = (
                round(expected),
                round((y - self.p.intercept) / self.p.slope),
            );
            let formula = &self.p.formula;
            let (b, m) = (self.p.intercept, self.p.slope);
            let m_id = m.to_string().replace('.', ",");
            out.push(
                Draft {
                    line,
                    stated: format!("{shown_x}% … {shown_y}%"),
                    expected: format!("{y_from_x}% (atau {x_from_y}% … {shown_y}%)"),
                    computation: Localized::new(
                        format!(
                            "rumus yang dicetak laporan, {formula}: {b} + {m_id} × {shown_x} = {y_from_x}, bukan {shown_y}; {shown_y} memerlukan ({shown_y} − {b}) / {m_id} = {x_from_y}"
                        ),
                        format!(
                            "the formula the report prints, {formula}: {b} + {m} × {shown_x} = {y_from_x}, not {shown_y}; {shown_y} needs ({shown_y} − {b}) / {m} = {x_from_y}"
                        ),
                    ),
                    highlight: Some((at, at + (ym.end() - xm.start()).min(para.text.len()))),
                    ..Default::default()
                }
                .var("x", Localized::same(shown_x.to_string()))
                .var("y", Localized::same(shown_y.to_string()))
                .var("y_from_x", Localized::same(y_from_x.clone()))
                .var("x_from_y", Localized::same(x_from_y.clone())),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::checks::arithmetic::signed_number;
    use crate::rules::checks::testing::run_default;
    use rust_decimal::Decimal;

    const RULE: &str = "efficiency-value-formula";

    fn report(sentence: &str) -> String {
        format!(
            "Laporan Kinerja Tahun 2025.\n\nE = rata-rata (1 - A/B) x 100%\n\nNE = 50% + E/20 x 50 = 29,15%\n\n{sentence}\n"
        )
    }

    #[test]
    fn signed_figures_are_read() {
        let read = |t: &str| signed_number(t).map(|f| (f.value, f.decimals));
        assert_eq!(read("-0,03"), Some((Decimal::new(-3, 2), 2)));
        assert_eq!(read("80,10"), Some((Decimal::new(8010, 2), 2)));
        assert_eq!(read("63,055"), Some((Decimal::new(63055, 3), 3)));
    }

    #[test]
    fn a_value_the_stated_efficiency_does_not_give_is_found() {
        let text = report(
            "Efisiensi (E) Tahun 2025 sebesar -0,03% dan Nilai Efisiensi (NE) sebesar 29,15%.",
        );
        let (found, _) = run_default(RULE, &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "-0,03% … 29,15%");
        assert_eq!(found[0].expected, "49,93% (atau -8,34% … 29,15%)");
    }

    #[test]
    fn a_value_the_stated_efficiency_gives_agrees() {
        let text = report(
            "Efisiensi (E) Tahun 2024 sebesar 12,04% dan Nilai Efisiensi (NE) sebesar 80,10%.",
        );
        let (found, coverage) = run_default(RULE, &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1, "{coverage:#?}");
    }

    /// Without the printed formula the relation is not the report's.
    #[test]
    fn no_printed_formula_no_check() {
        let text = "Laporan Kinerja Tahun 2025.\n\nEfisiensi (E) Tahun 2025 sebesar -0,03% dan Nilai Efisiensi (NE) sebesar 29,15%.\n";
        assert!(run_default(RULE, text).0.is_empty());
    }
}
