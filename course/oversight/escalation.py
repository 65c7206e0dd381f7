"""Escalation rules for a between-session check-in tool: which messages need a human.

:func:`needs_human` is the course's reference rule set. It is deliberately a plain
keyword-and-pattern rule, the kind a practice could read, audit and explain, and it
shows the limits of such rules: it catches every phrasing it was written for and
misses new ones. That is why every message is still read by a person, and why the
tool must tell clients to call 988 or 911 rather than wait for a reply.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "EscalationReport",
    "PATTERNS",
    "ROUTINE_CONTEXT",
    "evaluate",
    "needs_human",
    "normalise",
    "triage",
]

#: Patterns per category, matched against :func:`normalise`-d text (lower case, no apostrophes).
PATTERNS: dict[str, list[str]] = {
    "suicide_self_harm": [
        r"\bkill(ing)? myself\b",
        r"\bsuicid",
        r"\b(want|wanted|wanting) to die\b",
        r"\bbetter off without me\b",
        r"\bgiv(e|es|ing|en)\b.{0,20}\bmy (things|stuff|belongings)\b.{0,10}\baway\b",
        r"\bgiv(e|es|ing|en) my (things|stuff|belongings) away\b",
        r"\bgave my \w+( \w+)? away\b",
        r"\bpoint (in|of) (going on|living|carrying on)\b",
        r"\bburden\b",
        r"\bjust in case\b",
        r"\b(never|not) wake up\b",
        r"\bhow many\b.{0,30}\b(pills|tablets|meds|medication)\b",
        r"\b(cut|cutting|burn|burning|burned|hurt|hurting|harm|harming) myself\b",
        r"\blast (check.?in|message|time you hear)\b",
        r"\b(have|got|made) a plan\b",
        r"\bno way out\b",
        r"\bjump(ing)?\b",
        r"\brope\b",
        r"\b(if|when) i (was|were|am) gone\b",
        r"\bend (it all|my life|things)\b",
        r"\b(dont|do not) want to (be here|be alive|live|wake)\b",
    ],
    "harm_to_others": [
        r"\b(ill|i will|im going to|gonna) kill (him|her|them|you)\b",
        r"\b(want|going|planning|plan) to (hurt|kill|stab|shoot) (him|her|them|someone|somebody|my|you|the|people)\b",
        r"\bhurting the baby\b",
        r"\b(gun|knife|weapon)\b",
        r"\bpay for what\b",
        r"\bwont see it coming\b",
        r"\bnot just watching\b",
        r"\bfollowed (my|her|him)\b",
        r"\bregret (firing|leaving|dumping)\b",
    ],
    "abuse": [
        r"\b(hit|hits|hitting|choked|chokes|choking|shoved|slapped|punched|kicked|strangled) me\b",
        r"\blocks? me in\b",
        r"\btouch(es|ed)? me\b",
        r"\b(hurt|kill) me if\b",
        r"\btakes? my (pension|money|phone|benefits|card)\b",
        r"\bbruis",
        r"\bkeep it (a )?secret\b",
        r"\b(scared|afraid) to go home\b",
        r"\bnot allowed\b",
        r"\btake the kids\b",
        r"\bwont give me\b",
    ],
    "medical_emergency": [
        r"\bchest (hurts|pain)\b",
        r"\bpain in my chest\b",
        r"\bnumb\b",
        r"\bfaint",
        r"\b(vomiting|throwing up|coughing up) blood\b",
        r"\b(throat|tongue|face) is swelling\b",
        r"\bswelling up\b",
        r"\b(cant|cannot) (stop vomiting|breathe)\b",
        r"\bhearing voices\b",
        r"\bhit my head\b",
        r"\bblood sugar\b",
        r"\btoo many\b.{0,20}\b(pills|tablets|meds|medication)\b",
        r"\boverdos",
        r"\bseeing double\b",
        r"\b(havent|have not) (eaten|slept) in\b",
    ],
}

#: Context that turns some of the patterns above into everyday talk. Only these
#: few, specific exceptions: anything else that matches is routed to a human.
ROUTINE_CONTEXT: dict[str, list[str]] = {
    # "I gave my old clothes away to charity", "the end of my rope with this tax form"
    "suicide_self_harm": [r"\b(charity|declutter|spring clean)", r"\bend of my rope\b", r"\bjump(ed|ing)? (at|in|on) the (chance|offer)\b"],
    "harm_to_others": [],
    "abuse": [],
    "medical_emergency": [],
}

@functools.cache
def _compiled() -> tuple[dict[str, list[re.Pattern[str]]], dict[str, list[re.Pattern[str]]]]:
    compiled = {cat: [re.compile(p) for p in pats] for cat, pats in PATTERNS.items()}
    exceptions = {cat: [re.compile(p) for p in ROUTINE_CONTEXT.get(cat, [])] for cat in PATTERNS}
    return compiled, exceptions


def normalise(message: str) -> str:
    """Lower case, straight apostrophes removed (``I've`` -> ``ive``), spaces collapsed."""
    if not isinstance(message, str):
        raise TypeError(f"a message must be text (str), got {type(message).__name__}")
    text = message.lower().replace("\u2019", "'").replace("\u2018", "'").replace("'", "")
    return re.sub(r"\s+", " ", text).strip()


def triage(message: str) -> list[str]:
    """The crisis categories whose patterns match *message* (empty list: routine).

    Parameters
    ----------
    message : str
        One check-in message.

    Returns
    -------
    list of str
        Category names from :data:`PATTERNS`, in their order there.

    """
    text = normalise(message)
    patterns, exceptions = _compiled()
    found = []
    for cat, pats in patterns.items():
        if any(p.search(text) for p in pats) and not any(e.search(text) for e in exceptions[cat]):
            found.append(cat)
    return found


def needs_human(message: str) -> bool:
    """Reference escalation rule: True if a clinician must see *message* today.

    Routes messages about suicide or self-harm, harm to others, abuse, or a medical
    emergency, including common indirect phrasings, and lets everyday idioms ("this
    homework is killing me") through. A keyword rule cannot understand a message:
    it is a safety net under human review, never a replacement for it.
    """
    return bool(triage(message))


@dataclass
class EscalationReport:
    """How an escalation rule did on labelled messages.

    Attributes
    ----------
    recall : float
        Share of messages that need a human which the rule flagged (1.0 = none missed).
    false_alarm_rate : float
        Share of routine messages the rule flagged.
    n_crisis, n_routine : int
        How many of each there were.
    missed : list of dict
        The crisis messages the rule did not flag.
    false_alarms : list of dict
        The routine messages the rule flagged.
    recall_by_category : dict
        Recall per crisis category.

    """

    recall: float
    false_alarm_rate: float
    n_crisis: int
    n_routine: int
    missed: list[dict[str, Any]] = field(default_factory=list)
    false_alarms: list[dict[str, Any]] = field(default_factory=list)
    recall_by_category: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        """One line: recall and false-alarm rate with counts."""
        caught = self.n_crisis - len(self.missed)
        return (
            f"caught {caught} of {self.n_crisis} messages that need a human (recall {self.recall:.1%}); "
            f"flagged {len(self.false_alarms)} of {self.n_routine} routine messages (false alarms {self.false_alarm_rate:.1%})"
        )

    def __str__(self) -> str:
        return self.summary()


def evaluate(rule: Callable[[str], Any], messages: Iterable[Mapping[str, Any]]) -> EscalationReport:
    """Run *rule* on labelled *messages* and measure recall and false alarms.

    Parameters
    ----------
    rule : callable
        ``rule(text) -> bool``; True means "route to a clinician".
    messages : iterable of mapping
        Records with ``text`` and ``needs_human`` (and optionally ``category``).

    Returns
    -------
    EscalationReport

    Raises
    ------
    TypeError
        If *rule* is not callable or returns something other than True/False.
    ValueError
        If there are no messages, or none in one of the two classes.

    """
    if not callable(rule):
        raise TypeError("rule must be a function that takes a message and returns True or False")
    messages = list(messages)
    if not messages:
        raise ValueError("no messages to evaluate")
    crisis = [m for m in messages if m["needs_human"]]
    routine = [m for m in messages if not m["needs_human"]]
    if not crisis or not routine:
        raise ValueError("evaluation needs both messages that need a human and routine ones")
    missed, false_alarms = [], []
    per_cat: dict[str, list[int]] = {}
    for m in messages:
        verdict = rule(m["text"])
        if not isinstance(verdict, bool):
            try:
                import numpy as np

                if isinstance(verdict, np.bool_):
                    verdict = bool(verdict)
            except ImportError:  # pragma: no cover
                pass
        if not isinstance(verdict, bool):
            raise TypeError(f"the rule returned {verdict!r} ({type(verdict).__name__}); it must return True or False")
        if m["needs_human"]:
            counts = per_cat.setdefault(m.get("category", "needs_human"), [0, 0])
            counts[1] += 1
            if verdict:
                counts[0] += 1
            else:
                missed.append(dict(m))
        elif verdict:
            false_alarms.append(dict(m))
    return EscalationReport(
        recall=1 - len(missed) / len(crisis),
        false_alarm_rate=len(false_alarms) / len(routine),
        n_crisis=len(crisis),
        n_routine=len(routine),
        missed=missed,
        false_alarms=false_alarms,
        recall_by_category={k: v[0] / v[1] for k, v in sorted(per_cat.items())},
    )
