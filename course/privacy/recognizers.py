r"""The course's reference recognizers for clinical notes (Presidio ``PatternRecognizer``\ s).

Each recognizer looks for one Safe Harbor identifier (45 CFR 164.514(b)(2)) in the
shapes clinical notes actually use: an ID after the word that introduces it
("MRN", "member ID", "acct #"), a phone number after "fax", an age of 90 or more, a
street address, a name after a title or a relationship word. Patterns that would
be ambiguous on their own (a bare run of digits) score low and are raised above
the threshold only by context words nearby, the way Presidio's own recognizers work.

All patterns use the ``regex`` module (Presidio's), so look-behinds may have variable
width: the *span* is only the identifier, never the label in front of it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import regex as re

from .lexicon import ALLOW_LIST, COMMON_WORD_NAMES, allow_list

__all__ = [
    "ALLOW_LIST",
    "COMMON_WORD_NAMES",
    "COURSE_LABELS",
    "PRESIDIO_TO_COURSE",
    "allow_list",
    "clinical_recognizers",
    "deny_list_recognizer",
    "id_after",
    "structure_recognizers",
    "to_course_label",
]

#: The labels of the course's gold annotations, one per Safe Harbor category in notes.
COURSE_LABELS = (
    "NAME", "PROVIDER", "DATE", "AGE_OVER_89", "LOCATION", "ORGANIZATION", "PHONE", "FAX",
    "EMAIL", "SSN", "MRN", "HEALTH_PLAN", "ACCOUNT", "LICENSE", "VEHICLE", "DEVICE", "URL",
    "IP_ADDRESS", "OTHER_ID",
)  # fmt: skip

#: Presidio's entity names, mapped onto the course's labels (``None``: not an identifier
#: in the Safe Harbor sense, e.g. NRP = nationality, religious or political group).
PRESIDIO_TO_COURSE: dict[str, str | None] = {
    "PERSON": "NAME",
    "PHONE_NUMBER": "PHONE",
    "EMAIL_ADDRESS": "EMAIL",
    "US_SSN": "SSN",
    "DATE_TIME": "DATE",
    "LOCATION": "LOCATION",
    "ORGANIZATION": "ORGANIZATION",
    "URL": "URL",
    "IP_ADDRESS": "IP_ADDRESS",
    "US_DRIVER_LICENSE": "LICENSE",
    "MEDICAL_LICENSE": "LICENSE",
    "US_BANK_NUMBER": "ACCOUNT",
    "CREDIT_CARD": "ACCOUNT",
    "IBAN_CODE": "ACCOUNT",
    "US_PASSPORT": "OTHER_ID",
    "US_ITIN": "OTHER_ID",
    "UK_NHS": "OTHER_ID",
    "MAC_ADDRESS": "DEVICE",
    "NRP": None,
}


def to_course_label(entity_type: str) -> str | None:
    """The course label for a Presidio entity type (course labels map to themselves)."""
    if entity_type in COURSE_LABELS:
        return entity_type
    return PRESIDIO_TO_COURSE.get(entity_type, "OTHER_ID")


# ---------------------------------------------------------------------------------------
# Pattern building blocks
_FLAGS = re.MULTILINE  # case-sensitive by default; keywords opt in with (?i:...)
_SEP = r"(?:\s*(?:[:#=]|no\.?|number|num\.?|ID|id|is|was|on\s+file|with\s+(?:you|us))\s*){0,4}\s*"
#: An ID-shaped token: letters and digits with dashes, at least 4 characters, one digit.
_ID = (r"(?:[A-Z]{2,4}(?:[ ]\d{2,4}){2,4}(?![ ]?\d)|(?:[A-Z]{2,4}[ ](?=\d{4}))?(?=[A-Za-z0-9.-]*\d)"
       r"[A-Za-z0-9](?:[A-Za-z0-9.-]{2,24})[A-Za-z0-9])")


def _pat(name: str, regex: str, score: float):
    from presidio_analyzer import Pattern

    return Pattern(name=name, regex=regex, score=score)


def _rec(entity: str, patterns, context: Iterable[str] = (), name: str | None = None):
    from presidio_analyzer import PatternRecognizer

    return PatternRecognizer(
        supported_entity=entity,
        name=name or f"Course{entity.title().replace('_', '')}Recognizer",
        patterns=list(patterns),
        context=list(context),
        global_regex_flags=_FLAGS,
    )


def id_after(entity: str, keywords: Iterable[str], context: Iterable[str] = (), score: float = 0.85,
             id_regex: str = _ID):
    r"""A recognizer for IDs that follow one of *keywords* (``"MRN: 12-345"``).

    Parameters
    ----------
    entity : str
        The label to give, e.g. ``"MRN"``.
    keywords : iterable of str
        What introduces the ID (case-insensitive regex fragments, e.g. ``"member\s*id"``).
    context : iterable of str
        Context words that raise the score of nearby matches.
    score : float
        The score of a match.
    id_regex : str
        What the ID itself looks like.

    Returns
    -------
    presidio_analyzer.PatternRecognizer
    """
    words = "|".join(keywords)
    # The cheap look-ahead (a digit soon) runs first, so the costly look-behind runs rarely.
    regex = rf"\b(?=[A-Za-z0-9. -]{{0,8}}\d)(?<=(?i:\b(?:{words})){_SEP})(?-i:{id_regex})\b"
    return _rec(entity, [_pat(f"{entity.lower()} after keyword", regex, score)], context,
                name=f"Course{entity.title().replace('_', '')}AfterKeyword")


def deny_list_recognizer(entity: str, terms: Iterable[str], score: float = 0.9):
    """A recognizer that flags every listed term (e.g. the practice's own client names).

    Parameters
    ----------
    entity : str
        The label to give matches.
    terms : iterable of str
        Exact terms to find (matched as whole words, case-insensitive).
    score : float
        Score of a match.

    Returns
    -------
    presidio_analyzer.PatternRecognizer
    """
    from presidio_analyzer import PatternRecognizer

    terms = sorted({t.strip() for t in terms if t and t.strip()}, key=len, reverse=True)
    if not terms:
        raise ValueError("a deny list needs at least one term")
    return PatternRecognizer(supported_entity=entity, name=f"CourseDenyList{entity.title()}",
                             deny_list=terms, deny_list_score=score)


@functools.lru_cache(maxsize=1)
def _structure_classes():
    """The Presidio recognizer classes around :mod:`course.privacy.structure` (made on first
    use, so that importing this module does not import Presidio).
    """
    from presidio_analyzer import LocalRecognizer, RecognizerResult

    from .structure import find_addresses, find_ids
    from .words import mostly_lowercase

    class AddressRecognizer(LocalRecognizer):
        """Whole street addresses and PO boxes, with unit, city, state and ZIP
        (:func:`course.privacy.structure.find_addresses`), as ``LOCATION``.
        """

        def __init__(self, lower_case: bool | None = None) -> None:
            self.lower_case = lower_case
            super().__init__(supported_entities=["LOCATION"], name="CourseAddressRecognizer")

        def load(self) -> None:  # nothing to load: plain string work
            pass

        def analyze(self, text, entities, nlp_artifacts=None):
            if entities and "LOCATION" not in entities:
                return []
            lower = mostly_lowercase(text) if self.lower_case is None else self.lower_case
            return [RecognizerResult("LOCATION", a, b, score) for a, b, _, score in find_addresses(text, lower)]

    class IdShapeRecognizer(LocalRecognizer):
        """Identifier-shaped tokens with or without a keyword before them, and social-media
        handles (:func:`course.privacy.structure.find_ids`), as ``OTHER_ID``.
        """

        def __init__(self, allowed: frozenset[str]) -> None:
            self.allowed = allowed
            super().__init__(supported_entities=["OTHER_ID"], name="CourseIdShapeRecognizer")

        def load(self) -> None:
            pass

        def analyze(self, text, entities, nlp_artifacts=None):
            if entities and "OTHER_ID" not in entities:
                return []
            return [RecognizerResult("OTHER_ID", a, b, score) for a, b, _, score in find_ids(text, self.allowed)]

    return AddressRecognizer, IdShapeRecognizer


def structure_recognizers(allow: Iterable[str] = (), lower_case: bool | None = None):
    """The course pipeline's structure readers as Presidio recognizers, for use next to
    :func:`clinical_recognizers` in an ``AnalyzerEngine``: whole addresses (``LOCATION``) and
    identifier-shaped tokens without a keyword (``OTHER_ID``).

    :class:`course.privacy.Pipeline` calls the same functions of :mod:`course.privacy.structure`
    directly (and then reads the note's structure further: field labels, sentence starts,
    names found elsewhere in the note); these recognizers give Presidio what those functions
    find, nothing more.

    Parameters
    ----------
    allow : iterable of str
        Terms never taken for an identifier, added to the course's :data:`ALLOW_LIST`.
    lower_case : bool, optional
        Read addresses as in a note typed all in lower case (street names without
        capitals), as the pipeline does for such a note. ``None``: decide from the text
        analysed (:func:`course.privacy.words.mostly_lowercase`); pass the answer for the
        note *as typed* when the text analysed had its capitals given back first
        (:meth:`course.privacy.Pipeline.truecase`).

    Returns
    -------
    list of presidio_analyzer.EntityRecognizer
        New objects on every call.
    """
    address, id_shape = _structure_classes()
    return [address(lower_case), id_shape(allow_list(allow))]


_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_MONTHS_I = rf"(?i:{_MONTHS})"
#: A month on its own ("since August"): capitalised, or written out in full in any case
#: ("in march"); never "May" or "may" without a capital and a preposition.
_MONTH_ALONE = (r"(?-i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?|"
                r"(?i:January|February|March|April|June|July|August|September|October|November|December)")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_STATES = (r"A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|"
           r"V[AT]|W[AIVY]")
_TITLES_CLIENT = r"(?:Mr|Mrs|Ms|Mx|Miss|Mister)"
_AGE_WORDS = (r"(?:ninety(?:[ -](?:one|two|three|four|five|six|seven|eight|nine))?|one[ -]hundred(?:[ -](?:and[ -])?\p{L}+)?|"
              r"a[ -]hundred|hundred[ -]and[ -]\p{L}+)")
_TITLES_PROVIDER = r"(?:Dr|Doctor|Prof)"
_CAP = r"(?:\p{Lu}\p{Ll}*(?:['’]\p{Lu})?\p{Ll}+(?:\p{Lu}\p{Ll}+)?(?:-\p{L}\p{Ll}+)?)"
_INITIALS = r"\b\p{Lu}\.\s?\p{Lu}\.(?:\s?\p{Lu}\.)?(?![\p{L}])"
_PARTICLES = r"(?:(?:de|da|del|della|van|von|der|den|di|du|la|le|al|el|bin|ibn|Ó|O'|Mac|Mc)[ ])"
_NAME2 = rf"{_PARTICLES}*{_CAP}(?:[ ](?:(?:de|da|del|van|von|der|den|al|el|bin|ibn|le|la|Ó|O')[ ])*{_CAP}){{0,2}}(?:[ ]\p{{Lu}}\.(?![\p{{L}}]))?"
#: "Last, First" as in forms and claims.
_NAME_LF = rf"{_PARTICLES}*{_CAP}(?:[ ]{_CAP})?,[ ]?{_CAP}(?:[ ]{_CAP}|[ ]\p{{Lu}}\.)?"
#: The same in capitals, as on claims and court forms ("PRICE, JORDAN A.").
_UPPER = r"\p{Lu}{2,}(?:['’-]\p{Lu}{2,})*"
_NAME_LF_UPPER = rf"{_UPPER}(?:[ ]{_UPPER})?,[ ]?{_UPPER}(?:[ ]{_UPPER}|[ ]\p{{Lu}}\.)?"
_FIELD_NAMES = (
    r"(?:client|patient|pt|member|member\s+name|subscriber|insured|student|re|name|client\s+name|patient\s+name|present|"
    r"case\s+discussed|emergency\s+contact(?:\s+confirmed)?|guardian|parent|beneficiary|presenting\s+crisis|"
    r"coworker\s+named\s+in\s+session|named\s+in\s+session|people\s+to\s+ask\s+for\s+help|distraction|said|per|"
    r"note\s+for|[a-z]\s*\((?:response|behaviou?r|data|intervention|assessment|plan|subjective|objective)\)|"
    r"employee|participant|resident|youth|child|minor|defendant|respondent|petitioner|plaintiff|tenant|"
    r"applicant|attendee|caller|legal\s+name|name\s+used|preferred\s+name|full\s+name|from|to|attn|cc|"
    r"members?\s+present|attendees|participants|clients?\s+present)"
)
_SIGNOFF = r"(?:thanks|thank\s+you|thx|ty|best|regards|best\s+regards|sincerely|cheers|take\s+care|love|warmly|respectfully)"
_ORG_END = (
    r"(?:Hospital|Clinic|Center|Centre|Associates|Collaborative|Health|Healthcare|Services|Recovery|Counseling|"
    r"Counselling|Psychiatry|School|Elementary|Academy|College|University|Institute|Insurance|Medicaid|Plan|"
    r"Transit|Bakery|Software|Home|Church|Bank|Union|Inc|LLC|Corp|Company|Partners|Practice|Foundation|Agency|"
    r"Pharmacy|Library|Market|Store|Restaurant|Caf[eé]|Landscaping|Construction|Logistics|Solutions|Systems|"
    r"Industries|Motors|Shelter|Ministries|Hall|Works|Studio|Studios|Farms?|Supply|Manufacturing|Warehouse|Diner|"
    r"Grill|Salon|Gym|Fitness|Airlines?|Hotel|Resort|Labs?|Technologies|Tech|Consulting|Media|Press|Realty|"
    r"Dental|Medical|Pediatrics|Dentistry|(?:Psychology|Psychological|Behavioral|Behavioural|Dental|Medical|Health|"
    r"Counseling|Counselling|Psychiatric|Therapy|Consulting|Wellness|Care|Pediatric|Law|Legal|Financial|Realty|"
    r"Restaurant|Hospitality|Automotive|Media|Investment|Construction)[ ]Group|Collective|Medicine|Network|Alliance|Coalition|Council|"
    r"Cooperative|Co-op|Mosque|Masjid|Temple|Synagogue|Parish|Clubhouse|Program|Programme|Partnership|"
    r"Co|PLLC|LLP|PC|Ltd|Trust|Society|League|Ministry|Outreach|Advocates|Attorneys|Wellness|Psychology)"
)
_ORG_WORD = r"(?:\p{Lu}[\p{L}'’-]*|\p{Lu}\.|&|of|the|and|for|St\.)"
_CREDENTIALS = (
    r"(?:MD|DO|PhD|PsyD|LCSW|LICSW|LMSW|LPC|LPCC|LMHC|LMFT|LCPC|NP|PMHNP|APRN|RN|MSW|MFT|"
    r"BCBA|LCADC|CADC|EdD|PA-C)"
)
#: Roles of staff, written before a staff member's name ("Interpreter: ...", "the RA on duty (...)").
_STAFF_ROLES = (
    r"(?:interpreters?|coach|recovery\s+coach|trainee|intern|resident|facilitators?|co-facilitators?|nurse|"
    r"nurse\s+practitioner|assessor|responder|consultant|reviewer|plan\s+reviewer|specialist|peer\s+specialist|"
    r"advocate|coordinator|care\s+coordinator|navigator|chaplain|RA|RA\s+on\s+duty|on-call(?:\s+clinician)?|"
    r"attending|psychologist|school\s+psychologist|principal|assistant\s+principal|front\s+desk|"
    r"billing|records|scheduler|receptionist|dietitian|pharmacist|probation\s+(?:officer|agent)|"
    r"parole\s+(?:officer|agent)|caseworker|case\s+worker|worker|liaison|counsel+ors?|therapists?|"
    r"clinicians?|psychiatrists?|prescribers?|supervisors?|staff|assigned\s+to|contact|author|"
    r"rendering\s+provider|treating\s+provider|requested\s+by|reported\s+by|released\s+by|routed\s+to)"
)
#: Titles of staff written before the name ("Chaplain ...", "Officer ...").
_STAFF_TITLES = r"(?:Chaplain|Officer|Agent|Nurse|Coach|Principal|Sergeant|Sgt|Detective|Judge|Deputy|Pastor|Rev|Reverend)"
_RELATIONS = (
    r"(?:mother|mom|mum|father|dad|sister|brother|sibling|wife|husband|spouse|partner|"
    r"boyfriend|girlfriend|fianc[eé]e?|son|daughter|child|aunt|uncle|grandmother|grandma|"
    r"grandfather|grandpa|cousin|niece|nephew|friend|roommate|neighbor|neighbour|coworker|"
    r"co-worker|boss|supervisor|stepfather|stepmother|stepdad|stepmom|guardian|"
    r"client|patient|pt|member|named|called|nickname|goes\s+by|prefers|peer|aide|pastor|sponsor|coach|teacher|"
    r"caregiver|case\s+manager|roommate|landlord|PO|probation\s+officer|manager|colleague|classmate|teammate|"
    r"bandmate|tenant|attorney|lawyer|paralegal|counsel|HR|employer|leasing\s+agent|best\s+friend|ex|"
    r"ex-(?:husband|wife|partner|boyfriend|girlfriend)|(?:mother|father|sister|brother|son|daughter)-in-law|"
    r"stepson|stepdaughter|stepsister|stepbrother|grandson|granddaughter|great-grand(?:mother|father|ma|pa)|"
    r"twin|half-(?:brother|sister)|godmother|godfather|foster\s+(?:mother|father|parent)|me\s+and)"
)


def clinical_recognizers():
    """The course's reference recognizers for clinical notes.

    Returns
    -------
    list of presidio_analyzer.PatternRecognizer
        New objects on every call (a caller may change them).
    """
    ctx_mrn = ["mrn", "medical", "record", "chart", "mr"]
    recs = [
        # --- IDs introduced by a keyword ------------------------------------------------
        id_after("MRN", [r"MRN", r"MR\s*#", r"medical\s+record(?:\s+(?:number|no\.?|#))?", r"chart(?:\s+(?:number|no\.?|#))",
                         r"record\s+(?:number|no\.?|#)", r"patient\s+ID", r"pt\s+ID", r"client\s+ID"], ctx_mrn),
        id_after("HEALTH_PLAN", [r"member\s*(?:ID|#|number|no\.?)", r"subscriber\s*(?:ID|#|number|no\.?)",
                                 r"policy\s*(?:ID|#|number|no\.?)?", r"insurance\s*(?:ID|#|number|no\.?)",
                                 r"health\s*plan\s*(?:ID|#|number|no\.?)?", r"plan\s*(?:ID|#)", r"group\s*(?:ID|#|number|no\.?)",
                                 r"Medicaid\s*(?:ID|#|number|no\.?)?", r"Medicare\s*(?:ID|#|number|no\.?|MBI)?",
                                 r"beneficiary\s*(?:ID|#|number|no\.?)", r"MBI", r"HICN", r"insurance\s+card",
                                 r"group(?=[\s#:]+\d{4,}\b)"],
                 ["member", "insurance", "policy", "plan", "subscriber", "medicaid", "medicare"]),
        id_after("ACCOUNT", [r"acct\.?", r"account", r"billing\s*(?:ID|#|number|no\.?)", r"invoice\s*(?:#|number|no\.?)",
                             r"claim", r"statement\s*(?:#|number|no\.?)", r"a/c"],
                 ["account", "billing", "invoice", "claim", "balance"]),
        id_after("LICENSE", [r"driver'?s?\s+licen[cs]e(?:\s+(?:number|no\.?|#))?", r"DL", r"licen[cs]e\s*(?:#|number|no\.?)",
                             r"license", r"licence", r"lic\.?", r"permit\s*(?:#|number|no\.?)", r"NPI", r"DEA(?:\s*#)?",
                             r"certificat(?:e|ion)\s*(?:#|number|no\.?)?", r"credential\s*(?:#|number|no\.?)?"],
                 ["license", "licence", "dl", "driver", "npi", "dea"]),
        id_after("VEHICLE", [r"plate", r"licen[cs]e\s+plate", r"tag", r"VIN", r"vehicle\s*(?:ID|#|number|no\.?)?", r"reg(?:istration)?\.?"],
                 ["plate", "vin", "vehicle", "car", "truck"],
                 id_regex=r"(?=[A-Z0-9 -]*\d)[A-Z0-9](?:[A-Z0-9 -]{1,18})[A-Z0-9]"),
        id_after("DEVICE", [r"serial(?:\s*(?:number|no\.?|#))?", r"S/N", r"SN", r"device\s*(?:ID|#|number|no\.?)",
                            r"IMEI", r"UDI", r"pump\s*(?:ID|#)", r"implant\s*(?:ID|#)", r"hearing\s+aid", r"CPAP"],
                 ["serial", "device", "imei", "pump", "monitor", "implant", "pacemaker"]),
        id_after("OTHER_ID", [r"case\s*(?:ID|#|number|no\.?)", r"file\s*(?:ID|#|number|no\.?)", r"referral\s*(?:ID|#|number|no\.?)",
                              r"student\s*(?:ID|#|number|no\.?)", r"employee\s*(?:ID|#|number|no\.?)", r"badge\s*(?:#|number|no\.?)?",
                              r"passport(?:\s*(?:#|number|no\.?))?", r"docket(?:\s*(?:#|number|no\.?))?",
                              r"court\s+case", r"probation\s*(?:ID|#|number|no\.?)", r"inmate\s*(?:ID|#|number|no\.?)",
                              r"authori[sz]ation\s*(?:ID|#|number|no\.?|code)?", r"auth\.?",
                              r"pre-?auth(?:ori[sz]ation)?\s*(?:ID|#|number|no\.?|code)?", r"ticket\s*(?:#|number|no\.?)",
                              r"reference\s*(?:ID|#|number|no\.?)", r"ref\.?\s*(?:#|no\.?)", r"ID\s*(?:#|number|no\.?)", r"ID", r"tracking\s*(?:#|number|no\.?)",
                              r"CPS\s+case", r"DCFS\s+case", r"confirmation\s*(?:#|number|no\.?|code)",
                              r"(?:report|hold|cause|index|job|order|form|request|booking|claim|contract|incident|"
                              r"ticket|file|chart|record)\s*(?:#|no\.?|number|ID)", r"TIN", r"EIN", r"SID", r"A-?Number"],
                 ["case", "referral", "student", "employee", "authorization", "reference", "id"]),
        _rec("LICENSE", [_pat("credential.number", r"\b(?:LCSW|LICSW|LMSW|LPC|LPCC|LMHC|LMFT|LCPC|LADC|MSW|PSY|PMHNP|APRN|RN|MD|DO|NP|MFT|CADC)[.-]?\d{4,9}\b", 0.8)],
             ["license", "licence"], name="CourseCredentialLicense"),
        # A bare ID-shaped code (letters + digits) scores low unless a context word is near.
        _rec("OTHER_ID", [_pat("letters-digits code", r"\b(?=[A-Z]{1,4}-?\d)[A-Z]{1,4}-?\d{5,12}\b", 0.3)],
             ["id", "number", "mrn", "member", "account", "case", "policy", "record", "serial", "license", "#"],
             name="CourseLettersDigitsCode"),
        _rec("OTHER_ID", [_pat("long bare number", r"(?<![\d/.:-])\b\d{7,10}\b(?![/.:-]\d)", 0.45)],
             ["id", "number", "mrn", "record", "chart", "#"], name="CourseBareNumber"),
        # --- contact details ---------------------------------------------------------------
        _rec("FAX", [_pat("fax", r"(?<=(?i:\bfax(?:ed)?\b)[^0-9\n]{0,12})(?:(?:\+?1[-.\s]?)?\(?\d{3}\)?[-.\s]?)?\d{3}[-.\s]\d{4}\b", 0.9)],
             ["fax"]),
        _rec("PHONE", [
            _pat("us phone", r"(?<![\d-])(?:\+?1[-.\s]?)?\(?\b\d{3}\)?[-.\s]?\d{3}[-.\s]\d{4}\b(?:\s*(?i:ext\.?|x)\s*\d{1,5})?", 0.7),
            _pat("local phone", r"(?<![\d/.-])\b555[-.]01\d\d\b", 0.6),
        ], ["phone", "call", "cell", "mobile", "tel", "text", "contact", "reach"]),
        _rec("EMAIL", [_pat("email", r"\b[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b", 0.95)]),
        _rec("URL", [_pat("url", r"(?i:\bhttps?://[^\s<>\"')\]]+|\bwww\.[^\s<>\"')\]]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|edu|gov|io|info)(?:/[^\s<>\"')\]]*)?)(?<![.,;:])", 0.6)],
             ["url", "website", "site", "link", "portal", "page", "profile", "http", "www"]),
        _rec("IP_ADDRESS", [_pat("ipv4", r"\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b", 0.8),
                            _pat("ipv6", r"\b(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}\b|\b(?:[0-9a-fA-F]{1,4}:){1,7}:(?:[0-9a-fA-F]{1,4}:?){0,6}[0-9a-fA-F]{1,4}\b", 0.6)],
             ["ip", "address", "login", "logged", "connection"]),
        _rec("SSN", [_pat("last four", r"(?<=(?i:\b(?:last\s+(?:4|four)(?:\s+digits)?(?:\s+of\s+(?:the\s+|her\s+|his\s+|their\s+)?(?:ssn|social(?:\s+security)?(?:\s+number)?))?|ssn|ss#|social\s+security(?:\s+number)?)\b)[^\d\n]{0,6})\d{4}\b(?!-)", 0.8),
                     _pat("ssn", r"(?<![\d-])\b\d{3}-\d{2}-\d{4}\b(?!-)", 0.85),
                     _pat("ssn spaced", r"(?<=(?i:\b(?:ssn|social\s+security(?:\s+(?:number|no\.?|#))?)\b)[:#\s]{0,4})\d{3}[\s.]?\d{2}[\s.]?\d{4}\b", 0.9)],
             ["ssn", "social", "security"]),
        # --- dates ---------------------------------------------------------------------------
        _rec("DATE", [
            _pat("numeric date", rf"(?<![\d/.-])\b(?:0?[1-9]|1[0-2])[/.-](?:0?[1-9]|[12]\d|3[01])[/.-](?:{_YEAR}|\d{{2}})\b(?![/.-]\d)", 0.85),
            _pat("iso date", rf"\b{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b", 0.9),
            _pat("month day year", rf"\b{_MONTHS_I}\.?[ \t]{_DAY}(?:,?[ \t]{_YEAR}|[ \t]['’]\d{{2}})?(?![\p{{L}}\d])", 0.85),
            _pat("day month year", rf"\b{_DAY}(?:[ \t]of)?[ \t]{_MONTHS_I}\.?(?:,?[ \t]{_YEAR})?\b", 0.85),
            _pat("dotted iso date", rf"\b{_YEAR}\.(?:0[1-9]|1[0-2])\.(?:0[1-9]|[12]\d|3[01])\b", 0.85),
            _pat("month/year", rf"(?<![\d/.-])\b(?:0?[1-9]|1[0-2])/{_YEAR}\b(?![/.-]\d)", 0.7),
            _pat("month on its own", rf"(?<=(?i:\b(?:in|since|through|thru|until|till|by|during|from|before|after|early|mid|late|last|next|this|of|around|into|starting|beginning|end\s+of|and|or|to)\b)[ \t]+(?:(?i:early|mid|late)-?[ \t]*)?)(?:{_MONTH_ALONE})(?![\p{{L}}\d]|\.\d|[ \t]+\d)", 0.6),
            _pat("ordinal day", r"(?<=(?i:\b(?:on|by|until|till|before|after|since|from|through|thru)\b)[ \t]+(?i:the[ \t]+)?)(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b(?![ \t]+(?!(?:of|at|and|or|for|to|if|when|but)\b)\p{L})", 0.6),
            _pat("day-month-year", rf"\b{_DAY}[-/ ]{_MONTHS_I}\.?[-/ ](?:{_YEAR}|\d{{2}})\b", 0.9),
            _pat("month year", rf"\b{_MONTHS_I}\.?,?\s+{_YEAR}\b", 0.7),
            _pat("month/day", r"(?<![\d/.-])\b(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])\b(?![/.-]\d|\s*(?:mg|ml))(?!/10)", 0.45),
            _pat("holiday", r"(?i:\b(?:Christmas(?:[ \t]+Eve)?|Thanksgiving|New[ \t]+Years?['’]?s?(?:[ \t]+(?:Eve|Day))|New[ \t]+Year['’]s|Easter|Halloween|Valentine['’]?s(?:[ \t]+Day)?|Independence[ \t]+Day|July[ \t]+4th|Fourth[ \t]+of[ \t]+July|Mother['’]?s[ \t]+Day|Father['’]?s[ \t]+Day|Memorial[ \t]+Day|Labor[ \t]+Day|Juneteenth|Hanukkah|Diwali|Eid(?:[ \t]+al-\p{L}+)?|Yom[ \t]+Kippur|Rosh[ \t]+Hashanah|Passover|Lunar[ \t]+New[ \t]+Year)\b)", 0.55),
        ], ["date", "dob", "born", "on", "seen", "admitted", "discharged", "session", "visit", "since"]),
        # --- ages of 90 and over (the number only) -------------------------------------------
        _rec("AGE_OVER_89", [
            _pat("age before year-old", r"\b(?:9\d|1[0-2]\d)(?=\s*-?\s*(?i:(?:years?|yrs?|y)[\s-]*(?:old|o\b|/o)|yo\b|y/o|y\.o\.|-year-old))", 0.9),
            _pat("age after keyword", r"(?<=(?i:\b(?:age[sd]?|aged|turned|turning|turns)\b)[:\s]{1,3})(?:9\d|1[0-2]\d)\b", 0.9),
            _pat("age in parentheses", r"(?<=\(\s?)(?:9\d|1[0-2]\d)(?=\s?(?:[MF]|yo|y/o)?\s?\))", 0.5),
            _pat("nonagenarian", r"(?i:\b(?:nonagenarian|centenarian)\b)", 0.6),
            _pat("age in words before year-old", rf"(?i:\b{_AGE_WORDS}(?=[ \t-]+years?[ \t-]+old\b|-year\b|[ \t]+y/?o\b))", 0.9),
            _pat("age in words after keyword", rf"(?<=(?i:\b(?:age[sd]?|aged|turned|turning|turns|is|was|now|almost|nearly)\b)[ \t]+)(?i:{_AGE_WORDS})(?![ \t-]*(?i:minutes?|mins?|seconds?|hours?|days?|weeks?|months?|percent|%|mg|dollars?|times|pounds?|lbs?|miles?|degrees?)\b)", 0.6),
            _pat("age after a relative", rf"(?<=(?i:\b{_RELATIONS}\b)[ \t]*,[ \t]*)(?:9\d|1[01]\d)(?=[ \t]*(?:,|;|\)|[-–—][ \t]))", 0.75),
        ], ["age", "aged", "old", "yo", "elderly", "birthday"]),
        # --- places --------------------------------------------------------------------------
        _rec("LOCATION", [
            _pat("apartment", r"(?i:\b(?:Apt|Apartment|Unit|Suite|Ste)\b\.?\s*#?\s*)[0-9]+[A-Z]?\b", 0.6),
            _pat("zip after state", rf"(?<=\b(?:[A-Z]{{2}}|(?i:{_STATES}))\.?\s{{1,2}})\d{{5}}(?:-\d{{4}})?\b", 0.8),
            _pat("zip after keyword", r"(?<=(?i:\b(?:zip|zip\s+code|postal\s+code)\b)[:\s]{1,3})\d{5}(?:-\d{4})?\b", 0.9),
            _pat("city before state", r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}(?=,\s*(?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY])\b)", 0.7),
            _pat("place after moving words", r"(?<=(?i:\b(?:lives?|living|lived|moved|moving|relocated|relocating|located|stays?|staying|resides?|residing|born|visiting|travell?ed|drove|driving|grew\s+up)\s+(?:in|to|at|near|from)\s+|\bfrom\s+))(?-i:\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+){0,2})(?=[\s.,;:)]|$)", 0.5),
            _pat("city after address", r"(?<=\b(?i:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Circle|Parkway|Trail)\.?(?:,?\s+(?i:Apt|Unit|Suite|Ste)\.?\s*#?\s*[\w-]+)?,\s*)(?-i:\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+){0,2})(?=[\s.,;:)]|$)", 0.7),
            _pat("zip after address", rf"(?<=\b(?i:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Circle|Cir|Parkway|Trail)\.?(?:,?\s+(?i:Apt|Unit|Suite|Ste)\.?\s*#?\s*[\w-]+)?,\s*(?:[\p{{L}}' -]+,\s*)?(?:(?:[A-Z]{{2}}|(?i:{_STATES}))\s+)?)\d{{5}}(?:-\d{{4}})?\b", 0.8),
            _pat("county", r"\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\s+County\b", 0.6),
            _pat("named street or place", r"\b(?-i:\p{Lu}\p{Ll}+(?:[ ]\p{Lu}\p{Ll}+){0,2}[ ](?:Street|Avenue|Ave|Road|Boulevard|Blvd|Lane|Parkway|Highway|Park|Plaza|Square|Bridge|Apartments|Commons|Library|Station|Terrace|Towers?|Heights|Village|Courts|Homes|Manor|Lodge|Pier|Trailhead))\b\.?", 0.5),
        ], ["lives", "live", "address", "moved", "street", "apartment", "city", "town", "county", "zip", "home"]),
        _rec("ORGANIZATION", [
            _pat("name ending in an organisation word", rf"\b(?-i:\p{{Lu}}[\p{{L}}'’.-]*(?:[ ]{_ORG_WORD}){{0,5}}[ ]{_ORG_END})\b\.?", 0.55),
            _pat("name before a legal form", r"\b(?-i:\p{Lu}[\p{L}'’-]*(?:[ ](?:\p{Lu}[\p{L}'’-]*|&|of|the|and))*(?=,?[ ](?:PLLC|LLC|LLP|Inc\.?|P\.?C\.|Ltd\.?|Corp\.?)(?![\p{L}])))", 0.6),
            _pat("names joined by &", r"\b(?-i:\p{Lu}[\p{L}'’-]+(?:[ ]\p{Lu}[\p{L}'’-]+)?[ ]&[ ]\p{Lu}[\p{L}'’-]+(?:[ ]\p{Lu}[\p{L}'’./-]+){0,3})", 0.55),
            _pat("organisation after employer words", rf"(?<=(?i:\b(?:employed\s+(?:at|by)|works?\s+(?:at|for)|working\s+(?:at|for)|worked\s+(?:at|for)|job\s+at|employer|practice|insurance|insurer|school|attends|enrolled\s+at|student\s+at|teacher\s+at|volunteers?\s+at)\b)[:\s]{{1,3}})(?-i:\p{{Lu}}[\p{{L}}'’-]*(?:[ ]{_ORG_WORD}){{0,5}})", 0.6),
        ], ["employer", "works", "employed", "insurance", "school", "practice", "clinic", "hospital"]),
        # --- names the statistical model misses ------------------------------------------------
        _rec("NAME", [
            _pat("name after title", rf"(?<=\b{_TITLES_CLIENT}\.?\s+)(?-i:{_NAME2})", 0.85),
            _pat("name after relation", rf"(?<=(?i:\b{_RELATIONS}\b)(?:[ \t]*\([ \t]*|,?[ \t]+)[\"“]?)(?-i:{_CAP}(?:[ ]{_CAP})?)(?=\W|$)", 0.45),
            _pat("name after field label", rf"(?<=(?i:\b{_FIELD_NAMES}\b)[ \t]*[:(,#]?[ \t]*)(?-i:{_NAME_LF}|{_NAME_LF_UPPER}|{_NAME2})(?=[\s,;:.)!?'<]|$)", 0.5),
            _pat("name before relation", rf"\b(?-i:{_NAME2})(?=[ \t]*\((?i:{_RELATIONS}|identified\s+client|age\s+\d+|\d+\s*(?:yo|y/o)|[MF])\b)", 0.6),
            _pat("name before phone", rf"\b(?-i:{_NAME2})(?=[ \t]*[:,-]?[ \t]*\(?\d{{3}}\)?[-. ]\d{{3}}[-. ]\d{{4}}|[ \t]+555-01\d\d)", 0.5),
            _pat("initials", _INITIALS, 0.5),
            _pat("list item", rf"(?<=^[ \t]*[-•*][ \t]+)(?-i:{_NAME_LF}|{_NAME2})(?=[ \t]*:)", 0.6),
            _pat("Last, First", rf"(?<=(?:^|\|)[ \t]*)(?-i:{_NAME_LF})(?=[ \t]*(?:[|,]|$|\d))", 0.55),
            _pat("name after greeting", r"(?<=(?:^|:)[ \t]*(?i:hi|hello|hey|dear|good\s+morning|good\s+afternoon)[ \t]+)(?:[\p{L}][\p{L}'’-]+)(?=[ \t]*[,!:\n])", 0.5),
            _pat("name after sign-off", rf"(?<=^[ \t]*(?i:{_SIGNOFF})[ \t]*[,!.]?[ \t]*\n[ \t]*)(?:[\p{{L}}][\p{{L}}'’-]+(?:[ \t]+\p{{Lu}}[\p{{L}}'’-]+)?)(?=[ \t]*$)", 0.6),
            _pat("name after it's", rf"(?<=(?i:\b(?:it'?s|this\s+is|my\s+name\s+is|i\s+am|i'm)\b)[ \t]+)(?-i:{_CAP})(?=[ \t]*[.,!]|[ \t]+(?:here|again)\b)", 0.5),
            _pat("name before possessive/age", rf"\b(?-i:{_CAP}(?:\s+{_CAP})?)(?=\s*\(\s*\d{{1,2}}\s*(?:[MF]|yo|y/o)?\s*\)|,\s*(?:age|aged)\s+\d)", 0.6),
        ], ["client", "patient", "pt", "mother", "father", "wife", "husband", "partner", "friend", "son", "daughter", "named", "mr", "ms", "mrs"]),
        _rec("PROVIDER", [
            _pat("name after Dr", rf"(?<=\b{_TITLES_PROVIDER}\.?\s+)(?-i:{_NAME2})", 0.85),
            _pat("name before credential", rf"\b(?-i:{_NAME2})(?=,?\s+{_CREDENTIALS}\b)", 0.8),
            _pat("signed by", rf"(?<=(?i:\b(?:signed|electronically\s+signed|clinician|therapist|counsel+or|provider|supervisor|psychiatrist|prescriber|case\s+manager|social\s+worker|referred\s+by|seen\s+by|cc)\b)[:\s]{{1,3}}(?:by\s+)?)(?-i:{_NAME2})", 0.6),
            _pat("name after staff role", rf"(?<=(?i:\b{_STAFF_ROLES}\b)[ \t]*(?::|,|\(|\bis\b)?[ \t]*)(?-i:(?:\p{{Lu}}\.[ ]?)?{_NAME2})(?=[\s,;:.)!?'/]|$)", 0.55),
            _pat("initial and surname signing", rf"(?<=(?:^|[/;][ ]?|(?i:signatures?|signed|e-signed|by)[: ]+)[ \t]*)(?-i:\p{{Lu}}\.[ ]?{_CAP}(?:-{_CAP})?)(?=[ \t]*(?:,|/|;|$))", 0.5),
            _pat("name after staff title", rf"(?<=\b{_STAFF_TITLES}\.?[ ])(?-i:{_NAME2})", 0.75),
            _pat("initials signing an entry", r"(?<=(?:^|[ \t])(?:-{1,2}|—|–)[ \t]?)(?:\p{Lu}{2,3}|\p{Ll}{2,3}|(?:\p{L}\.){2,3})(?=[ \t]*$)", 0.55),
            _pat("initials before a date", r"(?<=^[ \t]*)(?:\p{L}{2,3}|(?:\p{L}\.){2,3})(?=[ \t]*/[ \t]*\d{1,2}/\d{1,2}\b)", 0.55),
            _pat("initials after by", r"(?<=\b(?:by|per|from|with|signed)[ ])\p{Lu}{2,3}(?=[ \t]*(?:[;,.)]|$|\d))", 0.45),
        ], ["dr", "doctor", "therapist", "clinician", "signed", "lcsw", "md", "phd", "psyd"]),
    ]
    return recs
