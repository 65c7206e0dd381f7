"""`course consent-check`: folders, bad input (issue 15 item 7) and --evaluate (issue 18)."""

from __future__ import annotations

import json

import pytest

from course.cli import main
from course.consent import ELEMENTS

SCRIPT = (
    "I use a program that listens to our session and writes a draft of my notes. It records what we say. "
    "The recording is only used for the draft and is deleted after a day. It can make mistakes. I check every draft. "
    "You can say no and nothing changes. You can ask me to turn it off any time. Any questions?"
)


def _one_line_error(capsys) -> str:
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


# ---- bad input: exit status 2, one line, nothing on stdout ----------------------------------------
def test_empty_file_is_bad_input(tmp_path, capsys):
    for name, content in [("empty.txt", ""), ("blank.md", " \n\n\t"), ("empty.jsonl", "\n\n")]:
        f = tmp_path / name
        f.write_text(content, encoding="utf-8")
        assert main(["consent-check", str(f)]) == 2
        assert "is empty" in _one_line_error(capsys)


def test_empty_folder_is_bad_input(tmp_path, capsys):
    folder = tmp_path / "scripts"
    folder.mkdir()
    assert main(["consent-check", str(folder)]) == 2
    assert "folder" in (line := _one_line_error(capsys)) and "is empty" in line
    (folder / "form.docx").write_bytes(b"PK\x03\x04")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    assert main(["consent-check", str(folder)]) == 2
    assert "no .txt, .md or .jsonl files (2 other file(s))" in _one_line_error(capsys)


def test_folder_of_only_empty_scripts_is_bad_input(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    assert main(["consent-check", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "skipped a.txt: it is empty" in err and err.strip().splitlines()[-1].endswith("holds no scripts.")


def test_jsonl_without_scripts_is_bad_input(tmp_path, capsys):
    f = tmp_path / "many.jsonl"
    f.write_text('{"id": "a", "text": "  "}\nnot json\n', encoding="utf-8")
    assert main(["consent-check", str(f), "--json"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "holds no scripts" in err.strip().splitlines()[-1]


def test_no_input_or_two_inputs(capsys, tmp_path):
    assert main(["consent-check"]) == 2
    assert "give a script file or folder" in _one_line_error(capsys)
    f = tmp_path / "s.txt"
    f.write_text(SCRIPT, encoding="utf-8")
    assert main(["consent-check", str(f), "--evaluate", str(f)]) == 2
    assert "not both" in _one_line_error(capsys)


# ---- folders ----------------------------------------------------------------------------------------
def test_folder_checks_every_script_inside_and_skips_what_it_cannot_read(tmp_path, capsys):
    (tmp_path / "b_script.txt").write_text(SCRIPT, encoding="utf-8")
    (tmp_path / "a_handout.md").write_text("# About the tool\nWe take privacy seriously.\n", encoding="utf-8")
    (tmp_path / "more.jsonl").write_text(json.dumps({"id": "sms-1", "text": "Questions? Reply here."}) + "\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01" * 20)
    (tmp_path / "form.docx").write_bytes(b"PK\x03\x04")  # not a script type: not counted as skipped
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "hidden.txt").write_text(SCRIPT, encoding="utf-8")  # sub-folders are not read
    try:
        (tmp_path / "link.txt").symlink_to(tmp_path / "b_script.txt")
    except OSError:  # pragma: no cover - file systems without links
        pass
    assert main(["consent-check", str(tmp_path), "--json"]) == 1  # checked, but some files were skipped
    out, err = capsys.readouterr()
    ids = [json.loads(line)["id"] for line in out.splitlines()]
    assert ids == ["a_handout.md", "b_script.txt", "sms-1"]
    assert "skipped empty.txt: it is empty" in err and "skipped binary.txt: not a UTF-8 text file" in err
    assert "hidden.txt" not in out + err


def test_folder_with_good_scripts_only_exits_zero(tmp_path, capsys):
    (tmp_path / "s.txt").write_text(SCRIPT, encoding="utf-8")
    assert main(["consent-check", str(tmp_path)]) == 0
    assert "== s.txt ==" in capsys.readouterr().out


# ---- --evaluate ------------------------------------------------------------------------------------
def _gold(tmp_path, records) -> str:
    f = tmp_path / "gold.jsonl"
    f.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(f)


def test_evaluate_reads_both_gold_formats(tmp_path, capsys):
    everything = {el: True for el in ELEMENTS}
    records = [
        {"id": "own-style", "text": SCRIPT, "labels": list(ELEMENTS)},
        {"id": "external-style", "text": SCRIPT, "elements": everything},
        {"id": "vague", "text": "We take privacy seriously. Questions? Call 555-0123.", "elements": {**dict.fromkeys(ELEMENTS, False), "questions": True, "data_protection": True}},
    ]
    assert main(["consent-check", "--evaluate", _gold(tmp_path, records)]) == 0
    out = capsys.readouterr().out
    assert "precision" in out and "recall" in out and "(n = 3 scripts)" in out
    assert "vague  data_protection" in out and "label yes  checker no" in out  # the disagreement is listed
    assert main(["consent-check", "--evaluate", _gold(tmp_path, records), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["n"] == 3 and set(summary["elements"]) == set(ELEMENTS)
    assert summary["elements"]["data_protection"]["recall"] == pytest.approx(2 / 3)
    wrong = [d for d in summary["disagreements"] if d["id"] == "vague"]
    assert wrong == [{"id": "vague", "element": "data_protection", "label": True, "predicted": False, "evidence": None}]


def test_evaluate_shows_the_evidence_of_a_false_yes(tmp_path, capsys):
    rec = {"id": "t1", "text": "You are free to say no, and your care stays the same.", "labels": []}
    assert main(["consent-check", "--evaluate", _gold(tmp_path, [rec])]) == 0
    assert 'voluntary          label no   checker yes  evidence: "You are free to say no, and your care stays the same."' in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "holds no labelled scripts"),
        ('{"id": "a", "text": "x"}\n', "no labels"),
        ('{"id": "a", "text": "x", "labels": ["privacy"]}\n', "unknown element"),
        ("not json\n", "line 1: not valid JSON"),
    ],
)
def test_evaluate_rejects_bad_gold_files(tmp_path, capsys, content, message):
    f = tmp_path / "gold.jsonl"
    f.write_text(content, encoding="utf-8")
    assert main(["consent-check", "--evaluate", str(f)]) == 2
    line = _one_line_error(capsys)
    assert line.startswith("course consent-check: --evaluate:") and message in line


def test_evaluate_the_course_eval_set(capsys):
    from course.consent.evaluate import EVAL_SET

    assert main(["consent-check", "--evaluate", str(EVAL_SET)]) == 0
    out = capsys.readouterr().out
    assert "(n = 173 scripts)" in out and "overall" in out
