#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The ways users build and install the driver, run against one test
# kernel's tree (env KVER, e.g. 6.12; tests/kernel/build.sh builds it), each
# in a scratch copy of the checkout as a clone has it:
#  (a) TorizonCore Builder's module steps, as its tcbuilder/backend/kernel.py
#      build_module() runs them: `make -C SRC CROSS_COMPILE= ARCH=` with no
#      target and KERNEL_SRC/KDIR in the environment, then kbuild's own
#      `make -C KERNEL M=SRC INSTALL_MOD_PATH=ROOT/usr modules_install`;
#      exactly one module may be installed, ours, and no other *.ko may be
#      left in the source tree (TCB's autoload lists every *.ko it finds);
#  (b) the Yocto module class (openembedded-core meta/classes-recipe/
#      module.bbclass and module-base.bbclass): its do_compile and
#      do_install command lines, with the variables the recipe in
#      contrib/meta-imx-m7-rproc sets, into a scratch sysroot (D); and the
#      overlays of the layer's device-tree-overlays bbappend compiled as
#      the devicetree class compiles them;
#  (c) real DKMS (Debian's dkms): add and build, cross for aarch64, with
#      contrib/dkms.conf, in a scratch DKMS tree; the machine's
#      /var/lib/dkms is left as it was.
# Also: one version everywhere, `make -j` keeps its jobserver, every
# tool's --help exits 0 with its usage on stdout.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
: "${KVER:?KVER, e.g. 6.12}"
out=$top/build/package-$KVER
label="$KVER package: "
. "$top/tests/lib/suite.sh"
rm -rf "$out" && mkdir -p "$out"
cross=aarch64-linux-gnu-
layer=$top/contrib/meta-imx-m7-rproc
version=$(make -s -C "$top" version)

# notok_log WHAT LOG [N]: a failed check with the last N (15) lines of LOG.
notok_log() {
	local lines

	mapfile -t lines < <(tail -n "${3:-15}" "$2" 2>/dev/null)
	notok "$1" "${lines[@]}"
}

kb=$("$top/tests/kernel/build.sh" "$KVER" 2>"$out/kernel.log") ||
	{ notok "test kernel $KVER" "$(tail -3 "$out/kernel.log")"; exit 1; }
ksrc=$(readlink -f "$kb/source")
rel=$(cat "$kb/include/config/kernel.release")

# mksrc DIR: the checkout's files as a clone has them (tracked, and new
# files not ignored), without any build product of this worktree.
mksrc() {
	mkdir -p "$1"
	git -C "$top" ls-files -co --exclude-standard -z |
		rsync -a --from0 --files-from=- "$top/" "$1/"
}
# kos DIR: the *.ko files under DIR, relative, sorted, one line.
kos() { (cd "$1" && find . -name '*.ko' | sed 's|^\./||' | sort | tr '\n' ' ' | sed 's/ $//'); }
# check_ko WHAT FILE: an arm64 module for this kernel, of our version.
# only_ours WHO ROOT PREFIX WHAT: ROOT holds exactly one module, ours, at
# PREFIXlib/modules/$rel/{updates,extra}/imx_m7_rproc.ko; then check_ko it.
only_ours() {
	local inst

	inst=$(kos "$2")
	if [ "$inst" = "${3}lib/modules/$rel/updates/imx_m7_rproc.ko" ] ||
	   [ "$inst" = "${3}lib/modules/$rel/extra/imx_m7_rproc.ko" ]; then
		ok "$1: $4 exactly one module, ours: $inst"
		check_ko "$1" "$2/$inst"
	else
		notok "$1: $4: ${inst:-nothing}" \
			"expected ${3}lib/modules/$rel/{updates,extra}/imx_m7_rproc.ko alone"
	fi
}
check_ko() {
	local vm ver
	vm=$(modinfo -F vermagic "$2" 2>&1)
	ver=$(modinfo -F version "$2" 2>&1)
	if [ "${vm%% *}" = "$rel" ] && [ "$ver" = "$version" ] &&
	   file "$2" | grep -q 'ELF 64-bit LSB relocatable, ARM aarch64'; then
		ok "$1: vermagic is the test kernel's ($rel), version $ver, arm64"
	else
		notok "$1: vermagic is the test kernel's" "vermagic: $vm (want $rel ...)" \
			"version: $ver (want $version)" "$(file "$2")"
	fi
}

# ---- one version ------------------------------------------------------------
mv_ver=$(sed -n 's/^MODULE_VERSION("\(.*\)");$/\1/p' "$top/imx_m7_rproc.c")
dkms_ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$top/contrib/dkms.conf")
recipes=$(cd "$layer/recipes-kernel/imx-m7-rproc" && ls imx-m7-rproc_*.bb)
bb_ver=${recipes#imx-m7-rproc_}
bb_ver=${bb_ver%.bb}
# Every "imx-m7-rproc-X.Y.Z" or "imx-m7-rproc/X.Y.Z" the docs mention.
others=$(grep -rhoE 'imx-m7-rproc[-/_][0-9]+\.[0-9]+(\.[0-9]+)?' "$top/README.md" \
	"$top/contrib" "$top/docs" | sed -E 's/^imx-m7-rproc[-/_]//' | sort -u | grep -vx "$version")
if [ -n "$version" ] && [ "$mv_ver" = "$version" ] && [ "$dkms_ver" = "$version" ] &&
   [ "$recipes" = "imx-m7-rproc_$version.bb" ] && [ -z "$others" ] &&
   grep -q "imx-m7-rproc-$version" "$top/README.md"; then
	ok "one version: make version (MODULE_VERSION), dkms.conf, the recipe and README all say $version"
else
	notok "one version" "make version '$version', MODULE_VERSION ${mv_ver:-none}, dkms.conf ${dkms_ver:-none}" \
		"recipe ${recipes:-none} ($bb_ver), README/docs also name: ${others:-nothing else}"
fi

# ---- every tool's --help -----------------------------------------------------
if make -s -C "$top/tools" m7-preflight m7-bench >"$out/tools.log" 2>&1; then
	for t in m7-preflight m7-bench; do
		"$top/tools/$t" --help >"$out/help.out" 2>"$out/help.err"
		rc=$?
		if [ $rc = 0 ] && grep -q "^usage: $t" "$out/help.out" && [ ! -s "$out/help.err" ]; then
			ok "tools/$t --help: exit 0, usage on stdout"
		else
			notok "tools/$t --help: exit $rc" "stdout: $(head -1 "$out/help.out")" \
				"stderr: $(head -1 "$out/help.err")"
		fi
	done
else
	notok_log "make -C tools m7-preflight m7-bench" "$out/tools.log" 5
fi

# ---- (a) TorizonCore Builder -------------------------------------------------
tcb=$out/tcb
mksrc "$tcb/src"
# contrib/tcbuild.yaml in the layout the README's quick start makes: this
# checkout cloned as imx-m7-rproc/ next to it.
if python3 - "$top/contrib/tcbuild.yaml" "$tcb/src" >"$tcb/yaml.log" 2>&1 <<'PY'
import os, sys, yaml
y = yaml.safe_load(open(sys.argv[1]))
c, bad = y["customization"], []
dt, k = c["device-tree"], c["kernel"]
for a in dt["overlays"].get("add") or []:
    if not a.startswith("imx-m7-rproc/") or \
       not os.path.isfile(os.path.join(sys.argv[2], a[len("imx-m7-rproc/"):])):
        bad.append("overlays: add: %s is not a file of this checkout" % a)
if "verdin-imx8mp_hmp_overlay.dtbo" not in (dt["overlays"].get("remove") or []):
    bad.append("overlays: remove: lacks verdin-imx8mp_hmp_overlay.dtbo")
if dt.get("include-dirs") != ["device-trees/include/"]:
    bad.append("include-dirs: %r, not device-trees/include/ (dt checkout)" % dt.get("include-dirs"))
if k["modules"] != [{"source-dir": "imx-m7-rproc/", "autoload": True}]:
    bad.append("kernel: modules: %r" % k["modules"])
if c.get("filesystem") != ["changes/"]:
    bad.append("filesystem: %r, not changes/" % c.get("filesystem"))
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
then
	ok "TCB: contrib/tcbuild.yaml adds our overlay, removes the HMP one, builds and autoloads the module, takes changes/"
else
	notok_log "TCB: contrib/tcbuild.yaml" "$tcb/yaml.log"
fi
if (cd "$tcb" && env KERNEL_SRC="$kb" KDIR="$kb" \
	make -C "$tcb/src" CROSS_COMPILE=$cross ARCH=arm64) >"$tcb/build.log" 2>&1; then
	ok "TCB: make with no target, KERNEL_SRC/KDIR in the environment, builds"
else
	notok_log "TCB: make with no target, KERNEL_SRC/KDIR in the environment" "$tcb/build.log"
fi
left=$(kos "$tcb/src")
if [ "$left" = imx_m7_rproc.ko ]; then
	ok "TCB: the only *.ko in the source tree is imx_m7_rproc.ko (what autoload would list)"
else
	notok "TCB: *.ko in the source tree: ${left:-none}, expected imx_m7_rproc.ko alone"
fi
if grep -q 'CC \[M\].*imx_m7_rproc_main.o' "$tcb/build.log" &&
   ! grep -qE '^ +DTC ' "$tcb/build.log"; then
	ok "TCB: a plain build compiles the driver and runs no dtc (a kernel without scripts/dtc builds it)"
else
	notok "TCB: a plain build compiles the driver and runs no dtc" "$(grep -E 'DTC|CC' "$tcb/build.log" | head -5)"
fi
if make -C "$kb" ARCH=arm64 CROSS_COMPILE=$cross M="$tcb/src" \
	INSTALL_MOD_PATH="$tcb/changes/usr" modules_install >"$tcb/install.log" 2>&1; then
	only_ours TCB "$tcb/changes" usr/ "kbuild's modules_install installs"
else
	notok_log "TCB: kbuild's modules_install" "$tcb/install.log"
fi

# ---- (b) Yocto: the module class's command lines ----------------------------
yo=$out/yocto
recipe=$layer/recipes-kernel/imx-m7-rproc/imx-m7-rproc_$version.bb
# What the recipe adds to the class's lines (VAR = / += "..."), and that it
# keeps the class's do_compile/do_install (else they are not what runs).
bbvar() { sed -n "s/^$1 *+\?= *\"\(.*\)\"$/\1/p" "$recipe" | tr '\n' ' '; }
extra_oemake=$(bbvar EXTRA_OEMAKE)
make_targets=$(bbvar MAKE_TARGETS)
install_target=$(bbvar MODULES_INSTALL_TARGET)
install_target=${install_target:-modules_install}
if [ ! -f "$recipe" ]; then
	notok "Yocto: no recipe imx-m7-rproc_$version.bb"
elif grep -qE '^(do_compile|do_install|module_do_compile|module_do_install)' "$recipe" ||
     ! grep -qx 'inherit module' "$recipe"; then
	notok "Yocto: the recipe must inherit module and keep its do_compile/do_install"
else
	ok "Yocto: the recipe inherits module and keeps the class's do_compile/do_install"
fi
lic=$(sed -n 's/^LIC_FILES_CHKSUM = "file:\/\/\([^;]*\);md5=\([0-9a-f]*\)"$/\1 \2/p' "$recipe")
if [ -n "$lic" ] && [ "$(md5sum <"$top/${lic% *}" | cut -d' ' -f1)" = "${lic#* }" ]; then
	ok "Yocto: LIC_FILES_CHKSUM's md5 is ${lic% *}'s"
else
	notok "Yocto: LIC_FILES_CHKSUM ($lic) does not match"
fi

# yocto_compile SRC LOG: module_do_compile, as the class has it, with
# module-base's exports; B = S = SRC (externalsrc with EXTERNALSRC_BUILD).
# STAGING_KERNEL_DIR is the kernel's source, STAGING_KERNEL_BUILDDIR its
# build tree; PARALLEL_MAKE reaches make as MAKEFLAGS -j2.
yocto_env() {
	env -u CFLAGS -u CPPFLAGS -u CXXFLAGS -u LDFLAGS \
		ARCH=arm64 OS=linux CROSS_COMPILE=$cross KBUILD_OUTPUT="$kb" \
		KERNEL_VERSION="$rel" MAKEFLAGS=-j2 "$@"
}
yocto_compile() {
	(cd "$1" && yocto_env make $extra_oemake KERNEL_SRC="$ksrc" \
		KERNEL_PATH="$ksrc" KERNEL_VERSION="$rel" \
		CC="${cross}gcc -fuse-ld=bfd" LD="${cross}ld.bfd" AR="${cross}gcc-ar" \
		OBJCOPY="${cross}objcopy" STRIP="${cross}strip" O="$kb" \
		KBUILD_EXTRA_SYMBOLS="" $make_targets) >"$2" 2>&1
}
mksrc "$yo/src"
if yocto_compile "$yo/src" "$yo/compile.log"; then
	ok "Yocto: do_compile (make KERNEL_SRC=<source> O=<build> ... no target) builds"
else
	notok_log "Yocto: do_compile" "$yo/compile.log"
fi
if grep -q 'jobserver unavailable' "$yo/compile.log"; then
	notok "Yocto: make -j2 keeps its jobserver" "$(grep 'jobserver' "$yo/compile.log" | head -2)"
else
	ok "Yocto: make -j2 keeps its jobserver (no \"jobserver unavailable\")"
fi
D=$yo/image
if (cd "$yo/src" && yocto_env make $extra_oemake KERNEL_SRC="$ksrc" DEPMOD=echo \
	MODLIB="$D/lib/modules/$rel" INSTALL_FW_PATH="$D/lib/firmware" \
	CC="${cross}gcc -fuse-ld=bfd" LD="${cross}ld.bfd" OBJCOPY="${cross}objcopy" \
	STRIP="${cross}strip" O="$kb" KBUILD_EXTRA_SYMBOLS="" \
	"$install_target") >"$yo/install.log" 2>&1 &&
   install -Dm0644 "$yo/src/Module.symvers" "$D/usr/include/imx-m7-rproc/Module.symvers"; then
	only_ours Yocto "$D" "" "do_install puts"
else
	notok_log "Yocto: do_install (modules_install, Module.symvers)" "$yo/install.log"
fi
# The control: with $(MAKE) hidden in a variable again, as the Makefile had
# it, the same do_compile must lose its jobserver, so the check above can fail.
mksrc "$yo/ctl"
sed -i 's/^KBUILD_ARGS = -C/KMAKE = $(MAKE) -C/; s/^\t\$(MAKE) \$(KBUILD_ARGS) modules$/\t$(KMAKE) modules/' \
	"$yo/ctl/Makefile"
yocto_compile "$yo/ctl" "$yo/ctl.log"
if grep -q 'jobserver unavailable' "$yo/ctl.log"; then
	ok "negative control: \$(MAKE) hidden in a variable loses the jobserver, and the check sees it"
else
	notok_log "negative control: a Makefile hiding \$(MAKE) did not warn" "$yo/ctl.log" 5
fi

# The overlays: the bbappend's sources, compiled with the devicetree
# class's DTC_PPFLAGS / DTC_FLAGS / DTC_OFLAGS and meta-toradex-nxp's
# KERNEL_INCLUDE, against this kernel's source.
bbappend=$layer/recipes-kernel/device-tree-overlays/device-tree-overlays_%.bbappend
ovs=$(sed -n '/^IMX_M7_RPROC_OVERLAYS = /,/^"/p' "$bbappend" | grep -o '[^ ]*\.dts')
inc=()
for d in "$ksrc/arch/arm64/boot/dts" "$ksrc"/arch/arm64/boot/dts/* "$ksrc/scripts/dtc/include-prefixes"; do
	[ -d "$d" ] && inc+=("$d")
done
mkdir -p "$yo/dt"
for dts in $ovs; do
	n=${dts%.dts}
	if [ -f "$top/dts/$dts" ] &&
	   cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp "${inc[@]/#/-I}" \
		-o "$yo/dt/$dts.pp" "$top/dts/$dts" 2>"$yo/dt/$n.log" &&
	   grep -q '^/plugin/;' "$yo/dt/$dts.pp" &&
	   dtc -R 8 -b 0 -p 0 -@ -H epapr "${inc[@]/#/-i}" -o "$yo/dt/$n.dtbo" \
		-I dts -O dtb "$yo/dt/$dts.pp" 2>>"$yo/dt/$n.log" &&
	   fdtget -l "$yo/dt/$n.dtbo" / | grep -q '__fixups__'; then
		ok "Yocto: $n.dtbo compiles as the devicetree class compiles overlays"
	else
		notok_log "Yocto: overlay $dts (named in the bbappend)" "$yo/dt/$n.log" 5
	fi
done
[ -n "$ovs" ] || notok "Yocto: the bbappend names no overlay (IMX_M7_RPROC_OVERLAYS)"
boot=$(sed -n 's/^IMX_M7_RPROC_OVERLAY_BOOT ?= "\(.*\)"$/\1/p' "$bbappend")
if grep -q "^TEZI_EXTERNAL_KERNEL_DEVICETREE_BOOT:remove:verdin-imx8mp = \"verdin-imx8mp_hmp_overlay.dtbo\"" "$bbappend" &&
   [ -n "$boot" ] && grep -qx "${boot%.dtbo}.dts" <<<"$ovs" &&
   grep -q "${boot%.dtbo}.dtbo" <(sed -n '/^TEZI_EXTERNAL_KERNEL_DEVICETREE:append/,/^"/p' "$bbappend"); then
	ok "Yocto: overlays.txt gets $boot, one of ours, and not Toradex's HMP overlay"
else
	notok "Yocto: the boot overlay list (TEZI_EXTERNAL_KERNEL_DEVICETREE_BOOT)" "boot: ${boot:-none}"
fi

# ---- (c) DKMS -----------------------------------------------------------------
dk=$out/dkms
before=$(find /var/lib/dkms 2>/dev/null | sort | md5sum)
if ! command -v dkms >/dev/null; then
	notok "DKMS: dkms is not installed (tests/deps.sh installs it)"
else
	mksrc "$dk/src/imx-m7-rproc-$version"
	cp "$top/contrib/dkms.conf" "$dk/src/imx-m7-rproc-$version/"
	mkdir -p "$dk/tree" "$dk/install"
	# Signing: keep any key dkms would make in the scratch tree.
	dkms_() {
		env sign_file=/nonexistent/sign-file mok_signing_key="$dk/mok.key" \
			mok_certificate="$dk/mok.pub" CROSS_COMPILE=$cross \
			dkms "$@" --dkmstree "$dk/tree" --sourcetree "$dk/src" --installtree "$dk/install"
	}
	if dkms_ add -m imx-m7-rproc -v "$version" >"$dk/add.log" 2>&1; then
		ok "DKMS: dkms add imx-m7-rproc/$version"
	else
		notok_log "DKMS: dkms add" "$dk/add.log"
	fi
	if dkms_ build -m imx-m7-rproc -v "$version" -k "$rel" -a aarch64 \
		--kernelsourcedir "$kb" >"$dk/build.log" 2>&1; then
		ko=$dk/tree/imx-m7-rproc/$version/$rel/aarch64/module/imx_m7_rproc.ko
		mlog=$dk/tree/imx-m7-rproc/$version/$rel/aarch64/log/make.log
		if [ -f "$ko" ]; then
			ok "DKMS: dkms build -a aarch64 (cross) gives imx_m7_rproc.ko"
			check_ko "DKMS" "$ko"
			if grep -q '^make -j' "$dk/build.log" && [ -f "$mlog" ] &&
			   ! grep -q 'jobserver unavailable' "$mlog"; then
				ok "DKMS: its make -j keeps the jobserver"
			else
				notok_log "DKMS: make -j and the jobserver" "$mlog" 5
			fi
		else
			notok_log "DKMS: dkms build succeeded but left no $ko" "$dk/build.log"
		fi
	else
		cat "$dk/tree/imx-m7-rproc/$version/build/make.log" >>"$dk/build.log" 2>/dev/null
		notok_log "DKMS: dkms build -a aarch64" "$dk/build.log" 25
	fi
	if grep -q 'strip' "$dk/build.log"; then
		notok "DKMS: the host strip ran on the arm64 module" "$(grep strip "$dk/build.log" | head -2)"
	else
		ok "DKMS: no host strip on the cross-built module (STRIP[0]=no)"
	fi
	# The control: the same build without STRIP[0]=no runs the host's strip,
	# which cannot read the module, and the check above sees it.
	mkdir -p "$dk/ctl/src" "$dk/ctl/tree"
	cp -a "$dk/src/imx-m7-rproc-$version" "$dk/ctl/src/"
	sed -i '/^\tSTRIP\[0\]="no"$/d' "$dk/ctl/src/imx-m7-rproc-$version/dkms.conf"
	env sign_file=/nonexistent/sign-file mok_signing_key="$dk/mok.key" \
		mok_certificate="$dk/mok.pub" CROSS_COMPILE=$cross \
		dkms build -m imx-m7-rproc -v "$version" -k "$rel" -a aarch64 \
		--kernelsourcedir "$kb" --dkmstree "$dk/ctl/tree" --sourcetree "$dk/ctl/src" \
		--installtree "$dk/install" >"$dk/ctl.log" 2>&1
	if grep -q 'strip' "$dk/ctl.log"; then
		ok "negative control: without STRIP[0]=no the host strip runs and fails: $(grep -m1 -o 'strip: [^`]*' "$dk/ctl.log")"
	else
		notok_log "negative control: without STRIP[0]=no no host strip was seen" "$dk/ctl.log" 5
	fi
	dkms_ build -m imx-m7-rproc -v "$version" -k "$rel" -a x86_64 \
		--kernelsourcedir "$kb" >"$dk/exclusive.log" 2>&1
	rc=$?
	if [ $rc = 77 ] && grep -q BUILD_EXCLUSIVE "$dk/exclusive.log"; then
		ok "DKMS: BUILD_EXCLUSIVE_ARCH refuses an x86_64 build (exit 77)"
	else
		notok_log "DKMS: an x86_64 build was not refused by BUILD_EXCLUSIVE_ARCH (exit $rc)" \
			"$dk/exclusive.log" 5
	fi
fi
after=$(find /var/lib/dkms 2>/dev/null | sort | md5sum)
if [ "$before" = "$after" ]; then
	ok "DKMS: the machine's /var/lib/dkms is as it was"
else
	notok "DKMS: /var/lib/dkms changed"
fi

exit $fail
