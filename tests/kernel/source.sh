# SPDX-License-Identifier: GPL-2.0
#
# Sourced by tests/kernel/*.sh and dts/kernel-dt-src.sh: which sources a
# kernel label names. Labels:
#
#   X.Y         Debian's linux-source-X.Y: bookworm's /usr/src tarball when
#               the machine has it (6.1, 6.12), else the newest mainline
#               Debian packages (tests/kernel/mainline.sh, e.g. 7.3).
#   X.Y.Z[EXTRA] a user's tree given as KSRC=/path (a tarball or a
#               directory): the label is the tree's own `make kernelversion`
#               (VERSION.PATCHLEVEL.SUBLEVEL EXTRAVERSION of its Makefile),
#               always three numbers, so never one of Debian's labels.
#               Each KSRC seen is remembered under $cache/ksrc/LABEL, so
#               the label alone finds the tree again later.
#
# ksrc_resolve LABEL sets kind (tarball or dir), path, and tar_id (a
# tarball's identity: size-mtime), or prints one line why not and fails.
# The caller sets $cache.

# ksrc_version_of MAKEFILE-TEXT: VERSION.PATCHLEVEL.SUBLEVEL EXTRAVERSION.
ksrc_version_of() {
	awk -F'[ \t]*=[ \t]*' '
		$1 == "VERSION" { v = $2 } $1 == "PATCHLEVEL" { p = $2 }
		$1 == "SUBLEVEL" { s = $2 } $1 == "EXTRAVERSION" { e = $2 }
		$1 == "NAME" { exit }
		END { if (v != "" && p != "") printf "%s.%s.%s%s\n", v, p, (s == "" ? 0 : s), e }'
}

# ksrc_label PATH: the label of a user's tree (tarball or directory).
ksrc_label() {
	local p=$1 id f lbl

	if [ -d "$p" ]; then
		[ -f "$p/Makefile" ] && [ -f "$p/Kconfig" ] ||
			{ echo "KSRC=$p is no kernel source tree (no Makefile and Kconfig)" >&2; return 1; }
		lbl=$(ksrc_version_of <"$p/Makefile")
	elif [ -f "$p" ]; then
		id=$(stat -c '%s-%Y' "$p")
		f=$cache/ksrc/tar-$id.label
		if [ -s "$f" ]; then
			cat "$f"
			return 0
		fi
		echo "build.sh: reading the version of $p" >&2
		# The top-level Makefile only: one directory level, as in
		# kernel.org's and Debian's tarballs.
		# Once the version is read, tar dies of SIGPIPE: not a failure.
		lbl=$(tar -xOf "$p" --wildcards --no-wildcards-match-slash '*/Makefile' 2>/dev/null |
			ksrc_version_of) || true
		[ -n "$lbl" ] && { mkdir -p "$cache/ksrc" && echo "$lbl" >"$f"; }
	else
		echo "KSRC=$p: no such file or directory" >&2
		return 1
	fi
	[ -n "$lbl" ] || { echo "KSRC=$p: no VERSION/PATCHLEVEL in its top-level Makefile" >&2; return 1; }
	echo "$lbl"
}

# ksrc_register PATH: remember a user's tree under its label; prints it.
ksrc_register() {
	local p lbl

	p=$(realpath -e "$1") || { echo "KSRC=$1: no such file or directory" >&2; return 1; }
	lbl=$(ksrc_label "$p") || return 1
	mkdir -p "$cache/ksrc" && printf '%s\n' "$p" >"$cache/ksrc/$lbl"
	echo "$lbl"
}

ksrc_resolve() {
	local lbl=$1 m

	kind= path= tar_id=
	case $lbl in
	*/*|"") echo "bad kernel label '$lbl'" >&2; return 1 ;;
	[0-9]*.[0-9]*.*)
		# A user's tree: KSRC when it is this one, else the one
		# remembered under this label.
		if [ -n "${KSRC:-}" ] && [ "$(ksrc_register "$KSRC")" = "$lbl" ]; then
			path=$(realpath -e "$KSRC")
		elif [ -s "$cache/ksrc/$lbl" ]; then
			path=$(cat "$cache/ksrc/$lbl")
		else
			echo "kernel $lbl: no such user tree; give it as KSRC=/path/to/linux" >&2
			return 1
		fi
		[ -e "$path" ] || { echo "kernel $lbl: its tree $path is gone" >&2; return 1; } ;;
	[0-9]*.[0-9]*)
		path=/usr/src/linux-source-$lbl.tar.xz
		if [ ! -f "$path" ]; then
			m=$("$(dirname "${BASH_SOURCE[0]}")/mainline.sh") || return 1
			case $m in
			*/linux-source-"$lbl".tar.xz) path=$m ;;
			*) echo "kernel $lbl: not in /usr/src (apt-get install linux-source-$lbl) and not Debian's newest mainline ($(basename "$m" .tar.xz))" >&2
			   return 1 ;;
			esac
		fi ;;
	*) echo "bad kernel label '$lbl' (X.Y for Debian's, X.Y.Z for KSRC's)" >&2; return 1 ;;
	esac
	if [ -d "$path" ]; then
		kind=dir
	else
		kind=tarball
		tar_id=$(stat -c '%s-%Y' "$path")
	fi
}
