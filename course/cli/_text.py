"""Text that came from learners (ids, file names), made safe to print on a terminal."""

from __future__ import annotations

import re

__all__ = ["plain"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def plain(text: str, limit: int = 300) -> str:
    """*text* without terminal control characters (escape sequences, bidi overrides), shortened."""
    text = _CONTROL.sub("?", str(text))
    return text if len(text) <= limit else text[: limit - 1] + "…"
