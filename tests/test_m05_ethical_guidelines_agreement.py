"""Exercise 05: a ✅ from a self-check means the grader agrees, for plausible answers of every kind."""

import pytest
from agreement_cases import grade_cells_are_the_self_check, passed, run_variants

from course.guidelines.policy import DEFAULT_CHOICES

pytestmark = pytest.mark.slow

POLICY = {
    "practice": "Lakeshore Family Counselling (fictional)",
    "owner": "the Practice Manager",
    "effective": "2026-02-01",
    "state": "NV",
    "tools": ["scheduling assistant"],
    "permitted_uses": ["A", "C"],
    "prohibited_uses": ["D", "F", "G", "H"],
    "fairness_note": "About a third of our clients are over 65; we ask vendors for results by age before approval.",
    "cadence_months": 12,
}
BLANK_POLICY = dict.fromkeys(POLICY, ...)
VARIANTS = {
    "answer_q1": [["A", "B", "C"], "C, A, B", ["A", "B"], ["A", "B", "C", "D", "E", "F", "G"], ["A", "B", "C", "X"], ...],
    "answer_q2": [
        {"V03": "reject", "V06": "approve", "V10": "approve with conditions", "V11": "approve with conditions"},
        {"V03": "Reject", "V06": "APPROVE", "V10": "approve  with conditions", "V11": "approve with conditions"},
        {"V03": "approve with conditions", "V06": "approve", "V10": "approve with conditions", "V11": "approve with conditions"},
        {"V03": "reject", "V06": "approve", "V10": "approve with conditions", "V11": "reject"},
        {"V03": "no", "V06": "yes", "V10": "yes", "V11": "yes"},
        {"V03": ..., "V06": ..., "V10": ..., "V11": ...},
    ],
    "answer_q3": [["V02", "V06", "V07", "V10", "V11"], ["v02", "v06", "v07", "v10", "v11"], ["V06", "V07"],
                  ["V02", "V03", "V06", "V07", "V10", "V11"], "V02 V06", ...],
    "my_choices": [
        POLICY,
        {**POLICY, "state": "other", "prohibited_uses": ["F", "G", "H"]},
        {**POLICY, "state": "IL"},  # Illinois also prohibits emotion detection (E)
        {**POLICY, "permitted_uses": ["A", "D"]},
        {**BLANK_POLICY, "practice": "Lakeshore"},
        {k: v for k, v in DEFAULT_CHOICES.items() if k in POLICY},  # the defaults, unchanged
        {**POLICY, "tools": "scheduling assistant"},
        BLANK_POLICY,
    ],
    "answer_q6": ["2026-07-09", "2026/7/9", "2026-07-15", "2025-12-31", "2026-07-19", "9 July 2026", ...],
}


def test_every_grade_cell_runs_the_self_checks_own_case():
    grade_cells_are_the_self_check("05_ethical_guidelines")


def test_self_check_agrees_with_grade_m05():
    outcomes = run_variants("05_ethical_guidelines", VARIANTS)
    assert passed(outcomes, "m05_q1_test")[:6] == [True, True, False, False, False, False]
    assert passed(outcomes, "m05_q2_test")[:6] == [True, True, False, False, False, False]
    assert passed(outcomes, "m05_q3_test")[:6] == [True, True, False, False, False, False]
    assert passed(outcomes, "m05_q4_test") == [True, True, False, False, False, False, False, False]
    assert passed(outcomes, "m05_q6_test")[:7] == [True, True, False, False, False, False, False]
