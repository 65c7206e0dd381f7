"""Checks for exercise 01 (protecting client privacy): grade ids m01_q1 ... m01_q5.

Q6 (a reflection) is graded by the facilitator.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ._core import NotAttempted, Question, Wrong

__all__ = [
    "intake_columns",
    "Q1_PURPOSE",
    "Q3_RECALL",
    "Q3_PRECISION",
    "Q4_NOTE_IDS",
    "dev_notes",
    "q1",
    "q2",
    "q3",
    "q4",
    "q2_notes",
    "q4_notes",
    "q5",
    "quasi_table",
    "train_notes",
]

# ---- data the questions use ------------------------------------------------------------------


def train_notes() -> list[dict]:
    """The synthetic notes of the ``train`` split (``course.data.load("notes")``)."""
    from ..data import load

    return [n for n in load("notes") if n["split"] == "train"]


def dev_notes() -> list[dict]:
    """The synthetic notes of the ``dev`` split."""
    from ..data import load

    return [n for n in load("notes") if n["split"] == "dev"]


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
Q1_FORMAT = 'Please give a list of column names in quotes, for example ["phq9_intake", "email"].'
Q1_UNKNOWN = "These are not columns of the intake table: {}. Check the spelling against intake.columns."
Q1_MISSING = "The assistant cannot do its job without: {}. Minimum necessary still means enough to do the task."
Q1_NO_DIAGNOSIS = "The goals depend on the diagnosis: include diagnosis_code (or diagnosis)."
Q1_IDENTIFIER = "These columns identify the client and the goals do not need them: {}. Leave them out."
Q1_NOT_NEEDED = "These are not needed for this purpose (and some are sensitive): {}. Leave them out."


def intake_columns() -> list[str]:
    """The columns of the ``intake_table`` data set."""
    from ..data import load

    return list(load("intake_table").columns)


def _check_q1(answer: object, columns: Sequence[str] | None = None) -> str:
    if isinstance(answer, str):
        answer = [answer]
    if not isinstance(answer, Iterable) or isinstance(answer, dict):
        raise Wrong(Q1_FORMAT)
    fields = set()
    for item in answer:
        if not isinstance(item, str):
            raise Wrong(Q1_FORMAT)
        fields.add(item.strip().lower())
    known = set(columns if columns is not None else intake_columns())
    unknown = sorted(fields - known)
    if unknown:
        raise Wrong(Q1_UNKNOWN.format(", ".join(unknown)))
    problems = []
    missing = sorted(_Q1_NEEDED - fields)
    if missing:
        problems.append(Q1_MISSING.format(", ".join(missing)))
    if not fields & _Q1_DIAGNOSIS:
        problems.append(Q1_NO_DIAGNOSIS)
    ids = sorted(fields & _Q1_IDENTIFIERS)
    if ids:
        problems.append(Q1_IDENTIFIER.format(", ".join(ids)))
    other = sorted(fields - _Q1_NEEDED - _Q1_DIAGNOSIS - _Q1_OPTIONAL - _Q1_IDENTIFIERS)
    if other:
        problems.append(Q1_NOT_NEEDED.format(", ".join(other)))
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
        "You need four columns: the referral reason, the diagnosis code and the two intake scores.",
    ],
    solution='["referral_reason", "diagnosis_code", "phq9_intake", "gad7_intake"] (adding "diagnosis" or "age" is also accepted).',
)

# ---- Q2: read the evaluation of Presidio's defaults -------------------------------------------
Q2_FORMAT = 'Please give a list of labels in quotes, for example ["NAME", "DATE"].'
Q2_MISSED = "Presidio's defaults found less than half of these too: {}. Look at the recall column again."
Q2_EXTRA = "These were found at least half of the time, so they do not belong: {}."
Q2_PROVIDER = "PROVIDER is scored apart from the identifiers: leave it out."


#: Q2 reads the evaluation on this many train notes (all of them would take minutes).
Q2_SAMPLE = 60


def q2_notes() -> list[dict]:
    """The train notes Q2 is about: the first :data:`Q2_SAMPLE` of them."""
    return train_notes()[:Q2_SAMPLE]


@functools.lru_cache(maxsize=1)
def _default_evaluation():
    from ..privacy import default_spans, evaluate

    notes = q2_notes()
    return evaluate(notes, default_spans([n["text"] for n in notes], batch=True))


def _labels_below_half(ev) -> set[str]:
    return {lab for lab in ev.gold if lab != "PROVIDER" and ev.label_recall(lab) < 0.5}


def _check_q2(answer: object, evaluation=None) -> str:
    if isinstance(answer, str):
        answer = [answer]
    if not isinstance(answer, Iterable) or isinstance(answer, dict):
        raise Wrong(Q2_FORMAT)
    labels = set()
    for item in answer:
        if not isinstance(item, str):
            raise Wrong(Q2_FORMAT)
        labels.add(item.strip().upper())
    if "PROVIDER" in labels:
        raise Wrong(Q2_PROVIDER)
    ev = evaluation if evaluation is not None else _default_evaluation()
    truth = _labels_below_half(ev)
    problems = []
    if truth - labels:
        problems.append(Q2_MISSED.format(", ".join(sorted(truth - labels))))
    if labels - truth:
        problems.append(Q2_EXTRA.format(", ".join(f"{lab} (recall {ev.label_recall(lab):.2f})" if lab in ev.gold else lab for lab in sorted(labels - truth))))
    if problems:
        raise Wrong(" ".join(problems))
    return f"Correct - Presidio's defaults miss most of these {len(truth)} kinds of identifier; Q3 is about catching them."


q2 = Question(
    "m01_q2",
    "Q2",
    _check_q2,
    hints=[
        "In the table, the recall column says what share of each kind of identifier was found (1.0 = all of it).",
        "List every label whose recall is below 0.5. Leave out the PROVIDER row and the ALL row.",
    ],
    solution="The labels whose recall is below 0.5 in the table printed by the cell above.",
    blank=lambda a: a is ... or a is None or (isinstance(a, (list, tuple, set)) and len(a) == 0),
)

# ---- Q3: recognizers that catch what the defaults miss --------------------------------------------
Q3_RECALL = 0.95
#: Guard against "hide everything": precision may not fall below this.
Q3_PRECISION = 0.6
Q3_FORMAT = ("Your answer should be a list of recognizers, e.g. [mrn, plan_id], or a dict "
             '{"recognizers": [...], "allow_list": [...]}.')
Q3_NOT_RECOGNIZER = "Item {} of your list is not a Presidio recognizer (it is a {}). Build each one with id_after(...) or PatternRecognizer(...)."
Q3_LOW_RECALL = "Recall is {:.3f} on {} notes, below the goal of {}. Still leaking most: {}."
Q3_LOW_PRECISION = "Recall is {:.3f}, but precision fell to {:.3f} (below {}): a pattern is hiding far too much. Make your patterns stricter."


@functools.lru_cache(maxsize=4)
def _artifacts(key: tuple[str, ...]):
    from ..privacy import analyzer

    engine = analyzer()
    return list(engine.nlp_engine.process_batch(list(key), language="en", batch_size=32))


def _recall_with(recognizers: Sequence, allow: Sequence[str], notes: Sequence[dict]):
    from ..privacy import analyzer, evaluate
    from ..privacy.pipeline import Span
    from ..privacy.recognizers import to_course_label

    engine = analyzer()
    preds = []
    for text, artifacts in _artifacts(tuple(n["text"] for n in notes)):
        results = engine.analyze(text=text, language="en", nlp_artifacts=artifacts,
                                 ad_hoc_recognizers=list(recognizers) or None, allow_list=list(allow) or None)
        preds.append([Span(r.start, r.end, to_course_label(r.entity_type) or "OTHER_ID", r.score)
                      for r in results if to_course_label(r.entity_type)])
    return evaluate(list(notes), preds)


def _split_q3(answer: Any) -> tuple[list, list[str]]:
    if isinstance(answer, dict):
        recognizers, allow = answer.get("recognizers", []), answer.get("allow_list", [])
    elif isinstance(answer, (list, tuple)):
        recognizers, allow = answer, []
    else:
        raise Wrong(Q3_FORMAT)
    if recognizers is ... or allow is ...:
        raise NotAttempted
    if not isinstance(recognizers, (list, tuple)) or not isinstance(allow, (list, tuple, set, frozenset)):
        raise Wrong(Q3_FORMAT)
    recognizers = [r for r in recognizers if r is not ...]
    if not recognizers:
        raise NotAttempted
    from presidio_analyzer import EntityRecognizer

    for i, rec in enumerate(recognizers, start=1):
        if not isinstance(rec, EntityRecognizer):
            raise Wrong(Q3_NOT_RECOGNIZER.format(i, type(rec).__name__))
    return list(recognizers), [str(a) for a in allow]


def _check_q3(answer: Any, notes: Sequence[dict] | None = None, min_recall: float = Q3_RECALL) -> str:
    recognizers, allow = _split_q3(answer)
    notes = list(notes) if notes is not None else dev_notes()
    ev = _recall_with(recognizers, allow, notes)
    if ev.recall < min_recall:
        worst = ", ".join(f"{lab} ({n})" for lab, n in ev.leak_counts().most_common(4))
        raise Wrong(Q3_LOW_RECALL.format(ev.recall, len(notes), min_recall, worst))
    if ev.precision < Q3_PRECISION:
        raise Wrong(Q3_LOW_PRECISION.format(ev.recall, ev.precision, Q3_PRECISION))
    return f"Correct - recall {ev.recall:.3f} and precision {ev.precision:.3f} on {len(notes)} notes, with {len(ev.leaks)} identifiers still leaking."


def _blank_q3(answer: Any) -> bool:
    if answer is ... or answer is None:
        return True
    if isinstance(answer, dict):
        recs = answer.get("recognizers", ...)
        return recs is ... or (isinstance(recs, (list, tuple)) and not [r for r in recs if r is not ...])
    return isinstance(answer, (list, tuple)) and not [r for r in answer if r is not ...]


q3 = Question(
    "m01_q3",
    "Q3",
    _check_q3,
    hints=[
        "Start with the labels your Q2 answer listed: each kind of ID usually follows a word that introduces it "
        '("MRN:", "Member ID", "Acct #", "License #"). id_after("MRN", ["MRN"]) catches an ID after "MRN".',
        "Read the leaked identifiers printed by the check: what word comes just before them in the notes? Add it to the keywords.",
        "Names are often written after a field label such as 'Client:' or 'Patient:', and ages over 89 as '93-year-old' or '93 y/o'. "
        "A PatternRecognizer with a Pattern can catch both; look at the examples in the cell above.",
    ],
    solution="See the worked answer in the facilitator's copy: id_after(...) for MRN, health plan, account, other IDs, "
             "licenses; patterns for ages over 89, street addresses and fax numbers; names after field labels.",
    blank=_blank_q3,
)

# ---- Q4: a de-identification function in which nothing leaks ---------------------------------------
#: The dev notes Q4 is checked on.
Q4_NOTE_IDS = ("note-0043", "note-0049", "note-0052", "note-0054", "note-0104", "note-0108")
Q4_NOT_FUNCTION = "Your answer should be the function itself: answer_q4 = protect (without brackets)."
Q4_NOT_TEXT = "For note {} your function gave back a {}, not text. Check the line that sets result."
Q4_LEAK = "In note {} these identifiers are still visible: {}."
Q4_WIPED = ("In note {} too much was removed: only {:.0%} of the ordinary words survive. De-identify the "
            "identifiers, keep the clinical content.")
Q4_UNCHANGED = "Note {} came back unchanged: your function should hide the identifiers."


def q4_notes() -> list[dict]:
    """The notes Q4 is checked on (from the dev split)."""
    by_id = {n["id"]: n for n in dev_notes()}
    return [by_id[i] for i in Q4_NOTE_IDS if i in by_id] or dev_notes()[:6]


def _visible(identifier: str, text: str) -> bool:
    import regex as re

    return re.search(r"(?<![\p{L}\p{N}])" + re.escape(identifier) + r"(?![\p{L}\p{N}])", text) is not None


def _check_q4(protect: Callable[[str], object], notes: Sequence[dict] | None = None) -> str:
    import regex as re

    if not callable(protect):
        raise Wrong(Q4_NOT_FUNCTION)
    notes = list(notes) if notes is not None else q4_notes()
    for note in notes:
        result = protect(note["text"])
        if result is ...:
            raise NotAttempted
        if not isinstance(result, str):
            raise Wrong(Q4_NOT_TEXT.format(note["id"], type(result).__name__))
        if result == note["text"]:
            raise Wrong(Q4_UNCHANGED.format(note["id"]))
        leaks = sorted({note["text"][s["start"]:s["end"]] for s in note["spans"] if s["label"] != "PROVIDER"
                        and _visible(note["text"][s["start"]:s["end"]], result)})
        if leaks:
            raise Wrong(Q4_LEAK.format(note["id"], ", ".join(repr(x) for x in leaks[:8])))
        covered = [False] * len(note["text"])
        for s in note["spans"]:
            for i in range(s["start"], s["end"]):
                covered[i] = True
        ordinary = {m.group() for m in re.finditer(r"\p{L}{5,}", note["text"]) if not any(covered[m.start():m.end()])}
        kept = sum(1 for w in ordinary if _visible(w, result))
        if ordinary and kept / len(ordinary) < 0.8:
            raise Wrong(Q4_WIPED.format(note["id"], kept / len(ordinary)))
    return f"Correct - no identifier survives in {len(notes)} notes, and the clinical content does."


q4 = Question(
    "m01_q4",
    "Q4",
    _check_q4,
    hints=[
        "Inside protect, find the identifiers with my_pipeline.analyze(note), then hide them with anonymize(note, spans, operator).",
        "If the check names a leaked identifier, add it (or the word before it) to a recognizer or to the deny list, then run the cells again.",
    ],
    solution='spans = my_pipeline.analyze(note)\nresult = anonymize(note, spans, "replace")',
)

# ---- Q5: k-anonymity -------------------------------------------------------------------------
QUASI_IDENTIFIERS = ("zip3", "age_band", "gender")
Q5_NOT_NUMBER = "Please give a whole number, like 4 (without quotes)."
Q5_WRONG_K = ("That is k, the size of the smallest group. The question asks how many records are alone in their "
              "group: count the groups of size 1.")
Q5_WRONG_GROUPS = "That is the number of different combinations. Count only the combinations shared by exactly one record."
Q5_WRONG_FULL = "That is the count for full ZIP + date of birth + gender. Use the coarsened columns zip3, age_band and gender."
Q5_WRONG = ("Not quite. Group the records by zip3, age_band and gender together, count each group, and count how "
            "many groups have exactly one record.")


def quasi_table():
    """The research extract of Q5 (``course.data.load("quasi_ids")``, a pandas DataFrame)."""
    from ..data import load

    return load("quasi_ids")


def _check_q5(answer: object, table=None) -> str:
    if isinstance(answer, str) and answer.strip().isdigit():
        answer = int(answer.strip())
    if hasattr(answer, "item") and not isinstance(answer, bool):  # numpy integers
        try:
            answer = answer.item()
        except (TypeError, ValueError):
            pass
    if isinstance(answer, bool) or not isinstance(answer, int):
        raise Wrong(Q5_NOT_NUMBER)
    table = quasi_table() if table is None else table
    sizes = table.groupby(list(QUASI_IDENTIFIERS)).size()
    unique = int((sizes == 1).sum())
    if answer == unique:
        return (f"Correct - {unique} record(s) are the only one of their kind: anyone who knows such a client's area, "
                "age band and gender can find their diagnosis. Coarsen further or suppress those rows.")
    if answer == int(sizes.min()):
        raise Wrong(Q5_WRONG_K)
    if answer == len(sizes):
        raise Wrong(Q5_WRONG_GROUPS)
    full = table.groupby(["zip", "date_of_birth", "gender"]).size() if {"zip", "date_of_birth"} <= set(table.columns) else None
    if full is not None and answer == int((full == 1).sum()):
        raise Wrong(Q5_WRONG_FULL)
    raise Wrong(Q5_WRONG)


q5 = Question(
    "m01_q5",
    "Q5",
    _check_q5,
    hints=[
        "k-anonymity: every combination of quasi-identifiers is shared by at least k records. A record alone in its group has k = 1.",
        'sizes = table.groupby(["zip3", "age_band", "gender"]).size() counts each combination; (sizes == 1).sum() counts the groups of one.',
    ],
    solution='sizes = table.groupby(["zip3", "age_band", "gender"]).size()\nanswer_q5 = int((sizes == 1).sum())',
)
