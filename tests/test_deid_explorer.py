"""The de-identification explorer: plain functions, and the widget's callbacks."""

import pytest

from course.privacy import Span
from course.widgets import deid_explorer as dx

TEXT = "Maria Alvarez called 555-0134 <urgent> on 3/4/2024."
NOTES = [
    {"id": "n1", "kind": "soap", "text": "Client: Maria Alvarez. Call 503-555-0134 on 3/4/2024."},
    {"id": "n2", "kind": "portal_message", "text": "Hi Dr. Oyelaran, it's Jake Moody. My e-mail is jake.m@example.org."},
]


def test_highlight_html_marks_each_span_and_escapes_text():
    html = dx.highlight_html(TEXT, [Span(0, 13, "NAME", 0.9), Span(21, 29, "PHONE", 0.7)])
    assert html.count('class="course-deid-entity') == 2
    assert 'course-deid-NAME" title="NAME 0.90"' in html and "course-deid-PHONE" in html
    assert ">NAME 0.90<" in html.replace("> ", ">")  # type and score shown as text, not only on hover
    assert "&lt;urgent&gt;" in html and "<urgent>" not in html
    assert dx.COLOURS["NAME"] in html


def test_summary_counts_by_label():
    assert "Nothing found" in dx.summary_html([], 0.5)
    text = dx.summary_html([Span(0, 1, "NAME", 1), Span(2, 3, "NAME", 1), Span(4, 5, "DATE", 1)], 0.4)
    assert "3 identifiers found" in text and "2 NAME, 1 DATE" in text


def test_explore_threshold_and_operators():
    low = dx.explore(NOTES[0]["text"], "replace", 0.0)
    high = dx.explore(NOTES[0]["text"], "replace", 0.99)
    assert len(high["spans"]) < len(low["spans"])
    assert "<NAME>" in low["output"] and "Maria" not in low["output"]
    masked = dx.explore(NOTES[0]["text"], "mask", 0.0)["output"]
    assert "Maria" not in masked and len(masked) == len(NOTES[0]["text"])
    a = dx.explore(NOTES[0]["text"], "hash", 0.0, salt="s" * 16)["output"]
    assert a == dx.explore(NOTES[0]["text"], "hash", 0.0, salt="s" * 16)["output"] and "Maria" not in a


@pytest.fixture(scope="module")
def widget():
    return dx.explorer(NOTES)


def test_widget_starts_on_the_first_note_with_stable_classes(widget):
    assert widget.text.value == NOTES[0]["text"]
    assert "course-deid-explorer" in widget.widget._dom_classes
    for part, cls in ((widget.pick, "pick"), (widget.text, "text"), (widget.operator, "operator"),
                      (widget.threshold, "threshold"), (widget.highlight, "highlight"), (widget.output, "output"),
                      (widget.summary, "summary")):
        assert f"course-deid-{cls}" in part._dom_classes
    assert "course-deid-NAME" in widget.highlight.value
    assert "<NAME>" in widget.output.value


def test_widget_callbacks_update_the_output(widget):
    widget.operator.value = "mask"
    assert "<NAME>" not in widget.output.value and "*****" in widget.output.value
    widget.operator.value = "redact"
    assert "Maria" not in widget.output.value and "*" not in widget.output.value
    before = widget.summary.value
    widget.threshold.value = 1.0
    assert widget.summary.value != before and "Nothing found" in widget.summary.value
    assert widget.output.value == widget.text.value  # nothing hidden at the top threshold
    widget.threshold.value = 0.4
    widget.pick.value = 1
    assert widget.text.value == NOTES[1]["text"]
    assert "Jake" not in widget.output.value and "jake.m@example.org" not in widget.output.value
    widget.text.value = "Pasted: call Ana Lima at 555-0101."
    assert "555-0101" not in widget.output.value and "course-deid-PHONE" in widget.highlight.value


def test_findings_are_remembered_per_pipeline_object():
    """The explorer remembers a pipeline's findings per text, without keeping the pipeline
    alive; a new pipeline (which may get a collected one's id()) gets its own findings."""
    import gc
    import weakref

    from course.widgets import deid_explorer as de

    class Counting:
        def __init__(self, spans):
            self.spans, self.calls = spans, 0

        def analyze(self, text):
            self.calls += 1
            return self.spans

    first = Counting(["old"])
    assert de._analyze(first, "note") == ["old"] and de._analyze(first, "note") == ["old"]
    assert first.calls == 1
    gone = weakref.ref(first)
    del first
    gc.collect()
    assert gone() is None  # the cache did not keep it alive, and its entry went with it
    assert all(de._analyze(Counting(["new"]), "note") == ["new"] for _ in range(20))
