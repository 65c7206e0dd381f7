"""Capstone (07) checks that use the module 01 and 02 tools (its autograde round trip is in test_round_trip.py)."""

import pytest

from course.checks import m07_capstone as m07
from course.checks._core import Status

SCRIPT = (
    "I would like to use a tool called Tandemloom Listen in our sessions. It is an AI program that listens to our "
    "session and writes a first draft of my notes. It records the audio of our conversation. The recording is used "
    "only to write the draft of your note. The company may not use it to train its AI or share it with anyone. The "
    "recording is encrypted, stored in the United States, and deleted after 90 days. The tool can make mistakes or "
    "mishear things, and it may work less well for some people. It is not for emergencies. I read and correct every "
    "note myself, and the tool does not replace my judgement. Saying no is completely fine and will not change your "
    "care in any way. You can change your mind at any time. Just tell me and I will turn it off. What questions do you have?"
)
DENY = ["Summit Community Mental Health", "Prairie Shield Insurance", "JJTLTDNG5HT973680"]


def test_sample_and_leak_check_on_gold_notes():
    sample = m07.sample_notes()
    assert len(sample) == m07.SAMPLE_SIZE and all(n["split"] == "dev" and n["kind"] in m07.SAMPLE_KINDS for n in sample)
    # The leak test itself: the original text leaks, every gold span replaced leaks nothing.
    for n in sample:
        assert m07.leaks(n, n["text"])
        text = n["text"]
        for sp in sorted(n["spans"], key=lambda s: -s["start"]):
            text = text[: sp["start"]] + f"<{sp['label']}>" + text[sp["end"] :]
        assert m07.leaks(n, text) == []


def _leaked(deny_list) -> list[str]:
    return [surface for doc, text in zip(m07.sample_notes(), m07.deidentify_sample(deny_list), strict=True)
            for _, surface in m07.leaks(doc, text)]


@pytest.mark.slow
def test_deny_list_check():
    # What the course's de-identifier alone leaves visible (module 01's pipeline may improve;
    # the solution's deny list must cover whatever still leaks).
    leaked = _leaked([])
    assert {w.lower() for w in leaked} <= {w.lower() for w in DENY}, leaked
    r = m07.q1.check([])
    if leaked:
        assert r.status is Status.INCORRECT and "still appear" in r.message
        for word in leaked:  # the check prints every leaked identifier
            assert word.lower() in r.message.lower()
    else:
        assert r.correct
    assert m07.q1.check(DENY).correct
    assert m07.q1.check([w.lower() for w in DENY]).correct  # case does not matter
    assert m07.q1.check(DENY[:2]).correct is not bool(_leaked(DENY[:2]))
    assert m07.q1.check(...).status is Status.NOT_ATTEMPTED
    # Overfitting by hiding ordinary words is caught, and the message names the learner's own extra words.
    words = sorted({w for n in m07.sample_notes() for w in n["text"].split() if w.isalpha() and len(w) > 3})
    gutted = m07.q1.check(DENY + words)
    assert gutted.status is Status.INCORRECT and "not identifiers" in gutted.message
    assert m07.not_identifiers([*DENY, "session", "Tandemloom"]) == ["session"]  # absent words are harmless
    assert m07.q1.check([*DENY, "Summit"]).correct  # part of an identifier is fine
    for bad in ("Summit", [1, 2], {"deny": DENY}):
        assert m07.q1.check(bad).status is Status.ERROR


def test_send_to_vendor_and_consent_script():
    assert m07.q1b.check("B").correct and m07.q1b.check("b").correct
    for wrong in "ACD":
        assert m07.q1b.check(wrong).message == m07.Q1B_WRONG
    assert m07.q1b.check("E").status is Status.ERROR
    assert m07.q2.check(SCRIPT).correct
    r = m07.q2.check(SCRIPT.replace("Saying no is completely fine and will not change your care in any way. ", ""))
    assert r.status is Status.INCORRECT and "8 of 9" in r.message and "saying no" not in r.message.lower()
    one_long_sentence = SCRIPT.replace(". ", ", and furthermore ").replace("? ", ", and ")
    r = m07.q2.check(one_long_sentence)
    assert r.status is Status.INCORRECT and "aim for grade 8 or lower" in r.message
    assert m07.Q2_GRADE_LIMIT == 8
    assert m07.q2.check(42).status is Status.ERROR
