#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The KUnit console of one boot, for tests/suites/kunit.kernel.sh.

  ktap.py split KTAP PREFIX    cut the console after boot into one KTAP
                               document per suite, PREFIX1, PREFIX2, ...
  ktap.py cases KVER JSON...   one ok / not ok line per leaf case of the
                               documents kunit.py parsed (JSON, beside the
                               document it parsed), and a not ok line for a
                               suite whose cases kunit.py parsed fewer or
                               more than KUnit planned; exit 1 if any failed

kunit.py parses one KTAP document per run, and a module's suite is printed
with a top-level header on 6.12 but without one on 6.1 (built-in KUnit
also prints an empty document at boot): hence one document per suite, each
with its own header. A parameterised case counts each parameter.
"""
import json
import re

from cli import dispatch


def split(args):
    src, pfx = args
    lines = [re.sub(r"^\[ *[0-9.]+\] ", "", l.rstrip("\n")) for l in open(src)]
    docs, cur = [], None
    for i, l in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if l == "    KTAP version 1" and nxt.startswith("    # Subtest: "):
            cur = ["KTAP version 1", "1..1", l]
            docs.append(cur)
        elif cur is not None:
            cur.append(l)
            if re.match(r"(not )?ok [0-9]+ ", l):
                cur = None
    for n, d in enumerate(docs, 1):
        open(f"{pfx}{n}", "w").write("\n".join(d) + "\n")
    return 0


def planned(doc):
    """(suite, N) of the document's "# Subtest: suite" and its "1..N"."""
    name = None
    for line in open(doc):
        line = line.strip()
        if line.startswith("# Subtest: ") and name is None:
            name = line[len("# Subtest: "):]
        elif name is not None and re.fullmatch(r"1\.\.[0-9]+", line):
            return name, int(line[3:])
    return name, None


def details(doc):
    """For each failed case, the KUnit lines it printed before its result."""
    out, since = {}, []
    for line in open(doc):
        line = line.rstrip("\n")
        m = re.match(r"\s*(not )?ok [0-9]+ (.*?)(\s+#.*)?$", line)
        if m:
            if m.group(1):
                out.setdefault(m.group(2), since[-12:])
            since = []
        elif not re.match(r"\s*(KTAP version|# Subtest|1\.\.)", line):
            since.append(line.strip())
    return out


def cases(args):
    kver, paths = args[0], args[1:]
    bad = 0
    detail = {}

    def walk(group, prefix):
        nonlocal bad
        for case in group["test_cases"]:
            name = f"{prefix}.{case['name']}" if prefix else case["name"]
            st = case["status"]
            if st == "PASS":
                print(f"ok - {kver} {name}")
            elif st == "SKIP":
                print(f"ok - {kver} {name} # SKIP")
            else:
                print(f"not ok - {kver} {name} ({st})")
                for d in detail.get(case["name"], []):
                    print(f"    {d}")
                bad += 1
        for sub in group["sub_groups"]:
            walk(sub, f"{prefix}.{sub['name']}" if prefix else sub["name"])

    for path in paths:
        try:
            root = json.load(open(path))
        except Exception as e:
            print(f"not ok - KUnit JSON {path} unreadable: {e}")
            bad += 1
            continue
        doc = path[:-len(".json")]
        detail.update(details(doc))
        walk(root, "")
        # A console line lost or broken inside a suite can end kunit.py's
        # parse early with no case failed: the cases it saw pass, the
        # rest are gone. KUnit's plan says how many there were.
        suite, n = planned(doc)
        groups = [g for g in root["sub_groups"] if g["name"] == suite]
        got = (len(groups[0]["test_cases"]) + len(groups[0]["sub_groups"])
               if groups else 0)
        if n is None or got != n:
            print(f"not ok - {kver} {suite}: KUnit planned "
                  f"{'no' if n is None else n} cases, kunit.py parsed {got} "
                  f"({doc})")
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    dispatch({"split": split, "cases": cases}, __doc__)
