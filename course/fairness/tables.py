"""One-call tables for the module 04 exercise: the course counts, the learner judges.

Each function takes a data set like the course's (``course.data.load(...)``) and returns a
small pandas table, rounded for reading: who is represented in a training sample, the three
rates of an outcome audit, the disparity over time, the text tool's error rates by style.
The exercise's checks compute their expected answers from the same functions.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .metrics import group_rates

__all__ = [
    "REPRESENTATION_COLUMNS",
    "disparity_summary",
    "outcome_table",
    "quarterly_disparity",
    "representation_table",
    "text_tool_table",
]

#: The client characteristics the representation audit looks at.
REPRESENTATION_COLUMNS = ("race_ethnicity", "primary_language", "age_band")


def representation_table(
    rep: pd.DataFrame,
    columns: Sequence[str] = REPRESENTATION_COLUMNS,
    source: str = "source",
    training: str = "training_sample",
    population: str = "clinic_population",
) -> pd.DataFrame:
    """Each group's share of the training sample and of the clinic, and their ratio.

    Parameters
    ----------
    rep : DataFrame
        One row per person, with a *source* column saying which group of people
        (*training* or *population*) the row belongs to.
    columns : sequence of str
        The characteristics to compare.

    Returns
    -------
    DataFrame
        Indexed by (``characteristic``, ``group``); columns ``training_share``,
        ``clinic_share`` and ``ratio`` (training share divided by clinic share: 1 means
        "as common in training as in the clinic", 0.5 "half as common").
    """
    rows = []
    for col in columns:
        shares = rep.groupby(source)[col].value_counts(normalize=True).unstack(0).fillna(0.0)
        for group, r in shares.iterrows():
            clinic = float(r.get(population, 0.0))
            train = float(r.get(training, 0.0))
            rows.append({"characteristic": col, "group": str(group), "training_share": train, "clinic_share": clinic,
                         "ratio": train / clinic if clinic else float("nan")})
    return pd.DataFrame(rows).set_index(["characteristic", "group"])


def outcome_table(df: pd.DataFrame, group: str, label: str = "outcome", pred: str = "flagged") -> pd.DataFrame:
    """The three rates of an outcome audit, per group of *group*.

    Returns
    -------
    DataFrame
        Indexed by group: ``clients`` (rows), ``needed_follow_up`` (rows with *label* 1),
        ``selection_rate`` (share flagged), ``tpr`` (among those who needed follow-up,
        the share flagged) and ``fpr`` (among those who did not, the share flagged).
    """
    rates = group_rates(df, group, label, pred)
    out = pd.DataFrame(
        {
            "clients": rates["n"],
            "needed_follow_up": rates["positives"],
            "selection_rate": rates["selection_rate"],
            "tpr": rates["tpr"],
            "fpr": rates["fpr"],
        }
    )
    out.index = out.index.astype(str)
    return out


def disparity_summary(df: pd.DataFrame, groups: Sequence[str], label: str = "outcome", pred: str = "flagged") -> pd.DataFrame:
    """One row per characteristic: the gaps an auditor reports.

    Returns
    -------
    DataFrame
        Indexed by characteristic: ``lowest_selection_group``, ``selection_ratio``
        (lowest selection rate divided by the highest: the four-fifths screen of the
        Uniform Guidelines, 29 CFR 1607.4(D), looks for a ratio below 0.8),
        ``lowest_tpr_group`` and ``equalized_odds_difference`` (the larger of the TPR gap
        and the FPR gap between groups).
    """
    rows = {}
    for col in groups:
        t = outcome_table(df, col, label, pred)
        sel = t["selection_rate"]
        tpr, fpr = t["tpr"].dropna(), t["fpr"].dropna()
        rows[col] = {
            "lowest_selection_group": sel.idxmin(),
            "selection_ratio": float(sel.min() / sel.max()) if sel.max() > 0 else float("nan"),
            "lowest_tpr_group": tpr.idxmin() if len(tpr) else None,
            "equalized_odds_difference": float(max(tpr.max() - tpr.min(), fpr.max() - fpr.min())),
        }
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "characteristic"
    return out


def quarterly_disparity(df: pd.DataFrame, group: str = "race_ethnicity", quarter: str = "quarter",
                        label: str = "outcome", pred: str = "flagged") -> pd.DataFrame:
    """The equalised-odds difference (and its two parts) across *group*, one row per quarter."""
    rows = {}
    for q, part in df.groupby(quarter, sort=True):
        t = outcome_table(part, group, label, pred)
        tpr, fpr = t["tpr"].dropna(), t["fpr"].dropna()
        gap_tpr, gap_fpr = float(tpr.max() - tpr.min()), float(fpr.max() - fpr.min())
        rows[str(q)] = {"clients": int(t["clients"].sum()), "tpr_gap": gap_tpr, "fpr_gap": gap_fpr,
                        "equalized_odds_difference": max(gap_tpr, gap_fpr)}
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = quarter
    return out


def text_tool_table(texts: pd.DataFrame | list[dict], style: str = "style", truth: str = "true_risk", pred: str = "flagged") -> pd.DataFrame:
    """The text tool's errors per writing style.

    Returns
    -------
    DataFrame
        Indexed by style: ``routine_messages`` and ``false_alarm_rate`` (routine messages,
        *truth* 0, that were flagged), ``risk_messages`` and ``missed_risk_rate`` (risk
        messages, *truth* 1, that were not flagged).
    """
    df = texts if isinstance(texts, pd.DataFrame) else pd.DataFrame(list(texts))
    routine, risky = df[df[truth] == 0], df[df[truth] == 1]
    out = pd.DataFrame(
        {
            "routine_messages": routine.groupby(style).size(),
            "false_alarm_rate": routine.groupby(style)[pred].mean(),
            "risk_messages": risky.groupby(style).size(),
            "missed_risk_rate": 1 - risky.groupby(style)[pred].mean(),
        }
    )
    out.index = out.index.astype(str)
    out.index.name = style
    return out
