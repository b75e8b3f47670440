//! Charts whose data are in the text layer: an Excel chart in a Word report
//! prints its category axis (consecutive years) and its data labels or data
//! table as text, which the reader gives as a small grid. A chart is such a
//! grid — a row of consecutive years with one row per series ("Capaian
//! Kinerja 16,32% 111,90% …"), or the transposed form, one row per year under
//! the series' names ("2022 0,07 66,75") — with a "Grafik"/"Gambar" caption
//! near it or the axis' tick labels ("120,00%", "600 500 400 …") above it.
//! The tick labels are never a series.

use std::sync::LazyLock;

use regex::Regex;

use crate::facts::figures::{Figure, FigureKind, Hint, parse_figure};

use super::{LineRef, Row, Table};

/// One series' value for one year, with where it is printed.
#[derive(Debug, Clone)]
pub struct Point {
    pub figure: Figure,
    /// Index of the line in the report's line list.
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Series {
    /// As printed ("Capaian Kinerja", "Nilai Efisien").
    pub name: String,
    /// One value per year of the chart, in the same order.
    pub values: Vec<Point>,
}

#[derive(Debug, Clone)]
pub struct Chart {
    /// Index of the table holding the chart's data (in the report's tables).
    pub table: usize,
    pub page: u32,
    /// The category axis: consecutive years, ascending.
    pub years: Vec<i32>,
    pub series: Vec<Series>,
    /// The caption ("Grafik 3. 5 Capaian Kinerja …"), a wrapped title joined.
    pub caption: Option<String>,
    /// The report lines the caption is printed on (one, or two when wrapped).
    pub caption_lines: std::ops::Range<usize>,
}

impl Chart {
    /// The value of `series` for `year`.
    pub fn value(&self, series: usize, year: i32) -> Option<&Point> {
        let at = self.years.iter().position(|y| *y == year)?;
        self.series.get(series)?.values.get(at)
    }
}

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"^(?:19[5-9]\d|20\d\d)$").expect("valid regex"));
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)^\s*(?:grafik|gambar|diagram|chart)\s*(?:\d|[ivx]+\b)")
        .expect("valid regex")
});
/// An axis tick label: a number, a percent or an amount, alone.
static TICK: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"^(?:Rp\.?\s*)?-?\d{1,3}(?:[.,]\d{3})*(?:[.,]\d+)?%?$|^Rp\.?-$")
        .expect("valid regex")
});

/// How far (in lines of the same page) a caption may be from the chart's data.
const CAPTION_REACH: usize = 8;
/// How far above the data the axis' tick labels are looked for.
const TICK_REACH: usize = 16;

fn year(text: &str) -> Option<i32> {
    let t = text.trim();
    YEAR.is_match(t).then(|| t.parse().ok()).flatten()
}

fn has_letters(text: &str) -> bool {
    text.chars().filter(|c| c.is_alphabetic()).count() >= 3
}

/// A figure a chart plots: a percent, a count or a decimal, never a year.
fn value(text: &str) -> Option<Figure> {
    let t = text.trim();
    if t.is_empty() || year(t).is_some() {
        return None;
    }
    parse_figure(t, Hint::default()).filter(|f| f.kind != FigureKind::Count || f.unit.is_none())
}

/// The consecutive ascending years of a row whose filled cells are all years.
fn year_row(row: &Row) -> Option<Vec<(usize, i32)>> {
    let filled: Vec<(usize, &str)> = row
        .cells
        .iter()
        .enumerate()
        .map(|(i, c)| (i, c.text.trim()))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    if filled.len() < 2 {
        return None;
    }
    let years: Vec<(usize, i32)> = filled
        .iter()
        .map(|(i, t)| year(t).map(|y| (*i, y)))
        .collect::<Option<_>>()?;
    years
        .windows(2)
        .all(|w| w[1].1 == w[0].1 + 1)
        .then_some(years)
}

/// A series row under a year row: a name before the first year's column and
/// a value in every year's column, nothing else.
fn series_row(row: &Row, years: &[(usize, i32)], index: &dyn Fn(&Row) -> usize) -> Option<Series> {
    let first = years.first()?.0;
    let name: Vec<&str> = row
        .cells
        .iter()
        .take(first)
        .map(|c| c.text.trim())
        .filter(|t| !t.is_empty())
        .collect();
    let name = name.join(" ");
    if !has_letters(&name) {
        return None;
    }
    let line = index(row);
    let mut values = Vec::new();
    for (i, cell) in row.cells.iter().enumerate().skip(first) {
        match years.iter().any(|(c, _)| *c == i) {
            true => values.push(Point {
                figure: value(&cell.text)?,
                line,
            }),
            false if !cell.text.trim().is_empty() => return None,
            false => {}
        }
    }
    (values.len() == years.len()).then_some(Series { name, values })
}

/// Rows of the form "year v1 … vk" under a row naming the k series above
/// their columns.
fn transposed(rows: &[&Row], index: &dyn Fn(&Row) -> usize) -> Option<(Vec<i32>, Vec<Series>)> {
    for (h, head) in rows.iter().enumerate() {
        let mut years = Vec::new();
        let mut columns: Option<Vec<usize>> = None;
        let mut data: Vec<(&Row, Vec<(usize, Figure)>)> = Vec::new();
        for row in &rows[h + 1..] {
            let filled: Vec<(usize, &str)> = row
                .cells
                .iter()
                .enumerate()
                .map(|(i, c)| (i, c.text.trim()))
                .filter(|(_, t)| !t.is_empty())
                .collect();
            let Some(((_, y), rest)) = filled.split_first() else {
                break;
            };
            let Some(y) = year(y) else { break };
            let Some(figures) = rest
                .iter()
                .map(|(i, t)| value(t).map(|f| (*i, f)))
                .collect::<Option<Vec<_>>>()
            else {
                break;
            };
            let cols: Vec<usize> = figures.iter().map(|(i, _)| *i).collect();
            if cols.is_empty() || columns.as_ref().is_some_and(|c| *c != cols) {
                break;
            }
            if years.last().is_some_and(|l: &i32| *l + 1 != y) {
                break;
            }
            columns = Some(cols);
            years.push(y);
            data.push((row, figures));
        }
        let Some(columns) = columns else { continue };
        if years.len() < 2 {
            continue;
        }
        let names: Option<Vec<String>> = columns
            .iter()
            .map(|c| {
                head.cells
                    .get(*c)
                    .map(|cell| cell.text.trim().to_string())
                    .filter(|t| has_letters(t) && value(t).is_none())
            })
            .collect();
        let Some(names) = names else { continue };
        // Every other filled cell of the naming row repeats a name (a merged cell) or is blank.
        let series = names
            .into_iter()
            .enumerate()
            .map(|(k, name)| Series {
                name,
                values: data
                    .iter()
                    .map(|(row, figures)| Point {
                        figure: figures[k].1.clone(),
                        line: index(row),
                    })
                    .collect(),
            })
            .collect();
        return Some((years, series));
    }
    None
}

/// A line that holds only axis tick labels ("120,00%", "600 500 400 300").
fn tick_count(text: &str) -> Option<usize> {
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '|')
        .filter(|t| !t.is_empty())
        .collect();
    tokens
        .iter()
        .all(|t| TICK.is_match(t))
        .then_some(tokens.len())
}

/// The charts among the tables: `lines` are the report's lines.
pub fn find_charts(tables: &[Table], lines: &[LineRef<'_>]) -> Vec<Chart> {
    let index_of = |row: &Row| -> usize {
        let at = lines.partition_point(|l| (l.page, l.line.number) < (row.page, row.line));
        at.min(lines.len().saturating_sub(1))
    };
    let mut out = Vec::new();
    for (t, table) in tables.iter().enumerate() {
        let rows: Vec<&Row> = table.header_rows.iter().chain(&table.rows).collect();
        let mut found: Option<(Vec<i32>, Vec<Series>, usize)> = None;
        for (r, row) in rows.iter().enumerate() {
            let Some(years) = year_row(row) else { continue };
            let series: Vec<Series> = rows[r + 1..]
                .iter()
                .map_while(|s| series_row(s, &years, &index_of))
                .collect();
            if !series.is_empty() {
                found = Some((years.iter().map(|(_, y)| *y).collect(), series, r));
                break;
            }
        }
        if found.is_none()
            && let Some((years, series)) = transposed(&rows, &index_of)
        {
            found = Some((years, series, 0));
        }
        let Some((years, series, axis_row)) = found else {
            continue;
        };
        let first = rows
            .get(axis_row)
            .map(|r| index_of(r))
            .unwrap_or(table.start);
        let (caption, caption_lines) = match caption(lines, table, first) {
            Some((text, at)) => (Some(text), at),
            None => (None, 0..0),
        };
        if caption.is_none() && !ticks_above(lines, first, table.page) {
            continue;
        }
        out.push(Chart {
            table: t,
            page: table.page,
            years,
            series,
            caption,
            caption_lines,
        });
    }
    out
}

/// Tick labels on the lines just above the chart's axis (at least three).
fn ticks_above(lines: &[LineRef<'_>], first: usize, page: u32) -> bool {
    let mut ticks = 0;
    for l in lines[first.saturating_sub(TICK_REACH).min(first)..first]
        .iter()
        .rev()
    {
        if l.page != page {
            break;
        }
        if l.line.text.trim().is_empty() {
            continue;
        }
        match tick_count(&l.line.text) {
            Some(n) => ticks += n,
            None => break,
        }
    }
    ticks >= 3
}

/// A "Grafik"/"Gambar" caption just below the table or just above its axis,
/// on the same page, with a title wrapped onto the next line joined; and
/// the lines it is on.
fn caption(
    lines: &[LineRef<'_>],
    table: &Table,
    first: usize,
) -> Option<(String, std::ops::Range<usize>)> {
    let below = table.end..(table.end + CAPTION_REACH).min(lines.len());
    let above = (first.saturating_sub(CAPTION_REACH)..first).rev();
    let at = below
        .chain(above)
        .find(|&i| lines[i].page == table.page && CAPTION.is_match(&lines[i].line.text))?;
    let mut text = lines[at].line.text.trim().to_string();
    if let Some(next) = lines
        .get(at + 1)
        .filter(|n| n.page == table.page && n.is_prose())
    {
        let n = next.line.text.trim();
        let open = text.matches('“').count() > text.matches('”').count();
        if n.chars().next().is_some_and(char::is_lowercase) || (open && !n.is_empty()) {
            text.push(' ');
            text.push_str(n);
            return Some((text, at..at + 2));
        }
    }
    Some((text, at..at + 1))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    fn charts(text: &str) -> Vec<super::Chart> {
        let doc = crate::extract::text::read_text_export(Path::new("t.md"), text.as_bytes());
        crate::structure::analyse(&doc).charts
    }

    #[test]
    fn a_year_axis_with_a_series_under_a_caption_is_a_chart() {
        let c = charts(
            "Teks.\n\n| | 2020 | 2021 | 2022 |\n|---|---|---|---|\n| Capaian Kinerja | 16,32% | 111,90% | 98,33% |\n\nGrafik 3. 5 Capaian Kinerja Indikator “Jumlah Kargo\nyang dilayani” Tahun 2020 - 2022\n",
        );
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].years, [2020, 2021, 2022]);
        assert_eq!(c[0].series[0].name, "Capaian Kinerja");
        assert_eq!(c[0].series[0].values[2].figure.text, "98,33%");
        assert!(
            c[0].caption
                .as_deref()
                .unwrap_or("")
                .ends_with("dilayani” Tahun 2020 - 2022")
        );
    }

    #[test]
    fn the_transposed_form_under_tick_labels_is_a_chart() {
        let c = charts(
            "600 500 400 300 200 100\n0\n\n| | Efisien | Nilai Efisien |\n|---|---|---|\n| 2020 | 0,44 | 60,15 |\n| 2021 | 2,45 | 562,53 |\n| 2022 | 0,07 | 66,75 |\n",
        );
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].years, [2020, 2021, 2022]);
        let names: Vec<&str> = c[0].series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Efisien", "Nilai Efisien"]);
        assert_eq!(
            c[0].value(1, 2022).map(|p| p.figure.text.as_str()),
            Some("66,75")
        );
    }

    #[test]
    fn a_table_of_years_without_caption_or_axis_is_not_a_chart() {
        let c = charts(
            "Tabel 3.1 Capaian\n\n| Uraian | 2020 | 2021 |\n|---|---|---|\n| Capaian | 90% | 95% |\n",
        );
        assert!(c.is_empty());
    }
}
