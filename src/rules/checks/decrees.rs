//! A decree (Keputusan) attached to the report: its dictums numbered in
//! sequence (KESATU, KEDUA, … with none left out), and the number the report
//! cites it by against the number on its own heading.

use serde::Deserialize;

use crate::findings::Localized;

use super::claims::norm_label;
use super::common::{Context, Pattern};
use super::{Check, Draft, Sink, Why};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DictumParams {
    /// A dictum heading opening a line (not a mention inside a dictum's text):
    /// group `ordinal`, the ordinal word.
    heading: Pattern,
    /// The ordinal words in order, the first for dictum 1; each entry lists
    /// the words used for that position (["KESATU", "PERTAMA"]).
    ordinals: Vec<Vec<String>>,
    /// A line that closes a decree's dictums ("Ditetapkan di").
    end: Pattern,
    /// Lines after a dictum heading beyond which the next heading is taken
    /// for another decree's.
    max_gap: usize,
}

#[derive(Debug)]
pub struct DictumSequence {
    p: DictumParams,
}

impl DictumSequence {
    pub fn new(p: DictumParams) -> Result<Self, String> {
        if !p.heading.0.capture_names().any(|n| n == Some("ordinal")) {
            return Err("`heading` needs a (?P<ordinal>…) group".into());
        }
        if p.ordinals.len() < 2 || p.ordinals.iter().any(Vec::is_empty) {
            return Err("`ordinals` needs two positions or more, each with a word".into());
        }
        Ok(DictumSequence { p })
    }

    /// The position (1-based) of an ordinal word, case and spacing aside.
    fn position(&self, word: &str) -> Option<usize> {
        let word = norm_label(word);
        self.p
            .ordinals
            .iter()
            .position(|ws| ws.iter().any(|w| norm_label(w) == word))
            .map(|i| i + 1)
    }

    fn word(&self, position: usize) -> String {
        self.p
            .ordinals
            .get(position.wrapping_sub(1))
            .and_then(|ws| ws.first())
            .cloned()
            .unwrap_or_else(|| position.to_string())
    }
}

const NO_FIRST: Why = Why {
    en: "dictum heading without a first dictum (KESATU) before it",
    id: "judul diktum tanpa diktum pertama (KESATU) sebelumnya",
};
const BACKWARDS: Why = Why {
    en: "dictum numbering goes back: another decree, or a repeated heading",
    id: "penomoran diktum mundur: keputusan lain, atau judul berulang",
};

impl Check for DictumSequence {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let lines = &ctx.report.lines;
        // The last heading of the decree being read: (position, line).
        let mut last: Option<(usize, usize)> = None;
        for (i, l) in lines.iter().enumerate() {
            let text = &l.line.text;
            if self.p.end.is_match(text) {
                last = None;
                continue;
            }
            let Some(c) = self.p.heading.0.captures(text) else {
                continue;
            };
            let Some(ordinal) = c.name("ordinal") else {
                continue;
            };
            let Some(n) = self.position(ordinal.as_str()) else {
                continue;
            };
            if last.is_some_and(|(_, at)| i - at > self.p.max_gap) {
                last = None;
            }
            match last {
                _ if n == 1 => {}
                None => out.skip(NO_FIRST),
                Some((m, _)) if n == m + 1 => out.agree(),
                Some((m, _)) if n <= m => {
                    out.skip(BACKWARDS);
                    last = None;
                    continue;
                }
                Some((m, at)) => {
                    let missing: Vec<String> = (m + 1..n).map(|k| self.word(k)).collect();
                    out.push(
                        Draft {
                            line: i,
                            stated: ordinal.as_str().to_string(),
                            expected: self.word(m + 1),
                            computation: Localized {
                                id: format!(
                                    "{} → {}: tidak ada {}",
                                    self.word(m),
                                    ordinal.as_str(),
                                    missing.join(", ")
                                ),
                                en: format!(
                                    "{} → {}: {} missing",
                                    self.word(m),
                                    ordinal.as_str(),
                                    missing.join(", ")
                                ),
                            },
                            related: vec![at],
                            highlight: Some((ordinal.start(), ordinal.end())),
                            ..Default::default()
                        }
                        .var("previous", Localized::same(self.word(m))),
                    );
                }
            }
            last = match last {
                None if n != 1 => None,
                _ => Some((n, i)),
            };
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecreeNumberParams {
    /// A decree's heading line: group `issuer` ("KEPUTUSAN CAMAT LEDOKOMBO").
    heading: Pattern,
    /// Its number line, within `within` lines under the heading: group `number`.
    number_line: Pattern,
    /// The forms of a decree's number that say its serial and year (groups
    /// `serial`, `year`): "5 TAHUN 2020", "065/09/1.31/2020" (archive code,
    /// serial, office code, year).
    number_forms: Vec<Pattern>,
    /// Its subject line ("TENTANG" with the subject on it or on the next line).
    subject: Pattern,
    /// How many of the subject's first words the citing sentence must hold.
    subject_words: usize,
    /// Lines under the heading searched for its number and subject.
    within: usize,
    /// A citation in running text: groups `issuer`, `serial`, `year`.
    citation: Pattern,
}

#[derive(Debug)]
pub struct DecreeNumber {
    p: DecreeNumberParams,
}

impl DecreeNumber {
    pub fn new(p: DecreeNumberParams) -> Result<Self, String> {
        let has = |pat: &Pattern, g: &str| pat.0.capture_names().any(|n| n == Some(g));
        if !has(&p.heading, "issuer") {
            return Err("`heading` needs a (?P<issuer>…) group".into());
        }
        if !has(&p.number_line, "number") {
            return Err("`number_line` needs a (?P<number>…) group".into());
        }
        for f in &p.number_forms {
            if !has(f, "serial") || !has(f, "year") {
                return Err("`number_forms` need (?P<serial>…) and (?P<year>…) groups".into());
            }
        }
        for g in ["issuer", "serial", "year"] {
            if !has(&p.citation, g) {
                return Err(format!("`citation` needs a (?P<{g}>…) group"));
            }
        }
        if !has(&p.subject, "subject") {
            return Err("`subject` needs a (?P<subject>…) group".into());
        }
        Ok(DecreeNumber { p })
    }
}

/// A decree attached to the report, as its heading gives it.
#[derive(Debug)]
struct Attached {
    issuer: String,
    line: usize,
    number: String,
    /// Serial and year, when the number has a known form.
    serial: Option<Serial>,
    /// Its subject's first words, upper case.
    subject: Option<String>,
}

/// What a decree's number says: "065/09/1.31/2020" → serial 9, year 2020.
#[derive(Debug, PartialEq, Eq)]
struct Serial {
    value: u64,
    /// As printed ("09").
    printed: String,
    year: String,
}

impl Serial {
    /// The serial and year of `number` by the first of `forms` that reads it
    /// (groups `serial`, `year`).
    fn of(number: &str, forms: &[Pattern]) -> Option<Serial> {
        forms.iter().find_map(|f| {
            let c = f.0.captures(number)?;
            let printed = c.name("serial")?.as_str();
            Some(Serial {
                value: printed.parse::<u64>().ok()?,
                printed: printed.to_string(),
                year: c.name("year")?.as_str().to_string(),
            })
        })
    }
}

/// The first `n` words of `text` (runs of letters and digits), upper case
/// and single-spaced; None when it has fewer.
fn first_words(text: &str, n: usize) -> Option<String> {
    let first: Vec<String> = text
        .split(|ch: char| !ch.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(n)
        .map(str::to_uppercase)
        .collect();
    (first.len() == n).then(|| first.join(" "))
}

const NO_SERIAL: Why = Why {
    en: "the attached decree's number has no recognisable serial",
    id: "nomor keputusan yang dilampirkan tidak memiliki nomor urut yang dikenali",
};
const OTHER_SUBJECT: Why = Why {
    en: "the citing sentence does not name the attached decree's subject",
    id: "kalimat yang mengutip tidak menyebut pokok keputusan yang dilampirkan",
};
const SEVERAL: Why = Why {
    en: "several decrees of that issuer are attached",
    id: "lebih dari satu keputusan pejabat itu dilampirkan",
};

impl DecreeNumber {
    fn attached(&self, ctx: &Context<'_, '_>) -> Vec<Attached> {
        let lines = &ctx.report.lines;
        let mut out = Vec::new();
        for (i, l) in lines.iter().enumerate() {
            let Some(c) = self.p.heading.0.captures(&l.line.text) else {
                continue;
            };
            let Some(issuer) = c.name("issuer") else {
                continue;
            };
            let below: Vec<usize> = (i + 1..lines.len())
                .filter(|&k| !lines[k].line.is_blank())
                .take(self.p.within)
                .collect();
            let Some(number) = below.iter().find_map(|&k| {
                self.p
                    .number_line
                    .0
                    .captures(&lines[k].line.text)
                    .and_then(|c| c.name("number"))
                    .map(|m| m.as_str().trim().to_string())
            }) else {
                continue;
            };
            let serial = Serial::of(&number, &self.p.number_forms);
            // The subject: on the TENTANG line, else on the line after it.
            let subject = below.iter().enumerate().find_map(|(k, &at)| {
                let c = self.p.subject.0.captures(&lines[at].line.text)?;
                let on = c.name("subject").map(|m| m.as_str()).unwrap_or("");
                let text = if on.trim().is_empty() {
                    below.get(k + 1).map(|&n| lines[n].line.text.as_str())?
                } else {
                    on
                };
                first_words(text, self.p.subject_words)
            });
            out.push(Attached {
                issuer: norm_label(issuer.as_str()),
                line: i,
                number,
                serial,
                subject,
            });
        }
        out
    }
}

impl Check for DecreeNumber {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let attached = self.attached(ctx);
        if attached.is_empty() {
            return;
        }
        for para in &ctx.report.paragraphs {
            for c in self.p.citation.0.captures_iter(&para.text) {
                let (Some(issuer), Some(serial), Some(year)) =
                    (c.name("issuer"), c.name("serial"), c.name("year"))
                else {
                    continue;
                };
                let cited = norm_label(issuer.as_str());
                let same: Vec<&Attached> = attached
                    .iter()
                    .filter(|a| cited == a.issuer || cited.starts_with(&format!("{} ", a.issuer)))
                    .collect();
                let a = match same.as_slice() {
                    [] => continue,
                    [a] => a,
                    _ => {
                        out.skip(SEVERAL);
                        continue;
                    }
                };
                let Some(want) = &a.serial else {
                    out.skip(NO_SERIAL);
                    continue;
                };
                let sentence = norm_label(&para.text);
                if a.subject
                    .as_ref()
                    .is_none_or(|s| !sentence.contains(s.as_str()))
                {
                    out.skip(OTHER_SUBJECT);
                    continue;
                }
                let Ok(got_serial) = serial.as_str().parse::<u64>() else {
                    continue;
                };
                if got_serial == want.value && year.as_str() == want.year {
                    out.agree();
                    continue;
                }
                let start = serial.start();
                let (line, at) = ctx.locate(para, start);
                let stated = format!("{} Tahun {}", serial.as_str(), year.as_str());
                let expected = format!("{} Tahun {}", want.printed, want.year);
                let highlight_end = at + (year.end() - start);
                out.push(
                    Draft {
                        line,
                        stated,
                        expected,
                        computation: Localized {
                            id: format!(
                                "Nomor : {} → nomor urut {}, tahun {}",
                                a.number, want.value, want.year
                            ),
                            en: format!(
                                "Nomor : {} → serial {}, year {}",
                                a.number, want.value, want.year
                            ),
                        },
                        related: vec![a.line],
                        highlight: Some((at, highlight_end)),
                        ..Default::default()
                    }
                    .var("number", Localized::same(a.number.clone()))
                    .var("issuer", Localized::same(issuer.as_str().to_string())),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::checks::testing::{findings, run_default};

    const DECREE: &str = "MEMUTUSKAN :\n\nMenetapkan :\n\n- KESATU : Indikator Kinerja Utama Kecamatan Rambipuji\n- KEDUA : Indikator sebagaimana dimaksud dalam Diktum KESATU tersebut dalam lampiran;\n- KETIGA : Indikator sebagaimana dimaksud dalam Diktum KESATU dan KEDUA bertujuan untuk :\n- (1) Memberikan informasi kinerja\n- KEEMPAT : Indikator sebagaimana dimaksud dalam Diktum KESATU dimanfaatkan untuk :\n- a. Perencanaan Strategis\n- {last} : Keputusan Camat ini mulai berlaku pada tanggal ditetapkan\n\nDitetapkan di : Rambipuji\n";

    #[test]
    fn a_skipped_dictum_is_found() {
        let found = findings("dictum-sequence", &DECREE.replace("{last}", "KEENAM"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "KEENAM");
        assert_eq!(found[0].expected, "KELIMA");
        assert_eq!(found[0].location.line, 11);
    }

    #[test]
    fn dictums_in_sequence_agree() {
        let (found, coverage) = run_default("dictum-sequence", &DECREE.replace("{last}", "KELIMA"));
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 4);
    }

    /// "Diktum KESATU" inside a dictum's text is a reference, not a heading;
    /// so is a sentence opening with an ordinal without a colon.
    #[test]
    fn mentions_are_not_headings() {
        let text = DECREE.replace("{last}", "KELIMA").replace(
            "- (1) Memberikan",
            "KETIGA belas hal dalam Diktum KEENAM : memberikan",
        );
        assert!(findings("dictum-sequence", &text).is_empty());
    }

    /// Two decrees, each from KESATU; a run that does not start at KESATU
    /// (the page before is missing) is not judged.
    #[test]
    fn each_decree_is_its_own_sequence() {
        let one = DECREE.replace("{last}", "KELIMA");
        let two = "- KESATU : Tim\n- KEDUA : Tugas\n\nDitetapkan di : Jember\n";
        let cut = "- KETIGA : Biaya\n- KEEMPAT : Berlaku\n";
        let (found, coverage) = run_default("dictum-sequence", &format!("{one}\n{two}\n{cut}"));
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 5);
        assert_eq!(coverage.skipped.values().sum::<usize>(), 2);
    }

    const CITED: &str = "BAB II\n\nBerikut adalah Indikator Kinerja Utama Kecamatan Ledokombo yang ditetapkan berdasarkan Keputusan Camat Ledokombo Nomor {cited} Tahun 2020;\n\nLAMPIRAN\n\nKEPUTUSAN CAMAT LEDOKOMBO\nKABUPATEN JEMBER\n\nNomor : {number}\n\nTENTANG\nINDIKATOR KINERJA UTAMA KECAMATAN LEDOKOMBO\nKABUPATEN JEMBER\n\nMenimbang : a. bahwa perlu menetapkan Keputusan Camat Ledokombo\n";

    fn cited(cited: &str, number: &str) -> String {
        CITED.replace("{cited}", cited).replace("{number}", number)
    }

    #[test]
    fn a_decree_cited_with_another_serial_is_found() {
        let found = findings("decree-number", &cited("05", "065/09 /1.31/2020"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "05 Tahun 2020");
        assert_eq!(found[0].expected, "09 Tahun 2020");
        assert_eq!(found[0].location.line, 3);
        // The year too.
        let found = findings("decree-number", &cited("9", "065/09/1.31/2019"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "09 Tahun 2019");
    }

    #[test]
    fn the_same_serial_written_otherwise_agrees() {
        for (c, n) in [
            ("5", "065/ 05 /35.09.10/2020"),
            ("12", "188.45/12/1.31/2020"),
            ("7", "7 TAHUN 2020"),
        ] {
            let (found, coverage) = run_default("decree-number", &cited(c, n));
            assert!(found.is_empty(), "{c} {n}: {found:#?}");
            assert_eq!(coverage.agree, 1, "{c} {n}");
        }
    }

    /// A number without a known serial, another decree of the same issuer
    /// (another subject), or another issuer: not judged.
    #[test]
    fn what_cannot_be_tied_is_left() {
        let (found, coverage) = run_default("decree-number", &cited("05", "065/IKU/2020"));
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 1);
        let other = cited("05", "065/09/1.31/2020").replace(
            "Indikator Kinerja Utama Kecamatan",
            "Tim penyusun laporan Kecamatan",
        );
        let (found, coverage) = run_default("decree-number", &other);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 1);
        let bupati = cited("05", "065/09/1.31/2020").replace("Keputusan Camat", "Keputusan Bupati");
        assert!(findings("decree-number", &bupati).is_empty());
    }
    #[test]
    fn a_number_gives_its_serial_and_year_by_the_first_form_that_reads_it() {
        use super::{Pattern, Serial};
        let forms = [
            Pattern::lazy(r"(?i)^(?P<serial>\d{1,4})\s+tahun\s+(?P<year>(?:19|20)\d\d)$"),
            Pattern::from(
                crate::pattern::compile(
                    r"^\d{3}\s*/\s*(?P<serial>\d{1,4})\s*/\s*[\d.]+\s*/\s*(?P<year>(?:19|20)\d\d)$",
                )
                .expect("valid"),
            ),
        ];
        let serial = |value, printed: &str, year: &str| Serial {
            value,
            printed: printed.into(),
            year: year.into(),
        };
        assert_eq!(
            Serial::of("5 TAHUN 2020", &forms),
            Some(serial(5, "5", "2020"))
        );
        assert_eq!(
            Serial::of("065/09/1.31/2020", &forms),
            Some(serial(9, "09", "2020"))
        );
        assert_eq!(Serial::of("065/IKU/2020", &forms), None);
    }

    #[test]
    fn a_subject_is_its_first_words_or_nothing() {
        use super::first_words;
        assert_eq!(
            first_words("INDIKATOR KINERJA-utama  Kecamatan", 3).as_deref(),
            Some("INDIKATOR KINERJA UTAMA")
        );
        assert_eq!(first_words("Tim, penyusun", 3), None);
        assert_eq!(first_words("", 1), None);
    }
}
