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
