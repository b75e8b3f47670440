//! The tables as `structure` understood them, for `lkjip-audit extract
//! --tables`: page, caption, one label per column, the rows of cells — the
//! project's `debug_tablefinder`. Text for people, JSON (these structs) for tools.

use std::fmt::Write;

use serde::Serialize;

use super::roles::{ColumnRole, Role, TableKind};
use super::{Report, RowKind, Table};

/// One table.
#[derive(Debug, Serialize)]
pub struct TableView {
    /// First page (1-based) and every page it runs over.
    pub page: u32,
    pub pages: Vec<u32>,
    /// Line (on its page) of the first row, header included.
    pub line: u32,
    /// "Tabel 3.1" and the title after it, when a caption stands above the table.
    pub caption: Option<String>,
    pub title: Option<String>,
    /// One label per column: the header cells above it, top to bottom.
    pub columns: Vec<String>,
    /// What each column holds.
    pub roles: Vec<ColumnRole>,
    /// performance, comparison, renstra, budget, chart or other.
    pub kind: TableKind,
    /// Number of header rows (including a row numbering the columns).
    pub header_rows: usize,
    pub rows: Vec<RowView>,
    /// The chart whose data the table holds, when it is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chart: Option<ChartView>,
}

/// A chart's data as understood: its years, its series' values, its caption.
#[derive(Debug, Serialize)]
pub struct ChartView {
    pub years: Vec<i32>,
    /// Each series' name and its values as printed, one per year.
    pub series: Vec<(String, Vec<String>)>,
    pub caption: Option<String>,
}

/// One body row.
#[derive(Debug, Serialize)]
pub struct RowView {
    pub page: u32,
    /// Line on its page (1-based).
    pub line: u32,
    /// "item", "group" (I, II … or a bold heading row) or "total".
    pub kind: &'static str,
    pub cells: Vec<String>,
}

impl TableView {
    pub fn of(table: &Table) -> TableView {
        let mut pages: Vec<u32> = std::iter::once(table.page)
            .chain(table.rows.iter().map(|r| r.page))
            .collect();
        pages.sort_unstable();
        pages.dedup();
        TableView {
            page: table.page,
            pages,
            line: table.first_line,
            caption: table.caption_number(),
            title: table.caption_title(),
            columns: table.columns.clone(),
            roles: table.roles.clone(),
            kind: table.kind,
            header_rows: table.header_rows.len(),
            rows: table
                .rows
                .iter()
                .map(|r| RowView {
                    page: r.page,
                    line: r.line,
                    kind: match r.kind {
                        RowKind::Item => "item",
                        RowKind::Group => "group",
                        RowKind::Total => "total",
                    },
                    cells: r.cells.iter().map(|c| c.text.clone()).collect(),
                })
                .collect(),
            chart: None,
        }
    }
}

/// Every table of a report.
pub fn tables(report: &Report<'_>) -> Vec<TableView> {
    let mut views: Vec<TableView> = report.tables.iter().map(TableView::of).collect();
    for c in &report.charts {
        if let Some(v) = views.get_mut(c.table) {
            v.chart = Some(ChartView {
                years: c.years.clone(),
                series: c
                    .series
                    .iter()
                    .map(|s| {
                        let values = s.values.iter().map(|p| p.figure.text.clone()).collect();
                        (s.name.clone(), values)
                    })
                    .collect(),
                caption: c.caption.clone(),
            });
        }
    }
    views
}

/// The tables as text: a heading per table, its column labels, then a row per line.
pub fn render_tables(tables: &[TableView]) -> String {
    let mut out = String::new();
    for (i, t) in tables.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let pages = match (t.pages.first(), t.pages.last()) {
            (Some(a), Some(b)) if a != b => format!("pages {a}–{b}"),
            _ => format!("page {}", t.page),
        };
        let _ = writeln!(
            out,
            "== table {} ({pages}, line {}): {}{}",
            i + 1,
            t.line,
            t.caption.as_deref().unwrap_or("(no caption)"),
            t.title
                .as_deref()
                .map(|s| format!(" {s}"))
                .unwrap_or_default()
        );
        let _ = writeln!(
            out,
            "   {:?} table; {} header rows, {} body rows, {} columns",
            t.kind,
            t.header_rows,
            t.rows.len(),
            t.columns.len()
        );
        for (c, (label, role)) in t.columns.iter().zip(&t.roles).enumerate() {
            let year = role.year.map(|y| format!(" {y}")).unwrap_or_default();
            let money = if role.money { " Rp" } else { "" };
            let name = if role.role == Role::Other {
                "?"
            } else {
                role_name(role.role)
            };
            let _ = writeln!(out, "   [{c}] {name}{year}{money}: {label}");
        }
        if let Some(c) = &t.chart {
            let years: Vec<String> = c.years.iter().map(|y| y.to_string()).collect();
            let _ = writeln!(out, "   chart: {}", years.join(" "));
            for (name, values) in &c.series {
                let _ = writeln!(out, "   series \"{name}\": {}", values.join(" "));
            }
            if let Some(caption) = &c.caption {
                let _ = writeln!(out, "   caption: {caption}");
            }
        }
        for r in &t.rows {
            let mark = match r.kind {
                "group" => "G",
                "total" => "T",
                _ => " ",
            };
            let _ = writeln!(
                out,
                "{mark} {:>3}:{:<3} {}",
                r.page,
                r.line,
                r.cells.join(" | ")
            );
        }
    }
    out
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Number => "number",
        Role::Label => "label",
        Role::Unit => "unit",
        Role::Target => "target",
        Role::Realisasi => "realisasi",
        Role::Capaian => "capaian",
        Role::Anggaran => "anggaran",
        Role::Predicate => "predicate",
        Role::Other => "other",
    }
}
