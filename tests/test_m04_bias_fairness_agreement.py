"""Exercise 04: a ✅ from a self-check means the grader agrees, for plausible answers of every
kind: right, hard-coded from the old exercise, partial, overfitted, in the wrong form, blank."""

import pytest
from agreement_cases import grade_cells_are_the_self_check, passed, run_variants

pytestmark = pytest.mark.slow

UNDER = ["American Indian/Alaska Native", "Asian American", "Hispanic/Latino", "Spanish", "65+"]
VARIANTS = {
    "answer_q1": [UNDER, UNDER[:3], {"Spanish": 0.16, "65+": 0.18}, [*UNDER, "Black", "Multiracial"], "Spanish", ...],
    "answer_q2": [["A", "C", "D", "F"], "A,C,D,F", ["A", "B", "C", "D", "F"], ["C", "D"], ["A", "C", "D", "F", "G"], ...],
    "answer_q3": [
        {"missed_most": "Spanish", "flagged_least": "Asian American", "below_four_fifths": True},
        {"missed_most": "spanish", "flagged_least": "asian american", "below_four_fifths": "yes"},
        {"missed_most": "Spanish", "flagged_least": "Asian American", "below_four_fifths": False},
        {"missed_most": "Spanish", "flagged_least": ..., "below_four_fifths": ...},
        {"tpr_group": "Spanish", "equalized_odds_difference": 0.36, "four_fifths_group": "Asian American", "four_fifths_ratio": 0.55},
        {"missed_most": ..., "flagged_least": ..., "below_four_fifths": ...},
    ],
    "answer_q4": [
        {"threshold": 0.35, "fpr": 0.57},
        {"threshold": 0.34, "fpr": 0.589},
        {"threshold": 0.35, "fpr": 0.222},
        {"threshold": 0.4, "fpr": 0.46},
        {"threshold": "0.35", "fpr": "0.57"},
        {"threshold": ..., "fpr": ...},
    ],
    "answer_q5": ["2025Q1", "Q1 2025", "2024Q4", "2025Q3", 2025, ...],
    "answer_q6": [
        {"false_alarms": "African American English", "missed_risk": "Non-native English"},
        {"false_alarms": "african american english", "missed_risk": "non-native english"},
        {"false_alarms": "Non-native English", "missed_risk": "African American English"},
        {"false_alarms": "African American English", "missed_risk": ...},
        {"false_alarms": "AAE", "missed_risk": "NNE"},
        {"false_alarms": ..., "missed_risk": ...},
    ],
}


def test_every_grade_cell_runs_the_self_checks_own_case():
    grade_cells_are_the_self_check("04_bias_fairness")


def test_self_check_agrees_with_grade_m04():
    outcomes = run_variants("04_bias_fairness", VARIANTS)
    assert passed(outcomes, "m04_q1_test") == [True, False, False, False, False, False]
    assert passed(outcomes, "m04_q2_test") == [True, True, False, False, False, False]
    assert passed(outcomes, "m04_q3_test") == [True, True, False, False, False, False]
    assert passed(outcomes, "m04_q4_test") == [True, True, False, False, True, False]
    assert passed(outcomes, "m04_q5_test") == [True, True, False, False, False, False]
    assert passed(outcomes, "m04_q6_test") == [True, True, False, False, False, False]
