"""nbgrader round trips for exercises 05 and 06: solutions score full, the untouched
release scores zero, plausible wrong answers lose exactly their points."""

import pytest

from course import grading
from course.guidelines.scenarios import SCENARIOS
from helpers import ROOT, edit_cells, make_course_dir, submit

pytestmark = pytest.mark.slow


def test_autograde_round_trip_05_ethical_guidelines(tmp_path):
    assignment = "05_ethical_guidelines"
    nb_name = f"{assignment}.ipynb"
    root = make_course_dir(tmp_path, [assignment])
    release = ROOT / "exercises" / assignment / nb_name
    submit(root, "solution", assignment, ROOT / "solutions" / assignment / nb_name)
    submit(root, "blank", assignment, release)
    # Plausible mistakes: Q1 adds points without weights (2); Q2 forgets the encryption
    # deal-breaker, which only the hidden edge case shows (2); Q6 lets events from before
    # the last review count (2). Q3 and Q4 are right.
    wrong = edit_cells(
        release,
        tmp_path / "wrong.ipynb",
        {
            "m05_q1": ("score = ...", "score = points.sum(axis=1) * 10"),
            "m05_q2": (
                "    decision = ...",
                "    if profile['baa'] == 'no' or profile['trains_on_client_data'] == 'yes':\n"
                "        decision = 'reject'\n"
                "    elif score >= 80:\n        decision = 'approve'\n"
                "    elif score >= 60:\n        decision = 'approve with conditions'\n"
                "    else:\n        decision = 'reject'",
            ),
            "m05_q3": ("answer_q3 = ...", 'answer_q3 = ["V07", "V06", "V10", "V02", "V11"]'),
            "m05_q4": ("my_policy = ...", "my_policy = build_policy(my_choices)"),
            "m05_q6": (
                "    due = ...",
                "    due = scheduled\n    for when, kind in events:\n"
                "        due = min(due, when + timedelta(days=TRIGGER_DAYS[kind]))",
            ),
        },
    )
    submit(root, "wrong", assignment, wrong, name=nb_name)
    report = grading.autograde(assignment, root)
    assert sorted(report.graded) == ["blank", "solution", "wrong"], report.problems
    scores = grading.scores(assignment, root)
    full = {"m05_q1_test": 2.0, "m05_q2_test": 2.0, "m05_q3_test": 1.0, "m05_q4_test": 2.0, "m05_q6_test": 2.0}
    assert scores["solution"] == full
    assert sum(scores["blank"].values()) == 0
    assert scores["wrong"] == {**full, "m05_q1_test": 0.0, "m05_q2_test": 0.0, "m05_q6_test": 0.0}


def test_autograde_round_trip_06_professional_orgs(tmp_path):
    assignment = "06_professional_orgs"
    nb_name = f"{assignment}.ipynb"
    root = make_course_dir(tmp_path, [assignment])
    release = ROOT / "exercises" / assignment / nb_name
    submit(root, "solution", assignment, ROOT / "solutions" / assignment / nb_name)
    submit(root, "blank", assignment, release)
    # A learner who answers every scenario well except two: S03 (wrong action) and
    # S10 (a source that does not fit), and leaves S13 unanswered.
    answers = {s.id: (sorted(s.guardrails)[0], sorted(s.sources)[0], s.action) for s in SCENARIOS}
    s03 = answers["S03"]
    answers["S03"] = (s03[0], s03[1], next(k for k in "abcd" if k != s03[2]))
    answers["S10"] = (answers["S10"][0], "aamft_code", answers["S10"][2])
    del answers["S13"]
    wrong = edit_cells(release, tmp_path / "wrong.ipynb", {"m06_answers": ("answers = ...", f"answers = {answers!r}")})
    submit(root, "wrong", assignment, wrong, name=nb_name)
    report = grading.autograde(assignment, root)
    assert sorted(report.graded) == ["blank", "solution", "wrong"], report.problems
    scores = grading.scores(assignment, root)
    full = {f"m06_q{i}_test": 1.0 for i in range(1, len(SCENARIOS) + 1)}
    assert scores["solution"] == full
    assert sum(scores["blank"].values()) == 0
    assert scores["wrong"] == {**full, "m06_q3_test": 0.0, "m06_q10_test": 0.0, "m06_q13_test": 0.0}
