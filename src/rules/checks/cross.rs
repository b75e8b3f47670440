//! Checks across reports: several years of one office audited in one run.
//!
//! After each report is audited on its own, [`facts`] keeps of it only what
//! the cross-report rules compare — per indicator row of its performance
//! tables, per year, the target, realisasi and capaian with where they are
//! printed — never the document. A [`Collector`] groups these facts by office
//! (the normalised name from the metadata) and report year as the files come
//! (one map insertion per file), and at the end compares each pair of
//! consecutive years of one office:
//!
//! - `figures`: the realisasi and capaian of year n−1 that the later report
//!   restates against those the earlier report (of year n−1) gave;
//! - `target`: the targets both give for the same indicator and year, against
//!   the same reference (the year's agreement, or the plan);
//! - `copy`: a figure of the later report's own year that repeats, unchanged,
//!   the same indicator's figure of the year before (warning);
//! - `missing`: an indicator of the earlier report's own performance table that
//!   the later report no longer gives (info).
//!
//! A finding is reported on the later file and names the earlier file's
//! places in `related`. Every check abstains when an indicator matches
//! ambiguously, when the earlier report gives two values for the same figure
//! (unless one comes from its own table of the year), or when years are unclear:
//! a report whose office or year is not established, or two reports of one
//! office for the same year, are left ungrouped.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::common::{Pattern, both};
use super::quantities::{FUZZY_WORDS, LIKE_ENOUGH, indicator_key, likeness, same_value, specific};
use crate::facts::figures::{Figure, FigureKind};
use crate::findings::{Finding, Lang, Localized, Location};
use crate::rules::loader::Rule;
use crate::structure::roles::{Role, TableKind};
use crate::structure::{Chapter, Report, Row, Table};

/// The check kind rule files name for a cross-report rule.
pub const KIND: &str = "cross_report";

/// Which comparison a cross-report rule makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Comparison {
    Figures,
    Target,
    Copy,
    Missing,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrossParams {
    /// Which comparison the rule makes.
    pub check: Comparison,
    /// Columns that are not one year's value of an indicator (quarters,
    /// cumulative, end of plan, efficiency…): never kept.
    pub skip_column: Pattern,
    /// A table or target column of the plan (Renstra, RPJMD): its targets and
    /// the capaian against them are compared only with the plan's.
    pub plan: Pattern,
    /// A row that averages the capaian of the rows above it.
    pub average_row: Pattern,
    /// `copy`: the significant digits a figure needs before its repetition
    /// is suspicious (100, 6 or 3 repeat honestly).
    #[serde(default = "default_digits")]
    pub min_digits: usize,
    /// A target column of the plan's last year that names no year ("Target
    /// Akhir Renstra"): its year is the end of the plan period the report
    /// names, when it names exactly one.
    #[serde(default)]
    pub end_target: Option<Pattern>,
    /// A plan period in the text: the plan's name, then "YYYY-YYYY".
    #[serde(default)]
    pub plan_period: Option<Pattern>,
}

fn default_digits() -> usize {
    3
}

/// A rule of this kind does nothing on one report: it is run by the collector.
#[derive(Debug)]
pub struct Inert;

impl super::Check for Inert {}

impl Inert {
    /// Validates a rule's parameters as it is loaded.
    pub fn new(p: CrossParams) -> Result<Inert, String> {
        if p.min_digits == 0 {
            return Err("`min_digits` must be at least 1".to_string());
        }
        Ok(Inert)
    }
}

/// The cross-report rules in force, with their parameters.
#[derive(Debug, Clone, Default)]
pub struct CrossRules {
    pub rules: Vec<(Rule, CrossParams)>,
}

impl CrossRules {
    pub fn from_rules<'a>(rules: impl Iterator<Item = &'a Rule>) -> CrossRules {
        let rules = rules
            .filter(|r| r.kind == KIND)
            .filter_map(|r| {
                toml::Value::Table(r.params.clone())
                    .try_into::<CrossParams>()
                    .ok()
                    .map(|p| (r.clone(), p))
            })
            .collect();
        CrossRules { rules }
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The extraction parameters: those of the first rule.
    fn params(&self) -> Option<&CrossParams> {
        self.rules.first().map(|(_, p)| p)
    }
}

// ------------------------------------------------------------------ facts

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    Target,
    Realisasi,
    Capaian,
    /// A program's or kegiatan's budget (pagu, anggaran), in rupiah.
    Anggaran,
    /// The budget spent (realisasi anggaran), in rupiah.
    Spent,
}

impl Measure {
    fn words(self) -> (&'static str, &'static str) {
        match self {
            Measure::Target => ("target", "target"),
            Measure::Realisasi => ("realisasi", "realisation"),
            Measure::Capaian => ("capaian", "achievement"),
            Measure::Anggaran => ("anggaran", "budget"),
            Measure::Spent => ("realisasi anggaran", "budget spent"),
        }
    }

    /// A measure of an indicator, not of a budget row.
    fn of_indicator(self) -> bool {
        matches!(
            self,
            Measure::Target | Measure::Realisasi | Measure::Capaian
        )
    }
}

/// What a target, and the capaian against it, refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Basis {
    /// The year's agreement (Perjanjian Kinerja) or the report's own target.
    Agreement,
    /// The plan (Renstra, RPJMD).
    Plan,
}

/// One figure of one indicator (or average row) for one year, as printed.
#[derive(Debug, Clone)]
pub struct Fact {
    /// The indicator's normalised name, or for an average row the names of
    /// the indicators it averages.
    pub key: String,
    /// The row's label as printed.
    pub label: String,
    pub average: bool,
    /// For an average row, the keys of the indicators it averages.
    pub members: Vec<String>,
    pub year: i32,
    pub measure: Measure,
    pub basis: Basis,
    pub figure: Figure,
    pub location: Location,
    pub excerpt: String,
    /// "Tabel 3.1", or the table's page when it has no number.
    pub table: String,
    /// From a table whose figures are of this year only (the report's own
    /// table of the year, not a comparison over years).
    pub single_year: bool,
    /// From the plan's own table (its caption names the plan, or it is
    /// read as a Renstra table), not a column of another table.
    pub plan_table: bool,
    /// The row's line in the report's line list.
    pub index: Option<usize>,
}

/// What one report contributes: its office, year and facts.
#[derive(Debug, Clone)]
pub struct ReportFacts {
    pub file: String,
    /// The office as the metadata names it.
    pub office: String,
    /// Where the report was signed: two offices of one name ("Dinas
    /// Kesehatan") in two regions are two offices.
    pub place: Option<String>,
    pub year: i32,
    pub facts: Vec<Fact>,
    /// Predicate claims this report gives no scale for (`predicate-stated`).
    pub unscaled: Vec<super::Unscaled>,
    /// The predicate scales it states.
    pub scales: Vec<(super::predicates::StatedScale, Location)>,
}

/// Why a report was not grouped with others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Ungrouped {
    NoOffice,
    NoYear,
    /// Another report of the same office gives the same year.
    SameYear,
}

static TABLE_PAGE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(r"(?i)indikator").expect("valid regex"));

/// The office's name reduced to what identifies it: lower case, no
/// punctuation, "Kantor" and "Kelas …" dropped, common long forms abbreviated.
pub fn office_key(name: &str) -> String {
    let lower = name.to_lowercase();
    let mut s: String = lower
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    for (long, short) in [
        ("unit penyelenggara bandar udara", "upbu"),
        ("kabupaten", "kab"),
        ("provinsi", "prov"),
        ("kecamatan", "kec"),
        ("kelurahan", "kel"),
        ("rumah sakit umum daerah", "rsud"),
        ("sekretariat daerah", "setda"),
    ] {
        s = s.replace(long, short);
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        match words[i] {
            "kantor" | "pemerintah" => {}
            // "Kelas III": the office's class, which may change between years.
            "kelas" => {
                if words
                    .get(i + 1)
                    .is_some_and(|w| w.chars().all(|c| "ivx0123456789".contains(c)))
                {
                    i += 1;
                }
            }
            w => out.push(w),
        }
        i += 1;
    }
    out.join(" ")
}

/// The office a report is grouped under: its normalised name and the place
/// it was signed in (when the metadata gives one).
fn group_key(f: &ReportFacts) -> String {
    let place = f.place.as_deref().map(office_key).unwrap_or_default();
    format!("{} @ {place}", office_key(&f.office))
}

/// The facts of one audited report, or why it cannot be grouped.
pub fn facts(
    report: &Report<'_>,
    file: &str,
    rules: &CrossRules,
    run: &mut super::RuleRun,
) -> Result<ReportFacts, Ungrouped> {
    let office = report.metadata.office.clone().ok_or(Ungrouped::NoOffice)?;
    let year = report.metadata.year.ok_or(Ungrouped::NoYear)?;
    if office_key(&office).is_empty() {
        return Err(Ungrouped::NoOffice);
    }
    let mut facts = Vec::new();
    if let Some(p) = rules.params() {
        let plan_end = plan_end(report, p);
        for table in &report.tables {
            if crate::limits::out_of_time() {
                break;
            }
            table_facts(report, table, file, p, plan_end, &mut facts);
        }
    }
    Ok(ReportFacts {
        file: file.to_string(),
        office,
        place: report.metadata.place.clone(),
        year,
        facts,
        unscaled: std::mem::take(&mut run.unscaled),
        scales: std::mem::take(&mut run.scales),
    })
}

/// The last year of the plan period the report names ("Renstra … Tahun
/// 2021-2025", in its text or a table's caption), when it names exactly one
/// period of three to six years.
pub(crate) fn plan_end(report: &Report<'_>, p: &CrossParams) -> Option<i32> {
    let pattern = p.plan_period.as_ref()?;
    let captions = report.tables.iter().filter_map(|t| t.caption_title());
    let texts = report
        .paragraphs
        .iter()
        .map(|para| para.text.clone())
        .chain(captions);
    let mut periods: BTreeSet<(i32, i32)> = BTreeSet::new();
    for text in texts {
        for c in pattern.0.captures_iter(&text) {
            let (Some(from), Some(to)) = (c.get(1), c.get(2)) else {
                continue;
            };
            if let (Ok(from), Ok(to)) = (from.as_str().parse::<i32>(), to.as_str().parse::<i32>())
                && (3..=5).contains(&(to - from))
            {
                periods.insert((from, to));
            }
        }
    }
    match periods.len() {
        1 => periods.first().map(|&(_, to)| to),
        _ => None,
    }
}

/// The value columns of a table: role, year, and whether the plan's.
fn value_columns(table: &Table, p: &CrossParams, plan_end: Option<i32>) -> Vec<ValueColumn> {
    let title = table.caption_title().unwrap_or_default();
    let plan_table = p.plan.is_match(&title);
    let mut out = Vec::new();
    for (col, (role, label)) in table.roles.iter().zip(&table.columns).enumerate() {
        // The plan's end target: of the period's last year.
        if role.role == Role::Target
            && !role.money
            && role.year.is_none()
            && let (Some(end), Some(pattern)) = (plan_end, &p.end_target)
            && pattern.is_match(label)
        {
            out.push(ValueColumn {
                col,
                measure: Measure::Target,
                year: end,
                basis: Basis::Plan,
            });
            continue;
        }
        if role.money || p.skip_column.is_match(label) {
            continue;
        }
        let measure = match role.role {
            Role::Target => Measure::Target,
            Role::Realisasi => Measure::Realisasi,
            Role::Capaian => Measure::Capaian,
            _ => continue,
        };
        // Only a year the header (or the caption) names: a column without
        // one is abstained on.
        let Some(year) = role.year else { continue };
        let basis = if plan_table || p.plan.is_match(label) {
            Basis::Plan
        } else {
            Basis::Agreement
        };
        out.push(ValueColumn {
            col,
            measure,
            year,
            basis,
        });
    }
    out
}

/// The money columns of a budget table: the budget and what was spent, of
/// the year the header or caption names. A budget column without a year
/// takes the year of the table's realisasi columns when they give one.
fn budget_columns(table: &Table, p: &CrossParams) -> Vec<ValueColumn> {
    let usable = |col: usize| {
        let (role, label) = (&table.roles[col], &table.columns[col]);
        role.money && !p.skip_column.is_match(label)
    };
    let spent_years: BTreeSet<i32> = (0..table.roles.len())
        .filter(|&c| usable(c) && table.roles[c].role == Role::Realisasi)
        .filter_map(|c| table.roles[c].year)
        .collect();
    let only_year = (spent_years.len() == 1)
        .then(|| spent_years.first().copied())
        .flatten();
    (0..table.roles.len())
        .filter(|&c| usable(c))
        .filter_map(|c| {
            let role = &table.roles[c];
            let measure = match role.role {
                Role::Anggaran => Measure::Anggaran,
                Role::Realisasi => Measure::Spent,
                _ => return None,
            };
            let year = role.year.or(only_year)?;
            Some(ValueColumn {
                col: c,
                measure,
                year,
                basis: Basis::Agreement,
            })
        })
        .collect()
}

/// "Tabel 3.2"; a caption printed "Tabel 3. 2" is read as number 3 and a
/// title starting "2 …": the number is put back together.
fn table_name(table: &Table) -> String {
    let Some(number) = table.caption_number() else {
        return format!("tabel hlm. {}", table.page);
    };
    let title = table.caption_title().unwrap_or_default();
    let lead: String = title.chars().take_while(char::is_ascii_digit).collect();
    let rest = &title[lead.len()..];
    if !lead.is_empty() && lead.len() <= 2 && rest.starts_with(' ') && !number.contains('.') {
        format!("{number}.{lead}")
    } else {
        number
    }
}

/// The column naming each row's indicator: a label column whose header says
/// "indikator", else the last label column.
fn indicator_column(table: &Table) -> Option<usize> {
    let labels: Vec<usize> = (0..table.roles.len())
        .filter(|&c| table.roles[c].role == Role::Label)
        .collect();
    labels
        .iter()
        .copied()
        .find(|&c| TABLE_PAGE.is_match(&table.columns[c]))
        .or_else(|| labels.last().copied())
}

/// A column of a table giving one measure of one year for each row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ValueColumn {
    col: usize,
    measure: Measure,
    year: i32,
    basis: Basis,
}

/// A row of a table named by its indicator (or, for an average row, by the
/// indicators it averages).
struct NamedRow<'t> {
    key: String,
    /// The row's label as printed.
    label: String,
    /// For an average row, the keys of the indicators it averages.
    average: Option<Vec<String>>,
    row: &'t Row,
}

/// Where a table's facts come from: what each fact says of its place.
struct TableSite<'r, 'd> {
    report: &'r Report<'d>,
    file: &'r str,
    name: String,
    single_year: bool,
    plan_table: bool,
}

impl TableSite<'_, '_> {
    /// A fact of a row: its figure of a column's measure and year.
    fn fact(&self, named: &NamedRow<'_>, column: ValueColumn, figure: Figure) -> Fact {
        let row = named.row;
        let index = self.report.index_of(row.page, row.line);
        Fact {
            key: named.key.clone(),
            label: named.label.clone(),
            average: named.average.is_some(),
            members: named.average.clone().unwrap_or_default(),
            year: column.year,
            measure: column.measure,
            basis: column.basis,
            figure,
            location: Location {
                file: self.file.to_string(),
                page: self.report.doc.paged.then_some(row.page),
                line: row.line,
            },
            excerpt: index
                .and_then(|i| self.report.lines.get(i))
                .map(|l| l.line.text.clone())
                .unwrap_or_default(),
            index,
            table: self.name.clone(),
            single_year: self.single_year,
            plan_table: self.plan_table,
        }
    }
}

pub(crate) fn table_facts(
    report: &Report<'_>,
    table: &Table,
    file: &str,
    p: &CrossParams,
    plan_end: Option<i32>,
    out: &mut Vec<Fact>,
) {
    if table.chapter == Chapter::Lampiran {
        return;
    }
    let columns = match table.kind {
        TableKind::Performance | TableKind::Comparison | TableKind::Renstra => {
            value_columns(table, p, plan_end)
        }
        // Programs and kegiatan by name, like indicators.
        TableKind::Budget => budget_columns(table, p),
        TableKind::Chart | TableKind::Other => return,
    };
    if columns.is_empty() {
        return;
    }
    let Some(name_col) = indicator_column(table) else {
        return;
    };
    let years: BTreeSet<i32> = columns.iter().map(|c| c.year).collect();
    let site = TableSite {
        report,
        file,
        name: table_name(table),
        single_year: years.len() == 1,
        plan_table: table.kind == TableKind::Renstra,
    };
    for named in named_rows(table, name_col, p) {
        if named.average.is_some() {
            // An average row prints its figure wherever the merged cell
            // falls: one figure per year, taken as the capaian.
            for &year in &years {
                if let Some((figure, column)) = average_figure(named.row, &columns, year) {
                    out.push(site.fact(&named, column, figure));
                }
            }
            continue;
        }
        for &column in &columns {
            if let Some(figure) = named.row.figure(column.col) {
                out.push(site.fact(&named, column, figure.clone()));
            }
        }
    }
}

/// The rows of a table by indicator, with its average rows (each averaging
/// the indicators since the last one, else all before it); an indicator
/// named twice in one table (under two sasaran) is not identified by its
/// name and is left out.
fn named_rows<'t>(table: &'t Table, name_col: usize, p: &CrossParams) -> Vec<NamedRow<'t>> {
    // Indicators since the last average row, and all of the table's.
    let mut since: Vec<String> = Vec::new();
    let mut all: Vec<String> = Vec::new();
    let mut keys_seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut rows: Vec<NamedRow<'t>> = Vec::new();
    for (_, row) in table.data_rows() {
        let label = row.label();
        if p.average_row.is_match(label) {
            let covered = if since.is_empty() {
                all.clone()
            } else {
                std::mem::take(&mut since)
            };
            if covered.len() >= 2 {
                let mut covered = covered;
                covered.sort();
                covered.dedup();
                rows.push(NamedRow {
                    key: format!("rata-rata: {}", covered.join(" | ")),
                    label: label.to_string(),
                    average: Some(covered),
                    row,
                });
            }
            continue;
        }
        let name = row.cell(name_col).map(|c| c.text.as_str()).unwrap_or("");
        let key = indicator_key(name);
        if !specific(&key) {
            continue;
        }
        since.push(key.clone());
        all.push(key.clone());
        *keys_seen.entry(key.clone()).or_default() += 1;
        rows.push(NamedRow {
            key,
            label: name.to_string(),
            average: None,
            row,
        });
    }
    rows.retain(|r| r.average.is_some() || keys_seen.get(&r.key).copied().unwrap_or(0) <= 1);
    rows
}

/// An average row's one figure of `year` (not rupiah) in any of that year's
/// columns, as a capaian of the year's first column; None when it has none
/// or two that differ.
fn average_figure(row: &Row, columns: &[ValueColumn], year: i32) -> Option<(Figure, ValueColumn)> {
    let figures: Vec<&Figure> = columns
        .iter()
        .filter(|c| c.year == year)
        .filter_map(|c| row.figure(c.col))
        .filter(|f| f.kind != FigureKind::Rupiah)
        .collect();
    let first = figures.first()?;
    if figures.iter().any(|f| !same_value(f, first, Decimal::ZERO)) {
        return None;
    }
    // A figure was found, so the year has a column.
    let column = columns.iter().find(|c| c.year == year)?;
    let column = ValueColumn {
        measure: Measure::Capaian,
        ..*column
    };
    Some(((*first).clone(), column))
}

// --------------------------------------------------------------- grouping

/// One office's reports in the run, by year.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub office: String,
    /// (year, file) of each report grouped, by year.
    pub reports: Vec<(i32, String)>,
}

/// A report left out of the cross-report checks, and why.
#[derive(Debug, Clone, Serialize)]
pub struct UngroupedFile {
    pub file: String,
    pub why: Ungrouped,
}

/// What the cross-report checks did in a run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CrossSummary {
    /// Offices with reports of two or more years.
    pub groups: Vec<Group>,
    /// Audited reports not grouped (no office, no year, or a year given twice).
    pub ungrouped: Vec<UngroupedFile>,
    /// Pairs of consecutive years compared.
    pub pairs: usize,
    /// Figures found consistent across reports.
    pub agree: usize,
    /// Figures not compared, by reason (English).
    pub skipped: BTreeMap<&'static str, usize>,
}

/// The findings across reports and what was compared.
#[derive(Debug, Clone, Default)]
pub struct CrossOutcome {
    pub findings: Vec<Finding>,
    pub summary: CrossSummary,
}

/// Gathers the facts of each report as it comes, grouped by office and year.
#[derive(Debug, Default)]
pub struct Collector {
    offices: HashMap<String, BTreeMap<i32, Vec<ReportFacts>>>,
    ungrouped: Vec<UngroupedFile>,
}

impl Collector {
    pub fn add(&mut self, file: &str, facts: Result<ReportFacts, Ungrouped>) {
        match facts {
            Ok(f) => self
                .offices
                .entry(group_key(&f))
                .or_default()
                .entry(f.year)
                .or_default()
                .push(f),
            Err(why) => self.ungrouped.push(UngroupedFile {
                file: file.to_string(),
                why,
            }),
        }
    }

    /// Compares each pair of consecutive years of every office.
    pub fn finish(self, rules: &CrossRules) -> CrossOutcome {
        let mut outcome = CrossOutcome::default();
        outcome.summary.ungrouped = self.ungrouped;
        let mut offices: Vec<(String, BTreeMap<i32, Vec<ReportFacts>>)> =
            self.offices.into_iter().collect();
        offices.sort_by(|a, b| a.0.cmp(&b.0));
        for (_, years) in offices {
            let mut single: BTreeMap<i32, ReportFacts> = BTreeMap::new();
            for (year, mut reports) in years {
                if reports.len() == 1 {
                    if let Some(r) = reports.pop() {
                        single.insert(year, r);
                    }
                } else {
                    outcome
                        .findings
                        .extend(judge_parts(&reports, &mut outcome.summary));
                    for r in reports {
                        outcome.summary.ungrouped.push(UngroupedFile {
                            file: r.file,
                            why: Ungrouped::SameYear,
                        });
                    }
                }
            }
            if single.len() < 2 {
                for r in single.into_values() {
                    // Alone in its office: nothing to compare with.
                    let _ = r;
                }
                continue;
            }
            let office = single
                .values()
                .next()
                .map(|r| r.office.clone())
                .unwrap_or_default();
            outcome.summary.groups.push(Group {
                office,
                reports: single.iter().map(|(y, r)| (*y, r.file.clone())).collect(),
            });
            let reports: Vec<&ReportFacts> = single.values().collect();
            for pair in reports.windows(2) {
                let (earlier, later) = (pair[0], pair[1]);
                if later.year != earlier.year + 1 {
                    continue;
                }
                outcome.summary.pairs += 1;
                let mut tally = Tally::default();
                for (rule, p) in &rules.rules {
                    let drafts = match p.check {
                        Comparison::Figures => figures(earlier, later, &mut tally),
                        Comparison::Target => targets(earlier, later, &mut tally),
                        Comparison::Copy => copies(earlier, later, p, &mut tally),
                        Comparison::Missing => missing(earlier, later, &mut tally),
                    };
                    outcome
                        .findings
                        .extend(drafts.into_iter().map(|d| d.finish(rule)));
                }
                outcome.summary.agree += tally.agree;
                for (why, n) in tally.skipped {
                    *outcome.summary.skipped.entry(why).or_default() += n;
                }
            }
        }
        crate::findings::sort_findings(&mut outcome.findings);
        outcome.findings.dedup_by(|a, b| a == b);
        outcome
    }
}

/// Reports of one office and year are often one report delivered in parts
/// (a file size limit): a predicate claim in a part that states no scale is
/// judged on the scale another part states, when the other parts state one
/// scale between them.
fn judge_parts(reports: &[ReportFacts], summary: &mut CrossSummary) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, part) in reports.iter().enumerate() {
        if part.unscaled.is_empty() || !part.scales.is_empty() {
            continue;
        }
        let others: Vec<&(super::predicates::StatedScale, Location)> = reports
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != i)
            .flat_map(|(_, r)| &r.scales)
            .collect();
        let Some((scale, at)) = others.first().map(|p| (&p.0, &p.1)) else {
            continue;
        };
        if others.iter().any(|(s, _)| !s.same_as(scale)) {
            *summary.skipped.entry(PARTS_DISAGREE).or_default() += part.unscaled.len();
            continue;
        }
        let scale = scale.of_other_part(file_name(&at.file));
        for u in &part.unscaled {
            match super::predicates::judge_on_part_scale(&u.claim, &scale) {
                None => {}
                Some(None) => summary.agree += 1,
                Some(Some(draft)) => out.push(super::finish_at(
                    &u.rule,
                    draft,
                    u.location.clone(),
                    vec![at.clone()],
                    u.excerpt.clone(),
                )),
            }
        }
    }
    out
}

const PARTS_DISAGREE: &str = "the other parts of the report state different predicate scales";

#[derive(Debug, Default)]
struct Tally {
    agree: usize,
    skipped: BTreeMap<&'static str, usize>,
}

impl Tally {
    fn skip(&mut self, why: &'static str) {
        *self.skipped.entry(why).or_default() += 1;
    }
}

const WHY_AMBIGUOUS: &str = "indicator matches two indicators of the other report";
const WHY_CUT: &str = "indicator's name is another's of the other report cut short";
const WHY_SCALE: &str = "the two reports print the figure at different scales (ribuan, juta)";
const WHY_INCONSISTENT: &str =
    "the earlier report gives two values and none in its own table of the year";

// ----------------------------------------------------------------- checks

/// A finding before its rule's message is filled in.
struct Draft {
    location: Location,
    excerpt: String,
    stated: String,
    expected: String,
    vars: Vec<(&'static str, Localized)>,
    computation: Localized,
    related: Vec<Location>,
}

impl Draft {
    fn finish(self, rule: &Rule) -> Finding {
        let mut vars = self.vars;
        vars.push(("stated", Localized::same(self.stated.clone())));
        vars.push(("expected", Localized::same(self.expected.clone())));
        let fill = |template: &str, lang: Lang| {
            let mut out = template.to_string();
            for (name, value) in &vars {
                out = out.replace(&format!("{{{name}}}"), value.get(lang));
            }
            out
        };
        let highlight = (!self.stated.is_empty())
            .then(|| {
                self.excerpt
                    .find(&self.stated)
                    .map(|a| (a, a + self.stated.len()))
            })
            .flatten();
        let mut related = self.related;
        related.sort();
        related.dedup();
        Finding {
            rule: rule.id.clone(),
            category: rule.category,
            severity: rule.severity,
            location: self.location,
            stated: self.stated,
            expected: self.expected,
            message: Localized {
                id: fill(&rule.message.id, Lang::Id),
                en: fill(&rule.message.en, Lang::En),
            },
            computation: self.computation,
            related,
            excerpt: self.excerpt,
            highlight,
        }
    }
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

fn place(l: &Location) -> String {
    match l.page {
        Some(p) => format!("{}:{p}:{}", file_name(&l.file), l.line),
        None => format!("{}:{}", file_name(&l.file), l.line),
    }
}

/// The comparison basis of a measure: realisasi is one whatever the target.
fn basis_of(f: &Fact) -> Basis {
    if f.measure == Measure::Realisasi {
        Basis::Agreement
    } else {
        f.basis
    }
}

/// Whether two strings are at most `k` edits apart (Levenshtein, by
/// characters). Only the band of cells within `k` of the diagonal is
/// computed: an alignment of `k` edits or fewer never leaves it, and a cell
/// outside counts as more than `k`.
fn within_edits(a: &[char], b: &[char], k: usize) -> bool {
    if a.len().abs_diff(b.len()) > k {
        return false;
    }
    let over = k + 1;
    let mut prev: Vec<usize> = (0..=b.len()).map(|j| j.min(over)).collect();
    let mut cur = vec![over; b.len() + 1];
    for i in 1..=a.len() {
        let from = i.saturating_sub(k).max(1);
        let to = (i + k).min(b.len());
        cur.fill(over);
        cur[0] = i.min(over);
        for j in from..=to {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1)
                .min(cur[j - 1] + 1)
                .min(prev[j - 1] + cost)
                .min(over);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] <= k
}

/// Two indicator keys name the same indicator: equal; or long names whose
/// letters differ by a letter or two in twenty ("di inventarisasi",
/// "diinventarisasi", "Kepuasaan"); or long names sharing nearly all words.
pub(crate) fn same_indicator(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    // The letters without the spaces between: counted first, collected
    // only for names of about the same length.
    fn letters(s: &str) -> impl Iterator<Item = char> + '_ {
        s.chars().filter(|c| !c.is_whitespace())
    }
    let (la, lb) = (letters(a).count(), letters(b).count());
    let shorter = la.min(lb);
    if shorter >= 20 && la.abs_diff(lb) <= shorter / 20 {
        let (ca, cb): (Vec<char>, Vec<char>) = (letters(a).collect(), letters(b).collect());
        if within_edits(&ca, &cb, shorter / 20) {
            return true;
        }
    }
    a.split(' ').count() >= FUZZY_WORDS
        && b.split(' ').count() >= FUZZY_WORDS
        && likeness(a, b) >= LIKE_ENOUGH
}

/// Two facts are of the same indicator (or average the same indicators).
fn same_row(a: &Fact, b: &Fact) -> bool {
    match (a.average, b.average) {
        (false, false) => same_indicator(&a.key, &b.key),
        (true, true) => {
            a.members.len() == b.members.len()
                && a.members
                    .iter()
                    .all(|m| b.members.iter().any(|n| same_indicator(m, n)))
        }
        _ => false,
    }
}

/// The facts of `pool` of the same row as `f`; Err when one table of the
/// pool has two rows matching it (ambiguous).
pub(crate) fn candidates<'a>(
    f: &Fact,
    pool: impl Iterator<Item = &'a Fact>,
) -> Result<Vec<&'a Fact>, ()> {
    let found: Vec<&Fact> = pool.filter(|o| same_row(f, o)).collect();
    let mut rows: BTreeMap<(&str, Option<u32>), BTreeSet<&str>> = BTreeMap::new();
    for o in &found {
        rows.entry((o.table.as_str(), o.location.page))
            .or_default()
            .insert(o.key.as_str());
    }
    if rows.values().any(|keys| keys.len() > 1) {
        return Err(());
    }
    Ok(found)
}

/// The earlier report's value for a figure: that of its own table of the
/// year when it has one, else the one value all its tables agree on.
pub(crate) fn reference<'a>(candidates: &[&'a Fact]) -> Option<&'a Fact> {
    let own: Vec<&Fact> = candidates
        .iter()
        .copied()
        .filter(|f| f.single_year)
        .collect();
    let pool = if own.is_empty() {
        candidates.to_vec()
    } else {
        own
    };
    let first = *pool.first()?;
    pool.iter()
        .all(|f| same_value(&f.figure, &first.figure, Decimal::ZERO))
        .then_some(first)
}

pub(crate) fn quantity(f: &Fact) -> Localized {
    let (id, en) = f.measure.words();
    let label: String = f.label.split_whitespace().collect::<Vec<_>>().join(" ");
    let label = if label.chars().count() > 70 {
        format!("{}…", label.chars().take(70).collect::<String>())
    } else {
        label
    };
    both(
        format!("{id} {} \"{label}\"", f.year),
        format!("the {en} for {} of \"{label}\"", f.year),
    )
}

/// Compares the later report's figures of `measures` for `year` with the
/// earlier report's.
fn compare(
    earlier: &ReportFacts,
    later: &ReportFacts,
    measures: &[Measure],
    years: &[i32],
    tally: &mut Tally,
) -> Vec<Draft> {
    let mut drafts = Vec::new();
    for f in &later.facts {
        if !measures.contains(&f.measure) || !years.contains(&f.year) {
            continue;
        }
        let pool = earlier
            .facts
            .iter()
            .filter(|o| o.measure == f.measure && basis_of(o) == basis_of(f) && o.year == f.year);
        let candidates = match candidates(f, pool) {
            Ok(c) if c.is_empty() => continue,
            Ok(c) => c,
            Err(()) => {
                tally.skip(WHY_AMBIGUOUS);
                continue;
            }
        };
        let candidates = &candidates;
        let Some(right) = reference(candidates) else {
            tally.skip(WHY_INCONSISTENT);
            continue;
        };
        if same_value(&f.figure, &right.figure, Decimal::ZERO) {
            tally.agree += 1;
            continue;
        }
        if scaled_alike(&f.figure, &right.figure) {
            tally.skip(WHY_SCALE);
            continue;
        }
        let others: Vec<&&Fact> = candidates
            .iter()
            .filter(|c| !same_value(&c.figure, &right.figure, Decimal::ZERO))
            .collect();
        let (also_id, also_en) = match others.first() {
            Some(o) => (
                format!(
                    " (laporan itu sendiri memuat {} di {}, {})",
                    o.figure.text,
                    o.table,
                    place(&o.location)
                ),
                format!(
                    " (that report itself prints {} in {}, {})",
                    o.figure.text,
                    o.table,
                    place(&o.location)
                ),
            ),
            None => (String::new(), String::new()),
        };
        let name = file_name(&earlier.file).to_string();
        drafts.push(Draft {
            location: f.location.clone(),
            excerpt: f.excerpt.clone(),
            stated: f.figure.text.clone(),
            expected: right.figure.text.clone(),
            vars: vec![
                ("quantity", quantity(f)),
                ("other", Localized::same(name.clone())),
                ("year", Localized::same(f.year.to_string())),
            ],
            computation: {
                let here = format!("{} {}: {}", f.table, f.year, f.figure.text);
                let there = format!(
                    "{}, {}: {}",
                    right.table,
                    place(&right.location),
                    right.figure.text
                );
                both(
                    format!(
                        "{here}; laporan tahun {} ({name}) {there}{also_id}",
                        earlier.year
                    ),
                    format!(
                        "{here}; the {} report ({name}) {there}{also_en}",
                        earlier.year
                    ),
                )
            },
            related: std::iter::once(right.location.clone())
                .chain(others.iter().map(|o| o.location.clone()))
                .collect(),
        });
    }
    drafts
}

/// Realisasi and capaian of the earlier report's year, restated by the later one.
fn figures(earlier: &ReportFacts, later: &ReportFacts, tally: &mut Tally) -> Vec<Draft> {
    compare(
        earlier,
        later,
        &[Measure::Realisasi, Measure::Capaian, Measure::Spent],
        &[earlier.year],
        tally,
    )
}

/// Targets for any year both reports give: the agreement's of the earlier
/// report's year and of the later one's, and the plan's for every year of
/// its period (a Renstra target that changes between two reports of one
/// period).
fn targets(earlier: &ReportFacts, later: &ReportFacts, tally: &mut Tally) -> Vec<Draft> {
    let years: Vec<i32> = later
        .facts
        .iter()
        .filter(|f| f.measure == Measure::Target)
        .map(|f| f.year)
        .collect::<BTreeSet<i32>>()
        .into_iter()
        .collect();
    compare(earlier, later, &[Measure::Target], &years, tally)
}

/// Significant digits of a figure: 96,54 → 4, 11.235 → 5, 100 → 1.
/// Two figures that differ by a power of ten: one table in rupiah, the other
/// "(dalam ribuan)" or in millions, with the scale not read.
pub(crate) fn scaled_alike(a: &Figure, b: &Figure) -> bool {
    if a.value.is_zero() || b.value.is_zero() {
        return false;
    }
    let (big, small) = if a.value.abs() > b.value.abs() {
        (a.value.abs(), b.value.abs())
    } else {
        (b.value.abs(), a.value.abs())
    };
    let ratio = big / small;
    [1_000u64, 1_000_000, 1_000_000_000]
        .iter()
        .any(|&m| (ratio - Decimal::from(m)).abs() * Decimal::from(1000) < Decimal::from(m))
}

fn significant(f: &Figure) -> usize {
    let digits: String = f.text.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_start_matches('0').trim_end_matches('0');
    digits.len()
}

/// A figure of the later report's own year that repeats the year before's.
fn copies(
    earlier: &ReportFacts,
    later: &ReportFacts,
    p: &CrossParams,
    tally: &mut Tally,
) -> Vec<Draft> {
    let mut drafts = Vec::new();
    let previous: Vec<&Fact> = earlier
        .facts
        .iter()
        .chain(&later.facts)
        .filter(|f| f.year == earlier.year)
        .collect();
    let targets: Vec<&Fact> = earlier
        .facts
        .iter()
        .chain(&later.facts)
        .filter(|f| matches!(f.measure, Measure::Target | Measure::Anggaran))
        .collect();
    let mut seen: BTreeSet<(String, Measure)> = BTreeSet::new();
    for f in &later.facts {
        if f.year != later.year
            || matches!(f.measure, Measure::Target | Measure::Anggaran)
            || significant(&f.figure) < p.min_digits
        {
            continue;
        }
        let same_key: Vec<&&Fact> = previous
            .iter()
            .filter(|o| same_row(f, o) && o.measure == f.measure && basis_of(o) == basis_of(f))
            .collect();
        let Some(before) = same_key
            .iter()
            .find(|o| same_value(&o.figure, &f.figure, Decimal::ZERO))
        else {
            if !same_key.is_empty() {
                tally.agree += 1;
            }
            continue;
        };
        // A realisasi equal to a target was reached, not copied; a budget
        // spent in full repeats with its budget.
        if targets
            .iter()
            .any(|t| same_row(f, t) && same_value(&t.figure, &f.figure, Decimal::ZERO))
        {
            continue;
        }
        if !seen.insert((f.key.clone(), f.measure)) {
            continue;
        }
        drafts.push(Draft {
            location: f.location.clone(),
            excerpt: f.excerpt.clone(),
            stated: f.figure.text.clone(),
            expected: String::new(),
            vars: vec![
                ("quantity", quantity(f)),
                ("year", Localized::same(earlier.year.to_string())),
                (
                    "other",
                    Localized::same(file_name(&before.location.file).to_string()),
                ),
            ],
            computation: Localized::same(format!(
                "{} {}: {} = {} {} ({}, {})",
                f.table,
                f.year,
                f.figure.text,
                before.table,
                before.year,
                before.figure.text,
                place(&before.location)
            )),
            related: vec![before.location.clone()],
        });
    }
    drafts
}

/// Whether an indicator's name and one of `other`'s are the same words but
/// for the one's last ones: a name cut short by the table's reading.
fn cut_short(key: &str, other: &ReportFacts) -> bool {
    let words: Vec<&str> = key.split_whitespace().collect();
    other
        .facts
        .iter()
        .filter(|f| f.measure.of_indicator())
        .any(|f| {
            let theirs: Vec<&str> = f.key.split_whitespace().collect();
            let n = words.len().min(theirs.len());
            n >= 2 && words.len() != theirs.len() && words[..n] == theirs[..n]
        })
}

/// Indicators of the earlier report's own table of its year that the later
/// report no longer gives anywhere.
fn missing(earlier: &ReportFacts, later: &ReportFacts, tally: &mut Tally) -> Vec<Draft> {
    let own = |r: &ReportFacts| -> BTreeMap<String, Fact> {
        r.facts
            .iter()
            .filter(|f| f.single_year && f.year == r.year && !f.average)
            .filter(|f| f.measure.of_indicator())
            .map(|f| (f.key.clone(), f.clone()))
            .collect()
    };
    let before = own(earlier);
    let now = own(later);
    // The later report's own table of its year, where the indicator is missing.
    let Some(anchor) = later
        .facts
        .iter()
        .filter(|f| f.single_year && f.year == later.year && !f.average)
        .filter(|f| f.measure.of_indicator())
        .min_by_key(|f| (f.location.page, f.location.line))
    else {
        return Vec::new();
    };
    let mut gone = Vec::new();
    for fact in before.values() {
        let indicators = later.facts.iter().filter(|f| f.measure.of_indicator());
        match candidates(fact, indicators) {
            // A name cut short in one report's reading ("Jumlah Penumpang
            // yang", the rest on a line read as another row): not gone.
            Ok(c) if c.is_empty() && cut_short(&fact.key, later) => tally.skip(WHY_CUT),
            Ok(c) if c.is_empty() => gone.push(fact),
            Ok(_) => tally.agree += 1,
            Err(()) => tally.skip(WHY_AMBIGUOUS),
        }
    }
    // Tables read too differently to tell: most indicators would be "gone".
    if now.is_empty() || gone.len() * 2 > before.len() {
        return Vec::new();
    }
    gone.into_iter()
        .map(|f| {
            let label = f.label.split_whitespace().collect::<Vec<_>>().join(" ");
            Draft {
                location: Location {
                    file: later.file.clone(),
                    page: anchor.location.page,
                    line: anchor.location.line,
                },
                excerpt: anchor.excerpt.clone(),
                stated: String::new(),
                expected: label.clone(),
                vars: vec![
                    ("indicator", Localized::same(label.clone())),
                    ("year", Localized::same(earlier.year.to_string())),
                    (
                        "other",
                        Localized::same(file_name(&earlier.file).to_string()),
                    ),
                ],
                computation: both(
                    format!(
                        "{} {} ({}): \"{label}\"; tidak ada di laporan tahun {}",
                        f.table,
                        earlier.year,
                        place(&f.location),
                        later.year
                    ),
                    format!(
                        "{} {} ({}): \"{label}\"; not in the {} report",
                        f.table,
                        earlier.year,
                        place(&f.location),
                        later.year
                    ),
                ),
                related: vec![f.location.clone()],
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;
    use std::path::Path;

    /// Random strings over a few letters (so that near misses are common).
    fn strings(seed: u64, n: usize) -> Vec<Vec<char>> {
        let mut x = seed;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let len = (x % 9) as usize;
                (0..len)
                    .map(|i| ['a', 'b', 'c'][((x >> (i * 3 + 8)) % 3) as usize])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn within_edits_agrees_with_the_whole_edit_distance() {
        let levenshtein = |a: &[char], b: &[char]| {
            let mut prev: Vec<usize> = (0..=b.len()).collect();
            for i in 1..=a.len() {
                let mut cur = vec![i; b.len() + 1];
                for j in 1..=b.len() {
                    let cost = usize::from(a[i - 1] != b[j - 1]);
                    cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
                }
                prev = cur;
            }
            prev[b.len()]
        };
        let words = strings(0x9e37_79b9_7f4a_7c15, 120);
        for a in &words {
            for b in &words {
                for k in 0..4 {
                    assert_eq!(
                        within_edits(a, b, k),
                        levenshtein(a, b) <= k,
                        "{a:?} {b:?} {k}"
                    );
                }
            }
        }
    }

    fn rules() -> CrossRules {
        let rules = RuleSet::defaults().expect("default rules load");
        CrossRules::from_rules(rules.rules.iter())
    }

    fn facts_of(name: &str, text: &str) -> Result<ReportFacts, Ungrouped> {
        let doc = crate::extract::text::read_text_export(Path::new(name), text.as_bytes());
        let report = crate::structure::analyse(&doc);
        facts(
            &report,
            name,
            &rules(),
            &mut super::super::RuleRun::default(),
        )
    }

    /// A report's facts after every default check ran on it (what the audit
    /// keeps of a report: its unscaled predicate claims and its scales too).
    fn audited_facts(name: &str, text: &str) -> Result<ReportFacts, Ungrouped> {
        let doc = crate::extract::text::read_text_export(Path::new(name), text.as_bytes());
        let report = crate::structure::analyse(&doc);
        let defaults = RuleSet::defaults().expect("default rules load");
        let mut run = super::super::run(&super::super::compile(&defaults), &report, name);
        facts(&report, name, &rules(), &mut run)
    }

    /// A report in two files, one office and year: the claim in the part
    /// without a scale is judged on the scale of the other part; with no
    /// scale in either part, or two different ones, nothing is judged.
    #[test]
    fn a_predicate_claim_is_judged_on_the_scale_another_part_states() {
        let scale = "Kriteria predikat capaian kinerja:\n\n| Capaian | Predikat |\n|---|---|\n| > 90 | Sangat Baik |\n| 75 - 90 | Baik |\n| 65 - 75 | Cukup |\n| < 65 | Kurang |\n";
        let claims = "Capaian sasaran pertama sebesar 95,71% dengan predikat baik. \
Capaian sasaran kedua sebesar 80,00% dengan predikat baik.";
        let judge = |parts: &[&str]| {
            let mut c = Collector::default();
            for (i, body) in parts.iter().enumerate() {
                let name = format!("a/bagian-{}.md", i + 1);
                c.add(&name, audited_facts(&name, &report(2016, body)));
            }
            c.finish(&rules())
        };
        let out = judge(&[scale, claims]);
        let found: Vec<(&str, &str, &str)> = out
            .findings
            .iter()
            .map(|f| {
                (
                    f.location.file.as_str(),
                    f.stated.as_str(),
                    f.expected.as_str(),
                )
            })
            .collect();
        assert_eq!(found, [("a/bagian-2.md", "95,71% … baik", "Sangat Baik")]);
        assert_eq!(out.findings[0].related[0].file, "a/bagian-1.md");
        assert_eq!(out.summary.agree, 1);
        assert!(judge(&["Tanpa skala.", claims]).findings.is_empty());
        let other = scale.replace("> 90", "> 96").replace("75 - 90", "75 - 96");
        let out = judge(&[scale, claims, &other]);
        assert!(out.findings.is_empty());
        assert_eq!(out.summary.skipped.get(PARTS_DISAGREE), Some(&2));
    }

    fn report(year: i32, table: &str) -> String {
        format!(
            "LAPORAN KINERJA INSTANSI PEMERINTAH KANTOR UPBU KELAS III TARDAMU SABU TAHUN {year}\n\n\
BAB I PENDAHULUAN\n\nLaporan Kinerja Kantor UPBU Kelas III Tardamu Sabu tahun {year} disusun.\n\n\
BAB III AKUNTABILITAS KINERJA\n\nCapaian kinerja tahun {year}.\n\n{table}\n\n\
BAB IV PENUTUP\n\nLaporan kinerja tahun anggaran {year}.\n"
        )
    }

    /// The rows of a table by indicator: an average row names what it
    /// averages and takes one figure a year; an indicator named twice is
    /// left out.
    #[test]
    fn a_table_is_named_rows_and_an_average_its_one_figure() {
        let table = "Tabel 3.1 Capaian Kinerja Tahun 2024\n\n\
| No | Indikator Kinerja | Target | Realisasi | % Capaian |\n|---|---|---|---|---|\n\
| 1 | Jumlah Penumpang yang dilayani | 11235 | 11235 | 100 |\n\
| 2 | Indeks Kepuasan Pengguna Jasa Layanan Bandar Udara | 90 | 96,54 | 107,27 |\n\
| 3 | Indeks Kepuasan Pengguna Jasa Layanan Bandar Udara | 90 | 95 | 105,56 |\n\
| 4 | Persentase Pencapaian target Penerimaan Negara Bukan Pajak | 100 | 408,28 | 408,28 |\n\
| | Rata-rata Capaian Sasaran | | | 205,18 |\n";
        let text = report(2024, table);
        let doc = crate::extract::text::read_text_export(Path::new("t.md"), text.as_bytes());
        let report = crate::structure::analyse(&doc);
        let rules = rules();
        let p = rules.params().expect("cross-report rules");
        let table = report.tables.first().expect("a table");
        let name_col = indicator_column(table).expect("an indicator column");
        let rows = named_rows(table, name_col, p);
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Jumlah Penumpang yang dilayani",
                "Persentase Pencapaian target Penerimaan Negara Bukan Pajak",
                "Rata-rata Capaian Sasaran"
            ]
        );
        let average = rows.last().expect("the average row");
        assert_eq!(average.average.as_ref().map(Vec::len), Some(3));
        let columns = value_columns(table, p, None);
        assert_eq!(columns.len(), 3, "{columns:?}");
        let (figure, column) = average_figure(average.row, &columns, 2024).expect("one figure");
        assert_eq!(figure.text.trim(), "205,18");
        assert_eq!((column.measure, column.year), (Measure::Capaian, 2024));
        assert!(average_figure(average.row, &columns, 2023).is_none());
        assert!(average_figure(rows[0].row, &columns, 2024).is_none());
    }

    const T2024: &str = "Tabel 3.1 Perbandingan Target Dengan Realisasi Kinerja Tahun 2024\n\n\
| No | Indikator Kinerja | Target | Realisasi | % Capaian |\n|---|---|---|---|---|\n\
| 1 | Jumlah Penumpang yang dilayani | 11235 | 11235 | 100 |\n\
| 2 | Indeks Kepuasan Pengguna Jasa Layanan Bandar Udara | 90 | 96,54 | 107,27 |\n\
| 3 | Persentase Pencapaian target Penerimaan Negara Bukan Pajak | 100 | 408,28 | 408,28 |\n\
| | Rata-rata Capaian Sasaran | | | 205,18 |\n";

    fn t2025(realisasi_ikm: &str, average: &str, own_ikm: &str) -> String {
        format!(
            "Tabel 3.1 Perbandingan Target Dengan Realisasi Kinerja Tahun 2025\n\n\
| No | Indikator Kinerja | Target | Realisasi | % Capaian |\n|---|---|---|---|---|\n\
| 1 | Jumlah Penumpang yang dilayani | 9000 | 10625 | 118,06 |\n\
| 2 | Indeks Kepuasan Pengguna Jasa Layanan Bandar Udara | 91 | {own_ikm} | 109,89 |\n\
| 3 | Persentase Pencapaian target Penerimaan Negara Bukan Pajak | 100 | 148,63 | 148,63 |\n\
| | Rata-rata Capaian Sasaran | | | 125,53 |\n\n\
Tabel 3.2 Perbandingan Target dan Realisasi Kinerja Tahun 2024 sampai dengan Tahun 2025\n\n\
| No | Indikator Kinerja | Target 2024 | Realisasi 2024 | Capaian 2024 | Target 2025 | Realisasi 2025 | Capaian 2025 |\n\
|---|---|---|---|---|---|---|---|\n\
| 1 | Jumlah Penumpang yang dilayani | 11235 | 11235 | 100 | 9000 | 10625 | 118,06 |\n\
| 2 | Indeks Kepuasan Pengguna Jasa Layanan Bandar Udara | 90 | {realisasi_ikm} | 107,27 | 91 | {own_ikm} | 109,89 |\n\
| 3 | Persentase Pencapaian target Penerimaan Negara Bukan Pajak | 100 | 408,28 | 408,28 | 100 | 148,63 | 148,63 |\n\
| | Rata-rata Capaian Sasaran | | | {average} | | | 125,53 |\n"
        )
    }

    /// The findings of one rule.
    fn of_rule<'a>(out: &'a CrossOutcome, rule: &str) -> Vec<&'a Finding> {
        out.findings.iter().filter(|f| f.rule == rule).collect()
    }

    /// The two reports of 2024 and 2025 with these bodies, compared.
    fn run_pair(earlier: &str, later: &str) -> CrossOutcome {
        let mut c = Collector::default();
        c.add(
            "a/lakip-2024.md",
            facts_of("a/lakip-2024.md", &report(2024, earlier)),
        );
        c.add(
            "b/lakip-2025.md",
            facts_of("b/lakip-2025.md", &report(2025, later)),
        );
        c.finish(&rules())
    }

    fn run(later: &str) -> CrossOutcome {
        run_pair(T2024, later)
    }

    #[test]
    fn office_names_are_normalised() {
        assert_eq!(
            office_key("Kantor Upbu Kelas Iii Tardamu Sabu"),
            office_key("UPBU Kelas II Tardamu  Sabu")
        );
        assert_eq!(office_key("Kantor UPBU Tardamu-Sabu"), "upbu tardamu sabu");
        assert_ne!(
            office_key("Kecamatan Ledokombo"),
            office_key("Kecamatan Rambipuji")
        );
        assert_eq!(
            office_key("Dinas Kesehatan Kabupaten Jember"),
            "dinas kesehatan kab jember"
        );
    }

    /// A Renstra table over the period, with the target of 2026 given.
    fn renstra(target_2026: &str) -> String {
        format!(
            "Tabel 2.1 Target Kinerja Rencana Strategis Tahun 2022-2026\n\n\
| No | Indikator Kinerja | Target 2022 | Target 2023 | Target 2024 | Target 2025 | Target 2026 |\n\
|---|---|---|---|---|---|---|\n\
| 1 | Jumlah Penumpang yang dilayani | 8000 | 8500 | 9000 | 9500 | {target_2026} |\n"
        )
    }

    #[test]
    fn a_plan_target_changed_for_a_later_year_is_found() {
        let run_plan = |later_2026: &str| {
            let earlier = format!("{}\n\n{T2024}", renstra("10000"));
            let later = format!(
                "{}\n\n{}",
                renstra(later_2026),
                t2025("96,54", "205,18", "100")
            );
            run_pair(&earlier, &later)
        };
        let same = run_plan("10000");
        assert!(same.findings.is_empty(), "{:#?}", same.findings);
        let changed = run_plan("10500");
        let targets = of_rule(&changed, "cross-year-target");
        assert_eq!(targets.len(), 1, "{:#?}", changed.findings);
        assert_eq!(targets[0].stated, "10500");
        assert_eq!(targets[0].expected, "10000");
        assert_eq!(targets[0].related[0].file, "a/lakip-2024.md");
    }

    #[test]
    fn an_end_of_plan_target_without_a_year_is_of_the_period_s_last_year() {
        let end_table = |target: &str| {
            format!(
                "Tabel 3.3 Kemajuan terhadap Target Akhir Renstra\n\n\
| No | Indikator Kinerja | Target Akhir Renstra |\n|---|---|---|\n\
| 1 | Jumlah Penumpang yang dilayani | {target} |\n"
            )
        };
        let run_end = |later_end: &str| {
            let earlier = format!("{}\n\n{T2024}\n\n{}", renstra("10000"), end_table("10000"));
            let later = format!(
                "{}\n\n{}\n\n{}",
                renstra("10000"),
                t2025("96,54", "205,18", "100"),
                end_table(later_end)
            );
            run_pair(&earlier, &later)
        };
        assert!(run_end("10000").findings.is_empty());
        let changed = run_end("12000");
        let targets = of_rule(&changed, "cross-year-target");
        assert_eq!(targets.len(), 1, "{:#?}", changed.findings);
        assert_eq!(targets[0].stated, "12000");
        assert_eq!(targets[0].expected, "10000");
    }

    const BUDGET_2024: &str = "Tabel 3.8 Realisasi Anggaran Tahun 2024\n\n\
| No | Program / Kegiatan | Pagu (Rp) | Realisasi (Rp) | % |\n|---|---|---|---|---|\n\
| 1 | Program Dukungan Manajemen | 5.111.447.000 | 5.034.221.517 | 98,49 |\n\
| 2 | Program Pengelolaan Bandar Udara | 3.843.369.000 | 3.712.004.233 | 96,58 |\n\
| | Jumlah | 8.954.816.000 | 8.746.225.750 | 97,67 |\n";

    /// The 2025 report's budget table over 2024 and 2025.
    fn budget_2025(spent_2024: &str, spent_2025: &str) -> String {
        format!(
            "Tabel 3.9 Perbandingan Realisasi Anggaran Tahun 2024 dan 2025\n\n\
| No | Program | Pagu 2024 (Rp) | Realisasi 2024 (Rp) | Pagu 2025 (Rp) | Realisasi 2025 (Rp) |\n\
|---|---|---|---|---|---|\n\
| 1 | Program Dukungan Manajemen | 5.111.447.000 | {spent_2024} | 5.200.000.000 | 5.102.334.119 |\n\
| 2 | Program Pengelolaan Bandar Udara | 3.843.369.000 | 3.712.004.233 | 3.900.000.000 | {spent_2025} |\n"
        )
    }

    fn run_budget(later: &str) -> CrossOutcome {
        let earlier = format!("{T2024}\n\n{BUDGET_2024}");
        let later = format!("{}\n\n{later}", t2025("96,54", "205,18", "100"));
        run_pair(&earlier, &later)
    }

    #[test]
    fn budget_rows_are_compared_by_program_across_reports() {
        let same = run_budget(&budget_2025("5.034.221.517", "3.801.117.402"));
        assert!(same.findings.is_empty(), "{:#?}", same.findings);
        // The budget spent in 2024, restated differently.
        let restated = run_budget(&budget_2025("5.043.221.517", "3.801.117.402"));
        let spent = of_rule(&restated, "cross-year-figures");
        assert_eq!(spent.len(), 1, "{:#?}", restated.findings);
        assert_eq!(spent[0].stated, "5.043.221.517");
        assert_eq!(spent[0].expected, "5.034.221.517");
        // The 2025 spending of a program copied from 2024.
        let copied = run_budget(&budget_2025("5.034.221.517", "3.712.004.233"));
        let copies = of_rule(&copied, "cross-year-copy");
        assert_eq!(copies.len(), 1, "{:#?}", copied.findings);
        assert_eq!(copies[0].stated, "3.712.004.233");
        // A table in thousands is another scale, not another figure.
        let thousands = run_budget(&budget_2025("5.034.222", "3.801.117.402"));
        assert!(thousands.findings.is_empty(), "{:#?}", thousands.findings);
        // Budget rows are not indicators: none is reported missing.
        assert!(
            same.findings
                .iter()
                .all(|f| f.rule != "cross-year-missing-indicator")
        );
    }

    #[test]
    fn a_consistent_series_has_no_finding() {
        let out = run(&t2025("96,54", "205,18", "100"));
        assert!(out.findings.is_empty(), "{:#?}", out.findings);
        assert_eq!(out.summary.groups.len(), 1);
        assert_eq!(out.summary.pairs, 1);
        assert!(out.summary.agree >= 8, "{:?}", out.summary);
    }

    #[test]
    fn a_changed_figure_of_the_year_before_is_found_with_both_files() {
        let out = run(&t2025("95,54", "201,29", "100"));
        let figures = of_rule(&out, "cross-year-figures");
        assert_eq!(figures.len(), 2, "{figures:#?}");
        assert!(
            figures
                .iter()
                .any(|f| f.stated == "95,54" && f.expected == "96,54")
        );
        assert!(
            figures
                .iter()
                .any(|f| f.stated == "201,29" && f.expected == "205,18")
        );
        for f in figures {
            assert_eq!(f.location.file, "b/lakip-2025.md");
            assert!(
                f.related.iter().all(|l| l.file == "a/lakip-2024.md"),
                "{f:?}"
            );
            assert!(!f.related.is_empty());
        }
    }

    #[test]
    fn a_figure_repeated_from_the_year_before_is_a_copy_suspicion() {
        let out = run(&t2025("96,54", "205,18", "96,54"));
        let copies = of_rule(&out, "cross-year-copy");
        assert_eq!(copies.len(), 1, "{:#?}", out.findings);
        assert_eq!(copies[0].stated, "96,54");
    }

    #[test]
    fn reports_of_other_offices_or_without_year_are_not_compared() {
        let mut c = Collector::default();
        c.add("a.md", facts_of("a.md", &report(2024, T2024)));
        let other = report(2025, &t2025("1,00", "1,00", "100")).replace("Tardamu Sabu", "Komodo");
        c.add("b.md", facts_of("b.md", &other));
        c.add("c.md", Err(Ungrouped::NoYear));
        let out = c.finish(&rules());
        assert!(out.findings.is_empty());
        assert!(out.summary.groups.is_empty());
        assert_eq!(out.summary.ungrouped.len(), 1);
    }

    #[test]
    fn two_reports_of_one_year_are_left_ungrouped() {
        let mut c = Collector::default();
        c.add("a.md", facts_of("a.md", &report(2024, T2024)));
        c.add("a2.md", facts_of("a2.md", &report(2024, T2024)));
        c.add(
            "b.md",
            facts_of("b.md", &report(2025, &t2025("1,00", "1,00", "100"))),
        );
        let out = c.finish(&rules());
        assert!(out.findings.is_empty(), "{:#?}", out.findings);
        assert_eq!(out.summary.ungrouped.len(), 2);
    }

    #[test]
    fn a_dropped_indicator_is_noted_once_it_is_in_no_table() {
        let pnbp = "| 3 | Persentase Pencapaian target Penerimaan Negara Bukan Pajak | 100 | 148,63 | 148,63 |\n";
        let later = t2025("96,54", "205,18", "100").replacen(pnbp, "", 1);
        let out = run(&later);
        let gone = |out: &CrossOutcome| -> usize {
            out.findings
                .iter()
                .filter(|f| f.rule == "cross-year-missing-indicator")
                .count()
        };
        assert_eq!(gone(&out), 0, "still in Tabel 3.2: {:#?}", out.findings);
        let row_3_2 = "| 3 | Persentase Pencapaian target Penerimaan Negara Bukan Pajak | 100 | 408,28 | 408,28 | 100 | 148,63 | 148,63 |\n";
        assert!(later.contains(row_3_2));
        let out = run(&later.replacen(row_3_2, "", 1));
        assert_eq!(gone(&out), 1, "{:#?}", out.findings);
        let f = out
            .findings
            .iter()
            .find(|f| f.rule == "cross-year-missing-indicator")
            .expect("found");
        assert_eq!(f.location.file, "b/lakip-2025.md");
        assert_eq!(f.related[0].file, "a/lakip-2024.md");
    }

    /// An indicator whose name one report's reading cut short (the rest of
    /// a wrapped label read as another row, as in upbu 2024's text export,
    /// Tabel 2.2: "Jumlah Penumpang yang") is not noted as dropped: the
    /// other report names it whole.
    #[test]
    fn a_name_cut_short_is_no_dropped_indicator() {
        let whole = "| 1 | Jumlah Penumpang yang dilayani | 11235 | 11235 | 100 |\n";
        let cut = "| 1 | Jumlah Penumpang yang | 11235 | 11235 | 100 |\n";
        assert!(T2024.contains(whole));
        let later = t2025("96,54", "205,18", "100");
        let gone = |out: &CrossOutcome| of_rule(out, "cross-year-missing-indicator").len();
        let out = run_pair(&T2024.replacen(whole, cut, 1), &later);
        assert_eq!(gone(&out), 0, "{:#?}", out.findings);
        assert_eq!(out.summary.skipped.get(WHY_CUT), Some(&1));
        // A name sharing only its first words is no cut: still dropped.
        let other = "| 1 | Jumlah Penumpang Angkutan Perintis | 11235 | 11235 | 100 |\n";
        let out = run_pair(&T2024.replacen(whole, other, 1), &later);
        assert_eq!(gone(&out), 1, "{:#?}", out.findings);
    }
}
