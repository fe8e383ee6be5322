#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# docs/troubleshooting.md against the code: every message format in the
# top-level *.c and tools/*.c (dev_err/dev_warn/dev_info/dev_notice/
# dev_err_probe, the planner's wording through imx_m7_put(), every "hint:"
# string, fprintf() to anything but stdout), every planner check name and
# the kernel's own messages users meet must have a row, and every test a row
# names must exist (tests/suites/troubleshooting.py does the reading); and
# no link of the user docs may dangle. Then negative
# controls: copies of the sources and of the table, each with one defect,
# that the checker must refuse, naming the defect.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/build/troubleshooting
label="troubleshooting: "
. "$top/tests/lib/suite.sh"
rm -rf "$out" && mkdir -p "$out"
chk=$top/tests/suites/troubleshooting.py
doc=$top/docs/troubleshooting.md

if python3 "$chk" --root "$top" >"$out/real.log" 2>&1; then
	ok "every message has a row, every row's test exists ($(sed -n 's/^summary: //p' "$out/real.log"))"
else
	mapfile -t lines <"$out/real.log"
	notok "docs/troubleshooting.md against the code" "${lines[@]}"
fi

# A scratch tree: copies of the sources the checker reads, the real tests.
mkroot() {
	rm -rf "$out/root" && mkdir -p "$out/root/tools"
	cp "$top"/*.c "$out/root/" && cp "$top"/tools/*.c "$out/root/tools/"
	ln -s "$top/tests" "$out/root/tests"
	cp "$doc" "$out/doc.md"
}

# edit_all SED: apply SED to every top-level C file of the scratch tree,
# wherever the code it changes lives; fail the suite if it changed nothing.
edit_all() {
	local before

	before=$(cat "$out"/root/*.c | md5sum)
	sed -i "$1" "$out"/root/*.c
	[ "$(cat "$out"/root/*.c | md5sum)" != "$before" ] ||
		notok "negative control: sed '$1' matched nothing: the control is stale"
}

# control WHAT EXPECTED-LINE: the checker must fail on the scratch tree and
# print EXPECTED-LINE (a fixed string).
control() {
	local what=$1 want=$2

	if python3 "$chk" --root "$out/root" --doc "$out/doc.md" >"$out/control.log" 2>&1; then
		notok "negative control: $what: the checker passed" "$(tail -1 "$out/control.log")"
	elif grep -qF -- "$want" "$out/control.log"; then
		ok "negative control: $what: refused, naming it"
	else
		mapfile -t lines < <(head -5 "$out/control.log")
		notok "negative control: $what: refused, but without naming it" \
			"expected: $want" "${lines[@]}"
	fi
}

# The scratch tree unchanged passes: the controls fail for their defect.
mkroot
if python3 "$chk" --root "$out/root" --doc "$out/doc.md" >"$out/control.log" 2>&1; then
	ok "negative controls: the unchanged scratch copy passes"
else
	mapfile -t lines < <(head -5 "$out/control.log")
	notok "negative controls: the unchanged scratch copy fails" "${lines[@]}"
fi

mkroot
printf '%s\n' 'static void tsc(struct device *dev)' '{' \
	'	dev_err(dev, "troubleshooting control: no row for %d\n", 1);' '}' \
	>>"$out/root/imx_m7_rproc.c"
control "a dev_err() added to imx_m7_rproc.c" "troubleshooting control: no row for %d"

mkroot
printf '%s\n' 'static int tsc(struct device *dev)' '{' \
	'	return dev_err_probe(dev, -EINVAL,' \
	'			     "%pOF: troubleshooting " "control, split literal\n", dev->of_node);' '}' \
	>"$out/root/imx_m7_tsc_control.c"
control "a dev_err_probe() in a new top-level file, its format split in two literals" \
	"%pOF: troubleshooting control, split literal"

mkroot
printf '%s\n' 'static const char *const tsc[] = {' \
	'	"hint: troubleshooting control, a hint in a table",' '};' \
	>>"$out/root/imx_m7_elf.c"
control "a hint: string in a table, printed by no known call" \
	"hint: troubleshooting control, a hint in a table"

mkroot
printf '%s\n' 'static void tsc(void)' '{' \
	'	fprintf(stderr, "m7-preflight: troubleshooting control\n");' '}' \
	>>"$out/root/tools/m7-preflight.c"
control "an fprintf(stderr) added to tools/m7-preflight.c" "m7-preflight: troubleshooting control"

mkroot
edit_all 's/\bimx_m7_put(/imx_m7_say(/g'
control "the planner's wording printed through a function the checker does not know" \
	"no imx_m7_put() wording"

mkroot
edit_all 's/\[IMX_M7_E_REGION_COUNT\] = "region-count",/&\n\t[IMX_M7_E_TSC] = "tsc-check",/'
control "a planner check name added" "no row for the planner check tsc-check"

mkroot
grep -v '^| `rproc_add failed`' "$doc" >"$out/doc.md"
control "the row of rproc_add failed deleted" "'rproc_add failed\\n'"

mkroot
grep -v 'disagrees about version of symbol' "$doc" >"$out/doc.md"
control "the vermagic row deleted" "no row for the kernel's message 'disagrees about version of symbol'"

mkroot
sed -i 's|`tests/imx_m7_dt_test.c` `more-reg` |`tests/suites/no-such-suite.sh` `more-reg` |' "$out/doc.md"
control "a row naming a test file that does not exist" \
	"names a test file that does not exist: tests/suites/no-such-suite.sh"

mkroot
sed -i 's|`tests/imx_m7_dt_test.c` `more-reg` |`tests/imx_m7_dt_test.c` `more-reg-no-such-case` |' "$out/doc.md"
control "a row naming a KUnit case that does not exist" \
	"names a test that does not exist: \`more-reg-no-such-case\`"

mkroot
sed -i 's@| `cannot map NAME at 0xADDR` | \(.*\) | -- (needs a failing ioremap) |@| `cannot map NAME at 0xADDR` | \1 |  |@' "$out/doc.md"
control "a row with neither a test nor a reason" "no test named, and no reason given after a dash"

# ---- no dangling links in the user docs ---------------------------------------
# links ROOT: every relative [text](path) of README.md, docs/*.md and
# contrib/**/*.md under ROOT that names no file, as "FILE: path".
links() {
	local f d l

	(cd "$1" && find README.md docs contrib -name '*.md' 2>/dev/null) | sort |
	while read -r f; do
		d=$(dirname "$f")
		grep -o '](\([^)#]*\)' "$1/$f" | sed 's/^](//' | grep -v '^[a-z]*:' |
		while read -r l; do
			[ -z "$l" ] || [ -e "$1/$d/$l" ] || echo "$f: $l"
		done
	done
}
bad=$(links "$top")
if [ -z "$bad" ]; then
	ok "no dangling link in README.md, docs/ and contrib/"
else
	mapfile -t lines <<<"$bad"
	notok "dangling links" "${lines[@]}"
fi
rm -rf "$out/links" && mkdir -p "$out/links/docs"
cp "$top/README.md" "$out/links/" && cp "$top"/docs/*.md "$out/links/docs/"
ln -s "$top/contrib" "$out/links/contrib"
for d in tests tools dts LICENSE; do ln -s "$top/$d" "$out/links/$d"; done
echo 'A [control link](no-such-file.md).' >>"$out/links/docs/board.md"
# Not "links | grep -q": links echoes line by line, and under pipefail an
# early grep -q exit would fail it with SIGPIPE.
if grep -qx 'docs/board.md: no-such-file.md' <<<"$(links "$out/links")"; then
	ok "negative control: a link to a missing file is found"
else
	notok "negative control: a link to a missing file was not found"
fi

exit $fail
