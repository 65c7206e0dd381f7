"""Review calendar: when the practice's AI policy is next due for review.

A review is due at the earlier of the scheduled date (last review plus the cadence)
and a short time after any trigger event that happened since the last review.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable

import pandas as pd

__all__ = ["TRIGGER_DAYS", "add_months", "deadline_table", "next_review", "parse_date", "review_calendar", "plot_review_calendar"]

#: Trigger event kind -> days within which a review must follow it.
TRIGGER_DAYS: dict[str, int] = {
    "security incident": 7,
    "client complaint": 14,
    "new AI tool": 30,
    "vendor change": 30,
    "bias finding": 30,
    "new law or guidance": 60,
}


def _date(value: object, what: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"{what} should be a date such as date(2026, 3, 31) or '2026-03-31', not {value!r}")


def add_months(day: dt.date, months: int) -> dt.date:
    """*day* plus *months* calendar months, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    day = _date(day, "day")
    index = day.month - 1 + int(months)
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _events(events: Iterable[tuple[object, str]]) -> list[tuple[dt.date, str]]:
    out = []
    for item in events:
        try:
            when, kind = item
        except (TypeError, ValueError):
            raise ValueError(f"each event should be a (date, kind) pair, not {item!r}") from None
        if kind not in TRIGGER_DAYS:
            raise ValueError(f"unknown trigger event kind {kind!r}; use one of {list(TRIGGER_DAYS)}")
        out.append((_date(when, "an event date"), kind))
    return out


def next_review(last_review: dt.date, cadence_months: int, events: Iterable[tuple[dt.date, str]] = ()) -> dt.date:
    """The date the next review is due.

    Parameters
    ----------
    last_review : date
        When the policy was last reviewed (or adopted).
    cadence_months : int
        Scheduled review interval in months.
    events : iterable of (date, kind)
        Trigger events; kinds are keys of :data:`TRIGGER_DAYS`. Only events after
        *last_review* count.

    Returns
    -------
    date
        The earliest of ``add_months(last_review, cadence_months)`` and
        ``event date + TRIGGER_DAYS[kind]`` for each event after *last_review*.

    """
    last = _date(last_review, "last_review")
    if int(cadence_months) < 1:
        raise ValueError("cadence_months should be at least 1")
    due = add_months(last, cadence_months)
    for when, kind in _events(events):
        if when > last:
            due = min(due, when + dt.timedelta(days=TRIGGER_DAYS[kind]))
    return due


def deadline_table(last_review: dt.date | str, cadence_months: int, events: Iterable[tuple[object, str]] = (),
                   since: str = "the last review") -> pd.DataFrame:
    """The dates a reviewer weighs: the scheduled review, and each trigger event's review deadline.

    It does not say which events count (only those after *last_review* do) or which date
    is the answer: that is the reader's judgement (exercises 05 and 07). *since* names the
    starting date in the first row ("the last review", or "the policy took effect").

    Returns
    -------
    DataFrame
        One row for the scheduled review, then one per event in date order; columns
        ``what``, ``date`` (the event's date, or the last review's), ``days_allowed``
        (from :data:`TRIGGER_DAYS`; empty for the scheduled review) and ``review_due_by``
        (ISO dates as text).

    """
    last = _date(last_review, "last_review")
    rows = [{"what": f"scheduled review ({int(cadence_months)} months after {since})", "date": last.isoformat(),
             "days_allowed": "", "review_due_by": add_months(last, cadence_months).isoformat()}]
    for when, kind in sorted(_events(events)):
        rows.append({"what": kind, "date": when.isoformat(), "days_allowed": TRIGGER_DAYS[kind],
                     "review_due_by": (when + dt.timedelta(days=TRIGGER_DAYS[kind])).isoformat()})
    return pd.DataFrame(rows, columns=["what", "date", "days_allowed", "review_due_by"])


def parse_date(value: object) -> dt.date:
    """A date written as text, year-month-day ("2026-07-09", also "2026-7-9" or "2026/07/09").

    Raises ``ValueError`` for anything else.
    """
    import re

    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*", value)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                pass
    raise ValueError(f"not a year-month-day date: {value!r}")


def review_calendar(
    start: dt.date, cadence_months: int, events: Iterable[tuple[dt.date, str]] = (), until: dt.date | None = None
) -> pd.DataFrame:
    """Every review from *start* to *until* (default: two years), assuming each happens when due.

    Returns
    -------
    DataFrame
        Columns ``review`` (number), ``due`` (date) and ``reason`` ("scheduled" or the
        trigger event that brought it forward).

    """
    start = _date(start, "start")
    until = _date(until, "until") if until is not None else add_months(start, 24)
    evs = _events(events)
    rows, last = [], start
    while True:
        due = next_review(last, cadence_months, evs)
        if due > until:
            break
        causes = [f"{kind} on {when.isoformat()}" for when, kind in evs if when > last and when + dt.timedelta(days=TRIGGER_DAYS[kind]) == due]
        reason = "scheduled" if due == add_months(last, cadence_months) and not causes else "; ".join(causes)
        rows.append({"review": len(rows) + 1, "due": due, "reason": reason})
        last = due
    return pd.DataFrame(rows, columns=["review", "due", "reason"])


def plot_review_calendar(cal: pd.DataFrame, events: Iterable[tuple[dt.date, str]] = (), ax=None):
    """A timeline: trigger events above the line, reviews below. Returns the matplotlib Axes."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(9, 2.6))
    ax.axhline(0, color="#5f6368", lw=1)
    for _, row in cal.iterrows():
        colour = "#1a73e8" if row["reason"] == "scheduled" else "#d93025"
        ax.plot([row["due"]], [0], "o", color=colour, ms=9)
        ax.annotate(f"review {row['review']}\n{row['due']:%d %b %Y}", (row["due"], 0), xytext=(0, -30),
                    textcoords="offset points", ha="center", fontsize=8)
    for when, kind in _events(events):
        ax.plot([when], [0], "v", color="#f29900", ms=9)
        ax.annotate(kind, (when, 0), xytext=(0, 14), textcoords="offset points", ha="center", fontsize=8, rotation=20)
    ax.set_yticks([])
    ax.set_ylim(-1, 1)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.set_title("Policy reviews (blue: scheduled, red: brought forward) and trigger events (orange)", fontsize=10)
    return ax
