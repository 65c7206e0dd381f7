"""Client privacy: Presidio on an installed spaCy pipeline, offline by construction.

* :func:`analyzer`: Presidio's defaults (what most people run);
* :class:`Pipeline` / :func:`pipeline`: the course's reference de-identifier for clinical
  notes (``course deidentify`` uses it); :func:`anonymize` applies an operator;
* :func:`evaluate`: token-level recall and precision against gold spans, and the leaks;
* :func:`clinical_recognizers`, :func:`structure_recognizers`, :func:`id_after`,
  :func:`deny_list_recognizer`: building blocks (Presidio recognizers);
* :mod:`course.privacy.exercise`: the pipeline's recognizers as a menu of options (module 01's exercise).
"""

from .documents import Document, Problem, read_documents
from .engine import DEFAULT_MODEL, MODEL_ENV, ModelNotInstalled, analyzer, load_pipeline
from .evaluate import Evaluation, Leak, evaluate, token_labels, tokens
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
    "id_after",
    "load_pipeline",
    "pipeline",
    "read_documents",
    "structure_recognizers",
    "to_course_label",
    "token_labels",
    "tokens",
]
