"""Consent-script builder: type or paste a script and watch the nine elements light up.

The logic is in plain functions (:func:`report_html`, :func:`grade_html`) that tests
call directly; :class:`ConsentBuilder` wires them to ipywidgets. It uses the same
checker as ``course consent-check`` and the exercise's self-checks.

Stable CSS classes for browser tests: ``course-consent-builder`` (the whole widget),
``course-consent-input`` (the text area; the report follows as you type, a moment after
you pause),
``course-consent-check-button`` (re-check now), ``course-consent-examples`` (example
picker), ``course-consent-report`` (the findings), and inside the report
``course-consent-element`` with ``course-consent-found`` or ``course-consent-missing``
and ``data-element="<id>"``, ``course-consent-grade`` and ``course-consent-message``.
"""

from __future__ import annotations

import html
from typing import Any

from ..consent import ELEMENT_NAMES, ELEMENTS, SUGGESTIONS, ConsentReport, check_script

__all__ = ["ConsentBuilder", "consent_builder", "report_html", "grade_html", "EXAMPLES", "PLACEHOLDER"]

PLACEHOLDER = "Type or paste the words you would say to a client before using an AI tool..."
GRADE_TARGET = 8.0
#: The picker's first entry: the learner's own draft, kept while they look at an example.
OWN_DRAFT = "(your own draft)"
#: Shown in place of a reading level while there is nothing to read.
NO_GRADE_YET = "Reading grade level: not measured yet (type or paste a script above)"
#: Seconds to wait after the last keystroke before checking (typing stays smooth).
DEBOUNCE_SECONDS = 0.4

#: Example texts offered in the picker.
EXAMPLES: dict[str, str] = {
    OWN_DRAFT: "",
    "A vendor's text (flawed)": (
        "Welcome to ListenWell, the AI companion for busy therapists! ListenWell records each therapy session and "
        "writes your clinician's progress note automatically. We take your privacy seriously. Session data may be "
        "used to improve our products. By attending a session where ListenWell is in use, you agree to these terms."
    ),
    "A spoken script (complete)": (
        "Before we start, I'd like to ask you about something. I use a computer program that listens to our session "
        "and writes a first draft of my notes. It records what we both say. The recording is only used to write that "
        "draft, and the company may not use it to train its AI or share it. It is encrypted and deleted after three "
        "days. The program can make mistakes, and it is not for emergencies. I read and fix every draft, and it never "
        "makes decisions about your care. You're free to say no, and your therapy stays the same. If you change your "
        "mind later, just tell me and I'll turn it off. What questions do you have?"
    ),
}


def grade_html(grade: float, words: int) -> str:
    """The reading-level gauge: a bar coloured by how easy the script is to read.

    With no words there is no reading level: it says so instead of "0.0 (easy to follow)".
    """
    if words == 0:
        return f'<div class="course-consent-grade" data-grade="" style="margin:4px 0 8px 0"><b>{NO_GRADE_YET}</b></div>'
    colour = "#1e7e34" if grade <= GRADE_TARGET else ("#a05a00" if grade <= 10 else "#b00020")
    verdict = "easy to follow" if grade <= GRADE_TARGET else ("a bit hard" if grade <= 10 else "hard for many clients")
    width = min(100, int(grade / 16 * 100))
    return (
        f'<div class="course-consent-grade" data-grade="{grade:.1f}" style="margin:4px 0 8px 0">'
        f"<b>Reading grade level: {grade:.1f}</b> ({verdict}; aim for {GRADE_TARGET:.0f} or below) &middot; {words} words"
        f'<div style="background:#eee;height:8px;border-radius:4px;margin-top:3px">'
        f'<div style="background:{colour};width:{width}%;height:8px;border-radius:4px"></div></div></div>'
    )


def report_html(report: ConsentReport) -> str:
    """HTML for a :class:`~course.consent.ConsentReport`: nine elements, evidence, suggestions."""
    parts = [grade_html(report.grade_level, report.words)]
    for message in report.messages:
        parts.append(
            f'<div class="course-consent-message" style="background:#fff4e5;border-left:4px solid #a05a00;'
            f'padding:4px 8px;margin:4px 0">⚠️ {html.escape(message)}</div>'
        )
    found = sum(report.elements.values())
    parts.append(f"<div><b>{found} of 9 elements covered</b></div><ul style='list-style:none;padding-left:0'>")
    for el in ELEMENTS:
        ok = report.elements[el]
        cls = "course-consent-found" if ok else "course-consent-missing"
        bg = "#e6f4ea" if ok else "#f1f3f4"
        icon = "✅" if ok else "⬜"
        # In words as well as colour and symbol (emoji fonts and colour vision vary).
        word = '<span class="course-consent-state">Covered:</span>' if ok else '<span class="course-consent-state">Missing:</span>'
        detail = (
            f"<br><i>“{html.escape(report.evidence[el] or '')}”</i>"
            if ok
            else f"<br><span style='color:#5f6368'>Suggestion: {html.escape(SUGGESTIONS[el])}</span>"
        )
        parts.append(
            f'<li class="course-consent-element {cls}" data-element="{el}" '
            f'style="background:{bg};margin:3px 0;padding:4px 8px;border-radius:4px">'
            f"{icon} {word} <b>{html.escape(ELEMENT_NAMES[el])}</b>{detail}</li>"
        )
    parts.append("</ul>")
    return "".join(parts)


def _widgets():
    import ipywidgets as widgets

    return widgets


class ConsentBuilder:
    """The interactive builder. ``.widget`` is the ipywidgets box; displaying the object shows it.

    Parameters
    ----------
    text : str
        A script to start with.
    """

    def __init__(self, text: str = "") -> None:
        w = _widgets()
        self.examples = w.Dropdown(options=list(EXAMPLES), description="Start from:", layout=w.Layout(width="420px"))
        self.examples.add_class("course-consent-examples")
        # continuous_update: the report follows the typing (debounced), no need to leave the box.
        self.text = w.Textarea(value=text, placeholder=PLACEHOLDER, continuous_update=True, layout=w.Layout(width="100%", height="220px"))
        self.text.add_class("course-consent-input")
        self.output = w.HTML()
        self.output.add_class("course-consent-report")
        self.button = w.Button(description="Check script", button_style="primary", icon="check")
        self.button.add_class("course-consent-check-button")
        self.note = w.HTML()
        self.note.add_class("course-consent-draft-note")
        self.widget = w.VBox([self.examples, self.note, self.text, self.button, self.output])
        self.widget.add_class("course-consent-builder")
        self.report: ConsentReport | None = None
        self.draft = text  # the learner's own words, never lost to an example
        self._pending = None
        self._switching = False
        self.text.observe(self._on_text, names="value")
        self.examples.observe(self._on_example, names="value")
        self.button.on_click(self._on_click)
        self.refresh()

    def refresh(self) -> ConsentReport:
        """Re-check the current text and update the report."""
        self._pending = None
        self.report = check_script(self.text.value)
        self.output.value = report_html(self.report)
        return self.report

    def _on_text(self, change: dict[str, Any]) -> None:
        if not self._switching and self.examples.value == OWN_DRAFT:
            self.draft = change["new"]
        self._schedule()

    def _schedule(self) -> None:
        """Check a moment after the last keystroke (at once when no event loop runs)."""
        import asyncio

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.refresh()
            return
        if self._pending is not None:
            self._pending.cancel()
        self._pending = loop.call_later(DEBOUNCE_SECONDS, self.refresh)

    def _on_click(self, _button: Any) -> None:
        self.refresh()

    def _on_example(self, change: dict[str, Any]) -> None:
        """Show an example; "(your own draft)" brings the learner's draft back, untouched."""
        if change["old"] == OWN_DRAFT:
            self.draft = self.text.value
        self._switching = True
        try:
            self.text.value = self.draft if change["new"] == OWN_DRAFT else EXAMPLES.get(change["new"], "")
        finally:
            self._switching = False
        if change["new"] != OWN_DRAFT and self.draft.strip():
            self.note.value = (
                f'<span style="color:#202124">Your draft is kept: pick <b>{OWN_DRAFT}</b> to go back to it. '
                "Edits to an example are not saved into your draft.</span>"
            )
        else:
            self.note.value = ""
        self.refresh()

    def _ipython_display_(self) -> None:  # pragma: no cover - needs a front end
        from IPython.display import display

        display(self.widget)


def consent_builder(text: str = "") -> ConsentBuilder:
    """Create the consent-script builder (display it as the last line of a cell)."""
    return ConsentBuilder(text)
