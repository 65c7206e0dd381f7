"""Exercise 01 through nbgrader: the solution scores full marks, the untouched release
scores zero, and plausible wrong answers lose exactly their points: a review that missed
the partial record number (Q2), every recognizer switched on (Q3, precision too low), a
deny list with an everyday word on it (Q4, caught on the practice's other notes), and a
release that drops the small groups (Q5)."""

import pytest

from course import grading
from helpers import ROOT, edit_cells, make_course_dir, submit

ASSIGNMENT = "01_privacy"
FULL = {"m01_q1_test": 2.0, "m01_q2_test": 2.0, "m01_q3_test": 3.0, "m01_q4_test": 2.0, "m01_q5_test": 2.0}
ALL_COURSE = '["NAME", "PROVIDER", "DATE", "AGE_OVER_89", "LOCATION", "ORGANIZATION", "PHONE", "FAX", "EMAIL", "URL", "IP_ADDRESS", "SSN", "MRN", "HEALTH_PLAN", "ACCOUNT", "LICENSE", "VEHICLE", "DEVICE", "OTHER_ID"]'
DENY = '["jean-luc", "Riverside Junior High", "Olumide Castillo-Reyes", "Yusuf", "cedar hill behavioral health", "rowan", "unity care medicaid"]'

#: Right answers a learner could type (not copied from the solution cells).
RIGHT = {
    "m01_q1": ("answer_q1 = ...", 'answer_q1 = ["referral_reason", "diagnosis", "phq9_intake", "gad7_intake", "age"]'),
    "m01_q2": ("answer_q2 = ...", 'answer_q2 = ["Hope", "Moody", "91-<LICENSE>", "5/6", "666-27-4653"]'),
    "m01_q3": ("answer_q3_off = ...\nanswer_q3_on = ...", f'answer_q3_off = ["DATE_TIME"]\nanswer_q3_on = {ALL_COURSE}'),
    "m01_q4": ("answer_q4_deny = ...\nanswer_q4_operator = ...", f'answer_q4_deny = {DENY}\nanswer_q4_operator = "replace"'),
    "m01_q5": ("answer_q5 = ...", 'answer_q5 = "f"'),
}


@pytest.mark.slow
def test_autograde_round_trip_01_privacy(tmp_path):
    root = make_course_dir(tmp_path, [ASSIGNMENT])
    solution = ROOT / "solutions" / ASSIGNMENT / "01_privacy.ipynb"
    release = ROOT / "exercises" / ASSIGNMENT / "01_privacy.ipynb"
    submit(root, "solution", ASSIGNMENT, solution)
    submit(root, "blank", ASSIGNMENT, release)
    right = edit_cells(release, tmp_path / "right.ipynb", RIGHT)
    submit(root, "right", ASSIGNMENT, right, name="01_privacy.ipynb")
    wrong = edit_cells(release, tmp_path / "wrong.ipynb", {
        **RIGHT,
        "m01_q2": ("answer_q2 = ...", 'answer_q2 = ["Hope Moody", "Hope", "5/6", "666-27-4653"]'),
        "m01_q3": ("answer_q3_off = ...\nanswer_q3_on = ...", f"answer_q3_off = []\nanswer_q3_on = {ALL_COURSE}"),
        "m01_q4": ("answer_q4_deny = ...\nanswer_q4_operator = ...", f'answer_q4_deny = {DENY[:-1]}, "will"]\nanswer_q4_operator = "replace"'),
        "m01_q5": ("answer_q5 = ...", 'answer_q5 = "E"'),
    })
    submit(root, "wrong", ASSIGNMENT, wrong, name="01_privacy.ipynb")

    report = grading.autograde(ASSIGNMENT, root)
    assert sorted(report.graded) == ["blank", "right", "solution", "wrong"], report.problems
    scores = grading.scores(ASSIGNMENT, root)
    assert scores["solution"] == FULL
    assert scores["right"] == FULL
    assert sum(scores["blank"].values()) == 0
    assert scores["wrong"] == {**FULL, "m01_q2_test": 0.0, "m01_q3_test": 0.0, "m01_q4_test": 0.0, "m01_q5_test": 0.0}
