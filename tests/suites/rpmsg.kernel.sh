#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# RPMsg end to end on the emulated board, one kernel ($KVER). The board
# (tests/board/virt-m7.dtso) has the RPMsg memory where our Verdin overlay
# puts it and an MU stand-in (tests/board/imx_m7_test_mu.c) on the driver's
# real "tx"/"rx" mailbox path; the emulated M7 endpoint
# (tests/lib/m7_endpoint.py) plays the M7's side on the guest's RAM file,
# announcing "rpmsg-tty" and "rpmsg-raw" and echoing what it receives.
#
#  - lifecycle boot (rpmsg-tcm.elf): start, both channels announced; 1000
#    messages of every size 1..496 echoed and compared on /dev/ttyRPMSG0
#    and on /dev/rpmsg0; stop with the tty open (the write after it fails
#    cleanly); start again, channels back; 100 start/stop cycles with
#    traffic; a crash, recovery, channels back; rmmod with both open;
#  - DDR boot (rpmsg-ddr.elf): start and echo, every plan byte verified and
#    the loaded table checked field by field (tests/lib/rsc_table.py);
#  - attach boot: the M7 runs as U-Boot's bootaux leaves it, its table
#    published in the rsc-table carve-out: insmod attaches, channels work
#    without a reload, detach, stop.
# The endpoint's own counts must match the guest's. Any splat fails a boot.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/suite.sh"
suite_init rpmsg
need fixtures tools guest modules dtb

# The guest's helpers, shared by every boot of this suite.
{
	guest_lib E2E
	cat <<'EOF'
up() { rpmsg-test wait /dev/ttyRPMSG0 60 && rpmsg-test wait /dev/rpmsg0 60; }
gone() { [ ! -e /dev/ttyRPMSG0 ] && [ ! -e /dev/rpmsg0 ]; }
EOF
} >"$out/lib.sh"

# boot NAME GUEST_SCRIPT PREP_CMD...: prepare the RAM file, run the
# endpoint beside QEMU, report the guest's checks, the boot's health and
# the endpoint's.
boot() {
	local name=$1 script=$2 ep eprc
	shift 2
	"$@" || { notok "$name: board preparation"; return; }
	python3 "$top/tests/lib/m7_endpoint.py" "$out/$name.mem" "${ep_args[@]}" \
		--stats "$out/$name.stats.json" --log "$out/$name.endpoint.log" &
	ep=$!
	cat "$out/lib.sh" "$script" >"$out/$name.guest.sh"
	guest_boot "$name" E2E "$out/$name.guest.sh" -t 2400 \
		-f "$top/build/guest/rpmsg-test:/bin/rpmsg-test" \
		-f "$fixdir/rpmsg-tcm.elf:/lib/firmware/rpmsg-tcm.elf" \
		-f "$fixdir/rpmsg-ddr.elf:/lib/firmware/rpmsg-ddr.elf" \
		-f "$fixdir/rpmsg-tcm.elf:/lib/firmware/imx8mp_m7.elf"
	kill -TERM $ep 2>/dev/null
	wait $ep
	eprc=$?
	if [ $eprc = 0 ]; then
		ok "$name: the emulated M7 endpoint saw no protocol error"
	else
		notok "$name: the emulated M7 endpoint reported errors (exit $eprc)"
		tail -20 "$out/$name.endpoint.log" | indent
	fi
}

# stat NAME PYTHON_EXPR: a figure from the endpoint's stats JSON.
stat() {
	python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' \
		"$out/$1.stats.json" "$2" 2>/dev/null
}

# --- lifecycle ----------------------------------------------------------------
cat >"$out/lifecycle.sh" <<'EOF'
insmod /modules/imx_m7_rproc.ko
echo -n rpmsg-tcm.elf > $r/firmware
check="start: rpmsg-tty and rpmsg-raw announced, /dev/ttyRPMSG0 and /dev/rpmsg0 appear"
say eval 'echo start > $r/state && up'
check="1000 messages, every size 1..496, echoed and compared on /dev/ttyRPMSG0"
say rpmsg-test echo /dev/ttyRPMSG0 1000
check="1000 messages, every size 1..496, echoed and compared on /dev/rpmsg0"
say rpmsg-test echo /dev/rpmsg0 1000
exec 3<>/dev/ttyRPMSG0
check="stop with the tty open: offline, M7 held, both channels gone"
say eval 'echo stop > $r/state && st offline && held && gone'
check="a write to the open tty after stop fails with an error, no crash"
say eval '! echo lost >&3 2>/dev/null'
exec 3>&-
check="start again: channels back, 50 messages echoed on each"
say eval 'echo start > $r/state && up && rpmsg-test echo /dev/ttyRPMSG0 50 && rpmsg-test echo /dev/rpmsg0 50'
echo stop > $r/state
i=0 bad=0
while [ $i -lt 100 ]; do
	if echo start > $r/state && up && rpmsg-test echo /dev/rpmsg0 3 >/dev/null &&
	   echo stop > $r/state && st offline && gone; then :; else
		bad=$((bad + 1))
		st offline || echo stop > $r/state
	fi
	i=$((i + 1))
done
check="100 start/stop cycles, 3 messages echoed in each ($bad failed)"
say [ $bad = 0 ]
echo start > $r/state && up
check="a crash is recovered: channels back, 50 messages echoed"
echo 1 > $dbg/crash
sleep 1
say eval 'up && st running && rpmsg-test echo /dev/ttyRPMSG0 50'
exec 3<>/dev/ttyRPMSG0
exec 4<>/dev/rpmsg0
check="rmmod with /dev/ttyRPMSG0 and /dev/rpmsg0 open: module gone, M7 held"
say eval 'rmmod imx_m7_rproc && [ ! -e $r ] && held'
exec 3>&- 4>&-
EOF
ep_args=(--plan "$out/rpmsg-tcm.plan.json")
"$top/tools/m7-preflight" --dtb "$dtb" --json "$fixdir/rpmsg-tcm.elf" >"$out/rpmsg-tcm.plan.json" ||
	notok "m7-preflight accepts rpmsg-tcm.elf"
boot lifecycle "$out/lifecycle.sh" python3 "$board/board.py" prep "$out/lifecycle.mem"
# The starts (first, again, 100 cycles, before the crash) and the crash's
# recovery: 104 boots of the M7, each one seen.
boots=$(stat lifecycle 's["boots"]')
if [ "${boots:-0}" = 104 ]; then
	ok "lifecycle: the endpoint served all $boots boots of the M7"
else
	notok "lifecycle: the endpoint served ${boots:-no} boots, 104 expected"
fi
msgs=$(stat lifecycle 'sum(c["echoed"] for c in s["channels"].values())')
if [ "${msgs:-0}" -ge $((2000 + 100 + 300 + 50)) ]; then
	ok "lifecycle: the endpoint echoed $msgs messages"
else
	notok "lifecycle: the endpoint echoed ${msgs:-no} messages, 2450 expected"
fi

# --- DDR image, verified byte for byte ----------------------------------------
cat >"$out/ddr.sh" <<'EOF'
insmod /modules/imx_m7_rproc.ko
echo -n rpmsg-ddr.elf > $r/firmware
check="rpmsg-ddr.elf: start, channels announced, 200 messages echoed on each"
say eval 'echo start > $r/state && up && rpmsg-test echo /dev/ttyRPMSG0 200 && rpmsg-test echo /dev/rpmsg0 200'
EOF
"$top/tools/m7-preflight" --dtb "$dtb" --json "$fixdir/rpmsg-ddr.elf" >"$out/rpmsg-ddr.plan.json" ||
	notok "m7-preflight accepts rpmsg-ddr.elf"
ep_args=(--plan "$out/rpmsg-ddr.plan.json")
boot ddr "$out/ddr.sh" python3 "$board/board.py" prep "$out/ddr.mem"
if python3 "$board/board.py" verify "$out/ddr.mem" "$out/rpmsg-ddr.plan.json" \
	"$fixdir/rpmsg-ddr.elf" >"$out/ddr.verify" 2>&1; then
	ok "rpmsg-ddr.elf: $(grep '^verified' "$out/ddr.verify")"
else
	notok "rpmsg-ddr.elf: every plan byte, and the table's core-written fields"
	indent <"$out/ddr.verify" | head -20
fi

# --- attach to an M7 that U-Boot started ----------------------------------------
cat >"$out/attach.sh" <<'EOF'
insmod /modules/imx_m7_rproc.ko
check="probe attaches to the running M7 and its published table"
say eval 'wait_st attached && ! held'
check="channels announced without a reload, 200 messages echoed on each"
say eval 'up && rpmsg-test echo /dev/ttyRPMSG0 200 && rpmsg-test echo /dev/rpmsg0 200'
check="the firmware was not reloaded: no load plan"
say grep -q 'no firmware loaded' $dbg/imx_m7/plan
check="detach: channels gone, the M7 runs on"
say eval 'echo detach > $r/state && st detached && gone && ! held'
check="attach again: channels back, 20 messages echoed"
say eval 'echo start > $r/state && st attached && up && rpmsg-test echo /dev/rpmsg0 20'
check="stop: offline, M7 held, channels gone"
say eval 'echo stop > $r/state && st offline && held && gone'
rmmod imx_m7_rproc
EOF
ep_args=(--rsc-pa 0x550ff000)
boot attach "$out/attach.sh" python3 "$board/board.py" prep "$out/attach.mem" --attach \
	--publish "$out/rpmsg-tcm.plan.json" "$fixdir/rpmsg-tcm.elf"
exit $fail
