#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The M7 twin, host side: build the firmware fixtures from source, check
# their layouts (the seed numbers above all) and malformed variants, and
# prove that the TCM-resident ones really run on a Cortex-M7 -- QEMU's
# mps2-an500 -- both straight from the ELF and from raw ITCM/DTCM images
# built exactly as imx-m7-rproc loads them (tests/fixtures/tcm-image.py,
# booted by tests/fixtures/twin-boot.sh, the script that also boots memory
# taken out of the emulated i.MX guest). Every check has a negative control
# that must fail. TAP-style lines; exit 1 if anything failed.
#
# Environment: TWIN_TIMEOUT (seconds per QEMU run, default 20).
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
fx=$top/tests/fixtures
out=$top/build/fixtures
work=$top/build/twin
QEMU=${QEMU:-qemu-system-arm}
export TWIN_TIMEOUT=${TWIN_TIMEOUT:-20}
label=
. "$top/tests/lib/suite.sh"

# indent_log FILE: the end of a log as failure detail.
indent_log() { sed 's/^/    /' "$1" | tail -n 40; }

# ---- tools -----------------------------------------------------------------
missing=()
for t in arm-none-eabi-gcc arm-none-eabi-readelf arm-none-eabi-objcopy "$QEMU" python3; do
	command -v "$t" >/dev/null || missing+=("$t")
done
if [ ${#missing[@]} != 0 ]; then
	notok "twin tools present" "missing: ${missing[*]}" \
		"apt-get install gcc-arm-none-eabi binutils-arm-none-eabi qemu-system-arm python3"
	exit 1
fi
ok "twin tools present ($(arm-none-eabi-gcc -dumpversion), $("$QEMU" --version | head -n1))"

rm -rf "$work"
mkdir -p "$work"

# ---- build -----------------------------------------------------------------
# The shared build (build/fixtures, used by the other suites too), then a
# from-scratch build elsewhere, which must give the same bytes.
if make -C "$fx" >"$work/build.log" 2>&1; then
	ok "fixtures build from source (make -C tests/fixtures)"
else
	notok "fixtures build from source (make -C tests/fixtures)"
	indent_log "$work/build.log"
	exit 1
fi
if make -C "$fx" >"$work/build2.log" 2>&1 &&
	! grep -Eq '^  (FIXTURE|CHECK|MANGLE) ' "$work/build2.log"; then
	ok "fixtures: a second make rebuilds nothing"
else
	notok "fixtures: a second make rebuilds nothing"
	indent_log "$work/build2.log"
fi
fresh=$work/fresh
if make -C "$fx" O="$fresh" >"$work/build-fresh.log" 2>&1; then
	diff=()
	for f in "$out"/*.elf "$out"/twin/*.elf; do
		cmp -s "$f" "$fresh/${f#"$out"/}" || diff+=("${f#"$out"/}")
	done
	if [ ${#diff[@]} = 0 ]; then
		ok "fixtures: a from-scratch build (O=...) gives the same bytes"
	else
		notok "fixtures: a from-scratch build (O=...) gives the same bytes" "differ: ${diff[*]}"
	fi
else
	notok "fixtures: a from-scratch build (O=...)"
	indent_log "$work/build-fresh.log"
fi
make -C "$fx" O="$fresh" clean >/dev/null 2>&1
if [ ! -e "$fresh" ]; then
	ok "fixtures: make clean removes O"
else
	notok "fixtures: make clean removes O"
fi

# ---- layouts (seed numbers) -----------------------------------------------
"$fx/check-layout.sh" "$out" >"$work/layout.log" 2>&1
rc=$?
cat "$work/layout.log"
[ $rc = 0 ] || fail=1

# The seed, once more, spelled out from readelf's own words.
seed=$(arm-none-eabi-readelf -lW "$out/mcux-tcm.elf" | awk '$1 == "LOAD" && $3 == "0x20000000"')
if [[ $seed == *"0x20000000 0x0001de78 0x00100 0x0d5a0"* ]]; then
	ok "seed: mcux-tcm.elf data PT_LOAD p_vaddr 0x20000000 p_paddr 0x1de78 p_filesz 0x100 p_memsz 0xd5a0"
else
	notok "seed: mcux-tcm.elf data PT_LOAD p_vaddr 0x20000000 p_paddr 0x1de78 p_filesz 0x100 p_memsz 0xd5a0" "readelf: $seed"
fi

# Negative control: the layout check refuses an image that is not the seed.
mkdir -p "$work/wrong/twin"
for f in mcux-tcm ddr zephyr ocram overflow-itcm rsc twin/mcux-tcm-break-data twin/mcux-tcm-break-bss; do
	cp "$out/$f.elf" "$work/wrong/$f.elf"
done
cp "$out/rsc.elf" "$work/wrong/mcux-tcm.elf"
if grep -q '^not ok - layout mcux-tcm.elf' <<<"$("$fx/check-layout.sh" -q "$work/wrong" 2>&1)"; then
	ok "layout check refuses rsc.elf posing as mcux-tcm.elf"
else
	notok "layout check refuses rsc.elf posing as mcux-tcm.elf"
fi

# ---- malformed variants ----------------------------------------------------
n=$(find "$out" -maxdepth 1 -name 'malformed-*.elf' | wc -l)
want=$(grep -c '^malformed-' "$fx/expect.tsv")
if python3 "$fx/mangle.py" --expect "$fx/expect.tsv" "$out" >"$work/mangle.log" 2>&1 && [ "$n" = "$want" ]; then
	ok "malformed variants: $n made, each fails exactly the check expect.tsv names (model in mangle.py)"
else
	notok "malformed variants: $n made (want $want), each fails exactly the check expect.tsv names"
	indent_log "$work/mangle.log"
fi
# Negative control: a wrong expectation is caught.
sed 's/^malformed-overlap\.elf\treject\tIMX_M7_E_OVERLAP\t2\t1\t/malformed-overlap.elf\treject\tIMX_M7_E_OVERLAP\t1\t2\t/' \
	"$fx/expect.tsv" >"$work/expect-wrong.tsv"
cp -r "$out" "$work/mangle-copy"
if ! cmp -s "$fx/expect.tsv" "$work/expect-wrong.tsv" &&
	! python3 "$fx/mangle.py" --expect "$work/expect-wrong.tsv" "$work/mangle-copy" >/dev/null 2>&1; then
	ok "mangle.py refuses a wrong expectation (overlap blamed on the wrong segment)"
else
	notok "mangle.py refuses a wrong expectation (overlap blamed on the wrong segment)"
fi

# ---- mps2-an500 memory --------------------------------------------------------
# The twin needs RAM over ITCM [0, 128K), DTCM [0x20000000, +128K) and
# OCRAM's system-bus view [0x20200000, +512K).
{ echo "info mtree -f"; sleep 1; echo quit; } |
	timeout 20 "$QEMU" -M mps2-an500 -S -display none -monitor stdio -serial null \
	>"$work/mtree.log" 2>&1
ram_covers() { # START END: one "ram" range of the flat view covers [START, END]
	python3 - "$work/mtree.log" "$1" "$2" <<'PY'
import re, sys
s, e = int(sys.argv[2], 0), int(sys.argv[3], 0)
for l in open(sys.argv[1], errors="replace"):
    m = re.match(r"\s*([0-9a-f]+)-([0-9a-f]+) \(prio -?\d+, ram\)", l)
    if m and int(m.group(1), 16) <= s and e <= int(m.group(2), 16):
        sys.exit(0)
sys.exit(1)
PY
}
if ram_covers 0x0 0x1ffff && ram_covers 0x20000000 0x2001ffff && ram_covers 0x20200000 0x2027ffff; then
	ok "mps2-an500 has RAM over ITCM, DTCM and OCRAM (0x20200000) as the M7 sees them"
else
	notok "mps2-an500 has RAM over ITCM, DTCM and OCRAM (0x20200000) as the M7 sees them"
	indent_log "$work/mtree.log"
fi

# ---- direct boot of the ELF ---------------------------------------------------
# QEMU's ELF loader puts each PT_LOAD at p_paddr (the LMA), as the driver
# does; the Cortex-M7 then takes SP/PC from address 0.
# boot_elf NAME WANT(PASS|FAIL)
boot_elf() {
	local name=$1 want=$2 log=$work/${1//\//_}.direct.log rc base=${1##*/}
	timeout "$TWIN_TIMEOUT" "$QEMU" -M mps2-an500 -nographic -monitor none -serial null \
		-semihosting-config enable=on,target=native -kernel "$out/$name.elf" \
		>"$log" 2>&1 </dev/null
	rc=$?
	if [ "$want" = PASS ] && [ $rc = 0 ] && grep -aq "^imx-m7-fixture $base: PASS" "$log"; then
		ok "direct boot $name.elf on mps2-an500: $(grep -a '^imx-m7-fixture' "$log")"
	elif [ "$want" = FAIL ] && [ $rc = 1 ] && grep -aq "^imx-m7-fixture $base: FAIL" "$log"; then
		ok "direct boot $name.elf reports FAIL as it must: $(grep -a '^imx-m7-fixture' "$log" | cut -d: -f2-)"
	else
		notok "direct boot $name.elf on mps2-an500: want $want (qemu exit $rc)"
		indent_log "$log"
	fi
}
for f in mcux-tcm zephyr rsc ocram overflow-itcm; do
	boot_elf "$f" PASS
done
boot_elf twin/mcux-tcm-break-data FAIL

# ---- raw-memory boot: what the driver writes ----------------------------------
# raw NAME MODE WANT_EXIT [ocram]: build ITCM/DTCM(/OCRAM) images with
# tcm-image.py (regions first filled with 0xa5, as the end-to-end suite
# fills the stand-ins), boot them with twin-boot.sh, want its exit status.
raw() {
	local name=$1 mode=$2 want=$3 ocram=${4:-} d=$work/raw/${1//\//_}-$2 rc regions what
	mkdir -p "$d"
	regions=("itcm:0x0:0x20000:$d/itcm.bin" "dtcm:0x20000000:0x20000:$d/dtcm.bin")
	[ -z "$ocram" ] || regions+=("ocram:0x20200000:0x80000:$d/ocram.bin")
	if ! python3 "$fx/tcm-image.py" --mode "$mode" "$out/$name.elf" "${regions[@]}" >"$d/image.log" 2>&1; then
		notok "raw images of $name.elf ($mode)"
		indent_log "$d/image.log"
		return
	fi
	"$fx/twin-boot.sh" "$d/itcm.bin" "$d/dtcm.bin" ${ocram:+"$d/ocram.bin"} >"$d/boot.log" 2>&1
	rc=$?
	what="raw ITCM/DTCM${ocram:+/OCRAM} of $name.elf ($mode placement) on mps2-an500: twin-boot exit $rc"
	if [ $rc = "$want" ]; then
		ok "$what as expected: $(grep -a '^imx-m7-fixture' "$d/boot.log" | cut -d: -f2- | cut -c1-90)"
	else
		notok "$what, want $want"
		indent_log "$d/image.log"
		indent_log "$d/boot.log"
	fi
}
raw mcux-tcm plan 0
raw zephyr plan 0
raw rsc plan 0
raw ocram plan 0 ocram
# Negative controls: each must be caught.
raw twin/mcux-tcm-break-bss plan 1	# .bss left at the 0xa5 fill
raw twin/mcux-tcm-break-data plan 1	# .data never copied to DTCM
raw mcux-tcm vaddr 1			# a loader that ignores p_paddr
# Blank memory: no vector table, no report.
mkdir -p "$work/raw/blank"
python3 -c 'import sys; open(sys.argv[1], "wb").write(b"\xa5" * 0x20000)' "$work/raw/blank/itcm.bin"
cp "$work/raw/blank/itcm.bin" "$work/raw/blank/dtcm.bin"
TWIN_TIMEOUT=10 "$fx/twin-boot.sh" "$work/raw/blank/itcm.bin" "$work/raw/blank/dtcm.bin" >"$work/raw/blank/boot.log" 2>&1
rc=$?
if [ $rc = 2 ]; then
	ok "blank ITCM/DTCM: twin-boot exit 2 (nothing to run, no report)"
else
	notok "blank ITCM/DTCM: twin-boot exit $rc, want 2"
	indent_log "$work/raw/blank/boot.log"
fi

# The host-built ITCM image agrees with objcopy's view of the same ELF
# (binary output at the load addresses of the sections stored in ITCM).
d=$work/raw/mcux-tcm-plan
arm-none-eabi-objcopy -O binary -j .interrupts -j .text -j .data \
	"$out/mcux-tcm.elf" "$work/objcopy-itcm.bin"
sz=$(stat -c %s "$work/objcopy-itcm.bin")
if [ "$sz" = $((0x1df78)) ] && cmp -s -n "$sz" "$work/objcopy-itcm.bin" "$d/itcm.bin"; then
	ok "mcux-tcm ITCM image = objcopy -O binary of its ITCM sections (0x1df78 bytes, .data at 0x1de78)"
else
	notok "mcux-tcm ITCM image = objcopy -O binary of its ITCM sections" "objcopy size $sz, want $((0x1df78))"
fi
# The DTCM image is untouched by the seed's data segment (only p_filesz
# bytes at p_paddr are written, none at p_vaddr).
if python3 -c 'import sys; sys.exit(open(sys.argv[1], "rb").read() != b"\xa5" * 0x20000)' "$d/dtcm.bin"; then
	ok "mcux-tcm DTCM image: nothing written there at load time (the start-up code fills it)"
else
	notok "mcux-tcm DTCM image: nothing written there at load time"
fi

exit $fail
