#!/usr/bin/env bash
# Checks across reports at scale: generated series (gen_corpus --series) of
# N offices, audited with and without the cross-report checks. Prints, per
# size, the reports, the wall time and peak memory of both runs, what the
# cross checks added per report, and the recall of the injected errors.
#   bench/cross-series.sh [N ...]      (default: 20 60 160)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q --bin lkjip-audit --example gen_corpus
bin="$PWD/target/release/lkjip-audit"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
measure() { # prints "wall rss_mb"
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >/dev/null 2>&1 || true
  read -r wall rss < <(tail -n 1 "$tmp/time")
  echo "$wall $(echo "scale=1; $rss / 1024" | bc)"
}
printf "%8s %8s %10s %10s %10s %10s %14s %8s\n" series reports "wall s" "MB" "no-cross s" "MB" "cross ms/rep" recall
for n in "${@:-20 60 160}"; do
  for size in $n; do
    dir="$tmp/s$size"
    target/release/examples/gen_corpus --series --n "$size" --seed "$size" --out "$dir" 2>/dev/null
    reports=$(find "$dir" -name '*.txt' | wc -l)
    read -r wall rss < <(measure "$bin" check --jobs 1 --format json -q -o "$tmp/out.json" "$dir")
    read -r wall0 rss0 < <(measure "$bin" check --jobs 1 --no-cross --format json -q -o "$tmp/out0.json" "$dir")
    "$bin" check --format json -q "$dir" > "$tmp/full.json" || true
    recall=$(python3 - "$tmp/full.json" "$dir/answer-key.json" <<'PY'
import json, os, sys
found = {(os.path.basename(f["file"]), f["line"], f["rule"]) for f in json.load(open(sys.argv[1]))["findings"]}
key = [k for k in json.load(open(sys.argv[2])) if not k.get("consequence")]
hit = sum((os.path.basename(k["file"]), k["line"], k["rule"]) in found for k in key)
print(f"{hit}/{len(key)}")
PY
)
    per=$(echo "scale=2; ($wall - $wall0) * 1000 / $reports" | bc)
    printf "%8s %8s %10s %10s %10s %10s %14s %8s\n" "$size" "$reports" "$wall" "$rss" "$wall0" "$rss0" "$per" "$recall"
  done
done
