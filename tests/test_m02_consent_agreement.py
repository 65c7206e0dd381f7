"""Exercise 02: a ✅ means the grader agrees (issue 14). No grade cell of 02 uses hidden
cases (every answer is judged on what the learner sees), so agreement is checked by
feeding plausible answers to every question through the solution notebook."""

from __future__ import annotations

import itertools

from agreement import simulate
from test_round_trip import NO_WITHDRAWAL, SCRIPT

from course.checks import Status
from course.checks import m02_consent as m02

A = "02_consent"
Q3 = {"a": True, "b": False, "c": False, "d": True, "e": False, "f": True, "g": False, "h": True}
Q5 = {"A": True, "B": True, "C": True, "D": False, "E": True, "F": False, "G": True, "H": False}
ELEMENTS = ["data_protection", "risks_limitations", "human_oversight", "voluntary", "withdrawal", "questions"]

PLAUSIBLE = [
    ("m02_q1", {"answer_q1": SCRIPT}),
    ("m02_q1", {"answer_q1": NO_WITHDRAWAL}),
    ("m02_q1", {"answer_q1": SCRIPT[:300]}),
    ("m02_q1", {"answer_q1": SCRIPT * 3}),
    ("m02_q1", {"answer_q1": 42}),
    ("m02_q1", {"answer_q1": ["a", "list"]}),
    ("m02_q2", {"answer_q2": ELEMENTS}),
    ("m02_q2", {"answer_q2": " ".join(ELEMENTS)}),
    ("m02_q2", {"answer_q2": ELEMENTS[1:]}),
    ("m02_q2", {"answer_q2": [*ELEMENTS, "data_use"]}),
    ("m02_q2", {"answer_q2": ["privacy"]}),
    ("m02_q2", {"answer_q2": []}),
    ("m02_q3", {"answer_q3": Q3}),
    ("m02_q3", {"answer_q3": {**Q3, "e": True}}),  # the same-day tie read the wrong way
    ("m02_q3", {"answer_q3": {**Q3, "c": True}}),  # a minor's own consent
    ("m02_q3", {"answer_q3": {**Q3, "a": False}}),  # the last valid day
    ("m02_q3", {"answer_q3": {k: True for k in Q3}}),
    ("m02_q3", {"answer_q3": {**Q3, "h": ...}}),
    ("m02_q3", {"answer_q3": {k: str(v) for k, v in Q3.items()}}),
    ("m02_q3", {"answer_q3": [True] * 8}),
    ("m02_q5", {"answer_q5": Q5}),
    ("m02_q5", {"answer_q5": {**Q5, "A": False}}),  # "HIPAA covers every health app"
    ("m02_q5", {"answer_q5": {**Q5, "F": True}}),  # terms of use as consent
    ("m02_q5", {"answer_q5": {k: True for k in Q5}}),
    ("m02_q5", {"answer_q5": {**Q5, "D": ...}}),
    ("m02_q5", {"answer_q5": "A, B, C, E, G"}),
]


def test_plausible_answers_self_check_agrees_with_grade():
    problems = []
    for qid, answers in PLAUSIBLE:
        outcome = simulate(A, answers)[f"{qid}_test"]
        if not outcome.agrees:
            problems.append(f"{answers}: {outcome}")
    assert not problems, "\n".join(problems)


def test_solution_full_and_blank_zero():
    assert all(o.passed and o.agrees for o in simulate(A).values())
    blank = {"answer_q1": ..., "answer_q2": ..., "answer_q3": {k: ... for k in Q3}, "answer_q5": {k: ... for k in Q5}}
    outcomes = simulate(A, blank)
    assert all(o.status is Status.NOT_ATTEMPTED and not o.passed for o in outcomes.values()), outcomes


def test_every_true_false_answer_is_judged_the_same_by_check_and_grade():
    """All 2**8 answers to Q3 and to Q5: the grade cell calls the same check, so the
    verdicts agree; and exactly one answer of each is right."""
    for question, keys in ((m02.q3, list(Q3)), (m02.q5, list(Q5))):
        right = 0
        for values in itertools.product([True, False], repeat=8):
            answer = dict(zip(keys, values, strict=True))
            result = question.check(answer)
            try:
                question.grade(answer)
                graded = True
            except AssertionError:
                graded = False
            assert result.correct == graded
            right += result.correct
        assert right == 1
