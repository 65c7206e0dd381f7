"""The course's de-identification pipeline: find identifiers in clinical notes, fast,
and replace them with one of four operators.

It is Presidio all the way down (an ``AnalyzerEngine`` with the course's recognizers,
and ``presidio-anonymizer`` for the operators), with three things a careful practice
adds for clinical notes:

* **batches**: spaCy reads many notes at once (``nlp.pipe``) and skips the parts of its
  pipeline that de-identification does not use (the dependency parser);
* **only recognizers that matter in notes** (no credit cards, IBANs, crypto wallets or
  foreign passport numbers) plus the ones Presidio lacks (MRN, health plan, account,
  ages over 89, addresses, fax numbers...);
* **clean-up a reader would do**: a name found once is hidden everywhere in the note,
  titles ("Dr.") stay outside the span, clinical terms on the allow list (PHQ-9,
  sertraline, LCSW, 988) are never redacted.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass

import regex as re

from .engine import model_name
from .recognizers import (
    COMMON_WORD_NAMES,
    allow_list,
    clinical_recognizers,
    deny_list_recognizer,
    to_course_label,
)

__all__ = ["OPERATORS", "Pipeline", "Span", "anonymize", "default_spans", "pipeline"]

#: Operators the course teaches, by name.
OPERATORS = ("redact", "replace", "mask", "hash")

#: Lower-case words that are never a name on their own, even after a relationship word.
_NOT_NAMES = frozenset(
    """
    a an the and or but of in on at to for from with by as is was were be been has had have
    he she they them his her their him it its this that these those there here who what when
    i me my we our you your not no yes also very only just still
    reports reported states stated says said denies denied endorses endorsed presents
    client patient pt clinician therapist doctor session today yesterday tomorrow
    mother father mom dad wife husband partner son daughter sister brother friend
    later today tonight yesterday then also per when while after before since during this last next
    dear met saw called spoke writer group peer member staff team session note plan
    """.split()
)

#: Longer notes are read in parts of at most this many characters.
MAX_CHARS = 100_000

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


def _mostly_lowercase(text: str) -> bool:
    """True for notes typed without capitals (under 1% of letters upper-case)."""
    letters = upper = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            upper += ch.isupper()
    return letters >= 40 and upper < 0.01 * letters


def _english_words(nlp) -> frozenset[str]:
    """Lower-case English words known to the spaCy pipeline (its lemmatizer's word lists
    and stop words); empty when the pipeline has no such tables."""
    words: set[str] = set(nlp.Defaults.stop_words)
    try:
        lookups = nlp.get_pipe("lemmatizer").lookups
        index = lookups.get_table("lemma_index")
        for key in index.keys():
            words.update(w for w in index[key] if "_" not in w)
        exc = lookups.get_table("lemma_exc")
        for key in exc.keys():
            for form in exc[key]:
                words.add(form)
    except (KeyError, ValueError, AttributeError):
        pass
    return frozenset(w.lower() for w in words)


_SUFFIXES = ("'s", "’s", "s", "es", "ed", "d", "ing", "ly", "er", "est", "ies", "ied")
_LOWER_WORD = re.compile(r"(?<![\p{L}\p{N}])\p{Ll}[\p{Ll}'’-]*\p{Ll}(?![\p{L}\p{N}])")
_TITLES = frozenset({"dr", "mr", "mrs", "ms", "mx", "prof"})


def _is_english(word: str, english: frozenset[str]) -> bool:
    if word in english or "-" in word and all(_is_english(p, english) for p in word.split("-") if p):
        return True
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            if stem in english or stem + "e" in english or (suffix in ("ies", "ied") and stem + "y" in english):
                return True
    return False


def _truecase(text: str, english: frozenset[str], allowed: frozenset[str]) -> str:
    """Capitalise the first letter of words that are not English words (same length)."""
    if not english:
        return text
    chars = list(text)
    for m in _LOWER_WORD.finditer(text):
        w = m.group()
        if w in _TITLES or not (_is_english(w, english) or w in allowed):
            first = w[0].upper()
            if len(first) == 1:
                chars[m.start()] = first
                if "-" in w:  # hyphenated names: Anne-Marie
                    for k, ch in enumerate(w):
                        if ch == "-" and k + 1 < len(w) and len(w[k + 1].upper()) == 1:
                            chars[m.start() + k + 1] = w[k + 1].upper()
    for m in _LOWER_INITIALS.finditer(text):
        if m.group().lower() not in _NOT_INITIALS:
            for k in range(m.start(), m.end()):
                if chars[k].isalpha() and len(chars[k].upper()) == 1:
                    chars[k] = chars[k].upper()
    return "".join(chars)


_LOWER_INITIALS = re.compile(r"(?<![\p{L}.])\p{Ll}\.\s?\p{Ll}\.(?:\s?\p{Ll}\.)?(?![\p{L}])")
_NOT_INITIALS = frozenset({"e.g.", "i.e.", "a.m.", "p.m.", "b.i.d.", "t.i.d.", "q.i.d.", "q.d.", "p.o.", "n.b.", "p.s.", "u.s."})


def _chunks(text: str, limit: int) -> list[tuple[int, str]]:
    """Split *text* into ``(offset, piece)`` parts of at most *limit* characters, at line
    breaks or spaces where possible."""
    if len(text) <= limit:
        return [(0, text)]
    parts, start = [], 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = max(text.rfind("\n", start, end), text.rfind(" ", start, end))
            if cut > start + limit // 2:
                end = cut + 1
        parts.append((start, text[start:end]))
        start = end
    return parts


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


#: spaCy's entity labels the pipeline uses, as course labels.
_NER_LABELS = {"PERSON": "NAME", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION", "ORG": "ORGANIZATION"}
#: Presidio's own values: how far back context words count, and how much they add.
CONTEXT_CHARS = 40
CONTEXT_BOOST = 0.35


@dataclass(frozen=True)
class _Raw:
    start: int
    end: int
    entity_type: str
    score: float
    source: str


def _plain(rec) -> bool:
    """True when a PatternRecognizer does not override how matches are validated."""
    from presidio_analyzer import PatternRecognizer

    cls = type(rec)
    return (cls.validate_result is PatternRecognizer.validate_result
            and cls.invalidate_result is PatternRecognizer.invalidate_result
            and cls.analyze is PatternRecognizer.analyze)


def _has_own_encoder(nlp) -> bool:
    """True when the ``ner`` component does not listen to a shared ``tok2vec``."""
    try:
        model = nlp.get_pipe("ner").model
        return not any(layer.name.startswith("tok2vec-listener") or "listener" in layer.name for layer in model.walk())
    except Exception:  # noqa: BLE001 - be safe: keep tok2vec
        return False


class Pipeline:
    """The course's reference de-identification pipeline for clinical notes.

    Parameters
    ----------
    model : str, optional
        An installed spaCy pipeline (default: the course's, or ``$COURSE_SPACY_MODEL``).
    recognizers : sequence, optional
        Presidio recognizers to use instead of :func:`clinical_recognizers`.
    extra_recognizers : sequence, optional
        Recognizers to add to the reference ones (e.g. a learner's).
    deny_list : iterable of str, optional
        Terms always treated as names (e.g. the practice's own client list).
    allow : iterable of str, optional
        Terms never redacted, added to the course's :data:`ALLOW_LIST`.
    score_threshold : float
        Findings scoring below this are dropped.
    propagate_names : bool
        Hide every occurrence in a note of a name found once in it.
    use_ner : bool
        Use spaCy's statistical named-entity recognizer for names, places and organisations.
    batch_size : int
        Notes per spaCy batch.
    """

    def __init__(
        self,
        model: str | None = None,
        recognizers: Sequence | None = None,
        extra_recognizers: Sequence = (),
        deny_list: Iterable[str] = (),
        allow: Iterable[str] = (),
        score_threshold: float = 0.4,
        propagate_names: bool = True,
        use_ner: bool = True,
        batch_size: int = 64,
    ) -> None:
        self.model = model_name(model)
        self._recognizers = list(recognizers) if recognizers is not None else clinical_recognizers()
        self._recognizers += list(extra_recognizers)
        deny = [d for d in deny_list if d and d.strip()]
        if deny:
            self._recognizers.append(deny_list_recognizer("NAME", deny))
        self.allowed = allow_list(allow)
        self.score_threshold = float(score_threshold)
        self.propagate_names = propagate_names
        self.use_ner = use_ner
        self.batch_size = int(batch_size)
        self._nlp = None
        self._plan = None
        self._words = None

    # -- set-up (lazy: nothing is loaded until the first note) ---------------------------
    @property
    def nlp(self):
        """The spaCy pipeline, reduced to its named-entity recognizer (loaded on first use)."""
        if self._nlp is None:
            from .engine import load_pipeline, offline_tldextract

            offline_tldextract()
            nlp = load_pipeline(self.model)
            # Only the entity recognizer is used (it has its own token encoder in the small
            # English pipelines); tagging, parsing and lemmatising are most of spaCy's time.
            keep = {"ner"} if _has_own_encoder(nlp) else {"ner", "tok2vec"}
            for pipe in list(nlp.pipe_names):
                if pipe not in keep:
                    nlp.disable_pipe(pipe)
            self._nlp = nlp
        return self._nlp

    def load(self) -> Pipeline:
        """Load everything now (spaCy model, word lists, recognizers) instead of on the first
        note; returns the pipeline itself."""
        self._english()
        self._recognizer_plan()
        return self

    def _english(self) -> frozenset[str]:
        if self._words is None:
            self._words = _english_words(self.nlp)
        return self._words

    def _recognizer_plan(self):
        from presidio_analyzer import PatternRecognizer

        if self._plan is None:
            plan = []
            for rec in self._recognizers:
                words = [w.lower() for w in (getattr(rec, "context", None) or []) if w.strip()]
                ctx = re.compile(r"(?<![\p{L}\p{N}])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\p{L}\p{N}])") if words else None
                fast = None
                if isinstance(rec, PatternRecognizer) and _plain(rec):
                    fast = [(re.compile(pat.regex, rec.global_regex_flags), pat.score) for pat in rec.patterns]
                plan.append((rec, list(rec.supported_entities), ctx, fast))
            self._plan = plan
        return self._plan

    # -- analysis ---------------------------------------------------------------------------
    def _find(self, text: str, doc, plan) -> list:
        """Raw findings: spaCy's entities, then every recognizer, scores raised by context."""
        found = []
        if doc is not None:
            for ent in doc.ents:
                entity = _NER_LABELS.get(ent.label_)
                if entity:
                    found.append(_Raw(ent.start_char, ent.end_char, entity, 0.85, "ner"))
        lowered = None
        for rec, entities, ctx, fast in plan:
            if fast is not None:  # a plain PatternRecognizer: run its patterns directly (same matches)
                entity = entities[0]
                results = [_Raw(m.start(), m.end(), entity, score, "pattern")
                           for regex, score in fast for m in regex.finditer(text) if m.end() > m.start()]
            else:
                results = rec.analyze(text, entities, None)
            for r in results:
                score = r.score
                if ctx is not None and score < self.score_threshold + 0.3:
                    if lowered is None:
                        lowered = text.lower()
                    window = lowered[max(0, r.start - CONTEXT_CHARS):r.start] + " " + lowered[r.end:r.end + 20]
                    if ctx.search(window):
                        score = min(1.0, score + CONTEXT_BOOST)
                found.append(_Raw(r.start, r.end, r.entity_type, score, "pattern"))
        return found

    def _postprocess(self, text: str, results) -> list[Span]:
        candidates = []
        for r in results:
            label = to_course_label(r.entity_type)
            if label is None or r.score < self.score_threshold:
                continue
            start, end = _strip_span(text, r.start, r.end, label)
            if end <= start:
                continue
            if r.source == "ner":
                # the statistical model's findings: drop headings and field labels, trim junk
                if _COLON.match(text, r.end, r.end + 3) and len(text[start:end].split()) <= 2:
                    continue
                if label == "NAME" and text[start:end].islower():
                    continue
                start, end = _trim_words(text, start, end, label, self.allowed)
                if end <= start or not _TWO_LETTERS.search(text, start, end):
                    continue
            piece = text[start:end]
            if piece.lower() in self.allowed or piece.strip(".").lower() in self.allowed:
                continue
            if label in ("NAME", "PROVIDER", "ORGANIZATION", "LOCATION") and not any(c.isdigit() for c in piece):
                words = _WORD.findall(piece)
                if words and all(w.lower() in self.allowed for w in words):
                    continue
            if label == "NAME" and r.source == "ner":
                # spaCy's PERSON after "Dr." or before a credential is a provider.
                before = text[max(0, r.start - 8):r.start]
                after = text[end:end + 12]
                if _DR_BEFORE.search(before) or _CREDENTIAL_AFTER.match(after):
                    label = "PROVIDER"
                if all(w.lower() in self.allowed or w.lower() in _NOT_NAMES for w in _WORD.findall(piece)):
                    continue
            if label in ("NAME", "PROVIDER") and not any(ch.isalpha() for ch in piece):
                continue
            candidates.append((start, end, label, float(r.score)))
        # The statistical model sometimes calls a person a place or an organisation; a
        # name pattern on exactly the same words knows better.
        named = {(a, b): lab for a, b, lab, _ in candidates if lab in ("NAME", "PROVIDER")}
        candidates = [(a, b, named.get((a, b), lab), sc) for a, b, lab, sc in candidates]
        spans = _resolve(text, candidates)
        if self.propagate_names and spans:
            extra = _propagate(text, spans, self.allowed)
            if extra:
                # Already-found spans win; propagation only adds what is not yet covered.
                spans = _resolve(text, candidates + [(s, e, lab, sc - 0.5) for s, e, lab, sc in extra])
                spans = [Span(s.start, s.end, s.label, max(s.score, 0.3)) for s in spans]
        return spans

    def analyze(self, text: str) -> list[Span]:
        """Identifiers in one *text*, as :class:`Span` objects sorted by position."""
        return next(iter(self.analyze_batch([text])))

    def analyze_batch(self, texts: Iterable[str], progress: bool = False, total: int | None = None) -> Iterator[list[Span]]:
        """Identifiers in many texts, read by spaCy in batches (``nlp.pipe``).

        Parameters
        ----------
        texts : iterable of str
            The notes, in order.
        progress : bool
            Show a progress bar on stderr.
        total : int, optional
            How many texts there are (for the progress bar).

        Yields
        ------
        list of Span
            One list per text, in the same order.
        """
        nlp = self.nlp
        plan = self._recognizer_plan()
        pieces = []
        for index, text in enumerate(texts):
            text = text if isinstance(text, str) else str(text)
            if _mostly_lowercase(text):
                # An all-lower-case note: capitalise words that are not English words, so
                # that names look like names again (same length, same offsets).
                text = _truecase(text, self._english(), self.allowed)
            parts = _chunks(text, MAX_CHARS)
            for k, (offset, piece) in enumerate(parts):
                pieces.append((piece, (index, offset, k == len(parts) - 1, text if len(parts) > 1 else None)))
        docs = nlp.pipe(pieces, batch_size=self.batch_size, as_tuples=True) if self.use_ner else ((None, c) for _, c in pieces)
        batches = ((p[0], d, c) for p, (d, c) in zip(pieces, docs, strict=False))
        if progress:
            from tqdm.auto import tqdm

            batches = tqdm(batches, total=len(pieces) if total is None or len(pieces) != total else total,
                           desc="de-identifying", unit="note", file=sys.stderr)
        collected: list[Span] = []
        for piece, doc, (_, offset, last, whole) in batches:
            results = self._find(piece, doc, plan)
            spans = self._postprocess(piece, results)
            collected += [Span(sp.start + offset, sp.end + offset, sp.label, sp.score) for sp in spans]
            if not last:
                continue
            if whole is not None and self.propagate_names and collected:
                extra = _propagate(whole, collected, self.allowed)
                base = [(sp.start, sp.end, sp.label, sp.score) for sp in collected]
                collected = _resolve(whole, base + [(a, b, lab, sc - 0.5) for a, b, lab, sc in extra])
            yield collected
            collected = []

    def deidentify(self, text: str, operator: str = "replace", **kwargs) -> tuple[str, list[Span]]:
        """Find identifiers in *text* and anonymise them; returns ``(new_text, spans)``."""
        spans = self.analyze(text)
        return anonymize(text, spans, operator, **kwargs), spans


def _results(spans: Iterable) -> list:
    from presidio_anonymizer.entities import RecognizerResult

    out = []
    for s in spans:
        if isinstance(s, dict):
            start, end, label, score = s["start"], s["end"], s["label"], s.get("score", 1.0)
        elif hasattr(s, "entity_type"):
            start, end, label, score = s.start, s.end, to_course_label(s.entity_type) or s.entity_type, s.score
        else:
            start, end, label, score = s.start, s.end, s.label, s.score
        out.append(RecognizerResult(entity_type=label, start=start, end=end, score=float(score)))
    return out


def anonymize(text: str, spans: Iterable, operator: str = "replace", salt: bytes | str | None = None,
              mask_char: str = "*") -> str:
    """Replace every span of *text* with presidio-anonymizer's *operator*.

    Parameters
    ----------
    text : str
        The original text; *spans* index into it.
    spans : iterable
        :class:`Span` objects, Presidio ``RecognizerResult`` objects or dicts with
        ``start``, ``end``, ``label``.
    operator : {"redact", "replace", "mask", "hash"}
        ``redact`` removes the identifier, ``replace`` puts its type tag (``<NAME>``),
        ``mask`` overwrites each character with *mask_char*, ``hash`` puts a salted
        SHA-256 (the same identifier gives the same hash within one call: pseudonymisation).
    salt : bytes or str, optional
        For ``hash``: keep it secret and reuse it to link notes; default: random per call.
    mask_char : str
        For ``mask``.

    Returns
    -------
    str
    """
    from presidio_anonymizer import AnonymizerEngine
    from presidio_anonymizer.entities import OperatorConfig

    if operator not in OPERATORS:
        raise ValueError(f"Unknown operator {operator!r}: choose one of {', '.join(OPERATORS)}.")
    results = _results(spans)
    if not results:
        return text
    if operator == "redact":
        config = OperatorConfig("redact")
    elif operator == "replace":
        config = None  # per label, below
    elif operator == "mask":
        config = OperatorConfig("mask", {"masking_char": mask_char, "chars_to_mask": 10**6, "from_end": False})
    else:
        if salt is None:
            salt = os.urandom(16)
        salt = salt.encode() if isinstance(salt, str) else salt
        if len(salt) < 16:
            salt = hashlib.sha256(salt).digest()
        config = OperatorConfig("hash", {"hash_type": "sha256", "salt": salt})
    labels = {r.entity_type for r in results}
    operators = {lab: (config or OperatorConfig("replace", {"new_value": f"<{lab}>"})) for lab in labels}
    return AnonymizerEngine().anonymize(text=text, analyzer_results=results, operators=operators).text


def default_spans(texts: Iterable[str], analyzer=None, batch: bool = False,
                  ad_hoc_recognizers: Sequence = (), allow_list: Sequence[str] | None = None,
                  score_threshold: float | None = None) -> list[list[Span]]:
    """Presidio's defaults (``course.privacy.analyzer()``) on each text, one note at a time,
    as course :class:`Span` objects (entity types mapped onto the course's labels).

    Parameters
    ----------
    texts : iterable of str
    analyzer : presidio_analyzer.AnalyzerEngine, optional
        Default: :func:`course.privacy.analyzer`.
    batch : bool
        Read the notes with ``nlp.pipe`` (faster; same findings).
    ad_hoc_recognizers : sequence
        Extra recognizers for this run (Presidio's ``ad_hoc_recognizers``).
    allow_list : sequence of str, optional
        Presidio's ``allow_list``: exact strings never reported.
    score_threshold : float, optional

    Returns
    -------
    list of list of Span
    """
    from .engine import analyzer as default_analyzer

    engine = analyzer or default_analyzer()
    texts = list(texts)
    kwargs = dict(language="en", ad_hoc_recognizers=list(ad_hoc_recognizers) or None,
                  allow_list=list(allow_list) if allow_list else None, score_threshold=score_threshold)
    if batch:
        pairs = engine.nlp_engine.process_batch(texts, language="en", batch_size=32)
        raw = [engine.analyze(text=t, nlp_artifacts=a, **kwargs) for t, a in pairs]
    else:
        raw = [engine.analyze(text=t, **kwargs) for t in texts]
    out = []
    for results in raw:
        spans = []
        for r in results:
            label = to_course_label(r.entity_type)
            if label is not None:
                spans.append(Span(r.start, r.end, label, float(r.score)))
        out.append(sorted(spans, key=lambda s: (s.start, s.end)))
    return out


_PIPELINES: dict[str, Pipeline] = {}


def pipeline(model: str | None = None) -> Pipeline:
    """The course's reference :class:`Pipeline`, cached per spaCy model."""
    name = model_name(model)
    if name not in _PIPELINES:
        _PIPELINES[name] = Pipeline(name)
    return _PIPELINES[name]

