#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write make bench's start images (tests/bench.sh) to a directory.

The emulated board's load windows (tests/board/virt-m7.dtso): ITCM and DTCM
128 KiB each, the DDR carve-out 16 MiB at 0x80000000. Layout as
tests/suites/mkelf.py: program headers after the ELF header, each segment
16-byte aligned, byte k of segment i = (i * 16 + k) & 0xff, {SP, PC} at the
start of the first segment.

  mkimg.py OUTDIR           the images below, one NAME.elf each
  mkimg.py --many N FILE    mkelf.py's many(N): N program headers
Prints "NAME BYTES" (bytes the start writes: p_memsz) for each image written.
"""
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "suites"))
import mkelf  # noqa: E402

KIB = 1024
MIB = 1024 * KIB
# name: (entry, sp, [(p_paddr, p_filesz)]); every segment is code (R|X).
IMAGES = {
    "ddr-64k": (0x80000401, 0x80FF0000, [(0x80000000, 64 * KIB)]),
    "ddr-1m": (0x80000401, 0x80FF0000, [(0x80000000, MIB)]),
    "ddr-4m": (0x80000401, 0x80FF0000, [(0x80000000, 4 * MIB)]),
    "ddr-16m-64k": (0x80000401, 0x81000000,
                    [(0x80000000, 16 * MIB - 64 * KIB)]),
    "tcm-64k": (0x401, 0x20020000, [(0, 64 * KIB)]),
    # 256 KiB is more than one TCM: all of ITCM, then all of DTCM.
    "tcm-256k": (0x401, 0x20020000, [(0, 128 * KIB),
                                     (0x20000000, 128 * KIB)]),
}


def build(entry, sp, segs):
    n = len(segs)
    off = mkelf.align(mkelf.EHDR + n * mkelf.PHDR, 16)
    offs = []
    for _, size in segs:
        offs.append(off)
        off = mkelf.align(off + size, 16)
    fw = bytearray(off)
    ident = b"\x7fELF" + bytes([1, 1, 1]) + bytes(9)
    struct.pack_into("<16sHHIIIIIHHHHHH", fw, 0, ident, mkelf.ET_EXEC,
                     mkelf.EM_ARM, 1, entry, mkelf.EHDR, 0, 0, mkelf.EHDR,
                     mkelf.PHDR, n, 0, 0, 0)
    for i, ((pa, size), o) in enumerate(zip(segs, offs)):
        struct.pack_into("<8I", fw, mkelf.EHDR + i * mkelf.PHDR,
                         mkelf.PT_LOAD, o, pa, pa, size, size,
                         mkelf.PF_R | mkelf.PF_X, 4)
        row = bytes((i * 16 + k) & 0xff for k in range(256))
        fw[o:o + size] = (row * (size // 256 + 1))[:size]
    struct.pack_into("<II", fw, offs[0], sp, entry)
    return fw


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--many":
        entry, sp, segs = mkelf.many(int(sys.argv[2]))
        fw, _ = mkelf.build(entry, sp, segs)
        with open(sys.argv[3], "wb") as f:
            f.write(fw)
        print(os.path.basename(sys.argv[3]), sum(s[4] for s in segs))
        return
    if len(sys.argv) != 2:
        sys.exit("usage: mkimg.py OUTDIR | mkimg.py --many N FILE")
    os.makedirs(sys.argv[1], exist_ok=True)
    for name, (entry, sp, segs) in IMAGES.items():
        with open(os.path.join(sys.argv[1], name + ".elf"), "wb") as f:
            f.write(build(entry, sp, segs))
        print(name, sum(s for _, s in segs))


if __name__ == "__main__":
    main()
