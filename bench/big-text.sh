#!/usr/bin/env bash
# Time per MB of one big text export: every check must stay linear (or n log n)
# in the size of the report.
# Usage: bench/big-text.sh [MB ...]          (default: 1 8 50)
# For each size: one text report made by concatenating samples/*.txt until it
# reaches that many MB (cached in target/big-text/), audited alone with
# `check --format json` and limits out of the way; prints wall and CPU seconds
# (user + system: what a busy machine disturbs least), peak memory and CPU
# seconds per MB. A super-linear check shows as s/MB growing with size.
# LKJIP_BIN=path/to/lkjip-audit measures another build (e.g. an older one).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1 8 50)
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed (apt-get install time)" >&2; exit 1; }
bin="${LKJIP_BIN:-}"
if [ -z "$bin" ]; then
  cargo build --release -q --bin lkjip-audit
  bin="$PWD/target/release/lkjip-audit"
fi
dir="target/big-text"
mkdir -p "$dir"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
printf '%6s | %8s | %8s | %8s | %8s | %s\n' MB "wall s" "CPU s" "peak MB" "CPU s/MB" status
for mb in "${sizes[@]}"; do
  file="$dir/big-$mb.txt"
  want=$((mb * 1024 * 1024))
  if [ "$(stat -c %s "$file" 2>/dev/null || echo 0)" -lt "$want" ]; then
    : > "$file.part"
    while [ "$(stat -c %s "$file.part")" -lt "$want" ]; do
      cat samples/*.txt >> "$file.part"
    done
    mv "$file.part" "$file"
  fi
  /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" \
    "$bin" check --format json --no-progress --time-limit 100000 --memory-limit 100000 \
    "$file" > "$tmp/out.json" 2>/dev/null || true
  read -r wall user sys rss < <(tail -n 1 "$tmp/time")
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  status=$(grep -o '"status": *"[a-z_]*"' "$tmp/out.json" | head -n 1 | sed 's/.*"\([a-z_]*\)"$/\1/')
  real_mb=$(awk -v s="$(stat -c %s "$file")" 'BEGIN { printf "%.1f", s / 1048576 }')
  printf '%6s | %8s | %8s | %8s | %8s | %s\n' "$real_mb" "$wall" "$cpu" \
    "$(awk -v r="$rss" 'BEGIN { printf "%.0f", r / 1024 }')" \
    "$(awk -v c="$cpu" -v m="$real_mb" 'BEGIN { printf "%.3f", c / m }')" "${status:-?}"
done
