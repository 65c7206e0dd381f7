"""Exercise 04 through nbgrader: the solution scores full marks, the blank release zero, and
plausible wrong answers (typed as literals, like every answer) lose exactly their points."""

from __future__ import annotations

import shutil

import pytest

from course import grading
from helpers import ROOT, fill_answers, make_course_dir, solution_answers, submit

ASSIGNMENT = "04_bias_fairness"
FULL = {"m04_q1_test": 2.0, "m04_q2_test": 3.0, "m04_q3_test": 2.0, "m04_q4_test": 2.0, "m04_q5_test": 1.0, "m04_q6_test": 1.0}
# Plausible mistakes: reads "equal selection rates" as "equally well served" (Q2, B chosen);
# stops lowering the threshold too early (Q4); takes the quarter with the largest gap (Q5).
WRONG = {
    "m04_q2": 'answer_q2 = ["A", "B", "C", "D", "F"]',
    "m04_q4": 'answer_q4 = {"threshold": 0.4, "fpr": 0.46}',
    "m04_q5": 'answer_q5 = "2025Q3"',
}


@pytest.mark.slow
def test_autograde_round_trip_04(tmp_path):
    root = make_course_dir(tmp_path, [ASSIGNMENT])
    # a facilitator's folder has its own data/; here it lives under /tmp, which the grading
    # sandbox replaces with a private /tmp: the data must still be seen (read-only)
    shutil.copytree(ROOT / "data", root / "data")
    release = ROOT / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    submit(root, "solution", ASSIGNMENT, ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    submit(root, "blank", ASSIGNMENT, release)
    wrong = fill_answers(release, tmp_path / "wrong" / release.name, {**solution_answers(ASSIGNMENT), **WRONG})
    submit(root, "wrong", ASSIGNMENT, wrong)

    report = grading.autograde(ASSIGNMENT, root)
    assert sorted(report.graded) == ["blank", "solution", "wrong"], report.problems
    scores = grading.scores(ASSIGNMENT, root)
    assert scores["solution"] == FULL
    assert sum(scores["blank"].values()) == 0
    assert scores["wrong"] == {**FULL, "m04_q2_test": 0.0, "m04_q4_test": 0.0, "m04_q5_test": 0.0}
