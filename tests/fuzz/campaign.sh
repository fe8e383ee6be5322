#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make fuzz: a long campaign from the corpus kept in the tree, one core.
#   FUZZ_TIME      seconds for tools/m7-fuzz (default 600)
#   FUZZ_DTB_TIME  seconds for tools/m7-fuzz-dtb (default FUZZ_TIME / 5)
#   FUZZ_MERGE=1   afterwards, merge what the campaign added into
#                  tests/fuzz/corpus* (libFuzzer -merge=1 keeps only inputs
#                  that add coverage), to commit
# New inputs accumulate in build/fuzz/corpus*, across campaigns; findings
# (crash-*, leak-*, timeout-*, oom-*) are written to build/fuzz/. The tree's
# corpus is only read. Ends with "fuzz-executions: total N m7-fuzz N
# m7-fuzz-dtb N"; exits 1 if anything was found.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/build/fuzz
t=${FUZZ_TIME:-600}
t_dtb=${FUZZ_DTB_TIME:-$((t / 5 > 0 ? t / 5 : 1))}
found=0 total=0

make -C "$top/tools" m7-fuzz m7-fuzz-dtb || exit 2
mkdir -p "$out/corpus" "$out/corpus-dtb"
for spec in "m7-fuzz $t corpus" "m7-fuzz-dtb $t_dtb corpus-dtb"; do
	read -r name secs c <<<"$spec"
	[ -n "$(ls -A "$top/tests/fuzz/$c" 2>/dev/null)" ] || {
		echo "make fuzz: tests/fuzz/$c is missing (docs/fuzzing.md)"
		exit 2
	}
	echo "== $name, ${secs}s (log: build/fuzz/$name.log)"
	M7_FUZZ_STATS=1 "$top/tools/$name" -max_total_time="$secs" \
		-rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
		-artifact_prefix="$out/" "$out/$c" "$top/tests/fuzz/$c" \
		>"$out/$name.log" 2>&1 || found=1
	n=$(grep -ao 'stat::number_of_executed_units: *[0-9]*' "$out/$name.log" |
		grep -o '[0-9]*$' | tail -1)
	eval "n_${name//-/_}=${n:-0}"
	total=$((total + ${n:-0}))
	echo "   ${n:-0} executions ($(( ${n:-0} / secs ))/s)"
	grep -a 'm7-fuzz: stats:' "$out/$name.log" | sed 's/^/   /'
	grep -aE 'check failed|ERROR|SUMMARY|Test unit written' "$out/$name.log" |
		head -5 | sed 's/^/   /'
	if [ "${FUZZ_MERGE:-0}" = 1 ]; then
		"$top/tools/$name" -merge=1 "$top/tests/fuzz/$c" "$out/$c" \
			>"$out/$name-merge.log" 2>&1 &&
			echo "   merged into tests/fuzz/$c: $(ls "$top/tests/fuzz/$c" | wc -l) inputs"
	fi
done
echo "fuzz-executions: total $total m7-fuzz ${n_m7_fuzz:-0} m7-fuzz-dtb ${n_m7_fuzz_dtb:-0}"
[ "$found" = 0 ] || echo "make fuzz: findings in build/fuzz/ (see the logs)"
exit "$found"
