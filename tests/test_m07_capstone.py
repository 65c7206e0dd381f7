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
    w.answer.value = CLOSING
    w.build_button.click()
    path = tmp_path / "my_work" / "action_plan.md"
    assert path.exists() and CLOSING in path.read_text()
    assert PLAN_SAVED.split("{")[0] in w.saved.value and "<h5>Human oversight (0)</h5>" in w.preview.value
    assert "course-self-assessment" in w.widget._dom_classes
    assert not hasattr(w, "code"), "the widget no longer offers code to copy into the exercise"


def test_self_assessment_widget_shows_typed_answers_read_only(tmp_path):
    ratings = _ratings(1)
    w = SelfAssessment(folder=tmp_path, ratings=ratings, closing=CLOSING, editable=False)
    assert w.current_ratings() == ratings and w.answer.value == CLOSING
    assert all(t.disabled for t in w.ratings.values()) and w.answer.disabled
    w.build_button.click()
    assert (tmp_path / "my_work" / "action_plan.md").read_text() == sa.action_plan(ratings, CLOSING, today=dt.date.today())
    # The blank exercise (every rating still ...) shows an empty form, not an error.
    blank = SelfAssessment(folder=tmp_path, ratings=dict.fromkeys(sa.STATEMENTS, ...), closing=..., editable=False)
    assert blank.current_ratings() == {} and "0 of 18" in blank.scores.value


def test_plot_scores():
    import matplotlib

    matplotlib.use("Agg")
    ax = sa.plot_scores(_ratings(1))
    assert len(ax.patches) == 6


def test_q3_q4_bias_audit():
    table = m07.risk_flag_table()
    rates = m07.risk_recall_reference(load("scribe_pilot"))
    assert table["recall"].to_dict() == rates.to_dict()
    assert m07.q3.check({"missed_more": "other language", "measure": "B"}).correct
    assert m07.q3.check({"missed_more": "Other Language", "measure": "b"}).correct
    r = m07.q3.check({"missed_more": "English", "measure": "A"})
    assert r.status is Status.INCORRECT and r.message == f"{m07.Q3_GROUP} {m07.Q3_MEASURE}"
    assert m07.q3.check({"missed_more": ..., "measure": ...}).status is Status.NOT_ATTEMPTED
    assert m07.q3.check({"missed_more": "Spanish", "measure": "B"}).status is Status.ERROR
    assert m07.q4.check("fails").correct and m07.q4.check("Fail").correct
    assert m07.q4.check("passes").message == m07.Q4_WRONG
    assert m07.q4.check("maybe").status is Status.ERROR and m07.q4.check(0.65).status is Status.ERROR


CEDAR = {
    "practice": "Cedar Grove Counseling Collective (fictional)",
    "owner": "the Clinical Director",
    "effective": "2026-02-02",
    "state": "other",
    "tools": ["Tandemloom Listen (ambient scribe): approved with conditions"],
    "permitted_uses": ["A", "B", "C"],
    "prohibited_uses": ["D", "E", "F", "G", "H"],
    "fairness_note": "Until the vendor fixes the gap, clinicians do not rely on the scribe's risk flags for any client.",
    "cadence_months": 6,
}


def test_q5_q6_q7_q8():
    assert m07.q5.check("approve with conditions").correct and m07.q5.check("Approve  with conditions").correct
    assert m07.q5.check("approve").message == m07.Q5_WRONG
    assert m07.q5.check("yes").status is Status.ERROR
    assert m07.q6.check(CEDAR).correct
    assert m07.q6.check({**CEDAR, "tools": ["an ambient scribe"]}).message == m07.Q6_NO_TOOL.format(product="Tandemloom Listen")
    assert m07.q6.check({**CEDAR, "effective": "2026-01-15"}).message == m07.Q6_DATES
    assert m07.q6.check({**CEDAR, "cadence_months": 12}).message == m07.Q6_DATES
    assert m07.q6.check({**CEDAR, "permitted_uses": ["A"], "prohibited_uses": ["B", "D", "F", "G", "H"]}).message == m07.Q6_SCRIBE_USE
    assert m07.q6.check({**CEDAR, "fairness_note": "We care about every client and check our tools for all of them."}).message == m07.Q6_GAP
    assert m07.q6.check(dict.fromkeys(m07.POLICY_KEYS, ...)).status is Status.NOT_ATTEMPTED
    assert m07.q6.check({**CEDAR, "state": "Oregon"}).status is Status.ERROR
    assert m07.q7.check("2026-07-08").correct
    assert m07.q7.check("2026-08-02").status is Status.INCORRECT  # ignores the bias finding
    assert "policy took effect" in m07.q7.check("2026-02-19").message  # counts the event before the policy
    assert m07.q7.check("soon").status is Status.ERROR
    assert m07.q8.check((..., ...)).status is Status.NOT_ATTEMPTED
    assert m07.q8.check((dict.fromkeys(sa.STATEMENTS, ...), ...)).status is Status.NOT_ATTEMPTED
    assert m07.q8.check((_ratings(), CLOSING)).correct
    r = m07.q8.check((_ratings(), ...))
    assert r.status is Status.INCORRECT and "15 words" in r.message
    r = m07.q8.check(({**_ratings(), "privacy_1": ...}, CLOSING))
    assert r.status is Status.INCORRECT and "1 statement(s) not rated" in r.message
    assert m07.q8.check(({**_ratings(), "privacy_1": 3}, CLOSING)).status is Status.INCORRECT
    assert m07.q8.check(_ratings()).status is Status.ERROR
