#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write the seed corpora of tools/m7-fuzz and tools/m7-fuzz-dtb.

  mkcorpus.py FIXTURES_DIR MKELF_DIR OUT_DIR

FIXTURES_DIR is build/fixtures (make -C tests/fixtures), MKELF_DIR the
output of tests/suites/mkelf.py. Writes OUT_DIR/corpus/ (region header +
ELF, the input format of tools/m7-fuzz.c) and OUT_DIR/corpus-dtb/ (the
inputs of tools/m7-fuzz-dtb.c). docs/fuzzing.md describes both formats.

ELFs larger than SHRINK bytes are rewritten smaller: every segment's bytes
packed after the program headers, an executable segment cut to CUT bytes
(its p_memsz by as much), all sections dropped but .resource_table and
.shstrtab. The layout that matters (p_paddr/p_vaddr, the vector table,
the resource table) stays; the corpus stays a few hundred KB.
Python 3 standard library only.
"""
import os
import shutil
import struct
import subprocess
import sys

SHRINK, CUT = 8192, 2048
EHDR, PHDR, SHDR = 52, 32, 40
PT_LOAD, PF_X = 1, 1
SHT_STRTAB = 3

# The tables of tools/m7-fuzz.c, in its order (append only, there too).
NAMES = ["itcm", "dtcm", "ocram", "ddr", "ddr0", "ddr1", "ddr2", "ddr3",
         "ddr4", "ddr5", "ddr6", "ddr7", "vdev0vring0", "vdev0vring1",
         "vdev0buffer", "rsc-table", None, "", "ddr8", "ddr00", "DDR",
         "itcm ", "ddrx", "rsc-table0", "ocram-system-bus-view-of-ocram1",
         "ocram-system-bus-view-of-ocram12",
         "ddr0000000000000000000000000000"]
ADDRS = [0, 0x7e0000, 0x7f0000, 0x800000, 0x810000, 0x900000, 0x940000,
         0x990000, 0x40000000, 0x4ffe0000, 0x50000000, 0x80000000,
         0xc0000000, 0x55000000, 0x7e000000, 1 << 32, 1 << 63, (1 << 64) - 1]
SIZES = [0, 1, 8, 0x1000, 0x10000, 0x20000, 0x40000, 0x80000, 0x90000,
         0x100000, 0x1000000, 0x0ffe0000, 0x10000000, 0x80000000, 1 << 32,
         (1 << 64) - 1]
# The names of tools/m7-fuzz-dtb.c.
DT_NAMES = ["itcm", "dtcm", "ocram", "ddr", "ddr0", "ddr7", "vdev0vring0",
            "vdev0vring1", "vdev0buffer", "rsc-table", "", "ddr8", "DTCM"]

REG, CARVEOUT, NOMAP = 0, 1, 2
M = 1 << 64


def near(v, table):
    """(index, s32 delta) with table[index] + delta == v (mod 2^64)."""
    best = None
    for i, b in enumerate(table):
        d = (v - b) % M
        d = d - M if d >= 1 << 63 else d
        if -(1 << 31) <= d < 1 << 31 and (best is None or abs(d) < abs(best[1])):
            best = (i, d)
    if best is None:
        raise ValueError(hex(v))
    return best


def decl(kind, name, pa, size):
    i_pa, d_pa = near(pa, ADDRS)
    i_sz, d_sz = near(size, SIZES)
    return struct.pack("<BBBBii", kind, NAMES.index(name), i_pa, i_sz,
                       d_pa, d_sz)


def header(decls, max_out=0):
    return bytes([len(decls), max_out]) + b"".join(decl(*d) for d in decls)


TCM = [(REG, "itcm", 0x7e0000, 0x20000), (REG, "dtcm", 0x800000, 0x20000)]
DDR = (CARVEOUT | NOMAP, "ddr", 0x80000000, 0x1000000)
HEADERS = {
    # m7-preflight's defaults: the Verdin overlay
    "verdin": TCM + [DDR],
    # every kind of region: OCRAM, rpmsg, a low carve-out with its alias
    "full": TCM + [(REG, "ocram", 0x900000, 0x80000), DDR,
                   (CARVEOUT | NOMAP, "vdev0buffer", 0x81000000, 0x100000),
                   (CARVEOUT | NOMAP, "ddr1", 0x40000000, 0x100000)],
    # the emulated board's stand-ins (docs/testing.md)
    "board": [(REG, "itcm", 0x7e000000, 0x20000),
              (REG, "dtcm", 0x7e100000, 0x20000),
              (REG, "ocram", 0x7e200000, 0x80000), DDR],
    # the upper half of ITCM only: M7 0x10000, no reset vector at 0
    "itcm-half": [(REG, "itcm", 0x7f0000, 0x10000),
                  (REG, "dtcm", 0x800000, 0x20000), DDR],
    # a carve-out across the end of the DDR code-bus alias
    "alias-edge": TCM + [(CARVEOUT | NOMAP, "ddr", 0x4ffd0000, 0x20000)],
    # 15 declarations, 16 entries: the table exactly full
    "full-table": TCM + [(REG, "ocram", 0x900000, 0x90000)] +
    [(CARVEOUT | NOMAP, "ddr%d" % i, 0x80000000 + i * 0x100000, 0x100000)
     for i in range(8)] +
    [(CARVEOUT | NOMAP, n, 0x55000000 + i * 0x100000, 0x8000)
     for i, n in enumerate(["vdev0vring0", "vdev0vring1", "vdev0buffer",
                            "rsc-table"])],
    # ranges that end exactly at their region's end (fixtures fx-ddr and
    # fx-mcux-tcm): upstream's strict '<' refused them
    "exact-end-ddr": TCM + [(CARVEOUT | NOMAP, "ddr", 0x80000000, 0xb38),
                            (CARVEOUT | NOMAP, "ddr0", 0x80000b38, 0x400000)],
    "exact-end-itcm": [(REG, "itcm", 0x7e000000, 0x1df78), TCM[1]],
    # once accepted though wrong on the real SoC, refused since
    # (docs/fuzzing.md, Findings; IMX_M7_F_REGION_STANDIN): an itcm
    # "stand-in" straddling the real ITCM's start, and reg-names swapped,
    # itcm at the real DTCM and dtcm at the real ITCM
    "regress-itcm-straddle": [(REG, "itcm", 0x7d0000, 0x20000), TCM[1], DDR],
    "regress-tcm-swapped": [(REG, "itcm", 0x800000, 0x20000),
                            (REG, "dtcm", 0x7e0000, 0x20000), DDR],
    # refusals: 17 declarations, a carve-out without no-map, out of the
    # DDR window, overlapping, missing dtcm, partial TCM past its window
    "too-many": TCM + [(CARVEOUT | NOMAP, "ddr%d" % (i % 8),
                        0x80000000 + i * 0x100000, 0x1000)
                       for i in range(15)],
    "no-map": TCM + [(CARVEOUT, "ddr", 0x80000000, 0x1000000)],
    "window": TCM + [(CARVEOUT | NOMAP, "ddr", 0xbff00000, 0x200000)],
    "overlap": TCM + [DDR, (CARVEOUT | NOMAP, "ddr0", 0x80800000, 0x1000)],
    "no-dtcm": [TCM[0], DDR],
    "tcm-past": [(REG, "itcm", 0x7f0000, 0x20000), TCM[1]],
}


def read_elf(data):
    eh = struct.unpack_from("<16sHHIIIIIHHHHHH", data)
    phoff, shoff, phnum, shnum, shstrndx = eh[5], eh[6], eh[10], eh[12], eh[13]
    phs = [list(struct.unpack_from("<8I", data, phoff + i * PHDR))
           for i in range(phnum)]
    shs = []
    if shoff and shoff + shnum * SHDR <= len(data):
        shs = [list(struct.unpack_from("<10I", data, shoff + i * SHDR))
               for i in range(shnum)]
    return eh, phs, shs, shstrndx


def sec_name(data, shs, shstrndx, sh):
    if shstrndx >= len(shs):
        return ""
    base = shs[shstrndx][4] + sh[0]
    end = data.find(b"\0", base)
    return data[base:end].decode(errors="replace")


def shrink(data):
    """The same image, small: see the module docstring."""
    eh, phs, shs, shstrndx = read_elf(data)
    rsc = [sh for sh in shs
           if sec_name(data, shs, shstrndx, sh) == ".resource_table"]
    off = (EHDR + len(phs) * PHDR + 15) & ~15
    body, moved = b"", []
    for ph in phs:
        p_type, p_offset, _, _, filesz, memsz, flags, _ = ph
        keep = filesz
        if p_type == PT_LOAD and flags & PF_X and filesz > CUT:
            keep = CUT
        src = data[p_offset:p_offset + keep]
        new = off + len(body) if keep else min(p_offset, off)
        moved.append((p_offset, keep, new))
        ph[1], ph[4], ph[5] = new, keep, memsz - (filesz - keep)
        body += src + b"\0" * (-len(src) % 4)
    strtab = b"\0.resource_table\0.shstrtab\0"
    sections = [[0] * 10]
    for sh in rsc[:1]:
        for old, keep, new in moved:
            if old <= sh[4] and sh[4] + sh[5] <= old + keep:
                sh = list(sh)
                sh[0], sh[4] = 1, new + sh[4] - old
                sections.append(sh)
                break
    str_off = off + len(body)
    sections.append([17, SHT_STRTAB, 0, 0, str_off, len(strtab), 0, 0, 1, 0])
    sh_off = (str_off + len(strtab) + 3) & ~3
    out = bytearray(sh_off + len(sections) * SHDR)
    hdr = list(eh)
    hdr[5], hdr[6], hdr[11], hdr[12], hdr[13] = (EHDR, sh_off, SHDR,
                                                 len(sections),
                                                 len(sections) - 1)
    struct.pack_into("<16sHHIIIIIHHHHHH", out, 0, *hdr)
    for i, ph in enumerate(phs):
        struct.pack_into("<8I", out, EHDR + i * PHDR, *ph)
    out[off:off + len(body)] = body
    out[str_off:str_off + len(strtab)] = strtab
    for i, sh in enumerate(sections):
        struct.pack_into("<10I", out, sh_off + i * SHDR, *sh)
    return bytes(out)


def load(path):
    with open(path, "rb") as f:
        data = f.read()
    if len(data) <= SHRINK:
        return data
    try:
        return shrink(data)
    except (struct.error, ValueError, IndexError):
        return None


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def dt_spec(cells, regs, mems, flags=0, clock=0, mbox=0):
    """An input of m7-fuzz-dtb.c's written-tree mode (byte 0 bit 0 set);
    clock 0 is the M7 core clock, 1 none, 2 another, 3 dangling; mbox 0
    none, 1 "tx" and "rx", 2 unnamed, 3 "tx" and "rxdb"."""
    out = bytes([1 | clock << 1 | mbox << 3, cells,
                 len(regs) | len(mems) << 3 | flags])
    for name, a, s in regs:
        out += struct.pack("<BQQ", DT_NAMES.index(name), a, s)
    for name, fl, a, s in mems:
        out += struct.pack("<BBQQ", DT_NAMES.index(name), fl, a, s)
    return out


RAW_DTS = """/dts-v1/;
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	clk: clock-controller {
		compatible = "fsl,imx8mp-ccm";
		#clock-cells = <1>;
	};
	reserved-memory {
		#address-cells = <2>;
		#size-cells = <2>;
		ranges;
		m7: m7@80000000 { reg = <0 0x80000000 0 0x1000000>; %s };
		vb: vb@55400000 { reg = <0 0x55400000 0 0x100000>; no-map; };
	};
	m7-rproc {
		compatible = "imx-m7-rproc,imx8mp-cm7";
		clocks = <&clk 305>;
		reg = <0 0x7e0000 0 0x20000>, <0 0x800000 0 0x20000>%s;
		reg-names = "itcm", "dtcm"%s;
		memory-region = <&m7>, <&vb>;
		memory-region-names = "ddr", "vdev0buffer";
	};
};
"""


def raw_dtbs(out):
    """DTBs as --dtb takes them (byte 0 bit 0 clear), if dtc is here."""
    if not shutil.which("dtc"):
        return
    for name, args in (("raw-verdin", ("no-map;", "", "")),
                       ("raw-ocram", ("no-map;", ", <0 0x900000 0 0x80000>",
                                      ", \"ocram\"")),
                       ("raw-mapped", ("", "", "")),
                       ("raw-regress-tcm-swapped", ("no-map;", "", ""))):
        dts = RAW_DTS % args
        if "swapped" in name:
            dts = dts.replace("<0 0x7e0000 0 0x20000>, <0 0x800000 0 0x20000>",
                              "<0 0x800000 0 0x20000>, <0 0x7e0000 0 0x20000>")
        dtb = subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb"],
                             input=dts.encode(),
                             stdout=subprocess.PIPE, check=True).stdout
        write(os.path.join(out, name), b"\0" + dtb)


def dt_corpus(out):
    c11, c22 = 0x1 | 0x4 | 0x20 | 0x80, 0x2 | 0x8 | 0x20 | 0x80
    tcm = [("itcm", 0x7e0000, 0x20000), ("dtcm", 0x800000, 0x20000)]
    seeds = {
        "verdin": dt_spec(c22, tcm, [("ddr", 1, 0x80000000, 0x1000000)]),
        "verdin-1cell": dt_spec(c11, tcm, [("ddr", 1, 0x80000000,
                                            0x1000000)]),
        "rpmsg": dt_spec(c22, tcm + [("ocram", 0x900000, 0x80000)],
                         [("ddr", 1, 0x80000000, 0x1000000),
                          ("vdev0vring0", 1, 0x55000000, 0x8000),
                          ("vdev0vring1", 1, 0x55008000, 0x8000),
                          ("vdev0buffer", 1, 0x55400000, 0x100000),
                          ("rsc-table", 1, 0x550ff000, 0x1000)]),
        "no-map-missing": dt_spec(c22, tcm, [("ddr", 0, 0x80000000,
                                              0x1000000)]),
        "dangling": dt_spec(c22, tcm, [("ddr", 3, 0x80000000, 0x1000000)]),
        "names-mismatch": dt_spec(c22, tcm, [("ddr", 1, 0x80000000,
                                              0x1000000)], 0x40),
        "cells-3": dt_spec(0x3 | 0xc | 0x30 | 0xc0, tcm, []),
        "clock-none": dt_spec(c22, tcm, [("ddr", 1, 0x80000000, 0x1000000)],
                              clock=1),
        "clock-other": dt_spec(c22, tcm, [("ddr", 1, 0x80000000,
                                           0x1000000)], clock=2),
        "mbox": dt_spec(c22, tcm, [("ddr", 1, 0x80000000, 0x1000000)],
                        mbox=1),
        "mbox-unnamed": dt_spec(c22, tcm, [("ddr", 1, 0x80000000,
                                            0x1000000)], mbox=2),
        "mbox-no-rx": dt_spec(c22, tcm, [("ddr", 1, 0x80000000, 0x1000000)],
                              mbox=3),
    }
    for name, data in seeds.items():
        write(os.path.join(out, name), data)
    raw_dtbs(out)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    fixtures, mkelf, out = sys.argv[1:]
    corpus = os.path.join(out, "corpus")
    dtb = os.path.join(out, "corpus-dtb")
    os.makedirs(corpus, exist_ok=True)
    os.makedirs(dtb, exist_ok=True)
    elves = {}
    for d, prefix in ((fixtures, "fx-"), (mkelf, "")):
        for f in sorted(os.listdir(d)):
            if not f.endswith(".elf") or f == "many.elf":
                continue
            if prefix and f.startswith("malformed-") and \
                    os.path.getsize(os.path.join(d, f)) > SHRINK:
                continue    # mcux-tcm, one field broken: mkelf.py has those
            data = load(os.path.join(d, f))
            if data is not None:
                elves[prefix + f[:-4]] = data
    # Every image against the Verdin table and the table of every kind;
    # every table against a TCM, a DDR and a resource-table image.
    for name, data in elves.items():
        for h in ("verdin", "full"):
            write(os.path.join(corpus, "%s.%s" % (h, name)),
                  header(HEADERS[h]) + data)
    for h, decls in HEADERS.items():
        for name in ("fx-mcux-tcm", "fx-ddr", "fx-rsc", "fx-ocram"):
            if name in elves and h not in ("verdin", "full"):
                write(os.path.join(corpus, "%s.%s" % (h, name)),
                      header(decls) + elves[name])
    write(os.path.join(corpus, "max-out-2.fx-mcux-tcm"),
          header(HEADERS["full"], 3) + elves.get("fx-mcux-tcm", b""))
    dt_corpus(dtb)


if __name__ == "__main__":
    main()
