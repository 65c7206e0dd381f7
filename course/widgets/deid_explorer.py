"""A live de-identification explorer: pick or paste a note, see what is found, by type,
choose how to hide it and how sure the tool must be.

The logic is in plain functions (:func:`highlight_html`, :func:`explore`) that tests call
directly; :class:`DeidExplorer` only wires them to ipywidgets. Stable CSS classes for
browser tests: ``course-deid-explorer`` (the whole widget), ``course-deid-pick``,
``course-deid-text``, ``course-deid-operator``, ``course-deid-threshold``,
``course-deid-highlight``, ``course-deid-output``, ``course-deid-summary``; each
highlighted finding is a ``<mark class="course-deid-entity course-deid-LABEL">``.
"""

from __future__ import annotations

import functools
import html
import weakref
from collections import Counter
from collections.abc import Sequence

__all__ = ["COLOURS", "DeidExplorer", "explore", "explorer", "highlight_html", "summary_html"]

#: One colour per label (colour-blind-friendly-ish pastel palette), grey for others.
COLOURS = {
    "NAME": "#ffd6a5", "PROVIDER": "#e0e0e0", "DATE": "#caffbf", "AGE_OVER_89": "#fdffb6",
    "LOCATION": "#9bf6ff", "ORGANIZATION": "#a0c4ff", "PHONE": "#ffc6ff", "FAX": "#ffc6ff",
    "EMAIL": "#bdb2ff", "URL": "#bdb2ff", "IP_ADDRESS": "#bdb2ff", "SSN": "#ffadad",
    "MRN": "#ffadad", "HEALTH_PLAN": "#ffadad", "ACCOUNT": "#ffadad", "LICENSE": "#ffadad",
    "VEHICLE": "#ffadad", "DEVICE": "#ffadad", "OTHER_ID": "#ffadad",
}  # fmt: skip
_OTHER = "#eeeeee"


def highlight_html(text: str, spans: Sequence) -> str:
    """*text* as HTML with every span marked and labelled by its type.

    Parameters
    ----------
    text : str
    spans : sequence
        Objects with ``start``, ``end``, ``label`` (and optionally ``score``), not overlapping.

    Returns
    -------
    str
        HTML (escaped; line breaks kept).
    """
    out, pos = [], 0
    for s in sorted(spans, key=lambda s: s.start):
        if s.start < pos:
            continue
        out.append(html.escape(text[pos:s.start]))
        score = f" {s.score:.2f}" if hasattr(s, "score") else ""
        colour = COLOURS.get(s.label, _OTHER)
        # The label and score are printed beside each finding (not only in a hover title),
        # so they can be read with a keyboard, a screen reader or a touch screen.
        out.append(
            f'<mark class="course-deid-entity course-deid-{html.escape(s.label)}" title="{html.escape(s.label)}{score}" '
            f'style="background:{colour};color:#202124;padding:0 2px;border-radius:3px">{html.escape(text[s.start:s.end])}'
            f'<sub class="course-deid-tag" style="font-size:75%;color:#202124"> {html.escape(s.label)}{score}</sub></mark>'
        )
        pos = s.end
    out.append(html.escape(text[pos:]))
    body = "".join(out)
    return f'<div style="white-space:pre-wrap;font-family:monospace;line-height:1.6">{body}</div>'


def summary_html(spans: Sequence, threshold: float) -> str:
    """A one-line count of findings by type, for the explorer's header."""
    counts = Counter(s.label for s in spans)
    if not counts:
        return f"<p>Nothing found at a score of {threshold:.2f} or more.</p>"
    parts = ", ".join(f"{n} {html.escape(lab)}" for lab, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"<p><b>{sum(counts.values())} identifiers found</b> (score &ge; {threshold:.2f}): {parts}.</p>"


def explore(text: str, operator: str = "replace", threshold: float = 0.4, pipeline=None, salt: str = "explorer") -> dict:
    """Everything the explorer shows for one note.

    Parameters
    ----------
    text : str
        The note.
    operator : {"redact", "replace", "mask", "hash"}
    threshold : float
        Only findings scoring at least this are shown and hidden.
    pipeline : course.privacy.Pipeline, optional
        Default: a pipeline that keeps low-scoring findings, so the threshold can be explored.
    salt : str
        For ``hash``: the same salt gives the same hash for the same identifier.

    Returns
    -------
    dict
        ``spans`` (kept findings), ``highlight`` (HTML), ``output`` (de-identified text),
        ``summary`` (HTML).
    """
    from ..privacy import anonymize

    pipe = pipeline if pipeline is not None else _explorer_pipeline()
    spans = [s for s in _analyze(pipe, text) if s.score >= threshold]
    return {
        "spans": spans,
        "highlight": highlight_html(text, spans),
        "output": anonymize(text, spans, operator, salt=salt),
        "summary": summary_html(spans, threshold),
    }


@functools.cache
def _explorer_pipeline():
    from ..privacy import Pipeline

    return Pipeline(score_threshold=0.05)


#: Per pipeline (held weakly: an entry goes when its pipeline does, so a new pipeline that
#: happens to get the old one's ``id()`` never sees its findings), ``analyze`` remembered
#: for the last 64 texts.
_ANALYZE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _analyze(pipe, text: str):
    try:
        cached = _ANALYZE.get(pipe)
    except TypeError:  # a pipeline that cannot be held weakly or hashed: no memory
        return pipe.analyze(text)
    if cached is None:
        ref = weakref.ref(pipe)  # the cache must not keep its own key alive
        cached = _ANALYZE[pipe] = functools.lru_cache(maxsize=64)(lambda t: ref().analyze(t))
    return cached(text)


#: Styles for the explorer: the read-only result keeps full-contrast text (a disabled
#: text area is greyed out by default, 4.3:1), and the two result panes scroll.
STYLE = """<style>
.course-deid-output textarea, .course-deid-output textarea:disabled {
  color: #202124; -webkit-text-fill-color: #202124; opacity: 1; background: #f8f9fa;
  font-family: monospace; line-height: 1.6; }
.course-deid-scroll { max-height: 340px; overflow-y: auto; border: 1px solid #dadce0;
  border-radius: 4px; padding: 4px 6px; background: #ffffff; }
.course-deid-scroll:focus { outline: 2px solid #1a73e8; }
</style>"""


class DeidExplorer:
    """The widget: a note picker, an editable text box, operator buttons, a threshold slider,
    the note with findings highlighted, and the de-identified result.

    The two results sit side by side right under the controls, so a click on an operator
    or a move of the slider visibly changes something next to it.

    Parameters
    ----------
    notes : sequence of dict, optional
        Records with ``id``, ``kind`` and ``text`` (default: the dev notes).
    pipeline : course.privacy.Pipeline, optional
    """

    def __init__(self, notes: Sequence[dict] | None = None, pipeline=None) -> None:
        import ipywidgets as w

        if notes is None:
            from ..data import load

            notes = [n for n in load("notes") if n["split"] == "dev"][:30]
        self.notes = list(notes)
        self.pipeline = pipeline
        options = [(f"{n.get('id', i)} ({n.get('kind', 'note')})", i) for i, n in enumerate(self.notes)]
        self.pick = w.Dropdown(options=options, value=0 if options else None, description="Note:",
                               layout=w.Layout(width="420px"))
        self.text = w.Textarea(value=self.notes[0]["text"] if self.notes else "", placeholder="Paste a note here",
                               layout=w.Layout(width="100%", height="120px"))
        self.operator = w.ToggleButtons(options=[("redact", "redact"), ("type tag", "replace"), ("mask", "mask"),
                                                 ("hash", "hash")], value="replace", description="Operator:")
        # A selection slider over the 21 score steps: its handle, readout and value always
        # agree, with a mouse or the arrow keys (a float slider's keyboard steps could leave
        # the handle a step away from the value the kernel had).
        self.threshold = w.SelectionSlider(options=[(f"{v / 100:.2f}", v / 100) for v in range(0, 101, 5)], value=0.4,
                                           description="Min. score:", continuous_update=True,
                                           style={"description_width": "initial"})
        self.summary = w.HTML()
        self.highlight = w.HTML()
        self.output = w.Textarea(disabled=True, layout=w.Layout(width="100%", height="340px"))
        for widget, cls in ((self.pick, "pick"), (self.text, "text"), (self.operator, "operator"),
                            (self.threshold, "threshold"), (self.summary, "summary"),
                            (self.highlight, "highlight"), (self.output, "output")):
            widget.add_class(f"course-deid-{cls}")
        self.pick.observe(self._on_pick, names="value")
        for widget in (self.text, self.operator, self.threshold):
            widget.observe(self._refresh, names="value")
        found = w.VBox([w.HTML("<b>What the tool found</b> (type and score after each finding):"), self.highlight],
                       layout=w.Layout(width="50%", padding="0 8px 0 0", overflow="visible"))
        hidden = w.VBox([w.HTML("<b>De-identified</b> (what would leave the practice):"), self.output],
                        layout=w.Layout(width="50%", overflow="visible"))
        self.widget = w.VBox([
            w.HTML(STYLE), self.pick, self.text,
            w.HBox([self.operator, self.threshold], layout=w.Layout(flex_flow="row wrap", align_items="center")),
            self.summary, w.HBox([found, hidden], layout=w.Layout(width="100%", align_items="flex-start")),
        ])
        self.widget.add_class("course-deid-explorer")
        self._refresh()

    def _on_pick(self, change) -> None:
        if change["new"] is not None:
            self.text.value = self.notes[change["new"]]["text"]

    def _refresh(self, change=None) -> None:  # noqa: ARG002 - ipywidgets passes the change
        result = explore(self.text.value, self.operator.value, self.threshold.value, self.pipeline)
        self.summary.value = result["summary"]
        # A scrolling box a keyboard can reach (tabindex) and a screen reader can name.
        self.highlight.value = (
            '<div class="course-deid-scroll" tabindex="0" role="region" aria-label="What the tool found">'
            f'{result["highlight"]}</div>'
        )
        self.output.value = result["output"]

    def _ipython_display_(self) -> None:
        from IPython.display import display

        from ._a11y import label_sliders

        label_sliders()
        display(self.widget)


def explorer(notes: Sequence[dict] | None = None, pipeline=None) -> DeidExplorer:
    """Build the live de-identification explorer (display it as the last line of a cell)."""
    return DeidExplorer(notes, pipeline)
