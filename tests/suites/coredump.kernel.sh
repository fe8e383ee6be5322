#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The remoteproc core's coredump of the M7, one kernel ($KVER), on the
# emulated board with OCRAM (itcm, dtcm, ocram, ddr and the RPMsg
# carve-outs: every region the driver registers as a dump segment).
# ocram.elf is loaded (itcm and ocram); the guest fills a known pattern
# (rpmsg-test fill) into every region, also over part of the plan's
# ocram range, which the reload after the crash writes again; board.py
# prep pattern-filled the rest. After the dump the guest copies it into
# the board's scratch area (rpmsg-test poke) and the host checks it
# against the RAM file after power-off (tests/lib/coredump.py):
#  - enabled boot: "enabled" mode: the crash leaves a devcoredump while
#    the core recovers at once; then "disabled": a crash leaves no
#    devcoredump and still recovers; then recovery disabled with
#    "enabled": the crash leaves the M7 crashed and no devcoredump, the
#    core dumps only on the way to recovering, on `echo recover`;
#  - inline boot: "inline" mode: the core's recovery waits with the M7
#    held until userspace is done with the dump (reading it is not enough:
#    the core waits until the devcoredump is freed, i.e. a write to its
#    data file), and the dump, read from the M7 memory itself while the
#    core waits, is checked the same way;
#  - the checker's self-test: broken copies of a good dump fail.
# "At that moment": the core dumps after rproc_stop() and before it loads
# the firmware again; nothing runs on the emulated M7, so the memory at
# the crash is the RAM file after power-off except where the reload wrote
# the plan's bytes again. coredump.py checks exactly that (see there).
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/suite.sh"
suite_init coredump
scratch=0x90000000
scratch_size=0x2000000
need fixtures tools guest modules dtb-ocram
fw=$fixdir/ocram.elf
plan=$out/ocram.plan.json
"$top/tools/m7-preflight" --dtb "$dtb" --json "$fw" >"$plan" ||
	{ notok "m7-preflight accepts ocram.elf on the OCRAM board"; exit 1; }

# PA:SIZE:SEED of each fill: one page in itcm and dtcm off the plan, the
# first two pages of ocram (the plan's copy and zero ops, and beyond), a
# block in the middle of ddr and its last page.
fills="0x7e010000:0x1000:0x17c 0x7e108000:0x1000:0x2dc 0x7e200000:0x2000:0x3a0"
fills="$fills 0x80400000:0x10000:0x4d4 0x80fff000:0x1000:0x5e5"
fill_args=()
for f in $fills; do fill_args+=(--fill "$f"); done

{
	guest_lib CD
	cat <<EOF
scratch=$scratch
scratch_size=$scratch_size
fills="$fills"
EOF
} >"$out/lib.sh"
cat >>"$out/lib.sh" <<'EOF'
dumps() { ls /sys/class/devcoredump/ 2>/dev/null | grep -c '^devcd' || true; }
# The dump's data file (ash expands no glob in a redirection).
data() { echo /sys/class/devcoredump/devcd*/data; }
# wait_for SECONDS CMD...: poll CMD every 0.1 s
wait_for() {
	local n=$(( $1 * 10 ))
	shift
	while [ $n -gt 0 ]; do
		"$@" && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}
recovered() { st running && ! held; }
fill_all() {
	local f
	for f in $fills; do
		IFS=: read pa size seed <<F
$f
F
		rpmsg-test fill $pa $size $seed >/dev/null || return 1
	done
}
start() {
	insmod /modules/imx_m7_rproc.ko
	echo -n ocram.elf > $r/firmware
	echo start > $r/state
	sed 's/^/CD-REGIONS /' $dbg/imx_m7/regions
}
EOF

# boot NAME GUEST_SCRIPT: run one boot on a prepared RAM file, report the
# guest's checks and the boot's health.
boot() {
	local name=$1 script=$2
	python3 "$board/board.py" prep "$out/$name.mem" --ocram ||
		{ notok "$name: board preparation"; return; }
	cat "$out/lib.sh" "$script" >"$out/$name.guest.sh"
	guest_boot "$name" CD "$out/$name.guest.sh" -t 1800 \
		-f "$top/build/guest/rpmsg-test:/bin/rpmsg-test" \
		-f "$fw:/lib/firmware/ocram.elf"
}

# check_dump NAME: the dump the guest left in the scratch area, against
# the RAM file.
check_dump() {
	local name=$1 res
	if ! python3 "$top/tests/lib/coredump.py" extract "$out/$name.mem" $scratch \
		"$out/$name.dump" 2>"$out/$name.extract"; then
		notok "$name: a devcoredump in the scratch area" "$(cat "$out/$name.extract")"
		return 1
	fi
	python3 "$top/tests/lib/coredump.py" check "$out/$name.dump" "$out/$name.mem" \
		"$plan" "$fw" "${fill_args[@]}" >"$out/$name.check" 2>&1
	res=$?
	sed -n "s/^\(\(not \)\?ok - \)/\1$label$name: /p; /^    /p" "$out/$name.check"
	grep '^#' "$out/$name.check" | indent
	if grep -q '^not ok' "$out/$name.check" || [ $res != 0 ]; then
		fail=1
		grep -q '^not ok' "$out/$name.check" ||
			notok "$name: coredump.py check exited $res" "$(tail -5 "$out/$name.check")"
	fi
}

# --- enabled, then disabled ---------------------------------------------------
cat >"$out/enabled.sh" <<'EOF'
start
check="ocram.elf started, the pattern filled into itcm, dtcm, ocram and ddr"
say eval 'st running && fill_all'
check="coredump mode defaults to disabled; set to enabled"
say eval '[ "$(cat $dbg/coredump)" = disabled ] && echo enabled > $dbg/coredump && [ "$(cat $dbg/coredump)" = enabled ]'
check="no devcoredump before the crash"
say [ "$(dumps)" = 0 ]
echo 1 > $dbg/crash
check="the crash leaves one devcoredump, and the M7 is running again"
say eval 'wait_for 20 recovered && wait_for 10 [ "$(dumps)" = 1 ]'
check="the dump copied into the scratch area"
say rpmsg-test poke $scratch $scratch_size "$(data)"
check="a write to the dump's data file frees it"
say eval 'echo 1 > "$(data)" && wait_for 10 [ "$(dumps)" = 0 ]'
check="disabled: set"
say eval 'echo disabled > $dbg/coredump && [ "$(cat $dbg/coredump)" = disabled ]'
n=$(dmesg | grep -c 'crash detected' || true)
echo 1 > $dbg/crash
check="disabled: the crash is handled and recovered, no devcoredump"
say eval 'wait_for 10 [ "$(dmesg | grep -c "crash detected")" -gt $n ] && wait_for 20 recovered && sleep 1 && [ "$(dumps)" = 0 ]'
check="recovery disabled, coredump enabled: set"
say eval 'echo disabled > $dbg/recovery && echo enabled > $dbg/coredump && [ "$(cat $dbg/recovery)" = disabled ]'
echo 1 > $dbg/crash
check="recovery disabled: the crash leaves the M7 crashed, and no devcoredump"
say eval 'wait_for 10 st crashed && sleep 1 && st crashed && [ "$(dumps)" = 0 ]'
echo recover > $dbg/recovery
check="echo recover: only now the devcoredump, and the M7 is running again"
say eval 'wait_for 20 recovered && wait_for 10 [ "$(dumps)" = 1 ] && echo 1 > "$(data)" && wait_for 10 [ "$(dumps)" = 0 ]'
echo enabled > $dbg/recovery
echo stop > $r/state
rmmod imx_m7_rproc
EOF
boot enabled "$out/enabled.sh"
check_dump enabled

# --- inline -------------------------------------------------------------------
cat >"$out/inline.sh" <<'EOF'
start
check="ocram.elf started, the pattern filled into itcm, dtcm, ocram and ddr"
say eval 'st running && fill_all'
check="coredump mode set to inline"
say eval 'echo inline > $dbg/coredump && [ "$(cat $dbg/coredump)" = inline ]'
echo 1 > $dbg/crash
check="the crash leaves one devcoredump"
say wait_for 20 [ "$(dumps)" = 1 ]
sleep 2
check="unread for 2 s, the core waits: not running, M7 held ($(cat $r/state))"
say eval '! st running && held'
check="the dump, read from the M7 memory, copied into the scratch area"
say rpmsg-test poke $scratch $scratch_size "$(data)"
sleep 2
check="read, not yet freed, for 2 s: still waiting, M7 held ($(cat $r/state))"
say eval '! st running && held && [ "$(dumps)" = 1 ]'
echo 1 > "$(data)"
check="freed (a write to data): the dump is gone and the M7 recovers"
say eval 'wait_for 20 recovered && wait_for 10 [ "$(dumps)" = 0 ]'
echo stop > $r/state
rmmod imx_m7_rproc
EOF
boot inline "$out/inline.sh"
check_dump inline

# The region table the guest's driver printed is the one the checker used.
want=$(python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["regions"]:
    print(r["name"], "0x%08x" % r["da"], "0x%010x" % r["pa"], "alias" if r["alias"] else "")' "$plan")
got=$(sed -n 's/^CD-REGIONS \([^ ]*\)  *0x\([0-9a-f]*\)-0x[0-9a-f]*  0x\([0-9a-f]*\)-.* \(alias\)\?$/\1 0x\2 0x\3 \4/p' \
	"$out/enabled.txt")
if [ -n "$got" ] && [ "$(echo "$want" | sed 's/ *$//')" = "$(echo "$got" | sed 's/ *$//')" ]; then
	ok "the driver's region table (debugfs imx_m7/regions) is m7-preflight's, $(echo "$want" | grep -vc alias) dump segments"
else
	notok "the driver's region table (debugfs imx_m7/regions) is m7-preflight's" \
		"want:" "$want" "got:" "$got"
fi

if [ -f "$out/enabled.dump" ]; then
	python3 "$top/tests/lib/coredump.py" selftest "$out/enabled.dump" "$out/enabled.mem" \
		"$plan" "$fw" "${fill_args[@]}" >"$out/selftest.log" 2>&1
	sed -n "s/^\(\(not \)\?ok - \)/\1$label/p; /^    /p" "$out/selftest.log"
	grep -q '^ok' "$out/selftest.log" && ! grep -q '^not ok' "$out/selftest.log" || fail=1
else
	notok "coredump.py self-test: no good dump to break"
fi
exit $fail
