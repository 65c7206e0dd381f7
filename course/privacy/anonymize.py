"""Anonymising: replace the identifiers found with one of four operators
(presidio-anonymizer), and Presidio's defaults as course spans.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence

from .recognizers import to_course_label
from .spans import Span

__all__ = ["OPERATORS", "anonymize", "default_spans"]

#: Operators the course teaches, by name.
OPERATORS = ("redact", "replace", "mask", "hash")


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
