"""Synthetic mental-health clinical documents with gold identifier spans.

:func:`generate_notes` writes fictional documents of many kinds (intake
assessments, SOAP/DAP/BIRP progress notes, crisis and safety plans, portal
messages, ...) and annotates every identifier in them with a character span and
one label per HIPAA Safe Harbor category (45 CFR 164.514(b)(2)). The text is
assembled with :class:`course.synth._text.DocBuilder`, so the spans are exact by
construction. Everything is invented: phone numbers are 555-01xx, SSNs are in
invalid ranges, NPIs fail the NPI check digit, e-mail and web addresses use
example.com/.org/.net, IP addresses are in the documentation ranges.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import Dataset
from ._io import jsonl_text
from ._text import DocBuilder, V

__all__ = [
    "COMMON_WORD_NAMES",
    "DATASETS",
    "KINDS",
    "LABELS",
    "LABEL_INFO",
    "build_notes",
    "generate_note",
    "generate_notes",
    "iter_notes",
    "summarize_notes",
]

#: The gold labels, one per Safe Harbor category that occurs in notes.
LABELS: tuple[str, ...] = (
    "NAME",
    "PROVIDER",
    "DATE",
    "AGE_OVER_89",
    "LOCATION",
    "ORGANIZATION",
    "PHONE",
    "FAX",
    "EMAIL",
    "SSN",
    "MRN",
    "HEALTH_PLAN",
    "ACCOUNT",
    "LICENSE",
    "VEHICLE",
    "DEVICE",
    "URL",
    "IP_ADDRESS",
    "OTHER_ID",
)

#: What each label covers, and the Safe Harbor item (45 CFR 164.514(b)(2)(i)) it stands for.
LABEL_INFO: dict[str, str] = {
    "NAME": "(A) names of the client, relatives, household members, friends and other lay people",
    "PROVIDER": "names of clinicians and clinic staff; not on the Safe Harbor list (which covers the "
    "individual, relatives, employers and household members), kept apart so a policy can choose",
    "DATE": "(C) any date element more specific than the year (birth, admission, discharge, service, ...)",
    "AGE_OVER_89": "(C) ages over 89 (the number only)",
    "LOCATION": "(B) street address, city, county, ZIP code (geographic units smaller than a state)",
    "ORGANIZATION": "(A) employer names, and by this course's convention other organisations tied to "
    "the person (clinic, hospital, school, payer, place of worship)",
    "PHONE": "(D) telephone numbers",
    "FAX": "(E) fax numbers",
    "EMAIL": "(F) e-mail addresses",
    "SSN": "(G) Social Security numbers, including the last four digits",
    "MRN": "(H) medical record numbers",
    "HEALTH_PLAN": "(I) health plan beneficiary (member) numbers",
    "ACCOUNT": "(J) account numbers",
    "LICENSE": "(K) certificate and licence numbers (driver's licence, professional licence)",
    "VEHICLE": "(L) vehicle identifiers: licence plates, VINs",
    "DEVICE": "(M) device identifiers and serial numbers",
    "URL": "(N) web addresses",
    "IP_ADDRESS": "(O) IP addresses",
    "OTHER_ID": "(R) any other unique identifying number or code (student ID, court or probation "
    "number, claim or authorisation reference, NPI, A-number, ...)",
}

#: Document kinds, in the order they are dealt out.
KINDS: tuple[str, ...] = (
    "intake",
    "soap",
    "dap",
    "birp",
    "group",
    "couples_family",
    "crisis_safety_plan",
    "discharge_summary",
    "referral_letter",
    "portal_message",
    "supervision",
    "insurance_preauth",
    "telehealth",
    "school_counsellor",
)

NOTES_SEED = 3101
NOTES_N = 336

# --------------------------------------------------------------------------- pools

_FIRST_F = [
    "Maria", "Aaliyah", "Mei", "Priya", "Fatima", "Aisha", "Hana", "Yuki", "Sofia", "Camila",
    "Ximena", "Agnieszka", "Emily", "Brianna", "Jasmine", "Kayla", "Zoë", "Renée", "Ayşe",
    "Siobhan", "Niamh", "Olga", "Anastasia", "Ngozi", "Ama", "Thanh", "Linh", "Anne-Marie",
    "Mary-Kate", "Guadalupe", "Keisha", "Leilani", "Nizhoni", "Ingrid", "Rania", "Sun-hee",
    # names that are also common words
    "Hope", "Rose", "Faith", "Joy", "Dawn", "Summer", "Amber", "Destiny", "April", "June",
]
_FIRST_M = [
    "José", "DeShawn", "Wei", "Arjun", "Omar", "Yusuf", "Kenji", "Mateo", "Luis", "Tomasz",
    "Jake", "Tyler", "Marcus", "Ethan", "Björn", "Hyun-woo", "Ji-ho", "Jean-Luc", "Sean",
    "Dmitri", "Olumide", "Chidi", "Kwame", "Tuan", "Rahul", "Ahmed", "Diego", "Kai",
    "Malik", "Tavita", "Ravi", "Cheveyo",
    # names that are also common words
    "Will", "Grant", "Hunter", "Chase", "Bill", "Mark", "Guy", "Sonny",
]
_FIRST_N = ["Alex", "Sam", "River", "Jordan", "Quinn", "Rowan", "Sky", "Avery", "Ash", "Jamie"]
_LAST = [
    "López", "García-López", "Nguyen", "Okonkwo", "Adeyemi", "Al-Sayed", "O'Brien", "Kowalski",
    "Ivanova", "Patel", "Singh", "Chen", "Kim", "Park", "Yamamoto", "Tanaka", "Hernández",
    "Ramírez", "Mbatha", "Haddad", "Abdi", "Mohamud", "Castillo-Reyes", "Smith-Jones",
    "van der Berg", "de la Cruz", "Díaz", "Fitzgerald", "Washington", "Jackson", "Begay",
    "Yazzie", "Kealoha", "Nakamura", "Johansson", "Müller", "Öztürk", "Rossi", "Novak",
    "Nwosu", "Boateng", "Mensah", "Rahman", "Chowdhury", "Gupta", "Iyer", "Friedman",
    "Cohen", "Tran", "Pham", "Vang", "Xiong", "Morales", "Santos", "Ferreira", "Oyelaran",
    "MacLeod", "Ó Súilleabháin", "Petrov", "Herrera-Quiñones", "Bui", "Takahashi", "Lindqvist",
    # surnames that are also common words
    "Young", "Grant", "Rose", "Hope", "Moody", "Hart", "King", "Little", "Long", "Strong",
    "Sharp", "Bright", "Bell", "Gay", "Price", "Fox", "Best",
]
#: Nicknames clients go by (each one is a NAME span too).
_NICKNAMES = {
    "Guadalupe": "Lupe", "Anastasia": "Stasya", "José": "Pepe", "Dmitri": "Dima", "Olumide": "Mide",
    "Hyun-woo": "Woo", "Mary-Kate": "MK", "Jean-Luc": "JL", "Ngozi": "Zizi", "Agnieszka": "Aga",
    "Tomasz": "Tomek", "Ximena": "Xime", "Chidi": "CJ", "Anne-Marie": "Annie", "Siobhan": "Shiv",
}

#: First names and surnames that are also ordinary English words.
COMMON_WORD_NAMES = frozenset({
    "Hope", "Rose", "Faith", "Joy", "Dawn", "Summer", "Amber", "Destiny", "April", "June",
    "Will", "Grant", "Hunter", "Chase", "Bill", "Mark", "Guy", "Sonny", "Young", "Moody",
    "Hart", "King", "Little", "Long", "Strong", "Sharp", "Bright", "Bell", "Gay", "Price",
    "Fox", "Best", "Sky", "River", "Ash",
})

_CITIES = [
    "Millbrook", "Riverton", "Fairhaven", "Ashford", "Brookside", "Port Ellis", "Glenwood",
    "Oak Hollow", "Westbury", "Harlow", "Dunmore", "Kingsbridge", "Eastport", "Maple Grove",
    "Silver Lake", "Cedar Bluff", "Pine Ridge", "Stonebridge", "Clearwater Falls", "Bayview",
]
_COUNTIES = ["Marlow", "Hadley", "Pembroke", "Calder", "Wexford", "Tillman", "Ossian", "Bracken"]
_STATES = [
    ("Oregon", "OR", "503"), ("Ohio", "OH", "614"), ("Massachusetts", "MA", "413"),
    ("Minnesota", "MN", "612"), ("Georgia", "GA", "404"), ("Texas", "TX", "512"),
    ("New Mexico", "NM", "505"), ("Washington", "WA", "206"), ("Illinois", "IL", "312"),
    ("Vermont", "VT", "802"), ("California", "CA", "916"), ("Michigan", "MI", "313"),
]
_STREETS = [
    "Alder", "Birch", "Juniper", "Willow", "Linden", "Harbor", "Orchard", "Quarry", "Mill",
    "Sycamore", "Chestnut", "Ridgeview", "Lakeshore", "Prospect", "Garfield", "Wren", "Heron",
]
_STREET_TYPES = ["St", "Street", "Ave", "Avenue", "Rd", "Road", "Ct", "Ln", "Lane", "Blvd", "Dr", "Way", "Terrace"]

_CLINIC_STEMS = ["Northgate", "Riverbend", "Cedar Hill", "Lakeside", "Bridgeway", "Harborview", "Summit", "Willow Creek", "Meadowlark", "Elm Street"]
_CLINIC_TYPES = [
    "Community Mental Health", "Counseling Center", "Behavioral Health", "Family Services",
    "Psychiatric Associates", "Wellness Collaborative", "Counseling & Recovery",
]
_HOSPITALS = ["St. Brigid's Hospital", "Mercy Valley Medical Center", "Good Shepherd Regional Hospital", "Riverton General Hospital", "Holy Cross Behavioral Hospital"]
_EMPLOYERS = [
    "Bayline Logistics", "Kettle & Crumb Bakery", "Tri-County Transit", "Meridian Credit Union",
    "Summit Ridge Assisted Living", "Copperleaf Software", "Greenway Landscaping", "Northwind Grocers",
    "Hollis & Reed LLP", "Pinebrook Nursing Home", "Blue Heron Diner", "Atlas Freight Lines",
    "Keystone Manufacturing", "Lumen Dental Group", "Cardinal Home Health",
]
_SCHOOL_STEMS = ["Lakeview", "Pinecrest", "Jefferson", "Roosevelt", "Hillside", "Oakmont", "Sacajawea", "César Chávez", "Riverside", "Maple Heights"]
_COLLEGES = ["Crescent Valley Community College", "Eastport State University", "Harlow Technical College"]
_PAYERS = ["Evergreen Health Plan", "Cascade Mutual Health", "Northstar Health Partners", "Unity Care Medicaid", "Keystone Family Health Plan", "Prairie Shield Insurance"]

# Non-identifiers that naive de-identification tools over-redact.
_DX = [
    ("F33.1", "296.32", "major depressive disorder, recurrent, moderate", ["low mood", "anhedonia", "early waking", "poor concentration"], "depression"),
    ("F32.2", "296.23", "major depressive disorder, single episode, severe", ["pervasive low mood", "hopelessness", "weight loss", "insomnia"], "depression"),
    ("F41.1", "300.02", "generalized anxiety disorder", ["constant worry", "muscle tension", "irritability", "trouble falling asleep"], "anxiety"),
    ("F43.10", "309.81", "posttraumatic stress disorder", ["nightmares", "hypervigilance", "avoidance of driving", "startle response"], "trauma"),
    ("F43.23", "309.28", "adjustment disorder with mixed anxiety and depressed mood", ["tearfulness", "worry about finances", "poor sleep"], "adjustment"),
    ("F31.81", "296.89", "bipolar II disorder", ["periods of decreased need for sleep", "racing thoughts", "depressive episodes"], "bipolar"),
    ("F10.20", "303.90", "alcohol use disorder, moderate", ["daily drinking", "cravings", "missed work after drinking"], "substance"),
    ("F42.2", "300.3", "obsessive-compulsive disorder", ["checking rituals", "intrusive thoughts", "hand-washing"], "ocd"),
    ("F40.10", "300.23", "social anxiety disorder", ["avoidance of groups", "fear of judgment", "blushing"], "anxiety"),
    ("F60.3", "301.83", "borderline personality disorder", ["emotional dysregulation", "fear of abandonment", "self-harm urges"], "bpd"),
]
_DX_YOUTH = [
    ("F90.2", "314.01", "ADHD, combined presentation", ["difficulty staying seated", "incomplete homework", "impulsive comments in class"], "adhd"),
    ("F93.0", "309.21", "separation anxiety disorder", ["school refusal", "stomach aches on school mornings"], "anxiety"),
    ("F41.1", "300.02", "generalized anxiety disorder", ["worry about grades", "trouble sleeping", "headaches"], "anxiety"),
    ("F32.1", "296.22", "major depressive disorder, single episode, moderate", ["withdrawal from friends", "irritability", "falling grades"], "depression"),
    ("F91.3", "313.81", "oppositional defiant disorder", ["arguing with teachers", "refusing tasks"], "conduct"),
]
_MEDS = [
    "sertraline 50 mg daily", "sertraline 100 mg qd", "escitalopram 10 mg", "fluoxetine 20mg qAM",
    "bupropion XL 150 mg", "venlafaxine ER 75 mg", "mirtazapine 15 mg qhs", "trazodone 50 mg qhs PRN sleep",
    "quetiapine 25 mg qhs", "lamotrigine 100 mg BID", "lithium carbonate 300 mg BID", "aripiprazole 5 mg",
    "hydroxyzine 25 mg PRN anxiety", "prazosin 2 mg qhs", "naltrexone 50 mg daily", "buspirone 10 mg TID",
    "clonazepam 0.5 mg BID PRN", "methylphenidate ER 36 mg", "guanfacine ER 1 mg", "duloxetine 60 mg",
]
_MODALITIES = ["CBT", "DBT skills", "ACT", "EMDR", "IPT", "MI", "Cognitive Processing Therapy (CPT)", "Prolonged Exposure", "TF-CBT", "behavioral activation", "ERP", "solution-focused therapy", "CBT-I"]
_CREDS = ["LCSW", "LICSW", "LPC", "LPCC", "LMFT", "LMHC", "PsyD", "PhD", "MD", "PMHNP-BC", "LCPC", "LADC", "MSW", "APRN"]
_DR_CREDS = {"PsyD", "PhD", "MD"}
_STAFF_ROLES = ["front desk", "intake coordinator", "case manager", "peer support specialist", "care coordinator", "billing office"]


# --------------------------------------------------------------------------- people

#: Lower-case initials that would read as ordinary words.
_SHORT_WORDS = frozenset(
    "a am an as at be by do go he hi if in is it me my no of oh ok on or so to up us we ad ah eh id pt re rn md np dr ms mr ed"
    " mg ml pm hx tx sx rx dx si bp er ip op ot ct mi ac pa pc qd wk yo lb iu".split()
)


@dataclass
class Person:
    """A fictional person."""

    first: str
    last: str
    gender: str  # "f", "m" or "n"
    cred: str = ""

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def initials(self) -> str:
        parts = [self.first] + self.last.replace("-", " ").split()
        return ".".join(p[0].upper() for p in parts if p[0].isalpha() and p[0].isupper()) + "."

    @property
    def title(self) -> str:
        return {"f": "Ms.", "m": "Mr.", "n": "Mx."}[self.gender]

    @property
    def dr(self) -> bool:
        return self.cred in _DR_CREDS

    def verb(self, singular: str) -> str:
        """Agree a present-tense verb with the pronoun ("feels" / "feel")."""
        if self.gender != "n":
            return singular
        return {"is": "are", "has": "have", "was": "were", "does": "do"}.get(singular, singular[:-1] if singular.endswith("s") else singular)

    def pro(self, case: str = "s") -> str:
        table = {"f": ("she", "her", "her"), "m": ("he", "him", "his"), "n": ("they", "them", "their")}
        return table[self.gender]["sop".index(case)]


def _person(r: random.Random, gender: str | None = None, last: str | None = None, avoid: set[str] | None = None) -> Person:
    g = gender or r.choices("fmn", weights=(46, 44, 10))[0]
    pool = {"f": _FIRST_F, "m": _FIRST_M, "n": _FIRST_N}[g]
    first = r.choice(pool)
    while avoid is not None and first in avoid:
        first = r.choice(pool)
    if avoid is not None:
        avoid.add(first)
    return Person(first, last or r.choice(_LAST), g)


def _provider(r: random.Random, cred: str | None = None, avoid: set[str] | None = None) -> Person:
    p = _person(r, avoid=avoid)
    p.cred = cred or r.choice(_CREDS)
    return p


# --------------------------------------------------------------------------- value formats

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _fmt_date(r: random.Random, d: date, style: str | None = None) -> str:
    m, mon = _MONTHS[d.month - 1], _MONTHS[d.month - 1][:3]
    styles = {
        "us": f"{d.month:02d}/{d.day:02d}/{d.year}",
        "us_short": f"{d.month}/{d.day}/{d.year % 100:02d}",
        "us_nopad": f"{d.month}/{d.day}/{d.year}",
        "md": f"{d.month}/{d.day}",
        "long": f"{m} {d.day}, {d.year}",
        "abbr": f"{mon} {d.day} {d.year}",
        "abbr_dot": f"{mon}. {d.day}, {d.year}" if d.month != 5 else f"May {d.day}, {d.year}",
        "eu": f"{d.day} {m} {d.year}",
        "iso": d.isoformat(),
        "dmy_abbr": f"{d.day:02d}-{mon}-{d.year}",
        "month_day": f"{m} {_ordinal(d.day)}",
        "dots": f"{d.month:02d}.{d.day:02d}.{d.year}",
        "month_year": f"{m} {d.year}",
    }
    return styles[style or r.choice(list(styles))]


def _phone(r: random.Random, area: str, style: str | None = None) -> str:
    line = f"01{r.randrange(100):02d}"
    styles = {
        "paren": f"({area}) 555-{line}",
        "dash": f"{area}-555-{line}",
        "dots": f"{area}.555.{line}",
        "intl": f"+1 {area} 555 {line}",
        "local": f"555-{line}",
    }
    return styles[style or r.choices(list(styles), weights=(4, 4, 2, 1, 1))[0]]


def _email(r: random.Random, p: Person, domain: str | None = None) -> str:
    def ascii_(s: str) -> str:
        import unicodedata

        s = unicodedata.normalize("NFKD", s)
        return "".join(ch for ch in s if ch.isascii() and (ch.isalnum())).lower()

    first, last = ascii_(p.first), ascii_(p.last)
    local = r.choice([f"{first}.{last}", f"{first[0]}{last}", f"{first}{r.randrange(10, 99)}", f"{last}.{first[0]}", f"{first}_{last[:4]}"])
    dom = domain or r.choice(["example.com", "example.org", "example.net", "mail.example.com"])
    return f"{local}@{dom}"


def _digits(r: random.Random, n: int) -> str:
    return "".join(str(r.randrange(10)) for _ in range(n))


def _npi_passes(number: str) -> bool:
    """True when a 10-digit *number* passes the NPI check digit (Luhn over "80840" + number)."""
    total = 0
    for k, ch in enumerate(reversed("80840" + number)):
        d = int(ch)
        if k % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _not_an_npi(value: str) -> str:
    """*value*, unless it is 10 digits that pass the NPI check digit (about one in ten
    do): then the same digits with the last one changed, so that no number in a note can
    be a real provider's NPI. No random draw, so the rest of the document is unchanged."""
    if len(value) == 10 and value.isascii() and value.isdigit() and _npi_passes(value):
        return value[:-1] + str((int(value[-1]) + 1) % 10)
    return value


def _npi(r: random.Random) -> str:
    """A 10-digit number shaped like an NPI that FAILS the NPI check digit, so it can never
    be a real provider's number (like the SSNs, which are in invalid ranges)."""
    return _not_an_npi(_digits(r, 10))


def _in_year(d: date, year: int) -> date:
    """The same month and day in another *year*; 29 February becomes 28 February when
    *year* is not a leap year."""
    try:
        return d.replace(year=year)
    except ValueError:  # 29 February
        return d.replace(year=year, day=28)


def _alnum(r: random.Random, n: int) -> str:
    return "".join(r.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(n))


def _ssn(r: random.Random) -> str:
    area = r.choice(["000", "666", f"9{r.randrange(100):02d}"])
    return f"{area}-{r.randrange(1, 100):02d}-{r.randrange(1, 10000):04d}"


def _mrn(r: random.Random) -> str:
    return r.choice([_digits(r, 8), f"A{_digits(r, 6)}", f"{r.randrange(10, 99)}-{_digits(r, 6)}", f"MH{_digits(r, 7)}"])


def _plan_id(r: random.Random) -> str:
    return r.choice([f"{_alnum(r, 3)}{_digits(r, 9)}", f"{_digits(r, 8)}C", f"W{_digits(r, 9)}", f"MCD-{_digits(r, 9)}"])


def _account(r: random.Random) -> str:
    return r.choice([f"AC-{_digits(r, 7)}", _digits(r, 9), f"{_digits(r, 5)}-{_digits(r, 3)}"])


def _dl(r: random.Random) -> str:
    return r.choice([f"{r.choice('ABDFGHKLMNPRSTW')}{_digits(r, 3)}-{_digits(r, 4)}-{_digits(r, 4)}", f"{r.choice('ABDFGHKLMNPRSTW')}{_digits(r, 7)}", _digits(r, 9)])


def _prof_license(r: random.Random, cred: str) -> str:
    stem = {"MD": "MD", "PsyD": "PSY", "PhD": "PSY"}.get(cred, cred.split("-")[0])
    return r.choice([f"{stem}{_digits(r, 6)}", f"{stem}.{_digits(r, 7)}", f"{stem}-{_digits(r, 5)}"])


def _plate(r: random.Random) -> str:
    letters = "".join(r.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(3))
    return r.choice([f"{r.randrange(1, 9)}{_alnum(r, 3)}{_digits(r, 3)}", f"{letters}-{_digits(r, 4)}", f"{letters} {_digits(r, 3)}"])


def _vin(r: random.Random) -> str:
    return f"{r.choice('1245J')}{_alnum(r, 10)}{_digits(r, 6)}"


def _device(r: random.Random) -> tuple[str, str]:
    kind = r.choice(["insulin pump", "CPAP machine", "hearing aid", "continuous glucose monitor", "cochlear implant processor", "pacemaker", "agency-issued tablet", "phone (IMEI)"])
    if kind == "phone (IMEI)":
        return kind, _digits(r, 15)
    serial = r.choice([f"SN {_alnum(r, 2)}{_digits(r, 7)}", f"{_alnum(r, 4)}-{_digits(r, 5)}", f"{_digits(r, 2)}{_alnum(r, 2)}{_digits(r, 6)}"])
    return kind, _not_an_npi(serial.removeprefix("SN "))


def _ip(r: random.Random) -> str:
    net = r.choice(["192.0.2", "198.51.100", "203.0.113"])
    return f"{net}.{r.randrange(1, 255)}"


def _url(r: random.Random, p: Person) -> str:
    handle = p.first.lower().encode("ascii", "ignore").decode() or "user"
    handle = "".join(ch for ch in handle if ch.isalnum()) + str(r.randrange(10, 99))
    return r.choice([
        f"https://social.example.net/@{handle}",
        f"https://www.example.com/blog/{handle}",
        f"http://photos.example.org/u/{handle}",
        f"www.example.net/{handle}/videos",
        f"https://fundraise.example.org/help-{handle}",
    ])


def _other_id(r: random.Random) -> tuple[str, str]:
    return r.choice([
        ("Student ID", f"S{_digits(r, 7)}"),
        ("court case no.", f"{r.randrange(19, 26)}-JV-{_digits(r, 4)}"),
        ("probation ID", f"DOC {_digits(r, 6)}"),
        ("employee ID", f"EMP-{_digits(r, 5)}"),
        ("claim #", f"CLM{_digits(r, 10)}"),
        ("VA file no.", f"C{_digits(r, 8)}"),
        ("passport no.", f"X{_digits(r, 8)}"),
    ])


# --------------------------------------------------------------------------- a case


@dataclass
class Case:
    """Everything one document may mention about one fictional client."""

    r: random.Random
    kind: str
    client: Person
    age: int
    dob: date
    visit: date
    dx: tuple
    provider: Person
    psychiatrist: Person
    pcp: Person
    supervisor: Person
    staff: Person
    staff_role: str
    clinic: str
    hospital: str
    state: tuple[str, str, str]
    city: str
    county: str
    street: str
    zip: str
    phone: str
    clinic_phone: str
    clinic_fax: str
    email: str
    mrn: str
    payer: str
    plan_id: str
    account: str
    employer: str
    school: str
    relatives: list[tuple[str, Person]] = field(default_factory=list)
    meds: list[str] = field(default_factory=list)
    phq9: int = 0
    gad7: int = 0
    used: set[str] = field(default_factory=set)
    heading: str = "upper"
    extras_used: set[int] = field(default_factory=set)

    def someone(self, gender: str | None = None, last: str | None = None) -> Person:
        """A new person whose first name is not already used in this document."""
        return _person(self.r, gender, last, self.used)

    def sec(self, b: DocBuilder, title: str) -> None:
        """Start a section with a heading in this document's house style."""
        text = b.text
        b.add("" if text.endswith("\n\n") or not text else "\n" if text.endswith("\n") else "\n\n")
        cap = title[0].upper() + title[1:]
        b.add({"upper": f"{title.upper()}\n", "colon": f"{cap}:\n", "md": f"## {cap}\n", "inline": f"{title.upper()}: "}[self.heading])

    def extra_ok(self, key: int) -> bool:
        """True the first time an optional sentence *key* is used in this document."""
        if key in self.extras_used:
            return False
        self.extras_used.add(key)
        return True

    # -- helpers used by the templates -------------------------------------------
    def d(self, d: date, style: str | None = None) -> V:
        return V("DATE", _fmt_date(self.r, d, style))

    def dd(self, d: date) -> V:
        """A full date (day, month and year) in a random format."""
        return V("DATE", _fmt_date(self.r, d, self.r.choice(["us", "us_short", "us_nopad", "long", "abbr", "abbr_dot", "eu", "iso", "dmy_abbr", "dots"])))

    def days(self, lo: int, hi: int) -> date:
        return self.visit - timedelta(days=self.r.randint(lo, hi))

    def later(self, lo: int, hi: int) -> date:
        return self.visit + timedelta(days=self.r.randint(lo, hi))

    def name(self, p: Person | None = None, style: str | None = None, label: str = "NAME") -> list:
        """A reference to a person, in one of several styles; titles stay outside the span."""
        p = p or self.client
        style = style or self.r.choices(["first", "full", "title", "initials", "lastfirst"], weights=(6, 3, 2, 1, 1))[0]
        if style == "first":
            return [V(label, p.first)]
        if style == "full":
            return [V(label, p.full)]
        if style == "title":
            return [p.title + " ", V(label, p.last)]
        if style == "initials":
            return [V(label, p.initials)]
        if style == "lastfirst":
            return [V(label, f"{p.last}, {p.first}")]
        if style == "lower":
            # a lower-case "will" or "hope" would be indistinguishable from the word
            return [V(label, p.first if p.first in COMMON_WORD_NAMES else p.first.lower())]
        raise ValueError(style)

    def prov(self, p: Person | None = None, style: str | None = None) -> list:
        """A clinician or staff reference: "Dr." and credentials stay outside the span."""
        p = p or self.provider
        styles = ["dr_last", "full_cred", "full", "first"] if p.dr else ["full_cred", "full", "title", "first"]
        style = style or self.r.choices(styles, weights=(4, 3, 2, 1))[0]
        if style == "dr_last":
            return ["Dr. ", V("PROVIDER", p.last)] if p.dr else [V("PROVIDER", p.full)]
        if style == "dr_full":
            return ["Dr. ", V("PROVIDER", p.full)] if p.dr else [V("PROVIDER", p.full), ", ", p.cred]
        if style == "full_cred":
            return [V("PROVIDER", p.full), ", ", p.cred]
        if style == "full":
            return [V("PROVIDER", p.full)]
        if style == "title":
            return [p.title + " ", V("PROVIDER", p.last)]
        if style == "first":
            return [V("PROVIDER", p.first)]
        if style == "initials":
            ini = p.initials.replace(".", "").lower()
            if len(ini) > 2:  # "has", "ace": keep the dots so they do not read as words
                return [V("PROVIDER", p.initials.lower())]
            if ini in _SHORT_WORDS:
                return [V("PROVIDER", p.initials)]
            return [V("PROVIDER", ini)]
        raise ValueError(style)

    def age_items(self, age: int | None = None, style: str | None = None) -> list:
        """An age phrase; only ages over 89 are labelled (the number alone)."""
        age = self.age if age is None else age
        num: str | V = V("AGE_OVER_89", str(age)) if age > 89 else str(age)
        style = style or self.r.choice(["yo", "year_old", "age", "y_o", "aged"])
        return {
            "yo": [num, " y/o"],
            "year_old": [num, "-year-old"],
            "age": ["age ", num],
            "y_o": [num, "yo"],
            "aged": ["aged ", num],
        }[style]

    def addr(self, style: str | None = None) -> list:
        st_name, st_abbr, _ = self.state
        style = style or self.r.choice(["full", "full", "city_state", "street_city"])
        if style == "full":
            return [V("LOCATION", self.street), ", ", V("LOCATION", self.city), ", ", st_abbr, " ", V("LOCATION", self.zip)]
        if style == "city_state":
            return [V("LOCATION", self.city), ", ", st_name]
        return [V("LOCATION", self.street), " in ", V("LOCATION", self.city)]

    def rel(self, role: str) -> Person:
        for rl, p in self.relatives:
            if rl == role:
                return p
        raise KeyError(role)

    def pick_rel(self) -> tuple[str, Person]:
        return self.r.choice(self.relatives)

    def med(self) -> str:
        return self.meds[0] if self.meds else "no current psychotropic medication"


def _age_for(r: random.Random, kind: str) -> int:
    if kind == "school_counsellor":
        return r.randint(11, 17)
    if kind in {"intake", "discharge_summary", "referral_letter", "telehealth", "crisis_safety_plan", "soap", "supervision"} and r.random() < 0.14:
        return r.randint(86, 99)
    return r.choice([r.randint(18, 34), r.randint(19, 64), r.randint(35, 79)])


def _school(r: random.Random, age: int) -> str:
    if age >= 18:
        return r.choice(_COLLEGES)
    kind = "Elementary" if age <= 10 else r.choice(["Middle School", "Junior High"]) if age <= 13 else r.choice(["High School", "High School", "Academy"])
    return f"{r.choice(_SCHOOL_STEMS)} {kind}"


def _make_case(r: random.Random, kind: str) -> Case:
    used: set[str] = set()
    client = _person(r, avoid=used)
    age = _age_for(r, kind)
    visit = date(2023, 1, 9) + timedelta(days=r.randrange(0, 900))
    dob = visit - timedelta(days=age * 365 + r.randrange(0, 360) + age // 4)
    youth = age < 18
    dx = r.choice(_DX_YOUTH if youth else _DX)
    state = r.choice(_STATES)
    area = state[2]
    provider = _provider(r, avoid=used)
    # clients' relatives: often share the surname, sometimes not
    relatives: list[tuple[str, Person]] = []
    if youth:
        relatives.append(("mother", _person(r, "f", client.last if r.random() < 0.7 else None, used)))
        relatives.append(("father", _person(r, "m", client.last if r.random() < 0.5 else None, used)))
        relatives.append(("sibling", _person(r, None, client.last, used)))
        relatives.append(("friend", _person(r, avoid=used)))
    else:
        partner_role = r.choice(["wife", "husband", "partner"] + (["girlfriend", "boyfriend"] if age < 60 else []))
        pg = {"wife": "f", "girlfriend": "f", "husband": "m", "boyfriend": "m"}.get(partner_role)
        relatives.append((partner_role, _person(r, pg, avoid=used)))
        child = r.choice(["daughter", "son"])
        relatives.append((child, _person(r, "f" if child == "daughter" else "m", client.last, used)))
        other = r.choice(["sister", "brother", "mother", "roommate", "best friend"])
        relatives.append((other, _person(r, {"sister": "f", "mother": "f", "brother": "m"}.get(other), avoid=used)))
    n_meds = 0 if dx[4] in {"adjustment"} else r.choice([0, 1, 1, 2])
    return Case(
        r=r,
        kind=kind,
        client=client,
        age=age,
        dob=dob,
        visit=visit,
        dx=dx,
        provider=provider,
        psychiatrist=_provider(r, r.choice(["MD", "PMHNP-BC", "MD"]), used),
        pcp=_provider(r, r.choice(["MD", "MD", "APRN"]), used),
        supervisor=_provider(r, r.choice(["LCSW", "PhD", "PsyD", "LMFT"]), used),
        staff=_person(r, avoid=used),
        staff_role=r.choice(_STAFF_ROLES),
        clinic=f"{r.choice(_CLINIC_STEMS)} {r.choice(_CLINIC_TYPES)}",
        hospital=r.choice(_HOSPITALS),
        state=state,
        city=r.choice(_CITIES),
        county=f"{r.choice(_COUNTIES)} County",
        street=f"{r.randrange(12, 9899)} {r.choice(_STREETS)} {r.choice(_STREET_TYPES)}" + (f", Apt {r.randrange(1, 40)}{r.choice('ABCD')}" if r.random() < 0.25 else ""),
        zip=f"{r.randrange(1001, 99950):05d}",
        phone=_phone(r, area),
        clinic_phone=_phone(r, area, r.choice(["paren", "dash", "dots"])),
        clinic_fax=_phone(r, area, r.choice(["paren", "dash"])),
        email=_email(r, client),
        mrn=_mrn(r),
        payer=r.choice(_PAYERS),
        plan_id=_plan_id(r),
        account=_account(r),
        employer=r.choice(_EMPLOYERS),
        school=_school(r, age),
        relatives=relatives,
        meds=r.sample(_MEDS, n_meds),
        phq9=r.randint(3, 26),
        gad7=r.randint(2, 21),
        used=used,
        heading=r.choice(["upper", "upper", "colon", "md", "inline"]),
    )


# --------------------------------------------------------------------------- shared fragments


def _sev(phq9: int) -> str:
    return "minimal" if phq9 < 5 else "mild" if phq9 < 10 else "moderate" if phq9 < 15 else "moderately severe" if phq9 < 20 else "severe"


def _scores(c: Case) -> str:
    r = c.r
    parts = [
        r.choice([f"PHQ-9 = {c.phq9} ({_sev(c.phq9)})", f"PHQ-9: {c.phq9}", f"PHQ9 {c.phq9}/27"]),
        r.choice([f"GAD-7 = {c.gad7}", f"GAD-7: {c.gad7}", f"GAD7 {c.gad7}/21"]),
    ]
    if r.random() < 0.6:
        parts.append(r.choice(["C-SSRS screen negative", "C-SSRS: passive ideation, no plan or intent", "C-SSRS screener: wish to be dead (yes), active SI (no)"]))
    if r.random() < 0.25:
        parts.append(r.choice([f"PCL-5 {r.randint(20, 60)}", f"AUDIT-C {r.randint(1, 9)}", f"ORS {r.randint(12, 34)}/40"]))
    return "; ".join(parts)


def _risk_line(c: Case) -> str:
    return c.r.choice([
        "Denies SI/HI, no plan or intent. Safety plan reviewed.",
        "SI: passive, no plan/intent/means. HI: denied. Pt able to contract for safety and knows to call or text 988.",
        "denies SI/HI/AVH.",
        "Risk: low. No SI/HI. Protective factors: children, faith community, employment.",
        "Endorses passive SI (\"sometimes I wish I wouldn't wake up\"), denies plan or intent; C-SSRS screen completed; 988 reviewed.",
        "No current SI or HI; hx of one attempt (overdose) in 2017; firearms: none in home per pt.",
    ])


def _mse(c: Case) -> str:
    r = c.r
    return r.choice([
        "MSE: A&Ox4, casually dressed, good hygiene. Speech nl rate/volume. Mood \"tired\", affect constricted. TP linear, TC w/o delusions. Insight/judgment fair.",
        "MSE - alert, cooperative, good eye contact; mood 'anxious', affect congruent, tearful at times; thought process goal-directed; no AH/VH; insight good.",
        "Mental status: oriented x3; psychomotor slowing; speech soft; mood depressed; affect flat; thought content notable for guilt, no delusions; cognition grossly intact; judgment fair.",
        "MSE WNL except anxious affect and mildly pressured speech.",
    ])


def _plan_line(c: Case) -> str:
    r = c.r
    m = r.choice(_MODALITIES)
    if not c.meds:
        return r.choice([
            f"Continue weekly {m}; next appt in 1 wk. No med referral at this time.",
            f"Continue {m} biweekly. Pt will complete thought record and sleep log. CPT 90837.",
            f"Continue current tx plan ({m}). Re-administer PHQ-9 in 4 weeks. Billing: 90834.",
            f"Pt will practice skills from {m} daily; f/u next week. Discussed option of a med eval; pt declined for now.",
        ])
    return r.choice([
        f"Continue weekly {m}; next appt in 1 wk. Coordinate w/ prescriber re: {c.med()}.",
        f"Continue {m} biweekly. Pt will complete thought record and sleep log. CPT 90837.",
        f"Continue current tx plan ({m}). Re-administer PHQ-9 in 4 weeks. Billing: 90834.",
        f"Pt will practice skills from {m} daily; f/u next week. Recommend med review for {c.med()}.",
    ])


def _signature(b: DocBuilder, c: Case, when: date | None = None) -> None:
    r = c.r
    when = when or c.visit
    style = r.randrange(4)
    if style == 0:
        b.f("\n\nElectronically signed by {p} on {d} at {t}.\n", p=c.prov(style="full_cred"), d=c.d(when, "us"), t=f"{r.randint(8, 18)}:{r.randrange(60):02d}")
    elif style == 1:
        b.f("\n\n-- {p}\n", p=c.prov())
    elif style == 2:
        b.f("\n\nClinician: {p}\nLicense #: {lic}\nDate signed: {d}\n", p=c.prov(style="full_cred"), lic=V("LICENSE", _prof_license(r, c.provider.cred)), d=c.dd(when))
    else:
        b.f("\n\n{ini} / {d}\n", ini=c.prov(style="initials"), d=c.d(when, "md"))


def _header(b: DocBuilder, c: Case, title: str) -> None:
    r = c.r
    style = r.randrange(3)
    if style == 0:
        b.f("{org}\n{title}\n\nClient: {n}    DOB: {dob}    MRN: {mrn}\nDate of service: {dos}\n", org=V("ORGANIZATION", c.clinic), title=title, n=c.name(style="full"), dob=c.d(c.dob, "us"), mrn=V("MRN", c.mrn), dos=c.dd(c.visit))
    elif style == 1:
        b.f("{title} | {n} | MRN {mrn} | DOS {dos}\n", title=title.upper(), n=c.name(style="lastfirst"), mrn=V("MRN", c.mrn), dos=c.d(c.visit, r.choice(["us", "iso", "us_short"])))
    else:
        b.f("{title}\nPt: {n} ({age}) -- seen {dos}\n", title=title, n=c.name(style=r.choice(["full", "initials"])), age=c.age_items(style="y_o"), dos=c.dd(c.visit))


def _common_word_line(c: Case) -> list | None:
    """A sentence that uses a client's common-word name also as an ordinary word."""
    p = c.client
    if p.first not in COMMON_WORD_NAMES and p.last not in COMMON_WORD_NAMES:
        return None
    word = p.first if p.first in COMMON_WORD_NAMES else p.last
    uses = {
        "Hope": "Reports a little more hope this week",
        "Will": "States the plan will be revisited",
        "Grant": "Applied for a housing grant",
        "Rose": "Anxiety rose sharply before the court date",
        "Joy": "Describes little joy in old hobbies",
        "Faith": "Draws on a faith community for support",
        "Dawn": "Wakes before dawn most days",
        "Summer": "Plans for the summer are uncertain",
        "Young": "Was very young when parents separated",
        "Mark": "Noted a mark of progress: slept 6 h twice",
        "Chase": "Stopped trying to chase sleep; using stimulus control",
        "Bill": "Worried about an unpaid medical bill",
        "Best": "Doing the best possible, per pt",
        "Long": "A long commute adds to stress",
        "Little": "Reports little change in appetite",
        "Strong": "Reports a strong urge to avoid",
        "Moody": "Family describes pt as moody and irritable",
        "Sharp": "Denies sharp mood swings",
        "Price": "Worried about the price of rent",
        "Bell": "Startles at the school bell",
        "Guy": "Says a guy at work is the main stressor",
        "Hunter": "Father was a hunter; no firearms in pt's home now",
    }
    text = uses.get(word)
    if text is None:
        return None
    assert word.lower() in text and word not in text
    return [text, ". "]


# --------------------------------------------------------------------------- the kinds


def _extra(b: DocBuilder, c: Case, k: int = 1) -> None:
    """Add *k* optional sentences, each carrying a rarer identifier or a distractor."""
    r = c.r
    p = c.client
    area = c.state[2]
    options = [
        lambda: b.f("Pt verified identity with DOB and last four of SSN ({s}). ", s=V("SSN", f"{r.randrange(1, 10000):04d}")),
        lambda: b.f("SSDI paperwork needs SSN {s}; pt brought card. ", s=V("SSN", _ssn(r))),
        lambda: b.f("Accident report lists pt's {col} {car} (VIN {vin}, plate {pl}). ", col=r.choice(["silver", "red", "black", "white"]), car=r.choice(["sedan", "pickup", "minivan", "hatchback"]), vin=V("VEHICLE", _vin(r)), pl=V("VEHICLE", _plate(r))),
        lambda: b.f("Pt is sleeping in {pro} car (plate {pl}) most nights; shelter list given. ", pro=p.pro("p"), pl=V("VEHICLE", _plate(r))),
        lambda: b.f("Moved to {county} last month; will need the {county2} crisis line number. ", county=V("LOCATION", c.county), county2=V("LOCATION", c.county)),
        lambda: b.f("Pt's {dev} (serial {sn}) alarms at night and disrupts sleep. ", dev=r.choice(["CPAP machine", "insulin pump", "continuous glucose monitor", "home oxygen concentrator"]), sn=V("DEVICE", _not_an_npi(f"{_alnum(r, 3)}{_digits(r, 7)}"))),
        lambda: b.f("Portal login flagged from IP {ip}; pt confirmed it was {pro} new laptop. ", ip=V("IP_ADDRESS", _ip(r)), pro=p.pro("p")),
        lambda: b.f("Balance of $140 on account {a}; payment plan set up. ", a=V("ACCOUNT", c.account)),
        lambda: b.f("Pt shared {pro} recovery blog ({u}) and gave permission to discuss it. ", pro=p.pro("p"), u=V("URL", _url(r, p))),
        lambda: b.f("PO {po} ({ph}) requested attendance verification for probation ID {pid}; ROI on file. ", po=c.name(c.someone(), r.choice(["full", "title"])), ph=V("PHONE", _phone(r, area)), pid=V("OTHER_ID", f"DOC {_digits(r, 6)}")),
        lambda: b.f("FMLA forms from {org} HR ({hr}) completed and faxed to {fax}. " if c.age < 70 else "Forms from {org} ({hr}) about pt's late spouse's benefits faxed to {fax}. ", org=V("ORGANIZATION", c.employer), hr=c.name(c.someone(), "full"), fax=V("FAX", _phone(r, area))),
        lambda: b.f("Attends {ch}; {lead} {pa} is a support. ", **dict(zip(("ch", "lead"), r.choice([
            (V("ORGANIZATION", "Grace Community Church"), "Pastor"), (V("ORGANIZATION", "Bethel AME Church"), "Rev."),
            (V("ORGANIZATION", "Masjid Al-Noor"), "Imam"), (V("ORGANIZATION", "Temple Beth Shalom"), "Rabbi"),
            (V("ORGANIZATION", "St. Anne's Parish"), "Fr."), (V("ORGANIZATION", "Wat Lao Buddhavong"), "monk")]), strict=True)), pa=c.name(c.someone(), r.choice(["full", "first"]))),
        lambda: b.f("Grandfather {g} ({a}) moved into {fac} after a fall. ", g=c.name(c.someone("m"), "first"), a=c.age_items(r.choice([r.randint(90, 103), r.randint(78, 89)]), "yo"), fac=V("ORGANIZATION", r.choice(["Summit Ridge Assisted Living", "Pinebrook Nursing Home", "Willow Court Memory Care"]))),
        lambda: b.f("Pt's {rl} {rn} asked for updates at {em}; no ROI on file, none given. ", rl=c.relatives[-1][0], rn=c.name(c.relatives[-1][1], "first"), em=V("EMAIL", _email(r, c.relatives[-1][1]))),
        lambda: b.f("Anniversary of {pro} father's death ({d}) is approaching. ", pro=p.pro("p"), d=c.d(_in_year(c.later(3, 40), c.visit.year - r.randint(1, 9)), r.choice(["long", "month_day", "us"]))),
        lambda: b.f("License ({dl}) suspended after a DUI on {d}. ", dl=V("LICENSE", _dl(r)), d=c.d(c.days(30, 300), r.choice(["us", "long", "us_short"]))),
        lambda: b.f("Immigration hearing pending; A-number {a}. Pt fears that records could be shared. ", a=V("OTHER_ID", f"A{_digits(r, 9)}")),
        lambda: b.f("New plan ID {pid} effective {d}. ", pid=V("HEALTH_PLAN", _plan_id(r)), d=c.d(c.days(1, 60), r.choice(["us", "md", "long"]))),
        lambda: b.f("Records from {h} (MRN {m}) reviewed. ", h=V("ORGANIZATION", c.hospital), m=V("MRN", _mrn(r))),
        lambda: b.f("Works nights at {emp}; badge/employee ID {e} needed for EAP. ", emp=V("ORGANIZATION", c.employer), e=V("OTHER_ID", f"EMP-{_digits(r, 5)}")) if c.age < 70 else b.f("Former employer {emp} still sends pension mail to the old address. ", emp=V("ORGANIZATION", c.employer)),
        lambda: b.f("Pt quoted {pro} {rl}: \"{n}, you never listen.\" ", pro=p.pro("p"), rl=c.relatives[0][0], n=c.name(style="first")),
        lambda: b.f("Wants to be called {nick} in group. ", nick=V("NAME", _NICKNAMES[p.first])) if p.first in _NICKNAMES else b.f("Prefers {n} to {t} {last}. ", n=c.name(style="first"), t=p.title, last=V("NAME", p.last)),
        # distractors only
        lambda: b.add(r.choice(["Moved here from Texas in 2019. ", "Sober since 2021. ", "Served in the Army 2004-2012, two deployments. ", "Diagnosed with T2DM in 2016. "])),
        lambda: b.add(r.choice(["BP 128/82 at PCP visit. ", "Weight down 6 lb. ", "Vitamin D 2000 IU daily. ", "MoCA 24/30. ", "Level of care per ASAM: 2.1. "])),
        lambda: b.add(r.choice(["Called 988 twice last month and found it helpful. ", "Knows to call or text 988; has the number saved. ", "Given 988 card. "])),
    ]
    # keep notes plausible: no probation officer (9) or DUI (15) for the very old, no
    # living grandfather (12) past middle age; indices into the list above
    assert len(options) == 25, "update the indices below when the list changes"
    unsuitable = ({9, 15} if c.age >= 75 else set()) | ({12} if c.age >= 55 else set())
    fresh = [i for i in range(len(options)) if i not in c.extras_used and i not in unsuitable]
    for i in r.sample(fresh, min(k, len(fresh))):
        c.extra_ok(i)
        options[i]()


def _k_intake(b: DocBuilder, c: Case) -> None:
    r = c.r
    p = c.client
    _header(b, c, r.choice(["INITIAL PSYCHIATRIC INTAKE / DIAGNOSTIC ASSESSMENT (90791)", "Intake Assessment", "Comprehensive Biopsychosocial Intake", "New client intake - diagnostic evaluation"]))
    c.sec(b, r.choice(["Identifying information", "Demographics", "Client information"]))
    if r.random() < 0.5:
        b.f("{n} is a {age} {g} who lives at {addr} with {pro} {rel}, {reln}. ",
            n=c.name(style="full"), age=c.age_items(style="year_old"), g={"f": "woman", "m": "man", "n": "nonbinary adult"}[p.gender],
            addr=c.addr("full"), pro=p.pro("p"), rel=c.relatives[0][0], reln=c.name(c.relatives[0][1], "full"))
    else:
        b.f("Pt is a {age} {race}{g}, {status}, living in {city} ({cty}) with {pro} {rel} {reln}. Address on file: {st}, {zip}. ",
            age=c.age_items(style=r.choice(["yo", "y_o", "year_old"])), race=r.choice(["", "Latina " if p.gender == "f" else "Latino ", "Vietnamese-American ", "Somali-born ", "white ", "Black ", "Diné ", "Korean-American "]),
            g={"f": "F", "m": "M", "n": "nonbinary pt"}[p.gender], status={"wife": "married", "husband": "married", "partner": "partnered"}.get(c.relatives[0][0], "single"),
            city=V("LOCATION", c.city), cty=V("LOCATION", c.county), pro=p.pro("p"), rel=c.relatives[0][0], reln=c.name(c.relatives[0][1], "first"),
            st=V("LOCATION", c.street), zip=V("LOCATION", c.zip))
    if p.first in _NICKNAMES:
        b.f("Goes by \"{nick}\". ", nick=V("NAME", _NICKNAMES[p.first]))
    b.f("Contact: {ph} (cell), {em}. ", ph=V("PHONE", c.phone), em=V("EMAIL", c.email))
    if c.age < 75 and r.random() < 0.5:
        b.f("Employed at {emp} since {yr}. ", emp=V("ORGANIZATION", c.employer), yr=str(c.visit.year - r.randint(1, max(1, min(9, c.age - 19)))))
    b.f("Insurance: {payer}, member ID {pid}.", payer=V("ORGANIZATION", c.payer), pid=V("HEALTH_PLAN", c.plan_id))
    if r.random() < 0.4:
        b.f(" SSN on file: {ssn}.", ssn=V("SSN", _ssn(r)))
    if r.random() < 0.3:
        b.f(" DL #{dl} ({st}) copied at front desk.", dl=V("LICENSE", _dl(r)), st=c.state[1])
    c.sec(b, r.choice(["Referral / chief complaint", "Reason for referral", "Presenting problem"]))
    onset = c.days(60, 400)
    b.f("Referred by PCP {pcp} at {hosp}. Pt c/o {s1} and {s2} x {k} months. In {pro} words: \"{q}\"",
        pcp=c.prov(c.pcp), hosp=V("ORGANIZATION", c.hospital), s1=c.dx[3][0], s2=c.dx[3][-1], k=max(2, (c.visit - onset).days // 30), pro=p.pro("p"),
        q=r.choice(["I just can't get out of bed anymore", "my head never shuts off", "I'm not myself", "I keep seeing it when I close my eyes", "everyone would be better off", "I don't want to drink like my dad"]))
    c.sec(b, r.choice(["History of present illness", "HPI"]))
    b.f("Symptoms began around {on} after {ev}. ", on=c.d(onset, r.choice(["month_year", "long", "us", "abbr"])),
        ev=r.choice(["the death of a spouse", "a fall at home", "moving into assisted living", "losing driving privileges", "a cancer diagnosis"] if c.age >= 75 else ["a job loss", "the death of a grandparent", "a car accident", "moving from Ohio", "the birth of a child", "a breakup", "a deployment", "a workplace assault"]))
    line = _common_word_line(c)
    if line:
        b.add(line)
    b.f("{n} reports {s}. ", n=c.name(style=r.choice(["first", "title"])), s=", ".join(c.dx[3]))
    b.f("Prior tx: saw a counselor in {yr} ({m}) with some benefit. ", yr=str(c.visit.year - r.randint(2, 12)), m=r.choice(_MODALITIES))
    _extra(b, c, r.choice([0, 1, 1, 2]))
    sections = ["hist", "fam", "mse", "screen", "risk"]
    if r.random() < 0.4:
        sections = ["hist", "fam", "screen", "mse", "risk"]
    for optional in r.sample(["subst", "legal", "edu", "strengths"], r.randint(1, 3)):
        sections.insert(2, optional)
    for sec in sections:
        if sec == "hist":
            c.sec(b, r.choice(["Psychiatric / medical history", "Past psych hx", "Medical and psychiatric history"]))
            b.add("Current meds: ", ", ".join(c.meds) if c.meds else "none", ". ")
            if r.random() < 0.4:
                kind, serial = _device(r)
                b.f("Uses {a} {k} (serial {s}). ", a="an" if kind[0] in "aeiou" else "a", k=kind, s=V("DEVICE", serial))
            if r.random() < 0.5:
                b.add("No prior hospitalizations. ")
            else:
                b.f("{how} at {h2} on {d}. ", how=r.choice(["Hospitalized once", "One inpatient stay", "IP admission"]), h2=V("ORGANIZATION", r.choice(_HOSPITALS)), d=c.d(c.days(500, 2500)))
        elif sec == "fam":
            c.sec(b, r.choice(["Family / social history", "Social hx", "Psychosocial history"]))
            rl, rp = c.relatives[-1]
            b.f("Close to {pro} {rl} {rn}; {rn2}'s number is {ph} (emergency contact). ", pro=p.pro("p"), rl=rl, rn=c.name(rp, "first"), rn2=c.name(rp, "first"), ph=V("PHONE", _phone(r, c.state[2])))
            if 30 < c.age < 60 and r.random() < 0.5:
                gage = r.choice([r.randint(91, 101), r.randint(80, 89)])
                b.f("Also helps care for {pro} grandmother, {g}, who is {a} and lives in {city}. ", pro=p.pro("p"), g=c.name(c.someone("f"), "full"), a=c.age_items(gage, "age"), city=V("LOCATION", r.choice(_CITIES)))
            b.f("Grew up in {st}; {fh}. ", st=c.state[0], fh=r.choice(["family hx of depression (mother)", "family hx of alcohol use disorder (father)", "family hx of bipolar disorder (maternal uncle)", "no known family psychiatric hx"]))
            _extra(b, c, r.choice([0, 1]))
        elif sec == "subst":
            c.sec(b, r.choice(["Substance use", "SUD hx", "Alcohol / drug use"]))
            b.add(r.choice([
                "ETOH: 2-3 beers on weekends, denies binge. Cannabis: vapes nightly for sleep. Nicotine: 1/2 ppd. No IVDU.",
                "Denies alcohol and drug use. Caffeine 4 cups/day.",
                f"AUDIT-C {r.randint(5, 11)}. Last drink 3 days ago; hx of withdrawal tremor, no seizures. Attended AA in {c.visit.year - r.randint(2, 10)}.",
                "Hx of opioid use disorder, in sustained remission on buprenorphine 8 mg BID via PCP.",
            ]))
        elif sec == "legal":
            c.sec(b, r.choice(["Legal", "Legal history"]))
            if c.age < 75 and r.random() < 0.5:
                b.f("DUI arrest in {city} on {d}; case no. {case}; on probation (PO {po}). ", city=V("LOCATION", r.choice(_CITIES)), d=c.d(c.days(200, 900), r.choice(["us", "long"])), case=V("OTHER_ID", f"{c.visit.year % 100 - 1}-CR-{_digits(r, 5)}"), po=c.name(c.someone(), r.choice(["full", "title"])))
            else:
                b.add(r.choice(["No legal issues.", "Denies legal hx."] + (["Custody hearing pending; pt worried records will be subpoenaed."] if c.age < 60 else ["Daughter has power of attorney for finances."])))
        elif sec == "edu":
            c.sec(b, r.choice(["Education / employment", "Education and work"]))
            b.f("Graduated from {school} in {yr}; {work}. ", school=V("ORGANIZATION", r.choice(_COLLEGES + [f"{r.choice(_SCHOOL_STEMS)} High School"])), yr=str(max(1950, c.dob.year + r.randint(18, 24))),
                work=r.choice(["full-time student", "works part time in retail", "between jobs"] if c.age < 30 else ["on disability since a back injury", "works part time in retail", "between jobs", "teaches middle school"] if c.age < 65 else ["retired teacher", "retired", "retired machinist"]))
        elif sec == "strengths":
            c.sec(b, r.choice(["Strengths / goals", "Client goals"]))
            b.add(r.choice([
                "\"I want to sleep through the night and stop snapping at my kids.\" Strengths: insight, supportive sister, steady job.",
                "Wants to return to work and reconnect with friends. Strengths: humor, faith, motivation for tx.",
                "Goal: fewer panic attacks so pt can drive on the freeway again.",
            ] if c.age < 70 else [
                "\"I want to enjoy my grandchildren again.\" Strengths: long marriage, faith, sense of humor.",
                "Goal: feel less alone since moving; join the center's walking group. Strengths: resilience, curiosity.",
            ]))
        elif sec == "mse":
            c.sec(b, r.choice(["Mental status exam", "MSE"]))
            b.add(_mse(c))
        elif sec == "screen":
            c.sec(b, r.choice(["Screening", "Measures"]))
            b.add(_scores(c))
        else:
            c.sec(b, "Risk")
            b.add(_risk_line(c))
    c.sec(b, r.choice(["Diagnostic impression", "Dx", "Diagnosis (DSM-5-TR / ICD-10-CM)"]))
    b.add(f"{c.dx[0]} {c.dx[2][0].upper()}{c.dx[2][1:]} (DSM-5 {c.dx[1]}).")
    c.sec(b, "Plan")
    b.add(_plan_line(c), "\n")
    b.f("Release signed for {pcp}; records to be faxed to {fax}.", pcp=c.prov(c.pcp), fax=V("FAX", _phone(r, c.state[2], "paren")))
    _signature(b, c)


def _progress_subjective(b: DocBuilder, c: Case) -> None:
    r = c.r
    p = c.client
    n1 = c.name(style=r.choice(["first", "title", "initials"]))
    opener = r.choice([
        "{n} reports {s} has improved \"a bit\" since last session on {last}. ",
        "Pt ({n}) c/o ongoing {s}. Last seen {last}. ",
        "{n} arrived 10 min late, stated {s} worse this wk. ",
        "{n} states the week was \"rough\", with ongoing {s}. Prior session {last}. ",
    ])
    b.f(opener, n=n1, s=c.dx[3][0], last=c.d(c.days(6, 15), r.choice(["md", "us_short", "month_day"])))
    rl, rp = c.pick_rel()
    b.f(r.choice([
        "Discussed conflict with {pro} {rl} {rn} over {topic}. ",
        "Reports {rn} ({rl}) has been supportive. ",
        "Described an argument with {rn}'s family about {topic}. ",
    ]), pro=p.pro("p"), rl=rl, rn=c.name(rp, r.choice(["first", "first", "full"])), topic=r.choice(["money", "childcare", "drinking", "the holidays", "moving"]))
    line = _common_word_line(c)
    if line:
        b.add(line)
    if c.age < 70 and r.random() < 0.35:
        b.f("Missed work at {emp} x2 days. ", emp=V("ORGANIZATION", c.employer))
    if c.meds and r.random() < 0.3:
        b.add(r.choice(["Taking ", "Adherent to ", "Stopped "]), c.med(), ". ")
    _extra(b, c, r.choice([0, 1, 1, 2]))


def _k_soap(b: DocBuilder, c: Case) -> None:
    r = c.r
    if r.random() < 0.35:
        _soap_terse(b, c)
        return
    _header(b, c, r.choice(["Progress Note (SOAP)", "Individual Psychotherapy - SOAP", "SOAP note"]))
    heads = r.choice([("S:", "O:", "A:", "P:"), ("SUBJECTIVE:", "OBJECTIVE:", "ASSESSMENT:", "PLAN:"), ("Subjective -", "Objective -", "Assessment -", "Plan -")])
    b.add("\n", heads[0], " ")
    _progress_subjective(b, c)
    b.add("\n", heads[1], " ", _mse(c), " ", _scores(c), ".\n")
    b.add(heads[2], " ", f"{c.dx[2].capitalize()} ({c.dx[0]}); ", r.choice(["sx stable", "partial response to tx", "worsening sx", "improving"]), ". ", _risk_line(c), "\n")
    b.add(heads[3], " ", _plan_line(c))
    if r.random() < 0.4:
        b.f(" Next session {d}.", d=c.d(c.later(5, 14), r.choice(["md", "long", "us_nopad"])))
    if r.random() < 0.2:
        b.f(" Pt asked that {rn} not be contacted.", rn=c.name(c.relatives[0][1], "full"))
    _signature(b, c)


def _soap_terse(b: DocBuilder, c: Case) -> None:
    """A clipped, abbreviation-heavy SOAP note as clinicians type between sessions."""
    r = c.r
    p = c.client
    b.f("{n} {mrn} f/u {mins} min {cpt} {dos}\n", n=c.name(style=r.choice(["lastfirst", "initials", "full"])), mrn=V("MRN", c.mrn), mins=r.choice(["38", "45", "53", "60"]), cpt=r.choice(["90834", "90837", "90832"]), dos=c.d(c.visit, r.choice(["md", "us_short", "us"])))
    before = min(27, c.phq9 + r.randint(-2, 8))
    b.f("S: pt c/o {s}. since last visit ({last}) sleep {h}h/night, appetite {app}. {extra}",
        s=r.choice(c.dx[3]), last=c.d(c.days(6, 15), r.choice(["md", "us_short"])), h=r.choice(["4-5", "5", "6", "7-8"]), app=r.choice(["down", "ok", "up"]),
        extra=r.choice(["+ anhedonia. ", "+ rumination re: work. ", "no ETOH x 3 wks. ", "c/o HA and fatigue. ", ""]))
    rl, rp = c.pick_rel()
    b.f("{rl} ({rn}) {what}. ", rl=rl, rn=c.name(rp, r.choice(["first", "first", "initials"])), what=r.choice(["came to first 10 min", "supportive", "conflict ongoing", "out of town until the 20th"]))
    _extra(b, c, r.choice([0, 1, 1]))
    b.f("\nO: PHQ9 {a} (from {b2}), GAD7 {g}. A&Ox4, {aff}. {risk}\n", a=c.phq9, b2=before, g=c.gad7, aff=r.choice(["affect blunted", "affect brighter", "tearful x2", "euthymic"]), risk=r.choice(["-SI/HI.", "denies SI/HI, C-SSRS neg.", "+passive SI, -plan/intent, safety plan reviewed, 988 given."]))
    b.f("A: {dx} - {course}.\n", dx=c.dx[0], course=r.choice(["improving", "stable", "worse", "partial response"]))
    b.f("P: cont {m} q{f}wk; {medline}RTC {d}.", m=r.choice(_MODALITIES), f=r.choice(["1", "2"]), medline=f"{c.meds[0]} per psych; " if c.meds else "", d=c.d(c.later(6, 15), r.choice(["md", "month_day", "us_short"])))
    if r.random() < 0.5:
        b.f("\n{ini}", ini=c.prov(style="initials"))
    if p.gender == "n" and r.random() < 0.5:
        b.add(" (pt uses they/them)")


def _dap_goals(b: DocBuilder, c: Case) -> None:
    """A DAP note organised around treatment-plan goals (community mental health style)."""
    r = c.r
    p = c.client
    b.f("{org} - Individual Therapy Progress Note\nClient: {n}   Client ID: {mrn}   Payer: {payer}\nSession #{k}   Date: {d}   Start/stop: {t1}-{t2}   CPT {cpt}   POS {pos}\n",
        org=V("ORGANIZATION", c.clinic), n=c.name(style="lastfirst"), mrn=V("MRN", c.mrn), payer=V("ORGANIZATION", c.payer), k=r.randint(2, 30), d=c.dd(c.visit),
        t1=f"{(hour := r.randint(9, 16))}:00", t2=f"{hour}:53", cpt=r.choice(["90837", "90834"]), pos=r.choice(["11", "10", "02"]))
    goals = r.sample(["Goal 1: reduce depressive sx (PHQ-9 < 10)", "Goal 2: return to work / school full time", "Goal 3: use 2 coping skills when urges arise", "Goal 1: decrease panic attacks to < 1/wk", "Goal 2: improve sleep to 6+ h/night", "Goal 3: repair relationship with family"], 2)
    b.add("Goals addressed: ", "; ".join(goals), "\n\nD: ")
    _progress_subjective(b, c)
    b.add(_scores(c), ".")
    b.f("\nA: {n}'s progress toward goals is {prog}. {risk}", n=c.name(style=r.choice(["first", "title", "initials"])), prog=r.choice(["slow but steady", "limited this month", "good"]), risk=_risk_line(c))
    b.f("\nP: {plan} Next appt {d}.", plan=_plan_line(c), d=c.d(c.later(5, 14), r.choice(["md", "month_day", "us"])))
    if p.gender == "n":
        b.add(" Use they/them in all correspondence.")
    _signature(b, c)


def _k_dap(b: DocBuilder, c: Case) -> None:
    r = c.r
    if r.random() < 0.4:
        _dap_goals(b, c)
        return
    _header(b, c, r.choice(["DAP Progress Note", "Progress note - DAP format"]))
    b.add("\nData: ")
    _progress_subjective(b, c)
    b.add(_scores(c), ".")
    b.add("\nAssessment: ", r.choice(["Client is engaged and making gradual progress toward goal 2.", "Limited progress; avoidance remains high.", "Pt presented w/ restricted affect; sx consistent with dx."]), " ", _risk_line(c))
    b.add("\nPlan: ", _plan_line(c))
    if r.random() < 0.5:
        b.f(" Call {who} at {ph} to coordinate.", who=c.prov(c.psychiatrist), ph=V("PHONE", _phone(r, c.state[2])))
    _signature(b, c)


def _k_birp(b: DocBuilder, c: Case) -> None:
    r = c.r
    p = c.client
    _header(b, c, r.choice(["BIRP Note", "Behavioral Health Progress Note (BIRP)"]))
    b.add("\nB (behavior): ")
    _progress_subjective(b, c)
    if r.random() < 0.5:
        b.add("\nI (intervention): ", r.choice(["Clinician used ", "Provided ", "Reviewed "]), r.choice(_MODALITIES), " interventions; ", r.choice(["practiced paced breathing", "built a coping card", "reviewed sleep hygiene", "role-played assertive requests"]), ".")
    else:
        b.add("\nI (interventions):\n")
        for item in r.sample(["- validated frustration re: " + r.choice(["housing", "court", "custody"]), "- " + r.choice(_MODALITIES) + ": identified automatic thoughts", "- psychoeducation on " + r.choice(["panic cycle", "sleep", "alcohol and mood", "grief"]), "- reviewed safety plan (988, 911, supports)", "- MI re: " + r.choice(["cannabis use", "med adherence", "attending AA"])], 3):
            b.add(item, "\n")
        b.add("Pt's homework from last week: ", r.choice(["done", "partly done", "not done - discussed barriers"]), ".")
    b.f("\nR (response): {n} {resp}. {risk}", n=c.name(style=r.choice(["first", "title"])), resp=r.choice(["engaged well", "was guarded but participated", "identified two triggers", "was tearful, then calmer"]), risk=_risk_line(c))
    b.add("\nP (plan): ", _plan_line(c))
    if r.random() < 0.3:
        b.f(" Transportation: {pro} car (plate {pl}) was impounded; case mgr to help.", pro=p.pro("p"), pl=V("VEHICLE", _plate(r)))
    _signature(b, c)


def _group_roster(b: DocBuilder, c: Case) -> None:
    """A group note with an attendance roster and one line per member."""
    r = c.r
    b.f("GROUP PSYCHOTHERAPY (90853) - {t}\n{org}, {room}\n{d}, 6:00-7:30 pm\nLeader: {pr}\n\n", t=r.choice(["Seeking Safety", "Anger Management", "Parenting Stress Group", "Transition-age DBT", "Veterans Moral Injury Group"]), org=V("ORGANIZATION", c.clinic), room=r.choice(["Room 4B", "Conf. Rm 2", "telehealth"]), d=c.dd(c.visit), pr=c.prov(style="full_cred"))
    members = [c.client] + [c.someone() for _ in range(r.randint(3, 5))]
    r.shuffle(members)
    for m in members:
        b.f("- {n}: {state}\n", n=c.name(m, r.choice(["full", "lastfirst", "first"])), state=r.choice(["present, engaged; shared about sobriety date", "present, quiet", "absent (called)", "present, left early", "present; PHQ-9 9", "no-show x2 - outreach"]))
    b.f("\nFocus: {f}. ", f=r.choice(["safety vs. self-destructive coping", "values and committed action", "noticing urges", "grief after a suicide loss"]))
    b.f("Note for {n}: {txt} ", n=c.name(style="first"), txt=r.choice(["identified two coping skills.", "disclosed SI last week, denies today; C-SSRS neg.", "asked for individual session; referred to intake."]))
    _extra(b, c, r.choice([0, 1]))
    b.add(_risk_line(c))


def _k_group(b: DocBuilder, c: Case) -> None:
    r = c.r
    if r.random() < 0.4:
        _group_roster(b, c)
        return
    topic = r.choice(["DBT Skills Group - distress tolerance", "Anxiety Management Group", "Relapse Prevention Group (IOP)", "Grief Support Group", "Seeking Safety group"])
    b.f("{org} | {t} | {d} | CPT 90853\n", org=V("ORGANIZATION", c.clinic), t=topic, d=c.d(c.visit, r.choice(["us", "long", "iso"])))
    b.f("Facilitators: {a}; co-facilitator {b2}\n", a=c.prov(style="full_cred"), b2=c.prov(c.supervisor, "full"))
    others = [c.someone() for _ in range(r.randint(2, 4))]
    b.add("Members present (", str(len(others) + 1 + r.randint(0, 3)), "); note for ")
    b.add(c.name(style="full"), ", MRN ", V("MRN", c.mrn), ".\n\n")
    b.f("Group opened with check-in. {n} rated mood {m}/10. ", n=c.name(style="first"), m=r.randint(2, 8))
    o1 = others[0]
    b.f("When peer {o} shared about {ev}, {n} responded supportively and disclosed {pro} own {x}. ", o=c.name(o1, r.choice(["first", "initials"])), ev=r.choice(["a relapse", "a hospital stay", "the anniversary of a loss"]), n=c.name(style="first"), pro=c.client.pro("p"), x=r.choice(["urges", "grief", "panic attacks"]))
    if len(others) > 1:
        b.f("{o}'s comments about {n2}'s boss were redirected by facilitator. ", o=c.name(others[1], "first"), n2=c.name(style="first"))
    line = _common_word_line(c)
    if line:
        b.add(line)
    b.add("Skill taught: ", r.choice(["TIPP", "STOP skill", "urge surfing", "opposite action", "5-4-3-2-1 grounding"]), ". ")
    b.add(_risk_line(c), "\n")
    b.add("Plan: continue weekly group; member to practice skill 3x before next group.")
    _signature(b, c)


def _k_couples_family(b: DocBuilder, c: Case) -> None:
    r = c.r
    p = c.client
    rl, rp = c.relatives[0]
    family = c.age < 18 or r.random() < 0.4
    title = "Family Therapy Note (90847)" if family else "Couples Session Note"
    _header(b, c, title)
    if family and c.age >= 18:
        rl, rp = c.relatives[1]
    b.f("\nPresent: {n} (identified client), {rn} ({rl})", n=c.name(style="full"), rn=c.name(rp, "full"), rl=rl)
    if r.random() < 0.5:
        rl2, rp2 = c.relatives[-1]
        b.f(", and {rn2} ({rl2}) joined by phone from {city}", rn2=c.name(rp2, "full"), rl2=rl2, city=V("LOCATION", r.choice(_CITIES)))
    b.add(".\n\n")
    b.f(r.choice([
        "Session focused on communication patterns. {rn} described feeling shut out; {n} said {pro_s} {feels} criticized. ",
        "{rn} and {n} reviewed the week. Escalation on {d} when {rn2} came home late. ",
        "Worked on repair after the argument on {d}. {n} acknowledged {pro_p} part. ",
    ]), rn=c.name(rp, "first"), n=c.name(style="first"), pro_s=p.pro("s"), feels=p.verb("feels"), pro_p=p.pro("p"), d=c.d(c.days(2, 9), r.choice(["md", "month_day", "us_short"])), rn2=c.name(rp, "first"))
    b.add(r.choice([
        "Used Gottman-informed soft start-up practice. ",
        "Enactment: partners spoke directly to each other; therapist blocked blaming. ",
        "Structural family therapy: mapped boundaries; parent coalition reinforced. ",
        "EFT: de-escalation of pursue-withdraw cycle. ",
    ]))
    if r.random() < 0.5:
        b.f("{rn}'s mother, {gm}, is moving in next month; both anticipate stress. ", rn=c.name(rp, "first"), gm=c.name(c.someone("f"), r.choice(["full", "title"])))
    line = _common_word_line(c)
    if line:
        b.add(line)
    b.add("\nIPV screen: ", r.choice(["negative for both partners (screened separately)", "deferred - not safe to ask with both present; to screen individually", "negative"]), ". ")
    b.add(_risk_line(c), "\n")
    b.add("Plan: ", r.choice(["homework - 10-minute daily check-in", "family meeting schedule", "each to list three appreciations"]), "; next conjoint session in 2 weeks.")
    _signature(b, c)


def _crisis_call(b: DocBuilder, c: Case) -> None:
    """An after-hours crisis line contact, time-stamped."""
    r = c.r
    p = c.client
    b.f("AFTER-HOURS CRISIS LINE CONTACT - {org}\nCaller: {n} (client of {pr})   Callback #: {ph}\nDate: {d}\n\n", org=V("ORGANIZATION", c.clinic), n=c.name(style=r.choice(["full", "first"])), pr=c.prov(style="full"), ph=V("PHONE", c.phone), d=c.dd(c.visit))
    t = r.randint(21, 23)
    steps = [
        "Caller tearful, states {pro_s} took \"a few extra\" of {pro_p} {med} about an hour ago.",
        "C-SSRS: SI with intent tonight - yes; means - pills at hand. Asked whether anyone is with {pro_o}.",
        "{rn} ({rl}) is home; spoke with {rn2}, who agreed to stay in the room.",
        "Poison control consulted per protocol. Caller agreed to EMS; 911 called by this writer at caller's address, {addr}.",
        "EMS on scene; caller transported to {hosp}.",
    ]
    rl, rp = c.relatives[0]
    for i, step in enumerate(steps):
        b.f(f"{t}:{10 * i + r.randint(0, 9):02d} " + step + "\n", pro_s=p.pro("s"), pro_p=p.pro("p"), pro_o=p.pro("o"), med=(c.meds[0].split(" ")[0] if c.meds else "trazodone"), rn=c.name(rp, "first"), rl=rl, rn2=c.name(rp, "first"), addr=c.addr("full"), hosp=V("ORGANIZATION", c.hospital))
    b.f("\nHandoff to {pr} for next-day follow-up; incident report filed. Pt's account {acct} flagged for outreach.", pr=c.prov(style="full"), acct=V("ACCOUNT", c.account))
    b.f("\n-- {on} (on-call)", on=c.prov(c.supervisor, "full_cred"))


def _k_crisis(b: DocBuilder, c: Case) -> None:
    r = c.r
    p = c.client
    if r.random() < 0.3:
        _crisis_call(b, c)
        return
    b.f("{org}\nCRISIS ASSESSMENT AND SAFETY PLAN\n", org=V("ORGANIZATION", c.clinic))
    b.f("Client: {n}   DOB {dob}   MRN {mrn}\nDate/time: {d} {t}\n", n=c.name(style="full"), dob=c.d(c.dob), mrn=V("MRN", c.mrn), d=c.d(c.visit, "us"), t=f"{r.randint(1, 12)}:{r.randrange(60):02d} {r.choice(['am', 'pm'])}")
    b.f("\nPresenting crisis: {n}, {age}, {how}. ", n=c.name(style="first"), age=c.age_items(style="yo"),
        how=r.choice([f"called the clinic line saying {p.pro('s')} wanted to \"disappear\"", f"called the clinic line saying {p.pro('s')} did not want to be here anymore",
                      "was brought in by family after a text that read like a goodbye",
                      "disclosed SI with plan during session"]))
    rl, rp = c.pick_rel()
    b.f("{rn} ({rl}) called from {ph} and stayed with pt. ", rn=c.name(rp, r.choice(["full", "first"])), rl=rl, ph=V("PHONE", _phone(r, c.state[2])))
    b.add("C-SSRS (since last contact): wish to be dead - yes; active SI - yes; method - ", r.choice(["pills", "firearm", "cutting", "hanging"]), "; intent - ", r.choice(["no", "ambivalent"]), "; preparatory behavior - ", r.choice(["no", "yes (researched online)"]), ". ")
    b.add(r.choice(["Risk level: high.", "Risk level: moderate.", "Acute risk judged moderate; chronic risk elevated."]), "\n")
    b.add("\nSAFETY PLAN (Stanley-Brown)\n")
    b.add("1. Warning signs: ", r.choice(["not sleeping, isolating, thinking \"everyone is better off\"", "drinking alone, skipping meals", "staying in bed, ignoring texts"]), "\n")
    b.add("2. Internal coping: ", r.choice(["walk the dog, cold shower, playlist", "breathing 4-7-8, journaling, crochet", "TIPP skills, prayer"]), "\n")
    fr = c.someone()
    b.f("3. People/places for distraction: {fr} (friend), the library on {st}\n", fr=c.name(fr, "first"), st=V("LOCATION", f"{r.choice(_STREETS)} {r.choice(['St', 'Ave'])}"))
    b.f("4. People to ask for help: {rn} {ph}; {fr2} {ph2}\n", rn=c.name(rp, "first"), ph=V("PHONE", _phone(r, c.state[2])), fr2=c.name(fr, "first"), ph2=V("PHONE", _phone(r, c.state[2], "local")))
    b.f("5. Professionals: {prov} {ph}; after hours call or text 988 (Suicide & Crisis Lifeline); emergency 911; {hosp} ED\n", prov=c.prov(style=r.choice(["full", "first"]) if not c.provider.dr else "dr_last"), ph=V("PHONE", c.clinic_phone), hosp=V("ORGANIZATION", c.hospital))
    b.add("6. Making the environment safer: ", r.choice([
        "firearm to be stored with brother-in-law; pt agreed",
        "medications locked; partner to hold",
        "pt gave blades to clinician",
    ]), ".\n")
    if "firearm" in b.text and r.random() < 0.6:
        b.f("Brother-in-law {bil} picked up the firearm on {d}; vehicle {v}.\n", bil=c.name(c.someone("m"), "full"), d=c.d(c.visit, "month_day"), v=V("VEHICLE", _plate(r)))
    b.add("\nDisposition: ", r.choice(["safety plan completed, pt to f/u tomorrow", "voluntary admission arranged", "mobile crisis team dispatched", "pt declined ED; family to monitor; next-day call scheduled"]), ". ")
    b.f("Follow-up call {d}.", d=c.d(c.later(1, 2), r.choice(["md", "long", "us"])))
    _signature(b, c)


def _discharge_sections(b: DocBuilder, c: Case) -> None:
    """An inpatient-style discharge summary with headed sections."""
    r = c.r
    p = c.client
    admit = c.days(4, 21)
    b.f("{hosp}\nInpatient Psychiatry - Discharge Summary\n", hosp=V("ORGANIZATION", c.hospital))
    b.f("Name: {n}   Acct #: {acct}   MR#: {mrn}\nAdmitted: {a}   Discharged: {d}   LOS: {los} days\n", n=c.name(style="lastfirst"), acct=V("ACCOUNT", c.account), mrn=V("MRN", c.mrn), a=c.dd(admit), d=c.dd(c.visit), los=(c.visit - admit).days)
    c.sec(b, "Reason for admission")
    b.f("{age} {g} admitted on a {hold} after {ev}. ", age=c.age_items(style=r.choice(["yo", "year_old"])), g={"f": "female", "m": "male", "n": "nonbinary pt"}[p.gender], hold=r.choice(["voluntary basis", "72-hour hold", "physician emergency certificate"]), ev=r.choice(["an intentional overdose of acetaminophen", "escalating SI with a plan", "a manic episode with no sleep x4 days", "being found by police on a bridge"]))
    c.sec(b, "Hospital course")
    b.f("Started {m}. Attended milieu and {mod} groups. ", m=c.meds[0] if c.meds else "sertraline 25 mg, titrated to 50 mg", mod=r.choice(["DBT skills", "CBT", "psychoeducation"]))
    if c.age > 89:
        b.f("Pt, {a}, required PT eval; ambulates with walker. ", a=c.age_items(style="age"))
    b.f("Family meeting with {rl} {rn} on hospital day {k}. ", rl=c.relatives[0][0], rn=c.name(c.relatives[0][1], "full"), k=r.randint(2, 5))
    _extra(b, c, r.choice([0, 1]))
    c.sec(b, "Condition at discharge")
    b.add(_mse(c), " ", _risk_line(c))
    c.sec(b, "Discharge diagnoses")
    b.add(f"{c.dx[0]} - {c.dx[2]}")
    c.sec(b, "Follow-up")
    b.f("Outpatient therapy with {pr} at {clinic} on {d} at 2:00 pm ({ph}). PCP {pcp}. Crisis: 988.", pr=c.prov(), clinic=V("ORGANIZATION", c.clinic), d=c.d(c.later(3, 7), r.choice(["md", "long", "us"])), ph=V("PHONE", c.clinic_phone), pcp=c.prov(c.pcp))
    b.f("\n\nDictated by {ps}; transcribed {d}.", ps=c.prov(c.psychiatrist, "dr_full" if c.psychiatrist.dr else "full_cred"), d=c.d(c.later(0, 2), "us"))


def _k_discharge(b: DocBuilder, c: Case) -> None:
    r = c.r
    if r.random() < 0.4:
        _discharge_sections(b, c)
        return
    start = c.days(90, 500)
    b.f("{org}\nDISCHARGE SUMMARY\n\n", org=V("ORGANIZATION", c.clinic if r.random() < 0.6 else c.hospital))
    b.f("Patient: {n}\nMRN: {mrn}    Acct: {acct}\nDOB: {dob} ({age})\nAdmit/episode start: {s}    Discharge: {e}\n",
        n=c.name(style=r.choice(["full", "lastfirst"])), mrn=V("MRN", c.mrn), acct=V("ACCOUNT", c.account), dob=c.d(c.dob), age=c.age_items(style="age"), s=c.d(start, "us"), e=c.d(c.visit, "us"))
    b.f("Attending/therapist: {p}\n", p=c.prov(style="full_cred"))
    b.add("\nReason for treatment: ", c.dx[2], f" ({c.dx[0]}).", "\n")
    b.add("\nCourse: ", "Pt attended ", str(r.randint(6, 40)), " sessions of ", r.choice(_MODALITIES), ". ")
    b.f("PHQ-9 went from {a} at intake to {b2} at discharge. ", a=str(min(27, c.phq9 + r.randint(4, 10))), b2=str(c.phq9))
    if c.meds:
        b.f("Meds managed by {psy}: {m}. ", psy=c.prov(c.psychiatrist), m=", ".join(c.meds))
    line = _common_word_line(c)
    if line:
        b.add(line)
    if c.age > 89:
        b.f("At {a}, {n} is the oldest client in the program; daughter {dd} assists with transport. ", a=c.age_items(style="age"), n=c.name(style="title"), dd=c.name(c.someone("f", c.client.last), "first"))
    b.add("\nReason for discharge: ", r.choice(["goals met", "pt moved to Arizona", "insurance change", "pt stopped attending after three no-shows", "transfer to higher level of care"]), ".\n")
    b.add("\nRisk at discharge: ", _risk_line(c), "\n")
    b.f("\nAftercare: f/u with {pcp} ({ph}) within 2 wks; {res}. Copy sent to {fax} (fax).\n",
        pcp=c.prov(c.pcp), ph=V("PHONE", _phone(r, c.state[2])), res=r.choice(["NAMI family group", "AA meetings", "988 for crisis", "SMART Recovery"]), fax=V("FAX", _phone(r, c.state[2])))
    _signature(b, c)


def _referral_email(b: DocBuilder, c: Case) -> None:
    """A short referral by secure e-mail to a colleague."""
    r = c.r
    p = c.client
    to = _provider(r, r.choice(["LCSW", "LMFT", "PsyD", "PhD"]), c.used)
    b.f("To: {to_em}\nCc: {cc_em}\nSubject: [secure] referral - {ini}\nDate: {d}\n\n", to_em=V("EMAIL", _email(r, to, r.choice(["secure.example.org", "example.net"]))), cc_em=V("EMAIL", _email(r, c.staff, f"{c.clinic.split()[0].lower()}.example.org")), ini=c.name(style="initials"), d=c.d(c.visit, r.choice(["abbr", "long", "us"])))
    b.f("Hi {to},\n\nThanks for taking this one. {n} ({age}, {pron}) is looking for {what}. ", to=[V("PROVIDER", to.first)], n=c.name(style="first"), age=c.age_items(style=r.choice(["yo", "y_o"])), pron={"f": "she/her", "m": "he/him", "n": "they/them"}[p.gender], what=r.choice(["a Spanish-speaking therapist", ["someone in-network with ", V("ORGANIZATION", c.payer)], "EMDR for a 2022 car accident", "a DBT program with a skills group"]))
    b.f("I've seen {pro_o} since {since}; {dx} ({code}), {scores}. ", pro_o=p.pro("o"), since=c.d(c.days(100, 500), r.choice(["month_year", "long"])), dx=c.dx[2], code=c.dx[0], scores=_scores(c))
    b.f("Best number is {ph}. Insurance {payer}, ID {pid}. ROI attached.\n\n", ph=V("PHONE", c.phone), payer=V("ORGANIZATION", c.payer), pid=V("HEALTH_PLAN", c.plan_id))
    b.f("Thanks,\n{me}\n{org} | {ph} | fax {fax}", me=c.prov(style="full_cred"), org=V("ORGANIZATION", c.clinic), ph=V("PHONE", c.clinic_phone), fax=V("FAX", c.clinic_fax))


def _k_referral(b: DocBuilder, c: Case) -> None:
    r = c.r
    p = c.client
    if r.random() < 0.35:
        _referral_email(b, c)
        return
    to = _provider(r, r.choice(["MD", "PhD", "PsyD", "LCSW"]), c.used)
    b.f("{org}\n{addr}\nPhone {ph} | Fax {fax}\n\n", org=V("ORGANIZATION", c.clinic), addr=[V("LOCATION", f"{r.randrange(100, 990)} {r.choice(_STREETS)} {r.choice(_STREET_TYPES)}"), ", Suite ", str(r.randrange(100, 400)), ", ", V("LOCATION", c.city), ", ", c.state[1], " ", V("LOCATION", c.zip)], ph=V("PHONE", c.clinic_phone), fax=V("FAX", c.clinic_fax))
    b.f("{d}\n\n", d=c.d(c.visit, r.choice(["long", "eu", "abbr_dot"])))
    b.f("{to}\n{org2}\n\nRe: {n}, DOB {dob}\n\n", to=c.prov(to, "dr_full" if to.dr else "full_cred"), org2=V("ORGANIZATION", r.choice(_HOSPITALS)), n=c.name(style="full"), dob=c.d(c.dob, r.choice(["us", "long"])))
    b.f("Dear {to},\n\n", to=["Dr. ", V("PROVIDER", to.last)] if to.dr else [V("PROVIDER", to.first)])
    b.f("I am writing to refer {n}, a {age} client I have seen since {since} for {dx}. ", n=c.name(style="title"), age=c.age_items(style="year_old"), since=c.d(c.days(120, 700), r.choice(["month_year", "long"])), dx=c.dx[2])
    b.f("{pro} {reason}. ", pro=p.pro("s").capitalize(), reason=r.choice([
        "would benefit from a medication evaluation" if p.gender != "n" else "would benefit from a medication evaluation",
        "needs a higher level of care (IOP) than weekly outpatient therapy",
        "has asked for a clinician who specializes in EMDR",
        "is moving and needs continuity of care",
    ]))
    b.add("Current scores: ", _scores(c), ". ")
    if c.meds:
        b.add("Current medications: ", "; ".join(c.meds), ". ")
    if r.random() < 0.4:
        label, value = _other_id(r)
        b.f("Please reference {l} {v} on correspondence. ", l=label, v=V("OTHER_ID", value))
    b.f("{n}'s preferred contact is {ph} or {em}; {pro_s} has consented to this referral (ROI dated {d}).\n\n",
        n=c.name(style="first"), ph=V("PHONE", c.phone), em=V("EMAIL", c.email), pro_s=p.pro("s"), d=c.d(c.days(1, 20), "us"))
    b.add("Sincerely,\n\n")
    b.f("{p}\n{org}\n", p=c.prov(style="full_cred"), org=V("ORGANIZATION", c.clinic))
    if r.random() < 0.5:
        b.f("NPI {npi} | {em}\n", npi=V("OTHER_ID", _npi(r)), em=V("EMAIL", _email(r, c.provider, f"{c.clinic.split()[0].lower()}.example.org")))


def _k_portal(b: DocBuilder, c: Case) -> None:
    r = c.r
    p = c.client
    body = r.randrange(7)
    subj = r.choice([
        ["Re: appointment", "cant make it", "reschedule?"],
        ["question about my meds", "side effects", "Re: new medication"],
        ["need to talk", "update", "before next session"],
        ["billing question", "insurance letter", "Re: statement"],
        ["the recording thing", "AI notes?", "question about the consent form"],
        ["letter for work", "Re: FMLA", "note for my job"],
        ["worried about my friend", "not about me", "advice?"],
    ][body])
    b.f("From: {em}\nTo: {pem}\nSent: {d} {t}\nSubject: {s}\n\n", em=V("EMAIL", c.email), pem=V("EMAIL", _email(r, c.provider, f"{c.clinic.split()[0].lower()}.example.org")), d=c.d(c.visit, r.choice(["us", "abbr", "long"])), t=f"{r.randint(1, 12)}:{r.randrange(60):02d} {r.choice(['AM', 'PM'])}", s=subj)
    if r.random() < 0.35:
        b.f("[portal audit: login from {ip}, device id {dev}]\n\n", ip=V("IP_ADDRESS", _ip(r)), dev=V("DEVICE", f"{_alnum(r, 8).lower()}-{_alnum(r, 4).lower()}"))
    lower = r.random() < 0.5
    if c.provider.dr:
        last = c.provider.last
        greet = ["hi dr ", V("PROVIDER", last if last in COMMON_WORD_NAMES else last.lower())] if lower else ["Dear Dr. ", V("PROVIDER", last)]
    else:
        first = c.provider.first
        greet = ["hey ", V("PROVIDER", first if first in COMMON_WORD_NAMES else first.lower())] if lower else ["Hi ", V("PROVIDER", first)]
    b.add(greet, ",\n\n")
    if body == 0:
        b.f("its {n}. i cant make it on {d} bc my shift at {emp} got moved. can we do the week after? my cell is {ph}.", n=c.name(style="lower") if lower else c.name(style="first"), d=c.d(c.later(1, 6), "md"), emp=V("ORGANIZATION", c.employer), ph=V("PHONE", c.phone))
    elif body == 1:
        b.f("I started the {m} that {psy} prescribed on {d} and I feel kind of dizzy. Is that normal? My pharmacy is the one on {st}.", m=c.meds[0].split(" ")[0] if c.meds else "sertraline", psy=c.prov(c.psychiatrist, "dr_last" if c.psychiatrist.dr else "first"), d=c.d(c.days(2, 10), r.choice(["md", "month_day", "us_short"])), st=V("LOCATION", f"{r.choice(_STREETS)} {r.choice(['St', 'Ave', 'Rd'])}"))
    elif body == 2:
        rl, rp = c.pick_rel()
        b.f("Things have been hard since {rn} moved out. I haven't been sleeping. I'm not going to do anything but I wanted you to know before {d}. I can be reached at {ph}.", rn=c.name(rp, "lower" if lower else "first"), d=c.d(c.later(1, 7), r.choice(["md", "month_day"])), ph=V("PHONE", c.phone))
    elif body == 4:
        b.f("{o} the form {pr2} gave me says you use an AI program that listens to our sessions and writes the notes. {q} I signed it on {d} but I didn't really read it. Does it go to {org} or some company? Can I say no and still see you?",
            o="so" if lower else "Hi again,", pr2=c.prov(c.staff, "lower" if False else "first") if r.random() < 0.5 else "the front desk", q=r.choice(["I'm not comfortable with that after what happened with my ex.", "Who hears the recording?", "is that why you were typing less??"]),
            d=c.d(c.days(3, 20), r.choice(["md", "month_day", "us_short"])), org=V("ORGANIZATION", c.payer))
    elif body == 5:
        b.f("My manager at {emp} needs a letter saying I was in treatment from {a} to {b2}. Can you fax it to HR at {fax}, attn {hr}? Please don't put my diagnosis in it.",
            emp=V("ORGANIZATION", c.employer), a=c.d(c.days(40, 90), r.choice(["md", "us"])), b2=c.d(c.days(1, 20), r.choice(["md", "us"])), fax=V("FAX", _phone(r, c.state[2])), hr=c.name(c.someone(), r.choice(["full", "first"])))
    elif body == 6:
        fr = c.someone()
        b.f("my friend {f} has been posting stuff like \"soon none of this will matter\" and giving away {pro} things. {pro_s} lives at {st} in {city} with nobody. I don't know what to do, should I call someone? I texted 988 but I wanted to ask you too.",
            f=c.name(fr, "lower" if lower else "first"), pro=fr.pro("p"), pro_s=fr.pro("s").capitalize(), st=V("LOCATION", f"{r.randrange(10, 999)} {r.choice(_STREETS)} {r.choice(_STREET_TYPES)}"), city=V("LOCATION", r.choice(_CITIES)))
    else:
        b.f("The insurance sent me a letter saying claim {cl} was denied. My member ID is {pid} and my account number with you is {acct}. Can someone at billing call me?", cl=V("OTHER_ID", f"CLM{_digits(r, 10)}"), pid=V("HEALTH_PLAN", c.plan_id), acct=V("ACCOUNT", c.account))
    if body in (0, 2) and r.random() < 0.5:
        b.f("\nps here's the video I mentioned {u}", u=V("URL", _url(r, p)))
    b.add("\n\n")
    if lower:
        b.add("thx\n", c.name(style="lower"))
    else:
        b.add("Thank you,\n", c.name(style=r.choice(["first", "full"])))
    b.add("\n\n-- Sent via client portal. This message is not monitored after hours. If you are in crisis call or text 988 or call 911. --")
    if r.random() < 0.4:
        b.f("\n\n>> Reply from {st} ({role}), {d}: Hi {n}, {msg} You can also call us at {ph}.",
            st=c.prov(c.staff, r.choice(["full", "first"])), role=c.staff_role, d=c.d(c.later(0, 2), r.choice(["md", "us"])), n=c.name(style="first"),
            msg=[
                "we moved you to the next open slot.",
                "I've passed this to your prescriber; if you feel faint or unwell, call 911.",
                "thanks for letting us know; I've passed this to your clinician, who will call you today. If things get worse, call or text 988.",
                "billing will call you within two business days.",
                "your clinician will go over the consent form with you at your next visit; you can say no and still be seen.",
                "we need a signed release before we can send anything to your employer; I've put one in your portal.",
                "please call 911 if your friend is in immediate danger; your clinician will call you today. This inbox is not monitored after hours.",
            ][body],
            ph=V("PHONE", c.clinic_phone))


def _consult_minutes(b: DocBuilder, c: Case) -> None:
    """Minutes of a peer consultation group, several cases, initials only (mostly)."""
    r = c.r
    b.f("Peer consultation group - minutes - {d}\nPresent: {a}, {b2}, {c3}\n\n", d=c.dd(c.visit), a=c.prov(style="full"), b2=c.prov(c.supervisor, "full_cred"), c3=c.prov(c.psychiatrist, "first"))
    b.f("1. {pr} presented {ini} ({age}, {dx}): {q} ", pr=c.prov(style="first"), ini=c.name(style="initials"), age=c.age_items(style="y_o"), dx=c.dx[0], q=r.choice(["pt asks to record sessions on phone.", "pt's adult daughter calls asking for information.", "pt is a colleague's relative; dual relationship?", "pt wants therapist to use an AI chatbot between sessions."]))
    b.add(r.choice(["Consensus: document, consult licensing board guidance, revisit consent. ", "Group suggested a written agreement and a check of the practice's AI-use policy. "]))
    if r.random() < 0.5:
        b.f("Note: presenter slipped and used the client's first name ({n}) - reminder to de-identify. ", n=c.name(style="first"))
    other = c.someone()
    b.f("\n2. {pr} presented {ini} - duty-to-protect question; pt named an ex-partner, {ex}, and mentioned {pro} address on {st}. ", pr=c.prov(c.supervisor, "first"), ini=V("NAME", other.initials), ex=c.name(c.someone(), "full"), pro=r.choice(["her", "his", "their"]), st=V("LOCATION", f"{r.choice(_STREETS)} {r.choice(_STREET_TYPES)}"))
    b.add(r.choice(["Threshold not met; increase frequency, safety plan.", "Consulted attorney hotline; documented rationale."]))
    b.f("\n\nNext meeting {d}. CE hours: 1.5.", d=c.d(c.later(14, 30), r.choice(["md", "month_day", "long"])))


def _k_supervision(b: DocBuilder, c: Case) -> None:
    r = c.r
    if r.random() < 0.35:
        _consult_minutes(b, c)
        return
    b.f("Clinical Supervision Log - {d}\nSupervisor: {s}    Supervisee: {p}\nFormat: {fmt}\n\n", d=c.d(c.visit, r.choice(["us", "long", "iso"])), s=c.prov(c.supervisor, "dr_full" if c.supervisor.dr else "full_cred"), p=c.prov(style="full"), fmt=r.choice(["individual, 60 min", "triadic, 90 min", "individual (telehealth)"]))
    b.f("Case discussed: {n} ({age}, {dx}). ", n=c.name(style=r.choice(["initials", "initials", "first"])), age=c.age_items(style="y_o"), dx=c.dx[0])
    b.add(r.choice([
        "Supervisee concerned about countertransference; pt reminds her of her own sister. ",
        "Question re: duty-to-warn threshold after pt made a vague statement about a coworker. ",
        "Supervisee unsure whether to use an AI note-summarizer for this case; discussed consent and minimum necessary. ",
        "Reviewed C-SSRS administration and documentation. ",
    ]))
    if r.random() < 0.5:
        cw = c.someone()
        b.f("Coworker named in session: {cw} at {emp}. ", cw=c.name(cw, r.choice(["full", "first"])), emp=V("ORGANIZATION", c.employer))
    line = _common_word_line(c)
    if line:
        b.add(line)
    b.add("Recommendations: ", r.choice(["consult state board rules (Oregon) and agency policy", "increase session frequency; re-screen with C-SSRS", "document rationale; consult ethics committee", "review APA Ethics Code 4.05 with pt"]), ". ")
    b.add("Supervisee hours this month: ", str(r.randint(2, 8)), " (toward LCSW licensure). ")
    b.f("Next supervision {d}.", d=c.d(c.later(6, 15), r.choice(["md", "us", "month_day"])))
    b.f("\n\nSupervisor license: {lic}", lic=V("LICENSE", _prof_license(r, c.supervisor.cred)))


def _preauth_call(b: DocBuilder, c: Case) -> None:
    """Notes from a concurrent-review phone call with the payer."""
    r = c.r
    b.f("Utilization review call - {d} {t}\nPayer: {payer}   Reviewer: {rv}, RN (ext. {ext})   Ref #: {ref}\nMember: {n}   ID {pid}   DOB {dob}\n\n",
        d=c.dd(c.visit), t=f"{r.randint(9, 16)}:{r.randrange(60):02d}", payer=V("ORGANIZATION", c.payer), rv=c.name(c.someone(), "full"), ext=r.randint(2000, 4999), ref=V("OTHER_ID", f"UR-{_digits(r, 7)}"),
        n=c.name(style=r.choice(["full", "lastfirst"])), pid=V("HEALTH_PLAN", c.plan_id), dob=c.dd(c.dob))
    b.f("Requested {k} more sessions of {m} ({cpt}). Reviewer asked for current PHQ-9 ({phq}) and functional status. ", k=r.choice([6, 8, 12]), m=r.choice(_MODALITIES), cpt=r.choice(["90837", "90834"]), phq=c.phq9)
    b.add(r.choice([
        "Approved 8 units through end of quarter. ",
        "Pended for peer-to-peer with medical director. ",
        "Denied: does not meet criteria; appeal rights explained. ",
    ]))
    b.f("Reviewer noted pt's prior auth at {org} in {yr}. ", org=V("ORGANIZATION", r.choice(_HOSPITALS)), yr=str(c.visit.year - r.randint(1, 6)))
    b.f("Fax clinical summary to {fax}.\n-- {me}", fax=V("FAX", _phone(r, c.state[2])), me=c.prov(style=r.choice(["full", "initials"])))


def _k_preauth(b: DocBuilder, c: Case) -> None:
    r = c.r
    if r.random() < 0.35:
        _preauth_call(b, c)
        return
    b.f("PRIOR AUTHORIZATION REQUEST - OUTPATIENT BEHAVIORAL HEALTH\nTo: {payer} Utilization Management   Fax: {fax}\n\n", payer=V("ORGANIZATION", c.payer), fax=V("FAX", _phone(r, c.state[2], "dash")))
    b.f("Member name: {n}\nMember ID: {pid}\nDOB: {dob}\nAddress: {addr}\nPhone: {ph}\n", n=c.name(style=r.choice(["lastfirst", "full"])), pid=V("HEALTH_PLAN", c.plan_id), dob=c.d(c.dob, r.choice(["us", "iso", "dmy_abbr"])), addr=c.addr("full"), ph=V("PHONE", c.phone))
    if r.random() < 0.5:
        b.f("Subscriber: {sub} (relationship: {rl})\n", sub=c.name(c.relatives[0][1], "lastfirst"), rl=c.relatives[0][0])
    b.f("\nRendering provider: {p}    NPI: {npi}\nPractice: {org}, Tax ID on file\n", p=c.prov(style="full_cred"), npi=V("OTHER_ID", _npi(r)), org=V("ORGANIZATION", c.clinic))
    b.add("\nDx: ", c.dx[0], " - ", c.dx[2], "\n")
    b.f("Requested: {k} units CPT {cpt} from {s} to {e}\n", k=r.randint(8, 24), cpt=r.choice(["90837", "90834", "90847", "90853"]), s=c.d(c.visit, "us"), e=c.d(c.later(80, 120), "us"))
    b.add("\nClinical rationale: ", r.choice([
        "Pt continues to meet medical necessity: ", "Sx remain functionally impairing: ", "Despite 12 sessions, sx persist: ",
    ]), ", ".join(c.dx[3][:2]), ". ", _scores(c), ". ")
    if c.meds:
        b.add("On ", c.meds[0], ". ")
    b.add("Functional impairment: ", r.choice(["missed 6 days of work in past month", "unable to drive on freeway", "withdrawn from family roles"]), ".\n")
    b.f("Previous auth {ref} expired {d}.\n", ref=V("OTHER_ID", f"PA{_digits(r, 8)}"), d=c.d(c.days(1, 20), "us"))
    b.f("\nContact for peer-to-peer: {p} at {ph}", p=c.prov(style="full"), ph=V("PHONE", c.clinic_phone))


def _telehealth_audio(b: DocBuilder, c: Case) -> None:
    """A short audio-only telehealth note with a location/licensure check."""
    r = c.r
    other_state = r.choice([st for st in _STATES if st != c.state])
    b.f("Telephone psychotherapy (audio-only, modifier 93) - {d}\nClient {n}, DOB {dob}, called from {ph}.\n\n", d=c.dd(c.visit), n=c.name(style="full"), dob=c.d(c.dob, "us"), ph=V("PHONE", c.phone))
    if r.random() < 0.5:
        b.f("Location check: pt is visiting family in {st2} this week ({city}). Clinician licensed in {st1} only; per {st2} rules and agency policy, session limited to check-in and safety planning. ", st2=other_state[0], city=V("LOCATION", r.choice(_CITIES)), st1=c.state[0])
    else:
        b.f("Location check: pt at home ({addr}). ", addr=c.addr(r.choice(["full", "street_city"])))
    b.f("{n} reports {s}. ", n=c.name(style=r.choice(["first", "title"])), s=r.choice(c.dx[3]))
    _extra(b, c, r.choice([0, 1]))
    b.add(_risk_line(c), " ", _scores(c), ".\n")
    b.f("Plan: video session {d}; if no answer, call emergency contact {ec} ({rl}) at {ph2}.", d=c.d(c.later(3, 10), r.choice(["md", "month_day"])), ec=c.name(c.relatives[0][1], r.choice(["first", "full"])), rl=c.relatives[0][0], ph2=V("PHONE", _phone(r, c.state[2])))
    _signature(b, c)


def _k_telehealth(b: DocBuilder, c: Case) -> None:
    r = c.r
    if r.random() < 0.35:
        _telehealth_audio(b, c)
        return
    _header(b, c, r.choice(["Telehealth Psychotherapy Note", "Video Visit - Behavioral Health", "Telemental health session (POS 10, modifier 95)"]))
    b.f("\nModality: {m}. Pt located at {loc}; clinician at {org} office. Identity verified with name and DOB ({dob}). ",
        m=r.choice(["HIPAA-compliant video", "audio-only (video failed)", "video via portal"]),
        loc=r.choice([["home, ", V("LOCATION", c.street), ", ", V("LOCATION", c.city)], ["parked car outside work (", V("ORGANIZATION", c.employer), ")"] if c.age < 70 else ["assisted-living apartment at ", V("ORGANIZATION", "Summit Ridge Assisted Living")], ["daughter's house in ", V("LOCATION", r.choice(_CITIES)), ", ", c.state[0]]]),
        org=V("ORGANIZATION", c.clinic), dob=c.d(c.dob, "us"))
    b.f("Emergency contact confirmed: {rn} {ph}. ", rn=c.name(c.relatives[0][1], "first"), ph=V("PHONE", _phone(r, c.state[2])))
    if r.random() < 0.6:
        b.f("Session log: client IP {ip}, link {u}. ", ip=V("IP_ADDRESS", _ip(r)), u=V("URL", f"https://telehealth.example.com/room/{_alnum(r, 8).lower()}"))
    if c.age > 89:
        b.f("At {a}, pt needed help from aide {aide} to set up the camera; hearing aid serial {ds} was whistling. ", a=c.age_items(style="age"), aide=c.name(c.someone(), "first"), ds=V("DEVICE", _device(r)[1]))
    b.add("\n\n")
    _progress_subjective(b, c)
    b.add(_scores(c), ". ", _risk_line(c), "\n")
    b.add(_plan_line(c), " Pt consented to telehealth; knows to call 911 if connection drops during a crisis.")
    if r.random() < 0.3:
        b.f(" Pt is licensed to drive; DL {dl} noted for ID per agency policy.", dl=V("LICENSE", _dl(r)))
    _signature(b, c)


def _school_log(b: DocBuilder, c: Case) -> None:
    """A counsellor's running contact log: several dated, terse entries."""
    r = c.r
    p = c.client
    b.f("CONFIDENTIAL - counselor working notes (not part of the educational record)\n{n}, gr {g}, {school}\n", n=c.name(style=r.choice(["full", "lastfirst"])), g=max(5, c.age - 5), school=V("ORGANIZATION", c.school))
    day = c.visit - timedelta(days=r.randint(20, 40))
    mom, dad, fr = c.rel("mother"), c.rel("father"), c.rel("friend")
    entries = [
        lambda: b.f("{who} stopped by, upset about {fr}. Listened; {pro_s} calmed after 15 min.", who=c.name(style="first"), fr=c.name(fr, "first"), pro_s=p.pro("s")),
        lambda: b.f("Email from mom ({m}, {em}) - worried about sleep and phone use.", m=c.name(mom, "first"), em=V("EMAIL", _email(r, mom))),
        lambda: b.f("Check-in. Grades slipping in {subj}. {n}'s {sib_role} {sib} is a senior here.", subj=r.choice(["math", "chemistry", "English"]), n=c.name(style="first"), sib_role=r.choice(["brother", "sister"]) if c.rel("sibling").gender == "n" else ("sister" if c.rel("sibling").gender == "f" else "brother"), sib=c.name(c.rel("sibling"), "first")),
        lambda: b.f("Phone call w/ dad {d2} ({ph}); agreed to outside referral; gave list incl. {clinic}.", d2=c.name(dad, r.choice(["title", "full"])), ph=V("PHONE", _phone(r, c.state[2])), clinic=V("ORGANIZATION", c.clinic)),
        lambda: b.f("ASQ screen after essay mentioned \"not being around\". Non-acute positive. Parent ({m}) notified same day; safety plan; 988 card.", m=c.name(mom, "full")),
        lambda: b.f("Peer conflict w/ {o} mediated with AP {ap}.", o=c.name(c.someone(), "full"), ap=[r.choice(["Mr. ", "Ms. "]), V("NAME", r.choice(_LAST))]),
        lambda: b.f("Student ID {sid} flagged for attendance (9 absences).", sid=V("OTHER_ID", f"S{_digits(r, 7)}")),
        lambda: b.add(r.choice(["Lunch bunch group, week 3.", "Brief check-in, doing \"fine\".", "Missed appt - on field trip."])),
    ]
    for fn in r.sample(entries, r.randint(4, 6)):
        day += timedelta(days=r.randint(2, 9))
        b.f("\n{d} - ", d=c.d(day, r.choice(["md", "md", "us_short", "month_day"])))
        fn()
    b.f("\n\n- {ini}", ini=c.prov(style=r.choice(["initials", "first"])))


def _k_school(b: DocBuilder, c: Case) -> None:
    r = c.r
    p = c.client
    if r.random() < 0.4:
        _school_log(b, c)
        return
    sid = f"S{_digits(r, 7)}"
    b.f("{school} - Counseling Office\nStudent: {n}   Grade {g}   Student ID {sid}\nDate: {d}\n", school=V("ORGANIZATION", c.school), n=c.name(style="full"), g=max(5, c.age - 6 + r.randint(0, 1)), sid=V("OTHER_ID", sid), d=c.d(c.visit, r.choice(["us", "us_short", "long"])))
    b.f("Referred by: {t} ({subj} teacher)\n\n", t=[r.choice(["Mr. ", "Ms. ", "Mrs. "]), V("NAME", r.choice(_LAST))], subj=r.choice(["math", "science", "English", "PE", "homeroom"]))
    b.f("{n} ({age}) came in during {per} period {why}. ", n=c.name(style="first"), age=c.age_items(style="age"), per=r.choice(["2nd", "4th", "lunch", "6th"]), why=r.choice(["after crying in class", "asking to talk about friends", "sent by nurse after stomach ache", "after a fight in the hallway"]))
    fr = c.rel("friend")
    b.f("Said {fr} and other kids posted about {pro} on {u}. ", fr=c.name(fr, r.choice(["first", "full"])), pro=p.pro("o"), u=V("URL", _url(r, fr)))
    line = _common_word_line(c)
    if line:
        b.add(line)
    b.add("Screen: ", r.choice(["ASQ negative", "ASQ positive (non-acute) - parent notified", "PHQ-A 11"]), ". ")
    mom = c.rel("mother")
    b.f("Called {m} ({mt}) at {ph}; ", m=c.name(mom, r.choice(["title", "full"])), mt="mother", ph=V("PHONE", _phone(r, c.state[2])))
    b.f("she will pick {pro} up at {t}. ", pro=p.pro("o"), t=f"{r.randint(1, 3)}:{r.choice(['00', '15', '30'])}")
    if r.random() < 0.4:
        b.f("504 plan meeting {d}; dad ({fa}) prefers email {em}. ", d=c.d(c.later(3, 20), r.choice(["md", "month_day", "us"])), fa=c.name(c.rel("father"), "first"), em=V("EMAIL", _email(r, c.rel("father"))))
    b.add("Plan: check in weekly; referral to outside counseling (", c.dx[2], " suspected - not diagnosed by school). ")
    b.add("Reminded student of 988 and the district's anonymous reporting line.")
    b.f("\n\n{p}, School Counselor", p=c.prov(style="full"))


_KIND_FN = {
    "intake": _k_intake,
    "soap": _k_soap,
    "dap": _k_dap,
    "birp": _k_birp,
    "group": _k_group,
    "couples_family": _k_couples_family,
    "crisis_safety_plan": _k_crisis,
    "discharge_summary": _k_discharge,
    "referral_letter": _k_referral,
    "portal_message": _k_portal,
    "supervision": _k_supervision,
    "insurance_preauth": _k_preauth,
    "telehealth": _k_telehealth,
    "school_counsellor": _k_school,
}


# --------------------------------------------------------------------------- public API


def generate_note(seed: int, index: int, kind: str) -> tuple[str, list[dict]]:
    """One document.

    Parameters
    ----------
    seed : int
        The collection's seed.
    index : int
        The document's position in the collection.
    kind : str
        One of :data:`KINDS`.

    Returns
    -------
    text : str
        The document.
    spans : list of dict
        ``{"start", "end", "label"}``, sorted; the same arguments give the same result.
    """
    if kind not in _KIND_FN:
        raise ValueError(f"unknown note kind {kind!r}; choose from {', '.join(KINDS)}")
    r = random.Random(f"notes:{seed}:{index}:{kind}")
    case = _make_case(r, kind)
    b = DocBuilder()
    _KIND_FN[kind](b, case)
    text, spans = b.result()
    if kind in _LOWERABLE and r.random() < 0.15:
        text = _lowered(text, spans)
    return text, spans


#: Kinds that are sometimes typed entirely in lower case.
_LOWERABLE = {"soap", "dap", "birp", "group", "telehealth", "supervision"}


def _lowered(text: str, spans: list[dict]) -> str:
    """*text* in lower case, unless that would move offsets or make an annotated
    value collide with an ordinary word (e.g. a client called Will next to "will")."""
    low = text.lower()
    if len(low) != len(text):
        return text
    covered = bytearray(len(text))
    for sp in spans:
        covered[sp["start"] : sp["end"]] = b"\x01" * (sp["end"] - sp["start"])
    for sp in spans:
        value = low[sp["start"] : sp["end"]]
        start = low.find(value)
        while start != -1:
            end = start + len(value)
            whole = (start == 0 or not low[start - 1].isalnum()) and (end == len(low) or not low[end].isalnum())
            if whole and not all(covered[start:end]):
                return text
            start = low.find(value, start + 1)
    return low


def generate_notes(
    seed: int,
    n: int,
    kinds: Sequence[str] | None = None,
    dev_fraction: float = 0.25,
) -> list[dict]:
    """Generate *n* synthetic clinical documents with gold identifier spans.

    Parameters
    ----------
    seed : int
        Same seed, same documents (a note's content depends only on seed, position
        and kind, so the first *k* notes do not change when *n* grows).
    n : int
        How many documents (0 or more).
    kinds : sequence of str, optional
        Which document kinds to deal out in turn (default: all of :data:`KINDS`).
    dev_fraction : float
        Share of documents put in the ``"dev"`` split (deterministic, per kind).

    Returns
    -------
    list of dict
        ``{"id", "kind", "split", "text", "spans"}``; ``spans`` is a list of
        ``{"start", "end", "label"}`` with character offsets, end exclusive,
        sorted by start, labels from :data:`LABELS`.

    See Also
    --------
    iter_notes : the same documents one at a time (for corpora too large to hold).
    """
    return list(iter_notes(seed, n, kinds, dev_fraction))


def iter_notes(
    seed: int,
    n: int,
    kinds: Sequence[str] | None = None,
    dev_fraction: float = 0.25,
) -> Iterator[dict]:
    """The documents of :func:`generate_notes`, made one at a time.

    Same parameters and the same records, in the same order; the arguments are checked at
    once (a ``ValueError`` before the first record), the records are made as they are read.
    """
    if not isinstance(n, int) or n < 0:
        raise ValueError(f"n must be a non-negative integer, not {n!r}")
    kinds = tuple(kinds) if kinds is not None else KINDS
    unknown = [k for k in kinds if k not in _KIND_FN]
    if not kinds or unknown:
        raise ValueError(f"unknown note kind(s) {unknown}; choose from {', '.join(KINDS)}")
    if not 0 <= dev_fraction <= 1:
        raise ValueError("dev_fraction must be between 0 and 1")
    every = round(1 / dev_fraction) if dev_fraction > 0 else 0

    def records() -> Iterator[dict]:
        for i in range(n):
            kind = kinds[i % len(kinds)]
            text, spans = generate_note(seed, i, kind)
            round_ = i // len(kinds)
            split = "dev" if every and round_ % every == every - 1 else "train"
            yield {"id": f"note-{i + 1:04d}", "kind": kind, "split": split, "text": text, "spans": spans}

    return records()


def summarize_notes(notes: Sequence[dict]) -> dict[str, dict[str, int]]:
    """Counts per kind, per split and per label.

    Parameters
    ----------
    notes : sequence of dict
        Records as returned by :func:`generate_notes` or ``course.data.load("notes")``.

    Returns
    -------
    dict
        ``{"kinds": {...}, "splits": {...}, "labels": {...}}``; labels in the order of
        :data:`LABELS` (zero counts included), kinds in the order of :data:`KINDS`.
    """
    kinds = {k: 0 for k in KINDS}
    splits = {"train": 0, "dev": 0}
    labels = {lab: 0 for lab in LABELS}
    for note in notes:
        kinds[note["kind"]] = kinds.get(note["kind"], 0) + 1
        splits[note["split"]] = splits.get(note["split"], 0) + 1
        for span in note["spans"]:
            labels[span["label"]] = labels.get(span["label"], 0) + 1
    return {"kinds": kinds, "splits": splits, "labels": labels}


def build_notes(seed: int = NOTES_SEED, n: int = NOTES_N) -> str:
    """The text of ``data/notes.jsonl``: one JSON record per line, keys sorted.

    Parameters
    ----------
    seed, n : int
        Passed to :func:`generate_notes`.

    Returns
    -------
    str
    """
    return jsonl_text(generate_notes(seed, n))


#: :func:`summarize_notes` of the committed ``data/notes.jsonl`` (a test keeps it true).
NOTES_COUNTS: dict[str, dict[str, int]] = {
    "kinds": {
        "intake": 24, "soap": 24, "dap": 24, "birp": 24, "group": 24, "couples_family": 24, "crisis_safety_plan": 24, "discharge_summary": 24, "referral_letter": 24, "portal_message": 24, "supervision": 24, "insurance_preauth": 24, "telehealth": 24, "school_counsellor": 24,
    },
    "splits": {
        "train": 252, "dev": 84,
    },
    "labels": {
        "NAME": 1356, "PROVIDER": 624, "DATE": 1009, "AGE_OVER_89": 22, "LOCATION": 311, "ORGANIZATION": 491, "PHONE": 303, "FAX": 96, "EMAIL": 140, "SSN": 16, "MRN": 161, "HEALTH_PLAN": 64, "ACCOUNT": 35, "LICENSE": 63, "VEHICLE": 27, "DEVICE": 28, "URL": 33, "IP_ADDRESS": 23, "OTHER_ID": 92,
    },
}


def _counts_table(counts: dict[str, dict[str, int]]) -> str:
    kinds = ", ".join(f"{k} {v}" for k, v in counts["kinds"].items())
    labels = ", ".join(f"{k} {v}" for k, v in counts["labels"].items())
    splits = ", ".join(f"{k} {v}" for k, v in counts["splits"].items())
    total = sum(counts["labels"].values())
    return f"Documents per kind: {kinds}. Split: {splits}. Spans per label ({total} in all): {labels}."


_NOTES_CARD = """
**What it represents.** Fictional mental-health clinical documents of 14 kinds:
intake assessment, SOAP / DAP / BIRP progress notes, group note, couples or family
note, crisis assessment and safety plan, discharge summary, referral letter, client
portal message, supervision or consultation log, insurance prior-authorisation,
telehealth note, school counsellor note. Each kind has two or three layouts
(e.g. a full SOAP note or a clipped one typed between sessions, a referral letter or
a referral e-mail, a safety plan or a time-stamped crisis-line log). Every identifier
has a gold span with one label per HIPAA Safe Harbor category that occurs in notes
(45 CFR 164.514(b)(2)): NAME, PROVIDER, DATE, AGE_OVER_89, LOCATION, ORGANIZATION,
PHONE, FAX, EMAIL, SSN, MRN, HEALTH_PLAN, ACCOUNT, LICENSE, VEHICLE, DEVICE, URL,
IP_ADDRESS, OTHER_ID (`course.synth.notes.LABEL_INFO` says what each covers).
Records: `id`, `kind`, `split` (`train` / `dev`, 3:1, dealt evenly per kind),
`text`, `spans` (`start`, `end`, `label`; character offsets into `text` in Unicode
code points, as Python counts, end exclusive; sorted; never overlapping). Fresh
documents for hidden tests: `course.synth.notes.generate_notes(seed, n)` (1,000
notes take well under a second).

{counts}

**Annotation rules.** Every occurrence of an identifier is a span; the text is
assembled piece by piece with the spans recorded as it grows, so offsets are exact
by construction. NAME: clients, relatives, household members, friends, peers,
teachers, coworkers, clergy, reviewers. PROVIDER: clinicians and clinic staff,
kept apart from NAME because Safe Harbor lists identifiers of the individual,
relatives, employers and household members, and a practice may or may not remove
staff names. Titles and credentials stay outside the span: "Dr. [Okafor]",
"[Amara Okafor], LCSW", "Ms. [Lopez]", "PO Mr. [Grant]". Possessives: the span covers
the name only and "'s" stays outside ("[Maria]'s"). "Last, First" is one span;
initials ("J.R.", "j.r.") are a span. DATE: any date element more specific than the
year, including month and year ("March 2024") and day and month ("3/14", "March
14th"); bare years ("since 2019"), times of day, weekdays and relative expressions
("last week") are not annotated. AGE_OVER_89: the number only ("[93]-year-old");
ages of 89 and under are not annotated. LOCATION: street address (with any
apartment), city, county and ZIP code, each its own span; state names and
abbreviations are not annotated (Safe Harbor allows the state). ORGANIZATION:
clinics, hospitals, employers, schools, payers and places of worship tied to the
person; national resources (988 Lifeline, AA, NAMI) are not. SSN: the full number
or the last four digits. Spans never nest: a name inside an e-mail address or web
address is covered by the EMAIL or URL span; a date of birth is one DATE span
(year included, which Safe Harbor requires anyway for people over 89). Staff NPI numbers are OTHER_ID and staff licence numbers
LICENSE.

**Fictional values, in reserved or invalid ranges.** Telephone and fax numbers are
555-0100 to 555-0199 (reserved for fiction); full SSNs have an area number that is
never issued (000, 666 or 900-999); NPIs are 10 digits that fail the NPI check digit
(Luhn with the prefix 80840), so none can be a real provider's number; e-mail and web
addresses are on example.com, example.org or example.net; IP addresses are in the
documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24). A test checks
every file in `data/` and fresh notes from many seeds against these rules.

**Hard cases, on purpose.** Names that are common words (Hope, Grant, Will, Rose,
Young, Moody, Sharp, Faith, ...), often next to the same word in its ordinary sense
("Reports a little more hope", "Denies sharp mood swings"); a surname that is also
a state ("Washington": annotated as a name, not as the state); hyphenated,
multi-part and non-Anglo names with diacritics (García-López, van der Berg,
Ó Súilleabháin, Hyun-woo, Ayşe); initials; possessives; names and whole notes in
lower case (names in portal messages; about one in eight SOAP, DAP, BIRP, group,
telehealth and supervision notes typed entirely in lower case); more than a dozen date
formats; ages above and below 90; the last four SSN digits that look like a year.
Non-identifiers that naive tools over-redact are everywhere and *not* annotated:
medications and doses, PHQ-9 / GAD-7 / C-SSRS / PCL-5 / MoCA scores (a score such as
"GAD7 12/21" even looks like a date), blood pressure, DSM-5 / ICD-10 / CPT codes
(and CPT the therapy), credentials (LCSW, PsyD), therapy modalities, bare years,
state names, 988 and 911, times, room numbers, phone extensions.

**What was injected, how strongly.** Kinds are dealt round-robin (24 each). About
14% of intake, SOAP, crisis, discharge, referral, telehealth and supervision
documents describe a client aged 86-99; relatives aged 78-103 appear in optional
sentences. Progress notes and intakes carry 0-2 optional sentences drawn from a
pool of rarer identifiers (vehicle plates and VINs, device serials, IP addresses,
account, probation, employee and A-numbers) and distractors.

**Known limits.** Template-generated: richer than one sentence with slots, but far
more regular than real notes; English, US conventions; no spelling errors beyond
deliberate lower case. Labels follow this card's rules; other schemes (e.g. the
i2b2/UTHealth 2014 de-identification guidelines) differ on edge cases such as
organisations, staff and partial dates. Names, places and organisations are
invented or generic; any resemblance to real people or places is accidental.
"""


DATASETS = [
    Dataset(
        name="notes",
        filename="notes.jsonl",
        purpose="module 01: de-identify clinical notes; gold spans for scoring Presidio",
        seed=NOTES_SEED,
        build=build_notes,
        card=_NOTES_CARD.replace("{counts}", _counts_table(NOTES_COUNTS)),
        generator="course.synth.notes.generate_notes",
    ),
]
