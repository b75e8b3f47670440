//! PDF input: lopdf reads the file; our own interpreter turns content streams
//! into glyphs and rulings; layout makes lines and spans; ruled tables become
//! `Delimited` rows; running headers and page numbers are dropped.
//!
//! Untrusted input: every step is bounded (objects, stream sizes, operators,
//! form nesting, time and memory through `crate::limits`) and nothing indexes
//! or unwraps file data.

mod cmap;
mod content;
mod encoding;
mod fonts;
mod images;
mod layout;
mod lazy;
mod lexer;
mod objects;
mod running;
mod tables;
mod truetype;

use std::path::Path;

use crate::lang::{Lang, Localized};
use lopdf::{Dictionary, Document as PdfDoc, LoadOptions, Object};

use self::content::{FontCache, Glyph, Interpreter};
use self::layout::TextLine;
/// How a cell's lines join (a word broken after a hyphen): shared with the
/// tables continued over pages.
pub(crate) use self::layout::joins_without_space;
use self::objects::{StreamError, array_f32, decode_stream, deref, dict_of, num};
use self::running::PageLines;
use super::{
    CellMode, Document, DropReason, DroppedText, ExtractError, Grid, InputKind, Line, Page,
    TableRow,
};

/// More objects than any real report has.
const MAX_OBJECTS: usize = 2_000_000;
const MAX_PAGES: usize = 20_000;
/// Bytes one page's content may decode to.
const MAX_PAGE_CONTENT: usize = 64 * 1024 * 1024;

/// Errors inside the PDF reader before they become `ExtractError`s.
#[derive(Debug)]
pub enum PdfError {
    Limit(String),
}

impl From<PdfError> for ExtractError {
    fn from(e: PdfError) -> Self {
        match e {
            PdfError::Limit(m) => ExtractError::Limit(m),
        }
    }
}

fn limit(e: crate::limits::LimitExceeded) -> ExtractError {
    ExtractError::Budget(e)
}

/// Reads a PDF file's bytes into a document: the file opened (and repaired
/// where it can be), each page read, scanned pages read by OCR when it is on,
/// oblique text placed or dropped as a watermark, what was lost said, running
/// lines left out, and the pages numbered into blocks.
pub fn read_pdf(path: &Path, bytes: &[u8]) -> Result<Document, ExtractError> {
    let mut notes = Vec::new();
    let Opened {
        doc,
        repair,
        page_ids,
    } = open(bytes, &mut notes)?;
    let PagesRead {
        mut pages,
        mut grids,
        mut tables,
        damaged_pages,
        mut dropped,
        oblique,
        scans,
    } = read_pages(&doc, &page_ids)?;
    // Pages drawn as one scanned image, read by OCR when it is on.
    let mut ocr_pages: Vec<u32> = Vec::new();
    if let Some(settings) = crate::extract::ocr::current()
        && !scans.is_empty()
    {
        ocr_scans(
            &doc,
            &settings,
            scans,
            OcrOut {
                pages: &mut pages,
                grids: &mut grids,
                tables: &mut tables,
                dropped: &mut dropped,
                notes: &mut notes,
                ocr_pages: &mut ocr_pages,
            },
        )?;
    }
    place_oblique(oblique, &mut pages, &mut dropped);
    let lost = lost_text(bytes, &doc, repair, page_ids.len(), &damaged_pages);
    if let Some(lost) = &lost {
        notes.push(lost.clone());
    }
    leave_out_running(&mut pages, &mut notes, &mut dropped);
    // Page order, and within a page the order of the reasons.
    dropped.sort_by_key(|d| (d.page, d.reason));
    if pages.iter().all(|p| p.lines.is_empty()) {
        return Err(no_text(&pages, lost));
    }
    // Pages drawn as images need OCR; pages with nothing on them are just blank.
    let empty: Vec<u32> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.lines.is_empty() && p.scanned)
        .map(|(i, _)| i as u32 + 1)
        .collect();
    if !empty.is_empty() {
        notes.push(Localized::new(
            format!(
                "tidak ada teks pada {}: {}",
                page_list(&empty, Lang::Id),
                needs_ocr().id
            ),
            format!(
                "no text on {}: {}",
                page_list(&empty, Lang::En),
                needs_ocr().en
            ),
        ));
    }
    let body = body_size(&pages);
    let out_pages = pages
        .into_iter()
        .zip(grids)
        .enumerate()
        .map(|(i, (p, grids))| {
            let (lines, tables) = number_lines(p.lines, grids, body);
            Page {
                number: i as u32 + 1,
                lines,
                tables,
            }
        })
        .collect();
    let mut doc = Document {
        path: path.to_path_buf(),
        kind: InputKind::Pdf,
        pages: out_pages,
        paged: true,
        notes,
        lost,
        dropped,
        ocr_pages,
    };
    super::blocks::assemble(&mut doc);
    Ok(doc)
}

/// A PDF loaded, with how it was repaired and its pages in order.
struct Opened {
    doc: PdfDoc,
    repair: Repair,
    page_ids: Vec<lopdf::ObjectId>,
}

/// Loads the file within the limits (objects, pages, memory, time). A page
/// tree damaged beyond lopdf's repair is rebuilt from the page objects still
/// in the file.
fn open(bytes: &[u8], notes: &mut Vec<Localized>) -> Result<Opened, ExtractError> {
    let head = bytes.get(..bytes.len().min(1024)).unwrap_or(bytes);
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(ExtractError::NotPdf("no %PDF- header".to_string()));
    }
    // A cheap guard before lopdf builds every object (" obj" cannot overlap
    // itself, so the regex's memchr-driven count is the count of windows).
    static OBJ_KEYWORD: std::sync::LazyLock<regex::bytes::Regex> =
        std::sync::LazyLock::new(|| regex::bytes::Regex::new(" obj").expect("valid regex"));
    let objects = OBJ_KEYWORD.find_iter(bytes).count();
    if objects > MAX_OBJECTS {
        return Err(ExtractError::Limit(format!(
            "more than {MAX_OBJECTS} objects"
        )));
    }
    crate::limits::charge(bytes.len() as u64).map_err(limit)?;
    let (mut doc, mut repair) = load(bytes, notes)?;
    crate::limits::check_time().map_err(limit)?;
    if doc.objects.len() > MAX_OBJECTS {
        return Err(ExtractError::Limit(format!(
            "more than {MAX_OBJECTS} objects"
        )));
    }
    let mut page_ids: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    if page_ids.is_empty()
        && let Some(rebuilt) = rebuild_from_objects(bytes)
            .and_then(|b| PdfDoc::load_mem_with_options(&b, LoadOptions::default()).ok())
    {
        // A page tree damaged beyond lopdf's repair: the page objects may still be there.
        page_ids = rebuilt.get_pages().into_values().collect();
        if !page_ids.is_empty() && doc.encryption_state.is_none() {
            notes.push(Localized::new(
                "pohon halaman rusak: halaman ditemukan dengan memindai berkas",
                "damaged page tree: pages found by scanning the file",
            ));
            doc = rebuilt;
            repair = Repair::Objects;
        }
    }
    if page_ids.is_empty() {
        return Err(ExtractError::Damaged("no pages could be read".to_string()));
    }
    if page_ids.len() > MAX_PAGES {
        return Err(ExtractError::Limit(format!("more than {MAX_PAGES} pages")));
    }
    Ok(Opened {
        doc,
        repair,
        page_ids,
    })
}

/// What reading every page gave, page by page.
struct PagesRead {
    pages: Vec<PageLines>,
    /// The ruled tables of each page, with their index over the document.
    grids: Vec<Vec<(usize, Grid)>>,
    /// Ruled tables read so far.
    tables: usize,
    /// 1-based numbers of pages whose content could not be read whole.
    damaged_pages: Vec<u32>,
    dropped: Vec<DroppedText>,
    /// Oblique text of each page.
    oblique: Vec<Vec<Glyph>>,
    /// Scanned pages (index, images drawn, page area), for OCR.
    scans: Vec<(usize, Vec<images::Placed>, f32)>,
}

/// Reads each page in order; an unruled table running onto the next page is
/// carried over, and a page that cannot be read is kept empty and noted.
fn read_pages(doc: &PdfDoc, page_ids: &[lopdf::ObjectId]) -> Result<PagesRead, ExtractError> {
    let mut fonts = FontCache::default();
    let mut read_all = PagesRead {
        pages: Vec::with_capacity(page_ids.len()),
        grids: Vec::with_capacity(page_ids.len()),
        tables: 0,
        damaged_pages: Vec::new(),
        dropped: Vec::new(),
        oblique: Vec::with_capacity(page_ids.len()),
        scans: Vec::new(),
    };
    // An unruled table that runs onto the next page.
    let mut carry = layout::Carried::default();
    for (index, id) in page_ids.iter().enumerate() {
        crate::limits::check_time().map_err(limit)?;
        let Ok(page) = doc.get_dictionary(*id) else {
            read_all.damaged_pages.push(index as u32 + 1);
            read_all.pages.push(PageLines {
                lines: Vec::new(),
                height: 0.0,
                top_columns: Vec::new(),
                scanned: false,
            });
            read_all.grids.push(Vec::new());
            read_all.oblique.push(Vec::new());
            continue;
        };
        let mut top_columns = Vec::new();
        let read = read_page(
            doc,
            page,
            &mut fonts,
            &mut read_all.tables,
            &mut carry,
            &mut top_columns,
        )?;
        if read.damaged {
            read_all.damaged_pages.push(index as u32 + 1);
        }
        read_all
            .dropped
            .extend(dropped_text(index as u32 + 1, read.hidden));
        read_all.oblique.push(read.oblique);
        if read.scanned {
            read_all.scans.push((index, read.placed, read.area));
        }
        read_all.pages.push(PageLines {
            lines: read.lines,
            height: read.height,
            top_columns,
            scanned: read.scanned,
        });
        read_all.grids.push(read.grids);
    }
    Ok(read_all)
}

/// Oblique text drawn the same on most pages is a watermark and is dropped;
/// other oblique text (a slanted label) is read after the page's lines.
fn place_oblique(
    oblique: Vec<Vec<Glyph>>,
    pages: &mut [PageLines],
    dropped: &mut Vec<DroppedText>,
) {
    let oblique: Vec<Vec<Vec<Glyph>>> = oblique.into_iter().map(by_group).collect();
    let stamps = watermarks(&oblique);
    for (index, (groups, page)) in oblique.into_iter().zip(pages.iter_mut()).enumerate() {
        for glyphs in groups {
            let text = group_text(&glyphs);
            if stamps.contains(&text) {
                // Glyphs set along a curve make no lines: the text as drawn.
                dropped.push(DroppedText {
                    page: index as u32 + 1,
                    reason: DropReason::Watermark,
                    text,
                });
            } else {
                page.lines.extend(layout::lines(
                    glyphs,
                    &mut layout::Carried::default(),
                    &mut Vec::new(),
                ));
            }
        }
    }
}

/// What was lost: pages whose content or fonts are gone, and whole pages a
/// repaired file no longer has (its surviving page tree may say how many).
fn lost_text(
    bytes: &[u8],
    doc: &PdfDoc,
    repair: Repair,
    pages_read: usize,
    damaged_pages: &[u32],
) -> Option<Localized> {
    // A complete file ends with %%EOF (give or take trailing junk).
    let tail = bytes
        .get(bytes.len().saturating_sub(1024)..)
        .unwrap_or(bytes);
    let cut_short = !tail.windows(5).any(|w| w == b"%%EOF");
    let declared = (repair != Repair::None || cut_short)
        .then(|| declared_pages(doc))
        .flatten()
        .filter(|&n| n > pages_read);
    let missing = match (declared, repair) {
        (Some(n), _) => Some(Localized::new(
            format!("{} dari {n} halaman hilang", n - pages_read),
            format!("{} of {n} pages missing", n - pages_read),
        )),
        (None, _) if cut_short => Some(Localized::new(
            "berkas terpotong (tanpa %%EOF di akhirnya): mungkin ada halaman yang hilang",
            "the file is cut short (no %%EOF at its end): pages may be missing",
        )),
        // The note on the rebuild says why.
        (None, Repair::Objects) => Some(Localized::new(
            "mungkin ada halaman yang hilang",
            "pages may be missing",
        )),
        _ => None,
    };
    [
        (!damaged_pages.is_empty()).then(|| {
            Localized::new(
                format!(
                    "{} rusak: teks hilang atau kacau",
                    page_list(damaged_pages, Lang::Id)
                ),
                format!(
                    "{} damaged: text lost or garbled",
                    page_list(damaged_pages, Lang::En)
                ),
            )
        }),
        missing,
    ]
    .into_iter()
    .flatten()
    .reduce(|a, b| crate::lang::joined(&[a, b]))
}

/// Leaves out running headers, footers and page numbers (said in `dropped`),
/// then lets a table header left alone at the bottom of a page take the
/// columns of its rows on the next.
fn leave_out_running(
    pages: &mut [PageLines],
    notes: &mut Vec<Localized>,
    dropped: &mut Vec<DroppedText>,
) {
    let removed = running::remove_running(pages);
    if !removed.is_empty() {
        notes.push(Localized::new(
            format!(
                "{} baris kepala, kaki halaman atau nomor halaman yang berulang tidak dibaca",
                removed.len()
            ),
            format!(
                "{} running header, footer or page-number lines left out",
                removed.len()
            ),
        ));
    }
    dropped.extend(removed.into_iter().map(|(p, text)| DroppedText {
        page: p as u32 + 1,
        reason: DropReason::Running,
        text,
    }));
    for p in 1..pages.len() {
        let (before, after) = pages.split_at_mut(p);
        if let (Some(prev), Some(next)) = (before.last_mut(), after.first())
            && let Some(last) = prev.lines.last_mut()
        {
            layout::refit(last, &next.top_columns);
        }
    }
}

/// Why a file with no readable line on any page has no text: it is broken,
/// its pages are blank, or they are scans.
fn no_text(pages: &[PageLines], lost: Option<Localized>) -> ExtractError {
    if let Some(lost) = lost {
        return ExtractError::Damaged(format!("no text could be read; {}", lost.en));
    }
    // Only pages drawn as images need OCR; pages with nothing at all on them do not.
    if !pages.iter().any(|p| p.scanned) {
        return ExtractError::NoText(Localized::new(
            format!(
                "tidak ada teks pada {} halamannya, dan tidak ada gambar: halaman kosong",
                pages.len()
            ),
            format!(
                "no text on any of the {} pages, and no images either: blank pages",
                pages.len()
            ),
        ));
    }
    let ocr = needs_ocr();
    ExtractError::NoText(Localized::new(
        format!("tidak ada teks pada {} halamannya: {}", pages.len(), ocr.id),
        format!("no text on any of the {} pages: {}", pages.len(), ocr.en),
    ))
}

/// What is said of pages without a text layer: with OCR off, that `--ocr`
/// would read them; with it on, they are pages OCR could not read (said per page).
fn needs_ocr() -> Localized {
    if crate::extract::ocr::current().is_some() {
        Localized::new(
            "perlu OCR, yang tidak dapat membacanya",
            "needs OCR, which could not read them",
        )
    } else {
        Localized::new(
            "perlu OCR (--ocr akan membacanya)",
            "needs OCR (--ocr would read them)",
        )
    }
}

/// Where OCR puts what it reads: the pages' lines and ruled tables (the
/// tables counted on from `tables`), what it left out, notes, the pages read.
struct OcrOut<'a> {
    pages: &'a mut [PageLines],
    grids: &'a mut [Vec<(usize, Grid)>],
    tables: &'a mut usize,
    dropped: &'a mut Vec<DroppedText>,
    notes: &'a mut Vec<Localized>,
    ocr_pages: &'a mut Vec<u32>,
}

/// Reads scanned pages by OCR: each page's image from the PDF, the words
/// Tesseract finds as glyphs in page space and the rulings found on the
/// image as rules, through the same ruled-table and line reader as a text
/// layer. A page that cannot be read keeps no text and says why.
fn ocr_scans(
    doc: &PdfDoc,
    settings: &crate::extract::ocr::OcrSettings,
    scans: Vec<(usize, Vec<images::Placed>, f32)>,
    out: OcrOut<'_>,
) -> Result<(), ExtractError> {
    use crate::extract::ocr::{self, OcrStop};
    let OcrJobs {
        jobs,
        to_page,
        mut failed,
    } = ocr_jobs(doc, scans)?;
    let read = match ocr::recognise(settings, jobs) {
        Ok(r) => r,
        Err(OcrStop::Limit(e)) => return Err(limit(e)),
        Err(OcrStop::Io(m)) => {
            out.notes.push(Localized::new(
                format!("OCR tidak dijalankan: {m}"),
                format!("OCR not run: {m}"),
            ));
            return Ok(());
        }
    };
    let mut low = 0usize;
    for (index, outcome) in read {
        let page_no = index as u32 + 1;
        let (page, matrix) = match (outcome, to_page.get(&index)) {
            (Ok(p), Some(m)) => (p, *m),
            (Err(why), _) => {
                failed.entry(why).or_default().push(page_no);
                continue;
            }
            (Ok(_), None) => continue,
        };
        let rules = page_rules(&page.rulings, &matrix);
        let mut glyphs = page_glyphs(
            page.words,
            &matrix,
            settings,
            page_no,
            out.dropped,
            &mut low,
        );
        if glyphs.is_empty() {
            failed
                .entry("OCR found no text".to_string())
                .or_default()
                .push(page_no);
            continue;
        }
        if let Some(p) = out.pages.get_mut(index) {
            let mut top = Vec::new();
            let mut lines = Vec::new();
            for table in tables::ruled_tables(&mut glyphs, &rules, &[], *out.tables) {
                if let Some(g) = out.grids.get_mut(index) {
                    g.push((*out.tables, table.grid));
                }
                lines.extend(table.lines);
                *out.tables += 1;
            }
            lines.extend(layout::lines(
                glyphs,
                &mut layout::Carried::default(),
                &mut top,
            ));
            lines.sort_by(|a, b| a.y.total_cmp(&b.y));
            p.lines = lines;
            p.top_columns = top;
            out.ocr_pages.push(page_no);
        }
    }
    if !out.ocr_pages.is_empty() {
        let (low_id, low_en) = if low > 0 {
            (
                format!(
                    " ({low} angka tidak dipakai: terbaca dengan keyakinan di bawah {:.0} %, menempel pada garis atau hurufnya terlalu kecil)",
                    settings.min_confidence
                ),
                format!(
                    " ({low} figures not used: read with confidence under {:.0} %, with a ruling glued on or in type too small)",
                    settings.min_confidence
                ),
            )
        } else {
            (String::new(), String::new())
        };
        out.notes.push(Localized::new(
            format!(
                "{} dibaca dengan OCR{low_id}",
                page_list(out.ocr_pages, Lang::Id)
            ),
            format!("{} read by OCR{low_en}", page_list(out.ocr_pages, Lang::En)),
        ));
    }
    for (why, on) in failed {
        out.notes.push(Localized::new(
            format!(
                "{}: OCR tidak dapat membacanya: {why}",
                page_list(&on, Lang::Id)
            ),
            format!("{}: OCR could not read it: {why}", page_list(&on, Lang::En)),
        ));
    }
    Ok(())
}

/// The scanned pages to give OCR: each page's image and its pixel-to-page
/// matrix, and the pages that cannot be read, by why.
struct OcrJobs {
    jobs: Vec<(usize, crate::extract::ocr::OcrImage)>,
    to_page: std::collections::HashMap<usize, content::Matrix>,
    failed: std::collections::BTreeMap<String, Vec<u32>>,
}

fn ocr_jobs(
    doc: &PdfDoc,
    scans: Vec<(usize, Vec<images::Placed>, f32)>,
) -> Result<OcrJobs, ExtractError> {
    let mut o = OcrJobs {
        jobs: Vec::new(),
        to_page: std::collections::HashMap::new(),
        failed: Default::default(),
    };
    for (index, placed, area) in scans {
        crate::limits::check_time().map_err(limit)?;
        match images::page_image(doc, &placed, area) {
            Ok((image, matrix)) => {
                let [a, b, c, d, ..] = matrix.0;
                // Pixel rows down the page and columns to its right: an
                // image turned or mirrored on the page is not read.
                if a > 0.0 && d > 0.0 && b.abs() < 1e-3 * a && c.abs() < 1e-3 * d {
                    o.jobs.push((index, image));
                    o.to_page.insert(index, matrix);
                } else {
                    o.failed
                        .entry("an image turned or mirrored on the page: not read".to_string())
                        .or_default()
                        .push(index as u32 + 1);
                }
            }
            Err(why) => o.failed.entry(why).or_default().push(index as u32 + 1),
        }
    }
    Ok(o)
}

/// The rulings OCR found on the image, as rules in page space.
fn page_rules(
    rulings: &[crate::extract::ocr::LevelRuling],
    matrix: &content::Matrix,
) -> Vec<content::Rule> {
    rulings
        .iter()
        .map(|&(horizontal, a, b)| {
            let (a, b) = (matrix.apply(a.0, a.1), matrix.apply(b.0, b.1));
            let (along, across) = if horizontal {
                ((a.0, b.0), (a.1 + b.1) / 2.0)
            } else {
                ((a.1, b.1), (a.0 + b.0) / 2.0)
            };
            content::Rule {
                horizontal,
                at: across,
                from: along.0.min(along.1),
                to: along.0.max(along.1),
            }
        })
        .collect()
}

/// The words OCR read, as glyphs in page space. A figure read with low
/// confidence, glued to a ruling or in type too small keeps its digits marked
/// unsure, so a table cell reads as unreadable (checks abstain), never as
/// empty; it is listed as left out and counted in `low`.
fn page_glyphs(
    words: Vec<crate::extract::ocr::OcrWord>,
    matrix: &content::Matrix,
    settings: &crate::extract::ocr::OcrSettings,
    page_no: u32,
    dropped: &mut Vec<DroppedText>,
    low: &mut usize,
) -> Vec<Glyph> {
    use crate::extract::ocr;
    let [sx, _, _, sy, ..] = matrix.0;
    let mut glyphs = Vec::with_capacity(words.len());
    for (n, w) in words.into_iter().enumerate() {
        let (x, y) = matrix.apply(w.x0, w.baseline);
        let width = (w.x1 - w.x0) * sx;
        let size = (w.height * sy).max(1.0);
        let figure = w.text.chars().any(|c| c.is_ascii_digit());
        let small = ocr::too_small(w.height);
        let text = if figure
            && (w.conf < settings.min_confidence || !ocr::well_formed(&w.text) || small)
        {
            *low += 1;
            dropped.push(DroppedText {
                page: page_no,
                reason: DropReason::LowConfidence,
                text: if w.conf < settings.min_confidence {
                    format!("{} ({:.0} %)", w.text, w.conf)
                } else if small {
                    format!("{} (type too small)", w.text)
                } else {
                    format!("{} (glued to a ruling)", w.text)
                },
            });
            ocr::mark_unsure(&w.text)
        } else {
            w.text
        };
        glyphs.push(Glyph {
            text: text.into(),
            x,
            y,
            width,
            size,
            bold: false,
            space_before: true,
            glue: false,
            dir: 0,
            space: 0.25 * size,
            group: n as u32,
        });
    }
    glyphs
}

/// How a file had to be repaired to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Repair {
    None,
    /// lopdf rebuilt the cross-reference table by scanning the file.
    Xref,
    /// Only the objects still in the file, under a page tree of our own.
    Objects,
}

/// The most pages a surviving page-tree node says the document has.
fn declared_pages(doc: &PdfDoc) -> Option<usize> {
    doc.objects
        .values()
        .filter_map(|o| match o {
            Object::Dictionary(d) => Some(d),
            _ => None,
        })
        .filter(|d| d.get(b"Type").ok().and_then(|t| t.as_name().ok()) == Some(b"Pages"))
        .filter_map(|d| d.get(b"Count").ok()?.as_i64().ok())
        .filter_map(|n| usize::try_from(n).ok())
        .filter(|&n| n <= MAX_PAGES)
        .max()
}

fn load(bytes: &[u8], notes: &mut Vec<Localized>) -> Result<(PdfDoc, Repair), ExtractError> {
    let cap = crate::limits::remaining_memory().min(objects::MAX_STREAM as u64) as usize;
    let options = || LoadOptions {
        max_decompressed_size: Some(cap),
        ..LoadOptions::default()
    };
    // Most files: only what the pages reach, read where the cross-reference
    // data puts it; anything else is lopdf's full load.
    if let Some(doc) = lazy::load(bytes, cap, MAX_OBJECTS) {
        return Ok((doc, Repair::None));
    }
    let first = PdfDoc::load_mem_with_options(bytes, options());
    let mut repair = Repair::None;
    let mut doc = match first {
        Ok(doc) => doc,
        Err(e) if is_password_error(&e) => {
            return Err(ExtractError::Encrypted("password required".to_string()));
        }
        Err(first_err) => {
            // lopdf's own recovery: rebuild the cross-reference table by scanning.
            let mut o = options();
            o.force_reconstruct = true;
            match PdfDoc::load_mem_with_options(bytes, o) {
                Ok(doc) => {
                    notes.push(Localized::new(
                        "PDF rusak: tabel rujukan silang dibangun ulang",
                        "damaged PDF: cross-reference table rebuilt",
                    ));
                    repair = Repair::Xref;
                    doc
                }
                Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                    limit,
                })) => {
                    return Err(ExtractError::Limit(format!(
                        "a stream decodes to more than {limit} bytes"
                    )));
                }
                Err(_) => match rebuild_from_objects(bytes)
                    .and_then(|b| PdfDoc::load_mem_with_options(&b, options()).ok())
                {
                    // Our own last resort: the objects that are still there, with new page tree.
                    Some(doc) => {
                        notes.push(Localized::new(
                            "PDF rusak: dibangun ulang dari objek yang masih ada di berkas",
                            "damaged PDF: rebuilt from the objects still in the file",
                        ));
                        repair = Repair::Objects;
                        doc
                    }
                    None => return Err(ExtractError::Damaged(first_err.to_string())),
                },
            }
        }
    };
    if doc.trailer.has(b"Encrypt") && doc.encryption_state.is_none() && doc.decrypt("").is_err() {
        return Err(ExtractError::Encrypted("password required".to_string()));
    }
    // lopdf decrypts with the empty user password while loading.
    if doc.was_encrypted() {
        notes.push(Localized::new(
            "PDF terenkripsi dibuka dengan kata sandi pengguna kosong",
            "encrypted PDF opened with the empty user password",
        ));
    }
    Ok((doc, repair))
}

/// A truncated or badly damaged file: finds every `N G obj` still in it, and
/// appends a new page tree over the page objects found, a cross-reference
/// table and a trailer, so lopdf can read what is left.
fn rebuild_from_objects(bytes: &[u8]) -> Option<Vec<u8>> {
    // Encrypted objects cannot be read without the trailer's keys.
    if bytes.windows(8).any(|w| w == b"/Encrypt") {
        return None;
    }
    static OBJ: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
        regex::bytes::Regex::new(r"(?:^|[\r\n\s])(\d{1,9})\s+(\d{1,5})\s+obj\b")
            .expect("valid regex")
    });
    static PAGE: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
        regex::bytes::Regex::new(r"/Type\s*/Page(?:[^s]|$)").expect("valid regex")
    });
    let mut found: std::collections::BTreeMap<u32, usize> = Default::default();
    let mut starts: Vec<(u32, usize)> = Vec::new();
    for c in OBJ.captures_iter(bytes).take(MAX_OBJECTS) {
        let Some(n) = c.get(1) else {
            continue;
        };
        let Some(num) = std::str::from_utf8(n.as_bytes())
            .ok()
            .and_then(|t| t.parse::<u32>().ok())
        else {
            continue;
        };
        let offset = n.start();
        found.insert(num, offset);
        starts.push((num, offset));
    }
    if found.is_empty() {
        return None;
    }
    // Page objects: the dictionary text between an object's start and the next object.
    let mut pages = Vec::new();
    for (i, &(num, offset)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(bytes.len(), |s| s.1);
        let body = bytes.get(offset..end.min(offset + 4096).max(offset))?;
        if PAGE.is_match(body) && found.get(&num) == Some(&offset) {
            pages.push(num);
        }
    }
    if pages.is_empty() {
        return None;
    }
    let max = found.keys().next_back().copied().unwrap_or(0);
    let (pages_id, catalog_id) = (max.checked_add(1)?, max.checked_add(2)?);
    let mut out = bytes.to_vec();
    out.extend_from_slice(b"\nendstream\nendobj\n");
    found.insert(pages_id, out.len());
    let kids: Vec<String> = pages.iter().map(|p| format!("{p} 0 R")).collect();
    out.extend_from_slice(
        format!(
            "{pages_id} 0 obj\n<< /Type /Pages /Kids [{}] /Count {} >>\nendobj\n",
            kids.join(" "),
            pages.len()
        )
        .as_bytes(),
    );
    found.insert(catalog_id, out.len());
    out.extend_from_slice(
        format!("{catalog_id} 0 obj\n<< /Type /Catalog /Pages {pages_id} 0 R >>\nendobj\n")
            .as_bytes(),
    );
    let xref = out.len();
    out.extend_from_slice(b"xref\n0 1\n0000000000 65535 f \n");
    for (num, offset) in &found {
        out.extend_from_slice(format!("{num} 1\n{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root {catalog_id} 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            catalog_id + 1
        )
        .as_bytes(),
    );
    Some(out)
}

fn is_reference(o: &Object) -> bool {
    matches!(o, Object::Reference(_))
}

fn is_password_error(e: &lopdf::Error) -> bool {
    matches!(
        e,
        lopdf::Error::InvalidPassword
            | lopdf::Error::Decryption(_)
            | lopdf::Error::Unimplemented(_)
    )
}

/// An attribute of a page, inherited from its parents when absent.
fn inherited<'a>(doc: &'a PdfDoc, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..32 {
        if let Ok(v) = node.get(key) {
            return Some(deref(doc, v));
        }
        node = dict_of(doc, node.get(b"Parent").ok()?)?;
    }
    None
}

/// What one page yields.
struct PageRead {
    lines: Vec<TextLine>,
    /// Its ruled tables, with their index over the document.
    grids: Vec<(usize, Grid)>,
    height: f32,
    /// Some content stream could not be decoded.
    damaged: bool,
    /// Images and no glyphs.
    scanned: bool,
    /// Glyphs a viewer does not show, with the reason.
    hidden: Vec<(Glyph, DropReason)>,
    /// Oblique glyphs, in the order drawn: a watermark if most pages show the same.
    oblique: Vec<Glyph>,
    /// A scanned page's images with where they are drawn, and the page's area (points²).
    placed: Vec<images::Placed>,
    area: f32,
}

fn read_page(
    doc: &PdfDoc,
    page: &Dictionary,
    fonts: &mut FontCache,
    tables: &mut usize,
    carry: &mut layout::Carried,
    top: &mut Vec<f32>,
) -> Result<PageRead, ExtractError> {
    let resources = inherited(doc, page, b"Resources").and_then(|o| match o {
        Object::Dictionary(d) => Some(d),
        _ => None,
    });
    let bbox = page_box(doc, page);
    let rotate = inherited(doc, page, b"Rotate").and_then(num).unwrap_or(0.0) as i64;
    let (data, mut damaged) = page_content(doc, page)?;
    // Resources named but gone (a truncated file): fonts fall back, text garbles.
    damaged |= page
        .get(b"Resources")
        .is_ok_and(|o| is_reference(o) && resources.is_none());
    let mut interp = Interpreter::new(doc, fonts, bbox, rotate);
    interp.run(&data, resources, 0)?;
    let content = interp.finish();
    damaged |= content.damaged;
    let scanned = content.glyphs.is_empty() && content.hidden.is_empty() && content.images > 0;
    let placed = if scanned { content.placed } else { Vec::new() };
    let area = (bbox[2] - bbox[0]) * (bbox[3] - bbox[1]);
    let (oblique, upright, turned) = by_direction(content.glyphs);
    let facing = Facing::of(
        upright,
        turned,
        content.rules,
        tables::cell_boxes(&content.fills),
        content.width,
        content.height,
    );
    let height = facing.height;
    let (lines, grids) = facing.lines(tables, carry, top);
    Ok(PageRead {
        lines,
        grids,
        height,
        damaged,
        scanned,
        hidden: content.hidden,
        oblique,
        placed,
        area,
    })
}

/// The page's visible box (CropBox, else MediaBox; A4 when neither is read).
fn page_box(doc: &PdfDoc, page: &Dictionary) -> [f32; 4] {
    inherited(doc, page, b"CropBox")
        .or_else(|| inherited(doc, page, b"MediaBox"))
        .map(|o| array_f32(doc, o))
        .filter(|v| v.len() == 4)
        .map(|v| {
            let (x0, x1) = (v[0].min(v[2]), v[0].max(v[2]));
            let (y0, y1) = (v[1].min(v[3]), v[1].max(v[3]));
            [x0, y0, x1, y1]
        })
        .unwrap_or([0.0, 0.0, 595.0, 842.0])
}

/// The page's content streams decoded and joined, and whether some of it is
/// named but gone or damaged (its text is then lost).
fn page_content(doc: &PdfDoc, page: &Dictionary) -> Result<(Vec<u8>, bool), ExtractError> {
    let mut damaged = false;
    let mut data = Vec::new();
    let contents = page.get(b"Contents").ok();
    let streams: Vec<&Object> = match contents.map(|o| deref(doc, o)) {
        Some(Object::Array(items)) => items.iter().collect(),
        Some(o @ Object::Stream(_)) => vec![o],
        None | Some(Object::Null) if !contents.is_some_and(is_reference) => Vec::new(),
        // Content named but gone (a truncated file): the page's text is lost.
        _ => {
            damaged = true;
            Vec::new()
        }
    };
    for s in streams {
        let Object::Stream(stream) = deref(doc, s) else {
            damaged |= is_reference(s);
            continue;
        };
        match decode_stream(stream) {
            Ok(d) => {
                data.extend_from_slice(&d);
                data.push(b'\n');
            }
            Err(StreamError::Limit(m)) => return Err(ExtractError::Limit(m)),
            Err(StreamError::Damaged) => damaged = true,
        }
        if data.len() > MAX_PAGE_CONTENT {
            return Err(ExtractError::Limit(format!(
                "page content over {MAX_PAGE_CONTENT} bytes"
            )));
        }
    }
    Ok((data, damaged))
}

/// The page's glyphs as (oblique, upright, turned a quarter or more).
fn by_direction(glyphs: Vec<Glyph>) -> (Vec<Glyph>, Vec<Glyph>, Vec<Glyph>) {
    // Most pages are all upright text: then nothing needs sorting out.
    if glyphs.iter().all(|g| g.dir == 0) {
        return (Vec::new(), glyphs, Vec::new());
    }
    let (oblique, glyphs): (Vec<_>, Vec<_>) = glyphs.into_iter().partition(|g| g.dir == 4);
    let (upright, turned) = glyphs.into_iter().partition(|g| g.dir == 0);
    (oblique, upright, turned)
}

/// A page as it is read: the text read first (upright, or the turned text
/// the page is mostly set in) with its rulings and height, and the rest.
struct Facing {
    main: Vec<Glyph>,
    rest: Vec<Glyph>,
    rules: Vec<content::Rule>,
    /// Cells drawn only as shaded boxes (`tables::cell_boxes`).
    boxes: Vec<[f32; 4]>,
    height: f32,
}

impl Facing {
    /// A page whose text is mostly turned (a landscape table printed sideways on an
    /// upright page, without /Rotate) is read in that text's upright frame, rulings
    /// and all, as if the page had been turned; the rest (an upright page number)
    /// comes after in its own order, as turned text does on an upright page.
    fn of(
        mut upright: Vec<Glyph>,
        turned: Vec<Glyph>,
        rules: Vec<content::Rule>,
        boxes: Vec<[f32; 4]>,
        width: f32,
        height: f32,
    ) -> Facing {
        let Some(dir) = main_turn(&upright, &turned) else {
            return Facing {
                main: upright,
                rest: turned,
                rules,
                boxes,
                height,
            };
        };
        let frame = Frame { dir, width, height };
        let (mut main, others): (Vec<_>, Vec<_>) = turned.into_iter().partition(|g| g.dir == dir);
        for g in &mut main {
            frame.glyph(g);
        }
        upright.extend(others);
        Facing {
            main,
            rest: upright,
            rules: rules.iter().map(|r| frame.rule(r)).collect(),
            boxes: boxes.iter().map(|b| frame.area(b)).collect(),
            height: frame.shown_height(),
        }
    }

    /// The page's lines (its ruled tables' rows among them, by position) and
    /// the grids of those tables, numbered on from `tables`.
    fn lines(
        self,
        tables: &mut usize,
        carry: &mut layout::Carried,
        top: &mut Vec<f32>,
    ) -> (Vec<TextLine>, Vec<(usize, Grid)>) {
        let Facing {
            mut main,
            rest,
            mut rules,
            boxes,
            ..
        } = self;
        tables::drawn_dashes(&mut main, &mut rules);
        let mut lines = Vec::new();
        let mut grids = Vec::new();
        for table in tables::ruled_tables(&mut main, &rules, &boxes, *tables) {
            grids.push((*tables, table.grid));
            lines.extend(table.lines);
            *tables += 1;
        }
        lines.extend(layout::lines(main, carry, top));
        lines.sort_by(|a, b| a.y.total_cmp(&b.y));
        // Text turned on the page (a rotated table, a margin note) comes after, in its own reading order.
        for dir in 0..=3u8 {
            let glyphs: Vec<_> = rest.iter().filter(|g| g.dir == dir).cloned().collect();
            if !glyphs.is_empty() {
                lines.extend(layout::lines(
                    glyphs,
                    &mut layout::Carried::default(),
                    &mut Vec::new(),
                ));
            }
        }
        (lines, grids)
    }
}

/// The direction (1–3) of the turned text a page is mostly set in, if it is:
/// more of its glyphs turned that way than all its other text together.
fn main_turn(upright: &[Glyph], turned: &[Glyph]) -> Option<u8> {
    if turned.is_empty() {
        return None;
    }
    let mut counts = [0usize; 4];
    for g in turned {
        if let Some(c) = counts.get_mut(usize::from(g.dir)) {
            *c += 1;
        }
    }
    let total = upright.len() + turned.len();
    (1..=3u8).find(|&d| counts.get(usize::from(d)).is_some_and(|&n| 2 * n > total))
}

/// The upright frame of text turned by `dir` quarter turns on a page of
/// `width` × `height` (page space: y down): a turned glyph's coordinates (its
/// own frame, as `content` gives them) moved so the frame starts at 0, and a
/// ruling turned with the text.
struct Frame {
    dir: u8,
    width: f32,
    height: f32,
}

impl Frame {
    /// A point of the page in the frame.
    fn point(&self, x: f32, y: f32) -> (f32, f32) {
        match self.dir {
            1 => (y, self.width - x),
            2 => (self.width - x, self.height - y),
            3 => (self.height - y, x),
            _ => (x, y),
        }
    }

    /// A glyph turned by `dir`, in the frame: upright.
    fn glyph(&self, g: &mut Glyph) {
        match self.dir {
            1 => g.y += self.width,
            2 => {
                g.x += self.width;
                g.y += self.height;
            }
            3 => g.x += self.height,
            _ => {}
        }
        g.dir = 0;
    }

    fn rule(&self, r: &content::Rule) -> content::Rule {
        let ((x0, y0), (x1, y1)) = if r.horizontal {
            (self.point(r.from, r.at), self.point(r.to, r.at))
        } else {
            (self.point(r.at, r.from), self.point(r.at, r.to))
        };
        let horizontal = r.horizontal != (self.dir % 2 == 1);
        if horizontal {
            content::Rule {
                horizontal,
                at: y0,
                from: x0.min(x1),
                to: x0.max(x1),
            }
        } else {
            content::Rule {
                horizontal,
                at: x0,
                from: y0.min(y1),
                to: y0.max(y1),
            }
        }
    }

    /// A box of the page in the frame.
    fn area(&self, b: &[f32; 4]) -> [f32; 4] {
        let (p, q) = (self.point(b[0], b[1]), self.point(b[2], b[3]));
        [p.0.min(q.0), p.1.min(q.1), p.0.max(q.0), p.1.max(q.1)]
    }

    /// The height of the page as the turned text stands.
    fn shown_height(&self) -> f32 {
        if self.dir % 2 == 1 {
            self.width
        } else {
            self.height
        }
    }
}

/// Glyphs by the text object or form that drew them, in the order drawn.
fn by_group(glyphs: Vec<Glyph>) -> Vec<Vec<Glyph>> {
    let mut groups: std::collections::BTreeMap<u32, Vec<Glyph>> = Default::default();
    for g in glyphs {
        groups.entry(g.group).or_default().push(g);
    }
    groups.into_values().collect()
}

/// The text of glyphs as drawn, with the spaces the stream has.
fn group_text(glyphs: &[Glyph]) -> String {
    let mut out = String::new();
    for g in glyphs {
        if g.space_before && !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&g.text);
    }
    out
}

/// Oblique texts (one text object or form each) drawn the same on at least
/// half the pages, two at least: watermarks and stamps.
fn watermarks(pages: &[Vec<Vec<Glyph>>]) -> std::collections::HashSet<String> {
    let mut counts: std::collections::HashMap<String, usize> = Default::default();
    for groups in pages {
        let texts: std::collections::HashSet<String> =
            groups.iter().map(|g| group_text(g)).collect();
        for t in texts {
            *counts.entry(t).or_default() += 1;
        }
    }
    let needed = pages.len().div_ceil(2).max(2);
    counts
        .into_iter()
        .filter(|&(_, n)| n >= needed)
        .map(|(k, _)| k)
        .collect()
}

/// Hidden glyphs of a page as readable text, one entry per reason and line.
fn dropped_text(page: u32, hidden: Vec<(Glyph, DropReason)>) -> Vec<DroppedText> {
    let mut by_reason: std::collections::BTreeMap<(DropReason, u8), Vec<Glyph>> =
        Default::default();
    for (g, reason) in hidden {
        by_reason.entry((reason, g.dir)).or_default().push(g);
    }
    let mut out = Vec::new();
    for ((reason, _), glyphs) in by_reason {
        for (_, row) in layout::rows(glyphs) {
            let text: Vec<String> = layout::spans(&row).into_iter().map(|s| s.text).collect();
            if !text.is_empty() {
                out.push(DroppedText {
                    page,
                    reason,
                    text: text.join("  "),
                });
            }
        }
    }
    out
}

/// The font size most of the text is set in.
fn body_size(pages: &[PageLines]) -> f32 {
    let mut counts: std::collections::HashMap<i32, usize> = Default::default();
    for l in pages.iter().flat_map(|p| &p.lines) {
        for s in &l.spans {
            *counts
                .entry((s.font_size * 2.0).round() as i32)
                .or_default() += s.text.len();
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(size, n)| (n, size))
        .map(|(s, _)| s as f32 / 2.0)
        .unwrap_or(0.0)
}

/// Final lines of a page: numbered from 1, a blank line where the text leaves a
/// paragraph gap, headings marked by a clearly larger font; and the page's
/// ruled tables, each row pointing at its line.
fn number_lines(
    lines: Vec<TextLine>,
    grids: Vec<(usize, Grid)>,
    body: f32,
) -> (Vec<Line>, Vec<Grid>) {
    let (ids, mut tables): (Vec<usize>, Vec<Grid>) = grids.into_iter().unzip();
    for t in &mut tables {
        t.row_lines = vec![0; t.rows];
    }
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut prev: Option<(f32, f32, Option<usize>)> = None;
    for l in lines {
        let size = l.size().max(1.0);
        if let Some((py, psize, ptable)) = prev {
            let same_table = ptable.is_some() && ptable == l.table;
            let pitch = l.y - py;
            if !same_table && pitch > 1.6 * size.max(psize) {
                out.push(Line {
                    number: out.len() as u32 + 1,
                    ..Line::default()
                });
            }
        }
        prev = Some((l.y, size, l.table));
        let text = l.text();
        let heading = if l.cells != CellMode::Flow || body <= 0.0 || text.chars().count() >= 150 {
            None
        } else if size >= body * 1.4 {
            Some(1)
        } else if size >= body * 1.15 {
            Some(2)
        } else {
            None
        };
        let number = out.len() as u32 + 1;
        let table = l.table.and_then(|id| {
            let table = ids.iter().position(|&i| i == id)?;
            let slot = tables.get_mut(table)?.row_lines.get_mut(l.row)?;
            *slot = number;
            Some(TableRow { table, row: l.row })
        });
        out.push(Line {
            number,
            text,
            spans: l.spans,
            cells: l.cells,
            heading,
            table,
        });
    }
    (out, tables)
}

/// "pages 12–14, 20" (or "page 3").
fn page_list(pages: &[u32], lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < pages.len() {
        let start = pages[i];
        let mut end = start;
        while i + 1 < pages.len() && pages[i + 1] == end + 1 {
            end += 1;
            i += 1;
        }
        parts.push(if start == end {
            start.to_string()
        } else {
            format!("{start}–{end}")
        });
        i += 1;
    }
    let word = match (lang, pages.len()) {
        (Lang::Id, _) => "hal.",
        (Lang::En, 1) => "page",
        (Lang::En, _) => "pages",
    };
    format!("{word} {}", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_ranges_are_compressed() {
        assert_eq!(page_list(&[12, 13, 14], Lang::En), "pages 12–14");
        assert_eq!(page_list(&[3], Lang::En), "page 3");
        assert_eq!(page_list(&[1, 3, 4, 9], Lang::En), "pages 1, 3–4, 9");
        assert_eq!(page_list(&[1, 3, 4, 9], Lang::Id), "hal. 1, 3–4, 9");
    }
}
