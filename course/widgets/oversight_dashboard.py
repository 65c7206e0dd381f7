"""Oversight dashboard (module 03): how one clinician, or the whole team, uses an AI
documentation assistant over a chosen period, with the automation-bias signals flagged.

The logic lives in plain functions (:func:`period_months`, :func:`clinician_summary`,
:func:`summary_html`, :func:`plot_summary`) that tests call directly;
:class:`OversightDashboard` only wires them to ipywidgets.

Stable CSS classes for browser tests: ``course-oversight-dashboard`` (the whole box),
``course-oversight-clinician`` (dropdown), ``course-oversight-period`` (range slider),
``course-oversight-summary`` (HTML), ``course-oversight-plot`` (PNG image); inside the
summary, ``course-oversight-flagged`` / ``course-oversight-ok`` mark the verdict and
``course-oversight-signal`` each signal.
"""

from __future__ import annotations

import html
import io
from typing import Any

import pandas as pd

from ..oversight.usage import (
    ACCEPT_MIN,
    REVIEW_MAX_SECONDS,
    RISE_MIN,
    automation_bias_flags,
    monthly_rates,
    validate_log,
)

__all__ = [
    "TEAM",
    "OversightDashboard",
    "clinician_summary",
    "oversight_dashboard",
    "period_months",
    "plot_summary",
    "summary_html",
]

#: Dropdown entry for the whole team.
TEAM = "(whole team)"
NO_DATA = "No AI suggestions for {who} in this period."
FLAGGED_TEXT = "Automation-bias pattern: high acceptance and very short reviews in the latest month. Talk with the clinician (supportively) and look at a sample of their signed notes."
OK_TEXT = "No automation-bias pattern in the latest month of this period."


def period_months(log: pd.DataFrame, start: str | None = None, end: str | None = None) -> list[str]:
    """The months of *log* from *start* to *end* inclusive (``YYYY-MM`` strings, sorted)."""
    months = sorted(log["month"].astype(str).unique())
    if start is not None and end is not None and start > end:
        start, end = end, start
    return [m for m in months if (start is None or m >= start) and (end is None or m <= end)]


def clinician_summary(log: pd.DataFrame, clinician: str, start: str | None = None, end: str | None = None) -> dict[str, Any]:
    """Rates, review time and automation-bias signals for one clinician (or :data:`TEAM`).

    Parameters
    ----------
    log : pandas.DataFrame
        The usage log.
    clinician : str
        A clinician code, or :data:`TEAM` for everyone.
    start, end : str, optional
        First and last month (``YYYY-MM``) of the period, inclusive.

    Returns
    -------
    dict
        ``who``, ``months``, ``n``, ``accept_rate``, ``edit_rate``, ``override_rate``,
        ``median_review_seconds`` over the period, ``monthly`` (a DataFrame from
        :func:`course.oversight.monthly_rates`), ``flags`` (one row per clinician from
        :func:`course.oversight.automation_bias_flags`, computed on the period) and
        ``flagged`` (list of flagged clinician codes).
    """
    validate_log(log)
    months = period_months(log, start, end)
    part = log[log["month"].isin(months)]
    if clinician != TEAM:
        if clinician not in set(log["clinician"]):
            raise ValueError(f"no clinician {clinician!r} in the log")
        part = part[part["clinician"] == clinician]
    summary: dict[str, Any] = {"who": clinician, "months": months, "n": int(len(part))}
    if len(part) == 0:
        summary.update(accept_rate=None, edit_rate=None, override_rate=None, median_review_seconds=None,
                       monthly=pd.DataFrame(), flags=pd.DataFrame(), flagged=[])
        return summary
    shares = part["action"].value_counts(normalize=True)
    flags = automation_bias_flags(part)
    summary.update(
        accept_rate=float(shares.get("accepted", 0.0)),
        edit_rate=float(shares.get("edited", 0.0)),
        override_rate=float(shares.get("overridden", 0.0)),
        median_review_seconds=float(part["review_seconds"].median()),
        monthly=monthly_rates(part),
        flags=flags,
        flagged=sorted(flags.loc[flags["flagged"], "clinician"]),
    )
    return summary


#: How a signal reads, in words as well as symbol and colour: "present" is a warning sign.
SIGNAL_PRESENT = "Sign present"
SIGNAL_ABSENT = "Not seen"


def _signal(label: str, on: bool, detail: str) -> str:
    """One automation-bias signal. A sign that is present is a warning (red, ⚠, "Sign present");
    one that is absent is neutral grey with an open circle and "Not seen", never a green tick
    (which would read as "detected").
    """
    mark, colour, word = ("&#9888;", "#b00020", SIGNAL_PRESENT) if on else ("&#9675;", "#4d5156", SIGNAL_ABSENT)
    return (f'<li class="course-oversight-signal" data-on="{str(on).lower()}" style="color:{colour}">'
            f'{mark} <span class="course-oversight-signal-state"><b>{word}</b></span> &middot; '
            f"<b>{html.escape(label)}</b>: {html.escape(detail)}</li>")


def summary_html(summary: dict[str, Any]) -> str:
    """The dashboard's text panel for a :func:`clinician_summary`."""
    who = html.escape(str(summary["who"]))
    months = summary["months"]
    period = f"{months[0]} to {months[-1]}" if months else "no months"
    if summary["n"] == 0:
        return f'<div class="course-oversight-empty"><b>{who}</b>, {period}: {html.escape(NO_DATA.format(who=summary["who"]))}</div>'
    head = (
        f"<b>{who}</b>, {period}: {summary['n']} AI suggestions &middot; "
        f"accepted {summary['accept_rate']:.0%} &middot; edited {summary['edit_rate']:.0%} &middot; "
        f"overridden {summary['override_rate']:.0%} &middot; median review {summary['median_review_seconds']:.0f} s"
    )
    flags = summary["flags"]
    if summary["who"] == TEAM:
        rows = "".join(
            f"<tr><td>{html.escape(r.clinician)}</td><td>{r.accept_last:.0%}</td><td>{r.review_last:.0f} s</td>"
            f"<td>{r.accept_change:+.0%}</td><td>{'&#9888; flagged' if r.flagged else ''}</td></tr>"
            for r in flags.itertuples()
        )
        verdict_cls = "course-oversight-flagged" if summary["flagged"] else "course-oversight-ok"
        verdict = (f"Flagged: {', '.join(summary['flagged'])}" if summary["flagged"] else OK_TEXT)
        return (
            f"<div>{head}</div><div class='{verdict_cls}'><b>{html.escape(verdict)}</b></div>"
            "<table><tr><th>clinician</th><th>accepted (latest month)</th><th>median review (latest month)</th>"
            f"<th>change in acceptance</th><th></th></tr>{rows}</table>"
        )
    row = flags.iloc[0]
    signals = "".join(
        [
            _signal("High acceptance", bool(row.high_acceptance), f"{row.accept_last:.0%} accepted in {row.last_month} (threshold {ACCEPT_MIN:.0%})"),
            _signal("Very short review", bool(row.fast_review), f"median {row.review_last:.0f} s in {row.last_month} (threshold {REVIEW_MAX_SECONDS:.0f} s)"),
            _signal("Rising acceptance", bool(row.rising_acceptance), f"{row.accept_change:+.0%} since {row.first_month} (supporting sign at +{RISE_MIN:.0%})"),
        ]
    )
    verdict_cls = "course-oversight-flagged" if row.flagged else "course-oversight-ok"
    verdict = FLAGGED_TEXT if row.flagged else OK_TEXT
    return f"<div>{head}</div><ul>{signals}</ul><div class='{verdict_cls}'><b>{html.escape(verdict)}</b></div>"


def plot_summary(summary: dict[str, Any]):
    """A matplotlib Figure: monthly acceptance / edit / override shares and review time.

    For one clinician: stacked bars per month with the median review time on a second
    axis and both thresholds drawn. For the team: acceptance per clinician per month.
    Returns None when there is nothing to plot.
    """
    from matplotlib.figure import Figure

    monthly = summary["monthly"]
    if summary["n"] == 0 or len(monthly) == 0:
        return None
    fig = Figure(figsize=(9.5, 3.8), dpi=90)
    ax = fig.add_subplot(1, 1, 1)
    if summary["who"] == TEAM:
        for clinician, g in monthly.groupby("clinician"):
            bold = clinician in summary["flagged"]
            ax.plot(g["month"], g["accept_rate"], marker="o", linewidth=2.5 if bold else 1, alpha=1 if bold else 0.5,
                    label=f"{clinician}{' (flagged)' if bold else ''}")
        ax.axhline(ACCEPT_MIN, color="#b00020", linestyle="--", linewidth=1)
        ax.set_ylabel("share of drafts accepted")
        ax.set_ylim(0, 1.05)
        ax.legend(fontsize=9, ncol=1, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
        ax.set_title("Acceptance per clinician and month")
    else:
        months = list(monthly["month"])
        x = range(len(months))
        acc, edit, over = monthly["accept_rate"], monthly["edit_rate"], monthly["override_rate"]
        ax.bar(x, acc, color="#9ecae1", label="accepted")
        ax.bar(x, edit, bottom=acc, color="#fdd49e", label="edited")
        ax.bar(x, over, bottom=acc + edit, color="#fc9272", label="overridden")
        ax.axhline(ACCEPT_MIN, color="#08519c", linestyle="--", linewidth=1, label=f"{ACCEPT_MIN:.0%} acceptance line")
        ax.set_xticks(list(x), months)
        ax.set_ylim(0, 1)
        ax.set_ylabel("share of AI drafts")
        ax2 = ax.twinx()
        ax2.plot(list(x), monthly["median_review_seconds"], color="black", marker="o", label="median review (s)")
        ax2.axhline(REVIEW_MAX_SECONDS, color="black", linestyle=":", linewidth=1, label=f"{REVIEW_MAX_SECONDS:.0f} s review line")
        ax2.set_ylabel("median review time (s)")
        ax2.set_ylim(0, max(150, float(monthly["median_review_seconds"].max()) * 1.1))
        handles = ax.get_legend_handles_labels()[0] + ax2.get_legend_handles_labels()[0]
        # Beside the plot, never over the bars and lines.
        ax.legend(handles, [h.get_label() for h in handles], fontsize=9, loc="upper left",
                  bbox_to_anchor=(1.12, 1.0), frameon=False)
        ax.set_title(f"{summary['who']}: what happened to the AI's drafts")
    fig.tight_layout()
    return fig


def plot_alt_text(summary: dict[str, Any]) -> str:
    """The plot in words (its alt text): the numbers it shows, month by month."""
    monthly = summary["monthly"]
    if summary["n"] == 0 or len(monthly) == 0:
        return "No chart: there are no AI suggestions in this period."
    if summary["who"] == TEAM:
        parts = [
            f"{c}: " + ", ".join(f"{r.month} {r.accept_rate:.0%}" for r in g.itertuples())
            for c, g in monthly.groupby("clinician")
        ]
        return f"Line chart of the share of AI drafts accepted per clinician and month (line at {ACCEPT_MIN:.0%}). " + "; ".join(parts) + "."
    parts = [
        f"{r.month}: accepted {r.accept_rate:.0%}, edited {r.edit_rate:.0%}, overridden {r.override_rate:.0%}, "
        f"median review {r.median_review_seconds:.0f} s"
        for r in monthly.itertuples()
    ]
    return f"Bar chart of what happened to {summary['who']}'s AI drafts each month. " + "; ".join(parts) + "."


def _png(fig) -> bytes:
    if fig is None:
        return b""
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


class OversightDashboard:
    """The interactive dashboard: a clinician dropdown, a period slider, a summary and a plot.

    Parameters
    ----------
    log : pandas.DataFrame, optional
        The usage log (default: ``course.data.load("usage_log")``).
    clinician : str, optional
        Initially selected clinician (default: the whole team).

    Attributes
    ----------
    clinician : ipywidgets.Dropdown
    period : ipywidgets.SelectionRangeSlider
    summary : ipywidgets.HTML
    plot : ipywidgets.Image
    ui : ipywidgets.VBox
        The whole dashboard; displaying the object displays this.
    """

    def __init__(self, log: pd.DataFrame | None = None, clinician: str | None = None) -> None:
        import ipywidgets as w

        if log is None:
            from .. import data

            log = data.load("usage_log")
        self.log = validate_log(log)
        months = period_months(self.log)
        if not months:
            raise ValueError("the usage log is empty")
        options = [TEAM, *sorted(self.log["clinician"].astype(str).unique())]
        self.clinician = w.Dropdown(options=options, value=clinician or TEAM, description="Clinician")
        self.clinician.add_class("course-oversight-clinician")
        self.period = w.SelectionRangeSlider(options=months, index=(0, len(months) - 1), description="Period",
                                             continuous_update=False,  # redraw once, when the drag ends
                                             layout=w.Layout(width="480px"))
        self.period.add_class("course-oversight-period")
        self.summary = w.HTML()
        self.summary.add_class("course-oversight-summary")
        self.plot = w.HTML()  # an <img> with alt text (see course.widgets._a11y.image_html)
        self.png = b""
        self.plot.add_class("course-oversight-plot")
        self.ui = w.VBox([w.HBox([self.clinician, self.period]), self.summary, self.plot])
        self.ui.add_class("course-oversight-dashboard")
        self.clinician.observe(self._update, names="value")
        self.period.observe(self._update, names="value")
        self._update()

    def current(self) -> dict[str, Any]:
        """The summary for the current selection."""
        start, end = self.period.value
        return clinician_summary(self.log, self.clinician.value, start, end)

    def _update(self, change: Any = None) -> None:
        summary = self.current()
        self.summary.value = summary_html(summary)
        from ._a11y import image_html

        self.png = _png(plot_summary(summary))
        self.plot.value = image_html(self.png, plot_alt_text(summary), "700px")

    def _ipython_display_(self) -> None:
        from IPython.display import display

        from ._a11y import label_sliders

        label_sliders()
        display(self.ui)


def oversight_dashboard(log: pd.DataFrame | None = None, clinician: str | None = None) -> OversightDashboard:
    """Build the dashboard (display it by leaving it as the last line of a cell)."""
    return OversightDashboard(log, clinician)
