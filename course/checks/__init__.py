"""Self-checks and grade functions, one module per exercise notebook.

``from course.checks import m00_welcome as checks`` then ``checks.q1.check(answer)``.
"""

from ._core import (
    CORRECT,
    NOT_ATTEMPTED,
    CheckFailed,
    NotAttempted,
    Question,
    Result,
    Status,
    Wrong,
    is_blank,
)

__all__ = [
    "CORRECT",
    "NOT_ATTEMPTED",
    "CheckFailed",
    "NotAttempted",
    "Question",
    "Result",
    "Status",
    "Wrong",
    "is_blank",
]
