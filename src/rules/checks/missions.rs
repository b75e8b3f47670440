//! `mission_capaian`: the capaian of a misi the narrative states ("Misi
//! Pertama … mempunyai kinerja SANGAT BAIK (132,15%)", "pencapaian Misi 3 …
//! sebesar 158,20%") against the report's performance table: the value the
//! table prints on that misi's row, or, when the row prints none, the mean of
//! the capaian under it — but only by a way of averaging (the mean of its
//! sasaran's means, or of its indicators) that another capaian the report
//! states bears out, so the check never imposes a formula of its own.
//!
//! The same check at the level of a sasaran strategis (`level = "sasaran"`):
//! "sasaran strategis pertama (SS1) … dengan persentase capaian sebesar
//! 200%" against that sasaran's capaian in the performance tables — printed
//! on its own row, or the mean of its indicators' capaian when the report's
//! statements of sasaran bear that mean out. A sasaran named by its ordinal
//! is found in each table by its name, the names taken from the table that
//! numbers the most sasaran 1, 2, 3 … in order (a table listing only some
//! sasaran numbers them afresh).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::arithmetic::table_name;
use super::common::{Context, agrees_range, figures, like, pct};
use super::narrative::{YEAR, mean, spread};
use super::{Check, Draft, Sink, Why};
use crate::facts::figures::{Figure, FigureKind};
use crate::findings::Localized;
use crate::structure::roles::{Role, TableKind};
use crate::structure::sections::parse_roman;
use crate::structure::{Row, Table};

/// What the narrative's capaian is of.
#[derive(Debug, Deserialize, Default, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// "Misi 3", "misi ke-2": a misi row of the table, or the rows under it.
    #[default]
    Misi,
    /// "sasaran strategis pertama (SS1)": a sasaran's row, or its indicators.
    Sasaran,
}

impl Level {
    /// The message's placeholder for the ordinal.
    fn noun(self) -> &'static str {
        match self {
            Level::Misi => "misi",
            Level::Sasaran => "sasaran",
        }
    }

    /// "Misi 3" / "sasaran 3".
    fn name(self, n: u32) -> String {
        match self {
            Level::Misi => format!("Misi {n}"),
            Level::Sasaran => format!("sasaran {n}"),
        }
    }

    fn mention(self) -> &'static Regex {
        match self {
            Level::Misi => &MISI,
            Level::Sasaran => &SASARAN,
        }
    }

    fn other_measure(self) -> &'static Regex {
        match self {
            Level::Misi => &OTHER_MEASURE,
            Level::Sasaran => &OTHER_MEASURE_SASARAN,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MissionParams {
    /// `misi` (the default) or `sasaran`.
    #[serde(default)]
    level: Level,
}

#[derive(Debug)]
pub struct MissionCapaian {
    level: Level,
}

impl MissionCapaian {
    pub fn new(p: MissionParams) -> Result<Self, String> {
        Ok(MissionCapaian { level: p.level })
    }
}

const NO_ROW: Why = Why {
    en: "no performance table has a row for the misi or sasaran",
    id: "tidak ada tabel pengukuran kinerja dengan baris misi atau sasaran itu",
};
const UNREAD: Why = Why {
    en: "the misi's row prints no capaian and the rows under it cannot be averaged (a capaian that is not a number, or several capaian columns)",
    id: "baris misi tidak mencantumkan capaian dan baris di bawahnya tidak dapat dirata-ratakan (capaian bukan angka, atau beberapa kolom capaian)",
};
const UNCONFIRMED: Why = Why {
    en: "no capaian of a misi or sasaran the report states agrees with a mean of its table rows: the report's way of averaging is unknown",
    id: "tidak ada capaian misi atau sasaran yang disebut laporan yang sama dengan rata-rata baris tabelnya: cara laporan merata-ratakan tidak diketahui",
};
const OTHER_NUMBERING: Why = Why {
    en: "the name after the sasaran's ordinal is another sasaran's in the tables: the text numbers the sasaran otherwise",
    id: "nama setelah urutan sasaran adalah nama sasaran lain pada tabel: uraian menomori sasaran dengan cara lain",
};
const TABLES_DIFFER: Why = Why {
    en: "the tables give the misi or sasaran different capaian",
    id: "tabel-tabel memberi capaian misi atau sasaran itu berbeda",
};

/// "Misi 3", "misi ke-2", "Misi Pertama", "MISI IV".
static MISI: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)\bmisi\s+(?:ke\s*-?\s*)?(?P<ord>\d{1,2}|[ivx]{1,4}|pertama|kesatu|kedua|ketiga|keempat|kelima|keenam|ketujuh|kedelapan|kesembilan|kesepuluh)\b",
    )
    .expect("valid regex")
});

/// "sasaran strategis pertama (SS1)", "sasaran ke-2", "sasaran strategis
/// (SS4)": the ordinal in words, digits or Roman, or only in "(SSn)".
static SASARAN: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)\bsasaran\s+(?:strategis\s+|stratejik\s+)?(?:(?:ke\s*-?\s*)?(?P<ord>\d{1,2}|[ivx]{1,4}|pertama|kesatu|kedua|ketiga|keempat|kelima|keenam|ketujuh|kedelapan|kesembilan|kesepuluh)\b(?:\s*\(\s*SS\s*-?\s*\d{1,2}\s*\))?|\(\s*SS\s*-?\s*(?P<ss>\d{1,2})\s*\))",
    )
    .expect("valid regex")
});

/// A misi row's label: "Misi 1 :", "II Misi 2 : …", "MISI III : …".
static MISI_ROW: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)^\W*(?:[ivx]{1,4}\.?\s+|\d{1,2}\.?\s+)?misi\s*(?:ke\s*-?\s*)?(?P<ord>\d{1,2}|[ivx]{1,4}|pertama|kesatu|kedua|ketiga|keempat|kelima|keenam|ketujuh|kedelapan|kesembilan|kesepuluh)\b",
    )
    .expect("valid regex")
});

/// A row that ends a misi's rows: the visi's, a total or an average.
static END_ROW: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)^\W*(?:visi\b|jumlah\s*$|total\b|rata[\s-]*rata\b|rerata\b)")
        .expect("valid regex")
});

/// What may stand between the misi and its capaian: words of another measure
/// (an indicator's, a sasaran's, the budget's) make the figure not the misi's.
static OTHER_MEASURE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)indikator|sasaran|tujuan|program|kegiatan|anggaran|keuangan|belanja|\brp\.?\b|fisik|target|realisasi|serapan|penyerapan|efisiensi|sebelumnya|tahun\s+lalu",
    )
    .expect("valid regex")
});

/// What may stand between a sasaran and its capaian: words of another
/// measure.
static OTHER_MEASURE_SASARAN: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)indikator|misi|tujuan|program|kegiatan|anggaran|keuangan|belanja|\brp\.?\b|fisik|target|realisasi|serapan|penyerapan|efisiensi|porsi|kontribusi|sebelumnya|tahun\s+lalu",
    )
    .expect("valid regex")
});

/// In the sentence before a sasaran: a numbering relative to a tujuan or
/// misi ("Pada tujuan 1 sasaran 2"), or the budget's share.
static SASARAN_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)tujuan|misi|indikator|program|kegiatan|anggaran|keuangan|belanja|porsi|serapan|efisiensi",
    )
    .expect("valid regex")
});

/// The sentence of a sasaran's capaian speaks of an achievement.
static ACHIEVEMENT: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"(?i)capaian|kinerja").expect("valid regex"));

/// A change rather than a level, right before the figure ("peningkatan
/// sebesar 5%"); a misi's name may hold these words further back
/// ("Memfasilitasi Peningkatan Produktivitas …").
static CHANGE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(r"(?i)(?:kenaikan|penurunan|peningkatan|selisih|naik|turun|meningkat|menurun)\W+(?:\w+\W+){0,2}$")
        .expect("valid regex")
});

/// The words right before a misi's capaian.
static LINK: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)(?:\bsebesar|\bmencapai|\badalah|\byaitu|\bnilai|\bdengan|\bcapaian|:|\()\s*$",
    )
    .expect("valid regex")
});

/// A misi's ordinal as a number.
fn ordinal(text: &str) -> Option<u32> {
    let t = text.to_lowercase();
    if let Ok(n) = t.parse::<u32>() {
        return Some(n);
    }
    let words = [
        "kesatu",
        "kedua",
        "ketiga",
        "keempat",
        "kelima",
        "keenam",
        "ketujuh",
        "kedelapan",
        "kesembilan",
        "kesepuluh",
    ];
    if t == "pertama" {
        return Some(1);
    }
    if let Some(i) = words.iter().position(|w| *w == t) {
        return Some(i as u32 + 1);
    }
    parse_roman(&t)
}

/// How the mean of a misi's rows is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Way {
    /// The mean of its sasaran's means (each the mean of its indicators).
    OfSasaran,
    /// The mean of all its indicators.
    OfIndicators,
    /// A sasaran's one indicator: agreeing with it bears out no averaging.
    Single,
}

/// A mean of a misi's rows: how it was taken, its value, its slack (the
/// rounding of the values averaged) and its computation.
#[derive(Debug, Clone)]
struct Mean {
    way: Way,
    value: Decimal,
    slack: Decimal,
    computation: String,
}

impl Mean {
    fn agrees(&self, stated: &Figure, tolerance: Decimal) -> bool {
        agrees_range(
            stated,
            self.value - self.slack,
            self.value + self.slack,
            tolerance,
        )
    }
}

/// What one table says of one misi.
#[derive(Debug, Clone)]
struct TableMisi {
    table: usize,
    /// The capaian printed on the misi's row.
    printed: Option<Figure>,
    /// The means of the rows under it.
    means: Vec<Mean>,
    /// The line of the misi's row.
    line: usize,
}

/// The one figure of a cell ("131,83 (SB)" → 131,83), if a percentage or a
/// bare number.
fn capaian_of(text: &str) -> Option<Figure> {
    let figs = figures(text);
    match &figs[..] {
        [f] if matches!(f.kind, FigureKind::Percent | FigureKind::Plain) => Some(f.clone()),
        _ => None,
    }
}

/// The misi ordinal a row names in its first cells.
fn misi_row(row: &Row) -> Option<u32> {
    let lead: Vec<&str> = row
        .cells
        .iter()
        .map(|c| c.text.trim())
        .filter(|t| !t.is_empty())
        .take(2)
        .collect();
    let joined = lead.join(" ");
    let c = MISI_ROW.captures(&joined)?;
    ordinal(&c["ord"])
}

/// A performance table's capaian columns of the report year (or of no year).
fn capaian_columns(ctx: &Context<'_, '_>, t: &Table) -> Vec<usize> {
    if t.kind != TableKind::Performance {
        return Vec::new();
    }
    let year = ctx.year();
    t.roles
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            r.role == Role::Capaian && !r.money && (r.year.is_none() || r.year == year)
        })
        .map(|(i, _)| i)
        .collect()
}

/// The misi of one performance table, by ordinal.
fn table_misi(ctx: &Context<'_, '_>, index: usize, t: &Table) -> Vec<(u32, TableMisi)> {
    let capaian = capaian_columns(ctx, t);
    if capaian.is_empty() {
        return Vec::new();
    }
    let number = t.roles.iter().position(|r| r.role == Role::Number);
    let mut out = Vec::new();
    let starts: Vec<(usize, u32)> = t
        .rows
        .iter()
        .enumerate()
        .filter_map(|(k, r)| misi_row(r).map(|n| (k, n)))
        .collect();
    for (s, &(k, n)) in starts.iter().enumerate() {
        let row = &t.rows[k];
        let printed: Vec<Figure> = capaian
            .iter()
            .filter_map(|&c| row.cell(c).and_then(|c| capaian_of(&c.text)))
            .collect();
        let printed = match &printed[..] {
            [] => None,
            [f, rest @ ..] if rest.iter().all(|g| g.value == f.value) => Some(f.clone()),
            _ => continue,
        };
        let end = starts.get(s + 1).map(|(e, _)| *e).unwrap_or(t.rows.len());
        let rows: Vec<&Row> = t.rows[k + 1..end]
            .iter()
            .take_while(|r| {
                !END_ROW.is_match(r.label())
                    && !r.cells.iter().take(2).any(|c| END_ROW.is_match(&c.text))
            })
            .collect();
        let means = if printed.is_some() {
            Vec::new()
        } else {
            means_of(&rows, &capaian, number)
        };
        out.push((
            n,
            TableMisi {
                table: index,
                printed,
                means,
                line: ctx.row_line(row.page, row.line),
            },
        ));
    }
    out
}

/// The means of a misi's rows: its indicators' capaian (in the one capaian
/// column they fill), grouped by sasaran where a numbered row starts one.
/// Empty when a capaian cell is not a number or the values are in more than
/// one column.
fn means_of(rows: &[&Row], capaian: &[usize], number: Option<usize>) -> Vec<Mean> {
    let filled: Vec<usize> = capaian
        .iter()
        .copied()
        .filter(|&c| {
            rows.iter()
                .any(|r| r.cell(c).is_some_and(|c| !c.text.trim().is_empty()))
        })
        .collect();
    let [col] = filled[..] else {
        return Vec::new();
    };
    let mut groups: Vec<Vec<Figure>> = Vec::new();
    for r in rows {
        let text = r.cell(col).map(|c| c.text.trim()).unwrap_or("");
        let starts = number
            .and_then(|c| r.cell(c))
            .is_some_and(|c| !c.text.trim().is_empty());
        if text.is_empty() {
            // A heading inside the misi (a sasaran named over its indicators).
            if starts {
                groups.push(Vec::new());
            }
            continue;
        }
        let Some(f) = capaian_of(text) else {
            return Vec::new();
        };
        if starts || groups.is_empty() {
            groups.push(Vec::new());
        }
        if let Some(g) = groups.last_mut() {
            g.push(f);
        }
    }
    groups.retain(|g| !g.is_empty());
    let items: Vec<&Figure> = groups.iter().flatten().collect();
    if items.is_empty() {
        return Vec::new();
    }
    let slack = items.iter().map(|f| spread(f)).max().unwrap_or_default();
    let mut out = Vec::new();
    let group_means: Vec<Decimal> = groups
        .iter()
        .filter_map(|g| mean(&g.iter().map(|f| f.value).collect::<Vec<_>>()))
        .collect();
    if let Some(m) = mean(&group_means) {
        let parts: Vec<String> = groups
            .iter()
            .map(|g| {
                let shown: Vec<String> = g.iter().map(|f| f.text.trim().to_string()).collect();
                if g.len() == 1 {
                    shown.join("")
                } else {
                    format!("({})/{}", shown.join(" + "), g.len())
                }
            })
            .collect();
        out.push(Mean {
            way: Way::OfSasaran,
            value: m,
            slack,
            computation: format!("({}) / {} = {}", parts.join(" + "), groups.len(), pct(m)),
        });
    }
    if groups.iter().any(|g| g.len() > 1) {
        out.extend(mean_of(Way::OfIndicators, &items));
    }
    out
}

/// The plain mean of `items`, taken `way`.
fn mean_of(way: Way, items: &[&Figure]) -> Option<Mean> {
    let values: Vec<Decimal> = items.iter().map(|f| f.value).collect();
    let m = mean(&values)?;
    let slack = items.iter().map(|f| spread(f)).max().unwrap_or_default();
    let shown: Vec<String> = items.iter().map(|f| f.text.trim().to_string()).collect();
    Some(Mean {
        way,
        value: m,
        slack,
        computation: format!("({}) / {} = {}", shown.join(" + "), items.len(), pct(m)),
    })
}

/// What the tables say of each misi or sasaran, by ordinal.
type ByOrdinal = BTreeMap<u32, Vec<TableMisi>>;

/// One sasaran of a performance table: its name (normalised), the number
/// printed beside it, and what the table says of its capaian.
struct TableSasaran {
    name: String,
    number: Option<u32>,
    unit: TableMisi,
}

/// A sasaran's name for matching across tables: lower case, letters and
/// digits, a leading item number left out.
fn name_key(text: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let skip = words
        .iter()
        .take_while(|w| w.chars().all(|c| c.is_ascii_digit()))
        .count();
    words[skip..].join(" ")
}

/// Two names of one sasaran: one begins the other, allowing a typo near the
/// end ("pelayanan public" / "pelayanan publik").
fn same_name(a: &str, b: &str) -> bool {
    let shorter = a.chars().count().min(b.chars().count());
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    shorter >= 10 && common * 100 >= shorter * 85
}

/// The number printed in a cell: "1", "2.", "3)".
fn item_number(text: &str) -> Option<u32> {
    let t = text.trim();
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let rest = t[digits.len()..].trim();
    if digits.is_empty()
        || digits.len() > 2
        || !(rest.is_empty() || rest.starts_with(['.', ')', ' ']))
    {
        return None;
    }
    digits.parse().ok()
}

/// The sasaran of one performance table with a sasaran column: each starts
/// at a row naming it and runs over the rows below whose sasaran cell is
/// blank, to a misi's row or a total's. Its capaian is printed when its row
/// holds no indicator (or the table has no indicator column and only that
/// row a capaian); otherwise its indicators' capaian are averaged.
fn table_sasaran(ctx: &Context<'_, '_>, index: usize, t: &Table) -> Vec<TableSasaran> {
    let capaian = capaian_columns(ctx, t);
    if capaian.is_empty() {
        return Vec::new();
    }
    let label_with = |word: &str| {
        t.columns.iter().enumerate().position(|(i, h)| {
            let h = h.to_lowercase();
            t.roles.get(i).is_some_and(|r| r.role == Role::Label)
                && h.contains(word)
                && (word == "indikator" || !h.contains("indikator"))
        })
    };
    let Some(column) = label_with("sasaran") else {
        return Vec::new();
    };
    let indicator = label_with("indikator");
    let number = t.roles.iter().position(|r| r.role == Role::Number);
    let mut groups: Vec<Vec<&Row>> = Vec::new();
    let mut open = false;
    for r in &t.rows {
        if misi_row(r).is_some()
            || END_ROW.is_match(r.label())
            || r.cells.iter().take(2).any(|c| END_ROW.is_match(&c.text))
        {
            open = false;
            continue;
        }
        let name = r
            .cell(column)
            .filter(|c| c.text.chars().filter(|c| c.is_alphabetic()).count() >= 3)
            .map(|c| name_key(&c.text));
        let current = groups
            .last()
            .and_then(|g| g.first())
            .and_then(|f| f.cell(column))
            .map(|c| name_key(&c.text));
        match name {
            // A name repeated on each indicator's row goes on with its sasaran.
            Some(n) if !(open && current.as_deref() == Some(n.as_str())) => {
                groups.push(vec![r]);
                open = true;
            }
            _ if open => {
                if let Some(g) = groups.last_mut() {
                    g.push(r);
                }
            }
            _ => {}
        }
    }
    let filled = |r: &Row, c: usize| r.cell(c).is_some_and(|c| !c.text.trim().is_empty());
    let mut out = Vec::new();
    for g in groups {
        let Some(&first) = g.first() else {
            continue;
        };
        let name_text = first.cell(column).map(|c| c.text.as_str()).unwrap_or("");
        let printed_number = number
            .and_then(|c| first.cell(c))
            .and_then(|c| item_number(&c.text))
            .or_else(|| item_number(name_text));
        // The one capaian column the sasaran's rows fill.
        let cols: Vec<usize> = capaian
            .iter()
            .copied()
            .filter(|&c| g.iter().any(|r| filled(r, c)))
            .collect();
        let values: Option<Vec<Figure>> = match cols[..] {
            [c] => g
                .iter()
                .filter(|r| filled(r, c))
                .map(|r| r.cell(c).and_then(|x| capaian_of(&x.text)))
                .collect(),
            _ => None,
        };
        let Some(values) = values.filter(|v| !v.is_empty()) else {
            continue;
        };
        let own_row = match indicator {
            Some(i) => !filled(first, i),
            None => g
                .iter()
                .skip(1)
                .all(|r| cols.iter().all(|&c| !filled(r, c))),
        };
        let first_has = cols.iter().any(|&c| filled(first, c));
        let (printed, means) = if own_row && first_has {
            (values.first().cloned(), Vec::new())
        } else {
            let items: Vec<&Figure> = values.iter().collect();
            let way = if items.len() > 1 {
                Way::OfIndicators
            } else {
                Way::Single
            };
            (None, mean_of(way, &items).into_iter().collect())
        };
        out.push(TableSasaran {
            name: name_key(name_text),
            number: printed_number,
            unit: TableMisi {
                table: index,
                printed,
                means,
                line: ctx.row_line(first.page, first.line),
            },
        });
    }
    out
}

/// The sasaran of all performance tables, by ordinal. The ordinals' names
/// come from the tables numbering the most sasaran 1, 2, 3 … in order (an
/// ordinal they name differently is dropped); every table's sasaran is then
/// placed by its name.
fn sasaran_by_ordinal(ctx: &Context<'_, '_>) -> (ByOrdinal, Vec<(u32, String)>) {
    let tables: Vec<Vec<TableSasaran>> = ctx
        .report
        .tables
        .iter()
        .enumerate()
        .map(|(i, t)| table_sasaran(ctx, i, t))
        .collect();
    let in_order = |ss: &Vec<TableSasaran>| {
        ss.len() >= 2
            && ss
                .iter()
                .enumerate()
                .all(|(k, s)| s.number == Some(k as u32 + 1) && !s.name.is_empty())
    };
    let most = tables
        .iter()
        .filter(|ss| in_order(ss))
        .map(Vec::len)
        .max()
        .unwrap_or(0);
    let mut names: BTreeMap<u32, Option<String>> = BTreeMap::new();
    for ss in tables.iter().filter(|ss| in_order(ss) && ss.len() == most) {
        for (k, s) in ss.iter().enumerate() {
            let entry = names
                .entry(k as u32 + 1)
                .or_insert_with(|| Some(s.name.clone()));
            if entry.as_ref().is_some_and(|n| !same_name(n, &s.name)) {
                *entry = None;
            }
        }
    }
    let mut out: BTreeMap<u32, Vec<TableMisi>> = BTreeMap::new();
    for s in tables.into_iter().flatten() {
        let matching: Vec<u32> = names
            .iter()
            .filter(|(_, n)| n.as_ref().is_some_and(|n| same_name(n, &s.name)))
            .map(|(k, _)| *k)
            .collect();
        if let [k] = matching[..] {
            out.entry(k).or_default().push(s.unit);
        }
    }
    let names = names
        .into_iter()
        .filter_map(|(k, n)| n.map(|n| (k, n)))
        .collect();
    (out, names)
}

/// The ordinal of the sasaran whose name the text after a mention begins
/// with ("yaitu „meningkatnya kapasitas …‟"), if it names one.
fn named_after(after: &str, names: &[(u32, String)]) -> Option<u32> {
    let key = name_key(after);
    let key = key.strip_prefix("yaitu ").unwrap_or(&key);
    names
        .iter()
        .find(|(_, n)| {
            let common = key
                .chars()
                .zip(n.chars())
                .take_while(|(x, y)| x == y)
                .count();
            common >= n.chars().count().min(25)
        })
        .map(|(k, _)| *k)
}

/// A misi's capaian stated in a paragraph.
struct Mention {
    misi: u32,
    /// The words right after the ordinal (a sasaran's name).
    after: String,
    figure: Figure,
    line: usize,
    highlight: (usize, usize),
}

/// The misi capaian the report's paragraphs state.
fn mentions(ctx: &Context<'_, '_>, level: Level) -> Vec<Mention> {
    let year = ctx.year();
    let mut out = Vec::new();
    for p in &ctx.report.paragraphs {
        let text = &p.text;
        let found: Vec<regex::Captures> = level.mention().captures_iter(text).collect();
        for (k, c) in found.iter().enumerate() {
            let (Some(all), Some(ord)) = (c.get(0), c.name("ord").or_else(|| c.name("ss"))) else {
                continue;
            };
            let Some(misi) = ordinal(ord.as_str()) else {
                continue;
            };
            // The clause after the misi: to the next misi, the sentence's end
            // or 250 characters.
            let mut end = found
                .get(k + 1)
                .and_then(|n| n.get(0))
                .map(|m| m.start())
                .unwrap_or(text.len());
            let rest = &text[all.end()..end];
            if let Some(i) = sentence_end(rest) {
                end = all.end() + i;
            }
            let mut cut = (all.end() + 250).min(end);
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let window = &text[all.end()..cut];
            let Some(f) = figures(window)
                .into_iter()
                .find(|f| !(f.kind == FigureKind::Plain && f.text.trim().len() == 4))
            else {
                continue;
            };
            if f.kind != FigureKind::Percent {
                continue;
            }
            let before = &window[..f.start];
            if level.other_measure().is_match(before)
                || CHANGE.is_match(before)
                || !LINK.is_match(before)
            {
                continue;
            }
            // A sasaran's sentence: its numbering not relative to a tujuan or
            // misi, not about the budget, and about an achievement.
            if level == Level::Sasaran {
                let opening = &text[sentence_start(&text[..all.start()])..all.start()];
                if SASARAN_CONTEXT.is_match(opening)
                    || !(ACHIEVEMENT.is_match(opening) || ACHIEVEMENT.is_match(before))
                {
                    continue;
                }
            }
            if YEAR
                .find_iter(before)
                .any(|y| y.as_str().parse::<i32>().ok() != year)
            {
                continue;
            }
            // A figure followed by another percentage ("… 95% dari 100%") is
            // not a capaian alone.
            let after = &window[f.end..];
            if after.trim_start().starts_with("dari") {
                continue;
            }
            let at = all.end() + f.start;
            let (line, col) = ctx.locate(p, at);
            let after: String = before.chars().take(120).collect();
            let mut figure = f;
            figure.start += all.end();
            figure.end += all.end();
            out.push(Mention {
                misi,
                after,
                highlight: (col, col + figure.end - figure.start),
                figure,
                line,
            });
        }
    }
    out
}

/// Where the last sentence of `text` starts: after its last ". " before a
/// capital, or ";".
fn sentence_start(text: &str) -> usize {
    let mut start = 0;
    let mut rest = 0;
    while let Some(i) = sentence_end(&text[rest..]) {
        let at = rest + i + 1;
        start = at;
        rest = at;
    }
    start
}

/// Where a sentence ends in `text`: ". " before a capital, or ";".
fn sentence_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    for (i, ch) in text.char_indices() {
        if ch == ';' {
            return Some(i);
        }
        if ch == '.'
            && bytes.get(i + 1) == Some(&b' ')
            && text[i + 2..].chars().next().is_some_and(char::is_uppercase)
        {
            return Some(i);
        }
    }
    None
}

impl Check for MissionCapaian {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let level = self.level;
        let mut said = mentions(ctx, level);
        if said.is_empty() {
            return;
        }
        let units: ByOrdinal = match level {
            Level::Misi => {
                let mut misi: BTreeMap<u32, Vec<TableMisi>> = BTreeMap::new();
                for (i, t) in ctx.report.tables.iter().enumerate() {
                    for (n, m) in table_misi(ctx, i, t) {
                        misi.entry(n).or_default().push(m);
                    }
                }
                misi
            }
            Level::Sasaran => {
                let (units, names) = sasaran_by_ordinal(ctx);
                // A sasaran the text names after its ordinal must be the
                // tables' sasaran of that ordinal: else the text numbers them
                // otherwise (within a misi).
                said.retain(|m| {
                    let other = named_after(&m.after, &names).is_some_and(|k| k != m.misi);
                    if other {
                        out.skip(OTHER_NUMBERING);
                    }
                    !other
                });
                units
            }
        };
        let agrees_with = |m: &Mention, way: Way| {
            units.get(&m.misi).is_some_and(|ts| {
                ts.iter().any(|t| {
                    t.means
                        .iter()
                        .any(|w| w.way == way && w.agrees(&m.figure, ctx.tolerance))
                })
            })
        };
        // Per way of averaging, how many of the capaian the report states it
        // gives: the ways the report bears out. (A sasaran's one indicator
        // bears out no averaging.)
        let mut borne_by: BTreeMap<Way, usize> = BTreeMap::new();
        for way in [Way::OfSasaran, Way::OfIndicators] {
            let n = said.iter().filter(|o| agrees_with(o, way)).count();
            if n > 0 {
                borne_by.insert(way, n);
            }
        }
        for m in &said {
            let Some(tables) = units.get(&m.misi) else {
                out.skip(NO_ROW);
                continue;
            };
            let printed: Vec<(&TableMisi, &Figure)> = tables
                .iter()
                .filter_map(|t| t.printed.as_ref().map(|f| (t, f)))
                .collect();
            // Either figure may show fewer decimals than the other.
            let agrees_printed = |f: &Figure| {
                let slack = spread(f);
                agrees_range(&m.figure, f.value - slack, f.value + slack, ctx.tolerance)
            };
            if printed.iter().any(|(_, f)| agrees_printed(f))
                || tables
                    .iter()
                    .any(|t| t.means.iter().any(|w| w.agrees(&m.figure, ctx.tolerance)))
            {
                out.agree();
                continue;
            }
            if let Some((t, f)) = printed.first() {
                if printed.iter().any(|(_, g)| g.value != f.value) {
                    out.skip(TABLES_DIFFER);
                    continue;
                }
                let table = &ctx.report.tables[t.table];
                out.push(finding(
                    level,
                    m,
                    like(&m.figure, f.value),
                    Localized::new(
                        format!(
                            "{} mencantumkan capaian {} sebesar {}",
                            table_name(table).id,
                            level.name(m.misi),
                            f.text.trim()
                        ),
                        format!(
                            "{} prints the capaian of {} as {}",
                            table_name(table).en,
                            level.name(m.misi),
                            f.text.trim()
                        ),
                    ),
                    t.line,
                    table,
                ));
                continue;
            }
            let computed: Vec<(&TableMisi, &Mean)> = tables
                .iter()
                .flat_map(|t| t.means.iter().map(move |w| (t, w)))
                .collect();
            if computed.is_empty() {
                out.skip(UNREAD);
                continue;
            }
            // A way of averaging the report's other statements bear out.
            let best = computed
                .iter()
                .map(|(t, w)| (borne_by.get(&w.way).copied().unwrap_or(0), *t, *w))
                .filter(|(n, _, _)| *n > 0)
                .max_by_key(|(n, _, w)| (*n, std::cmp::Reverse(w.way)));
            let Some((
                _,
                t,
                Mean {
                    value, computation, ..
                },
            )) = best
            else {
                out.skip(UNCONFIRMED);
                continue;
            };
            let table = &ctx.report.tables[t.table];
            let (under_id, under_en) = match level {
                Level::Misi => (
                    format!("di bawah Misi {}", m.misi),
                    format!("under Misi {}", m.misi),
                ),
                Level::Sasaran => (
                    format!("indikator sasaran {}", m.misi),
                    format!("of the indicators of sasaran {}", m.misi),
                ),
            };
            out.push(finding(
                level,
                m,
                like(&m.figure, *value),
                Localized::new(
                    format!(
                        "rata-rata capaian {under_id} pada {}: {} (cara yang sama memberi capaian lain yang disebut laporan)",
                        table_name(table).id,
                        computation
                    ),
                    format!(
                        "mean of the capaian {under_en} in {}: {} (the same way gives other capaian the report states)",
                        table_name(table).en,
                        computation
                    ),
                ),
                t.line,
                table,
            ));
        }
    }
}

fn finding(
    level: Level,
    m: &Mention,
    expected: String,
    computation: Localized,
    row: usize,
    table: &Table,
) -> Draft {
    Draft {
        line: m.line,
        stated: m.figure.text.trim().to_string(),
        expected,
        computation,
        related: vec![row],
        highlight: Some(m.highlight),
        ..Default::default()
    }
    .var(level.noun(), Localized::same(m.misi.to_string()))
    .var("table", table_name(table))
}

#[cfg(test)]
mod tests {
    use super::ordinal;
    use crate::rules::checks::testing::{findings, run_default};

    const RULE: &str = "misi-capaian";

    #[test]
    fn ordinals_in_words_digits_and_roman() {
        assert_eq!(ordinal("Pertama"), Some(1));
        assert_eq!(ordinal("ketiga"), Some(3));
        assert_eq!(ordinal("IV"), Some(4));
        assert_eq!(ordinal("2"), Some(2));
        assert_eq!(ordinal("ix"), Some(9));
        assert_eq!(ordinal("ini"), None);
    }

    const PRINTED: &str = "Tabel 6. Pengukuran Capaian Misi Tahun 2016\n\n\
| No | Misi/Sasaran | Indikator Kinerja | Target | Realisasi | Capaian (%) |\n\
|---|---|---|---|---|---|\n\
| I | Misi 1 : Memfasilitasi produktivitas ternak | | | | 131,83 |\n\
| 1 | | Jumlah produksi daging | 768 | 992 | 129,17 |\n\
| 2 | | Jumlah populasi sapi | 466 | 627 | 134,55 |\n\
| II | Misi 2 : Memfasilitasi usaha peternakan | | | | 100,00 |\n\
| 3 | | Kawasan usaha | 5 | 5 | 100,00 |\n\n";

    #[test]
    fn a_misi_capaian_other_than_its_row_prints_is_flagged() {
        let text = format!(
            "{PRINTED}Laporan Kinerja Tahun 2016.\n\nRata-rata capaian untuk Misi Pertama (memfasilitasi produktivitas ternak) mempunyai kinerja SANGAT BAIK (132,15%), Misi Kedua mempunyai kinerja BAIK (100,00%).\n"
        );
        let (found, coverage) = run_default(RULE, &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "132,15%");
        assert_eq!(found[0].expected, "131,83%");
        assert_eq!(coverage.agree, 1, "{coverage:#?}");
    }

    #[test]
    fn the_capaian_as_printed_agrees() {
        let text = format!(
            "{PRINTED}Laporan Kinerja Tahun 2016.\n\nMisi Pertama memfasilitasi produktivitas ternak mempunyai kinerja SANGAT BAIK dengan nilai 131,83%.\n"
        );
        let (found, coverage) = run_default(RULE, &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1, "{coverage:#?}");
    }

    #[test]
    fn an_indicator_figure_after_the_misi_is_not_its_capaian() {
        let text = format!(
            "{PRINTED}Laporan Kinerja Tahun 2016.\n\nPada misi kedua, dengan indikator kinerja kawasan usaha telah dicapai dengan capaian 90%. Capaian Misi Kedua mengalami peningkatan sebesar 20%.\n"
        );
        let (found, coverage) = run_default(RULE, &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree + coverage.disagree, 0, "{coverage:#?}");
    }

    const UNPRINTED: &str = "Tabel III.2 Pengukuran Capaian Indikator Kinerja Tahun 2016\n\n\
| No | Sasaran | Indikator Kinerja | Target 2016 | Realisasi 2016 | Capaian 2016 |\n\
|---|---|---|---|---|---|\n\
| Misi 1 : Penataan Ruang | | | | | |\n\
| 1 | Ketersediaan rencana | Kajian RTR | 1 | 1 | 100,00% |\n\
| | | Kajian RDTR | 3 | 2 | 66,67% |\n\
| 2 | Pemanfaatan ruang | Kesesuaian ruang | 70 | 67 | 95,71% |\n\
| Misi 2 : Jasa Konstruksi | | | | | |\n\
| 3 | SDM bersertifikat | SDM Jasa Konstruksi | 31 | 50,25 | 162,10% |\n\
| 4 | Uji mutu | Contoh uji | 1.320 | 3.875 | 293,56% |\n\
| 5 | Bangunan negara | Kepuasan instansi | 80 | 80 | 100,00% |\n\n";

    #[test]
    fn a_misi_mean_the_other_misi_bear_out_is_checked() {
        let text = |second: &str| {
            format!(
                "{UNPRINTED}Laporan Kinerja Tahun 2016.\n\nHasil pencapaian Misi 1 pada tahun 2016 adalah sebesar 89,52% atau terkategori baik, pencapaian Misi 2 pada tahun 2016 adalah sebesar {second} atau terkategori sangat baik.\n"
            )
        };
        let (found, coverage) = run_default(RULE, &text("185,22%"));
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 2, "{coverage:#?}");
        let found = findings(RULE, &text("158,20%"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "158,20%");
        assert_eq!(found[0].expected, "185,22%");
    }

    const SASARAN: &str = "sasaran-capaian";

    const BY_SASARAN: &str = "Tabel 7 Capaian Kinerja Sasaran Tahun 2016\n\n\
| No | Sasaran | Indikator Kinerja | Target | Realisasi | Capaian (%) |\n\
|---|---|---|---|---|---|\n\
| 1. | Meningkatnya kapasitas organisasi perangkat daerah | Jumlah rekomendasi yang ditindaklanjuti | 1 | 2 | 200 |\n\
| | | Persentase OPD yang sesuai SOTK | 100 | 100 | 100 |\n\
| 2. | Meningkatnya kualitas standarisasi pelayanan publik | Jumlah unit pelayanan publik terbaik | 14 | 18 | 128,57 |\n\
| | | Jumlah inovasi pelayanan publik | 4 | 1 | 25 |\n\
| 3. | Ketersediaan standarisasi kerja organisasi | Jumlah regulasi standarisasi | 13 | 17 | 130,77 |\n\
| Rata-rata | | | | | 109,42 |\n\n";

    fn sasaran_text(said: &str) -> String {
        format!("{BY_SASARAN}Laporan Kinerja Tahun 2016.\n\n{said}\n")
    }

    const SS2: &str = "Pada sasaran strategis kedua (SS2) yaitu „meningkatnya kualitas standarisasi pelayanan publik‟ pencapaian kinerja diperoleh sebesar 76,78%.";

    #[test]
    fn a_sasaran_capaian_other_than_its_indicators_mean_is_flagged() {
        let text = sasaran_text(&format!(
            "{SS2} Pencapaian kinerja tertinggi adalah sasaran strategis pertama (SS1) yaitu „meningkatnya kapasitas organisasi perangkat daerah‟ dengan persentase capaian sebesar 200%."
        ));
        let (found, coverage) = run_default(SASARAN, &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].stated, "200%");
        assert_eq!(found[0].expected, "150%");
        assert_eq!(coverage.agree, 1, "{coverage:#?}");
    }

    #[test]
    fn a_sasaran_capaian_equal_to_its_mean_or_single_indicator_agrees() {
        let text = sasaran_text(&format!(
            "{SS2} Pencapaian sasaran strategis ketiga (SS3) yaitu „ketersediaan standarisasi kerja organisasi‟ sebesar 130,77% pada indikator kinerja jumlah regulasi."
        ));
        let (found, coverage) = run_default(SASARAN, &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 2, "{coverage:#?}");
    }

    #[test]
    fn a_sasaran_mean_nothing_bears_out_is_not_judged() {
        let text = sasaran_text(
            "Pencapaian kinerja tertinggi adalah sasaran strategis pertama (SS1) dengan persentase capaian sebesar 200%.",
        );
        let (found, coverage) = run_default(SASARAN, &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.len(), 1, "{coverage:#?}");
    }

    #[test]
    fn sasaran_numbered_otherwise_or_budget_shares_are_not_judged() {
        // Numbered within a misi: the name after the ordinal is the tables'
        // second sasaran; numbered within a tujuan; a share of the budget.
        let text = sasaran_text(&format!(
            "{SS2} Sasaran 1 : Meningkatnya kualitas standarisasi pelayanan publik mendapat predikat Sangat Baik dengan capaian rata-rata sebesar 125%. Pada tujuan 1 sasaran 1 ketercapaian sasaran sebesar 95,71%. Porsi anggaran terkecil dimanfaatkan untuk mencapai sasaran strategis pertama (SS1) yaitu sebesar 12,49%."
        ));
        let (found, coverage) = run_default(SASARAN, &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.agree, 1, "{coverage:#?}");
        assert_eq!(coverage.skipped.len(), 1, "{coverage:#?}");
    }

    #[test]
    fn a_mean_no_other_misi_bears_out_is_not_judged() {
        let text = format!(
            "{UNPRINTED}Laporan Kinerja Tahun 2016.\n\nPencapaian Misi 2 pada tahun 2016 adalah sebesar 158,20%.\n"
        );
        let (found, coverage) = run_default(RULE, &text);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(coverage.skipped.len(), 1, "{coverage:#?}");
    }
}
