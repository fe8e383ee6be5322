#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: install what is missing, then run every suite under
# tests/suites/ -- the per-kernel ones (*.kernel.sh) once for each test
# kernel -- and end with one line "N passed, N failed".
#
# Each suite prints TAP-style lines, "ok - what" or "not ok - what" (a
# skipped check says "ok - what # SKIP why"), and exits non-zero when
# anything failed. A suite that fails without saying what counts as one
# failure of its own.
#
# Environment: KVERS (default "6.1 6.12"), SUITES (a space-separated subset
# of suite names, e.g. "kunit checkpatch"), CHECK_VERBOSE=1 to stream logs.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
KVERS=${KVERS:-"6.1 6.12"}
logdir=$top/build/check
mkdir -p "$logdir"
start=$(date +%s)

if ! tests/deps.sh; then
	echo "make check: dependencies missing (see above)"
	echo "0 passed, 1 failed"
	exit 1
fi

total_pass=0 total_fail=0 total_skip=0
summary=()

# run_suite NAME LOG CMD...: run one suite, count its lines, report.
run_suite() {
	local name=$1 log=$2 rc pass fail skip t0
	shift 2
	t0=$(date +%s)
	echo "== $name"
	if [ "${CHECK_VERBOSE:-0}" = 1 ]; then
		"$@" 2>&1 | tee "$log"
		rc=${PIPESTATUS[0]}
	else
		"$@" >"$log" 2>&1
		rc=$?
	fi
	pass=$(grep -aEc '^ok - ' "$log")
	skip=$(grep -aEc '^ok - .*# SKIP' "$log")
	pass=$((pass - skip))
	fail=$(grep -aEc '^not ok - ' "$log")
	if [ "$rc" != 0 ] && [ "$fail" = 0 ]; then
		echo "not ok - $name exited $rc without naming a failed check" >>"$log"
		fail=1
	fi
	# Show what failed (with its detail lines) and what was skipped.
	awk '/^not ok - /{p=1; print; next} /^(ok|not ok) - /{p=0}
	     /^ok - .*# SKIP/{print; next} p && /^[ \t]/{print}' "$log" | head -80
	printf '   %s: %d passed, %d failed%s (%ds, log %s)\n' "$name" "$pass" "$fail" \
		"$( [ "$skip" = 0 ] || echo ", $skip skipped")" $(( $(date +%s) - t0 )) \
		"${log#"$top"/}"
	summary+=("$(printf '%-28s %4d passed, %d failed%s' "$name" "$pass" "$fail" \
		"$( [ "$skip" = 0 ] || echo ", $skip skipped")")")
	total_pass=$((total_pass + pass))
	total_fail=$((total_fail + fail))
	total_skip=$((total_skip + skip))
}

selected() {
	[ -z "${SUITES:-}" ] && return 0
	case " $SUITES " in *" $1 "*) return 0 ;; esac
	return 1
}

for kver in $KVERS; do
	for s in tests/suites/*.kernel.sh; do
		n=$(basename "$s" .kernel.sh)
		selected "$n" || continue
		run_suite "$n@$kver" "$logdir/$n-$kver.log" env KVER="$kver" bash "$s"
	done
done
for s in tests/suites/*.sh; do
	case $s in *.kernel.sh) continue ;; esac
	n=$(basename "$s" .sh)
	selected "$n" || continue
	run_suite "$n" "$logdir/$n.log" bash "$s"
done

echo
echo "make check summary ($(( $(date +%s) - start ))s):"
printf '  %s\n' "${summary[@]}"
if [ "$total_skip" = 0 ]; then
	echo "$total_pass passed, $total_fail failed"
else
	echo "$total_pass passed, $total_fail failed, $total_skip skipped"
fi
[ "$total_fail" = 0 ]
