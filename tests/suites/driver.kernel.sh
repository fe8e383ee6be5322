#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The driver on the emulated board, one kernel ($KVER), three boots:
#  - probe from power-on register values holds the M7 (GPR22 CPUWAIT set,
#    SRC_M7RCR core reset pulsed: 0xa, the page does not self-clear);
#  - `echo start` releases it (GPR22 0, SRC_M7RCR 0x8), `echo stop` holds it;
#  - a crash reported through debugfs recovers rsc.elf: the firmware is
#    loaded again without .sanity_check and .parse_fw, and its cached
#    resource table installed where the booted one was;
#  - recovery writes the image that was booted, not the file on disk: with
#    rsc.elf replaced by zephyr.elf and ITCM scribbled on, the crash
#    recovers and ITCM holds rsc.elf's vector again;
#  - a recovery that fails (the firmware file gone) leaves the state
#    "crashed": stop works, and start boots once the file is back;
#  - unbind after two `echo start`: the M7 held, its clock released, no
#    kmemleak report (the core's rproc_del() drops one reference only);
#  - an M7 found running at probe (U-Boot's bootaux) has crash recovery
#    off: a crash leaves it "crashed", stop and start work;
#  - attached, detached, attached again, detached again and the module
#    removed while detached: the M7 runs on with its clock still enabled
#    (clk_enable_count 1 after rmmod, on purpose: gating it would stop the
#    core), then attached again and stopped;
#  - debugfs shows the region table and the last plan, and forgets the plan
#    of a refused firmware; a firmware without a resource table after one
#    with a table leaves no trace buffer behind;
#  - the M7 clock's enable count (debugfs clk_enable_count) after each step;
#  - rmmod each time; any kernel splat or kmemleak report fails the boot;
#  - a second boot with the bad-tree catalogue (tests/board/bad-trees.*):
#    every bad node refused at probe in the words m7-preflight --dtb prints
#    for it (refusing or warning as the catalogue says), the good node
#    probing beside them; a planted mismatch is caught;
#  - a third boot with two power domains (tests/board/power-domains.dtso,
#    genpd stand-ins from tests/board/imx_m7_test_pd.c): both on while the
#    M7 runs, off after stop and unbind; a second domain that cannot power
#    on fails its node's probe with the first detached and off.
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
ITCM=0x7e000000
r=/sys/class/remoteproc/remoteproc0
dbg=/sys/kernel/debug/remoteproc/remoteproc0
clk=/sys/kernel/debug/clk/m7_core/clk_enable_count
fwdir=/lib/firmware
drv=/sys/bus/platform/drivers/imx-m7-rproc
show() {
	echo "M7DRV $1 $(cat $r/state 2>/dev/null || echo gone) $(devmem $GPR22 32) $(devmem $SRC 32)"
	echo "M7DRV-CLK $1 $(cat $clk 2>/dev/null || echo none)"
}
# state ACTION STEP: write ACTION to the state file; say when it is refused.
state() {
	echo $1 > $r/state 2>/dev/null || echo "M7DRV-REFUSED-$1 $2"
}
# crash: report a crash and wait for the core's recovery to settle (up
# to 10 s): running, or still crashed 3 s after the crash was handled.
crash() {
	n=$(dmesg | grep -c 'handling crash #' || true)
	echo 1 > $dbg/crash
	for i in 1 2 3 4 5 6 7 8 9 10; do
		sleep 1
		[ "$(dmesg | grep -c 'handling crash #')" -gt "$n" ] || continue
		[ "$(cat $r/state)" = running ] && break
		[ "$(cat $r/state)" = crashed ] && [ $i -ge 3 ] && break
	done
	return 0
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
		crash
		show "recovered-$fw"
	fi
	echo stop > $r/state
	show "stop-$fw"
done

# Recovery reloads the booted image: rsc.elf replaced on disk by
# zephyr.elf (no resource table) while it runs, ITCM scribbled on.
echo rsc.elf > $r/firmware
echo start > $r/state
vec=$(devmem $ITCM 32)
cp $fwdir/rsc.elf /tmp/rsc.elf
cp $fwdir/zephyr.elf $fwdir/rsc.elf
devmem $ITCM 32 0xdeadbeef
crash
show recovered-replaced
echo "M7DRV-ITCM recovered-replaced $(devmem $ITCM 32) booted $vec"
state stop replaced
show stop-replaced
cp /tmp/rsc.elf $fwdir/rsc.elf

# A recovery that cannot even read the file: crashed, stop, start.
state start nofile
mv $fwdir/rsc.elf /tmp/rsc.elf
crash
show crashed-nofile
state stop nofile
show stop-nofile
mv /tmp/rsc.elf $fwdir/rsc.elf
state start nofile
show start-nofile
state stop nofile
show stop-nofile-again

echo overflow-itcm.elf > $r/firmware
echo start > $r/state 2>/dev/null || echo "M7DRV-REFUSED"
show refused
sed 's/^/M7DRV-PLAN /' $dbg/imx_m7/plan

# Unbind with two users: rproc_del() drops one reference only.
echo rsc.elf > $r/firmware
state start twice
state start twice
dev=$(basename "$(readlink $r/device)")
echo "$dev" > $drv/unbind
echo "M7DRV unbind-twice gone $(devmem $GPR22 32) $(devmem $SRC 32)"
echo "M7DRV-CLK unbind-twice $(cat $clk 2>/dev/null || echo none)"
rmmod imx_m7_rproc

# As U-Boot's bootaux leaves it: CPUWAIT clear, SRC enabled, no reset held.
# Attached, crash recovery is off: a crash leaves it crashed.
devmem $GPR22 32 0x0
devmem $SRC 32 0x8
insmod /modules/imx_m7_rproc.ko
show attach-crash
crash
show crashed-attached
state stop attached
show stop-crashed-attached
state start attached
show start-after-crash
state stop attached
show stop-after-crash
rmmod imx_m7_rproc

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

# imx8mp_m7.elf (the default firmware-name, loaded after an attached M7
# was stopped) is rsc.elf: a table the attached M7 never published.
files=(-f "$fixdir/rsc.elf:/lib/firmware/imx8mp_m7.elf")
for f in rsc zephyr overflow-itcm; do
	files+=(-f "$fixdir/$f.elf:/lib/firmware/$f.elf")
done
"$top/tests/qemu/run.sh" -k "$KVER" -s "$out/guest.sh" -m "$moddir" -d "$dtb" \
	-t 1800 "${files[@]}" -o "$out/console.log" 2>"$out/run.err"
exited $? "boot, insmod/rmmod twice: no splat, no kmemleak report" \
	"boot clean (run.sh)" "$out/run.err"

log=$out/console.log
# guest_said TAG STEP WANT WHAT: the line "TAG STEP ..." the guest printed
# must be WANT.
guest_said() {
	local got
	got=$(sed -n "s/^$1 $2 //p" "$log" | tr -d '\r' | head -1)
	if [ "$got" = "$3" ]; then
		ok "$2: $4"
	else
		notok "$2: $4" "got: ${got:-nothing}"
	fi
}
# expect STEP STATE GPR22 SRC: the state and registers after STEP.
expect() {
	guest_said M7DRV "$1" "$2 $3 $4" "state $2, GPR22 $3, SRC_M7RCR $4"
}
# expect_clk STEP COUNT: the clock's enable count the guest read after STEP.
expect_clk() { guest_said M7DRV-CLK "$1" "$2" "M7 clock enable count $2"; }
# refused ACTION STEP: whether the guest saw ACTION refused in STEP.
refused() { grep -q "^M7DRV-REFUSED-$1 $2" "$log"; }
held="0x00000001 0x0000000A"
run="0x00000000 0x00000008"
expect probe offline $held
expect start-rsc.elf running $run
expect recovered-rsc.elf running $run
expect stop-rsc.elf offline $held
expect start-zephyr.elf running $run
expect stop-zephyr.elf offline $held
expect recovered-replaced running $run
expect stop-replaced offline $held
expect crashed-nofile crashed $held
expect stop-nofile offline $held
expect start-nofile running $run
expect stop-nofile-again offline $held
expect refused offline $held
expect unbind-twice gone $held
expect attach-crash attached $run
expect crashed-attached crashed $run
expect stop-crashed-attached offline $held
expect start-after-crash running $run
expect stop-after-crash offline $held
expect attach attached $run
expect detach detached $run
expect reattach attached $run
expect detach-again detached $run
expect rmmod-detached gone $run
expect attach-again attached $run
expect stop-attached offline $held

for step in probe:0 start-rsc.elf:1 recovered-rsc.elf:1 stop-rsc.elf:0 \
	    start-zephyr.elf:1 stop-zephyr.elf:0 recovered-replaced:1 \
	    stop-replaced:0 crashed-nofile:1 stop-nofile:0 start-nofile:1 \
	    stop-nofile-again:0 refused:0 unbind-twice:0 attach-crash:1 \
	    crashed-attached:1 stop-crashed-attached:0 start-after-crash:1 \
	    stop-after-crash:0 attach:1 detach:1 reattach:1 detach-again:1; do
	expect_clk "${step%:*}" "${step#*:}"
done
# Detached and unbound, the M7 runs on, so its clock stays enabled; the
# next bind attaches with a reference of its own, and its stop drops that.
expect_clk rmmod-detached 1
expect_clk attach-again 2
expect_clk stop-attached 1
if grep -q 'M7 left running detached: its clock and power stay on after unbind' "$log"; then
	ok "rmmod while detached leaves the clock and power on, and says so"
else
	notok "rmmod while detached leaves the clock and power on, and says so"
fi

vec=$(sed -n 's/^M7DRV-ITCM recovered-replaced \([^ ]*\) booted \([^ ]*\)/\1 \2/p' "$log" | tr -d '\r')
if [ -n "$vec" ] && [ "${vec% *}" = "${vec#* }" ] && [ "${vec% *}" != 0xDEADBEEF ] &&
   grep -q 'recovering with the image booted last' "$log" && ! refused stop replaced; then
	ok "recovery writes the booted rsc.elf again (ITCM[0] ${vec% *}), not the replaced file"
else
	notok "recovery writes the booted rsc.elf again, not the replaced file" \
		"ITCM[0] after recovery, as booted: ${vec:-nothing}"
	grep -i 'recover\|crash' "$log" | indent
fi
# usable_after WHAT WORDS STEP: the kernel said WORDS, and neither stop
# nor start was refused in STEP.
usable_after() {
	if grep -q "$2" "$log" && ! refused stop "$3" && ! refused start "$3"; then
		ok "$1"
	else
		notok "$1"
		grep 'M7DRV-REFUSED\|recover' "$log" | indent
	fi
}
usable_after "a recovery without its firmware file ends crashed; stop, then start work" \
	'crash recovery failed (see above): the M7 stays stopped, state crashed' nofile
usable_after "attached: crash recovery off, a crash ends crashed; stop, then start work" \
	'attached to an M7 that Linux did not load: crash recovery is off' attached
if ! refused start twice && grep -q 'stopped remote processor' "$log"; then
	ok "unbind after two starts stops the M7 (see unbind-twice above)"
else
	notok "unbind after two starts stops the M7"
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

# ---- The bad-tree catalogue (tests/board/bad-trees.*) ------------------------
# One boot with every bad node beside the good one: each probe fails, in
# the words m7-preflight --dtb prints for the same node (one check for
# both, imx_m7_dt_check()); the good node still probes.
cat="$top/tests/board/bad-trees.tsv"
if ! make -s -C "$top/tools" m7-preflight >"$out/tools.log" 2>&1; then
	notok "bad trees: m7-preflight build" "$(tail -5 "$out/tools.log")"
elif ! "$top/tests/board/bad-trees.sh" "$dtb" "$out/bad-trees.dtb" 2>"$out/bad-trees.err"; then
	notok "bad trees: the board's DTB with the catalogue" "$(cat "$out/bad-trees.err")"
else
	cat >"$out/bad-trees.guest.sh" <<GUEST
$(guest_lib BAD)
# Power-on values (as above): the good node finds the M7 held.
devmem 0x7e300058 32 0x1
devmem 0x7e30100c 32 0x0
insmod /modules/imx_m7_rproc.ko
check="the good node probes beside $(grep -vc '^#' "$cat") bad ones"
say eval 'wait_st offline && [ \$(ls /sys/class/remoteproc | wc -l) = 1 ]'
check="no bad node waits for a supplier (every one reaches its check)"
say eval '! grep -q m7-bad /sys/kernel/debug/devices_deferred'
rmmod imx_m7_rproc
GUEST
	bdtb=$dtb
	dtb=$out/bad-trees.dtb
	guest_boot bad-trees BAD "$out/bad-trees.guest.sh" -t 1800
	dtb=$bdtb
	python3 "$top/tests/board/bad_trees.py" preflight "$cat" "$out/bad-trees.dtb" \
		"$top/tools/m7-preflight" "$fixdir/ddr.elf" "$out/bad-trees"
	python3 "$top/tests/board/bad_trees.py" compare "$cat" "$out/bad-trees.txt" \
		"$out/bad-trees/preflight.tsv" | sed "s/^\(\(not \)\?ok - \)/\1$label/" |
		tee "$out/bad-trees.result"
	grep -q '^not ok' "$out/bad-trees.result" && fail=1
	# Negative control: one word changed in m7-preflight's answer for the
	# first node must be caught, naming the node.
	first=$(grep -v '^#' "$cat" | head -1 | cut -f1)
	sed "1s/\t\([^\t]*\)$/\tplanted: \1/" "$out/bad-trees/preflight.tsv" >"$out/bad-trees/planted.tsv"
	if python3 "$top/tests/board/bad_trees.py" compare "$cat" "$out/bad-trees.txt" \
		"$out/bad-trees/planted.tsv" >"$out/bad-trees/planted.out"; then
		notok "bad trees: negative control: a planted mismatch for $first passed"
	elif grep -q "^not ok - bad tree $first:" "$out/bad-trees/planted.out" &&
	     [ "$(grep -c '^not ok' "$out/bad-trees/planted.out")" = 1 ]; then
		ok "bad trees: negative control: a planted mismatch for $first is caught, naming it"
	else
		notok "bad trees: negative control: the planted mismatch caught, but not as $first alone"
		indent <"$out/bad-trees/planted.out"
	fi
fi

# ---- Several power domains (tests/board/power-domains.dtso) ------------------
# The good node with two genpd stand-ins (tests/board/imx_m7_test_pd.c),
# their state read from genpd's debugfs: both on while the M7 runs, both
# off after stop and after unbind. A second node whose second domain
# refuses to power on fails its probe naming it, its first domain
# detached and off again. A third whose second domain has no provider
# waits (deferred, the reason recorded) until the deferred-probe timeout
# (10 s after boot), then fails naming it, its first domain off again.
# A driver that attached one domain only leaves m7-pd-b off while running.
if ! dtc -q -@ -I dts -O dtb -o "$out/power-domains.dtbo" "$top/tests/board/power-domains.dtso" ||
   ! fdtoverlay -i "$dtb" -o "$out/power-domains.dtb" "$out/power-domains.dtbo"; then
	notok "power domains: the board's DTB with tests/board/power-domains.dtso"
else
	cat >"$out/power-domains.guest.sh" <<GUEST
$(guest_lib PD)
g=/sys/kernel/debug/pm_genpd
pd() { cat \$g/\$1/current_state 2>/dev/null || echo none; }
# pds STATE A B...: each domain in STATE (on, or off-N) within 3 s; genpd
# powers a domain off from a work item.
pds() {
	local want=\$1 n=30 d ok
	shift
	while [ \$n -gt 0 ]; do
		ok=1
		for d in "\$@"; do
			case \$(pd \$d) in \$want*) ;; *) ok=0 ;; esac
		done
		[ \$ok = 1 ] && return 0
		usleep 100000
		n=\$((n - 1))
	done
	return 1
}
show() { echo "PD-STATE \$1 a=\$(pd m7-pd-a) b=\$(pd m7-pd-b) c=\$(pd m7-pd-c) d=\$(pd m7-pd-d) fail=\$(pd m7-pd-fail)"; }
# within SECONDS CMD...: CMD true within SECONDS.
within() {
	local n=\$((\$1 * 10))
	shift
	while ! "\$@"; do
		n=\$((n - 1))
		[ \$n -gt 0 ] || return 1
		usleep 100000
	done
}
unattached="m7-pd-unattached: .*power-domains: cannot attach domain 1 of 2"
deferred() { grep -q "m7-pd-unattached.*power-domains: cannot attach domain 1 of 2" /sys/kernel/debug/devices_deferred; }
failed() { dmesg | grep -q "\$unattached"; }
devmem 0x7e300058 32 0x1
devmem 0x7e30100c 32 0x0
insmod /modules/imx_m7_test_pd.ko
insmod /modules/imx_m7_rproc.ko
show probe
check="two power domains: the M7 probes offline, held"
say eval 'wait_st offline && held'
echo -n mcux-tcm.elf > \$r/firmware
echo start > \$r/state
show running
check="both domains on while the M7 runs"
say eval 'st running && pds on m7-pd-a m7-pd-b'
echo stop > \$r/state
show stopped
check="both domains off after stop"
say eval 'st offline && pds off m7-pd-a m7-pd-b'
echo start > \$r/state
dev=\$(basename "\$(readlink \$r/device)")
echo "\$dev" > /sys/bus/platform/drivers/imx-m7-rproc/unbind
show unbound
check="unbind while running: the M7 held, both domains off"
say eval 'held && pds off m7-pd-a m7-pd-b'
check="second domain refusing power: probe fails naming it"
say eval 'dmesg | grep -q "m7-pd-unwind: .*power-domains: cannot link domain 1 of 2 to the M7"'
# m7-pd-fail never powers on and the node's rproc is never added (the
# refusal comes before rproc_add()): only m7-pd-c and genpd's virtual
# device for it can show a broken unwind.
check="...and its first domain is detached and off, no genpd device left"
say eval 'pds off m7-pd-c && [ -d /sys/bus/genpd/devices ] && ! ls /sys/bus/genpd/devices | grep -q m7-pd-unwind'
# Before the deferred-probe timeout the attach defers (dev_err_probe()
# records the reason); a boot slow enough to reach insmod after it sees
# the failure at once.
check="a domain with no provider: the probe defers or fails, naming it"
say eval 'deferred || failed'
show deferred
check="...and fails naming it after the deferred-probe timeout"
say within 30 failed
show timed-out
check="...its first domain detached and off, no genpd device left"
say eval 'pds off m7-pd-d && ! ls /sys/bus/genpd/devices | grep -q m7-pd-unattached'
rmmod imx_m7_rproc
GUEST
	bdtb=$dtb
	dtb=$out/power-domains.dtb
	guest_boot power-domains PD "$out/power-domains.guest.sh" -t 1800 \
		-f "$fixdir/mcux-tcm.elf:/lib/firmware/mcux-tcm.elf" \
		-f "$fixdir/mcux-tcm.elf:/lib/firmware/imx8mp_m7.elf"
	dtb=$bdtb
	sed -n 's/^PD-STATE /    /p' "$out/power-domains.txt"
fi
exit $fail
