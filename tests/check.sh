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
# The suites run in lanes, at the same time: one lane for the host suites
# and one per test kernel (that kernel's suites, in order). Each QEMU boot
# uses one host CPU, so lanes keep both CPUs of a small machine busy.
# Kernel builds use every CPU, so they take turns: a kernel lane waits for
# the kernel before it, and starts its suites as soon as its own kernel is
# built. What is shared (tools, fixtures, board DTBs, the guest tool) is
# built once, before the lanes start.
#
# Environment: KVERS (default: tests/kernel/list.sh), SUITES (a
# space-separated subset of suite names, e.g. "kunit checkpatch"),
# CHECK_LANES=1 to run the lanes one after another, CHECK_VERBOSE=1 to
# stream each suite's log.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
logdir=$top/build/check
res=$logdir/results
rm -rf "$res"
mkdir -p "$logdir" "$res"
start=$(date +%s)

if ! tests/deps.sh; then
	echo "make check: dependencies missing (see above)"
	echo "0 passed, 1 failed"
	exit 1
fi

# record NAME PASS FAIL SKIP SECONDS LOG: one suite's result, for the summary.
record() {
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >"$res/$(printf '%s' "$1" | tr '/@' '__').res"
	order+=("$1")
}

# run_suite NAME LOG CMD...: run one suite, count its lines, record them.
run_suite() {
	local name=$1 log=$2 rc pass fail skip t0
	shift 2
	t0=$(date +%s)
	echo "== $name: started"
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
	record "$name" "$pass" "$fail" "$skip" $(( $(date +%s) - t0 )) "$log"
	printf '== %s: %d passed, %d failed (%ds)\n' "$name" "$pass" "$fail" $(( $(date +%s) - t0 ))
}

selected() {
	[ -z "${SUITES:-}" ] && return 0
	case " $SUITES " in *" $1 "*) return 0 ;; esac
	return 1
}

host_suites=() kernel_suites=()
for s in tests/suites/*.sh; do
	case $s in
	*.kernel.sh) n=$(basename "$s" .kernel.sh); selected "$n" && kernel_suites+=("$n") ;;
	*) n=$(basename "$s" .sh); selected "$n" && host_suites+=("$n") ;;
	esac
done

kvers=
if [ ${#kernel_suites[@]} != 0 ]; then
	if ! kvers=$(tests/kernel/list.sh 2>"$logdir/kernels.log"); then
		echo "not ok - the test kernel list: $(tail -1 "$logdir/kernels.log")" >>"$logdir/kernels.log"
		record kernels 0 1 0 0 "$logdir/kernels.log"
		# Without the mainline package, still test bookworm's kernels.
		[ -n "${KSRC:-}" ] || kvers="6.1 6.12"
	fi
	sed 's/^/   /' "$logdir/kernels.log"
	echo "make check: test kernels: ${kvers:-none}"
fi

# What every lane shares, built once. A failure here is not counted: each
# suite that needs the piece builds it again and reports its own failure.
echo "== shared builds: tools, fixtures, guest tool, board DTBs"
{
	make -s -C tools
	make -s -C tests/fixtures
	make -s -C tests/guest
	tests/board/mkdtb.sh
	tests/board/mkdtb.sh --ocram
} >"$logdir/shared.log" 2>&1 || echo "   shared builds failed (log build/check/shared.log); the suites will say where"

order=()
host_lane() {
	local n
	for n in "${host_suites[@]}"; do
		run_suite "$n" "$logdir/$n.log" bash "tests/suites/$n.sh"
	done
}

# kernel_lane VERSION PREVIOUS: wait for PREVIOUS's kernel build, build ours,
# run our suites.
kernel_lane() {
	local kver=$1 prev=$2 n t0 rc why klog=$logdir/kernel-$1.log
	[ -z "$prev" ] || while [ ! -e "$res/.built-$prev" ]; do sleep 5; done
	t0=$(date +%s)
	echo "== kernel $kver: building (or reusing) the test kernel"
	tests/kernel/build.sh "$kver" >"$klog" 2>&1
	rc=$?
	touch "$res/.built-$kver"
	if [ $rc = 0 ]; then
		echo "== kernel $kver: ready ($(( $(date +%s) - t0 ))s)"
	elif [ $rc = 3 ]; then
		# A tree (KSRC) whose Kconfig cannot give the QEMU test kernel:
		# build the modules against it; what needs a boot cannot run.
		why=$(grep -m1 'cannot build the QEMU test kernel' "$klog" | sed 's/^build.sh: //')
		echo "== kernel $kver: $why"
		for n in "${kernel_suites[@]}"; do
			if [ "$n" = build ]; then
				run_suite "$n@$kver" "$logdir/$n-$kver.log" \
					env KVER="$kver" IMX_M7_MODULES_ONLY=1 bash "tests/suites/$n.kernel.sh"
			else
				echo "ok - $n@$kver # SKIP $why" >"$logdir/$n-$kver.log"
				record "$n@$kver" 0 0 1 0 "$logdir/$n-$kver.log"
			fi
		done
		return
	else
		{ echo "not ok - kernel $kver: tests/kernel/build.sh failed:"
		  tail -5 "$klog" | sed 's/^/    /'
		  for n in "${kernel_suites[@]}"; do
			echo "not ok - $n@$kver not run: no kernel"
		  done; } >>"$klog"
		record "kernel@$kver" 0 $(( ${#kernel_suites[@]} + 1 )) 0 \
			$(( $(date +%s) - t0 )) "$klog"
		return
	fi
	for n in "${kernel_suites[@]}"; do
		run_suite "$n@$kver" "$logdir/$n-$kver.log" \
			env KVER="$kver" bash "tests/suites/$n.kernel.sh"
	done
}

pids=() prev=
if [ "${CHECK_LANES:-}" = 1 ]; then
	for kver in $kvers; do kernel_lane "$kver" ""; done
	host_lane
else
	for kver in $kvers; do
		kernel_lane "$kver" "$prev" &
		pids+=($!)
		prev=$kver
	done
	host_lane &
	pids+=($!)
	for p in "${pids[@]}"; do wait "$p"; done
fi

# The summary, in a fixed order: each kernel's suites, then the host's.
names=()
[ ! -e "$res/kernels.res" ] || names+=(kernels)
for kver in $kvers; do
	[ ! -e "$res/kernel_$kver.res" ] || names+=("kernel@$kver")
	for n in "${kernel_suites[@]}"; do names+=("$n@$kver"); done
done
names+=("${host_suites[@]}")
total_pass=0 total_fail=0 total_skip=0 lines=()
echo
for name in "${names[@]}"; do
	f=$res/$(printf '%s' "$name" | tr '/@' '__').res
	[ -e "$f" ] || continue
	IFS=$'\t' read -r _ pass fail skip secs log <"$f"
	# What failed (with its detail lines) and what was skipped.
	if [ "$fail" != 0 ] || [ "$skip" != 0 ]; then
		echo "-- $name:"
		awk '/^not ok - /{p=1; print; next} /^(ok|not ok) - /{p=0}
		     /^ok - .*# SKIP/{print; next} p && /^[ \t]/{print}' "$log" | head -80
	fi
	lines+=("$(printf '%-28s %4d passed, %d failed%s (%ds, log %s)' "$name" "$pass" "$fail" \
		"$( [ "$skip" = 0 ] || echo ", $skip skipped")" "$secs" "${log#"$top"/}")")
	total_pass=$((total_pass + pass))
	total_fail=$((total_fail + fail))
	total_skip=$((total_skip + skip))
done

echo "make check summary ($(( $(date +%s) - start ))s):"
printf '  %s\n' "${lines[@]}"
if [ "$total_skip" = 0 ]; then
	echo "$total_pass passed, $total_fail failed"
else
	echo "$total_pass passed, $total_fail failed, $total_skip skipped"
fi
[ "$total_fail" = 0 ]
