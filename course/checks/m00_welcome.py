"""Checks for exercise 00 (welcome warm-up): grade ids m00_q1 ... m00_q4.

Every answer is a literal the learner types: a number (Q1), a letter (Q2), a list of
letters (Q3) and a list of words to hide (Q4). For Q4 the course does the redaction
(:func:`redact`); the learner decides what goes on the list. The autograder also tries
the Q4 list on a second note about the same client (a hidden test); ``tests/test_m00_welcome_agreement.py``
proves, for every list the self-check can accept, that the second note passes too.
(Q5, a reflection, is graded by the facilitator.)
"""

from __future__ import annotations

from collections.abc import Sequence

import regex as re

from ._core import BadFormat, Question, Wrong, as_letter, as_letters, as_number

__all__ = [
    "NOTE",
    "SAFE_HARBOR_OPTIONS",
    "TAG",
    "q1",
    "q2",
    "q3",
    "q4",
    "redact",
    "show_redacted",
]

# ---- Q1: how many guardrail areas --------------------------------------------------------
Q1_WRONG = "Not quite. Look at the table of modules in the welcome module again: which modules are guardrail areas?"


def _check_q1(answer: object) -> None:
    if as_number(answer, whole=True) != 6:
        raise Wrong(Q1_WRONG)


q1 = Question(
    "m00_q1",
    "Q1",
    _check_q1,
    hints=[
        "Each guardrail area has its own module.",
        "Modules 00 (welcome) and 07 (capstone) are not guardrail areas.",
    ],
    solution="6: privacy, consent, human oversight, bias and fairness, ethical guidelines, professional organisations.",
)

# ---- Q2: the safest first step -------------------------------------------------------------
Q2_FEEDBACK = {
    "a": "A free consumer chatbot is not covered by a business associate agreement, and the full notes are far more than needed.",
    "b": "Removing the name is a start, but many other details still identify a client, and 'any chatbot' may keep or reuse the text.",
    "d": "Clients have a right to know how their information is used; hiding AI use undermines informed consent.",
}


def _check_q2(answer: object) -> None:
    choice = as_letter(answer, "abcd")
    if choice != "c":
        raise Wrong(Q2_FEEDBACK[choice])


q2 = Question(
    "m00_q2",
    "Q2",
    _check_q2,
    hints=[
        "Think about three guardrails at once: approved tools, the client's consent, and sharing as little as possible.",
    ],
    solution="'c': use only an approved tool under the practice's policy, explain it and ask consent, and share the minimum necessary.",
)

# ---- Q3: which details identify a client ---------------------------------------------------
SAFE_HARBOR_OPTIONS = {
    "A": "the client's full name",
    "B": "a PHQ-9 score of 14",
    "C": "the client's phone number",
    "D": "the date of the intake session (day and month)",
    "E": "a diagnosis code (F43.10)",
    "F": "the client's e-mail address",
    "G": "the year 2024 on its own",
    "H": "the client's five-digit ZIP code",
}
_Q3_IDENTIFIERS = {"A", "C", "D", "F", "H"}
Q3_MISSED = "Not quite: at least one detail on the list that identifies a client is not in your answer yet."
Q3_EXTRA = "Not quite: your list includes at least one detail that describes the client's condition or is too general to point to one person."
Q3_BOTH = "Not quite: your list misses at least one identifier, and includes at least one detail that is not an identifier on its own."


def _check_q3(answer: object) -> None:
    letters = as_letters(answer, "ABCDEFGH")
    missed, extra = _Q3_IDENTIFIERS - letters, letters - _Q3_IDENTIFIERS
    if missed and extra:
        raise Wrong(Q3_BOTH)
    if missed:
        raise Wrong(Q3_MISSED)
    if extra:
        raise Wrong(Q3_EXTRA)


q3 = Question(
    "m00_q3",
    "Q3",
    _check_q3,
    hints=[
        "Safe Harbor lists 18 kinds of identifier: names, contact details, most dates, small geographic areas, ID numbers...",
        "Test scores and diagnosis codes describe the condition, not who the person is. A year on its own is allowed; a day and month is not.",
    ],
    solution='["A", "C", "D", "F", "H"]: the name, the phone number, the day and month, the e-mail address and the ZIP code.',
)

# ---- Q4: a first redaction: the learner chooses what to hide ----------------------------------
#: The note the learner redacts (synthetic).
NOTE = (
    "Jane Doe (goes by Janey) came to her session on time. Jane says she is sleeping better, "
    "and her PHQ-9 score fell from 14 to 9. Her sister, Ruth Doe, will come to the next session. "
    "Plan: keep going with CBT; Jane will keep a sleep diary."
)
#: What replaces each hidden word.
TAG = "[NAME]"
#: The names in :data:`NOTE` (every other word must survive the redaction).
_NAMES = frozenset({"jane", "doe", "janey", "ruth"})

Q4_FORMAT = 'Please give a list of names in quotes, for example ["Jane Doe", "Ruth"].'
Q4_NOT_IN_NOTE = "{item!r} does not appear in the note as a whole word. Check the spelling against the note above."
Q4_LEAK = "A name is still visible in the redacted note. Read the result printed above once more, word by word."
Q4_TOO_MUCH = ("Your list also hides words that are not names: {items}. Hide only what identifies someone, "
               "so the clinical content stays readable.")
Q4_OK = "Correct - every name is hidden and the clinical content is still readable."
Q4_OK_NEXT = "Correct - every name is hidden in both notes, and the clinical content is still readable."


def _words(note: str) -> list[re.Match]:
    return list(re.finditer(r"[\p{L}\p{N}][\p{L}\p{N}'’-]*[\p{L}\p{N}]|[\p{L}\p{N}]", note))


def _term_pattern(term: str) -> re.Pattern:
    body = r"\s+".join(re.escape(part) for part in term.split())
    return re.compile(r"(?<![\p{L}\p{N}])" + body + r"(?![\p{L}\p{N}])", re.IGNORECASE)


def _terms(answer: object) -> list[str]:
    if isinstance(answer, str):
        answer = [answer]
    if not isinstance(answer, (list, tuple, set, frozenset)):
        raise BadFormat(Q4_FORMAT)
    terms = []
    for item in answer:
        if not isinstance(item, str):
            raise BadFormat(Q4_FORMAT)
        # the name itself: spaces, quotes and punctuation around it do not count
        term = re.sub(r"^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$", "", item)
        if term and term not in terms:
            terms.append(term)
    return terms


def _hidden_ranges(note: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Every whole-word occurrence of every term (capital letters ignored), as character ranges."""
    ranges = []
    for term in terms:
        ranges += [m.span() for m in _term_pattern(term).finditer(note)]
    return ranges


def redact(note: str, words: Sequence[str]) -> str:
    """*note* with every whole-word occurrence of each of *words* replaced by :data:`TAG`.

    Capital letters are ignored (``"jane"`` also hides ``"Jane"``); a name of several
    words (``"Jane Doe"``) is hidden where those words appear together.
    """
    covered = [False] * len(note)
    for start, end in _hidden_ranges(note, _terms(words)):
        for i in range(start, end):
            covered[i] = True
    out, i = [], 0
    while i < len(note):
        if covered[i]:
            j = i
            while j < len(note) and (covered[j] or (note[j].isspace() and j + 1 < len(note) and covered[j + 1])):
                j += 1
            out.append(TAG)
            i = j
        else:
            out.append(note[i])
            i += 1
    return "".join(out)


def show_redacted(words: object) -> str:
    """The note of Q4 after hiding *words* (shown by the notebook's "try it" cell)."""
    if words is ... or words is None:
        return "Your list is still empty (...): write it in the cell above, run it, then run this cell again.\n\n" + NOTE
    try:
        return redact(NOTE, _terms(words))
    except BadFormat as exc:
        return str(exc)


def _covered(note: str, terms: Sequence[str]) -> list[bool]:
    covered = [False] * len(note)
    for start, end in _hidden_ranges(note, terms):
        for i in range(start, end):
            covered[i] = True
    return covered


def _judge_terms_only(note: str, terms: Sequence[str]) -> None:
    """Raise Wrong if a term is not in the note or hides a word that is not a name."""
    for term in terms:
        if not _term_pattern(term).search(note):
            raise Wrong(Q4_NOT_IN_NOTE.format(item=term))
    covered = _covered(note, terms)
    lost = sorted({w.group() for w in _words(note) if w.group().lower() not in _NAMES and any(covered[w.start():w.end()])})
    if lost:
        raise Wrong(Q4_TOO_MUCH.format(items=", ".join(repr(x) for x in lost)))


def _judge(note: str, terms: Sequence[str]) -> None:
    """Raise Wrong unless *terms* hide every name in *note* and nothing else."""
    covered = _covered(note, terms)
    lost = sorted({w.group() for w in _words(note) if w.group().lower() not in _NAMES and any(covered[w.start():w.end()])})
    if lost:
        raise Wrong(Q4_TOO_MUCH.format(items=", ".join(repr(x) for x in lost)))
    if any(w.group().lower() in _NAMES and not all(covered[w.start():w.end()]) for w in _words(note)):
        raise Wrong(Q4_LEAK)


def _check_q4(answer: object, note: str | None = None) -> str:
    terms = _terms(answer)
    _judge_terms_only(NOTE, terms)
    _judge(NOTE, terms)
    if note is not None:
        _judge(note, terms)
        return Q4_OK_NEXT
    return Q4_OK


q4 = Question(
    "m00_q4",
    "Q4",
    _check_q4,
    hints=[
        "A find-and-replace only hides exactly what you list. Read the note word by word: in how many different ways is a person named?",
        "Look for a nickname, a first name on its own, and the name of someone in the client's family: Safe Harbor counts relatives' names too.",
    ],
    solution='["Jane Doe", "Janey", "Jane", "Ruth Doe"] (or just ["Jane", "Doe", "Janey", "Ruth"]): every form of the name, and the sister.',
)
