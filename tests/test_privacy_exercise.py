"""Exercise 01 through nbgrader: the solution scores full marks, the untouched release
scores zero, and plausible wrong answers lose exactly their points (including a learner
who tuned a deny list to the dev notes, caught by the hidden test on fresh notes)."""

import pytest

from course import grading
from helpers import ROOT, edit_cells, make_course_dir, submit

ASSIGNMENT = "01_privacy"
FULL = {"m01_q1_test": 2.0, "m01_q2_test": 1.0, "m01_q3_test": 3.0, "m01_q4_test": 2.0, "m01_q5_test": 2.0}

#: Right answers a learner could type (not copied from the solution cells).
RIGHT = {
    "m01_q1": ("answer_q1 = ...", 'answer_q1 = ["referral_reason", "diagnosis", "phq9_intake", "gad7_intake", "age"]'),
    "m01_q2": ("answer_q2 = ...", "answer_q2 = [lab for lab in defaults_eval.gold if lab != 'PROVIDER' and defaults_eval.label_recall(lab) < 0.5]"),
    "m01_q4": ("result = ...", "result = anonymize(note, Pipeline(deny_list=['jean-luc']).analyze(note), 'mask')"),
    "m01_q5": ("answer_q5 = ...", "answer_q5 = int((table.groupby(['zip3', 'age_band', 'gender']).size() == 1).sum())"),
}
#: Q3 "overfitted": every gold identifier of the dev notes in a deny list. Perfect on dev,
#: useless on new notes: the hidden test must take the 3 points away.
OVERFIT_Q3 = (
    "answer_q3 = ...",
    "answer_q3 = [PatternRecognizer(supported_entity='PERSON', deny_list=sorted({n['text'][s['start']:s['end']] "
    "for n in checks.dev_notes() for s in n['spans']}))]",
)


@pytest.mark.slow
def test_autograde_round_trip_01_privacy(tmp_path):
    root = make_course_dir(tmp_path, [ASSIGNMENT])
    solution = ROOT / "solutions" / ASSIGNMENT / "01_privacy.ipynb"
    release = ROOT / "exercises" / ASSIGNMENT / "01_privacy.ipynb"
    submit(root, "solution", ASSIGNMENT, solution)
    submit(root, "blank", ASSIGNMENT, release)
    wrong = edit_cells(release, tmp_path / "wrong.ipynb", {
        **RIGHT,
        "m01_q1": ("answer_q1 = ...", 'answer_q1 = ["full_name", "referral_reason", "diagnosis_code", "phq9_intake", "gad7_intake"]'),
        "m01_q3": OVERFIT_Q3,
        "m01_q5": ("answer_q5 = ...", "answer_q5 = int(table.groupby(['zip3', 'age_band', 'gender']).size().min())"),
    })
    submit(root, "wrong", ASSIGNMENT, wrong, name="01_privacy.ipynb")

    report = grading.autograde(ASSIGNMENT, root)
    assert sorted(report.graded) == ["blank", "solution", "wrong"], report.problems
    scores = grading.scores(ASSIGNMENT, root)
    assert scores["solution"] == FULL
    assert sum(scores["blank"].values()) == 0
    # Q1 names the client (2 points), Q3 only works on the notes it was tuned on (3), Q5 gives k (2).
    assert scores["wrong"] == {**FULL, "m01_q1_test": 0.0, "m01_q3_test": 0.0, "m01_q5_test": 0.0}
