"""Client privacy: Presidio on an installed spaCy pipeline, offline by construction.

* :func:`analyzer`: Presidio's defaults (what most people run);
* :class:`Pipeline` / :func:`pipeline`: the course's reference de-identifier for clinical
  notes (``course deidentify`` uses it); :func:`anonymize` applies an operator;
* :func:`evaluate`: token-level recall and precision against gold spans, and the leaks;
* :func:`find_leaks`: the course's one definition of a leak (an identifier with any of its
  words still readable, capital letters ignored; :mod:`course.privacy.leaks`);
* :func:`clinical_recognizers`, :func:`structure_recognizers`, :func:`id_after`,
  :func:`deny_list_recognizer`: building blocks (Presidio recognizers);
* :mod:`course.privacy.exercise`: the pipeline's recognizers as a menu of options (module 01's exercise).
"""

from .documents import Document, Problem, read_documents
from .engine import DEFAULT_MODEL, MODEL_ENV, ModelNotInstalled, analyzer, load_pipeline
from .evaluate import Evaluation, evaluate, token_labels
from .leaks import Leak, find_leaks, readable_tokens, surviving_tokens, tokens
from .pipeline import OPERATORS, Pipeline, Span, anonymize, default_spans, pipeline
from .recognizers import (
    ALLOW_LIST,
    COURSE_LABELS,
    allow_list,
    clinical_recognizers,
    deny_list_recognizer,
    id_after,
    structure_recognizers,
    to_course_label,
)

__all__ = [
    "ALLOW_LIST",
    "COURSE_LABELS",
    "DEFAULT_MODEL",
    "MODEL_ENV",
    "OPERATORS",
    "Document",
    "Evaluation",
    "Leak",
    "ModelNotInstalled",
    "Pipeline",
    "Problem",
    "Span",
    "allow_list",
    "analyzer",
    "anonymize",
    "clinical_recognizers",
    "default_spans",
    "deny_list_recognizer",
    "evaluate",
    "find_leaks",
    "id_after",
    "load_pipeline",
    "pipeline",
    "read_documents",
    "readable_tokens",
    "structure_recognizers",
    "surviving_tokens",
    "to_course_label",
    "token_labels",
    "tokens",
]
