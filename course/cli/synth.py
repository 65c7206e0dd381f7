"""course synth: regenerate data/ from the seeded generators."""

from __future__ import annotations

from ._common import BadInput, add_out

NAME = "synth"
HELP = "regenerate the synthetic data in data/ (same seeds, same bytes)"


def add_arguments(p):
    """Declare the command-line options."""
    p.add_argument("names", nargs="*", help="data sets to regenerate (default: all, plus data/README.md)")
    add_out(p, "data/")


def run(args) -> int:
    """Run the command; returns the exit status."""
    from ..data import data_dir
    from ..synth import registry, write_all

    unknown = [n for n in args.names if n not in registry()]
    if unknown:
        raise BadInput(f"unknown data set(s): {', '.join(unknown)}; known: {', '.join(registry())}")
    for path in write_all(args.out or data_dir(), args.names or None):
        print(f"wrote {path}")
    return 0
