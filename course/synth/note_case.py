"""One fictional client's case, and the fragments that many kinds of note share.

:func:`make_case` draws a :class:`Case` (the client, relatives, clinicians, clinic,
address, identifiers, diagnosis and scores) from a seeded :class:`random.Random`. The
case's methods turn references to it (names, clinicians, dates, ages, addresses) into
labelled :class:`~course.synth._text.V` values, so each becomes a gold span when it is
added to a :class:`~course.synth._text.DocBuilder`. The functions below write what many
kinds share: headers, signatures, score, risk, MSE and plan lines, a sentence that uses
a common-word name as an ordinary word, and optional sentences carrying rarer
identifiers (:func:`write_extras`). The kinds themselves are in
:mod:`course.synth.note_sessions` and :mod:`course.synth.note_records`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from ._text import DocBuilder, V
from .identities import (
    CITIES,
    CLINIC_STEMS,
    CLINIC_TYPES,
    COLLEGES,
    COMMON_WORD_NAMES,
    COUNTIES,
    DIAGNOSES,
    DIAGNOSES_YOUTH,
    EMPLOYERS,
    HOSPITALS,
    MEDICATIONS,
    MODALITIES,
    NICKNAMES,
    PAYERS,
    SCHOOL_STEMS,
    SHORT_WORDS,
    STAFF_ROLES,
    STATES,
    STREET_TYPES,
    STREETS,
    Person,
    fake_account,
    fake_drivers_license,
    fake_email,
    fake_ip,
    fake_mrn,
    fake_person,
    fake_phone,
    fake_plan_id,
    fake_plate,
    fake_professional_license,
    fake_provider,
    fake_ssn,
    fake_url,
    fake_vin,
    format_date,
    in_year,
    not_an_npi,
    random_alnum,
    random_digits,
)

__all__ = [
    "Case",
    "common_word_line",
    "make_case",
    "mse_line",
    "plan_line",
    "risk_line",
    "scores_line",
    "write_extras",
    "write_header",
    "write_signature",
]


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
        return fake_person(self.r, gender, last, self.used)

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
        """The date *d*, labelled ``DATE``, in the style *style* or a random one (some give only part of the date)."""
        return V("DATE", format_date(self.r, d, style))

    def dd(self, d: date) -> V:
        """A full date (day, month and year) in a random format."""
        return V("DATE", format_date(self.r, d, self.r.choice(["us", "us_short", "us_nopad", "long", "abbr", "abbr_dot", "eu", "iso", "dmy_abbr", "dots"])))

    def days(self, lo: int, hi: int) -> date:
        """A date *lo* to *hi* days before the visit."""
        return self.visit - timedelta(days=self.r.randint(lo, hi))

    def later(self, lo: int, hi: int) -> date:
        """A date *lo* to *hi* days after the visit."""
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
            if ini in SHORT_WORDS:
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
        """The client's address in one of three styles; street, city and ZIP code are labelled ``LOCATION``, the state is not."""
        st_name, st_abbr, _ = self.state
        style = style or self.r.choice(["full", "full", "city_state", "street_city"])
        if style == "full":
            return [V("LOCATION", self.street), ", ", V("LOCATION", self.city), ", ", st_abbr, " ", V("LOCATION", self.zip)]
        if style == "city_state":
            return [V("LOCATION", self.city), ", ", st_name]
        return [V("LOCATION", self.street), " in ", V("LOCATION", self.city)]

    def rel(self, role: str) -> Person:
        """The relative with the role *role* (``"mother"``, ``"wife"``, ...); ``KeyError`` if there is none."""
        for rl, p in self.relatives:
            if rl == role:
                return p
        raise KeyError(role)

    def pick_rel(self) -> tuple[str, Person]:
        """A random relative, as ``(role, person)``."""
        return self.r.choice(self.relatives)

    def med(self) -> str:
        """The client's first medication, or "no current psychotropic medication"."""
        return self.meds[0] if self.meds else "no current psychotropic medication"


def _age_for(r: random.Random, kind: str) -> int:
    if kind == "school_counsellor":
        return r.randint(11, 17)
    if kind in {"intake", "discharge_summary", "referral_letter", "telehealth", "crisis_safety_plan", "soap", "supervision"} and r.random() < 0.14:
        return r.randint(86, 99)
    return r.choice([r.randint(18, 34), r.randint(19, 64), r.randint(35, 79)])


def _school(r: random.Random, age: int) -> str:
    if age >= 18:
        return r.choice(COLLEGES)
    kind = "Elementary" if age <= 10 else r.choice(["Middle School", "Junior High"]) if age <= 13 else r.choice(["High School", "High School", "Academy"])
    return f"{r.choice(SCHOOL_STEMS)} {kind}"


def make_case(r: random.Random, kind: str) -> Case:
    """Draw a new fictional case for a note of *kind* (the client's age range depends on the kind)."""
    used: set[str] = set()
    client = fake_person(r, avoid=used)
    age = _age_for(r, kind)
    visit = date(2023, 1, 9) + timedelta(days=r.randrange(0, 900))
    dob = visit - timedelta(days=age * 365 + r.randrange(0, 360) + age // 4)
    youth = age < 18
    dx = r.choice(DIAGNOSES_YOUTH if youth else DIAGNOSES)
    state = r.choice(STATES)
    area = state[2]
    provider = fake_provider(r, avoid=used)
    # clients' relatives: often share the surname, sometimes not
    relatives: list[tuple[str, Person]] = []
    if youth:
        relatives.append(("mother", fake_person(r, "f", client.last if r.random() < 0.7 else None, used)))
        relatives.append(("father", fake_person(r, "m", client.last if r.random() < 0.5 else None, used)))
        relatives.append(("sibling", fake_person(r, None, client.last, used)))
        relatives.append(("friend", fake_person(r, avoid=used)))
    else:
        partner_role = r.choice(["wife", "husband", "partner"] + (["girlfriend", "boyfriend"] if age < 60 else []))
        pg = {"wife": "f", "girlfriend": "f", "husband": "m", "boyfriend": "m"}.get(partner_role)
        relatives.append((partner_role, fake_person(r, pg, avoid=used)))
        child = r.choice(["daughter", "son"])
        relatives.append((child, fake_person(r, "f" if child == "daughter" else "m", client.last, used)))
        other = r.choice(["sister", "brother", "mother", "roommate", "best friend"])
        relatives.append((other, fake_person(r, {"sister": "f", "mother": "f", "brother": "m"}.get(other), avoid=used)))
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
        psychiatrist=fake_provider(r, r.choice(["MD", "PMHNP-BC", "MD"]), used),
        pcp=fake_provider(r, r.choice(["MD", "MD", "APRN"]), used),
        supervisor=fake_provider(r, r.choice(["LCSW", "PhD", "PsyD", "LMFT"]), used),
        staff=fake_person(r, avoid=used),
        staff_role=r.choice(STAFF_ROLES),
        clinic=f"{r.choice(CLINIC_STEMS)} {r.choice(CLINIC_TYPES)}",
        hospital=r.choice(HOSPITALS),
        state=state,
        city=r.choice(CITIES),
        county=f"{r.choice(COUNTIES)} County",
        street=f"{r.randrange(12, 9899)} {r.choice(STREETS)} {r.choice(STREET_TYPES)}" + (f", Apt {r.randrange(1, 40)}{r.choice('ABCD')}" if r.random() < 0.25 else ""),
        zip=f"{r.randrange(1001, 99950):05d}",
        phone=fake_phone(r, area),
        clinic_phone=fake_phone(r, area, r.choice(["paren", "dash", "dots"])),
        clinic_fax=fake_phone(r, area, r.choice(["paren", "dash"])),
        email=fake_email(r, client),
        mrn=fake_mrn(r),
        payer=r.choice(PAYERS),
        plan_id=fake_plan_id(r),
        account=fake_account(r),
        employer=r.choice(EMPLOYERS),
        school=_school(r, age),
        relatives=relatives,
        meds=r.sample(MEDICATIONS, n_meds),
        phq9=r.randint(3, 26),
        gad7=r.randint(2, 21),
        used=used,
        heading=r.choice(["upper", "upper", "colon", "md", "inline"]),
    )


# --------------------------------------------------------------------------- shared fragments


def _sev(phq9: int) -> str:
    return "minimal" if phq9 < 5 else "mild" if phq9 < 10 else "moderate" if phq9 < 15 else "moderately severe" if phq9 < 20 else "severe"


def scores_line(c: Case) -> str:
    """A line of screening scores: PHQ-9 and GAD-7, sometimes C-SSRS and one more measure."""
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


def risk_line(c: Case) -> str:
    """A risk line (suicidal and homicidal ideation, safety), one of a few fixed wordings."""
    return c.r.choice([
        "Denies SI/HI, no plan or intent. Safety plan reviewed.",
        "SI: passive, no plan/intent/means. HI: denied. Pt able to contract for safety and knows to call or text 988.",
        "denies SI/HI/AVH.",
        "Risk: low. No SI/HI. Protective factors: children, faith community, employment.",
        "Endorses passive SI (\"sometimes I wish I wouldn't wake up\"), denies plan or intent; C-SSRS screen completed; 988 reviewed.",
        "No current SI or HI; hx of one attempt (overdose) in 2017; firearms: none in home per pt.",
    ])


def mse_line(c: Case) -> str:
    """A mental status exam (MSE) line, one of a few fixed wordings."""
    r = c.r
    return r.choice([
        "MSE: A&Ox4, casually dressed, good hygiene. Speech nl rate/volume. Mood \"tired\", affect constricted. TP linear, TC w/o delusions. Insight/judgment fair.",
        "MSE - alert, cooperative, good eye contact; mood 'anxious', affect congruent, tearful at times; thought process goal-directed; no AH/VH; insight good.",
        "Mental status: oriented x3; psychomotor slowing; speech soft; mood depressed; affect flat; thought content notable for guilt, no delusions; cognition grossly intact; judgment fair.",
        "MSE WNL except anxious affect and mildly pressured speech.",
    ])


def plan_line(c: Case) -> str:
    """A plan line with a random therapy modality (sometimes naming the client's medication)."""
    r = c.r
    m = r.choice(MODALITIES)
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


def write_signature(b: DocBuilder, c: Case, when: date | None = None) -> None:
    """Add the clinician's sign-off, in one of four styles; most show the date *when* (default: the visit)."""
    r = c.r
    when = when or c.visit
    style = r.randrange(4)
    if style == 0:
        b.f("\n\nElectronically signed by {p} on {d} at {t}.\n", p=c.prov(style="full_cred"), d=c.d(when, "us"), t=f"{r.randint(8, 18)}:{r.randrange(60):02d}")
    elif style == 1:
        b.f("\n\n-- {p}\n", p=c.prov())
    elif style == 2:
        b.f("\n\nClinician: {p}\nLicense #: {lic}\nDate signed: {d}\n", p=c.prov(style="full_cred"), lic=V("LICENSE", fake_professional_license(r, c.provider.cred)), d=c.dd(when))
    else:
        b.f("\n\n{ini} / {d}\n", ini=c.prov(style="initials"), d=c.d(when, "md"))


def write_header(b: DocBuilder, c: Case, title: str) -> None:
    """Add the note's header, in one of three styles: *title*, the client and the date of service."""
    r = c.r
    style = r.randrange(3)
    if style == 0:
        b.f("{org}\n{title}\n\nClient: {n}    DOB: {dob}    MRN: {mrn}\nDate of service: {dos}\n", org=V("ORGANIZATION", c.clinic), title=title, n=c.name(style="full"), dob=c.d(c.dob, "us"), mrn=V("MRN", c.mrn), dos=c.dd(c.visit))
    elif style == 1:
        b.f("{title} | {n} | MRN {mrn} | DOS {dos}\n", title=title.upper(), n=c.name(style="lastfirst"), mrn=V("MRN", c.mrn), dos=c.d(c.visit, r.choice(["us", "iso", "us_short"])))
    else:
        b.f("{title}\nPt: {n} ({age}) -- seen {dos}\n", title=title, n=c.name(style=r.choice(["full", "initials"])), age=c.age_items(style="y_o"), dos=c.dd(c.visit))


def common_word_line(c: Case) -> list | None:
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


def write_extras(b: DocBuilder, c: Case, k: int = 1) -> None:
    """Add *k* optional sentences, each carrying a rarer identifier or a distractor."""
    r = c.r
    p = c.client
    area = c.state[2]
    options = [
        lambda: b.f("Pt verified identity with DOB and last four of SSN ({s}). ", s=V("SSN", f"{r.randrange(1, 10000):04d}")),
        lambda: b.f("SSDI paperwork needs SSN {s}; pt brought card. ", s=V("SSN", fake_ssn(r))),
        lambda: b.f("Accident report lists pt's {col} {car} (VIN {vin}, plate {pl}). ", col=r.choice(["silver", "red", "black", "white"]), car=r.choice(["sedan", "pickup", "minivan", "hatchback"]), vin=V("VEHICLE", fake_vin(r)), pl=V("VEHICLE", fake_plate(r))),
        lambda: b.f("Pt is sleeping in {pro} car (plate {pl}) most nights; shelter list given. ", pro=p.pro("p"), pl=V("VEHICLE", fake_plate(r))),
        lambda: b.f("Moved to {county} last month; will need the {county2} crisis line number. ", county=V("LOCATION", c.county), county2=V("LOCATION", c.county)),
        lambda: b.f("Pt's {dev} (serial {sn}) alarms at night and disrupts sleep. ", dev=r.choice(["CPAP machine", "insulin pump", "continuous glucose monitor", "home oxygen concentrator"]), sn=V("DEVICE", not_an_npi(f"{random_alnum(r, 3)}{random_digits(r, 7)}"))),
        lambda: b.f("Portal login flagged from IP {ip}; pt confirmed it was {pro} new laptop. ", ip=V("IP_ADDRESS", fake_ip(r)), pro=p.pro("p")),
        lambda: b.f("Balance of $140 on account {a}; payment plan set up. ", a=V("ACCOUNT", c.account)),
        lambda: b.f("Pt shared {pro} recovery blog ({u}) and gave permission to discuss it. ", pro=p.pro("p"), u=V("URL", fake_url(r, p))),
        lambda: b.f("PO {po} ({ph}) requested attendance verification for probation ID {pid}; ROI on file. ", po=c.name(c.someone(), r.choice(["full", "title"])), ph=V("PHONE", fake_phone(r, area)), pid=V("OTHER_ID", f"DOC {random_digits(r, 6)}")),
        lambda: b.f("FMLA forms from {org} HR ({hr}) completed and faxed to {fax}. " if c.age < 70 else "Forms from {org} ({hr}) about pt's late spouse's benefits faxed to {fax}. ", org=V("ORGANIZATION", c.employer), hr=c.name(c.someone(), "full"), fax=V("FAX", fake_phone(r, area))),
        lambda: b.f("Attends {ch}; {lead} {pa} is a support. ", **dict(zip(("ch", "lead"), r.choice([
            (V("ORGANIZATION", "Grace Community Church"), "Pastor"), (V("ORGANIZATION", "Bethel AME Church"), "Rev."),
            (V("ORGANIZATION", "Masjid Al-Noor"), "Imam"), (V("ORGANIZATION", "Temple Beth Shalom"), "Rabbi"),
            (V("ORGANIZATION", "St. Anne's Parish"), "Fr."), (V("ORGANIZATION", "Wat Lao Buddhavong"), "monk")]), strict=True)), pa=c.name(c.someone(), r.choice(["full", "first"]))),
        lambda: b.f("Grandfather {g} ({a}) moved into {fac} after a fall. ", g=c.name(c.someone("m"), "first"), a=c.age_items(r.choice([r.randint(90, 103), r.randint(78, 89)]), "yo"), fac=V("ORGANIZATION", r.choice(["Summit Ridge Assisted Living", "Pinebrook Nursing Home", "Willow Court Memory Care"]))),
        lambda: b.f("Pt's {rl} {rn} asked for updates at {em}; no ROI on file, none given. ", rl=c.relatives[-1][0], rn=c.name(c.relatives[-1][1], "first"), em=V("EMAIL", fake_email(r, c.relatives[-1][1]))),
        lambda: b.f("Anniversary of {pro} father's death ({d}) is approaching. ", pro=p.pro("p"), d=c.d(in_year(c.later(3, 40), c.visit.year - r.randint(1, 9)), r.choice(["long", "month_day", "us"]))),
        lambda: b.f("License ({dl}) suspended after a DUI on {d}. ", dl=V("LICENSE", fake_drivers_license(r)), d=c.d(c.days(30, 300), r.choice(["us", "long", "us_short"]))),
        lambda: b.f("Immigration hearing pending; A-number {a}. Pt fears that records could be shared. ", a=V("OTHER_ID", f"A{random_digits(r, 9)}")),
        lambda: b.f("New plan ID {pid} effective {d}. ", pid=V("HEALTH_PLAN", fake_plan_id(r)), d=c.d(c.days(1, 60), r.choice(["us", "md", "long"]))),
        lambda: b.f("Records from {h} (MRN {m}) reviewed. ", h=V("ORGANIZATION", c.hospital), m=V("MRN", fake_mrn(r))),
        lambda: b.f("Works nights at {emp}; badge/employee ID {e} needed for EAP. ", emp=V("ORGANIZATION", c.employer), e=V("OTHER_ID", f"EMP-{random_digits(r, 5)}")) if c.age < 70 else b.f("Former employer {emp} still sends pension mail to the old address. ", emp=V("ORGANIZATION", c.employer)),
        lambda: b.f("Pt quoted {pro} {rl}: \"{n}, you never listen.\" ", pro=p.pro("p"), rl=c.relatives[0][0], n=c.name(style="first")),
        lambda: b.f("Wants to be called {nick} in group. ", nick=V("NAME", NICKNAMES[p.first])) if p.first in NICKNAMES else b.f("Prefers {n} to {t} {last}. ", n=c.name(style="first"), t=p.title, last=V("NAME", p.last)),
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
