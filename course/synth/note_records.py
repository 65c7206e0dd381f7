"""Builders of the documents kept around care rather than of one contact.

Discharge summary, referral letter, client portal message, supervision or consultation
log and insurance prior-authorisation: one ``write_<kind>(b, case)`` per kind (each with
two or three layouts), which appends the document to a
:class:`~course.synth._text.DocBuilder`. :data:`BUILDERS` maps the kind names of
:data:`course.synth.notes.KINDS` to them.
"""

from __future__ import annotations

from collections.abc import Callable

from ._text import DocBuilder, V
from .identities import (
    CITIES,
    COMMON_WORD_NAMES,
    HOSPITALS,
    MODALITIES,
    STREET_TYPES,
    STREETS,
    fake_email,
    fake_ip,
    fake_npi,
    fake_other_id,
    fake_phone,
    fake_professional_license,
    fake_provider,
    fake_url,
    random_alnum,
    random_digits,
)
from .note_case import (
    Case,
    common_word_line,
    mse_line,
    risk_line,
    scores_line,
    write_extras,
    write_signature,
)

__all__ = [
    "BUILDERS",
    "write_discharge_summary",
    "write_insurance_preauth",
    "write_portal_message",
    "write_referral_letter",
    "write_supervision",
]


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
    write_extras(b, c, r.choice([0, 1]))
    c.sec(b, "Condition at discharge")
    b.add(mse_line(c), " ", risk_line(c))
    c.sec(b, "Discharge diagnoses")
    b.add(f"{c.dx[0]} - {c.dx[2]}")
    c.sec(b, "Follow-up")
    b.f("Outpatient therapy with {pr} at {clinic} on {d} at 2:00 pm ({ph}). PCP {pcp}. Crisis: 988.", pr=c.prov(), clinic=V("ORGANIZATION", c.clinic), d=c.d(c.later(3, 7), r.choice(["md", "long", "us"])), ph=V("PHONE", c.clinic_phone), pcp=c.prov(c.pcp))
    b.f("\n\nDictated by {ps}; transcribed {d}.", ps=c.prov(c.psychiatrist, "dr_full" if c.psychiatrist.dr else "full_cred"), d=c.d(c.later(0, 2), "us"))


def write_discharge_summary(b: DocBuilder, c: Case) -> None:
    """Append a discharge summary: an inpatient one with headed sections, or a shorter summary of an episode of care."""
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
    b.add("\nCourse: ", "Pt attended ", str(r.randint(6, 40)), " sessions of ", r.choice(MODALITIES), ". ")
    b.f("PHQ-9 went from {a} at intake to {b2} at discharge. ", a=str(min(27, c.phq9 + r.randint(4, 10))), b2=str(c.phq9))
    if c.meds:
        b.f("Meds managed by {psy}: {m}. ", psy=c.prov(c.psychiatrist), m=", ".join(c.meds))
    line = common_word_line(c)
    if line:
        b.add(line)
    if c.age > 89:
        b.f("At {a}, {n} is the oldest client in the program; daughter {dd} assists with transport. ", a=c.age_items(style="age"), n=c.name(style="title"), dd=c.name(c.someone("f", c.client.last), "first"))
    b.add("\nReason for discharge: ", r.choice(["goals met", "pt moved to Arizona", "insurance change", "pt stopped attending after three no-shows", "transfer to higher level of care"]), ".\n")
    b.add("\nRisk at discharge: ", risk_line(c), "\n")
    b.f("\nAftercare: f/u with {pcp} ({ph}) within 2 wks; {res}. Copy sent to {fax} (fax).\n",
        pcp=c.prov(c.pcp), ph=V("PHONE", fake_phone(r, c.state[2])), res=r.choice(["NAMI family group", "AA meetings", "988 for crisis", "SMART Recovery"]), fax=V("FAX", fake_phone(r, c.state[2])))
    write_signature(b, c)


def _referral_email(b: DocBuilder, c: Case) -> None:
    """A short referral by secure e-mail to a colleague."""
    r = c.r
    p = c.client
    to = fake_provider(r, r.choice(["LCSW", "LMFT", "PsyD", "PhD"]), c.used)
    b.f("To: {to_em}\nCc: {cc_em}\nSubject: [secure] referral - {ini}\nDate: {d}\n\n", to_em=V("EMAIL", fake_email(r, to, r.choice(["secure.example.org", "example.net"]))), cc_em=V("EMAIL", fake_email(r, c.staff, f"{c.clinic.split()[0].lower()}.example.org")), ini=c.name(style="initials"), d=c.d(c.visit, r.choice(["abbr", "long", "us"])))
    b.f("Hi {to},\n\nThanks for taking this one. {n} ({age}, {pron}) is looking for {what}. ", to=[V("PROVIDER", to.first)], n=c.name(style="first"), age=c.age_items(style=r.choice(["yo", "y_o"])), pron={"f": "she/her", "m": "he/him", "n": "they/them"}[p.gender], what=r.choice(["a Spanish-speaking therapist", ["someone in-network with ", V("ORGANIZATION", c.payer)], "EMDR for a 2022 car accident", "a DBT program with a skills group"]))
    b.f("I've seen {pro_o} since {since}; {dx} ({code}), {scores}. ", pro_o=p.pro("o"), since=c.d(c.days(100, 500), r.choice(["month_year", "long"])), dx=c.dx[2], code=c.dx[0], scores=scores_line(c))
    b.f("Best number is {ph}. Insurance {payer}, ID {pid}. ROI attached.\n\n", ph=V("PHONE", c.phone), payer=V("ORGANIZATION", c.payer), pid=V("HEALTH_PLAN", c.plan_id))
    b.f("Thanks,\n{me}\n{org} | {ph} | fax {fax}", me=c.prov(style="full_cred"), org=V("ORGANIZATION", c.clinic), ph=V("PHONE", c.clinic_phone), fax=V("FAX", c.clinic_fax))


def write_referral_letter(b: DocBuilder, c: Case) -> None:
    """Append a referral to another clinician: a letter on the clinic's letterhead, or a short secure e-mail."""
    r = c.r
    p = c.client
    if r.random() < 0.35:
        _referral_email(b, c)
        return
    to = fake_provider(r, r.choice(["MD", "PhD", "PsyD", "LCSW"]), c.used)
    b.f("{org}\n{addr}\nPhone {ph} | Fax {fax}\n\n", org=V("ORGANIZATION", c.clinic), addr=[V("LOCATION", f"{r.randrange(100, 990)} {r.choice(STREETS)} {r.choice(STREET_TYPES)}"), ", Suite ", str(r.randrange(100, 400)), ", ", V("LOCATION", c.city), ", ", c.state[1], " ", V("LOCATION", c.zip)], ph=V("PHONE", c.clinic_phone), fax=V("FAX", c.clinic_fax))
    b.f("{d}\n\n", d=c.d(c.visit, r.choice(["long", "eu", "abbr_dot"])))
    b.f("{to}\n{org2}\n\nRe: {n}, DOB {dob}\n\n", to=c.prov(to, "dr_full" if to.dr else "full_cred"), org2=V("ORGANIZATION", r.choice(HOSPITALS)), n=c.name(style="full"), dob=c.d(c.dob, r.choice(["us", "long"])))
    b.f("Dear {to},\n\n", to=["Dr. ", V("PROVIDER", to.last)] if to.dr else [V("PROVIDER", to.first)])
    b.f("I am writing to refer {n}, a {age} client I have seen since {since} for {dx}. ", n=c.name(style="title"), age=c.age_items(style="year_old"), since=c.d(c.days(120, 700), r.choice(["month_year", "long"])), dx=c.dx[2])
    b.f("{pro} {reason}. ", pro=p.pro("s").capitalize(), reason=r.choice([
        "would benefit from a medication evaluation" if p.gender != "n" else "would benefit from a medication evaluation",
        "needs a higher level of care (IOP) than weekly outpatient therapy",
        "has asked for a clinician who specializes in EMDR",
        "is moving and needs continuity of care",
    ]))
    b.add("Current scores: ", scores_line(c), ". ")
    if c.meds:
        b.add("Current medications: ", "; ".join(c.meds), ". ")
    if r.random() < 0.4:
        label, value = fake_other_id(r)
        b.f("Please reference {l} {v} on correspondence. ", l=label, v=V("OTHER_ID", value))
    b.f("{n}'s preferred contact is {ph} or {em}; {pro_s} has consented to this referral (ROI dated {d}).\n\n",
        n=c.name(style="first"), ph=V("PHONE", c.phone), em=V("EMAIL", c.email), pro_s=p.pro("s"), d=c.d(c.days(1, 20), "us"))
    b.add("Sincerely,\n\n")
    b.f("{p}\n{org}\n", p=c.prov(style="full_cred"), org=V("ORGANIZATION", c.clinic))
    if r.random() < 0.5:
        b.f("NPI {npi} | {em}\n", npi=V("OTHER_ID", fake_npi(r)), em=V("EMAIL", fake_email(r, c.provider, f"{c.clinic.split()[0].lower()}.example.org")))


def write_portal_message(b: DocBuilder, c: Case) -> None:
    """Append a message from the client through the client portal (one of seven topics), sometimes with a staff reply."""
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
    b.f("From: {em}\nTo: {pem}\nSent: {d} {t}\nSubject: {s}\n\n", em=V("EMAIL", c.email), pem=V("EMAIL", fake_email(r, c.provider, f"{c.clinic.split()[0].lower()}.example.org")), d=c.d(c.visit, r.choice(["us", "abbr", "long"])), t=f"{r.randint(1, 12)}:{r.randrange(60):02d} {r.choice(['AM', 'PM'])}", s=subj)
    if r.random() < 0.35:
        b.f("[portal audit: login from {ip}, device id {dev}]\n\n", ip=V("IP_ADDRESS", fake_ip(r)), dev=V("DEVICE", f"{random_alnum(r, 8).lower()}-{random_alnum(r, 4).lower()}"))
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
        b.f("I started the {m} that {psy} prescribed on {d} and I feel kind of dizzy. Is that normal? My pharmacy is the one on {st}.", m=c.meds[0].split(" ")[0] if c.meds else "sertraline", psy=c.prov(c.psychiatrist, "dr_last" if c.psychiatrist.dr else "first"), d=c.d(c.days(2, 10), r.choice(["md", "month_day", "us_short"])), st=V("LOCATION", f"{r.choice(STREETS)} {r.choice(['St', 'Ave', 'Rd'])}"))
    elif body == 2:
        rl, rp = c.pick_rel()
        b.f("Things have been hard since {rn} moved out. I haven't been sleeping. I'm not going to do anything but I wanted you to know before {d}. I can be reached at {ph}.", rn=c.name(rp, "lower" if lower else "first"), d=c.d(c.later(1, 7), r.choice(["md", "month_day"])), ph=V("PHONE", c.phone))
    elif body == 4:
        b.f("{o} the form {pr2} gave me says you use an AI program that listens to our sessions and writes the notes. {q} I signed it on {d} but I didn't really read it. Does it go to {org} or some company? Can I say no and still see you?",
            o="so" if lower else "Hi again,", pr2=c.prov(c.staff, "lower" if False else "first") if r.random() < 0.5 else "the front desk", q=r.choice(["I'm not comfortable with that after what happened with my ex.", "Who hears the recording?", "is that why you were typing less??"]),
            d=c.d(c.days(3, 20), r.choice(["md", "month_day", "us_short"])), org=V("ORGANIZATION", c.payer))
    elif body == 5:
        b.f("My manager at {emp} needs a letter saying I was in treatment from {a} to {b2}. Can you fax it to HR at {fax}, attn {hr}? Please don't put my diagnosis in it.",
            emp=V("ORGANIZATION", c.employer), a=c.d(c.days(40, 90), r.choice(["md", "us"])), b2=c.d(c.days(1, 20), r.choice(["md", "us"])), fax=V("FAX", fake_phone(r, c.state[2])), hr=c.name(c.someone(), r.choice(["full", "first"])))
    elif body == 6:
        fr = c.someone()
        b.f("my friend {f} has been posting stuff like \"soon none of this will matter\" and giving away {pro} things. {pro_s} lives at {st} in {city} with nobody. I don't know what to do, should I call someone? I texted 988 but I wanted to ask you too.",
            f=c.name(fr, "lower" if lower else "first"), pro=fr.pro("p"), pro_s=fr.pro("s").capitalize(), st=V("LOCATION", f"{r.randrange(10, 999)} {r.choice(STREETS)} {r.choice(STREET_TYPES)}"), city=V("LOCATION", r.choice(CITIES)))
    else:
        b.f("The insurance sent me a letter saying claim {cl} was denied. My member ID is {pid} and my account number with you is {acct}. Can someone at billing call me?", cl=V("OTHER_ID", f"CLM{random_digits(r, 10)}"), pid=V("HEALTH_PLAN", c.plan_id), acct=V("ACCOUNT", c.account))
    if body in (0, 2) and r.random() < 0.5:
        b.f("\nps here's the video I mentioned {u}", u=V("URL", fake_url(r, p)))
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
    b.f("\n2. {pr} presented {ini} - duty-to-protect question; pt named an ex-partner, {ex}, and mentioned {pro} address on {st}. ", pr=c.prov(c.supervisor, "first"), ini=V("NAME", other.initials), ex=c.name(c.someone(), "full"), pro=r.choice(["her", "his", "their"]), st=V("LOCATION", f"{r.choice(STREETS)} {r.choice(STREET_TYPES)}"))
    b.add(r.choice(["Threshold not met; increase frequency, safety plan.", "Consulted attorney hotline; documented rationale."]))
    b.f("\n\nNext meeting {d}. CE hours: 1.5.", d=c.d(c.later(14, 30), r.choice(["md", "month_day", "long"])))


def write_supervision(b: DocBuilder, c: Case) -> None:
    """Append a clinical supervision log, or the minutes of a peer consultation group."""
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
    line = common_word_line(c)
    if line:
        b.add(line)
    b.add("Recommendations: ", r.choice(["consult state board rules (Oregon) and agency policy", "increase session frequency; re-screen with C-SSRS", "document rationale; consult ethics committee", "review APA Ethics Code 4.05 with pt"]), ". ")
    b.add("Supervisee hours this month: ", str(r.randint(2, 8)), " (toward LCSW licensure). ")
    b.f("Next supervision {d}.", d=c.d(c.later(6, 15), r.choice(["md", "us", "month_day"])))
    b.f("\n\nSupervisor license: {lic}", lic=V("LICENSE", fake_professional_license(r, c.supervisor.cred)))


def _preauth_call(b: DocBuilder, c: Case) -> None:
    """Notes from a concurrent-review phone call with the payer."""
    r = c.r
    b.f("Utilization review call - {d} {t}\nPayer: {payer}   Reviewer: {rv}, RN (ext. {ext})   Ref #: {ref}\nMember: {n}   ID {pid}   DOB {dob}\n\n",
        d=c.dd(c.visit), t=f"{r.randint(9, 16)}:{r.randrange(60):02d}", payer=V("ORGANIZATION", c.payer), rv=c.name(c.someone(), "full"), ext=r.randint(2000, 4999), ref=V("OTHER_ID", f"UR-{random_digits(r, 7)}"),
        n=c.name(style=r.choice(["full", "lastfirst"])), pid=V("HEALTH_PLAN", c.plan_id), dob=c.dd(c.dob))
    b.f("Requested {k} more sessions of {m} ({cpt}). Reviewer asked for current PHQ-9 ({phq}) and functional status. ", k=r.choice([6, 8, 12]), m=r.choice(MODALITIES), cpt=r.choice(["90837", "90834"]), phq=c.phq9)
    b.add(r.choice([
        "Approved 8 units through end of quarter. ",
        "Pended for peer-to-peer with medical director. ",
        "Denied: does not meet criteria; appeal rights explained. ",
    ]))
    b.f("Reviewer noted pt's prior auth at {org} in {yr}. ", org=V("ORGANIZATION", r.choice(HOSPITALS)), yr=str(c.visit.year - r.randint(1, 6)))
    b.f("Fax clinical summary to {fax}.\n-- {me}", fax=V("FAX", fake_phone(r, c.state[2])), me=c.prov(style=r.choice(["full", "initials"])))


def write_insurance_preauth(b: DocBuilder, c: Case) -> None:
    """Append a prior-authorisation request to the client's payer, or notes from a utilisation-review call."""
    r = c.r
    if r.random() < 0.35:
        _preauth_call(b, c)
        return
    b.f("PRIOR AUTHORIZATION REQUEST - OUTPATIENT BEHAVIORAL HEALTH\nTo: {payer} Utilization Management   Fax: {fax}\n\n", payer=V("ORGANIZATION", c.payer), fax=V("FAX", fake_phone(r, c.state[2], "dash")))
    b.f("Member name: {n}\nMember ID: {pid}\nDOB: {dob}\nAddress: {addr}\nPhone: {ph}\n", n=c.name(style=r.choice(["lastfirst", "full"])), pid=V("HEALTH_PLAN", c.plan_id), dob=c.d(c.dob, r.choice(["us", "iso", "dmy_abbr"])), addr=c.addr("full"), ph=V("PHONE", c.phone))
    if r.random() < 0.5:
        b.f("Subscriber: {sub} (relationship: {rl})\n", sub=c.name(c.relatives[0][1], "lastfirst"), rl=c.relatives[0][0])
    b.f("\nRendering provider: {p}    NPI: {npi}\nPractice: {org}, Tax ID on file\n", p=c.prov(style="full_cred"), npi=V("OTHER_ID", fake_npi(r)), org=V("ORGANIZATION", c.clinic))
    b.add("\nDx: ", c.dx[0], " - ", c.dx[2], "\n")
    b.f("Requested: {k} units CPT {cpt} from {s} to {e}\n", k=r.randint(8, 24), cpt=r.choice(["90837", "90834", "90847", "90853"]), s=c.d(c.visit, "us"), e=c.d(c.later(80, 120), "us"))
    b.add("\nClinical rationale: ", r.choice([
        "Pt continues to meet medical necessity: ", "Sx remain functionally impairing: ", "Despite 12 sessions, sx persist: ",
    ]), ", ".join(c.dx[3][:2]), ". ", scores_line(c), ". ")
    if c.meds:
        b.add("On ", c.meds[0], ". ")
    b.add("Functional impairment: ", r.choice(["missed 6 days of work in past month", "unable to drive on freeway", "withdrawn from family roles"]), ".\n")
    b.f("Previous auth {ref} expired {d}.\n", ref=V("OTHER_ID", f"PA{random_digits(r, 8)}"), d=c.d(c.days(1, 20), "us"))
    b.f("\nContact for peer-to-peer: {p} at {ph}", p=c.prov(style="full"), ph=V("PHONE", c.clinic_phone))


#: The builder of each kind in this module, by kind name.
BUILDERS: dict[str, Callable[[DocBuilder, Case], None]] = {
    "discharge_summary": write_discharge_summary,
    "referral_letter": write_referral_letter,
    "portal_message": write_portal_message,
    "supervision": write_supervision,
    "insurance_preauth": write_insurance_preauth,
}
