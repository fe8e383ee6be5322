#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Host check of tests/guest/rpmsg-test.c, built for the host: its tty
path against a pseudo-terminal whose other side echoes like the M7 (and,
as negative controls, corrupts a byte or stays silent), and its wait
command. The message-device path and copy need the guest.

  test_rpmsg_test.py RPMSG_TEST_BINARY
Prints TAP-style lines; exits 1 if any failed.
"""
import os
import subprocess
import sys
import tempfile
import threading
import time
import tty

fails = 0


def ok(cond, what, *detail):
    global fails
    print(f"{'ok' if cond else 'not ok'} - rpmsg-test: {what}")
    if not cond:
        fails += 1
        for d in detail:
            print(f"    {d}")


def echoer(master, corrupt_at=None, silent=False, stop=None):
    """The M7 side of the pty: send back every byte, maybe one changed."""
    seen = 0
    while not stop.is_set():
        try:
            data = os.read(master, 4096)
        except OSError:
            return
        if silent:
            continue
        if corrupt_at is not None and seen <= corrupt_at < seen + len(data):
            b = bytearray(data)
            b[corrupt_at - seen] ^= 0x40
            data = bytes(b)
        seen += len(data)
        os.write(master, data)


def run_echo(binary, n, **kw):
    master, slave = os.openpty()
    tty.setraw(master)
    name = os.ttyname(slave)
    stop = threading.Event()
    t = threading.Thread(target=echoer, args=(master,), kwargs=dict(stop=stop, **kw),
                         daemon=True)
    t.start()
    env = dict(os.environ, RPMSG_TEST_TIMEOUT_MS="500")
    p = subprocess.run([binary, "echo", name, str(n)], capture_output=True,
                       text=True, timeout=60, env=env)
    stop.set()
    os.close(slave)
    os.close(master)
    fields = {}
    for line in p.stdout.splitlines():
        if line.startswith("RPMSG-ECHO "):
            fields = dict(kv.split("=", 1) for kv in line.split()[1:])
    return p.returncode, fields, p.stdout + p.stderr


def main():
    binary = sys.argv[1]
    n = 600
    rc, f, out = run_echo(binary, n)
    want = sum(1 + i % 496 for i in range(n))
    ok(rc == 0 and f.get("ok") == str(n) and f.get("bad") == "0" and
       f.get("bytes") == str(want),
       f"echo over a pty: {n} messages, {want} bytes, raw mode", out)
    rc, f, out = run_echo(binary, 50, corrupt_at=1000)
    ok(rc == 1 and f.get("bad") == "1" and f.get("ok") == "49",
       "echo: one corrupted byte is one bad message, exit 1", out)
    rc, f, out = run_echo(binary, 5, silent=True)
    ok(rc == 1 and f.get("timeout") == "1" and "no echo from the tty" in out,
       "echo: no answer is a timeout, exit 1", out)

    with tempfile.TemporaryDirectory() as d:
        later = os.path.join(d, "rpmsg0")
        threading.Timer(0.3, lambda: open(later, "w").close()).start()
        t0 = time.monotonic()
        p = subprocess.run([binary, "wait", os.path.join(d, "rpmsg*"), "5"],
                           capture_output=True, text=True, timeout=20)
        ok(p.returncode == 0 and f"found={later}" in p.stdout and
           time.monotonic() - t0 < 4, "wait: a node that appears later",
           p.stdout + p.stderr)
        p = subprocess.run([binary, "wait", os.path.join(d, "tty*"), "1"],
                           capture_output=True, text=True, timeout=20)
        ok(p.returncode == 1 and "timeout=1" in p.stdout,
           "wait: a node that never appears is exit 1", p.stdout + p.stderr)
    p = subprocess.run([binary, "stream", "/dev/null", "0", "1"],
                       capture_output=True, text=True)
    ok(p.returncode == 2, "a count of 0 is a usage error (exit 2)", p.stderr)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
