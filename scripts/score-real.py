#!/usr/bin/env python3
"""Score lkjip-audit on the real reports of tests/fixtures/real/ against tests/real/keys/.

usage: scripts/score-real.py [--binary PATH] [--json OUT.json] [--unjudged] [--found]
                             [--update [--allow-loss]]

Runs `PATH check --format json -q tests/fixtures/real` (default PATH target/release/lkjip-audit),
or reads an existing output with --json, and matches its findings to the keys exactly as
/work/shared/tools/score-keys does:
  - a finding is judged when a key's tool_findings has a verdict with the same file, page, rule
    and stated (whitespace collapsed): TRUE and TRUE-WRONG-DETAIL count as true, FALSE-* as
    false, DEBATABLE as neither; the others are unjudged;
  - a key error is found when a TRUE verdict names it in "errors" and its finding is made, or
    (as score-keys) when a finding on its file and page (±1) states a number (2+ digits)
    that the error's `stated` also contains;
  - recall = (high/medium errors found + TRUE verdicts whose finding is made)
             / (high/medium errors + TRUE verdicts).
Prints a table per file and the totals (the first total line has score-keys' format).

--unjudged      also print every unjudged finding in full, for a reviewer to judge
--found         print, as JSON, the ids of the key errors found per file (tests/real/found.json)
--update        rewrite tests/real/found.json, baseline-false.json and unjudged.json from this
                output (what tests/real_reports.rs holds the tool to); refuses, exit 1, when an
                id found before would no longer be found, unless --allow-loss
"""
import collections
import glob
import json
import os
import re
import signal
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join("tests", "fixtures", "real")
REAL = os.path.join(ROOT, "tests", "real")
KEYS = os.path.join(REAL, "keys")
NUM = re.compile(r"-?\d+(?:[.,]\d+)*")


def nums(s):
    return {n.strip("-") for n in NUM.findall(str(s or "")) if len(n.strip("-")) >= 2}


def base(p):
    return os.path.basename(str(p))


def norm(s):
    return re.sub(r"\s+", " ", str(s or "")).strip()


def ident(f):
    """What a verdict, a baseline entry and a finding are matched by (within a file)."""
    return (f.get("page"), f.get("rule"), norm(f.get("stated")))


def load_keys():
    keys = {}
    for path in sorted(glob.glob(os.path.join(KEYS, "*.json"))):
        with open(path, encoding="utf-8") as fh:
            key = json.load(fh)
        keys[base(key["file"])] = key
    return keys


def audit(binary):
    try:
        proc = subprocess.run([binary, "check", "--format", "json", "-q", FIXTURES],
                              cwd=ROOT, capture_output=True, text=True)
    except FileNotFoundError:
        sys.exit(f"score-real: no binary at {binary} (cargo build --release, or --binary PATH)")
    if proc.returncode not in (0, 1):
        sys.exit(f"score-real: {binary} exited {proc.returncode}: {proc.stderr.strip()}")
    return json.loads(proc.stdout)


def error_found(err, file_findings):
    page = err.get("page")
    return page is not None and any(
        f.get("page") is not None and abs(f["page"] - page) <= 1
        and nums(f.get("stated")) & nums(err.get("stated"))
        for f in file_findings)


def score(keys, findings):
    """Per file: the findings by verdict class and the key errors found."""
    by_file = collections.defaultdict(list)
    for f in findings:
        if base(f["file"]) in keys:
            by_file[base(f["file"])].append(f)
    result = {}
    for name, key in keys.items():
        verdicts = {ident(v): v["verdict"] for v in key.get("tool_findings", [])}
        fs = by_file.get(name, [])
        r = {"findings": fs, "true": [], "false": [], "debatable": [], "unjudged": []}
        for f in fs:
            v = verdicts.get(ident(f))
            cls = ("unjudged" if v is None else "true" if v.startswith("TRUE")
                   else "false" if v.startswith("FALSE") else "debatable")
            r[cls].append(f)
        made = {ident(f) for f in r["true"]}
        r["true_keys"] = {k for k, v in verdicts.items() if v.startswith("TRUE")}
        r["true_found"] = r["true_keys"] & made
        r["errors"] = {c: [e for e in key.get("errors", []) if e.get("confidence") == c]
                       for c in ("high", "medium", "low")}
        # Found by the figures the finding states (as score-keys does), or by a TRUE verdict
        # on a finding made here that names the error in its "errors" (a link made by hand
        # after reading the page: a missing chapter or a wrong office states no figure).
        linked = {eid for v in key.get("tool_findings", []) if v["verdict"].startswith("TRUE")
                  and ident(v) in made for eid in v.get("errors", [])}
        r["found"] = [e["id"] for e in key.get("errors", [])
                      if error_found(e, fs) or e["id"] in linked]
        result[name] = r
    return result


def frac(a, b):
    return f"{a}/{b}"


def report(result):
    found_ids = lambda r, c: [e for e in r["errors"][c] if e["id"] in r["found"]]
    w = max(map(len, result), default=4)
    head = (f"{'file':<{w}} {'find':>4} {'true':>4} {'fals':>4} {'deb':>3} {'unj':>4} "
            f"{'prec':>5} {'high':>6} {'med':>6} {'TRUE':>5}")
    print(head)
    t = collections.Counter()
    for name, r in sorted(result.items()):
        n = {k: len(r[k]) for k in ("findings", "true", "false", "debatable", "unjudged")}
        judged = n["true"] + n["false"]
        prec = f"{n['true'] / judged:.2f}" if judged else "-"
        hi, me = len(found_ids(r, "high")), len(found_ids(r, "medium"))
        print(f"{name:<{w}} {n['findings']:>4} {n['true']:>4} {n['false']:>4} "
              f"{n['debatable']:>3} {n['unjudged']:>4} {prec:>5} "
              f"{frac(hi, len(r['errors']['high'])):>6} {frac(me, len(r['errors']['medium'])):>6} "
              f"{frac(len(r['true_found']), len(r['true_keys'])):>5}")
        t.update(n)
        t["high"] += hi; t["high_all"] += len(r["errors"]["high"])
        t["medium"] += me; t["medium_all"] += len(r["errors"]["medium"])
        t["true_found"] += len(r["true_found"]); t["true_keys"] += len(r["true_keys"])
    judged = t["true"] + t["false"]
    precision = t["true"] / judged if judged else 0
    real = t["high_all"] + t["medium_all"] + t["true_keys"]
    recall = (t["high"] + t["medium"] + t["true_found"]) / real if real else 0
    worst = max((len(r["false"]) for r in result.values()), default=0)
    print(f"reports {len(result)} findings {t['findings']}: true {t['true']} false {t['false']} "
          f"debatable {t['debatable']} unjudged {t['unjudged']}; precision {precision:.2f} "
          f"recall {recall:.2f} ({t['high'] + t['medium']}+{t['true_found']}/{real}); "
          f"most false in one report {worst}")
    pct = lambda a, b: f"{100 * a / b:.0f} %" if b else "-"
    print(f"recall of high errors {t['high']}/{t['high_all']} ({pct(t['high'], t['high_all'])}), "
          f"of medium errors {t['medium']}/{t['medium_all']} ({pct(t['medium'], t['medium_all'])}), "
          f"TRUE verdicts made {t['true_found']}/{t['true_keys']}")


def print_unjudged(result):
    for name, r in sorted(result.items()):
        for f in r["unjudged"]:
            print(f"\n{name} page {f.get('page')} line {f.get('line')} {f['rule']}")
            for field in ("stated", "expected", "message", "computation", "excerpt"):
                print(f"  {field:<11} {f.get(field)}")


def entries(fs):
    """The [page, rule, stated] of findings, sorted, one per finding (a multiset)."""
    return sorted((list(ident(f)) for f in fs),
                  key=lambda e: (e[0] is None, e[0] or 0, e[1], e[2]))


def write_json(name, data):
    """{file: [item, ...]} with one item per line, so that a diff shows each change."""
    lines = []
    for i, (key, items) in enumerate(data.items()):
        comma = "," if i + 1 < len(data) else ""
        if not items:
            lines.append(f" {json.dumps(key)}: []{comma}")
            continue
        lines.append(f" {json.dumps(key)}: [")
        lines += [f"  {json.dumps(x, ensure_ascii=False)}" + ("," if j + 1 < len(items) else "")
                  for j, x in enumerate(items)]
        lines.append(f" ]{comma}")
    with open(os.path.join(REAL, name), "w", encoding="utf-8") as fh:
        fh.write("{\n" + "\n".join(lines) + "\n}\n")


def read_json(name):
    path = os.path.join(REAL, name)
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def added(old, new):
    """The items of new (a {file: [item]} multiset) beyond those of old."""
    out = []
    for name, items in new.items():
        left = collections.Counter(json.dumps(x) for x in old.get(name, []))
        for x in items:
            k = json.dumps(x)
            if left[k]:
                left[k] -= 1
            else:
                out.append((name, x))
    return out


def update(result, allow_loss):
    old = read_json("found.json")
    found = {name: result[name]["found"] for name in sorted(result)}
    lost = [(n, i) for n, ids in sorted(old.items()) for i in ids if i not in found.get(n, [])]
    if lost and not allow_loss:
        sys.exit("score-real: refusing to update: key errors found before are no longer found:\n"
                 + "\n".join(f"  {n} {i}" for n, i in lost)
                 + "\n(fix the regression, or pass --allow-loss if the loss is intended)")
    false = {name: entries(result[name]["false"]) for name in sorted(result)}
    unjudged = {name: entries(result[name]["unjudged"]) for name in sorted(result)}
    changes = ([f"lost {n} {i}" for n, i in lost]
               + [f"newly found {n} {i}" for n, i in added(old, found)]
               + [f"new false finding {n} {x}" for n, x in added(read_json("baseline-false.json"), false)]
               + [f"new unjudged finding {n} {x}" for n, x in added(read_json("unjudged.json"), unjudged)])
    write_json("found.json", found)
    write_json("baseline-false.json", false)
    write_json("unjudged.json", unjudged)
    for line in changes:
        print(line, file=sys.stderr)
    print(f"updated tests/real/found.json ({sum(map(len, found.values()))} ids), "
          f"baseline-false.json ({sum(map(len, false.values()))} findings), "
          f"unjudged.json ({sum(map(len, unjudged.values()))} findings)", file=sys.stderr)


def main(argv):
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` is not an error
    def value(flag, default):
        if flag not in argv:
            return default
        i = argv.index(flag)
        if i + 1 >= len(argv):
            sys.exit(f"score-real: {flag} needs a value")
        return argv[i + 1]

    if "-h" in argv or "--help" in argv:
        print(__doc__)
        return
    known = {"--binary", "--json", "--unjudged", "--found", "--update", "--allow-loss"}
    args = [a for i, a in enumerate(argv) if not (i and argv[i - 1] in ("--binary", "--json"))]
    unknown = [a for a in args if a not in known]
    if unknown:
        sys.exit(f"score-real: unknown argument {unknown[0]}\n{__doc__}")
    keys = load_keys()
    out_path = value("--json", None)
    if out_path:
        with open(out_path, encoding="utf-8") as fh:
            doc = json.load(fh)
    else:
        binary = value("--binary", None)
        doc = audit(os.path.abspath(binary) if binary
                    else os.path.join(ROOT, "target", "release", "lkjip-audit"))
    result = score(keys, doc["findings"])
    if "--found" in argv:
        print(json.dumps({n: result[n]["found"] for n in sorted(result)}, indent=1))
        return
    if "--update" in argv:
        update(result, "--allow-loss" in argv)
        return
    report(result)
    if "--unjudged" in argv:
        print_unjudged(result)


if __name__ == "__main__":
    main(sys.argv[1:])
