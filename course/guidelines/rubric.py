"""A weighted due-diligence rubric for AI vendors (module 05 and the capstone).

Each criterion is met fully (1), partly (0.5) or not at all (0). Weights add up to 100,
so a weighted score is a number from 0 to 100. Three deal-breakers reject a vendor
whatever its score.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

__all__ = [
    "APPROVE",
    "CONDITIONS",
    "REJECT",
    "DECISIONS",
    "APPROVE_AT",
    "CONDITIONS_AT",
    "CRITERIA",
    "WEIGHTS",
    "criterion_points",
    "weighted_score",
    "deal_breakers",
    "decide",
    "scorecard",
    "score_table",
    "apply_rubric",
]

APPROVE = "approve"
CONDITIONS = "approve with conditions"
REJECT = "reject"
DECISIONS = (APPROVE, CONDITIONS, REJECT)

#: A score of at least this approves (if there is no deal-breaker).
APPROVE_AT = 80
#: A score of at least this (and below APPROVE_AT) approves with conditions.
CONDITIONS_AT = 60

#: Criterion -> (profile column, plain-language question).
CRITERIA: dict[str, tuple[str, str]] = {
    "baa": ("baa", "Will the vendor sign a business associate agreement (BAA)?"),
    "encryption": ("encryption", "Is client data encrypted at rest and in transit?"),
    "data_location": ("data_location", "Does the vendor say where client data is stored?"),
    "retention": ("retention_days", "Is client data deleted quickly (30 days or less)?"),
    "no_training": ("trains_on_client_data", "Is client data kept out of training the vendor's models?"),
    "bias_testing": ("bias_testing", "Has the tool been tested for bias, independently and in public?"),
    "transparency": ("transparency", "Does the vendor document how the tool works and its limits?"),
    "human_oversight": ("human_oversight", "Must a clinician review output before it is used?"),
    "incident_response": ("breach_notice_days", "Does the vendor promise prompt breach notice (10 days or less)?"),
    "security_audit": ("security_audit", "Is security audited independently?"),
}

#: Weights (add up to 100).
WEIGHTS: dict[str, int] = {
    "baa": 15,
    "encryption": 10,
    "data_location": 5,
    "retention": 10,
    "no_training": 15,
    "bias_testing": 10,
    "transparency": 10,
    "human_oversight": 10,
    "incident_response": 10,
    "security_audit": 5,
}

_LEVELS: dict[str, dict[str, float]] = {
    "baa": {"yes": 1.0, "no": 0.0},
    "encryption": {"at rest and in transit": 1.0, "in transit only": 0.5, "not stated": 0.0},
    "no_training": {"no": 1.0, "opt-in only": 0.5, "yes": 0.0},
    "bias_testing": {"independent, published": 1.0, "internal only": 0.5, "none": 0.0},
    "transparency": {"full": 1.0, "partial": 0.5, "none": 0.0},
    "human_oversight": {"required": 1.0, "optional": 0.5, "none": 0.0},
    "security_audit": {"independent": 1.0, "self-assessed": 0.5, "none": 0.0},
}


def _missing(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value))


def _days(value: Any, full: float, part: float) -> float:
    if _missing(value):
        return 0.0
    days = float(value)
    return 1.0 if days <= full else 0.5 if days <= part else 0.0


def _points_for(criterion: str, value: Any) -> float:
    if criterion == "retention":
        return _days(value, 30, 365)
    if criterion == "incident_response":
        return _days(value, 10, 60)  # HIPAA's outer limit for business associates is 60 days
    if criterion == "data_location":
        if _missing(value) or value == "not stated":
            return 0.0
        return 1.0 if value == "United States" else 0.5
    levels = _LEVELS[criterion]
    if value not in levels:
        raise ValueError(f"{CRITERIA[criterion][0]} has an unexpected value {value!r}; expected one of {list(levels)}")
    return levels[value]


def _frame(profiles: pd.DataFrame | list[Mapping[str, Any]]) -> pd.DataFrame:
    df = profiles if isinstance(profiles, pd.DataFrame) else pd.DataFrame(list(profiles))
    missing = [col for col, _ in CRITERIA.values() if col not in df.columns]
    if missing:
        raise ValueError(f"the vendor profiles lack the column(s) {missing}; load them with course.data.load('vendor_profiles')")
    return df


def criterion_points(profiles: pd.DataFrame | list[Mapping[str, Any]]) -> pd.DataFrame:
    """Points per criterion (1, 0.5 or 0) for each vendor.

    Parameters
    ----------
    profiles : DataFrame or list of dict
        Vendor profiles as in ``course.data.load("vendor_profiles")``.

    Returns
    -------
    DataFrame
        One row per vendor (indexed by ``vendor_id`` when present), one column per
        criterion in :data:`WEIGHTS`.

    """
    df = _frame(profiles)
    table = pd.DataFrame(
        {name: [_points_for(name, v) for v in df[col]] for name, (col, _) in CRITERIA.items()},
        index=df["vendor_id"] if "vendor_id" in df.columns else df.index,
    )
    return table


def weighted_score(points: pd.DataFrame, weights: Mapping[str, float] = WEIGHTS) -> pd.Series:
    """Weighted score (0 to 100 with the default weights) of each row of *points*."""
    absent = [k for k in weights if k not in points.columns]
    if absent:
        raise ValueError(f"points lack the criteria {absent}")
    return (points[list(weights)] * pd.Series(weights, dtype=float)).sum(axis=1).round(1)


def deal_breakers(profile: Mapping[str, Any]) -> list[str]:
    """The deal-breakers a vendor profile has (empty list if none).

    No BAA, client data used for training, or no stated encryption: any one rejects
    the vendor for a tool that handles client information, whatever its score.
    """
    found = []
    if profile["baa"] == "no":
        found.append("no business associate agreement")
    if profile["trains_on_client_data"] == "yes":
        found.append("trains its models on client data")
    if profile["encryption"] == "not stated":
        found.append("no stated encryption")
    return found


def decide(profile: Mapping[str, Any], score: float) -> str:
    """Approve, approve with conditions, or reject one vendor.

    Parameters
    ----------
    profile : mapping
        One vendor's profile (a row of the profiles table).
    score : float
        Its weighted score (0-100).

    Returns
    -------
    str
        ``"reject"`` if there is any deal-breaker; otherwise ``"approve"`` at
        :data:`APPROVE_AT` or more, ``"approve with conditions"`` at :data:`CONDITIONS_AT`
        or more, else ``"reject"``.

    """
    if deal_breakers(profile):
        return REJECT
    if score >= APPROVE_AT:
        return APPROVE
    if score >= CONDITIONS_AT:
        return CONDITIONS
    return REJECT


def scorecard(profiles: pd.DataFrame | list[Mapping[str, Any]], weights: Mapping[str, float] = WEIGHTS) -> pd.DataFrame:
    """The full scorecard: points, weighted score, deal-breakers and decision per vendor.

    Returns
    -------
    DataFrame
        Indexed by ``vendor_id``; columns ``vendor``, the criteria, ``score``,
        ``deal_breakers`` (text) and ``decision``, sorted by score (best first).

    """
    df = _frame(profiles).reset_index(drop=True)
    points = criterion_points(df)
    score = weighted_score(points, weights)
    rows = df.to_dict("records")
    card = points.copy()
    card.insert(0, "vendor", list(df["vendor"]) if "vendor" in df.columns else "")
    card["score"] = score.values
    card["deal_breakers"] = ["; ".join(deal_breakers(r)) for r in rows]
    card["decision"] = [decide(r, s) for r, s in zip(rows, score.values, strict=True)]
    return card.sort_values("score", ascending=False, kind="stable")


def score_table(profiles: pd.DataFrame | list[Mapping[str, Any]], weights: Mapping[str, float] = WEIGHTS) -> pd.DataFrame:
    """What a reviewer needs to decide on each vendor, without the decision itself.

    The course computes the weighted score; the learner applies the practice's rule
    (deal-breakers first, then the score) in exercises 05 and 07.

    Returns
    -------
    DataFrame
        Indexed by ``vendor_id``, in id order; columns ``vendor``, ``score`` and the
        profile facts behind every criterion (``baa``, ``encryption``, ...), so that the
        reader, not the table, decides which of them are deal-breakers.

    """
    df = _frame(profiles).reset_index(drop=True)
    score = weighted_score(criterion_points(df), weights)
    out = pd.DataFrame(
        {"vendor": list(df["vendor"]) if "vendor" in df.columns else "", "score": score.values,
         **{col: list(df[col]) for col, _ in CRITERIA.values()}},
        index=pd.Index(df["vendor_id"] if "vendor_id" in df.columns else df.index, name="vendor_id"),
    )
    return out.sort_index()


def apply_rubric(profiles: pd.DataFrame, score_fn: Any, decide_fn: Any, weights: Mapping[str, float] = WEIGHTS) -> pd.DataFrame:
    """A scorecard built with the learner's own functions (module 05 exercise).

    ``score_fn(points, weights)`` gives the scores and ``decide_fn(profile, score)`` one
    decision. Columns stay empty (``None``) while a function still returns ``...``.
    """
    df = _frame(profiles).reset_index(drop=True)
    points = criterion_points(df)
    card = pd.DataFrame(index=points.index)
    scores = score_fn(points.copy(), dict(weights))
    card["score"] = None if scores is ... else list(scores)
    decisions = None
    if scores is not ...:
        decisions = [decide_fn(row, s) for (_, row), s in zip(df.iterrows(), card["score"], strict=True)]
        if any(d is ... for d in decisions):
            decisions = None
    card["decision"] = decisions
    return card
