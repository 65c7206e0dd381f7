"""course purge: remove a cohort's submissions and gradebook entries after export."""

from __future__ import annotations

import argparse

from ._common import BadInput, Failed

NAME = "purge"
HELP = "remove a cohort's submissions and gradebook entries (after `course report`)"
DESCRIPTION = (
    "Data minimisation: delete learners' files in submitted/, autograded/, feedback/ and collected/, their "
    "gradebook submissions, learners left without submissions, and (unless --keep-register) the certificate "
    "register. Export first with `course report`."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare the command-line options."""
    p.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="only these (default: everything)")
    p.add_argument("--yes", action="store_true", help="really delete (required)")
    p.add_argument("--keep-register", action="store_true",
                   help="keep the certificate register (each certificate's code and every printed field: name, "
                        "licence number and state, dates, hours, modules) so certificates stay verifiable for your "
                        "record-retention period (course/guide/ce-certificates.md); a later purge without it "
                        "deletes the register")
    p.add_argument("--no-export-check", action="store_true", help="purge even if reports/grades.csv does not exist")
    p.add_argument("--db-url", help="gradebook URL (default: sqlite gradebook.db)")


def run(args: argparse.Namespace) -> int:
    """Run the command; returns the exit status."""
    from ..grading.purge import purge

    if not args.yes:
        raise BadInput("this deletes learner data for good; add --yes to confirm.")
    try:
        result = purge(assignments=args.assignments or None, db_url=args.db_url, keep_register=args.keep_register,
                       require_export=not args.no_export_check)
    except RuntimeError as exc:  # not exported yet: refused, nothing deleted
        raise Failed(str(exc)) from None
    print(f"Removed {len(result.folders)} folder(s), {result.submissions} gradebook submission(s), "
          f"{result.learners} learner(s), {result.certificates} certificate register entr(y/ies).")
    return 0
