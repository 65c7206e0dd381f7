"""Self-checks and grade functions: one :class:`Question` per exercise question.

A learner's self-check cell and the nbgrader grade cell call the same
:meth:`Question.check`, so they cannot disagree. Answers are always passed in as
arguments; nothing here reads a notebook's globals.
"""

from __future__ import annotations

import html
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

__all__ = [
    "CORRECT",
    "CheckFailed",
    "NOT_ATTEMPTED",
    "NotAttempted",
    "Question",
    "Result",
    "Status",
    "Wrong",
    "is_blank",
]

#: Feedback strings shown to learners (tests assert on these).
CORRECT = "Correct - well done."
NOT_ATTEMPTED = "Not attempted yet: write your answer in the cell above, run it, then run this check again."
ERROR_PREFIX = "Your answer caused an error while it was being checked"
NO_MORE_HINTS = "There are no more hints for this question."
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


def _install_friendly_traceback() -> None:
    """In IPython, show a failed grade cell as one plain sentence, not a traceback."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return
    shell = get_ipython()
    if shell is None or CheckFailed in getattr(shell, "custom_exceptions", ()):
        return

    def handler(self, etype, value, tb, tb_offset=None):  # noqa: ARG001
        stb = [f"{etype.__name__}: {value}"]
        # IPython does not display what a custom handler returns: show it (this also
        # gives the kernel's error reply its one-line traceback, which nbgrader reports).
        self._showtraceback(etype, value, stb)
        return stb

    shell.set_custom_exc((*shell.custom_exceptions, CheckFailed), handler)


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
        label = f"{self.title} ({self.qid})"
        try:
            if self._blank(answer):
                raise NotAttempted
            message = self._checker(answer, **kwargs)
        except NotAttempted:
            return Result(label, Status.NOT_ATTEMPTED, NOT_ATTEMPTED)
        except Wrong as exc:
            return Result(label, Status.INCORRECT, str(exc))
        except Exception as exc:  # learner code raised
            where = traceback.extract_tb(exc.__traceback__)[-1]
            return Result(
                label,
                Status.ERROR,
                f"{ERROR_PREFIX}: {type(exc).__name__}: {exc}",
                [f"(line {where.lineno} of {where.name})"] if where else [],
            )
        return Result(label, Status.CORRECT, message or CORRECT)

    def grade(self, answer: Any, **kwargs: Any) -> None:
        """Like :meth:`check`, but raise :class:`CheckFailed` unless correct.

        nbgrader grade cells call this; a failed cell scores zero. It returns
        ``None`` so that a passing grade cell shows no output (nbgrader reads a
        grade cell's displayed value as a partial score).
        """
        result = self.check(answer, **kwargs)
        if not result.correct:
            _install_friendly_traceback()
            raise CheckFailed(f"{result.question} {result.status.value}: {result.message} {GRADE_HINT}")
        return None

    def hint(self, n: int = 1) -> _Text:
        """Hint number *n* (1 is the gentlest)."""
        if not self.hints:
            return _Text(f"{self.title}: hint", NO_MORE_HINTS)
        if n < 1 or n > len(self.hints):
            return _Text(f"{self.title}: hint {n}", f"{NO_MORE_HINTS} (there are {len(self.hints)}.)")
        return _Text(f"{self.title}: hint {n} of {len(self.hints)}", self.hints[n - 1])

    def solution(self) -> _Text:
        """The worked answer, where the course provides one."""
        return _Text(f"{self.title}: a worked answer", self._solution or NO_SOLUTION)
