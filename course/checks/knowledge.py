"""Knowledge-test items (pre-test and post-test): scenario-based multiple choice.

The learner answers with one letter in quotes, ``"b"``. A knowledge test must not give
the answers away, so the self-check under each item only confirms that the answer is
*recorded* in a form the grader can read (a letter that is one of the options). It
never shows ✅, so it can never disagree with the grader. The answer key lives only in
the nbgrader hidden-test block of each grade cell in ``solutions/pre_test`` and
``solutions/post_test``: ``checks.q1.grade(answer_q1, key="b")``.

Each item is a :class:`~course.checks.Question` with a ``choice``-style checker.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from ._core import Question, Result, Status, Wrong

__all__ = [
    "FORMAT",
    "KnowledgeItem",
    "NOT_KEYED",
    "RECORDED",
    "Recorded",
    "items_for",
]

OPTIONS = ("a", "b", "c", "d")
#: Feedback strings (tests assert on these).
FORMAT = "Please answer with one letter in quotes: \"a\", \"b\", \"c\" or \"d\"."
RECORDED = ("Answer recorded: {letter!r}. It is scored when your test is graded; "
            "the right answers are not shown here.")
NOT_KEYED = "This is not the answer the course expects."


def _letter(answer: object) -> str:
    if not isinstance(answer, str) or answer.strip().lower() not in OPTIONS:
        raise Wrong(FORMAT)
    return answer.strip().lower()


def _choice(answer: object, key: str | None = None) -> None:
    letter = _letter(answer)
    if key is not None and letter != _letter(key):
        raise Wrong(NOT_KEYED)


@dataclass
class Recorded:
    """The self-check of a knowledge-test item: the answer is readable; not whether it is right."""

    question: str
    letter: str

    @property
    def correct(self) -> bool:
        """Always False: a recorded answer never claims to be right."""
        return False

    def __bool__(self) -> bool:
        return False

    def text(self) -> str:
        """The plain-text line the learner sees."""
        return f"📝 {self.question} - recorded: {RECORDED.format(letter=self.letter)}"

    __str__ = __repr__ = text

    def _repr_html_(self) -> str:
        return (
            '<div class="course-check course-check-recorded" role="status" '
            'style="background:#e8f0fe;border-left:6px solid #1a56b0;padding:8px 12px;'
            'margin:4px 0;border-radius:4px;color:#202124">'
            f"<b>📝 {html.escape(self.question)} &middot; recorded</b><br>"
            f"{html.escape(RECORDED.format(letter=self.letter))}</div>"
        )


class KnowledgeItem(Question):
    """One multiple-choice item of the pre- or post-test.

    ``check(answer)`` (the learner's self-check) confirms the format only and returns
    :class:`Recorded`, or the usual not-attempted / incorrect-format result.
    ``grade(answer, key=...)`` (the hidden grade cell) fails unless *answer* is *key*;
    ``grade(answer)`` without a key (the visible part of the grade cell) fails only on a
    blank or unreadable answer.
    """

    def __init__(self, qid: str, title: str) -> None:
        super().__init__(qid, title, _choice, hints=(), solution=None)

    def check(self, answer: Any, **kwargs: Any) -> Result | Recorded:
        """The self-check: a well-formed answer is recorded, never marked right or wrong."""
        result = super().check(answer, **kwargs)
        if result.status is Status.CORRECT and "key" not in kwargs:
            return Recorded(result.question, _letter(answer))
        return result

    def grade(self, answer: Any, **kwargs: Any) -> None:
        """The grade cell: fails unless *answer* is *key* (or, without a key, on a blank answer)."""
        result = super().check(answer, **kwargs)
        if result.status is not Status.CORRECT:
            from ._core import CheckFailed, install_friendly_errors

            install_friendly_errors()
            # Never the key, never which option would have been right.
            why = "not attempted" if result.status is Status.NOT_ATTEMPTED else "not scored"
            raise CheckFailed(f"{result.question} {why}.")
        return None

    def hint(self, n: int = 1):  # noqa: ARG002 - a test gives no hints
        """No hints in a knowledge test; says so."""
        from ._core import _show, _Text

        return _show(_Text(f"{self.title}: hint", "There are no hints in a knowledge test: choose the option you think is best."))


def items_for(test: str) -> dict[str, KnowledgeItem]:
    """``{"q1": KnowledgeItem("post_q1", "Q1"), ...}`` for ``test`` = ``"pre"`` or ``"post"``,
    one per item the syllabus names.
    """
    from ..syllabus import load

    out = {}
    for item in load().test_items(test):
        n = item.rsplit("q", 1)[1]
        out[f"q{n}"] = KnowledgeItem(item, f"Q{n}")
    return out
