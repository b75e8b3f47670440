#!/usr/bin/env python3
"""Mutated real PDFs through the whole audit: no crash, no hang, inputs untouched.

Usage: bench/fuzz-real.py [--src DIR] [--n 600] [--seed 15] [--time-limit 10]
                          [--margin 5] [--jobs 2] [--bin target/release/lkjip-audit]
                          [--keep DIR]

Copies nothing into --src (default /work/shared/real-pdfs, read only): it reads
the PDFs there and writes --n mutations of them (deterministic from --seed)
into a temporary folder — byte flips, truncations, deleted, duplicated, zeroed
and swapped ranges, a zeroed or shifted cross-reference table and startxref,
wrong /Length values, broken `obj`/`endobj`/`stream` keywords, junk inserted —
then runs

  lkjip-audit check --format json --time-limit T --jobs J DIR     (the batch)
  lkjip-audit check --format json --time-limit T FILE             (each file)

and prints: crashes (an exit code other than 0 or 1, a panic message on
stderr, or a caught panic reported as 'internal error'), hangs (a file whose
own run took longer than T + margin seconds, or the batch longer than the sum
of that over the files divided by J), the batch's files by status, whether
each file's status is the same alone as in the batch, and whether every
input's sha256 (the originals and the mutations) is unchanged afterwards.
Exits 1 when there is a crash, a hang or a changed input.
"""

import argparse
import collections
import concurrent.futures
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def some_range(rng, data, most):
    start = rng.randrange(len(data))
    return start, min(len(data), start + rng.randint(1, most))


def flip(rng, data):
    data = bytearray(data)
    for _ in range(rng.choice([1, 4, 32, 256])):
        at = rng.randrange(len(data))
        data[at] ^= rng.randint(1, 255)
    return bytes(data)


def truncate(rng, data):
    return data[: int(len(data) * rng.uniform(0.01, 0.99))]


def delete_range(rng, data):
    a, b = some_range(rng, data, 64 * 1024)
    return data[:a] + data[b:]


def duplicate_range(rng, data):
    a, b = some_range(rng, data, 64 * 1024)
    at = rng.randrange(len(data))
    return data[:at] + data[a:b] + data[at:]


def zero_range(rng, data):
    a, b = some_range(rng, data, 16 * 1024)
    return data[:a] + bytes(b - a) + data[b:]


def swap_ranges(rng, data):
    a, b = some_range(rng, data, 8 * 1024)
    c, d = some_range(rng, data, 8 * 1024)
    if c < b:
        return flip(rng, data)
    return data[:a] + data[c:d] + data[b:c] + data[a:b] + data[d:]


def zero_xref(rng, data):
    """Zeroes the last cross-reference section (table or stream) and startxref."""
    at = max(data.rfind(b"xref"), data.rfind(b"/XRef"))
    if at < 0:
        return zero_range(rng, data)
    end = data.find(b"%%EOF", at)
    end = len(data) if end < 0 else end
    return data[:at] + bytes(end - at) + data[end:]


def shift_startxref(rng, data):
    m = list(re.finditer(rb"startxref\s+(\d+)", data))
    if not m:
        return truncate(rng, data)
    g = m[-1]
    value = str(max(0, int(g.group(1)) + rng.choice([-1000, -7, -1, 1, 13, 4096]))).encode()
    return data[: g.start(1)] + value + data[g.end(1) :]


def wrong_lengths(rng, data):
    def wrong(m):
        n = int(m.group(1))
        return b"/Length " + str(rng.choice([0, n // 2, n * 2 + 10, 999999999])).encode()

    return re.sub(rb"/Length (\d+)", wrong, data, count=rng.randint(1, 50))


def break_keywords(rng, data):
    word = rng.choice([b" obj", b"endobj", b"stream", b"endstream", b"/Type /Page", b"trailer"])
    hits = [m.start() for m in re.finditer(re.escape(word), data)]
    if not hits:
        return flip(rng, data)
    data = bytearray(data)
    for at in rng.sample(hits, min(len(hits), rng.randint(1, 20))):
        data[at + rng.randrange(len(word))] = ord("#")
    return bytes(data)


def insert_junk(rng, data):
    at = rng.randrange(len(data))
    junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4096)))
    return data[:at] + junk + data[at:]


MUTATIONS = [
    flip,
    truncate,
    delete_range,
    duplicate_range,
    zero_range,
    swap_ranges,
    zero_xref,
    shift_startxref,
    wrong_lengths,
    break_keywords,
    insert_junk,
]


def mutate(sources, out, n, seed):
    rng = random.Random(seed)
    made = []
    for i in range(n):
        src = sources[i % len(sources)]
        kind = MUTATIONS[(i // len(sources)) % len(MUTATIONS)]
        with open(src, "rb") as f:
            data = f.read()
        data = kind(rng, data) if data else data
        name = f"{i:03d}-{kind.__name__.replace('_', '-')}-{os.path.basename(src)}"
        path = os.path.join(out, name)
        with open(path, "wb") as f:
            f.write(data)
        made.append(path)
    return made


def run(cmd, timeout):
    """(exit code or None when killed, wall seconds, stdout, stderr)."""
    start = time.monotonic()
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout)
        code, out, err = p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        code, out, err = None, e.stdout or b"", e.stderr or b""
    return code, time.monotonic() - start, out, err.decode("utf-8", "replace")


def files_of(stdout):
    try:
        doc = json.loads(stdout)
    except ValueError:
        return None
    return {os.path.basename(f["path"]): f for f in doc.get("files", [])}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", default="/work/shared/real-pdfs")
    ap.add_argument("--n", type=int, default=600)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--time-limit", type=int, default=10)
    ap.add_argument("--margin", type=float, default=5.0)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--bin", default="target/release/lkjip-audit")
    ap.add_argument("--keep", help="write the mutations here and keep them")
    args = ap.parse_args()

    sources = sorted(
        os.path.join(args.src, f) for f in os.listdir(args.src) if f.lower().endswith(".pdf")
    )
    if not sources:
        sys.exit(f"no PDFs in {args.src}")
    originals = {p: sha256(p) for p in sources}
    work = args.keep or tempfile.mkdtemp(prefix="lkjip-fuzz-real-")
    os.makedirs(work, exist_ok=True)
    try:
        made = mutate(sources, work, args.n, args.seed)
        mutated = {p: sha256(p) for p in made}
        limit = ["--time-limit", str(args.time_limit)]
        per_file = args.time_limit + args.margin

        # The batch.
        batch_budget = per_file * len(made) / max(1, args.jobs)
        code, wall, out, err = run(
            [args.bin, "check", "--format", "json", "--no-progress", *limit, "--jobs", str(args.jobs), work],
            batch_budget,
        )
        batch = files_of(out) or {}
        crashes, hangs = [], []
        if code is None:
            hangs.append(f"the batch: killed after {batch_budget:.0f} s")
        elif code not in (0, 1):
            crashes.append(f"the batch: exit {code}: {err.strip()[-300:]}")
        if "panicked" in err:
            crashes.append(f"the batch: panic: {err.strip()[-300:]}")
        statuses = collections.Counter(f["status"] for f in batch.values())
        for name, f in batch.items():
            if "internal error" in (f.get("message") or ""):
                crashes.append(f"{name}: caught panic: {f['message']}")

        # Each file alone, timed.
        def alone(path):
            return path, run(
                [args.bin, "check", "--format", "json", "--no-progress", *limit, path],
                per_file + 30,
            )

        slowest = (0.0, "")
        differ = []
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            for path, (c, w, o, e) in pool.map(alone, made):
                name = os.path.basename(path)
                slowest = max(slowest, (w, name))
                if c is None or w > per_file:
                    hangs.append(f"{name}: {w:.1f} s")
                if c is not None and c not in (0, 1):
                    crashes.append(f"{name}: exit {c}: {e.strip()[-300:]}")
                if "panicked" in e:
                    crashes.append(f"{name}: panic: {e.strip()[-300:]}")
                single = (files_of(o) or {}).get(name)
                if single and name in batch and single["status"] != batch[name]["status"]:
                    differ.append(f"{name}: {batch[name]['status']} in the batch, {single['status']} alone")

        changed = [p for p, h in {**originals, **mutated}.items() if sha256(p) != h]

        print(f"inputs: {len(made)} mutations of {len(sources)} real PDFs (seed {args.seed}), "
              f"--time-limit {args.time_limit}, margin {args.margin:g} s, --jobs {args.jobs}")
        print(f"batch: exit {code}, {wall:.1f} s wall, {len(batch)} files listed")
        print("statuses: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
        print(f"crashes: {len(crashes)}")
        for c in crashes[:20]:
            print(f"  {c}")
        print(f"hangs: {len(hangs)} (slowest file alone: {slowest[0]:.1f} s, {slowest[1]})")
        for h in hangs[:20]:
            print(f"  {h}")
        print(f"status alone differs from the batch: {len(differ)}")
        for d in differ[:20]:
            print(f"  {d}")
        print(f"inputs unchanged (sha256): {'yes' if not changed else 'NO: ' + ', '.join(changed)} "
              f"({len(originals)} originals, {len(mutated)} mutations)")
        bad = crashes or hangs or changed or len(batch) != len(made)
        sys.exit(1 if bad else 0)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
