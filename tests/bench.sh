#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: speed and memory of the planner, as figures. Tests never time
# anything; this prints what a change did to the numbers.
#  1. tools/m7-bench: ns per plan, ns per segment and the planner's peak
#     heap, from 1 to 65535 program headers (userspace build of the same
#     imx_m7_elf.c the module links).
#  2. callgrind's instruction count for m7-preflight on the seed fixture:
#     repeatable whatever else the machine is doing.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
make -s -C "$top/tools" m7-preflight m7-bench
make -s -C "$top/tests/fixtures" >/dev/null
echo "== planner, $(uname -m), $(gcc -dumpfullversion) -O2"
"$top/tools/m7-bench"
echo
echo "== m7-preflight's table for 65535 program headers (one pass per region)"
gen=$(mktemp -d)
python3 "$top/tests/suites/mkelf.py" "$gen" >/dev/null
t0=$(date +%s.%N)
"$top/tools/m7-preflight" "$gen/many.elf" >/dev/null
echo "many.elf: $(echo "$(date +%s.%N) - $t0" | bc) s"
rm -rf "$gen"
echo
echo "== instructions to check the seed image (valgrind --tool=callgrind)"
for fw in mcux-tcm.elf ddr.elf; do
	out=$(mktemp)
	valgrind --tool=callgrind --callgrind-out-file="$out" \
		"$top/tools/m7-preflight" "$top/build/fixtures/$fw" >/dev/null 2>"$out.err" || true
	ir=$(sed -n 's/^summary: //p' "$out")
	printf '%-16s %12s instructions (whole m7-preflight run)\n' "$fw" "$ir"
	rm -f "$out" "$out.err"
done
