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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::structure::roles::TableKind;

    const TABLE: &str = "Tabel 3.1 Capaian Kinerja\n\n\
        | No | Indikator | Target | Realisasi | Capaian (%) |\n\
        |---|---|---|---|---|\n\
        | 1 | Indeks Kepuasan Masyarakat | 80 | 84 | 105 |\n\
        | 2 | Persentase Pengaduan Selesai | 90 | 90 | 100 |\n";

    fn views(text: &str) -> Vec<TableView> {
        let doc = crate::extract::text::read_text_export(Path::new("t.md"), text.as_bytes());
        tables(&crate::structure::analyse(&doc))
    }

    #[test]
    fn a_table_shows_its_caption_columns_roles_and_rows() {
        let all = views(TABLE);
        assert_eq!(all.len(), 1, "{all:#?}");
        let t = &all[0];
        assert_eq!(t.caption.as_deref(), Some("Tabel 3.1"));
        assert_eq!(t.title.as_deref(), Some("Capaian Kinerja"));
        assert_eq!(t.page, 1);
        assert_eq!(t.pages, vec![1]);
        assert_eq!(t.kind, TableKind::Performance);
        assert_eq!(t.columns.len(), 5);
        assert_eq!(t.columns[1], "Indikator");
        let roles: Vec<Role> = t.roles.iter().map(|r| r.role).collect();
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
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].kind, "item");
        assert_eq!(
            t.rows[1].cells,
            ["2", "Persentase Pengaduan Selesai", "90", "90", "100"]
        );
        assert!(t.rows[0].line < t.rows[1].line);
        assert!(t.chart.is_none());
    }

    #[test]
    fn a_total_row_is_marked_as_one() {
        let text = format!("{TABLE}| | JUMLAH | 170 | 174 | |\n");
        let all = views(&text);
        let t = &all[0];
        assert_eq!(t.rows.last().map(|r| r.kind), Some("total"));
        let listing = render_tables(&all);
        assert!(
            listing
                .lines()
                .any(|l| l.starts_with('T') && l.contains("JUMLAH")),
            "{listing}"
        );
    }

    #[test]
    fn the_listing_names_each_table_and_its_columns() {
        let listing = render_tables(&views(TABLE));
        let mut lines = listing.lines();
        assert_eq!(
            lines.next(),
            Some("== table 1 (page 1, line 3): Tabel 3.1 Capaian Kinerja"),
            "{listing}"
        );
        assert!(
            listing.contains("Performance table; 1 header rows, 2 body rows, 5 columns"),
            "{listing}"
        );
        assert!(listing.contains("[2] target: Target"), "{listing}");
        assert!(listing.contains("[4] capaian: Capaian (%)"), "{listing}");
        assert!(
            listing.contains("1 | Indeks Kepuasan Masyarakat | 80 | 84 | 105"),
            "{listing}"
        );
    }

    #[test]
    fn no_tables_give_an_empty_listing() {
        let all = views("BAB I PENDAHULUAN\n\nHanya teks biasa tanpa tabel.\n");
        assert!(all.is_empty());
        assert_eq!(render_tables(&all), "");
    }

    #[test]
    fn a_table_over_two_pages_lists_both() {
        let view = TableView {
            page: 4,
            pages: vec![4, 5],
            line: 7,
            caption: None,
            title: None,
            columns: vec!["Uraian".into()],
            roles: Vec::new(),
            kind: TableKind::Other,
            header_rows: 1,
            rows: Vec::new(),
            chart: Some(ChartView {
                years: vec![2019, 2020],
                series: vec![("IKM".into(), vec!["80".into(), "84".into()])],
                caption: Some("Grafik 1".into()),
            }),
        };
        let listing = render_tables(&[view]);
        assert!(
            listing.starts_with("== table 1 (pages 4–5, line 7): (no caption)\n"),
            "{listing}"
        );
        assert!(listing.contains("   chart: 2019 2020\n"), "{listing}");
        assert!(listing.contains("   series \"IKM\": 80 84\n"), "{listing}");
        assert!(listing.contains("   caption: Grafik 1\n"), "{listing}");
    }
}
