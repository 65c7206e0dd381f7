"""Fictional AI vendor profiles for the due-diligence scorecard (module 05, capstone).

Every vendor, product and contact is invented. :func:`generate` is callable with any
seed, so hidden tests can score profiles that learners have never seen.
"""

from __future__ import annotations

import random

from . import Dataset
from ._io import csv_text

__all__ = ["DATASETS", "FIELDS", "VALUES", "SEED", "generate", "build"]

SEED = 505
N_VENDORS = 14

#: Columns of the CSV, in order.
FIELDS = [
    "vendor_id",
    "vendor",
    "product",
    "product_type",
    "marketing_claim",
    "baa",
    "encryption",
    "data_location",
    "retention_days",
    "trains_on_client_data",
    "bias_testing",
    "transparency",
    "human_oversight",
    "breach_notice_days",
    "security_audit",
    "price_per_clinician_month",
    "contact_email",
    "website",
]

#: Allowed values of each categorical due-diligence field (best first).
VALUES = {
    "baa": ["yes", "no"],
    "encryption": ["at rest and in transit", "in transit only", "not stated"],
    "data_location": ["United States", "United States and Canada", "European Union", "not stated"],
    "trains_on_client_data": ["no", "opt-in only", "yes"],
    "bias_testing": ["independent, published", "internal only", "none"],
    "transparency": ["full", "partial", "none"],
    "human_oversight": ["required", "optional", "none"],
    "security_audit": ["independent", "self-assessed", "none"],
}

PRODUCT_TYPES = [
    "ambient scribe",
    "progress-note assistant",
    "between-session chatbot",
    "measurement-based care dashboard",
    "transcription service",
    "scheduling and intake assistant",
    "risk-screening score",
]

CLAIMS = [
    "HIPAA-compliant!",
    "Built by clinicians, for clinicians.",
    "Save 2 hours a day on notes.",
    "Enterprise-grade security.",
    "Clinically validated AI.",
    "Your data, your control.",
    "No setup needed: start today.",
]

_PREFIX = ["Quill", "Harbor", "Cedar", "Lumen", "Tandem", "Willow", "Kestrel", "Meadow",
           "Ember", "Juniper", "Beacon", "Orchard", "Tidal", "Marble", "Sable", "Linden"]
_SUFFIX = ["mere", "light", "note", "wise", "path", "loom", "field", "ly", "stone", "works"]
_PRODUCT = ["Scribe", "Notes", "Companion", "Insight", "Listen", "Draft", "Pulse", "Bridge"]

# Three archetypes: probabilities of each value (same order as VALUES), so that a set
# of profiles always holds clear approvals, conditional approvals and rejections.
_ARCHETYPES = {
    "strong": {
        "baa": [1.0, 0.0],
        "encryption": [0.95, 0.05, 0.0],
        "data_location": [0.7, 0.2, 0.1, 0.0],
        "trains_on_client_data": [0.85, 0.15, 0.0],
        "bias_testing": [0.6, 0.4, 0.0],
        "transparency": [0.7, 0.3, 0.0],
        "human_oversight": [0.9, 0.1, 0.0],
        "security_audit": [0.8, 0.2, 0.0],
    },
    "mixed": {
        "baa": [0.85, 0.15],
        "encryption": [0.6, 0.35, 0.05],
        "data_location": [0.4, 0.2, 0.1, 0.3],
        "trains_on_client_data": [0.5, 0.35, 0.15],
        "bias_testing": [0.15, 0.5, 0.35],
        "transparency": [0.2, 0.6, 0.2],
        "human_oversight": [0.4, 0.5, 0.1],
        "security_audit": [0.3, 0.5, 0.2],
    },
    "weak": {
        "baa": [0.35, 0.65],
        "encryption": [0.2, 0.5, 0.3],
        "data_location": [0.2, 0.0, 0.1, 0.7],
        "trains_on_client_data": [0.2, 0.2, 0.6],
        "bias_testing": [0.0, 0.3, 0.7],
        "transparency": [0.0, 0.4, 0.6],
        "human_oversight": [0.1, 0.4, 0.5],
        "security_audit": [0.0, 0.4, 0.6],
    },
}
_RETENTION = {"strong": [0, 7, 30, 30, 90], "mixed": [30, 90, 180, 365, None], "weak": [365, 730, None, None]}
_NOTICE = {"strong": [2, 3, 5, 10], "mixed": [10, 30, 60, None], "weak": [60, 90, None, None]}


def _slug(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def generate(seed: int = SEED, n: int = N_VENDORS) -> list[dict]:
    """Generate *n* fictional vendor profiles from *seed*.

    Parameters
    ----------
    seed : int
        Any integer; the same seed always gives the same profiles.
    n : int
        Number of profiles (at least 3, so that every archetype occurs).

    Returns
    -------
    list of dict
        One dict per vendor with the keys in :data:`FIELDS`. ``retention_days`` and
        ``breach_notice_days`` are ``None`` where the vendor does not state them.

    """
    if n < 3:
        raise ValueError("n must be at least 3, so that strong, mixed and weak vendors all occur")
    rng = random.Random(seed)
    kinds = ["strong", "mixed", "weak"] + [rng.choice(["strong", "mixed", "mixed", "weak"]) for _ in range(n - 3)]
    rng.shuffle(kinds)
    names = rng.sample([p + s for p in _PREFIX for s in _SUFFIX], n)
    rows = []
    for i, (kind, name) in enumerate(zip(kinds, names, strict=True), start=1):
        probs = _ARCHETYPES[kind]
        row: dict = {
            "vendor_id": f"V{i:02d}",
            "vendor": f"{name} Health (fictional)",
            "product": f"{name} {rng.choice(_PRODUCT)}",
            "product_type": rng.choice(PRODUCT_TYPES),
            "marketing_claim": rng.choice(CLAIMS),
        }
        for field, options in VALUES.items():
            row[field] = rng.choices(options, weights=probs[field])[0]
        row["retention_days"] = rng.choice(_RETENTION[kind])
        row["breach_notice_days"] = rng.choice(_NOTICE[kind])
        row["price_per_clinician_month"] = rng.choice([0, 29, 49, 79, 99, 149, 199])
        slug = _slug(name)
        row["contact_email"] = f"sales@{slug}.example.com"
        row["website"] = f"https://{slug}.example.org/"
        rows.append({k: row[k] for k in FIELDS})
    return rows


def build(seed: int = SEED, n: int = N_VENDORS) -> str:
    r"""The CSV text of :func:`generate` (``\n`` newlines; empty cells for 'not stated')."""
    return csv_text(generate(seed, n), FIELDS)


CARD = """
**What it represents.** Due-diligence profiles of fictional AI vendors selling to a small
US mental-health group practice: ambient scribes, note assistants, chatbots, dashboards,
transcription, intake and risk-screening tools. One row per vendor. Every vendor, product,
e-mail address (`example.com`) and web address (`example.org`) is invented; any likeness
to a real company is accidental.

**Fields.** `baa` (will the vendor sign a HIPAA business associate agreement: yes/no),
`encryption` (at rest and in transit / in transit only / not stated), `data_location`,
`retention_days` (how long client data is kept; empty = not stated or indefinite; 0 = deleted
after processing), `trains_on_client_data` (no / opt-in only / yes), `bias_testing`
(independent, published / internal only / none), `transparency` (documentation of how the tool
works and its limits: full / partial / none), `human_oversight` (does the product require a
clinician to review output before it is used: required / optional / none),
`breach_notice_days` (promised notice of a breach; empty = not stated), `security_audit`
(independent / self-assessed / none). Distractors: `product_type`, `marketing_claim` (e.g.
"HIPAA-compliant!" also appears on vendors without a BAA), `price_per_clinician_month`.

**What was injected.** Each vendor is drawn from one of three archetypes (strong, mixed,
weak) with different value probabilities (see `course/synth/vendors.py`), so any seed yields
clear approvals, conditional approvals and rejections under the module 05 rubric; every set
holds at least one vendor of each archetype. Marketing claims are independent of the facts.

**Known limits.** Real due diligence reads contracts, not a table; fields are simplified to
a few levels; prices are arbitrary. Hidden tests call `generate(seed)` with other seeds.
"""

DATASETS = [
    Dataset(
        name="vendor_profiles",
        filename="vendor_profiles.csv",
        purpose="module 05 and capstone: fictional AI vendors for the due-diligence scorecard",
        seed=SEED,
        build=build,
        card=CARD,
        generator="course.synth.vendors.generate",
    )
]
