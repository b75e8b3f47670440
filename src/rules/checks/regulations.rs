//! Regulations cited with a year that cannot be theirs: the same regulation
//! (type, number, subject) cited elsewhere in the report with another year,
//! a year after the report was written, a Lembaran Negara/Daerah year that
//! differs from the regulation's own, an amendment older than the law it
//! amends, and the well-known regulations every LKjIP cites (rule data).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use crate::findings::Localized;

use super::common::{Context, Pattern};
use super::{Check, Draft, Sink, Why};

/// "Undang-Undang Nomor 17 Tahun 2003", "PP No. 8/2006", "Peraturan Menteri
/// Dalam Negeri Nomor 54 Tahun 2010": the type, the words between (issuer,
/// region), the number and the year. The words between hold no digit. Its
/// word boundaries are ASCII's (`crate::pattern`), so the fast engine reads a
/// whole report's text past its curly quotes and dashes.
static CITATION: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(&format!(
        r"(?i)\b(?P<type>{KINDS})\b(?P<mid>[^.;:0-9]{{0,90}}?)\b(?:nomor|no\.?)\s*:?\s*(?P<num>\d{{1,4}})\s*(?:,\s*)?(?:tahun\s+|/\s*)(?P<year>(?:19|20)\d\d)\b",
    ))
    .expect("valid regex")
});
/// The kinds of regulation a citation names, full and abbreviated.
const KINDS: &str = r"undang\s*[-–—]?\s*undang|uu|peraturan\s+pemerintah|pp|peraturan\s+presiden|perpres|instruksi\s+presiden|inpres|keputusan\s+presiden|keppres|peraturan\s+menteri|permen[a-z]*|keputusan\s+menteri|kepmen[a-z]*|peraturan\s+daerah|perda|peraturan\s+gubernur|pergub|peraturan\s+bupati|perbup|peraturan\s+wali\s*kota|perwal";
/// "Peraturan Gubernur Nomor 45 tentang …": a plain number followed by its
/// subject, with no year after the number (nor a year among the words before it).
static WITHOUT_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(&format!(
        r"(?i)\b(?P<type>{KINDS})\b(?P<mid>[^.;:0-9]{{0,90}}?)\b(?:nomor|no\.?)\s*:?\s*(?P<num>\d{{1,4}})\s*,?\s*tentang\b",
    ))
    .expect("valid regex")
});

/// "tentang Pemerintahan Daerah": the subject after a citation.
static SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)^\s*,?\s*tentang\s+(?P<subject>[^;()]{3,200})")
        .expect("valid regex")
});
/// "(Lembaran Negara Republik Indonesia Tahun 2008 Nomor 21": the year the
/// regulation was promulgated in, right after its subject.
static GAZETTE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)\(\s*(?:lembaran|berita)\s+(?:negara|daerah)[^()]{0,70}?\btahun\s+(?P<year>(?:19|20)\d\d)\b")
        .expect("valid regex")
});
/// "… sebagaimana telah diubah beberapa kali, terakhir dengan": the next citation amends this one.
static AMENDED_BY: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)sebagaimana\s+(?:telah\s+)?(?:beberapa\s+kali\s+)?(?:di\s*ubah|diganti)(?:\s+(?:beberapa\s+kali|untuk\s+\S+\s+kali|terakhir))?\s*,?\s*(?:(?:dan\s+)?terakhir\s+)?(?:dengan|oleh|melalui)\s*$")
        .expect("valid regex")
});
/// "tentang Perubahan (Kedua) atas": this citation amends the next one.
static AMENDS: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)^\s*,?\s*tentang\s+perubahan\s+(?:\S+\s+)?atas\s*$")
        .expect("valid regex")
});
/// The start of a list item or sentence: a citation here is the item's own,
/// and the gazette entry that follows is its own ("16) Peraturan …", "; Undang-Undang …").
pub(super) static ITEM_START: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)(?:^|[;:.]|\b\d{1,2}\s*[.)]|(?:^|\s)[a-z]\s*[.)]|\bdan|\bserta|\bdengan)\s*$",
    )
    .expect("valid regex")
});
/// A medium-term plan named as a regulation's subject ("tentang Rencana Pembangunan Jangka Menengah Daerah …").
static PLAN_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)^(?:rencana\s+pembangunan\s+jangka\s+menengah|RPJM|rencana\s+strategis|renstra)\b",
    )
    .expect("valid regex")
});
/// "2013-2018", "2013 – 2018", "2013 s.d. 2018".
static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"\b((?:19|20)\d\d)\s*(?:-|–|—|s\.?\s*/?\s*d\.?|sampai(?:\s+dengan)?)\s*((?:19|20)\d\d)\b",
    )
    .expect("valid regex")
});
/// A draft or plan, not an enacted regulation ("Rancangan Peraturan Daerah").
static DRAFT: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)\b(?:rancangan|raperda|ranperda|draft|draf|konsep|usulan)\s*$")
        .expect("valid regex")
});

/// Whether the citation starting at `start` is of a draft ("Rancangan …").
pub(super) fn drafted(text: &str, start: usize) -> bool {
    DRAFT.is_match(&text[floor(text, start.saturating_sub(25))..start])
}

/// A regulation every report cites, with its year (rule data).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Known {
    /// "uu", "pp", "perpres", "inpres", "permendagri", "permenpan", "perda", …
    #[serde(rename = "type")]
    kind: String,
    number: u32,
    year: i32,
    /// What its subject ("tentang …") says.
    subject: Pattern,
    name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegulationParams {
    #[serde(default)]
    known: Vec<Known>,
    /// Citations another rule checks (citation-year): left to it.
    #[serde(default)]
    leave: Option<Pattern>,
    /// Years after n a cited regulation may have (the report is written in n+1).
    #[serde(default = "one")]
    after_n: i32,
}

fn one() -> i32 {
    1
}

#[derive(Debug)]
pub struct Regulations {
    p: RegulationParams,
}

impl Regulations {
    pub fn new(p: RegulationParams) -> Result<Self, String> {
        Ok(Regulations { p })
    }
}

const NO_YEAR: Why = Why {
    en: "the report year is not established",
    id: "tahun laporan tidak dapat dipastikan",
};
const LEFT: Why = Why {
    en: "the citation's year is checked by the citation-year rule",
    id: "tahun kutipan ini diperiksa aturan citation-year",
};
const NO_MAJORITY: Why = Why {
    en: "the same regulation is cited with two years equally often",
    id: "peraturan yang sama dikutip dengan dua tahun sama seringnya",
};
const GAZETTE_OF_ANOTHER: Why = Why {
    en: "another regulation or an amendment is named before the gazette entry",
    id: "peraturan lain atau perubahannya disebut sebelum keterangan lembaran negara/daerah",
};

/// The report's text and the regulations it cites, read once per report for
/// every rule that needs them (the citation search is among the costliest).
pub(super) struct CitedText {
    pub(super) doc: Text,
    pub(super) cited: Vec<Cited>,
}

/// The report's [`CitedText`], read on first use.
pub(super) fn cited_text<'c>(ctx: &'c Context<'_, '_>) -> &'c CitedText {
    ctx.citations.get_or_init(|| {
        let doc = Text::of(ctx);
        let cited = citations(&doc.text);
        CitedText { doc, cited }
    })
}

/// The whole text of the report, every line (prose, lists read as cells,
/// tables) with runs of white space made one space, and where each line starts.
pub(super) struct Text {
    pub(super) text: String,
    /// (byte offset in `text`, line index).
    starts: Vec<(usize, usize)>,
}

impl Text {
    pub(super) fn of(ctx: &Context<'_, '_>) -> Text {
        let mut text = String::new();
        let mut starts = Vec::new();
        for l in &ctx.report.lines {
            if l.line.is_blank() {
                continue;
            }
            if !text.is_empty() {
                text.push(' ');
            }
            starts.push((text.len(), l.index));
            let words: Vec<&str> = l.line.text.split_whitespace().collect();
            text.push_str(&words.join(" "));
        }
        Text { text, starts }
    }

    /// The line holding byte `at`, and the byte range of `shown` in that line's own text.
    pub(super) fn locate(
        &self,
        ctx: &Context<'_, '_>,
        at: usize,
        shown: &str,
    ) -> (usize, Option<(usize, usize)>) {
        let i = self.starts.partition_point(|(o, _)| *o <= at).max(1) - 1;
        let Some(&(start, line)) = self.starts.get(i) else {
            return (0, None);
        };
        let own = &ctx.report.lines[line].line.text;
        // The how-manieth occurrence of `shown` in the collapsed line, found again in the line.
        let before = self.text.get(start..at).unwrap_or("");
        let nth = before.matches(shown).count();
        let hit = own
            .match_indices(shown)
            .nth(nth)
            .map(|(a, _)| (a, a + shown.len()));
        (line, hit)
    }
}

/// One citation: where, what and which year.
#[derive(Debug, Clone)]
pub(super) struct Cited {
    pub(super) start: usize,
    pub(super) end: usize,
    year_at: usize,
    pub(super) kind: String,
    pub(super) number: u32,
    pub(super) year: i32,
    year_text: String,
    /// The first words of its subject, lower case (empty when none follows).
    subject: String,
    subject_text: String,
    pub(super) shown: String,
}

fn kind_of(kind: &str, mid: &str) -> String {
    let k = kind.to_lowercase();
    let k: String = k.split_whitespace().collect::<Vec<_>>().join(" ");
    let mid = mid.to_lowercase();
    let by_issuer = |base: &str| {
        if mid.contains("dalam negeri") || k.contains("dagri") {
            format!("{base}dagri")
        } else if mid.contains("aparatur") || k.contains("pan") {
            format!("{base}pan")
        } else if mid.contains("keuangan") || k.contains("keu") {
            format!("{base}keu")
        } else {
            let words: Vec<&str> = mid.split_whitespace().take(4).collect();
            format!("{base}:{}", words.join(" "))
        }
    };
    match k.as_str() {
        "uu" => "uu".into(),
        s if s.starts_with("undang") => "uu".into(),
        "pp" | "peraturan pemerintah" => "pp".into(),
        "perpres" | "peraturan presiden" => "perpres".into(),
        "inpres" | "instruksi presiden" => "inpres".into(),
        "keppres" | "keputusan presiden" => "keppres".into(),
        "perda" | "peraturan daerah" => "perda".into(),
        "pergub" | "peraturan gubernur" => "pergub".into(),
        "perbup" | "peraturan bupati" => "perbup".into(),
        s if s.starts_with("perwal") || s.starts_with("peraturan wali") => "perwal".into(),
        s if s.starts_with("kepmen") || s.starts_with("keputusan menteri") => by_issuer("kepmen"),
        _ => by_issuer("permen"),
    }
}

fn subject_key(subject: &str) -> String {
    subject
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn citations(text: &str) -> Vec<Cited> {
    let mut out = Vec::new();
    for c in CITATION.captures_iter(text) {
        let (Some(whole), Some(t), Some(num), Some(y)) =
            (c.get(0), c.name("type"), c.name("num"), c.name("year"))
        else {
            continue;
        };
        let (Ok(number), Ok(year)) = (num.as_str().parse::<u32>(), y.as_str().parse::<i32>())
        else {
            continue;
        };
        let mid = c.name("mid").map_or("", |m| m.as_str());
        let tail_end = floor(text, (whole.end() + 240).min(text.len()));
        let subject_text = SUBJECT
            .captures(&text[whole.end()..tail_end])
            .and_then(|s| s.name("subject"))
            .map(|s| {
                // Up to the next citation.
                let s = s.as_str();
                let s = CITATION.find(s).map_or(s, |n| &s[..n.start()]);
                // A short subject to show: up to 100 bytes, on a word.
                let s = if s.len() > 100 {
                    s[..floor(s, 100)].rsplit_once(' ').map_or(s, |(a, _)| a)
                } else {
                    s
                };
                s.trim().to_string()
            })
            .unwrap_or_default();
        out.push(Cited {
            start: whole.start(),
            end: whole.end(),
            year_at: y.start(),
            kind: kind_of(t.as_str(), mid),
            number,
            year,
            year_text: y.as_str().to_string(),
            subject: subject_key(&subject_text),
            subject_text,
            shown: whole.as_str().to_string(),
        });
    }
    out
}

pub(super) fn floor(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

pub(super) fn ceil(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

impl Cited {
    /// The finding on this citation's year: `what` is wrong with it, and how that was computed.
    fn draft(
        &self,
        ctx: &Context<'_, '_>,
        doc: &Text,
        expected: String,
        what: Localized,
        computation: Localized,
    ) -> Draft {
        let (line, highlight) = doc.locate(ctx, self.year_at, &self.year_text);
        Draft {
            line,
            stated: self.shown.clone(),
            expected,
            computation,
            highlight,
            ..Default::default()
        }
        .var("what", what)
    }
}

/// The citations of a report and what the stages found about each.
struct Citations<'a> {
    doc: &'a Text,
    cited: &'a [Cited],
    /// A finding was made on it (or it is another rule's): later stages leave it.
    flagged: Vec<bool>,
    /// Its own gazette entry gives the same year.
    confirmed: Vec<bool>,
}

impl Regulations {
    /// Stage 1: The well-known regulations (rules file) cited with another year.
    fn known_years(&self, ctx: &Context<'_, '_>, s: &mut Citations<'_>, out: &mut Sink) {
        let Citations {
            doc,
            cited,
            flagged,
            ..
        } = s;
        for (i, c) in cited.iter().enumerate() {
            if flagged[i] {
                continue;
            }
            for k in &self.p.known {
                if k.kind != c.kind || k.number != c.number || !k.subject.is_match(&c.subject_text)
                {
                    continue;
                }
                if k.year == c.year {
                    out.agree();
                    continue;
                }
                flagged[i] = true;
                out.push(c.draft(
                    ctx,
                    doc,
                    format!("Tahun {}", k.year),
                    Localized::new(
                        format!("{} ditetapkan tahun {}", k.name, k.year),
                        format!("{} was issued in {}", k.name, k.year),
                    ),
                    Localized::new(
                        format!("{} adalah peraturan tahun {}", k.name, k.year),
                        format!("{} is of {}", k.name, k.year),
                    ),
                ));
            }
        }
    }

    /// Stage 0: A well-known regulation's number and year cited with the
    /// title ("tentang …") of another well-known regulation of its type
    /// ("Nomor 53 Tahun 2014 tentang Pedoman Penyusunan Penetapan Kinerja",
    /// the title of PermenPAN 29/2010). Runs on every citation: those whose
    /// year is left to another rule have a title too.
    /// Returns, per citation, whether it was reported.
    fn known_titles(
        &self,
        ctx: &Context<'_, '_>,
        doc: &Text,
        cited: &[Cited],
        out: &mut Sink,
    ) -> Vec<bool> {
        let mut flagged = vec![false; cited.len()];
        for (i, c) in cited.iter().enumerate() {
            if c.subject_text.split_whitespace().count() < 3 {
                continue;
            }
            let same = |k: &&Known| k.kind == c.kind && k.number == c.number && k.year == c.year;
            let Some(own) = self.p.known.iter().find(same) else {
                continue;
            };
            if own.subject.is_match(&c.subject_text) {
                out.agree();
                continue;
            }
            let Some(other) = self.p.known.iter().find(|k| {
                k.kind == c.kind && k.number != c.number && k.subject.is_match(&c.subject_text)
            }) else {
                continue;
            };
            flagged[i] = true;
            let (line, highlight) = doc.locate(ctx, c.start, &c.shown);
            // The title's first words: a subject runs on to the next citation.
            let words: Vec<&str> = c.subject_text.split_whitespace().collect();
            let title = match words.get(..8) {
                Some(first) if words.len() > 8 => format!("{} …", first.join(" ")),
                _ => words.join(" "),
            };
            let stated = format!("{} tentang {title}", c.shown);
            out.push(
                Draft {
                    line,
                    stated,
                    expected: own.name.clone(),
                    computation: Localized::new(
                        format!(
                            "Nomor {} Tahun {} adalah {}; judul \"{title}\" adalah judul {}",
                            own.number, own.year, own.name, other.name
                        ),
                        format!(
                            "Number {} of {} is {}; the title \"{title}\" is that of {}",
                            own.number, own.year, own.name, other.name
                        ),
                    ),
                    highlight,
                    ..Default::default()
                }
                .var(
                    "what",
                    Localized::new(
                        format!("judul ini milik {}", other.name),
                        format!("this title is that of {}", other.name),
                    ),
                ),
            );
        }
        flagged
    }

    /// Stage 2: A year after the report was written.
    fn after_the_report(&self, ctx: &Context<'_, '_>, s: &mut Citations<'_>, out: &mut Sink) {
        let Citations {
            doc,
            cited,
            flagged,
            ..
        } = s;
        let text = &doc.text;
        match ctx.year() {
            None => out.skip(NO_YEAR),
            Some(n) => {
                for (i, c) in cited.iter().enumerate() {
                    if flagged[i] {
                        continue;
                    }
                    if drafted(text, c.start) {
                        continue;
                    }
                    if c.year <= n + self.p.after_n {
                        continue;
                    }
                    flagged[i] = true;
                    // The same regulation cited elsewhere with a possible year.
                    let other = cited.iter().find(|o| {
                        o.kind == c.kind
                            && o.number == c.number
                            && !c.subject.is_empty()
                            && o.subject == c.subject
                            && o.year <= n + self.p.after_n
                    });
                    let expected = other.map_or(format!("≤ {}", n + self.p.after_n), |o| {
                        format!("Tahun {}", o.year)
                    });
                    let also =
                        other.map_or(String::new(), |o| format!("; dikutip juga \"{}\"", o.shown));
                    let also_en = other.map_or(String::new(), |o| {
                        format!("; also cited as \"{}\"", o.shown)
                    });
                    out.push(c.draft(
                        ctx,
                        doc,
                        expected,
                        Localized::new(
                            format!("tahun {} sesudah laporan tahun {n} ditulis", c.year),
                            format!("the year {} is after the {n} report was written", c.year),
                        ),
                        Localized::new(
                            format!(
                                "laporan tahun {n} ditulis paling lambat {}; {} > {}{also}",
                                n + self.p.after_n,
                                c.year,
                                n + self.p.after_n
                            ),
                            format!(
                                "a report for {n} is written by {}; {} > {}{also_en}",
                                n + self.p.after_n,
                                c.year,
                                n + self.p.after_n
                            ),
                        ),
                    ));
                }
            }
        }
    }

    /// Stage 3: The gazette year in the same citation; stage 4: an amendment older
    /// than the regulation it amends. Citation by citation, the two in turn:
    /// what one flags the other leaves.
    fn gazettes_and_amendments(
        &self,
        ctx: &Context<'_, '_>,
        s: &mut Citations<'_>,
        out: &mut Sink,
    ) {
        for i in 0..s.cited.len() {
            gazette(ctx, s, i, out);
            amendment(ctx, s, i, out);
        }
    }

    /// Stage 6: A regulation setting a medium-term plan is enacted about when the plan
    /// starts ("Perda Nomor 25 Tahun 2013 tentang RPJMD … 2008-2013" cannot be).
    /// Running text is the plan-period rule's; this reads lists and tables.
    fn plan_enactments(&self, ctx: &Context<'_, '_>, s: &mut Citations<'_>, out: &mut Sink) {
        let Citations {
            doc,
            cited,
            flagged,
            ..
        } = s;
        for (i, c) in cited.iter().enumerate() {
            if flagged[i] || !PLAN_SUBJECT.is_match(&c.subject_text) {
                continue;
            }
            let (line, _) = doc.locate(ctx, c.year_at, &c.year_text);
            if ctx.report.lines.get(line).is_none_or(|l| l.is_prose()) {
                continue;
            }
            let Some(p) = PERIOD.captures(&c.subject_text) else {
                continue;
            };
            let (Ok(from), Ok(to)) = (p[1].parse::<i32>(), p[2].parse::<i32>()) else {
                continue;
            };
            if !(3..=6).contains(&(to - from)) {
                continue;
            }
            if (c.year - from).abs() <= 1 {
                out.agree();
                continue;
            }
            flagged[i] = true;
            out.push(c.draft(
                ctx,
                doc,
                format!("{}-{}", c.year, c.year + (to - from)),
                Localized::new(
                    format!("rencana yang ditetapkan tahun {} tidak berperiode {from}-{to}", c.year),
                    format!("a plan enacted in {} has no period {from}-{to}", c.year),
                ),
                Localized::new(
                    format!(
                        "{} menetapkan rencana periode {from}-{to}; rencana lima tahunan ditetapkan sekitar awal periodenya, tahun {} ≠ {from}",
                        c.shown, c.year
                    ),
                    format!(
                        "{} sets a plan for {from}-{to}; a five-year plan is enacted about when it starts, {} ≠ {from}",
                        c.shown, c.year
                    ),
                ),
            ));
        }
    }

    /// Stage 5: The same regulation (type, number, subject) cited with different years.
    fn same_regulation_years(&self, ctx: &Context<'_, '_>, s: &mut Citations<'_>, out: &mut Sink) {
        let Citations {
            doc,
            cited,
            flagged,
            confirmed,
        } = s;
        let mut groups: BTreeMap<(String, u32, String), Vec<usize>> = BTreeMap::new();
        for (i, c) in cited.iter().enumerate() {
            if c.subject.split(' ').count() >= 2 {
                groups
                    .entry((c.kind.clone(), c.number, c.subject.clone()))
                    .or_default()
                    .push(i);
            }
        }
        for members in groups.values() {
            let mut years: BTreeMap<i32, usize> = BTreeMap::new();
            for &i in members {
                *years.entry(cited[i].year).or_default() += 1;
            }
            if years.len() < 2 {
                if members.len() > 1 {
                    out.agree();
                }
                continue;
            }
            let mut ranked: Vec<(i32, usize)> = years.into_iter().collect();
            ranked.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
            // The year cited most; on a tie, one that some citation's gazette confirms,
            // or one not flagged already.
            let right = if ranked[0].1 > ranked[1].1 {
                Some(ranked[0].0)
            } else {
                let good: Vec<i32> = ranked
                    .iter()
                    .filter(|(_, n)| *n == ranked[0].1)
                    .map(|(y, _)| *y)
                    .filter(|y| {
                        let of_year = || members.iter().filter(|&&i| cited[i].year == *y);
                        of_year().all(|&i| !flagged[i]) && of_year().any(|&i| confirmed[i])
                    })
                    .collect();
                if good.len() == 1 { Some(good[0]) } else { None }
            };
            let Some(right) = right else {
                out.skip(NO_MAJORITY);
                continue;
            };
            let shown = members
                .iter()
                .find(|&&i| cited[i].year == right)
                .map(|&i| cited[i].shown.clone())
                .unwrap_or_default();
            for &i in members {
                if cited[i].year == right || flagged[i] {
                    continue;
                }
                flagged[i] = true;
                let c = &cited[i];
                out.push(c.draft(
                    ctx,
                    doc,
                    format!("Tahun {right}"),
                    Localized::new(
                        format!("peraturan yang sama dikutip di tempat lain dengan tahun {right}"),
                        format!("the same regulation is cited elsewhere with the year {right}"),
                    ),
                    Localized::new(
                        format!(
                            "\"{}\" tentang {} juga dikutip \"{shown}\" (tahun {right})",
                            c.shown, c.subject_text
                        ),
                        format!(
                            "\"{}\" on {} is also cited as \"{shown}\" (year {right})",
                            c.shown, c.subject_text
                        ),
                    ),
                ));
            }
        }
    }
}

impl Check for Regulations {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let CitedText { doc, cited } = cited_text(ctx);
        let text = &doc.text;
        let titled = self.known_titles(ctx, doc, cited, out);
        // Those left to another rule count as reported already.
        let flagged: Vec<bool> = cited
            .iter()
            .map(|c| {
                let left = self.p.leave.as_ref().is_some_and(|l| {
                    let end = ceil(text, (c.end + 60).min(text.len()));
                    l.is_match(&text[c.start..end])
                });
                if left {
                    out.skip(LEFT);
                }
                left
            })
            .zip(&titled)
            .map(|(left, titled)| left || *titled)
            .collect();
        // Citations whose own gazette entry gives the same year.
        let confirmed: Vec<bool> = vec![false; cited.len()];

        let mut s = Citations {
            doc,
            cited,
            flagged,
            confirmed,
        };
        self.known_years(ctx, &mut s, out);
        self.after_the_report(ctx, &mut s, out);
        self.gazettes_and_amendments(ctx, &mut s, out);
        self.plan_enactments(ctx, &mut s, out);
        self.same_regulation_years(ctx, &mut s, out);
    }
}

/// Whether the gazette entry after a citation is another regulation's: an
/// amendment named `between`, or a citation not at an item's start (`lead`).
fn gazette_of_another(between: &str, lead: &str) -> bool {
    let between = between.to_lowercase();
    between.contains("ubah") || between.contains("perubahan") || !ITEM_START.is_match(lead)
}

/// Which of two consecutive citations amends the other, by the text between:
/// "A … sebagaimana telah diubah dengan B" (the second, `Some(true)`), "A
/// tentang Perubahan atas B" (the first, `Some(false)`).
fn second_amends(between: &str) -> Option<bool> {
    if between.len() < 300 && AMENDED_BY.is_match(between) {
        Some(true)
    } else if AMENDS.is_match(between) {
        Some(false)
    } else {
        None
    }
}

/// Stage 3 for citation `i`: the gazette year in the same citation.
fn gazette(ctx: &Context<'_, '_>, s: &mut Citations<'_>, i: usize, out: &mut Sink) {
    let text = &s.doc.text;
    let c = &s.cited[i];
    let next_start = s.cited.get(i + 1).map_or(text.len(), |n| n.start);
    let window_end = ceil(text, (c.end + 400).min(next_start));
    let tail = &text[c.end..window_end];
    let Some(g) = GAZETTE.captures(tail) else {
        return;
    };
    let (Some(gy), Some(gw)) = (g.name("year"), g.get(0)) else {
        return;
    };
    let Ok(gyear) = gy.as_str().parse::<i32>() else {
        return;
    };
    let lead = &text[floor(text, c.start.saturating_sub(12))..c.start];
    if gazette_of_another(&tail[..gw.start()], lead) {
        out.skip(GAZETTE_OF_ANOTHER);
    } else if gyear == c.year {
        s.confirmed[i] = true;
        out.agree();
    } else if !s.flagged[i] {
        s.flagged[i] = true;
        let gazette = gw.as_str().trim_start_matches('(').trim();
        out.push(c.draft(
            ctx,
            s.doc,
            format!("Tahun {gyear}"),
            Localized::new(
                format!("tahun peraturan berbeda dengan tahun lembaran negara/daerahnya ({gyear})"),
                format!("the regulation's year differs from its gazette's ({gyear})"),
            ),
            Localized::new(
                format!(
                    "{} diundangkan dalam {gazette}: tahun {} ≠ {gyear}",
                    c.shown, c.year
                ),
                format!(
                    "{} is promulgated in {gazette}: year {} ≠ {gyear}",
                    c.shown, c.year
                ),
            ),
        ));
    }
}

/// Stage 4 for citation `i` and the next: an amendment older than the
/// regulation it amends.
fn amendment(ctx: &Context<'_, '_>, s: &mut Citations<'_>, i: usize, out: &mut Sink) {
    let (Some(c), Some(next)) = (s.cited.get(i), s.cited.get(i + 1)) else {
        return;
    };
    let Some(amended) = second_amends(&s.doc.text[c.end..next.start]) else {
        return;
    };
    let (older, newer) = if amended { (c, next) } else { (next, c) };
    if older.kind != newer.kind {
        return;
    }
    if newer.year >= older.year {
        out.agree();
        return;
    }
    let j = if amended { i + 1 } else { i };
    if s.flagged[j] {
        return;
    }
    s.flagged[j] = true;
    out.push(s.cited[j].draft(
        ctx,
        s.doc,
        format!("≥ {}", older.year),
        Localized::new(
            "perubahan lebih tua dari peraturan yang diubahnya",
            "an amendment older than the regulation it amends",
        ),
        Localized::new(
            format!(
                "{} mengubah {}, tetapi {} < {}",
                newer.shown, older.shown, newer.year, older.year
            ),
            format!(
                "{} amends {}, but {} < {}",
                newer.shown, older.shown, newer.year, older.year
            ),
        ),
    ));
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WithoutYearParams {}

/// A regulation cited by its number and subject but without its year
/// ("Peraturan Gubernur Nomor 45 tentang Kedudukan …"): the number alone does
/// not name a regulation (each year's numbering starts again). When the report
/// cites the same regulation (kind and number) with a year elsewhere, that
/// year is the one expected.
#[derive(Debug)]
pub struct RegulationWithoutYear;

impl RegulationWithoutYear {
    pub fn new(_: WithoutYearParams) -> Result<Self, String> {
        Ok(RegulationWithoutYear)
    }
}

/// "45 tentang": where a citation without a year may end (a cheap search
/// before the costly one).
static NUMBER_THEN_SUBJECT: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"(?i)\d\s*,?\s*tentang\b").expect("valid regex"));

impl Check for RegulationWithoutYear {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let CitedText {
            doc,
            cited: with_year,
        } = cited_text(ctx);
        let text = &doc.text;
        // The citations ending at a "45 tentang": the kind, issuer and number fit
        // in the 160 bytes before it.
        let mut found: Vec<regex::Captures<'_>> = Vec::new();
        for end in NUMBER_THEN_SUBJECT.find_iter(text).map(|m| m.end()) {
            let mut at = floor(text, end.saturating_sub(160));
            while let Some(c) = WITHOUT_YEAR.captures_at(&text[..end], at) {
                let Some(whole) = c.get(0) else { break };
                if whole.end() == end {
                    found.push(c);
                    break;
                }
                at = ceil(text, whole.start() + 1);
            }
        }
        if found.is_empty() {
            return;
        }
        for c in found {
            let (Some(whole), Some(t), Some(num)) = (c.get(0), c.name("type"), c.name("num"))
            else {
                continue;
            };
            let Ok(number) = num.as_str().parse::<u32>() else {
                continue;
            };
            let kind = kind_of(t.as_str(), c.name("mid").map_or("", |m| m.as_str()));
            if drafted(&doc.text, whole.start()) {
                continue;
            }
            // Up to its number: "Peraturan Gubernur Nomor 45".
            let shown = &doc.text[whole.start()..num.end()];
            let year = with_year
                .iter()
                .find(|w| w.kind == kind && w.number == number)
                .map(|w| w.year);
            let (line, highlight) = doc.locate(ctx, whole.start(), t.as_str());
            let (expected, id, en) = match year {
                Some(y) => (
                    format!("{shown} Tahun {y}"),
                    format!("peraturan yang sama dikutip di tempat lain dengan Tahun {y}"),
                    format!("the same regulation is cited elsewhere with Tahun {y}"),
                ),
                None => (
                    format!("{shown} Tahun …"),
                    "nomor peraturan berulang setiap tahun: tanpa tahunnya peraturan tidak dapat dikenali".to_string(),
                    "regulation numbers restart every year: without its year the regulation cannot be identified".to_string(),
                ),
            };
            out.push(Draft {
                line,
                stated: shown.to_string(),
                expected,
                computation: Localized::new(id, en),
                highlight,
                ..Default::default()
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{gazette_of_another, second_amends};

    /// Curly quotes, dashes and symbols around a citation leave it whole:
    /// the word boundaries around its type and year are found beside them.
    #[test]
    fn citations_are_read_between_quotes_and_dashes() {
        use super::{CITATION, WITHOUT_YEAR};
        let read = |re: &regex::Regex, t: &str| -> Vec<String> {
            re.captures_iter(t)
                .map(|c| {
                    let field = |n: &str| c.name(n).map_or("", |m| m.as_str());
                    format!("{} {} {}", field("type"), field("num"), field("year"))
                })
                .collect()
        };
        let t =
            "“Peraturan Pemerintah Nomor 8 Tahun 2006” – PP No. 8/2006 • Perda—Nomor 3 Tahun 2019";
        assert_eq!(
            read(&CITATION, t),
            ["Peraturan Pemerintah 8 2006", "PP 8 2006", "Perda 3 2019"]
        );
        let t = "Undang-Undang Nomor 17 Tahun 2003; Peraturan Gubernur Nomor 45 tentang Renstra ±";
        assert_eq!(read(&CITATION, t), ["Undang-Undang 17 2003"]);
        assert_eq!(read(&WITHOUT_YEAR, t), ["Peraturan Gubernur 45 "]);
        // Word's dashes between the words of the type.
        let t = "Undang–Undang Nomor 1 Tahun 2004 dan Undang — Undang Nomor 15 Tahun 2004";
        assert_eq!(
            read(&CITATION, t),
            ["Undang–Undang 1 2004", "Undang — Undang 15 2004"]
        );
        let t = "Perbup² Nomor 12 Tahun 2020 ‘perwal’ no. 7 tentang";
        assert_eq!(read(&CITATION, t), ["Perbup 12 2020"]);
        assert_eq!(read(&WITHOUT_YEAR, t), ["perwal 7 "]);
    }

    #[test]
    fn which_citation_amends_the_other_is_read_between_them() {
        assert_eq!(
            second_amends(" sebagaimana telah diubah terakhir dengan "),
            Some(true)
        );
        assert_eq!(second_amends(" tentang Perubahan Kedua atas "), Some(false));
        assert_eq!(second_amends(" dan "), None);
    }

    #[test]
    fn a_gazette_entry_after_an_amendment_is_another_regulations() {
        assert!(!gazette_of_another(" tentang Pemerintahan Daerah ", "16. "));
        assert!(!gazette_of_another(
            " tentang Pemerintahan Daerah ",
            "Daerah; "
        ));
        assert!(gazette_of_another(" tentang Perubahan atas UU ", "16. "));
        // A citation inside a sentence, not at an item's start.
        assert!(gazette_of_another(
            " tentang Pemerintahan Daerah ",
            "berdasarkan"
        ));
        // "16) Peraturan …" and "… dan Peraturan …" start an item; a word
        // merely ending in "dan" ("badan") does not.
        assert!(!gazette_of_another(" tentang Pemerintahan Daerah ", "16) "));
        assert!(!gazette_of_another(
            " tentang Pemerintahan Daerah ",
            "Daerah dan "
        ));
        assert!(gazette_of_another(
            " tentang Pemerintahan Daerah ",
            "badan "
        ));
    }

    use crate::rules::checks::testing::findings;

    #[test]
    fn a_regulation_cited_without_its_year_is_found() {
        let text = format!(
            "{HEAD}Telah ditetapkan Peraturan Daerah Nomor 6 Tahun 2016 tentang Pembentukan Perangkat Daerah dan Peraturan Gubernur Nomor 45 tentang\nKedudukan dan Struktur Organisasi.\n\nSesuai Peraturan Menteri Dalam Negeri Nomor 54 tentang Pelaksanaan PP 8/2008. Permendagri Nomor 54 Tahun 2010 tentang Pelaksanaan PP 8/2008 berlaku.\n"
        );
        let found = findings("regulation-without-year", &text);
        let s: Vec<_> = found
            .iter()
            .map(|f| (f.stated.as_str(), f.expected.as_str()))
            .collect();
        assert_eq!(
            s,
            [
                (
                    "Peraturan Gubernur Nomor 45",
                    "Peraturan Gubernur Nomor 45 Tahun …"
                ),
                (
                    "Peraturan Menteri Dalam Negeri Nomor 54",
                    "Peraturan Menteri Dalam Negeri Nomor 54 Tahun 2010"
                ),
            ],
            "{found:#?}"
        );
    }

    #[test]
    fn regulations_cited_with_a_year_or_as_drafts_are_not_found() {
        let text = format!(
            "{HEAD}Undang-undang Nomor 32/2000 Tentang Pemerintahan Daerah, Peraturan Gubernur Nomor 45 Tahun 2016 tentang Kedudukan, Keputusan Gubernur Jawa Barat Nomor 061.1/Kep.1485-Org/2016 tentang Tim dan Rancangan Peraturan Daerah Nomor 5 tentang RPJMD.\n"
        );
        assert!(findings("regulation-without-year", &text).is_empty());
    }

    const HEAD: &str = "KATA PENGANTAR\n\nLaporan Kinerja Instansi Pemerintah Dinas Contoh Tahun 2016 disusun. Laporan Kinerja Dinas Contoh Tahun 2016 memuat capaian.\n\nBAB I PENDAHULUAN\n\n";

    #[test]
    fn a_regulation_cited_after_the_report_was_written_is_found() {
        let text = format!(
            "{HEAD}Sesuai Peraturan Pemerintah Nomor 18 Tahun 2016 tentang Perangkat Daerah kami bekerja.\n\nRegulasi tersebut yaitu Peraturan Pemerintah Nomor 18 Tahun 2018 tentang Perangkat Daerah.\n"
        );
        let found = findings("regulation-year", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].stated.contains("2018"));
        assert_eq!(found[0].expected, "Tahun 2016");
    }

    #[test]
    fn a_gazette_year_differing_from_the_regulation_s_is_found() {
        let text = format!(
            "{HEAD}16) Peraturan Pemerintah Nomor 8 Tahun 2005 tentang Tata Cara Penyusunan, Pengendalian dan Evaluasi Pelaksanaan Rencana Pembangunan Daerah (Lembaran Negara Republik Indonesia Tahun 2008 Nomor 21, Tambahan Lembaran Negara Republik Indonesia Nomor 4817);\n"
        );
        let found = findings("regulation-year", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "Tahun 2008");
    }

    #[test]
    fn the_gazette_of_an_amendment_is_not_the_regulation_s() {
        let text = format!(
            "{HEAD}1. Undang-Undang Nomor 8 Tahun 1974 tentang Pokok-Pokok Kepegawaian sebagaimana telah diubah dengan Undang-Undang Nomor 43 Tahun 1999 (Lembaran Negara Tahun 1999 Nomor 169);\n2. Peraturan Daerah Nomor 1 Tahun 2014 tentang Perubahan atas Peraturan Daerah Nomor 20 Tahun 2008 tentang Organisasi (Lembaran Daerah Tahun 2014 Nomor 1);\n3. Undang-Undang Nomor 17 Tahun 2003 tentang Keuangan Negara (Lembaran Negara Republik Indonesia Tahun 2003 Nomor 47);\n4. Rancangan Peraturan Daerah Nomor 3 Tahun 2019 tentang RPJMD.\n"
        );
        let found = findings("regulation-year", &text);
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn an_amendment_older_than_the_law_it_amends_is_found() {
        let text = format!(
            "{HEAD}Sesuai Undang-undang Nomor 23 tahun 2014, tentang Pemerintahan Daerah sebagaimana telah diubah beberapa kali, terakhir dengan Undang-undang Nomor 32 tahun 2004, kami bekerja.\n"
        );
        let found = findings("regulation-year", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].stated.contains("32"), "{found:#?}");
    }

    #[test]
    fn the_same_regulation_with_two_years_is_found_by_its_gazette() {
        let text = format!(
            "{HEAD}Undang-undang (UU) Nomor 28 Tahun 2009 tentang Penyelenggaraan Negara yang Bersih dan Bebas dari Korupsi mengatur kami.\n\n1.2 Dasar Hukum\n\n1. Undang-Undang Nomor 28 Tahun 1999 tentang Penyelenggaraan Negara yang Bersih dan Bebas dari Korupsi, Kolusi dan Nepotisme (Lembaran Negara Tahun 1999 Nomor 75);\n"
        );
        let found = findings("regulation-year", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].stated.contains("2009"), "{found:#?}");
        assert_eq!(found[0].expected, "Tahun 1999");
    }

    #[test]
    fn two_regulations_of_one_number_on_different_subjects_are_not_found() {
        let text = format!(
            "{HEAD}1. Peraturan Pemerintah Nomor 8 Tahun 2006 tentang Pelaporan Keuangan dan Kinerja Instansi Pemerintah;\n2. Peraturan Pemerintah Nomor 8 Tahun 2008 tentang Tahapan, Tata Cara Penyusunan, Pengendalian dan Evaluasi Pelaksanaan Rencana Pembangunan Daerah;\n3. Undang-undang Nomor 32 Tahun 2004 tentang Pemerintahan Daerah;\n"
        );
        let found = findings("regulation-year", &text);
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn a_well_known_regulation_with_a_wrong_year_is_found() {
        let text = format!(
            "{HEAD}3) Undang-undang Nomor 32/2000 Tentang Pemerintah Daerah;\n4) Undang-undang Nomor 33/2004 Tentang Perimbangan Keuangan Daerah;\n"
        );
        let found = findings("regulation-year", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "Tahun 2004");
    }

    #[test]
    fn a_well_known_number_cited_with_another_s_title_is_found() {
        let cite = |title: &str| {
            format!(
                "{HEAD}Laporan ini berpedoman pada Peraturan Menteri Negara Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014 Tentang {title}.\n"
            )
        };
        let wrong = cite(
            "Pedoman Penyusunan Penetapan Kinerja dan Akuntabilitas Kinerja Instansi Pemerintah",
        );
        let found = findings("regulation-year", &wrong);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0]
                .expected
                .contains("Petunjuk Teknis Perjanjian Kinerja")
        );
        assert!(
            found[0].message.en.contains("Nomor 29 Tahun 2010"),
            "{}",
            found[0].message.en
        );
        // Its own title, in full or as "juknis", and a title no rule knows.
        for title in [
            "Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu",
            "juknis perjanjian kinerja pelaporan kinerja & tatacara review",
            "Sistem Akuntabilitas Kinerja yang Baru",
        ] {
            let found = findings("regulation-year", &cite(title));
            assert!(found.is_empty(), "{title}: {found:#?}");
        }
    }

    #[test]
    fn a_plan_enacted_long_after_its_period_starts_is_found_in_a_list() {
        let row = |law: &str| {
            format!(
                "{HEAD}Dasar hukum:\n\n| No | Peraturan |\n|---|---|\n| m | {law} |\n| n | Peraturan Daerah Nomor 9 Tahun 2008 tentang Rencana Pembangunan Jangka Panjang Daerah Tahun 2005-2025 |\n"
            )
        };
        let wrong = row(
            "Peraturan Daerah Nomor 25 Tahun 2013 tentang Rencana Pembangunan Jangka Menengah Daerah Provinsi Jawa Barat Tahun 2008-2013",
        );
        let found = findings("regulation-year", &wrong);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "2013-2018");
        let right = row(
            "Peraturan Daerah Nomor 2 Tahun 2009 tentang Rencana Pembangunan Jangka Menengah Daerah Provinsi Jawa Barat Tahun 2008-2013",
        );
        assert!(findings("regulation-year", &right).is_empty());
    }
}
