#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""make bench's figures from what tests/bench.sh measured.

  report.py plan CSV        CSV rows "n,instr_qsort,instr_ksort": the
                            planner's instruction counts by e_phnum, with
                            fitted growth exponents
  report.py start CONSOLE SIZES
                            the start windows and copy limits of one boot
                            (console lines "BD IMAGE <dmesg line>", SIZES
                            lines "IMAGE BYTES")
"""
import math
import re
import statistics
import sys


def slope(xs, ys):
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx


def plan(path):
    rows = [tuple(int(v) for v in line.split(",")) for line in open(path)
            if line.strip()]
    print(f"{'e_phnum':>8} {'glibc qsort':>14} {'lib/sort.c':>14} "
          f"{'qsort/(n lg n)':>15} {'sort.c/(n lg n)':>16}")
    for n, q, k in rows:
        nl = n * math.log2(n)
        print(f"{n:8d} {q:14d} {k:14d} {q / nl:15.2f} {k / nl:16.2f}")
    ns = [r[0] for r in rows]
    for col, name in ((1, "glibc qsort (tools/m7-preflight)"),
                      (2, "kernel lib/sort.c (m7-preflight-ksort)")):
        ly = [math.log(r[col]) for r in rows]
        k_n = slope([math.log(n) for n in ns], ly)
        k_nl = slope([math.log(n * math.log(n)) for n in ns], ly)
        print(f"{name}: instr ~ n^{k_n:.3f}; ~ (n log n)^{k_nl:.3f} "
              "(1.000 = n log n exactly)")
        print(f"plan-growth sort={'qsort' if col == 1 else 'ksort'} "
              f"exp_n={k_n:.3f} exp_nlogn={k_nl:.3f}")


TS = re.compile(r"^BD (\S+) \[\s*(\d+\.\d+)\] (.*)$")


def med(v):
    return statistics.median(v)


def span(v):
    return f"{med(v):8.2f} ({min(v):.2f}-{max(v):.2f})"


def start(console, sizes):
    size = dict(line.split() for line in open(sizes) if line.strip())
    ev = {}
    for line in open(console, errors="replace"):
        m = TS.match(line.replace("\r", "").rstrip("\n"))
        if m:
            ev.setdefault(m.group(1), []).append((float(m.group(2)),
                                                  m.group(3)))
    out = []
    print(f"{'image':<12} {'bytes':>9} {'n':>2} {'window ms':>22} "
          f"{'reqfw ms':>22} {'A-reqfw ms':>10} {'B ms':>22} "
          f"{'copy ms':>22} {'keep ms':>8} {'drv/copy':>8} "
          f"{'win/(rf+cp)':>11} {'at minima':>9}")
    for img, lines in ev.items():
        win, a, b, rf, cp, kp = [], [], [], [], [], []
        t_up = t_mid = None
        for t, msg in lines:
            if "powering up" in msg:
                t_up, t_mid = t, None
            elif "has no resource table" in msg and t_up is not None:
                t_mid = t
            elif "is now up" in msg and t_up is not None:
                win.append(1e3 * (t - t_up))
                if t_mid is not None:
                    a.append(1e3 * (t_mid - t_up))
                    b.append(1e3 * (t - t_mid))
                t_up = None
            elif msg.startswith("BENCHCOPY"):
                d = dict(x.split("=", 1) for x in msg.split()[1:])
                rf.append(int(d["reqfw_ns"]) / 1e6)
                cp.append(int(d["copy_ns"]) / 1e6)
                kp.append(int(d["keep_ns"]) / 1e6)
        if not win or not rf or len(a) != len(win):
            print(f"{img}: incomplete (windows {len(win)}, splits {len(a)}, "
                  f"copy rounds {len(rf)})", file=sys.stderr)
            return 1
        drv = med(win) - med(rf)
        r1 = drv / med(cp)
        r2 = med(win) / (med(rf) + med(cp))
        # The load of other users only ever adds time: the ratio of the
        # minima is the one least disturbed by it.
        r1min = (min(win) - min(rf)) / min(cp)
        print(f"{img:<12} {size.get(img, '?'):>9} {len(win):2d} "
              f"{span(win):>22} {span(rf):>22} {med(a) - med(rf):10.2f} "
              f"{span(b):>22} {span(cp):>22} {med(kp):8.2f} {r1:8.2f} "
              f"{r2:11.2f} {r1min:9.2f}")
        out.append(f"start {img} {size.get(img, '?')} driver/copy={r1:.3f} "
                   f"window/(reqfw+copy)={r2:.3f}")
        if img.startswith("many-"):
            out.append(f"plan{img[5:]} kernel_plan_ms={med(a) - med(rf):.2f} "
                       f"copy_ms={med(cp):.2f}")
    print()
    print("\n".join(out))
    return 0


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "plan":
        return plan(sys.argv[2])
    if len(sys.argv) == 4 and sys.argv[1] == "start":
        return start(sys.argv[2], sys.argv[3])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main())
