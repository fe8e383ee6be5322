# SPDX-License-Identifier: GPL-2.0
"""A remoteproc resource table (include/linux/remoteproc.h) as the host
sees it, and what the remoteproc core may write into the loaded copy.

After `echo start` the core installs its cached table over the one the
driver loaded and then writes into it: a vdev's notifyid, gfeatures and
status, each vring's da and notifyid (remoteproc_core.c rproc_alloc_vring,
rproc_free_vring; remoteproc_virtio.c rp_find_vq, rproc_virtio_set_status,
rproc_virtio_reset, rproc_virtio_finalize_features), a carve-out's da and
pa (rproc_alloc_carveout). Every other byte stays as the firmware has it.

    check(orig, got) -> (problems, writable)

compares the loaded table `got` with the firmware's `orig`: `problems`
lists each byte change the core may not make (or a value it may not
write), `writable` the byte offsets the core may change.
"""
import struct
import sys

RSC_CARVEOUT, RSC_DEVMEM, RSC_TRACE, RSC_VDEV = 0, 1, 2, 3
VDEV_HDR = struct.Struct("<IIIIIIBB2x")    # type .. num_of_vrings, reserved
VRING = struct.Struct("<IIIII")            # da, align, num, notifyid, reserved
CARVEOUT = struct.Struct("<IIIIII32s")     # type, da, pa, len, flags, reserved
# The virtio status bits a driver may set (include/uapi/linux/virtio_config.h).
VIRTIO_STATUS = 0x01 | 0x02 | 0x04 | 0x08 | 0x40 | 0x80
# Transport feature bits the core may add to what the device offers:
# VIRTIO_RING_F_INDIRECT_DESC (28) and VIRTIO_RING_F_EVENT_IDX (29) only
# when offered, so gfeatures must be a subset of dfeatures.


def u32(buf, off):
    return struct.unpack_from("<I", buf, off)[0]


def entries(buf):
    """(index, offset, type) of every entry; raises ValueError if malformed."""
    if len(buf) < 16:
        raise ValueError(f"table of {len(buf)} bytes has no header")
    ver, num = struct.unpack_from("<II", buf, 0)
    if ver != 1 or 16 + 4 * num > len(buf):
        raise ValueError(f"table header ver {ver}, {num} entries, {len(buf)} bytes")
    out = []
    for i in range(num):
        off = u32(buf, 16 + 4 * i)
        if off + 4 > len(buf):
            raise ValueError(f"entry {i} at 0x{off:x} past the table's end")
        out.append((i, off, u32(buf, off)))
    return out


def vdev_fields(buf, off):
    """The core-writable fields of the vdev at @off: (name, offset, size)."""
    if off + VDEV_HDR.size > len(buf):
        raise ValueError(f"vdev at 0x{off:x} past the table's end")
    nvr = VDEV_HDR.unpack_from(buf, off)[7]
    if off + VDEV_HDR.size + nvr * VRING.size > len(buf):
        raise ValueError(f"vdev at 0x{off:x}: {nvr} vrings past the table's end")
    f = [("notifyid", off + 8, 4), ("gfeatures", off + 16, 4), ("status", off + 24, 1)]
    for v in range(nvr):
        vo = off + VDEV_HDR.size + v * VRING.size
        f += [(f"vring{v}.da", vo, 4), (f"vring{v}.notifyid", vo + 12, 4)]
    return f


def check(orig, got):
    """What the core changed in the loaded table, and whether it may."""
    problems, writable = [], set()
    if len(orig) != len(got):
        return [f"table size {len(got)} != {len(orig)}"], writable
    fields = []
    for i, off, typ in entries(orig):
        if typ == RSC_VDEV:
            fields += [(f"entry {i} vdev {n}", o, s) for n, o, s in vdev_fields(orig, off)]
            dfeat = u32(orig, off + 12)
            gfeat, status = u32(got, off + 16), got[off + 24]
            if gfeat & ~dfeat:
                problems.append(f"entry {i} vdev gfeatures 0x{gfeat:x} not within "
                                f"dfeatures 0x{dfeat:x}")
            if status & ~VIRTIO_STATUS:
                problems.append(f"entry {i} vdev status 0x{status:02x} has unknown bits")
        elif typ == RSC_CARVEOUT:
            fields += [(f"entry {i} carveout da", off + 4, 4),
                       (f"entry {i} carveout pa", off + 8, 4)]
    for _name, o, s in fields:
        writable.update(range(o, o + s))
    for o in range(len(orig)):
        if o not in writable and orig[o] != got[o]:
            problems.append(f"byte 0x{o:x} of the table: 0x{got[o]:02x} != "
                            f"0x{orig[o]:02x}, which the core never writes")
            break
    return problems, writable


def changed(orig, got):
    """The writable fields whose value changed: [(name, old, new)]."""
    out = []
    for i, off, typ in entries(orig):
        if typ != RSC_VDEV:
            continue
        for name, o, s in vdev_fields(orig, off):
            a = int.from_bytes(orig[o:o + s], "little")
            b = int.from_bytes(got[o:o + s], "little")
            if a != b:
                out.append((f"entry {i} vdev {name}", a, b))
    return out


def has_vdev(buf):
    """True if the table declares a vdev (so the image speaks RPMsg)."""
    try:
        return any(t == RSC_VDEV for _i, _o, t in entries(buf))
    except ValueError:
        return False


def table_bytes(plan, fw):
    """The firmware's resource table bytes, found through the plan's copy
    op that loads it (m7-preflight --json), or None."""
    rsc = plan.get("resource_table")
    if not rsc:
        return None
    for op in plan["ops"]:
        if op["kind"] == "copy" and op["da"] <= rsc["da"] and \
                rsc["da"] + rsc["len"] <= op["da"] + op["len"]:
            src = op["src"] + rsc["da"] - op["da"]
            return fw[src:src + rsc["len"]]
    return None


def main(argv):
    """rsc_table.py has-vdev PLAN.json FW.elf: exit 0 if FW's table has a vdev."""
    import json

    if len(argv) != 4 or argv[1] != "has-vdev":
        print(main.__doc__, file=sys.stderr)
        return 2
    with open(argv[2]) as f:
        try:
            plan = json.load(f)
        except ValueError:
            return 1
    with open(argv[3], "rb") as f:
        buf = table_bytes(plan, f.read())
    return 0 if buf is not None and has_vdev(buf) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
