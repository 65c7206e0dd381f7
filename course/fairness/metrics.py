"""Group fairness metrics, computed the way fairlearn (0.13+) computes them, but vectorised,
with bootstrap confidence intervals, small-group warnings and clear errors for bad input.

Definitions (for a binary decision ``pred`` and a binary true outcome ``label``):

* selection rate = share of the group with ``pred == 1``;
* true-positive rate (TPR) = share of the group's true positives that were flagged;
* false-positive rate (FPR) = share of the group's true negatives that were flagged;
* demographic-parity difference = largest minus smallest selection rate;
* demographic-parity ratio = smallest over largest selection rate (the four-fifths ratio);
* equalised-odds difference = the worse (larger) of the TPR difference and the FPR difference.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "AuditError",
    "FOUR_FIFTHS",
    "GroupAudit",
    "MIN_GROUP_SIZE",
    "MIN_GROUP_OUTCOMES",
    "audit",
    "audit_column",
    "audit_frames",
    "group_rates",
    "intersect",
    "prepare",
    "wilson_interval",
]

FOUR_FIFTHS = 0.8
#: Groups with fewer rows, or fewer true positives / negatives, get a "too small to judge" warning.
MIN_GROUP_SIZE = 30
MIN_GROUP_OUTCOMES = 10

# Messages (tests assert on them).
MSG_MISSING = "column {col!r} is not in the file. Columns found: {found}."
MSG_NOT_BINARY = (
    "the {role} column {col!r} must contain only 0 and 1 (or True/False); found {values}. "
    "Recode it first (for example 1 = needed follow-up, 0 = did not)."
)
MSG_LOOKS_LIKE_SCORE = (
    "the prediction column {col!r} holds scores between 0 and 1, not 0/1 decisions. "
    "Give the 0/1 decision column as --pred (the score can go in --score)."
)
MSG_NAN = (
    "{count} row(s) have no value in column {col!r} (first at row {first}). "
    "Fill them in, remove them, or use --dropna to leave them out of the audit."
)
MSG_EMPTY = "there are no rows to audit."
MSG_NO_POSITIVES = "group {group!r} has no true positives ({col!r} = 1): its TPR cannot be computed and is left out of the TPR comparison."
MSG_NO_NEGATIVES = "group {group!r} has no true negatives ({col!r} = 0): its FPR cannot be computed and is left out of the FPR comparison."
MSG_SMALL = (
    "group {group!r} is too small to judge: {n} rows, {pos} true positives, {neg} true negatives "
    "(fewer than {min_n} rows or {min_k} of either outcome). Treat its rates as very uncertain{ci}."
)
MSG_FF_SMALL = (
    "the four-fifths comparison rests on a group too small to judge (the {end}, {group!r}); "
    "look at the confidence intervals before drawing conclusions."
)
MSG_ONE_GROUP = "column {col!r} has only one group ({group!r}): there is nothing to compare."
MSG_NONE_SELECTED = "no one in any group was selected: the selection-rate ratio is undefined."
MSG_DROPPED = "{count} row(s) with missing values were left out (--dropna)."


class AuditError(ValueError):
    """Bad input for an audit; the message says what is wrong and how to fix it."""


def _as_binary(series: pd.Series, role: str) -> np.ndarray:
    """0/1 integers from a 0/1 or boolean column, or :class:`AuditError`."""
    col = series.name
    if series.dtype == bool:
        return series.to_numpy(dtype=np.int8)
    values = pd.unique(series)
    if len(values) > 50_000:
        values = values[:50_000]
    try:
        numeric = pd.to_numeric(pd.Series(values), errors="raise").to_numpy(dtype=float)
    except (ValueError, TypeError):
        lowered = {str(v).strip().lower() for v in values}
        if lowered <= {"true", "false"}:
            return series.astype(str).str.strip().str.lower().eq("true").to_numpy(dtype=np.int8)
        shown = ", ".join(repr(v) for v in sorted(map(str, values))[:6])
        raise AuditError(MSG_NOT_BINARY.format(role=role, col=col, values=shown)) from None
    if not np.isin(numeric, (0.0, 1.0)).all():
        if role == "prediction" and ((numeric >= 0) & (numeric <= 1)).all():
            raise AuditError(MSG_LOOKS_LIKE_SCORE.format(col=col))
        shown = ", ".join(repr(v.item() if hasattr(v, "item") else v) for v in sorted(values)[:6])
        raise AuditError(MSG_NOT_BINARY.format(role=role, col=col, values=shown))
    return pd.to_numeric(series).to_numpy(dtype=np.int8)


def prepare(
    df: pd.DataFrame,
    groups: Sequence[str],
    label: str,
    pred: str,
    score: str | None = None,
    dropna: bool = False,
) -> tuple[pd.DataFrame, list[str]]:
    """Validate *df* and return a clean copy with integer ``label`` / ``pred`` columns.

    Parameters
    ----------
    df : pandas.DataFrame
        The data, one row per person.
    groups : sequence of str
        Group (sensitive-feature) columns.
    label, pred : str
        True-outcome column and decision column (both 0/1).
    score : str, optional
        A numeric score column (checked for being numeric).
    dropna : bool
        Leave rows with missing values out (with a warning) instead of refusing.

    Returns
    -------
    (pandas.DataFrame, list of str)
        The cleaned frame and any warnings.

    Raises
    ------
    AuditError
        Missing columns, missing values (unless *dropna*), non-binary labels or decisions.
    """
    if not groups:
        raise AuditError("give at least one group column (--group COL).")
    needed = [*groups, label, pred] + ([score] if score else [])
    found = ", ".join(map(str, df.columns)) or "none"
    for col in needed:
        if col not in df.columns:
            raise AuditError(MSG_MISSING.format(col=col, found=found))
    warnings: list[str] = []
    sub = df[list(dict.fromkeys(needed))]
    missing = sub.isna()
    if missing.to_numpy().any():
        if dropna:
            bad = missing.any(axis=1)
            warnings.append(MSG_DROPPED.format(count=int(bad.sum())))
            sub = sub[~bad.to_numpy()]
        else:
            for col in sub.columns:
                col_missing = missing[col].to_numpy()
                if col_missing.any():
                    first = int(np.argmax(col_missing)) + 2  # +1 for 1-based, +1 for the header line
                    raise AuditError(MSG_NAN.format(count=int(col_missing.sum()), col=col, first=first))
    if len(sub) == 0:
        raise AuditError(MSG_EMPTY)
    out = pd.DataFrame({g: sub[g].to_numpy() for g in groups})
    out["__label"] = _as_binary(sub[label], "label")
    out["__pred"] = _as_binary(sub[pred], "prediction")
    if score:
        try:
            out["__score"] = pd.to_numeric(sub[score], errors="raise").to_numpy(dtype=float)
        except (ValueError, TypeError):
            raise AuditError(f"the score column {score!r} must be numeric.") from None
    return out, warnings


def intersect(df: pd.DataFrame, columns: Sequence[str], sep: str = " | ") -> pd.Series:
    """One intersectional group label per row, e.g. ``"Black | woman"``."""
    parts = [df[c].astype(str) for c in columns]
    out = parts[0]
    for p in parts[1:]:
        out = out + sep + p
    return out.rename(" x ".join(columns))


def group_rates(df: pd.DataFrame, group: str | pd.Series, label: str, pred: str) -> pd.DataFrame:
    """Per-group counts and rates: ``n, positives, negatives, selected, tp, fp, selection_rate, tpr, fpr``.

    Rates with a zero denominator are NaN (never a made-up 0).
    """
    key = df[group] if isinstance(group, str) else group
    y = df[label].to_numpy(dtype=np.int64)
    p = df[pred].to_numpy(dtype=np.int64)
    frame = pd.DataFrame({"g": key.to_numpy(), "y": y, "p": p, "tp": y * p})
    agg = frame.groupby("g", sort=True, observed=True).agg(n=("y", "size"), positives=("y", "sum"), selected=("p", "sum"), tp=("tp", "sum"))
    agg.index.name = key.name if isinstance(group, pd.Series) else group
    agg["negatives"] = agg["n"] - agg["positives"]
    agg["fp"] = agg["selected"] - agg["tp"]
    with np.errstate(divide="ignore", invalid="ignore"):
        agg["selection_rate"] = agg["selected"] / agg["n"]
        agg["tpr"] = (agg["tp"] / agg["positives"]).where(agg["positives"] > 0)
        agg["fpr"] = (agg["fp"] / agg["negatives"]).where(agg["negatives"] > 0)
    return agg[["n", "positives", "negatives", "selected", "tp", "fp", "selection_rate", "tpr", "fpr"]]


def _spread(values: np.ndarray) -> np.ndarray:
    """Max - min along the last axis, ignoring NaN (NaN if fewer than one value)."""
    with np.errstate(invalid="ignore"), _quiet():
        return np.nanmax(values, axis=-1) - np.nanmin(values, axis=-1)


class _quiet:
    def __enter__(self):
        import warnings

        self._ctx = warnings.catch_warnings()
        self._ctx.__enter__()
        warnings.simplefilter("ignore", RuntimeWarning)

    def __exit__(self, *exc):
        return self._ctx.__exit__(*exc)


def wilson_interval(successes: int, total: int, confidence: float = 0.95) -> list[float | None]:
    """Wilson score interval for a proportion (sensible even at 0% and 100%); ``[None, None]`` if *total* is 0."""
    if total <= 0:
        return [None, None]
    from statistics import NormalDist

    z = NormalDist().inv_cdf((1 + confidence) / 2)
    p = successes / total
    denom = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denom
    half = z * np.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denom
    return [float(max(0.0, centre - half)), float(min(1.0, centre + half))]


def _bootstrap(rates: pd.DataFrame, n_boot: int, rng: np.random.Generator, confidence: float) -> dict[str, Any]:
    """Confidence intervals: stratified bootstrap for the between-group differences, Wilson for each group's rates.

    Resampling a group's rows (with replacement, same size) is the same as drawing its four
    confusion-matrix cell counts from a multinomial, which is what we do: exact, and fast for
    millions of rows. Per-group rates get Wilson score intervals, because a percentile bootstrap
    collapses to a single point when a small group's rate is exactly 0 or 1.
    """
    tp = rates["tp"].to_numpy()
    fp = rates["fp"].to_numpy()
    fn = (rates["positives"] - rates["tp"]).to_numpy()
    tn = (rates["negatives"] - rates["fp"]).to_numpy()
    n = rates["n"].to_numpy()
    k = len(rates)
    cells = np.empty((n_boot, k, 4))
    for j in range(k):
        probs = np.array([tp[j], fp[j], fn[j], tn[j]], dtype=float) / n[j]
        cells[:, j, :] = rng.multinomial(n[j], probs, size=n_boot)
    btp, bfp, bfn, btn = (cells[..., i] for i in range(4))
    with np.errstate(divide="ignore", invalid="ignore"):
        sel = (btp + bfp) / n
        tpr = np.where(btp + bfn > 0, btp / (btp + bfn), np.nan)
        fpr = np.where(bfp + btn > 0, bfp / (bfp + btn), np.nan)
    # Groups without positives (negatives) in the data are left out of the TPR (FPR) spread.
    tpr[:, rates["positives"].to_numpy() == 0] = np.nan
    fpr[:, rates["negatives"].to_numpy() == 0] = np.nan
    lo, hi = (1 - confidence) / 2 * 100, (1 + confidence) / 2 * 100

    def interval(a: np.ndarray) -> list[float | None]:
        a = a[~np.isnan(a)]
        if a.size == 0:
            return [None, None]
        return [float(np.percentile(a, lo)), float(np.percentile(a, hi))]

    dpd = _spread(sel)
    eod = np.fmax(_spread(tpr), _spread(fpr))
    by_group = {}
    for name, r in rates.iterrows():
        by_group[str(name)] = {
            "selection_rate": wilson_interval(int(r["selected"]), int(r["n"]), confidence),
            "tpr": wilson_interval(int(r["tp"]), int(r["positives"]), confidence),
            "fpr": wilson_interval(int(r["fp"]), int(r["negatives"]), confidence),
        }
    return {
        "confidence": confidence,
        "method": "bootstrap (stratified by group) for the differences; Wilson score for each group's rates",
        "resamples": n_boot,
        "demographic_parity_difference": interval(dpd),
        "equalized_odds_difference": interval(eod),
        "by_group": by_group,
    }


def _num(x: float) -> float | None:
    """*x* as a plain float at full precision (``None`` for missing): ``course audit --json``
    and the Python API give the exact values; only the text and HTML views round.
    """
    return None if x is None or (isinstance(x, float) and np.isnan(x)) else float(x)


@dataclass
class GroupAudit:
    """The audit of one group column (or one intersection of columns)."""

    column: str
    rates: pd.DataFrame
    demographic_parity_difference: float | None
    demographic_parity_ratio: float | None
    equalized_odds_difference: float | None
    tpr_difference: float | None
    fpr_difference: float | None
    four_fifths: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    confidence_intervals: dict[str, Any] | None = None
    score_by_group: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form used by ``course audit --json``."""
        out: dict[str, Any] = {
            "by_group": {
                str(g): {
                    "n": int(r["n"]),
                    "selection_rate": _num(r["selection_rate"]),
                    "tpr": _num(r["tpr"]),
                    "fpr": _num(r["fpr"]),
                }
                for g, r in self.rates.iterrows()
            },
            "demographic_parity_difference": _num(self.demographic_parity_difference),
            "demographic_parity_ratio": _num(self.demographic_parity_ratio),
            "equalized_odds_difference": _num(self.equalized_odds_difference),
            "four_fifths": self.four_fifths,
            "warnings": list(self.warnings),
        }
        if self.confidence_intervals is not None:
            out["confidence_intervals"] = self.confidence_intervals
        if self.score_by_group is not None:
            out["score_by_group"] = self.score_by_group
        return out


def _score_summary(key: pd.Series, y: np.ndarray, s: np.ndarray) -> dict[str, Any]:
    """Mean score and AUC per group; AUC by the rank-sum (Mann-Whitney) formula, ties averaged.

    Vectorised (one grouped rank), so it stays fast on millions of rows; equals
    ``sklearn.metrics.roc_auc_score`` within each group.
    """
    frame = pd.DataFrame({"g": key.to_numpy(), "y": y.astype(np.int64), "s": s})
    frame["rank"] = frame.groupby("g", sort=False, observed=True)["s"].rank(method="average")
    frame["pos_rank"] = frame["rank"] * frame["y"]
    agg = frame.groupby("g", sort=True, observed=True).agg(n=("y", "size"), pos=("y", "sum"), mean=("s", "mean"), rank_sum=("pos_rank", "sum"))
    out = {}
    for g, r in agg.iterrows():
        pos, neg = float(r["pos"]), float(r["n"] - r["pos"])
        auc = (r["rank_sum"] - pos * (pos + 1) / 2) / (pos * neg) if pos > 0 and neg > 0 else None
        out[str(g)] = {"mean_score": _num(r["mean"]), "auc": None if auc is None else _num(auc)}
    return out


def audit_column(
    df: pd.DataFrame,
    group: str | pd.Series,
    label: str = "__label",
    pred: str = "__pred",
    score: str | None = None,
    n_boot: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
    min_n: int = MIN_GROUP_SIZE,
    min_k: int = MIN_GROUP_OUTCOMES,
    label_name: str | None = None,
) -> GroupAudit:
    """Audit one group column of a prepared frame (see :func:`prepare`).

    Parameters
    ----------
    df : pandas.DataFrame
        Rows with 0/1 ``label`` and ``pred`` columns.
    group : str or pandas.Series
        A column name, or a per-row series of group labels (e.g. from :func:`intersect`).
    label, pred, score : str
        Column names.
    n_boot : int
        Bootstrap resamples for confidence intervals (0 = none).
    confidence : float
        Confidence level of the intervals.
    seed : int
        Seed of the bootstrap (results are reproducible).
    min_n, min_k : int
        Small-group thresholds: rows, and true positives / negatives.
    label_name : str, optional
        How to name the outcome column in warnings (default: *label*).

    Returns
    -------
    GroupAudit
    """
    name = group if isinstance(group, str) else str(group.name)
    rates = group_rates(df, group, label, pred)
    warnings: list[str] = []
    if len(rates) < 2:
        warnings.append(MSG_ONE_GROUP.format(col=name, group=str(rates.index[0])))
    for g, r in rates.iterrows():
        if r["positives"] == 0:
            warnings.append(MSG_NO_POSITIVES.format(group=str(g), col=label_name or label))
        if r["negatives"] == 0:
            warnings.append(MSG_NO_NEGATIVES.format(group=str(g), col=label_name or label))
    sel = rates["selection_rate"].to_numpy(dtype=float)
    tpr = rates["tpr"].to_numpy(dtype=float)
    fpr = rates["fpr"].to_numpy(dtype=float)
    dpd = float(sel.max() - sel.min())
    ratio: float | None
    if sel.max() > 0:
        ratio = float(sel.min() / sel.max())
    else:
        ratio = None
        warnings.append(MSG_NONE_SELECTED)
    tpr_d = float(_spread(tpr)) if np.isfinite(tpr).any() else None
    fpr_d = float(_spread(fpr)) if np.isfinite(fpr).any() else None
    eod = None if tpr_d is None and fpr_d is None else max(x for x in (tpr_d, fpr_d) if x is not None)
    compared = ratio is not None and len(rates) > 1  # one group alone: nothing to compare
    four_fifths = {
        "passes": bool(ratio >= FOUR_FIFTHS) if compared else None,
        "ratio": _num(ratio) if compared else None,
        "lowest": str(rates["selection_rate"].idxmin()),
        "highest": str(rates["selection_rate"].idxmax()),
    }
    ci = None
    if n_boot > 0:
        ci = _bootstrap(rates, n_boot, np.random.default_rng(seed), confidence)
    small = set()
    for g, r in rates.iterrows():
        if r["n"] < min_n or r["positives"] < min_k or r["negatives"] < min_k:
            small.add(str(g))
            extra = ""
            if ci is not None:
                lo, hi = ci["by_group"][str(g)]["tpr"]
                if lo is not None:
                    extra = f" (95% interval for its TPR: {lo:.2f} to {hi:.2f})" if confidence == 0.95 else f" (interval for its TPR: {lo:.2f} to {hi:.2f})"
            warnings.append(MSG_SMALL.format(group=str(g), n=int(r["n"]), pos=int(r["positives"]), neg=int(r["negatives"]), min_n=min_n, min_k=min_k, ci=extra))
    for end in ("lowest", "highest"):
        if four_fifths[end] in small:
            warnings.append(MSG_FF_SMALL.format(end=end, group=four_fifths[end]))
    scores = None
    if score is not None:
        key = df[group] if isinstance(group, str) else group
        scores = _score_summary(key, df[label].to_numpy(), df[score].to_numpy(dtype=float))
    return GroupAudit(name, rates, dpd, ratio, eod, tpr_d, fpr_d, four_fifths, warnings, ci, scores)


def audit(
    df: pd.DataFrame,
    groups: Sequence[str],
    label: str,
    pred: str,
    score: str | None = None,
    intersectional: bool = False,
    dropna: bool = False,
    n_boot: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
    min_n: int = MIN_GROUP_SIZE,
) -> dict[str, Any]:
    """Audit *df* for every group column (and their intersection if asked).

    Returns
    -------
    dict
        ``{"groups": {COL: GroupAudit.to_dict()}}``: the ``course audit --json`` schema.
        Warnings about the whole file (e.g. dropped rows) are repeated under every column.

    Raises
    ------
    AuditError
        For bad input (see :func:`prepare`).
    """
    audits = audit_frames(df, groups, label, pred, score, intersectional, dropna, n_boot, confidence, seed, min_n)
    return {"groups": {a.column: a.to_dict() for a in audits}}


def audit_frames(
    df: pd.DataFrame,
    groups: Sequence[str],
    label: str,
    pred: str,
    score: str | None = None,
    intersectional: bool = False,
    dropna: bool = False,
    n_boot: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
    min_n: int = MIN_GROUP_SIZE,
) -> list[GroupAudit]:
    """Like :func:`audit` but returns the :class:`GroupAudit` objects (for reports and plots)."""
    groups = list(dict.fromkeys(groups))
    clean, file_warnings = prepare(df, groups, label, pred, score, dropna)
    keys: list[str | pd.Series] = list(groups)
    if intersectional and len(groups) > 1:
        keys.append(intersect(clean, groups))
    out = []
    for key in keys:
        a = audit_column(
            clean, key, "__label", "__pred", "__score" if score else None, n_boot=n_boot, confidence=confidence, seed=seed, min_n=min_n,
            label_name=label,
        )
        a.warnings = file_warnings + a.warnings
        out.append(a)
    return out
