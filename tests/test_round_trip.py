"""nbgrader autograde round trips, one per module exercise, from one table.

For each assignment: the solution scores full marks, the untouched release scores zero,
a right submission scores full, and each plausible wrong submission scores full minus
exactly the questions it gets wrong. Full marks come from the solutions' own nbgrader
points, never from this file. A few assignments also carry special submissions: 00 has a
learner who edited a locked hidden-test cell (nbgrader restores it) and a submission that
is not JSON (reported as a problem and left as it was).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest

from course import grading
from course.guidelines.scenarios import SCENARIOS
from helpers import (
    ROOT,
    answer_cells,
    edit_cells,
    error_outputs,
    make_course_dir,
    module_id,
    nbgrader_meta,
    solution_answers,
    submit,
)

#: ``{grade_id: (old text, new text)}`` as :func:`helpers.edit_cells` takes it; in a wrong
#: submission, ``None`` instead of a pair leaves that cell as released (unanswered).
Edits = Mapping[str, "tuple[str, str] | None"]

#: The right submission is the solution's own answers, typed into the release's answer cells.
FROM_SOLUTION = None


@dataclass(frozen=True)
class Wrong:
    """A wrong submission: the right edits with *edits* on top, losing the questions in
    *loses* (grade ids of test cells; each scores 0, unless given as ``{grade_id: score}``)."""

    edits: Edits
    loses: tuple[str, ...] | Mapping[str, float]


@dataclass(frozen=True)
class Broken:
    """A submission that is not a notebook: reported as a problem whose reason contains
    *reason*, not graded, and left unmodified."""

    raw: str
    reason: str


@dataclass(frozen=True)
class Case:
    right: Edits | None  # FROM_SOLUTION: the solution's answers typed into the release
    wrong: Mapping[str, Wrong]  # learner id -> wrong submission
    broken: Mapping[str, Broken] = field(default_factory=dict)
    # a facilitator's folder has its own data/; here it lives under /tmp, which the grading
    # sandbox replaces with a private /tmp: the data must still be seen (read-only)
    copy_data: bool = False


# ---------------------------------------------------------------------------- 00 welcome

RIGHT_00 = {
    "m00_q1": ("answer_q1 = ...", "answer_q1 = 6"),
    "m00_q2": ("answer_q2 = ...", 'answer_q2 = "c"'),
    "m00_q3": ("answer_q3 = ...", 'answer_q3 = ["A", "C", "D", "F", "H"]'),
    "m00_q4": ("answer_q4 = ...", 'answer_q4 = ["Jane Doe", "Janey", "Jane", "Ruth Doe"]'),
}
# Plausible wrong answers: Q1 off by one (1 point) and a redaction list with only the
# full name, so the nickname, the first name and the sister stay visible (2 points).
WRONG_00 = {
    "m00_q1": ("answer_q1 = ...", "answer_q1 = 5"),
    "m00_q4": ("answer_q4 = ...", 'answer_q4 = ["Jane Doe"]'),
}

# ---------------------------------------------------------------------------- 01 privacy

ALL_COURSE = '["NAME", "PROVIDER", "DATE", "AGE_OVER_89", "LOCATION", "ORGANIZATION", "PHONE", "FAX", "EMAIL", "URL", "IP_ADDRESS", "SSN", "MRN", "HEALTH_PLAN", "ACCOUNT", "LICENSE", "VEHICLE", "DEVICE", "OTHER_ID"]'
DENY_01 = '["jean-luc", "Riverside Junior High", "Olumide Castillo-Reyes", "Yusuf", "cedar hill behavioral health", "rowan", "unity care medicaid"]'
Q3_BLANK_01 = "answer_q3_off = ...\nanswer_q3_on = ..."
Q4_BLANK_01 = "answer_q4_deny = ...\nanswer_q4_operator = ..."

#: Right answers a learner could type (not copied from the solution cells).
RIGHT_01 = {
    "m01_q1": ("answer_q1 = ...", 'answer_q1 = ["referral_reason", "diagnosis", "phq9_intake", "gad7_intake", "age"]'),
    "m01_q2": ("answer_q2 = ...", 'answer_q2 = ["Hope", "Moody", "91-<LICENSE>", "5/6", "666-27-4653"]'),
    "m01_q3": (Q3_BLANK_01, f'answer_q3_off = ["DATE_TIME"]\nanswer_q3_on = {ALL_COURSE}'),
    "m01_q4": (Q4_BLANK_01, f'answer_q4_deny = {DENY_01}\nanswer_q4_operator = "replace"'),
    "m01_q5": ("answer_q5 = ...", 'answer_q5 = "f"'),
}
# A review that missed the partial record number (Q2), every recognizer switched on (Q3,
# precision too low), a deny list with an everyday word on it (Q4, caught on the practice's
# other notes), and a release that drops the small groups (Q5).
WRONG_01 = {
    "m01_q2": ("answer_q2 = ...", 'answer_q2 = ["Hope Moody", "Hope", "5/6", "666-27-4653"]'),
    "m01_q3": (Q3_BLANK_01, f"answer_q3_off = []\nanswer_q3_on = {ALL_COURSE}"),
    "m01_q4": (Q4_BLANK_01, f'answer_q4_deny = {DENY_01[:-1]}, "will"]\nanswer_q4_operator = "replace"'),
    "m01_q5": ("answer_q5 = ...", 'answer_q5 = "E"'),
}

# ---------------------------------------------------------------------------- 02 consent

#: A consent script a learner could write (also used by the 02 check and agreement tests).
SCRIPT = (
    "Before we start, I'd like to ask you about something new. I use a program on this tablet. It listens to our "
    "session and writes a first draft of my notes. To do that, it records what we both say and sends the recording to "
    "the company that makes it. The recording is used only to write the draft. The company is not allowed to use it "
    "to train its AI or to share it. The recording is locked with encryption, and the company deletes it after three "
    "days. The program is not perfect. It can mishear words or leave things out. No one watches it during our "
    "session, so it cannot help in an emergency. I read and fix every draft, and it never makes decisions about your "
    "care. It is your choice. You can say no, and your care stays the same. If you change your mind later, just tell "
    "me and I will turn it off. What questions do you have?"
)
NO_WITHDRAWAL = SCRIPT.replace("If you change your mind later, just tell me and I will turn it off. ", "")
Q3_BLANK_02 = 'answer_q3 = {"a": ..., "b": ..., "c": ..., "d": ..., "e": ..., "f": ..., "g": ..., "h": ...}'
Q5_BLANK_02 = 'answer_q5 = {"A": ..., "B": ..., "C": ..., "D": ..., "E": ..., "F": ..., "G": ..., "H": ...}'

RIGHT_02 = {
    "m02_q1": ("answer_q1 = ...", f"answer_q1 = {SCRIPT!r}"),
    "m02_q2": ("answer_q2 = ...", 'answer_q2 = ["data_protection", "risks_limitations", "human_oversight", "voluntary", "withdrawal", "questions"]'),
    "m02_q3": (Q3_BLANK_02, 'answer_q3 = {"a": True, "b": False, "c": False, "d": True, "e": False, "f": True, "g": False, "h": True}'),
    "m02_q5": (Q5_BLANK_02, 'answer_q5 = {"A": True, "B": True, "C": True, "D": False, "E": True, "F": False, "G": True, "H": False}'),
}
# A script with no word on withdrawal (Q1), and accepting the app's terms of use counted as
# consent in Illinois (Q5).
WRONG_02_A = {
    "m02_q1": ("answer_q1 = ...", f"answer_q1 = {NO_WITHDRAWAL!r}"),
    "m02_q5": (Q5_BLANK_02, 'answer_q5 = {"A": True, "B": True, "C": True, "D": False, "E": True, "F": True, "G": True, "H": False}'),
}
# "questions" missing from the elements (Q2), and on a same-day consent and withdrawal,
# the consent wins (Q3: rule 2 says the "no" does).
WRONG_02_B = {
    "m02_q2": ("answer_q2 = ...", 'answer_q2 = ["data_protection", "risks_limitations", "human_oversight", "voluntary", "withdrawal"]'),
    "m02_q3": (Q3_BLANK_02, 'answer_q3 = {"a": True, "b": False, "c": False, "d": True, "e": True, "f": True, "g": False, "h": True}'),
}

# ---------------------------------------------------------------------------- 03 human-AI balance

Q4_BLANK_03 = 'answer_q4 = {"weakest": ..., "first_step": ...}'
#: Right answers a learner could type (not copied from the solution cells).
RIGHT_03 = {
    "m03_q1": ("answer_q1 = ...", 'answer_q1 = "B"'),
    "m03_q2": ("answer_q2 = ...", 'answer_q2 = ["C05", "C04"]'),
    "m03_q3": ("answer_q3 = ...", 'answer_q3 = "A, D, E, H, J"'),
    "m03_q4": (Q4_BLANK_03, 'answer_q4 = {"weakest": "understand data", "first_step": "b"}'),
    "m03_q5": ("answer_q5 = ...", 'answer_q5 = "a"'),
    "m03_q7": ("answer_q7 = ...", 'answer_q7 = ["B", "D", "A", "C", "E", "F", "G"]'),
    "m03_q8": ("answer_q8 = ...", 'answer_q8 = ["B", "C", "E", "G"]'),
}
# High acceptance read as automation bias (Q1 and Q2), only the messages with alarming
# words flagged (Q3), and the tool's own step counted as a human one (Q8).
WRONG_03 = {
    "m03_q1": ("answer_q1 = ...", 'answer_q1 = "a"'),
    "m03_q2": ("answer_q2 = ...", 'answer_q2 = ["C02", "C04", "C05"]'),
    "m03_q3": ("answer_q3 = ...", 'answer_q3 = ["E", "H", "I"]'),
    "m03_q8": ("answer_q8 = ...", 'answer_q8 = ["A", "B", "C", "E", "G"]'),
}
# Right numbers, wrong reading: the weakest statement found but the wrong first step (Q4),
# and a survey association read as proof (Q5).
READING_03 = {
    "m03_q4": (Q4_BLANK_03, 'answer_q4 = {"weakest": "understand_data", "first_step": "d"}'),
    "m03_q5": ("answer_q5 = ...", 'answer_q5 = "d"'),
}

# ---------------------------------------------------------------------------- 04 bias and fairness

# Reads "equal selection rates" as "equally well served" (Q2, B chosen); stops lowering the
# threshold too early (Q4); takes the quarter with the largest gap (Q5).
WRONG_04 = {
    "m04_q2": ("answer_q2 = ...", 'answer_q2 = ["A", "B", "C", "D", "F"]'),
    "m04_q4": ('answer_q4 = {"threshold": ..., "fpr": ...}', 'answer_q4 = {"threshold": 0.4, "fpr": 0.46}'),
    "m04_q5": ("answer_q5 = ...", 'answer_q5 = "2025Q3"'),
}

# ---------------------------------------------------------------------------- 05 ethical guidelines

Q4_BLANK_05 = """my_choices = {
    "practice": ...,
    "owner": ...,
    "effective": ...,
    "state": ...,
    "tools": ...,
    "permitted_uses": ...,
    "prohibited_uses": ...,
    "fairness_note": ...,
    "cadence_months": ...,
}"""
# Counts weak bias testing as a deal-breaker (Q1); keeps the default choices with no
# clinical uses decided (Q4); counts the event from before the last review (Q6). Q2 and Q3 are right.
WRONG_05 = {
    "m05_q1": ("answer_q1 = ...", 'answer_q1 = ["A", "B", "C", "F"]'),
    "m05_q4": (Q4_BLANK_05, 'my_choices = {"practice": "Our practice", "owner": "the owner", "effective": "2026-03-01", "state": "IL", '
                            '"tools": ["scribe"], "permitted_uses": ["A", "B", "D"], "prohibited_uses": ["F", "G", "H"], '
                            '"fairness_note": "We check every tool for all of our clients, every year.", "cadence_months": 6}'),
    "m05_q6": ("answer_q6 = ...", 'answer_q6 = "2025-12-31"'),
}

# ---------------------------------------------------------------------------- 06 professional organisations

SCENARIO_BLANK_06 = '= {"guardrail": ..., "source": ..., "action": ...}'
_S03, _S10 = SCENARIOS[2], SCENARIOS[9]
# Every scenario answered well except two: S03 (wrong action) and S10 (a source that does
# not fit); and S13 left unanswered.
WRONG_06 = {
    "m06_q3": (SCENARIO_BLANK_06, f'= {{"guardrail": "{sorted(_S03.guardrails)[0]}", "source": "{sorted(_S03.sources)[0]}", '
                                  f'"action": "{next(k for k in "abcd" if k != _S03.action)}"}}'),
    "m06_q10": (SCENARIO_BLANK_06, f'= {{"guardrail": "{sorted(_S10.guardrails)[0]}", "source": "aamft_code", "action": "{_S10.action}"}}'),
    "m06_q13": None,
}

# ---------------------------------------------------------------------------- 07 capstone

# A deny list that also hides ordinary clinical words (Q1); sends the notes once
# de-identified (Q1b); counts the event from before the policy took effect (Q7).
WRONG_07 = {
    "m07_q1": ("my_deny_list = ...",
               'my_deny_list = ["Summit Community Mental Health", "Prairie Shield Insurance", "JJTLTDNG5HT973680", '
               '"client", "session", "plan", "mood", "safety", "anxiety", "sleep", "work", "reports", "denies", "goals", '
               '"progress", "therapy", "family", "skills", "home", "week", "daily", "current", "reviewed", "discussed"]'),
    "m07_q1b": ("answer_q1b = ...", 'answer_q1b = "A"'),
    "m07_q7": ("answer_q7 = ...", 'answer_q7 = "2026-02-19"'),
}

# ---------------------------------------------------------------------------- the table

CASES: dict[str, Case] = {
    "00_welcome": Case(
        right=RIGHT_00,
        wrong={
            "wrong": Wrong(WRONG_00, loses=("m00_q1_test", "m00_q4_test")),
            # A learner who also deleted the hidden test's call: nbgrader restores locked
            # test cells, so this scores exactly as "wrong".
            "tampered": Wrong({**WRONG_00, "m00_q4_test": ("checks.q4.grade(answer_q4)", "pass  # checks.q4.grade(answer_q4)")},
                              loses=("m00_q1_test", "m00_q4_test")),
        },
        broken={"broken": Broken('{"cells": [ this is not json', reason="not a valid notebook")},
    ),
    "01_privacy": Case(
        right=RIGHT_01,
        wrong={"wrong": Wrong(WRONG_01, loses=("m01_q2_test", "m01_q3_test", "m01_q4_test", "m01_q5_test"))},
    ),
    "02_consent": Case(
        right=RIGHT_02,
        wrong={
            "wrong_a": Wrong(WRONG_02_A, loses=("m02_q1_test", "m02_q5_test")),
            "wrong_b": Wrong(WRONG_02_B, loses=("m02_q2_test", "m02_q3_test")),
        },
    ),
    "03_human_ai_balance": Case(
        right=RIGHT_03,
        wrong={
            "wrong": Wrong(WRONG_03, loses=("m03_q1_test", "m03_q2_test", "m03_q3_test", "m03_q8_test")),
            "reading": Wrong(READING_03, loses=("m03_q4_test", "m03_q5_test")),
        },
    ),
    "04_bias_fairness": Case(
        right=FROM_SOLUTION,
        wrong={"wrong": Wrong(WRONG_04, loses=("m04_q2_test", "m04_q4_test", "m04_q5_test"))},
        copy_data=True,
    ),
    "05_ethical_guidelines": Case(
        right=FROM_SOLUTION,
        wrong={"wrong": Wrong(WRONG_05, loses=("m05_q1_test", "m05_q4_test", "m05_q6_test"))},
    ),
    "06_professional_orgs": Case(
        right=FROM_SOLUTION,
        wrong={"wrong": Wrong(WRONG_06, loses=("m06_q3_test", "m06_q10_test", "m06_q13_test"))},
    ),
    "07_capstone": Case(
        right=FROM_SOLUTION,
        wrong={"wrong": Wrong(WRONG_07, loses=("m07_q1_test", "m07_q1b_test", "m07_q7_test"))},
    ),
}


# ---------------------------------------------------------------------------- derived, not typed

def full_marks(assignment: str) -> dict[str, float]:
    """``{grade_id: points}`` of the autograded cells (code grade cells that are not answers)
    of the assignment's solution notebooks, as nbgrader's metadata gives them."""
    full = {}
    for path in sorted((ROOT / "solutions" / assignment).glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            meta = nbgrader_meta(cell)
            if cell["cell_type"] == "code" and meta.get("grade") and not meta.get("solution"):
                full[meta["grade_id"]] = float(meta["points"])
    return full


def solution_edits(assignment: str, release: Path) -> dict[str, tuple[str, str]]:
    """The solution's answers as edits of the release: each answer cell's released text
    becomes the solution's answer (without its ``### BEGIN/END SOLUTION`` markers)."""
    released = {nbgrader_meta(c)["grade_id"]: "".join(c["source"])
                for c in answer_cells(json.loads(release.read_text(encoding="utf-8")))}
    return {gid: (released[gid], answer) for gid, answer in solution_answers(assignment).items()}


def expected(full: Mapping[str, float], loses: tuple[str, ...] | Mapping[str, float]) -> dict[str, float]:
    lost = dict(loses) if isinstance(loses, Mapping) else dict.fromkeys(loses, 0.0)
    assert set(lost) <= set(full), f"not graded questions: {set(lost) - set(full)}"
    assert all(lost[g] < full[g] for g in lost), "a wrong submission must lose points on each listed question"
    return {**full, **lost}


def test_every_module_has_a_round_trip():
    modules = sorted(module_id(p) for p in (ROOT / "modules").glob("*.ipynb"))
    assert sorted(CASES) == modules


@pytest.mark.slow
@pytest.mark.parametrize("assignment", sorted(CASES))
def test_autograde_round_trip(tmp_path, assignment):
    case = CASES[assignment]
    full = full_marks(assignment)
    assert full, f"{assignment} has no autograded cells"
    (solution,) = (ROOT / "solutions" / assignment).glob("*.ipynb")
    release = ROOT / "exercises" / assignment / solution.name
    root = make_course_dir(tmp_path, [assignment])
    if case.copy_data:
        shutil.copytree(ROOT / "data", root / "data")

    right = solution_edits(assignment, release) if case.right is FROM_SOLUTION else dict(case.right)
    submit(root, "solution", assignment, solution)
    submit(root, "blank", assignment, release)
    submit(root, "right", assignment, edit_cells(release, tmp_path / "right" / release.name, right))
    for student, wrong in case.wrong.items():
        edits = {gid: e for gid, e in {**right, **wrong.edits}.items() if e is not None}
        submit(root, student, assignment, edit_cells(release, tmp_path / student / release.name, edits))
    for student, broken in case.broken.items():
        submit(root, student, assignment, None, name=release.name, raw=broken.raw)

    report = grading.autograde(assignment, root)
    assert sorted(report.graded) == sorted(["solution", "blank", "right", *case.wrong]), report.problems
    # exactly one problem for each broken submission, none for the others
    assert sorted(p.student for p in report.problems) == sorted(case.broken), report.problems
    for p in report.problems:
        assert case.broken[p.student].reason in p.reason, p

    # The solution, run by the autograder, shows no error anywhere (this is its "runs
    # clean" test: tests/conftest.py drops the headless run of the same notebook).
    graded_solution = nbformat.read(root / "autograded" / "solution" / assignment / solution.name, as_version=4)
    assert not error_outputs(graded_solution), error_outputs(graded_solution)[:3]
    scores = grading.scores(assignment, root)
    assert scores["solution"] == full
    assert sum(scores["blank"].values()) == 0
    assert scores["right"] == full
    for student, wrong in case.wrong.items():
        assert scores[student] == expected(full, wrong.loses), student
    # Nothing a learner submitted was changed.
    for student, broken in case.broken.items():
        assert (root / "submitted" / student / assignment / release.name).read_text(encoding="utf-8") == broken.raw
