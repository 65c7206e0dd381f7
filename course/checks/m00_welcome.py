"""Checks for exercise 00 (welcome warm-up): grade ids m00_q1 ... m00_q4."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ._core import NotAttempted, Question, Wrong

__all__ = ["q1", "q2", "q3", "q4", "VISIBLE_NOTE", "SAFE_HARBOR_OPTIONS"]

# ---- Q1: how many guardrail areas --------------------------------------------------------
Q1_WRONG = "Not quite. Look back at the table of modules: count modules 01 to 06."
Q1_NOT_NUMBER = "Please give a whole number, like 3 (without quotes)."


def _check_q1(answer: object) -> None:
    if isinstance(answer, str) and answer.strip().isdigit():
        answer = int(answer.strip())
    if isinstance(answer, bool) or not isinstance(answer, int):
        raise Wrong(Q1_NOT_NUMBER)
    if answer != 6:
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
Q2_CHOICES = "Please answer with one letter: 'a', 'b', 'c' or 'd' (in quotes)."


def _check_q2(answer: object) -> None:
    if not isinstance(answer, str) or answer.strip().lower() not in {"a", "b", "c", "d"}:
        raise Wrong(Q2_CHOICES)
    choice = answer.strip().lower()
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
Q3_FORMAT = "Please give a list of letters in quotes, for example [\"A\", \"B\"]."
Q3_MISSED = "Some identifiers are missing from your list: {}."
Q3_EXTRA = "Some items on your list are not identifiers under Safe Harbor on their own: {}."


def _letters(answer: object) -> set[str]:
    if isinstance(answer, str):
        answer = [part for part in answer.replace(",", " ").split()]
    if not isinstance(answer, Iterable):
        raise Wrong(Q3_FORMAT)
    letters = set()
    for item in answer:
        if not isinstance(item, str) or item.strip().upper() not in SAFE_HARBOR_OPTIONS:
            raise Wrong(Q3_FORMAT)
        letters.add(item.strip().upper())
    return letters


def _check_q3(answer: object) -> None:
    letters = _letters(answer)
    missed = sorted(_Q3_IDENTIFIERS - letters)
    extra = sorted(letters - _Q3_IDENTIFIERS)
    problems = []
    if missed:
        problems.append(Q3_MISSED.format(", ".join(f"{m} ({SAFE_HARBOR_OPTIONS[m]})" for m in missed)))
    if extra:
        problems.append(Q3_EXTRA.format(", ".join(f"{e} ({SAFE_HARBOR_OPTIONS[e]})" for e in extra)))
    if problems:
        raise Wrong(" ".join(problems))


q3 = Question(
    "m00_q3",
    "Q3",
    _check_q3,
    hints=[
        "Safe Harbor lists 18 kinds of identifier: names, contact details, most dates, small geographic areas, ID numbers...",
        "Test scores and diagnosis codes describe the condition, not who the person is. A year on its own is allowed; a day and month is not.",
    ],
    solution="A, C, D, F and H.",
)

# ---- Q4: a first redaction function ---------------------------------------------------------
VISIBLE_NOTE = "Jane Doe attended her session. Jane Doe reports sleeping better this week."
Q4_NOT_FUNCTION = "Your answer should be the function itself: pass redact (without brackets)."
Q4_NOT_TEXT = "Your function should give back text (a string) - check the line that sets result."
Q4_LEAK = "The name {name!r} still appears in the result: {result!r}"
Q4_DIFFERENT = "Close! Every occurrence of the name should become [NAME] and nothing else should change. For {name!r} we expected {expected!r} but got {result!r}."


def _check_q4(redact: Callable[[str, str], object], cases: Iterable[tuple[str, str]] | None = None) -> str:
    if not callable(redact):
        raise Wrong(Q4_NOT_FUNCTION)
    cases = list(cases) if cases is not None else [(VISIBLE_NOTE, "Jane Doe")]
    for note, name in cases:
        result = redact(note, name)
        if result is ...:
            raise NotAttempted
        if not isinstance(result, str):
            raise Wrong(Q4_NOT_TEXT)
        if name in result:
            raise Wrong(Q4_LEAK.format(name=name, result=result))
        expected = note.replace(name, "[NAME]")
        if result != expected:
            raise Wrong(Q4_DIFFERENT.format(name=name, expected=expected, result=result))
    return f"Correct - your function redacted the name in {len(cases)} note(s)."


q4 = Question(
    "m00_q4",
    "Q4",
    _check_q4,
    hints=[
        "Text in Python has a replace method: \"hello world\".replace(\"world\", \"there\") gives \"hello there\".",
        "Use the function's inputs, note and name, rather than typing the name 'Jane Doe' itself, so it works for every client.",
    ],
    solution='result = note.replace(name, "[NAME]")',
)
