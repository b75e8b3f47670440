#!/usr/bin/env python3
"""Synthetic edge-case PDFs for the extractor tests, written as raw PDF.

    python3 scripts/make-edge-pdfs.py [OUT_DIR]      (default tests/fixtures/pdf)

For every NAME.pdf it writes NAME.expected.txt: the text a correct extractor
yields, one line per text line, words separated by single spaces, cells of a
ruled table separated by a tab, a form feed (\\f) before the first line of each next page (as pdftotext).
Bad-input files get NAME.expected-status.txt instead (or as well): the status
the file must get ("ok", "error", "encrypted", "no_text") and why.

Standard library only; deterministic (same bytes on every run). Fonts are the
standard 14 or non-embedded, except where noted, so every file stays small.
Most text uses Courier with an explicit /Widths array (600 units per glyph),
so the gaps between positioned words are exact.
"""
import os
import sys
import zlib

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "pdf")
os.makedirs(OUT, exist_ok=True)

COURIER_WIDTHS = b"[" + b" ".join([b"600"] * 224) + b"]"


def courier(name=b"Courier", encoding=b"/WinAnsiEncoding"):
    return (b"<< /Type /Font /Subtype /Type1 /BaseFont /" + name + b" /Encoding " + encoding +
            b" /FirstChar 32 /LastChar 255 /Widths " + COURIER_WIDTHS + b" >>")


def stream(data, extra=b"", compress=True):
    if compress:
        data = zlib.compress(data, 9)
        extra = b" /Filter /FlateDecode" + extra
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def pdf_string(text, codec="cp1252"):
    raw = text.encode(codec) if isinstance(text, str) else text
    out = bytearray(b"(")
    for c in raw:
        if c in (0x28, 0x29, 0x5C):
            out += b"\\" + bytes([c])
        elif c < 32 or c > 126:
            out += b"\\%03o" % c
        else:
            out.append(c)
    return bytes(out + b")")


def build(objs, root=1, info=None, header=b"%PDF-1.4", trailer_extra=b""):
    """objs: {num: bytes}. Returns the file with a correct xref table."""
    buf = bytearray(header + b"\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objs):
        offsets[num] = len(buf)
        buf += b"%d 0 obj\n" % num + objs[num] + b"\nendobj\n"
    xref = len(buf)
    size = max(objs) + 1
    buf += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        if num in offsets:
            buf += b"%010d 00000 n \n" % offsets[num]
        else:
            buf += b"0000000000 65535 f \n"
    buf += b"trailer\n<< /Size %d /Root %d 0 R" % (size, root)
    if info:
        buf += b" /Info %d 0 R" % info
    buf += trailer_extra + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(buf)


def simple_doc(contents, fonts, page_extra=b"", xobjects=b"", mediabox=b"[0 0 595 842]"):
    """One object per page content; fonts: {b'F1': font dict bytes}. Returns objs."""
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>"}
    n = 3
    font_refs = []
    for name, fdict in fonts.items():
        objs[n] = fdict
        font_refs.append(b"/" + name + b" %d 0 R" % n)
        n += 1
    resources = b"<< /Font << " + b" ".join(font_refs) + b" >>" + xobjects + b" >>"
    kids = []
    for content in contents:
        objs[n] = stream(content)
        objs[n + 1] = (b"<< /Type /Page /Parent 2 0 R /MediaBox " + mediabox +
                       b" /Resources " + resources + b" /Contents %d 0 R" % n + page_extra + b" >>")
        kids.append(n + 1)
        n += 2
    objs[2] = b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % len(kids)
    return objs


FILES = {}


def fixture(name, data, expected=None, status=None):
    FILES[name] = (data, expected, status)


# ---------------------------------------------------------------- TJ kerning
def tj_kerning():
    c = b"""BT /F1 12 Tf 72 760 Td
[(Cap) 20 (aian) -15 ( Kinerja) ] TJ
0 -16 Td
[(Capaian) -600 (Kinerja) -600 (Tahun) -600 (2020) -600 (sebesar) -600 (96,14) -600 (%)] TJ
0 -16 Td
[(R) 30 (e) -20 (a) 10 (l) (i) (s) 25 (a) (s) (i) -1200 (Rp) -550 (1.329.782.597,10)] TJ
0 -16 Td
[(T) 80 (O) 80 (T) 80 (A) 80 (L) -3000 (100,00)] TJ
ET
"""
    exp = ("Capaian Kinerja\nCapaian Kinerja Tahun 2020 sebesar 96,14 %\n"
           "Realisasi Rp 1.329.782.597,10\nTOTAL 100,00\n")
    fixture("tj-kerning", build(simple_doc([c], {b"F1": courier()})), exp)


# ------------------------------------------------------ words without spaces
def no_spaces():
    # Courier 10pt: 6 pt per glyph. Words placed with Td, gap of one glyph width.
    lines = ["Laporan Kinerja Kecamatan Contoh Tahun 2020",
             "Realisasi anggaran 96,14 % dari Rp 400.000.000,00"]
    c = bytearray(b"BT /F1 10 Tf\n")
    y = 760
    for line in lines:
        x = 72.0
        first = True
        for word in line.split(" "):
            if first:
                c += b"1 0 0 1 %.2f %.2f Tm " % (x, y)
                first = False
            else:
                c += b"1 0 0 1 %.2f %.2f Tm " % (x, y)
            c += pdf_string(word) + b" Tj\n"
            x += 6 * len(word) + 6.5
        y -= 14
    c += b"ET\n"
    fixture("no-spaces", build(simple_doc([bytes(c)], {b"F1": courier()})), "\n".join(lines) + "\n")


# --------------------------------------------------------- text state ops
def text_state():
    c = b"""BT /F1 10 Tf 14 TL 72 780 Td
(Tc dan Tw:) Tj T*
1.5 Tc (Capaian) Tj 0 Tc T*
4 Tw (Tw melebarkan spasi kata 85%) Tj 0 Tw T*
80 Tz (Tz skala horizontal 80 persen) Tj 100 Tz T*
(Luas wilayah 25 m) Tj 4 Ts (2) Tj 0 Ts T*
(Baris dengan operator petik tunggal:) Tj
(baris kedua 71,20%) '
6 1 (baris ketiga 95,43%) "
0 0 (baris keempat 2021) "
20 TL T* (TL diubah ke 20: baris kelima) Tj
ET
"""
    exp = ("Tc dan Tw:\nCapaian\nTw melebarkan spasi kata 85%\nTz skala horizontal 80 persen\n"
           "Luas wilayah 25 m2\nBaris dengan operator petik tunggal:\nbaris kedua 71,20%\n"
           "baris ketiga 95,43%\nbaris keempat 2021\nTL diubah ke 20: baris kelima\n")
    fixture("text-state-ops", build(simple_doc([c], {b"F1": courier()})), exp)


# ---------------------------------------------------------- cm / q / Q nesting
def cm_nesting():
    c = b"""q 1 0 0 1 72 700 cm
q 2 0 0 2 0 0 cm
BT /F1 8 Tf 0 40 Td (JUDUL BESAR 2020) Tj ET
q 0.5 0 0 0.5 0 0 cm
BT /F1 16 Tf 0 40 Td (baris normal setelah skala) Tj ET
Q
Q
BT /F1 10 Tf 0 20 Td (setelah Q: teks 10 pt 96,14) Tj ET
q 1 0 0 1 0 -40 cm 0.5 0 0 0.5 0 0 cm
BT /F1 20 Tf 0 0 Td (dua cm berantai 1.250.000) Tj ET
Q
Q
BT /F1 10 Tf 72 600 Td (di luar semua q: 2021) Tj ET
"""
    # Page y: JUDUL at 700+2*40=780; normal at 700+2*0.5*40=740; Q-text at 720; chained 660; 600.
    exp = ("JUDUL BESAR 2020\nbaris normal setelah skala\nsetelah Q: teks 10 pt 96,14\n"
           "dua cm berantai 1.250.000\ndi luar semua q: 2021\n")
    fixture("cm-q-nesting", build(simple_doc([c], {b"F1": courier()})), exp)


# ---------------------------------------------------------- Form XObject
def form_xobject():
    # Page /F1 is Courier WinAnsi; the form's own /F1 is Courier whose /Differences
    # gives codes 1-3 the glyphs /K /e /c: reading the form with the page's
    # resources gives control characters instead of "Kec".
    form_font = courier(encoding=b"<< /Type /Encoding /BaseEncoding /WinAnsiEncoding "
                                 b"/Differences [1 /K /e /c] >>")
    form_content = b"BT /F1 10 Tf 0 0 Td (\\001\\002\\003amatan Contoh dalam Form XObject 2020) Tj ET\n" \
                   b"BT /F1 10 Tf 0 -14 Td (Nilai SKM 78,15) Tj ET\n"
    page = b"""BT /F1 10 Tf 72 780 Td (Teks halaman sebelum form) Tj ET
q 1 0 0 1 72 740 cm /Fm1 Do Q
BT /F1 10 Tf 72 690 Td (Teks halaman sesudah form) Tj ET
"""
    objs = simple_doc([page], {b"F1": courier()}, xobjects=b" /XObject << /Fm1 20 0 R >>")
    objs[21] = form_font
    objs[20] = stream(form_content, b" /Type /XObject /Subtype /Form /BBox [0 -20 400 20]"
                                    b" /Resources << /Font << /F1 21 0 R >> >>")
    exp = ("Teks halaman sebelum form\nKecamatan Contoh dalam Form XObject 2020\nNilai SKM 78,15\n"
           "Teks halaman sesudah form\n")
    fixture("form-xobject", build(objs), exp)


# ---------------------------------------------------------- /Rotate 90
def page_rotate():
    # Landscape table drawn on an unrotated 842x595 page, shown rotated 90.
    c = b"""BT /F1 10 Tf 72 520 Td (Lampiran 1 Matriks Renstra 2016-2021) Tj
0 -14 Td (Program Pelayanan Umum 30.000 32.000 34.000) Tj
0 -14 Td (Halaman dengan Rotate 90) Tj ET
"""
    objs = simple_doc([c], {b"F1": courier()}, page_extra=b" /Rotate 90", mediabox=b"[0 0 842 595]")
    exp = ("Lampiran 1 Matriks Renstra 2016-2021\nProgram Pelayanan Umum 30.000 32.000 34.000\n"
           "Halaman dengan Rotate 90\n")
    fixture("page-rotate-90", build(objs), exp)


# ---------------------------------------------------------- rotated text matrix
def rotated_text():
    # Every line drawn with Tm rotated 90 degrees counter-clockwise (a landscape
    # table pasted onto a portrait page without /Rotate). Lines follow in the
    # rotated frame.
    c = b"""BT /F1 10 Tf 0 1 -1 0 100 100 Tm (Tabel Lampiran diputar 90 derajat) Tj
0 -14 Td (Anggaran 400.000.000 Realisasi 384.615.300) Tj
0 -14 Td (Capaian 96,15 %) Tj ET
"""
    exp = "Tabel Lampiran diputar 90 derajat\nAnggaran 400.000.000 Realisasi 384.615.300\nCapaian 96,15 %\n"
    fixture("rotated-text-matrix", build(simple_doc([c], {b"F1": courier()})), exp)


# ---------------------------------------------------------- ActualText
def actual_text():
    utf16 = lambda s: b"<FEFF" + s.encode("utf-16-be").hex().upper().encode() + b">"
    c = (b"/P << /MCID 0 >> BDC BT /F1 10 Tf 72 780 Td (Teks biasa dalam marked content) Tj ET EMC\n"
         b"BT /F1 10 Tf 72 760 Td (Nama: ) Tj "
         b"/Span << /ActualText " + utf16("Kecamatan") + b" >> BDC (K#c4m4t4n) Tj EMC "
         b"( Ledokombo) Tj ET\n"
         b"BT /F1 10 Tf 72 740 Td /Span << /ActualText (1.567.096) >> BDC (1567O96) Tj EMC ET\n"
         b"/Artifact << /Type /Pagination >> BDC BT /F1 8 Tf 72 40 Td (Halaman 1) Tj ET EMC\n")
    # The /Artifact /Pagination line is not content: left out (pdftotext prints it).
    exp = "Teks biasa dalam marked content\nNama: Kecamatan Ledokombo\n1.567.096\n"
    fixture("actualtext", build(simple_doc([c], {b"F1": courier()})), exp)


# ------------------------------------------- Type0 Identity-H + ToUnicode
def type0_identity_h():
    text_lines = ["Capaian Kinerja 2020", "Rp 1.329.782.597,10 (96,14 %)", "Kecamatan Rambipuji"]
    chars = sorted(set("".join(text_lines)))
    # 2-byte codes: letters from 0x0100 upward in one range (bfrange with an
    # array), digits 0x0200+ (bfrange with a start value), the rest bfchar.
    code = {}
    letters = [ch for ch in chars if ch.isalpha()]
    digits = [ch for ch in chars if ch.isdigit()]
    others = [ch for ch in chars if not ch.isalnum()]
    for i, ch in enumerate(letters):
        code[ch] = 0x0100 + i
    for ch in digits:
        code[ch] = 0x0200 + int(ch)
    for i, ch in enumerate(others):
        code[ch] = 0x0300 + i
    cmap = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
            "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange",
            "2 beginbfrange",
            "<%04X> <%04X> [%s]" % (0x0100, 0x0100 + len(letters) - 1,
                                    " ".join("<%04X>" % ord(ch) for ch in letters)),
            "<0200> <0209> <0030>",
            "endbfrange",
            "%d beginbfchar" % len(others)]
    cmap += ["<%04X> <%04X>" % (code[ch], ord(ch)) for ch in others]
    cmap += ["endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    content = bytearray(b"BT /F1 11 Tf 72 780 Td\n")
    for i, line in enumerate(text_lines):
        if i:
            content += b"0 -15 Td\n"
        content += b"<" + "".join("%04X" % code[ch] for ch in line).encode() + b"> Tj\n"
    content += b"ET\n"
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        4: stream(bytes(content)),
        5: b"<< /Type /Font /Subtype /Type0 /BaseFont /LiberationSans /Encoding /Identity-H "
           b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        6: b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /LiberationSans "
           b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
           b"/FontDescriptor 8 0 R /DW 556 /W [256 [667 556 500 611] 512 521 556 768 [278 333 333]] "
           b"/CIDToGIDMap /Identity >>",
        7: stream("\n".join(cmap).encode() + b"\n"),
        8: b"<< /Type /FontDescriptor /FontName /LiberationSans /Flags 32 /FontBBox [-203 -303 1050 910] "
           b"/ItalicAngle 0 /Ascent 905 /Descent -212 /CapHeight 729 /StemV 80 >>",
    }
    fixture("type0-identity-h", build(objs), "\n".join(text_lines) + "\n")


# -------------------------------- simple TrueType, no ToUnicode, Differences
def truetype_no_tounicode():
    # Non-embedded TrueType (Arial) with WinAnsi base and /Differences that
    # give glyph names for codes 1-5 and remap 'Q' (81) to /endash.
    enc = (b"<< /Type /Encoding /BaseEncoding /WinAnsiEncoding "
           b"/Differences [1 /fi /fl /quoteright /Euro /uni2022 81 /endash] >>")
    font = (b"<< /Type /Font /Subtype /TrueType /BaseFont /Arial /FirstChar 1 /LastChar 255 "
            b"/Widths [" + b" ".join([b"556"] * 255) + b"] /Encoding " + enc +
            b" /FontDescriptor 6 0 R >>")
    c = (b"BT /F1 10 Tf 72 780 Td " + pdf_string(b"Laporan Kinerja 2020 Q Kecamatan Contoh") + b" Tj\n"
         b"0 -14 Td " + pdf_string(b"e\x01siensi dan re\x02eksi kinerja camat\x03s") + b" Tj\n"
         b"0 -14 Td " + pdf_string(b"\x05 Hibah \x04 1.250,00") + b" Tj ET\n")
    objs = simple_doc([c], {b"F1": font})
    # simple_doc put font at 3; FontDescriptor at 6.
    objs[6] = (b"<< /Type /FontDescriptor /FontName /Arial /Flags 32 /FontBBox [-665 -325 2000 1006] "
               b"/ItalicAngle 0 /Ascent 905 /Descent -212 /CapHeight 716 /StemV 80 >>")
    exp = "Laporan Kinerja 2020 – Kecamatan Contoh\nefisiensi dan refleksi kinerja camat’s\n• Hibah € 1.250,00\n"
    fixture("truetype-differences-no-tounicode", build(objs), exp)


# ---------------------------------------------------------- MacRoman
def macroman():
    lines = ["Kecamatan Ledokombo – Laporan Kinerja 2020",
             "Caf\u00e9 “UMKM” dan Koperasi • 12 unit",
             "Capaian 95,43 % ± 0,5 ‘baik’ … selesai"]
    c = bytearray(b"BT /F1 11 Tf 72 780 Td\n")
    for i, line in enumerate(lines):
        if i:
            c += b"0 -15 Td\n"
        c += pdf_string(line, "mac_roman") + b" Tj\n"
    c += b"ET\n"
    font = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /MacRomanEncoding >>")
    fixture("macroman", build(simple_doc([bytes(c)], {b"F1": font})), "\n".join(lines) + "\n")


# ---------------------------------------------------------- Type3
def type3():
    # Glyphs are filled boxes; names g1..g9; ToUnicode gives the text.
    text = "TOTAL 100,5"
    glyph_of = {}
    for ch in text:
        if ch not in glyph_of:
            glyph_of[ch] = len(glyph_of) + 1
    procs = {}
    for ch, g in glyph_of.items():
        if ch == " ":
            procs[g] = b"500 0 d0\n"
        else:
            procs[g] = b"600 0 0 0 500 700 d1\n50 0 400 700 re f\n"
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /T3 5 0 R /F1 7 0 R >> >> /Contents 4 0 R >>",
    }
    n = len(glyph_of)
    content = (b"BT /F1 10 Tf 72 780 Td (Font Type3 di bawah:) Tj ET\n"
               b"BT /T3 12 Tf 72 760 Td " + pdf_string(bytes(glyph_of[ch] for ch in text)) + b" Tj ET\n")
    objs[4] = stream(content)
    objs[7] = courier()
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CMapName /T3-UCS def /CMapType 2 def\n1 begincodespacerange <00> <FF> endcodespacerange\n"
            "%d beginbfchar\n" % n + "".join("<%02X> <%04X>\n" % (g, ord(ch)) for ch, g in glyph_of.items()) +
            "endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end\n")
    objs[6] = stream(cmap.encode())
    proc_refs = []
    for g in range(1, n + 1):
        objs[10 + g] = stream(procs[g], compress=False)
        proc_refs.append(b"/g%d %d 0 R" % (g, 10 + g))
    diffs = b"[1 " + b" ".join(b"/g%d" % g for g in range(1, n + 1)) + b"]"
    widths = b"[" + b" ".join(b"500" if ch == " " else b"600" for ch in glyph_of) + b"]"
    objs[5] = (b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 600 700] /FontMatrix [0.001 0 0 0.001 0 0] "
               b"/CharProcs << " + b" ".join(proc_refs) + b" >> /Encoding << /Type /Encoding /Differences " + diffs +
               b" >> /FirstChar 1 /LastChar %d /Widths " % n + widths + b" /Resources << >> /ToUnicode 6 0 R >>")
    fixture("type3", build(objs), "Font Type3 di bawah:\nTOTAL 100,5\n")


# ---------------------------------------------------- ligatures, soft hyphen
def ligatures():
    font = courier(encoding=b"<< /Type /Encoding /BaseEncoding /WinAnsiEncoding "
                            b"/Differences [1 /fi /fl /ffi] >>")
    c = (b"BT /F1 10 Tf 72 780 Td " + pdf_string(b"e\x01siensi, re\x02eksi dan e\x03sien") + b" Tj\n"
         b"0 -14 Td " + pdf_string(b"pelak\xadsanaan kegiatan pemerin\xadtahan desa") + b" Tj ET\n"
         # A ToUnicode-less font that draws U+FB01 via a Type0 is covered in type0; here a
         # ToUnicode that maps a code to the ligature code point itself:
         b"BT /F2 10 Tf 72 740 Td <01> Tj (le 2020) Tj ET\n")
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /L def /CMapType 2 def\n"
            b"1 begincodespacerange <00> <FF> endcodespacerange\n1 beginbfchar <01> <FB01> endbfchar\n"
            b"endcmap CMapName currentdict /CMap defineresource pop end end\n")
    objs = simple_doc([c], {b"F1": font, b"F2": courier(encoding=b"/WinAnsiEncoding /ToUnicode 20 0 R")})
    objs[20] = stream(cmap)
    # A soft hyphen drawn mid-line is seen (poppler and mupdf print it too).
    exp = "efisiensi, refleksi dan effisien\npelak-sanaan kegiatan pemerin-tahan desa\nfile 2020\n"
    fixture("ligatures-softhyphen", build(objs), exp)


# ---------------------------------------------------------- ruled table
def ruled_table():
    cols = [72, 102, 262, 322, 392]
    rows = [  # each cell: list of lines
        [["NO"], ["INDIKATOR"], ["TARGET"], ["REALISASI"]],
        [["1"], ["Persentase pelayanan", "publik bernilai B"], ["85%"], ["71,20%"]],
        [["2"], ["Peran serta masyarakat"], ["80%"], ["95,43%"]],
        [["JUMLAH"], [""], ["165%"], ["166,63%"]],
    ]
    c = bytearray(b"0.5 w\n")
    y = 760.0
    tops = []
    for row in rows:
        h = 6 + 12 * max(len(cell) for cell in row)
        tops.append((y, h))
        for ci, cell in enumerate(row):
            for li, text in enumerate(cell):
                if text:
                    c += b"BT /F1 9 Tf %.2f %.2f Td " % (cols[ci] + 3, y - 11 - 12 * li) + pdf_string(text) + b" Tj ET\n"
        y -= h
    for (top, h) in tops:
        for ci in range(len(cols) - 1):
            if tops.index((top, h)) == 3 and ci == 0:
                c += b"%.2f %.2f %.2f %.2f re S\n" % (cols[0], top - h, cols[2] - cols[0], h)  # merged cell
                continue
            if tops.index((top, h)) == 3 and ci == 1:
                continue
            c += b"%.2f %.2f %.2f %.2f re S\n" % (cols[ci], top - h, cols[ci + 1] - cols[ci], h)
    c += b"BT /F1 10 Tf 72 %.2f Td (Sumber: data Kecamatan 2020) Tj ET\n" % (y - 20)
    exp = ("NO\tINDIKATOR\tTARGET\tREALISASI\n1\tPersentase pelayanan publik bernilai B\t85%\t71,20%\n"
           "2\tPeran serta masyarakat\t80%\t95,43%\nJUMLAH\t165%\t166,63%\nSumber: data Kecamatan 2020\n")
    fixture("ruled-table", build(simple_doc([bytes(c)], {b"F1": courier()})), exp)
    # The same table printed sideways on an upright page without /Rotate (a
    # landscape table pasted into a portrait report): text, rules and boxes all
    # turned a quarter, counter-clockwise (text reads bottom to top) and clockwise.
    # An upright page number stays in the corner. Read as the upright table.
    for name, turn in (("ruled-table-turned-90", b"0 1 -1 0 842 0 cm"),
                       ("ruled-table-turned-270", b"0 -1 1 0 -560 842 cm")):
        page = (b"q " + turn + b"\n" + bytes(c) + b"Q\n"
                b"BT /F1 8 Tf 540 30 Td (12) Tj ET\n")
        fixture(name, build(simple_doc([page], {b"F1": courier()})), exp)


# ------------------------------------------- running header/footer, 3 pages
def header_footer():
    body = [
        ["BAB III AKUNTABILITAS KINERJA", "Capaian kinerja sasaran pertama pada tahun 2020 adalah",
         "sebesar 83,76 % dan capaian sasaran kedua"],
        ["sebesar 119,29 %, sehingga rata-rata capaian", "adalah 101,52 % dengan predikat sangat baik.",
         "Tabel 3.2 Realisasi Anggaran"],
        ["Anggaran Rp 400.000.000,00 realisasi Rp 384.615.300,00", "BAB IV PENUTUP"],
    ]
    contents = []
    pages_exp = []
    for p, lines in enumerate(body, 1):
        c = bytearray(b"BT /F1 8 Tf 72 810 Td (Laporan Kinerja Kecamatan Contoh Tahun 2020) Tj ET\n")
        y = 760
        for line in lines:
            c += b"BT /F1 10 Tf 72 %d Td " % y + pdf_string(line) + b" Tj ET\n"
            y -= 14
        c += b"BT /F1 8 Tf 290 30 Td (%d) Tj ET\n" % p
        c += b"BT /F1 8 Tf 400 30 Td (Halaman %d dari 3) Tj ET\n" % p
        contents.append(bytes(c))
        pages_exp.append("Laporan Kinerja Kecamatan Contoh Tahun 2020\n" + "\n".join(lines) +
                         "\n%d Halaman %d dari 3\n" % (p, p))
    fixture("header-footer-3pages", build(simple_doc(contents, {b"F1": courier()})), "\f".join(pages_exp))
    running = ("# running lines (header, footer, page number) on every page; the body continues\n"
               "# across pages: 'capaian sasaran kedua' / 'sebesar 119,29 %' is one sentence\n"
               "header: Laporan Kinerja Kecamatan Contoh Tahun 2020\nfooter: N Halaman N dari 3\n")
    with open(os.path.join(OUT, "header-footer-3pages.running.txt"), "w") as f:
        f.write(running)
    # The body without the running lines: what an extractor that drops them yields.
    with open(os.path.join(OUT, "header-footer-3pages.body.txt"), "w") as f:
        f.write("\f".join("\n".join(lines) + "\n" for lines in body))


# ---------------------------------------------------------- bombs
def deflate_bomb():
    # A content stream that inflates to 1.1 GiB of spaces... compressed in
    # 64 MiB chunks so making it costs little memory. Spaces are valid content
    # stream whitespace, so a reader without limits would try to parse it.
    comp = zlib.compressobj(9)
    parts = [comp.compress(b"BT /F1 10 Tf 72 780 Td (Sebelum bom) Tj ET\n")]
    chunk = b" " * (64 << 20)
    for _ in range(18):  # 18 * 64 MiB = 1.125 GiB
        parts.append(comp.compress(chunk))
    parts.append(comp.compress(b"\nBT /F1 10 Tf 72 760 Td (Sesudah bom) Tj ET\n"))
    parts.append(comp.flush())
    data = b"".join(parts)
    objs = simple_doc([b""], {b"F1": courier()})
    # replace the content stream (object 4) with the bomb
    objs[4] = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    fixture("deflate-bomb", build(objs), None,
            "error\n# content stream inflates to 1.125 GiB (1207959552 bytes of spaces): must stop at the "
            "decompression limit with a clear message, not exhaust memory\n")


def object_count_bomb():
    # Valid small file, but the trailer declares /Size 2147483647 and the page
    # tree claims a billion pages with a kid pointing far beyond the file.
    objs = simple_doc([b"BT /F1 10 Tf 72 780 Td (Halaman wajar 2020) Tj ET\n"], {b"F1": courier()})
    objs[2] = b"<< /Type /Pages /Kids [5 0 R 999999998 0 R] /Count 1000000000 >>"
    data = build(objs)
    data = data.replace(b"/Size 6 ", b"/Size 2147483647 ")
    fixture("objcount-size", data, None,
            "error or ok\n# trailer /Size 2147483647, /Count 1000000000, a kid that does not exist: "
            "must not allocate per declared object; reading the one real page ('Halaman wajar 2020') is fine\n")
    # An xref stream (PDF 1.5) whose /Index declares 50 million objects but whose
    # data holds three entries.
    body = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    off1 = len(body)
    body += b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    off2 = len(body)
    body += b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    entries = b"\x00\x00\x00\x00\x00\xff\xff" + b"\x01" + off1.to_bytes(4, "big") + b"\x00\x00" + \
        b"\x01" + off2.to_bytes(4, "big") + b"\x00\x00"
    comp = zlib.compress(entries)
    off3 = len(body)
    body += (b"3 0 obj\n<< /Type /XRef /Size 50000000 /Index [0 50000000] /W [1 4 2] /Root 1 0 R "
             b"/Filter /FlateDecode /Length %d >>\nstream\n" % len(comp) + comp + b"\nendstream\nendobj\n")
    body += b"startxref\n%d\n%%%%EOF\n" % off3
    fixture("objcount-xrefstream", bytes(body), None,
            "error\n# xref stream declares 50000000 objects (/Size, /Index) with data for 3: "
            "must fail or recover without allocating 50 million entries\n")


# ---------------------------------------------------------- truncated / broken xref
def truncated_and_broken():
    c = b"""BT /F1 10 Tf 72 780 Td (Laporan Kinerja Kecamatan Contoh Tahun 2020) Tj
0 -14 Td (Realisasi anggaran 96,14 %) Tj ET
"""
    good = build(simple_doc([c], {b"F1": courier()}))
    exp = "Laporan Kinerja Kecamatan Contoh Tahun 2020\nRealisasi anggaran 96,14 %\n"
    # Truncated: cut in the middle of the xref table (objects complete).
    cut = good.index(b"xref") + 40
    fixture("truncated", good[:cut], exp,
            "ok or error\n# file cut inside the xref table, no trailer: every object is complete, so a "
            "recovering reader (scan for 'N 0 obj') gets the text above; otherwise a clear error\n")
    # Truncated harder: cut in the middle of the content stream.
    cut2 = good.index(b"stream\n") + 20
    fixture("truncated-in-stream", good[:cut2], None,
            "error\n# file cut inside the first content stream: no page tree, no xref\n")
    # Broken xref: every offset shifted by 7 bytes; startxref still right.
    head, tail = good.split(b"xref\n", 1)
    lines = tail.split(b"\n")
    fixed = []
    for ln in lines:
        if len(ln) == 19 and ln.endswith(b" 00000 n"):
            ln = b"%010d 00000 n" % (int(ln[:10]) + 7)
        fixed.append(ln)
    fixture("broken-xref", head + b"xref\n" + b"\n".join(fixed), exp,
            "ok\n# every xref offset is 7 bytes off: lopdf's reader (or a scan for 'N 0 obj') recovers\n")
    # startxref pointing nowhere.
    bad = good.rsplit(b"startxref\n", 1)[0] + b"startxref\n999999\n%%EOF\n"
    fixture("bad-startxref", bad, exp, "ok or error\n# startxref points past the end of the file\n")


# ------------------------------------------- text a viewer does not show
def hidden_text():
    """Each line of visible text sits next to text a viewer does not show."""
    img = stream(b"\x80" * 16, b" /Type /XObject /Subtype /Image /Width 4 /Height 4"
                 b" /ColorSpace /DeviceGray /BitsPerComponent 8", compress=False)
    c = b"""BT /F1 10 Tf 72 780 Td (Teks terlihat 96,14) Tj ET
BT /F1 10 Tf 3 Tr 72 760 Td (TEKSGAIB 111) Tj 0 Tr ET
BT /F1 10 Tf 7 Tr 300 760 Td (KLIPSAJA 112) Tj 0 Tr ET
BT /F1 10 Tf 72 745 Td (Baris dengan klip) Tj ET
q 72 700 200 30 re W n
BT /F1 10 Tf 72 710 Td (Di dalam klip 2021) Tj ET
BT /F1 10 Tf 300 710 Td (TERPOTONG 222) Tj ET
q 0 0 595 842 re W n BT /F1 10 Tf 72 690 Td (DILUARKLIP 223) Tj ET Q
Q
BT /F1 10 Tf 72 680 Td (Setelah Q terlihat lagi 2022) Tj ET
BT /F1 10 Tf 72 630 Td (Sebelum kotak putih) Tj ET
BT /F1 10 Tf 72 615 Td (TERTUTUP 444) Tj ET
1 g 70 612 200 12 re f 0 g
q /GS1 gs 1 g 70 596 200 12 re f Q
BT /F1 10 Tf 72 600 Td (Di bawah kotak transparan 555) Tj ET
BT /F1 10 Tf 72 580 Td (Nilai 110,44) Tj ET
1 g 0 0 0 RG BT /F1 10 Tf 72 580 Td 0 g (Nilai 104,35) Tj ET
BT /F1 10 Tf 72 560 Td (Tebal palsu 2020) Tj ET
BT /F1 10 Tf 72.3 560 Td (Tebal palsu 2020) Tj ET
q 200 0 0 20 72 520 cm /Im1 Do Q
BT /F1 10 Tf 3 Tr 74 525 Td (Lapisan OCR 666) Tj 0 Tr ET
"""
    objs = simple_doc([c], {b"F1": courier()},
                      xobjects=b" /XObject << /Im1 20 0 R >> /ExtGState << /GS1 21 0 R >>")
    objs[20] = img
    objs[21] = b"<< /Type /ExtGState /ca 0.3 >>"
    exp = ("Teks terlihat 96,14\nBaris dengan klip\nDi dalam klip 2021\nSetelah Q terlihat lagi 2022\n"
           "Sebelum kotak putih\nDi bawah kotak transparan 555\nNilai 104,35\nTebal palsu 2020\n"
           "Lapisan OCR 666\n")
    fixture("hidden-text", build(objs), exp)
    dropped = ("invisible\tTEKSGAIB 111\ninvisible\tKLIPSAJA 112\nclipped\tTERPOTONG 222\n"
               "clipped\tDILUARKLIP 223\ncovered\tTERTUTUP 444\n"
               "overdrawn\t10 44\nduplicate\tTebal palsu 2020\n")
    with open(os.path.join(OUT, "hidden-text.dropped.txt"), "w", encoding="utf-8") as f:
        f.write(dropped)


# ------------------------------------------------- watermarks on every page
def watermark():
    """A stamp drawn at 45 degrees from a form on every page, and an artifact
    marked /Watermark: neither is the report's text."""
    form = stream(b"BT /F1 24 Tf 0.707 0.707 -0.707 0.707 0 0 Tm (DRAFT RAHASIA) Tj ET\n"
                  b"BT /F1 8 Tf 1 0 0 1 0 -20 Tm (salinan) Tj ET\n",
                  b" /Type /XObject /Subtype /Form /BBox [-50 -50 400 400]"
                  b" /Resources << /Font << /F1 4 0 R >> >>")
    pages = []
    for n in range(1, 4):
        pages.append(b"BT /F1 10 Tf 72 780 Td (Halaman isi nomor %d dengan angka 4%d,5) Tj ET\n"
                     b"q 1 0 0 1 200 400 cm /Wm Do Q\n"
                     b"/Artifact << /Type /Pagination /Subtype /Watermark >> BDC\n"
                     b"BT /F1 10 Tf 72 300 Td (CONTOH SAJA) Tj ET EMC\n"
                     b"BT /F1 10 Tf 72 280 Td (Baris terakhir %d) Tj ET\n" % (n, n, n))
    objs = simple_doc(pages, {b"F1": courier()}, xobjects=b" /XObject << /Wm 30 0 R >>")
    objs[30] = form
    exp = "".join("%sHalaman isi nomor %d dengan angka 4%d,5\nBaris terakhir %d\n"
                  % ("\f" if n > 1 else "", n, n, n) for n in range(1, 4))
    fixture("watermark", build(objs), exp)
    with open(os.path.join(OUT, "watermark.dropped.txt"), "w", encoding="utf-8") as f:
        f.write("watermark\tDRAFT RAHASIA\nwatermark\tCONTOH SAJA\n")


for make in (tj_kerning, no_spaces, text_state, cm_nesting, form_xobject, page_rotate, rotated_text,
             actual_text, type0_identity_h, truetype_no_tounicode, macroman, type3, ligatures,
             ruled_table, header_footer, hidden_text, watermark, object_count_bomb, truncated_and_broken):
    make()
if os.environ.get("SKIP_BOMB") != "1":
    deflate_bomb()

for name, (data, expected, status) in sorted(FILES.items()):
    with open(os.path.join(OUT, name + ".pdf"), "wb") as f:
        f.write(data)
    if expected is not None:
        with open(os.path.join(OUT, name + ".expected.txt"), "w", encoding="utf-8") as f:
            f.write(expected)
    if status is not None:
        with open(os.path.join(OUT, name + ".expected-status.txt"), "w", encoding="utf-8") as f:
            f.write(status)
    print("%-40s %9d bytes" % (name + ".pdf", len(data)))
