"""Checks for exercise 04 (bias and fairness): grade ids m04_q1 ... m04_q6.

Expected answers are computed from the data at check time (with :mod:`course.fairness` and,
for Q2, fairlearn's ``MetricFrame``), never typed in, so hidden tests can use fresh data.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from ._core import NotAttempted, Question, Wrong, is_blank

__all__ = [
    "LABEL",
    "PRED",
    "SCORE",
    "REPRESENTATION_COLUMNS",
    "UNDER_REPRESENTED",
    "EOD_ALERT",
    "audit_table",
    "quarterly_eod",
    "representation_ratios",
    "best_threshold",
    "q1",
    "q2",
    "q3",
    "q4",
    "q5",
    "q6",
    "screening_cases",
]

LABEL, PRED, SCORE = "outcome", "flagged", "score"
REPRESENTATION_COLUMNS = ("race_ethnicity", "primary_language", "age_band")
#: A group is under-represented when its share of the training sample is below 80% of its share of the clinic.
UNDER_REPRESENTED = 0.8
#: Q5: the quarter in which the equalised-odds difference first exceeds this.
EOD_ALERT = 0.2
TOL = 0.01


def _load(name: str, data: Any) -> Any:
    if data is not None:
        return data
    from .. import data as course_data

    return course_data.load(name)


def _blank_mapping(answer: Any) -> bool:
    return is_blank(answer) or (isinstance(answer, Mapping) and all(v is ... for v in answer.values()))


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise Wrong(FMT_NUMBER.format(what=what, value=value))
    if math.isnan(float(value)):
        raise Wrong(FMT_NUMBER.format(what=what, value=value))
    return float(value)


def _key(text: Any) -> str:
    return str(text).strip().lower()


FMT_NUMBER = "{what} should be a number like 0.42 (without quotes); you gave {value!r}."
FMT_DICT = "Please give a dictionary, as in the cell above: {example}"

# ---- Q1: representation audit --------------------------------------------------------------------


def representation_ratios(rep: pd.DataFrame) -> dict[str, float]:
    """Training share / clinic share for every group in :data:`REPRESENTATION_COLUMNS`."""
    out = {}
    for col in REPRESENTATION_COLUMNS:
        shares = rep.groupby("source")[col].value_counts(normalize=True).unstack(0).fillna(0.0)
        ratio = shares["training_sample"] / shares["clinic_population"]
        out.update({str(g): float(r) for g, r in ratio.items()})
    return out


Q1_MISSING = "These groups are also under-represented (training share below 80% of clinic share): {}."
Q1_EXTRA = "These groups are not under-represented by the 80% yardstick: {}."
Q1_VALUE = "Right groups, but check the ratio for {}: we get {} (training share divided by clinic share)."
Q1_EXAMPLE = '{"Group name": 0.42, "Another group": 0.55}'


def _check_q1(answer: Any, data: pd.DataFrame | None = None) -> str:
    if not isinstance(answer, Mapping):
        raise Wrong(FMT_DICT.format(example=Q1_EXAMPLE))
    ratios = representation_ratios(_load("fairness_representation", data))
    expected = {g: r for g, r in ratios.items() if r < UNDER_REPRESENTED}
    by_key = {_key(g): g for g in ratios}
    given = {}
    for k, v in answer.items():
        if v is ...:
            raise NotAttempted
        given[by_key.get(_key(k), str(k))] = _number(v, f"The ratio for {k!r}")
    missing = sorted(set(expected) - set(given))
    extra = sorted(set(given) - set(expected))
    problems = []
    if missing:
        problems.append(Q1_MISSING.format(", ".join(missing)))
    if extra:
        problems.append(Q1_EXTRA.format(", ".join(extra)))
    if problems:
        raise Wrong(" ".join(problems))
    off = [g for g in expected if abs(given[g] - expected[g]) > 0.02]
    if off:
        raise Wrong(Q1_VALUE.format(off[0], f"{expected[off[0]]:.2f}"))
    worst = min(expected, key=expected.get)
    return f"Correct: {len(expected)} groups are under-represented; the worst is {worst} at {expected[worst]:.2f} of its clinic share."


q1 = Question(
    "m04_q1",
    "Q1",
    _check_q1,
    hints=[
        "For one column: rep.groupby('source')['race_ethnicity'].value_counts(normalize=True) gives each group's share in each source.",
        "Add .unstack(0) to get one column per source, then divide training_sample by clinic_population. Keep the groups below 0.8.",
        "Do it for race_ethnicity, primary_language and age_band, and put all the under-represented groups in one dictionary.",
    ],
    solution="Ratios below 0.8: Spanish ~0.16, 65+ ~0.18, American Indian/Alaska Native ~0.20, Asian American ~0.29, Hispanic/Latino ~0.66.",
    blank=_blank_mapping,
)

# ---- Q2: outcome audit function ------------------------------------------------------------------

Q2_NOT_FUNCTION = "Your answer should be the function itself: pass outcome_audit (without brackets)."
Q2_NOT_TABLE = "Your function should give back a table (a pandas DataFrame) with one row per group; it gave {kind}."
Q2_COLUMNS = "The table needs the columns selection_rate, tpr and fpr; it has {cols}."
Q2_GROUPS = "The table should have one row per {col} group: expected {expected}, got {got}."
Q2_VALUE = "For {col} = {group!r}, {metric} should be {expected:.3f} (fairlearn's MetricFrame agrees) but yours is {got}. {why}"
Q2_WHY = {
    "selection_rate": "Selection rate is the share of ALL the group's rows with flagged == 1.",
    "tpr": "TPR only looks at rows with outcome == 1: the share of them that were flagged.",
    "fpr": "FPR only looks at rows with outcome == 0: the share of them that were flagged.",
}


def audit_table(selection_rate: Any, tpr: Any, fpr: Any) -> pd.DataFrame:
    """Put the three per-group rates side by side (the exercise's scaffold calls this)."""
    if selection_rate is ... or tpr is ... or fpr is ...:
        raise NotAttempted
    return pd.DataFrame({"selection_rate": selection_rate, "tpr": tpr, "fpr": fpr})


def screening_cases(seed: int, n: int = 2500) -> list[tuple[pd.DataFrame, str]]:
    """Fresh screening data from *seed*, audited by two group columns (for hidden tests)."""
    from ..synth.fairness import screening

    df = screening(seed=seed, n=n)
    return [(df, "race_ethnicity"), (df, "primary_language"), (df, "age_band")]


def _fairlearn_by_group(df: pd.DataFrame, col: str) -> pd.DataFrame:
    import warnings

    from fairlearn.metrics import (
        MetricFrame,
        false_positive_rate,
        selection_rate,
        true_positive_rate,
    )

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mf = MetricFrame(
            metrics={"selection_rate": selection_rate, "tpr": true_positive_rate, "fpr": false_positive_rate},
            y_true=df[LABEL],
            y_pred=df[PRED],
            sensitive_features=df[col],
        )
    return mf.by_group


def _check_q2(fn: Callable[[pd.DataFrame, str], Any], cases: Iterable[tuple[pd.DataFrame, str]] | None = None) -> str:
    if not callable(fn):
        raise Wrong(Q2_NOT_FUNCTION)
    if cases is None:
        df = _load("fairness_screening", None)
        cases = [(df, "race_ethnicity"), (df, "primary_language")]
    cases = list(cases)
    for df, col in cases:
        table = fn(df.copy(), col)
        if table is ...:
            raise NotAttempted
        if not isinstance(table, pd.DataFrame):
            raise Wrong(Q2_NOT_TABLE.format(kind=type(table).__name__))
        missing = {"selection_rate", "tpr", "fpr"} - set(map(str, table.columns))
        if missing:
            raise Wrong(Q2_COLUMNS.format(cols=", ".join(map(str, table.columns)) or "none"))
        expected = _fairlearn_by_group(df, col)
        if sorted(map(str, table.index)) != sorted(map(str, expected.index)):
            raise Wrong(Q2_GROUPS.format(col=col, expected=sorted(map(str, expected.index)), got=sorted(map(str, table.index))))
        table = table.rename(index=str)
        for group, row in expected.iterrows():
            for metric in ("selection_rate", "tpr", "fpr"):
                got = table.loc[str(group), metric]
                try:
                    ok = abs(float(got) - float(row[metric])) <= 0.005
                except (TypeError, ValueError):
                    ok = False
                if not ok:
                    raise Wrong(Q2_VALUE.format(col=col, group=group, metric=metric, expected=row[metric], got=got, why=Q2_WHY[metric]))
    return f"Correct - your function matches fairlearn's MetricFrame on {len(cases)} audit(s)."


q2 = Question(
    "m04_q2",
    "Q2",
    _check_q2,
    hints=[
        "Selection rate: df.groupby(group_col)['flagged'].mean() (the mean of a 0/1 column is the share of 1s).",
        "TPR: first keep only the people who truly needed follow-up, df[df['outcome'] == 1], then group and take the mean of 'flagged'.",
        "FPR: the same as TPR but with df['outcome'] == 0. Use df and group_col inside the function, not the data set's name, so it works on any data.",
    ],
    solution=(
        "selection_rate = df.groupby(group_col)['flagged'].mean()\n"
        "tpr = df[df['outcome'] == 1].groupby(group_col)['flagged'].mean()\n"
        "fpr = df[df['outcome'] == 0].groupby(group_col)['flagged'].mean()"
    ),
)

# ---- Q3: name the injected bias ------------------------------------------------------------------

Q3_KEYS = ("tpr_group", "equalized_odds_difference", "four_fifths_group", "four_fifths_ratio")
Q3_EXAMPLE = "{'tpr_group': 'Some group', 'equalized_odds_difference': 0.12, 'four_fifths_group': 'Another group', 'four_fifths_ratio': 0.9}"
Q3_KEYS_MISSING = "Your dictionary needs the keys {keys}."
Q3_TPR_GROUP = "tpr_group: which primary_language group has the LOWEST true-positive rate? Look at the tpr column of outcome_audit(screening, 'primary_language')."
Q3_EOD = "equalized_odds_difference: the larger of (highest TPR - lowest TPR) and (highest FPR - lowest FPR) across primary_language groups. We get {:.2f}."
Q3_FF_GROUP = "four_fifths_group: which race_ethnicity group has the lowest selection rate, below 80% of the highest?"
Q3_FF_RATIO = "four_fifths_ratio: the lowest race_ethnicity selection rate divided by the highest. We get {:.2f}."


def _check_q3(answer: Any, data: pd.DataFrame | None = None) -> str:
    from ..fairness import audit

    if not isinstance(answer, Mapping):
        raise Wrong(FMT_DICT.format(example=Q3_EXAMPLE))
    if any(answer.get(k, None) is ... for k in Q3_KEYS):
        raise NotAttempted
    missing = [k for k in Q3_KEYS if k not in answer]
    if missing:
        raise Wrong(Q3_KEYS_MISSING.format(keys=", ".join(missing)))
    df = _load("fairness_screening", data)
    res = audit(df, ["primary_language", "race_ethnicity"], LABEL, PRED, n_boot=0)["groups"]
    lang, race = res["primary_language"], res["race_ethnicity"]
    tpr = {g: r["tpr"] for g, r in lang["by_group"].items() if r["tpr"] is not None}
    problems = []
    if _key(answer["tpr_group"]) != _key(min(tpr, key=tpr.get)):
        problems.append(Q3_TPR_GROUP)
    if abs(_number(answer["equalized_odds_difference"], "equalized_odds_difference") - lang["equalized_odds_difference"]) > TOL:
        problems.append(Q3_EOD.format(lang["equalized_odds_difference"]))
    if _key(answer["four_fifths_group"]) != _key(race["four_fifths"]["lowest"]):
        problems.append(Q3_FF_GROUP)
    if abs(_number(answer["four_fifths_ratio"], "four_fifths_ratio") - race["four_fifths"]["ratio"]) > TOL:
        problems.append(Q3_FF_RATIO.format(race["four_fifths"]["ratio"]))
    if problems:
        raise Wrong(" ".join(problems))
    return "Correct: one group's needs are missed more often (TPR), another is flagged less often overall (four-fifths)."


q3 = Question(
    "m04_q3",
    "Q3",
    _check_q3,
    hints=[
        "Use your outcome_audit function: outcome_audit(screening, 'primary_language') and outcome_audit(screening, 'race_ethnicity').",
        "Four-fifths ratio = lowest selection rate / highest selection rate (table['selection_rate'].min() / table['selection_rate'].max()).",
        "Equalised-odds difference = max(tpr.max() - tpr.min(), fpr.max() - fpr.min()).",
    ],
    solution="Spanish has the lowest TPR (equalised-odds difference ~0.36 across languages); Asian American clients are selected at ~0.55 of the highest rate.",
    blank=_blank_mapping,
)

# ---- Q4: per-group thresholds --------------------------------------------------------------------

Q4_KEYS = ("threshold", "tpr", "fpr", "selection_rate")
Q4_EXAMPLE = "{'threshold': 0.45, 'tpr': 0.7, 'fpr': 0.2, 'selection_rate': 0.3}"
Q4_TOO_HIGH = "At threshold {t:.2f} Spanish-language clients' TPR is {tpr:.3f}, still below English-language clients' {target:.3f}. Try a lower threshold."
Q4_TOO_LOW = "Threshold {t:.2f} reaches the target, but so does a higher one ({best:.2f}): a lower threshold than needed flags more people without need. Use the highest threshold that reaches the target."
Q4_NUMBER = "Your threshold is fine; now report {metric} at that threshold: we get {value:.3f}."
GRID = np.round(np.arange(0.0, 1.0001, 0.01), 2)


def _spanish_rates(df: pd.DataFrame, t: float) -> dict[str, float]:
    sp = df[df["primary_language"] == "Spanish"]
    flagged = sp[SCORE] >= t
    pos = sp[LABEL] == 1
    return {"tpr": float(flagged[pos].mean()), "fpr": float(flagged[~pos].mean()), "selection_rate": float(flagged.mean())}


def best_threshold(df: pd.DataFrame) -> tuple[float, float]:
    """(highest threshold on a 0.01 grid giving Spanish-language clients a TPR >= English at 0.5, that target)."""
    en = df[(df["primary_language"] == "English") & (df[LABEL] == 1)]
    target = float((en[SCORE] >= 0.5).mean())
    ok = [t for t in GRID if _spanish_rates(df, t)["tpr"] >= target - 1e-12]
    return float(max(ok)), target


def _check_q4(answer: Any, data: pd.DataFrame | None = None) -> str:
    if not isinstance(answer, Mapping):
        raise Wrong(FMT_DICT.format(example=Q4_EXAMPLE))
    if any(answer.get(k, None) is ... for k in Q4_KEYS):
        raise NotAttempted
    missing = [k for k in Q4_KEYS if k not in answer]
    if missing:
        raise Wrong(Q3_KEYS_MISSING.format(keys=", ".join(missing)))
    df = _load("fairness_screening", data)
    t = _number(answer["threshold"], "threshold")
    best, target = best_threshold(df)
    at_t = _spanish_rates(df, t)
    if at_t["tpr"] < target - 1e-12:
        raise Wrong(Q4_TOO_HIGH.format(t=t, tpr=at_t["tpr"], target=target))
    if t < best - 0.015:
        raise Wrong(Q4_TOO_LOW.format(t=t, best=best))
    for metric in ("tpr", "fpr", "selection_rate"):
        if abs(_number(answer[metric], metric) - at_t[metric]) > 0.005:
            raise Wrong(Q4_NUMBER.format(metric=metric, value=at_t[metric]))
    before = _spanish_rates(df, 0.5)
    return (
        f"Correct: at {t:.2f} Spanish-language clients' TPR rises from {before['tpr']:.2f} to {at_t['tpr']:.2f}, "
        f"and their FPR from {before['fpr']:.2f} to {at_t['fpr']:.2f}: that is the cost."
    )


q4 = Question(
    "m04_q4",
    "Q4",
    _check_q4,
    hints=[
        "rates_at_thresholds(screening, 'primary_language', 'score', 'outcome', {'Spanish': 0.45}) shows every group's rates with Spanish at 0.45 and the others at 0.5.",
        "Lower the Spanish threshold step by step (0.01 at a time) until its tpr is at least the English tpr at 0.5; keep the highest threshold that does.",
        "Then copy that row's tpr, fpr and selection_rate into the dictionary.",
    ],
    solution="About 0.35 for the committed data: Spanish-language TPR rises to the English level (~0.81), but their FPR more than doubles (~0.22 to ~0.57).",
    blank=_blank_mapping,
)

# ---- Q5: audit over time -------------------------------------------------------------------------

Q5_FORMAT = "Please give the quarter as text in quotes, like \"2024Q3\"."
Q5_WRONG = "Not that quarter: find the FIRST quarter where the equalised-odds difference across race_ethnicity is above {alert}."
Q5_EARLY = "In {q} the difference is only {v:.2f}; look later."


def quarterly_eod(df: pd.DataFrame) -> dict[str, float]:
    """Equalised-odds difference across race_ethnicity, per quarter."""
    from ..fairness import audit_column, prepare

    out = {}
    for quarter, part in df.groupby("quarter", sort=True):
        clean, _ = prepare(part, ["race_ethnicity"], LABEL, PRED)
        out[str(quarter)] = float(audit_column(clean, "race_ethnicity", n_boot=0).equalized_odds_difference)
    return out


def _check_q5(answer: Any, data: pd.DataFrame | None = None) -> str:
    if not isinstance(answer, str):
        raise Wrong(Q5_FORMAT)
    eod = quarterly_eod(_load("fairness_quarterly", data))
    first = next((q for q, v in eod.items() if v > EOD_ALERT), None)
    given = answer.strip().upper().replace(" ", "").replace("-", "")
    if given not in eod:
        raise Wrong(Q5_FORMAT)
    if given != first:
        if first is not None and given < first:
            raise Wrong(Q5_EARLY.format(q=given, v=eod[given]))
        raise Wrong(Q5_WRONG.format(alert=EOD_ALERT))
    return f"Correct: the disparity appears in {first} (equalised-odds difference {eod[first]:.2f})."


q5 = Question(
    "m04_q5",
    "Q5",
    _check_q5,
    hints=[
        "Loop over the quarters: for quarter, part in quarterly.groupby('quarter'): ...",
        "For each part, compute outcome_audit(part, 'race_ethnicity') and the equalised-odds difference as in Q3.",
    ],
    solution="The first quarter whose equalised-odds difference across race_ethnicity is above 0.2 (2025Q1 in the committed data).",
)

# ---- Q6: the text tool ---------------------------------------------------------------------------

Q6_KEYS = ("false_alarms", "missed_risk")
Q6_EXAMPLE = "{'false_alarms': 'Standard US English', 'missed_risk': 'Standard US English'}"
Q6_FA = "false_alarms: which writing style has the highest share of ROUTINE messages (true_risk 0) flagged?"
Q6_MR = "missed_risk: which writing style has the lowest share of RISK messages (true_risk 1) flagged?"


def _check_q6(answer: Any, data: list[dict] | None = None) -> str:
    if not isinstance(answer, Mapping):
        raise Wrong(FMT_DICT.format(example=Q6_EXAMPLE))
    if any(answer.get(k, None) is ... for k in Q6_KEYS):
        raise NotAttempted
    missing = [k for k in Q6_KEYS if k not in answer]
    if missing:
        raise Wrong(Q3_KEYS_MISSING.format(keys=", ".join(missing)))
    tt = pd.DataFrame(_load("fairness_text_tool", data))
    fpr = tt[tt["true_risk"] == 0].groupby("style")["flagged"].mean()
    tpr = tt[tt["true_risk"] == 1].groupby("style")["flagged"].mean()
    problems = []
    if _key(answer["false_alarms"]) != _key(fpr.idxmax()):
        problems.append(Q6_FA)
    if _key(answer["missed_risk"]) != _key(tpr.idxmin()):
        problems.append(Q6_MR)
    if problems:
        raise Wrong(" ".join(problems))
    return "Correct: the same words get a different score depending on how they are written."


q6 = Question(
    "m04_q6",
    "Q6",
    _check_q6,
    hints=[
        "texts[texts['true_risk'] == 0].groupby('style')['flagged'].mean() gives the false-alarm rate per style.",
        "For missed risk, use true_risk == 1 and look for the LOWEST share flagged.",
    ],
    solution="False alarms: African American English; missed risk: non-native English.",
    blank=_blank_mapping,
)
