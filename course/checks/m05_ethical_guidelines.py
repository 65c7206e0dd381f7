"""Checks for exercise 05 (developing ethical guidelines): grade ids m05_q1 ... m05_q6.

Q1 weighted vendor score, Q2 decision rule, Q3 which vendors pass, Q4 policy structure,
(Q5 is graded by the facilitator), Q6 next review date. Q1, Q2 and Q6 take the learner's
function; hidden tests pass other seeds and cases.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pandas as pd

from ..guidelines import policy as _policy
from ..guidelines import review as _review
from ..guidelines import rubric as _rubric
from ._core import NotAttempted, Question, Wrong

__all__ = ["q1", "q2", "q3", "q4", "q6", "profiles", "VISIBLE_REVIEW_CASES"]


def profiles(seed: int | None = None) -> pd.DataFrame:
    """The vendor profiles: the course data set, or freshly generated from *seed*."""
    if seed is None:
        from ..data import load

        return load("vendor_profiles")
    from ..synth.vendors import generate

    return pd.DataFrame(generate(seed))


def _returned(value: Any) -> None:
    if value is ...:
        raise NotAttempted


# ---- Q1: weighted score ---------------------------------------------------------------------
Q1_NOT_FUNCTION = "Your answer should be the function itself: pass weighted_score (without brackets)."
Q1_SHAPE = "Your function should give back one score per vendor ({n} numbers); it gave back {got!r}."
Q1_WRONG = "The score for {vendor} should be {expected:.1f} but your function gave {got}. {tip}"
Q1_TIP_UNWEIGHTED = "It looks like the criteria were added up without their weights: multiply each column by its weight first."
Q1_TIP_WEIGHTS = "Use the weights the function is given (the input called weights), not a fixed set: the autograder tries other weights too."
Q1_TIP_OTHER = "Multiply each criterion's points by its weight, then add along each row (axis=1)."


def _as_values(result: Any, n: int) -> list[float]:
    if isinstance(result, pd.DataFrame) and result.shape[1] == 1:
        result = result.iloc[:, 0]
    try:
        values = [float(v) for v in list(result)]
    except (TypeError, ValueError):
        raise Wrong(Q1_SHAPE.format(n=n, got=type(result).__name__)) from None
    if len(values) != n:
        raise Wrong(Q1_SHAPE.format(n=n, got=f"{len(values)} values"))
    return values


def _check_q1(fn: Callable, cases: Iterable[tuple[int | None, Mapping[str, float] | None]] | None = None) -> str:
    if not callable(fn):
        raise Wrong(Q1_NOT_FUNCTION)
    cases = list(cases) if cases is not None else [(None, None)]
    for seed, weights in cases:
        weights = dict(weights or _rubric.WEIGHTS)
        points = _rubric.criterion_points(profiles(seed))
        result = fn(points.copy(), dict(weights))
        _returned(result)
        got = _as_values(result, len(points))
        expected = _rubric.weighted_score(points, weights)
        for vendor, g, e in zip(points.index, got, expected, strict=True):
            if math.isnan(g) or abs(g - e) > 0.06:
                unweighted = float(points.loc[vendor].sum())
                default = float((points.loc[vendor] * pd.Series(_rubric.WEIGHTS)).sum())
                tip = (Q1_TIP_UNWEIGHTED if abs(g - unweighted) < 0.06
                       else Q1_TIP_WEIGHTS if abs(g - default) < 0.06 else Q1_TIP_OTHER)
                raise Wrong(Q1_WRONG.format(vendor=vendor, expected=e, got=g, tip=tip))
    return f"Correct - your scores match for {sum(1 for _ in cases)} set(s) of vendors."


q1 = Question(
    "m05_q1",
    "Q1",
    _check_q1,
    hints=[
        "points is a table: one row per vendor, one column per criterion. pd.Series(weights) is a column of weights with the same names.",
        "points * pd.Series(weights) multiplies each column by its weight; .sum(axis=1) then adds across each row.",
    ],
    solution="score = (points * pd.Series(weights)).sum(axis=1)",
)

# ---- Q2: decision rule ----------------------------------------------------------------------
Q2_NOT_FUNCTION = "Your answer should be the function itself: pass decide (without brackets)."
Q2_NOT_DECISION = "Your function should give back one of {options}; for {vendor} it gave {got!r}."
Q2_DEAL_BREAKER = "{vendor} has a deal-breaker ({why}), so it must be rejected whatever its score ({score}); your function said {got!r}."
Q2_THRESHOLD = "{vendor} has no deal-breaker and scores {score}, so the decision is {expected!r}; your function said {got!r}. Check the thresholds (80 and 60, 'at least' means >=)."


def _check_q2(fn: Callable, seeds: Iterable[int | None] | None = None, extra: Iterable[tuple[Mapping[str, Any], float]] = ()) -> str:
    if not callable(fn):
        raise Wrong(Q2_NOT_FUNCTION)
    cases: list[tuple[str, dict, float]] = []
    for seed in list(seeds) if seeds is not None else [None]:
        df = profiles(seed)
        scores = _rubric.weighted_score(_rubric.criterion_points(df))
        cases += [(r["vendor_id"], r, float(s)) for r, s in zip(df.to_dict("records"), scores.values, strict=True)]
    cases += [(str(p.get("vendor_id", "a test vendor")), dict(p), float(s)) for p, s in extra]
    for vendor, row, score in cases:
        got = fn(pd.Series(row), score)
        _returned(got)
        if not isinstance(got, str) or got.strip().lower() not in _rubric.DECISIONS:
            raise Wrong(Q2_NOT_DECISION.format(options=", ".join(repr(d) for d in _rubric.DECISIONS), vendor=vendor, got=got))
        got = got.strip().lower()
        expected = _rubric.decide(row, score)
        if got != expected:
            why = _rubric.deal_breakers(row)
            if why:
                raise Wrong(Q2_DEAL_BREAKER.format(vendor=vendor, why="; ".join(why), score=score, got=got))
            raise Wrong(Q2_THRESHOLD.format(vendor=vendor, score=score, expected=expected, got=got))
    return f"Correct - your rule agrees on all {len(cases)} vendors."


q2 = Question(
    "m05_q2",
    "Q2",
    _check_q2,
    hints=[
        "Check the deal-breakers first: if any is true, the answer is 'reject' and the score does not matter.",
        "profile['baa'] == 'no' tests one deal-breaker; join the three tests with or. Then: score >= 80, else score >= 60, else reject.",
    ],
    solution=(
        "if profile['baa'] == 'no' or profile['trains_on_client_data'] == 'yes' or profile['encryption'] == 'not stated':\n"
        "    decision = 'reject'\nelif score >= 80:\n    decision = 'approve'\nelif score >= 60:\n"
        "    decision = 'approve with conditions'\nelse:\n    decision = 'reject'"
    ),
)

# ---- Q3: which vendors pass ----------------------------------------------------------------
Q3_FORMAT = 'Please give a list of vendor ids in quotes, for example ["V01", "V02"].'
Q3_MISSED = "These vendors pass (approve or approve with conditions) but are missing: {}."
Q3_EXTRA = "These vendors should be rejected: {}."


def _check_q3(answer: Any) -> None:
    if isinstance(answer, (pd.Index, pd.Series)):
        answer = list(answer)
    if isinstance(answer, str) or not isinstance(answer, Iterable):
        raise Wrong(Q3_FORMAT)
    ids = set()
    for item in answer:
        if not isinstance(item, str):
            raise Wrong(Q3_FORMAT)
        ids.add(item.strip().upper())
    card = _rubric.scorecard(profiles())
    passing = set(card.index[card["decision"] != _rubric.REJECT])
    problems = []
    if passing - ids:
        problems.append(Q3_MISSED.format(", ".join(sorted(passing - ids))))
    if ids - passing:
        problems.append(Q3_EXTRA.format(", ".join(sorted(ids - passing))))
    if problems:
        raise Wrong(" ".join(problems))


q3 = Question(
    "m05_q3",
    "Q3",
    _check_q3,
    hints=[
        "Use the scorecard you built: keep the rows whose decision is not 'reject'.",
        "card[card['decision'] != 'reject'].index gives their vendor ids; wrap it in list(...).",
    ],
    solution="list(card[card['decision'] != 'reject'].index)",
)

# ---- Q4: policy structure --------------------------------------------------------------------
Q4_NOT_TEXT = "Your policy should be text (Markdown in quotes), or the result of build_policy(...)."
Q4_PROBLEMS = "Your policy is not complete yet ({n} problem(s)): {first}"


def _check_q4(answer: Any) -> str:
    if not isinstance(answer, str):
        raise Wrong(Q4_NOT_TEXT)
    problems = _policy.check_policy(answer)
    if problems:
        raise Wrong(Q4_PROBLEMS.format(n=len(problems), first=" ".join(problems[:3])))
    return "Correct - your policy has every required section. Your facilitator will read it for quality (Q5)."


q4 = Question(
    "m05_q4",
    "Q4",
    _check_q4,
    hints=[
        "Every required section needs its own heading line starting with '## ', and a few sentences under it.",
        "Start from build_policy(my_choices), then edit the text; check_policy(my_policy) lists anything missing.",
    ],
    solution="my_policy = build_policy(my_choices), then edited for the practice.",
)

# ---- Q6: next review date --------------------------------------------------------------------
Q6_NOT_FUNCTION = "Your answer should be the function itself: pass next_review (without brackets)."
Q6_NOT_DATE = "Your function should give back a date (like date(2026, 7, 15)); it gave back {got!r}."
Q6_WRONG = "Last review {last}, every {cadence} months, events {events}: the next review is due {expected} but your function said {got}. {tip}"
Q6_TIP_IGNORED = "A trigger event should bring the review forward: event date plus its days in TRIGGER_DAYS."
Q6_TIP_OLD = "Only events after the last review count."
Q6_TIP_OTHER = "The due date is the earliest of the scheduled date and each counted event's deadline."

#: Visible cases: (last review, cadence in months, events).
VISIBLE_REVIEW_CASES: list[tuple[dt.date, int, list[tuple[dt.date, str]]]] = [
    (dt.date(2026, 1, 15), 6, []),
    (dt.date(2026, 1, 15), 6, [(dt.date(2026, 3, 2), "security incident")]),
    (dt.date(2026, 1, 15), 12, [(dt.date(2025, 12, 1), "new AI tool"), (dt.date(2026, 9, 20), "new law or guidance")]),
]


def _check_q6(fn: Callable, cases: Iterable[tuple[Any, int, list]] | None = None) -> str:
    if not callable(fn):
        raise Wrong(Q6_NOT_FUNCTION)
    cases = list(cases) if cases is not None else VISIBLE_REVIEW_CASES
    for last, cadence, events in cases:
        got = fn(last, cadence, list(events))
        _returned(got)
        if isinstance(got, dt.datetime):
            got = got.date()
        if isinstance(got, pd.Timestamp):
            got = got.date()
        if not isinstance(got, dt.date):
            raise Wrong(Q6_NOT_DATE.format(got=got))
        expected = _review.next_review(last, cadence, events)
        if got != expected:
            scheduled = _review.add_months(last, cadence)
            with_old = min([scheduled] + [d + dt.timedelta(days=_review.TRIGGER_DAYS[k]) for d, k in events])
            tip = Q6_TIP_IGNORED if got == scheduled else Q6_TIP_OLD if got == with_old else Q6_TIP_OTHER
            ev = ", ".join(f"{k} on {d.isoformat()}" for d, k in events) or "none"
            raise Wrong(Q6_WRONG.format(last=last.isoformat(), cadence=cadence, events=ev, expected=expected.isoformat(), got=got, tip=tip))
    return f"Correct - your function agrees on {len(cases)} review plan(s)."


q6 = Question(
    "m05_q6",
    "Q6",
    _check_q6,
    hints=[
        "Start with due = scheduled; then look at each event in turn with for when, kind in events:.",
        "For an event after the last review, its deadline is when + timedelta(days=TRIGGER_DAYS[kind]); keep the earlier date with min(due, deadline).",
    ],
    solution=(
        "due = scheduled\nfor when, kind in events:\n    if when > last_review:\n"
        "        due = min(due, when + timedelta(days=TRIGGER_DAYS[kind]))"
    ),
)
