#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The emulated M7 RPMsg endpoint (tests/lib/m7_endpoint.py) against a
# Linux side played in Python on a sparse RAM file: no QEMU, no kernel.
# Name-service announcements, echo of every size, a stream, the errors it
# must count, reboot detection, 100 start/stop cycles and nothing written
# before DRIVER_OK (tests/lib/test_m7_endpoint.py). TAP-style lines;
# exit 1 on failure.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/build/endpoint
label=
mkdir -p "$out"
. "$top/tests/lib/suite.sh"

python3 "$top/tests/lib/test_m7_endpoint.py" --keep "$out/work" || fail=1
exit $fail
