"""Usage-log audit: how a team actually uses an AI documentation assistant.

The reference answers for exercise 03 (Q1, Q2) and the numbers behind the oversight
dashboard. Thresholds are documented constants so that a practice can argue about
them, change them, and write them into its policy.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

__all__ = [
    "ACCEPT_MIN",
    "ACTIONS",
    "REQUIRED_COLUMNS",
    "REVIEW_MAX_SECONDS",
    "RISE_MIN",
    "automation_bias_flags",
    "flagged_clinicians",
    "monthly_rates",
    "validate_log",
]

#: The three things a clinician can do with an AI draft.
ACTIONS = ("accepted", "edited", "overridden")
#: Columns a usage log must have.
REQUIRED_COLUMNS = ("clinician", "month", "action", "review_seconds")

#: Automation-bias signal 1: acceptance rate in the clinician's latest month at or above this.
ACCEPT_MIN = 0.90
#: Automation-bias signal 2: median review time (seconds, all suggestions) in the latest month at or below this.
REVIEW_MAX_SECONDS = 30.0
#: Supporting signal (shown, not required for the flag): acceptance rose by at least this since the first month.
RISE_MIN = 0.20


def validate_log(log: pd.DataFrame) -> pd.DataFrame:
    """Check that *log* looks like a usage log; return it unchanged.

    Raises
    ------
    TypeError
        If *log* is not a pandas DataFrame.
    ValueError
        If a required column is missing, or ``action`` holds an unknown value.

    """
    if not isinstance(log, pd.DataFrame):
        raise TypeError(f"expected a pandas DataFrame (the usage log), got {type(log).__name__}")
    missing = [c for c in REQUIRED_COLUMNS if c not in log.columns]
    if missing:
        raise ValueError(f"the usage log is missing column(s): {', '.join(missing)}")
    unknown = sorted(set(log["action"].astype(str)) - set(ACTIONS))
    if unknown:
        raise ValueError(f"unknown action(s) {unknown}; expected one of {list(ACTIONS)}")
    return log


def monthly_rates(log: pd.DataFrame) -> pd.DataFrame:
    """Acceptance, edit and override rates and review time per clinician and month.

    Parameters
    ----------
    log : pandas.DataFrame
        One row per AI suggestion with ``clinician``, ``month``, ``action`` and
        ``review_seconds``.

    Returns
    -------
    pandas.DataFrame
        One row per clinician and month (sorted), columns ``clinician``, ``month``,
        ``n``, ``accept_rate``, ``edit_rate``, ``override_rate`` (fractions 0-1 that
        add up to 1) and ``median_review_seconds``.

    """
    validate_log(log)
    keys = ["clinician", "month"]
    counts = pd.crosstab([log["clinician"], log["month"]], log["action"])
    for action in ACTIONS:
        if action not in counts.columns:
            counts[action] = 0
    n = counts[list(ACTIONS)].sum(axis=1)
    out = pd.DataFrame(
        {
            "n": n,
            "accept_rate": counts["accepted"] / n,
            "edit_rate": counts["edited"] / n,
            "override_rate": counts["overridden"] / n,
        }
    )
    out["median_review_seconds"] = log.groupby(keys)["review_seconds"].median()
    out = out.reset_index().sort_values(keys).reset_index(drop=True)
    out["n"] = out["n"].astype(int)
    out["median_review_seconds"] = out["median_review_seconds"].astype(float)
    return out


def automation_bias_flags(
    log: pd.DataFrame,
    accept_min: float = ACCEPT_MIN,
    review_max: float = REVIEW_MAX_SECONDS,
    rise_min: float = RISE_MIN,
) -> pd.DataFrame:
    """One row per clinician: the automation-bias signals in their latest month.

    A clinician is **flagged** when, in their most recent month in *log*, their
    acceptance rate is at least *accept_min* **and** the median time they spent
    reviewing a suggestion is at most *review_max* seconds. Either signal alone is
    common and harmless (a clinician who writes many routine letters accepts a lot;
    a fast reader reviews quickly); together they suggest rubber-stamping. A rise in
    acceptance since the clinician's first month (*rise_min*) is reported as
    supporting evidence, not required.

    Parameters
    ----------
    log : pandas.DataFrame
        The usage log (see :func:`monthly_rates`).
    accept_min, review_max, rise_min : float
        Thresholds; defaults :data:`ACCEPT_MIN`, :data:`REVIEW_MAX_SECONDS`, :data:`RISE_MIN`.

    Returns
    -------
    pandas.DataFrame
        Columns ``clinician``, ``first_month``, ``last_month``, ``accept_first``,
        ``accept_last``, ``accept_change``, ``review_first``, ``review_last``,
        ``high_acceptance``, ``fast_review``, ``rising_acceptance`` and ``flagged``.

    """
    rates = monthly_rates(log)
    rows = []
    for clinician, g in rates.groupby("clinician", sort=True):
        g = g.sort_values("month")
        first, last = g.iloc[0], g.iloc[-1]
        change = float(last["accept_rate"] - first["accept_rate"])
        high = bool(last["accept_rate"] >= accept_min)
        fast = bool(last["median_review_seconds"] <= review_max)
        rows.append(
            {
                "clinician": clinician,
                "first_month": first["month"],
                "last_month": last["month"],
                "accept_first": float(first["accept_rate"]),
                "accept_last": float(last["accept_rate"]),
                "accept_change": change,
                "review_first": float(first["median_review_seconds"]),
                "review_last": float(last["median_review_seconds"]),
                "high_acceptance": high,
                "fast_review": fast,
                "rising_acceptance": bool(change >= rise_min),
                "flagged": high and fast,
            }
        )
    return pd.DataFrame(rows)


def flagged_clinicians(log: pd.DataFrame, months: Iterable[str] | None = None) -> list[str]:
    """The clinicians :func:`automation_bias_flags` flags, sorted.

    Parameters
    ----------
    log : pandas.DataFrame
        The usage log.
    months : iterable of str, optional
        Restrict the log to these months first (e.g. a dashboard's period).

    """
    if months is not None:
        log = log[log["month"].isin(list(months))]
    if len(log) == 0:
        return []
    flags = automation_bias_flags(log)
    return sorted(flags.loc[flags["flagged"], "clinician"].tolist())
