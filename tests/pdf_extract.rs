//! PDF extraction: fixtures from real producers and synthetic edge cases, bad
//! input that must end in a clear status, and the promise that matters most:
//! a PDF of a sample report gives the same findings as its text export.
//!
//! Fixture PDFs live in samples/pdf/ and tests/fixtures/pdf/; a test whose
//! fixture is absent says so and passes, the rest always run on PDFs built here.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lkjip_audit::audit::{AuditOptions, FileStatus, audit_inputs};
use lkjip_audit::discover::Input;
use lkjip_audit::extract::render::render_text;
use lkjip_audit::extract::{CellMode, Document, ExtractError, InputKind, extract};
use lkjip_audit::rules::RuleSet;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `bytes` in a temporary file named after `name` (its extension kept),
/// removed when the returned path is dropped.
fn temp_file(name: &str, bytes: &[u8]) -> tempfile::TempPath {
    let mut file = tempfile::Builder::new()
        .prefix("lkjip-pdf-test-")
        .suffix(&format!("-{name}"))
        .tempfile()
        .expect("temp file");
    std::io::Write::write_all(&mut file, bytes).expect("write temp file");
    file.into_temp_path()
}

fn pdf_extract(path: &Path) -> Result<Document, ExtractError> {
    extract(path, InputKind::Pdf)
}

/// A small PDF: `pages` content streams, Helvetica as /F1, a Differences font as
/// /F2, a Type0 Identity-H font with a ToUnicode CMap as /F3.
fn build_pdf(pages: &[&str]) -> Vec<u8> {
    build_pdf_with(pages, "")
}

/// Like [`build_pdf`], with `page_extra` added to every page dictionary (e.g. "/Rotate 90").
fn build_pdf_with(pages: &[&str], page_extra: &str) -> Vec<u8> {
    let cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
        1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
        4 beginbfchar <0003> <0020> <0010> <00660069> <0040> <0009> <0041> <00AD> endbfchar\n\
        2 beginbfrange <0024> <0026> <0041> <002D> <002E> [<0061> <0062>] endbfrange\n\
        endcmap CMapName currentdict /CMap defineresource pop end end";
    let mut objs: Vec<Vec<u8>> = vec![
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding << /Differences [1 /fi /eacute /uni0041 /f_f_l] >> >>".to_vec(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Arial-BoldMT /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>".to_vec(),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Arial-BoldMT /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 600 /W [3 [278] 16 [611] 36 38 722 64 [250 333]] >>".to_vec(),
        format!("<< /Length {} >>\nstream\n{cmap}\nendstream", cmap.len() + 1).into_bytes(),
        // Type3: glyph space is 1/100 of text space; codes 65.. are drawn glyphs named A, B, C.
        b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 100 100] /FontMatrix [0.01 0 0 0.01 0 0] /CharProcs << >> /Encoding << /Type /Encoding /Differences [65 /A /B /C 32 /space] >> /FirstChar 32 /LastChar 67 /Widths [25 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 60 60 60] /Resources << >> >>".to_vec(),
    ];
    let pages_id = objs.len() + 1 + 2 * pages.len();
    let mut kids = Vec::new();
    for content in pages {
        let mut s = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
        s.extend_from_slice(content.as_bytes());
        s.extend_from_slice(b"\nendstream");
        objs.push(s);
        let content_id = objs.len();
        objs.push(format!("<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 595 842] {page_extra} /Resources << /Font << /F1 1 0 R /F2 2 0 R /F3 3 0 R /F4 6 0 R >> >> /Contents {content_id} 0 R >>").into_bytes());
        kids.push(format!("{} 0 R", objs.len()));
    }
    objs.push(
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            pages.len()
        )
        .into_bytes(),
    );
    objs.push(format!("<< /Type /Catalog /Pages {pages_id} 0 R >>").into_bytes());
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root {} 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1,
            objs.len()
        )
        .as_bytes(),
    );
    out
}

fn text_at(x: f32, y: f32, s: &str) -> String {
    format!("BT /F1 11 Tf 1 0 0 1 {x} {y} Tm ({s}) Tj ET\n")
}

fn ruled_table() -> String {
    let xs = [72.0, 250.0, 380.0, 520.0];
    let ys = [700.0, 680.0, 660.0, 630.0];
    let mut c = String::new();
    for y in ys {
        c += &format!("{} {y} m {} {y} l S\n", xs[0], xs[3]);
    }
    for x in xs {
        c += &format!("{x} {} m {x} {} l S\n", ys[0], ys[3]);
    }
    let rows = [
        ["URAIAN", "ANGGARAN (Rp)", "REALISASI"],
        ["Belanja Pegawai", "1.000.000", "900.000"],
        ["Program Pelayanan", "2.000.000", ""],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (k, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                c += &text_at(xs[k] + 3.0, ys[r] - 14.0, cell);
            }
        }
    }
    c += &text_at(xs[0] + 3.0, ys[2] - 26.0, "Administrasi Perkantoran");
    c
}

#[test]
fn text_operators_fonts_and_ruled_table() {
    let mut page = String::new();
    page += &text_at(72.0, 780.0, "Capaian kinerja tahun 2020");
    // TJ kerning: a small kern stays inside a word, a big one is a space.
    page += "BT /F1 11 Tf 72 760 Td [(rata)-20(-rata) -300 (capaian)] Tj ET\n";
    page += "BT /F1 11 Tf 72 760 Td [(rata)-20(-rata) -300 (capaian)] TJ ET\n";
    // T*, TL and ' move down a line.
    page += "BT /F1 11 Tf 14 TL 72 740 Td (baris satu) Tj (baris dua) ' ET\n";
    // Differences: fi, eacute, uni0041 and an f_f_l ligature.
    page += "BT /F2 11 Tf 72 715 Td (\\001x \\002 \\003 \\004) Tj ET\n";
    page += &ruled_table();
    // A lone page number at the bottom edge.
    page += &text_at(297.0, 40.0, "3");
    let path = temp_file("basic.pdf", &build_pdf(&[&page]));
    let doc = pdf_extract(&path).expect("extracts");
    assert!(doc.paged);
    let text = render_text(&doc, false);
    assert!(text.contains("Capaian kinerja tahun 2020"), "{text}");
    assert!(text.contains("rata-rata capaian"), "{text}");
    assert!(text.contains("baris satu\nbaris dua"), "{text}");
    assert!(text.contains("fix é A ffl"), "{text}");
    let rows: Vec<&str> = doc.pages[0]
        .lines
        .iter()
        .filter(|l| l.cells == CellMode::Delimited)
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(
        rows,
        [
            "URAIAN\tANGGARAN (Rp)\tREALISASI",
            "Belanja Pegawai\t1.000.000\t900.000",
            "Program Pelayanan Administrasi Perkantoran\t2.000.000\t",
        ]
    );
    assert!(
        !text.lines().any(|l| l.trim() == "3"),
        "page number dropped: {text}"
    );
    let numbers: Vec<u32> = doc.pages[0].lines.iter().map(|l| l.number).collect();
    assert_eq!(numbers, (1..=numbers.len() as u32).collect::<Vec<_>>());
}

#[test]
fn ruled_table_header_repeated_on_the_next_page_is_no_row() {
    let table = ruled_table();
    let p1 = format!(
        "{}{table}",
        text_at(72.0, 780.0, "Tabel 3.1 Realisasi Anggaran")
    );
    let p2 = table
        .replace("Belanja Pegawai", "Belanja Barang")
        .replace("Program Pelayanan", "Program Lain");
    let path = temp_file("continued.pdf", &build_pdf(&[&p1, &p2]));
    let doc = pdf_extract(&path).expect("extracts");
    // The repeated header stays on its page, as a viewer shows it, but is no
    // row of the table, which continues there.
    let header_rows = doc
        .lines()
        .filter(|(_, l)| l.text.starts_with("URAIAN\t") && l.table.is_some())
        .count();
    assert_eq!(header_rows, 1, "{}", render_text(&doc, false));
    assert!(doc.pages[1].tables.first().is_some_and(|g| g.continues));
    let rows = doc.lines().filter(|(_, l)| l.table.is_some()).count();
    assert_eq!(rows, 5);
}

/// A ruled table printed sideways on an upright page (text, rules and boxes
/// turned a quarter by the content, no /Rotate) is read as the same table
/// upright: the same cells, rows and columns as the upright fixture.
#[test]
fn a_table_printed_sideways_reads_as_the_upright_table() {
    let dir = root().join("tests/fixtures/pdf");
    let cells = |name: &str| -> Vec<Vec<String>> {
        let doc = pdf_extract(&dir.join(name)).expect("fixture reads");
        let grids: Vec<_> = doc.pages.iter().flat_map(|p| &p.tables).collect();
        assert_eq!(grids.len(), 1, "{name}: {}", render_text(&doc, false));
        let grid = grids[0];
        (0..grid.rows)
            .map(|r| {
                grid.cells
                    .iter()
                    .filter(|c| c.rows.start == r)
                    .map(|c| c.text.clone())
                    .collect()
            })
            .collect()
    };
    let upright = cells("ruled-table.pdf");
    assert_eq!(
        upright[1],
        [
            "1",
            "Persentase pelayanan publik bernilai B",
            "85%",
            "71,20%"
        ]
    );
    for turned in ["ruled-table-turned-90.pdf", "ruled-table-turned-270.pdf"] {
        assert_eq!(cells(turned), upright, "{turned}");
        // The upright number in the page's corner is its page number, left out.
        let doc = pdf_extract(&dir.join(turned)).expect("fixture reads");
        assert!(
            doc.dropped.iter().any(|d| d.text.trim() == "12"),
            "{turned}: {:?}",
            doc.dropped
        );
    }
}

#[test]
fn running_headers_and_pages_without_text() {
    let header = text_at(72.0, 810.0, "LKjIP Kecamatan Contoh 2020");
    let p1 = format!(
        "{header}{}{}",
        text_at(72.0, 700.0, "Halaman satu."),
        text_at(297.0, 40.0, "- 1 -")
    );
    let p2 = format!(
        "{header}{}{}",
        text_at(72.0, 700.0, "Halaman dua."),
        text_at(297.0, 40.0, "- 2 -")
    );
    let p3 = format!(
        "{header}{}{}",
        text_at(72.0, 700.0, "Halaman tiga."),
        text_at(297.0, 40.0, "- 3 -")
    );
    let image = "q 100 0 0 100 0 0 cm BI /W 1 /H 1 /BPC 8 /CS /G ID x EI Q";
    let path = temp_file("running.pdf", &build_pdf(&[&p1, &p2, image, image, &p3]));
    let doc = pdf_extract(&path).expect("extracts");
    let text = render_text(&doc, false);
    assert!(!text.contains("Kecamatan Contoh"), "{text}");
    assert_eq!(text.matches('\u{c}').count(), 4);
    assert!(
        doc.notes.iter().any(
            |n| n.en == "no text on pages 3–4: needs OCR (--ocr would read them)"
                && n.id == "tidak ada teks pada hal. 3–4: perlu OCR (--ocr akan membacanya)"
        ),
        "{:?}",
        doc.notes
    );
    let path = temp_file("scanned.pdf", &build_pdf(&[image, image]));
    assert!(matches!(pdf_extract(&path), Err(ExtractError::NoText(_))));
}

#[test]
fn type0_identity_h_with_tounicode_and_rotated_pages() {
    // "ABC fi ab" in two-byte codes; bold from the font name.
    let page = "BT /F3 12 Tf 72 700 Td <002400250026000300100003002D002E> Tj ET\n";
    let path = temp_file("type0.pdf", &build_pdf(&[page]));
    let doc = pdf_extract(&path).expect("extracts");
    let line = doc.pages[0].lines.first().expect("a line");
    assert_eq!(line.text, "ABC fi ab");
    assert!(line.spans.iter().all(|s| s.bold && s.font_size == 12.0));
    // Type3 widths through the FontMatrix: "AB" (12 pt wide), a gap of nearly 4 em, "C".
    let page = "BT /F4 10 Tf 72 700 Td (AB) Tj 50 0 Td (C) Tj ET\n";
    let path = temp_file("type3.pdf", &build_pdf(&[page]));
    let doc = pdf_extract(&path).expect("extracts");
    let spans: Vec<(&str, f32)> = doc.pages[0].lines[0]
        .spans
        .iter()
        .map(|s| (s.text.as_str(), (s.width * 100.0).round() / 100.0))
        .collect();
    assert_eq!(spans, [("AB", 12.0), ("C", 6.0)]);
    // A landscape page stored rotated: text drawn bottom-to-top reads left to right.
    // With /Rotate 90 the page turns clockwise: smaller x is higher up.
    let rotated = "BT /F1 11 Tf 0 1 -1 0 486 100 Tm (Tabel 3.1 Realisasi) Tj ET\n\
        BT /F1 11 Tf 0 1 -1 0 500 100 Tm (baris kedua) Tj ET\n";
    let path = temp_file("rotated.pdf", &build_pdf_with(&[rotated], "/Rotate 90"));
    let doc = pdf_extract(&path).expect("extracts");
    let text = render_text(&doc, false);
    assert!(
        text.contains("Tabel 3.1 Realisasi\nbaris kedua"),
        "{text:?}"
    );
}

#[test]
fn a_glyph_mapped_to_a_tab_is_a_space_and_a_drawn_soft_hyphen_a_hyphen() {
    // Producers that rewrite a PDF (cairo) map Word's space glyph to U+0009
    // and its non-breaking hyphen to U+00AD: read as viewers show them, not
    // dropped (which glued "BPPT Sapi" into one word and "000,-," into "000,,").
    let page = "BT /F3 12 Tf 72 700 Td <0024002500400026> Tj 0 -20 Td <002400410025> Tj ET\n";
    let path = temp_file("tab-space.pdf", &build_pdf(&[page]));
    let doc = pdf_extract(&path).expect("extracts");
    let lines: Vec<&str> = doc.pages[0]
        .lines
        .iter()
        .map(|l| l.text.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    assert_eq!(lines, ["AB C", "A-B"]);
}

#[test]
fn decompression_bomb_is_a_limit() {
    use lkjip_audit::limits::{self, Limits};
    let plain = build_pdf(&[&text_at(72.0, 700.0, "x")]);
    let mut doc = lopdf::Document::load_mem(&plain).expect("own PDF");
    let page = doc.get_pages().into_values().next().expect("a page");
    let content = *doc
        .get_page_contents(page)
        .first()
        .expect("a content stream");
    let mut bomb = lopdf::Stream::new(lopdf::Dictionary::new(), vec![b' '; 40 * 1024 * 1024]);
    bomb.compress().expect("compresses");
    doc.objects.insert(content, lopdf::Object::Stream(bomb));
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("saves");
    assert!(bytes.len() < 1024 * 1024, "the bomb is small on disk");
    let path = temp_file("bomb.pdf", &bytes);
    let _guard = limits::enter(Limits {
        time: None,
        memory: Some(16 * 1024 * 1024),
    });
    match pdf_extract(&path) {
        Err(ExtractError::Limit(_)) => {}
        other => panic!("expected a limit error, got {other:?}"),
    }
}

#[test]
fn not_a_pdf_and_damaged_input() {
    let path = temp_file("fake.pdf", b"PK\x03\x04 this is a zip file, not a PDF");
    assert!(matches!(pdf_extract(&path), Err(ExtractError::NotPdf(_))));
    let path = temp_file("empty.pdf", b"");
    assert!(matches!(pdf_extract(&path), Err(ExtractError::NotPdf(_))));
    let path = temp_file(
        "garbage.pdf",
        b"%PDF-1.7\n\x00\x01\x02 garbage without objects",
    );
    assert!(pdf_extract(&path).is_err());
}

fn encrypt(bytes: &[u8], user: &str) -> Vec<u8> {
    use lopdf::{EncryptionState, EncryptionVersion, Permissions};
    let mut doc = lopdf::Document::load_mem(bytes).expect("own PDF loads");
    let version = EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner-secret",
        user_password: user,
        key_length: 128,
        permissions: Permissions::all(),
    };
    let state = EncryptionState::try_from(version).expect("encryption state");
    doc.encrypt(&state).expect("encrypts");
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("saves");
    out
}

#[test]
fn encrypted_pdfs() {
    let plain = build_pdf(&[&text_at(72.0, 700.0, "Laporan Kinerja Tahun 2020")]);
    let path = temp_file("empty-user.pdf", &encrypt(&plain, ""));
    let doc = pdf_extract(&path).expect("empty user password opens");
    assert!(render_text(&doc, false).contains("Laporan Kinerja Tahun 2020"));
    assert!(
        doc.notes
            .iter()
            .any(|n| n.en.contains("empty user password")),
        "{:?}",
        doc.notes
    );
    let path = temp_file("password.pdf", &encrypt(&plain, "rahasia"));
    match pdf_extract(&path) {
        Err(ExtractError::Encrypted(m)) => assert_eq!(m, "password required"),
        other => panic!("expected Encrypted, got {other:?}"),
    }
    for (name, expect_ok) in [
        ("samples/pdf/encrypted-empty-user.pdf", true),
        ("tests/fixtures/pdf/encrypted-empty-user.pdf", true),
        ("samples/pdf/encrypted-password.pdf", false),
        ("tests/fixtures/pdf/encrypted-password.pdf", false),
    ] {
        let p = root().join(name);
        if p.exists() {
            let r = pdf_extract(&p);
            if expect_ok {
                assert!(r.is_ok(), "{name}: {r:?}");
            } else {
                assert!(
                    matches!(r, Err(ExtractError::Encrypted(_))),
                    "{name}: {r:?}"
                );
            }
        }
    }
}

fn sample_pdfs() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root().join("samples/pdf"))
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[test]
fn fixture_pdfs_match_their_expected_text() {
    let dir = root().join("tests/fixtures/pdf");
    let entries = std::fs::read_dir(&dir).expect("tests/fixtures/pdf (scripts/make-edge-pdfs.py)");
    let norm = |s: &str| -> Vec<String> {
        s.lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect()
    };
    let mut failures = Vec::new();
    let mut checked = 0;
    for e in entries.flatten() {
        let p = e.path();
        if p.extension().is_none_or(|x| x != "pdf") {
            continue;
        }
        // X.body.txt is the text once running headers and footers are left out;
        // X.expected.txt the whole text (the same when a file has none).
        let body = p.with_extension("body.txt");
        let expected = if body.exists() {
            body
        } else {
            p.with_extension("expected.txt")
        };
        let Ok(want) = std::fs::read_to_string(&expected) else {
            continue;
        };
        checked += 1;
        let got = match pdf_extract(&p) {
            Ok(doc) => render_text(&doc, false),
            Err(err) => format!("ERROR {err}"),
        };
        // Every expected line appears, in order.
        let got_lines = norm(&got.replace('\t', " "));
        let mut at = 0;
        for w in norm(&want.replace('\t', " ")) {
            match got_lines.iter().skip(at).position(|g| g.contains(&w)) {
                Some(k) => at += k + 1,
                None => {
                    failures.push(format!("{}: missing {w:?}\ngot:\n{got}", p.display()));
                    break;
                }
            }
        }
    }
    assert!(checked >= 15, "only {checked} fixtures with expected text");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// X.dropped.txt lists text a viewer does not show (`reason<TAB>text`): it is
/// not in the extracted text (a duplicate is there once), and
/// `--show-dropped` gives it with that reason.
#[test]
fn fixture_pdfs_leave_out_what_a_viewer_does_not_show() {
    let dir = root().join("tests/fixtures/pdf");
    let entries = std::fs::read_dir(&dir).expect("tests/fixtures/pdf (scripts/make-edge-pdfs.py)");
    let mut failures = Vec::new();
    let mut checked = 0;
    for e in entries.flatten() {
        let p = e.path();
        let Some(name) = p.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(stem) = name.strip_suffix(".dropped.txt") else {
            continue;
        };
        let want = std::fs::read_to_string(&p).expect("dropped list");
        let doc = pdf_extract(&dir.join(format!("{stem}.pdf"))).expect("fixture reads");
        let text = render_text(&doc, false);
        for line in want.lines().filter(|l| !l.is_empty()) {
            let (reason, dropped) = line.split_once('\t').expect("reason<TAB>text");
            checked += 1;
            // A duplicate is read once; anything else not at all.
            let allowed = usize::from(reason == "duplicate");
            if text.matches(dropped).count() != allowed {
                failures.push(format!("{stem}: {dropped:?} read wrongly\n{text}"));
            }
            if !doc
                .dropped
                .iter()
                .any(|d| d.reason.label() == reason && d.text.contains(dropped))
            {
                failures.push(format!(
                    "{stem}: {dropped:?} not dropped as {reason}: {:?}",
                    doc.dropped
                ));
            }
        }
    }
    assert!(checked >= 9, "only {checked} dropped texts checked");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn type1_differences_and_scanned_samples() {
    let p = root().join("samples/pdf/type1-differences.pdf");
    if p.exists() {
        let doc = pdf_extract(&p).expect("type1-differences extracts");
        let text = render_text(&doc, false);
        assert!(
            text.chars().filter(|c| c.is_alphabetic()).count() > 20,
            "{text}"
        );
        assert!(!text.contains('\u{fffd}'), "{text}");
    }
    let p = root().join("samples/pdf/scanned-page.pdf");
    if p.exists() {
        match pdf_extract(&p) {
            Err(ExtractError::NoText(_)) => {}
            Ok(doc) => assert!(
                doc.notes.iter().any(|n| n.en.contains("needs OCR")),
                "{:?}",
                doc.notes
            ),
            Err(e) => panic!("scanned-page: {e}"),
        }
    }
}

fn rules() -> AuditOptions {
    AuditOptions::new(RuleSet::defaults().expect("default rules"))
}

#[test]
fn truncated_and_flipped_pdfs_all_get_a_status() {
    let mut sources: Vec<Vec<u8>> = sample_pdfs()
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .collect();
    let mut page = ruled_table();
    page += &text_at(72.0, 780.0, "Laporan Kinerja Tahun 2020");
    sources.push(build_pdf(&[&page, &page]));
    let mut inputs = Vec::new();
    for (i, bytes) in sources.iter().enumerate() {
        let n = bytes.len();
        for cut in [n / 10, n / 3, n / 2, n * 9 / 10, n.saturating_sub(10)] {
            let path = temp_file(
                &format!("cut-{i}-{cut}.pdf"),
                bytes.get(..cut).unwrap_or(bytes),
            );
            inputs.push(path);
        }
        // Flip bytes spread over the file with a fixed pseudo-random sequence.
        let mut seed = 0x2545_f491_u64 ^ i as u64;
        for round in 0..6 {
            let mut copy = bytes.clone();
            for _ in 0..(20 + round * 40) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                if !copy.is_empty() {
                    let at = (seed % copy.len() as u64) as usize;
                    copy[at] ^= (seed >> 32) as u8 | 1;
                }
            }
            inputs.push(temp_file(&format!("flip-{i}-{round}.pdf"), &copy));
        }
    }
    let paths = inputs;
    let inputs: Vec<Input> = paths
        .iter()
        .map(|path| Input::new(path.to_path_buf(), Some(InputKind::Pdf)))
        .collect();
    let run = audit_inputs(&inputs, &rules());
    assert_eq!(run.files.len(), inputs.len());
    for f in &run.files {
        // Every file gets a status; a panic would show as an "internal error".
        let message = f.message.clone().unwrap_or_default();
        assert!(
            !message.en.contains("internal error"),
            "{}: {message:?}",
            f.path
        );
        if f.status == FileStatus::Error {
            assert!(
                !message.en.is_empty() && !message.id.is_empty(),
                "{}",
                f.path
            );
        }
    }
}

type Key = (String, String, String);

fn finding_multiset(path: &Path, kind: InputKind) -> (FileStatus, BTreeMap<Key, usize>) {
    let run = audit_inputs(&[Input::new(path.to_path_buf(), Some(kind))], &rules());
    let mut out = BTreeMap::new();
    for f in run.findings() {
        *out.entry((f.rule.clone(), f.stated.clone(), f.expected.clone()))
            .or_insert(0) += 1;
    }
    (run.files[0].status, out)
}

/// Findings in `a` and not in `b` (multiset difference).
fn missing(a: &BTreeMap<Key, usize>, b: &BTreeMap<Key, usize>) -> Vec<String> {
    let mut out = Vec::new();
    for (k, &n) in a {
        let m = b.get(k).copied().unwrap_or(0);
        for _ in m..n {
            out.push(format!("{} stated {:?} expected {:?}", k.0, k.1, k.2));
        }
    }
    out
}

#[test]
fn pdf_findings_equal_text_findings() {
    let pdfs = sample_pdfs();
    let mut failures = Vec::new();
    for pdf in &pdfs {
        let name = pdf.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        // samples/pdf/lkjip-2020-kec-X.writer.pdf ↔ samples/lkjip-2020-kec-X.txt
        let Some(stem) = name.split('.').next().filter(|s| s.starts_with("lkjip-")) else {
            continue;
        };
        let txt = root().join("samples").join(format!("{stem}.txt"));
        if !txt.exists() {
            continue;
        }
        let (_, want) = finding_multiset(&txt, InputKind::Text);
        let (status, got) = finding_multiset(pdf, InputKind::Pdf);
        assert_eq!(status, FileStatus::Ok, "{name}");
        let lost = missing(&want, &got);
        let extra = missing(&got, &want);
        if !lost.is_empty() || !extra.is_empty() {
            failures.push(format!(
                "{name}: {} only in the text, {} only in the PDF\n  only text: {}\n  only PDF: {}",
                lost.len(),
                extra.len(),
                lost.join("\n    "),
                extra.join("\n    ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A plain PDF producer for the sample reports, so that findings on a PDF are
/// checked even where samples/pdf/ is absent: Helvetica, wrapped paragraphs,
/// tab and pipe rows as ruled tables whose cells wrap inside their row.
mod synthetic {
    const WIDTH: f32 = 595.0;
    const HEIGHT: f32 = 842.0;
    const MARGIN: f32 = 50.0;

    enum Block {
        Para(String, f32),
        Table(Vec<Vec<String>>),
    }

    fn clean(s: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in s.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                _ if in_tag => {}
                _ => out.push(c),
            }
        }
        out.replace("**", "").trim().to_string()
    }

    fn blocks(text: &str) -> Vec<Block> {
        let mut out = Vec::new();
        let mut table: Vec<Vec<String>> = Vec::new();
        for line in text.lines() {
            let t = line.trim();
            let rule = t.contains("--") && t.chars().all(|c| "-|:+= \t".contains(c));
            if rule {
                continue;
            }
            if line.contains('\t') {
                table.push(line.split('\t').map(clean).collect());
                continue;
            }
            // "- | a | b |" is a pipe row too (as the text reader takes it).
            let pipe = t.strip_prefix("- ").map(str::trim_start).unwrap_or(t);
            if pipe.starts_with('|') && pipe.ends_with('|') && pipe.len() >= 2 {
                table.push(pipe[1..pipe.len() - 1].split('|').map(clean).collect());
                continue;
            }
            if t.is_empty() && !table.is_empty() {
                continue;
            }
            if !table.is_empty() {
                out.push(Block::Table(std::mem::take(&mut table)));
            }
            if t.is_empty() {
                continue;
            }
            let level = t.chars().take_while(|&c| c == '#').count();
            let size = if level > 0 { 14.0 } else { 10.0 };
            out.push(Block::Para(clean(t.trim_start_matches('#')), size));
        }
        if !table.is_empty() {
            out.push(Block::Table(table));
        }
        out
    }

    /// Greedy wrap at 0.7 em per character (capitals included), so text stays in its cell.
    fn wrap(text: &str, width: f32, size: f32) -> Vec<String> {
        let max = ((width / (size * 0.7)) as usize).max(4);
        let mut lines = vec![String::new()];
        // A word wider than the cell is broken where it reaches the edge, as a word
        // processor does (Helvetica: digits 0.556 em, stops 0.278 em, letters ~0.6 em).
        let em = |c: char| match c {
            '0'..='9' => 0.556,
            '.' | ',' => 0.278,
            _ => 0.6,
        };
        let pieces: Vec<String> = text
            .split_whitespace()
            .flat_map(|w| {
                let mut out = vec![String::new()];
                let mut used = 0.0;
                for c in w.chars() {
                    let cw = em(c) * size;
                    if used + cw > width && out.last().is_some_and(|p| !p.is_empty()) {
                        out.push(String::new());
                        used = 0.0;
                    }
                    used += cw;
                    if let Some(p) = out.last_mut() {
                        p.push(c);
                    }
                }
                out
            })
            .collect();
        for word in &pieces {
            let word = word.as_str();
            let cur = lines.last_mut().expect("one line");
            if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > max {
                lines.push(word.to_string());
            } else {
                if !cur.is_empty() {
                    cur.push(' ');
                }
                cur.push_str(word);
            }
        }
        lines
    }

    fn pdf_string(s: &str) -> String {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(s);
        let mut out = String::from("(");
        for &b in bytes.iter() {
            match b {
                b'(' | b')' | b'\\' => {
                    out.push('\\');
                    out.push(b as char);
                }
                32..=126 => out.push(b as char),
                _ => out.push_str(&format!("\\{b:03o}")),
            }
        }
        out.push(')');
        out
    }

    struct Writer {
        pages: Vec<String>,
        y: f32,
    }

    impl Writer {
        fn page(&mut self) -> &mut String {
            if self.pages.is_empty() {
                self.pages.push(String::new());
            }
            self.pages.last_mut().expect("a page")
        }

        fn need(&mut self, height: f32) {
            if self.pages.is_empty() || self.y - height < MARGIN {
                self.pages.push(String::new());
                self.y = HEIGHT - MARGIN;
            }
        }

        fn text(&mut self, x: f32, y: f32, size: f32, s: &str) {
            let op = format!(
                "BT /F1 {size} Tf 1 0 0 1 {x} {y} Tm {} Tj ET\n",
                pdf_string(s)
            );
            self.page().push_str(&op);
        }
    }

    pub fn render(text: &str) -> Vec<String> {
        let mut w = Writer {
            pages: Vec::new(),
            y: HEIGHT - MARGIN,
        };
        for block in blocks(text) {
            match block {
                Block::Para(t, size) => {
                    for line in wrap(&t, WIDTH - 2.0 * MARGIN, size) {
                        w.need(size * 1.2);
                        w.y -= size * 1.2;
                        let y = w.y;
                        w.text(MARGIN, y, size, &line);
                    }
                    w.y -= size;
                }
                Block::Table(rows) => {
                    let n = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
                    let size = if n > 8 { 4.0 } else { 8.0 };
                    let col = (WIDTH - 2.0 * MARGIN) / n as f32;
                    for row in rows {
                        let cells: Vec<Vec<String>> =
                            row.iter().map(|c| wrap(c, col - 4.0, size)).collect();
                        let lines = cells.iter().map(Vec::len).max().unwrap_or(1);
                        let h = lines as f32 * size * 1.2 + 4.0;
                        w.need(h);
                        let top = w.y;
                        for (k, cell) in cells.iter().enumerate() {
                            for (i, line) in cell.iter().enumerate() {
                                let x = MARGIN + k as f32 * col + 2.0;
                                w.text(
                                    x,
                                    top - 2.0 - (i as f32 + 1.0) * size * 1.2 + size * 0.2,
                                    size,
                                    line,
                                );
                            }
                        }
                        // A short row draws only its own cells (as a browser does).
                        let bottom = top - h;
                        let right = MARGIN + cells.len() as f32 * col;
                        let mut rules = format!(
                            "{MARGIN} {top} m {right} {top} l S\n{MARGIN} {bottom} m {right} {bottom} l S\n"
                        );
                        for k in 0..=cells.len() {
                            let x = MARGIN + k as f32 * col;
                            rules.push_str(&format!("{x} {top} m {x} {bottom} l S\n"));
                        }
                        w.page().push_str(&rules);
                        w.y = bottom;
                    }
                    w.y -= 10.0;
                }
            }
        }
        w.pages
    }
}

#[test]
fn synthetic_pdf_of_each_sample_gives_the_text_findings() {
    for name in ["lkjip-2020-kec-ledokombo", "lkjip-2020-kec-rambipuji"] {
        let txt = root().join("samples").join(format!("{name}.txt"));
        let text = std::fs::read_to_string(&txt).expect("sample text");
        let pages = synthetic::render(&text);
        let refs: Vec<&str> = pages.iter().map(String::as_str).collect();
        let pdf = temp_file(&format!("{name}.synthetic.pdf"), &build_pdf(&refs));
        let (_, want) = finding_multiset(&txt, InputKind::Text);
        let (status, got) = finding_multiset(&pdf, InputKind::Pdf);
        assert_eq!(status, FileStatus::Ok, "{name}");
        let lost = missing(&want, &got);
        let extra = missing(&got, &want);
        assert!(
            lost.is_empty() && extra.is_empty(),
            "{name}: only in the text: {lost:#?}\nonly in the PDF: {extra:#?}"
        );
    }
}

/// Each bad-input fixture gets the status its `.expected-status.txt` allows
/// ("error", "ok or error", …) from the reader, with a message, and no panic;
/// in a batch, every one of them gets a status.
#[test]
fn bad_input_fixtures_get_their_expected_status() {
    let dir = root().join("tests/fixtures/pdf");
    let mut inputs = Vec::new();
    for e in std::fs::read_dir(&dir).expect("fixtures").flatten() {
        let p = e.path();
        let Some(stem) = p
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".expected-status.txt"))
        else {
            continue;
        };
        let want = std::fs::read_to_string(&p).expect("status file");
        let want = want.lines().next().unwrap_or_default().to_string();
        let pdf = dir.join(format!("{stem}.pdf"));
        let _budget = lkjip_audit::limits::enter(lkjip_audit::limits::Limits::default());
        let got = match pdf_extract(&pdf) {
            Ok(_) => "ok".to_string(),
            Err(ExtractError::NoText(_)) => "no_text".to_string(),
            Err(err) => {
                assert!(!err.to_string().is_empty());
                "error".to_string()
            }
        };
        assert!(
            want.split(" or ").any(|w| w.trim() == got),
            "{}: {got}, expected {want}",
            pdf.display()
        );
        inputs.push(Input::new(pdf, Some(InputKind::Pdf)));
    }
    assert!(inputs.len() >= 6, "bad-input fixtures present");
    let run = audit_inputs(&inputs, &rules());
    assert_eq!(run.files.len(), inputs.len());
    for f in &run.files {
        assert!(
            f.status == FileStatus::Ok || f.message.is_some(),
            "{}",
            f.path
        );
    }
}

/// Without borders, tables are read from column positions alone and rows from
/// the gaps between them, so findings may be lost — but none may be made up:
/// every finding on an unruled rendering is one of the text export's, and
/// what is lost is known.
#[test]
fn an_unruled_rendering_loses_little_and_invents_nothing() {
    // Ledokombo's 19-column Renstra funding table has one data row under a
    // three-row header centred over its columns: no two lines share column
    // positions, so its row total (1.474.752, the years sum to 1.453.980) is lost.
    let renstra_total = "table-row-sum stated \"1.474.752\" expected \"1.453.980\"";
    for (sample, lost) in [("ledokombo", vec![renstra_total]), ("rambipuji", vec![])] {
        let (_, want) = finding_multiset(
            &root().join(format!("samples/lkjip-2020-kec-{sample}.txt")),
            InputKind::Text,
        );
        for producer in ["writer", "chromium"] {
            let (status, got) = finding_multiset(
                &root().join(format!(
                    "tests/fixtures/pdf/{sample}-{producer}-unruled.pdf"
                )),
                InputKind::Pdf,
            );
            assert_eq!(status, FileStatus::Ok, "{sample} {producer}");
            let invented = missing(&got, &want);
            assert!(
                invented.is_empty(),
                "{sample} {producer}: not in the text export: {invented:#?}"
            );
            assert_eq!(missing(&want, &got), lost, "{sample} {producer}: lost");
        }
    }
}
