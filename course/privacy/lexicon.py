"""Word lists the de-identifier relies on: terms never to hide (measures, codes,
credentials, medicines, US states), names that are also everyday words, and the words
that give a note its structure (relations, titles, staff roles, organisation heads).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

__all__ = [
    "ALLOW_LIST",
    "MEASURES",
    "COMMON_WORD_NAMES",
    "DESCRIPTORS",
    "KIN_AND_TITLES",
    "VEHICLE_MAKES",
    "STATE_NAMES",
    "allow_list",
    "countries_and_languages",
]

#: Words that look like identifiers to a generic tool but are not: measures and their
#: scores, codes, credentials, modalities, services. Kept, never redacted.
ALLOW_LIST = frozenset(
    s.lower()
    for s in """
    PHQ-9 PHQ9 PHQ GAD-7 GAD7 GAD C-SSRS CSSRS Columbia PCL-5 PCL AUDIT AUDIT-C DAST DAST-10 MDQ
    ASRS BDI BDI-II BAI YBOCS Y-BOCS EPDS ACE ACEs MoCA MMSE CAGE CRAFFT ORS SRS K10 WHODAS
    DSM DSM-5 DSM-5-TR ICD ICD-10 ICD-10-CM CPT HCPCS GAF DAP SOAP BIRP MSE SI HI SI/HI AVH A/V
    Pt pt c/o w/ h/o hx dx tx rx sx f/u RTC NKDA WNL
    MD DO PhD PsyD LCSW LICSW LMSW LPC LPCC LMHC LMFT MFT LCPC LCADC CADC NP PMHNP APRN RN BSN
    MSW MA MS MEd EdD BCBA CRC PA PA-C
    CBT DBT ACT EMDR IPT MI CPT-PTSD PE TF-CBT CPP PCIT ERP MBCT IFS EFT CFT
    988 911 HIPAA BAA EHR EMR IOP PHP ED ER CMHC PRN BID TID QHS QD QAM mg mcg
    Sertraline Zoloft Fluoxetine Prozac Escitalopram Lexapro Citalopram Celexa Paroxetine Paxil
    Bupropion Wellbutrin Venlafaxine Effexor Duloxetine Cymbalta Mirtazapine Remeron Trazodone
    Quetiapine Seroquel Aripiprazole Abilify Risperidone Risperdal Olanzapine Zyprexa
    Lithium Lamotrigine Lamictal Valproate Depakote Clonazepam Klonopin Lorazepam Ativan
    Alprazolam Xanax Hydroxyzine Vistaril Buspirone Buspar Prazosin Methylphenidate Ritalin
    Adderall Atomoxetine Strattera Naltrexone Buprenorphine Suboxone Gabapentin Propranolol
    Melatonin Vyvanse Concerta Guanfacine Clonidine
    Telehealth Zoom Medicaid Medicare DOB MRN ID SSN NPI DEA DL VIN IMEI Fax Phone Email Tel Cell
    Plan Member Account Acct Policy Group Insurance Subscriber Serial Client Patient Provider
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    Dear Dr Dr. Mr Mr. Mrs Mrs. Ms Ms. Mx Miss Prof
    Supervisor Supervisee Counselor Counsellor Clinician Therapist Psychiatrist Prescriber Contact Format
    Electronically Signed Aftercare Skill Skills Note Notes Progress Therapy Psychotherapy Individual
    Couples Session Summary Assessment Intake Discharge Referral Reason Data Response Behavior Behaviour
    Intervention Interventions Subjective Objective Speech Mood Affect Risk Safety Dx Diagnosis Impression
    History Crisis Lifeline Suicide Relapse Prevention Seeking Stanley-Brown Gottman NAMI ASQ APA AI
    Ethics PMHNP-BC LADC Modality Present Plan Goals Goal Homework Mindfulness Grounding Coping Worksheet
    Chief Complaint Presenting Problem Identifying Information Mental Status Exam Screening Substance
    Use Medications Meds Allergies Strengths Barriers Recommendations Disposition Follow-up Signature
    Date Time Location Duration Minutes Telehealth Video Audio Consent Emergency Hotline Text Line
    Esq Esq. JD CEAP CNA CPS CRC CADC-II LICDC LICDC-CS LCDC RD RDN OT OTR PT DPT SLP BCBA-D NCC CRNP PMHNP-BC
    PCP ED EMS CSU ICU CAM CAM-ICU UDS BAC BMP CBC TSH ANC A1c HbA1c MDD GAD PTSD OCD ADHD ASD SUD AUD OUD MOUD MAT
    THC IV PO IM SL XR ER SR XL ODT LAI EPS NMS HR BP RR Wt Ht BMI SpO2 FMLA ADA ESA IEP ROI MOU HCPOA POA
    AA NA GA SMART CoDA OB GYN OB/GYN ENT GI HIV STI UTI TBI CPR AED NAC ASL CDI NIC RID CART VRS VRI
    M.A. M.S. Ph.D. M.D. Psy.D. M.Ed. M.S.W. Ed.D. R.N. M.A M.S Ph.D M.D Psy.D LPC-S LMSW-C CAP CASAC CRPS CPRS
    Mon Tue Tues Wed Thu Thur Thurs Fri Mon-Fri Mon-Thu M-F IP OP
    Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Hawaii Idaho
    Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota
    Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah
    Vermont Wisconsin Wyoming
    AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND
    OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC USA US U.S.
    """.split()
) | frozenset(
    s.lower()
    for s in (
        "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota",
        "Rhode Island", "South Carolina", "South Dakota", "West Virginia", "District of Columbia",
        "United States", "Washington State", "Washington, DC", "West Virginia State", "Virginia Beach", "Suicide & Crisis Lifeline", "Crisis Text Line", "Relapse Prevention Group",
        "Seeking Safety", "Progress Note", "Therapy Note", "Safety Plan",
    )
)
#: Names that are also everyday words: found again in a note only when capitalised.
COMMON_WORD_NAMES = frozenset(
    """
    hope grant will rose young dawn summer june may april august joy faith grace mark bill pat sue art
    guy ray rich sky river long price fox king hunter page miles drew chase bright little gay love star
    rain storm autumn winter frank earnest honor patience trinity destiny harmony iris lily daisy ivy
    jade pearl ruby violet forest brook hunter mason cook baker carter miller fisher porter ward stone
    hill wood lane rivers banks moody glass field west north south east light sage reed rush
    """.split()
)


def allow_list(extra: Iterable[str] = ()) -> frozenset[str]:
    """The course's allow list (lower-case), plus *extra* terms a practice adds."""
    return ALLOW_LIST | {e.strip().lower() for e in extra if e.strip()}



#: US states written out (abbreviations are in the allow list); kept on their own, and
#: part of an address only inside one.
STATE_NAMES = frozenset(
    s.lower()
    for s in (
        "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware",
        "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky",
        "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi",
        "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey", "New Mexico",
        "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania",
        "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont",
        "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming", "District of Columbia",
    )
)  # fmt: skip

#: Kinship words, titles and roles that stand before a name and are not part of it
#: ("Daughter Lily", "Uncle Sal", "Officer Brandt", "Chaplain Ruth").
KIN_AND_TITLES = frozenset(
    """
    mother mom mum mama father dad papa sister brother sibling wife husband spouse partner son daughter
    child aunt auntie uncle grandmother grandma granny nana nan gran grandfather grandpa granddad
    cousin niece nephew stepfather stepmother stepdad stepmom stepson stepdaughter stepsister stepbrother
    grandson granddaughter fiance fiancee boyfriend girlfriend ex friend roommate neighbor neighbour
    officer agent chaplain pastor father reverend rev sister brother coach nurse sergeant sgt detective
    judge attorney counselor counsellor principal teacher dean professor prof captain lieutenant
    dr mr mrs ms mx miss mister doctor dear hi hello hey
    """.split()
)

#: Makes of cars: a brand, and the model after it ("Toyota Tacoma"), is not a person, a place
#: or an organisation of the client's.
VEHICLE_MAKES = frozenset(
    """
    toyota honda ford chevrolet chevy dodge jeep ram gmc nissan subaru mazda hyundai kia volkswagen vw audi bmw
    mercedes mercedes-benz lexus acura infiniti tesla volvo buick cadillac chrysler lincoln mitsubishi porsche
    pontiac saturn mini fiat jaguar
    """.split()
)

#: Words that describe a department or a kind of service, not an identifiable organisation:
#: an "organisation" made only of these ("Internal Medicine", "Crisis Services") is a
#: unit of the one already named, not an identifier of its own.
DESCRIPTORS = frozenset(
    """
    internal medicine psychiatry psychology psychiatric psychological behavioral behavioural health mental
    social work services service management utilization utilisation review care coordination case
    emergency department dept unit ward floor inpatient outpatient intensive acute crisis geriatric
    child adolescent adult family pediatric paediatric pediatrics primary clinical counseling counselling
    office student students support programs program programme integrated consult consultation liaison
    substance use addiction recovery medical records billing accounts patient patients member members
    front desk intake admissions nursing pharmacy laboratory lab radiology neurology cardiology oncology
    obstetrics gynecology surgery general medicine community supervision probation parole court courts
    treatment team teams staff center centre clinic clinics hospital department division section
    coordinator consultant specialist manager director supervisor counselor counsellor therapist clinician
    assistant associate officer agent worker liaison navigator coach nurse reviewer advocate technician
    the of and for & on at in
    """.split()
)


@functools.lru_cache(maxsize=1)
def countries_and_languages() -> frozenset[str]:
    """Names of countries and languages (lower-case), from Babel's English locale data when
    it is installed: a country or a language is not a geographic identifier of a person
    (Safe Harbor removes only places smaller than a state).
    """
    names = {"america", "usa", "united states", "u.s.", "u.s.a.", "england", "scotland", "wales", "europe",
             "africa", "asia", "latin america", "middle east", "english", "spanish", "sign language"}
    try:
        from babel import Locale

        locale = Locale("en")
        for key, name in locale.territories.items():
            if not key.isdigit():
                names.add(name.lower())
        names.update(name.lower() for name in locale.languages.values())
    except Exception:  # noqa: BLE001 - Babel missing or without data: the short list above
        pass
    return frozenset(names)


#: Clinical measures and rating scales: a fraction after one of them is a score ("GAD7 5/21").
MEASURES = frozenset(
    s.lower()
    for s in """
    PHQ PHQ-9 PHQ9 PHQ-2 PHQ2 PHQ-A GAD GAD-7 GAD7 GAD-2 C-SSRS CSSRS PCL PCL-5 PCL5 AUDIT AUDIT-C DAST DAST-10
    MDQ ASRS BDI BDI-II BAI YBOCS Y-BOCS CY-BOCS EPDS ACE ACEs MoCA MMSE SLUMS CAGE CRAFFT ORS SRS K10 K6
    WHODAS GAF HAM-D HAMD HAM-A HAMA YMRS MADRS PDSS HTQ EDE-Q EDE PSS SUDS SUD CGI CGI-S PANSS AIMS BPRS
    CAPS CAPS-5 ISI ESS AQ SCARED RCADS SDQ PSC Vanderbilt CDI CDI-2 DERS FFMQ QIDS OCI OCI-R LEC PTQ WSAS
    score scores distress mood pain anxiety rating
    """.split()
)
