#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fetch the newest mainline kernel source Debian packages and print the
# path of its tarball (linux-source-X.Y.tar.xz) on stdout.
# Usage: tests/kernel/mainline.sh            the tarball's path
#        tests/kernel/mainline.sh --label    only its label (e.g. 7.3)
#        tests/kernel/mainline.sh --apt ARGS run apt-get ARGS through the
#                                            private apt setup (e.g.
#                                            "source --download-only sparse")
#
# Debian's newest kernels are in trixie-backports and sid, which a Debian 12
# machine does not list, and old versions leave the archive. So this script
# keeps an apt setup of its own under ${XDG_CACHE_HOME:-~/.cache}/imx-m7-rproc/apt
# (sources list, package lists, apt's cache), refreshes its lists when they
# are older than MAINLINE_MAX_AGE seconds (default a day), picks the highest
# linux-source-X.Y any of those suites has, `apt-get download`s it and
# unpacks it with dpkg-deb -x into the cache. The machine's own apt setup
# (/etc/apt, /var/lib/apt, /var/cache/apt) is neither read for sources nor
# written. Progress and the chosen version go to stderr; any failure exits
# non-zero with one line saying why.
set -uo pipefail

cache=${XDG_CACHE_HOME:-$HOME/.cache}/imx-m7-rproc
apt=$cache/apt
max_age=${MAINLINE_MAX_AGE:-86400}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
mirror=${MAINLINE_MIRROR:-http://deb.debian.org/debian}

die() { echo "mainline.sh: $*" >&2; exit 1; }

mkdir -p "$apt/etc/preferences.d" "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/debs" ||
	die "cannot create $apt"
aptopts=(
	-o Dir::Etc::sourcelist="$apt/etc/sources.list"
	-o Dir::Etc::sourceparts=/nonexistent
	-o Dir::Etc::preferences="$apt/etc/preferences"
	-o Dir::Etc::preferencesparts="$apt/etc/preferences.d"
	-o Dir::State::Lists="$apt/lists"
	-o Dir::Cache="$apt/cache"
	-o APT::Sandbox::User=root
	-o APT::Architectures="$(dpkg --print-architecture)"
	-o Acquire::Languages=none
	-o Debug::NoLocking=1
)

# One refresh at a time; a fresh enough list is not fetched again.
exec 8>"$apt/lock"
flock 8
cat >"$apt/etc/sources.list.new" <<EOF
deb [signed-by=$keyring] $mirror trixie-backports main
deb [signed-by=$keyring] $mirror sid main
deb-src [signed-by=$keyring] $mirror sid main
deb-src [signed-by=$keyring] $mirror trixie main
EOF
mv "$apt/etc/sources.list.new" "$apt/etc/sources.list"
stamp=$apt/lists/.updated
if [ ! -f "$stamp" ] || [ $(( $(date +%s) - $(stat -c %Y "$stamp") )) -ge "$max_age" ]; then
	echo "mainline.sh: refreshing the package lists of trixie-backports and sid" >&2
	if ! apt-get "${aptopts[@]}" -qq update >"$apt/update.log" 2>&1 ||
	   grep -aq '^[WE]:' "$apt/update.log"; then
		die "apt-get update of trixie-backports/sid failed: $(grep -a '^[WE]:' "$apt/update.log" | head -1)"
	fi
	touch "$stamp"
fi

if [ "${1:-}" = --apt ]; then
	shift
	cmd=apt-get
	case ${1:-} in policy|showsrc|show|madison) cmd=apt-cache ;; esac
	exec "$cmd" "${aptopts[@]}" "$@"
fi

# The choice made since the last refresh stands until the next one.
chosen=$apt/chosen
if [ -s "$chosen" ] && [ "$chosen" -nt "$stamp" ]; then
	read -r ver pkgver <"$chosen"
	tarball=$apt/debs/linux-source-$ver-$pkgver/usr/src/linux-source-$ver.tar.xz
	if [ -f "$apt/debs/linux-source-$ver-$pkgver/.unpacked" ]; then
		[ "${1:-}" = --label ] && { echo "$ver"; exit 0; }
		echo "$tarball"
		exit 0
	fi
fi

# The highest X.Y any suite has as linux-source-X.Y (a real package, with
# a version: not only a name something else provides).
pkgs=$(apt-cache "${aptopts[@]}" pkgnames linux-source- 2>/dev/null |
	grep -E '^linux-source-[0-9]+\.[0-9]+$' | sort -V)
ver= pkgver=
for p in $(tac <<<"$pkgs"); do
	v=$(apt-cache "${aptopts[@]}" policy "$p" 2>/dev/null | awk '$1 == "Candidate:" { print $2 }')
	if [ -n "$v" ] && [ "$v" != "(none)" ]; then
		ver=${p#linux-source-} pkgver=$v
		break
	fi
done
[ -n "$ver" ] || die "no linux-source-X.Y package in trixie-backports or sid (see $apt/update.log)"


# Unpacked once per package version; older versions are dropped.
dst=$apt/debs/linux-source-$ver-$pkgver
tarball=$dst/usr/src/linux-source-$ver.tar.xz
if [ ! -f "$dst/.unpacked" ]; then
	echo "mainline.sh: newest Debian mainline is linux-source-$ver $pkgver: downloading" >&2
	tmp=$(mktemp -d "$apt/debs/.tmp.XXXXXX") || die "mktemp failed"
	trap 'rm -rf "$tmp"' EXIT
	(cd "$tmp" && apt-get "${aptopts[@]}" -qq download "linux-source-$ver=$pkgver") \
		>"$apt/download.log" 2>&1 ||
		die "apt-get download linux-source-$ver=$pkgver failed: $(grep -a '^[WE]:' "$apt/download.log" | head -1)"
	deb=$(ls "$tmp"/linux-source-"$ver"_*.deb 2>/dev/null | head -1)
	[ -n "$deb" ] || die "apt-get download left no linux-source-${ver}_*.deb"
	dpkg-deb -x "$deb" "$tmp/x" || die "dpkg-deb -x $(basename "$deb") failed"
	[ -f "$tmp/x/usr/src/linux-source-$ver.tar.xz" ] ||
		die "$(basename "$deb") has no usr/src/linux-source-$ver.tar.xz"
	touch "$tmp/x/.unpacked"
	rm -rf "$dst"
	mv "$tmp/x" "$dst" || die "cannot move the unpacked package to $dst"
	for old in "$apt/debs/linux-source-"*; do
		[ "$old" = "$dst" ] || rm -rf "$old"
	done
fi
echo "$ver $pkgver" >"$chosen"
echo "mainline.sh: Debian mainline: linux-source-$ver $pkgver ($tarball)" >&2
[ "${1:-}" = --label ] && { echo "$ver"; exit 0; }
echo "$tarball"
