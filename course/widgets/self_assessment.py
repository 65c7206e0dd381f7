"""Self-assessment widget (capstone): rate your practice on the six guardrails, answer the
closing question, and save a personal action plan as Markdown on this computer.

Logic: :mod:`course.guidelines.self_assessment`. In the module 07 notebook the learner
rates with the buttons; in the capstone exercise the learner types the ratings into the
answer cell (like every other answer) and the widget shows them read-only
(``self_assessment(ratings=my_ratings, closing=my_closing_answer, editable=False)``), with
the scores and the button that saves the plan. Nothing is copied from the widget as code.

CSS classes for browser tests: ``course-self-assessment`` (whole widget),
``course-sa-rating`` (one per statement, also ``course-sa-<statement id>``),
``course-sa-answer`` (closing question), ``course-sa-name``, ``course-sa-scores`` (score
bars), ``course-sa-build`` (button), ``course-sa-preview``, ``course-sa-saved`` (confirmation).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..guidelines.crosswalk import GUARDRAILS
from ..guidelines.self_assessment import (
    CLOSING_QUESTION,
    RATINGS,
    STATEMENTS,
    action_plan,
    area_scores,
    save_action_plan,
)
from ._saving import changed_notice, save_soon
from .policy_builder import markdown_to_html

__all__ = ["SelfAssessment", "self_assessment", "PLAN_SAVED", "NOT_READY"]

PLAN_SAVED = "Saved your action plan to {path}. It stays on this computer: nothing was sent anywhere."
NOT_READY = "Not ready yet: {reason}."


class SelfAssessment:
    """The self-assessment widget. Display it by leaving it as the last line of a cell.

    Parameters
    ----------
    folder : str or Path, optional
        Where ``my_work/`` is created (default: the current folder).
    ratings : dict, optional
        Ratings to pre-fill (``{statement id: 0, 1 or 2}``); anything else (``...``) is ignored.
    closing : str, optional
        The answer to the closing question, to pre-fill.
    editable : bool
        ``False`` shows the ratings and the answer read-only (the capstone exercise,
        where they are typed into the answer cell).
    """

    def __init__(self, folder: str | Path | None = None, ratings: Mapping[str, Any] | None = None,
                 closing: str | None = None, editable: bool = True) -> None:
        self.folder = Path(folder) if folder else None
        given = {k: v for k, v in ratings.items() if v in RATINGS and not isinstance(v, bool)} if isinstance(ratings, Mapping) else {}
        self.saved_path: Path | None = None
        self._saved_text: str | None = None  # the plan as last saved (to tell whether it changed since)
        self.ratings: dict[str, w.ToggleButtons] = {}
        sections = []
        for gid, label in GUARDRAILS.items():
            rows = [w.HTML(f"<h4>{html.escape(label)}</h4>")]
            for sid, (g, text, _) in STATEMENTS.items():
                if g != gid:
                    continue
                toggle = w.ToggleButtons(options=[(v, k) for k, v in RATINGS.items()],
                                         value=given.get(sid), style={"button_width": "80px"}, disabled=not editable)
                toggle.add_class("course-sa-rating")
                toggle.add_class(f"course-sa-{sid}")
                toggle.observe(self._refresh, names="value")
                self.ratings[sid] = toggle
                rows += [w.HTML(html.escape(text)), toggle]
            sections.append(w.VBox(rows))
        # Typed boxes send their text when the learner leaves them (see course.widgets._saving).
        self.name = w.Text(description="Your name (optional)", style={"description_width": "140px"},
                           continuous_update=False)
        self.answer = w.Textarea(value=closing if isinstance(closing, str) else "",
                                 placeholder="A few sentences: what your practice already does, and what it will do next.",
                                 layout=w.Layout(width="95%", height="110px"), disabled=not editable,
                                 continuous_update=False)
        self.scores = w.HTML()
        self.build_button = w.Button(description="Build and save my action plan", button_style="primary", icon="save")
        self.preview = w.HTML()
        self.saved = w.HTML()
        for widget, cls in [(self.name, "name"), (self.answer, "answer"), (self.scores, "scores"),
                            (self.build_button, "build"), (self.preview, "preview"), (self.saved, "saved")]:
            widget.add_class(f"course-sa-{cls}")
        self.answer.observe(self._refresh, names="value")
        self.name.observe(self._refresh, names="value")
        self.build_button.on_click(lambda _b: save_soon(self, self.build, self.saved))
        self.widget = w.VBox([
            w.HTML("<b>1. Rate each statement for your practice</b>"),
            *sections,
            w.HTML("<b>2. Your scores</b>"),
            self.scores,
            w.HTML(f"<b>3. {html.escape(CLOSING_QUESTION)}</b>"),
            self.answer,
            self.name,
            self.build_button,
            self.saved,
            self.preview,
        ])
        self.widget.add_class("course-self-assessment")
        self._refresh()

    def current_ratings(self) -> dict[str, int]:
        """Ratings chosen so far (unrated statements are left out)."""
        return {sid: t.value for sid, t in self.ratings.items() if t.value is not None}

    def _refresh(self, _change: Any = None) -> None:
        chosen = self.current_ratings()
        self._show_saved_state()
        if len(chosen) < len(STATEMENTS):
            self.scores.value = f"<i>{len(chosen)} of {len(STATEMENTS)} statements rated.</i>"
            return
        bars = []
        for label, score in area_scores(chosen).items():
            colour = "#b00020" if score < 50 else "#f29900" if score < 80 else "#1e7e34"
            bars.append(
                f'<div style="display:flex;align-items:center;margin:2px 0"><span style="width:330px">{html.escape(label)}</span>'
                f'<span style="background:{colour};width:{score * 2.5:.0f}px;height:14px;display:inline-block"></span>'
                f"<span style='margin-left:6px'>{score:g}</span></div>"
            )
        self.scores.value = "".join(bars)

    def _show_saved_state(self) -> None:
        """After a change: nothing to say before the first save; after one, whether the file
        still holds the plan as it now stands (a change back to the saved answers says saved).
        """
        if self._saved_text is None:
            self.saved.value = ""
            return
        try:
            current = action_plan(self.current_ratings(), self.answer.value, self.name.value)
        except ValueError:
            current = None
        if current == self._saved_text:
            self._say_saved()
        else:
            self.saved.value = changed_notice(self.saved_path.name, self.build_button.description)

    def _say_saved(self) -> None:
        self.saved.value = (
            '<div style="background:#e6f4ea;border-left:6px solid #1e7e34;padding:6px 10px">✅ '
            + html.escape(PLAN_SAVED.format(path=self.saved_path)) + "</div>"
        )

    def build(self) -> Path | None:
        """Build the plan from the current answers and save it; returns the path (None if not ready)."""
        try:
            text = action_plan(self.current_ratings(), self.answer.value, self.name.value)
        except ValueError as exc:
            self.saved.value = f'<div style="color:#b00020">{html.escape(NOT_READY.format(reason=exc))}</div>'
            self.preview.value = ""
            return None
        try:
            self.saved_path = save_action_plan(text, self.folder)
        except OSError as exc:
            self.saved.value = f'<div style="color:#b00020">Could not save the plan: {html.escape(str(exc))}</div>'
            return None
        self._saved_text = text
        self.preview.value = f'<div style="border:1px solid #dadce0;padding:8px 14px">{markdown_to_html(text)}</div>'
        self._say_saved()
        return self.saved_path

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def self_assessment(folder: str | Path | None = None, ratings: Mapping[str, Any] | None = None,
                    closing: str | None = None, editable: bool = True) -> SelfAssessment:
    """Create the self-assessment widget (see :class:`SelfAssessment`)."""
    return SelfAssessment(folder=folder, ratings=ratings, closing=closing, editable=editable)
