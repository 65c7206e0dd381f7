"""Synthetic tables for module 01: data minimisation, k-anonymity and linkage.

* ``intake_table``: one row per fictional client, every field an intake form might
  collect, for the "minimum necessary" question (which columns does a given purpose
  really need?).
* ``quasi_ids``: a "de-identified" research extract (names removed, but ZIP code,
  date of birth and gender kept) for k-anonymity.
* ``public_roster``: a fictional community directory (name, address, ZIP, date of
  birth, gender) that most of the extract can be linked to on those three columns.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

from . import Dataset
from ._io import csv_text
from .identities import (
    CITIES,
    DIAGNOSES,
    EMPLOYERS,
    PAYERS,
    STREET_TYPES,
    STREETS,
    fake_email,
    fake_person,
    fake_phone,
    fake_plan_id,
    fake_provider,
    fake_ssn,
)

__all__ = [
    "DATASETS",
    "EXPECTED_LINKAGE",
    "REFERENCE_DATE",
    "age_band",
    "build_intake_table",
    "build_public_roster",
    "build_quasi_ids",
    "generate_intake_table",
    "generate_linkage_tables",
    "linkage_summary",
]

#: Ages in the quasi-identifier tables are computed on this date.
REFERENCE_DATE = date(2025, 6, 30)

INTAKE_SEED = 3102
LINKAGE_SEED = 3103
INTAKE_ROWS = 40
ROSTER_ROWS = 1500
EXTRACT_ROWS = 200
EXTRACT_IN_ROSTER = 160

#: The ZIP codes of the fictional service area: two 3-digit ZIP prefixes.
ZIPS = ("97301", "97302", "97305", "97306", "97321", "97322", "97330", "97333")

_LANGS = ["English"] * 6 + ["Spanish", "Spanish", "Vietnamese", "Somali", "Russian", "ASL", "Arabic", "Hmong"]
_REFERRALS = [
    ("PCP", "depressed mood and poor sleep"),
    ("self", "panic attacks at work"),
    ("school", "anxiety and school refusal"),
    ("EAP", "stress after workplace injury"),
    ("ED discharge", "follow-up after overdose"),
    ("court", "court-ordered anger management"),
    ("self", "grief after a parent's death"),
    ("OB/GYN", "postpartum low mood"),
    ("VA", "nightmares and irritability"),
    ("family", "drinking and missed work"),
]
_NOTE_BITS = [
    "prefers text reminders",
    "sister calls the front desk often",
    "needs interpreter",
    "evening appointments only",
    "do not leave voicemail at home",
    "sliding-scale fee",
    "history of no-shows",
    "",
]


def age_band(age: int) -> str:
    """Ten-year age band, with everyone over 89 in one "90+" band (Safe Harbor)."""
    if age < 0:
        raise ValueError("age must be non-negative")
    if age >= 90:
        return "90+"
    if age < 18:
        return "0-17"
    if age < 30:
        return "18-29"
    lo = age // 10 * 10
    return f"{lo}-{lo + 9}"


def _age(dob: date, on: date = REFERENCE_DATE) -> int:
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def _dob(r: random.Random, lo: int, hi: int) -> date:
    start = REFERENCE_DATE - timedelta(days=(hi + 1) * 365)
    end = REFERENCE_DATE - timedelta(days=lo * 365 + 1)
    return start + timedelta(days=r.randrange((end - start).days))


# --------------------------------------------------------------------------- intake table

INTAKE_COLUMNS = [
    "client_id", "full_name", "preferred_name", "date_of_birth", "age", "gender", "pronouns",
    "street_address", "city", "state", "zip", "phone", "email", "ssn", "insurance_payer",
    "insurance_member_id", "employer", "emergency_contact", "emergency_phone", "primary_language",
    "referral_source", "referral_reason", "diagnosis_code", "diagnosis", "phq9_intake", "gad7_intake",
    "phq9_latest", "intake_date", "last_session_date", "sessions_attended", "therapist", "front_desk_note",
]


def generate_intake_table(seed: int = INTAKE_SEED, n: int = INTAKE_ROWS) -> list[dict]:
    """Rows of a fictional clinic's intake spreadsheet (every column a form might hold).

    Parameters
    ----------
    seed : int
        Same seed, same rows.
    n : int
        Number of clients.

    Returns
    -------
    list of dict
        One dict per client with the keys in ``INTAKE_COLUMNS``.

    """
    if n < 0:
        raise ValueError("n must be non-negative")
    r = random.Random(f"intake_table:{seed}")
    therapists = [fake_provider(r) for _ in range(4)]
    rows = []
    for i in range(n):
        p = fake_person(r)
        dob = _dob(r, 18, 79) if r.random() < 0.85 else _dob(r, 82, 96)
        intake = REFERENCE_DATE - timedelta(days=r.randint(30, 500))
        last = intake + timedelta(days=r.randint(0, (REFERENCE_DATE - intake).days))
        code, _dsm, desc, _sx, _grp = r.choice(DIAGNOSES)
        src, reason = r.choice(_REFERRALS)
        ec = fake_person(r)
        phq = r.randint(5, 26)
        t = r.choice(therapists)
        rows.append({
            "client_id": f"C{1001 + i}",
            "full_name": p.full,
            "preferred_name": p.first if r.random() < 0.8 else r.choice(["Lupe", "DJ", "Kat", "Sunny", "Bo", "Nene"]),
            "date_of_birth": dob.isoformat(),
            "age": _age(dob),
            "gender": {"f": "female", "m": "male", "n": "nonbinary"}[p.gender],
            "pronouns": {"f": "she/her", "m": "he/him", "n": "they/them"}[p.gender],
            "street_address": f"{r.randrange(12, 9899)} {r.choice(STREETS)} {r.choice(STREET_TYPES)}",
            "city": r.choice(CITIES),
            "state": "OR",
            "zip": r.choice(ZIPS),
            "phone": fake_phone(r, "503", "dash"),
            "email": fake_email(r, p),
            "ssn": fake_ssn(r) if r.random() < 0.7 else "",
            "insurance_payer": r.choice(PAYERS + ["self-pay"]),
            "insurance_member_id": fake_plan_id(r),
            "employer": r.choice(EMPLOYERS + ["unemployed", "retired", "student"]),
            "emergency_contact": ec.full,
            "emergency_phone": fake_phone(r, "503", "dash"),
            "primary_language": r.choice(_LANGS),
            "referral_source": src,
            "referral_reason": reason,
            "diagnosis_code": code,
            "diagnosis": desc,
            "phq9_intake": phq,
            "gad7_intake": r.randint(3, 21),
            "phq9_latest": max(0, phq - r.randint(-3, 12)),
            "intake_date": intake.isoformat(),
            "last_session_date": last.isoformat(),
            "sessions_attended": r.randint(1, 30),
            "therapist": f"{t.full}, {t.cred}",
            "front_desk_note": r.choice(_NOTE_BITS),
        })
    return rows


def build_intake_table(seed: int = INTAKE_SEED, n: int = INTAKE_ROWS) -> str:
    """The text of ``data/intake_table.csv``."""
    return csv_text(generate_intake_table(seed, n), INTAKE_COLUMNS)


# --------------------------------------------------------------------------- linkage pair

ROSTER_COLUMNS = ["name", "street_address", "city", "zip", "date_of_birth", "gender"]
EXTRACT_COLUMNS = [
    "record_id", "zip", "zip3", "date_of_birth", "age", "age_band", "gender",
    "diagnosis_code", "phq9_intake", "phq9_latest", "sessions_attended",
]


def generate_linkage_tables(
    seed: int = LINKAGE_SEED,
    roster_rows: int = ROSTER_ROWS,
    extract_rows: int = EXTRACT_ROWS,
    in_roster: int = EXTRACT_IN_ROSTER,
) -> tuple[list[dict], list[dict], dict[str, str]]:
    """A public roster, a "de-identified" extract, and the hidden truth linking them.

    Parameters
    ----------
    seed : int
        Same seed, same tables.
    roster_rows : int
        People in the fictional community directory.
    extract_rows : int
        Clients in the research extract.
    in_roster : int
        How many extract clients are also in the roster (the rest are not).

    Returns
    -------
    roster : list of dict
        Keys ``ROSTER_COLUMNS``.
    extract : list of dict
        Keys ``EXTRACT_COLUMNS``; no names.
    truth : dict
        ``record_id -> roster name`` for the extract clients who are in the roster
        (for checking a linkage attack; not written to ``data/``).

    """
    if not 0 <= in_roster <= min(extract_rows, roster_rows):
        raise ValueError("in_roster must be between 0 and min(extract_rows, roster_rows)")
    r = random.Random(f"linkage:{seed}")
    gender_of = {"f": "F", "m": "M", "n": "X"}

    def someone() -> dict:
        p = fake_person(r)
        dob = _dob(r, 18, 89) if r.random() < 0.97 else _dob(r, 90, 99)
        return {
            "name": p.full,
            "street_address": f"{r.randrange(12, 9899)} {r.choice(STREETS)} {r.choice(STREET_TYPES)}",
            "city": r.choice(CITIES[:6]),
            "zip": r.choice(ZIPS),
            "date_of_birth": dob.isoformat(),
            "gender": gender_of[p.gender],
        }

    roster = [someone() for _ in range(roster_rows)]
    roster.sort(key=lambda row: (row["zip"], row["name"], row["date_of_birth"]))
    linked = r.sample(range(roster_rows), in_roster)
    people = [(roster[i], True) for i in linked] + [(someone(), False) for _ in range(extract_rows - in_roster)]
    r.shuffle(people)
    extract, truth = [], {}
    for i, (person, listed) in enumerate(people):
        dob = date.fromisoformat(person["date_of_birth"])
        age = _age(dob)
        code = r.choice(DIAGNOSES)[0]
        phq = r.randint(5, 26)
        rid = f"R{5001 + i}"
        extract.append({
            "record_id": rid,
            "zip": person["zip"],
            "zip3": person["zip"][:3],
            "date_of_birth": person["date_of_birth"],
            "age": age,
            "age_band": age_band(age),
            "gender": person["gender"],
            "diagnosis_code": code,
            "phq9_intake": phq,
            "phq9_latest": max(0, phq - r.randint(-3, 12)),
            "sessions_attended": r.randint(1, 30),
        })
        if listed:
            truth[rid] = person["name"]
    return roster, extract, truth


def linkage_summary(seed: int = LINKAGE_SEED) -> dict[str, int]:
    """Numbers quoted in the data cards: how many extract rows a linkage re-identifies.

    Returns
    -------
    dict
        ``in_roster``, ``unique_match`` (extract rows matching exactly one roster row on
        ZIP, date of birth and gender), ``correct`` (of those, the right person),
        ``k1_full`` (rows alone in their (zip, date_of_birth, gender) class within the
        extract), ``min_k_coarse`` (smallest class on (zip3, age_band, gender)),
        ``over_89`` (extract rows aged 90+).

    """
    roster, extract, truth = generate_linkage_tables(seed)
    key = Counter((p["zip"], p["date_of_birth"], p["gender"]) for p in roster)
    by_key = {(p["zip"], p["date_of_birth"], p["gender"]): p["name"] for p in roster}
    unique = correct = 0
    for row in extract:
        k = (row["zip"], row["date_of_birth"], row["gender"])
        if key.get(k) == 1:
            unique += 1
            correct += truth.get(row["record_id"]) == by_key[k]
    full = Counter((e["zip"], e["date_of_birth"], e["gender"]) for e in extract)
    coarse = Counter((e["zip3"], e["age_band"], e["gender"]) for e in extract)
    return {
        "in_roster": len(truth),
        "unique_match": unique,
        "correct": int(correct),
        "k1_full": sum(1 for v in full.values() if v == 1),
        "min_k_coarse": min(coarse.values()),
        "over_89": sum(1 for e in extract if e["age"] >= 90),
    }


def build_public_roster(seed: int = LINKAGE_SEED) -> str:
    """The text of ``data/public_roster.csv``."""
    return csv_text(generate_linkage_tables(seed)[0], ROSTER_COLUMNS)


def build_quasi_ids(seed: int = LINKAGE_SEED) -> str:
    """The text of ``data/quasi_ids.csv``."""
    return csv_text(generate_linkage_tables(seed)[1], EXTRACT_COLUMNS)


_INTAKE_CARD = """
**What it represents.** A fictional clinic's intake spreadsheet: 40 clients, one row
each, with every field an intake form tends to collect (name, date of birth,
address, phone, e-mail, SSN, insurer and member ID, employer, emergency contact,
language, referral source and reason, ICD-10 diagnosis code, PHQ-9 / GAD-7 scores,
session dates and counts, therapist, a free-text front-desk note). Module 01 asks
which columns a stated purpose (an outcomes report, a reminder service, a billing
export) really needs: the "minimum necessary" standard (45 CFR 164.502(b)).

**Injected.** Nothing statistical; the point is breadth of columns. 10 of the 40
rows have no SSN (as in practice, where it is often optional). Ages run 18-90: one
client is 90 and one is 89, either side of the Safe Harbor age boundary.

**Known limits.** Values are drawn independently (diagnosis does not depend on
age, scores are uniform), so do not use it for clinical statistics. All contact
details are fictional (555-01xx, example.com/.org/.net, invalid SSNs).
"""

#: What :func:`linkage_summary` returns for the committed data (a test keeps it true).
EXPECTED_LINKAGE = {"in_roster": 160, "unique_match": 160, "correct": 160, "k1_full": 200, "min_k_coarse": 1, "over_89": 4}

_QUASI_CARD = """
**What it represents.** A "de-identified" research extract of 200 fictional clients:
names and contact details removed, but full ZIP code, date of birth and gender kept,
plus coarsened copies (`zip3`, `age_band`, with everyone 90 or older in "90+")
and clinical fields (ICD-10 code, PHQ-9 at intake and latest, sessions). Ages are
computed on 30 June 2025. Used with `public_roster` for a linkage attack and
k-anonymity.

**Injected, and how strongly.** 160 of the 200 clients are also listed in
`public_roster`. On (ZIP, date of birth, gender), {unique_match} extract rows match exactly
one roster entry and all {correct} of those matches are the right person; within the
extract itself {k1_full} of 200 rows are unique on those three columns (k = 1). On
(zip3, age_band, gender) the smallest class has k = {min_k_coarse} (rare gender and 90+ bands).
{over_89} clients are 90 or older. These numbers are computed by
`course.synth.privacy_tables.linkage_summary()` and a test keeps this card in step.

**Known limits.** Uniform random dates of birth and ZIPs make classes more even
than real populations; real re-identification rates depend on population size
(Sweeney's well-known estimate that most of the US population is unique on ZIP,
birth date and sex, 2000).
""".format(**EXPECTED_LINKAGE)

_ROSTER_CARD = """
**What it represents.** A fictional "community directory" of 1,500 people in eight
ZIP codes (two 3-digit prefixes): name, street address, city, ZIP, date of birth,
gender, like a voter list or a membership roll that anyone could obtain. Joined to
`quasi_ids` on ZIP, date of birth and gender it re-identifies most of the extract.

**Injected.** 160 of its people are clients in `quasi_ids` (see that card for the
linkage numbers). Ages are uniform over 18-89 for 97% of people and 90-99 for
the other 3%.

**Known limits.** Invented names and addresses; no household structure; uniform
distributions. Not a model of any real place, though the ZIP codes are
syntactically real.
"""

DATASETS = [
    Dataset(
        name="intake_table",
        filename="intake_table.csv",
        purpose="module 01: data minimisation - which intake columns does a purpose need?",
        seed=INTAKE_SEED,
        build=build_intake_table,
        card=_INTAKE_CARD,
        generator="course.synth.privacy_tables.generate_intake_table",
    ),
    Dataset(
        name="public_roster",
        filename="public_roster.csv",
        purpose="module 01: a public directory to link the research extract against",
        seed=LINKAGE_SEED,
        build=build_public_roster,
        card=_ROSTER_CARD,
        generator="course.synth.privacy_tables.generate_linkage_tables",
    ),
    Dataset(
        name="quasi_ids",
        filename="quasi_ids.csv",
        purpose="module 01: k-anonymity and linkage on ZIP, date of birth and gender",
        seed=LINKAGE_SEED,
        build=build_quasi_ids,
        card=_QUASI_CARD,
        generator="course.synth.privacy_tables.generate_linkage_tables",
    ),
]
