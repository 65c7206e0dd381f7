"""Capstone (07): practice data, self-assessment and action plan, and the checks."""

import datetime as dt

import pandas as pd
import pytest

from course.checks import m07_capstone as m07
from course.checks._core import Status
from course.data import load
from course.guidelines import self_assessment as sa
from course.guidelines.rubric import scorecard
from course.synth import capstone, registry
from course.widgets.self_assessment import NOT_READY, PLAN_SAVED, SelfAssessment

CLOSING = "We piloted an ambient scribe under a BAA, wrote a consent script, audited its risk flags by language, and adopted a policy with reviews."


def _ratings(value=1):
    return dict.fromkeys(sa.STATEMENTS, value)


def test_capstone_data_registered_with_injected_gap():
    reg = registry()
    assert {"scribe_pilot", "capstone_practice"} <= set(reg)
    df = load("scribe_pilot")
    assert len(df) == capstone.N_SESSIONS and list(df.columns) == capstone.FIELDS
    rates = m07.risk_recall_reference(df)
    assert rates["English"] > 0.8 and rates["other language"] < 0.7
    assert rates.min() / rates.max() < 0.8
    errors = df.groupby("language_group")["draft_error_found"].mean()
    assert errors["other language"] > 2 * errors["English"]
    for seed in (1, 2, 3):
        other = pd.DataFrame(capstone.generate_pilot(seed))
        r = m07.risk_recall_reference(other)
        assert r.min() / r.max() < 0.8
    with pytest.raises(ValueError):
        capstone.generate_pilot(1, n=10)


def test_capstone_vendor_is_a_conditional_approval():
    p = load("capstone_practice")
    card = scorecard([p["scribe_profile"]])
    assert card["decision"].iloc[0] == "approve with conditions" and card["deal_breakers"].iloc[0] == ""
    assert p["scribe_profile"]["contact_email"].endswith("example.com")


def test_self_assessment_scores_and_plan_order():
    r = _ratings(2)
    r.update({"fairness_1": 0, "fairness_2": 0, "fairness_3": 1, "consent_1": 1})
    scores = sa.area_scores(r)
    assert scores["Bias and fairness"] == pytest.approx(100 / 6, abs=0.1) and scores["Informed consent"] == pytest.approx(83.3, abs=0.1)
    plan = sa.action_plan(r, CLOSING, name="A. Learner", today=dt.date(2026, 5, 1))
    assert plan.startswith("# My AI action plan: A. Learner")
    assert sa.CLOSING_QUESTION in plan and CLOSING in plan
    assert plan.index("### Bias and fairness") < plan.index("### Informed consent") < plan.index("### Privacy")
    assert "**Now (within 30 days):** Ask each vendor for results by language" in plan
    assert "Keep it up" in plan and "2026-11-01" in plan


@pytest.mark.parametrize(
    ("ratings", "closing", "message"),
    [
        ({}, CLOSING, "not rated yet"),
        ({**_ratings(), "extra": 1}, CLOSING, "unknown statement"),
        ({**_ratings(), "privacy_1": 3}, CLOSING, "should be rated"),
        ({**_ratings(), "privacy_1": True}, CLOSING, "should be rated"),
        (_ratings(), "Too short.", "at least 15 words"),
        ("all good", CLOSING, "dictionary"),
    ],
)
def test_self_assessment_bad_input(ratings, closing, message):
    with pytest.raises(ValueError, match=message):
        sa.action_plan(ratings, closing)


def test_self_assessment_widget_builds_and_saves(tmp_path):
    w = SelfAssessment(folder=tmp_path)
    assert "0 of 18" in w.scores.value
    w.build_button.click()
    assert NOT_READY.split("{")[0] in w.saved.value and not (tmp_path / "my_work").exists()
    for sid, toggle in w.ratings.items():
        toggle.value = 0 if sid.startswith("oversight") else 2
    assert "Human oversight" in w.scores.value and "width:0px" in w.scores.value
    assert w.code.value.startswith("my_ratings = {") and "'oversight_1': 0" in w.code.value
    w.answer.value = CLOSING
    w.build_button.click()
    path = tmp_path / "my_work" / "action_plan.md"
    assert path.exists() and CLOSING in path.read_text()
    assert PLAN_SAVED.split("{")[0] in w.saved.value and "<h5>Human oversight (0)</h5>" in w.preview.value
    scope = {}
    exec(w.code.value, scope)
    assert scope["my_ratings"] == w.current_ratings()
    assert "course-self-assessment" in w.widget._dom_classes


def test_plot_scores():
    import matplotlib

    matplotlib.use("Agg")
    ax = sa.plot_scores(_ratings(1))
    assert len(ax.patches) == 6


def _recall(df):
    return df[df["risk_language_present"] == 1].groupby("language_group")["scribe_flagged_risk"].mean()


def test_q3_q4_bias_audit():
    assert m07.q3.check(_recall).correct
    assert m07.q3.check(_recall, seeds=[11, 12]).correct
    r = m07.q3.check(lambda df: df.groupby("language_group")["scribe_flagged_risk"].mean())
    assert r.status is Status.INCORRECT and m07.Q3_TIP_ALL in r.message
    assert m07.q3.check(lambda df: ...).status is Status.NOT_ATTEMPTED
    assert m07.q3.check(lambda df: 0.5).status is Status.INCORRECT
    hard = _recall(load("scribe_pilot")).to_dict()
    assert m07.q3.check(lambda df: hard).correct  # right on the visible data ...
    assert not m07.q3.check(lambda df: hard, seeds=[11])  # ... but a hidden seed catches hard-coding
    assert m07.q4.check("fails").correct and not m07.q4.check("passes") and not m07.q4.check("maybe")


def test_q5_q6_q7_q8():
    from course.guidelines.policy import build_policy

    assert m07.q5.check("approve with conditions").correct and not m07.q5.check("approve")
    assert m07.q5.check("yes").status is Status.INCORRECT
    good = build_policy({"tools": ["Tandemloom Listen (ambient scribe)"]})
    assert m07.q6.check(good).correct
    r = m07.q6.check(build_policy())
    assert r.status is Status.INCORRECT and "Tandemloom Listen" in r.message
    assert m07.q7.check(dt.date(2026, 7, 8)).correct and m07.q7.check("2026-07-08").correct
    assert not m07.q7.check(dt.date(2026, 8, 2))  # ignores the bias finding
    assert not m07.q7.check(dt.date(2026, 2, 19))  # counts the event before the policy
    assert m07.q7.check("soon").status is Status.INCORRECT
    assert m07.q8.check((..., ...)).status is Status.NOT_ATTEMPTED
    assert m07.q8.check((_ratings(), CLOSING)).correct
    r = m07.q8.check((_ratings(), ...))
    assert r.status is Status.INCORRECT and "15 words" in r.message
    assert m07.q8.check(_ratings()).status is Status.INCORRECT
