#!/usr/bin/env bash
# CPU time and peak memory of a whole audit (`lkjip-audit check --format json`:
# extraction, structure, every rule, JSON) against text extraction alone by
# `mutool draw -F txt` (mupdf-tools) and `pdftotext -layout` (poppler-utils),
# one process per file, on the same PDFs. Prints each tool's total CPU time
# (user + system), its largest peak RSS, and our ratio to each.
# Usage: [LKJIP_BIN=…] bench/pdf-speed.sh [DIR]   (default: /work/shared/real-pdfs when it
# exists, else the PDF renderings in samples/pdf/)
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v mutool >/dev/null || need+=(mupdf-tools)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -q && $sudo_cmd apt-get install -y -q "${need[@]}"
fi
cargo build --release -q
# LKJIP_BIN: another build to measure (e.g. the one before a change).
bin="${LKJIP_BIN:-$PWD/target/release/lkjip-audit}"
dir="${1:-}"
if [ -z "$dir" ]; then
  if [ -d /work/shared/real-pdfs ]; then dir=/work/shared/real-pdfs; else dir=samples/pdf; fi
fi
mapfile -t files < <(find "$dir" -maxdepth 1 -name '*.pdf' | sort)
[ ${#files[@]} -gt 0 ] || { echo "no PDFs in $dir" >&2; exit 2; }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
# measure LABEL CMD... (FILE is substituted for {}): total CPU seconds, max peak MB.
measure() {
  local label="$1"; shift
  local cpu=0 peak=0
  for f in "${files[@]}"; do
    local cmd=("${@//\{\}/$f}")
    /usr/bin/time -f "%U %S %M" -o "$tmp/t" "${cmd[@]}" >/dev/null 2>&1 || true
    read -r u s m < <(tail -n 1 "$tmp/t")
    cpu=$(echo "$cpu + $u + $s" | bc -l)
    [ "$m" -gt "$peak" ] && peak=$m
  done
  printf '%-40s %9.2f %9.1f\n' "$label" "$cpu" "$(echo "$peak / 1024" | bc -l)"
  echo "$cpu" > "$tmp/$label.cpu"
}
echo "${#files[@]} PDFs in $dir ($(du -cmL "${files[@]}" | tail -n 1 | cut -f1) MB), one process per file"
printf '%-40s %9s %9s\n' "command" "CPU (s)" "peak MB"
measure ours "$bin" check --format json --no-progress --jobs 1 {}
measure "ours: extract only" "$bin" extract --layout {}
measure mutool mutool draw -F txt -o /dev/null {}
measure pdftotext pdftotext -layout {} /dev/null
# What a process pays before reading anything: the rule files' patterns compiled.
echo > "$tmp/empty.txt"
files_saved=("${files[@]}"); files=(); for _ in "${files_saved[@]}"; do files+=("$tmp/empty.txt"); done
measure "ours: start-up (empty text) x N" "$bin" check --format json --no-progress {}
files=("${files_saved[@]}")
# How an auditor runs it: one process for the whole folder (rules loaded once).
/usr/bin/time -f "%U %S %M" -o "$tmp/t" "$bin" check --format json --no-progress --jobs 1 "$dir" >/dev/null 2>&1 || true
read -r u s m < <(tail -n 1 "$tmp/t")
printf '%-40s %9.2f %9.1f\n' "ours: one process for the folder" "$(echo "$u + $s" | bc -l)" "$(echo "$m / 1024" | bc -l)"
folder=$(echo "$u + $s" | bc -l)
ours=$(cat "$tmp/ours.cpu")
printf 'ratio ours / mutool draw -F txt:  %.2f\n' "$(echo "$ours / $(cat "$tmp/mutool.cpu")" | bc -l)"
printf 'ratio ours / pdftotext -layout:   %.2f\n' "$(echo "$ours / $(cat "$tmp/pdftotext.cpu")" | bc -l)"
printf 'ratio ours (one process) / mutool: %.2f\n' "$(echo "$folder / $(cat "$tmp/mutool.cpu")" | bc -l)"
printf 'ratio extract only / mutool:       %.2f\n' "$(echo "$(cat "$tmp/ours: extract only.cpu") / $(cat "$tmp/mutool.cpu")" | bc -l)"
# CPU time on a shared machine varies by some 8 % from run to run, more than
# most single changes save. INSTRUCTIONS=1 also counts the instructions each
# executes (valgrind's cachegrind, deterministic) to compare two builds.
if [ "${INSTRUCTIONS:-0}" = 1 ] && command -v valgrind >/dev/null; then
  count() { valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$@" 2>&1 >/dev/null \
    | sed -n 's/.*I *refs: *//p' | tr -d ',' || true; }
  m=0; p=0
  for f in "${files[@]}"; do
    m=$((m + $(count mutool draw -F txt -o /dev/null "$f")))
    p=$((p + $(count "$bin" check --format json --no-progress --jobs 1 "$f")))
  done
  o=$(count "$bin" check --format json --no-progress --jobs 1 "$dir")
  printf 'instructions, mutool draw -F txt (per file): %.2f G\n' "$(echo "$m / 1000000000" | bc -l)"
  printf 'instructions, ours (one process per file):  %.2f G, ratio %.2f\n' \
    "$(echo "$p / 1000000000" | bc -l)" "$(echo "$p / $m" | bc -l)"
  printf 'instructions, ours (one process):           %.2f G, ratio %.2f\n' \
    "$(echo "$o / 1000000000" | bc -l)" "$(echo "$o / $m" | bc -l)"
fi
# What compiling every pattern once would cost (a process compiles those its
# checks use, on first use): examples/regex_costs.rs lists them, costliest first.
if cargo build --release -q --example regex_costs 2>/dev/null; then
  target/release/examples/regex_costs 1000000 | grep '^==\|^rule files' | sed 's/^== /compile, /'
fi
# Where one process's time goes, phase by phase (wall ms, summed over the
# files): extraction, structure, the checks run first (patterns compiled on
# first use) and again (compiled), coverage. examples/phase_times.rs.
if cargo build --release -q --example phase_times 2>/dev/null; then
  target/release/examples/phase_times "${files[@]}" | sed -n '1,2p;$p' | sed 's/^/phases, /'
fi
