"""Self-checks and grade functions, one module per exercise notebook.

``from course.checks import m00_welcome as checks`` then ``checks.q1.check(answer)``.

Importing this package in a notebook registers the course's plain-words messages for
beginner errors (a missing answer, an unquoted word, a half-typed list): a cheap,
idempotent registration with IPython, and the one thing done at import time.
"""

from ._core import (
    CORRECT,
    NOT_ATTEMPTED,
    BadFormat,
    CheckFailed,
    NotAttempted,
    Question,
    Result,
    Status,
    Wrong,
    as_bool,
    as_choices,
    as_letter,
    as_letters,
    as_mapping,
    as_number,
    as_text,
    install_friendly_errors,
    is_blank,
)

install_friendly_errors()

__all__ = [
    "CORRECT",
    "NOT_ATTEMPTED",
    "BadFormat",
    "CheckFailed",
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
