"""Checks for exercise 02 (informed consent): grade ids m02_q1 ... m02_q3.

Q1 and Q2 use the same checker as ``course consent-check`` and the consent-script
builder widget (:func:`course.consent.check_script`), so the self-check, the widget,
the command line and the grade cell cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..consent import ELEMENT_NAMES, ELEMENTS, SUGGESTIONS, check_script
from ..consent import records as _records
from ._core import NotAttempted, Question, Wrong

__all__ = [
    "q1",
    "q2",
    "q3",
    "SCENARIO",
    "VENDOR_TEXT",
    "EXAMPLE_RECORDS",
    "VISIBLE_CASES",
    "MIN_WORDS",
    "MAX_WORDS",
    "MAX_GRADE",
    "report",
]

# ---- Q1: draft a consent script -------------------------------------------------------------
SCENARIO = """\
You are a licensed clinical social worker in a small private practice (United States). You would like to
use "ScribeAssist", an ambient AI scribe that runs on a tablet in the room. With the client's agreement it
records the audio of the session and sends it to the vendor's cloud service, which transcribes it and
drafts a progress note. The vendor has signed a business associate agreement; audio is encrypted and
deleted after 72 hours, drafts after 30 days, and the vendor may not use session data to train its AI.
It can mishear words, leave things out or add things that were not said, and nobody watches it during
the session. You review and correct every draft before it enters the record. Write the script you would
say to a new adult client at the start of their first session."""
MIN_WORDS = 120
MAX_WORDS = 450
MAX_GRADE = 8.0

Q1_NOT_TEXT = "Your script should be text in quotes: a string, e.g. answer_q1 = \"\"\"Before we start, ...\"\"\"."
Q1_NOT_ENGLISH = "This does not look like English, and the checker only reads English. Write the script in English for this exercise."
Q1_TOO_SHORT = "Your script is {words} words: too short to cover nine elements clearly. Aim for {lo} to {hi} words."
Q1_TOO_LONG = "Your script is {words} words: longer than a client can take in when spoken. Aim for {lo} to {hi} words."
Q1_MISSING = "Your script does not yet cover {n} element(s): {names}. A suggestion for the first: {tip}"
Q1_GRADE = (
    "Your script reads at grade {grade:.1f}; aim for grade {max:.0f} or below. Use shorter sentences and everyday "
    "words (\"keeps\" instead of \"retains\", \"program\" instead of \"application\")."
)
Q1_OK = "Correct - all nine elements, reading grade {grade:.1f}, {words} words. Now read it aloud: does it sound like you?"


def _check_q1(script: object) -> str:
    if not isinstance(script, str):
        raise Wrong(Q1_NOT_TEXT)
    rep = check_script(script)
    if rep.language != "en":
        raise Wrong(Q1_NOT_ENGLISH)
    if rep.words < MIN_WORDS:
        raise Wrong(Q1_TOO_SHORT.format(words=rep.words, lo=MIN_WORDS, hi=MAX_WORDS))
    if rep.words > MAX_WORDS:
        raise Wrong(Q1_TOO_LONG.format(words=rep.words, lo=MIN_WORDS, hi=MAX_WORDS))
    if rep.missing:
        names = "; ".join(f"{ELEMENT_NAMES[m].lower()} ({m})" for m in rep.missing)
        raise Wrong(Q1_MISSING.format(n=len(rep.missing), names=names, tip=SUGGESTIONS[rep.missing[0]]))
    if rep.grade_level > MAX_GRADE:
        raise Wrong(Q1_GRADE.format(grade=rep.grade_level, max=MAX_GRADE))
    return Q1_OK.format(grade=rep.grade_level, words=rep.words)


q1 = Question(
    "m02_q1",
    "Q1",
    _check_q1,
    hints=[
        "Go through the nine elements in order and give each one or two short sentences: what it is, what it hears, what happens to the recording, how it is protected, what can go wrong, your role, saying no, changing their mind, questions.",
        "Run report(answer_q1) to see which sentence the checker matched for each element, and what it suggests for the missing ones.",
        "For a lower grade level: one idea per sentence, and short words. 'The company deletes the recording after three days' reads easier than 'Audio data are retained for a maximum of 72 hours'.",
    ],
    solution="See the example script in the solution notebook; yours should sound like you, not like a form.",
)


def report(script: str):
    """The checker's findings for *script*: elements with evidence, grade level, suggestions."""
    return check_script(script)


# ---- Q2: audit a flawed vendor text ----------------------------------------------------------
VENDOR_TEXT = """\
Welcome to ListenWell, the AI companion for busy therapists!
ListenWell records each therapy session and writes your clinician's progress note automatically, so your clinician can focus on you.
It captures the audio of the session, including everything you and your clinician say.
We take your privacy seriously and follow industry-leading practices.
Session data may be used to improve ListenWell's products and services.
Notes are finalised automatically at the end of each session.
By attending a session where ListenWell is in use, you agree to these terms.
ListenWell: smarter notes, happier clinicians."""
_VENDOR_MISSING = frozenset({"data_protection", "risks_limitations", "human_oversight", "voluntary", "withdrawal", "questions"})

Q2_FORMAT = "Please give a list of element ids in quotes, for example [\"data_use\", \"questions\"]. The ids are: {ids}."
Q2_UNKNOWN = "These are not element ids: {bad}. Use the ids exactly as written: {ids}."
Q2_MISSED = "Some missing elements are not on your list. Look again for: {names}."
Q2_PRESENT = "The vendor text does cover these, so they are not missing: {names}. Find the sentence that covers each."
Q2_HINT_PRIVACY = "Tip: 'We take your privacy seriously' says nothing about storage, encryption, retention or who can see the data."


def _element_list(answer: object) -> set[str]:
    ids = ", ".join(ELEMENTS)
    if isinstance(answer, str):
        answer = answer.replace(",", " ").split()
    if not isinstance(answer, Iterable) or isinstance(answer, dict):
        raise Wrong(Q2_FORMAT.format(ids=ids))
    items = list(answer)
    if not all(isinstance(a, str) for a in items):
        raise Wrong(Q2_FORMAT.format(ids=ids))
    cleaned = {a.strip().strip("'\"").lower() for a in items}
    bad = sorted(cleaned - set(ELEMENTS))
    if bad:
        raise Wrong(Q2_UNKNOWN.format(bad=", ".join(repr(b) for b in bad), ids=ids))
    return cleaned


def _check_q2(answer: object) -> None:
    given = _element_list(answer)
    problems = []
    missed = [e for e in ELEMENTS if e in _VENDOR_MISSING and e not in given]
    extra = [e for e in ELEMENTS if e in given and e not in _VENDOR_MISSING]
    if missed:
        problems.append(Q2_MISSED.format(names=", ".join(missed)))
        if "data_protection" in missed:
            problems.append(Q2_HINT_PRIVACY)
    if extra:
        problems.append(Q2_PRESENT.format(names=", ".join(extra)))
    if problems:
        raise Wrong(" ".join(problems))


q2 = Question(
    "m02_q2",
    "Q2",
    _check_q2,
    hints=[
        "Read the vendor text sentence by sentence and, for each of the nine elements, ask: which sentence tells the client this? If none does, it is missing.",
        "Vague reassurance is not disclosure, and 'by attending you agree' is the opposite of a free choice. Is anyone said to check the notes?",
    ],
    solution='["data_protection", "risks_limitations", "human_oversight", "voluntary", "withdrawal", "questions"]',
)

# ---- Q3: consent records ----------------------------------------------------------------------
def _rec(cid: str, date: str, decision: str, *, tool: str = "ai_scribe", given_by: str = "client", minor: bool = False, valid_until: str | None = None) -> dict[str, Any]:
    return {"client_id": cid, "tool": tool, "date": date, "decision": decision, "given_by": given_by, "minor": minor, "valid_until": valid_until}


#: The practice's consent log used in the notebook (sorted by date).
EXAMPLE_RECORDS: list[dict[str, Any]] = [
    _rec("C101", "2025-01-10", "consent"),
    _rec("C102", "2025-01-12", "consent"),
    _rec("C103", "2025-02-01", "decline"),
    _rec("C104", "2025-02-20", "consent", given_by="guardian", minor=True, valid_until="2026-02-19"),
    _rec("C102", "2025-03-02", "withdraw"),
    _rec("C105", "2025-03-05", "consent", minor=True),
    _rec("C103", "2025-04-15", "consent", valid_until="2025-10-14"),
]

#: ``(client_id, tool, on_date, expected, what it tests)``.
VISIBLE_CASES: list[tuple[str, str, str, bool, str]] = [
    ("C101", "ai_scribe", "2025-02-01", True, "a plain consent"),
    ("C101", "chatbot", "2025-02-01", False, "consent is given per tool"),
    ("C101", "ai_scribe", "2025-01-09", False, "the day before the consent was given"),
    ("C102", "ai_scribe", "2025-02-15", True, "a consent that is later withdrawn, before the withdrawal"),
    ("C102", "ai_scribe", "2025-03-02", False, "the day of a withdrawal"),
    ("C103", "ai_scribe", "2025-05-01", True, "the latest decision wins (a consent after a decline)"),
    ("C103", "ai_scribe", "2025-10-14", True, "the last day a consent is valid"),
    ("C103", "ai_scribe", "2025-10-15", False, "a consent that has expired"),
    ("C104", "ai_scribe", "2025-06-01", True, "a guardian's consent for a minor"),
    ("C105", "ai_scribe", "2025-06-01", False, "a minor's own consent without a guardian's"),
    ("C999", "ai_scribe", "2025-06-01", False, "a client with no record at all"),
]

Q3_NOT_FUNCTION = "Your answer should be the function itself: pass may_use_ai (without brackets)."
Q3_NOT_YOURS = "Please write the function yourself rather than importing the course's own answer."
Q3_NOT_BOOL = "Your function should give back True or False, but for {case} it gave {result!r}."
Q3_WRONG = "For {case} your function said {result} but the answer is {expected}: {why}."
Q3_OK = "Correct - your function agrees on all {n} cases."


def _case_text(cid: str, tool: str, day: Any) -> str:
    day = day.isoformat() if isinstance(day, dt.date) else day
    return f"client {cid}, tool {tool!r}, on {day}"


def _run_cases(fn: Callable[..., object], cases: Sequence[tuple[list[dict], str, str, Any]]) -> int:
    for recs, cid, tool, day in cases:
        expected, why = _records.explain(recs, cid, tool, day)
        result = fn([dict(r) for r in recs], cid, tool, day)
        if result is ...:
            raise NotAttempted
        if not isinstance(result, bool):
            raise Wrong(Q3_NOT_BOOL.format(case=_case_text(cid, tool, day), result=result))
        if result != expected:
            raise Wrong(Q3_WRONG.format(case=_case_text(cid, tool, day), result=result, expected=expected, why=why))
    return len(cases)


def _check_q3(
    fn: Callable[..., object],
    cases: Iterable[tuple[list[dict], str, str, Any]] | None = None,
    seed: int | None = None,
) -> str:
    """Check *fn* on the visible cases, or on *cases*, or on fresh records generated from *seed*."""
    if not callable(fn):
        raise Wrong(Q3_NOT_FUNCTION)
    if fn is _records.may_use_ai or getattr(fn, "__module__", "").startswith("course."):
        raise Wrong(Q3_NOT_YOURS)
    if cases is None and seed is None:
        todo = [(EXAMPLE_RECORDS, cid, tool, day) for cid, tool, day, _, _ in VISIBLE_CASES]
    else:
        todo = list(cases or [])
        if seed is not None:
            from ..synth.consent import generate_records, make_queries

            recs = generate_records(seed, n_clients=25)
            todo += [(recs, cid, tool, day) for cid, tool, day in make_queries(recs, seed, n=80)]
    n = _run_cases(fn, todo)
    return Q3_OK.format(n=n)


q3 = Question(
    "m02_q3",
    "Q3",
    _check_q3,
    hints=[
        "Start by keeping only the records for this client and this tool, dated on or before on_date. Dates written as 'YYYY-MM-DD' can be compared directly: '2025-01-09' < '2025-01-10' is True.",
        "Find the latest of those records: max(mine, key=lambda r: r['date']). If there are none, the answer is False.",
        "Then check, in order: is the latest decision 'consent'? If the client was a minor, did a guardian give it? Is on_date after valid_until (when there is one)?",
        "Two decisions on the same day: the 'no' wins. And do not assume the records are in date order.",
    ],
    solution=(
        "mine = [r for r in records if r['client_id'] == client_id and r['tool'] == tool and r['date'] <= on_date]\n"
        "if not mine: result = False\n"
        "else:\n"
        "    latest = max(mine, key=lambda r: (r['date'], r['decision'] != 'consent'))\n"
        "    result = (latest['decision'] == 'consent'\n"
        "              and (not latest['minor'] or latest['given_by'] == 'guardian')\n"
        "              and (latest['valid_until'] is None or on_date <= latest['valid_until']))"
    ),
)
