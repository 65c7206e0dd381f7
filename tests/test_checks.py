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
    assert m00.q1.check(True).status is Status.ERROR
    assert m00.q2.check(" C ").correct
    assert m00.q2.check("a").message == m00.Q2_FEEDBACK["a"]
    assert m00.q2.check("z").status is Status.ERROR
    assert m00.q3.check(["A", "C", "D", "F", "H"]).correct
    assert m00.q3.check("a c d f h").correct
    r = m00.q3.check(["A", "C", "D", "F"])
    assert r.status is Status.INCORRECT and r.message == m00.Q3_MISSED and "H" not in r.message
    assert m00.q3.check(["A", "B", "C", "D", "F", "H"]).message == m00.Q3_EXTRA
    assert m00.q3.check(["A", "B", "C", "D", "F"]).message == m00.Q3_BOTH
    assert m00.q3.check([1, 2]).status is Status.ERROR


def test_m00_q4_list_answers():
    assert m00.q4.check(["Jane Doe", "Janey", "Jane", "Ruth Doe"]).correct
    assert m00.q4.check(["jane", "DOE", " Janey ", "Ruth,"]).correct  # case, spaces and commas do not matter
    hard_coded = m00.q4.check(["Jane Doe"])  # the old note.replace("Jane Doe", "[NAME]")
    assert hard_coded.status is Status.INCORRECT and hard_coded.message == m00.Q4_LEAK
    assert m00.q4.check(...).status is Status.NOT_ATTEMPTED
    assert m00.q4.check("Jane Doe").status is Status.INCORRECT  # one name in quotes is a list of one
    assert m00.q4.check(42).status is Status.ERROR
    assert "'CBT'" in m00.q4.check(["Jane", "Doe", "Janey", "Ruth", "CBT"]).message
