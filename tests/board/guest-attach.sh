# SPDX-License-Identifier: GPL-2.0
# Guest half of the attach checks: the host seeded GPR22/SRC as if U-Boot
# had started the M7, so the driver must come up attached, not reload it.
# Prints "E2E ok - ..." / "E2E not ok - ..." lines.
r=/sys/class/remoteproc/remoteproc0
held() { [ $(( $(devmem 0x7e300058 32) & 1 )) = 1 ]; }
say() { if "$@"; then echo "E2E ok - $check"; else echo "E2E not ok - $check"; fi; }
st() { [ "$(cat $r/state)" = "$1" ]; }

insmod /modules/imx_m7_rproc.ko
check="probes attached to the running M7 (state $(cat $r/state))"
say eval 'st attached && ! held'
check="echo detach leaves the M7 running, detached"
say eval 'echo detach > $r/state && st detached && ! held'
check="rmmod while detached leaves the M7 running"
say eval 'rmmod imx_m7_rproc && [ ! -e $r ] && ! held'
check="insmod again attaches to the still-running M7"
say eval 'insmod /modules/imx_m7_rproc.ko && st attached && ! held'
check="echo stop on the attached M7 puts it in reset"
say eval 'echo stop > $r/state && st offline && held'
check="a firmware starts after the attached one was stopped"
say eval 'echo start > $r/state && st running && ! held'
echo stop > $r/state
rmmod imx_m7_rproc
