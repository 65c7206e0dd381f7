"""The de-identifier's structure-aware methods, each on short synthetic text written for
these tests (fictional people and places; 555-01xx phones; invalid IDs)."""

import pytest

from course.privacy import pipeline
from course.privacy.structure import find_addresses, find_ids, is_score_fraction, sentence_start
from course.privacy.words import truecase


@pytest.fixture(scope="module")
def pipe():
    return pipeline()


def found(pipe, text):
    return {(s.label, text[s.start:s.end]) for s in pipe.analyze(text)}


def hidden(pipe, text):
    return {text[s.start:s.end] for s in pipe.analyze(text)}


def covered(pipe, text, word):
    """Every occurrence of *word* in *text* lies inside a span."""
    spans = pipe.analyze(text)
    starts = [i for i in range(len(text)) if text.startswith(word, i)]
    assert starts, word
    return all(any(s.start <= i and i + len(word) <= s.end for s in spans) for i in starts)


# -- the "Dr." bug: a title is not a street, and a phone number stays whole ------------------
def test_doctor_is_a_title_not_a_street_and_the_phone_stays_whole(pipe):
    text = "Her aunt left a message at 503-555-0199 about her appointment with Dr. Kim next week."
    got = found(pipe, text)
    assert ("PHONE", "503-555-0199") in got
    assert ("PROVIDER", "Kim") in got
    assert not any(label == "LOCATION" for label, _ in got), got
    assert not any("appointment" in t or "Dr." in t for _, t in got)


def test_lower_case_words_before_dr_are_never_a_street():
    assert find_addresses("call 555-0142 to confirm the visit with Dr. Osei.") == []
    assert find_addresses("started 2 mg at bedtime by Dr. Lund") == []


# -- addresses ---------------------------------------------------------------------------
@pytest.mark.parametrize("address", [
    "1200 Larkin Avenue, Suite 4B, Fairview, OR 97024",
    "77 Quill Hollow Dr #12, Brenton TX 75001",
    "PO Box 4410, Marlow, NY 12400",
    "18 Wren Court, Building D, Ashby, Ohio 45001",
])
def test_an_address_is_one_span_with_unit_city_state_and_zip(pipe, address):
    text = f"Mailing address: {address}. Please send the letter there."
    assert ("LOCATION", address) in found(pipe, text)


def test_an_address_on_two_lines_and_a_city_state_zip_line():
    text = "Riverbend Family Practice\n310 Alder Way\nPine Hollow, WA 98001\n"
    spans = [(text[a:b]) for a, b, _, _ in find_addresses(text)]
    assert "310 Alder Way\nPine Hollow, WA 98001" in spans


def test_a_state_on_its_own_is_not_hidden(pipe):
    text = "She moved from Oregon to Texas last year and is licensed in NJ."
    assert not any(t in {"Oregon", "Texas", "NJ"} for t in hidden(pipe, text))


# -- identifiers --------------------------------------------------------------------------
@pytest.mark.parametrize("ident", ["QX-2291-0047", "TRK-5530-88", "Z00417731", "31-0098812", "880041/2025",
                                   "4450921883100927731"])
def test_id_shaped_tokens_are_identifiers_without_a_keyword(ident):
    text = f"Reference {ident} was noted."
    assert [text[a:b] for a, b, _, _ in find_ids(text, frozenset())] == [ident]


@pytest.mark.parametrize("token", ["F33.1", "Z63.0", "90837-95", "PHQ-9", "2019-2021", "118/76", "24/30", "150mg",
                                   "3,400", "12:30", "503-555-0142", "03/14/2024", "192.0.2.7", "H0031", "x2"])
def test_codes_scores_doses_dates_and_phones_are_not_ids(token):
    text = f"Noted {token} today."
    assert find_ids(text, frozenset({"phq-9"})) == []


def test_handles_and_labelled_ids_are_hidden(pipe):
    text = "He posts as @quiet.harbor_22 online. Claim # 77-2031455; student ID S0049188."
    got = hidden(pipe, text)
    assert {"@quiet.harbor_22", "77-2031455", "S0049188"} <= got


def test_licence_with_a_state_prefix_and_spaced_member_ids(pipe):
    text = "Clinician licence WA-LMHC-60019922. Member ID QRB 3310 4477 21 on the card."
    got = hidden(pipe, text)
    assert any("60019922" in t for t in got)
    assert any("QRB 3310 4477 21" in t for t in got)


# -- dates and ages ------------------------------------------------------------------------
def test_months_on_their_own_ordinals_and_holidays(pipe):
    text = "Symptoms worse since October and again in march. Next visit on the 14th. Calmer after thanksgiving."
    got = hidden(pipe, text)
    assert {"October", "march", "14th", "thanksgiving"} <= got
    assert "May" not in hidden(pipe, "May I call you back later this week?")


def test_score_fractions_are_not_dates():
    text = "GAD7 5/21 and PHQ9 7/27; rated mood 6/10. DOB: 4/12. Seen 3/18."
    for score in ("5/21", "7/27", "6/10"):
        i = text.index(score)
        assert is_score_fraction(text, i, i + len(score), frozenset({"gad7", "phq9"}))
    for date in ("4/12", "3/18"):
        i = text.index(date)
        assert not is_score_fraction(text, i, i + len(date), frozenset({"gad7", "phq9"}))


def test_ages_over_89_in_words_and_after_a_relative(pipe):
    text = "Lives with her grandfather, 97, who is ninety-seven in spirit too. A ninety-two-year-old neighbour helps."
    got = found(pipe, text)
    assert ("AGE_OVER_89", "97") in got
    assert ("AGE_OVER_89", "ninety-two") in got
    assert ("AGE_OVER_89", "ninety-seven") in got
    assert not any(label == "AGE_OVER_89" for label, _ in found(pipe, "The session ran ninety minutes."))


# -- names ---------------------------------------------------------------------------------
def test_a_name_is_hidden_everywhere_in_the_note_whatever_its_case(pipe):
    text = "Client: Odalys Brennan-Kurt. ODALYS arrived late; later odalys said the bus was slow."
    for form in ("Odalys", "ODALYS", "odalys"):
        assert covered(pipe, text, form), form


def test_lower_case_names_in_a_client_message_inside_a_note(pipe):
    text = ("PORTAL MESSAGE - Lakeview Counseling Group\n\n"
            "hi, its me again. my sister joy cant drive me thursday and my boss devrin wont let me leave early. "
            "me and tamsin might take the bus instead\n")
    got = hidden(pipe, text)
    assert {"joy", "devrin", "tamsin"} <= got, got


def test_titles_kinship_words_and_sentence_openers_stay_outside_names(pipe):
    text = "Reports Quenby (sister) visited. Uncle Marek drove. Officer Dallin Fenwick called at noon."
    got = found(pipe, text)
    assert ("NAME", "Quenby") in got and ("NAME", "Marek") in got
    assert any(t == "Dallin Fenwick" for _, t in got)
    assert not any(t.startswith(("Reports", "Uncle", "Officer")) for _, t in got)


def test_field_separators_and_labels_end_a_name(pipe):
    text = "Client: Ilse Varnum    Session #4    Date: 2/3/2025\nSent: Tuesday\n"
    got = hidden(pipe, text)
    assert "Ilse Varnum" in got
    assert not any("Session" in t or "Sent" in t for t in got)


def test_nicknames_capital_forms_and_lists_of_names(pipe):
    text = ("Name: HOLLOWAY, BRENNAN J.\nPt: Holloway, Brennan (\"Bren\") attends with his partner.\n"
            "Group members present: Tavi, Orrin Blake, Sunniva, K.M., Delphine.\n")
    got = hidden(pipe, text)
    assert "Bren" in got
    assert any("HOLLOWAY, BRENNAN" in t for t in got)
    for name in ("Tavi", "Orrin Blake", "Sunniva", "K.M", "Delphine"):
        assert covered(pipe, text, name), (name, got)


def test_initials_signing_an_entry_are_staff(pipe):
    text = "Left a voicemail asking for a call back. -- RW\n03/02 - Spoke with client about the plan. -- RW\n"
    assert ("PROVIDER", "RW") in found(pipe, text)


# -- organisations and places ---------------------------------------------------------------
def test_acronyms_of_an_organisation_named_in_full(pipe):
    text = "Referred to Northfield Youth Crisis Alliance (NYCA) on Monday. NYCA staff called back."
    assert covered(pipe, text, "NYCA")
    assert covered(pipe, text, "Northfield Youth Crisis Alliance")
    assert not any(t in {"PTSD", "CBT"} for t in hidden(pipe, "Dx PTSD; started CBT. MDD in remission."))


def test_headings_departments_countries_and_languages_are_not_identifiers(pipe):
    text = ("OUTPATIENT PSYCHIATRY CONSULTATION\nRequesting service: Internal Medicine\n"
            "Born in Portugal; speaks Tagalog and Spanish. Works at Brightwater Marine Supply, Inc.\n")
    got = hidden(pipe, text)
    assert not any(t in got for t in ("OUTPATIENT PSYCHIATRY CONSULTATION", "Internal Medicine", "Portugal", "Tagalog"))
    assert any("Brightwater Marine Supply" in t for t in got)


def test_the_place_after_an_organisation(pipe):
    text = "Seen at Cedar Knoll Medical Center, Tolliver\nFollow-up next week."
    assert ("LOCATION", "Tolliver") in found(pipe, text)


# -- helpers -------------------------------------------------------------------------------
def test_sentence_start_and_truecase_keep_offsets():
    text = "Seen today. Mood fair.\n- Plan: rest"
    assert sentence_start(text, 0) and sentence_start(text, text.index("Mood"))
    assert sentence_start(text, text.index("Plan")) and not sentence_start(text, text.index("today"))
    lower = "hi its quennell, my bro zarek said u wanted the forms by friday. thx so much for the help"
    out = truecase(lower, frozenset({"hi", "its", "my", "said", "wanted", "the", "forms", "by", "friday", "so",
                                     "much", "for", "help"}), frozenset())
    assert len(out) == len(lower) and "Quennell" in out and "Zarek" in out and "thx" in out and " u " in out


def test_a_deny_list_term_is_hidden_whole_even_with_allowed_words_in_it():
    from course.privacy import Pipeline

    text = "Payer: lakemont shield insurance; call them Monday."
    spans = Pipeline(deny_list=["lakemont shield insurance"]).analyze(text)
    assert any(text[s.start:s.end] == "lakemont shield insurance" for s in spans)
