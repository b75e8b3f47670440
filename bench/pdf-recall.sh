#!/usr/bin/env bash
# Numeric-token recall of our PDF extraction against `pdftotext -layout`
# (poppler-utils, installed if missing).
# Usage: bench/pdf-recall.sh [DIR...]
#   Without DIR: every PDF in samples/pdf/, the unruled renderings in
#   tests/fixtures/pdf/, and the real reports in /work/shared/real-pdfs when
#   that folder exists. With DIR: the PDFs in those folders (e.g. tests/fixtures/real/).
# For each file: the multiset of numbers pdftotext yields (1.329.782.597,10,
# 96,14, 2020, 85 …) once running headers, footers and page numbers are left
# out of both, how many our `lkjip-audit extract --layout` yields too, the
# recall, and two kinds of wrong figures:
#   glued: one of our tokens (6+ characters) is two or more consecutive
#          pdftotext tokens of that page run together (two cells read as one),
#          or one that is no well-formed figure, missing from pdftotext's page,
#          and is two or more of that page's pdftotext tokens, in their order,
#          joined by a dot or comma (a column's lines of several rows read as
#          one cell: "1.2.3.4.5.6.7.8.9.10", "35.317." over "25.006.794");
#   split: a pdftotext figure of 4+ characters missing on a page while two or
#          more of our tokens on that page concatenate to it ("46" + "9.325.000,00").
# Two things pdftotext prints that a viewer does not show are not asked of us:
#   hidden: figures of text our reader leaves out as not visible (clipped, covered by a
#          filled shape, invisible render mode, overdrawn, a duplicate layer, a watermark);
#          `extract --show-dropped` lists each with its page, and the column counts them,
#          so a reader that hides visible text shows up there (check them on the page image);
#   letter-spaced headings: pdftotext splits "Tahun 2013" typed with wide character spacing
#          into "2 0 1 3"; on such a line its single digits (and dots) are joined back.
# And one thing it splits that we join is counted apart: a wrapped amount, an amount
# broken at a narrow cell's edge ("1.506.190.00" over "0"). Our "1.506.190.000" counts
# for both of pdftotext's pieces when the first piece is ill-grouped (a last group of
# one or two digits), the two join into a well-grouped amount, and both are missing
# on that page; the `rejoined` column counts them.
# Exits 1 if a file with a text layer is under 99.5 % or has a glued or split figure.
# BIN=path/to/lkjip-audit measures that binary instead of building this tree's.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v pdftotext >/dev/null; then
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -q && $sudo_cmd apt-get install -y -q poppler-utils
fi
if [ -n "${BIN:-}" ]; then
  bin=$BIN
else
  cargo build --release -q
  bin=target/release/lkjip-audit
fi
files=()
if [ $# -gt 0 ]; then
  for dir in "$@"; do
    while IFS= read -r -d '' f; do files+=("$f"); done < <(find "$dir" -maxdepth 1 -name '*.pdf' -print0 | sort -z)
  done
else
  files=(samples/pdf/*.pdf tests/fixtures/pdf/*-unruled.pdf)
  if [ -d /work/shared/real-pdfs ]; then files+=(/work/shared/real-pdfs/*.pdf); fi
fi
python3 - "$bin" "${files[@]}" <<'PY'
import collections, re, subprocess, sys

NUM = re.compile(r"\d+(?:[.,]\d+)*")
PAGENO = re.compile(r"^\s*(?:-\s*)?(?:hal(?:aman)?\.?\s*)?[ivxlc\d]+(?:\s*-)?\s*$", re.I)

def norm(line):
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", line.strip()))

def strip_running(pages):
    """Lines among the first/last 3 of a page that recur (digits aside) on 3+
    pages and a quarter of them, and lone page numbers: what we leave out too."""
    edge = collections.Counter()
    for p in pages:
        ls = [l for l in p if l.strip()]
        for l in set(map(norm, ls[:3] + ls[-3:])):
            edge[l] += 1
    n = max(1, len(pages))
    running = {k for k, v in edge.items() if v >= 3 and v >= 0.25 * n}
    kept = []
    for p in pages:
        ls = [l for l in p if l.strip()]
        edges = set(ls[:3] + ls[-3:])
        kept.append([l for l in p if not (l in edges and (norm(l) in running or PAGENO.match(l)))])
    return kept

HIDDEN = re.compile(r"^page (\d+): (?:invisible|clipped|covered|overdrawn|duplicate|watermark)[^:]*: (.*)$")

def hidden_figures(binary, pdf):
    """Per page, the figures of the text our reader left out as not visible."""
    _, out, _ = run([binary, "extract", "--show-dropped", pdf])
    pages = collections.defaultdict(collections.Counter)
    for line in out.splitlines():
        m = HIDDEN.match(line)
        if m:
            pages[int(m.group(1))].update(NUM.findall(m.group(2)))
    return pages

SPACED_RUN = re.compile(r"(?<!\S)[\d.,](?: [\d.,])+(?!\S)")

def join_letter_spaced(line):
    """pdftotext's "2 . 1 P e r e n c a n a a n ... 2 0 1 3" -> "2.1 ... 2013": only on a
    line most of whose words are single characters, letters among them."""
    words = line.split()
    singles = [w for w in words if len(w) == 1]
    if len(words) < 8 or len(singles) < 0.6 * len(words) or sum(w.isalpha() for w in singles) < 4:
        return line
    return SPACED_RUN.sub(lambda m: m.group(0).replace(" ", ""), line)

ILL_GROUPED = re.compile(r"^\d{1,3}(?:([.,])\d{3})*[.,]\d{1,2}$")
WELL_GROUPED = re.compile(r"^\d{1,3}(?:([.,])\d{3})+$")

def rejoined(extra, missing):
    """Our tokens that are a wrapped amount of two missing pdftotext pieces:
    how many pieces they account for (taken out of `missing`)."""
    count = 0
    for t, n in extra.items():
        if not WELL_GROUPED.match(t):
            continue
        for _ in range(n):
            for head in list(missing):
                tail = t[len(head):]
                if (missing[head] > 0 and t.startswith(head) and tail
                        and ILL_GROUPED.match(head) and missing[tail] > (tail == head)):
                    missing[head] -= 1
                    missing[tail] -= 1
                    count += 2
                    break
    return count

def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True, errors="replace")
    return r.returncode, r.stdout, r.stderr

def concatenations(tokens, min_len, min_piece):
    """Runs of 2..7 consecutive tokens (min_piece+ characters each) joined, min_len long."""
    out = set()
    for i in range(len(tokens)):
        if len(tokens[i]) < min_piece:
            continue
        acc = tokens[i]
        for j in range(i + 1, min(i + 8, len(tokens))):
            if len(tokens[j]) < min_piece:
                break
            acc += tokens[j]
            if len(acc) >= min_len:
                out.add(acc)
    return out

WELL_FORMED = re.compile(r"^(?:\d{1,3}(?:\.\d{3})*(?:,\d+)?|\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:[.,]\d+)?)$")

def joined_by_separators(token, theirs_seq, theirs):
    """Whether an ill-formed token of ours is two or more pdftotext tokens of the
    page, in pdftotext's order, joined by the dots or commas between them."""
    if WELL_FORMED.match(token):
        return False
    parts = re.split(r"([.,])", token)
    digits, seps = parts[0::2], parts[1::2]
    if len(digits) > 16:
        return False
    positions = collections.defaultdict(list)
    for i, t in enumerate(theirs_seq):
        positions[t].append(i)

    def search(k, after, pieces):
        # Pieces from digit group k on, each a pdftotext token after index `after`.
        if k == len(digits):
            return pieces >= 2
        piece = digits[k]
        for end in range(k, len(digits)):
            if end > k:
                piece += seps[end - 1] + digits[end]
            if theirs[piece] > 0:
                for pos in positions[piece]:
                    if pos > after and search(end + 1, pos, pieces + 1):
                        return True
                    if pos > after:
                        break
        return False

    return search(0, -1, 0)

binary, pdfs = sys.argv[1], sys.argv[2:]
status = 0
print(f"{'file':<58} {'poppler':>7} {'ours':>7} {'recall':>8} {'glued':>5} {'split':>5} {'hidden':>6} {'rejoined':>8}")
for pdf in pdfs:
    name = pdf.split("/")[-1][:58]
    code, poppler, _ = run(["pdftotext", "-layout", pdf, "-"])
    if code != 0:
        print(f"{name:<58} skipped: pdftotext cannot read it (not a PDF / needs a password)")
        continue
    code, ours_txt, err = run([binary, "extract", "--layout", pdf])
    theirs_pages = strip_running([[join_letter_spaced(l) for l in p.split("\n")]
                                  for p in poppler.split("\f")])
    if code != 0:
        print(f"{name:<58} ours: {err.strip()[:100]}")
        if any(NUM.search(l) for p in theirs_pages for l in p):
            status = 1
        continue
    ours_pages = ours_txt.split("\f")
    total = matched = glued = split = hidden = wrapped = 0
    examples = []
    not_shown = hidden_figures(binary, pdf)
    for i, page in enumerate(theirs_pages):
        theirs = collections.Counter(t for l in page for t in NUM.findall(l))
        left_out = theirs & not_shown[i + 1]
        hidden += sum(left_out.values())
        theirs -= left_out
        ours_seq = NUM.findall(ours_pages[i]) if i < len(ours_pages) else []
        ours = collections.Counter(ours_seq)
        total += sum(theirs.values())
        matched += sum((theirs & ours).values())
        joins = rejoined(ours - theirs, theirs - ours)
        matched += joins
        wrapped += joins
        theirs_seq = NUM.findall(" ".join(page))
        extra = ours - theirs
        joined = concatenations(theirs_seq, 6, 2)
        for t, n in extra.items():
            if len(t) >= 6 and t in joined:
                glued += n
                examples.append(f"p{i + 1} glued {t}")
            elif len(t) >= 5 and joined_by_separators(t, theirs_seq, theirs):
                glued += n
                examples.append(f"p{i + 1} glued {t}")
        missing = theirs - ours
        pieces = concatenations(ours_seq, 4, 1)
        for t, n in missing.items():
            if len(t) >= 4 and t in pieces:
                split += n
                examples.append(f"p{i + 1} split {t}")
    if total == 0:
        print(f"{name:<58} {0:>7} {0:>7} {'no text':>8}")
        continue
    recall = 100.0 * matched / total
    print(f"{name:<58} {total:>7} {matched:>7} {recall:>7.2f}% {glued:>5} {split:>5} {hidden:>6} {wrapped:>8}"
          + (f"  {'; '.join(examples[:4])}" if examples else ""))
    if recall < 99.5 or glued or split:
        status = 1
sys.exit(status)
PY
