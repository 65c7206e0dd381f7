"""Grades CSV, completion per learner and module, and item analysis with a plot."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import _paths
from .gradebook import learner_names, resolve_db_url
from .results import CompletionRule, load_results, safe_csv_writer

__all__ = ["ItemStat", "ReportFiles", "item_analysis", "write_report"]


@dataclass
class ItemStat:
    """How one question went across the cohort."""

    assignment: str
    question: str
    max_points: float
    learners: int
    full_marks: int
    mean_fraction: float

    @property
    def missed(self) -> int:
        """Learners who did not get full marks."""
        return self.learners - self.full_marks

    @property
    def missed_share(self) -> float:
        """Share of learners who did not get full marks."""
        return self.missed / self.learners if self.learners else 0.0


@dataclass
class ReportFiles:
    """Files :func:`write_report` wrote."""

    grades: Path
    questions: Path
    completion: Path
    items: Path
    plot: Path | None
    item_stats: list[ItemStat]


def item_analysis(questions: dict[str, list[tuple[str, float]]], subs: list) -> list[ItemStat]:
    """Per question: learners, full marks, mean score; most-missed first."""
    stats = []
    for assignment, qs in questions.items():
        mine = [s for s in subs if s.assignment == assignment]
        for qid, max_points in qs:
            got = [s.questions.get(qid, (0.0, max_points))[0] for s in mine]
            full = sum(1 for g in got if g >= max_points - 1e-9)
            mean = (sum(got) / len(got) / max_points) if got and max_points else 0.0
            stats.append(ItemStat(assignment, qid, max_points, len(got), full, mean))
    stats.sort(key=lambda s: (-s.missed_share, s.mean_fraction, s.assignment, s.question))
    return stats


def _plot(stats: list[ItemStat], path: Path) -> Path | None:
    shown = [s for s in stats if s.learners]
    if not shown:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    shown = shown[:25][::-1]
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(shown) + 1.6))
    labels = [s.question for s in shown]
    ax.barh(labels, [100 * s.missed_share for s in shown], color="#c0504d")
    for y, s in enumerate(shown):
        ax.text(100 * s.missed_share + 1, y, f"{s.missed}/{s.learners}", va="center", fontsize=8)
    ax.set_xlim(0, 110)
    ax.set_xlabel("% of learners who did not get full marks")
    ax.set_title("Item analysis: which questions most learners missed")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def write_report(root: Path | None = None, out: Path | None = None, db_url: str | None = None,
                 rule: CompletionRule | None = None) -> ReportFiles:
    """Write ``grades.csv``, ``questions.csv``, ``completion.csv``, ``item_analysis.csv``
    and ``item_analysis.png`` into *out* (default ``reports/``).

    Parameters
    ----------
    root : Path, optional
        Course root.
    out : Path, optional
        Output folder (default ``ROOT/reports``; git-ignored).
    db_url : str, optional
        Gradebook URL.
    rule : CompletionRule, optional
        When a module counts as completed.

    Returns
    -------
    ReportFiles
    """
    root = Path(root or _paths.root()).resolve()
    url = resolve_db_url(root, db_url)
    rule = rule or CompletionRule()
    out = Path(out or root / "reports")
    out.mkdir(parents=True, exist_ok=True)
    assignments, questions, subs = load_results(url)
    learners = sorted(set(learner_names(url)) | {s.student for s in subs})
    by = {(s.student, s.assignment): s for s in subs}

    grades = out / "grades.csv"
    with grades.open("w", newline="", encoding="utf-8") as fh:
        w = safe_csv_writer(fh)
        w.writerow(["learner", *[f"{a} score" for a in assignments], *[f"{a} max" for a in assignments], "total", "max", "percent"])
        for learner in learners:
            row_scores, row_max = [], []
            for a in assignments:
                s = by.get((learner, a))
                row_scores.append(f"{s.score:g}" if s else "")
                row_max.append(f"{s.max_score:g}" if s else "")
            total = sum(by[(learner, a)].score for a in assignments if (learner, a) in by)
            maximum = sum(by[(learner, a)].max_score for a in assignments if (learner, a) in by)
            pct = f"{100 * total / maximum:.1f}" if maximum else ""
            w.writerow([learner, *row_scores, *row_max, f"{total:g}", f"{maximum:g}", pct])

    qfile = out / "questions.csv"
    with qfile.open("w", newline="", encoding="utf-8") as fh:
        w = safe_csv_writer(fh)
        w.writerow(["learner", "assignment", "question", "score", "max"])
        for s in subs:
            for qid, (score, mx) in sorted(s.questions.items()):
                w.writerow([s.student, s.assignment, qid, f"{score:g}", f"{mx:g}"])

    completion = out / "completion.csv"
    with completion.open("w", newline="", encoding="utf-8") as fh:
        w = safe_csv_writer(fh)
        w.writerow(["learner", *assignments, "modules completed", "needs manual grading"])
        for learner in learners:
            cells, done, manual = [], 0, []
            for a in assignments:
                s = by.get((learner, a))
                if s is None:
                    cells.append("not submitted")
                elif rule.completed(s):
                    cells.append("completed")
                    done += 1
                else:
                    cells.append(f"incomplete ({s.fraction:.0%})")
                if s is not None:
                    manual += [f"{a}:{q}" for q in s.needs_manual]
            w.writerow([learner, *cells, done, " ".join(manual)])

    stats = item_analysis(questions, subs)
    items = out / "item_analysis.csv"
    with items.open("w", newline="", encoding="utf-8") as fh:
        w = safe_csv_writer(fh)
        w.writerow(["assignment", "question", "max points", "learners", "full marks", "missed", "missed %", "mean score %"])
        for s in stats:
            w.writerow([s.assignment, s.question, f"{s.max_points:g}", s.learners, s.full_marks, s.missed,
                        f"{100 * s.missed_share:.1f}", f"{100 * s.mean_fraction:.1f}"])
    plot = _plot(stats, out / "item_analysis.png")
    return ReportFiles(grades, qfile, completion, items, plot, stats)
