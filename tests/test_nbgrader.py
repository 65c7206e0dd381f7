"""nbgrader round trip: release equals the committed exercises, leaks nothing, and
autograding scores solutions full, the blank release zero, wrong answers exactly."""

import json
import re

import nbformat
import pytest

from course import grading
from course._paths import assignments
from helpers import ROOT, edit_cells, lesson_path, make_course_dir, module_id, submit

ASSIGNMENTS = assignments()


def _canon(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return json.dumps(nb, sort_keys=True)


def test_every_module_has_an_assignment_and_back():
    from course.syllabus import load

    syl = load()
    modules = sorted(module_id(p) for p in (ROOT / "modules").glob("*.ipynb"))
    assert all(lesson_path(m).is_file() for m in modules), "lesson notebooks are modules/NN_slug_lesson.ipynb"
    # every module has its exercise; the other assignments are the syllabus's tests and evaluation
    assert set(ASSIGNMENTS) == set(modules) | {syl.pre_test, syl.post_test, syl.evaluation}


def test_release_matches_committed_exercises(tmp_path):
    # nbgrader's generate_assignment in one process for every assignment (one nbgrader
    # start-up instead of eleven); `course release` itself is run on one of them below
    from course.grading.gradebook import generate

    for a in ASSIGNMENTS:
        generate(ROOT, a, f"sqlite:///{tmp_path / 'throwaway.db'}", tmp_path / "release")
    (tmp_path / "throwaway.db").unlink()
    tmp_path = tmp_path / "release"
    fresh = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    committed = sorted(p.relative_to(ROOT / "exercises") for p in (ROOT / "exercises").rglob("*") if p.is_file())
    assert fresh == committed, "run `make exercises` and commit exercises/"
    for rel in fresh:
        if rel.suffix == ".ipynb":
            assert _canon(tmp_path / rel) == _canon(ROOT / "exercises" / rel), f"{rel} is stale: run `make exercises`"
        else:
            assert (tmp_path / rel).read_bytes() == (ROOT / "exercises" / rel).read_bytes()


def test_course_release_writes_the_committed_exercise(tmp_path):
    grading.release([ASSIGNMENTS[0]], dest=tmp_path, progress=False)
    rel = next((tmp_path / ASSIGNMENTS[0]).glob("*.ipynb")).relative_to(tmp_path)
    assert _canon(tmp_path / rel) == _canon(ROOT / "exercises" / rel), f"{rel} is stale: run `make exercises`"


def _solution_lines(nb):
    """Lines that occur only inside BEGIN/END SOLUTION and HIDDEN TESTS regions of a source notebook."""
    lines, public = [], set()
    for cell in nb.cells:
        inside = False
        for line in cell.source.splitlines():
            if re.search(r"BEGIN (SOLUTION|HIDDEN TESTS)", line):
                inside = True
                continue
            if re.search(r"END (SOLUTION|HIDDEN TESTS)", line):
                inside = False
                continue
            if inside and len(line.strip()) > 12:
                lines.append(line.strip())
            elif not inside:
                public.add(line.strip())
    return [line for line in lines if line not in public]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_contains_no_solutions_or_hidden_tests(assignment):
    for src in (ROOT / "solutions" / assignment).glob("*.ipynb"):
        release = ROOT / "exercises" / assignment / src.name
        text = release.read_text(encoding="utf-8")
        for marker in ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS", "BEGIN MARK SCHEME"):
            assert marker not in text, f"{release.name} contains {marker}"
        released = nbformat.read(release, as_version=4)
        released_lines = {line.strip() for c in released.cells for line in c.source.splitlines()}
        source = nbformat.read(src, as_version=4)
        secret = _solution_lines(source)
        if not any(c.get("metadata", {}).get("nbgrader", {}).get("solution") for c in source.cells):
            continue  # the evaluation form: nothing to answer in cells, nothing to hide
        assert secret, "the source should contain solutions"
        leaked = [line for line in secret if line in released_lines]
        assert not leaked, f"solution or hidden-test lines leaked into {release.name}: {leaked[:3]}"


def _autograded_total(scores):
    return sum(scores.values())


@pytest.mark.slow
def test_autograde_round_trip_00_welcome(tmp_path):
    assignment = "00_welcome"
    root = make_course_dir(tmp_path, [assignment])
    solution = ROOT / "solutions" / assignment / "00_welcome.ipynb"
    release = ROOT / "exercises" / assignment / "00_welcome.ipynb"
    submit(root, "solution", assignment, solution)
    submit(root, "blank", assignment, release)
    # Plausible wrong answers: Q1 off by one (1 point) and a redaction list with only the
    # full name, so the nickname, the first name and the sister stay visible (2 points).
    wrong = edit_cells(
        release,
        tmp_path / "wrong.ipynb",
        {
            "m00_q1": ("answer_q1 = ...", "answer_q1 = 5"),
            "m00_q2": ("answer_q2 = ...", 'answer_q2 = "c"'),
            "m00_q3": ("answer_q3 = ...", 'answer_q3 = ["A", "C", "D", "F", "H"]'),
            "m00_q4": ("answer_q4 = ...", 'answer_q4 = ["Jane Doe"]'),
        },
    )
    submit(root, "wrong", assignment, wrong, name="00_welcome.ipynb")
    # A learner who deleted the hidden test's call: nbgrader restores locked test cells.
    tampered = edit_cells(
        tmp_path / "wrong.ipynb",
        tmp_path / "tampered.ipynb",
        {"m00_q4_test": ("checks.q4.grade(answer_q4)", "pass  # checks.q4.grade(answer_q4)")},
    )
    submit(root, "tampered", assignment, tampered, name="00_welcome.ipynb")
    submit(root, "broken", assignment, None, name="00_welcome.ipynb", raw='{"cells": [ this is not json')

    report = grading.autograde(assignment, root)
    assert sorted(report.graded) == ["blank", "solution", "tampered", "wrong"]
    assert [(p.student, "not a valid notebook" in p.reason) for p in report.problems] == [("broken", True)]

    scores = grading.scores(assignment, root)
    full = {"m00_q1_test": 1.0, "m00_q2_test": 1.0, "m00_q3_test": 2.0, "m00_q4_test": 2.0}
    assert scores["solution"] == full
    assert _autograded_total(scores["blank"]) == 0
    assert scores["wrong"] == {**full, "m00_q1_test": 0.0, "m00_q4_test": 0.0}
    assert scores["tampered"] == scores["wrong"]
    # Nothing a learner submitted was changed.
    assert (root / "submitted" / "broken" / assignment / "00_welcome.ipynb").read_text().startswith('{"cells": [ this')
