//! Years against the report year n: title mentions, "(n-1)" columns, the plan
//! for next year, the date of signing, and regulations cited with a wrong year.

use std::collections::BTreeSet;

use serde::Deserialize;

use crate::extract::CellMode;
use crate::findings::Localized;

use super::common::{Chapters, Context, Pattern};
use super::{Check, Draft, Sink};

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
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearMentionsParams {
    mentions: Vec<Mention>,
}

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

impl Check for YearMentions {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let Some(n) = ctx.year() else { return };
        for m in &self.p.mentions {
            let expected = n + m.offset;
            let report = |line: usize, at: usize, year_text: &str, out: &mut Sink| {
                let Ok(year) = year_text.parse::<i32>() else {
                    return;
                };
                if year == expected {
                    return;
                }
                out.push(
                    Draft {
                        line,
                        stated: year_text.to_string(),
                        expected: expected.to_string(),
                        computation: Localized::new(
                            format!(
                                "tahun laporan n = {n}; {} = {}",
                                offset_text(m.offset),
                                expected
                            ),
                            format!(
                                "report year n = {n}; {} = {}",
                                offset_text(m.offset),
                                expected
                            ),
                        ),
                        highlight: Some((at, at + year_text.len())),
                        ..Default::default()
                    }
                    .var("what", m.what.clone())
                    .var("n", Localized::same(n.to_string())),
                );
            };
            for para in ctx.paragraphs_in(&m.chapters) {
                // Long on a big report: stop near the time limit.
                if crate::limits::out_of_time() {
                    return;
                }
                for c in m.pattern.0.captures_iter(&para.text) {
                    let Some(y) = c.name("year") else { continue };
                    let (line, at) = ctx.locate(para, y.start());
                    report(line, at, y.as_str(), out);
                }
            }
            // Table rows and headers, table-of-contents rows.
            let mut seen: BTreeSet<(usize, String)> = BTreeSet::new();
            for l in ctx
                .report
                .lines
                .iter()
                .filter(|l| l.line.cells != CellMode::Flow && m.chapters.contains(l.chapter))
            {
                for c in m.pattern.0.captures_iter(&l.line.text) {
                    let Some(y) = c.name("year") else { continue };
                    seen.insert((l.index, y.as_str().to_string()));
                    report(l.index, y.start(), y.as_str(), out);
                }
            }
            // Column labels whose header cell wraps over lines ("Th. 2018 (n-" above
            // "1)"), reported on the header line that shows the year.
            for t in ctx
                .report
                .tables
                .iter()
                .filter(|t| m.chapters.contains(t.chapter))
            {
                let header_end = t
                    .rows
                    .first()
                    .map_or(t.end, |r| ctx.row_line(r.page, r.line));
                for label in &t.columns {
                    for c in m.pattern.0.captures_iter(label) {
                        let Some(y) = c.name("year") else { continue };
                        let shown = (t.start..header_end.min(t.end)).find_map(|i| {
                            let text = &ctx.report.lines.get(i)?.line.text;
                            text.find(y.as_str()).map(|at| (i, at))
                        });
                        let Some((line, at)) = shown else { continue };
                        // Once per line and year: the line's own text may have shown it.
                        if !seen.insert((line, y.as_str().to_string())) {
                            continue;
                        }
                        report(line, at, y.as_str(), out);
                    }
                }
            }
        }
    }
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
        let Some(n) = ctx.year() else { return };
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
