"""Checks for exercise 03 (balancing AI and human interaction): grade ids m03_q1 ... m03_q8.

Q1 rates per clinician and month, Q2 automation-bias flags, Q3 ``needs_human``
escalation rule, Q4-Q5 client feedback numbers, Q7-Q8 a human-in-the-loop workflow.
(Q6 and Q9 are written answers, graded by the facilitator.) Function answers are
also tried on fresh, differently seeded data in the hidden tests.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from ._core import NotAttempted, Question, Wrong

__all__ = [
    "HUMAN_STEPS",
    "WORKFLOW_ORDER",
    "WORKFLOW_STEPS",
    "q1",
    "q2",
    "q3",
    "q4",
    "q5",
    "q7",
    "q8",
    "show_steps",
    "try_needs_human",
]


def _load(name: str) -> Any:
    from .. import data

    return data.load(name)


def _frame(obj: Any) -> Any:
    import pandas as pd

    if isinstance(obj, list):
        return pd.DataFrame(obj)
    return obj


# ---- Q1: rates per clinician and month -----------------------------------------------------
Q1_NOT_FUNCTION = "Your answer should be the function itself: pass monthly_rates (without brackets)."
Q1_NOT_TABLE = "Your function should give back a table (a pandas DataFrame), but it gave back {kind}."
Q1_MISSING = "The table needs a column (or index level) called {col!r}. Columns found: {found}."
Q1_PERCENT = "Your rates look like percentages (some are above 1). Please give shares between 0 and 1, e.g. 0.62 rather than 62."
Q1_ROWS = "The table should have one row per clinician and month: expected {expected} rows, found {found}. Did you group by both clinician and month?"
Q1_VALUE = "The {col} of {clinician} in {month} should be {expected:.3f}, but your table says {got}. Divide each count by the number of suggestions that clinician had that month."
Q1_SUM = "For each clinician and month, the three rates should add up to 1 (every suggestion is accepted, edited or overridden)."

_RATE_NAMES = {
    "accept_rate": ("accept_rate", "accepted"),
    "edit_rate": ("edit_rate", "edited"),
    "override_rate": ("override_rate", "overridden"),
}


def _rates_table(result: Any) -> Any:
    import pandas as pd

    if isinstance(result, pd.Series):
        raise Wrong(Q1_NOT_TABLE.format(kind="a single column (a Series)"))
    if not isinstance(result, pd.DataFrame):
        raise Wrong(Q1_NOT_TABLE.format(kind=type(result).__name__))
    table = result.copy()
    if isinstance(table.columns, pd.MultiIndex):
        table.columns = [str(c[-1]) for c in table.columns]
    if "clinician" not in table.columns or "month" not in table.columns:
        table = table.reset_index()
    table.columns = [str(c) for c in table.columns]
    out = pd.DataFrame()
    for col in ("clinician", "month"):
        if col not in table.columns:
            raise Wrong(Q1_MISSING.format(col=col, found=", ".join(table.columns)))
        out[col] = table[col].astype(str)
    for name, options in _RATE_NAMES.items():
        found = next((o for o in options if o in table.columns), None)
        if found is None:
            raise Wrong(Q1_MISSING.format(col=name, found=", ".join(table.columns)))
        out[name] = pd.to_numeric(table[found], errors="coerce")
    return out


def _check_q1(fn: Callable[[Any], Any], logs: Iterable[Any] | None = None) -> str:
    from ..oversight.usage import monthly_rates

    if not callable(fn):
        raise Wrong(Q1_NOT_FUNCTION)
    logs = [_frame(x) for x in logs] if logs is not None else [_load("usage_log")]
    for log in logs:
        result = fn(log.copy())
        if result is ...:
            raise NotAttempted
        got = _rates_table(result)
        ref = monthly_rates(log)
        if (got[list(_RATE_NAMES)] > 1.0 + 1e-9).any().any():
            raise Wrong(Q1_PERCENT)
        if len(got) != len(ref):
            raise Wrong(Q1_ROWS.format(expected=len(ref), found=len(got)))
        merged = ref.merge(got, on=["clinician", "month"], how="left", suffixes=("", "_got"))
        for _, row in merged.iterrows():
            for col in _RATE_NAMES:
                value = row[f"{col}_got"]
                if value is None or (isinstance(value, float) and math.isnan(value)) or abs(value - row[col]) > 1e-6:
                    raise Wrong(Q1_VALUE.format(col=col.replace("_", " "), clinician=row["clinician"], month=row["month"], expected=row[col], got="nothing" if value is None or value != value else f"{value:.3f}"))
        if ((got[list(_RATE_NAMES)].sum(axis=1) - 1).abs() > 1e-6).any():
            raise Wrong(Q1_SUM)
    return f"Correct - your rates match for {len(logs)} usage log(s)."


q1 = Question(
    "m03_q1",
    "Q1",
    _check_q1,
    hints=[
        "You need, for each clinician and month, the share of suggestions with each action. pandas has a ready-made tool: pd.crosstab(rows, columns, normalize=\"index\") turns counts into shares of each row.",
        "result = pd.crosstab([log[\"clinician\"], log[\"month\"]], log[\"action\"], normalize=\"index\").reset_index() gives columns clinician, month, accepted, edited, overridden; those names are fine.",
    ],
    solution='result = pd.crosstab([log["clinician"], log["month"]], log["action"], normalize="index").reset_index()',
)

# ---- Q2: automation-bias flags -------------------------------------------------------------
Q2_NOT_FUNCTION = "Your answer should be the function itself: pass flag_automation_bias (without brackets)."
Q2_NOT_LIST = "Your function should give back a list of clinician codes, like [\"C01\", \"C07\"], but it gave back {kind}."
Q2_MISSED = "Your list misses {missed}: in their latest month they accepted at least 90% of drafts and spent a median of 30 seconds or less reviewing them."
Q2_EXTRA = "Your list includes {extra}, who should not be flagged: {why}"
Q2_WHY_SLOW = "{c} accepts a lot but still reviews for a median of {sec:.0f} s (more than 30), so high acceptance alone is not the pattern."
Q2_WHY_ACCEPT = "{c} reviews quickly but accepts only {rate:.0%} of drafts (less than 90%), so speed alone is not the pattern."
Q2_WHY_OTHER = "{c} does not meet both thresholds in their latest month."
Q2_HIDDEN_FAIL = " (This was on a differently generated log: make sure your function uses the log it is given and each clinician's own latest month.)"


def _check_q2(fn: Callable[[Any], Any], logs: Iterable[Any] | None = None) -> str:
    from ..oversight.usage import automation_bias_flags

    if not callable(fn):
        raise Wrong(Q2_NOT_FUNCTION)
    hidden = logs is not None
    logs = [_frame(x) for x in logs] if logs is not None else [_load("usage_log")]
    for log in logs:
        result = fn(log.copy())
        if result is ...:
            raise NotAttempted
        if isinstance(result, str) or not isinstance(result, Iterable):
            raise Wrong(Q2_NOT_LIST.format(kind=type(result).__name__))
        got = {str(c).strip().upper() for c in result}
        flags = automation_bias_flags(log).set_index("clinician")
        expected = set(flags.index[flags["flagged"]])
        suffix = Q2_HIDDEN_FAIL if hidden else ""
        missed, extra = sorted(expected - got), sorted(got - expected)
        if missed:
            raise Wrong(Q2_MISSED.format(missed=", ".join(missed)) + suffix)
        if extra:
            reasons = []
            for c in extra:
                if c not in flags.index:
                    reasons.append(f"{c} is not in the log.")
                elif flags.loc[c, "high_acceptance"] and not flags.loc[c, "fast_review"]:
                    reasons.append(Q2_WHY_SLOW.format(c=c, sec=flags.loc[c, "review_last"]))
                elif flags.loc[c, "fast_review"] and not flags.loc[c, "high_acceptance"]:
                    reasons.append(Q2_WHY_ACCEPT.format(c=c, rate=flags.loc[c, "accept_last"]))
                else:
                    reasons.append(Q2_WHY_OTHER.format(c=c))
            raise Wrong(Q2_EXTRA.format(extra=", ".join(extra), why=" ".join(reasons)) + suffix)
    return f"Correct - your flags match on {len(logs)} usage log(s)."


q2 = Question(
    "m03_q2",
    "Q2",
    _check_q2,
    hints=[
        "Start from a table of rates per clinician and month that also has the median review time (groupby([\"clinician\", \"month\"]) then agg). Keep each clinician's latest month only: sort by month and use groupby(\"clinician\").tail(1).",
        "Then keep the rows where accept rate >= 0.90 and median review seconds <= 30, and return that clinician column as a list: sorted(last.loc[keep, \"clinician\"]).",
    ],
    solution=(
        "per = log.groupby([\"clinician\", \"month\"]).agg(accept=(\"action\", lambda a: (a == \"accepted\").mean()), review=(\"review_seconds\", \"median\")).reset_index()\n"
        "last = per.sort_values(\"month\").groupby(\"clinician\").tail(1)\n"
        "result = sorted(last.loc[(last[\"accept\"] >= 0.90) & (last[\"review\"] <= 30), \"clinician\"])"
    ),
)

# ---- Q3: needs_human -----------------------------------------------------------------------
Q3_NOT_FUNCTION = "Your answer should be the function itself: pass needs_human (without brackets)."
Q3_MISSED = "Your rule missed {n} message(s) that need a human (recall {recall:.0%}; it must be {need:.0%}). For example: {examples}"
Q3_TOO_MANY = "Your rule flags {rate:.0%} of routine messages ({n} of {total}); at most {limit:.0%} is allowed, or clinicians drown in alerts. For example: {examples}"
Q3_OK = "Correct - your rule caught {caught} of {n_crisis} messages that need a human and flagged {fa} of {n_routine} routine ones ({rate:.0%})."


def _examples(records: Sequence[Mapping[str, Any]], k: int = 3) -> str:
    return " | ".join(repr(r["text"]) for r in records[:k])


def _check_q3(fn: Callable[[str], Any], messages: Iterable[Mapping[str, Any]] | None = None, min_recall: float = 1.0, max_false_alarms: float = 0.15) -> str:
    from ..oversight.escalation import evaluate

    if not callable(fn):
        raise Wrong(Q3_NOT_FUNCTION)
    if messages is None:
        messages = [m for m in _load("checkin_messages") if m["split"] == "dev"]
    messages = list(messages)
    if fn(messages[0]["text"]) is ...:
        raise NotAttempted

    def rule(text: str) -> bool:
        return bool(fn(text))

    report = evaluate(rule, messages)
    if report.recall < min_recall - 1e-12:
        raise Wrong(Q3_MISSED.format(n=len(report.missed), recall=report.recall, need=min_recall, examples=_examples(report.missed)))
    if report.false_alarm_rate > max_false_alarms + 1e-12:
        raise Wrong(Q3_TOO_MANY.format(rate=report.false_alarm_rate, n=len(report.false_alarms), total=report.n_routine, limit=max_false_alarms, examples=_examples(report.false_alarms)))
    return Q3_OK.format(caught=report.n_crisis - len(report.missed), n_crisis=report.n_crisis, fa=len(report.false_alarms), n_routine=report.n_routine, rate=report.false_alarm_rate)


q3 = Question(
    "m03_q3",
    "Q3",
    _check_q3,
    hints=[
        "Read the train messages that need a human (the cell above prints them by category) and list the phrases that give them away, including indirect ones such as \"better off without me\" and \"giving my things away\".",
        "Lower-case the message and remove apostrophes first (text.replace(\"'\", \"\")), so \"I've\" and \"ive\" look the same; then any(phrase in text for phrase in phrases).",
        "Too many false alarms? Look at which routine messages you flag (the idioms: \"killing me\", \"murder a pizza\"...). Prefer longer phrases (\"kill myself\", not \"kill\") to exceptions; a missed crisis is far worse than a false alarm.",
    ],
    solution="See the worked solution in solutions/03_human_ai_balance and the reference rule course.oversight.needs_human.",
)

TRY_NOT_ATTEMPTED = "Your needs_human function does not give an answer yet (it returns ...): fill in the rule above first."


def try_needs_human(fn: Callable[[str], Any], messages: Iterable[Mapping[str, Any]] | None = None, show: int = 8) -> str:
    """Try an escalation rule on labelled messages (default: the dev split) and list its mistakes.

    Returns a plain-text report (missed messages first): handy while writing Q3.
    """
    from ..oversight.escalation import evaluate

    if messages is None:
        messages = [m for m in _load("checkin_messages") if m["split"] == "dev"]
    messages = list(messages)
    if not callable(fn) or fn(messages[0]["text"]) is ...:
        return TRY_NOT_ATTEMPTED
    report = evaluate(lambda text: bool(fn(text)), messages)
    lines = [report.summary()]
    if report.missed:
        lines.append("Missed (need a human):")
        lines += [f"  [{m.get('category', '?')}] {m['text']}" for m in report.missed[:show]]
    if report.false_alarms:
        lines.append("False alarms (routine):")
        lines += [f"  {m['text']}" for m in report.false_alarms[:show]]
    return "\n".join(lines)


# ---- Q4, Q5: client feedback ---------------------------------------------------------------
Q4_NOT_MAPPING = "Please give the percentages as a pandas Series or a dictionary, like {\"helpful\": 68.3, ...}."
Q4_MISSING = "These statements are missing from your answer: {}."
Q4_FRACTION = "These look like shares between 0 and 1; please give percentages (multiply by 100)."
Q4_VALUE = "For {item!r} we expected {expected:.1f}% agreeing (answers 4 or 5), but you have {got}. Count answers of 4 or 5 and divide by all respondents."
Q5_VALUE = "Among clients whose therapist {which} the app entries in session, we expected {expected:.1f}% to agree that their therapist guided their care, but you have {got}."


def _as_mapping(answer: Any) -> dict[str, float]:
    try:
        import pandas as pd

        if isinstance(answer, pd.Series):
            answer = answer.to_dict()
    except ImportError:  # pragma: no cover
        pass
    if not isinstance(answer, Mapping):
        raise Wrong(Q4_NOT_MAPPING)
    out = {}
    for key, value in answer.items():
        try:
            out[str(key).strip()] = float(value)
        except (TypeError, ValueError):
            raise Wrong(Q4_NOT_MAPPING) from None
    return out


def _compare_percent(got: dict[str, float], expected: Mapping[str, float], message: str, label: Callable[[str], dict[str, str]]) -> None:
    missing = [k for k in expected if k not in got]
    if missing:
        raise Wrong(Q4_MISSING.format(", ".join(missing)))
    values = [got[k] for k in expected]
    if all(v <= 1.0 for v in values) and any(v > 0 for v in values) and any(e > 1.0 for e in expected.values()):
        raise Wrong(Q4_FRACTION)
    for key, exp in expected.items():
        if abs(got[key] - exp) > 0.15:
            raise Wrong(message.format(expected=exp, got=f"{got[key]:.1f}%", **label(key)))


def _check_q4(answer: Any, survey: Any = None) -> None:
    from ..oversight.feedback import agreement

    survey = _frame(survey) if survey is not None else _load("client_feedback")
    expected = agreement(survey).to_dict()
    _compare_percent(_as_mapping(answer), expected, Q4_VALUE, lambda k: {"item": k})


q4 = Question(
    "m03_q4",
    "Q4",
    _check_q4,
    hints=[
        "survey[items] >= 4 gives True for every answer of 4 or 5; .mean() of True/False values is the share that are True.",
        "answer_q4 = ((survey[items] >= 4).mean() * 100).round(1)",
    ],
    solution="answer_q4 = ((survey[items] >= 4).mean() * 100).round(1)",
)


def _check_q5(answer: Any, survey: Any = None) -> None:
    from ..oversight.feedback import agreement_by

    survey = _frame(survey) if survey is not None else _load("client_feedback")
    expected = agreement_by(survey, "therapist_guided", "discussed_in_session").to_dict()
    got = {k.lower(): v for k, v in _as_mapping(answer).items()}
    _compare_percent(got, expected, Q5_VALUE, lambda k: {"which": "went through" if k == "yes" else "did not go through"})


q5 = Question(
    "m03_q5",
    "Q5",
    _check_q5,
    hints=[
        "Group the True/False 'agrees' column by discussed_in_session: (survey[\"therapist_guided\"] >= 4).groupby(survey[\"discussed_in_session\"]).mean()",
        "Multiply by 100 and round to one decimal; the answer has two entries, \"yes\" and \"no\".",
    ],
    solution='answer_q5 = ((survey["therapist_guided"] >= 4).groupby(survey["discussed_in_session"]).mean() * 100).round(1)',
)

# ---- Q7, Q8: a human-in-the-loop workflow for an AI note-taking tool --------------------------
#: The steps, in shuffled order (letters are what learners answer with).
WORKFLOW_STEPS = {
    "A": "The AI tool drafts a progress note from the session recording.",
    "B": "The clinician explains the note-taking tool to the client and asks for consent (and respects a refusal).",
    "C": "The clinician reads the whole draft against their own memory of the session, corrects it and removes anything not needed.",
    "D": "The session is recorded with the practice's approved tool.",
    "E": "The clinician signs the final note and takes responsibility for it.",
    "F": "The recording is deleted automatically under the retention policy, once the note is signed.",
    "G": "Each month, the practice's AI lead reviews the usage log for signs of automation bias.",
}
#: The order in which the steps happen.
WORKFLOW_ORDER = ["B", "D", "A", "C", "E", "F", "G"]
#: Steps a person must carry out (the tool cannot do them on its own).
HUMAN_STEPS = {"B", "C", "E", "G"}

Q7_FORMAT = "Please give all seven letters A-G, each once, in a list: [\"B\", ...]."
Q7_FIRST = "Think about what must happen before anything is recorded: the client has to agree first."
Q7_REVIEW = "The clinician must read and correct the draft before signing it; a signature on an unread draft is exactly automation bias."
Q7_DELETE = "Delete the recording only once the note is final: it is the only way to check the draft."
Q7_OTHER = "Not quite. Walk through one session from the client's arrival: consent, recording, draft, review, signature, deletion, then the monthly audit."
Q8_FORMAT = "Please give a list of letters from A to G."
Q8_MISSED = "These steps need a person: {}."
Q8_EXTRA = "These steps are done by the tool or the system, not a person: {}."


def _letters(answer: Any, fmt: str) -> list[str]:
    if isinstance(answer, str):
        answer = answer.replace(",", " ").split()
    if not isinstance(answer, Iterable):
        raise Wrong(fmt)
    out = []
    for item in answer:
        if not isinstance(item, str) or item.strip().upper() not in WORKFLOW_STEPS:
            raise Wrong(fmt)
        out.append(item.strip().upper())
    return out


def _check_q7(answer: Any) -> None:
    order = _letters(answer, Q7_FORMAT)
    if sorted(order) != sorted(WORKFLOW_STEPS) or len(order) != len(WORKFLOW_STEPS):
        raise Wrong(Q7_FORMAT)
    if order == WORKFLOW_ORDER:
        return
    if order[0] != "B":
        raise Wrong(Q7_FIRST)
    if order.index("C") > order.index("E") or order.index("C") < order.index("A"):
        raise Wrong(Q7_REVIEW)
    if order.index("F") < order.index("E"):
        raise Wrong(Q7_DELETE)
    raise Wrong(Q7_OTHER)


q7 = Question(
    "m03_q7",
    "Q7",
    _check_q7,
    hints=["Consent comes before recording; the draft comes before the review; the signature comes after the review.", "The monthly audit looks back over many sessions, so it comes last."],
    solution='["B", "D", "A", "C", "E", "F", "G"]',
)


def _check_q8(answer: Any) -> None:
    got = set(_letters(answer, Q8_FORMAT))
    missed, extra = sorted(HUMAN_STEPS - got), sorted(got - HUMAN_STEPS)
    problems = []
    if missed:
        problems.append(Q8_MISSED.format(", ".join(f"{m} ({WORKFLOW_STEPS[m][:50]}...)" for m in missed)))
    if extra:
        problems.append(Q8_EXTRA.format(", ".join(extra)))
    if problems:
        raise Wrong(" ".join(problems))


q8 = Question(
    "m03_q8",
    "Q8",
    _check_q8,
    hints=["Ask of each step: could the software do this on its own, without anyone deciding anything?", "Consent, review, signature and the audit all need a person's judgement."],
    solution='["B", "C", "E", "G"]',
)


def show_steps() -> str:
    """The workflow steps as text, one per line (for the exercise notebook)."""
    return "\n".join(f"{k}. {v}" for k, v in WORKFLOW_STEPS.items())
