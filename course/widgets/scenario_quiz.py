"""Scenario quiz for module 06: for each practice scenario, pick a guardrail, a source of
guidance and an action, and check it.

Marking is :func:`course.guidelines.scenarios.mark`, the same function the autograded
checks use. Every option shows the short word to type for it (``privacy``, ``hipaa``,
``b``), so that in the exercise the learner types what they chose into the scenario's
answer cell, like every other answer; nothing is copied from the widget as code.

CSS classes for browser tests: ``course-quiz`` (whole widget), ``course-quiz-scenario``
(one box per scenario, also ``course-quiz-S01`` ...), ``course-quiz-guardrail``,
``course-quiz-source``, ``course-quiz-action``, ``course-quiz-check`` (button),
``course-quiz-feedback``, ``course-quiz-score`` (running total).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import ipywidgets as w

from ..guidelines.crosswalk import GUARDRAILS, SHORT
from ..guidelines.scenarios import SCENARIOS, Scenario, mark, parse_answer, scenario

__all__ = ["ScenarioQuiz", "scenario_quiz", "option_label", "SCORE_TEXT", "TYPE_HINT"]

SCORE_TEXT = "{correct} of {total} scenarios correct so far ({answered} answered)."
#: How an option shows the word to type for it in the exercise.
TYPE_HINT = '{label}   (type "{key}")'
_BLANK = ("(choose)", None)


def option_label(label: str, key: str) -> str:
    """A dropdown option: the plain label and the short word a learner types for it."""
    return TYPE_HINT.format(label=label, key=key)


class _Item:
    def __init__(self, sc: Scenario, on_change) -> None:
        self.sc = sc
        self.guardrail = w.Dropdown(options=[_BLANK] + [(option_label(label, gid), gid) for gid, label in GUARDRAILS.items()],
                                    value=None, description="Guardrail", layout=w.Layout(width="95%"))
        self.source = w.Dropdown(options=[_BLANK] + [(option_label(label, sid), sid) for sid, label in SHORT.items()],
                                 value=None, description="Guidance", layout=w.Layout(width="95%"))
        self.action = w.RadioButtons(options=[(f"{k}) {v}", k) for k, v in sc.actions.items()], value=None,
                                     description="Action", layout=w.Layout(width="95%"))
        self.button = w.Button(description="Check", icon="check")
        self.feedback = w.HTML()
        for widget, cls in [(self.guardrail, "guardrail"), (self.source, "source"), (self.action, "action"),
                            (self.button, "check"), (self.feedback, "feedback")]:
            widget.add_class(f"course-quiz-{cls}")
        self.button.on_click(lambda _b: self.check())
        for control in (self.guardrail, self.source, self.action):
            control.observe(lambda _c: (self._clear(), on_change()), names="value")
        self.box = w.VBox([
            w.HTML(f"<h4>{sc.id} · {html.escape(sc.title)}</h4><p>{html.escape(sc.text)}</p>"),
            self.guardrail, self.source, self.action, self.button, self.feedback,
        ], layout=w.Layout(border="1px solid #dadce0", padding="6px 12px", margin="6px 0"))
        self.box.add_class("course-quiz-scenario")
        self.box.add_class(f"course-quiz-{sc.id}")

    def answer(self) -> tuple[str, str, str] | None:
        values = (self.guardrail.value, self.source.value, self.action.value)
        return None if any(v is None for v in values) else values  # type: ignore[return-value]

    def set(self, answer: Any) -> None:
        parsed = parse_answer(answer)
        if parsed is None:
            return
        g, s, a = parsed
        if g in GUARDRAILS:
            self.guardrail.value = g
        if s in SHORT:
            self.source.value = s
        if a in self.sc.actions:
            self.action.value = a

    def _clear(self) -> None:
        self.feedback.value = ""

    def check(self) -> bool:
        answer = self.answer()
        if answer is None:
            self.feedback.value = '<span style="color:#5f6368">✏️ Choose a guardrail, a source of guidance and an action first.</span>'
            return False
        verdict = mark(self.sc, answer)
        colour, icon = ("#1e7e34", "✅") if verdict.correct else ("#b00020", "❌")
        items = "".join(f"<li>{html.escape(m)}</li>" for m in verdict.messages)
        self.feedback.value = f'<div style="color:{colour}">{icon}<ul style="margin:2px 0">{items}</ul></div>'
        return verdict.correct


class ScenarioQuiz:
    """The scenario quiz widget. Display it by leaving it as the last line of a cell.

    Parameters
    ----------
    scenarios : list of Scenario, optional
        Default: all of :data:`course.guidelines.scenarios.SCENARIOS`.
    answers : dict, optional
        Answers to pre-fill, ``{"S01": ("privacy", "hipaa", "b"), ...}`` (or each answer as
        a dict with the keys ``guardrail``, ``source`` and ``action``).
    """

    def __init__(self, scenarios: list[Scenario] | None = None, answers: Mapping[str, Any] | None = None) -> None:
        self.items = [_Item(sc, self._update_score) for sc in (scenarios or SCENARIOS)]
        self.score = w.HTML()
        self.score.add_class("course-quiz-score")
        for item in self.items:
            if answers and item.sc.id in answers:
                item.set(answers[item.sc.id])
        # Long answer options wrap instead of running over the next option.
        style = w.HTML("<style>.course-quiz .widget-radio-box label {white-space: normal; height: auto;"
                       " line-height: 1.35; margin-bottom: 4px; display: flex; flex-direction: row-reverse;"
                       " justify-content: flex-end; align-items: flex-start;}"
                       " .course-quiz .widget-radio-box input {flex: none; margin: 3px 6px 0 0;}</style>")
        self.widget = w.VBox([style, *(i.box for i in self.items), self.score])
        self.widget.add_class("course-quiz")
        self._update_score()

    @property
    def answers(self) -> dict[str, tuple[str, str, str]]:
        """The answers chosen so far (complete scenarios only)."""
        return {i.sc.id: a for i in self.items if (a := i.answer()) is not None}

    def check_all(self) -> int:
        """Check every scenario; returns how many are correct."""
        return sum(item.check() for item in self.items)

    def _update_score(self) -> None:
        chosen = self.answers
        correct = sum(1 for i in self.items if i.sc.id in chosen and mark(i.sc, chosen[i.sc.id]).correct)
        self.score.value = f"<b>{html.escape(SCORE_TEXT.format(correct=correct, total=len(self.items), answered=len(chosen)))}</b>"

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def scenario_quiz(*ids: str | Mapping[str, Any], answers: Mapping[str, Any] | None = None) -> ScenarioQuiz:
    """Create the scenario quiz: all scenarios, or only those with the given *ids* (``scenario_quiz("S01")``).

    A dictionary given in place of the ids is taken as *answers* (pre-filled choices).
    """
    names = [i for i in ids if isinstance(i, str)]
    for extra in ids:
        if isinstance(extra, Mapping):
            answers = extra
    chosen = [scenario(i) for i in names] if names else None
    return ScenarioQuiz(scenarios=chosen, answers=answers)
