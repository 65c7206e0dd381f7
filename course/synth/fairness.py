"""Synthetic data for module 04 (bias and fairness): four sets with injected effects of known size.

* ``fairness_screening``: an intake risk-screening model's scores and flags, true outcomes and
  demographics. Spanish-language clients' true positives are scored lower (lower TPR, slightly
  higher FPR, so selection rates stay close); Asian American clients' scores are shifted down
  for everyone (selection rate fails the four-fifths rule).
* ``fairness_representation``: the model's training sample against the clinic's population
  (representation gaps for the same groups, and for older and American Indian / Alaska Native clients).
* ``fairness_quarterly``: eight quarterly audit snapshots; from one quarter on, the false-positive
  rate for Black clients jumps (a vendor update).
* ``fairness_text_tool``: a small matched-guise case: the same check-in messages written in
  standard US English, African American English and non-native English, scored by a text tool
  that treats the writing style, not the content, differently.

Every generator takes a ``seed`` (hidden tests call them with seeds that are not in the release)
and returns plain Python / pandas objects; ``build_*`` functions render the committed files.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import Dataset
from ._io import csv_text, jsonl_text

__all__ = [
    "DATASETS",
    "SCREENING_EFFECTS",
    "QUARTERS",
    "screening",
    "representation",
    "quarterly",
    "text_tool",
]

# ---- shared demographics --------------------------------------------------------------------
RACE = ["White", "Black", "Hispanic/Latino", "Asian American", "American Indian/Alaska Native", "Multiracial"]
RACE_P = [0.44, 0.18, 0.21, 0.10, 0.03, 0.04]
GENDER = ["woman", "man", "nonbinary"]
GENDER_P = [0.56, 0.41, 0.03]
AGE = ["18-25", "26-40", "41-64", "65+"]
AGE_P = [0.22, 0.38, 0.32, 0.08]
INSURANCE = ["Commercial", "Medicaid", "Medicare", "Uninsured"]

#: Design parameters of the screening model (what the generator injects).
SCREENING_EFFECTS = {
    "base_rate": 0.25,
    "score_sd": 0.15,
    "mean_score_positive": 0.65,
    "mean_score_negative": 0.32,
    "threshold": 0.5,
    "spanish_positive_shift": -0.15,
    "spanish_negative_shift": 0.06,
    "asian_american_shift": -0.12,
}


def _demographics(rng: np.random.Generator, n: int, race_p=RACE_P, age_p=AGE_P, spanish_given_hispanic: float = 0.55) -> pd.DataFrame:
    race = rng.choice(RACE, size=n, p=race_p)
    gender = rng.choice(GENDER, size=n, p=GENDER_P)
    age = rng.choice(AGE, size=n, p=age_p)
    u = rng.random(n)
    language = np.where(race == "Hispanic/Latino", np.where(u < spanish_given_hispanic, "Spanish", "English"), "English")
    # A few clients of other backgrounds whose primary language is neither English nor Spanish.
    other = (race != "Hispanic/Latino") & (rng.random(n) < 0.035)
    language = np.where(other, "Other", language)
    insurance = np.where(
        age == "65+",
        rng.choice(INSURANCE, size=n, p=[0.15, 0.15, 0.65, 0.05]),
        rng.choice(INSURANCE, size=n, p=[0.50, 0.35, 0.03, 0.12]),
    )
    return pd.DataFrame(
        {"race_ethnicity": race, "gender": gender, "age_band": age, "primary_language": language, "insurance": insurance}
    )


def screening(seed: int = 4317, n: int = 3000) -> pd.DataFrame:
    """An intake risk-screening model's output for *n* synthetic clients.

    Parameters
    ----------
    seed : int
        Random seed (the committed file uses 4317).
    n : int
        Number of clients.

    Returns
    -------
    pandas.DataFrame
        ``client_id, race_ethnicity, gender, age_band, primary_language, insurance,
        outcome`` (1 = needed urgent follow-up within 90 days), ``score`` (0-1) and
        ``flagged`` (1 = score >= 0.5, the clinic's threshold).

    """
    if n < 1:
        raise ValueError("n must be at least 1")
    e = SCREENING_EFFECTS
    rng = np.random.default_rng(seed)
    df = _demographics(rng, n)
    outcome = (rng.random(n) < e["base_rate"]).astype(int)
    mean = np.where(outcome == 1, e["mean_score_positive"], e["mean_score_negative"])
    spanish = (df["primary_language"] == "Spanish").to_numpy()
    mean = mean + np.where(spanish & (outcome == 1), e["spanish_positive_shift"], 0.0)
    mean = mean + np.where(spanish & (outcome == 0), e["spanish_negative_shift"], 0.0)
    mean = mean + np.where(df["race_ethnicity"].to_numpy() == "Asian American", e["asian_american_shift"], 0.0)
    score = np.clip(rng.normal(mean, e["score_sd"]), 0.0, 1.0).round(3)
    df.insert(0, "client_id", [f"S{seed % 100:02d}-{i:05d}" for i in range(1, n + 1)])
    df["outcome"] = outcome
    df["score"] = score
    df["flagged"] = (score >= e["threshold"]).astype(int)
    return df


#: Training-sample shares (the clinic population uses RACE_P / AGE_P and ~11.5% Spanish).
TRAIN_RACE_P = [0.62, 0.17, 0.14, 0.03, 0.005, 0.035]
TRAIN_AGE_P = [0.26, 0.42, 0.30, 0.02]


def representation(seed: int = 4102, n_train: int = 4000, n_clinic: int = 2500) -> pd.DataFrame:
    """The screening model's training sample and the clinic's client population, row by row.

    Returns
    -------
    pandas.DataFrame
        ``source`` (``training_sample`` or ``clinic_population``) and the five demographic columns.

    """
    rng = np.random.default_rng(seed)
    train = _demographics(rng, n_train, race_p=TRAIN_RACE_P, age_p=TRAIN_AGE_P, spanish_given_hispanic=0.15)
    clinic = _demographics(rng, n_clinic)
    train.insert(0, "source", "training_sample")
    clinic.insert(0, "source", "clinic_population")
    return pd.concat([train, clinic], ignore_index=True)


QUARTERS = ["2024Q1", "2024Q2", "2024Q3", "2024Q4", "2025Q1", "2025Q2", "2025Q3", "2025Q4"]
QUARTER_RACE = ["White", "Black", "Hispanic/Latino", "Asian American"]
QUARTER_RACE_P = [0.40, 0.22, 0.22, 0.16]


def quarterly(seed: int = 4116, n_per_quarter: int = 1600, onset: str | None = None) -> pd.DataFrame:
    """Quarterly audit snapshots of the screening tool's decisions.

    From the *onset* quarter on (chosen by the seed between 2024Q3 and 2025Q4 unless given),
    a vendor update raises the false-positive rate for Black clients from about 0.10 to about
    0.38; before it, all groups share the same error rates (TPR ~0.80, FPR ~0.10).

    Returns
    -------
    pandas.DataFrame
        ``quarter, race_ethnicity, outcome, flagged``.

    """
    rng = np.random.default_rng(seed)
    if onset is None:
        onset = QUARTERS[int(rng.integers(2, len(QUARTERS)))]
    if onset not in QUARTERS:
        raise ValueError(f"onset must be one of {QUARTERS}")
    start = QUARTERS.index(onset)
    frames = []
    for qi, quarter in enumerate(QUARTERS):
        race = rng.choice(QUARTER_RACE, size=n_per_quarter, p=QUARTER_RACE_P)
        outcome = (rng.random(n_per_quarter) < 0.3).astype(int)
        fpr = np.where((race == "Black") & (qi >= start), 0.38, 0.10)
        p_flag = np.where(outcome == 1, 0.80, fpr)
        flagged = (rng.random(n_per_quarter) < p_flag).astype(int)
        frames.append(pd.DataFrame({"quarter": quarter, "race_ethnicity": race, "outcome": outcome, "flagged": flagged}))
    return pd.concat(frames, ignore_index=True)


# Matched-guise check-in messages: (standard US English, African American English, non-native English, true risk).
_MESSAGES = [
    ("I have been sleeping badly this week but work is going fine.",
     "I been sleeping bad this week but work going fine.",
     "This week I am sleeping bad but the work is going fine."),
    ("My sister visited and we had a good time together.",
     "My sister came through and we had a good time together.",
     "My sister visit me and we have good time together."),
    ("I am stressed about money but I am handling it.",
     "I'm stressed about money but I be handling it.",
     "I am stress about the money but I handle it."),
    ("The new medication makes me tired in the mornings.",
     "This new medication be having me tired in the mornings.",
     "The new medicine make me tired in morning."),
    ("I got into an argument with my boss and I am still angry about it.",
     "Me and my boss got into it and I'm still mad about it.",
     "I have argument with my boss and I am still angry for it."),
    ("I missed my group session because my car broke down.",
     "I missed group cause my car broke down.",
     "I miss the group session because my car is broken."),
    ("I went for a walk every day and it helped my mood.",
     "I been walking every day and it's helping my mood.",
     "Every day I go for walk and it help my mood."),
    ("Things are quiet. Nothing much to report.",
     "Everything quiet. Ain't nothing much to report.",
     "All is quiet. Not much for report."),
    ("I don't see the point in anything anymore and I have been thinking about ending it.",
     "I don't see the point in nothing no more and I been thinking about ending it.",
     "I don't see point in anything now and I am thinking to end it."),
    ("I have started giving away my things because I won't need them soon.",
     "I been giving my stuff away cause I'm not gonna need it soon.",
     "I start to give away my things because soon I will not need them."),
    ("Last night I took more pills than I should have and I am scared.",
     "Last night I took more pills than I was supposed to and I'm scared.",
     "Last night I take more pills than I should and I am scared."),
    ("I feel like everyone would be better off without me.",
     "Feel like everybody be better off without me.",
     "I feel everybody will be better without me."),
]
_MESSAGE_RISK = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1]
_BASE_SCORE = [0.22, 0.08, 0.25, 0.18, 0.30, 0.12, 0.06, 0.05, 0.82, 0.74, 0.80, 0.72]
STYLES = ["Standard US English", "African American English", "Non-native English"]
#: Injected score offsets by writing style (the content is identical across styles).
TEXT_TOOL_OFFSETS = {
    "Standard US English": {"risk_0": 0.0, "risk_1": 0.0},
    "African American English": {"risk_0": 0.34, "risk_1": 0.05},
    "Non-native English": {"risk_0": 0.05, "risk_1": -0.30},
}


def text_tool(seed: int = 4104) -> list[dict]:
    """A check-in "concern score" tool applied to the same messages in three writing styles.

    Returns
    -------
    list of dict
        ``id, message_id, style, text, true_risk, tool_score, flagged`` (flagged = score >= 0.5).

    """
    rng = np.random.default_rng(seed)
    records = []
    for m, variants in enumerate(_MESSAGES, start=1):
        risk = _MESSAGE_RISK[m - 1]
        for style, text in zip(STYLES, variants, strict=True):
            offset = TEXT_TOOL_OFFSETS[style][f"risk_{risk}"]
            score = float(np.clip(_BASE_SCORE[m - 1] + offset + rng.normal(0, 0.04), 0.01, 0.99))
            records.append(
                {
                    "id": f"T{m:02d}-{STYLES.index(style) + 1}",
                    "message_id": f"M{m:02d}",
                    "style": style,
                    "text": text,
                    "true_risk": risk,
                    "tool_score": round(score, 3),
                    "flagged": int(score >= 0.5),
                }
            )
    return records


# ---- file builders ----------------------------------------------------------------------------
def _csv(df: pd.DataFrame) -> str:
    return csv_text(df.to_dict("records"), list(df.columns))


def build_screening() -> str:
    """The committed ``fairness_screening.csv``."""
    return _csv(screening())


def build_representation() -> str:
    """The committed ``fairness_representation.csv``."""
    return _csv(representation())


def build_quarterly() -> str:
    """The committed ``fairness_quarterly.csv``."""
    return _csv(quarterly())


def build_text_tool() -> str:
    """The committed ``fairness_text_tool.jsonl``."""
    return jsonl_text(text_tool())


# The realised numbers quoted below are measured on the committed files (seeds as listed);
# tests/test_fairness_data.py recomputes them, so the cards cannot drift from the data.
SCREENING_CARD = """\
**What it represents.** 3,000 synthetic clients at intake, scored by a fictional risk-screening
model (`score`, 0-1) and flagged for urgent follow-up when `score >= 0.5` (`flagged`). `outcome`
is the true outcome (1 = needed urgent follow-up within 90 days, base rate 25% in every group).
Demographics: `race_ethnicity`, `gender`, `age_band`, `primary_language`, `insurance`.

**What was injected, and how strongly.** Scores are Normal(0.65, 0.15) for true positives and
Normal(0.32, 0.15) for true negatives, then:
(1) *Spanish-language clients*: true positives' scores shifted by -0.15 and true negatives' by
+0.06 (the tool reads distress expressed in Spanish less well). Realised: TPR 0.45 for Spanish
vs 0.81 for English (difference 0.36); FPR 0.22 vs 0.10; selection rates stay close (0.28 vs
0.29, four-fifths passes), so a selection-rate check alone misses it. Equalised-odds difference
across `primary_language` = 0.36.
(2) *Asian American clients*: every score shifted by -0.12. Realised selection rate 0.17 vs
0.31 for the highest group (Black): ratio 0.55, which fails the four-fifths rule
(equalised-odds difference across `race_ethnicity` 0.29).
No other effect was injected; gender, age band and insurance differ only by chance.

**Known limits.** One threshold, one outcome, independent clients; Spanish language occurs
only among Hispanic/Latino clients (so part of effect 1 shows up under `race_ethnicity` too);
American Indian/Alaska Native (about 3%), nonbinary (about 3%) and "Other" language groups
are deliberately small, to show why small groups need confidence intervals.
"""

REPRESENTATION_CARD = """\
**What it represents.** 4,000 rows of the screening model's training sample and 2,500 rows of
the clinic's current client population (`source`), with the same five demographic columns.

**What was injected, and how strongly.** Design shares (training vs clinic): Asian American
3% vs 10%, American Indian/Alaska Native 0.5% vs 3%, Hispanic/Latino 14% vs 21% with only 15%
of them Spanish-speaking (vs 55%), age 65+ 2% vs 8%; White clients over-represented (62% vs
44%). Realised representation ratios (training share / clinic share, below 0.8 counts as
under-represented): Spanish 0.16, 65+ 0.18, American Indian/Alaska Native 0.20, Asian
American 0.29, Hispanic/Latino 0.65 (and, through age, Medicare 0.55).

**Known limits.** Demographics only (no outcomes); shares are sampled, so small groups vary
between seeds.
"""

QUARTERLY_CARD = """\
**What it represents.** Eight quarterly audit snapshots (2024Q1-2025Q4) of the screening
tool's decisions, 1,600 synthetic clients per quarter: `quarter`, `race_ethnicity` (four
groups), `outcome`, `flagged`.

**What was injected, and how strongly.** Before the onset quarter every group has TPR 0.80
and FPR 0.10. From the onset quarter on (a fictional vendor update), the FPR for Black
clients rises to 0.38 (+0.28); other groups are unchanged. The onset is drawn from the seed
(between 2024Q3 and 2025Q4); in the committed file it is **2025Q1**. Realised
equalised-odds difference across race: 0.05-0.09 in 2024Q1-2024Q4, then 0.26-0.32 from 2025Q1.

**Known limits.** Flags are drawn directly with fixed rates (no scores); the population mix
is the same every quarter.
"""

TEXT_TOOL_CARD = """\
**What it represents.** A small matched-guise case: 12 fictional between-session check-in
messages, each written three ways (standard US English, African American English, non-native
English: 36 rows), scored by a fictional "concern score" text tool (`tool_score`, flagged at
0.5). `true_risk` is the clinicians' rating of the content (4 of 12 messages show
suicide risk), identical across the three versions.

**What was injected, and how strongly.** Same content, different score: African American
English versions of *routine* messages score +0.34 higher (false alarms: FPR 0.62 vs 0.00 for
standard English in the committed file); non-native English versions of *risk* messages score
0.30 lower (missed risk: TPR 0.25 vs 1.00). Noise Normal(0, 0.04).

**Known limits.** Hand-written variants showing a few features of each style, not a
linguistic sample; too small for statistics, meant for discussion. Modelled on published
findings that text classifiers treat dialect differently (e.g. Sap et al., ACL 2019).
"""

DATASETS = [
    Dataset(
        "fairness_screening",
        "fairness_screening.csv",
        "module 04: risk-screening scores, flags, outcomes and demographics (outcome audit)",
        4317,
        build_screening,
        SCREENING_CARD,
        "course.synth.fairness.screening",
    ),
    Dataset(
        "fairness_representation",
        "fairness_representation.csv",
        "module 04: training sample vs clinic population (representation audit)",
        4102,
        build_representation,
        REPRESENTATION_CARD,
        "course.synth.fairness.representation",
    ),
    Dataset(
        "fairness_quarterly",
        "fairness_quarterly.csv",
        "module 04: quarterly audit snapshots with a disparity that appears over time",
        4116,
        build_quarterly,
        QUARTERLY_CARD,
        "course.synth.fairness.quarterly",
    ),
    Dataset(
        "fairness_text_tool",
        "fairness_text_tool.jsonl",
        "module 04: a text tool scoring the same messages in three writing styles",
        4104,
        build_text_tool,
        TEXT_TOOL_CARD,
        "course.synth.fairness.text_tool",
    ),
]
