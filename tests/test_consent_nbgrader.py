"""Exercise 02 (informed consent): the nbgrader round trip. Solutions score full marks, the untouched
release scores zero, and plausible wrong answers lose exactly their points."""

from __future__ import annotations

import pytest

from course import grading
from helpers import ROOT, edit_cells, make_course_dir, submit

ASSIGNMENT = "02_consent"

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
RIGHT_Q2 = '["data_protection", "risks_limitations", "human_oversight", "voluntary", "withdrawal", "questions"]'
WRONG_Q2 = '["data_protection", "risks_limitations", "human_oversight", "voluntary", "withdrawal"]'
RIGHT_Q3 = '{"a": True, "b": False, "c": False, "d": True, "e": False, "f": True, "g": False, "h": True}'
# Plausible mistake: on a same-day consent and withdrawal, the consent wins (rule 2 says the "no" does).
TIE_Q3 = '{"a": True, "b": False, "c": False, "d": True, "e": True, "f": True, "g": False, "h": True}'
RIGHT_Q5 = '{"A": True, "B": True, "C": True, "D": False, "E": True, "F": False, "G": True, "H": False}'
# Plausible mistake: accepting the app's terms of use counts as consent in Illinois.
TERMS_Q5 = '{"A": True, "B": True, "C": True, "D": False, "E": True, "F": True, "G": True, "H": False}'


def _answers(q1: str, q2: str, q3: str, q5: str) -> dict[str, tuple[str, str]]:
    return {
        "m02_q1": ("answer_q1 = ...", f"answer_q1 = {q1!r}"),
        "m02_q2": ("answer_q2 = ...", f"answer_q2 = {q2}"),
        "m02_q3": ('answer_q3 = {"a": ..., "b": ..., "c": ..., "d": ..., "e": ..., "f": ..., "g": ..., "h": ...}', f"answer_q3 = {q3}"),
        "m02_q5": ('answer_q5 = {"A": ..., "B": ..., "C": ..., "D": ..., "E": ..., "F": ..., "G": ..., "H": ...}', f"answer_q5 = {q5}"),
    }


@pytest.mark.slow
def test_autograde_round_trip_02_consent(tmp_path):
    root = make_course_dir(tmp_path, [ASSIGNMENT])
    solution = ROOT / "solutions" / ASSIGNMENT / "02_consent.ipynb"
    release = ROOT / "exercises" / ASSIGNMENT / "02_consent.ipynb"
    submit(root, "solution", ASSIGNMENT, solution)
    submit(root, "blank", ASSIGNMENT, release)
    right = edit_cells(release, tmp_path / "right.ipynb", _answers(SCRIPT, RIGHT_Q2, RIGHT_Q3, RIGHT_Q5))
    submit(root, "right", ASSIGNMENT, right, name="02_consent.ipynb")
    wrong_a = edit_cells(release, tmp_path / "a.ipynb", _answers(NO_WITHDRAWAL, RIGHT_Q2, RIGHT_Q3, TERMS_Q5))
    submit(root, "wrong_a", ASSIGNMENT, wrong_a, name="02_consent.ipynb")
    wrong_b = edit_cells(release, tmp_path / "b.ipynb", _answers(SCRIPT, WRONG_Q2, TIE_Q3, RIGHT_Q5))
    submit(root, "wrong_b", ASSIGNMENT, wrong_b, name="02_consent.ipynb")

    report = grading.autograde(ASSIGNMENT, root)
    assert sorted(report.graded) == ["blank", "right", "solution", "wrong_a", "wrong_b"], report.problems

    scores = grading.scores(ASSIGNMENT, root)
    full = {"m02_q1_test": 3.0, "m02_q2_test": 2.0, "m02_q3_test": 3.0, "m02_q5_test": 2.0}
    assert scores["solution"] == full
    assert scores["right"] == full
    assert sum(scores["blank"].values()) == 0
    assert scores["wrong_a"] == {**full, "m02_q1_test": 0.0, "m02_q5_test": 0.0}
    assert scores["wrong_b"] == {**full, "m02_q2_test": 0.0, "m02_q3_test": 0.0}
