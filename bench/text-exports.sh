#!/usr/bin/env bash
# The real reports fed as text: each PDF of tests/fixtures/real exported with
# `pdftotext -layout` (what an auditor may be handed instead of the PDF),
# audited, and its findings scored against the same keys as the PDFs
# (scripts/score-real.py; a finding's file is taken as its PDF's).
# Prints the per-report table and the totals; compare with score-real on the PDFs.
# Usage: [LKJIP_BIN=…] bench/text-exports.sh [score-real options, e.g. --unjudged]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v pdftotext >/dev/null || {
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -q && $sudo_cmd apt-get install -y -q poppler-utils
}
cargo build --release -q
bin="${LKJIP_BIN:-$PWD/target/release/lkjip-audit}"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/txt"
for pdf in tests/fixtures/real/*.pdf; do
  pdftotext -layout "$pdf" "$tmp/txt/$(basename "${pdf%.pdf}").txt"
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
