"""Checks for exercise 05 (developing ethical guidelines): grade ids m05_q1 ... m05_q6.

Q1 which vendor weaknesses are deal-breakers, Q2 the decision for four vendors, Q3 which
vendors pass, Q4 the practice's policy choices (including the clinical uses of AI, informed
by state law), (Q5 is graded by the facilitator), Q6 the next review date. Every answer is a
literal; the course computes the scores (:func:`course.guidelines.rubric.score_table`), builds
the policy (:func:`course.guidelines.policy.build_policy`) and lists the review deadlines
(:func:`course.guidelines.review.deadline_table`); the learner makes the decisions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from ..guidelines import policy as _policy
from ..guidelines import review as _review
from ..guidelines import rubric as _rubric
from ._core import BadFormat, Question, Wrong, as_choices, as_letters, as_mapping, is_blank

__all__ = [
    "DEAL_BREAKER_OPTIONS",
    "POLICY_KEYS",
    "Q2_VENDORS",
    "REVIEW_CASE",
    "deal_breaker_letters",
    "profiles",
    "q1",
    "q2",
    "q3",
    "q4",
    "q6",
    "policy_options",
    "review_case_table",
    "show_policy",
]

NOT_YET = "Not yet: {}"


def profiles(seed: int | None = None) -> pd.DataFrame:
    """The vendor profiles: the course data set, or freshly generated from *seed*."""
    if seed is None:
        from ..data import load

        return load("vendor_profiles")
    from ..synth.vendors import generate

    return pd.DataFrame(generate(seed))


# ---- Q1: deal-breakers -----------------------------------------------------------------------

#: Q1: letter -> (a weakness a vendor can have, test on a profile). The practice's rubric
#: rejects a vendor for the first three whatever its score (:func:`course.guidelines.rubric.deal_breakers`).
DEAL_BREAKER_OPTIONS: dict[str, tuple[str, Any]] = {
    "A": ("The vendor will not sign a business associate agreement (BAA).", lambda p: p["baa"] == "no"),
    "B": ("The vendor uses client data to train its AI models (not only with the practice's opt-in).",
          lambda p: p["trains_on_client_data"] == "yes"),
    "C": ("The vendor does not state that client data is encrypted.", lambda p: p["encryption"] == "not stated"),
    "D": ("Client data is stored outside the United States, or the vendor does not say where.",
          lambda p: p["data_location"] != "United States"),
    "E": ("The vendor keeps client data for more than 30 days.", lambda p: not (p["retention_days"] <= 30)),
    "F": ("The vendor's bias testing is internal only, not independent and published.",
          lambda p: p["bias_testing"] != "independent, published"),
    "G": ("The vendor's security is self-assessed, not independently audited.", lambda p: p["security_audit"] != "independent"),
}
Q1_MISSING = "at least one weakness that no score can make up for is not in your list."
Q1_EXTRA = "at least one weakness in your list costs points but is not a deal-breaker in the practice's rubric."


def deal_breaker_letters() -> set[str]:
    """The letters of :data:`DEAL_BREAKER_OPTIONS` that the rubric treats as deal-breakers."""
    return {"A", "B", "C"}


def _check_q1(answer: Any) -> str:
    given = as_letters(answer, "".join(DEAL_BREAKER_OPTIONS))
    expected = deal_breaker_letters()
    problems = []
    if expected - given:
        problems.append(Q1_MISSING)
    if given - expected:
        problems.append(Q1_EXTRA)
    if problems:
        raise Wrong(NOT_YET.format(" Also, ".join(problems)))
    return ("Correct: without a BAA the practice may not give the vendor client information at all; training on client data "
            "and unstated encryption break promises to clients. The other weaknesses only cost points.")


q1 = Question(
    "m05_q1",
    "Q1",
    _check_q1,
    hints=[
        "A deal-breaker is something no score can make up for: using the tool with client information would break the law "
        "or a promise the practice makes to its clients.",
        "Look at the vendor rubric in module 05 and at HIPAA's rule on business associates: which weaknesses would make any use "
        "of the tool with client information unlawful, or break what clients were told? The others only lower the score.",
    ],
    solution='["A", "B", "C"]: no BAA, training on client data, no stated encryption.',
)

# ---- Q2: the decision for four vendors ---------------------------------------------------------

#: Q2: vendors whose decision teaches the rule (a deal-breaker with a passing score, the
#: thresholds at 80 and exactly 60).
Q2_VENDORS = ("V03", "V06", "V10", "V11")
Q2_FORMAT = 'Each decision should be one of "approve", "approve with conditions" or "reject", in quotes.'
Q2_WRONG = ("Not the right decision for {vendors}. For each, look for the deal-breakers you found in Q1 first, "
            "then compare the score with 80 and 60.")


def _decisions(seed: int | None = None) -> dict[str, str]:
    card = _rubric.scorecard(profiles(seed))
    return {str(v): str(d) for v, d in card["decision"].items()}


def _check_q2(answer: Any) -> str:
    a = as_mapping(answer, Q2_VENDORS)
    expected = _decisions()
    wrong = []
    for vendor in Q2_VENDORS:
        value = a[vendor]
        if value is ...:
            wrong.append(vendor)
            continue
        if not isinstance(value, str) or " ".join(value.lower().split()) not in _rubric.DECISIONS:
            raise BadFormat(Q2_FORMAT)
        if " ".join(value.lower().split()) != expected[vendor]:
            wrong.append(vendor)
    if wrong:
        raise Wrong(Q2_WRONG.format(vendors=", ".join(wrong)))
    return ("Correct: V03 scores well but trains on client data, so it is rejected; 85 approves; 75 and exactly 60 "
            "approve with conditions.")


q2 = Question(
    "m05_q2",
    "Q2",
    _check_q2,
    hints=[
        "The rule has an order: first any deal-breaker (then it is 'reject', whatever the score), and only then the score.",
        "In the table, check each vendor's row for the deal-breakers you found in Q1 before you look at its score. "
        "'At least 60' includes 60 itself.",
    ],
    solution='{"V03": "reject", "V06": "approve", "V10": "approve with conditions", "V11": "approve with conditions"}',
)

# ---- Q3: which vendors pass ------------------------------------------------------------------

Q3_MISSED = "at least one vendor that passes is not in your list."
Q3_EXTRA = "at least one vendor in your list should be rejected."


def _check_q3(answer: Any) -> str:
    expected = _decisions()
    ids = list(expected)
    given = set(as_choices(answer, ids))
    passing = {v for v, d in expected.items() if d != _rubric.REJECT}
    problems = []
    if passing - given:
        problems.append(Q3_MISSED)
    if given - passing:
        problems.append(Q3_EXTRA)
    if problems:
        raise Wrong(NOT_YET.format(" Also, ".join(problems)))
    return f"Correct: {len(passing)} of the {len(ids)} vendors pass; every other one has a deal-breaker or scores below 60."


q3 = Question(
    "m05_q3",
    "Q3",
    _check_q3,
    hints=[
        "Apply the same rule as in Q2 to every row of the table.",
        "A vendor passes if it has no deal-breaker and scores at least 60 (approve, or approve with conditions).",
    ],
    solution='["V02", "V06", "V07", "V10", "V11"]',
)

# ---- Q4: the practice's policy choices ---------------------------------------------------------

#: The keys of the Q4 answer (every one must be filled in).
POLICY_KEYS = ("practice", "owner", "effective", "state", "tools", "permitted_uses", "prohibited_uses", "fairness_note", "cadence_months")
Q4_PROBLEMS = "Your policy is not complete yet: {problems}"


def _check_q4(answer: Any) -> str:
    missing, wrong_form = _policy.choice_format_problems(answer, POLICY_KEYS)
    if wrong_form:
        raise BadFormat(" ".join(wrong_form[:3]))
    problems = _policy.choice_problems(answer, POLICY_KEYS)
    if problems:
        raise Wrong(Q4_PROBLEMS.format(problems=" ".join(problems[:3])))
    return "Correct: your policy has every required section, and its clinical uses agree with the law you chose. Your facilitator reads it (Q5)."


q4 = Question(
    "m05_q4",
    "Q4",
    _check_q4,
    hints=[
        "Fill in every value: text in quotes, a list in [ ], the number of months without quotes. The cell under the check shows the policy your choices build.",
        "For the clinical uses, read the notes on state law above the list: anything the law of your state (or the course's rule for every state) does not allow goes on the prohibited list.",
    ],
    solution=None,
    blank=lambda a: is_blank(a) or (isinstance(a, dict) and all(v is ... for v in a.values())),
)


def policy_options() -> Any:
    """The clinical uses to choose from (by letter) and the notes on state law, as Markdown."""
    from IPython.display import Markdown

    uses = "\n".join(f"* **{k}.** {v[0].upper() + v[1:]}" for k, v in _policy.CLINICAL_USES.items())
    law = "\n".join(f"* **{state}.** {text}" for state, text in _policy.STATE_LAW.items())
    return Markdown(
        f"**Clinical uses of AI** (for `permitted_uses` and `prohibited_uses`):\n\n{uses}\n\n"
        f"**State law** (for `state`; accurate as of {_policy.LAW_ACCURATE_AS_OF}; a summary, not legal advice):\n\n{law}\n\n"
        "**In every state**, the course's rule (from the professional codes and module 03) is that AI never makes a "
        "therapeutic decision on its own, never puts an unreviewed treatment plan into use, and is never the only "
        "responder to a crisis or risk message."
    )


def show_policy(choices: Any) -> Any:
    """The policy *choices* build, as Markdown to read in the notebook (or a short note while they are unfinished)."""
    from IPython.display import Markdown

    if not isinstance(choices, dict) or all(v is ... for v in choices.values()):
        return Markdown("*Fill in your choices above (Q4) to see your policy here.*")
    missing, wrong_form = _policy.choice_format_problems(choices, POLICY_KEYS)
    if wrong_form:
        return Markdown("*Your policy appears here once every choice above has the right form (run the check).*")
    given = {k: v for k, v in choices.items() if k in _policy.DEFAULT_CHOICES}
    return Markdown(_policy.build_policy(given))


# ---- Q6: next review date ----------------------------------------------------------------------

#: Q6: (last review, cadence in months, trigger events as (date text, kind)).
REVIEW_CASE: tuple[str, int, list[tuple[str, str]]] = (
    "2026-01-15",
    6,
    [("2025-12-01", "new AI tool"), ("2026-05-20", "new law or guidance"), ("2026-06-25", "client complaint")],
)
Q6_FORMAT = 'Please give the date in quotes, written year-month-day, like "2026-08-02".'
Q6_SCHEDULED = "That is the scheduled date. A trigger event after {since} brings the review forward."
Q6_STALE = "That deadline comes from an event on or before {since}: it was already dealt with then."
Q6_LATER = "That deadline counts, but another one that counts comes earlier: the review is due at the EARLIEST of them."
Q6_OTHER = "Not that date. Take the earliest 'review_due_by' among the scheduled review and the events after {since}."


def review_case_table() -> pd.DataFrame:
    """The Q6 deadlines (the course adds the days; the learner decides which count)."""
    last, cadence, events = REVIEW_CASE
    return _review.deadline_table(last, cadence, events)


def _review_due(last: str, cadence: int, events: list[tuple[str, str]]) -> dt.date:
    return _review.next_review(dt.date.fromisoformat(last), cadence, [(dt.date.fromisoformat(d), k) for d, k in events])


def date_answer(answer: Any) -> dt.date:
    """A date the learner typed in quotes (year-month-day); :class:`BadFormat` otherwise."""
    if not isinstance(answer, str):
        raise BadFormat(Q6_FORMAT)
    try:
        return _review.parse_date(answer)
    except ValueError:
        raise BadFormat(Q6_FORMAT) from None


def review_tip(got: dt.date, last: str, cadence: int, events: list[tuple[str, str]], since: str = "the last review") -> str:
    """Why *got* is not the due date, without saying the due date."""
    last_d = dt.date.fromisoformat(last)
    if got == _review.add_months(last_d, cadence):
        return Q6_SCHEDULED.format(since=since)
    deadlines = {dt.date.fromisoformat(d) + dt.timedelta(days=_review.TRIGGER_DAYS[k]): dt.date.fromisoformat(d) > last_d for d, k in events}
    if got in deadlines:
        return Q6_LATER if deadlines[got] else Q6_STALE.format(since=since)
    return Q6_OTHER.format(since=since)


def _check_q6(answer: Any) -> str:
    got = date_answer(answer)
    last, cadence, events = REVIEW_CASE
    expected = _review_due(last, cadence, events)
    if got != expected:
        raise Wrong(review_tip(got, last, cadence, events))
    return f"Correct: the review is due by {expected:%d %B %Y}, brought forward by the client complaint."


q6 = Question(
    "m05_q6",
    "Q6",
    _check_q6,
    hints=[
        "Only events AFTER the last review count: the last review already dealt with anything before it.",
        "Cross out the events on or before the last review in the table; of the dates left in 'review_due_by' (the scheduled one included), the earliest is the answer.",
    ],
    solution='"2026-07-09": the client complaint on 25 June plus 14 days. The December event came before the last review.',
)
