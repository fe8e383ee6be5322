#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/checkpatch.pl --no-tree over every C source of the module, its
# tests and its tools (the M7 firmware fixtures are not kernel code).
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
kb=$(tests/kernel/build.sh 6.12) || exit 1
cp=$kb/source/scripts/checkpatch.pl
[ -f "$cp" ] || { echo "not ok - checkpatch.pl not found"; exit 1; }
fail=0
files=$(git ls-files --cached --others --exclude-standard -- '*.c' '*.h' |
	grep -v '^tests/fixtures/' | sort)
[ -n "$files" ] || { echo "not ok - no C sources found"; exit 1; }
for f in $files; do
	out=$(perl "$cp" --no-tree --terse --show-types -f "$f" 2>&1 |
		grep -E 'ERROR|WARNING|CHECK')
	if [ -z "$out" ]; then
		echo "ok - checkpatch $f"
	else
		echo "not ok - checkpatch $f"
		echo "$out" | sed 's/^/    /'
		fail=1
	fi
done
exit $fail
