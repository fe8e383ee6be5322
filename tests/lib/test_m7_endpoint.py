#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Host-only self-test of tests/lib/m7_endpoint.py: no QEMU. A sparse RAM
file stands in for the guest's; this script plays a minimal Linux side
(what remoteproc_virtio.c and virtio_rpmsg_bus.c do: vrings laid out as
vring_init(), 512-byte buffers in vdev0buffer, rx buffers posted in vring0,
gfeatures and status written into the loaded table, kicks through the MU
stand-in page) and runs the endpoint as a subprocess, as the board does.

Prints TAP-style "ok - ..." / "not ok - ..." lines; exits 1 if any failed.
  test_m7_endpoint.py [--keep DIR] [--cycles N]
"""
import argparse
import json
import os
import signal
import struct
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import m7_endpoint as ep  # noqa: E402

RAM_SIZE = 2 << 30
ITCM_PA = 0x7E000000
RSC_DA = 0x400                  # in ITCM, as rsc.elf has it
RSC_PA = ITCM_PA + RSC_DA
RSC_CARVEOUT = 0x550FF000       # where an attached M7 publishes its table
GPR22 = 0x7E300058
MU = 0x7E302000
CHAN = 1
VRING0, VRING1 = 0x55000000, 0x55008000
BUF = 0x55400000
NUM = 256
ALIGN = 0x1000
BUF_SIZE = 512
TX_BUFS = BUF + NUM * BUF_SIZE  # the second half, as rpmsg_probe() splits
TTY, RAW = 0x1E, 0x1F
LOCAL_TTY, LOCAL_RAW = 0x400, 0x401   # Linux's dynamic addresses (>= 1024)
# struct resource_table + one offset, then the vdev entry
VDEV_OFF = 20
TABLE_LEN = VDEV_OFF + 4 + 24 + 2 * 20

fails = 0


def ok(cond, what, *detail):
    global fails
    if cond:
        print(f"ok - endpoint: {what}")
    else:
        fails += 1
        print(f"not ok - endpoint: {what}")
        for d in detail:
            print(f"    {d}")
    return cond


class Timeout(Exception):
    pass


def wait_for(cond, timeout=5.0, what="condition"):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        v = cond()
        if v:
            return v
        time.sleep(0.00005)
    raise Timeout(f"timed out after {timeout}s waiting for {what}")


class DriverRing:
    """The driver's view of one split ring (vring_init layout)."""

    def __init__(self, mem, pa, num=NUM, align=ALIGN):
        self.mem, self.pa, self.num = mem, pa, num
        self.avail = pa + 16 * num
        self.used = (self.avail + 4 + 2 * num + 2 + align - 1) & ~(align - 1)
        self.size = self.used + 4 + 8 * num + 2 - pa
        self.avail_idx = 0
        self.last_used = 0

    def zero(self):
        self.mem.write(self.pa, bytes(self.size))

    def set_desc(self, i, addr, length, flags):
        self.mem.write(self.pa + 16 * i, struct.pack("<QIHH", addr, length, flags, 0))

    def post(self, head):
        self.mem.w16(self.avail + 4 + 2 * (self.avail_idx % self.num), head)
        self.avail_idx = (self.avail_idx + 1) & 0xFFFF
        self.mem.w16(self.avail + 2, self.avail_idx)

    def used_entries(self):
        out = []
        idx = self.mem.u16(self.used + 2)
        while self.last_used != idx:
            slot = self.last_used % self.num
            out.append(struct.unpack("<II", self.mem.read(self.used + 4 + 8 * slot, 8)))
            self.last_used = (self.last_used + 1) & 0xFFFF
        return out


class FakeLinux:
    """What the guest kernel does to the shared memory."""

    def __init__(self, mem, rsc_pa=RSC_PA):
        self.mem, self.rsc_pa = mem, rsc_pa
        self.kicks_made = 0
        self.kicks_acked = 0    # M7 -> Linux kicks we consumed
        self.seq = 0

    def firmware_table(self, ver=1):
        """The table as the driver loads it from the ELF: status 0."""
        t = struct.pack("<IIII I", ver, 1, 0, 0, VDEV_OFF)
        t += struct.pack("<I IIIII BBBB", ep.RSC_VDEV, ep.VIRTIO_ID_RPMSG, 0,
                         1 << ep.VIRTIO_RPMSG_F_NS, 0, 0, 0, 2, 0, 0)
        for _ in range(2):
            t += struct.pack("<IIIII", 0xFFFFFFFF, ALIGN, NUM, 0xFFFFFFFF, 0)
        assert len(t) == TABLE_LEN
        self.mem.write(self.rsc_pa, t)

    def status_pa(self):
        return self.rsc_pa + VDEV_OFF + 4 + 20

    def set_status(self, v):
        self.mem.write(self.status_pa(), bytes([v]))

    def release(self, held=False):
        self.mem.w32(GPR22, 1 if held else 0)

    def setup_vrings(self, gfeatures=1, driver_ok=True, status=True):
        """rp_find_vq() and rpmsg_probe(): zeroed vrings, rx buffers in
        vring0, vring da and notifyids in the table, then DRIVER_OK and a
        kick of vring0. status=False leaves the status byte alone."""
        self.rx, self.tx = DriverRing(self.mem, VRING0), DriverRing(self.mem, VRING1)
        self.rx.zero()
        self.tx.zero()
        for i in range(NUM):
            self.rx.set_desc(i, BUF + i * BUF_SIZE, BUF_SIZE, ep.VRING_DESC_F_WRITE)
            self.rx.post(i)
        self.free_tx = list(range(NUM))
        # virtqueue_disable_cb(svq): no "tx complete" interrupts wanted
        self.mem.w16(self.tx.avail, ep.VRING_AVAIL_F_NO_INTERRUPT)
        vd = self.rsc_pa + VDEV_OFF + 4
        self.mem.w32(vd + 12, gfeatures)
        for i, da in enumerate((VRING0, VRING1)):
            self.mem.w32(vd + 24 + 20 * i, da)
            self.mem.w32(vd + 24 + 20 * i + 12, i)
        self.received = []
        if status:
            self.set_status(1 | 2 | 8)
        if driver_ok:
            self.driver_ok()

    def driver_ok(self, kick=True):
        self.set_status(1 | 2 | 8 | 4)
        if kick:
            self.kick(0)

    def kick(self, nid, timeout=5.0):
        """As the driver's mailbox client (tx_block): post VAL, bump SEQ,
        and wait until the M7 side has acknowledged it."""
        tx = MU + 0x10 * CHAN
        self.mem.w32(tx + 4, nid << 16)
        self.seq = (self.mem.u32(tx) + 1) & 0xFFFFFFFF
        self.mem.w32(tx, self.seq)
        self.kicks_made += 1
        wait_for(lambda: self.mem.u32(tx + 8) == self.seq, timeout,
                 "MU TX ACK")

    def pump(self):
        """The guest's rx work: ack an M7 kick, take used rx buffers (and
        post them again), reclaim tx buffers. Returns messages taken."""
        rx = MU + 0x100 + 0x10 * CHAN
        seq = self.mem.u32(rx)
        if self.mem.u32(rx + 8) != seq:
            self.mem.w32(rx + 8, seq)
            self.kicks_acked += 1
        got = []
        for head, length in self.rx.used_entries():
            addr = BUF + head * BUF_SIZE
            src, dst, _r, mlen, _f = ep.RPMSG_HDR.unpack(self.mem.read(addr, 16))
            got.append((src, dst, self.mem.read(addr + 16, mlen), length))
            self.rx.post(head)
        for head, _length in self.tx.used_entries():
            self.free_tx.append(head)
        if got:
            self.kick(0)
        self.received += got
        return got

    def send(self, src, dst, payload, addr=None, kick=True):
        head = self.free_tx.pop(0)
        a = TX_BUFS + head * BUF_SIZE
        self.mem.write(a, ep.RPMSG_HDR.pack(src, dst, 0, len(payload), 0) + payload)
        self.tx.set_desc(head, addr if addr is not None else a,
                         16 + len(payload), 0)
        self.tx.post(head)
        if kick:
            self.kick(1)

    def wait_msgs(self, n, timeout=5.0):
        """Pump until n more messages arrived; return them."""
        start = len(self.received)
        wait_for(lambda: (self.pump(), len(self.received) - start >= n)[1],
                 timeout, f"{n} message(s) from the M7")
        return self.received[start:start + n]

    def shutdown(self):
        """rproc_stop(): virtio reset (status 0), then the M7 held."""
        self.set_status(0)
        self.release(held=True)


def snapshot(mem):
    return (mem.read(MU, 0x200), mem.read(VRING0, 0x10000),
            mem.read(BUF, 0x100000), mem.read(RSC_PA, TABLE_LEN),
            mem.read(RSC_CARVEOUT, TABLE_LEN))


def untouched(mem, lx, secs, what):
    before = snapshot(mem)
    time.sleep(secs)
    after = snapshot(mem)
    names = ("MU page", "vrings", "buffers", "table", "rsc-table carve-out")
    diff = [n for n, b, a in zip(names, before, after) if b != a]
    return ok(not diff, f"nothing written {what}", f"changed: {diff}")


def ns_check(msgs, what):
    want = {("rpmsg-tty", TTY), ("rpmsg-raw", RAW)}
    got = set()
    bad = []
    for src, dst, data, length in msgs:
        if dst != ep.RPMSG_NS_ADDR or len(data) != 40 or length != 56:
            bad.append(f"src 0x{src:x} dst {dst} len {len(data)} used {length}")
            continue
        name, addr, flags = ep.RPMSG_NS.unpack(data)
        name = name.rstrip(b"\0").decode()
        if flags != 0 or src != addr:
            bad.append(f"{name}: addr 0x{addr:x} flags {flags} src 0x{src:x}")
        got.add((name, addr))
    return ok(got == want and not bad, f"{what}: name service announces "
              f"rpmsg-tty at 0x1e and rpmsg-raw at 0x1f",
              f"got {sorted(got)}", *bad)


def payload(i, size):
    return bytes((i * 31 + j * 5 + 3) & 0xFF for j in range(size))


def start_endpoint(tmp, memfile, *extra, table=None):
    """The endpoint as the board runs it, with --plan (the table in ITCM
    at da 0x400) unless table gives other arguments."""
    plan = os.path.join(tmp, "plan.json")
    json.dump({"verdict": "accepted",
               "resource_table": {"da": RSC_DA, "len": TABLE_LEN},
               # as m7-preflight --dtb lists the board's regions
               "regions": [{"name": n, "da": pa, "pa": pa, "size": size,
                            "load": True, "alias": False}
                           for n, pa, size in (("vdev0vring0", VRING0, 0x8000),
                                               ("vdev0vring1", VRING1, 0x8000),
                                               ("vdev0buffer", BUF, 0x100000))]
               + [{"name": "itcm", "da": 0, "pa": ITCM_PA, "size": 0x20000,
                   "load": True, "alias": False}]},
              open(plan, "w"))
    name = os.path.basename(memfile)
    stats = os.path.join(tmp, f"{name}.stats.json")
    log = os.path.join(tmp, f"{name}.endpoint.log")
    cmd = [sys.executable, os.path.join(HERE, "m7_endpoint.py"), memfile,
           *(table or ["--plan", plan]), "--mu-pa", hex(MU), "--mu-chan", str(CHAN),
           "--gpr-pa", hex(GPR22), "--stats", stats, "--log", log,
           "--poll-us", "100", *extra]
    return subprocess.Popen(cmd), stats, log


def new_ram(tmp, name):
    memfile = os.path.join(tmp, name)
    with open(memfile, "wb") as f:
        f.truncate(RAM_SIZE)
    return memfile, ep.GuestMem(memfile)


def run(tmp, cycles):
    memfile, mem = new_ram(tmp, "mem")
    lx = FakeLinux(mem)
    lx.firmware_table()
    lx.release(held=True)
    proc, stats_path, log = start_endpoint(tmp, memfile)
    try:
        body(mem, lx, cycles)
    except Timeout as e:
        ok(False, "the exchange went on", str(e))
    finally:
        proc.send_signal(signal.SIGTERM)
        rc = proc.wait(10)
    ok(rc == 1, f"SIGTERM: endpoint exits 1, errors were counted (got {rc})")
    try:
        stats = json.load(open(stats_path))
    except (OSError, ValueError) as e:
        ok(False, "stats JSON written at exit", str(e))
        return
    ok(True, "stats JSON written at exit")
    check_stats(stats, lx, cycles)
    if fails:
        print("    endpoint log (end):")
        for line in open(log).read().splitlines()[-30:]:
            print(f"    {line}")


def body(mem, lx, cycles):
    # ---- before serving: nothing written -----------------------------------
    lx.setup_vrings(driver_ok=False)    # a table with DRIVER_OK, M7 held
    lx.driver_ok(kick=False)
    untouched(mem, lx, 0.2, "while the M7 is held (table has DRIVER_OK)")
    lx.set_status(0)
    lx.release()
    lx.setup_vrings(driver_ok=False)
    untouched(mem, lx, 0.2, "while released, before DRIVER_OK")
    mem.w32(RSC_PA, 2)
    time.sleep(0.01)    # no poll may see version 1 with the new status
    lx.set_status(1 | 2 | 8 | 4)
    untouched(mem, lx, 0.2, "while the table says version 2 (DRIVER_OK set)")
    lx.set_status(1 | 2 | 8)
    time.sleep(0.01)
    mem.w32(RSC_PA, 1)

    # ---- boot 1 ------------------------------------------------------------
    lx.driver_ok()
    ns_check(lx.wait_msgs(2), "boot 1")

    bad = []
    for size in range(1, ep.MAX_PAYLOAD + 1):
        for local, remote in ((LOCAL_TTY, TTY), (LOCAL_RAW, RAW)):
            data = payload(size, size)
            lx.send(local, remote, data)
            (src, dst, got, length), = lx.wait_msgs(1)
            if (src, dst, got, length) != (remote, local, data, 16 + size):
                bad.append(f"size {size} to 0x{remote:x}: src 0x{src:x} dst "
                           f"0x{dst:x} len {len(got)} used {length}")
    ok(not bad, "echo of every size 1..496 on both channels (992 messages)",
       *bad[:5])
    wait_for(lambda: (lx.pump(), len(lx.free_tx) == NUM)[1], 2,
             "every tx buffer back")
    ok(True, "every tx buffer came back in vring1's used ring")

    # Many in flight: 200 messages posted before one kick.
    for i in range(200):
        lx.send(LOCAL_RAW, RAW, payload(i, 100), kick=False)
    lx.kick(1)
    got = lx.wait_msgs(200)
    ok([g[2] for g in got] == [payload(i, 100) for i in range(200)],
       "200 messages behind one kick come back in order")

    # Stream: M7-initiated messages in the known pattern.
    count, size = 1000, 300
    lx.send(LOCAL_RAW, RAW, ep.STREAM_REQ.pack(ep.STREAM_MAGIC, count, size))
    got = lx.wait_msgs(count, timeout=20)
    want = [ep.stream_payload(i, size) for i in range(count)]
    ok([g[2] for g in got] == want and all(g[:2] == (RAW, LOCAL_RAW) for g in got),
       f"stream: {count} messages of {size} bytes in the pattern")
    ok(ep.stream_payload(0x01020304, 6) == bytes([4, 3, 2, 1, 0x1c + 4, 0x1c + 5]),
       "stream payload: index LE, then (i * 7 + j) & 0xff")

    # Errors that must be counted: to nobody, a buffer outside vdev0buffer.
    lx.send(LOCAL_RAW, 0x99, b"to nobody")
    lx.send(LOCAL_RAW, RAW, b"x" * 8, addr=0x7E000000)
    lx.send(LOCAL_TTY, TTY, b"after")
    (src, dst, got, _l), = lx.wait_msgs(1)
    ok(got == b"after", "echo goes on after a message to nobody and a bad "
       "descriptor")

    # ---- vrings re-initialised with DRIVER_OK kept: a new boot ------------
    lx.setup_vrings(status=False, driver_ok=False)
    lx.kick(0)
    ns_check(lx.wait_msgs(2), "vrings re-initialised, DRIVER_OK kept: a new boot")

    # ---- an avail index that jumps: counted, ring given up ------------------
    lx.tx.avail_idx = (lx.tx.avail_idx + 1000) & 0xFFFF
    mem.w16(lx.tx.avail + 2, lx.tx.avail_idx)
    lx.kick(1)
    time.sleep(0.05)
    lx.shutdown()
    untouched(mem, lx, 0.1, "after the M7 is held again")

    # ---- start/stop cycles ----------------------------------------------------
    bad = []
    t0 = time.monotonic()
    for c in range(cycles):
        lx.release()
        lx.setup_vrings()
        msgs = lx.wait_msgs(2)
        names = sorted(ep.RPMSG_NS.unpack(m[2])[0].rstrip(b"\0") for m in msgs)
        if names != [b"rpmsg-raw", b"rpmsg-tty"]:
            bad.append(f"cycle {c}: announcements {names}")
        data = payload(c, 1 + c % 496)
        lx.send(LOCAL_TTY, TTY, data)
        if lx.wait_msgs(1)[0][2] != data:
            bad.append(f"cycle {c}: echo differs")
        lx.shutdown()
        if c % 25 == 0:
            before = snapshot(mem)
            time.sleep(0.01)
            if snapshot(mem) != before:
                bad.append(f"cycle {c}: memory written while held")
    ok(not bad, f"{cycles} start/stop cycles: announcements and echo each "
       f"time, nothing written while held "
       f"({time.monotonic() - t0:.1f}s)", *bad[:5])
    lx.cycles_done = cycles
    time.sleep(0.05)    # let the endpoint see the last hold


def check_stats(st, lx, cycles):
    # boots: 1, re-init, cycles
    boots = 2 + getattr(lx, "cycles_done", 0)
    ok(st["boots"] == boots, f"stats: boots {st['boots']} == {boots}")
    ok(st["ns_sent"] == 2 * boots, f"stats: ns_sent {st['ns_sent']} == {2 * boots}")
    tty, raw = st["channels"]["rpmsg-tty"], st["channels"]["rpmsg-raw"]
    sizes = sum(range(1, 497))
    cyc = sum(1 + c % 496 for c in range(cycles))
    want_tty = (496 + 1 + cycles, sizes + 5 + cyc)
    ok((tty["received"], tty["received_bytes"]) == want_tty and
       (tty["echoed"], tty["echoed_bytes"]) == want_tty,
       f"stats: rpmsg-tty rx/echo {want_tty}", json.dumps(tty))
    want_raw = (496 + 200, sizes + 200 * 100)
    ok((raw["echoed"], raw["echoed_bytes"]) == want_raw and
       raw["received"] == 496 + 200 + 1 and raw["stream_requests"] == 1 and
       (raw["streamed"], raw["streamed_bytes"]) == (1000, 300000),
       "stats: rpmsg-raw rx/echo/stream", json.dumps(raw))
    ok(st["kicks_received"] == lx.kicks_made,
       f"stats: kicks_received {st['kicks_received']} == kicks made "
       f"{lx.kicks_made}")
    ok(lx.kicks_acked <= st["kicks_sent"] <= lx.kicks_acked + 1,
       f"stats: kicks_sent {st['kicks_sent']} == kicks consumed "
       f"{lx.kicks_acked} (+1 pending)")
    errs = st["errors"]
    want = [("no address of ours", "to nobody"),
            ("outside the buffer memory", "bad descriptor address"),
            ("entries past", "ring index jump")]
    for needle, what in want:
        ok(sum(needle in e for e in errs) == 1, f"stats: error for {what}",
           *errs)
    ok(st["error_count"] == len(errs) == 3,
       f"stats: exactly those 3 errors (got {st['error_count']})", *errs)
    ok(set(st) >= {"kicks_coalesced", "session_ends", "tx_buffers_returned",
                   "polls", "poll_gap_max_us",
                   "rx_buffers_filled", "serving"} and st["serving"] is False,
       "stats: every counter present, not serving at exit")


def run_clean(tmp):
    """The table in the rsc-table carve-out (--rsc-pa), no error at all:
    the endpoint exits 0 at SIGTERM and counts nothing wrong."""
    memfile, mem = new_ram(tmp, "mem-clean")
    lx = FakeLinux(mem, RSC_CARVEOUT)
    lx.firmware_table()
    lx.release()
    proc, stats_path, _log = start_endpoint(
        tmp, memfile, table=["--rsc-pa", hex(RSC_CARVEOUT), "--rsc-len",
                             str(TABLE_LEN)])
    try:
        lx.setup_vrings()
        ns_check(lx.wait_msgs(2), "--rsc-pa 0x550ff000")
        data = [payload(i, 1 + i * 37 % 496) for i in range(50)]
        for d in data:
            lx.send(LOCAL_TTY, TTY, d)
        got = lx.wait_msgs(50)
        ok([g[2] for g in got] == data, "--rsc-pa: 50 echoes")
    except Timeout as e:
        ok(False, "--rsc-pa: the exchange went on", str(e))
    finally:
        proc.send_signal(signal.SIGINT)
        rc = proc.wait(10)
    st = json.load(open(stats_path))
    ok(rc == 0 and st["error_count"] == 0 and st["boots"] == 1,
       f"--rsc-pa: SIGINT, exit {rc}, {st['error_count']} errors, "
       f"{st['boots']} boot", *st["errors"])


def run_outside(tmp):
    """Negative control of the bounds checks: with --buf-mem elsewhere,
    Linux's rx buffers are outside it; nothing may be written into them,
    the ring is given up with an error naming the buffer, and --timeout
    ends the endpoint with exit 1."""
    memfile, mem = new_ram(tmp, "mem-outside")
    lx = FakeLinux(mem)
    lx.firmware_table()
    lx.release()
    proc, stats_path, _log = start_endpoint(
        tmp, memfile, "--buf-mem", "0x55500000:0x100000", "--timeout", "1")
    try:
        lx.setup_vrings()
        time.sleep(0.2)
        lx.pump()
        ok(not lx.received and mem.read(BUF, NUM * BUF_SIZE) == bytes(NUM * BUF_SIZE),
           "rx buffers outside --buf-mem: no message, nothing written in them")
    except Timeout as e:
        ok(False, "--buf-mem: kicks acknowledged", str(e))
    rc = proc.wait(10)
    st = json.load(open(stats_path))
    want = "vring0 buffer 0x55400000 len 512: outside the buffer memory"
    ok(rc == 1 and st["error_count"] == 1 and want in st["errors"][0],
       f"--timeout 1: exit {rc}, the error names the buffer", *st["errors"])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--keep", help="work directory to keep (default: a temporary one)")
    p.add_argument("--cycles", type=int, default=100)
    a = p.parse_args()
    if a.keep:
        os.makedirs(a.keep, exist_ok=True)
        tmp = a.keep
    else:
        tmp = tempfile.mkdtemp()
    try:
        run(tmp, a.cycles)
        run_clean(tmp)
        run_outside(tmp)
    finally:
        for f in ("mem", "mem-clean", "mem-outside"):
            # 2 GiB sparse files: never leave them behind
            if os.path.exists(os.path.join(tmp, f)):
                os.unlink(os.path.join(tmp, f))
        if not a.keep:
            shutil.rmtree(tmp)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
