"""Exercise 01 checks: right answers pass, plausible wrong ones get the right message."""

import pytest
from presidio_analyzer import Pattern, PatternRecognizer

from course.checks import Status
from course.checks import m01_privacy as checks
from course.privacy import Pipeline, anonymize, id_after
from course.privacy.linkage import k_anonymity, link, public_roster, released_extract


def test_q1_minimum_necessary():
    right = ["referral_reason", "diagnosis_code", "phq9_intake", "gad7_intake"]
    assert checks.q1.check(right).status is Status.CORRECT
    assert checks.q1.check(right + ["age", "diagnosis"]).status is Status.CORRECT
    assert checks.q1.check(...).status is Status.NOT_ATTEMPTED
    r = checks.q1.check(right + ["full_name", "front_desk_note"])
    assert r.status is Status.INCORRECT
    assert checks.Q1_IDENTIFIER.format("full_name") in r.message
    assert checks.Q1_NOT_NEEDED.format("front_desk_note") in r.message
    assert checks.Q1_MISSING.format("gad7_intake") in checks.q1.check(right[:3]).message
    assert checks.q1.check(["referral_reason", "phq9_intake", "gad7_intake"]).message == checks.Q1_NO_DIAGNOSIS
    assert "not columns" in checks.q1.check(["referal_reason"]).message
    assert checks.q1.check(5).message == checks.Q1_FORMAT
    assert set(right) <= set(checks.intake_columns())


def test_q2_labels_below_half_from_a_given_evaluation():
    from course.privacy import Span, evaluate

    doc = {"text": "MRN 12345 for Ana Lima", "spans": [{"start": 4, "end": 9, "label": "MRN"},
                                                   {"start": 14, "end": 22, "label": "NAME"}]}
    ev = evaluate([doc], [[Span(14, 22, "NAME", 1)]])
    assert checks.q2.check(["MRN"], evaluation=ev).status is Status.CORRECT
    assert checks.q2.check(["mrn"], evaluation=ev).status is Status.CORRECT
    wrong = checks.q2.check(["MRN", "NAME"], evaluation=ev)
    assert wrong.status is Status.INCORRECT and "NAME (recall 1.00)" in wrong.message
    assert checks.q2.check(["NAME"], evaluation=ev).message.startswith(checks.Q2_MISSED.format("MRN")[:30])
    assert checks.q2.check(["PROVIDER"], evaluation=ev).message == checks.Q2_PROVIDER
    assert checks.q2.check([], evaluation=ev).status is Status.NOT_ATTEMPTED


@pytest.fixture(scope="module")
def few_notes():
    return checks.dev_notes()[:14]


def solution_answer(qid):
    """Run the solution notebook's set-up and answer cells for *qid*; return its namespace."""
    import json

    from helpers import ROOT

    nb = json.loads((ROOT / "solutions" / "01_privacy" / "01_privacy.ipynb").read_text(encoding="utf-8"))
    wanted = ("m01_setup", f"{qid}_tools", qid)
    namespace = {}
    for cell in nb["cells"]:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") in wanted:
            exec("".join(cell["source"]), namespace)  # noqa: S102 - our own solution notebook
    return namespace


def test_q3_solution_passes_on_dev_and_on_fresh_notes_weak_answers_fail(few_notes):
    from course.synth.notes import generate_notes

    answer = solution_answer("m01_q3")["answer_q3"]
    assert checks.q3.check(answer).status is Status.CORRECT
    assert checks.q3.check(answer, notes=generate_notes(5150, 24), min_recall=0.93).status is Status.CORRECT
    r = checks.q3.check({"recognizers": [id_after("MRN", ["MRN"])], "allow_list": []}, notes=few_notes)
    assert r.status is Status.INCORRECT and "below the goal of 0.95" in r.message and "Still leaking most" in r.message
    everything = PatternRecognizer(supported_entity="NAME", patterns=[Pattern("all", r"\w+", 0.9)])
    r = checks.q3.check([everything], notes=few_notes)
    assert r.status is Status.INCORRECT and "precision fell" in r.message


def test_q3_blank_and_malformed_answers():
    assert checks.q3.check(...).status is Status.NOT_ATTEMPTED
    assert checks.q3.check([...]).status is Status.NOT_ATTEMPTED
    assert checks.q3.check({"recognizers": ..., "allow_list": []}).status is Status.NOT_ATTEMPTED
    r = checks.q3.check(["MRN"])
    assert r.status is Status.INCORRECT and "not a Presidio recognizer" in r.message
    assert checks.q3.check("MRN").message == checks.Q3_FORMAT


def test_q4_protect_function():
    notes = checks.q4_notes()
    assert [n["id"] for n in notes] == list(checks.Q4_NOTE_IDS)
    pipe = Pipeline(deny_list=["Jean-Luc"])
    assert checks.q4.check(lambda note: anonymize(note, pipe.analyze(note), "replace")).status is Status.CORRECT

    def unchanged(note):
        return note

    def blank(note):
        return ...

    assert checks.q4.check(blank).status is Status.NOT_ATTEMPTED
    assert "came back unchanged" in checks.q4.check(unchanged).message
    assert "still visible" in checks.q4.check(lambda note: note + " (reviewed)").message
    assert "too much was removed" in checks.q4.check(lambda note: "*" * len(note)).message
    assert checks.q4.check("protect").message == checks.Q4_NOT_FUNCTION
    assert "not text" in checks.q4.check(lambda note: 3).message


def test_q5_unique_records():
    table = checks.quasi_table()
    sizes = table.groupby(["zip3", "age_band", "gender"]).size()
    unique = int((sizes == 1).sum())
    assert checks.q5.check(unique).status is Status.CORRECT
    assert checks.q5.check(str(unique)).status is Status.CORRECT
    assert checks.q5.check(int(sizes.min())).message in (checks.Q5_WRONG_K, checks.q5.check(unique).message)
    assert checks.q5.check(len(sizes)).message == checks.Q5_WRONG_GROUPS
    assert checks.q5.check("two").message == checks.Q5_NOT_NUMBER


def test_linkage_helpers():
    extract = released_extract()
    roster = public_roster(extract)
    linked = link(extract, roster)
    assert 0 < len(linked) <= len(extract) and "name" in linked.columns
    assert k_anonymity(extract, ["birth_year", "zip", "gender"]) == 1
    with pytest.raises(ValueError):
        k_anonymity(extract.iloc[:0], ["zip"])
