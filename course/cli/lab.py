"""course lab: open the course in JupyterLab, offline and on this computer only."""

from __future__ import annotations

import argparse
import os
import shlex

from ._common import Failed

NAME = "lab"
HELP = "open the course in JupyterLab (the same settings as `make lab`; use this with conda)"
DESCRIPTION = (
    "Start JupyterLab on 127.0.0.1 at module 00, with no update checks, no news pop-up and no "
    "extension store: the same settings `make lab` uses. Options after the command go to "
    "JupyterLab, e.g. `course lab --no-browser --port=8899`."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare the command-line options; everything else is passed on to JupyterLab."""
    p.add_argument("--print", action="store_true", help="print the command instead of running it")
    p.allow_abbrev = False  # so JupyterLab's --port is never read as our --print
    parse = p.parse_known_args

    def parse_known_args(args=None, namespace=None):
        namespace, extra = parse(args, namespace)
        namespace.jupyter_args = [a for a in extra if a != "--"]
        return namespace, []

    p.parse_known_args = parse_known_args  # JupyterLab's own options are not ours to refuse


def run(args: argparse.Namespace) -> int:
    """Run JupyterLab in place of this process; returns its exit status."""
    from ..lab import lab_command, lab_env

    cmd = lab_command(getattr(args, "jupyter_args", []))
    env = lab_env()
    print("course lab:", " ".join(shlex.quote(c) for c in cmd), flush=True)
    if args.print:
        return 0
    try:
        os.execvpe(cmd[0], cmd, env)
    except OSError as exc:  # pragma: no cover - exec only fails on a broken install
        raise Failed(f"could not start JupyterLab ({exc})") from None
    return 0  # pragma: no cover
