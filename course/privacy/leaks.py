"""What counts as a leak: one definition for the whole course.

An identifier **leaks** when, after de-identification, a reader can still read **any one of
its words**: a *token*, a run of letters or digits (``555-0123`` is two tokens, ``O'Neil``
two). One word of a name, an initial or the two digits left of a record number is enough:
someone who knows the client may need no more. Capital letters make no difference
(``hope moody`` leaks ``Hope Moody``). The identifiers are the hand-labelled (gold) spans of
a note; the names of clinicians and staff (``PROVIDER``) are **scored apart**, because
Safe Harbor is about the client and their relatives, employers and household.

A word of an identifier counts only *where the identifier is*: the name ``Hope`` leaks,
while the ordinary word ``hope`` further on in the same note does not (it was never an
identifier). Which words are still readable is known in one of two ways:

* from **what was hidden** (predicted spans, character ranges): a token is readable when
  nothing hidden touches it (:func:`readable_tokens`; :func:`course.privacy.evaluate` and
  module 01 count this way);
* from the **de-identified text** alone: read alongside the original note, the words the
  two have in common, in order and ignoring capital letters, are the ones left readable
  (:func:`surviving_tokens`; a type tag such as ``<NAME>`` marks where something was
  hidden, and is not a word of the note). In the rare case where the alignment cannot tell
  an identifier's word from the same word right next to it, the doubt counts as a leak.
  Module 07 counts this way.

:func:`find_leaks` applies the definition to one note, given either.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex as re

__all__ = ["APART", "Leak", "find_leaks", "readable_tokens", "surviving_tokens", "tokens"]

_TOKEN = re.compile(r"[\p{L}\p{N}]+")
#: A word of a de-identified text, or a mark of something hidden there: a type tag of the
#: ``replace`` operator (``<NAME>``, ``<AGE_OVER_89>``) or the stars of ``mask``.
_OUT = re.compile(r"(<[A-Z][A-Z0-9_]*>|\*+)|[\p{L}\p{N}]+")
_HIDDEN = "\x00"  # stands for such a mark: equal to no token of the original
#: Scored apart from the Safe Harbor identifiers (clinicians' and staff names).
APART = frozenset({"PROVIDER"})


def tokens(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every token (run of letters or digits) in *text*."""
    return [m.span() for m in _TOKEN.finditer(text)]


@dataclass(frozen=True)
class Leak:
    """A gold identifier that was not (completely) hidden."""

    doc_id: str
    label: str
    text: str
    start: int
    end: int

    def __str__(self) -> str:
        return f"{self.doc_id}: {self.label} {self.text!r}"


def _range(span) -> tuple[int, int]:
    if isinstance(span, tuple):
        return span[0], span[1]
    if isinstance(span, dict):
        return span["start"], span["end"]
    return span.start, span.end


def readable_tokens(text: str, hidden: Iterable) -> list[bool]:
    """For every token of *text*, whether it is still readable once the *hidden* ranges are hidden.

    *hidden*: spans (:class:`~course.privacy.Span`, Presidio results, dicts with ``start``
    and ``end``) or ``(start, end)`` tuples. A token any hidden range touches is hidden.
    """
    toks = tokens(text)
    readable = [True] * len(toks)
    ends = [b for _, b in toks]
    for start, end in (_range(s) for s in hidden):
        j = bisect.bisect_right(ends, start)
        while j < len(toks) and toks[j][0] < end:
            readable[j] = False
            j += 1
    return readable


def surviving_tokens(original: str, deidentified: str) -> list[bool]:
    """For every token of *original*, whether it is still readable in *deidentified*.

    The tokens of the two texts are aligned in order, capital letters ignored (the longest
    runs in common first, as :class:`difflib.SequenceMatcher` does). A type tag such as
    ``<NAME>`` (or ``mask``'s stars) marks a place where something was hidden: no run in
    common goes across it.
    """
    orig = [original[a:b].lower() for a, b in tokens(original)]
    out = [_HIDDEN if m.group(1) else m.group().lower() for m in _OUT.finditer(deidentified)]
    readable = [False] * len(orig)
    for i, _, n in difflib.SequenceMatcher(None, orig, out, autojunk=False).get_matching_blocks():
        readable[i:i + n] = [True] * n
    return readable


def find_leaks(doc: dict, hidden: Iterable | None = None, *, deidentified: str | None = None,
               readable: Sequence[bool] | None = None, doc_id: str | None = None) -> list[Leak]:
    """The gold identifiers of *doc* that leak (see the module's docstring), in the order of its spans.

    Parameters
    ----------
    doc : dict
        A note: ``text`` and gold ``spans`` (``start``, ``end``, ``label``), optionally ``id``.
    hidden : iterable, optional
        What the de-identifier hid (spans or ``(start, end)`` ranges of ``doc["text"]``).
    deidentified : str, optional
        Or: the de-identified text, when what was hidden is not known.
    readable : sequence of bool, optional
        Or: for each token of ``doc["text"]``, whether it is still readable.
    doc_id : str, optional
        The note's name in each :class:`Leak` (default: ``doc["id"]``, or ``""``).
    """
    text = doc["text"]
    if sum(x is not None for x in (hidden, deidentified, readable)) != 1:
        raise ValueError("give exactly one of hidden, deidentified and readable")
    if readable is None:
        readable = surviving_tokens(text, deidentified) if hidden is None else readable_tokens(text, hidden)
    toks = tokens(text)
    if len(readable) != len(toks):
        raise ValueError(f"{len(readable)} readable flags for {len(toks)} tokens")
    name = str(doc.get("id", "")) if doc_id is None else doc_id
    out = []
    for s in doc.get("spans", []):
        if s["label"] in APART:
            continue
        if any(readable[i] for i, (a, b) in enumerate(toks) if a < s["end"] and b > s["start"]):
            out.append(Leak(name, s["label"], text[s["start"]:s["end"]], s["start"], s["end"]))
    return out
