#!/usr/bin/env python3
"""The same reports written by other PDF producers give the same findings.

Usage: bench/producers.py [--src DIR] [--bin target/release/lkjip-audit] [--keep DIR] [--list]

Real reports come from many producers (Word, Nitro, Foxit, print-to-PDF
drivers); a reader tuned to the ones we have sees the others differently. This
rewrites every PDF of --src (default /work/shared/real-pdfs, read only) with
the producers on this machine, each drawing the same pages with its own fonts,
text operators, spacing and rules:

  cairo    pdftocairo -pdf        (poppler-utils; as a Linux print-to-PDF does)
  mupdf    mutool convert -F pdf  (mupdf-tools)
  qpdf     qpdf --object-streams=generate, AES-256 with an empty user password
  gs       gs -sDEVICE=pdfwrite   (ghostscript; what PDFCreator, PDF24 and most
                                   "compress PDF" tools run)

then runs `lkjip-audit check --format json` on the originals and on each
rewrite and prints, per file and producer, the findings (file, page, rule,
stated) the rewrite loses and adds against the original, and its status.
A finding lost or added is a place where the reader depends on the producer:
look at `extract --layout` of both. A rewrite that the producer itself broke
(no text layer, no ToUnicode: pdftotext reads no words either) is marked so.
--list prints each lost and added finding.
"""

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile

PRODUCERS = {
    "cairo": lambda src, dst: ["pdftocairo", "-pdf", src, dst],
    "mupdf": lambda src, dst: ["mutool", "convert", "-F", "pdf", "-o", dst, src],
    "qpdf": lambda src, dst: ["qpdf", "--object-streams=generate", "--encrypt", "", "owner",
                              "256", "--", src, dst],
    "gs": lambda src, dst: ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite",
                            "-o", dst, src],
}


def findings(binary, folder):
    out = subprocess.run([binary, "check", "--format", "json", "-q", "--no-cross", folder],
                         capture_output=True, text=True)
    data = json.loads(out.stdout)
    per_file = collections.defaultdict(collections.Counter)
    for f in data["findings"]:
        key = (f.get("page"), f["rule"], " ".join(str(f.get("stated", "")).split()))
        per_file[os.path.basename(f["file"])][key] += 1
    status = {os.path.basename(f["path"]): f["status"] for f in data["files"]}
    return per_file, status


def words_readable(pdf):
    """Whether poppler reads words from the rewrite (a producer may drop ToUnicode)."""
    out = subprocess.run(["pdftotext", "-l", "8", pdf, "-"], capture_output=True, text=True,
                         errors="replace")
    words = out.stdout.split()
    plain = sum(1 for w in words if w.isalpha() and w.isascii())
    return len(words) > 0 and plain / len(words) > 0.4


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", default="/work/shared/real-pdfs")
    ap.add_argument("--bin", default="target/release/lkjip-audit")
    ap.add_argument("--keep", help="write the rewrites here (else a temporary folder)")
    ap.add_argument("--list", action="store_true")
    a = ap.parse_args()
    pdfs = sorted(f for f in os.listdir(a.src) if f.lower().endswith(".pdf"))
    if not pdfs:
        sys.exit(f"no PDFs in {a.src}")
    tools = {"cairo": "pdftocairo", "mupdf": "mutool", "qpdf": "qpdf", "gs": "gs"}
    producers = [p for p in PRODUCERS if shutil.which(tools[p])]
    work = a.keep or tempfile.mkdtemp(prefix="lkjip-producers-")
    try:
        base, base_status = findings(a.bin, a.src)
        totals = {}
        rows = []
        for p in producers:
            folder = os.path.join(work, p)
            os.makedirs(folder, exist_ok=True)
            broken = set()
            for name in pdfs:
                dst = os.path.join(folder, name)
                r = subprocess.run(PRODUCERS[p](os.path.join(a.src, name), dst),
                                   capture_output=True)
                if r.returncode not in (0, 3) or not os.path.exists(dst) or not words_readable(dst):
                    broken.add(name)
            got, status = findings(a.bin, folder)
            lost_all = added_all = kept_all = 0
            for name in pdfs:
                if name in broken:
                    rows.append((p, name, None, None, None, "rewrite broken by the producer"))
                    continue
                old, new = base.get(name, collections.Counter()), got.get(name, collections.Counter())
                lost, added = old - new, new - old
                kept = sum((old & new).values())
                lost_all += sum(lost.values())
                added_all += sum(added.values())
                kept_all += kept
                note = "" if status.get(name) == base_status.get(name) else \
                    f"status {base_status.get(name)} -> {status.get(name)}"
                rows.append((p, name, kept, lost, added, note))
            totals[p] = (kept_all, lost_all, added_all, len(broken))
        print(f"{'producer':8} {'file':60} {'kept':>5} {'lost':>5} {'added':>5}")
        for p, name, kept, lost, added, note in rows:
            if kept is None:
                print(f"{p:8} {name[:60]:60} {'-':>5} {'-':>5} {'-':>5}  {note}")
                continue
            print(f"{p:8} {name[:60]:60} {kept:5} {sum(lost.values()):5} {sum(added.values()):5}  {note}")
            if a.list:
                for k in sorted(lost, key=str):
                    print(f"           - p{k[0]} {k[1]}: {k[2][:100]}")
                for k in sorted(added, key=str):
                    print(f"           + p{k[0]} {k[1]}: {k[2][:100]}")
        for p, (kept, lost, added, broken) in totals.items():
            share = kept / (kept + lost) if kept + lost else 1.0
            print(f"{p}: findings kept {kept}, lost {lost} ({100 * (1 - share):.1f} %), "
                  f"added {added}; {broken} rewrite(s) broken by the producer left out")
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
