"""Consent records: whether a given AI tool may be used with this client on this date.

A practice keeps one record per consent decision::

    {"client_id": "C014", "tool": "ai_scribe", "date": "2025-03-04",
     "decision": "consent", "given_by": "guardian", "minor": True,
     "valid_until": "2026-03-03"}

* ``decision`` is ``"consent"``, ``"decline"`` or ``"withdraw"``;
* ``given_by`` is ``"client"`` or ``"guardian"``;
* ``minor`` says whether the client was a minor when the decision was made;
* ``valid_until`` is the last day a consent is valid (``None``: no expiry).

The rules the course teaches (and :func:`may_use_ai` implements):

1. Only this client's records for this tool, made on or before the date, count.
2. The latest decision wins. On the same day, a ``decline`` or ``withdraw`` beats a
   ``consent`` (when in doubt, do not record).
3. ``decline`` and ``withdraw`` mean no.
4. A consent counts only until its ``valid_until`` date (inclusive).
5. A minor's consent counts only if a guardian gave it; a minor's own "no" always counts.
6. No record, no consent.

These are teaching rules, not legal rules: who may consent for a minor, and when a
minor may consent alone, differ by state and by service.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["DECISIONS", "may_use_ai", "explain", "parse_date"]

DECISIONS = ("consent", "decline", "withdraw")
_RANK = {"consent": 0, "decline": 1, "withdraw": 1}


def parse_date(value: str | dt.date) -> dt.date:
    """A ``datetime.date`` from a ``date``/``datetime`` or an ISO ``"YYYY-MM-DD"`` string."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise ValueError(f"Dates must look like '2025-03-04' (year-month-day); got {value!r}.")


def explain(records: Iterable[Mapping[str, Any]], client_id: str, tool: str, on_date: str | dt.date) -> tuple[bool, str]:
    """Decide, and say why in one plain sentence.

    Parameters
    ----------
    records : iterable of dict
        Consent records (see the module docstring).
    client_id, tool : str
        Whom and which tool we ask about.
    on_date : str or datetime.date
        The day of the session.

    Returns
    -------
    (bool, str)
        Whether the tool may be used, and the reason.

    """
    day = parse_date(on_date)
    relevant = [
        r for r in records if r.get("client_id") == client_id and r.get("tool") == tool and parse_date(r["date"]) <= day
    ]
    if not relevant:
        return False, "no consent on record for this client and tool (no record, no consent)"
    latest = max(relevant, key=lambda r: (parse_date(r["date"]), _RANK.get(r.get("decision"), 1)))
    decision = latest.get("decision")
    when = parse_date(latest["date"]).isoformat()
    if decision != "consent":
        return False, f"the latest decision ({when}) was '{decision}'"
    if latest.get("minor") and latest.get("given_by") != "guardian":
        return False, f"the latest consent ({when}) was given by a minor without a guardian's consent"
    until = latest.get("valid_until")
    if until is not None and day > parse_date(until):
        return False, f"the latest consent ({when}) expired on {parse_date(until).isoformat()}"
    return True, f"valid consent given on {when}"


def may_use_ai(records: Iterable[Mapping[str, Any]], client_id: str, tool: str, on_date: str | dt.date) -> bool:
    """True if the practice may use *tool* with *client_id* on *on_date*.

    See the module docstring for the six rules; :func:`explain` also gives the reason.
    """
    return explain(records, client_id, tool, on_date)[0]
