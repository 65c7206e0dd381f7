"""Checks for exercise 04: right answers pass, blanks are "not attempted", plausible mistakes get the right feedback."""

from __future__ import annotations

import pandas as pd
import pytest

from course import data
from course.checks import Status
from course.checks import m04_bias_fairness as checks
from course.synth import fairness as synth
from course.widgets.threshold_explorer import rates_at_thresholds


@pytest.fixture(scope="module")
def screening():
    return data.load("fairness_screening")


def outcome_audit(df, group_col):
    selection_rate = df.groupby(group_col)["flagged"].mean()
    tpr = df[df["outcome"] == 1].groupby(group_col)["flagged"].mean()
    fpr = df[df["outcome"] == 0].groupby(group_col)["flagged"].mean()
    return checks.audit_table(selection_rate, tpr, fpr)


def test_q1(screening):
    ratios = checks.representation_ratios(data.load("fairness_representation"))
    right = {g: round(r, 2) for g, r in ratios.items() if r < 0.8}
    assert checks.q1.check(right).status is Status.CORRECT
    assert checks.q1.check({k.upper(): v for k, v in right.items()}).status is Status.CORRECT
    assert checks.q1.check(...).status is Status.NOT_ATTEMPTED
    assert checks.q1.check({}).status is Status.NOT_ATTEMPTED
    missing = dict(right)
    missing.pop("65+")
    res = checks.q1.check(missing)
    assert res.status is Status.INCORRECT and checks.Q1_MISSING.format("65+") in res.message
    res = checks.q1.check({**right, "Black": 0.88})
    assert checks.Q1_EXTRA.format("Black") in res.message
    inverted = {g: round(1 / r, 2) for g, r in right.items()}  # clinic / training instead of training / clinic
    assert checks.q1.check(inverted).status is Status.INCORRECT
    assert checks.q1.check(["Spanish"]).status is Status.INCORRECT
    assert checks.q1.check({"Spanish": "0.16"}).status is Status.INCORRECT


def test_q2_right_blank_and_wrong():
    assert checks.q2.check(outcome_audit).status is Status.CORRECT
    assert checks.q2.check(lambda df, col: checks.audit_table(..., ..., ...)).status is Status.NOT_ATTEMPTED
    assert checks.q2.check(outcome_audit(data.load("fairness_screening"), "gender")).message == checks.Q2_NOT_FUNCTION

    def tpr_over_everyone(df, col):  # TPR computed over the whole group
        g = df.groupby(col)["flagged"]
        return checks.audit_table(g.mean(), g.mean(), df[df.outcome == 0].groupby(col)["flagged"].mean())

    res = checks.q2.check(tpr_over_everyone)
    assert res.status is Status.INCORRECT and checks.Q2_WHY["tpr"] in res.message

    def swapped(df, col):
        g = df.groupby(col)["flagged"].mean()
        return checks.audit_table(g, df[df.outcome == 0].groupby(col)["flagged"].mean(), df[df.outcome == 1].groupby(col)["flagged"].mean())

    assert checks.q2.check(swapped).status is Status.INCORRECT
    assert "DataFrame" in checks.q2.check(lambda df, col: {"a": 1}).message


def test_q2_hidden_cases_catch_code_that_ignores_its_inputs():
    committed = data.load("fairness_screening")

    def uses_global(df, col):
        return outcome_audit(committed, col)

    assert checks.q2.check(uses_global).status is Status.CORRECT  # looks right on the visible data...
    hidden = checks.screening_cases(seed=999, n=1500)
    assert checks.q2.check(uses_global, cases=hidden).status is Status.INCORRECT  # ...but not on fresh data
    assert checks.q2.check(outcome_audit, cases=hidden).status is Status.CORRECT


def _q3_answer(df):
    lang, race = outcome_audit(df, "primary_language"), outcome_audit(df, "race_ethnicity")
    return {
        "tpr_group": lang["tpr"].idxmin(),
        "equalized_odds_difference": max(lang["tpr"].max() - lang["tpr"].min(), lang["fpr"].max() - lang["fpr"].min()),
        "four_fifths_group": race["selection_rate"].idxmin(),
        "four_fifths_ratio": race["selection_rate"].min() / race["selection_rate"].max(),
    }


def test_q3(screening):
    right = _q3_answer(screening)
    assert right["tpr_group"] == "Spanish" and right["four_fifths_group"] == "Asian American"
    assert checks.q3.check(right).status is Status.CORRECT
    assert checks.q3.check(dict.fromkeys(checks.Q3_KEYS, ...)).status is Status.NOT_ATTEMPTED
    lang = outcome_audit(screening, "primary_language")
    only_tpr = {**right, "equalized_odds_difference": lang["tpr"].max() - lang["tpr"].min() - 0.05}
    assert checks.q3.check(only_tpr).status is Status.INCORRECT
    res = checks.q3.check({**right, "four_fifths_ratio": 1 / right["four_fifths_ratio"]})
    assert res.status is Status.INCORRECT and "four_fifths_ratio" in res.message
    res = checks.q3.check({**right, "tpr_group": "English"})
    assert res.message == checks.Q3_TPR_GROUP
    assert "tpr_group" in checks.q3.check({"four_fifths_ratio": 0.5}).message
    # Checks compute from the data they are given: a fresh seed has its own right answer.
    fresh = synth.screening(seed=31)
    assert checks.q3.check(_q3_answer(fresh), data=fresh).status is Status.CORRECT


def _q4_answer(df, t):
    r = rates_at_thresholds(df, "primary_language", "score", "outcome", {"Spanish": t}).loc["Spanish"]
    return {"threshold": t, "tpr": r["tpr"], "fpr": r["fpr"], "selection_rate": r["selection_rate"]}


def test_q4(screening):
    best, target = checks.best_threshold(screening)
    assert 0.2 < best < 0.5
    assert checks.q4.check(_q4_answer(screening, best)).status is Status.CORRECT
    assert checks.q4.check(_q4_answer(screening, best - 0.01)).status is Status.CORRECT  # one step below is tolerated
    res = checks.q4.check(_q4_answer(screening, best + 0.02))
    assert res.status is Status.INCORRECT and "still below" in res.message
    res = checks.q4.check(_q4_answer(screening, 0.1))
    assert res.status is Status.INCORRECT and "highest threshold" in res.message
    stale = {**_q4_answer(screening, best), "fpr": _q4_answer(screening, 0.5)["fpr"]}  # FPR copied from the old threshold
    res = checks.q4.check(stale)
    assert res.status is Status.INCORRECT and "report fpr" in res.message
    assert checks.q4.check(dict.fromkeys(checks.Q4_KEYS, ...)).status is Status.NOT_ATTEMPTED
    assert "correct" in checks.q4.check(_q4_answer(screening, best)).message.lower()


def test_q5():
    eod = checks.quarterly_eod(data.load("fairness_quarterly"))
    first = next(q for q, v in eod.items() if v > checks.EOD_ALERT)
    assert first == "2025Q1"
    assert checks.q5.check(first).status is Status.CORRECT
    assert checks.q5.check(" 2025q1 ").status is Status.CORRECT
    assert checks.q5.check(...).status is Status.NOT_ATTEMPTED
    assert "look later" in checks.q5.check("2024Q2").message
    assert checks.q5.check("2025Q3").message == checks.Q5_WRONG.format(alert=checks.EOD_ALERT)
    assert checks.q5.check(2025).message == checks.Q5_FORMAT
    assert checks.q5.check("Q1").message == checks.Q5_FORMAT
    fresh = synth.quarterly(seed=5, onset="2025Q3")
    assert checks.q5.check("2025Q3", data=fresh).status is Status.CORRECT


def test_q6():
    right = {"false_alarms": "African American English", "missed_risk": "Non-native English"}
    assert checks.q6.check(right).status is Status.CORRECT
    assert checks.q6.check({"false_alarms": ..., "missed_risk": ...}).status is Status.NOT_ATTEMPTED
    res = checks.q6.check({**right, "missed_risk": "African American English"})
    assert res.message == checks.Q6_MR
    texts = pd.DataFrame(data.load("fairness_text_tool"))
    assert texts["style"].nunique() == 3


def test_hints_and_solutions_exist():
    for q in (checks.q1, checks.q2, checks.q3, checks.q4, checks.q5, checks.q6):
        assert q.hints and "no worked solution" not in repr(q.solution()).lower()
