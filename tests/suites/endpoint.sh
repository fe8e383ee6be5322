#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The RPMsg test pieces that need no QEMU:
#  - the emulated M7 endpoint (tests/lib/m7_endpoint.py) against a Linux
#    side played in Python on a sparse RAM file: name-service
#    announcements, echo of every size, a stream, the errors it must
#    count, reboot detection, 100 start/stop cycles, nothing written
#    before DRIVER_OK (tests/lib/test_m7_endpoint.py);
#  - the guest program tests/guest/rpmsg-test.c: its arm64 static build
#    with -Werror, and a host build of it against a pseudo-terminal that
#    echoes like the M7 (tests/lib/test_rpmsg_test.py).
# TAP-style lines; exit 1 on failure.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/build/endpoint
label=
mkdir -p "$out"
. "$top/tests/lib/suite.sh"

python3 "$top/tests/lib/test_m7_endpoint.py" --keep "$out/work" || fail=1

if make -C "$top/tests/guest" >"$out/guest.log" 2>&1 &&
   file "$top/build/guest/rpmsg-test" | grep -q 'ARM aarch64.*statically linked'; then
	ok "rpmsg-test: static arm64 build with -Wall -Wextra -Werror"
else
	notok "rpmsg-test: static arm64 build with -Wall -Wextra -Werror"
	indent <"$out/guest.log"
fi
if make -C "$top/tests/guest" O="$out" host >"$out/host.log" 2>&1; then
	python3 "$top/tests/lib/test_rpmsg_test.py" "$out/rpmsg-test-host" || fail=1
else
	notok "rpmsg-test: host build"
	indent <"$out/host.log"
fi
exit $fail
