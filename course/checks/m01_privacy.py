"""Checks for exercise 01 (protecting client privacy): grade ids m01_q1 ... m01_q5.

Every answer is a literal: column names (Q1), the identifiers still visible in a note
(Q2), the Presidio entity types to switch off and the course recognizers to switch on
(Q3), a deny list and an operator (Q4), a letter (Q5). The course runs Presidio
(:mod:`course.privacy.exercise`); the learner judges. Q3 and Q4 are also run on fresh
notes in the hidden tests; ``tests/test_m01_privacy_agreement.py`` proves that every answer the
self-check accepts passes them. (Q6, a reflection, is graded by the facilitator.) What
counts as a leak (Q2, Q3, Q4) is the course's one definition, :func:`course.privacy.find_leaks`;
the machinery of Q2 to Q4 is in :mod:`course.checks._m01_review`.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import regex as re

from ..privacy.exercise import COURSE_RECOGNIZERS, PRESIDIO_TYPES, options_for
from ._core import (
    BadFormat,
    NotAttempted,
    Question,
    Wrong,
    as_choices,
    as_letter,
    as_mapping,
)
from ._m01_review import Classes as _Classes
from ._m01_review import ShowsLeaks as _ShowsLeaks
from ._m01_review import WrongWithDetails as _WrongWithDetails
from ._m01_review import classes as _classes
from ._m01_review import judge_review as _judge_review
from ._m01_review import occurs as _occurs
from ._m01_review import ordinary_hits as _ordinary_hits
from ._m01_review import recall_table as _recall_table
from ._m01_review import review_note as _review_note
from ._m01_review import shown

__all__ = [
    "Q1_PURPOSE",
    "Q2_NOTE_ID",
    "Q3_PRECISION",
    "Q3_RECALL",
    "Q4_BATCH",
    "RECOMMENDED",
    "catalogue",
    "dev_notes",
    "intake_columns",
    "q1",
    "q2",
    "q3",
    "q4",
    "q5",
    "quasi_table",
    "release_options",
    "show_batch",
    "show_q2",
    "shown",
    "starting_point",
    "train_notes",
    "try_q3",
]

# ---- data the questions use ------------------------------------------------------------------


def _notes() -> list[dict]:
    from ..data import load

    return load("notes")


def train_notes() -> list[dict]:
    """The synthetic notes of the ``train`` split (``course.data.load("notes")``)."""
    return [n for n in _notes() if n["split"] == "train"]


def dev_notes() -> list[dict]:
    """The synthetic notes of the ``dev`` split (Q3 and Q4 are checked on them)."""
    return [n for n in _notes() if n["split"] == "dev"]


# ---- Q1: data minimisation -------------------------------------------------------------------
Q1_PURPOSE = (
    "An AI assistant, approved by the practice under a business associate agreement, will suggest "
    "treatment-plan goals for each client from why they were referred, their diagnosis and their "
    "PHQ-9 and GAD-7 scores at intake."
)
_Q1_NEEDED = {"referral_reason", "phq9_intake", "gad7_intake"}
_Q1_DIAGNOSIS = {"diagnosis_code", "diagnosis"}
_Q1_OPTIONAL = {"age"}
_Q1_IDENTIFIERS = {
    "client_id", "full_name", "preferred_name", "date_of_birth", "street_address", "city", "zip", "phone",
    "email", "ssn", "insurance_member_id", "employer", "emergency_contact", "emergency_phone", "intake_date",
    "last_session_date", "therapist",
}
Q1_MISSING = "The assistant cannot do its job with these columns alone: minimum necessary still means enough for the task. Read the purpose again."
Q1_NO_DIAGNOSIS = "The goals depend on the diagnosis, and your list has no diagnosis column."
Q1_IDENTIFIER = "Your list includes columns that identify the client, and the goals do not need them: {}. Leave them out."
Q1_NOT_NEEDED = "Your list includes columns this purpose does not need (and some are sensitive): {}. Leave them out."


def intake_columns() -> list[str]:
    """The columns of the ``intake_table`` data set."""
    from ..data import load

    return list(load("intake_table").columns)


def _check_q1(answer: object, columns: Sequence[str] | None = None) -> str:
    fields = set(as_choices(answer, list(columns if columns is not None else intake_columns()), case_sensitive=True))
    problems = []
    ids = sorted(fields & _Q1_IDENTIFIERS)
    if ids:
        problems.append(Q1_IDENTIFIER.format(", ".join(ids)))
    other = sorted(fields - _Q1_NEEDED - _Q1_DIAGNOSIS - _Q1_OPTIONAL - _Q1_IDENTIFIERS)
    if other:
        problems.append(Q1_NOT_NEEDED.format(", ".join(other)))
    if _Q1_NEEDED - fields:
        problems.append(Q1_MISSING)
    elif not fields & _Q1_DIAGNOSIS:
        problems.append(Q1_NO_DIAGNOSIS)
    if problems:
        raise Wrong(" ".join(problems))
    if "age" in fields:
        return "Correct - age can be defended too (goals for a teenager differ from an adult's); nothing that names the client."
    return "Correct - the referral reason, the diagnosis and the two intake scores, and nothing that identifies the client."


q1 = Question(
    "m01_q1",
    "Q1",
    _check_q1,
    hints=[
        "Read the purpose again: it names exactly what the assistant works from. Ask of each column: would the goals be worse without it?",
        "Names, dates, contact details, ID numbers, the therapist and the front-desk note never help to word a goal. "
        "The purpose sentence names four things; find the column for each.",
    ],
    solution='["referral_reason", "diagnosis_code", "phq9_intake", "gad7_intake"] (adding "diagnosis" or "age" is also accepted).',
)

# ---- Q2: review what Presidio's defaults left visible in one note -----------------------------
#: The note Q2 shows after Presidio's defaults (from the train split).
Q2_NOTE_ID = "note-0058"
Q2_FORMAT = 'Please give a list of the pieces of text you found, each in quotes, for example ["Ana Lima", "12-345"].'
Q2_NOT_IN_NOTE = ("{items} not in the de-identified note as written. Type each piece exactly as it appears in the "
                  "note above, capital letters included.")
Q2_NOT_IDENTIFIER = ("{items}: not an identifier where it appears in this note (a staff name, a score or an ordinary "
                     "word is not a leak). Keep only text that points to the client or their family.")
Q2_MISSED = ("At least one identifier is still visible in the note and not (completely) on your list. Read the note "
             "again line by line: names, numbers and dates that escaped the tool.")
Q2_OK = "Correct - you found every identifier the defaults left visible, and nothing else."

def q2_note() -> dict:
    return next(n for n in _notes() if n["id"] == Q2_NOTE_ID)


@functools.lru_cache(maxsize=1)
def _review():
    """The note of Q2 as Presidio's defaults leave it, and the identifier words still visible."""
    return _review_note(q2_note())


def show_q2() -> str:
    """The note of Q2 as Presidio's defaults left it (identifiers they found show as <TYPE>)."""
    return _review().text


def _check_q2(answer: object) -> str:
    if isinstance(answer, str):
        answer = [answer]
    if not isinstance(answer, (list, tuple, set, frozenset)) or not all(isinstance(a, str) for a in answer):
        raise BadFormat(Q2_FORMAT)
    items = [a.strip() for a in answer if a.strip()]
    if not items:
        raise NotAttempted
    absent, ordinary, missed = _judge_review(_review(), items)
    if absent:
        raise Wrong(Q2_NOT_IN_NOTE.format(items=", ".join(repr(a) for a in absent) + (" is" if len(absent) == 1 else " are")))
    if ordinary:
        raise Wrong(Q2_NOT_IDENTIFIER.format(items=", ".join(repr(a) for a in ordinary)))
    if missed:
        raise Wrong(Q2_MISSED)
    return Q2_OK


q2 = Question(
    "m01_q2",
    "Q2",
    _check_q2,
    hints=[
        "Everything the defaults found shows as a tag in angle brackets, like <DATE>. You are looking for what they did not find: "
        "read the note line by line and ask of each name, number and date whether it points to the client.",
        "Look closely at the header (the client's name, the record number: is all of it hidden?), the dates written with a slash, "
        "and the numbers in the paperwork sentence. A word can be a name in one place and an ordinary word in another.",
    ],
    solution='["Hope Moody", "Hope", "91", "5/6", "666-27-4653"]: the name (twice), what is left of the record number, '
             "a date and the Social Security number. The lower-case 'hope' is an ordinary word, and the clinician's name is a staff name.",
)

# ---- Q3: which recognizers to switch on ------------------------------------------------------
#: The self-check's bar on the dev notes (the autograder's bar on fresh notes is in its hidden test).
Q3_RECALL = 0.95
#: Guard against "hide everything": at least this share of what is hidden must be identifiers.
Q3_PRECISION = 0.80
Q3_BOTH = "Please fill in both lists: answer_q3_off and answer_q3_on (an empty list [] is fine)."
Q3_NOT_PRESIDIO = ("{items} not one of Presidio's built-in types. answer_q3_off lists Presidio's types to switch off "
                   "(first part of the table); the course's recognizers go in answer_q3_on.")
Q3_NOT_COURSE = ("{items} not one of the course's recognizers. answer_q3_on lists the course's clinical recognizers "
                 "(second part of the table); Presidio's built-in types are on unless you switch them off.")
# Numbers shown against a goal are rounded down (:func:`shown`), so that a result below the
# goal never reads as meeting it (recall 0.9497 shows as 0.949, not 0.950).
Q3_LOW_RECALL = "Recall is {recall} on {n} {which} notes, below the goal of {goal}: too many identifiers are still visible. Some of them:"
Q3_LOW_PRECISION = ("Recall is {recall}, but only {precision} of what your choice hides is an identifier (the goal is at "
                    "least {goal}) on {n} {which} notes: it hides too many ordinary words, and the notes lose their clinical content. "
                    "Look at the last column of the table.")
Q3_LATER = "The autograder also runs your choice on new notes you have not seen."
Q3_OK = ("Correct - recall {recall} and precision {precision} on {n} {which} notes; {leaks} identifiers are still "
         "visible, which is what Q4 and a human reader are for. " + Q3_LATER)

#: The course's recommended choice (Q4 builds on it): everything except Presidio's DATE_TIME and NRP.
RECOMMENDED = options_for(["DATE_TIME", "NRP"], COURSE_RECOGNIZERS)


@functools.lru_cache(maxsize=2)
def _scorer(key: str = "dev"):
    from ..privacy.exercise import Scorer

    return Scorer(dev_notes())


def _q3_choice(answer: Any) -> tuple[list[str], list[str]]:
    answer = as_mapping(answer, ["switch_off", "switch_on"])
    off, on = answer["switch_off"], answer["switch_on"]
    if off is ... or on is ...:
        raise BadFormat(Q3_BOTH)
    off = [off] if isinstance(off, str) else off
    on = [on] if isinstance(on, str) else on
    for items, allowed, message in ((off, PRESIDIO_TYPES, Q3_NOT_PRESIDIO), (on, COURSE_RECOGNIZERS, Q3_NOT_COURSE)):
        if isinstance(items, (list, tuple, set, frozenset)):
            unknown = [i for i in items if isinstance(i, str) and not as_choices_ok(i, allowed)]
            if unknown:
                raise BadFormat(message.format(items=", ".join(repr(u) for u in unknown) + (" is" if len(unknown) == 1 else " are")))
    return as_choices(off, PRESIDIO_TYPES) if off else [], as_choices(on, COURSE_RECOGNIZERS) if on else []


def as_choices_ok(item: str, allowed: Sequence[str]) -> bool:
    try:
        as_choices([item], allowed)
    except BadFormat:
        return False
    return True


def _q3_verdict(scorer, options, min_recall: float, min_precision: float) -> tuple[bool, float, float]:
    recall, precision = scorer.score(options)
    return recall >= min_recall and precision >= min_precision, recall, precision


def _leak_lines(scorer, options, k: int = 12) -> list[str]:
    ev = scorer.evaluation(options)
    return [f"{leak.text!r} ({leak.label}, {leak.doc_id})" for leak in ev.leaks[:k]] + (
        [f"... and {len(ev.leaks) - k} more"] if len(ev.leaks) > k else [])


def _check_q3(answer: Any, notes: Sequence[dict] | None = None, min_recall: float = Q3_RECALL,
              min_precision: float = Q3_PRECISION):
    from ..privacy.exercise import Scorer

    off, on = _q3_choice(answer)
    options = options_for(off, on)
    scorer = _scorer() if notes is None else Scorer(list(notes))
    which = "dev" if notes is None else "new"
    ok, recall, precision = _q3_verdict(scorer, options, min_recall, min_precision)
    n = len(scorer.notes)
    if recall < min_recall:
        raise _WrongWithDetails(Q3_LOW_RECALL.format(recall=shown(recall), n=n, which=which, goal=shown(min_recall)),
                                _leak_lines(scorer, options))
    if precision < min_precision:
        raise Wrong(Q3_LOW_PRECISION.format(recall=shown(recall), precision=shown(precision, percent=True),
                                            goal=shown(min_precision, percent=True), n=n, which=which))
    leaks = len(scorer.evaluation(options).leaks)
    return Q3_OK.format(recall=shown(recall), precision=shown(precision), n=n, which=which, leaks=leaks)


def _blank_q3(answer: Any) -> bool:
    return answer is ... or (isinstance(answer, dict) and all(v is ... for v in answer.values()))


q3 = _ShowsLeaks(
    "m01_q3",
    "Q3",
    _check_q3,
    hints=[
        "Start from what Presidio's defaults miss (the first table, and what you found in Q2): each kind of identifier "
        "with a low recall needs a recognizer that finds it. The course has one ready-made for each kind of clinical identifier.",
        "Then look at the last column of the option table: a built-in type that hides mostly ordinary words (durations, "
        "'weekly', scores) costs more than it gives, especially when a course recognizer finds the same identifiers more precisely.",
        "Run the cell under your answer after each change: it shows recall, precision and the identifiers still visible, "
        "so you can see what each change does.",
    ],
    solution='answer_q3_off = ["DATE_TIME", "NRP"] and answer_q3_on = every course recognizer (the dates recognizer '
             "replaces Presidio's DATE_TIME, which also hides durations and scores; NRP is not an identifier).",
    blank=_blank_q3,
)


def starting_point() -> Any:
    """Presidio's built-in types alone on the dev notes: recall per kind of identifier."""
    return _starting_point().copy()


@functools.lru_cache(maxsize=1)
def _starting_point() -> Any:
    scorer = _scorer()
    table = _recall_table(scorer.evaluation(options_for([], [])))
    return table.rename(columns={"gold tokens": "identifier words", "found": "found"})


def catalogue() -> Any:
    """Every option, what it finds, and how it does on its own on the dev notes."""
    return _catalogue().copy()


@functools.lru_cache(maxsize=1)
def _catalogue() -> Any:
    from ..privacy.exercise import catalogue as build

    return build(dev_notes())


def try_q3(switch_off: Any, switch_on: Any, show: int = 25) -> str:
    """Recall, precision and the identifiers still visible for a choice, on the dev notes."""
    try:
        off, on = _q3_choice({"switch_off": switch_off, "switch_on": switch_on})
    except NotAttempted:
        return "Fill in your two lists in the cell above (replace each ... with a list), run it, then run this cell again."
    except BadFormat as exc:
        return str(exc)
    scorer = _scorer()
    options = options_for(off, on)
    ev = scorer.evaluation(options)
    recall, precision = scorer.score(options)
    verdict = "meets the goal" if recall >= Q3_RECALL and precision >= Q3_PRECISION else "does not meet the goal yet"
    lines = [f"With your choice, on {len(scorer.notes)} dev notes: recall {shown(recall)} (goal at least {shown(Q3_RECALL)}), "
             f"precision {shown(precision)} (goal at least {shown(Q3_PRECISION)}): your choice {verdict}.", "",
             _recall_table(ev).to_string(), ""]
    if ev.leaks:
        lines.append(f"{len(ev.leaks)} identifiers are still visible (at least one word of each), for example:")
        lines += [f"  {leak.text!r} ({leak.label}, {leak.doc_id})" for leak in ev.leaks[:show]]
    return "\n".join(lines)


# ---- Q4: a deny list and an operator for this week's batch ----------------------------------
#: The notes the practice sends this week (dev split).
Q4_BATCH = ("note-0052", "note-0056", "note-0164", "note-0325")
#: The operator the purpose calls for.
Q4_OPERATOR = "replace"
Q4_NUMBER = ("{items}: a deny list is for names (of people, places and organisations), so each entry needs letters. "
             "Numbers, dates and IDs are found by the recognizers of Q3.")
Q4_NOT_IN_BATCH = "{items} not in this week's notes as a whole word. Check the spelling against the notes printed above."
Q4_ORDINARY = ("Your deny list would also hide ordinary words in the practice's other notes, for example {examples}. "
               "A deny list hides every occurrence, so put a name on it in a form that is only ever a name (for example with the surname).")
Q4_ORDINARY_NEW = "On new notes, your deny list also hides ordinary words, for example {examples}."
Q4_LEAK = ("Something that identifies a client is still visible in note {n} of the batch ({note_id}). Read that note "
           "again as the cell above prints it.")
Q4_OPERATORS = 'Please choose one operator, in quotes: "redact", "replace", "mask" or "hash".'
Q4_OPERATOR_WRONG = {
    "redact": "redact removes the identifier and leaves no trace, so the reader cannot tell that anything (or what kind of thing) was there.",
    "mask": "mask keeps the length of every identifier in stars: the reader sees that something was removed, but not what kind of detail it was, and a short name's length is itself a clue.",
    "hash": "hash puts a code in place of each identifier: that is pseudonymisation, for linking records, and the reader still cannot tell what kind of detail each code stands for.",
}
Q4_OK = ("Correct - nothing identifying is left in the four notes, your deny list hides only names, and each removed "
         "detail is replaced by its type. The autograder also tries your deny list on new notes.")


def q4_batch() -> list[dict]:
    by_id = {n["id"]: n for n in dev_notes()}
    return [by_id[i] for i in Q4_BATCH]


@functools.lru_cache(maxsize=1)
def _batch_indices() -> tuple[int, ...]:
    ids = [n["id"] for n in dev_notes()]
    return tuple(ids.index(i) for i in Q4_BATCH)


@functools.lru_cache(maxsize=1)
def _corpus() -> _Classes:
    return _classes(_notes())


def _q4_terms(answer: Any) -> tuple[list[str], str]:
    answer = as_mapping(answer, ["deny_list", "operator"])
    deny, operator = answer["deny_list"], answer["operator"]
    if deny is ...:
        deny = []
    if isinstance(deny, str):
        deny = [deny]
    if not isinstance(deny, (list, tuple, set, frozenset)) or not all(isinstance(d, str) for d in deny):
        raise BadFormat('Please give the deny list as a list of names in quotes, for example ["Ana Lima", "Lakeview Clinic"].')
    terms = []
    for d in deny:
        term = re.sub(r"^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$", "", d)
        if term and term.lower() not in [t.lower() for t in terms]:
            terms.append(term)
    if operator is ...:
        raise BadFormat(Q4_OPERATORS)
    if not isinstance(operator, str) or operator.strip().lower() not in ("redact", "replace", "mask", "hash"):
        raise BadFormat(Q4_OPERATORS)
    return terms, operator.strip().lower()


def _batch_view():
    """The batch's findings (from the dev notes' analysis) and scorer."""
    from ..privacy.exercise import Scorer

    scorer = _scorer()
    found = scorer.found.subset(_batch_indices())
    return Scorer(q4_batch(), found)


def show_batch(deny_list: Any = ..., operator: Any = ...) -> str:
    """The week's four notes, de-identified with the recommended recognizers, your deny list and your operator."""
    from ..privacy.exercise import deidentify

    deny = [] if deny_list is ... or deny_list is None else deny_list
    op = "replace" if operator is ... or operator is None else operator
    try:
        terms, op = _q4_terms({"deny_list": deny, "operator": op})
    except (BadFormat, NotAttempted) as exc:
        return str(exc) or "Fill in your deny list and operator above, run the cell, then run this cell again."
    batch = _batch_view()
    parts = []
    for k, note in enumerate(batch.notes, start=1):
        text = deidentify(note["text"], RECOMMENDED, terms, op, salt=b"course-exercise-01", found=batch.found, index=k - 1)
        parts.append(f"===== Note {k} of {len(batch.notes)} ({note['id']}) =====\n{text}")
    return "\n\n".join(parts)


def _check_q4(answer: Any, notes: Sequence[dict] | None = None) -> str:
    terms, operator = _q4_terms(answer)
    batch = _batch_view()
    classes = _classes(batch.notes)
    numbers = [t for t in terms if not re.search(r"\p{L}", t)]
    if numbers:
        raise Wrong(Q4_NUMBER.format(items=", ".join(repr(n) for n in numbers)))
    absent = [t for t in terms if not any(_occurs(classes, t))]
    if absent:
        raise Wrong(Q4_NOT_IN_BATCH.format(items=", ".join(repr(a) for a in absent) + (" is" if len(absent) == 1 else " are")))
    for term in terms:
        hits = _ordinary_hits(_corpus(), term)
        if hits:
            raise Wrong(Q4_ORDINARY.format(examples=", ".join(hits)))
    leaked = {leak.doc_id for leak in batch.evaluation(RECOMMENDED, terms).leaks}  # course.privacy.find_leaks
    for k, note in enumerate(batch.notes, start=1):
        if note["id"] in leaked:
            raise Wrong(Q4_LEAK.format(n=k, note_id=note["id"]))
    if operator != Q4_OPERATOR:
        raise Wrong(Q4_OPERATOR_WRONG[operator])
    if notes is not None:
        fresh = _classes(list(notes))
        for term in terms:
            hits = _ordinary_hits(fresh, term)
            if hits:
                raise Wrong(Q4_ORDINARY_NEW.format(examples=", ".join(hits)))
    return Q4_OK


def _blank_q4(answer: Any) -> bool:
    return answer is ... or (isinstance(answer, dict) and all(v is ... for v in answer.values()))


q4 = Question(
    "m01_q4",
    "Q4",
    _check_q4,
    hints=[
        "Run the cell under the question before you answer: it prints the four notes as the recommended recognizers leave them. "
        "Read each one as if you were the client: what could still point to you?",
        "Names typed in lower case and the names of the practice's own sites and partners are what recognizers miss most. "
        "Put each on the deny list in a form that is only ever a name. For the operator, reread what the reader needs.",
    ],
    solution='answer_q4_deny = ["jean-luc", "Riverside Junior High", "Olumide Castillo-Reyes", "Yusuf", '
             '"cedar hill behavioral health", "adeyemi", "rowan", "unity care medicaid"] and answer_q4_operator = "replace".',
    blank=_blank_q4,
)

# ---- Q5: how to release a research extract ---------------------------------------------------
QUASI_IDENTIFIERS = ("zip3", "age_band", "gender")
#: The k the practice's rule asks for.
Q5_K = 5
_WIDE = {"18-29": "18-39", "30-39": "18-39", "40-49": "40-59", "50-59": "40-59", "60-69": "60-79",
         "70-79": "60-79", "80-89": "80+", "90+": "80+"}
_OLDEST = {"80-89": "80+", "90+": "80+"}
Q5_FEEDBACK = {
    "A": "Some clients are the only one with their combination: anyone who knows their area, age band and gender can find their diagnosis.",
    "B": "Dropping gender helps, but the oldest age band is still too small for the practice's rule.",
    "C": "Wider age bands alone are not enough while gender stays: some combinations still hold a single client.",
    "D": "This meets the rule, but 20-year bands throw away the age detail the study needs; another option keeps decades and still meets the rule.",
    "E": ("Removing the small groups meets the rule on paper, but it drops mostly non-binary and very old clients from the "
          "study: the data would no longer represent them. Change the columns instead of dropping people."),
}


def quasi_table():
    """The research extract of Q5 (``course.data.load("quasi_ids")``, a pandas DataFrame)."""
    from ..data import load

    return load("quasi_ids")


def _release(table, option: str):
    t = table.copy()
    if option in ("C", "D"):
        t["age_band"] = t["age_band"].map(_WIDE)
    if option == "F":
        t["age_band"] = t["age_band"].replace(_OLDEST)
    cols = {"A": ["zip3", "age_band", "gender"], "B": ["zip3", "age_band"], "C": ["zip3", "age_band", "gender"],
            "D": ["zip3", "age_band"], "E": ["zip3", "age_band", "gender"], "F": ["zip3", "age_band"]}[option]
    removed = 0
    if option == "E":
        sizes = t.groupby(cols)["record_id"].transform("size")
        removed = int((sizes < Q5_K).sum())
        t = t[sizes >= Q5_K]
    return t, cols, removed


_Q5_WHAT = {
    "A": "3-digit ZIP, 10-year age band, gender (as planned)",
    "B": "3-digit ZIP, 10-year age band (no gender)",
    "C": "3-digit ZIP, 20-year age band, gender",
    "D": "3-digit ZIP, 20-year age band (no gender)",
    "E": "as planned, but every client in a group smaller than 5 removed",
    "F": "3-digit ZIP, 10-year age band with 80-89 and 90+ joined as 80+ (no gender)",
}


def release_options(table=None):
    """For each way of releasing the extract: what is released, the smallest group (k), how
    many clients are alone in their group, and how many records are left out.
    """
    import pandas as pd

    table = quasi_table() if table is None else table
    rows = []
    for option, what in _Q5_WHAT.items():
        t, cols, removed = _release(table, option)
        sizes = t.groupby(cols).size()
        rows.append({"option": option, "released": what, "smallest group (k)": int(sizes.min()),
                     "clients alone in their group": int((sizes == 1).sum()), "records left out": removed})
    return pd.DataFrame(rows).set_index("option")


def _check_q5(answer: object) -> str:
    choice = as_letter(answer, "ABCDEF")
    if choice != "F":
        raise Wrong(Q5_FEEDBACK[choice])
    return ("Correct - every client shares their combination with at least four others, nobody is left out, and the "
            "study keeps its decades. Gender was not needed for this purpose, so leaving it out is also minimum necessary.")


q5 = Question(
    "m01_q5",
    "Q5",
    _check_q5,
    hints=[
        "Three things at once: the rule (k at least 5), the purpose (age by decade), and the people (a release that leaves clients out no longer represents them).",
        "Cross out every option whose smallest group is below 5, then every option that leaves records out, then compare what the rest keep.",
    ],
    solution='"F": 10-year bands with the oldest two joined, no gender: k is at least 5, nobody is left out, and the decades the study needs survive.',
)
