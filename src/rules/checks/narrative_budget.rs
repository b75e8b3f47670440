//! A kegiatan's or program's budget restated in the narrative — its anggaran
//! (pagu, alokasi), its realisasi and the absorption "atau NN %" — against
//! its row in the report's budget tables.
//!
//! Every table with a money column gives its rows: a label (the kegiatan or
//! program), its level when the label or the header says, and its figures
//! by role. The narrative is read in units (a paragraph, a list item and the
//! lines under it); a unit that names one row — its label's words, whole, or
//! nearly whole for a long label — and then states an amount with a word
//! saying what it is (anggaran, realisasi…) within a short distance states
//! that row's figure. Where the scope cannot be established (two rows, no
//! role word, another year, a total, a program against a kegiatan row, an
//! empty cell) the check abstains and says why.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::facts::figures::{Figure, FigureKind, Hint};
use crate::fasthash::IntSet;
use crate::findings::Localized;
use crate::structure::roles::{Role, TableKind};
use crate::structure::{Paragraph, Row, RowKind, Table};

use super::arithmetic::table_name;
use super::common::{
    Context, Pattern, agrees, amount, cell_number, difference, figures, is_column_numbering, like,
    pct, sum_text,
};
use super::quantities::{indicator_key, specific};
use super::{Check, Draft, Outcome, Sink, Why};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NarrativeBudgetParams {
    /// Words making an amount the budget: anggaran, pagu, alokasi, dana.
    anggaran_word: Pattern,
    /// Words making it the realisation: realisasi, terealisasi, terserap, penyerapan.
    realisasi_word: Pattern,
    /// Words making it another quantity: a remainder, an efficiency, a total,
    /// a target, revenue, indirect spending…
    other_word: Pattern,
    /// Columns that are not the year's figure of the row (cumulative, remainder…).
    skip_column: Pattern,
}

/// A kegiatan's or program's budget figures in the narrative against its
/// row in the budget tables.
#[derive(Debug)]
pub struct NarrativeBudget {
    p: NarrativeBudgetParams,
}

/// The columns of `table` with `role` figures of year n (or of no year) whose
/// label `skip` does not match: any anggaran column; realisasi or capaian ones
/// holding money, or any in a budget table.
fn budget_columns(table: &Table, role: Role, skip: &Pattern, year_n: Option<i32>) -> Vec<usize> {
    let budget = table.kind == TableKind::Budget;
    table
        .roles
        .iter()
        .enumerate()
        .filter(|(c, r)| {
            let label = table.columns.get(*c).map(String::as_str).unwrap_or("");
            r.role == role
                && (role == Role::Anggaran || r.money || budget)
                && !skip.is_match(label)
                && column_year(table, *c).is_none_or(|y| year_n.is_none_or(|n| n == y))
        })
        .map(|(c, _)| c)
        .collect()
}

impl NarrativeBudget {
    pub fn new(p: NarrativeBudgetParams) -> Result<Self, String> {
        Ok(NarrativeBudget { p })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Level {
    Program,
    Kegiatan,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FigureRole {
    Anggaran,
    Realisasi,
    Capaian,
}

impl FigureRole {
    fn name(self) -> Localized {
        match self {
            FigureRole::Anggaran => Localized::new("anggaran", "budget"),
            FigureRole::Realisasi => Localized::new("realisasi", "realisation"),
            FigureRole::Capaian => Localized::new("persentase realisasi", "absorption"),
        }
    }
}

/// One row of a budget table: what it is called and its figures by role.
#[derive(Debug)]
struct BudgetRow<'t> {
    table: usize,
    row: &'t Row,
    label: String,
    level: Level,
    anggaran: Vec<Figure>,
    realisasi: Vec<Figure>,
    capaian: Vec<Figure>,
    /// A program heading with empty cells: its figures are its kegiatan's sums.
    summed: bool,
}

impl BudgetRow<'_> {
    fn values(&self, role: FigureRole) -> &[Figure] {
        match role {
            FigureRole::Anggaran => &self.anggaran,
            FigureRole::Realisasi => &self.realisasi,
            FigureRole::Capaian => &self.capaian,
        }
    }

    fn agrees(&self, role: FigureRole, stated: &Figure, tol: Decimal) -> bool {
        self.values(role)
            .iter()
            .any(|v| agrees(stated, v.value, tol))
    }

    fn same_figures(&self, other: &BudgetRow) -> bool {
        let eq = |a: &[Figure], b: &[Figure]| {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.value == y.value)
        };
        eq(&self.anggaran, &other.anggaran)
            && eq(&self.realisasi, &other.realisasi)
            && eq(&self.capaian, &other.capaian)
    }
}

/// Rows sharing one label key (the same kegiatan in several tables).
#[derive(Debug, Clone)]
pub(super) struct KeyGroup {
    pub(super) words: Vec<String>,
    pub(super) rows: Vec<usize>,
    pub(super) level: Level,
}

/// A place in a unit of text where a key group's label is named.
#[derive(Debug, Clone)]
pub(super) struct Mention {
    pub(super) group: usize,
    pub(super) start: usize,
    pub(super) end: usize,
    level: Level,
    score: f64,
}

/// An amount or percentage the narrative gives a named row.
#[derive(Debug, Clone)]
struct Statement {
    role: FigureRole,
    figure: Figure,
}

const WHY_AMBIGUOUS: Why = Why {
    en: "the narrative names a kegiatan that several budget rows with different figures share",
    id: "uraian menyebut kegiatan yang ada pada beberapa baris anggaran dengan angka berbeda",
};
const WHY_NO_ROLE: Why = Why {
    en: "no word says whether the amount is the budget or its realisation",
    id: "tidak ada kata yang menyatakan jumlah itu anggaran atau realisasi",
};
const WHY_OTHER: Why = Why {
    en: "the amount is another quantity (a total, remainder, efficiency, target, revenue)",
    id: "jumlah itu besaran lain (total, sisa, efisiensi, target, pendapatan)",
};
const WHY_YEAR: Why = Why {
    en: "the sentence is about another year",
    id: "kalimat tentang tahun lain",
};
const WHY_SUM: Why = Why {
    en: "the sentence names several kegiatan before the amount: it may be their sum",
    id: "kalimat menyebut beberapa kegiatan sebelum jumlahnya: bisa jadi jumlah gabungan",
};
const WHY_LEVEL: Why = Why {
    en: "the narrative names a program and the row is a kegiatan (or the reverse)",
    id: "uraian menyebut program sedangkan barisnya kegiatan (atau sebaliknya)",
};
const WHY_EMPTY: Why = Why {
    en: "the budget row has no value for this figure",
    id: "baris anggaran tidak memuat nilai untuk angka ini",
};
const WHY_OTHER_NAME: Why = Why {
    en: "another kegiatan or program is named between the name and the amount",
    id: "kegiatan atau program lain disebut di antara nama dan jumlahnya",
};
const WHY_FAR: Why = Why {
    en: "a program summed from its kegiatan, and the amount is not in the lines naming it",
    id: "program dijumlah dari kegiatannya, dan jumlahnya tidak pada baris yang menyebutnya",
};
const WHY_FOLLOWS: Why = Why {
    en: "the percentage follows from an amount already reported as differing",
    id: "persentase mengikuti jumlah yang sudah dilaporkan berbeda",
};

/// How far (bytes) an amount may be from the name, or from the amount before it.
const MAX_GAP: usize = 170;
/// Words a label needs before a differently worded one may name the same row.
const FUZZY_WORDS: usize = 5;
/// Word sets at least this alike (Dice) name the same row.
const LIKE_ENOUGH: f64 = 0.85;

static TOTAL_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)^\s*(?:jumlah|total|sub\s*total|rata)").expect("valid regex")
});
/// A label column of kegiatan, programs or budget lines.
static ACTIVITY_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)program|kegiatan|uraian|rincian|\bnama\b|belanja|\bjenis\b|komponen",
    )
    .expect("valid regex")
});
/// A label column of indicators, sasaran or goals.
static INDICATOR_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)indikator|sasaran|tujuan|\biku\b").expect("valid regex")
});

fn has_level_prefix(label: &str) -> bool {
    let (level, _) = level_of(&indicator_key(label), "");
    level != Level::Unknown
}

static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"\b((?:19[5-9]|20[0-9])[0-9])\b").expect("valid regex")
});
/// "dari 201.875.000": the base of a realisation just stated.
static BASE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"(?i)\bdari\s*(?:rp\.?)?\s*$").expect("valid regex"));
/// Between a realisation and its percentage: "atau", "(", "sebesar".
static PERCENT_LINK: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)^[\s,;:-]*(?:,-|,00)?[\s,]*(?:atau(?:\s+sebesar)?|sebesar|\()\s*\(?\s*$",
    )
    .expect("valid regex")
});
/// A kegiatan or program named by its capitalised name.
static OTHER_NAME: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r#"(?i:\bkegiatan|\bprogram)\s+[„‘'"“]?\s*\p{Lu}"#)
        .expect("valid regex")
});
/// A list item, a caption: a new unit of text.
static UNIT_START: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)^\s*(?:[-•*➤]\s+|\(?\d{1,2}[.)]\s+|\(?[a-z][.)]\s+|[ivx]{1,4}[.)]\s+|tabel\s)",
    )
    .expect("valid regex")
});
static MARKER_CELL: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"^\s*(?:[-•*➤]|\(?\d{1,2}[.)]|\(?[a-zA-Z][.)]|[ivxIVX]{1,4}[.)])\s*$")
        .expect("valid regex")
});

/// Words before a label that make its start ("Kegiatan X", "yaitu X").
const START_WORDS: &[&str] = &[
    "kegiatan",
    "program",
    "subkegiatan",
    "yaitu",
    "yakni",
    "adalah",
    "ialah",
    "untuk",
    "dan",
    "serta",
];
/// Words after a label that end it ("X dengan anggaran", "X Provinsi Jawa Barat").
const END_WORDS: &[&str] = &[
    "dengan",
    "yang",
    "sebesar",
    "memiliki",
    "mempunyai",
    "adalah",
    "diberi",
    "mendapat",
    "mendapatkan",
    "dialokasikan",
    "telah",
    "pada",
    "tahun",
    "prov",
    "provinsi",
    "jawa",
    "barat",
    "jabar",
    "kab",
    "kabupaten",
    "kota",
    "dan",
    "serta",
    "jumlah",
    "anggaran",
    "alokasi",
    "realisasi",
    "terealisasi",
    "pagu",
    "sebanyak",
    "melalui",
    "di",
];

fn level_of(label_key: &str, header: &str) -> (Level, String) {
    for (prefix, level) in [
        ("sub kegiatan ", Level::Kegiatan),
        ("subkegiatan ", Level::Kegiatan),
        ("kegiatan ", Level::Kegiatan),
        ("program ", Level::Program),
    ] {
        if let Some(rest) = label_key.strip_prefix(prefix) {
            return (level, rest.to_string());
        }
    }
    let h = header.to_lowercase();
    let level = match (h.contains("program"), h.contains("kegiatan")) {
        (true, false) => Level::Program,
        (false, true) => Level::Kegiatan,
        _ => Level::Unknown,
    };
    (level, label_key.to_string())
}

/// Two words alike: equal, or one a misspelling of the other — its end
/// ("Pendidika" / "Pendidikan", "Survey" / "Survei"), or one letter left
/// out, added or changed in a long word ("Progam" / "Program").
pub(super) fn word_like(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    // Words under five letters are alike only when equal (a word has no
    // more letters than bytes): most pairs end here.
    if a.len().min(b.len()) < 5 {
        return false;
    }
    // Called for every word pair of long passages: compare bytes when both
    // words are ASCII (nearly always), characters otherwise.
    if a.is_ascii() && b.is_ascii() {
        return letters_like(a.as_bytes(), b.as_bytes());
    }
    let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    letters_like(&ca, &cb)
}

fn letters_like<T: PartialEq>(ca: &[T], cb: &[T]) -> bool {
    let short = ca.len().min(cb.len());
    if short < 5 || ca.len().abs_diff(cb.len()) > 1 {
        return false;
    }
    let common = ca.iter().zip(cb).take_while(|(x, y)| x == y).count();
    if common + 1 >= short.max(ca.len().max(cb.len()) - 1) && common >= short - 1 {
        return true;
    }
    short >= 6 && one_edit(ca, cb)
}

/// One letter left out, added or changed.
fn one_edit<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let p = long.iter().zip(short).take_while(|(x, y)| x == y).count();
    if long.len() == short.len() {
        long[p + 1..] == short[p + 1..]
    } else {
        long[p + 1..] == short[p..]
    }
}

fn is_start_word(w: &str) -> bool {
    START_WORDS.iter().any(|s| word_like(w, s))
}

/// The first five letters of a word (a slice: called for every word).
fn prefix5(w: &str) -> &str {
    w.char_indices().nth(5).map_or(w, |(i, _)| &w[..i])
}

#[derive(Debug)]
pub(super) struct Token {
    pub(super) word: String,
    pub(super) start: usize,
    pub(super) end: usize,
}

pub(super) fn tokens(text: &str) -> Vec<Token> {
    // Nearly every word is ASCII: its lower case without Unicode's tables.
    let lower = |w: &str| {
        if w.is_ascii() {
            w.to_ascii_lowercase()
        } else {
            w.to_lowercase()
        }
    };
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push(Token {
                word: lower(&text[s..i]),
                start: s,
                end: i,
            });
        }
    }
    if let Some(s) = start {
        out.push(Token {
            word: lower(&text[s..]),
            start: s,
            end: text.len(),
        });
    }
    out
}

/// The narrative in units: a paragraph, or a list item with the lines under
/// it, over blank lines and page breaks; a table row, heading, caption or
/// new list item ends it. A list item's marker set apart as a cell ("1. |
/// Kegiatan …") is read as text.
pub(super) fn read_units(ctx: &Context<'_, '_>) -> Vec<Paragraph> {
    let report = ctx.report;
    let in_table: Vec<bool> = {
        let mut v = vec![false; report.lines.len()];
        for t in report.tables.iter().filter(|t| t.columns.len() >= 3) {
            for x in v
                .iter_mut()
                .take(t.end.min(report.lines.len()))
                .skip(t.start)
            {
                *x = true;
            }
        }
        v
    };
    let furniture = page_furniture(report);
    let mut out = Vec::new();
    let mut cur: Option<Paragraph> = None;
    for l in &report.lines {
        if l.line.is_blank() {
            continue;
        }
        // A running footer or header between the two halves of a sentence
        // cut by a page break ("… anggaran tersebut | 30 | LKIP … |
        // terealisasi sebesar …"): the sentence goes on over it.
        if furniture[l.index]
            && cur
                .as_ref()
                .is_some_and(|p| !p.text.trim_end().ends_with(['.', ':', ';', '!', '?']))
        {
            continue;
        }
        // "1. | Kegiatan …": a list item's marker set apart as a cell; or
        // justified text read as two cells, words on both sides.
        let words = |t: &str| t.chars().filter(|c| c.is_alphabetic()).count() >= 3;
        let item_cells = !l.is_prose()
            && l.line.spans.len() == 2
            && (MARKER_CELL.is_match(&l.line.spans[0].text) || words(&l.line.spans[0].text))
            && words(&l.line.spans[1].text);
        let texty = (l.is_prose() || item_cells) && !in_table[l.index];
        let text = if item_cells {
            l.line
                .spans
                .iter()
                .map(|s| s.text.trim())
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            l.line.text.trim().to_string()
        };
        let breaks = !texty || l.line.heading.is_some() || UNIT_START.is_match(&text);
        if breaks && let Some(p) = cur.take() {
            out.push(p);
        }
        if !texty {
            continue;
        }
        match cur.as_mut() {
            Some(p) => {
                if p.text.ends_with('-') && !p.text.ends_with(" -") {
                    p.text.pop();
                } else {
                    p.text.push(' ');
                }
                p.pieces.push((p.text.len(), l.index));
                p.text.push_str(&text);
            }
            None => {
                cur = Some(Paragraph {
                    text,
                    pieces: vec![(0, l.index)],
                    chapter: l.chapter,
                })
            }
        }
        if l.line.heading.is_some()
            && let Some(p) = cur.take()
        {
            out.push(p);
        }
    }
    if let Some(p) = cur {
        out.push(p);
    }
    out
}

/// Lines that are a page's running footer or header: the last or first
/// line with text on its page, short, holding a page number of its own.
fn page_furniture(report: &crate::structure::Report<'_>) -> Vec<bool> {
    static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::compile(r"(?:^|\|)\s*\d{1,3}\s*(?:$|\|)|(?i)\bhal(?:aman)?\.?\s*\d{1,3}\b")
            .expect("valid regex")
    });
    let lines = &report.lines;
    let filled: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].line.is_blank())
        .collect();
    let mut out = vec![false; lines.len()];
    for (k, &i) in filled.iter().enumerate() {
        let page = lines[i].page;
        let first = k == 0 || lines[filled[k - 1]].page != page;
        let last = filled.get(k + 1).is_none_or(|&j| lines[j].page != page);
        let text = lines[i].line.text.trim();
        if (first || last) && text.chars().count() <= 80 && PAGE_NUMBER.is_match(text) {
            out[i] = true;
        }
    }
    out
}

fn column_year(table: &Table, col: usize) -> Option<i32> {
    table.roles.get(col).and_then(|r| r.year).or_else(|| {
        YEAR.captures_iter(table.columns.get(col)?)
            .filter_map(|c| c[1].parse().ok())
            .last()
    })
}

/// An amount of money in running text (not a count, a year or a percentage).
fn is_amount(f: &Figure) -> bool {
    match f.kind {
        FigureKind::Rupiah => f.value >= Decimal::from(1000),
        FigureKind::Plain => {
            f.value >= Decimal::from(1_000_000) && f.text.matches(['.', ',']).count() >= 2
        }
        _ => false,
    }
}

impl NarrativeBudget {
    /// Every row of every table holding money, with its label and figures.
    fn budget_rows<'t>(&self, ctx: &'t Context<'_, '_>) -> Vec<BudgetRow<'t>> {
        let year_n = ctx.year();
        let mut out = Vec::new();
        for (ti, table) in ctx.report.tables.iter().enumerate() {
            let cols = |role: Role| budget_columns(table, role, &self.p.skip_column, year_n);
            let (ca, cr, cc) = (
                cols(Role::Anggaran),
                cols(Role::Realisasi),
                cols(Role::Capaian),
            );
            let Some(first) = ca.iter().chain(&cr).min().copied() else {
                continue;
            };
            let label_cols: Vec<usize> = (0..first)
                .rev()
                .filter(|&c| table.roles.get(c).is_some_and(|r| r.role == Role::Label))
                .collect();
            if label_cols.is_empty() {
                continue;
            }
            for (ri, row) in table.rows.iter().enumerate() {
                // What the figures are of: the nearest label cell with words
                // left of them (the kegiatan beside its anggaran).
                let Some((label_col, label)) = label_cols.iter().find_map(|&c| {
                    let t = row.cell(c)?.text.trim();
                    (t.chars().filter(|c| c.is_alphabetic()).count() >= 3).then_some((c, t))
                }) else {
                    continue;
                };
                if TOTAL_LABEL.is_match(label) {
                    continue;
                }
                let header = table
                    .columns
                    .get(label_col)
                    .map(String::as_str)
                    .unwrap_or("");
                let (level, _) = level_of(&indicator_key(label), header);
                // Rows of indicators or sasaran carry a budget too: only
                // kegiatan, programs and budget lines are restated as such.
                if level == Level::Unknown && !ACTIVITY_HEADER.is_match(header)
                    || INDICATOR_HEADER.is_match(header) && !has_level_prefix(label)
                {
                    continue;
                }
                let take = |cols: &[usize], hint: Hint| -> Vec<Figure> {
                    cols.iter()
                        .filter_map(|&c| row.cell(c))
                        .filter_map(|c| cell_number(&c.text, hint))
                        .collect()
                };
                let anggaran: Vec<Figure> = take(&ca, Hint::Rupiah)
                    .into_iter()
                    .filter(|f| f.value >= Decimal::from(1000))
                    .collect();
                let realisasi: Vec<Figure> = take(&cr, Hint::Rupiah)
                    .into_iter()
                    .filter(|f| f.value >= Decimal::from(1000))
                    .collect();
                let mut capaian = take(&cc, Hint::Percent);
                let summed = anggaran.is_empty() && realisasi.is_empty();
                let (anggaran, realisasi) = if summed {
                    // A program heading whose cells are left empty is the
                    // sum of its kegiatan below it.
                    if level != Level::Program || row.kind != RowKind::Group {
                        continue;
                    }
                    capaian.clear();
                    let (a, r) = (
                        group_sums(table, ri, &ca, Hint::Rupiah),
                        group_sums(table, ri, &cr, Hint::Rupiah),
                    );
                    if a.is_empty() && r.is_empty() {
                        continue;
                    }
                    (a, r)
                } else {
                    (anggaran, realisasi)
                };
                out.push(BudgetRow {
                    table: ti,
                    row,
                    label: label.to_string(),
                    level,
                    anggaran,
                    realisasi,
                    capaian,
                    summed,
                });
            }
        }
        out
    }
}

/// Per column of `cols`, the sum of the items under group row `group` of
/// `table`, when each item has an amount there and none is a program itself:
/// a figure whose text is the sum written out ("36.750.000 + 137.795.000 =
/// 174.545.000").
fn group_sums(table: &Table, group: usize, cols: &[usize], hint: Hint) -> Vec<Figure> {
    let items: Vec<&Row> = table
        .rows
        .iter()
        .filter(|r| r.group == Some(group) && r.kind == RowKind::Item)
        .collect();
    if items.is_empty()
        || items
            .iter()
            .any(|r| level_of(&indicator_key(r.label()), "").0 == Level::Program)
    {
        return Vec::new();
    }
    cols.iter()
        .filter_map(|&c| {
            let figs: Vec<Figure> = items
                .iter()
                .map(|r| r.cell(c).and_then(|cell| cell_number(&cell.text, hint)))
                .collect::<Option<Vec<_>>>()?;
            if figs.iter().any(|f| f.value < Decimal::from(1000)) {
                return None;
            }
            let values: Vec<Decimal> = figs.iter().map(|f| f.value).collect();
            let total: Decimal = values.iter().copied().sum();
            let mut sum = figs.first()?.clone();
            sum.value = total;
            sum.text = sum_text(&values, total);
            Some(sum)
        })
        .collect()
}

impl NarrativeBudget {
    fn role_of(&self, gap: &str, year_n: Option<i32>) -> Result<FigureRole, Why> {
        if self.p.other_word.is_match(gap) {
            return Err(WHY_OTHER);
        }
        if other_year(gap, year_n) {
            return Err(WHY_YEAR);
        }
        // The words just before the amount say what it is.
        if self.p.realisasi_word.is_match(gap) {
            Ok(FigureRole::Realisasi)
        } else if self.p.anggaran_word.is_match(gap) || BASE.is_match(gap) {
            Ok(FigureRole::Anggaran)
        } else {
            Err(WHY_NO_ROLE)
        }
    }
}

/// Where the sentence holding byte `at` starts: after the last ". X" or "; "
/// before it, at most 200 bytes back.
fn sentence_start(text: &str, at: usize) -> usize {
    let from = super::regulations::ceil(text, at.saturating_sub(200));
    let window = &text[from..at];
    let b = window.as_bytes();
    let mut start = 0;
    for i in 0..b.len().saturating_sub(2) {
        let end_mark =
            b[i] == b';' || b[i] == b'.' && b[i + 1] == b' ' && b[i + 2].is_ascii_uppercase();
        if end_mark {
            start = i + 1;
        }
    }
    from + start
}

fn other_year(text: &str, year_n: Option<i32>) -> bool {
    YEAR.captures_iter(text)
        .filter_map(|c| c[1].parse::<i32>().ok())
        .any(|y| year_n.is_some_and(|n| n != y))
}

fn groups(rows: &[BudgetRow]) -> Vec<KeyGroup> {
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<KeyGroup> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let (_, key) = level_of(&indicator_key(&r.label), "");
        if !specific(&key) {
            continue;
        }
        match by_key.get(&key) {
            Some(&g) => {
                out[g].rows.push(i);
                if out[g].level != r.level {
                    out[g].level = Level::Unknown;
                }
            }
            None => {
                by_key.insert(key.clone(), out.len());
                out.push(KeyGroup {
                    words: key.split(' ').map(str::to_string).collect(),
                    rows: vec![i],
                    level: r.level,
                });
            }
        }
    }
    out
}

/// Where the unit names a budget row: the label's words in order (one may be
/// misspelt at its end), or for a long label a run of words nearly the same,
/// starting after a word such as "Kegiatan" or punctuation and ending before
/// "dengan", a place name or punctuation. Overlapping names: the longer wins.
pub(super) fn mentions(text: &str, toks: &[Token], groups: &[KeyGroup]) -> Vec<Mention> {
    mentions_with(text, toks, groups, &[], &[])
}

/// Where in a unit's tokens a name may start and end, found once for every group.
struct Bounds<'t> {
    toks: &'t [Token],
    may_start: Vec<bool>,
    may_end: Vec<bool>,
}

impl<'t> Bounds<'t> {
    /// A name starts at the text's start, after punctuation or a word such
    /// as "Kegiatan", and ends before punctuation, the text's end or a word
    /// such as "dengan"; `more_start` and `more_end` add such words.
    fn new(text: &str, toks: &'t [Token], more_start: &[&str], more_end: &[&str]) -> Self {
        let may_start = (0..toks.len())
            .map(|i| {
                if i == 0 {
                    return true;
                }
                let before = text[..toks[i].start].trim_end();
                before.chars().last().is_none_or(|c| !c.is_alphanumeric())
                    || is_start_word(&toks[i - 1].word)
                    || more_start.contains(&toks[i - 1].word.as_str())
            })
            .collect();
        let may_end = (0..toks.len())
            .map(|j| {
                let Some(last) = j.checked_sub(1).map(|k| &toks[k]) else {
                    return false;
                };
                let after = text[last.end..].trim_start();
                after.chars().next().is_none_or(|c| !c.is_alphanumeric())
                    || END_WORDS.contains(&toks[j].word.as_str())
                    || more_end.contains(&toks[j].word.as_str())
            })
            .collect();
        Bounds {
            toks,
            may_start,
            may_end,
        }
    }

    fn starts_at(&self, i: usize) -> bool {
        self.may_start[i]
    }

    fn ends_at(&self, j: usize) -> bool {
        j >= self.toks.len() || self.may_end[j]
    }

    /// The level the word before token `i` names ("Kegiatan …", "Program …").
    fn level_before(&self, i: usize) -> Level {
        match i.checked_sub(1).map(|k| self.toks[k].word.as_str()) {
            Some(w) if word_like(w, "kegiatan") || w == "subkegiatan" => Level::Kegiatan,
            Some(w) if word_like(w, "program") => Level::Program,
            _ => Level::Unknown,
        }
    }

    /// Group `gi`'s label word for word (the last may be misspelt); whether
    /// any was found.
    fn exact(&self, gi: usize, g: &KeyGroup, like: &Likeness, found: &mut Vec<Mention>) -> bool {
        let toks = self.toks;
        let k = g.words.len();
        let mut exact = false;
        for i in 0..toks.len().saturating_sub(k - 1) {
            if (0..k).all(|j| like.of(i + j, j)) && self.starts_at(i) && self.ends_at(i + k) {
                exact = true;
                found.push(Mention {
                    group: gi,
                    start: toks[i].start,
                    end: toks[i + k - 1].end,
                    level: self.level_before(i),
                    score: 1.0 + k as f64,
                });
            }
        }
        exact
    }

    /// Runs of words nearly group `gi`'s long label (two words more or fewer),
    /// the likest at each start.
    fn fuzzy(&self, gi: usize, g: &KeyGroup, like: &Likeness, found: &mut Vec<Mention>) {
        let toks = self.toks;
        let k = g.words.len();
        let mut used: Vec<bool> = Vec::new();
        for i in (0..toks.len()).filter(|&i| self.starts_at(i)) {
            let mut best: Option<(f64, usize)> = None;
            for len in k - 2..=k + 2 {
                let j = i + len;
                if j > toks.len() || !self.ends_at(j) {
                    continue;
                }
                // The words of the run like any of the label's bound the
                // words they share: most runs fall short without pairing.
                let bound = 2.0 * like.any_between(i, j) as f64 / (len + k).max(1) as f64;
                if bound < LIKE_ENOUGH {
                    continue;
                }
                let d = like.dice(i, j, &mut used);
                if d >= LIKE_ENOUGH && best.is_none_or(|(b, _)| d > b) {
                    best = Some((d, j));
                }
            }
            if let Some((d, j)) = best {
                found.push(Mention {
                    group: gi,
                    start: toks[i].start,
                    end: toks[j - 1].end,
                    level: self.level_before(i),
                    score: d + (k as f64) * d,
                });
            }
        }
    }
}

/// Which words of a text are like which words of one group's label
/// (`word_like`), worked out once per text and group: the exact and fuzzy
/// searches ask the same pairs again for every run of words.
struct Likeness {
    /// `like[t * k + w]`: token `t` is like the label's word `w`.
    like: Vec<bool>,
    k: usize,
    /// `any[t]`: how many of the tokens before `t` are like some word of the label.
    any: Vec<usize>,
}

impl Likeness {
    fn new(toks: &[Token], words: &[String]) -> Likeness {
        let k = words.len();
        let mut like = Vec::with_capacity(toks.len() * k);
        let mut any = Vec::with_capacity(toks.len() + 1);
        any.push(0);
        for t in toks {
            let before = like.len();
            like.extend(words.iter().map(|w| word_like(&t.word, w)));
            let seen = any.last().copied().unwrap_or(0);
            any.push(seen + usize::from(like[before..].contains(&true)));
        }
        Likeness { like, k, any }
    }

    fn of(&self, token: usize, word: usize) -> bool {
        self.like[token * self.k + word]
    }

    fn any_between(&self, from: usize, to: usize) -> usize {
        self.any[to] - self.any[from]
    }

    /// Dice likeness of tokens `from..to` and the label: twice the words they
    /// share (each label word paired once, in order) over both lengths.
    fn dice(&self, from: usize, to: usize, used: &mut Vec<bool>) -> f64 {
        used.clear();
        used.resize(self.k, false);
        let mut shared = 0;
        for t in from..to {
            if let Some(w) = (0..self.k).find(|&w| !used[w] && self.of(t, w)) {
                used[w] = true;
                shared += 1;
            }
        }
        2.0 * shared as f64 / (to - from + self.k).max(1) as f64
    }
}

/// The best name at each place: higher score first, no overlaps; in text order.
fn best_without_overlaps(mut found: Vec<Mention>) -> Vec<Mention> {
    found.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.start.cmp(&b.start)));
    let mut kept: Vec<Mention> = Vec::new();
    for m in found {
        if kept.iter().all(|k| m.end <= k.start || m.start >= k.end) {
            kept.push(m);
        }
    }
    kept.sort_by_key(|m| m.start);
    kept
}

/// `mentions`, with more words that may start a name (before it) and end it (after it).
pub(super) fn mentions_with(
    text: &str,
    toks: &[Token],
    groups: &[KeyGroup],
    more_start: &[&str],
    more_end: &[&str],
) -> Vec<Mention> {
    // Looked up for every word of every label: a fast hash.
    let present: IntSet<&str> = toks.iter().map(|t| prefix5(&t.word)).collect();
    // Made for the first label the text may name; most texts name none.
    let mut bounds: Option<Bounds> = None;
    let mut found: Vec<Mention> = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        let k = g.words.len();
        let hits = g
            .words
            .iter()
            .filter(|w| present.contains(prefix5(w)))
            .count();
        if (hits as f64) < 0.8 * k as f64 || toks.len() < k.saturating_sub(2) {
            continue;
        }
        let bounds = bounds.get_or_insert_with(|| Bounds::new(text, toks, more_start, more_end));
        let like = Likeness::new(toks, &g.words);
        if bounds.exact(gi, g, &like, &mut found) || k < FUZZY_WORDS {
            continue;
        }
        bounds.fuzzy(gi, g, &like, &mut found);
    }
    best_without_overlaps(found)
}

/// A name of the narrative and the amounts that follow it closely.
struct NamedAmounts<'a> {
    unit: &'a Paragraph,
    mention: &'a Mention,
    statements: Vec<Statement>,
}

impl Check for NarrativeBudget {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let rows = self.budget_rows(ctx);
        if rows.is_empty() {
            return;
        }
        let groups = groups(&rows);
        if groups.is_empty() {
            return;
        }
        for unit in ctx.units() {
            if crate::limits::out_of_time() {
                return;
            }
            let toks = tokens(&unit.text);
            let found = mentions(&unit.text, &toks, &groups);
            if found.is_empty() {
                continue;
            }
            let figs: Vec<Figure> = figures(&unit.text);
            for (mi, m) in found.iter().enumerate() {
                let next_start = found.get(mi + 1).map_or(unit.text.len(), |n| n.start);
                let statements = match self.amounts_after(ctx, unit, &figs, m, next_start, out) {
                    Ok(s) => s,
                    Err(Some(why)) => {
                        out.skip(why);
                        continue;
                    }
                    Err(None) => continue,
                };
                if let Err(why) = scope(ctx, unit, &found, mi) {
                    statements.iter().for_each(|_| out.skip(why));
                    continue;
                }
                let named = NamedAmounts {
                    unit,
                    mention: m,
                    statements,
                };
                self.compare(ctx, &named, &groups[m.group], &rows, out);
            }
        }
    }
}

/// Whether the amounts after the `mi`th name are its own, of the report's
/// year: not the sum of several names listed just before it ("Kegiatan A, B
/// dan C dengan anggaran …"), nor in a sentence opening on another year
/// ("Pada tahun 2020, capaian … X sebesar …").
fn scope(ctx: &Context<'_, '_>, unit: &Paragraph, found: &[Mention], mi: usize) -> Result<(), Why> {
    let m = &found[mi];
    let listed = mi > 0 && {
        let prev = &found[mi - 1];
        unit.text
            .get(prev.end..m.start)
            .is_some_and(|between| between.len() <= 30 && !between.contains('.'))
    };
    if listed {
        return Err(WHY_SUM);
    }
    let opening = &unit.text[sentence_start(&unit.text, m.start)..m.start];
    if other_year(opening, ctx.year()) {
        return Err(WHY_YEAR);
    }
    Ok(())
}

impl NarrativeBudget {
    /// The amounts (and the percentage right after a realisasi) that follow
    /// a name up to the next one, each with the role its words give; none,
    /// with why when something stopped the reading.
    fn amounts_after(
        &self,
        ctx: &Context<'_, '_>,
        unit: &Paragraph,
        figs: &[Figure],
        m: &Mention,
        next_start: usize,
        out: &mut Sink,
    ) -> Result<Vec<Statement>, Option<Why>> {
        let mut last = m.end;
        let mut statements: Vec<Statement> = Vec::new();
        let mut last_realisasi = false;
        let mut stop: Option<Why> = None;
        for f in figs
            .iter()
            .filter(|f| f.start >= m.end && f.start < next_start)
        {
            let Some(gap) = unit.text.get(last..f.start) else {
                break;
            };
            if f.kind == FigureKind::Percent {
                if last_realisasi && PERCENT_LINK.is_match(gap) {
                    statements.push(Statement {
                        role: FigureRole::Capaian,
                        figure: f.clone(),
                    });
                }
                last_realisasi = false;
                last = f.end;
                continue;
            }
            if !is_amount(f) {
                continue;
            }
            if gap.len() > MAX_GAP {
                break;
            }
            if OTHER_NAME.is_match(gap) {
                stop = Some(WHY_OTHER_NAME);
                break;
            }
            last = f.end;
            match self.role_of(gap, ctx.year()) {
                Ok(role) => {
                    last_realisasi = role == FigureRole::Realisasi;
                    statements.push(Statement {
                        role,
                        figure: f.clone(),
                    });
                }
                Err(why) => {
                    last_realisasi = false;
                    out.skip(why);
                    if why == WHY_YEAR || why == WHY_OTHER {
                        break;
                    }
                }
            }
        }
        if statements.is_empty() {
            return Err(stop);
        }
        Ok(statements)
    }

    fn compare(
        &self,
        ctx: &Context<'_, '_>,
        named: &NamedAmounts<'_>,
        group: &KeyGroup,
        rows: &[BudgetRow],
        out: &mut Sink,
    ) {
        let statements = &named.statements;
        let skip_all = |out: &mut Sink, why: Why| statements.iter().for_each(|_| out.skip(why));
        let m = named.mention;
        if m.level != Level::Unknown && group.level != Level::Unknown && m.level != group.level {
            skip_all(out, WHY_LEVEL);
            return;
        }
        let row = match row_for(group, rows, statements, ctx.tolerance) {
            Ok(Some(row)) => row,
            Ok(None) => return,
            Err(why) => {
                skip_all(out, why);
                return;
            }
        };
        // A program's figure the table does not print (the sum of its
        // kegiatan) is compared only with an amount in the same lines as its
        // name ("Program X dengan Anggaran Rp …"), not one further down (a
        // column of amounts read after a list of names).
        if row.summed {
            let lines = &ctx.report.lines;
            let from = named.unit.line_at(m.start);
            let near = |s: &Statement| {
                let to = named.unit.line_at(s.figure.start);
                to >= from && to - from <= 2 && (from..=to).all(|i| !lines[i].line.is_blank())
            };
            if !statements.iter().all(near) {
                skip_all(out, WHY_FAR);
                return;
            }
        }
        let mut amount_differs = false;
        for s in statements {
            let Some(reference) = row.values(s.role).last() else {
                out.skip(WHY_EMPTY);
                continue;
            };
            if row.agrees(s.role, &s.figure, ctx.tolerance) {
                out.agree();
                continue;
            }
            // "Rp X atau Y %" with X already reported: Y follows from X.
            if s.role == FigureRole::Capaian
                && amount_differs
                && capaian_follows(row, statements, &s.figure, ctx.tolerance)
            {
                out.skip(WHY_FOLLOWS);
                continue;
            }
            if s.role != FigureRole::Capaian {
                amount_differs = true;
            }
            out.push(differs(ctx, named.unit, row, s, reference));
        }
    }
}

/// The row a name stands for: the only one, or all alike, or the only one
/// an amount of the sentence agrees with (None: the name has no rows).
fn row_for<'r>(
    group: &KeyGroup,
    rows: &'r [BudgetRow],
    statements: &[Statement],
    tol: Decimal,
) -> Result<Option<&'r BudgetRow<'r>>, Why> {
    let candidates: Vec<&BudgetRow> = group.rows.iter().map(|&i| &rows[i]).collect();
    let Some(first) = candidates.first() else {
        return Ok(None);
    };
    if candidates.iter().all(|r| r.same_figures(first)) {
        return Ok(Some(first));
    }
    let anchored: Vec<&&BudgetRow> = candidates
        .iter()
        .filter(|r| {
            statements
                .iter()
                .any(|s| s.role != FigureRole::Capaian && r.agrees(s.role, &s.figure, tol))
        })
        .collect();
    match anchored.first() {
        Some(a) if anchored.iter().all(|r| r.same_figures(a)) => Ok(Some(a)),
        _ => Err(WHY_AMBIGUOUS),
    }
}

/// Whether a stated percentage is the stated realisasi over the stated (or
/// the row's) anggaran.
fn capaian_follows(
    row: &BudgetRow,
    statements: &[Statement],
    capaian: &Figure,
    tol: Decimal,
) -> bool {
    let stated_of = |role: FigureRole| {
        statements
            .iter()
            .find(|s| s.role == role)
            .map(|s| s.figure.value)
    };
    match (
        stated_of(FigureRole::Realisasi),
        stated_of(FigureRole::Anggaran),
    ) {
        (Some(r), Some(a)) if !a.is_zero() => agrees(capaian, r / a * Decimal::ONE_HUNDRED, tol),
        (Some(r), None) => row.anggaran.last().is_some_and(|a| {
            !a.value.is_zero() && agrees(capaian, r / a.value * Decimal::ONE_HUNDRED, tol)
        }),
        _ => false,
    }
}

/// The finding for a stated figure that differs from its row's `reference`.
fn differs(
    ctx: &Context<'_, '_>,
    unit: &Paragraph,
    row: &BudgetRow,
    s: &Statement,
    reference: &Figure,
) -> Draft {
    let tol = ctx.tolerance;
    let what = s.role.name();
    // Roles swapped: the figure is the row's other amount.
    let other = match s.role {
        FigureRole::Anggaran => Some((FigureRole::Realisasi, &row.realisasi)),
        FigureRole::Realisasi => Some((FigureRole::Anggaran, &row.anggaran)),
        FigureRole::Capaian => None,
    };
    let swapped = other
        .filter(|(_, v)| v.iter().any(|f| agrees(&s.figure, f.value, tol)))
        .map(|(r, _)| r.name());
    let note = match &swapped {
        Some(r) => Localized::new(
            format!("; {} adalah {} baris itu", s.figure.text, r.id),
            format!("; {} is the row's {}", s.figure.text, r.en),
        ),
        None => Localized::same(String::new()),
    };
    let shown_ref = if s.role == FigureRole::Capaian {
        format!("{}%", pct(reference.value))
    } else {
        reference.text.clone()
    };
    let tname = table_name(&ctx.report.tables[row.table]);
    let line = unit.line_at(s.figure.start);
    Draft {
        line,
        stated: s.figure.text.clone(),
        expected: like(&s.figure, reference.value),
        computation: Localized::new(
            format!(
                "{} \"{}\" di {} (hlm. {}): {}{}",
                what.id, row.label, tname.id, row.row.page, shown_ref, note.id
            ),
            format!(
                "{} of \"{}\" in {} (p. {}): {}{}",
                what.en, row.label, tname.en, row.row.page, shown_ref, note.en
            ),
        ),
        related: vec![ctx.row_line(row.row.page, row.row.line)],
        ..Default::default()
    }
    .var("activity", Localized::same(row.label.clone()))
    .var("role", what.clone())
    .var("table", tname)
    .var("difference", difference(s.figure.value, reference.value))
}

// ------------------------------------------------ sums of budget rows

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetSumParams {
    /// Words making an amount the budget: anggaran, pagu, alokasi.
    anggaran_word: Pattern,
    /// Words making it the realisation: realisasi, terealisasi, terserap.
    realisasi_word: Pattern,
    /// Words making it another quantity: a remainder, an efficiency, revenue,
    /// a target, a part of a year, a change.
    other_word: Pattern,
    /// Columns that are not the year's figure of the row (cumulative, remainder…).
    skip_column: Pattern,
    /// Significant digits (trailing zeros left out) a budget needs before
    /// rows adding up to it are taken as what it sums up.
    #[serde(default = "four")]
    min_digits: usize,
}

fn four() -> usize {
    4
}

/// A budget and its realisation stated together in one sentence ("jumlah
/// anggaran Rp A yang terealisasi Rp R") against the budget tables: rows
/// whose budgets add up to A exactly (consecutive rows, or consecutive
/// programs once each program is taken with its kegiatan) are what A sums
/// up, so their realisations add up to R. A budget printed with one '.000'
/// group too many is found the same way: A / 1000 is a row's budget and R
/// that row's realisation.
#[derive(Debug)]
pub struct NarrativeBudgetSum {
    p: BudgetSumParams,
}

impl NarrativeBudgetSum {
    pub fn new(p: BudgetSumParams) -> Result<Self, String> {
        Ok(NarrativeBudgetSum { p })
    }
}

const SUM_NO_ROWS: Why = Why {
    en: "no budget rows add up to the stated budget",
    id: "tidak ada baris anggaran yang berjumlah sama dengan anggaran tertulis",
};
const SUM_ONE_ROW: Why = Why {
    en: "the stated budget is one row's own: the row is compared by its name",
    id: "anggaran tertulis sama dengan anggaran satu baris: baris itu dibandingkan menurut namanya",
};
const SUM_SEVERAL: Why = Why {
    en: "rows with different realisations add up to the stated budget",
    id: "beberapa kelompok baris dengan realisasi berbeda berjumlah sama dengan anggaran tertulis",
};
const SUM_FEW_DIGITS: Why = Why {
    en: "the stated budget is too round for a sum of rows to identify what it covers",
    id: "anggaran tertulis terlalu bulat untuk mengenali baris yang dijumlahkannya",
};
const SUM_TWO_REALISATIONS: Why = Why {
    en: "the table has several realisation columns for the year",
    id: "tabel memiliki beberapa kolom realisasi untuk tahun itu",
};

/// One budget table as the sums see it: per anggaran column, the rows'
/// budgets, and the rows' realisations.
struct SumTable {
    table: usize,
    /// Per anggaran column, each row's budget (None: empty, unreadable, a total).
    anggaran: Vec<Vec<Option<Decimal>>>,
    realisasi: Vec<Option<Decimal>>,
    /// Total rows (JUMLAH, TOTAL): never part of a run, compared alone.
    total: Vec<bool>,
}

/// Rows whose budgets add up to a stated budget.
struct RowSet {
    table: usize,
    rows: Vec<usize>,
    anggaran: Vec<Decimal>,
    realisasi: Option<Vec<Decimal>>,
}

impl RowSet {
    fn realisasi_sum(&self) -> Option<Decimal> {
        self.realisasi.as_ref().map(|v| v.iter().copied().sum())
    }
}

fn significant_digits(v: Decimal) -> usize {
    let digits: String = v.trunc().abs().to_string();
    digits.trim_end_matches('0').len()
}

impl NarrativeBudgetSum {
    fn tables(&self, ctx: &Context<'_, '_>, out: &mut Sink) -> Vec<SumTable> {
        let year_n = ctx.year();
        let mut found = Vec::new();
        for (ti, table) in ctx.report.tables.iter().enumerate() {
            let ca = budget_columns(table, Role::Anggaran, &self.p.skip_column, year_n);
            let cr = budget_columns(table, Role::Realisasi, &self.p.skip_column, year_n);
            if ca.is_empty() || cr.is_empty() {
                continue;
            }
            if cr.len() > 1 {
                out.skip(SUM_TWO_REALISATIONS);
                continue;
            }
            let value = |row: &Row, c: usize| -> Option<Decimal> {
                let cell = row.cell(c)?;
                // "16.000.000.000, -": the dash of whole rupiah set apart.
                let text = cell.text.trim();
                let text = match text.strip_suffix('-') {
                    Some(t) if t.trim_end().ends_with(',') => t.trim_end().trim_end_matches(','),
                    _ => text,
                };
                let f = cell_number(text, Hint::Rupiah)?;
                (is_full_amount(&f)).then_some(f.value)
            };
            let mut total = Vec::new();
            let mut anggaran = vec![Vec::new(); ca.len()];
            let mut realisasi = Vec::new();
            for row in &table.rows {
                let texts: Vec<&str> = row.cells.iter().map(|c| c.text.as_str()).collect();
                let numbering = is_column_numbering(&texts);
                total.push(is_total_row(row));
                for (k, &c) in ca.iter().enumerate() {
                    anggaran[k].push(if numbering { None } else { value(row, c) });
                }
                realisasi.push(if numbering { None } else { value(row, cr[0]) });
            }
            found.push(SumTable {
                table: ti,
                anggaran,
                realisasi,
                total,
            });
        }
        found
    }

    /// Every set of rows whose budgets add up to `target`: single rows, runs
    /// of two or more consecutive rows, and runs of consecutive top rows once
    /// every row equal to the rows right below it stands for them.
    fn sets(tables: &[SumTable], target: Decimal) -> Vec<RowSet> {
        let mut out: Vec<RowSet> = Vec::new();
        for t in tables {
            for col in &t.anggaran {
                let make = |rows: Vec<usize>| RowSet {
                    table: t.table,
                    anggaran: rows.iter().filter_map(|&r| col[r]).collect(),
                    realisasi: rows.iter().map(|&r| t.realisasi[r]).collect(),
                    rows,
                };
                // Single rows, totals included.
                for (r, v) in col.iter().enumerate() {
                    if *v == Some(target) {
                        out.push(make(vec![r]));
                    }
                }
                // Segments between totals, rows with a budget.
                let mut segments: Vec<Vec<usize>> = vec![Vec::new()];
                for (r, v) in col.iter().enumerate() {
                    if t.total[r] {
                        segments.push(Vec::new());
                    } else if v.is_some()
                        && let Some(s) = segments.last_mut()
                    {
                        s.push(r);
                    }
                }
                for seg in segments {
                    let values: Vec<Decimal> = seg.iter().filter_map(|&r| col[r]).collect();
                    let top = absorbed(&values);
                    for list in [(0..seg.len()).collect::<Vec<usize>>(), top.clone()] {
                        for i in 0..list.len() {
                            let mut s = Decimal::ZERO;
                            for j in i..list.len() {
                                s += values[list[j]];
                                if s > target {
                                    break;
                                }
                                if j > i && s == target {
                                    let rows: Vec<usize> =
                                        list[i..=j].iter().map(|&k| seg[k]).collect();
                                    if !out.iter().any(|o| o.table == t.table && o.rows == rows) {
                                        out.push(make(rows));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        out
    }
}

/// A JUMLAH / TOTAL row: its words, numbering left out, are the whole
/// label ("Jumlah", "Sub Total"), not an indicator that starts with the
/// word ("Jumlah Inovasi Pelayanan Publik").
pub(super) fn is_total_row(row: &Row) -> bool {
    static WHOLE: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::compile(r"(?i)^\s*(grand\s+)?(sub\s*-?\s*)?(jumlah|total)(\s+(total|keseluruhan|seluruhnya|akhir|umum|semua|belanja(\s+(tidak\s+)?langsung)?|anggaran))?\s*:?\s*$")
            .expect("valid regex")
    });
    let words: Vec<&str> = row
        .cells
        .iter()
        .filter(|c| c.figure.is_none())
        .map(|c| c.text.trim())
        .filter(|t| !t.is_empty() && t.chars().any(char::is_alphabetic) && t.chars().count() > 4)
        .collect();
    !words.is_empty() && WHOLE.is_match(&words.join(" "))
}

/// An amount printed in full rupiah (not a percentage, not scaled).
fn is_full_amount(f: &Figure) -> bool {
    f.scale <= Decimal::ONE
        && f.value >= Decimal::from(1000)
        && f.kind != FigureKind::Percent
        && f.value.fract().is_zero()
}

/// Indexes (into `values`) left once every value equal to the sum of the
/// values right below it is taken as their sum, innermost first.
fn absorbed(values: &[Decimal]) -> Vec<usize> {
    let mut alive = vec![true; values.len()];
    for i in (0..values.len()).rev() {
        if !alive[i] {
            continue;
        }
        let mut s = Decimal::ZERO;
        let mut taken = Vec::new();
        for j in i + 1..values.len() {
            if !alive[j] {
                continue;
            }
            s += values[j];
            taken.push(j);
            if s == values[i] {
                for &k in &taken {
                    alive[k] = false;
                }
                break;
            }
            if s > values[i] {
                break;
            }
        }
    }
    (0..values.len()).filter(|&i| alive[i]).collect()
}

impl Check for NarrativeBudgetSum {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let tables = self.tables(ctx, out);
        if tables.is_empty() {
            return;
        }
        let year_n = ctx.year();
        for unit in ctx.units() {
            if crate::limits::out_of_time() {
                return;
            }
            let text = &unit.text;
            let figs: Vec<Figure> = figures(text)
                .into_iter()
                .filter(|f| f.kind == FigureKind::Percent || is_amount(f))
                .collect();
            for (ri, r) in figs.iter().enumerate() {
                if r.kind == FigureKind::Percent || !is_full_amount(r) {
                    continue;
                }
                let prev_end = ri.checked_sub(1).map_or(0, |k| figs[k].end);
                let start = sentence_start(text, r.end);
                let Some(gap) = text.get(prev_end.max(start)..r.start) else {
                    continue;
                };
                if !self.p.realisasi_word.is_match(gap) || self.p.other_word.is_match(gap) {
                    continue;
                }
                // The budgets before it in the sentence, nearest first.
                let mut budgets: Vec<&Figure> = Vec::new();
                let mut k = ri;
                while k > 0 {
                    k -= 1;
                    let a = &figs[k];
                    if a.start < start {
                        break;
                    }
                    if a.kind == FigureKind::Percent {
                        continue;
                    }
                    let from = k.checked_sub(1).map_or(start, |j| figs[j].end.max(start));
                    let Some(g) = text.get(from..a.start) else {
                        break;
                    };
                    if self.p.realisasi_word.is_match(g) || self.p.other_word.is_match(g) {
                        break;
                    }
                    budgets.push(a);
                }
                let Some(opening) = text.get(start..r.start) else {
                    continue;
                };
                if budgets.is_empty() || !self.p.anggaran_word.is_match(opening) {
                    continue;
                }
                if other_year(opening, year_n) {
                    out.skip(WHY_YEAR);
                    continue;
                }
                if budgets.iter().any(|a| !is_full_amount(a)) {
                    continue;
                }
                self.compare(ctx, &tables, unit, &budgets, r, out);
            }
        }
    }
}

impl NarrativeBudgetSum {
    /// The realisation `r` stated with `budgets`: against the realisation
    /// of the table rows whose budgets add up to one of them, or else read as
    /// a budget printed with a '.000' group too many.
    fn compare(
        &self,
        ctx: &Context<'_, '_>,
        tables: &[SumTable],
        unit: &Paragraph,
        budgets: &[&Figure],
        r: &Figure,
        out: &mut Sink,
    ) {
        let sets: Vec<(&Figure, RowSet)> = budgets
            .iter()
            .flat_map(|a| {
                Self::sets(tables, a.value)
                    .into_iter()
                    .map(move |s| (*a, s))
            })
            .collect();
        let outcome = if sets.is_empty() {
            Some(
                self.extra_thousand(ctx, tables, unit, budgets, r)
                    .map_or(Outcome::Skipped(SUM_NO_ROWS), Outcome::Differs),
            )
        } else {
            self.against_sets(ctx, unit, r, &sets)
        };
        if let Some(outcome) = outcome {
            out.record(outcome);
        }
    }

    /// Against the row sets whose budgets add up to a stated budget: agrees
    /// when one set's realisation does; abstains when the sets are one row,
    /// unreadable, several with different realisations, or the budget has
    /// too few significant digits to tie it to rows.
    fn against_sets(
        &self,
        ctx: &Context<'_, '_>,
        unit: &Paragraph,
        r: &Figure,
        sets: &[(&Figure, RowSet)],
    ) -> Option<Outcome> {
        let tol = ctx.tolerance;
        let agreeing = |s: &RowSet| s.realisasi_sum().is_some_and(|v| agrees(r, v, tol));
        if sets.iter().any(|(_, s)| agreeing(s)) {
            return Some(Outcome::Agrees);
        }
        if sets.iter().any(|(_, s)| s.rows.len() == 1) {
            return Some(Outcome::Skipped(SUM_ONE_ROW));
        }
        let (a, first) = &sets[0];
        let Some(expected) = first.realisasi_sum() else {
            return Some(Outcome::Skipped(SUM_UNREADABLE));
        };
        if sets
            .iter()
            .any(|(_, s)| s.realisasi_sum() != Some(expected))
        {
            return Some(Outcome::Skipped(SUM_SEVERAL));
        }
        if significant_digits(a.value) < self.p.min_digits {
            return Some(Outcome::Skipped(SUM_FEW_DIGITS));
        }
        let realisasi = first.realisasi.as_ref()?;
        let n = first.rows.len();
        let budgets = first
            .anggaran
            .iter()
            .map(|v| amount(*v))
            .collect::<Vec<_>>()
            .join(" + ");
        let (total, realised) = (amount(a.value), sum_text(realisasi, expected));
        let computation = Localized::new(
            format!("anggaran {n} baris: {budgets} = {total}; realisasi: {realised}"),
            format!("budget of {n} rows: {budgets} = {total}; realisation: {realised}"),
        );
        let draft = self
            .draft(ctx, unit, r, like(r, expected), computation, first)
            .var("what", Localized::new("Realisasi", "The realisation"))
            .var(
                "basis",
                Localized::new(
                    format!(
                        "{n} baris yang anggarannya berjumlah {} berealisasi",
                        amount(a.value)
                    ),
                    format!(
                        "the {n} rows whose budgets add up to {} realised",
                        amount(a.value)
                    ),
                ),
            )
            .var("difference", difference(r.value, expected));
        Some(Outcome::Differs(draft))
    }

    /// "Rp 7.514.213.400.000,00" for a row of 7.514.213.400,00 whose
    /// realisation is the amount stated with it: a '.000' group too many.
    fn extra_thousand(
        &self,
        ctx: &Context<'_, '_>,
        tables: &[SumTable],
        unit: &Paragraph,
        budgets: &[&Figure],
        r: &Figure,
    ) -> Option<Draft> {
        let thousand = Decimal::from(1000);
        for a in budgets {
            if a.value < thousand * thousand * thousand || !(a.value % thousand).is_zero() {
                continue;
            }
            let smaller = a.value / thousand;
            let matching: Vec<RowSet> = Self::sets(tables, smaller)
                .into_iter()
                .filter(|s| s.realisasi_sum() == Some(r.value))
                .collect();
            let Some(first) = matching.first() else {
                continue;
            };
            let draft = self
                .draft(
                    ctx,
                    unit,
                    a,
                    like(a, smaller),
                    Localized::new(
                        format!(
                            "{} / 1.000 = {} = anggaran pada tabel, yang realisasinya {} seperti kalimat ini",
                            a.text,
                            amount(smaller),
                            r.text
                        ),
                        format!(
                            "{} / 1,000 = {} = the budget in the table, whose realisation is {} as this sentence says",
                            a.text,
                            amount(smaller),
                            r.text
                        ),
                    ),
                    first,
                )
                .var("what", Localized::new("Anggaran", "The budget"))
                .var(
                    "basis",
                    Localized::new(
                        "angka itu berlebih satu kelompok .000; anggaran yang realisasinya sama",
                        "the figure has one '.000' group too many; the budget with the same realisation",
                    ),
                )
                .var("difference", difference(a.value, smaller));
            return Some(draft);
        }
        None
    }

    fn draft(
        &self,
        ctx: &Context<'_, '_>,
        unit: &Paragraph,
        f: &Figure,
        expected: String,
        computation: Localized,
        set: &RowSet,
    ) -> Draft {
        let line = unit.line_at(f.start);
        let table = &ctx.report.tables[set.table];
        let related = set
            .rows
            .iter()
            .filter_map(|&i| table.rows.get(i))
            .map(|row| ctx.row_line(row.page, row.line))
            .collect();
        Draft {
            line,
            stated: f.text.clone(),
            expected,
            computation,
            related,
            ..Default::default()
        }
        .var("table", table_name(table))
    }
}

const SUM_UNREADABLE: Why = Why {
    en: "a realisation of the rows adding up to the budget could not be read",
    id: "realisasi salah satu baris yang berjumlah sama dengan anggaran tidak terbaca",
};

// ------------------------------------------------ remainders of budget rows

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemainderParams {
    /// Words making an amount what was left unspent: "tidak terserap", "sisa anggaran".
    remainder_word: Pattern,
    /// After the percentage, its base: "dari pagu", "dari anggaran".
    of_budget: Pattern,
    /// Columns that are not the year's figure of the row (cumulative, remainder…).
    skip_column: Pattern,
}

/// "… tidak terserap sebesar Rp X atau Y % dari pagu": the remainder X is
/// the anggaran less the realisasi of exactly one budget row (to the
/// rupiah), so Y is X ÷ that row's anggaran.
#[derive(Debug)]
pub struct NarrativeRemainder {
    p: RemainderParams,
}

impl NarrativeRemainder {
    pub fn new(p: RemainderParams) -> Result<Self, String> {
        Ok(NarrativeRemainder { p })
    }
}

/// A budget row's anggaran and realisasi of the report's year.
#[derive(Debug)]
struct Pair<'t> {
    table: usize,
    row: &'t Row,
    label: String,
    anggaran: Decimal,
    realisasi: Decimal,
}

const REM_NO_ROW: Why = Why {
    en: "the unspent amount is no budget row's anggaran less its realisasi",
    id: "sisa anggaran itu bukan selisih anggaran dan realisasi satu baris tabel anggaran",
};
const REM_AMBIGUOUS: Why = Why {
    en: "the unspent amount is the remainder of several rows with different budgets",
    id: "sisa anggaran itu selisih beberapa baris dengan anggaran berbeda",
};
const REM_YEAR: Why = Why {
    en: "the percentage is of another year's budget",
    id: "persentase itu terhadap pagu tahun lain",
};
const REM_OTHER_BASE: Why = Why {
    en: "the percentage is the remainder's share of another budget in the tables",
    id: "persentase itu bagian sisa terhadap anggaran lain di tabel",
};

const REM_TOTAL: Why = Why {
    en: "the percentage is of the whole budget",
    id: "persentase itu terhadap total pagu",
};
static REM_WHOLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)total|jumlah|keseluruhan|seluruh").expect("valid regex")
});

/// Between the remainder and its percentage: "atau", "atau sebesar", "(".
static REM_LINK: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)^[\s,;:-]*(?:,-|,00)?[\s,;-]*(?:atau(?:\s+sebesar)?|\()\s*\(?\s*$",
    )
    .expect("valid regex")
});
/// Between the remainder word and the amount: a few words, "sebesar", "Rp".
static REM_GAP: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)^(?:\s*[\p{L}]+){0,4}?\s*(?:sebesar|senilai|yaitu|adalah|:)\s*(?:rp\.?)?\s*$",
    )
    .expect("valid regex")
});

/// At most `n` bytes of `text`, cut at a character boundary.
fn head(text: &str, n: usize) -> &str {
    let mut end = n.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

impl NarrativeRemainder {
    fn pairs<'t>(&self, ctx: &'t Context<'_, '_>) -> Vec<Pair<'t>> {
        let year_n = ctx.year();
        let mut out = Vec::new();
        for (ti, table) in ctx.report.tables.iter().enumerate() {
            let cols = |role: Role| budget_columns(table, role, &self.p.skip_column, year_n);
            let (ca, cr) = (cols(Role::Anggaran), cols(Role::Realisasi));
            if ca.is_empty() || cr.is_empty() {
                continue;
            }
            for row in &table.rows {
                let label = row
                    .cells
                    .iter()
                    .map(|c| c.text.trim())
                    .find(|t| t.chars().filter(|c| c.is_alphabetic()).count() >= 3)
                    .unwrap_or("")
                    .to_string();
                let take = |cols: &[usize]| -> Vec<Decimal> {
                    cols.iter()
                        .filter_map(|&c| row.cell(c))
                        .filter_map(|c| cell_number(&c.text, Hint::Rupiah))
                        .map(|f| f.value)
                        .filter(|v| *v >= Decimal::from(1000))
                        .collect()
                };
                for a in take(&ca) {
                    for r in take(&cr) {
                        if r < a {
                            out.push(Pair {
                                table: ti,
                                row,
                                label: label.clone(),
                                anggaran: a,
                                realisasi: r,
                            });
                        }
                    }
                }
            }
        }
        out
    }
}

impl Check for NarrativeRemainder {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let pairs = self.pairs(ctx);
        if pairs.is_empty() {
            return;
        }
        for unit in ctx.units() {
            if crate::limits::out_of_time() {
                return;
            }
            let text = unit.text.as_str();
            let figs = figures(text);
            for m in self.p.remainder_word.0.find_iter(text) {
                match self.stated(text, &figs, m.end(), ctx.year()) {
                    None => {}
                    Some(Err(why)) => out.skip(why),
                    Some(Ok(stated)) => out.record(judge_remainder(ctx, unit, &pairs, &stated)),
                }
            }
        }
    }
}

/// A remainder the narrative states and its share of the pagu.
struct StatedRemainder<'f> {
    /// "Rp X" right after the remainder word.
    amount: &'f Figure,
    /// "Y %" right after the amount.
    share: &'f Figure,
}

impl NarrativeRemainder {
    /// The amount right after a remainder word (ending at `word_end`), then
    /// its percentage "dari pagu"; None where the words are not that, why
    /// where the base is the whole budget or another year's.
    fn stated<'f>(
        &self,
        text: &str,
        figs: &'f [Figure],
        word_end: usize,
        year_n: Option<i32>,
    ) -> Option<Result<StatedRemainder<'f>, Why>> {
        let ai = figs.iter().position(|f| f.start >= word_end)?;
        let amount = &figs[ai];
        let gap_ok = text
            .get(word_end..amount.start)
            .is_some_and(|g| REM_GAP.is_match(g));
        if !gap_ok || !is_amount(amount) {
            return None;
        }
        let share = figs.get(ai + 1)?;
        let link_ok = text
            .get(amount.end..share.start)
            .is_some_and(|g| REM_LINK.is_match(g));
        if share.kind != FigureKind::Percent || !link_ok {
            return None;
        }
        let after = head(text.get(share.end..).unwrap_or(""), 60);
        let base = self.p.of_budget.0.find(after)?;
        if base.start() > 3 {
            return None;
        }
        // "dari total pagu": the share of the whole, not of the row.
        if REM_WHOLE.is_match(base.as_str()) {
            return Some(Err(REM_TOTAL));
        }
        // "dari pagu tahun 2023": another year's budget.
        if other_year(head(&after[base.end()..], 20), year_n) {
            return Some(Err(REM_YEAR));
        }
        Some(Ok(StatedRemainder { amount, share }))
    }
}

/// A stated remainder against the one budget row it is the remainder of:
/// its share must be the remainder over that row's anggaran.
fn judge_remainder(
    ctx: &Context<'_, '_>,
    unit: &Paragraph,
    pairs: &[Pair<'_>],
    stated: &StatedRemainder<'_>,
) -> Outcome {
    let (share, tol) = (stated.share, ctx.tolerance);
    let x = stated.amount.value;
    let rows: Vec<&Pair> = pairs
        .iter()
        .filter(|p| p.anggaran - p.realisasi == x)
        .collect();
    let Some(row) = rows.first() else {
        return Outcome::Skipped(REM_NO_ROW);
    };
    if rows.iter().any(|p| p.anggaran != row.anggaran) {
        return Outcome::Skipped(REM_AMBIGUOUS);
    }
    let expected = x / row.anggaran * Decimal::ONE_HUNDRED;
    // One unit off in the last shown decimal: the complement of a
    // rounded or truncated absorption (100 − 77,33 = 22,67).
    let last_unit = Decimal::new(1, share.decimals);
    if agrees(share, expected, tol) || (share.value - expected).abs() <= last_unit {
        return Outcome::Agrees;
    }
    // Of a total or another budget of the tables: another base.
    if pairs
        .iter()
        .any(|p| agrees(share, x / p.anggaran * Decimal::ONE_HUNDRED, tol))
    {
        return Outcome::Skipped(REM_OTHER_BASE);
    }
    let swapped = swapped_share(pairs, row, share, tol);
    let tname = table_name(&ctx.report.tables[row.table]);
    let (a, r, x) = (amount(row.anggaran), amount(row.realisasi), amount(x));
    let (label, page, expected) = (&row.label, row.row.page, pct(expected));
    Outcome::Differs(
        Draft {
            line: unit.line_at(share.start),
            stated: share.text.clone(),
            expected: format!("{expected}%"),
            computation: Localized::new(
                format!(
                    "\"{label}\" di {} (hlm. {page}): anggaran {a} − realisasi {r} = {x}; {x} / {a} × 100 = {expected}%{}",
                    tname.id, swapped.id
                ),
                format!(
                    "\"{label}\" in {} (p. {page}): budget {a} − realisation {r} = {x}; {x} / {a} × 100 = {expected}%{}",
                    tname.en, swapped.en
                ),
            ),
            related: vec![ctx.row_line(row.row.page, row.row.line)],
            ..Default::default()
        }
        .var("activity", Localized::same(row.label.clone()))
        .var("amount", Localized::same(stated.amount.text.clone()))
        .var("table", tname),
    )
}

/// When `share` is another row's remainder share (the percentages of two
/// rows swapped), a note saying whose; else empty.
fn swapped_share(pairs: &[Pair<'_>], row: &Pair<'_>, share: &Figure, tol: Decimal) -> Localized {
    let Some(p) = pairs.iter().find(|p| {
        p.anggaran != row.anggaran
            && agrees(
                share,
                (p.anggaran - p.realisasi) / p.anggaran * Decimal::ONE_HUNDRED,
                tol,
            )
    }) else {
        return Localized::same(String::new());
    };
    let (rest, whole) = (amount(p.anggaran - p.realisasi), amount(p.anggaran));
    Localized::new(
        format!(
            "; {} adalah persentase sisa \"{}\" ({rest} / {whole})",
            share.text, p.label
        ),
        format!(
            "; {} is the unspent share of \"{}\" ({rest} / {whole})",
            share.text, p.label
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::{Level, Mention, best_without_overlaps, word_like};

    #[test]
    fn the_best_scored_name_wins_where_names_overlap() {
        let m = |group, start, end, score| Mention {
            group,
            start,
            end,
            level: Level::Unknown,
            score,
        };
        let kept = best_without_overlaps(vec![
            m(0, 0, 20, 3.0),
            m(1, 10, 40, 5.0),
            m(2, 40, 50, 2.0),
            m(3, 0, 9, 1.0),
        ]);
        let groups: Vec<usize> = kept.iter().map(|k| k.group).collect();
        assert_eq!(groups, vec![3, 1, 2]);
        assert!(best_without_overlaps(Vec::new()).is_empty());
    }
    use crate::rules::checks::testing::{findings, run_default};

    const RULE: &str = "narrative-budget-figures";

    /// The remainder rule as the default rules configure it.
    fn remainder() -> super::NarrativeRemainder {
        let rules = crate::rules::RuleSet::defaults().expect("default rules load");
        let rule = rules
            .rules
            .iter()
            .find(|r| r.id == "narrative-remainder-share")
            .expect("the rule");
        let p = toml::Value::Table(rule.params.clone())
            .try_into()
            .expect("its parameters");
        super::NarrativeRemainder::new(p).expect("builds")
    }

    #[test]
    fn a_remainder_is_an_amount_then_its_share_of_the_pagu() {
        use crate::rules::checks::common::figures;
        let check = remainder();
        let read = |text: &str| {
            let figs = figures(text);
            let word = text.find("tidak terserap").expect("the word") + "tidak terserap".len();
            match check.stated(text, &figs, word, Some(2023)) {
                None => "none".to_string(),
                Some(Err(why)) => why.en.to_string(),
                Some(Ok(s)) => format!("{} | {}", s.amount.text.trim(), s.share.text.trim()),
            }
        };
        assert_eq!(
            read("Anggaran yang tidak terserap sebesar Rp 1.250.000 atau 2,5% dari pagu."),
            "Rp 1.250.000 | 2,5%"
        );
        assert_eq!(
            read("Anggaran yang tidak terserap sebesar Rp 1.250.000 atau 2,5% dari total pagu."),
            super::REM_TOTAL.en
        );
        assert_eq!(
            read(
                "Anggaran yang tidak terserap sebesar Rp 1.250.000 atau 2,5% dari pagu tahun 2022."
            ),
            super::REM_YEAR.en
        );
        // No share, or a share of something else.
        assert_eq!(
            read("Anggaran yang tidak terserap sebesar Rp 1.250.000."),
            "none"
        );
        assert_eq!(
            read("Anggaran yang tidak terserap sebesar Rp 1.250.000 atau 2,5% dari target."),
            "none"
        );
    }

    fn report(narrative: &str) -> String {
        format!(
            "LAPORAN KINERJA TAHUN 2016\n\n\
             Tabel 3.7 Realisasi Anggaran Belanja Langsung Tahun 2016\n\n\
             | No | Kegiatan | Anggaran (Rp.) | Realisasi (Rp.) | % |\n\
             |---|---|---|---|---|\n\
             | 1 | Penguatan Peran dan Fungsi Forum Mitra Strategis | 369.200.000 | 356.060.000 | 96,44% |\n\
             | 2 | Peningkatan Pendidikan Politik bagi Pelajar dan Mahasiswa | 668.220.000 | 584.890.803 | 87,53% |\n\
             | 3 | Pemantauan Pencemaran Air | 2.541.376.000 | 2.338.435.000 | 92,01% |\n\
             | 4 | Pemantauan Pencemaran Air Berbasis Masyarakat | 810.000.000 | 697.289.500 | 86,09% |\n\
             | | Jumlah | 4.389.796.000 | 3.976.675.303 | 90,59% |\n\n\
             {narrative}\n"
        )
    }

    #[test]
    fn words_alike() {
        assert!(word_like("pendidika", "pendidikan"));
        assert!(word_like("survey", "survei"));
        assert!(!word_like("air", "aid"));
        assert!(!word_like("pengadaan", "pemeliharaan"));
        assert!(word_like("progam", "program"));
        assert!(!word_like("udara", "usaha"));
    }

    #[test]
    fn a_budget_restated_with_a_copy_error_is_found() {
        let text = report(
            "3. Kegiatan Peningkatan Pendidikan Politik bagi Pelajar dan Mahasiswa. Jumlah anggaran \
             yang dialokasikan untuk pelaksanaan kegiatan ini sebesar Rp. 668.200.000,00, dan \
             realisasi anggaran sebesar Rp. 584.890.803,00 dengan output kegiatan.",
        );
        let (found, coverage) = run_default(RULE, &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].stated.contains("668.200.000"), "{found:#?}");
        assert_eq!(found[0].expected, "668.220.000,00");
        assert_eq!(coverage.agree, 1, "{coverage:?}");
    }

    #[test]
    fn a_realisation_given_as_the_budget_is_found() {
        let text = report(
            "1. Kegiatan Pemantauan Pencemaran Air, dengan alokasi anggaran sebesar Rp. \
             2.338.435.000,- dengan target terpantaunya kualitas air sungai.",
        );
        let found = findings(RULE, &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].computation.en.contains("realisation"),
            "{found:#?}"
        );
    }

    #[test]
    fn the_longer_name_is_the_row_named() {
        // "Pemantauan Pencemaran Air Berbasis Masyarakat" is row 4, not row 3.
        let text = report(
            "2. Kegiatan Pemantauan Pencemaran Air Berbasis Masyarakat, dengan alokasi anggaran \
             sebesar Rp. 810.000.000,- dengan target patroli sungai.",
        );
        let (found, coverage) = run_default(RULE, &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1);
    }

    #[test]
    fn a_realisation_and_its_percentage_differing_are_one_finding() {
        let text = report(
            "Kegiatan Penguatan Peran dan Fungsi Forum Mitra Strategis dengan jumlah anggaran \
             sebesar Rp 369.200.000,00 yang terealisasi sebesar Rp 300.000.000,00 atau 81,26%.",
        );
        let found = findings(RULE, &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].stated.contains("300.000.000"));
    }

    #[test]
    fn agreeing_figures_and_a_rounded_percentage_are_no_finding() {
        let text = report(
            "Kegiatan Penguatan Peran dan Fungsi Forum Mitra Strategis dengan anggaran \
             Rp369.200.000,00 dan realisasi Rp356.060.000,00 atau 96,4%.",
        );
        let (found, coverage) = run_default(RULE, &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 3, "{coverage:?}");
    }

    #[test]
    fn amounts_of_another_year_a_sum_or_without_a_role_are_not_compared() {
        for narrative in [
            "Kegiatan Pemantauan Pencemaran Air pada tahun 2015 dengan anggaran sebesar Rp 1.000.000.000,00.",
            "Kegiatan Pemantauan Pencemaran Air dan Pemantauan Pencemaran Air Berbasis Masyarakat dengan anggaran sebesar Rp 3.351.376.000,00.",
            "Kegiatan Pemantauan Pencemaran Air, menghasilkan manfaat Rp 5.000.000.000,00 bagi masyarakat.",
            "Kegiatan Pemantauan Pencemaran Air dengan sisa anggaran sebesar Rp 202.941.000,00.",
            "Program Pemantauan Pencemaran Air dengan anggaran sebesar Rp 9.000.000.000,00.",
        ] {
            let (found, coverage) = run_default(RULE, &report(narrative));
            assert!(found.is_empty(), "{narrative}: {found:#?}");
            assert!(!coverage.skipped.is_empty(), "{narrative}: {coverage:?}");
        }
    }

    #[test]
    fn a_name_on_two_rows_is_the_row_an_amount_agrees_with() {
        // The same program under two sasaran: the stated budget says which.
        let text = "LAPORAN KINERJA TAHUN 2016\n\n\
             Tabel 3.2 Realisasi Anggaran Tahun 2016\n\n\
             | No | Program/Kegiatan | Pagu | Realisasi | % Realisasi |\n\
             |---|---|---|---|---|\n\
             | 1 | Program Penelitian, Studi dan Survei | 3.583.050.000 | 3.583.039.598 | 100,00% |\n\
             | 2 | Program Penelitian, Studi dan Survei | 964.500.000 | 953.481.836 | 98,86% |\n\n\
             Program Penelitian, Studi dan Survei dengan jumlah anggaran Rp 964.500.000,00 \
             yang terealisasi sebesar Rp 669.834.436,00.\n";
        let found = findings(RULE, text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "953.481.836,00");
        // Without an agreeing amount the row is not established.
        let unsure = text.replace("964.500.000,00", "2.133.050.000,00");
        let (found, coverage) = run_default(RULE, &unsure);
        assert!(found.is_empty(), "{found:#?}");
        assert!(!coverage.skipped.is_empty());
    }

    const SUM_RULE: &str = "narrative-budget-sum";

    const EMPTY_PROGRAMS: &str = "LAPORAN KINERJA TAHUN 2020\n\n\
        No\tPROGRAM/ KEGIATAN\tANGGARAN (Rp.)\tREALISASI (Rp)\tCAPAIAN (%)\n\
        I\tProgram Peningkatan Sarana dan Prasarana Aparatur\t\t\t\n\
        1.\tKegiatan Pemeliharaan Rutin/Berkala Mobil Jabatan\t24.250.000\t23.523.300\t97,00\n\
        II\tProgram Koordinasi Pemerintahan, Pembangunan, dan Penyelenggaraan Pemerintahan Wilayah Kecamatan\t\t\t\n\
        1\tKegiatan Koordinasi Penyelenggaraan Pemberdayaan masyarakat dan Kesejahteraan Sosial\t36.750.000\t36.750.000\t100\n\
        2\tKegiatan Koordinasi Penyelenggaraan Ketertiban dan Keamanan\t137.795.000\t98.770.000\t71,67\n\
        \tTOTAL\t198.795.000\t159.043.300\t80,00\n\n\
        Didukung oleh :\n\n\
        - Program Koordinasi Pemerintahan, Pembangunan dan Penyelenggaraan Pemerintahan Wilayah Kecamatan Dengan Anggaran Rp {amount},-\n";

    /// A program heading with empty cells: its budget is its kegiatan's sum.
    #[test]
    fn a_program_with_empty_cells_is_the_sum_of_its_kegiatan() {
        let found = findings(RULE, &EMPTY_PROGRAMS.replace("{amount}", "36.750.000"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "Rp 36.750.000,-");
        assert!(found[0].expected.contains("174.545.000"), "{found:#?}");
        assert!(
            found[0]
                .computation
                .en
                .contains("36.750.000 + 137.795.000 = 174.545.000"),
            "{found:#?}"
        );
        let (found, coverage) =
            run_default(RULE, &EMPTY_PROGRAMS.replace("{amount}", "174.545.000"));
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1);
        // A kegiatan without an amount: the program's sum is not known.
        let gap = EMPTY_PROGRAMS
            .replace("{amount}", "36.750.000")
            .replace("Keamanan\t137.795.000\t98.770.000", "Keamanan\t\t");
        assert!(findings(RULE, &gap).is_empty());
        // A list of programs with a column of amounts read after it (an
        // agreement's table laid out as text): the amount is not the name's.
        let column = EMPTY_PROGRAMS
            .split("Didukung")
            .next()
            .unwrap_or("")
            .to_string()
            + "**Program**\n\n1. Peningkatan Sarana dan Prasarana Aparatur\n2. Koordinasi Pemerintahan, Pembangunan, dan Penyelenggaraan Pemerintahan Wilayah Kecamatan\n\n**Jumlah**\n\n**Anggaran**\n\n \nRp.24.250.000\nRp.36.750.000\n";
        let (found, coverage) = run_default(RULE, &column);
        assert!(found.is_empty(), "{found:#?}");
        assert!(!coverage.skipped.is_empty(), "{coverage:#?}");
    }

    fn budget_report(narrative: &str) -> String {
        format!(
            "LAPORAN KINERJA TAHUN 2016\n\n\
             Tabel 3.2 Realisasi Anggaran Tahun 2016\n\n\
             | No | Program/Kegiatan | Pagu | Realisasi | % Realisasi |\n\
             |---|---|---|---|---|\n\
             | 1 | Program Penelitian, Studi dan Survei | 3.583.050.000,00 | 3.583.039.598,00 | 100,00% |\n\
             | | Kegiatan Analisis Iptek untuk Kebijakan | 1.950.000.000,00 | 1.949.999.865,00 | 100,00% |\n\
             | | Kegiatan Inventarisasi dan Rekomendasi Iptek | 183.050.000,00 | 183.048.783,00 | 100,00% |\n\
             | | Kegiatan Kajian Komprehensif | 1.450.000.000,00 | 1.449.990.950,00 | 100,00% |\n\
             | 2 | Program Kerjasama Pembangunan | 7.514.213.400,00 | 7.273.431.900,00 | 96,80% |\n\
             | | Pengembangan Kemitraan dan Kolaborasi Riset | 1.071.768.000,00 | 975.767.379,00 | 91,04% |\n\
             | | Kegiatan Kerjasama Pelaksanaan Program Riset | 6.442.445.400,00 | 6.297.664.332,00 | 97,75% |\n\n\
             {narrative}\n"
        )
    }

    #[test]
    fn a_realisation_not_the_sum_of_the_rows_making_the_budget_is_found() {
        // 2.133.050.000 = the first two kegiatan, which realised 2.133.048.648.
        let text = budget_report(
            "Capaian kinerja sangat baik, dengan jumlah anggaran sebesar Rp 2.133.050.000,00 \
             yang terealisasi sebesar Rp 1.588.752.347,00 atau 74.48%.",
        );
        let found = findings(SUM_RULE, &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].stated.contains("1.588.752.347"), "{found:#?}");
        assert_eq!(found[0].expected, "2.133.048.648,00");
    }

    #[test]
    fn the_programs_taken_with_their_kegiatan_make_the_whole() {
        // The two programs (not every row) add up to 11.097.263.400.
        let text = budget_report(
            "Belanja Langsung dialokasikan sebesar Rp 11.097.263.400,00 dan terealisasi \
             sebesar Rp 10.800.000.000,00.",
        );
        let found = findings(SUM_RULE, &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "10.856.471.498,00");
        let right = text.replace("10.800.000.000,00", "10.856.471.498,00");
        let (found, coverage) = run_default(SUM_RULE, &right);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1, "{coverage:?}");
    }

    #[test]
    fn a_budget_with_an_extra_thousand_group_is_found() {
        let text = budget_report(
            "Jumlah anggaran melalui Program Kerjasama Pembangunan sebesar Rp \
             7.514.213.400.000,00 yang terealisasi sebesar Rp 7.273.431.900,00 atau 96,80%.",
        );
        let found = findings(SUM_RULE, &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].stated.contains("7.514.213.400.000"), "{found:#?}");
        assert_eq!(found[0].expected, "7.514.213.400,00");
    }

    #[test]
    fn budgets_of_one_row_round_or_unmatched_are_not_summed() {
        for narrative in [
            // One row's own budget: the row is compared by its name elsewhere.
            "Program Kerjasama Pembangunan dengan anggaran Rp 7.514.213.400,00 terealisasi Rp 7.000.000.000,00.",
            // No rows add up to it.
            "Jumlah anggaran sebesar Rp 2.133.070.000,00 yang terealisasi sebesar Rp 1.588.752.347,00.",
            // A remainder, not the realisation.
            "Jumlah anggaran sebesar Rp 2.133.050.000,00 dengan sisa anggaran sebesar Rp 1.352,00.",
            // Another year.
            "Pada tahun 2015 jumlah anggaran sebesar Rp 2.133.050.000,00 yang terealisasi sebesar Rp 1.588.752.347,00.",
            // Scales agree: the budget in thousands and the realisation in thousands too.
            "Jumlah anggaran Rp 7.514.213.400.000,00 yang terealisasi Rp 7.273.431.900.000,00.",
        ] {
            let (found, coverage) = run_default(SUM_RULE, &budget_report(narrative));
            assert!(found.is_empty(), "{narrative}: {found:#?}");
            assert!(coverage.agree == 0, "{narrative}: {coverage:?}");
        }
    }

    #[test]
    fn a_total_row_named_by_its_first_word_is_still_a_row() {
        // "Jumlah Inovasi …" is an indicator, not a JUMLAH row.
        let text = "LAPORAN KINERJA TAHUN 2016\n\n\
             Tabel 14 Realisasi Kinerja dan Anggaran\n\n\
             | No | Indikator Kinerja | Anggaran | Realisasi | % Penggunaan |\n\
             |---|---|---|---|---|\n\
             | 1 | Prosentase OPD sesuai SOTK | 424.000.000 | 327.905.779 | 77,34 |\n\
             | 2 | Jumlah Unit Pelayanan Publik Terbaik | 210.000.000 | 198.903.000 | 94,72 |\n\
             | | Jumlah Inovasi Pelayanan Publik | 429.600.000 | 364.664.000 | 84,88 |\n\
             | | Jumlah | 1.063.600.000 | 891.472.779 | 83,82 |\n\n\
             Tiga kegiatan mendukung program tersebut dengan total anggaran Rp639.600.000,00 \
             dan total realisasi Rp467.866.500,00.\n";
        let found = findings(SUM_RULE, text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "563.567.000,00");
    }

    #[test]
    fn a_kegiatan_not_in_the_table_is_not_compared() {
        let text = report(
            "Kegiatan Pemantauan Pencemaran Udara dengan anggaran sebesar Rp 1.329.532.000,00.",
        );
        assert!(findings(RULE, &text).is_empty());
    }

    const REMAINDER: &str = "narrative-remainder-share";

    fn remainder_report(narrative: &str) -> String {
        format!(
            "LAPORAN KINERJA TAHUN 2024\n\n\
             Tabel 3.8 Realisasi Anggaran per Jenis Belanja TA 2024\n\n\
             | Jenis Belanja | Pagu Akhir | Realisasi | % |\n\
             |---|---|---|---|\n\
             | Belanja Pegawai | Rp 3.227.584.000 | Rp 3.176.877.297 | 98,43 |\n\
             | Belanja Barang | Rp 6.218.982.000 | Rp 5.798.487.852 | 93,24 |\n\
             | Belanja Modal | Rp 5.613.900.000 | Rp 5.613.900.000 | 100 |\n\n\
             {narrative}\n"
        )
    }

    #[test]
    fn remainder_shares_of_two_rows_swapped_are_found() {
        let text = remainder_report(
            "Belanja barang pada tahun 2024 tidak terserap sebesar Rp. 420.494.148,- atau \
             sebesar 1,57% dari pagu tahun 2024.\n\n\
             Belanja pegawai pada tahun 2024 tidak terserap sebesar Rp. 50.706.703,- atau \
             sebesar 6,76% dari pagu tahun 2024.",
        );
        let (found, _) = run_default(REMAINDER, &text);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(found[0].stated, "1,57%");
        assert_eq!(found[0].expected, "6,76%");
        assert_eq!(found[1].stated, "6,76%");
        assert_eq!(found[1].expected, "1,57%");
    }

    #[test]
    fn remainder_shares_right_rounded_of_a_total_or_unanchored_are_not_found() {
        let text = remainder_report(
            // Right; one unit off in the last decimal (100 − 93,24 style); of
            // the whole budget; another year's pagu; no row left exactly this.
            "Belanja barang tidak terserap sebesar Rp. 420.494.148,- atau sebesar 6,76% dari pagu.\n\n\
             Belanja barang tidak terserap sebesar Rp. 420.494.148,- atau sebesar 6,77% dari pagu.\n\n\
             Belanja barang tidak terserap sebesar Rp. 420.494.148 atau 2,79% dari total pagu.\n\n\
             Belanja pegawai tidak terserap sebesar Rp. 50.706.703 atau 9,99% dari pagu tahun 2023.\n\n\
             Sisa anggaran sebesar Rp. 50.700.000 atau 9,99% dari pagu.",
        );
        let (found, coverage) = run_default(REMAINDER, &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 2, "{coverage:?}");
    }
}
