#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build (or reuse) an arm64 test kernel from Debian's linux-source-VERSION.
# Usage: tests/kernel/build.sh VERSION   (e.g. 6.12)
# Prints the build directory (O=) on stdout; progress goes to stderr.
#
# The tree is cached under ${XDG_CACHE_HOME:-~/.cache}/imx-m7-rproc, keyed by
# kernel version, the source tarball's identity and the config fragment's
# hash, so a fresh clone reuses it and any change rebuilds it.
set -euo pipefail

ver=${1:?usage: build.sh VERSION}
here=$(cd "$(dirname "$0")" && pwd)
frag=$here/qemu-arm64.config
tarball=/usr/src/linux-source-$ver.tar.xz
[ -f "$tarball" ] || { echo "missing $tarball: apt-get install linux-source-$ver" >&2; exit 2; }

cache=${XDG_CACHE_HOME:-$HOME/.cache}/imx-m7-rproc
tar_id=$(stat -c '%s-%Y' "$tarball")
key=$( (cat "$frag"; echo "$tar_id") | sha256sum | cut -c1-12)
src=$cache/src/linux-$ver-$tar_id
out=$cache/build/linux-$ver-$key
export ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-

if [ -f "$out/.imx-m7-done" ]; then
	echo "$out"
	exit 0
fi

mkdir -p "$cache/src" "$cache/build"
exec 9>"$cache/lock-$ver"
flock 9
if [ -f "$out/.imx-m7-done" ]; then
	echo "$out"
	exit 0
fi

if [ ! -f "$src/.extracted" ]; then
	echo "build.sh: extracting $tarball" >&2
	rm -rf "$src" && mkdir -p "$src"
	tar -C "$src" --strip-components=1 -xf "$tarball"
	touch "$src/.extracted"
fi

echo "build.sh: building linux $ver in $out (takes a few minutes)" >&2
# Trees built from an older fragment or tarball are stale: drop them.
for old in "$cache/build/linux-$ver-"*; do
	[ "$old" = "$out" ] || rm -rf "$old"
done
rm -rf "$out" && mkdir -p "$out"
jobs=$(nproc)
make -s -C "$src" O="$out" allnoconfig >&2
"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "$frag" >"$out/merge.log" 2>&1
make -s -C "$src" O="$out" olddefconfig >&2
# Every line of the fragment must have survived olddefconfig.
missing=0
while IFS= read -r line; do
	case $line in
	CONFIG_*=n) opt=${line%%=*}
		grep -q "^$opt=" "$out/.config" && { echo "build.sh: $opt should be off" >&2; missing=1; } ;;
	CONFIG_*) grep -qx "$line" "$out/.config" || { echo "build.sh: $line did not survive olddefconfig" >&2; missing=1; } ;;
	"# CONFIG_"*" is not set") opt=${line#\# }; opt=${opt%% *}
		grep -q "^$opt=" "$out/.config" && { echo "build.sh: $opt should be off" >&2; missing=1; } ;;
	esac
done < "$frag"
[ $missing = 0 ] || exit 1
make -s -C "$src" O="$out" -j"$jobs" Image modules >&2
make -s -C "$src" O="$out" -j"$jobs" modules_prepare >&2
touch "$out/.imx-m7-done"
echo "$out"
