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

from typing import Any

from ..consent import ConsentReport, check_script
from ..consent.render import grade_html, report_html
from ._saving import kernel_loop

__all__ = ["ConsentBuilder", "consent_builder", "report_html", "grade_html", "EXAMPLES", "PLACEHOLDER"]

PLACEHOLDER = "Type or paste the words you would say to a client before using an AI tool..."
#: The picker's first entry: the learner's own draft, kept while they look at an example.
OWN_DRAFT = "(your own draft)"
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
        """Check a moment after the last keystroke, in a Jupyter kernel; at once anywhere
        else (a script, a test, or a thread whose event loop belongs to something else).
        """
        loop = kernel_loop()
        if loop is None:
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


