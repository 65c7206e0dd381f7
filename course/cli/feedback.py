"""course feedback: HTML feedback per learner (hidden tests never revealed)."""

from __future__ import annotations

import argparse
import sys

NAME = "feedback"
HELP = "write HTML feedback per learner into feedback/ (hidden-test details not revealed)"
DESCRIPTION = (
    "Write feedback/LEARNER/ASSIGNMENT/NOTEBOOK.html for every graded submission: the learner's answers, "
    "a score per question, and the visible tests only. Hidden tests and the details of their failures are "
    "never shown. Run after `course grade`."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare the command-line options."""
    p.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="default: all")
    p.add_argument("--student", action="append", dest="students", metavar="ID", help="only this learner (repeatable)")
    p.add_argument("--db-url", help="gradebook URL (default: sqlite gradebook.db)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


def run(args: argparse.Namespace) -> int:
    """Run the command; returns the exit status."""
    from ..grading.feedback import write_feedback

    written = write_feedback(assignments=args.assignments or None, db_url=args.db_url, students=args.students,
                             progress=not args.no_progress)
    if not written:
        print("course feedback: nothing graded yet; run `course grade` first.", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    print(f"{len(written)} feedback file(s). Send each learner only their own folder.")
    return 0
