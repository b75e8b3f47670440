//! "pagu anggaran sebesar Rp X namun … terdapat 9 (Sembilan) kali
//! perubahan/revisi … pagu anggaran Rp Y, dengan rincian sebagai berikut:"
//! against the table of revisions right below (Data Awal, Revisi I … Revisi XI):
//! the number of revisions, the first pagu (the Data Awal row) and the last
//! (the last revision's last amount).

use serde::Deserialize;

use crate::facts::figures::{Figure, FigureKind};
use crate::facts::words::{number_to_words, parse_number_words};
use crate::findings::Localized;
use crate::structure::{Paragraph, Row, Table};

use super::common::{Context, Pattern, amount, figures};
use super::{Check, Draft, Outcome, Sink, Why};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevisionParams {
    /// The count of revisions: groups `count` (digits) and `words` (optional).
    claim: Pattern,
    /// A row of the table that is one revision ("Revisi I", "Revisi ke-2"):
    /// group `ord`, a Roman or Arabic numeral.
    revision_row: Pattern,
    /// The row of the first pagu, before any revision ("Data Awal").
    first_row: Pattern,
    /// Words between the count and the last figure that make that figure
    /// something else than the last revision's pagu ("efektif", "blokir").
    #[serde(default)]
    not_last: Option<Pattern>,
}

#[derive(Debug)]
pub struct RevisionTable {
    p: RevisionParams,
}

impl RevisionTable {
    pub fn new(p: RevisionParams) -> Result<Self, String> {
        let names: Vec<&str> = p.claim.0.capture_names().flatten().collect();
        if !names.contains(&"count") {
            return Err("`claim` needs a (?P<count>…) group".into());
        }
        if !p.revision_row.0.capture_names().any(|n| n == Some("ord")) {
            return Err("`revision_row` needs a (?P<ord>…) group".into());
        }
        Ok(RevisionTable { p })
    }
}

const NO_TABLE: Why = Why {
    en: "no table of revisions numbered from the first follows the count",
    id: "tidak ada tabel revisi bernomor urut dari yang pertama setelah jumlah yang disebut",
};

const PAGU_NOT_LAST: Why = Why {
    en: "the pagu after the count is an effective or blocked pagu, not the last revision's",
    id: "pagu setelah jumlah revisi adalah pagu efektif atau blokir, bukan pagu revisi terakhir",
};

const PAGU_UNCLEAR: Why = Why {
    en: "the sentence gives several rupiah figures on one side of the count",
    id: "kalimatnya memuat beberapa angka rupiah pada satu sisi jumlah revisi",
};

/// "XI" → 11, "12" → 12.
fn numeral(text: &str) -> Option<u32> {
    if let Ok(n) = text.parse::<u32>() {
        return Some(n);
    }
    let value = |c: char| match c.to_ascii_uppercase() {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        _ => None,
    };
    let digits: Option<Vec<u32>> = text.chars().map(value).collect();
    let digits = digits?;
    if digits.is_empty() {
        return None;
    }
    let mut total = 0i64;
    for (i, d) in digits.iter().enumerate() {
        let d = i64::from(*d);
        if digits.get(i + 1).is_some_and(|n| i64::from(*n) > d) {
            total -= d;
        } else {
            total += d;
        }
    }
    u32::try_from(total).ok().filter(|n| *n > 0)
}

fn money(row: &crate::structure::Row) -> Vec<&Figure> {
    row.cells
        .iter()
        .filter_map(|c| c.figure.as_ref())
        .filter(|f| f.value >= rust_decimal::Decimal::from(1000))
        .collect()
}

impl RevisionTable {
    /// The table right after the paragraph (nothing but a few lines between),
    /// its first-pagu row and its revision rows numbered 1, 2, 3 … in order.
    fn table_after<'t>(
        &self,
        ctx: &'t Context<'_, '_>,
        para: &Paragraph,
    ) -> Option<(
        &'t Table,
        Option<&'t crate::structure::Row>,
        Vec<&'t crate::structure::Row>,
    )> {
        let last = para.pieces.last().map(|(_, i)| *i)?;
        let table = ctx.report.tables.iter().find(|t| t.start > last)?;
        let between = ctx.report.lines.get(last + 1..table.start)?;
        if between
            .iter()
            .filter(|l| !l.line.text.trim().is_empty())
            .count()
            > 2
        {
            return None;
        }
        let mut first = None;
        let mut revisions = Vec::new();
        for row in &table.rows {
            let label = row.label().trim();
            if let Some(c) = self.p.revision_row.0.captures(label) {
                let n = c.name("ord").and_then(|m| numeral(m.as_str()))?;
                if n as usize != revisions.len() + 1 {
                    return None;
                }
                revisions.push(row);
            } else if self.p.first_row.is_match(label) && revisions.is_empty() {
                first = Some(row);
            } else if !revisions.is_empty() {
                // Rows after the revisions (a total, another part): not this list.
                return None;
            }
        }
        (!revisions.is_empty()).then_some((table, first, revisions))
    }
}

/// The revision count a paragraph states: "… sebanyak 3 (tiga) kali revisi".
struct CountClaim {
    /// Byte range of the whole claim in the paragraph.
    whole: std::ops::Range<usize>,
    /// Byte offset of the count's digits, and their text.
    at: usize,
    digits: String,
    stated: u64,
    /// The count as printed, with its words: "3 (tiga)".
    shown: String,
}

/// A pagu the sentence states and the row of the revisions table it is
/// compared with.
struct PaguClaim<'a> {
    stated: &'a Figure,
    row: &'a Row,
    value: &'a Figure,
    what: Localized,
}

/// The rupiah figures (≥ 1000) of the claim's sentence, before and after the
/// claim, with the sentence's start in the paragraph.
struct PaguSentence {
    start: usize,
    before: Vec<Figure>,
    after: Vec<Figure>,
}

impl RevisionTable {
    /// The paragraph's one revision-count claim, unless its words and digits
    /// disagree ("9 (sebelas)": the digits-words check's).
    fn claim(&self, text: &str) -> Option<CountClaim> {
        let claims: Vec<_> = self.p.claim.0.captures_iter(text).collect();
        let [c] = claims.as_slice() else {
            return None;
        };
        let (whole, count) = (c.get(0)?, c.name("count")?);
        let stated = count.as_str().parse::<u64>().ok()?;
        let words = c.name("words");
        if words
            .and_then(|w| parse_number_words(w.as_str()))
            .is_some_and(|w| w != stated)
        {
            return None;
        }
        let shown = words
            .and_then(|w| {
                let close = w.end() + text.get(w.end()..)?.find(')')?;
                text.get(count.start()..=close).map(str::to_string)
            })
            .unwrap_or_else(|| count.as_str().to_string());
        Some(CountClaim {
            whole: whole.range(),
            at: count.start(),
            digits: count.as_str().to_string(),
            stated,
            shown,
        })
    }

    /// The stated count against the revision rows of the table.
    fn count_outcome(
        &self,
        ctx: &Context<'_, '_>,
        para: &Paragraph,
        claim: &CountClaim,
        revisions: &[&Row],
    ) -> Outcome {
        let found = revisions.len() as u64;
        if found == claim.stated {
            return Outcome::Agrees;
        }
        let (line, at) = ctx.locate(para, claim.at);
        Outcome::Differs(
            Draft {
                line,
                stated: format!("{} kali revisi", claim.shown),
                expected: format!("{found} ({}) kali revisi", number_to_words(found)),
                computation: Localized::new(
                    format!(
                        "tabel di bawahnya memuat Revisi 1 s.d. {found} ({found} baris revisi)"
                    ),
                    format!("the table below lists revisions 1 to {found} ({found} revision rows)"),
                ),
                related: revisions
                    .iter()
                    .map(|r| ctx.row_line(r.page, r.line))
                    .collect(),
                highlight: Some((at, at + claim.digits.len())),
                ..Default::default()
            }
            .var(
                "what",
                Localized::new("jumlah revisi", "the number of revisions"),
            ),
        )
    }

    /// The pagu before the count (its sentence) and after it. Its sentence
    /// runs from the last full stop before the count that ends no
    /// abbreviation ("Rp. 7.789.442.000") to the colon after it.
    fn pagu_sentence(text: &str, whole: &std::ops::Range<usize>) -> PaguSentence {
        let start = Self::sentence_start(text, whole.start);
        let end = text[whole.end..]
            .find(':')
            .map(|i| whole.end + i)
            .unwrap_or(text.len());
        let (before, after): (Vec<Figure>, Vec<Figure>) = figures(&text[start..end])
            .into_iter()
            .filter(|f| {
                f.kind == FigureKind::Rupiah && f.value >= rust_decimal::Decimal::from(1000)
            })
            .filter(|f| f.start < whole.start - start || f.start >= whole.end - start)
            .partition(|f| f.start < whole.start - start);
        PaguSentence {
            start,
            before,
            after,
        }
    }

    fn sentence_start(text: &str, claim_start: usize) -> usize {
        text[..claim_start]
            .match_indices(". ")
            .map(|(i, _)| i)
            .filter(|&i| {
                let word = crate::structure::trailing_word(&text[..i]);
                !word.eq_ignore_ascii_case("Rp") && !word.eq_ignore_ascii_case("no")
            })
            .last()
            .map(|i| i + 2)
            .unwrap_or(0)
    }

    /// A stated pagu against its row of the revisions table.
    fn pagu_outcome(
        ctx: &Context<'_, '_>,
        para: &Paragraph,
        sentence_start: usize,
        claim: PaguClaim<'_>,
    ) -> Outcome {
        let PaguClaim {
            stated,
            row,
            value,
            what,
        } = claim;
        if stated.value == value.value {
            return Outcome::Agrees;
        }
        let (line, at) = ctx.locate(para, sentence_start + stated.start);
        let label = row.label().trim();
        let shown = amount(value.value);
        Outcome::Differs(
            Draft {
                line,
                stated: stated.text.clone(),
                expected: value.text.clone(),
                computation: Localized::new(
                    format!("baris {label} tabel revisi: {shown}"),
                    format!("row {label} of the revisions table: {shown}"),
                ),
                related: vec![ctx.row_line(row.page, row.line)],
                highlight: Some((at, at + stated.text.len())),
                ..Default::default()
            }
            .var("what", what),
        )
    }
}

impl Check for RevisionTable {
    fn paragraph(&self, para: &Paragraph, ctx: &Context<'_, '_>, out: &mut Sink) {
        let text = para.text.as_str();
        let Some(claim) = self.claim(text) else {
            return;
        };
        let Some((_, first, revisions)) = self.table_after(ctx, para) else {
            out.skip(NO_TABLE);
            return;
        };
        out.record(self.count_outcome(ctx, para, &claim, &revisions));
        let whole = &claim.whole;
        let sentence = Self::pagu_sentence(text, whole);
        let said_between = |f: &Figure| &text[whole.end..sentence.start + f.start];
        let last_not_revision = sentence.after.first().is_some_and(|stated| {
            self.p
                .not_last
                .as_ref()
                .is_some_and(|p| p.is_match(said_between(stated)))
        });
        if let ([stated], Some(row)) = (sentence.before.as_slice(), first)
            && let Some(value) = money(row).first()
        {
            let what = Localized::new("pagu awal", "the first pagu");
            let claim = PaguClaim {
                stated,
                row,
                value,
                what,
            };
            out.record(Self::pagu_outcome(ctx, para, sentence.start, claim));
        }
        if let ([stated], Some(row)) = (sentence.after.as_slice(), revisions.last())
            && let Some(value) = money(row).last()
            && !last_not_revision
        {
            let what = Localized::new("pagu akhir", "the last pagu");
            let claim = PaguClaim {
                stated,
                row,
                value,
                what,
            };
            out.record(Self::pagu_outcome(ctx, para, sentence.start, claim));
        }
        if sentence.before.len() > 1 || sentence.after.len() > 1 {
            out.skip(PAGU_UNCLEAR);
        } else if last_not_revision {
            out.skip(PAGU_NOT_LAST);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::checks::testing::{findings, run_default};

    const TABLE: &str = "| Uraian | Pagu Awal | Pagu Akhir |\n|---|---|---|\n| Data Awal | Rp 14.268.342.000 | Rp 14.268.342.000 |\n| Revisi I | Rp 14.268.342.000 | Rp 14.268.342.000 |\n| Revisi II | Rp 14.268.342.000 | Rp 15.181.191.000 |\n| Revisi III | Rp 15.181.191.000 | Rp 15.060.466.000 |\n";

    #[test]
    fn a_count_and_pagu_other_than_the_revisions_table_are_found() {
        let text = format!(
            "Pada awal tahun 2024, kantor mendapatkan alokasi anggaran (pagu anggaran) sebesar Rp. 7.789.442.000.- namun selama periode tahun 2024 berjalan terdapat 2 (dua) kali perubahan/revisi menyebabkan perubahan dan pagu anggaran tahun 2024 Rp. 7.792.352.000,- dengan rincian sebagai berikut:\n\n{TABLE}"
        );
        let found = findings("revision-table", &text);
        let stated: Vec<&str> = found.iter().map(|f| f.stated.as_str()).collect();
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(stated.contains(&"2 (dua) kali revisi"), "{stated:?}");
        assert!(stated.contains(&"Rp. 7.789.442.000"), "{stated:?}");
        assert!(
            found.iter().any(|f| f.expected == "3 (tiga) kali revisi"),
            "{found:#?}"
        );
    }

    #[test]
    fn a_passage_matching_its_table_is_checked_not_found() {
        let text = format!(
            "Pada awal tahun 2024, kantor mendapatkan pagu anggaran sebesar Rp. 14.268.342.000.- namun terdapat 3 (tiga) kali perubahan/revisi menyebabkan perubahan dan pagu anggaran tahun 2024 Rp. 15.060.466.000,- dengan rincian sebagai berikut:\n\n{TABLE}"
        );
        let (found, coverage) = run_default("revision-table", &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 3, "{coverage:#?}");
    }

    #[test]
    fn a_pagu_efektif_or_a_table_not_numbered_in_order_is_not_compared() {
        // The pagu efektif (after a blokir) is not the last revision's pagu.
        let text = format!(
            "Pagu anggaran sebesar Rp. 14.268.342.000.- namun terdapat 3 (tiga) kali perubahan/revisi menyebabkan perubahan dan pagu efektif Rp. 8.954.816.000,- dengan rincian sebagai berikut:\n\n{TABLE}"
        );
        let (found, coverage) = run_default("revision-table", &text);
        assert!(found.is_empty(), "{found:#?}");
        // The count and the first pagu agree; the pagu efektif is a skip.
        assert_eq!(coverage.agree, 2, "{coverage:#?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 1, "{coverage:#?}");
        let skipped = text.replace("| Revisi II |", "| Revisi IV |");
        let (found, coverage) = run_default("revision-table", &skipped);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 1, "{coverage:#?}");
    }

    #[test]
    fn roman_numerals_are_read() {
        assert_eq!(super::numeral("XI"), Some(11));
        assert_eq!(super::numeral("IX"), Some(9));
        assert_eq!(super::numeral("12"), Some(12));
        assert_eq!(super::numeral("Z"), None);
    }
}
