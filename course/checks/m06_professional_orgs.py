"""Checks for exercise 06 (professional organisations): grade ids m06_q1 ... m06_q13.

One question per practice scenario (S01 ... S13). Each takes the learner's answer for
that scenario, typed as ``{"guardrail": "privacy", "source": "hipaa", "action": "b"}``
(the scenario quiz widget above each answer cell shows the word to type for every option),
and grades that scenario only, so a wrong answer loses exactly that scenario's point. The
widget and these checks share :func:`course.guidelines.scenarios.mark`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..guidelines.crosswalk import GUARDRAILS, SHORT
from ..guidelines.scenarios import FEEDBACK, SCENARIOS, Scenario, mark
from ._core import BadFormat, Question, Wrong, as_mapping, is_blank

__all__ = [
    "ANSWER_KEYS", "QUESTIONS", "Results", "check_all", "q_for",
    "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10", "q11", "q12", "q13",
]

#: The keys of each scenario's answer.
ANSWER_KEYS = ("guardrail", "source", "action")
PART_MISSING = "Fill in all three parts (guardrail, source and action) for this scenario."


def _blank(answer: Any) -> bool:
    return is_blank(answer) or (isinstance(answer, Mapping) and all(v is ... or v is None for v in answer.values()))


def _pick(value: Any, options: Mapping[str, str], what: str) -> str:
    """The id the learner typed for *what*: the short word (``"hipaa"``), or the option's label."""
    if not isinstance(value, str):
        raise BadFormat(FEEDBACK["format"])
    key = "_".join(value.strip().lower().replace("-", " ").split())
    labels = {"_".join(label.lower().split()): k for k, label in options.items()}
    if key in options:
        return key
    if key in labels:
        return labels[key]
    raise BadFormat(FEEDBACK[f"{what}_unknown"].format(value=value, options=", ".join(options)))


def _make_checker(sc: Scenario):
    def checker(answer: Any) -> str:
        a = as_mapping(answer, ANSWER_KEYS)
        if any(a[k] is ... or a[k] is None for k in ANSWER_KEYS):
            raise Wrong(PART_MISSING)
        guardrail = _pick(a["guardrail"], GUARDRAILS, "guardrail")
        source = _pick(a["source"], SHORT, "source")
        action = a["action"].strip().strip(".)").lower() if isinstance(a["action"], str) else a["action"]
        if action not in sc.actions:
            raise BadFormat(FEEDBACK["action_unknown"].format(options=", ".join(sc.actions)))
        verdict = mark(sc, (guardrail, source, action))
        if not verdict.correct:
            raise Wrong(f"{sc.id} ({sc.title}): " + " ".join(verdict.messages))
        return f"{sc.id} ({sc.title}): " + verdict.messages[0]

    return checker


def _solution_text(sc: Scenario) -> str:
    def either(values) -> str:
        items = [f'"{v}"' for v in sorted(values)]
        return items[0] if len(items) == 1 else "one of " + ", ".join(items[:-1]) + " or " + items[-1]

    return f"guardrail {either(sc.guardrails)}, source {either(sc.sources)}, action \"{sc.action}\". {sc.why}"


QUESTIONS: list[Question] = [
    Question(
        f"m06_q{i}",
        f"Q{i} · {sc.id}",
        _make_checker(sc),
        hints=[sc.hint_guardrail, sc.hint_source],
        solution=_solution_text(sc),
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


def check_all(answers: Mapping[str, Any]) -> Results:
    """Check several scenarios at once: *answers* maps a scenario id to its answer; one result per scenario."""
    answers = answers if isinstance(answers, Mapping) else {}
    return Results(q.check(answers.get(sc.id, ...)) for sc, q in zip(SCENARIOS, QUESTIONS, strict=True))
