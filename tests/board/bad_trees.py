#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The bad-tree catalogue (bad-trees.dtso, bad-trees.tsv): the driver's
probe and m7-preflight --dtb must say the same thing about each node.

  bad_trees.py preflight CATALOGUE DTB PREFLIGHT FW WORK
      for each node of CATALOGUE, WORK/NODE.dtb: DTB with that node the
      only one of our compatible (the good node's compatible and the other
      bad nodes removed with fdtput), then m7-preflight --dtb on it;
      writes WORK/preflight.tsv: NODE, exit status, the words it printed
      after "m7-preflight: [warning: ]/NODE: " (one line each)
  bad_trees.py compare CATALOGUE CONSOLE PREFLIGHT_TSV
      one "ok - ..." / "not ok - ..." line per node: the driver's probe
      printed the catalogue's words after "/NODE: ", m7-preflight the same
      words, refusing (exit 2) or warning (exit 0) as the catalogue says.
      Exit 1 if any node fails.
"""
import os
import re
import subprocess
import sys

COMPATIBLE = "imx-m7-rproc,imx8mp-cm7"


def catalogue(path):
    rows = []
    with open(path) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            node, verdict, words = line.rstrip("\n").split("\t")
            rows.append((node, verdict, words))
    return rows


def run(*cmd):
    return subprocess.run(cmd, capture_output=True, text=True)


def our_nodes(dtb):
    """Paths of the nodes compatible with ours, read with fdtget."""
    out = run("fdtget", "-l", dtb, "/").stdout.split()
    paths = []
    for name in out:
        c = run("fdtget", dtb, "/" + name, "compatible")
        if c.returncode == 0 and c.stdout.strip() == COMPATIBLE:
            paths.append("/" + name)
    return paths


def preflight(cat, dtb, tool, fw, work):
    os.makedirs(work, exist_ok=True)
    nodes = our_nodes(dtb)
    with open(os.path.join(work, "preflight.tsv"), "w") as out:
        for node, _, _ in cat:
            one = os.path.join(work, node + ".dtb")
            with open(dtb, "rb") as src, open(one, "wb") as dst:
                dst.write(src.read())
            if "/" + node not in nodes:
                out.write(f"{node}\tmissing\t\n")
                continue
            others = [p for p in nodes if p != "/" + node and
                      p.startswith("/m7-bad-")]
            good = [p for p in nodes if not p.startswith("/m7-bad-")]
            if others and run("fdtput", "-r", one, *others).returncode:
                sys.exit(f"fdtput -r failed on {one}")
            for g in good:
                if run("fdtput", "-t", "s", one, g, "compatible",
                       "not-ours").returncode:
                    sys.exit(f"fdtput failed on {one} {g}")
            r = run(tool, "--dtb", one, fw)
            said = re.findall(r"^m7-preflight: (?:warning: )?/" +
                              re.escape(node) + r": (.*)$", r.stderr, re.M)
            for w in said or [""]:
                out.write(f"{node}\t{r.returncode}\t{w}\n")


def driver_words(console):
    """NODE -> the words the driver printed after "/NODE: "."""
    said = {}
    # dev_err_probe() puts "error -22: " before the words.
    pat = re.compile(r"imx-m7-rproc \S+: (?:error -?\w+: )?"
                     r"/(m7-bad-[^:\s]+): (.*)$")
    seen = set()
    with open(console, errors="replace") as f:
        for line in f:
            line = line.rstrip("\r\n")
            # the console may carry a kernel line twice (printk and dmesg)
            if line in seen:
                continue
            seen.add(line)
            m = pat.search(line)
            if m:
                said.setdefault(m.group(1), []).append(m.group(2))
    return said


def compare(cat, console, pf_tsv):
    drv = driver_words(console)
    pf = {}
    with open(pf_tsv) as f:
        for line in f:
            node, rc, words = line.rstrip("\n").split("\t")
            pf.setdefault(node, []).append((rc, words))
    bad = 0
    for node, verdict, words in cat:
        d = drv.get(node, [])
        p = pf.get(node, [])
        want_rc = "2" if verdict == "refuse" else "0"
        problems = []
        if d != [words]:
            problems.append(f"driver said {d!r}")
        if [w for _, w in p] != [words]:
            problems.append(f"m7-preflight said {[w for _, w in p]!r}")
        if any(rc != want_rc for rc, _ in p) or not p:
            problems.append(f"m7-preflight exit {[rc for rc, _ in p]}, "
                            f"expected {want_rc} ({verdict})")
        if problems:
            bad = 1
            print(f"not ok - bad tree {node}: driver and m7-preflight "
                  f"({verdict}) say the same")
            print(f"    want: {words}")
            for x in problems:
                print(f"    {x}")
        else:
            print(f"ok - bad tree {node}: driver and m7-preflight "
                  f"({verdict}) say \"{words}\"")
    return bad


def main(argv):
    if len(argv) == 7 and argv[1] == "preflight":
        preflight(catalogue(argv[2]), *argv[3:])
        return 0
    if len(argv) == 5 and argv[1] == "compare":
        return compare(catalogue(argv[2]), argv[3], argv[4])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
