#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Print the space-separated labels of the kernels make check runs the
# per-kernel suites on:
#   $KVERS when set (e.g. "6.12 7.3");
#   else, when $KSRC is set, the label of that tree (tests/kernel/build.sh
#   --label: its make kernelversion, e.g. 6.6.52);
#   else Debian bookworm's 6.1 and 6.12 and the newest mainline Debian
#   packages (tests/kernel/mainline.sh, chosen and fetched now).
# The mainline version goes to stderr. Exits 1 with one line saying why
# when the tree or the mainline package cannot be had.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)

if [ -n "${KVERS:-}" ]; then
	echo $KVERS
	exit 0
fi
err=$(mktemp)
trap 'rm -f "$err"' EXIT
if [ -n "${KSRC:-}" ]; then
	lbl=$("$here/build.sh" --label 2>"$err") ||
		{ echo "list.sh: KSRC=$KSRC: $(tail -1 "$err")" >&2; exit 1; }
	echo "list.sh: KSRC=$KSRC is kernel $lbl" >&2
	echo "$lbl"
	exit 0
fi
m=$("$here/mainline.sh" --label 2>"$err") ||
	{ echo "list.sh: no mainline kernel: $(tail -1 "$err")" >&2; exit 1; }
echo "list.sh: newest Debian mainline: $(cat "${XDG_CACHE_HOME:-$HOME/.cache}/imx-m7-rproc/apt/chosen" 2>/dev/null || echo "$m")" >&2
echo "6.1 6.12 $m"
