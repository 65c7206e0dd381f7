"""Exercise 00: a ✅ means the grader agrees (issue 14).

Plausible answers to every question go through :func:`agreement.simulate` (the solution
notebook's locked cells, hidden tests included). For Q4, whose grade cell also tries the
learner's list on a second, hidden note, the agreement is *proved*: every list of terms the
self-check can accept is enumerated and must pass the hidden note too.
"""

from __future__ import annotations

import ast
import itertools
import json

import pytest
import regex as re
from agreement import simulate

from course.checks import Status
from course.checks import m00_welcome as m00
from helpers import ROOT, nbgrader_meta

A = "00_welcome"


def _hidden_note() -> str:
    nb = json.loads((ROOT / "solutions" / A / f"{A}.ipynb").read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if nbgrader_meta(c).get("grade_id") == "m00_q4_test")
    for node in ast.walk(ast.parse("".join(cell["source"]))):
        if isinstance(node, ast.keyword) and node.arg == "note":
            return ast.literal_eval(node.value)
    raise AssertionError("the hidden test of Q4 has no note=")


PLAUSIBLE = {
    "answer_q1": [6, "6", 6.0, 5, 7, "six", True, ..., [6]],
    "answer_q2": ["c", " C ", "c)", "a", "b", "d", "e", None, 3, ["c"]],
    "answer_q3": [["A", "C", "D", "F", "H"], "A, C, D, F, H", ["A", "C", "D", "F"], ["A", "B", "C", "D", "F", "H"],
                  ["A", "C", "D", "F", "G", "H"], ["a", "c", "d", "f", "h"], [], "ACDFH", ["A", "Z"], 5, ...],
    "answer_q4": [["Jane Doe", "Janey", "Jane", "Ruth Doe"], ["jane", "doe", "janey", "ruth"], ["Jane Doe"],
                  ["Jane Doe", "Janey", "Jane"], ["Jane", "Doe", "Janey", "Ruth", "sister"], ["Jane", "Doe"],
                  ["Jane Doe", "Jane", "Janey", "Ruth"], ["Jayne", "Doe", "Janey", "Ruth"], "Jane Doe", [], ..., 4,
                  ["Jane", "Doe", "Janey", "Ruth", "session"], ["Jane Doe (goes by Janey)", "Jane", "Ruth Doe"]],
}


@pytest.mark.parametrize("var", sorted(PLAUSIBLE))
def test_plausible_answers_self_check_agrees_with_grade(var):
    for value in PLAUSIBLE[var]:
        outcomes = simulate(A, {var: value})
        gid = f"m00_{var.removeprefix('answer_')}_test"
        assert outcomes[gid].agrees, f"{var} = {value!r}: {outcomes[gid]}"


def test_solution_and_blank_release():
    assert all(o.agrees and o.passed for o in simulate(A).values())
    blank = simulate(A, {f"answer_q{i}": ... for i in range(1, 5)})
    assert all(o.agrees and not o.passed and o.status is Status.NOT_ATTEMPTED for o in blank.values())


def test_hard_coded_first_name_only_is_refused_by_both():
    """Issue 14: today's ``note.replace("Jane Doe", "[NAME]")`` showed ✅ and scored 0/2."""
    outcome = simulate(A, {"answer_q4": ["Jane Doe"]})["m00_q4_test"]
    assert outcome.status is Status.INCORRECT and not outcome.passed


def _word_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"[\p{L}\p{N}]+", text)]


def _candidate_terms(note: str) -> set[str]:
    """Every term the self-check could accept on its own: a run of whole words of the note
    (with what lies between them) that hides names only. Any other term is refused by the
    self-check, so a list containing it can never show ✅."""
    words = _word_spans(note)
    terms = set()
    for i, j in itertools.combinations_with_replacement(range(len(words)), 2):
        for end_pad in (0, 1):  # with or without the punctuation after the last word
            term = note[words[i][0]:words[j][1] + end_pad].strip()
            try:
                m00._judge_terms_only(note, [term])
            except m00.Wrong:
                continue
            terms.add(term.lower())
    return terms


def test_q4_every_list_the_self_check_accepts_passes_the_hidden_note():
    hidden = _hidden_note()
    terms = sorted(_candidate_terms(m00.NOTE))
    assert {"jane", "doe", "janey", "ruth", "jane doe", "ruth doe"} <= set(terms), terms
    assert len(terms) <= 16, terms
    accepted = 0
    for k in range(1, len(terms) + 1):
        for chosen in itertools.combinations(terms, k):
            visible = m00.q4.check(list(chosen))
            graded = m00.q4.check(list(chosen), note=hidden)
            assert (visible.status is Status.CORRECT) == (graded.status is Status.CORRECT), (chosen, visible, graded)
            accepted += visible.correct
    assert accepted > 10  # many different lists are right, not only the worked answer
    # a term that is not a run of words of the note is refused by the self-check itself
    assert m00.q4.check(["Jane", "Doe", "Janey", "Ruth", "Smith"]).status is Status.INCORRECT


def test_q4_messages_do_not_give_the_answer():
    leak = m00.q4.check(["Jane Doe", "Janey", "Jane"])
    assert leak.message == m00.Q4_LEAK and "Ruth" not in leak.message
    too_much = m00.q4.check(["Jane", "Doe", "Janey", "Ruth", "sister"])
    assert "'sister'" in too_much.message  # the learner's own extra word is named
    assert m00.q4.check([1, 2]).status is Status.ERROR
    assert "Jayne" in m00.q4.check(["Jayne"]).message
    assert m00.show_redacted(["Jane", "Doe", "Janey", "Ruth"]).count(m00.TAG) == 5
    assert "Jane" not in m00.redact(m00.NOTE, ["Jane Doe", "Janey", "Jane", "Ruth Doe"])
