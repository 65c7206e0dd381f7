"""course release: regenerate exercises/ from solutions/ (wraps nbgrader generate_assignment)."""

from __future__ import annotations

from ._common import BadInput, Failed, add_out

NAME = "release"
HELP = "regenerate the learner versions in exercises/ from solutions/"
DESCRIPTION = (
    "Regenerate the student versions of assignments with nbgrader: solution code is replaced "
    "by a stub and hidden tests are removed. `make exercises` runs this for every assignment."
)


def add_arguments(p):
    """Declare the command-line options."""
    p.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="e.g. 00_welcome (default: all)")
    add_out(p, "exercises/", aliases=("--dest",))


def run(args) -> int:
    """Run the command; returns the exit status."""
    from ..grading import release

    try:
        written = release(args.assignments or None, dest=args.out)
    except ValueError as exc:  # no such assignment
        raise BadInput(str(exc)) from None
    except RuntimeError as exc:  # nbgrader failed
        raise Failed(str(exc)) from None
    for path in written:
        print(f"released {path}")
    return 0
