"""course release: regenerate exercises/ from solutions/ (wraps nbgrader generate_assignment)."""

from __future__ import annotations

import sys
from pathlib import Path

NAME = "release"
HELP = "regenerate the learner versions in exercises/ from solutions/"
DESCRIPTION = (
    "Regenerate the student versions of assignments with nbgrader: solution code is replaced "
    "by a stub and hidden tests are removed. `make exercises` runs this for every assignment."
)


def add_arguments(p):
    p.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="e.g. 00_welcome (default: all)")
    p.add_argument("--dest", type=Path, help="write here instead of exercises/")


def run(args) -> int:
    from ..grading import release

    try:
        written = release(args.assignments or None, dest=args.dest)
    except (ValueError, RuntimeError) as exc:
        print(f"course release: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"released {path}")
    return 0
