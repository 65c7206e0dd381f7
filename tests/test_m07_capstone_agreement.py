"""Capstone 07: a ✅ from a self-check means the grader agrees, for plausible answers of every kind."""

import pytest
from agreement_cases import grade_cells_are_the_self_check, passed, run_variants

from course.guidelines.self_assessment import STATEMENTS

pytestmark = pytest.mark.slow

DENY = ["Summit Community Mental Health", "Prairie Shield Insurance", "JJTLTDNG5HT973680"]
CLOSING = "We use one note assistant under a BAA with client consent, but have no written policy, no bias audit and no review plan yet."
CEDAR = {
    "practice": "Cedar Grove Counseling Collective (fictional)",
    "owner": "the Clinical Director",
    "effective": "2026-02-02",
    "state": "other",
    "tools": ["Tandemloom Listen (ambient scribe)"],
    "permitted_uses": ["A", "B"],
    "prohibited_uses": ["D", "E", "F", "G", "H"],
    "fairness_note": "No clinician relies on the scribe's risk flags until the vendor closes the gap by language.",
    "cadence_months": 6,
}
RATINGS = dict.fromkeys(STATEMENTS, 1)
VARIANTS = {
    "my_deny_list": [DENY, [w.lower() for w in DENY], [], DENY[:1], "Summit Community Mental Health", ..., [*DENY, "session", "plan"]],
    "answer_q1b": ["B", "b", "A", "C", ["A", "B"], ...],
    "my_consent_script": [
        "I would like to use a tool called Tandemloom Listen. It is an AI program that listens to our session and writes a first "
        "draft of my notes. It records the audio. The recording is used only to write your note. The company may not use it to "
        "train its AI. The recording is encrypted and deleted after 90 days. The tool can make mistakes. It is not for emergencies. "
        "I read and correct every note myself. Saying no is fine and will not change your care. You can change your mind at any "
        "time. What questions do you have?",
        None,
        "We use an AI scribe. Is that OK?",
        "I would like to record our session with an AI scribe that writes my notes, and it is fine to say no.",
        42,
        ...,
    ],
    "answer_q3": [
        {"missed_more": "other language", "measure": "B"},
        {"missed_more": "Other language", "measure": "b"},
        {"missed_more": "English", "measure": "B"},
        {"missed_more": "other language", "measure": "A"},
        {"missed_more": "Spanish", "measure": "B"},
        {"missed_more": ..., "measure": ...},
    ],
    "answer_q4": ["fails", "fail", "passes", "maybe", 0.65, ...],
    "answer_q5": ["approve with conditions", "Approve with conditions", "approve", "reject", "yes", ...],
    "my_cedar_choices": [
        CEDAR,
        {**CEDAR, "state": "UT", "prohibited_uses": ["F", "G", "H"]},
        {**CEDAR, "tools": ["an ambient scribe"]},
        {**CEDAR, "effective": "2026-01-15"},
        {**CEDAR, "permitted_uses": ["A"], "prohibited_uses": ["B", "D", "E", "F", "G", "H"]},
        {**CEDAR, "state": "Ohio"},
        dict.fromkeys(CEDAR, ...),
    ],
    "answer_q7": ["2026-07-08", "2026/7/8", "2026-08-02", "2026-02-19", "2026-11-04", "July", ...],
    "my_ratings": [RATINGS, dict.fromkeys(STATEMENTS, 2), {**RATINGS, "privacy_1": ...}, {**RATINGS, "privacy_1": 3}, RATINGS, [1] * 18,
                   dict.fromkeys(STATEMENTS, ...)],
    "my_closing_answer": [CLOSING, CLOSING, CLOSING, CLOSING, "Not much.", CLOSING, ...],
}


def test_every_grade_cell_runs_the_self_checks_own_case():
    grade_cells_are_the_self_check("07_capstone")


def test_self_check_agrees_with_grade_m07():
    outcomes = run_variants("07_capstone", VARIANTS)
    from test_m07_capstone_tools import _leaked

    assert passed(outcomes, "m07_q1_test") == [True, True, not _leaked([]), not _leaked(DENY[:1]), False, False, False]
    assert passed(outcomes, "m07_q1b_test")[:6] == [True, True, False, False, False, False]
    assert passed(outcomes, "m07_q2_test")[:6] == [True, False, False, False, False, False]
    assert passed(outcomes, "m07_q3_test")[:6] == [True, True, False, False, False, False]
    assert passed(outcomes, "m07_q4_test")[:6] == [True, True, False, False, False, False]
    assert passed(outcomes, "m07_q5_test")[:6] == [True, True, False, False, False, False]
    assert passed(outcomes, "m07_q6_test") == [True, True, False, False, False, False, False]
    assert passed(outcomes, "m07_q7_test")[:7] == [True, True, False, False, False, False, False]
    assert passed(outcomes, "m07_q8_test") == [True, True, False, False, False, False, False]
