#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make qemu-run FW=path/to/firmware.elf [OCRAM=1] [SOC=imx8mm|imx8mn]
# tests/board/qemu-run.sh [--soc imx8mm|imx8mn] [--ocram] FW.elf [FW.elf ...]
#
# Boot the emulated board (tests/board/virt-m7.dtso: ITCM, DTCM, the 16 MiB
# DDR carve-out at 0x80000000, and OCRAM with --ocram; with --soc imx8mm
# the i.MX8M Mini's M4 node on the same stand-ins, TCML and TCMU, started
# and stopped through SRC_M4RCR alone), load FW with
# `echo start`, then check from the host, in the guest's RAM file, that
# every byte of the load plan landed and nothing else changed (in the
# loaded resource table, only the fields the remoteproc core may write).
# An image with a vdev also exchanges RPMsg messages with the emulated M7
# endpoint: 1000 (QEMU_RUN_RPMSG_MSGS) echoed on /dev/ttyRPMSG0.
#
# Several images are tried one after another in the same boot: each is
# started, checked while the guest waits, stopped, and the M7 memory is
# filled with its pattern again before the next. Guest and host take turns
# through two words in the tests' scratch area: the guest writes the step
# it reached at HS + 4 and waits until the host has written the same value
# at HS.
#
# Exit 0: started and verified (every image). 1: the driver refused it (its
# diagnostic is printed; with several images, at least one refused and
# nothing worse). 2 or more: anything else (harness failure, kernel
# warning, KASAN, leak, a byte out of place, driver and m7-preflight
# disagreeing). GNU make turns every failing recipe into its own status 2,
# so callers that need 1 apart from 2 run this script directly; `make
# qemu-run` prints the verdict line either way.
#
# QEMU_RUN_STOP=1: stop the last image too and record the registers (every
# image but the last is always stopped). QEMU_RUN_KEEP=DIR: for each image
# NAME.elf, DIR/NAME/ gets its report (run.log) and the TCM contents after
# its stop (itcm.bin, dtcm.bin), for the M7 twin.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
kver=${KVER:-6.12}
board=$top/tests/board
HS=0x91fff000
soc=imx8mp socopt=()
if [ "${1:-}" = --soc ]; then
	soc=${2:-}
	socopt=(--soc "$soc")
	shift 2
	case $soc in imx8mp|imx8mn|imx8mm) ;; *)
		echo "qemu-run: unknown --soc '$soc' (imx8mp, imx8mn or imx8mm)" >&2; exit 2 ;;
	esac
fi
ocram=
if [ "${1:-}" = --ocram ]; then
	ocram=--ocram
	shift
fi
usage() {
	echo "usage: make qemu-run FW=path/to/firmware.elf [OCRAM=1] [SOC=imx8mm|imx8mn]" >&2
	exit 2
}
[ $# -ge 1 ] || usage
fws=() names=()
for fw in "$@"; do
	[ -f "$fw" ] || usage
	fws+=("$(cd "$(dirname "$fw")" && pwd)/$(basename "$fw")")
	case " ${names[*]} " in *" $(basename "$fw") "*)
		echo "qemu-run: two images named $(basename "$fw")" >&2; exit 2 ;;
	esac
	names+=("$(basename "$fw")")
done
n=${#fws[@]}
msgs=${QEMU_RUN_RPMSG_MSGS:-1000}

"$top/tests/deps.sh" || exit 2
make -s -C "$top/tools" >&2 || exit 2
dtb=$("$board/mkdtb.sh" "${socopt[@]}" $ocram) || exit 2
work=$(mktemp -d)
eps=()
cleanup() {
	local p
	for p in "${eps[@]}"; do [ -z "$p" ] || kill -TERM "$p" 2>/dev/null; done
	rm -rf "$work"
}
trap cleanup EXIT
python3 "$board/board.py" prep "$work/mem" $ocram "${socopt[@]}" || exit 2

# What the driver should do with each image, from the same planner and the
# same DT; which ones speak RPMsg (a resource table with a vdev): for those
# the emulated M7 endpoint (tests/lib/m7_endpoint.py) plays the M7's side,
# on the guest's RAM file, and the guest echoes messages on rpmsg-tty.
guestbin=() files=()
for i in $(seq 1 $n); do
	d=$work/$i
	mkdir -p "$d"
	"$top/tools/m7-preflight" --dtb "$dtb" --json "${fws[i-1]}" >"$d/plan.json" 2>"$d/preflight.err"
	echo $? >"$d/pre"
	[ "$(cat "$d/pre")" -le 1 ] || { cat "$d/preflight.err" >&2; exit 2; }
	echo 0 >"$d/rpmsg"
	if python3 "$top/tests/lib/rsc_table.py" has-vdev "$d/plan.json" "${fws[i-1]}"; then
		echo 1 >"$d/rpmsg"
		guestbin=(-f "$top/build/guest/rpmsg-test:/bin/rpmsg-test")
	fi
	# One image keeps the driver's default name; several go by their own.
	fwname=${names[i-1]}
	# (the node's firmware-name, or without one the SoC's default, which
	# the M4 board's node leaves to the driver).
	if [ $n = 1 ]; then
		fwname=$(fdtget "$dtb" /remoteproc-m7 firmware-name 2>/dev/null) ||
			case $soc in
			imx8mm) fwname=imx8mm_m4.elf ;;
			imx8mn) fwname=imx8mn_m7.elf ;;
			*) fwname=imx8mp_m7.elf ;;
			esac
	fi
	echo "$fwname" >"$d/fwname"
	files+=(-f "${fws[i-1]}:/lib/firmware/$fwname")
done
[ ${#guestbin[@]} = 0 ] || make -s -C "$top/tests/guest" >&2 || exit 2

# The guest: for image i, markers M7RUN-i-* on the console, and the steps
# 4i+1 at BEGIN (the host starts the endpoint), 4i+2 at CHECK (the host
# verifies the memory) and 4i+3 at END (the host fills it again).
cat >"$work/guest.sh" <<EOF
insmod /modules/imx_m7_rproc.ko
r=/sys/class/remoteproc/remoteproc0
m7run_sync() {
	devmem $((HS + 4)) 32 \$1
	while [ \$((\$(devmem $HS 32))) != \$1 ]; do usleep 50000; done
}
EOF
for i in $(seq 1 $n); do
	d=$work/$i
	{
	echo "echo M7RUN-$i-BEGIN; m7run_sync $((4 * i + 1))"
	[ $n = 1 ] || echo "echo -n $(cat "$d/fwname") > \$r/firmware"
	cat <<EOF
echo "M7RUN-$i-STATE-BEFORE \$(cat \$r/state)"
if echo start > \$r/state; then
	echo "M7RUN-$i-STARTED"
else
	echo "M7RUN-$i-REFUSED"
fi
echo "M7RUN-$i-STATE-AFTER \$(cat \$r/state)"
echo "M7RUN-$i-GPR22-RUNNING \$(devmem 0x7e300058 32)"
echo "M7RUN-$i-SRCSCR-RUNNING \$(devmem 0x7e30100c 32)"
EOF
	[ "$(cat "$d/rpmsg")" = 0 ] || cat <<EOF
if [ "\$(cat \$r/state)" = running ]; then
	if rpmsg-test wait /dev/ttyRPMSG0 60; then
		rpmsg-test echo /dev/ttyRPMSG0 $msgs || true
	else
		echo "M7RUN-$i-RPMSG-NO-TTY"
	fi
fi
EOF
	echo "echo M7RUN-$i-CHECK; m7run_sync $((4 * i + 2))"
	if [ $i != $n ] || [ "${QEMU_RUN_STOP:-0}" = 1 ]; then
		cat <<EOF
if [ "\$(cat \$r/state)" = running ]; then
	echo stop > \$r/state
	echo "M7RUN-$i-STATE-STOPPED \$(cat \$r/state)"
	echo "M7RUN-$i-GPR22-STOPPED \$(devmem 0x7e300058 32)"
	echo "M7RUN-$i-SRCSCR-STOPPED \$(devmem 0x7e30100c 32)"
fi
EOF
	fi
	echo "echo M7RUN-$i-END; m7run_sync $((4 * i + 3))"
	} >>"$work/guest.sh"
done

# The host's side of each step, run when the guest's marker appears.
step() { # I PHASE
	local i=$1 d=$work/$1 keep
	case $2 in
	BEGIN)
		if [ "$(cat "$d/rpmsg")" = 1 ]; then
			python3 "$top/tests/lib/m7_endpoint.py" "$work/mem" --plan "$d/plan.json" \
				--stats "$d/endpoint.json" --log "$d/endpoint.log" &
			eps[i]=$!
		fi
		poke $((4 * i + 1)) ;;
	CHECK)
		if grep -aq "^M7RUN-$i-STARTED" "$work/console.log"; then
			python3 "$board/board.py" verify "$work/mem" "$d/plan.json" \
				"${fws[i-1]}" $ocram "${socopt[@]}" >"$d/verify.log" 2>&1
		else
			python3 "$board/board.py" untouched "$work/mem" $ocram "${socopt[@]}" >"$d/verify.log" 2>&1
		fi
		echo $? >"$d/verify.rc"
		poke $((4 * i + 2)) ;;
	END)
		if [ -n "${eps[i]:-}" ]; then
			kill -TERM "${eps[i]}" 2>/dev/null
			wait "${eps[i]}"
			echo $? >"$d/endpoint.rc"
			eps[i]=
		fi
		if [ -n "${QEMU_RUN_KEEP:-}" ]; then
			keep=$QEMU_RUN_KEEP/${names[i-1]%.elf}
			mkdir -p "$keep"
			python3 "$board/board.py" dump "$work/mem" "$keep/itcm.bin" "$keep/dtcm.bin" ||
				echo "qemu-run: could not dump the TCMs" >"$d/dump.err"
		fi
		[ $i = $n ] || python3 "$board/board.py" refill "$work/mem"
		poke $((4 * i + 3)) ;;
	esac
}
poke() { python3 "$board/board.py" poke "$work/mem" $HS "$1"; }
# The step the guest reached: the u32 at HS + 4 in the RAM file.
reached() {
	dd if="$work/mem" bs=4 skip=$(((HS + 4 - 0x40000000) / 4)) count=1 2>/dev/null |
		od -An -tu4 | tr -d ' '
}

moddir=$("$top/tests/lib/kmod.sh" "$kver") || exit 2
: >"$work/console.log"
"$top/tests/qemu/run.sh" -k "$kver" -s "$work/guest.sh" -m "$moddir" -d "$dtb" \
	-M "$work/mem" -o "$work/console.log" -t $((600 + 180 * n)) \
	"${guestbin[@]}" "${files[@]}" 2>"$work/run.err" &
qpid=$!
i=1 phases=(BEGIN CHECK END) p=0
while [ $i -le $n ] && kill -0 $qpid 2>/dev/null; do
	if [ "$(reached)" = $((4 * i + p + 1)) ]; then
		step $i "${phases[p]}"
		p=$(((p + 1) % 3))
		[ $p != 0 ] || i=$((i + 1))
	else
		sleep 0.2
	fi
done
wait $qpid
rc=$?
if [ $rc != 0 ]; then
	cat "$work/run.err" >&2
	exit $((rc == 1 ? 2 : rc))
fi
# One copy of the console without CRs; grep reads the file itself (a grep -q
# that exits early would kill the writer of a pipe, and pipefail report it).
tr -d '\r' <"$work/console.log" >"$work/console.txt"

# verdict I: image i's report on stdout; exit 0 verified, 1 refused, 2 else.
verdict() {
	local i=$1 d=$work/$1 fw=${fws[$1-1]} pre gpr echoed v
	pre=$(cat "$d/pre")
	# Image i's lines, markers without their number, as one image prints them.
	sed -n "/^M7RUN-$i-BEGIN\$/,/^M7RUN-$i-END\$/p" "$work/console.txt" |
		sed "s/^M7RUN-$i-/M7RUN-/" >"$d/console.txt"
	if ! grep -q '^M7RUN-END$' "$d/console.txt"; then
		echo "qemu-run: no verdict from the guest for $(basename "$fw")" >&2
		tail -20 "$work/console.txt" >&2
		return 2
	fi
	if grep -q '^M7RUN-REFUSED' "$d/console.txt"; then
		echo "qemu-run: the driver refused $(basename "$fw"):"
		sed -n '/^M7RUN-STATE-BEFORE/,/^M7RUN-STATE-AFTER/p' "$d/console.txt" |
			grep -v '^M7RUN' | sed 's/^\[[ 0-9.]*\] //'
		if [ "$pre" = 0 ]; then
			echo "qemu-run: but m7-preflight accepted it: driver and tool disagree" >&2
			return 2
		fi
		echo "qemu-run: $(cat "$d/verify.log")"
		[ "$(cat "$d/verify.rc")" = 0 ] || return 2
		echo "qemu-run: verdict: refused (exit 1)"
		return 1
	fi
	if ! grep -q '^M7RUN-STATE-AFTER running' "$d/console.txt"; then
		echo "qemu-run: no verdict from the guest" >&2
		tail -20 "$d/console.txt" >&2
		return 2
	fi
	if [ "$pre" != 0 ]; then
		echo "qemu-run: the driver started what m7-preflight refused:" >&2
		cat "$d/preflight.err" >&2
		return 2
	fi
	echo "qemu-run: $(basename "$fw") started on the emulated board (Linux $kver)"
	# The guest read GPR22 and SRC_M7RCR/M4RCR right after the start.
	gpr=$(sed -n 's/^M7RUN-GPR22-RUNNING //p' "$d/console.txt")
	scr=$(sed -n 's/^M7RUN-SRCSCR-RUNNING //p' "$d/console.txt")
	if [ "$soc" = imx8mm ]; then
		# The M4's start value: ENABLE_M4, both pulsed resets, the held one
		# clear (the stand-in keeps the self-clearing bits); GPR22 unused.
		if [ -z "$scr" ] || [ $((scr & 0xf)) != $((0xe)) ] || [ -z "$gpr" ] || [ $((gpr)) != 0 ]; then
			echo "qemu-run: the M4 was not released (SRC_M4RCR '$scr', want 0xe in bits 3:0; GPR22 '$gpr', want untouched 0)" >&2
			return 2
		fi
		echo "qemu-run: SRC_M4RCR=$scr: enabled, core reset not held, the M4 released (GPR22 untouched)"
	else
		if [ -z "$gpr" ] || [ $((gpr & 1)) != 0 ]; then
			echo "qemu-run: the M7 was not released (GPR22 '$gpr', CPUWAIT should be 0)" >&2
			return 2
		fi
		echo "qemu-run: GPR22=$gpr: CPUWAIT clear, the M7 released"
	fi
	cat "$d/verify.log"
	[ "$(cat "$d/verify.rc")" = 0 ] || return 2
	v="started and verified"
	if [ "$(cat "$d/rpmsg")" = 1 ]; then
		if [ "$(cat "$d/endpoint.rc" 2>/dev/null)" != 0 ]; then
			echo "qemu-run: the emulated M7 endpoint failed:" >&2
			tail -20 "$d/endpoint.log" >&2
			return 2
		fi
		# The guest's count of messages echoed, every one compared.
		echoed=$(sed -n "s|^RPMSG-ECHO dev=/dev/ttyRPMSG0 n=$msgs .*ok=\([0-9]*\) bad=0 .*|\1|p" "$d/console.txt")
		if [ "$echoed" != "$msgs" ]; then
			echo "qemu-run: the RPMsg echo on rpmsg-tty did not complete:" >&2
			grep -E '^(RPMSG-|M7RUN-RPMSG)|rpmsg|virtio' "$d/console.txt" | tail -20 >&2
			tail -5 "$d/endpoint.log" >&2
			return 2
		fi
		grep '^RPMSG-ECHO' "$d/console.txt" | sed 's/^/qemu-run: /'
		v="$v; rpmsg: $msgs messages echoed on rpmsg-tty"
	fi
	if [ -e "$d/dump.err" ]; then
		cat "$d/dump.err" >&2
		return 2
	fi
	echo "qemu-run: verdict: $v (exit 0)"
	[ "${QEMU_RUN_STOP:-0}" != 1 ] ||
		grep '^M7RUN-' "$d/console.txt" | grep -Ev '^M7RUN-(STARTED|BEGIN|CHECK|END)$'
	return 0
}

worst=0 good=0
for i in $(seq 1 $n); do
	[ $n = 1 ] || echo "qemu-run: == ${names[i-1]} ($i of $n)"
	if [ -n "${QEMU_RUN_KEEP:-}" ]; then
		mkdir -p "$QEMU_RUN_KEEP/${names[i-1]%.elf}"
		verdict $i 2>&1 | tee "$QEMU_RUN_KEEP/${names[i-1]%.elf}/run.log"
		r=${PIPESTATUS[0]}
	else
		verdict $i
		r=$?
	fi
	[ $r != 0 ] || good=$((good + 1))
	[ $r -le $worst ] || worst=$r
done
[ $n = 1 ] || echo "qemu-run: $good of $n images started and verified"
exit $worst
