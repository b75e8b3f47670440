//! Text exports: `.txt` / `.md` written by PDF-to-text converters.
//!
//! Tables arrive in four shapes and all become lines whose spans are cells:
//! tab-separated rows, Markdown pipe rows, HTML `<table>` blocks (with rowspan
//! and colspan), and `pdftotext -layout` output where runs of spaces separate
//! columns (those lines are `Aligned`; structure infers the columns).
//! Markup (Markdown emphasis, inline HTML) is removed from the text an auditor
//! sees; line numbers stay those of the file.

use std::path::Path;

use crate::lang::Localized;

use super::{
    CellMode, Document, Grid, GridCell, GridSource, InputKind, Line, Page, Span, TableRow,
};

/// Decodes the bytes (see [`decode`]) and reads the lines.
pub fn read_text_export(path: &Path, bytes: &[u8]) -> Document {
    let (text, note) = decode(bytes);
    // pdftotext writes the symbols as the PDF maps them (see `plain_symbol`).
    let text: String = text.chars().map(super::plain_symbol).collect();
    let notes: Vec<Localized> = note.into_iter().collect();
    let pages = read_lines(&text);
    let paged = pages.len() > 1;
    let mut doc = Document {
        path: path.to_path_buf(),
        kind: InputKind::Text,
        pages,
        paged,
        notes,
        lost: None,
        dropped: Vec::new(),
        ocr_pages: Vec::new(),
    };
    leave_out_running(&mut doc);
    super::blocks::assemble(&mut doc);
    doc
}

/// Running headers, footers and page numbers of a paged export (`pdftotext`
/// writes a form feed between pages and keeps them): the same text among
/// the first two or the last two lines of at least half the pages, in the
/// same place counted from that edge, its numbers the same on every page or
/// following the pages; or a page number alone as a page's first or last
/// line. Left out as the PDF reader leaves them out, kept in `dropped`, so
/// a footer does not become a table's row or a table of contents' entry.
fn leave_out_running(doc: &mut Document) {
    use super::running::{Hit, is_caption, is_page_number, repeated, text_key};
    use super::{DropReason, DroppedText};
    use std::collections::HashMap;
    if doc.pages.len() < 3 {
        return;
    }
    // Each page's first two and last two non-blank lines, grouped by edge,
    // place from that edge and text: a line counts as in the same place only
    // at the same line from the edge.
    let mut groups: HashMap<(bool, usize, String), Vec<Hit>> = HashMap::new();
    let mut lone_numbers: Vec<(usize, usize)> = Vec::new();
    for (p, page) in doc.pages.iter().enumerate() {
        let shown: Vec<usize> = (0..page.lines.len())
            .filter(|&i| !page.lines[i].is_blank())
            .collect();
        for (k, &i) in shown.iter().enumerate() {
            let line = &page.lines[i];
            let from_bottom = shown.len() - 1 - k;
            let (top, place) = match (k < 2, from_bottom < 2) {
                (true, _) => (true, k),
                (false, true) => (false, from_bottom),
                (false, false) => continue,
            };
            if is_caption(&line.text) {
                continue;
            }
            if place == 0 && line.cells != CellMode::Delimited && is_page_number(&line.text) {
                lone_numbers.push((p, i));
            }
            groups
                .entry((top, place, text_key(&line.text)))
                .or_default()
                .push(Hit {
                    page: p,
                    y: place as f32,
                    line: i,
                    text: line.text.clone(),
                });
        }
    }
    let mut running: Vec<(usize, usize)> = repeated(groups.into_values(), doc.pages.len(), 0.0)
        .into_iter()
        .map(|h| (h.page, h.line))
        .chain(lone_numbers)
        .collect();
    running.sort_unstable();
    running.dedup();
    for &(p, i) in &running {
        let page = &doc.pages[p];
        doc.dropped.push(DroppedText {
            page: page.number,
            reason: DropReason::Running,
            text: page.lines[i].text.clone(),
        });
    }
    for &(p, i) in running.iter().rev() {
        doc.pages[p].lines.remove(i);
    }
}

/// Decodes a text export, with a note when it was not plain UTF-8:
/// - UTF-16 with a byte-order mark, or without one when every other byte of
///   its start is NUL;
/// - UTF-8 with each invalid sequence replaced by U+FFFD (noting how many and
///   the line of the first), when the file has at least as many valid
///   multi-byte UTF-8 characters as invalid sequences: one bad byte in a UTF-8 file must not
///   turn all its other non-ASCII text into Windows-1252 mojibake;
/// - Windows-1252 otherwise (a file with no valid multi-byte UTF-8 at all).
pub fn decode(bytes: &[u8]) -> (String, Option<Localized>) {
    use encoding_rs::{UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};
    let bom = encoding_rs::Encoding::for_bom(bytes);
    let (utf16, body, how) = match bom {
        Some((enc, len)) if enc != UTF_8 => (
            Some(enc),
            &bytes[len..],
            ("penanda urutan bita", "byte-order mark"),
        ),
        Some((_, len)) => (None, &bytes[len..], ("", "")),
        None => (
            utf16_without_bom(bytes),
            bytes,
            (
                "tanpa penanda urutan bita: dikenali dari bita NUL-nya",
                "no byte-order mark: told by its NUL bytes",
            ),
        ),
    };
    if let Some(enc) = utf16.filter(|e| *e == UTF_16LE || *e == UTF_16BE) {
        let (text, had_errors) = enc.decode_without_bom_handling(body);
        let mut note = Localized::new(
            format!("dibaca sebagai {} ({})", enc.name(), how.0),
            format!("decoded as {} ({})", enc.name(), how.1),
        );
        if had_errors {
            note.id
                .push_str("; urutan bita yang tidak sah diganti \u{FFFD}");
            note.en.push_str("; invalid sequences replaced by \u{FFFD}");
        }
        return (text.into_owned(), Some(note));
    }
    if let Ok(text) = std::str::from_utf8(body) {
        return (text.to_string(), None);
    }
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in body.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| c.len_utf8() > 1).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    if multibyte > 0 && multibyte >= invalid {
        let text = String::from_utf8_lossy(body).into_owned();
        let first = text.find('\u{FFFD}').unwrap_or(0);
        let line = text[..first].matches('\n').count() + 1;
        let what = if invalid == 1 {
            "1 invalid byte sequence".to_string()
        } else {
            format!("{invalid} invalid byte sequences")
        };
        let note = Localized::new(
            format!(
                "bukan UTF-8 yang sah: {invalid} urutan bita yang tidak sah diganti \u{FFFD}, yang pertama pada baris {line}"
            ),
            format!("not valid UTF-8: {what} replaced by \u{FFFD}, the first on line {line}"),
        );
        return (text, Some(note));
    }
    let (text, _, _) = WINDOWS_1252.decode(body);
    let note = Localized::new(
        "bukan UTF-8 yang sah: dibaca sebagai Windows-1252",
        "not valid UTF-8: decoded as Windows-1252",
    );
    (text.into_owned(), Some(note))
}

/// UTF-16 without a byte-order mark: in its first bytes, NUL at almost every
/// odd offset (little-endian ASCII) or every even one (big-endian).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    let pairs = head.len() / 2;
    if pairs < 8 {
        return None;
    }
    let nul = |offset: usize| {
        head.iter()
            .skip(offset)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let (even, odd) = (nul(0), nul(1));
    if odd * 10 >= pairs * 9 && even * 10 < pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even * 10 >= pairs * 9 && odd * 10 < pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Splits text into pages (form feeds) of lines. Line numbers count file lines.
pub fn read_lines(text: &str) -> Vec<Page> {
    let mut pages = vec![Page {
        number: 1,
        lines: Vec::new(),
        tables: Vec::new(),
    }];
    let raw_lines: Vec<&str> = split_lines(text);
    let mut i = 0;
    while i < raw_lines.len() {
        // Out of time: the file is reported as not fully audited.
        if crate::limits::out_of_time() {
            break;
        }
        let number = i as u32 + 1;
        let mut raw = raw_lines[i];
        // A form feed starts a new page (pdftotext puts one between pages).
        while let Some(pos) = raw.find('\u{c}') {
            let before = &raw[..pos];
            if !before.trim().is_empty() {
                push_line(&mut pages, number, before);
            }
            let next = pages.len() as u32 + 1;
            pages.push(Page {
                number: next,
                lines: Vec::new(),
                tables: Vec::new(),
            });
            raw = &raw[pos + 1..];
        }
        if contains_ignore_case(raw, "<table") {
            // Collect the whole block, which may span many file lines.
            let mut block = String::new();
            let mut line_starts = Vec::new();
            let mut j = i;
            loop {
                line_starts.push((block.len(), j as u32 + 1));
                block.push_str(if j == i { raw } else { raw_lines[j] });
                block.push('\n');
                if contains_ignore_case(raw_lines[j], "</table") || j + 1 >= raw_lines.len() {
                    break;
                }
                j += 1;
            }
            let page = pages.last_mut().expect("pages is never empty");
            let (lines, grid) = html_table(&block, &line_starts);
            if grid.rows > 0 {
                let table = page.tables.len();
                page.lines
                    .extend(lines.into_iter().enumerate().map(|(row, mut l)| {
                        l.table = Some(TableRow { table, row });
                        l
                    }));
                page.tables.push(grid);
            }
            i = j + 1;
            continue;
        }
        push_line(&mut pages, number, raw);
        i += 1;
    }
    pages
}

fn split_lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        match rest.find(['\n', '\r']) {
            Some(pos) => {
                out.push(&rest[..pos]);
                let skip = if rest[pos..].starts_with("\r\n") {
                    2
                } else {
                    1
                };
                rest = &rest[pos + skip..];
            }
            None => {
                out.push(rest);
                rest = "";
            }
        }
    }
    out
}

fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    haystack.len() >= needle.len()
        && haystack
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn push_line(pages: &mut [Page], number: u32, raw: &str) {
    if let Some(line) = parse_line(number, raw)
        && let Some(page) = pages.last_mut()
    {
        page.lines.push(line);
    }
}

/// Reads one file line. Returns None for lines that only draw a table
/// (Markdown `|---|` separators, `-- ----` rules).
pub fn parse_line(number: u32, raw: &str) -> Option<Line> {
    let trimmed = raw.trim();
    if is_rule_line(trimmed) {
        return None;
    }
    if raw.contains('\t') {
        return Some(delimited_line(number, raw.split('\t').collect()));
    }
    let pipe_body = trimmed
        .strip_prefix("- ")
        .map(str::trim_start)
        .unwrap_or(trimmed);
    if pipe_body.starts_with('|') && pipe_body.ends_with('|') && pipe_body.len() >= 2 {
        let inner = &pipe_body[1..pipe_body.len() - 1];
        return Some(delimited_line(number, split_pipes(inner)));
    }
    let (heading, body) = heading_level(trimmed);
    if heading.is_none()
        && let Some(spans) = aligned_spans(raw)
    {
        let text = spans
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join("\t");
        return Some(Line {
            number,
            text,
            spans,
            cells: CellMode::Aligned,
            heading: None,
            table: None,
        });
    }
    let (text, bold) = clean_markup(body);
    let span = Span {
        bold,
        ..Span::new(
            text.clone(),
            leading_columns(raw),
            text.chars().count() as f32,
        )
    };
    Some(Line {
        number,
        text,
        spans: if span.text.is_empty() {
            Vec::new()
        } else {
            vec![span]
        },
        cells: CellMode::Flow,
        heading,
        table: None,
    })
}

fn leading_columns(raw: &str) -> f32 {
    (raw.len() - raw.trim_start().len()) as f32
}

/// `|---|:--:|`, `-- ------ ---` and the like.
fn is_rule_line(trimmed: &str) -> bool {
    !trimmed.is_empty()
        && trimmed.contains("--")
        && trimmed
            .chars()
            .all(|c| matches!(c, '-' | '|' | ':' | '+' | '=' | ' ' | '\t'))
}

/// Splits a pipe row on `|` that are not escaped (`\|`).
fn split_pipes(inner: &str) -> Vec<&str> {
    let mut cells = Vec::new();
    let mut start = 0;
    let bytes = inner.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'|' && (i == 0 || bytes[i - 1] != b'\\') {
            cells.push(&inner[start..i]);
            start = i + 1;
        }
    }
    cells.push(&inner[start..]);
    cells
}

fn delimited_line(number: u32, raw_cells: Vec<&str>) -> Line {
    cells_line(number, raw_cells.iter().map(|raw| clean_markup(raw.trim())))
}

/// A Delimited line of cells (text, bold): one span per cell, its column
/// its index, the text the cells joined by tabs.
fn cells_line(number: u32, cells: impl Iterator<Item = (String, bool)>) -> Line {
    let spans: Vec<Span> = cells
        .enumerate()
        .map(|(index, (text, bold))| {
            let width = text.chars().count() as f32;
            Span {
                bold,
                ..Span::new(text, index as f32, width)
            }
        })
        .collect();
    let text = spans
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join("\t");
    Line {
        number,
        text,
        spans,
        cells: CellMode::Delimited,
        heading: None,
        table: None,
    }
}

/// `pdftotext -layout` lines: runs of two or more spaces separate columns.
/// Only lines with at least two such runs (three columns) — or a wide gap —
/// are taken as table rows, so justified prose stays prose.
fn aligned_spans(raw: &str) -> Option<Vec<Span>> {
    let chars: Vec<char> = raw.chars().collect();
    let mut spans: Vec<Span> = Vec::new();
    let mut widest_gap = 0usize;
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == ' ' {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        // A span runs until two consecutive spaces.
        while end < chars.len() {
            if chars[end] == ' ' && end + 1 < chars.len() && chars[end + 1] == ' ' {
                break;
            }
            if chars[end] == ' ' && end + 1 == chars.len() {
                break;
            }
            end += 1;
        }
        let text: String = chars[start..end].iter().collect();
        if let Some(prev) = spans.last() {
            let gap = start.saturating_sub((prev.x + prev.width) as usize);
            widest_gap = widest_gap.max(gap);
        }
        let (clean, bold) = clean_markup(text.trim());
        spans.push(Span {
            bold,
            ..Span::new(clean, start as f32, (end - start) as f32)
        });
        i = end;
    }
    let leading = spans.first().map(|s| s.x).unwrap_or(0.0);
    if spans.len() >= 3
        || (spans.len() == 2 && (widest_gap >= 4 || leading >= 4.0) && widest_gap >= 3)
    {
        Some(spans)
    } else {
        None
    }
}

/// Markdown heading level and the text after the `#`s.
fn heading_level(trimmed: &str) -> (Option<u8>, &str) {
    let hashes = trimmed.chars().take_while(|&c| c == '#').count();
    if hashes > 0 && hashes <= 6 && trimmed[hashes..].starts_with(' ') {
        (Some(hashes as u8), trimmed[hashes..].trim())
    } else {
        (None, trimmed)
    }
}

/// Removes Markdown emphasis, escapes and inline HTML; reports whether the text
/// was bold (`**…**` or `<b>`), which marks group rows in budget tables.
pub fn clean_markup(text: &str) -> (String, bool) {
    let mut bold = false;
    let mut out = String::with_capacity(text.len());
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '<' => {
                // An HTML tag: skip it, remembering <b>/<strong>.
                if let Some(close) = text[i..].find('>') {
                    let tag = &text[i + 1..i + close];
                    if looks_like_tag(tag) {
                        let name = tag
                            .trim_start_matches('/')
                            .split(|c: char| c.is_whitespace() || c == '/')
                            .next()
                            .unwrap_or("")
                            .to_ascii_lowercase();
                        if name == "b" || name == "strong" {
                            bold = true;
                        }
                        if matches!(name.as_str(), "p" | "br" | "li" | "div" | "tr")
                            && !out.ends_with(' ')
                            && !out.is_empty()
                        {
                            out.push(' ');
                        }
                        while let Some(&(j, _)) = chars.peek() {
                            if j > i + close {
                                break;
                            }
                            chars.next();
                        }
                        continue;
                    }
                }
                out.push(c);
            }
            '*' => {
                if text[i..].starts_with("**") {
                    bold = true;
                    chars.next();
                } else if i > 0 && text[..i].ends_with('\\') {
                    out.push('*');
                }
                // A lone `*` is Markdown italics: dropped.
            }
            '\\' => {
                // Markdown escape: keep the escaped character.
                if let Some(&(_, next)) = chars.peek() {
                    if next == '*' {
                        out.push('*');
                        chars.next();
                        continue;
                    }
                    if "_[]#|`".contains(next) {
                        out.push(next);
                        chars.next();
                        continue;
                    }
                }
                out.push(c);
            }
            '&' => {
                if let Some((decoded, len)) = decode_entity(&text[i..]) {
                    out.push(decoded);
                    for _ in 1..len {
                        chars.next();
                    }
                } else {
                    out.push(c);
                }
            }
            '\u{a0}' => out.push(' '),
            _ => out.push(c),
        }
    }
    let collapsed = collapse_spaces(out.trim());
    (collapsed, bold)
}

fn looks_like_tag(tag: &str) -> bool {
    let name = tag.trim_start_matches('/');
    let first = name.chars().next();
    first.is_some_and(|c| c.is_ascii_alphabetic())
        && name
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .is_some_and(|n| n.len() <= 10 && n.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn decode_entity(s: &str) -> Option<(char, usize)> {
    let end = s.find(';')?;
    if end > 10 {
        return None;
    }
    let name = &s[1..end];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" | "#39" => '\'',
        "nbsp" => ' ',
        _ => {
            let code =
                if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                    u32::from_str_radix(hex, 16).ok()?
                } else {
                    name.strip_prefix('#')?.parse().ok()?
                };
            char::from_u32(code)?
        }
    };
    Some((c, s[..=end].chars().count()))
}

fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c == ' ' {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// Turns an HTML `<table>` block into its grid (rowspan and colspan kept as
/// the cells' extents, leading rows of `<th>` cells marked as the header) and
/// one Delimited line per `<tr>`, where a spanned position is an empty cell.
fn html_table(block: &str, line_starts: &[(usize, u32)]) -> (Vec<Line>, Grid) {
    let lower = block.to_ascii_lowercase();
    // Line starts ascend: a binary search, as one block may hold a whole file.
    let line_of = |offset: usize| -> u32 {
        let after = line_starts.partition_point(|(start, _)| *start <= offset);
        after
            .checked_sub(1)
            .and_then(|k| line_starts.get(k))
            .map_or(1, |(_, n)| *n)
    };
    let tags = TableTags::new(&lower);
    let mut lines = Vec::new();
    let mut grid = Grid::from_rows(GridSource::Markup, &[]);
    grid.spans_known = true;
    // Leading rows whose cells are all <th>: the header.
    let mut header_rows = 0;
    let mut in_header = true;
    // Columns still covered by a rowspan from an earlier row: (column, rows left).
    let mut pending: Vec<(usize, usize)> = Vec::new();
    let mut pos = 0;
    while let Some(row_start) = tags.tr.next(pos, lower.len()) {
        if crate::limits::out_of_time() {
            break;
        }
        let row_end = tags
            .tr_end
            .next(row_start, lower.len())
            .or_else(|| tags.tr.next(row_start + 3, lower.len()))
            .unwrap_or(lower.len());
        let row = lines.len();
        let cells = tags.row_cells(block, &lower, row_start..row_end, &pending);
        pending = pending
            .into_iter()
            .filter_map(|(c, left)| (left > 1).then_some((c, left - 1)))
            .chain(cells.pending.iter().copied())
            .collect();
        // A row with no cells is no grid row.
        if !cells.texts.is_empty() {
            if in_header && cells.all_th {
                header_rows += 1;
            } else {
                in_header = false;
            }
            let number = line_of(row_start);
            grid.cols = grid.cols.max(cells.texts.len());
            grid.row_lines.push(number);
            grid.cells.extend(cells.grid_cells(row));
            lines.push(cells.line(number));
        }
        pos = row_end.max(row_start + 3);
    }
    grid.rows = lines.len();
    // A rowspan reaching past the last row ends there.
    for c in &mut grid.cells {
        c.rows.end = c.rows.end.min(grid.rows).max(c.rows.start + 1);
    }
    grid.header_rows = (header_rows > 0 && header_rows < grid.rows).then_some(header_rows);
    grid.normalise();
    (lines, grid)
}

/// Every table tag's positions in a block, found once: searching the rest
/// of the block for each row and cell was quadratic in a block with unclosed
/// rows or cells.
struct TableTags {
    tr: Tag,
    tr_end: Tag,
    td: Tag,
    th: Tag,
    td_end: Tag,
    th_end: Tag,
}

/// The cells of one `<tr>`: a text per column (a spanned position empty),
/// whether each is bold, the cells as written with their spans, and the
/// columns its rowspans cover in the rows below.
struct RowCells {
    texts: Vec<String>,
    bolds: Vec<bool>,
    all_th: bool,
    /// (first column, colspan, rowspan) of each cell written.
    written: Vec<(usize, usize, usize)>,
    pending: Vec<(usize, usize)>,
}

impl TableTags {
    fn new(lower: &str) -> TableTags {
        TableTags {
            tr: Tag::new(lower, "<tr"),
            tr_end: Tag::new(lower, "</tr"),
            td: Tag::new(lower, "<td"),
            th: Tag::new(lower, "<th"),
            td_end: Tag::new(lower, "</td"),
            th_end: Tag::new(lower, "</th"),
        }
    }

    /// The cells between `<tr` and its end, skipping the columns that
    /// rowspans from above (`pending`) still cover.
    fn row_cells(
        &self,
        block: &str,
        lower: &str,
        row: std::ops::Range<usize>,
        pending: &[(usize, usize)],
    ) -> RowCells {
        let mut cells = RowCells {
            texts: Vec::new(),
            bolds: Vec::new(),
            all_th: true,
            written: Vec::new(),
            pending: Vec::new(),
        };
        let covered = |cells: &mut RowCells| {
            while pending.iter().any(|(col, _)| *col == cells.texts.len()) {
                cells.texts.push(String::new());
                cells.bolds.push(false);
            }
        };
        let mut cell_pos = row.start;
        loop {
            let next_td = self
                .td
                .next(cell_pos, row.end)
                .into_iter()
                .chain(self.th.next(cell_pos, row.end))
                .min();
            let Some(tag_start) = next_td else { break };
            let Some(tag_close) = lower[tag_start..row.end].find('>') else {
                break;
            };
            let tag = &lower[tag_start..tag_start + tag_close];
            cells.all_th &= tag.starts_with("<th");
            let content_start = tag_start + tag_close + 1;
            let content_end = [&self.td_end, &self.th_end, &self.td, &self.th]
                .into_iter()
                .filter_map(|t| t.next(content_start, row.end))
                .min()
                .unwrap_or(row.end);
            covered(&mut cells);
            let (text, bold) = clean_markup(&block[content_start..content_end]);
            let colspan = attr_number(tag, "colspan").unwrap_or(1).clamp(1, 200);
            let rowspan = attr_number(tag, "rowspan").unwrap_or(1).clamp(1, 1000);
            let first_col = cells.texts.len();
            cells.written.push((first_col, colspan, rowspan));
            cells.texts.push(text);
            cells.bolds.push(bold);
            for _ in 1..colspan {
                cells.texts.push(String::new());
                cells.bolds.push(false);
            }
            if rowspan > 1 {
                for c in first_col..first_col + colspan {
                    cells.pending.push((c, rowspan - 1));
                }
            }
            cell_pos = content_end;
        }
        covered(&mut cells);
        cells
    }
}

impl RowCells {
    /// The grid cells written in grid row `row`, with their spans.
    fn grid_cells(&self, row: usize) -> impl Iterator<Item = GridCell> + '_ {
        self.written
            .iter()
            .map(move |&(col, colspan, rowspan)| GridCell {
                rows: row..row + rowspan,
                cols: col..col + colspan,
                ..GridCell::single(row, col, self.texts[col].clone(), self.bolds[col])
            })
    }

    /// The row as a Delimited line numbered `number`: one span per column.
    fn line(self, number: u32) -> Line {
        cells_line(number, self.texts.into_iter().zip(self.bolds))
    }
}

/// Where one tag occurs in a block, in order.
struct Tag {
    at: Vec<usize>,
    len: usize,
}

impl Tag {
    fn new(block: &str, tag: &str) -> Tag {
        Tag {
            at: block.match_indices(tag).map(|(i, _)| i).collect(),
            len: tag.len(),
        }
    }

    /// The first occurrence at or after `from` that ends by `before`, as
    /// `block[from..before].find(tag)` would find it.
    fn next(&self, from: usize, before: usize) -> Option<usize> {
        let at = *self.at.get(self.at.partition_point(|&i| i < from))?;
        (at + self.len <= before).then_some(at)
    }
}

fn attr_number(tag: &str, name: &str) -> Option<usize> {
    let at = tag.find(name)?;
    let rest = tag[at + name.len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paged_exports_running_lines_are_left_out() {
        // pdftotext -layout: a running header, a footer numbering the pages,
        // a table of contents whose last entry sits right above the footer.
        let page = |n: usize, body: &str| {
            format!(
                "      LAPORAN KINERJA INSTANSI PEMERINTAH\n      Tahun 2016\n\n{body}\n\n                                         Hal.       {n}\n"
            )
        };
        let text = [
            page(
                3,
                "BAB IV PENUTUP ............ 31\n   4.3 Strategi Pemecahan Masalah ...... 32",
            ),
            page(4, "Realisasi anggaran tahun 2016 sebesar 95%."),
            page(5, "Capaian kinerja sasaran 1 sebesar 100%."),
            page(6, "Tahun 2016 ditutup dengan baik."),
        ]
        .join("\u{c}");
        let doc = read_text_export(Path::new("t.txt"), text.as_bytes());
        let kept: Vec<&str> = doc
            .pages
            .iter()
            .flat_map(|p| &p.lines)
            .map(|l| l.text.trim())
            .filter(|t| !t.is_empty())
            .collect();
        assert!(
            !kept
                .iter()
                .any(|t| t.starts_with("Hal.") || t.contains("LAPORAN KINERJA")),
            "{kept:?}"
        );
        assert!(
            kept.contains(&"Capaian kinerja sasaran 1 sebesar 100%."),
            "{kept:?}"
        );
        // Three lines a page, each kept in `dropped` with its page.
        assert_eq!(doc.dropped.len(), 12);
        assert!(
            doc.dropped
                .iter()
                .all(|d| d.reason == super::super::DropReason::Running)
        );
        assert_eq!(doc.dropped[2].page, 1);
        // A report of two pages has too few to tell.
        let two = [page(3, "a"), page(4, "b")].join("\u{c}");
        assert!(
            read_text_export(Path::new("t.txt"), two.as_bytes())
                .dropped
                .is_empty()
        );
    }

    #[test]
    fn decodes_utf16_utf8_with_a_bad_byte_and_windows_1252() {
        let text = "Capaian – 90 %\nLaporan Kinerja Tahun 2020\n";
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        let (got, note) = decode(&be);
        assert_eq!(
            (got.as_str(), note.as_ref().map(|n| n.en.as_str())),
            (text, Some("decoded as UTF-16BE (byte-order mark)"))
        );
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let (got, note) = decode(&le);
        assert_eq!(got, text);
        assert!(note.is_some_and(|n| n.en.contains("UTF-16LE (no byte-order mark")));
        let bad = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes(), b"\xff"].concat();
        let (got, note) = decode(&bad);
        assert_eq!(got, format!("{text}\u{FFFD}"));
        assert_eq!(
            note.as_ref().map(|n| n.en.as_str()),
            Some(
                "not valid UTF-8: 1 invalid byte sequence replaced by \u{FFFD}, the first on line 3"
            )
        );
        // No valid multi-byte UTF-8 at all: Windows-1252 ("\x96" is an en dash).
        let (got, note) = decode(b"Capaian \x96 90 %");
        assert_eq!(got, "Capaian – 90 %");
        assert!(
            note.is_some_and(|n| n.en.contains("Windows-1252") && n.id.contains("Windows-1252"))
        );
    }

    fn cells(line: &Line) -> Vec<&str> {
        line.spans.iter().map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn tab_rows_become_cells_with_markup_removed() {
        let line = parse_line(7, "<b>I</b>\t<b>Program Pelayanan</b>\t\t").unwrap();
        assert_eq!(line.cells, CellMode::Delimited);
        assert_eq!(cells(&line), vec!["I", "Program Pelayanan", "", ""]);
        assert!(line.spans[0].bold);
        assert_eq!(line.number, 7);
    }

    #[test]
    fn pipe_rows_and_separators() {
        assert!(parse_line(1, "|---------------------------|-------------------|").is_none());
        assert!(parse_line(1, "--\t--------------\t-------------").is_none());
        let line = parse_line(2, "| a. Belanja Tidak Langsung | Rp. 1.105.651.826 |").unwrap();
        assert_eq!(
            cells(&line),
            vec!["a. Belanja Tidak Langsung", "Rp. 1.105.651.826"]
        );
        let line = parse_line(3, "- |                           |                   |").unwrap();
        assert_eq!(line.cells, CellMode::Delimited);
        assert_eq!(cells(&line), vec!["", ""]);
    }

    #[test]
    fn markdown_heading_and_emphasis() {
        let line = parse_line(1, "## **B. MAKSUD DAN TUJUAN**").unwrap();
        assert_eq!(line.heading, Some(2));
        assert_eq!(line.text, "B. MAKSUD DAN TUJUAN");
        let line =
            parse_line(1, "Sumber Data: \\* data realisasi nasional tidak tersedia").unwrap();
        assert_eq!(
            line.text,
            "Sumber Data: * data realisasi nasional tidak tersedia"
        );
        let line = parse_line(1, "Terselenggaranya *Good Governance* merupakan").unwrap();
        assert_eq!(line.text, "Terselenggaranya Good Governance merupakan");
    }

    #[test]
    fn layout_rows_are_aligned_and_prose_is_not() {
        let line = parse_line(
            1,
            "  1   Kegiatan Koordinasi Pelayanan Umum      28.115.000   26.640.000   94,75%",
        )
        .unwrap();
        assert_eq!(line.cells, CellMode::Aligned);
        assert_eq!(
            cells(&line),
            vec![
                "1",
                "Kegiatan Koordinasi Pelayanan Umum",
                "28.115.000",
                "26.640.000",
                "94,75%"
            ]
        );
        assert_eq!(line.spans[2].x, 46.0);
        let line = parse_line(
            1,
            "Pengukuran kinerja Kecamatan Rambipuji tahun 2020.  Ini kalimat.",
        )
        .unwrap();
        assert_eq!(line.cells, CellMode::Flow);
    }

    #[test]
    fn html_table_with_spans() {
        let text = "intro\n<table>\n<tr><th rowspan=\"2\">No</th><th colspan=\"2\">REALISASI</th></tr>\n<tr><td>2019</td><td>2020</td></tr>\n<tr><td>1</td><td>71,20%</td><td>&lt;b&gt;</td></tr></table>\nafter";
        let pages = read_lines(text);
        let lines = &pages[0].lines;
        assert_eq!(lines[0].text, "intro");
        assert_eq!(cells(&lines[1]), vec!["No", "REALISASI", ""]);
        assert_eq!(lines[1].number, 3);
        assert_eq!(cells(&lines[2]), vec!["", "2019", "2020"]);
        assert_eq!(lines[2].number, 4);
        assert_eq!(cells(&lines[3]), vec!["1", "71,20%", "<b>"]);
        assert_eq!(lines[4].text, "after");
        assert_eq!(lines[4].number, 6);
    }

    #[test]
    fn form_feeds_start_pages_and_line_numbers_stay_file_lines() {
        let pages = read_lines("a\nb\u{c}c\nd");
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[1].lines[0].text, "c");
        assert_eq!(pages[1].lines[0].number, 2);
        assert_eq!(pages[1].lines[1].number, 3);
    }

    #[test]
    fn windows_1252_fallback() {
        let doc = read_text_export(Path::new("x.txt"), b"Rp 1.000 \x96 caf\xe9\r\nnext");
        assert_eq!(doc.pages[0].lines[0].text, "Rp 1.000 \u{2013} caf\u{e9}");
        assert_eq!(doc.pages[0].lines[1].text, "next");
        assert_eq!(doc.notes.len(), 1);
    }

    #[test]
    fn symbol_bullets_read_as_bullets() {
        // Dinas Peternakan 2016 p16 as pdftotext writes it: Word's Symbol
        // bullet in the private use area. A list, as one with "•" is.
        let text = concat!(
            "   7. Terkendalinya penyakit hewan menular strategis dan zoonosa; dengan\n",
            "   indikator kinerja :\n",
            "   - Jumlah kasus penyakit hewan menular strategis dan zoonosa :\n",
            "         \u{f0b7}   Anthrax sebanyak 0 kasus/tahun\n",
            "         \u{f0b7}   Rabies sebanyak 0 kasus/tahun.\n",
            "         \u{f0b7}   AI sebanyak 55 kasus/tahun\n",
            "         \u{f0b7}   Prevalensi Brucellosis sebesar 3 %\n",
        );
        let doc = read_text_export(Path::new("t.txt"), text.as_bytes());
        assert!(doc.pages[0].tables.is_empty(), "{:?}", doc.pages[0].tables);
        let item = &doc.pages[0].lines[3];
        assert!(
            item.text.starts_with('•') && item.text.ends_with("Anthrax sebanyak 0 kasus/tahun"),
            "{item:?}"
        );
    }
}
