#!/usr/bin/env bash
# Whole-process time and peak memory: `lkjip-audit check --format json` (extract,
# structure, every rule, JSON) on N PDFs, against `pdftotext -layout` on the same
# files (which only extracts), one after another and one process per core.
# Usage: bench/pdf-speed.sh [N=100]   (copies of the four sample renderings)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-100}"
need=()
command -v pdftotext >/dev/null || need+=(poppler-utils)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -q && $sudo_cmd apt-get install -y -q "${need[@]}"
fi
cargo build --release -q
bin="$PWD/target/release/lkjip-audit"
dir="$(mktemp -d)"; trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/pdf" "$dir/out"
sources=(samples/pdf/lkjip-2020-kec-*.pdf)
for i in $(seq 1 "$n"); do
  src="${sources[$(( (i - 1) % ${#sources[@]} ))]}"
  cp "$src" "$dir/pdf/$(printf '%05d' "$i")-$(basename "$src")"
done
mb=$(du -sm "$dir/pdf" | cut -f1)
measure() { # label, command...: prints wall seconds and peak RSS (MB)
  local label="$1"; shift
  /usr/bin/time -f "%e %M" -o "$dir/time.txt" "$@" >/dev/null 2>"$dir/stderr.txt" || true
  # GNU time writes "Command exited with non-zero status N" first when it does.
  read -r wall rss < <(tail -n 1 "$dir/time.txt")
  printf '%-44s %9.2f %10.1f\n' "$label" "$wall" "$(echo "$rss / 1024" | bc -l)"
  echo "$wall" > "$dir/last.txt"
}
echo "$n PDFs ($mb MB), $(nproc) cores"
printf '%-44s %9s %10s\n' "command" "wall (s)" "peak MB"
measure "lkjip-audit check --format json (all cores)" "$bin" check --format json --no-progress "$dir/pdf"
ours=$(cat "$dir/last.txt")
measure "pdftotext -layout, one after another" bash -c 'for f in "$1"/*.pdf; do pdftotext -layout "$f" "$2/out.txt"; done' _ "$dir/pdf" "$dir/out"
seq_time=$(cat "$dir/last.txt")
measure "pdftotext -layout, xargs -P $(nproc)" bash -c 'ls "$1"/*.pdf | xargs -P "$(nproc)" -I{} pdftotext -layout {} /dev/null' _ "$dir/pdf"
par_time=$(cat "$dir/last.txt")
printf 'ratio ours / pdftotext sequential: %.2f\n' "$(echo "$ours / $seq_time" | bc -l)"
printf 'ratio ours / pdftotext parallel:   %.2f\n' "$(echo "$ours / $par_time" | bc -l)"
