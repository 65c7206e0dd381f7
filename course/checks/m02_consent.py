"""Checks for exercise 02 (informed consent): grade ids m02_q1, m02_q2, m02_q3 and m02_q5.

Every answer is a literal: a consent script in quotes (Q1), a list of element ids (Q2),
True/False for each consent question of the practice's log (Q3) and for each statement
about an AI journaling app (Q5). Q1 uses the same checker as ``course consent-check`` and
the consent-script builder widget (:func:`course.consent.check_script`); Q3's answers
come from the reference rules :func:`course.consent.explain`. (Q4 and Q6 are written
answers graded by the facilitator, with the tone and accuracy of Q1.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..consent import ELEMENT_NAMES, ELEMENTS, SUGGESTIONS, check_script, explain
from ._core import BadFormat, Question, Wrong, as_bool, as_choices, as_mapping, as_text

__all__ = [
    "APP_CASE",
    "APP_STATEMENTS",
    "CASES",
    "LOG",
    "MAX_GRADE",
    "MAX_WORDS",
    "MIN_WORDS",
    "SCENARIO",
    "VENDOR_TEXT",
    "q1",
    "q2",
    "q3",
    "q5",
    "report",
    "show_cases",
    "show_log",
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
    rep = check_script(as_text(script))
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


REPORT_BLANK = "Your script is still empty (...): write it in the cell above, run it, then run this cell again."


def report(script: Any):
    """The checker's findings for *script* (elements with evidence, grade level, suggestions),
    displayed like the consent builder shows them; a plain-words box for a blank or wrong answer.
    """
    from ._core import Result, Status

    if script is ... or script is None:
        return Result("Your script", Status.NOT_ATTEMPTED, REPORT_BLANK)
    if not isinstance(script, str):
        return Result("Your script", Status.ERROR, "Your script should be text in three quotes: \"\"\" ... \"\"\".")
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

Q2_MISSED = "Not quite: at least one element the vendor text leaves out is not on your list yet. For each element, look for the sentence that tells the client about it."
Q2_PRESENT = "Not quite: your list includes at least one element the vendor text does cover. For each element on your list, check that no sentence covers it."
Q2_BOTH = "Not quite: your list misses at least one element the text leaves out, and includes at least one it does cover."
Q2_HINT_PRIVACY = "Tip: vague reassurance ('we take your privacy seriously') says nothing about storage, encryption, retention or who can see the data."


def _check_q2(answer: object) -> None:
    given = set(as_choices(answer, list(ELEMENTS), case_sensitive=False))
    missed, extra = _VENDOR_MISSING - given, given - _VENDOR_MISSING
    if missed and extra:
        raise Wrong(Q2_BOTH)
    if missed:
        raise Wrong(Q2_MISSED + (" " + Q2_HINT_PRIVACY if "data_protection" in missed else ""))
    if extra:
        raise Wrong(Q2_PRESENT)


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

# ---- Q3: read the consent log ----------------------------------------------------------------


def _rec(cid: str, date: str, decision: str, *, tool: str = "ai_scribe", given_by: str = "client", minor: bool = False,
         valid_until: str | None = None) -> dict[str, Any]:
    return {"client_id": cid, "tool": tool, "date": date, "decision": decision, "given_by": given_by, "minor": minor,
            "valid_until": valid_until}


#: The practice's consent log, in the order it was typed in (not by date).
LOG: list[dict[str, Any]] = [
    _rec("C103", "2025-04-15", "consent", valid_until="2025-10-14"),
    _rec("C101", "2025-01-10", "consent"),
    _rec("C106", "2025-05-05", "consent"),
    _rec("C104", "2025-02-20", "consent", given_by="guardian", minor=True, valid_until="2026-02-19"),
    _rec("C102", "2025-03-02", "withdraw"),
    _rec("C105", "2025-03-05", "consent", minor=True),
    _rec("C103", "2025-02-01", "decline"),
    _rec("C102", "2025-01-12", "consent"),
    _rec("C106", "2025-05-05", "withdraw"),
]

#: The questions of Q3: ``{letter: (client_id, tool, date)}``.
CASES: dict[str, tuple[str, str, str]] = {
    "a": ("C103", "ai_scribe", "2025-10-14"),
    "b": ("C101", "chatbot", "2025-02-01"),
    "c": ("C105", "ai_scribe", "2025-06-01"),
    "d": ("C102", "ai_scribe", "2025-02-15"),
    "e": ("C106", "ai_scribe", "2025-05-06"),
    "f": ("C104", "ai_scribe", "2025-06-01"),
    "g": ("C102", "ai_scribe", "2025-03-02"),
    "h": ("C101", "ai_scribe", "2025-02-01"),
}
_TOOLS = {"ai_scribe": "the AI scribe", "chatbot": "the between-session chatbot"}

Q3_ANSWER_ALL = "Please answer every case with True or False: {missing} still {verb} ... after the colon."
Q3_WRONG = ("Not quite: at least one of your answers does not follow the practice's rules. Go through the rules in "
            "order for each case, with only that client's records for that tool, dated on or before the day.")


def show_log():
    """The consent log as a table, in the order it was typed in."""
    import pandas as pd

    return pd.DataFrame([{**r, "valid_until": r["valid_until"] or "(no end date)"} for r in LOG])


def show_cases() -> str:
    """The eight questions of Q3, one per line."""
    return "\n".join(f"{k}) May {_TOOLS[tool]} be used with client {cid} on {day}?" for k, (cid, tool, day) in CASES.items())


def _check_q3(answer: Any) -> str:
    given = as_mapping(answer, list(CASES))
    missing = [k for k in CASES if given[k] is ...]
    if missing:
        raise BadFormat(Q3_ANSWER_ALL.format(missing=", ".join(f'"{m}"' for m in missing), verb="has" if len(missing) == 1 else "have"))
    if any(as_bool(given[key]) != explain(LOG, *case)[0] for key, case in CASES.items()):
        raise Wrong(Q3_WRONG)
    return "Correct - all eight follow the practice's rules:"


def _q3_reasons() -> list[str]:
    return [f"{key}) {explain(LOG, *case)[0]}: {explain(LOG, *case)[1]}." for key, case in CASES.items()]


class _Explained(Question):
    """A :class:`Question` whose "correct" result explains every part of the answer."""

    def __init__(self, *args: Any, explain_parts: Callable[[], list[str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._explain_parts = explain_parts

    def check(self, answer: Any, **kwargs: Any):
        result = super().check(answer, **kwargs)
        if result.correct:
            result.details = self._explain_parts()
        return result


q3 = _Explained(
    "m02_q3",
    "Q3",
    _check_q3,
    hints=[
        "For each case, first cross out every record of another client, another tool, or a later date. If nothing is left, the answer is False.",
        "Of what is left, find the latest date (the log is not in date order). Two records on the same day: the 'no' wins. "
        "Then check: is it a consent? For a minor, did a guardian give it? Is the day after valid_until?",
    ],
    solution='{"a": True, "b": False, "c": False, "d": True, "e": False, "f": True, "g": False, "h": True}',
    explain_parts=_q3_reasons,
)

# ---- Q5: an AI journaling app the client found themselves ------------------------------------
APP_CASE = """\
A client of your practice in Illinois tells you they downloaded "Lanternwell", an AI journaling app, on their own
(the app is fictional; it is the one of module 02's worked case). They write about their day each evening; the app's
AI asks reflective questions, spots themes and gives a weekly "mood insight", a guess at their emotional state from
what they wrote. The vendor is a consumer wellness company, not a health-care provider and not working for your
practice. Its privacy policy says it collects entries, mood ratings, voice notes if turned on, and device and usage
data; keeps entries until the client deletes the account, plus 90 days in backups; may use entries "with identifiers
removed" to improve its AI; and sends usage data to an analytics company. Nobody reads entries in real time: the app
shows 988 when certain words appear and says it is "not for emergencies". The client asks whether you could look at
the mood insights together in sessions, and whether you would recommend the app to other clients."""

#: The statements of Q5 and whether each is true (accurate as of 2026-12-01; not legal advice).
APP_STATEMENTS: dict[str, tuple[str, bool, str]] = {
    "A": ("Because the client chose and downloaded the app themselves, HIPAA most likely does not protect what they write in it.",
          True, "HIPAA applies to covered entities (such as a practice that bills electronically) and their business associates "
                "(45 CFR 160.103). A consumer app the client picked is usually neither, so its privacy policy and other law "
                "(the FTC, state law) apply instead."),
    "B": ("If the practice contracted with the vendor to give the app to clients and have entries flow into the practice's records, "
          "the vendor would likely be the practice's business associate, needing a business associate agreement.",
          True, "A vendor that handles PHI on the practice's behalf is a business associate (45 CFR 160.103) and needs a BAA (164.502(e), 164.504(e))."),
    "C": ("The FTC's Health Breach Notification Rule, as amended in 2024, can require a health app not covered by HIPAA to tell its users "
          "and the FTC when health data is disclosed without the users' permission, not only when it is hacked.",
          True, "The amended rule (16 CFR Part 318; 89 FR 47028, 30 May 2024; in effect since 29 July 2024) clarifies that it covers "
                "many health apps and that a breach includes an unauthorised disclosure, such as sharing with advertisers."),
    "D": ("Because the app shows 988 when certain words appear, someone at the vendor reads the entries and will send help if the client writes about suicide.",
          False, "The policy says the opposite: nobody reads entries in real time. Showing 988 is automatic, and the client has to make the call; the app is not a safety net."),
    "E": ("Keeping entries until the account is deleted (plus 90 days in backups) and using them to improve the AI are details the "
          "client should weigh before writing about other people or about trauma in the app.",
          True, "Retention and secondary use are part of what the client needs to know to choose freely; an entry kept for years can be breached or reused."),
    "F": ("In Illinois, the 2025 Wellness and Oversight for Psychological Resources Act lets you build the app's AI mood insights into "
          "your therapy, because the client already accepted the app's terms of use.",
          False, "The Act (Public Act 104-0054, HB 1806; 225 ILCS 155) says a licensed professional may not let AI detect emotions "
                 "or mental states or communicate therapeutically with clients (Sec. 20(b)), so building the mood insights into therapy may "
                 "break it; and accepting general terms of use is not consent under it (Sec. 10). Get advice before you rely on an exception."),
    "G": ("In Nevada, a law of 2025 (AB 406, in effect since 1 July 2025) limits licensed providers to using AI for administrative "
          "support, such as scheduling and billing, not in providing care directly to a client.",
          True, "AB 406 (2025) bars a provider of mental and behavioural health care from using AI in providing care directly to a "
                "patient, allows administrative support, and bars offering AI programmed to provide such care."),
    "H": ("Before you recommend the app to other clients, it is enough to check that it is popular and has good reviews.",
          False, "Check who the vendor is, what it collects, how long it keeps entries, whether it shares them or trains its AI on "
                 "them, what happens in a crisis, and what your state's law and your professional code say: then tell clients plainly."),
}
Q5_ANSWER_ALL = "Please answer every statement with True or False: {missing} still {verb} ... after the colon."
Q5_WRONG = ("Not quite: at least one of your answers is not right yet. Reread the case: who chose the app, who the vendor "
            "works for, what the app's own policy says, and what the 2024 FTC rule and the Illinois and Nevada laws cover.")


def _check_q5(answer: Any) -> str:
    given = as_mapping(answer, list(APP_STATEMENTS))
    missing = [k for k in APP_STATEMENTS if given[k] is ...]
    if missing:
        raise BadFormat(Q5_ANSWER_ALL.format(missing=", ".join(f'"{m}"' for m in missing), verb="has" if len(missing) == 1 else "have"))
    if any(as_bool(given[k]) != truth for k, (_, truth, _) in APP_STATEMENTS.items()):
        raise Wrong(Q5_WRONG)
    return "Correct - and why (accurate as of 1 December 2026; not legal advice):"


q5 = _Explained(
    "m02_q5",
    "Q5",
    _check_q5,
    hints=[
        "HIPAA follows who holds the data and for whom: the client's own choice of app is different from an app your practice contracts for.",
        "Read the vendor's own words in the case again (storage, training, crisis), and the two state laws in the sources: what do they say about AI that labels emotions or talks with clients?",
    ],
    solution='{"A": True, "B": True, "C": True, "D": False, "E": True, "F": False, "G": True, "H": False}, with the reasons shown by the self-check.',
    explain_parts=lambda: [f"{k} ({truth}): {why}" for k, (_, truth, why) in APP_STATEMENTS.items()],
)
