#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# KUnit suites for one kernel ($KVER): boot it under QEMU with KASAN,
# kmemleak and lockdep, load imx_m7_rproc.ko and every test module, parse
# the KTAP with the kernel's own kunit.py, and report every case. A suite
# that never reported, a crash, a timeout or any splat is a failure.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
: "${KVER:?}"
label=""
# shellcheck source=../lib/suite.sh
. "$top/tests/lib/suite.sh"
out=$top/build/check
mkdir -p "$out"
log=$out/kunit-$KVER.console
json=$out/kunit-$KVER.json
moddir=$("$top/tests/lib/kmod.sh" "$KVER") || { notok "modules build on $KVER"; exit 1; }
# The tested kernel's own kunit.py: its O= build tree links to its source.
kb=$("$top/tests/kernel/build.sh" "$KVER") || exit 1
kunitpy=$kb/source/tools/testing/kunit/kunit.py
[ -f "$kunitpy" ] || { notok "no kunit.py at $kunitpy"; exit 1; }
guest=$(mktemp)
trap 'rm -f "$guest"' EXIT
cat >"$guest" <<'GUEST'
insmod /modules/imx_m7_rproc.ko
for t in /modules/*_test.ko; do
	insmod "$t"
done
GUEST

"$top/tests/qemu/run.sh" -k "$KVER" -s "$guest" -m "$moddir" -o "$log" -t 1800 2>"$out/kunit-$KVER.err"
rc=$?
if [ $rc != 0 ]; then
	notok "KUnit boot on $KVER clean (run.sh exit $rc)"
	indent <"$out/kunit-$KVER.err"
else
	ok "KUnit boot on $KVER: no BUG, WARNING, KASAN, kmemleak or lockdep report"
fi

# One KTAP document per suite, for kunit.py (tests/lib/ktap.py says why).
tr -d '\r' <"$log" | sed -n '/^M7TEST-BOOTED/,$p' >"$out/kunit-$KVER.ktap"
rm -f "$out/kunit-$KVER".doc*
python3 "$top/tests/lib/ktap.py" split "$out/kunit-$KVER.ktap" "$out/kunit-$KVER.doc"
prc=0
docs=0
for doc in "$out/kunit-$KVER".doc*; do
	[ -e "$doc" ] || continue
	docs=$((docs + 1))
	if ! python3 "$kunitpy" parse --json="$doc.json" "$doc" >"$doc.parsed" 2>&1; then
		prc=1
		if [ ! -s "$doc.json" ]; then
			notok "kunit.py could not parse $(basename "$doc") on $KVER"
			head -20 "$doc.parsed" | indent
		fi
	fi
done
[ $docs -gt 0 ] || notok "no KTAP output on $KVER"
# One line per leaf case; a parameterised case counts each parameter.
python3 "$top/tests/lib/ktap.py" cases "$KVER" "$out/kunit-$KVER".doc*.json || fail=1
# Every suite we ship must have reported: a module that silently did not
# run is a failure, not a pass.
for src in "$top"/tests/*_test.c; do
	[ -e "$src" ] || continue
	suite=$(sed -n 's/^\s*\.name = "\([a-z0-9_]*\)",.*/\1/p' "$src" | head -1)
	if [ -z "$suite" ]; then
		notok "cannot tell the suite name of ${src#"$top"/}"
	elif grep -aqE "^(\[ *[0-9.]+\] )? +# Subtest: $suite\$" "$out/kunit-$KVER.ktap"; then
		ok "suite $suite reported on $KVER"
	else
		notok "suite $suite never reported on $KVER"
	fi
done
# Skips must say why: show the reasons.
grep -a '# SKIP' "$out/kunit-$KVER.ktap" | sed 's/^\[[^]]*\] *//; s/^/    skip: /' | sort -u | head -20
[ $prc = 0 ] || fail=1

# The harness's leak detection, proven able to fail. Every boot looks for
# leaks after its test with two kmemleak scans, and leaves out objects
# allocated before the test, by their jiffies (tests/qemu/leaks.awk). First the filter
# on a canned report: one object from the boot, one from the test.
canned=$(mktemp)
cat >"$canned" <<'EOF'
unreferenced object 0xffff000003a0e800 (size 128):
  comm "swapper/0", pid 1, jiffies 4294892296
  backtrace (crc 0):
    [<0000000001>] early_init+0x0/0x10
unreferenced object 0xffff000003a0f000 (size 424):
  comm "insmod", pid 90, jiffies 4294895883
  backtrace (crc 0):
    [<0000000002>] imx_m7_test_leak_alloc+0x20/0x40 [imx_m7_test_leak]
EOF
filtered=$(awk -v j0=4294895000 -f "$top/tests/qemu/leaks.awk" "$canned")
rm -f "$canned"
if grep -q 'imx_m7_test_leak_alloc' <<<"$filtered" && ! grep -q 'early_init' <<<"$filtered" &&
   grep -qx 'M7TEST-KMEMLEAK 1 new, 1 from before the test (not shown; j0 4294895000)' <<<"$filtered"; then
	ok "leaks.awk keeps the test's leak (jiffies 4294895883 >= j0 4294895000), drops the boot's (4294892296)"
else
	notok "leaks.awk on a canned report (j0 4294895000)"
	indent <<<"$filtered"
fi
if grep -aqE '^M7TEST-KMEMLEAK 0 new, .*; j0 [1-9][0-9]*\)' "$log"; then
	ok "the KUnit boot's leak check ran: $(tr -d '\r' <"$log" | sed -n 's/^M7TEST-KMEMLEAK //p')"
else
	notok "the KUnit boot printed no M7TEST-KMEMLEAK line"
fi
# Then a real one: a module that leaks 32 allocations at load must fail its boot
# (run.sh exit 3) with kmemleak's report of it.
cat >"$guest" <<'GUEST'
insmod /modules/imx_m7_test_leak.ko
GUEST
"$top/tests/qemu/run.sh" -k "$KVER" -s "$guest" -m "$moddir" -o "$out/leak-$KVER.console" \
	2>"$out/leak-$KVER.err"
rc=$?
if [ $rc = 3 ] && grep -aq 'imx_m7_test_leak_alloc' "$out/leak-$KVER.err" &&
   grep -aqE '^M7TEST-KMEMLEAK [1-9][0-9]* new, ' "$out/leak-$KVER.console"; then
	ok "a planted leak fails its boot on $KVER (run.sh exit 3, kmemleak names imx_m7_test_leak_alloc)"
else
	notok "a planted leak (imx_m7_test_leak.ko) did not fail its boot on $KVER (run.sh exit $rc)"
	head -20 "$out/leak-$KVER.err" | indent
fi
exit $fail
