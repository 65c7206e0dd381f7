"""Capstone data: a fictional group practice piloting an ambient AI scribe.

* ``scribe_pilot``: the vendor's reported outputs from a three-month pilot, one row per
  session, with an injected gap in how well the scribe flags risk language by the
  client's primary language;
* ``capstone_practice``: the practice, the scribe vendor's due-diligence profile and the
  events of its first year (for the review plan).
"""

from __future__ import annotations

import random

from . import Dataset
from ._io import csv_text, json_text

__all__ = ["DATASETS", "PILOT_SEED", "LANGUAGES", "INJECTED", "generate_pilot", "build_pilot", "practice", "build_practice"]

PILOT_SEED = 707
N_SESSIONS = 900

#: Primary language -> share of sessions.
LANGUAGES = {"English": 0.62, "Spanish": 0.22, "Vietnamese": 0.09, "Haitian Creole": 0.07}

#: Injected rates per language: (P(risk language present), P(scribe flags | present),
#: P(scribe flags | absent), P(draft has a factual error)).
INJECTED = {
    "English": (0.18, 0.90, 0.04, 0.07),
    "Spanish": (0.18, 0.62, 0.04, 0.16),
    "Vietnamese": (0.18, 0.55, 0.04, 0.21),
    "Haitian Creole": (0.18, 0.50, 0.05, 0.24),
}

FIELDS = ["session_id", "month", "clinician", "primary_language", "language_group", "interpreter", "age_band",
          "risk_language_present", "scribe_flagged_risk", "draft_error_found"]


def generate_pilot(seed: int = PILOT_SEED, n: int = N_SESSIONS) -> list[dict]:
    """Pilot sessions with the injected effects in :data:`INJECTED`.

    ``risk_language_present`` is the clinician's judgement on review (ground truth);
    ``scribe_flagged_risk`` is what the scribe reported; ``draft_error_found`` says the
    clinician corrected a factual error in the draft.
    """
    if n < 40:
        raise ValueError("n should be at least 40 sessions")
    rng = random.Random(seed)
    langs, weights = list(LANGUAGES), list(LANGUAGES.values())
    rows = []
    for i in range(1, n + 1):
        lang = rng.choices(langs, weights=weights)[0]
        p_risk, tpr, fpr, p_err = INJECTED[lang]
        present = rng.random() < p_risk
        flagged = rng.random() < (tpr if present else fpr)
        rows.append({
            "session_id": f"P{i:04d}",
            "month": rng.choice(["2026-03", "2026-04", "2026-05"]),
            "clinician": f"C{rng.randint(1, 6)}",
            "primary_language": lang,
            "language_group": "English" if lang == "English" else "other language",
            "interpreter": "no" if lang == "English" else rng.choice(["yes", "no"]),
            "age_band": rng.choice(["18-25", "26-40", "41-64", "65+"]),
            "risk_language_present": int(present),
            "scribe_flagged_risk": int(flagged),
            "draft_error_found": int(rng.random() < p_err),
        })
    rows.sort(key=lambda r: (r["month"], r["session_id"]))
    return rows


def build_pilot(seed: int = PILOT_SEED, n: int = N_SESSIONS) -> str:
    """CSV text of :func:`generate_pilot`."""
    return csv_text(generate_pilot(seed, n), FIELDS)


def practice() -> dict:
    """The capstone practice, its scribe vendor's profile and the year's events."""
    return {
        "practice": "Cedar Grove Counseling Collective (fictional)",
        "description": (
            "A group practice of six clinicians (two psychologists, two licensed professional counselors, "
            "a clinical social worker and a marriage and family therapist) in a US state, serving adults and "
            "families, about a third of whom speak a language other than English at home."
        ),
        "scribe_profile": {
            "vendor_id": "CAP1",
            "vendor": "Tandemloom Health (fictional)",
            "product": "Tandemloom Listen",
            "product_type": "ambient scribe",
            "marketing_claim": "Save 2 hours a day on notes.",
            "baa": "yes",
            "encryption": "at rest and in transit",
            "data_location": "United States",
            "retention_days": 90,
            "trains_on_client_data": "opt-in only",
            "bias_testing": "internal only",
            "transparency": "partial",
            "human_oversight": "required",
            "breach_notice_days": 30,
            "security_audit": "independent",
            "price_per_clinician_month": 99,
            "contact_email": "sales@tandemloom.example.com",
            "website": "https://tandemloom.example.org/",
        },
        "policy_effective": "2026-02-02",
        "review_cadence_months": 6,
        "events": [
            ["2026-01-20", "new AI tool"],
            ["2026-06-08", "bias finding"],
            ["2026-10-05", "vendor change"],
        ],
    }


def build_practice() -> str:
    """JSON text of :func:`practice`."""
    return json_text(practice())


PILOT_CARD = """
**What it represents.** The outputs an ambient AI scribe's vendor reported from a three-month
pilot at a fictional group practice: one row per session (no notes, no client identifiers),
with the client's primary language (and `language_group`: English or other language), whether an interpreter was used, an age band, whether
the clinician found risk language (suicide, self-harm, harm to others) on review, whether the
scribe flagged risk, and whether the clinician corrected a factual error in the draft.

**What was injected.** Risk language occurs in about 18% of sessions in every language group.
The scribe flags it in about 90% of English-language sessions with risk language, but only
about 62% (Spanish), 55% (Vietnamese) and 50% (Haitian Creole); false-flag rates are 4-5%
everywhere. Draft factual-error rates are about 7% (English) against 16-24% for the other
languages. So the true-positive-rate ratio (lowest group / English) is far below 0.8. Exact
rates per seed vary with sampling; small groups have wide uncertainty.

**Known limits.** Language stands in for every reason a scribe may serve clients unequally;
there are no real transcripts. `generate_pilot(seed)` is callable with other seeds.
"""

PRACTICE_CARD = """
**What it represents.** The capstone's fictional practice: a short description, the due-diligence
profile of the ambient scribe's vendor (same fields as `vendor_profiles`; every name, e-mail on
`example.com` and web address on `example.org` is invented), the AI policy's effective date and
review cadence, and the year's trigger events for the review plan.

**What was injected.** The profile has no deal-breaker and a middling score under the module 05
rubric (so the right decision is to approve with conditions); one trigger event is a bias finding
from the pilot audit.

**Known limits.** One practice, hand-written; not drawn from any real vendor.
"""

DATASETS = [
    Dataset(
        name="scribe_pilot",
        filename="scribe_pilot.csv",
        purpose="capstone: an ambient scribe's reported pilot outputs, for the bias audit",
        seed=PILOT_SEED,
        build=build_pilot,
        card=PILOT_CARD,
        generator="course.synth.capstone.generate_pilot",
    ),
    Dataset(
        name="capstone_practice",
        filename="capstone_practice.json",
        purpose="capstone: the fictional practice, its scribe vendor's profile and the year's events",
        seed=0,
        build=build_practice,
        card=PRACTICE_CARD,
        generator="course.synth.capstone.practice",
    ),
]
