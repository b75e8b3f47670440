//! Counts of indicators (or sasaran) by outcome against the total the same
//! paragraph states: "Jumlah indikator kinerja yang digunakan: 3 indikator.
//! Sebanyak 1 indikator melebihi target …, 3 indikator tidak mencapai target"
//! — the outcomes add up to 4 of 3.

use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use rust_decimal::Decimal;

use crate::facts::figures::FigureKind;
use crate::facts::words::parse_number_words;
use crate::findings::Localized;
use crate::structure::roles::{Role, TableKind};
use crate::structure::{Paragraph, RowKind, Table};

use super::common::{Context, Pattern, pct};
use super::{Check, Draft, Outcome, Sink, Why};

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
    /// Compare the met count with the performance tables instead of with
    /// the stated total (a rule of its own, with its own message).
    #[serde(default)]
    against_tables: bool,
    /// With `against_tables`: "seluruh sasaran …" (group `noun`), a claim about
    /// every row; the outcome after it is read with `met`.
    #[serde(default)]
    all_mention: Option<Pattern>,
    /// What right before an `all_mention` undoes it ("tidak", "hampir").
    #[serde(default)]
    not_before: Option<Pattern>,
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
    /// A met outcome that exceeds the target ("melebihi", "melampaui"), not
    /// merely reaches it.
    exceeds: bool,
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
            let mut exceeds = false;
            let kind = if self.p.unmet.0.is_match(after) {
                Mention::Unmet
            } else if let Some(m) = self.p.met.0.find(after) {
                exceeds = EXCEEDS.is_match(m.as_str());
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
                exceeds,
            });
        }
        out
    }
}

static EXCEEDS: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"(?i)melebihi|melampaui").expect("valid regex"));

static LIST_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"^\s*(?:\d{1,2}[.)]|[a-zA-Z][.)]|\(\d{1,2}\)|[-•*➤])\s")
        .expect("valid regex")
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
            if self.p.all_mention.is_some() {
                self.every(&para, ctx, out);
            } else {
                self.passage(&para, ctx, out);
            }
        }
    }
}

impl OutcomeCount {
    fn passage(&self, para: &Paragraph, ctx: &Context<'_, '_>, out: &mut Sink) {
        let counts = self.counts(&para.text);
        if self.p.against_tables {
            self.pairs_against_tables(para, &counts, ctx, out);
        }
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
            if self.p.against_tables {
                self.against_tables(para, total, &outcomes, ctx, out);
                continue;
            }
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

const NO_TABLE: Why = Why {
    en: "no performance table holds as many indicators as the text counts",
    id: "tidak ada tabel pengukuran kinerja yang memuat indikator sebanyak yang disebut",
};

const TABLES_DIFFER: Why = Why {
    en: "the performance tables holding that many indicators count their outcomes differently",
    id: "tabel pengukuran kinerja dengan jumlah indikator itu menghitung hasilnya berbeda",
};

const NEAR_TARGET: Why = Why {
    en: "rows just under the target (90–100%): the text may count them as met",
    id: "ada baris sedikit di bawah target (90–100%): teks mungkin menghitungnya tercapai",
};

const UNREAD_CAPAIAN: Why = Why {
    en: "a capaian cell is not a number",
    id: "ada sel capaian yang bukan angka",
};

const OTHER_YEAR: Why = Why {
    en: "the passage speaks of another year than the report's",
    id: "kalimat menyebut tahun lain dari tahun laporan",
};

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"\b(?:19|20)\d\d\b").expect("valid regex"));

/// A capaian cell that holds no achievement at all ("-", "NA", empty).
static NO_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)^\s*(?:-+|–|n/?a|tidak\s+ada(?:\s+data)?|belum\s+ada(?:\s+data)?)?\s*$",
    )
    .expect("valid regex")
});

/// The label of a total or average row (not "Jumlah dokumen …", an indicator).
static TOTAL_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)^\W*(?:grand\s+|sub\s*-?\s*)?(?:jumlah|total|rata\s*-?\s*rata|rerata)(?:\s+(?:capaian|nilai|keseluruhan|seluruhnya|kinerja|total|akhir))*\W*$")
        .expect("valid regex")
});

/// One indicator row of a performance table: its capaian, if it has a number
/// (None: no achievement), and its line.
#[derive(Clone)]
struct IndicatorRow {
    capaian: Option<Decimal>,
    line: usize,
    /// The sasaran the row belongs to, when the table has a sasaran column
    /// (a blank cell continues the sasaran above).
    sasaran: Option<String>,
}

/// The indicator rows of one performance table, or of a run of them (one
/// table per sasaran).
struct IndicatorSet {
    /// The table's caption number, or "Tabel 3.1–Tabel 3.4" for a run.
    name: String,
    /// None: a capaian cell that could not be read.
    rows: Option<Vec<IndicatorRow>>,
    /// The set is one table of a longer run (a part of the indicators).
    part: bool,
}

/// The columns of a performance table the counts read.
struct CountColumns {
    capaian: usize,
    targets: Vec<usize>,
    realisasi: Vec<usize>,
    /// The column naming the sasaran ("SASARAN Uraian", "Sasaran Strategis").
    sasaran: Option<usize>,
}

impl CountColumns {
    /// A performance table's one capaian column (of the report year) with a
    /// target or realisasi beside it.
    fn of(ctx: &Context<'_, '_>, t: &Table) -> Option<Self> {
        if t.kind != TableKind::Performance {
            return None;
        }
        let of = |role: Role| -> Vec<usize> {
            t.roles
                .iter()
                .enumerate()
                .filter(|(_, r)| r.role == role)
                .map(|(i, _)| i)
                .collect()
        };
        let capaian = of(Role::Capaian);
        let (targets, realisasi) = (of(Role::Target), of(Role::Realisasi));
        let [cap] = capaian[..] else {
            return None;
        };
        if targets.is_empty() && realisasi.is_empty() {
            return None;
        }
        if let (Some(y), Some(n)) = (t.roles[cap].year, ctx.year())
            && y != n
        {
            return None;
        }
        let sasaran = t.columns.iter().enumerate().position(|(i, h)| {
            let h = h.to_lowercase();
            t.roles.get(i).is_some_and(|r| r.role == Role::Label)
                && h.contains("sasaran")
                && !h.contains("indikator")
        });
        Some(CountColumns {
            capaian: cap,
            targets,
            realisasi,
            sasaran,
        })
    }

    /// The table's indicator rows; None when a capaian cell is not a number.
    fn rows(&self, ctx: &Context<'_, '_>, t: &Table) -> Option<Vec<IndicatorRow>> {
        let cap = self.capaian;
        let mut current: Option<String> = None;
        let mut rows = Vec::new();
        for r in &t.rows {
            // Not the row's kind alone: "Jumlah dokumen …" is an indicator.
            if r.kind == RowKind::Group || r.label().is_empty() || TOTAL_LABEL.is_match(r.label()) {
                continue;
            }
            let filled = |c: usize| r.cell(c).is_some_and(|c| !c.text.trim().is_empty());
            let cap_text = r.cell(cap).map(|c| c.text.as_str()).unwrap_or("");
            // A heading row inside the table ("Jumlah produksi :" over its items).
            if !filled(cap)
                && !self
                    .targets
                    .iter()
                    .chain(&self.realisasi)
                    .any(|&c| filled(c))
            {
                continue;
            }
            let capaian = match r.figure(cap) {
                Some(f) if f.kind == FigureKind::Percent || f.kind == FigureKind::Plain => {
                    Some(f.value)
                }
                _ if NO_VALUE.is_match(cap_text) => None,
                _ => return None,
            };
            let name = self
                .sasaran
                .and_then(|c| r.cell(c))
                .map(|c| c.text.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|t| t.chars().filter(|c| c.is_alphabetic()).count() >= 3);
            if name.is_some() {
                current = name;
            }
            rows.push(IndicatorRow {
                capaian,
                line: ctx.row_line(r.page, r.line),
                sasaran: self.sasaran.and(current.clone()),
            });
        }
        Some(rows)
    }
}

/// The runs of two or more consecutive equal keys, as index ranges.
fn runs<K: PartialEq>(keys: &[K]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < keys.len() {
        let mut j = k + 1;
        while j < keys.len() && keys[j] == keys[k] {
            j += 1;
        }
        if j - k >= 2 {
            out.push(k..j);
        }
        k = j;
    }
    out
}

/// A run's name: its first and last tables' ("Tabel 3.1–Tabel 3.4"), or the
/// one when they are named alike.
fn run_name(first: &str, last: &str) -> String {
    if first == last {
        first.to_string()
    } else {
        format!("{first}–{last}")
    }
}

/// The indicator rows of the report's performance tables: each run of
/// consecutive performance tables with the same columns (one table per
/// sasaran) in one chapter, then each table alone.
fn indicator_sets(ctx: &Context<'_, '_>) -> Vec<IndicatorSet> {
    let mut singles: Vec<(&Table, IndicatorSet)> = Vec::new();
    for t in &ctx.report.tables {
        let Some(columns) = CountColumns::of(ctx, t) else {
            continue;
        };
        let name = t
            .caption_number()
            .unwrap_or_else(|| format!("tabel hlm. {}", t.page));
        let rows = columns.rows(ctx, t);
        singles.push((
            t,
            IndicatorSet {
                name,
                rows,
                part: false,
            },
        ));
    }
    let keys: Vec<_> = singles
        .iter()
        .map(|(t, _)| (t.chapter, &t.columns))
        .collect();
    let mut sets: Vec<IndicatorSet> = Vec::new();
    for run in runs(&keys) {
        let run_sets = &singles[run.clone()];
        let name = run_name(&run_sets[0].1.name, &run_sets[run_sets.len() - 1].1.name);
        let mut all = Some(Vec::new());
        for (_, s) in run_sets {
            match (&mut all, &s.rows) {
                (Some(a), Some(rows)) => a.extend(rows.iter().cloned()),
                _ => all = None,
            }
        }
        sets.push(IndicatorSet {
            name,
            rows: all,
            part: false,
        });
        singles[run].iter_mut().for_each(|(_, s)| s.part = true);
    }
    sets.extend(singles.into_iter().map(|(_, s)| s));
    sets
}

/// What one set of indicator rows says of a met count.
struct Judged {
    name: String,
    /// Rows whose capaian meets the target, and their lines.
    met: u64,
    met_rows: Vec<usize>,
    /// A row just under the target (90–100%) the text may count as met.
    near: bool,
}

impl Judged {
    fn of(name: &str, rows: &[IndicatorRow], exceeds: bool) -> Self {
        let hundred = Decimal::from(100);
        let is_met = |v: Decimal| if exceeds { v > hundred } else { v >= hundred };
        let met_rows: Vec<usize> = rows
            .iter()
            .filter(|r| r.capaian.is_some_and(is_met))
            .map(|r| r.line)
            .collect();
        let near = rows.iter().any(|r| {
            r.capaian
                .is_some_and(|v| !is_met(v) && v >= Decimal::from(90))
        });
        Judged {
            name: name.to_string(),
            met: met_rows.len() as u64,
            met_rows,
            near,
        }
    }
}

/// Whether the sentence holding `start..end` of `text` (the total and its
/// outcomes, to the sentence's end) names a year other than `n`.
fn other_year_in_sentence(text: &str, start: usize, end: usize, n: i32) -> bool {
    let sentence_start = text[..start].rfind(". ").map(|i| i + 2).unwrap_or(0);
    let sentence_end = text[end..]
        .find(". ")
        .map(|i| end + i)
        .unwrap_or(text.len());
    YEAR.find_iter(&text[sentence_start..sentence_end])
        .any(|y| y.as_str().parse::<i32>().ok() != Some(n))
}

impl OutcomeCount {
    /// "Dari 9 indikator, sebanyak 7 indikator telah berhasil dicapai": the
    /// met count against the rows of the performance table(s) holding exactly
    /// the stated number of indicators, whose capaian is ≥ 100 (> 100 for
    /// "melebihi").
    fn against_tables(
        &self,
        para: &Paragraph,
        total: &Count,
        outcomes: &[&Count],
        ctx: &Context<'_, '_>,
        out: &mut Sink,
    ) {
        if total.noun != "indikator" {
            return;
        }
        let met: Vec<&&Count> = outcomes.iter().filter(|c| c.kind == Mention::Met).collect();
        let [m] = met[..] else {
            return;
        };
        let last = outcomes.iter().map(|c| c.end).max().unwrap_or(total.end);
        let span = &para.text[total.start.min(last)..last];
        if self.p.nested.0.is_match(span) {
            return;
        }
        if let Some(n) = ctx.year()
            && other_year_in_sentence(&para.text, total.start, last, n)
        {
            out.skip(OTHER_YEAR);
            return;
        }
        out.record(met_against_tables(ctx, para, total, m));
    }
}

impl OutcomeCount {
    /// "Tiga sasaran tercapai sedangkan satu sasaran lainnya tidak tercapai":
    /// a met and an unmet count of one noun in one sentence, with no total
    /// before them, count the whole between them (3 + 1 = 4).
    fn pairs_against_tables(
        &self,
        para: &Paragraph,
        counts: &[Count],
        ctx: &Context<'_, '_>,
        out: &mut Sink,
    ) {
        for (i, m) in counts.iter().enumerate() {
            if m.kind != Mention::Met {
                continue;
            }
            let Some(u) = counts[i + 1..].iter().find(|c| c.noun == m.noun) else {
                continue;
            };
            let totalled = counts[..i]
                .iter()
                .any(|c| c.noun == m.noun && c.kind == Mention::Total);
            if u.kind != Mention::Unmet
                || totalled
                || para.text[m.end..u.start].contains(". ")
                || self.p.nested.0.is_match(&para.text[m.start..u.end])
            {
                continue;
            }
            if let Some(n) = ctx.year()
                && other_year_in_sentence(&para.text, m.start, u.end, n)
            {
                out.skip(OTHER_YEAR);
                continue;
            }
            let total = Count {
                kind: Mention::Total,
                noun: m.noun.clone(),
                value: m.value + u.value,
                start: m.start,
                end: u.end,
                exceeds: false,
            };
            if m.noun == "sasaran" {
                out.record(sasaran_met_against_tables(ctx, para, &total, m));
            } else {
                out.record(met_against_tables(ctx, para, &total, m));
            }
        }
    }
}

const NO_SASARAN_COUNT: Why = Why {
    en: "no performance table names as many sasaran as the text counts",
    id: "tidak ada tabel pengukuran kinerja yang menyebut sasaran sebanyak yang disebut",
};

const MEAN_OR_EVERY: Why = Why {
    en: "whether a sasaran is met by every indicator or by their mean changes the count",
    id: "jumlah sasaran yang tercapai berbeda bila dihitung dari semua indikatornya atau dari rata-ratanya",
};

/// A met count of sasaran against the performance tables whose rows name
/// as many sasaran as the text counts. A sasaran is met when each of its
/// indicators is, and when their mean is; where the two differ the text may
/// mean either, and the check abstains.
fn sasaran_met_against_tables(
    ctx: &Context<'_, '_>,
    para: &Paragraph,
    total: &Count,
    m: &Count,
) -> Outcome {
    let hundred = Decimal::from(100);
    let is_met = |v: Decimal| if m.exceeds { v > hundred } else { v >= hundred };
    let mut judged: Vec<(String, Vec<Unit>)> = Vec::new();
    let mut named_any = false;
    for set in indicator_sets(ctx) {
        let Some(rows) = set.rows.filter(|r| !set.part && !r.is_empty()) else {
            continue;
        };
        let Some(units) = by_sasaran(&rows) else {
            continue;
        };
        named_any = true;
        if units.len() as u64 != total.value {
            continue;
        }
        let mut met = Vec::new();
        for (name, rs) in units {
            let Some(values) = rs
                .iter()
                .map(|r| r.capaian)
                .collect::<Option<Vec<Decimal>>>()
            else {
                return Outcome::Skipped(UNREAD_CAPAIAN);
            };
            let mean = values.iter().sum::<Decimal>() / Decimal::from(values.len());
            let every = values.iter().all(|v| is_met(*v));
            if every != is_met(mean) {
                return Outcome::Skipped(MEAN_OR_EVERY);
            }
            if every {
                met.push(Unit {
                    name,
                    values,
                    line: rs[0].line,
                });
            }
        }
        judged.push((set.name, met));
    }
    let Some((name, met)) = judged.first() else {
        return Outcome::Skipped(if named_any {
            NO_SASARAN_COUNT
        } else {
            NO_SASARAN_TABLE
        });
    };
    if judged.iter().any(|(_, j)| j.len() != met.len()) {
        return Outcome::Skipped(TABLES_DIFFER);
    }
    let expected = met.len() as u64;
    if expected == m.value {
        return Outcome::Agrees;
    }
    let (line, at) = ctx.locate(para, m.start);
    let shown = para.text[m.start..m.end].to_string();
    let listed: Vec<String> = met.iter().map(Unit::listed).collect();
    let (word_id, word_en) = if m.exceeds {
        ("di atas 100%", "above 100%")
    } else {
        ("100% atau lebih", "100% or more")
    };
    let listed = if listed.is_empty() {
        "-".to_string()
    } else {
        listed.join("; ")
    };
    Outcome::Differs(
        Draft {
            line,
            stated: shown,
            expected: format!("{expected} {}", total.noun),
            computation: Localized::new(
                format!(
                    "{name} memuat {} sasaran (sebanyak yang disebut tercapai dan tidak); semua indikator dan rata-ratanya {word_id} hanya pada {expected}: {listed}",
                    total.value
                ),
                format!(
                    "{name} holds {} sasaran (as many as the text counts met and not met); every indicator and their mean are {word_en} on only {expected}: {listed}",
                    total.value
                ),
            ),
            related: met.iter().map(|s| s.line).collect(),
            highlight: Some((at, at + m.end - m.start)),
            ..Default::default()
        }
        .var("noun", Localized::same(total.noun.clone()))
        .var("total", Localized::same(total.value.to_string())),
    )
}

/// The met count `m` against the sets holding the total's number of rows.
fn met_against_tables(
    ctx: &Context<'_, '_>,
    para: &Paragraph,
    total: &Count,
    m: &Count,
) -> Outcome {
    let sets: Vec<IndicatorSet> = indicator_sets(ctx)
        .into_iter()
        .filter(|s| {
            s.rows
                .as_ref()
                .is_none_or(|r| r.len() as u64 == total.value)
        })
        .collect();
    if sets.is_empty() {
        return Outcome::Skipped(NO_TABLE);
    }
    let mut judged: Vec<Judged> = Vec::new();
    for set in &sets {
        let Some(rows) = &set.rows else {
            return Outcome::Skipped(UNREAD_CAPAIAN);
        };
        judged.push(Judged::of(&set.name, rows, m.exceeds));
    }
    let expected = judged[0].met;
    if judged.iter().any(|j| j.met != expected) {
        return Outcome::Skipped(TABLES_DIFFER);
    }
    if expected == m.value {
        return Outcome::Agrees;
    }
    if m.value > expected && judged.iter().any(|j| j.near) {
        return Outcome::Skipped(NEAR_TARGET);
    }
    let Judged { name, met_rows, .. } = &judged[0];
    let (line, at) = ctx.locate(para, m.start);
    let shown = para.text[m.start..m.end].to_string();
    let (word_id, word_en) = if m.exceeds {
        ("di atas 100%", "above 100%")
    } else {
        ("100% atau lebih", "100% or more")
    };
    Outcome::Differs(
        Draft {
            line,
            stated: shown.clone(),
            expected: format!("{expected} {}", total.noun),
            computation: Localized::new(
                format!(
                    "{name} memuat {} {} (sebanyak yang disebut); capaian {word_id} hanya pada {expected} baris",
                    total.value, total.noun
                ),
                format!(
                    "{name} holds {} {} (as many as the text states); only {expected} rows have a capaian {word_en}",
                    total.value, total.noun
                ),
            ),
            related: met_rows.clone(),
            highlight: Some((at, at + m.end - m.start)),
            ..Default::default()
        }
        .var("noun", Localized::same(total.noun.clone()))
        .var("total", Localized::same(para.text[total.start..total.end].to_string())),
    )
}

const NO_SASARAN_TABLE: Why = Why {
    en: "no performance table names the sasaran of its rows",
    id: "tidak ada tabel pengukuran kinerja yang menyebut sasaran tiap barisnya",
};

/// A table's rows grouped by their sasaran, in order of first appearance;
/// None when a row has no sasaran.
fn by_sasaran(rows: &[IndicatorRow]) -> Option<Vec<(String, Vec<&IndicatorRow>)>> {
    let mut units: Vec<(String, Vec<&IndicatorRow>)> = Vec::new();
    for r in rows {
        let s = r.sasaran.clone()?;
        match units.iter_mut().find(|(n, _)| *n == s) {
            Some((_, v)) => v.push(r),
            None => units.push((s, vec![r])),
        }
    }
    Some(units)
}

/// A sasaran (or, unnamed, an indicator) with its indicators' capaian: one
/// that falls short of a claim, or one that met its target.
struct Unit {
    /// The sasaran's name; empty for an indicator.
    name: String,
    /// Its indicators' capaian.
    values: Vec<Decimal>,
    /// The line of its first row.
    line: usize,
}

impl Unit {
    /// "'Sasaran A': 95%, 98%", or the values alone for an indicator.
    fn listed(&self) -> String {
        let values: Vec<String> = self
            .values
            .iter()
            .map(|v| format!("{}%", pct(*v)))
            .collect();
        if self.name.is_empty() {
            values.join(", ")
        } else {
            format!("'{}': {}", self.name, values.join(", "))
        }
    }
}

/// "seluruh sasaran … melebihi target": a claim that every sasaran (or
/// indicator) met or exceeded its target.
struct EveryClaim {
    /// Byte range of "seluruh sasaran" in the paragraph.
    whole: std::ops::Range<usize>,
    /// Where the claim's verb ("melebihi target") ends.
    end: usize,
    /// "sasaran" or "indikator", lower case.
    noun: String,
    /// "melebihi" (above 100) rather than "mencapai" (at least 100).
    exceeds: bool,
}

impl EveryClaim {
    /// A value that does not bear the claim out.
    fn short(&self, v: Decimal) -> bool {
        let hundred = Decimal::from(100);
        if self.exceeds {
            v <= hundred
        } else {
            v < hundred
        }
    }

    /// The claim's sentence names a year other than the report's.
    fn names_other_year(&self, text: &str, year: i32) -> bool {
        let sentence_start = text[..self.whole.start]
            .rfind(". ")
            .map(|i| i + 2)
            .unwrap_or(0);
        let sentence_end = text[self.end..]
            .find(". ")
            .map(|i| self.end + i)
            .unwrap_or(text.len());
        YEAR.find_iter(&text[sentence_start..sentence_end])
            .any(|y| y.as_str().parse::<i32>().ok() != Some(year))
    }

    /// The units of one table's rows that fall short, and whether every
    /// unit's capaian was read; None when the table cannot speak of the
    /// claim's noun (sasaran asked, but rows without their sasaran).
    fn short_units(&self, rows: &[IndicatorRow]) -> Option<(Vec<Unit>, bool)> {
        let units: Vec<(String, Vec<&IndicatorRow>)> = if self.noun == "sasaran" {
            by_sasaran(rows)?
        } else {
            rows.iter().map(|r| (String::new(), vec![r])).collect()
        };
        let mut falling = Vec::new();
        let mut all_read = true;
        for (name, rs) in &units {
            let values: Vec<Decimal> = rs.iter().filter_map(|r| r.capaian).collect();
            if values.len() != rs.len() {
                all_read = false;
                continue;
            }
            if values.iter().all(|v| self.short(*v)) {
                falling.push(Unit {
                    name: name.clone(),
                    values,
                    line: rs[0].line,
                });
            }
        }
        Some((falling, all_read))
    }

    /// Against the performance tables, table by table: a table where every
    /// unit meets the claim bears it out (unless another table contradicts
    /// that); otherwise the first table's units that fall short are the finding.
    fn judge(&self, ctx: &Context<'_, '_>, para: &Paragraph) -> Outcome {
        let mut shorts: Vec<(String, Vec<Unit>)> = Vec::new();
        let mut borne_out = false;
        for IndicatorSet { name, rows, part } in indicator_sets(ctx) {
            let Some(rows) = rows.filter(|r| !part && !r.is_empty()) else {
                continue;
            };
            let Some((falling, all_read)) = self.short_units(&rows) else {
                continue;
            };
            if falling.is_empty() {
                borne_out |= all_read;
            } else {
                shorts.push((name, falling));
            }
        }
        if borne_out {
            return if shorts.is_empty() {
                Outcome::Agrees
            } else {
                Outcome::Skipped(TABLES_DIFFER)
            };
        }
        match shorts.first() {
            Some((table, falling)) => Outcome::Differs(self.draft(ctx, para, table, falling)),
            None if self.noun == "sasaran" => Outcome::Skipped(NO_SASARAN_TABLE),
            None => Outcome::Skipped(NO_TABLE),
        }
    }

    fn draft(
        &self,
        ctx: &Context<'_, '_>,
        para: &Paragraph,
        table: &str,
        falling: &[Unit],
    ) -> Draft {
        let (line, at) = ctx.locate(para, self.whole.start);
        let listed: Vec<String> = falling.iter().map(Unit::listed).collect();
        let (verb_id, verb_en) = if self.exceeds {
            ("tidak melebihi 100%", "not above 100%")
        } else {
            ("di bawah 100%", "under 100%")
        };
        let computation = format!("{table}: {}", listed.join("; "));
        Draft {
            line,
            stated: para.text[self.whole.start..self.end].to_string(),
            expected: format!("{} {} dengan capaian {verb_id}", falling.len(), self.noun),
            computation: Localized::same(computation),
            related: falling.iter().map(|f| f.line).collect(),
            highlight: Some((at, at + self.whole.len())),
            ..Default::default()
        }
        .var("noun", Localized::same(self.noun.clone()))
        .var("short", Localized::new(verb_id, verb_en))
    }
}

impl OutcomeCount {
    /// "seluruh sasaran stratejik melebihi target": every sasaran (indicator)
    /// of the performance tables, against one whose every indicator is at or
    /// under 100% (under 100% for "mencapai").
    fn every(&self, para: &Paragraph, ctx: &Context<'_, '_>, out: &mut Sink) {
        let Some(all) = &self.p.all_mention else {
            return;
        };
        for c in all.0.captures_iter(&para.text) {
            let Some(claim) = self.every_claim(&para.text, &c) else {
                continue;
            };
            if let Some(n) = ctx.year()
                && claim.names_other_year(&para.text, n)
            {
                out.skip(OTHER_YEAR);
                continue;
            }
            out.record(claim.judge(ctx, para));
        }
    }

    /// The claim a match of `all_mention` starts, unless no verb of meeting
    /// the target follows or a word before it turns it ("tidak seluruh").
    fn every_claim(&self, text: &str, c: &regex::Captures<'_>) -> Option<EveryClaim> {
        let (whole, noun) = (c.get(0)?, c.name("noun")?);
        let m = self.p.met.0.find(&text[whole.end()..])?;
        let before_start = text[..whole.start()]
            .char_indices()
            .rev()
            .nth(30)
            .map(|(i, _)| i)
            .unwrap_or(0);
        if self
            .p
            .not_before
            .as_ref()
            .is_some_and(|p| p.is_match(&text[before_start..whole.start()]))
        {
            return None;
        }
        Some(EveryClaim {
            whole: whole.range(),
            end: whole.end() + m.end(),
            noun: noun.as_str().to_lowercase(),
            exceeds: EXCEEDS.is_match(m.as_str()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{IndicatorRow, Judged, other_year_in_sentence, run_name, runs};
    use rust_decimal::Decimal;

    #[test]
    fn runs_are_two_or_more_equal_keys_in_a_row() {
        assert_eq!(runs(&[1, 1, 2, 3, 3, 3, 1]), vec![0..2, 3..6]);
        assert!(runs(&[1, 2, 1]).is_empty());
        assert!(runs::<u8>(&[]).is_empty());
        assert_eq!(run_name("Tabel 3.1", "Tabel 3.4"), "Tabel 3.1–Tabel 3.4");
        assert_eq!(run_name("tabel hlm. 9", "tabel hlm. 9"), "tabel hlm. 9");
    }

    #[test]
    fn met_rows_reach_or_exceed_a_hundred_and_near_ones_are_noted() {
        let row = |v: Option<i64>, line| IndicatorRow {
            capaian: v.map(Decimal::from),
            line,
            sasaran: None,
        };
        let rows = [
            row(Some(100), 3),
            row(Some(120), 4),
            row(Some(95), 5),
            row(None, 6),
        ];
        let j = Judged::of("Tabel 3.1", &rows, false);
        assert_eq!((j.met, j.near), (2, true));
        assert_eq!(j.met_rows, vec![3, 4]);
        // "melebihi": above 100 only; 100 is then near.
        let j = Judged::of("Tabel 3.1", &rows, true);
        assert_eq!((j.met, j.near), (1, true));
        let j = Judged::of("Tabel 3.1", &rows[..2], false);
        assert!(!j.near);
    }

    #[test]
    fn another_year_in_the_sentence_of_the_count_is_seen() {
        let text = "Tahun 2015 baik. Dari 9 indikator tahun 2016, 7 tercapai. Lalu 2017.";
        let start = text.find("9 indikator").expect("total");
        let end = text.find("7 tercapai").expect("met") + "7 tercapai".len();
        assert!(!other_year_in_sentence(text, start, end, 2016));
        assert!(other_year_in_sentence(text, start, end, 2015));
    }

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

#[cfg(test)]
mod table_tests {
    use crate::rules::checks::testing::run_default;

    fn sasaran_report(claim: &str, last: &str) -> String {
        format!(
            "Tabel 3.1 Pengukuran Kinerja Tahun 2016\n\n| Sasaran Strategis | Indikator Kinerja | Target | Realisasi | Capaian |\n|---|---|---|---|---|\n| Meningkatnya kualitas air | Indeks kualitas air | 60 | 66 | 110% |\n| | Jumlah lokasi | 61 | 61 | 100% |\n| Tersedianya pedoman | Jumlah pedoman | 4 | 4 | {last} |\n\n{claim}\n"
        )
    }

    #[test]
    fn every_sasaran_exceeding_while_one_is_at_its_target_is_found() {
        let text = sasaran_report(
            "Pada tahun 2016 seluruh sasaran stratejik melebihi target capaian.",
            "100%",
        );
        let (found, _) = run_default("all-met-table", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "seluruh sasaran stratejik melebihi");
    }

    /// A sasaran with one indicator above 100% may exceed its target as a whole.
    #[test]
    fn every_sasaran_with_an_indicator_above_target_is_agreed() {
        let text = sasaran_report(
            "Pada tahun 2016 seluruh sasaran stratejik melebihi target capaian.",
            "125%",
        );
        let (found, coverage) = run_default("all-met-table", &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1, "{coverage:#?}");
    }

    /// "mencapai target": 100% is enough; "tidak seluruh" claims nothing.
    #[test]
    fn reaching_and_negated_claims_are_not_found() {
        let text = sasaran_report("Seluruh sasaran telah mencapai target.", "100%");
        assert!(run_default("all-met-table", &text).0.is_empty());
        let text = sasaran_report("Tidak seluruh sasaran melebihi target.", "100%");
        assert!(run_default("all-met-table", &text).0.is_empty());
    }

    /// "Satu sasaran tercapai sedangkan satu sasaran lainnya tidak": the two
    /// counts make the total; the table's sasaran are judged by all their
    /// indicators and by their mean, which here agree.
    #[test]
    fn met_and_unmet_sasaran_without_a_total_are_checked() {
        let claim = "Satu sasaran tercapai sedangkan satu sasaran lainnya tidak tercapai.";
        let (found, coverage) = run_default("outcome-count-table", &sasaran_report(claim, "80%"));
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1, "{coverage:#?}");
        let (found, _) = run_default("outcome-count-table", &sasaran_report(claim, "100%"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "Satu sasaran");
        assert_eq!(found[0].expected, "2 sasaran");
    }

    /// A sasaran whose indicators are 110% and 95%: met by their mean
    /// (102,5%), not by every indicator — which the text counts is its choice.
    #[test]
    fn sasaran_met_by_mean_but_not_by_every_indicator_is_an_abstention() {
        let text = sasaran_report(
            "Satu sasaran tercapai dan satu sasaran tidak tercapai.",
            "100%",
        )
        .replace("| 61 | 61 | 100% |", "| 61 | 30 | 95% |");
        let (found, coverage) = run_default("outcome-count-table", &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 1, "{coverage:#?}");
    }

    /// "seluruh indikator": any indicator at 100% falls short of "melebihi".
    #[test]
    fn every_indicator_exceeding_is_checked_row_by_row() {
        let text = sasaran_report("Seluruh indikator melebihi target.", "125%");
        let (found, _) = run_default("all-met-table", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
    }

    fn report(claim: &str, capaian: [&str; 4]) -> String {
        format!(
            "Tabel 3.1 Pengukuran Kinerja Tahun 2016\n\n| Indikator Kinerja | Target | Realisasi | Capaian |\n|---|---|---|---|\n| Jumlah dokumen | 10 | 10 | {} |\n| Jumlah kegiatan | 10 | 12 | {} |\n| Persentase layanan | 80 | 60 | {} |\n| Indeks kepuasan | 70 | NA | {} |\n\n{claim}\n",
            capaian[0], capaian[1], capaian[2], capaian[3]
        )
    }

    #[test]
    fn more_met_than_the_table_shows_is_found() {
        let text = report(
            "Dari empat indikator kinerja, sebanyak 3 indikator kinerja telah berhasil dicapai dengan baik, sedangkan 1 indikator belum ada datanya.",
            ["100%", "120%", "75%", "-"],
        );
        let (found, _) = run_default("outcome-count-table", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "3 indikator");
        assert_eq!(found[0].expected, "2 indikator");
    }

    #[test]
    fn a_met_count_the_table_bears_out_is_agreed() {
        let text = report(
            "Dari empat indikator kinerja, sebanyak 2 indikator kinerja telah berhasil dicapai.",
            ["100%", "120%", "75%", "-"],
        );
        let (found, coverage) = run_default("outcome-count-table", &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1, "{coverage:#?}");
    }

    /// "melebihi": a row at exactly 100% reaches its target, it does not exceed it.
    #[test]
    fn exceeding_means_above_one_hundred() {
        let text = report(
            "Dari 4 indikator, 1 indikator melebihi target.",
            ["100%", "120%", "75%", "-"],
        );
        let (found, coverage) = run_default("outcome-count-table", &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1, "{coverage:#?}");
    }

    /// A row at 95%: the text may count it as met.
    #[test]
    fn rows_just_under_target_are_an_abstention() {
        let text = report(
            "Dari 4 indikator, 3 indikator tercapai.",
            ["100%", "120%", "95%", "-"],
        );
        let (found, coverage) = run_default("outcome-count-table", &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 1, "{coverage:#?}");
    }

    /// No table holds the stated number of indicators: no scope, no judgement.
    #[test]
    fn a_total_no_table_holds_is_an_abstention() {
        let text = report(
            "Dari 6 indikator, 5 indikator tercapai.",
            ["100%", "120%", "75%", "-"],
        );
        let (found, coverage) = run_default("outcome-count-table", &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 1, "{coverage:#?}");
    }

    /// Another year's results are not the table's.
    #[test]
    fn another_year_is_an_abstention() {
        let text = format!(
            "Laporan Kinerja Dinas Contoh Tahun 2016\n\n{}",
            report(
                "Pada tahun 2015, dari 4 indikator, 3 indikator tercapai.",
                ["100%", "120%", "75%", "-"],
            )
        );
        let (found, _) = run_default("outcome-count-table", &text);
        assert!(found.is_empty(), "{found:#?}");
    }
}
