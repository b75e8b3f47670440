#!/usr/bin/env python3
"""Scores lkjip-audit against a generated corpus's answer key.

Usage: bench/score-corpus.py DIR [--bin target/release/lkjip-audit] [--loose]

Builds the binary (unless --bin is given), runs `lkjip-audit check --format json
DIR` once, matches every finding to the key by (file, page, line, rule) — with
--loose by (file, rule) alone, for corpora whose table rows wrap (gen_corpus
--wrap), where a row's line number depends on how its lines are joined — and
prints recall per rule and overall, the false findings per clean report, how
many of the consequences the key lists were found, and any other finding.
"""
import argparse
import collections
import json
import os
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))), "target/release/lkjip-audit"))
    ap.add_argument("--loose", action="store_true",
                    help="match by (file, rule): wrapped rows have no exact line")
    args = ap.parse_args()

    def place(f):
        if args.loose:
            return (f["file"], f["rule"])
        return (f["file"], f["page"], f["line"], f["rule"])

    if args.bin == ap.get_default("bin"):
        # The binary as of this checkout (a fresh clone has not built it yet).
        subprocess.run(["cargo", "build", "--release", "-q", "--bin", "lkjip-audit"], check=True,
                       cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    entries = json.load(open(os.path.join(args.dir, "answer-key.json"), encoding="utf-8"))
    # Consequences: findings the injected error rightly causes elsewhere (the
    # ikhtisar no longer agrees with a wrong TOTAL); listed, not scored.
    key = [k for k in entries if not k.get("consequence")]
    also = collections.Counter(place(k) for k in entries if k.get("consequence"))
    # A plain corpus's reports are independent draws (an office drawn for two
    # years has two unrelated reports): the checks across reports are scored
    # on series (gen_corpus --series, files named series-*) only.
    series = any(n.startswith("series-") for n in os.listdir(args.dir))
    cross = [] if series else ["--no-cross"]
    out = subprocess.run([args.bin, "check", "--format", "json", "--no-progress", *cross, args.dir],
                         capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"lkjip-audit failed ({out.returncode}): {out.stderr}")
    run = json.loads(out.stdout)
    reports = [f for f in run["files"] if f["status"] != "skipped" or f["path"].endswith((".txt", ".pdf"))]
    dirty_files = {k["file"] for k in entries}
    clean = [f for f in reports if f["path"] not in dirty_files]
    found = collections.Counter(place(f) for f in run["findings"])
    expected = collections.Counter(place(k) for k in key)
    per_rule = collections.defaultdict(lambda: [0, 0])
    for k, n in expected.items():
        per_rule[k[-1]][0] += n
        per_rule[k[-1]][1] += min(n, found.get(k, 0))
    not_ok = [f for f in reports if f["status"] != "ok"]
    false_clean = [f for f in run["findings"] if f["file"] not in dirty_files]
    extra_dirty = [f for f in run["findings"] if f["file"] in dirty_files
                   and place(f) not in expected and place(f) not in also]
    if args.loose:
        # Without lines, a second finding of an expected (file, rule) is extra too.
        extra_dirty += [{"file": k[0], "rule": k[1], "line": None, "page": None,
                         "stated": "(one more)", "expected": ""}
                        for k, n in found.items() if k in expected or k in also
                        for _ in range(n - expected.get(k, 0) - also.get(k, 0))]
    also_found = sum(min(n, max(0, found.get(k, 0) - expected.get(k, 0))) for k, n in also.items())
    print(f"{len(reports)} reports: {len(reports) - len(clean)} with an injected error, {len(clean)} clean; "
          f"{len(not_ok)} not audited (status other than ok)")
    print(f"{'rule':<36} {'injected':>8} {'found':>6} {'recall':>8}")
    total = hit = 0
    for rule in sorted(per_rule):
        n, h = per_rule[rule]
        total += n
        hit += h
        print(f"{rule:<36} {n:>8} {h:>6} {100.0 * h / n:>7.1f}%")
    print(f"{'all':<36} {total:>8} {hit:>6} {100.0 * hit / max(total, 1):>7.1f}%")
    per_clean = len(false_clean) / max(len(clean), 1)
    print(f"false findings in clean reports: {len(false_clean)} ({per_clean:.3f} per report, "
          f"{20 * per_clean:.2f} per 20 reports)")
    print(f"consequences listed in the key: {sum(also.values())}, found {also_found}")
    # A second rule seeing the injected error on the same line (the percentage
    # beside a wrong amount) is a consequence too, not noise.
    injected_lines = set() if args.loose else {(k["file"], k["page"], k["line"]) for k in key}
    same_line = [f for f in extra_dirty if (f["file"], f["page"], f["line"]) in injected_lines]
    unexplained = [f for f in extra_dirty if (f["file"], f["page"], f["line"]) not in injected_lines]
    print(f"other findings in dirty reports: {len(same_line)} on the injected line, "
          f"{len(unexplained)} elsewhere (unexplained)")
    for f in (false_clean + unexplained)[:10]:
        print(f"  {f['file']}:{f['line']} {f['rule']} {f['stated']!r} -> {f['expected']!r}")
    missed = [k for k in expected if found.get(k, 0) == 0]
    for k in missed[:10]:
        print(f"  missed: {k[0]}:{'' if args.loose else k[2]} {k[-1]}")
    ok = hit >= 0.98 * total and per_clean <= 1 / 20
    sys.exit(0 if ok else 1)


main()
