#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write the synthetic M7 ELF images of tests/imx_m7_elf_test.c to a directory.

Same layout as the KUnit builder (t_build): ELF header, program headers,
each segment's bytes at a 16-byte aligned start (then 4-byte aligned), byte
k of segment i = (i * 16 + k) & 0xff, the vector table {SP, PC} at the start
of the first PT_LOAD that stores bytes, and optionally a .resource_table (the
contents of the last segment) and .shstrtab after the segments. Patches then
break single fields, as the KUnit rows do.

  mkelf.py OUTDIR     writes OUTDIR/NAME.elf for every image below
Python 3 standard library only.
"""
import os
import struct
import sys

PT_LOAD, PT_NOTE, PT_ARM_EXIDX = 1, 4, 0x70000001
PF_X, PF_W, PF_R = 1, 2, 4
EM_ARM, EM_AARCH64, ET_EXEC, ET_REL = 40, 183, 2, 1
SHF_WRITE, SHF_ALLOC = 1, 2
EHDR, PHDR, SHDR, RSC_LEN = 52, 32, 40, 140
# KUnit's t_rsc_words[]: NXP's rpmsg-lite vdev (id 7, VIRTIO_RPMSG_F_NS, two
# vrings of 256 at 0x55000000 and 0x55008000, align 0x1000, notify ids 0 and
# 1), then a trace entry. Vring 0 at offset 52, vring 1 at 72 (da, align,
# num, notifyid, reserved); the trace entry at 92.
RSC_WORDS = [1, 2, 0, 0, 24, 92,
             3, 7, 0, 1, 0, 0, 2 << 8,
             0x55000000, 0x1000, 256, 0, 0,
             0x55008000, 0x1000, 256, 1, 0,
             2, 0x20000200, 0x400, 0] + [0] * 8
STRTAB = b"\0.resource_table\0.shstrtab\0"


def code(a, n):
    return (PT_LOAD, a, a, n, n, PF_R | PF_X)


def data(pa, va, fs, ms):
    return (PT_LOAD, pa, va, fs, ms, PF_R | PF_W)


def bss(a, ms):
    return (PT_LOAD, a, a, 0, ms, PF_R | PF_W)


def align(v, a):
    return (v + a - 1) & ~(a - 1)


def seg_offsets(segs):
    """File offset of each segment's bytes, and the end of the last one."""
    off = align(EHDR + len(segs) * PHDR, 16)
    offs = []
    for s in segs:
        offs.append(off)
        off += align(s[3], 4)
    return offs + [off]


def build(entry, sp, segs, rsc=False, rsc_flags=SHF_ALLOC | SHF_WRITE):
    """Return (bytearray, layout) for one image description."""
    n = len(segs)
    offs = seg_offsets(segs)
    names = offs[n]
    rsc_off = offs[n - 1]
    shoff = align(names + len(STRTAB), 4)
    size = shoff + 3 * SHDR if rsc else names
    fw = bytearray(size)
    vector = sp != 0
    for i, (typ, pa, va, fs, ms, fl) in enumerate(segs):
        off = offs[i]
        struct.pack_into("<8I", fw, EHDR + i * PHDR, typ, off, va, pa, fs, ms,
                         fl, 4)
        for k in range(fs):
            fw[off + k] = (i * 16 + k) & 0xff
        if vector and typ == PT_LOAD and ms and fs:
            vector = False
            if fs >= 8:
                struct.pack_into("<II", fw, off, sp, entry)
    shnum = shentsize = shstrndx = 0
    if rsc:
        struct.pack_into("<%dI" % len(RSC_WORDS), fw, rsc_off, *RSC_WORDS)
        fw[names:names + len(STRTAB)] = STRTAB
        struct.pack_into("<10I", fw, shoff + SHDR, 1, 1, rsc_flags,
                         segs[-1][2], rsc_off, RSC_LEN, 0, 0, 0, 0)
        struct.pack_into("<10I", fw, shoff + 2 * SHDR, 17, 3, 0, 0,
                         names, len(STRTAB), 0, 0, 0, 0)
        shnum, shentsize, shstrndx = 3, SHDR, 2
    ident = b"\x7fELF" + bytes([1, 1, 1]) + bytes(9)
    struct.pack_into("<16sHHIIIIIHHHHHH", fw, 0, ident, ET_EXEC, EM_ARM, 1,
                     entry, EHDR, shoff if rsc else 0, 0, EHDR, PHDR, n,
                     shentsize, shnum, shstrndx)
    return fw, {"segs": segs, "rsc_off": rsc_off}


EH = {"e_type": (16, "<H"), "e_machine": (18, "<H"), "e_entry": (24, "<I"),
      "e_phoff": (28, "<I")}
PH = {"p_offset": 4, "p_vaddr": 8, "p_paddr": 12, "p_filesz": 16,
      "p_memsz": 20}


def patch(fw, lay, where, field, value, idx=0):
    if where == "eh":
        off, fmt = EH[field]
        struct.pack_into(fmt, fw, off, value)
    elif where == "ph":
        struct.pack_into("<I", fw, EHDR + idx * PHDR + PH[field], value)
    elif where == "rsc":
        struct.pack_into("<I", fw, lay["rsc_off"] + field, value)


SEED = (0x401, 0x20020000, [code(0, 0x1DE78),
                            data(0x1DE78, 0x20000000, 0x100, 0xD5A0)])
SEED_OVERFLOW = (0x401, 0x20020000, [code(0, 0x1DE78),
                                     data(0x1DE78, 0x20000000, 0x2200,
                                          0xD5A0)])
ITCM_BSS = (0x401, 0x20020000, [code(0, 0x400),
                                (PT_LOAD, 0x400, 0x400, 0x1000, 0x2544C,
                                 PF_R | PF_X)])
SMALL = (0x21, 0x20001000, [code(0, 0x40), data(0x40, 0x20000000, 0x10,
                                                0x100)])
DDR = (0x80000401, 0x80200000, [code(0x80000000, 0x800),
                                data(0x80100000, 0x80100000, 0x40, 0x1000)])
DDR_PAST = (0x41, 0x20001000, [code(0, 0x100), bss(0x80FFF000, 0x1001)])
VDEV_PAST = (0x41, 0x20001000, [code(0, 0x100), bss(0x810FFF00, 0x200)])
# The resource table is segment 2: stored and read at DTCM 0x20000100.
RSC = (0x21, 0x20001000, [code(0, 0x40), data(0x40, 0x20000000, 0x10, 0x100),
                          data(0x20000100, 0x20000100, RSC_LEN, RSC_LEN)])


def many(n=65535):
    """Segment 0: vector and code in ITCM; then n - 1 16-byte .bss blocks
    in DDR, in descending address order (as KUnit's plan_many_phdrs_test)."""
    segs = [code(0, 0x100)]
    segs += [bss(0x80000000 + (n - i) * 16, 16) for i in range(1, n)]
    return (0x41, 0x20001000, segs)
ZEPHYR = (0x101, 0x20001000, [code(0, 0x200),
                              (PT_ARM_EXIDX, 0x200, 0x200, 8, 8, PF_R),
                              data(0x208, 0x20000000, 0x20, 0x20),
                              bss(0x20000020, 0x400),
                              (PT_LOAD, 0x20001000, 0x20001000, 0, 0,
                               PF_R | PF_W)])

# name: (image, rsc: False, True or the table's sh_flags, [patches])
IMAGES = {
    "seed": (SEED, False, []),
    "small": (SMALL, False, []),
    "ddr": (DDR, False, []),
    "zephyr": (ZEPHYR, False, []),
    "rsc": (RSC, True, []),
    "rsc-noalloc": (RSC, SHF_WRITE, []),
    "many": (many(), False, []),
    "itcm-bss": (ITCM_BSS, False, []),
    "seed-overflow": (SEED_OVERFLOW, False, []),
    "seed-run-nowhere": (SEED, False, [("ph", "p_vaddr", 0x30000000, 1)]),
    "seed-overlap": (SEED, False, [("ph", "p_paddr", 0x1DE00, 1)]),
    "aarch64": (SEED, False, [("eh", "e_machine", EM_AARCH64)]),
    "et-rel": (SEED, False, [("eh", "e_type", ET_REL)]),
    "phoff-past": (SMALL, False, [("eh", "e_phoff", 0xFFFFFFFF)]),
    "seg-past-file": (SMALL, False, [("ph", "p_offset", 0xC8, 1)]),
    "ddr-entry": (DDR, False, [("eh", "e_entry", 0x80000501)]),
    "ddr-past": (DDR_PAST, False, []),
    "vdev-past": (VDEV_PAST, False, []),
    "seed-run-past-dtcm": (SEED, False, [("ph", "p_vaddr", 0x2001A000, 1)]),
    "seed-paddr-wrap": (SEED, False, [("ph", "p_paddr", 0xFFFFFF80, 1)]),
    "rsc-bad-entry": (RSC, True, [("rsc", 20, RSC_LEN - 3)]),
    # KUnit t_text_cases[]: the vdev refusals
    "rsc-lma": (RSC, True, [("ph", "p_paddr", 0x50, 2)]),
    "rsc-vring-past": (RSC, True, [("rsc", 72, 0x55010000 - 0x2805)]),
    "rsc-vring-num": (RSC, True, [("rsc", 80, 255)]),
    "rsc-vring-align": (RSC, True, [("rsc", 76, 0x1001)]),
    "rsc-notifyid": (RSC, True, [("rsc", 84, 0)]),
    "rsc-vrings3": (RSC, True, [("rsc", 48, 3 << 8)]),
    "rsc-vrings1": (RSC, True, [("rsc", 48, 1 << 8)]),
    "rsc-config-len": (RSC, True, [("rsc", 44, 49)]),
    "rsc-two-vdevs": (RSC, True, [("rsc", 92, 3)]),
}


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: mkelf.py OUTDIR")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, ((entry, sp, segs), rsc, patches) in IMAGES.items():
        if rsc is True:
            fw, lay = build(entry, sp, segs, True)
        elif rsc:
            fw, lay = build(entry, sp, segs, True, rsc)
        else:
            fw, lay = build(entry, sp, segs)
        for p in patches:
            patch(fw, lay, *p)
        with open(os.path.join(out, name + ".elf"), "wb") as f:
            f.write(fw)


if __name__ == "__main__":
    main()
