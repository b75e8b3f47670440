//! `measured_capaian`: a sasaran's capaian the narrative states, and the
//! passage right after it that says what it was measured from
//! ("… ketercapaian sasaran sebesar 95,71% dengan predikat baik. Ketercapaian
//! sasaran strategis tersebut merupakan hasil pengukuran dari capaian
//! indikator kinerja … sebesar 67% dari target 70%", or in one sentence
//! "… 293,56%, yang merupakan hasil pengukuran dari … sebanyak 3.875 sampel
//! dari target 1.320 sampel"). The capaian must be the mean of those
//! indicators' realisasi / target × 100, each indicator in either polarity.

use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::common::{Chapters, Context, agrees_range, figures, like, pct};
use super::narrative::{YEAR, bounded, formulas_within, is_year, mean, sentences, spread};
use super::{Check, Draft, Sink, Why};
use crate::facts::figures::{Figure, FigureKind};
use crate::findings::Localized;
use crate::structure::Paragraph;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasuredParams {
    /// Chapters whose paragraphs are read (all when absent).
    #[serde(default)]
    chapters: Chapters,
}

/// A capaian stated beside the passage that gives the indicators it was
/// measured from, with their realisasi and target.
#[derive(Debug)]
pub struct MeasuredCapaian {
    p: MeasuredParams,
}

impl MeasuredCapaian {
    pub fn new(p: MeasuredParams) -> Result<Self, String> {
        Ok(MeasuredCapaian { p })
    }
}

const CLAIM_NOT_ONE: Why = Why {
    en: "the capaian the passage refers back to is not one percentage",
    id: "capaian yang dirujuk bukan satu persentase",
};
const NOT_SASARAN: Why = Why {
    en: "the capaian referred to is a misi's or tujuan's: an average over its sasaran, not its indicators",
    id: "capaian yang dirujuk milik misi atau tujuan: rata-rata sasarannya, bukan indikatornya",
};
const UNREAD: Why = Why {
    en: "a figure of the measurement passage is not an indicator's realisasi beside its target",
    id: "ada angka pada uraian pengukuran yang bukan realisasi indikator di samping targetnya",
};
const NO_PAIRS: Why = Why {
    en: "the measurement passage gives no realisasi with its target",
    id: "uraian pengukuran tidak memuat realisasi beserta targetnya",
};
const NOT_ONE_NUMBER: Why = Why {
    en: "a realisasi or target is not one number (a range, a bound, money, zero, or a percentage beside a count)",
    id: "realisasi atau target bukan satu angka (rentang, batas, uang, nol, atau persen di samping jumlah)",
};
const TWO_YEARS: Why = Why {
    en: "the passage names two years: its figures may be of different years",
    id: "uraian menyebut dua tahun: angkanya mungkin dari tahun berbeda",
};
const TOO_MANY: Why = Why {
    en: "more than six indicators in one passage",
    id: "lebih dari enam indikator dalam satu uraian",
};

/// A sentence opening by referring back to the capaian of the one before.
static REFERS: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)^(?:(?:tingkat\s+)?(?:keter|pen)?capaian(?:nya)?\s+(?:kinerja\s+)?(?:(?:sasaran|misi|tujuan|program|kegiatan|indikator)(?:\s+(?:strategis|stratejik|kinerja))?\s+)?tersebut|hal\s+tersebut)\b",
    )
    .expect("valid regex")
});
/// What the capaian was measured from follows these words.
static MEASURED: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)\b(?:(?:merupakan\s+)?hasil\s+pengukuran|terukur|diukur)\s+(?:dari|melalui)\b",
    )
    .expect("valid regex")
});
/// "… 293,56%, yang merupakan hasil pengukuran dari …": the capaian and what
/// it was measured from in one sentence.
static INLINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)%\s*,?\s*(?:yang\s+)?(?:merupakan\s+hasil\s+pengukuran|terukur|diukur)\s+(?:dari|melalui)\b",
    )
    .expect("valid regex")
});
/// A sentence that goes on naming indicators measured ("Selain itu terukur
/// dari indikator …").
static CONTINUES: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)^(?:selain\s+itu|di\s+samping\s+itu|serta|kemudian)\b")
        .expect("valid regex")
});
static INDICATOR: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"(?i)\bindi[kc]at[oa]r").expect("valid regex"));
/// The sentence referred back to states a capaian or its predicate.
static CLAIM: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)capaian|predikat|kategori|kriteria").expect("valid regex")
});
static WHOLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)\b(?:misi|visi|tujuan)\b").expect("valid regex")
});
static SASARAN: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"(?i)\bsasaran\b").expect("valid regex"));

/// Between a realisasi and its target: "… dokumen dari target sebanyak …".
static REALISASI_THEN_TARGET: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)^\s*%?\s*(?:[a-z/]+\s+){0,3}?(?:dari|terhadap)\s+(?:target|rencana)(?:\s+(?:kinerja|sebesar|sebanyak|yaitu))*\s*$",
    )
    .expect("valid regex")
});
/// Before a target given first: "dari target sebanyak …".
static TARGET_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)\b(?:target|rencana)(?:\s+(?:kinerja|sebesar|sebanyak|yaitu))*\s*$",
    )
    .expect("valid regex")
});
/// Between a target given first and its realisasi: "… dokumen terealisasi …".
static TARGET_THEN_REALISASI: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)^\s*%?\s*(?:[a-z/]+\s+){0,3}?,?\s*(?:(?:dengan|yang|dan)\s+)?(?:(?:ter|di)?reali[sz]asi(?:kan)?|tercapai|dicapai)(?:\s+(?:sebesar|sebanyak|yaitu))?\s*$",
    )
    .expect("valid regex")
});

/// One indicator's realisasi and target, and the half-widths of the
/// intervals they stand for.
struct Pair {
    r: Figure,
    t: Figure,
    hr: Decimal,
    ht: Decimal,
}

/// Half the interval a figure stands for: none for a whole count of things
/// ("2 kawasan", "3.875 sampel": a number and a word that is no percent),
/// which is exact.
fn half(text: &str, f: &Figure) -> Decimal {
    let unit = text
        .get(f.end..)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or("")
        .trim_end_matches(['.', ',', ';', ':']);
    let counted = f.kind == FigureKind::Count
        || (f.kind == FigureKind::Plain
            && unit.chars().all(char::is_alphabetic)
            && !unit.is_empty()
            && !matches!(unit.to_lowercase().as_str(), "persen" | "prosen" | "per"));
    if counted && f.decimals == 0 {
        Decimal::ZERO
    } else {
        spread(f)
    }
}

/// The indicators' realisasi and target the measurement passage gives. Every
/// figure in it must be one of them: a figure left over may be another
/// indicator's, whose values the passage does not give whole.
fn pairs(text: &str) -> Result<Vec<Pair>, Why> {
    let figs: Vec<Figure> = figures(text).into_iter().filter(|f| !is_year(f)).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < figs.len() {
        let (a, Some(b)) = (&figs[i], figs.get(i + 1)) else {
            return Err(UNREAD);
        };
        let gap = text.get(a.end..b.start).unwrap_or("");
        let pair = if REALISASI_THEN_TARGET.is_match(gap) {
            Pair {
                r: a.clone(),
                t: b.clone(),
                hr: half(text, a),
                ht: half(text, b),
            }
        } else if TARGET_BEFORE.is_match(&text[..a.start]) && TARGET_THEN_REALISASI.is_match(gap) {
            Pair {
                r: b.clone(),
                t: a.clone(),
                hr: half(text, b),
                ht: half(text, a),
            }
        } else {
            return Err(UNREAD);
        };
        let percent = |f: &Figure| f.kind == FigureKind::Percent;
        let odd = |f: &Figure| f.kind == FigureKind::Rupiah || bounded(text, f);
        if percent(&pair.r) != percent(&pair.t)
            || odd(&pair.r)
            || odd(&pair.t)
            || pair.t.value.is_zero()
        {
            return Err(NOT_ONE_NUMBER);
        }
        out.push(pair);
        i += 2;
    }
    if out.is_empty() {
        return Err(NO_PAIRS);
    }
    Ok(out)
}

/// Capaian capped per indicator before averaging, as some reports do.
const CAPS: [Option<i64>; 6] = [None, Some(100), Some(110), Some(120), Some(125), Some(150)];

/// Whether the stated capaian is the mean of the indicators' capaian for some
/// choice of formula per indicator (positive, negative, target / realisasi),
/// capped or not, over the intervals the printed figures stand for.
fn agrees_mean(stated: &Figure, per_pair: &[Vec<(Decimal, Decimal)>], tolerance: Decimal) -> bool {
    let mut choice = vec![0usize; per_pair.len()];
    loop {
        let picked: Vec<(Decimal, Decimal)> =
            choice.iter().zip(per_pair).map(|(&k, c)| c[k]).collect();
        for cap in CAPS {
            let cut = |v: Decimal| cap.map_or(v, |c| v.min(Decimal::from(c)));
            let lows: Vec<Decimal> = picked.iter().map(|(lo, _)| cut(*lo)).collect();
            let highs: Vec<Decimal> = picked.iter().map(|(_, hi)| cut(*hi)).collect();
            if let (Some(lo), Some(hi)) = (mean(&lows), mean(&highs))
                && agrees_range(stated, lo, hi, tolerance)
            {
                return true;
            }
        }
        // The next choice, the first indicator's formula turning fastest.
        let mut k = 0;
        loop {
            let Some(slot) = choice.get_mut(k) else {
                return false;
            };
            *slot += 1;
            if *slot < per_pair[k].len() {
                break;
            }
            *slot = 0;
            k += 1;
        }
    }
}

/// The only percentage of `text` (a year is no figure), when there is one.
fn only_percent(text: &str) -> Option<Figure> {
    let mut it = figures(text)
        .into_iter()
        .filter(|f| f.kind == FigureKind::Percent && !is_year(f));
    let first = it.next()?;
    it.next().is_none().then_some(first)
}

/// A capaian and where the passage measuring it is: the capaian's figure and
/// its byte offset in the paragraph, the passage's text pieces with theirs.
struct Passage<'t> {
    claim: Figure,
    /// The paragraph holding the capaian: the one before when the passage
    /// opens its paragraph by referring back.
    claim_para: &'t Paragraph,
    claim_at: usize,
    claim_sentence: &'t str,
    pieces: Vec<(usize, &'t str)>,
}

/// A sentence and where it is: its paragraph and byte offset in it.
#[derive(Clone, Copy)]
struct Sentence<'t> {
    para: &'t Paragraph,
    at: usize,
    text: &'t str,
}

impl MeasuredCapaian {
    /// The passages of one paragraph; `before` is the last sentence of the
    /// paragraph before it, which a paragraph opening "Ketercapaian sasaran
    /// tersebut …" refers back to (a report set with wide line spacing ends
    /// a paragraph at every line ending a sentence).
    fn passages<'t>(
        para: &'t Paragraph,
        before: Option<Sentence<'t>>,
        out: &mut Sink,
    ) -> Vec<Passage<'t>> {
        let sents: Vec<Sentence<'t>> = sentences(&para.text)
            .into_iter()
            .map(|(at, text)| Sentence { para, at, text })
            .collect();
        let mut found = Vec::new();
        let mut i = 0;
        while i < sents.len() {
            let Sentence { at, text: s, .. } = sents[i];
            let prev = if i > 0 { Some(sents[i - 1]) } else { before };
            let start = if let Some(prev) = prev.filter(|_| REFERS.is_match(s)) {
                // The capaian is the sentence before's.
                let Some(m) = MEASURED.find(s) else {
                    i += 1;
                    continue;
                };
                if !CLAIM.is_match(prev.text) {
                    i += 1;
                    continue;
                }
                if WHOLE.is_match(prev.text) && !SASARAN.is_match(prev.text) {
                    out.skip(NOT_SASARAN);
                    i += 1;
                    continue;
                }
                let Some(claim) = only_percent(prev.text) else {
                    out.skip(CLAIM_NOT_ONE);
                    i += 1;
                    continue;
                };
                Some((claim, prev, m.end()))
            } else if let Some(m) = INLINE.find(s) {
                let before = &s[..m.start() + 1];
                match only_percent(before) {
                    Some(claim) if claim.end == before.len() => Some((claim, sents[i], m.end())),
                    _ => {
                        out.skip(CLAIM_NOT_ONE);
                        i += 1;
                        continue;
                    }
                }
            } else {
                None
            };
            let Some((claim, claim_in, from)) = start else {
                i += 1;
                continue;
            };
            let mut pieces = vec![(at + from, &s[from..])];
            i += 1;
            // Sentences going on with more indicators measured.
            while let Some(next) = sents.get(i) {
                if !CONTINUES.is_match(next.text)
                    || !(MEASURED.is_match(next.text) || INDICATOR.is_match(next.text))
                {
                    break;
                }
                pieces.push((next.at, next.text));
                i += 1;
            }
            found.push(Passage {
                claim_para: claim_in.para,
                claim_at: claim_in.at + claim.start,
                claim,
                claim_sentence: claim_in.text,
                pieces,
            });
        }
        found
    }

    fn passage(&self, ctx: &Context<'_, '_>, para: &Paragraph, p: &Passage<'_>, out: &mut Sink) {
        let mut years: Vec<&str> = YEAR
            .find_iter(p.claim_sentence)
            .chain(p.pieces.iter().flat_map(|(_, t)| YEAR.find_iter(t)))
            .map(|m| m.as_str())
            .collect();
        years.sort_unstable();
        years.dedup();
        if years.len() > 1 {
            out.skip(TWO_YEARS);
            return;
        }
        let mut all: Vec<(usize, Pair)> = Vec::new();
        for &(at, text) in &p.pieces {
            match pairs(text) {
                Ok(found) => all.extend(found.into_iter().map(|pair| (at, pair))),
                Err(why) => {
                    out.skip(why);
                    return;
                }
            }
        }
        if all.len() > 6 {
            out.skip(TOO_MANY);
            return;
        }
        let candidates: Vec<Vec<(Decimal, Decimal, Decimal, String)>> = all
            .iter()
            .map(|(_, pair)| formulas_within(&pair.r, &pair.t, pair.hr, pair.ht))
            .collect();
        if candidates.iter().any(Vec::is_empty) {
            out.skip(NOT_ONE_NUMBER);
            return;
        }
        let ranges: Vec<Vec<(Decimal, Decimal)>> = candidates
            .iter()
            .map(|c| c.iter().map(|(lo, hi, _, _)| (*lo, *hi)).collect())
            .collect();
        if agrees_mean(&p.claim, &ranges, ctx.tolerance) {
            out.agree();
            return;
        }
        // Expected: every indicator by realisasi / target, the first formula.
        let values: Vec<Decimal> = candidates.iter().map(|c| c[0].2).collect();
        let Some(expected) = mean(&values) else {
            return;
        };
        let parts: Vec<&str> = candidates.iter().map(|c| c[0].3.as_str()).collect();
        let computation = if parts.len() == 1 {
            Localized::same(parts[0].to_string())
        } else {
            Localized::new(
                format!("rata-rata dari ({}) = {}", parts.join("; "), pct(expected)),
                format!("mean of ({}) = {}", parts.join("; "), pct(expected)),
            )
        };
        let (line, at) = ctx.locate(p.claim_para, p.claim_at);
        let related = all
            .iter()
            .map(|(piece_at, pair)| ctx.locate(para, piece_at + pair.r.start).0)
            .filter(|l| *l != line)
            .collect();
        out.push(
            Draft {
                line,
                stated: p.claim.text.clone(),
                expected: like(&p.claim, expected),
                computation,
                related,
                highlight: Some((at, at + p.claim.text.len())),
                ..Default::default()
            }
            .var("n", Localized::same(all.len().to_string())),
        );
    }
}

/// The paragraphs are read joined where a wide line spacing split them, as
/// `sentence_capaian` reads them: the check runs on the whole document.
impl Check for MeasuredCapaian {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let mut before: Option<Sentence<'_>> = None;
        for para in &ctx.report.paragraphs {
            if crate::limits::out_of_time() {
                return;
            }
            // Running text only: a chart's labels joined into a paragraph are no sentence.
            let prose = para
                .pieces
                .iter()
                .all(|(_, i)| ctx.report.lines.get(*i).is_some_and(|l| l.is_prose()));
            if !prose || !self.p.chapters.contains(para.chapter) {
                before = None;
                continue;
            }
            // The paragraph before, when only blank lines lie between.
            let first = para.pieces.first().map_or(0, |(_, i)| *i);
            let adjacent = before.filter(|b| {
                let last = b.para.pieces.last().map_or(0, |(_, i)| *i);
                b.para.chapter == para.chapter
                    && last < first
                    && ctx
                        .report
                        .lines
                        .get(last + 1..first)
                        .is_some_and(|between| between.iter().all(|l| l.line.is_blank()))
            });
            for p in Self::passages(para, adjacent, out) {
                self.passage(ctx, para, &p, out);
            }
            before = sentences(&para.text)
                .last()
                .map(|&(at, text)| Sentence { para, at, text });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::checks::testing::{findings, run_default};

    const RULE: &str = "measured-capaian";

    #[test]
    fn a_sasaran_capaian_not_the_mean_of_its_indicators_is_flagged() {
        let text = "Pada sasaran strategis 1 tingkat ketercapaian sasaran mencapai 81,05%. Ketercapaian sasaran tersebut terukur dari indikator kinerja persentase SDM jasa konstruksi yang bersertikat sebesar 50,25% dari target 31%.\n";
        let found = findings(RULE, text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "81,05%");
        assert_eq!(found[0].expected, "162,10%");
    }

    #[test]
    fn two_indicators_over_two_sentences_agree() {
        let text = "Pada Tujuan 1 sasaran strategis 1 tingkat ketercapaian sasaran sebesar 83,33% dengan predikat baik. Ketercapaian sasaran strategis tersebut merupakan hasil pengukuran dari capaian indikator kinerja jumlah kajian yang terealiasi sebanyak 1 dokumen dari target sebanyak 1 dokumen. Selain itu terukur dari indikator jumlah kajian Perda RDTR sebanyak 2 dokumen dari target 3 dokumen. Pada tujuan 1 sasaran 2 ketercapaian sasaran sebesar 99,94% dengan predikat sedang. Ketercapaian sasaran strategis tersebut merupakan hasil pengukuran dari capaian indikator kinerja cakupan air limbah sebesar 65,64% dari target 65% dan dari capaian indikator kinerja cakupan persampahan sebesar 66,26 % dari target 67%.\n";
        let (found, coverage) = run_default(RULE, text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 2, "{coverage:#?}");
    }

    #[test]
    fn a_capaian_measured_in_its_own_sentence() {
        let text = |capaian: &str| {
            format!(
                "Pada sasaran strategis 2 ketercapaiannya adalah {capaian}, yang merupakan hasil pengukuran dari capaian indikator kinerja jumlah contoh uji yang dapat dilayani sebanyak 3.875 sampel dari target 1.320 sampel.\n"
            )
        };
        let (found, coverage) = run_default(RULE, &text("293,56%"));
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1, "{coverage:#?}");
        let found = findings(RULE, &text("146,78%"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "293,56%");
    }

    /// A report set with wide line spacing ends a paragraph at every line
    /// ending a sentence: the next paragraph refers back across the break.
    #[test]
    fn a_paragraph_referring_back_to_the_one_before() {
        let text = "Pada sasaran strategis 3 ketercapaian sasaran sebesar 80 % dengan predikat baik.\n\nKetercapaian sasaran strategis tersebut merupakan hasil pengukuran dari capaian indikator kinerja luas kawasan ruang terbuka hijau sebanyak 2 kawasan dari target 2 kawasan.\n";
        let found = findings(RULE, text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "100%");
    }

    #[test]
    fn a_lower_is_better_indicator_may_follow_the_negative_formula() {
        let text = "Sasaran 4 mencapai capaian 120% dengan predikat sangat baik. Capaian sasaran tersebut merupakan hasil pengukuran dari indikator angka kematian sebesar 8 kasus dari target 10 kasus.\n";
        let (found, coverage) = run_default(RULE, text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1, "{coverage:#?}");
    }

    #[test]
    fn what_the_passage_does_not_establish_is_not_checked() {
        // A misi's capaian averages its sasaran.
        let misi = "Ketercapaian misi III pada Tahun 2016 mencapai 158,20% atau terkategori sangat baik. Ketercapaian tersebut merupakan hasil pengukuran dari indikator A sebesar 50,25% dari target 31%.\n";
        // A figure of the passage that is no realisasi beside its target.
        let leftover = "Ketercapaian sasaran sebesar 95,71% dengan predikat baik. Ketercapaian sasaran tersebut merupakan hasil pengukuran dari capaian indikator A sebesar 67% dari target 70% dan indikator B sebesar 105%.\n";
        // Two years: the figures may be of different years.
        let years = "Ketercapaian sasaran sebesar 95,71% dengan predikat baik. Ketercapaian sasaran tersebut terukur dari indikator A sebanyak 3 dokumen pada tahun 2016 dari target 4 dokumen pada tahun 2015.\n";
        for text in [misi, leftover, years] {
            let (found, coverage) = run_default(RULE, text);
            assert!(found.is_empty(), "{found:#?}");
            assert_eq!(coverage.agree, 0, "{coverage:#?}");
            assert_eq!(coverage.skipped.values().sum::<usize>(), 1, "{coverage:#?}");
        }
        // No reference back: a cause, not what it was measured from.
        let cause = "Sasaran ini diperoleh sebesar 150% melampaui target menengah. Hal ini disebabkan pencapaian indikator dari target 1 dokumen terealisasi 2 dokumen.\n";
        let (found, coverage) = run_default(RULE, cause);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage, Default::default());
    }
}
