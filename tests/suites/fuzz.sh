#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A bounded libFuzzer run (ASan + UBSan) from the corpus kept in the tree
# (tests/fuzz/corpus, tests/fuzz/corpus-dtb; docs/fuzzing.md):
# tools/m7-fuzz over the region builder, the planner, the region lookup
# and the resource-table walk, tools/m7-fuzz-dtb over m7-preflight's
# --dtb reader. Any crash, leak, sanitizer report or failed check fails;
# so does a missing corpus, or a run whose inputs never reach a plan.
# Then the planted-bug builds must fail, one plant at a time: a fuzzer
# that cannot fail proves nothing; and each known crash under
# tests/fuzz/crashers/TARGET/ must still crash TARGET with M7_FUZZ_KNOWN=1.
#
# FUZZ_SECONDS (default 60): the whole run; the plants take a second or
# two each (they stop at their first finding, 5 s at most),
# m7-fuzz gets 2/3 of the rest, m7-fuzz-dtb 1/3. New inputs go to a scratch
# directory, findings to build/fuzz/. Ends with one line
# "fuzz-executions: total N m7-fuzz N m7-fuzz-dtb N plants N".
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/build/fuzz
label="fuzz: "
# shellcheck source=../lib/suite.sh
. "$top/tests/lib/suite.sh"
secs=${FUZZ_SECONDS:-60}
plant_secs=5
plants="copy-len find-end vector-pc rsc-da model-alias alias-of rpmsg-role plan-strict"
dtb_plants="dtb-size dtb-clock dtb-mbox"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

if ! make -C "$top/tools" fuzz >"$work/make.log" 2>&1; then
	notok "make -C tools fuzz (clang with libFuzzer, libfdt-dev)" \
		"$(tail -5 "$work/make.log")"
	exit 1
fi
ok "tools/m7-fuzz, m7-fuzz-dtb and their planted builds built"

for c in corpus corpus-dtb; do
	n=$(find "$top/tests/fuzz/$c" -type f 2>/dev/null | wc -l)
	if [ "$n" = 0 ]; then
		notok "tests/fuzz/$c is missing or empty" \
			"regenerate it: see docs/fuzzing.md"
		exit 1
	fi
done

# execs LOG: the executions libFuzzer counted.
execs() {
	grep -ao 'stat::number_of_executed_units: *[0-9]*' "$1" |
		grep -o '[0-9]*$' | tail -1
}

# fuzz NAME SECONDS CORPUS [ENV...]: one run; 0 if it found nothing.
fuzz() {
	local name=$1 t=$2 corpus=$3
	shift 3
	rm -rf "$work/new" "$work/art" && mkdir -p "$work/new" "$work/art"
	env "$@" "$top/tools/$name" -max_total_time="$t" -rss_limit_mb=2048 \
		-timeout=10 -print_final_stats=1 -artifact_prefix="$work/art/" \
		"$work/new" "$corpus" >"$work/$name.log" 2>&1
}

# keep_findings NAME: copy what the run wrote to build/fuzz/.
keep_findings() {
	local a

	for a in "$work"/art/*; do
		[ -f "$a" ] || continue
		cp "$a" "$out/$1-$(basename "$a")"
		echo "    reproducer: build/fuzz/$1-$(basename "$a")"
	done
}

total=0 plant_total=0
n_plants=$(echo "$plants $dtb_plants" | wc -w)
left=$((secs - n_plants - 1))
[ "$left" -lt 6 ] && left=6
main_secs=$((left * 2 / 3)) dtb_secs=$((left - left * 2 / 3))

for spec in "m7-fuzz $main_secs corpus" "m7-fuzz-dtb $dtb_secs corpus-dtb"; do
	read -r name t c <<<"$spec"
	seeds=$(find "$top/tests/fuzz/$c" -type f | wc -l)
	fuzz "$name" "$t" "$top/tests/fuzz/$c" M7_FUZZ_STATS=1
	rc=$?
	n=$(execs "$work/$name.log")
	n=${n:-0}
	total=$((total + n))
	eval "execs_${name//-/_}=$n"
	if [ "$rc" != 0 ]; then
		notok "$name found a crash or a failed check ($n executions)" \
			"$(grep -aE 'check failed|ERROR|SUMMARY|runtime error' \
				"$work/$name.log" | head -8)"
		keep_findings "$name"
		continue
	fi
	ok "$name: $n executions in ${t}s ($((n / t))/s) from $seeds seeds, no finding"
done

# The inputs must reach the planner's checks, not stop at the header.
st=$(grep -a 'm7-fuzz: stats:' "$work/m7-fuzz.log" | tail -1)
plans=$(sed -n 's/.* plans \([0-9]*\).*/\1/p' <<<"$st")
vplans=$(sed -n 's/.* vector-plans \([0-9]*\).*/\1/p' <<<"$st")
rsc=$(sed -n 's/.* rsc-tables \([0-9]*\).*/\1/p' <<<"$st")
if [ "${plans:-0}" -gt 0 ] && [ "${vplans:-0}" -gt 0 ] && [ "${rsc:-0}" -gt 0 ]; then
	ok "m7-fuzz reached the checks: ${st#m7-fuzz: stats: }"
else
	notok "m7-fuzz inputs never reached a plan, a VECTOR plan or a resource table" \
		"${st:-no stats line}"
fi

# The --dtb reader must take some trees, written and raw, not refuse all.
st=$(grep -a 'm7-fuzz-dtb: stats:' "$work/m7-fuzz-dtb.log" | tail -1)
wread=$(sed -n 's/.* written-read \([0-9]*\).*/\1/p' <<<"$st")
rread=$(sed -n 's/.* raw-read \([0-9]*\).*/\1/p' <<<"$st")
tables=$(sed -n 's/.* region-tables \([0-9]*\).*/\1/p' <<<"$st")
if [ "${wread:-0}" -gt 0 ] && [ "${rread:-0}" -gt 0 ] &&
	[ "${tables:-0}" -gt 0 ]; then
	ok "m7-fuzz-dtb reached the region builder: ${st#m7-fuzz-dtb: stats: }"
else
	notok "m7-fuzz-dtb: the reader took no written tree, no raw DTB or built no region table" \
		"${st:-no stats line}"
fi

# plant NAME FUZZER CORPUS: the planted build must fail that check.
plant() {
	local n
	fuzz "$2" "$plant_secs" "$top/tests/fuzz/$3" M7_FUZZ_PLANT="$1"
	rc=$?
	n=$(execs "$work/$2.log")
	n=${n:-0}
	plant_total=$((plant_total + n))
	if [ "$rc" != 0 ] && grep -aq 'm7-fuzz: check failed:' "$work/$2.log"; then
		ok "planted $1 found: $(grep -a -m1 -o 'check failed: .\{0,60\}' "$work/$2.log")"
	else
		notok "planted $1 not found in ${plant_secs}s ($n executions, exit $rc)" \
			"$(grep -aE 'ERROR|SUMMARY' "$work/$2.log" | head -3)"
	fi
}
for p in $plants; do
	plant "$p" m7-fuzz-plant corpus
done
for p in $dtb_plants; do
	plant "$p" m7-fuzz-dtb-plant corpus-dtb
done

# Known crashes, kept out of the fuzzers' way until fixed (docs/fuzzing.md,
# Findings): each must still crash with M7_FUZZ_KNOWN=1, or it was fixed
# and belongs in the corpus, its guard removed.
for f in "$top"/tests/fuzz/crashers/*/*; do
	[ -f "$f" ] || continue
	t=$(basename "$(dirname "$f")") rel=${f#"$top"/}
	if M7_FUZZ_KNOWN=1 "$top/tools/$t" "$f" >"$work/crash.log" 2>&1; then
		notok "known crash $rel no longer crashes $t: fixed? move it into the corpus and drop its guard"
	elif ! "$top/tools/$t" "$f" >"$work/guard.log" 2>&1; then
		notok "known crash $rel: the guard in $t does not hold it" \
			"$(grep -aE 'SUMMARY|check failed' "$work/guard.log" | head -2)"
	else
		ok "known crash $rel still reproduces, guarded: $(grep -aom1 'SUMMARY: .\{0,50\}' "$work/crash.log")"
	fi
done

echo "fuzz-executions: total $((total + plant_total)) m7-fuzz ${execs_m7_fuzz:-0} m7-fuzz-dtb ${execs_m7_fuzz_dtb:-0} plants $plant_total"
exit "$fail"
