#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end suite on the emulated board for one kernel ($KVER):
#  - every valid fixture of tests/fixtures/expect.tsv is loaded with
#    `echo start`; every plan byte is verified from the host and every other
#    byte of M7 memory proved untouched; GPR22 shows the M7 released, and
#    after `echo stop` held again; TCM-resident ones then boot on the M7 twin
#    (QEMU mps2-an500) from the memory the driver wrote;
#  - every refused fixture, all in one boot: `echo start` fails, the
#    diagnostic m7-preflight prints is in dmesg, the state stays offline,
#    the M7 held, M7 memory untouched;
#  - the i.MX8M Mini's M4 board: its soc/ fixtures loaded and verified,
#    SRC_M4RCR released and held, the GPR never written;
#  - faults and load (tests/board/guest-faults.sh) and attach
#    (tests/board/guest-attach.sh).
# Any kernel splat fails the boot it happened in.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/suite.sh"
suite_init e2e
need fixtures tools modules dtb

# Fixtures whose image lives in ITCM/DTCM only: the twin can boot those.
twin_ok="mcux-tcm.elf zephyr.elf rsc.elf"

# --- every valid fixture ----------------------------------------------------
# The board always has the RPMsg carve-outs ("needs rpmsg" holds); rows
# that hold only without them ("no-rpmsg") are KUnit's and m7-preflight's.
# One boot for all the fixtures a board serves (qemu-run.sh tries each in
# turn, the memory filled again between them): the plain board, then the
# board with OCRAM.
plain=() with_ocram=()
while IFS=$'\t' read -r file verdict check seg other needs base entry; do
	case $file in \#*|twin/*|"") continue ;; esac
	[ "$verdict" = accept ] || continue
	if [ "$needs" = ocram ]; then
		with_ocram+=("$fixdir/$file")
	else
		plain+=("$fixdir/$file")
	fi
done <"$top/tests/fixtures/expect.tsv"

# check_valid FILE OPT: the checks of one fixture, from its report.
check_valid() {
	local file=$1 opt=$2 keep=$out/${1%.elf} gpr_run gpr_stop state_stop
	if [ ! -f "$keep/run.log" ] || ! grep -q '^qemu-run: verdict: started and verified' "$keep/run.log"; then
		notok "$file${opt:+ ($opt)} loads and every byte verifies"
		indent <"$keep/run.log" 2>/dev/null | tail -30
		return
	fi
	ok "$file${opt:+ ($opt)} loads; $(grep '^verified' "$keep/run.log")"
	case $(grep 'verdict:' "$keep/run.log") in *"rpmsg: "*)
		ok "$file: $(sed -n 's/.*verdict: .*; \(rpmsg: [^(]*\) (exit 0)/\1/p' "$keep/run.log")"
	esac
	gpr_run=$(sed -n 's/^M7RUN-GPR22-RUNNING //p' "$keep/run.log")
	gpr_stop=$(sed -n 's/^M7RUN-GPR22-STOPPED //p' "$keep/run.log")
	state_stop=$(sed -n 's/^M7RUN-STATE-STOPPED //p' "$keep/run.log")
	if [ -n "$gpr_run" ] && [ $((gpr_run & 1)) = 0 ]; then
		ok "$file: GPR22 $gpr_run shows the M7 released while running"
	else
		notok "$file: GPR22 '${gpr_run}' while running (CPUWAIT should be 0)"
	fi
	if [ "$state_stop" = offline ] && [ -n "$gpr_stop" ] && [ $((gpr_stop & 1)) = 1 ]; then
		ok "$file: echo stop -> offline, GPR22 $gpr_stop holds the M7"
	else
		notok "$file: after stop state '$state_stop', GPR22 '$gpr_stop'"
	fi
	case " $twin_ok " in *" $file "*)
		if "$top/tests/fixtures/twin-boot.sh" "$keep/itcm.bin" "$keep/dtcm.bin" \
			>"$keep/twin.log" 2>&1; then
			ok "$file: the M7 twin boots what the driver wrote: $(grep -a -m1 PASS "$keep/twin.log")"
		else
			notok "$file: the M7 twin did not pass on the loaded TCMs"
			indent <"$keep/twin.log" | tail -10
		fi
	esac
}

# valid_boot NAME OPT FIXTURE...: one boot, then each fixture's checks.
valid_boot() {
	local name=$1 opt=$2 f
	shift 2
	[ $# != 0 ] || return 0
	# An image with a vdev also echoes RPMsg messages (the rpmsg suite
	# sends thousands; here a hundred prove qemu-run's echo).
	QEMU_RUN_RPMSG_MSGS=100 QEMU_RUN_STOP=1 QEMU_RUN_KEEP=$out KVER=$KVER \
		"$board/qemu-run.sh" $opt "$@" >"$out/$name.log" 2>&1
	exited $? "$name boot: $# fixtures started and verified, one after another" \
		"$name boot: qemu-run" "$out/$name.log"
	for f in "$@"; do
		check_valid "$(basename "$f")" "$opt"
	done
}
valid_boot valid "" "${plain[@]}"
valid_boot valid-ocram --ocram "${with_ocram[@]}"

# --- the i.MX8M Mini's M4 board -----------------------------------------------
# The soc/ fixtures soc-expect.tsv accepts on imx8mm, in one boot of the M4
# board (qemu-run.sh --soc imx8mm: the node imx-m7-rproc,imx8mm-cm4 on the
# same stand-ins as tcml and tcmu, syscon alone): every byte verified, and
# SRC_M4RCR the M4's start value while it runs (0xe in bits 3:0: enabled,
# the held core reset clear), its stop value after stop (0xb: held), the
# GPR never written (the M4 has no CPUWAIT).
m4=()
while IFS=$'\t' read -r file soc verdict check seg; do
	case $file in \#*|"") continue ;; esac
	[ "$soc" = imx8mm ] && [ "$verdict" = accept ] && m4+=("$fixdir/$file")
done <"$top/tests/fixtures/soc-expect.tsv"
QEMU_RUN_STOP=1 QEMU_RUN_KEEP=$out/m4 KVER=$KVER \
	"$board/qemu-run.sh" --soc imx8mm "${m4[@]}" >"$out/m4.log" 2>&1
rc=$?
if [ ${#m4[@]} -ge 2 ] && [ $rc = 0 ]; then
	ok "imx8mm M4 boot: ${#m4[@]} fixtures started and verified, one after another"
else
	notok "imx8mm M4 boot: qemu-run exit $rc (${#m4[@]} fixtures)"
	indent <"$out/m4.log" | tail -30
fi
for f in "${m4[@]}"; do
	file=$(basename "$f")
	log=$out/m4/${file%.elf}/run.log
	run=$(sed -n 's/^M7RUN-SRCSCR-RUNNING //p' "$log" 2>/dev/null)
	stop=$(sed -n 's/^M7RUN-SRCSCR-STOPPED //p' "$log" 2>/dev/null)
	gpr=$(sed -n 's/^M7RUN-GPR22-STOPPED //p' "$log" 2>/dev/null)
	state=$(sed -n 's/^M7RUN-STATE-STOPPED //p' "$log" 2>/dev/null)
	if grep -q '^qemu-run: verdict: started and verified' "$log" 2>/dev/null &&
	   [ -n "$run" ] && [ $((run & 0xf)) = $((0xe)) ] &&
	   [ -n "$stop" ] && [ $((stop & 0xf)) = $((0xb)) ] &&
	   [ -n "$gpr" ] && [ $((gpr)) = 0 ] && [ "$state" = offline ]; then
		ok "imx8mm $file: $(grep '^verified' "$log"); SRC_M4RCR $run running, $stop after stop (offline), GPR22 untouched"
	else
		notok "imx8mm $file: verdict, SRC_M4RCR '$run' running / '$stop' stopped (want 0xe / 0xb), GPR22 '$gpr', state '$state'"
		indent <"$log" 2>/dev/null | tail -20
	fi
done
# One image, as README gives it (make qemu-run SOC=imx8mm FW=...): the M4
# board's node has no firmware-name, so the image is /lib/firmware/
# imx8mm_m4.elf and starts only if the driver defaults to the M4's name.
KVER=$KVER make -s -C "$top" qemu-run SOC=imx8mm FW="$fixdir/soc/imx8mm-tcm.elf" \
	>"$out/m4-make.log" 2>&1
rc=$?
if [ $rc = 0 ] && grep -q '^qemu-run: verdict: started and verified (exit 0)' "$out/m4-make.log"; then
	ok "make qemu-run SOC=imx8mm FW=soc/imx8mm-tcm.elf: started and verified as imx8mm_m4.elf, the M4's default firmware-name"
else
	notok "make qemu-run SOC=imx8mm FW=soc/imx8mm-tcm.elf (exit $rc)"
	indent <"$out/m4-make.log" | tail -20
fi

# --- the i.MX8M Nano's M7 board -----------------------------------------------
# The Nano's fixture soc-expect.tsv accepts, as README gives it (make
# qemu-run SOC=imx8mn FW=...): the node imx-m7-rproc,imx8mn-cm7 on the
# Plus's stand-ins, with no firmware-name, so the image is /lib/firmware/
# imx8mn_m7.elf and starts only if the driver defaults to the Nano's name;
# GPR22 CPUWAIT clear while it runs, set and SRC_M7RCR held after stop.
QEMU_RUN_STOP=1 QEMU_RUN_KEEP=$out/m7n KVER=$KVER make -s -C "$top" qemu-run \
	SOC=imx8mn FW="$fixdir/soc/imx8mn-tcm.elf" >"$out/m7n-make.log" 2>&1
rc=$?
log=$out/m7n/imx8mn-tcm/run.log
gpr=$(sed -n 's/^M7RUN-GPR22-RUNNING //p' "$log" 2>/dev/null)
held=$(sed -n 's/^M7RUN-GPR22-STOPPED //p' "$log" 2>/dev/null)
stop=$(sed -n 's/^M7RUN-SRCSCR-STOPPED //p' "$log" 2>/dev/null)
state=$(sed -n 's/^M7RUN-STATE-STOPPED //p' "$log" 2>/dev/null)
if [ $rc = 0 ] && grep -q '^qemu-run: verdict: started and verified (exit 0)' "$out/m7n-make.log" &&
   [ -n "$gpr" ] && [ $((gpr & 1)) = 0 ] && [ -n "$held" ] && [ $((held & 1)) = 1 ] &&
   [ -n "$stop" ] && [ $((stop & 0xf)) = $((0xa)) ] && [ "$state" = offline ]; then
	ok "make qemu-run SOC=imx8mn FW=soc/imx8mn-tcm.elf: started and verified as imx8mn_m7.elf, GPR22 $gpr running, $held and SRC_M7RCR $stop after stop"
else
	notok "make qemu-run SOC=imx8mn FW=soc/imx8mn-tcm.elf (exit $rc): GPR22 '$gpr' running / '$held' stopped, SRC_M7RCR '$stop' (want 0xa), state '$state'"
	indent <"$out/m7n-make.log" | tail -20
fi

# --- every refused fixture, in one boot -------------------------------------
guest=$out/refused.sh
files=()
: >"$out/refused.list"
cat >"$guest" <<'EOF'
r=/sys/class/remoteproc/remoteproc0
insmod /modules/imx_m7_rproc.ko
for fw in $(cat /refused.list); do
	echo -n $fw > $r/firmware
	echo "E2E-TRY $fw"
	if echo start > $r/state 2>/dev/null; then
		echo "E2E-STARTED $fw"
		echo stop > $r/state
	fi
	echo "E2E-AFTER $fw $(cat $r/state) $(devmem 0x7e300058 32)"
done
rmmod imx_m7_rproc
EOF
while IFS=$'\t' read -r file verdict check seg other needs base entry; do
	case $file in \#*|twin/*|"") continue ;; esac
	[ "$verdict" = reject ] || continue
	case $needs in -|rpmsg) ;; *) continue ;; esac
	echo "$file" >>"$out/refused.list"
	files+=(-f "$fixdir/$file:/lib/firmware/$file")
done <"$top/tests/fixtures/expect.tsv"
files+=(-f "$out/refused.list:/refused.list")
python3 "$board/board.py" prep "$out/refused.mem"
"$top/tests/qemu/run.sh" -k "$KVER" -s "$guest" -m "$moddir" -d "$dtb" \
	-M "$out/refused.mem" -o "$out/refused.console" "${files[@]}" 2>"$out/refused.err"
exited $? "refused fixtures boot: no splat" "refused fixtures boot (run.sh)" \
	"$out/refused.err"
tr -d '\r' <"$out/refused.console" >"$out/refused.txt"
for file in $(cat "$out/refused.list"); do
	want=$("$top/tools/m7-preflight" --dtb "$dtb" "$fixdir/$file" 2>&1 >/dev/null | head -1)
	after=$(sed -n "s/^E2E-AFTER $file //p" "$out/refused.txt")
	# The driver's lines for this fixture: between its TRY and AFTER markers.
	said=$(sed -n "/^E2E-TRY $file\$/,/^E2E-AFTER $file /p" "$out/refused.txt")
	if grep -q "^E2E-STARTED $file\$" "$out/refused.txt"; then
		notok "$file was started although it must be refused"
	elif [ -z "$want" ] || ! grep -qF -- "$want" <<<"$said"; then
		notok "$file: the driver's diagnostic is not m7-preflight's"
		echo "    expected: $want"
		grep -v '^E2E-' <<<"$said" | indent | head -8
	elif [ "${after%% *}" != offline ] || [ $(( ${after##* } & 1 )) != 1 ]; then
		notok "$file: after the refusal state/GPR22 are '$after'"
	else
		ok "$file refused: ${want#*: }"
	fi
done
if python3 "$board/board.py" untouched "$out/refused.mem" >"$out/untouched.log"; then
	ok "refused fixtures wrote nothing: $(cat "$out/untouched.log")"
else
	notok "refused fixtures changed M7 memory"
	indent <"$out/untouched.log"
fi

# --- faults and load, attach --------------------------------------------------
run_guest() { # NAME GUEST_SCRIPT PREP_ARGS...
	local name=$1 script=$2
	shift 2
	python3 "$board/board.py" prep "$out/$name.mem" "$@"
	{ guest_lib E2E; cat "$script"; } >"$out/$name.guest.sh"
	guest_boot "$name" E2E "$out/$name.guest.sh" -t 1800 \
		-f "$fixdir/mcux-tcm.elf:/lib/firmware/imx8mp_m7.elf" \
		-f "$fixdir/mcux-tcm.elf:/lib/firmware/mcux-tcm.elf" \
		-f "$fixdir/zephyr.elf:/lib/firmware/zephyr.elf" \
		-f "$fixdir/ddr.elf:/lib/firmware/ddr.elf" \
		-f "$fixdir/rsc.elf:/lib/firmware/rsc.elf"
}
run_guest faults "$board/guest-faults.sh"
run_guest attach "$board/guest-attach.sh" --attach
exit $fail
