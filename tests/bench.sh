#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: speed and memory of the planner, as figures. Tests never time
# anything; this prints what a change did to the numbers.
#  1. tools/m7-bench: ns per plan, ns per segment and the planner's peak
#     heap, from 1 to 65535 program headers (userspace build of the same
#     imx_m7_elf.c the module links).
#  2. callgrind's instruction count for m7-preflight on the seed fixture:
#     repeatable whatever else the machine is doing.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
make -s -C "$top/tools" m7-preflight m7-bench
make -s -C "$top/tests/fixtures" >/dev/null
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

# 3. RPMsg on the emulated board, one boot: round trips (echo) and
#    M7-initiated streaming through the driver's real mailbox path, beside
#    a plain memcpy through the same memory (vdev0buffer, via /dev/mem,
#    after the M7 is stopped so no buffer is in use). The emulated M7 and
#    the MU stand-in poll (tests/board/imx_m7_test_mu.c, m7_endpoint.py),
#    so these figures measure the emulated transport, not silicon.
kver=${KVER:-6.12}
echo
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
