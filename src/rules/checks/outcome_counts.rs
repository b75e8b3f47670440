//! Counts of indicators (or sasaran) by outcome against the total the same
//! paragraph states: "Jumlah indikator kinerja yang digunakan: 3 indikator.
//! Sebanyak 1 indikator melebihi target …, 3 indikator tidak mencapai target"
//! — the outcomes add up to 4 of 3.

use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use crate::facts::words::parse_number_words;
use crate::findings::Localized;
use crate::structure::Paragraph;

use super::common::{Context, Pattern};
use super::{Check, Draft, Sink, Why};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeCountParams {
    /// A count of the noun: groups `count` (digits or words) and `noun`.
    mention: Pattern,
    /// What right before a mention makes it the total ("Dari", "Jumlah
    /// indikator …:"): matched against the text before the count.
    total_before: Pattern,
    /// What right after a mention makes it an outcome that was met
    /// ("telah berhasil dicapai", "melebihi target"); matched at the start of
    /// the text after the noun.
    met: Pattern,
    /// The same, for an outcome that was not met ("tidak mencapai target").
    unmet: Pattern,
    /// Words that make one count part of another ("di antaranya"): the
    /// paragraph's counts are then not disjoint, and the check abstains.
    nested: Pattern,
}

#[derive(Debug)]
pub struct OutcomeCount {
    p: OutcomeCountParams,
}

impl OutcomeCount {
    pub fn new(p: OutcomeCountParams) -> Result<Self, String> {
        for g in ["count", "noun"] {
            if !p.mention.0.capture_names().any(|n| n == Some(g)) {
                return Err(format!("`mention` needs a (?P<{g}>…) group"));
            }
        }
        Ok(OutcomeCount { p })
    }
}

const NESTED: Why = Why {
    en: "the counts by outcome may include one another (\"di antaranya\")",
    id: "jumlah per hasil mungkin saling mencakup (\"di antaranya\")",
};

const OVERLAP: Why = Why {
    en: "more than one count per outcome: they may overlap",
    id: "lebih dari satu jumlah per hasil: mungkin saling mencakup",
};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Mention {
    Total,
    Met,
    Unmet,
}

#[derive(Debug)]
struct Count {
    kind: Mention,
    noun: String,
    value: u64,
    /// Byte range of the count and its noun in the paragraph.
    start: usize,
    end: usize,
}

impl OutcomeCount {
    fn counts(&self, text: &str) -> Vec<Count> {
        let mut out = Vec::new();
        for c in self.p.mention.0.captures_iter(text) {
            let (Some(count), Some(noun), Some(all)) = (c.name("count"), c.name("noun"), c.get(0))
            else {
                continue;
            };
            let raw = count.as_str().trim();
            let value = raw.parse::<u64>().ok().or_else(|| parse_number_words(raw));
            let Some(value) = value else {
                continue;
            };
            let noun = noun.as_str().to_lowercase();
            let after = &text[all.end()..];
            let before_start = text[..count.start()]
                .char_indices()
                .rev()
                .nth(80)
                .map(|(i, _)| i)
                .unwrap_or(0);
            let before = &text[before_start..count.start()];
            let kind = if self.p.unmet.0.is_match(after) {
                Mention::Unmet
            } else if self.p.met.0.is_match(after) {
                Mention::Met
            } else if self.p.total_before.0.is_match(before) {
                Mention::Total
            } else {
                continue;
            };
            out.push(Count {
                kind,
                noun,
                value,
                start: count.start(),
                end: all.end(),
            });
        }
        out
    }
}

static LIST_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:\d{1,2}[.)]|[a-zA-Z][.)]|\(\d{1,2}\)|[-•*➤])\s").expect("valid regex")
});

/// The report's paragraphs, with the sentences of a double-spaced text joined
/// again: there every line is a blank line apart, and structure joins only a
/// sentence wrapped over lines ("… diukur kinerjanya: sebanyak 1" / "" /
/// "sasaran. Jumlah …" / "" / "Sebanyak 1 indikator …").
fn passages(ctx: &Context<'_, '_>) -> Vec<Paragraph> {
    let lines = &ctx.report.lines;
    // One line, or lines a blank line apart (structure joins a sentence
    // wrapped over double-spaced lines, but not sentences of one paragraph).
    let single = |p: &Paragraph| p.pieces.windows(2).all(|w| w[1].1 == w[0].1 + 2);
    let mut out: Vec<Paragraph> = Vec::new();
    // Whether the last passage is made of one-line paragraphs only.
    let mut spaced = false;
    for p in &ctx.report.paragraphs {
        let Some(&(_, first)) = p.pieces.first() else {
            continue;
        };
        let joins = single(p)
            && spaced
            && !LIST_ITEM.is_match(&p.text)
            && out.last().is_some_and(|prev| {
                let last = prev.pieces.last().map(|(_, i)| *i).unwrap_or(0);
                prev.chapter == p.chapter
                    && first == last + 2
                    && lines.get(last + 1).is_some_and(|l| l.line.is_blank())
                    && lines
                        .get(last)
                        .is_some_and(|l| l.line.text.trim().chars().count() >= 40)
            });
        match out.last_mut() {
            Some(prev) if joins => {
                prev.text.push(' ');
                let base = prev.text.len();
                prev.pieces
                    .extend(p.pieces.iter().map(|(o, i)| (o + base, *i)));
                prev.text.push_str(&p.text);
            }
            _ => {
                spaced = single(p);
                out.push(p.clone());
            }
        }
    }
    out
}

impl Check for OutcomeCount {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        for para in passages(ctx) {
            self.passage(&para, ctx, out);
        }
    }
}

impl OutcomeCount {
    fn passage(&self, para: &Paragraph, ctx: &Context<'_, '_>, out: &mut Sink) {
        let counts = self.counts(&para.text);
        // Each total with the outcomes of its noun that follow it, up to the
        // next total of that noun.
        for (i, total) in counts.iter().enumerate() {
            if total.kind != Mention::Total {
                continue;
            }
            let outcomes: Vec<&Count> = counts[i + 1..]
                .iter()
                .filter(|c| c.noun == total.noun)
                .take_while(|c| c.kind != Mention::Total)
                .collect();
            if outcomes.len() < 2 {
                continue;
            }
            let last = outcomes.iter().map(|c| c.end).max().unwrap_or(total.end);
            if self.p.nested.0.is_match(&para.text[total.start..last]) {
                out.skip(NESTED);
                continue;
            }
            let met: Vec<&&Count> = outcomes.iter().filter(|c| c.kind == Mention::Met).collect();
            let unmet: Vec<&&Count> = outcomes
                .iter()
                .filter(|c| c.kind == Mention::Unmet)
                .collect();
            // One count of each outcome: two disjoint parts of the total.
            // More ("2 melebihi, 1 mencapai"): they may overlap.
            if met.len() != 1 || unmet.len() != 1 {
                out.skip(OVERLAP);
                continue;
            }
            let (m, u) = (met[0], unmet[0]);
            let sum = m.value + u.value;
            if sum <= total.value {
                out.agree();
                continue;
            }
            let first = if m.start < u.start { m } else { u };
            let second = if m.start < u.start { u } else { m };
            let (line, at) = ctx.locate(para, first.start);
            let shown = |c: &Count| para.text[c.start..c.end].to_string();
            let (total_line, _) = ctx.locate(para, total.start);
            out.push(
                Draft {
                    line,
                    stated: format!("{}; {}", shown(first), shown(second)),
                    expected: format!("≤ {}", shown(total)),
                    computation: Localized::new(
                        format!(
                            "{} (tercapai) + {} (tidak tercapai) = {sum} {}, lebih dari {} yang disebut",
                            m.value,
                            u.value,
                            total.noun,
                            shown(total)
                        ),
                        format!(
                            "{} (met) + {} (not met) = {sum} {}, more than the {} stated",
                            m.value,
                            u.value,
                            total.noun,
                            shown(total)
                        ),
                    ),
                    related: vec![total_line],
                    highlight: Some((at, at + first.end - first.start)),
                    ..Default::default()
                }
                .var("noun", Localized::same(total.noun.clone()))
                .var("total", Localized::same(shown(total))),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::checks::testing::{findings, run_default};

    #[test]
    fn outcomes_adding_up_to_more_than_the_total_are_found() {
        let text = "Misi 3 : Meningkatkan Daya Beli Masyarakat\n\nJumlah indikator kinerja yang digunakan: 3 indikator. Sebanyak 1 indikator (100%) melebihi target yang telah ditetapkan tetapi, 3 indikator tidak mencapai target tetapi ada sebagian peningkatan dibanding kinerja tahun lalu.\n";
        let found = findings("outcome-count", text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "1 indikator; 3 indikator");
        assert_eq!(found[0].expected, "≤ 3 indikator");
    }

    #[test]
    fn outcomes_within_the_total_agree() {
        let text = "Dari sembilan indikator kinerja yang ditetapkan pada tahun 2016, sebanyak 7 indikator kinerja telah berhasil dicapai dengan baik, sedangkan 2 indikator kinerja tidak mencapai target.\n";
        let (found, coverage) = run_default("outcome-count", text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1, "{coverage:#?}");
    }

    /// "di antaranya": the second count is part of the first, not beside it.
    #[test]
    fn nested_counts_are_an_abstention() {
        let text = "Dari 5 indikator kinerja, 4 indikator tercapai, di antaranya 2 indikator melebihi target, dan 1 indikator tidak mencapai target.\n";
        let (found, coverage) = run_default("outcome-count", text);
        assert!(found.is_empty(), "{found:#?}");
        let text = "Dari 5 indikator kinerja, 4 indikator telah mencapai target, dan 3 indikator di antaranya tidak mencapai target tahun lalu.\n";
        let (found, coverage2) = run_default("outcome-count", text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(
            coverage.skipped.values().sum::<usize>() + coverage2.skipped.values().sum::<usize>(),
            1,
            "{coverage:#?} {coverage2:#?}"
        );
    }

    /// Two scopes in one paragraph: each total has its own outcomes.
    #[test]
    fn each_total_takes_the_outcomes_after_it() {
        let text = "Pada Misi 1 dari 3 indikator, 2 indikator tercapai dan 1 indikator tidak tercapai. Pada Misi 2 dari 4 indikator, 3 indikator tercapai dan 1 indikator tidak tercapai.\n";
        let (found, coverage) = run_default("outcome-count", text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 2, "{coverage:#?}");
    }

    /// A double-spaced page: every wrapped line is a paragraph of its own.
    #[test]
    fn a_double_spaced_passage_is_read_as_one() {
        let text = "Jumlah sasaran pada misi ini yang diukur kinerjanya: sebanyak 1\n\nsasaran. Jumlah indikator kinerja yang digunakan: 3 indikator.\n\nSebanyak 1 indikator (100%) melebihi target yang telah ditetapkan\n\ntetapi, 3 indikator tidak mencapai target tetapi ada sebagian\n\npeningkatan dibanding kinerja tahun lalu.\n";
        let found = findings("outcome-count", text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "1 indikator; 3 indikator");
    }
}
