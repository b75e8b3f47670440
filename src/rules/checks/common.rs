//! What every check needs: the report, its year, the tables it usually looks
//! at, patterns from rule files, and figure comparison and formatting.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::{LazyLock, Mutex, OnceLock};

use regex::Regex;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer};

use crate::facts::figures::{Figure, FigureKind, Hint, Token, parse_figure, scan_figures};
use crate::facts::format::format_id;
use crate::facts::tolerance;
use crate::findings::Localized;
use crate::structure::{Chapter, Paragraph, Report, Table};

/// A regular expression from a rule file, compiled when a check first uses
/// it: compiling was most of a short audit's start-up, and a report uses only
/// some of the rules' patterns. The shipped rule files are only parsed as they
/// load (a unit test compiles every one of them); a rule file given by the
/// user is compiled as it loads, so that a pattern too big to compile is an
/// error with its line, as before.
#[derive(Debug, Clone)]
pub struct Pattern(pub LazyRegex);

/// A pattern's text and, once used, its compiled form (shared by the rules
/// with the same text through `COMPILED`). Dereferences to the `Regex`.
#[derive(Debug, Clone)]
pub struct LazyRegex {
    text: String,
    regex: OnceLock<Regex>,
    /// The capture groups' names by index (0, the whole match, has none),
    /// known from parsing: checks look at them as they are built.
    names: Vec<Option<String>>,
    /// How the pattern is searched before it is compiled; made when first
    /// used.
    plan: OnceLock<Box<Plan>>,
}

/// What is known of a pattern from its parsed form, to compile it only when
/// and as much as a text needs it.
#[derive(Debug, Clone)]
struct Plan {
    /// Literals its matches need (`narrowed::needles`), lower-case: a text
    /// of the common characters lacking every literal of a set cannot match.
    /// Most texts a pattern is tried on lack them, and looking for a few
    /// words costs far less than compiling the pattern.
    needles: Vec<Vec<String>>,
    /// Nothing matches on a text of the common characters.
    never: bool,
    /// The same from the whole pattern, for any text (a report's line with a
    /// letter beyond the common set, "é", "ﬁ", would otherwise compile the
    /// whole pattern, the costliest form, to find nothing): fewer and shorter
    /// literals, as a case-insensitive letter with a third form ("k", "s":
    /// the Kelvin sign, the long s) is no literal there.
    anywhere: Vec<Vec<String>>,
    never_anywhere: bool,
    /// For a costly pattern, its narrowed forms (see `narrowed`), used on
    /// the texts they are valid for.
    narrowed: Option<Narrowed>,
}

/// A costly pattern's parsed form and its narrowed compilations, each made
/// when a text first needs it (None: not buildable, the whole one is used).
#[derive(Debug, Clone)]
struct Narrowed {
    hir: regex_syntax::hir::Hir,
    ascii: OnceLock<Option<Regex>>,
    common: OnceLock<Option<Regex>>,
}

impl Plan {
    fn of(text: &str) -> Plan {
        use super::narrowed::{Chars, narrow, needles, worth_narrowing};
        let Ok(hir) = regex_syntax::Parser::new().parse(text) else {
            return Plan {
                needles: vec![],
                never: false,
                anywhere: vec![],
                never_anywhere: false,
                narrowed: None,
            };
        };
        let texts = |sets: Vec<super::narrowed::Needles>| -> (Vec<Vec<String>>, bool) {
            let never = sets.iter().any(Vec::is_empty);
            let sets = sets
                .into_iter()
                .filter_map(|set| set.into_iter().map(|n| String::from_utf8(n).ok()).collect())
                .collect();
            (sets, never)
        };
        let common = narrow(&hir, Chars::Common);
        let (needles, never) = texts(needles(&common));
        let (anywhere, never_anywhere) = texts(super::narrowed::needles(&hir));
        let narrowed = worth_narrowing(&hir, &common).then(|| Narrowed {
            hir,
            ascii: OnceLock::new(),
            common: OnceLock::new(),
        });
        Plan {
            needles,
            never,
            anywhere,
            never_anywhere,
            narrowed,
        }
    }

    /// Whether a text made of `chars` (None: of any characters) may hold a match.
    fn may_match(&self, haystack: &str, chars: Option<super::narrowed::Chars>) -> bool {
        let (sets, never) = match chars {
            Some(_) => (&self.needles, self.never),
            None => (&self.anywhere, self.never_anywhere),
        };
        if sets.is_empty() {
            return true;
        }
        if never {
            return false;
        }
        let lower = haystack.to_ascii_lowercase();
        sets.iter()
            .all(|set| set.iter().any(|n| lower.contains(n.as_str())))
    }
}

impl LazyRegex {
    /// Like `Regex::capture_names`, without compiling.
    pub fn capture_names(&self) -> impl Iterator<Item = Option<&str>> {
        self.names.iter().map(|n| n.as_deref())
    }

    /// Like `Regex::as_str`, without compiling.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The whole pattern, compiled.
    fn full(&self) -> &Regex {
        self.regex.get_or_init(|| {
            // Parsed when loaded; only a shipped pattern compiles this late,
            // and a test compiles each. Failing that, it matches nothing.
            // Its classes are the Latin script's, as the code's patterns
            // (`crate::pattern`); the narrowed forms are exact for their texts.
            crate::pattern::compile_with(&self.text, compiled).unwrap_or_else(|_| nothing())
        })
    }

    /// The compiled form to search `haystack` with: the narrowed one for
    /// the characters it is made of when the pattern is costly (the same
    /// matches, see `narrowed`), else the whole one; a pattern matching
    /// nothing when the text lacks what a match needs and the form it would
    /// need is not compiled yet.
    fn on(&self, haystack: &str) -> &Regex {
        use super::narrowed::Chars;
        if let Some(re) = self.regex.get() {
            return re;
        }
        let plan = self.plan.get_or_init(|| Box::new(Plan::of(&self.text)));
        let chars = Chars::of(haystack);
        let cell = match (&plan.narrowed, chars) {
            (Some(n), Some(Chars::Ascii)) => Some(&n.ascii),
            (Some(n), Some(Chars::Common)) => Some(&n.common),
            _ => None,
        };
        let ready = cell.and_then(|c| c.get()).is_some_and(Option::is_some);
        if !ready && !plan.may_match(haystack, chars) {
            return &NOTHING;
        }
        let (Some(n), Some(cell), Some(chars)) = (&plan.narrowed, cell, chars) else {
            return self.full();
        };
        cell.get_or_init(|| {
            let text = super::narrowed::narrow(&n.hir, chars).to_string();
            let re = compiled(&text).ok()?;
            // The printed form numbers its groups in order, as the whole
            // one does: checked, a narrowed form must answer alike.
            let names: Vec<Option<String>> =
                re.capture_names().map(|n| n.map(str::to_string)).collect();
            (names == self.names).then_some(re)
        })
        .as_ref()
        .unwrap_or_else(|| self.full())
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        self.on(haystack).is_match(haystack)
    }

    pub fn is_match_at(&self, haystack: &str, start: usize) -> bool {
        self.on(haystack).is_match_at(haystack, start)
    }

    pub fn shortest_match(&self, haystack: &str) -> Option<usize> {
        self.on(haystack).shortest_match(haystack)
    }

    pub fn find<'h>(&self, haystack: &'h str) -> Option<regex::Match<'h>> {
        self.on(haystack).find(haystack)
    }

    pub fn find_at<'h>(&self, haystack: &'h str, start: usize) -> Option<regex::Match<'h>> {
        self.on(haystack).find_at(haystack, start)
    }

    pub fn find_iter<'r, 'h>(&'r self, haystack: &'h str) -> regex::Matches<'r, 'h> {
        self.on(haystack).find_iter(haystack)
    }

    pub fn captures<'h>(&self, haystack: &'h str) -> Option<regex::Captures<'h>> {
        self.on(haystack).captures(haystack)
    }

    pub fn captures_at<'h>(&self, haystack: &'h str, start: usize) -> Option<regex::Captures<'h>> {
        self.on(haystack).captures_at(haystack, start)
    }

    pub fn captures_iter<'r, 'h>(&'r self, haystack: &'h str) -> regex::CaptureMatches<'r, 'h> {
        self.on(haystack).captures_iter(haystack)
    }

    pub fn split<'r, 'h>(&'r self, haystack: &'h str) -> regex::Split<'r, 'h> {
        self.on(haystack).split(haystack)
    }

    pub fn splitn<'r, 'h>(&'r self, haystack: &'h str, limit: usize) -> regex::SplitN<'r, 'h> {
        self.on(haystack).splitn(haystack, limit)
    }

    pub fn replace<'h, R: regex::Replacer>(&self, haystack: &'h str, rep: R) -> Cow<'h, str> {
        self.on(haystack).replace(haystack, rep)
    }

    pub fn replace_all<'h, R: regex::Replacer>(&self, haystack: &'h str, rep: R) -> Cow<'h, str> {
        self.on(haystack).replace_all(haystack, rep)
    }

    pub fn replacen<'h, R: regex::Replacer>(
        &self,
        haystack: &'h str,
        limit: usize,
        rep: R,
    ) -> Cow<'h, str> {
        self.on(haystack).replacen(haystack, limit, rep)
    }
}

/// The capture groups' names of a parsed pattern, by index (from its syntax
/// tree: no Unicode table is read, the pattern loads quickly).
fn group_names(ast: &regex_syntax::ast::Ast) -> Vec<Option<String>> {
    use regex_syntax::ast::{Ast, GroupKind};
    fn walk(ast: &Ast, out: &mut Vec<(u32, Option<String>)>) {
        match ast {
            Ast::Group(g) => {
                match &g.kind {
                    GroupKind::CaptureIndex(i) => out.push((*i, None)),
                    GroupKind::CaptureName { name, .. } => {
                        out.push((name.index, Some(name.name.clone())))
                    }
                    GroupKind::NonCapturing(_) => {}
                }
                walk(&g.ast, out);
            }
            Ast::Repetition(r) => walk(&r.ast, out),
            Ast::Concat(c) => c.asts.iter().for_each(|a| walk(a, out)),
            Ast::Alternation(a) => a.asts.iter().for_each(|a| walk(a, out)),
            _ => {}
        }
    }
    let mut groups = vec![(0, None)];
    walk(ast, &mut groups);
    groups.sort_by_key(|g| g.0);
    groups.into_iter().map(|g| g.1).collect()
}

impl std::ops::Deref for LazyRegex {
    type Target = Regex;
    fn deref(&self) -> &Regex {
        self.full()
    }
}

impl From<Regex> for Pattern {
    fn from(regex: Regex) -> Self {
        Pattern(LazyRegex {
            text: regex.as_str().to_string(),
            names: regex
                .capture_names()
                .map(|n| n.map(str::to_string))
                .collect(),
            regex: OnceLock::from(regex),
            plan: OnceLock::new(),
        })
    }
}

impl Pattern {
    /// A pattern, parsed now and compiled when first used.
    pub fn parsed(text: &str) -> Result<Self, Box<regex_syntax::ast::Error>> {
        let ast = regex_syntax::ast::parse::Parser::new()
            .parse(text)
            .map_err(Box::new)?;
        Ok(Pattern(LazyRegex {
            text: text.to_string(),
            regex: OnceLock::new(),
            names: group_names(&ast),
            plan: OnceLock::new(),
        }))
    }

    /// A pattern written in the code (a default), compiled when first used.
    pub fn lazy(text: &'static str) -> Self {
        Pattern::parsed(text).unwrap_or_else(|_| Pattern::from(nothing()))
    }
}

/// A pattern that matches nothing.
static NOTHING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[a&&b]").expect("valid regex"));

fn nothing() -> Regex {
    NOTHING.clone()
}

thread_local! {
    /// Whether the patterns deserialized now are only parsed (the shipped
    /// rule files, see `Pattern`), not compiled.
    static PARSE_ONLY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` (building rules) with its patterns only parsed, not compiled.
pub fn parsing_patterns_only<T>(f: impl FnOnce() -> T) -> T {
    let before = PARSE_ONLY.with(|p| p.replace(true));
    let out = f();
    PARSE_ONLY.with(|p| p.set(before));
    out
}

impl<'de> Deserialize<'de> for Pattern {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let invalid = |e: &dyn std::fmt::Display| {
            serde::de::Error::custom(format!("invalid pattern {s:?}: {e}"))
        };
        if PARSE_ONLY.with(|p| p.get()) {
            // What `Regex::new` reports first: its syntax errors.
            return Pattern::parsed(&s).map_err(|e| invalid(&e));
        }
        compiled(&s).map(Pattern::from).map_err(|e| invalid(&e))
    }
}

/// Patterns compiled so far in this process, by their text: rules are built
/// twice (validated as they are loaded, compiled for the audit) and many
/// share patterns, and compiling was most of a short audit's start-up.
static COMPILED: LazyLock<Mutex<HashMap<String, Regex>>> = LazyLock::new(Default::default);

/// How many distinct patterns are kept compiled (rule files are small; a
/// folder of generated rules is not allowed to grow the cache without end).
const MAX_COMPILED: usize = 10_000;

fn compiled(pattern: &str) -> Result<Regex, regex::Error> {
    let cached = COMPILED
        .lock()
        .ok()
        .and_then(|cache| cache.get(pattern).cloned());
    if let Some(re) = cached {
        return Ok(re);
    }
    let re = Regex::new(pattern)?;
    if let Ok(mut cache) = COMPILED.lock()
        && cache.len() < MAX_COMPILED
    {
        cache.insert(pattern.to_string(), re.clone());
    }
    Ok(re)
}

impl Pattern {
    pub fn is_match(&self, text: &str) -> bool {
        self.0.is_match(text)
    }
}

/// Chapters named in a rule file ("ikhtisar", "bab3", "penutup", "lampiran").
#[derive(Debug, Clone, Default)]
pub struct Chapters(pub Option<Vec<Chapter>>);

impl<'de> Deserialize<'de> for Chapters {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let names = Vec::<String>::deserialize(d)?;
        let mut out = Vec::new();
        for n in names {
            out.push(Chapter::from_rule_name(&n).ok_or_else(|| {
                serde::de::Error::custom(format!("unknown chapter {n:?} (use cover, pengantar, ikhtisar, bab1 … bab5, penutup, lampiran)"))
            })?);
        }
        Ok(Chapters(Some(out)))
    }
}

impl Chapters {
    pub fn contains(&self, c: Chapter) -> bool {
        self.0.as_ref().is_none_or(|v| v.contains(&c))
    }
}

/// The report and what checks derive from it.
pub struct Context<'r, 'd> {
    pub report: &'r Report<'d>,
    pub tolerance: Decimal,
    /// The ordinal scale configured for reports that state none (overrides the rules' own).
    pub default_scale: &'r [super::claims::Band],
    /// The scales the report states, found once for the checks that need them.
    pub(super) scales: OnceLock<Vec<super::predicates::StatedScale>>,
    /// The report's text and the regulations it cites, read once for the rules that need them.
    pub(super) citations: OnceLock<super::regulations::CitedText>,
    /// The narrative in units (`narrative_budget::read_units`), read once:
    /// eight checks walk them.
    units: OnceLock<Vec<Paragraph>>,
    /// The indicator names each unit gives, found once for the checks that
    /// look for the same indicators (`indicator_claims::names_in`).
    pub(super) indicator_names: OnceLock<super::indicator_claims::NamedUnits>,
    /// The indicators the tables give and the skip pattern they were read
    /// with (`indicator_claims::Indicators::shared`): two checks read them.
    pub(super) indicators: OnceLock<(String, super::indicator_claims::Indicators<'r>)>,
}

static CAPAIAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)capaian").expect("valid regex"));
static TARGET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\btarget\b").expect("valid regex"));
static REALISASI: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)realisasi").expect("valid regex"));
static MONEY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)anggaran|pagu|\brp\b").expect("valid regex"));

impl<'r, 'd> Context<'r, 'd> {
    pub fn new(report: &'r Report<'d>, tolerance: Decimal) -> Self {
        Context {
            report,
            tolerance,
            default_scale: &[],
            scales: OnceLock::new(),
            citations: OnceLock::new(),
            units: OnceLock::new(),
            indicator_names: OnceLock::new(),
            indicators: OnceLock::new(),
        }
    }

    /// The narrative in units: a paragraph, or a list item with the lines
    /// under it (see `narrative_budget::read_units`).
    pub(super) fn units(&self) -> &[Paragraph] {
        self.units
            .get_or_init(|| super::narrative_budget::read_units(self))
    }

    pub fn year(&self) -> Option<i32> {
        self.report.metadata.year
    }

    /// The performance measurement table (Tabel 3.1 in most reports):
    /// target, realisasi and capaian columns, no money.
    pub fn capaian_tables(&self) -> Vec<(usize, &Table)> {
        self.report
            .tables
            .iter()
            .enumerate()
            .filter(|(_, t)| {
                !t.columns_matching(&CAPAIAN).is_empty()
                    && !t.columns_matching(&TARGET).is_empty()
                    && !t.columns_matching(&REALISASI).is_empty()
                    && t.columns_matching(&MONEY).is_empty()
                    && t.rows
                        .iter()
                        .any(|r| r.cells.iter().any(|c| c.figure.is_some()))
            })
            .collect()
    }

    pub fn capaian_table(&self) -> Option<(usize, &Table)> {
        self.capaian_tables().into_iter().next()
    }

    /// The budget table of programs and activities: anggaran and realisasi with a total row.
    pub fn budget_table(&self) -> Option<(usize, &Table)> {
        self.report.tables.iter().enumerate().find(|(_, t)| {
            let anggaran = t
                .columns
                .iter()
                .any(|c| c.to_lowercase().contains("anggaran"));
            let realisasi = !t.columns_matching(&REALISASI).is_empty();
            let total = t
                .rows
                .iter()
                .any(|r| r.kind == crate::structure::RowKind::Total);
            anggaran && realisasi && total
        })
    }

    /// Index (in the report's lines) of the line holding byte `offset` of a paragraph,
    /// and the byte offset within that line's text.
    pub fn locate(&self, p: &Paragraph, offset: usize) -> (usize, usize) {
        let line = p.line_at(offset);
        let start = p.line_start(line);
        let text = &self.report.lines[line].line.text;
        let lead = text.len() - text.trim_start().len();
        (line, offset.saturating_sub(start) + lead)
    }

    pub fn paragraphs_in<'a>(
        &'a self,
        chapters: &'a Chapters,
    ) -> impl Iterator<Item = &'a Paragraph> + 'a {
        self.report
            .paragraphs
            .iter()
            .filter(move |p| chapters.contains(p.chapter))
    }

    /// The line index of a table row.
    pub fn row_line(&self, page: u32, line: u32) -> usize {
        self.report.index_of(page, line).unwrap_or(0)
    }
}

/// True when the stated figure equals `computed` rounded or truncated to its decimals.
pub fn agrees(stated: &Figure, computed: Decimal, extra: Decimal) -> bool {
    tolerance::matches(stated.value, stated.decimals, computed, extra)
}

/// Formats a computed value the way the stated figure is printed.
pub fn like(stated: &Figure, value: Decimal) -> String {
    // Printed "(dalam ribuan)": show the expected value in the same unit.
    let value = if stated.scale.is_zero() {
        value
    } else {
        value / stated.scale
    };
    match stated.kind {
        FigureKind::Percent => format!("{}%", format_id(value, stated.decimals)),
        _ => format_id(value, stated.decimals),
    }
}

/// Formats an amount without decimals unless it has cents.
pub fn amount(value: Decimal) -> String {
    let decimals = if value.fract().is_zero() { 0 } else { 2 };
    format_id(value, decimals)
}

/// Formats a figure's value as the report prints numbers (no unit).
pub fn shown(f: &Figure) -> String {
    format_id(f.value, f.decimals)
}

/// Percent with two decimals for computations.
pub fn pct(value: Decimal) -> String {
    format_id(value, 2)
}

/// The value of the first well-formed figure in `text` ("≥ 80 %" → 80).
pub fn first_value(text: &str) -> Option<Decimal> {
    figures(text).into_iter().next().map(|f| f.value)
}

/// Lower-case words of a text (letters and digits).
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The figures of running text.
pub fn figures(text: &str) -> Vec<Figure> {
    scanned(text)
        .iter()
        .filter_map(|t| match t {
            Token::Figure(f) => Some(f.clone()),
            Token::Malformed(_) => None,
        })
        .collect()
}

thread_local! {
    /// The tokens of the texts `figures` scanned while one report's checks
    /// run (see `ScanMemo`): many checks scan the same paragraph or unit.
    static SCANS: RefCell<Option<HashMap<String, Rc<[Token]>>>> = const { RefCell::new(None) };
    /// The keys `quantities::indicator_key` gave labels while one report's
    /// checks run: many checks key the same row labels.
    static KEYS: RefCell<Option<HashMap<String, String>>> = const { RefCell::new(None) };
}

/// How many texts a report's checks keep scanned, and labels keyed (a
/// bound on the memory).
const MAX_SCANS: usize = 50_000;

/// While alive, `figures` remembers what it scanned on this thread (one
/// report's checks, see `run`), and `remembered_key` the keys it gave;
/// dropped, also when a check panics, they forget.
pub(super) struct ScanMemo;

impl ScanMemo {
    pub(super) fn start() -> ScanMemo {
        SCANS.with(|s| *s.borrow_mut() = Some(HashMap::new()));
        KEYS.with(|k| *k.borrow_mut() = Some(HashMap::new()));
        ScanMemo
    }
}

impl Drop for ScanMemo {
    fn drop(&mut self) {
        SCANS.with(|s| *s.borrow_mut() = None);
        KEYS.with(|k| *k.borrow_mut() = None);
    }
}

/// `key(label)`, remembered while a `ScanMemo` is alive.
pub(super) fn remembered_key(label: &str, key: fn(&str) -> String) -> String {
    remembered(&KEYS, label, || key(label))
}

/// `scan_figures(text)`, remembered while a `ScanMemo` is alive.
fn scanned(text: &str) -> Rc<[Token]> {
    remembered(&SCANS, text, || scan_figures(text).into())
}

/// The value `make` gives for `key`, from `memo` when it was made before
/// while a `ScanMemo` is alive (and kept there, up to `MAX_SCANS` entries).
fn remembered<V: Clone>(
    memo: &'static std::thread::LocalKey<RefCell<Option<HashMap<String, V>>>>,
    key: &str,
    make: impl FnOnce() -> V,
) -> V {
    if let Some(v) = memo.with(|m| m.borrow().as_ref().and_then(|m| m.get(key).cloned())) {
        return v;
    }
    let v = make();
    memo.with(|m| {
        if let Some(m) = m.borrow_mut().as_mut()
            && m.len() < MAX_SCANS
        {
            m.insert(key.to_string(), v.clone());
        }
    });
    v
}

/// A number inside a cell such as "B (80)" or "SKM bernilai Baik (>80)": the
/// figure itself, or the number in parentheses.
/// Whether a value read from a column of percentages can be one: 100.000 %
/// or more is an amount (rupiah, a count) read into that column, as when a
/// text export's columns were not told apart.
pub fn percent_scale(value: Decimal) -> bool {
    value.abs() < Decimal::from(100_000u32)
}

pub fn cell_number(text: &str, hint: Hint) -> Option<Figure> {
    if let Some(f) = parse_figure(text, hint) {
        return Some(f);
    }
    static PAREN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\(\s*[<>=≥≤]?\s*(\d+(?:[.,]\d+)?)\s*%?\s*\)").expect("valid regex")
    });
    let c = PAREN.captures(text)?;
    parse_figure(&c[1], hint)
}

pub fn difference(stated: Decimal, expected: Decimal) -> Localized {
    let d = stated - expected;
    let text = if d.fract().is_zero() {
        format_id(d, 0)
    } else {
        format_id(d, 2)
    };
    Localized::same(text)
}

pub fn sum(values: &[Decimal]) -> Decimal {
    values.iter().copied().sum()
}

/// "a + b + c = s" with Indonesian formatting.
pub fn sum_text(values: &[Decimal], total: Decimal) -> String {
    let parts: Vec<String> = values.iter().map(|v| amount(*v)).collect();
    format!("{} = {}", parts.join(" + "), amount(total))
}

/// A text written in both output languages (Indonesian first, as in rule files).
pub fn both(id: impl Into<String>, en: impl Into<String>) -> Localized {
    Localized::new(id, en)
}

/// Half the unit of the last shown digit of a figure printed with a scale
/// ("Rp 1,5 miliar", a cell of a table "dalam ribuan"): the figure stands for
/// every value within this distance. Zero for figures printed in full.
pub fn half_unit(f: &Figure) -> Decimal {
    if f.scale <= Decimal::ONE {
        return Decimal::ZERO;
    }
    let unit = Decimal::new(1, f.decimals) * f.scale;
    unit / Decimal::TWO
}

/// Whether a stated total agrees with the sum of `items` (whose exact sum is
/// `computed`): by the rounding or truncation of its own decimals, or, for
/// scaled figures, when the intervals the figures stand for meet (the sum of
/// the items' intervals against the total's).
pub fn sum_agrees(stated: &Figure, items: &[&Figure], computed: Decimal, extra: Decimal) -> bool {
    if agrees(stated, computed, extra) {
        return true;
    }
    let slack = half_unit(stated) + items.iter().map(|f| half_unit(f)).sum::<Decimal>();
    !slack.is_zero() && (stated.value - computed).abs() <= slack + extra
}

/// Whether a stated figure agrees with some value in `[low, high]` (a result
/// computed from figures that are themselves rounded).
pub fn agrees_range(stated: &Figure, low: Decimal, high: Decimal, extra: Decimal) -> bool {
    let (low, high) = if low <= high {
        (low, high)
    } else {
        (high, low)
    };
    agrees(stated, low, extra)
        || agrees(stated, high, extra)
        || (low - extra <= stated.value && stated.value <= high + extra)
}

/// A row that only numbers the columns: "(1) | (2) | (3)" or "1 | 2 | 3"; a
/// cell may hold the numbers of two columns it spans ("(7) (8)").
pub fn is_column_numbering(cells: &[&str]) -> bool {
    static NUMBER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\(?(\d{1,2})(?:,00)?\)?$").expect("valid regex"));
    static BRACKETED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\((\d{1,2})\)$").expect("valid regex"));
    let numbers: Vec<Option<u32>> = cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .flat_map(|c| {
            let parts: Vec<&str> = c.split_whitespace().collect();
            if parts.len() > 1 && parts.iter().all(|p| BRACKETED.is_match(p)) {
                parts
                    .iter()
                    .map(|p| BRACKETED.captures(p).and_then(|m| m[1].parse().ok()))
                    .collect()
            } else {
                vec![NUMBER.captures(c).and_then(|m| m[1].parse().ok())]
            }
        })
        .collect();
    // "1 | 2 | 3 | 4 | 5 | 16,00 | 17": every cell a column number, increasing.
    numbers.len() >= 2
        && numbers.iter().all(Option::is_some)
        && numbers.windows(2).all(|w| w[0] < w[1])
}

#[cfg(test)]
mod tests {
    use super::is_column_numbering;

    /// Every string of a rule's parameters.
    fn strings(value: &toml::Value, out: &mut Vec<String>) {
        match value {
            toml::Value::String(s) => out.push(s.clone()),
            toml::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
            toml::Value::Table(t) => t.values().for_each(|v| strings(v, out)),
            _ => {}
        }
    }

    /// A text the literals rule out is never matched: every shipped pattern
    /// on every line and paragraph of the sample reports.
    #[test]
    fn needles_never_rule_out_a_match() {
        use super::super::narrowed::Chars;
        let rules = crate::rules::RuleSet::defaults().unwrap();
        let mut patterns = Vec::new();
        for rule in &rules.rules {
            strings(&toml::Value::Table(rule.params.clone()), &mut patterns);
        }
        patterns.extend(
            [
                r"(?i)\bsasaran\s+(?P<n>\d+)\s*:[^.]{0,40}?predikat\s+(?P<label>\p{L}+)\b",
                r"(?i)k.{0,3}s–|é",
                r"(?i)(?:tinggi|rendah)?\s*(?:target|realisasi)+",
            ]
            .map(String::from),
        );
        patterns.sort();
        patterns.dedup();
        let mut texts = sample_texts();
        texts.extend(
            [
                "Sasaran 2: naik – “predikat” Baik",
                "K  s– ks– é",
                // Beyond the common set: the whole pattern's literals apply.
                "\u{212a}s– é makin tinggi realisasi maka makin baik",
                "semakin tinggi reali\u{17f}asi, semakin baik (é)",
                "target – (realisasi – target) ﬁ",
            ]
            .map(String::from),
        );
        let (mut ruled_out, mut ruled_out_anywhere) = (0, 0);
        for p in &patterns {
            let Ok(re) = regex::Regex::new(p) else {
                continue;
            };
            let plan = super::Plan::of(p);
            for t in &texts {
                if !plan.may_match(t, Chars::of(t)) {
                    ruled_out += 1;
                    ruled_out_anywhere += usize::from(Chars::of(t).is_none());
                    assert!(!re.is_match(t), "{p} on {t:?}");
                }
            }
        }
        assert!(ruled_out > 0);
        assert!(ruled_out_anywhere > 0);
    }

    /// Every line and every paragraph of the two sample reports.
    fn sample_texts() -> Vec<String> {
        let mut texts: Vec<String> = Vec::new();
        for name in [
            "lkjip-2020-kec-ledokombo.txt",
            "lkjip-2020-kec-rambipuji.txt",
        ] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("samples")
                .join(name);
            let text = std::fs::read_to_string(path).unwrap();
            texts.extend(text.lines().map(String::from));
            texts.extend(text.split("\n\n").map(String::from));
        }
        texts
    }

    /// Every shipped pattern finds the same matches, groups and positions
    /// in the form `LazyRegex` picks for a text (narrowed, whole, or none
    /// when the text lacks what a match needs) as compiled whole: on every
    /// line and paragraph of the sample reports and on texts of each set.
    #[test]
    fn the_form_used_matches_as_the_whole_pattern() {
        let rules = crate::rules::RuleSet::defaults().unwrap();
        let mut patterns = Vec::new();
        for rule in &rules.rules {
            strings(&toml::Value::Table(rule.params.clone()), &mut patterns);
        }
        patterns.sort();
        patterns.dedup();
        let mut texts = sample_texts();
        texts.extend(
            [
                "Capaian 95% – “Baik”; realisasi ≥ 90 • target ±2°",
                "Sasaran 1: naik \u{212a}s ſ é; semakin tinggi realisasi semakin baik",
            ]
            .map(String::from),
        );
        use super::Pattern;
        use regex::Regex;
        let spans = |re: &Regex, t: &str| -> Vec<Vec<Option<(usize, usize)>>> {
            re.captures_iter(t)
                .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
                .collect()
        };
        let mut checked = 0;
        for p in &patterns {
            let (Ok(whole), Ok(lazy)) = (Regex::new(p), Pattern::parsed(p)) else {
                continue;
            };
            for t in &texts {
                assert_eq!(spans(lazy.0.on(t), t), spans(&whole, t), "{p} on {t:?}");
                checked += 1;
            }
        }
        assert!(checked > 0);
    }

    #[test]
    fn column_numbers_are_told_from_values() {
        assert!(is_column_numbering(&["(1)", "(2)", "(3)"]));
        assert!(is_column_numbering(&["1", "2", "", "3"]));
        // A cell spanning two numbered columns holds both numbers.
        assert!(is_column_numbering(&["(6)", "(7) (8)", "", "(9)"]));
        assert!(!is_column_numbering(&["(6)", "(8) (7)", "(9)"]));
        assert!(!is_column_numbering(&["(6)", "(7) 8", "(9)"]));
        // Stacked row numbers are values, not column numbers.
        assert!(!is_column_numbering(&["", "3 4 5", "METR"]));
        assert!(!is_column_numbering(&["1", "1"]));
    }
}
