#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/checkpatch.pl --no-tree over every C source of the module, its
# tests and its tools (the M7 firmware fixtures are not kernel code).
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
label=""
# shellcheck source=../lib/suite.sh
. "$top/tests/lib/suite.sh"
# checkpatch.pl from bookworm's 6.12 source: the full tree if
# tests/kernel/build.sh has extracted it, else only the script and the
# files it reads beside it, extracted once into the cache (no kernel build:
# this suite runs in make check's host lane, beside the kernel builds).
tarball=/usr/src/linux-source-6.12.tar.xz
cache=${XDG_CACHE_HOME:-$HOME/.cache}/imx-m7-rproc
[ -f "$tarball" ] || { notok "checkpatch: $tarball missing (apt-get install linux-source-6.12)"; exit 1; }
tar_id=$(stat -c '%s-%Y' "$tarball")
cp=$cache/src/linux-6.12-$tar_id/scripts/checkpatch.pl
if [ ! -f "$cache/src/linux-6.12-$tar_id/.extracted" ]; then
	d=$cache/checkpatch/linux-6.12-$tar_id
	mkdir -p "$cache/checkpatch"
	exec 9>"$cache/checkpatch/lock"
	flock 9
	if [ ! -f "$d/.extracted" ]; then
		tmp=$(mktemp -d "$cache/checkpatch/.tmp.XXXXXX")
		tar -C "$tmp" --strip-components=1 -xJf "$tarball" \
			linux-source-6.12/scripts/checkpatch.pl \
			linux-source-6.12/scripts/spelling.txt \
			linux-source-6.12/scripts/const_structs.checkpatch ||
			{ rm -rf "$tmp"; notok "checkpatch: cannot extract it from $tarball"; exit 1; }
		touch "$tmp/.extracted"
		rm -rf "$d" && mv "$tmp" "$d"
	fi
	exec 9>&-
	cp=$d/scripts/checkpatch.pl
fi
[ -f "$cp" ] || { notok "checkpatch.pl not found"; exit 1; }
files=$(git ls-files --cached --others --exclude-standard -- '*.c' '*.h' |
	grep -v '^tests/fixtures/' | sort)
[ -n "$files" ] || { notok "no C sources found"; exit 1; }
for f in $files; do
	out=$(perl "$cp" --no-tree --terse --show-types -f "$f" 2>&1 |
		grep -E 'ERROR|WARNING|CHECK')
	if [ -z "$out" ]; then
		ok "checkpatch $f"
	else
		notok "checkpatch $f"
		echo "$out" | indent
	fi
done
exit $fail
