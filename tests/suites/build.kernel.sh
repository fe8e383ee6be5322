#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build suite for one kernel ($KVER): a from-scratch W=1 build of every
# module with no warning at all, then sparse (C=2) over every source, with
# a sparse that kernel's kbuild accepts (tests/kernel/sparse.sh builds one
# from Debian's source package when the machine's is too old). Kbuild
# saying the checker "is not available or not up to date" (it then checks
# nothing) is a failure, and so is any compiled source sparse did not check.
#
# A user's tree (KSRC) whose Kconfig cannot give the QEMU test kernel's
# configuration is still built against here (IMX_M7_MODULES_ONLY=1): the
# QEMU suites then fail naming the option, but the module builds run.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
: "${KVER:?}"
label=""
# shellcheck source=../lib/suite.sh
. "$top/tests/lib/suite.sh"
log=$top/build/kmod-$KVER.log
export IMX_M7_MODULES_ONLY=1
mkdir -p "$top/build"

if ! kb=$("$top/tests/kernel/build.sh" "$KVER" 2>"$top/build/kernel-$KVER.err"); then
	notok "kernel $KVER builds"
	tail -20 "$top/build/kernel-$KVER.err" | indent
	exit 1
fi
# The option the QEMU kernel lacks, said once here too.
IMX_M7_MODULES_ONLY=0 "$top/tests/kernel/build.sh" "$KVER" 2>&1 >/dev/null | grep -a 'cannot build the QEMU' |
	sed 's/^/# /'

rm -rf "$top/build/kmod-$KVER/src"
if dir=$("$top/tests/lib/kmod.sh" "$KVER" W=1 2>/dev/null); then
	if grep -aE 'warning:|error:' "$log" >/dev/null; then
		notok "W=1 build on $KVER has warnings"
		grep -aE 'warning:|error:' "$log" | indent
	else
		ok "W=1 build on $KVER: $(cd "$dir" && find . -name '*.ko' | sort | tr '\n' ' ')"
	fi
else
	notok "W=1 build on $KVER failed"
	grep -aE 'error|Error' "$log" | head -30 | indent
	exit 1
fi
# The sources compiled (not kbuild's own .mod.c and .module-common.c).
compiled() {
	sed -n 's/^  CC \[M\]  \(.*\)\.o$/\1.c/p' "$1" |
		grep -avE '\.mod\.c$|(^|/)\.module-common\.c$' | sort -u
}
compiled "$log" >"$top/build/kmod-$KVER.compiled"

# IMX_M7_SPARSE=/path forces a checker (e.g. the machine's too old one,
# to see this suite fail on 7.x).
if [ -n "${IMX_M7_SPARSE:-}" ]; then
	checker=$IMX_M7_SPARSE
elif ! checker=$("$top/tests/kernel/sparse.sh" "$kb/source" 2>"$top/build/sparse-$KVER.err"); then
	notok "sparse (C=2) on $KVER: no sparse this kernel accepts"
	indent <"$top/build/sparse-$KVER.err"
	exit 1
fi
sver=$("$checker" --version 2>/dev/null)
what="sparse (C=2) on $KVER with $checker ($sver)"
rm -rf "$top/build/kmod-$KVER/src"
"$top/tests/lib/kmod.sh" "$KVER" C=2 CHECK="$checker" >/dev/null 2>&1
rc=$?
sed -n 's/^  CHECK   //p' "$log" | sort -u >"$top/build/kmod-$KVER.checked"
unchecked=$(comm -23 "$top/build/kmod-$KVER.compiled" "$top/build/kmod-$KVER.checked")
nchk=$(wc -l <"$top/build/kmod-$KVER.checked")
nobj=$(wc -l <"$top/build/kmod-$KVER.compiled")
if grep -aq 'is not available or not up to date' "$log"; then
	notok "$what: kbuild refused it and checked nothing"
	grep -a 'is not available or not up to date' "$log" | indent
elif [ $rc != 0 ] || grep -aE 'warning:|error:' "$log" >/dev/null; then
	notok "$what"
	grep -aE 'warning:|error:' "$log" | head -40 | indent
	[ $rc = 0 ] || echo "    the build exited $rc"
elif [ -n "$unchecked" ] || [ "$nobj" = 0 ]; then
	notok "$what: checked $nchk of the $nobj compiled sources"
	echo "$unchecked" | sed 's|^.*/kmod-[^/]*/src/||; s|^|    not checked: |'
else
	ok "$what: $nchk sources checked, no warnings"
fi
exit $fail
