#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the emulated board's DTB: QEMU virt's own tree (dumped with the
# machine options tests/qemu/run.sh boots with) plus virt-m7.dtso, and
# virt-m7-ocram.dtso on top with --ocram. Prints the DTB's path.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../.." && pwd)/build/board
mkdir -p "$out"
name=virt-m7
overlays=("$here/virt-m7.dtso")
if [ "${1:-}" = --ocram ]; then
	name=virt-m7-ocram
	overlays+=("$here/virt-m7-ocram.dtso")
fi
# Several suites run at once (make check's lanes) and a QEMU may be reading
# the DTB right now: build in a private directory, rename into place.
exec 9>"$out/.lock"
flock 9
tmp=$(mktemp -d "$out/.tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
qemu-system-aarch64 -M virt,dumpdtb="$tmp/virt.dtb" -cpu cortex-a53 -m 2G \
	-smp 1 -nographic -nic none >/dev/null 2>&1
dtbos=()
for o in "${overlays[@]}"; do
	b=$tmp/$(basename "$o" .dtso).dtbo
	dtc -q -@ -I dts -O dtb -o "$b" "$o"
	dtbos+=("$b")
done
fdtoverlay -i "$tmp/virt.dtb" -o "$tmp/$name.dtb" "${dtbos[@]}"
for f in "$tmp"/*; do
	mv -f "$f" "$out/"
done
echo "$out/$name.dtb"
