"""A practice's AI-use policy: assemble it from choices, check its structure, save it.

The policy builder widget (:mod:`course.widgets.policy_builder`) is a thin layer over
these functions. The module 05 and 07 exercises give :func:`build_policy` the learner's
choices (literal values) and check them with :func:`choice_problems`, which also runs
:func:`check_policy` on the policy built from them.

The section "Permitted and prohibited clinical uses of AI" is informed by state law
(:data:`STATE_LAW`, accurate as of :data:`LAW_ACCURATE_AS_OF`; not legal advice). It has no
default: a policy built from the default (or blank) choices does not pass the check.
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
    "CLINICAL_USES",
    "STATES",
    "STATE_LAW",
    "LAW_ACCURATE_AS_OF",
    "MUST_PROHIBIT",
    "CLINICAL_USES_SECTION",
    "build_policy",
    "check_policy",
    "choice_format_problems",
    "choice_problems",
    "clinical_uses_table",
    "resolve_uses",
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
    "Permitted and prohibited clinical uses of AI": ("permitted", "prohibited", "clinical uses"),
}
#: The heading of the section on what AI may and may not do in client care.
CLINICAL_USES_SECTION = "Permitted and prohibited clinical uses of AI"
#: Each required section needs at least this many words of text.
MIN_WORDS = 12
_PLACEHOLDERS = ("todo", "tbd", "lorem ipsum", "...", "[fill", "xxx")
_FILL = "[fill in: {what}]"

#: Clinical uses of AI a policy can permit or prohibit, by letter (the exercises use the letters).
CLINICAL_USES: dict[str, str] = {
    "A": "scheduling, appointment reminders and billing (administrative tasks with no therapeutic content)",
    "B": "drafting progress notes from a session recording or transcript, with the client's written consent; "
         "the clinician reviews, corrects and signs every note",
    "C": "summarising the record, or finding resources and referrals, for the clinician to review",
    "D": "a chatbot that talks with clients about their feelings or gives coping advice between sessions, "
         "with no clinician in the conversation",
    "E": "AI that reads a client's emotions or mental state from their voice, face or writing",
    "F": "AI that makes a therapeutic decision on its own (for example, changes a treatment plan or closes a risk alert)",
    "G": "a treatment plan or therapeutic recommendation written by AI and used without the clinician's review and approval",
    "H": "AI as the only responder to a client's crisis or risk message",
}

#: The states the course has notes for, and "other".
STATES = ("IL", "NV", "UT", "other")
#: The date the state-law notes were last checked against their primary sources.
LAW_ACCURATE_AS_OF = "2026-12-01"

#: What each state's law (or, everywhere, the course's oversight rule) says the policy must prohibit.
#: Everywhere: no AI decides, plans unreviewed, or answers a crisis alone (professional codes:
#: clinicians stay responsible for care; module 03). Illinois adds therapeutic communication and
#: emotion detection (225 ILCS 155/20(b)); Nevada adds AI in care given directly to a client
#: (AB 406 (2025), section 8). Utah's HB 452 regulates mental health chatbots without banning them.
MUST_PROHIBIT: dict[str, frozenset[str]] = {
    "IL": frozenset("DEFGH"),
    "NV": frozenset("DFGH"),
    "UT": frozenset("FGH"),
    "other": frozenset("FGH"),
}

#: Plain-language notes on state law for the clinical-uses section (accurate as of LAW_ACCURATE_AS_OF).
STATE_LAW: dict[str, str] = {
    "IL": (
        "Illinois: the Wellness and Oversight for Psychological Resources Act (Public Act 104-0054, HB 1806, "
        "in force since 1 August 2025; 225 ILCS 155) lets licensed professionals use AI only for administrative "
        "and supplementary support. AI may not make independent therapeutic decisions, take part in therapeutic "
        "communication with clients, produce treatment plans or therapeutic recommendations without the clinician's "
        "review and approval, or detect emotions or mental states. Before AI is used with a recorded or transcribed "
        "session, the client is told in writing that AI will be used and for what, and consents "
        "(https://www.ilga.gov/legislation/PublicActs/View/104-0054)."
    ),
    "NV": (
        "Nevada: Assembly Bill 406 (2025, in force since 1 July 2025) bars providers of mental and behavioral health "
        "care from using AI to provide care directly to a client. AI may support administrative work (scheduling, "
        "billing, records, organising session notes), and the provider reviews every AI-generated note or billing "
        "record (https://www.leg.state.nv.us/App/NELIS/REL/83rd2025/Bill/12575/Overview)."
    ),
    "UT": (
        "Utah: House Bill 452 (2025; Utah Code Title 13, Chapter 72a, in force since 7 May 2025) regulates mental "
        "health chatbots: a chatbot must say clearly that it is AI and not a human, and there are limits on sharing "
        "users' health information and on advertising. It does not require a licensed professional to be involved, "
        "so this policy's own rules are what keep a clinician in charge (https://le.utah.gov/~2025/bills/static/HB0452.html)."
    ),
    "other": (
        "Other states: several states passed laws on AI in mental health care in 2025 (for example Illinois, "
        "Nevada and Utah). Check your state's current law and your licensing board's rules before adopting this section."
    ),
}

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
    "state": list(STATES),
    "clinical_uses": list(CLINICAL_USES.values()),
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
    # No defaults: the learner decides these (a policy built without them does not pass).
    "state": None,
    "permitted_uses": [],
    "prohibited_uses": [],
    "fairness_note": "",
}

#: Choices a learner must make for the policy to pass (the defaults leave them open).
REQUIRED_CHOICES = ("practice", "owner", "effective", "tools", "state", "permitted_uses", "prohibited_uses", "fairness_note")


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
    return "\n".join(f"- {item[0].upper() + item[1:]}{'' if item.rstrip().endswith('.') else '.'}" for item in items)


_BY_TEXT = {v.lower(): k for k, v in CLINICAL_USES.items()}


def resolve_uses(items: Any) -> list[str]:
    """The clinical uses in *items* as text: a letter of :data:`CLINICAL_USES` (``"D"``), one of
    its texts, or the learner's own words. Blank items are dropped; order is kept, repeats removed.
    """
    if items is None or items is ...:
        return []
    if isinstance(items, str):
        items = [items]
    out: list[str] = []
    for item in items:
        if not isinstance(item, str) or not item.strip():
            continue
        key = item.strip().strip(".)").upper()
        text = CLINICAL_USES.get(key, item.strip())
        if text not in out:
            out.append(text)
    return out


def _letters(items: Any) -> set[str]:
    """The :data:`CLINICAL_USES` letters among *items* (given as letters or as their texts)."""
    found = set()
    for text in resolve_uses(items):
        letter = _BY_TEXT.get(text.lower())
        if letter:
            found.add(letter)
    return found


def clinical_uses_table() -> str:
    """The catalogue of clinical uses with their letters, as plain text for a notebook."""
    return "\n".join(f"{k}. {v[0].upper() + v[1:]}" for k, v in CLINICAL_USES.items())


def _clinical_uses_section(c: Mapping[str, Any]) -> list[str]:
    permitted, prohibited = resolve_uses(c.get("permitted_uses")), resolve_uses(c.get("prohibited_uses"))
    state = c.get("state")
    state = state.strip() if isinstance(state, str) else state
    state = next((s for s in STATES if isinstance(state, str) and s.lower() == state.lower()), None)
    lines = [
        f"## {CLINICAL_USES_SECTION}",
        "These are the only uses of AI in client care that the practice allows, and the uses it never allows. "
        "A clinician is responsible for every output of every tool; any other clinical use needs the policy owner's "
        "written approval first.",
        "",
        "**Permitted:**",
        _bullets(permitted) if permitted else _FILL.format(what="which clinical uses of AI are permitted"),
        "",
        "**Prohibited:**",
        _bullets(prohibited) if prohibited else _FILL.format(what="which clinical uses of AI are prohibited"),
        "",
    ]
    if state is None:
        lines.append(_FILL.format(what="the state whose law applies to the practice"))
    else:
        lines.append(f"**State law** (accurate as of {LAW_ACCURATE_AS_OF}; not legal advice): {STATE_LAW[state]}")
    return lines


def build_policy(choices: Mapping[str, Any] | None = None) -> str:
    """Assemble a Markdown AI-use policy from the learner's *choices*.

    Parameters
    ----------
    choices : mapping, optional
        Keys as in :data:`DEFAULT_CHOICES` (missing keys take the defaults):
        ``practice``, ``owner``, ``effective`` (date), ``tools`` (list),
        ``consent``, ``oversight``, ``data_rules`` (list), ``education_hours`` (int),
        ``cadence_months`` (int), ``triggers`` (list), ``incident_hours`` (int),
        ``publish_tool_list`` (bool), ``state`` (one of :data:`STATES`),
        ``permitted_uses`` and ``prohibited_uses`` (lists of :data:`CLINICAL_USES`
        letters or texts, or the learner's own words), ``fairness_note`` (text).

    Returns
    -------
    str
        The policy as Markdown, with every section of :data:`REQUIRED_SECTIONS`. Choices
        left open (the defaults of ``state``, ``permitted_uses``, ``prohibited_uses``) show
        as ``[fill in: ...]``, which :func:`check_policy` reports.

    """
    from .review import add_months

    unknown = set(choices or {}) - set(DEFAULT_CHOICES)
    if unknown:
        raise ValueError(f"unknown policy choice(s) {sorted(unknown)}; use {sorted(DEFAULT_CHOICES)}")
    # A choice still holding ... (the exercise scaffold) counts as not made yet.
    c = {**DEFAULT_CHOICES, **{k: v for k, v in (choices or {}).items() if v is not ...}}
    effective = _as_date(c["effective"])
    cadence = int(c["cadence_months"])
    if cadence < 1 or cadence > 24:
        raise ValueError("cadence_months should be between 1 and 24")
    hours = int(c["education_hours"])
    tools = [str(t) for t in ([c["tools"]] if isinstance(c["tools"], str) else c["tools"]) if str(t).strip()]
    tools = tools or ["none yet: any AI tool needs approval before use"]
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
        *([str(c["fairness_note"]).strip()] if isinstance(c.get("fairness_note"), str) and c["fairness_note"].strip() else []),
        "",
        *_clinical_uses_section(c),
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
        open_choices = re.findall(r"\[fill in: ([^\]]+)\]", body)
        if open_choices:
            problems.append(f"The section '{heading}' is not finished: decide {'; '.join(open_choices)}.")
        elif any(p in low for p in _PLACEHOLDERS):
            problems.append(f"The section '{heading}' still has a placeholder (like TODO or ...): finish it.")
    low = text.lower()
    if not re.search(r"effective", low) or not re.search(r"\d{4}-\d{2}-\d{2}|\b\d{1,2} \w+ \d{4}|\w+ \d{1,2}, \d{4}", text):
        problems.append("State when the policy takes effect, with a date (for example 'Effective: 2026-01-15').")
    if not re.search(r"\bowner\b|responsible person|accountable person", low):
        problems.append("Name who owns the policy (for example 'Policy owner: the Clinical Director').")
    if not re.search(r"every\s+\w+\s+(month|year)|annual|quarterly|yearly", low):
        problems.append("Say how often the policy is reviewed (for example 'reviewed every 6 months').")
    return problems


#: Plain-language problems with a learner's choices (tests assert on these).
CHOICE_NOT_DICT = 'Keep the shape of the answer you were given: { "practice": ..., "owner": ..., ... } with each ... replaced.'
CHOICE_UNKNOWN = "{key!r} is not one of the policy's choices; keep the keys you were given."
CHOICE_MISSING = 'Fill in {what}: replace the ... after "{key}": with your answer.'
CHOICE_TEXT = '"{key}" should be text in quotes, like "{example}".'
CHOICE_DATE = '"effective" should be a date in quotes, written year-month-day, like "2026-03-01".'
CHOICE_TOOLS = '"tools" should be a list of the AI tools your practice uses (or plans to use), each in quotes, like ["ambient scribe (pilot)"].'
CHOICE_STATE = '"state" should be one of "IL", "NV", "UT" or "other" (in quotes).'
CHOICE_USES = ('"{key}" should be a list of letters from the list of clinical uses (A to H), each in quotes, like ["A", "C"]. '
               "You may add your own words as an item too (at least three words).")
CHOICE_USES_EMPTY = 'Choose at least one use for "{key}".'
CHOICE_BOTH = "A use cannot be both permitted and prohibited: {letters}."
CHOICE_LAW = ("At least one use that {where} does not allow is not on your prohibited list. Read the notes on the law "
              "above the list of uses again, and the course's rule that applies in every state.")
CHOICE_NOTE = '"fairness_note" should be a sentence or two of your own, in quotes (at least {n} words).'
CHOICE_CADENCE = '"cadence_months" should be a whole number of months between 1 and 24, like 6.'
_WHERE = {"IL": "Illinois law", "NV": "Nevada law", "UT": "the course's rule for every state", "other": "the course's rule for every state"}
_LABELS = {
    "practice": "your practice's name",
    "owner": "who owns the policy",
    "effective": "the date the policy takes effect",
    "tools": "the AI tools your practice uses",
    "state": "the state whose law applies",
    "permitted_uses": "the permitted clinical uses",
    "prohibited_uses": "the prohibited clinical uses",
    "fairness_note": "your note on fairness",
    "cadence_months": "how often the policy is reviewed",
}
FAIRNESS_NOTE_WORDS = 8


def _uses_problems(key: str, value: Any) -> list[str]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)):
        return [CHOICE_USES.format(key=key)]
    for item in items:
        if not isinstance(item, str):
            return [CHOICE_USES.format(key=key)]
        if item.strip().strip(".)").upper() not in CLINICAL_USES and item.strip().lower() not in _BY_TEXT and len(item.split()) < 3:
            return [CHOICE_USES.format(key=key)]
    if not resolve_uses(items):
        return [CHOICE_USES_EMPTY.format(key=key)]
    return []


def _unset(value: Any) -> bool:
    return value is ... or value is None or (isinstance(value, (str, list, tuple)) and not value)


def _text_form(key: str, value: Any) -> list[str]:
    example = {"practice": "Maple Street Therapy", "owner": "the Clinical Director"}[key]
    return [] if isinstance(value, str) and value.strip() else [CHOICE_TEXT.format(key=key, example=example)]


def _date_form(key: str, value: Any) -> list[str]:
    try:
        _as_date(value)
    except ValueError:
        return [CHOICE_DATE]
    return []


def _tools_form(key: str, value: Any) -> list[str]:
    ok = isinstance(value, (list, tuple)) and all(isinstance(t, str) and t.strip() for t in value)
    return [] if ok else [CHOICE_TOOLS]


def _state_form(key: str, value: Any) -> list[str]:
    ok = isinstance(value, str) and value.strip().lower() in {s.lower() for s in STATES}
    return [] if ok else [CHOICE_STATE]


def _cadence_form(key: str, value: Any) -> list[str]:
    ok = not isinstance(value, bool) and isinstance(value, int) and 1 <= value <= 24
    return [] if ok else [CHOICE_CADENCE]


def _note_form(key: str, value: Any) -> list[str]:
    ok = isinstance(value, str) and len(value.split()) >= FAIRNESS_NOTE_WORDS
    return [] if ok else [CHOICE_NOTE.format(n=FAIRNESS_NOTE_WORDS)]


#: The form each filled-in choice must have (one signature: key, value), checked in this order.
_FORM_CHECKS = {
    "practice": _text_form,
    "owner": _text_form,
    "effective": _date_form,
    "tools": _tools_form,
    "state": _state_form,
    "permitted_uses": _uses_problems,
    "prohibited_uses": _uses_problems,
    "cadence_months": _cadence_form,
    "fairness_note": _note_form,
}


def choice_format_problems(choices: Any, required: tuple[str, ...] = REQUIRED_CHOICES) -> tuple[list[str], list[str]]:
    """``(not filled in, wrong form)``: the first two kinds of :func:`choice_problems`.

    A choice still holding ``...`` is "not filled in", and its form is not judged yet.
    """
    if not isinstance(choices, Mapping):
        return [], [CHOICE_NOT_DICT]
    unknown = [CHOICE_UNKNOWN.format(key=k) for k in choices if k not in DEFAULT_CHOICES]
    if unknown:
        return [], unknown
    missing = [CHOICE_MISSING.format(what=_LABELS.get(k, k), key=k) for k in required if _unset(choices.get(k, ...))]
    given = {k: v for k, v in choices.items() if not _unset(v)}
    problems = [msg for key, check in _FORM_CHECKS.items() if key in given for msg in check(key, given[key])]
    return missing, problems


def choice_problems(choices: Any, required: tuple[str, ...] = REQUIRED_CHOICES) -> list[str]:
    """Problems with a learner's policy *choices*, in plain words (an empty list means it passes).

    Every key in *required* must be filled in (not ``...``, not blank); values must have the
    right form; the permitted and prohibited clinical uses must not overlap, and the
    prohibited list must include every use that :data:`MUST_PROHIBIT` names for the chosen
    state. Finally the policy built from the choices must pass :func:`check_policy`.
    """
    missing, wrong_form = choice_format_problems(choices, required)
    if missing or wrong_form:
        return missing + wrong_form
    problems = []
    state = choices.get("state")
    state = state if isinstance(state, str) and state.strip() else None
    permitted, prohibited = _letters(choices.get("permitted_uses")), _letters(choices.get("prohibited_uses"))
    both = sorted(permitted & prohibited)
    if both:
        problems.append(CHOICE_BOTH.format(letters=", ".join(both)))
    if state is not None:
        key = next(s for s in STATES if s.lower() == state.strip().lower())
        if MUST_PROHIBIT[key] - prohibited:
            problems.append(CHOICE_LAW.format(where=_WHERE[key]))
    if problems:
        return problems
    return check_policy(build_policy(choices))


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
