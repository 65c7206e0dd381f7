"""Every chart and table a lesson shows, drawn by the course (issue 20).

A clinician sees the chart, not ten lines of matplotlib: each lesson cell calls one of
these functions, and the result displays itself. A :class:`Chart` is an ``<img>`` with
alt text that states the numbers it shows (so a screen reader, or a printout without
colour, carries the same information) and an optional caption. Series differ by hatch
pattern or direct labels as well as colour. :func:`table` shows a data frame as a styled,
horizontally scrollable table with nothing cut off and no "NaN".
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

__all__ = [
    "Chart",
    "Table",
    "acceptance_chart",
    "audit_chart",
    "coverage_chart",
    "guided_care_chart",
    "k_anonymity_chart",
    "k_anonymity_table",
    "missing_elements_chart",
    "pilot_recall_chart",
    "quarterly_chart",
    "recall_chart",
    "representation_chart",
    "review_calendar_chart",
    "table",
    "vendor_chart",
]

#: Type size of every chart (points, at :data:`DPI`): about 15 px on screen.
FONT_PT = 11
DPI = 100
#: Hatches used, in order, to tell series apart without colour.
HATCHES = ("", "//", "xx", "..", "\\\\", "++")
#: Shown instead of NaN in tables.
MISSING = "–"


@dataclass
class Chart:
    """A finished chart: displays as an image with alt text (and a caption, if any)."""

    figure: Any
    alt: str
    caption: str = ""

    def png(self) -> bytes:
        """The chart as PNG image bytes (at :data:`DPI`)."""
        buf = io.BytesIO()
        self.figure.savefig(buf, format="png", dpi=DPI, bbox_inches="tight")
        return buf.getvalue()

    def _repr_html_(self) -> str:
        data = base64.b64encode(self.png()).decode("ascii")
        alt = html.escape(self.alt, quote=True)
        cap = f'<figcaption style="color:#202124;font-size:90%">{html.escape(self.caption)}</figcaption>' if self.caption else ""
        return (
            f'<figure class="course-chart" style="margin:4px 0">'
            f'<img src="data:image/png;base64,{data}" alt="{alt}" style="max-width:100%;height:auto">{cap}</figure>'
        )

    def __repr__(self) -> str:
        return f"[chart] {self.alt}"


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    return fig, fig.subplots()


def _style(ax, title: str = "") -> None:
    ax.tick_params(labelsize=FONT_PT)
    ax.xaxis.label.set_size(FONT_PT)
    ax.yaxis.label.set_size(FONT_PT)
    if title:
        ax.set_title(title, fontsize=FONT_PT + 1)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _pct(x: float) -> str:
    return "n/a" if pd.isna(x) else f"{x:.0%}"


# ---- tables --------------------------------------------------------------------------------


@dataclass
class Table:
    """A data frame shown as a styled table: scrolls sideways when wide, wraps long text,
    shows :data:`MISSING` for empty cells, and is a named, keyboard-reachable region.
    """

    frame: pd.DataFrame
    caption: str
    digits: int = 2
    index: bool = True

    def _cell(self, value: Any) -> str:
        if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
            return MISSING
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, float):
            return f"{value:.{self.digits}f}"
        return html.escape(str(value))

    def _repr_html_(self) -> str:
        df = self.frame
        head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in ([df.index.name or ""] if self.index else []) + list(df.columns))
        rows = []
        for idx, row in df.iterrows():
            first = f'<th scope="row">{html.escape(str(idx))}</th>' if self.index else ""
            rows.append("<tr>" + first + "".join(f"<td>{self._cell(v)}</td>" for v in row.tolist()) + "</tr>")
        label = html.escape(self.caption, quote=True)
        note = f'<p style="font-size:85%;color:#4d5156;margin:2px 0">{MISSING} = no value (not applicable or not enough data)</p>' if self._has_missing() else ""
        return (
            f'<div class="course-table" role="region" tabindex="0" aria-label="{label}" '
            'style="overflow-x:auto;max-width:100%">'
            '<table style="border-collapse:collapse;font-size:95%;color:#202124">'
            f'<caption style="text-align:left;font-weight:bold;padding:4px 0">{html.escape(self.caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{note}"
            "<style>.course-table th,.course-table td{padding:3px 10px;border-bottom:1px solid #dadce0;"
            "text-align:left;vertical-align:top;white-space:normal;max-width:36em}</style></div>"
        )

    def _has_missing(self) -> bool:
        return bool(self.frame.isna().to_numpy().any())

    def __repr__(self) -> str:
        return f"{self.caption}\n{self.frame.fillna(MISSING).to_string()}"


def table(frame: pd.DataFrame, caption: str, digits: int = 2, index: bool = True) -> Table:
    """Show *frame* as a readable table titled *caption* (put it last in a cell)."""
    return Table(frame, caption, digits, index)


# ---- module 01 --------------------------------------------------------------------------------

_K_LEVELS = (
    ("full ZIP + date of birth + gender", ["zip", "date_of_birth", "gender"]),
    ("3-digit ZIP + age band + gender", ["zip3", "age_band", "gender"]),
    ("3-digit ZIP + age band", ["zip3", "age_band"]),
)


def k_anonymity_table(extract: pd.DataFrame) -> pd.DataFrame:
    """For each level of coarsening: k, and how many records are alone, in groups of 2-4, or of 5+."""
    rows = []
    for name, keys in _K_LEVELS:
        size = extract.groupby(keys)[keys[0]].transform("size")
        rows.append({
            "quasi-identifiers kept": name,
            "k (smallest group)": int(size.min()),
            "records alone in their group": int((size == 1).sum()),
            "records in groups of 2-4": int(((size >= 2) & (size <= 4)).sum()),
            "records in groups of 5 or more": int((size >= 5).sum()),
        })
    return pd.DataFrame(rows).set_index("quasi-identifiers kept")


def k_anonymity_chart(extract: pd.DataFrame) -> Chart:
    """Stacked bars: how many records are alone, in small groups, or in groups of 5+ at each level."""
    t = k_anonymity_table(extract)
    fig, ax = _figure(9, 3.2)
    parts = (("records alone in their group", "#b00020", "xx"), ("records in groups of 2-4", "#f29900", "//"),
             ("records in groups of 5 or more", "#1a73e8", ""))
    left = pd.Series(0, index=t.index)
    for col, colour, hatch in parts:
        ax.barh(t.index[::-1], t[col][::-1], left=left[::-1], color=colour, hatch=hatch, edgecolor="white", label=col.replace("records ", ""))
        for y, (x0, w) in enumerate(zip(left[::-1], t[col][::-1], strict=True)):
            if w >= 8:
                ax.text(x0 + w / 2, y, str(int(w)), ha="center", va="center", fontsize=FONT_PT, color="white",
                        fontweight="bold", bbox={"facecolor": colour, "edgecolor": "none", "pad": 2})
        left = left + t[col]
    ax.set_xlabel(f"records in the extract (of {len(extract)})")
    ax.legend(fontsize=FONT_PT, loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=3, frameon=False)
    _style(ax, "Coarser quasi-identifiers leave fewer records alone")
    alt = "Stacked bar chart of the research extract. " + "; ".join(
        f"{name}: k = {r['k (smallest group)']}, {r['records alone in their group']} records alone, "
        f"{r['records in groups of 2-4']} in groups of 2-4, {r['records in groups of 5 or more']} in groups of 5 or more"
        for name, r in t.iterrows()
    ) + "."
    return Chart(fig, alt)


def recall_chart(evaluations: Mapping[str, Any], skip: Iterable[str] = ("PROVIDER",)) -> Chart:
    """Grouped bars of recall per identifier type, one series per evaluation (e.g. Presidio vs the course)."""
    names = list(evaluations)
    labels = sorted({lab for e in evaluations.values() for lab in e.gold} - set(skip))
    fig, ax = _figure(10, 4)
    width = 0.8 / max(1, len(names))
    colours = ("#9aa0a6", "#1a73e8", "#1e7e34")
    for i, name in enumerate(names):
        values = [evaluations[name].label_recall(lab) for lab in labels]
        xs = [x + (i - (len(names) - 1) / 2) * width for x in range(len(labels))]
        ax.bar(xs, values, width=width, color=colours[i % 3], hatch=HATCHES[i], edgecolor="white", label=name)
    ax.set_xticks(range(len(labels)), labels, rotation=60, ha="right")
    ax.set_ylabel("recall (share hidden)")
    ax.set_ylim(0, 1.05)
    ax.legend(fontsize=FONT_PT, loc="upper center", bbox_to_anchor=(0.5, -0.45), ncol=len(names), frameon=False)
    _style(ax, "Share of each kind of identifier that was hidden")
    alt = "Bar chart of recall per identifier type. " + "; ".join(
        f"{lab}: " + ", ".join(f"{n} {evaluations[n].label_recall(lab):.2f}" for n in names) for lab in labels
    ) + "."
    return Chart(fig, alt)


# ---- module 02 --------------------------------------------------------------------------------


def missing_elements_chart(scripts: Iterable[Mapping[str, Any]]) -> Chart:
    """Horizontal bars: the share of practice scripts missing each consent element, labelled."""
    from .consent import ELEMENT_NAMES, ELEMENTS

    scripts = list(scripts)
    missing = [sum(not s["labels"][el] for s in scripts) / len(scripts) for el in ELEMENTS]
    fig, ax = _figure(9, 4)
    names = [ELEMENT_NAMES[el] for el in ELEMENTS][::-1]
    ax.barh(names, missing[::-1], color="#1a73e8")
    for y, v in enumerate(missing[::-1]):
        ax.text(v + 0.01, y, f"{v:.0%}", va="center", fontsize=FONT_PT)
    ax.set_xlabel("share of practice scripts missing this element")
    ax.set_xlim(0, 1)
    _style(ax, f"{len(scripts)} practice scripts: which elements are missing")
    alt = f"Bar chart of {len(scripts)} practice consent scripts. Share missing each element: " + "; ".join(
        f"{ELEMENT_NAMES[el]} {v:.0%}" for el, v in zip(ELEMENTS, missing, strict=True)
    ) + "."
    return Chart(fig, alt)


# ---- module 03 --------------------------------------------------------------------------------


def acceptance_chart(rates: pd.DataFrame, line: float = 0.9) -> Chart:
    """Acceptance per clinician and month, each line labelled at its end (no legend over the lines)."""
    fig, ax = _figure(10, 4)
    markers = "osD^v<>p*h"
    for i, (clinician, g) in enumerate(rates.groupby("clinician")):
        ax.plot(list(g["month"]), list(g["accept_rate"]), marker=markers[i % len(markers)], label=clinician)
        ax.annotate(clinician, (len(g) - 1, g["accept_rate"].iloc[-1]), xytext=(6, 0), textcoords="offset points",
                    va="center", fontsize=FONT_PT - 1)
    ax.axhline(line, color="#5f6368", linestyle="--", linewidth=1)
    ax.text(0, line + 0.01, f"{line:.0%} acceptance", fontsize=FONT_PT - 1, color="#4d5156")
    ax.set_ylabel("share of drafts accepted")
    ax.set_ylim(0, 1.05)
    ax.legend(fontsize=FONT_PT - 1, loc="upper left", bbox_to_anchor=(1.04, 1.0), frameon=False)
    _style(ax, "Acceptance of the AI's drafts, per clinician and month")
    alt = "Line chart of the share of AI drafts accepted per clinician and month. " + "; ".join(
        f"{c}: " + ", ".join(f"{m} {_pct(v)}" for m, v in zip(g["month"], g["accept_rate"], strict=True))
        for c, g in rates.groupby("clinician")
    ) + "."
    return Chart(fig, alt)


def guided_care_chart(survey: pd.DataFrame) -> Chart:
    """Share agreeing "my therapist, not the app, guided my care", by whether entries were discussed."""
    agree = (survey["therapist_guided"] >= 4).groupby(survey["discussed_in_session"]).mean()
    labels = {"no": "entries not discussed", "yes": "entries discussed in session"}
    fig, ax = _figure(8, 2.4)
    keys = [k for k in ("no", "yes") if k in agree.index]
    ax.barh([labels[k] for k in keys], [agree[k] * 100 for k in keys], color=["#fc9272", "#9ecae1"][: len(keys)],
            hatch=None, edgecolor="white")
    for y, k in enumerate(keys):
        ax.text(agree[k] * 100 + 1, y, f"{agree[k]:.0%}", va="center", fontsize=FONT_PT)
    ax.set_xlabel('% agreeing "my therapist, not the app, guided my care"')
    ax.set_xlim(0, 100)
    _style(ax)
    alt = "Bar chart: " + "; ".join(f"{labels[k]}: {agree[k]:.0%} agree their therapist guided their care" for k in keys) + "."
    return Chart(fig, alt)


# ---- module 04 --------------------------------------------------------------------------------


def representation_chart(rep: pd.DataFrame, column: str = "primary_language") -> Chart:
    """Shares of each group in the clinic population and in the tool's training sample."""
    shares = rep.groupby("source")[column].value_counts(normalize=True).unstack(0).fillna(0)
    shares = shares[["clinic_population", "training_sample"]]
    fig, ax = _figure(9, 0.8 + 0.55 * len(shares))
    y = range(len(shares))
    ax.barh([i + 0.2 for i in y], shares["clinic_population"], height=0.4, color="#5f6368", label="clinic population")
    ax.barh([i - 0.2 for i in y], shares["training_sample"], height=0.4, color="#1a73e8", hatch="//", edgecolor="white",
            label="the tool's training sample")
    ax.set_yticks(list(y), list(shares.index))
    for i, (a, b) in enumerate(zip(shares["clinic_population"], shares["training_sample"], strict=True)):
        ax.text(a + 0.01, i + 0.2, f"{a:.0%}", va="center", fontsize=FONT_PT - 1)
        ax.text(b + 0.01, i - 0.2, f"{b:.0%}", va="center", fontsize=FONT_PT - 1)
    ax.set_xlabel("share of people")
    ax.legend(fontsize=FONT_PT, loc="lower right", frameon=False)
    _style(ax, "Primary language: clinic population vs the tool's training sample")
    alt = "Bar chart of primary language shares. " + "; ".join(
        f"{g}: clinic {a:.0%}, training sample {b:.0%}"
        for g, a, b in zip(shares.index, shares["clinic_population"], shares["training_sample"], strict=True)
    ) + "."
    return Chart(fig, alt)


def audit_chart(group_audit: Any) -> Chart:
    """The fairness audit's bars (selection rate, TPR, FPR with intervals) as a chart with alt text."""
    from matplotlib.figure import Figure

    from .fairness import plot_audit

    fig = plot_audit(group_audit, fig=Figure(figsize=(10, 3.8), dpi=DPI, layout="constrained"))
    frame = getattr(group_audit, "rates", None)
    alt = "Bar charts of selection rate, true-positive rate and false-positive rate per group, with 95% intervals and the four-fifths line."
    if isinstance(frame, pd.DataFrame):
        cols = [c for c in ("selection_rate", "tpr", "fpr") if c in frame.columns]
        alt += " " + "; ".join(f"{g}: " + ", ".join(f"{c} {r[c]:.2f}" for c in cols) for g, r in frame.iterrows()) + "."
    return Chart(fig, alt)


def quarterly_chart(trend: Mapping[str, float], alert: float = 0.2) -> Chart:
    """The equalised-odds difference per quarter against the practice's alert level."""
    series = pd.Series(trend)
    fig, ax = _figure(9, 3)
    ax.plot(list(series.index), list(series.values), marker="o", color="#b00020", label="equalised-odds difference")
    for x, v in enumerate(series.values):
        ax.annotate(f"{v:.2f}", (x, v), xytext=(0, 7), textcoords="offset points", ha="center", fontsize=FONT_PT - 1)
    ax.axhline(alert, ls="--", color="#5f6368", label=f"the practice's alert level ({alert})")
    ax.set_ylabel("equalised-odds difference")
    ax.set_ylim(0, max(0.5, float(series.max()) * 1.2))
    ax.legend(fontsize=FONT_PT, loc="upper left", frameon=False)
    _style(ax, "Quarterly audit")
    alt = f"Line chart of the equalised-odds difference per quarter, alert level {alert}: " + ", ".join(
        f"{q} {v:.2f}" for q, v in series.items()
    ) + "."
    return Chart(fig, alt)


# ---- module 05 --------------------------------------------------------------------------------

_DECISION_STYLE = {"approve": ("#1e7e34", ""), "approve with conditions": ("#f29900", "//"), "reject": ("#b00020", "xx")}


def vendor_chart(card: pd.DataFrame) -> Chart:
    """The vendor scorecard: score per vendor, coloured and hatched by decision, decision written beside."""
    from matplotlib.patches import Patch

    fig, ax = _figure(10, 0.8 + 0.38 * len(card))
    names = list(card.index)[::-1]
    for y, name in enumerate(names):
        score, decision = card.loc[name, "score"], card.loc[name, "decision"]
        colour, hatch = _DECISION_STYLE.get(decision, ("#5f6368", ""))
        ax.barh(y, score, color=colour, hatch=hatch, edgecolor="white")
        ax.text(score + 1, y, f"{score:.0f} · {decision}", va="center", fontsize=FONT_PT - 1)
    ax.set_yticks(range(len(names)), names)
    ax.axvline(80, color="#5f6368", ls="--", lw=1)
    ax.axvline(60, color="#5f6368", ls=":", lw=1)
    ax.set_xlabel("weighted due-diligence score (0-100); dashed: 80, dotted: 60")
    ax.set_xlim(0, 115)
    handles = [Patch(facecolor=c, hatch=h, edgecolor="white", label=d) for d, (c, h) in _DECISION_STYLE.items()]
    ax.legend(handles=handles, fontsize=FONT_PT, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, frameon=False)
    _style(ax, "Fictional AI vendors: score and decision")
    alt = "Bar chart of the vendor scorecard: " + "; ".join(
        f"{n} {card.loc[n, 'score']:.0f} ({card.loc[n, 'decision']})" for n in card.index
    ) + "."
    return Chart(fig, alt)


def review_calendar_chart(calendar: pd.DataFrame, events: Iterable[tuple[Any, str]] = ()) -> Chart:
    """The policy-review timeline (trigger events above, reviews below) with the dates in its alt text."""
    from .guidelines.review import plot_review_calendar

    events = list(events)
    fig, ax = _figure(10, 3)
    plot_review_calendar(calendar, events, ax=ax)
    alt = "Timeline of policy reviews: " + "; ".join(
        f"review {r['review']} due {r['due']:%d %B %Y} ({r['reason']})" for _, r in calendar.iterrows()
    )
    if events:
        alt += ". Trigger events: " + "; ".join(f"{kind} on {when:%d %B %Y}" for when, kind in events)
    return Chart(fig, alt + ".")


# ---- module 06 --------------------------------------------------------------------------------


def coverage_chart() -> Chart:
    """The crosswalk heat map (explicit / general / silent), with every cell written out in its alt text."""
    from .guidelines.crosswalk import SHORT, coverage, plot_coverage

    cov = coverage()
    fig, ax = _figure(10, 1.8 + 0.42 * len(cov))
    plot_coverage(ax=ax)
    level = {0: "silent", 1: "general", 2: "explicit"}
    alt = "Heat map of how explicitly each source addresses each guardrail. " + "; ".join(
        f"{SHORT.get(src, src)}: " + ", ".join(f"{col.split(' (')[0]} {level.get(int(v), v)}" for col, v in row.items())
        for src, row in cov.iterrows()
    ) + "."
    return Chart(fig, alt)


# ---- module 07 --------------------------------------------------------------------------------


def pilot_recall_chart(pilot: pd.DataFrame) -> Chart:
    """The scribe pilot: share of sessions with risk language that were flagged, by primary language."""
    with_risk = pilot[pilot["risk_language_present"] == 1]
    by = with_risk.groupby("primary_language")["scribe_flagged_risk"].agg(["mean", "size"])
    fig, ax = _figure(10, 0.9 + 0.45 * len(by))
    ax.barh(list(by.index), by["mean"], color="#1a73e8")
    for i, (rate, n) in enumerate(zip(by["mean"], by["size"], strict=True)):
        ax.text(rate + 0.01, i, f"{rate:.0%} of {n}", va="center", fontsize=FONT_PT - 1)
    if "English" in by.index:
        ax.axvline(0.8 * by.loc["English", "mean"], color="#b00020", ls="--", lw=1)
    ax.set_xlim(0, 1.15)
    ax.set_xlabel("share of sessions with risk language that the scribe flagged (recall)\ndashed: four-fifths of the English rate")
    _style(ax, "Pilot: the scribe's risk flags by client's primary language")
    alt = "Bar chart of the scribe's recall for risk language by primary language: " + "; ".join(
        f"{g} {r:.0%} of {n} sessions" for g, r, n in zip(by.index, by["mean"], by["size"], strict=True)
    ) + "."
    return Chart(fig, alt)
