"""Checks for the capstone (07): grade ids m07_q1, m07_q1b, m07_q2 ... m07_q8.

Q1 the learner's deny list makes the course's de-identifier leak nothing in the sample
(and keeps the clinical content), Q1b whether the notes should go to the vendor at all,
Q2 the consent script covers every element at reading grade 8 or lower, Q3 which language
group the scribe's risk flag misses and what recall measures, Q4 the four-fifths verdict,
Q5 the vendor decision, Q6 the practice's policy choices, Q7 the first review date, Q8 the
self-assessment is complete. Every answer is a literal; the course runs the tools. Reference
answers are computed here from the data, never stored.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..guidelines import review as _review
from ..guidelines import rubric as _rubric
from ..guidelines import self_assessment as _sa
from ._core import (
    BadFormat,
    NotAttempted,
    Question,
    Wrong,
    as_choices,
    as_letter,
    as_mapping,
    as_text,
)

__all__ = [
    "SAMPLE_KINDS",
    "SAMPLE_SIZE",
    "sample_notes",
    "leaks",
    "risk_recall_reference",
    "pilot",
    "practice",
    "q1", "q1b", "q2", "q3", "q4", "q5", "q6", "q7", "q8",
    "Q1B_OPTIONS", "Q3_MEASURES", "POLICY_KEYS", "deidentify_sample", "not_identifiers", "show_deidentified", "risk_flag_table",
    "review_table",
]

#: The scribe drafts these kinds of note; the capstone sample is the first dev-split notes of them.
SAMPLE_KINDS = ("soap", "dap", "birp", "telehealth")
SAMPLE_SIZE = 6


def sample_notes(notes: list[dict] | None = None) -> list[dict]:
    """The capstone's sample of notes (dev split, scribe-drafted kinds, first by id)."""
    if notes is None:
        return _course_sample()
    return sorted((n for n in notes if n["split"] == "dev" and n["kind"] in SAMPLE_KINDS), key=lambda n: n["id"])[:SAMPLE_SIZE]


@functools.cache
def _course_sample() -> list[dict]:
    from ..data import load

    return sample_notes(load("notes"))


def pilot(seed: int | None = None) -> pd.DataFrame:
    """The scribe pilot outputs: the course data set, or generated from *seed*."""
    if seed is None:
        from ..data import load

        return load("scribe_pilot")
    from ..synth.capstone import generate_pilot

    return pd.DataFrame(generate_pilot(seed))


def practice() -> dict:
    """The capstone practice (course data set ``capstone_practice``)."""
    from ..data import load

    return load("capstone_practice")


# ---- Q1: de-identification leaks nothing ----------------------------------------------------
Q1_LEAK = "{n} identifier(s) still appear: {examples}. Add each to your deny list as it appears in the note, run the cell, and check again."
Q1_GUTTED = ("With your deny list, note {id} lost much of its clinical content (only {kept:.0%} of its ordinary words remain): "
             "keep only identifiers in the list, not ordinary words.")
_WORD = re.compile(r"[A-Za-z]{4,}")
_NOT_CHECKED = {"PROVIDER"}


def leaks(doc: dict, text: str) -> list[tuple[str, str]]:
    """Gold identifiers of *doc* that are still visible in *text*: ``[(label, surface), ...]``.

    The course's one definition of a leak, as in module 01 (:func:`course.privacy.find_leaks`):
    an identifier leaks if any of its words can still be read in *text* where the identifier
    was, capital letters ignored. The same word elsewhere in the note as an ordinary word
    (Grant, Hope) is not a leak. Clinicians' own names (``PROVIDER``) are scored apart.
    """
    from ..privacy import find_leaks

    return [(leak.label, leak.text.strip()) for leak in find_leaks(doc, deidentified=text)]


def _kept_share(doc: dict, text: str) -> float:
    covered = [False] * len(doc["text"])
    for span in doc["spans"]:
        for i in range(span["start"], span["end"]):
            covered[i] = True
    words = [m.group() for m in _WORD.finditer(doc["text"]) if not any(covered[m.start():m.end()])]
    if not words:
        return 1.0
    present = set(_WORD.findall(text))
    return sum(1 for w in words if w in present) / len(words)


#: Q1: the de-identifier the practice would use (module 01's reference pipeline), with the learner's deny list.
@functools.lru_cache(maxsize=32)
def _pipeline(deny_list: tuple[str, ...]):
    from ..privacy import Pipeline

    return Pipeline(deny_list=list(deny_list))


@functools.lru_cache(maxsize=64)
def _sample_texts(words: tuple[str, ...]) -> tuple[str, ...]:
    """The course's sample de-identified with the (lower-case, sorted) deny list *words*."""
    pipe = _pipeline(words)
    return tuple(pipe.deidentify(doc["text"])[0] for doc in sample_notes())


def deidentify_sample(deny_list: Any = (), notes: list[dict] | None = None) -> list[str]:
    """The sample notes de-identified by the course's pipeline with *deny_list* (words always hidden)."""
    # The deny list matches regardless of case, so one pipeline serves "Summit" and "summit".
    words = tuple(sorted({w.strip().lower() for w in (deny_list if isinstance(deny_list, (list, tuple)) else [])
                          if isinstance(w, str) and w.strip()}))
    if notes is None:
        return list(_sample_texts(words))
    pipe = _pipeline(words)
    return [pipe.deidentify(doc["text"])[0] for doc in sample_notes(notes)]


def show_deidentified(deny_list: Any = ()) -> Any:
    """The de-identified sample notes, one box each, to read for what still identifies someone."""
    import html as _html

    from IPython.display import HTML

    texts = deidentify_sample(deny_list if deny_list is not ... else ())
    boxes = [
        f'<div style="border:1px solid #dadce0;border-radius:4px;margin:6px 0;padding:6px 10px">'
        f'<b>{_html.escape(doc["id"])}</b><pre style="white-space:pre-wrap;margin:4px 0">{_html.escape(text)}</pre></div>'
        for doc, text in zip(sample_notes(), texts, strict=True)
    ]
    return HTML("".join(boxes))


Q1_DENY_FORMAT = ('Please give a list of words or phrases in quotes, separated by commas, like ["Name One", "Place Two"]. '
                  "If you found nothing to add, give an empty list: [].")


Q1_NOT_IDENTIFIERS = ("Your deny list also hides words that are not identifiers in these notes: {words}. "
                      "Keep only what identifies a person, so that the clinical content stays.")


def not_identifiers(deny_list: list[str], notes: list[dict] | None = None) -> list[str]:
    """The items of *deny_list* that occur in a sample note outside every identifier (hand-labelled spans)."""
    out = []
    docs = sample_notes(notes)
    for item in deny_list:
        pattern = re.compile(r"(?<![\w])" + re.escape(item.strip()) + r"(?![\w])", flags=re.I)
        for doc in docs:
            spans = [(sp["start"], sp["end"]) for sp in doc["spans"]]
            if any(not any(a <= m.start() and m.end() <= b for a, b in spans) for m in pattern.finditer(doc["text"])):
                out.append(item.strip())
                break
    return out


def _check_q1(answer: Any, notes: list[dict] | None = None) -> str:
    if not isinstance(answer, (list, tuple)) or not all(isinstance(a, str) for a in answer):
        raise BadFormat(Q1_DENY_FORMAT)
    extra = not_identifiers([a for a in answer if a.strip()], notes)
    if extra:
        raise Wrong(Q1_NOT_IDENTIFIERS.format(words=", ".join(repr(w) for w in extra)))
    docs = sample_notes(notes)
    texts = deidentify_sample(answer, notes)
    found = [(doc["id"], label, surface) for doc, text in zip(docs, texts, strict=True) for label, surface in leaks(doc, text)]
    if found:
        examples = "; ".join(f"{surface!r} ({label.lower()}) in {doc_id}" for doc_id, label, surface in found)
        raise Wrong(Q1_LEAK.format(n=len(found), examples=examples))
    for doc, text in zip(docs, texts, strict=True):
        kept = _kept_share(doc, text)
        if kept < 0.8:
            raise Wrong(Q1_GUTTED.format(id=doc["id"], kept=kept))
    spans = sum(1 for d in docs for sp in d["spans"] if sp["label"] not in _NOT_CHECKED)
    return f"Correct: with your deny list none of the {spans} identifiers in the {len(docs)} sample notes leaks, and the clinical content is kept."


q1 = Question(
    "m07_q1",
    "Q1",
    _check_q1,
    hints=[
        "Read each de-identified note as a stranger would: a name, a clinic, an insurer, a vehicle number or a place can identify a client as surely as a name can.",
        "Look closely at the note written all in lower case: the de-identifier leans on capital letters. Type what is left, exactly as it appears, into the list.",
    ],
    solution='["Summit Community Mental Health", "Prairie Shield Insurance", "JJTLTDNG5HT973680"] for the committed notes '
             "(the clinic's name, the insurer and a vehicle identification number). Case does not matter.",
    blank=lambda a: a is ... or a is None,
)

# ---- Q1b: should the notes go to the vendor at all? -------------------------------------------

#: Q1b: the options (letter -> text); the practice's answer is B.
Q1B_OPTIONS: dict[str, str] = {
    "A": "Yes: once the de-identification check shows no leaks, send them. De-identified notes are not protected health information.",
    "B": "Not now. First check that the business associate agreement allows it, tell clients (notice) and ask for their consent. "
         "The consent script promises clients that the company will not train its AI on their data, so without their agreement the answer is no.",
    "C": "Yes: the vendor has signed a business associate agreement, so it may use the notes however it needs to.",
    "D": "Yes, as long as the notes are sent by encrypted email.",
}
Q1B_WRONG = ("Not that one. Think about what the practice has promised its clients about training the vendor's AI, "
             "and what the BAA allows the vendor to do with client information.")


def _check_q1b(answer: Any) -> str:
    if as_letter(answer, "".join(Q1B_OPTIONS)) != "B":
        raise Wrong(Q1B_WRONG)
    return ("Correct: de-identification is hard to get right (step 1 showed what slips through), and even de-identified notes "
            "may only go where the contract, the notice and the clients' consent allow. Tuning the vendor's tool is not care.")


q1b = Question(
    "m07_q1b",
    "Q1b",
    _check_q1b,
    hints=[
        "A BAA lets a vendor use client information only as the contract allows (45 CFR 164.504(e)); tuning its product is a use the contract must name.",
        "Read step 2's consent script: what does it promise about training? A promise to clients binds the practice even where the law might not.",
    ],
    solution='"B"',
)

# ---- Q2: consent script ----------------------------------------------------------------------
Q2_MISSING = ("Your script does not cover every element yet ({found} of {total} found). The check_script report above lists "
              "what it found; add a plain sentence for each element it does not list.")
Q2_TOO_HARD = "Your script reads at about grade {grade:.0f}; aim for grade {limit} or lower (shorter sentences, everyday words)."
Q2_NO_SCRIBE = "Say what the tool is: mention that the session is recorded or listened to by the scribe."
#: The reading level for consent scripts, as in module 02.
Q2_GRADE_LIMIT = 8


def _check_q2(answer: Any) -> str:
    text = as_text(answer)
    from ..consent import ELEMENTS, check_script

    report = check_script(text)
    if report.missing:
        raise Wrong(Q2_MISSING.format(found=len(ELEMENTS) - len(report.missing), total=len(ELEMENTS)))
    if report.grade_level > Q2_GRADE_LIMIT:
        raise Wrong(Q2_TOO_HARD.format(grade=report.grade_level, limit=Q2_GRADE_LIMIT))
    if not re.search(r"record|listen|scribe", text, flags=re.I):
        raise Wrong(Q2_NO_SCRIBE)
    return f"Correct: every consent element is there, at about grade {report.grade_level:.0f}."


q2 = Question(
    "m07_q2",
    "Q2",
    _check_q2,
    hints=[
        "Start from your module 02 script and adapt it to the scribe: what it records, for how long (90 days), and that the company does not train on it.",
        "The check_script report lists the elements it found, sentence by sentence; short sentences and everyday words bring the grade level down.",
    ],
    solution=None,
)

# ---- Q3: the risk-flag audit ----------------------------------------------------------------

#: Q3 "measure": which definition is the scribe's recall (true-positive rate) of risk language?
Q3_MEASURES: dict[str, str] = {
    "A": "Of the sessions the scribe flagged, the share that really had risk language.",
    "B": "Of the sessions that really had risk language, the share the scribe flagged.",
    "C": "Of all sessions, the share the scribe flagged.",
}
Q3_KEYS = ("missed_more", "measure")
Q3_GROUP = "missed_more: in which language group does the scribe flag risk language LESS often when it is there?"
Q3_MEASURE = "measure: which definition matches the 'recall' column? Read how the table counts it."


def risk_recall_reference(df: pd.DataFrame) -> pd.Series:
    """True-positive rate (recall) of the scribe's risk flag per ``language_group``."""
    present = df[df["risk_language_present"] == 1]
    return present.groupby("language_group")["scribe_flagged_risk"].mean()


def risk_flag_table(df: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per language group: sessions with risk language, how many the scribe flagged, and the recall."""
    df = pilot() if df is None else df
    present = df[df["risk_language_present"] == 1]
    g = present.groupby("language_group")["scribe_flagged_risk"]
    return pd.DataFrame({"sessions_with_risk_language": g.size(), "flagged_by_scribe": g.sum(), "recall": g.mean()})


def _check_q3(answer: Any) -> str:
    a = as_mapping(answer, Q3_KEYS)
    rates = risk_recall_reference(pilot())
    problems = []
    group = as_choices(a["missed_more"], list(rates.index)) if a["missed_more"] is not ... else []
    if group != [rates.idxmin()]:
        problems.append(Q3_GROUP)
    measure = as_letter(a["measure"], "".join(Q3_MEASURES)) if a["measure"] is not ... else None
    if measure != "B":
        problems.append(Q3_MEASURE)
    if problems:
        raise Wrong(" ".join(problems))
    return (f"Correct: when risk language is there, the scribe flags it in {rates.max():.0%} of {rates.idxmax()} sessions "
            f"but only {rates.min():.0%} of {rates.idxmin()} sessions.")


q3 = Question(
    "m07_q3",
    "Q3",
    _check_q3,
    hints=[
        "Recall (the true-positive rate) only looks at sessions where risk language really was present.",
        "Compare the recall column of the two rows; for the measure, check which sessions the table counts in 'sessions_with_risk_language'.",
    ],
    solution='{"missed_more": "other language", "measure": "B"}',
)

# ---- Q4: four-fifths verdict ---------------------------------------------------------------
Q4_CHOICES = 'Please answer "passes" or "fails" (in quotes).'
Q4_WRONG = "Not quite: divide the lower recall by the higher one and compare the result with 0.8."
_VERDICTS = {"passes": "passes", "pass": "passes", "passed": "passes", "fails": "fails", "fail": "fails", "failed": "fails"}


def _check_q4(answer: Any) -> str:
    if not isinstance(answer, str) or answer.strip().lower() not in _VERDICTS:
        raise BadFormat(Q4_CHOICES)
    rates = risk_recall_reference(pilot())
    ratio = rates.min() / rates.max()
    expected = "passes" if ratio >= 0.8 else "fails"
    if _VERDICTS[answer.strip().lower()] != expected:
        raise Wrong(Q4_WRONG)
    return f"Correct: {rates.min():.2f} / {rates.max():.2f} = {ratio:.2f}, well below 0.8: the gap is too large to accept."


q4 = Question(
    "m07_q4",
    "Q4",
    _check_q4,
    hints=[
        "The rule of thumb compares two rates: the lower one divided by the higher one should be at least 0.8.",
        "Use the two numbers in the recall column of the step 3 table (a phone calculator is fine).",
    ],
    solution='"fails": the ratio is well below 0.8.',
)

# ---- Q5: vendor decision -----------------------------------------------------------------
Q5_CHOICES = 'Please answer with one of "approve", "approve with conditions" or "reject" (in quotes).'
Q5_WRONG = "Not quite. Check the three deal-breakers first, then compare the score with 80 and 60 (module 05)."


def _check_q5(answer: Any) -> str:
    if not isinstance(answer, str) or " ".join(answer.lower().split()) not in _rubric.DECISIONS:
        raise BadFormat(Q5_CHOICES)
    expected = _rubric.scorecard([practice()["scribe_profile"]])["decision"].iloc[0]
    if " ".join(answer.lower().split()) != expected:
        raise Wrong(Q5_WRONG)
    return "Correct: no deal-breaker, and a score between 60 and 80: approve with conditions, and write the conditions down."


q5 = Question(
    "m07_q5",
    "Q5",
    _check_q5,
    hints=[
        "The rule has an order: deal-breakers first (no BAA, training on client data, unstated encryption), then the score.",
        "The table above the answer cell shows the vendor's score and every fact from its profile.",
    ],
    solution='"approve with conditions"',
)

# ---- Q6: the practice's policy -------------------------------------------------------------
#: The keys of the Q6 answer (the same choices as in exercise 05).
POLICY_KEYS = ("practice", "owner", "effective", "state", "tools", "permitted_uses", "prohibited_uses", "fairness_note", "cadence_months")
Q6_PROBLEMS = "Cedar Grove's policy is not complete yet: {problems}"
Q6_NO_TOOL = "Name the scribe ({product}) in the policy's list of tools."
Q6_DATES = "Use Cedar Grove's own effective date and review cadence (printed above the cell)."
Q6_SCRIBE_USE = "Cedar Grove is adopting the scribe: the permitted uses must include what the scribe does."
Q6_GAP = "fairness_note: say what the practice does about the risk-flag gap you found in step 3 (mention the risk flags)."


def _check_q6(answer: Any) -> str:
    from ..guidelines.policy import (
        CLINICAL_USES,
        choice_format_problems,
        choice_problems,
        resolve_uses,
    )

    _, wrong_form = choice_format_problems(answer, POLICY_KEYS)
    if wrong_form:
        raise BadFormat(" ".join(wrong_form[:3]))
    problems = choice_problems(answer, POLICY_KEYS)
    if problems:
        raise Wrong(Q6_PROBLEMS.format(problems=" ".join(problems[:3])))
    p = practice()
    product = p["scribe_profile"]["product"]
    if not any(product.lower() in t.lower() for t in answer["tools"]):
        raise Wrong(Q6_NO_TOOL.format(product=product))
    if str(answer["effective"]).strip() != p["policy_effective"] or answer["cadence_months"] != p["review_cadence_months"]:
        raise Wrong(Q6_DATES)
    if CLINICAL_USES["B"] not in resolve_uses(answer["permitted_uses"]):
        raise Wrong(Q6_SCRIBE_USE)
    if not re.search(r"risk|flag", answer["fairness_note"], flags=re.I):
        raise Wrong(Q6_GAP)
    return "Correct: the policy has every required section, names the scribe and its permitted use, and says what happens about the risk flags."


q6 = Question(
    "m07_q6",
    "Q6",
    _check_q6,
    hints=[
        "Fill in the choices as in exercise 05 Q4, with Cedar Grove's details: its name, effective date and cadence are printed above the cell.",
        "The scribe drafts notes from session recordings: find that use in the list of clinical uses. The fairness note is where the step 3 finding goes.",
    ],
    solution=None,
    blank=lambda a: a is ... or (isinstance(a, dict) and all(v is ... for v in a.values())),
)

# ---- Q7: first review date ---------------------------------------------------------------
SINCE = "the policy took effect"


def review_table() -> pd.DataFrame:
    """Cedar Grove's review deadlines (the course adds the days; the learner decides which count)."""
    p = practice()
    return _review.deadline_table(p["policy_effective"], p["review_cadence_months"], [tuple(e) for e in p["events"]], since=SINCE)


def _check_q7(answer: Any) -> str:
    from .m05_ethical_guidelines import date_answer, review_tip

    got = date_answer(answer)
    p = practice()
    events = [tuple(e) for e in p["events"]]
    expected = _review.next_review(dt.date.fromisoformat(p["policy_effective"]), p["review_cadence_months"],
                                   [(dt.date.fromisoformat(d), k) for d, k in events])
    if got != expected:
        raise Wrong(review_tip(got, p["policy_effective"], p["review_cadence_months"], events, since=SINCE))
    return f"Correct: the bias finding brings the first review forward to {expected:%d %B %Y}."


q7 = Question(
    "m07_q7",
    "Q7",
    _check_q7,
    hints=[
        "As in exercise 05 Q6: only events after the policy's effective date count.",
        "Of the scheduled date and the deadlines of the events that count, the earliest is the answer.",
    ],
    solution='"2026-07-08": the bias finding on 8 June plus 30 days; the January event came before the policy took effect.',
)

# ---- Q8: self-assessment complete ------------------------------------------------------------
Q8_PROBLEM = "Your self-assessment is not complete yet: {reason}."


def _check_q8(answer: Any) -> str:
    if not isinstance(answer, tuple) or len(answer) != 2:
        raise BadFormat(Q8_PROBLEM.format(reason="give your ratings and your closing answer"))
    ratings, closing = answer
    if isinstance(ratings, Mapping) and all(v is ... for v in ratings.values()) and closing is ...:
        raise NotAttempted
    if not isinstance(ratings, Mapping):
        raise BadFormat(_core_mapping_message())
    unrated = [k for k, v in ratings.items() if v is ...]
    if unrated:
        raise Wrong(Q8_PROBLEM.format(reason=f"{len(unrated)} statement(s) not rated yet (replace each ... with 0, 1 or 2)"))
    try:
        _sa.action_plan(ratings, closing if isinstance(closing, str) else "")
    except ValueError as exc:
        raise Wrong(Q8_PROBLEM.format(reason=exc)) from None
    return "Correct: your self-assessment is complete. Your action plan is below; your facilitator reads it with Q10."


def _core_mapping_message() -> str:
    from ._core import FMT_MAPPING

    return FMT_MAPPING.format(keys='"privacy_1", "privacy_2", ...')


q8 = Question(
    "m07_q8",
    "Q8",
    _check_q8,
    hints=[
        "Rate every statement 0 (not yet), 1 (partly) or 2 (in place) for your own practice: there is no right rating, only an honest one.",
        "Then answer the closing question in a few sentences of your own (at least 15 words), in quotes.",
    ],
    solution=None,
    blank=lambda a: a is ... or (isinstance(a, tuple) and len(a) == 2 and a[1] is ...
                                 and (a[0] is ... or (isinstance(a[0], Mapping) and all(v is ... for v in a[0].values())))),
)
