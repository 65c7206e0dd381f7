"""nbgrader releases: every module has an assignment, the release equals the committed
exercises and leaks nothing (the autograde round trips are in test_round_trip.py)."""

import json
import re

import nbformat
import pytest

from course import grading
from course._paths import assignments
from helpers import ROOT, lesson_path, module_id

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
