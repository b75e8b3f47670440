#!/usr/bin/env python3
"""Makes scanned versions of the sample PDFs, for the OCR reader (issue #14).

Each page of samples/pdf/lkjip-2020-*.pdf is rasterised in gray at 200 dpi
(pdftoppm), turned by a small angle (0.5-1.0 degrees, alternating sign, page by
page), given a little Gaussian noise (softened by a slight blur, as a scanner's
optics do) and saved as a JPEG (ImageMagick 6), and the pages are wrapped as an
image-only PDF (img2pdf: each JPEG stored as is, DCTDecode) in --full-out (by
default target/scanned/: about 170 KB a page, too big to commit). Also a mixed
file, committed in --out: Rambipuji's Writer rendering whose pages 9-11 (the
measurement tables and the claims about them) are replaced by their scans,
which tests/ocr.rs reads. And a black-and-white office scan, committed in --out:
Rambipuji's page 13 (the budget table and the sentences on it) rasterised at
300 dpi, turned by 0.4 degrees, thresholded to one bit and stored as a CCITT
Group 4 image (ImageMagick's TIFF G4 strip, wrapped by img2pdf as
CCITTFaxDecode with K -1), which tests/ocr.rs also reads.

Needs: poppler-utils (pdftoppm, pdfseparate, pdfunite), imagemagick, img2pdf.
usage: scripts/make-scanned-samples.py [--dpi 200] [--quality 30] [--out tests/fixtures/scanned]
       [--full-out target/scanned] [--mixed-only] [--ccitt-only]
"""
import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MIXED = ("lkjip-2020-kec-rambipuji.writer.pdf", 9, 11)
CCITT = ("lkjip-2020-kec-rambipuji.writer.pdf", 13)


def convert_program():
    # Debian's ImageMagick 6; `magick` for ImageMagick 7.
    for name in ("convert-im6.q16", "magick", "convert"):
        if shutil.which(name):
            return name
    sys.exit("ImageMagick is required (apt-get install imagemagick)")


def scan_pages(pdf, tmp, dpi, quality, first=None, last=None):
    """The JPEG of each page (a list of paths), turned and noised."""
    stem = os.path.join(tmp, os.path.basename(pdf)[:-4])
    cmd = ["pdftoppm", "-r", str(dpi), "-gray"]
    if first:
        cmd += ["-f", str(first), "-l", str(last)]
    subprocess.run(cmd + [pdf, stem], check=True)
    pages = sorted(glob.glob(stem + "-*.pgm"))
    out = []
    for i, pgm in enumerate(pages):
        n = (first or 1) + i
        angle = (0.5 + 0.1 * (n % 6)) * (1 if n % 2 else -1)
        jpg = pgm[:-4] + ".jpg"
        subprocess.run(
            [convert_program(), pgm, "-seed", str(n), "-background", "white",
             "-rotate", f"{angle:.2f}", "-gravity", "center",
             # Back to the page's size after the turn widened it.
             "-extent", size_of(pgm), "-attenuate", "0.3", "+noise", "Gaussian",
             "-blur", "0x0.7",
             "-quality", str(quality), "-density", str(dpi), "-units", "PixelsPerInch", jpg],
            check=True)
        os.remove(pgm)
        out.append(jpg)
    return out


def make_ccitt(out, tmp):
    """The one-page CCITT G4 scan (see the docstring)."""
    src, page = CCITT
    pdf = os.path.join(ROOT, "samples", "pdf", src)
    stem = os.path.join(tmp, "bilevel")
    subprocess.run(["pdftoppm", "-r", "300", "-gray", "-f", str(page), "-l", str(page),
                    pdf, stem], check=True)
    (pgm,) = glob.glob(stem + "-*.pgm")
    tif = os.path.join(tmp, "bilevel.tif")
    subprocess.run(
        [convert_program(), pgm, "-background", "white", "-rotate", "0.4",
         "-gravity", "center", "-extent", size_of(pgm), "+repage", "-threshold", "50%",
         "-type", "bilevel", "-compress", "Group4",
         "-density", "300", "-units", "PixelsPerInch", tif],
        check=True)
    target = os.path.join(out, src[:-4] + f".ccitt-g4-p{page}.pdf")
    subprocess.run(["img2pdf", "-o", target, tif], check=True)
    print(f"{target}: page {page} as a CCITT G4 image, {os.path.getsize(target) // 1024} KB")


def size_of(pgm):
    with open(pgm, "rb") as f:
        f.readline()
        line = f.readline()
        while line.startswith(b"#"):
            line = f.readline()
        w, h = line.split()
    return f"{int(w)}x{int(h)}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--quality", type=int, default=30)
    ap.add_argument("--full-out", default=os.path.join(ROOT, "target", "scanned"))
    ap.add_argument("--mixed-only", action="store_true")
    ap.add_argument("--ccitt-only", action="store_true",
                    help="make only the CCITT G4 page")
    ap.add_argument("--out", default=os.path.join(ROOT, "tests", "fixtures", "scanned"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    os.makedirs(args.full_out, exist_ok=True)
    samples = sorted(glob.glob(os.path.join(ROOT, "samples", "pdf", "lkjip-2020-*.pdf")))
    if args.mixed_only:
        samples = []
    if args.ccitt_only:
        with tempfile.TemporaryDirectory() as tmp:
            make_ccitt(args.out, tmp)
        return
    with tempfile.TemporaryDirectory() as tmp:
        make_ccitt(args.out, tmp)
        for pdf in samples:
            name = os.path.basename(pdf)[:-4] + ".scanned.pdf"
            jpgs = scan_pages(pdf, tmp, args.dpi, args.quality)
            target = os.path.join(args.full_out, name)
            subprocess.run(["img2pdf", "-o", target] + jpgs, check=True)
            for j in jpgs:
                os.remove(j)
            print(f"{target}: {len(jpgs)} pages, {os.path.getsize(target) // 1024} KB")
        # The mixed file: text pages around scanned ones.
        src, first, last = MIXED
        pdf = os.path.join(ROOT, "samples", "pdf", src)
        jpgs = scan_pages(pdf, tmp, args.dpi, args.quality, first, last)
        scanned = os.path.join(tmp, "scanned-part.pdf")
        subprocess.run(["img2pdf", "-o", scanned] + jpgs, check=True)
        parts = os.path.join(tmp, "page-%d.pdf")
        subprocess.run(["pdfseparate", pdf, parts], check=True)
        subprocess.run(["pdfseparate", scanned, os.path.join(tmp, "scan-%d.pdf")], check=True)
        pages = sorted(glob.glob(os.path.join(tmp, "page-*.pdf")),
                       key=lambda p: int(p.rsplit("-", 1)[1][:-4]))
        order = []
        for p in pages:
            n = int(p.rsplit("-", 1)[1][:-4])
            order.append(os.path.join(tmp, f"scan-{n - first + 1}.pdf") if first <= n <= last else p)
        target = os.path.join(args.out, src[:-4] + f".scanned-p{first}-{last}.pdf")
        subprocess.run(["pdfunite"] + order + [target], check=True)
        print(f"{target}: pages {first}-{last} scanned, {os.path.getsize(target) // 1024} KB")


if __name__ == "__main__":
    main()
