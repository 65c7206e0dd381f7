"""Exercise 02 checks: right answers pass, plausible wrong ones get the right message, and no
wrong-answer message names what is missing (the consent script's own feedback excepted:
it reports on the learner's own writing, like ``course consent-check``)."""

from __future__ import annotations

from test_round_trip import SCRIPT as SOLUTION_Q1

from course.checks import Status
from course.checks import m02_consent as m02
from course.consent import check_script, explain

Q3_RIGHT = {"a": True, "b": False, "c": False, "d": True, "e": False, "f": True, "g": False, "h": True}
Q5_RIGHT = {"A": True, "B": True, "C": True, "D": False, "E": True, "F": False, "G": True, "H": False}


def test_q1_outcomes():
    assert m02.q1.check(...).status is Status.NOT_ATTEMPTED
    assert m02.q1.check(SOLUTION_Q1).status is Status.CORRECT
    short = m02.q1.check(SOLUTION_Q1[:200])
    assert short.status is Status.INCORRECT and "too short" in short.message
    assert "longer than a client" in m02.q1.check(SOLUTION_Q1 * 3).message
    no_withdrawal = SOLUTION_Q1.replace("If you change your mind later, just tell me and I will turn it off. ", "")
    res = m02.q1.check(no_withdrawal)
    assert res.status is Status.INCORRECT and "(withdrawal)" in res.message
    legalese = (
        "The Practice utilizes an artificial intelligence documentation application that generates draft clinical "
        "documentation from audio recordings of psychotherapeutic encounters. " + SOLUTION_Q1
    ).replace("It is your choice.", "Participation is entirely voluntary, and nonparticipation notwithstanding, therapeutic continuity is guaranteed.")
    legalese = legalese.replace(". ", ", and additionally ", 12)
    assert "reads at grade" in m02.q1.check(legalese).message
    assert m02.q1.check(42).status is Status.ERROR
    assert "does not look like English" in m02.q1.check("Antes de empezar, quiero contarle que uso un programa. " * 20).message
    blank = m02.report(...)
    assert blank.message == m02.REPORT_BLANK and "course-check-not_attempted" in blank._repr_html_()
    shown = m02.report(SOLUTION_Q1)
    assert "Reading grade level" in shown.text()
    # Rendered like the consent builder, not a raw ConsentReport(...) dump.
    page = shown._repr_html_()
    assert "course-consent-element" in page and "ConsentReport(" not in page and "ConsentReport(" not in repr(shown)


def test_q2_outcomes_do_not_name_the_missing_elements():
    right = ["data_protection", "risks_limitations", "human_oversight", "voluntary", "withdrawal", "questions"]
    assert m02.q2.check(right).correct
    assert m02.q2.check([r.upper() for r in reversed(right)]).correct
    assert check_script(m02.VENDOR_TEXT).missing == right  # the course's checker agrees with the answer key
    missed = m02.q2.check(right[1:])
    assert missed.status is Status.INCORRECT and "privacy seriously" in missed.message
    assert not any(e in missed.message for e in right)
    extra = m02.q2.check([*right, "data_use"])
    assert extra.message == m02.Q2_PRESENT
    assert m02.q2.check(right[1:] + ["data_use"]).message == m02.Q2_BOTH
    assert m02.q2.check(["privacy"]).status is Status.ERROR
    assert m02.q2.check([]).status is Status.NOT_ATTEMPTED


def test_q3_follows_the_reference_rules():
    assert {k: explain(m02.LOG, *case)[0] for k, case in m02.CASES.items()} == Q3_RIGHT
    ok = m02.q3.check(Q3_RIGHT)
    assert ok.correct and len(ok.details) == 8 and "withdraw" in " ".join(ok.details)
    assert m02.q3.check({k: str(v).lower() for k, v in Q3_RIGHT.items()}).correct  # "true" in quotes is fine
    # each case tests one rule: flipping any answer is wrong, and the message does not say which
    for key in Q3_RIGHT:
        wrong = m02.q3.check({**Q3_RIGHT, key: not Q3_RIGHT[key]})
        assert wrong.message == m02.Q3_WRONG and not wrong.details
    assert m02.q3.check({k: ... for k in Q3_RIGHT}).status is Status.NOT_ATTEMPTED
    partial = m02.q3.check({**Q3_RIGHT, "e": ...})
    assert partial.status is Status.ERROR and '"e"' in partial.message
    assert m02.q3.check({**Q3_RIGHT, "e": "maybe"}).status is Status.ERROR
    assert m02.q3.check({**Q3_RIGHT, "z": True}).status is Status.ERROR
    # the log is not in date order, and it has a same-day tie
    dates = [r["date"] for r in m02.LOG]
    assert dates != sorted(dates)
    assert any(a["client_id"] == b["client_id"] and a["date"] == b["date"] for i, a in enumerate(m02.LOG) for b in m02.LOG[i + 1:])
    assert "(no end date)" in m02.show_log().to_string() and "h) May" in m02.show_cases()


def test_q5_journaling_app():
    ok = m02.q5.check(Q5_RIGHT)
    assert ok.correct and len(ok.details) == 8 and "not legal advice" in ok.message
    assert any("29 July 2024" in d for d in ok.details) and any("104-0054" in d for d in ok.details)
    assert sum(Q5_RIGHT.values()) == 5  # not all True, not all False
    for key in Q5_RIGHT:
        assert m02.q5.check({**Q5_RIGHT, key: not Q5_RIGHT[key]}).message == m02.Q5_WRONG
    assert m02.q5.check({k: True for k in Q5_RIGHT}).status is Status.INCORRECT
    assert m02.q5.check({k: ... for k in Q5_RIGHT}).status is Status.NOT_ATTEMPTED
    assert m02.q5.check(["A", "B"]).status is Status.ERROR
    assert {k: truth for k, (_, truth, _) in m02.APP_STATEMENTS.items()} == Q5_RIGHT
