#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check an imx-m7-rproc overlay applied to a board's DTB (Python stdlib only).

Usage:
  check-overlaid.py [options] BASE.dtb MERGED.dtb
  check-overlaid.py --same A.dtb B.dtb

The second form exits 0 when the two trees are the same, phandle values
compared by the node they point to, and lists the differences otherwise.

BASE.dtb is the board tree, MERGED.dtb the same tree after fdtoverlay.
Prints one TAP-style line per check, "ok - LABEL: what" or
"not ok - LABEL: what" with the detail indented on the lines after, and
exits 1 if any check failed (2 on usage or I/O errors).

Options:
  --label TEXT          prefix of every line (board + overlay)
  --expect NAME:PA:SIZE a region the node must declare, in order: reg
                        entries first (reg-names), then memory-region
                        entries (memory-region-names); repeat for each
  --soc imx8mp|imx8mm   the SoC whose node, clock controller, syscons and
                        MU the tree must have (default imx8mp)
  --clock-id N          the clock specifier the node's "clocks" must carry
  --firmware-resv NAME:PA:SIZE
                        a reservation firmware adds at boot (not in the
                        tree), checked like an existing reservation
  --regions-json FILE   write the regions the node declares as JSON
"""

import argparse
import json
import struct
import sys

# Per SoC: our compatible, the in-tree bindings for the same core (which
# imx_rproc would bind), the compatibles of the nodes our phandles must
# reach, and the name of the core clock.
SOCS = {
    "imx8mp": {
        "compatible": "imx-m7-rproc,imx8mp-cm7",
        "intree": ("fsl,imx8mp-cm7", "fsl,imx8mp-cm7-mmio", "fsl,imx8mn-cm7",
                   "fsl,imx8mn-cm7-mmio"),
        "ccm": "fsl,imx8mp-ccm", "gpr": "fsl,imx8mp-iomuxc-gpr",
        "src": "fsl,imx8mp-src", "mu": "fsl,imx8mp-mu",
        "clock": "IMX8MP_CLK_M7_CORE",
    },
    "imx8mm": {
        "compatible": "imx-m7-rproc,imx8mm-cm4",
        "intree": ("fsl,imx8mm-cm4",),
        "ccm": "fsl,imx8mm-ccm", "gpr": "fsl,imx8mm-iomuxc-gpr",
        "src": "fsl,imx8mm-src", "mu": "fsl,imx8mm-mu",
        "clock": "IMX8MM_CLK_M4_CORE",
    },
}
# The M7's view of DDR (upstream imx_rproc_att_imx8mn "DDR (Data)"):
# da == pa from 0x40000000, 2 GiB.
M7_DDR = (0x40000000, 0xC0000000)

FDT_MAGIC = 0xD00DFEED
FDT_BEGIN_NODE, FDT_END_NODE, FDT_PROP, FDT_NOP, FDT_END = 1, 2, 3, 4, 9


class Node:
    def __init__(self, name, parent):
        self.name = name
        self.parent = parent
        self.props = {}
        self.children = []

    @property
    def path(self):
        if self.parent is None:
            return "/"
        pp = self.parent.path
        return (pp if pp != "/" else "") + "/" + self.name

    def str(self, prop):
        v = self.props.get(prop)
        return None if v is None else v.rstrip(b"\0").decode("utf-8", "replace")

    def strs(self, prop):
        v = self.props.get(prop)
        if v is None:
            return []
        return [s.decode("utf-8", "replace") for s in v.rstrip(b"\0").split(b"\0")]

    def cells(self, prop):
        v = self.props.get(prop)
        if v is None:
            return None
        if len(v) % 4:
            raise ValueError("%s:%s is not a list of cells" % (self.path, prop))
        return list(struct.unpack(">%dI" % (len(v) // 4), v))

    def u32(self, prop, default=None):
        c = self.cells(prop)
        return default if not c else c[0]

    def enabled(self):
        return self.str("status") in (None, "okay", "ok")

    def compatible(self):
        return self.strs("compatible")


class Tree:
    def __init__(self, path):
        with open(path, "rb") as f:
            blob = f.read()
        (magic, totalsize, off_struct, off_strings, off_rsvmap, _ver, _lcv,
         _boot, size_strings, size_struct) = struct.unpack(">10I", blob[:40])
        if magic != FDT_MAGIC or totalsize > len(blob):
            raise ValueError("%s: not a flattened device tree" % path)
        self.memreserve = []
        off = off_rsvmap
        while True:
            addr, size = struct.unpack(">QQ", blob[off:off + 16])
            off += 16
            if addr == 0 and size == 0:
                break
            self.memreserve.append((addr, size))
        strings = blob[off_strings:off_strings + size_strings]
        s = blob[off_struct:off_struct + size_struct]
        pos, node, self.root = 0, None, None
        while pos < len(s):
            (tok,) = struct.unpack(">I", s[pos:pos + 4])
            pos += 4
            if tok == FDT_BEGIN_NODE:
                end = s.index(b"\0", pos)
                name = s[pos:end].decode()
                pos = (end + 4) & ~3
                n = Node(name, node)
                if node is None:
                    self.root = n
                else:
                    node.children.append(n)
                node = n
            elif tok == FDT_END_NODE:
                node = node.parent
            elif tok == FDT_PROP:
                ln, nameoff = struct.unpack(">II", s[pos:pos + 8])
                pos += 8
                pname = strings[nameoff:strings.index(b"\0", nameoff)].decode()
                node.props[pname] = s[pos:pos + ln]
                pos = (pos + ln + 3) & ~3
            elif tok == FDT_NOP:
                continue
            elif tok == FDT_END:
                break
            else:
                raise ValueError("%s: bad token %d" % (path, tok))
        self.by_phandle = {}
        self.by_path = {}
        for n in self.walk():
            self.by_path[n.path] = n
            ph = n.u32("phandle") or n.u32("linux,phandle")
            if ph:
                self.by_phandle[ph] = n

    def walk(self, n=None):
        n = n or self.root
        yield n
        for c in n.children:
            yield from self.walk(c)


def addr_cells(bus):
    return bus.u32("#address-cells", 2)


def size_cells(bus):
    return bus.u32("#size-cells", 1)


def join(cells):
    v = 0
    for c in cells:
        v = (v << 32) | c
    return v


def translate(node, addr):
    """CPU address of @addr in @node's parent bus, or None if not mapped."""
    bus = node.parent
    while bus.parent is not None:
        if "ranges" not in bus.props:
            return None
        rng = bus.cells("ranges")
        if rng:
            ca, pa, sc = addr_cells(bus), addr_cells(bus.parent), size_cells(bus)
            step = ca + pa + sc
            for i in range(0, len(rng) - step + 1, step):
                cb = join(rng[i:i + ca])
                pb = join(rng[i + ca:i + ca + pa])
                sz = join(rng[i + ca + pa:i + step])
                if cb <= addr < cb + sz:
                    addr = addr - cb + pb
                    break
            else:
                return None
        bus = bus.parent
    return addr


def regs(node):
    """[(cpu_address, size)] of @node's reg, [] if not memory-mapped."""
    if "reg" not in node.props or node.parent is None:
        return []
    ac, sc = addr_cells(node.parent), size_cells(node.parent)
    if ac > 2 or sc == 0:  # PCI, I2C, SPI, ...: not CPU addresses
        return []
    c = node.cells("reg")
    out = []
    for i in range(0, len(c) - (ac + sc) + 1, ac + sc):
        a = translate(node, join(c[i:i + ac]))
        s = join(c[i + ac:i + ac + sc])
        if a is not None and s:
            out.append((a, s))
    return out


def overlap(a, b):
    return a[0] < b[0] + b[1] and b[0] < a[0] + a[1]


def rng(r):
    return "[%#x, %#x)" % (r[0], r[0] + r[1])


class Report:
    def __init__(self, label):
        self.label = label
        self.failed = 0

    def check(self, ok, what, details=()):
        print("%s - %s: %s" % ("ok" if ok else "not ok", self.label, what))
        if not ok:
            self.failed += 1
            for d in details:
                print("    " + d)


def parse_region(text):
    name, pa, size = text.split(":")
    return name, int(pa, 0), int(size, 0)


def resolve(tree, node, prop, cells_prop, details):
    """Walk a phandle+args list. Returns [(target, args)]."""
    c = node.cells(prop) or []
    out, i = [], 0
    while i < len(c):
        t = tree.by_phandle.get(c[i])
        if t is None:
            details.append("%s: phandle %#x (entry %d) points to no node"
                           % (prop, c[i], len(out)))
            return out
        n = t.u32(cells_prop, 0) if cells_prop else 0
        if cells_prop and cells_prop not in t.props:
            details.append("%s: target %s has no %s" % (prop, t.path, cells_prop))
        args = c[i + 1:i + 1 + n]
        if len(args) != n:
            details.append("%s: entry %d is short of %d argument cells"
                           % (prop, len(out), n))
            return out
        out.append((t, args))
        i += 1 + n
    return out


def same_trees(pa, pb):
    """Compare two trees, phandle values compared by the path they name."""
    a, b = Tree(pa), Tree(pb)
    diffs = []
    for path, na in a.by_path.items():
        nb = b.by_path.get(path)
        if nb is None:
            diffs.append("%s: only in %s" % (path, pa))
            continue
        for prop in sorted(set(na.props) | set(nb.props)):
            if prop in ("phandle", "linux,phandle"):
                continue
            va, vb = na.props.get(prop), nb.props.get(prop)
            if va == vb:
                continue
            same = (va is not None and vb is not None and len(va) == len(vb)
                    and len(va) % 4 == 0)
            if same:
                for ca, cb in zip(na.cells(prop), nb.cells(prop)):
                    if ca != cb and (ca not in a.by_phandle or cb not in b.by_phandle
                                     or a.by_phandle[ca].path != b.by_phandle[cb].path):
                        same = False
                        break
            if not same and path.startswith("/__"):
                # __symbols__/__fixups__/__local_fixups__ name paths and
                # offsets; compared as sets of strings.
                same = sorted(na.strs(prop)) == sorted(nb.strs(prop))
            if not same:
                diffs.append("%s:%s differs" % (path, prop))
    diffs += ["%s: only in %s" % (p, pb) for p in b.by_path if p not in a.by_path]
    for d in diffs[:40]:
        print(d)
    return 1 if diffs else 0


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--same":
        return same_trees(sys.argv[2], sys.argv[3])
    ap = argparse.ArgumentParser()
    ap.add_argument("--label", default="")
    ap.add_argument("--expect", action="append", default=[])
    ap.add_argument("--soc", choices=sorted(SOCS), default="imx8mp")
    ap.add_argument("--clock-id", type=lambda s: int(s, 0))
    ap.add_argument("--firmware-resv", action="append", default=[])
    ap.add_argument("--regions-json")
    ap.add_argument("base")
    ap.add_argument("merged")
    a = ap.parse_args()
    try:
        base, tree = Tree(a.base), Tree(a.merged)
    except (OSError, ValueError, IndexError, struct.error) as e:
        print("check-overlaid: %s" % e, file=sys.stderr)
        return 2
    r = Report(a.label)
    soc = SOCS[a.soc]
    compatible = soc["compatible"]

    # 1. Our node, once, enabled.
    nodes = [n for n in tree.walk() if compatible in n.compatible()]
    r.check(len(nodes) == 1 and nodes[0].enabled(),
            "exactly one enabled %s node" % compatible,
            ["found: %s" % ", ".join("%s (status %s)" % (n.path, n.str("status"))
                                     for n in nodes) or "none"])
    if len(nodes) != 1:
        return 1
    m7 = nodes[0]

    # 2. No in-tree M7 node left enabled for imx_rproc to bind.
    intree = [n.path for n in tree.walk()
              if n.enabled() and set(n.compatible()) & set(soc["intree"])]
    r.check(not intree, "no enabled in-tree %s node" % "/".join(soc["intree"][:1]),
            ["enabled: " + ", ".join(intree)])

    # 3. Every phandle resolves, to the right kind of node.
    d = []
    clocks = resolve(tree, m7, "clocks", "#clock-cells", d)
    if len(clocks) != 1:
        d.append("clocks: %d entries, want 1" % len(clocks))
    else:
        t, args = clocks[0]
        if soc["ccm"] not in t.compatible():
            d.append("clocks: %s is not a %s" % (t.path, soc["ccm"]))
        if a.clock_id is not None and args != [a.clock_id]:
            d.append("clocks: specifier %s, want <%d> (%s)"
                     % (args, a.clock_id, soc["clock"]))
    for prop, compat in (("fsl,iomuxc-gpr", soc["gpr"]),
                         ("syscon", soc["src"])):
        if prop not in m7.props:
            continue
        t = resolve(tree, m7, prop, None, d)
        if len(t) != 1:
            d.append("%s: %d phandles, want 1" % (prop, len(t)))
        elif compat not in t[0][0].compatible() or "syscon" not in t[0][0].compatible():
            d.append("%s: %s is not a %s syscon (%s)"
                     % (prop, t[0][0].path, compat, t[0][0].compatible()))
    if "mboxes" in m7.props:
        mb = resolve(tree, m7, "mboxes", "#mbox-cells", d)
        if len(mb) != len(m7.strs("mbox-names")):
            d.append("mboxes: %d entries, mbox-names %d" % (len(mb), len(m7.strs("mbox-names"))))
        for t, args in mb:
            if soc["mu"] not in t.compatible() or not t.enabled():
                d.append("mboxes: %s is not an enabled %s" % (t.path, soc["mu"]))
    if "power-domains" in m7.props:
        resolve(tree, m7, "power-domains", "#power-domain-cells", d)
    carve = resolve(tree, m7, "memory-region", None, d)
    names = m7.strs("memory-region-names")
    if len(carve) != len(names):
        d.append("memory-region: %d phandles, memory-region-names %d"
                 % (len(carve), len(names)))
    for i, (t, _) in enumerate(carve):
        # The core hands the vdev buffer to of_reserved_mem_device_init().
        if (i < len(names) and names[i].startswith("vdev") and names[i].endswith("buffer")
                and "shared-dma-pool" not in t.compatible()):
            d.append("memory-region: %s (%s) is not a shared-dma-pool" % (t.path, names[i]))
        if t.parent is None or t.parent.path != "/reserved-memory":
            d.append("memory-region: %s is not a /reserved-memory node" % t.path)
        elif "no-map" not in t.props:
            d.append("memory-region: %s lacks no-map" % t.path)
        elif not t.enabled():
            d.append("memory-region: %s is disabled" % t.path)
        elif len(regs(t)) != 1:
            d.append("memory-region: %s has no single static reg" % t.path)
    r.check(not d, "every phandle of %s resolves to the right node" % m7.path, d)

    # 4. What the node declares is what the overlay is meant to declare.
    declared = []
    rn = m7.strs("reg-names")
    rr = regs(m7)
    for i, (pa, size) in enumerate(rr):
        declared.append((rn[i] if i < len(rn) else "?", pa, size, "reg"))
    for i, (t, _) in enumerate(carve):
        (pa, size), = regs(t) or [(0, 0)]
        declared.append((names[i] if i < len(names) else "?", pa, size, t.path))
    got = [(n, pa, s) for n, pa, s, _ in declared]
    want = [parse_region(e) for e in a.expect]
    fmt = lambda l: ["%s pa %#x size %#x" % x for x in l]
    r.check(len(rn) == len(rr) and got == want,
            "the node declares exactly the expected regions",
            ["declared: " + "; ".join(fmt(got)), "expected: " + "; ".join(fmt(want))]
            + (["reg has %d entries, reg-names %d" % (len(rr), len(rn))]
               if len(rn) != len(rr) else []))

    # 5. Reservations: the new ones against everything else.
    base_paths = {n.path for n in base.walk()}
    resv = tree.by_path.get("/reserved-memory")
    new, old = [], []
    for n in (resv.children if resv else []):
        for reg in regs(n):
            (old if n.path in base_paths else new).append((n.path, reg))
    old += [("/memreserve/", x) for x in tree.memreserve]
    for f in a.firmware_resv:
        nm, pa, sz = parse_region(f)
        old.append(("%s (added by firmware at boot)" % nm, (pa, sz)))
    new_paths = {p for p, _ in new}
    referenced = {t.path for t, _ in carve}
    d = ["%s is new but not referenced by %s" % (p, m7.path)
         for p in sorted(new_paths - referenced)]
    d += ["%s %s overlaps %s %s" % (p, rng(x), q, rng(y))
          for p, x in new for q, y in old if overlap(x, y)]
    r.check(not d, "new reservations (%d) overlap no existing one (%d)"
            % (len(new), len(old)), d)

    d = []
    for i, (p, x) in enumerate(new):
        for q, y in new[i + 1:]:
            if overlap(x, y):
                d.append("%s %s overlaps %s %s" % (p, rng(x), q, rng(y)))
    r.check(not d, "new reservations overlap each other nowhere", d)

    # Every memory-mapped node that is neither RAM nor a reservation.
    devices = []
    for n in tree.walk():
        if n is m7 or n.name.startswith("memory@") or n.name == "memory":
            continue
        if n.parent is not None and n.parent.path == "/reserved-memory":
            continue
        for reg in regs(n):
            devices.append((n.path, reg))
    d = ["%s %s overlaps %s %s" % (p, rng(x), q, rng(y))
         for p, x in new for q, y in devices if overlap(x, y)]
    d += ["%s TCM %s overlaps %s %s" % (m7.path, rng(x), q, rng(y))
          for x in rr for q, y in devices + old if overlap(x, y)]
    r.check(not d, "new reservations and the TCMs overlap none of %d "
            "memory-mapped device ranges" % len(devices), d)

    d = ["%s %s is outside the M7's DDR window %s" % (t.path, rng(regs(t)[0]),
                                                      rng((M7_DDR[0], M7_DDR[1] - M7_DDR[0])))
         for t, _ in carve if regs(t) and not
         (M7_DDR[0] <= regs(t)[0][0] and sum(regs(t)[0]) <= M7_DDR[1])]
    r.check(not d, "every carve-out lies in the M7's DDR window", d)

    if a.regions_json:
        with open(a.regions_json, "w") as f:
            json.dump([{"name": n, "pa": pa, "size": s, "source": src}
                       for n, pa, s, src in declared], f, indent=1)
    return 1 if r.failed else 0


if __name__ == "__main__":
    sys.exit(main())
