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


GOOD_CHOICES = {
    "practice": "Test Practice",
    "owner": "the Clinical Director",
    "effective": "2026-03-31",
    "state": "IL",
    "tools": ["progress-note assistant"],
    "permitted_uses": ["A", "B", "C"],
    "prohibited_uses": ["D", "E", "F", "G", "H"],
    "fairness_note": "Many of our clients speak Spanish at home; we ask every vendor for results by language.",
    "cadence_months": 12,
}


def test_built_policy_passes_structure_and_reflects_choices():
    text = policy.build_policy({**GOOD_CHOICES, "education_hours": 5, "publish_tool_list": False})
    assert policy.check_policy(text) == []
    assert policy.choice_problems(GOOD_CHOICES) == []
    assert text.startswith("# AI-use policy: Test Practice")
    assert "every 12 months" in text and "Next scheduled review:** 2027-03-31" in text
    assert "at least 5 hour(s)" in text and "Before use" not in text
    for section in policy.REQUIRED_SECTIONS:
        assert f"## {section}" in text
    section = text[text.index(f"## {policy.CLINICAL_USES_SECTION}"):text.index("## Transparency")]
    permitted, prohibited = section.split("**Prohibited:**")
    assert "Scheduling, appointment reminders" in permitted and "emotions" in prohibited
    assert "Public Act 104-0054" in section and f"accurate as of {policy.LAW_ACCURATE_AS_OF}" in section
    assert "Many of our clients speak Spanish" in text[text.index("## Bias and fairness"):]


def test_default_and_blank_choices_do_not_pass():
    """Issue 17: build_policy() with the defaults used to pass unchanged; the clinical-uses section has no default."""
    problems = policy.check_policy(policy.build_policy())
    assert problems and all(policy.CLINICAL_USES_SECTION in p for p in problems)
    assert "[fill in:" in policy.build_policy()
    assert policy.choice_problems(dict(policy.DEFAULT_CHOICES))
    assert policy.choice_problems(dict.fromkeys(policy.REQUIRED_CHOICES, ...))
    assert policy.choice_problems({}) and policy.choice_problems("my policy") == [policy.CHOICE_NOT_DICT]
    # Permitted but no prohibited use (or no state) still fails the structure check.
    half = policy.build_policy({"state": "UT", "permitted_uses": ["A"]})
    assert any("prohibited" in p for p in policy.check_policy(half))


@pytest.mark.parametrize("state", policy.STATES)
def test_state_law_decides_what_must_be_prohibited(state):
    base = {**GOOD_CHOICES, "state": state}
    assert policy.choice_problems(base) == []  # D E F G H prohibited is fine everywhere
    minimal = sorted(policy.MUST_PROHIBIT[state])
    assert policy.choice_problems({**base, "prohibited_uses": minimal, "permitted_uses": ["A"]}) == []
    for letter in minimal:
        fewer = [x for x in minimal if x != letter]
        problems = policy.choice_problems({**base, "prohibited_uses": fewer or ["A"], "permitted_uses": ["B"]})
        assert any("does not allow" in p for p in problems), (state, letter)
        assert all(letter not in p.split(":")[0] for p in problems)  # the message does not name the use
    assert "FGH" == "".join(sorted(policy.MUST_PROHIBIT["other"]))
    assert policy.MUST_PROHIBIT["IL"] >= set("DE") and "D" in policy.MUST_PROHIBIT["NV"] and "D" not in policy.MUST_PROHIBIT["UT"]


def test_state_law_notes_cite_their_sources_with_dates():
    for state, text in policy.STATE_LAW.items():
        if state == "other":
            continue
        assert re.search(r"https://\S+", text) and re.search(r"\b20(25|26)\b", text), state
    assert "104-0054" in policy.STATE_LAW["IL"] and "225 ILCS 155" in policy.STATE_LAW["IL"]
    assert "AB 406" in policy.STATE_LAW["NV"] or "Assembly Bill 406" in policy.STATE_LAW["NV"]
    assert "does not require a licensed professional" in policy.STATE_LAW["UT"]


def test_choice_problems_name_each_kind_of_problem():
    c = GOOD_CHOICES
    assert policy.choice_problems({**c, "colour": "blue"}) == [policy.CHOICE_UNKNOWN.format(key="colour")]
    assert policy.choice_problems({**c, "practice": ...}) == [policy.CHOICE_MISSING.format(what="your practice's name", key="practice")]
    assert policy.choice_problems({**c, "effective": "soon"}) == [policy.CHOICE_DATE]
    assert policy.choice_problems({**c, "tools": "scribe"}) == [policy.CHOICE_TOOLS]
    assert policy.choice_problems({**c, "state": "TX"}) == [policy.CHOICE_STATE]
    assert policy.choice_problems({**c, "permitted_uses": ["A", "Z"]}) == [policy.CHOICE_USES.format(key="permitted_uses")]
    assert policy.choice_problems({**c, "permitted_uses": ["A", "D"]}) == [policy.CHOICE_BOTH.format(letters="D")]
    assert policy.choice_problems({**c, "fairness_note": "We care."}) == [policy.CHOICE_NOTE.format(n=policy.FAIRNESS_NOTE_WORDS)]
    assert policy.choice_problems({**c, "cadence_months": "6"}) == [policy.CHOICE_CADENCE]
    own = {**c, "permitted_uses": ["A", "reminding clients of homework between sessions"]}
    assert policy.choice_problems(own) == [] and "Reminding clients of homework" in policy.build_policy(own)
    assert policy.resolve_uses(["a", "A", " b ", "", policy.CLINICAL_USES["C"]]) == [policy.CLINICAL_USES[k] for k in "ABC"]


def test_build_policy_rejects_bad_choices():
    with pytest.raises(ValueError, match="unknown policy choice"):
        policy.build_policy({"colour": "blue"})
    with pytest.raises(ValueError, match="date"):
        policy.build_policy({"effective": "soon"})
    with pytest.raises(ValueError, match="cadence"):
        policy.build_policy({"cadence_months": 0})


def test_check_policy_finds_each_kind_of_problem():
    good = policy.build_policy(GOOD_CHOICES)
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


def test_deadline_table_and_parse_date():
    t = review.deadline_table("2026-01-15", 6, [("2026-06-25", "client complaint"), ("2025-12-01", "new AI tool")])
    assert t["review_due_by"].tolist() == ["2026-07-15", "2025-12-31", "2026-07-09"]
    assert t["what"].tolist()[1:] == ["new AI tool", "client complaint"]  # events in date order
    assert review.parse_date("2026-7-9") == review.parse_date("2026/07/09") == dt.date(2026, 7, 9)
    for bad in ("9 July 2026", "2026-02-30", 20260709):
        with pytest.raises(ValueError):
            review.parse_date(bad)


def test_score_table_has_no_decision():
    t = rubric.score_table(load("vendor_profiles"))
    assert list(t.columns) == ["vendor", "score", *(col for col, _ in rubric.CRITERIA.values())]
    assert "decision" not in t.columns and "deal_breakers" not in t.columns
    assert list(t.index) == sorted(t.index)
    assert t["score"].to_dict() == rubric.scorecard(load("vendor_profiles"))["score"].to_dict()


def test_q1_deal_breakers_match_the_rubric():
    assert m05.q1.check(["A", "B", "C"]).correct and m05.q1.check("c, b, a").correct
    assert m05.q1.check(...).status is Status.NOT_ATTEMPTED
    assert m05.Q1_EXTRA in m05.q1.check(["A", "B", "C", "D"]).message
    assert m05.Q1_MISSING in m05.q1.check(["A", "B"]).message
    assert m05.q1.check(["A", "X"]).status is Status.ERROR
    # The options the check treats as deal-breakers are exactly the rubric's, on every vendor.
    for seed in (None, 1, 2, 8123):
        for row in m05.profiles(seed).to_dict("records"):
            chosen = {k for k, (_, test) in m05.DEAL_BREAKER_OPTIONS.items() if k in m05.deal_breaker_letters() and test(row)}
            assert bool(chosen) == bool(rubric.deal_breakers(row)), row["vendor_id"]


def test_q2_q3_decisions():
    card = rubric.scorecard(load("vendor_profiles"))
    right = {v: card.loc[v, "decision"] for v in m05.Q2_VENDORS}
    assert right == {"V03": "reject", "V06": "approve", "V10": "approve with conditions", "V11": "approve with conditions"}
    assert m05.q2.check(right).correct
    assert m05.q2.check({k: v.upper() for k, v in right.items()}).correct
    score_only = {**right, "V03": "approve with conditions"}  # ignores V03's deal-breaker
    r = m05.q2.check(score_only)
    assert r.status is Status.INCORRECT and "V03" in r.message and "reject" not in r.message.split(".")[0]
    strict = {**right, "V11": "reject"}  # treats "at least 60" as "more than 60"
    assert "V11" in m05.q2.check(strict).message
    assert m05.q2.check(dict.fromkeys(m05.Q2_VENDORS, ...)).status is Status.NOT_ATTEMPTED
    assert m05.q2.check({**right, "V03": "no"}).status is Status.ERROR
    passing = sorted(card.index[card["decision"] != "reject"])
    assert m05.q3.check(passing).correct and m05.q3.check([p.lower() for p in passing]).correct
    assert m05.Q3_MISSED in m05.q3.check(passing[:-1]).message
    assert m05.Q3_EXTRA in m05.q3.check([*passing, "V03"]).message
    assert m05.q3.check([*passing, "V99"]).status is Status.ERROR


def test_q4_policy_choices():
    assert m05.q4.check(GOOD_CHOICES).correct
    assert m05.q4.check(dict.fromkeys(m05.POLICY_KEYS, ...)).status is Status.NOT_ATTEMPTED
    assert m05.q4.check(...).status is Status.NOT_ATTEMPTED
    partial = {**dict.fromkeys(m05.POLICY_KEYS, ...), "practice": "Maple Street Therapy"}
    r = m05.q4.check(partial)
    assert r.status is Status.INCORRECT and "Fill in" in r.message
    assert m05.q4.check({**GOOD_CHOICES, "state": "Texas"}).status is Status.ERROR
    assert m05.q4.check({**GOOD_CHOICES, "prohibited_uses": ["F", "G", "H"]}).status is Status.INCORRECT  # Illinois
    assert m05.q4.check({**GOOD_CHOICES, "state": "UT", "prohibited_uses": ["F", "G", "H"]}).correct
    assert m05.q4.check(policy.build_policy(GOOD_CHOICES)).status is Status.ERROR  # a Markdown string is not the answer
    assert m05.q4.check(dict(policy.DEFAULT_CHOICES)).status is not Status.CORRECT


def test_show_policy_never_fails():
    assert "Fill in" in m05.show_policy(dict.fromkeys(m05.POLICY_KEYS, ...)).data
    assert "right form" in m05.show_policy({**GOOD_CHOICES, "tools": 3}).data
    assert m05.show_policy(GOOD_CHOICES).data == policy.build_policy(GOOD_CHOICES)
    assert "Fill in" in m05.show_policy(...).data
    assert "accurate as of" in m05.policy_options().data


def test_q6_review_date():
    assert m05.q6.check("2026-07-09").correct and m05.q6.check("2026-7-9").correct
    assert m05.q6.check("2026-07-15").message == m05.Q6_SCHEDULED.format(since="the last review")
    assert m05.q6.check("2025-12-31").message == m05.Q6_STALE.format(since="the last review")
    assert m05.q6.check("2026-07-19").message == m05.Q6_LATER
    assert m05.q6.check("2026-08-01").message == m05.Q6_OTHER.format(since="the last review")
    assert m05.q6.check(...).status is Status.NOT_ATTEMPTED
    for bad in ("soon", "9 July", 20260709):
        assert m05.q6.check(bad).status is Status.ERROR
    last, cadence, events = m05.REVIEW_CASE
    expected = review.next_review(dt.date.fromisoformat(last), cadence, [(dt.date.fromisoformat(d), k) for d, k in events])
    assert expected.isoformat() == "2026-07-09"
    assert "2026-07-09" in m05.review_case_table()["review_due_by"].tolist()


@pytest.mark.parametrize("name", ["vendor_profiles", "scribe_pilot", "capstone_practice"])
def test_committed_data_is_byte_identical_to_generator(name):
    from course.data import path

    ds = registry()[name]
    assert path(name).read_text(encoding="utf-8") == ds.build(), "run `course synth` and commit data/"
