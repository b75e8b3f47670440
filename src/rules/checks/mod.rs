//! The built-in check kinds that rule files parameterise. A rule file names a
//! kind and gives it parameters; this module turns rules into runnable checks
//! and runs them over a structured report.

mod arithmetic;
mod charts;
mod claims;
mod common;
mod count_shares;
mod count_tables;
mod counts;
pub mod cross;
mod decrees;
mod efficiency;
mod format;
mod formulas;
mod indicator_claims;
mod legal_basis;
mod list_sums;
mod measured;
mod missions;
mod narrative;
mod narrative_budget;
mod narrowed;
mod offices;
mod outcome_counts;
mod plan_targets;
mod predicates;
mod quantities;
mod regulations;
mod relations;
mod remainders;
mod revisions;
mod running_totals;
mod scaled;
mod scales;
mod separators;
mod ticks;
mod toc;
mod totals;
mod transposed;
mod weighted;
mod years;

pub use arithmetic::RUNNING_TOTAL;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::de::DeserializeOwned;

use crate::file_error::{FileError, find_quoted_value, line_column};
use crate::findings::{Finding, Localized, Location};
use crate::rules::RuleSet;
use crate::rules::loader::{Rule, RuleError};
use crate::structure::{Paragraph, Report, Table};

pub use claims::Band as ScaleBand;
pub use common::{Context, parsing_patterns_only};

/// A runnable check built from one rule's parameters. The runner walks the
/// report once and hands each check the parts it looks at: every table, every
/// paragraph of running text, then the report as a whole. A check reports what
/// it found to `out`, and also what it verified and what it could not check.
pub trait Check: Send + Sync + std::fmt::Debug {
    /// One table of the report (each table once, in order).
    fn table(&self, _table: &Table, _ctx: &Context<'_, '_>, _out: &mut Sink) {}
    /// One paragraph of running text (each once, in order).
    fn paragraph(&self, _paragraph: &Paragraph, _ctx: &Context<'_, '_>, _out: &mut Sink) {}
    /// The report as a whole, after its tables and paragraphs.
    fn document(&self, _ctx: &Context<'_, '_>, _out: &mut Sink) {}
}

/// Why a check could not verify something (an abstention), in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Why {
    pub en: &'static str,
    pub id: &'static str,
}

/// What one rule did on one report: items it verified (agreeing or not) and
/// the abstentions, by reason. Its findings are the items that disagreed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleCoverage {
    pub agree: usize,
    pub disagree: usize,
    pub skipped: BTreeMap<Why, usize>,
}

/// What checking one item gave, for a stage that returns it rather than
/// writing to the sink itself.
#[derive(Debug)]
pub enum Outcome {
    Agrees,
    Skipped(Why),
    Differs(Draft),
}

/// Where a check puts what it found: findings (drafts), and the count of
/// what it verified or had to leave unchecked.
#[derive(Debug, Default)]
pub struct Sink {
    drafts: Vec<Draft>,
    coverage: RuleCoverage,
    /// The table the runner is handing the check (its index), if any: what
    /// is reported meanwhile is also counted for that table.
    table: Option<usize>,
    by_table: BTreeMap<usize, RuleCoverage>,
    /// Lines of the findings pushed outside a table's scope (the document's),
    /// placed in a table by line once the walk is done.
    loose: Vec<usize>,
    in_document: bool,
    /// Predicate claims left unjudged for want of a scale: another part of
    /// the same report may state it (`cross::judge_parts`).
    unscaled: Vec<predicates::UnscaledClaim>,
}

impl Sink {
    /// A finding: something checked that does not hold.
    pub fn push(&mut self, draft: Draft) {
        self.coverage.disagree += 1;
        match self.table {
            Some(t) => self.by_table.entry(t).or_default().disagree += 1,
            None if self.in_document => self.loose.push(draft.line),
            None => {}
        }
        self.drafts.push(draft);
    }

    /// A predicate claim this report gives no scale for: counted as skipped
    /// (`why`) and kept for a scale another part of the report may state.
    pub fn defer_unscaled(&mut self, why: Why, claim: predicates::UnscaledClaim) {
        self.skip(why);
        self.unscaled.push(claim);
    }

    /// Something checked that holds.
    pub fn agree(&mut self) {
        self.coverage.agree += 1;
        if let Some(t) = self.table {
            self.by_table.entry(t).or_default().agree += 1;
        }
    }

    /// Something the check could not verify, and why.
    pub fn skip(&mut self, why: Why) {
        *self.coverage.skipped.entry(why).or_default() += 1;
        if let Some(t) = self.table {
            *self
                .by_table
                .entry(t)
                .or_default()
                .skipped
                .entry(why)
                .or_default() += 1;
        }
    }

    /// From here on, what the check reports is counted for table `index` too,
    /// as if the runner had handed it that table: for a document-wide check
    /// that walks the tables itself (it needs the whole report first, e.g. the
    /// formulas or the scale the report states). Until `leave_table`.
    pub fn enter_table(&mut self, index: usize) {
        self.table = Some(index);
    }

    /// Ends `enter_table`.
    pub fn leave_table(&mut self) {
        self.table = None;
    }

    /// What checking one item gave: agreement, an abstention or a finding.
    pub fn record(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Agrees => self.agree(),
            Outcome::Skipped(why) => self.skip(why),
            Outcome::Differs(draft) => self.push(draft),
        }
    }

    /// The drafts so far (a check may look back at what it reported).
    pub fn drafts(&self) -> &[Draft] {
        &self.drafts
    }
}

/// What a check found, before the rule's id, severity and message are applied.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// Index of the line in the report's line list.
    pub line: usize,
    pub stated: String,
    pub expected: String,
    pub computation: Localized,
    pub related: Vec<usize>,
    /// Byte range of the stated figure in the line's text.
    pub highlight: Option<(usize, usize)>,
    /// Values for `{placeholders}` in the rule's message (stated, expected are always there).
    pub vars: BTreeMap<&'static str, Localized>,
}

impl Draft {
    pub fn var(mut self, name: &'static str, value: Localized) -> Self {
        self.vars.insert(name, value);
        self
    }
}

type Builder = fn(&toml::Table) -> Result<Box<dyn Check>, String>;

fn build<P: DeserializeOwned, C: Check + 'static>(
    params: &toml::Table,
    make: impl FnOnce(P) -> Result<C, String>,
) -> Result<Box<dyn Check>, String> {
    let p: P = toml::Value::Table(params.clone())
        .try_into()
        .map_err(|e: toml::de::Error| e.message().to_string())?;
    Ok(Box::new(make(p)?))
}

/// Every check kind a rule file may name.
pub fn kinds() -> Vec<(&'static str, Builder)> {
    vec![
        ("table_column_sum", |p| build(p, arithmetic::ColumnSum::new)),
        ("table_row_sum", |p| build(p, arithmetic::RowSum::new)),
        ("table_count_sum", |p| build(p, count_tables::CountSum::new)),
        ("count_share", |p| build(p, count_shares::CountShare::new)),
        ("wrong_office", |p| build(p, offices::WrongOffice::new)),
        ("running_total", |p| {
            build(p, running_totals::RunningTotal::new)
        }),
        ("table_ratio", |p| build(p, arithmetic::Ratio::new)),
        ("table_difference", |p| {
            build(p, arithmetic::Difference::new)
        }),
        ("capaian_formula", |p| {
            build(p, arithmetic::CapaianFormula::new)
        }),
        ("parts_sum", |p| build(p, arithmetic::PartsSum::new)),
        ("share_of_total", |p| {
            build(p, arithmetic::ShareOfTotal::new)
        }),
        ("aggregate_claim", |p| build(p, claims::Aggregate::new)),
        ("predicate_scale", |p| build(p, claims::Predicate::new)),
        ("predicate_counts", |p| {
            build(p, claims::PredicateCounts::new)
        }),
        ("predicate_column", |p| {
            build(p, predicates::PredicateColumn::new)
        }),
        ("predicate_named", |p| {
            build(p, predicates::PredicateNamed::new)
        }),
        ("predicate_stated", |p| {
            build(p, predicates::PredicateStated::new)
        }),
        ("predicate_usage", |p| {
            build(p, predicates::PredicateUsage::new)
        }),
        ("same_quantity", |p| build(p, quantities::SameQuantity::new)),
        ("same_indicator", |p| {
            build(p, quantities::SameIndicator::new)
        }),
        ("activity_figures", |p| {
            build(p, quantities::ActivityFigures::new)
        }),
        ("narrative_budget", |p| {
            build(p, narrative_budget::NarrativeBudget::new)
        }),
        ("narrative_budget_sum", |p| {
            build(p, narrative_budget::NarrativeBudgetSum::new)
        }),
        ("narrative_remainder", |p| {
            build(p, narrative_budget::NarrativeRemainder::new)
        }),
        ("year_mentions", |p| build(p, years::YearMentions::new)),
        ("signature_year", |p| build(p, years::SignatureYear::new)),
        ("list_count", |p| build(p, counts::ListCount::new)),
        ("table_count", |p| build(p, counts::TableCount::new)),
        ("digits_words", |p| build(p, counts::DigitsWords::new)),
        ("list_sum", |p| build(p, list_sums::ListSum::new)),
        ("inline_sum", |p| build(p, list_sums::InlineSum::new)),
        ("dictum_sequence", |p| {
            build(p, decrees::DictumSequence::new)
        }),
        ("decree_number", |p| build(p, decrees::DecreeNumber::new)),
        ("outcome_count", |p| {
            build(p, outcome_counts::OutcomeCount::new)
        }),
        ("malformed_number", |p| build(p, format::Malformed::new)),
        ("slipped_percent", |p| build(p, format::SlippedPercent::new)),
        ("template_text", |p| build(p, format::TemplateText::new)),
        ("empty_cells", |p| build(p, format::EmptyCells::new)),
        ("required_chapters", |p| {
            build(p, format::RequiredChapters::new)
        }),
        ("duplicate_caption", |p| {
            build(p, format::DuplicateCaption::new)
        }),
        ("citation_year", |p| build(p, years::CitationYear::new)),
        ("regulation_years", |p| {
            build(p, regulations::Regulations::new)
        }),
        ("legal_basis_years", |p| {
            build(p, legal_basis::LegalBasis::new)
        }),
        ("regulation_without_year", |p| {
            build(p, regulations::RegulationWithoutYear::new)
        }),
        ("chapter_list", |p| build(p, format::ChapterList::new)),
        ("toc_page_order", |p| build(p, toc::TocPageOrder::new)),
        ("toc_heading_number", |p| {
            build(p, toc::TocHeadingNumber::new)
        }),
        ("duplicate_section", |p| {
            build(p, format::DuplicateSection::new)
        }),
        ("plan_period", |p| build(p, years::PlanPeriod::new)),
        ("year_of_period", |p| build(p, years::YearOfPeriod::new)),
        ("caption_year_span", |p| {
            build(p, years::CaptionYearSpan::new)
        }),
        ("revision_table", |p| {
            build(p, revisions::RevisionTable::new)
        }),
        ("tick_column", |p| build(p, ticks::TickColumn::new)),
        ("same_year_comparison", |p| {
            build(p, years::SameYearComparison::new)
        }),
        ("sentence_capaian", |p| {
            build(p, narrative::SentenceCapaian::new)
        }),
        ("average_row", |p| build(p, narrative::AverageRow::new)),
        // Run across reports after the per-file audits (`cross::Collector`).
        (cross::KIND, |p| build(p, cross::Inert::new)),
        ("paragraph_average", |p| {
            build(p, narrative::ParagraphAverage::new)
        }),
        ("mission_capaian", |p| {
            build(p, missions::MissionCapaian::new)
        }),
        ("stated_relation", |p| {
            build(p, relations::StatedRelation::new)
        }),
        ("named_remainder", |p| {
            build(p, remainders::NamedRemainder::new)
        }),
        ("matching_totals", |p| build(p, totals::MatchingTotals::new)),
        ("near_total", |p| build(p, totals::NearTotal::new)),
        ("weighted_total", |p| build(p, weighted::WeightedTotal::new)),
        ("thousands_separator", |p| {
            build(p, separators::ThousandsSeparator::new)
        }),
        ("efficiency_formula", |p| {
            build(p, efficiency::EfficiencyFormula::new)
        }),
        ("scaled_quantities", |p| {
            build(p, scaled::ScaledQuantities::new)
        }),
        ("transposed_tables", |p| {
            build(p, transposed::TransposedTables::new)
        }),
        ("measured_capaian", |p| {
            build(p, measured::MeasuredCapaian::new)
        }),
        ("indicator_figures", |p| {
            build(p, indicator_claims::IndicatorFigures::new)
        }),
        ("indicator_target_claim", |p| {
            build(p, indicator_claims::IndicatorTargetClaim::new)
        }),
        ("indicator_list", |p| {
            build(p, indicator_claims::IndicatorList::new)
        }),
        ("indicator_efficiency", |p| {
            build(p, indicator_claims::IndicatorEfficiency::new)
        }),
        ("efficiency_extreme", |p| {
            build(p, indicator_claims::EfficiencyExtreme::new)
        }),
        ("chart_value", |p| build(p, charts::ChartValue::new)),
        ("stated_formula", |p| build(p, formulas::StatedFormula::new)),
        ("plan_target", |p| build(p, plan_targets::PlanTarget::new)),
        ("scale_bands", |p| build(p, scales::ScaleBands::new)),
        ("stated_absorption", |p| {
            build(p, quantities::StatedAbsorption::new)
        }),
    ]
}

/// Builds the check a rule names, or explains what is wrong with it.
pub fn build_rule(rule: &Rule) -> Result<Box<dyn Check>, String> {
    let kinds = kinds();
    let Some((_, builder)) = kinds.iter().find(|(k, _)| *k == rule.kind) else {
        let names: Vec<&str> = kinds.iter().map(|(k, _)| *k).collect();
        return Err(format!(
            "unknown check kind `{}` (known kinds: {})",
            rule.kind,
            names.join(", ")
        ));
    };
    builder(&rule.params)
}

/// Validates a rule just loaded from `text`, pointing at its `params` when they are wrong.
pub fn validate(rule: &Rule, text: &str) -> Result<(), RuleError> {
    build_rule(rule).map(|_| ()).map_err(|message| {
        // Point at the offending key when the message names one, else at the rule.
        let key = message
            .split('`')
            .nth(1)
            .filter(|k| !k.contains(' '))
            .and_then(|k| find_key(text, rule.line, k));
        // Or at the offending value, when the message quotes one.
        let value = || {
            let start = text
                .split_inclusive('\n')
                .take(rule.line.saturating_sub(1))
                .map(str::len)
                .sum::<usize>();
            let at = find_quoted_value(text, start, &message)?;
            Some(line_column(text, at))
        };
        // Or, for a pattern that does not compile, at its `pattern =` line.
        let pattern = || {
            message
                .starts_with("invalid pattern")
                .then(|| find_key(text, rule.line, "pattern"))
                .flatten()
        };
        let (line, column) = key
            .or_else(value)
            .or_else(pattern)
            .unwrap_or((rule.line, rule.column));
        FileError::at(
            &rule.source,
            line,
            column,
            format!("rule `{}`: {message}", rule.id),
        )
    })
}

fn find_key(text: &str, from_line: usize, key: &str) -> Option<(usize, usize)> {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 >= from_line {
            let trimmed = l.trim_start();
            if trimmed.starts_with(key) && trimmed[key.len()..].trim_start().starts_with('=') {
                return Some(line_column(text, offset + (l.len() - trimmed.len())));
            }
        }
        offset += l.len();
    }
    None
}

/// Rules turned into runnable checks.
#[derive(Debug, Default)]
pub struct CompiledRules {
    pub checks: Vec<(Rule, Box<dyn Check>)>,
    /// Extra absolute tolerance for comparisons (configuration).
    pub tolerance: Decimal,
    /// The ordinal scale for reports that state none (configuration); empty:
    /// each predicate rule's own `default_scale`.
    pub default_scale: Vec<ScaleBand>,
    /// The rules run across reports, after every file's own audit.
    pub cross: cross::CrossRules,
}

pub fn compile(rules: &RuleSet) -> CompiledRules {
    let checks = rules
        .rules
        .iter()
        .filter(|r| r.kind != cross::KIND)
        // Validated as they were loaded: their patterns compile when used.
        .filter_map(|r| {
            parsing_patterns_only(|| build_rule(r))
                .ok()
                .map(|c| (r.clone(), c))
        })
        .collect();
    CompiledRules {
        checks,
        tolerance: Decimal::ZERO,
        default_scale: Vec::new(),
        cross: parsing_patterns_only(|| cross::CrossRules::from_rules(rules.rules.iter())),
    }
}

/// What the rules found on one report, and what each rule covered.
#[derive(Debug, Default)]
pub struct RuleRun {
    pub findings: Vec<Finding>,
    /// Per rule id, in the order the rules are in force.
    pub coverage: Vec<(String, RuleCoverage)>,
    /// Per rule (same order as `coverage`), what it reported on each table,
    /// by index in the report's tables: in the table's scope, and the
    /// findings of the document's scope whose line is in the table.
    pub by_table: Vec<BTreeMap<usize, RuleCoverage>>,
    /// Predicate claims the report gives no scale for, placed, with their
    /// rule: judged after the run on the scale of another part of the report.
    pub unscaled: Vec<Unscaled>,
    /// The predicate scales the report states, with where each starts (when
    /// a predicate rule looked for them).
    pub scales: Vec<(predicates::StatedScale, Location)>,
}

/// A predicate claim left for another part's scale, with what its finding needs.
#[derive(Debug, Clone)]
pub struct Unscaled {
    pub rule: Rule,
    pub claim: predicates::UnscaledClaim,
    pub location: Location,
    pub excerpt: String,
}

/// Runs every check on a report; `file` is the path shown in findings. The
/// report is walked once: each table, each paragraph, then the document, each
/// handed to every check.
pub fn run(compiled: &CompiledRules, report: &Report<'_>, file: &str) -> RuleRun {
    let mut ctx = Context::new(report, compiled.tolerance);
    ctx.default_scale = &compiled.default_scale;
    let _scans = common::ScanMemo::start();
    let mut sinks: Vec<Sink> = compiled.checks.iter().map(|_| Sink::default()).collect();
    'walk: {
        for (index, table) in report.tables.iter().enumerate() {
            if crate::limits::check_time().is_err() {
                break 'walk;
            }
            for ((_, check), sink) in compiled.checks.iter().zip(sinks.iter_mut()) {
                sink.table = Some(index);
                check.table(table, &ctx, sink);
                sink.table = None;
            }
        }
        for paragraph in &report.paragraphs {
            if crate::limits::check_time().is_err() {
                break 'walk;
            }
            for ((_, check), sink) in compiled.checks.iter().zip(sinks.iter_mut()) {
                check.paragraph(paragraph, &ctx, sink);
            }
        }
        for ((_, check), sink) in compiled.checks.iter().zip(sinks.iter_mut()) {
            if crate::limits::check_time().is_err() {
                break 'walk;
            }
            sink.in_document = true;
            check.document(&ctx, sink);
            sink.in_document = false;
        }
    }
    let mut out = RuleRun::default();
    for ((rule, _), mut sink) in compiled.checks.iter().zip(sinks) {
        for line in std::mem::take(&mut sink.loose) {
            if let Some(t) = report
                .tables
                .iter()
                .position(|t| (t.start..t.end).contains(&line))
            {
                sink.by_table.entry(t).or_default().disagree += 1;
            }
        }
        for d in sink.drafts {
            out.findings.push(finish(rule, d, report, file));
        }
        for claim in sink.unscaled {
            out.unscaled.push(Unscaled {
                rule: rule.clone(),
                location: report.location(file, claim.line),
                excerpt: excerpt_of(report, claim.line),
                claim,
            });
        }
        out.coverage.push((rule.id.clone(), sink.coverage));
        out.by_table.push(sink.by_table);
    }
    out.findings.dedup_by(|a, b| a == b);
    if let Some(scales) = ctx.scales.get() {
        out.scales = scales
            .iter()
            .map(|s| (s.clone(), report.location(file, s.line)))
            .collect();
    }
    out
}

fn excerpt_of(report: &Report<'_>, line: usize) -> String {
    report
        .lines
        .get(line)
        .map(|l| l.line.text.clone())
        .unwrap_or_default()
}

fn finish(rule: &Rule, d: Draft, report: &Report<'_>, file: &str) -> Finding {
    let location = report.location(file, d.line);
    let related: Vec<Location> = d
        .related
        .iter()
        .map(|&i| report.location(file, i))
        .collect();
    let excerpt = excerpt_of(report, d.line);
    finish_at(rule, d, location, related, excerpt)
}

/// A draft as a finding, its places already known.
pub(crate) fn finish_at(
    rule: &Rule,
    mut d: Draft,
    location: Location,
    related: Vec<Location>,
    excerpt: String,
) -> Finding {
    d.vars
        .entry("stated")
        .or_insert_with(|| Localized::same(d.stated.clone()));
    d.vars
        .entry("expected")
        .or_insert_with(|| Localized::same(d.expected.clone()));
    let fill = |template: &str, lang: crate::findings::Lang| {
        let mut out = template.to_string();
        for (name, value) in &d.vars {
            out = out.replace(&format!("{{{name}}}"), value.get(lang));
        }
        out
    };
    let message = Localized {
        id: fill(&rule.message.id, crate::findings::Lang::Id),
        en: fill(&rule.message.en, crate::findings::Lang::En),
    };
    let mut related: Vec<Location> = related.into_iter().filter(|l| *l != location).collect();
    related.sort();
    related.dedup();
    let highlight = d
        .highlight
        .filter(|(a, b)| {
            a < b
                && *b <= excerpt.len()
                && excerpt.is_char_boundary(*a)
                && excerpt.is_char_boundary(*b)
        })
        .or_else(|| {
            (!d.stated.is_empty())
                .then(|| excerpt.find(&d.stated).map(|a| (a, a + d.stated.len())))
                .flatten()
        });
    Finding {
        rule: rule.id.clone(),
        category: rule.category,
        severity: rule.severity,
        location,
        stated: d.stated,
        expected: d.expected,
        message,
        computation: d.computation,
        related,
        excerpt,
        highlight,
    }
}

/// For tests beside each check kind: a default rule (or a rule written in
/// the test) run on a report written in the test as a text export (Markdown
/// tables, tab rows, prose), with its findings and coverage.
#[cfg(test)]
pub mod testing {
    use std::path::Path;

    use super::{RuleCoverage, compile};
    use crate::findings::Finding;
    use crate::rules::RuleSet;

    /// What `rule_id` of the default rules makes of `text`.
    pub fn run_default(rule_id: &str, text: &str) -> (Vec<Finding>, RuleCoverage) {
        let mut rules = RuleSet::defaults().expect("default rules load");
        rules.rules.retain(|r| r.id == rule_id);
        assert_eq!(rules.rules.len(), 1, "no default rule {rule_id}");
        run_rules(&rules, text)
    }

    /// What the rules of a rule file written in the test make of `text`.
    pub fn run_toml(rule_file: &str, text: &str) -> (Vec<Finding>, RuleCoverage) {
        let mut rules = RuleSet::default();
        rules
            .add_text(Path::new("test.toml"), rule_file)
            .expect("test rule file loads");
        run_rules(&rules, text)
    }

    /// The findings of a default rule on `text`.
    pub fn findings(rule_id: &str, text: &str) -> Vec<Finding> {
        run_default(rule_id, text).0
    }

    fn run_rules(rules: &RuleSet, text: &str) -> (Vec<Finding>, RuleCoverage) {
        let doc = crate::extract::text::read_text_export(Path::new("test.md"), text.as_bytes());
        let report = crate::structure::analyse(&doc);
        let run = super::run(&compile(rules), &report, "test.md");
        let coverage =
            run.coverage
                .into_iter()
                .map(|(_, c)| c)
                .fold(RuleCoverage::default(), |mut all, c| {
                    all.agree += c.agree;
                    all.disagree += c.disagree;
                    for (why, n) in c.skipped {
                        *all.skipped.entry(why).or_default() += n;
                    }
                    all
                });
        (run.findings, coverage)
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::findings::{Category, Severity};
    use crate::rules::checks::testing::run_toml;

    const SKIPPED: Why = Why {
        en: "test abstention",
        id: "abstain uji",
    };

    /// Counts what the runner hands it; agrees on each table, abstains on each
    /// paragraph, and reports one finding on the first table's first line.
    #[derive(Debug, Default)]
    struct Counting {
        tables: Arc<AtomicUsize>,
        paragraphs: Arc<AtomicUsize>,
        documents: Arc<AtomicUsize>,
    }

    impl Check for Counting {
        fn table(&self, _table: &Table, _ctx: &Context<'_, '_>, out: &mut Sink) {
            self.tables.fetch_add(1, Ordering::SeqCst);
            out.agree();
        }
        fn paragraph(&self, _p: &Paragraph, _ctx: &Context<'_, '_>, out: &mut Sink) {
            self.paragraphs.fetch_add(1, Ordering::SeqCst);
            out.record(Outcome::Skipped(SKIPPED));
        }
        fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
            self.documents.fetch_add(1, Ordering::SeqCst);
            if let Some(t) = ctx.report.tables.first() {
                out.push(Draft {
                    line: t.start,
                    stated: "1".to_string(),
                    expected: "2".to_string(),
                    ..Draft::default()
                });
            }
        }
    }

    fn rule(id: &str, kind: &str, params: &str) -> Rule {
        Rule {
            id: id.to_string(),
            kind: kind.to_string(),
            category: Category::Arithmetic,
            severity: Severity::Error,
            message: Localized::new(
                "Tertulis {stated}, seharusnya {expected}",
                "Stated {stated}, expected {expected}",
            ),
            description: Localized::default(),
            params: toml::from_str(params).expect("params are TOML"),
            source: PathBuf::from("test.toml"),
            line: 1,
            column: 1,
        }
    }

    const TWO_TABLES: &str = "LAPORAN KINERJA\n\nParagraf pertama.\n\n\
        | No | Program | Anggaran (Rp) |\n|---|---|---|\n| 1 | A | 1.000 |\n| 2 | B | 2.000 |\n\n\
        Paragraf kedua di antara tabel.\n\n\
        | No | Kegiatan | Anggaran (Rp) |\n|---|---|---|\n| 1 | C | 3.000 |\n";

    #[test]
    fn the_walk_hands_each_check_every_scope_once() {
        let doc = crate::extract::text::read_text_export(Path::new("t.md"), TWO_TABLES.as_bytes());
        let report = crate::structure::analyse(&doc);
        assert_eq!(report.tables.len(), 2);
        let counts = [Counting::default(), Counting::default()];
        let seen: Vec<_> = counts
            .iter()
            .map(|c| (c.tables.clone(), c.paragraphs.clone(), c.documents.clone()))
            .collect();
        let compiled = CompiledRules {
            checks: counts
                .into_iter()
                .enumerate()
                .map(|(i, c)| {
                    (
                        rule(&format!("r{i}"), "test", ""),
                        Box::new(c) as Box<dyn Check>,
                    )
                })
                .collect(),
            ..CompiledRules::default()
        };
        let run = run(&compiled, &report, "t.md");
        for (tables, paragraphs, documents) in &seen {
            assert_eq!(tables.load(Ordering::SeqCst), 2);
            assert_eq!(paragraphs.load(Ordering::SeqCst), report.paragraphs.len());
            assert_eq!(documents.load(Ordering::SeqCst), 1);
        }
        assert!(report.paragraphs.len() >= 2);
        // Per rule, in order: the tallies, and what fell on each table.
        let ids: Vec<&str> = run.coverage.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["r0", "r1"]);
        let (_, c) = &run.coverage[0];
        assert_eq!(c.agree, 2);
        assert_eq!(c.disagree, 1);
        assert_eq!(c.skipped.get(&SKIPPED), Some(&report.paragraphs.len()));
        let first = &run.by_table[0][&0];
        assert_eq!((first.agree, first.disagree), (1, 1));
        assert!(first.skipped.is_empty());
        let second = &run.by_table[0][&1];
        assert_eq!((second.agree, second.disagree), (1, 0));
        // The finding, with the rule's message filled in.
        assert_eq!(run.findings.len(), 2);
        assert_eq!(run.findings[0].rule, "r0");
        assert_eq!(run.findings[0].message.id, "Tertulis 1, seharusnya 2");
        assert_eq!(run.findings[0].message.en, "Stated 1, expected 2");
    }

    #[test]
    fn the_sink_counts_agreements_abstentions_and_findings() {
        let mut sink = Sink::default();
        sink.agree();
        sink.record(Outcome::Agrees);
        sink.skip(SKIPPED);
        sink.record(Outcome::Skipped(SKIPPED));
        sink.record(Outcome::Differs(Draft {
            line: 4,
            ..Draft::default()
        }));
        assert_eq!(sink.coverage.agree, 2);
        assert_eq!(sink.coverage.disagree, 1);
        assert_eq!(sink.coverage.skipped.get(&SKIPPED), Some(&2));
        assert_eq!(sink.drafts().len(), 1);
        assert_eq!(sink.drafts()[0].line, 4);
        // Outside a table nothing is counted per table.
        assert!(sink.by_table.is_empty());
        // Inside one, what is reported counts for it too.
        sink.enter_table(3);
        sink.agree();
        sink.skip(SKIPPED);
        sink.push(Draft::default());
        sink.leave_table();
        sink.agree();
        let t = &sink.by_table[&3];
        assert_eq!((t.agree, t.disagree), (1, 1));
        assert_eq!(t.skipped.get(&SKIPPED), Some(&1));
        assert_eq!(sink.coverage.agree, 4);
        assert_eq!(sink.coverage.disagree, 2);
    }

    #[test]
    fn a_rule_of_an_unknown_kind_is_an_error_naming_the_known_ones() {
        let err = build_rule(&rule("x", "no_such_kind", "")).expect_err("unknown kind");
        assert!(
            err.starts_with("unknown check kind `no_such_kind`"),
            "{err}"
        );
        assert!(err.contains("table_column_sum"), "{err}");
        // And the rule is left out of a compiled set rather than run.
        let mut rules = RuleSet::default();
        rules.rules.push(rule("x", "no_such_kind", ""));
        assert!(compile(&rules).checks.is_empty());
    }

    #[test]
    fn a_rule_with_bad_params_is_an_error_at_the_params() {
        let text = "[[rule]]\nid = \"sum\"\nkind = \"table_column_sum\"\ncategory = \"arithmetic\"\n\
            severity = \"error\"\nmessage = { id = \"a\", en = \"b\" }\n[rule.params]\ncolumns = 5\n";
        // A value of the wrong type: an error of that rule.
        let err = RuleSet::default()
            .add_text(Path::new("bad.toml"), text)
            .expect_err("bad params");
        assert!(err.to_string().contains("rule `sum`"), "{err}");
        // A key the kind does not know points at its line.
        let typo = text.replace("columns = 5", "colums = 'anggaran'");
        let err = RuleSet::default()
            .add_text(Path::new("bad.toml"), &typo)
            .expect_err("unknown key");
        let shown = err.to_string();
        assert!(shown.starts_with("bad.toml:8:"), "{shown}");
        assert!(shown.contains("colums"), "{shown}");
        // So does a pattern that does not compile.
        let bad_regex = text.replace("columns = 5", "columns = '(unclosed'");
        let err = RuleSet::default()
            .add_text(Path::new("bad.toml"), &bad_regex)
            .expect_err("bad pattern");
        assert!(err.to_string().starts_with("bad.toml:8:"), "{err}");
    }

    #[test]
    fn every_kind_is_named_once() {
        let kinds = kinds();
        let names: std::collections::BTreeSet<&str> = kinds.iter().map(|(k, _)| *k).collect();
        assert_eq!(names.len(), kinds.len());
    }

    #[test]
    fn a_rule_file_written_in_the_test_runs_through_the_walk() {
        let rules = "[[rule]]\nid = \"sum\"\nkind = \"table_column_sum\"\ncategory = \"arithmetic\"\n\
            severity = \"error\"\nmessage = { id = \"Jumlah {stated} ≠ {expected}\", en = \"Total {stated} ≠ {expected}\" }\n\
            [rule.params]\ncolumns = '(?i)anggaran'\n";
        let table = "| No | Program | Anggaran (Rp) |\n|---|---|---|\n| 1 | A | 1.000.000 |\n\
            | 2 | B | 2.500.000 |\n| | JUMLAH | {total} |\n";
        let (found, coverage) = run_toml(rules, &table.replace("{total}", "3.600.000"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].message.id, "Jumlah 3.600.000 ≠ 3.500.000");
        assert_eq!(found[0].excerpt, "\tJUMLAH\t3.600.000");
        assert_eq!(coverage.disagree, 1);
        let (found, coverage) = run_toml(rules, &table.replace("{total}", "3.500.000"));
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!((coverage.agree, coverage.disagree), (1, 0));
    }
}
