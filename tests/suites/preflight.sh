#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tools/m7-preflight against (a) the synthetic images of tests/suites/mkelf.py,
# whose diagnostics must be word for word those of the KUnit table
# t_text_cases[] in tests/imx_m7_diag_test.c (read from that file), and
# (b) the firmware fixtures of tests/fixtures (build/fixtures/*.elf), whose
# verdicts, checks and segments must be those of tests/fixtures/expect.tsv.
# Prints TAP-style ok / not ok lines; exits non-zero if any failed.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
pf=$top/tools/m7-preflight
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ok() { echo "ok - $*"; }
notok() { echo "not ok - $1"; shift; [ $# -gt 0 ] && printf '%s\n' "$@" | sed 's/^/    /'; fail=1; }

if make -C "$top/tools" >"$work/make.log" 2>&1 && [ -x "$pf" ]; then
	ok "preflight: make tools builds tools/m7-preflight"
else
	notok "preflight: make tools" "$(tail -5 "$work/make.log")"
	exit 1
fi

# run NAME EXPECTED_EXIT FILE [ARGS...]: stdout in $work/out, stderr in $work/err
run() {
	local what=$1 want=$2 rc
	shift 2
	"$pf" "$@" >"$work/out" 2>"$work/err"
	rc=$?
	if [ "$rc" = "$want" ]; then
		ok "preflight: $what (exit $rc)"
		return 0
	fi
	notok "preflight: $what: exit $rc, expected $want" "$(head -5 "$work/err")"
	return 1
}

# ---- usage and I/O errors ---------------------------------------------------
python3 "$top/tests/suites/mkelf.py" "$work/syn" || { notok "preflight: mkelf.py"; exit 1; }
run "no arguments is a usage error" 2
run "a missing file is an I/O error" 2 "$work/nonexistent.elf"
run "a malformed --region is a usage error" 2 --region itcm:0:0x7e0000 "$work/syn/seed.elf"
run "--region past 4 GiB is a usage error" 2 --region ddr:0xffffff00:0xffffff00:0x200 "$work/syn/seed.elf"
run "--dtb and --region together are a usage error" 2 --dtb x.dtb --region itcm:0:0x7e0000:0x20000 "$work/syn/seed.elf"

# ---- the exact words: the KUnit text table, read from its source ------------
# Rows are { "desc", &image, { patches }, "text"..., [rt] } or the same with
# designated initializers: the first string is the description, the others
# (concatenated) the text.
python3 - "$top/tests/imx_m7_diag_test.c" "$work/texts" <<'PY' || notok "preflight: cannot read t_text_cases[] from tests/imx_m7_diag_test.c"
import os, re, sys
src = open(sys.argv[1]).read()
block = src[src.index("t_text_cases[] = {"):]
block = block[block.index("{") + 1:block.index("\n};")]
lit = re.compile(r'"((?:[^"\\]|\\.)*)"')
rows, depth, start, i = [], 0, 0, 0
while i < len(block):
    ch = block[i]
    if ch == '"':
        i = lit.match(block, i).end()
        continue
    if block.startswith("/*", i):
        i = block.index("*/", i) + 2
        continue
    if ch == "{":
        depth += 1
        if depth == 1:
            start = i
    elif ch == "}":
        depth -= 1
        if depth == 0:
            rows.append(block[start:i + 1])
    i += 1
os.makedirs(sys.argv[2], exist_ok=True)
for row in rows:
    strings = lit.findall(row)
    text = "".join(strings[1:])
    text = text.replace('\\n', '\n').replace('\\"', '"').replace('\\\\', '\\')
    with open(os.path.join(sys.argv[2], strings[0]), "w") as f:
        f.write(text + "\n")
sys.exit(0 if len(rows) >= 20 else 1)
PY
# KUnit's T_RT_RPMSG: the Verdin regions plus an rpmsg carve-out.
rpmsg="--region itcm:0:0x7e0000:0x20000 --region dtcm:0x20000000:0x800000:0x20000
--region ddr:0x80000000:0x80000000:0x1000000 --region vdev0buffer:0x81000000:0x81000000:0x100000"
# KUnit's T_RT_VRINGS and expect.tsv's "needs rpmsg": the regions of
# dts/verdin-imx8mp_m7-ddr-rpmsg_overlay.dts.
vrings=(--region itcm:0:0x7e0000:0x20000 --region dtcm:0x20000000:0x800000:0x20000
	--region ddr:0x80000000:0x80000000:0x1000000
	--region vdev0vring0:0x55000000:0x55000000:0x8000 --region vdev0vring1:0x55008000:0x55008000:0x8000
	--region vdev0buffer:0x55400000:0x55400000:0x100000 --region rsc-table:0x550ff000:0x550ff000:0x1000)
while IFS='|' read -r desc image rt; do
	if [ ! -f "$work/texts/$desc" ]; then
		notok "preflight: KUnit t_text_cases[] has no row \"$desc\""
		continue
	fi
	args=()
	[ "$rt" = rpmsg ] && read -ra args <<<"$(echo $rpmsg)"
	[ "$rt" = vrings ] && args=("${vrings[@]}")
	run "$image.elf refused" 1 "${args[@]}" "$work/syn/$image.elf" || continue
	if cmp -s "$work/err" "$work/texts/$desc"; then
		ok "preflight: $image.elf: the words of KUnit row \"$desc\""
	else
		notok "preflight: $image.elf: words differ from KUnit row \"$desc\"" \
			"$(diff "$work/texts/$desc" "$work/err")"
	fi
done <<'MAP'
code and .bss past ITCM|itcm-bss
seed with .data overflowing ITCM|seed-overflow
seed running outside every region|seed-run-nowhere
seed with .data stored over the code|seed-overlap
an AArch64 binary|aarch64
a relocatable object|et-rel
program header table past the end|phoff-past
a segment past the end of the file|seg-past-file
DDR image whose entry is not its vector's|ddr-entry
.bss past the DDR carve-out|ddr-past
seed with .data running past DTCM|seed-run-past-dtcm
load range wrapping at 4 GiB|seed-paddr-wrap
.bss into rpmsg memory and past it|vdev-past|rpmsg
resource table stored in ITCM, read in DTCM|rsc-lma|vrings
vring 1 one byte past its carve-out|rsc-vring-past|vrings
vring 0 without a carve-out|rsc
vring 1 num 255|rsc-vring-num|vrings
vring 1 align 0x1001|rsc-vring-align|vrings
vring 1 notifyid 0, vring 0's|rsc-notifyid|vrings
num_of_vrings 3|rsc-vrings3|vrings
rpmsg vdev with 1 vring|rsc-vrings1|vrings
config_len one byte past the table's end|rsc-config-len|vrings
a second vdev|rsc-two-vdevs|vrings
MAP

# The resource-table refusal (KUnit rsc_entry_test).
want="resource table (section 1): entry 1 at offset 0x89 is not inside the section's 0x8c bytes after its header"
if run "rsc-bad-entry.elf refused" 1 "$work/syn/rsc-bad-entry.elf"; then
	if [ "$(cat "$work/err")" = "$want" ] && grep -qF "$want" "$top/tests/imx_m7_rsc_test.c"; then
		ok "preflight: rsc-bad-entry.elf: the words of KUnit rsc_entry_test"
	else
		notok "preflight: rsc-bad-entry.elf words" "got: $(cat "$work/err")" "want: $want"
	fi
fi

# ---- accepted synthetic images: the plan as JSON, op for op ----------------
# plan FILE 'kind seg region da len ...;...' [ARGS...]
plan() {
	local f=$1 want=$2
	shift 2
	run "$(basename "$f") accepted" 0 --json "$@" "$f" || return
	got=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(";".join("%s %d %s %#x %#x" % (o["kind"], o["segment"], o["region"], o["da"], o["len"]) + (" sp=%#x pc=%#x" % (o["sp"], o["pc"]) if o["kind"] == "vector" else "") for o in d["ops"]))
' "$work/out")
	if [ "$got" = "$want" ]; then
		ok "preflight: $(basename "$f"): plan op for op"
	else
		notok "preflight: $(basename "$f"): plan differs" "got:  $got" "want: $want"
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
   python3 -c '
import json, sys
t = json.load(open(sys.argv[1]))["resource_table"]
sys.exit(not (t and t["da"] == 0x20000100 and t["len"] == 140))' "$work/out"; then
	ok "preflight: rsc.elf: resource table at 0x20000100, where it is stored and read"
else
	notok "preflight: rsc.elf resource table" "$(cat "$work/out")"
fi
# Stored in ITCM at 0x50 but read in DTCM: refused (the core's updates at
# start would land in a copy the firmware no longer reads), as the driver.
if run "rsc-lma.elf refused" 1 --json "${vrings[@]}" "$work/syn/rsc-lma.elf" &&
   grep -q '"check": "rsc-lma", "field": "p_vaddr", "errno": -22, "segment": 2,' "$work/out"; then
	ok "preflight: rsc-lma.elf: a table whose load and run addresses differ is refused"
else
	notok "preflight: rsc-lma.elf" "$(cat "$work/out")"
fi
want="resource table (section 1) is not SHF_ALLOC (sh_flags 0x1): it is not part of the firmware's memory image"
if run "rsc-noalloc.elf refused" 1 "$work/syn/rsc-noalloc.elf" &&
   [ "$(cat "$work/err")" = "$want" ] && grep -qF '"table not SHF_ALLOC"' "$top/tests/imx_m7_rsc_test.c"; then
	ok "preflight: rsc-noalloc.elf: a table that is not SHF_ALLOC"
else
	notok "preflight: rsc-noalloc.elf words" "got: $(cat "$work/err")" "want: $want"
fi

# 65535 program headers: every row of the table is there. How long it takes
# is a figure for make bench, not an assertion here.
if "$pf" "$work/syn/many.elf" >"$work/out" 2>"$work/err" &&
   [ "$(grep -c ' ddr ' "$work/out")" = 65534 ]; then
	ok "preflight: many.elf: all 65535 segments tabled"
else
	notok "preflight: many.elf table (exit $?)" "$(tail -2 "$work/out")" "$(head -2 "$work/err")"
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
if python3 -c '
import json, sys
r = [x for x in json.load(open(sys.argv[1]))["regions"] if x["name"] == "ocram"]
sys.exit(not (len(r) == 2 and not r[0]["alias"] and r[1]["alias"]))' "$work/out"; then
	ok "preflight: a second --region view of the same memory is an alias"
else
	notok "preflight: --region ocram twice as two views" "$(cat "$work/out")"
fi
# --region goes through imx_m7_regions_build(), as --dtb does: the builder's
# table (one OCRAM view given, both made), the builder's refusals.
plan "$work/syn/seed.elf" "copy 0 itcm 0x0 0x1de78;copy 1 itcm 0x1de78 0x100" \
	--region itcm:0:0x7e0000:0x20000 --region dtcm:0x20000000:0x800000:0x20000 \
	--region ocram:0x20200000:0x900000:0x80000
if python3 -c '
import json, sys
r = [(x["da"], x["alias"]) for x in json.load(open(sys.argv[1]))["regions"] if x["name"] == "ocram"]
sys.exit(r != [(0x900000, False), (0x20200000, True)])' "$work/out"; then
	ok "preflight: --region ocram at its system-bus view: the builder makes both views"
else
	notok "preflight: --region ocram through the builder" "$(cat "$work/out")"
fi
if run "--region at an M7 address the map does not give is a usage error" 2 \
	--region itcm:0x100:0x7e0000:0x20000 --region dtcm:0x20000000:0x800000:0x20000 "$work/syn/seed.elf" &&
   grep -qxF "m7-preflight: --region itcm:0x100:0x7e0000:0x20000: the M7 does not see CPU 0x7e0000 at 0x100; the i.MX8M Plus map gives itcm at M7 0x0" "$work/err"; then
	ok "preflight: --region at the wrong M7 address: names the map's"
else
	notok "preflight: --region at the wrong M7 address" "$(cat "$work/err")"
fi
if run "--region without dtcm is a usage error" 2 --region itcm:0:0x7e0000:0x20000 "$work/syn/seed.elf" &&
   grep -qxF "m7-preflight: --region: region dtcm is required (reg-names) but not declared" "$work/err"; then
	ok "preflight: --region without dtcm: the region builder's words"
else
	notok "preflight: --region without dtcm" "$(cat "$work/err")"
fi

# The table output names every column.
if run "seed.elf table" 0 "$work/syn/seed.elf" &&
   grep -q "room left" "$work/out" && grep -qE "^1 +\[0x0001de78, 0x0001df78\) +itcm +0x100 +0 +0x2088" "$work/out"; then
	ok "preflight: seed.elf table row of segment 1"
else
	notok "preflight: seed.elf table" "$(cat "$work/out")"
fi

# ---- --dtb: our node, as the driver reads it --------------------------------
# dtb_of FILE DDR_NODE_EXTRA [DDR_ADDR [EXTRA_REG EXTRA_NAME [CARVEOUTS]]]
# CARVEOUTS: N more no-map nodes, named ddr0, ddr1, ... (ddr7, then ddr8...)
# M7_CLOCK (environment): the clocks cell of our node, IMX8MP_CLK_M7_CORE
# (305) unless given; "none": no clocks property.
dtb_of() {
	local addr=${3:-0x80000000} i nodes="" refs="" names=""
	for ((i = 0; i < ${6:-0}; i++)); do
		nodes+="x$i: x@$((0x90000000 + i * 0x1000)) { reg = <0 $((0x90000000 + i * 0x1000)) 0 0x1000>; no-map; };"
		refs+=", <&x$i>"
		names+=", \"ddr$i\""
	done
	local clocks="clocks = <&clk ${M7_CLOCK:-305}>;"
	[ "${M7_CLOCK:-}" = none ] && clocks=""
	cat >"$work/b.dts" <<DTS
/dts-v1/;
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	clk: clock-controller { compatible = "fsl,imx8mp-ccm"; #clock-cells = <1>; };
	reserved-memory {
		#address-cells = <2>;
		#size-cells = <2>;
		ranges;
		m7: m7@0 { reg = <0 $addr 0 0x1000000>; $2 };
		$nodes
	};
	m7-rproc {
		compatible = "imx-m7-rproc,imx8mp-cm7";
		reg = <0 0x7e0000 0 0x20000>, <0 0x800000 0 0x20000>${4:+, $4};
		reg-names = "itcm", "dtcm"${5:+, $5};
		memory-region = <&m7>$refs;
		memory-region-names = "ddr"$names;
		$clocks
	};
};
DTS
	dtc -q -I dts -O dtb -o "$1" "$work/b.dts"
}
# dtb_src FILE: compile the DTS on stdin.
dtb_src() {
	dtc -q -I dts -O dtb -o "$1" -
}
if command -v dtc >/dev/null && dtb_of "$work/good.dtb" "no-map;" && dtb_of "$work/mapped.dtb" ""; then
	plan "$work/syn/ddr.elf" "copy 0 ddr 0x80000000 0x800;copy 1 ddr 0x80100000 0x40;zero 1 ddr 0x80100040 0xfc0;vector -1 itcm 0x0 0x8 sp=0x80200000 pc=0x80000401" --dtb "$work/good.dtb"
	if run "--dtb without no-map refused" 1 --dtb "$work/mapped.dtb" "$work/syn/ddr.elf" &&
	   head -1 "$work/err" | grep -qxF "region ddr CPU [0x80000000, 0x81000000): its reserved-memory node lacks no-map"; then
		ok "preflight: --dtb without no-map: the words of KUnit regions_text_test"
	else
		notok "preflight: --dtb without no-map words" "$(cat "$work/err")"
	fi
	run "a file that is not a DTB is an I/O error" 2 --dtb "$work/syn/seed.elf" "$work/syn/seed.elf"
	# A partial OCRAM at its real CPU address: M7 addresses of that part.
	if dtb_of "$work/ocram.dtb" "no-map;" 0x80000000 "<0 0x940000 0 0x50000>" '"ocram"' &&
	   run "--dtb with OCRAM's upper part" 0 --json --dtb "$work/ocram.dtb" "$work/syn/seed.elf" &&
	   python3 -c '
import json, sys
r = [(x["da"], x["pa"], x["size"]) for x in json.load(open(sys.argv[1]))["regions"] if x["name"] == "ocram"]
sys.exit(r != [(0x940000, 0x940000, 0x50000), (0x20240000, 0x940000, 0x50000)])' "$work/out"; then
		ok "preflight: --dtb: OCRAM at 0x940000 is M7 0x940000 and 0x20240000 (KUnit regions_build_test)"
	else
		notok "preflight: --dtb partial OCRAM" "$(cat "$work/out" "$work/err")"
	fi
	# The M7 reaches DDR up to 0xbfffffff only (dt.sh refuses 0xc0000000 too).
	if dtb_of "$work/high.dtb" "no-map;" 0xc0000000 &&
	   run "--dtb with a carve-out at 0xc0000000 refused" 1 --dtb "$work/high.dtb" "$work/syn/ddr.elf" &&
	   head -1 "$work/err" | grep -qxF "region ddr CPU [0xc0000000, 0xc1000000) is outside the M7's DDR window [0x40000000, 0xc0000000)"; then
		ok "preflight: --dtb carve-out at 0xc0000000: the words of KUnit regions_text_test"
	else
		notok "preflight: --dtb carve-out at 0xc0000000" "$(cat "$work/err")"
	fi
	# 17 declarations: refused as the driver refuses them, not cut to 16.
	if dtb_of "$work/many.dtb" "no-map;" 0x80000000 "" "" 14 &&
	   run "--dtb with 17 declarations refused" 1 --json --dtb "$work/many.dtb" "$work/syn/ddr.elf" &&
	   grep -q '"check": "region-count", "field": "declarations"' "$work/out" &&
	   head -1 "$work/err" | grep -qxF "17 memory declarations (reg and memory-region entries), more than the 16 this driver takes"; then
		ok "preflight: --dtb with 17 declarations: region-count, as the driver"
	else
		notok "preflight: --dtb with 17 declarations" "$(cat "$work/out" "$work/err")"
	fi
	# ...and 16 with ddr0..ddr7 named as the binding names them.
	if dtb_of "$work/eight.dtb" "no-map;" 0x80000000 "" "" 8 &&
	   run "--dtb with ddr, ddr0..ddr7" 0 --dtb "$work/eight.dtb" "$work/syn/ddr.elf" &&
	   dtb_of "$work/nine.dtb" "no-map;" 0x80000000 "" "" 9 &&
	   run "--dtb with ddr8 refused" 1 --dtb "$work/nine.dtb" "$work/syn/ddr.elf" &&
	   head -1 "$work/err" | grep -q "^region ddr8: not a known memory-region-names name"; then
		ok "preflight: --dtb: ddr0..ddr7 accepted, ddr8 refused"
	else
		notok "preflight: --dtb ddr<N> names" "$(cat "$work/err")"
	fi
	# Issue 10's bad trees: refused by --dtb in the words of the driver's
	# probe (imx_m7_rproc.c), which refuses them too.
	# dt_refused NAME DTB WORDS: exit 2, WORDS on stderr and in the driver.
	dt_refused() {
		if run "--dtb: $1 refused" 2 --dtb "$2" "$work/syn/ddr.elf" &&
		   grep -qxF "m7-preflight: $3" "$work/err"; then
			ok "preflight: --dtb: $1: the driver's words"
		else
			notok "preflight: --dtb: $1" "got: $(cat "$work/err")" "want: m7-preflight: $3"
		fi
	}
	dtb_of "$work/reg3.dtb" "no-map;" 0x80000000 "<0 0x900000 0 0x10000>" "" &&
		dt_refused "more reg entries than reg-names" "$work/reg3.dtb" \
			"/m7-rproc: reg has more entries than the 2 of reg-names"
	grep -qF '"%pOF: reg has more entries than the %d of reg-names\n"' "$top/imx_m7_rproc.c" ||
		notok "preflight: the driver no longer says \"reg has more entries than the %d of reg-names\""
	dtb_src "$work/outside.dtb" <<'DTS' &&
/dts-v1/;
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	clk: clock-controller { compatible = "fsl,imx8mp-ccm"; #clock-cells = <1>; };
	m7: m7@80000000 { reg = <0 0x80000000 0 0x1000000>; no-map; };
	m7-rproc {
		compatible = "imx-m7-rproc,imx8mp-cm7";
		reg = <0 0x7e0000 0 0x20000>, <0 0x800000 0 0x20000>;
		reg-names = "itcm", "dtcm";
		memory-region = <&m7>;
		memory-region-names = "ddr";
		clocks = <&clk 305>;
	};
};
DTS
		dt_refused "a memory-region outside /reserved-memory" "$work/outside.dtb" \
			"/m7-rproc: memory-region 0 (\"ddr\") points at /m7@80000000, which is not a /reserved-memory node"
	grep -qF '"%pOF: memory-region %d (\"%s\") points at %pOF, which is not a /reserved-memory node\n"' "$top/imx_m7_rproc.c" ||
		notok "preflight: the driver no longer says \"... which is not a /reserved-memory node\""
	# reg through the parent's ranges, as of_address_to_resource() reads it:
	# a 32-bit reserved-memory bus whose 0 is CPU 0x80000000.
	if dtb_src "$work/ranges.dtb" <<'DTS' &&
/dts-v1/;
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	clk: clock-controller { compatible = "fsl,imx8mp-ccm"; #clock-cells = <1>; };
	reserved-memory {
		#address-cells = <1>;
		#size-cells = <1>;
		ranges = <0 0 0x80000000 0x10000000>;
		m7: m7@0 { reg = <0 0x1000000>; no-map; };
	};
	m7-rproc {
		compatible = "imx-m7-rproc,imx8mp-cm7";
		reg = <0 0x7e0000 0 0x20000>, <0 0x800000 0 0x20000>;
		reg-names = "itcm", "dtcm";
		memory-region = <&m7>;
		memory-region-names = "ddr";
		clocks = <&clk 305>;
	};
};
DTS
	   run "--dtb: a carve-out behind ranges" 0 --json --dtb "$work/ranges.dtb" "$work/syn/ddr.elf" &&
	   python3 -c '
import json, sys
r = [(x["da"], x["pa"], x["size"]) for x in json.load(open(sys.argv[1]))["regions"] if x["name"] == "ddr"]
sys.exit(r != [(0x80000000, 0x80000000, 0x1000000)])' "$work/out"; then
		ok "preflight: --dtb: a carve-out's reg read through its parent's ranges"
	else
		notok "preflight: --dtb ranges translation" "$(cat "$work/out" "$work/err")"
	fi
	# The M7 clock: a warning where the driver refuses at probe.
	if M7_CLOCK=0x999 dtb_of "$work/m7div.dtb" "no-map;" &&
	   run "--dtb with another clock still plans" 0 --dtb "$work/m7div.dtb" "$work/syn/ddr.elf" &&
	   grep -q "^m7-preflight: warning: /m7-rproc: clocks names clock 2457 of fsl,imx8mp-ccm, not IMX8MP_CLK_M7_CORE (305);" "$work/err" &&
	   M7_CLOCK=none dtb_of "$work/noclk.dtb" "no-map;" &&
	   run "--dtb without clocks still plans" 0 --dtb "$work/noclk.dtb" "$work/syn/ddr.elf" &&
	   grep -qxF "m7-preflight: warning: /m7-rproc: clocks: the M7 core clock is required, e.g. clocks = <&clk IMX8MP_CLK_M7_CORE>" "$work/err" &&
	   run "--dtb with IMX8MP_CLK_M7_CORE" 0 --dtb "$work/good.dtb" "$work/syn/ddr.elf" &&
	   ! grep -q warning "$work/err"; then
		ok "preflight: --dtb warns on an M7 clock other than IMX8MP_CLK_M7_CORE, and on none"
	else
		notok "preflight: --dtb M7 clock warnings" "$(cat "$work/err")"
	fi
else
	notok "preflight: dtc missing or failed: --dtb untested"
fi

# ---- the firmware fixtures ---------------------------------------------------
fx=$top/build/fixtures
if [ ! -d "$fx" ] && [ -f "$top/tests/fixtures/Makefile" ]; then
	make -C "$top/tests/fixtures" >"$work/fixtures.log" 2>&1 ||
		notok "preflight: make -C tests/fixtures failed" "$(tail -5 "$work/fixtures.log")"
fi
expect=$fx/expect.tsv
[ -f "$expect" ] || expect=$top/tests/fixtures/expect.tsv
if [ ! -d "$fx" ] || [ ! -f "$expect" ]; then
	notok "preflight: fixtures missing: no build/fixtures or expect.tsv (make -C tests/fixtures)"
	exit 1
fi
ocram=(--region itcm:0:0x7e0000:0x20000 --region dtcm:0x20000000:0x800000:0x20000
       --region ddr:0x80000000:0x80000000:0x1000000 --region ocram:0x20200000:0x900000:0x80000)
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
	if [ ! -f "$fx/$file" ]; then
		notok "preflight: $what: build/fixtures/$file missing"
		continue
	fi
	[ "$verdict" = accept ] && want=0 || want=1
	run "$what" $want --json "${args[@]}" "$fx/$file" || continue
	[ "$verdict" = accept ] && continue
	got=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
f = lambda v: "-" if v < 0 else str(v)
print("IMX_M7_E_" + d["check"].upper().replace("-", "_"), f(d["segment"]), f(d["other_segment"]), f(d["entry"]))
' "$work/out")
	if [ "$got" = "$check $seg $other $entry" ]; then
		ok "preflight: $file: $check, segment $seg, entry $entry"
	else
		notok "preflight: $file: got $got, expected $check $seg $other $entry" "$(head -3 "$work/err")"
	fi
done <"$expect"
[ $n -gt 0 ] || notok "preflight: expect.tsv lists no fixture"

# The issue's words, on the fixture that reproduces them.
if [ -f "$fx/overflow-itcm.elf" ] && run "overflow-itcm.elf words" 1 "$fx/overflow-itcm.elf" &&
   head -1 "$work/err" | grep -qxF "segment 1: load range [0x00000400, 0x0002584c) ends 0x584c bytes past itcm [0x00000000, 0x00020000)"; then
	ok "preflight: overflow-itcm.elf: the issue's exact first line"
else
	notok "preflight: overflow-itcm.elf first line" "$(head -1 "$work/err" 2>/dev/null)"
fi
# The seed numbers: .data stored at 0x1de78, 0x100 bytes, nothing zeroed there.
if [ -f "$fx/mcux-tcm.elf" ] && run "mcux-tcm.elf plan" 0 --json "$fx/mcux-tcm.elf" &&
   python3 -c '
import json, sys
ops = json.load(open(sys.argv[1]))["ops"]
seed = [o for o in ops if o["da"] == 0x1de78]
sys.exit(not (len(seed) == 1 and seed[0]["kind"] == "copy" and seed[0]["len"] == 0x100
	      and not [o for o in ops if o["segment"] == seed[0]["segment"] and o["kind"] == "zero"]))
' "$work/out"; then
	ok "preflight: mcux-tcm.elf: 0x100 bytes of .data stored at 0x1de78, nothing zeroed in ITCM"
else
	notok "preflight: mcux-tcm.elf seed plan" "$(cat "$work/out" 2>/dev/null | head -3)"
fi
exit $fail
