"""A practice's AI-use policy: assemble it from choices, check its structure, save it.

The policy builder widget (:mod:`course.widgets.policy_builder`) is a thin layer over
these functions; the module 05 exercise checks a policy with :func:`check_policy`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = [
    "REQUIRED_SECTIONS",
    "MIN_WORDS",
    "DEFAULT_CHOICES",
    "OPTIONS",
    "build_policy",
    "check_policy",
    "save_policy",
]

#: Sections every policy must have (as ``## `` headings), with the words that identify
#: each one (a heading counts if it contains any of them, case-insensitively).
REQUIRED_SECTIONS: dict[str, tuple[str, ...]] = {
    "Purpose and scope": ("purpose", "scope"),
    "Inventory of AI tools": ("inventory", "approved", "tools in use"),
    "Vendor due diligence": ("due diligence", "vendor"),
    "Privacy and data protection": ("privacy", "data protection"),
    "Informed consent": ("consent",),
    "Human oversight": ("oversight", "human review"),
    "Bias and fairness": ("bias", "fairness"),
    "Transparency": ("transparen",),
    "Continuous education": ("education", "training"),
    "Incident response": ("incident",),
    "Review and adjustment": ("review and", "regular review", "review schedule", "revision"),
}
#: Each required section needs at least this many words of text.
MIN_WORDS = 12
_PLACEHOLDERS = ("todo", "tbd", "lorem ipsum", "...", "[fill", "xxx")

#: Choices the builder offers (first item is the default where one applies).
OPTIONS: dict[str, list[str]] = {
    "consent": [
        "written consent before first use, revisited at each treatment-plan review",
        "verbal consent, documented in the record, before first use",
    ],
    "oversight": [
        "a clinician reads, corrects and approves every AI output before it enters the record or reaches a client",
        "a clinician reviews AI outputs used in clinical decisions; routine administrative drafts are spot-checked weekly",
    ],
    "cadence_months": ["3", "6", "12"],
    "triggers": [
        "a new AI tool or a new use of an existing tool",
        "a change in a vendor's terms, ownership or data practices",
        "a privacy or security incident involving an AI tool",
        "new law, regulation or professional guidance",
        "a client complaint or concern about AI use",
        "an audit finding of bias or error",
    ],
    "data_rules": [
        "no client information in any tool without a signed business associate agreement",
        "share the minimum necessary: de-identify or summarise where the task allows",
        "no recordings or transcripts kept longer than needed to finalise the note",
        "client data may not be used to train a vendor's models",
        "AI tools are used only on practice-managed, encrypted devices and accounts",
    ],
}

DEFAULT_CHOICES: dict[str, Any] = {
    "practice": "Riverbend Counselling Group (fictional)",
    "owner": "the Clinical Director, with the Privacy Officer",
    "effective": "2026-01-15",
    "tools": ["ambient scribe (pilot)", "progress-note assistant"],
    "consent": OPTIONS["consent"][0],
    "oversight": OPTIONS["oversight"][0],
    "data_rules": list(OPTIONS["data_rules"]),
    "education_hours": 3,
    "cadence_months": 6,
    "triggers": list(OPTIONS["triggers"]),
    "incident_hours": 24,
    "publish_tool_list": True,
}


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"effective should be a date like 2026-01-15, not {value!r}") from None


def _bullets(items: list[str]) -> str:
    return "\n".join(f"- {item[0].upper() + item[1:]}." for item in items)


def build_policy(choices: Mapping[str, Any] | None = None) -> str:
    """Assemble a Markdown AI-use policy from the learner's *choices*.

    Parameters
    ----------
    choices : mapping, optional
        Keys as in :data:`DEFAULT_CHOICES` (missing keys take the defaults):
        ``practice``, ``owner``, ``effective`` (date), ``tools`` (list),
        ``consent``, ``oversight``, ``data_rules`` (list), ``education_hours`` (int),
        ``cadence_months`` (int), ``triggers`` (list), ``incident_hours`` (int),
        ``publish_tool_list`` (bool).

    Returns
    -------
    str
        The policy as Markdown, with every section of :data:`REQUIRED_SECTIONS`.
    """
    from .review import add_months

    unknown = set(choices or {}) - set(DEFAULT_CHOICES)
    if unknown:
        raise ValueError(f"unknown policy choice(s) {sorted(unknown)}; use {sorted(DEFAULT_CHOICES)}")
    c = {**DEFAULT_CHOICES, **(choices or {})}
    effective = _as_date(c["effective"])
    cadence = int(c["cadence_months"])
    if cadence < 1 or cadence > 24:
        raise ValueError("cadence_months should be between 1 and 24")
    hours = int(c["education_hours"])
    tools = [t for t in c["tools"] if str(t).strip()] or ["none yet: any AI tool needs approval before use"]
    rules = list(c["data_rules"]) or ["share the minimum necessary information with any AI tool"]
    triggers = list(c["triggers"]) or ["a new AI tool or a new use of an existing tool"]
    publish = (
        "The practice publishes the list of approved AI tools, what each does and what data it uses, in its notice to clients and on request."
        if c["publish_tool_list"]
        else "The practice tells each client, before use, which AI tools are used in their care, what each does and what data it uses."
    )
    sections = [
        f"# AI-use policy: {c['practice']}",
        "",
        f"**Effective:** {effective.isoformat()} · **Policy owner:** {c['owner']} · "
        f"**Next scheduled review:** {add_months(effective, cadence).isoformat()}",
        "",
        "## Purpose and scope",
        f"This policy sets out how {c['practice']} chooses, uses and reviews artificial-intelligence (AI) tools "
        "in client care and practice administration. It applies to every clinician, trainee, contractor and "
        "staff member, and to every AI tool, including free or personal tools used for work.",
        "",
        "## Inventory of AI tools",
        "Only tools on this list may be used with client information. Staff report any other AI tool they use "
        "for work so that it can be reviewed; the inventory is updated at every review.",
        _bullets(tools),
        "",
        "## Vendor due diligence",
        "Before approval, each vendor is scored with the practice's weighted due-diligence rubric: business "
        "associate agreement, encryption, data location and retention, use of client data for training, bias "
        "testing, transparency, human oversight, incident response and independent security audit. A vendor "
        "with a deal-breaker is not approved; conditions of approval are written down and followed up.",
        "",
        "## Privacy and data protection",
        "The practice follows HIPAA (45 CFR Parts 160 and 164), state law and the professional codes of its "
        "clinicians. In particular:",
        _bullets(rules),
        "",
        "## Informed consent",
        f"Clients are told in plain language how each AI tool works, what data it uses and how, its benefits and "
        f"risks, and that they may decline or withdraw at any time without any effect on their care. Consent: {c['consent']}.",
        "",
        "## Human oversight",
        f"AI supports, and never replaces, clinical judgement: {c['oversight']}. Clinicians stay responsible for "
        "everything in the record. Any sign of risk to a client or others goes to a human at once, never only to a tool.",
        "",
        "## Bias and fairness",
        "Tools are checked for uneven performance across client groups before approval and at each review "
        "(for example by language, race and ethnicity, age and gender), and findings are acted on. Clinicians "
        "watch for and report outputs that stereotype or misread clients.",
        "",
        "## Transparency",
        f"{publish} Notes drafted with AI assistance are identified as such in the record, and the practice "
        "explains AI-related decisions to clients who ask.",
        "",
        "## Continuous education",
        f"Everyone completes AI training before first use of a tool and at least {hours} hour(s) of continuing "
        "education on AI, ethics and privacy each year, including updates from their professional organisation.",
        "",
        "## Incident response",
        f"Errors, privacy or security incidents and client complaints involving AI are reported to the policy owner "
        f"within {int(c['incident_hours'])} hours, investigated, and handled under the practice's breach-notification "
        "procedure where HIPAA or state law requires.",
        "",
        "## Review and adjustment",
        f"This policy is reviewed every {cadence} months, and also within weeks of any of these trigger events:",
        _bullets(triggers),
        "Each review updates the tool inventory, re-scores vendors, and records what changed and why.",
        "",
        "*This policy is a course exercise, not legal advice; check it with your professional association, "
        "licensing board or a lawyer before adopting it.*",
    ]
    return "\n".join(sections) + "\n"


def _sections(text: str) -> list[tuple[str, str]]:
    parts = re.split(r"^##[ \t]+(.+?)[ \t#]*$", text, flags=re.M)
    return [(parts[i].strip(), parts[i + 1]) for i in range(1, len(parts), 2)]


def check_policy(text: str) -> list[str]:
    """Structural problems of a Markdown policy (an empty list means it passes).

    Checks: a ``# `` title; every section of :data:`REQUIRED_SECTIONS` as a ``## ``
    heading with at least :data:`MIN_WORDS` words and no placeholders; an effective
    date, an owner and a review cadence stated.

    Parameters
    ----------
    text : str
        The policy as Markdown.

    Returns
    -------
    list of str
        One plain-language sentence per problem.
    """
    if not isinstance(text, str):
        raise TypeError("the policy should be text (a string of Markdown)")
    problems = []
    if not re.search(r"^#[ \t]+\S", text, flags=re.M):
        problems.append("The policy has no title: start it with a line like '# AI-use policy: <practice name>'.")
    sections = _sections(text)
    for name, keys in REQUIRED_SECTIONS.items():
        found = [(h, body) for h, body in sections if any(k in h.lower() for k in keys)]
        if not found:
            problems.append(f"Missing section: add a heading '## {name}'.")
            continue
        heading, body = found[0]
        words = len(re.findall(r"[A-Za-z]{2,}", body))
        if words < MIN_WORDS:
            problems.append(f"The section '{heading}' is too short ({words} words; write at least {MIN_WORDS}).")
        low = body.lower()
        if any(p in low for p in _PLACEHOLDERS):
            problems.append(f"The section '{heading}' still has a placeholder (like TODO or ...): finish it.")
    low = text.lower()
    if not re.search(r"effective", low) or not re.search(r"\d{4}-\d{2}-\d{2}|\b\d{1,2} \w+ \d{4}|\w+ \d{1,2}, \d{4}", text):
        problems.append("State when the policy takes effect, with a date (for example 'Effective: 2026-01-15').")
    if not re.search(r"\bowner\b|responsible person|accountable person", low):
        problems.append("Name who owns the policy (for example 'Policy owner: the Clinical Director').")
    if not re.search(r"every\s+\w+\s+(month|year)|annual|quarterly|yearly", low):
        problems.append("Say how often the policy is reviewed (for example 'reviewed every 6 months').")
    return problems


def save_policy(text: str, folder: str | Path | None = None, filename: str = "ai_use_policy.md") -> Path:
    """Save *text* as ``my_work/<filename>`` under *folder* (default: the current folder).

    Returns the absolute path written. Nothing leaves this computer.
    """
    if not isinstance(text, str) or not text.strip():
        raise ValueError("there is no policy text to save yet")
    if Path(filename).name != filename or not filename.endswith(".md"):
        raise ValueError("filename should be a plain file name ending in .md, like ai_use_policy.md")
    target_dir = Path(folder or Path.cwd()) / "my_work"
    target_dir.mkdir(parents=True, exist_ok=True)
    path = (target_dir / filename).resolve()
    path.write_text(text, encoding="utf-8", newline="\n")
    return path
