"""Checks for the capstone (07): grade ids m07_q1 ... m07_q8.

Q1 de-identified notes leak nothing, Q2 consent script covers every element, Q3 the
scribe's risk recall by language group (function, hidden seeds), Q4 the four-fifths
verdict, Q5 the vendor decision, Q6 the practice policy, Q7 the first review date,
Q8 the self-assessment is complete. Reference answers are computed here from the data,
never stored.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pandas as pd

from ..guidelines import policy as _policy
from ..guidelines import review as _review
from ..guidelines import rubric as _rubric
from ..guidelines import self_assessment as _sa
from ._core import NotAttempted, Question, Wrong

__all__ = [
    "SAMPLE_KINDS",
    "SAMPLE_SIZE",
    "sample_notes",
    "leaks",
    "risk_recall_reference",
    "pilot",
    "practice",
    "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8",
]

#: The scribe drafts these kinds of note; the capstone sample is the first dev-split notes of them.
SAMPLE_KINDS = ("soap", "dap", "birp", "telehealth")
SAMPLE_SIZE = 6


def sample_notes(notes: list[dict] | None = None) -> list[dict]:
    """The capstone's sample of notes (dev split, scribe-drafted kinds, first by id)."""
    if notes is None:
        from ..data import load

        notes = load("notes")
    chosen = sorted((n for n in notes if n["split"] == "dev" and n["kind"] in SAMPLE_KINDS), key=lambda n: n["id"])
    return chosen[:SAMPLE_SIZE]


def pilot(seed: int | None = None) -> pd.DataFrame:
    """The scribe pilot outputs: the course data set, or generated from *seed*."""
    if seed is None:
        from ..data import load

        return load("scribe_pilot")
    from ..synth.capstone import generate_pilot

    return pd.DataFrame(generate_pilot(seed))


def practice() -> dict:
    """The capstone practice (course data set ``capstone_practice``)."""
    from ..data import load

    return load("capstone_practice")


# ---- Q1: de-identification leaks nothing ----------------------------------------------------
Q1_FORMAT = "Your answer should be a list with one de-identified text per sample note ({n} texts), in the same order."
Q1_LEAK = "{n} identifier(s) still appear, for example {examples}. Fix them (a deny list, or replace them by hand) and check again."
Q1_GUTTED = "Note {id} lost most of its clinical content ({kept:.0%} of its ordinary words remain): remove identifiers, not the note."
_WORD = re.compile(r"[A-Za-z]{4,}")
_TOKEN = re.compile(r"\w(?:[\w'.&-]*\w)?\.?")
_NOT_CHECKED = {"PROVIDER"}


def leaks(doc: dict, text: str) -> list[tuple[str, str]]:
    """Gold identifiers of *doc* that are still visible in *text*: ``[(label, surface), ...]``.

    An identifier leaks if its whole text, or any of its distinctive words (three or more
    characters, occurring nowhere else in the original note), still appears as a whole
    word, ignoring case. Clinicians' own names (``PROVIDER``) are scored apart, as in module 01, and
    single characters (initials) are not checked.
    """
    covered = [False] * len(doc["text"])
    for span in doc["spans"]:
        for i in range(span["start"], span["end"]):
            covered[i] = True
    outside = {m.group().lower().rstrip(".") for m in _TOKEN.finditer(doc["text"]) if not any(covered[m.start():m.end()])}
    found = []
    for span in doc["spans"]:
        if span["label"] in _NOT_CHECKED:
            continue
        surface = doc["text"][span["start"]:span["end"]].strip()
        pieces = [surface] + [t for t in _TOKEN.findall(surface) if len(t) >= 3 and t != surface]
        for piece in pieces:
            if len(piece) < 2 or piece.lower().rstrip(".") in outside:
                continue  # a common word that also occurs elsewhere in the note (Grant, Hope)
            if re.search(r"(?<![\w.])" + re.escape(piece) + r"(?![\w])", text, flags=re.I):
                found.append((span["label"], surface))
                break
    return found


def _kept_share(doc: dict, text: str) -> float:
    covered = [False] * len(doc["text"])
    for span in doc["spans"]:
        for i in range(span["start"], span["end"]):
            covered[i] = True
    words = [m.group() for m in _WORD.finditer(doc["text"]) if not any(covered[m.start():m.end()])]
    if not words:
        return 1.0
    present = set(_WORD.findall(text))
    return sum(1 for w in words if w in present) / len(words)


def _check_q1(answer: Any, notes: list[dict] | None = None) -> str:
    docs = sample_notes(notes)
    if isinstance(answer, str) or not isinstance(answer, (list, tuple)) or len(answer) != len(docs):
        raise Wrong(Q1_FORMAT.format(n=len(docs)))
    if all(a is ... for a in answer):
        raise NotAttempted
    if not all(isinstance(a, str) for a in answer):
        raise Wrong(Q1_FORMAT.format(n=len(docs)))
    found = [(doc["id"], label, surface) for doc, text in zip(docs, answer, strict=True) for label, surface in leaks(doc, text)]
    if found:
        examples = ", ".join(f"{label} {surface!r} in {doc_id}" for doc_id, label, surface in found[:3])
        raise Wrong(Q1_LEAK.format(n=len(found), examples=examples))
    for doc, text in zip(docs, answer, strict=True):
        kept = _kept_share(doc, text)
        if kept < 0.8:
            raise Wrong(Q1_GUTTED.format(id=doc["id"], kept=kept))
    spans = sum(1 for d in docs for sp in d["spans"] if sp["label"] not in _NOT_CHECKED)
    return f"Correct - none of the {spans} identifiers in the {len(docs)} sample notes leaks, and the clinical content is kept."


q1 = Question(
    "m07_q1",
    "Q1",
    _check_q1,
    hints=[
        "Run the course's de-identifier on each note, then look at what evaluate(...) lists as leaks.",
        "For a leak the tool keeps missing, add the word to a deny list, or replace it in the text yourself, then check again.",
    ],
    solution="deidentified = [pipe.deidentify(n['text'])[0] for n in sample], then fix each remaining leak.",
)

# ---- Q2: consent script ----------------------------------------------------------------------
Q2_NOT_TEXT = "Your consent script should be text (in quotes)."
Q2_MISSING = "Your script does not yet cover: {missing}."
Q2_TOO_HARD = "Your script reads at about grade {grade:.0f}; aim for grade {limit} or lower (shorter sentences, everyday words)."
Q2_NO_SCRIBE = "Say what the tool is: mention that the session is recorded or listened to by the scribe."
Q2_GRADE_LIMIT = 10


def _check_q2(answer: Any) -> str:
    if not isinstance(answer, str):
        raise Wrong(Q2_NOT_TEXT)
    from ..consent import ELEMENT_NAMES, check_script

    report = check_script(answer)
    if report.missing:
        names = [ELEMENT_NAMES.get(m, m) for m in report.missing]
        raise Wrong(Q2_MISSING.format(missing="; ".join(names)))
    if report.grade_level > Q2_GRADE_LIMIT:
        raise Wrong(Q2_TOO_HARD.format(grade=report.grade_level, limit=Q2_GRADE_LIMIT))
    if not re.search(r"record|listen|scribe", answer, flags=re.I):
        raise Wrong(Q2_NO_SCRIBE)
    return f"Correct - every consent element is there, at about grade {report.grade_level:.0f}."


q2 = Question(
    "m07_q2",
    "Q2",
    _check_q2,
    hints=[
        "check_script(my_consent_script) lists which elements are missing and the sentence that covers each one found.",
        "Short sentences and everyday words bring the grade level down.",
    ],
    solution="Start from your module 02 script, adapt it to the scribe, and fix what check_script reports.",
)

# ---- Q3: risk recall by language group --------------------------------------------------------
Q3_NOT_FUNCTION = "Your answer should be the function itself: pass risk_recall (without brackets)."
Q3_SHAPE = "Your function should give back one rate per language group ({groups}); it gave back {got!r}."
Q3_WRONG = "The rate for {group!r} should be {expected:.3f} but your function gave {got}. {tip}"
Q3_TIP_ALL = "Count only sessions where risk language was present (risk_language_present == 1): the rate is the share of those that the scribe flagged."
Q3_TIP_OTHER = "Keep the sessions with risk language, group them by language_group, and take the mean of scribe_flagged_risk."


def risk_recall_reference(df: pd.DataFrame) -> pd.Series:
    """True-positive rate of the scribe's risk flag per ``language_group``."""
    present = df[df["risk_language_present"] == 1]
    return present.groupby("language_group")["scribe_flagged_risk"].mean()


def _check_q3(fn: Callable, seeds: Iterable[int | None] | None = None) -> str:
    if not callable(fn):
        raise Wrong(Q3_NOT_FUNCTION)
    seeds = list(seeds) if seeds is not None else [None]
    for seed in seeds:
        df = pilot(seed)
        got = fn(df.copy())
        if got is ...:
            raise NotAttempted
        expected = risk_recall_reference(df)
        if isinstance(got, pd.DataFrame) and got.shape[1] == 1:
            got = got.iloc[:, 0]
        if not isinstance(got, (pd.Series, Mapping)) or set(dict(got)) != set(expected.index):
            raise Wrong(Q3_SHAPE.format(groups=", ".join(expected.index), got=got))
        for group, value in expected.items():
            g = dict(got)[group]
            try:
                g = float(g)
            except (TypeError, ValueError):
                raise Wrong(Q3_SHAPE.format(groups=", ".join(expected.index), got=got)) from None
            if math.isnan(g) or abs(g - value) > 0.001:
                overall = df.groupby("language_group")["scribe_flagged_risk"].mean()[group]
                tip = Q3_TIP_ALL if abs(g - overall) < 0.001 else Q3_TIP_OTHER
                raise Wrong(Q3_WRONG.format(group=group, expected=value, got=g, tip=tip))
    return f"Correct - your rates match on {len(seeds)} pilot data set(s)."


q3 = Question(
    "m07_q3",
    "Q3",
    _check_q3,
    hints=[
        "The true-positive rate asks: of the sessions that really had risk language, what share did the scribe flag?",
        "pilot[pilot['risk_language_present'] == 1].groupby('language_group')['scribe_flagged_risk'].mean()",
    ],
    solution="rates = pilot[pilot['risk_language_present'] == 1].groupby('language_group')['scribe_flagged_risk'].mean()",
)

# ---- Q4: four-fifths verdict ---------------------------------------------------------------
Q4_CHOICES = "Please answer 'passes' or 'fails' (in quotes)."
Q4_WRONG = "Not quite: the lowest rate divided by the highest is {ratio:.2f}; compare it with 0.8."


def _check_q4(answer: Any) -> None:
    if not isinstance(answer, str) or answer.strip().lower() not in {"passes", "fails"}:
        raise Wrong(Q4_CHOICES)
    rates = risk_recall_reference(pilot())
    ratio = rates.min() / rates.max()
    expected = "passes" if ratio >= 0.8 else "fails"
    if answer.strip().lower() != expected:
        raise Wrong(Q4_WRONG.format(ratio=ratio))


q4 = Question(
    "m07_q4",
    "Q4",
    _check_q4,
    hints=["Divide the lower rate by the higher one. The four-fifths rule of thumb asks for at least 0.8."],
    solution="'fails': the ratio is well below 0.8.",
)

# ---- Q5: vendor decision -----------------------------------------------------------------
Q5_CHOICES = "Please answer with one of 'approve', 'approve with conditions' or 'reject'."
Q5_WRONG = "Not quite. Score the scribe's profile with the rubric (scorecard) and check the deal-breakers."


def _check_q5(answer: Any) -> None:
    if not isinstance(answer, str) or answer.strip().lower() not in _rubric.DECISIONS:
        raise Wrong(Q5_CHOICES)
    expected = _rubric.scorecard([practice()["scribe_profile"]])["decision"].iloc[0]
    if answer.strip().lower() != expected:
        raise Wrong(Q5_WRONG)


q5 = Question(
    "m07_q5",
    "Q5",
    _check_q5,
    hints=["scorecard([cedar['scribe_profile']]) gives the score, deal-breakers and decision."],
    solution="scorecard([cedar['scribe_profile']])['decision'].iloc[0]",
)

# ---- Q6: the practice's policy -------------------------------------------------------------
Q6_NOT_TEXT = "Your policy should be text (Markdown), for example the result of build_policy(...)."
Q6_PROBLEMS = "Your policy is not complete yet: {first}"
Q6_NO_TOOL = "Name the scribe ({product}) in the policy's inventory of AI tools."


def _check_q6(answer: Any) -> str:
    if not isinstance(answer, str):
        raise Wrong(Q6_NOT_TEXT)
    problems = _policy.check_policy(answer)
    if problems:
        raise Wrong(Q6_PROBLEMS.format(first=" ".join(problems[:3])))
    product = practice()["scribe_profile"]["product"]
    if product.lower() not in answer.lower():
        raise Wrong(Q6_NO_TOOL.format(product=product))
    return "Correct - the policy has every required section and names the scribe."


q6 = Question(
    "m07_q6",
    "Q6",
    _check_q6,
    hints=["build_policy({... 'tools': ['Tandemloom Listen (ambient scribe, approved with conditions)'] ...}), then edit it."],
    solution="cedar_policy = build_policy(cedar_choices), edited for the practice.",
)

# ---- Q7: first review date ---------------------------------------------------------------
Q7_NOT_DATE = "Please give a date, like date(2026, 8, 2)."
Q7_WRONG = "Not quite. Start from the policy's effective date and cadence, and remember that only events after the effective date bring the review forward."


def _check_q7(answer: Any) -> None:
    if isinstance(answer, str):
        try:
            answer = dt.date.fromisoformat(answer.strip())
        except ValueError:
            raise Wrong(Q7_NOT_DATE) from None
    if isinstance(answer, dt.datetime):
        answer = answer.date()
    if not isinstance(answer, dt.date):
        raise Wrong(Q7_NOT_DATE)
    p = practice()
    events = [(dt.date.fromisoformat(d), k) for d, k in p["events"]]
    expected = _review.next_review(dt.date.fromisoformat(p["policy_effective"]), p["review_cadence_months"], events)
    if answer != expected:
        raise Wrong(Q7_WRONG)


q7 = Question(
    "m07_q7",
    "Q7",
    _check_q7,
    hints=["next_review(effective, cadence, events) from module 05 does exactly this."],
    solution="next_review(date.fromisoformat(cedar['policy_effective']), cedar['review_cadence_months'], events)",
)

# ---- Q8: self-assessment complete ------------------------------------------------------------
Q8_FORMAT = "Give your ratings and your closing answer as a pair: (my_ratings, my_closing_answer)."
Q8_PROBLEM = "Your self-assessment is not complete yet: {reason}."


def _check_q8(answer: Any) -> str:
    if not isinstance(answer, tuple) or len(answer) != 2:
        raise Wrong(Q8_FORMAT)
    ratings, closing = answer
    if ratings is ... and closing is ...:
        raise NotAttempted
    try:
        _sa.action_plan(ratings if isinstance(ratings, Mapping) else {}, closing if isinstance(closing, str) else "")
    except ValueError as exc:
        raise Wrong(Q8_PROBLEM.format(reason=exc)) from None
    return "Correct - your self-assessment is complete. Your facilitator reads your action plan (Q10)."


q8 = Question(
    "m07_q8",
    "Q8",
    _check_q8,
    hints=["Rate all 18 statements (0, 1 or 2; the widget's box 4 gives you the code) and answer the closing question in a few sentences."],
    solution="(my_ratings, my_closing_answer), both filled in.",
    blank=lambda a: a is ... or (isinstance(a, tuple) and all(x is ... for x in a)),
)
