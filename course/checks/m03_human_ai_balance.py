"""Checks for exercise 03 (balancing AI and human interaction): grade ids m03_q1 ... m03_q8.

The course computes, the learner judges: the usage dashboard (rates and review times per
clinician and month, :mod:`course.oversight.usage`), the check-in messages the course's
escalation rule let through (:func:`course.oversight.needs_human`), and the client survey
(:mod:`course.oversight.feedback`) are worked out by the package; every answer is a letter,
a list of letters or codes, or a small dict of those. (Q6 and Q9 are written answers,
graded by the facilitator.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._core import BadFormat, Question, Wrong, as_choices, as_letter, as_letters, as_mapping

__all__ = [
    "HUMAN_STEPS",
    "MESSAGES",
    "Q1_OPTIONS",
    "Q4_STEPS",
    "Q5_OPTIONS",
    "SURVEY_ITEMS",
    "WORKFLOW_ORDER",
    "WORKFLOW_STEPS",
    "acceptance_table",
    "clinicians",
    "guided_by_discussion",
    "note_mix",
    "q1",
    "q2",
    "q3",
    "q4",
    "q5",
    "q7",
    "q8",
    "review_table",
    "show_messages",
    "show_steps",
    "survey_summary",
]


def _load(name: str) -> Any:
    from .. import data

    return data.load(name)


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


# ---- Part A: the usage dashboard ------------------------------------------------------------


def _rates():
    from ..oversight.usage import monthly_rates

    return monthly_rates(_load("usage_log"))


def acceptance_table():
    """Percentage of drafts each clinician accepted unchanged, per month (rows: clinicians)."""
    return (_rates().pivot(index="clinician", columns="month", values="accept_rate") * 100).round(0)


def review_table():
    """Median seconds each clinician spent on a draft before deciding, per month."""
    return _rates().pivot(index="clinician", columns="month", values="median_review_seconds").round(0)


def note_mix():
    """How many drafts of each kind each clinician handled over the six months."""
    log = _load("usage_log")
    return log.groupby(["clinician", "note_type"]).size().unstack(fill_value=0)


def clinicians() -> list[str]:
    """The clinicians' codes in the usage log."""
    return sorted(_load("usage_log")["clinician"].unique())


Q1_OPTIONS = {
    "a": "Both are rubber-stamping: anyone who accepts more than 90% of drafts over-trusts the tool.",
    "b": ("C04's pattern is the worrying one: acceptance climbed month by month while review time fell to a few "
          "seconds. C02 has accepted about 90% from the start, mostly routine letters, and still spends over a minute on each draft."),
    "c": "Neither: acceptance rates say nothing about whether drafts are checked.",
    "d": "C02 is the worrying one: accepting 90% from the very first month means C02 never checked the tool.",
}
Q1_FEEDBACK = {
    "a": "High acceptance alone is common and can be fine (routine letters, a tool that works well for someone). Look at review time and the trend too.",
    "c": "Acceptance is one of the two signals the practice uses; it does not prove anything alone, but together with review time it says a lot.",
    "d": "Look at C02's review times and the kinds of notes C02 handles: a steady rate on routine letters, read for over a minute each, is not the same as a drift.",
}


def _check_q1(answer: object) -> None:
    choice = as_letter(answer, "abcd")
    if choice != "b":
        raise Wrong(Q1_FEEDBACK[choice])


q1 = Question(
    "m03_q1",
    "Q1",
    _check_q1,
    hints=[
        "Automation bias is a drift: trusting the tool more and checking it less over time. Look for change, not only for a high number.",
        "Compare the two clinicians across all three tables: acceptance month by month, review time month by month, and what kind of drafts they handle.",
    ],
    solution='"b": C04 drifts (acceptance up, review time down to seconds); C02 is steady, mostly routine letters, and still reads each draft.',
)

Q2_MISSED = "Not quite: at least one clinician meets both conditions in their latest month and is not on your list yet."
Q2_EXTRA = ("Not quite: at least one clinician on your list meets only one of the two conditions (or neither) in their "
            "latest month. Either signal alone is common and harmless; the policy asks for both together.")
Q2_BOTH = "Not quite: your list misses at least one clinician who meets both conditions, and includes at least one who does not."


def _flagged() -> set[str]:
    from ..oversight.usage import flagged_clinicians

    return set(flagged_clinicians(_load("usage_log")))


def _check_q2(answer: object) -> None:
    chosen = set(as_choices(answer, clinicians()))
    truth = _flagged()
    missed, extra = truth - chosen, chosen - truth
    if missed and extra:
        raise Wrong(Q2_BOTH)
    if missed:
        raise Wrong(Q2_MISSED)
    if extra:
        raise Wrong(Q2_EXTRA)


q2 = Question(
    "m03_q2",
    "Q2",
    _check_q2,
    hints=[
        "Only each clinician's latest month counts (for almost everyone that is 2025-06). Two conditions, both needed.",
        "In the latest column of the first table, who is at 90 or more? Of those, who is at 30 seconds or less in the latest column of the second table?",
    ],
    solution='["C04", "C05"]: at least 90% accepted and a median of 30 seconds or less, both in June.',
)

# ---- Part B: which check-in messages need a human? ---------------------------------------------
#: Check-ins the course's escalation rule did **not** flag: ``{letter: (text, needs a human, why)}``.
#: (Synthetic; the phrasings are from the held-out bank of :func:`course.synth.oversight.generate_checkins`.)
MESSAGES: dict[str, tuple[str, bool, str]] = {
    "A": ("I've made arrangements for someone to take my cat.", True,
          "arranging for others to look after pets or belongings is a recognised warning sign of suicide"),
    "B": ("I'm giving away my old textbooks now I've graduated.", False,
          "giving things away for an ordinary, stated reason (graduating)"),
    "C": ("That film was so sad I wanted to disappear under the blanket.", False,
          "a figure of speech about a film"),
    "D": ("I keep driving too fast hoping something happens.", True,
          "hoping to be hurt in an accident is a passive wish to die, said indirectly"),
    "E": ("The room is spinning and there's a crushing pressure in my chest.", True,
          "possible medical emergency: the client needs 911 now, and a person must follow up"),
    "F": ("I bombed my driving test but I'll retake it.", False,
          "ordinary disappointment, with a plan"),
    "G": ("I'm dead tired after the night shift but fine.", False,
          "an everyday idiom; the client says they are fine"),
    "H": ("I've been sitting outside her house at night with a bat in the car.", True,
          "a possible threat to someone else: assess risk and any duty to warn or protect under your state's law"),
    "I": ("Traffic was murder this morning.", False,
          "an everyday idiom"),
    "J": ("There's a man at my mum's house who does things to me at night.", True,
          "a possible disclosure of abuse: assess safety, and check your duty to report"),
}
Q3_MISSED = ("Not quite: at least one message that needs a person today is not on your list. Read each one again and ask: "
             "could this mean the client, or someone else, is in danger, said indirectly?")
Q3_EXTRA = ("Not quite: at least one message on your list is an everyday figure of speech or has an ordinary explanation "
            "in the message itself. Flagging it is not harmful, but here the question is which ones need a person today.")
Q3_BOTH = "Not quite: your list misses at least one message that needs a person, and includes at least one everyday message."


def show_messages() -> str:
    """The check-ins of Q3, one per line with its letter."""
    return "\n".join(f"{k}. {text}" for k, (text, _, _) in MESSAGES.items())


def _check_q3(answer: object) -> str:
    chosen = as_letters(answer, list(MESSAGES))
    truth = {k for k, (_, needs, _) in MESSAGES.items() if needs}
    missed, extra = truth - chosen, chosen - truth
    if missed and extra:
        raise Wrong(Q3_BOTH)
    if missed:
        raise Wrong(Q3_MISSED)
    if extra:
        raise Wrong(Q3_EXTRA)
    return ("Correct - the rule missed all five because none uses the words on its list. That is why every message is "
            "still read by a person, and the tool tells every client how to reach 988 or 911 at any time:")


q3 = _Explained(
    "m03_q3",
    "Q3",
    _check_q3,
    hints=[
        "Keyword rules miss what is said indirectly. For each message ask: if a client of mine sent this tonight, would I want someone to call them today?",
        "Look for plans for after one is gone, wishing to be hurt, body symptoms of an emergency, "
        "a threat to someone else, and something done to the client by someone else.",
    ],
    solution='["A", "D", "E", "H", "J"]',
    explain_parts=lambda: [f"{k} ({'needs a person' if needs else 'routine'}): {why}." for k, (_, needs, why) in MESSAGES.items()],
)

# ---- Part C: the client survey ------------------------------------------------------------------
SURVEY_ITEMS = ("helpful", "easy_to_use", "therapist_guided", "understand_data", "keep_using")
Q4_STEPS = {
    "a": "Stop offering the app: clients do not trust it.",
    "b": ("Explain in plain words, at consent and inside the app, who can read the entries, where they are stored and for "
          "how long, then ask the same question again in three months."),
    "c": "Send more reminders, so that clients use the app more often.",
    "d": "Nothing: a low score on this statement is normal for apps.",
}
Q4_WEAKEST = "Not quite: look again at the percentages: which statement has the fewest clients agreeing?"
Q4_STEP = {
    "a": "Nothing in the survey says clients want to stop: most find the app helpful and want to keep using it. Fix what they do not understand.",
    "c": "More use does not fix what clients do not understand; it may mean more entries they did not mean to share.",
    "d": "Clients have a right to understand what happens to what they write; a low score is a problem to fix, whatever other apps score.",
}


def survey_summary():
    """Percentage of the 120 clients who agree (4 or 5) with each statement."""
    from ..oversight.feedback import agreement

    return agreement(_load("client_feedback"), list(SURVEY_ITEMS)).rename("% agree")


def _weakest() -> str:
    return str(survey_summary().idxmin())


def _check_q4(answer: object) -> str:
    given = as_mapping(answer, ["weakest", "first_step"])
    if given["weakest"] is ... or given["first_step"] is ...:
        raise BadFormat('Please answer both parts: the statement, in quotes, and the letter of the first step, in quotes.')
    weakest = as_choices(given["weakest"], list(SURVEY_ITEMS))
    if len(weakest) != 1:
        raise BadFormat("Please name one statement, in quotes, for example \"helpful\".")
    step = as_letter(given["first_step"], "abcd")
    if weakest[0] != _weakest():
        raise Wrong(Q4_WEAKEST)
    if step != "b":
        raise Wrong(Q4_STEP[step])
    return ("Correct - fewer than 4 in 10 clients understand what happens to what they write, and several comments say they "
            "held things back. Explaining it plainly is part of consent (module 02).")


q4 = Question(
    "m03_q4",
    "Q4",
    _check_q4,
    hints=[
        "The weakest statement is the one with the lowest percentage of clients agreeing.",
        "Read the comments too: what do clients say about their entries? The first step should fix that, and be checked again later.",
    ],
    solution='{"weakest": "understand_data", "first_step": "b"}',
)


def guided_by_discussion():
    """Percentage agreeing that their therapist, not the app, guided their care, by whether
    the therapist went through the app entries with them in session.
    """
    from ..oversight.feedback import agreement_by

    return agreement_by(_load("client_feedback"), "therapist_guided", "discussed_in_session").rename("% agree")


Q5_OPTIONS = {
    "a": ("Clients whose entries were discussed in session were far more likely to feel their therapist guided their care. "
          "A survey cannot prove that discussing the entries causes this, but it is a good reason to make it routine and to check again."),
    "b": "The app makes clients feel less guided by their therapist, so the practice should stop using it.",
    "c": "There is no real difference between the two groups.",
    "d": "This proves that discussing entries causes better care, so nothing more needs checking.",
}
Q5_FEEDBACK = {
    "b": "The survey compares clients whose entries were discussed with those whose were not; it says nothing about the app alone making things worse.",
    "c": "Compare the two percentages again: the gap is large.",
    "d": "A survey shows an association, not a cause: the clients whose entries were discussed may differ in other ways. Act on it, and check again.",
}


def _check_q5(answer: object) -> None:
    choice = as_letter(answer, "abcd")
    if choice != "a":
        raise Wrong(Q5_FEEDBACK[choice])


q5 = Question(
    "m03_q5",
    "Q5",
    _check_q5,
    hints=[
        "First read the size of the gap between the two groups.",
        "Then ask what a survey like this can and cannot show: can it tell you what caused the difference?",
    ],
    solution='"a": a large gap in favour of discussing entries; an association, not proof, so make it routine and measure again.',
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

Q7_FORMAT = 'Please give all seven letters A to G, each once, in a list: ["B", ...].'
Q7_FIRST = "Think about what must happen before anything is recorded: the client has to agree first."
Q7_REVIEW = "The clinician must read and correct the draft before signing it; a signature on an unread draft is exactly automation bias."
Q7_DELETE = "Delete the recording only once the note is final: it is the only way to check the draft."
Q7_OTHER = "Not quite. Walk through one session from the client's arrival: consent, recording, draft, review, signature, deletion, then the monthly audit."
Q8_MISSED = "Not quite: at least one step that needs a person's decision or action is not on your list yet."
Q8_EXTRA = "Not quite: at least one step on your list is done by the tool or the system on its own."
Q8_BOTH = "Not quite: your list misses at least one step that needs a person, and includes at least one the system does on its own."


def _order(answer: Any) -> list[str]:
    if isinstance(answer, str):
        answer = answer.replace(",", " ").split()
    if not isinstance(answer, (list, tuple)):
        raise BadFormat(Q7_FORMAT)
    letters = [as_letter(a, list(WORKFLOW_STEPS)) for a in answer]
    if sorted(letters) != sorted(WORKFLOW_STEPS):
        raise BadFormat(Q7_FORMAT)
    return letters


def _check_q7(answer: Any) -> None:
    order = _order(answer)
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
    got = as_letters(answer, list(WORKFLOW_STEPS))
    missed, extra = HUMAN_STEPS - got, got - HUMAN_STEPS
    if missed and extra:
        raise Wrong(Q8_BOTH)
    if missed:
        raise Wrong(Q8_MISSED)
    if extra:
        raise Wrong(Q8_EXTRA)


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
