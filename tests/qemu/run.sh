#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot an arm64 test kernel on QEMU virt with our modules and run a script.
#
#   tests/qemu/run.sh -k VER [-s GUEST_SCRIPT] [-f HOST:GUEST]... [-d DTB]
#                     [-t SECONDS] [-M MEMFILE] [-o LOG] [-m MODDIR]
#                     [-q QEMU_ARG]...
#
# -k  kernel version (6.1, 6.12): built or reused by tests/kernel/build.sh
# -s  shell script run in the guest as /test.sh (under sh -e)
# -f  extra file for the initramfs (e.g. fw.elf:/lib/firmware/fw.elf)
# -d  device tree blob to boot with (default: QEMU's own)
# -t  time limit for the whole boot (default 900 s: make check runs several
#     QEMUs at once on small machines; the limit is for a hung guest)
# -M  back guest RAM (2 GiB) with this file, shared, so the host can read
#     what the guest wrote after power-off
# -o  console log (default build/qemu-VER.log)
# -m  directory whose *.ko go to /modules (default: tests/lib/kmod.sh VER)
# -q  extra QEMU argument (repeatable)
#
# Exit: 0 ok; 1 the guest script failed (its status is printed); 3 a kernel splat
# (BUG, WARNING, KASAN, kmemleak, lockdep, Oops, panic); 4 timeout or no
# result; 5 harness error. Offending lines are printed on stderr.
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
ver= script= dtb= memfile= log= moddir= timeout=900
files=() qargs=()
while getopts "k:s:f:d:t:M:o:m:q:" opt; do
	case $opt in
	k) ver=$OPTARG ;;
	s) script=$OPTARG ;;
	f) files+=("$OPTARG") ;;
	d) dtb=$OPTARG ;;
	t) timeout=$OPTARG ;;
	M) memfile=$OPTARG ;;
	o) log=$OPTARG ;;
	m) moddir=$OPTARG ;;
	q) qargs+=("$OPTARG") ;;
	*) exit 5 ;;
	esac
done
[ -n "$ver" ] || { echo "run.sh: -k VERSION required" >&2; exit 5; }
log=${log:-$top/build/qemu-$ver.log}
mkdir -p "$(dirname "$log")"

kb=$("$top/tests/kernel/build.sh" "$ver") || exit 5
[ -n "$moddir" ] || moddir=$("$top/tests/lib/kmod.sh" "$ver") || exit 5
"$top/tests/deps.sh" || exit 5
bb=${XDG_CACHE_HOME:-$HOME/.cache}/imx-m7-rproc/busybox-arm64/bin/busybox

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root
mkdir -p "$root"/{bin,sbin,proc,sys,dev,tmp,modules,lib/firmware}
cp "$bb" "$root/bin/busybox"
cp "$top/tests/qemu/init" "$root/init"
cp "$top/tests/qemu/leaks.awk" "$root/leaks.awk"
chmod +x "$root/init"
if [ -n "$script" ]; then
	cp "$script" "$root/test.sh"
else
	echo true > "$root/test.sh"
fi
find "$moddir" -name '*.ko' -exec cp {} "$root/modules/" \;
for f in "${files[@]}"; do
	src=${f%%:*} dst=${f#*:}
	mkdir -p "$root/$(dirname "$dst")"
	cp "$src" "$root/$dst"
done
(cd "$root" && find . | cpio -o -H newc --quiet) | gzip -1 > "$work/initramfs.gz"

mem=(-m 2G)
if [ -n "$memfile" ]; then
	mem=(-m 2G -object "memory-backend-file,id=ram,size=2G,mem-path=$memfile,share=on"
	     -machine memory-backend=ram)
fi
dtbarg=()
[ -z "$dtb" ] || dtbarg=(-dtb "$dtb")

set +e
timeout --foreground -k 5 "$timeout" qemu-system-aarch64 -M virt -cpu cortex-a53 \
	"${mem[@]}" -smp 1 -nographic -nic none -no-reboot \
	-kernel "$kb/arch/arm64/boot/Image" -initrd "$work/initramfs.gz" \
	"${dtbarg[@]}" "${qargs[@]}" \
	-append "console=ttyAMA0 panic=-1 oops=panic kasan.fault=report loglevel=7" \
	</dev/null >"$log" 2>&1
qrc=$?
set -e

splat='BUG:|WARNING:|Oops|Kernel panic|KASAN|unreferenced object|possible recursive locking|possible circular locking|inconsistent lock state|suspicious RCU usage|Unable to handle kernel|Internal error:|sleeping function called from invalid context|DEBUG_LOCKS_WARN_ON|list_add corruption|list_del corruption|hung_task|blocked for more than'
if grep -aEq "$splat" "$log"; then
	echo "run.sh: kernel splat on $ver (full log: $log):" >&2
	# Into a file first: head exiting early would kill grep with SIGPIPE,
	# and pipefail would turn exit 3 into 141.
	grep -aE -A12 "$splat" "$log" >"$work/splat" || true
	head -60 "$work/splat" >&2
	exit 3
fi
if [ $qrc = 124 ] || [ $qrc = 137 ]; then
	echo "run.sh: timed out after ${timeout}s on $ver (log: $log)" >&2
	tail -20 "$log" >&2
	exit 4
fi
if ! grep -aq '^M7TEST-DONE' "$log"; then
	echo "run.sh: guest did not finish on $ver (qemu status $qrc, log: $log)" >&2
	tail -20 "$log" >&2
	exit 4
fi
rc=$(sed -n 's/^M7TEST-EXIT \([0-9]*\).*/\1/p' "$log" | tr -d '\r' | tail -1)
if [ "${rc:-x}" != 0 ]; then
	echo "run.sh: guest script exited ${rc:-?} on $ver (log: $log)" >&2
	exit 1
fi
exit 0
