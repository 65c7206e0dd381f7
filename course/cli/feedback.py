"""course feedback: HTML feedback per learner (hidden tests never revealed)."""

from __future__ import annotations

import argparse
import sys

from ._common import Failed, add_quiet, chatter, plain, progress

NAME = "feedback"
HELP = "write HTML feedback per learner into feedback/ (hidden-test details not revealed)"
DESCRIPTION = (
    "Write feedback/LEARNER/ASSIGNMENT/NOTEBOOK.html for every graded submission: the questions, the "
    "learner's answers (as plain text), and for each autograded question whether it passed and the points. "
    "No test code, hidden cases or kernel output is ever shown, and the pages load nothing from the internet. "
    "Run after `course grade`."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare the command-line options."""
    p.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="default: all")
    p.add_argument("--student", action="append", dest="students", metavar="ID", help="only this learner (repeatable)")
    p.add_argument("--db-url", help="gradebook URL (default: sqlite gradebook.db)")
    add_quiet(p)


def run(args: argparse.Namespace) -> int:
    """Run the command; returns the exit status."""
    from ..grading.feedback import write_feedback

    result = write_feedback(assignments=args.assignments or None, db_url=args.db_url, students=args.students,
                            progress=progress(args))
    if not result.written and not result.problems:
        raise Failed("nothing graded yet; run `course grade` first.")
    for path in result.written if chatter(args) else ():
        print(f"wrote {plain(str(path))}")
    for student, assignment, reason in result.problems:
        print(f"  NO FEEDBACK  {plain(student)} ({assignment}): {plain(reason)}", file=sys.stderr)
    print(f"{len(result.written)} feedback file(s). Send each learner only their own folder.")
    return 0 if result.written else 1
