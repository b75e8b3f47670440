//! What the narrative says about one indicator against that indicator's row in
//! the report's own tables:
//! - `indicator_figures`: a sentence naming an indicator (its label from a
//!   table's indicator column, read as `narrative_budget` reads a kegiatan's
//!   name) gives its target, realisasi or capaian of a year ("target pada
//!   tahun 2016 berjumlah 17 UPP"): the figure must be the row's value for
//!   that role and year, in every table that gives it;
//! - `indicator_target_claim`: a sentence naming one indicator says it
//!   exceeded ("melebihi target"), reached ("telah mencapai target") or missed
//!   ("tidak mencapai target") its target: the row's capaian of the report
//!   year, and its realisasi against its target, must not both say otherwise.
//!
//! The role of a figure is the role word right before it ("target", "realisasi",
//! "capaian"), with only filler words between ("pada tahun 2016 berjumlah");
//! its year is the year in those words, or the year right after it ("15
//! dokumen di tahun 2016"), or the sentence's only year, or — a paragraph
//! naming no other year — the report's. Where the indicator, the role or the
//! year is not certain (two rows with different values, a sentence of two
//! years, a sum or average, another unit) the check abstains and says why.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock};

use regex::Regex;
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::facts::figures::{Figure, FigureKind};
use crate::findings::Localized;
use crate::structure::roles::{Role, TableKind};
use crate::structure::{Paragraph, Report, Row, RowKind, Table};

use super::arithmetic::table_name;
use super::common::{Chapters, Context, Pattern, difference, figures, like, pct, shown};
use super::narrative::{MARKER, bounded, in_title_case_name, is_year};
use super::narrative_budget::{KeyGroup, Level, Mention, mentions_with, tokens};
use super::quantities::{
    indicator_key, label_left, last_capaian, loose_year, only_year, same_value, specific,
    table_year,
};
use super::{Check, Draft, Outcome, Sink, Why};

// ---------------------------------------------------------------- the rows

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Said {
    Target,
    Realisasi,
    Capaian,
}

impl Said {
    fn name(self) -> &'static str {
        match self {
            Said::Target => "target",
            Said::Realisasi => "realisasi",
            Said::Capaian => "capaian",
        }
    }
}

/// One figure of one indicator row: its role and year as the column says.
#[derive(Debug, Clone)]
struct Fact<'t> {
    table: usize,
    row: &'t Row,
    label: String,
    role: Said,
    year: i32,
    figure: Figure,
}

static TARGET_WORD: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"(?i)\btarg?et\b").expect("valid regex"));
static REALISASI_WORD: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"(?i)realisasi").expect("valid regex"));
static ACHIEVEMENT_WORD: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)capai|penyerapan|serapan|kinerja").expect("valid regex")
});
static CAPAIAN_HEADER: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"(?i)capai").expect("valid regex"));
static TOTAL_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)^\s*(?:jumlah\s*$|total|sub\s*total|rata)").expect("valid regex")
});
/// A cell that is a bound or a range, not one value.
static NOT_A_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"[<>≤≥=±~]|\d\s*[-–]\s*\d|(?i)\bs\s*[./]\s*d\b").expect("valid regex")
});

/// What a column of a table gives of each row's indicator: role and year.
fn column_measure(
    table: &Table,
    col: usize,
    year_n: Option<i32>,
    skip: &Pattern,
) -> Option<(Said, i32)> {
    let role = table.roles.get(col)?;
    if role.money {
        return None;
    }
    let label = table.columns.get(col).map(String::as_str).unwrap_or("");
    if skip.is_match(label) {
        return None;
    }
    let said = match role.role {
        Role::Target => Said::Target,
        Role::Realisasi => Said::Realisasi,
        Role::Capaian if TARGET_WORD.is_match(label) => Said::Target,
        // "Realisasi (%)": a realisasi, or the capaian it is printed as.
        Role::Capaian if REALISASI_WORD.is_match(label) && !ACHIEVEMENT_WORD.is_match(label) => {
            return None;
        }
        // The absorption of a budget, not an indicator's achievement.
        Role::Capaian if table.kind == TableKind::Budget => return None,
        Role::Capaian => Said::Capaian,
        _ => return None,
    };
    let year = role
        .year
        .or_else(|| loose_year(label))
        .or_else(|| table_year(table, year_n))
        .or_else(|| only_year(table))
        .or_else(|| last_capaian(table, col, year_n))?;
    Some((said, year))
}

/// Every figure of every indicator row of every table, by role and year.
fn facts<'t>(ctx: &Context<'t, '_>, skip: &Pattern) -> Vec<Fact<'t>> {
    let mut out = Vec::new();
    let report: &'t Report<'_> = ctx.report;
    for (ti, table) in report.tables.iter().enumerate() {
        // Money tables give budgets; a table whose target and realisasi are
        // under a "Capaian" header gives achievements of achievements.
        if table.kind == TableKind::Budget
            || table.roles.iter().zip(&table.columns).any(|(r, l)| {
                matches!(r.role, Role::Target | Role::Realisasi) && CAPAIAN_HEADER.is_match(l)
            })
        {
            continue;
        }
        let measures: Vec<(usize, (Said, i32))> = (0..table.columns.len())
            .filter_map(|c| column_measure(table, c, ctx.year(), skip).map(|m| (c, m)))
            .collect();
        if measures.is_empty() {
            continue;
        }
        for row in table.rows.iter().filter(|r| r.kind != RowKind::Total) {
            for &(col, (role, year)) in &measures {
                // The indicator: the last label cell with words left of the figure.
                let label = (0..col)
                    .rev()
                    .filter(|&c| table.roles.get(c).is_some_and(|r| r.role == Role::Label))
                    .filter_map(|c| row.cell(c))
                    .map(|c| c.text.trim())
                    .find(|t| t.chars().filter(|c| c.is_alphabetic()).count() >= 3);
                let Some(label) = label else { continue };
                if TOTAL_LABEL.is_match(label) {
                    continue;
                }
                let Some(cell) = row.cell(col) else { continue };
                // "14", "14 UPP", "1 dokumen": one figure at the cell's start.
                let figure = cell.figure.clone().or_else(|| {
                    let t = cell.text.trim();
                    let fs = figures(t);
                    match fs.as_slice() {
                        [f] if f.start == 0 && !t[f.end..].chars().any(|c| c.is_ascii_digit()) => {
                            Some(f.clone())
                        }
                        _ => None,
                    }
                });
                let Some(figure) = figure else {
                    continue;
                };
                if NOT_A_VALUE.is_match(&cell.text)
                    || figure.kind == FigureKind::Rupiah
                    || figure.value >= Decimal::from(1_000_000_000)
                {
                    continue;
                }
                // A percentage column beside a count: the count's achievement.
                let in_percent = cell.text.contains('%')
                    || table.columns.get(col).is_some_and(|l| l.contains('%'));
                if role != Said::Capaian
                    && in_percent
                    && COUNT_INDICATOR.is_match(&indicator_key(label))
                {
                    continue;
                }
                out.push(Fact {
                    table: ti,
                    row,
                    label: label.to_string(),
                    role,
                    year,
                    figure,
                });
            }
        }
    }
    out
}

/// The indicators the tables name (a key specific enough), each with its facts.
#[derive(Clone)]
pub(super) struct Indicators<'t> {
    facts: Vec<Fact<'t>>,
    groups: Vec<KeyGroup>,
}

impl<'t> Indicators<'t> {
    fn of(ctx: &Context<'t, '_>, skip: &Pattern) -> Self {
        let facts = facts(ctx, skip);
        let groups = key_groups(facts.iter().map(|f| f.label.as_str()));
        Indicators { facts, groups }
    }

    /// The report's indicators read with `skip`: from `Context::indicators`
    /// when another check read them with the same pattern (two checks do,
    /// and reading them walks every table), else read now.
    fn shared<'a>(ctx: &'a Context<'t, '_>, skip: &Pattern) -> Cow<'a, Indicators<'t>> {
        let (text, ind) = ctx
            .indicators
            .get_or_init(|| (skip.0.as_str().to_string(), Indicators::of(ctx, skip)));
        if text == skip.0.as_str() {
            Cow::Borrowed(ind)
        } else {
            Cow::Owned(Indicators::of(ctx, skip))
        }
    }

    /// The facts of a group for a role and year.
    fn values(&self, group: usize, role: Said, year: i32) -> Vec<&Fact<'t>> {
        self.groups
            .get(group)
            .map(|g| {
                g.rows
                    .iter()
                    .map(|&i| &self.facts[i])
                    .filter(|f| f.role == role && f.year == year)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Whether a fact can be relied on: another table gives the same value;
    /// or its row's own capaian follows from its target and realisasi; or
    /// another figure of its row is confirmed by another table and none is
    /// contradicted. A table whose columns were misread fails all three.
    fn trusted(&self, group: usize, i: usize) -> bool {
        let Some(g) = self.groups.get(group) else {
            return false;
        };
        let f = &self.facts[i];
        let others = |x: &Fact<'t>| {
            g.rows
                .iter()
                .map(|&j| &self.facts[j])
                .filter(move |o| o.table != x.table && o.role == x.role && o.year == x.year)
                .collect::<Vec<_>>()
        };
        let confirmed = |x: &Fact<'t>| {
            others(x)
                .iter()
                .any(|o| same_value(&o.figure, &x.figure, Decimal::ZERO))
        };
        if confirmed(f) {
            return true;
        }
        let row: Vec<&Fact<'t>> = g
            .rows
            .iter()
            .map(|&j| &self.facts[j])
            .filter(|o| o.table == f.table && std::ptr::eq(o.row, f.row))
            .collect();
        let of_year = |role: Said| {
            row.iter()
                .find(|o| o.role == role && o.year == f.year)
                .map(|o| o.figure.value)
        };
        if let (Some(t), Some(r), Some(c)) = (
            of_year(Said::Target),
            of_year(Said::Realisasi),
            of_year(Said::Capaian),
        ) && !t.is_zero()
            && !r.is_zero()
        {
            let h = Decimal::ONE_HUNDRED;
            let ways = [r / t * h, (t + t - r) / t * h, t / r * h];
            if ways.iter().any(|v| (*v - c).abs() < Decimal::ONE) {
                return true;
            }
        }
        let mut any = false;
        for o in &row {
            if others(o).is_empty() {
                continue;
            }
            if !confirmed(o) {
                return false;
            }
            any = true;
        }
        any
    }

    /// The one value the tables give (all trusted ones that give one agree), or why not.
    fn one_value(&self, group: usize, role: Said, year: i32) -> Result<&Fact<'t>, Why> {
        let Some(g) = self.groups.get(group) else {
            return Err(WHY_NO_VALUE);
        };
        let given: Vec<usize> = g
            .rows
            .iter()
            .copied()
            .filter(|&i| self.facts[i].role == role && self.facts[i].year == year)
            .collect();
        if given.is_empty() {
            return Err(WHY_NO_VALUE);
        }
        let all: Vec<&Fact<'t>> = given
            .iter()
            .filter(|&&i| self.trusted(group, i))
            .map(|&i| &self.facts[i])
            .collect();
        if all.is_empty() {
            return Err(WHY_UNTRUSTED);
        }
        let Some(first) = all.first() else {
            return Err(WHY_NO_VALUE);
        };
        if all
            .iter()
            .any(|f| !same_value(&f.figure, &first.figure, Decimal::ZERO))
        {
            return Err(WHY_AMBIGUOUS);
        }
        Ok(first)
    }
}

const WHY_AMBIGUOUS: Why = Why {
    en: "the tables give the indicator different values for this figure",
    id: "tabel-tabel memberi indikator nilai berbeda untuk angka ini",
};
const WHY_UNTRUSTED: Why = Why {
    en: "the indicator's row is neither confirmed by another table nor consistent in itself",
    id: "baris indikator tidak dikonfirmasi tabel lain dan tidak konsisten dengan dirinya",
};
const WHY_NO_VALUE: Why = Why {
    en: "no table gives the indicator's value for this role and year",
    id: "tidak ada tabel yang memuat nilai indikator untuk peran dan tahun ini",
};
const WHY_YEAR: Why = Why {
    en: "the year of the figure is unclear (the sentence names several years)",
    id: "tahun angka tidak jelas (kalimat menyebut beberapa tahun)",
};
const WHY_OTHER: Why = Why {
    en: "the sentence is about another quantity (a budget, average, plan target, several items)",
    id: "kalimat tentang besaran lain (anggaran, rata-rata, target rencana, beberapa butir)",
};
const WHY_UNIT: Why = Why {
    en: "the figure is in another unit than the indicator (a count of a percentage indicator)",
    id: "angka dalam satuan lain dari indikator (jumlah untuk indikator persentase)",
};
const WHY_SEVERAL: Why = Why {
    en: "the sentence names several indicators",
    id: "kalimat menyebut beberapa indikator",
};
const WHY_NAMED_OTHERWISE: Why = Why {
    en: "the table's value is what the sentence gives as another of the indicator's figures (the column holds what the sentence calls capaian)",
    id: "nilai tabel adalah angka lain indikator itu dalam kalimat yang sama (kolom memuat apa yang disebut kalimat capaian)",
};

// ---------------------------------------------------------------- sentences

/// The words of a text, spelled as `indicator_key` spells a label's.
fn name_tokens(text: &str) -> Vec<super::narrative_budget::Token> {
    let mut toks = tokens(text);
    for t in &mut toks {
        let w = match t.word.as_str() {
            "prosentase" | "presentase" | "persentasi" => "persentase",
            "jml" => "jumlah",
            _ => continue,
        };
        t.word = w.to_string();
    }
    toks
}

/// Per unit of the narrative (`Context::units`), the indicator names it
/// gives, for the indicators of the tables read skipping the columns `skip`
/// names: found once for the checks reading the same indicators.
pub(super) struct NamedUnits {
    skip: String,
    found: Vec<OnceLock<Vec<Mention>>>,
}

/// The names of `groups` (the indicators read skipping `skip`'s columns)
/// that unit `ui` gives; from `Context::indicator_names` when the same
/// indicators were looked for before.
fn names_in<'c>(
    ctx: &'c Context<'_, '_>,
    skip: &Pattern,
    groups: &[KeyGroup],
    ui: usize,
) -> Cow<'c, [Mention]> {
    let units = ctx.units();
    let find = || {
        let text = units.get(ui).map_or("", |u| u.text.as_str());
        let toks = name_tokens(text);
        mentions_with(text, &toks, groups, NAME_START, NAME_END)
    };
    let cache = ctx.indicator_names.get_or_init(|| NamedUnits {
        skip: skip.0.as_str().to_string(),
        found: units.iter().map(|_| OnceLock::new()).collect(),
    });
    match cache.found.get(ui) {
        Some(cell) if cache.skip == skip.0.as_str() => Cow::Borrowed(cell.get_or_init(find)),
        _ => Cow::Owned(find()),
    }
}

/// Words before an indicator's name in running text ("indikator kinerja X").
const NAME_START: &[&str] = &["indikator", "kinerja", "iku", "ik"];
/// Words after it ("X dapat dicapai", "X mencapai target").
const NAME_END: &[&str] = &[
    "dapat",
    "sudah",
    "mencapai",
    "melebihi",
    "melampaui",
    "tercapai",
    "terealisasi",
    "berjumlah",
    "ditargetkan",
    "target",
    "capaian",
    "pencapaian",
    "menunjukkan",
    "menunjukan",
    "mengalami",
    "belum",
    "tidak",
    "masih",
    "yaitu",
    "yakni",
    "hanya",
    "ik",
    "iku",
    "sebagai",
    "ini",
    "tersebut",
    "atau",
    "naik",
    "turun",
    "meningkat",
    "menurun",
];

/// The indicator each sentence of a unit is about: the one it names, or for a
/// sentence naming none, the one the sentence before (up to `FOLLOW` back) named.
#[derive(Debug, Clone)]
enum Subject {
    None,
    /// Named in the sentence itself (its mentions, in order).
    Named(Vec<Mention>),
    /// Carried over from an earlier sentence of the unit: the group, and
    /// the index of the sentence naming it.
    Carried(usize, usize),
}

/// Words introducing a subject of its own: a sasaran, another indicator, a program.
static NEW_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)\b(?:sasaran|indikator|misi|tujuan|program|kegiatan|iku)\b")
        .expect("valid regex")
});

/// How many sentences after the one naming an indicator still speak of it.
const FOLLOW: usize = 2;

fn subjects(sents: &[(usize, &str)], found: &[Mention]) -> Vec<Subject> {
    let mut out = Vec::with_capacity(sents.len());
    let mut last: Option<(usize, usize)> = None; // (group, sentence index)
    for (si, (at, s)) in sents.iter().enumerate() {
        let end = at + s.len();
        let here: Vec<Mention> = found
            .iter()
            .filter(|m| m.start >= *at && m.start < end)
            .cloned()
            .collect();
        if here.is_empty() {
            // A sentence introducing another subject ends the carry.
            if NEW_SUBJECT.is_match(s) {
                last = None;
            }
            match last {
                Some((g, from)) if si - from <= FOLLOW => out.push(Subject::Carried(g, from)),
                _ => out.push(Subject::None),
            }
            continue;
        }
        let first = here[0].group;
        last = here.iter().all(|m| m.group == first).then_some((first, si));
        // "Pada sasaran „…‟, peningkatan terjadi pada indikator „…‟": the
        // name the sentence calls the indicator, last, is what follows speaks of.
        if last.is_none()
            && let Some(m) = here.last()
            && s[..(m.start - at).min(s.len())]
                .trim_end_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
                .ends_with("indikator")
        {
            last = Some((m.group, si));
        }
        out.push(Subject::Named(here));
    }
    out
}

/// Between a role word and its figure: only words that do not change what
/// the figure is ("target pada tahun 2016 berjumlah 17", "realisasi tahun
/// 2015: 17", "target kinerja 15").
static GAP: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)^(?:[\s:,]|\b(?:kinerja|indikator|pada|di|dalam|tahun|(?:19|20)\d\d|sebesar|sebanyak|berjumlah|adalah|yaitu|yakni|ialah|senilai|hanya|nilai|nilainya|tercatat|ditetapkan|yang|ditargetkan|tercapai|terealisasi|diperoleh|baru|mencapai)\b)*$")
        .expect("valid regex")
});
/// Words before a role word that make it a comparison, not the figure's role:
/// "melebihi target kinerja yaitu 67 %".
static COMPARED: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)(?:melebihi|melampaui|mencapai|memenuhi|di\s*atas|di\s*bawah|sesuai(?:\s+dengan)?|lebih\s+(?:dari|tinggi|rendah|besar|kecil)(?:\s+dari)?|kurang\s+dari|mendekati|hampir|daripada|dibanding(?:kan)?(?:\s+dengan)?|ketimbang|penurunan|peningkatan|kenaikan|pertumbuhan|perubahan|selisih|naik|turun|meningkat|menurun)\s*$")
        .expect("valid regex")
});
/// A year right after a figure and its unit: "15 dokumen di tahun 2016".
static YEAR_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)^\s*%?\s*(?P<words>(?:\(?[\p{L}/.]+\)?\s+){0,3}?)(?:di|pada|selama|untuk|hingga)?\s*(?:akhir\s+)?tahun\s+(?P<y>(?:19|20)\d\d)\b")
        .expect("valid regex")
});
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"\b((?:19|20)\d\d)\b").expect("valid regex"));
/// "2013-2018": a period, not the year of a figure.
static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"\b(?:19|20)\d\d\s*(?:-|–|s\.?/?d\.?|sampai(?:\s+dengan)?)\s*(?:19|20)\d\d\b",
    )
    .expect("valid regex")
});
/// A word after a figure naming its unit (not a conjunction or preposition).
static UNIT_AFTER: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"^\s*\(?(?P<w>[\p{L}]{2,})").expect("valid regex"));
const NOT_UNITS: &[&str] = &[
    "dan",
    "atau",
    "dari",
    "pada",
    "di",
    "yang",
    "dengan",
    "tahun",
    "sehingga",
    "namun",
    "tetapi",
    "karena",
    "maka",
    "serta",
    "menjadi",
    "ke",
    "terhadap",
    "untuk",
    "hal",
    "ini",
    "tersebut",
    "persen",
    "sedangkan",
    "sementara",
    "dalam",
    "atas",
    "sebagai",
    "jika",
    "bila",
    "apabila",
    "berarti",
    "artinya",
    "melebihi",
    "mencapai",
    "telah",
    "sudah",
    "masih",
    "belum",
];
/// An indicator measured as a share, index or rate (not a count).
static RATIO_INDICATOR: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"^(?:persentase|persen|rasio|ratio|indeks|index|tingkat|cakupan|proporsi|angka|derajat|nilai|prevalensi|laju|rata)\b")
        .expect("valid regex")
});
static COUNT_INDICATOR: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"^(?:jumlah|banyaknya|banyak)\b").expect("valid regex")
});

/// Sentence ends: a full stop, semicolon, ! or ? followed by a space (a
/// decimal point is followed by a digit; a colon introduces a figure).
static SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"[.;!?](?:\s+|$)").expect("valid regex"));

/// Sentences of a unit with their byte offset in it.
fn sentences(text: &str) -> Vec<(usize, &str)> {
    super::narrative::sentences_ending(text, &SENTENCE_END)
}

fn years_in(text: &str) -> Vec<i32> {
    let periods: Vec<(usize, usize)> = PERIOD
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect();
    let mut ys: Vec<i32> = YEAR
        .captures_iter(text)
        .filter_map(|c| c.get(1))
        .filter(|m| {
            !periods
                .iter()
                .any(|(a, b)| m.start() >= *a && m.end() <= *b)
        })
        .filter_map(|m| m.as_str().parse().ok())
        .collect();
    ys.sort_unstable();
    ys.dedup();
    ys
}

/// The clause of a sentence holding byte `pos`: from the comma or semicolon
/// before it to the one after it.
fn clause_at(s: &str, pos: usize) -> &str {
    let pos = pos.min(s.len());
    let start = s[..pos].rfind([',', ';']).map_or(0, |i| i + 1);
    let end = s[pos..].find([',', ';']).map_or(s.len(), |i| pos + i);
    &s[start..end]
}

/// Byte ranges (or offsets and groups) within a sentence.
type Spans = Vec<(usize, usize)>;

/// A figure of a sentence with the role and year the words give it.
#[derive(Debug)]
struct Claim {
    role: Said,
    year: i32,
    figure: Figure,
}

/// The role words of a sentence (start, end, role), without those inside an
/// indicator's name or making a comparison.
fn markers(s: &str, names: &[(usize, usize)]) -> Vec<(usize, usize, Said)> {
    let mut out = Vec::new();
    for c in MARKER.captures_iter(s) {
        let (m, said) = if let Some(m) = c.name("r") {
            (m, Said::Realisasi)
        } else if let Some(m) = c.name("t") {
            (m, Said::Target)
        } else if let Some(m) = c.name("c") {
            (m, Said::Capaian)
        } else {
            continue;
        };
        if in_title_case_name(s, m.start(), m.end())
            || names.iter().any(|(a, b)| m.start() < *b && m.end() > *a)
            || COMPARED.is_match(&s[..m.start()])
        {
            continue;
        }
        out.push((m.start(), m.end(), said));
    }
    out
}

/// The role and year each figure of a sentence has, or why it is unclear.
/// `context_years`: the years the sentences since the one naming the
/// indicator name (outside periods).
fn claims_in(
    s: &str,
    names: &[(usize, usize)],
    year_n: Option<i32>,
    context_years: &[i32],
    out: &mut Sink,
) -> Vec<Claim> {
    let figs: Vec<Figure> = figures(s)
        .into_iter()
        .filter(|f| !is_year(f) && f.kind != FigureKind::Rupiah)
        .filter(|f| !names.iter().any(|(a, b)| f.start < *b && f.end > *a))
        .collect();
    let marks = markers(s, names);
    let mut claims = Vec::new();
    for (k, f) in figs.iter().enumerate() {
        // The role word right before the figure, no other figure between.
        let Some(&(mstart, mend, said)) = marks.iter().rev().find(|(_, e, _)| *e <= f.start) else {
            continue;
        };
        if k > 0 && figs[k - 1].end > mend {
            continue;
        }
        let gap = &s[mend..f.start];
        if gap.len() > 60 || !GAP.is_match(gap) {
            continue;
        }
        if bounded(s, f) {
            continue;
        }
        // The figure's clause: from its role word to the next role word or
        // comma after it ("target kinerja 15 dokumen di tahun 2016, …").
        let next_mark = MARKER.find_at(s, f.end).map_or(s.len(), |m| m.start());
        let comma = s[f.end..].find([',', ';']).map_or(s.len(), |i| f.end + i);
        let clause_end = next_mark.min(comma);
        let mut years = years_in(&s[mend..clause_end]);
        if let Some(c) = YEAR_AFTER.captures(&s[f.end..]) {
            let words = c.name("words").map_or("", |w| w.as_str());
            if !MARKER.is_match(words)
                && let Some(y) = c.name("y").and_then(|y| y.as_str().parse().ok())
            {
                years.push(y);
            }
        }
        years.sort_unstable();
        years.dedup();
        let year = match years.as_slice() {
            [y] => *y,
            [] => {
                // The sentence's frame: a year before the role word ("Pada
                // tahun 2015, realisasi …"); one after the figure may be another's.
                let ys = years_in(&s[..mstart]);
                match ys.as_slice() {
                    [y] => *y,
                    [] => match year_n {
                        Some(n) if context_years.iter().all(|y| *y == n) => n,
                        _ => {
                            out.skip(WHY_YEAR);
                            continue;
                        }
                    },
                    _ => {
                        out.skip(WHY_YEAR);
                        continue;
                    }
                }
            }
            _ => {
                out.skip(WHY_YEAR);
                continue;
            }
        };
        claims.push(Claim {
            role: said,
            year,
            figure: f.clone(),
        });
    }
    claims
}

/// The unit word after a figure, if any.
fn unit_after(s: &str, f: &Figure) -> Option<String> {
    if f.kind == FigureKind::Percent {
        return None;
    }
    // "10 dokumen": the unit read with the figure.
    let own: String = f
        .text
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
        .trim()
        .to_lowercase();
    if own.chars().any(char::is_alphabetic) {
        return Some(own);
    }
    let c = UNIT_AFTER.captures(&s[f.end..])?;
    let w = c.name("w")?.as_str().to_lowercase();
    (!NOT_UNITS.contains(&w.as_str())).then_some(w)
}

// ---------------------------------------------------------------- indicator figures

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FiguresParams {
    /// Columns that are not one year's value of the indicator (cumulative,
    /// end-of-plan, baseline, differences…).
    skip_column: Pattern,
    /// Words making a sentence about another quantity: budgets, averages,
    /// plan targets, several items ("masing-masing").
    other_word: Pattern,
    /// Words of the plan (Renstra, RPJMD, end of period): the figure is about
    /// another quantity only when they stand in the clause holding the
    /// indicator's name or the figure, not in a lead-in ("Dalam rangka misi
    /// RPJMD …, indikator X …") or a clause about the plan's target.
    #[serde(default)]
    plan_word: Option<Pattern>,
    #[serde(default)]
    chapters: Chapters,
}

/// An indicator's target, realisasi or capaian of a year in the narrative
/// against its row in the tables.
#[derive(Debug)]
pub struct IndicatorFigures {
    p: FiguresParams,
}

impl IndicatorFigures {
    pub fn new(p: FiguresParams) -> Result<Self, String> {
        Ok(IndicatorFigures { p })
    }
}

/// One sentence of a unit naming indicators: where it starts in the unit,
/// the names it gives (spans within it) and the group each name is of.
struct NamingSentence<'a> {
    unit: &'a Paragraph,
    at: usize,
    text: &'a str,
    names: Spans,
    group_at: Spans,
}

impl Check for IndicatorFigures {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let ind = Indicators::shared(ctx, &self.p.skip_column);
        if ind.groups.is_empty() {
            return;
        }
        for (ui, unit) in ctx.units().iter().enumerate() {
            if crate::limits::out_of_time() {
                return;
            }
            if !self.p.chapters.contains(unit.chapter) {
                continue;
            }
            let found = names_in(ctx, &self.p.skip_column, &ind.groups, ui);
            if found.is_empty() {
                continue;
            }
            let sents = sentences(&unit.text);
            let subj = subjects(&sents, &found);
            for (si, (&(at, text), subject)) in sents.iter().zip(&subj).enumerate() {
                let (from, names, group_at): (usize, Spans, Spans) = match subject {
                    Subject::None => continue,
                    Subject::Carried(g, from) => (*from, Vec::new(), vec![(0, *g)]),
                    Subject::Named(ms) => (
                        si,
                        ms.iter().map(|m| (m.start - at, m.end - at)).collect(),
                        ms.iter().map(|m| (m.start - at, m.group)).collect(),
                    ),
                };
                // Years of the sentences the subject is carried over.
                let context_years: Vec<i32> = sents[from..si]
                    .iter()
                    .flat_map(|(_, t)| years_in(t))
                    .collect();
                let sentence = NamingSentence {
                    unit,
                    at,
                    text,
                    names,
                    group_at,
                };
                self.sentence(ctx, &ind, &sentence, &context_years, out);
            }
        }
    }
}

impl IndicatorFigures {
    /// The figures one sentence gives its indicators, each against the tables.
    fn sentence(
        &self,
        ctx: &Context<'_, '_>,
        ind: &Indicators,
        sentence: &NamingSentence<'_>,
        context_years: &[i32],
        out: &mut Sink,
    ) {
        let s = sentence.text;
        let claims = claims_in(s, &sentence.names, ctx.year(), context_years, out);
        if claims.is_empty() {
            return;
        }
        // The sentence without the names: what else it speaks of.
        let mut rest = s.to_string();
        for (a, b) in sentence.names.iter().rev() {
            rest.replace_range(*a..*b, " ");
        }
        if self.p.other_word.is_match(&rest) {
            claims.iter().for_each(|_| out.skip(WHY_OTHER));
            return;
        }
        for c in &claims {
            if let Some(plan) = &self.p.plan_word {
                let at_plan = |pos: usize| plan.is_match(clause_at(s, pos));
                if at_plan(c.figure.start) || sentence.names.iter().any(|(a, _)| at_plan(*a)) {
                    out.skip(WHY_OTHER);
                    continue;
                }
            }
            let Some(group) = owner(&sentence.group_at, c.figure.start) else {
                out.skip(WHY_SEVERAL);
                continue;
            };
            out.record(self.compare(ctx, ind, sentence, group, c, &claims));
        }
    }
}

/// Whose figure at `start` is: the only name of the sentence, or the name(s)
/// before it when they are all one indicator's.
fn owner(group_at: &[(usize, usize)], start: usize) -> Option<usize> {
    if let [(_, g)] = group_at {
        return Some(*g);
    }
    let before: Vec<usize> = group_at
        .iter()
        .filter(|(a, _)| *a < start)
        .map(|(_, g)| *g)
        .collect();
    let last = *before.last()?;
    before.iter().all(|&g| g == last).then_some(last)
}

impl IndicatorFigures {
    /// One claim against the one value the tables give its indicator.
    fn compare(
        &self,
        ctx: &Context<'_, '_>,
        ind: &Indicators,
        sentence: &NamingSentence<'_>,
        group: usize,
        c: &Claim,
        claims: &[Claim],
    ) -> Outcome {
        let fact = match ind.one_value(group, c.role, c.year) {
            Ok(f) => f,
            Err(why) => return Outcome::Skipped(why),
        };
        let key = ind.groups[group].words.join(" ");
        let has_unit = unit_after(sentence.text, &c.figure).is_some();
        if wrong_unit(&key, has_unit, c) {
            return Outcome::Skipped(WHY_UNIT);
        }
        if same_value(&c.figure, &fact.figure, ctx.tolerance) {
            return Outcome::Agrees;
        }
        if named_otherwise(claims, c, &fact.figure, ctx.tolerance) {
            return Outcome::Skipped(WHY_NAMED_OTHERWISE);
        }
        Outcome::Differs(differs(ctx, ind, sentence, group, c, fact))
    }
}

/// Whether the table's value (`table`) for claim `c` is what the same
/// sentence gives as another of the indicator's figures that year: "target
/// 28.90‰ realisasi 25.05 dengan capaian 86.68" against a "Realisasi (%)"
/// column of 86.68 (the column holds the capaian).
fn named_otherwise(claims: &[Claim], c: &Claim, table: &Figure, tolerance: Decimal) -> bool {
    claims
        .iter()
        .any(|o| o.role != c.role && o.year == c.year && same_value(&o.figure, table, tolerance))
}

/// A count of a percentage indicator, a percentage of a count, a capaian
/// with a unit word: the figure is not the indicator's value in the table.
fn wrong_unit(key: &str, has_unit: bool, c: &Claim) -> bool {
    let stated_pct = c.figure.kind == FigureKind::Percent;
    (RATIO_INDICATOR.is_match(key) && has_unit)
        || (COUNT_INDICATOR.is_match(key) && stated_pct && c.role != Said::Capaian)
        || (c.role == Said::Capaian && has_unit)
}

/// What the stated figure is in the indicator's rows, if anything: a swap
/// (another role or year), said after the computation.
fn swap_note(ind: &Indicators, group: usize, c: &Claim, tolerance: Decimal) -> Localized {
    let swapped = ind
        .groups
        .get(group)
        .into_iter()
        .flat_map(|g| g.rows.iter().map(|&i| &ind.facts[i]))
        .find(|f| {
            (f.role, f.year) != (c.role, c.year) && same_value(&c.figure, &f.figure, tolerance)
        });
    match swapped {
        Some(f) => Localized::new(
            format!(
                "; {} adalah {} {} indikator itu",
                c.figure.text.trim(),
                f.role.name(),
                f.year
            ),
            format!(
                "; {} is the indicator's {} {}",
                c.figure.text.trim(),
                f.role.name(),
                f.year
            ),
        ),
        None => Localized::same(String::new()),
    }
}

/// " (also 2 other tables)" when more tables than the one cited give the value.
fn also_note(others: usize) -> Localized {
    if others > 0 {
        Localized::new(
            format!(" (juga {others} tabel lain)"),
            format!(" (also {others} other tables)"),
        )
    } else {
        Localized::same(String::new())
    }
}

/// The finding for a claim that differs from the table's value.
fn differs(
    ctx: &Context<'_, '_>,
    ind: &Indicators,
    sentence: &NamingSentence<'_>,
    group: usize,
    c: &Claim,
    fact: &Fact<'_>,
) -> Draft {
    let table = &ctx.report.tables[fact.table];
    let tname = table_name(table);
    let note = swap_note(ind, group, c, ctx.tolerance);
    let role = c.role.name();
    let year = c.year;
    let value = &fact.figure;
    let related: Vec<usize> = ind
        .values(group, c.role, c.year)
        .iter()
        .map(|f| ctx.row_line(f.row.page, f.row.line))
        .collect();
    let also = also_note(related.len().saturating_sub(1));
    let (line, col) = ctx.locate(sentence.unit, sentence.at + c.figure.start);
    let value_shown = if c.role == Said::Capaian {
        pct(value.value)
    } else {
        shown(value)
    };
    Draft {
        line,
        stated: c.figure.text.trim().to_string(),
        expected: like(&c.figure, value.value),
        computation: Localized::new(
            format!(
                "{role} {year} \"{}\" di {} (hlm. {}, baris {}): {}{}{}",
                fact.label, tname.id, fact.row.page, fact.row.line, value_shown, also.id, note.id
            ),
            format!(
                "{role} {year} of \"{}\" in {} (p. {}, line {}): {}{}{}",
                fact.label, tname.en, fact.row.page, fact.row.line, value_shown, also.en, note.en
            ),
        ),
        related,
        highlight: Some((col, col + c.figure.text.len())),
        ..Default::default()
    }
    .var(
        "quantity",
        Localized::new(
            format!("{role} {year} \"{}\"", fact.label),
            format!("{role} {year} of \"{}\"", fact.label),
        ),
    )
    .var("table", tname)
    .var("difference", difference(c.figure.value, value.value))
}

// ---------------------------------------------------------------- claims on the target

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetClaimParams {
    skip_column: Pattern,
    /// Words making a sentence about another quantity (see `indicator_figures`).
    other_word: Pattern,
    /// Words of the plan, checked in the clauses of the name and the claim
    /// (see `indicator_figures`).
    #[serde(default)]
    plan_word: Option<Pattern>,
    #[serde(default)]
    chapters: Chapters,
}

/// "… indikator X … dengan realisasi melebihi target" against X's capaian.
#[derive(Debug)]
pub struct IndicatorTargetClaim {
    p: TargetClaimParams,
}

impl IndicatorTargetClaim {
    pub fn new(p: TargetClaimParams) -> Result<Self, String> {
        Ok(IndicatorTargetClaim { p })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Exceeded,
    Reached,
    Missed,
}

static EXCEEDED: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)\b(?:melebihi|melampaui|di\s*atas|lebih\s+(?:tinggi\s+|besar\s+)?dari)\s+(?:dari\s+)?(?:yang\s+)?(?:target|ditargetkan)\b")
        .expect("valid regex")
});
static MISSED: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)\b(?:(?:tidak|belum)\s+(?:dapat\s+|berhasil\s+|bisa\s+)?(?:mencapai|memenuhi)\s+(?:target|yang\s+ditargetkan)|di\s*bawah\s+(?:target|yang\s+ditargetkan)|kurang\s+dari\s+(?:target|yang\s+ditargetkan))\b")
        .expect("valid regex")
});
static REACHED: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)\b(?:telah|sudah|berhasil)\s+(?:dapat\s+)?(?:mencapai|memenuhi)\s+target\b(?P<after>\s*(?:kinerja\s*)?(?:sebesar|yaitu|yakni)?\s*\d)?")
        .expect("valid regex")
});
/// A negation or hedge right before a claim ("tidak melebihi", "hampir mencapai").
static HEDGED: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)\b(?:tidak|belum|hampir|nyaris|mendekati|diharapkan|agar|supaya|untuk|upaya|dapat\s+dikatakan)\s+(?:\w+\s+)?$")
        .expect("valid regex")
});

const WHY_NO_CAPAIAN: Why = Why {
    en: "no table gives the indicator's capaian of the year (or they differ)",
    id: "tidak ada tabel yang memuat capaian indikator tahun ini (atau berbeda)",
};

impl Verdict {
    /// The claim a sentence makes, where it starts and ends: the first
    /// wording of each verdict that no hedge or negation weakens.
    fn claimed(s: &str) -> Option<(Verdict, usize, usize)> {
        [
            (Verdict::Exceeded, &*EXCEEDED),
            (Verdict::Missed, &*MISSED),
            (Verdict::Reached, &*REACHED),
        ]
        .into_iter()
        .find_map(|(v, re)| {
            re.captures_iter(s)
                .find(|c| {
                    let m = c.get(0).map_or(0, |m| m.start());
                    (v == Verdict::Missed || !HEDGED.is_match(&s[..m])) && c.name("after").is_none()
                })
                .and_then(|c| c.get(0))
                .map(|m| (v, m.start(), m.end()))
        })
    }

    /// Whether a capaian (and the realisasi against the target, when both
    /// are known) contradicts the claim.
    fn contradicted(self, capaian: Decimal, literal: Option<std::cmp::Ordering>) -> bool {
        use std::cmp::Ordering::*;
        let hundred = Decimal::ONE_HUNDRED;
        match self {
            Verdict::Exceeded => capaian <= hundred && literal.is_none_or(|o| o != Greater),
            Verdict::Missed => capaian >= hundred && literal.is_none_or(|o| o != Less),
            Verdict::Reached => capaian < hundred && literal.is_none_or(|o| o == Less),
        }
    }

    /// What was claimed ("melebihi target").
    fn said(self) -> Localized {
        match self {
            Verdict::Exceeded => Localized::new("melebihi target", "exceeded the target"),
            Verdict::Missed => Localized::new("tidak mencapai target", "missed the target"),
            Verdict::Reached => Localized::new("mencapai target", "reached the target"),
        }
    }

    /// What the capaian shows instead.
    fn instead(self, capaian: Decimal) -> Localized {
        let exact = capaian == Decimal::ONE_HUNDRED;
        match self {
            _ if exact && self != Verdict::Reached => {
                Localized::new("tepat mencapai target", "exactly at target")
            }
            Verdict::Missed => Localized::new("melebihi target", "above target"),
            _ => Localized::new("di bawah target", "below target"),
        }
    }
}

impl Check for IndicatorTargetClaim {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let ind = Indicators::shared(ctx, &self.p.skip_column);
        if ind.groups.is_empty() {
            return;
        }
        let Some(year_n) = ctx.year() else { return };
        for (ui, unit) in ctx.units().iter().enumerate() {
            if crate::limits::out_of_time() {
                return;
            }
            if !self.p.chapters.contains(unit.chapter) {
                continue;
            }
            let found = names_in(ctx, &self.p.skip_column, &ind.groups, ui);
            if found.is_empty() {
                continue;
            }
            for (at, s) in sentences(&unit.text) {
                let here: Vec<&Mention> = found
                    .iter()
                    .filter(|m| m.start >= at && m.start < at + s.len())
                    .collect();
                let Some(first) = here.first() else { continue };
                let Some((verdict, cs, ce)) = Verdict::claimed(s) else {
                    continue;
                };
                // The claim follows the indicator's name.
                if first.start - at > cs {
                    continue;
                }
                if let Err(why) = self.about_the_year(s, at, &here, cs, year_n) {
                    out.skip(why);
                    continue;
                }
                let Ok(cap) = ind.one_value(first.group, Said::Capaian, year_n) else {
                    out.skip(WHY_NO_CAPAIAN);
                    continue;
                };
                let target = ind.one_value(first.group, Said::Target, year_n).ok();
                let real = ind.one_value(first.group, Said::Realisasi, year_n).ok();
                // The literal reading: the realisasi against the target.
                let literal = real
                    .zip(target)
                    .map(|(r, t)| r.figure.value.cmp(&t.figure.value));
                if !verdict.contradicted(cap.figure.value, literal) {
                    out.agree();
                    continue;
                }
                let (line, col) = ctx.locate(unit, at + cs);
                let stated = s[cs..ce].trim().to_string();
                let rt = real.zip(target).map_or_else(String::new, |(r, t)| {
                    format!(
                        " (realisasi {} / target {})",
                        r.figure.text.trim(),
                        t.figure.text.trim()
                    )
                });
                let claim = TargetClaim {
                    verdict,
                    line,
                    col,
                    stated,
                    year: year_n,
                    capaian: cap,
                    real_target: rt,
                };
                out.push(claim.draft(ctx));
            }
        }
    }
}

impl IndicatorTargetClaim {
    /// Whether the sentence speaks of one indicator of the report's year
    /// only: not of several, of another quantity, of the plan or another year.
    fn about_the_year(
        &self,
        s: &str,
        at: usize,
        here: &[&Mention],
        claim_start: usize,
        year_n: i32,
    ) -> Result<(), Why> {
        if here.iter().any(|m| m.group != here[0].group) {
            return Err(WHY_SEVERAL);
        }
        let mut rest = s.to_string();
        for m in here.iter().rev() {
            rest.replace_range(m.start - at..m.end - at, " ");
        }
        if self.p.other_word.is_match(&rest) {
            return Err(WHY_OTHER);
        }
        if let Some(plan) = &self.p.plan_word {
            let at_plan = |pos: usize| plan.is_match(clause_at(s, pos));
            if at_plan(claim_start) || here.iter().any(|m| at_plan(m.start - at)) {
                return Err(WHY_OTHER);
            }
        }
        if years_in(&rest).iter().any(|y| *y != year_n) {
            return Err(WHY_YEAR);
        }
        Ok(())
    }
}

/// A claim on the target found contradicted by the indicator's capaian.
struct TargetClaim<'a, 't> {
    verdict: Verdict,
    line: usize,
    /// Where the claim's words start in the line, in bytes.
    col: usize,
    stated: String,
    year: i32,
    capaian: &'a Fact<'t>,
    /// " (realisasi 8 / target 10)" when the row gives both.
    real_target: String,
}

impl TargetClaim<'_, '_> {
    fn draft(self, ctx: &Context<'_, '_>) -> Draft {
        let (cap, verdict, year_n, rt) = (self.capaian, self.verdict, self.year, &self.real_target);
        let c = cap.figure.value;
        let tname = table_name(&ctx.report.tables[cap.table]);
        let instead = verdict.instead(c);
        let place = |table: &str, page: &str, line: &str| {
            format!(
                "\"{}\" {table} ({page} {}, {line} {}): {}%{rt}",
                cap.label,
                cap.row.page,
                cap.row.line,
                shown(&cap.figure)
            )
        };
        Draft {
            line: self.line,
            highlight: Some((self.col, self.col + self.stated.len())),
            stated: self.stated,
            expected: format!("capaian {}%", pct(c)),
            computation: Localized::new(
                format!(
                    "capaian {year_n} {} → {}",
                    place(&format!("di {}", tname.id), "hlm.", "baris"),
                    instead.id
                ),
                format!(
                    "capaian {year_n} of {} → {}",
                    place(&format!("in {}", tname.en), "p.", "line"),
                    instead.en
                ),
            ),
            related: vec![ctx.row_line(cap.row.page, cap.row.line)],
            ..Default::default()
        }
        .var("indicator", Localized::same(cap.label.clone()))
        .var("claim", verdict.said())
        .var("table", tname)
    }
}

// ---------------------------------------------------------------- efficiency

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EfficiencyParams {
    /// The column giving each indicator's efficiency ("Tingkat Efisiensi").
    column: Pattern,
    /// The words right before a stated efficiency ("efisiensi anggaran
    /// sebesar", "efisiensi anggaran masing-masing sebesar").
    phrase: Pattern,
    #[serde(default)]
    chapters: Chapters,
}

/// "… indikator X … dengan tingkat efisiensi anggaran sebesar 105,07%": the
/// efficiency the narrative gives a named indicator (or, "masing-masing",
/// each of the indicators it names in order) against its row's efficiency
/// column in the report's own table.
#[derive(Debug)]
pub struct IndicatorEfficiency {
    p: EfficiencyParams,
}

impl IndicatorEfficiency {
    pub fn new(p: EfficiencyParams) -> Result<Self, String> {
        Ok(IndicatorEfficiency { p })
    }
}

/// One indicator row's efficiency in one table.
#[derive(Debug)]
struct Efficiency<'t> {
    table: usize,
    row: &'t Row,
    label: String,
    figure: Figure,
}

/// "X%", "X% dan Y%", "X%, Y% dan Z%" right after the phrase.
static PERCENT_LIST: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"^\s*\d+(?:[.,]\d+)?\s*%(?:\s*(?:,|dan|serta)\s*\d+(?:[.,]\d+)?\s*%)*")
        .expect("valid regex")
});
static AVERAGED: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)rata[\s-]*rata\s*(?:tingkat\s+)?$").expect("valid regex")
});
static EACH: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"(?i)masing[\s-]*masing").expect("valid regex"));

const WHY_COUNT: Why = Why {
    en: "the sentence gives more or fewer figures than it names indicators",
    id: "jumlah angka kalimat tidak sama dengan jumlah indikator yang disebut",
};

impl IndicatorEfficiency {
    fn rows<'t>(&self, ctx: &'t Context<'_, '_>) -> Vec<Efficiency<'t>> {
        let mut out = Vec::new();
        for (ti, table) in ctx.report.tables.iter().enumerate() {
            let cols: Vec<usize> = (0..table.columns.len())
                .filter(|&c| {
                    self.p.column.is_match(&table.columns[c])
                        && table.roles.get(c).is_some_and(|r| !r.money)
                })
                .collect();
            let [col] = cols.as_slice() else { continue };
            for row in &table.rows {
                let Some(label) = label_left(table, row, *col) else {
                    continue;
                };
                let key = indicator_key(label);
                if !specific(&key)
                    || TOTAL_LABEL.is_match(label)
                    || (row.kind == RowKind::Total && !super::quantities::named_count(&key))
                {
                    continue;
                }
                let Some(cell) = row.cell(*col) else { continue };
                let Some(figure) = cell.figure.clone() else {
                    continue;
                };
                if NOT_A_VALUE.is_match(&cell.text) {
                    continue;
                }
                out.push(Efficiency {
                    table: ti,
                    row,
                    label: label.to_string(),
                    figure,
                });
            }
        }
        out
    }
}

impl Check for IndicatorEfficiency {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let rows = self.rows(ctx);
        let groups = key_groups(rows.iter().map(|r| r.label.as_str()));
        if groups.is_empty() {
            return;
        }
        for unit in ctx.units() {
            if crate::limits::out_of_time() {
                return;
            }
            if !self.p.chapters.contains(unit.chapter) {
                continue;
            }
            let toks = name_tokens(&unit.text);
            let found = mentions_with(&unit.text, &toks, &groups, NAME_START, NAME_END);
            if found.is_empty() {
                continue;
            }
            for (at, s) in sentences(&unit.text) {
                for stated in stated_efficiencies(s, &self.p.phrase.0) {
                    // The indicators named since the last stated efficiency, in order.
                    let named = named_in(
                        found.iter().map(|x| (x.start, x.group)),
                        at + stated.since..at + stated.phrase_start,
                    );
                    if named.is_empty() {
                        continue;
                    }
                    let n = stated.figures.len();
                    if n != named.len() || (n > 1 && !stated.each) {
                        stated.figures.iter().for_each(|_| out.skip(WHY_COUNT));
                        continue;
                    }
                    for (f, g) in stated.figures.iter().zip(&named) {
                        let given: Vec<&Efficiency> =
                            groups[*g].rows.iter().map(|&i| &rows[i]).collect();
                        if let Some(outcome) = judge_efficiency(ctx, unit, at, f, &given) {
                            out.record(outcome);
                        }
                    }
                }
            }
        }
    }
}

/// The groups of rows naming one indicator (a key specific enough), in the
/// order the labels first name them; `rows` index the labels.
fn key_groups<'a>(labels: impl Iterator<Item = &'a str>) -> Vec<KeyGroup> {
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut groups: Vec<KeyGroup> = Vec::new();
    for (i, label) in labels.enumerate() {
        let key = indicator_key(label);
        if !specific(&key) {
            continue;
        }
        match by_key.get(&key) {
            Some(&g) => groups[g].rows.push(i),
            None => {
                by_key.insert(key.clone(), groups.len());
                groups.push(KeyGroup {
                    words: key.split(' ').map(str::to_string).collect(),
                    rows: vec![i],
                    level: Level::Unknown,
                });
            }
        }
    }
    groups
}

/// Efficiencies a sentence states after one match of the phrase.
#[derive(Debug)]
struct StatedEfficiencies {
    /// End of the phrase before (0 for the first): the indicators named
    /// from there to this phrase are the ones it speaks of.
    since: usize,
    phrase_start: usize,
    /// The figures ("X%", "X% dan Y%"), placed in the sentence.
    figures: Vec<Figure>,
    /// "masing-masing": one figure for each indicator named.
    each: bool,
}

/// Each match of `phrase` in sentence `s` followed by a list of
/// percentages, not an average ("rata-rata efisiensi anggaran sebesar …").
fn stated_efficiencies(s: &str, phrase: &Regex) -> Vec<StatedEfficiencies> {
    let mut out = Vec::new();
    let mut from = 0;
    for m in phrase.find_iter(s) {
        let since = from;
        from = m.end();
        let Some(list) = PERCENT_LIST.find(&s[m.end()..]) else {
            continue;
        };
        if AVERAGED.is_match(&s[..m.start()]) {
            continue;
        }
        let figures = figures(list.as_str())
            .into_iter()
            .map(|mut f| {
                f.start += m.end();
                f.end += m.end();
                f
            })
            .collect();
        out.push(StatedEfficiencies {
            since,
            phrase_start: m.start(),
            figures,
            each: EACH.is_match(m.as_str()),
        });
    }
    out
}

/// The groups named (`found`: start and group of each mention) in `range`
/// of the unit, in order, a group named twice in a row once.
fn named_in(
    found: impl Iterator<Item = (usize, usize)>,
    range: std::ops::Range<usize>,
) -> Vec<usize> {
    let mut named: Vec<usize> = Vec::new();
    for (_, group) in found.filter(|(start, _)| range.contains(start)) {
        if named.last() != Some(&group) {
            named.push(group);
        }
    }
    named
}

/// A stated efficiency `f` (in the sentence at `at` of `unit`) against the
/// rows `given` of the indicator it names; None when there are none.
fn judge_efficiency(
    ctx: &Context<'_, '_>,
    unit: &Paragraph,
    at: usize,
    f: &Figure,
    given: &[&Efficiency<'_>],
) -> Option<Outcome> {
    let first = given.first()?;
    if given
        .iter()
        .any(|e| !same_value(&e.figure, &first.figure, Decimal::ZERO))
    {
        return Some(Outcome::Skipped(WHY_AMBIGUOUS));
    }
    if same_value(f, &first.figure, ctx.tolerance) {
        return Some(Outcome::Agrees);
    }
    let tname = table_name(&ctx.report.tables[first.table]);
    let (line, col) = ctx.locate(unit, at + f.start);
    let (label, row, printed) = (&first.label, first.row, first.figure.text.trim());
    let draft = Draft {
        line,
        stated: f.text.trim().to_string(),
        expected: like(f, first.figure.value),
        computation: Localized::new(
            format!(
                "efisiensi \"{label}\" di {} (hlm. {}, baris {}): {printed}",
                tname.id, row.page, row.line,
            ),
            format!(
                "efficiency of \"{label}\" in {} (p. {}, line {}): {printed}",
                tname.en, row.page, row.line,
            ),
        ),
        related: given
            .iter()
            .map(|e| ctx.row_line(e.row.page, e.row.line))
            .collect(),
        highlight: Some((col, col + f.text.len())),
        ..Default::default()
    }
    .var(
        "quantity",
        Localized::new(
            format!("efisiensi \"{label}\""),
            format!("the efficiency of \"{label}\""),
        ),
    )
    .var("table", tname)
    .var("difference", difference(f.value, first.figure.value));
    Some(Outcome::Differs(draft))
}

// ---------------------------------------------------------------- extreme efficiency

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtremeParams {
    /// The column giving each row's efficiency ("Tingkat Efisiensi").
    column: Pattern,
    /// The column giving each row's capaian ("Capaian Kinerja (%)").
    capaian_column: Pattern,
    #[serde(default)]
    chapters: Chapters,
}

/// "Tingkat efisiensi tertinggi … sebesar 29,87" against the highest (or
/// lowest) value of the efficiency column of the report's one efficiency
/// table; and, when the stated efficiency is that extreme and one row holds
/// it, the capaian the sentence gives with it ("dengan capaian kinerja
/// >100%") against that row's capaian.
#[derive(Debug)]
pub struct EfficiencyExtreme {
    p: ExtremeParams,
}

impl EfficiencyExtreme {
    pub fn new(p: ExtremeParams) -> Result<Self, String> {
        Ok(EfficiencyExtreme { p })
    }
}

static EXTREME: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)\befisiensi(?:\s+anggaran)?\s+(?:yang\s+)?(?:(?P<hi>tertinggi|paling\s+tinggi)|(?P<lo>terr?endah|paling\s+rendah))\b")
        .expect("valid regex")
});
/// The efficiency stated after the superlative: "sebesar 0,45", "efisiensi 20,36%".
static EXTREME_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)\b(?:sebesar|efisiensi(?:\s+anggaran)?(?:\s+sebesar)?|yaitu|adalah|mencapai)\s+(?P<v>\d+(?:[.,]\d+)?)(?:\s*%)?")
        .expect("valid regex")
});
/// The capaian given with it: "capaian kinerja >100%", "capaian kinerja 100%".
static WITH_CAPAIAN: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)\bcapaian(?:\s+kinerja)?(?:nya)?\s+(?:sebesar\s+)?(?P<b>>|≥|<|≤|lebih\s+dari|di\s*atas|melebihi|kurang\s+dari|di\s*bawah)?\s*(?P<v>\d+(?:[.,]\d+)?)\s*%")
        .expect("valid regex")
});

static MONEY_WORD: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"(?i)\brp\.?|\brupiah\b").expect("valid regex"));
static MONEY_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)^[.,]?\d*\s*(?:,-|rupiah|ribu|juta|miliar|milyar|triliun)")
        .expect("valid regex")
});

const WHY_TABLES: Why = Why {
    en: "the report has no single efficiency table",
    id: "laporan tidak memiliki satu tabel efisiensi",
};
const WHY_ONE_ROW: Why = Why {
    en: "the efficiency table was read with fewer than two rows: nothing to rank",
    id: "tabel efisiensi terbaca kurang dari dua baris: tidak ada yang dibandingkan",
};

/// One row of the efficiency table: its efficiency and the capaian of the
/// indicators it covers (itself and the unnumbered rows after it that give no
/// efficiency of their own).
struct ExtremeRow<'t> {
    row: &'t Row,
    efficiency: Figure,
    capaian: Vec<Figure>,
}

/// The report's one efficiency table and its rows.
struct EfficiencyTable<'t> {
    table: &'t Table,
    rows: Vec<ExtremeRow<'t>>,
}

impl<'t> EfficiencyTable<'t> {
    /// The rows holding the highest (or lowest) efficiency, in table order;
    /// None when the table has no efficiency.
    fn holders(&self, high: bool) -> Option<Vec<&ExtremeRow<'t>>> {
        let values = self.rows.iter().map(|r| r.efficiency.value);
        let extreme = if high { values.max() } else { values.min() }?;
        Some(
            self.rows
                .iter()
                .filter(|r| r.efficiency.value == extreme)
                .collect(),
        )
    }
}

/// A sentence naming the highest or lowest efficiency.
struct ExtremeClaim<'u> {
    unit: &'u Paragraph,
    /// Byte offset of the sentence in the unit.
    at: usize,
    sentence: &'u str,
    /// End of the superlative in the sentence.
    end: usize,
    high: bool,
}

impl ExtremeClaim<'_> {
    /// "tertinggi" / "highest" or "terendah" / "lowest".
    fn which(&self) -> Localized {
        if self.high {
            Localized::new("tertinggi", "highest")
        } else {
            Localized::new("terendah", "lowest")
        }
    }

    /// The `claim` variable of a message: "efisiensi tertinggi".
    fn claim(&self, what_id: &str, what_en: &str) -> Localized {
        let which = self.which();
        Localized::new(
            format!("{what_id} {}", which.id),
            format!("{what_en} {}", which.en),
        )
    }
}

/// The sentences of the checked chapters naming an extreme efficiency.
fn extreme_claims<'u>(units: &'u [Paragraph], chapters: &Chapters) -> Vec<ExtremeClaim<'u>> {
    let mut claims = Vec::new();
    for unit in units.iter().filter(|u| chapters.contains(u.chapter)) {
        for (at, sentence) in sentences(&unit.text) {
            if let Some(m) = EXTREME.captures(sentence) {
                claims.push(ExtremeClaim {
                    unit,
                    at,
                    sentence,
                    end: m.get(0).map_or(0, |x| x.end()),
                    high: m.name("hi").is_some(),
                });
            }
        }
    }
    claims
}

/// The efficiency stated after the superlative (`rest` is the sentence from
/// its end): the byte range of the figure in `rest` and its value; None when
/// there is none or it is an amount of money ("sisa anggaran sebesar Rp …").
fn stated_efficiency(rest: &str) -> Option<(std::ops::Range<usize>, Figure)> {
    let v = EXTREME_VALUE.captures(rest)?.name("v")?;
    if MONEY_WORD.is_match(&rest[..v.end()]) || MONEY_AFTER.is_match(&rest[v.end()..]) {
        return None;
    }
    let stated = figures(v.as_str()).into_iter().next()?;
    Some((v.range(), stated))
}

/// How a stated capaian bounds the row's: "100%", ">100%", "kurang dari 80%".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    Equal,
    AtLeast,
    AtMost,
    Below,
    Above,
}

impl Bound {
    fn of(word: Option<&str>) -> Bound {
        match word.map(str::to_lowercase).as_deref() {
            None => Bound::Equal,
            Some("≥") => Bound::AtLeast,
            Some("≤") => Bound::AtMost,
            Some(b) if b == "<" || b.starts_with("kurang") || b.ends_with("bawah") => Bound::Below,
            Some(_) => Bound::Above,
        }
    }
}

/// The capaian a sentence gives with the extreme ("dengan capaian kinerja >100%").
#[derive(Debug)]
struct CapaianClaim {
    bound: Bound,
    value: Figure,
    /// Byte range of the whole phrase ("capaian kinerja >100%").
    phrase: std::ops::Range<usize>,
    /// What is quoted as stated: from the bound (else the figure) to the end.
    stated: std::ops::Range<usize>,
}

impl CapaianClaim {
    /// The first capaian phrase of `tail`, ranges relative to it.
    fn find(tail: &str) -> Option<CapaianClaim> {
        let c = WITH_CAPAIAN.captures(tail)?;
        let (whole, v) = (c.get(0)?, c.name("v")?);
        let value = figures(v.as_str()).into_iter().next()?;
        let from = c.name("b").map_or(v.start(), |b| b.start());
        Some(CapaianClaim {
            bound: Bound::of(c.name("b").map(|b| b.as_str())),
            value,
            phrase: whole.range(),
            stated: from..whole.end(),
        })
    }

    /// Whether a row's capaian `x` bears the claim out.
    fn holds(&self, x: &Figure, tolerance: Decimal) -> bool {
        let n = self.value.value;
        match self.bound {
            Bound::Equal => same_value(&self.value, x, tolerance),
            Bound::AtLeast => x.value >= n,
            Bound::AtMost => x.value <= n,
            Bound::Below => x.value < n,
            Bound::Above => x.value > n,
        }
    }
}

impl EfficiencyExtreme {
    /// The report's one table with one efficiency column, and its rows.
    fn table<'t>(&self, ctx: &'t Context<'_, '_>) -> Option<EfficiencyTable<'t>> {
        let mut found: Vec<(usize, usize, Option<usize>)> = Vec::new();
        for (ti, table) in ctx.report.tables.iter().enumerate() {
            let plain = |c: usize| table.roles.get(c).is_some_and(|r| !r.money);
            let eff: Vec<usize> = (0..table.columns.len())
                .filter(|&c| plain(c) && self.p.column.is_match(&table.columns[c]))
                .collect();
            let [e] = eff.as_slice() else { continue };
            let cap: Vec<usize> = (0..table.columns.len())
                .filter(|&c| {
                    c != *e
                        && plain(c)
                        && table.roles.get(c).is_some_and(|r| r.role == Role::Capaian)
                        && self.p.capaian_column.is_match(&table.columns[c])
                })
                .collect();
            found.push((ti, *e, cap.first().copied().filter(|_| cap.len() == 1)));
        }
        let [(ti, e, cap)] = found.as_slice() else {
            return None;
        };
        let table = &ctx.report.tables[*ti];
        Some(EfficiencyTable {
            table,
            rows: extreme_rows(table, *e, *cap),
        })
    }

    /// The efficiency a claim states against the table's extreme, then the
    /// capaian it states with it against the one row holding that extreme.
    fn claim(
        &self,
        ctx: &Context<'_, '_>,
        eff: &EfficiencyTable<'_>,
        claim: &ExtremeClaim<'_>,
        holders: &[&ExtremeRow<'_>],
        out: &mut Sink,
    ) {
        let Some(first) = holders.first() else {
            return;
        };
        let s = claim.sentence;
        let rest = &s[claim.end..];
        let Some((v, stated)) = stated_efficiency(rest) else {
            return;
        };
        if !same_value(&stated, &first.efficiency, ctx.tolerance) {
            out.push(claim.efficiency_draft(ctx, eff, first, holders, v));
            return;
        }
        out.agree();
        let [holder] = holders else {
            return;
        };
        if holder.capaian.is_empty() {
            return;
        }
        let tail_at = claim.end + v.end;
        let Some(c) = CapaianClaim::find(&s[tail_at..]) else {
            return;
        };
        if holder.capaian.iter().any(|x| c.holds(x, ctx.tolerance)) {
            out.agree();
            return;
        }
        out.push(claim.capaian_draft(ctx, eff, holder, &c, tail_at));
    }
}

impl ExtremeClaim<'_> {
    /// The stated extreme efficiency (at `v` after the superlative) is not
    /// the table's.
    fn efficiency_draft(
        &self,
        ctx: &Context<'_, '_>,
        eff: &EfficiencyTable<'_>,
        first: &ExtremeRow<'_>,
        holders: &[&ExtremeRow<'_>],
        v: std::ops::Range<usize>,
    ) -> Draft {
        let stated = &self.sentence[self.end..][v.clone()];
        let (table, which, tname) = (eff.table, self.which(), table_name(eff.table));
        let (line, col) = ctx.locate(self.unit, self.at + self.end + v.start);
        let expected = first.efficiency.text.trim();
        let label = row_label(table, first.row);
        let rows = eff.rows.len();
        Draft {
            line,
            stated: stated.to_string(),
            expected: expected.to_string(),
            computation: Localized::new(
                format!(
                    "efisiensi {} di {} ({rows} baris): {expected} (\"{label}\")",
                    which.id, tname.id,
                ),
                format!(
                    "the {} efficiency in {} ({rows} rows): {expected} (\"{label}\")",
                    which.en, tname.en,
                ),
            ),
            related: holders
                .iter()
                .map(|r| ctx.row_line(r.row.page, r.row.line))
                .collect(),
            highlight: Some((col, col + stated.len())),
            ..Default::default()
        }
        .var("claim", self.claim("efisiensi", "the"))
        .var("table", tname)
    }

    /// The capaian stated with the extreme (at `tail_at` in the sentence)
    /// is not the row's.
    fn capaian_draft(
        &self,
        ctx: &Context<'_, '_>,
        eff: &EfficiencyTable<'_>,
        holder: &ExtremeRow<'_>,
        c: &CapaianClaim,
        tail_at: usize,
    ) -> Draft {
        let (s, which, tname) = (self.sentence, self.which(), table_name(eff.table));
        let stated = &s[tail_at + c.stated.start..tail_at + c.stated.end];
        let printed: Vec<&str> = holder.capaian.iter().map(|f| f.text.trim()).collect();
        let printed = printed.join(" / ");
        let label = row_label(eff.table, holder.row);
        let efficiency = holder.efficiency.text.trim();
        let (line, col) = ctx.locate(self.unit, self.at + tail_at + c.phrase.start);
        Draft {
            line,
            stated: stated.trim().to_string(),
            expected: printed.clone(),
            computation: Localized::new(
                format!(
                    "capaian baris dengan efisiensi {} di {} (\"{label}\", efisiensi {efficiency}): {printed}",
                    which.id, tname.id,
                ),
                format!(
                    "capaian of the row with the {} efficiency in {} (\"{label}\", efficiency {efficiency}): {printed}",
                    which.en, tname.en,
                ),
            ),
            related: vec![ctx.row_line(holder.row.page, holder.row.line)],
            highlight: Some((col, col + c.phrase.len())),
            ..Default::default()
        }
        .var(
            "claim",
            self.claim(
                "capaian baris dengan efisiensi",
                "the capaian of the row with the",
            ),
        )
        .var("table", tname)
    }
}

/// The rows of an efficiency table (efficiency in column `e`, capaian in
/// `cap`): totals left out; an unnumbered row without an efficiency of its
/// own lends its capaian to the row before it.
fn extreme_rows(table: &Table, e: usize, cap: Option<usize>) -> Vec<ExtremeRow<'_>> {
    let number = table.roles.iter().position(|r| r.role == Role::Number);
    let mut out: Vec<ExtremeRow> = Vec::new();
    for row in &table.rows {
        if row.kind == RowKind::Total {
            continue;
        }
        let label = row_label(table, row);
        if TOTAL_LABEL.is_match(&label) {
            continue;
        }
        let capaian = cap.and_then(|c| row.figure(c)).cloned();
        let efficiency = row
            .cell(e)
            .filter(|c| !NOT_A_VALUE.is_match(&c.text))
            .and_then(|c| c.figure.clone());
        let numbered = number
            .and_then(|c| row.cell(c))
            .is_some_and(|c| !c.text.trim().is_empty());
        match efficiency {
            Some(efficiency) => out.push(ExtremeRow {
                row,
                efficiency,
                capaian: capaian.into_iter().collect(),
            }),
            None if !numbered && row.cell(e).is_none_or(|c| c.text.trim().is_empty()) => {
                if let (Some(last), Some(c)) = (out.last_mut(), capaian) {
                    last.capaian.push(c);
                }
            }
            None => {}
        }
    }
    out
}

impl Check for EfficiencyExtreme {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let units = ctx.units();
        let claims = extreme_claims(units, &self.p.chapters);
        if claims.is_empty() {
            return;
        }
        let Some(eff) = self.table(ctx) else {
            claims.iter().for_each(|_| out.skip(WHY_TABLES));
            return;
        };
        // A highest and a lowest among one row: the table was not read
        // whole (a text export's rows joined), nothing to rank.
        if eff.rows.len() < 2 {
            claims.iter().for_each(|_| out.skip(WHY_ONE_ROW));
            return;
        }
        for claim in &claims {
            // A table without efficiencies: no claim can be checked.
            let Some(holders) = eff.holders(claim.high) else {
                return;
            };
            self.claim(ctx, &eff, claim, &holders, out);
        }
    }
}

// ---------------------------------------------------------------- lists of row figures

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    /// Items (a row's name, its figure and unit) a sentence must list.
    #[serde(default = "default_list_items")]
    min_items: usize,
    /// Items that must agree with one column of the table before the others
    /// are held to it.
    #[serde(default = "default_list_agree")]
    min_agree: usize,
    #[serde(default)]
    chapters: Chapters,
}

fn default_list_items() -> usize {
    3
}
fn default_list_agree() -> usize {
    2
}

/// "sapi potong 413.211 ekor, sapi perah 117.927 ekor, kerbau 104.565 ekor":
/// a sentence listing rows of one table by their names, each with a figure
/// in the row's unit. When some items equal one column of their rows (the
/// realisasi, say), that is what the list restates, and an item differing
/// from its row's value in that column is a figure restated wrongly.
#[derive(Debug)]
pub struct IndicatorList {
    p: ListParams,
}

impl IndicatorList {
    pub fn new(p: ListParams) -> Result<Self, String> {
        if p.min_agree < 1 || p.min_items <= p.min_agree {
            return Err("min_items must exceed min_agree, and min_agree be 1 or more".into());
        }
        Ok(IndicatorList { p })
    }
}

/// Words between a row's name and its figure that say nothing of the figure.
const LIST_FILLER: &[&str] = &[
    "sebanyak",
    "sebesar",
    "berjumlah",
    "sejumlah",
    "yaitu",
    "yakni",
    "adalah",
    "ialah",
    "ada",
    "tercatat",
    "mencapai",
    "senilai",
];

const WHY_LIST_ANCHOR: Why = Why {
    en: "the listed figures agree with no one column of their rows",
    id: "angka yang didaftar tidak sesuai dengan satu kolom baris-barisnya",
};
const WHY_LIST_NO_VALUE: Why = Why {
    en: "the listed row gives no value in the column the list restates",
    id: "baris yang didaftar tidak memuat nilai pada kolom yang diulang daftar",
};
const WHY_LIST_OTHER: Why = Why {
    en: "the listed figure is another value of the row or of a row of the same name",
    id: "angka yang didaftar adalah nilai lain baris itu atau baris bernama sama",
};

/// One row a name can stand for: its table, row and unit word.
struct NamedRow<'t> {
    table: usize,
    row: &'t Row,
    unit: String,
}

/// The unit word of a "Satuan" cell: "Ekor", "Kasus/ tahun" → "kasus", "%".
fn unit_word(text: &str) -> Option<String> {
    let t = text.trim().to_lowercase();
    if t.contains('%') || t.starts_with("persen") {
        return Some("%".into());
    }
    let w: String = t.chars().take_while(|c| c.is_alphabetic()).collect();
    (w.chars().count() >= 2).then_some(w)
}

/// The rows of the report's non-budget tables with a unit column, by name.
fn named_rows<'t>(ctx: &'t Context<'_, '_>) -> HashMap<String, Vec<NamedRow<'t>>> {
    let mut out: HashMap<String, Vec<NamedRow<'t>>> = HashMap::new();
    for (ti, table) in ctx.report.tables.iter().enumerate() {
        if table.kind == TableKind::Budget {
            continue;
        }
        let Some(unit_col) = table.roles.iter().position(|r| r.role == Role::Unit) else {
            continue;
        };
        for row in table.rows.iter().filter(|r| r.kind != RowKind::Total) {
            let label = (0..unit_col)
                .rev()
                .filter(|&c| table.roles.get(c).is_some_and(|r| r.role == Role::Label))
                .filter_map(|c| row.cell(c))
                .map(|c| c.text.trim())
                .find(|t| t.chars().any(char::is_alphabetic));
            let Some(label) = label else { continue };
            if TOTAL_LABEL.is_match(label) {
                continue;
            }
            let Some(unit) = row.cell(unit_col).and_then(|c| unit_word(&c.text)) else {
                continue;
            };
            let key = indicator_key(label);
            if key.chars().filter(|c| c.is_alphabetic()).count() < 3 {
                continue;
            }
            out.entry(key).or_default().push(NamedRow {
                table: ti,
                row,
                unit,
            });
        }
    }
    out
}

/// The figures of a row outside its label, number and unit columns.
fn row_figures(table: &Table, row: &Row) -> Vec<(usize, Figure)> {
    (0..table.columns.len())
        .filter(|&c| {
            table.roles.get(c).is_some_and(|r| {
                !matches!(
                    r.role,
                    Role::Label | Role::Number | Role::Unit | Role::Predicate
                )
            })
        })
        .filter_map(|c| cell_figure(row, c).map(|f| (c, f)))
        .collect()
}

/// One item of a list: a figure, the name before it and the rows it names.
struct Item<'a, 't> {
    figure: Figure,
    unit: String,
    rows: &'a [NamedRow<'t>],
}

/// The items of a sentence: each figure with the longest row name right
/// before it (filler words between), whose unit is the figure's.
fn list_items<'a, 't>(s: &str, names: &'a HashMap<String, Vec<NamedRow<'t>>>) -> Vec<Item<'a, 't>> {
    let figs: Vec<Figure> = figures(s).into_iter().filter(|f| !is_year(f)).collect();
    let mut out = Vec::new();
    let mut from = 0;
    for f in &figs {
        let before = &s[from.min(f.start)..f.start];
        from = f.end;
        let mut words: Vec<String> = tokens(before).into_iter().map(|t| t.word).collect();
        while words
            .last()
            .is_some_and(|w| LIST_FILLER.contains(&w.as_str()))
        {
            words.pop();
        }
        let unit = if f.kind == FigureKind::Percent {
            Some("%".to_string())
        } else {
            unit_after(s, f)
        };
        let Some(unit) = unit else { continue };
        let found = (1..=words.len().min(6)).rev().find_map(|n| {
            let key = indicator_key(&words[words.len() - n..].join(" "));
            names.get(&key)
        });
        let Some(rows) = found else { continue };
        // "ekor" and "Ekor", "ton" and "Ton/th": the row's unit word.
        if !rows.iter().any(|r| units_match(&unit, &r.unit)) {
            continue;
        }
        out.push(Item {
            figure: f.clone(),
            unit,
            rows,
        });
    }
    out
}

impl Check for IndicatorList {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let names = named_rows(ctx);
        if names.is_empty() {
            return;
        }
        for unit in ctx.units() {
            if crate::limits::out_of_time() {
                return;
            }
            if !self.p.chapters.contains(unit.chapter) {
                continue;
            }
            for (at, s) in sentences(&unit.text) {
                let items = list_items(s, &names);
                if items.len() < self.p.min_items {
                    continue;
                }
                self.sentence(ctx, unit, at, &items, out);
            }
        }
    }
}

/// The column of one table a list's items are read from: the one most of
/// them equal (`agree` of them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Anchor {
    agree: usize,
    table: usize,
    column: usize,
}

/// The candidate most items agree with, the first of them; none when
/// another candidate agrees with as many.
fn unique_best(candidates: impl IntoIterator<Item = Anchor>) -> Option<Anchor> {
    let mut best: Option<Anchor> = None;
    let mut tie = false;
    for c in candidates {
        match best {
            Some(b) if b.agree > c.agree => {}
            Some(b) if b.agree == c.agree => tie = true,
            _ => {
                best = Some(c);
                tie = false;
            }
        }
    }
    best.filter(|_| !tie)
}

impl IndicatorList {
    fn sentence(
        &self,
        ctx: &Context<'_, '_>,
        unit: &Paragraph,
        at: usize,
        items: &[Item],
        out: &mut Sink,
    ) {
        let Some(anchor) = self.anchor(ctx, items) else {
            out.skip(WHY_LIST_ANCHOR);
            return;
        };
        let Some(table) = ctx.report.tables.get(anchor.table) else {
            return;
        };
        for item in items {
            if let Some(outcome) = list_item(ctx, unit, at, anchor, table, item) {
                out.record(outcome);
            }
        }
    }

    /// Per table, each item's one row there of the item's unit: the column
    /// most items equal, when no other equals as many and enough do.
    fn anchor(&self, ctx: &Context<'_, '_>, items: &[Item]) -> Option<Anchor> {
        let mut tables: Vec<usize> = items
            .iter()
            .flat_map(|i| i.rows.iter().map(|r| r.table))
            .collect();
        tables.sort_unstable();
        tables.dedup();
        let mut candidates = Vec::new();
        for &ti in &tables {
            let Some(table) = ctx.report.tables.get(ti) else {
                continue;
            };
            let rows: Vec<Option<&Row>> = items.iter().map(|i| one_row(i, ti)).collect();
            if rows.iter().flatten().count() < self.p.min_items {
                continue;
            }
            for col in 0..table.columns.len() {
                let agree = items
                    .iter()
                    .zip(&rows)
                    .filter(|(i, r)| {
                        r.and_then(|r| cell_figure(r, col))
                            .is_some_and(|f| same_value(&i.figure, &f, ctx.tolerance))
                    })
                    .count();
                if agree > 0 {
                    candidates.push(Anchor {
                        agree,
                        table: ti,
                        column: col,
                    });
                }
            }
        }
        unique_best(candidates).filter(|a| a.agree >= self.p.min_agree)
    }
}

/// One item against its row's cell in the anchor column; nothing when the
/// item has no one row in that table.
fn list_item(
    ctx: &Context<'_, '_>,
    unit: &Paragraph,
    at: usize,
    anchor: Anchor,
    table: &Table,
    item: &Item,
) -> Option<Outcome> {
    let row = one_row(item, anchor.table)?;
    let Some(value) = cell_figure(row, anchor.column) else {
        return Some(Outcome::Skipped(WHY_LIST_NO_VALUE));
    };
    if same_value(&item.figure, &value, ctx.tolerance) {
        return Some(Outcome::Agrees);
    }
    // Another figure of the row, or of any row of that name: the
    // list may mix what it restates; not certain.
    let elsewhere = item.rows.iter().any(|r| {
        ctx.report.tables.get(r.table).is_some_and(|t| {
            row_figures(t, r.row)
                .iter()
                .any(|(_, f)| same_value(&item.figure, f, ctx.tolerance))
        })
    });
    if elsewhere {
        return Some(Outcome::Skipped(WHY_LIST_OTHER));
    }
    let column = table
        .columns
        .get(anchor.column)
        .map(String::as_str)
        .unwrap_or("");
    let agree = anchor.agree;
    let label = row_label(table, row);
    let tname = table_name(table);
    let (line, c) = ctx.locate(unit, at + item.figure.start);
    Some(Outcome::Differs(
        Draft {
            line,
            stated: item.figure.text.trim().to_string(),
            expected: like(&item.figure, value.value),
            computation: Localized::new(
                format!(
                    "\"{label}\" kolom \"{column}\" di {} (hlm. {}, baris {}): {}; {agree} butir lain kalimat ini sama dengan kolom itu",
                    tname.id, row.page, row.line, shown(&value)
                ),
                format!(
                    "\"{label}\" column \"{column}\" in {} (p. {}, line {}): {}; {agree} other items of this sentence equal that column",
                    tname.en, row.page, row.line, shown(&value)
                ),
            ),
            related: vec![ctx.row_line(row.page, row.line)],
            highlight: Some((c, c + item.figure.text.len())),
            ..Default::default()
        }
        .var(
            "quantity",
            Localized::new(
                format!("{column} \"{label}\""),
                format!("{column} of \"{label}\""),
            ),
        )
        .var("table", tname)
        .var("difference", difference(item.figure.value, value.value)),
    ))
}

/// A cell's figure: as the table read it, or "87", "14 UPP" — one figure
/// at the cell's start — when it was left untyped.
fn cell_figure(row: &Row, col: usize) -> Option<Figure> {
    let cell = row.cell(col)?;
    if NOT_A_VALUE.is_match(&cell.text) {
        return None;
    }
    cell.figure.clone().or_else(|| {
        let t = cell.text.trim();
        match figures(t).as_slice() {
            [f] if f.start == 0 && !t[f.end..].chars().any(|c| c.is_ascii_digit()) => {
                Some(f.clone())
            }
            _ => None,
        }
    })
}

/// The one row of table `ti` an item names in its unit, if exactly one.
fn one_row<'t>(item: &Item<'_, 't>, ti: usize) -> Option<&'t Row> {
    let mut rows = item
        .rows
        .iter()
        .filter(|r| r.table == ti && units_match(&item.unit, &r.unit));
    let first = rows.next()?;
    rows.next().is_none().then_some(first.row)
}

/// "ekor" and "ekor", "ton" and "ton/th" read as "ton": one unit.
fn units_match(a: &str, b: &str) -> bool {
    a == b
        || (a != "%"
            && b != "%"
            && a.len() >= 3
            && b.len() >= 3
            && (a.starts_with(b) || b.starts_with(a)))
}

/// A row's label as printed: its last label cell with letters.
fn row_label(table: &Table, row: &Row) -> String {
    (0..table.columns.len())
        .rev()
        .filter(|&c| table.roles.get(c).is_some_and(|r| r.role == Role::Label))
        .filter_map(|c| row.cell(c))
        .map(|c| c.text.trim())
        .find(|t| t.chars().any(char::is_alphabetic))
        .unwrap_or("")
        .trim_matches(|c: char| c == '-' || c.is_whitespace())
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::{
        Anchor, Claim, Said, also_note, figures, named_otherwise, unique_best, wrong_unit,
    };
    use crate::rules::checks::testing::{findings, run_default};
    use rust_decimal::Decimal;

    fn claim(role: Said, text: &str) -> Claim {
        let figure = figures(text).remove(0);
        Claim {
            role,
            year: 2016,
            figure,
        }
    }

    #[test]
    fn a_figure_of_another_unit_than_the_indicator_is_wrong_unit() {
        let count = claim(Said::Realisasi, "18");
        let percent = claim(Said::Realisasi, "77%");
        // A count with a unit word for a ratio indicator.
        assert!(wrong_unit("persentase rekomendasi", true, &count));
        assert!(!wrong_unit("persentase rekomendasi", false, &count));
        // A percentage for a count indicator, unless it is the capaian.
        assert!(wrong_unit("jumlah unit pelayanan", false, &percent));
        let capaian = claim(Said::Capaian, "128,57%");
        assert!(!wrong_unit("jumlah unit pelayanan", false, &capaian));
        // A capaian with a unit word.
        assert!(wrong_unit("jumlah unit pelayanan", true, &capaian));
        assert!(!wrong_unit("jumlah unit pelayanan", false, &count));
    }

    #[test]
    fn other_tables_are_said_only_when_there_are_some() {
        assert_eq!(also_note(0).en, "");
        assert_eq!(also_note(2).en, " (also 2 other tables)");
        assert_eq!(also_note(2).id, " (juga 2 tabel lain)");
    }

    #[test]
    fn the_anchor_is_the_first_best_column_and_none_on_a_tie() {
        let a = |agree, table, column| Anchor {
            agree,
            table,
            column,
        };
        assert_eq!(unique_best([]), None);
        assert_eq!(unique_best([a(2, 0, 1), a(3, 1, 2)]), Some(a(3, 1, 2)));
        assert_eq!(unique_best([a(3, 0, 1), a(3, 1, 2)]), None);
        // A tie below a later best does not count.
        assert_eq!(
            unique_best([a(2, 0, 1), a(2, 0, 2), a(4, 1, 0)]),
            Some(a(4, 1, 0))
        );
        assert_eq!(unique_best([a(4, 0, 1), a(2, 0, 2), a(4, 1, 0)]), None);
    }

    const TABLES: &str = "Tabel 7 Capaian Kinerja Sasaran Tahun 2016\n\n| No | Sasaran | Indikator Kinerja | Target 2016 | Realisasi 2016 | Capaian (%) |\n|---|---|---|---|---|---|\n| 1 | Meningkatnya kualitas pelayanan | Jumlah unit pelayanan publik terbaik sesuai kriteria Provinsi | 14 | 18 | 128,57 |\n| 2 | Ketersediaan standarisasi | Jumlah regulasi standarisasi kerja organisasi | 13 | 17 | 130,77 |\n| 3 | Meningkatnya rekomendasi | Prosentase Rekomendasi Kebijakan Daerah yang ditindaklanjuti | 80 | 77 | 96,25 |\n\nTabel 8 Perbandingan Realisasi Kinerja Tahun 2015 dan Tahun 2016\n\n| No | Indikator Kinerja | Realisasi 2015 | Realisasi 2016 |\n|---|---|---|---|\n| 1 | Jumlah unit pelayanan publik terbaik sesuai kriteria Provinsi | 17 | 18 |\n| 2 | Jumlah regulasi standarisasi kerja organisasi | 15 | 17 |\n\n";

    fn report(text: &str) -> String {
        format!("LAPORAN KINERJA TAHUN 2016\n\n{TABLES}{text}\n")
    }

    #[test]
    fn a_target_of_another_year_is_found() {
        let text = report(
            "Pada sasaran kedua, peningkatan kinerja terjadi pada indikator jumlah unit pelayanan publik terbaik sesuai kriteria Provinsi. Untuk tahun 2016 sebanyak 18 UPP, realisasi tahun 2015: 17 UPP. Sementara target pada tahun 2016 berjumlah 17 UPP.",
        );
        let found = findings("indicator-figure", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].stated.starts_with("17"), "{found:#?}");
        assert_eq!(found[0].expected, "14");
        assert!(
            found[0].computation.id.contains("realisasi 2015"),
            "{found:#?}"
        );
    }

    #[test]
    fn the_name_a_sentence_calls_the_indicator_is_carried() {
        // Two names in the first sentence; the one called "indikator", last,
        // is what the next sentences speak of.
        let text = report(
            "Selain jumlah regulasi standarisasi kerja organisasi, peningkatan kinerja terjadi pada indikator „jumlah unit pelayanan publik terbaik sesuai kriteria Provinsi‟ (IK3). Untuk tahun 2016 sebanyak 18 UPP. Sementara target pada tahun 2016 berjumlah 17 UPP.",
        );
        let found = findings("indicator-figure", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].stated.starts_with("17"), "{found:#?}");
        assert_eq!(found[0].expected, "14");
        // Two indicators named alike: whose target follows is unclear.
        let text = report(
            "Indikator jumlah regulasi standarisasi kerja organisasi dan jumlah unit pelayanan publik terbaik sesuai kriteria Provinsi meningkat. Sementara target pada tahun 2016 berjumlah 17 UPP.",
        );
        assert!(findings("indicator-figure", &text).is_empty());
    }

    #[test]
    fn a_column_holding_what_the_sentence_calls_capaian_is_not_its_realisasi() {
        // rsud al-ihsan 2016 p21: "target GDR pada tahun 2016 sebesar 28.90‰
        // realisasi 25.05 dengan capaian 86.68", Tabel 7's "Realisasi (%)" 86.68.
        let sentence = [
            claim(Said::Target, "28.90‰"),
            claim(Said::Realisasi, "25.05"),
            claim(Said::Capaian, "86.68"),
        ];
        let tolerance = Decimal::new(5, 3);
        let table = |text: &str| figures(text).remove(0);
        assert!(named_otherwise(
            &sentence,
            &sentence[1],
            &table("86.68"),
            tolerance
        ));
        // p23: "85% dan terealisasi 80% dengan capaian 94.12%" against Tabel
        // 7's 100.00: no figure of the sentence is the table's.
        let sentence = [
            claim(Said::Target, "85%"),
            claim(Said::Realisasi, "80%"),
            claim(Said::Capaian, "94.12%"),
        ];
        assert!(!named_otherwise(
            &sentence,
            &sentence[1],
            &table("100.00"),
            tolerance
        ));
        // The claim's own figure does not count.
        assert!(!named_otherwise(
            &sentence[1..2],
            &sentence[1],
            &table("80%"),
            tolerance
        ));
    }

    #[test]
    fn swapped_target_and_realisasi_of_two_years_are_found() {
        let text = report(
            "Capaian 130,77% terjadi pada indikator kinerja jumlah regulasi standarisasi kerja organisasi dari target kinerja 15 dokumen di tahun 2016, realisasi 13 dokumen pada tahun 2015.",
        );
        let (found, coverage) = run_default("indicator-figure", &text);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(found[0].stated, "15 dokumen");
        assert_eq!(found[1].stated, "13 dokumen");
        // The capaian's clause names no year: the report's, and the table's.
        assert_eq!(coverage.agree, 1, "{coverage:#?}");
    }

    #[test]
    fn figures_that_agree_or_are_unclear_are_not_found() {
        let text = report(
            "Indikator jumlah regulasi standarisasi kerja organisasi dengan target 13 dokumen dan realisasi 17 dokumen. Indikator jumlah unit pelayanan publik terbaik sesuai kriteria Provinsi melebihi target kinerja yaitu 18 UPP dari target akhir Renstra 14 UPP. Indikator jumlah regulasi standarisasi kerja organisasi tahun 2015 dan 2016 dengan realisasi 20 dokumen.",
        );
        let (found, coverage) = run_default("indicator-figure", &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 2, "{coverage:#?}");
    }

    #[test]
    fn budgets_and_counts_of_a_percentage_are_not_the_indicator() {
        let text = report(
            "Indikator Prosentase Rekomendasi Kebijakan Daerah yang ditindaklanjuti dengan realisasi 10 dokumen dari target 13 dokumen. Indikator Prosentase Rekomendasi Kebijakan Daerah yang ditindaklanjuti dengan realisasi anggaran 90%.",
        );
        let (found, coverage) = run_default("indicator-figure", &text);
        assert!(found.is_empty(), "{found:#?}");
        assert!(
            coverage.skipped.values().sum::<usize>() == 2,
            "{coverage:#?}"
        );
    }

    #[test]
    fn exceeding_a_target_the_row_misses_is_found() {
        let text = report(
            "Kinerja diukur dalam indikator kinerja Prosentase Rekomendasi Kebijakan Daerah yang ditindaklanjuti dengan realisasi melebihi target yaitu tercapainya 10 dokumen.",
        );
        let found = findings("indicator-target-claim", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "melebihi target");
        assert_eq!(found[0].expected, "capaian 96,25%");
    }

    #[test]
    fn claims_the_row_bears_out_or_hedged_are_not_found() {
        let text = report(
            "Indikator jumlah regulasi standarisasi kerja organisasi telah melebihi target. Indikator Prosentase Rekomendasi Kebijakan Daerah yang ditindaklanjuti belum mencapai target. Indikator Prosentase Rekomendasi Kebijakan Daerah yang ditindaklanjuti hampir melebihi target.",
        );
        let (found, coverage) = run_default("indicator-target-claim", &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 2, "{coverage:#?}");
    }

    #[test]
    fn a_plan_word_outside_the_clauses_of_name_and_figure_does_not_silence() {
        // The end-of-Renstra target has its own clause (ORG-12); the RPJMD is
        // a lead-in with its own clause (BP3-06).
        let text = report(
            "Capaian 130,77% terjadi pada indikator kinerja jumlah regulasi standarisasi kerja organisasi dari target kinerja 15 dokumen di tahun 2016, realisasi 13 dokumen pada tahun 2015, dan 14 dokumen sebagai target di tahun akhir Renstra.",
        );
        let found = findings("indicator-figure", &text);
        assert_eq!(found.len(), 2, "{found:#?}");
        let text = report(
            "Dalam rangka misi ketiga RPJMD Tahun 2013-2018, kinerja diukur dalam indikator kinerja Prosentase Rekomendasi Kebijakan Daerah yang ditindaklanjuti dengan realisasi melebihi target.",
        );
        let found = findings("indicator-target-claim", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
    }

    #[test]
    fn a_plan_word_in_the_clause_of_the_name_or_figure_silences() {
        let text = report(
            "Target Renstra indikator jumlah regulasi standarisasi kerja organisasi tahun 2016 adalah 15 dokumen. Indikator jumlah regulasi standarisasi kerja organisasi dengan target 15 dokumen pada tahun 2016 sesuai RPJMD.",
        );
        let (found, coverage) = run_default("indicator-figure", &text);
        assert!(found.is_empty(), "{found:#?}");
        assert!(
            coverage.skipped.values().sum::<usize>() >= 1,
            "{coverage:#?}"
        );
        let text = report(
            "Indikator Prosentase Rekomendasi Kebijakan Daerah yang ditindaklanjuti dalam RPJMD melebihi target.",
        );
        assert!(findings("indicator-target-claim", &text).is_empty());
    }

    const EFFICIENCY: &str = "LAPORAN KINERJA TAHUN 2016\n\nTabel 3.3 Analisa Efisiensi Penggunaan Sumber Daya\n\n| No | Sasaran | Indikator | % Capaian Kinerja | % Penyerapan Anggaran | Tingkat Efisiensi |\n|---|---|---|---|---|---|\n| 2 | Meningkatnya inovasi daerah | Prosentase Inovasi yang sudah Terbentuk menjadi Sistem Inovasi Daerah | 250 | 99,99 | 150,01% |\n| 3 | Meningkatnya hasil penelitian | Prosentase Hasil Riset dan IPTEK yang diterapkan | 200 | 94,3 | 105,70% |\n|  |  | Prosentase Hasil Penelitian yang digunakan dalam Perencanaan | 268 |  | 173,70% |\n\n";

    #[test]
    fn an_efficiency_restated_differently_is_found() {
        let text = format!(
            "{EFFICIENCY}Sasaran ketiga dengan indikator kinerja Prosentase Hasil Riset dan IPTEK yang diterapkan serta Prosentase Hasil Penelitian yang digunakan dalam Perencanaan telah berhasil dicapai dengan tingkat efisiensi anggaran masing-masing sebesar 105,07% dan 173,70%.\n"
        );
        let (found, coverage) = run_default("indicator-efficiency", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "105,07%");
        assert_eq!(found[0].expected, "105,70%");
        assert_eq!(coverage.agree, 1, "{coverage:#?}");
    }

    #[test]
    fn efficiencies_that_agree_are_averaged_or_unpaired_are_not_found() {
        let text = format!(
            "{EFFICIENCY}Indikator kinerja Prosentase Inovasi yang sudah Terbentuk menjadi Sistem Inovasi Daerah telah dicapai dengan tingkat efisiensi anggaran sebesar 150,01%. Indikator kinerja Prosentase Hasil Riset dan IPTEK yang diterapkan dengan rata-rata efisiensi sebesar 39,23%. Indikator kinerja Prosentase Hasil Riset dan IPTEK yang diterapkan serta Prosentase Hasil Penelitian yang digunakan dalam Perencanaan dengan efisiensi anggaran sebesar 120,00%.\n"
        );
        let (found, coverage) = run_default("indicator-efficiency", &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1, "{coverage:#?}");
    }

    const POPULATION: &str = "LAPORAN KINERJA TAHUN 2016\n\nTabel 6 Pengukuran Capaian Indikator Kinerja Tahun 2016\n\n| No | Indikator Kinerja | Satuan | Target | Realisasi | % |\n|---|---|---|---|---|---|\n| 1.1 | Jumlah produksi yang dihasilkan : |  |  |  |  |\n|  | - Daging | Ton | 768.495 | 992.770 | 129,18 |\n|  | - Telur | Ton | 217.235 | 253.712 | 116,79 |\n|  | - Susu | Ton | 268.797 | 352,390 | 131,10 |\n| 1.2 | Jumlah populasi ternak : |  |  |  |  |\n|  | - Sapi Potong | Ekor | 466.272 | 410.934 | 88,13 |\n|  | - Sapi Perah | Ekor | 143.774 | 119.590 | 83,18 |\n|  | - Kerbau | Ekor | 143.594 | 103.362 | 71,98 |\n| 2.1 | Prosentase produk yang sesuai SNI : |  |  |  |  |\n|  | - Daging | % | 65 | 87 | 133,85 |\n\n";

    /// An efficiency table (the second sasaran with two indicators) and what
    /// the narrative says of its extremes.
    fn efficiency(text: &str) -> String {
        format!(
            "Tabel 3.4 Efisiensi Penggunaan Sumber Daya\n\n\
             | No | Sasaran Strategis | Indikator Kinerja | Capaian Kinerja (%) | % Penyerapan Anggaran | Tingkat Efisiensi (%) |\n\
             |---|---|---|---|---|---|\n\
             | 1 | Terkendalinya beban pencemaran air sungai | Status mutu sungai utama dan waduk | 132,05 | 88,05 | 11,95 |\n\
             | 2 | Meningkatnya aksi mitigasi perubahan iklim | Jumlah lokasi program kampung iklim | 100 | 98,89 | 1,11 |\n\
             |  |  | Tingkat penurunan emisi gas rumah kaca | 190,83 |  |  |\n\
             | 3 | Meningkatnya penyediaan pranata kawasan lindung | Jumlah pedoman pengelolaan kawasan lindung | 100 | 79,64 | 20,36 |\n\n\
             {text}\n"
        )
    }

    #[test]
    fn a_wrong_extreme_or_a_capaian_its_row_contradicts_is_found() {
        let found = findings(
            "efficiency-extreme",
            &efficiency(
                "Adapun tingkat efisiensi tertinggi ditunjukkan oleh sasaran Meningkatnya penyediaan pranata kawasan lindung dengan tingkat efisiensi 20,36%, dengan prosentasi capaian kinerja >100%.",
            ),
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, ">100%");
        assert_eq!(found[0].expected, "100");
        let found = findings(
            "efficiency-extreme",
            &efficiency(
                "Tingkat efisiensi tertinggi terdapat pada sasaran Terkendalinya beban pencemaran air sungai sebesar 29,87.",
            ),
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "29,87");
        assert_eq!(found[0].expected, "20,36");
    }

    #[test]
    fn extremes_and_capaian_that_agree_or_have_no_single_table_are_not_found() {
        let agree = "Tingkat efisiensi tertinggi sebesar 20,36%, dengan capaian kinerja 100%. Sedangkan tingkat efisiensi terendah ditunjukkan oleh sasaran Meningkatnya aksi mitigasi perubahan iklim dengan tingkat efisiensi 1,11%, dengan prosentase capaian kinerja 190,83%.";
        let (found, coverage) = run_default("efficiency-extreme", &efficiency(agree));
        assert!(found.is_empty(), "{found:#?}");
        assert!(coverage.agree >= 3, "{coverage:?}");
        // Money on the way is not the efficiency.
        let money = "Efisiensi tertinggi pada kegiatan pengadaan dengan sisa anggaran sebesar Rp 15.000.000.";
        assert!(findings("efficiency-extreme", &efficiency(money)).is_empty());
        let money = "Efisiensi terendah terdapat pada kegiatan pemeliharaan sebesar 15 juta.";
        assert!(findings("efficiency-extreme", &efficiency(money)).is_empty());
        // No efficiency table: nothing to hold the claim to.
        let (found, coverage) = run_default(
            "efficiency-extreme",
            "Tingkat efisiensi tertinggi sebesar 29,87.\n",
        );
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 1, "{coverage:?}");
        // A table read with one row: no highest among it.
        let one_row = "Tabel 3.4 Efisiensi Penggunaan Sumber Daya\n\n| No | Sasaran Strategis | Indikator Kinerja | Capaian Kinerja (%) | % Penyerapan Anggaran | Tingkat Efisiensi (%) |\n|---|---|---|---|---|---|\n| 1 | Terkendalinya beban pencemaran air sungai | Status mutu sungai | 132,05 | 88,05 | 11,95 |\n\nTingkat efisiensi tertinggi sebesar 20,36%, dengan capaian kinerja 100%.\n";
        let (found, coverage) = run_default("efficiency-extreme", one_row);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 1, "{coverage:?}");
    }

    #[test]
    fn efficiencies_are_the_percentages_after_the_phrase_never_an_average() {
        use super::stated_efficiencies;
        let phrase = crate::pattern::compile(r"(?i)\befisiensi(?:\s+anggaran)?\s+(?:masing[\s-]*masing\s+)?(?:sebesar|yaitu|adalah|mencapai)\s*").expect("valid");
        let s = "Indikator A dan B dengan efisiensi anggaran masing-masing sebesar 5,07% dan 12%, indikator C efisiensi sebesar 3%; rata-rata efisiensi sebesar 7%";
        let found = stated_efficiencies(s, &phrase);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found[0].each && !found[1].each);
        assert_eq!(found[0].since, 0);
        assert_eq!(&s[..found[0].phrase_start], "Indikator A dan B dengan ");
        let texts: Vec<&str> = found[0]
            .figures
            .iter()
            .map(|f| &s[f.start..f.end])
            .collect();
        assert_eq!(texts, ["5,07%", "12%"]);
        assert_eq!(
            &s[found[1].since..found[1].phrase_start],
            "5,07% dan 12%, indikator C "
        );
        assert!(stated_efficiencies("efisiensi sebesar Rp 5 juta", &phrase).is_empty());
    }

    #[test]
    fn the_indicators_named_are_in_order_each_run_once() {
        use super::named_in;
        let found = [(0, 4), (10, 4), (20, 1), (30, 4), (40, 2)];
        assert_eq!(named_in(found.into_iter(), 0..35), [4, 1, 4]);
        assert_eq!(named_in(found.into_iter(), 11..40), [1, 4]);
        assert!(named_in(found.into_iter(), 41..50).is_empty());
    }

    #[test]
    fn rows_naming_one_specific_indicator_are_one_group() {
        use super::key_groups;
        let labels = [
            "Indeks Kepuasan Masyarakat terhadap layanan",
            "Jumlah",
            "Persentase dokumen perencanaan yang tepat waktu",
            "Indeks  kepuasan masyarakat terhadap layanan",
        ];
        let groups = key_groups(labels.into_iter());
        let rows: Vec<&[usize]> = groups.iter().map(|g| g.rows.as_slice()).collect();
        assert_eq!(rows, [&[0, 3][..], &[2][..]]);
    }

    #[test]
    fn the_stated_efficiency_is_the_figure_after_the_superlative_never_money() {
        use super::stated_efficiency;
        let (at, f) = stated_efficiency(" sebesar 29,87, dengan capaian 100%").expect("a figure");
        assert_eq!(at, 9..14);
        assert_eq!(f.text.trim(), "29,87");
        let (at, _) = stated_efficiency(" ditunjukkan oleh efisiensi 1,11%").expect("a figure");
        assert_eq!(at, 28..32);
        assert!(stated_efficiency(" sisa anggaran sebesar Rp 15.000.000").is_none());
        assert!(stated_efficiency(" sebesar 15 juta").is_none());
        assert!(stated_efficiency(" sebesar 15,-").is_none());
        assert!(stated_efficiency(" pada kegiatan pemeliharaan").is_none());
    }

    #[test]
    fn a_stated_capaian_bounds_the_row_as_its_words_say() {
        use super::{Bound, CapaianClaim};
        use crate::facts::figures::Figure;
        use rust_decimal::Decimal;
        let row = |v: &str| -> Figure {
            crate::rules::checks::common::figures(v)
                .into_iter()
                .next()
                .expect("a figure")
        };
        let tol = Decimal::ZERO;
        let tail = ", dengan capaian kinerja >100%.";
        let c = CapaianClaim::find(tail).expect("a capaian");
        assert_eq!(c.bound, Bound::Above);
        assert_eq!(&tail[c.phrase.clone()], "capaian kinerja >100%");
        assert_eq!(&tail[c.stated.clone()], ">100%");
        assert!(c.holds(&row("128,57"), tol));
        assert!(!c.holds(&row("100"), tol));
        let tail = " dengan capaian kinerja 100%";
        let c = CapaianClaim::find(tail).expect("a capaian");
        assert_eq!(c.bound, Bound::Equal);
        assert_eq!(&tail[c.stated.clone()], "100%");
        assert!(c.holds(&row("100,00"), tol));
        // Stated without decimals, 99,5 rounds to it; 98,7 does not.
        assert!(c.holds(&row("99,5"), tol));
        assert!(!c.holds(&row("98,7"), tol));
        let c = CapaianClaim::find("capaiannya kurang dari 80%").expect("a capaian");
        assert_eq!(c.bound, Bound::Below);
        assert!(c.holds(&row("79"), tol) && !c.holds(&row("80"), tol));
        assert_eq!(Bound::of(Some("Di Bawah")), Bound::Below);
        assert_eq!(Bound::of(Some("≥")), Bound::AtLeast);
        assert_eq!(Bound::of(Some("≤")), Bound::AtMost);
        assert_eq!(Bound::of(Some("melebihi")), Bound::Above);
        assert!(CapaianClaim::find("dengan realisasi 100%").is_none());
    }

    #[test]
    fn a_listed_row_figure_restated_differently_is_found() {
        let text = format!(
            "{POPULATION}Keberhasilan tahun 2016 dengan produksi daging sebanyak 992.770 ton, produksi susu sebanyak 352.390 ton, produksi telur sebanyak 253.712 ton, untuk populasi yaitu sapi potong 413.211 ekor, sapi perah 119.590 ekor dan kerbau 103.362 ekor.\n"
        );
        let (found, coverage) = run_default("indicator-list", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "413.211");
        assert_eq!(found[0].expected, "410.934");
        // "352,390" in the table and "352.390" in the text: one number.
        assert_eq!(coverage.agree, 5, "{coverage:#?}");
    }

    #[test]
    fn lists_not_tied_to_one_column_are_not_found() {
        // One item agrees: what the list restates is not established.
        let text = format!(
            "{POPULATION}Produksi daging sebanyak 992.770 ton, sapi potong 413.211 ekor, sapi perah 117.927 ekor dan kerbau 104.565 ekor.\n"
        );
        assert!(findings("indicator-list", &text).is_empty());
        // The targets listed, one of them the realisasi: another value of its row.
        let text = format!(
            "{POPULATION}Target daging 768.495 ton, telur 217.235 ton, sapi potong 410.934 ekor dan kerbau 143.594 ekor.\n"
        );
        assert!(findings("indicator-list", &text).is_empty());
        // Another unit: "daging 83 %" is the SNI row, not production.
        let text = format!(
            "{POPULATION}Produksi daging 992.770 ton, telur 253.712 ton, dan kualitas daging 83 % memenuhi SNI, sapi potong 410.934 ekor.\n"
        );
        let (found, _) = run_default("indicator-list", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "87%");
        // Names that are no row of the table, and a figure of no unit.
        let text = format!(
            "{POPULATION}Produksi daging 992.770 ton, telur 253.712 ton, ayam pelung 4.516 ekor, itik rambon 1.486 ekor, sapi potong 413.211.\n"
        );
        assert!(findings("indicator-list", &text).is_empty());
    }
}
