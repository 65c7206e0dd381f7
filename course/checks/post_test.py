"""Checks for the post-test (grade ids post_q1, post_q2, ...): one :class:`~course.checks.knowledge.KnowledgeItem`
per item the syllabus names. The pre-test is its parallel form. Self-checks confirm only that an
answer is recorded; the answer key is in the nbgrader hidden tests of ``solutions/post_test``.
"""

from __future__ import annotations

from .knowledge import KnowledgeItem, items_for

_ITEMS: dict[str, KnowledgeItem] = items_for("post")
globals().update(_ITEMS)

__all__ = sorted(_ITEMS, key=lambda q: int(q[1:]))
