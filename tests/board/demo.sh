#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo: boot the emulated board with the driver and an MCUXpresso-style
# firmware -- the very layout the in-tree imx_rproc refuses with
# "bad phdr da 0x1de78 mem 0xd5a0" -- start it, show what was loaded, stop
# it; then check from the host that every byte landed, and boot what the
# driver wrote on an emulated Cortex-M7 (the M7 twin); then start an RPMsg
# firmware and echo a message over /dev/ttyRPMSG0. Exit 0 on success.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
kver=${KVER:-6.12}
board=$top/tests/board
say() { printf '\033[1m%s\033[0m\n' "$*"; }

"$top/tests/deps.sh" || exit 2
say "Building: test kernel $kver (cached), module, firmware fixtures, m7-preflight"
"$top/tests/kernel/build.sh" "$kver" >/dev/null || exit 2
moddir=$("$top/tests/lib/kmod.sh" "$kver") || exit 2
make -s -C "$top/tests/fixtures" >/dev/null || exit 2
make -s -C "$top/tools" >/dev/null || exit 2
dtb=$("$board/mkdtb.sh") || exit 2
fw=$top/build/fixtures/mcux-tcm.elf
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

say "The firmware: build/fixtures/mcux-tcm.elf (.data stored in ITCM, run in DTCM)"
arm-none-eabi-readelf -lW "$fw" | sed -n '/Program Headers/,/^$/p' | sed 's/^/  /'
say "What the driver will do with it (tools/m7-preflight --dtb <board>):"
"$top/tools/m7-preflight" --dtb "$dtb" "$fw" | sed 's/^/  /' || exit 1

python3 "$board/board.py" prep "$work/mem" || exit 2
cat >"$work/guest.sh" <<'EOF'
r=/sys/class/remoteproc/remoteproc0
d() { echo "DEMO $*"; }
gpr() { v=$(devmem 0x7e300058 32); [ $((v & 1)) = 1 ] && echo "0x${v#0x} (CPUWAIT=1: M7 held)" || echo "0x${v#0x} (CPUWAIT=0: M7 released)"; }
d "# insmod imx_m7_rproc.ko"
insmod /modules/imx_m7_rproc.ko
d "# cat $r/name $r/firmware $r/state"
d "$(cat $r/name) $(cat $r/firmware) $(cat $r/state)"
d "  IOMUXC GPR22 = $(gpr)"
d "# echo start > $r/state"
echo start > $r/state
d "# cat $r/state"
d "$(cat $r/state)"
d "  IOMUXC GPR22 = $(gpr)"
f=/sys/kernel/debug/remoteproc/remoteproc0/imx_m7/plan
d "# cat $f"
sed 's/^/DEMO /' "$f"
d "# echo stop > $r/state"
echo stop > $r/state
d "# cat $r/state"
d "$(cat $r/state)"
d "  IOMUXC GPR22 = $(gpr)"
EOF
say "Booting the emulated board: QEMU virt, Linux $kver, KASAN + kmemleak + lockdep"
"$top/tests/qemu/run.sh" -k "$kver" -s "$work/guest.sh" -m "$moddir" -d "$dtb" \
	-M "$work/mem" -o "$work/console.log" \
	-f "$fw:/lib/firmware/imx8mp_m7.elf" 2>"$work/run.err"
rc=$?
tr -d '\r' <"$work/console.log" | grep -E '^DEMO |imx.m7|remoteproc' |
	sed 's/^DEMO //; s/^\[ *[0-9.]*\] /  [kernel] /'
if [ $rc != 0 ]; then
	cat "$work/run.err" >&2
	say "demo FAILED (see above)"
	exit 1
fi
# grep reads a file: a grep -q that exits early in a pipe would kill its
# writer, and pipefail would report that as a failure.
tr -d '\r' <"$work/console.log" >"$work/console.txt"
grep -q '^DEMO running$' "$work/console.txt" ||
	{ say "demo FAILED: the M7 did not reach 'running'"; exit 1; }

say "From the host, in the guest's RAM: every byte of the plan, nothing else"
"$top/tools/m7-preflight" --dtb "$dtb" --json "$fw" >"$work/plan.json" || exit 1
python3 "$board/board.py" verify "$work/mem" "$work/plan.json" "$fw" | sed 's/^/  /'
[ "${PIPESTATUS[0]}" = 0 ] || { say "demo FAILED: memory check"; exit 1; }

say "The M7 twin: QEMU mps2-an500 (Cortex-M7) boots the ITCM/DTCM the driver wrote"
python3 "$board/board.py" dump "$work/mem" "$work/itcm.bin" "$work/dtcm.bin" || exit 2
"$top/tests/fixtures/twin-boot.sh" "$work/itcm.bin" "$work/dtcm.bin" 2>&1 | sed 's/^/  /'
[ "${PIPESTATUS[0]}" = 0 ] || { say "demo FAILED: the twin did not pass"; exit 1; }

# Part 2: RPMsg. A firmware with rpmsg-lite's resource table; the M7's side
# is played by the emulated endpoint on the host (tests/lib/m7_endpoint.py),
# through the RPMsg memory and the MU stand-in of the emulated board.
rfw=$top/build/fixtures/rpmsg-tcm.elf
say "RPMsg: build/fixtures/rpmsg-tcm.elf, whose resource table declares a vdev"
"$top/tools/m7-preflight" --dtb "$dtb" --json "$rfw" >"$work/rplan.json" || exit 1
make -s -C "$top/tests/guest" >/dev/null || exit 2
python3 "$board/board.py" prep "$work/rmem" || exit 2
cat >"$work/rguest.sh" <<'EOF'
r=/sys/class/remoteproc/remoteproc0
d() { echo "DEMO $*"; }
insmod /modules/imx_m7_rproc.ko
d "# echo start > $r/state"
echo start > $r/state
rpmsg-test wait /dev/ttyRPMSG0 60
d "# ls /dev/ttyRPMSG* /dev/rpmsg*"
d "$(ls /dev/ttyRPMSG* /dev/rpmsg* | tr '\n' ' ')"
exec 3<>/dev/ttyRPMSG0
stty raw -echo <&3
d '# echo "hello M7, this is Linux" > /dev/ttyRPMSG0; read the echo back'
echo -n "hello M7, this is Linux" >&3
d "$(timeout 20 dd bs=1 count=23 <&3 2>/dev/null)"
exec 3>&-
d "# echo stop > $r/state"
echo stop > $r/state
d "$(cat $r/state)"
EOF
python3 "$top/tests/lib/m7_endpoint.py" "$work/rmem" --plan "$work/rplan.json" \
	--stats "$work/endpoint.json" --log "$work/endpoint.log" &
ep=$!
"$top/tests/qemu/run.sh" -k "$kver" -s "$work/rguest.sh" -m "$moddir" -d "$dtb" \
	-M "$work/rmem" -o "$work/rconsole.log" \
	-f "$top/build/guest/rpmsg-test:/bin/rpmsg-test" \
	-f "$rfw:/lib/firmware/imx8mp_m7.elf" 2>"$work/rrun.err"
rc=$?
kill -TERM $ep 2>/dev/null
wait $ep
tr -d '\r' <"$work/rconsole.log" >"$work/rconsole.txt"
grep -E '^DEMO |rpmsg|virtio|remoteproc' "$work/rconsole.txt" |
	sed 's/^DEMO //; s/^\[ *[0-9.]*\] /  [kernel] /'
if [ $rc != 0 ]; then
	cat "$work/rrun.err" >&2
	say "demo FAILED (RPMsg boot, see above)"
	exit 1
fi
grep -qx 'DEMO hello M7, this is Linux' "$work/rconsole.txt" ||
	{ say "demo FAILED: no echo over /dev/ttyRPMSG0"; exit 1; }
say "demo OK: loaded, started, verified byte for byte, ran, stopped; RPMsg echoed over /dev/ttyRPMSG0"
