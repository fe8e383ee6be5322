#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The one list of Debian packages imx-m7-rproc's builds and tests need.
# Run as root on Debian 12 it installs what is missing; otherwise it prints
# the apt-get line to run and fails.
set -euo pipefail

pkgs=(
	make gcc libc6-dev python3 perl git xz-utils file bsdextrautils
	flex bison bc libssl-dev libelf-dev cpio kmod rsync
	linux-source-6.1 linux-source-6.12
	gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev-arm64-cross
	qemu-system-arm
	device-tree-compiler dt-schema libfdt-dev
	gcc-arm-none-eabi libnewlib-arm-none-eabi binutils-arm-none-eabi
	sparse clang libclang-rt-14-dev valgrind
	dkms python3-yaml
	# tests/kernel/mainline.sh and sparse.sh: Debian's archive keys for
	# trixie-backports and sid, dpkg-source for sparse's source package.
	debian-archive-keyring dpkg-dev
)

missing=()
for p in "${pkgs[@]}"; do
	[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
done
# Debian's arm64 busybox for the guest's initramfs, kept as a .deb in the cache.
cache=${XDG_CACHE_HOME:-$HOME/.cache}/imx-m7-rproc
bb=$cache/busybox-arm64/bin/busybox
need_bb=0
[ -x "$bb" ] || need_bb=1

if [ ${#missing[@]} = 0 ] && [ $need_bb = 0 ]; then
	exit 0
fi

if [ "$(id -u)" != 0 ]; then
	[ ${#missing[@]} = 0 ] || echo "deps: missing packages; run: sudo apt-get install ${missing[*]}" >&2
	[ $need_bb = 0 ] || echo "deps: missing arm64 busybox; run as root: dpkg --add-architecture arm64 && apt-get update, then make check again" >&2
	exit 1
fi

export DEBIAN_FRONTEND=noninteractive
if [ $need_bb = 1 ] && ! grep -qx arm64 <<<"$(dpkg --print-foreign-architectures)"; then
	dpkg --add-architecture arm64
fi
[ $need_bb = 1 ] && missing_bb=busybox-static:arm64 || missing_bb=
echo "deps: installing ${missing[*]:-} $missing_bb" >&2
apt-get update -qq
[ ${#missing[@]} = 0 ] || apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
if [ $need_bb = 1 ]; then
	tmp=$(mktemp -d)
	(cd "$tmp" && apt-get download -qq -o APT::Sandbox::User=root busybox-static:arm64)
	rm -rf "$cache/busybox-arm64" && mkdir -p "$cache/busybox-arm64/bin"
	dpkg -x "$tmp"/busybox-static_*_arm64.deb "$tmp/x"
	cp "$tmp/x/bin/busybox" "$bb"
	rm -rf "$tmp"
fi
