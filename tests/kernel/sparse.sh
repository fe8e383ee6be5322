#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Print the sparse a kernel's C=2 build must use.
# Usage: tests/kernel/sparse.sh KERNEL-SOURCE-DIR
#
# The machine's sparse (Debian 12: 0.6.4) when that kernel's kbuild accepts
# it; otherwise (7.x asks for a newer one and prints "sparse is not
# available or not up to date") one built from Debian's newest sparse
# source package (sid, else trixie), fetched through tests/kernel/mainline.sh's
# private apt setup with apt-get source --download-only, unpacked with
# dpkg-source -x and built with make, once, under
# ${XDG_CACHE_HOME:-~/.cache}/imx-m7-rproc/sparse/VERSION. Progress goes to
# stderr; a failure exits non-zero with one line saying why.
set -uo pipefail

ksrc=${1:?usage: sparse.sh KERNEL-SOURCE-DIR}
here=$(cd "$(dirname "$0")" && pwd)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/imx-m7-rproc
die() { echo "sparse.sh: $*" >&2; exit 1; }

# accepted SPARSE: does this kernel's kbuild take SPARSE as its checker?
# Kernels with scripts/checker-valid.sh (7.x; not 6.12) run it on C=1/C=2:
# it prints 1 when the checker parses __typeof_unqual__, else 0, and kbuild
# then warns and checks nothing.
accepted() {
	local v=$ksrc/scripts/checker-valid.sh

	command -v "$1" >/dev/null 2>&1 || return 1
	[ -f "$v" ] || return 0
	[ "$(sh "$v" "$1" -D__linux__ -Dlinux -D__STDC__ -Dunix -D__unix__ 2>/dev/null)" = 1 ]
}

if accepted sparse; then
	command -v sparse
	exit 0
fi

mkdir -p "$cache/sparse" || die "cannot create $cache/sparse"
exec 7>"$cache/sparse/lock"
flock 7
for b in $(ls -d "$cache/sparse/"*/sparse 2>/dev/null | sort -V -r); do
	if accepted "$b"; then
		echo "$b"
		exit 0
	fi
done

ver=$("$here/mainline.sh" --apt showsrc sparse 2>/dev/null |
	awk '$1 == "Version:" { print $2 }' | sort -V | tail -1)
[ -n "$ver" ] || die "no sparse source package in sid or trixie"
dst=$cache/sparse/$ver
echo "sparse.sh: $(sparse --version 2>/dev/null || echo 'no sparse') is too old for $(basename "$ksrc"): building sparse $ver from Debian's source package" >&2
tmp=$(mktemp -d "$cache/sparse/.tmp.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && "$here/mainline.sh" --apt -qq source --download-only "sparse=$ver") \
	>"$cache/sparse/download.log" 2>&1 ||
	die "apt-get source --download-only sparse=$ver failed: $(grep -a '^[WE]:' "$cache/sparse/download.log" | head -1)"
dsc=$(ls "$tmp"/sparse_*.dsc 2>/dev/null | head -1)
[ -n "$dsc" ] || die "apt-get source left no sparse_*.dsc"
dpkg-source -x "$dsc" "$tmp/src" >"$cache/sparse/unpack.log" 2>&1 ||
	die "dpkg-source -x $(basename "$dsc") failed (see $cache/sparse/unpack.log)"
# Only the checker itself: no sparse-llvm, c2xml or test-inspect.
# Debian patches it to CC=gcc-16, the compiler of sid; use the machine's.
make -C "$tmp/src" -j"$(nproc)" CC=gcc HAVE_LLVM=no HAVE_LIBXML=no HAVE_GTK=no sparse \
	>"$cache/sparse/make.log" 2>&1 ||
	die "make sparse $ver failed: $(grep -a -m1 -i error "$cache/sparse/make.log")"
rm -rf "$dst" && mkdir -p "$dst"
cp "$tmp/src/sparse" "$dst/sparse"
accepted "$dst/sparse" ||
	die "sparse $ver, just built, is still refused by $ksrc/scripts/checker-valid.sh"
echo "sparse.sh: built $dst/sparse ($("$dst/sparse" --version))" >&2
echo "$dst/sparse"
