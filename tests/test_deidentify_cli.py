"""`course deidentify`: inputs, outputs, evaluation, and every kind of bad input."""

import json

import pytest

from course.cli import deidentify as cli_module
from course.cli import main

NOTE_A = "Client: Maria Alvarez, DOB 03/14/1961, MRN: AB-2039481. Call 503-555-0134."
NOTE_B = "Pt Jake Moody (91-year-old) seen 12-May-2024; e-mail jake.m@example.org."


def run(args, capsys):
    status = main(["deidentify", *map(str, args), "--no-progress"])
    out, err = capsys.readouterr()
    return status, out, err


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_in_jsonl_out_with_offsets_into_the_original(tmp_path, capsys):
    src = tmp_path / "notes.jsonl"
    src.write_text(json.dumps({"id": "a", "text": NOTE_A}) + "\n" + json.dumps({"id": "b", "text": NOTE_B}) + "\n")
    out = tmp_path / "out" / "clean.jsonl"
    status, _, err = run([src, "--out", out], capsys)
    assert status == 0, err
    records = read_jsonl(out)
    assert [r["id"] for r in records] == ["a", "b"]
    for record, original in zip(records, (NOTE_A, NOTE_B), strict=False):
        assert set(record) == {"id", "text_redacted", "spans"}
        for span in record["spans"]:
            assert set(span) == {"start", "end", "label", "score"}
            assert original[span["start"]:span["end"]].strip()
            assert original[span["start"]:span["end"]] not in record["text_redacted"]
    assert "Client: <NAME>, DOB <DATE>" in records[0]["text_redacted"] and "MRN: <MRN>" in records[0]["text_redacted"]
    assert {s["label"] for s in records[1]["spans"]} >= {"NAME", "AGE_OVER_89", "DATE", "EMAIL"}
    assert "wrote 2 document(s)" in err


def test_operator_and_stdout(tmp_path, capsys):
    src = tmp_path / "one.txt"
    src.write_text(NOTE_A, encoding="utf-8")
    status, out, _ = run([src, "--operator", "mask"], capsys)
    assert status == 0
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert record["id"] == "one" and "Maria" not in record["text_redacted"]
    assert len(record["text_redacted"]) == len(NOTE_A) and "*************" in record["text_redacted"]


def test_bad_documents_are_named_skipped_and_the_rest_processed(tmp_path, capsys):
    src = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps({"id": "good", "text": NOTE_A}).encode(),
        b'{"id": "broken", "text": "unterminated',
        json.dumps({"id": "latin1", "text": "x"}).encode().replace(b"x", b"caf\xe9"),
        json.dumps({"id": "empty", "text": ""}).encode(),
        json.dumps({"id": "no-text", "body": "hello"}).encode(),
        json.dumps(["not", "an", "object"]).encode(),
        json.dumps({"id": "also-good", "text": NOTE_B}).encode(),
    ]
    src.write_bytes(b"\n".join(lines) + b"\n")
    out = tmp_path / "clean.jsonl"
    status, _, err = run([src, "--out", out], capsys)
    assert status == 1  # something was skipped
    assert [r["id"] for r in read_jsonl(out)] == ["good", "empty", "also-good"]
    assert "mixed.jsonl line 2: not valid JSON" in err
    assert "mixed.jsonl line 3: not valid UTF-8" in err and "re-save it as UTF-8" in err
    assert "line 4 (id empty) is empty" in err
    assert "line 5 (id no-text): has no 'text'" in err
    assert "line 6: expected an object" in err
    assert "skipped 4" in err


def test_all_good_input_exits_zero_even_with_an_empty_note(tmp_path, capsys):
    src = tmp_path / "n.jsonl"
    src.write_text(json.dumps({"id": "e", "text": "   "}) + "\n")
    status, out, err = run([src], capsys)
    assert status == 0 and "is empty" in err
    assert json.loads(out) == {"id": "e", "text_redacted": "   ", "spans": []}


def test_folder_of_txt_files_with_one_unreadable(tmp_path, capsys):
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "a.txt").write_text(NOTE_A, encoding="utf-8")
    (folder / "b.txt").write_bytes(b"Caf\xe9 with \xff\xfe Maria")
    (folder / "c.txt").write_text(NOTE_B, encoding="utf-8")
    (folder / "ignored.csv").write_text("not a note")  # not a .txt, .md or .jsonl file
    out = tmp_path / "letters.jsonl"
    status, _, err = run([folder, "--out", out], capsys)
    assert status == 1
    assert [r["id"] for r in read_jsonl(out)] == ["a", "c"]
    assert "b.txt: not valid UTF-8" in err


def test_a_very_large_note_is_processed_in_parts(tmp_path, capsys, monkeypatch):
    # A 1 MB note: read and split into parts (here made small so the test stays quick).
    import importlib

    pipeline_module = importlib.import_module("course.privacy.pipeline")
    monkeypatch.setattr(pipeline_module, "MAX_CHARS", 4000)
    monkeypatch.setattr(cli_module, "LARGE", 4000)
    big = NOTE_A + " " + ("Mood stable; sleep improved. " * 700) + " Fax: 503-555-0188."
    src = tmp_path / "big.txt"
    src.write_text(big, encoding="utf-8")
    status, out, err = run([src], capsys)
    assert status == 0
    assert "big.txt is large" in err and "processed in parts" in err
    spans = json.loads(out)["spans"]
    assert any(big[s["start"]:s["end"]] == "503-555-0188" for s in spans)
    assert any(big[s["start"]:s["end"]] == "Maria Alvarez" for s in spans)


def test_a_one_megabyte_file_is_read(tmp_path):
    from course.privacy import read_documents

    big = ("Session note. " * 80_000)[:1_048_576]
    (tmp_path / "huge.txt").write_text(big, encoding="utf-8")
    docs, problems = read_documents(tmp_path / "huge.txt")
    assert not problems and len(docs[0].text) == 1_048_576
    assert [len(p) for _, p in importlib_chunks(docs[0].text)][0] <= 100_000


def importlib_chunks(text):
    import importlib

    return importlib.import_module("course.privacy.pipeline")._chunks(text, 100_000)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.jsonl", "does not exist"),
        (lambda p: (p / "notes.csv").write_text("a,b") and p / "notes.csv", "unsupported file type .csv"),
        (lambda p: (p / "empty").mkdir() or p / "empty", "has no .txt files"),
    ],
)
def test_unusable_input_is_a_clear_error(tmp_path, capsys, make, message):
    status, out, err = run([make(tmp_path)], capsys)
    assert status == 2 and message in err and out == ""


def test_bad_options(tmp_path, capsys):
    src = tmp_path / "n.jsonl"
    src.write_text(json.dumps({"id": "a", "text": NOTE_A}) + "\n")
    assert run([src, "--threshold", "1.5"], capsys)[0] == 2
    status, _, err = run([src, "--out", src], capsys)
    assert status == 2 and "overwrite the input" in err
    status, _, err = run([src, "--allow", tmp_path / "nope.txt"], capsys)
    assert status == 2 and "cannot read the allow-list file" in err


def test_deny_and_allow_files(tmp_path, capsys):
    src = tmp_path / "n.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "zephyrine met the team at Riverbend Clinic."}) + "\n")
    (tmp_path / "deny.txt").write_text("Zephyrine\n")
    (tmp_path / "allow.txt").write_text("Riverbend Clinic\n")
    status, out, _ = run([src, "--deny", tmp_path / "deny.txt", "--allow", tmp_path / "allow.txt"], capsys)
    assert status == 0
    assert json.loads(out)["text_redacted"] == "<NAME> met the team at Riverbend Clinic."


def test_evaluate_prints_per_label_recall_and_leaks(tmp_path, capsys):
    text = "Client: Maria Alvarez. Favourite cafe: Blue Door."
    gold = [{"start": 8, "end": 21, "label": "NAME"}, {"start": 39, "end": 48, "label": "ORGANIZATION"}]
    src = tmp_path / "gold.jsonl"
    src.write_text(json.dumps({"id": "g1", "text": text, "spans": gold}) + "\n")
    status, out, _ = run([src, "--out", tmp_path / "o.jsonl", "--evaluate"], capsys)
    assert status == 0
    assert "recall" in out and "precision" in out and "NAME" in out
    assert "g1: ORGANIZATION 'Blue Door'" in out  # the leak is listed


def test_evaluate_without_gold_spans(tmp_path, capsys):
    src = tmp_path / "plain.txt"
    src.write_text(NOTE_A)
    status, _, err = run([src, "--evaluate"], capsys)
    assert status == 2 and "needs input with gold 'spans'" in err  # bad input (course/cli/_common.py)


def test_invalid_gold_spans_are_reported(tmp_path, capsys):
    src = tmp_path / "g.jsonl"
    src.write_text(json.dumps({"id": "x", "text": "abc", "spans": [{"start": 0, "end": 9, "label": "NAME"}]}) + "\n")
    status, _, err = run([src], capsys)
    assert status == 1 and "outside the text" in err


def test_progress_bar_on_stderr(tmp_path, capsys):
    src = tmp_path / "n.jsonl"
    src.write_text("".join(json.dumps({"id": str(i), "text": NOTE_A}) + "\n" for i in range(3)))
    status = main(["deidentify", str(src), "--out", str(tmp_path / "o.jsonl")])
    _, err = capsys.readouterr()
    assert status == 0 and "de-identifying" in err


def test_out_is_a_folder_and_a_jsonl_path_is_the_file_itself(tmp_path, capsys):
    src = tmp_path / "notes.txt"
    src.write_text(NOTE_A, encoding="utf-8")
    status, out, err = run([src, "--out", tmp_path / "results"], capsys)
    assert status == 0 and out == "", err
    (record,) = read_jsonl(tmp_path / "results" / "notes.deidentified.jsonl")
    assert record["id"] == "notes" and "Maria" not in record["text_redacted"]
    status, _, err = run([src, "-o", tmp_path / "one.jsonl"], capsys)
    assert status == 0 and read_jsonl(tmp_path / "one.jsonl") == [record], err
