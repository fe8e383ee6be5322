#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check a remoteproc devcoredump of the emulated board against the M7
memory in the guest's RAM file (tests/suites/coredump.kernel.sh).

  coredump.py extract MEMFILE PA OUT     the file `rpmsg-test poke PA ...`
                                         left there, to OUT
  coredump.py check DUMP MEMFILE PLAN.json FW.elf [--fill PA:SIZE:SEED]...
                                         check the dump; one ok/not ok
                                         line per check, exit 1 if any
                                         failed
  coredump.py selftest DUMP MEMFILE PLAN.json FW.elf [--fill ...]
                                         the same check on broken copies
                                         of DUMP must fail

The core (remoteproc_coredump.c, rproc_coredump()) writes an ELF core:
the ELF header, one PT_LOAD per rproc_coredump_add_segment() in the order
they were added (p_vaddr = p_paddr = da, p_filesz = p_memsz = size,
PF_R|PF_W|PF_X, p_align 0), the segments' bytes back to back right after
the program headers. The driver adds one segment per region of its
region table but the aliases (imx_m7_register_region()): PLAN.json's
"regions" (m7-preflight --dtb BOARD.dtb --json) is that table.

What the M7 memory held "at that moment", the crash: the core dumps
after rproc_stop() and before it loads the firmware again, so the RAM
file after power-off holds it, except where the reload wrote. The reload
writes the plan's bytes again, which equal what the first load wrote; the
guest's fills (--fill, rpmsg-test fill) that reach into the plan's ranges
are what differs. So the dump must equal, byte for byte, the fill pattern
over every fill and the RAM file everywhere else, and the RAM file must
hold the plan's bytes where a fill met the plan (the reload happened
after the dump, not before).
"""
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "board"))
import board  # noqa: E402
import cli  # noqa: E402

POKE_MAGIC = b"M7POKE01"
POKE_DATA = 4096
EM_ARM = 40
ET_CORE = 4
PT_LOAD = 1
PF_RWX = 7
EHDR = struct.Struct("<16sHHIIIIIHHHHHH")
PHDR = struct.Struct("<IIIIIIII")


def fill_word(pa, seed):
    """rpmsg-test's fill_word(): the 32-bit word the guest wrote at pa."""
    w = ((pa * 2654435761) & 0xFFFFFFFF) ^ (pa >> 32 & 0xFFFFFFFF) ^ seed
    w ^= w >> 15
    w = (w * 0x2C1B3C6D) & 0xFFFFFFFF
    w ^= w >> 12
    return w


def fill_bytes(pa, size, seed):
    return b"".join(struct.pack("<I", fill_word(pa + i, seed))
                    for i in range(0, size, 4))


def parse_fill(s):
    pa, size, seed = (int(x, 0) for x in s.split(":"))
    return pa, size, seed


def extract(mem, pa):
    """The bytes rpmsg-test poke left at pa, or None."""
    hdr = mem.read(pa, 16)
    if hdr[:8] != POKE_MAGIC:
        return None
    n = struct.unpack("<Q", hdr[8:])[0]
    return mem.read(pa + POKE_DATA, n)


def plan_ranges(plan, regions):
    """(pa, end) of every byte the plan (and so the reload) writes."""
    out = []
    for op in plan["ops"]:
        pa = regions[op["region"]]["pa"] + op["offset"]
        out.append((pa, pa + op["len"]))
    return out


def plan_bytes(plan, regions, fw):
    """{pa: bytes} of what the plan writes."""
    out = {}
    for op in plan["ops"]:
        pa = regions[op["region"]]["pa"] + op["offset"]
        if op["kind"] == "copy":
            out[pa] = fw[op["src"]:op["src"] + op["len"]]
        elif op["kind"] == "zero":
            out[pa] = bytes(op["len"])
        else:
            out[pa] = struct.pack("<II", op["sp"], op["pc"])
    return out


def overlap(a, b):
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return (lo, hi) if lo < hi else None


def first_diff(a, b):
    return next((i for i in range(min(len(a), len(b))) if a[i] != b[i]),
                min(len(a), len(b)))


class Checker:
    def __init__(self, quiet=False):
        self.failed = 0
        self.quiet = quiet

    def check(self, cond, what, *detail):
        if not cond:
            self.failed += 1
        if self.quiet:
            return cond
        print(("ok - " if cond else "not ok - ") + what)
        if not cond:
            for d in detail:
                print("    " + d)
        return cond


def check_header(c, dump, n_segs):
    if not c.check(len(dump) >= EHDR.size, f"dump has an ELF header "
                   f"({len(dump)} bytes)"):
        return None
    (ident, e_type, e_machine, e_version, e_entry, e_phoff, _, _, e_ehsize,
     e_phentsize, e_phnum, _, _, _) = EHDR.unpack_from(dump)
    c.check(ident[:4] == b"\x7fELF" and ident[4] == 1 and ident[5] == 1 and
            ident[6] == 1,
            "ELF header: magic, ELFCLASS32, ELFDATA2LSB, EV_CURRENT",
            f"e_ident {ident.hex()}")
    c.check(e_type == ET_CORE and e_machine == EM_ARM and e_version == 1,
            "ELF header: ET_CORE, EM_ARM (rproc_coredump_set_elf_info)",
            f"e_type {e_type} e_machine {e_machine} e_version {e_version}")
    ok = c.check(e_ehsize == EHDR.size and e_phoff == EHDR.size and
                 e_phentsize == PHDR.size and e_phnum == n_segs,
                 f"ELF header: {n_segs} program headers of {PHDR.size} "
                 f"bytes right after it (e_entry 0x{e_entry:x})",
                 f"e_ehsize {e_ehsize} e_phoff {e_phoff} "
                 f"e_phentsize {e_phentsize} e_phnum {e_phnum}")
    return e_phoff if ok else None


def check_phdrs(c, dump, phoff, segs):
    """Each program header against its region; (offset, region) each."""
    off = phoff + PHDR.size * len(segs)
    out, bad = [], []
    for i, r in enumerate(segs):
        if phoff + PHDR.size * (i + 1) > len(dump):
            bad.append(f"program header {i} past the end of the dump")
            break
        (p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags,
         p_align) = PHDR.unpack_from(dump, phoff + PHDR.size * i)
        want = (PT_LOAD, off, r["da"], r["da"], r["size"], r["size"],
                PF_RWX, 0)
        got = (p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz,
               p_flags, p_align)
        if got != want:
            bad.append(f"phdr {i} ({r['name']}): got type/offset/vaddr/paddr/"
                       f"filesz/memsz/flags/align "
                       f"{'/'.join(hex(x) for x in got)}, want "
                       f"{'/'.join(hex(x) for x in want)}")
        out.append((off, r))
        off += r["size"]
    names = ", ".join(f"{r['name']}@0x{r['da']:x}" for r in segs)
    c.check(not bad, f"one PT_LOAD per region but the aliases, in the "
            f"region table's order, da and size each: {names}", *bad)
    c.check(len(dump) == off, f"dump length {len(dump)}: the headers and "
            f"every segment, nothing more", f"want {off}")
    return out


def check_segments(c, dump, mem, placed, fills, plan, regions, fw):
    """Every segment byte against the memory at the crash."""
    ranges = plan_ranges(plan, regions)
    written = plan_bytes(plan, regions, fw)
    total = from_fill = reloaded = 0
    for off, r in placed:
        data = dump[off:off + r["size"]]
        want = bytearray(mem.read(r["pa"], r["size"]))
        for pa, size, seed in fills:
            o = overlap((pa, pa + size), (r["pa"], r["pa"] + r["size"]))
            if o:
                want[o[0] - r["pa"]:o[1] - r["pa"]] = \
                    fill_bytes(o[0], o[1] - o[0], seed)
                from_fill += o[1] - o[0]
        want = bytes(want)
        total += len(data)
        if not c.check(data == want, f"segment {r['name']} (da 0x{r['da']:x}, "
                       f"0x{r['size']:x} bytes) equals the M7 memory at pa "
                       f"0x{r['pa']:x} at the crash",
                       f"first difference at pa 0x{r['pa'] + first_diff(data, want):x}"
                       f" of {sum(x != y for x, y in zip(data, want))} bytes"
                       if len(data) == len(want) else
                       f"{len(data)} bytes in the dump, {len(want)} wanted"):
            continue
    # Where a fill met the plan, the reload wrote the plan's bytes again
    # after the dump: the RAM file has them, the dump the fill.
    bad = []
    for pa, size, seed in fills:
        for lo, hi in ranges:
            o = overlap((pa, pa + size), (lo, hi))
            if not o:
                continue
            start = next(p for p in written if p == lo)
            want = written[start][o[0] - lo:o[1] - lo]
            got = mem.read(o[0], o[1] - o[0])
            if got != want:
                bad.append(f"pa 0x{o[0]:x}..0x{o[1]:x}: not the plan's bytes")
            reloaded += sum(x != y for x, y in
                            zip(want, fill_bytes(o[0], o[1] - o[0], seed)))
    c.check(not bad and reloaded > 0, f"the reload came after the dump: "
            f"{reloaded} bytes the guest filled inside the plan's ranges are "
            "the fill in the dump and the firmware's again in memory", *bad)
    return total, from_fill


def check(dump, memfile, planfile, fwfile, fills, quiet=False):
    import json
    c = Checker(quiet)
    mem = board.Mem(memfile)
    plan = json.load(open(planfile))
    fw = open(fwfile, "rb").read()
    regions = {r["name"]: r for r in plan["regions"] if not r["alias"]}
    segs = [r for r in plan["regions"] if not r["alias"]]
    phoff = check_header(c, dump, len(segs))
    if phoff is None:
        return 1
    placed = check_phdrs(c, dump, phoff, segs)
    if len(dump) < placed[-1][0] + placed[-1][1]["size"]:
        return 1
    total, from_fill = check_segments(c, dump, mem, placed, fills, plan,
                                      regions, fw)
    if not quiet:
        print(f"# {total} segment bytes compared, {from_fill} of them "
              "written by the guest's fills")
    return 1 if c.failed else 0


def cmd_extract(args):
    data = extract(board.Mem(args[0]), int(args[1], 0))
    if data is None:
        print(f"extract: no rpmsg-test poke header at {args[1]}",
              file=sys.stderr)
        return 1
    open(args[2], "wb").write(data)
    return 0


def fills_of(args):
    return [parse_fill(args[i + 1]) for i, a in enumerate(args)
            if a == "--fill"]


def cmd_check(args):
    return check(open(args[0], "rb").read(), args[1], args[2], args[3],
                 fills_of(args))


def cmd_selftest(args):
    """Break a good dump in one place at a time: each must fail."""
    dump = open(args[0], "rb").read()
    fills = fills_of(args)
    rest = args[1:4]
    if check(dump, *rest, fills, quiet=True):
        print("not ok - self-test: the good dump passes")
        return 1
    phoff = EHDR.size
    data0 = phoff + PHDR.size * struct.unpack_from("<H", dump, 44)[0]
    cases = {
        "one byte flipped in the last segment":
            dump[:-1] + bytes([dump[-1] ^ 0x01]),
        "one byte flipped in the first segment":
            dump[:data0] + bytes([dump[data0] ^ 0x80]) + dump[data0 + 1:],
        "e_machine EM_ARM changed to EM_AARCH64":
            dump[:18] + struct.pack("<H", 183) + dump[20:],
        "the second PT_LOAD's p_vaddr off by 4":
            dump[:phoff + PHDR.size + 8] +
            struct.pack("<I", struct.unpack_from("<I", dump, phoff + PHDR.size + 8)[0] + 4) +
            dump[phoff + PHDR.size + 12:],
        "the dump one byte short": dump[:-1],
    }
    bad = [n for n, d in cases.items() if not check(d, *rest, fills,
                                                      quiet=True)]
    print(("not ok - " if bad else "ok - ") +
          f"self-test: the good dump passes, {len(cases)} broken copies "
          f"fail ({', '.join(cases)})")
    for n in bad:
        print(f"    passed although broken: {n}")
    return 1 if bad else 0


if __name__ == "__main__":
    cli.dispatch({"extract": cmd_extract, "check": cmd_check,
                  "selftest": cmd_selftest}, __doc__)
