#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: speed and memory of the planner and of `echo start`, as
# figures. Tests never time anything; this prints what a change did to the
# numbers. BENCH_PARTS picks the parts (default "host plan start rpmsg"),
# KVER the test kernel of the emulated board (default 6.12).
#  host:  tools/m7-bench: ns per plan, ns per segment and the planner's peak
#         heap, from 1 to 65535 program headers (userspace build of the same
#         imx_m7_elf.c, imx_m7_map.c and imx_m7_diag.c the module links); callgrind's count for m7-preflight
#         on the seed fixtures.
#  plan:  instructions inside imx_m7_elf_plan() (callgrind
#         --toggle-collect) for e_phnum 1024..65535, with glibc's qsort()
#         (tools/m7_shim.h maps sort() to it) and with the kernel's own
#         lib/sort.c linked in instead, and the fitted growth.
#  start: `echo start` on the emulated board, one boot, beside the copy
#         limit measured in that boot (tests/bench/imx_m7_bench_copy.c).
#  rpmsg: RPMsg round trips and streaming on the emulated board.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
parts=" ${BENCH_PARTS:-host plan start rpmsg} "
kver=${KVER:-6.12}
want() { [[ $parts == *" $1 "* ]]; }
make -s -C "$top/tools" m7-preflight m7-bench
make -s -C "$top/tests/fixtures" >/dev/null
if want host; then
echo "== load: $(uptime)"
echo "== planner, $(uname -m), $(gcc -dumpfullversion) -O2"
"$top/tools/m7-bench"
echo
echo "== m7-preflight's table for 65535 program headers (one pass per region)"
gen=$(mktemp -d)
python3 "$top/tests/suites/mkelf.py" "$gen" >/dev/null
t0=$(date +%s.%N)
"$top/tools/m7-preflight" "$gen/many.elf" >/dev/null
echo "many.elf: $(echo "$(date +%s.%N) - $t0" | bc) s"
rm -rf "$gen"
echo
echo "== instructions to check the seed image (valgrind --tool=callgrind)"
for fw in mcux-tcm.elf ddr.elf; do
	out=$(mktemp)
	valgrind --tool=callgrind --callgrind-out-file="$out" \
		"$top/tools/m7-preflight" "$top/build/fixtures/$fw" >/dev/null 2>"$out.err" || true
	ir=$(sed -n 's/^summary: //p' "$out")
	printf '%-16s %12s instructions (whole m7-preflight run)\n' "$fw" "$ir"
	rm -f "$out" "$out.err"
done
fi

# The planner's instructions by e_phnum, counted only inside
# imx_m7_elf_plan() (m7-preflight plans once per run). The module sorts
# with lib/sort.c, the host build with glibc's qsort() (tools/m7_shim.h):
# m7-preflight-ksort is the same m7-preflight with the test kernel's
# lib/sort.c compiled in unchanged, so both sorts are counted.
if want plan; then
	echo
	echo "== load: $(uptime)"
	echo "== instructions in imx_m7_elf_plan() by e_phnum (callgrind, mkelf.py many(n): descending 16-byte .bss blocks)"
	gen=$(mktemp -d)
	ksrc=$(ls -d "$HOME"/.cache/imx-m7-rproc/src/linux-"$kver"-*/ | head -1)
	[ -f "$ksrc/lib/sort.c" ] || { echo "no lib/sort.c under $ksrc" >&2; exit 1; }
	kcflags=(-O2 -g -I"$top/tests/bench/ksort"
		 '-DEXPORT_SYMBOL(s)=_Static_assert(1, #s)')
	gcc "${kcflags[@]}" -c -o "$gen/sort.o" "$ksrc/lib/sort.c"
	gcc "${kcflags[@]}" -c -o "$gen/ksort.o" "$top/tests/bench/ksort/ksort.c"
	gcc -O2 -g -I"$top/tools" -I"$top" -Dqsort=imx_m7_bench_ksort \
		-o "$gen/m7-preflight-ksort" "$top/tools/m7-preflight.c" \
		"$top/imx_m7_elf.c" "$top/imx_m7_map.c" "$top/imx_m7_diag.c" \
		"$gen/sort.o" "$gen/ksort.o" -lfdt
	for n in 1024 2048 4096 8192 16384 32768 65535; do
		python3 "$top/tests/bench/mkimg.py" --many "$n" "$gen/m$n.elf" >/dev/null
		row=$n
		for bin in "$top/tools/m7-preflight" "$gen/m7-preflight-ksort"; do
			valgrind --tool=callgrind --toggle-collect=imx_m7_elf_plan \
				--callgrind-out-file="$gen/cg" "$bin" "$gen/m$n.elf" \
				>/dev/null 2>"$gen/cg.err" || {
				cat "$gen/cg.err" >&2; exit 1; }
			row+=,$(sed -n 's/^summary: //p' "$gen/cg")
		done
		echo "$row" >>"$gen/plan.csv"
	done
	python3 "$top/tests/bench/report.py" plan "$gen/plan.csv"
	rm -rf "$gen"
fi

# `echo start` on the emulated board, in one boot: each image of
# tests/bench/mkimg.py and a 65535-header one, started and stopped once to
# warm up, then START_REPS times, its dmesg kept; then
# imx_m7_bench_copy.ko times request_firmware() of the same file and the
# same segment copies into the same memory (memcpy_toio() to the TCM
# stand-ins, memcpy() to the DDR carve-out, as the driver writes them) and
# the copy the driver keeps for crash recovery. The printk timestamps of
# "powering up", "<fw> has no resource table" (.parse_fw, after
# request_firmware and .sanity_check's plan) and "is now up" split the
# window in two: A (request_firmware + the sanity plan) and B (.load's plan,
# write and keep, then .start).
if want start; then
	echo
	echo "== load: $(uptime)"
	echo "== echo start on the emulated board (Linux $kver, QEMU TCG, KASAN kernel)"
	reps=${START_REPS:-5}
	sw=$(mktemp -d)
	python3 "$top/tests/bench/mkimg.py" "$sw/fw" >"$sw/sizes"
	python3 "$top/tests/bench/mkimg.py" --many 65535 "$sw/fw/many-65535.elf" >>"$sw/sizes"
	moddir=$("$top/tests/lib/kmod.sh" "$kver")
	dtb=$("$top/tests/board/mkdtb.sh")
	python3 "$top/tests/board/board.py" prep "$sw/mem"
	files=()
	imgs=
	while read -r img _; do
		img=${img%.elf}
		files+=(-f "$sw/fw/$img.elf:/lib/firmware/$img.elf")
		imgs+=" $img"
	done <"$sw/sizes"
	sed 's/\.elf / /' "$sw/sizes" >"$sw/sizes.txt"
	cat >"$sw/guest.sh" <<GUEST
r=/sys/class/remoteproc/remoteproc0
insmod /modules/imx_m7_rproc.ko
for img in$imgs; do
	echo \$img.elf > \$r/firmware
	echo start > \$r/state
	echo stop > \$r/state
	dmesg -c >/dev/null
	i=0
	while [ \$i -lt $reps ]; do
		echo start > \$r/state
		echo stop > \$r/state
		i=\$((i + 1))
	done
	insmod /modules/imx_m7_bench_copy.ko fw=\$img.elf reps=$reps
	rmmod imx_m7_bench_copy
	dmesg -c | sed "s/^/BD \$img /"
done
GUEST
	t0=$(date +%s)
	"$top/tests/qemu/run.sh" -k "$kver" -s "$sw/guest.sh" -m "$moddir" -d "$dtb" \
		-M "$sw/mem" -o "$sw/console.log" -t 1500 "${files[@]}" \
		2>"$sw/run.err" || { cat "$sw/run.err"; rm -rf "$sw"; exit 1; }
	echo "(one boot, $(($(date +%s) - t0)) s; load after it: $(uptime | sed 's/.*load/load/'))"
	echo "medians (min-max) over $reps starts; A = powering up .. has no resource table, B = .. is now up;"
	echo "reqfw, copy and keep from imx_m7_bench_copy.ko; A-reqfw ~ one plan (.sanity_check's);"
	echo "driver = window - reqfw (both plans, write, keep, start); drv/copy of the minima last"
	python3 "$top/tests/bench/report.py" start "$sw/console.log" "$sw/sizes.txt" ||
		{ rm -rf "$sw"; exit 1; }
	rm -rf "$sw"
fi

# 3. RPMsg on the emulated board, one boot: round trips (echo) and
#    M7-initiated streaming through the driver's real mailbox path, beside
#    a plain memcpy through the same memory (vdev0buffer, via /dev/mem,
#    after the M7 is stopped so no buffer is in use). The emulated M7 and
#    the MU stand-in poll (tests/board/imx_m7_test_mu.c, m7_endpoint.py),
#    so these figures measure the emulated transport, not silicon.
want rpmsg || exit 0
echo
echo "== load: $(uptime)"
echo "== RPMsg on the emulated board (Linux $kver, QEMU TCG, KASAN kernel)"
make -s -C "$top/tests/guest"
moddir=$("$top/tests/lib/kmod.sh" "$kver")
dtb=$("$top/tests/board/mkdtb.sh")
fw=$top/build/fixtures/rpmsg-tcm.elf
work=$(mktemp -d) ep=
trap 'if [ -n "$ep" ]; then kill "$ep" 2>/dev/null || :; fi; rm -rf "$work"' EXIT
"$top/tools/m7-preflight" --dtb "$dtb" --json "$fw" >"$work/plan.json"
python3 "$top/tests/board/board.py" prep "$work/mem"
cat >"$work/guest.sh" <<'EOF'
r=/sys/class/remoteproc/remoteproc0
insmod /modules/imx_m7_rproc.ko
echo start > $r/state
rpmsg-test wait /dev/rpmsg0 120
rpmsg-test echo /dev/rpmsg0 200 >/dev/null
rpmsg-test echo /dev/rpmsg0 1000
rpmsg-test echo /dev/ttyRPMSG0 1000
rpmsg-test stream /dev/rpmsg0 4000 496
echo stop > $r/state
rpmsg-test copy 0x55400000 0x100000 20
EOF
python3 "$top/tests/lib/m7_endpoint.py" "$work/mem" --plan "$work/plan.json" \
	--stats "$work/stats.json" --log "$work/endpoint.log" &
ep=$!
"$top/tests/qemu/run.sh" -k "$kver" -s "$work/guest.sh" -m "$moddir" -d "$dtb" \
	-M "$work/mem" -o "$work/console.log" -t 900 \
	-f "$top/build/guest/rpmsg-test:/bin/rpmsg-test" \
	-f "$fw:/lib/firmware/imx8mp_m7.elf" 2>"$work/run.err" || {
	cat "$work/run.err"; exit 1; }
kill -TERM "$ep"; wait "$ep" || true
ep=
tr -d '\r' <"$work/console.log" | grep '^RPMSG-' >"$work/figures"
python3 - "$work/figures" <<'PY'
import sys
rows = {}
for line in open(sys.argv[1]):
    kind, *kv = line.split()
    d = dict(x.split("=", 1) for x in kv if "=" in x)
    rows.setdefault(kind, []).append(d)
echo = [d for d in rows["RPMSG-ECHO"] if d["n"] == "1000"]
raw = next(d for d in echo if "rpmsg0" in d["dev"] and "tty" not in d["dev"])
tty = next(d for d in echo if "tty" in d["dev"])
st = rows["RPMSG-STREAM"][0]
cp = rows["RPMSG-COPY"][0]
rt = 1e6 * int(raw["n"]) / int(raw["usec"])
rtt = 1e6 * int(tty["n"]) / int(tty["usec"])
eb = 1e6 * 2 * int(raw["bytes"]) / int(raw["usec"])
sb = int(st["bytes_per_s"])
cb = int(cp["write_bytes_per_s"])
print(f"round trips /dev/rpmsg0     {rt:10.0f} /s  ({raw['n']} messages of 1..496 bytes)")
print(f"round trips /dev/ttyRPMSG0  {rtt:10.0f} /s")
print(f"echo payload, both ways     {eb:10.0f} B/s")
print(f"stream M7->Linux            {sb:10d} B/s  ({st['count']} x {st['size']} bytes)")
print(f"memcpy into vdev0buffer     {cb:10d} B/s  (/dev/mem, {cp['size']} bytes x {cp['rounds']})")
print(f"rpmsg-bench stream/copy={sb / cb:.4f} echo/copy={eb / cb:.4f} roundtrips_per_s={rt:.0f}")
PY
