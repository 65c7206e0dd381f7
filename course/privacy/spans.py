"""Spans: trimming a finding to the identifier itself, merging overlapping findings, and
finding again, everywhere in a note, a name found once.
"""

from __future__ import annotations

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


_EDGES = " \t\r\n,;:|"


def _segments(candidates: Sequence[tuple[int, int, str, float]]) -> list[tuple[int, int, str, float]]:
    """The covered stretches of text, each with the label of the highest-scoring candidate
    covering it (the first one given, on a tie).
    """
    points = sorted({p for c in candidates for p in (c[0], c[1])})
    order = sorted(range(len(candidates)), key=lambda k: candidates[k][0])
    segments = []
    active: list[int] = []
    nxt = 0
    for a, b in zip(points, points[1:], strict=False):
        while nxt < len(order) and candidates[order[nxt]][0] <= a:
            active.append(order[nxt])
            nxt += 1
        active = [k for k in active if candidates[k][1] > a]
        if not active:
            continue
        best = min(active, key=lambda k: (-candidates[k][3], k))
        segments.append((a, b, candidates[best][2], candidates[best][3]))
    return segments


def _resolve(text: str, candidates: Sequence[tuple[int, int, str, float]]) -> list[Span]:
    """Merge overlapping candidates: every character any candidate covers stays covered
    (redaction is a union), labelled by the highest-scoring candidate covering it.
    """
    candidates = [c for c in candidates if c[1] > c[0]]
    if not candidates:
        return []
    spans: list[Span] = []
    run_start = run_end = None
    run_label, run_score = "", 0.0
    for a, b, label, score in _segments(candidates):
        joinable = run_end is not None and label == run_label and (
            a == run_end or (a - run_end == 1 and not text[run_end:a].strip()))
        if joinable:
            run_end, run_score = b, max(run_score, score)
        else:
            if run_start is not None:
                spans.append(Span(run_start, run_end, run_label, run_score))
            run_start, run_end, run_label, run_score = a, b, label, score
    if run_start is not None:
        spans.append(Span(run_start, run_end, run_label, run_score))
    out = []
    for s in spans:
        piece = text[s.start:s.end]
        start = s.start + len(piece) - len(piece.lstrip(_EDGES))
        end = s.end - (len(piece) - len(piece.rstrip(_EDGES)))
        if end > start:
            out.append(Span(start, end, s.label, s.score))
    return out


def _propagate(text: str, spans: list[Span], allowed: frozenset[str],
               lower_note: bool = False) -> list[tuple[int, int, str, float]]:
    """Find every other occurrence, in the same note, of the words of names already found."""
    words: dict[str, tuple[str, float]] = {}
    confident: set[str] = set()
    for s in spans:
        if s.label not in ("NAME", "PROVIDER"):
            continue
        for m in _WORD.finditer(text, s.start, s.end):
            w = m.group()
            if len(w) < 2 or w.lower() in allowed or w.lower() in _NOT_NAMES or not (w[0].isupper() or lower_note):
                continue
            key = w.lower()
            if key not in words or (s.label == "NAME" and words[key][0] != "NAME"):
                words[key] = (s.label, min(s.score, 0.8))
            if s.score >= 0.8:
                confident.add(key)
    if not words:
        return []
    extra = []
    for m in _COMPOUND.finditer(text):
        parts = [p.span() for p in _PART.finditer(text, m.start(), m.end())]
        k = 0
        while k < len(parts):
            for e in range(len(parts), k, -1):  # the longest name first: "Anne-Marie" before "Anne"
                a, b = parts[k][0], parts[e - 1][1]
                found = text[a:b]
                key = found.lower()
                if key in words and _case_fits(found, key, lower_note and key in confident):
                    label, score = words[key]
                    extra.append((a, b, label, score))
                    k = e
                    break
            else:
                k += 1
    return extra


def _case_fits(found: str, key: str, lower_ok: bool) -> bool:
    """Names that are also words (Hope, Grant, Will) count only when capitalised (or in
    capitals: "GRANT, HOPE"), or, in a note typed all in lower case, when they were found
    with high confidence ("my sister joy ... joy said").
    """
    if key not in COMMON_WORD_NAMES:
        return True
    return found == key[0].upper() + key[1:] or found.isupper() or (lower_ok and found == key)


_COMPOUND = re.compile(r"[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*")
_PART = re.compile(r"[\p{L}\p{N}]+")


_DOT_WORD = re.compile(r"\.\w")
_COLON = re.compile(r"[ \t]*:")
_TWO_LETTERS = re.compile(r"\p{L}{2}")
_DR_BEFORE = re.compile(r"\b(?:Dr|Doctor|Prof)\.?\s*$")
_CREDENTIAL_AFTER = re.compile(r",?\s+(?:MD|DO|PhD|PsyD|LCSW|LICSW|LMSW|LPC|LPCC|LMHC|LMFT|LCPC|NP|PMHNP|APRN|RN|MSW)\b")
_CODE = re.compile(r"^(?:[A-Z]\d{2}(?:\.\d{1,4})?|\d{5}|[A-Z]{2,6}-?\d{1,2}|\d+(?:/\d+)?)$")
_PARTICLES = frozenset("de da del della van von der den di du la le al el bin ibn dos das do".split())
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
        if label in ("NAME", "PROVIDER") and w in _PARTICLES:
            return False  # "de la Cruz", not Delaware and Louisiana
        return w.lower() in allowed or m.group().lower() in allowed or (label != "LOCATION" and bool(_CODE.match(w)))

    i, j = 0, len(words)
    while i < j and junk(words[i]):
        i += 1
    while j > i and junk(words[j - 1]):
        j -= 1
    if i == j:
        return start, start
    return words[i].start(), words[j - 1].end()

