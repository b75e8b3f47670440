//! A chart's value for a year against the same quantity the narrative states
//! for that year on the chart's page or the next ("Tahun 2023, capaian
//! indikator kinerja Jumlah Kargo yang dilayani sebesar 78,67%" under a chart
//! of that indicator reading 98,33% for 2023).
//!
//! A sentence is cut into one segment per year it names ("Tahun 2022 …");
//! each figure of a segment is named by the words before it ("nilai
//! efisiensi sebesar 0,13%"). A figure is the chart's value when those words
//! name a series (every word of the series' name, a longer word sharing its
//! stem: "Efisiensi" for "Efisien"; a "(NE)" giving the series' initials
//! counts as one word more) and the sentence names what the chart is about:
//! a series name of generic words only ("Capaian Kinerja") needs the
//! caption's own words (its quoted indicator, else its title's specific
//! words) in the sentence. Figures of one segment go each to a different
//! series, the assignment naming the most words; a tie abstains.
//!
//! Which side is wrong: the narrative, unless the same segment also gives the
//! realisasi and target its figure is computed from (then the chart is).

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::facts::figures::{Figure, FigureKind};
use crate::structure::{Chart, Paragraph};

use super::common::{Context, Pattern, agrees, both, figures, words};
use super::{Check, Draft, Sink, Why};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartParams {
    /// A year the narrative speaks of ("Tahun 2023", "th. 2023"); group 1 is the year.
    year: Pattern,
    /// What follows a year opening a period rather than naming one ("- 2024", "s.d.").
    range_after: Pattern,
    /// Words that say nothing about which quantity a chart shows.
    generic_words: Vec<String>,
    /// A figure's name saying it is the realisasi, and the target.
    realisasi: Pattern,
    target: Pattern,
    /// What ends the words naming a figure, right before it ("sebesar").
    connector: Pattern,
    /// A table measured against the plan (Renstra) rather than the year's
    /// agreement, by its caption or a target column's label.
    plan: Pattern,
    /// How alike the caption's indicator and a table row's must be (0 to 1).
    #[serde(default = "default_likeness")]
    likeness: f64,
    /// Words before a year that may still name its first figure.
    #[serde(default = "default_lead")]
    lead_words: usize,
}

fn default_lead() -> usize {
    5
}

fn default_likeness() -> f64 {
    0.75
}

#[derive(Debug)]
pub struct ChartValue {
    p: ChartParams,
}

impl ChartValue {
    pub fn new(p: ChartParams) -> Result<Self, String> {
        Ok(ChartValue { p })
    }
}

const NO_SERIES: Why = Why {
    en: "a sentence states figures for a year of a chart but its words name no series of the chart (or several equally)",
    id: "kalimat menyebut angka untuk tahun grafik tetapi tidak menyebut seri grafik (atau beberapa seri sama kuat)",
};
const NO_TOPIC: Why = Why {
    en: "the sentence names a chart's series but not the indicator its caption names",
    id: "kalimat menyebut seri grafik tetapi tidak menyebut indikator pada judul grafiknya",
};
const TABLES_DIFFER: Why = Why {
    en: "the performance tables give the chart's indicator different capaian for the year",
    id: "tabel kinerja memberi capaian berbeda untuk indikator grafik pada tahun itu",
};
const OTHER_UNIT: Why = Why {
    en: "the sentence's figure is an amount of another unit than the chart's",
    id: "angka pada kalimat bersatuan lain dari nilai grafik",
};

/// A word of a name found among `words`: the same word, or a longer one of the
/// same stem ("efisiensi" for "efisien").
fn named(word: &str, words: &[String]) -> bool {
    words.iter().any(|w| {
        w == word
            || (word.chars().count() >= 4 && w.starts_with(word))
            || (w.chars().count() >= 4 && word.starts_with(w.as_str()))
    })
}

/// "(NE)" after a name standing for the series' initials.
fn initials(name: &str) -> String {
    words(name)
        .iter()
        .filter_map(|w| w.chars().next())
        .collect()
}

/// How many words of the series `name` the clause names: none unless all of them.
fn score(name: &str, clause: &str) -> usize {
    let clause_words = words(clause);
    let series = words(name);
    if series.is_empty() || !series.iter().all(|w| named(w, &clause_words)) {
        return 0;
    }
    let abbreviation = clause.split(['(', ')']).skip(1).step_by(2).any(|inside| {
        let i = inside.trim().to_lowercase();
        !i.is_empty() && i.chars().all(char::is_alphabetic) && i == initials(name)
    });
    series.len() + usize::from(abbreviation)
}

/// The one best assignment of clauses to distinct series (index per clause),
/// or none when two assignments name as many words.
fn assign(scores: &[Vec<usize>]) -> Option<Vec<Option<usize>>> {
    fn walk(
        scores: &[Vec<usize>],
        at: usize,
        used: &mut Vec<bool>,
        current: &mut Vec<Option<usize>>,
        best: &mut (usize, Vec<Option<usize>>, usize),
    ) {
        if at == scores.len() {
            let total: usize = current
                .iter()
                .enumerate()
                .filter_map(|(c, s)| s.map(|s| scores[c][s]))
                .sum();
            if total > best.0 {
                *best = (total, current.clone(), 1);
            } else if total == best.0 && total > 0 {
                best.2 += 1;
            }
            return;
        }
        current.push(None);
        walk(scores, at + 1, used, current, best);
        current.pop();
        for s in 0..used.len() {
            if !used[s] && scores[at][s] > 0 {
                used[s] = true;
                current.push(Some(s));
                walk(scores, at + 1, used, current, best);
                current.pop();
                used[s] = false;
            }
        }
    }
    let series = scores.first().map_or(0, Vec::len);
    // A sentence of many figures against many series is no statement of one year.
    if scores.len() > 6 || series > 6 {
        return None;
    }
    let mut best = (0, Vec::new(), 0);
    walk(
        scores,
        0,
        &mut vec![false; series],
        &mut Vec::new(),
        &mut best,
    );
    (best.0 > 0 && best.2 == 1).then_some(best.1)
}

/// The caption's words that say what the chart is about: its quoted
/// indicator, else its title's words that are not generic (the label, years
/// and numbers left out).
fn topic(caption: &str, generic: &[String]) -> Vec<String> {
    let quoted = caption
        .split(['“', '”', '"'])
        .nth(1)
        .filter(|q| !q.trim().is_empty());
    let source = quoted.unwrap_or(caption);
    let mut out: Vec<String> = words(source)
        .into_iter()
        .filter(|w| !generic.contains(w) && w.parse::<u32>().is_err() && w.chars().count() >= 3)
        .collect();
    if quoted.is_none() {
        // "Grafik 3. 5": the label's own word.
        out.retain(|w| !matches!(w.as_str(), "grafik" | "gambar" | "diagram" | "chart"));
    }
    out
}

/// One figure of a sentence with the words naming it.
struct Clause {
    figure: Figure,
    /// Byte offset of the figure in the paragraph.
    at: usize,
    name: String,
}

/// A sentence's figures for one year.
struct Segment {
    year: i32,
    clauses: Vec<Clause>,
}

/// Byte ranges of a paragraph's sentences.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c != '.' {
            continue;
        }
        let next = text[i + 1..].chars().next();
        let after = text[i + 1..].trim_start().chars().next();
        let digit_before = i > 0 && bytes[i - 1].is_ascii_digit();
        let ends = next.is_some_and(char::is_whitespace)
            && after.is_some_and(|a| a.is_uppercase())
            && !(digit_before && after.is_some_and(|a| a.is_ascii_digit()));
        if ends {
            out.push((start, i + 1));
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

impl ChartValue {
    /// The segments of a sentence (`range` of the paragraph's text).
    fn segments(&self, text: &str, range: (usize, usize)) -> Vec<Segment> {
        let sentence = &text[range.0..range.1];
        let mentions: Vec<(usize, usize, Option<i32>)> = self
            .p
            .year
            .0
            .captures_iter(sentence)
            .filter_map(|c| {
                let whole = c.get(0)?;
                let year = c.get(1)?.as_str().parse::<i32>().ok()?;
                let period = self.p.range_after.is_match(&sentence[whole.end()..]);
                Some((whole.start(), whole.end(), (!period).then_some(year)))
            })
            .collect();
        let found: Vec<Figure> = figures(sentence)
            .into_iter()
            .filter(|f| {
                !mentions.iter().any(|(a, b, _)| f.start < *b && f.end > *a) && !looks_like_year(f)
            })
            .collect();
        let mut out = Vec::new();
        for (m, (start, end, year)) in mentions.iter().enumerate() {
            let Some(year) = *year else { continue };
            let stop = mentions.get(m + 1).map_or(sentence.len(), |n| n.0);
            // The words just before the year may name its first figure
            // ("capaian kinerja pada tahun 2020 sebesar"): back to the
            // previous figure, year or comma, at most a few words.
            let floor = found
                .iter()
                .map(|f| f.end)
                .chain(mentions.iter().map(|x| x.1))
                .filter(|e| *e <= *start)
                .max()
                .unwrap_or(0);
            let lead = &sentence[floor..*start];
            let lead = lead.rsplit([',', ';', ':']).next().unwrap_or(lead);
            let lead_words: Vec<&str> = lead.split_whitespace().collect();
            let lead = lead_words[lead_words.len().saturating_sub(self.p.lead_words)..].join(" ");
            let mut from = *end;
            let mut clauses: Vec<Clause> = Vec::new();
            for f in found.iter().filter(|f| f.start >= *end && f.end <= stop) {
                let before = &sentence[from..f.start];
                // The words naming a figure are those of its own clause, after
                // the last comma, and end in "sebesar" or the like: "Eselon 1"
                // names nothing.
                let own = before.rsplit([',', ';']).next().unwrap_or(before);
                let mut name = if self.p.connector.is_match(own) {
                    own.to_string()
                } else {
                    String::new()
                };
                if clauses.is_empty() && !name.is_empty() && own.len() == before.len() {
                    name = format!("{lead} {name}");
                }
                clauses.push(Clause {
                    figure: f.clone(),
                    at: range.0 + f.start,
                    name,
                });
                from = f.end;
            }
            if !clauses.is_empty() {
                out.push(Segment { year, clauses });
            }
        }
        out
    }

    /// Whether the sentence names what the chart is about.
    fn about(&self, chart: &Chart, series: usize, sentence: &str) -> bool {
        let generic = &self.p.generic_words;
        let name = chart.series.get(series).map_or("", |s| s.name.as_str());
        let specific = words(name).iter().any(|w| !generic.contains(w));
        let sentence_words = words(sentence);
        let needed = chart
            .caption
            .as_deref()
            .map(|c| topic(c, generic))
            .unwrap_or_default();
        if needed.is_empty() {
            return specific;
        }
        needed.iter().all(|w| named(w, &sentence_words))
    }

    /// The realisasi / target ratio the segment itself gives, agreeing with `figure`.
    fn computed_in(&self, segment: &Segment, figure: &Figure) -> Option<String> {
        let pick = |p: &Pattern| {
            let found: Vec<&Clause> = segment
                .clauses
                .iter()
                .filter(|c| p.is_match(&c.name) && c.figure.kind != FigureKind::Percent)
                .collect();
            (found.len() == 1).then(|| found[0])
        };
        let r = pick(&self.p.realisasi)?;
        let t = pick(&self.p.target)?;
        if t.figure.value.is_zero() || r.figure.value.is_zero() {
            return None;
        }
        let hundred = Decimal::from(100);
        [
            (
                r.figure.value / t.figure.value * hundred,
                (&r.figure.text, &t.figure.text),
            ),
            (
                t.figure.value / r.figure.value * hundred,
                (&t.figure.text, &r.figure.text),
            ),
        ]
        .into_iter()
        .find(|(v, _)| agrees(figure, *v, Decimal::ZERO))
        .map(|(v, (a, b))| {
            format!(
                "{a} / {b} × 100 = {}",
                crate::facts::format::format_id(v, 2)
            )
        })
    }

    fn paragraph(
        &self,
        chart: &Chart,
        p: &Paragraph,
        ctx: &Context<'_, '_>,
        reported: &[(usize, String)],
        out: &mut Sink,
    ) {
        for range in sentences(&p.text) {
            let sentence = &p.text[range.0..range.1];
            for segment in self.segments(&p.text, range) {
                if !chart.years.contains(&segment.year) {
                    continue;
                }
                let scores: Vec<Vec<usize>> = segment
                    .clauses
                    .iter()
                    .map(|c| {
                        chart
                            .series
                            .iter()
                            .map(|s| score(&s.name, &c.name))
                            .collect()
                    })
                    .collect();
                if scores.iter().all(|s| s.iter().all(|v| *v == 0)) {
                    continue;
                }
                let Some(assignment) = assign(&scores) else {
                    out.skip(NO_SERIES);
                    continue;
                };
                for (clause, series) in segment.clauses.iter().zip(assignment) {
                    let Some(series) = series else { continue };
                    if !self.about(chart, series, sentence) {
                        out.skip(NO_TOPIC);
                        continue;
                    }
                    let Some(point) = chart.value(series, segment.year) else {
                        continue;
                    };
                    if !comparable(&clause.figure, &point.figure) {
                        out.skip(OTHER_UNIT);
                        continue;
                    }
                    if same(&clause.figure, &point.figure, ctx.tolerance) {
                        out.agree();
                        continue;
                    }
                    // The chart's value is already reported against the tables.
                    if reported.contains(&(point.line, point.figure.text.clone()))
                        && self.computed_in(&segment, &clause.figure).is_some()
                    {
                        continue;
                    }
                    let differs = Differs {
                        chart,
                        series,
                        segment: &segment,
                        clause,
                        point,
                    };
                    out.push(self.draft(&differs, p, ctx));
                }
            }
        }
    }

    /// The finding on a chart value and the narrative's figure for the same
    /// series and year: on the chart when the text's figure follows from its
    /// own realisasi and target, otherwise on the text.
    fn draft(&self, differs: &Differs<'_>, p: &Paragraph, ctx: &Context<'_, '_>) -> Draft {
        let Differs {
            chart,
            series,
            segment,
            clause,
            point,
        } = *differs;
        let (text_line, column) = ctx.locate(p, clause.at);
        let name = chart.series.get(series).map_or("", |s| s.name.as_str());
        let label = chart
            .caption
            .as_deref()
            .map(|c| c.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
            .unwrap_or_else(|| "grafik".to_string());
        let page = |i: usize| ctx.report.lines.get(i).map_or(0, |l| l.page);
        let support = self.computed_in(segment, &clause.figure);
        let chart_side = format!(
            "{label} (hlm. {}), seri “{name}”, {}: {}",
            page(point.line),
            segment.year,
            point.figure.text
        );
        let chart_side_en = format!(
            "{label} (p. {}), series “{name}”, {}: {}",
            page(point.line),
            segment.year,
            point.figure.text
        );
        let draft = match &support {
            // The text's figure follows from its own realisasi and target: the chart is wrong.
            Some(ratio) => Draft {
                line: point.line,
                stated: point.figure.text.clone(),
                expected: clause.figure.text.clone(),
                computation: both(
                    format!(
                        "{chart_side}; teks (hlm. {}) untuk tahun yang sama: {} ({ratio})",
                        page(text_line),
                        clause.figure.text
                    ),
                    format!(
                        "{chart_side_en}; the text (p. {}) for the same year: {} ({ratio})",
                        page(text_line),
                        clause.figure.text
                    ),
                ),
                related: vec![text_line],
                ..Draft::default()
            },
            None => Draft {
                line: text_line,
                stated: clause.figure.text.clone(),
                expected: point.figure.text.clone(),
                computation: both(
                    format!(
                        "teks, tahun {}: {}; {chart_side}",
                        segment.year, clause.figure.text
                    ),
                    format!(
                        "text, year {}: {}; {chart_side_en}",
                        segment.year, clause.figure.text
                    ),
                ),
                related: vec![point.line],
                highlight: Some((column, column + clause.figure.text.len())),
                ..Draft::default()
            },
        };
        draft.var("series", both(name, name)).var(
            "year",
            both(segment.year.to_string(), segment.year.to_string()),
        )
    }
}

/// A chart's value and the narrative's figure for the same series and year that differ.
#[derive(Clone, Copy)]
struct Differs<'a> {
    chart: &'a Chart,
    series: usize,
    segment: &'a Segment,
    clause: &'a Clause,
    point: &'a crate::structure::charts::Point,
}

fn looks_like_year(f: &Figure) -> bool {
    f.kind == FigureKind::Count
        && f.decimals == 0
        && f.unit.is_none()
        && f.text.trim().len() == 4
        && (Decimal::from(1950)..=Decimal::from(2099)).contains(&f.value)
}

/// A percent and a plain number are the same quantity printed with and
/// without its sign; an amount of money is not a percent.
fn comparable(a: &Figure, b: &Figure) -> bool {
    let money = |f: &Figure| f.kind == FigureKind::Rupiah;
    money(a) == money(b)
}

/// Two printed values of one quantity agree when the one with fewer decimals
/// is the other rounded or truncated to them.
fn same(a: &Figure, b: &Figure, extra: Decimal) -> bool {
    if a.decimals <= b.decimals {
        agrees(a, b.value, extra)
    } else {
        agrees(b, a.value, extra)
    }
}

/// "I", "II", "3": the number ending a series' name ("Rata-Rata Capaian Sasaran II").
fn ordinal(word: &str) -> Option<usize> {
    if let Ok(n) = word.parse::<usize>() {
        return (1..=20).contains(&n).then_some(n);
    }
    let romans = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"];
    romans.iter().position(|r| *r == word).map(|p| p + 1)
}

impl ChartValue {
    /// The rows of `table` a series stands for: the row of the caption's
    /// indicator (a capaian series of one indicator), or the k-th row named as
    /// the series is without its number k ("Rata-rata Capaian Sasaran" for
    /// "Rata-Rata Capaian Sasaran I").
    fn row_of(
        &self,
        chart: &Chart,
        series: usize,
        table: &crate::structure::Table,
    ) -> Option<usize> {
        use super::quantities::{indicator_key, likeness};
        let name = &chart.series.get(series)?.name;
        let mut name_words = words(name);
        let k = name_words.last().and_then(|w| ordinal(w));
        if k.is_some() {
            name_words.pop();
        }
        let named: Vec<usize> = table
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| words(r.label()) == name_words)
            .map(|(i, _)| i)
            .collect();
        match (k, named.len()) {
            (Some(k), n) if n >= k && n >= 2 => return named.get(k - 1).copied(),
            (None, 1) => return named.first().copied(),
            _ => {}
        }
        // A series named only generically plots the caption's indicator.
        if chart.series.len() != 1
            || words(name)
                .iter()
                .any(|w| !self.p.generic_words.contains(w))
        {
            return None;
        }
        let caption = chart.caption.as_deref()?;
        let quoted = caption.split(['“', '”', '"']).nth(1)?;
        let key = indicator_key(quoted);
        let mut best: Vec<(f64, usize)> = table
            .rows
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                table
                    .roles
                    .iter()
                    .enumerate()
                    .filter(|(_, role)| role.role == crate::structure::roles::Role::Label)
                    .filter_map(|(c, _)| r.cell(c))
                    .map(|cell| likeness(&key, &indicator_key(&cell.text)))
                    .fold(None, |m: Option<f64>, l| Some(m.map_or(l, |m| m.max(l))))
                    .filter(|l| *l >= self.p.likeness)
                    .map(|l| (l, i))
            })
            .collect();
        best.sort_by(|a, b| b.0.total_cmp(&a.0));
        match best.as_slice() {
            [only] => Some(only.1),
            [first, second, ..] if first.0 > second.0 => Some(first.1),
            _ => None,
        }
    }

    /// The capaian a table gives row `r` for `year`: its capaian column of
    /// that year, or, on a summary row whose one figure of the year is set in
    /// a cell merged over the year's columns, that figure.
    fn capaian_of(
        table: &crate::structure::Table,
        r: usize,
        year: i32,
    ) -> Option<(Figure, u32, u32)> {
        use crate::structure::RowKind;
        use crate::structure::roles::Role;
        let row = table.rows.get(r)?;
        let year_columns: Vec<usize> = table
            .roles
            .iter()
            .enumerate()
            .filter(|(_, role)| role.year == Some(year))
            .map(|(c, _)| c)
            .collect();
        let capaian: Vec<usize> = year_columns
            .iter()
            .copied()
            .filter(|c| table.roles[*c].role == Role::Capaian)
            .collect();
        let [column] = capaian.as_slice() else {
            return None;
        };
        if let Some(f) = row.figure(*column) {
            return Some((f.clone(), row.page, row.line));
        }
        if row.kind == RowKind::Item {
            return None;
        }
        let filled: Vec<&Figure> = year_columns.iter().filter_map(|c| row.figure(*c)).collect();
        match filled.as_slice() {
            [f] => Some(((*f).clone(), row.page, row.line)),
            _ => None,
        }
    }

    /// The chart's values against the performance tables' capaian of the same
    /// indicator or sasaran and year; returns the chart lines and figures reported.
    fn tables(&self, chart: &Chart, ctx: &Context<'_, '_>, out: &mut Sink) -> Vec<(usize, String)> {
        use crate::structure::roles::{Role, TableKind};
        let report = ctx.report;
        let mut reported = Vec::new();
        let tables: Vec<&crate::structure::Table> = report
            .tables
            .iter()
            .filter(|t| matches!(t.kind, TableKind::Performance | TableKind::Comparison))
            .filter(|t| {
                let plan_caption = t
                    .caption
                    .as_ref()
                    .is_some_and(|c| self.p.plan.is_match(&c.title));
                let plan_target = t
                    .columns
                    .iter()
                    .zip(&t.roles)
                    .any(|(label, r)| r.role == Role::Target && self.p.plan.is_match(label));
                !plan_caption && !plan_target
            })
            .collect();
        for (s, series) in chart.series.iter().enumerate() {
            for (y, year) in chart.years.iter().enumerate() {
                let Some(point) = series.values.get(y) else {
                    continue;
                };
                let found: Vec<(Figure, u32, u32, String)> = tables
                    .iter()
                    .filter_map(|t| {
                        let r = self.row_of(chart, s, t)?;
                        let (f, page, line) = Self::capaian_of(t, r, *year)?;
                        let name = t.caption_number().unwrap_or_else(|| "tabel".to_string());
                        Some((f, page, line, name))
                    })
                    .collect();
                let Some((first, ..)) = found.first() else {
                    continue;
                };
                if !comparable(first, &point.figure) {
                    continue;
                }
                if found.iter().any(|(f, ..)| !same(f, first, ctx.tolerance)) {
                    out.skip(TABLES_DIFFER);
                    continue;
                }
                if same(&point.figure, first, ctx.tolerance) {
                    out.agree();
                    continue;
                }
                let related: Vec<usize> = found
                    .iter()
                    .map(|(_, page, line, _)| ctx.row_line(*page, *line))
                    .collect();
                let places: Vec<String> = found
                    .iter()
                    .map(|(f, page, _, name)| format!("{name} (p. {page}) {}", f.text))
                    .collect();
                let places_id: Vec<String> = found
                    .iter()
                    .map(|(f, page, _, name)| format!("{name} (hlm. {page}) {}", f.text))
                    .collect();
                let label = chart
                    .caption
                    .as_deref()
                    .map(|c| c.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
                    .unwrap_or_else(|| "grafik".to_string());
                reported.push((point.line, point.figure.text.clone()));
                out.push(
                    Draft {
                        line: point.line,
                        stated: point.figure.text.clone(),
                        expected: first.text.clone(),
                        computation: both(
                            format!(
                                "{label}, seri “{}”, {year}: {}; capaian tahun {year} pada {}",
                                series.name,
                                point.figure.text,
                                places_id.join(", ")
                            ),
                            format!(
                                "{label}, series “{}”, {year}: {}; the {year} capaian in {}",
                                series.name,
                                point.figure.text,
                                places.join(", ")
                            ),
                        ),
                        related,
                        ..Draft::default()
                    }
                    .var("series", both(series.name.as_str(), series.name.as_str()))
                    .var("year", both(year.to_string(), year.to_string())),
                );
            }
        }
        reported
    }
}

impl Check for ChartValue {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let report = ctx.report;
        for chart in &report.charts {
            let Some(table) = report.tables.get(chart.table) else {
                continue;
            };
            out.enter_table(chart.table);
            let reported = self.tables(chart, ctx, out);
            for p in &report.paragraphs {
                let Some(first) = p.pieces.first().and_then(|(_, i)| report.lines.get(*i)) else {
                    continue;
                };
                if first.page < chart.page || first.page > chart.page + 1 {
                    continue;
                }
                if p.pieces
                    .iter()
                    .any(|(_, i)| (table.start..table.end).contains(i))
                {
                    continue;
                }
                self.paragraph(chart, p, ctx, &reported, out);
            }
            out.leave_table();
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::checks::testing::{findings, run_default};

    const KARGO: &str = "| | 2022 | 2023 | 2024 |\n|---|---|---|---|\n| Capaian Kinerja | 99,34% | 98,33% | 100% |\n\nGrafik 3. 5 Capaian Kinerja Indikator Kinerja kegiatan “Jumlah Kargo\nyang dilayani” Tahun 2022 - 2024\n\n";

    #[test]
    fn a_chart_value_against_the_text_and_its_own_ratio_is_found_on_the_chart() {
        let text = format!(
            "{KARGO}Tahun 2022, capaian indikator kinerja Jumlah Kargo yang dilayani sebesar 99,34% dengan nilai realisasi sebesar 6.457 terhadap target sebesar 6.500. Tahun 2023, capaian indikator kinerja Jumlah Kargo yang dilayani sebesar 78,67% dengan nilai realisasi sebesar 590 terhadap target sebesar 750.\n"
        );
        let (f, c) = run_default("chart-value", &text);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].stated, "98,33%");
        assert_eq!(f[0].expected, "78,67%");
        assert_eq!(c.agree, 1);
    }

    #[test]
    fn a_sentence_about_another_indicator_is_not_compared() {
        let text = format!(
            "{KARGO}Tahun 2023, capaian indikator kinerja Jumlah Penumpang yang dilayani sebesar 78,67%.\n"
        );
        let (f, c) = run_default("chart-value", &text);
        assert!(f.is_empty(), "{f:#?}");
        assert_eq!(c.skipped.len(), 1);
    }

    const EFISIENSI: &str = "600 500 400 300 200 100\n0\n\n| | Efisien | Nilai Efisien |\n|---|---|---|\n| 2021 | 2,45 | 562,53 |\n| 2022 | 0,07 | 66,75 |\n| 2023 | 0,13 | 63,05 |\n\n";

    #[test]
    fn each_figure_goes_to_the_series_its_words_name() {
        let text = format!(
            "{EFISIENSI}Tahun 2021 Nilai Efisiensi sebesar 562,53% dan Efisiensi sebesar 2,45% Sedangkan pada Tahun 2022 nilai efisiensi sebesar 0,13% dan Nilai Efisiensi (NE) sebesar 63,05%. Tahun 2023 sebesar 0,13% dan Nilai Efisiensi (NE) sebesar 63,055% yang menunjukkan kategori efisiensi yang cukup.\n"
        );
        let (f, c) = run_default("chart-value", &text);
        let stated: Vec<(&str, &str)> = f
            .iter()
            .map(|f| (f.stated.as_str(), f.expected.as_str()))
            .collect();
        assert_eq!(stated, [("0,13%", "0,07"), ("63,05%", "66,75")], "{f:#?}");
        // 2021 both, 2023 the NE shown with one more decimal (truncated).
        assert_eq!(c.agree, 3);
    }

    #[test]
    fn a_period_is_not_a_year_and_rounded_labels_agree() {
        let text = format!(
            "{KARGO}Capaian kinerja Jumlah Kargo yang dilayani dalam periode Tahun 2022 - 2024 sebesar 45%. Pada tahun 2024, capaian indikator kinerja Jumlah Kargo yang dilayani sebesar 100,00%.\n"
        );
        assert!(findings("chart-value", &text).is_empty());
    }

    const TABLE: &str = "Tabel 3.2 Perbandingan Target dan Realisasi Kinerja\n\n| No | Indikator Kinerja | Target 2023 | Realisasi 2023 | Capaian 2023 (%) |\n|---|---|---|---|---|\n| 1 | Jumlah Penumpang yang dilayani | 8300 | 8417 | 101,41 |\n| 2 | Jumlah Kargo yang dilayani | 750 | 590 | 78,67 |\n| 3 | Jumlah Pergerakan Pesawat yang dilayani | 940 | 1038 | 110,43 |\n\n";

    #[test]
    fn a_chart_value_against_the_performance_table_is_found() {
        let text = format!("{TABLE}Teks.\n\n{KARGO}");
        let (f, c) = run_default("chart-value", &text);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].stated, "98,33%");
        assert_eq!(f[0].expected, "78,67");
        // 2022 and 2024 have no column in the table: neither compared nor skipped.
        assert_eq!((c.agree, c.skipped.len()), (0, 0));
    }

    #[test]
    fn a_table_against_the_renstra_is_not_the_year_s_capaian() {
        let renstra = TABLE.replace(
            "Perbandingan Target dan Realisasi Kinerja",
            "Perbandingan Realisasi Kinerja dengan Target pada Rencana Strategis",
        );
        let text = format!("{renstra}Teks.\n\n{KARGO}");
        assert!(findings("chart-value", &text).is_empty());
    }

    #[test]
    fn a_numbered_average_series_is_the_numbered_average_row() {
        let table = "Tabel 3.2 Perbandingan Target dan Realisasi Kinerja\n\n| No | Indikator Kinerja | Target 2023 | Realisasi 2023 | Capaian 2023 (%) |\n|---|---|---|---|---|\n| 1 | Jumlah Penumpang yang dilayani | 100 | 100 | 100 |\n| Rata-rata Capaian Sasaran | | | | 100 |\n| 2 | Persentase Keselamatan | 100 | 90 | 90 |\n| Rata-rata Capaian Sasaran | | | | 90 |\n\n";
        let chart = "200,00%\n150,00%\n100,00%\n50,00%\n\n| | 2022 | 2023 |\n|---|---|---|\n| Rata-Rata Capaian Sasaran II | 100% | 131,87% |\n\nGrafik 3. 10 Rata-rata Capaian Sasaran II Tahun 2022 - 2023\n";
        let (f, _) = run_default("chart-value", &format!("{table}Teks.\n\n{chart}"));
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            (f[0].stated.as_str(), f[0].expected.as_str()),
            ("131,87%", "90")
        );
        let right = chart.replace("131,87%", "90,00%");
        assert!(findings("chart-value", &format!("{table}Teks.\n\n{right}")).is_empty());
    }
}
