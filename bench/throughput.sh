#!/usr/bin/env bash
# Throughput of the whole audit against pdftotext on generated PDFs.
# Usage: bench/throughput.sh [N ...]        (default: 100 1000)
# For each N: a corpus of N generated LKjIP PDFs (cached in target/corpus-pdf-N),
# then wall time and peak memory of
#   lkjip-audit check --format json DIR      (default threads: one per core)
#   pdftotext -layout on each file, one after another
#   pdftotext -layout, one process per core  (xargs -P)
# and seconds per 1,000 files, to show whether time grows linearly.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000)
need=()
command -v pdftotext >/dev/null || need+=(poppler-utils)
[ -x /usr/bin/time ] || need+=(time)
command -v bc >/dev/null || need+=(bc)
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -q && $sudo_cmd apt-get install -y -q "${need[@]}"
fi
cargo build --release -q --bin lkjip-audit --example gen_corpus
bin="$PWD/target/release/lkjip-audit"
cores=$(nproc)
generator=$(cat examples/gen_corpus/*.rs | sha256sum | cut -c1-16)
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
measure() { # prints "wall rss_mb"
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >/dev/null 2>&1 || true
  read -r wall rss < <(tail -n 1 "$tmp/time")
  echo "$wall $(echo "scale=1; $rss / 1024" | bc)"
}
printf '%7s | %-26s | %-26s | %-26s | %s\n' files "lkjip-audit s (MB, s/1000)" "pdftotext seq s (MB)" "pdftotext -P$cores s (MB)" "ours/parallel"
for n in "${sizes[@]}"; do
  dir="target/corpus-pdf-$n"
  # Regenerate when the generator has changed since the corpus was made.
  if [ "$(cat "$dir/.generator" 2>/dev/null)" != "$generator" ]; then
    rm -rf "$dir"
    target/release/examples/gen_corpus --n "$n" --out "$dir" --pdf --seed "$n" 2>/dev/null
    echo "$generator" > "$dir/.generator"
  fi
  read -r ours ours_mb < <(measure "$bin" check --format json --no-progress "$dir")
  read -r seq seq_mb < <(measure bash -c 'for f in "$1"/*.pdf; do pdftotext -layout "$f" /dev/null; done' _ "$dir")
  read -r par par_mb < <(measure bash -c 'printf "%s\0" "$1"/*.pdf | xargs -0 -P "$2" -n 1 -I{} pdftotext -layout {} /dev/null' _ "$dir" "$cores")
  per=$(echo "scale=2; $ours * 1000 / $n" | bc)
  ratio=$(echo "scale=2; $ours / $par" | bc)
  printf '%7s | %8s (%6s, %6s) | %8s (%6s)          | %8s (%6s)          | %s\n' "$n" "$ours" "$ours_mb" "$per" "$seq" "$seq_mb" "$par" "$par_mb" "$ratio"
done
