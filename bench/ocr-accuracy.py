#!/usr/bin/env python3
"""OCR accuracy and speed: each scanned sample (scripts/make-scanned-samples.py,
target/scanned/*.scanned.pdf) against its text version (samples/pdf/).

Per file:
  - findings of the text version reproduced by `check --ocr` on the scan
    (matched by rule + page + stated figure; line numbers differ),
  - false findings: those of the scan the text version does not have,
  - numeric-token recall of `extract --layout --ocr` against `extract --layout`
    of the text version (tokens with a digit, as multisets),
  - pages per second of the OCR run (whole process, wall clock), and the CPU
    seconds per page it took (lkjip-audit and its Tesseract processes, user +
    system): on a busy machine the wall clock says little, the CPU time
    gives the rate on an idle one (about --jobs pages at once).
With LKJIP_OCR_CACHE=DIR set, Tesseract's output is kept per page image and
reread: the first run's pages per second count, a rerun's do not (it says so).
usage: bench/ocr-accuracy.py [--bin target/release/lkjip-audit] [--jobs N] [SCANNED.pdf ...]
"""
import argparse
import collections
import glob
import json
import os
import re
import subprocess
import sys
import resource
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(args):
    return subprocess.run(args, capture_output=True, text=True, cwd=ROOT)


def findings(binary, path, ocr, jobs):
    args = [binary, "check", "--format", "json", "-q", "--time-limit", "3600", "--jobs", str(jobs)]
    if ocr:
        args.append("--ocr")
    out = run(args + [path])
    doc = json.loads(out.stdout)
    return collections.Counter((f["rule"], f["page"], f["stated"]) for f in doc["findings"]), doc


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


NUM = re.compile(r"\d[\d.,]*\d|\d")


def numbers(text):
    return collections.Counter(NUM.findall(text))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "lkjip-audit"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    files = args.files or sorted(glob.glob(os.path.join(ROOT, "target", "scanned", "*.scanned.pdf")))
    if not files:
        sys.exit("no scanned samples: run scripts/make-scanned-samples.py first")
    tot = collections.Counter()
    print(f"{'file':48} {'pages':>5} {'found':>9} {'false':>5} {'num.recall':>10} {'pages/s':>7} {'cpu s/page':>10}")
    for scan in files:
        name = os.path.basename(scan).replace(".scanned.pdf", ".pdf")
        text = os.path.join(ROOT, "samples", "pdf", name)
        want, _ = findings(args.bin, text, False, args.jobs)
        start = time.time()
        cpu_start = children_cpu()
        got, doc = findings(args.bin, scan, True, args.jobs)
        secs = time.time() - start
        cpu = children_cpu() - cpu_start
        pages = sum(f["pages"] for f in doc["files"])
        reproduced = sum((want & got).values())
        false = sum((got - want).values())
        t_nums = numbers(run([args.bin, "extract", "--layout", text]).stdout)
        s_out = run([args.bin, "extract", "--layout", "--ocr", "--time-limit", "3600", scan]).stdout
        s_nums = numbers(s_out)
        recall = sum((t_nums & s_nums).values()) / max(1, sum(t_nums.values()))
        print(f"{name:48} {pages:5} {reproduced:4}/{sum(want.values()):<4} {false:5} "
              f"{100 * recall:9.1f}% {pages / secs:7.2f} {cpu / max(1, pages):10.2f}")
        for k in sorted(want - got):
            print(f"    missed: {k}")
        for k in sorted(got - want):
            print(f"    false:  {k}")
        tot.update(files=1, pages=pages, secs=secs, cpu=cpu, reproduced=reproduced,
                   want=sum(want.values()), false=false)
    if os.environ.get("LKJIP_OCR_CACHE"):
        print("(LKJIP_OCR_CACHE is set: pages per second count only pages not read before)")
    print(f"total: {tot['reproduced']}/{tot['want']} findings reproduced "
          f"({100 * tot['reproduced'] / max(1, tot['want']):.1f} %), "
          f"{tot['false'] / max(1, tot['files']):.2f} false findings per report, "
          f"{tot['pages'] / max(1e-9, tot['secs']):.2f} pages/s with --jobs {args.jobs}, "
          f"{tot['cpu'] / max(1, tot['pages']):.2f} CPU seconds per page "
          f"(idle machine: about {args.jobs * tot['pages'] / max(1e-9, tot['cpu']):.2f} pages/s)")


if __name__ == "__main__":
    main()
