"""Words and case: which lower-case words are English (spaCy's lemmatizer tables), and
how a note typed without capitals is given its capitals back so names look like names."""

from __future__ import annotations

import regex as re

__all__ = ["english_words", "is_english", "mostly_lowercase", "truecase"]

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



def mostly_lowercase(text: str) -> bool:
    """True for notes typed without capitals (under 1% of letters upper-case)."""
    letters = upper = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            upper += ch.isupper()
    return letters >= 40 and upper < 0.01 * letters


def english_words(nlp) -> frozenset[str]:
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


def is_english(word: str, english: frozenset[str]) -> bool:
    if word in english or "-" in word and all(is_english(p, english) for p in word.split("-") if p):
        return True
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            if stem in english or stem + "e" in english or (suffix in ("ies", "ied") and stem + "y" in english):
                return True
    return False


def truecase(text: str, english: frozenset[str], allowed: frozenset[str]) -> str:
    """Capitalise the first letter of words that are not English words (same length)."""
    if not english:
        return text
    chars = list(text)
    for m in _LOWER_WORD.finditer(text):
        w = m.group()
        if w in _TITLES or not (is_english(w, english) or w in allowed):
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
