"""Read scores out of the gradebook in one shape that reports and certificates share,
and write them to CSV safely."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field

__all__ = ["CompletionRule", "Submission", "csv_safe", "load_results", "safe_csv_writer"]

_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?(e[+-]?\d+)?%?$", re.I)


def csv_safe(value: object) -> object:
    """A CSV cell that a spreadsheet will not run as a formula.

    Text that starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) gets a
    leading apostrophe, as OWASP recommends; numbers are left alone.
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r") and not _NUMBER.match(value):
        return "'" + value
    return value


class _SafeWriter:
    def __init__(self, fh, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self._w = csv.writer(fh, **kwargs)

    def writerow(self, row):  # type: ignore[no-untyped-def]
        return self._w.writerow([csv_safe(v) for v in row])

    def writerows(self, rows):  # type: ignore[no-untyped-def]
        for row in rows:
            self.writerow(row)


def safe_csv_writer(fh, **kwargs):  # type: ignore[no-untyped-def]
    """Like :func:`csv.writer`, with every cell passed through :func:`csv_safe`."""
    return _SafeWriter(fh, **kwargs)


@dataclass
class Submission:
    """One learner's graded submission of one assignment."""

    student: str
    assignment: str
    questions: dict[str, tuple[float, float]] = field(default_factory=dict)  # grade id -> (score, max)
    needs_manual: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        """Points scored in autograded questions."""
        return sum(s for s, _ in self.questions.values())

    @property
    def max_score(self) -> float:
        """Points available in autograded questions."""
        return sum(m for _, m in self.questions.values())

    @property
    def fraction(self) -> float:
        """Score as a fraction of the autograded points (0 when there are none)."""
        return self.score / self.max_score if self.max_score else 0.0


@dataclass
class CompletionRule:
    """When a module counts as completed, and how many a certificate needs.

    Attributes
    ----------
    pass_mark : float
        Fraction of a module's autograded points needed to complete it (0-1).
    required : list of str or None
        Modules a certificate needs (default: all graded assignments).
    min_modules : int or None
        Alternatively, how many completed modules are enough.
    """

    pass_mark: float = 0.7
    required: list[str] | None = None
    min_modules: int | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.pass_mark <= 1:
            raise ValueError("the pass mark is a fraction between 0 and 1, e.g. 0.7")
        if self.min_modules is not None and self.min_modules < 1:
            raise ValueError("--min-modules must be at least 1")

    def completed(self, sub: Submission) -> bool:
        """Whether *sub* completes its module."""
        return sub.max_score > 0 and sub.fraction + 1e-9 >= self.pass_mark

    def qualifies(self, completed: list[str], all_assignments: list[str]) -> bool:
        """Whether a learner who completed *completed* earns a certificate."""
        if self.min_modules is not None:
            return len(completed) >= self.min_modules
        needed = self.required or all_assignments
        return bool(needed) and set(needed) <= set(completed)

    def describe(self, all_assignments: list[str]) -> str:
        """The rule in words."""
        what = f"at least {self.pass_mark:.0%} of the autograded points"
        if self.min_modules is not None:
            return f"{what} in at least {self.min_modules} module(s)"
        return f"{what} in each of: {', '.join(self.required or all_assignments)}"


def load_results(db_url: str) -> tuple[list[str], dict[str, list[tuple[str, float]]], list[Submission]]:
    """Everything graded, from the gradebook.

    Returns
    -------
    assignments : list of str
        Assignment names in the gradebook, sorted.
    questions : dict
        ``{assignment: [(grade id, max points), ...]}`` for autograded (code) questions.
    submissions : list of Submission
    """
    from .gradebook import open_gradebook

    with open_gradebook(db_url) as gb:
        assignments = sorted(a.name for a in gb.assignments)
        questions: dict[str, list[tuple[str, float]]] = {}
        subs: list[Submission] = []
        for name in assignments:
            a = gb.find_assignment(name)
            qs = []
            for nb in a.notebooks:
                for cell in nb.grade_cells:
                    if cell.cell_type == "code":
                        qs.append((cell.name, float(cell.max_score)))
            questions[name] = sorted(qs)
            for sub in gb.assignment_submissions(name):
                s = Submission(sub.student.id, name)
                for snb in sub.notebooks:
                    for g in snb.grades:
                        if g.cell.cell_type == "code":
                            score = g.manual_score if g.manual_score is not None else (g.auto_score or 0.0)
                            s.questions[g.cell.name] = (float(score), float(g.max_score))
                        elif g.needs_manual_grade:
                            s.needs_manual.append(g.cell.name)
                subs.append(s)
    subs.sort(key=lambda s: (s.student, s.assignment))
    return assignments, questions, subs
