//! Form: malformed numbers, template text left unfilled, required cells left
//! empty, required chapters missing, table numbers used twice.

use serde::Deserialize;

use crate::facts::figures::{Hint, Token, scan_figures};
use crate::findings::Localized;
use crate::structure::{Chapter, RowKind};

use super::arithmetic::table_name;
use super::common::{Context, Pattern, cell_number};
use super::{Check, Draft, Sink};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MalformedParams {}

/// A figure that is neither Indonesian nor English style ("1.414.,972450'00").
#[derive(Debug)]
pub struct Malformed;

impl Malformed {
    pub fn new(_: MalformedParams) -> Result<Self, String> {
        Ok(Malformed)
    }
}

impl Check for Malformed {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        for l in &ctx.report.lines {
            // The longest check on a big report: stop near the time limit.
            if crate::limits::out_of_time() {
                return;
            }
            for token in scan_figures(&l.line.text) {
                if let Token::Malformed(m) = token {
                    out.push(
                        Draft {
                            line: l.index,
                            stated: m.text.clone(),
                            expected: String::new(),
                            computation: Localized::new(
                                format!("bukan format angka Indonesia (1.234.567,89) maupun Inggris (1,234,567.89): {}", m.reason),
                                format!("neither Indonesian (1.234.567,89) nor English (1,234,567.89) number format: {}", m.reason),
                            ),
                            highlight: Some((m.start, m.end)),
                            ..Default::default()
                        }
                        .var("reason", Localized::same(m.reason.clone())),
                    );
                }
            }
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pattern: Pattern,
    what: Localized,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateParams {
    templates: Vec<Template>,
}

/// Template text left as it was: "Nomor ... Tahun 2020", "sangat berhasil/ berhasil/ kurang/cukup".
#[derive(Debug)]
pub struct TemplateText {
    p: TemplateParams,
}

impl TemplateText {
    pub fn new(p: TemplateParams) -> Result<Self, String> {
        Ok(TemplateText { p })
    }
}

impl Check for TemplateText {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        let mut push =
            |line: usize, stated: &str, highlight: Option<(usize, usize)>, t: &Template| {
                out.push(
                    Draft {
                        line,
                        stated: stated.to_string(),
                        expected: String::new(),
                        computation: t.what.clone(),
                        highlight,
                        ..Default::default()
                    }
                    .var("what", t.what.clone()),
                );
            };
        // Running text is matched over whole paragraphs: a PDF may wrap "Nomor ... Tahun".
        for p in &ctx.report.paragraphs {
            for t in &self.p.templates {
                for m in t.pattern.0.find_iter(&p.text) {
                    let line = p.line_at(m.start());
                    let start = m.start() - p.line_start(line).min(m.start());
                    let len = ctx.report.lines.get(line).map_or(0, |l| l.line.text.len());
                    let highlight = (start + m.len() <= len).then_some((start, start + m.len()));
                    push(line, m.as_str(), highlight, t);
                }
            }
        }
        for l in &ctx.report.lines {
            if l.line.cells == crate::extract::CellMode::Flow {
                continue;
            }
            for t in &self.p.templates {
                for m in t.pattern.0.find_iter(&l.line.text) {
                    push(l.index, m.as_str(), Some((m.start(), m.end())), t);
                }
            }
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmptyCellsParams {
    /// Columns that must be filled on every row…
    columns: Pattern,
    /// …of tables having a column like this one.
    when_table_has: Pattern,
}

/// A required cell left empty (TINGKAT KEMAJUAN with no value).
#[derive(Debug)]
pub struct EmptyCells {
    p: EmptyCellsParams,
}

impl EmptyCells {
    pub fn new(p: EmptyCellsParams) -> Result<Self, String> {
        Ok(EmptyCells { p })
    }
}

impl Check for EmptyCells {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        for table in &ctx.report.tables {
            if table.columns_matching(&self.p.when_table_has.0).is_empty() {
                continue;
            }
            for col in table.columns_matching(&self.p.columns.0) {
                for row in table.rows.iter().filter(|r| r.kind == RowKind::Item) {
                    // Only rows that carry figures elsewhere are data rows; a
                    // bare "83" counts too (the table reader takes one- and
                    // two-digit cells for column numbers unless hinted).
                    let has_data = row.cells.iter().enumerate().any(|(i, c)| {
                        i != col
                            && i > 0
                            && (c.figure.is_some() || cell_number(&c.text, Hint::None).is_some())
                    });
                    let empty = row.cell(col).is_none_or(|c| c.text.trim().is_empty());
                    if has_data && empty {
                        out.push(
                            Draft {
                                line: ctx.row_line(row.page, row.line),
                                stated: String::new(),
                                expected: table.columns[col].clone(),
                                computation: Localized::new(
                                    format!(
                                        "kolom \"{}\" {} kosong",
                                        table.columns[col],
                                        table_name(table).id
                                    ),
                                    format!(
                                        "column \"{}\" of {} is empty",
                                        table.columns[col],
                                        table_name(table).en
                                    ),
                                ),
                                ..Default::default()
                            }
                            .var("column", Localized::same(table.columns[col].clone()))
                            .var("table", table_name(table)),
                        );
                    }
                }
            }
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequiredChaptersParams {
    chapters: Vec<String>,
}

/// The chapters PermenPAN-RB 53/2014 requires.
#[derive(Debug)]
pub struct RequiredChapters {
    chapters: Vec<Chapter>,
}

impl RequiredChapters {
    pub fn new(p: RequiredChaptersParams) -> Result<Self, String> {
        let chapters = p
            .chapters
            .iter()
            .map(|n| Chapter::from_rule_name(n).ok_or_else(|| format!("unknown chapter {n:?}")))
            .collect::<Result<_, _>>()?;
        Ok(RequiredChapters { chapters })
    }
}

impl Check for RequiredChapters {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        for c in &self.chapters {
            if !ctx.report.chapter_present(*c) {
                out.push(
                    Draft {
                        line: 0,
                        stated: String::new(),
                        expected: c.name(),
                        computation: Localized::new(
                            format!("bab {} tidak ditemukan", c.name()),
                            format!("chapter {} not found", c.name()),
                        ),
                        ..Default::default()
                    }
                    .var("chapter", Localized::same(c.name())),
                );
            }
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DuplicateCaptionParams {}

/// "Tabel 3.2" used for two different tables.
#[derive(Debug)]
pub struct DuplicateCaption;

impl DuplicateCaption {
    pub fn new(_: DuplicateCaptionParams) -> Result<Self, String> {
        Ok(DuplicateCaption)
    }
}

impl Check for DuplicateCaption {
    fn document(&self, ctx: &Context<'_, '_>, out: &mut Sink) {
        // A map, not a list searched per table: linear in the number of tables.
        let mut seen: std::collections::HashMap<&str, usize> = Default::default();
        for t in &ctx.report.tables {
            let Some(c) = &t.caption else { continue };
            let Some(n) = &c.number else { continue };
            let line = ctx.row_line(c.page, c.line);
            if let Some(first) = seen.get(n.as_str()) {
                let text = format!("Tabel {n}");
                let at = ctx.report.lines[line]
                    .line
                    .text
                    .find(&text)
                    .map(|a| (a, a + text.len()));
                out.push(
                    Draft {
                        line,
                        stated: text,
                        expected: String::new(),
                        computation: Localized::new(
                            format!(
                                "nomor tabel {n} sudah dipakai di baris {}",
                                ctx.report.lines[*first].line.number
                            ),
                            format!(
                                "table number {n} already used at line {}",
                                ctx.report.lines[*first].line.number
                            ),
                        ),
                        related: vec![*first],
                        highlight: at,
                        ..Default::default()
                    }
                    .var("number", Localized::same(n.clone())),
                );
            } else {
                seen.insert(n, line);
            }
        }
    }
}
