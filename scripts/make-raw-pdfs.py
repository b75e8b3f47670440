"""Writes the hand-built PDF fixtures of samples/pdf/:

- type1-differences.pdf: standard Type1 fonts (Helvetica, Times-Roman; not embedded)
  with an /Encoding dictionary whose /Differences remap codes to other glyph names
  (ligatures, accented letters, dashes, quotes), holding an LKjIP-like capaian table;
- scanned-page.pdf: two pages that are only images (a scanned signed Perjanjian
  Kinerja): no text layer at all;
- mixed-scan.pdf: text pages 1-2, image-only pages 3-4, a text page 5.

Usage: make-raw-pdfs.py OUT_DIR
"""
import sys
import zlib


def pdf(objects):
    """objects: list of bytes bodies; object 1 must be the catalog."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(data, extra=b""):
    packed = zlib.compress(data)
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), extra) + packed + b"\nendstream"


def text_ops(lines, font=b"/F1", size=11, x=72, y=770, leading=16):
    ops = bytearray(b"BT %s %d Tf %d TL %d %d Td\n" % (font, size, leading, x, y))
    for line in lines:
        ops += b"(" + line.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b") Tj T*\n"
    ops += b"ET\n"
    return bytes(ops)


def type1_differences(path):
    # Codes 128-135 are remapped by /Differences; the text below uses them.
    differences = b"[128 /fi /fl /endash /quoteright /Adieresis /eacute /quotedblleft /quotedblright]"
    enc = b"<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences " + differences + b" >>"
    lines = [
        b"LAPORAN KINERJA INSTANSI PEMERINTAH TAHUN 2020",
        b"BAB III AKUNTABILITAS KINERJA",
        b"Capaian Kinerja = Realisasi / Target x 100",
        b"Tabel 3.1 Pengukuran Kinerja \x82 Sasaran Strategis",
        b"Indikator \x80nal: Persentase de\x80nisi layanan yang re\x81eksi",
        b"Target 85 %   Realisasi 71,20 %   Capaian 83,76 %",
        b"Anggaran Rp 1.329.782.597,10 \x82 Realisasi Rp 1.105.651.826",
        b"\x86Sangat Baik\x87 menurut skala laporan; kecamatan\x83s capaian",
        b"Caf\x85 \x84rger: huruf aksen dari /Differences",
    ]
    content = text_ops(lines, b"/F1") + text_ops([b"Ditandatangani: Camat, 15 Februari 2021"], b"/F2", 10, 72, 600)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding 7 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding 7 0 R >>",
        enc,
    ]
    open(path, "wb").write(pdf(objects))


def scan_image(seed, width=425, height=550):
    """A grey 'scanned page': paper noise with dark bars where lines of text were."""
    rows = bytearray()
    state = seed
    for y in range(height):
        row = bytearray()
        in_line = 60 < y < 500 and (y // 7) % 2 == 0
        for x in range(width):
            state = (state * 1103515245 + 12345) & 0x7FFFFFFF
            noise = state >> 29
            dark = in_line and 45 < x < 380 and ((x // 5) + (y // 7)) % 7 != 0
            row.append((40 if dark else 235) + noise)
        rows += row
    return bytes(rows), width, height


def image_page_objects(first_id, seed):
    """Objects for one image-only page: page, content, image (ids first_id..+2)."""
    data, w, h = scan_image(seed)
    page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /XObject << /Im0 %d 0 R >> >> >>" % (first_id + 1, first_id + 2))
    content = stream(b"q 595 0 0 842 0 0 cm /Im0 Do Q\n")
    image = stream(data, b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 " % (w, h))
    return [page, content, image]


def text_page_objects(first_id, lines):
    page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (first_id + 1, first_id + 2))
    return [page, stream(text_ops(lines)), b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]


def document(path, pages):
    """pages: list of ('text', lines) or ('image', seed)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for kind, arg in pages:
        first = len(objects) + 1
        kids.append(first)
        objects += text_page_objects(first, arg) if kind == "text" else image_page_objects(first, arg)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    open(path, "wb").write(pdf(objects))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "samples/pdf"
    type1_differences(f"{out}/type1-differences.pdf")
    document(f"{out}/scanned-page.pdf", [("image", 7), ("image", 11)])
    body = [b"LAPORAN KINERJA KECAMATAN CONTOH TAHUN 2020", b"BAB I PENDAHULUAN",
            b"Lampiran: Perjanjian Kinerja yang telah ditandatangani (hasil pindai)."]
    document(f"{out}/mixed-scan.pdf", [("text", body), ("text", [b"BAB II PERENCANAAN KINERJA"]),
                                       ("image", 3), ("image", 5), ("text", [b"BAB IV PENUTUP"])])


main()
