#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Host side of the emulated board: guest RAM is a shared file, so the host
prepares it before boot and reads back what the driver wrote after power-off.

  board.py prep MEMFILE [--attach] [--ocram] [--publish PLAN.json FW.elf]
                                               pattern-fill the M7 memory,
                                               seed GPR22 and SRC_SCR; with
                                               --publish, put FW's resource
                                               table in the rsc-table
                                               carve-out, as a running M7
                                               that U-Boot started has it
  board.py regs MEMFILE                        print GPR22 and SRC_SCR
  board.py verify MEMFILE PLAN.json FW.elf [--ocram]
                                               every plan byte landed, every
                                               other byte kept its pattern
  board.py untouched MEMFILE [--ocram]         no byte of M7 memory changed
  board.py dump MEMFILE ITCM.bin DTCM.bin      the TCM stand-ins, raw
  board.py refill MEMFILE                      pattern-fill the M7 memory
                                               again, while the guest runs
                                               (the M7 held), for the next
                                               image of a qemu-run batch
  board.py poke MEMFILE PA VALUE               write a u32 (a handshake
                                               word the guest polls)

prep, verify and untouched take --soc imx8mm for the i.MX8M Mini's M4
board (mkdtb.sh --soc imx8mm): the TCM stand-ins named tcml and tcmu, no
GPR22, SRC_M4RCR seeded with the M4's stop value.

Addresses are those of tests/board/virt-m7.dtso and docs/testing.md.
"""
import hashlib
import json
import mmap
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
import cli  # noqa: E402
import rsc_table  # noqa: E402

RAM_BASE = 0x40000000
RAM_SIZE = 2 << 30
# name -> (CPU physical address, size) of each stand-in the board declares
REGIONS = {
    "itcm": (0x7E000000, 0x20000),
    "dtcm": (0x7E100000, 0x20000),
    "ocram": (0x7E200000, 0x80000),
    "ddr": (0x80000000, 0x1000000),
}
GPR_BASE, GPR22 = 0x7E300000, 0x58
MU_BASE = 0x7E302000
RSC_TABLE_BASE, RSC_TABLE_SIZE = 0x550FF000, 0x1000
SRC_BASE, SRC_SCR = 0x7E301000, 0x0C
# The tests' scratch area (not the M7's); its last page holds qemu-run's
# handshake word.
SCRATCH = (0x90000000, 0x2000000)
CPUWAIT = 0x1
# SRC_SCR M7 bits: ENABLE_M7 bit 3, SW_M7C_RST bit 1 (upstream imx_rproc)
SCR_STOPPED = 0x8 | 0x2
SCR_RUNNING = 0x8
# --soc imx8mm: the M4's TCMs are "tcml" and "tcmu" (the same stand-ins),
# and the M4 is held by SW_M4C_NON_SCLR_RST (bit 0) in SRC_M4RCR, at the
# same offset: held = its stop value 0xb, running = its start value 0xe.
M4_NAMES = {"itcm": "tcml", "dtcm": "tcmu"}
M4RCR_STOPPED = 0x8 | 0x2 | 0x1
M4RCR_RUNNING = 0x8 | 0x4 | 0x2
BLOCK = 4096
HIGH = bytes((x | 0x80) for x in range(256))


def pattern(pa, length):
    """Bytes that say where they are (never zero, different every block)."""
    out = bytearray()
    start = pa - pa % BLOCK
    for blk in range(start, pa + length, BLOCK):
        out += hashlib.shake_256(b"m7-pattern" + blk.to_bytes(8, "little")) \
            .digest(BLOCK).translate(HIGH)
    skip = pa - start
    return bytes(out[skip:skip + length])


def regions(ocram, args=()):
    m4 = soc_of(args) == "imx8mm"
    return {(M4_NAMES.get(n, n) if m4 else n): r for n, r in REGIONS.items()
            if ocram or n != "ocram"}


def soc_of(args):
    """The SoC of --soc SOC in args (default imx8mp)."""
    args = list(args)
    return args[args.index("--soc") + 1] if "--soc" in args else "imx8mp"


class Mem:
    def __init__(self, path, create=False):
        if create:
            with open(path, "wb") as f:
                f.truncate(RAM_SIZE)
        self.f = open(path, "r+b")
        self.m = mmap.mmap(self.f.fileno(), RAM_SIZE)

    def read(self, pa, n):
        o = pa - RAM_BASE
        return self.m[o:o + n]

    def write(self, pa, data):
        o = pa - RAM_BASE
        self.m[o:o + len(data)] = data

    def u32(self, pa):
        return struct.unpack("<I", self.read(pa, 4))[0]


def fill(mem):
    for pa, size in REGIONS.values():
        mem.write(pa, pattern(pa, size))


def cmd_prep(args):
    mem = Mem(args[0], create=True)
    fill(mem)
    mem.write(GPR_BASE, bytes(BLOCK))
    mem.write(SRC_BASE, bytes(BLOCK))
    mem.write(MU_BASE, bytes(BLOCK))
    attach = "--attach" in args
    if soc_of(args) == "imx8mm":
        mem.write(SRC_BASE + SRC_SCR, struct.pack(
            "<I", M4RCR_RUNNING if attach else M4RCR_STOPPED))
    else:
        mem.write(GPR_BASE + GPR22,
                  struct.pack("<I", 0 if attach else CPUWAIT))
        mem.write(SRC_BASE + SRC_SCR,
                  struct.pack("<I", SCR_RUNNING if attach else SCR_STOPPED))
    mem.write(RSC_TABLE_BASE, bytes(RSC_TABLE_SIZE))
    if "--publish" in args:
        i = args.index("--publish")
        plan = json.load(open(args[i + 1]))
        table = rsc_table.table_bytes(plan, open(args[i + 2], "rb").read())
        if table is None or len(table) > RSC_TABLE_SIZE:
            print("prep: no resource table to publish", file=sys.stderr)
            return 2
        mem.write(RSC_TABLE_BASE, table)
    return 0


def cmd_regs(args):
    mem = Mem(args[0])
    gpr, scr = mem.u32(GPR_BASE + GPR22), mem.u32(SRC_BASE + SRC_SCR)
    state = "running" if not gpr & CPUWAIT else "held"
    print(f"GPR22=0x{gpr:08x} SRC_SCR=0x{scr:08x} m7={state}")
    return 0


def elf_bytes(fw, off, n):
    return fw[off:off + n]


def rsc_allowed(mem, plan, fw, table):
    """The CPU addresses of the loaded resource table's bytes that the
    remoteproc core may write (tests/lib/rsc_table.py), after checking
    every byte it changed there: ({pa: allowed}, problems, changes)."""
    rsc = plan.get("resource_table")
    if not rsc:
        return set(), [], []
    orig = rsc_table.table_bytes(plan, fw)
    if orig is None:
        return set(), ["the resource table is not inside one copy op"], []
    op = next(op for op in plan["ops"] if op["kind"] == "copy" and
              op["da"] <= rsc["da"] < op["da"] + op["len"])
    pa = table[op["region"]]["pa"] + op["offset"] + rsc["da"] - op["da"]
    got = mem.read(pa, rsc["len"])
    try:
        problems, writable = rsc_table.check(orig, got)
    except ValueError as e:
        return set(), [f"resource table: {e}"], []
    return {pa + o for o in writable}, problems, rsc_table.changed(orig, got)


def cmd_verify(args):
    mem = Mem(args[0])
    plan = json.load(open(args[1]))
    fw = open(args[2], "rb").read()
    regs = regions("--ocram" in args, args)
    table = {r["name"]: r for r in plan["regions"]}
    covered = {n: [] for n in regs}
    bad = 0
    allowed, problems, changes = rsc_allowed(mem, plan, fw, table)
    for p in problems:
        print(f"MISMATCH resource table: {p}")
        bad += 1
    for name, old, new in changes:
        print(f"resource table: the core wrote {name} 0x{old:x} -> 0x{new:x}")
    for op in plan["ops"]:
        r = table[op["region"]]
        if r["name"] not in regs or r["pa"] != regs[r["name"]][0]:
            print(f"plan op in unexpected region {r}")
            return 2
        pa = r["pa"] + op["offset"]
        n = op["len"]
        got = mem.read(pa, n)
        if op["kind"] == "copy":
            want = elf_bytes(fw, op["src"], n)
            if allowed:
                # What the core may write in the table, it did (checked above).
                want = bytearray(want)
                for a in allowed:
                    if pa <= a < pa + n:
                        want[a - pa] = got[a - pa]
                want = bytes(want)
        elif op["kind"] == "zero":
            want = bytes(n)
        elif op["kind"] == "vector":
            want = struct.pack("<II", op["sp"], op["pc"])
        else:
            print(f"unknown op kind {op['kind']}")
            return 2
        if got != want:
            first = next(i for i in range(n) if got[i] != want[i])
            print(f"MISMATCH {op['kind']} seg {op.get('segment')} at pa "
                  f"0x{pa + first:x} (da 0x{op['da'] + first:x}): "
                  f"0x{got[first]:02x} != 0x{want[first]:02x}")
            bad += 1
        covered[r["name"]].append((op["offset"], op["offset"] + n))
    outside = untouched_except(mem, regs, covered)
    total = sum(op["len"] for op in plan["ops"])
    print(f"verified {len(plan['ops'])} plan ops ({total} bytes); "
          f"{outside} bytes outside the plan changed"
          + (f"; resource table: {len(changes)} fields written by the core, "
             "each one it may write" if plan.get("resource_table") else ""))
    return 1 if bad or outside else 0


def untouched_except(mem, regs, covered):
    changed = 0
    for name, (pa, size) in regs.items():
        got = bytearray(mem.read(pa, size))
        want = bytearray(pattern(pa, size))
        for lo, hi in covered.get(name, []):
            got[lo:hi] = want[lo:hi]
        if got != want:
            diff = [i for i in range(size) if got[i] != want[i]]
            changed += len(diff)
            print(f"{name}: {len(diff)} bytes outside the plan changed, "
                  f"first at pa 0x{pa + diff[0]:x}")
    return changed


def cmd_untouched(args):
    mem = Mem(args[0])
    changed = untouched_except(mem, regions("--ocram" in args, args), {})
    print(f"{changed} bytes of M7 memory changed")
    return 1 if changed else 0


def cmd_dump(args):
    mem = Mem(args[0])
    for name, path in (("itcm", args[1]), ("dtcm", args[2])):
        pa, size = REGIONS[name]
        with open(path, "wb") as f:
            f.write(mem.read(pa, size))
    return 0


def cmd_refill(args):
    fill(Mem(args[0]))
    return 0


def cmd_poke(args):
    pa, value = int(args[1], 0), int(args[2], 0)
    if not any(p <= pa < p + n for p, n in (SCRATCH,)):
        print(f"poke: 0x{pa:x} is not in the test scratch area", file=sys.stderr)
        return 2
    Mem(args[0]).write(pa, struct.pack("<I", value))
    return 0


if __name__ == "__main__":
    cli.dispatch({"prep": cmd_prep, "regs": cmd_regs, "verify": cmd_verify,
                  "untouched": cmd_untouched, "dump": cmd_dump,
                  "refill": cmd_refill, "poke": cmd_poke}, __doc__)
