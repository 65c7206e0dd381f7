"""The ``course`` command. Each sub-command is a module in this package that defines
``NAME``, ``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``; they are
discovered, so adding a command touches no other file. Every command follows one
convention for exit status, errors and the ``--json``/``--out``/``--quiet``/``--no-progress``
options; it is described, and kept, in :mod:`course.cli._common`.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from .. import COURSE_TITLE, __version__
from ._common import BAD_INPUT, CommandError, report_error

__all__ = ["COURSE_FOLDER_COMMANDS", "build_parser", "main"]

#: Commands that work on a course folder. Each prints the folder it uses on its first
#: line (on stderr when the command prints JSON), and stops if there is none.
COURSE_FOLDER_COMMANDS = frozenset({
    "release", "collect", "grade", "feedback", "report", "certificates", "verify", "purge", "facilitate",
})


def _commands():
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            yield importlib.import_module(f"{__name__}.{info.name}")


def build_parser() -> argparse.ArgumentParser:
    """The ``course`` argument parser, with one sub-command per module of this package."""
    parser = argparse.ArgumentParser(
        prog="course",
        description=f"{COURSE_TITLE}: tools for learners, facilitators and practices. Everything runs offline.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _commands():
        p = sub.add_parser(module.NAME, help=module.HELP, description=getattr(module, "DESCRIPTION", module.HELP))
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``course`` with *argv* (default: the command line); returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    if args.command in COURSE_FOLDER_COMMANDS:
        from .. import _paths

        try:
            line = _paths.root_line()
        except _paths.NoCourseRoot as exc:
            print(f"course {args.command}: {exc}", file=sys.stderr)
            return BAD_INPUT
        print(line, file=sys.stderr if getattr(args, "json", False) else sys.stdout, flush=True)
    try:
        return int(args._run(args) or 0)
    except CommandError as exc:
        return report_error(args.command, exc)
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
