"""The `course` command and `python -m course`."""

import subprocess
import sys

from course.cli import build_parser, main


def test_help_lists_commands(capsys):
    parser = build_parser()
    text = parser.format_help()
    for cmd in ("release", "synth", "doctor"):
        assert cmd in text


def test_python_dash_m_course():
    done = subprocess.run([sys.executable, "-m", "course", "--help"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "release" in done.stdout


def test_no_command_prints_help(capsys):
    assert main([]) == 2
    assert "usage" in capsys.readouterr().out


def test_release_unknown_assignment(capsys):
    assert main(["release", "99_nothing"]) == 2  # bad input (course/cli/_common.py)
    assert "No such assignment" in capsys.readouterr().err


def test_doctor(capsys):
    assert main(["doctor"]) == 0
    assert "All good" in capsys.readouterr().out


def test_audit_quiet_prints_no_status_lines(capsys):
    from course import data

    args = ["audit", str(data.path("fairness_screening")), "--group", "primary_language",
            "--label", "outcome", "--pred", "flagged", "--bootstrap", "0"]
    assert main(args) == 0
    assert "course audit: done" in capsys.readouterr().err
    assert main([*args, "--quiet"]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and "primary_language" in captured.out


def test_json_from_grade_collect_and_verify(tmp_path, monkeypatch, capsys):
    """--json prints what the text output says, with stable keys; the course-folder line goes to stderr."""
    import json

    from helpers import ROOT, make_course_dir

    a = "00_welcome"
    root = make_course_dir(tmp_path, [a])
    monkeypatch.setenv("COURSE_ROOT", str(root))
    monkeypatch.setenv("COURSE_SECRET_FILE", str(tmp_path / "secret"))
    src = tmp_path / "mail"
    src.mkdir()
    (src / "Jane Doe 00_welcome.ipynb").write_bytes((ROOT / "exercises" / a / "00_welcome.ipynb").read_bytes())
    (src / "notes.txt").write_text("not a notebook", encoding="utf-8")
    assert main(["collect", str(src), "--json"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert "Course folder:" in err and set(data) == {"placements", "summary"}
    assert set(data["summary"]) == {"new", "replaced", "older", "duplicate", "unplaced", "skipped"}
    assert {"source", "student", "assignment", "status", "detail"} == set(data["placements"][0])
    assert any(p["status"] == "new" and p["assignment"] == a for p in data["placements"])

    assert main(["verify", "hello", "--json"]) == 1  # NOT VALID: a finding, not bad input
    data = json.loads(capsys.readouterr().out)
    assert data["valid"] is False and data["fields"] is None and data["message"].startswith("NOT VALID")

    assert main(["grade", "99_nothing", "--json"]) == 2  # bad input: unknown assignment
    _, err = capsys.readouterr()
    assert "No such assignment" in err and len(err.strip().splitlines()) == 2  # folder line, error line
    assert main(["grade", a, "--json", "--quiet", "--sandbox", "off"]) == 0  # the blank notebook collected above
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"assignments", "setup_problems", "seconds", "workers"}
    assert data["assignments"][a]["submissions"] == 1
    assert set(data["assignments"][a]) == {"submissions", "graded", "problems", "warnings"}


def test_every_command_uses_the_shared_options(capsys):
    """One spelling, one meaning: --out is a folder, --quiet and --no-progress from course/cli/_common.py."""
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, p in sub.choices.items():
        options = {o: a for a in p._actions for o in a.option_strings}
        if "--out" in options:
            assert options["--out"].metavar == "FOLDER", name
        if "--no-progress" in options:
            assert "-q" in options and options["--quiet"] is options["-q"], name
        assert "--output" not in options and "--dest" not in options or options["--dest"].help == "==SUPPRESS==", name
