"""Module 05 tools: vendor profiles, rubric, policy, review calendar; and their checks."""

import datetime as dt
import re

import pandas as pd
import pytest

from course.checks import m05_ethical_guidelines as m05
from course.checks._core import Status
from course.data import load
from course.guidelines import policy, review, rubric
from course.synth import registry, vendors

# ---- data ---------------------------------------------------------------------------------


def test_vendor_profiles_registered_and_committed_file_is_current():
    ds = registry()["vendor_profiles"]
    assert ds.seed == vendors.SEED and ds.generator == "course.synth.vendors.generate"
    df = load("vendor_profiles")
    assert list(df.columns) == vendors.FIELDS
    assert len(df) == vendors.N_VENDORS
    assert ds.build() == ds.build()  # deterministic
    for key in ("What it represents", "What was injected", "Known limits"):
        assert key in ds.card


@pytest.mark.parametrize("seed", [vendors.SEED, 1, 2, 77, 8123, 4477, 9001])
def test_generator_other_seeds_give_all_three_decisions_and_valid_values(seed):
    rows = vendors.generate(seed)
    df = pd.DataFrame(rows)
    for field, options in vendors.VALUES.items():
        assert set(df[field]) <= set(options)
    assert df["vendor_id"].is_unique and df["vendor"].str.endswith("(fictional)").all()
    assert df["contact_email"].str.match(r"^[a-z]+@[a-z]+\.example\.com$").all()
    assert df["website"].str.match(r"^https://[a-z]+\.example\.org/$").all()
    decisions = set(rubric.scorecard(df)["decision"])
    assert rubric.REJECT in decisions and (rubric.APPROVE in decisions or rubric.CONDITIONS in decisions)


def test_generator_seed_changes_output_and_rejects_tiny_n():
    assert vendors.generate(1) != vendors.generate(2)
    assert vendors.generate(3) == vendors.generate(3)
    with pytest.raises(ValueError):
        vendors.generate(1, n=2)


# ---- rubric -------------------------------------------------------------------------------


def test_weights_add_to_100_and_cover_criteria():
    assert sum(rubric.WEIGHTS.values()) == 100
    assert set(rubric.WEIGHTS) == set(rubric.CRITERIA)


def _profile(**over):
    base = {
        "vendor_id": "T1", "vendor": "Test", "baa": "yes", "encryption": "at rest and in transit",
        "data_location": "United States", "retention_days": 30, "trains_on_client_data": "no",
        "bias_testing": "independent, published", "transparency": "full", "human_oversight": "required",
        "breach_notice_days": 10, "security_audit": "independent",
    }
    return {**base, **over}


def test_points_levels_and_missing_values():
    rows = [
        _profile(),
        _profile(vendor_id="T2", retention_days=None, breach_notice_days=float("nan"), data_location="European Union",
                 encryption="in transit only", bias_testing="none"),
        _profile(vendor_id="T3", retention_days=365, breach_notice_days=60),
        _profile(vendor_id="T4", retention_days=366, breach_notice_days=61),
    ]
    pts = rubric.criterion_points(rows)
    assert pts.loc["T1"].tolist() == [1.0] * 10
    assert pts.loc["T2", ["retention", "incident_response", "data_location", "encryption", "bias_testing"]].tolist() == [0, 0, 0.5, 0.5, 0]
    assert pts.loc["T3", ["retention", "incident_response"]].tolist() == [0.5, 0.5]
    assert pts.loc["T4", ["retention", "incident_response"]].tolist() == [0, 0]
    scores = rubric.weighted_score(pts)
    assert scores["T1"] == 100
    assert scores["T2"] == 100 - 10 - 10 - 2.5 - 5 - 10


def test_bad_values_and_columns_give_clear_errors():
    with pytest.raises(ValueError, match="unexpected value"):
        rubric.criterion_points([_profile(baa="maybe")])
    with pytest.raises(ValueError, match="lack the column"):
        rubric.criterion_points([{"vendor_id": "x"}])


@pytest.mark.parametrize(
    ("over", "score", "expected"),
    [
        ({}, 80, "approve"),
        ({}, 79.9, "approve with conditions"),
        ({}, 60, "approve with conditions"),
        ({}, 59.9, "reject"),
        ({"baa": "no"}, 99, "reject"),
        ({"trains_on_client_data": "yes"}, 99, "reject"),
        ({"encryption": "not stated"}, 99, "reject"),
        ({"trains_on_client_data": "opt-in only"}, 99, "approve"),
    ],
)
def test_decide(over, score, expected):
    assert rubric.decide(_profile(**over), score) == expected


def test_scorecard_on_course_data_has_a_deal_breaker_that_beats_a_passing_score():
    card = rubric.scorecard(load("vendor_profiles"))
    assert list(card["score"]) == sorted(card["score"], reverse=True)
    trap = card[(card["score"] >= rubric.CONDITIONS_AT) & (card["decision"] == rubric.REJECT)]
    assert len(trap) >= 1 and (trap["deal_breakers"] != "").all()


def test_apply_rubric_leaves_columns_empty_until_functions_are_written():
    df = load("vendor_profiles")
    blank = rubric.apply_rubric(df, lambda p, w: ..., lambda r, s: ...)
    assert blank["score"].isna().all() and blank["decision"].isna().all()
    full = rubric.apply_rubric(df, rubric.weighted_score, rubric.decide)
    ref = rubric.scorecard(df).sort_index()
    assert full.sort_index()["decision"].tolist() == ref["decision"].tolist()


# ---- policy ------------------------------------------------------------------------------


def test_built_policy_passes_structure_and_reflects_choices():
    text = policy.build_policy({"practice": "Test Practice", "cadence_months": 12, "effective": "2026-03-31",
                                "education_hours": 5, "publish_tool_list": False})
    assert policy.check_policy(text) == []
    assert text.startswith("# AI-use policy: Test Practice")
    assert "every 12 months" in text and "Next scheduled review:** 2027-03-31" in text
    assert "at least 5 hour(s)" in text and "Before use" not in text
    for section in policy.REQUIRED_SECTIONS:
        assert f"## {section}" in text


def test_build_policy_rejects_bad_choices():
    with pytest.raises(ValueError, match="unknown policy choice"):
        policy.build_policy({"colour": "blue"})
    with pytest.raises(ValueError, match="date"):
        policy.build_policy({"effective": "soon"})
    with pytest.raises(ValueError, match="cadence"):
        policy.build_policy({"cadence_months": 0})


def test_check_policy_finds_each_kind_of_problem():
    good = policy.build_policy()
    no_consent = re.sub(r"## Informed consent\n.*?\n\n", "", good, flags=re.S)
    assert policy.check_policy(no_consent) == ["Missing section: add a heading '## Informed consent'."]
    short = good.replace(good[good.index("## Transparency") : good.index("## Continuous education")], "## Transparency\nWe are open.\n\n")
    assert any("too short" in p and "Transparency" in p for p in policy.check_policy(short))
    todo = good.replace("## Incident response\n", "## Incident response\nTODO: decide who. ")
    assert any("placeholder" in p for p in policy.check_policy(todo))
    assert any("title" in p for p in policy.check_policy(good.replace("# AI-use policy", "AI-use policy", 1)))
    assert any("owner" in p.lower() for p in policy.check_policy(good.replace("Policy owner", "Lead").replace("owner", "lead")))
    with pytest.raises(TypeError):
        policy.check_policy(None)


def test_save_policy_writes_under_my_work(tmp_path):
    path = policy.save_policy("# Policy\n", tmp_path)
    assert path == (tmp_path / "my_work" / "ai_use_policy.md").resolve()
    assert path.read_text() == "# Policy\n"
    with pytest.raises(ValueError):
        policy.save_policy("   ", tmp_path)
    with pytest.raises(ValueError):
        policy.save_policy("# x", tmp_path, filename="../escape.md")


# ---- review calendar ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [((2026, 1, 31), 1, (2026, 2, 28)), ((2028, 1, 31), 1, (2028, 2, 29)), ((2026, 8, 31), 6, (2027, 2, 28)), ((2026, 11, 15), 3, (2027, 2, 15))],
)
def test_add_months(day, months, expected):
    assert review.add_months(dt.date(*day), months) == dt.date(*expected)


def test_next_review_rules():
    d = dt.date
    assert review.next_review(d(2026, 1, 15), 6) == d(2026, 7, 15)
    assert review.next_review(d(2026, 1, 15), 6, [(d(2026, 3, 2), "security incident")]) == d(2026, 3, 9)
    assert review.next_review(d(2026, 1, 15), 6, [(d(2026, 1, 15), "security incident")]) == d(2026, 7, 15)  # same day: handled
    assert review.next_review("2026-01-15", 6, [("2026-06-30", "new law or guidance")]) == d(2026, 7, 15)
    with pytest.raises(ValueError, match="unknown trigger"):
        review.next_review(d(2026, 1, 15), 6, [(d(2026, 2, 1), "meteor")])
    with pytest.raises(ValueError, match="date"):
        review.next_review("next week", 6)
    with pytest.raises(ValueError, match="pair"):
        review.next_review(d(2026, 1, 15), 6, ["2026-02-01"])


def test_review_calendar_and_plot():
    d = dt.date
    cal = review.review_calendar(d(2026, 1, 15), 6, [(d(2026, 3, 2), "security incident")], until=d(2027, 1, 1))
    assert cal["due"].tolist() == [d(2026, 3, 9), d(2026, 9, 9)]
    assert cal["reason"].tolist() == ["security incident on 2026-03-02", "scheduled"]
    import matplotlib

    matplotlib.use("Agg")
    ax = review.plot_review_calendar(cal, [(d(2026, 3, 2), "security incident")])
    assert len(ax.lines) >= 3


# ---- checks ------------------------------------------------------------------------------


def _ref_score(points, weights):
    return (points * pd.Series(weights)).sum(axis=1)


def test_q1_accepts_reference_rejects_unweighted_and_fixed_weights():
    assert m05.q1.check(_ref_score).status is Status.CORRECT
    assert m05.q1.check(lambda p, w: ...).status is Status.NOT_ATTEMPTED
    assert m05.q1.check(...).status is Status.NOT_ATTEMPTED
    r = m05.q1.check(lambda p, w: p.sum(axis=1))
    assert r.status is Status.INCORRECT and m05.Q1_TIP_UNWEIGHTED in r.message
    fixed = lambda p, w: (p * pd.Series(rubric.WEIGHTS)).sum(axis=1)  # noqa: E731
    assert m05.q1.check(fixed).correct  # visible case uses the course weights
    other = {**rubric.WEIGHTS, "baa": 30, "data_location": 0, "security_audit": 0, "bias_testing": 5}
    r = m05.q1.check(fixed, cases=[(11, other)])
    assert r.status is Status.INCORRECT and m05.Q1_TIP_WEIGHTS in r.message
    assert m05.q1.check(lambda p, w: [1, 2]).status is Status.INCORRECT
    assert m05.q1.check(lambda p, w: 1 / 0).status is Status.ERROR


def _forgets_encryption(profile, score):
    if profile["baa"] == "no" or profile["trains_on_client_data"] == "yes":
        return "reject"
    return "approve" if score >= 80 else "approve with conditions" if score >= 60 else "reject"


def test_q2_hidden_edge_cases_catch_plausible_mistakes():
    assert m05.q2.check(rubric.decide).correct
    extra = [({"vendor_id": "enc", "baa": "yes", "trains_on_client_data": "no", "encryption": "not stated"}, 95.0)]
    r = m05.q2.check(_forgets_encryption, seeds=[8123], extra=extra)
    assert r.status is Status.INCORRECT and "deal-breaker" in r.message
    strict = lambda p, s: "reject" if rubric.deal_breakers(p) else "approve" if s > 80 else "approve with conditions" if s > 60 else "reject"  # noqa: E731
    edge = [({"vendor_id": "e80", "baa": "yes", "trains_on_client_data": "no", "encryption": "at rest and in transit"}, 80.0)]
    r = m05.q2.check(strict, seeds=[], extra=edge)
    assert r.status is Status.INCORRECT and ">=" in r.message
    score_only = lambda p, s: "approve" if s >= 80 else "approve with conditions" if s >= 60 else "reject"  # noqa: E731
    assert not m05.q2.check(score_only)  # the course data has a deal-breaker with a passing score
    assert m05.q2.check(lambda p, s: "yes").status is Status.INCORRECT


def test_q3_q4():
    card = rubric.scorecard(load("vendor_profiles"))
    passing = list(card.index[card["decision"] != "reject"])
    assert m05.q3.check(passing).correct
    assert m05.q3.check(pd.Index(passing)).correct
    assert not m05.q3.check(passing[:-1])
    assert not m05.q3.check(passing + ["V99"])
    assert not m05.q3.check("V01")
    assert m05.q4.check(policy.build_policy()).correct
    r = m05.q4.check("# Policy\n## Purpose and scope\nShort.")
    assert r.status is Status.INCORRECT and "problem" in r.message
    assert m05.q4.check(42).status is Status.INCORRECT


def test_q6_catches_ignored_and_stale_events():
    assert m05.q6.check(review.next_review).correct
    r = m05.q6.check(lambda last, cad, ev: review.add_months(last, cad))
    assert r.status is Status.INCORRECT and m05.Q6_TIP_IGNORED in r.message

    def stale(last, cad, ev):
        due = review.add_months(last, cad)
        for when, kind in ev:
            due = min(due, when + dt.timedelta(days=review.TRIGGER_DAYS[kind]))
        return due

    r = m05.q6.check(stale)
    assert r.status is Status.INCORRECT and m05.Q6_TIP_OLD in r.message
    assert m05.q6.check(lambda a, b, c: "soon").status is Status.INCORRECT


@pytest.mark.parametrize("name", ["vendor_profiles", "scribe_pilot", "capstone_practice"])
def test_committed_data_is_byte_identical_to_generator(name):
    from course.data import path

    ds = registry()[name]
    assert path(name).read_text(encoding="utf-8") == ds.build(), "run `course synth` and commit data/"
