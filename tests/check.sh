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
# The suites run as jobs, several at a time (CHECK_JOBS, default one more
# than the CPUs, so a QEMU waiting on its guest never leaves a CPU idle).
# Kernel builds use every CPU and come first, one at a time, in the order
# of the kernel list; each kernel's suites start once it is built, one
# suite per kernel at a time (they share that kernel's module build), and
# the host suites fill what is left. What is shared (tools, fixtures,
# board DTBs, the guest tool) is built once, before the jobs start. Each
# suite's wall and CPU seconds are in the summary.
#
# Environment: KVERS (default: tests/kernel/list.sh), SUITES (a
# space-separated subset of suite names, e.g. "kunit checkpatch"),
# CHECK_JOBS=N (CHECK_LANES=1 is CHECK_JOBS=1: one job after another),
# CHECK_VERBOSE=1 to stream each suite's log (with CHECK_JOBS=1).
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

# record NAME PASS FAIL SKIP SECONDS LOG [CPU]: one suite's result, for the summary.
record() {
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$6" "${7:-0}" \
		>"$res/$(printf '%s' "$1" | tr '/@' '__').res"
}

# run_suite NAME LOG CMD...: run one suite, count its lines, record them
# with its wall time and the CPU time of everything it ran.
run_suite() {
	local name=$1 log=$2 rc pass fail skip t0 cpu
	shift 2
	t0=$(date +%s)
	echo "== $name: started"
	if [ "${CHECK_VERBOSE:-0}" = 1 ]; then
		/usr/bin/time -f '%U %S' -o "$log.cpu" "$@" 2>&1 | tee "$log"
		rc=${PIPESTATUS[0]}
	else
		/usr/bin/time -f '%U %S' -o "$log.cpu" "$@" >"$log" 2>&1
		rc=$?
	fi
	cpu=$(awk 'NF == 2 && $1 ~ /^[0-9.]+$/ { printf "%d", $1 + $2 }' "$log.cpu")
	pass=$(grep -aEc '^ok - ' "$log")
	skip=$(grep -aEc '^ok - .*# SKIP' "$log")
	pass=$((pass - skip))
	fail=$(grep -aEc '^not ok - ' "$log")
	if [ "$rc" != 0 ] && [ "$fail" = 0 ]; then
		echo "not ok - $name exited $rc without naming a failed check" >>"$log"
		fail=1
	fi
	record "$name" "$pass" "$fail" "$skip" $(( $(date +%s) - t0 )) "$log" "${cpu:-0}"
	# The boots' 2 GiB RAM files (sparse, some 400 MB written each, 12 GB
	# in all) are kept only where a suite failed, to look at.
	[ "$fail" != 0 ] || find "build/${name/@/-}" -name '*.mem' -delete 2>/dev/null
	printf '== %s: %d passed, %d failed (%ds, cpu %ss)\n' "$name" "$pass" "$fail" \
		$(( $(date +%s) - t0 )) "${cpu:-?}"
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

# What every job shares, built once. A failure here is not counted: each
# suite that needs the piece builds it again and reports its own failure.
echo "== shared builds: tools, fixtures, guest tool, board DTBs"
{
	make -s -C tools
	make -s -C tests/fixtures
	make -s -C tests/guest
	tests/board/mkdtb.sh
	tests/board/mkdtb.sh --ocram
} >"$logdir/shared.log" 2>&1 || echo "   shared builds failed (log build/check/shared.log); the suites will say where"

# build_kernel VERSION: build (or reuse) one test kernel; its state for
# the scheduler goes to $res/.kernel-VERSION: ok, modules (a KSRC tree
# that cannot give the QEMU kernel: only the build suite can run) or
# failed.
build_kernel() {
	local kver=$1 t0 rc why n klog=$logdir/kernel-$1.log
	t0=$(date +%s)
	echo "== kernel $kver: building (or reusing) the test kernel"
	/usr/bin/time -f '%U %S' -o "$klog.cpu" tests/kernel/build.sh "$kver" >"$klog" 2>&1
	rc=$?
	awk -v k="$kver" -v t=$(( $(date +%s) - t0 )) 'NF == 2 && $1 ~ /^[0-9.]+$/ {
		printf "kernel %s: %ds, cpu %ds\n", k, t, $1 + $2 }' "$klog.cpu" >"$res/.time-$kver"
	if [ $rc = 0 ]; then
		echo "== kernel $kver: ready ($(( $(date +%s) - t0 ))s)"
		echo ok >"$res/.kernel-$kver"
	elif [ $rc = 3 ]; then
		why=$(grep -m1 'cannot build the QEMU test kernel' "$klog" | sed 's/^build.sh: //')
		echo "== kernel $kver: $why"
		for n in "${kernel_suites[@]}"; do
			[ "$n" = build ] && continue
			echo "ok - $n@$kver # SKIP $why" >"$logdir/$n-$kver.log"
			record "$n@$kver" 0 0 1 0 "$logdir/$n-$kver.log"
		done
		echo modules >"$res/.kernel-$kver"
	else
		{ echo "not ok - kernel $kver: tests/kernel/build.sh failed:"
		  tail -5 "$klog" | sed 's/^/    /'
		  for n in "${kernel_suites[@]}"; do
			echo "not ok - $n@$kver not run: no kernel"
		  done; } >>"$klog"
		record "kernel@$kver" 0 $(( ${#kernel_suites[@]} + 1 )) 0 \
			$(( $(date +%s) - t0 )) "$klog"
		echo failed >"$res/.kernel-$kver"
	fi
}

# start JOB: run one job in the background. Jobs: build:VER, VER:SUITE
# (a per-kernel suite), host:SUITE.
start() {
	local j=$1 kver n
	case $j in
	build:*) build_kernel "${j#build:}" & ;;
	host:*) n=${j#host:}
		run_suite "$n" "$logdir/$n.log" bash "tests/suites/$n.sh" & ;;
	*) kver=${j%%:*} n=${j#*:}
		if [ "$(cat "$res/.kernel-$kver")" = modules ]; then
			run_suite "$n@$kver" "$logdir/$n-$kver.log" \
				env KVER="$kver" IMX_M7_MODULES_ONLY=1 bash "tests/suites/$n.kernel.sh" &
		else
			run_suite "$n@$kver" "$logdir/$n-$kver.log" \
				env KVER="$kver" bash "tests/suites/$n.kernel.sh" &
		fi ;;
	esac
	job_of[$!]=$j
}

# runnable JOB: may JOB start now? A build waits for the build before it;
# a kernel's suite waits for its kernel and for that kernel's other suite.
runnable() {
	local j=$1 kver st
	case $j in
	build:*) [ -z "$building" ] && [ "$j" = "${builds[0]}" ] ;;
	host:*) return 0 ;;
	*) kver=${j%%:*}
		[ -e "$res/.kernel-$kver" ] && [ -z "${busy[$kver]:-}" ] || return 1
		st=$(cat "$res/.kernel-$kver")
		[ "$st" = ok ] || { [ "$st" = modules ] && [ "${j#*:}" = build ]; } ;;
	esac
}

# dropped JOB: a kernel suite whose kernel cannot run it (already recorded).
dropped() {
	local j=$1 kver st
	case $j in build:* | host:*) return 1 ;; esac
	kver=${j%%:*}
	[ -e "$res/.kernel-$kver" ] || return 1
	st=$(cat "$res/.kernel-$kver")
	[ "$st" = failed ] || { [ "$st" = modules ] && [ "${j#*:}" != build ]; }
}

# The jobs in priority order: builds, then each kernel's suites, then the
# host's.
jobs_left=() builds=()
for kver in $kvers; do builds+=("build:$kver"); done
jobs_left+=("${builds[@]}")
for kver in $kvers; do
	for n in "${kernel_suites[@]}"; do jobs_left+=("$kver:$n"); done
done
for n in "${host_suites[@]}"; do jobs_left+=("host:$n"); done

slots=${CHECK_JOBS:-$(( $(nproc) + 1 ))}
[ "${CHECK_LANES:-}" = 1 ] && slots=1
declare -A job_of=() busy=()
building= running=0
echo "make check: ${#jobs_left[@]} jobs, $slots at a time"
while [ ${#jobs_left[@]} != 0 ] || [ "$running" != 0 ]; do
	rest=()
	for j in "${jobs_left[@]}"; do
		if dropped "$j"; then
			continue
		elif [ "$running" -lt "$slots" ] && runnable "$j"; then
			start "$j"
			running=$((running + 1))
			case $j in
			build:*) building=$j builds=("${builds[@]:1}") ;;
			host:*) ;;
			*) busy[${j%%:*}]=1 ;;
			esac
		else
			rest+=("$j")
		fi
	done
	jobs_left=("${rest[@]}")
	[ "$running" = 0 ] && break
	wait -n -p pid
	j=${job_of[$pid]}
	unset "job_of[$pid]"
	running=$((running - 1))
	case $j in
	build:*) building= ;;
	host:*) ;;
	*) unset "busy[${j%%:*}]" ;;
	esac
done
if [ ${#jobs_left[@]} != 0 ]; then
	printf 'not ok - %s never became runnable\n' "${jobs_left[@]}" >"$logdir/scheduler.log"
	record scheduler 0 ${#jobs_left[@]} 0 0 "$logdir/scheduler.log"
fi

# The summary, in a fixed order: each kernel's suites, then the host's.
names=()
[ ! -e "$res/kernels.res" ] || names+=(kernels)
[ ! -e "$res/scheduler.res" ] || names+=(scheduler)
for kver in $kvers; do
	[ ! -e "$res/kernel_$kver.res" ] || names+=("kernel@$kver")
	for n in "${kernel_suites[@]}"; do names+=("$n@$kver"); done
done
names+=("${host_suites[@]}")
total_pass=0 total_fail=0 total_skip=0 total_cpu=0 lines=()
echo
for name in "${names[@]}"; do
	f=$res/$(printf '%s' "$name" | tr '/@' '__').res
	if [ ! -e "$f" ]; then
		# A suite whose kernel failed was counted with the kernel; any
		# other suite without a result died before recording one.
		case $name in
		*@*) [ "$(cat "$res/.kernel-${name#*@}" 2>/dev/null)" != failed ] || continue ;;
		esac
		echo "-- $name:"
		echo "not ok - $name recorded no result (it died; see build/check/)"
		lines+=("$(printf '%-28s    0 passed, 1 failed (no result recorded)' "$name")")
		total_fail=$((total_fail + 1))
		continue
	fi
	IFS=$'\t' read -r _ pass fail skip secs log cpu <"$f"
	# What failed (with its detail lines) and what was skipped.
	if [ "$fail" != 0 ] || [ "$skip" != 0 ]; then
		echo "-- $name:"
		awk '/^not ok - /{p=1; print; next} /^(ok|not ok) - /{p=0}
		     /^ok - .*# SKIP/{print; next} p && /^[ \t]/{print}' "$log" | head -80
	fi
	lines+=("$(printf '%-28s %4d passed, %d failed%s (%ds, cpu %ss, log %s)' "$name" "$pass" \
		"$fail" "$( [ "$skip" = 0 ] || echo ", $skip skipped")" "$secs" "$cpu" "${log#"$top"/}")")
	total_cpu=$((total_cpu + cpu))
	total_pass=$((total_pass + pass))
	total_fail=$((total_fail + fail))
	total_skip=$((total_skip + skip))
done

echo "make check summary ($(( $(date +%s) - start ))s; suites' cpu ${total_cpu}s):"
printf '  %s\n' "${lines[@]}"
for kver in $kvers; do
	[ ! -s "$res/.time-$kver" ] || sed 's/^/  /' "$res/.time-$kver"
done
if [ "$total_skip" = 0 ]; then
	echo "$total_pass passed, $total_fail failed"
else
	echo "$total_pass passed, $total_fail failed, $total_skip skipped"
fi
[ "$total_fail" = 0 ]
