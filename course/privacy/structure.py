"""Structure-aware reading: what a careful person sees in a note's layout and wording,
and a statistical model reading word by word does not.

* **boundaries**: a name, a place or an organisation never runs across a line break, a
  field separator (two or more spaces, a tab, ``" | "``, ``" -- "``), the end of a
  sentence or a field label (``Client:``); titles, kinship words and the capitalised
  first word of a sentence are not part of a name; a heading in capitals is not an
  organisation;
* **addresses**: a street address is read with everything that belongs to it (unit,
  floor, city, state and ZIP) as one place, and ``Dr.`` followed by a name is a title,
  never a street;
* **identifiers**: any token made of letters and digits, or of groups of digits, is an
  identifier unless it has the shape of a clinical code, a score, a dose, a date, a
  time or a phone number, whether a keyword stands before it or not;
* **context across spans** (:func:`context_spans`): a nickname in quotes after a name,
  the other names of a list that is mostly names, the acronym of an organisation named
  in full, the place after an organisation (``Ridge Clinic, Boise``), an age of 90 or
  more set off after a name, a legal suffix (``, Inc.``).

Everything here is plain string work on one note: no model, no network.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex as re

from .lexicon import (
    COMMON_WORD_NAMES,
    DESCRIPTORS,
    KIN_AND_TITLES,
    MEASURES,
    STATE_NAMES,
    VEHICLE_MAKES,
    countries_and_languages,
)
from .words import Words

__all__ = ["clean_entity", "clean_name", "ordinary_single", "context_spans", "find_addresses", "find_ids", "is_score_fraction", "sentence_start"]

Candidate = tuple[int, int, str, float]

# -- boundaries ---------------------------------------------------------------------------
_BREAK = re.compile(r"\r?\n|\t|[ ]{2,}|[ ]\|[ ]?|[ ]-{1,2}[ ]|[ ]-{2,}|[ ][—–][ ]|[ ]/[ ]")
_SENTENCE_END = re.compile(r"(?<=[\p{L}\p{N}])[.!?]+[ ]+(?=[\p{Lu}\"“])")
_LABEL_COLON = re.compile(r":[ \t]+")
#: Abbreviations that end in a full stop without ending the sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms mx dr st ave rd blvd inc co corp ltd jr sr esq prof rev mt ft no vs apt ste dept univ "
    "gen hosp ctr sq ln ct pl hwy pkwy bldg fl rm jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_TOKEN = re.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’.&/-]*[\p{L}\p{N}]|[\p{L}\p{N}]")
_EDGE = " \t\n\r,;:()[]{}\"'“”‘’<>*•|"


def sentence_start(text: str, i: int) -> bool:
    """True when position *i* begins a line, a list item or a sentence."""
    j = i - 1
    while j >= 0 and text[j] in " \t\"“'‘(":
        j -= 1
    if j < 0 or text[j] in "\n\r.!?:;•*=>":
        return j < 0 or text[j] != "." or not _abbreviation_before(text, j)
    if text[j] in "-–—)":  # "- item", "2) item"
        k = j - 1
        while k >= 0 and text[k] in " \t0123456789":
            k -= 1
        return k < 0 or text[k] in "\n\r"
    return False


def _abbreviation_before(text: str, dot: int) -> bool:
    k = dot
    while k > 0 and text[k - 1].isalpha():
        k -= 1
    word = text[k:dot].lower()
    return word in _ABBREVIATIONS or len(word) == 1


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` at line breaks, field separators, sentence ends and field
    labels (``Client: Ana`` keeps ``Ana``).
    """
    cuts = [(m.start(), m.end()) for m in _BREAK.finditer(text, start, end)]
    for m in _SENTENCE_END.finditer(text, start, end):
        if not _abbreviation_before(text, m.start()):
            cuts.append((m.start(), m.end()))
    for m in _LABEL_COLON.finditer(text, start, end):
        cuts.append((m.start(), m.end()))
    if not cuts:
        return [(start, end)]
    cuts.sort()
    out, pos = [], start
    for a, b in cuts:
        if a > pos:
            out.append((pos, a))
        pos = max(pos, b)
    if pos < end:
        out.append((pos, end))
    # what stands before a colon is a field label, not a value
    labelled = {m.start() for m in _LABEL_COLON.finditer(text, start, end)}
    return [(a, b) for a, b in out if b not in labelled]


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [m.span() for m in _TOKEN.finditer(text, start, end)]


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return 2 <= len(letters) <= 7 and all(c.isupper() for c in letters) and not any(c.isdigit() for c in word)


def clean_entity(text: str, start: int, end: int, label: str, words: Words, allowed: frozenset[str],
                 lower_note: bool = False) -> list[tuple[int, int, str]]:
    """What is left of a statistical model's entity after the structure of the note is
    taken into account: zero, one or several ``(start, end, label)`` pieces.
    """
    out = []
    places = countries_and_languages()
    for a, b in _pieces(text, start, end):
        toks = _tokens(text, a, b)
        if not toks:
            continue
        words_of = [text[x:y] for x, y in toks]
        # lower-case words at the edges are cut only when the entity has capitals elsewhere
        # (a name typed in lower case is still a name)
        mixed = not lower_note and any(text[a0].isupper() for a0, _ in toks)
        i, j = _trim(text, toks, words_of, label, words, allowed, mixed)
        if i >= j:
            continue
        a, b = toks[i][0], toks[j - 1][1]
        kept = _kept_label(text, a, b, words_of[i:j], label, words, allowed, mixed, places)
        if kept is not None:
            label = kept  # a corrected label (an organisation that is a person) holds for the later pieces
            out.append((a, b, label))
    return out


def _trim(text: str, toks: list[tuple[int, int]], word: list[str], label: str, words: Words,
          allowed: frozenset[str], mixed: bool) -> tuple[int, int]:
    """The token range ``[i, j)`` left once codes, a sentence's first word, titles and
    lower-case words at the edges are cut off.
    """
    i, j = 0, len(toks)
    if label != "LOCATION":  # codes and numbers at the edges: "F32.1 Major", "GPMC 3rd"
        while i < j and any(c.isdigit() for c in word[i]):
            i += 1
        while j > i and any(c.isdigit() for c in word[j - 1]):
            j -= 1
    while i < j - 1 and sentence_start(text, toks[i][0]) and _opening_word(word[i], words) \
            and not text.startswith(",", toks[i][1]):
        i += 1  # "Reports Malik", "Attends Beacon Clubhouse": the sentence's first word
    if label in ("NAME", "PROVIDER"):
        while i < j and word[i].rstrip(".").lower() in KIN_AND_TITLES:
            i += 1
        while j > i and (word[j - 1].lower() in allowed or word[j - 1].rstrip(".").lower() in allowed
                         or (mixed and word[j - 1].islower())):
            j -= 1
    else:
        while i < j and ((mixed and word[i].islower()) or word[i].rstrip(".").lower() in KIN_AND_TITLES
                         or (label == "ORGANIZATION" and j - i > 1 and _is_acronym(word[i])
                             and mixed and word[i + 1].islower())):
            i += 1
        while j > i and mixed and word[j - 1].islower() and word[j - 1] not in _HEADS:
            j -= 1
    return i, j


def _kept_label(text: str, a: int, b: int, parts: list[str], label: str, words: Words, allowed: frozenset[str],
                mixed: bool, places) -> str | None:
    """The label the trimmed piece ``text[a:b]`` keeps, or None when it is not an identifier
    (an allowed word, a field label, a heading of ordinary words, a country, a drug...).
    """
    piece = text[a:b]
    lowers = [p.lower() for p in parts]
    if piece.lower() in allowed or all(p in allowed for p in lowers):
        return None
    letters = [c for c in piece if c.isalpha()]
    if len(letters) < 2 or lowers[0] in VEHICLE_MAKES:
        return None
    if (len(parts) <= 3 and _COLON_AFTER.match(text, b)) or (
            len(parts) == 1 and words.is_english(parts[0]) and _FIELD_AFTER.match(text, b)):
        return None  # a field label: "Sent:", "Grade 7", "Chart MG-1234"
    if mixed and len(parts) == 1 and parts[0][0].islower():
        return None
    # a heading in capitals made of ordinary words ("GERIATRIC PSYCHIATRY CONSULTATION")
    if all(c.isupper() for c in letters) and "," not in piece and all(
            p in allowed or p in DESCRIPTORS or words.is_english(p) for p in lowers):
        if not (len(parts) == 1 and label == "ORGANIZATION"):
            return None
    if label in ("ORGANIZATION", "LOCATION"):
        return _place_or_org_label(piece, parts, lowers, label, words, allowed, places)
    if label in ("NAME", "PROVIDER") and len(parts) == 1:
        w = parts[0]
        if (w.lower() not in COMMON_WORD_NAMES and sentence_start(text, a) and _ordinary_word(w, words)) \
                or w.lower() in places or w.lower() in DESCRIPTORS or _DRUG.search(w.lower()):
            return None
    return label


def _place_or_org_label(piece: str, parts: list[str], lowers: list[str], label: str, words: Words,
                        allowed: frozenset[str], places) -> str | None:
    """A place or an organisation is kept unless it is a country, a state, only descriptors,
    or (alone) an acronym, an English word or a drug; a common-word first name is a NAME.
    """
    if piece.lower() in places or piece.lower() in STATE_NAMES:
        return None
    if all(p in DESCRIPTORS or p in allowed for p in lowers):
        return None
    if len(parts) == 1:
        w = parts[0]
        if label == "ORGANIZATION" and w.lower() in COMMON_WORD_NAMES:
            label = "NAME"  # "Faith's comments": a person the model took for an organisation
        elif label == "ORGANIZATION" and (_is_acronym(w) or words.is_english(w)):
            return None  # a lone acronym counts only as the short form of a named organisation
        if label == "LOCATION" and (words.is_lexical(w) or _DRUG.search(w.lower())):
            return None
    return label


#: Lower-case words that end the name of a place or an organisation ("hadley county").
_HEADS = frozenset("county city town township parish borough village falls valley beach park lake heights springs "
                   "health clinic center centre hospital services school college university bakery church".split())
#: A field label without a colon: the word stands before a number, an ID or a colon.
_FIELD_AFTER = re.compile(r"[ \t]*(?::|#|\d|[A-Z]{1,4}(?:-[A-Z]{1,4})*-?\d)")
_COLON_AFTER = re.compile(r"[ \t]*:(?!\d)")
#: Endings of generic drug names (INN stems): a medicine, not a name.
_DRUG = re.compile(r"(?:azepam|azolam|apine|idone|oxetine|aline|pramine|triptyline|afaxine|azodone|iramine|profen|"
                   r"cillin|mycin|statin|olol|pril|sartan|tidine|prazole|gliptin|formin|zumab|ximab|lukast|"
                   r"barbital|orphine|adone|oxone|ipramine|etine|oxamine|ansetron|triptan|amate|igine|acetam)$")
_DERIVED = re.compile(r"(?:tion|sion|ment|ness|ity|ance|ence|ism|ist|ship|ure|ing|ies|ees|ants|ents|ers|ists)$")


def _ordinary_word(w: str, words: Words) -> bool:
    """A capitalised word that is, far more likely, an ordinary English word than a name:
    a verb, adjective, adverb or stop word, or a noun with a derivational ending.
    """
    return words.is_lexical(w) or (words.is_english(w) and bool(_DERIVED.search(w.lower())))


_INFLECTED = re.compile(r"(?:ies|ied|es|ed|s|ing)$")


def _opening_word(w: str, words: Words) -> bool:
    """A capitalised first word of a sentence that is not part of the name after it: a stop
    word ("His Medicaid"), a verb with an ending ("Reports Malik", "Attends Beacon
    Clubhouse") or an adverb in -ly; a name's own first word rarely is ("Ash Nguyen").
    """
    lw = w.lower()
    if lw in COMMON_WORD_NAMES:
        return False
    if lw in words.stop or lw in words.verb_forms:  # "Said Will Park": a verb's past form
        return True
    if lw in words.all:
        return False
    if lw.endswith("ly") and lw[:-2] in words.lexical:
        return True
    m = _INFLECTED.search(lw)
    if not m:
        return False
    stem = lw[:m.start()]
    return any(s in words.verbs for s in (stem, stem + "e", stem + "y", stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else ""))


def ordinary_single(text: str, start: int, w: str, words: Words) -> bool:
    """A one-word "name" that is an ordinary word: a stop word or department word anywhere,
    an ordinary English word at the start of a sentence or list item ("Boundaries: ...").
    """
    lw = w.lower()
    if lw in COMMON_WORD_NAMES:
        return False
    return lw in words.stop or lw in DESCRIPTORS or (sentence_start(text, start) and _ordinary_word(w, words))


def clean_name(text: str, start: int, end: int, words: Words) -> int:
    """Where a name found by a pattern really starts: after kinship words and titles, and
    after a capitalised word that only opens the sentence ("Reports Joy (friend)").
    """
    toks = _tokens(text, start, end)
    k = 0
    while k < len(toks) - 1:
        w = text[toks[k][0]:toks[k][1]]
        if w.rstrip(".").lower() in KIN_AND_TITLES or (
                k == 0 and sentence_start(text, toks[k][0]) and _opening_word(w, words)
                and not text.startswith(",", toks[k][1])):
            k += 1
        else:
            break
    return toks[k][0] if toks else start


# -- addresses ----------------------------------------------------------------------------
_STREET_STOP = frozenset(
    "a an the and or of in on at to for from with by about her his their my our your its is was be per "
    "am pm mg mcg ml min mins minutes hour hours hr hrs day days week weeks wk wks month months year years "
    "times session sessions visit visits x dose doses units unit tabs tablets pills started seen".split()
)
_STOP_ALT = "|".join(sorted(_STREET_STOP, key=len, reverse=True))
_STREET_TYPE = (
    r"Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|"
    r"Circle|Cir|Parkway|Pkwy|Highway|Hwy|Trail|Trl|Loop|Square|Sq|Row|Path|Pike|Alley|Plaza|Commons|"
    r"Crescent|Cres|Close|Walk|Point|Heights|Crossing|Turnpike|Expressway|Run|Bend|Hollow|Ridge"
)
_NUMBER_WORDS = r"One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|Fifteen|Twenty|Thirty|Fifty|Hundred"
_STREET = re.compile(
    rf"(?<![\p{{L}}\p{{N}}/.,:-])(?P<num>\d{{1,6}}[A-Za-z]?(?:-\d{{1,4}})?|(?i:{_NUMBER_WORDS}))[ \t]+"
    rf"(?P<words>(?:(?!(?i:{_STOP_ALT})\b)[\p{{L}}\d][\p{{L}}\d'’.-]*[ \t]+){{1,4}}?)"
    rf"(?P<type>(?i:{_STREET_TYPE}))\b\.?"
)
_MORE_TYPE = re.compile(rf"[ \t]+(?i:{_STREET_TYPE})\b\.?")
_PO_BOX = re.compile(r"(?i:\bP\.?[ ]?O\.?[ ]+Box[ ]+\d+|\bPost[ ]+Office[ ]+Box[ ]+\d+)")

_DIRECTIONS = frozenset("n s e w ne nw se sw n. s. e. w. north south east west".split())
_UNIT = re.compile(
    r",?[ \t]*(?:(?i:Apt|Apartment|Unit|Suite|Ste|Building|Bldg|Floor|Fl|Room|Rm|Lot|Space|Trailer)\.?[ \t]*#?[ \t]*"
    r"[\p{L}\d][\w-]*|#[ \t]?\d[\w-]*|\d{1,3}(?:st|nd|rd|th)[ \t]+(?i:Floor|Fl)\.?)"
)
_STATE_ABBR = (r"A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|"
               r"T[NX]|UT|V[AT]|W[AIVY]")
_STATE_FULL = "|".join(sorted((re.escape(s.title()).replace(r"\ ", "[ ]") for s in STATE_NAMES), key=len, reverse=True))
_STATE = rf"(?:(?-i:{_STATE_ABBR})\b\.?|(?:{_STATE_FULL})\b)"
_CITY = r"\p{Lu}[\p{Ll}'’]+(?:[ -]\p{Lu}[\p{Ll}'’]+){0,2}"
_CITY_LOWER = r"\p{L}[\p{Ll}'’]+(?:[ -]\p{L}[\p{Ll}'’]+){0,2}"
_ZIP = re.compile(r"[ \t,]*\d{5}(?:-\d{4})?\b")
_CITY_STATE_ZIP = re.compile(rf"(?:,[ \t]*|[ \t]*/[ \t]*|[ \t]*\r?\n[ \t]*|[ \t]+)(?P<city>{_CITY}),?[ \t]+{_STATE}(?=[ \t,]*\d{{5}}\b)")
_CITY_STATE = re.compile(rf"(?:,[ \t]*|[ \t]*/[ \t]*|[ \t]+)(?P<city>{_CITY}),?[ \t]+{_STATE}(?![\p{{L}}\d])")
_CITY_ONLY = re.compile(rf"(?:,[ \t]*)(?P<city>{_CITY})(?=[ \t]*(?:[.;:)]|,[ \t]*(?!\p{{Lu}}{{2}}\b)|$|\r?\n))", re.MULTILINE)
_CITY_STATE_LOWER = re.compile(rf"(?:,[ \t]*|[ \t]+)(?P<city>{_CITY_LOWER}),?[ \t]+(?i:{_STATE_ABBR}|{_STATE_FULL})\b(?=[ \t,]*\d{{5}}\b)")
_STATE_ZIP = re.compile(rf",?[ \t]+{_STATE}(?=[ \t,]*\d{{5}}\b)")
_LONE_CITY_STATE_ZIP = re.compile(rf"\b{_CITY},?[ \t]+(?-i:{_STATE_ABBR})[ \t]+\d{{5}}(?:-\d{{4}})?\b")


def _street_ok(text: str, m, lower_note: bool) -> bool:
    street_words = m.group("words").split()
    if not street_words:
        return False
    for w in street_words:
        lw = w.lower()
        if lw in _STREET_STOP:
            return False
        if lw in _DIRECTIONS or re.fullmatch(r"\d+(?:st|nd|rd|th)", lw):
            continue
        if not lower_note and not w[0].isupper() and not w[0].isdigit():
            return False
        if w[0].isdigit() and not re.fullmatch(r"\d+(?:st|nd|rd|th)", lw):
            return False
    # "... appointment with Dr. Kim" is no street: its words are not a street's name (lower
    # case, stop words); "14 Larch Dr. Kim Lee ..." may be, and is hidden (the name too).
    return True


def _extend_address(text: str, end: int, lower_note: bool) -> int:
    """Everything after a street that belongs to the address: unit, city, state, ZIP."""
    while True:
        m = _UNIT.match(text, end)
        if not m:
            break
        end = m.end()
    for pattern in ((_CITY_STATE_ZIP, _CITY_STATE_LOWER) if lower_note else (_CITY_STATE_ZIP,)) + (_CITY_STATE, _CITY_ONLY):
        m = pattern.match(text, end)
        if m and m.group("city").split()[0].lower() not in KIN_AND_TITLES:
            end = m.end()
            break
    m = _STATE_ZIP.match(text, end)
    if m:
        end = m.end()
    m = _ZIP.match(text, end)
    if m:
        end = m.end()
    return end


def find_addresses(text: str, lower_note: bool = False) -> list[Candidate]:
    """Street addresses and PO boxes with their unit, city, state and ZIP, one span each;
    and ``City, ST 12345`` on its own.
    """
    out = []
    for m in _STREET.finditer(text):
        if _street_ok(text, m, lower_note):
            end = m.end()
            more = _MORE_TYPE.match(text, end)
            if more:
                end = more.end()
            out.append((m.start(), _extend_address(text, end, lower_note), "LOCATION", 0.9))
    for m in _PO_BOX.finditer(text):
        out.append((m.start(), _extend_address(text, m.end(), lower_note), "LOCATION", 0.9))
    for m in _LONE_CITY_STATE_ZIP.finditer(text):
        out.append((m.start(), m.end(), "LOCATION", 0.8))
    return out


# -- identifiers --------------------------------------------------------------------------
_ID_TOKEN = re.compile(r"(?<![\p{L}\p{N}@/\\.:_$-]|\d,)[A-Za-z0-9]+(?:[-./][A-Za-z0-9]+)*(?![\p{L}\p{N}@_]|[-./][A-Za-z0-9])")
_NOT_ID = re.compile(
    r"(?i:[A-TV-Z]\d{2}(?:\.[\dA-Z]{1,4})?"  # ICD-10 codes: F33.1, Z63.0
    r"|[A-Z]\d{4}"  # HCPCS codes: H0031
    r"|\d+(?:\.\d+)?(?:mg|mcg|ug|g|kg|ml|l|cc|lb|lbs|oz|mm|cm|km|mi|mph|min|mins|hr|hrs|h|wk|wks|d|yo|y|mo|mos"
    r"|x|am|pm|st|nd|rd|th|s|k|ng|meq|mmol|iu|u|bpm|hz)"  # doses, units, times, ordinals
    r"|x\d+|q\d+[hdw]?|\d+x\d+|v\d+(?:\.\d+)*"
    r"|\d+(?:\.\d+)?/(?:ul|ml|dl|l|min|hr|h|day|d|wk|week|mo|month|yr|year|kg|g|mg|hpf|lpf))"
)
_DIGIT_SHAPES = re.compile(
    r"\d{1,2}[-/.]\d{1,2}[-/.](?:\d{2}|\d{4})|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"  # dates
    r"|\d{1,2}[-/.]\d{4}|\d{4}[-/.]\d{1,2}"  # month/year
    r"|1?[-.]?\d{3}[-.]\d{3}[-.]\d{4}|\d{3}[-.]\d{4}"  # phones
    r"|\d{3}-\d{2}-\d{4}"  # SSN
    r"|\d{5}-\d{1,2}|\d{5}-\d{4}"  # CPT with modifier, ZIP+4
    r"|(?:19|20)\d{2}[-/](?:(?:19|20)?\d{2})"  # year ranges
    r"|\d+\.\d+|\d+(?:\.\d+){3}"  # decimals, IPv4
    r"|\d{1,3}(?:/\d{1,3})+"  # scores and vitals: 24/30, 118/76
)


def _looks_like_id(tok: str, allowed: frozenset[str]) -> float:
    digits = sum(c.isdigit() for c in tok)
    if not digits or tok.lower() in allowed or _NOT_ID.fullmatch(tok):
        return 0.0
    letters = sum(c.isalpha() for c in tok)
    if letters:
        if digits >= 4 or (digits >= 3 and len(tok) >= 6):
            return 0.6
        return 0.0
    groups = re.split(r"[-./]", tok)
    if len(groups) == 1:
        return 0.6 if len(tok) >= 11 else 0.0
    if digits >= 6 and not _DIGIT_SHAPES.fullmatch(tok):
        return 0.5
    return 0.0


_HANDLE = re.compile(r"(?<![\w.@])@[A-Za-z_][A-Za-z0-9_.]{1,28}[A-Za-z0-9_]")


def find_ids(text: str, allowed: frozenset[str]) -> list[Candidate]:
    """Identifier-shaped tokens (letters with digits, digit groups, long digit runs) that are
    not codes, scores, doses, dates, times or phone numbers; and social-media handles.
    """
    out = []
    for m in _ID_TOKEN.finditer(text):
        score = _looks_like_id(m.group(), allowed)
        if score:
            out.append((m.start(), m.end(), "OTHER_ID", score))
    for m in _HANDLE.finditer(text):
        out.append((m.start(), m.end(), "OTHER_ID", 0.9))
    return out


# -- dates that are scores ----------------------------------------------------------------
_FRACTION = re.compile(r"\d{1,2}/\d{1,2}")
_SCORE_BEFORE = re.compile(
    r"(?i:\b(?:rated|rates|rating|ratings|scored?|scores|scoring|distress|mood|pain|anxiety|urge|urges|craving|cravings|"
    r"suds|out\s+of|part\s+[a-z]|positive|negative|total|subscale|items?|energy|stress|=))"
    r"[^\p{L}\n]{0,6}$"
)
_WORD_BEFORE = re.compile(r"([\p{L}][\p{L}\p{N}-]*)[^\p{L}\p{N}\n]{0,4}$")
_DATE_WORDS = frozenset("dob dos date session seen visit appt appointment on since next last prior admit admitted "
                        "discharged due by until".split())


def is_score_fraction(text: str, start: int, end: int, allowed: frozenset[str]) -> bool:
    """``7/27`` after a measure or a rating ("PHQ9 7/27", "rated mood 6/10"): a score,
    not a date.
    """
    if not _FRACTION.fullmatch(text, start, end):
        return False
    before = text[max(0, start - 30):start]
    m = _WORD_BEFORE.search(before)
    if m and m.group(1).lower() in _DATE_WORDS:
        return False
    if _SCORE_BEFORE.search(before):
        return True
    if m:
        w = m.group(1).lower()
        return w in MEASURES or w.rstrip("0123456789-") in MEASURES
    return False


# -- context across spans -----------------------------------------------------------------
_NICK_QUOTED = re.compile(r"[ \t]*\(?[ \t]*[\"“‘][ \t]*(\p{L}[\p{L}'’. -]{0,24}\p{L}\.?)[ \t]*[\"”’][ \t]*\)?")
_NICK_PAREN = re.compile(r"[ \t]*\([ \t]*(?:(?i:goes\s+by|aka|a\.k\.a\.|known\s+as|called|nickname)[ \t]+)?"
                         r"(\p{Lu}[\p{L}'’-]+(?:[ ]\p{Lu}[\p{L}'’-]+){0,2})[ \t]*[),;]")
#: An organisation named in full with its acronym after it: "Tri-Valley Youth Services (TVYS)".
_DEFINED_ACRONYM = re.compile(r"((?:\p{Lu}[\p{L}'’]*(?:-\p{Lu}[\p{L}'’]*)?[ ](?:(?:of|the|and|for|&)[ ])?){1,7})\((\p{Lu}{2,7})\)")
_AFTER_ORG_CITY = re.compile(
    r"(?:[ \t]+\p{Lu}{2,4})?[ \t]*(?:,|-{1,2}|—|–)[ \t]*(\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+){0,2})"
    r"(?=[ \t]*(?:$|\r?\n|[.;|),]|[ \t]{2}|[ \t]+\p{Ll}))",
    re.MULTILINE,
)
_LEGAL = re.compile(r",?[ \t]+(?:Inc|LLC|L\.L\.C|LLP|PLLC|P\.C|PC|Co|Corp|Ltd|PA|P\.A)\b\.?")
_AGE_AFTER = re.compile(r"\.?[ \t]*,[ \t]*(9\d|1[01]\d)(?=[ \t]*(?:,|;|\)|[-–—][ \t]|\.(?!\d)|$))", re.MULTILINE)
_ITEM = r"(?:\p{Lu}[\p{L}'’-]+(?:[ ]\p{Lu}[\p{L}'’-]+)?\.?|\p{Lu}\.(?:[ ]?\p{Lu}\.){1,2})"
_LIST = re.compile(rf"{_ITEM}(?:[ \t]*,[ \t]*(?:and[ \t]+)?{_ITEM}){{2,}}")
_ITEM_RE = re.compile(_ITEM)
_CAPS_WORD = re.compile(r"(?<![\p{L}\p{N}])\p{Lu}{2,7}(?![\p{L}\p{N}])")
_INITIAL_WORD = re.compile(r"[\p{Lu}][\p{L}'’]*")
_SMALL = frozenset({"of", "the", "and", "for", "&", "at", "in", "on", "de", "la"})


def _covered(spans: Iterable, a: int, b: int, labels: tuple[str, ...]) -> bool:
    return any(s.start < b and s.end > a and s.label in labels for s in spans)


def _initials(name: str) -> set[str]:
    """Acronyms an organisation may go by: the initials of its capitalised words."""
    parts = [p for p in re.split(r"[ \t/-]+", name) if p]
    caps = [p for p in parts if p[:1].isupper()]
    out = set()
    full = "".join(p[0] for p in caps)
    if len(full) >= 3:
        out.add(full)
    return out


def _plausible_word(w: str, words: Words, allowed: frozenset[str]) -> bool:
    lw = w.lower()
    return not (lw in allowed or lw in KIN_AND_TITLES or lw in DESCRIPTORS or words.is_lexical(w)
                or lw in countries_and_languages() or lw in STATE_NAMES)


def _list_word(w: str, allowed: frozenset[str]) -> bool:
    """In a list that is mostly names, any other capitalised word is a name too, unless it
    is a term, a title, a department word, a country or a language.
    """
    lw = w.lower()
    return not (lw in allowed or lw in KIN_AND_TITLES or lw in DESCRIPTORS or lw in countries_and_languages()
                or lw in STATE_NAMES)


def context_spans(text: str, spans: list, words: Words, allowed: frozenset[str]) -> list[Candidate]:
    """More identifiers, read from the spans already found and what stands around them."""
    extra: list[Candidate] = []
    orgs: set[str] = set()
    for s in spans:
        if s.label in ("NAME", "PROVIDER"):
            extra += _around_name(text, s, words, allowed)
        elif s.label == "ORGANIZATION":
            extra += _around_org(text, s, words, allowed, orgs)
    for m in _DEFINED_ACRONYM.finditer(text):
        full, short = m.group(1).rstrip(), m.group(2)
        if short in _initials(full) and short.lower() not in allowed:
            extra.append((m.start(1), m.start(1) + len(full), "ORGANIZATION", 0.65))
            orgs.add(short)
    if orgs:
        for m in _CAPS_WORD.finditer(text):
            if m.group() in orgs:
                extra.append((m.start(), m.end(), "ORGANIZATION", 0.6))
    return extra + _list_names(text, spans, allowed)


def _around_name(text: str, s, words: Words, allowed: frozenset[str]) -> list[Candidate]:
    """A nickname after a name ("Robert 'Bobby'", "Robert (Bob)") and an age after a client's name."""
    extra: list[Candidate] = []
    m = _NICK_QUOTED.match(text, s.end)
    if m and m.group(1).lower() not in allowed:
        extra.append((m.start(1), m.end(1), s.label, 0.7))
    else:
        m = _NICK_PAREN.match(text, s.end)
        if m and all(_plausible_word(w, words, allowed) for w in m.group(1).split()):
            extra.append((m.start(1), m.end(1), s.label, 0.6))
    m = _AGE_AFTER.match(text, s.end)
    if m and s.label == "NAME":
        extra.append((m.start(1), m.end(1), "AGE_OVER_89", 0.7))
    return extra


def _around_org(text: str, s, words: Words, allowed: frozenset[str], orgs: set[str]) -> list[Candidate]:
    """An organisation's legal suffix and the city after it; its initials and a defined
    short form go into *orgs*.
    """
    extra: list[Candidate] = []
    name = text[s.start:s.end]
    m = _LEGAL.match(text, s.end)
    if m:
        extra.append((s.start, m.end(), "ORGANIZATION", s.score))
    m = _AFTER_ORG_CITY.match(text, m.end() if m else s.end)
    if m and all(_plausible_word(w, words, allowed) for w in m.group(1).replace("-", " ").split()):
        extra.append((m.start(1), m.end(1), "LOCATION", 0.6))
    if " " in name or "-" in name:
        orgs |= _initials(name)
    m = re.match(r"[ \t]*\([ \t]*(\p{Lu}{2,7})[ \t]*\)", text[s.end:s.end + 12])
    if m and m.group(1).lower() not in allowed:
        orgs.add(m.group(1))
    return extra


def _list_names(text: str, spans: list, allowed: frozenset[str]) -> list[Candidate]:
    """Lists that are mostly names: the other items are names too."""
    extra: list[Candidate] = []
    for m in _LIST.finditer(text):
        items = [(i.start(), i.end()) for i in _ITEM_RE.finditer(text, m.start(), m.end())]
        named = [_covered(spans, a, b, ("NAME", "PROVIDER")) for a, b in items]
        if sum(named) >= 2 and sum(named) * 5 >= 2 * len(items):
            label = "NAME" if sum(_covered(spans, a, b, ("NAME",)) for a, b in items) else "PROVIDER"
            for (a, b), hit in zip(items, named, strict=False):
                piece = text[a:b].rstrip(".") if not re.fullmatch(r"(?:\p{Lu}\.[ ]?)+", text[a:b]) else text[a:b]
                if not hit and not _covered(spans, a, b, ("ORGANIZATION", "LOCATION", "DATE")) and all(
                        _list_word(w, allowed) or "." in w for w in piece.split()):
                    extra.append((a, a + len(piece), label, 0.5))
    return extra
