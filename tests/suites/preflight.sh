#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tools/m7-preflight's command line: its exit codes (0 accepted, 1 refused,
# 2 usage or I/O), its options (--region, --dtb, --json) and the shape of
# its JSON (tests/lib/preflight_json.py), on (a) the synthetic images of
# tests/suites/mkelf.py, the KUnit builder's, and (b) the firmware fixtures
# of tests/fixtures (build/fixtures/*.elf), whose verdicts, checks and
# segments must be those of tests/fixtures/expect.tsv. The words of each
# refusal are KUnit's to assert (imx_m7_diag); here a refusal's words on
# stderr must be the JSON's "message", and its check the one the image is
# built to fail.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
pf=$top/tools/m7-preflight
pj=$top/tests/lib/preflight_json.py
label="preflight: "
. "$top/tests/lib/suite.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if make -C "$top/tools" >"$work/make.log" 2>&1 && [ -x "$pf" ]; then
	ok "make tools builds tools/m7-preflight"
else
	notok "make tools" "$(tail -5 "$work/make.log")"
	exit 1
fi

# run NAME EXPECTED_EXIT FILE [ARGS...]: stdout in $work/out, stderr in $work/err
run() {
	local what=$1 want=$2 rc
	shift 2
	"$pf" "$@" >"$work/out" 2>"$work/err"
	rc=$?
	if [ "$rc" = "$want" ]; then
		ok "$what (exit $rc)"
		return 0
	fi
	notok "$what: exit $rc, expected $want" "$(head -5 "$work/err")"
	return 1
}

# ---- usage and I/O errors ---------------------------------------------------
python3 "$top/tests/suites/mkelf.py" "$work/syn" || { notok "mkelf.py"; exit 1; }
run "no arguments is a usage error" 2
run "a missing file is an I/O error" 2 "$work/nonexistent.elf"
run "a malformed --region is a usage error" 2 --region itcm:0:0x7e0000 "$work/syn/seed.elf"
run "--region past 4 GiB is a usage error" 2 --region ddr:0xffffff00:0xffffff00:0x200 "$work/syn/seed.elf"
run "--dtb and --region together are a usage error" 2 --dtb x.dtb --region itcm:0:0x7e0000:0x20000 "$work/syn/seed.elf"
# usage_on STREAM: the usage on $work/STREAM, naming every option, the
# other stream empty.
usage_on() {
	local other=err o
	[ "$1" = err ] && other=out
	grep -q '^usage: m7-preflight ' "$work/$1" && [ ! -s "$work/$other" ] || return 1
	for o in --region --dtb --json; do
		grep -q -- "^  $o " "$work/$1" || return 1
	done
}
if run "--help" 0 --help && usage_on out; then
	ok "--help: the usage on stdout, every option explained, nothing on stderr"
else
	notok "--help output" "$(cat "$work/out" "$work/err")"
fi
if run "an unknown option is a usage error" 2 --bogus "$work/syn/seed.elf" && usage_on err; then
	ok "an unknown option: the usage on stderr, nothing on stdout"
else
	notok "an unknown option: the usage" "$(cat "$work/out" "$work/err")"
fi
if run "two firmware files are a usage error" 2 "$work/syn/seed.elf" "$work/syn/seed.elf" && usage_on err; then
	ok "two firmware files: the usage on stderr, nothing on stdout"
else
	notok "two firmware files: the usage" "$(cat "$work/out" "$work/err")"
fi

# ---- refused synthetic images: exit 1, the check, stderr = "message" -------
# KUnit's T_RT_RPMSG: the Verdin regions plus an rpmsg carve-out.
rpmsg="--region itcm:0:0x7e0000:0x20000 --region dtcm:0x20000000:0x800000:0x20000
--region ddr:0x80000000:0x80000000:0x1000000 --region vdev0buffer:0x81000000:0x81000000:0x100000"
# KUnit's T_RT_VRINGS and expect.tsv's "needs rpmsg": the regions of
# dts/verdin-imx8mp_m7-ddr-rpmsg_overlay.dts.
vrings=(--region itcm:0:0x7e0000:0x20000 --region dtcm:0x20000000:0x800000:0x20000
	--region ddr:0x80000000:0x80000000:0x1000000
	--region vdev0vring0:0x55000000:0x55000000:0x8000 --region vdev0vring1:0x55008000:0x55008000:0x8000
	--region vdev0buffer:0x55400000:0x55400000:0x100000 --region rsc-table:0x550ff000:0x550ff000:0x1000)
# refused WHAT WANT [ARGS...] FILE: exit 1 with --json and without; the JSON
# of the refusal in its shape, saying WANT (CHECK|FIELD|SEGMENT|OTHER|ENTRY,
# "-" for none) and, as "message", what stderr says; stderr the same without
# --json. One check for the exit, one for the rest.
refused() {
	local what=$1 want=$2 got
	shift 2
	run "$what refused" 1 --json "$@" || return 1
	cp "$work/err" "$work/err.json"
	if ! got=$(python3 "$pj" refusal "$work/out" "$work/err" 2>&1); then
		notok "$what: the JSON of a refusal" "$got"
	elif [ "$got" != "$want" ]; then
		notok "$what: refused for $got, expected $want" "$(head -1 "$work/err")"
	elif "$pf" "$@" >/dev/null 2>"$work/err"; [ $? != 1 ] || ! cmp -s "$work/err" "$work/err.json"; then
		notok "$what: exit or stderr differ without --json" "$(diff "$work/err.json" "$work/err" | head -5)"
	else
		ok "$what: --json says ${want%%|*}, its message is stderr's, as without --json"
		return 0
	fi
	return 1
}
while IFS='|' read -r image rt want; do
	args=()
	[ "$rt" = rpmsg ] && read -ra args <<<"$(echo $rpmsg)"
	[ "$rt" = vrings ] && args=("${vrings[@]}")
	refused "$image.elf" "$want" "${args[@]}" "$work/syn/$image.elf"
done <<'MAP'
itcm-bss||load-range|-|1|-|-
seed-overflow||load-range|-|1|-|-
seed-run-nowhere||run-range|-|1|-|-
seed-overlap||overlap|-|1|0|-
aarch64||machine|e_machine|-|-|-
et-rel||type|e_type|-|-|-
phoff-past||phtable|e_phoff|-|-|-
seg-past-file||seg-file|p_offset|1|-|-
ddr-entry||no-vector|e_entry|0|-|-
ddr-past||load-range|-|1|-|-
seed-run-past-dtcm||run-range|-|1|-|-
seed-paddr-wrap||seg-wrap|p_paddr|1|-|-
vdev-past|rpmsg|load-range|-|1|-|-
rsc-lma|vrings|rsc-lma|p_vaddr|2|-|-
rsc-vring-past|vrings|rsc-vring|vring da|-|-|0
rsc||rsc-vring|vring da|-|-|0
rsc-vring-num|vrings|rsc-vring|vring num|-|-|0
rsc-vring-align|vrings|rsc-vring|vring align|-|-|0
rsc-notifyid|vrings|rsc-vring|vring notifyid|-|-|0
rsc-vrings3|vrings|rsc-vdev|num_of_vrings|-|-|0
rsc-vrings1|vrings|rsc-vdev|num_of_vrings|-|-|0
rsc-config-len|vrings|rsc-vdev|vdev size|-|-|0
rsc-two-vdevs|vrings|rsc-vdev|second vdev|-|-|1
rsc-bad-entry||rsc-table|offset|-|-|1
MAP

# The JSON check can fail: a refusal whose message is not stderr's, and one
# with a key missing, are refused by preflight_json.py, naming the fault.
"$pf" --json "$work/syn/aarch64.elf" >"$work/out" 2>"$work/err"
printf 'segment 0: not these words\n' >"$work/err.bad"
sed 's/"errno": -8, //' "$work/out" >"$work/out.bad"
if ! python3 "$pj" refusal "$work/out" "$work/err.bad" 2>"$work/pj.err" &&
   grep -qF '"message" is not what stderr says' "$work/pj.err" &&
   ! python3 "$pj" refusal "$work/out.bad" "$work/err" 2>"$work/pj.err" &&
   grep -qF "the document has keys" "$work/pj.err"; then
	ok "negative control: preflight_json.py refuses a message that is not stderr's and a missing key"
else
	notok "negative control: preflight_json.py refusal" "$(cat "$work/pj.err")"
fi

# ---- accepted synthetic images: the plan as JSON, op for op ----------------
# plan FILE 'kind seg region da len ...;...' [ARGS...]
plan() {
	local f=$1 want=$2
	shift 2
	run "$(basename "$f") accepted" 0 --json "$@" "$f" || return
	got=$(python3 "$pj" ops "$work/out" 2>&1)
	if [ "$got" = "$want" ]; then
		ok "$(basename "$f"): plan op for op"
	else
		notok "$(basename "$f"): plan differs" "got:  $got" "want: $want"
	fi
}
plan "$work/syn/seed.elf" "copy 0 itcm 0x0 0x1de78;copy 1 itcm 0x1de78 0x100"
plan "$work/syn/ddr.elf" "copy 0 ddr 0x80000000 0x800;copy 1 ddr 0x80100000 0x40;zero 1 ddr 0x80100040 0xfc0;vector -1 itcm 0x0 0x8 sp=0x80200000 pc=0x80000401"
plan "$work/syn/zephyr.elf" "copy 0 itcm 0x0 0x200;copy 2 itcm 0x208 0x20;zero 3 dtcm 0x20000020 0x400"
plan "$work/syn/rsc.elf" "copy 0 itcm 0x0 0x40;copy 1 itcm 0x40 0x10;copy 2 dtcm 0x20000100 0x8c" "${vrings[@]}"
plan "$work/syn/seed.elf" "copy 0 itcm 0x0 0x1de78;copy 1 itcm 0x1de78 0x100" \
	--region itcm:0:0x7e000000:0x20000 --region dtcm:0x20000000:0x7e100000:0x20000

# The resource table is stored and read at 0x20000100: that is its address.
if run "rsc.elf resource table" 0 --json "${vrings[@]}" "$work/syn/rsc.elf" &&
   [ "$(python3 "$pj" rsc "$work/out")" = "0x20000100 140" ]; then
	ok "rsc.elf: resource table at 0x20000100, where it is stored and read"
else
	notok "rsc.elf resource table" "$(cat "$work/out")"
fi
# Stored in ITCM at 0x50 but read in DTCM: refused (the core's updates at
# start would land in a copy the firmware no longer reads), as the driver.
if run "rsc-lma.elf refused" 1 --json "${vrings[@]}" "$work/syn/rsc-lma.elf" &&
   grep -q '"check": "rsc-lma", "field": "p_vaddr", "errno": -22, "segment": 2,' "$work/out"; then
	ok "rsc-lma.elf: a table whose load and run addresses differ is refused"
else
	notok "rsc-lma.elf" "$(cat "$work/out")"
fi
refused "rsc-noalloc.elf" "rsc-table|sh_flags|-|-|-" "$work/syn/rsc-noalloc.elf"

# 65535 program headers: every row of the table is there. How long it takes
# is a figure for make bench, not an assertion here.
if "$pf" "$work/syn/many.elf" >"$work/out" 2>"$work/err" &&
   [ "$(grep -c ' ddr ' "$work/out")" = 65534 ]; then
	ok "many.elf: all 65535 segments tabled"
else
	notok "many.elf table (exit $?)" "$(tail -2 "$work/out")" "$(head -2 "$work/err")"
fi

# --region: what imx_m7_regions_build() refuses in a DT is a usage error.
run "--region given twice is a usage error" 2 --region itcm:0:0x7e0000:0x20000 \
	--region itcm:0:0x7e0000:0x20000 "$work/syn/seed.elf"
run "--regions sharing CPU memory are a usage error" 2 --region itcm:0:0x7e0000:0x20000 \
	--region dtcm:0x20000000:0x7f0000:0x20000 "$work/syn/seed.elf"
run "--regions sharing M7 addresses are a usage error" 2 --region itcm:0:0x7e0000:0x20000 \
	--region dtcm:0x10000:0x800000:0x20000 "$work/syn/seed.elf"
plan "$work/syn/seed.elf" "copy 0 itcm 0x0 0x1de78;copy 1 itcm 0x1de78 0x100" \
	--region itcm:0:0x7e0000:0x20000 --region dtcm:0x20000000:0x800000:0x20000 \
	--region ocram:0x900000:0x900000:0x90000 --region ocram:0x20200000:0x900000:0x90000
# regions_are NAME 'DA PA SIZE[ alias];...': the JSON's regions called NAME.
regions_are() {
	[ "$(python3 "$pj" regions "$work/out" "$1" | paste -sd';')" = "$2" ]
}
if regions_are ocram "0x900000 0x900000 0x90000;0x20200000 0x900000 0x90000 alias"; then
	ok "a second --region view of the same memory is an alias"
else
	notok "--region ocram twice as two views" "$(cat "$work/out")"
fi
# --region goes through imx_m7_regions_build(), as --dtb does: the builder's
# table (one OCRAM view given, both made), the builder's refusals.
plan "$work/syn/seed.elf" "copy 0 itcm 0x0 0x1de78;copy 1 itcm 0x1de78 0x100" \
	--region itcm:0:0x7e0000:0x20000 --region dtcm:0x20000000:0x800000:0x20000 \
	--region ocram:0x20200000:0x900000:0x80000
if regions_are ocram "0x900000 0x900000 0x80000;0x20200000 0x900000 0x80000 alias"; then
	ok "--region ocram at its system-bus view: the builder makes both views"
else
	notok "--region ocram through the builder" "$(cat "$work/out")"
fi
if run "--region at an M7 address the map does not give is a usage error" 2 \
	--region itcm:0x100:0x7e0000:0x20000 --region dtcm:0x20000000:0x800000:0x20000 "$work/syn/seed.elf" &&
   grep -qxF "m7-preflight: --region itcm:0x100:0x7e0000:0x20000: the M7 does not see CPU 0x7e0000 at 0x100; the i.MX8M Plus map gives itcm at M7 0x0" "$work/err"; then
	ok "--region at the wrong M7 address: names the map's"
else
	notok "--region at the wrong M7 address" "$(cat "$work/err")"
fi
if run "--region without dtcm is a usage error" 2 --region itcm:0:0x7e0000:0x20000 "$work/syn/seed.elf" &&
   grep -qxF "m7-preflight: --region: region dtcm is required (reg-names) but not declared" "$work/err"; then
	ok "--region without dtcm: the region builder's words"
else
	notok "--region without dtcm" "$(cat "$work/err")"
fi

# The table output names every column.
if run "seed.elf table" 0 "$work/syn/seed.elf" &&
   grep -q "room left" "$work/out" && grep -qE "^1 +\[0x0001de78, 0x0001df78\) +itcm +0x100 +0 +0x2088" "$work/out"; then
	ok "seed.elf table row of segment 1"
else
	notok "seed.elf table" "$(cat "$work/out")"
fi

# ---- --dtb: our node, as the driver reads it --------------------------------
# dtb_tree FILE MEMORY: compile a tree of the clock controller, MEMORY (the
# nodes that hold label m7) and our node: itcm and dtcm, memory-region
# <&m7> named "ddr", IMX8MP_CLK_M7_CORE; with, from the environment, more
# reg entries (M7_REG) and their names (M7_REG_NAMES), more memory-region
# phandles (M7_REFS) and names (M7_NAMES), the clocks line (M7_CLOCKS),
# more nodes at the root (M7_ROOT).
dtb_tree() {
	dtc -q -I dts -O dtb -o "$1" - <<DTS
/dts-v1/;
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	clk: clock-controller { compatible = "fsl,imx8mp-ccm"; #clock-cells = <1>; };
	$2
	${M7_ROOT:-}
	m7-rproc {
		compatible = "imx-m7-rproc,imx8mp-cm7";
		reg = <0 0x7e0000 0 0x20000>, <0 0x800000 0 0x20000>${M7_REG:+, $M7_REG};
		reg-names = "itcm", "dtcm"${M7_REG_NAMES:+, $M7_REG_NAMES};
		memory-region = <&m7>${M7_REFS:-};
		memory-region-names = "ddr"${M7_NAMES:-};
		${M7_CLOCKS-clocks = <&clk 305>;}
	};
};
DTS
}
# dtb_of FILE DDR_NODE_EXTRA [DDR_ADDR [EXTRA_REG EXTRA_NAME [CARVEOUTS]]]
# CARVEOUTS: N more no-map nodes, named ddr0, ddr1, ... (ddr7, then ddr8...)
# M7_CLOCK (environment): the clocks cell of our node, IMX8MP_CLK_M7_CORE
# (305) unless given; "none": no clocks property. M7_PROPS: more
# properties of our node.
dtb_of() {
	local addr=${3:-0x80000000} i nodes="" refs="" names=""
	for ((i = 0; i < ${6:-0}; i++)); do
		nodes+="x$i: x@$((0x90000000 + i * 0x1000)) { reg = <0 $((0x90000000 + i * 0x1000)) 0 0x1000>; no-map; };"
		refs+=", <&x$i>"
		names+=", \"ddr$i\""
	done
	local clocks="clocks = <&clk ${M7_CLOCK:-305}>;"
	[ "${M7_CLOCK:-}" = none ] && clocks=""
	clocks+=${M7_PROPS:-}
	M7_REG=${4:-} M7_REG_NAMES=${5:-} M7_REFS=$refs M7_NAMES=$names M7_CLOCKS=$clocks \
		dtb_tree "$1" "reserved-memory {
		#address-cells = <2>;
		#size-cells = <2>;
		ranges;
		m7: m7@0 { reg = <0 $addr 0 0x1000000>; $2 };
		$nodes
	};"
}
if command -v dtc >/dev/null && dtb_of "$work/good.dtb" "no-map;" && dtb_of "$work/mapped.dtb" ""; then
	plan "$work/syn/ddr.elf" "copy 0 ddr 0x80000000 0x800;copy 1 ddr 0x80100000 0x40;zero 1 ddr 0x80100040 0xfc0;vector -1 itcm 0x0 0x8 sp=0x80200000 pc=0x80000401" --dtb "$work/good.dtb"
	# What the region builder refuses in a DTB: exit 1, its check, its words
	# on stderr and in the JSON (KUnit regions_text_test has the words).
	refused "--dtb without no-map" "region-nomap|-|-|-|-" --dtb "$work/mapped.dtb" "$work/syn/ddr.elf"
	run "a file that is not a DTB is an I/O error" 2 --dtb "$work/syn/seed.elf" "$work/syn/seed.elf"
	# A partial OCRAM at its real CPU address: M7 addresses of that part.
	if dtb_of "$work/ocram.dtb" "no-map;" 0x80000000 "<0 0x940000 0 0x50000>" '"ocram"' &&
	   run "--dtb with OCRAM's upper part" 0 --json --dtb "$work/ocram.dtb" "$work/syn/seed.elf" &&
	   regions_are ocram "0x940000 0x940000 0x50000;0x20240000 0x940000 0x50000 alias"; then
		ok "--dtb: OCRAM at 0x940000 is M7 0x940000 and 0x20240000 (KUnit regions_build_test)"
	else
		notok "--dtb partial OCRAM" "$(cat "$work/out" "$work/err")"
	fi
	# The M7 reaches DDR up to 0xbfffffff only (dt.sh refuses 0xc0000000 too).
	dtb_of "$work/high.dtb" "no-map;" 0xc0000000 || notok "dtc: high.dtb"
	refused "--dtb with a carve-out at 0xc0000000" "region-window|-|-|-|-" \
		--dtb "$work/high.dtb" "$work/syn/ddr.elf"
	# 17 declarations: refused as the driver refuses them, not cut to 16
	# (imx_m7_dt_check(), the node's shape: exit 2 as the other shapes).
	dtb_of "$work/many.dtb" "no-map;" 0x80000000 "" "" 14 || notok "dtc: many.dtb"
	if run "--dtb with 17 declarations refused" 2 --dtb "$work/many.dtb" "$work/syn/ddr.elf"; then
		if grep -qxF "m7-preflight: /m7-rproc: 17 memory declarations (reg and memory-region entries), more than the 16 this driver takes" "$work/err"; then
			ok "--dtb with 17 declarations: the driver's words (imx_m7_dt_check)"
		else
			notok "--dtb with 17 declarations: the driver's words" "$(cat "$work/err")"
		fi
	fi
	# ...and 16 with ddr0..ddr7 named as the binding names them.
	dtb_of "$work/eight.dtb" "no-map;" 0x80000000 "" "" 8 || notok "dtc: eight.dtb"
	run "--dtb with ddr, ddr0..ddr7" 0 --dtb "$work/eight.dtb" "$work/syn/ddr.elf"
	dtb_of "$work/nine.dtb" "no-map;" 0x80000000 "" "" 9 || notok "dtc: nine.dtb"
	refused "--dtb with ddr8" "region-name|-|-|-|-" --dtb "$work/nine.dtb" "$work/syn/ddr.elf"
	# Issue 10's bad trees: refused by --dtb in the words of the driver's
	# probe, one check for both (imx_m7_dt_check()); the driver suite's
	# bad-tree catalogue compares the two on the emulated board.
	# dt_refused NAME DTB WORDS: exit 2, WORDS on stderr (the words the driver prints too).
	dt_refused() {
		if run "--dtb: $1 refused" 2 --dtb "$2" "$work/syn/ddr.elf" &&
		   grep -qxF "m7-preflight: $3" "$work/err"; then
			ok "--dtb: $1: the driver's words"
		else
			notok "--dtb: $1" "got: $(cat "$work/err")" "want: m7-preflight: $3"
		fi
	}
	dtb_of "$work/reg3.dtb" "no-map;" 0x80000000 "<0 0x900000 0 0x10000>" "" &&
		dt_refused "more reg entries than reg-names" "$work/reg3.dtb" \
			"/m7-rproc: reg has more entries than the 2 of reg-names"
	dtb_tree "$work/outside.dtb" \
		"m7: m7@80000000 { reg = <0 0x80000000 0 0x1000000>; no-map; };" &&
		dt_refused "a memory-region outside /reserved-memory" "$work/outside.dtb" \
			"/m7-rproc: memory-region 0 (\"ddr\") points at /m7@80000000, which is not a /reserved-memory node"
	# reg through the parent's ranges, as of_address_to_resource() reads it:
	# a 32-bit reserved-memory bus whose 0 is CPU 0x80000000.
	if dtb_tree "$work/ranges.dtb" "reserved-memory {
		#address-cells = <1>;
		#size-cells = <1>;
		ranges = <0 0 0x80000000 0x10000000>;
		m7: m7@0 { reg = <0 0x1000000>; no-map; };
	};" &&
	   run "--dtb: a carve-out behind ranges" 0 --json --dtb "$work/ranges.dtb" "$work/syn/ddr.elf" &&
	   regions_are ddr "0x80000000 0x80000000 0x1000000"; then
		ok "--dtb: a carve-out's reg read through its parent's ranges"
	else
		notok "--dtb ranges translation" "$(cat "$work/out" "$work/err")"
	fi
	# The M7 clock: a warning for another clock of the clock controller
	# (a blob cannot say whether its driver registers it); refused, as
	# the driver's devm_clk_get() refuses it, when there is no clock.
	if M7_CLOCK=0x999 dtb_of "$work/m7div.dtb" "no-map;" &&
	   run "--dtb with another clock still plans" 0 --dtb "$work/m7div.dtb" "$work/syn/ddr.elf" &&
	   grep -q "^m7-preflight: warning: /m7-rproc: clocks names clock 2457 of fsl,imx8mp-ccm, not IMX8MP_CLK_M7_CORE (305);" "$work/err" &&
	   run "--dtb with IMX8MP_CLK_M7_CORE" 0 --dtb "$work/good.dtb" "$work/syn/ddr.elf" &&
	   ! grep -q warning "$work/err"; then
		ok "--dtb warns on an M7 clock other than IMX8MP_CLK_M7_CORE"
	else
		notok "--dtb M7 clock warning" "$(cat "$work/err")"
	fi
	noclk="/m7-rproc: clocks: the M7 core clock is required, e.g. clocks = <&clk IMX8MP_CLK_M7_CORE>"
	M7_CLOCK=none dtb_of "$work/noclk.dtb" "no-map;" &&
		dt_refused "no clocks" "$work/noclk.dtb" "$noclk"
	M7_CLOCK=none M7_PROPS="clocks = <0x4444 305>;" dtb_of "$work/clk-dangling.dtb" "no-map;" &&
		dt_refused "a clock phandle pointing at no node" "$work/clk-dangling.dtb" "$noclk"
	M7_CLOCK=none M7_PROPS="clocks = <&clk>;" dtb_of "$work/clk-short.dtb" "no-map;" &&
		dt_refused "a clock without the cell its #clock-cells asks" "$work/clk-short.dtb" "$noclk"
	# power-domains counted as of_count_phandle_with_args() counts them:
	# a malformed list refused with its errno, phandle 0 an empty entry.
	pdbad="/m7-rproc: malformed power-domains (-22): each entry is a provider's phandle and its #power-domain-cells cells"
	pdnodes="pd0: pd0 { #power-domain-cells = <0>; }; pd1: pd1 { #power-domain-cells = <1>; };
		nocells: nocells { }; emptycells: emptycells { #power-domain-cells; };"
	M7_ROOT=$pdnodes M7_PROPS="power-domains = <&nocells>;" dtb_of "$work/pd-nocells.dtb" "no-map;" &&
		dt_refused "a power domain whose provider has no #power-domain-cells" "$work/pd-nocells.dtb" "$pdbad"
	M7_ROOT=$pdnodes M7_PROPS="power-domains = <&pd1 3>, <&pd1>;" dtb_of "$work/pd-short.dtb" "no-map;" &&
		dt_refused "a power domain short of its cell" "$work/pd-short.dtb" "$pdbad"
	M7_ROOT=$pdnodes M7_PROPS="power-domains = <&emptycells>;" dtb_of "$work/pd-empty.dtb" "no-map;" &&
		dt_refused "an empty #power-domain-cells" "$work/pd-empty.dtb" "$pdbad"
	M7_ROOT=$pdnodes M7_PROPS="power-domains = <&pd0>, <0>, <&pd1 2>, <0>, <0>, <0>, <0>, <0>, <0>;" \
		dtb_of "$work/pd-zero.dtb" "no-map;" &&
		dt_refused "phandle-0 power domains count as entries" "$work/pd-zero.dtb" \
			"/m7-rproc: power-domains: 9 entries, at most 8 (the binding's limit)"
	if M7_ROOT=$pdnodes M7_PROPS="power-domains = <&pd0>, <0>, <&pd1 2>;" dtb_of "$work/pd-three.dtb" "no-map;" &&
	   run "--dtb with 3 power domains, one empty" 0 --dtb "$work/pd-three.dtb" "$work/syn/ddr.elf"; then
		ok "--dtb: 3 well-formed power domains (phandle 0 among them) pass"
	else
		notok "--dtb: 3 power domains" "$(cat "$work/err")"
	fi
	# memory-region's length is whole phandles, or it is malformed.
	M7_REFS=", [00 00]" dtb_tree "$work/mem-odd.dtb" "reserved-memory {
		#address-cells = <2>;
		#size-cells = <2>;
		ranges;
		m7: m7@0 { reg = <0 0x80000000 0 0x1000000>; no-map; };
	};" && dt_refused "a memory-region of 6 bytes" "$work/mem-odd.dtb" \
		"/m7-rproc: malformed memory-region (-22)"
	# A path cut to fit the words ends in "...", never in a shorter name.
	dtb_tree "$work/deep.dtb" "reserved-memory {
		#address-cells = <2>;
		#size-cells = <2>;
		ranges;
		r: r@0 { reg = <0 0x80000000 0 0x1000000>; no-map; };
		deep { deeper { m7: m7@90000000 { reg = <0 0x90000000 0 0x1000>; }; }; };
	};" && dt_refused "a long path, cut" "$work/deep.dtb" \
		"/m7-rproc: memory-region 0 (\"ddr\") points at /reserved-memory/deep/deeper..., which is not a /reserved-memory node"
else
	notok "dtc missing or failed: --dtb untested"
fi

# ---- the firmware fixtures ---------------------------------------------------
fx=$top/build/fixtures
if [ ! -d "$fx" ] && [ -f "$top/tests/fixtures/Makefile" ]; then
	make -C "$top/tests/fixtures" >"$work/fixtures.log" 2>&1 ||
		notok "make -C tests/fixtures failed" "$(tail -5 "$work/fixtures.log")"
fi
expect=$fx/expect.tsv
[ -f "$expect" ] || expect=$top/tests/fixtures/expect.tsv
if [ ! -d "$fx" ] || [ ! -f "$expect" ]; then
	notok "fixtures missing: no build/fixtures or expect.tsv (make -C tests/fixtures)"
	exit 1
fi
ocram=(--region itcm:0:0x7e0000:0x20000 --region dtcm:0x20000000:0x800000:0x20000
       --region ddr:0x80000000:0x80000000:0x1000000 --region ocram:0x20200000:0x900000:0x80000)
# verdict_of accept|reject: what the last --json run printed, checked for
# its shape by preflight_json.py: "IMX_M7_OK", or "CHECK SEGMENT OTHER
# ENTRY" with CHECK the imx_m7_check enum name ("-" for none); the
# checker's complaint otherwise.
verdict_of() {
	local got c s o e

	if [ "$1" = accept ]; then
		got=$(python3 "$pj" ops "$work/out" 2>&1) && got=IMX_M7_OK
		echo "$got"
		return
	fi
	got=$(python3 "$pj" refusal "$work/out" "$work/err" 2>&1) || { echo "$got"; return; }
	IFS='|' read -r c _ s o e <<<"$got"
	echo "IMX_M7_E_$(tr a-z- A-Z_ <<<"$c") $s $o $e"
}
# fixture_case WHAT NAME FILE VERDICT WANT FIELDS [ARGS...]: m7-preflight
# --json ARGS on build/fixtures/FILE exits 0 or 1 as VERDICT (accept,
# reject) says, the check WHAT; then, unless WANT is empty, the first
# FIELDS words of verdict_of VERDICT must be WANT, the check "NAME: WANT".
fixture_case() {
	local what=$1 name=$2 file=$3 verdict=$4 want=$5 fields=$6 got
	shift 6
	if [ ! -f "$fx/$file" ]; then
		notok "$what: build/fixtures/$file missing"
		return
	fi
	run "$what" "$([ "$verdict" = accept ] && echo 0 || echo 1)" --json "$@" "$fx/$file" ||
		return
	[ -n "$want" ] || return
	got=$(verdict_of "$verdict" | cut -d' ' -f"1-$fields")
	if [ "$got" = "$want" ]; then
		ok "$name: $want"
	else
		notok "$name: got $got, expected $want" "$(head -3 "$work/err")"
	fi
}
n=0
while IFS=$'\t' read -r file verdict check seg other needs base entry; do
	case $file in ''|'#'*) continue ;; esac
	n=$((n + 1))
	args=()
	[ "$needs" = ocram ] && args=("${ocram[@]}")
	[ "$needs" = rpmsg ] && args=("${vrings[@]}")
	what="fixture $file ($verdict${needs:+, needs $needs})"
	[ "$needs" = - ] && what="fixture $file ($verdict)"
	[ "$needs" = no-rpmsg ] && what="fixture $file ($verdict without the RPMsg carve-outs)"
	want="$check $seg $other $entry"
	[ "$verdict" = accept ] && want=
	fixture_case "$what" "$file" "$file" "$verdict" "$want" 4 "${args[@]}"
done <"$expect"
[ $n -gt 0 ] || notok "expect.tsv lists no fixture"

# ---- --soc: the other SoCs' maps, on the fixtures of soc/ -------------------
run "an unknown --soc is a usage error" 2 --soc imx8mq "$work/syn/seed.elf" &&
	grep -qxF "m7-preflight: unknown --soc imx8mq (imx8mp, imx8mn or imx8mm)" "$work/err" &&
	ok "an unknown --soc names the known ones" ||
	notok "unknown --soc words" "$(head -2 "$work/err")"
sexpect=$fx/soc-expect.tsv
[ -f "$sexpect" ] || sexpect=$top/tests/fixtures/soc-expect.tsv
n=0
while IFS=$'\t' read -r file soc verdict check seg; do
	case $file in ''|'#'*) continue ;; esac
	n=$((n + 1))
	# an acceptance names no segment ("-"): its verdict is one word
	if [ "$verdict" = accept ]; then
		[ "$seg" = - ] || notok "soc-expect.tsv: $file --soc $soc accepted, but segment $seg"
		want=$check fields=1
	else
		want="$check $seg" fields=2
	fi
	fixture_case "fixture $file --soc $soc ($verdict)" "$file --soc $soc" "$file" \
		"$verdict" "$want" "$fields" --soc "$soc"
done <"$sexpect"
[ $n -gt 0 ] || notok "soc-expect.tsv lists no fixture"

# The M4 stores its own reset vector at TCML 0x1ffe0000, which it fetches
# through TCML's alias at 0: no vector op, nothing written twice.
if [ -f "$fx/soc/imx8mm-tcm.elf" ] &&
   run "imx8mm-tcm.elf plan" 0 --json --soc imx8mm "$fx/soc/imx8mm-tcm.elf" &&
   python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
ops, regs = d["ops"], {(r["name"], r["da"]): r for r in d["regions"]}
data = [o for o in ops if o["da"] == 0x1fffde78]
sys.exit(not (not [o for o in ops if o["kind"] == "vector"]
	      and len(data) == 1 and data[0]["kind"] == "copy" and data[0]["len"] == 0x100
	      and data[0]["region"] == "tcml"
	      and regs[("tcml", 0)]["alias"] and not regs[("tcml", 0x1ffe0000)]["alias"]
	      and ("tcmu", 0x20000000) in regs))
' "$work/out"; then
	ok "imx8mm-tcm.elf: vector stored in TCML itself, .data 0x100 bytes stored at 0x1fffde78"
else
	notok "imx8mm-tcm.elf plan" "$(head -c 600 "$work/out" 2>/dev/null)"
fi
# The M4's default regions are tcml and tcmu; its TCMs are required by name.
if run "--soc imx8mm --region without tcmu is a usage error" 2 --soc imx8mm \
	--region tcml:0x1ffe0000:0x7e0000:0x20000 "$work/syn/seed.elf" &&
   grep -qxF "m7-preflight: --region: region tcmu is required (reg-names) but not declared" "$work/err"; then
	ok "--soc imx8mm requires tcmu"
else
	notok "--soc imx8mm without tcmu" "$(cat "$work/err")"
fi
if run "--soc imx8mm: itcm is no region of the M4" 2 --soc imx8mm \
	--region itcm:0:0x7e0000:0x20000 --region tcmu:0x20000000:0x800000:0x20000 "$work/syn/seed.elf" &&
   grep -qxF "m7-preflight: --region: region itcm: not a known memory-region-names name (reg-names: tcml, tcmu, ocram; memory-region-names: ddr, ddr0..ddr7, vdev0vring0, vdev0vring1, vdev0buffer, rsc-table)" "$work/err"; then
	ok "--soc imx8mm refuses itcm, naming the M4's TCMs"
else
	notok "--soc imx8mm with itcm" "$(cat "$work/err")"
fi
# The SoC read from --dtb's compatible, and a --soc that contradicts it.
# m4dts COMPATIBLE REG_NAMES [NODE_EXTRA]: NODE_EXTRA goes into our node,
# M4_CCM (environment) is the compatible of a clock controller <&clk>.
m4dts() {
	cat <<DTS
/dts-v1/;
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	clk: clock-controller { compatible = "${M4_CCM:-none}"; #clock-cells = <1>; };
	src: reset-controller@30390000 { compatible = "syscon"; reg = <0 0x30390000 0 0x10000>; };
	reserved-memory {
		#address-cells = <2>;
		#size-cells = <2>;
		ranges;
		m4: m4@80000000 { reg = <0 0x80000000 0 0x1000000>; no-map; };
	};
	m4-rproc {
		compatible = "$1";
		reg = <0 0x7e0000 0 0x20000>, <0 0x800000 0 0x20000>;
		reg-names = $2;
		memory-region = <&m4>;
		memory-region-names = "ddr";
		${3-clocks = <&clk 0>;}
		syscon = <&src>;
	};
};
DTS
}
m4dts imx-m7-rproc,imx8mm-cm4 '"tcml", "tcmu"' | dtc -q -I dts -O dtb -o "$work/m4.dtb" -
m4dts imx-m7-rproc,imx8mn-cm7 '"itcm", "dtcm"' | dtc -q -I dts -O dtb -o "$work/mn.dtb" -
if run "--dtb imx8mm-cm4: the M4 image" 0 --json --dtb "$work/m4.dtb" "$fx/soc/imx8mm-tcm.elf" &&
   python3 -c '
import json, sys
r = sorted((x["name"], x["da"], x["alias"]) for x in json.load(open(sys.argv[1]))["regions"])
sys.exit(r != [("ddr", 0x80000000, False), ("tcml", 0, True), ("tcml", 0x1ffe0000, False), ("tcmu", 0x20000000, False)])
' "$work/out"; then
	ok "--dtb with imx-m7-rproc,imx8mm-cm4 uses the i.MX8M Mini map"
else
	notok "--dtb imx8mm-cm4" "$(head -c 600 "$work/out")" "$(head -3 "$work/err")"
fi
run "--dtb imx8mn-cm7: the M4 image is refused" 1 --dtb "$work/mn.dtb" "$fx/soc/imx8mm-tcm.elf" &&
	ok "--dtb with imx-m7-rproc,imx8mn-cm7 uses the i.MX8M Nano map" ||
	notok "--dtb imx8mn-cm7"
if run "--soc contradicting --dtb is a usage error" 2 --soc imx8mp --dtb "$work/m4.dtb" "$fx/soc/imx8mm-tcm.elf" &&
   grep -qxF "m7-preflight: $work/m4.dtb: /m4-rproc is \"imx-m7-rproc,imx8mm-cm4\" (i.MX8M Mini), not the i.MX8M Plus of --soc imx8mp" "$work/err"; then
	ok "--soc imx8mp with an imx8mm-cm4 --dtb names both"
else
	notok "--soc against --dtb" "$(cat "$work/err")"
fi

# The compatibles --dtb takes are the driver's: each entry of
# imx_m7_rproc_of_match (the module's aliases; KUnit soc_match_table_test
# holds it equal to imx_m7_soc_nth(), the table m7-preflight walks) finds
# its node and plans, and a compatible of no entry is no node of ours.
compats=$(sed -n '/imx_m7_rproc_of_match\[\] = {/,/^};/s/.*\.compatible = "\([^"]*\)".*/\1/p' "$top/imx_m7_rproc.c")
n=0 bad=()
for c in $compats; do
	n=$((n + 1))
	case $c in
	*-cm4) names='"tcml", "tcmu"' fw=$fx/soc/imx8mm-tcm.elf ;;
	*) names='"itcm", "dtcm"' fw=$fx/soc/imx8mn-tcm.elf ;;
	esac
	m4dts "$c" "$names" | dtc -q -I dts -O dtb -o "$work/compat.dtb" - &&
		"$pf" --dtb "$work/compat.dtb" "$fw" >/dev/null 2>"$work/err" || bad+=("$c: $(head -1 "$work/err")")
done
if [ "$n" = 3 ] && [ ${#bad[@]} = 0 ]; then
	ok "--dtb plans a node of each of the driver's $n compatibles ($(echo $compats))"
else
	notok "--dtb and the driver's compatibles ($n found in imx_m7_rproc_of_match)" "${bad[@]}"
fi
m4dts imx-m7-rproc,imx8mq-cm4 '"tcml", "tcmu"' | dtc -q -I dts -O dtb -o "$work/mq.dtb" -
if run "--dtb with a compatible the driver does not bind" 2 --dtb "$work/mq.dtb" "$fx/soc/imx8mm-tcm.elf" &&
   grep -qxF "m7-preflight: $work/mq.dtb: no node compatible with \"imx-m7-rproc,imx8mp-cm7\", \"imx-m7-rproc,imx8mn-cm7\" or \"imx-m7-rproc,imx8mm-cm4\"" "$work/err"; then
	ok "--dtb with imx-m7-rproc,imx8mq-cm4 finds no node of ours, naming the three compatibles"
else
	notok "--dtb imx8mq-cm4" "$(cat "$work/err")"
fi

# m4_refused WHAT PROP WORDS OK: the M4 tree without PROP is refused by
# --dtb (exit 2) with exactly WORDS on stderr.
m4_refused() {
	if m4dts imx-m7-rproc,imx8mm-cm4 '"tcml", "tcmu"' | sed "/^[[:space:]]*$2 = /d" |
		dtc -q -I dts -O dtb -o "$work/m4-no-$2.dtb" - &&
	   run "--dtb imx8mm-cm4 $1 refused" 2 --dtb "$work/m4-no-$2.dtb" "$fx/soc/imx8mm-tcm.elf" &&
	   grep -qxF "$3" "$work/err"; then
		ok "--dtb imx8mm-cm4 $1: $4"
	else
		notok "--dtb imx8mm-cm4 $1" "$(cat "$work/err")"
	fi
}
# The shape check's words name the SoC's own TCMs and core clock.
m4_refused "without reg-names" reg-names \
	'm7-preflight: /m4-rproc: no reg-names; expected "tcml", "tcmu" and optionally "ocram"' \
	"expected tcml, tcmu"
if m4dts imx-m7-rproc,imx8mm-cm4 '"tcml", "tcmu"' '' |
	dtc -q -I dts -O dtb -o "$work/m4-noclk.dtb" - &&
   run "--dtb imx8mm-cm4 without clocks refused" 2 --dtb "$work/m4-noclk.dtb" "$fx/soc/imx8mm-tcm.elf" &&
   grep -qxF "m7-preflight: /m4-rproc: clocks: the M4 core clock is required, e.g. clocks = <&clk IMX8MM_CLK_M4_CORE>" "$work/err" &&
   M4_CCM=fsl,imx8mm-ccm m4dts imx-m7-rproc,imx8mm-cm4 '"tcml", "tcmu"' 'clocks = <&clk 305>;' |
	dtc -q -I dts -O dtb -o "$work/m4-305.dtb" - &&
   run "--dtb imx8mm-cm4 with clock 305 still plans" 0 --dtb "$work/m4-305.dtb" "$fx/soc/imx8mm-tcm.elf" &&
   grep -qxF "m7-preflight: warning: /m4-rproc: clocks names clock 305 of fsl,imx8mm-ccm, not IMX8MM_CLK_M4_CORE (246); the driver refuses a clock its clock driver does not register: use clocks = <&clk IMX8MM_CLK_M4_CORE>" "$work/err" &&
   M4_CCM=fsl,imx8mm-ccm m4dts imx-m7-rproc,imx8mm-cm4 '"tcml", "tcmu"' 'clocks = <&clk 246>;' |
	dtc -q -I dts -O dtb -o "$work/m4-246.dtb" - &&
   run "--dtb imx8mm-cm4 with IMX8MM_CLK_M4_CORE" 0 --dtb "$work/m4-246.dtb" "$fx/soc/imx8mm-tcm.elf" &&
   ! grep -q warning "$work/err"; then
	ok "--dtb imx8mm-cm4 refuses no clock and warns on one other than IMX8MM_CLK_M4_CORE, in the M4's words"
else
	notok "--dtb imx8mm-cm4 clock warnings" "$(cat "$work/err")"
fi
# The M4 is driven through SRC_M4RCR alone: without syscon the probe
# refuses the node, and so does --dtb, in its words.
m4_refused "without syscon" syscon \
	"m7-preflight: /m4-rproc: no syscon: the M4 is started and stopped through SRC_M4RCR only (TF-A has no SiP stop for it); give syscon = <&src>" \
	"refused as the probe refuses it"
if M4_CCM=fsl,imx8mn-ccm m4dts imx-m7-rproc,imx8mn-cm7 '"itcm", "dtcm"' 'clocks = <&clk 305>;' |
	dtc -q -I dts -O dtb -o "$work/mn-305.dtb" - &&
   run "--dtb imx8mn-cm7 with clock 305 still plans" 0 --dtb "$work/mn-305.dtb" "$fx/soc/imx8mn-tcm.elf" &&
   grep -q "^m7-preflight: warning: /m4-rproc: clocks names clock 305 of fsl,imx8mn-ccm, not IMX8MN_CLK_M7_CORE (221);" "$work/err"; then
	ok "--dtb imx8mn-cm7: IMX8MP_CLK_M7_CORE's number is not the Nano's M7 clock"
else
	notok "--dtb imx8mn-cm7 clock warning" "$(cat "$work/err")"
fi

# The issue's words, on the fixture that reproduces them.
if [ -f "$fx/overflow-itcm.elf" ] && run "overflow-itcm.elf words" 1 "$fx/overflow-itcm.elf" &&
   head -1 "$work/err" | grep -qxF "segment 1: load range [0x00000400, 0x0002584c) ends 0x584c bytes past itcm [0x00000000, 0x00020000)"; then
	ok "overflow-itcm.elf: the issue's exact first line"
else
	notok "overflow-itcm.elf first line" "$(head -1 "$work/err" 2>/dev/null)"
fi
# The seed numbers: .data stored at 0x1de78, 0x100 bytes, nothing zeroed there.
if [ -f "$fx/mcux-tcm.elf" ] && run "mcux-tcm.elf plan" 0 --json "$fx/mcux-tcm.elf" &&
   ops=$(python3 "$pj" ops "$work/out" | tr ';' '\n') &&
   seg=$(sed -n 's/^copy \([0-9]*\) [a-z]* 0x1de78 0x100$/\1/p' <<<"$ops") &&
   [ "$(grep -c ' 0x1de78 ' <<<"$ops")" = 1 ] && [ -n "$seg" ] && ! grep -q "^zero $seg " <<<"$ops"; then
	ok "mcux-tcm.elf: 0x100 bytes of .data stored at 0x1de78, nothing zeroed in ITCM"
else
	notok "mcux-tcm.elf seed plan" "$(cat "$work/out" 2>/dev/null | head -3)"
fi
exit $fail
