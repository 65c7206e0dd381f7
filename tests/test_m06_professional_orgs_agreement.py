"""Exercise 06: a ✅ from a self-check means the grader agrees, scenario by scenario."""

import pytest
from agreement_cases import grade_cells_are_the_self_check, passed, run_variants

from course.guidelines.scenarios import SCENARIOS

pytestmark = pytest.mark.slow


def _variants(sc):
    g, s, a = sorted(sc.guardrails)[0], sorted(sc.sources)[-1], sc.action
    other_g = next(x for x in ("privacy", "consent", "oversight", "fairness") if x not in sc.guardrails)
    other_a = next(x for x in "abcd" if x != a)
    return [
        {"guardrail": g, "source": s, "action": a},
        {"guardrail": g.upper(), "source": s.replace("_", " "), "action": a.upper() + ")"},
        {"guardrail": other_g, "source": s, "action": a},
        {"guardrail": g, "source": s, "action": other_a},
        {"guardrail": g, "source": ..., "action": a},
        (g, s, a),  # the old exercise's format
        {"guardrail": g, "source": "the APA", "action": a},
        {"guardrail": ..., "source": ..., "action": ...},
    ]


def test_every_grade_cell_runs_the_self_checks_own_case():
    grade_cells_are_the_self_check("06_professional_orgs")


def test_self_check_agrees_with_grade_m06():
    variants = {f"answer_q{i}": _variants(sc) for i, sc in enumerate(SCENARIOS, start=1)}
    outcomes = run_variants("06_professional_orgs", variants)
    for i in range(1, len(SCENARIOS) + 1):
        assert passed(outcomes, f"m06_q{i}_test") == [True, True] + [False] * 6, i
