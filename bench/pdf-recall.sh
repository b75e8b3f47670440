#!/usr/bin/env bash
# Numeric-token recall of our PDF extraction against `pdftotext -layout`
# (poppler-utils, installed if missing) on every PDF in samples/pdf/ and the
# unruled renderings in tests/fixtures/pdf/.
# For each file: the multiset of numbers pdftotext yields (1.329.782.597,10,
# 96,14, 2020, 85 …), how many of them our `lkjip-audit extract --layout`
# yields too, and the recall. Exits 1 if a file with a text layer is under 99.5 %.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v pdftotext >/dev/null; then
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -q && $sudo_cmd apt-get install -y -q poppler-utils
fi
cargo build --release -q
bin=target/release/lkjip-audit
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
printf '%-45s %8s %8s %9s\n' "file" "poppler" "matched" "recall"
status=0
for pdf in samples/pdf/*.pdf tests/fixtures/pdf/*-unruled.pdf; do
  name="$(basename "$pdf")"
  if ! pdftotext -layout "$pdf" "$tmp/poppler.txt" 2>/dev/null; then
    printf '%-45s %s\n' "$name" "skipped: pdftotext cannot read it (not a PDF / needs a password)"
    continue
  fi
  if ! "$bin" extract --layout "$pdf" > "$tmp/ours.txt" 2>"$tmp/err.txt"; then
    printf '%-45s %s\n' "$name" "ours: $(head -c 120 "$tmp/err.txt")"
    if [ -s "$tmp/poppler.txt" ] && grep -q '[0-9]' "$tmp/poppler.txt"; then status=1; fi
    continue
  fi
  python3 - "$tmp/poppler.txt" "$tmp/ours.txt" "$name" <<'PY' || status=1
import collections, re, sys
number = re.compile(r"\d+(?:[.,]\d+)*")
def tokens(path):
    return collections.Counter(number.findall(open(path, encoding="utf-8", errors="replace").read()))
theirs, ours = tokens(sys.argv[1]), tokens(sys.argv[2])
total = sum(theirs.values())
matched = sum((theirs & ours).values())
if total == 0:
    print(f"{sys.argv[3]:<45} {0:>8} {0:>8} {'no text':>9}")
    sys.exit(0)
recall = 100.0 * matched / total
print(f"{sys.argv[3]:<45} {total:>8} {matched:>8} {recall:>8.2f}%")
sys.exit(0 if recall >= 99.5 else 1)
PY
done
exit $status
