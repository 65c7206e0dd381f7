"""The course root is the folder you are in (nearest nbgrader_config.py), like nbgrader;
COURSE_ROOT overrides it; every facilitator command prints the root on its first line.
A copied course is graded, reported and purged in place; the checkout is never touched."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from course import _paths
from course.cli import COURSE_FOLDER_COMMANDS, main
from helpers import ROOT, submit


def test_root_is_the_nearest_folder_with_nbgrader_config(tmp_path, monkeypatch):
    monkeypatch.delenv("COURSE_ROOT", raising=False)
    course = tmp_path / "cohort-2026"
    deep = course / "exercises" / "00_welcome"
    deep.mkdir(parents=True)
    (course / "nbgrader_config.py").write_text("c = get_config()\n", encoding="utf-8")
    monkeypatch.chdir(deep)
    assert _paths.root(strict=True) == course.resolve()
    assert _paths.root_line() == f"Course folder: {course.resolve()} (nearest folder with nbgrader_config.py)"
    monkeypatch.setenv("COURSE_ROOT", str(tmp_path))
    assert _paths.root() == tmp_path.resolve() and "from $COURSE_ROOT" in _paths.root_line()
    monkeypatch.delenv("COURSE_ROOT")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(_paths.NoCourseRoot, match="hold no nbgrader_config.py"):
        _paths.root(strict=True)
    assert _paths.root() == _paths.package_root()  # learners' notebooks still find the course's data


def test_every_facilitator_command_prints_its_root_first_or_stops(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("COURSE_ROOT", raising=False)
    monkeypatch.chdir(tmp_path)
    for cmd in sorted(COURSE_FOLDER_COMMANDS):
        args = {"collect": ["collect", "nowhere.zip"], "verify": ["verify", "ABCD-EFGH-2345"]}.get(cmd, [cmd])
        assert main(args) == 2, cmd
        assert "no course folder here" in capsys.readouterr().err
    (tmp_path / "nbgrader_config.py").write_text((ROOT / "nbgrader_config.py").read_text(), encoding="utf-8")
    assert main(["purge"]) == 2  # stops for --yes, after saying where it is
    assert capsys.readouterr().out.splitlines()[0] == f"Course folder: {tmp_path.resolve()} (nearest folder with nbgrader_config.py)"
    assert main(["verify", "ABCD-EFGH-2345"]) == 1
    assert capsys.readouterr().out.startswith("Course folder: ")


def _state(root: Path) -> tuple[str, list[str]]:
    status = subprocess.run(["git", "status", "--porcelain", "--ignored"], cwd=root, capture_output=True, text=True).stdout
    kept = sorted(p.name for p in root.iterdir())
    return status, kept


@pytest.mark.slow
def test_a_copied_course_is_graded_reported_and_purged_in_place(tmp_path):
    copy = tmp_path / "cohort"
    copy.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", copy)
    for part in ("solutions", "exercises"):
        shutil.copytree(ROOT / part / "00_welcome", copy / part / "00_welcome")
    submit(copy, "ada", "00_welcome", ROOT / "solutions" / "00_welcome" / "00_welcome.ipynb")
    before = _state(ROOT)
    env = {k: v for k, v in os.environ.items() if k not in ("COURSE_ROOT", "COURSE_DB_URL")}
    env["COURSE_SECRET_FILE"] = str(tmp_path / "secret")
    course = [sys.executable, "-m", "course"]
    first = f"Course folder: {copy.resolve()} (nearest folder with nbgrader_config.py)"
    for args, cwd in ((["grade", "--no-progress", "--workers", "1"], copy / "solutions"),
                      (["report"], copy / "exercises" / "00_welcome"),
                      (["purge", "--yes"], copy)):
        done = subprocess.run([*course, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-2000:]
        assert done.stdout.splitlines()[0] == first, done.stdout[:500]
        if args[0] == "grade":
            assert "graded 1 of 1" in done.stdout and (copy / "gradebook.db").is_file()
        if args[0] == "report":
            assert (copy / "reports" / "grades.csv").is_file()
    assert not (copy / "submitted").exists() or not any((copy / "submitted").rglob("*.ipynb"))
    assert _state(ROOT) == before, "running in the copy changed the checkout"
    for name in ("gradebook.db", "reports", "submitted", "autograded"):
        assert not (ROOT / name).exists() or name in before[1]
