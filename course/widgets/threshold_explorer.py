"""Threshold explorer: one slider per group; the metrics table and the plot update as you move them.

The logic is in plain functions (:func:`rates_at_thresholds`, :func:`metrics_table_html`,
:func:`plot_rates`) that tests call directly; :class:`ThresholdExplorer` wires them to ipywidgets.

CSS classes (stable, for browser tests): ``course-threshold-explorer`` (the whole widget),
``course-threshold-slider`` (each slider; also ``course-threshold-slider-<n>``, n = 0, 1, ...
in group order), ``course-threshold-table`` (the metrics table HTML), ``course-threshold-summary``
(one-line verdict: four-fifths and equalised odds), ``course-threshold-plot`` (the chart, a PNG image widget),
``course-threshold-reset`` (button: all thresholds back to the starting value).
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..fairness.metrics import FOUR_FIFTHS, group_rates

__all__ = ["ThresholdExplorer", "metrics_table_html", "plot_rates", "rates_at_thresholds", "summary_text", "threshold_explorer"]


def rates_at_thresholds(df: pd.DataFrame, group: str, score: str, label: str, thresholds: Mapping[str, float]) -> pd.DataFrame:
    """Selection rate, TPR and FPR per group when group *g* is flagged at ``score >= thresholds[g]``.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per person.
    group, score, label : str
        Group column, score column (numbers) and 0/1 true-outcome column.
    thresholds : mapping
        Threshold per group value; groups not in the mapping use 0.5.

    Returns
    -------
    pandas.DataFrame
        Indexed by group: ``threshold, n, selection_rate, tpr, fpr``.
    """
    for col in (group, score, label):
        if col not in df.columns:
            raise KeyError(f"column {col!r} is not in the data; columns: {', '.join(df.columns)}")
    keys = df[group].astype(str).rename(group)
    t = keys.map(lambda g: float(thresholds.get(g, 0.5))).to_numpy()
    flagged = pd.DataFrame({"y": df[label].to_numpy(dtype=int), "p": (df[score].to_numpy(dtype=float) >= t).astype(int)})
    rates = group_rates(flagged, keys, "y", "p")
    out = pd.DataFrame(index=rates.index)
    out["threshold"] = [float(thresholds.get(g, 0.5)) for g in rates.index]
    return out.join(rates[["n", "selection_rate", "tpr", "fpr"]])


def summary_text(rates: pd.DataFrame) -> str:
    """One line: the four-fifths check and the equalised-odds difference for *rates*."""
    sel = rates["selection_rate"]
    if sel.max() <= 0:
        ff = "four-fifths screen: no one is flagged"
    else:
        ratio = sel.min() / sel.max()
        # A screening guide (29 CFR 1607.4(D)), not a legal verdict: say what it shows.
        verdict = "met" if ratio >= FOUR_FIFTHS else "not met, a gap to look into"
        ff = f"four-fifths screen {verdict} (selection-rate ratio {ratio:.2f}: {sel.idxmin()} / {sel.idxmax()})"
    tpr, fpr = rates["tpr"].dropna(), rates["fpr"].dropna()
    gaps = [x.max() - x.min() for x in (tpr, fpr) if len(x)]
    eod = f"equalised-odds difference {max(gaps):.2f}" if gaps else "equalised-odds difference n/a"
    return f"{ff}; {eod}"


def metrics_table_html(rates: pd.DataFrame) -> str:
    """The metrics table as HTML (class ``course-threshold-table``)."""
    rows = []
    for g, r in rates.iterrows():
        cells = "".join(
            f"<td>{'n/a' if pd.isna(r[m]) else f'{r[m]:.2f}'}</td>" for m in ("threshold", "selection_rate", "tpr", "fpr")
        )
        rows.append(f"<tr><td>{html.escape(str(g))}</td><td>{int(r['n'])}</td>{cells}</tr>")
    return (
        "<style>.course-threshold-table td, .course-threshold-table th "
        "{padding: 3px 12px; border-bottom: 1px solid #e0e0e0; text-align: right}</style>"
        "<table class='course-threshold-table' style='border-collapse:collapse'>"
        "<thead><tr><th>group</th><th>n</th><th>threshold</th><th>selection rate</th><th>TPR</th><th>FPR</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        f"<p class='course-threshold-summary'>{html.escape(summary_text(rates))}</p>"
    )


#: The plot is drawn at this resolution and shown at its natural size (no shrinking),
#: so FONT_PT points are FONT_PT * PLOT_DPI / 72 pixels on screen (about 15 px).
PLOT_DPI = 100
FONT_PT = 11


def plot_rates(rates: pd.DataFrame, ax=None):
    """Grouped bars of selection rate, TPR and FPR per group, with the four-fifths line."""
    if ax is None:
        from matplotlib.figure import Figure

        fig = Figure(figsize=(8.2, 4.2), dpi=PLOT_DPI, layout="constrained")
        ax = fig.subplots()
    groups = [str(g) for g in rates.index]
    x = np.arange(len(groups))
    width = 0.26
    # Colour and a hatch pattern per metric, so the bars can be told apart without colour.
    for i, (metric, colour, hatch, name) in enumerate(
        (("selection_rate", "#1a73e8", "", "selection rate"), ("tpr", "#1e7e34", "//", "TPR"), ("fpr", "#b00020", "xx", "FPR"))
    ):
        ax.bar(x + (i - 1) * width, rates[metric].fillna(0).to_numpy(), width, color=colour, hatch=hatch,
               edgecolor="white", label=name)
    top = rates["selection_rate"].max()
    if top > 0:
        # Drawn across the selection-rate bars only: the rule compares selection rates.
        ax.hlines(
            [FOUR_FIFTHS * top] * len(groups), x - 1.6 * width, x - 0.4 * width,
            colors="#a05a00", linestyles="--", lw=2, label="four-fifths line (80% of the highest selection rate)",
        )
    ax.set_xticks(x, groups, fontsize=FONT_PT)
    ax.tick_params(axis="y", labelsize=FONT_PT)
    ax.set_ylim(0, 1.05)
    # Under the plot, in the same type size as the axes, so it is readable at a glance.
    ax.legend(fontsize=FONT_PT, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False)
    ax.set_title(summary_text(rates), fontsize=FONT_PT, wrap=True)
    return ax.figure


def plot_alt_text(rates: pd.DataFrame) -> str:
    """The bar chart in words (its alt text): each group's rates at its threshold."""
    parts = []
    for g, r in rates.iterrows():
        vals = ", ".join(f"{name} {'n/a' if pd.isna(r[m]) else f'{r[m]:.2f}'}" for m, name in
                         (("selection_rate", "selection rate"), ("tpr", "TPR"), ("fpr", "FPR")))
        parts.append(f"{g} (threshold {r['threshold']:.2f}): {vals}")
    return f"Bar chart per group. {summary_text(rates)}. " + "; ".join(parts) + "."


class ThresholdExplorer:
    """The widget: a slider per group, a metrics table, a summary line and a plot.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per person.
    group, score, label : str
        Column names.
    start : float
        Starting threshold for every group.
    """

    def __init__(self, df: pd.DataFrame, group: str, score: str, label: str, start: float = 0.5) -> None:
        import ipywidgets as w

        self.df, self.group, self.score, self.label, self.start = df, group, score, label, start
        self.groups = sorted(df[group].astype(str).unique())
        self.sliders: dict[str, w.FloatSlider] = {}
        # Float sliders: a learner can also click the readout and type an exact threshold.
        for i, g in enumerate(self.groups):
            s = w.FloatSlider(
                value=start, min=0.0, max=1.0, step=0.01, description=g, continuous_update=False,
                style={"description_width": "180px"}, layout=w.Layout(width="480px"),
            )
            s.add_class("course-threshold-slider")
            s.add_class(f"course-threshold-slider-{i}")
            s.observe(self._changed, names="value")
            self.sliders[g] = s
        self.table = w.HTML()
        self.table.add_class("course-threshold-table")
        self.plot = w.HTML()  # an <img> with alt text (see course.widgets._a11y.image_html)
        self.png = b""
        self.plot.add_class("course-threshold-plot")
        self.reset = w.Button(description="Reset thresholds")
        self.reset.add_class("course-threshold-reset")
        self.reset.on_click(self._reset)
        self.widget = w.VBox([*self.sliders.values(), self.reset, self.table, self.plot])
        self.widget.add_class("course-threshold-explorer")
        self.rates = pd.DataFrame()
        self.update()

    def thresholds(self) -> dict[str, float]:
        """The current threshold per group."""
        return {g: float(s.value) for g, s in self.sliders.items()}

    def update(self) -> None:
        """Recompute the rates and redraw the table and the plot."""
        import io

        self.rates = rates_at_thresholds(self.df, self.group, self.score, self.label, self.thresholds())
        self.table.value = metrics_table_html(self.rates)
        buf = io.BytesIO()
        from ._a11y import image_html

        plot_rates(self.rates).savefig(buf, format="png", dpi=PLOT_DPI)
        self.png = buf.getvalue()
        self.plot.value = image_html(self.png, plot_alt_text(self.rates), "820px")

    def _changed(self, change) -> None:  # noqa: ARG002
        self.update()

    def _reset(self, button=None) -> None:  # noqa: ARG002
        for s in self.sliders.values():
            s.unobserve(self._changed, names="value")
            s.value = self.start
            s.observe(self._changed, names="value")
        self.update()

    def _ipython_display_(self) -> None:
        from IPython.display import display

        from ._a11y import label_sliders

        label_sliders()
        display(self.widget)


def threshold_explorer(df: pd.DataFrame, group: str, score: str, label: str, start: float = 0.5) -> ThresholdExplorer:
    """Build a :class:`ThresholdExplorer`; put it last in a cell to show it."""
    return ThresholdExplorer(df, group, score, label, start)
