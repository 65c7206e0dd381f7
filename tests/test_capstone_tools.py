"""Capstone (07) checks that use the module 01 and 02 tools, and the autograde round trip."""

import pytest

from course import grading
from course.checks import m07_capstone as m07
from course.checks._core import Status
from course.guidelines.self_assessment import STATEMENTS
from helpers import ROOT, edit_cells, make_course_dir, submit

SCRIPT = (
    "I would like to use a tool called Tandemloom Listen in our sessions. It is an AI program that listens to our "
    "session and writes a first draft of my notes. It records the audio of our conversation. The recording is used "
    "only to write the draft of your note. The company may not use it to train its AI or share it with anyone. The "
    "recording is encrypted, stored in the United States, and deleted after 90 days. The tool can make mistakes or "
    "mishear things, and it may work less well for some people. It is not for emergencies. I read and correct every "
    "note myself, and the tool does not replace my judgement. Saying no is completely fine and will not change your "
    "care in any way. You can change your mind at any time. Just tell me and I will turn it off. What questions do you have?"
)


def test_sample_and_leak_check_on_gold_notes():
    sample = m07.sample_notes()
    assert len(sample) == m07.SAMPLE_SIZE and all(n["split"] == "dev" and n["kind"] in m07.SAMPLE_KINDS for n in sample)
    originals = [n["text"] for n in sample]
    r = m07.q1.check(originals)
    assert r.status is Status.INCORRECT and "identifier(s) still appear" in r.message
    # Replacing every gold span (right to left) leaks nothing and keeps the content.
    cleaned = []
    for n in sample:
        text = n["text"]
        for sp in sorted(n["spans"], key=lambda s: -s["start"]):
            text = text[: sp["start"]] + f"<{sp['label']}>" + text[sp["end"] :]
        cleaned.append(text)
    assert m07.q1.check(cleaned).correct
    # Dropping one client name back in is caught, and gutting the notes is caught.
    name = next(sp for sp in sample[1]["spans"] if sp["label"] == "NAME")
    leaky = list(cleaned)
    leaky[1] = leaky[1] + " " + sample[1]["text"][name["start"] : name["end"]]
    assert "still appear" in m07.q1.check(leaky).message
    assert "lost most of its clinical content" in m07.q1.check(["<REDACTED>"] * len(sample)).message
    assert m07.q1.check([...] * len(sample)).status is Status.NOT_ATTEMPTED
    assert m07.q1.check(cleaned[:2]).status is Status.INCORRECT


def test_consent_script_check():
    assert m07.q2.check(SCRIPT).correct
    r = m07.q2.check(SCRIPT.replace("Saying no is completely fine and will not change your care in any way. ", ""))
    assert r.status is Status.INCORRECT and "does not yet cover" in r.message
    one_long_sentence = SCRIPT.replace(". ", ", and furthermore ").replace("? ", ", and ")
    r = m07.q2.check(one_long_sentence)
    assert r.status is Status.INCORRECT and "aim for grade 10 or lower" in r.message
    assert m07.q2.check(42).status is Status.INCORRECT


@pytest.mark.slow
def test_autograde_round_trip_07_capstone(tmp_path):
    assignment = "07_capstone"
    nb_name = f"{assignment}.ipynb"
    root = make_course_dir(tmp_path, [assignment])
    release = ROOT / "exercises" / assignment / nb_name
    submit(root, "solution", assignment, ROOT / "solutions" / assignment / nb_name)
    submit(root, "blank", assignment, release)
    # Plausible mistakes: hands in the pipeline's first try, which leaks (3); counts every
    # session, not only those with risk language (2, also on hidden data); ignores the
    # trigger events (1). Everything else is right.
    wrong = edit_cells(
        release,
        tmp_path / "wrong.ipynb",
        {
            "m07_q1": ("deidentified = [...] * len(sample)", "deidentified = [text for text, _ in first_try]"),
            "m07_q2": ("my_consent_script = ...", f"my_consent_script = {SCRIPT!r}"),
            "m07_q3": ("rates = ...", "rates = pilot.groupby('language_group')['scribe_flagged_risk'].mean()"),
            "m07_q4": ("answer_q4 = ...", 'answer_q4 = "fails"'),
            "m07_q5": ("answer_q5 = ...", 'answer_q5 = "approve with conditions"'),
            "m07_q6": ("cedar_policy = ...", "cedar_policy = build_policy({'tools': ['Tandemloom Listen (scribe)']})"),
            "m07_q7": ("answer_q7 = ...", "answer_q7 = date(2026, 8, 2)"),
            "m07_q8": (
                "my_ratings = ...\nmy_closing_answer = ...",
                # typed as literals: course grade reads answers, it never runs them
                "my_ratings = " + repr(dict.fromkeys(STATEMENTS, 1)) + "\n"
                "my_closing_answer = 'We use one AI tool with a business associate agreement and consent, but have no policy, no bias audit and no review plan yet.'",
            ),
        },
    )
    submit(root, "wrong", assignment, wrong, name=nb_name)
    report = grading.autograde(assignment, root)
    assert sorted(report.graded) == ["blank", "solution", "wrong"], report.problems
    scores = grading.scores(assignment, root)
    full = {"m07_q1_test": 3.0, "m07_q2_test": 2.0, "m07_q3_test": 2.0, "m07_q4_test": 1.0, "m07_q5_test": 1.0,
            "m07_q6_test": 2.0, "m07_q7_test": 1.0, "m07_q8_test": 1.0}
    assert scores["solution"] == full
    assert sum(scores["blank"].values()) == 0
    assert scores["wrong"] == {**full, "m07_q1_test": 0.0, "m07_q3_test": 0.0, "m07_q7_test": 0.0}
