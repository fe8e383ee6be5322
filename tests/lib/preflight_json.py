#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""What `m7-preflight --json` printed, checked for its shape and read back.

    preflight_json.py ops JSON           the plan's ops, one line
    preflight_json.py regions JSON NAME  the regions called NAME, one a line
    preflight_json.py rsc JSON           the resource table: "DA LEN" or "null"
    preflight_json.py refusal JSON ERR   "CHECK|FIELD|SEGMENT|OTHER|ENTRY"
                                         ("-" for none); the message must be
                                         ERR's text, what stderr said

Each first checks the document against the shape m7-preflight prints
(tools/m7-preflight.c: print_json_plan(), refuse()): every key and no
other, each of its type, the verdict; and exits 1 naming what differs.
"""
import json
import sys

from cli import dispatch

PLAN = {"file": str, "verdict": str, "entry": int, "segments": int,
        "regions": list, "ops": list, "resource_table": (dict, type(None))}
REFUSAL = {"file": str, "verdict": str, "check": str, "field": str,
           "errno": int, "segment": int, "other_segment": int, "entry": int,
           "vring": int, "message": str}
REGION = {"name": str, "da": int, "pa": int, "size": int, "load": bool,
          "alias": bool, "room_left": int}
OP = {"kind": str, "segment": int, "region": str, "da": int, "offset": int,
      "len": int}
OP_MORE = {"copy": {"src": int}, "zero": {}, "vector": {"sp": int, "pc": int}}


class Shape(Exception):
    pass


def shape(obj, want, what):
    """obj has exactly the keys of want, each of its type (bool is not int)."""
    if not isinstance(obj, dict):
        raise Shape("%s is %s, not an object" % (what, type(obj).__name__))
    if set(obj) != set(want):
        raise Shape("%s has keys %s, expected %s"
                    % (what, sorted(obj), sorted(want)))
    for k, t in want.items():
        types = t if isinstance(t, tuple) else (t,)
        v = obj[k]
        # bool is an int to isinstance(), not to JSON
        if not isinstance(v, types) or (isinstance(v, bool) and bool not in types):
            raise Shape("%s: \"%s\" is %r" % (what, k, v))


def load(path, verdict):
    try:
        doc = json.load(open(path))
    except ValueError as e:
        raise Shape("not JSON: %s" % e)
    shape(doc, PLAN if verdict == "accepted" else REFUSAL, "the document")
    if doc["verdict"] != verdict:
        raise Shape("verdict %r, expected %r" % (doc["verdict"], verdict))
    if verdict == "accepted":
        for i, r in enumerate(doc["regions"]):
            shape(r, REGION, "region %d" % i)
        for i, o in enumerate(doc["ops"]):
            shape(o, dict(OP, **OP_MORE.get(o.get("kind"), {})), "op %d" % i)
        if doc["resource_table"] is not None:
            shape(doc["resource_table"], {"da": int, "len": int},
                  "resource_table")
    return doc


def run(verdict, fn):
    def cmd(args):
        try:
            for line in fn(load(args[0], verdict), *args[1:]):
                print(line)
        except (Shape, IndexError, TypeError) as e:
            print("preflight_json: %s: %s" % (args[0] if args else "?", e),
                  file=sys.stderr)
            return 1
        return 0
    return cmd


def ops(doc):
    def one(o):
        s = "%s %d %s %#x %#x" % (o["kind"], o["segment"], o["region"],
                                  o["da"], o["len"])
        if o["kind"] == "vector":
            s += " sp=%#x pc=%#x" % (o["sp"], o["pc"])
        return s
    yield ";".join(one(o) for o in doc["ops"])


def regions(doc, name):
    for r in doc["regions"]:
        if r["name"] == name:
            yield "%#x %#x %#x%s" % (r["da"], r["pa"], r["size"],
                                     " alias" if r["alias"] else "")


def rsc(doc):
    t = doc["resource_table"]
    yield "null" if t is None else "%#x %d" % (t["da"], t["len"])


def refusal(doc, err):
    got = open(err).read()
    if got != doc["message"] + "\n":
        raise Shape("\"message\" is not what stderr says:\n%s\n---\n%s"
                    % (doc["message"], got))
    f = lambda v: "-" if v < 0 else str(v)
    yield "|".join((doc["check"], doc["field"] or "-", f(doc["segment"]),
                    f(doc["other_segment"]), f(doc["entry"])))


if __name__ == "__main__":
    dispatch({"ops": run("accepted", ops), "regions": run("accepted", regions),
              "rsc": run("accepted", rsc), "refusal": run("refused", refusal)},
             __doc__)
