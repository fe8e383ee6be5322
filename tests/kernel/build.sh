#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build (or reuse) an arm64 test kernel.
# Usage: tests/kernel/build.sh LABEL     (6.1, 6.12: Debian bookworm's
#                                         /usr/src/linux-source-LABEL;
#                                         7.3: the newest Debian mainline)
#        KSRC=/path tests/kernel/build.sh [LABEL]
#                                        a user's tree, a tarball or a
#                                        directory; its label is its
#                                        `make kernelversion` (6.6.52)
#        tests/kernel/build.sh --label   the label KSRC's tree gets
# Prints the build directory (O=) on stdout; progress goes to stderr.
# tests/kernel/source.sh says how labels map to trees.
#
# The tree is cached under ${XDG_CACHE_HOME:-~/.cache}/imx-m7-rproc, keyed by
# label, the source tarball's identity (size and mtime) and the config
# fragment's hash, so a fresh clone reuses it and any change rebuilds it. A
# tarball given as KSRC reuses a tree built from the same tarball under
# another label. A directory is built out of tree (O=) and never written
# to; when any of its files is newer than the last build, kbuild rebuilds
# incrementally.
#
# A tree whose Kconfig drops an option of the fragment cannot boot the QEMU
# test kernel: build.sh names the first such option in one line and exits
# 3, but still builds the kernel as far as its Kconfig allows, so that
# with IMX_M7_MODULES_ONLY=1 it prints the tree for module builds.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/imx-m7-rproc
# shellcheck source=tests/kernel/source.sh
. "$here/source.sh"

if [ "${1:-}" = --label ] || { [ $# = 0 ] && [ -n "${KSRC:-}" ]; }; then
	[ -n "${KSRC:-}" ] || { echo "build.sh: --label needs KSRC=/path" >&2; exit 2; }
	lbl=$(ksrc_register "$KSRC") || exit 2
	[ "${1:-}" = --label ] && { echo "$lbl"; exit 0; }
	set -- "$lbl"
fi
ver=${1:?usage: build.sh LABEL, or KSRC=/path build.sh}
frag=$here/qemu-arm64.config
ksrc_resolve "$ver" || { echo "build.sh: kernel $ver: see above" >&2; exit 2; }

export ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-
if [ "$kind" = tarball ]; then
	key=$( (cat "$frag"; echo "$tar_id") | sha256sum | cut -c1-12)
	src=$cache/src/linux-$ver-$tar_id
	out=$cache/build/linux-$ver-$key
	# The same tarball built under another label (KSRC=/usr/src/...).
	for d in "$cache/src/linux-"*"-$tar_id"; do
		[ ! -f "$src/.extracted" ] && [ -f "$d/.extracted" ] && src=$d
	done
	for d in "$cache/build/linux-"*"-$key"; do
		[ ! -f "$out/.imx-m7-done" ] && [ -f "$d/.imx-m7-done" ] && out=$d
	done
	origin=tarball
else
	src=$path
	key=$( (cat "$frag"; echo "dir:$path") | sha256sum | cut -c1-12)
	out=$cache/build/linux-$ver-$key
	origin=dir:$path
fi

# done: print the tree, or say once why the QEMU kernel cannot be built.
done_tree() {
	local miss

	miss=$(head -1 "$out/.imx-m7-missing" 2>/dev/null || true)
	if [ -n "$miss" ] && [ "${IMX_M7_MODULES_ONLY:-0}" != 1 ]; then
		echo "build.sh: kernel $ver cannot build the QEMU test kernel: $miss (module builds only)" >&2
		exit 3
	fi
	echo "$out"
	exit 0
}
# A directory's tree is up to date when none of its files changed since.
fresh() {
	[ -f "$out/.imx-m7-done" ] || return 1
	[ "$kind" = dir ] || return 0
	[ -z "$(find "$src" -path "$src/.git" -prune -o -type f -newer "$out/.imx-m7-done" -print -quit)" ]
}

fresh && done_tree

mkdir -p "$cache/src" "$cache/build"
exec 9>"$cache/lock-$ver"
flock 9
fresh && done_tree

if [ "$kind" = tarball ] && [ ! -f "$src/.extracted" ]; then
	echo "build.sh: extracting $path" >&2
	rm -rf "$src" && mkdir -p "$src"
	tar -C "$src" --strip-components=1 -xf "$path"
	touch "$src/.extracted"
fi
if [ "$kind" = dir ] && { [ -f "$src/.config" ] || [ -d "$src/include/config" ]; }; then
	echo "build.sh: kernel $ver: KSRC=$src has been built in place (.config): run make mrproper there, or give a clean copy" >&2
	exit 2
fi

# Trees built from an older fragment or tarball are stale: drop them (for a
# directory, only the trees built from that same directory).
for old in "$cache/build/linux-$ver-"*; do
	[ "$old" = "$out" ] && continue
	[ "$(cat "$old/.imx-m7-origin" 2>/dev/null || echo tarball)" = "$origin" ] && rm -rf "$old"
done
if [ -f "$out/.config" ] && [ "$kind" = dir ]; then
	echo "build.sh: kernel $ver: rebuilding $out from $src (files changed)" >&2
	rm -f "$out/.imx-m7-done"
else
	echo "build.sh: building linux $ver in $out (takes a few minutes)" >&2
	rm -rf "$out" && mkdir -p "$out"
fi
[ "$kind" = dir ] && echo "$origin" >"$out/.imx-m7-origin"
jobs=$(nproc)
make -s -C "$src" O="$out" allnoconfig >&2
"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "$frag" >"$out/merge.log" 2>&1
make -s -C "$src" O="$out" olddefconfig >&2
# Every line of the fragment must have survived olddefconfig.
: >"$out/.imx-m7-missing"
while IFS= read -r line; do
	case $line in
	CONFIG_*=n) opt=${line%%=*}
		grep -q "^$opt=" "$out/.config" && echo "$opt should be off" ;;
	CONFIG_*) grep -qx "$line" "$out/.config" || echo "$line did not survive olddefconfig" ;;
	"# CONFIG_"*" is not set") opt=${line#\# }; opt=${opt%% *}
		grep -q "^$opt=" "$out/.config" && echo "$opt should be off" ;;
	esac
done <"$frag" >>"$out/.imx-m7-missing"
if [ -s "$out/.imx-m7-missing" ]; then
	echo "build.sh: kernel $ver: $(wc -l <"$out/.imx-m7-missing") fragment option(s) lost, first: $(head -1 "$out/.imx-m7-missing"); building for modules only" >&2
	sed 's/^/build.sh:   /' "$out/.imx-m7-missing" >&2
fi
make -s -C "$src" O="$out" -j"$jobs" Image modules >&2
make -s -C "$src" O="$out" -j"$jobs" modules_prepare >&2
touch "$out/.imx-m7-done"
done_tree
