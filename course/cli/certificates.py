"""course certificates: PDF certificates for learners who complete the course, and who did not, and why."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from ._common import BadInput, add_out

NAME = "certificates"
HELP = "PDF certificates for learners who meet the completion rule; lists who did not, and why"
DESCRIPTION = (
    "Write certificates/LEARNER.pdf for every learner who meets the syllabus's completion rule for the "
    "cohort's session format (post-test at or above the pass mark, every module of the format submitted, "
    "manual items graded, evaluation returned). Provider, approval statement, instructor, delivery and dates "
    "come from ce.toml in the course folder (see course/guide/ce-certificates.md); contact and ethics hours "
    "and module titles from the syllabus. Each certificate has a verification code that signs every printed "
    "field; `course verify CODE` confirms it. Prints who received a certificate and who did not, and why."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare the command-line options."""
    p.add_argument("--format", dest="session_format", metavar="FORMAT",
                   help="session format (staff-90, half-day, full-day, self-paced; default: ce.toml)")
    p.add_argument("--delivery", choices=["live in-person", "live online", "self-study"],
                   help="delivery format to print (default: ce.toml)")
    p.add_argument("--date", dest="dates", action="append", type=date.fromisoformat, metavar="YYYY-MM-DD",
                   help="session date to print (repeatable; default: ce.toml, or the completion date for self-study)")
    p.add_argument("--issued", type=date.fromisoformat, metavar="YYYY-MM-DD", help="issue date (default: today)")
    p.add_argument("--roster", type=Path, help="CSV with id and optional name, licence, state columns")
    add_out(p, "certificates/")
    p.add_argument("--db-url", help="gradebook URL (default: sqlite gradebook.db)")


def run(args: argparse.Namespace) -> int:
    """Run the command; returns the exit status."""
    from ..grading.certificates import issue_certificates

    try:
        result = issue_certificates(out=args.out, db_url=args.db_url, session_format=args.session_format,
                                    delivery=args.delivery, dates=args.dates, roster=args.roster,
                                    issued=args.issued)
    except (ValueError, KeyError, OSError) as exc:  # no ce.toml, a bad roster or format, a folder not writable
        raise BadInput(exc.args[0] if isinstance(exc, KeyError) else str(exc)) from None
    print(f"Session format: {result.format_id}. Completion rule: {result.rule}.")
    print(f"Certificate issued ({len(result.certificates)}):")
    for c in result.certificates:
        print(f"  {c.student}: {c.path}  code {c.code}")
    if not result.certificates:
        print("  (none)")
    print(f"No certificate ({len(result.not_issued)}):")
    for sid, _name, reasons in result.not_issued:
        print(f"  {sid}: {'; '.join(reasons)}")
    if not result.not_issued:
        print("  (none)")
    return 0
