"""course grade: parallel, sandboxed autograding that survives bad submissions."""

from __future__ import annotations

import argparse
import sys
import time

from ..grading.limits import CELL_TIMEOUT
from ._common import BadInput, Failed, add_json, add_quiet, plain, print_json, progress

NAME = "grade"
HELP = "autograde submissions in parallel; bad submissions are reported, the rest graded"
DESCRIPTION = (
    "Autograde everything in submitted/ with nbgrader, several learners at once. No learner-written code "
    "runs: each answer is read as a literal value and written into the course's own notebook, anything else "
    "is scored as not attempted, and extra code cells are dropped. As a second wall, every notebook runs in "
    "a sandbox (Linux namespaces: no network, no capabilities, its own PID namespace and file system, "
    "limits per submission); where the sandbox cannot be built, course grade refuses to run unless you pass "
    "--sandbox off. Results are merged into the gradebook by this one process. Every submission that cannot "
    "be graded is listed by learner and reason."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare the command-line options."""
    p.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="e.g. 00_welcome (default: all)")
    p.add_argument("--workers", type=int, default=2, help="submissions graded at once (default: 2)")
    p.add_argument("--student", action="append", dest="students", metavar="ID", help="only this learner (repeatable)")
    p.add_argument("--db-url", help="gradebook URL, e.g. postgresql://user@host/db (default: sqlite gradebook.db)")
    p.add_argument("--cell-timeout", type=float, default=CELL_TIMEOUT,
                   help=f"seconds one cell may run (default: {CELL_TIMEOUT:g})")
    p.add_argument("--memory-mb", type=int, default=4096,
                   help="memory one submission may use, all its processes together, in MB (default: 4096)")
    p.add_argument("--output-mb", type=float, default=1, help="output one cell may print (default: 1)")
    p.add_argument("--disk-mb", type=int, default=256, help="what one submission may write, in MB (default: 256)")
    p.add_argument("--sandbox", choices=["on", "off", "auto"], default="on",
                   help="on (default; 'auto' means the same): refuse to grade if the sandbox cannot be built here; "
                        "off: grade without it (only for submissions you trust)")
    add_json(p, "print the results as JSON: {assignments: {ASSIGNMENT: {submissions, graded, problems, warnings}}, "
                "setup_problems, seconds, workers}")
    add_quiet(p)


def run(args: argparse.Namespace) -> int:
    """Run the command; returns the exit status."""
    from ..grading.engine import R_SETUP, Limits, grade

    limits = Limits(cell_timeout=args.cell_timeout, memory_mb=args.memory_mb, output_mb=args.output_mb,
                    disk_mb=args.disk_mb)
    if args.sandbox == "off":
        print("course grade: warning: --sandbox off: notebooks run without the sandbox (answers are still read "
              "as literals only).", file=sys.stderr)
    start = time.perf_counter()
    try:
        reports = grade(args.assignments or None, students=args.students, workers=args.workers,
                        db_url=args.db_url, limits=limits, progress=progress(args), sandbox=args.sandbox)
    except RuntimeError as exc:  # this machine cannot grade safely (no sandbox), or a worker did not start
        raise Failed(str(exc)) from None
    except ValueError as exc:  # an unknown assignment, --workers 0
        raise BadInput(str(exc)) from None
    seconds = time.perf_counter() - start
    if args.json:
        print_json(_as_json(reports, seconds, args.workers, R_SETUP))
        return 0
    setup = 0
    for assignment, report in reports.items():
        n = len(report.graded) + len(report.problems)
        if not n:
            print(f"{assignment}: no submissions")
            continue
        print(f"{assignment}: graded {len(report.graded)} of {n} submissions")
        for w in report.warnings:
            label = "CHECK SET-UP" if w.reason.startswith(R_SETUP) else "note"
            setup += label != "note"
            print(f"  {label:<8} {plain(w.student)}: {plain(w.reason)}")
        for p in report.problems:
            print(f"  NOT GRADED  {plain(p.student)}: {plain(p.reason)}")
    if setup:
        print(f"{setup} submission(s) failed in a way that points at the grading set-up (missing data or module), "
              "not at the learners' work: fix the set-up and grade them again.")
    print(f"Done in {seconds:.1f} s ({args.workers} workers). Next: `course feedback`, `course report`.")
    return 0


def _as_json(reports: dict, seconds: float, workers: int, setup_prefix: str) -> dict:
    """What the text output says, as data (stable keys)."""
    out: dict = {}
    setup = 0
    for assignment, report in reports.items():
        warnings = []
        for w in report.warnings:
            is_setup = w.reason.startswith(setup_prefix)
            setup += is_setup
            warnings.append({"student": w.student, "reason": w.reason, "setup": is_setup})
        out[assignment] = {
            "submissions": len(report.graded) + len(report.problems),
            "graded": list(report.graded),
            "problems": [{"student": p.student, "reason": p.reason} for p in report.problems],
            "warnings": warnings,
        }
    return {"assignments": out, "setup_problems": setup, "seconds": round(seconds, 3), "workers": workers}
