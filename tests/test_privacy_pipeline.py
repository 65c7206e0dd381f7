"""course.privacy: the reference recognizers, the batch pipeline, the operators and the evaluation."""

import hashlib
import importlib

import pytest

from course.privacy import (
    ALLOW_LIST,
    COURSE_LABELS,
    Pipeline,
    Span,
    anonymize,
    clinical_recognizers,
    default_spans,
    deny_list_recognizer,
    evaluate,
    id_after,
    pipeline,
    to_course_label,
    tokens,
)

pipeline_module = importlib.import_module("course.privacy.pipeline")


@pytest.fixture(scope="module")
def pipe():
    return pipeline()


def found(pipe, text):
    return {(s.label, text[s.start:s.end]) for s in pipe.analyze(text)}


NOTE = (
    "Client: Maria Alvarez    DOB: 03/14/1961    MRN: AB-2039481\n"
    "Seen 4/2/2024 by Dr. Hope Grant, LCSW. Maria reports PHQ-9 of 14; sertraline 50 mg.\n"
    "Lives at 42 Elm Street, Apt 3B, Portland, OR 97201. Cell 503-555-0134, fax 503-555-0188.\n"
    "Member ID XGH448812233. Her mother, Rose Okafor, 93 y/o, lives with her. maria.a@example.com\n"
    "Portal login from 192.0.2.44; acct # 55-10293. Call 988 if in crisis.\n"
)


def test_reference_pipeline_finds_clinical_identifiers_with_exact_spans(pipe):
    got = found(pipe, NOTE)
    for expected in [
        ("NAME", "Maria Alvarez"), ("DATE", "03/14/1961"), ("MRN", "AB-2039481"), ("DATE", "4/2/2024"),
        ("PROVIDER", "Hope Grant"), ("NAME", "Maria"), ("LOCATION", "42 Elm Street, Apt 3B, Portland, OR 97201"),
        ("PHONE", "503-555-0134"),
        ("FAX", "503-555-0188"), ("HEALTH_PLAN", "XGH448812233"), ("NAME", "Rose Okafor"), ("AGE_OVER_89", "93"),
        ("EMAIL", "maria.a@example.com"), ("IP_ADDRESS", "192.0.2.44"), ("ACCOUNT", "55-10293"),
    ]:
        assert expected in got, (expected, sorted(got))
    texts = {t for _, t in got}
    # titles and keywords stay outside the span; clinical terms are never hidden
    for kept in ("Dr. Hope Grant", "MRN: AB", "PHQ-9", "sertraline", "LCSW", "988", "50 mg", "OR"):
        assert kept not in texts


def test_spans_are_sorted_valid_and_non_overlapping(pipe):
    spans = pipe.analyze(NOTE)
    assert spans == sorted(spans, key=lambda s: s.start)
    for a, b in zip(spans, spans[1:], strict=False):
        assert a.end <= b.start
    for s in spans:
        assert 0 <= s.start < s.end <= len(NOTE) and NOTE[s.start:s.end] == NOTE[s.start:s.end].strip()
        assert 0 < s.score <= 1


def test_batch_equals_one_by_one(pipe):
    texts = [NOTE, "Nothing to see here.", "", "Pt Jake Moody, 91-year-old, seen 12-May-2024."]
    assert list(pipe.analyze_batch(texts)) == [pipe.analyze(t) for t in texts]


def test_lower_case_notes_are_handled(pipe):
    text = "client: anastasia petrov    dob: 01/31/1983\nhi dr oyelaran,\nthings are hard since luis moved out. thx\nanastasia\n"
    got = {t for _, t in found(pipe, text)}
    assert {"anastasia petrov", "01/31/1983", "oyelaran", "luis"} <= got


def test_names_found_once_are_hidden_everywhere_but_common_words_only_when_capitalised(pipe):
    text = "Client: Hope Abernathy-Quist. Later Abernathy-Quist said she has more hope. Hope smiled."
    hidden = [False] * len(text)
    for s in pipe.analyze(text):
        hidden[s.start:s.end] = [True] * (s.end - s.start)
    for word in ("Abernathy-Quist", "Hope"):
        for i in (k for k in range(len(text)) if text.startswith(word, k)):
            assert all(hidden[i:i + len(word)]), (word, i)
    assert not any(hidden[text.index("Later"):text.index("Later") + 5])
    assert not any(hidden[text.index("hope."):text.index("hope.") + 4])


def test_deny_and_allow_lists():
    p = Pipeline(deny_list=["Zephyrine"], allow=["Riverbend Clinic"])
    text = "zephyrine came to Riverbend Clinic today."
    got = {text[s.start:s.end] for s in p.analyze(text)}
    assert "zephyrine" in got
    assert not any("Riverbend" in g for g in got)


def test_long_notes_are_read_in_parts(monkeypatch, pipe):
    monkeypatch.setattr(pipeline_module, "MAX_CHARS", 2000)
    filler = "Mood was stable and sleep improved this week. " * 100
    text = "Client: Maria Alvarez. " + filler + "Call Maria at 503-555-0134."
    spans = pipe.analyze(text)
    got = [(s.label, text[s.start:s.end]) for s in spans]
    assert ("PHONE", "503-555-0134") in got
    assert got.count(("NAME", "Maria")) == 1  # found again across the part boundary


def test_recall_and_precision_on_fresh_notes_meet_the_floor(pipe):
    from course.synth.notes import generate_notes

    notes = generate_notes(424242, 40)
    ev = evaluate(notes, list(pipe.analyze_batch([n["text"] for n in notes])))
    assert ev.recall >= 0.95, ev.summary()
    assert ev.precision >= 0.85, ev.summary()


def test_course_pipeline_finds_more_than_presidio_defaults(pipe):
    from course.synth.notes import generate_notes

    notes = generate_notes(777, 12)
    texts = [n["text"] for n in notes]
    ours = evaluate(notes, list(pipe.analyze_batch(texts)))
    defaults = evaluate(notes, default_spans(texts))
    assert ours.recall > defaults.recall and ours.precision > defaults.precision
    assert len(ours.leaks) < len(defaults.leaks)


@pytest.mark.parametrize("operator", ["redact", "replace", "mask", "hash"])
def test_operators_hide_every_span(operator):
    text = "Maria Alvarez called 555-0134 about Maria's appointment."
    spans = [Span(0, 13, "NAME", 0.9), Span(21, 29, "PHONE", 0.8), Span(36, 41, "NAME", 0.9)]
    out = anonymize(text, spans, operator, salt="a-secret-salt-for-tests")
    assert "Maria" not in out and "555-0134" not in out
    assert "called" in out and "appointment" in out
    if operator == "replace":
        assert out == "<NAME> called <PHONE> about <NAME>'s appointment."
    if operator == "redact":
        assert out == " called  about 's appointment."
    if operator == "mask":
        assert out == "*" * 13 + " called " + "*" * 8 + " about *****'s appointment."
    if operator == "hash":
        digest = hashlib.sha256(b"Maria" + b"a-secret-salt-for-tests").hexdigest()
        assert digest in out


def test_hash_is_consistent_with_a_salt_and_unlinkable_without():
    text = "Jo met Jo."
    spans = [Span(0, 2, "NAME", 1), Span(7, 9, "NAME", 1)]
    salted = anonymize(text, spans, "hash", salt="same-salt-same-hash")
    a, b = salted.split(" met ")
    assert a == b.rstrip(".")
    assert anonymize(text, spans, "hash") != anonymize(text, spans, "hash")  # a fresh random salt per call


def test_anonymize_rejects_unknown_operator_and_accepts_dicts():
    with pytest.raises(ValueError, match="redact, replace, mask, hash"):
        anonymize("x", [], "shred")
    assert anonymize("Call Jo", [{"start": 5, "end": 7, "label": "NAME"}]) == "Call <NAME>"
    assert anonymize("nothing", []) == "nothing"


def test_evaluation_counts_tokens_and_scores_providers_apart():
    text = "Maria Alvarez saw Dr Ann Lee on 3/4/2024 about PHQ-9 scores"
    doc = {"id": "d1", "text": text, "spans": [
        {"start": 0, "end": 13, "label": "NAME"},
        {"start": 21, "end": 28, "label": "PROVIDER"},
        {"start": 32, "end": 40, "label": "DATE"},
    ]}
    pred = [Span(0, 5, "NAME", 1), Span(21, 28, "NAME", 1), Span(47, 52, "ORGANIZATION", 1)]
    ev = evaluate([doc], [pred])
    assert ev.gold["NAME"] == 2 and ev.found["NAME"] == 1
    assert ev.gold["DATE"] == 3 and ev.found["DATE"] == 0
    assert ev.recall == pytest.approx(1 / 5)
    # predicted: Maria (right), PHQ + 9 (wrong); the provider tokens are neutral
    assert ev.predicted["NAME"] == 1 and ev.predicted["ORGANIZATION"] == 2
    assert ev.precision == pytest.approx(1 / 3)
    assert ev.label_recall("PROVIDER") == 1.0
    assert [(leak.label, leak.text) for leak in ev.leaks] == [("NAME", "Maria Alvarez"), ("DATE", "3/4/2024")]
    table = ev.table()
    assert table.loc["ALL (Safe Harbor)", "recall"] == round(1 / 5, 3)
    assert "PROVIDER (scored apart)" in table.index
    assert "2 identifiers leaked" in ev.summary() and "course-evaluation" in ev._repr_html_()


def test_evaluate_rejects_mismatched_lengths():
    with pytest.raises(ValueError, match="2 documents but 1"):
        evaluate([{"text": "a", "spans": []}] * 2, [[]])


def test_tokens_and_label_mapping():
    assert tokens("Call 555-0123, O'Neil!") == [(0, 4), (5, 8), (9, 13), (15, 16), (17, 21)]
    assert to_course_label("PERSON") == "NAME" and to_course_label("US_SSN") == "SSN"
    assert to_course_label("MRN") == "MRN" and to_course_label("NRP") is None
    assert to_course_label("SOMETHING_NEW") == "OTHER_ID"


def test_building_blocks():
    rec = id_after("MRN", ["MRN", r"chart\s+no\.?"])
    text = "MRN: 12-3456 and chart no. AB7788; not PHQ-9"
    assert [text[r.start:r.end] for r in rec.analyze(text, ["MRN"])] == ["12-3456", "AB7788"]
    deny = deny_list_recognizer("NAME", ["Zoë", " "])
    assert [r.start for r in deny.analyze("I met zoë", ["NAME"])] == [6]
    with pytest.raises(ValueError):
        deny_list_recognizer("NAME", [" "])
    recs = clinical_recognizers()
    assert recs is not clinical_recognizers() and len(recs) > 10
    assert "phq-9" in ALLOW_LIST


def test_default_spans_maps_presidio_entities():
    spans = default_spans(["E-mail maria.a@example.com today."])[0]
    assert ("EMAIL", 7, 26) in [(s.label, s.start, s.end) for s in spans]
    assert {s.label for s in spans} <= set(COURSE_LABELS)


def test_one_definition_of_a_leak_from_spans_or_from_text():
    """find_leaks: an identifier leaks when any of its words is still readable where it was
    (case ignored); what was hidden and the de-identified text give the same answer."""
    from course.privacy import find_leaks

    text = "Hope Moody (MRN 91-968895) said she has hope. Seen by Dr Ann Lee."
    doc = {"id": "d", "text": text, "spans": [
        {"start": 0, "end": 10, "label": "NAME"},
        {"start": 16, "end": 25, "label": "MRN"},
        {"start": 57, "end": 64, "label": "PROVIDER"},
    ]}
    cases = [
        ([(0, 10), (16, 25)], []),  # all hidden (the ordinary 'hope' and the provider are no leak)
        ([(5, 10), (19, 25)], ["Hope Moody", "91-968895"]),  # a first name, two digits of the MRN
        ([(0, 4), (16, 25)], ["Hope Moody"]),
    ]
    for hidden, leaked in cases:
        assert [x.text for x in find_leaks(doc, hidden)] == leaked
        spans = [{"start": a, "end": b, "label": "NAME"} for a, b in hidden]
        for operator in ("replace", "mask"):
            assert [x.text for x in find_leaks(doc, deidentified=anonymize(text, spans, operator))] == leaked
    assert [x.text for x in find_leaks(doc, deidentified=text.lower())] == ["Hope Moody", "91-968895"]
