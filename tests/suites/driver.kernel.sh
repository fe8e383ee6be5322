#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The driver on the emulated board, one kernel ($KVER), one boot:
#  - probe from power-on register values holds the M7 (GPR22 CPUWAIT set,
#    SRC_M7RCR core reset pulsed: 0xa, the page does not self-clear);
#  - `echo start` releases it (GPR22 0, SRC_M7RCR 0x8), `echo stop` holds it;
#  - a crash reported through debugfs recovers rsc.elf: the firmware is
#    loaded again without .sanity_check and .parse_fw, and its cached
#    resource table installed where the booted one was;
#  - debugfs shows the region table and the last plan, and forgets the plan
#    of a refused firmware; a firmware without a resource table after one
#    with a table leaves no trace buffer behind;
#  - an M7 found running at probe is attached to, detached from, attached
#    again, detached again and the module removed while detached (the M7
#    runs on; its kept clock is released after rproc_del(), before the
#    clock is put: KASAN catches the reverse), attached again and stopped;
#  - the M7 clock's enable count after every step: on from start or attach
#    to stop, kept on while detached, back to 0 after rmmod;
#  - rmmod each time; any kernel splat or kmemleak report fails the boot.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
: "${KVER:?}"
fixdir=$top/build/fixtures
out=$top/build/driver-$KVER
rm -rf "$out" && mkdir -p "$out"
label="$KVER driver: "
. "$top/tests/lib/suite.sh"

build_fixtures
moddir=$("$top/tests/lib/kmod.sh" "$KVER") || { notok "modules build"; exit 1; }
dtb=$("$top/tests/board/mkdtb.sh") || { notok "board dtb"; exit 1; }

cat >"$out/guest.sh" <<'GUEST'
GPR22=0x7e300058
SRC=0x7e30100c
r=/sys/class/remoteproc/remoteproc0
dbg=/sys/kernel/debug/remoteproc/remoteproc0
clk=/sys/kernel/debug/clk/m7_core/clk_enable_count
show() {
	echo "M7DRV $1 $(cat $r/state) $(devmem $GPR22 32) $(devmem $SRC 32)"
	echo "M7DRV-CLK $1 $(cat $clk 2>/dev/null || echo none)"
}
# Power-on values: after a cold boot the M7 waits on CPUWAIT.
devmem $GPR22 32 0x1
devmem $SRC 32 0x0
insmod /modules/imx_m7_rproc.ko
show probe
sed 's/^/M7DRV-REGIONS /' $dbg/imx_m7/regions
for fw in rsc.elf zephyr.elf; do
	echo $fw > $r/firmware
	echo start > $r/state
	show "start-$fw"
	grep -c '^copy\|^zero\|^vector' $dbg/imx_m7/plan | sed 's/^/M7DRV-PLANOPS /'
	[ -e $dbg/trace0 ] && echo "M7DRV-TRACE $fw"
	if [ $fw = rsc.elf ]; then
		echo 1 > $dbg/crash	# RPROC_WATCHDOG
		for i in 1 2 3 4 5 6 7 8 9 10; do
			dmesg | grep -q 'recovering' &&
				[ "$(cat $r/state)" = running ] && break
			sleep 1
		done
		show "recovered-$fw"
	fi
	echo stop > $r/state
	show "stop-$fw"
done
echo overflow-itcm.elf > $r/firmware
echo start > $r/state 2>/dev/null || echo "M7DRV-REFUSED"
show refused
sed 's/^/M7DRV-PLAN /' $dbg/imx_m7/plan
rmmod imx_m7_rproc
# As U-Boot's bootaux leaves it: CPUWAIT clear, SRC enabled, no reset held.
devmem $GPR22 32 0x0
devmem $SRC 32 0x8
insmod /modules/imx_m7_rproc.ko
show attach
echo detach > $r/state
show detach
echo start > $r/state
show reattach
echo detach > $r/state
show detach-again
rmmod imx_m7_rproc
echo "M7DRV rmmod-detached gone $(devmem $GPR22 32) $(devmem $SRC 32)"
echo "M7DRV-CLK rmmod-detached $(cat $clk 2>/dev/null || echo none)"
insmod /modules/imx_m7_rproc.ko
show attach-again
echo stop > $r/state
show stop-attached
rmmod imx_m7_rproc
GUEST

files=()
for f in rsc zephyr overflow-itcm; do
	files+=(-f "$fixdir/$f.elf:/lib/firmware/$f.elf")
done
"$top/tests/qemu/run.sh" -k "$KVER" -s "$out/guest.sh" -m "$moddir" -d "$dtb" \
	"${files[@]}" -o "$out/console.log" 2>"$out/run.err"
rc=$?
if [ $rc = 0 ]; then
	ok "boot, insmod/rmmod twice: no splat, no kmemleak report"
else
	notok "boot clean (run.sh exit $rc)"
	indent <"$out/run.err" | tail -30
fi

log=$out/console.log
# expect STEP STATE GPR22 SRC: the line the guest printed after STEP.
expect() {
	local got
	got=$(sed -n "s/^M7DRV $1 //p" "$log" | tr -d '\r')
	if [ "$got" = "$2 $3 $4" ]; then
		ok "$1: state $2, GPR22 $3, SRC_M7RCR $4"
	else
		notok "$1: state $2, GPR22 $3, SRC_M7RCR $4"
		echo "    got: ${got:-nothing}"
	fi
}
expect probe offline 0x00000001 0x0000000A
expect start-rsc.elf running 0x00000000 0x00000008
expect recovered-rsc.elf running 0x00000000 0x00000008
expect stop-rsc.elf offline 0x00000001 0x0000000A
expect start-zephyr.elf running 0x00000000 0x00000008
expect stop-zephyr.elf offline 0x00000001 0x0000000A
expect refused offline 0x00000001 0x0000000A
expect attach attached 0x00000000 0x00000008
expect detach detached 0x00000000 0x00000008
expect reattach attached 0x00000000 0x00000008
expect detach-again detached 0x00000000 0x00000008
expect rmmod-detached gone 0x00000000 0x00000008
expect attach-again attached 0x00000000 0x00000008
expect stop-attached offline 0x00000001 0x0000000A

# The M7 clock's enable count after each step, in order.
want="probe 0 start-rsc.elf 1 recovered-rsc.elf 1 stop-rsc.elf 0 start-zephyr.elf 1 stop-zephyr.elf 0"
want="$want refused 0 attach 1 detach 1 reattach 1 detach-again 1"
want="$want rmmod-detached 0 attach-again 1 stop-attached 0"
got=$(sed -n 's/^M7DRV-CLK //p' "$log" | tr -d '\r' | tr '\n' ' ')
if [ "${got% }" = "$want" ]; then
	ok "M7 clock on from start/attach to stop, kept while detached, released at rmmod"
else
	notok "M7 clock enable count after each step"
	echo "    want: $want"
	echo "    got:  ${got:-nothing}"
fi
if grep -q 'M7 left running detached: releasing its clock and power' "$log"; then
	ok "rmmod while detached releases the kept clock and power, with a warning"
else
	notok "rmmod while detached releases the kept clock and power, with a warning"
fi

if grep -q '^M7DRV-REGIONS itcm  *0x00000000-0x0001ffff  0x007e000000' "$log" &&
   grep -q '^M7DRV-REGIONS dtcm  *0x20000000-0x2001ffff  0x007e100000' "$log" &&
   grep -q '^M7DRV-REGIONS ddr  *0x80000000-0x80ffffff  0x0080000000' "$log"; then
	ok "debugfs region table: itcm, dtcm, ddr at their M7 and CPU addresses"
else
	notok "debugfs region table"
	grep '^M7DRV-REGIONS' "$log" | indent
fi
if [ "$(grep -c '^M7DRV-PLANOPS [1-9]' "$log")" = 2 ]; then
	ok "debugfs plan lists the operations of each loaded firmware"
else
	notok "debugfs plan lists the operations of each loaded firmware"
fi
if grep -q 'crash detected in .*remoteproc-m7: type watchdog' "$log" &&
   [ "$(grep -c 'remote processor .*remoteproc-m7 is now up' "$log")" -ge 3 ] &&
   ! grep -q 'not installing it\|recovery needs the same image' "$log"; then
	ok "rsc.elf recovers from a reported crash, its resource table reinstalled"
else
	notok "rsc.elf recovers from a reported crash, its resource table reinstalled"
	grep -i 'crash\|recover\|is now up\|installing' "$log" | indent
fi
if grep -q '^M7DRV-TRACE rsc.elf' "$log" && ! grep -q '^M7DRV-TRACE zephyr.elf' "$log"; then
	ok "rsc.elf's trace buffer is gone once zephyr.elf (no table) runs"
else
	notok "no stale resource table after a firmware without one"
	grep '^M7DRV-TRACE' "$log" | indent
fi
if grep -q '^M7DRV-REFUSED' "$log" && grep -q '^M7DRV-PLAN no firmware loaded' "$log" &&
   grep -q 'ends 0x[0-9a-f]* bytes past itcm' "$log"; then
	ok "overflow-itcm.elf refused with its diagnostic; no stale plan"
else
	notok "overflow-itcm.elf refused with its diagnostic; no stale plan"
fi
exit $fail
