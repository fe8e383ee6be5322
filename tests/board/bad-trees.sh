#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The emulated board's DTB with the bad-tree catalogue on top:
#   tests/board/bad-trees.sh BOARD_DTB OUT_DTB
# BOARD_DTB is mkdtb.sh's (its labels: m7_ddr, m7_clk, m7_gpr, ...).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dtc -q -@ -I dts -O dtb -o "$tmp/bad-trees.dtbo" "$here/bad-trees.dtso"
fdtoverlay -i "$1" -o "$2" "$tmp/bad-trees.dtbo"
