"""nbgrader round trips for exercises 05 and 06: solutions score full, the untouched
release scores zero, plausible wrong answers (typed as literals) lose exactly their points."""

import pytest

from course import grading
from course.guidelines.scenarios import SCENARIOS
from helpers import ROOT, fill_answers, make_course_dir, solution_answers, submit

pytestmark = pytest.mark.slow


def _round_trip(tmp_path, assignment, wrong_answers):
    nb_name = f"{assignment}.ipynb"
    root = make_course_dir(tmp_path, [assignment])
    release = ROOT / "exercises" / assignment / nb_name
    submit(root, "solution", assignment, ROOT / "solutions" / assignment / nb_name)
    submit(root, "blank", assignment, release)
    wrong = fill_answers(release, tmp_path / "wrong" / nb_name, {**solution_answers(assignment), **wrong_answers})
    submit(root, "wrong", assignment, wrong)
    report = grading.autograde(assignment, root)
    assert sorted(report.graded) == ["blank", "solution", "wrong"], report.problems
    return grading.scores(assignment, root)


def test_autograde_round_trip_05_ethical_guidelines(tmp_path):
    # Plausible mistakes: counts weak bias testing as a deal-breaker (Q1, 2); keeps the
    # default choices with no clinical uses decided (Q4, 2); counts the event from before
    # the last review (Q6, 2). Q2 and Q3 are right.
    scores = _round_trip(tmp_path, "05_ethical_guidelines", {
        "m05_q1": 'answer_q1 = ["A", "B", "C", "F"]',
        "m05_q4": 'my_choices = {"practice": "Our practice", "owner": "the owner", "effective": "2026-03-01", "state": "IL", '
                  '"tools": ["scribe"], "permitted_uses": ["A", "B", "D"], "prohibited_uses": ["F", "G", "H"], '
                  '"fairness_note": "We check every tool for all of our clients, every year.", "cadence_months": 6}',
        "m05_q6": 'answer_q6 = "2025-12-31"',
    })
    full = {"m05_q1_test": 2.0, "m05_q2_test": 2.0, "m05_q3_test": 1.0, "m05_q4_test": 2.0, "m05_q6_test": 2.0}
    assert scores["solution"] == full
    assert sum(scores["blank"].values()) == 0
    assert scores["wrong"] == {**full, "m05_q1_test": 0.0, "m05_q4_test": 0.0, "m05_q6_test": 0.0}


def test_autograde_round_trip_06_professional_orgs(tmp_path):
    # A learner who answers every scenario well except two: S03 (wrong action) and
    # S10 (a source that does not fit), and leaves S13 unanswered.
    s03, s10 = SCENARIOS[2], SCENARIOS[9]
    wrong_action = next(k for k in "abcd" if k != s03.action)
    scores = _round_trip(tmp_path, "06_professional_orgs", {
        "m06_q3": f'answer_q3 = {{"guardrail": "{sorted(s03.guardrails)[0]}", "source": "{sorted(s03.sources)[0]}", "action": "{wrong_action}"}}',
        "m06_q10": f'answer_q10 = {{"guardrail": "{sorted(s10.guardrails)[0]}", "source": "aamft_code", "action": "{s10.action}"}}',
        "m06_q13": 'answer_q13 = {"guardrail": ..., "source": ..., "action": ...}',
    })
    full = {f"m06_q{i}_test": 1.0 for i in range(1, len(SCENARIOS) + 1)}
    assert scores["solution"] == full
    assert sum(scores["blank"].values()) == 0
    assert scores["wrong"] == {**full, "m06_q3_test": 0.0, "m06_q10_test": 0.0, "m06_q13_test": 0.0}
