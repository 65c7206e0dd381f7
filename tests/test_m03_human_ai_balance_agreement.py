"""Exercise 03: a ✅ means the grader agrees (issue 14). Every answer is judged on the data
the learner sees (no hidden cases), so plausible answers to every question go through the
solution notebook, and every possible list of letters for Q3 and Q8 is tried."""

from __future__ import annotations

import itertools

from agreement import simulate

from course.checks import Status
from course.checks import m03_human_ai_balance as m03

A = "03_human_ai_balance"

PLAUSIBLE = [
    ("m03_q1", {"answer_q1": "b"}), ("m03_q1", {"answer_q1": "a"}), ("m03_q1", {"answer_q1": "d"}),
    ("m03_q1", {"answer_q1": "B)"}), ("m03_q1", {"answer_q1": "e"}), ("m03_q1", {"answer_q1": 2}),
    ("m03_q2", {"answer_q2": ["C04", "C05"]}), ("m03_q2", {"answer_q2": ["C02", "C04", "C05"]}),
    ("m03_q2", {"answer_q2": ["C04", "C05", "C06"]}), ("m03_q2", {"answer_q2": ["C04"]}),
    ("m03_q2", {"answer_q2": "C04, C05"}), ("m03_q2", {"answer_q2": []}), ("m03_q2", {"answer_q2": ["C4"]}),
    ("m03_q3", {"answer_q3": ["A", "D", "E", "H", "J"]}), ("m03_q3", {"answer_q3": ["E", "H", "J"]}),
    ("m03_q3", {"answer_q3": list("ABCDEFGHIJ")}), ("m03_q3", {"answer_q3": ["A", "D", "E", "H", "J", "I"]}),
    ("m03_q3", {"answer_q3": "a d e h j"}), ("m03_q3", {"answer_q3": ["Z"]}),
    ("m03_q4", {"answer_q4": {"weakest": "understand_data", "first_step": "b"}}),
    ("m03_q4", {"answer_q4": {"weakest": "therapist_guided", "first_step": "b"}}),
    ("m03_q4", {"answer_q4": {"weakest": "understand_data", "first_step": "c"}}),
    ("m03_q4", {"answer_q4": {"weakest": "understand_data", "first_step": ...}}),
    ("m03_q4", {"answer_q4": {"weakest": "privacy", "first_step": "b"}}),
    ("m03_q4", {"answer_q4": "understand_data"}),
    ("m03_q5", {"answer_q5": "a"}), ("m03_q5", {"answer_q5": "d"}), ("m03_q5", {"answer_q5": "yes"}),
    ("m03_q7", {"answer_q7": ["B", "D", "A", "C", "E", "F", "G"]}), ("m03_q7", {"answer_q7": ["D", "B", "A", "C", "E", "F", "G"]}),
    ("m03_q7", {"answer_q7": ["B", "D", "A", "C"]}), ("m03_q7", {"answer_q7": "B D A C E F G"}),
    ("m03_q8", {"answer_q8": ["B", "C", "E", "G"]}), ("m03_q8", {"answer_q8": ["A", "B", "C", "E", "G"]}),
    ("m03_q8", {"answer_q8": ["B", "C"]}), ("m03_q8", {"answer_q8": ...}),
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
    blank = {f"answer_q{i}": ... for i in (1, 2, 3, 5, 7, 8)} | {"answer_q4": {"weakest": ..., "first_step": ...}}
    outcomes = simulate(A, blank)
    assert all(o.status is Status.NOT_ATTEMPTED and not o.passed for o in outcomes.values()), outcomes


def test_every_list_of_letters_is_judged_the_same_by_check_and_grade():
    for question, letters in ((m03.q3, list(m03.MESSAGES)), (m03.q8, list(m03.WORKFLOW_STEPS))):
        right = 0
        for k in range(1, len(letters) + 1):
            for chosen in itertools.combinations(letters, k):
                result = question.check(list(chosen))
                try:
                    question.grade(list(chosen))
                    graded = True
                except AssertionError:
                    graded = False
                assert result.correct == graded
                right += result.correct
        assert right == 1
