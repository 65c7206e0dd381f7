"""course collect: file returned notebooks (a folder or a .zip) into submitted/."""

from __future__ import annotations

import argparse
from pathlib import Path

from ._common import BadInput, add_json, plain, print_json

NAME = "collect"
HELP = "file returned notebooks (folder or .zip) into nbgrader's submitted/ layout"
DESCRIPTION = (
    "File the notebooks learners returned (a folder, or a .zip as e-mailed or exported by an LMS) into "
    "submitted/LEARNER/ASSIGNMENT/. The learner comes from the file or folder name (matched to --roster "
    "when given), the assignment from the notebook's grade ids or its name. Prints the mapping and anything "
    "it could not place. Nothing is lost: every file received is archived in collected/, and an earlier "
    "version that a newer one replaces is kept in collected/superseded/."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare the command-line options."""
    p.add_argument("src", type=Path, metavar="SRC", help="folder or .zip of returned notebooks")
    p.add_argument("--roster", type=Path, help="CSV with columns id,name[,aliases]: match learners and store certificate names")
    p.add_argument("--db-url", help="gradebook URL (default: sqlite gradebook.db in the course root)")
    add_json(p, "print the mapping as JSON: {placements: [{source, student, assignment, status, detail}], summary}")


def run(args: argparse.Namespace) -> int:
    """Run the command; returns the exit status."""
    from ..grading.collect import collect

    try:
        placements = collect(args.src, roster=args.roster, db_url=args.db_url)
    except (ValueError, OSError) as exc:
        raise BadInput(plain(str(exc), 500)) from None
    counts = {s: sum(1 for p in placements if p.status == s)
              for s in ("new", "replaced", "older", "duplicate", "unplaced", "skipped")}
    if args.json:
        print_json({"placements": [{"source": p.source, "student": p.student, "assignment": p.assignment,
                                    "status": p.status, "detail": p.detail} for p in placements],
                    "summary": counts})
        return 0
    placed = [p for p in placements if p.status not in ("unplaced", "skipped")]
    unplaced = [p for p in placements if p.status == "unplaced"]
    skipped = [p for p in placements if p.status == "skipped"]
    width = min(60, max((len(plain(p.source)) for p in placements), default=10))
    if placed:
        print("Filed:")
        for p in placed:
            print(f"  {plain(p.source):<{width}}  {plain(p.student)}/{p.assignment}  [{p.status}] {plain(p.detail)}")
    if unplaced:
        print("Could not place (kept in collected/; file them by hand or fix the name and collect again):")
        for p in unplaced:
            print(f"  {plain(p.source):<{width}}  {plain(p.detail)}")
    if skipped:
        print("Skipped (not filed, not archived):")
        for p in skipped:
            print(f"  {plain(p.source):<{width}}  {plain(p.detail)}")
    print("Summary: " + ", ".join(f"{n} {s}" for s, n in counts.items()))
    return 0
