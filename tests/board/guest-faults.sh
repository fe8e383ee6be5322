# SPDX-License-Identifier: GPL-2.0
# Guest half of the end-to-end fault and load checks (run under sh -e by
# tests/qemu/init) after tests/lib/suite.sh's guest_lib E2E (r, say, st,
# held). Prints "E2E ok - ..." / "E2E not ok - ..." lines.
gpr() { devmem 0x7e300058 32; }

insmod /modules/imx_m7_rproc.ko
check="probes offline with the M7 held"; say eval 'st offline && held'

check="echo stop while offline is refused"
say eval '! echo stop > $r/state 2>/dev/null && st offline'

# The core counts starts (rproc_boot takes a reference on a running rproc,
# 6.1 and 6.12 alike): a second start succeeds without reloading, and it
# takes as many stops to put the M7 back in reset.
check="echo start while running takes a reference, M7 keeps running"
echo start > $r/state
say eval 'echo start > $r/state && st running && ! held'
check="the first of two stops leaves the M7 running"
say eval 'echo stop > $r/state && st running && ! held'
check="firmware cannot be swapped while running"
say eval '! echo -n zephyr.elf > $r/firmware 2>/dev/null'
echo stop > $r/state

n=0 bad=0
for fw in zephyr.elf ddr.elf mcux-tcm.elf rsc.elf; do
	echo -n $fw > $r/firmware
	if echo start > $r/state && st running && ! held; then
		echo stop > $r/state
		st offline && held || bad=$((bad + 1))
	else
		bad=$((bad + 1))
	fi
	n=$((n + 1))
done
check="firmware swapped through the firmware attribute between starts ($n firmwares)"
say [ $bad = 0 ]

echo -n mcux-tcm.elf > $r/firmware
i=0 bad=0
while [ $i -lt 200 ]; do
	echo start > $r/state || bad=$((bad + 1))
	echo stop > $r/state || bad=$((bad + 1))
	i=$((i + 1))
done
check="200 start/stop cycles"; say eval '[ $bad = 0 ] && st offline && held'

# Several shells writing start and stop at once: any interleaving may
# refuse some writes, but the kernel must stay sane and end consistent.
for s in 1 2 3 4; do
	(j=0; while [ $j -lt 25 ]; do
		echo start > $r/state 2>/dev/null
		echo stop > $r/state 2>/dev/null
		j=$((j + 1))
	done) &
done
wait
st running && echo stop > $r/state
check="concurrent start/stop from 4 shells ends consistent"
say eval 'st offline && held'

echo start > $r/state
check="rmmod while running"
say eval 'rmmod imx_m7_rproc && [ ! -e $r ]'
check="M7 held after rmmod"; say held

check="insmod again, start and stop"
say eval 'insmod /modules/imx_m7_rproc.ko && echo start > $r/state && st running && echo stop > $r/state && st offline'

# rproc_del() drops one boot reference: with two users, unbind must
# still stop the M7 and give its clock back (the count read from debugfs).
clk=/sys/kernel/debug/clk/m7_core/clk_enable_count
echo start > $r/state
echo start > $r/state
dev=$(basename "$(readlink $r/device)")
echo "$dev" > /sys/bus/platform/drivers/imx-m7-rproc/unbind
check="unbind after two starts holds the M7 and gates its clock (count $(cat $clk))"
say eval 'held && [ "$(cat $clk)" = 0 ]'
rmmod imx_m7_rproc
