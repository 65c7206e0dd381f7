"""The machinery behind exercise 01's checks (:mod:`course.checks.m01_privacy`).

* Q2: a note as Presidio's defaults leave it (:func:`review_note`), with what each word
  still visible is, and the learner's list of what they found held against it
  (:func:`judge_review`);
* Q3: numbers rounded down next to a goal (:func:`shown`, :func:`recall_table`), and a
  question whose "incorrect" result lists the identifiers still visible (:class:`ShowsLeaks`);
* Q4: the tokens of annotated notes (:class:`Classes`) and where a deny-list entry would
  hide an ordinary word (:func:`ordinary_hits`).

What counts as a leak is the course's one definition, :func:`course.privacy.find_leaks`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import regex as re

from ._core import Question, Status, Wrong

__all__ = [
    "Classes",
    "Review",
    "ShowsLeaks",
    "WrongWithDetails",
    "classes",
    "judge_review",
    "occurs",
    "ordinary_hits",
    "recall_table",
    "review_note",
    "shown",
]

_TOKEN = re.compile(r"[\p{L}\p{N}]+")

# ---- Q2: what Presidio's defaults left visible in one note --------------------------------------


@dataclass(frozen=True)
class Review:
    """A note after Presidio's defaults (``replace`` operator), with what each visible token is."""

    text: str
    tokens: list[tuple[int, int, str]]  # (start, end, kind) in ``text``: gold, provider, ordinary or tag
    leak_tokens: frozenset[int]  # indices (into ``tokens``) of the identifier tokens still visible


def review_note(note: dict) -> Review:
    """*note* as Presidio's defaults (:func:`course.privacy.default_spans`) leave it, each
    finding replaced by its type tag. The tokens to find are the words still readable of the
    identifiers that leak (:func:`course.privacy.find_leaks`).
    """
    from ..privacy import default_spans, find_leaks, readable_tokens, to_course_label, tokens
    from ..privacy.exercise import merge_spans

    text = note["text"]
    spans = merge_spans(default_spans([text])[0])
    out, origin, pos = [], [], 0
    for s in spans:
        out.append(text[pos:s.start])
        origin += range(pos, s.start)
        tag = f"<{to_course_label(s.label) or s.label}>"
        out.append(tag)
        origin += [None] * len(tag)
        pos = s.end
    out.append(text[pos:])
    origin += range(pos, len(text))
    shown_text = "".join(out)
    gold = [None] * len(text)
    for g in note["spans"]:
        for i in range(g["start"], g["end"]):
            gold[i] = g["label"]
    # the characters of the words still readable of each identifier that leaks
    readable = readable_tokens(text, spans)
    words = [t for t, r in zip(tokens(text), readable, strict=True) if r]
    leaking = set()
    for leak in find_leaks(note, readable=readable):
        for a, b in words:
            if a < leak.end and b > leak.start:
                leaking.update(range(a, b))
    toks, leak_tokens = [], set()
    for m in _TOKEN.finditer(shown_text):
        where = origin[m.start():m.end()]
        if any(w is None for w in where):
            kind = "tag"
        else:
            labels = {gold[w] for w in where}
            kind = "provider" if labels == {"PROVIDER"} else "gold" if labels - {None, "PROVIDER"} else "ordinary"
            if kind == "gold" and leaking.issuperset(where):
                leak_tokens.add(len(toks))
        toks.append((m.start(), m.end(), kind))
    return Review(shown_text, toks, frozenset(leak_tokens))


def typed_pattern(item: str) -> re.Pattern:
    """Where *item* occurs in a text as typed (capital letters count), as whole words."""
    body = r"\s+".join(re.escape(part) for part in item.split())
    return re.compile(r"(?<![\p{L}\p{N}])" + body + r"(?![\p{L}\p{N}])")


def judge_review(review: Review, items: Sequence[str]) -> tuple[list[str], list[str], bool]:
    """The learner's list held against *review*: ``(absent, ordinary, missed)``: the items not
    in the note as typed, the items that are never an identifier where they occur, and whether
    an identifier word still visible is on no item.
    """
    from ..privacy import ALLOW_LIST

    marked: set[int] = set()
    absent, ordinary = [], []
    for item in items:
        found_here = False
        occurrences = list(typed_pattern(item).finditer(review.text))
        for m in occurrences:
            inside = [i for i, (a, b, _) in enumerate(review.tokens) if a < m.end() and b > m.start()]
            kinds = [(review.tokens[i][2], review.text[review.tokens[i][0]:review.tokens[i][1]]) for i in inside]
            if any(k == "ordinary" and w.lower() not in ALLOW_LIST for k, w in kinds):
                continue
            gold = [i for i in inside if review.tokens[i][2] == "gold"]
            if gold:
                found_here = True
                marked.update(gold)
        if not occurrences:
            absent.append(item)
        elif not found_here:
            ordinary.append(item)
    return absent, ordinary, bool(review.leak_tokens - marked)


# ---- Q3: numbers next to a goal, and the identifiers still visible ------------------------------


def shown(value: float, digits: int = 3, percent: bool = False) -> str:
    """*value* with *digits* decimals (or as a whole percentage), **rounded down**: a result
    below a goal (a multiple of 0.001) never shows as meeting it, and one that meets it
    always does.

    The values are ratios of token counts, far from the rounding edge unless exactly on
    it; the 1e-9 keeps an exact 0.95 from showing as 0.949.
    """
    if percent:
        return f"{math.floor(value * 100 + 1e-9)}%"
    return f"{math.floor(value * 10**digits + 1e-9) / 10**digits:.{digits}f}"


def recall_table(ev) -> Any:
    """The per-label table of an evaluation, recall rounded down (see :func:`shown`)."""
    table = ev.table()[["gold tokens", "found", "recall"]].copy()
    table["recall"] = [float(shown(f / g)) if g else float("nan") for f, g in zip(table["found"], table["gold tokens"], strict=True)]
    return table


class WrongWithDetails(Wrong):
    """A wrong answer whose message comes with a list of details (shown as bullet points)."""

    def __init__(self, message: str, details: Sequence[str]) -> None:
        super().__init__(message)
        self.details = list(details)


class ShowsLeaks(Question):
    """A :class:`Question` whose "incorrect" result lists the identifiers still visible."""

    def check(self, answer: Any, **kwargs: Any):
        details: list[str] = []
        checker = self._checker

        def capture(a: Any, **kw: Any):
            try:
                return checker(a, **kw)
            except WrongWithDetails as exc:
                details.extend(exc.details)
                raise

        self._checker = capture
        try:
            result = super().check(answer, **kwargs)
        finally:
            self._checker = checker
        result.details = details if result.status is Status.INCORRECT else []
        return result


# ---- Q4: what a deny list hides ---------------------------------------------------------------


@dataclass(frozen=True)
class Classes:
    """Per note: its tokens and whether each is an identifier, a staff name or an ordinary word."""

    texts: tuple[str, ...]
    tokens: tuple[tuple[tuple[int, int, str | None], ...], ...]


def classes(notes: Sequence[dict]) -> Classes:
    """The :class:`Classes` of annotated *notes*."""
    from ..privacy import token_labels

    out = [tuple(token_labels(note["text"], note.get("spans", []))) for note in notes]
    return Classes(tuple(n["text"] for n in notes), tuple(out))


def ordinary_hits(classes: Classes, term: str, limit: int = 3) -> list[str]:
    """Up to *limit* places where *term* (a deny-list entry) would hide an ordinary word."""
    from ..privacy.exercise import deny_spans

    hits = []
    for text, toks in zip(classes.texts, classes.tokens, strict=True):
        for a, b in deny_spans(text, [term]):
            if any(x < b and y > a and lab is None for x, y, lab in toks):
                hits.append("'" + " ".join(text[max(0, a - 25):min(len(text), b + 25)].split()) + "'")
                if len(hits) >= limit:
                    return hits
    return hits


def occurs(classes: Classes, term: str) -> Iterable[bool]:
    """For each note, whether the deny-list entry *term* occurs in it (as a whole word, any case)."""
    from ..privacy.exercise import deny_spans

    for text in classes.texts:
        yield bool(deny_spans(text, [term]))
