"""Module 02 data: consent scripts labelled per consent element, and consent records.

``consent_scripts``: complete and deficient consent scripts for three kinds of AI tool
in three voices, each labelled with the nine consent elements it covers (labels come
from construction: which element sentences were put in). ``consent_records``: a
practice's log of consent decisions (consent, decline, withdraw; clients and
guardians; expiry) for the ``may_use_ai`` exercise.
"""

from __future__ import annotations

import datetime as dt
import random

from . import Dataset
from ._io import jsonl_text

__all__ = ["DATASETS", "generate_scripts", "generate_records", "make_queries", "SCRIPTS_SEED", "RECORDS_SEED"]

SCRIPTS_SEED = 20502
RECORDS_SEED = 20503

from course.consent.checker import ELEMENTS  # noqa: E402 - one list of the nine elements

TOOLS = {
    "ai_scribe": ("an AI scribe", "writes a first draft of my progress note after each session"),
    "note_assistant": ("an AI writing assistant", "turns the notes I type after a session into a tidy summary"),
    "chatbot": ("an AI chatbot", "helps you book appointments and sends you reminders between sessions"),
}

# Sentence banks: {element: {voice: [variants]}}; {tool} and {does} are filled in per tool.
_BANK: dict[str, dict[str, list[str]]] = {
    "ai_description": {
        "spoken": [
            "I'd like to use {tool}, a computer program that {does}.",
            "The tool I use is {tool}: it {does}.",
        ],
        "handout": [
            "What it is: {tool}, software that {does}.",
            "Our clinicians use {tool}. The program {does}.",
        ],
        "formal": [
            "The Practice uses {tool}, a software application that {does_formal}.",
        ],
    },
    "data_collected": {
        "spoken": ["To do that, it {collects}.", "So it gets {collected_noun}."],
        "handout": ["What it collects: {collected_noun}."],
        "formal": ["The application processes {collected_noun}."],
    },
    "data_use": {
        "spoken": [
            "That information is used only for your record, and the company is not allowed to use it to train its AI.",
            "It's used just to prepare my notes; it is never sold or shared for advertising.",
        ],
        "handout": ["How it is used: only to prepare your record. It is not sold and not used to train the vendor's AI."],
        "formal": ["Such information shall be used solely to prepare clinical documentation and shall not be disclosed to third parties."],
    },
    "data_protection": {
        "spoken": [
            "Everything is encrypted, and the vendor deletes its copy within {days} days.",
            "It's stored on a secure server, and only I and our records staff can open it.",
        ],
        "handout": ["How it is protected: encrypted, kept for {days} days, then deleted. We have a business associate agreement with the vendor."],
        "formal": ["Data are encrypted in transit and at rest and are retained for no longer than {days} days."],
    },
    "risks_limitations": {
        "spoken": [
            "It can make mistakes, and it is not for emergencies.",
            "It sometimes mishears words, and there is a small risk of a data breach.",
        ],
        "handout": ["Limits: it can get things wrong, it may be biased, and it is not monitored for emergencies. In a crisis, call 988."],
        "formal": ["The Client acknowledges that the technology may produce inaccurate output and that any electronic system carries a risk of unauthorized access."],
    },
    "human_oversight": {
        "spoken": [
            "I read and correct everything it writes, and it never makes decisions about your care.",
            "I check every draft myself; it does not replace my clinical judgement.",
        ],
        "handout": ["Your clinician reviews and signs every note and stays responsible for your care."],
        "formal": ["All output is reviewed and approved by the treating clinician, who remains responsible for clinical decisions."],
    },
    "voluntary": {
        "spoken": [
            "It's your choice: you're free to say no, and your therapy continues the same.",
            "You don't have to agree, and saying no won't affect your care in any way.",
        ],
        "handout": ["Your choice: saying no will not change your care."],
        "formal": ["Participation is voluntary, and refusal shall not affect the Client's eligibility for services."],
    },
    "withdrawal": {
        "spoken": [
            "If you change your mind later, just tell me and I'll turn it off.",
            "You can ask me to stop using it at any time, even in the middle of a session.",
        ],
        "handout": ["Changing your mind: tell your clinician at any time and it will be switched off from your next visit."],
        "formal": ["The Client may revoke this consent at any time by notifying the Practice in writing."],
    },
    "questions": {
        "spoken": ["What questions do you have?", "Is there anything you'd like to ask me about it?"],
        "handout": ["Questions? Ask your clinician or call 555-01{nn}."],
        "formal": ["Questions regarding this form may be directed to the Privacy Officer at privacy@example.org."],
    },
}

_DOES_FORMAL = {
    "ai_scribe": "generates draft clinical documentation",
    "note_assistant": "generates summaries from the clinician's typed session notes",
    "chatbot": "answers scheduling questions and sends reminders",
}
_COLLECTS = {
    "ai_scribe": ("records the audio of our conversation", "a recording of what we both say"),
    "note_assistant": ("receives the notes I type, which can include what we talked about", "the notes I type after each session"),
    "chatbot": ("collects your name, your phone number and the messages you send", "your name, phone number and the messages you send"),
}
# Sentences that sound reassuring but cover no element (the checker must not count them).
_DISTRACTORS = [
    "We take your privacy seriously.",
    "Our practice is committed to innovation.",
    "Many clinics now use tools like this.",
    "Your trust means a great deal to us.",
    "This is the latest technology.",
]
_OPENERS = {
    "spoken": ["Before we start, there's something I'd like to ask you about.", "I want to check something with you today."],
    "handout": ["Using AI in your care: what you should know"],
    "formal": ["CONSENT TO THE USE OF ARTIFICIAL INTELLIGENCE TECHNOLOGY"],
}


def _fill(template: str, tool: str, rng: random.Random) -> str:
    name, does = TOOLS[tool]
    collects, noun = _COLLECTS[tool]
    return template.format(
        tool=name, does=does, does_formal=_DOES_FORMAL[tool], collects=collects, collected_noun=noun,
        days=rng.choice([7, 14, 30]), nn=f"{rng.randint(0, 99):02d}",
    )


def generate_scripts(seed: int = SCRIPTS_SEED, n: int = 120) -> list[dict]:
    """Consent scripts with per-element labels.

    Parameters
    ----------
    seed : int
        Random seed; the same seed gives the same scripts.
    n : int
        Number of scripts. About a third are complete; the rest miss one to six elements.

    Returns
    -------
    list of dict
        ``{"id", "split", "tool", "voice", "text", "labels": {element: bool}, "missing": [...]}``.

    """
    rng = random.Random(seed)
    out = []
    for i in range(n):
        tool = rng.choice(sorted(TOOLS))
        voice = rng.choice(["spoken", "spoken", "handout", "formal"])
        if rng.random() < 0.35:
            present = list(ELEMENTS)
        else:
            k = rng.randint(1, 6)
            dropped = set(rng.sample(ELEMENTS, k))
            present = [e for e in ELEMENTS if e not in dropped]
        sentences = [rng.choice(_OPENERS[voice])]
        for el in ELEMENTS:
            if el in present:
                sentences.append(_fill(rng.choice(_BANK[el][voice]), tool, rng))
            if rng.random() < 0.12:
                sentences.append(rng.choice(_DISTRACTORS))
        sep = "\n" if voice != "spoken" else " "
        labels = {el: el in present for el in ELEMENTS}
        out.append(
            {
                "id": f"cs-{i + 1:03d}",
                "split": "dev" if i % 5 == 4 else "train",
                "tool": tool,
                "voice": voice,
                "text": sep.join(sentences),
                "labels": labels,
                "missing": [el for el in ELEMENTS if not labels[el]],
            }
        )
    return out


def generate_records(seed: int = RECORDS_SEED, n_clients: int = 40) -> list[dict]:
    """A practice's consent log: one record per decision, sorted by date then client.

    Injected on purpose: re-consents, declines, withdrawals after consent, consents
    with an expiry date (one year), minors whose consent was given by a guardian or
    (wrongly) by the young person alone, and clients who later turned 18.
    """
    rng = random.Random(seed)
    start = dt.date(2024, 1, 8)
    records = []
    for c in range(1, n_clients + 1):
        cid = f"C{c:03d}"
        minor = rng.random() < 0.3
        for tool in rng.sample(sorted(TOOLS), rng.randint(1, 2)):
            day = start + dt.timedelta(days=rng.randint(0, 300))
            for _ in range(rng.randint(1, 4)):
                decision = rng.choices(["consent", "decline", "withdraw"], weights=[6, 2, 2])[0]
                given_by = "client"
                if minor:
                    given_by = "guardian" if (decision == "consent" and rng.random() < 0.7) else "client"
                expires = rng.random() < 0.5 and decision == "consent"
                records.append(
                    {
                        "client_id": cid,
                        "tool": tool,
                        "date": day.isoformat(),
                        "decision": decision,
                        "given_by": given_by,
                        "minor": minor,
                        "valid_until": (day + dt.timedelta(days=364)).isoformat() if expires else None,
                    }
                )
                day += dt.timedelta(days=rng.randint(1, 200))
    records.sort(key=lambda r: (r["date"], r["client_id"], r["tool"]))
    return records


def make_queries(records: list[dict], seed: int, n: int = 60) -> list[tuple[str, str, str]]:
    """``(client_id, tool, date)`` questions about *records*: on decision days, just before and after, and at random."""
    rng = random.Random(seed)
    pairs = sorted({(r["client_id"], r["tool"]) for r in records})
    days = sorted({r["date"] for r in records} | {r["valid_until"] for r in records if r["valid_until"]})
    queries = []
    for _ in range(n):
        cid, tool = rng.choice(pairs)
        if rng.random() < 0.15:
            tool = rng.choice(sorted(set(TOOLS) - {tool}))
        base = dt.date.fromisoformat(rng.choice(days))
        day = base + dt.timedelta(days=rng.choice([-1, 0, 0, 1, 30]))
        queries.append((cid, tool, day.isoformat()))
    return queries


def build_scripts() -> str:
    """``data/consent_scripts.jsonl``."""
    return jsonl_text(generate_scripts(SCRIPTS_SEED))


def build_records() -> str:
    """``data/consent_records.jsonl``."""
    return jsonl_text(generate_records(RECORDS_SEED))


_SCRIPTS_CARD = """
**What it represents.** 120 consent scripts a clinician might read or hand to a client before using an
AI tool (an ambient AI scribe, a note-writing assistant, a scheduling chatbot), in three voices: spoken,
handout and formal (legalistic). Fields: `id`, `split` (`train` / `dev`, every fifth script is `dev`),
`tool`, `voice`, `text`, `labels` (`{element: true/false}` for the nine consent elements) and `missing`.

**What was injected.** About a third of the scripts are complete (all nine elements); the rest had one to
six elements removed at random, so every element is missing from roughly a quarter to a third of scripts.
About one sentence in eight is a reassuring distractor that covers no element ("We take your privacy
seriously."); these teach that vague assurances are not disclosures. Labels come from construction (which
element sentences were put in), not from the checker.

**Known limits.** Scripts are assembled from a small bank of sentences, so they are more regular than real
scripts; they are for practice and for testing, not for measuring the checker. The checker's agreement with
human judgement is measured on a separate hand-written evaluation set (`course/consent/eval_set.jsonl`),
written in other voices and formats.
"""

_RECORDS_CARD = """
**What it represents.** A practice's log of consent decisions about AI tools for 40 synthetic clients
(`C001`-`C040`) in 2024-2025: `client_id`, `tool`, `date`, `decision` (`consent` / `decline` / `withdraw`),
`given_by` (`client` / `guardian`), `minor` (the client was under 18 at the time) and `valid_until` (the last
day a consent is valid, or `null`). Sorted by date.

**What was injected.** Each client has one or two tools and one to four decisions per tool: re-consents,
declines, withdrawals after consent (decision weights 6:2:2), about half of consents expire after one year,
and about 30% of clients are minors, whose consents are mostly (70%) given by a guardian and otherwise,
wrongly, by the young person alone. These exercise the rules of `course.consent.may_use_ai`.

**Known limits.** Invented rules for teaching: who may consent for a minor, and for what, varies by state
and service; real logs also record who explained the tool, in which language, and the version of the form.
"""

DATASETS = [
    Dataset(
        name="consent_scripts",
        filename="consent_scripts.jsonl",
        purpose="module 02: consent scripts, complete and deficient, labelled per consent element",
        seed=SCRIPTS_SEED,
        build=build_scripts,
        card=_SCRIPTS_CARD,
        generator="course.synth.consent.generate_scripts",
    ),
    Dataset(
        name="consent_records",
        filename="consent_records.jsonl",
        purpose="module 02: consent decisions (consent, decline, withdraw, guardians, expiry) for may_use_ai",
        seed=RECORDS_SEED,
        build=build_records,
        card=_RECORDS_CARD,
        generator="course.synth.consent.generate_records",
    ),
]
