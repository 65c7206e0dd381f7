"""Exercise 03 round trip: solution full marks, blank release zero, plausible wrong answers
lose exactly their points."""

import pytest

from course import grading
from helpers import ROOT, edit_cells, make_course_dir, submit

ASSIGNMENT = "03_human_ai_balance"
NOTEBOOK = f"{ASSIGNMENT}.ipynb"
FULL = {"m03_q1_test": 2.0, "m03_q2_test": 2.0, "m03_q3_test": 3.0, "m03_q4_test": 1.0,
        "m03_q5_test": 1.0, "m03_q7_test": 1.0, "m03_q8_test": 1.0}
Q4_BLANK = 'answer_q4 = {"weakest": ..., "first_step": ...}'

#: Right answers a learner could type (not copied from the solution cells).
RIGHT = {
    "m03_q1": ("answer_q1 = ...", 'answer_q1 = "B"'),
    "m03_q2": ("answer_q2 = ...", 'answer_q2 = ["C05", "C04"]'),
    "m03_q3": ("answer_q3 = ...", 'answer_q3 = "A, D, E, H, J"'),
    "m03_q4": (Q4_BLANK, 'answer_q4 = {"weakest": "understand data", "first_step": "b"}'),
    "m03_q5": ("answer_q5 = ...", 'answer_q5 = "a"'),
    "m03_q7": ("answer_q7 = ...", 'answer_q7 = ["B", "D", "A", "C", "E", "F", "G"]'),
    "m03_q8": ("answer_q8 = ...", 'answer_q8 = ["B", "C", "E", "G"]'),
}


@pytest.mark.slow
def test_autograde_round_trip_03(tmp_path):
    root = make_course_dir(tmp_path, [ASSIGNMENT])
    release = ROOT / "exercises" / ASSIGNMENT / NOTEBOOK
    submit(root, "solution", ASSIGNMENT, ROOT / "solutions" / ASSIGNMENT / NOTEBOOK)
    submit(root, "blank", ASSIGNMENT, release)
    submit(root, "right", ASSIGNMENT, edit_cells(release, tmp_path / "right.ipynb", RIGHT), name=NOTEBOOK)
    # Plausible mistakes: high acceptance read as automation bias (Q1 and Q2), only the
    # messages with alarming words flagged (Q3), and the tool's own step counted as a human one (Q8).
    wrong = edit_cells(release, tmp_path / "wrong.ipynb", {
        **RIGHT,
        "m03_q1": ("answer_q1 = ...", 'answer_q1 = "a"'),
        "m03_q2": ("answer_q2 = ...", 'answer_q2 = ["C02", "C04", "C05"]'),
        "m03_q3": ("answer_q3 = ...", 'answer_q3 = ["E", "H", "I"]'),
        "m03_q8": ("answer_q8 = ...", 'answer_q8 = ["A", "B", "C", "E", "G"]'),
    })
    submit(root, "wrong", ASSIGNMENT, wrong, name=NOTEBOOK)
    # Right numbers, wrong reading: the weakest statement found but the wrong first step,
    # and a survey association read as proof.
    reading = edit_cells(release, tmp_path / "reading.ipynb", {
        **RIGHT,
        "m03_q4": (Q4_BLANK, 'answer_q4 = {"weakest": "understand_data", "first_step": "d"}'),
        "m03_q5": ("answer_q5 = ...", 'answer_q5 = "d"'),
    })
    submit(root, "reading", ASSIGNMENT, reading, name=NOTEBOOK)

    report = grading.autograde(ASSIGNMENT, root)
    assert sorted(report.graded) == ["blank", "reading", "right", "solution", "wrong"] and not report.problems
    scores = grading.scores(ASSIGNMENT, root)
    assert scores["solution"] == FULL
    assert scores["right"] == FULL
    assert sum(scores["blank"].values()) == 0
    assert scores["wrong"] == {**FULL, "m03_q1_test": 0.0, "m03_q2_test": 0.0, "m03_q3_test": 0.0, "m03_q8_test": 0.0}
    assert scores["reading"] == {**FULL, "m03_q4_test": 0.0, "m03_q5_test": 0.0}
