# SPDX-License-Identifier: GPL-2.0
"""The command line of the harness's Python tools: `tool.py COMMAND ARGS...`."""
import sys


def dispatch(cmds, doc, argv=None):
    """Run cmds[COMMAND](ARGS) and exit with its status; with no or an
    unknown command, print doc (the tool's usage) and exit 2."""
    argv = sys.argv if argv is None else argv
    if len(argv) < 3 or argv[1] not in cmds:
        print(doc, file=sys.stderr)
        sys.exit(2)
    sys.exit(cmds[argv[1]](argv[2:]))
