#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A bounded libFuzzer run (ASan + UBSan) over imx_m7_elf_plan() and
# imx_m7_elf_rsc_table(), seeded with the synthetic images of mkelf.py and,
# when built, the firmware fixtures. Any crash, leak or sanitizer report
# fails. FUZZ_RUNS (default 200000) and FUZZ_SECONDS (default 60) bound it.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
runs=${FUZZ_RUNS:-200000}
secs=${FUZZ_SECONDS:-60}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! make -C "$top/tools" fuzz >"$work/make.log" 2>&1; then
	echo "not ok - fuzz: make -C tools fuzz (clang with libFuzzer needed)"
	sed 's/^/    /' "$work/make.log" | tail -5
	exit 1
fi
echo "ok - fuzz: tools/m7-fuzz built"
mkdir -p "$work/corpus" "$work/seeds"
python3 "$top/tests/suites/mkelf.py" "$work/seeds" || { echo "not ok - fuzz: mkelf.py"; exit 1; }
cp "$top"/build/fixtures/*.elf "$work/seeds/" 2>/dev/null
n=$(ls "$work/seeds" | wc -l)
if "$top/tools/m7-fuzz" -runs="$runs" -max_total_time="$secs" -max_len=262144 \
	-rss_limit_mb=2048 -artifact_prefix="$work/" -print_final_stats=1 \
	"$work/corpus" "$work/seeds" >"$work/fuzz.log" 2>&1; then
	echo "ok - fuzz: $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/fuzz.log" | grep -o '[0-9]*$') runs from $n seeds, no crash"
else
	echo "not ok - fuzz: m7-fuzz found a crash"
	grep -E "ERROR|SUMMARY|runtime error|Test unit written" "$work/fuzz.log" | head -10 | sed 's/^/    /'
	for a in "$work"/crash-* "$work"/leak-* "$work"/oom-* "$work"/timeout-*; do
		[ -f "$a" ] || continue
		mkdir -p "$top/build/fuzz" && cp "$a" "$top/build/fuzz/"
		echo "    reproducer: build/fuzz/$(basename "$a")"
	done
	exit 1
fi
