"""Check a consent script for the nine consent elements a client needs to hear.

The checker runs offline and reads a script the way a careful client would:

1. **Layout** (:mod:`course.consent.structure`): the text is split into sentences that
   know their heading, whether it is a Markdown heading, an FAQ question, a table row
   label, a form clause title ("3. Purpose.") or an inline label ("Limits: ..."), and
   whether a yes/no heading was answered "yes" or "no".
2. **Who does what to what** (:mod:`course.consent.nlp`): spaCy's dependency parse and
   lemmas say whether the tool, staff or the client does something, to which
   information, and whether it is negated ("it does not record video").
3. **Element rules** (:mod:`course.consent.rules`): one rule per element scores each
   sentence; statements elsewhere in the text can cancel an element ("optional" next to
   "required" is not a free choice).
4. **Evidence**: each element shows the sentence that supports it best, and two elements
   share a sentence only when no other sentence supports one of them.

It also measures the reading grade level (Flesch-Kincaid), counts words, and warns when
the text is empty, does not look like English, or is far too long to be a script.

It is a teaching aid and a first screen, not a judge: a person still reads the script.
``course consent-check --evaluate GOLD.jsonl`` (:mod:`course.consent.evaluate`) measures how
well it agrees with careful human labelling.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .nlp import MAX_PARSED, Clause, Context, clauses, load_pipeline, shallow_clauses
from .patterns import (
    DECIDE_VERBS,
    FUNCTION_VERBS,
    INTAKE_VERBS,
    KEEP_VERBS,
    MAKE_VERBS,
    REVIEW_VERBS,
    SEE_VERBS,
    form_index,
    rx,
)
from .readability import (
    LANG_NAMES,
    count_syllables,
    detect_language,
    fk_grade,
    split_sentences,
    word_count,
    words,
)
from .rules import NEEDS_PARSE, RULES, vetoes
from .structure import Unit, segment, tool_names

__all__ = [
    "ELEMENTS",
    "ELEMENT_NAMES",
    "SUGGESTIONS",
    "MAX_CHARS",
    "LONG_WORDS",
    "ConsentReport",
    "check_script",
    "detect_language",
    "fk_grade",
    "count_syllables",
    "split_sentences",
    "word_count",
]

#: The nine consent elements, in the order the course teaches them.
ELEMENTS: tuple[str, ...] = (
    "ai_description",
    "data_collected",
    "data_use",
    "data_protection",
    "risks_limitations",
    "human_oversight",
    "voluntary",
    "withdrawal",
    "questions",
)

#: Plain-language names of the elements.
ELEMENT_NAMES: dict[str, str] = {
    "ai_description": "What the AI tool is and what it does",
    "data_collected": "What client information it collects or records",
    "data_use": "What the information is used for (sharing, training the vendor's AI)",
    "data_protection": "How it is protected: storage, encryption, retention, deletion, who can access it",
    "risks_limitations": "Risks and limits: errors, bias, breaches, not for emergencies",
    "human_oversight": "The clinician stays responsible and reviews what the tool produces",
    "voluntary": "Saying no is fine and does not affect care",
    "withdrawal": "The client can change their mind later, and how",
    "questions": "An invitation to ask questions, or whom to contact",
}

#: What to add when an element is missing (shown in reports and the widget).
SUGGESTIONS: dict[str, str] = {
    "ai_description": "Say in plain words what the tool is and what it does, e.g. 'a program that listens to our session and writes a first draft of my notes'.",
    "data_collected": "Say what it collects: e.g. 'it records the audio of our conversation' or 'it only sees the notes I type'.",
    "data_use": "Say what the information is used for and what it is not used for, e.g. 'only to write the draft; the company may not use it to train its AI or share it'.",
    "data_protection": "Be specific about protection: encryption, where it is stored, how long it is kept and when it is deleted, who can see it, the agreement with the vendor. 'We take privacy seriously' is not enough.",
    "risks_limitations": "Name the risks and limits: it can make mistakes or mishear, it may be biased, breaches are possible, and it is not for emergencies.",
    "human_oversight": "Say that you review and correct what it produces, and that it does not replace your clinical judgement.",
    "voluntary": "Say that saying no is fine and does not change the client's care.",
    "withdrawal": "Say that the client can change their mind later, and how: e.g. 'just tell me and I will turn it off'.",
    "questions": "Invite questions, or say whom to contact: e.g. 'What questions do you have?'",
}

#: Inputs longer than this many characters are only partly analysed (about 150 pages).
MAX_CHARS = 600_000
#: Scripts longer than this many words get a "too long for a consent script" warning.
LONG_WORDS = 1_500

@dataclass
class ConsentReport:
    """The result of :func:`check_script`.

    Attributes
    ----------
    elements : dict
        ``{element: bool}`` for all nine elements.
    evidence : dict
        ``{element: sentence or None}``: the sentence that best supports each element
        (a different sentence for each element whenever the text allows).
    missing : list of str
        The elements not found, in teaching order.
    grade_level : float
        Flesch-Kincaid grade level (one decimal).
    words : int
        Number of words.
    messages : list of str
        Warnings: empty input, not English, very long, truncated.
    language : str
        ``"en"`` if the text looks like English, else a best guess such as ``"es"``
        or ``"unknown"``.

    """

    elements: dict[str, bool]
    evidence: dict[str, str | None]
    missing: list[str]
    grade_level: float
    words: int
    messages: list[str] = field(default_factory=list)
    language: str = "en"

    @property
    def complete(self) -> bool:
        """True when all nine elements were found."""
        return not self.missing

    def as_dict(self, id: str | None = None) -> dict[str, Any]:
        """The JSON form used by ``course consent-check --json`` (exactly these keys)."""
        return {
            "id": id,
            "elements": dict(self.elements),
            "evidence": dict(self.evidence),
            "missing": list(self.missing),
            "grade_level": self.grade_level,
            "words": self.words,
        }

    def _repr_html_(self) -> str:
        """Shown in a notebook like the consent builder shows it (elements, evidence, suggestions)."""
        from .render import report_html

        return f'<div class="course-consent-report">{report_html(self)}</div>'

    def __repr__(self) -> str:
        return self.text()

    def text(self) -> str:
        """A readable report for people."""
        lines = [f"Words: {self.words}    Reading grade level: {self.grade_level:.1f}"]
        lines += [f"Note: {m}" for m in self.messages]
        for el in ELEMENTS:
            mark = "[x]" if self.elements[el] else "[ ]"
            lines.append(f"{mark} {ELEMENT_NAMES[el]}")
            if self.evidence[el]:
                lines.append(f"      \"{_shorten(self.evidence[el])}\"")
        if self.missing:
            lines.append("Missing: " + ", ".join(self.missing))
            lines += [f"  - {el}: {SUGGESTIONS[el]}" for el in self.missing]
        else:
            lines.append("All nine elements are covered.")
        return "\n".join(lines)


def _shorten(s: str, n: int = 160) -> str:
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


# Messages (tests assert on them) -----------------------------------------------------------
EMPTY_MESSAGE = "The script is empty: there is nothing to check. Type or paste the words you would say to a client."
NOT_ENGLISH_MESSAGE = (
    "This does not look like English (it looks like {lang}). The checker only understands English, so its "
    "results would be meaningless; check a translation with a qualified interpreter or translator."
)
LONG_MESSAGE = (
    "This is {words:,} words long: far longer than a consent script a client can take in (aim for "
    "150 to 500 words). The elements were checked, but consider a short plain-language script plus the full document."
)
TRUNCATED_MESSAGE = "Only the first {chars:,} characters (about 150 pages) were checked; the rest was ignored."
NOT_TEXT_MESSAGE = "A consent script must be text (a string), not {kind}."

__all__ += ["EMPTY_MESSAGE", "NOT_ENGLISH_MESSAGE", "LONG_MESSAGE", "TRUNCATED_MESSAGE", "NOT_TEXT_MESSAGE"]


# Messages (tests assert on them) -----------------------------------------------------------
EMPTY_MESSAGE = "The script is empty: there is nothing to check. Type or paste the words you would say to a client."
NOT_ENGLISH_MESSAGE = (
    "This does not look like English (it looks like {lang}). The checker only understands English, so its "
    "results would be meaningless; check a translation with a qualified interpreter or translator."
)
LONG_MESSAGE = (
    "This is {words:,} words long: far longer than a consent script a client can take in (aim for "
    "150 to 500 words). The elements were checked, but consider a short plain-language script plus the full document."
)
TRUNCATED_MESSAGE = "Only the first {chars:,} characters (about 150 pages) were checked; the rest was ignored."
NOT_TEXT_MESSAGE = "A consent script must be text (a string), not {kind}."

__all__ += ["EMPTY_MESSAGE", "NOT_ENGLISH_MESSAGE", "LONG_MESSAGE", "TRUNCATED_MESSAGE", "NOT_TEXT_MESSAGE", "check_many"]

#: A sentence needs the parse only if it has a verb these rules care about.
_PARSE_VERBS = (FUNCTION_VERBS, MAKE_VERBS, INTAKE_VERBS, SEE_VERBS, KEEP_VERBS, REVIEW_VERBS, DECIDE_VERBS)
#: Stop collecting evidence for an element once this many sentences support it.
_ENOUGH = 4


def _read_clauses(units: list[Unit], ctxs: list[Context]) -> list[list[Clause]]:
    """Clauses for every unit: parsed in batches until the parse-hungry elements are all supported."""
    index = form_index(*_PARSE_VERBS)
    out: list[list[Clause]] = [[] for _ in units]
    first: dict[str, int] = {}  # a sentence that occurs again is read once
    repeats: list[tuple[int, int]] = []
    todo = []
    for i, u in enumerate(units):
        if u.is_heading or not any(w.lower() in index for w in words(u.text)):
            continue
        if u.text in first:
            repeats.append((i, first[u.text]))
        else:
            first[u.text] = i
            todo.append(i)
    parser = load_pipeline() is not None
    parsed = 0
    found = dict.fromkeys(NEEDS_PARSE, 0)
    batch = 48
    for start in range(0, len(todo), batch):
        chunk = todo[start:start + batch]
        if parser and parsed < MAX_PARSED and min(found.values()) < _ENOUGH:
            results = clauses([units[i].text for i in chunk], [ctxs[i] for i in chunk], _verb_lemmas())
            parsed += len(chunk)
        else:
            results = [None] * len(chunk)
        enough = min(found.values()) >= _ENOUGH
        for i, res in zip(chunk, results, strict=True):
            if res is None and enough and not any(w.lower() in _DECIDE_FORMS() for w in words(units[i].text)):
                continue  # every parse-hungry element is well supported; only vetoes still read clauses
            out[i] = res if res is not None else shallow_clauses(units[i].text, _verb_lemmas(), ctxs[i])
            for el in NEEDS_PARSE:
                if RULES[el](units[i], out[i], ctxs[i]) >= 1.0:
                    found[el] += 1
    for i, j in repeats:
        out[i] = out[j]
    return out


@functools.cache
def _DECIDE_FORMS() -> dict[str, str]:  # noqa: N802 - a cached constant
    return form_index(DECIDE_VERBS)


@functools.cache
def _verb_lemmas() -> frozenset[str]:
    return frozenset().union(*_PARSE_VERBS)


def _evidence_text(u: Unit) -> str:
    """The sentence, with its heading when the sentence alone would not make sense ("Yes.")."""
    if u.heading and (u.answer or len(words(u.text)) < 4):
        sep = " " if u.heading.rstrip().endswith(("?", ":", ".")) else ": "
        return f"{u.heading}{sep}{u.text}"
    return u.text


def _choose_evidence(candidates: dict[str, list[tuple[float, int]]]) -> dict[str, int]:
    """One supporting unit per element; elements share a unit only when they must.

    Elements with the fewest supporting sentences choose first; each takes its best
    unit that no other element has taken yet, or its best unit if all are taken.
    """
    chosen: dict[str, int] = {}
    used: set[int] = set()
    for el in sorted(candidates, key=lambda e: (len(candidates[e]), ELEMENTS.index(e))):
        ranked = sorted(candidates[el], key=lambda c: (-c[0], c[1]))
        if not ranked:
            continue
        pick = next((i for _, i in ranked if i not in used), ranked[0][1])
        chosen[el] = pick
        used.add(pick)
    return chosen


def _empty_report(messages: list[str]) -> ConsentReport:
    return ConsentReport(
        elements=dict.fromkeys(ELEMENTS, False),
        evidence=dict.fromkeys(ELEMENTS),
        missing=list(ELEMENTS),
        grade_level=0.0,
        words=0,
        messages=messages,
    )


def check_script(text: str) -> ConsentReport:
    """Check a consent script for the nine consent elements.

    Parameters
    ----------
    text : str
        The script, as the client would hear or read it: plain text, Markdown, an FAQ,
        a form, a table, text messages or a transcript.

    Returns
    -------
    ConsentReport
        Which elements were found (with the sentence that supports each), which are
        missing, the reading grade level, the word count and any warnings. Empty,
        non-English and very long input give a clear message rather than an error.

    Raises
    ------
    TypeError
        If *text* is not a string.

    """
    if not isinstance(text, str):
        raise TypeError(NOT_TEXT_MESSAGE.format(kind=type(text).__name__))
    if not text.strip() or not words(text):
        return _empty_report([EMPTY_MESSAGE])
    messages: list[str] = []
    n_words = word_count(text)
    if len(text) > MAX_CHARS:
        messages.append(TRUNCATED_MESSAGE.format(chars=MAX_CHARS))
        text = text[:MAX_CHARS]
    language = detect_language(text)
    if language != "en":
        messages.append(NOT_ENGLISH_MESSAGE.format(lang=LANG_NAMES.get(language, "another language")))
    if n_words > LONG_WORDS:
        messages.append(LONG_MESSAGE.format(words=n_words))

    units = segment(text)
    names = tool_names(text)
    tool_rx = rx("tool")
    # "it" stands for the tool once the text mentions one anywhere (headings such as
    # "What does it do?" often come before the tool is named).
    seen = bool(names) or any(tool_rx.search(u.text) for u in units)
    ctx = Context(names=names, tool_seen=seen)
    ctxs = [ctx] * len(units)
    clause_lists = _read_clauses(units, ctxs)

    candidates: dict[str, list[tuple[float, int]]] = {el: [] for el in ELEMENTS}
    seen_units: dict[tuple, dict[str, float]] = {}  # repeated lines (footers, boilerplate) are scored once
    for i, (u, cl, ctx) in enumerate(zip(units, clause_lists, ctxs, strict=True)):
        key = (u.text, u.heading, u.answer, u.is_heading)
        scores = seen_units.setdefault(key, {})
        for el in ELEMENTS:
            if len(candidates[el]) >= _ENOUGH:
                continue
            if el not in scores:
                scores[el] = RULES[el](u, cl, ctx)
            if scores[el] >= 0.5:
                candidates[el].append((scores[el], i))
    for el in vetoes(units, clause_lists):
        candidates[el] = []
    chosen = _choose_evidence(candidates)
    evidence: dict[str, str | None] = {el: (_evidence_text(units[chosen[el]]) if el in chosen else None) for el in ELEMENTS}
    elements = {el: evidence[el] is not None for el in ELEMENTS}
    return ConsentReport(
        elements=elements,
        evidence=evidence,
        missing=[el for el in ELEMENTS if not elements[el]],
        grade_level=fk_grade(text),
        words=n_words,
        messages=messages,
        language=language,
    )


def check_many(items: Iterable[tuple[str, str]]) -> list[tuple[str, ConsentReport]]:
    """Check several ``(id, text)`` scripts; returns ``[(id, report), ...]``."""
    return [(i, check_script(t)) for i, t in items]


#: Re-exported text utilities (they used to live here).
_REEXPORTED = (count_syllables, detect_language, fk_grade, split_sentences, word_count)
