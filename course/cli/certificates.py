"""course certificates: PDF CE certificates with verification codes."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

NAME = "certificates"
HELP = "PDF CE certificates for learners who meet the completion rule"
DESCRIPTION = (
    "Write certificates/LEARNER.pdf for every learner who meets the completion rule: name (from the "
    "roster given to `course collect`), course title, CE hours, date, modules completed and a unique "
    "verification code, which `course verify CODE` confirms against the gradebook."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare the command-line options."""
    p.add_argument("--hours", type=float, required=True, help="CE hours to print, e.g. 1.5")
    p.add_argument("--pass-mark", type=float, default=0.7,
                   help="fraction of a module's autograded points that completes it (default: 0.7)")
    p.add_argument("--require", nargs="+", metavar="ASSIGNMENT",
                   help="modules a certificate needs (default: every graded assignment)")
    p.add_argument("--min-modules", type=int, help="instead: this many completed modules are enough")
    p.add_argument("--date", type=date.fromisoformat, help="completion date to print (YYYY-MM-DD; default: today)")
    p.add_argument("--out", type=Path, help="output folder (default: certificates/)")
    p.add_argument("--db-url", help="gradebook URL (default: sqlite gradebook.db)")


def run(args: argparse.Namespace) -> int:
    """Run the command; returns the exit status."""
    from ..grading.certificates import issue_certificates
    from ..grading.gradebook import resolve_db_url
    from ..grading.results import CompletionRule, load_results

    try:
        rule = CompletionRule(pass_mark=args.pass_mark, required=args.require, min_modules=args.min_modules)
        certs, skipped = issue_certificates(args.hours, out=args.out, db_url=args.db_url, rule=rule, issued=args.date)
    except ValueError as exc:
        print(f"course certificates: {exc}", file=sys.stderr)
        return 1
    assignments = load_results(resolve_db_url(db_url=args.db_url))[0]
    print(f"Completion rule: {rule.describe(assignments)}")
    for c in certs:
        print(f"  {c.student}: {c.path}  code {c.code}")
    for s in skipped:
        print(f"  {s}: qualifies, but has no certificate name in the gradebook (collect with --roster)", file=sys.stderr)
    print(f"{len(certs)} certificate(s) written.")
    return 0
