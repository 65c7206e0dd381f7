"""The course's de-identification pipeline: find identifiers in clinical notes, fast,
and replace them with one of four operators.

It is Presidio all the way down (an ``AnalyzerEngine`` with the course's recognizers,
and ``presidio-anonymizer`` for the operators), with what a careful practice adds for
clinical notes:

* **batches**: spaCy reads many notes at once (``nlp.pipe``) and runs only its entity
  recognizer (no tagger or parser: most of spaCy's time);
* **only recognizers that matter in notes** (no credit cards, IBANs, crypto wallets or
  foreign passport numbers) plus the ones Presidio lacks (MRN, health plan, account,
  ages over 89 in digits or words, licences, fax numbers...);
* **the note's structure** (:mod:`course.privacy.structure`): names never run across a
  line, a field separator or a field label; whole addresses with unit, city, state and
  ZIP; identifier-shaped tokens with or without a keyword; headings, departments,
  countries and languages are not identifiers;
* **context across the note**: a name found once is hidden everywhere in it, in any
  case (:func:`~course.privacy.spans._propagate`); nicknames, the other names of a list,
  the acronym of an organisation named in full, the place after an organisation, an age
  after a name; a client's message typed in lower case gets its names' capitals back
  (:func:`~course.privacy.words.truecase`);
* **clean-up a reader would do**: titles ("Dr."), kinship words and the first word of a
  sentence stay outside names; clinical terms on the allow list (PHQ-9, sertraline,
  LCSW, 988) and scores ("GAD7 5/21") are never redacted.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import regex as re

from .anonymize import OPERATORS, anonymize, default_spans
from .engine import model_name
from .lexicon import COMMON_WORD_NAMES
from .recognizers import allow_list, clinical_recognizers, deny_list_recognizer, to_course_label
from .spans import (
    _COLON,
    _CREDENTIAL_AFTER,
    _DR_BEFORE,
    _TWO_LETTERS,
    _WORD,
    Span,
    _propagate,
    _resolve,
    _strip_span,
    _trim_words,
)
from .structure import (
    clean_entity,
    clean_name,
    context_spans,
    find_addresses,
    find_ids,
    is_score_fraction,
    ordinary_single,
)
from .words import _NOT_NAMES, Words, mostly_lowercase, truecase, word_tables

__all__ = ["OPERATORS", "Pipeline", "Span", "anonymize", "default_spans", "pipeline"]


#: Longer notes are read in parts of at most this many characters.
MAX_CHARS = 100_000


def _chunks(text: str, limit: int) -> list[tuple[int, str]]:
    """Split *text* into ``(offset, piece)`` parts of at most *limit* characters, at line
    breaks or spaces where possible.
    """
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
    use_structure : bool
        Read the layout of the note: whole addresses, identifier-shaped tokens.
    use_context : bool
        Read around what was found: nicknames, lists of names, acronyms of organisations,
        the city after an organisation, an age of 90 or more after a name.
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
        use_structure: bool = True,
        use_context: bool = True,
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
        self.use_structure = use_structure
        self.use_context = use_context
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
        note; returns the pipeline itself.
        """
        self._english()
        self._recognizer_plan()
        return self

    def _english(self) -> Words:
        if self._words is None:
            self._words = word_tables(self.nlp)
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

    def truecase(self, text: str) -> str:
        """*text* as the pipeline reads it: the parts typed in lower case (a whole note, or a
        client's message inside one) get the capitals of their names back
        (:func:`course.privacy.words.truecase` with this pipeline's word lists and allow
        list). Same length, same offsets.
        """
        words = self._english()
        return truecase(text, words.all, self.allowed, words.stop, words.lexical)

    # -- analysis ---------------------------------------------------------------------------
    def _find(self, text: str, doc, plan, lower_note: bool = False) -> list:
        """Raw findings: spaCy's entities, then every recognizer, scores raised by context."""
        found = []
        if doc is not None:
            for ent in doc.ents:
                entity = _NER_LABELS.get(ent.label_)
                if entity:
                    found.append(_Raw(ent.start_char, ent.end_char, entity, 0.85, "ner"))
        lowered = None
        for rec, entities, ctx, fast in plan:
            # the practice's own deny list is taken as it is: no clean-up, no allow list
            source = "deny" if str(getattr(rec, "name", "")).startswith("CourseDenyList") else "pattern"
            if fast is not None:  # a plain PatternRecognizer: run its patterns directly (same matches)
                entity = entities[0]
                results = [_Raw(m.start(), m.end(), entity, score, source)
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
                found.append(_Raw(r.start, r.end, r.entity_type, score, source))
        if self.use_structure:
            for start, end, label, score in find_addresses(text, lower_note) + find_ids(text, self.allowed):
                found.append(_Raw(start, end, label, score, "structure"))
        return found

    def _accept(self, text: str, start: int, end: int, label: str, score: float, source: str,
                lower_note: bool = False):
        """One finding as a candidate ``(start, end, label, score)``, or ``None``."""
        if source == "ner" or (source == "pattern" and label in ("NAME", "PROVIDER")):
            before = (start, end)
            start, end = _trim_words(text, start, end, label, self.allowed)
            if end <= start or (source == "ner" and not _TWO_LETTERS.search(text, start, end)):
                return None
            if (start, end) != before and " " not in text[start:end] and self._english().is_english(text[start:end]) \
                    and label != "LOCATION":
                return None  # what is left once the terms are cut off is an ordinary word ("Gottman Method")
        if source == "pattern" and label in ("NAME", "PROVIDER"):
            if " " in text[start:end]:
                start = clean_name(text, start, end, self._english())
            else:
                w = text[start:end]
                if ordinary_single(text, start, w, self._english()) or (
                        not lower_note and w.islower() and w.lower() not in COMMON_WORD_NAMES and self._english().is_english(w)):
                    return None
        piece = text[start:end]
        if piece.lower() in self.allowed or piece.strip(".").lower() in self.allowed:
            return None
        if label in ("NAME", "PROVIDER", "ORGANIZATION", "LOCATION") and not any(c.isdigit() for c in piece):
            words = _WORD.findall(piece)
            if words and all(w.lower() in self.allowed for w in words):
                return None
        if label == "DATE" and is_score_fraction(text, start, end, self.allowed):
            return None
        if label == "NAME" and source == "ner":
            # spaCy's PERSON after "Dr." or before a credential is a provider.
            before = text[max(0, start - 8):start]
            after = text[end:end + 12]
            if _DR_BEFORE.search(before) or _CREDENTIAL_AFTER.match(after):
                label = "PROVIDER"
            if all(w.lower() in self.allowed or w.lower() in _NOT_NAMES for w in _WORD.findall(piece)):
                return None
        if label in ("NAME", "PROVIDER") and not any(ch.isalpha() for ch in piece):
            return None
        return (start, end, label, float(score))

    def _candidates(self, text: str, r, words, lower_note: bool) -> list[tuple]:
        """What one analyzer result leaves as candidate spans ``(start, end, label, score[, "ner"])``."""
        label = to_course_label(r.entity_type)
        if label is None or r.score < self.score_threshold:
            return []
        if r.source == "deny":
            return [(r.start, r.end, label, float(r.score))]
        start, end = _strip_span(text, r.start, r.end, label)
        if end <= start:
            return []
        out = []
        if r.source == "ner":
            # the statistical model's findings, read with the note's structure: no
            # headings, field labels, titles, line breaks or sentence ends inside
            if _COLON.match(text, r.end, r.end + 3) and len(text[start:end].split()) <= 2:
                return []
            if label == "NAME" and text[start:end].islower():
                return []
            for a, b, lab in clean_entity(text, start, end, label, words, self.allowed, lower_note):
                cand = self._accept(text, a, b, lab, r.score, "ner", lower_note)
                if cand:
                    out.append(cand + ("ner",))
            return out
        if r.source == "pattern" and label in ("ORGANIZATION", "LOCATION"):
            pieces = clean_entity(text, start, end, label, words, self.allowed, lower_note)
        else:
            pieces = [(start, end, label)]
        for a, b, lab in pieces:
            cand = self._accept(text, a, b, lab, r.score, r.source, lower_note)
            if cand:
                out.append(cand)
        return out

    def _postprocess(self, text: str, results, lower_note: bool = False) -> list[Span]:
        words = self._english()
        candidates = []
        for r in results:
            candidates += self._candidates(text, r, words, lower_note)
        candidates = _names_win(candidates)
        spans = _resolve(text, candidates)
        if self.use_context and spans:
            # nicknames, list items, acronyms, the city after an organisation, ages after a name
            extra = [c for c in context_spans(text, spans, words, self.allowed)
                     if c[1] > c[0] and text[c[0]:c[1]].lower() not in self.allowed]
            if extra:
                candidates += extra
                spans = _resolve(text, candidates)
        if self.propagate_names and spans:
            extra = _propagate(text, spans, self.allowed, lower_note)
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
        self._english()  # the word lists, loaded before the first note

        def prepared():
            # One note at a time (nothing is read ahead beyond spaCy's batch): notes, or parts
            # of them (a client's message), typed in lower case get the capitals of the words
            # that are not English words back, so that names look like names again (same
            # length, same offsets).
            for index, text in enumerate(texts):
                text = text if isinstance(text, str) else str(text)
                lower = mostly_lowercase(text)
                text = self.truecase(text)
                parts = _chunks(text, MAX_CHARS)
                for k, (offset, piece) in enumerate(parts):
                    yield piece, (index, offset, k == len(parts) - 1, text if len(parts) > 1 else None, lower)

        pieces = prepared()
        if self.use_ner:
            batches = ((doc.text, doc, c) for doc, c in nlp.pipe(pieces, batch_size=self.batch_size, as_tuples=True))
        else:
            batches = ((piece, None, c) for piece, c in pieces)
        if progress:
            from tqdm.auto import tqdm

            batches = tqdm(batches, total=total, desc="de-identifying", unit="note", file=sys.stderr)
        collected: list[Span] = []
        for piece, doc, (_, offset, last, whole, lower) in batches:
            results = self._find(piece, doc, plan, lower)
            spans = self._postprocess(piece, results, lower)
            collected += [Span(sp.start + offset, sp.end + offset, sp.label, sp.score) for sp in spans]
            if not last:
                continue
            if whole is not None and self.propagate_names and collected:
                extra = _propagate(whole, collected, self.allowed, lower)
                base = [(sp.start, sp.end, sp.label, sp.score) for sp in collected]
                collected = _resolve(whole, base + [(a, b, lab, sc - 0.5) for a, b, lab, sc in extra])
            yield collected
            collected = []

    def deidentify(self, text: str, operator: str = "replace", **kwargs) -> tuple[str, list[Span]]:
        """Find identifiers in *text* and anonymise them; returns ``(new_text, spans)``."""
        spans = self.analyze(text)
        return anonymize(text, spans, operator, **kwargs), spans


def pipeline(model: str | None = None) -> Pipeline:
    """The course's reference :class:`Pipeline`, cached per spaCy model."""
    return _pipeline(model_name(model))


@functools.cache
def _pipeline(name: str) -> Pipeline:
    return Pipeline(name)


def _names_win(candidates: list[tuple]) -> list[tuple]:
    """The statistical model sometimes calls a person a place or an organisation; a name
    pattern on the same words, or around them, knows better. Drops the "ner" marks.
    """
    names = sorted((c[0], c[1], c[2]) for c in candidates if c[2] in ("NAME", "PROVIDER") and len(c) == 4)
    fixed = []
    for c in candidates:
        if len(c) == 5 and c[2] in ("ORGANIZATION", "LOCATION"):
            inside = next((lab for a, b, lab in names if a <= c[0] and c[1] <= b), None)
            c = (c[0], c[1], inside or c[2], c[3])
        fixed.append(c[:4])
    return fixed
