#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the emulated board's DTB: QEMU virt's own tree (dumped with the
# machine options tests/qemu/run.sh boots with) plus virt-m7.dtso, and
# virt-m7-ocram.dtso on top with --ocram. Prints the DTB's path.
# --soc imx8mm (first): the i.MX8M Mini's M4 board, virt-m7.dtso with the
# node made an imx-m7-rproc,imx8mm-cm4 one: the same stand-ins named tcml
# and tcmu, the SRC syscon alone (an overlay cannot delete a property, so
# the M4's node is written from virt-m7.dtso here), and no firmware-name:
# the driver's default for the SoC, imx8mm_m4.elf.
# --soc imx8mn: the i.MX8M Nano's M7 board, virt-m7.dtso with the node made
# an imx-m7-rproc,imx8mn-cm7 one: the Nano's M7 has the Plus's TCMs, GPR22
# CPUWAIT and SRC_M7RCR, so the same stand-ins; no firmware-name (the
# driver's default for the SoC, imx8mn_m7.elf).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../.." && pwd)/build/board
mkdir -p "$out"
soc=imx8mp
if [ "${1:-}" = --soc ]; then
	soc=${2:?--soc needs imx8mp, imx8mn or imx8mm}
	shift 2
fi
case $soc in
imx8mp) name=virt-m7 ;;
imx8mm) name=virt-m4-imx8mm ;;
imx8mn) name=virt-m7-imx8mn ;;
*) echo "mkdtb.sh: unknown --soc $soc (imx8mp, imx8mn or imx8mm)" >&2; exit 2 ;;
esac
overlays=("$here/virt-m7.dtso")
if [ "${1:-}" = --ocram ]; then
	[ "$soc" = imx8mp ] || { echo "mkdtb.sh: --ocram is the i.MX8MP board's" >&2; exit 2; }
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
if [ "$soc" = imx8mm ]; then
	sed -e 's/compatible = "imx-m7-rproc,imx8mp-cm7";/compatible = "imx-m7-rproc,imx8mm-cm4";/' \
	    -e 's/reg-names = "itcm", "dtcm";/reg-names = "tcml", "tcmu";/' \
	    -e '/fsl,iomuxc-gpr = <&m7_gpr>;/d' \
	    -e '/firmware-name = "imx8mp_m7.elf";/d' \
	    "$here/virt-m7.dtso" >"$tmp/$name.dtso"
	# Each edit must have applied: the node is the M4's or nothing.
	grep -q 'imx-m7-rproc,imx8mm-cm4' "$tmp/$name.dtso" &&
		grep -q '"tcml", "tcmu"' "$tmp/$name.dtso" &&
		! grep -q 'firmware-name' "$tmp/$name.dtso" &&
		! grep -q 'fsl,iomuxc-gpr' "$tmp/$name.dtso" ||
		{ echo "mkdtb.sh: virt-m7.dtso no longer has the node the M4 board edits" >&2; exit 2; }
	overlays=("$tmp/$name.dtso")
elif [ "$soc" = imx8mn ]; then
	sed -e 's/compatible = "imx-m7-rproc,imx8mp-cm7";/compatible = "imx-m7-rproc,imx8mn-cm7";/' \
	    -e '/firmware-name = "imx8mp_m7.elf";/d' \
	    "$here/virt-m7.dtso" >"$tmp/$name.dtso"
	grep -q 'imx-m7-rproc,imx8mn-cm7' "$tmp/$name.dtso" &&
		! grep -q 'firmware-name' "$tmp/$name.dtso" ||
		{ echo "mkdtb.sh: virt-m7.dtso no longer has the node the Nano board edits" >&2; exit 2; }
	overlays=("$tmp/$name.dtso")
fi
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
