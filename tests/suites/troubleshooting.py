#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check docs/troubleshooting.md against the messages the code can print.

  troubleshooting.py [--root DIR] [--doc FILE] [--list]

Messages are read from every top-level *.c and every tools/*.c of DIR:
  - the format string of dev_err/dev_warn/dev_info/dev_notice (and their
    _once/_ratelimited forms), dev_err_probe, pr_err/pr_warn/pr_info/
    pr_notice, fprintf() to anything but stdout, and the planner's
    wording, imx_m7_put();
  - every other string literal holding "hint:" (a hint, however printed);
  - the planner's check names, `[IMX_M7_E_X] = "name"` (m7-preflight --json
    prints them; each needs a row whose first cell is that name in code).
A message has a row when, for each line it prints, one code span of the
table holds each literal piece of that line (the text between conversions
such as %s, %pOF or 0x%08llx) in order: the doc writes NAME or 0xADDR where
the code has %s.
The kernel's own messages users meet must have a row too (KERNEL_MSGS).

The last cell of each row names its tests: a code span holding a path
(tests/..., tools/..., dts/...) names a file, which must exist; each code
span after it is a check name, a KUnit case, a fixture or a string the
test prints, and must occur literally in that file. A row without a test
says why after a dash: `-- (an allocation failure)`.

Prints one line per problem and exits 1 when there is any; --list prints
the messages found, one per line, as FILE:LINE: FORMAT.
"""
import argparse
import glob
import os
import re
import sys

KERNEL_MSGS = [
    "Direct firmware load for",
    "failed with error -2",
    "disagrees about version of symbol",
    "version magic",
    "/dev/ttyRPMSG",
    "clk-imx8mp.mcore_booted=1",
]

# Calls whose format is argument N (0-based).
CALLS = {
    "dev_err_probe": 2,
    "imx_m7_put": 1,
    "fprintf": 1,      # unless fprintf(stdout, ...)
}
for lvl in ("emerg", "alert", "crit", "err", "warn", "notice", "info"):
    for suffix in ("", "_once", "_ratelimited"):
        CALLS["dev_" + lvl + suffix] = 1
        CALLS["pr_" + lvl + suffix] = 0
CALL_RE = re.compile(r"\b(" + "|".join(sorted(CALLS, key=len, reverse=True))
                     + r")\s*\(")
LIT_RE = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
CHECK_RE = re.compile(r'\[\s*IMX_M7_E_\w+\s*\]\s*=\s*"([^"]+)"')
# A printf conversion, with the kernel's %p extensions (%pOF, %pe, ...).
CONV_RE = re.compile(r"%(?:%|[-+ #0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?"
                     r"(?:p[A-Za-z]+|(?:hh|h|ll|l|z|t|j|L)?[diouxXcspeEfgGaAn]))")
ESC = {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'", "0": "\0"}


def strip_comments(src):
    """Blank out comments, keeping strings and line numbers."""
    out, i, n = [], 0, len(src)
    while i < n:
        c = src[i]
        if c == '"' or c == "'":
            j = i + 1
            while j < n and src[j] != c:
                j += 2 if src[j] == "\\" else 1
            out.append(src[i:j + 1])
            i = j + 1
        elif src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", src[i:j]))
            i = j
        elif src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def split_args(src, i):
    """Arguments of the call whose '(' is at src[i]: list of strings."""
    depth, args, cur, j = 0, [], [], i + 1
    while j < len(src):
        c = src[j]
        if c in "\"'":
            k = j + 1
            while k < len(src) and src[k] != c:
                k += 2 if src[k] == "\\" else 1
            cur.append(src[j:k + 1])
            j = k + 1
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                args.append("".join(cur))
                return args
            depth -= 1
        elif c == "," and depth == 0:
            args.append("".join(cur))
            cur = []
            j += 1
            continue
        cur.append(c)
        j += 1
    return None


def unescape(s):
    return re.sub(r"\\(.)", lambda m: ESC.get(m.group(1), m.group(1)), s)


def literal(arg):
    """The concatenated string literals of @arg, or None if it is not one."""
    arg = arg.strip()
    if not arg.startswith('"'):
        return None
    rest = LIT_RE.sub("", arg).strip()
    if rest:
        return None
    return "".join(unescape(m) for m in LIT_RE.findall(arg))


def lines(fmt):
    """The lines a format prints, each as its literal pieces in order: the
    text between conversions, blanks dropped. Lines without words (a bare
    "%s") are left out."""
    out = []
    for line in fmt.split("\n"):
        parts = [p.replace("%%", "%") for p in CONV_RE.split(line) if p.strip()]
        if any(re.search(r"[A-Za-z]{2,}", p) for p in parts):
            out.append(parts)
    return out


def messages(root):
    """[(file:line, fmt)] and [(file:line, problem)] and check names."""
    files = sorted(glob.glob(os.path.join(root, "*.c")) +
                   glob.glob(os.path.join(root, "tools", "*.c")))
    msgs, problems, checks, wording = [], [], [], [0]
    for path in files:
        rel = os.path.relpath(path, root)
        src = strip_comments(open(path, encoding="utf-8").read())
        for m in CALL_RE.finditer(src):
            name = m.group(1)
            line = src.count("\n", 0, m.start()) + 1
            args = split_args(src, m.end() - 1)
            if args is None:
                continue
            idx = CALLS[name]
            if name == "fprintf" and args[0].strip() == "stdout":
                continue    # output, not a message (stderr, or a FILE * that may be it)
            if len(args) <= idx:
                continue    # a declaration or a wrapper, not a message
            fmt = literal(args[idx])
            if fmt is None:
                if re.search(r"\bfmt\b", args[idx]):
                    continue    # a printf-like wrapper passing its format on
                problems.append("%s:%d: %s() with a format that is not a string literal: %s"
                                % (rel, line, name, args[idx].strip()))
                continue
            msgs.append(("%s:%d" % (rel, line), fmt))
            if name == "imx_m7_put":
                wording[0] += 1
        for m in LIT_RE.finditer(src):
            s = unescape(m.group(1))
            if "hint:" in s and not any(msgs_fmt_has(msgs, s)):
                line = src.count("\n", 0, m.start()) + 1
                msgs.append(("%s:%d" % (rel, line), s))
        for m in CHECK_RE.finditer(src):
            if m.group(1) != "ok":
                checks.append(("%s:%d" % (rel, src.count("\n", 0, m.start()) + 1),
                               m.group(1)))
    if checks and not wording[0]:
        problems.append("found the planner's check names but no imx_m7_put() wording: "
                        "if the planner prints through another function now, add it to "
                        "CALLS in tests/suites/troubleshooting.py")
    return msgs, problems, checks


def msgs_fmt_has(msgs, s):
    for _, fmt in msgs:
        yield s in fmt


SPAN_RE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")


def spans(cell):
    out = []
    for m in SPAN_RE.finditer(cell):
        s = m.group(2)
        if len(m.group(1)) > 1 and s.startswith(" ") and s.endswith(" "):
            s = s[1:-1]
        out.append(s.replace("\\|", "|"))
    return out


def split_row(line):
    """Cells of a markdown table row, honouring \\| and code spans."""
    cells, cur, i, tick = [], [], 0, 0
    body = line.strip()[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body) and body[i + 1] == "|":
            cur.append("\\|")
            i += 2
            continue
        if c == "`":
            j = i
            while j < len(body) and body[j] == "`":
                j += 1
            n = j - i
            tick = 0 if tick == n else (n if tick == 0 else tick)
            cur.append(body[i:j])
            i = j
            continue
        if c == "|" and not tick:
            cells.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    cells.append("".join(cur))
    return [c.strip() for c in cells]


def rows(doc):
    out = []
    for n, line in enumerate(open(doc, encoding="utf-8"), 1):
        if not line.startswith("|") or re.match(r"^\|[\s:|-]+\|?\s*$", line):
            continue
        cells = split_row(line)
        if cells and cells[0].lower() in ("message", "check"):
            continue    # a header
        out.append((n, cells))
    return out


def in_order(parts, text):
    pos = 0
    for p in parts:
        k = text.find(p, pos)
        if k < 0:
            return False
        pos = k + len(p)
    return True


def check_tests(root, n, cells, problems):
    cell = cells[-1]
    cur, named = None, 0
    reason = re.match(r"^(—|--)\s*\S", cell)
    for s in spans(cell):
        if re.match(r"^(tests|tools|dts|contrib)/[\w./@+-]+$", s):
            cur = s
            if not os.path.isfile(os.path.join(root, s)):
                problems.append("doc line %d: names a test file that does not exist: %s"
                                % (n, s))
                cur = None
            continue
        if cur is None and reason:
            continue    # words of the reason
        if cur is None:
            problems.append("doc line %d: `%s` names no test file before it" % (n, s))
            continue
        if s not in open(os.path.join(root, cur), encoding="utf-8",
                         errors="replace").read():
            problems.append("doc line %d: names a test that does not exist: `%s` is not in %s"
                            % (n, s, cur))
        named += 1
    if not named and not reason:
        problems.append("doc line %d: no test named, and no reason given after a dash: %s"
                        % (n, cell or "(empty)"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default=os.path.join(os.path.dirname(__file__), "..", ".."))
    ap.add_argument("--doc")
    ap.add_argument("--list", action="store_true")
    a = ap.parse_args()
    root = os.path.abspath(a.root)
    doc = a.doc or os.path.join(root, "docs", "troubleshooting.md")
    msgs, problems, checks = messages(root)
    if a.list:
        for where, fmt in msgs:
            print("%s: %r" % (where, fmt))
        for where, c in checks:
            print("%s: check %s" % (where, c))
        return 0
    table = rows(doc)
    all_spans = [s for _, cells in table for c in cells for s in spans(c)]
    first_spans = {s for _, cells in table for s in spans(cells[0])}
    wordless = covered = 0
    for where, fmt in msgs:
        if not lines(fmt):
            wordless += 1
            continue
        missing = [p for p in lines(fmt)
                   if not any(in_order(p, s) for s in all_spans)]
        if not missing:
            covered += 1
        else:
            problems.append("no row for the message of %s: %r" % (where, fmt))
    for where, c in checks:
        if c not in first_spans:
            problems.append("no row for the planner check %s (%s)" % (c, where))
    for k in KERNEL_MSGS:
        if not any(k in s for s in all_spans):
            problems.append("no row for the kernel's message %r" % k)
    for n, cells in table:
        if len(cells) < 4:
            problems.append("doc line %d: %d cells, expected 4 (message, cause, what to change, test)"
                            % (n, len(cells)))
            continue
        check_tests(root, n, cells, problems)
    for p in problems:
        print(p)
    print("summary: %d messages with a row, %d without words (e.g. \"%%s\\n\"), "
          "%d planner checks, %d kernel messages, %d rows, %d problems"
          % (covered, wordless, len(checks), len(KERNEL_MSGS), len(table), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
