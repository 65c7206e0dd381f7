"""One reader of documents for `course deidentify` and `course consent-check`
(course/privacy/documents.py): each command on a .txt, a .md and a .jsonl file and on a folder
holding all three (issue 19 item 7)."""

from __future__ import annotations

import json

import pytest

from course.cli import main
from course.privacy.documents import InputError, input_files, iter_documents

SCRIPT = (
    "I use a program that listens to our session and writes a draft of my notes. It records what we say. "
    "The recording is only used for the draft and is deleted after a day. It can make mistakes. I check every draft. "
    "Maria Alvarez can say no and nothing changes. You can ask me to turn it off any time. Any questions?"
)


def _inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(SCRIPT, encoding="utf-8")
    (folder / "b.md").write_text("# Consent\n\n" + SCRIPT, encoding="utf-8")
    (folder / "c.jsonl").write_text(json.dumps({"id": "c1", "text": SCRIPT}) + "\n"
                                    + json.dumps({"id": "c2", "text": SCRIPT}) + "\n", encoding="utf-8")
    (folder / "skip.csv").write_text("a,b\n", encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "deep.txt").write_text(SCRIPT, encoding="utf-8")
    return {"txt": folder / "a.txt", "md": folder / "b.md", "jsonl": folder / "c.jsonl", "folder": folder}


EXPECTED = {  # (deidentify ids, consent-check ids)
    "txt": (["a"], ["a.txt"]),
    "md": (["b"], ["b.md"]),
    "jsonl": (["c1", "c2"], ["c1", "c2"]),
    "folder": (["a", "b", "c1", "c2"], ["a.txt", "b.md", "c1", "c2"]),
}


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_deidentify_reads_every_input_kind(tmp_path, capsys, kind):
    src = _inputs(tmp_path)[kind]
    assert main(["deidentify", str(src), "--no-progress"]) == 0
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == EXPECTED[kind][0], err
    assert all("Maria Alvarez" not in r["text_redacted"] for r in records)


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_consent_check_reads_every_input_kind(tmp_path, capsys, kind):
    src = _inputs(tmp_path)[kind]
    assert main(["consent-check", str(src), "--json"]) == 0
    out, err = capsys.readouterr()
    assert [json.loads(line)["id"] for line in out.splitlines()] == EXPECTED[kind][1], err


def test_both_commands_refuse_the_same_bad_input_with_exit_2(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    for path, words in ((tmp_path / "missing.txt", "does not exist"), (tmp_path / "notes.csv", "unsupported file type"),
                        (tmp_path / "empty", "is empty")):
        with pytest.raises(InputError, match=words):
            input_files(path)
        for cmd in (["deidentify", str(path), "--no-progress"], ["consent-check", str(path)]):
            assert main(cmd) == 2, cmd
            out, err = capsys.readouterr()
            assert out == "" and words in err and len(err.strip().splitlines()) == 1, (cmd, err)


def test_links_inside_a_folder_are_skipped_but_a_named_link_is_read(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (tmp_path / "outside.txt").write_text(SCRIPT, encoding="utf-8")
    try:
        (folder / "link.txt").symlink_to(tmp_path / "outside.txt")
    except OSError:  # pragma: no cover - file systems without links
        pytest.skip("no symbolic links here")
    (item,) = iter_documents(folder)
    assert "a link" in str(item) and not hasattr(item, "text")
    (doc,) = iter_documents(folder / "link.txt")
    assert doc.text == SCRIPT
