"""course grade: parallel, sandboxed autograding that survives bad submissions."""

from __future__ import annotations

import argparse
import sys
import time

NAME = "grade"
HELP = "autograde submissions in parallel; bad submissions are reported, the rest graded"
DESCRIPTION = (
    "Autograde everything in submitted/ with nbgrader, several learners at once. Each submission is graded "
    "in its own private copy of the course with its own gradebook, with a per-cell timeout and a memory limit, "
    "and (on Linux) with no network and the real gradebook and other learners' files read-only; the results "
    "are merged into the gradebook by this one process. Every submission that cannot be graded is listed by "
    "learner and reason."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare the command-line options."""
    p.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="e.g. 00_welcome (default: all)")
    p.add_argument("--workers", type=int, default=2, help="submissions graded at once (default: 2)")
    p.add_argument("--student", action="append", dest="students", metavar="ID", help="only this learner (repeatable)")
    p.add_argument("--db-url", help="gradebook URL, e.g. postgresql://user@host/db (default: sqlite gradebook.db)")
    p.add_argument("--cell-timeout", type=float, default=60, help="seconds one cell may run (default: 60)")
    p.add_argument("--memory-mb", type=int, default=4096, help="memory limit of the learner's kernel in MB (default: 4096)")
    p.add_argument("--output-mb", type=float, default=1, help="output one cell may print (default: 1)")
    p.add_argument("--sandbox", choices=["auto", "on", "off"], default="auto",
                   help="namespace sandbox (default: auto = use it when this machine supports it)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


def run(args: argparse.Namespace) -> int:
    """Run the command; returns the exit status."""
    from ..grading.engine import Limits, grade

    limits = Limits(cell_timeout=args.cell_timeout, memory_mb=args.memory_mb, output_mb=args.output_mb)
    start = time.perf_counter()
    try:
        reports = grade(args.assignments or None, students=args.students, workers=args.workers,
                        db_url=args.db_url, limits=limits, progress=not args.no_progress, sandbox=args.sandbox)
    except (ValueError, RuntimeError) as exc:
        print(f"course grade: {exc}", file=sys.stderr)
        return 1
    seconds = time.perf_counter() - start
    total = 0
    for assignment, report in reports.items():
        n = len(report.graded) + len(report.problems)
        total += n
        if not n:
            print(f"{assignment}: no submissions")
            continue
        print(f"{assignment}: graded {len(report.graded)} of {n} submissions")
        for w in report.warnings:
            print(f"  note     {w.student}: {w.reason}")
        for p in report.problems:
            print(f"  NOT GRADED  {p.student}: {p.reason}")
    print(f"Done in {seconds:.1f} s ({args.workers} workers). Next: `course feedback`, `course report`.")
    return 0
