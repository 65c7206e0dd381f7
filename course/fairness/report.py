"""A self-contained HTML audit report (inline CSS, plots embedded as base64 PNG, no links out)."""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Sequence
from datetime import date

import numpy as np

from .metrics import FOUR_FIFTHS, GroupAudit

__all__ = ["html_report", "plot_audit", "plain_summary"]

COLOURS = {"selection_rate": "#1a73e8", "tpr": "#1e7e34", "fpr": "#b00020"}
TITLES = {
    "selection_rate": "Selection rate (share flagged)",
    "tpr": "True-positive rate (share of people\nwho needed it that were flagged)",
    "fpr": "False-positive rate (share of people\nwho did not need it that were flagged)",
}


def plot_audit(a: GroupAudit, fig=None):
    """Bar charts of selection rate, TPR and FPR per group, with 95% intervals and the four-fifths line.

    Parameters
    ----------
    a : GroupAudit
        One column's audit.
    fig : matplotlib.figure.Figure, optional
        Draw into this figure (a new one by default).

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib.figure import Figure

    groups = [str(g) for g in a.rates.index]
    height = max(2.6, 0.42 * len(groups) + 1.4)
    if fig is None:
        fig = Figure(figsize=(12, height), layout="constrained")
    axes = fig.subplots(1, 3, sharey=True)
    y = np.arange(len(groups))
    for ax, metric in zip(axes, ("selection_rate", "tpr", "fpr"), strict=True):
        values = a.rates[metric].to_numpy(dtype=float)
        ax.barh(y, np.nan_to_num(values), color=COLOURS[metric], alpha=0.85)
        right = np.nan_to_num(values).copy()
        if a.confidence_intervals is not None:
            for i, g in enumerate(groups):
                lo, hi = a.confidence_intervals["by_group"][g][metric]
                if lo is not None and not np.isnan(values[i]):
                    ax.plot([lo, hi], [i, i], color="#202124", lw=1.6)
                    ax.plot([lo, lo], [i - 0.15, i + 0.15], [hi, hi], [i - 0.15, i + 0.15], color="#202124", lw=1.2)
                    right[i] = max(right[i], hi)
        for i, v in enumerate(values):
            ax.text(0.01 if np.isnan(v) else right[i] + 0.02, i, "n/a" if np.isnan(v) else f"{v:.2f}", va="center", fontsize=10)
        if metric == "selection_rate" and np.nanmax(values) > 0:
            line = FOUR_FIFTHS * np.nanmax(values)
            ax.axvline(line, color="#a05a00", ls="--", lw=1.5, label="four-fifths line (80% of the highest selection rate)")
            # Under the panel, never over the bars.
            ax.legend(loc="upper left", bbox_to_anchor=(0.0, -0.12), fontsize=10, frameon=False)
        ax.set_title(TITLES[metric], fontsize=11)
        ax.tick_params(axis="x", labelsize=10)
        ax.set_xlim(0, 1.12)
        ax.grid(axis="x", alpha=0.3)
    axes[0].set_yticks(y, groups, fontsize=10)
    axes[0].invert_yaxis()
    fig.suptitle(f"By {a.column}", fontsize=12)
    return fig


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def plain_summary(a: GroupAudit) -> list[str]:
    """Sentences a practice manager can read, about one column's audit."""
    out = []
    ff = a.four_fifths
    if len(a.rates) < 2:
        out.append(f"Only one group ({a.rates.index[0]}) is in this column, so there is nothing to compare.")
    elif ff["ratio"] is None:
        out.append("No one was flagged in any group, so selection rates cannot be compared.")
    elif ff["passes"]:
        out.append(
            f"Selection rates are within the four-fifths rule of thumb: the lowest group ({ff['lowest']}) is flagged at "
            f"{ff['ratio']:.0%} of the rate of the highest ({ff['highest']})."
        )
    else:
        out.append(
            f"Selection rates fall below the four-fifths rule of thumb: {ff['lowest']} clients are flagged at only "
            f"{ff['ratio']:.0%} of the rate of {ff['highest']} clients (the rule of thumb looks for at least 80%). "
            "This is a reason to look closer, not a legal finding."
        )
    tpr = a.rates["tpr"].dropna()
    if len(tpr) > 1 and a.tpr_difference is not None:
        out.append(
            f"Of the people who truly needed follow-up, the tool flagged {tpr.max():.0%} in the best-served group "
            f"({tpr.idxmax()}) but only {tpr.min():.0%} in the worst-served group ({tpr.idxmin()}): a gap of {a.tpr_difference:.2f}."
        )
    fpr = a.rates["fpr"].dropna()
    if len(fpr) > 1 and a.fpr_difference is not None:
        out.append(
            f"False alarms range from {fpr.min():.0%} ({fpr.idxmin()}) to {fpr.max():.0%} ({fpr.idxmax()})."
        )
    if a.equalized_odds_difference is not None:
        level = "large" if a.equalized_odds_difference >= 0.2 else "moderate" if a.equalized_odds_difference >= 0.1 else "small"
        out.append(f"Equalised-odds difference {a.equalized_odds_difference:.2f} ({level}).")
    return out


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:1100px;color:#202124;line-height:1.45}
h1{font-size:1.6em}h2{border-bottom:2px solid #dadce0;padding-bottom:4px;margin-top:2em}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #dadce0;padding:4px 10px;text-align:right}
th:first-child,td:first-child{text-align:left}thead{background:#f1f3f4}
.fail{color:#b00020;font-weight:bold}.pass{color:#1e7e34;font-weight:bold}
.warn{background:#fff4e5;border-left:5px solid #a05a00;padding:6px 10px;margin:4px 0}
.note{background:#e8f0fe;border-left:5px solid #1a73e8;padding:8px 12px}
img{max-width:100%}
"""


def _fmt(v) -> str:
    return "n/a" if v is None or (isinstance(v, float) and np.isnan(v)) else f"{v:.3f}"


def html_report(audits: Sequence[GroupAudit], source: str = "", label: str = "", pred: str = "") -> str:
    """A self-contained HTML report: summary sentences, tables, embedded plots and warnings."""
    e = html.escape
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Fairness audit {e(source)}</title><style>{_CSS}</style></head><body>",
        "<h1>Fairness audit</h1>",
        f"<p>File <b>{e(source)}</b>; true outcome <code>{e(label)}</code>, decision <code>{e(pred)}</code>; "
        f"report made {date.today().isoformat()} by <code>course audit</code>.</p>",
        "<p class='note'>How to read this: the <b>selection rate</b> is the share of a group the tool flagged. "
        "The <b>true-positive rate</b> is the share of people who really needed follow-up that were flagged "
        "(higher is better); the <b>false-positive rate</b> is the share of people who did not need it that "
        "were flagged anyway (lower is better). The <b>four-fifths rule</b> (from the Uniform Guidelines on Employee "
        "Selection Procedures, 1978; 29 CFR 1607.4(D)) is a rule of thumb from employment law: a group selected at less than 80% of the rate of the "
        "most-selected group deserves a closer look. Black lines on the bars, and the numbers in brackets, are "
        "95% confidence intervals: wide ones mean a group is too small to judge. This report is a starting point for a conversation, "
        "not a legal finding.</p>",
    ]
    for a in audits:
        d = a.to_dict()
        ff = d["four_fifths"]
        verdict = (
            "<span class='pass'>at or above 80%</span>" if ff["passes"] else "<span class='fail'>below 80%: look closer</span>" if ff["passes"] is False else "n/a"
        )
        parts.append(f"<h2>By {e(a.column)}</h2><ul>")
        parts += [f"<li>{e(s)}</li>" for s in plain_summary(a)]
        parts.append("</ul>")
        parts.append(f"<img alt='Rates by {e(a.column)}' src='data:image/png;base64,{_png(plot_audit(a))}'>")
        ci = d.get("confidence_intervals")
        parts.append("<table><thead><tr><th>group</th><th>n</th><th>selection rate</th><th>TPR</th><th>FPR</th></tr></thead><tbody>")
        for g, r in d["by_group"].items():
            cells = []
            for m in ("selection_rate", "tpr", "fpr"):
                cell = _fmt(r[m])
                if ci and r[m] is not None and ci["by_group"][g][m][0] is not None:
                    lo, hi = ci["by_group"][g][m]
                    cell += f" <small>({lo:.2f}-{hi:.2f})</small>"
                cells.append(f"<td>{cell}</td>")
            parts.append(f"<tr><td>{e(g)}</td><td>{r['n']:,}</td>{''.join(cells)}</tr>")
        parts.append("</tbody></table><table><tbody>")
        parts.append(f"<tr><td>demographic-parity difference</td><td>{_fmt(d['demographic_parity_difference'])}</td></tr>")
        parts.append(f"<tr><td>demographic-parity ratio</td><td>{_fmt(d['demographic_parity_ratio'])}</td></tr>")
        parts.append(f"<tr><td>equalised-odds difference</td><td>{_fmt(d['equalized_odds_difference'])}</td></tr>")
        parts.append(f"<tr><td>four-fifths rule of thumb</td><td>{verdict}</td></tr></tbody></table>")
        if ci:
            lo, hi = ci["equalized_odds_difference"]
            if lo is not None:
                parts.append(
                    f"<p>Equalised-odds difference, 95% bootstrap interval ({ci['resamples']} resamples): "
                    f"{lo:.3f} to {hi:.3f}.</p>"
                )
        if d.get("score_by_group"):
            parts.append("<table><thead><tr><th>group</th><th>mean score</th><th>AUC (how well the score ranks)</th></tr></thead><tbody>")
            for g, r in d["score_by_group"].items():
                parts.append(f"<tr><td>{e(g)}</td><td>{_fmt(r['mean_score'])}</td><td>{_fmt(r['auc'])}</td></tr>")
            parts.append("</tbody></table>")
        for w in d["warnings"]:
            parts.append(f"<div class='warn'>⚠ {e(w)}</div>")
    parts.append("</body></html>")
    return "\n".join(parts)
