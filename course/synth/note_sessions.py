"""Builders of the notes written about a client contact.

Intake assessment, SOAP, DAP and BIRP progress notes, group, couples or family notes,
crisis assessment and safety plan, telehealth and school counsellor notes: one
``write_<kind>(b, case)`` per kind (each with two or three layouts), which appends the
document to a :class:`~course.synth._text.DocBuilder`. :data:`BUILDERS` maps the kind
names of :data:`course.synth.notes.KINDS` to them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from ._text import DocBuilder, V
from .identities import (
    CITIES,
    COLLEGES,
    HOSPITALS,
    LAST_NAMES,
    MODALITIES,
    NICKNAMES,
    SCHOOL_STEMS,
    STATES,
    STREETS,
    fake_device,
    fake_drivers_license,
    fake_email,
    fake_ip,
    fake_phone,
    fake_plate,
    fake_ssn,
    fake_url,
    random_alnum,
    random_digits,
)
from .note_case import (
    Case,
    common_word_line,
    mse_line,
    plan_line,
    risk_line,
    scores_line,
    write_extras,
    write_header,
    write_signature,
)

__all__ = [
    "BUILDERS",
    "write_birp",
    "write_couples_family",
    "write_crisis_safety_plan",
    "write_dap",
    "write_group",
    "write_intake",
    "write_school_counsellor",
    "write_soap",
    "write_telehealth",
]


def _intake_history(b: DocBuilder, c: Case) -> None:
    r = c.r
    c.sec(b, r.choice(["Psychiatric / medical history", "Past psych hx", "Medical and psychiatric history"]))
    b.add("Current meds: ", ", ".join(c.meds) if c.meds else "none", ". ")
    if r.random() < 0.4:
        kind, serial = fake_device(r)
        b.f("Uses {a} {k} (serial {s}). ", a="an" if kind[0] in "aeiou" else "a", k=kind, s=V("DEVICE", serial))
    if r.random() < 0.5:
        b.add("No prior hospitalizations. ")
    else:
        b.f("{how} at {h2} on {d}. ", how=r.choice(["Hospitalized once", "One inpatient stay", "IP admission"]), h2=V("ORGANIZATION", r.choice(HOSPITALS)), d=c.d(c.days(500, 2500)))


def _intake_family(b: DocBuilder, c: Case) -> None:
    r = c.r
    p = c.client
    c.sec(b, r.choice(["Family / social history", "Social hx", "Psychosocial history"]))
    rl, rp = c.relatives[-1]
    b.f("Close to {pro} {rl} {rn}; {rn2}'s number is {ph} (emergency contact). ", pro=p.pro("p"), rl=rl, rn=c.name(rp, "first"), rn2=c.name(rp, "first"), ph=V("PHONE", fake_phone(r, c.state[2])))
    if 30 < c.age < 60 and r.random() < 0.5:
        gage = r.choice([r.randint(91, 101), r.randint(80, 89)])
        b.f("Also helps care for {pro} grandmother, {g}, who is {a} and lives in {city}. ", pro=p.pro("p"), g=c.name(c.someone("f"), "full"), a=c.age_items(gage, "age"), city=V("LOCATION", r.choice(CITIES)))
    b.f("Grew up in {st}; {fh}. ", st=c.state[0], fh=r.choice(["family hx of depression (mother)", "family hx of alcohol use disorder (father)", "family hx of bipolar disorder (maternal uncle)", "no known family psychiatric hx"]))
    write_extras(b, c, r.choice([0, 1]))


def _intake_substance_use(b: DocBuilder, c: Case) -> None:
    r = c.r
    c.sec(b, r.choice(["Substance use", "SUD hx", "Alcohol / drug use"]))
    b.add(r.choice([
        "ETOH: 2-3 beers on weekends, denies binge. Cannabis: vapes nightly for sleep. Nicotine: 1/2 ppd. No IVDU.",
        "Denies alcohol and drug use. Caffeine 4 cups/day.",
        f"AUDIT-C {r.randint(5, 11)}. Last drink 3 days ago; hx of withdrawal tremor, no seizures. Attended AA in {c.visit.year - r.randint(2, 10)}.",
        "Hx of opioid use disorder, in sustained remission on buprenorphine 8 mg BID via PCP.",
    ]))


def _intake_legal(b: DocBuilder, c: Case) -> None:
    r = c.r
    c.sec(b, r.choice(["Legal", "Legal history"]))
    if c.age < 75 and r.random() < 0.5:
        b.f("DUI arrest in {city} on {d}; case no. {case}; on probation (PO {po}). ", city=V("LOCATION", r.choice(CITIES)), d=c.d(c.days(200, 900), r.choice(["us", "long"])), case=V("OTHER_ID", f"{c.visit.year % 100 - 1}-CR-{random_digits(r, 5)}"), po=c.name(c.someone(), r.choice(["full", "title"])))
    else:
        b.add(r.choice(["No legal issues.", "Denies legal hx."] + (["Custody hearing pending; pt worried records will be subpoenaed."] if c.age < 60 else ["Daughter has power of attorney for finances."])))


def _intake_education(b: DocBuilder, c: Case) -> None:
    r = c.r
    c.sec(b, r.choice(["Education / employment", "Education and work"]))
    b.f("Graduated from {school} in {yr}; {work}. ", school=V("ORGANIZATION", r.choice(COLLEGES + [f"{r.choice(SCHOOL_STEMS)} High School"])), yr=str(max(1950, c.dob.year + r.randint(18, 24))),
        work=r.choice(["full-time student", "works part time in retail", "between jobs"] if c.age < 30 else ["on disability since a back injury", "works part time in retail", "between jobs", "teaches middle school"] if c.age < 65 else ["retired teacher", "retired", "retired machinist"]))


def _intake_strengths(b: DocBuilder, c: Case) -> None:
    r = c.r
    c.sec(b, r.choice(["Strengths / goals", "Client goals"]))
    b.add(r.choice([
        "\"I want to sleep through the night and stop snapping at my kids.\" Strengths: insight, supportive sister, steady job.",
        "Wants to return to work and reconnect with friends. Strengths: humor, faith, motivation for tx.",
        "Goal: fewer panic attacks so pt can drive on the freeway again.",
    ] if c.age < 70 else [
        "\"I want to enjoy my grandchildren again.\" Strengths: long marriage, faith, sense of humor.",
        "Goal: feel less alone since moving; join the center's walking group. Strengths: resilience, curiosity.",
    ]))


def _intake_mental_status(b: DocBuilder, c: Case) -> None:
    r = c.r
    c.sec(b, r.choice(["Mental status exam", "MSE"]))
    b.add(mse_line(c))


def _intake_screening(b: DocBuilder, c: Case) -> None:
    r = c.r
    c.sec(b, r.choice(["Screening", "Measures"]))
    b.add(scores_line(c))


def _intake_risk(b: DocBuilder, c: Case) -> None:
    c.sec(b, "Risk")
    b.add(risk_line(c))


#: The intake note's optional and fixed sections, by the key write_intake orders them with.
_INTAKE_SECTIONS = {
    "hist": _intake_history,
    "fam": _intake_family,
    "subst": _intake_substance_use,
    "legal": _intake_legal,
    "edu": _intake_education,
    "strengths": _intake_strengths,
    "mse": _intake_mental_status,
    "screen": _intake_screening,
    "risk": _intake_risk,
}


def write_intake(b: DocBuilder, c: Case) -> None:
    """Append an intake assessment: identifying information, referral, history and the other intake sections, diagnosis and plan."""
    r = c.r
    p = c.client
    write_header(b, c, r.choice(["INITIAL PSYCHIATRIC INTAKE / DIAGNOSTIC ASSESSMENT (90791)", "Intake Assessment", "Comprehensive Biopsychosocial Intake", "New client intake - diagnostic evaluation"]))
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
    if p.first in NICKNAMES:
        b.f("Goes by \"{nick}\". ", nick=V("NAME", NICKNAMES[p.first]))
    b.f("Contact: {ph} (cell), {em}. ", ph=V("PHONE", c.phone), em=V("EMAIL", c.email))
    if c.age < 75 and r.random() < 0.5:
        b.f("Employed at {emp} since {yr}. ", emp=V("ORGANIZATION", c.employer), yr=str(c.visit.year - r.randint(1, max(1, min(9, c.age - 19)))))
    b.f("Insurance: {payer}, member ID {pid}.", payer=V("ORGANIZATION", c.payer), pid=V("HEALTH_PLAN", c.plan_id))
    if r.random() < 0.4:
        b.f(" SSN on file: {ssn}.", ssn=V("SSN", fake_ssn(r)))
    if r.random() < 0.3:
        b.f(" DL #{dl} ({st}) copied at front desk.", dl=V("LICENSE", fake_drivers_license(r)), st=c.state[1])
    c.sec(b, r.choice(["Referral / chief complaint", "Reason for referral", "Presenting problem"]))
    onset = c.days(60, 400)
    b.f("Referred by PCP {pcp} at {hosp}. Pt c/o {s1} and {s2} x {k} months. In {pro} words: \"{q}\"",
        pcp=c.prov(c.pcp), hosp=V("ORGANIZATION", c.hospital), s1=c.dx[3][0], s2=c.dx[3][-1], k=max(2, (c.visit - onset).days // 30), pro=p.pro("p"),
        q=r.choice(["I just can't get out of bed anymore", "my head never shuts off", "I'm not myself", "I keep seeing it when I close my eyes", "everyone would be better off", "I don't want to drink like my dad"]))
    c.sec(b, r.choice(["History of present illness", "HPI"]))
    b.f("Symptoms began around {on} after {ev}. ", on=c.d(onset, r.choice(["month_year", "long", "us", "abbr"])),
        ev=r.choice(["the death of a spouse", "a fall at home", "moving into assisted living", "losing driving privileges", "a cancer diagnosis"] if c.age >= 75 else ["a job loss", "the death of a grandparent", "a car accident", "moving from Ohio", "the birth of a child", "a breakup", "a deployment", "a workplace assault"]))
    line = common_word_line(c)
    if line:
        b.add(line)
    b.f("{n} reports {s}. ", n=c.name(style=r.choice(["first", "title"])), s=", ".join(c.dx[3]))
    b.f("Prior tx: saw a counselor in {yr} ({m}) with some benefit. ", yr=str(c.visit.year - r.randint(2, 12)), m=r.choice(MODALITIES))
    write_extras(b, c, r.choice([0, 1, 1, 2]))
    sections = ["hist", "fam", "mse", "screen", "risk"]
    if r.random() < 0.4:
        sections = ["hist", "fam", "screen", "mse", "risk"]
    for optional in r.sample(["subst", "legal", "edu", "strengths"], r.randint(1, 3)):
        sections.insert(2, optional)
    for sec in sections:
        _INTAKE_SECTIONS[sec](b, c)
    c.sec(b, r.choice(["Diagnostic impression", "Dx", "Diagnosis (DSM-5-TR / ICD-10-CM)"]))
    b.add(f"{c.dx[0]} {c.dx[2][0].upper()}{c.dx[2][1:]} (DSM-5 {c.dx[1]}).")
    c.sec(b, "Plan")
    b.add(plan_line(c), "\n")
    b.f("Release signed for {pcp}; records to be faxed to {fax}.", pcp=c.prov(c.pcp), fax=V("FAX", fake_phone(r, c.state[2], "paren")))
    write_signature(b, c)


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
    line = common_word_line(c)
    if line:
        b.add(line)
    if c.age < 70 and r.random() < 0.35:
        b.f("Missed work at {emp} x2 days. ", emp=V("ORGANIZATION", c.employer))
    if c.meds and r.random() < 0.3:
        b.add(r.choice(["Taking ", "Adherent to ", "Stopped "]), c.med(), ". ")
    write_extras(b, c, r.choice([0, 1, 1, 2]))


def write_soap(b: DocBuilder, c: Case) -> None:
    """Append a SOAP progress note: a full one, or a clipped, abbreviation-heavy one."""
    r = c.r
    if r.random() < 0.35:
        _soap_terse(b, c)
        return
    write_header(b, c, r.choice(["Progress Note (SOAP)", "Individual Psychotherapy - SOAP", "SOAP note"]))
    heads = r.choice([("S:", "O:", "A:", "P:"), ("SUBJECTIVE:", "OBJECTIVE:", "ASSESSMENT:", "PLAN:"), ("Subjective -", "Objective -", "Assessment -", "Plan -")])
    b.add("\n", heads[0], " ")
    _progress_subjective(b, c)
    b.add("\n", heads[1], " ", mse_line(c), " ", scores_line(c), ".\n")
    b.add(heads[2], " ", f"{c.dx[2].capitalize()} ({c.dx[0]}); ", r.choice(["sx stable", "partial response to tx", "worsening sx", "improving"]), ". ", risk_line(c), "\n")
    b.add(heads[3], " ", plan_line(c))
    if r.random() < 0.4:
        b.f(" Next session {d}.", d=c.d(c.later(5, 14), r.choice(["md", "long", "us_nopad"])))
    if r.random() < 0.2:
        b.f(" Pt asked that {rn} not be contacted.", rn=c.name(c.relatives[0][1], "full"))
    write_signature(b, c)


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
    write_extras(b, c, r.choice([0, 1, 1]))
    b.f("\nO: PHQ9 {a} (from {b2}), GAD7 {g}. A&Ox4, {aff}. {risk}\n", a=c.phq9, b2=before, g=c.gad7, aff=r.choice(["affect blunted", "affect brighter", "tearful x2", "euthymic"]), risk=r.choice(["-SI/HI.", "denies SI/HI, C-SSRS neg.", "+passive SI, -plan/intent, safety plan reviewed, 988 given."]))
    b.f("A: {dx} - {course}.\n", dx=c.dx[0], course=r.choice(["improving", "stable", "worse", "partial response"]))
    b.f("P: cont {m} q{f}wk; {medline}RTC {d}.", m=r.choice(MODALITIES), f=r.choice(["1", "2"]), medline=f"{c.meds[0]} per psych; " if c.meds else "", d=c.d(c.later(6, 15), r.choice(["md", "month_day", "us_short"])))
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
    b.add(scores_line(c), ".")
    b.f("\nA: {n}'s progress toward goals is {prog}. {risk}", n=c.name(style=r.choice(["first", "title", "initials"])), prog=r.choice(["slow but steady", "limited this month", "good"]), risk=risk_line(c))
    b.f("\nP: {plan} Next appt {d}.", plan=plan_line(c), d=c.d(c.later(5, 14), r.choice(["md", "month_day", "us"])))
    if p.gender == "n":
        b.add(" Use they/them in all correspondence.")
    write_signature(b, c)


def write_dap(b: DocBuilder, c: Case) -> None:
    """Append a DAP (data, assessment, plan) progress note: a plain one, or one organised around treatment-plan goals."""
    r = c.r
    if r.random() < 0.4:
        _dap_goals(b, c)
        return
    write_header(b, c, r.choice(["DAP Progress Note", "Progress note - DAP format"]))
    b.add("\nData: ")
    _progress_subjective(b, c)
    b.add(scores_line(c), ".")
    b.add("\nAssessment: ", r.choice(["Client is engaged and making gradual progress toward goal 2.", "Limited progress; avoidance remains high.", "Pt presented w/ restricted affect; sx consistent with dx."]), " ", risk_line(c))
    b.add("\nPlan: ", plan_line(c))
    if r.random() < 0.5:
        b.f(" Call {who} at {ph} to coordinate.", who=c.prov(c.psychiatrist), ph=V("PHONE", fake_phone(r, c.state[2])))
    write_signature(b, c)


def write_birp(b: DocBuilder, c: Case) -> None:
    """Append a BIRP (behaviour, intervention, response, plan) progress note."""
    r = c.r
    p = c.client
    write_header(b, c, r.choice(["BIRP Note", "Behavioral Health Progress Note (BIRP)"]))
    b.add("\nB (behavior): ")
    _progress_subjective(b, c)
    if r.random() < 0.5:
        b.add("\nI (intervention): ", r.choice(["Clinician used ", "Provided ", "Reviewed "]), r.choice(MODALITIES), " interventions; ", r.choice(["practiced paced breathing", "built a coping card", "reviewed sleep hygiene", "role-played assertive requests"]), ".")
    else:
        b.add("\nI (interventions):\n")
        for item in r.sample(["- validated frustration re: " + r.choice(["housing", "court", "custody"]), "- " + r.choice(MODALITIES) + ": identified automatic thoughts", "- psychoeducation on " + r.choice(["panic cycle", "sleep", "alcohol and mood", "grief"]), "- reviewed safety plan (988, 911, supports)", "- MI re: " + r.choice(["cannabis use", "med adherence", "attending AA"])], 3):
            b.add(item, "\n")
        b.add("Pt's homework from last week: ", r.choice(["done", "partly done", "not done - discussed barriers"]), ".")
    b.f("\nR (response): {n} {resp}. {risk}", n=c.name(style=r.choice(["first", "title"])), resp=r.choice(["engaged well", "was guarded but participated", "identified two triggers", "was tearful, then calmer"]), risk=risk_line(c))
    b.add("\nP (plan): ", plan_line(c))
    if r.random() < 0.3:
        b.f(" Transportation: {pro} car (plate {pl}) was impounded; case mgr to help.", pro=p.pro("p"), pl=V("VEHICLE", fake_plate(r)))
    write_signature(b, c)


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
    write_extras(b, c, r.choice([0, 1]))
    b.add(risk_line(c))


def write_group(b: DocBuilder, c: Case) -> None:
    """Append a group therapy note for the client: a narrative one, or one with an attendance roster."""
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
    line = common_word_line(c)
    if line:
        b.add(line)
    b.add("Skill taught: ", r.choice(["TIPP", "STOP skill", "urge surfing", "opposite action", "5-4-3-2-1 grounding"]), ". ")
    b.add(risk_line(c), "\n")
    b.add("Plan: continue weekly group; member to practice skill 3x before next group.")
    write_signature(b, c)


def write_couples_family(b: DocBuilder, c: Case) -> None:
    """Append a couples or family therapy session note (always family therapy for a client under 18)."""
    r = c.r
    p = c.client
    rl, rp = c.relatives[0]
    family = c.age < 18 or r.random() < 0.4
    title = "Family Therapy Note (90847)" if family else "Couples Session Note"
    write_header(b, c, title)
    if family and c.age >= 18:
        rl, rp = c.relatives[1]
    b.f("\nPresent: {n} (identified client), {rn} ({rl})", n=c.name(style="full"), rn=c.name(rp, "full"), rl=rl)
    if r.random() < 0.5:
        rl2, rp2 = c.relatives[-1]
        b.f(", and {rn2} ({rl2}) joined by phone from {city}", rn2=c.name(rp2, "full"), rl2=rl2, city=V("LOCATION", r.choice(CITIES)))
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
    line = common_word_line(c)
    if line:
        b.add(line)
    b.add("\nIPV screen: ", r.choice(["negative for both partners (screened separately)", "deferred - not safe to ask with both present; to screen individually", "negative"]), ". ")
    b.add(risk_line(c), "\n")
    b.add("Plan: ", r.choice(["homework - 10-minute daily check-in", "family meeting schedule", "each to list three appreciations"]), "; next conjoint session in 2 weeks.")
    write_signature(b, c)


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


def write_crisis_safety_plan(b: DocBuilder, c: Case) -> None:
    """Append a crisis assessment and safety plan, or the note of an after-hours crisis line contact."""
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
    b.f("{rn} ({rl}) called from {ph} and stayed with pt. ", rn=c.name(rp, r.choice(["full", "first"])), rl=rl, ph=V("PHONE", fake_phone(r, c.state[2])))
    b.add("C-SSRS (since last contact): wish to be dead - yes; active SI - yes; method - ", r.choice(["pills", "firearm", "cutting", "hanging"]), "; intent - ", r.choice(["no", "ambivalent"]), "; preparatory behavior - ", r.choice(["no", "yes (researched online)"]), ". ")
    b.add(r.choice(["Risk level: high.", "Risk level: moderate.", "Acute risk judged moderate; chronic risk elevated."]), "\n")
    b.add("\nSAFETY PLAN (Stanley-Brown)\n")
    b.add("1. Warning signs: ", r.choice(["not sleeping, isolating, thinking \"everyone is better off\"", "drinking alone, skipping meals", "staying in bed, ignoring texts"]), "\n")
    b.add("2. Internal coping: ", r.choice(["walk the dog, cold shower, playlist", "breathing 4-7-8, journaling, crochet", "TIPP skills, prayer"]), "\n")
    fr = c.someone()
    b.f("3. People/places for distraction: {fr} (friend), the library on {st}\n", fr=c.name(fr, "first"), st=V("LOCATION", f"{r.choice(STREETS)} {r.choice(['St', 'Ave'])}"))
    b.f("4. People to ask for help: {rn} {ph}; {fr2} {ph2}\n", rn=c.name(rp, "first"), ph=V("PHONE", fake_phone(r, c.state[2])), fr2=c.name(fr, "first"), ph2=V("PHONE", fake_phone(r, c.state[2], "local")))
    b.f("5. Professionals: {prov} {ph}; after hours call or text 988 (Suicide & Crisis Lifeline); emergency 911; {hosp} ED\n", prov=c.prov(style=r.choice(["full", "first"]) if not c.provider.dr else "dr_last"), ph=V("PHONE", c.clinic_phone), hosp=V("ORGANIZATION", c.hospital))
    b.add("6. Making the environment safer: ", r.choice([
        "firearm to be stored with brother-in-law; pt agreed",
        "medications locked; partner to hold",
        "pt gave blades to clinician",
    ]), ".\n")
    if "firearm" in b.text and r.random() < 0.6:
        b.f("Brother-in-law {bil} picked up the firearm on {d}; vehicle {v}.\n", bil=c.name(c.someone("m"), "full"), d=c.d(c.visit, "month_day"), v=V("VEHICLE", fake_plate(r)))
    b.add("\nDisposition: ", r.choice(["safety plan completed, pt to f/u tomorrow", "voluntary admission arranged", "mobile crisis team dispatched", "pt declined ED; family to monitor; next-day call scheduled"]), ". ")
    b.f("Follow-up call {d}.", d=c.d(c.later(1, 2), r.choice(["md", "long", "us"])))
    write_signature(b, c)


def _telehealth_audio(b: DocBuilder, c: Case) -> None:
    """A short audio-only telehealth note with a location/licensure check."""
    r = c.r
    other_state = r.choice([st for st in STATES if st != c.state])
    b.f("Telephone psychotherapy (audio-only, modifier 93) - {d}\nClient {n}, DOB {dob}, called from {ph}.\n\n", d=c.dd(c.visit), n=c.name(style="full"), dob=c.d(c.dob, "us"), ph=V("PHONE", c.phone))
    if r.random() < 0.5:
        b.f("Location check: pt is visiting family in {st2} this week ({city}). Clinician licensed in {st1} only; per {st2} rules and agency policy, session limited to check-in and safety planning. ", st2=other_state[0], city=V("LOCATION", r.choice(CITIES)), st1=c.state[0])
    else:
        b.f("Location check: pt at home ({addr}). ", addr=c.addr(r.choice(["full", "street_city"])))
    b.f("{n} reports {s}. ", n=c.name(style=r.choice(["first", "title"])), s=r.choice(c.dx[3]))
    write_extras(b, c, r.choice([0, 1]))
    b.add(risk_line(c), " ", scores_line(c), ".\n")
    b.f("Plan: video session {d}; if no answer, call emergency contact {ec} ({rl}) at {ph2}.", d=c.d(c.later(3, 10), r.choice(["md", "month_day"])), ec=c.name(c.relatives[0][1], r.choice(["first", "full"])), rl=c.relatives[0][0], ph2=V("PHONE", fake_phone(r, c.state[2])))
    write_signature(b, c)


def write_telehealth(b: DocBuilder, c: Case) -> None:
    """Append a telehealth session note, or a short audio-only one."""
    r = c.r
    if r.random() < 0.35:
        _telehealth_audio(b, c)
        return
    write_header(b, c, r.choice(["Telehealth Psychotherapy Note", "Video Visit - Behavioral Health", "Telemental health session (POS 10, modifier 95)"]))
    b.f("\nModality: {m}. Pt located at {loc}; clinician at {org} office. Identity verified with name and DOB ({dob}). ",
        m=r.choice(["HIPAA-compliant video", "audio-only (video failed)", "video via portal"]),
        loc=r.choice([["home, ", V("LOCATION", c.street), ", ", V("LOCATION", c.city)], ["parked car outside work (", V("ORGANIZATION", c.employer), ")"] if c.age < 70 else ["assisted-living apartment at ", V("ORGANIZATION", "Summit Ridge Assisted Living")], ["daughter's house in ", V("LOCATION", r.choice(CITIES)), ", ", c.state[0]]]),
        org=V("ORGANIZATION", c.clinic), dob=c.d(c.dob, "us"))
    b.f("Emergency contact confirmed: {rn} {ph}. ", rn=c.name(c.relatives[0][1], "first"), ph=V("PHONE", fake_phone(r, c.state[2])))
    if r.random() < 0.6:
        b.f("Session log: client IP {ip}, link {u}. ", ip=V("IP_ADDRESS", fake_ip(r)), u=V("URL", f"https://telehealth.example.com/room/{random_alnum(r, 8).lower()}"))
    if c.age > 89:
        b.f("At {a}, pt needed help from aide {aide} to set up the camera; hearing aid serial {ds} was whistling. ", a=c.age_items(style="age"), aide=c.name(c.someone(), "first"), ds=V("DEVICE", fake_device(r)[1]))
    b.add("\n\n")
    _progress_subjective(b, c)
    b.add(scores_line(c), ". ", risk_line(c), "\n")
    b.add(plan_line(c), " Pt consented to telehealth; knows to call 911 if connection drops during a crisis.")
    if r.random() < 0.3:
        b.f(" Pt is licensed to drive; DL {dl} noted for ID per agency policy.", dl=V("LICENSE", fake_drivers_license(r)))
    write_signature(b, c)


def _school_log(b: DocBuilder, c: Case) -> None:
    """A counsellor's running contact log: several dated, terse entries."""
    r = c.r
    p = c.client
    b.f("CONFIDENTIAL - counselor working notes (not part of the educational record)\n{n}, gr {g}, {school}\n", n=c.name(style=r.choice(["full", "lastfirst"])), g=max(5, c.age - 5), school=V("ORGANIZATION", c.school))
    day = c.visit - timedelta(days=r.randint(20, 40))
    mom, dad, fr = c.rel("mother"), c.rel("father"), c.rel("friend")
    entries = [
        lambda: b.f("{who} stopped by, upset about {fr}. Listened; {pro_s} calmed after 15 min.", who=c.name(style="first"), fr=c.name(fr, "first"), pro_s=p.pro("s")),
        lambda: b.f("Email from mom ({m}, {em}) - worried about sleep and phone use.", m=c.name(mom, "first"), em=V("EMAIL", fake_email(r, mom))),
        lambda: b.f("Check-in. Grades slipping in {subj}. {n}'s {sib_role} {sib} is a senior here.", subj=r.choice(["math", "chemistry", "English"]), n=c.name(style="first"), sib_role=r.choice(["brother", "sister"]) if c.rel("sibling").gender == "n" else ("sister" if c.rel("sibling").gender == "f" else "brother"), sib=c.name(c.rel("sibling"), "first")),
        lambda: b.f("Phone call w/ dad {d2} ({ph}); agreed to outside referral; gave list incl. {clinic}.", d2=c.name(dad, r.choice(["title", "full"])), ph=V("PHONE", fake_phone(r, c.state[2])), clinic=V("ORGANIZATION", c.clinic)),
        lambda: b.f("ASQ screen after essay mentioned \"not being around\". Non-acute positive. Parent ({m}) notified same day; safety plan; 988 card.", m=c.name(mom, "full")),
        lambda: b.f("Peer conflict w/ {o} mediated with AP {ap}.", o=c.name(c.someone(), "full"), ap=[r.choice(["Mr. ", "Ms. "]), V("NAME", r.choice(LAST_NAMES))]),
        lambda: b.f("Student ID {sid} flagged for attendance (9 absences).", sid=V("OTHER_ID", f"S{random_digits(r, 7)}")),
        lambda: b.add(r.choice(["Lunch bunch group, week 3.", "Brief check-in, doing \"fine\".", "Missed appt - on field trip."])),
    ]
    for fn in r.sample(entries, r.randint(4, 6)):
        day += timedelta(days=r.randint(2, 9))
        b.f("\n{d} - ", d=c.d(day, r.choice(["md", "md", "us_short", "month_day"])))
        fn()
    b.f("\n\n- {ini}", ini=c.prov(style=r.choice(["initials", "first"])))


def write_school_counsellor(b: DocBuilder, c: Case) -> None:
    """Append a school counsellor's note about a student, or a running contact log."""
    r = c.r
    p = c.client
    if r.random() < 0.4:
        _school_log(b, c)
        return
    sid = f"S{random_digits(r, 7)}"
    b.f("{school} - Counseling Office\nStudent: {n}   Grade {g}   Student ID {sid}\nDate: {d}\n", school=V("ORGANIZATION", c.school), n=c.name(style="full"), g=max(5, c.age - 6 + r.randint(0, 1)), sid=V("OTHER_ID", sid), d=c.d(c.visit, r.choice(["us", "us_short", "long"])))
    b.f("Referred by: {t} ({subj} teacher)\n\n", t=[r.choice(["Mr. ", "Ms. ", "Mrs. "]), V("NAME", r.choice(LAST_NAMES))], subj=r.choice(["math", "science", "English", "PE", "homeroom"]))
    b.f("{n} ({age}) came in during {per} period {why}. ", n=c.name(style="first"), age=c.age_items(style="age"), per=r.choice(["2nd", "4th", "lunch", "6th"]), why=r.choice(["after crying in class", "asking to talk about friends", "sent by nurse after stomach ache", "after a fight in the hallway"]))
    fr = c.rel("friend")
    b.f("Said {fr} and other kids posted about {pro} on {u}. ", fr=c.name(fr, r.choice(["first", "full"])), pro=p.pro("o"), u=V("URL", fake_url(r, fr)))
    line = common_word_line(c)
    if line:
        b.add(line)
    b.add("Screen: ", r.choice(["ASQ negative", "ASQ positive (non-acute) - parent notified", "PHQ-A 11"]), ". ")
    mom = c.rel("mother")
    b.f("Called {m} ({mt}) at {ph}; ", m=c.name(mom, r.choice(["title", "full"])), mt="mother", ph=V("PHONE", fake_phone(r, c.state[2])))
    b.f("she will pick {pro} up at {t}. ", pro=p.pro("o"), t=f"{r.randint(1, 3)}:{r.choice(['00', '15', '30'])}")
    if r.random() < 0.4:
        b.f("504 plan meeting {d}; dad ({fa}) prefers email {em}. ", d=c.d(c.later(3, 20), r.choice(["md", "month_day", "us"])), fa=c.name(c.rel("father"), "first"), em=V("EMAIL", fake_email(r, c.rel("father"))))
    b.add("Plan: check in weekly; referral to outside counseling (", c.dx[2], " suspected - not diagnosed by school). ")
    b.add("Reminded student of 988 and the district's anonymous reporting line.")
    b.f("\n\n{p}, School Counselor", p=c.prov(style="full"))


#: The builder of each kind in this module, by kind name.
BUILDERS: dict[str, Callable[[DocBuilder, Case], None]] = {
    "intake": write_intake,
    "soap": write_soap,
    "dap": write_dap,
    "birp": write_birp,
    "group": write_group,
    "couples_family": write_couples_family,
    "crisis_safety_plan": write_crisis_safety_plan,
    "telehealth": write_telehealth,
    "school_counsellor": write_school_counsellor,
}
