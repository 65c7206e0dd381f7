"""Text utilities for the consent checker: sentences, words, syllables, reading grade, language.

Everything here is plain Python and regular expressions; the expressions are compiled on
first use, not at import time.
"""

from __future__ import annotations

import functools
import re

__all__ = [
    "normalise",
    "split_sentences",
    "split_line",
    "words",
    "word_count",
    "count_syllables",
    "fk_grade",
    "detect_language",
    "LANG_NAMES",
    "MAX_SENTENCE",
]

#: Very long run-on "sentences" are cut into pieces of at most this many characters.
MAX_SENTENCE = 800


@functools.cache
def _rx(name: str) -> re.Pattern[str]:
    sources = {
        "word": r"[A-Za-zÀ-ÖØ-öø-ÿ\u0100-\u024F]+(?:['’][A-Za-z]+)*|\d+(?:[.,]\d+)*",
        "bullet": r"^\s*(?:[-*•·]|\d+[.)]|[a-z][.)])\s+",
        "sent_end": r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])",
        "abbrev": r"(?i)\b(?:Dr|Mr|Mrs|Ms|Mx|Prof|St|Inc|Ltd|Co|e\.g|i\.e|etc|vs|No|approx)\.$",
        "vowels": r"[aeiouy]+",
    }
    return re.compile(sources[name])


def normalise(text: str) -> str:
    r"""Straight quotes and ``\n`` line ends."""
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').replace("\r\n", "\n").replace("\r", "\n")


def split_line(line: str) -> list[str]:
    """Split one line (no newlines) into sentences; abbreviations such as "Dr." do not end one."""
    merged: list[str] = []
    for piece in _rx("sent_end").split(line):
        if merged and _rx("abbrev").search(merged[-1]):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    out: list[str] = []
    for sentence in merged:
        sentence = sentence.strip()
        while len(sentence) > MAX_SENTENCE:
            cut = sentence.rfind(" ", 0, MAX_SENTENCE)
            cut = cut if cut > 0 else MAX_SENTENCE
            out.append(sentence[:cut].strip())
            sentence = sentence[cut:].strip()
        if sentence:
            out.append(sentence)
    return out


def split_sentences(text: str) -> list[str]:
    """Split text into sentences; lines, bullets and Q/A lines count as separate sentences.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    list of str
        Non-empty sentences, stripped, in order. Very long run-on "sentences" are cut
        into pieces of at most 800 characters so matching stays fast.

    """
    out: list[str] = []
    for line in normalise(text).split("\n"):
        line = _rx("bullet").sub("", line).strip()
        if line:
            out += split_line(line)
    return out


def words(text: str) -> list[str]:
    """The words of *text* (numbers count as words)."""
    return _rx("word").findall(text)


def word_count(text: str) -> int:
    """Number of words in *text* (numbers count as words)."""
    return len(words(text))


@functools.lru_cache(maxsize=65536)
def count_syllables(word: str) -> int:
    """Estimate the syllables in one English word (a heuristic, right for most words).

    Counts groups of vowels, then corrects for a silent final *e*, *-es*/*-ed*
    endings, and consonant + *le* endings. Every word has at least one syllable.

    Examples
    --------
    >>> [count_syllables(w) for w in ["cat", "make", "table", "information", "recorded"]]
    [1, 1, 2, 4, 3]

    """
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 1 if any(ch.isdigit() for ch in word) else 0
    if len(w) <= 3:
        return 1
    groups = len(_rx("vowels").findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1
    elif w.endswith("le") and len(w) > 2 and w[-3] not in "aeiouy" and groups == 1:
        groups += 1
    elif w.endswith(("es", "ed")) and groups > 1 and not re.search(r"(?:[td]ed|[szxg]es|[cs]hes|[aeiouy][aeiouy]s)$", w):
        groups -= 1
    if re.search(r"(?:ia|io[^u]|ua|ie[rt]|eo[^u])", w):
        groups += len(re.findall(r"(?:ia|ua|ier|iet|eo(?!u))", w))
    return max(1, groups)


def fk_grade(text: str) -> float:
    """Flesch-Kincaid grade level of *text*, rounded to one decimal.

    ``0.39 * words/sentences + 11.8 * syllables/words - 15.59`` (Kincaid et al.,
    1975). Each line or bullet counts as a sentence. Returns 0.0 for text without
    words; never negative.
    """
    ws = [w for w in words(text) if not w.isdigit()] or words(text)
    if not ws:
        return 0.0
    sentences = max(1, len(split_sentences(text)))
    syllables = sum(count_syllables(w) for w in ws)
    grade = 0.39 * len(ws) / sentences + 11.8 * syllables / len(ws) - 15.59
    return round(max(0.0, grade), 1)


# Language detection ------------------------------------------------------------------------
_STOPWORDS = {
    "en": "the and to of a in is it you that i for this we your be with are on not will can or have as do if what our they my me about at by from",
    "es": "el la de que y en los las un una es por con para su se al lo del como más pero sus le ya o este sí porque esta entre cuando muy sin sobre también usted puede",
    "fr": "le la les de des et en un une est que qui dans pour pas sur au du ce il elle vous nous avec ne se plus par son sont cette votre peut",
    "de": "der die das und ist nicht zu den von mit sich des auf für im dem ein eine als auch es an werden aus er hat dass sie nach bei ihre sind wir können",
    "pt": "o a os as de que e do da em um uma para com não no na por mais dos das se ao ele ela seu sua ou você são pode",
    "it": "il lo la i gli le di che e è un una per con non del della sono come anche ma si può suo sua questo questa",
    "nl": "de het een en van is dat op te in voor niet met zijn je ik wij ze er maar om aan ook als dan u kunt",
}
#: Plain names of the languages :func:`detect_language` can name.
LANG_NAMES = {
    "es": "Spanish",
    "fr": "French",
    "de": "German",
    "pt": "Portuguese",
    "it": "Italian",
    "nl": "Dutch",
    "zh": "Chinese or Japanese",
    "ar": "Arabic",
    "ru": "Russian or another Cyrillic-script language",
    "el": "Greek",
    "he": "Hebrew",
    "hi": "Hindi or another Indic-script language",
    "ko": "Korean",
    "unknown": "another language",
}
_SCRIPT_RANGES = [
    ("zh", r"[\u3040-\u30ff\u4e00-\u9fff]"),
    ("ko", r"[\uac00-\ud7af]"),
    ("ar", r"[\u0600-\u06ff]"),
    ("ru", r"[\u0400-\u04ff]"),
    ("el", r"[\u0370-\u03ff]"),
    ("he", r"[\u0590-\u05ff]"),
    ("hi", r"[\u0900-\u0dff]"),
]


@functools.cache
def _stopsets() -> dict[str, frozenset[str]]:
    return {lang: frozenset(ws.split()) for lang, ws in _STOPWORDS.items()}


@functools.cache
def _scripts() -> list[tuple[str, re.Pattern[str]]]:
    return [(code, re.compile(rng)) for code, rng in _SCRIPT_RANGES]


def detect_language(text: str) -> str:
    """Guess whether *text* is English.

    Returns ``"en"``, an ISO 639-1 code for a few common languages (by script or by
    their most frequent short words), or ``"unknown"``. Good enough to say "this
    does not look like English"; not a general language identifier. Short texts
    (fewer than four words) are given the benefit of the doubt.
    """
    sample = text[:20_000]
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return "en"
    for code, rx in _scripts():
        if len(rx.findall(sample)) > 0.3 * len(letters):
            return code
    tokens = [w.lower() for w in words(sample)]
    if len(tokens) < 4:
        return "en"
    stopsets = _stopsets()
    scores = {lang: sum(t in stops for t in tokens) / len(tokens) for lang, stops in stopsets.items()}
    best = max(scores, key=lambda k: scores[k])
    if scores["en"] >= 0.12 and (best == "en" or scores["en"] >= 0.6 * scores[best]):
        return "en"
    if scores[best] >= 0.12:
        return best
    ascii_share = sum(ch.isascii() for ch in letters) / len(letters)
    if ascii_share > 0.97 and (scores["en"] >= 0.05 or len(tokens) < 40):
        return "en"  # terse English: headings, text messages, form fields
    return "unknown"
