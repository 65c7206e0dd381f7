"""Spans: trimming a finding to the identifier itself, merging overlapping findings, and
finding again, everywhere in a note, a name found once."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import regex as re

from .recognizers import COMMON_WORD_NAMES
from .words import _NOT_NAMES

__all__ = ["Span"]

_TITLE_PREFIX = re.compile(r"^(?:(?:Dr|Mr|Mrs|Ms|Mx|Miss|Prof|Doctor)\.?\s+)+")
_TRAILING = re.compile(r"(?:['’]s|['’])?[\s.,;:)\]]*$")
_LEADING = re.compile(r"^[\s(\[,;:]+")
_WORD = re.compile(r"[\p{L}][\p{L}'’-]*[\p{L}]|[\p{L}]")


@dataclass(frozen=True)
class Span:
    """One identifier found in a text: ``text[start:end]``, its label and score."""

    start: int
    end: int
    label: str
    score: float

    def to_dict(self) -> dict:
        """``{"start", "end", "label", "score"}`` (score rounded to 3 places)."""
        d = asdict(self)
        d["score"] = round(float(self.score), 3)
        return d



def _strip_span(text: str, start: int, end: int, label: str) -> tuple[int, int]:
    """Trim whitespace, punctuation, titles and possessives from a span's edges."""
    piece = text[start:end]
    m = _LEADING.match(piece)
    if m:
        start += m.end()
        piece = text[start:end]
    if label in ("NAME", "PROVIDER"):
        m = _TITLE_PREFIX.match(piece)
        if m and m.end() < len(piece):
            start += m.end()
            piece = text[start:end]
        m = _TRAILING.search(piece)
        if m and m.start() > 0:
            end = start + m.start()
    else:
        stripped = piece.rstrip(" \t\n,;:)]")
        if label not in ("LOCATION",) and stripped.endswith(".") and not _DOT_WORD.search(stripped):
            stripped = stripped[:-1]
        end = start + len(stripped)
    return start, end


def _resolve(text: str, candidates: Sequence[tuple[int, int, str, float]]) -> list[Span]:
    """Merge overlapping candidates: every character any candidate covers stays covered
    (redaction is a union), labelled by the highest-scoring candidate covering it."""
    if not candidates:
        return []
    labels: dict[int, tuple[float, str]] = {}
    for start, end, label, score in candidates:
        for i in range(start, end):
            cur = labels.get(i)
            if cur is None or score > cur[0]:
                labels[i] = (score, label)
    spans: list[Span] = []
    run_start = prev = None
    run_label, run_score = "", 0.0
    for i in sorted(labels):
        score, label = labels[i]
        joinable = prev is not None and label == run_label and (i == prev + 1 or not text[prev + 1:i].strip())
        if run_start is not None and joinable and i - prev <= 2:
            run_score = max(run_score, score)
        else:
            if run_start is not None:
                spans.append(Span(run_start, prev + 1, run_label, run_score))
            run_start, run_label, run_score = i, label, score
        prev = i
    if run_start is not None:
        spans.append(Span(run_start, prev + 1, run_label, run_score))
    out = []
    for s in spans:
        piece = text[s.start:s.end]
        start = s.start + len(piece) - len(piece.lstrip())
        end = s.end - (len(piece) - len(piece.rstrip()))
        if end > start:
            out.append(Span(start, end, s.label, s.score))
    return out


def _propagate(text: str, spans: list[Span], allowed: frozenset[str]) -> list[tuple[int, int, str, float]]:
    """Find every other occurrence, in the same note, of the words of names already found."""
    words: dict[str, tuple[str, float]] = {}
    for s in spans:
        if s.label not in ("NAME", "PROVIDER"):
            continue
        for m in _WORD.finditer(text, s.start, s.end):
            w = m.group()
            if len(w) < 2 or w.lower() in allowed or w.lower() in _NOT_NAMES or not w[0].isupper():
                continue
            key = w.lower()
            if key not in words or (s.label == "NAME" and words[key][0] != "NAME"):
                words[key] = (s.label, min(s.score, 0.8))
    if not words:
        return []
    anycase = [w for w in words if w not in COMMON_WORD_NAMES]
    exact = [w for w in words if w in COMMON_WORD_NAMES]
    alternatives = [re.escape(w) for w in sorted(anycase, key=len, reverse=True)]
    # Names that are also words (Hope, Grant, Will) only count when capitalised.
    alternatives += [rf"(?-i:{re.escape(w[0].upper() + w[1:])})" for w in sorted(exact, key=len, reverse=True)]
    pattern = _alternation("|".join(alternatives))
    extra = []
    for m in pattern.finditer(text):
        label, score = words[m.group().lower()]
        extra.append((m.start(), m.end(), label, score))
    return extra


@functools.lru_cache(maxsize=256)
def _alternation(alternatives: str):
    return re.compile(r"(?<![\p{L}\p{N}])(?:" + alternatives + r")(?![\p{L}\p{N}])", re.IGNORECASE)


_DOT_WORD = re.compile(r"\.\w")
_COLON = re.compile(r"[ \t]*:")
_TWO_LETTERS = re.compile(r"\p{L}{2}")
_DR_BEFORE = re.compile(r"\b(?:Dr|Doctor|Prof)\.?\s*$")
_CREDENTIAL_AFTER = re.compile(r",?\s+(?:MD|DO|PhD|PsyD|LCSW|LICSW|LMSW|LPC|LPCC|LMHC|LMFT|LCPC|NP|PMHNP|APRN|RN|MSW)\b")
_CODE = re.compile(r"^(?:[A-Z]\d{2}(?:\.\d{1,4})?|\d{5}|[A-Z]{2,6}-?\d{1,2}|\d+(?:/\d+)?)$")
_PIECE_WORD = re.compile(r"[\p{L}\p{N}][\p{L}\p{N}.'’/&-]*")


def _trim_words(text: str, start: int, end: int, label: str, allowed: frozenset[str]) -> tuple[int, int]:
    """Cut allowed words (headings, measures, credentials) and codes off a span's edges."""
    words = list(_PIECE_WORD.finditer(text, start, end))

    def junk(m) -> bool:
        w = m.group().rstrip(".")
        if any(ch.isdigit() for ch in w) and label in ("NAME", "PROVIDER"):
            return True
        if w.lower() in _NOT_NAMES and label != "LOCATION":
            return True
        return w.lower() in allowed or m.group().lower() in allowed or (label != "LOCATION" and bool(_CODE.match(w)))

    i, j = 0, len(words)
    while i < j and junk(words[i]):
        i += 1
    while j > i and junk(words[j - 1]):
        j -= 1
    if i == j:
        return start, start
    return words[i].start(), words[j - 1].end()

