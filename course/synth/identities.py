"""The identity vocabulary and the identifier factories of the synthetic documents.

Pools of invented names, places, organisations and clinical terms; :class:`Person`, a
fictional person; and one factory per kind of identifier a document can carry (dates in
many formats, telephone numbers, e-mail and web addresses, SSNs, MRNs, member, account,
licence, vehicle and device numbers, IP addresses, NPI-shaped numbers). Each factory
takes a :class:`random.Random`, so the same draw gives the same value. Every value is
fictional and in a reserved or invalid range: phone numbers are 555-01xx, SSNs are in
invalid ranges, NPIs fail the NPI check digit, e-mail and web addresses use
example.com/.org/.net, IP addresses are in the documentation ranges.

:mod:`course.synth.notes` (through :mod:`course.synth.note_case`) and
:mod:`course.synth.privacy_tables` draw from here.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

__all__ = [
    "CITIES",
    "CLINIC_STEMS",
    "CLINIC_TYPES",
    "COLLEGES",
    "COMMON_WORD_NAMES",
    "COUNTIES",
    "CREDENTIALS",
    "DIAGNOSES",
    "DIAGNOSES_YOUTH",
    "DOCTOR_CREDENTIALS",
    "EMPLOYERS",
    "FIRST_NAMES_F",
    "FIRST_NAMES_M",
    "FIRST_NAMES_N",
    "HOSPITALS",
    "LAST_NAMES",
    "MEDICATIONS",
    "MODALITIES",
    "NICKNAMES",
    "PAYERS",
    "Person",
    "SCHOOL_STEMS",
    "SHORT_WORDS",
    "STAFF_ROLES",
    "STATES",
    "STREETS",
    "STREET_TYPES",
    "fake_account",
    "fake_device",
    "fake_drivers_license",
    "fake_email",
    "fake_ip",
    "fake_mrn",
    "fake_npi",
    "fake_other_id",
    "fake_person",
    "fake_phone",
    "fake_plan_id",
    "fake_plate",
    "fake_professional_license",
    "fake_provider",
    "fake_ssn",
    "fake_url",
    "fake_vin",
    "format_date",
    "in_year",
    "not_an_npi",
    "npi_passes",
    "random_alnum",
    "random_digits",
]


# --------------------------------------------------------------------------- pools

FIRST_NAMES_F = [
    "Maria", "Aaliyah", "Mei", "Priya", "Fatima", "Aisha", "Hana", "Yuki", "Sofia", "Camila",
    "Ximena", "Agnieszka", "Emily", "Brianna", "Jasmine", "Kayla", "Zoë", "Renée", "Ayşe",
    "Siobhan", "Niamh", "Olga", "Anastasia", "Ngozi", "Ama", "Thanh", "Linh", "Anne-Marie",
    "Mary-Kate", "Guadalupe", "Keisha", "Leilani", "Nizhoni", "Ingrid", "Rania", "Sun-hee",
    # names that are also common words
    "Hope", "Rose", "Faith", "Joy", "Dawn", "Summer", "Amber", "Destiny", "April", "June",
]
FIRST_NAMES_M = [
    "José", "DeShawn", "Wei", "Arjun", "Omar", "Yusuf", "Kenji", "Mateo", "Luis", "Tomasz",
    "Jake", "Tyler", "Marcus", "Ethan", "Björn", "Hyun-woo", "Ji-ho", "Jean-Luc", "Sean",
    "Dmitri", "Olumide", "Chidi", "Kwame", "Tuan", "Rahul", "Ahmed", "Diego", "Kai",
    "Malik", "Tavita", "Ravi", "Cheveyo",
    # names that are also common words
    "Will", "Grant", "Hunter", "Chase", "Bill", "Mark", "Guy", "Sonny",
]
FIRST_NAMES_N = ["Alex", "Sam", "River", "Jordan", "Quinn", "Rowan", "Sky", "Avery", "Ash", "Jamie"]
LAST_NAMES = [
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
NICKNAMES = {
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

CITIES = [
    "Millbrook", "Riverton", "Fairhaven", "Ashford", "Brookside", "Port Ellis", "Glenwood",
    "Oak Hollow", "Westbury", "Harlow", "Dunmore", "Kingsbridge", "Eastport", "Maple Grove",
    "Silver Lake", "Cedar Bluff", "Pine Ridge", "Stonebridge", "Clearwater Falls", "Bayview",
]
COUNTIES = ["Marlow", "Hadley", "Pembroke", "Calder", "Wexford", "Tillman", "Ossian", "Bracken"]
STATES = [
    ("Oregon", "OR", "503"), ("Ohio", "OH", "614"), ("Massachusetts", "MA", "413"),
    ("Minnesota", "MN", "612"), ("Georgia", "GA", "404"), ("Texas", "TX", "512"),
    ("New Mexico", "NM", "505"), ("Washington", "WA", "206"), ("Illinois", "IL", "312"),
    ("Vermont", "VT", "802"), ("California", "CA", "916"), ("Michigan", "MI", "313"),
]
STREETS = [
    "Alder", "Birch", "Juniper", "Willow", "Linden", "Harbor", "Orchard", "Quarry", "Mill",
    "Sycamore", "Chestnut", "Ridgeview", "Lakeshore", "Prospect", "Garfield", "Wren", "Heron",
]
STREET_TYPES = ["St", "Street", "Ave", "Avenue", "Rd", "Road", "Ct", "Ln", "Lane", "Blvd", "Dr", "Way", "Terrace"]

CLINIC_STEMS = ["Northgate", "Riverbend", "Cedar Hill", "Lakeside", "Bridgeway", "Harborview", "Summit", "Willow Creek", "Meadowlark", "Elm Street"]
CLINIC_TYPES = [
    "Community Mental Health", "Counseling Center", "Behavioral Health", "Family Services",
    "Psychiatric Associates", "Wellness Collaborative", "Counseling & Recovery",
]
HOSPITALS = ["St. Brigid's Hospital", "Mercy Valley Medical Center", "Good Shepherd Regional Hospital", "Riverton General Hospital", "Holy Cross Behavioral Hospital"]
EMPLOYERS = [
    "Bayline Logistics", "Kettle & Crumb Bakery", "Tri-County Transit", "Meridian Credit Union",
    "Summit Ridge Assisted Living", "Copperleaf Software", "Greenway Landscaping", "Northwind Grocers",
    "Hollis & Reed LLP", "Pinebrook Nursing Home", "Blue Heron Diner", "Atlas Freight Lines",
    "Keystone Manufacturing", "Lumen Dental Group", "Cardinal Home Health",
]
SCHOOL_STEMS = ["Lakeview", "Pinecrest", "Jefferson", "Roosevelt", "Hillside", "Oakmont", "Sacajawea", "César Chávez", "Riverside", "Maple Heights"]
COLLEGES = ["Crescent Valley Community College", "Eastport State University", "Harlow Technical College"]
PAYERS = ["Evergreen Health Plan", "Cascade Mutual Health", "Northstar Health Partners", "Unity Care Medicaid", "Keystone Family Health Plan", "Prairie Shield Insurance"]

# Non-identifiers that naive de-identification tools over-redact.
DIAGNOSES = [
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
DIAGNOSES_YOUTH = [
    ("F90.2", "314.01", "ADHD, combined presentation", ["difficulty staying seated", "incomplete homework", "impulsive comments in class"], "adhd"),
    ("F93.0", "309.21", "separation anxiety disorder", ["school refusal", "stomach aches on school mornings"], "anxiety"),
    ("F41.1", "300.02", "generalized anxiety disorder", ["worry about grades", "trouble sleeping", "headaches"], "anxiety"),
    ("F32.1", "296.22", "major depressive disorder, single episode, moderate", ["withdrawal from friends", "irritability", "falling grades"], "depression"),
    ("F91.3", "313.81", "oppositional defiant disorder", ["arguing with teachers", "refusing tasks"], "conduct"),
]
MEDICATIONS = [
    "sertraline 50 mg daily", "sertraline 100 mg qd", "escitalopram 10 mg", "fluoxetine 20mg qAM",
    "bupropion XL 150 mg", "venlafaxine ER 75 mg", "mirtazapine 15 mg qhs", "trazodone 50 mg qhs PRN sleep",
    "quetiapine 25 mg qhs", "lamotrigine 100 mg BID", "lithium carbonate 300 mg BID", "aripiprazole 5 mg",
    "hydroxyzine 25 mg PRN anxiety", "prazosin 2 mg qhs", "naltrexone 50 mg daily", "buspirone 10 mg TID",
    "clonazepam 0.5 mg BID PRN", "methylphenidate ER 36 mg", "guanfacine ER 1 mg", "duloxetine 60 mg",
]
MODALITIES = ["CBT", "DBT skills", "ACT", "EMDR", "IPT", "MI", "Cognitive Processing Therapy (CPT)", "Prolonged Exposure", "TF-CBT", "behavioral activation", "ERP", "solution-focused therapy", "CBT-I"]
CREDENTIALS = ["LCSW", "LICSW", "LPC", "LPCC", "LMFT", "LMHC", "PsyD", "PhD", "MD", "PMHNP-BC", "LCPC", "LADC", "MSW", "APRN"]
DOCTOR_CREDENTIALS = {"PsyD", "PhD", "MD"}
STAFF_ROLES = ["front desk", "intake coordinator", "case manager", "peer support specialist", "care coordinator", "billing office"]


# --------------------------------------------------------------------------- people

#: Lower-case initials that would read as ordinary words.
SHORT_WORDS = frozenset(
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
        """First and last name."""
        return f"{self.first} {self.last}"

    @property
    def initials(self) -> str:
        """Initials with dots (``"A.R.L."`` for Ana Ruiz-Lopez); parts that do not start with a capital letter are left out."""
        parts = [self.first] + self.last.replace("-", " ").split()
        return ".".join(p[0].upper() for p in parts if p[0].isalpha() and p[0].isupper()) + "."

    @property
    def title(self) -> str:
        """``Ms.``, ``Mr.`` or ``Mx.``, by gender."""
        return {"f": "Ms.", "m": "Mr.", "n": "Mx."}[self.gender]

    @property
    def dr(self) -> bool:
        """True when the credential is a doctorate (PsyD, PhD or MD)."""
        return self.cred in DOCTOR_CREDENTIALS

    def verb(self, singular: str) -> str:
        """Agree a present-tense verb with the pronoun ("feels" / "feel")."""
        if self.gender != "n":
            return singular
        return {"is": "are", "has": "have", "was": "were", "does": "do"}.get(singular, singular[:-1] if singular.endswith("s") else singular)

    def pro(self, case: str = "s") -> str:
        """The pronoun for *case*: subject (``"s"``), object (``"o"``) or possessive (``"p"``)."""
        table = {"f": ("she", "her", "her"), "m": ("he", "him", "his"), "n": ("they", "them", "their")}
        return table[self.gender]["sop".index(case)]


def fake_person(r: random.Random, gender: str | None = None, last: str | None = None, avoid: set[str] | None = None) -> Person:
    """A fictional person of *gender* (drawn if not given); with *avoid*, a first name not yet in it, which is then added."""
    g = gender or r.choices("fmn", weights=(46, 44, 10))[0]
    pool = {"f": FIRST_NAMES_F, "m": FIRST_NAMES_M, "n": FIRST_NAMES_N}[g]
    first = r.choice(pool)
    while avoid is not None and first in avoid:
        first = r.choice(pool)
    if avoid is not None:
        avoid.add(first)
    return Person(first, last or r.choice(LAST_NAMES), g)


def fake_provider(r: random.Random, cred: str | None = None, avoid: set[str] | None = None) -> Person:
    """A fictional clinician: a person with the credential *cred* (drawn if not given)."""
    p = fake_person(r, avoid=avoid)
    p.cred = cred or r.choice(CREDENTIALS)
    return p


# --------------------------------------------------------------------------- value formats

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def format_date(r: random.Random, d: date, style: str | None = None) -> str:
    """*d* written in the date style *style* (``"us"``, ``"long"``, ``"iso"``, ...), or in a random one."""
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


def fake_phone(r: random.Random, area: str, style: str | None = None) -> str:
    """A fictional 555-01xx phone number for area code *area*, in the style *style* or a random one."""
    line = f"01{r.randrange(100):02d}"
    styles = {
        "paren": f"({area}) 555-{line}",
        "dash": f"{area}-555-{line}",
        "dots": f"{area}.555.{line}",
        "intl": f"+1 {area} 555 {line}",
        "local": f"555-{line}",
    }
    return styles[style or r.choices(list(styles), weights=(4, 4, 2, 1, 1))[0]]


def fake_email(r: random.Random, p: Person, domain: str | None = None) -> str:
    """A fictional e-mail address for *p*, at *domain* or a random example.com/.org/.net domain."""
    def ascii_(s: str) -> str:
        import unicodedata

        s = unicodedata.normalize("NFKD", s)
        return "".join(ch for ch in s if ch.isascii() and (ch.isalnum())).lower()

    first, last = ascii_(p.first), ascii_(p.last)
    local = r.choice([f"{first}.{last}", f"{first[0]}{last}", f"{first}{r.randrange(10, 99)}", f"{last}.{first[0]}", f"{first}_{last[:4]}"])
    dom = domain or r.choice(["example.com", "example.org", "example.net", "mail.example.com"])
    return f"{local}@{dom}"


def random_digits(r: random.Random, n: int) -> str:
    """*n* random digits, as text."""
    return "".join(str(r.randrange(10)) for _ in range(n))


def npi_passes(number: str) -> bool:
    """True when a 10-digit *number* passes the NPI check digit (Luhn over "80840" + number)."""
    total = 0
    for k, ch in enumerate(reversed("80840" + number)):
        d = int(ch)
        if k % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def not_an_npi(value: str) -> str:
    """*value*, unless it is 10 digits that pass the NPI check digit (about one in ten
    do): then the same digits with the last one changed, so that no number in a note can
    be a real provider's NPI. No random draw, so the rest of the document is unchanged.
    """
    if len(value) == 10 and value.isascii() and value.isdigit() and npi_passes(value):
        return value[:-1] + str((int(value[-1]) + 1) % 10)
    return value


def fake_npi(r: random.Random) -> str:
    """A 10-digit number shaped like an NPI that FAILS the NPI check digit, so it can never
    be a real provider's number (like the SSNs, which are in invalid ranges).
    """
    return not_an_npi(random_digits(r, 10))


def in_year(d: date, year: int) -> date:
    """The same month and day in another *year*; 29 February becomes 28 February when
    *year* is not a leap year.
    """
    try:
        return d.replace(year=year)
    except ValueError:  # 29 February
        return d.replace(year=year, day=28)


def random_alnum(r: random.Random, n: int) -> str:
    """*n* random capital letters and digits (no I, O or Q)."""
    return "".join(r.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(n))


def fake_ssn(r: random.Random) -> str:
    """A fictional SSN in an invalid range (area number 000, 666 or 9xx)."""
    area = r.choice(["000", "666", f"9{r.randrange(100):02d}"])
    return f"{area}-{r.randrange(1, 100):02d}-{r.randrange(1, 10000):04d}"


def fake_mrn(r: random.Random) -> str:
    """A fictional medical record number, in one of several formats."""
    return r.choice([random_digits(r, 8), f"A{random_digits(r, 6)}", f"{r.randrange(10, 99)}-{random_digits(r, 6)}", f"MH{random_digits(r, 7)}"])


def fake_plan_id(r: random.Random) -> str:
    """A fictional health-plan member ID, in one of several formats."""
    return r.choice([f"{random_alnum(r, 3)}{random_digits(r, 9)}", f"{random_digits(r, 8)}C", f"W{random_digits(r, 9)}", f"MCD-{random_digits(r, 9)}"])


def fake_account(r: random.Random) -> str:
    """A fictional account number, in one of several formats."""
    return r.choice([f"AC-{random_digits(r, 7)}", random_digits(r, 9), f"{random_digits(r, 5)}-{random_digits(r, 3)}"])


def fake_drivers_license(r: random.Random) -> str:
    """A fictional driver's licence number, in one of several formats."""
    return r.choice([f"{r.choice('ABDFGHKLMNPRSTW')}{random_digits(r, 3)}-{random_digits(r, 4)}-{random_digits(r, 4)}", f"{r.choice('ABDFGHKLMNPRSTW')}{random_digits(r, 7)}", random_digits(r, 9)])


def fake_professional_license(r: random.Random, cred: str) -> str:
    """A fictional professional licence number for the credential *cred* (``PSY`` for PsyD and PhD)."""
    stem = {"MD": "MD", "PsyD": "PSY", "PhD": "PSY"}.get(cred, cred.split("-")[0])
    return r.choice([f"{stem}{random_digits(r, 6)}", f"{stem}.{random_digits(r, 7)}", f"{stem}-{random_digits(r, 5)}"])


def fake_plate(r: random.Random) -> str:
    """A fictional vehicle licence plate, in one of several formats."""
    letters = "".join(r.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(3))
    return r.choice([f"{r.randrange(1, 9)}{random_alnum(r, 3)}{random_digits(r, 3)}", f"{letters}-{random_digits(r, 4)}", f"{letters} {random_digits(r, 3)}"])


def fake_vin(r: random.Random) -> str:
    """A fictional 17-character vehicle identification number (VIN)."""
    return f"{r.choice('1245J')}{random_alnum(r, 10)}{random_digits(r, 6)}"


def fake_device(r: random.Random) -> tuple[str, str]:
    """A fictional device and its serial number (a 15-digit IMEI for a phone), as ``(kind, number)``."""
    kind = r.choice(["insulin pump", "CPAP machine", "hearing aid", "continuous glucose monitor", "cochlear implant processor", "pacemaker", "agency-issued tablet", "phone (IMEI)"])
    if kind == "phone (IMEI)":
        return kind, random_digits(r, 15)
    serial = r.choice([f"SN {random_alnum(r, 2)}{random_digits(r, 7)}", f"{random_alnum(r, 4)}-{random_digits(r, 5)}", f"{random_digits(r, 2)}{random_alnum(r, 2)}{random_digits(r, 6)}"])
    return kind, not_an_npi(serial.removeprefix("SN "))


def fake_ip(r: random.Random) -> str:
    """A fictional IP address in a documentation range (192.0.2.x, 198.51.100.x or 203.0.113.x)."""
    net = r.choice(["192.0.2", "198.51.100", "203.0.113"])
    return f"{net}.{r.randrange(1, 255)}"


def fake_url(r: random.Random, p: Person) -> str:
    """A fictional web address (example.com/.org/.net) with a handle made from *p*'s first name."""
    handle = p.first.lower().encode("ascii", "ignore").decode() or "user"
    handle = "".join(ch for ch in handle if ch.isalnum()) + str(r.randrange(10, 99))
    return r.choice([
        f"https://social.example.net/@{handle}",
        f"https://www.example.com/blog/{handle}",
        f"http://photos.example.org/u/{handle}",
        f"www.example.net/{handle}/videos",
        f"https://fundraise.example.org/help-{handle}",
    ])


def fake_other_id(r: random.Random) -> tuple[str, str]:
    """Another kind of fictional identifier (student ID, court case, claim number, ...), as ``(label, value)``."""
    return r.choice([
        ("Student ID", f"S{random_digits(r, 7)}"),
        ("court case no.", f"{r.randrange(19, 26)}-JV-{random_digits(r, 4)}"),
        ("probation ID", f"DOC {random_digits(r, 6)}"),
        ("employee ID", f"EMP-{random_digits(r, 5)}"),
        ("claim #", f"CLM{random_digits(r, 10)}"),
        ("VA file no.", f"C{random_digits(r, 8)}"),
        ("passport no.", f"X{random_digits(r, 8)}"),
    ])
