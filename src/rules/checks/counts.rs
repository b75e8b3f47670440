//! Count claims: "sebanyak 5 (lima) kegiatan yaitu:" against the items listed,
//! "terhadap 3 (tiga) indikator" against the measurement table, and digits
//! against the number words beside them.

use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use crate::facts::words::{find_digit_word_pairs, number_to_words, parse_number_words};
use crate::findings::Localized;
use crate::structure::sections::chapter_heading;

use super::common::{Context, Pattern};
use super::{Check, Draft, Sink, Why};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Noun {
    noun: String,
    /// What an item of this noun starts with, after its number ("^kegiatan\\b").
    /// Empty: every first-level item counts.
    #[serde(default)]
    item: Option<Pattern>,
    /// Items under an item matching this pattern also count (activities listed
    /// under their programme without the word "Kegiatan").
    #[serde(default)]
    child_of: Option<Pattern>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListCountParams {
    /// The claim: groups `count` (digits, optional), `words` (optional), `noun`.
    /// It must introduce a list ("yaitu :", "sebagai berikut :").
    claim: Pattern,
    nouns: Vec<Noun>,
    /// A count introducing a list inside its own sentence, with no colon
    /// ("melalui 3 (tiga) kegiatan yaitu Kegiatan A …; selanjutnya Kegiatan B
    /// …"): same groups as `claim`, matched up to where the first item starts.
    /// Checked only when every item opens with the noun capitalised after a
    /// delimiter (the start, ",", ";", "dan", "serta", "selanjutnya").
    #[serde(default)]
    inline_claim: Option<Pattern>,
}

#[derive(Debug)]
pub struct ListCount {
    p: ListCountParams,
}

impl ListCount {
    pub fn new(p: ListCountParams) -> Result<Self, String> {
        if !p.claim.0.capture_names().any(|n| n == Some("noun")) {
            return Err("`claim` needs a (?P<noun>…) group".into());
        }
        if let Some(inline) = &p.inline_claim
            && !inline.0.capture_names().any(|n| n == Some("noun"))
        {
            return Err("`inline_claim` needs a (?P<noun>…) group".into());
        }
        Ok(ListCount { p })
    }
}

static ENUMERATOR: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"^\s*(?:[-•*➤]\s*)?(?P<marker>\d{1,2}[.)]|[a-zA-Z][.)]|\(\d{1,2}\)|\d{1,2}\s*\))\s*(?P<rest>.*)$").expect("valid regex")
});
static CAPTION: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"(?i)^\s*tabel\s+\d").expect("valid regex"));

fn marker_style(m: &str) -> u8 {
    let c = m.trim_start_matches('(').chars().next().unwrap_or(' ');
    if c.is_ascii_digit() {
        0
    } else if c.is_ascii_lowercase() {
        1
    } else {
        2
    }
}

/// The position a marker gives its item: "3." → 3, "c)" → 3, "(2)" → 2.
pub(super) fn ordinal(marker: &str) -> Option<u32> {
    let m = marker.trim_start_matches('(');
    let digits: String = m.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        return digits.parse().ok();
    }
    let c = m.chars().next()?.to_ascii_lowercase();
    c.is_ascii_lowercase()
        .then(|| u32::from(c) - u32::from('a') + 1)
}

const NO_LIST: Why = Why {
    en: "no numbered list follows the count",
    id: "tidak ada daftar bernomor setelah jumlah yang disebut",
};

const INLINE_UNCLEAR: Why = Why {
    en: "the items of a list in the sentence are not each introduced by their noun",
    id: "butir daftar dalam kalimat tidak masing-masing diawali kata bendanya",
};
const INLINE_GOES_ON: Why = Why {
    en: "an item not in the sentence's list is named right after it (the list may go on)",
    id: "butir yang tidak ada dalam daftar kalimat disebut sesudahnya (daftar mungkin berlanjut)",
};

/// Where the sentence starting at `from` ends (byte offset just past its
/// full stop, or the text's end): a ".", "!" or "?" followed by a space and a
/// capital, a digit or the end, not after an abbreviation ("Prov.", "Jl.").
fn sentence_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') {
            let after = &text[i + 1..];
            let next = after.trim_start();
            let spaced = after.len() > next.len();
            let opens = next
                .chars()
                .next()
                .is_none_or(|c| c.is_uppercase() || c.is_ascii_digit());
            let word: String = text[from..i]
                .chars()
                .rev()
                .take_while(|c| c.is_alphanumeric())
                .collect();
            let word: String = word.chars().rev().collect::<String>().to_lowercase();
            let abbreviation = b == b'.' && ABBREVIATIONS.contains(&word.as_str());
            if (next.is_empty() || (spaced && opens)) && !abbreviation {
                return i + 1;
            }
        }
        i += 1;
    }
    text.len()
}

/// Words written with a full stop inside a sentence ("Prov. Jawa Barat").
static ABBREVIATIONS: [&str; 17] = [
    "prov", "kab", "kec", "kel", "jl", "no", "dr", "drs", "ir", "hj", "h", "st", "pt", "cv", "rp",
    "bpk", "tbk",
];

static DELIMITER_WORD: [&str; 6] = [
    "dan",
    "serta",
    "selanjutnya",
    "kemudian",
    "lalu",
    "berikutnya",
];

/// The items of an inline list in `text` (which starts at its first item):
/// the byte offsets where `noun` (capitalised: "Kegiatan") opens an item, at
/// the start or after a delimiter, with the first two words of each name.
fn inline_items(text: &str, noun: &str) -> Vec<(usize, String)> {
    let mut cap = noun.to_string();
    if let Some(first) = cap.get(0..1) {
        cap = first.to_uppercase() + &cap[1..];
    }
    let mut items = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find(&cap) {
        let at = from + found;
        from = at + cap.len();
        let whole_word = text[from..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if !whole_word {
            continue;
        }
        let before = text[..at].trim_end();
        let last_word = crate::structure::trailing_word(before);
        let delimited = before.is_empty()
            || before.ends_with([',', ';'])
            || DELIMITER_WORD.contains(&last_word.to_lowercase().as_str());
        if !delimited {
            continue;
        }
        let name = text[from..]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(2)
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        items.push((at, name));
    }
    items
}

/// A count claim as read: the noun (one of the rule's), the count stated in
/// digits or words, and the parts of the text to show.
struct CountClaim<'t, 'r> {
    noun: &'r Noun,
    stated: u64,
    /// The count as printed (digits, else words).
    shown: regex::Match<'t>,
    /// The noun as printed.
    noun_shown: &'t str,
}

impl CountClaim<'_, '_> {
    /// The finding for a claim whose list or table has `found` items.
    fn draft(
        &self,
        line: usize,
        at: usize,
        found: u64,
        computation: Localized,
        related: Vec<usize>,
    ) -> Draft {
        Draft {
            line,
            stated: format!("{} {}", self.shown.as_str(), self.noun_shown),
            expected: format!("{found} ({}) {}", number_to_words(found), self.noun_shown),
            computation,
            related,
            highlight: Some((at, at + self.shown.as_str().len())),
            ..Default::default()
        }
        .var("noun", Localized::same(self.noun_shown.to_string()))
        .var("count", Localized::same(found.to_string()))
    }
}

impl ListCount {
    /// "melalui 3 (tiga) kegiatan yaitu Kegiatan A …, serta Kegiatan B …":
    /// the claim a match of `claim` or `inline_claim` makes, if its noun is
    /// one of the rule's and its count can be read.
    fn claim<'t>(&self, c: &regex::Captures<'t>) -> Option<CountClaim<'t, '_>> {
        let noun_m = c.name("noun")?;
        let noun_text = noun_m.as_str().to_lowercase();
        let noun = self
            .p
            .nouns
            .iter()
            .find(|n| noun_text.starts_with(&n.noun))?;
        let digits = c.name("count").and_then(|m| m.as_str().parse::<u64>().ok());
        let words = c
            .name("words")
            .or(c.name("wordsonly"))
            .and_then(|m| parse_number_words(m.as_str()));
        let shown = c
            .name("count")
            .or(c.name("words"))
            .or(c.name("wordsonly"))
            .unwrap_or(noun_m);
        Some(CountClaim {
            noun,
            stated: digits.or(words)?,
            shown,
            noun_shown: noun_m.as_str(),
        })
    }

    fn inline(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let Some(inline) = &self.p.inline_claim else {
            return;
        };
        let paragraphs = &ctx.report.paragraphs;
        for (pi, para) in paragraphs.iter().enumerate() {
            let text = para.text.as_str();
            for c in inline.0.captures_iter(text) {
                let (Some(whole), Some(claim)) = (c.get(0), self.claim(&c)) else {
                    continue;
                };
                let rest = &text[whole.end()..];
                // "yaitu :" is the numbered-list claim's.
                if rest.trim_start().starts_with(':') {
                    continue;
                }
                let end = sentence_end(text, whole.end());
                let sentence = &text[whole.end()..end];
                let noun = &claim.noun.noun;
                let items = inline_items(sentence, noun);
                if items.first().is_none_or(|(at, _)| *at != 0) || items.len() < 2 {
                    out.skip(INLINE_UNCLEAR);
                    continue;
                }
                let found = items.len() as u64;
                if found == claim.stated {
                    out.agree();
                    continue;
                }
                if found < claim.stated
                    && list_goes_on(&items, &text[end..], paragraphs.get(pi + 1), noun)
                {
                    out.skip(INLINE_GOES_ON);
                    continue;
                }
                let (line, at) = ctx.locate(para, claim.shown.start());
                let related = items
                    .iter()
                    .map(|(i, _)| para.line_at(whole.end() + i))
                    .collect();
                let computation = Localized::new(
                    format!("{found} {noun} disebut satu per satu dalam kalimatnya"),
                    format!("{found} {noun} are named one by one in its sentence"),
                );
                out.push(claim.draft(line, at, found, computation, related));
            }
        }
    }

    /// The items of a numbered list after a claim's paragraph (whose last
    /// line is `last`): it runs until the next heading, caption, count claim
    /// or chapter, or until its numbering stops.
    fn listed_items(&self, ctx: &Context<'_, '_>, last: usize, noun: &Noun) -> Vec<usize> {
        let mut items = Vec::new();
        let mut parent_matches = false;
        let mut parent_style = None;
        let mut numbering: Option<(u8, u32)> = None;
        // Numbered lines right under the claim that are neither items nor
        // parents: the claim's own list, its items named without the noun
        // ("1) Peningkatan Kesejahteraan …" for kegiatan).
        let mut unnamed = 0;
        for l in ctx.report.lines.iter().skip(last + 1) {
            let text = l.line.text.trim();
            if l.line.heading.is_some()
                || chapter_heading(l.line).is_some()
                || CAPTION.is_match(text)
            {
                break;
            }
            // A table row is no list item; a wrapped item with wide
            // spaces ("Kinerja    Pemerintahan") read as cells still is.
            if !l.is_prose() && l.line.text.split('\t').count() > 2 {
                continue;
            }
            if self.p.claim.0.is_match(text) {
                break;
            }
            let Some(e) = ENUMERATOR.captures(text) else {
                continue;
            };
            let mut rest = e.name("rest").map(|m| m.as_str()).unwrap_or("");
            // A marker alone on its line ("9." over "Program Pelayanan …",
            // as `mutool` sets a list's marker apart) marks the next line;
            // when that is another marker ("4)" over "9.", as plain
            // `pdftotext` orders a page's markers apart from their text),
            // which text is whose is not known: no list is read.
            if rest.trim().is_empty()
                && let Some(next) = ctx
                    .report
                    .lines
                    .iter()
                    .skip(l.index + 1)
                    .find(|n| !n.line.is_blank())
            {
                if ENUMERATOR.is_match(next.line.text.trim()) {
                    return Vec::new();
                }
                rest = next.line.text.trim();
            }
            // "C. PERJANJIAN KINERJA": a sub-heading in capitals ends the list.
            if rest.chars().filter(|c| c.is_alphabetic()).count() >= 3
                && !rest.chars().any(|c| c.is_lowercase())
            {
                break;
            }
            let style = marker_style(&e["marker"]);
            // A plain list numbers on (1, 2, 3 …): a marker of its style
            // that does not follow the last one ("2.2 Tugas Pokok" after
            // item 5, a new "1.") starts something else.
            if noun.child_of.is_none()
                && let Some((first_style, last)) = numbering
                && style == first_style
                && ordinal(&e["marker"]) != Some(last + 1)
            {
                break;
            }
            if let Some((first_style, _)) = numbering
                && style == first_style
                && let Some(n) = ordinal(&e["marker"])
            {
                numbering = Some((style, n));
            }
            let is_item = match &noun.item {
                Some(p) => p.is_match(rest),
                None => parent_style.is_none_or(|s| s == style),
            };
            let is_parent = noun.child_of.as_ref().is_some_and(|p| p.is_match(rest));
            // After the claim's own unnamed list, a parent ("9. Program …")
            // starts the next one's: its items are not this claim's.
            if is_parent && unnamed > 0 && items.is_empty() {
                break;
            }
            if is_parent {
                parent_matches = true;
                parent_style = Some(style);
                continue;
            }
            if noun.item.is_none() && parent_style.is_none() {
                parent_style = Some(style);
            }
            let child = parent_matches
                && noun.child_of.is_some()
                && parent_style.is_some_and(|s| s != style);
            if !is_item && !child && !parent_matches && items.is_empty() {
                unnamed += 1;
            }
            if is_item || child {
                if let Some(n) = ordinal(&e["marker"])
                    && numbering.is_none()
                {
                    numbering = Some((style, n));
                }
                items.push(l.index);
            } else if noun.item.is_some()
                && noun.child_of.is_none()
                && !items.is_empty()
                && numbering.is_none_or(|(first_style, _)| first_style == style)
            {
                // A different list begins; an item of another style
                // ("1. Indeks …" under "a. Sasaran …") is a sub-item.
                break;
            }
        }
        items
    }
}

/// Whether an inline list shorter than its count goes on after its sentence:
/// the rest of the paragraph or the next one names another item.
fn list_goes_on(
    items: &[(usize, String)],
    rest_of_paragraph: &str,
    next: Option<&crate::structure::Paragraph>,
    noun: &str,
) -> bool {
    let mut after = rest_of_paragraph.to_string();
    if let Some(next) = next {
        after.push(' ');
        after.push_str(&next.text);
    }
    let names: Vec<&str> = items.iter().map(|(_, n)| n.as_str()).collect();
    let mut from = 0;
    while from < after.len() {
        let stop = sentence_end(&after, from);
        let sentence = after[from..stop].trim_start();
        if inline_items(sentence, noun)
            .iter()
            .any(|(_, n)| !names.contains(&n.as_str()))
        {
            return true;
        }
        from = stop.max(from + 1);
    }
    false
}

impl Check for ListCount {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        self.inline(ctx, out);
        for para in &ctx.report.paragraphs {
            for c in self.p.claim.0.captures_iter(&para.text) {
                let Some(claim) = self.claim(&c) else {
                    continue;
                };
                let noun = &claim.noun.noun;
                let (line, at) = ctx.locate(para, claim.shown.start());
                let last = para.pieces.last().map(|(_, i)| *i).unwrap_or(line);
                let items = self.listed_items(ctx, last, claim.noun);
                if items.is_empty() {
                    // "terdapat 4 sasaran … sebagai berikut :" over a table:
                    // the different names in its column of that noun.
                    match table_after(ctx, last, noun) {
                        Some((names, _)) if names as u64 == claim.stated => out.agree(),
                        Some((names, rows)) => {
                            let computation = Localized::new(
                                format!(
                                    "{names} {noun} berbeda pada kolom {noun} tabel di bawahnya"
                                ),
                                format!(
                                    "{names} different {noun} in the {noun} column of the table below"
                                ),
                            );
                            out.push(claim.draft(line, at, names as u64, computation, rows));
                        }
                        None => out.skip(NO_LIST),
                    }
                    continue;
                }
                let found = items.len() as u64;
                if found == claim.stated {
                    out.agree();
                    continue;
                }
                let computation = Localized::new(
                    format!("{found} butir {noun} tercantum di bawahnya"),
                    format!("{found} {noun} items are listed below"),
                );
                out.push(claim.draft(line, at, found, computation, items));
            }
        }
    }
}

static NOUN_WORDS: [&str; 5] = ["sasaran", "indikator", "program", "kegiatan", "misi"];

/// The table right below line `last` (nothing but blank or table lines
/// between) and its column of `noun` ("SASARAN Uraian", not "Indikator
/// Sasaran"): how many different names it holds, and the rows holding them.
fn table_after(ctx: &Context<'_, '_>, last: usize, noun: &str) -> Option<(usize, Vec<usize>)> {
    let lines = &ctx.report.lines;
    let table = ctx.report.tables.iter().find(|t| t.start > last)?;
    let between = lines.get(last + 1..table.start)?;
    if between.len() > 3
        || between
            .iter()
            .any(|l| l.is_prose() && l.line.text.chars().any(char::is_alphabetic))
    {
        return None;
    }
    let column = table.columns.iter().position(|h| {
        let h = h.to_lowercase();
        h.contains(noun) && NOUN_WORDS.iter().all(|w| *w == noun || !h.contains(w))
    })?;
    if table
        .roles
        .get(column)
        .is_some_and(|r| r.role != crate::structure::roles::Role::Label)
    {
        return None;
    }
    let mut names: Vec<String> = Vec::new();
    let mut rows = Vec::new();
    // Not the rows' kind: "Jumlah lokasi …" in the indicator column reads as a
    // total row, yet its sasaran is one to count.
    static TOTAL_NAME: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::compile(
            r"(?i)^\s*(grand\s+|sub\s*-?\s*)?(jumlah|total|rata-?\s*rata)\b\W*(\w+\W*)?$",
        )
        .expect("valid regex")
    });
    for r in &table.rows {
        let Some(cell) = r.cell(column) else {
            continue;
        };
        let name = cell
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if name.chars().filter(|c| c.is_alphabetic()).count() < 3
            || TOTAL_NAME.is_match(&name)
            || names.contains(&name)
        {
            continue;
        }
        names.push(name);
        rows.push(ctx.row_line(r.page, r.line));
    }
    (!names.is_empty()).then_some((names.len(), rows))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableCountParams {
    /// Groups `count` (digits) and `noun` ("indikator" / "sasaran").
    claim: Pattern,
}

/// "evaluasi … terhadap 3 (tiga) indikator kinerja dari 2 (dua) sasaran" against
/// the rows of the measurement table.
#[derive(Debug)]
pub struct TableCount {
    p: TableCountParams,
}

impl TableCount {
    pub fn new(p: TableCountParams) -> Result<Self, String> {
        Ok(TableCount { p })
    }
}

static NUMBERED_PART: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"(?:^|\s)(\d)\.\s+\p{L}").expect("valid regex"));

static SASARAN_HEADER: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"(?i)^\s*sasaran").expect("valid regex"));
const NO_SASARAN_COLUMN: Why = Why {
    en: "the performance table has no sasaran column to count",
    id: "tabel pengukuran kinerja tidak memiliki kolom sasaran untuk dihitung",
};

impl Check for TableCount {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let Some((_, table)) = ctx.capaian_table() else {
            return;
        };
        let rows: Vec<&crate::structure::Row> = table
            .rows
            .iter()
            .filter(|r| r.cells.iter().any(|c| c.figure.is_some()))
            .collect();
        if rows.is_empty() {
            return;
        }
        // Indicators: one per row, or the numbered indicators inside a row's cell.
        let numbered: usize = rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| NUMBERED_PART.find_iter(&c.text).count())
                    .max()
                    .unwrap_or(0)
                    .max(1)
            })
            .sum();
        let related: Vec<usize> = rows.iter().map(|r| ctx.row_line(r.page, r.line)).collect();
        let sasaran_count = table
            .columns
            .iter()
            .position(|h| SASARAN_HEADER.is_match(h))
            .map(|c| {
                // A sasaran repeated on each of its indicators' rows counts once.
                let mut names: Vec<String> = table
                    .rows
                    .iter()
                    .filter(|r| r.kind != crate::structure::RowKind::Total)
                    .filter_map(|r| r.cell(c))
                    .map(|x| {
                        x.text
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                            .to_lowercase()
                    })
                    .filter(|t| !t.is_empty())
                    .collect();
                names.sort();
                names.dedup();
                names.len()
            });
        for para in &ctx.report.paragraphs {
            for c in self.p.claim.0.captures_iter(&para.text) {
                let (Some(count), Some(noun)) = (c.name("count"), c.name("noun")) else {
                    continue;
                };
                let Ok(stated) = count.as_str().parse::<usize>() else {
                    continue;
                };
                let noun_l = noun.as_str().to_lowercase();
                let allowed: Vec<usize> = if noun_l.starts_with("indikator") {
                    vec![rows.len(), numbered]
                } else {
                    // Sasaran: the cells of the table's sasaran column (one
                    // sasaran has a row per indicator); without one, unknown.
                    let Some(sasaran) = sasaran_count else {
                        out.skip(NO_SASARAN_COLUMN);
                        continue;
                    };
                    vec![sasaran]
                };
                if allowed.contains(&stated) {
                    out.agree();
                    continue;
                }
                let (line, at) = ctx.locate(para, count.start());
                out.push(
                    Draft {
                        line,
                        stated: format!("{} {}", count.as_str(), noun.as_str()),
                        expected: format!("{} {}", allowed[0], noun.as_str()),
                        computation: if noun_l.starts_with("indikator") {
                            Localized::new(
                                format!("{} baris pada tabel pengukuran kinerja", rows.len()),
                                format!("{} rows in the performance measurement table", rows.len()),
                            )
                        } else {
                            Localized::new(
                                format!("{} sasaran berbeda pada kolom sasaran tabel pengukuran kinerja", allowed[0]),
                                format!("{} different sasaran in the sasaran column of the performance measurement table", allowed[0]),
                            )
                        },
                        related: related.clone(),
                        highlight: Some((at, at + count.as_str().len())),
                        ..Default::default()
                    }
                    .var("noun", Localized::same(noun.as_str().to_string())),
                );
            }
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DigitsWordsParams {}

/// "5 (enam)": the digits and the words beside them disagree.
#[derive(Debug)]
pub struct DigitsWords;

impl DigitsWords {
    pub fn new(_: DigitsWordsParams) -> Result<Self, String> {
        Ok(DigitsWords)
    }
}

impl Check for DigitsWords {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        for l in &ctx.report.lines {
            for pair in find_digit_word_pairs(&l.line.text) {
                let Some(words) = pair.words_value else {
                    continue;
                };
                if words == pair.digits {
                    out.agree();
                    continue;
                }
                let text = l
                    .line
                    .text
                    .get(pair.start..pair.end)
                    .unwrap_or_default()
                    .to_string();
                out.push(Draft {
                    line: l.index,
                    stated: text,
                    expected: format!("{} ({})", pair.digits, number_to_words(pair.digits)),
                    computation: Localized::new(
                        format!(
                            "angka {} ditulis \"{}\" (= {words})",
                            pair.digits, pair.words
                        ),
                        format!(
                            "digits {} written as \"{}\" (= {words})",
                            pair.digits, pair.words
                        ),
                    ),
                    highlight: Some((pair.start, pair.end)),
                    ..Default::default()
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::checks::testing::{findings, run_default};

    #[test]
    fn a_list_shorter_than_its_count_is_found() {
        let text = "Kegiatan ini dilaksanakan melalui 3 (tiga) kegiatan yaitu :\n1. Kegiatan Pengembangan Inovasi\n2. Kegiatan Penguatan Dewan Riset\n\nParagraf berikutnya.\n";
        let found = findings("list-count", text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "2 (dua) kegiatan");
    }

    #[test]
    fn an_inline_list_shorter_than_its_count_is_found() {
        let text = "Capaian kinerja adalah sangat baik melalui 3 (tiga) kegiatan yaitu Kegiatan Pengembangan Inovasi Daerah dengan anggaran sebesar Rp 917.000.000,00 atau 77,92% (baik); Selanjutnya Kegiatan Penguatan Peran Dewan Riset dengan anggaran sebesar Rp 450.000.000,00. Kegiatan Pengembangan Inovasi Daerah telah baik dilakukan.\n";
        let found = findings("list-count", text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "3 kegiatan");
        assert_eq!(found[0].expected, "2 (dua) kegiatan");
    }

    #[test]
    fn an_inline_list_matching_its_count_is_checked() {
        // "Kegiatan" inside a name ("Kajian Komprehensif Kegiatan Monumental")
        // follows no delimiter: no item of its own.
        let text = "Melalui 3 (tiga) kegiatan yaitu Kegiatan Analisis Kebijakan Riset, Kegiatan Inventarisasi Iptek melalui Tim Advisori, serta Kegiatan Kajian Komprehensif Kegiatan Monumental Jawa Barat telah dilaksanakan.\n";
        let (found, coverage) = run_default("list-count", text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1, "{coverage:#?}");
    }

    #[test]
    fn an_inline_list_that_goes_on_after_its_sentence_is_an_abstention() {
        let text = "Sasaran dicapai melalui 3 (tiga) kegiatan yaitu Kegiatan Pembinaan Usaha dan Kegiatan Pengawasan Mutu. Selanjutnya Kegiatan Promosi Produk juga mendukung sasaran ini.\n";
        let (found, coverage) = run_default("list-count", text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 1, "{coverage:#?}");
    }

    #[test]
    fn items_not_each_introduced_by_their_noun_are_an_abstention() {
        // One "Kegiatan" then names without the noun; a list on the next lines.
        for text in [
            "Sasaran dicapai melalui 3 (tiga) kegiatan yaitu Kegiatan Pembinaan, pengawasan dan promosi.\n",
            "Sasaran dicapai melalui 3 (tiga) kegiatan yaitu pembinaan, pengawasan dan promosi.\n",
            "Kepala Dinas, Prov. Jawa Barat melalui 2 (dua) kegiatan yaitu Kegiatan Pembinaan Prov. Jawa Barat dan Kegiatan Pengawasan Mutu.\n",
        ] {
            let (found, _) = run_default("list-count", text);
            assert!(found.is_empty(), "{text}: {found:#?}");
        }
    }

    #[test]
    fn the_list_ends_where_its_numbering_stops() {
        let text = "Visi diwujudkan melalui 3 (tiga) misi pembangunan, yaitu:\n1. Misi pertama\n2. Misi kedua\n3. Misi ketiga\n2.2 Tugas Pokok dan Fungsi\nBiro mempunyai fungsi :\n1. Penyelenggaraan perumusan\n2. Penyelenggaraan koordinasi\n";
        let (found, coverage) = run_default("list-count", text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(
            coverage.agree, 1,
            "the count matches its list: checked, not silent"
        );
    }

    #[test]
    fn a_count_with_no_list_after_it_is_an_abstention() {
        let text = "Kegiatan ini dilaksanakan melalui 3 (tiga) kegiatan yaitu :\nsemuanya berjalan baik.\n";
        let (found, coverage) = run_default("list-count", text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 1, "{coverage:#?}");
    }

    const MEASURED: &str = "Tabel 3.1 Pengukuran Kinerja\n\n| No | Sasaran | Indikator | Target | Realisasi | Capaian (%) |\n|---|---|---|---|---|---|\n| 1 | Meningkatnya inovasi daerah | Inovasi terbentuk | 20 | 50 | 250 |\n| 2 | Meningkatnya inovasi daerah | Karya didaftarkan HAKI | 25 | 42 | 168 |\n| 3 | Meningkatnya kerjasama riset | Kerjasama diimplementasikan | 90 | 100 | 111,11 |\n\n";

    #[test]
    fn a_sasaran_repeated_on_its_indicators_rows_counts_once() {
        let right = format!(
            "{MEASURED}Dari 2 (dua) sasaran strategis yang diukur melalui 3 (tiga) indikator kinerja, semuanya tercapai.\n"
        );
        let (found, coverage) = run_default("evaluated-count", &right);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1, "{coverage:#?}");
        let wrong = right.replace("Dari 2 (dua)", "Dari 3 (tiga)");
        let found = findings("evaluated-count", &wrong);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "2 sasaran");
    }

    /// Program 8's four kegiatan named without the word "Kegiatan", then
    /// program 9 with its own list: 9's "1) Kegiatan …" is not one of 8's.
    #[test]
    fn the_next_programs_kegiatan_are_not_counted_under_this_one() {
        let text = "8. Program Peningkatan Kesejahteraan Sumber Daya Aparatur\n\nYang terdiri dari 4 (empat) kegiatan, yaitu :\n\n1) Peningkatan Kesejahteraan dan Kemampuan Aparatur BPSR;\n\n2) Peningkatan Kesejahteraan dan Kemampuan Aparatur Dinas;\n\n3) Peningkatan Kesejahteraan dan Kapasitas Sumber Daya Aparatur BPMKL;\n\n4) Peningkatan Kesejahteraan dan Kemampuan Aparatur BP3JB.\n\n9. Program Pelayanan Administrasi Perkantoran\n\nYang terdiri dari 5 (lima) kegiatan fixed cost, yaitu\n\n1) Kegiatan Penyelenggaraan Administrasi Perkantoran BP3JB;\n\n2) Penyelenggaraan Administrasi Perkantoran BPMKL;\n";
        let (found, coverage) = run_default("list-count", text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 1, "{coverage:?}");
    }

    #[test]
    fn a_marker_alone_on_its_line_marks_the_next_line() {
        // The same page as `mutool draw -F txt` writes it: "9." on a line
        // of its own over "Program Pelayanan …", items wrapped.
        let text = "8. \nProgram Peningkatan Kesejahteraan Sumber Daya Aparatur\n\nYang terdiri dari 4 (empat) kegiatan, yaitu :\n\n1) Peningkatan Kesejahteraan dan Kemampuan Aparatur BPSR;\n\n2) Peningkatan Kesejahteraan dan Kemampuan Aparatur Dinas Permukiman\n\ndan Perumahan Provinsi Jawa Barat;\n\n3) Peningkatan Kesejahteraan dan Kapasitas Sumber Daya Aparatur BPMKL-\n\nDiskimrum;\n\n4) Peningkatan Kesejahteraan dan Kemampuan Aparatur BP3JB.\n\n9. \nProgram Pelayanan Administrasi Perkantoran\n\nYang terdiri dari 5 (lima) kegiatan fixed cost, yaitu\n\n1) Kegiatan Penyelenggaraan Administrasi Perkantoran BP3JB;\n\n2) Penyelenggaraan Administrasi Perkantoran BPMKL-Diskimrum;\n";
        let (found, _) = run_default("list-count", text);
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn markers_set_apart_from_their_texts_out_of_order_are_an_abstention() {
        // The same page as plain `pdftotext` orders it: "4)" over "9.", then
        // the fourth item's text; which text is whose is not known.
        let text = "8.\n\nProgram Peningkatan Kesejahteraan Sumber Daya Aparatur\nYang terdiri dari 4 (empat) kegiatan, yaitu :\n1)\n\nPeningkatan Kesejahteraan dan Kemampuan Aparatur BPSR;\n\n2)\n\nPeningkatan Kesejahteraan dan Kemampuan Aparatur Dinas Permukiman\ndan Perumahan Provinsi Jawa Barat;\n\n3)\n\nPeningkatan Kesejahteraan dan Kapasitas Sumber Daya Aparatur BPMKLDiskimrum;\n\n4)\n9.\n\nPeningkatan Kesejahteraan dan Kemampuan Aparatur BP3JB.\n\nProgram Pelayanan Administrasi Perkantoran\nYang terdiri dari 5 (lima) kegiatan fixed cost, yaitu\n1)\n\nKegiatan Penyelenggaraan Administrasi Perkantoran BP3JB;\n";
        let (found, coverage) = run_default("list-count", text);
        assert!(found.is_empty(), "{found:#?}");
        assert!(
            coverage.skipped.values().sum::<usize>() >= 1,
            "{coverage:?}"
        );
    }

    /// "terdapat 4 sasaran … antara lain :" with two sasaran, each with its
    /// numbered indicators under it.
    #[test]
    fn sub_items_under_the_counted_items_do_not_end_the_list() {
        let text = "A. Pada Misi 1 terdapat {n} sasaran stratejik dan indikator capaiannya antara lain :\n\na. Sasaran stratejik Terkendalinya beban pencemaran air dengan indikator kinerja sasaran sebagai berikut:\n1. Pencapaian Status Mutu Sungai dengan capaian 132,5%.\n2. Indeks Kualitas Udara dengan capaian 110,40%.\n\nb. Sasaran stratejik Meningkatnya aksi mitigasi perubahan iklim dengan indikator kinerja sasaran sebagai berikut :\n1. Jumlah lokasi Program kampung Iklim dengan capaian 100%.\n2. Tingkat penurunan emisi Gas Rumah Kaca dengan capaian 190,83%.\n\nB. Pada Misi 2 terdapat 1 sasaran stratejik dan indikator capaiannya antara lain :\n\na. Sasaran stratejik Meningkatnya penanganan lahan kritis.\n";
        let found = findings("list-count", &text.replace("{n}", "4"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "4 sasaran");
        assert_eq!(found[0].expected, "2 (dua) sasaran");
        let (found, coverage) = run_default("list-count", &text.replace("{n}", "2"));
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 2, "{coverage:#?}");
    }

    /// "terdapat 4 sasaran … sebagai berikut :" over a table of sasaran and
    /// their indicators: the different sasaran of the table count.
    #[test]
    fn a_count_over_a_table_counts_the_sasaran_in_it() {
        let text = "Pada Misi 1 terdapat {n} sasaran yang ingin dicapai sebagai berikut :\n\n| Sasaran | Indikator | Target | Realisasi | Capaian |\n|---|---|---|---|---|\n| Terkendalinya beban pencemaran | Status Mutu Sungai | 42,5 | 56,12 | 132,05 |\n| | Indeks Kualitas Udara | 60 | 66,24 | 110,40 |\n| Meningkatnya aksi mitigasi | Jumlah lokasi Proklim | 61 | 61 | 100 |\n\nParagraf berikutnya.\n";
        let found = findings("list-count", &text.replace("{n}", "4"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "2 (dua) sasaran");
        let (found, coverage) = run_default("list-count", &text.replace("{n}", "2"));
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1, "{coverage:#?}");
    }

    /// A table without a column of the noun counted is no list of it.
    #[test]
    fn a_table_without_the_nouns_column_is_an_abstention() {
        let text = "Pada Misi 1 terdapat 4 sasaran yang ingin dicapai sebagai berikut :\n\n| Indikator Sasaran | Target | Realisasi |\n|---|---|---|\n| Status Mutu Sungai | 42,5 | 56,12 |\n| Indeks Kualitas Udara | 60 | 66,24 |\n\n";
        let (found, coverage) = run_default("list-count", text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.values().sum::<usize>(), 1, "{coverage:#?}");
    }
}
