//! The capaian formulas a report states for itself, read as printed: after
//! "semakin tinggi realisasi … semakin baik, maka digunakan rumus :" comes a
//! formula that must divide the realisasi by the plan; one that never names
//! the realisasi (only the plan, "Rencana / Rencana") cannot be it.
//!
//! A formula is often a fraction over three lines (numerator, the line with
//! "=" and "× 100 %", denominator) and those short lines are read as a table
//! of aligned cells, not as running text: so the check reads the report's
//! lines, not its paragraphs.

use serde::Deserialize;

use super::common::{Context, Pattern};
use super::{Check, Draft, Sink, Why};
use crate::findings::Localized;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormulaParams {
    /// The sentence introducing the formula for indicators where more is
    /// better ("semakin tinggi realisasi … semakin baik").
    positive: Pattern,
    /// The one for indicators where less is better ("… semakin rendah
    /// pencapaian").
    negative: Pattern,
    /// What a formula line shows: the equals sign and "× 100".
    formula_line: Pattern,
    /// The realisasi (what was achieved) as a formula names it.
    actual: Pattern,
    /// The plan (rencana, target) as a formula names it.
    planned: Pattern,
    /// Lines after the statement the formula may start within.
    #[serde(default = "default_reach")]
    reach: usize,
    /// Words at most on a line of the formula (longer lines are prose).
    #[serde(default = "default_words")]
    max_words: usize,
}

fn default_reach() -> usize {
    6
}

fn default_words() -> usize {
    12
}

#[derive(Debug)]
pub struct StatedFormula {
    p: FormulaParams,
}

impl StatedFormula {
    pub fn new(p: FormulaParams) -> Result<Self, String> {
        Ok(StatedFormula { p })
    }
}

const NO_FORMULA_TEXT: Why = Why {
    en: "the formula after the polarity statement is not in the text (an image, or drawn)",
    id: "rumus setelah pernyataan polaritas tidak ada dalam teks (gambar atau digambar)",
};
const NO_TERMS: Why = Why {
    en: "the stated formula names neither the realisasi nor the plan",
    id: "rumus yang dinyatakan tidak menyebut realisasi maupun rencana",
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Polarity {
    Positive,
    Negative,
}

/// One formula as printed: its lines (by index in the report) and the line
/// with the equals sign.
struct Stated {
    polarity: Polarity,
    lines: Vec<usize>,
    equals: usize,
}

impl StatedFormula {
    /// Each polarity statement with the formula lines after it.
    fn stated(&self, ctx: &Context<'_, '_>, out: &mut Sink) -> Vec<Stated> {
        let lines = &ctx.report.lines;
        let text = |i: usize| lines.get(i).map_or("", |l| l.line.text.as_str());
        let mut found = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            // The statement may wrap onto the next line (blank lines between).
            let next = (i + 1..lines.len().min(i + 3))
                .find(|&j| !text(j).trim().is_empty())
                .unwrap_or(i + 1);
            let joined = format!("{} {}", text(i), text(next));
            let first_len = text(i).len();
            let hit = [
                (Polarity::Positive, &self.p.positive),
                (Polarity::Negative, &self.p.negative),
            ]
            .into_iter()
            .find_map(|(pol, p)| {
                p.0.find(&joined)
                    .filter(|m| m.start() < first_len)
                    .map(|m| (pol, m.end() > first_len))
            });
            let Some((polarity, wraps)) = hit else {
                i += 1;
                continue;
            };
            let after = if wraps { next + 1 } else { i + 1 };
            match self.formula_after(ctx, after) {
                Some((formula, equals)) => found.push(Stated {
                    polarity,
                    lines: formula,
                    equals,
                }),
                None => out.skip(NO_FORMULA_TEXT),
            }
            i = after;
        }
        found
    }

    /// The formula's lines starting within `reach` lines of `from`: the
    /// first line showing "=" and "× 100", the short lines just above it
    /// (a numerator, "maka digunakan rumus :" excluded) and the short lines
    /// just below (a denominator), never past another polarity statement.
    fn formula_after(&self, ctx: &Context<'_, '_>, from: usize) -> Option<(Vec<usize>, usize)> {
        let lines = &ctx.report.lines;
        let text = |i: usize| lines.get(i).map_or("", |l| l.line.text.as_str());
        let stops = |i: usize| {
            let t = text(i);
            self.p.positive.is_match(t) || self.p.negative.is_match(t)
        };
        let short = |i: usize| {
            let t = text(i);
            let words = t.split_whitespace().count();
            words > 0 && words <= self.p.max_words && !t.trim_end().ends_with(':')
        };
        // Blank lines (a double-spaced page) do not count.
        let filled: Vec<usize> = (from..lines.len())
            .filter(|&i| !text(i).trim().is_empty())
            .take(self.p.reach + 3)
            .collect();
        let within = &filled[..filled.len().min(self.p.reach)];
        let at = within
            .iter()
            .take_while(|&&i| !stops(i))
            .position(|&i| self.p.formula_line.is_match(text(i)) && short(i))?;
        let equals = filled[at];
        let mut first = at;
        while first > 0 && at - first < 2 && short(filled[first - 1]) && !stops(filled[first - 1]) {
            first -= 1;
        }
        let mut last = at;
        while last + 1 < filled.len() && last - at < 2 {
            let next = filled[last + 1];
            // A line of prose after the formula runs on; a denominator is a
            // word or a few.
            if !short(next) || stops(next) || text(next).split_whitespace().count() > 4 {
                break;
            }
            last += 1;
        }
        Some((filled[first..=last].to_vec(), equals))
    }
}

impl Check for StatedFormula {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        for f in self.stated(ctx, out) {
            let texts: Vec<String> = f
                .lines
                .iter()
                .map(|&i| {
                    ctx.report.lines[i]
                        .line
                        .text
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            let all = texts.join(" ");
            let actual = self.p.actual.is_match(&all);
            let planned = self.p.planned.is_match(&all);
            if !actual && !planned {
                out.skip(NO_TERMS);
                continue;
            }
            if actual && planned {
                out.agree();
                continue;
            }
            let (expected, missing) = match f.polarity {
                Polarity::Positive => (
                    "Realisasi / Rencana × 100%",
                    Localized::new(
                        "rumus untuk realisasi yang makin tinggi makin baik tidak menyebut realisasi sama sekali",
                        "the formula for indicators where more is better never names the realisasi",
                    ),
                ),
                Polarity::Negative => (
                    "(Rencana − (Realisasi − Rencana)) / Rencana × 100%",
                    Localized::new(
                        "rumus untuk realisasi yang makin tinggi makin buruk tidak menyebut realisasi sama sekali",
                        "the formula for indicators where less is better never names the realisasi",
                    ),
                ),
            };
            let missing = if actual {
                Localized::new(
                    "rumus tidak menyebut rencana/target sebagai pembagi",
                    "the formula never names the plan (rencana/target) to divide by",
                )
            } else {
                missing
            };
            out.push(
                Draft {
                    line: f.equals,
                    stated: texts.join(" / "),
                    expected: expected.to_string(),
                    computation: missing,
                    related: f.lines.clone(),
                    ..Default::default()
                }
                .var(
                    "polarity",
                    match f.polarity {
                        Polarity::Positive => Localized::new("positif", "positive"),
                        Polarity::Negative => Localized::new("negatif", "negative"),
                    },
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::checks::testing::{findings, run_default};

    const INTRO: &str = "Pengukuran tingkat pencapaian sasaran didasarkan dengan menggunakan rumus sebagai berikut :\n\n";

    #[test]
    fn a_positive_formula_without_the_realisasi_is_found() {
        let text = format!(
            "{INTRO}1) Semakin tinggi realisasi menunjukkan pencapaian kinerja yang semakin baik, maka\ndigunakan rumus :\n\n\
             Rencana\tProsentase pencapaian\n=\tx 100%\nRencana tingkat capaian\tRencana\n\n\
             2) Semakin tinggi realisasi menunjukkan semakin rendah pencapaian kinerja, maka\ndigunakan rumus :\n\n\
             Rencana-(Realisasi-Rencana)\n% Pencapaian kinerja =\tx 100%\nRencana\n\n\
             Selanjutnya, pemaknaan dari capaian nilai kinerja dibagi berdasarkan klasifikasi berikut :\n"
        );
        let found = findings("stated-formula", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].stated.contains("Prosentase pencapaian"),
            "{found:#?}"
        );
        assert!(found[0].stated.contains("100%"), "{found:#?}");
    }

    #[test]
    fn correct_formulas_in_any_layout_are_not_found() {
        // Inline, a fraction over three lines, the label wrapped beside it.
        for formula in [
            "% Pencapaian Target = Realisasi / Rencana x 100%",
            "Realisasi\nPersentase tingkat capaian =\tx 100%\nRencana",
            "Prosentase pencapaian rencana = Realisasi x 100%\nRencana",
            "Realisasi\nPersentase\n=\tx 100%\npencapaian\nRencana tingkat\tRencana\ncapaian",
        ] {
            let text = format!(
                "{INTRO}1. Semakin tinggi realisasi menunjukkan pencapaian kinerja yang semakin baik, maka digunakan rumus :\n\n{formula}\n\n\
                 Selanjutnya, pemaknaan dari capaian nilai kinerja dibagi berdasarkan klasifikasi berikut ini dengan skala:\n"
            );
            let (found, coverage) = run_default("stated-formula", &text);
            assert!(found.is_empty(), "{formula}: {found:#?}");
            assert_eq!(coverage.agree, 1, "{formula}: {coverage:#?}");
        }
    }

    #[test]
    fn a_formula_not_in_the_text_is_skipped_with_why() {
        let text = format!(
            "{INTRO}(1). Semakin tinggi realisasi menunjukan pencapaian kinerja yang semakin baik,\nmaka digunakan rumus :\n\n\
             Dengan pengukuran skala ordinal untuk memberikan makna capaian maka ditentukan batasan penilaian sebagai berikut :\n"
        );
        let (found, coverage) = run_default("stated-formula", &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 1, "{coverage:#?}");
    }
}
