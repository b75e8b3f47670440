//! `scale_bands`: the predicate scale a report states ("> 90 Sangat Baik;
//! 75 – 90 Baik; …") is a scale: each band can hold a value, and a boundary
//! two bands share belongs to one of them. A band written "80 > 100" holds
//! nothing (80 is never above 100), and ">55 – 80 Sedang" over "<55 Kurang"
//! leaves 55 in no band: a capaian there has no predicate.
//!
//! The scales are the ones the predicate checks read (`predicates::stated_scales`).

use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::common::{Context, Pattern, first_value};
use super::predicates::{StatedScale, stated_scales};
use super::{Check, Draft, Sink, Why};
use crate::facts::format::format_id;
use crate::findings::Localized;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleBandsParams {
    /// A bound written as a comparison of two numbers ("80 > 100"): groups
    /// `a`, `op` and `b`.
    comparison: Pattern,
    /// A range whose lower bound is excluded ("> 55 – 80", "lebih dari 55 s/d
    /// 80"): groups `min` and `max`.
    open_range: Pattern,
}

#[derive(Debug)]
pub struct ScaleBands {
    p: ScaleBandsParams,
}

impl ScaleBands {
    pub fn new(p: ScaleBandsParams) -> Result<Self, String> {
        for (name, pattern, groups) in [
            ("comparison", &p.comparison, &["a", "op", "b"][..]),
            ("open_range", &p.open_range, &["min", "max"][..]),
        ] {
            let names: Vec<&str> = pattern.0.capture_names().flatten().collect();
            if let Some(missing) = groups.iter().find(|g| !names.contains(g)) {
                return Err(format!("{name} needs a group named {missing:?}"));
            }
        }
        Ok(ScaleBands { p })
    }
}

fn shown(v: Decimal) -> String {
    format_id(v, v.normalize().scale())
}

/// Whether "a op b" holds.
fn holds(a: Decimal, op: &str, b: Decimal) -> Option<bool> {
    Some(match op {
        ">" => a > b,
        "<" => a < b,
        ">=" | "≥" => a >= b,
        "<=" | "≤" => a <= b,
        _ => return None,
    })
}

/// One cell of a scale's line: the line, the cell's byte offset in it, its text.
type Cell<'a> = (usize, usize, &'a str);

/// A scale's cells, one text per cell of each of its lines: a table row's
/// cells apart, so that a row number never reads as a bound ("1 > 100").
fn cells<'a>(ctx: &'a Context<'_, '_>, scale: &StatedScale) -> Vec<Cell<'a>> {
    let end = scale.end.min(ctx.report.lines.len());
    let mut out = Vec::new();
    for i in scale.line.min(end)..end {
        let mut offset = 0;
        for cell in ctx.report.lines[i].line.text.split('\t') {
            out.push((i, offset, cell));
            offset += cell.len() + 1;
        }
    }
    out
}

const STACKED: Why = Why {
    en: "the scale's bands are stacked in one cell",
    id: "kelas skala bertumpuk dalam satu sel",
};

static SPACES: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"\s+").expect("valid regex"));

impl ScaleBands {
    /// "80 > 100": a bound that no value can meet.
    fn impossible_bounds(&self, cells: &[Cell<'_>], out: &mut Sink) -> bool {
        let mut found = false;
        for &(line, offset, cell) in cells {
            for c in self.p.comparison.0.captures_iter(cell) {
                let (Some(a), Some(op), Some(b)) = (c.name("a"), c.name("op"), c.name("b")) else {
                    continue;
                };
                let (Some(x), Some(y)) = (first_value(a.as_str()), first_value(b.as_str())) else {
                    continue;
                };
                let op = SPACES.replace_all(op.as_str(), "").to_string();
                if holds(x, &op, y) != Some(false) {
                    continue;
                }
                found = true;
                let Some(whole) = c.get(0) else {
                    continue;
                };
                let stated = whole.as_str().to_string();
                let (x, y) = (shown(x), shown(y));
                out.push(
                    Draft {
                        line,
                        expected: format!("{x} – {y}"),
                        computation: Localized::new(
                            format!(
                                "{x} {op} {y} tidak pernah benar: tidak ada nilai dalam rentang ini"
                            ),
                            format!("{x} {op} {y} is never true: no value lies in this band"),
                        ),
                        highlight: Some((offset + whole.start(), offset + whole.end())),
                        stated,
                        ..Default::default()
                    }
                    .var(
                        "problem",
                        Localized::new("rentang yang mustahil", "an impossible range"),
                    ),
                );
            }
        }
        found
    }

    /// The scale's bands with the lower bound of "> 55 – 80" excluded, as
    /// written (the scale reader keeps a range's bounds inclusive).
    fn bands(&self, scale: &StatedScale, cells: &[Cell<'_>]) -> Vec<(Band, usize)> {
        let open: Vec<(Decimal, Decimal, usize)> = cells
            .iter()
            .flat_map(|&(line, _, cell)| {
                self.p
                    .open_range
                    .0
                    .captures_iter(cell)
                    .filter_map(move |c| {
                        let min = first_value(c.name("min")?.as_str())?;
                        let max = first_value(c.name("max")?.as_str())?;
                        Some((min, max, line))
                    })
            })
            .collect();
        scale
            .bands
            .iter()
            .map(|b| {
                let b = &b.band;
                let excluded = open
                    .iter()
                    .find(|(min, max, _)| b.min == Some(*min) && b.max == Some(*max));
                let band = Band {
                    min: b.min.map(|m| (m, b.min_inclusive && excluded.is_none())),
                    max: b.max.map(|m| (m, b.max_inclusive)),
                    label: b.label.clone(),
                };
                (band, excluded.map_or(scale.line, |(_, _, line)| *line))
            })
            .collect()
    }

    /// A boundary that one band excludes from above and the next from below.
    fn holes(&self, scale: &StatedScale, cells: &[Cell<'_>], out: &mut Sink) -> bool {
        let bands = self.bands(scale, cells);
        let mut found = false;
        for (upper, line) in &bands {
            let Some((v, false)) = upper.min else {
                continue;
            };
            let below = bands
                .iter()
                .find(|(b, _)| b.max == Some((v, false)) && b.label != upper.label);
            let Some((lower, _)) = below else {
                continue;
            };
            if bands.iter().any(|(b, _)| b.contains(v)) {
                continue;
            }
            found = true;
            // The fix nearest the page: the band above takes its boundary.
            let expected = match upper.max {
                Some((max, _)) => format!("≥ {} – {}", shown(v), shown(max)),
                None => format!("≥ {}", shown(v)),
            };
            let v = shown(v);
            out.push(
                Draft {
                    line: *line,
                    stated: v.clone(),
                    expected,
                    computation: Localized::new(
                        format!(
                            "{v} tidak termasuk \"{}\" (> {v}) maupun \"{}\" (< {v})",
                            upper.label, lower.label
                        ),
                        format!(
                            "{v} is neither in \"{}\" (> {v}) nor in \"{}\" (< {v})",
                            upper.label, lower.label
                        ),
                    ),
                    ..Default::default()
                }
                .var(
                    "problem",
                    Localized::new(
                        "batas yang tidak masuk kelas mana pun",
                        "a boundary in no band",
                    ),
                ),
            );
        }
        found
    }
}

/// A band with each bound and whether it is included.
#[derive(Debug)]
struct Band {
    min: Option<(Decimal, bool)>,
    max: Option<(Decimal, bool)>,
    label: String,
}

impl Band {
    fn contains(&self, v: Decimal) -> bool {
        let above = match self.min {
            Some((m, true)) => v >= m,
            Some((m, false)) => v > m,
            None => true,
        };
        let below = match self.max {
            Some((m, true)) => v <= m,
            Some((m, false)) => v < m,
            None => true,
        };
        above && below
    }
}

impl Check for ScaleBands {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        for scale in stated_scales(ctx) {
            // Ranges stacked in one cell: a comparison there may run from one
            // band into the next ("50 - 80 % < 50 %").
            if scale.stacked {
                out.skip(STACKED);
                continue;
            }
            let cells = cells(ctx, &scale);
            let impossible = self.impossible_bounds(&cells, out);
            let holes = self.holes(&scale, &cells, out);
            if !impossible && !holes {
                out.agree();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::checks::testing::findings;

    const SCALE: &str = "Tabel 3.1 Skala Penilaian\n\n| SKALA NILAI | KATEGORI PENILAIAN |\n|---|---|\n| >100 | Sangat Baik |\n| {baik} | Baik |\n| {sedang} | Sedang |\n| <55 | Kurang |\n";

    fn scale(baik: &str, sedang: &str) -> String {
        SCALE.replace("{baik}", baik).replace("{sedang}", sedang)
    }

    #[test]
    fn a_band_no_value_can_meet_is_found() {
        let found = findings("malformed-scale", &scale("80 > 100", "55 – 80"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "80 > 100");
        assert_eq!(found[0].expected, "80 – 100");
    }

    #[test]
    fn a_boundary_in_no_band_is_found() {
        let found = findings("malformed-scale", &scale("80 – 100", ">55 – 80"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "55");
        assert_eq!(found[0].expected, "≥ 55 – 80");
    }

    #[test]
    fn a_well_formed_scale_is_not_flagged() {
        for (baik, sedang) in [("80 – 100", "55 – 80"), ("80 – 100", "55 – 79")] {
            let found = findings("malformed-scale", &scale(baik, sedang));
            assert!(found.is_empty(), "{baik} / {sedang}: {found:#?}");
        }
        // A row number beside a bound is not a comparison ("1 | > 100").
        let numbered = "Tabel 3.1 Skala\n\n| No | Skala | Kategori |\n|---|---|---|\n| 1 | > 100 | Sangat Baik |\n| 2 | 80 – 100 | Baik |\n| 3 | 55 – 79 | Sedang |\n| 4 | < 55 | Kurang |\n";
        let found = findings("malformed-scale", numbered);
        assert!(found.is_empty(), "{found:#?}");
        // "90 < X ≤ 100" bounds a value between two numbers.
        let between = "Tabel 3.1 Skala\n\n| Skala | Kategori |\n|---|---|\n| 90 < X ≤ 100 | Sangat Baik |\n| 75 < X ≤ 90 | Baik |\n| 55 < X ≤ 75 | Sedang |\n| X ≤ 55 | Kurang |\n";
        let found = findings("malformed-scale", between);
        assert!(found.is_empty(), "{found:#?}");
    }
}
