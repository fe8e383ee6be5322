# SPDX-License-Identifier: GPL-2.0
# Guest half of the attach checks: the host seeded GPR22/SRC as if U-Boot
# had started the M7, so the driver must come up attached, not reload it.
# Runs after tests/lib/suite.sh's guest_lib E2E (r, say, st, held).
# Prints "E2E ok - ..." / "E2E not ok - ..." lines.

insmod /modules/imx_m7_rproc.ko
wait_st attached || true
check="probes attached to the running M7 (state $(cat $r/state))"
say eval 'st attached && ! held'
check="echo detach leaves the M7 running, detached"
say eval 'echo detach > $r/state && st detached && ! held'
check="rmmod while detached leaves the M7 running"
say eval 'rmmod imx_m7_rproc && [ ! -e $r ] && ! held'
check="insmod again attaches to the still-running M7"
say eval 'insmod /modules/imx_m7_rproc.ko && wait_st attached && ! held'
check="echo stop on the attached M7 puts it in reset"
say eval 'echo stop > $r/state && st offline && held'
check="a firmware starts after the attached one was stopped"
say eval 'echo start > $r/state && st running && ! held'
echo stop > $r/state
rmmod imx_m7_rproc

# A crash of an M7 that U-Boot started: Linux has no image of it, so
# recovery is off; the crash leaves it crashed, and stop and start work.
devmem 0x7e300058 32 0x0
devmem 0x7e30100c 32 0x8
insmod /modules/imx_m7_rproc.ko
echo 1 > /sys/kernel/debug/remoteproc/remoteproc0/crash
i=0
while [ $i -lt 5 ] && ! st crashed; do sleep 1; i=$((i + 1)); done
sleep 1
check="a crash of the attached M7 leaves it crashed (state $(cat $r/state)), not reloaded"
say eval 'st crashed && ! held'
check="echo stop after the crash puts it in reset"
say eval 'echo stop > $r/state && st offline && held'
check="echo start then loads the firmware"
say eval 'echo start > $r/state && st running && ! held'
echo stop > $r/state
rmmod imx_m7_rproc
