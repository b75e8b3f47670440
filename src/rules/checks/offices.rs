//! The reporting office named wrongly: a paragraph copied from another
//! office's report still says "sebagai bentuk pertanggungjawaban Rumah Sakit
//! Jiwa" in RSUD Al Ihsan's report, or "Perjanjian Kinerja Biro Organisasi" in
//! Biro Administrasi Pembangunan's.
//!
//! Only the places where a report names itself are read (its own LKjIP,
//! Renstra, Perjanjian Kinerja, accountability), each an office phrase: a type
//! word ("Biro", "Dinas", "Rumah Sakit") and the capitalised name after it. The
//! report's own office is the one its metadata names, or else the one most of
//! those places name. A phrase of the same type whose name shares no word with
//! the own office, and is no abbreviation of it ("Humas" of "Hubungan
//! Masyarakat", "BPLHD" of "Badan Pengelolaan Lingkungan Hidup Daerah"), is
//! another office.

use regex::Regex;
use serde::Deserialize;

use crate::findings::Localized;

use super::common::{Context, Pattern};
use super::{Check, Draft, Sink, Why};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficeType {
    /// The type word(s) as printed ("Rumah Sakit", "RSUD").
    pattern: Pattern,
    /// The family compared ("rumah sakit" for RS, RSUD and Rumah Sakit).
    family: String,
    /// The name an abbreviation carries when no name follows it ("jiwa" for RSJ).
    #[serde(default)]
    implies: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WrongOfficeParams {
    /// Where a report names itself; the office phrase follows the match.
    own_places: Pattern,
    types: Vec<OfficeType>,
    /// A word that ends the name ("Provinsi", "Tahun", "Sekretariat").
    name_ends: Pattern,
    /// A word that leads the office phrase and is skipped ("Kantor").
    #[serde(default)]
    leads: Option<Pattern>,
}

#[derive(Debug)]
pub struct WrongOffice {
    p: WrongOfficeParams,
}

impl WrongOffice {
    pub fn new(p: WrongOfficeParams) -> Result<Self, String> {
        if p.types.is_empty() {
            return Err("`types` is empty".into());
        }
        Ok(WrongOffice { p })
    }
}

/// An office as a report names it.
#[derive(Debug, Clone, PartialEq)]
struct Office {
    family: String,
    /// The name's words, lower case, without "dan".
    name: Vec<String>,
    /// The phrase as printed.
    printed: String,
}

impl Office {
    /// Whether both name one office: a shared word, or one's word abbreviates the other's.
    fn same_as(&self, other: &Office) -> bool {
        self.family == other.family
            && (self.name.iter().any(|w| other.name.contains(w))
                || self.name.iter().any(|w| abbreviates(w, &other.name))
                || other.name.iter().any(|w| abbreviates(w, &self.name)))
    }
}

/// Whether `short` is built from leading letters of two or more of `words`, in
/// order ("humas" ← hubungan masyarakat, "kesbangpol" ← kesatuan bangsa politik,
/// "bplhd" ← badan pengelolaan lingkungan hidup daerah).
fn abbreviates(short: &str, words: &[String]) -> bool {
    fn go(short: &[char], words: &[Vec<char>], used: usize) -> bool {
        if short.is_empty() {
            return used >= 2;
        }
        let Some((first, rest)) = words.split_first() else {
            return false;
        };
        // Take a prefix of this word (at least its first letter), or skip it.
        let common = first.iter().zip(short).take_while(|(a, b)| a == b).count();
        (1..=common).rev().any(|n| go(&short[n..], rest, used + 1)) || go(short, rest, used)
    }
    let short: Vec<char> = short.chars().collect();
    let words: Vec<Vec<char>> = words.iter().map(|w| w.chars().collect()).collect();
    short.len() >= 3 && words.len() >= 2 && go(&short, &words, 0)
}

impl WrongOfficeParams {
    /// The office phrase at the start of `text`, if one is there.
    fn office_at(&self, text: &str) -> Option<Office> {
        let start = text.len() - text.trim_start().len();
        let mut rest = &text[start..];
        if let Some(lead) = &self.leads
            && let Some(m) = lead.0.find(rest)
            && m.start() == 0
        {
            rest = rest[m.end()..].trim_start();
        }
        let (kind, after) = self.types.iter().find_map(|t| {
            let m = t.pattern.0.find(rest)?;
            let boundary = rest[m.end()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            (m.start() == 0 && boundary).then(|| (t, &rest[m.end()..]))
        })?;
        let mut name: Vec<String> = Vec::new();
        let mut end = 0;
        for word in WORD.find_iter(after) {
            let w = word.as_str();
            // Words follow each other, separated by spaces, a comma or a hyphen only.
            if !after[end..word.start()]
                .chars()
                .all(|c| matches!(c, ' ' | ',' | '-'))
            {
                break;
            }
            let lower = w.to_lowercase();
            let capital = w
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
            if self.name_ends.is_match(w) || !(capital || lower == "dan") {
                break;
            }
            end = word.end();
            if lower != "dan" {
                name.push(lower);
            }
        }
        // "RSJ" is its own name; "RSUD" or "Biro" alone names no office.
        if name.is_empty() {
            name = kind
                .implies
                .split_whitespace()
                .map(str::to_lowercase)
                .collect();
        }
        if name.is_empty() {
            return None;
        }
        // `after` is a suffix of `text`.
        let end = text.len() - after.len() + end;
        Some(Office {
            family: kind.family.clone(),
            name,
            printed: text[start..end].trim().to_string(),
        })
    }
}

static WORD: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    crate::pattern::compile(r"[\p{L}\d&][\p{L}\d&']*").expect("valid regex")
});

const NO_OWN_OFFICE: Why = Why {
    en: "the report's own office is not established",
    id: "instansi pelapor tidak dapat dipastikan",
};

impl Check for WrongOffice {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        // (paragraph, byte offset of the phrase, office)
        let mut mentions = Vec::new();
        for (i, para) in ctx.report.paragraphs.iter().enumerate() {
            for m in self.p.own_places.0.find_iter(&para.text) {
                if let Some(office) = self.p.office_at(&para.text[m.end()..]) {
                    let at = m.end()
                        + (para.text[m.end()..].len() - para.text[m.end()..].trim_start().len());
                    mentions.push((i, at, office));
                }
            }
        }
        if mentions.is_empty() {
            return;
        }
        let agreeing = |o: &Office| mentions.iter().filter(|(_, _, m)| m.same_as(o)).count();
        // The metadata's office when it reads as an office phrase; else the
        // one most self-references name, when they are clearly most.
        let from_metadata = ctx
            .report
            .metadata
            .office
            .as_deref()
            .and_then(|o| self.p.office_at(o));
        let (source_id, source_en) = if from_metadata.is_some() {
            (
                "nama instansi pada judul atau kepala halaman; ",
                "the office of its title or running header; ",
            )
        } else {
            ("", "")
        };
        let own = from_metadata.or_else(|| {
            let best = mentions
                .iter()
                .map(|(_, _, o)| o)
                .max_by_key(|o| agreeing(o))?;
            (agreeing(best) * 3 >= mentions.len() * 2 && agreeing(best) >= 3).then(|| best.clone())
        });
        let Some(own) = own else {
            out.skip(NO_OWN_OFFICE);
            return;
        };
        let own_count = agreeing(&own);
        for (i, at, office) in &mentions {
            if office.family != own.family || office.same_as(&own) {
                out.agree();
                continue;
            }
            // Named again and again: rather a second office the report is
            // about (or a metadata misread) than a slip.
            let named = agreeing(office);
            if named >= 2 && named * 3 > own_count {
                out.skip(Why {
                    en: "the other office is named as often as the report's own",
                    id: "instansi lain disebut sesering instansi pelapor",
                });
                continue;
            }
            let para = &ctx.report.paragraphs[*i];
            let (line, start) = ctx.locate(para, *at);
            let in_line = ctx.report.lines[line].line.text.len();
            out.push(
                Draft {
                    line,
                    stated: office.printed.clone(),
                    expected: own.printed.clone(),
                    computation: Localized::new(
                        format!(
                            "laporan ini milik {} ({source_id}disebut {own_count} kali sebagai instansi pelapor); kalimat ini menyebut {}",
                            own.printed, office.printed
                        ),
                        format!(
                            "this report is {}'s ({source_en}named {own_count} times as the reporting office); this sentence names {}",
                            own.printed, office.printed
                        ),
                    ),
                    highlight: (start + office.printed.len() <= in_line)
                        .then_some((start, start + office.printed.len())),
                    ..Default::default()
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::abbreviates;
    use crate::rules::checks::testing::{findings, run_default};

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn abbreviations_are_leading_letters_of_the_words_in_order() {
        assert!(abbreviates("humas", &words("hubungan masyarakat")));
        assert!(abbreviates("kesbangpol", &words("kesatuan bangsa politik")));
        assert!(abbreviates(
            "bplhd",
            &words("badan pengelolaan lingkungan hidup daerah")
        ));
        assert!(!abbreviates("jiwa", &words("umum daerah al ihsan")));
        assert!(!abbreviates(
            "organisasi",
            &words("administrasi pembangunan")
        ));
    }

    const OWN: &str = "# LAPORAN KINERJA RUMAH SAKIT UMUM DAERAH AL IHSAN TAHUN 2016\n\n\
        Laporan Kinerja Rumah Sakit Umum Daerah Al Ihsan Provinsi Jawa Barat disusun setiap tahun.\n\n\
        Rencana Strategis RSUD Al Ihsan Tahun 2013-2018 menjadi acuan.\n\n\
        Perjanjian Kinerja RSUD Al Ihsan Tahun 2016 ditandatangani.\n\n";

    #[test]
    fn another_office_named_as_the_reporter_is_found() {
        let text = format!(
            "{OWN}Maksud disusunnya laporan ini adalah sebagai bentuk pertanggungjawaban Rumah Sakit Jiwa Provinsi Jawa Barat dalam pelaksanaan tugas.\n"
        );
        let found = findings("wrong-office", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "Rumah Sakit Jiwa");
    }

    #[test]
    fn the_own_office_in_other_words_is_not_found() {
        let text = format!(
            "{OWN}Laporan ini wujud pertanggungjawaban RSUD Al-Ihsan kepada Gubernur. LKIP Rumah Sakit Al Ihsan memuat capaian.\n"
        );
        let (found, coverage) = run_default("wrong-office", &text);
        assert!(found.is_empty(), "{found:#?}");
        assert!(coverage.agree >= 4, "{coverage:#?}");
    }

    #[test]
    fn an_office_of_another_type_is_not_compared() {
        let text = format!(
            "{OWN}Perjanjian Kinerja Dinas Kesehatan Provinsi Jawa Barat menjadi rujukan.\n"
        );
        assert!(findings("wrong-office", &text).is_empty());
    }
}
