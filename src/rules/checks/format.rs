//! Form: malformed numbers, template text left unfilled, required cells left
//! empty, required chapters missing, table numbers used twice.

use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use crate::facts::figures::{Hint, Token, scan_figures};
use crate::findings::Localized;
use crate::structure::roles::Role;
use crate::structure::{Chapter, LineRef, Row, RowKind};

use super::arithmetic::table_name;
use super::common::{Context, Pattern, cell_number};
use super::{Check, Draft, Outcome, Sink, Why};

fn regex(pattern: &str) -> Regex {
    crate::pattern::compile(pattern).expect("valid regex")
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MalformedParams {}

/// A figure that is neither Indonesian nor English style ("1.414.,972450'00").
#[derive(Debug)]
pub struct Malformed;

impl Malformed {
    pub fn new(_: MalformedParams) -> Result<Self, String> {
        Ok(Malformed)
    }
}

const LEADER: Why = Why {
    en: "a table-of-contents leader, not a figure",
    id: "garis titik daftar isi, bukan angka",
};
const COORDINATE: Why = Why {
    en: "a coordinate (degrees, minutes, seconds), not a figure",
    id: "koordinat (derajat, menit, detik), bukan angka",
};
const ITEM_CODE: Why = Why {
    en: "a numbering code (no group of three digits), not a figure",
    id: "kode penomoran (tanpa kelompok tiga angka), bukan angka",
};

/// Why a token the figure scanner calls malformed is not a figure at all:
/// a dot leader of a table of contents ("2018.......8"), a coordinate
/// (2°28'50.23"), an item code ("1,1.4").
fn not_a_figure(text: &str, start: usize, end: usize, token: &str) -> Option<Why> {
    if token.contains("...") || text[end.min(text.len())..].starts_with("..") {
        return Some(LEADER);
    }
    let before: String = text[..start.min(text.len())]
        .chars()
        .rev()
        .take(6)
        .collect();
    let after = text[end.min(text.len())..].chars().next();
    if before.contains('°')
        || text.contains('°')
            && (token.contains('\'') || matches!(after, Some('"' | '″' | '\'' | '′')))
    {
        return Some(COORDINATE);
    }
    let core = token.trim_end_matches(['-', ',']);
    let digits = core.chars().filter(char::is_ascii_digit).count();
    let longest = core
        .split(['.', ',', '\''])
        .map(str::len)
        .max()
        .unwrap_or(0);
    if longest < 3 && digits < 5 {
        return Some(ITEM_CODE);
    }
    if AMOUNTS_LISTED.is_match(core) {
        return Some(AMOUNTS);
    }
    None
}

const AMOUNTS: Why = Why {
    en: "well-formed amounts listed with a comma between them, not one figure",
    id: "beberapa angka utuh yang dipisah koma, bukan satu angka",
};

/// "6.857.296.607,15.052.945.500": amounts grouped by dots each, joined by a
/// comma (two cells a text export wrote in one line, or a list).
static AMOUNTS_LISTED: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d{1,3}(?:\.\d{3})+)+$").expect("valid regex")
});

const WRAPPED: Why = Why {
    en: "the figure's last digits wrap onto the line below (a narrow cell)",
    id: "angka terakhir terpotong ke baris di bawahnya (sel sempit)",
};

/// A figure in a narrow cell whose last digits wrapped onto the next line
/// ("1.506.190.00" above "0"): a few digits alone under it on the next lines.
fn wrapped_below(ctx: &Context<'_, '_>, index: usize, token: &str) -> bool {
    let Some(here) = ctx.report.lines.get(index) else {
        return false;
    };
    let Some(span) = here.line.spans.iter().find(|s| s.text.contains(token)) else {
        return false;
    };
    let (x0, x1) = (span.x, span.x + span.width.max(1.0));
    ctx.report
        .lines
        .iter()
        .skip(index + 1)
        .take(3)
        .filter(|l| l.page == here.page)
        .flat_map(|l| l.line.spans.iter())
        .any(|s| {
            let t = s.text.trim();
            !t.is_empty()
                && t.len() <= 3
                && t.chars().all(|c| c.is_ascii_digit())
                && s.x < x1
                && x0 < s.x + s.width.max(1.0)
        })
}

static DIGIT_RUN: LazyLock<Regex> = LazyLock::new(|| regex(r"\d[\d.,]*\d"));

/// An amount whose groups use one separator but are not groups of three:
/// "10.924024.550", "1403.419.201", "2.807.870.000.00", "17,833,004,534,00".
/// Dotted codes ("1.20.1.20.19.01", "31.12.2016") have more than one odd
/// group or too few groups of three, and are left alone.
fn misgrouped(core: &str) -> Option<(Localized, String)> {
    let sep = if core.contains('.') && !core.contains(',') {
        '.'
    } else if core.contains(',') && !core.contains('.') {
        ','
    } else {
        return None;
    };
    let groups: Vec<&str> = core.split(sep).collect();
    if groups.len() < 3 || groups.iter().any(|g| g.is_empty()) {
        return None;
    }
    let first = groups[0];
    let rest = &groups[1..];
    if first.starts_with('0') {
        return None;
    }
    let digits: usize = groups.iter().map(|g| g.len()).sum();
    let threes = rest.iter().filter(|g| g.len() == 3).count();
    if digits < 7 || threes == 0 {
        return None;
    }
    let odd: Vec<usize> = rest
        .iter()
        .enumerate()
        .filter(|(_, g)| g.len() != 3)
        .map(|(i, _)| i + 1)
        .collect();
    let first_odd = first.len() > 3;
    match (first_odd, odd.as_slice()) {
        (true, []) if first.len() <= 6 && threes >= 2 => Some((
            Localized::new(
                "kelompok ribuan pertama lebih dari tiga angka",
                "the first thousands group has more than three digits",
            ),
            String::new(),
        )),
        (false, [i]) if groups[*i].len() >= 4 && groups[*i].len() <= 9 => Some((
            Localized::new(
                "kelompok ribuan lebih dari tiga angka",
                "a thousands group has more than three digits",
            ),
            String::new(),
        )),
        (false, [i]) if *i == groups.len() - 1 && groups[*i].len() == 2 && threes >= 2 => {
            let (int, other) = if sep == '.' { (".", ",") } else { (",", ".") };
            Some((
                Localized::new(
                    format!("desimal dipisah dengan pemisah ribuan `{int}`"),
                    format!("the decimals are split off with the thousands separator `{int}`"),
                ),
                format!(
                    "{}{other}{}",
                    groups[..groups.len() - 1].join(int),
                    groups[groups.len() - 1]
                ),
            ))
        }
        _ => None,
    }
}

/// "Rp. 3.800.575.000,-,-": the rupiah ending ",-" typed twice.
static DOUBLE_DASH: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(\d{1,3}(?:\.\d{3})+(?:,\d{2})?),-[ \t]*,-"));

/// "(Depkes, 205)", "(BPS, 2015)": an author-year citation. The source is one
/// to four words starting with a capital ("Depkes", "Badan Pusat Statistik",
/// "Sugiyono dkk."; words without digits, so not "Tabel 3"); a page reference
/// ("2010: 45") does not match.
static SOURCE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"\(\s*[A-Z][\p{L}.&'’-]*(?:\s+[\p{L}.&'’-]+){0,3}\s*,\s*(\d{3,5})\s*\)")
});

/// Each author-year citation of `text`: a four-digit year agrees; three
/// digits starting 1 or 2, or five starting 19 or 20, cannot be a year.
fn source_years(index: usize, text: &str) -> Vec<Outcome> {
    let mut out = Vec::new();
    for c in SOURCE_YEAR.captures_iter(text) {
        let (Some(whole), Some(year)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let y = year.as_str();
        let digits = match y.len() {
            4 if y.starts_with("19") || y.starts_with("20") => {
                out.push(Outcome::Agrees);
                continue;
            }
            3 if y.starts_with(['1', '2']) => ("tiga", "three"),
            5 if y.starts_with("19") || y.starts_with("20") => ("lima", "five"),
            _ => continue,
        };
        let reason = Localized::new(
            format!("tahun sumber yang dikutip hanya {} angka", digits.0),
            format!("the cited source's year has {} digits", digits.1),
        );
        out.push(Outcome::Differs(
            Draft {
                line: index,
                stated: whole.as_str().to_string(),
                expected: String::new(),
                computation: Localized::new(
                    format!("kutipan (sumber, tahun) dengan tahun {y}: tahun ditulis empat angka"),
                    format!("an (author, year) citation with year {y}: a year has four digits"),
                ),
                highlight: Some((year.start(), year.end())),
                ..Default::default()
            }
            .var("reason", reason),
        ));
    }
    out
}

/// "Rp. 3.800.575.000,-,-": each rupiah of `text` ending ",-" twice.
fn double_dashes(index: usize, text: &str) -> Vec<Outcome> {
    DOUBLE_DASH
        .captures_iter(text)
        .map(|c| {
            let (whole, amount) = (&c[0], &c[1]);
            let reason = Localized::new(
                "akhiran \",-\" tertulis dua kali".to_string(),
                "the ending \",-\" is written twice".to_string(),
            );
            Outcome::Differs(
                Draft {
                    line: index,
                    stated: whole.to_string(),
                    expected: format!("{amount},-"),
                    computation: reason.clone(),
                    highlight: c.get(0).map(|m| (m.start(), m.end())),
                    ..Default::default()
                }
                .var("reason", reason),
            )
        })
        .collect()
}

/// "neither Indonesian … nor English … number format: `why`".
fn not_a_format(id_why: &str, en_why: &str) -> Localized {
    Localized::new(
        format!(
            "bukan format angka Indonesia (1.234.567,89) maupun Inggris (1,234,567.89): {id_why}"
        ),
        format!(
            "neither Indonesian (1.234.567,89) nor English (1,234,567.89) number format: {en_why}"
        ),
    )
}

/// What the figure scanner makes of a line: each figure it reads agrees,
/// each malformed one differs (unless it is no figure at all); and the
/// byte ranges it took.
struct Scanned {
    outcomes: Vec<Outcome>,
    taken: Vec<(usize, usize)>,
}

fn scanned(index: usize, text: &str) -> Scanned {
    let mut outcomes = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for token in scan_figures(text) {
        match token {
            Token::Malformed(m) => {
                taken.push((m.start, m.end));
                if let Some(why) = not_a_figure(text, m.start, m.end, &m.text) {
                    outcomes.push(Outcome::Skipped(why));
                    continue;
                }
                outcomes.push(Outcome::Differs(
                    Draft {
                        line: index,
                        stated: m.text.clone(),
                        expected: String::new(),
                        computation: not_a_format(&m.reason, &m.reason),
                        highlight: Some((m.start, m.end)),
                        ..Default::default()
                    }
                    .var("reason", Localized::same(m.reason.clone())),
                ));
            }
            Token::Figure(f) => {
                taken.push((f.start, f.end));
                outcomes.push(Outcome::Agrees);
            }
        }
    }
    Scanned { outcomes, taken }
}

/// Whether the digit run at `start..end` of `text` is glued to a word, a
/// code or another number ("A1.234", "12/3.456", "1.234m") rather than
/// standing alone (or after "Rp").
fn glued(text: &str, start: usize, end: usize) -> bool {
    let prev = &text[..start];
    let rupiah = prev
        .to_lowercase()
        .trim_end_matches(['.', ','])
        .ends_with("rp");
    let before = match prev.chars().next_back() {
        Some(c) if c.is_alphanumeric() || matches!(c, '.' | ',') => !rupiah,
        Some('/' | '-') => true,
        _ => false,
    };
    let after = text[end..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '°'));
    before || after
}

/// Amounts the scanner takes for dotted codes: digit runs outside `taken`,
/// grouped wrongly.
fn misgrouped_runs(
    ctx: &Context<'_, '_>,
    index: usize,
    text: &str,
    taken: &[(usize, usize)],
) -> Vec<Outcome> {
    let mut out = Vec::new();
    for m in DIGIT_RUN.find_iter(text) {
        let (start, end) = (m.start(), m.end());
        if glued(text, start, end) || taken.iter().any(|(a, b)| *a < end && start < *b) {
            continue;
        }
        let Some((reason, expected)) = misgrouped(m.as_str()) else {
            continue;
        };
        if wrapped_below(ctx, index, m.as_str()) {
            out.push(Outcome::Skipped(WRAPPED));
            continue;
        }
        out.push(Outcome::Differs(
            Draft {
                line: index,
                stated: m.as_str().to_string(),
                expected,
                computation: not_a_format(&reason.id, &reason.en),
                highlight: Some((start, end)),
                ..Default::default()
            }
            .var("reason", reason),
        ));
    }
    out
}

impl Check for Malformed {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        for l in &ctx.report.lines {
            // The longest check on a big report: stop near the time limit.
            if crate::limits::out_of_time() {
                return;
            }
            let text = &l.line.text;
            let scanned = scanned(l.index, text);
            let outcomes = source_years(l.index, text)
                .into_iter()
                .chain(double_dashes(l.index, text))
                .chain(scanned.outcomes)
                .chain(misgrouped_runs(ctx, l.index, text, &scanned.taken));
            for outcome in outcomes {
                out.record(outcome);
            }
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlippedPercentParams {}

/// "sebesar 127,135 atau terkategori sangat baik" where the report prints
/// "127,13%" elsewhere: on an Indonesian keyboard '%' is Shift+5, so a
/// percentage typed without Shift ends in a 5. Held only when the figure has
/// one decimal more than the percentages beside it in its paragraph (same
/// decimal separator), ends in 5, has no '%' of its own, and its truncation
/// is printed with a '%' on another line of the report.
#[derive(Debug)]
pub struct SlippedPercent;

impl SlippedPercent {
    pub fn new(_: SlippedPercentParams) -> Result<Self, String> {
        Ok(SlippedPercent)
    }
}

/// A decimal figure: up to three whole digits, a separator, two decimals or more.
static SHORT_DECIMAL: LazyLock<Regex> = LazyLock::new(|| regex(r"^\d{1,3}([.,])(\d{2,})$"));
static NUMBER_RUN: LazyLock<Regex> = LazyLock::new(|| regex(r"\d+(?:[.,]\d+)*"));
/// A percentage as printed: the figure and its '%'.
static PERCENT: LazyLock<Regex> = LazyLock::new(|| regex(r"(\d+(?:[.,]\d+)*)\s*%"));

const NOT_ELSEWHERE: Why = Why {
    en: "a figure ending in 5 with one decimal more than its paragraph's percentages, whose truncation the report prints nowhere with '%'",
    id: "angka berakhiran 5 dengan satu desimal lebih dari persentase paragrafnya, yang pemotongannya tidak dicetak di tempat lain dengan '%'",
};

impl Check for SlippedPercent {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        // Every percentage printed, with the lines printing it.
        let mut printed: std::collections::HashMap<String, Vec<usize>> =
            std::collections::HashMap::new();
        for l in &ctx.report.lines {
            for c in PERCENT.captures_iter(&l.line.text) {
                printed.entry(c[1].to_string()).or_default().push(l.index);
            }
        }
        for p in &ctx.report.paragraphs {
            let text = &p.text;
            // The paragraph's percentages: (separator, decimals).
            let usual: Vec<(char, usize)> = PERCENT
                .captures_iter(text)
                .filter_map(|c| {
                    let m = SHORT_DECIMAL.captures(c.get(1)?.as_str())?;
                    Some((m[1].chars().next()?, m[2].len()))
                })
                .collect();
            if usual.is_empty() {
                continue;
            }
            for m in NUMBER_RUN.find_iter(text) {
                let token = m.as_str();
                let Some(c) = SHORT_DECIMAL.captures(token) else {
                    continue;
                };
                let (Some(sep), decimals) = (c[1].chars().next(), c[2].len()) else {
                    continue;
                };
                if !token.ends_with('5') || text[m.end()..].trim_start().starts_with('%') {
                    continue;
                }
                // Glued to a word, a rupiah amount or a dotted code: not a percentage.
                let before = text[..m.start()].trim_end().to_lowercase();
                if before.ends_with("rp")
                    || before.ends_with("rp.")
                    || text[..m.start()]
                        .chars()
                        .next_back()
                        .is_some_and(|ch| ch.is_alphanumeric() || matches!(ch, '.' | ',' | '/'))
                    || text[m.end()..]
                        .chars()
                        .next()
                        .is_some_and(|ch| ch.is_alphanumeric() || matches!(ch, '/'))
                {
                    continue;
                }
                if !usual.contains(&(sep, decimals - 1)) {
                    continue;
                }
                let (line, col) = ctx.locate(p, m.start());
                let cut = &token[..token.len() - 1];
                // The first other line printing the truncation with '%'.
                let Some(first) = printed
                    .get(cut)
                    .and_then(|at| at.iter().find(|&&i| i != line))
                    .copied()
                else {
                    out.skip(NOT_ELSEWHERE);
                    continue;
                };
                let there = ctx
                    .report
                    .lines
                    .get(first)
                    .map(|l| (l.page, l.line.number))
                    .unwrap_or_default();
                out.push(
                    Draft {
                        line,
                        stated: token.to_string(),
                        expected: format!("{cut}%"),
                        computation: Localized::new(
                            format!(
                                "\"{token}\" tanpa '%' dan satu desimal lebih dari persentase lain di paragrafnya; laporan mencetak \"{cut}%\" (hlm. {}, baris {}): '%' (Shift+5) tertulis '5'",
                                there.0, there.1
                            ),
                            format!(
                                "\"{token}\" has no '%' and one decimal more than the other percentages of its paragraph; the report prints \"{cut}%\" (p. {}, line {}): '%' (Shift+5) typed as '5'",
                                there.0, there.1
                            ),
                        ),
                        related: vec![first],
                        highlight: Some((col, col + token.len())),
                        ..Default::default()
                    },
                );
            }
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pattern: Pattern,
    what: Localized,
    /// The hint as the regulation itself words it, not a blank left in: the
    /// text just before a match that matches this is the report quoting it
    /// ("dengan standar nasional (jika ada)" from PermenPAN-RB 53/2014).
    #[serde(default)]
    quoted_after: Option<Pattern>,
}

impl Template {
    /// Whether the match at `start` of `text` is the regulation's own wording.
    fn quoted(&self, text: &str, start: usize) -> bool {
        let Some(q) = &self.quoted_after else {
            return false;
        };
        let from = super::regulations::ceil(text, start.saturating_sub(80));
        q.is_match(&text[from..start])
    }
}

const QUOTED: Why = Why {
    en: "the hint is the regulation's own wording, quoted",
    id: "petunjuk itu kutipan kata-kata peraturan",
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateParams {
    templates: Vec<Template>,
    /// What to call a signature line with a year but no day and month
    /// ("Bandung,          2017"); absent: not checked.
    #[serde(default)]
    blank_date: Option<Localized>,
    /// What to call one with its month and year but no day ("Sabu,    Januari
    /// 2025"); absent: not checked.
    #[serde(default)]
    blank_day: Option<Localized>,
}

/// The office of whoever signs ("KEPALA DINAS …", "Plt. Camat"), on one of
/// the lines below a signature date.
static SIGNER: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^\s*(?:a\.?\s?n\.?\s+|plt\.?\s+|plh\.?\s+|pj\.?\s+)?(?:kepala|sekretaris|direktur|gubernur|bupati|wali\s*kota|camat|inspektur|pimpinan|ketua|lurah)\b",
    )
});

fn signed_below(ctx: &Context<'_, '_>, index: usize) -> bool {
    ctx.report
        .lines
        .iter()
        .skip(index + 1)
        .filter(|l| !l.line.is_blank())
        .take(2)
        .take_while(|l| l.line.text.trim().chars().count() <= 60)
        .any(|l| SIGNER.is_match(&l.line.text))
}

/// "Place, 2017" alone on its line: a signature date whose day and month were
/// left blank; "Place,    Januari 2025": whose day was (group `month`). Only
/// with the gap (several spaces, a tab: the extractor's wide gap, dots) where the day was to go: "Bandung,
/// Februari 2017" is a date by its month, as many reports sign.
static BLANK_DATE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^\s*([A-Z][A-Za-z'-]{2,30}(?: [A-Z][A-Za-z'-]{2,30})?)\s*,(?:(?:\s*(?:\.{3,}|…|_{3,})\s*|\s*\t\s*|\s{2,})(?P<month>(?i:januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|november|nopember|desember))\s+|\s*)((?:19|20)\d\d)\s*$",
    )
});

/// Template text left as it was: "Nomor ... Tahun 2020", "sangat berhasil/ berhasil/ kurang/cukup".
#[derive(Debug)]
pub struct TemplateText {
    p: TemplateParams,
}

impl TemplateText {
    pub fn new(p: TemplateParams) -> Result<Self, String> {
        Ok(TemplateText { p })
    }
}

impl Check for TemplateText {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        for l in &ctx.report.lines {
            let Some(c) = BLANK_DATE.captures(&l.line.text) else {
                continue;
            };
            let month = c.name("month").map(|m| m.as_str().trim());
            let what = match month {
                None => &self.p.blank_date,
                Some(_) => &self.p.blank_day,
            };
            if let Some(what) = what
                && signed_below(ctx, l.index)
            {
                let whole = c.get(0).map_or((0, 0), |m| (m.start(), m.end()));
                let text = l.line.text.trim();
                out.push(
                    Draft {
                        line: l.index,
                        stated: text.split_whitespace().collect::<Vec<_>>().join(" "),
                        expected: format!(
                            "{}, <tanggal> {} {}",
                            &c[1],
                            month.unwrap_or("<bulan>"),
                            &c[3]
                        ),
                        computation: what.clone(),
                        highlight: Some(whole),
                        ..Default::default()
                    }
                    .var("what", what.clone()),
                );
            }
        }
        let draft = |line: usize, stated: &str, highlight: Option<(usize, usize)>, t: &Template| {
            Draft {
                line,
                stated: stated.to_string(),
                expected: String::new(),
                computation: t.what.clone(),
                highlight,
                ..Default::default()
            }
            .var("what", t.what.clone())
        };
        // Running text is matched over whole paragraphs: a PDF may wrap "Nomor ... Tahun".
        for p in &ctx.report.paragraphs {
            for t in &self.p.templates {
                for m in t.pattern.0.find_iter(&p.text) {
                    if t.quoted(&p.text, m.start()) {
                        out.skip(QUOTED);
                        continue;
                    }
                    let line = p.line_at(m.start());
                    let start = m.start() - p.line_start(line).min(m.start());
                    let len = ctx.report.lines.get(line).map_or(0, |l| l.line.text.len());
                    let highlight = (start + m.len() <= len).then_some((start, start + m.len()));
                    out.push(draft(line, m.as_str(), highlight, t));
                }
            }
        }
        for l in &ctx.report.lines {
            if l.is_prose() {
                continue;
            }
            for t in &self.p.templates {
                for m in t.pattern.0.find_iter(&l.line.text) {
                    if t.quoted(&l.line.text, m.start()) {
                        out.skip(QUOTED);
                        continue;
                    }
                    out.push(draft(l.index, m.as_str(), Some((m.start(), m.end())), t));
                }
            }
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmptyCellsParams {
    /// Columns that must be filled on every row…
    columns: Option<Pattern>,
    /// …of tables having a column like this one.
    when_table_has: Option<Pattern>,
    /// A "label : value" line of running text that must have its value
    /// ("Indikator Keluaran Kegiatan : …"): group `value`…
    label: Option<Pattern>,
    /// …when it is under an item like this one (the kegiatan it belongs to)
    /// and the next line with text opens an item too (the next kegiatan or
    /// program): so a value set on the line below is never taken for none.
    item: Option<Pattern>,
}

static SUMMARY_ROW: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)^\s*(?:rata\s*-?\s*rata|jumlah|total|sub\s*-?\s*total|rerata)\b"));
/// "Rata-rata", "Jumlah", "Total" and at most two words more: a summary
/// row ("Jumlah kasus pelanggaran perda" is an indicator). "Rata - rata",
/// spaced as a text export prints it, is one word.
fn is_summary_label(label: &str) -> bool {
    let joined: Vec<&str> = label.split('-').map(str::trim).collect();
    SUMMARY_ROW.is_match(label) && joined.join("-").split_whitespace().count() <= 3
}

const SUMMARY: Why = Why {
    en: "a summary row (average, total) fills only some columns",
    id: "baris ringkasan (rata-rata, jumlah) hanya mengisi sebagian kolom",
};

const MERGED_HEADER: Why = Why {
    en: "one column's header joins the labels of several (No, Sasaran, Indikator, Target …): the columns were not read apart",
    id: "judul satu kolom menggabungkan label beberapa kolom (No, Sasaran, Indikator, Target …): kolomnya tidak terbaca terpisah",
};

/// Words each heading a column of its own in a performance table.
static COLUMN_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)\b(no|sasaran|indikator|satuan|target|realisasi|capaian|anggaran)\b",
    )
    .expect("valid regex")
});

/// A header label naming three columns or more ("Target Realisasi No Sasaran
/// Indikator Kinerja Satuan 2016"): the reader joined several columns into
/// one, and an empty cell under another label may hold what was read there.
fn merged_header(labels: &[String]) -> bool {
    labels.iter().any(|label| {
        let mut words: Vec<String> = COLUMN_WORDS
            .find_iter(label)
            .map(|m| m.as_str().to_lowercase())
            .collect();
        words.sort_unstable();
        words.dedup();
        words.len() >= 3
    })
}

const SPLIT_ROW: Why = Why {
    en: "a line under the row, numbering nothing, fills this column and none of the columns the row fills: one row's values set over several lines (cells centred in a tall row), read as rows of their own",
    id: "baris di bawahnya, tanpa nomor, mengisi kolom ini dan tidak satu pun kolom yang diisi baris ini: nilai satu baris yang tersebar di beberapa baris (sel di tengah baris yang tinggi), terbaca sebagai baris tersendiri",
};

/// The columns of `row` holding a figure, the label column left out.
fn figure_columns(row: &Row) -> Vec<usize> {
    row.cells
        .iter()
        .enumerate()
        .filter(|(i, c)| {
            *i > 0 && (c.figure.is_some() || cell_number(&c.text, Hint::None).is_some())
        })
        .map(|(i, _)| i)
        .collect()
}

/// Whether the rows after `rows[at]` (up to three, while each numbers no
/// item and fills only columns none of the run fills yet) fill `col`: they
/// and the row are one row whose values a reader without rulings took line
/// by line (a text export of a tall row, its cells centred at different
/// heights, the row's first line holding its number).
fn split_over_rows(rows: &[Row], at: usize, col: usize) -> bool {
    let Some(row) = rows.get(at) else {
        return false;
    };
    let mut taken = figure_columns(row);
    for other in rows.iter().skip(at + 1).take(3) {
        let numbered = other
            .cells
            .first()
            .is_some_and(|c| !c.text.trim().is_empty());
        let theirs = figure_columns(other);
        if numbered || theirs.is_empty() || theirs.iter().any(|c| taken.contains(c)) {
            return false;
        }
        if theirs.contains(&col) {
            return true;
        }
        taken.extend(theirs);
    }
    false
}

const NOT_MEASURED: Why = Why {
    en: "a row with neither target nor realisasi (a kegiatan's budget line) has no capaian to give",
    id: "baris tanpa target maupun realisasi (baris anggaran kegiatan) tidak mempunyai capaian",
};

/// A required cell left empty (TINGKAT KEMAJUAN with no value).
#[derive(Debug)]
pub struct EmptyCells {
    p: EmptyCellsParams,
}

impl EmptyCells {
    pub fn new(p: EmptyCellsParams) -> Result<Self, String> {
        match (&p.columns, &p.when_table_has, &p.label, &p.item) {
            (Some(_), Some(_), None, None) => {}
            (None, None, Some(label), Some(_)) => {
                if !label.0.capture_names().any(|n| n == Some("value")) {
                    return Err("`label` needs a (?P<value>…) group".into());
                }
            }
            _ => {
                return Err(
                    "give `columns` and `when_table_has` (table cells), or `label` and `item` (lines of text)"
                        .into(),
                );
            }
        }
        Ok(EmptyCells { p })
    }

    /// "Indikator Keluaran Kegiatan :" with nothing after it, between the
    /// kegiatan it belongs to and the next item.
    fn labels(&self, ctx: &Context<'_, '_>, label: &Pattern, item: &Pattern, out: &mut Sink) {
        let lines = &ctx.report.lines;
        let text_at = |i: usize| lines[i].line.text.trim();
        for (i, l) in lines.iter().enumerate() {
            let Some(c) = label.0.captures(&l.line.text) else {
                continue;
            };
            let filled = c
                .name("value")
                .is_some_and(|v| v.as_str().chars().any(char::is_alphanumeric));
            if filled {
                out.agree();
                continue;
            }
            // The kegiatan's line: among the three lines with text above
            // (its name may wrap).
            let prev = (0..i)
                .rev()
                .filter(|&k| !lines[k].line.is_blank())
                .take(3)
                .take_while(|&k| !label.is_match(&lines[k].line.text))
                .find(|&k| item.is_match(text_at(k)));
            let next = (i + 1..lines.len()).find(|&k| !lines[k].line.is_blank());
            let (Some(prev), Some(next)) = (prev, next) else {
                out.skip(LABEL_UNPLACED);
                continue;
            };
            if !(item.is_match(text_at(next)) || label.is_match(&lines[next].line.text)) {
                out.skip(LABEL_UNPLACED);
                continue;
            }
            let name = c.get(0).map_or("", |m| m.as_str()).trim().to_string();
            let activity = text_at(prev).to_string();
            out.push(
                Draft {
                    line: i,
                    stated: String::new(),
                    expected: name.clone(),
                    computation: Localized::new(
                        format!("\"{name}\" tanpa isi; di bawah \"{activity}\""),
                        format!("\"{name}\" with nothing after it; under \"{activity}\""),
                    ),
                    related: vec![prev],
                    ..Default::default()
                }
                .var("label", Localized::same(name))
                .var("activity", Localized::same(activity)),
            );
        }
    }
}

const LABEL_UNPLACED: Why = Why {
    en: "an empty label not between two items: its value may be on the next line",
    id: "label kosong yang tidak diapit dua butir: isinya mungkin di baris berikut",
};

impl Check for EmptyCells {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        if let (Some(label), Some(item)) = (&self.p.label, &self.p.item) {
            self.labels(ctx, label, item, out);
        }
        let (Some(columns), Some(when)) = (&self.p.columns, &self.p.when_table_has) else {
            return;
        };
        for (index, table) in ctx.report.tables.iter().enumerate() {
            out.enter_table(index);
            if table.columns_matching(&when.0).is_empty() {
                continue;
            }
            if merged_header(&table.columns) {
                for _ in table.columns_matching(&columns.0) {
                    out.skip(MERGED_HEADER);
                }
                continue;
            }
            // A capaian is worked out from the row's own target or realisasi:
            // a row stating neither (a kegiatan listed under the indicator it
            // supports, with only its budget) has none to give. Where no
            // column is known to hold them, any figure of the row counts. A
            // realisasi right of the anggaran is the budget's (its physical
            // progress, "Realisasi Fisik"), not the indicator's.
            let budget = table.roles.iter().position(|r| r.role == Role::Anggaran);
            let measured: Vec<usize> = table
                .roles
                .iter()
                .enumerate()
                .filter(|(i, r)| {
                    r.role == Role::Target
                        || (r.role == Role::Realisasi && !r.money && budget.is_none_or(|b| *i < b))
                })
                .map(|(i, _)| i)
                .collect();
            for col in table.columns_matching(&columns.0) {
                for (at, row) in table.rows.iter().enumerate() {
                    if row.kind != RowKind::Item {
                        continue;
                    }
                    // "Rata-rata", "Jumlah": a summary row fills only the columns it sums up.
                    // ("Jumlah kasus pelanggaran perda" is an indicator, not a summary.)
                    if is_summary_label(row.label()) {
                        out.skip(SUMMARY);
                        continue;
                    }
                    // Only rows that carry figures elsewhere are data rows; a
                    // bare "83" counts too (the table reader takes one- and
                    // two-digit cells for column numbers unless hinted).
                    let has_data = figure_columns(row).iter().any(|&i| i != col);
                    let empty = row.cell(col).is_none_or(|c| c.text.trim().is_empty());
                    let states_measure = measured.is_empty()
                        || measured.iter().any(|&i| {
                            i != col
                                && row.cell(i).is_some_and(|c| {
                                    c.figure.is_some() || cell_number(&c.text, Hint::None).is_some()
                                })
                        });
                    if has_data && empty && !states_measure {
                        out.skip(NOT_MEASURED);
                        continue;
                    }
                    if has_data && !empty {
                        out.agree();
                    }
                    if has_data && empty && split_over_rows(&table.rows, at, col) {
                        out.skip(SPLIT_ROW);
                        continue;
                    }
                    if has_data && empty {
                        out.push(
                            Draft {
                                line: ctx.row_line(row.page, row.line),
                                stated: String::new(),
                                expected: table.columns[col].clone(),
                                computation: Localized::new(
                                    format!(
                                        "kolom \"{}\" {} kosong",
                                        table.columns[col],
                                        table_name(table).id
                                    ),
                                    format!(
                                        "column \"{}\" of {} is empty",
                                        table.columns[col],
                                        table_name(table).en
                                    ),
                                ),
                                ..Default::default()
                            }
                            .var("column", Localized::same(table.columns[col].clone()))
                            .var("table", table_name(table)),
                        );
                    }
                }
            }
        }
        out.leave_table();
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequiredChaptersParams {
    chapters: Vec<String>,
}

/// The chapters PermenPAN-RB 53/2014 requires.
#[derive(Debug)]
pub struct RequiredChapters {
    chapters: Vec<Chapter>,
}

impl RequiredChapters {
    pub fn new(p: RequiredChaptersParams) -> Result<Self, String> {
        let chapters = p
            .chapters
            .iter()
            .map(|n| Chapter::from_rule_name(n).ok_or_else(|| format!("unknown chapter {n:?}")))
            .collect::<Result<_, _>>()?;
        Ok(RequiredChapters { chapters })
    }
}

static TOC_LEADER: LazyLock<Regex> = LazyLock::new(|| regex(r"\.{4,}|…"));
/// "BAB.I", "BAB 1", "BAB I": a chapter heading however it is punctuated.
static LOOSE_BAB: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^BAB\s*[.:\-]?\s*([IVX]{1,4}|[1-5])\b[.:]?\s*([^a-z]*)$"));
/// "I. PENDAHULUAN", "3. AKUNTABILITAS KINERJA": a numbered chapter title in capitals.
static NUMBERED_TITLE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^([IVX]{1,4}|[1-5])\s*[.)]\s+([A-Z][A-Z ,&/\-]{3,60})$"));
/// The standard chapter titles alone on a line (title pages, running headers "PENDAHULUAN |").
static CHAPTER_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^(PENDAHULUAN|PERENCANAAN(?: KINERJA| STRATEGIS)?|RENCANA STRATEGIS|AKUNTABILITAS KINERJA|PENUTUP)$",
    )
});
/// "1.1 Latar Belakang", "3.2 Realisasi Anggaran": a section of chapter k.
static SECTION: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^([1-5])\.([1-9]\d?)\.?(?:\d{1,2}\.?)*\s+[A-Z]"));
static SUMMARY_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"^(?:IKHTISAR|RINGKASAN)\s+EKSEKUTIF|^(?:EKSEKUTIF|EXECUTIVE)\s+SUMMARY")
});

fn title_chapter(title: &str) -> Option<Chapter> {
    let t = title.trim();
    Some(if t.starts_with("PENDAHULUAN") {
        Chapter::Bab(1)
    } else if t.starts_with("PERENCANAAN") || t.starts_with("RENCANA STRATEGIS") {
        Chapter::Bab(2)
    } else if t.starts_with("AKUNTABILITAS") {
        Chapter::Bab(3)
    } else if t.starts_with("PENUTUP") {
        Chapter::Bab(4)
    } else {
        return None;
    })
}

/// The chapter a line shows the report has, though the chapter reader did not
/// take it for a heading: "BAB.I", "I. PENDAHULUAN", "EKSEKUTIF SUMMARY", a
/// running header "PENDAHULUAN |", sections "2.1 …" of a chapter written without "BAB".
fn chapter_evidence(text: &str) -> Option<Chapter> {
    let text = text
        .trim()
        .trim_end_matches(['|', ' ', '\t', ':', '.'])
        .trim_start_matches(['|', ' ', '\t']);
    if text.is_empty() || text.chars().count() > 90 || TOC_LEADER.is_match(text) {
        return None;
    }
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if SUMMARY_TITLE.is_match(&flat) && flat.chars().count() <= 40 {
        return Some(Chapter::Ikhtisar);
    }
    let number = |n: &str| {
        n.parse::<u8>()
            .ok()
            .or_else(|| {
                crate::structure::sections::parse_roman(n).and_then(|v| u8::try_from(v).ok())
            })
            .filter(|v| (1..=5).contains(v))
            .map(Chapter::Bab)
    };
    if let Some(c) = LOOSE_BAB.captures(&flat) {
        return number(&c[1]);
    }
    if let Some(c) = NUMBERED_TITLE.captures(&flat) {
        let by_number = number(&c[1]);
        return title_chapter(&c[2]).or(by_number);
    }
    if CHAPTER_TITLE.is_match(&flat) {
        return title_chapter(&flat);
    }
    if let Some(c) = SECTION.captures(&flat)
        && flat.chars().count() <= 80
    {
        return number(&c[1]);
    }
    None
}

const LOOSE_HEADING: Why = Why {
    en: "the chapter is there under a heading written another way",
    id: "bab ada dengan judul yang ditulis dengan cara lain",
};

const SPLIT_PART: Why = Why {
    en: "the file ends before chapters its table of contents lists: a part of a split report",
    id: "berkas berakhir sebelum bab yang tercantum di daftar isinya: bagian dari laporan yang dipecah",
};

const LATER_PART: Why = Why {
    en: "the file's first page is printed as a later page of a chapter (\"III-14\"): a later part of a split report",
    id: "halaman pertama berkas bernomor halaman lanjutan suatu bab (\"III-14\"): bagian lanjutan dari laporan yang dipecah",
};

/// A printed page label at the end of a header or footer: "III-14" is page
/// 14 of chapter III.
static CHAPTER_PAGE_LABEL: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?:^|\s)([IVX]{1,4})\s?[-–]\s?(\d{1,3})$"));

/// The chapter a file begins inside, when its first page is printed as a
/// later page of that chapter ("… JAWA BARAT III-14"): the chapters before it
/// are in another file. Only a header or footer of the first page counts (its
/// first or last three lines, or a running line the reader left out of it),
/// and only in a file of several pages, where a page is a page.
fn begins_inside(lines: &[LineRef<'_>], running: &[(u32, &str)]) -> Option<Chapter> {
    let first_page = lines.first()?.page;
    if lines.iter().all(|l| l.page == first_page) {
        return None;
    }
    let page: Vec<&str> = lines
        .iter()
        .take_while(|l| l.page == first_page)
        .map(|l| l.line.text.as_str())
        .collect();
    let edges = page
        .iter()
        .take(3)
        .chain(page.iter().rev().take(3))
        .copied();
    let left_out = running
        .iter()
        .filter(|(p, _)| *p == first_page)
        .map(|(_, t)| *t);
    edges.chain(left_out).find_map(|text| {
        let text = text.trim().trim_end_matches(['|', ' ', '\t']);
        let c = CHAPTER_PAGE_LABEL.captures(text)?;
        let printed: u32 = c[2].parse().ok()?;
        let chapter = crate::structure::sections::parse_roman(&c[1])?;
        (printed >= 2 && (1..=5).contains(&chapter)).then_some(Chapter::Bab(chapter as u8))
    })
}

impl Check for RequiredChapters {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let running: Vec<(u32, &str)> = ctx.report.running_lines().collect();
        let begins_in = begins_inside(&ctx.report.lines, &running);
        let mut loose: Vec<Chapter> = Vec::new();
        // Chapters the table of contents lists ("BAB IV PENUTUP ....... IV-1").
        let mut listed: Vec<Chapter> = Vec::new();
        for l in &ctx.report.lines {
            let entry = TOC_LEADER
                .find(&l.line.text)
                .map(|m| &l.line.text[..m.start()]);
            if let Some(c) = entry.and_then(chapter_evidence)
                && !listed.contains(&c)
            {
                listed.push(c);
            }
            if matches!(l.chapter, Chapter::DaftarIsi) {
                continue;
            }
            if let Some(c) = chapter_evidence(&l.line.text)
                && !loose.contains(&c)
            {
                loose.push(c);
            }
        }
        for c in &self.chapters {
            if ctx.report.chapter_present(*c) {
                out.agree();
                continue;
            }
            if loose.contains(c) {
                out.skip(LOOSE_HEADING);
                continue;
            }
            if begins_in.is_some_and(|first| *c < first) {
                out.skip(LATER_PART);
                continue;
            }
            // Listed, and after every chapter the file has: the rest is in another file.
            let last_present = ctx
                .report
                .lines
                .iter()
                .map(|l| l.chapter)
                .chain(loose.iter().copied())
                .filter_map(|c| match c {
                    Chapter::Bab(k) => Some(k),
                    _ => None,
                })
                .max();
            if let (Chapter::Bab(k), Some(last)) = (c, last_present)
                && *k > last
                && listed.contains(c)
            {
                out.skip(SPLIT_PART);
                continue;
            }
            out.push(
                Draft {
                    line: 0,
                    stated: String::new(),
                    expected: c.name(),
                    computation: Localized::new(
                        format!("bab {} tidak ditemukan", c.name()),
                        format!("chapter {} not found", c.name()),
                    ),
                    ..Default::default()
                }
                .var("chapter", Localized::same(c.name())),
            );
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DuplicateCaptionParams {}

/// "Tabel 3.2" used for two different tables.
#[derive(Debug)]
pub struct DuplicateCaption;

impl DuplicateCaption {
    pub fn new(_: DuplicateCaptionParams) -> Result<Self, String> {
        Ok(DuplicateCaption)
    }
}

/// The caption's number as printed: "Tabel 2. 2" is 2.2, "Tabel 2.3a" is 2.3a,
/// "Tabel III.1" is III.1; the rest is the title.
static CAPTION_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)^\s*tabel\s+((?:[IVX]{1,4}|\d{1,3})(?:\s?[.\-]\s?\d{1,3}[a-z]?\b)*)[.:]?\s*(.*)$")
});
/// A caption title that is a sentence about a table ("Tabel 3.1 di atas menunjukkan …").
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^(?:di\s*atas|di\s*bawah|berikut|tersebut|menunjukkan|memperlihatkan|dapat|terlihat|diatas|dibawah|yang|dan|ini)\b",
    )
});
static CONTINUED: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)\blanjut(?:an)?\b"));

const NOT_A_CAPTION: Why = Why {
    en: "a table of contents entry or a reference to a table, not its caption",
    id: "entri daftar isi atau rujukan ke tabel, bukan judul tabel",
};
const CONTINUED_TABLE: Why = Why {
    en: "the same table continued under its caption repeated",
    id: "tabel yang sama berlanjut dengan judul diulang",
};

fn normal_title(title: &str) -> String {
    title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Check for DuplicateCaption {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        // A map, not a list searched per table: linear in the number of tables.
        // Number → (line of its first caption, its title, index among captions).
        let mut seen: std::collections::HashMap<String, (usize, String, usize)> =
            Default::default();
        let mut count = 0usize;
        for t in &ctx.report.tables {
            let Some(c) = &t.caption else { continue };
            if c.number.is_none() {
                continue;
            }
            let line = ctx.row_line(c.page, c.line);
            let Some(l) = ctx.report.lines.get(line) else {
                continue;
            };
            let Some(parsed) = CAPTION_NUMBER.captures(&l.line.text) else {
                continue;
            };
            let printed = parsed.get(1).map_or("", |m| m.as_str());
            let n: String = printed.chars().filter(|ch| !ch.is_whitespace()).collect();
            let own_title = parsed.get(2).map_or("", |m| m.as_str()).trim();
            if l.chapter == Chapter::DaftarIsi
                || TOC_LEADER.is_match(&l.line.text)
                || REFERENCE.is_match(own_title)
            {
                out.skip(NOT_A_CAPTION);
                continue;
            }
            let title = normal_title(if own_title.is_empty() {
                &c.title
            } else {
                own_title
            });
            count += 1;
            if let Some((first, first_title, at)) = seen.get(&n) {
                // The caption repeated over a table that continues (nothing between).
                if CONTINUED.is_match(&title) || (*first_title == title && *at + 1 == count) {
                    seen.insert(n.clone(), (*first, first_title.clone(), count));
                    out.skip(CONTINUED_TABLE);
                    continue;
                }
                let text = format!("Tabel {n}");
                let lead = l.line.text.len() - l.line.text.trim_start().len();
                let at = parsed.get(1).map(|m| (lead, m.end()));
                out.push(
                    Draft {
                        line,
                        stated: text,
                        expected: String::new(),
                        computation: Localized::new(
                            format!(
                                "nomor tabel {n} sudah dipakai di baris {}",
                                ctx.report.lines[*first].line.number
                            ),
                            format!(
                                "table number {n} already used at line {}",
                                ctx.report.lines[*first].line.number
                            ),
                        ),
                        related: vec![*first],
                        highlight: at,
                        ..Default::default()
                    }
                    .var("number", Localized::same(n.clone())),
                );
            } else {
                out.agree();
                seen.insert(n, (line, title, count));
            }
        }
    }
}

/// "BAB VI PENUTUP" in a list of chapters (Sistematika Penulisan, Daftar Isi).
static LISTED_BAB: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^\s*BAB\s+([IVX]{1,4})\s+([A-Z][A-Z ,&/\-]{3,60}?)\s*(?:\.{3,}.*)?$"));

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChapterListParams {}

/// A chapter list that skips to a number the report has no chapter for
/// ("BAB III …, BAB VI PENUTUP" where the report's last chapter is BAB IV).
#[derive(Debug)]
pub struct ChapterList;

impl ChapterList {
    pub fn new(_: ChapterListParams) -> Result<Self, String> {
        Ok(ChapterList)
    }
}

impl Check for ChapterList {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let lines = &ctx.report.lines;
        let mut prev: Option<(usize, u32)> = None;
        for l in lines {
            let Some(c) = LISTED_BAB.captures(&l.line.text) else {
                continue;
            };
            let Some(n) = crate::structure::sections::parse_roman(&c[1]) else {
                continue;
            };
            if let Some((at, p)) = prev
                && l.index - at <= 12
                && n != p + 1
                && n > p
            {
                let want = p + 1;
                let has = |k: u32| {
                    u8::try_from(k).is_ok_and(|k| ctx.report.chapter_present(Chapter::Bab(k)))
                };
                if has(want) && !has(n) {
                    let stated = format!("BAB {} {}", &c[1], c[2].trim());
                    out.push(Draft {
                        line: l.index,
                        stated,
                        expected: format!(
                            "BAB {} {}",
                            crate::structure::sections::roman(want),
                            c[2].trim()
                        ),
                        computation: Localized::new(
                            format!(
                                "daftar bab melompat dari BAB {} ke BAB {}; laporan memuat BAB {}, tidak ada BAB {}",
                                crate::structure::sections::roman(p),
                                &c[1],
                                crate::structure::sections::roman(want),
                                &c[1]
                            ),
                            format!(
                                "the chapter list jumps from BAB {} to BAB {}; the report has a BAB {} and no BAB {}",
                                crate::structure::sections::roman(p),
                                &c[1],
                                crate::structure::sections::roman(want),
                                &c[1]
                            ),
                        ),
                        ..Default::default()
                    });
                } else {
                    out.agree();
                }
            } else if prev.is_some() {
                out.agree();
            }
            prev = Some((l.index, n));
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DuplicateSectionParams {}

/// "3.2 Hasil Pengukuran …" and later "3.2 Akuntabilitas Keuangan": one
/// section number for two sections of a chapter.
#[derive(Debug)]
pub struct DuplicateSection;

impl DuplicateSection {
    pub fn new(_: DuplicateSectionParams) -> Result<Self, String> {
        Ok(DuplicateSection)
    }
}

/// "3.2 Akuntabilitas Keuangan", "3.1.2. Realisasi …": a numbered section heading
/// alone on its line, its title starting with a capital and holding no figure.
static SECTION_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^\s*([1-9])\.(\d{1,2}(?:\.\d{1,2}){0,2})\.?\s+([A-Z][A-Za-z]+(?:[ \t]+[A-Za-z/&,()\-]+){0,12})\s*:?\s*$",
    )
});

const SECTION_ELSEWHERE: Why = Why {
    en: "a numbered line outside its own chapter (an outline or a list), not a heading",
    id: "baris bernomor di luar babnya sendiri (sistematika atau daftar), bukan judul bagian",
};

fn title_key(title: &str) -> String {
    title
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Check for DuplicateSection {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        // Number → (line, page, title) of each heading, in order.
        let mut seen: std::collections::BTreeMap<String, Vec<(usize, u32, String)>> =
            Default::default();
        for l in &ctx.report.lines {
            let Some(c) = SECTION_HEADING.captures(&l.line.text) else {
                continue;
            };
            let Chapter::Bab(k) = l.chapter else {
                continue;
            };
            if TOC_LEADER.is_match(&l.line.text) {
                continue;
            }
            if c[1].parse::<u8>().ok() != Some(k) {
                out.skip(SECTION_ELSEWHERE);
                continue;
            }
            let number = format!("{}.{}", &c[1], &c[2]);
            let title = c[3].split_whitespace().collect::<Vec<_>>().join(" ");
            seen.entry(number)
                .or_default()
                .push((l.index, l.page, title));
        }
        for (number, headings) in &seen {
            let Some((first_line, _, first_title)) = headings.first() else {
                continue;
            };
            // Another section: another title (the same title is the heading repeated).
            let others: Vec<&(usize, u32, String)> = headings
                .iter()
                .filter(|(_, _, t)| title_key(t) != title_key(first_title))
                .collect();
            let Some((_, page, title)) = others.first() else {
                if headings.len() == 1 {
                    out.agree();
                }
                continue;
            };
            let stated = format!("{number} {first_title}");
            let shown = ctx.report.lines.get(*first_line).and_then(|l| {
                l.line
                    .text
                    .find(number.as_str())
                    .map(|a| (a, a + number.len()))
            });
            out.push(
                Draft {
                    line: *first_line,
                    stated,
                    expected: String::new(),
                    computation: Localized::new(
                        format!(
                            "nomor {number} juga dipakai untuk \"{number} {title}\" (hal. {page})"
                        ),
                        format!("{number} also numbers \"{number} {title}\" (p. {page})"),
                    ),
                    related: others.iter().map(|(i, _, _)| *i).collect(),
                    highlight: shown,
                    ..Default::default()
                }
                .var("number", Localized::same(number.clone())),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Outcome, Row, double_dashes, glued, is_summary_label, split_over_rows};
    use crate::rules::checks::testing::{findings, run_default};

    #[test]
    fn a_digit_run_glued_to_a_word_or_code_is_not_an_amount() {
        let at = |t: &str, run: &str| {
            let s = t.find(run).expect("the run");
            glued(t, s, s + run.len())
        };
        assert!(!at("sebesar 1.234.56 rupiah", "1.234.56"));
        assert!(!at("Rp.1.234.56", "1.234.56"));
        assert!(at("kode A1.234.56", "1.234.56"));
        assert!(at("no 12/1.234.56", "1.234.56"));
        assert!(at("1.234.56m", "1.234.56"));
    }

    #[test]
    fn a_rupiah_ending_twice_is_found_once() {
        let found = double_dashes(7, "Rp. 3.800.575.000,-,- dan Rp. 1.000,-");
        let [Outcome::Differs(d)] = &found[..] else {
            panic!("one finding: {}", found.len());
        };
        assert_eq!((d.line, d.expected.as_str()), (7, "3.800.575.000,-"));
        assert!(double_dashes(7, "Rp. 1.000,-").is_empty());
    }

    const ACTIVITIES: &str = "3. Kegiatan dan Indikator Kegiatan\n\n- b. Program Peningkatan Sarana dan Prasarana Aparatur terdiri kegiatan-kegiatan :\n  - 1. Kegiatan : Pemeliharaan Rutin/Berkala Mobil Jabatan\nIndikator Keluaran Kegiatan : {first}\n  - 2. Kegiatan : Pemeliharaan Rutin/Berkala Kendaraan Dinas/Operasional\nIndikator Keluaran Kegiatan : Jumlah kendaraan yang terpelihara\n- c. Program Koordinasi Pemerintahan terdiri kegiatan-kegiatan :\n\n1. Kegiatan : Koordinasi Pelayanan Umum\n\nIndikator Keluaran Kegiatan :\n\nMatriks hubungan sasaran dan kegiatan tertuang dalam dokumen RKT.\n";

    #[test]
    fn an_output_indicator_left_empty_is_found() {
        let (found, coverage) =
            run_default("empty-output-indicator", &ACTIVITIES.replace("{first}", ""));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].location.line, 5);
        assert!(found[0].message.en.contains("Mobil Jabatan"), "{found:#?}");
        assert_eq!(coverage.agree, 1);
        // The last one: what follows may be its value set on the line below.
        assert_eq!(coverage.skipped.values().sum::<usize>(), 1);
    }

    #[test]
    fn an_output_indicator_given_is_not_found() {
        let text = ACTIVITIES.replace("{first}", "Jumlah mobil jabatan yang terpelihara");
        let (found, coverage) = run_default("empty-output-indicator", &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 2);
        // Its value on the next line, under a wrapped kegiatan name: not empty.
        let below = "- 1. Kegiatan : Pemeliharaan Rutin/Berkala Mobil\nJabatan\nIndikator Keluaran Kegiatan :\nJumlah mobil jabatan yang terpelihara\n- 2. Kegiatan : Rapat\n";
        assert!(findings("empty-output-indicator", below).is_empty());
    }

    fn stated(rule: &str, text: &str) -> Vec<String> {
        findings(rule, text).into_iter().map(|f| f.stated).collect()
    }

    #[test]
    fn a_percent_typed_as_five_is_found() {
        let text = "Pencapaian Misi 1 sebesar 89,52% atau baik, Misi 2 sebesar 100,39% atau sangat baik, Misi 4 sebesar 127,135 atau terkategori sangat baik.\n\nGambar III.1 Misi 4: 127,13%\n";
        let found = findings("slipped-percent", text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].stated, "127,135");
        assert_eq!(found[0].expected, "127,13%");
    }

    #[test]
    fn figures_ending_in_five_that_are_not_slipped_percents_are_not_found() {
        // Its truncation printed nowhere with %; as many decimals as its neighbours;
        // a rupiah amount; a percentage of its own; an English-style thousand beside comma decimals.
        let text = "Misi 1 sebesar 89,52%, Misi 4 sebesar 127,135 atau sangat baik.\n\nCapaian 89,52% dan indeks 3,25 poin.\n\nCapaian 89,52% dengan dana Rp 1,125 miliar.\n\nCapaian 89,52% dan 12,345 % lainnya.\n\nCapaian 89.52% dan 12,345 orang.\n\nRingkasan: 3,2% 12,34% 1,12%\n";
        let (found, coverage) = run_default("slipped-percent", text);
        assert!(found.is_empty(), "{found:?}");
        assert!(!coverage.skipped.is_empty());
    }

    #[test]
    fn amounts_with_groups_that_are_not_three_digits_are_found() {
        let text = "Jumlah Anggaran Wajib : Rp. 10.924024.550,-\n\nRealisasi Rp 1403.419.201 dan 9.871.1466.000 serta 1.577250.000 pada kegiatan.\n\nTarget Rp. 549.481.005.00,- dan 17,833,004,534,00 tercapai.\n";
        let s = stated("malformed-number", text);
        for want in [
            "10.924024.550",
            "1403.419.201",
            "9.871.1466.000",
            "1.577250.000",
            "549.481.005.00",
            "17,833,004,534,00",
        ] {
            assert!(s.iter().any(|x| x == want), "{want} not in {s:?}");
        }
        let found = findings("malformed-number", text);
        let dec = found.iter().find(|f| f.stated == "549.481.005.00");
        assert_eq!(dec.map(|f| f.expected.as_str()), Some("549.481.005,00"));
    }

    #[test]
    fn a_source_year_of_three_digits_is_found() {
        let text = "Secara umum standar nilai ALOS idealnya 6-9 hari (Depkes, 205).\n\nMenurut (Badan Pusat Statistik, 20015) angka itu naik.\n";
        let found = findings("malformed-number", text);
        let s: Vec<_> = found.iter().map(|f| f.stated.as_str()).collect();
        assert_eq!(
            s,
            ["(Depkes, 205)", "(Badan Pusat Statistik, 20015)"],
            "{found:#?}"
        );
    }

    #[test]
    fn source_years_that_are_years_or_not_citations_are_not_found() {
        // A four-digit year; a page after the year; a count in brackets; a lower-case word.
        let text = "Standar BOR 60-85 % (Depkes, 2005) dan (Sugiyono, 2010: 205).\n\nJumlah pegawai (PNS, 45) dan (jumlah, 205) orang (Tabel 3, 205).\n";
        let (found, coverage) = run_default("malformed-number", text);
        assert!(found.is_empty(), "{found:#?}");
        assert!(coverage.agree >= 1);
    }

    #[test]
    fn a_rupiah_ending_typed_twice_is_found() {
        let text = "Target PADS sebesar Rp. 3.800.575.000,-,- dan realisasi Rp. 4.837.014.275,-,- tercapai.\n\nAnggaran Rp. 1.250.000,- dan Rp 2.500.000,00,- serta kode 1,-,2 tercatat.\n";
        let found = findings("malformed-number", text);
        let s: Vec<_> = found
            .iter()
            .map(|f| (f.stated.as_str(), f.expected.as_str()))
            .collect();
        assert_eq!(
            s,
            [
                ("3.800.575.000,-,-", "3.800.575.000,-"),
                ("4.837.014.275,-,-", "4.837.014.275,-")
            ],
            "{found:#?}"
        );
    }

    #[test]
    fn amounts_in_table_cells_are_found() {
        let text = "Tabel 3.4 Anggaran\n\n| No | Kegiatan | Anggaran (Rp) | Realisasi (Rp) |\n|---|---|---|---|\n| 1 | Penataan RTH | 133.825.00,00 | 9.871.1466.000 |\n| 2 | Kebersihan | 2.807.870.000,00 | 2.807.870.000.00 |\n";
        let s = stated("malformed-number", text);
        assert!(s.contains(&"133.825.00,00".to_string()), "{s:?}");
        assert!(s.contains(&"9.871.1466.000".to_string()), "{s:?}");
        assert!(s.contains(&"2.807.870.000.00".to_string()), "{s:?}");
        assert_eq!(s.len(), 3, "{s:?}");
    }

    #[test]
    fn coordinates_codes_dates_and_leaders_are_not_figures() {
        let text = "Bandar udara terletak pada 2°28'50.23\"U dan 121°50'10.5\"T.\n\nUraian kode 1,1.4 dan rekening 1.20.1.20.19.01 serta 5.2.2.01.01 pada tanggal 31.12.2016.\n\nDAFTAR ISI\n\n2.1 Rencana Strategis Tahun 2015-2018.....................................................8\n\nSaldo Rp 1.234.567.890 dan 1,234,567.89 tercatat.\n";
        let (found, coverage) = run_default("malformed-number", text);
        assert!(found.is_empty(), "{found:#?}");
        assert!(!coverage.skipped.is_empty());
        assert!(coverage.agree > 0);
    }

    #[test]
    fn amounts_listed_with_a_comma_are_not_one_malformed_figure() {
        // Cianjur 2015 p49 as plain `pdftotext` writes two budget cells:
        // "6.857.296.607,15.052.945.500,Akuntabilitas keuangan …". A figure
        // whose groups are wrong is still found.
        let text = "6.857.296.607,15.052.945.500,Akuntabilitas keuangan Dinas Kebersihan\n\nRealisasi Rp 9.871.1466.000 tercatat.\n";
        let (found, coverage) = run_default("malformed-number", text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "9.871.1466.000");
        assert!(!coverage.skipped.is_empty());
    }

    #[test]
    fn a_signature_without_day_and_month_is_template_text() {
        let text = "Demikian laporan ini disusun.\n\nBandung,          2017\n\nKEPALA BIRO ADMINISTRASI PEMBANGUNAN,\n\nIr. NAMA\n";
        let found = findings("template-text", text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "Bandung, 2017");
    }

    #[test]
    fn a_signature_without_its_day_is_template_text() {
        let dots = findings(
            "template-text",
            "Bandung, ....... Maret 2017\nKEPALA DINAS\n",
        );
        assert_eq!(dots.len(), 1, "{dots:#?}");
        let text = "Demikian laporan ini disusun.\n\n                 Sabu,\tJanuari 2025\n             KEPALA KANTOR UPBU KELAS III\n\nNAMA\n";
        let found = findings("template-text", text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "Sabu, Januari 2025");
        assert_eq!(found[0].expected, "Sabu, <tanggal> Januari 2025");
    }

    #[test]
    fn a_signature_with_its_day_or_a_month_in_running_text_is_not_template_text() {
        let text = "Sabu, 12 Januari 2025\nKEPALA KANTOR\n\nData diambil pada bulan Januari 2025.\nKepala Dinas menyetujui.\n\nPeriode Desember 2024\nKEPALA KANTOR\n\nBandung, Februari 2017\nKEPALA DINAS\n";
        let found = findings("template-text", text);
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn a_source_note_ending_with_a_place_and_year_is_not_a_signature() {
        let text = "Sumber : Laporan Keuangan Dinas Permukiman dan Perumahan Provinsi\nJawa Barat, 2016\n\nTabel berikut menyajikan anggaran.\n\nBandung, 12 Februari 2017\n\nKEPALA DINAS,\n";
        assert!(findings("template-text", text).is_empty());
    }

    #[test]
    fn word_processor_errors_and_both_alternatives_are_template_text() {
        let text = "BAB I PENDAHULUAN ........ Error! Bookmark not defined.\n\nRealisasi Pendapatan tersebut belum mencapai/sudah melebihi 100 persen dari target.\n";
        assert_eq!(findings("template-text", text).len(), 2);
    }

    #[test]
    fn a_gazette_entry_without_its_number_is_template_text() {
        let cite = |entry: &str| {
            format!(
                "Dasar hukum:\n\np. Peraturan Daerah Provinsi Jawa Barat Nomor 5 Tahun 2016 tentang Perubahan APBD Tahun Anggaran 2016 (Lembaran Daerah Provinsi Jawa Barat {entry});\n"
            )
        };
        let found = findings("template-text", &cite("Tahun 2016 Nomor Seri A"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "Tahun 2016 Nomor Seri A");
        assert!(findings("template-text", &cite("Tahun 2016 Nomor 5 Seri A")).is_empty());
    }

    #[test]
    fn an_average_row_may_leave_capaian_columns_empty() {
        let text = "Tabel 10 Perbandingan\n\n| No | Indikator | Target | Realisasi | Capaian Tahun 2015 | Capaian Tahun 2016 |\n|---|---|---|---|---|---|\n| 1 | Indeks A | 80 | 90 | 100,00 | 112,50 |\n| 2 | Indeks B | 70 | 70 | 95,00 | 100,00 |\n| | Rata-rata | | | | 106,25 |\n";
        let (found, coverage) = run_default("empty-required-cell", text);
        assert!(found.is_empty(), "{found:#?}");
        assert!(coverage.agree > 0);
    }

    #[test]
    fn summary_labels_spaced_or_not() {
        assert!(is_summary_label("Rata-rata Capaian Sasaran"));
        // "Rata - rata", as a text export prints it, is the same word.
        assert!(is_summary_label("Rata - rata Capaian Sasaran"));
        assert!(is_summary_label("Jumlah"));
        assert!(!is_summary_label("Rata - rata lama hari rawat"));
        assert!(!is_summary_label("Jumlah kasus pelanggaran perda"));
    }

    #[test]
    fn a_row_whose_values_go_on_under_it_is_not_missing_them() {
        // A text export of tall rows: row 2's budget and its capaian keu
        // stand on lines of their own under it, unnumbered, each filling
        // only columns the lines above left empty. Row 3 has none under it.
        let row = Row::of_texts;
        let rows = vec![
            row(&[
                "1",
                "Penumpang",
                "11.235",
                "11.235",
                "100%",
                "1.387.287.000",
                "91,12%",
            ]),
            row(&["2", "Kargo", "200", "200", "100%", "", ""]),
            row(&["", "", "", "", "", "1.387.287.000", ""]),
            row(&["", "yang dilayani", "", "", "", "", "91,12%"]),
            row(&[
                "3",
                "Indeks Kepuasan",
                "90",
                "97",
                "107,78%",
                "1.387.287.000",
                "",
            ]),
            row(&["", "Layanan", "", "", "", "1.387.287.000", "91,12%"]),
        ];
        assert!(split_over_rows(&rows, 1, 6));
        // A line filling a column the row fills is the next row.
        assert!(!split_over_rows(&rows, 4, 6));
        // A numbered row is the next item, never the row's remainder.
        let mut numbered = rows.clone();
        numbered[3].cells[0].text = "3".into();
        assert!(!split_over_rows(&numbered, 1, 6));
    }

    #[test]
    fn an_indicator_named_jumlah_is_not_a_summary_row() {
        let text = "Tabel 3.1 Pengukuran\n\n| No | Indikator | Target | Realisasi | Capaian |\n|---|---|---|---|---|\n| 1 | Indeks A | 80 | 90 | 112,50 |\n| 2 | Jumlah kasus pelanggaran perda | 83 | 86 | |\n";
        assert_eq!(findings("empty-required-cell", text).len(), 1);
    }

    #[test]
    fn a_chapter_list_skipping_to_a_chapter_the_report_lacks_is_found() {
        let body = "\n\nBAB II PERENCANAAN KINERJA\n\nTeks.\n\nBAB III AKUNTABILITAS KINERJA\n\nTeks.\n\nBAB IV PENUTUP\n\nTeks.\n";
        let wrong = format!(
            "BAB I PENDAHULUAN\n\n1.6 Sistematika\n\nBAB I\tPENDAHULUAN\nBAB II\tPERENCANAAN KINERJA\nBAB III\tAKUNTABILITAS KINERJA\nBAB VI\tPENUTUP{body}"
        );
        let found = findings("chapter-numbering", &wrong);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "BAB IV PENUTUP");
        let right = wrong.replace("BAB VI\tPENUTUP", "BAB IV\tPENUTUP");
        assert!(findings("chapter-numbering", &right).is_empty());
    }

    #[test]
    fn a_kegiatan_row_with_only_its_budget_needs_no_capaian() {
        // The indicator row gives target, realisasi and capaian; the kegiatan
        // rows under it only their anggaran and its realisation.
        let text = "Tabel 3.5 Evaluasi\n\n| No | Indikator | Target 2016 | Realisasi 2016 | Capaian | Kegiatan | Anggaran | Realisasi Keuangan |\n|---|---|---|---|---|---|---|---|\n| 1 | Indeks A | 80 | 90 | 112,50 | Program X | 1.000.000,00 | 900.000,00 |\n| | | | | | Kegiatan Y | 600.000,00 | 500.000,00 |\n| 2 | Indeks B | 70 | 70 | | Program Z | 2.000.000,00 | 1.900.000,00 |\n";
        let found = findings("empty-required-cell", text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].excerpt.contains("Indeks B"), "{found:#?}");
        // Nor does its physical progress beside the budget's realisation.
        let text = "Tabel 3.5 Evaluasi\n\n| No | Indikator | Target 2016 | Realisasi 2016 | Capaian | Kegiatan | Anggaran | Realisasi Keuangan | Realisasi Fisik |\n|---|---|---|---|---|---|---|---|---|\n| 1 | Indeks A | 80 | 90 | 112,50 | Program X | 1.000.000,00 | 900.000,00 | 90,00% |\n| | | | | | Kegiatan Y | 600.000,00 | 500.000,00 | 97,58% |\n";
        let found = findings("empty-required-cell", text);
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn a_header_joining_several_columns_abstains() {
        // The reader joined the first five columns' labels into one: the
        // capaian column beside it may be where their figures went.
        let text = "Tabel 3.5 Evaluasi\n\n| Target Realisasi No Sasaran Indikator Satuan 2016 | Capaian | Kegiatan | Anggaran |\n|---|---|---|---|\n| 1 Dokumen RTR 1 1 | | Program Penataan | 3.546.948.000,00 |\n| 2 Dokumen RDTR 2 2 | 100,00% | Program Penataan | 456.640.000,00 |\n";
        let (found, coverage) = run_default("empty-required-cell", text);
        assert!(found.is_empty(), "{found:#?}");
        assert!(!coverage.skipped.is_empty(), "{coverage:#?}");
        assert!(super::merged_header(&[
            "Target Realisasi No Sasaran".to_string()
        ]));
        assert!(!super::merged_header(&[
            "Target 2016".to_string(),
            "Capaian Terhadap Indikator Kinerja".to_string()
        ]));
    }

    #[test]
    fn an_empty_capaian_cell_is_found() {
        let text = "Tabel 3.1 Pengukuran\n\n| No | Indikator | Target | Realisasi | Capaian |\n|---|---|---|---|---|\n| 1 | Indeks A | 80 | 90 | 112,50 |\n| 2 | Indeks B | 70 | 70 | |\n";
        assert_eq!(findings("empty-required-cell", text).len(), 1);
    }

    const CHAPTERS: &str = "KATA PENGANTAR\n\nLaporan Kinerja Dinas Contoh Tahun 2016.\n\n{ikhtisar}\n\nRingkasan capaian.\n\n{bab1}\n\n1.1 Latar Belakang\n\nTeks.\n\n{bab2}\n\n2.1 Rencana Strategis\n\nTeks.\n\n{bab3}\n\n3.1 Capaian Kinerja\n\nTeks.\n\n{bab4}\n\nTeks penutup.\n";

    fn chapters(ikhtisar: &str, bab: [&str; 4]) -> String {
        CHAPTERS
            .replace("{ikhtisar}", ikhtisar)
            .replace("{bab1}", bab[0])
            .replace("{bab2}", bab[1])
            .replace("{bab3}", bab[2])
            .replace("{bab4}", bab[3])
    }

    #[test]
    fn chapters_written_another_way_are_present() {
        let text = chapters(
            "EKSEKUTIF SUMMARY",
            [
                "BAB.I PENDAHULUAN",
                "II. PERENCANAAN KINERJA",
                "AKUNTABILITAS KINERJA |",
                "IV. PENUTUP",
            ],
        );
        let found = findings("required-chapters", &text);
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn chapters_numbered_without_bab_are_present() {
        let text = chapters("IKHTISAR EKSEKUTIF", ["", "", "", "PENUTUP"]);
        let found = findings("required-chapters", &text);
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn a_missing_executive_summary_is_found() {
        let text = chapters(
            "",
            [
                "BAB I PENDAHULUAN",
                "BAB II PERENCANAAN KINERJA",
                "BAB III AKUNTABILITAS KINERJA",
                "BAB IV PENUTUP",
            ],
        );
        let found = findings("required-chapters", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "IKHTISAR EKSEKUTIF");
    }

    #[test]
    fn a_file_ending_before_chapters_its_contents_list_is_a_part() {
        let toc = "KATA PENGANTAR\n\nLaporan Kinerja Dinas Contoh Tahun 2016.\n\nIKHTISAR EKSEKUTIF\n\nRingkasan.\n\nDAFTAR ISI\n\nBAB I PENDAHULUAN ........ I-1\nBAB II PERENCANAAN KINERJA ........ II-1\nBAB III AKUNTABILITAS KINERJA ........ III-1\nBAB IV PENUTUP ........ IV-1\n\n";
        let part = format!(
            "{toc}BAB I PENDAHULUAN\n\nTeks.\n\nBAB II PERENCANAAN KINERJA\n\nTeks.\n\nBAB III AKUNTABILITAS KINERJA\n\nTeks.\n"
        );
        let found = findings("required-chapters", &part);
        assert!(found.is_empty(), "{found:#?}");
        // A chapter missing in the middle is still missing.
        let gap = format!(
            "{toc}BAB I PENDAHULUAN\n\nTeks.\n\nBAB III AKUNTABILITAS KINERJA\n\nTeks.\n\nBAB IV PENUTUP\n\nTeks.\n"
        );
        let found = findings("required-chapters", &gap);
        assert_eq!(found.len(), 1, "{found:#?}");
    }

    #[test]
    fn a_file_beginning_on_a_later_page_of_a_chapter_is_a_part() {
        let part = "AKUNTABILITAS KINERJA |\n\n3.4 Akuntabilitas Keuangan\n\nTeks lanjutan.\n\nDINAS CONTOH PROVINSI JAWA BARAT III-14\n\x0cAKUNTABILITAS KINERJA |\n\nTeks.\n\nDINAS CONTOH PROVINSI JAWA BARAT III-15\n\x0cBAB IV PENUTUP\n\nTeks penutup.\n";
        let found = findings("required-chapters", part);
        assert!(found.is_empty(), "{found:#?}");
        // Printed as the chapter's first page, it is where the file begins:
        // the chapters before it are missing.
        let whole = part.replace("III-14", "III-1");
        let found = findings("required-chapters", &whole);
        assert_eq!(found.len(), 3, "{found:#?}");
        // Without pages, a label is not a page's: nothing is assumed.
        let unpaged = part.replace('\x0c', "\n");
        let found = findings("required-chapters", &unpaged);
        assert_eq!(found.len(), 3, "{found:#?}");
    }

    #[test]
    fn one_section_number_for_two_sections_is_found() {
        let body = "BAB III AKUNTABILITAS KINERJA\n\n3.1 Capaian Kinerja\n\nTeks.\n\n3.2 Hasil Pengukuran Indikator Kinerja\n\nTeks panjang.\n\n3.2 Hasil Pengukuran Indikator Kinerja\n\nLanjutan.\n\n3.2 Akuntabilitas Keuangan\n\nTeks.\n";
        let found = findings("duplicate-section-number", body);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].stated.starts_with("3.2 Hasil"));
        let right = body.replace("3.2 Akuntabilitas", "3.3 Akuntabilitas");
        assert!(findings("duplicate-section-number", &right).is_empty());
        // An outline in chapter I naming chapter III's sections is not a heading.
        let outline = "BAB I PENDAHULUAN\n\n1.4 Sistematika\n\n3.2 Hasil Pengukuran\n\nBAB III AKUNTABILITAS KINERJA\n\n3.2 Akuntabilitas Keuangan\n\nTeks.\n";
        assert!(findings("duplicate-section-number", outline).is_empty());
    }

    const TABLE: &str =
        "\n\n| No | Uraian | Nilai |\n|---|---|---|\n| 1 | Satu | 10 |\n| 2 | Dua | 20 |\n\n";

    #[test]
    fn captions_spaced_or_suffixed_are_distinct_numbers() {
        let text = [
            "Tabel 2. 1 Rencana Strategis",
            "Tabel 2. 2 Rencana Kinerja Tahunan",
            "Tabel 2.3a Perjanjian Kinerja",
            "Tabel 2.3b Perjanjian Kinerja Perubahan",
            "Tabel III.1 Capaian",
            "Tabel III.2 Anggaran",
        ]
        .iter()
        .map(|c| format!("Paragraf pembuka.\n\n{c}{TABLE}"))
        .collect::<String>();
        let found = findings("duplicate-table-number", &text);
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn a_table_number_used_twice_is_found() {
        let text = format!(
            "Tabel 3.2 Perbandingan Realisasi Kinerja{TABLE}Tabel 3.3 Anggaran{TABLE}Tabel 3.2 Realisasi Anggaran{TABLE}"
        );
        let found = findings("duplicate-table-number", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "Tabel 3.2");
    }

    #[test]
    fn a_continued_table_or_a_reference_is_not_a_second_caption() {
        let text = format!(
            "Tabel 3.1 Pengukuran Kinerja{TABLE}Tabel 3.1 Pengukuran Kinerja{TABLE}Tabel 3.1 (lanjutan){TABLE}Tabel 3.1 di atas menunjukkan capaian{TABLE}"
        );
        let found = findings("duplicate-table-number", &text);
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn a_hint_the_regulation_words_itself_is_quoted_not_left_in() {
        let quoted =
            "4) Membandingkan realisasi kinerja tahun ini dengan standar nasional (jika ada);\n";
        let (found, coverage) = run_default("template-text", quoted);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 1, "{coverage:#?}");
        let left_in = "Lampiran 5. Penghargaan yang diraih selama tahun 2020 (jika ada)\n";
        assert_eq!(findings("template-text", left_in).len(), 1);
    }
}
