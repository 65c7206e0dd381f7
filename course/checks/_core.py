"""Self-checks and grade functions: one :class:`Question` per exercise question.

A learner's self-check cell and the nbgrader grade cell call the same
:meth:`Question.check`, so they cannot disagree. Answers are always passed in as
arguments; nothing here reads a notebook's globals.
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

__all__ = [
    "CORRECT",
    "BadFormat",
    "CheckFailed",
    "NOT_ATTEMPTED",
    "NotAttempted",
    "Question",
    "Result",
    "Status",
    "Wrong",
    "as_bool",
    "as_choices",
    "as_letter",
    "as_letters",
    "as_mapping",
    "as_number",
    "as_text",
    "install_friendly_errors",
    "is_blank",
]

#: Feedback strings shown to learners (tests assert on these).
CORRECT = "Correct - well done."
NOT_ATTEMPTED = "Not attempted yet: write your answer in the cell above, run it, then run this check again."
ERROR_PREFIX = "Your answer could not be checked as it is written"
NO_MORE_HINTS = "That was the last hint for this question."
NO_HINTS = "This question has no hints."
SEE_SOLUTION = "If you are still stuck, run {call} to see a worked answer."
ASK_FACILITATOR = "If you are still stuck, ask your facilitator."

#: Plain-words messages for answers in the wrong form (shown as "⚠️ error").
FMT_LETTER = 'Please answer with one letter in quotes: one of {choices}, for example "{example}".'
FMT_LETTERS = 'Please give a list of letters in quotes, for example ["{a}", "{b}"]. The letters to choose from are {choices}.'
FMT_LETTER_UNKNOWN = "{item!r} is not one of the letters to choose from ({choices})."
FMT_NUMBER = "Please give a number without quotes, for example 12 or 0.75."
FMT_WHOLE = "Please give a whole number without quotes, for example 12."
FMT_TEXT = 'Please write your answer as text in quotes, for example "my answer". For several lines, use three quotes: """ ... """.'
FMT_TOO_SHORT = "Your answer is very short: please write at least {n} words."
FMT_BOOL = "Please answer True or False (with a capital letter, without quotes)."
FMT_LIST = 'Please give a list in square brackets, each item in quotes and separated by commas, for example ["{example}"].'
FMT_CHOICE_UNKNOWN = "{item!r} is not one of the options for this question. Check the spelling against the options listed above it."
FMT_MAPPING = "Please keep the shape of the answer you were given: {{ ... }} with the keys {keys}, and fill in each value after its colon."
FMT_UNKNOWN_KEY = "{key!r} is not one of the keys of this answer ({keys}); keep the keys you were given."

#: Plain-words messages for the two beginner errors Python raises before a check runs.
NAME_NOT_SET = "{name} has no value yet. Run the answer cell above first (click in it, then Shift + Enter). If that cell showed a warning, fix that first."
NAME_UNQUOTED = 'Python read {name} as the name of something, not as your answer. If it is your answer, put it in quotes, like "{name}". (If it is something from an earlier cell, run that cell first.)'
SYNTAX_PLAIN = "Python could not read line {line} of this cell. A quote or a bracket is probably missing or extra: text goes in quotes (\"like this\"), and a list needs [ and ] with commas between the items, like [\"A\", \"C\"]."
NO_SOLUTION = "No worked solution is shown for this question; ask your facilitator."
GRADE_HINT = "Run the self-check above for details and hints."


class Status(str, Enum):
    """The four outcomes of a check."""

    CORRECT = "correct"
    INCORRECT = "incorrect"
    NOT_ATTEMPTED = "not attempted"
    ERROR = "error"


class Wrong(Exception):
    """Raised by a checker: the answer is incorrect; the message is shown to the learner."""


class BadFormat(Exception):
    """Raised by a checker or a coercion helper: the answer is not in the form asked for.

    Shown as the "⚠️ error" state with the message in plain words; it scores zero.
    """


class NotAttempted(Exception):
    """Raised by a checker: the answer is still the blank scaffold."""


class CheckFailed(AssertionError):
    """Raised by :meth:`Question.grade` so that nbgrader scores the cell as failed."""


_STYLE = {
    Status.CORRECT: ("#e6f4ea", "#1e7e34", "✅"),
    Status.INCORRECT: ("#fdecea", "#b00020", "❌"),
    Status.NOT_ATTEMPTED: ("#f1f3f4", "#5f6368", "✏️"),
    Status.ERROR: ("#fff4e5", "#a05a00", "⚠️"),
}


@dataclass
class Result:
    """What a check found. Displays as a coloured box in JupyterLab, text elsewhere."""

    question: str
    status: Status
    message: str
    details: list[str] = field(default_factory=list)

    @property
    def correct(self) -> bool:
        return self.status is Status.CORRECT

    def __bool__(self) -> bool:
        return self.correct

    def text(self) -> str:
        icon = _STYLE[self.status][2]
        lines = [f"{icon} {self.question} - {self.status.value}: {self.message}"]
        lines += [f"   - {d}" for d in self.details]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        bg, fg, icon = _STYLE[self.status]
        items = "".join(f"<li>{html.escape(d)}</li>" for d in self.details)
        return (
            f'<div class="course-check course-check-{self.status.name.lower()}" '
            f'style="background:{bg};border-left:6px solid {fg};padding:8px 12px;'
            f'margin:4px 0;border-radius:4px;color:#202124">'
            f"<b>{icon} {html.escape(self.question)} &middot; {self.status.value}</b><br>"
            f"{html.escape(self.message)}"
            f"{'<ul style=margin:4px 0>' + items + '</ul>' if items else ''}</div>"
        )


@dataclass
class _Text:
    """A hint or solution: Markdown-ish text that renders nicely in a notebook."""

    title: str
    body: str

    def __repr__(self) -> str:
        return f"{self.title}\n{self.body}"

    def _repr_html_(self) -> str:
        return (
            '<div style="background:#e8f0fe;border-left:6px solid #1a73e8;padding:8px 12px;'
            'margin:4px 0;border-radius:4px;color:#202124">'
            f"<b>{html.escape(self.title)}</b><br>"
            f"{html.escape(self.body).replace(chr(10), '<br>')}</div>"
        )


def is_blank(answer: Any) -> bool:
    """True for the untouched scaffold: ``...``, ``None``, ``""`` or an empty collection."""
    if answer is ... or answer is None:
        return True
    if isinstance(answer, str):
        return not answer.strip()
    if isinstance(answer, (list, tuple, set, frozenset, dict)):
        return len(answer) == 0
    return False


class Question:
    """One exercise question.

    Parameters
    ----------
    qid : str
        The grade id, e.g. ``"m00_q1"``.
    title : str
        How the question is named to the learner, e.g. ``"Q1"``.
    checker : callable
        ``checker(answer, **kwargs)``; returns ``None`` or a success message when
        the answer is right, raises :class:`Wrong` (with a message for the
        learner) when it is not, or :class:`NotAttempted`.
    hints : sequence of str
        Shown one at a time by :meth:`hint`.
    solution : str, optional
        A worked answer for self-paced learners.
    blank : callable, optional
        Decides whether an answer is the untouched scaffold (default :func:`is_blank`).
    """

    def __init__(
        self,
        qid: str,
        title: str,
        checker: Callable[..., str | None],
        hints: Sequence[str] = (),
        solution: str | None = None,
        blank: Callable[[Any], bool] = is_blank,
    ) -> None:
        self.qid = qid
        self.title = title
        self._checker = checker
        self.hints = list(hints)
        self._solution = solution
        self._blank = blank

    def __repr__(self) -> str:
        return f"<Question {self.qid}: {self.title}>"

    def check(self, answer: Any, **kwargs: Any) -> Result:
        """Check *answer*; returns a :class:`Result` with one of four outcomes."""
        label = self.title
        try:
            if self._blank(answer):
                raise NotAttempted
            message = self._checker(answer, **kwargs)
        except NotAttempted:
            return Result(label, Status.NOT_ATTEMPTED, NOT_ATTEMPTED)
        except Wrong as exc:
            return Result(label, Status.INCORRECT, str(exc))
        except BadFormat as exc:
            return Result(label, Status.ERROR, str(exc))
        except Exception as exc:  # an answer of a shape no checker expected
            return Result(label, Status.ERROR, f"{ERROR_PREFIX} ({type(exc).__name__}). {_shape_advice(answer)}")
        return Result(label, Status.CORRECT, message or CORRECT)

    def grade(self, answer: Any, **kwargs: Any) -> None:
        """Like :meth:`check`, but raise :class:`CheckFailed` unless correct.

        nbgrader grade cells call this; a failed cell scores zero. It returns
        ``None`` so that a passing grade cell shows no output (nbgrader reads a
        grade cell's displayed value as a partial score).
        """
        result = self.check(answer, **kwargs)
        if not result.correct:
            install_friendly_errors()
            raise CheckFailed(f"{result.question} {result.status.value}: {result.message} {GRADE_HINT}")
        return None

    def hint(self, n: int = 1) -> _Text | None:
        """Show hint number *n* (1 is the gentlest).

        In a notebook the hint is displayed at once (so ``hint(1)``, ``hint(2)`` and
        ``hint(3)`` in one cell show all three) and nothing is returned; elsewhere the
        hint is returned.
        """
        return _show(self._hint_text(n))

    def _hint_text(self, n: int) -> _Text:
        if not self.hints:
            return _Text(f"{self.title}: hints", f"{NO_HINTS} {self._next_step()}")
        if not isinstance(n, int) or isinstance(n, bool) or n < 1:
            n = 1
        if n > len(self.hints):
            return _Text(f"{self.title}: hint {n}", f"{NO_MORE_HINTS} {self._next_step()}")
        body = self.hints[n - 1]
        if n == len(self.hints):
            body = f"{body}\n({NO_MORE_HINTS} {self._next_step()})"
        return _Text(f"{self.title}: hint {n} of {len(self.hints)}", body)

    def _next_step(self) -> str:
        if self._solution:
            return SEE_SOLUTION.format(call=f"checks.{self.qid.rsplit('_', 1)[-1]}.solution()")
        return ASK_FACILITATOR

    def solution(self) -> _Text | None:
        """Show the worked answer, where the course provides one (displayed like :meth:`hint`)."""
        return _show(_Text(f"{self.title}: a worked answer", self._solution or NO_SOLUTION))


def _show(obj: Any) -> Any:
    """Display *obj* now when running in IPython (and return None); else return it."""
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover
        return obj
    if get_ipython() is None:
        return obj
    display(obj)
    return None


# ---- answer coercion: one place for "a letter", "a list of choices", "a number" ----------


def _choices_text(choices: Sequence[str]) -> str:
    items = [f'"{c}"' for c in choices]
    return ", ".join(items[:-1]) + f" or {items[-1]}" if len(items) > 1 else "".join(items)


def as_letter(answer: Any, choices: str | Sequence[str]) -> str:
    """The one letter the learner chose, normalised to the case of *choices*.

    Raises :class:`BadFormat` (shown as a plain-words warning) for anything else.
    """
    options = list(choices)
    lookup = {c.lower(): c for c in options}
    if isinstance(answer, (list, tuple, set)) and len(answer) == 1:
        (answer,) = tuple(answer)
    if not isinstance(answer, str) or answer.strip().strip(".)").lower() not in lookup:
        raise BadFormat(FMT_LETTER.format(choices=_choices_text(options), example=options[0]))
    return lookup[answer.strip().strip(".)").lower()]


def as_letters(answer: Any, choices: str | Sequence[str]) -> set[str]:
    """The set of letters the learner chose (a list like ``["A", "C"]`` or text like ``"A, C"``)."""
    options = list(choices)
    lookup = {c.lower(): c for c in options}
    fmt = FMT_LETTERS.format(a=options[0], b=options[min(2, len(options) - 1)], choices=_choices_text(options))
    if isinstance(answer, str):
        answer = answer.replace(",", " ").replace(";", " ").split()
    if not isinstance(answer, (list, tuple, set, frozenset)):
        raise BadFormat(fmt)
    letters = set()
    for item in answer:
        if not isinstance(item, str):
            raise BadFormat(fmt)
        key = item.strip().strip(".)").lower()
        if key not in lookup:
            raise BadFormat(FMT_LETTER_UNKNOWN.format(item=item, choices=_choices_text(options)))
        letters.add(lookup[key])
    return letters


def as_number(answer: Any, *, whole: bool = False) -> float | int:
    """A number typed as ``12``, ``0.75`` (or, leniently, ``"12"``, ``"75%"`` as 75)."""
    fmt = FMT_WHOLE if whole else FMT_NUMBER
    if isinstance(answer, str):
        text = answer.strip().rstrip("%").replace(",", "").strip()
        try:
            answer = float(text)
        except ValueError:
            raise BadFormat(fmt) from None
        if answer.is_integer():
            answer = int(answer)
    if isinstance(answer, bool) or not isinstance(answer, (int, float)) or answer != answer:  # NaN
        raise BadFormat(fmt)
    if whole:
        if isinstance(answer, float):
            if not answer.is_integer():
                raise BadFormat(fmt)
            answer = int(answer)
    return answer


def as_text(answer: Any, *, min_words: int = 0) -> str:
    """Text the learner wrote in quotes, stripped; at least *min_words* words."""
    if not isinstance(answer, str):
        raise BadFormat(FMT_TEXT)
    text = answer.strip()
    if min_words and len(text.split()) < min_words:
        raise BadFormat(FMT_TOO_SHORT.format(n=min_words))
    return text


def as_bool(answer: Any) -> bool:
    """``True`` or ``False`` (leniently also "yes"/"no"/"true"/"false" in quotes)."""
    if isinstance(answer, bool):
        return answer
    if isinstance(answer, str) and answer.strip().lower() in {"true", "yes", "y"}:
        return True
    if isinstance(answer, str) and answer.strip().lower() in {"false", "no", "n"}:
        return False
    raise BadFormat(FMT_BOOL)


def as_choices(answer: Any, allowed: Sequence[str], *, case_sensitive: bool = False) -> list[str]:
    """A list of options from a fixed vocabulary (labels, column names, ...), canonical spelling, no repeats.

    A single option in quotes is accepted as a list of one.
    """
    options = list(allowed)
    norm = (lambda x: x.strip()) if case_sensitive else (lambda x: " ".join(x.strip().lower().replace("_", " ").split()))
    lookup = {norm(o): o for o in options}
    if isinstance(answer, str):
        answer = [answer]
    if not isinstance(answer, (list, tuple, set, frozenset)):
        raise BadFormat(FMT_LIST.format(example=options[0] if options else "..."))
    chosen: list[str] = []
    for item in answer:
        if not isinstance(item, str):
            raise BadFormat(FMT_LIST.format(example=options[0] if options else "..."))
        key = norm(item)
        if key not in lookup:
            raise BadFormat(FMT_CHOICE_UNKNOWN.format(item=item))
        if lookup[key] not in chosen:
            chosen.append(lookup[key])
    return chosen


def as_mapping(answer: Any, keys: Sequence[str]) -> dict[str, Any]:
    """A dict with exactly the scaffold's *keys* (values still to be checked by the caller).

    A key still holding ``...`` makes the whole answer "not attempted" only when every
    value is still ``...``; otherwise it is left for the caller to judge.
    """
    wanted = list(keys)
    shown = ", ".join(f'"{k}"' for k in wanted)
    if not isinstance(answer, dict):
        raise BadFormat(FMT_MAPPING.format(keys=shown))
    for key in answer:
        if key not in wanted:
            raise BadFormat(FMT_UNKNOWN_KEY.format(key=key, keys=shown))
    if any(k not in answer for k in wanted):
        raise BadFormat(FMT_MAPPING.format(keys=shown))
    if all(answer[k] is ... for k in wanted):
        raise NotAttempted
    return dict(answer)


def _shape_advice(answer: Any) -> str:
    if isinstance(answer, str):
        return "Check that your answer looks like the example in the question."
    if isinstance(answer, (list, tuple, set, dict)):
        return "Check each item against the example in the question: text items need quotes."
    return "Answers are a letter or text in quotes, a number, True/False, or a list of those in [ ]."


# ---- plain words for the errors Python raises before any check runs ---------------------

_ANSWER_NAME = re.compile(r"^(answer_q\d+\w*|my_\w+)$")


def _question_of(name: str) -> str:
    m = re.match(r"answer_q(\d+)", name)
    return f"Q{m.group(1)}" if m else "Your answer"


def friendly_error(exc: BaseException) -> Result | None:
    """The course's plain-words :class:`Result` for a beginner's NameError or SyntaxError."""
    if isinstance(exc, NameError):
        name = getattr(exc, "name", None) or (re.findall(r"'([^']+)'", str(exc)) or ["?"])[0]
        if _ANSWER_NAME.match(name):
            return Result(_question_of(name), Status.ERROR, NAME_NOT_SET.format(name=name))
        return Result("Your answer", Status.ERROR, NAME_UNQUOTED.format(name=name))
    if isinstance(exc, SyntaxError):
        return Result("Your answer", Status.ERROR, SYNTAX_PLAIN.format(line=exc.lineno or 1))
    return None


def install_friendly_errors() -> None:
    """In IPython, show a failed grade cell, a NameError or a SyntaxError in plain words.

    Idempotent and cheap; a no-op outside IPython. The cell still fails (nbgrader
    scores a failed grade cell as zero); the learner sees one box and one line instead
    of a traceback.
    """
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover
        return
    shell = get_ipython()
    if shell is None or getattr(shell, "_course_friendly_errors", False):
        return

    def handler(self, etype, value, tb, tb_offset=None):  # noqa: ARG001
        result = friendly_error(value)
        if result is not None:
            display(result)
            stb = [f"{etype.__name__}: {result.message}"]
        else:
            stb = [f"{etype.__name__}: {value}"]
        # IPython does not display what a custom handler returns: show it (this also
        # gives the kernel's error reply its one-line traceback, which nbgrader reports).
        self._showtraceback(etype, value, stb)
        return stb

    shell.set_custom_exc((*shell.custom_exceptions, CheckFailed, NameError), handler)

    original = shell.showsyntaxerror

    def showsyntaxerror(filename=None, running_compiled_code=False):
        etype, value, _ = sys.exc_info()
        if value is None or not isinstance(value, SyntaxError):
            return original(filename, running_compiled_code)
        result = friendly_error(value)
        display(result)
        shell._showtraceback(etype, value, [f"SyntaxError: {result.message}"])
        return None

    shell.showsyntaxerror = showsyntaxerror
    shell._course_friendly_errors = True
