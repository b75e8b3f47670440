#!/usr/bin/env bash
# The real reports fed as text: each PDF of tests/fixtures/real exported with
# `pdftotext -layout` (what an auditor may be handed instead of the PDF), or
# with `mutool draw -F txt` (EXPORTER=mutool: no layout, a blank line between
# widely spaced lines, a list's marker and a table-of-contents entry's page
# number on lines of their own), or with plain `pdftotext` (EXPORTER=raw: a
# page's text in the order the PDF draws it), audited, and its findings scored against the
# same keys as the PDFs (scripts/score-real.py; a finding's file is taken as
# its PDF's). Prints the per-report table and the totals; compare with
# score-real on the PDFs.
# Usage: [LKJIP_BIN=…] [EXPORTER=pdftotext|mutool|raw] bench/text-exports.sh [score-real options, e.g. --unjudged]
set -euo pipefail
cd "$(dirname "$0")/.."
exporter="${EXPORTER:-pdftotext}"
case "$exporter" in
  pdftotext|raw) tool=pdftotext; package=poppler-utils ;;
  mutool) tool=mutool; package=mupdf-tools ;;
  *) echo "EXPORTER must be pdftotext, mutool or raw" >&2; exit 2 ;;
esac
command -v "$tool" >/dev/null || {
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -q && $sudo_cmd apt-get install -y -q "$package"
}
cargo build --release -q
bin="${LKJIP_BIN:-$PWD/target/release/lkjip-audit}"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/txt"
for pdf in tests/fixtures/real/*.pdf; do
  out="$tmp/txt/$(basename "${pdf%.pdf}").txt"
  case "$exporter" in
    mutool) mutool draw -q -F txt -o "$out" "$pdf" 2>/dev/null ;;
    raw) pdftotext "$pdf" "$out" ;;
    *) pdftotext -layout "$pdf" "$out" ;;
  esac
done
"$bin" check --format json -q "$tmp/txt" > "$tmp/raw.json" || true
python3 - "$tmp/raw.json" "$tmp/scored.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
for f in doc.get("findings", []):
    f["file"] = f["file"][:-4] + ".pdf" if f["file"].endswith(".txt") else f["file"]
    for r in f.get("related", []):
        if r.get("file", "").endswith(".txt"):
            r["file"] = r["file"][:-4] + ".pdf"
json.dump(doc, open(sys.argv[2], "w"))
PY
python3 scripts/score-real.py --json "$tmp/scored.json" "$@"
