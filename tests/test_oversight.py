"""Module 03: synthetic data, reference oversight tools, dashboard widget and checks."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from course import data
from course.checks import m03_human_ai_balance as checks
from course.checks._core import Status
from course.oversight import escalation, feedback, usage
from course.synth import oversight as synth
from course.synth import registry
from course.widgets import oversight_dashboard as dash
from helpers import ROOT

NAMES = ["usage_log", "checkin_messages", "client_feedback"]


@pytest.fixture(scope="module")
def log() -> pd.DataFrame:
    return data.load("usage_log")


@pytest.fixture(scope="module")
def messages() -> list[dict]:
    return data.load("checkin_messages")


@pytest.fixture(scope="module")
def survey() -> pd.DataFrame:
    return data.load("client_feedback")


# ---- data ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_committed_data_is_byte_identical_to_a_fresh_build(name):
    ds = registry()[name]
    assert (ROOT / "data" / ds.filename).read_text(encoding="utf-8") == ds.build()
    assert ds.build() == ds.build()
    assert "synthetic" in ds.card.lower() or "fictional" in ds.card.lower() or "injected" in ds.card.lower()


@pytest.mark.parametrize("name", NAMES)
def test_data_cards_in_readme(name):
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert f"### {name}" in readme and f"| {name} |" in readme


def test_no_contact_details_in_module_03_data():
    for name in NAMES:
        text = (ROOT / "data" / registry()[name].filename).read_text(encoding="utf-8")
        assert not re.search(r"\d{3}-\d{3}-\d{4}|@|https?://|\d{3}-\d{2}-\d{4}", text), name


def test_usage_log_shape_and_injected_profiles(log):
    assert list(log.columns) == ["suggestion_id", "clinician", "role", "date", "month", "note_type", "action", "review_seconds", "suggestion_words"]
    assert log["suggestion_id"].is_unique and len(log) > 1500
    assert set(log["action"]) == set(usage.ACTIONS)
    assert (log["date"].str[:7] == log["month"]).all()
    profiles = synth.usage_log_profiles(synth.USAGE_SEED, n_biased=2)
    biased = sorted(c for c, p in profiles.items() if p == "automation_bias")
    assert len(biased) == 2
    flags = usage.automation_bias_flags(log).set_index("clinician")
    assert sorted(flags.index[flags["flagged"]]) == biased
    # Decoys: each trips exactly one signal, so neither is flagged.
    high = next(c for c, p in profiles.items() if p == "high_acceptor")
    fast = next(c for c, p in profiles.items() if p == "fast_reviewer")
    assert not flags.loc[high, "flagged"] and flags.loc[high, "accept_last"] > 0.85 and flags.loc[high, "review_last"] > 45
    assert not flags.loc[fast, "flagged"] and flags.loc[fast, "fast_review"] and not flags.loc[fast, "high_acceptance"]
    for c in biased:  # the injected effect sizes
        assert flags.loc[c, "accept_last"] >= 0.95 and flags.loc[c, "review_last"] <= 20
        assert flags.loc[c, "accept_change"] >= 0.3 and flags.loc[c, "rising_acceptance"]
    late = next(c for c, p in profiles.items() if p == "late_starter")
    assert flags.loc[late, "first_month"] == "2025-03"


@pytest.mark.parametrize("seed", [1, 7121, 9004, 5150])
def test_fresh_usage_logs_flag_exactly_the_injected_clinicians(seed):
    fresh = pd.DataFrame(synth.generate_usage_log(seed))
    biased = sorted(c for c, p in synth.usage_log_profiles(seed).items() if p == "automation_bias")
    assert 1 <= len(biased) <= 3
    assert usage.flagged_clinicians(fresh) == biased
    assert synth.generate_usage_log(seed) == synth.generate_usage_log(seed)


def test_usage_log_generator_rejects_bad_n_biased():
    with pytest.raises(ValueError, match="n_biased"):
        synth.generate_usage_log(1, n_biased=5)


def test_checkin_messages_labels_and_splits(messages):
    assert {m["split"] for m in messages} == {"train", "dev"}
    assert {m["category"] for m in messages} == set(synth.CATEGORIES)
    assert all(m["needs_human"] == (m["category"] != "routine") for m in messages)
    dev = [m for m in messages if m["split"] == "dev"]
    assert 120 <= len(dev) <= 160
    assert {m["category"] for m in dev} == set(synth.CATEGORIES)
    texts = " ".join(m["text"].lower().replace("'", "") for m in messages)
    for phrase in ["better off without me", "giving my things away", "homework is killing me", "murder a pizza"]:
        assert phrase in texts
    assert sum(m["phrasing"] == "indirect" for m in messages) > sum(m["phrasing"] == "direct" for m in messages)
    assert sum(m["phrasing"] == "idiom" for m in messages) > 50


def test_unseen_phrasings_never_appear_in_train_or_dev():
    seen = {t for _, _, t in synth._SEEN}
    assert not seen & {t for _, _, t in synth._UNSEEN}
    unseen = synth.generate_checkins(5, unseen=True, n=120)
    assert {m["split"] for m in unseen} == {"unseen"}
    assert synth.generate_checkins(5) != synth.generate_checkins(6)


def test_checkin_generator_rejects_bad_arguments():
    with pytest.raises(ValueError):
        synth.generate_checkins(1, n=3)
    with pytest.raises(ValueError):
        synth.generate_checkins(1, crisis_share=1.5)


def test_feedback_injected_effects(survey):
    assert len(survey) == 120 and set(survey["discussed_in_session"]) == {"yes", "no"}
    for item in synth.LIKERT_ITEMS:
        assert survey[item].between(1, 5).all()
    by = feedback.agreement_by(survey, "therapist_guided", "discussed_in_session")
    assert by["yes"] - by["no"] > 40
    agree = feedback.agreement(survey)
    assert agree.idxmin() == "understand_data"
    themes = feedback.comment_themes(survey)
    assert themes["privacy"] > 0 and themes["crisis"] > 0


# ---- reference tools ---------------------------------------------------------------------


def test_monthly_rates_add_up_and_match_a_hand_count(log):
    rates = usage.monthly_rates(log)
    assert list(rates.columns) == ["clinician", "month", "n", "accept_rate", "edit_rate", "override_rate", "median_review_seconds"]
    assert ((rates[["accept_rate", "edit_rate", "override_rate"]].sum(axis=1) - 1).abs() < 1e-9).all()
    part = log[(log["clinician"] == "C01") & (log["month"] == "2025-02")]
    row = rates[(rates["clinician"] == "C01") & (rates["month"] == "2025-02")].iloc[0]
    assert row["n"] == len(part)
    assert row["accept_rate"] == pytest.approx((part["action"] == "accepted").mean())
    assert row["median_review_seconds"] == part["review_seconds"].median()


def test_usage_tools_reject_bad_input(log):
    with pytest.raises(TypeError, match="DataFrame"):
        usage.monthly_rates([1, 2])
    with pytest.raises(ValueError, match="missing column"):
        usage.monthly_rates(log.drop(columns=["month"]))
    bad = log.head(5).copy()
    bad.loc[bad.index[0], "action"] = "ignored"
    with pytest.raises(ValueError, match="unknown action"):
        usage.monthly_rates(bad)


def test_thresholds_are_the_documented_ones(log):
    flags = usage.automation_bias_flags(log)
    assert (flags["flagged"] == ((flags["accept_last"] >= 0.90) & (flags["review_last"] <= 30))).all()
    loose = usage.automation_bias_flags(log, accept_min=0.85, review_max=90)
    assert loose["flagged"].sum() > flags["flagged"].sum()


def test_reference_needs_human_on_dev_and_fresh_messages(messages):
    dev = [m for m in messages if m["split"] == "dev"]
    report = escalation.evaluate(escalation.needs_human, dev)
    assert report.recall == 1.0 and report.false_alarm_rate <= 0.15
    for seed in (4417, 8821, 11):
        fresh = escalation.evaluate(escalation.needs_human, synth.generate_checkins(seed))
        assert fresh.recall == 1.0 and fresh.false_alarm_rate <= 0.15, (seed, fresh.summary())


def test_reference_rule_is_weaker_on_unseen_phrasings():
    """The point of the lesson: keyword rules miss new wordings."""
    report = escalation.evaluate(escalation.needs_human, synth.generate_checkins(3032, unseen=True, n=200))
    assert report.recall < 0.8


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Everyone would be better off without me.", True),
        ("ive been giving my things away", True),
        ("This homework is killing me.", False),
        ("I could murder a pizza right now", False),
        ("I gave my old clothes away to charity, spring cleaning feels great.", False),
        ("My boyfriend hit me again last night", True),
        ("My chest hurts and my left arm has gone numb.", True),
        ("I\u2019m at the end of my rope with this tax form, ha.", False),
    ],
)
def test_reference_rule_examples(text, expected):
    assert escalation.needs_human(text) is expected


def test_evaluate_reports_and_rejects():
    msgs = [{"text": "I want to die", "needs_human": True, "category": "suicide_self_harm"}, {"text": "fine", "needs_human": False}]
    report = escalation.evaluate(lambda t: False, msgs)
    assert report.recall == 0 and len(report.missed) == 1 and "recall 0.0%" in str(report)
    with pytest.raises(TypeError, match="True or False"):
        escalation.evaluate(lambda t: "yes", msgs)
    with pytest.raises(ValueError):
        escalation.evaluate(escalation.needs_human, msgs[:1])
    with pytest.raises(TypeError):
        escalation.needs_human(None)


# ---- widget ------------------------------------------------------------------------------


def test_dashboard_logic_functions(log):
    s = dash.clinician_summary(log, "C04", "2025-01", "2025-06")
    assert s["flagged"] == ["C04"] and s["n"] == int((log["clinician"] == "C04").sum())
    assert "course-oversight-flagged" in dash.summary_html(s)
    early = dash.clinician_summary(log, "C04", "2025-03", "2025-01")  # reversed period is fine
    assert early["months"] == ["2025-01", "2025-02", "2025-03"] and early["flagged"] == []
    assert dash.plot_summary(early) is not None
    with pytest.raises(ValueError, match="no clinician"):
        dash.clinician_summary(log, "C99")


def test_dashboard_callbacks_update_summary_and_plot(log):
    d = dash.oversight_dashboard(log)
    team_html, team_png = d.summary.value, bytes(d.plot.value)
    assert "Flagged: C04, C05" in team_html and team_png.startswith(b"\x89PNG")
    d.clinician.value = "C04"
    assert d.summary.value != team_html and "course-oversight-flagged" in d.summary.value
    assert bytes(d.plot.value) != team_png
    d.period.value = ("2025-01", "2025-03")
    assert "course-oversight-ok" in d.summary.value and "2025-03" in d.summary.value
    d.clinician.value = "C02"  # the high acceptor: one signal on, not flagged
    d.period.value = ("2025-01", "2025-06")
    assert d.summary.value.count('data-on="true"') == 1 and "course-oversight-ok" in d.summary.value
    late = sorted(log.loc[log["month"] == "2025-03", "clinician"].unique())
    missing = sorted(set(log["clinician"]) - set(log.loc[log["month"] == "2025-01", "clinician"]))
    assert missing and missing[0] in late
    d.clinician.value = missing[0]
    d.period.value = ("2025-01", "2025-02")
    assert "No AI suggestions" in d.summary.value and bytes(d.plot.value) == b""
    for widget, css in [(d.ui, "course-oversight-dashboard"), (d.clinician, "course-oversight-clinician"),
                        (d.period, "course-oversight-period"), (d.summary, "course-oversight-summary"), (d.plot, "course-oversight-plot")]:
        assert css in widget._dom_classes


# ---- checks (exercise 03: the course computes, the learner judges) --------------------------------


def test_q1_q2_dashboard_judgements(log):
    acc, rev = checks.acceptance_table(), checks.review_table()
    assert acc.loc["C04", "2025-06"] >= 90 and acc.loc["C02", "2025-01"] >= 90 and rev.loc["C02", "2025-06"] > 30
    assert checks.note_mix().loc["C02"].idxmax() == "letter"  # C02 mostly accepts routine letters
    assert checks.q1.check("b").correct and checks.q1.check(" B) ").correct
    for letter in "acd":
        assert checks.q1.check(letter).message == checks.Q1_FEEDBACK[letter]
    assert checks.q1.check("e").status is Status.ERROR
    flagged = usage.flagged_clinicians(log)
    assert flagged == ["C04", "C05"] and checks.q2.check(flagged).correct
    assert checks.q2.check(["c05", "C04"]).correct
    high = list(usage.automation_bias_flags(log).query("high_acceptance")["clinician"])  # acceptance alone
    assert checks.q2.check(high).message == checks.Q2_EXTRA and "C02" not in checks.q2.check(high).message
    assert checks.q2.check(["C04"]).message == checks.Q2_MISSED
    assert checks.q2.check(["C04", "C06"]).message == checks.Q2_BOTH
    assert checks.q2.check(["C99"]).status is Status.ERROR
    assert checks.q2.check([]).status is Status.NOT_ATTEMPTED


def test_q3_messages_the_rule_let_through():
    """The ten messages come from the held-out phrasings, carry the generator's labels, and
    the course's reference rule flags none of them (that is the point of the question)."""
    bank = synth.generate_checkins(seed=2024, unseen=True, n=400)
    for letter, (text, needs, why) in checks.MESSAGES.items():
        labels = {m["needs_human"] for m in bank if text.lower().rstrip(".") in m["text"].lower()}
        assert labels == {needs}, (letter, text, labels)
        assert not escalation.needs_human(text), text
        assert why
    right = [k for k, (_, needs, _) in checks.MESSAGES.items() if needs]
    assert right == ["A", "D", "E", "H", "J"]
    ok = checks.q3.check(right)
    assert ok.correct and len(ok.details) == 10 and "988" in ok.message
    assert checks.q3.check(right[:-1]).message == checks.Q3_MISSED
    assert checks.q3.check([*right, "I"]).message == checks.Q3_EXTRA
    assert checks.q3.check([*right[:-1], "I"]).message == checks.Q3_BOTH
    assert checks.q3.check(["K"]).status is Status.ERROR
    assert "J. There's a man" in checks.show_messages()


def test_q4_q5_survey_judgements(survey):
    summary = checks.survey_summary()
    assert summary.idxmin() == "understand_data" and summary.min() < 40
    assert checks.q4.check({"weakest": "understand_data", "first_step": "b"}).correct
    assert checks.q4.check({"weakest": "understand data", "first_step": "B"}).correct
    assert checks.q4.check({"weakest": "therapist_guided", "first_step": "b"}).message == checks.Q4_WEAKEST
    assert checks.q4.check({"weakest": "understand_data", "first_step": "a"}).message == checks.Q4_STEP["a"]
    assert checks.q4.check({"weakest": ..., "first_step": ...}).status is Status.NOT_ATTEMPTED
    assert checks.q4.check({"weakest": ..., "first_step": "b"}).status is Status.ERROR
    assert checks.q4.check({"weakest": ["helpful", "keep_using"], "first_step": "b"}).status is Status.ERROR
    by = checks.guided_by_discussion()
    assert by["yes"] - by["no"] > 40
    assert checks.q5.check("a").correct
    for letter in "bcd":
        assert checks.q5.check(letter).message == checks.Q5_FEEDBACK[letter]


def test_q7_q8_workflow():
    assert checks.q7.check(checks.WORKFLOW_ORDER).correct
    assert checks.q7.check(["D", "B", "A", "C", "E", "F", "G"]).message == checks.Q7_FIRST
    assert checks.q7.check(["B", "D", "A", "E", "C", "F", "G"]).message == checks.Q7_REVIEW
    assert checks.q7.check(["B", "D", "A", "C", "F", "E", "G"]).message == checks.Q7_DELETE
    assert checks.q7.check(["B", "D"]).status is Status.ERROR
    assert checks.q8.check(sorted(checks.HUMAN_STEPS)).correct
    assert checks.q8.check(["A", "B", "C", "E", "G"]).message == checks.Q8_EXTRA
    assert checks.q8.check(["B", "C"]).message == checks.Q8_MISSED
    assert checks.q8.check(["A", "B"]).message == checks.Q8_BOTH
