#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Print the path of a Linux source tree that holds what the device-tree
# builds need (arch/arm64/boot/dts, include/dt-bindings,
# scripts/dtc/include-prefixes and
# Documentation/devicetree/bindings/vendor-prefixes.yaml) for VERSION.
# Usage: dts/kernel-dt-src.sh VERSION   (e.g. 6.12)
#
# Reuses the full tree tests/kernel/build.sh extracts when it is complete;
# otherwise extracts only those parts of Debian's linux-source-VERSION
# tarball (about 15 s) into the same cache, keyed the same way (version and
# the tarball's size and mtime). Extraction goes to a temporary directory
# renamed into place under a lock, so concurrent runs never see half a tree.
# Nothing is ever written into a tree once it is there.
set -euo pipefail

ver=${1:?usage: kernel-dt-src.sh VERSION}
tarball=/usr/src/linux-source-$ver.tar.xz
[ -f "$tarball" ] || { echo "kernel-dt-src.sh: missing $tarball: apt-get install linux-source-$ver" >&2; exit 2; }

cache=${XDG_CACHE_HOME:-$HOME/.cache}/imx-m7-rproc
tar_id=$(stat -c '%s-%Y' "$tarball")
full=$cache/src/linux-$ver-$tar_id
if [ -f "$full/.extracted" ]; then
	echo "$full"
	exit 0
fi

dst=$cache/dt-src/linux-$ver-$tar_id
if [ -f "$dst/.extracted" ]; then
	echo "$dst"
	exit 0
fi

mkdir -p "$cache/dt-src"
exec 9>"$cache/dt-src/lock-$ver"
flock 9
if [ ! -f "$dst/.extracted" ]; then
	echo "kernel-dt-src.sh: extracting the device-tree parts of $tarball" >&2
	tmp=$(mktemp -d "$cache/dt-src/.tmp-$ver.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	top=linux-source-$ver
	tar -C "$tmp" --strip-components=1 -xJf "$tarball" --wildcards \
		"$top/arch/arm64/boot/dts/*" \
		"$top/include/dt-bindings/*" \
		"$top/scripts/dtc/include-prefixes/*" \
		"$top/Documentation/devicetree/bindings/vendor-prefixes.yaml"
	touch "$tmp/.extracted"
	rm -rf "$dst"
	mv "$tmp" "$dst"
	trap - EXIT
fi
echo "$dst"
