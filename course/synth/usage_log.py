"""Module 03 data, part one: an AI documentation assistant's usage log.

One row per drafted note section: which clinician, which note type, what they did with the
draft and how long they reviewed it. Some clinicians are given an automation-bias profile
(and two decoys look like it but are not). Everything is synthetic; the generator is
callable with any seed. The data set itself is declared, with the other module 03 sets, in
:mod:`course.synth.oversight`, which re-exports this module's public names.
"""

from __future__ import annotations

import random
from typing import Any

import numpy as np

from ._io import csv_text

__all__ = [
    "PROFILES",
    "USAGE_CARD",
    "USAGE_SEED",
    "build_usage_log",
    "generate_usage_log",
    "usage_log_profiles",
]

USAGE_SEED = 3031

_ROLES = ["psychologist", "LCSW", "LPC", "LMFT", "psychologist", "LPC", "LCSW", "LMFT"]
_NOTE_TYPES = ["progress note", "progress note", "progress note", "intake summary", "treatment plan update", "letter"]
_MONTHS = ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]
_DAYS_IN_MONTH = {"01": 31, "02": 28, "03": 31, "04": 30, "05": 31, "06": 30}

#: Profiles the usage-log generator assigns to clinicians (documented in the data card).
PROFILES = {
    "steady": "typical use: acceptance 45-62%, edits 25-40%, overrides the rest; median review 55-100 s, stable",
    "automation_bias": "acceptance rises month by month to about 97% while the median review time falls to about 12 s",
    "high_acceptor": "accepts about 90-93% all along (mostly letters and routine notes) but keeps reviewing for 60-75 s: not automation bias",
    "fast_reviewer": "reviews quickly (median about 15-20 s) but still edits or overrides about half the drafts: not automation bias",
    "late_starter": "typical use, joins in month 3",
}


def usage_log_profiles(seed: int = USAGE_SEED, n_biased: int | None = None) -> dict[str, str]:
    """Which profile each clinician got in :func:`generate_usage_log` with these arguments.

    Parameters
    ----------
    seed : int
        The generator's seed.
    n_biased : int, optional
        Number of clinicians with an injected automation-bias pattern (1-3); chosen
        from the seed when not given.

    Returns
    -------
    dict
        ``{clinician: profile}``, profile one of the keys of :data:`PROFILES`.

    """
    rng = random.Random(seed)
    n = n_biased if n_biased is not None else rng.randint(1, 3)
    if not 1 <= n <= 3:
        raise ValueError("n_biased must be 1, 2 or 3")
    profiles = ["automation_bias"] * n + ["high_acceptor", "fast_reviewer", "late_starter"]
    profiles += ["steady"] * (8 - len(profiles))
    rng.shuffle(profiles)
    return {f"C{i + 1:02d}": p for i, p in enumerate(profiles)}


def _exact_actions(rng: random.Random, n: int, p_accept: float, p_edit: float) -> list[str]:
    """Exactly round(p * n) of each action, shuffled (so injected rates are exact)."""
    n_acc = int(round(p_accept * n))
    n_edit = min(int(round(p_edit * n)), n - n_acc)
    actions = ["accepted"] * n_acc + ["edited"] * n_edit + ["overridden"] * (n - n_acc - n_edit)
    rng.shuffle(actions)
    return actions


def generate_usage_log(seed: int = USAGE_SEED, n_biased: int | None = None) -> list[dict[str, Any]]:
    """A six-month usage log of an AI documentation assistant, one row per suggestion.

    Parameters
    ----------
    seed : int
        Random seed (same seed, same log).
    n_biased : int, optional
        How many of the eight clinicians show an injected automation-bias pattern
        (1-3; by default chosen from the seed).

    Returns
    -------
    list of dict
        Rows with ``suggestion_id``, ``clinician``, ``role``, ``date``, ``month``,
        ``note_type``, ``action`` (``accepted`` / ``edited`` / ``overridden``),
        ``review_seconds`` and ``suggestion_words``, sorted by date.

    """
    profiles = usage_log_profiles(seed, n_biased)
    rng = random.Random(seed * 7919 + 1)
    nrng = np.random.default_rng(seed)
    rows: list[dict[str, Any]] = []
    last = len(_MONTHS) - 1
    for ci, (clinician, profile) in enumerate(profiles.items()):
        base_accept = rng.uniform(0.45, 0.62)
        edit_share = rng.uniform(0.55, 0.8)  # share of the non-accepted that are edits
        base_review = rng.uniform(55, 100)
        for mi, month in enumerate(_MONTHS):
            if profile == "late_starter" and mi < 2:
                continue
            t = mi / last
            if profile == "automation_bias":
                p_accept = base_accept + (0.97 - base_accept) * t ** 1.3
                review = base_review * (12 / base_review) ** t
            elif profile == "high_acceptor":
                p_accept = 0.90 + 0.03 * rng.random()
                review = 60 + 15 * rng.random()
            elif profile == "fast_reviewer":
                p_accept = base_accept * 0.9
                review = 12 + 4 * rng.random()
            else:
                p_accept = base_accept + rng.uniform(-0.04, 0.04)
                review = base_review * rng.uniform(0.9, 1.1)
            p_edit = (1 - p_accept) * edit_share
            n = rng.randint(30, 55)
            actions = _exact_actions(rng, n, p_accept, p_edit)
            year, mm = month.split("-")
            days = sorted(rng.randint(1, _DAYS_IN_MONTH[mm]) for _ in range(n))
            for day, action in zip(days, actions, strict=True):
                factor = {"accepted": 1.0, "edited": 2.2, "overridden": 1.6}[action]
                seconds = max(3, int(round(review * factor * float(nrng.lognormal(0, 0.35)))))
                note_type = "letter" if profile == "high_acceptor" and rng.random() < 0.5 else rng.choice(_NOTE_TYPES)
                words = int(nrng.integers(80, 160)) if note_type == "letter" else int(nrng.integers(120, 420))
                rows.append(
                    {
                        "clinician": clinician,
                        "role": _ROLES[ci],
                        "date": f"{year}-{mm}-{day:02d}",
                        "month": month,
                        "note_type": note_type,
                        "action": action,
                        "review_seconds": seconds,
                        "suggestion_words": words,
                    }
                )
    rows.sort(key=lambda r: (r["date"], r["clinician"]))
    for i, row in enumerate(rows):
        row["suggestion_id"] = f"S{i + 1:05d}"
    cols = ["suggestion_id", "clinician", "role", "date", "month", "note_type", "action", "review_seconds", "suggestion_words"]
    return [{c: r[c] for c in cols} for r in rows]


def build_usage_log() -> str:
    """The text of ``data/usage_log.csv`` (seed :data:`USAGE_SEED`, two biased clinicians)."""
    return csv_text(generate_usage_log(USAGE_SEED, n_biased=2))


USAGE_CARD = """
**What it represents.** Six months (January-June 2025) of an AI documentation assistant's
suggestions in a fictional group practice: one row per drafted note section, with the
clinician (pseudonymous codes C01-C08 and their licence type), the note type, what the
clinician did with the draft (`accepted` unchanged, `edited`, or `overridden` = discarded
and written by hand), the seconds spent reviewing it, and the draft's length. About 2,000 rows.

**What was injected, and how strongly.** Each clinician follows one profile (seed 3031,
`n_biased=2`):

* **automation bias** (2 clinicians): acceptance rises from their own baseline (45-62%)
  to 97% in June (`p = base + (0.97 - base) * t^1.3`, `t` = month 0..5 over 5), while
  the median review time falls geometrically from 55-100 s to about 12 s;
* **high acceptor** (1, a decoy): 90-93% acceptance every month, mostly short letters,
  but a steady 60-75 s review: high acceptance alone is *not* automation bias;
* **fast reviewer** (1, a decoy): median review about 15-20 s but roughly half the drafts
  edited or overridden: speed alone is *not* automation bias;
* **late starter** (1): typical use from March only; **steady** (3): typical use.

Action counts per clinician-month are exact (`round(p * n)`), so the injected rates show
up without sampling noise; review times are lognormal (sigma 0.35) around the target,
x2.2 for edited and x1.6 for overridden drafts. With the reference thresholds in
`course.oversight` (last-month acceptance >= 90% **and** last-month median review <= 30 s)
exactly the two injected clinicians are flagged. `generate_usage_log(seed, n_biased)`
makes fresh logs (1-3 biased clinicians) for hidden tests; `usage_log_profiles(seed)`
says who got which profile.

**Known limits.** Real usage logs are messier: clinicians go on leave, tools change
version, note types differ by clinician. Acceptance and review time are proxies: a fast
acceptance can be a well-written draft, and a long review can be a clinician answering
the phone.
"""
