#!/usr/bin/env bash
# Makes the PDF fixtures in samples/pdf/ (or OUT_DIR) from the text samples:
#   lkjip-2020-kec-*.writer.pdf    LibreOffice Writer, from HTML with real tables
#   lkjip-2020-kec-*.chromium.pdf  headless Chromium print-to-PDF of the same HTML
#   type1-differences.pdf, scanned-page.pdf, mixed-scan.pdf   (make-raw-pdfs.py)
#   encrypted-empty-user.pdf, encrypted-password.pdf           (qpdf)
#   not-a-pdf.pdf                                               (an HTML file)
# and tests/fixtures/pdf/{ledokombo,rambipuji}-{writer,chromium}-unruled.pdf: tables without borders.
# Installs what it needs from Debian. Usage: scripts/make-sample-pdfs.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-samples/pdf}"
mkdir -p "$out"
need=()
command -v soffice >/dev/null || need+=(libreoffice-writer fonts-liberation)
command -v chromium >/dev/null || need+=(chromium)
command -v qpdf >/dev/null || need+=(qpdf)
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q "${need[@]}"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# render HTML WRITER_PDF CHROMIUM_PDF: the same HTML printed by both producers.
render() {
  local html="$1" name
  name="$(basename "$html" .html)"
  # Writer (not Writer/Web) so that the HTML tables become Writer tables.
  soffice --headless -env:UserInstallation="file://$work/lo-profile" \
    --infilter="HTML (StarWriter)" --convert-to pdf:writer_pdf_Export \
    --outdir "$work/writer" "$html" >/dev/null
  cp "$work/writer/$name.pdf" "$2"
  chromium --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/chromium-profile" --no-pdf-header-footer \
    --print-to-pdf="$3" "file://$html" 2>/dev/null
}
for sample in ledokombo rambipuji; do
  src="samples/lkjip-2020-kec-$sample.txt"
  python3 scripts/txt2html.py "$src" "$work/$sample.html"
  render "$work/$sample.html" \
    "$out/lkjip-2020-kec-$sample.writer.pdf" "$out/lkjip-2020-kec-$sample.chromium.pdf"
  python3 scripts/txt2html.py "$src" "$work/$sample-unruled.html" --unruled
  render "$work/$sample-unruled.html" \
    "tests/fixtures/pdf/$sample-writer-unruled.pdf" "tests/fixtures/pdf/$sample-chromium-unruled.pdf"
done
python3 scripts/make-raw-pdfs.py "$out"
qpdf --encrypt "" lkjip-owner 256 -- "$out/type1-differences.pdf" "$out/encrypted-empty-user.pdf"
qpdf --encrypt rahasia lkjip-owner 256 -- "$out/type1-differences.pdf" "$out/encrypted-password.pdf"
printf '<!DOCTYPE html><html><body><p>Laporan Kinerja 2020 (HTML, not a PDF)</p></body></html>\n' > "$out/not-a-pdf.pdf"
ls -l "$out"
