"""Span-tracking text builder shared by the generators of annotated documents.

Text is built by appending literal pieces and *labelled values*; each value's
character offsets are recorded as it is appended, so the gold spans are exact by
construction (``text[start:end] == value``, end exclusive).
"""

from __future__ import annotations

import string
from dataclasses import dataclass

__all__ = ["V", "DocBuilder"]

_FORMATTER = string.Formatter()


@dataclass(frozen=True)
class V:
    """A labelled value: appended to a document, it becomes a gold span."""

    label: str
    text: str

    def __post_init__(self) -> None:
        if not self.text or self.text != self.text.strip():
            raise ValueError(f"a labelled value must be non-empty and stripped: {self.text!r}")


class DocBuilder:
    """Append text and labelled values; offsets are computed as you go."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._spans: list[dict] = []
        self._len = 0

    def add(self, *items) -> DocBuilder:
        """Append literal strings, :class:`V` values or (nested) lists of them."""
        for item in items:
            if item is None:
                continue
            if isinstance(item, (list, tuple)):
                self.add(*item)
            elif isinstance(item, V):
                self._spans.append({"start": self._len, "end": self._len + len(item.text), "label": item.label})
                self._parts.append(item.text)
                self._len += len(item.text)
            else:
                text = str(item)
                self._parts.append(text)
                self._len += len(text)
        return self

    def f(self, template: str, **values) -> DocBuilder:
        """Append *template*, replacing ``{key}`` with ``values[key]`` (str, V or list)."""
        for literal, field, _spec, _conv in _FORMATTER.parse(template):
            if literal:
                self.add(literal)
            if field is not None:
                if field not in values:
                    raise KeyError(f"template field {field!r} has no value")
                self.add(values[field])
        return self

    @property
    def text(self) -> str:
        """The text so far."""
        return "".join(self._parts)

    def result(self) -> tuple[str, list[dict]]:
        """``(text, spans)``; spans sorted by start."""
        text = self.text
        spans = sorted(self._spans, key=lambda s: (s["start"], s["end"]))
        return text, [dict(s) for s in spans]
