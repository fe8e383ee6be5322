#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Device-tree suite: the binding, the Verdin iMX8M Plus overlays, and what
# they do to the real board trees of the kernel sources.
#
#  1. make -C dts builds every overlay with dtc -@, without a warning, and
#     each follows Toradex's overlay conventions.
#  2. The binding passes dt-doc-validate and dt-mk-schema without a word on
#     stderr; its examples (the i.MX8MP M7's, the i.MX8MM M4's) build and
#     validate; a node that breaks it fails, and so does each SoC's node
#     with the other's TCM names.
#  3. For each kernel in DT_KVERS (default: tests/kernel/list.sh, i.e. 6.1,
#     6.12 and the newest Debian mainline, or KVERS, or KSRC's tree): every
#     imx8mp-verdin-*.dts builds (cpp + dtc -@, as kbuild does); every
#     overlay applies with fdtoverlay; dts/check-overlaid.py checks our node
#     (one, enabled, every phandle resolved to the right kind of node, the
#     expected regions), the new reservations (against existing ones,
#     firmware's, /memreserve/, every memory-mapped device and each other)
#     and that no in-tree fsl,imx8m*-cm7 node is left enabled; stacking the
#     overlays gives the same tree as the last one alone.
#  4. dt-validate (our binding + dt-schema's core schemas + that kernel's
#     vendor-prefixes.yaml) on every overlaid tree: our node matches our
#     binding and the overlay adds no error to those of the base tree.
#  5. tools/m7-preflight --dtb on every overlaid tree finds exactly the
#     regions the overlay declares (name, da, pa, size).
#  6. Self-tests: broken overlays, a broken node and a wrong preflight
#     answer, each of which the checks above must reject.
#
# Prints "ok - ..." / "not ok - ..." lines (details indented below) and
# exits 1 if any check failed. Work files go to build/dt/.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
out=$top/build/dt
rm -rf "$out"
mkdir -p "$out"
list_failed=0
if [ -z "${DT_KVERS:-}" ]; then
	DT_KVERS=$("$top/tests/kernel/list.sh" 2>"$out/list.log") ||
		{ list_failed=1; DT_KVERS="6.12 6.1"; }
fi
# 6.12 first, as the self-tests break its first board.
case " $DT_KVERS " in
*" 6.12 "*) DT_KVERS="6.12 $(xargs -n1 <<<"$DT_KVERS" | grep -vx 6.12 | xargs)" ;;
esac
PY=${PYTHON:-python3}
binding=$top/dts/bindings/imx-m7-rproc,imx8mp-cm7.yaml
binding_id=http://devicetree.org/schemas/imx-m7-rproc,imx8mp-cm7.yaml#
checker=$top/dts/check-overlaid.py
label=""
# shellcheck source=../lib/suite.sh
. "$top/tests/lib/suite.sh"
[ $list_failed = 0 ] || notok_log "the kernel list (tests/kernel/list.sh; the DT checks run on $DT_KVERS)" "$out/list.log"
# check WHAT CMD...: ok when CMD exits 0 and prints nothing on stderr.
check() {
	local what=$1 log
	shift
	log=$(mktemp "$out/log.XXXXXX")
	if "$@" >"$log" 2>&1 && ! grep -qi 'warning\|error' "$log"; then
		ok "$what"
	else
		notok_log "$what" "$log"
	fi
}

# What each overlay must declare, in order: reg (itcm, dtcm), then the
# memory-region entries. A new overlay needs a line here.
declare -A EXPECT=(
	[verdin-imx8mp_m7-tcm_overlay]="itcm:0x7e0000:0x20000 dtcm:0x800000:0x20000"
	[verdin-imx8mp_m7-ddr-rpmsg_overlay]="itcm:0x7e0000:0x20000 dtcm:0x800000:0x20000 ddr:0x80000000:0x1000000 vdev0vring0:0x55000000:0x8000 vdev0vring1:0x55008000:0x8000 vdev0buffer:0x55400000:0x100000 rsc-table:0x550ff000:0x1000"
	[verdin-imx8mm_m4-tcm_overlay]="tcml:0x7e0000:0x20000 tcmu:0x800000:0x20000"
)
# The firmware each overlay is tried with in m7-preflight (build/fixtures).
declare -A FIXTURE=(
	[verdin-imx8mp_m7-tcm_overlay]=mcux-tcm.elf
	[verdin-imx8mp_m7-ddr-rpmsg_overlay]=ddr.elf
	[verdin-imx8mm_m4-tcm_overlay]=soc/imx8mm-tcm.elf
)
# Each SoC's overlays (verdin-SOC_*_overlay.dts) go on its boards
# (SOC-verdin-*.dts), i.MX8MP first (the self-tests break its first
# board); the core clock each node must name, from the kernel's header.
SOCS="imx8mp imx8mm"
declare -A SOC_CLOCK=(
	[imx8mp]="imx8mp-clock.h IMX8MP_CLK_M7_CORE"
	[imx8mm]="imx8mm-clock.h IMX8MM_CLK_M4_CORE"
)
# Reserved at boot by firmware, not in the kernel tree: OP-TEE's TZDRAM,
# TF-A's BL32_BASE/BL32_SIZE for i.MX8MP (plat/imx/imx8m/imx8mp/platform.mk).
# (The i.MX8MM overlay declares no DDR, so none is given for it.)
FW_RESV=(--firmware-resv optee:0x56000000:0x2000000)
# The boards a kernel must have, each with the version from which on it
# must be there: 6.1 has only the Development and Dahlia carrier boards,
# Mallow and Yavia exist from 6.9 on, Ivy and Zinnia are in 7.3 (the first
# of our kernels to have them). A tree may have more (a vendor's, a newer
# mainline): those are built and checked too.
declare -A BOARD_SINCE=(
	[nonwifi-dahlia]=6.1 [nonwifi-dev]=6.1 [wifi-dahlia]=6.1 [wifi-dev]=6.1
	[nonwifi-mallow]=6.9 [nonwifi-yavia]=6.9 [wifi-mallow]=6.9 [wifi-yavia]=6.9
	[nonwifi-ivy]=7.3 [nonwifi-zinnia]=7.3 [wifi-ivy]=7.3 [wifi-zinnia]=7.3
)
# boards_of LABEL: the boards kernel LABEL (6.12, 7.3, 6.6.52) must have.
boards_of() {
	local b v=${1%%[!0-9.]*}

	v=$(echo "$v" | cut -d. -f1-2)
	for b in "${!BOARD_SINCE[@]}"; do
		[ "$(printf '%s\n%s\n' "${BOARD_SINCE[$b]}" "$v" | sort -V | head -1)" = "${BOARD_SINCE[$b]}" ] &&
			echo "$b"
	done | sort | xargs
}

# ---- 1. the overlays -----------------------------------------------------
dtbo_dir=$out/dtbo
if make -s -C dts O="$dtbo_dir" >"$out/make-dtbs.log" 2>&1 &&
   ! grep -qi 'warning' "$out/make-dtbs.log"; then
	ok "make -C dts builds $(ls "$dtbo_dir"/*.dtbo | wc -l) overlays with dtc -@, no warning"
else
	notok_log "make -C dts builds the overlays with dtc -@, no warning" "$out/make-dtbs.log"
fi
overlays=()
for src in dts/verdin-imx8m[mp]_*_overlay.dts; do
	n=$(basename "$src" .dts)
	soc=${n#verdin-}
	soc=${soc%%_*}
	overlays+=("$n")
	lint=$out/lint-$n.log
	: >"$lint"
	[ "$(head -1 "$src")" = "// SPDX-License-Identifier: GPL-2.0-or-later OR MIT" ] ||
		echo "first line is not the SPDX tag GPL-2.0-or-later OR MIT" >>"$lint"
	grep -qx '/dts-v1/;' "$src" || echo "no /dts-v1/;" >>"$lint"
	grep -qx '/plugin/;' "$src" || echo "no /plugin/;" >>"$lint"
	grep -q "^[[:space:]]*compatible = \"toradex,verdin-$soc\";" "$src" ||
		echo "root compatible is not \"toradex,verdin-$soc\"" >>"$lint"
	grep -q 'fragment@\|__overlay__' "$src" && echo "uses fragment@/__overlay__" >>"$lint"
	[ "$(grep -c '^// [A-Z].*\.$' "$src")" -ge 1 ] || echo "no one-line // description" >>"$lint"
	[ -n "${EXPECT[$n]:-}" ] || echo "no EXPECT entry in tests/suites/dt.sh" >>"$lint"
	for node in __symbols__ __fixups__; do
		grep -qx "$node" <<<"$(fdtget -l "$dtbo_dir/$n.dtbo" / 2>/dev/null)" ||
			echo "$n.dtbo has no /$node (not built with -@?)" >>"$lint"
	done
	if [ -s "$lint" ]; then notok_log "$n follows the Toradex overlay conventions" "$lint"
	else ok "$n follows the Toradex overlay conventions"; fi
done

# ---- 2. the binding ------------------------------------------------------
check "dt-doc-validate: the binding is a valid dt-schema" \
	dt-doc-validate -u "$top/dts/bindings" "$binding"
check "dt-mk-schema: the binding processes" \
	dt-mk-schema -j -o "$out/schema-only.json" "$top/dts/bindings/"
dt-extract-example "$binding" >"$out/example.dts"

# dtc_cpp KSRC IN OUT.dtb [DTC FLAGS]: preprocess and compile as kbuild does.
dtc_cpp() {
	local k=$1 in=$2 outf=$3
	shift 3
	cpp -nostdinc -I "$k/scripts/dtc/include-prefixes" -I "$(dirname "$in")" \
		-undef -D__DTS__ -x assembler-with-cpp -o "$outf.pp" "$in" &&
	dtc -b 0 -i "$(dirname "$in")" -i "$k/scripts/dtc/include-prefixes" \
		-I dts -O dtb -o "$outf" "$@" "$outf.pp"
}
# validate SCHEMA OUT DTB...: dt-validate (showing matches) from build/dt/,
# one process per file, as many at a time as there are CPUs.
validate() {
	local schema=$1 o=$2 f
	shift 2
	(cd "$out" && printf '%s\0' "$@" | xargs -0 -P "$(nproc)" -I{} \
		sh -c 'dt-validate -M -s "$1" "$2" >"$2.val" 2>&1' sh "$schema" {})
	for f in "$@"; do cat "$out/$f.val"; done >"$o"
}
# errors_of OUT FILE: "node: message" lines dt-validate reported for FILE.
errors_of() {
	awk -v f="$2: " '
		/^\t/ || / matched on schema\(s\)$/ { next }
		{ p = index($0, f) }
		p == 1 || (p > 1 && substr($0, p - 1, 1) == "/") {
			print substr($0, p + length(f)) }' "$1" | sort -u
}
# matched OUT FILE PATH: did our binding validate node PATH of FILE?
matched() {
	awk -v f="$2: $3: matched on schema(s)" -v id="$binding_id" '
		$0 ~ /^[^\t]/ { here = (index($0, f) > 0) }
		here && $1 == id { found = 1 }
		END { exit !found }' "$1"
}

k612=$(dts/kernel-dt-src.sh 6.12 2>"$out/ksrc.log") || { notok_log "kernel 6.12 source" "$out/ksrc.log"; k612=; }
if [ -n "$k612" ]; then
	if dtc_cpp "$k612" "$out/example.dts" "$out/example.dtb" -q >"$out/example.log" 2>&1 &&
	   validate "$out/schema-only.json" "$out/example.val" example.dtb &&
	   [ -z "$(errors_of "$out/example.val" example.dtb)" ] &&
	   matched "$out/example.val" example.dtb /example-0/remoteproc@7e0000; then
		ok "the binding's example builds and validates against it"
	else
		cat "$out/example.val" >>"$out/example.log" 2>/dev/null
		notok_log "the binding's example builds and validates against it" "$out/example.log"
	fi
	# A node with an unknown property and reg-names out of order must fail.
	sed -e 's/firmware-name = "imx8mp_m7.elf";/& no-such-property;/' \
	    -e 's/reg-names = "itcm", "dtcm", "ocram";/reg-names = "dtcm", "itcm", "ocram";/' \
	    "$out/example.dts" >"$out/example-bad.dts"
	dtc_cpp "$k612" "$out/example-bad.dts" "$out/example-bad.dtb" -q >/dev/null 2>&1
	validate "$out/schema-only.json" "$out/example-bad.val" example-bad.dtb
	bad=$(errors_of "$out/example-bad.val" example-bad.dtb | grep -c '^remoteproc@7e0000: ')
	if [ "$bad" -ge 2 ]; then
		ok "self-test: dt-validate rejects a node with an unknown property and misordered reg-names"
	else
		notok_log "self-test: dt-validate rejects a node with an unknown property and misordered reg-names" \
			"$out/example-bad.val"
	fi
	# The second example, the i.MX8M Mini's M4, matched by the binding
	# (its errors, none, are the first check's).
	if matched "$out/example.val" example.dtb /example-1/remoteproc@7e0000; then
		ok "the binding's i.MX8M Mini M4 example (tcml, tcmu, syscon alone) validates against it"
	else
		notok_log "the binding's i.MX8M Mini M4 example validates against it" "$out/example.val"
	fi
	# Each SoC's own TCM names: the M7's names on the M4's node, the M4's
	# GPR (it has no CPUWAIT) and the M4's names on the i.MX8MP node fail.
	sed -e 's/reg-names = "tcml", "tcmu";/reg-names = "itcm", "dtcm";/' \
	    -e 's/firmware-name = "imx8mm_m4.elf";/& fsl,iomuxc-gpr = <\&src>;/' \
	    -e 's/reg-names = "itcm", "dtcm", "ocram";/reg-names = "tcml", "tcmu", "ocram";/' \
	    "$out/example.dts" >"$out/example-soc.dts"
	dtc_cpp "$k612" "$out/example-soc.dts" "$out/example-soc.dtb" -q >/dev/null 2>&1
	validate "$out/schema-only.json" "$out/example-soc.val" example-soc.dtb
	errors_of "$out/example-soc.val" example-soc.dtb >"$out/example-soc.err"
	if grep -q "^remoteproc@7e0000: reg-names:0: 'tcml' was expected" "$out/example-soc.err" &&
	   grep -q "^remoteproc@7e0000: reg-names:0: 'itcm' was expected" "$out/example-soc.err" &&
	   grep -q "^remoteproc@7e0000: fsl,iomuxc-gpr: False schema" "$out/example-soc.err"; then
		ok "self-test: dt-validate rejects itcm/dtcm and fsl,iomuxc-gpr on the M4's node, tcml/tcmu on the M7's"
	else
		notok_log "self-test: dt-validate rejects the other SoC's TCM names and the M4's GPR" \
			"$out/example-soc.val"
	fi
	# The M4 has the SRC method only: its node without syscon fails (the
	# M7's, which keeps fsl,iomuxc-gpr, only as a dependency of it).
	sed -e '/syscon = <&src>;/d' "$out/example.dts" >"$out/example-nosrc.dts"
	dtc_cpp "$k612" "$out/example-nosrc.dts" "$out/example-nosrc.dtb" -q >/dev/null 2>&1
	validate "$out/schema-only.json" "$out/example-nosrc.val" example-nosrc.dtb
	if errors_of "$out/example-nosrc.val" example-nosrc.dtb |
		grep -q "^remoteproc@7e0000: 'syscon' is a required property"; then
		ok "self-test: dt-validate rejects the M4's node without syscon (SRC_M4RCR is its only method)"
	else
		notok_log "self-test: dt-validate rejects the M4's node without syscon" \
			"$out/example-nosrc.val"
	fi
fi

# ---- 3. the boards -------------------------------------------------------
merged_list=()            # "kver board overlay" of every overlaid tree
for kver in $DT_KVERS; do
	ksrc=$(dts/kernel-dt-src.sh "$kver" 2>"$out/ksrc-$kver.log") ||
		{ notok_log "kernel $kver: device-tree sources" "$out/ksrc-$kver.log"; continue; }
	kd=$ksrc/arch/arm64/boot/dts/freescale
	kout=$out/$kver
	mkdir -p "$kout"
	# The vendor prefixes this kernel documents, with our binding.
	mkdir -p "$kout/vp"
	cp "$ksrc/Documentation/devicetree/bindings/vendor-prefixes.yaml" "$kout/vp/"
	check "$kver: dt-mk-schema: binding + vendor-prefixes.yaml process" \
		dt-mk-schema -j -o "$kout/schema.json" "$top/dts/bindings/" "$kout/vp/"

	for soc in $SOCS; do
		set -- ${SOC_CLOCK[$soc]}
		clock_id=$(awk -v c="$2" '$2 == c { print $3 }' "$ksrc/include/dt-bindings/clock/$1")
		soc_overlays=()
		for n in "${overlays[@]}"; do
			[[ $n == verdin-${soc}_* ]] && soc_overlays+=("$n")
		done
		have=$(cd "$kd" && ls $soc-verdin-*.dts | sed "s/^$soc-verdin-//; s/\.dts\$//" | sort | xargs)
		want=$(boards_of "$kver")
		lacks=$(comm -23 <(xargs -n1 <<<"$want") <(xargs -n1 <<<"$have") | xargs)
		more=$(comm -13 <(xargs -n1 <<<"$want") <(xargs -n1 <<<"$have") | xargs)
		if [ -n "$want" ] && [ -z "$lacks" ]; then
			ok "$kver: has the $(echo "$want" | wc -w) expected $soc-verdin boards ($want)${more:+, and $more}"
		else
			{ echo "found: $have"; echo "expected: $want"; echo "missing: $lacks"; } >"$kout/boards-$soc.log"
			notok_log "$kver: has the expected $soc-verdin boards" "$kout/boards-$soc.log"
		fi

		for b in $have; do
			board=$soc-verdin-$b
			base=$kout/$board.dtb
			if dtc_cpp "$ksrc" "$kd/$board.dts" "$base" -@ -q >"$kout/$board.log" 2>&1; then
				ok "$kver: $board.dtb builds"
			else
				notok_log "$kver: $board.dtb builds" "$kout/$board.log"
				continue
			fi
			for n in "${soc_overlays[@]}"; do
				m=$kout/$board+$n.dtb
				if ! fdtoverlay -i "$base" -o "$m" "$dtbo_dir/$n.dtbo" >"$kout/$board+$n.log" 2>&1; then
					notok_log "$kver $board + $n: fdtoverlay applies" "$kout/$board+$n.log"
					continue
				fi
				ok "$kver $board + $n: fdtoverlay applies"
				merged_list+=("$kver $board $n")
				exp=()
				for e in ${EXPECT[$n]:-}; do exp+=(--expect "$e"); done
				resv=()
				[ "$soc" = imx8mp ] && resv=("${FW_RESV[@]}")
				"$PY" "$checker" --label "$kver $board + $n" --soc "$soc" --clock-id "$clock_id" \
					"${resv[@]}" "${exp[@]}" --regions-json "$m.regions.json" \
					"$base" "$m" || fail=1
			done
			# The DDR overlay is the TCM one plus DDR and RPMsg: applied on
			# top of it, it must give the very tree it gives alone.
			[ "$soc" = imx8mp ] || continue
			lo=verdin-imx8mp_m7-tcm_overlay hi=verdin-imx8mp_m7-ddr-rpmsg_overlay
			m=$kout/$board+$hi.dtb
			what="$kver $board: $lo then $hi gives the same tree as $hi alone"
			if fdtoverlay -i "$kout/$board+$lo.dtb" -o "$m.stacked" "$dtbo_dir/$hi.dtbo" 2>"$m.stacked.log" &&
			   "$PY" "$checker" --same "$m" "$m.stacked" >>"$m.stacked.log" 2>&1; then
				ok "$what"
			else
				notok_log "$what" "$m.stacked.log"
			fi
		done
	done
done

# ---- 4. dt-validate ------------------------------------------------------
for kver in $DT_KVERS; do
	kout=$out/$kver
	[ -f "$kout/schema.json" ] || continue
	files=()
	for e in "${merged_list[@]}"; do
		set -- $e
		[ "$1" = "$kver" ] || continue
		files+=("$kver/$2.dtb" "$kver/$2+$3.dtb")
	done
	[ ${#files[@]} = 0 ] && continue
	mapfile -t files < <(printf '%s\n' "${files[@]}" | sort -u)
	validate "$kout/schema.json" "$kout/validate.out" "${files[@]}"
	for e in "${merged_list[@]}"; do
		set -- $e
		[ "$1" = "$kver" ] || continue
		board=$2 n=$3 m=$2+$3.dtb
		node=$(fdtget -l "$kout/$m" / | grep '^remoteproc@' | head -1)
		errors_of "$kout/validate.out" "$board.dtb" >"$kout/$m.base-errors"
		errors_of "$kout/validate.out" "$m" >"$kout/$m.errors"
		comm -13 "$kout/$m.base-errors" "$kout/$m.errors" >"$kout/$m.new-errors"
		nbase=$(wc -l <"$kout/$m.base-errors")
		what="$kver $board + $n: dt-validate: /$node matches the binding, no new error"
		[ "$nbase" = 0 ] ||
			what+=" ($nbase in the base tree, none ours: $(cut -d: -f1 "$kout/$m.base-errors" | sort -u | xargs))"
		if [ -n "$node" ] && matched "$kout/validate.out" "$m" "/$node" &&
		   [ ! -s "$kout/$m.new-errors" ]; then
			ok "$what"
		else
			{ echo "new errors:"; cat "$kout/$m.new-errors"
			  matched "$kout/validate.out" "$m" "/$node" || echo "/$node was not validated by $binding_id"; } >"$kout/$m.val.log"
			notok_log "$what" "$kout/$m.val.log"
		fi
	done
done

# ---- 5. m7-preflight -----------------------------------------------------
# compare_regions PREFLIGHT.json DECLARED.json: the regions m7-preflight
# found are exactly those the overlay declares, with the core address the
# SoC's map gives each (TCM/OCRAM aliases; DDR is da == pa; the M4's TCML
# is 0x1ffe0000, its second view at 0 an alias).
compare_regions() {
	"$PY" - "$1" "$2" <<'EOF'
import json, sys
ALIAS = {"itcm": (0x7e0000, 0x0), "dtcm": (0x800000, 0x20000000),
         "tcml": (0x7e0000, 0x1ffe0000), "tcmu": (0x800000, 0x20000000),
         "ocram": (0x900000, 0x20200000)}
def num(v):
    return int(v, 0) if isinstance(v, str) else int(v)
def find_regions(j):
    if isinstance(j, dict):
        if isinstance(j.get("regions"), list):
            return j["regions"]
        for v in j.values():
            r = find_regions(v)
            if r is not None:
                return r
    return None
try:
    got_j = json.load(open(sys.argv[1]))
except ValueError as e:
    sys.exit("m7-preflight --json printed no valid JSON: %s" % e)
regions = find_regions(got_j)
if regions is None:
    sys.exit("no \"regions\" list in m7-preflight's JSON")
got, aliases = set(), []
for r in regions:
    try:
        e = (r["name"], num(r["da"]), num(r["pa"]), num(r["size"]))
    except (KeyError, TypeError, ValueError) as e:
        sys.exit("region entry without name/da/pa/size: %r (%s)" % (r, e))
    # A second M7 view of a declared region (e.g. the DDR code alias) is
    # derived, not declared: it must lie inside a declared region.
    if r.get("alias"):
        aliases.append(e)
    else:
        got.add(e)
want = set()
for r in json.load(open(sys.argv[2])):
    pa_base, da_base = ALIAS.get(r["name"], (0, 0))
    want.add((r["name"], r["pa"] - pa_base + da_base, r["pa"], r["size"]))
f = lambda s: ["%s da %#x pa %#x size %#x" % x for x in sorted(s)]
bad = [a for a in aliases
       if not any(w[2] <= a[2] and a[2] + a[3] <= w[2] + w[3] for w in want)]
if got != want or bad:
    print("m7-preflight found: " + "; ".join(f(got)))
    print("overlay declares:   " + "; ".join(f(want)))
    if bad:
        print("aliases outside every declared region: " + "; ".join(f(bad)))
    sys.exit(1)
EOF
}

fw_dir=$top/build/fixtures
minimal=$out/minimal-itcm.elf
# A minimal ELF32 ARM executable: one PT_LOAD at M7 address 0 (ITCM) with
# the initial SP (top of DTCM) and the reset vector (a "b ." at 0x8).
"$PY" - "$minimal" <<'EOF'
import struct, sys
code = struct.pack("<II", 0x20020000, 0x9) + bytes.fromhex("fee7") + b"\0\0"
ehdr = struct.pack("<16sHHIIIIIHHHHHH", b"\x7fELF\x01\x01\x01" + b"\0" * 9,
                   2, 40, 1, 0x9, 52, 0, 0x05000200, 52, 32, 1, 0, 0, 0)
phdr = struct.pack("<8I", 1, 84, 0, 0, len(code), len(code), 5, 4)
open(sys.argv[1], "wb").write(ehdr + phdr + code)
EOF

preflight=$top/tools/m7-preflight
if [ -f tools/Makefile ]; then
	make -s -C tools >"$out/make-tools.log" 2>&1 || true
fi
need_fixtures=0
for n in "${overlays[@]}"; do
	[ -f "$fw_dir/${FIXTURE[$n]:-none}" ] || need_fixtures=1
done
if [ $need_fixtures = 1 ] && [ -f tests/fixtures/Makefile ]; then
	make -s -C tests/fixtures >"$out/make-fixtures.log" 2>&1 || true
fi
if [ ! -x "$preflight" ]; then
	{ echo "tools/m7-preflight is not there after make -C tools"; cat "$out/make-tools.log" 2>/dev/null; } >"$out/preflight-missing.log"
	notok_log "m7-preflight --dtb finds exactly the regions each overlay declares, on every board" \
		"$out/preflight-missing.log"
else
	for e in "${merged_list[@]}"; do
		set -- $e
		kver=$1 board=$2 n=$3 m=$out/$1/$2+$3.dtb
		fw=$fw_dir/${FIXTURE[$n]:-none}
		[ -f "$fw" ] || fw=$minimal
		what="$kver $board + $n: m7-preflight --dtb finds exactly the declared regions (firmware $(basename "$fw"))"
		"$preflight" --dtb "$m" --json "$fw" >"$m.preflight.json" 2>"$m.preflight.log"
		rc=$?
		if [ $rc = 0 ] && compare_regions "$m.preflight.json" "$m.regions.json" >>"$m.preflight.log" 2>&1; then
			ok "$what"
		else
			echo "exit status $rc" >>"$m.preflight.log"
			notok_log "$what" "$m.preflight.log"
		fi
	done
fi

# ---- 6. self-tests: each check above must be able to fail ----------------
st=$out/selftest
mkdir -p "$st"
stb=${merged_list[0]:-}
if [ -z "$stb" ] || [ -z "$k612" ]; then
	notok_log "self-tests: no overlaid board to break"
else
	set -- $stb
	st_base=$out/$1/$2.dtb
	st_kver=$1
	src=dts/verdin-imx8mp_m7-ddr-rpmsg_overlay.dts
	ksrc=$(dts/kernel-dt-src.sh "$st_kver" 2>/dev/null)
	clock_id=$(awk '$2 == "IMX8MP_CLK_M7_CORE" { print $3 }' \
		"$ksrc/include/dt-bindings/clock/imx8mp-clock.h")
	exp=()
	for e in ${EXPECT[verdin-imx8mp_m7-ddr-rpmsg_overlay]}; do exp+=(--expect "$e"); done
	# breaks WHAT CHECK-SUBSTRING SED-SCRIPT: the broken overlay must fail
	# exactly the named check of check-overlaid.py.
	breaks() {
		local what=$1 needle=$2 script=$3 f
		f=$st/$(echo "$1" | tr 'A-Z' 'a-z' | tr -c 'a-z0-9\n' '-')
		sed "$script" "$src" >"$f.dts"
		if cmp -s "$src" "$f.dts"; then
			notok_log "self-test: $what (the sed script changed nothing)"; return
		fi
		cpp -nostdinc -I "$ksrc/include" -undef -D__DTS__ -x assembler-with-cpp \
			-o "$f.pp" "$f.dts" >"$f.out" 2>&1 &&
		dtc -q -@ -I dts -O dtb -o "$f.dtbo" "$f.pp" >>"$f.out" 2>&1 &&
		fdtoverlay -i "$st_base" -o "$f.dtb" "$f.dtbo" >>"$f.out" 2>&1 || {
			notok_log "self-test: $what (the broken overlay did not build)" "$f.out"; return; }
		"$PY" "$checker" --label broken --clock-id "$clock_id" "${FW_RESV[@]}" \
			"${exp[@]}" "$st_base" "$f.dtb" >"$f.out" 2>&1
		if [ $? = 1 ] && grep -q "^not ok - broken: .*$needle" "$f.out"; then
			ok "self-test: the checker catches $what"
		else
			notok_log "self-test: the checker catches $what" "$f.out"
		fi
	}
	breaks "a DDR carve-out on the DSP's reservation" "overlap no existing one" \
		's/0x0 0x80000000 0x0 0x1000000/0x0 0x92400000 0x0 0x1000000/'
	breaks "a vring inside OP-TEE's memory" "overlap no existing one" \
		's/0x0 0x55008000 0x0 0x8000/0x0 0x57000000 0x0 0x8000/'
	breaks "two vrings that overlap" "overlap each other" \
		's/0x0 0x55008000 0x0 0x8000/0x0 0x55004000 0x0 0x8000/'
	breaks "a reservation on a device's registers" "memory-mapped device" \
		's/0x0 0x550ff000 0x0 0x1000/0x0 0x30aa0000 0x0 0x1000/'
	breaks "a carve-out outside the M7's DDR window" "DDR window" \
		's/0x0 0x80000000 0x0 0x1000000/0x0 0xc0000000 0x0 0x1000000/'
	breaks "the wrong M7 clock" "phandle" \
		's/IMX8MP_CLK_M7_CORE/IMX8MP_CLK_M7_DIV/'
	breaks "syscon pointing at the GPR" "phandle" \
		's/syscon = <&src>;/syscon = <\&gpr>;/'
	breaks "a memory-region without its name" "phandle" \
		's/"vdev0buffer", "rsc-table";/"vdev0buffer";/'
	breaks "a vdev buffer that is no shared-dma-pool" "phandle" \
		'/compatible = "shared-dma-pool";/d'
	breaks "a reservation without no-map" "phandle" \
		'/rsc-table@550ff000/,/};/{/no-map;/d}'
	breaks "a region the overlay does not mean to declare" "expected regions" \
		's/0x0 0x00800000 0x0 0x20000/0x0 0x00800000 0x0 0x10000/'
	breaks "an in-tree fsl,imx8mp-cm7 node left enabled" "in-tree" \
		'$a &{/} { stale-cm7 { compatible = "fsl,imx8mp-cm7"; }; };'

	# The tree comparison behind the stacking check must see a difference.
	if "$PY" "$checker" --same "$out/$st_kver/$2+verdin-imx8mp_m7-tcm_overlay.dtb" \
		"$out/$st_kver/$2+verdin-imx8mp_m7-ddr-rpmsg_overlay.dtb" >"$st/same.log" 2>&1; then
		notok_log "self-test: the tree comparison tells the two overlays' trees apart" "$st/same.log"
	else
		ok "self-test: the tree comparison tells the two overlays' trees apart"
	fi

	# The region comparison must notice a region m7-preflight gets wrong.
	"$PY" - "$st/regions.json" "$st/preflight-bad.json" <<'EOF'
import json, sys
regions = [{"name": "itcm", "pa": 0x7e0000, "size": 0x20000},
           {"name": "dtcm", "pa": 0x800000, "size": 0x20000}]
json.dump(regions, open(sys.argv[1], "w"))
json.dump({"regions": [{"name": "itcm", "da": 0, "pa": 0x7e0000, "size": 0x20000},
                       {"name": "dtcm", "da": 0x20000000, "pa": 0x800000,
                        "size": 0x10000}]}, open(sys.argv[2], "w"))
EOF
	if compare_regions "$st/preflight-bad.json" "$st/regions.json" >"$st/compare.log" 2>&1; then
		notok_log "self-test: the preflight comparison catches a wrong region size" "$st/compare.log"
	else
		ok "self-test: the preflight comparison catches a wrong region size"
	fi
fi

exit $fail
