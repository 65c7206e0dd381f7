"""Checks for exercise 04 (bias and fairness): grade ids m04_q1 ... m04_q6.

The course does the counting (:mod:`course.fairness.tables`, the threshold explorer); the
learner reads the tables and types the judgement: which groups are under-represented,
which statements the audit supports, which group the tool fails, which threshold closes
the gap and what it costs, when the gap opened, which writing style is misread. Every
answer is a literal. Expected answers are computed from the data at check time, never
typed in, and the self-check and the grade cell run the same check on the same data.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from ..fairness.tables import (
    REPRESENTATION_COLUMNS,
    outcome_table,
    quarterly_disparity,
    representation_table,
    text_tool_table,
)
from ._core import (
    BadFormat,
    Question,
    Wrong,
    as_bool,
    as_choices,
    as_letters,
    as_mapping,
    as_number,
    as_text,
)

__all__ = [
    "EOD_ALERT",
    "FOUR_FIFTHS",
    "LABEL",
    "PRED",
    "Q2_STATEMENTS",
    "REPRESENTATION_COLUMNS",
    "SCORE",
    "UNDER_REPRESENTED",
    "best_threshold",
    "q1",
    "q2",
    "q3",
    "q4",
    "q5",
    "q6",
    "quarterly_eod",
    "representation_ratios",
    "spanish_rates",
]

LABEL, PRED, SCORE = "outcome", "flagged", "score"
#: A group is under-represented when its share of the training sample is below 80% of its share of the clinic.
UNDER_REPRESENTED = 0.8
#: The four-fifths screen (Uniform Guidelines on Employee Selection Procedures, 29 CFR 1607.4(D)).
FOUR_FIFTHS = 0.8
#: Q5: the quarter in which the equalised-odds difference first exceeds this.
EOD_ALERT = 0.2


def _load(name: str, data: Any) -> Any:
    if data is not None:
        return data
    from .. import data as course_data

    return course_data.load(name)


def _norm(text: str) -> str:
    return " ".join(str(text).strip().lower().replace("_", " ").split())


# ---- Q1: representation audit --------------------------------------------------------------------


def representation_ratios(rep: pd.DataFrame) -> dict[str, float]:
    """Training share / clinic share for every group in :data:`REPRESENTATION_COLUMNS`."""
    table = representation_table(rep)
    return {group: float(r) for (_, group), r in table["ratio"].items()}


NOT_YET = "Not yet: {}"
Q1_MISSING = "at least one group whose ratio is below 0.8 is not in your list."
Q1_EXTRA = "at least one group in your list has a ratio of 0.8 or more, so it is not under-represented by this yardstick."


def _check_q1(answer: Any, data: pd.DataFrame | None = None) -> str:
    ratios = representation_ratios(_load("fairness_representation", data))
    given = set(as_choices(answer, list(ratios)))
    expected = {g for g, r in ratios.items() if r < UNDER_REPRESENTED}
    problems = []
    if expected - given:
        problems.append(Q1_MISSING)
    if given - expected:
        problems.append(Q1_EXTRA)
    if problems:
        raise Wrong(NOT_YET.format(" Also, ".join(problems)))
    worst = min(expected, key=ratios.get)
    return (f"Correct: {len(expected)} groups are under-represented in the training sample; the most is {worst}, "
            f"at {ratios[worst]:.2f} of its share of the clinic.")


q1 = Question(
    "m04_q1",
    "Q1",
    _check_q1,
    hints=[
        "The ratio compares two shares: below 1 means the group is rarer in the training sample than among the clinic's clients.",
        "Go down the ratio column of the table for all three characteristics (race and ethnicity, language, age band) "
        "and write down every group whose ratio is below 0.8, spelled as in the table.",
    ],
    solution='["American Indian/Alaska Native", "Asian American", "Hispanic/Latino", "Spanish", "65+"]: every group with a ratio below 0.8.',
)

# ---- Q2: which statements does the outcome audit support? ----------------------------------------

Rule = Callable[[pd.DataFrame, pd.DataFrame], bool]


def _lang_race(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    return outcome_table(df, "primary_language", LABEL, PRED), outcome_table(df, "race_ethnicity", LABEL, PRED)


#: Q2: (letter, statement, is it supported by the data?). Letters the learner picks.
Q2_STATEMENTS: list[tuple[str, str, Rule]] = [
    ("A", "Spanish-language clients are flagged about as often as English-language clients overall "
          "(their selection rates are within 10% of each other).",
     lambda lang, race: 0.9 <= lang.loc["Spanish", "selection_rate"] / lang.loc["English", "selection_rate"] <= 1.1),
    ("B", "So the tool serves Spanish-language clients as well as it serves English-language clients.",
     lambda lang, race: False),
    ("C", "Of the Spanish-language clients who truly needed urgent follow-up, the tool flagged fewer than half.",
     lambda lang, race: lang.loc["Spanish", "tpr"] < 0.5),
    ("D", "Spanish-language clients who did not need follow-up were flagged (a false alarm) more often than "
          "English-language clients who did not need it.",
     lambda lang, race: lang.loc["Spanish", "fpr"] > lang.loc["English", "fpr"]),
    ("E", "The true-positive rate (TPR) is the share of flagged clients who truly needed follow-up.",
     lambda lang, race: False),
    ("F", "Asian American clients who needed follow-up were flagged less often than White clients who needed it.",
     lambda lang, race: race.loc["Asian American", "tpr"] < race.loc["White", "tpr"]),
]
Q2_LETTERS = "".join(letter for letter, _, _ in Q2_STATEMENTS)
Q2_MISSING = "at least one statement the tables support is not in your list."
Q2_EXTRA = "at least one statement in your list is not supported by the tables (or is not what the measure means)."


def supported_statements(df: pd.DataFrame) -> set[str]:
    """The letters of :data:`Q2_STATEMENTS` that *df* supports."""
    lang, race = _lang_race(df)
    return {letter for letter, _, rule in Q2_STATEMENTS if bool(rule(lang, race))}


def _check_q2(answer: Any, data: pd.DataFrame | None = None) -> str:
    given = as_letters(answer, Q2_LETTERS)
    expected = supported_statements(_load("fairness_screening", data))
    problems = []
    if expected - given:
        problems.append(Q2_MISSING)
    if given - expected:
        problems.append(Q2_EXTRA)
    if problems:
        raise Wrong(NOT_YET.format(" Also, ".join(problems)))
    return ("Correct: equal selection rates hid unequal errors. Spanish-language clients are flagged as often, "
            "but the flags land on the wrong people: real needs are missed and false alarms are more common.")


q2 = Question(
    "m04_q2",
    "Q2",
    _check_q2,
    hints=[
        "Selection rate: the share of everyone in the group who was flagged. TPR: among those who truly needed follow-up, "
        "the share flagged. FPR: among those who did not, the share flagged.",
        "Check each statement against one column of the two tables above (selection_rate, tpr or fpr). "
        "Two statements are about what a measure means, not about the numbers.",
    ],
    solution='["A", "C", "D", "F"]. B does not follow from A (equal selection rates can hide unequal errors); '
             "E describes precision, not the TPR.",
)

# ---- Q3: name the injected bias ------------------------------------------------------------------

Q3_KEYS = ("missed_most", "flagged_least", "below_four_fifths")
Q3_MISSED = "missed_most: which primary_language group has the LOWEST true-positive rate (tpr)?"
Q3_FLAGGED = "flagged_least: which race_ethnicity group has the lowest selection rate?"
Q3_FOUR_FIFTHS = ("below_four_fifths: divide the lowest race_ethnicity selection rate by the highest one; "
                  "True if the result is below 0.8, False if not.")


FMT_ONE_GROUP = '"{key}" should be one name in quotes, spelled as in the table.'


def _group(value: Any, options: list[str], key: str) -> str:
    chosen = as_choices(value, options)
    if len(chosen) != 1:
        raise BadFormat(FMT_ONE_GROUP.format(key=key))
    return chosen[0]


def _check_q3(answer: Any, data: pd.DataFrame | None = None) -> str:
    a = as_mapping(answer, Q3_KEYS)
    lang, race = _lang_race(_load("fairness_screening", data))
    missed = _group(a["missed_most"], list(lang.index), "missed_most") if a["missed_most"] is not ... else None
    flagged = _group(a["flagged_least"], list(race.index), "flagged_least") if a["flagged_least"] is not ... else None
    below = as_bool(a["below_four_fifths"]) if a["below_four_fifths"] is not ... else None
    ratio = float(race["selection_rate"].min() / race["selection_rate"].max())
    problems = []
    if missed != lang["tpr"].idxmin():
        problems.append(Q3_MISSED)
    if flagged != race["selection_rate"].idxmin():
        problems.append(Q3_FLAGGED)
    if below is None or below != (ratio < FOUR_FIFTHS):
        problems.append(Q3_FOUR_FIFTHS)
    if problems:
        raise Wrong(" ".join(problems))
    return (f"Correct: the tool misses {missed}-language clients' needs most often, and flags {flagged} clients at "
            f"{ratio:.2f} of the highest rate, {'below' if below else 'not below'} the four-fifths line.")


q3 = Question(
    "m04_q3",
    "Q3",
    _check_q3,
    hints=[
        "Two different biases: one shows in the tpr column of the language table, the other in the selection_rate column of the race and ethnicity table.",
        "For the four-fifths screen, divide the smallest selection_rate in the race and ethnicity table by the largest (a phone calculator is fine) and compare the result with 0.8.",
    ],
    solution='{"missed_most": "Spanish", "flagged_least": "Asian American", "below_four_fifths": True} (ratio about 0.55).',
)

# ---- Q4: a different threshold for one group -----------------------------------------------------

Q4_KEYS = ("threshold", "fpr")
Q4_RANGE = '"threshold" should be a number between 0 and 1 without quotes, like 0.42.'
Q4_TOO_HIGH = ("At that threshold Spanish-language clients' TPR is still below English-language clients' TPR at 0.5. "
               "Move the Spanish slider lower.")
Q4_TOO_LOW = ("That threshold reaches the target, but a higher one does too, and every step lower flags more people "
              "who do not need it. Use the HIGHEST threshold that reaches the target.")
Q4_FPR = ("Your threshold is right; now give the Spanish-language false-positive rate (fpr) at that threshold, "
          "as the explorer's table shows it.")
GRID = np.round(np.arange(0.0, 1.0001, 0.01), 2)


def spanish_rates(df: pd.DataFrame, t: float) -> dict[str, float]:
    """Spanish-language clients' TPR, FPR and selection rate when flagged at ``score >= t``."""
    from ..fairness.metrics import group_rates

    sp = df[df["primary_language"] == "Spanish"]
    flagged = pd.DataFrame({"y": (sp[LABEL] == 1).astype(int), "p": (sp[SCORE] >= t).astype(int)})
    rates = group_rates(flagged, pd.Series("Spanish", index=flagged.index), "y", "p")
    if rates.empty:  # no Spanish-language client at all
        return {"tpr": float("nan"), "fpr": float("nan"), "selection_rate": float("nan")}
    row = rates.iloc[0]
    return {"tpr": float(row["tpr"]), "fpr": float(row["fpr"]), "selection_rate": float(row["selection_rate"])}


def best_threshold(df: pd.DataFrame) -> tuple[float, float]:
    """(highest threshold on a 0.01 grid giving Spanish-language clients a TPR >= English at 0.5, that target)."""
    en = df[(df["primary_language"] == "English") & (df[LABEL] == 1)]
    target = float((en[SCORE] >= 0.5).mean())
    ok = [t for t in GRID if spanish_rates(df, t)["tpr"] >= target - 1e-12]
    return float(max(ok)), target


def _check_q4(answer: Any, data: pd.DataFrame | None = None) -> str:
    a = as_mapping(answer, Q4_KEYS)
    if a["threshold"] is ...:
        raise BadFormat(Q4_RANGE)
    t = as_number(a["threshold"])
    if not 0 <= t <= 1:
        raise BadFormat(Q4_RANGE)
    df = _load("fairness_screening", data)
    best, target = best_threshold(df)
    at_t = spanish_rates(df, t)
    if at_t["tpr"] < target - 1e-12:
        raise Wrong(Q4_TOO_HIGH)
    if t < best - 0.015:
        raise Wrong(Q4_TOO_LOW)
    if a["fpr"] is ... or abs(as_number(a["fpr"]) - at_t["fpr"]) > 0.006:
        raise Wrong(Q4_FPR)
    before = spanish_rates(df, 0.5)
    return (f"Correct: at {t:.2f} Spanish-language clients' TPR rises from {before['tpr']:.2f} to {at_t['tpr']:.2f}, "
            f"and their false-alarm rate from {before['fpr']:.2f} to {at_t['fpr']:.2f}: that is the cost.")


q4 = Question(
    "m04_q4",
    "Q4",
    _check_q4,
    hints=[
        "In the explorer, the table's tpr column for English at 0.5 is the target. Lower only the Spanish slider, one step (0.01) at a time.",
        "Stop at the first (highest) Spanish threshold where the Spanish tpr is at least the English tpr; read the Spanish fpr in the same table.",
    ],
    solution='{"threshold": 0.35, "fpr": 0.57} for the committed data (Spanish-language TPR reaches the English level, about 0.81; '
             "their false-positive rate rises from about 0.22 to about 0.57).",
)

# ---- Q5: audit over time -------------------------------------------------------------------------

Q5_FORMAT = 'Please give the quarter as text in quotes, like "2024Q3".'
Q5_EARLY = "In that quarter the equalised-odds difference is not above 0.2 yet; look later."
Q5_LATE = "The difference is above 0.2 in that quarter, but it already was in an earlier one: find the FIRST quarter."


def quarterly_eod(df: pd.DataFrame) -> dict[str, float]:
    """Equalised-odds difference across race_ethnicity, per quarter."""
    return {q: float(v) for q, v in quarterly_disparity(df, "race_ethnicity", "quarter", LABEL, PRED)["equalized_odds_difference"].items()}


def _quarter(answer: Any) -> str:
    """Read a quarter: "2025Q1", "2025 q1", "2025-Q1" and "Q1 2025" all mean "2025Q1"."""
    if not isinstance(answer, str):
        raise BadFormat(Q5_FORMAT)
    text = as_text(answer).upper().replace(" ", "").replace("-", "")
    m = re.fullmatch(r"Q([1-4])(\d{4})", text)
    return f"{m.group(2)}Q{m.group(1)}" if m else text


def _check_q5(answer: Any, data: pd.DataFrame | None = None) -> str:
    eod = quarterly_eod(_load("fairness_quarterly", data))
    given = _quarter(answer)
    if given not in eod:
        raise BadFormat(Q5_FORMAT)
    first = next((q for q, v in eod.items() if v > EOD_ALERT), None)
    if given != first:
        raise Wrong(Q5_EARLY if eod[given] <= EOD_ALERT else Q5_LATE)
    return f"Correct: the disparity opens in {first} (equalised-odds difference {eod[first]:.2f}). A quarterly audit would have caught it then."


q5 = Question(
    "m04_q5",
    "Q5",
    _check_q5,
    hints=[
        "The table has one row per quarter, in time order; the last column is the equalised-odds difference.",
        "Read down that column from the top and stop at the first value above 0.2.",
    ],
    solution='"2025Q1" in the committed data: the first quarter whose equalised-odds difference is above 0.2.',
)

# ---- Q6: the text tool ---------------------------------------------------------------------------

Q6_KEYS = ("false_alarms", "missed_risk")
Q6_FA = "false_alarms: which writing style has the highest false-alarm rate (routine messages flagged)?"
Q6_MR = "missed_risk: which writing style has the highest missed-risk rate (risk messages not flagged)?"


def _check_q6(answer: Any, data: list[dict] | None = None) -> str:
    a = as_mapping(answer, Q6_KEYS)
    table = text_tool_table(_load("fairness_text_tool", data))
    styles = list(table.index)
    fa = _group(a["false_alarms"], styles, "false_alarms") if a["false_alarms"] is not ... else None
    mr = _group(a["missed_risk"], styles, "missed_risk") if a["missed_risk"] is not ... else None
    problems = []
    if fa != table["false_alarm_rate"].idxmax():
        problems.append(Q6_FA)
    if mr != table["missed_risk_rate"].idxmax():
        problems.append(Q6_MR)
    if problems:
        raise Wrong(" ".join(problems))
    return "Correct: the same words get a different score depending on how they are written."


q6 = Question(
    "m04_q6",
    "Q6",
    _check_q6,
    hints=[
        "False alarm: a routine message (true_risk 0) that was flagged. Missed risk: a risk message (true_risk 1) that was not flagged.",
        "The table has one row per writing style: take the highest value in each of the two rate columns, and copy the style's name exactly.",
    ],
    solution='{"false_alarms": "African American English", "missed_risk": "Non-native English"}',
)
