//! Shares of a counted whole in one sentence: "terhadap 17 Perangkat Daerah
//! …, 7 Perangkat Daerah atau sekitar 24%" — the share is 7 / 17 × 100.

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::facts::tolerance::matches;
use crate::findings::Localized;

use super::common::{Context, Pattern, pct};
use super::{Check, Draft, Sink};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountShareParams {
    /// The part and its share: groups `part` (a count), `noun` (what is
    /// counted, one to three words), `about` (a hedge: "sekitar"), `share`
    /// (the percentage, without "%").
    part: Pattern,
    /// What may stand before the whole's count ("dari", "terhadap").
    whole_before: String,
    /// Nouns that are no things counted (years, percentages, money).
    not_nouns: Pattern,
}

#[derive(Debug)]
pub struct CountShare {
    p: CountShareParams,
}

impl CountShare {
    pub fn new(p: CountShareParams) -> Result<Self, String> {
        for group in ["part", "noun", "share"] {
            if !p.part.0.capture_names().any(|n| n == Some(group)) {
                return Err(format!("`part` needs a (?P<{group}>…) group"));
            }
        }
        // Parsed only: it is compiled within each sentence's pattern.
        regex_syntax::Parser::new()
            .parse(&p.whole_before)
            .map_err(|e| e.to_string())?;
        Ok(CountShare { p })
    }
}

fn number(text: &str) -> Option<Decimal> {
    text.replace('.', "").replace(',', ".").parse().ok()
}

impl Check for CountShare {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        for para in &ctx.report.paragraphs {
            let text = &para.text;
            for c in self.p.part.0.captures_iter(text) {
                let (Some(part_m), Some(noun_m), Some(share_m)) =
                    (c.name("part"), c.name("noun"), c.name("share"))
                else {
                    continue;
                };
                let noun = noun_m.as_str().trim();
                if self.p.not_nouns.is_match(noun) {
                    continue;
                }
                let (Some(part), Some(share)) = (number(part_m.as_str()), number(share_m.as_str()))
                else {
                    continue;
                };
                // The whole: "dari 17 Perangkat Daerah" earlier in the same sentence.
                let before = &text[..part_m.start()];
                let sentence_start = before
                    .rmatch_indices(". ")
                    .map(|(i, _)| i + 2)
                    .find(|&i| {
                        // "Rp. 4" or "1. " numbering do not end a sentence.
                        before[i..]
                            .chars()
                            .next()
                            .is_some_and(|ch| ch.is_uppercase())
                    })
                    .unwrap_or(0);
                let sentence = &before[sentence_start..];
                let Ok(whole_re) = regex::Regex::new(&format!(
                    r"(?i)(?:{})\s+(?P<whole>\d{{1,3}}(?:\.\d{{3}})*|\d+)\s+{}\b",
                    self.p.whole_before,
                    regex::escape(noun)
                )) else {
                    continue;
                };
                let Some(whole) = whole_re
                    .captures_iter(sentence)
                    .last()
                    .and_then(|w| w.name("whole").and_then(|m| number(m.as_str())))
                else {
                    continue;
                };
                if whole <= part || whole.is_zero() {
                    continue;
                }
                let computed = part / whole * Decimal::ONE_HUNDRED;
                let complement = (whole - part) / whole * Decimal::ONE_HUNDRED;
                let decimals = share_m
                    .as_str()
                    .split([',', '.'])
                    .nth(1)
                    .map_or(0, |d| d.len() as u32);
                let stated_text = format!("{}%", share_m.as_str());
                // "sekitar 24%": about, within a point.
                let slack = if c.name("about").is_some() {
                    Decimal::ONE
                } else {
                    Decimal::ZERO
                };
                if matches(share, decimals, computed, ctx.tolerance + slack)
                    || matches(share, decimals, complement, ctx.tolerance + slack)
                {
                    out.agree();
                    continue;
                }
                let (line, at) = ctx.locate(para, share_m.start());
                out.push(
                    Draft {
                        line,
                        stated: stated_text,
                        expected: format!("{}%", pct(computed)),
                        computation: Localized::new(
                            format!("{part} / {whole} {noun} × 100 = {}", pct(computed)),
                            format!("{part} / {whole} {noun} × 100 = {}", pct(computed)),
                        ),
                        highlight: Some((at, at + share_m.as_str().len())),
                        ..Default::default()
                    }
                    .var("noun", Localized::same(noun.to_string()))
                    .var("part", Localized::same(part.to_string()))
                    .var("whole", Localized::same(whole.to_string())),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::checks::testing::{findings, run_default};

    const TEXT: &str = "Hasil penilaian Ombudsman terhadap 17 Perangkat Daerah di lingkup Pemerintah Provinsi Jawa Barat, 7 Perangkat Daerah atau sekitar {p} berada di dalam Zona Merah.\n";

    #[test]
    fn a_share_that_is_not_the_part_of_its_whole_is_found() {
        let found = findings("count-share", &TEXT.replace("{p}", "24%"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "24%");
        assert!(found[0].expected.starts_with("41,1"), "{found:#?}");
    }

    #[test]
    fn a_share_about_right_agrees() {
        let (found, coverage) = run_default("count-share", &TEXT.replace("{p}", "41%"));
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1);
    }

    #[test]
    fn a_share_of_another_noun_is_not_compared() {
        let text = "Dari 17 Perangkat Daerah yang dinilai, 7 kegiatan atau 24% selesai.\n";
        let (found, coverage) = run_default("count-share", text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 0);
    }
}
