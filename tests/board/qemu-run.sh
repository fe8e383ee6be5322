#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make qemu-run FW=path/to/firmware.elf [OCRAM=1]
#
# Boot the emulated board (tests/board/virt-m7.dtso: ITCM, DTCM, the 16 MiB
# DDR carve-out at 0x80000000, and OCRAM with --ocram), load FW with
# `echo start`, then check from the host, in the guest's RAM file, that
# every byte of the load plan landed and nothing else changed (in the
# loaded resource table, only the fields the remoteproc core may write).
# An image with a vdev also exchanges RPMsg messages with the emulated M7
# endpoint: 1000 (QEMU_RUN_RPMSG_MSGS) echoed on /dev/ttyRPMSG0.
#
# Exit 0: started and verified. 1: the driver refused it (its diagnostic is
# printed). 2 or more: anything else (harness failure, kernel warning,
# KASAN, leak, a byte out of place, driver and m7-preflight disagreeing).
# GNU make turns every failing recipe into its own status 2, so callers
# that need 1 apart from 2 run this script directly; `make qemu-run`
# prints the verdict line either way.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
kver=${KVER:-6.12}
ocram=
if [ "${1:-}" = --ocram ]; then
	ocram=--ocram
	shift
fi
fw=${1:-}
if [ -z "$fw" ] || [ ! -f "$fw" ]; then
	echo "usage: make qemu-run FW=path/to/firmware.elf [OCRAM=1]" >&2
	exit 2
fi
fw=$(cd "$(dirname "$fw")" && pwd)/$(basename "$fw")

"$top/tests/deps.sh" || exit 2
make -s -C "$top/tools" >&2 || exit 2
dtb=$("$top/tests/board/mkdtb.sh" $ocram) || exit 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# What the driver should do, from the same planner and the same DT.
"$top/tools/m7-preflight" --dtb "$dtb" --json "$fw" >"$work/plan.json" 2>"$work/preflight.err"
pre=$?
[ $pre -le 1 ] || { cat "$work/preflight.err" >&2; exit 2; }

python3 "$top/tests/board/board.py" prep "$work/mem" $ocram || exit 2
# An image whose resource table declares a vdev speaks RPMsg: the emulated
# M7 endpoint (tests/lib/m7_endpoint.py) plays its side, on the guest's RAM
# file, and the guest echoes messages through rpmsg-tty once it is up.
rpmsg=0 guestbin=()
if python3 "$top/tests/lib/rsc_table.py" has-vdev "$work/plan.json" "$fw"; then
	rpmsg=1
	msgs=${QEMU_RUN_RPMSG_MSGS:-1000}
	make -s -C "$top/tests/guest" >&2 || exit 2
	guestbin=(-f "$top/build/guest/rpmsg-test:/bin/rpmsg-test")
fi
cat >"$work/guest.sh" <<'EOF'
insmod /modules/imx_m7_rproc.ko
r=/sys/class/remoteproc/remoteproc0
echo "M7RUN-STATE-BEFORE $(cat $r/state)"
if echo start > $r/state; then
	echo "M7RUN-STARTED"
else
	echo "M7RUN-REFUSED"
fi
echo "M7RUN-STATE-AFTER $(cat $r/state)"
echo "M7RUN-GPR22-RUNNING $(devmem 0x7e300058 32)"
EOF
if [ $rpmsg = 1 ]; then
	cat >>"$work/guest.sh" <<EOF
if [ "\$(cat \$r/state)" = running ]; then
	if rpmsg-test wait /dev/ttyRPMSG0 60; then
		rpmsg-test echo /dev/ttyRPMSG0 $msgs || true
	else
		echo "M7RUN-RPMSG-NO-TTY"
	fi
fi
EOF
fi
# QEMU_RUN_STOP=1 (the end-to-end suite): stop it again, record the registers,
# and keep the TCM contents for the M7 twin in $QEMU_RUN_KEEP.
if [ "${QEMU_RUN_STOP:-0}" = 1 ]; then
	cat >>"$work/guest.sh" <<'EOF'
if [ "$(cat $r/state)" = running ]; then
	echo stop > $r/state
	echo "M7RUN-STATE-STOPPED $(cat $r/state)"
	echo "M7RUN-GPR22-STOPPED $(devmem 0x7e300058 32)"
	echo "M7RUN-SRCSCR-STOPPED $(devmem 0x7e30100c 32)"
fi
EOF
fi
moddir=$("$top/tests/lib/kmod.sh" "$kver") || exit 2
ep=
if [ $rpmsg = 1 ]; then
	python3 "$top/tests/lib/m7_endpoint.py" "$work/mem" --plan "$work/plan.json" \
		--stats "$work/endpoint.json" --log "$work/endpoint.log" &
	ep=$!
fi
"$top/tests/qemu/run.sh" -k "$kver" -s "$work/guest.sh" -m "$moddir" -d "$dtb" \
	-M "$work/mem" -o "$work/console.log" "${guestbin[@]}" \
	-f "$fw:/lib/firmware/imx8mp_m7.elf" 2>"$work/run.err"
rc=$?
if [ -n "$ep" ]; then
	kill -TERM "$ep" 2>/dev/null
	wait "$ep" || { echo "qemu-run: the emulated M7 endpoint failed:" >&2
		tail -20 "$work/endpoint.log" >&2; exit 2; }
fi
if [ $rc != 0 ]; then
	cat "$work/run.err" >&2
	exit $((rc == 1 ? 2 : rc))
fi
# One copy of the console without CRs; grep reads the file itself (a grep -q
# that exits early would kill the writer of a pipe, and pipefail report it).
tr -d '\r' <"$work/console.log" >"$work/console.txt"
console() { cat "$work/console.txt"; }
if grep -q '^M7RUN-REFUSED' "$work/console.txt"; then
	echo "qemu-run: the driver refused $(basename "$fw"):"
	console | sed -n '/M7RUN-STATE-BEFORE/,/M7RUN-STATE-AFTER/p' |
		grep -v '^M7RUN' | sed 's/^\[[ 0-9.]*\] //'
	if [ $pre = 0 ]; then
		echo "qemu-run: but m7-preflight accepted it: driver and tool disagree" >&2
		exit 2
	fi
	untouched=$(python3 "$top/tests/board/board.py" untouched "$work/mem" $ocram)
	urc=$?
	echo "qemu-run: $untouched"
	[ $urc = 0 ] || exit 2
	echo "qemu-run: verdict: refused (exit 1)"
	exit 1
fi
if ! grep -q '^M7RUN-STATE-AFTER running' "$work/console.txt"; then
	echo "qemu-run: no verdict from the guest" >&2
	console | tail -20 >&2
	exit 2
fi
if [ $pre != 0 ]; then
	echo "qemu-run: the driver started what m7-preflight refused:" >&2
	cat "$work/preflight.err" >&2
	exit 2
fi
echo "qemu-run: $(basename "$fw") started on the emulated board (Linux $kver)"
# The guest read GPR22 right after the start.
gpr=$(console | sed -n 's/^M7RUN-GPR22-RUNNING //p')
if [ -z "$gpr" ] || [ $((gpr & 1)) != 0 ]; then
	echo "qemu-run: the M7 was not released (GPR22 '$gpr', CPUWAIT should be 0)" >&2
	exit 2
fi
echo "qemu-run: GPR22=$gpr: CPUWAIT clear, the M7 released"
python3 "$top/tests/board/board.py" verify "$work/mem" "$work/plan.json" "$fw" $ocram || exit 2
verdict="started and verified"
if [ $rpmsg = 1 ]; then
	# The guest's count of messages echoed, every one compared.
	echoed=$(sed -n "s|^RPMSG-ECHO dev=/dev/ttyRPMSG0 n=$msgs .*ok=\([0-9]*\) bad=0 .*|\1|p" "$work/console.txt")
	if [ "$echoed" != "$msgs" ]; then
		echo "qemu-run: the RPMsg echo on rpmsg-tty did not complete:" >&2
		grep -E '^(RPMSG-|M7RUN-RPMSG)|rpmsg|virtio' "$work/console.txt" | tail -20 >&2
		tail -5 "$work/endpoint.log" >&2
		exit 2
	fi
	grep '^RPMSG-ECHO' "$work/console.txt" | sed 's/^/qemu-run: /'
	verdict="$verdict; rpmsg: $msgs messages echoed on rpmsg-tty"
fi
echo "qemu-run: verdict: $verdict (exit 0)"
if [ "${QEMU_RUN_STOP:-0}" = 1 ]; then
	console | grep '^M7RUN-' | grep -v '^M7RUN-STARTED'
	if [ -n "${QEMU_RUN_KEEP:-}" ]; then
		python3 "$top/tests/board/board.py" dump "$work/mem" \
			"$QEMU_RUN_KEEP/itcm.bin" "$QEMU_RUN_KEEP/dtcm.bin" || exit 2
	fi
fi
exit 0
