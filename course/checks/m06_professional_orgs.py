"""Checks for exercise 06 (professional organisations): grade ids m06_q1 ... m06_q13.

One question per practice scenario (S01 ... S13). Every question takes the same
answer, the learner's ``answers`` dictionary (``{"S01": (guardrail, source, action), ...}``),
as the scenario quiz widget shows it; each grades its own scenario, so a wrong answer
loses exactly that scenario's point. The widget and these checks share
:func:`course.guidelines.scenarios.mark`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..guidelines.scenarios import SCENARIOS, Scenario, mark, parse_answer
from ._core import NotAttempted, Question, Wrong, is_blank

__all__ = [
    "QUESTIONS", "ANSWERS_FORMAT", "SCENARIO_MISSING", "Results", "check_all", "q_for",
    "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10", "q11", "q12", "q13",
]

ANSWERS_FORMAT = 'Your answers should be a dictionary like {"S01": ("privacy", "hipaa", "b"), ...}: copy it from the quiz with "Show my answers as code".'
SCENARIO_MISSING = "Scenario {sid} is not answered yet."


def _blank(answers: Any) -> bool:
    if is_blank(answers):
        return True
    if isinstance(answers, Mapping):
        try:
            return all(parse_answer(v) is None for v in answers.values())
        except ValueError:
            return False
    return False


def _make_checker(sc: Scenario):
    def checker(answers: Any) -> str:
        if not isinstance(answers, Mapping):
            raise Wrong(ANSWERS_FORMAT)
        answer = answers.get(sc.id, answers.get(sc.id.lower()))
        verdict = mark(sc, answer)
        if not verdict.attempted:
            raise NotAttempted(SCENARIO_MISSING.format(sid=sc.id))
        if not verdict.correct:
            raise Wrong(f"{sc.id} ({sc.title}): " + " ".join(verdict.messages))
        return f"{sc.id} ({sc.title}): " + verdict.messages[0]

    return checker


QUESTIONS: list[Question] = [
    Question(
        f"m06_q{i}",
        f"Q{i} · {sc.id}",
        _make_checker(sc),
        hints=[sc.hint_guardrail, sc.hint_source],
        solution=f"({', '.join(repr(x) for x in (sorted(sc.guardrails)[0], sorted(sc.sources)[0], sc.action))}): {sc.why}",
        blank=_blank,
    )
    for i, sc in enumerate(SCENARIOS, start=1)
]

q1, q2, q3, q4, q5, q6, q7, q8, q9, q10, q11, q12, q13 = QUESTIONS


def q_for(sid: str) -> Question:
    """The question for scenario *sid* (e.g. ``"S03"``)."""
    for sc, q in zip(SCENARIOS, QUESTIONS, strict=True):
        if sc.id == sid:
            return q
    raise KeyError(f"There is no scenario {sid!r}.")


class Results(list):
    """Several check results that display together in a notebook."""

    def __repr__(self) -> str:
        return "\n".join(r.text() for r in self)

    def _repr_html_(self) -> str:
        return "".join(r._repr_html_() for r in self)

    @property
    def score(self) -> int:
        """How many are correct."""
        return sum(1 for r in self if r.correct)


def check_all(answers: Any) -> Results:
    """Self-check every scenario at once: one result per scenario."""
    return Results(q.check(answers) for q in QUESTIONS)
