"""Read scores out of the gradebook in one shape that feedback, reports and certificates share,
and decide completion by the syllabus's rule.

Manual scores entered in nbgrader's formgrader (``manual_score`` in the gradebook) are
part of every result: a manually graded cell counts once it has a score, and is listed
as *pending* until then.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

__all__ = [
    "CompletionRule",
    "GradeReport",
    "Problem",
    "LearnerStatus",
    "Submission",
    "completion",
    "load_results",
    "manual_rows",
    "question_id",
]


@dataclass
class Problem:
    """A submission that could not be graded, and why (in plain words)."""

    student: str
    assignment: str
    reason: str


@dataclass
class GradeReport:
    """What grading one assignment did: graded learners, the problems it found (not
    graded) and warnings (graded, with a caveat the facilitator should know about).
    """

    graded: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def question_id(cell_name: str) -> str:
    """The question a grade cell scores: ``"m01_q3_test"`` -> ``"m01_q3"`` (manual cells are their own id)."""
    return cell_name[: -len("_test")] if cell_name.endswith("_test") else cell_name


def question_label(cell_name: str) -> str:
    """How a question is named to people: ``"m01_q3_test"`` -> ``"01 Q3"``,
    ``"post_q12"`` -> ``"Post-test Q12"``, ``"m07_q1b"`` -> ``"07 Q1b"`` (never the grade id).
    """
    import re

    qid = question_id(cell_name)
    m = re.fullmatch(r"m(\d\d)_q(\w+?)(?:_\w+)?", qid)
    if m:
        return f"{m.group(1)} Q{m.group(2)}"
    m = re.fullmatch(r"(pre|post)_q(\w+)", qid)
    if m:
        return f"{m.group(1).capitalize()}-test Q{m.group(2)}"
    return qid.replace("_", " ")


@dataclass
class Submission:
    """One learner's graded submission of one assignment.

    Attributes
    ----------
    questions : dict
        Autograded (code) cells: ``{grade id: (score, max)}``; a formgrader override wins.
    manual : dict
        Manually graded cells: ``{grade id: (score or None while pending, max)}``.
    needs_manual : list of str
        Grade ids still waiting for a manual grade.

    """

    student: str
    assignment: str
    questions: dict[str, tuple[float, float]] = field(default_factory=dict)
    needs_manual: list[str] = field(default_factory=list)
    manual: dict[str, tuple[float | None, float]] = field(default_factory=dict)
    timestamp: datetime | None = None

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

    @property
    def manual_score(self) -> float:
        """Points given by a facilitator so far."""
        return sum(s for s, _ in self.manual.values() if s is not None)

    @property
    def manual_graded_max(self) -> float:
        """Points available in the manual items already graded."""
        return sum(m for s, m in self.manual.values() if s is not None)

    @property
    def total(self) -> float:
        """Autograded plus manually graded points."""
        return self.score + self.manual_score

    @property
    def total_max(self) -> float:
        """Points available in autograded items and in manual items already graded."""
        return self.max_score + self.manual_graded_max

    @property
    def pending(self) -> list[str]:
        """Grade ids waiting for a manual grade."""
        return sorted(set(self.needs_manual) | {g for g, (s, _) in self.manual.items() if s is None})


def manual_rows(sub: Submission) -> list[tuple[str, float | None, float]]:
    """``[(grade id, score or None while pending, max)]`` for the manually graded items of
    *sub*, for feedback: what the facilitator gave, and what is still to come.
    """
    return [(gid, s, m) for gid, (s, m) in sorted(sub.manual.items())]


@dataclass
class CompletionRule:
    """When a module counts as completed by its autograded points (kept for item analysis
    and the per-module columns of the report; certificates use :func:`completion`).
    """

    pass_mark: float = 0.7
    required: list[str] | None = None
    min_modules: int | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.pass_mark <= 1:
            raise ValueError("the pass mark is a fraction between 0 and 1, e.g. 0.75")
        if self.min_modules is not None and self.min_modules < 1:
            raise ValueError("--min-modules must be at least 1")

    def completed(self, sub: Submission) -> bool:
        """Whether *sub* reaches the pass mark on its autograded points."""
        return sub.max_score > 0 and sub.fraction + 1e-9 >= self.pass_mark

    def qualifies(self, completed: list[str], all_assignments: list[str]) -> bool:
        """Whether a learner who completed *completed* meets this (module-count) rule."""
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
        With manual scores and pending manual items.

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
                s = Submission(sub.student.id, name, timestamp=sub.timestamp)
                for snb in sub.notebooks:
                    for g in snb.grades:
                        if g.cell.cell_type == "code":
                            score = g.manual_score if g.manual_score is not None else (g.auto_score or 0.0)
                            s.questions[g.cell.name] = (float(score), float(g.max_score))
                            if g.needs_manual_grade and g.manual_score is None:
                                s.needs_manual.append(g.cell.name)
                        else:
                            score = g.manual_score if g.manual_score is not None else None
                            if score is None and not g.needs_manual_grade and g.auto_score is not None:
                                score = g.auto_score
                            s.manual[g.cell.name] = (None if score is None else float(score), float(g.max_score))
                            if g.needs_manual_grade and g.manual_score is None:
                                s.needs_manual.append(g.cell.name)
                subs.append(s)
    subs.sort(key=lambda s: (s.student, s.assignment))
    return assignments, questions, subs


# ---------------------------------------------------------------------------------------
# Completion by the syllabus's rule
# ---------------------------------------------------------------------------------------
R_POST_MISSING = "post-test not submitted"
R_POST_LOW = "post-test {got:.0%} on the session's items ({need:.0%} needed)"
R_MODULE_MISSING = "not submitted: {modules}"
R_MODULE_UNREADABLE = "submitted but could not be read: {modules} (ask the learner to submit again)"
R_MANUAL = "manual grading pending: {items}"
R_EVALUATION = "evaluation not returned"


@dataclass
class LearnerStatus:
    """Where one learner stands against the completion rule of a session format."""

    student: str
    name: str | None
    format: str
    modules_submitted: list[str]
    modules_missing: list[str]
    post_score: float | None  # fraction on the format's post-test items; None if not submitted
    pre_score: float | None
    manual_pending: list[str]  # "ASSIGNMENT:grade id"
    evaluation_returned: bool
    pass_mark: float
    post_items: int = 0
    completed_on: datetime | None = None
    modules_unreadable: list[str] = field(default_factory=list)

    @property
    def reasons(self) -> list[str]:
        """Why this learner has not completed (empty when they have)."""
        out = []
        if self.post_score is None:
            out.append(R_POST_MISSING)
        elif self.post_score + 1e-9 < self.pass_mark:
            out.append(R_POST_LOW.format(got=self.post_score, need=self.pass_mark))
        if self.modules_missing:
            out.append(R_MODULE_MISSING.format(modules=", ".join(self.modules_missing)))
        if self.modules_unreadable:
            out.append(R_MODULE_UNREADABLE.format(modules=", ".join(self.modules_unreadable)))
        if self.manual_pending:
            out.append(R_MANUAL.format(items=", ".join(question_label(q.split(":")[-1]) for q in self.manual_pending)))
        if not self.evaluation_returned:
            out.append(R_EVALUATION)
        return out

    @property
    def complete(self) -> bool:
        """True when the learner has completed the course (no :attr:`reasons`)."""
        return not self.reasons

    @property
    def gain(self) -> float | None:
        """Post-test minus pre-test fraction on the format's items."""
        if self.post_score is None or self.pre_score is None:
            return None
        return self.post_score - self.pre_score


def test_fraction(sub: Submission | None, items: list[str]) -> float | None:
    """Fraction of the points of *items* (question ids, e.g. ``post_q3``) that *sub* scored;
    ``None`` when *sub* is missing. An item missing from the submission scores 0 of 1.
    """
    if sub is None or not items:
        return None
    by_question = {question_id(g): v for g, v in sub.questions.items()}
    got = [by_question.get(i, (0.0, 1.0)) for i in items]
    maximum = sum(m for _, m in got)
    return sum(s for s, _ in got) / maximum if maximum else 0.0


def evaluation_returned(root: Path, student: str, evaluation: str) -> bool:
    """Whether ``submitted/STUDENT/EVALUATION/evaluation.json`` is a readable evaluation."""
    from ..evaluation import EVALUATION_FILE, read_evaluation

    path = Path(root) / "submitted" / student / evaluation / EVALUATION_FILE
    try:
        read_evaluation(path)
    except ValueError:
        return False
    return True


def unreadable_submissions(root: Path) -> set[tuple[str, str]]:
    """``(learner, assignment)`` pairs with a notebook in ``submitted/`` that cannot be read
    (damaged, not a notebook, too big), so the grader never scored it.
    """
    from .notebook import read_notebook

    out = set()
    base = Path(root) / "submitted"
    if not base.is_dir():
        return out
    for nb in sorted(base.glob("*/*/*.ipynb")):
        if nb.is_symlink() or not nb.is_file():
            continue
        _data, problem = read_notebook(nb)
        if problem:
            out.add((nb.parent.parent.name, nb.parent.name))
    return out


def completion(root: Path, db_url: str, format_id: str, syllabus=None,
               results: tuple | None = None) -> list[LearnerStatus]:
    """Every learner's status against the syllabus's completion rule for *format_id*.

    The rule: the post-test at or above the pass mark on the items of the format's
    modules; every module of the format submitted; no manually graded item of those
    modules (or the tests) pending; the evaluation returned.
    """
    from ..syllabus import load
    from .gradebook import learner_names

    syl = syllabus or load()
    fmt = syl.format(format_id)
    _assignments, _questions, subs = results or load_results(db_url)
    names = learner_names(db_url)
    by = {(s.student, s.assignment): s for s in subs}
    unreadable = {(sid, a) for sid, a in unreadable_submissions(root) if (sid, a) not in by}
    learners = sorted(set(names) | {s.student for s in subs} | {sid for sid, _a in unreadable})
    post_items = fmt.test_items("post")
    pre_items = fmt.test_items("pre")
    relevant = [*fmt.modules, syl.pre_test, syl.post_test]
    out = []
    for sid in learners:
        submitted = [m for m in fmt.modules if (sid, m) in by]
        pending = []
        for a in relevant:
            sub = by.get((sid, a))
            if sub is not None:
                pending += [f"{a}:{g}" for g in sub.pending]
        post = by.get((sid, syl.post_test))
        stamps = [by[(sid, a)].timestamp for a in relevant if (sid, a) in by and by[(sid, a)].timestamp]
        out.append(LearnerStatus(
            student=sid, name=names.get(sid), format=fmt.id, modules_submitted=submitted,
            modules_missing=[m for m in fmt.modules if m not in submitted and (sid, m) not in unreadable],
            modules_unreadable=[m for m in fmt.modules if (sid, m) in unreadable],
            post_score=test_fraction(post, post_items), pre_score=test_fraction(by.get((sid, syl.pre_test)), pre_items),
            manual_pending=pending, evaluation_returned=evaluation_returned(root, sid, syl.evaluation),
            pass_mark=syl.pass_mark, post_items=len(post_items), completed_on=max(stamps) if stamps else None,
        ))
    return out
