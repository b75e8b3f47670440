//! Series: one office's reports over 2–4 consecutive years, for the checks
//! across reports (`--series`).
//!
//! Each series has its own office and place (no two series share both), a
//! five-year Renstra period holding its years, and 3–6 indicators with a plan
//! target per year and a realisation per year. Every report of a series is a
//! clean report of the lone generator, given that office, year and those
//! indicators, plus two tables that carry figures across years: the Renstra
//! targets of the whole period (Tabel 2.1) and the realisation and capaian of
//! the year before beside the year's own (Tabel 3.5).
//!
//! A dirty series gets one cross-year error, in the report of year n against
//! the report of year n−1, recorded in the answer key with the earlier file as
//! `related`:
//! - `cross-year-figures`: Tabel 3.5 restates the realisation of n−1 wrongly;
//! - `cross-year-target`: from year n on, the Renstra target of a year no
//!   report of the series covers is changed (a revision nobody explains);
//! - `cross-year-copy`: the realisation of year n is the one of n−1, copied
//!   (the finding is on the report's own table of the year, Tabel 3.1);
//! - `cross-year-missing-indicator`: from year n on, an indicator is no longer
//!   reported (the finding is on the first row of Tabel 3.1).
//!
//! Clean series also rename an indicator slightly from some year on ("yang
//! diselesaikan" → "yang telah diselesaikan"), which must match, not be
//! reported missing.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::{Doc, Rng, pct};

/// The cross-year errors, in the order dirty series get them.
pub const KINDS: [&str; 4] = [
    "cross-year-figures",
    "cross-year-target",
    "cross-year-copy",
    "cross-year-missing-indicator",
];

const OFFICES: [&str; 14] = [
    "Kecamatan Sukamaju",
    "Kecamatan Tanjungsari",
    "Kecamatan Kaliwates",
    "Kecamatan Sumbersari",
    "Kecamatan Patrang",
    "Kecamatan Arjasa",
    "Dinas Kesehatan",
    "Dinas Pendidikan",
    "Dinas Pekerjaan Umum",
    "Dinas Sosial",
    "Dinas Perhubungan",
    "Badan Kepegawaian Daerah",
    "Badan Pendapatan Daerah",
    "Badan Perencanaan Pembangunan",
];

const PLACES: [&str; 12] = [
    "Jember",
    "Bondowoso",
    "Lumajang",
    "Situbondo",
    "Banyuwangi",
    "Probolinggo",
    "Pasuruan",
    "Malang",
    "Blitar",
    "Kediri",
    "Madiun",
    "Ngawi",
];

/// Indicators, each about something else, so that no two are alike; every
/// name has "yang" (where a rename inserts "telah"). "(negatif)": lower is
/// better.
const TOPICS: [(&str, bool); 8] = [
    ("Jumlah dokumen perencanaan yang disusun tepat waktu", false),
    (
        "Jumlah warga yang menerima layanan administrasi kependudukan",
        false,
    ),
    (
        "Jumlah rekomendasi hasil pengawasan yang ditindaklanjuti",
        false,
    ),
    (
        "Jumlah peserta pelatihan keterampilan kerja yang lulus uji",
        false,
    ),
    ("Jumlah pengaduan masyarakat yang diselesaikan", false),
    ("Jumlah usaha mikro yang dibina", false),
    (
        "Jumlah kasus pelanggaran peraturan daerah yang terjadi (negatif)",
        true,
    ),
    ("Jumlah rumah warga yang terdampak genangan (negatif)", true),
];

/// One indicator of one report: its name that year, target and realisation.
pub struct Indicator {
    pub name: String,
    pub negative: bool,
    pub target: u64,
    pub realisasi: u64,
}

impl Indicator {
    pub fn of_year(&self) -> super::Indicator {
        super::Indicator {
            name: self.name.clone(),
            negative: self.negative,
            target: self.target,
            realisasi: self.realisasi,
        }
    }
    fn capaian(&self) -> Decimal {
        self.of_year().capaian()
    }
}

/// The error a report of a series gets.
pub enum Injection {
    /// Row `row` of Tabel 3.5 states `stated` as the realisation of n−1.
    Figures {
        row: usize,
        stated: u64,
        expected: u64,
    },
    /// Row `row` of Tabel 2.1 gives the target of a year no report of the
    /// series covers as `stated`.
    Target {
        row: usize,
        stated: u64,
        expected: u64,
        /// The changed year is the period's last: the end target of Tabel
        /// 3.3 changes with it (a second, rightful finding).
        at_end: bool,
    },
    /// Row `row` of Tabel 3.1 repeats the realisation of n−1.
    Copy { row: usize },
    /// The indicator `name` of the year before is not reported.
    Missing { name: String },
}

/// What one report of a series holds.
pub struct Year {
    pub office: String,
    pub place: String,
    pub year: u64,
    /// The Renstra period, first and last year.
    pub period: (u64, u64),
    /// This year's indicators, as Tabel 3.1 gives them.
    pub indicators: Vec<Indicator>,
    /// Tabel 2.1: each indicator's plan target per year of the period.
    pub plan: Vec<(String, Vec<u64>)>,
    /// Tabel 3.5: each indicator's realisation and capaian of the year
    /// before, as this report restates them.
    pub previous: Vec<(u64, Decimal)>,
    pub inject: Option<Injection>,
    /// The file of the year before, for the key's `related`.
    pub earlier: Option<String>,
}

/// An indicator over the whole period.
struct Truth {
    name: String,
    negative: bool,
    /// Per year from `Span::base` to the end of the period.
    targets: Vec<u64>,
    /// Per year from the year before the series to its last year.
    realisasi: Vec<u64>,
}

/// Where a year's figures are in a [`Truth`].
#[derive(Clone, Copy)]
struct Span {
    /// The first year with a target: the period's first, or the year before
    /// the series when that is earlier.
    base: u64,
    /// The year before the series: its first realisation.
    before: u64,
}

impl Span {
    fn target(self, y: u64) -> usize {
        (y - self.base) as usize
    }
    fn realisasi(self, y: u64) -> usize {
        (y - self.before) as usize
    }
}

impl Truth {
    fn at(&self, span: Span, y: u64) -> Indicator {
        Indicator {
            name: self.name.clone(),
            negative: self.negative,
            target: self.targets[span.target(y)],
            realisasi: self.realisasi[span.realisasi(y)],
        }
    }
}

/// A realisation near `target` with three significant digits (no trailing
/// zero: 450 would count as two), different from `avoid`.
fn realisation(rng: &mut Rng, target: u64, avoid: &[u64]) -> u64 {
    let mut r = target - rng.range(0, target / 4) + rng.range(0, target / 8);
    while r.is_multiple_of(10) || avoid.contains(&r) {
        r += 1;
    }
    r
}

/// The series to write: for each, its reports as (file stem, year), the
/// stems named `series-SSS-YYYY-clean|dirty`.
pub fn plan(rng: &mut Rng, n: usize, clean_ratio: f64) -> Result<Vec<Vec<(String, Year)>>, String> {
    let mut offices: Vec<(usize, usize)> = (0..OFFICES.len())
        .flat_map(|o| (0..PLACES.len()).map(move |p| (o, p)))
        .collect();
    if n > offices.len() {
        return Err(format!(
            "at most {} series (distinct offices)",
            offices.len()
        ));
    }
    // A shuffle, so that series of one run are of different offices.
    for i in (1..offices.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        offices.swap(i, j);
    }
    let mut dirty = 0;
    let mut all = Vec::new();
    for (s, &(o, p)) in offices.iter().take(n).enumerate() {
        let inject = (!rng.chance(clean_ratio)).then(|| {
            dirty += 1;
            KINDS[(dirty - 1) % KINDS.len()]
        });
        let length = rng.range(2, 4) as usize;
        let first = rng.range(2019, 2023);
        // A five-year plan holding the series and at least one year more.
        let start = first - rng.range(0, (5 - length as u64).min(4));
        let period = (start, start + 4);
        // Years from the one before the series (Tabel 3.5 of the first
        // report restates it) to the last.
        let years: Vec<u64> = (first - 1..first + length as u64).collect();
        let span = Span {
            base: period.0.min(first - 1),
            before: first - 1,
        };
        let k = rng.range(3, 6) as usize;
        let mut topics: Vec<usize> = (0..TOPICS.len()).collect();
        for i in (1..topics.len()).rev() {
            let j = rng.below(i as u64 + 1) as usize;
            topics.swap(i, j);
        }
        let mut truths: Vec<Truth> = topics[..k]
            .iter()
            .map(|&t| {
                let (name, negative) = TOPICS[t];
                // Targets rise every year.
                let mut target = rng.range(150, 900);
                let mut plan = Vec::new();
                for _ in span.base..=period.1 {
                    plan.push(target);
                    target += rng.range(3, 40);
                }
                let mut realisasi: Vec<u64> = Vec::new();
                for &y in &years {
                    let t = plan[span.target(y)];
                    let mut avoid = plan.clone();
                    avoid.extend(&realisasi);
                    realisasi.push(realisation(rng, t, &avoid));
                }
                Truth {
                    name: name.to_string(),
                    negative,
                    targets: plan,
                    realisasi,
                }
            })
            .collect();
        // The later report of the pair that gets the error.
        let later = first + rng.range(1, length as u64 - 1);
        let row = rng.below(k as u64) as usize;
        let free_year = (period.0..=period.1)
            .find(|y| !(first..first + length as u64).contains(y))
            .unwrap_or(period.1);
        let mut changed_target = None;
        let mut dropped = None;
        match inject {
            Some("cross-year-copy") => {
                let t = &mut truths[row];
                let at = span.realisasi(later);
                t.realisasi[at] = t.realisasi[at - 1];
                // The year after differs from the copy, as it did before.
                if let Some(&next) = t.realisasi.get(at + 1)
                    && next == t.realisasi[at]
                {
                    t.realisasi[at + 1] += 1;
                }
            }
            Some("cross-year-target") => {
                let before = truths[row].targets[span.target(free_year)];
                changed_target = Some((before, before + rng.range(5, 30)));
            }
            Some("cross-year-missing-indicator") => dropped = Some(row),
            _ => {}
        }
        // Clean series: an indicator renamed a little from some year on.
        let renamed = (inject.is_none() && rng.chance(0.5)).then(|| {
            (
                rng.below(k as u64) as usize,
                first + rng.range(1, length as u64 - 1),
            )
        });
        let name_in = |i: usize, y: u64| -> String {
            match renamed {
                Some((r, from)) if r == i && y >= from => {
                    truths[i].name.replacen("yang ", "yang telah ", 1)
                }
                _ => truths[i].name.clone(),
            }
        };
        let state = if inject.is_some() { "dirty" } else { "clean" };
        let stem = |y: u64| format!("series-{s:03}-{y}-{state}");
        let mut reports = Vec::new();
        for y in first..first + length as u64 {
            let shown: Vec<usize> = (0..k)
                .filter(|&i| !(dropped == Some(i) && y >= later))
                .collect();
            let indicators = shown
                .iter()
                .map(|&i| Indicator {
                    name: name_in(i, y),
                    ..truths[i].at(span, y)
                })
                .collect();
            let plan = shown
                .iter()
                .map(|&i| {
                    let mut targets = truths[i].targets[span.target(period.0)..].to_vec();
                    if let Some((_, changed)) = changed_target
                        && i == row
                        && y >= later
                    {
                        targets[(free_year - period.0) as usize] = changed;
                    }
                    (name_in(i, y), targets)
                })
                .collect();
            let previous: Vec<(u64, Decimal)> = shown
                .iter()
                .map(|&i| {
                    let before = truths[i].at(span, y - 1);
                    (before.realisasi, before.capaian())
                })
                .collect();
            let at_row = shown.iter().position(|&i| i == row).unwrap_or(0);
            let error = if y != later {
                None
            } else {
                match inject {
                    Some("cross-year-figures") => {
                        let expected = previous[at_row].0;
                        let mut stated = expected + rng.range(1, 9);
                        while stated.is_multiple_of(10) || truths[row].targets.contains(&stated) {
                            stated += 1;
                        }
                        Some(Injection::Figures {
                            row: at_row,
                            stated,
                            expected,
                        })
                    }
                    Some("cross-year-target") => {
                        changed_target.map(|(before, changed)| Injection::Target {
                            row: at_row,
                            stated: changed,
                            expected: before,
                            at_end: free_year == period.1,
                        })
                    }
                    Some("cross-year-copy") => Some(Injection::Copy { row: at_row }),
                    Some("cross-year-missing-indicator") => Some(Injection::Missing {
                        name: name_in(row, y - 1),
                    }),
                    _ => None,
                }
            };
            let mut previous = previous;
            if let Some(Injection::Figures { row, stated, .. }) = &error {
                previous[*row].0 = *stated;
            }
            reports.push((
                stem(y),
                Year {
                    office: OFFICES[o].to_string(),
                    place: PLACES[p].to_string(),
                    year: y,
                    period,
                    indicators,
                    plan,
                    previous,
                    inject: error,
                    earlier: (y > first).then(|| stem(y - 1)),
                },
            ));
        }
        all.push(reports);
    }
    Ok(all)
}

/// Records an error of `s` at `line`, naming the earlier report.
fn note(
    d: &mut Doc<'_>,
    s: &Year,
    line: usize,
    rule: &'static str,
    stated: String,
    expected: String,
) {
    d.note(line, rule, stated, expected);
    if let Some(entry) = d.key.last_mut() {
        entry.related = s.earlier.clone();
    }
}

/// Tabel 2.1: the plan's target of each indicator for every year of the
/// period.
pub fn plan_table(d: &mut Doc<'_>, s: &Year) {
    let (start, end) = s.period;
    d.push("Tabel 2.1");
    d.push(format!(
        "Target Kinerja Rencana Strategis Tahun {start}-{end}"
    ));
    let mut header = String::from("NO\tINDIKATOR");
    for y in start..=end {
        let _ = write!(header, "\tTARGET {y}");
    }
    d.push(header);
    for (i, (name, targets)) in s.plan.iter().enumerate() {
        let mut row = format!("{}\t{name}", i + 1);
        for t in targets {
            let _ = write!(row, "\t{t}");
        }
        let line = d.push(row);
        if let Some(Injection::Target {
            row,
            stated,
            expected,
            ..
        }) = &s.inject
            && *row == i
        {
            note(
                d,
                s,
                line,
                "cross-year-target",
                stated.to_string(),
                expected.to_string(),
            );
        }
    }
    d.blank();
}

/// The plan's target for the period's last year of indicator `i`, as this
/// report gives the plan (Tabel 3.3's "target akhir Renstra").
pub fn end_target(s: &Year, i: usize) -> u64 {
    s.plan
        .get(i)
        .and_then(|(_, targets)| targets.last().copied())
        .unwrap_or(0)
}

/// A changed end-of-period target shows in Tabel 3.3 too (row `i` at `line`).
pub fn note_end_target(d: &mut Doc<'_>, s: &Year, i: usize, line: usize) {
    if let Some(Injection::Target {
        row, at_end: true, ..
    }) = &s.inject
        && *row == i
    {
        d.also(line, "cross-year-target");
    }
}

/// Records the errors that fall on Tabel 3.1, whose rows are at `lines`.
pub fn note_measured(d: &mut Doc<'_>, s: &Year, lines: &[usize]) {
    match &s.inject {
        Some(Injection::Copy { row }) => {
            let figure = s.indicators[*row].realisasi.to_string();
            note(d, s, lines[*row], "cross-year-copy", figure, String::new());
        }
        // Noted on the report's own table of the year, where it is missing.
        Some(Injection::Missing { name }) => {
            note(
                d,
                s,
                lines[0],
                "cross-year-missing-indicator",
                String::new(),
                name.clone(),
            );
        }
        _ => {}
    }
}

/// Tabel 3.5: the realisation and capaian of the year before and of the year.
pub fn comparison_table(d: &mut Doc<'_>, s: &Year) {
    let (n, before) = (s.year, s.year - 1);
    d.push("Tabel 3.5");
    d.push(format!(
        "Perbandingan Realisasi dan Capaian Kinerja Tahun {before} dan Tahun {n}"
    ));
    d.push(format!(
        "NO\tINDIKATOR\tREALISASI {before}\tCAPAIAN {before} (%)\tREALISASI {n}\tCAPAIAN {n} (%)"
    ));
    for (i, (ind, (realisasi, capaian))) in s.indicators.iter().zip(&s.previous).enumerate() {
        let line = d.push(format!(
            "{}\t{}\t{realisasi}\t{}\t{}\t{}",
            i + 1,
            ind.name,
            pct(*capaian),
            ind.realisasi,
            pct(ind.capaian())
        ));
        if let Some(Injection::Figures {
            row,
            stated,
            expected,
        }) = &s.inject
            && *row == i
        {
            note(
                d,
                s,
                line,
                "cross-year-figures",
                stated.to_string(),
                expected.to_string(),
            );
        }
    }
    d.blank();
}
