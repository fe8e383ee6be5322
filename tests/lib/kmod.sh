#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build our modules for one test kernel in a private copy of the sources,
# so that builds for different kernels (and people) never clobber each other.
# Usage: tests/lib/kmod.sh VERSION [extra kbuild args, e.g. W=1 C=2]
# Builds the test modules too (IMX_M7_TESTS=1: the KUnit suites and the
# emulated board's MU stand-in), which a plain `make` never builds.
# Prints the build directory (holding the .ko files) on stdout; the build
# log goes to build/kmod-VERSION.log and, on failure, to stderr.
set -euo pipefail

ver=${1:?usage: kmod.sh VERSION [kbuild args]}
shift
top=$(cd "$(dirname "$0")/../.." && pwd)
kb=$("$top/tests/kernel/build.sh" "$ver")
out=$top/build/kmod-$ver
log=$top/build/kmod-$ver.log
mkdir -p "$out"
exec 9>"$out.lock"
flock 9

# Mirror the module sources (and nothing else) into the private tree.
rsync -a --delete --prune-empty-dirs \
	--exclude='/build/' --exclude='/tools/' --exclude='/dts/' \
	--exclude='/tests/fixtures/' --exclude='/.git/' \
	--include='*/' --include='*.c' --include='*.h' --include='*.dtso' \
	--include='Kbuild' --exclude='*' \
	"$top/" "$out/src/"
if ! make -C "$kb" M="$out/src" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- \
	-j"$(nproc)" IMX_M7_TESTS=1 "$@" modules >"$log" 2>&1; then
	cat "$log" >&2
	exit 1
fi
# A module that left Kbuild (renamed, merged into another) must not linger
# in the tree the guests load /modules/*.ko from: keep only the modules
# this build lists in modules.order (.ko before 6.2, .o since; absolute
# paths up to 6.12, relative to M= in 7.x).
sed -e "s|^$out/src/||" -e 's/\.o$/.ko/' "$out/src/modules.order" | sort >"$out/ko.built"
grep -qx 'imx_m7_rproc.ko' "$out/ko.built" || {
	echo "kmod.sh: modules.order does not list imx_m7_rproc.ko:" >&2
	cat "$out/src/modules.order" >&2
	exit 1
}
(cd "$out/src" && find . -name '*.ko' | sed 's|^\./||' | sort | comm -23 - "$out/ko.built" |
	xargs -r rm -f)
echo "$out/src"
