#!/usr/bin/env python3
"""The tables lkjip-audit reads from each real report against the tables its key records.

usage: scripts/tables-vs-keys.py [--binary PATH] [--verbose] [--text] [--update | --check] [FILE.pdf ...]
For every table of tests/real/keys/<name>.json ("tables": page, caption, columns, body_rows),
finds the table `lkjip-audit extract --tables --format json` reads on that page (the one with
the same caption number, else the one whose columns are most alike), and prints per report:
tables found, with the right number of columns, with the right labels (every column label
alike: same words, case and punctuation aside), with the right number of body rows, of the
right kind, and with the roles the key gives (target, realisasi, capaian, anggaran, label,
number, predicate: every key role on the columns it names, for tables with the right columns).

--text reads each report's `pdftotext -layout` export instead of the PDF (poppler-utils; what
an auditor may be handed instead), against the same key tables; --update and --check do not
apply to it.

--update writes tests/real/tables-ok.json: for each key table (file, page, caption), which of
columns, labels, rows, kind and roles are right today. --check fails (exit 1, listing them)
when one of those is no longer right: the ratchet tests/real_tables.rs runs.
"""
import json, os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "tests/fixtures/real")
KEYS = os.path.join(ROOT, "tests/real/keys")
RATCHET = os.path.join(ROOT, "tests/real/tables-ok.json")
FLAGS = ["columns", "labels", "rows", "kind", "roles"]

def words(s):
    return re.findall(r"[a-z0-9]+", (s or "").lower())

def alike(a, b):
    wa, wb = words(a), words(b)
    if not wa and not wb:
        return True
    return wa == wb or "".join(wa) == "".join(wb)

def caption_number(c):
    m = re.search(r"(\d+(?:[.\-]\s?\d+)*\w?)", c or "")
    return re.sub(r"\s", "", m.group(1)) if m else None

def read_tables(binary, pdf):
    out = subprocess.run([binary, "extract", "--tables", "--format", "json", pdf],
                         capture_output=True, text=True)
    try:
        return json.loads(out.stdout)
    except json.JSONDecodeError:
        return []

def score_labels(expected, got):
    return sum(1 for a, b in zip(expected, got) if alike(a, b))

def match(key_table, ours, used):
    on_page = [t for t in ours if key_table["page"] in t["pages"] or t["page"] == key_table["page"]]
    if not on_page:
        return None
    num = caption_number(key_table.get("caption"))
    same_caption = [t for t in on_page if num and caption_number(t.get("caption")) == num]
    pool = same_caption or on_page
    # Two key tables of one page with the same columns (two uncaptioned
    # tables under one another) are not both matched to one of ours.
    pool = [t for t in pool if used.get(id(t)) != key_table["columns"]] or pool
    return max(pool, key=lambda t: (score_labels(key_table["columns"], t["columns"]),
                                    -abs(len(t["columns"]) - len(key_table["columns"])),
                                    len(t["rows"])))

def main():
    args = sys.argv[1:]
    binary = os.path.join(ROOT, "target/release/lkjip-audit")
    verbose = "--verbose" in args
    if "--binary" in args:
        binary = args[args.index("--binary") + 1]
    files = [a for a in args if a.endswith(".pdf")]
    text = "--text" in args
    if text and ("--update" in args or "--check" in args):
        sys.exit("--text does not apply with --update or --check")
    exports = tempfile.TemporaryDirectory()
    keys = sorted(f for f in os.listdir(KEYS) if f.endswith(".json"))
    state = {}
    totals = [0, 0, 0, 0, 0, 0, 0]
    print(f"{'report':<62} {'tables':>6} {'found':>5} {'cols':>5} {'labels':>6} {'rows':>5} {'kind':>5} {'roles':>5}")
    for k in keys:
        key = json.load(open(os.path.join(KEYS, k)))
        pdf = os.path.join(FIXTURES, key["file"])
        if files and not any(os.path.basename(f) == key["file"] for f in files):
            continue
        if text:
            export = os.path.join(exports.name, key["file"][:-4] + ".txt")
            subprocess.run(["pdftotext", "-layout", pdf, export], check=True)
            pdf = export
        ours = read_tables(binary, pdf)
        n = found = cols = labels = rows = kinds = roles = 0
        used = {}
        for kt in key.get("tables", []):
            n += 1
            t = match(kt, ours, used)
            if t is None:
                if verbose:
                    print(f"   p{kt['page']} {kt.get('caption')}: not found")
                continue
            used[id(t)] = kt["columns"]
            found += 1
            c_ok = len(t["columns"]) == len(kt["columns"])
            l_ok = c_ok and score_labels(kt["columns"], t["columns"]) == len(kt["columns"])
            r_ok = len(t["rows"]) == kt["body_rows"]
            k_ok = t.get("kind") == kt.get("kind")
            wrong_roles = []
            if c_ok:
                our_roles = t.get("roles", [])
                for role, idxs in kt.get("roles", {}).items():
                    if role.startswith("year:"):
                        year = int(role.split(":")[1])
                        wrong_roles += [f"{i}:{role}" for i in idxs if i < len(our_roles) and our_roles[i].get("year") != year]
                        continue
                    wrong_roles += [f"{i}:{role}" for i in idxs if i < len(our_roles) and our_roles[i].get("role") != role]
            ro_ok = c_ok and not wrong_roles
            cols += c_ok; labels += l_ok; rows += r_ok; kinds += k_ok; roles += ro_ok
            ok = [f for f, v in zip(FLAGS, [c_ok, l_ok, r_ok, k_ok, ro_ok]) if v]
            state.setdefault(key["file"], {})[f"p{kt['page']} {kt.get('caption')}"] = ok
            if verbose and not (c_ok and l_ok and r_ok and k_ok and ro_ok):
                print(f"   p{kt['page']} {kt.get('caption')}: cols {len(t['columns'])}/{len(kt['columns'])}"
                      f" rows {len(t['rows'])}/{kt['body_rows']} kind {t.get('kind')}/{kt.get('kind')}"
                      + (f" roles wrong {wrong_roles} ours {[r.get('role') for r in t.get('roles', [])]}" if wrong_roles else ""))
                if not l_ok:
                    print(f"      expected {kt['columns']}")
                    print(f"      got      {t['columns']}")
        totals = [a + b for a, b in zip(totals, [n, found, cols, labels, rows, kinds, roles])]
        print(f"{key['file'][:62]:<62} {n:>6} {found:>5} {cols:>5} {labels:>6} {rows:>5} {kinds:>5} {roles:>5}")
    n, found, cols, labels, rows, kinds, roles = totals
    print(f"{'all':<62} {n:>6} {found:>5} {cols:>5} {labels:>6} {rows:>5} {kinds:>5} {roles:>5}")
    if "--update" in args:
        with open(RATCHET, "w") as f:
            json.dump(state, f, indent=1, sort_keys=True, ensure_ascii=False)
            f.write("\n")
        print(f"updated {os.path.relpath(RATCHET, ROOT)}")
    if "--check" in args:
        before = json.load(open(RATCHET))
        lost = [f"{file} {table}: {flag} no longer right"
                for file, tables in before.items() for table, flags in tables.items()
                for flag in flags if flag not in state.get(file, {}).get(table, [])]
        for line in lost:
            print(line)
        if lost:
            sys.exit(1)

main()
