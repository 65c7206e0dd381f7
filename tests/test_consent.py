"""Module 02 (informed consent): the checker, its evaluation, consent records, synthetic data,
the self-checks, the widget and `course consent-check`."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from course.cli import main
from course.consent import (
    ELEMENTS,
    EMPTY_MESSAGE,
    check_script,
    count_syllables,
    detect_language,
    evaluate,
    explain,
    fk_grade,
    load_eval_set,
    may_use_ai,
    split_sentences,
    word_count,
)
from course.consent.checker import LONG_MESSAGE, MAX_CHARS
from course.synth import consent as synth
from course.widgets.consent_builder import EXAMPLES, consent_builder, report_html

COMPLETE = (
    "Before we start, I'd like to ask you about something. I use a computer program that listens to our session and "
    "writes a first draft of my notes. It records what we both say. The recording is only used to write that draft, "
    "and the company may not use it to train its AI. It is encrypted and deleted after three days. The program can "
    "make mistakes, and it is not for emergencies. I read and fix every draft. You're free to say no, and your therapy "
    "stays the same. If you change your mind later, just tell me and I'll turn it off. What questions do you have?"
)


# ---- the checker --------------------------------------------------------------------------------
def test_complete_script_has_all_elements_with_evidence():
    rep = check_script(COMPLETE)
    assert rep.complete and rep.missing == []
    for el in ELEMENTS:
        assert rep.evidence[el] and rep.evidence[el] in COMPLETE
    assert rep.evidence["questions"] == "What questions do you have?"
    assert rep.language == "en" and rep.messages == []


@pytest.mark.parametrize(
    ("sentence", "element", "expected"),
    [
        ("You're free to say no and your therapy continues the same.", "voluntary", True),
        ("We take privacy seriously.", "data_protection", False),
        ("We take your privacy very seriously and follow best practices.", "data_protection", False),
        ("Recordings are encrypted and deleted after 7 days.", "data_protection", True),
        ("Use of the scribe is required for all clients.", "voluntary", False),
        ("Consent is not a condition of receiving services.", "voluntary", True),
        ("Consent to this technology is a condition of treatment.", "voluntary", False),
        ("By continuing, you agree to our terms.", "voluntary", False),
        ("There is no risk to you.", "risks_limitations", False),
        ("It can mishear words.", "risks_limitations", True),
        ("Notes are added to your chart automatically without human review.", "human_oversight", False),
        ("I read and correct every draft.", "human_oversight", True),
        ("If you change your mind later, just tell me.", "withdrawal", True),
        ("Frequently Asked Questions", "questions", False),
        ("You can ask me to stop using it at any time.", "questions", False),
        ("If you are in danger, call 988.", "questions", False),
    ],
)
def test_hard_sentences(sentence, element, expected):
    assert check_script(sentence).elements[element] is expected


def test_negated_or_vague_text_covers_nothing():
    rep = check_script("We take privacy seriously in this practice, and we always put clients first. Let's get started.")
    assert rep.missing == list(ELEMENTS)


def test_empty_input_gives_a_clear_message():
    for text in ("", "   \n\t ", "... !!! --"):
        rep = check_script(text)
        assert rep.messages == [EMPTY_MESSAGE] and rep.words == 0 and rep.grade_level == 0.0
        assert rep.missing == list(ELEMENTS)


def test_not_text_is_a_type_error():
    with pytest.raises(TypeError, match="must be text"):
        check_script(42)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Antes de empezar, quiero contarle que uso un programa que escucha nuestra sesión y escribe un borrador de mis notas. Usted puede decir que no.", "es"),
        ("Avant de commencer, je voudrais vous parler d'un outil qui écrit mes notes pendant la séance. Vous pouvez refuser et votre suivi ne change pas.", "fr"),
        ("Bevor wir anfangen, möchte ich Ihnen ein Programm vorstellen, das unsere Sitzung aufnimmt und einen Entwurf meiner Notizen schreibt.", "de"),
        ("在我们开始之前，我想告诉你我使用一个人工智能工具来记录我们的谈话。", "zh"),
        ("Перед началом я хочу рассказать вам о программе, которая записывает наш разговор.", "ru"),
        ("Hi! AI notetaker ok w/ you? Reply Y/N. Qs? Call 555-0123.", "en"),
        (COMPLETE, "en"),
    ],
)
def test_language_detection(text, lang):
    assert detect_language(text) == lang


def test_other_language_is_flagged_not_crashed():
    rep = check_script("Antes de empezar, quiero contarle que uso un programa que escucha nuestra sesión y escribe mis notas.")
    assert rep.language == "es"
    assert any("does not look like English" in m and "Spanish" in m for m in rep.messages)


def test_every_eval_text_is_recognised_as_english():
    assert [r["id"] for r in load_eval_set() if detect_language(r["text"]) != "en"] == []


@pytest.mark.timeout(60)
def test_hundred_page_document_is_fast_and_flagged():
    page = COMPLETE + "\n\n" + "This section describes the terms of service in further detail. " * 30 + "\n"
    doc = page * 100  # about 100 pages
    rep = check_script(doc)
    assert rep.words > 30_000 and rep.complete
    assert any(m.startswith(LONG_MESSAGE.split("{")[0]) for m in rep.messages)


@pytest.mark.timeout(120)  # pytest-timeout, not a wall-clock assertion (issue 19)
def test_pathological_input_does_not_hang():
    rep = check_script("a" * (MAX_CHARS + 10_000))
    rep2 = check_script("word " * 150_000)
    assert any("Only the first" in m for m in rep.messages)
    assert rep2.words == 150_000


def test_syllables_and_grade_level():
    assert [count_syllables(w) for w in ["cat", "make", "table", "information", "recorded", "the", "simple"]] == [1, 1, 2, 4, 3, 1, 2]
    easy = "The program records our talk. They delete it in three days."
    hard = (
        "Audio data captured during the clinical encounter are transmitted to the vendor's cloud infrastructure, "
        "where they are retained for a maximum of seventy-two hours prior to permanent deletion."
    )
    assert fk_grade(easy) < 5 < 12 < fk_grade(hard)
    assert fk_grade("") == 0.0
    assert word_count("It's a 72-hour limit.") == 5


def test_sentence_splitting_handles_lines_bullets_and_titles():
    text = "Dr. Lee uses it. It writes notes!\n- Bullet one\n* Bullet two\nQ: Can I stop?\nA: Yes."
    assert split_sentences(text) == ["Dr. Lee uses it.", "It writes notes!", "Bullet one", "Bullet two", "Q: Can I stop?", "A: Yes."]


def test_as_dict_has_exactly_the_issue_schema():
    d = check_script(COMPLETE).as_dict("x.txt")
    assert list(d) == ["id", "elements", "evidence", "missing", "grade_level", "words"]
    assert list(d["elements"]) == list(ELEMENTS) and list(d["evidence"]) == list(ELEMENTS)
    assert isinstance(d["grade_level"], float) and isinstance(d["words"], int)


# ---- evaluation on the hand-labelled set -----------------------------------------------------
def test_eval_set_is_well_formed():
    recs = load_eval_set()
    assert len({r["id"] for r in recs}) == len(recs) >= 170
    assert {r["split"] for r in recs} == {"dev", "test", "holdout", "final", "blind", "blind2", "blind3"}
    assert {"spoken", "handout", "faq", "text_message", "legalistic", "vendor"} <= {r["format"] for r in recs}
    for r in recs:
        assert set(r["labels"]) <= set(ELEMENTS) and r["text"].strip()


def test_agreement_on_the_course_eval_set():
    """Every split of the course's own set was development data for the issue-18 rewrite, so these
    are regression floors, not estimates of accuracy on new text (that is tests/test_consent_external.py
    and the held-out half reported in the issue). Measured: overall 0.995, every element >= 0.977."""
    result = evaluate(load_eval_set())
    assert result.n == 173
    assert result.overall >= 0.985, result.table()
    assert min(result.per_element.values()) >= 0.96, result.table()


@pytest.mark.parametrize("split", ["blind3", "blind2", "blind", "final", "holdout", "test", "dev"])
def test_agreement_per_split(split):
    """No split may fall far behind the others (lowest measured: overall 0.987, element 0.92 on 25 texts)."""
    result = evaluate(load_eval_set(split))
    assert min(result.per_element.values()) >= 0.90, result.table()
    assert result.overall >= 0.975, result.table()


def test_agreement_on_synthetic_scripts_from_another_seed():
    recs = [{"id": s["id"], "text": s["text"], "labels": [e for e, v in s["labels"].items() if v]} for s in synth.generate_scripts(seed=991, n=80)]
    result = evaluate(recs)
    assert result.overall >= 0.97 and min(result.per_element.values()) >= 0.9, result.table()


def test_evaluation_report_runs(capsys):
    from course.consent.evaluate import main as eval_main

    assert eval_main(["blind3"]) == 0
    out = capsys.readouterr().out
    assert "== blind3 ==" in out and "overall" in out and "precision" in out and "Disagreements:" in out


def test_evaluate_rejects_empty_input():
    with pytest.raises(ValueError):
        evaluate([])


# ---- consent records ---------------------------------------------------------------------------
def _r(cid, date, decision, tool="ai_scribe", given_by="client", minor=False, valid_until=None):
    return {"client_id": cid, "tool": tool, "date": date, "decision": decision, "given_by": given_by, "minor": minor, "valid_until": valid_until}


def test_may_use_ai_rules():
    recs = [
        _r("A", "2025-03-01", "withdraw"),
        _r("A", "2025-01-01", "consent"),
        _r("B", "2025-02-02", "consent"),
        _r("B", "2025-02-02", "decline"),
        _r("M", "2025-01-05", "consent", given_by="guardian", minor=True, valid_until="2025-06-30"),
        _r("M", "2025-02-05", "decline", minor=True),
        _r("N", "2025-01-05", "consent", minor=True),
    ]
    assert may_use_ai(recs, "A", "ai_scribe", "2025-02-01") is True
    assert may_use_ai(recs, "A", "ai_scribe", "2025-03-01") is False
    assert may_use_ai(recs, "A", "chatbot", "2025-02-01") is False
    assert may_use_ai(recs, "A", "ai_scribe", "2024-12-31") is False
    assert may_use_ai(recs, "B", "ai_scribe", "2025-02-03") is False  # same day: "no" wins
    assert may_use_ai(recs, "M", "ai_scribe", "2025-01-20") is True
    assert may_use_ai(recs, "M", "ai_scribe", "2025-02-06") is False  # the minor's own "no" counts
    assert may_use_ai(recs, "N", "ai_scribe", "2025-01-20") is False
    assert may_use_ai(recs, "Z", "ai_scribe", dt.date(2025, 1, 20)) is False
    assert "expired" in explain([_r("E", "2025-01-01", "consent", valid_until="2025-01-31")], "E", "ai_scribe", "2025-02-01")[1]
    with pytest.raises(ValueError, match="year-month-day"):
        may_use_ai(recs, "A", "ai_scribe", "01/02/2025")


def test_generated_records_exercise_every_rule():
    recs = synth.generate_records(seed=7)
    reasons = {explain(recs, *q)[1].split(" (")[0].split(" given on")[0] for q in synth.make_queries(recs, seed=7, n=300)}
    assert {"valid consent", "the latest decision", "the latest consent", "no consent on record for this client and tool"} <= reasons
    assert any(r["minor"] and r["given_by"] == "client" and r["decision"] == "consent" for r in recs)
    assert any(r["valid_until"] for r in recs)


# ---- synthetic data ------------------------------------------------------------------------------
def test_synth_is_deterministic_and_labelled():
    for ds in synth.DATASETS:
        assert ds.build() == ds.build()
    scripts = synth.generate_scripts()
    assert len(scripts) == 120
    complete = sum(not s["missing"] for s in scripts)
    assert 25 <= complete <= 60
    for el in ELEMENTS:
        assert sum(not s["labels"][el] for s in scripts) >= 15, el
    assert synth.generate_scripts(seed=1) != scripts


def test_committed_data_matches_generators():
    from course.data import path

    for ds in synth.DATASETS:
        assert path(ds.name).read_text(encoding="utf-8") == ds.build(), f"run `course synth` for {ds.name}"


# ---- self-checks: tests/test_m02_consent_checks.py (exercise 02's questions) ---------------------------


# ---- widget --------------------------------------------------------------------------------------
def test_widget_callbacks_update_the_report():
    b = consent_builder()
    blank = b.output.value
    assert "0 of 9 elements" in blank and "course-consent-missing" in blank
    assert "0.0" not in blank and "easy to follow" not in blank  # nothing to read yet
    b.text.value = COMPLETE
    assert "9 of 9 elements" in b.output.value and 'data-element="voluntary"' in b.output.value
    assert b.output.value.count("course-consent-found") == 9
    assert b.output.value.count("Covered:") == 9 and "Missing:" not in b.output.value  # words, not only colour
    b.text.value = "We take privacy seriously."
    assert "course-consent-found" not in b.output.value
    b.text.value = "My own draft."
    b.examples.value = "A vendor's text (flawed)"
    assert b.text.value == EXAMPLES["A vendor's text (flawed)"]
    assert "Your draft is kept" in b.note.value
    assert "course-consent-found" in b.output.value and "course-consent-missing" in b.output.value
    b.examples.value = "(your own draft)"
    assert b.text.value == "My own draft."  # the learner's words come back
    b.text.value = "Antes de empezar, quiero contarle que uso un programa que escucha nuestra sesión."
    assert "course-consent-message" in b.output.value and "Spanish" in b.output.value
    b.text.value = COMPLETE
    b.output.value = ""
    b.button.click()
    assert "9 of 9 elements" in b.output.value
    assert "course-consent-builder" in b.widget._dom_classes
    assert "course-consent-check-button" in b.button._dom_classes
    assert "course-consent-input" in b.text._dom_classes and "course-consent-report" in b.output._dom_classes


def test_report_html_escapes_text():
    html = report_html(check_script("<script>alert(1)</script> What questions do you have?"))
    assert "<script>" not in html and "&lt;script&gt;" in html


# ---- command line --------------------------------------------------------------------------------
def test_cli_json_single_file(tmp_path, capsys):
    f = tmp_path / "script.txt"
    f.write_text(COMPLETE, encoding="utf-8")
    assert main(["consent-check", str(f), "--json"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1
    obj = json.loads(lines[0])
    assert list(obj) == ["id", "elements", "evidence", "missing", "grade_level", "words"]
    assert obj["id"] == "script.txt" and obj["missing"] == [] and all(obj["elements"].values())


def test_cli_jsonl_and_bad_lines(tmp_path, capsys):
    f = tmp_path / "many.jsonl"
    f.write_text(
        json.dumps({"id": "a", "text": COMPLETE}) + "\n\n" + json.dumps({"id": "b", "text": "We take privacy seriously."}) + "\nnot json\n" + json.dumps({"id": "c"}) + "\n",
        encoding="utf-8",
    )
    assert main(["consent-check", str(f), "--json"]) == 1
    out, err = capsys.readouterr()
    objs = [json.loads(line) for line in out.splitlines()]
    assert [o["id"] for o in objs] == ["a", "b"] and objs[1]["missing"] == list(ELEMENTS)
    assert "line 4: not valid JSON" in err and 'line 5: no "text" string' in err


def test_cli_readable_report_and_bad_input(tmp_path, capsys):
    md = tmp_path / "s.md"
    md.write_text("We take privacy seriously.", encoding="utf-8")
    assert main(["consent-check", str(md)]) == 0
    out = capsys.readouterr().out
    assert "== s.md ==" in out and "Missing:" in out and "Reading grade level" in out
    # Bad input: nothing can be checked, exit status 2 and one line on stderr (see also test_consent_cli.py).
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert main(["consent-check", str(empty), "--json"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "is empty" in err and len(err.strip().splitlines()) == 1
    assert main(["consent-check", str(tmp_path / "missing.txt")]) == 2
    assert "does not exist" in capsys.readouterr().err
    docx = tmp_path / "form.docx"
    docx.write_bytes(b"PK\x03\x04")
    assert main(["consent-check", str(docx)]) == 2
    assert "not a .txt, .md or .jsonl" in capsys.readouterr().err
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\xff\xfe" * 10)
    assert main(["consent-check", str(binary)]) == 2
    assert "not a UTF-8 text file" in capsys.readouterr().err
    spanish = tmp_path / "es.txt"
    spanish.write_text("Antes de empezar, quiero contarle que uso un programa que escucha nuestra sesión.", encoding="utf-8")
    assert main(["consent-check", str(spanish)]) == 0
    assert "does not look like English" in capsys.readouterr().out


def test_the_builder_checks_at_once_outside_a_kernel_even_with_an_event_loop_running():
    """A running asyncio loop that is not a Jupyter kernel's (Playwright's, in the browser
    suite) must not turn the check into a timer nobody waits for."""
    import asyncio

    async def inside_a_loop():
        b = consent_builder()
        b.text.value = COMPLETE
        return b.output.value

    import threading

    out: dict[str, str] = {}
    # a thread of its own: asyncio.run needs one without a running loop
    worker = threading.Thread(target=lambda: out.setdefault("html", asyncio.run(inside_a_loop())))
    worker.start()
    worker.join(timeout=60)
    assert "9 of 9 elements" in out["html"]
