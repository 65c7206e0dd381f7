"""Words and case: which lower-case words are English (spaCy's lemmatizer tables), and
how a note typed without capitals is given its capitals back so names look like names.
"""

from __future__ import annotations

import regex as re

from .lexicon import COMMON_WORD_NAMES as _COMMON_NAMES

__all__ = ["Words", "english_words", "is_english", "mostly_lowercase", "truecase", "word_tables"]

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


def mostly_lowercase(text: str, minimum: int = 40) -> bool:
    """True for text typed without capitals (under 1% of at least *minimum* letters upper-case)."""
    letters = upper = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            upper += ch.isupper()
    return letters >= minimum and upper < 0.01 * letters


class Words:
    """Lower-case English words known to the spaCy pipeline (its lemmatizer's WordNet word
    lists and its stop words).

    ``all`` holds every word, names of places and people included (WordNet lists
    *boise* and *jordan* as nouns); ``lexical`` only the stop words, verbs, adjectives
    and adverbs, and their inflected forms: words that, capitalised, are far more often
    the first word of a sentence than a name.
    """

    __slots__ = ("all", "lexical", "stop", "verbs", "verb_forms")

    def __init__(self, all_words: frozenset[str] = frozenset(), lexical: frozenset[str] = frozenset(),
                 stop: frozenset[str] = frozenset(), verbs: frozenset[str] = frozenset(),
                 verb_forms: frozenset[str] = frozenset()) -> None:
        self.all = all_words
        self.lexical = lexical
        self.stop = stop
        self.verbs = verbs
        self.verb_forms = verb_forms

    def __bool__(self) -> bool:
        return bool(self.all)

    def is_english(self, word: str) -> bool:
        """*word* (any case) is an English word, inflected forms included."""
        return is_english(word.lower(), self.all)

    def is_lexical(self, word: str) -> bool:
        """*word* (any case) is a stop word, verb, adjective or adverb, or a form of one."""
        return is_english(word.lower(), self.lexical)


def word_tables(nlp) -> Words:
    """The :class:`Words` of a spaCy pipeline (empty when it has no lemmatizer tables)."""
    stop = {w.lower() for w in nlp.Defaults.stop_words}
    every: set[str] = set(stop)
    lexical: set[str] = set(stop)
    verbs: set[str] = set()
    verb_forms: set[str] = set()
    try:
        lookups = nlp.get_pipe("lemmatizer").lookups
        index = lookups.get_table("lemma_index")
        exc = lookups.get_table("lemma_exc")
        strings = nlp.vocab.strings
        pos_of = {strings.add(name): name for name in ("adj", "adv", "noun", "verb")}
        for key in index.keys():
            words = {w.lower() for w in index[key] if "_" not in w}
            every |= words
            if pos_of.get(key) in ("adj", "adv", "verb"):
                lexical |= words
            if pos_of.get(key) == "verb":
                verbs |= words
        for key in exc.keys():
            forms = {f.lower() for f in exc[key]}
            every |= forms
            if pos_of.get(key) in ("adj", "adv", "verb"):
                lexical |= forms
            if pos_of.get(key) == "verb":
                verb_forms |= forms
    except (KeyError, ValueError, AttributeError):
        pass
    return Words(frozenset(every), frozenset(lexical), frozenset(stop), frozenset(verbs), frozenset(verb_forms))


def english_words(nlp) -> frozenset[str]:
    """Lower-case English words known to the spaCy pipeline (see :class:`Words`)."""
    return word_tables(nlp).all


_SUFFIXES = ("'s", "’s", "s", "es", "ed", "d", "ing", "ly", "er", "est", "ies", "ied")
_LOWER_WORD = re.compile(r"(?<![\p{L}\p{N}])\p{Ll}[\p{Ll}'’-]*\p{Ll}(?![\p{L}\p{N}])")
_TITLES = frozenset({"dr", "mr", "mrs", "ms", "mx", "prof"})


def is_english(word: str, english: frozenset[str]) -> bool:
    """Whether *word* is in the English word list, as it is, hyphenated or with a common suffix."""
    if word in english or "-" in word and all(is_english(p, english) for p in word.split("-") if p):
        return True
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            if stem in english or stem + "e" in english or (suffix in ("ies", "ied") and stem + "y" in english):
                return True
    return False


_PARAGRAPH = re.compile(r"(?:[^\n]|\n(?![ \t]*\n))+")
#: After "my sister" or "me and", the next word in a message typed in lower case is a name
#: when it is not an ordinary word, or is a name that is also a word ("my sister joy").
_AFTER_RELATION = re.compile(
    r"(?<=\b(?:(?:my|his|her|their|our|your)[ ]+(?:mom|mum|dad|mother|father|sister|brother|wife|husband|partner|"
    r"son|daughter|aunt|uncle|cousin|niece|nephew|friend|best[ ]friend|bf|gf|boyfriend|girlfriend|roommate|"
    r"boss|manager|supervisor|coworker|grandma|grandpa|nana|stepmom|stepdad|ex|fiance|fiancee|neighbor|"
    r"neighbour|sponsor|landlord|teacher|coach)|me[ ]+and)[ ]+)\p{Ll}[\p{Ll}'’-]+(?![\p{L}])"
)
#: Words of messages typed in a hurry: never capitalised as if they were names.
INFORMAL = frozenset(
    """
    appt appts tmrw tmr tmrrw tomm pls plz thx thnx tnx ty u ur ure rn bc cuz cos coz lol omg idk ily btw fyi
    asap dm txt msg msgs abt bday wk wks hr hrs min mins sched meds rx pt dr ok okay yeah yep yup nope nah gonna
    wanna gotta kinda sorta havent cant dont wont didnt doesnt isnt wasnt arent werent couldnt shouldnt wouldnt
    im ive id ill youre theyre thats whats theres hes shes lets ppl bf gf hubby convo fam bro sis pic pics vid
    texted texting smth sth tho thru prob probs def obv ngl tbh imo imho jk smh irl hbu wyd wbu hmu
    """.split()
)
_MODALS = frozenset({"will", "may", "can", "might", "must", "shall", "would", "could", "should"})
#: Words that end an organisation's name ("westhaven health"): capitalised after a name.
_ORG_HEADS = re.compile(r"(?<=\b\p{Lu}\p{Ll}+[ ])(?:health|clinic|hospital|center|centre|counseling|counselling|"
                        r"insurance|pharmacy|school|college|university|church|bank|bakery|cafe|market|services|"
                        r"recovery|wellness|medical|dental|psychiatry|associates|group)\b")


def truecase(text: str, english: frozenset[str], allowed: frozenset[str],
             stop: frozenset[str] = frozenset(), lexical: frozenset[str] = frozenset()) -> str:
    """Give back their capitals to the parts of *text* typed in lower case (a whole note,
    or a client's message inside one): words that are not English words, names after
    "my sister" or "me and", organisation words after a name. Same length, same offsets.
    """
    if not english:
        return text
    chars = list(text)
    if mostly_lowercase(text):
        _truecase_part(text, 0, len(text), chars, english, allowed, stop, lexical)
    else:
        for para in _PARAGRAPH.finditer(text):
            if mostly_lowercase(para.group(), 30):
                _truecase_part(text, para.start(), para.end(), chars, english, allowed, stop, lexical)
    return "".join(chars)


def _upper_first(chars: list[str], i: int) -> None:
    first = chars[i].upper()
    if len(first) == 1:
        chars[i] = first


def _truecase_part(text: str, start: int, end: int, chars: list[str], english: frozenset[str],
                   allowed: frozenset[str], stop: frozenset[str], lexical: frozenset[str]) -> None:
    for m in _LOWER_WORD.finditer(text, start, end):
        w = m.group()
        if w in _TITLES or not (is_english(w, english) or w in allowed or w in INFORMAL
                                or all(p in INFORMAL or is_english(p, english) for p in w.split("-") if p)):
            _upper_first(chars, m.start())
            if "-" in w:  # hyphenated names: Anne-Marie
                for k, ch in enumerate(w):
                    if ch == "-" and k + 1 < len(w):
                        _upper_first(chars, m.start() + k + 1)
    for m in _AFTER_RELATION.finditer(text, start, end):
        w = m.group()
        if w in stop or w in _MODALS or w in allowed:
            continue
        if w in _COMMON_NAMES or not is_english(w, lexical):
            _upper_first(chars, m.start())
    current = "".join(chars[start:end])
    for m in _ORG_HEADS.finditer(current):
        _upper_first(chars, start + m.start())
    for m in _LOWER_INITIALS.finditer(text, start, end):
        if m.group().lower() not in _NOT_INITIALS:
            for k in range(m.start(), m.end()):
                if chars[k].isalpha() and len(chars[k].upper()) == 1:
                    chars[k] = chars[k].upper()


_LOWER_INITIALS = re.compile(r"(?<![\p{L}.])\p{Ll}\.\s?\p{Ll}\.(?:\s?\p{Ll}\.)?(?![\p{L}])")
_NOT_INITIALS = frozenset({"e.g.", "i.e.", "a.m.", "p.m.", "b.i.d.", "t.i.d.", "q.i.d.", "q.d.", "p.o.", "n.b.", "p.s.", "u.s."})
