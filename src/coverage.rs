//! What was checked in a report, not only what failed: every table read
//! (its kind, column roles, rows, and the rules that reported on it), every
//! rule's items verified, disagreeing and skipped by reason, the narrative's
//! figures tied to a table, and four shares that sum it up. Built from what
//! the rules report through their `Sink` (`agree`, `push`, `skip`): a rule
//! that reports nothing is counted as checking nothing, never guessed.
//!
//! The shares (see README, "Coverage"):
//! - `tables`: tables on which some rule verified an item (agreed or
//!   disagreed) / tables read of two rows or more (or checked);
//! - `capaian_rows`: in performance and comparison tables, rows whose capaian was recomputed
//!   / item rows stating a capaian (a figure in a capaian column). Per table,
//!   the recomputed rows are the most items one capaian rule (kinds
//!   `capaian_formula`, `table_ratio`) verified there, at most the rows;
//! - `budget_totals`: in budget tables, totals verified / figures in the
//!   group and total rows' amount columns (anggaran, realisasi, target or
//!   money; not percentages). Per table, the verified totals are the items
//!   the `table_column_sum` rules verified there, at most the totals;
//! - `claims`: narrative figures tied to a table / percentages and rupiah
//!   amounts in the running text. Tied are the items the claim rules (the
//!   kinds of `CLAIM_KINDS`: each compares a figure of the narrative with a
//!   table or with the figures it is computed from) verified, at most the figures.

use std::collections::BTreeMap;

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use crate::facts::figures::{FigureKind, Token, scan_figures};
use crate::rules::checks::{CompiledRules, RuleCoverage, RuleRun};
use crate::structure::roles::{Role, TableKind};
use crate::structure::{Report, RowKind, Table};

/// Check kinds that recompute a capaian from a row's target and realisasi.
pub const CAPAIAN_KINDS: [&str; 2] = ["capaian_formula", "table_ratio"];
/// Check kinds that verify a table's totals and subtotals.
pub const BUDGET_KINDS: [&str; 1] = ["table_column_sum"];
/// Check kinds that tie a figure of the narrative to a table (or to the
/// figures it is computed from).
pub const CLAIM_KINDS: [&str; 16] = [
    "same_quantity",
    "sentence_capaian",
    "activity_figures",
    "narrative_budget",
    "narrative_budget_sum",
    "narrative_remainder",
    "aggregate_claim",
    "paragraph_average",
    "measured_capaian",
    "mission_capaian",
    "share_of_total",
    "stated_absorption",
    "indicator_figures",
    "indicator_list",
    "indicator_efficiency",
    "efficiency_extreme",
];

/// The coverage of one report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// The four shares.
    pub figures: Figures,
    /// The report has tables and none of them was recognised (all of kind `other`).
    pub tables_unrecognised: bool,
    /// Every table read, in order.
    pub tables: Vec<TableCoverage>,
    /// Every rule in force, in order, with what it reported.
    pub rules: Vec<RuleTally>,
    pub claims: Claims,
}

/// `checked` of `total`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Share {
    pub checked: usize,
    pub total: usize,
}

impl Share {
    pub fn add(&mut self, other: Share) {
        self.checked += other.checked;
        self.total += other.total;
    }
}

/// The four shares of a report (defined in the module's documentation).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Figures {
    pub tables: Share,
    pub capaian_rows: Share,
    pub budget_totals: Share,
    pub claims: Share,
}

impl Figures {
    pub fn add(&mut self, other: &Figures) {
        self.tables.add(other.tables);
        self.capaian_rows.add(other.capaian_rows);
        self.budget_totals.add(other.budget_totals);
        self.claims.add(other.claims);
    }
}

/// One table as read, and what was checked on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableCoverage {
    /// First page (1-based; None for a text export without pages) and every
    /// page it runs over (none without pages).
    pub page: Option<u32>,
    pub pages: Vec<u32>,
    /// Line of its first row on its first page (1-based).
    pub line: u32,
    /// "Tabel 3.1", when a numbered caption stands above it.
    pub caption: Option<String>,
    pub title: Option<String>,
    pub kind: TableKind,
    /// Its kind is not `other`.
    pub recognised: bool,
    pub columns: Vec<Column>,
    pub rows: Rows,
    /// Some rule verified an item on it (agreed or disagreed).
    pub checked: bool,
    /// Performance tables: rows whose capaian was recomputed, of those stating one.
    pub capaian_rows: Option<Share>,
    /// Budget tables: totals verified, of the figures in group and total rows.
    pub budget_totals: Option<Share>,
    /// The rules that reported something on this table.
    pub checks: Vec<RuleTally>,
}

/// A column's label and role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    pub label: String,
    pub role: Role,
    pub year: Option<i32>,
    pub money: bool,
}

/// Body rows read, by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Rows {
    pub items: usize,
    pub groups: usize,
    pub totals: usize,
}

impl Rows {
    pub fn all(&self) -> usize {
        self.items + self.groups + self.totals
    }
}

/// What one rule reported (on the report, or on one table).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleTally {
    pub rule: String,
    /// The check kind the rule parameterises.
    pub kind: String,
    /// Items verified and consistent.
    pub agree: usize,
    /// Items verified and inconsistent (each a finding).
    pub disagree: usize,
    /// Items the rule could not verify, by reason.
    pub skipped: Vec<Skipped>,
}

impl RuleTally {
    fn of(rule: &str, kind: &str, c: &RuleCoverage) -> RuleTally {
        RuleTally {
            rule: rule.to_string(),
            kind: kind.to_string(),
            agree: c.agree,
            disagree: c.disagree,
            skipped: c
                .skipped
                .iter()
                .map(|(why, &count)| Skipped {
                    en: why.en,
                    id: why.id,
                    count,
                })
                .collect(),
        }
    }

    /// Items verified, agreeing or not.
    pub fn verified(&self) -> usize {
        self.agree + self.disagree
    }

    pub fn skipped_count(&self) -> usize {
        self.skipped.iter().map(|s| s.count).sum()
    }

    /// Reported anything at all.
    pub fn reported(&self) -> bool {
        self.verified() > 0 || !self.skipped.is_empty()
    }
}

/// An abstention reason (English and Indonesian) and how often it was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub en: &'static str,
    pub id: &'static str,
    pub count: usize,
}

/// The narrative's figures against the tables.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Claims {
    /// Percentages and rupiah amounts in the running text.
    pub narrative_figures: usize,
    /// Claims the claim rules tied to a figure and found consistent.
    pub agree: usize,
    /// Claims tied to a figure that differ from it (findings).
    pub differ: usize,
    /// Claims the claim rules saw but could not tie to a figure (their abstentions).
    pub unmatched: usize,
}

/// The coverage of `report` from what the rules reported in `run`.
pub fn measure(report: &Report<'_>, compiled: &CompiledRules, run: &RuleRun) -> Coverage {
    let kinds: Vec<&str> = compiled
        .checks
        .iter()
        .map(|(rule, _)| rule.kind.as_str())
        .collect();
    let kind_of = |i: usize| kinds.get(i).copied().unwrap_or("");
    let rules: Vec<RuleTally> = run
        .coverage
        .iter()
        .enumerate()
        .map(|(i, (id, c))| RuleTally::of(id, kind_of(i), c))
        .collect();
    let tables: Vec<TableCoverage> = report
        .tables
        .iter()
        .enumerate()
        .map(|(t, table)| {
            let checks: Vec<RuleTally> = run
                .by_table
                .iter()
                .enumerate()
                .filter_map(|(i, by)| {
                    let c = by.get(&t)?;
                    let tally = RuleTally::of(&run.coverage.get(i)?.0, kind_of(i), c);
                    tally.reported().then_some(tally)
                })
                .collect();
            table_coverage(table, checks, report.doc.paged)
        })
        .collect();
    let mut claims = Claims {
        narrative_figures: narrative_figures(report),
        ..Claims::default()
    };
    for r in rules
        .iter()
        .filter(|r| CLAIM_KINDS.contains(&r.kind.as_str()))
    {
        claims.agree += r.agree;
        claims.differ += r.disagree;
        claims.unmatched += r.skipped_count();
    }
    let mut figures = Figures {
        // One row read as a table (two aligned lines: "Bandung, | 2015") is
        // not a table to check.
        tables: Share {
            checked: tables.iter().filter(|t| t.checked).count(),
            total: tables
                .iter()
                .filter(|t| t.rows.all() >= 2 || t.checked)
                .count(),
        },
        claims: Share {
            checked: (claims.agree + claims.differ).min(claims.narrative_figures),
            total: claims.narrative_figures,
        },
        ..Figures::default()
    };
    for t in &tables {
        if let Some(s) = t.capaian_rows {
            figures.capaian_rows.add(s);
        }
        if let Some(s) = t.budget_totals {
            figures.budget_totals.add(s);
        }
    }
    Coverage {
        figures,
        tables_unrecognised: !tables.is_empty() && tables.iter().all(|t| !t.recognised),
        tables,
        rules,
        claims,
    }
}

fn table_coverage(table: &Table, checks: Vec<RuleTally>, paged: bool) -> TableCoverage {
    let mut pages: Vec<u32> = std::iter::once(table.page)
        .chain(table.rows.iter().map(|r| r.page))
        .filter(|_| paged)
        .collect();
    pages.sort_unstable();
    pages.dedup();
    let mut rows = Rows::default();
    for r in &table.rows {
        match r.kind {
            RowKind::Item => rows.items += 1,
            RowKind::Group => rows.groups += 1,
            RowKind::Total => rows.totals += 1,
        }
    }
    let verified_by = |kinds: &[&str]| -> Vec<usize> {
        checks
            .iter()
            .filter(|c| kinds.contains(&c.kind.as_str()))
            .map(RuleTally::verified)
            .collect()
    };
    let capaian_rows =
        matches!(table.kind, TableKind::Performance | TableKind::Comparison).then(|| {
            let capaian: Vec<usize> = columns_with(table, |r| r.role == Role::Capaian);
            let total = table
                .rows
                .iter()
                .filter(|r| {
                    r.kind == RowKind::Item && capaian.iter().any(|&c| r.figure(c).is_some())
                })
                .count();
            let recomputed = verified_by(&CAPAIAN_KINDS).into_iter().max().unwrap_or(0);
            Share {
                checked: recomputed.min(total),
                total,
            }
        });
    let budget_totals = (table.kind == TableKind::Budget).then(|| {
        let amounts = columns_with(table, |r| {
            matches!(r.role, Role::Anggaran | Role::Realisasi | Role::Target)
                || (r.money && !matches!(r.role, Role::Capaian | Role::Number | Role::Label))
        });
        // A running total (kumulatif) does not add up down its column.
        let amounts: Vec<usize> = amounts
            .into_iter()
            .filter(|&c| !RUNNING.is_match(&table.columns[c]))
            .collect();
        let total = table
            .rows
            .iter()
            .filter(|r| matches!(r.kind, RowKind::Group | RowKind::Total))
            .map(|r| {
                amounts
                    .iter()
                    .filter(|&&c| r.figure(c).is_some_and(is_amount))
                    .count()
            })
            .sum();
        let verified: usize = verified_by(&BUDGET_KINDS).into_iter().sum();
        Share {
            checked: verified.min(total),
            total,
        }
    });
    TableCoverage {
        page: paged.then_some(table.page),
        pages,
        line: table.first_line,
        caption: table.caption_number(),
        title: table.caption_title(),
        kind: table.kind,
        recognised: table.kind != TableKind::Other,
        columns: table
            .columns
            .iter()
            .zip(&table.roles)
            .map(|(label, r)| Column {
                label: label.clone(),
                role: r.role,
                year: r.year,
                money: r.money,
            })
            .collect(),
        rows,
        checked: checks.iter().any(|c| c.verified() > 0),
        capaian_rows,
        budget_totals,
        checks,
    }
}

static RUNNING: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(&format!("(?i){}", crate::rules::checks::RUNNING_TOTAL))
        .expect("valid regex")
});

/// A figure a budget total can be made of: an amount, not a bare one- to
/// three-digit number (a page number or a note mark caught in the row).
fn is_amount(f: &crate::facts::figures::Figure) -> bool {
    matches!(
        f.kind,
        FigureKind::Rupiah | FigureKind::Plain | FigureKind::Count
    ) && !f.is_bare_small()
}

fn columns_with(
    table: &Table,
    want: impl Fn(&crate::structure::roles::ColumnRole) -> bool,
) -> Vec<usize> {
    table
        .roles
        .iter()
        .enumerate()
        .filter(|(_, r)| want(r))
        .map(|(i, _)| i)
        .collect()
}

/// Percentages and rupiah amounts in the report's running text.
fn narrative_figures(report: &Report<'_>) -> usize {
    report
        .paragraphs
        .iter()
        .map(|p| {
            scan_figures(&p.text)
                .iter()
                .filter(|t| {
                    matches!(t, Token::Figure(f) if matches!(f.kind, FigureKind::Percent | FigureKind::Rupiah))
                })
                .count()
        })
        .sum()
}

/// Rules that reported nothing on the report (their coverage is unknown).
pub fn silent(coverage: &Coverage) -> usize {
    coverage.rules.iter().filter(|r| !r.reported()).count()
}

/// Abstentions of all rules, by reason (English, Indonesian), most first.
pub fn reasons(rules: &[RuleTally]) -> Vec<(&'static str, &'static str, usize)> {
    let mut by: BTreeMap<(&'static str, &'static str), usize> = BTreeMap::new();
    for r in rules {
        for s in &r.skipped {
            *by.entry((s.en, s.id)).or_default() += s.count;
        }
    }
    let mut out: Vec<_> = by.into_iter().map(|((en, id), n)| (en, id, n)).collect();
    out.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(b.0)));
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::rules::RuleSet;
    use crate::rules::checks::{Check, Context, Draft, Sink, Why, compile, run};
    use crate::structure::Paragraph;

    const REPORT: &str = "Tabel 3.1 Pengukuran Kinerja\n\n\
| No | Indikator | Target | Realisasi | Capaian (%) |\n|---|---|---|---|---|\n\
| 1 | Indikator A | 80 | 72 | 90,00 |\n| 2 | Indikator B | 50 | 50 | 100,00 |\n| 3 | Indikator C | 40 | 20 | 50,00 |\n\n\
Anggaran sebesar Rp 3.500.000 terserap 95,5% dan capaian rata-rata 80 %.\n\n\
Tabel 3.2 Anggaran\n\n\
| No | Program | Anggaran (Rp) | Realisasi (Rp) |\n|---|---|---|---|\n\
| 1 | Program A | 1.000.000 | 900.000 |\n| 2 | Program B | 2.500.000 | 2.400.000 |\n| | JUMLAH | 3.500.000 | 3.300.000 |\n\n\
Daftar pegawai.\n\n\
| Nama | Alamat |\n|---|---|\n| Budi | Jalan Mawar |\n";

    /// Agrees with two items of every table and skips one; agrees with every paragraph.
    #[derive(Debug)]
    struct Probe;

    impl Check for Probe {
        fn table(&self, _t: &Table, _c: &Context<'_, '_>, out: &mut Sink) {
            out.agree();
            out.agree();
            out.skip(Why {
                en: "probe",
                id: "uji",
            });
        }
        fn paragraph(&self, _p: &Paragraph, _c: &Context<'_, '_>, out: &mut Sink) {
            out.agree();
        }
    }

    /// A document-wide check whose finding sits on the second table's last row.
    #[derive(Debug)]
    struct OnTotal;

    impl Check for OnTotal {
        fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
            if let Some(t) = ctx.report.tables.get(1) {
                out.push(Draft {
                    line: t.end - 1,
                    ..Draft::default()
                });
            }
        }
    }

    /// A document-wide check walking the tables itself: agrees once on each.
    #[derive(Debug)]
    struct Walker;

    impl Check for Walker {
        fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
            for (index, _) in ctx.report.tables.iter().enumerate() {
                out.enter_table(index);
                out.agree();
            }
            out.leave_table();
            out.agree();
        }
    }

    /// The coverage of REPORT under checks of the given kinds.
    fn measured(checks: Vec<(&str, Box<dyn Check>)>) -> Coverage {
        let doc = crate::extract::text::read_text_export(Path::new("t.md"), REPORT.as_bytes());
        let report = crate::structure::analyse(&doc);
        let template = RuleSet::defaults().expect("default rules").rules[0].clone();
        let mut compiled = compile(&RuleSet::default());
        for (kind, check) in checks {
            let mut rule = template.clone();
            rule.id = format!("probe-{kind}");
            rule.kind = kind.to_string();
            compiled.checks.push((rule, check));
        }
        let result = run(&compiled, &report, "t.md");
        measure(&report, &compiled, &result)
    }

    #[test]
    fn tables_rules_claims_and_shares_come_from_what_the_rules_report() {
        let c = measured(vec![
            ("capaian_formula", Box::new(Probe)),
            ("table_column_sum", Box::new(Probe)),
            ("same_quantity", Box::new(Probe)),
        ]);
        let kinds: Vec<TableKind> = c.tables.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            [TableKind::Performance, TableKind::Budget, TableKind::Other]
        );
        assert!(!c.tables_unrecognised);
        assert!(c.tables[0].page.is_none() && c.tables[0].pages.is_empty());
        assert_eq!(c.tables[0].caption.as_deref(), Some("Tabel 3.1"));
        let roles: Vec<Role> = c.tables[0].columns.iter().map(|c| c.role).collect();
        assert_eq!(
            roles,
            [
                Role::Number,
                Role::Label,
                Role::Target,
                Role::Realisasi,
                Role::Capaian
            ]
        );
        assert_eq!(c.tables[1].rows.totals, 1);
        // Every table had an item verified on it.
        assert_eq!(
            c.figures.tables,
            Share {
                checked: 3,
                total: 3
            }
        );
        // Three rows state a capaian; the capaian rule verified two items there.
        assert_eq!(
            c.figures.capaian_rows,
            Share {
                checked: 2,
                total: 3
            }
        );
        // The JUMLAH row's two amounts; the sum rule verified two items there.
        assert_eq!(
            c.figures.budget_totals,
            Share {
                checked: 2,
                total: 2
            }
        );
        // Rp 3.500.000, 95,5%, 80 %: three figures in the narrative, at most three tied.
        assert_eq!(c.claims.narrative_figures, 3);
        assert_eq!(
            c.figures.claims,
            Share {
                checked: 3,
                total: 3
            }
        );
        assert_eq!(c.claims.unmatched, 3, "the claim rule's abstentions");
        assert_eq!(c.rules.len(), 3);
        assert_eq!(c.rules[0].skipped[0].count, 3);
        assert_eq!(c.tables[2].checks.len(), 3);
        assert_eq!(c.tables[2].checks[0].agree, 2);
    }

    #[test]
    fn budget_figures_are_amounts_outside_running_totals() {
        use crate::facts::figures::{Hint, parse_figure};
        let amount = |t: &str| parse_figure(t, Hint::None).is_some_and(|f| is_amount(&f));
        assert!(amount("15.060.466.000"));
        assert!(amount("1.500"));
        // A page number caught in a footer row is no total.
        assert!(!amount("54"));
        assert!(!amount("95,5%"));
        assert!(RUNNING.is_match("RPD KOMULATIF"));
        assert!(RUNNING.is_match("Realisasi Kumulatif"));
        assert!(!RUNNING.is_match("REALISASI ANGGARAN"));
    }

    #[test]
    fn a_rule_that_reports_nothing_checked_nothing() {
        let c = measured(vec![("capaian_formula", Box::new(OnTotal))]);
        // Its one finding is on the budget table, not on the performance table.
        assert_eq!(
            c.figures.capaian_rows,
            Share {
                checked: 0,
                total: 3
            }
        );
        assert!(!c.tables[0].checked);
        assert!(c.tables[1].checked);
        assert_eq!(c.tables[1].checks[0].disagree, 1);
        assert_eq!(
            c.figures.tables,
            Share {
                checked: 1,
                total: 3
            }
        );
        assert_eq!(c.claims.agree + c.claims.differ, 0);
    }

    #[test]
    fn a_document_finding_on_a_tables_lines_counts_for_that_table() {
        let c = measured(vec![("table_column_sum", Box::new(OnTotal))]);
        assert_eq!(
            c.figures.budget_totals,
            Share {
                checked: 1,
                total: 2
            }
        );
        assert_eq!(c.rules[0].disagree, 1);
    }

    #[test]
    fn a_document_check_on_a_table_it_entered_counts_for_that_table() {
        let c = measured(vec![("capaian_formula", Box::new(Walker))]);
        assert!(c.tables.iter().all(|t| t.checked));
        assert_eq!(c.tables[0].checks[0].agree, 1);
        // The agreement after leaving the tables is the report's only.
        assert_eq!(c.rules[0].agree, 4);
        assert_eq!(c.figures.capaian_rows.checked, 1);
    }

    #[test]
    fn a_single_row_read_as_a_table_is_not_a_table_to_check() {
        let doc = crate::extract::text::read_text_export(
            Path::new("t.md"),
            format!("{REPORT}\nDitetapkan.\n\n| Bandung, | 2015 |\n").as_bytes(),
        );
        let report = crate::structure::analyse(&doc);
        let compiled = compile(&RuleSet::default());
        let c = measure(&report, &compiled, &run(&compiled, &report, "t.md"));
        assert_eq!(c.tables.len(), 4, "{:#?}", c.tables);
        let counted: Vec<(usize, bool)> =
            c.tables.iter().map(|t| (t.rows.all(), t.checked)).collect();
        assert_eq!(c.figures.tables.total, 3, "{counted:?}");
        assert_eq!(counted[3], (1, false));
    }
}
