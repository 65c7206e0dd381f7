"""The consent checker's method (issue 18): layout, who-does-what, negation, contradiction, evidence.

Every text here was written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from course.consent import ELEMENTS, check_script
from course.consent import nlp as consent_nlp
from course.consent.structure import segment, tool_names

COMPLETE = (
    "Before we begin, I want to tell you about a program I use. It listens to our meeting and writes a first draft "
    "of my notes. It records what both of us say. The recording is used only to write that draft, and the company "
    "may not sell it. The audio is encrypted and erased after two days. The program can mishear words, and it is not "
    "for emergencies. I check and correct every draft myself. Saying no is completely fine, and your care stays the "
    "same. If you change your mind later, tell me and I will switch it off. Do you have any questions?"
)


def found(text: str) -> set[str]:
    return {el for el, ok in check_script(text).elements.items() if ok}


# ---- layout -------------------------------------------------------------------------------------
FAQ = """Questions and answers about the note helper
What does the helper do?
It turns the recording of our meeting into a short written summary for your file.
What goes into it?
The audio of our conversation and the date of the visit.
Is it compulsory?
No. Your counselling carries on in the same way if you decline.
Can I switch it off later on?
Yes.
"""


def test_faq_questions_head_their_answers():
    units = segment(FAQ)
    answer = next(u for u in units if u.text == "Yes.")
    assert answer.heading == "Can I switch it off later on?" and answer.answer == "yes"
    assert next(u for u in units if u.text.startswith("No.")).answer == "no"
    assert {"ai_description", "data_collected", "voluntary", "withdrawal"} <= found(FAQ)
    # "Yes." alone would mean nothing to a reader: the evidence carries its question.
    assert check_script(FAQ).evidence["withdrawal"] == "Can I switch it off later on? Yes."


def test_yes_no_answers_can_also_say_no():
    text = "Can I turn the helper off later?\nNo, once you join it stays on for the whole course of care.\n"
    assert "withdrawal" not in found(text)
    text = "Is it compulsory?\nYes, every new client takes part.\n"
    assert "voluntary" not in found(text)


def test_a_heading_alone_is_not_evidence():
    assert "risks_limitations" not in found("## Risks\nHonestly, we have found none. Clients love it.\n")
    assert "risks_limitations" in found("## Risks\nIt can misread a message, so a person checks.\n")


def test_table_rows_use_their_first_cell_as_heading():
    text = textwrap.dedent("""\
        | Topic | Details |
        |---|---|
        | Information used | Your weekly questionnaire answers and your sleep diary |
        | Stopping | Tell the front desk and the feature will be switched off |
        """)
    units = segment(text)
    assert [u.heading for u in units] == ["Information used", "Stopping"]  # the header row is not content
    assert {"data_collected", "withdrawal"} <= found(text)


def test_numbered_clauses_with_titles():
    text = "4. Storage. Records are kept on servers in Canada for 30 days and then erased.\nB.2 Revocation. You may revoke this consent in writing at any time."
    units = segment(text)
    assert ("Storage", "Records are kept on servers in Canada for 30 days and then erased.") in [(u.heading, u.text) for u in units]
    assert "Revocation" in [u.heading for u in units]
    assert {"data_protection", "withdrawal"} <= found(text)


def test_text_message_parts_and_keywords():
    text = "(1/2) Hello from Pinecone Clinic: your weekly check-in is ready.\n(2/2) Text PAUSE at any time to stop the check-ins."
    assert [u.text for u in segment(text)][-1] == "Text PAUSE at any time to stop the check-ins."  # "(2/2)" is gone
    assert "withdrawal" in found(text)
    assert "voluntary" not in found("Reply STOP to opt out of the reminder texts.")  # opting out is not a free choice


def test_transcript_questions_head_the_next_speaker():
    text = "CLIENT: Does the app decide anything about my care?\nTHERAPIST: No. I look at everything it suggests and I make the decisions.\n"
    units = segment(text)
    assert units[-1].heading == "Does the app decide anything about my care?" and units[-1].answer == "no"
    assert "human_oversight" in found(text)


def test_list_items_are_content_not_headings():
    text = "## What it collects\n- Your mood scores\n- The times you log in\n\n## Questions\nAsk at reception.\n"
    units = segment(text)
    assert [u.text for u in units if u.heading == "What it collects"] == ["Your mood scores", "The times you log in"]
    assert not any(u.is_heading for u in units if u.text.startswith("Your mood"))
    assert {"data_collected", "questions"} <= found(text)


def test_tool_names_are_found_from_how_the_text_introduces_them():
    assert "Brightleaf" in tool_names("We now use an app called Brightleaf for reminders.")
    assert "Harbourline" in tool_names("Harbourline, a chat program for evenings, answers questions.")
    assert "Vale" not in tool_names("Dr. Vale, a psychologist, reviews the program's output.")


# ---- who does what to which information ------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "The assistant reads the messages you send through the portal.",
        "It keeps your answers to the weekly mood survey.",
        "The tool gathers your sleep diary entries.",
        "Our system processes your appointment history and your medication list.",
        "The software uses your questionnaire scores.",
        "It listens to the session.",
        "Sessions are recorded.",
    ],
)
def test_collection_verbs_with_concrete_client_information(sentence):
    assert "data_collected" in found(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The tool processes session information.",
        "It may use any data involved.",
        "You can chat with the bot whenever you like.",
        "The app does not record audio or video.",
        "Your clinician reads every summary.",  # a person reading output is oversight, not collection
    ],
)
def test_vague_negated_or_human_reading_is_not_collection(sentence):
    assert "data_collected" not in found(sentence)


def test_what_the_tool_does_not_only_what_it_is():
    assert "ai_description" in found("The program scores your questionnaire and flags answers that need a call back.")
    assert "ai_description" in found("Our counsellors use a tool that translates what you say into English.")
    for label_only in ("We use AI.", "Our clinic has an AI-enabled engagement platform.", "It collects your answers."):
        assert "ai_description" not in found(label_only), label_only


def test_oversight_by_staff_or_by_the_tool_not_deciding():
    assert "human_oversight" in found("Every summary is checked by your therapist before it is filed.")
    assert "human_oversight" in found("The program never makes treatment decisions.")
    assert "human_oversight" not in found("Nobody checks the summaries before they are filed.")
    assert "human_oversight" not in found("Your therapist can see the results.")


# ---- negation and contradiction -----------------------------------------------------------------------
def test_negated_statements_do_not_count():
    assert "risks_limitations" not in found("There are no risks to using it.")
    assert "withdrawal" not in found("Once it is on, you cannot turn it off.")


def test_required_elsewhere_cancels_voluntary():
    assert "voluntary" in found("Using the scheduler is optional.")
    assert "voluntary" not in found("Using the scheduler is optional. Use of the scheduler is required for all new clients.")
    assert "voluntary" not in found("The feature is switched on by default for every visit.")
    assert "voluntary" in found("Consent is not required to receive services, and saying no changes nothing.")


def test_contradictory_sharing_cancels_data_use():
    assert "data_use" in found("We never share your details.")
    assert "data_use" not in found("We never share your details. We may share your details with marketing partners.")


def test_automation_cancels_oversight():
    assert "human_oversight" not in found("The program makes the final choice, not a person.")
    assert "human_oversight" not in found("Notes are added to your chart automatically without human review.")


def test_withdrawal_is_about_the_tool_and_about_later():
    assert "withdrawal" in found("You can turn the feature off in Settings whenever you want.")
    assert "withdrawal" in found("Reply PAUSE to stop the reminders.")
    assert "withdrawal" not in found("You can stop coming to therapy at any time.")
    assert "withdrawal" not in found("If you decline today, we will not use it.")


def test_questions_need_an_invitation_not_just_a_number():
    assert "questions" not in found("Contact: 555-0100")
    assert "questions" in found("Questions? 555-0100")
    assert "questions" in found("If anything is unclear, please ask me.")
    assert "questions" not in found("We are writing to ask for your consent.")


# ---- evidence --------------------------------------------------------------------------------------------
def test_each_element_shows_a_sentence_that_supports_it():
    rep = check_script(COMPLETE)
    assert rep.complete
    for el in ELEMENTS:
        assert el in found(rep.evidence[el]), (el, rep.evidence[el])  # the sentence alone carries the element


def test_elements_prefer_different_sentences():
    text = (
        "Our clinic uses a program that listens to each visit and drafts the visit summary. "
        "It records what you and your clinician say."
    )
    rep = check_script(text)
    assert rep.evidence["ai_description"] == "Our clinic uses a program that listens to each visit and drafts the visit summary."
    assert rep.evidence["data_collected"] == "It records what you and your clinician say."


def test_one_sentence_may_support_two_elements_when_nothing_else_does():
    rep = check_script("The app records our talk and writes a summary.")
    assert rep.evidence["ai_description"] == rep.evidence["data_collected"] == "The app records our talk and writes a summary."


# ---- engineering ----------------------------------------------------------------------------------------
def test_import_compiles_no_patterns_and_loads_no_model():
    code = (
        "import sys\n"
        "import course.consent\n"
        "from course.consent import patterns, readability, rules\n"
        "import course.widgets.consent_builder\n"
        "assert rules._r.cache_info().currsize == 0, 'rules compiled at import'\n"
        "assert patterns.rx.cache_info().currsize == 0, 'patterns compiled at import'\n"
        "assert readability._rx.cache_info().currsize == 0, 'readability compiled at import'\n"
        "assert 'spacy' not in sys.modules, 'spaCy imported at import time'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_works_without_the_parser(monkeypatch):
    """If the spaCy pipeline cannot be loaded, the word-order reading still finds the elements."""
    monkeypatch.setenv("COURSE_CONSENT_SPACY", "off")
    consent_nlp.load_pipeline.cache_clear()
    try:
        assert consent_nlp.load_pipeline() is None
        assert check_script(COMPLETE).complete
        assert "data_collected" not in found("The app does not record audio or video.")
    finally:
        monkeypatch.delenv("COURSE_CONSENT_SPACY")
        consent_nlp.load_pipeline.cache_clear()


def test_prose_wrapped_by_hand_reads_like_one_paragraph():
    """A script pasted with hard line breaks mid-sentence (as in a triple-quoted answer)
    is judged like the same text on one line; headings and list items stay apart."""
    import textwrap

    from course.consent import check_script

    flat = (
        "Before we start, I want to tell you about a program I use. It listens to our session and "
        "writes a first draft of my notes. The draft is used only for your record and the company may not "
        "train its AI on it. It is encrypted and deleted after two days. It can make mistakes and it is not "
        "for emergencies. I check every draft myself. Saying no is fine and your care stays the same. You can "
        "ask me to switch it off at any time. Do you have any questions?"
    )
    for width in (38, 61, 90):
        wrapped = textwrap.fill(flat, width)
        assert check_script(wrapped).elements == check_script(flat).elements, width
    listed = "What it does\n- It listens to our session\n- It writes a draft of my notes\nQuestions? Ask me."
    assert check_script(listed).elements["ai_description"]
