#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make qemu-run FW=path/to/firmware.elf [OCRAM=1]
#
# Boot the emulated board (tests/board/virt-m7.dtso: ITCM, DTCM, the 16 MiB
# DDR carve-out at 0x80000000, and OCRAM with --ocram), load FW with
# `echo start`, then check from the host, in the guest's RAM file, that
# every byte of the load plan landed and nothing else changed.
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
"$top/tests/qemu/run.sh" -k "$kver" -s "$work/guest.sh" -m "$moddir" -d "$dtb" \
	-M "$work/mem" -o "$work/console.log" \
	-f "$fw:/lib/firmware/imx8mp_m7.elf" 2>"$work/run.err"
rc=$?
if [ $rc != 0 ]; then
	cat "$work/run.err" >&2
	exit $((rc == 1 ? 2 : rc))
fi
console() { tr -d '\r' <"$work/console.log"; }
if console | grep -q '^M7RUN-REFUSED'; then
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
if ! console | grep -q '^M7RUN-STATE-AFTER running'; then
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
echo "qemu-run: verdict: started and verified (exit 0)"
if [ "${QEMU_RUN_STOP:-0}" = 1 ]; then
	console | grep '^M7RUN-' | grep -v '^M7RUN-STARTED'
	if [ -n "${QEMU_RUN_KEEP:-}" ]; then
		python3 "$top/tests/board/board.py" dump "$work/mem" \
			"$QEMU_RUN_KEEP/itcm.bin" "$QEMU_RUN_KEEP/dtcm.bin" || exit 2
	fi
fi
exit 0
