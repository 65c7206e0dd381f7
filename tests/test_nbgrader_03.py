"""Exercise 03 round trip: solution full marks, blank release zero, plausible wrong answers
lose exactly their points (including answers that only fail the hidden tests)."""

import pytest

from course import grading
from helpers import ROOT, edit_cells, make_course_dir, submit

ASSIGNMENT = "03_human_ai_balance"
NOTEBOOK = f"{ASSIGNMENT}.ipynb"
FULL = {"m03_q1_test": 2.0, "m03_q2_test": 2.0, "m03_q3_test": 3.0, "m03_q4_test": 1.0,
        "m03_q5_test": 1.0, "m03_q7_test": 1.0, "m03_q8_test": 1.0}

RIGHT = {
    "m03_q4": ("answer_q4 = ...", "answer_q4 = ((survey[items] >= 4).mean() * 100).round(1)"),
    "m03_q5": ("answer_q5 = ...", 'answer_q5 = ((survey["therapist_guided"] >= 4).groupby(survey["discussed_in_session"]).mean() * 100).round(1)'),
    "m03_q7": ("answer_q7 = ...", 'answer_q7 = ["B", "D", "A", "C", "E", "F", "G"]'),
}


@pytest.mark.slow
def test_autograde_round_trip_03(tmp_path):
    root = make_course_dir(tmp_path, [ASSIGNMENT])
    release = ROOT / "exercises" / ASSIGNMENT / NOTEBOOK
    submit(root, "solution", ASSIGNMENT, ROOT / "solutions" / ASSIGNMENT / NOTEBOOK)
    submit(root, "blank", ASSIGNMENT, release)
    # Plausible mistakes: rates over the whole period (no month), flags on acceptance
    # alone, a naive keyword rule, and the tool's own step counted as a human one.
    wrong = edit_cells(release, tmp_path / "wrong.ipynb", {
        **RIGHT,
        "m03_q1": ("result = ...", 'result = pd.crosstab(log["clinician"], log["action"], normalize="index").reset_index()'),
        "m03_q2": ("result = ...", 'rates = pd.crosstab([log["clinician"], log["month"]], log["action"], normalize="index").reset_index()\n'
                                   '    latest = rates.sort_values("month").groupby("clinician").tail(1)\n'
                                   '    result = list(latest.loc[latest["accepted"] >= 0.9, "clinician"])'),
        "m03_q3": ("result = ...", "result = any(w in text for w in ['suicide', 'kill', 'die', 'hurt'])"),
        "m03_q8": ("answer_q8 = ...", 'answer_q8 = ["A", "B", "C", "E", "G"]'),
    })
    submit(root, "wrong", ASSIGNMENT, wrong, name=NOTEBOOK)
    # Right on the visible data, wrong on the hidden data: a flag list and an escalation
    # rule that memorise the visible answers.
    overfit = edit_cells(release, tmp_path / "overfit.ipynb", {
        **RIGHT,
        "m03_q1": ("result = ...", 'result = pd.crosstab([log["clinician"], log["month"]], log["action"], normalize="index").reset_index()'),
        "m03_q2": ("result = ...", 'result = ["C04", "C05"]'),
        "m03_q3": ("result = ...", "result = message in {m['text'] for m in dev if m['needs_human']}"),
        "m03_q8": ("answer_q8 = ...", 'answer_q8 = ["B", "C", "E", "G"]'),
    })
    submit(root, "overfit", ASSIGNMENT, overfit, name=NOTEBOOK)

    report = grading.autograde(ASSIGNMENT, root)
    assert sorted(report.graded) == ["blank", "overfit", "solution", "wrong"] and not report.problems
    scores = grading.scores(ASSIGNMENT, root)
    assert scores["solution"] == FULL
    assert sum(scores["blank"].values()) == 0
    assert scores["wrong"] == {**FULL, "m03_q1_test": 0.0, "m03_q2_test": 0.0, "m03_q3_test": 0.0, "m03_q8_test": 0.0}
    assert scores["overfit"] == {**FULL, "m03_q2_test": 0.0, "m03_q3_test": 0.0}
