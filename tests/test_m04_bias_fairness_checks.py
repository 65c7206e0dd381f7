"""Checks for exercise 04: right answers pass, blanks are "not attempted", plausible mistakes get
feedback that does not give the answer away, and answers in the wrong form get the ⚠️ message."""

from __future__ import annotations

import pandas as pd
import pytest

from course import data
from course.checks import Status
from course.checks import m04_bias_fairness as checks
from course.fairness import (
    outcome_table,
    quarterly_disparity,
    representation_table,
    text_tool_table,
)
from course.synth import fairness as synth

UNDER = ["American Indian/Alaska Native", "Asian American", "Hispanic/Latino", "Spanish", "65+"]
RIGHT_Q3 = {"missed_most": "Spanish", "flagged_least": "Asian American", "below_four_fifths": True}


@pytest.fixture(scope="module")
def screening():
    return data.load("fairness_screening")


def _messages(q, answers):
    return " ".join(q.check(a).message for a in answers)


def test_tables_match_fairlearn(screening):
    from fairlearn.metrics import (
        MetricFrame,
        false_positive_rate,
        selection_rate,
        true_positive_rate,
    )

    for col in ("primary_language", "race_ethnicity"):
        ours = outcome_table(screening, col)
        mf = MetricFrame(
            metrics={"selection_rate": selection_rate, "tpr": true_positive_rate, "fpr": false_positive_rate},
            y_true=screening["outcome"], y_pred=screening["flagged"], sensitive_features=screening[col],
        ).by_group
        pd.testing.assert_frame_equal(ours[["selection_rate", "tpr", "fpr"]], mf.rename(index=str).astype(float), check_names=False, atol=1e-9)
    rep = representation_table(data.load("fairness_representation"))
    assert set(rep.index.get_level_values(0)) == set(checks.REPRESENTATION_COLUMNS)
    assert rep.loc[("primary_language", "Spanish"), "ratio"] == pytest.approx(checks.representation_ratios(data.load("fairness_representation"))["Spanish"])
    q = quarterly_disparity(data.load("fairness_quarterly"))
    assert list(q.index) == sorted(q.index) and (q["equalized_odds_difference"] == q[["tpr_gap", "fpr_gap"]].max(axis=1)).all()
    t = text_tool_table(data.load("fairness_text_tool"))
    assert (t["routine_messages"] + t["risk_messages"] == 12).all()


def test_q1():
    assert checks.q1.check(UNDER).correct
    assert checks.q1.check([g.upper() for g in reversed(UNDER)]).correct
    for blank in (..., []):
        assert checks.q1.check(blank).status is Status.NOT_ATTEMPTED
    missing = checks.q1.check(UNDER[:-1])
    extra = checks.q1.check([*UNDER, "Black"])
    assert missing.status is extra.status is Status.INCORRECT
    assert checks.Q1_MISSING in missing.message and checks.Q1_EXTRA in extra.message
    # Feedback never names the groups that are missing or extra, nor their ratios.
    for text in (missing.message, extra.message):
        assert "65+" not in text and "Black" not in text and "0.1" not in text
    for bad in ({"Spanish": 0.16}, "Spanishh", [0.16]):
        assert checks.q1.check(bad).status is Status.ERROR


def test_q2_statements_follow_the_data(screening):
    assert checks.supported_statements(screening) == {"A", "C", "D", "F"}
    assert checks.q2.check(["A", "C", "D", "F"]).correct and checks.q2.check("a, c, d, f").correct
    assert checks.q2.check(...).status is Status.NOT_ATTEMPTED
    wrong = checks.q2.check(["A", "B", "C", "D", "F"])
    assert wrong.status is Status.INCORRECT and checks.Q2_EXTRA in wrong.message and "B" not in wrong.message.replace("But", "")
    assert checks.q2.check(["A", "C"]).status is Status.INCORRECT
    assert checks.q2.check(["A", "Z"]).status is Status.ERROR
    # The statements are about the data they are checked on: fresh data has its own answer.
    fresh = synth.screening(seed=31)
    assert checks.q2.check(sorted(checks.supported_statements(fresh)), data=fresh).correct


def test_q3(screening):
    assert checks.q3.check(RIGHT_Q3).correct
    assert checks.q3.check({"missed_most": " spanish ", "flagged_least": "ASIAN AMERICAN", "below_four_fifths": "yes"}).correct
    assert checks.q3.check(dict.fromkeys(checks.Q3_KEYS, ...)).status is Status.NOT_ATTEMPTED
    r = checks.q3.check({**RIGHT_Q3, "missed_most": "English"})
    assert r.status is Status.INCORRECT and r.message == checks.Q3_MISSED
    r = checks.q3.check({**RIGHT_Q3, "below_four_fifths": False, "flagged_least": ...})
    assert r.message == f"{checks.Q3_FLAGGED} {checks.Q3_FOUR_FIFTHS}"
    assert checks.q3.check({**RIGHT_Q3, "missed_most": "Spanglish"}).status is Status.ERROR
    assert checks.q3.check({**RIGHT_Q3, "below_four_fifths": 0.55}).status is Status.ERROR
    assert checks.q3.check(["Spanish"]).status is Status.ERROR
    fresh = synth.screening(seed=31)
    lang, race = outcome_table(fresh, "primary_language"), outcome_table(fresh, "race_ethnicity")
    answer = {"missed_most": lang["tpr"].idxmin(), "flagged_least": race["selection_rate"].idxmin(),
              "below_four_fifths": bool(race["selection_rate"].min() / race["selection_rate"].max() < 0.8)}
    assert checks.q3.check(answer, data=fresh).correct


def test_q4(screening):
    best, target = checks.best_threshold(screening)
    assert best == 0.35 and 0.8 < target < 0.82

    def answer(t):
        return {"threshold": t, "fpr": round(checks.spanish_rates(screening, t)["fpr"], 3)}

    assert checks.q4.check(answer(best)).correct
    assert checks.q4.check(answer(round(best - 0.01, 2))).correct  # one step below is tolerated
    assert checks.q4.check({"threshold": best, "fpr": round(checks.spanish_rates(screening, best)["fpr"], 2)}).correct
    r = checks.q4.check(answer(round(best + 0.02, 2)))
    assert r.status is Status.INCORRECT and r.message == checks.Q4_TOO_HIGH
    r = checks.q4.check(answer(0.1))
    assert r.status is Status.INCORRECT and r.message == checks.Q4_TOO_LOW
    stale = {"threshold": best, "fpr": round(checks.spanish_rates(screening, 0.5)["fpr"], 3)}  # the FPR at the old threshold
    assert checks.q4.check(stale).message == checks.Q4_FPR
    assert checks.q4.check({"threshold": best, "fpr": ...}).message == checks.Q4_FPR
    assert checks.q4.check(dict.fromkeys(checks.Q4_KEYS, ...)).status is Status.NOT_ATTEMPTED
    for bad in ({"threshold": "low", "fpr": 0.5}, {"threshold": 35, "fpr": 0.5}, {"threshold": 0.35}, 0.35):
        assert checks.q4.check(bad).status is Status.ERROR
    for r in (checks.q4.check(answer(0.1)), checks.q4.check(answer(0.6)), checks.q4.check(stale)):
        assert "0.35" not in r.message and "0.57" not in r.message


def test_q5():
    eod = checks.quarterly_eod(data.load("fairness_quarterly"))
    first = next(q for q, v in eod.items() if v > checks.EOD_ALERT)
    assert first == "2025Q1"
    for ok in ("2025Q1", " 2025q1 ", "2025-Q1", "Q1 2025"):
        assert checks.q5.check(ok).correct, ok
    assert checks.q5.check(...).status is Status.NOT_ATTEMPTED
    assert checks.q5.check("2024Q2").message == checks.Q5_EARLY
    assert checks.q5.check("2025Q3").message == checks.Q5_LATE
    for bad in (2025, "Q1", "soon"):
        assert checks.q5.check(bad).message == checks.Q5_FORMAT
    fresh = synth.quarterly(seed=5, onset="2025Q3")
    assert checks.q5.check("2025Q3", data=fresh).correct


def test_q6():
    right = {"false_alarms": "African American English", "missed_risk": "Non-native English"}
    assert checks.q6.check(right).correct
    assert checks.q6.check({"false_alarms": ..., "missed_risk": ...}).status is Status.NOT_ATTEMPTED
    assert checks.q6.check({**right, "missed_risk": "African American English"}).message == checks.Q6_MR
    assert checks.q6.check({**right, "false_alarms": "Klingon"}).status is Status.ERROR


def test_hints_stop_short_of_the_answer():
    answers = {
        checks.q1: UNDER, checks.q2: ["A", "C", "D", "F"], checks.q3: ["Asian American"], checks.q4: ["0.35"],
        checks.q5: ["2025Q1"], checks.q6: ["African American English", "Non-native English"],
    }
    for q, secret in answers.items():
        assert len(q.hints) >= 2
        hints = " ".join(q.hints)
        for item in secret:
            assert f'"{item}"' not in hints and f"'{item}'" not in hints, (q, item)
        assert "no worked solution" not in repr(q.solution()).lower()
