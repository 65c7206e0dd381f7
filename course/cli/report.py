"""course report: grades, completion, manual grading pending, knowledge gain, item analysis, evaluations."""

from __future__ import annotations

import argparse

from ._common import BadInput, add_json, add_out, print_json

NAME = "report"
HELP = "grades, completion, pending manual grading, pre/post gain, item analysis, evaluations"
DESCRIPTION = (
    "Write reports/ (git-ignored): grades.csv and questions.csv (manual scores from the formgrader "
    "included), completion.csv (the syllabus's completion rule for the cohort's session format, and why "
    "not), manual_pending.csv, knowledge_gain.csv (pre- to post-test per learner), objectives.csv (per "
    "objective), item_analysis.csv (difficulty and discrimination), evaluations.csv and "
    "evaluation_comments.csv (anonymous), two plots, report.json and a self-contained report.html. "
    "--json prints report.json."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare the command-line options."""
    add_out(p, "reports/")
    p.add_argument("--db-url", help="gradebook URL (default: sqlite gradebook.db)")
    p.add_argument("--format", dest="session_format", metavar="FORMAT",
                   help="session format (staff-90, half-day, full-day, self-paced; default: ce.toml, else self-paced)")
    p.add_argument("--pass-mark", type=float, default=None,
                   help="fraction of a module's autograded points for the per-module 'completed' columns "
                        "(default: the syllabus's pass mark)")
    add_json(p, "print the report as JSON (what report.json holds)")


def run(args: argparse.Namespace) -> int:
    """Run the command; returns the exit status."""
    from ..grading.report import write_report
    from ..grading.results import CompletionRule, question_label

    try:
        rule = CompletionRule(pass_mark=args.pass_mark) if args.pass_mark is not None else None
        files = write_report(out=args.out, db_url=args.db_url, rule=rule, session_format=args.session_format)
    except (ValueError, KeyError) as exc:  # an unknown session format, a bad pass mark, a bad ce.toml
        raise BadInput(exc.args[0] if isinstance(exc, KeyError) else str(exc)) from None
    if args.json:
        print_json(files.data)
        return 0
    for path in (files.grades, files.questions, files.completion, files.manual_pending, files.knowledge,
                 files.objectives, files.items, files.evaluations, files.comments, files.plot, files.gain_plot,
                 files.json, files.html):
        if path:
            print(f"wrote {path}")
    done = [s for s in files.statuses if s.complete]
    print(f"Completion ({files.data['session_format']['id']}): {len(done)} of {len(files.statuses)} learner(s) "
          "meet the rule; `course certificates` issues their certificates.")
    pending = [s for s in files.statuses if s.manual_pending]
    if pending:
        print("Manual grading still pending (grade in the formgrader: `make facilitate`):")
        for s in pending:
            print(f"  {s.student}: {', '.join(question_label(q.split(':')[-1]) for q in s.manual_pending)}")
    gains = [s.gain for s in files.statuses if s.gain is not None]
    if gains:
        print(f"Pre- to post-test: mean gain {100 * sum(gains) / len(gains):+.0f} points over {len(gains)} learner(s).")
    worst = [s for s in files.item_stats if s.learners][:5]
    if worst:
        print("Most-missed questions:")
        for s in worst:
            print(f"  {question_label(s.question)}: missed by {s.missed} of {s.learners} ({100 * s.missed_share:.0f}%)")
    print(f"Evaluations returned: {files.evaluation_summary['returned']} (summary in report.html, anonymous).")
    return 0
