# SPDX-License-Identifier: GPL-2.0
#
# Sourced by the suites under tests/suites/: the ok/not ok lines make check
# counts, indentation for detail lines, what the suites build, and the
# emulated board's boots as the per-kernel suites run them.
# Set $top, $out (the suite's build directory) and $label (a prefix for
# every check, e.g. "6.12 driver: ") before sourcing, or call suite_init.
fail=0
ok() { echo "ok - $label$*"; }
# notok WHAT [DETAIL...]: a failed check, each line of each detail
# indented (so that no detail line is taken for a check of its own).
notok() {
	echo "not ok - $label$1"
	shift
	[ $# -gt 0 ] && printf '%s\n' "$@" | sed 's/^/    /'
	fail=1
}
indent() { sed 's/^/    /'; }
# exited RC WHAT FAILED LOG: "ok WHAT" when RC is 0, else "not ok FAILED
# (exit RC)" with the last 30 lines of LOG.
exited() {
	if [ "$1" = 0 ]; then
		ok "$2"
	else
		notok "$3 (exit $1)"
		indent <"$4" | tail -30
	fi
}
# notok_log WHAT [LOG]: a failed check, with the first 40 lines of LOG
# indented if it has any.
notok_log() {
	notok "$1"
	if [ -n "${2:-}" ] && [ -s "$2" ]; then head -40 "$2" | indent; fi
}

# suite_init NAME: for a per-kernel suite ($KVER): $out is build/NAME-$KVER,
# emptied; $label "$KVER NAME: "; $board and $fixdir.
suite_init() {
	: "${KVER:?}"
	out=$top/build/$1-$KVER
	label="$KVER $1: "
	board=$top/tests/board
	fixdir=$top/build/fixtures
	rm -rf "$out" && mkdir -p "$out"
}

# Build the fixtures into build/fixtures; a failure ends the suite.
build_fixtures() {
	make -s -C "$top/tests/fixtures" >"$out/fixtures.log" 2>&1 && return 0
	notok "fixtures build"
	indent <"$out/fixtures.log"
	exit 1
}

# need WHAT...: build what the suite needs, in order; a failure ends the
# suite. fixtures, tools (m7-preflight), guest (build/guest/rpmsg-test),
# modules (sets $moddir), dtb or dtb-ocram (the board's DTB: sets $dtb).
need() {
	local w
	for w in "$@"; do
		case $w in
		fixtures) build_fixtures ;;
		tools) make -s -C "$top/tools" >"$out/tools.log" 2>&1 ||
			{ notok "tools build"; indent <"$out/tools.log"; exit 1; } ;;
		guest) make -s -C "$top/tests/guest" >"$out/guest.log" 2>&1 ||
			{ notok "guest tool build"; indent <"$out/guest.log"; exit 1; } ;;
		modules) moddir=$("$top/tests/lib/kmod.sh" "$KVER") ||
			{ notok "modules build"; exit 1; } ;;
		dtb) dtb=$("$board/mkdtb.sh") || { notok "board dtb"; exit 1; } ;;
		dtb-ocram) dtb=$("$board/mkdtb.sh" --ocram) || { notok "board dtb"; exit 1; } ;;
		*) notok "need: nothing called $w"; exit 1 ;;
		esac
	done
}

# guest_lib TAG: the shell helpers every guest script starts with. A guest
# check sets $check and runs `say CMD...`, which prints "TAG ok - $check"
# or "TAG not ok - $check" for guest_boot to report.
guest_lib() {
	cat <<GUEST
r=/sys/class/remoteproc/remoteproc0
dbg=/sys/kernel/debug/remoteproc/remoteproc0
say() { if "\$@"; then echo "$1 ok - \$check"; else echo "$1 not ok - \$check"; fi; }
st() { [ "\$(cat \$r/state)" = "\$1" ]; }
# wait_st STATE: the state within 5 s (newer cores attach from a work item,
# so the state after insmod may still be on its way).
wait_st() {
	local n=50
	while [ \$n -gt 0 ]; do
		st "\$1" && return 0
		usleep 100000
		n=\$((n - 1))
	done
	return 1
}
held() { [ \$(( \$(devmem 0x7e300058 32) & 1 )) = 1 ]; }
GUEST
}

# guest_boot NAME TAG SCRIPT [RUN.SH ARGS...]: boot the board ($dtb, the
# modules in $moddir, RAM file $out/NAME.mem, prepared by the caller) with
# SCRIPT, report the guest's TAG checks as this suite's ("NAME: what"),
# and the boot's health. The console without CRs is left in $out/NAME.txt.
guest_boot() {
	local name=$1 tag=$2 script=$3 rc t0=$SECONDS
	shift 3
	"$top/tests/qemu/run.sh" -k "$KVER" -s "$script" -m "$moddir" -d "$dtb" \
		-M "$out/$name.mem" -o "$out/$name.console" "$@" 2>"$out/$name.err"
	rc=$?
	tr -d '\r' <"$out/$name.console" >"$out/$name.txt"
	sed -n "s/^$tag \(\(not \)\?ok - \)/\1$label$name: /p" "$out/$name.txt"
	grep -q "^$tag not ok" "$out/$name.txt" && fail=1
	if [ $rc = 0 ]; then
		ok "$name boot ($((SECONDS - t0)) s): no BUG, WARNING, KASAN, kmemleak or lockdep report"
	else
		notok "$name boot (run.sh exit $rc)"
		indent <"$out/$name.err" | tail -40
	fi
	return $rc
}
