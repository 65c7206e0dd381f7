"""Synthetic mental-health clinical documents with gold identifier spans.

:func:`generate_notes` writes fictional documents of many kinds (intake
assessments, SOAP/DAP/BIRP progress notes, crisis and safety plans, portal
messages, ...) and annotates every identifier in them with a character span and
one label per HIPAA Safe Harbor category (45 CFR 164.514(b)(2)). The text is
assembled with :class:`course.synth._text.DocBuilder`, so the spans are exact by
construction. Everything is invented: phone numbers are 555-01xx, SSNs are in
invalid ranges, NPIs fail the NPI check digit, e-mail and web addresses use
example.com/.org/.net, IP addresses are in the documentation ranges.

This module deals the documents out and writes the data card. What a document is made
of lives beside it: :mod:`course.synth.identities` (the identity vocabulary and the
identifier factories), :mod:`course.synth.note_case` (one client's case and the
fragments many kinds share), and the kind builders in :mod:`course.synth.note_sessions`
and :mod:`course.synth.note_records`.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence

from . import Dataset, note_records, note_sessions
from ._io import jsonl_text
from ._text import DocBuilder
from .identities import COMMON_WORD_NAMES
from .identities import Person as Person  # re-exported: it lived here before the split
from .note_case import Case as Case  # re-exported: it lived here before the split
from .note_case import make_case

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

# --------------------------------------------------------------------------- the kinds

#: The builder of each kind, in the order of :data:`KINDS`.
_KIND_FN = {kind: {**note_sessions.BUILDERS, **note_records.BUILDERS}[kind] for kind in KINDS}
assert len(note_sessions.BUILDERS) + len(note_records.BUILDERS) == len(_KIND_FN), "a kind has two builders, or no place in KINDS"


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
    case = make_case(r, kind)
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
    value collide with an ordinary word (e.g. a client called Will next to "will").
    """
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
