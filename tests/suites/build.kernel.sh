#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build suite for one kernel ($KVER): a from-scratch W=1 build of every
# module with no warning at all, then sparse (C=2) over every source.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
: "${KVER:?}"
log=$top/build/kmod-$KVER.log
fail=0

rm -rf "$top/build/kmod-$KVER/src"
if dir=$("$top/tests/lib/kmod.sh" "$KVER" W=1 2>/dev/null); then
	if grep -aE 'warning:|error:' "$log" >/dev/null; then
		echo "not ok - W=1 build on $KVER has warnings"
		grep -aE 'warning:|error:' "$log" | sed 's/^/    /'
		fail=1
	else
		echo "ok - W=1 build on $KVER: $(cd "$dir" && find . -name '*.ko' | sort | tr '\n' ' ')"
	fi
else
	echo "not ok - W=1 build on $KVER failed"
	grep -aE 'error|Error' "$log" | head -30 | sed 's/^/    /'
	exit 1
fi

if "$top/tests/lib/kmod.sh" "$KVER" C=2 >/dev/null 2>&1 &&
   ! grep -aE 'warning:|error:' "$log" >/dev/null; then
	echo "ok - sparse (C=2) on $KVER: no warnings"
else
	echo "not ok - sparse (C=2) on $KVER"
	grep -aE 'warning:|error:' "$log" | head -40 | sed 's/^/    /'
	fail=1
fi
exit $fail
