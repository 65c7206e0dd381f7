"""The course evaluation form as a widget; answers are saved locally as ``evaluation.json``.

Choose your session format, rate how well each objective of its modules was met, rate
relevance, format and presenter, say whether you noticed commercial bias, tell us about
accessibility needs and anything else, then press *Save my evaluation*. The file is
written next to the notebook (the assignment folder) and contains no name or id.

Accessibility: every control has a visible label that is also its accessible name
(the label sits above the control, nothing is shown on hover only), ratings are chosen
from a labelled list (no colour-only cues), and the save result is announced as a
status message.

CSS classes for browser tests: ``course-evaluation`` (whole form), ``course-eval-format``,
``course-eval-objective`` (one per objective), ``course-eval-relevance``,
``course-eval-format-rating``, ``course-eval-presenter``, ``course-eval-bias``,
``course-eval-bias-detail``, ``course-eval-accessibility``, ``course-eval-comments``,
``course-eval-save`` (button), ``course-eval-status`` (result).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..evaluation import QUESTIONS, RATING_LABELS, save_evaluation
from ..syllabus import load
from ._saving import changed_notice, save_soon

__all__ = ["EvaluationForm", "NOT_RATED", "SAVED"]

NOT_RATED = "(choose)"
SAVED = ("Saved: {path}. Hand it in with this notebook (it is in the same folder). "
         "It holds your answers only: no name, no ID.")
NOT_SAVED = "Not saved: {why}"


def _labelled(widget: w.Widget, css: str) -> w.Widget:
    # The description is the accessible name; show it above the control, full width.
    widget.style.description_width = "initial"
    widget.layout = w.Layout(flex_flow="column", align_items="flex-start", width="100%", margin="4px 0 10px 0")
    widget.add_class(css)
    return widget


def _rating(label: str, css: str) -> w.Dropdown:
    options = [(NOT_RATED, None), *[(text, n) for n, text in RATING_LABELS.items()]]
    return _labelled(w.Dropdown(options=options, value=None, description=label), css)


def _textarea(label: str, css: str) -> w.Textarea:
    # Sends its text when the learner leaves the box: one message per edit, not per keystroke
    # (see course.widgets._saving).
    box = w.Textarea(value="", description=label, placeholder="Optional. Please do not include any client details.",
                     rows=3, continuous_update=False)
    box = _labelled(box, css)
    return box


class EvaluationForm:
    """The evaluation form. Display it with ``form.widget`` (or just ``form``)."""

    def __init__(self, folder: Path | None = None, session_format: str | None = None) -> None:
        self.syllabus = load()
        self.folder = folder
        formats = [(f.title, f.id) for f in self.syllabus.formats]
        self.format = _labelled(w.Dropdown(options=[(NOT_RATED, None), *formats], value=session_format,
                                           description="Which way did you take the course?"), "course-eval-format")
        self.objective_box = w.VBox()
        self.objective_inputs: dict[str, w.Dropdown] = {}
        self.ratings = {
            "relevance": _rating(QUESTIONS[0][2], "course-eval-relevance"),
            "format": _rating(QUESTIONS[1][2], "course-eval-format-rating"),
            "presenter": _rating(QUESTIONS[2][2], "course-eval-presenter"),
        }
        self.bias = _labelled(w.RadioButtons(options=[("No", "no"), ("Yes", "yes")], value=None,
                                             description=QUESTIONS[3][2]), "course-eval-bias")
        self.texts = {
            "commercial_bias_detail": _textarea(QUESTIONS[4][2], "course-eval-bias-detail"),
            "accessibility": _textarea(QUESTIONS[5][2], "course-eval-accessibility"),
            "comments": _textarea(QUESTIONS[6][2], "course-eval-comments"),
        }
        self.save_button = w.Button(description="Save my evaluation", button_style="primary", icon="save",
                                    tooltip="Save your answers as evaluation.json next to this notebook",
                                    layout=w.Layout(width="auto"))
        self.save_button.add_class("course-eval-save")
        self.status = w.HTML(value="")
        self.status.add_class("course-eval-status")
        self.saved_path: Path | None = None
        self._saved_answers: dict[str, Any] | None = None  # as last saved (to tell whether they changed since)
        self.format.observe(self._show_objectives, names="value")
        for control in [self.format, *self.ratings.values(), self.bias, *self.texts.values()]:
            control.observe(self._changed, names="value")
        self.save_button.on_click(lambda _b: save_soon(self, self.save, self.status))
        intro = w.HTML(
            "<p style='color:#202124'>Your answers help the course team improve the course. "
            "They are summarised <b>anonymously</b>: the saved file holds no name and no ID.</p>")
        self.widget = w.VBox([
            intro, self.format,
            w.HTML("<h4 style='color:#202124;margin:8px 0 2px'>How well did the course meet its objectives for you?</h4>"),
            self.objective_box,
            w.HTML("<h4 style='color:#202124;margin:8px 0 2px'>The course as a whole</h4>"),
            *self.ratings.values(), self.bias, *self.texts.values(), self.save_button, self.status,
        ])
        self.widget.add_class("course-evaluation")
        self._show_objectives()

    def _show_objectives(self, _change: Any = None) -> None:
        fid = self.format.value
        modules = self.syllabus.format(fid).modules if fid else [m.id for m in self.syllabus.modules]
        rows: list[w.Widget] = []
        for mid in modules:
            m = self.syllabus.module(mid)
            rows.append(w.HTML(f"<b style='color:#202124'>Module {html.escape(m.label)}</b>"))
            for o in m.objectives:
                if o.id not in self.objective_inputs:
                    self.objective_inputs[o.id] = _rating(f"I can now: {o.text}", "course-eval-objective")
                    self.objective_inputs[o.id].observe(self._changed, names="value")
                rows.append(self.objective_inputs[o.id])
        self.objective_box.children = rows
        self._shown = [o.id for mid in modules for o in self.syllabus.module(mid).objectives]

    def answers(self) -> dict[str, Any]:
        """The answers as they stand (unrated items are None)."""
        out: dict[str, Any] = {"session_format": self.format.value,
                               "objectives": {oid: self.objective_inputs[oid].value for oid in self._shown}}
        out.update({k: v.value for k, v in self.ratings.items()})
        out["commercial_bias"] = self.bias.value
        out.update({k: v.value for k, v in self.texts.items()})
        return out

    def save(self) -> Path | None:
        """Save the answers; shows (and returns) where."""
        answers = self.answers()
        if answers["session_format"] is None:
            self._say(NOT_SAVED.format(why="please choose which way you took the course (the first question)."), False)
            return None
        try:
            path = save_evaluation(answers, self.folder)
        except (ValueError, OSError) as exc:
            self._say(NOT_SAVED.format(why=str(exc)), False)
            return None
        self.saved_path, self._saved_answers = path, answers
        self._say(SAVED.format(path=path.name), True)
        return path

    def _changed(self, _change: Any = None) -> None:
        """After a save, say whether the file still holds the answers as they now stand."""
        if self._saved_answers is None or not hasattr(self, "_shown"):
            return
        if self.answers() == self._saved_answers:
            self._say(SAVED.format(path=self.saved_path.name), True)
        else:
            self.status.value = changed_notice(self.saved_path.name, self.save_button.description)

    def _say(self, text: str, ok: bool) -> None:
        colour, bg = ("#1e7e34", "#e6f4ea") if ok else ("#b00020", "#fdecea")
        icon = "💾" if ok else "⚠️"
        self.status.value = (f"<div role='status' style='background:{bg};border-left:6px solid {colour};"
                             f"padding:6px 10px;color:#202124'>{icon} {html.escape(text)}</div>")

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
