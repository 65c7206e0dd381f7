"""Word lists the de-identifier relies on: terms never to hide (measures, codes,
credentials, medicines, US states), names that are also everyday words, and the words
that give a note its structure (relations, titles, staff roles, organisation heads)."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["ALLOW_LIST", "COMMON_WORD_NAMES", "allow_list"]

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

