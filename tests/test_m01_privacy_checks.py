"""Exercise 01 checks: right answers pass, plausible wrong ones get the right message, and
no wrong-answer message gives the answer away."""

import pytest

from course.checks import Status
from course.checks import m01_privacy as checks
from course.privacy.exercise import COURSE_RECOGNIZERS, PRESIDIO_TYPES, deny_spans, options_for
from course.privacy.linkage import k_anonymity, link, public_roster, released_extract

Q4_RIGHT = ["jean-luc", "Riverside Junior High", "Olumide Castillo-Reyes", "Yusuf", "cedar hill behavioral health",
            "rowan", "unity care medicaid"]


def test_q1_minimum_necessary():
    right = ["referral_reason", "diagnosis_code", "phq9_intake", "gad7_intake"]
    assert checks.q1.check(right).status is Status.CORRECT
    assert checks.q1.check(right + ["age", "diagnosis"]).status is Status.CORRECT
    assert checks.q1.check(...).status is Status.NOT_ATTEMPTED
    r = checks.q1.check(right + ["full_name", "front_desk_note"])
    assert r.status is Status.INCORRECT
    assert checks.Q1_IDENTIFIER.format("full_name") in r.message
    assert checks.Q1_NOT_NEEDED.format("front_desk_note") in r.message
    missing = checks.q1.check(right[:3])
    assert missing.message == checks.Q1_MISSING and "gad7" not in missing.message  # no names of what is missing
    assert checks.q1.check(["referral_reason", "phq9_intake", "gad7_intake"]).message == checks.Q1_NO_DIAGNOSIS
    assert checks.q1.check(["referal_reason"]).status is Status.ERROR
    assert checks.q1.check(5).status is Status.ERROR
    assert set(right) <= set(checks.intake_columns())


def test_q2_review_a_de_identified_note():
    shown = checks.show_q2()
    assert "<DATE>" in shown and "Hope Moody" in shown and "666-27-4653" in shown
    assert checks.q2.check(["Hope Moody", "Hope", "91", "5/6", "666-27-4653"]).correct
    assert checks.q2.check(["Hope", "Moody", "91-<LICENSE>", "5/6", "666-27-4653"]).correct
    missed = checks.q2.check(["Hope Moody", "Hope", "5/6", "666-27-4653"])
    assert missed.message == checks.Q2_MISSED and "91" not in missed.message
    assert "'hope'" in checks.q2.check(["Hope Moody", "hope", "91", "5/6", "666-27-4653"]).message
    assert "not in the de-identified note" in checks.q2.check(["Hope Moody", "91-968895"]).message
    assert checks.q2.check(...).status is Status.NOT_ATTEMPTED
    assert checks.q2.check([3]).status is Status.ERROR


@pytest.mark.slow
def test_q3_recognizer_choice():
    right = {"switch_off": ["DATE_TIME", "NRP"], "switch_on": list(COURSE_RECOGNIZERS)}
    ok = checks.q3.check(right)
    assert ok.correct and checks.Q3_LATER in ok.message
    everything = checks.q3.check({"switch_off": [], "switch_on": list(COURSE_RECOGNIZERS)})
    assert everything.status is Status.INCORRECT and "ordinary words" in everything.message
    low = checks.q3.check({"switch_off": [], "switch_on": ["MRN"]})
    assert low.status is Status.INCORRECT and "below the goal of 0.95" in low.message
    assert low.details and all("(" in d for d in low.details[:-1])  # the leaked identifiers, as promised
    assert checks.q3.check({"switch_off": ["MRN"], "switch_on": []}).status is Status.ERROR
    assert checks.q3.check({"switch_off": [], "switch_on": ["PERSON"]}).status is Status.ERROR
    assert checks.q3.check({"switch_off": ..., "switch_on": ...}).status is Status.NOT_ATTEMPTED
    assert checks.q3.check({"switch_off": ..., "switch_on": ["MRN"]}).message == checks.Q3_BOTH
    report = checks.try_q3(["DATE_TIME"], ["MRN"])
    assert "recall" in report and "still visible" in report
    assert "Fill in" in checks.try_q3(..., ...)
    table = checks.catalogue()
    assert len(table) == len(PRESIDIO_TYPES) + len(COURSE_RECOGNIZERS)


@pytest.mark.slow
def test_q4_deny_list_and_operator():
    right = {"deny_list": Q4_RIGHT, "operator": "replace"}
    assert checks.q4.check(right).correct
    assert checks.q4.check({**right, "operator": " Replace "}).correct
    for op in ("redact", "mask", "hash"):
        assert checks.q4.check({**right, "operator": op}).message == checks.Q4_OPERATOR_WRONG[op]
    leak = checks.q4.check({**right, "deny_list": Q4_RIGHT[1:]})
    assert leak.status is Status.INCORRECT and "note 1 of the batch" in leak.message and "jean" not in leak.message
    ordinary = checks.q4.check({**right, "deny_list": [*Q4_RIGHT, "Will"]})
    assert "ordinary words" in ordinary.message
    assert "not in this week's notes" in checks.q4.check({**right, "deny_list": [*Q4_RIGHT, "Zebedee"]}).message
    assert checks.q4.check({"deny_list": ..., "operator": ...}).status is Status.NOT_ATTEMPTED
    assert checks.q4.check({**right, "operator": "blur"}).status is Status.ERROR
    shown = checks.show_batch(Q4_RIGHT, "replace")
    assert "jean-luc" not in shown and "Note 4 of 4" in shown
    assert "jean-luc" in checks.show_batch()


def test_deny_spans_are_whole_words_any_case():
    assert deny_spans("Will will see willow.", ["will"]) == [(0, 4), (5, 9)]
    assert deny_spans("jean-luc and Jean", ["Jean"]) == [(0, 4), (13, 17)]
    assert options_for(["DATE_TIME"], ["MRN"]) == frozenset({("presidio", t) for t in PRESIDIO_TYPES if t != "DATE_TIME"} | {("course", "MRN")})


def test_q5_release_choice():
    table = checks.release_options()
    assert list(table.index) == list("ABCDEF")
    assert table.loc["A", "smallest group (k)"] == 1 and table.loc["F", "smallest group (k)"] >= checks.Q5_K
    assert table.loc["E", "records left out"] > 0 and table.loc["F", "records left out"] == 0
    assert table.loc["B", "smallest group (k)"] < checks.Q5_K <= table.loc["D", "smallest group (k)"]
    assert checks.q5.check("F").correct and checks.q5.check(" f ").correct
    for letter in "ABCDE":
        assert checks.q5.check(letter).message == checks.Q5_FEEDBACK[letter]
    assert checks.q5.check("G").status is Status.ERROR


def test_linkage_helpers():
    extract = released_extract()
    roster = public_roster(extract)
    linked = link(extract, roster)
    assert 0 < len(linked) <= len(extract) and "name" in linked.columns
    assert k_anonymity(extract, ["birth_year", "zip", "gender"]) == 1
    with pytest.raises(ValueError):
        k_anonymity(extract.iloc[:0], ["zip"])


def test_the_menu_is_the_course_recognizers():
    """Q3's options are the pipeline's own recognizers, grouped by the label they give: every
    course label is an option, and every option is something a course recognizer gives."""
    from course.privacy import COURSE_LABELS, Pipeline
    from course.privacy.exercise import OPTION_INFO, THRESHOLD, course_recognizers

    given = {e for rec in course_recognizers() for e in rec.supported_entities}
    assert set(COURSE_RECOGNIZERS) == given == set(COURSE_LABELS)
    assert len(COURSE_RECOGNIZERS) == len(set(COURSE_RECOGNIZERS)) and len(PRESIDIO_TYPES) == len(set(PRESIDIO_TYPES))
    assert set(OPTION_INFO) == {("presidio", t) for t in PRESIDIO_TYPES} | {("course", r) for r in COURSE_RECOGNIZERS}
    assert THRESHOLD == Pipeline().score_threshold


def test_structure_recognizers_give_presidio_what_the_pipeline_reads():
    from course.privacy import ALLOW_LIST, structure_recognizers
    from course.privacy.structure import find_addresses, find_ids

    text = "Client moved to 12 Elm St, Apt 4, Salem, OR 97301 in May; ref QX-88231 on the form, PHQ-9 12."
    address, id_shape = structure_recognizers()
    assert [(r.start, r.end, r.entity_type) for r in address.analyze(text, ["LOCATION"])] == \
        [(a, b, "LOCATION") for a, b, _, _ in find_addresses(text)]
    assert text[address.analyze(text, ["LOCATION"])[0].start:address.analyze(text, ["LOCATION"])[0].end] == "12 Elm St, Apt 4, Salem, OR 97301"
    assert [(r.start, r.end, r.entity_type) for r in id_shape.analyze(text, ["OTHER_ID"])] == \
        [(a, b, "OTHER_ID") for a, b, _, _ in find_ids(text, ALLOW_LIST)]
    assert [text[r.start:r.end] for r in id_shape.analyze(text, ["OTHER_ID"])] == ["QX-88231"]
    assert address.analyze(text, ["PERSON"]) == [] and id_shape.analyze(text, ["LOCATION"]) == []
    # a note typed in lower case: street names without capitals are a street only there
    lower = "we moved to 14 larch lane, salem or 97399 last month and the kids like the new school a lot"
    assert [lower[r.start:r.end] for r in structure_recognizers()[0].analyze(lower, ["LOCATION"])] == ["14 larch lane, salem or 97399"]
    assert structure_recognizers(lower_case=False)[0].analyze(lower, ["LOCATION"]) == []


def test_numbers_next_to_a_goal_are_rounded_down():
    assert checks.shown(0.9497) == "0.949" and checks.shown(0.95) == "0.950" and checks.shown(0.9999) == "0.999"
    assert checks.shown(19 / 20) == "0.950" and checks.shown(4 / 5, percent=True) == "80%"
    assert checks.shown(0.7996, percent=True) == "79%" and checks.shown(1.0) == "1.000"
    for n in range(1, 400):  # a ratio meets a goal exactly when its display does
        for k in range(n + 1):
            assert (float(checks.shown(k / n)) >= 0.95) == (k / n >= 0.95)
            assert (int(checks.shown(k / n, percent=True)[:-1]) >= 80) == (k / n >= 0.80)


# ---- stored findings (data/notes_findings.json) ----------------------------------------------

def test_stored_findings_are_current_and_spare_the_notebook_a_presidio_run():
    """The committed store matches this code and the dev notes (else `make data`), and with it
    the exercise's starting point is computed without loading Presidio at all. (That the store
    equals a fresh Presidio run is the data tests' byte-for-byte regeneration.)"""
    import subprocess
    import sys

    from course.privacy import exercise

    texts = tuple(n["text"] for n in checks.dev_notes())
    assert exercise._stored(texts) is not None, "data/notes_findings.json is stale: run `make data`"
    code = ("import sys; from course.checks import m01_privacy as c; c.starting_point(); "
            "print('presidio_analyzer' in sys.modules, 'spacy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.split() == ["False", "False"], done.stdout + done.stderr


def test_stored_findings_are_ignored_for_other_texts_or_other_code(monkeypatch):
    from course.privacy import exercise

    texts = tuple(n["text"] for n in checks.dev_notes())
    assert exercise._stored(texts[:-1]) is None  # other texts
    assert exercise._stored((*texts[:-1], texts[-1] + " ")) is None
    monkeypatch.setattr(exercise, "fingerprint", lambda: "other code")
    exercise._store.cache_clear()
    try:
        assert exercise._stored(texts) is None
    finally:
        exercise._store.cache_clear()
