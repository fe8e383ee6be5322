#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The KUnit console of one boot, for tests/suites/kunit.kernel.sh.

  ktap.py split KTAP PREFIX    cut the console after boot into one KTAP
                               document per suite, PREFIX1, PREFIX2, ...
  ktap.py cases KVER JSON...   one ok / not ok line per leaf case of the
                               documents kunit.py parsed (JSON, beside the
                               document it parsed); exit 1 if any failed

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
        detail.update(details(path[:-len(".json")]))
        walk(root, "")
    return 1 if bad else 0


if __name__ == "__main__":
    dispatch({"split": split, "cases": cases}, __doc__)
