# SPDX-License-Identifier: GPL-2.0
#
# Sourced by the suites under tests/suites/: the ok/not ok lines make check
# counts, indentation for detail lines, and the firmware fixture build.
# Set $top, $out (the suite's build directory) and $label (a prefix for
# every check, e.g. "6.12 driver: ") before sourcing.
fail=0
ok() { echo "ok - $label$*"; }
# notok WHAT [DETAIL...]: a failed check, each detail on an indented line.
notok() {
	local l

	echo "not ok - $label$1"
	shift
	for l in "$@"; do printf '    %s\n' "$l"; done
	fail=1
}
indent() { sed 's/^/    /'; }

# Build the fixtures into build/fixtures; a failure ends the suite.
build_fixtures() {
	make -s -C "$top/tests/fixtures" >"$out/fixtures.log" 2>&1 && return 0
	notok "fixtures build"
	indent <"$out/fixtures.log"
	exit 1
}
