//! The legal basis ("Dasar Hukum", "Landasan Hukum") of a report for year n
//! names the plans and budgets of year n: an annual plan or budget regulation
//! (RKPD, APBD, its Penjabaran or Perubahan) of an earlier year, or a
//! medium-term plan (RPJMD, Renstra) whose period ended before n, is a list
//! carried over from an older report. A medium-term plan spans about five
//! years: "RPJMD … Tahun 2005-2025" is the long-term plan's period.
//!
//! Only the list under the legal-basis heading is read: running text elsewhere
//! may cite an old plan on purpose ("RPJMD 2008-2013 telah berakhir").
//!
//! With `numbers`, the list is the reference instead: an APBD, its change or
//! Penjabaran, or an RKPD of one year is one regulation, so the text citing it
//! with another number than the list's ("Perda No. 40 Tahun 2016 tentang
//! Perubahan APBD … 2016" beside the list's "Perda Nomor 5 Tahun 2016") is wrong.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use crate::findings::Localized;

use super::common::{Context, Pattern};
use super::regulations::{Cited, CitedText, ITEM_START, Text, ceil, cited_text, drafted, floor};
use super::{Check, Draft, Sink, Why};

/// "Tahun Anggaran 2012", "tahun 2009", "TA 2016": the year an annual plan or budget is for.
static PLAN_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)\b(?:tahun(?:\s+anggaran)?|t\.?\s*a\.?)\s+(?P<year>(?:19|20)\d\d)\b",
    )
    .expect("valid regex")
});
/// "Tahun 2009-2013", "2013 – 2018", "2008- 2013": a plan's period.
static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"\b(?P<from>(?:19|20)\d\d)\s*(?:-|–|—|s\.?\s*/?\s*d\.?|sampai(?:\s+dengan)?)\s*(?P<to>(?:19|20)\d\d)\b",
    )
    .expect("valid regex")
});
/// Where a citation's subject ends: the next item, its gazette entry, its amendment.
static SUBJECT_END: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i);|\(\s*(?:lembaran|berita|tambahan)\b|\bsebagaimana\b|\.\s+(?:\d{1,2}|[a-z])\s*[.)]\s")
        .expect("valid regex")
});
/// "… tentang Perubahan atas": the regulation amended, named inside an item.
static AMENDED: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"(?i)\batas\s*$").expect("valid regex"));
/// A bullet opening a list item: a symbol font's private-use glyph, "•", "-", "➢".
static BULLET: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?:\p{Co}|[•▪►➢❖○●◦*–-])\s*$").expect("valid regex")
});
/// The annual instrument a subject opens with, and the steps before it.
static INSTRUMENT: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)^(?P<steps>(?:(?:penjabaran|perubahan|pertanggungjawaban)(?:\s+pelaksanaan)?\s+)*)(?P<what>anggaran\s+pendapatan\s+dan\s+belanja|apbd\b|rencana\s+kerja\s+pemerintah|rkpd\b)")
        .expect("valid regex")
});
/// "tentang" opening a citation's subject.
static ABOUT: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"(?i)^\s*,?\s*tentang\s+").expect("valid regex"));

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegalBasisParams {
    /// The heading (or the line) opening the legal basis list.
    heading: Pattern,
    /// A line that opens the next section (the list ends before it).
    section: Pattern,
    /// At most this many lines after the heading are read.
    #[serde(default = "lines")]
    max_lines: usize,
    /// A subject naming an annual plan or budget ("Anggaran Pendapatan dan
    /// Belanja Daerah Tahun Anggaran 2016", "Rencana Kerja Pemerintah Daerah").
    annual: Pattern,
    /// An annual subject that accounts for an earlier year (the Pertanggungjawaban
    /// of year n−1's budget is the latest there is when the report is written).
    #[serde(default)]
    accounts: Option<Pattern>,
    /// A subject naming a medium-term plan (RPJMD, Renstra).
    medium: Pattern,
    /// The longest period a medium-term plan has, in years (to − from).
    #[serde(default = "span")]
    max_span: i32,
    /// Instead: an annual budget or plan regulation cited elsewhere with another
    /// number than the list gives it.
    #[serde(default)]
    numbers: bool,
}

fn lines() -> usize {
    400
}

fn span() -> i32 {
    6
}

#[derive(Debug)]
pub struct LegalBasis {
    p: LegalBasisParams,
}

impl LegalBasis {
    pub fn new(p: LegalBasisParams) -> Result<Self, String> {
        Ok(LegalBasis { p })
    }

    /// The line indexes of the legal basis lists: from each heading to the next
    /// section, the chapter's end or `max_lines`.
    fn lists(&self, ctx: &Context<'_, '_>) -> BTreeSet<usize> {
        let lines = &ctx.report.lines;
        let mut inside = BTreeSet::new();
        let mut i = 0;
        while i < lines.len() {
            let l = &lines[i];
            if !self.p.heading.is_match(l.line.text.trim()) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < lines.len()
                && j <= i + self.p.max_lines
                && lines[j].chapter == l.chapter
                && !self.p.section.is_match(lines[j].line.text.trim())
            {
                inside.insert(j);
                j += 1;
            }
            i = j;
        }
        inside
    }
}

const NO_YEAR: Why = Why {
    en: "the report year is not established",
    id: "tahun laporan tidak dapat dipastikan",
};
const NO_LIST: Why = Why {
    en: "no legal basis (Dasar Hukum) list was found",
    id: "daftar dasar hukum tidak ditemukan",
};
const NO_PLAN_YEAR: Why = Why {
    en: "the plan or budget cited names no year or period",
    id: "rencana atau anggaran yang dikutip tidak menyebut tahun atau periodenya",
};
const TWO_LISTED: Why = Why {
    en: "the legal basis lists two regulations for this instrument and year",
    id: "dasar hukum mencantumkan dua peraturan untuk dokumen dan tahun ini",
};
const ENACTED_ELSEWHEN: Why = Why {
    en: "the plan's period does not fit the year its regulation was enacted (the regulation-year rule's)",
    id: "periode rencana tidak sesuai dengan tahun penetapan peraturannya (aturan regulation-year)",
};

impl Check for LegalBasis {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let Some(n) = ctx.year() else {
            out.skip(NO_YEAR);
            return;
        };
        let inside = self.lists(ctx);
        if inside.is_empty() {
            out.skip(NO_LIST);
            return;
        }
        let CitedText { doc, cited } = cited_text(ctx);
        let text = &doc.text;
        if self.p.numbers {
            self.numbers(ctx, doc, cited, &inside, out);
            return;
        }
        // A regulation named again in its own item (amended, "Perubahan atas …") is reported once.
        let mut seen: BTreeSet<(String, u32, i32)> = BTreeSet::new();
        for (i, c) in cited.iter().enumerate() {
            let (line, _) = doc.locate(ctx, c.start, &c.shown);
            if !inside.contains(&line) || drafted(text, c.start) || !item_own(text, c) {
                continue;
            }
            let Some((from, subject)) = subject_of(text, cited, i) else {
                continue;
            };
            let key = (c.kind.clone(), c.number, c.year);
            let draft = if self.p.annual.is_match(subject) {
                self.annual(ctx, doc, c, from, subject, n)
            } else if self.p.medium.is_match(subject) {
                self.medium(ctx, doc, c, from, subject, n)
            } else {
                continue;
            };
            match draft {
                Ok(Some(d)) => {
                    if seen.insert(key) {
                        out.push(d);
                    }
                }
                Ok(None) => out.agree(),
                Err(why) => out.skip(why),
            }
        }
    }
}

/// Whether a citation is a list item's own regulation, or the one it amends:
/// not one a sentence mentions.
fn item_own(text: &str, c: &Cited) -> bool {
    let lead = lead(text, c);
    ITEM_START.is_match(lead) || AMENDED.is_match(lead) || BULLET.is_match(lead)
}

/// The few bytes before a citation, where an item marker or "Perubahan atas" stands.
fn lead<'t>(text: &'t str, c: &Cited) -> &'t str {
    &text[floor(text, c.start.saturating_sub(12))..c.start]
}

/// The subject of citation `i` ("tentang …"): where it starts and its text, up to
/// the next citation, the item's end or 300 bytes.
fn subject_of<'t>(text: &'t str, cited: &[Cited], i: usize) -> Option<(usize, &'t str)> {
    let c = cited.get(i)?;
    let about = ABOUT.find(&text[c.end..])?;
    let from = c.end + about.end();
    let mut to = ceil(text, (from + 300).min(text.len()));
    if let Some(next) = cited.get(i + 1) {
        to = to.min(next.start.max(from));
    }
    let subject = &text[from..to];
    let subject = SUBJECT_END
        .find(subject)
        .map_or(subject, |e| &subject[..e.start()]);
    Some((from, subject))
}

/// "Perubahan Anggaran Pendapatan dan Belanja Daerah … Tahun Anggaran 2016": which
/// annual budget or plan instrument of which year ("perubahan apbd", 2016), with the
/// regulation's kind: one regulation a year is that instrument.
fn instrument(c: &Cited, subject: &str) -> Option<(String, String, i32)> {
    let m = INSTRUMENT.captures(subject)?;
    let steps: Vec<String> = m
        .name("steps")
        .map_or("", |s| s.as_str())
        .split_whitespace()
        .map(str::to_lowercase)
        .filter(|w| w != "pelaksanaan")
        .collect();
    let what = m.name("what")?.as_str().to_lowercase();
    let class = if what.starts_with('a') {
        "apbd"
    } else {
        "rkpd"
    };
    let year = PLAN_YEAR
        .captures(subject)?
        .name("year")?
        .as_str()
        .parse()
        .ok()?;
    Some((c.kind.clone(), format!("{} {class}", steps.join(" ")), year))
}

impl LegalBasis {
    /// An annual budget or plan regulation cited outside the legal basis list with
    /// another number or year than the list gives the same instrument of the same year.
    fn numbers(
        &self,
        ctx: &Context<'_, '_>,
        doc: &Text,
        cited: &[Cited],
        inside: &BTreeSet<usize>,
        out: &mut Sink,
    ) {
        let text = &doc.text;
        let mut listed: BTreeMap<(String, String, i32), Vec<usize>> = BTreeMap::new();
        let mut elsewhere = Vec::new();
        for (i, c) in cited.iter().enumerate() {
            if drafted(text, c.start) {
                continue;
            }
            let Some(key) = subject_of(text, cited, i).and_then(|(_, s)| instrument(c, s)) else {
                continue;
            };
            let (line, _) = doc.locate(ctx, c.start, &c.shown);
            if inside.contains(&line) {
                if item_own(text, c) && !AMENDED.is_match(lead(text, c)) {
                    listed.entry(key).or_default().push(i);
                }
            } else {
                elsewhere.push((i, key, line));
            }
        }
        for (i, key, line) in elsewhere {
            let Some(items) = listed.get(&key) else {
                continue;
            };
            let c = &cited[i];
            let mut ids: Vec<(u32, i32)> = items
                .iter()
                .map(|&j| (cited[j].number, cited[j].year))
                .collect();
            ids.sort_unstable();
            ids.dedup();
            if ids.len() != 1 {
                out.skip(TWO_LISTED);
                continue;
            }
            if ids[0] == (c.number, c.year) {
                out.agree();
                continue;
            }
            let l = &cited[items[0]];
            let (_, highlight) = doc.locate(ctx, c.start, &c.shown);
            out.push(
                Draft {
                    line,
                    stated: c.shown.clone(),
                    expected: l.shown.clone(),
                    computation: Localized::new(
                        format!(
                            "dasar hukum mencantumkan {} untuk {} tahun {}; {} ≠ {}",
                            l.shown, key.1, key.2, c.shown, l.shown
                        ),
                        format!(
                            "the legal basis lists {} for the {} of {}; {} ≠ {}",
                            l.shown, key.1, key.2, c.shown, l.shown
                        ),
                    ),
                    highlight,
                    ..Default::default()
                }
                .var(
                    "what",
                    Localized::new(
                        format!(
                            "dasar hukum menyebut {} tahun {} sebagai \"{}\"",
                            key.1, key.2, l.shown
                        ),
                        format!(
                            "the legal basis names the {} of {} \"{}\"",
                            key.1, key.2, l.shown
                        ),
                    ),
                ),
            );
        }
    }
}

/// The finding's stated text: the citation and its subject up to the year or period.
fn stated(c: &Cited, subject: &str, end: usize) -> String {
    let words: Vec<&str> = subject[..end].split_whitespace().collect();
    format!("{} tentang {}", c.shown, words.join(" "))
}

impl LegalBasis {
    /// An annual plan or budget: of year n (the accounts of year n−1 also).
    fn annual(
        &self,
        ctx: &Context<'_, '_>,
        doc: &Text,
        c: &Cited,
        from: usize,
        subject: &str,
        n: i32,
    ) -> Result<Option<Draft>, Why> {
        let y = PLAN_YEAR
            .captures(subject)
            .and_then(|m| m.name("year"))
            .ok_or(NO_PLAN_YEAR)?;
        let year: i32 = y.as_str().parse().map_err(|_| NO_PLAN_YEAR)?;
        let lag = i32::from(
            self.p
                .accounts
                .as_ref()
                .is_some_and(|a| a.is_match(subject)),
        );
        if year >= n - lag {
            return Ok(None);
        }
        let (line, highlight) = doc.locate(ctx, from + y.start(), y.as_str());
        Ok(Some(
            Draft {
                line,
                stated: stated(c, subject, y.end()),
                expected: format!("Tahun {n}"),
                computation: Localized::new(
                    format!(
                        "dasar hukum laporan tahun {n} mengutip rencana/anggaran tahunan tahun {year} ({year} < {n})"
                    ),
                    format!(
                        "the legal basis of a report for {n} cites the annual plan or budget of {year} ({year} < {n})"
                    ),
                ),
                highlight,
                ..Default::default()
            }
            .var(
                "what",
                Localized::new(
                    format!("rencana/anggaran tahunan tahun {year}, bukan tahun laporan {n}"),
                    format!("the annual plan or budget of {year}, not of the report year {n}"),
                ),
            ),
        ))
    }

    /// A medium-term plan: a period of about five years containing n.
    fn medium(
        &self,
        ctx: &Context<'_, '_>,
        doc: &Text,
        c: &Cited,
        from: usize,
        subject: &str,
        n: i32,
    ) -> Result<Option<Draft>, Why> {
        let p = PERIOD.captures(subject).ok_or(NO_PLAN_YEAR)?;
        let (Some(a), Some(b), Some(whole)) = (p.name("from"), p.name("to"), p.get(0)) else {
            return Err(NO_PLAN_YEAR);
        };
        let (start, end): (i32, i32) = match (a.as_str().parse(), b.as_str().parse()) {
            (Ok(s), Ok(e)) => (s, e),
            _ => return Err(NO_PLAN_YEAR),
        };
        let shown = &subject[whole.start()..whole.end()];
        let (line, highlight) = doc.locate(ctx, from + whole.start(), shown);
        let draft = |expected: String, what: Localized, computation: Localized| {
            Draft {
                line,
                stated: stated(c, subject, whole.end()),
                expected,
                computation,
                highlight,
                ..Default::default()
            }
            .var("what", what)
        };
        if end - start > self.p.max_span {
            return Ok(Some(draft(
                format!("periode ±5 tahun (≤ {})", self.p.max_span),
                Localized::new(
                    format!("rencana jangka menengah tidak berperiode {start}-{end}"),
                    format!("a medium-term plan has no period {start}-{end}"),
                ),
                Localized::new(
                    format!(
                        "rencana jangka menengah berperiode sekitar 5 tahun; {end} − {start} = {} tahun (periode rencana jangka panjang)",
                        end - start
                    ),
                    format!(
                        "a medium-term plan spans about 5 years; {end} − {start} = {} years (a long-term plan's period)",
                        end - start
                    ),
                ),
            )));
        }
        if n <= end {
            return Ok(None);
        }
        // Enacted when its period starts: an old plan, not a mistyped period.
        if (c.year - start).abs() > 1 {
            return Err(ENACTED_ELSEWHEN);
        }
        Ok(Some(draft(
            format!("periode yang memuat {n}"),
            Localized::new(
                format!("rencana periode {start}-{end} sudah berakhir sebelum tahun laporan {n}"),
                format!("the plan for {start}-{end} ended before the report year {n}"),
            ),
            Localized::new(
                format!(
                    "dasar hukum laporan tahun {n} mengutip rencana jangka menengah {start}-{end}: {end} < {n}"
                ),
                format!(
                    "the legal basis of a report for {n} cites the medium-term plan for {start}-{end}: {end} < {n}"
                ),
            ),
        )))
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::checks::testing::{findings, run_default};

    const HEAD: &str = "KATA PENGANTAR\n\nLaporan Kinerja Instansi Pemerintah Dinas Contoh Tahun 2016 disusun. Laporan Kinerja Dinas Contoh Tahun 2016 memuat capaian.\n\nBAB I PENDAHULUAN\n\n";

    fn list(items: &[&str]) -> String {
        let mut t = format!("{HEAD}1.2 Dasar Hukum\n\n");
        for (i, item) in items.iter().enumerate() {
            t.push_str(&format!("{}. {item}\n", i + 1));
        }
        t.push_str("\n1.3 Maksud dan Tujuan\n\nSesuai Peraturan Daerah Nomor 2 Tahun 2009 tentang RPJMD Tahun 2008-2013 yang telah berakhir, kami menyusun rencana baru.\n");
        t
    }

    #[test]
    fn budgets_and_plans_of_earlier_years_in_the_legal_basis_are_found() {
        let text = list(&[
            "Peraturan Daerah Provinsi Jawa Barat Nomor 23 Tahun 2011 tentang Anggaran Pendapatan dan Belanja Daerah Tahun Anggaran 2012 (Lembaran Daerah Tahun 2011 Nomor 23);",
            "Peraturan Gubernur Jawa Barat Nomor 31 Tahun 2013 tentang Perubahan atas Peraturan Gubernur Jawa Barat Nomor 27 Tahun 2012 tentang Rencana Kerja Pemerintah Daerah (RKPD) Provinsi Jawa Barat Tahun 2014;",
            "Peraturan Daerah Provinsi Jawa Barat Nomor 2 Tahun 2009, tentang Rencana Pembangunan Jangka Menengah Daerah Transisi Provinsi Jawa Barat Tahun 2009-2013;",
            "Peraturan Daerah Kabupaten Contoh Nomor 09 Tahun 2011 tentang RPJMD Kabupaten Contoh Tahun 2005-2025;",
            "\u{f0a7} Peraturan Presiden Republik Indonesia Nomor 7 Tahun 2005 tentang Rencana Pembangunan Jangka Menengah Nasional Tahun 2004 – 2009.",
        ]);
        let found = findings("stale-legal-basis", &text);
        let stated: Vec<&str> = found.iter().map(|f| f.stated.as_str()).collect();
        assert_eq!(
            stated,
            [
                "Peraturan Daerah Provinsi Jawa Barat Nomor 23 Tahun 2011 tentang Anggaran Pendapatan dan Belanja Daerah Tahun Anggaran 2012",
                "Peraturan Gubernur Jawa Barat Nomor 27 Tahun 2012 tentang Rencana Kerja Pemerintah Daerah (RKPD) Provinsi Jawa Barat Tahun 2014",
                "Peraturan Daerah Provinsi Jawa Barat Nomor 2 Tahun 2009 tentang Rencana Pembangunan Jangka Menengah Daerah Transisi Provinsi Jawa Barat Tahun 2009-2013",
                "Peraturan Daerah Kabupaten Contoh Nomor 09 Tahun 2011 tentang RPJMD Kabupaten Contoh Tahun 2005-2025",
                "Peraturan Presiden Republik Indonesia Nomor 7 Tahun 2005 tentang Rencana Pembangunan Jangka Menengah Nasional Tahun 2004 – 2009",
            ],
            "{found:#?}"
        );
        assert_eq!(found[0].expected, "Tahun 2016");
    }

    #[test]
    fn plans_of_the_report_year_history_and_mistyped_periods_are_not_found() {
        let text = list(&[
            "Peraturan Daerah Provinsi Jawa Barat Nomor 10 Tahun 2015 tentang Anggaran Pendapatan dan Belanja Daerah Tahun 2016;",
            "Peraturan Gubernur Jawa Barat Nomor 54 Tahun 2015 tentang Rencana Kerja Pemerintah Daerah (RKPD) Provinsi Jawa Barat Tahun 2016;",
            "Peraturan Daerah Nomor 25 Tahun 2013 tentang Rencana Pembangunan Jangka Menengah Daerah Provinsi Jawa Barat Tahun 2013 – 2018;",
            "Peraturan Daerah Nomor 9 Tahun 2008 tentang Rencana Pembangunan Jangka Panjang Daerah Tahun 2005-2025;",
            "Peraturan Daerah Nomor 14 Tahun 2016 tentang Pertanggungjawaban Pelaksanaan Anggaran Pendapatan dan Belanja Daerah Tahun Anggaran 2015;",
            // A period mistyped in its citation: the regulation-year rule's.
            "Peraturan Daerah Nomor 25 Tahun 2013 tentang Rencana Pembangunan Jangka Menengah Daerah Tahun 2008-2013;",
            "Rancangan Peraturan Daerah Nomor 3 Tahun 2011 tentang APBD Tahun Anggaran 2012;",
            // Mentioned in a sentence, not the item's own regulation.
            "Dokumen ini membandingkan pula Peraturan Gubernur Nomor 33 Tahun 2009 tentang RKPD tahun 2009.",
        ]);
        let (found, coverage) = run_default("stale-legal-basis", &text);
        assert!(found.is_empty(), "{found:#?}");
        // The long-term plan is neither kind; the mistyped period is left.
        assert_eq!(coverage.agree, 4, "{coverage:#?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 1, "{coverage:#?}");
    }

    #[test]
    fn without_a_legal_basis_heading_nothing_is_read() {
        let text = format!(
            "{HEAD}Sesuai Peraturan Gubernur Nomor 33 Tahun 2009 tentang Rencana Kerja Pemerintah Daerah tahun 2009 kami dahulu bekerja.\n"
        );
        let (found, coverage) = run_default("stale-legal-basis", &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.len(), 1, "{coverage:#?}");
    }
    #[test]
    fn a_budget_regulation_cited_with_another_number_than_the_legal_basis_gives_is_found() {
        let mut text = list(&[
            "Peraturan Daerah Provinsi Jawa Barat Nomor 10 Tahun 2015 tentang Anggaran Pendapatan dan Belanja Daerah Tahun 2016;",
            "Peraturan Daerah Provinsi Jawa Barat Nomor 5 Tahun 2016 tentang perubahan Anggaran Pendapatan dan Belanja Daerah Tahun Anggaran 2016 (Lembaran Daerah Tahun 2016 Nomor Seri A);",
            "Peraturan Gubernur Jawa Barat No. 40 Tahun 2016 tentang Penjabaran Perubahan APBD Provinsi Jawa Barat Tahun Anggaran 2016.",
        ]);
        text.push_str("\n2.4 Sasaran Strategis\n\nDengan merujuk kepada Peraturan Daerah Provinsi Jawa Barat No. 40 Tahun 2016 tentang Perubahan Anggaran Pendapatan dan Belanja Daerah (APBD) Provinsi Jawa Barat Tahun Anggaran 2016, ditetapkan sasaran. Sesuai Peraturan Daerah Provinsi Jawa Barat Nomor 10 Tahun 2015 tentang APBD Tahun Anggaran 2016 kami bekerja.\n");
        let (found, coverage) = run_default("budget-regulation-number", &text);
        let pairs: Vec<(&str, &str)> = found
            .iter()
            .map(|f| (f.stated.as_str(), f.expected.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [(
                "Peraturan Daerah Provinsi Jawa Barat No. 40 Tahun 2016",
                "Peraturan Daerah Provinsi Jawa Barat Nomor 5 Tahun 2016"
            )],
            "{found:#?}"
        );
        assert_eq!(coverage.agree, 1, "{coverage:#?}");
        // The stale check reads the same list and finds nothing here.
        assert!(findings("stale-legal-basis", &text).is_empty());
    }
}
