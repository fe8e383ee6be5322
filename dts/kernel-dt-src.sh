#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Print the path of a Linux source tree that holds what the device-tree
# builds need (arch/arm64/boot/dts, include/dt-bindings with the uapi
# header its input.h links to, scripts/dtc/include-prefixes and
# Documentation/devicetree/bindings/vendor-prefixes.yaml) for VERSION.
# Usage: dts/kernel-dt-src.sh LABEL   (6.1, 6.12, the mainline label such
#                                     as 7.3, or a KSRC tree's: see
#                                     tests/kernel/source.sh)
#
# Reuses the full tree tests/kernel/build.sh extracts when it is complete,
# and a KSRC directory as it is; otherwise extracts only those parts of the
# label's tarball (Debian's linux-source-X.Y, bookworm's or the newest
# mainline's, or a KSRC tarball; about 15 s) into the same cache, keyed the
# same way (label and the tarball's size and mtime). Extraction goes to a
# temporary directory renamed into place under a lock, so concurrent runs
# never see half a tree. Nothing is ever written into a tree once it is
# there.
set -euo pipefail

ver=${1:?usage: kernel-dt-src.sh LABEL}
cache=${XDG_CACHE_HOME:-$HOME/.cache}/imx-m7-rproc
# shellcheck source=tests/kernel/source.sh
. "$(dirname "$0")/../tests/kernel/source.sh"
ksrc_resolve "$ver" || { echo "kernel-dt-src.sh: kernel $ver: see above" >&2; exit 2; }
if [ "$kind" = dir ]; then
	echo "$path"
	exit 0
fi
tarball=$path
for full in "$cache/src/linux-$ver-$tar_id" "$cache/src/linux-"*"-$tar_id"; do
	if [ -f "$full/.extracted" ]; then
		echo "$full"
		exit 0
	fi
done

dst=$cache/dt-src/linux-$ver-$tar_id
# complete DIR: extracted, and every link in include/dt-bindings resolves
# (dt-bindings/input/linux-event-codes.h points into include/uapi; a tree
# extracted without its target, as before, is extracted again).
complete() {
	[ -f "$1/.extracted" ] && [ -z "$(find "$1/include/dt-bindings" -xtype l -print -quit)" ]
}
if complete "$dst"; then
	echo "$dst"
	exit 0
fi

mkdir -p "$cache/dt-src"
exec 9>"$cache/dt-src/lock-$ver"
flock 9
if ! complete "$dst"; then
	echo "kernel-dt-src.sh: extracting the device-tree parts of $tarball" >&2
	tmp=$(mktemp -d "$cache/dt-src/.tmp-$ver.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	# Whatever the tarball's one top directory is called.
	tar -C "$tmp" --strip-components=1 -xf "$tarball" --wildcards \
		"*/arch/arm64/boot/dts/*" \
		"*/include/dt-bindings/*" \
		"*/include/uapi/linux/input-event-codes.h" \
		"*/scripts/dtc/include-prefixes/*" \
		"*/Documentation/devicetree/bindings/vendor-prefixes.yaml"
	dangling=$(find "$tmp/include/dt-bindings" -xtype l -printf '%P -> %l\n')
	if [ -n "$dangling" ]; then
		echo "kernel-dt-src.sh: $tarball: links in include/dt-bindings point outside what was extracted:" >&2
		echo "$dangling" | sed 's/^/kernel-dt-src.sh:   /' >&2
		exit 1
	fi
	touch "$tmp/.extracted"
	rm -rf "$dst"
	mv "$tmp" "$dst"
	trap - EXIT
fi
echo "$dst"
