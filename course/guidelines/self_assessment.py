"""Self-assessment across the six guardrails, and a personal action plan (capstone).

The learner rates three statements per guardrail: 0 not yet, 1 partly, 2 in place.
:func:`area_scores` summarises them; :func:`action_plan` turns them, with the learner's
answer to the closing question, into a Markdown action plan (lowest areas first);
:func:`save_action_plan` saves it under ``my_work/``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from .crosswalk import GUARDRAILS
from .review import add_months

__all__ = [
    "CLOSING_QUESTION",
    "RATINGS",
    "STATEMENTS",
    "validate_ratings",
    "area_scores",
    "action_plan",
    "save_action_plan",
    "plot_scores",
]

CLOSING_QUESTION = "How is your practice addressing the ethical implications of AI?"

#: Rating values and their meaning.
RATINGS = {0: "not yet", 1: "partly", 2: "in place"}

#: Statement id -> (guardrail id, statement, action if not yet in place).
STATEMENTS: dict[str, tuple[str, str, str]] = {
    "privacy_1": ("privacy", "Every AI tool that touches client information is covered by a business associate agreement.",
                  "List every AI tool that touches client information and get a BAA signed or stop using it."),
    "privacy_2": ("privacy", "We share only the minimum necessary with AI tools, de-identified where the task allows.",
                  "Agree which tasks may use identifiable information, and de-identify (module 01) for the rest."),
    "privacy_3": ("privacy", "We know how long each vendor keeps our clients' data, and where.",
                  "Ask each vendor in writing about retention and data location; record the answers in the inventory."),
    "consent_1": ("consent", "Clients are told, in plain language, how each AI tool works and what data it uses, before it is used.",
                  "Write (and check) a plain-language consent script for each AI tool (module 02)."),
    "consent_2": ("consent", "Clients can decline or withdraw consent without any effect on their care.",
                  "Add a clear opt-out to consent scripts and a way to record withdrawal."),
    "consent_3": ("consent", "Consent is documented and revisited when a tool or its use changes.",
                  "Document consent in the record and revisit it at treatment-plan reviews and after tool changes."),
    "oversight_1": ("oversight", "A clinician reviews every AI output before it enters the record or reaches a client.",
                    "Make clinician review of AI output a written rule, and spot-check that it happens (module 03)."),
    "oversight_2": ("oversight", "Risk signals (suicide, self-harm, harm to others, abuse) always reach a human promptly.",
                    "Write escalation rules so that risk messages go to a person at once, and test them."),
    "oversight_3": ("oversight", "We watch for automation bias, for example by auditing how often AI drafts are accepted unedited.",
                    "Audit the AI usage log each quarter for unedited acceptances and rushed reviews."),
    "fairness_1": ("fairness", "We have asked vendors for performance results broken down by client group.",
                   "Ask each vendor for results by language, race and ethnicity, age and gender (module 04)."),
    "fairness_2": ("fairness", "We audit our own AI tools' outputs for uneven effects across groups.",
                   "Schedule a regular bias audit of AI outputs with the four-fifths check and error rates by group."),
    "fairness_3": ("fairness", "Clients and staff can report outputs that seem biased, and reports are acted on.",
                   "Create a simple way to report biased outputs and review reports at each policy review."),
    "guidelines_1": ("guidelines", "Our practice has a written AI-use policy with an owner.",
                     "Draft the practice's AI-use policy with the policy builder (module 05) and name its owner."),
    "guidelines_2": ("guidelines", "New AI tools go through vendor due diligence before anyone uses them.",
                     "Adopt the weighted vendor rubric, with deal-breakers, for every new tool."),
    "guidelines_3": ("guidelines", "The policy is reviewed on a schedule and after trigger events.",
                     "Set a review cadence and trigger events, and put the next review date in the calendar."),
    "professional_1": ("professional", "I have read my profession's current code and AI guidance.",
                       "Read the current version of your code and your organisation's AI guidance (module 06)."),
    "professional_2": ("professional", "I plan continuing education on AI, ethics and privacy.",
                       "Book at least one AI ethics CE activity this year."),
    "professional_3": ("professional", "I know how to take part in comment periods, committees or ethics consultation.",
                       "Sign up for your association's or board's policy updates, and note how to ask for ethics consultation."),
}

_PRIORITY = {0: "Now (within 30 days)", 1: "Next (within 90 days)"}


def statement_label(sid: str) -> str:
    """How a statement is named to people: its area, its number and its words (never its id)."""
    area, text, _ = STATEMENTS[sid]
    return f"{GUARDRAILS[area]}, statement {sid.rsplit('_', 1)[-1]} (\u201c{text}\u201d)"


def _some(labels: list[str], most: int = 3) -> str:
    shown = "; ".join(labels[:most])
    return shown + (f"; and {len(labels) - most} more" if len(labels) > most else "")


def validate_ratings(ratings: Mapping[str, Any]) -> dict[str, int]:
    """Check *ratings* (``{statement id: 0, 1 or 2}``) and return them as ints.

    Raises ``ValueError`` with a plain-language message naming what is missing or wrong.
    """
    if not isinstance(ratings, Mapping):
        raise ValueError('ratings should be a dictionary like {"privacy_1": 2, "privacy_2": 1, ...}')
    unknown = sorted(str(k) for k in set(ratings) - set(STATEMENTS))
    if unknown:
        raise ValueError(f"unknown statement(s): {', '.join(repr(u) for u in unknown)}; keep the names you were given")
    missing = [s for s in STATEMENTS if s not in ratings]
    if missing:
        raise ValueError(f"not rated yet ({len(missing)} of {len(STATEMENTS)}): {_some([statement_label(s) for s in missing])}")
    out = {}
    for sid, value in ratings.items():
        if isinstance(value, bool) or value not in RATINGS:
            raise ValueError(f"{statement_label(sid)} should be rated 0 (not yet), 1 (partly) or 2 (in place), not {value!r}")
        out[sid] = int(value)
    return out


def area_scores(ratings: Mapping[str, Any]) -> pd.Series:
    """Score per guardrail, 0-100 (mean rating / 2 * 100), in course order."""
    r = validate_ratings(ratings)
    scores = {}
    for gid, label in GUARDRAILS.items():
        vals = [r[s] for s, (g, _, _) in STATEMENTS.items() if g == gid]
        scores[label] = round(100 * sum(vals) / (2 * len(vals)), 1)
    return pd.Series(scores, name="score")


def action_plan(ratings: Mapping[str, Any], closing_answer: str, name: str = "", today: dt.date | None = None) -> str:
    """A Markdown personal action plan.

    Parameters
    ----------
    ratings : mapping
        ``{statement id: 0, 1 or 2}`` for every statement in :data:`STATEMENTS`.
    closing_answer : str
        The learner's answer to :data:`CLOSING_QUESTION` (a few sentences).
    name : str, optional
        Whose plan it is (leave empty to keep it anonymous).
    today : date, optional
        The plan's date (default: today).

    Returns
    -------
    str
        Markdown with the answer to the closing question, a score table and the
        actions, lowest-scoring guardrail first.

    """
    r = validate_ratings(ratings)
    if not isinstance(closing_answer, str) or len(closing_answer.split()) < 15:
        raise ValueError("answer the closing question in a few sentences (at least 15 words)")
    today = today or dt.date.today()
    scores = area_scores(r)
    lines = [
        f"# My AI action plan{': ' + name.strip() if name and name.strip() else ''}",
        "",
        f"*Written {today.isoformat()} in the course AI Guardrails for Mental Health Practice. Not legal advice.*",
        "",
        f"## {CLOSING_QUESTION}",
        "",
        closing_answer.strip(),
        "",
        "## Where we stand",
        "",
        "| Guardrail | Score (0-100) |",
        "|---|---|",
        *[f"| {label} | {score:g} |" for label, score in scores.items()],
        "",
        "## Actions (lowest-scoring guardrail first)",
        "",
    ]
    order = sorted(GUARDRAILS, key=lambda g: (scores[GUARDRAILS[g]], list(GUARDRAILS).index(g)))
    for gid in order:
        label = GUARDRAILS[gid]
        todo = [(r[s], action) for s, (g, _, action) in STATEMENTS.items() if g == gid and r[s] < 2]
        lines.append(f"### {label} ({scores[label]:g})")
        if not todo:
            lines.append("- Keep it up: check again at the next policy review.")
        for rating, action in sorted(todo, key=lambda t: t[0]):
            lines.append(f"- **{_PRIORITY[rating]}:** {action}")
        lines.append("")
    lines += ["## Next check", "", f"Repeat this self-assessment by {add_months(today, 6).isoformat()}, or sooner after a trigger event."]
    return "\n".join(lines) + "\n"


def save_action_plan(text: str, folder: str | Path | None = None, filename: str = "action_plan.md") -> Path:
    """Save the plan as ``my_work/<filename>`` under *folder* (default: the current folder)."""
    from .policy import save_policy

    return save_policy(text, folder, filename)


def plot_scores(ratings: Mapping[str, Any], ax=None):
    """Horizontal bars of :func:`area_scores`. Returns the matplotlib Axes."""
    import matplotlib.pyplot as plt

    scores = area_scores(ratings)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 3.2))
    colours = ["#b00020" if s < 50 else "#f29900" if s < 80 else "#1e7e34" for s in scores]
    ax.barh(list(scores.index)[::-1], list(scores)[::-1], color=colours[::-1])
    ax.set_xlim(0, 100)
    ax.set_xlabel("self-assessment score (0-100)")
    ax.set_title("Where your practice stands on the six guardrails")
    return ax
