# SPDX-License-Identifier: GPL-2.0
#
# Sourced by the suites under tests/suites/: the ok/not ok lines make check
# counts, indentation for detail lines, and the firmware fixture build.
# Set $top, $out (the suite's build directory) and $label (a prefix for
# every check, e.g. "6.12 driver: ") before sourcing.
fail=0
ok() { echo "ok - $label$*"; }
notok() { echo "not ok - $label$*"; fail=1; }
indent() { sed 's/^/    /'; }

# Build the fixtures into build/fixtures; a failure ends the suite.
build_fixtures() {
	make -s -C "$top/tests/fixtures" >"$out/fixtures.log" 2>&1 && return 0
	notok "fixtures build"
	indent <"$out/fixtures.log"
	exit 1
}
