//! Years against the report year n: title mentions, "(n-1)" columns, the plan
//! for next year, the date of signing, and regulations cited with a wrong year.

use std::collections::BTreeSet;

use serde::Deserialize;

use crate::findings::Localized;

use super::common::{Chapters, Context, Pattern};
use super::{Check, Draft, Outcome, Sink, Why};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mention {
    /// Group `year` holds the year.
    pattern: Pattern,
    /// Expected year relative to n: 0, -1, +1.
    #[serde(default)]
    offset: i32,
    #[serde(default)]
    chapters: Chapters,
    /// What the mention is, for messages.
    what: Localized,
    /// A mention whose surroundings (60 characters before, 25 after, and the
    /// mention itself) match this is not checked: a comparison of years
    /// ("Perbandingan … Tahun 2015 dan 2016") names n−1 rightly.
    #[serde(default)]
    unless: Option<Pattern>,
    /// Also match each line of running text alone: a heading pattern anchored at
    /// a line's start, for headings read as one paragraph with the lines around
    /// them (an outline of sections "2.1.1 …", "2.1.2 …" without blank lines).
    #[serde(default)]
    by_line: bool,
}

const COMPARED: Why = Why {
    en: "the year is named in a comparison or a range of years",
    id: "tahun disebut dalam perbandingan atau rentang tahun",
};

/// The text around bytes `start..end` of `text`: `before` bytes before, `after` after.
fn around(text: &str, start: usize, end: usize, before: usize, after: usize) -> &str {
    let mut a = start.saturating_sub(before);
    while a > 0 && !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (end + after).min(text.len());
    while b < text.len() && !text.is_char_boundary(b) {
        b += 1;
    }
    &text[a..b]
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearMentionsParams {
    mentions: Vec<Mention>,
}

const NO_YEAR: Why = Why {
    en: "the report year is not established",
    id: "tahun laporan tidak dapat dipastikan",
};

/// Mentions that must equal n, n−1 or n+1.
#[derive(Debug)]
pub struct YearMentions {
    p: YearMentionsParams,
}

impl YearMentions {
    pub fn new(p: YearMentionsParams) -> Result<Self, String> {
        for m in &p.mentions {
            if !m.pattern.0.capture_names().any(|n| n == Some("year")) {
                return Err(format!(
                    "pattern {:?} has no (?P<year>…) group",
                    m.pattern.0.as_str()
                ));
            }
        }
        Ok(YearMentions { p })
    }
}

fn offset_text(offset: i32) -> String {
    match offset {
        0 => "n".into(),
        o if o > 0 => format!("n+{o}"),
        o => format!("n{o}"),
    }
}

/// One mention pattern against the report year: the year it must name, and
/// the (line, year) pairs already judged, so each is judged once.
struct MentionRun<'m> {
    m: &'m Mention,
    n: i32,
    seen: BTreeSet<(usize, String)>,
}

impl Check for YearMentions {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let Some(n) = ctx.year() else {
            out.skip(NO_YEAR);
            return;
        };
        for m in &self.p.mentions {
            let mut run = MentionRun {
                m,
                n,
                seen: BTreeSet::new(),
            };
            if !run.paragraphs(ctx, out) {
                return;
            }
            run.lines(ctx, out);
            run.column_labels(ctx, out);
        }
    }
}

impl MentionRun<'_> {
    /// The year stated at `at` of `line` against n plus the offset; nothing
    /// when it is not a number.
    fn judge(&self, line: usize, at: usize, year_text: &str) -> Option<Outcome> {
        let year = year_text.parse::<i32>().ok()?;
        let (n, offset) = (self.n, self.m.offset);
        let expected = n + offset;
        if year == expected {
            return Some(Outcome::Agrees);
        }
        Some(Outcome::Differs(
            Draft {
                line,
                stated: year_text.to_string(),
                expected: expected.to_string(),
                computation: Localized::new(
                    format!(
                        "tahun laporan n = {n}; {} = {expected}",
                        offset_text(offset)
                    ),
                    format!("report year n = {n}; {} = {expected}", offset_text(offset)),
                ),
                highlight: Some((at, at + year_text.len())),
                ..Default::default()
            }
            .var("what", self.m.what.clone())
            .var("n", Localized::same(n.to_string())),
        ))
    }

    fn report(&self, line: usize, at: usize, year_text: &str, out: &mut Sink) {
        if let Some(outcome) = self.judge(line, at, year_text) {
            out.record(outcome);
        }
    }

    /// Whether the mention's surroundings excuse it (a comparison of years),
    /// recording the abstention.
    fn excused(&self, text: &str, whole: Option<regex::Match<'_>>, out: &mut Sink) -> bool {
        let (Some(unless), Some(w)) = (&self.m.unless, whole) else {
            return false;
        };
        let hit = unless.is_match(around(text, w.start(), w.end(), 60, 25));
        if hit {
            out.skip(COMPARED);
        }
        hit
    }

    /// Running text, paragraph by paragraph; false when out of time.
    fn paragraphs(&mut self, ctx: &Context<'_, '_>, out: &mut Sink) -> bool {
        let m = self.m;
        for para in ctx
            .report
            .paragraphs
            .iter()
            .filter(|p| m.chapters.contains(p.chapter))
        {
            // Long on a big report: stop near the time limit.
            if crate::limits::out_of_time() {
                return false;
            }
            for c in m.pattern.0.captures_iter(&para.text) {
                let Some(y) = c.name("year") else { continue };
                let (line, at) = ctx.locate(para, y.start());
                self.seen.insert((line, y.as_str().to_string()));
                if self.excused(&para.text, c.get(0), out) {
                    continue;
                }
                self.report(line, at, y.as_str(), out);
            }
        }
        true
    }

    /// Table rows and headers, table-of-contents rows (and, for a pattern
    /// read line by line, running text not found in its paragraph).
    fn lines(&mut self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let m = self.m;
        // The header lines of tables comparing years, where a mention
        // excused in a comparison is excused.
        let compared: Vec<std::ops::Range<usize>> = if m.unless.is_some() {
            ctx.report
                .tables
                .iter()
                .filter(|t| compares_years(t))
                .map(|t| header_lines(ctx, t))
                .collect()
        } else {
            Vec::new()
        };
        for l in ctx
            .report
            .lines
            .iter()
            .filter(|l| (m.by_line || !l.is_prose()) && m.chapters.contains(l.chapter))
        {
            for c in m.pattern.0.captures_iter(&l.line.text) {
                let Some(y) = c.name("year") else { continue };
                if !self.seen.insert((l.index, y.as_str().to_string())) && l.is_prose() {
                    continue;
                }
                if compared.iter().any(|lines| lines.contains(&l.index)) {
                    out.skip(COMPARED);
                    continue;
                }
                if self.excused(&l.line.text, c.get(0), out) {
                    continue;
                }
                self.report(l.index, y.start(), y.as_str(), out);
            }
        }
    }

    /// Column labels whose header cell wraps over lines ("Th. 2018 (n-" above
    /// "1)"), reported on the header line that shows the year.
    fn column_labels(&mut self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let m = self.m;
        for t in ctx
            .report
            .tables
            .iter()
            .filter(|t| m.chapters.contains(t.chapter))
        {
            let header = header_lines(ctx, t);
            let compared = m.unless.is_some() && compares_years(t);
            for label in &t.columns {
                for c in m.pattern.0.captures_iter(label) {
                    let Some(y) = c.name("year") else { continue };
                    if compared {
                        out.skip(COMPARED);
                        continue;
                    }
                    if self.excused(label, c.get(0), out) {
                        continue;
                    }
                    let lines = header
                        .clone()
                        .filter_map(|i| Some((i, ctx.report.lines.get(i)?.line.text.as_str())));
                    let Some((line, at)) = first_showing(lines, y.as_str()) else {
                        continue;
                    };
                    // Once per line and year: the line's own text may have shown it.
                    if !self.seen.insert((line, y.as_str().to_string())) {
                        continue;
                    }
                    self.report(line, at, y.as_str(), out);
                }
            }
        }
    }
}

/// The report lines of a table's header: from its start to its first row.
fn header_lines(
    ctx: &Context<'_, '_>,
    t: &crate::structure::tables::Table,
) -> std::ops::Range<usize> {
    let header_end = t
        .rows
        .first()
        .map_or(t.end, |r| ctx.row_line(r.page, r.line));
    t.start..header_end.min(t.end)
}

/// Whether a table's columns are of two years or more: it compares them,
/// as a sentence naming two years does.
fn compares_years(t: &crate::structure::tables::Table) -> bool {
    let years: BTreeSet<i32> = t.roles.iter().filter_map(|r| r.year).collect();
    years.len() >= 2
}

/// The first of `lines` (index, text) that shows `year`, and where.
fn first_showing<'a>(
    lines: impl IntoIterator<Item = (usize, &'a str)>,
    year: &str,
) -> Option<(usize, usize)> {
    lines
        .into_iter()
        .find_map(|(i, text)| text.find(year).map(|at| (i, at)))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatureParams {
    /// Expected year of signing relative to n (normally +1).
    #[serde(default = "one")]
    offset: i32,
    /// Months (1–12) in which signing in year n itself is normal (late December).
    #[serde(default)]
    same_year_months: Vec<u8>,
}

fn one() -> i32 {
    1
}

/// The report's own signature (Kata Pengantar, Penutup) is dated after year n.
#[derive(Debug)]
pub struct SignatureYear {
    p: SignatureParams,
}

impl SignatureYear {
    pub fn new(p: SignatureParams) -> Result<Self, String> {
        Ok(SignatureYear { p })
    }
}

impl Check for SignatureYear {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let Some(n) = ctx.year() else {
            out.skip(NO_YEAR);
            return;
        };
        let expected = n + self.p.offset;
        for (line, date) in &ctx.report.metadata.signatures {
            if date.year == expected
                || (date.year == n && self.p.same_year_months.contains(&date.month))
            {
                continue;
            }
            let year = date.year.to_string();
            let at = date
                .text
                .rfind(&year)
                .map(|a| date.start + a)
                .unwrap_or(date.start);
            out.push(Draft {
                line: *line,
                stated: date.text.clone(),
                expected: expected.to_string(),
                computation: Localized::new(
                    format!("laporan tahun {n} ditandatangani pada tahun {expected}"),
                    format!("a report for {n} is signed in {expected}"),
                ),
                highlight: Some((at, at + year.len())),
                ..Default::default()
            });
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// Matches the citation; group `year` holds its year.
    pattern: Pattern,
    year: i32,
    name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CitationParams {
    citations: Vec<Citation>,
}

/// How many correct citations a wrong one names as related places.
const MAX_RIGHT_CITATIONS: usize = 5;

/// A regulation cited with a year other than its own (PermenPAN-RB 53 is of 2014).
#[derive(Debug)]
pub struct CitationYear {
    p: CitationParams,
}

impl CitationYear {
    pub fn new(p: CitationParams) -> Result<Self, String> {
        Ok(CitationYear { p })
    }
}

impl Check for CitationYear {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        for c in &self.p.citations {
            // Other places citing it correctly, to show.
            let mut right = Vec::new();
            let mut wrong = Vec::new();
            for para in &ctx.report.paragraphs {
                for m in c.pattern.0.captures_iter(&para.text) {
                    let Some(y) = m.name("year") else { continue };
                    let (line, at) = ctx.locate(para, y.start());
                    if y.as_str().parse::<i32>().ok() == Some(c.year) {
                        right.push(line);
                    } else {
                        wrong.push((line, at, y.as_str().to_string()));
                    }
                }
            }
            for (line, at, year) in wrong {
                out.push(
                    Draft {
                        line,
                        stated: year.clone(),
                        expected: c.year.to_string(),
                        computation: Localized::new(
                            format!("{} ditetapkan tahun {}", c.name, c.year),
                            format!("{} was issued in {}", c.name, c.year),
                        ),
                        // A few of them: a long report citing it correctly
                        // hundreds of times would make every finding list them all.
                        related: right.iter().take(MAX_RIGHT_CITATIONS).copied().collect(),
                        highlight: Some((at, at + year.len())),
                        ..Default::default()
                    }
                    .var("citation", Localized::same(c.name.clone())),
                );
            }
        }
    }
}

/// "2013-2018", "2013 – 2018", "2013 s.d. 2018", "2013 sampai dengan 2018".
static RANGE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::pattern::compile(r"(?i)\b((?:19|20)\d\d)\s*(?:-|–|—|s\.?\s*/?\s*d\.?|sampai(?:\s+dengan)?|hingga)\s*(?:tahun\s+)?((?:19|20)\d\d)\b")
        .expect("valid regex")
});
/// "… Nomor 25 Tahun 2013 tentang " right before a plan's name.
static ENACTED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::pattern::compile(r"(?i)\bnomor\s+\S+\s+tahun\s+((?:19|20)\d\d)\s+tentang\s*$")
        .expect("valid regex")
});
/// "… hingga Tahun 2019": the end of a plan, right after its name.
static UNTIL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::pattern::compile(r"(?i)^[^.;]{0,40}?\b(?:hingga|sampai(?:\s+dengan)?|s\.?\s*/?\s*d\.?)\s+(?:akhir\s+)?(?:periode\s+)?(?:tahun\s+)?((?:19|20)\d\d)\b")
        .expect("valid regex")
});
static ANY_YEAR: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::pattern::compile(r"\b(?:19|20)\d\d\b").expect("valid regex")
});

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// The plan's name as the report writes it ("RPJMD", "Rencana Strategis").
    pattern: Pattern,
    name: String,
    /// Mentions of another plan of the same kind ("RPJMD Transisi", "periode sebelumnya").
    #[serde(default)]
    exclude: Option<Pattern>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanPeriodParams {
    plans: Vec<Plan>,
    /// How far after the plan's name its period may be printed (bytes).
    #[serde(default = "plan_window")]
    window: usize,
}

fn plan_window() -> usize {
    120
}

/// A plan's period (RPJMD, Renstra) as the report states it: a range of
/// years printed after the plan's name, with no other year between.
struct PeriodMention {
    /// The year of the regulation that sets the plan ("Nomor 25 Tahun 2013 tentang RPJMD …").
    enacted: Option<i32>,
    line: usize,
    at: usize,
    from: i32,
    to: i32,
    text: String,
    /// Progress words around it ("capaian RPJMD 2013-2015", "s.d."): a span of
    /// the plan's years so far rather than its period.
    progress: bool,
}

/// Words that make a span of years the plan's years so far.
static PROGRESS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::pattern::compile(r"(?i)capaian|realisasi|pencapaian|kumulatif|s\.?\s?d\.?\b|s/d|sampai|hingga|selama|kurun|tahun\s+ke")
        .expect("valid regex")
});

fn plan_periods(
    ctx: &Context<'_, '_>,
    plan: &Plan,
    all: &[&Plan],
    window: usize,
) -> Vec<PeriodMention> {
    let mut out = Vec::new();
    for para in &ctx.report.paragraphs {
        if crate::limits::out_of_time() {
            break;
        }
        let text = &para.text;
        for m in plan.pattern.0.find_iter(text) {
            let end = (m.end() + window).min(text.len());
            let mut end = end;
            while end < text.len() && !text.is_char_boundary(end) {
                end += 1;
            }
            // Up to the next plan's name: its period is its own.
            let next_plan = all
                .iter()
                .filter_map(|p| p.pattern.0.find_at(text, m.end()).map(|n| n.start()))
                .min()
                .unwrap_or(text.len());
            let end = end.min(next_plan);
            let tail = &text[m.end()..end];
            let Some(r) = RANGE.captures(tail) else {
                continue;
            };
            let Some(whole) = r.get(0) else { continue };
            // No other year (a regulation's own year is fine: "Nomor 25 Tahun 2013 tentang RPJMD 2013-2018"
            // precedes the name) between the name and the range.
            if ANY_YEAR.is_match(&tail[..whole.start()]) {
                continue;
            }
            // Nor the end of a sentence.
            if tail[..whole.start()].contains(". ") || tail[..whole.start()].contains(';') {
                continue;
            }
            if let Some(ex) = &plan.exclude
                && ex.is_match(around(text, m.start(), m.end() + whole.end(), 40, 0))
            {
                continue;
            }
            let (Ok(from), Ok(to)) = (r[1].parse::<i32>(), r[2].parse::<i32>()) else {
                continue;
            };
            let (line, at) = ctx.locate(para, m.end() + whole.start());
            let enacted = ENACTED
                .captures(around(text, m.start(), m.start(), 60, 0))
                .and_then(|c| c[1].parse::<i32>().ok());
            out.push(PeriodMention {
                progress: PROGRESS.is_match(around(text, m.start(), m.end() + whole.end(), 60, 20)),
                enacted,
                line,
                at,
                from,
                to,
                text: whole
                    .as_str()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            });
        }
    }
    out
}

/// "target Renstra … hingga Tahun 2019": a plan's end year (line, byte, year),
/// printed after its name with no range and no other year between.
fn plan_ends(
    ctx: &Context<'_, '_>,
    plan: &Plan,
    all: &[&Plan],
    window: usize,
) -> Vec<(usize, usize, i32)> {
    let mut out = Vec::new();
    for para in &ctx.report.paragraphs {
        if crate::limits::out_of_time() {
            break;
        }
        let text = &para.text;
        for m in plan.pattern.0.find_iter(text) {
            let mut end = (m.end() + window).min(text.len());
            while end < text.len() && !text.is_char_boundary(end) {
                end += 1;
            }
            let next_plan = all
                .iter()
                .filter_map(|p| p.pattern.0.find_at(text, m.end()).map(|n| n.start()))
                .min()
                .unwrap_or(text.len());
            let tail = &text[m.end()..end.min(next_plan)];
            let Some(u) = UNTIL.captures(tail) else {
                continue;
            };
            let (Some(y), Some(whole)) = (u.get(1), u.get(0)) else {
                continue;
            };
            // A range ("hingga 2018-2023") or another year before it is not an end year.
            let after = tail[whole.end()..].trim_start();
            if after.starts_with(['-', '–', '—'])
                || ANY_YEAR.is_match(&tail[..y.start()])
                || RANGE.is_match(&tail[..whole.end().min(tail.len())])
            {
                continue;
            }
            if let Some(ex) = &plan.exclude
                && ex.is_match(around(text, m.start(), m.end() + whole.end(), 40, 0))
            {
                continue;
            }
            let Ok(year) = y.as_str().parse::<i32>() else {
                continue;
            };
            let (line, at) = ctx.locate(para, m.end() + y.start());
            out.push((line, at, year));
        }
    }
    out
}

/// A plan's period stated differently across the report: "RPJMD 2008-2013"
/// where the report gives the RPJMD as 2013-2018 everywhere else, or a
/// period from a year to itself ("2013-2013").
#[derive(Debug)]
pub struct PlanPeriod {
    p: PlanPeriodParams,
}

impl PlanPeriod {
    pub fn new(p: PlanPeriodParams) -> Result<Self, String> {
        Ok(PlanPeriod { p })
    }
}

const NO_MAJORITY: Why = Why {
    en: "the report does not give one period for the plan more often than any other",
    id: "laporan tidak menyebut satu periode rencana lebih sering dari yang lain",
};
const NOT_A_PLAN_SPAN: Why = Why {
    en: "a span of years that is no plan period, and does not start as the plan does",
    id: "rentang tahun yang bukan periode rencana dan tidak dimulai seperti rencananya",
};

const ONE_YEAR_OFF: Why = Why {
    en: "a period one year off may be the same plan counted another way",
    id: "periode yang selisih satu tahun mungkin rencana yang sama dihitung berbeda",
};

/// The period a report gives a plan more often than any other (twice at
/// least), and how often.
#[derive(Debug, Clone, Copy)]
struct Majority {
    from: i32,
    to: i32,
    count: usize,
}

impl Majority {
    fn of(mentions: &[PeriodMention]) -> Option<Majority> {
        let mut counts: std::collections::BTreeMap<(i32, i32), usize> = Default::default();
        for m in mentions
            .iter()
            .filter(|m| m.enacted.is_none() && (3..=6).contains(&(m.to - m.from)))
        {
            *counts.entry((m.from, m.to)).or_default() += 1;
        }
        let mut ranked: Vec<((i32, i32), usize)> = counts.into_iter().collect();
        ranked.sort_by_key(|r| std::cmp::Reverse(r.1));
        match ranked.as_slice() {
            [((from, to), n), rest @ ..] if *n >= 2 && rest.first().is_none_or(|(_, m)| m < n) => {
                Some(Majority {
                    from: *from,
                    to: *to,
                    count: *n,
                })
            }
            _ => None,
        }
    }

    fn span(&self) -> String {
        format!("{}-{}", self.from, self.to)
    }
}

/// How one mention of a plan's period is judged.
enum PeriodVerdict {
    Agrees,
    Skipped(Why),
    /// The period expected, and why.
    Wrong {
        expected: String,
        why: Localized,
    },
}

impl Check for PlanPeriod {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let all: Vec<&Plan> = self.p.plans.iter().collect();
        for plan in &self.p.plans {
            let mentions = plan_periods(ctx, plan, &all, self.p.window);
            let major = Majority::of(&mentions);
            if let Some(major) = major {
                self.plan_ends(ctx, plan, &all, major, out);
            }
            for m in &mentions {
                match judge_period(plan, m, major) {
                    PeriodVerdict::Agrees => out.agree(),
                    PeriodVerdict::Skipped(why) => out.skip(why),
                    PeriodVerdict::Wrong { expected, why } => out.push(
                        Draft {
                            line: m.line,
                            stated: m.text.clone(),
                            expected,
                            computation: why,
                            highlight: Some((m.at, m.at + m.text.len())),
                            ..Default::default()
                        }
                        .var("plan", Localized::same(plan.name.clone())),
                    ),
                }
            }
        }
    }
}

impl PlanPeriod {
    /// "Renstra … hingga Tahun 2019" outside the plan's period.
    fn plan_ends(
        &self,
        ctx: &Context<'_, '_>,
        plan: &Plan,
        all: &[&Plan],
        major: Majority,
        out: &mut Sink,
    ) {
        let (a, b) = (major.from, major.to);
        for (line, at, year) in plan_ends(ctx, plan, all, self.p.window) {
            if (a..=b).contains(&year) {
                out.agree();
                continue;
            }
            let stated = year.to_string();
            out.push(
                Draft {
                    line,
                    stated: format!("{} … {stated}", plan.name),
                    expected: b.to_string(),
                    computation: Localized::new(
                        format!(
                            "{} disebut periode {a}-{b} dalam laporan; {year} di luar periode itu",
                            plan.name
                        ),
                        format!(
                            "the report gives the {} period as {a}-{b}; {year} is outside it",
                            plan.name
                        ),
                    ),
                    highlight: Some((at, at + stated.len())),
                    ..Default::default()
                }
                .var("plan", Localized::same(plan.name.clone())),
            );
        }
    }
}

/// One mention of a plan's period against the plan's majority period, or
/// the year a regulation enacting it gives.
fn judge_period(plan: &Plan, m: &PeriodMention, major: Option<Majority>) -> PeriodVerdict {
    let name = &plan.name;
    let wrong = |expected: String, id: String, en: String| PeriodVerdict::Wrong {
        expected,
        why: Localized::new(id, en),
    };
    if m.from == m.to {
        return wrong(
            major.map_or(String::new(), |p| p.span()),
            format!(
                "periode {name} dari tahun {} sampai tahun yang sama",
                m.from
            ),
            format!("a {name} period from {} to the same year", m.from),
        );
    }
    if !(3..=6).contains(&(m.to - m.from)) {
        // "RPJMD … Tahun 2013 – 2015" where the report otherwise gives
        // 2013-2018: the plan's start with a wrong end. Another start
        // may be another (transition) plan.
        return match major {
            Some(p) if m.from == p.from && m.to > m.from && m.enacted.is_none() && !m.progress => {
                let (span, n) = (p.span(), p.count);
                wrong(
                    span.clone(),
                    format!(
                        "{name} disebut periode {span} di {n} tempat lain dalam laporan; {}-{} bukan periode rencana lima tahunan",
                        m.from, m.to
                    ),
                    format!(
                        "the report gives the {name} period as {span} in {n} other places; {}-{} is no five-year plan period",
                        m.from, m.to
                    ),
                )
            }
            _ => PeriodVerdict::Skipped(NOT_A_PLAN_SPAN),
        };
    }
    // A regulation setting a plan is enacted about when its period starts:
    // "Perda Nomor 25 Tahun 2013 tentang RPJMD 2008-2013" cannot be.
    if let Some(y) = m.enacted {
        if (y - m.from).abs() <= 1 {
            return PeriodVerdict::Agrees;
        }
        return wrong(
            format!("{}-{}", y, y + (m.to - m.from)),
            format!(
                "{name} ditetapkan tahun {y}, periodenya dimulai sekitar {y}, bukan {}",
                m.from
            ),
            format!("a {name} enacted in {y} starts about {y}, not {}", m.from),
        );
    }
    let Some(p) = major else {
        return PeriodVerdict::Skipped(NO_MAJORITY);
    };
    if (m.from, m.to) == (p.from, p.to) {
        return PeriodVerdict::Agrees;
    }
    if (m.from - p.from).abs() < 2 && (m.to - p.to).abs() < 2 {
        return PeriodVerdict::Skipped(ONE_YEAR_OFF);
    }
    let (span, n) = (p.span(), p.count);
    wrong(
        span.clone(),
        format!("{name} disebut periode {span} di {n} tempat lain dalam laporan"),
        format!("the report gives the {name} period as {span} in {n} other places"),
    )
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearOfPeriodParams {
    /// "Tahun 2016 merupakan tahun …": group `year` holds the year; the sentence follows.
    subject: Pattern,
    /// "tahun ketiga", "tahun ke-3", "tahun awal": group `ord` holds the ordinal.
    ordinal: Pattern,
}

/// "Tahun 2016 merupakan tahun ketiga dari RPJMD 2013-2018": the ordinal of
/// the year within the plan's period.
#[derive(Debug)]
pub struct YearOfPeriod {
    p: YearOfPeriodParams,
}

impl YearOfPeriod {
    pub fn new(p: YearOfPeriodParams) -> Result<Self, String> {
        if !p.subject.0.capture_names().any(|n| n == Some("year")) {
            return Err("subject has no (?P<year>…) group".into());
        }
        if !p.ordinal.0.capture_names().any(|n| n == Some("ord")) {
            return Err("ordinal has no (?P<ord>…) group".into());
        }
        Ok(YearOfPeriod { p })
    }
}

/// The position an ordinal word names: 1 for "pertama"/"awal", None for "terakhir" (the last).
fn ordinal_value(word: &str) -> Option<Option<i32>> {
    let w = word.to_lowercase();
    let w = w.trim();
    let digits: String = w.chars().filter(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        return digits.parse().ok().map(Some);
    }
    Some(Some(match w {
        "pertama" | "awal" => 1,
        "kedua" => 2,
        "ketiga" => 3,
        "keempat" => 4,
        "kelima" => 5,
        "keenam" => 6,
        "terakhir" | "akhir" => return Some(None),
        _ => return None,
    }))
}

impl Check for YearOfPeriod {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        for para in &ctx.report.paragraphs {
            self.in_paragraph(para, ctx, out);
        }
    }
}

impl YearOfPeriod {
    fn in_paragraph(
        &self,
        para: &crate::structure::Paragraph,
        ctx: &Context<'_, '_>,
        out: &mut Sink,
    ) {
        let text = &para.text;
        for s in self.p.subject.0.captures_iter(text) {
            let (Some(y), Some(whole)) = (s.name("year"), s.get(0)) else {
                continue;
            };
            let Ok(year) = y.as_str().parse::<i32>() else {
                continue;
            };
            // The sentence: up to its full stop (". " then a capital) or 300 bytes.
            let rest_start = whole.end();
            let mut end = (rest_start + 300).min(text.len());
            while end < text.len() && !text.is_char_boundary(end) {
                end += 1;
            }
            let rest = &text[rest_start..end];
            let rest = rest.find(". ").map_or(rest, |i| &rest[..i]);
            let ords: Vec<regex::Captures<'_>> = self.p.ordinal.0.captures_iter(rest).collect();
            // The ordinal right after the subject, then those of "serta tahun …" clauses.
            for (i, o) in ords.iter().enumerate() {
                let (Some(ord), Some(ow)) = (o.name("ord"), o.get(0)) else {
                    continue;
                };
                if i == 0 && ow.start() > 8 {
                    break;
                }
                let until = ords
                    .get(i + 1)
                    .and_then(|n| n.get(0))
                    .map_or(rest.len(), |n| n.start());
                let Some(r) = RANGE.captures(&rest[ow.end()..until]) else {
                    continue;
                };
                let (Ok(from), Ok(to)) = (r[1].parse::<i32>(), r[2].parse::<i32>()) else {
                    continue;
                };
                if !(3..=6).contains(&(to - from)) {
                    continue;
                }
                let Some(position) = ordinal_value(ord.as_str()) else {
                    continue;
                };
                // A period printed over six years (2013-2018) may count its first year as year 0.
                let loose = to - from >= 5;
                let inside = (from..=to).contains(&year);
                let right = match position {
                    Some(k) => inside && (year - from + 1 == k || (loose && year - from == k)),
                    None => year == to || (loose && year == to - 1),
                };
                let range = format!("{from}-{to}");
                let stated = format!("Tahun {year} … tahun {} … {range}", ord.as_str());
                if right {
                    out.agree();
                    continue;
                }
                let expected = if inside {
                    format!("tahun ke-{}", year - from + 1)
                } else {
                    format!("{year} di luar {range}")
                };
                let (line, at) = ctx.locate(para, y.start());
                out.push(Draft {
                    line,
                    stated,
                    expected: expected.clone(),
                    computation: Localized::new(
                        if inside {
                            format!(
                                "{year} − {from} + 1 = {} (tahun ke-{} periode {range})",
                                year - from + 1,
                                year - from + 1
                            )
                        } else {
                            format!("{year} tidak termasuk periode {range}")
                        },
                        if inside {
                            format!(
                                "{year} − {from} + 1 = {} (year {} of {range})",
                                year - from + 1,
                                year - from + 1
                            )
                        } else {
                            format!("{year} is outside the period {range}")
                        },
                    ),
                    highlight: Some((at, at + y.as_str().len())),
                    ..Default::default()
                });
            }
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SameYearParams {
    /// Groups `first` and `second` hold the two years compared.
    patterns: Vec<Pattern>,
}

const NOT_A_YEAR_PAIR: Why = Why {
    en: "the second year starts a plan's period, not a year compared",
    id: "tahun kedua adalah awal periode rencana, bukan tahun pembanding",
};

/// A comparison of a year with itself: "perbandingan capaian kinerja tahun
/// 2016 dengan capaian kinerja tahun 2016".
#[derive(Debug)]
pub struct SameYearComparison {
    p: SameYearParams,
}

impl SameYearComparison {
    pub fn new(p: SameYearParams) -> Result<Self, String> {
        for pat in &p.patterns {
            let names: Vec<&str> = pat.0.capture_names().flatten().collect();
            if !names.contains(&"first") || !names.contains(&"second") {
                return Err(format!(
                    "pattern {:?} needs (?P<first>…) and (?P<second>…) groups",
                    pat.0.as_str()
                ));
            }
        }
        Ok(SameYearComparison { p })
    }
}

impl Check for SameYearComparison {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        for para in &ctx.report.paragraphs {
            self.in_paragraph(para, ctx, out);
        }
    }
}

impl SameYearComparison {
    fn in_paragraph(
        &self,
        para: &crate::structure::Paragraph,
        ctx: &Context<'_, '_>,
        out: &mut Sink,
    ) {
        for pat in &self.p.patterns {
            for c in pat.0.captures_iter(&para.text) {
                let (Some(a), Some(b)) = (c.name("first"), c.name("second")) else {
                    continue;
                };
                if a.as_str() != b.as_str() {
                    out.agree();
                    continue;
                }
                // "… Tahun 2025 dengan target Renstra periode Tahun 2025-2029": a plan, not a year.
                let between = para.text[a.end()..b.start()].to_lowercase();
                let ranged = para.text[b.end()..]
                    .trim_start()
                    .starts_with(['-', '–', '—', 's']);
                if ranged
                    || ["target", "renstra", "rpjm", "periode", "rencana"]
                        .iter()
                        .any(|w| between.contains(w))
                {
                    out.skip(NOT_A_YEAR_PAIR);
                    continue;
                }
                let (line, at) = ctx.locate(para, b.start());
                let other = ctx
                    .year()
                    .and_then(|n| a.as_str().parse::<i32>().ok().map(|y| (n, y)))
                    .map(|(n, y)| {
                        if y == n {
                            (n - 1).to_string()
                        } else {
                            n.to_string()
                        }
                    })
                    .unwrap_or_default();
                out.push(Draft {
                    line,
                    stated: format!("tahun {} … tahun {}", a.as_str(), b.as_str()),
                    expected: other,
                    computation: Localized::new(
                        format!("tahun {} dibandingkan dengan dirinya sendiri", a.as_str()),
                        format!("the year {} is compared with itself", a.as_str()),
                    ),
                    highlight: Some((at, at + b.as_str().len())),
                    ..Default::default()
                });
            }
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaptionSpanParams {
    /// A span of years in a table's caption: groups `from` and `to`
    /// ("Tahun 2011 s/d Tahun 2015").
    span: Pattern,
}

const CAPTION_SPAN_UNCLEAR: Why = Why {
    en: "the caption's span and the table's year columns are not the same number of consecutive years",
    id: "rentang tahun judul dan kolom tahun tabel bukan jumlah tahun berurutan yang sama",
};

/// A table's caption naming a span of years its year columns do not cover
/// ("Tahun 2011 s/d Tahun 2015" over columns 2012 … 2016).
#[derive(Debug)]
pub struct CaptionYearSpan {
    p: CaptionSpanParams,
}

impl CaptionYearSpan {
    pub fn new(p: CaptionSpanParams) -> Result<Self, String> {
        let names: Vec<&str> = p.span.0.capture_names().flatten().collect();
        if !names.contains(&"from") || !names.contains(&"to") {
            return Err("`span` needs (?P<from>…) and (?P<to>…) groups".into());
        }
        Ok(CaptionYearSpan { p })
    }
}

impl Check for CaptionYearSpan {
    fn table(&self, table: &crate::structure::Table, ctx: &Context<'_, '_>, out: &mut Sink) {
        let Some(caption) = &table.caption else {
            return;
        };
        let Some(CaptionSpan {
            from, to, stated, ..
        }) = self.span(&caption.title)
        else {
            return;
        };
        let mut years: Vec<i32> = table.roles.iter().filter_map(|r| r.year).collect();
        years.sort_unstable();
        years.dedup();
        if years.len() < 3 || from >= to {
            return;
        }
        let (first, last) = (years[0], years[years.len() - 1]);
        if years.iter().all(|y| (from..=to).contains(y)) {
            out.agree();
            return;
        }
        // Only a span shifted against columns of as many consecutive years:
        // a baseline or end-of-plan column beside a plan's years is no error.
        let consecutive = last - first + 1 == years.len() as i32;
        if !consecutive || last - first != to - from {
            out.skip(CAPTION_SPAN_UNCLEAR);
            return;
        }
        let line = ctx.row_line(caption.page, caption.line);
        out.push(span_differs(line, stated, &years, TABLE));
    }

    /// A chart's caption against its category axis. The axis is the years
    /// the chart plots: a caption naming fewer of them, or as many shifted,
    /// is wrong ("Tahun 2021 - 2024" over bars for 2020 to 2024).
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        for chart in &ctx.report.charts {
            let Some(caption) = &chart.caption else {
                continue;
            };
            let Some(CaptionSpan {
                from,
                to,
                from_text,
                stated,
            }) = self.span(caption)
            else {
                continue;
            };
            let years = &chart.years;
            let (Some(&first), Some(&last)) = (years.first(), years.last()) else {
                continue;
            };
            if years.len() < 3 || from >= to {
                continue;
            }
            if years.iter().all(|y| (from..=to).contains(y)) {
                out.agree();
                continue;
            }
            let inside = from >= first && to <= last;
            if !inside && last - first != to - from {
                out.skip(CAPTION_SPAN_UNCLEAR);
                continue;
            }
            // The caption line showing the first year of the span.
            let line = chart
                .caption_lines
                .clone()
                .find(|&i| {
                    ctx.report
                        .lines
                        .get(i)
                        .is_some_and(|l| l.line.text.contains(&from_text))
                })
                .unwrap_or(chart.caption_lines.start);
            out.push(span_differs(line, stated, years, CHART));
        }
    }
}

/// The one span of years a caption names ("Tahun 2011 s/d Tahun 2015").
struct CaptionSpan {
    from: i32,
    to: i32,
    /// The first year as printed.
    from_text: String,
    /// The whole span as printed.
    stated: String,
}

impl CaptionYearSpan {
    /// The caption's span, its wrapped lines joined; None unless it names
    /// exactly one.
    fn span(&self, caption: &str) -> Option<CaptionSpan> {
        let title = caption.split_whitespace().collect::<Vec<_>>().join(" ");
        let spans: Vec<_> = self.p.span.0.captures_iter(&title).collect();
        let [c] = spans.as_slice() else {
            return None;
        };
        let (from_m, to_m) = (c.name("from")?, c.name("to")?);
        Some(CaptionSpan {
            from: from_m.as_str().parse().ok()?,
            to: to_m.as_str().parse().ok()?,
            from_text: from_m.as_str().to_string(),
            stated: c.get(0)?.as_str().to_string(),
        })
    }
}

/// What a caption's span of years is checked against: a table's year
/// columns or a chart's category axis.
struct Captioned {
    what: (&'static str, &'static str),
    years: (&'static str, &'static str),
}
const TABLE: Captioned = Captioned {
    what: ("tabel", "table"),
    years: ("kolom tahun tabel", "the table's year columns"),
};
const CHART: Captioned = Captioned {
    what: ("grafik", "chart"),
    years: ("tahun pada sumbu grafik", "the years on the chart's axis"),
};

/// The finding on a caption whose span of years is not its `years`.
fn span_differs(line: usize, stated: String, years: &[i32], of: Captioned) -> Draft {
    let (first, last) = (
        years.first().copied().unwrap_or_default(),
        years.last().copied().unwrap_or_default(),
    );
    let listed = years
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    Draft {
        line,
        stated,
        expected: format!("{first}–{last}"),
        computation: Localized::new(
            format!("{}: {listed}", of.years.0),
            format!("{}: {listed}", of.years.1),
        ),
        ..Default::default()
    }
    .var("what", Localized::new(of.what.0, of.what.1))
}

#[cfg(test)]
mod tests {
    use super::{BTreeSet, Mention, MentionRun, Outcome, first_showing};
    use crate::rules::checks::testing::findings;

    #[test]
    fn a_mention_is_judged_against_n_plus_its_offset() {
        let m: Mention = toml::from_str(
            "pattern = 'Tahun (?P<year>\\d{4})'\noffset = -1\nwhat = { id = 'tahun lalu', en = 'last year' }",
        )
        .expect("a mention");
        let run = MentionRun {
            m: &m,
            n: 2016,
            seen: BTreeSet::new(),
        };
        assert!(matches!(run.judge(3, 0, "2015"), Some(Outcome::Agrees)));
        assert!(run.judge(3, 0, "20x5").is_none());
        let Some(Outcome::Differs(d)) = run.judge(3, 6, "2016") else {
            panic!("2016 is not n-1");
        };
        assert_eq!((d.line, d.expected.as_str()), (3, "2015"));
        assert_eq!(d.highlight, Some((6, 10)));
        assert_eq!(d.computation.en, "report year n = 2016; n-1 = 2015");
    }

    #[test]
    fn the_first_header_line_showing_the_year_is_taken() {
        let lines = [(4, "No Indikator"), (5, "Th. 2018 (n-"), (6, "2018")];
        assert_eq!(first_showing(lines, "2018"), Some((5, 4)));
        assert_eq!(first_showing(lines, "2019"), None);
    }

    #[test]
    fn a_caption_span_shifted_against_the_year_columns_is_found() {
        let text = "Tabel 13. Anggaran Pembangunan Peternakan Tahun 2011 s/d Tahun 2015\n\n| No | Kewenangan | 2012 | 2013 | 2014 | 2015 | 2016 |\n|---|---|---|---|---|---|---|\n| 1 | Dekonsentrasi | 11.985.347 | 11.344.891 | 9.384.805 | 13.939.354 | 10.589.686 |\n| 2 | Tugas Pembantuan | 81.721.000 | 29.849.194 | 12.415.651 | 26.856.990 | 7.918.719 |\n";
        let found = findings("caption-year-span", text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "Tahun 2011 s/d Tahun 2015");
        assert_eq!(found[0].expected, "2012–2016");
        let right = text.replace("Tahun 2011 s/d Tahun 2015", "Tahun 2012 s/d Tahun 2016");
        assert!(findings("caption-year-span", &right).is_empty());
        // The caption's title wrapped over three lines is read whole.
        let wrapped = text.replace(
            "Peternakan Tahun 2011 s/d Tahun 2015",
            "Peternakan\ndan Kesehatan Hewan Tahun 2011 s/d\nTahun 2015",
        );
        assert_eq!(findings("caption-year-span", &wrapped).len(), 1);
    }

    #[test]
    fn a_chart_caption_naming_fewer_years_than_its_axis_is_found() {
        let chart = |span: &str| {
            format!(
                "Teks.\n\n| | 2020 | 2021 | 2022 | 2023 | 2024 |\n|---|---|---|---|---|---|\n| Capaian Kinerja | 16,32% | 111,90% | 99,34% | 98,33% | 100% |\n\nGrafik 3. 5 Capaian Kinerja Indikator Kinerja kegiatan “Jumlah Kargo\nyang dilayani” Tahun {span}\n"
            )
        };
        let found = findings("caption-year-span", &chart("2021 - 2024"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "Tahun 2021 - 2024");
        assert_eq!(found[0].expected, "2020–2024");
        assert!(
            found[0].message.en.contains("chart"),
            "{}",
            found[0].message.en
        );
        // The axis' years, or more: agrees; a span both wider and shifted: unclear.
        for span in ["2020 - 2024", "2020 - 2025", "2018 - 2021"] {
            let found = findings("caption-year-span", &chart(span));
            assert!(found.is_empty(), "{span}: {found:#?}");
        }
    }

    #[test]
    fn a_baseline_column_beside_a_plan_span_is_not_found() {
        // Kondisi awal 2012 beside the plan's 2013-2016: more columns than years
        // in the span, not a shifted span.
        let text = "Tabel 2.1 Target Renstra Tahun 2013-2016\n\n| Indikator | Kondisi Awal 2012 | Target 2013 | Target 2014 | Target 2015 | Target 2016 |\n|---|---|---|---|---|---|\n| Persentase layanan | 50 | 55 | 60 | 65 | 70 |\n";
        let (found, _) = crate::rules::checks::testing::run_default("caption-year-span", text);
        assert!(found.is_empty(), "{found:#?}");
        // Columns inside the span: agrees.
        let inside = text
            .replace("Kondisi Awal 2012", "Kondisi Awal 2013")
            .replace("Tahun 2013-2016", "Tahun 2013-2018");
        assert!(findings("caption-year-span", &inside).is_empty());
    }

    const HEAD: &str = "KATA PENGANTAR\n\nLaporan Kinerja Instansi Pemerintah Dinas Contoh Tahun 2016 disusun. Laporan Kinerja Dinas Contoh Tahun 2016 memuat capaian.\n\nBAB II PERENCANAAN KINERJA\n\n";

    #[test]
    fn the_team_writing_the_report_named_with_another_year_is_found_not_a_decree_year() {
        let text = format!(
            "{HEAD}DAFTAR LAMPIRAN\n\nLampiran 5. SK Penunjukan Tim Penyusun Laporan Kinerja Instansi Pemerintah (LKIP) Dinas Contoh Tahun 2015\n\nLampiran 6. SK Kepala Dinas Nomor 12 Tahun 2017 tentang Tim Penyusun LKIP Tahun 2016\n\nLampiran 7. Tim Penyusun LAKIP Tahun 2016\n"
        );
        let found = findings("year-mentions", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            (found[0].stated.as_str(), found[0].expected.as_str()),
            ("2015", "2016")
        );
    }

    #[test]
    fn a_heading_of_a_year_n_document_with_another_year_is_found() {
        let text = format!("{HEAD}2.3 Perjanjian Kinerja Tahun 2015\n\nIsi perjanjian.\n");
        let found = findings("year-mentions", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "2015");
        assert_eq!(found[0].expected, "2016");
    }

    #[test]
    fn a_comparison_heading_naming_two_years_is_not_found() {
        let text = format!(
            "{HEAD}BAB III AKUNTABILITAS KINERJA\n\nTabel 3.2 Perbandingan Pengukuran Kinerja Tahun 2015 dan 2016\n\nIsi.\n\n3.1.2 Realisasi Anggaran Tahun 2014-2016\n\nIsi.\n"
        );
        let found = findings("year-mentions", &text);
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn a_year_column_of_a_table_comparing_years_is_not_found() {
        let table = "| No | Indikator | Pencapaian Kinerja Tahun 2015 | Pencapaian Kinerja Tahun 2016 |\n|---|---|---|---|\n| 1 | Cakupan layanan | 95,00% | 101,63% |\n";
        let text = format!("{HEAD}BAB III AKUNTABILITAS KINERJA\n\nTabel 3.3 Evaluasi\n\n{table}");
        let found = findings("year-mentions", &text);
        assert!(found.is_empty(), "{found:#?}");
        // One year alone names the heading's year: 2015 in a 2016 report is found.
        let table = "| No | Indikator | Pencapaian Kinerja Tahun 2015 |\n|---|---|---|\n| 1 | Cakupan layanan | 95,00% |\n";
        let text = format!("{HEAD}BAB III AKUNTABILITAS KINERJA\n\nTabel 3.3 Evaluasi\n\n{table}");
        let found = findings("year-mentions", &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "2015");
    }

    #[test]
    fn a_period_from_a_year_to_itself_is_found() {
        let text = "Capaian ini mendukung misi kesatu RPJMD Provinsi Jawa Barat 2013-2013 secara langsung.\n";
        let found = findings("plan-period", text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "2013-2013");
    }

    #[test]
    fn a_plan_period_differing_from_the_report_s_own_is_found() {
        let text = "Sesuai RPJMD Provinsi Jawa Barat Tahun 2013-2018 kami bekerja.\n\nRPJMD Tahun 2013-2018 menjadi acuan.\n\nDasar hukum adalah RPJMD Provinsi Jawa Barat Tahun 2008-2013 yang berlaku.\n";
        let found = findings("plan-period", text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "2008-2013");
        assert_eq!(found[0].expected, "2013-2018");
    }

    #[test]
    fn a_plan_period_cut_short_is_found_but_not_the_plan_s_years_so_far() {
        let plan = "Sesuai RPJMD Provinsi Jawa Barat Tahun 2013-2018 kami bekerja.\n\nRPJMD Tahun 2013-2018 menjadi acuan.\n\n";
        let short = format!(
            "{plan}Kebijakan mengacu pada Rencana Pembangunan Jangka Menengah (RPJM) Daerah Provinsi Jawa Barat Tahun 2013 – 2015 pada Misi ke 4.\n"
        );
        let found = findings("plan-period", &short);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "2013-2018");
        let so_far = format!("{plan}Capaian kinerja RPJMD Tahun 2013-2015 rata-rata 98 persen.\n");
        assert!(findings("plan-period", &so_far).is_empty());
    }

    #[test]
    fn a_regulation_setting_a_plan_is_enacted_when_its_period_starts() {
        let right = "Peraturan Daerah Nomor 2 Tahun 2009 tentang RPJM Daerah Provinsi Jawa Barat Tahun 2008-2013.\n";
        assert!(findings("plan-period", right).is_empty());
        let wrong = "Peraturan Daerah Nomor 25 Tahun 2013 tentang Rencana Pembangunan Jangka Menengah Daerah Provinsi Jawa Barat Tahun 2008-2013.\n";
        let found = findings("plan-period", wrong);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "2013-2018");
    }

    #[test]
    fn the_position_of_a_year_in_its_plan_is_checked() {
        let wrong = "Tahun 2011 adalah tahun pertama dari implementasi Rencana Strategis (Renstra) Dinas 2012-2016.\n";
        assert_eq!(findings("year-of-period", wrong).len(), 1);
        let split = "Tahun 2016 merupakan tahun\n\ntahun ketiga dari pelaksanaan RPJMD Tahun 2013 – 2018 serta tahun awal dari pelaksanaan Renstra Tahun 2013 – 2018.\n";
        let found = findings("year-of-period", split);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].stated.contains("awal"));
        let right = "Tahun 2016 merupakan tahun keempat dari Renstra 2013-2018 dan tahun ketiga RPJMD 2013-2018.\n";
        assert!(findings("year-of-period", right).is_empty());
    }

    #[test]
    fn a_year_compared_with_itself_is_found_but_not_a_plan_period() {
        let wrong = "Maka dilakukan perbandingan capaian kinerja tahun 2016 dengan capaian kinerja tahun 2016, seperti pada tabel.\n";
        assert_eq!(findings("same-year-comparison", wrong).len(), 1);
        let right = "Membandingkan antara realisasi kinerja Tahun 2025 dengan target Draft Renstra periode Tahun 2025-2029.\n\nPerbandingan capaian tahun 2016 dengan capaian tahun 2015.\n";
        assert!(findings("same-year-comparison", right).is_empty());
    }

    const PREFACE: &str = "KATA PENGANTAR\n\nLaporan Kinerja Instansi Pemerintah Dinas Contoh Tahun 2016 disusun. Laporan Kinerja Dinas Contoh Tahun 2016 memuat capaian.\n\n";

    #[test]
    fn a_plan_s_end_outside_its_period_is_found() {
        let text = "Renstra BP3Iptek Tahun 2015-2018 menjadi acuan.\n\nSesuai Renstra Tahun 2015-2018 kami bekerja.\n\nUpaya ini perlu ditingkatkan dalam rangka pencapaian target Renstra BP3Iptek hingga Tahun 2019 nanti.\n";
        let found = findings("plan-period", text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].expected, "2018");
        let inside = "Renstra BP3Iptek Tahun 2015-2018 menjadi acuan.\n\nSesuai Renstra Tahun 2015-2018 kami bekerja.\n\nTarget Renstra hingga tahun 2018 tercapai, dan target Renstra sampai dengan tahun 2016 juga.\n";
        assert!(findings("plan-period", inside).is_empty());
    }

    #[test]
    fn the_year_this_report_accounts_for_is_checked() {
        let wrong = format!(
            "{PREFACE}BAB I PENDAHULUAN\n\nLaporan Kinerja Instansi Pemerintah (LKIP) merupakan gambaran tingkat keberhasilan organisasi dalam pelayanan, pencapaian sasaran yang telah ditentukan pada tahun 2015 serta sebagai bentuk pertanggungjawaban atas penggunaan anggaran DPA TA 2015.\n"
        );
        let found = findings("year-mentions", &wrong);
        assert_eq!(found.len(), 2, "{found:#?}");
        let right = format!(
            "{PREFACE}BAB I PENDAHULUAN\n\nLaporan Kinerja (LKIP) ini memuat capaian; kegiatan yang telah dilaksanakan pada tahun 2016 dilaporkan. LKIP ini dibandingkan dengan kegiatan yang telah dilaksanakan pada tahun 2015.\n"
        );
        let found = findings("year-mentions", &right);
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn a_heading_in_the_outline_and_a_monitoring_period_are_checked() {
        let text = format!(
            "{PREFACE}BAB I PENDAHULUAN\n\n1.4 Sistematika Penulisan\n\n2.1. Perencanaan\n2.1.1. Rencana Strategis Tahun 2013 – 2018\n2.1.2 Rencana Kinerja Tahunan 2015\n2.2. Perjanjian Kinerja Tahun 2016\n\nLAMPIRAN\n\nBulan : Januari - Desember Tahun : 2015\n"
        );
        let found = findings("year-mentions", &text);
        assert_eq!(found.len(), 2, "{found:#?}");
        let right = format!(
            "{PREFACE}BAB I PENDAHULUAN\n\n2.1.2 Rencana Kinerja Tahunan 2016\n\nLAMPIRAN\n\nBulan : Januari - Desember Tahun : 2016\n"
        );
        assert!(findings("year-mentions", &right).is_empty());
    }
}
