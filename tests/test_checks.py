"""course.checks: four outcomes, rendering, grade() for nbgrader, hints."""

import pytest

from course.checks import NOT_ATTEMPTED, CheckFailed, Question, Status, Wrong
from course.checks import m00_welcome as m00


def _q():
    def checker(answer):
        if answer == 0:
            return 1 / answer
        if answer != 42:
            raise Wrong("Try a bigger number.")

    return Question("t_q1", "Q1", checker, hints=["It is the answer to everything."], solution="42")


@pytest.mark.parametrize(
    "answer,status",
    [(42, Status.CORRECT), (7, Status.INCORRECT), (..., Status.NOT_ATTEMPTED), ("", Status.NOT_ATTEMPTED), (None, Status.NOT_ATTEMPTED), (0, Status.ERROR)],
)
def test_four_outcomes(answer, status):
    assert _q().check(answer).status is status


def test_messages_and_rendering():
    r = _q().check(7)
    assert r.message == "Try a bigger number."
    assert "❌ Q1 - incorrect" in str(r)
    assert "t_q1" not in str(r) and "t_q1" not in r._repr_html_()  # people see question numbers, not ids
    assert "course-check-incorrect" in r._repr_html_()
    assert _q().check(...).message == NOT_ATTEMPTED
    err = _q().check(0)
    assert err.status is Status.ERROR and "Traceback" not in err.message and "line" not in err.message


def test_grade_raises_for_anything_but_correct():
    q = _q()
    assert q.grade(42) is None  # a passing grade cell displays nothing
    for bad in (7, ..., 0):
        with pytest.raises(CheckFailed):
            q.grade(bad)


def test_hints_and_solution():
    q = _q()
    assert "answer to everything" in repr(q.hint(1))
    assert "last hint" in repr(q.hint(5)) and "solution()" in repr(q.hint(5))
    assert "(there are" not in repr(q.hint(5))
    assert "42" in repr(q.solution())
    assert "<b>" in q.hint(1)._repr_html_()


def test_m00_answers():
    assert m00.q1.check(6).correct and m00.q1.check("6").correct
    assert m00.q1.check(5).message == m00.Q1_WRONG
    assert m00.q1.check(True).message == m00.Q1_NOT_NUMBER
    assert m00.q2.check(" C ").correct
    assert m00.q2.check("a").message == m00.Q2_FEEDBACK["a"]
    assert m00.q2.check("z").message == m00.Q2_CHOICES
    assert m00.q3.check(["A", "C", "D", "F", "H"]).correct
    assert m00.q3.check("a c d f h").correct
    r = m00.q3.check(["A", "C", "D", "F"])
    assert r.status is Status.INCORRECT and "H (" in r.message
    assert m00.q3.check([1, 2]).message == m00.Q3_FORMAT


def test_m00_q4_function_answers():
    good = lambda note, name: note.replace(name, "[NAME]")  # noqa: E731
    hard_coded = lambda note, name: note.replace("Jane Doe", "[NAME]")  # noqa: E731
    assert m00.q4.check(good).correct
    assert m00.q4.check(hard_coded).correct  # passes the visible case...
    hidden = [("Bo Li came. Bo Li left.", "Bo Li")]
    assert m00.q4.check(hard_coded, cases=hidden).status is Status.INCORRECT  # ...not a hidden one
    assert m00.q4.check(lambda note, name: ...).status is Status.NOT_ATTEMPTED
    assert m00.q4.check(lambda note, name: None).message == m00.Q4_NOT_TEXT
    assert m00.q4.check("redact").message == m00.Q4_NOT_FUNCTION
    assert m00.q4.check(lambda note, name: note.replace(name, "[X]")).status is Status.INCORRECT
