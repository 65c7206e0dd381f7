"""Tools for modules 05 and 06: vendor rubric, AI-use policy, review calendar, crosswalk, scenarios.

Import what you need from the submodules, e.g.
``from course.guidelines.rubric import scorecard``; the names below are re-exported lazily.
"""

from __future__ import annotations

from .._lazy import face

__all__ = [
    "rubric",
    "policy",
    "review",
    "crosswalk",
    "scenarios",
    "scorecard",
    "criterion_points",
    "weighted_score",
    "decide",
    "score_table",
    "build_policy",
    "check_policy",
    "choice_problems",
    "save_policy",
    "add_months",
    "deadline_table",
    "next_review",
    "review_calendar",
]

__getattr__, __dir__ = face(__name__, {
    "scorecard": "rubric",
    "criterion_points": "rubric",
    "weighted_score": "rubric",
    "decide": "rubric",
    "score_table": "rubric",
    "build_policy": "policy",
    "check_policy": "policy",
    "choice_problems": "policy",
    "save_policy": "policy",
    "add_months": "review",
    "deadline_table": "review",
    "next_review": "review",
    "review_calendar": "review",
}, modules=("rubric", "policy", "review", "crosswalk", "scenarios"))
