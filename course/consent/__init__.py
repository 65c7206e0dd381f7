"""course.consent: check consent scripts for the nine consent elements, and consent records.

``check_script(text)`` finds which of the nine consent elements a script covers (with
the sentence that supports each), its reading grade level and word count;
``may_use_ai(records, client_id, tool, on_date)`` is the reference answer to the
consent-records exercise; ``evaluate`` measures the checker against labelled scripts
(``load_eval_set`` for the course's own set, ``load_gold`` for any labelled file).
Nothing is loaded at import time beyond the standard library: the spaCy pipeline is
loaded on the first check, and patterns are compiled when first used.
"""

from .checker import (
    ELEMENT_NAMES,
    ELEMENTS,
    EMPTY_MESSAGE,
    LONG_MESSAGE,
    NOT_ENGLISH_MESSAGE,
    SUGGESTIONS,
    ConsentReport,
    check_many,
    check_script,
    count_syllables,
    detect_language,
    fk_grade,
    split_sentences,
    word_count,
)
from .evaluate import Agreement, Disagreement, evaluate, load_eval_set, load_gold
from .records import explain, may_use_ai

__all__ = [
    "ELEMENTS",
    "ELEMENT_NAMES",
    "SUGGESTIONS",
    "EMPTY_MESSAGE",
    "LONG_MESSAGE",
    "NOT_ENGLISH_MESSAGE",
    "ConsentReport",
    "check_script",
    "check_many",
    "count_syllables",
    "detect_language",
    "fk_grade",
    "split_sentences",
    "word_count",
    "Agreement",
    "Disagreement",
    "evaluate",
    "load_eval_set",
    "load_gold",
    "may_use_ai",
    "explain",
]
