"""course report: grades CSV, completion, item analysis with a plot."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "report"
HELP = "grades CSV, completion per learner and module, item analysis with a plot"
DESCRIPTION = (
    "Write reports/grades.csv (score per learner and assignment), questions.csv, completion.csv "
    "(which modules each learner completed under the completion rule) and item_analysis.csv + "
    "item_analysis.png (which questions most learners missed)."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare the command-line options."""
    p.add_argument("--out", type=Path, help="output folder (default: reports/)")
    p.add_argument("--db-url", help="gradebook URL (default: sqlite gradebook.db)")
    p.add_argument("--pass-mark", type=float, default=0.7,
                   help="fraction of a module's autograded points that completes it (default: 0.7)")


def run(args: argparse.Namespace) -> int:
    """Run the command; returns the exit status."""
    from ..grading.report import write_report
    from ..grading.results import CompletionRule

    try:
        files = write_report(out=args.out, db_url=args.db_url, rule=CompletionRule(pass_mark=args.pass_mark))
    except ValueError as exc:
        print(f"course report: {exc}", file=sys.stderr)
        return 1
    for path in (files.grades, files.questions, files.completion, files.items, files.plot):
        if path:
            print(f"wrote {path}")
    worst = [s for s in files.item_stats if s.learners][:5]
    if worst:
        print("Most-missed questions:")
        for s in worst:
            print(f"  {s.assignment} {s.question}: missed by {s.missed} of {s.learners} ({100 * s.missed_share:.0f}%)")
    return 0
