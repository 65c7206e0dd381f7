"""Exercise 04 through nbgrader: the solution scores full marks, the blank release zero, and
plausible wrong answers lose exactly their points (including Q2's hidden test on fresh data)."""

from __future__ import annotations

import pytest

from course import grading
from helpers import ROOT, edit_cells, make_course_dir, submit

ASSIGNMENT = "04_bias_fairness"
FULL = {"m04_q1_test": 2.0, "m04_q2_test": 3.0, "m04_q3_test": 2.0, "m04_q4_test": 2.0, "m04_q5_test": 1.0, "m04_q6_test": 1.0}

RIGHT_Q1 = """answer_q1 = {}
for column in ["race_ethnicity", "primary_language", "age_band"]:
    s = rep.groupby("source")[column].value_counts(normalize=True).unstack(0)
    r = s["training_sample"] / s["clinic_population"]
    answer_q1.update(r[r < 0.8].to_dict())"""

# Works on the visible data only: it audits the global `screening`, not its input `df`.
GLOBAL_Q2 = """    selection_rate = screening.groupby(group_col)["flagged"].mean()
    tpr = screening[screening["outcome"] == 1].groupby(group_col)["flagged"].mean()
    fpr = screening[screening["outcome"] == 0].groupby(group_col)["flagged"].mean()"""

RIGHT_Q3 = """lang = outcome_audit(screening, "primary_language")
race = outcome_audit(screening, "race_ethnicity")
answer_q3 = {
    "tpr_group": lang["tpr"].idxmin(),
    "equalized_odds_difference": max(lang["tpr"].max() - lang["tpr"].min(), lang["fpr"].max() - lang["fpr"].min()),
    "four_fifths_group": race["selection_rate"].idxmin(),
    "four_fifths_ratio": race["selection_rate"].min() / race["selection_rate"].max(),
}"""

# Lowers the threshold to 0.40 without checking it reaches the target TPR.
WRONG_Q4 = """r = rates_at_thresholds(screening, "primary_language", "score", "outcome", {"Spanish": 0.40}).loc["Spanish"]
answer_q4 = {"threshold": 0.40, "tpr": r["tpr"], "fpr": r["fpr"], "selection_rate": r["selection_rate"]}"""

RIGHT_Q6 = """answer_q6 = {"false_alarms": "African American English", "missed_risk": "Non-native English"}"""


@pytest.mark.slow
def test_autograde_round_trip_04(tmp_path):
    root = make_course_dir(tmp_path, [ASSIGNMENT])
    solution = ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    release = ROOT / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    submit(root, "solution", ASSIGNMENT, solution)
    submit(root, "blank", ASSIGNMENT, release)
    wrong = edit_cells(
        release,
        tmp_path / "wrong.ipynb",
        {
            "m04_q1": ("answer_q1 = ...", RIGHT_Q1),
            "m04_q2": ("    selection_rate = ...\n    tpr = ...\n    fpr = ...", GLOBAL_Q2),
            "m04_q3": ('    "four_fifths_ratio": ...,\n}', '    "four_fifths_ratio": ...,\n}\n' + RIGHT_Q3),
            "m04_q4": ('answer_q4 = {"threshold": ..., "tpr": ..., "fpr": ..., "selection_rate": ...}', WRONG_Q4),
            "m04_q5": ("answer_q5 = ...", 'answer_q5 = "2024Q4"'),
            "m04_q6": ('answer_q6 = {"false_alarms": ..., "missed_risk": ...}', RIGHT_Q6),
        },
    )
    submit(root, "wrong", ASSIGNMENT, wrong, name=f"{ASSIGNMENT}.ipynb")

    report = grading.autograde(ASSIGNMENT, root)
    assert sorted(report.graded) == ["blank", "solution", "wrong"]
    scores = grading.scores(ASSIGNMENT, root)
    assert scores["solution"] == FULL
    assert sum(scores["blank"].values()) == 0
    # Q2 passes the visible check but fails the hidden test on fresh data; Q4 and Q5 are wrong.
    assert scores["wrong"] == {**FULL, "m04_q2_test": 0.0, "m04_q4_test": 0.0, "m04_q5_test": 0.0}
