"""Exercises 04 to 07 completed in the browser as a clinician would, then validated and graded.

For each entry of :mod:`exercise_answers_late`: open the release in JupyterLab and Run All
untouched (it reaches the end; every self-check says "not attempted"), type the literal
answers into the answer cells (each ``name = ...``, one line or several, replaced by
``name = <answer>``) and the reflections into the Markdown cells, use the widgets the entry
names, Run All (no error, every self-check ✅), press nbgrader's **Validate** ("Success"),
and grade the saved notebook as ``course grade`` does: full autograded marks. Wall times go
to ``screenshots/browser-times.json``.

This is the interim runner for 04-07 until the parametrised framework of
``test_browser_exercise.py`` (exA) is on this branch; it reads the same table shape.
"""

from __future__ import annotations

import ast
import json
import shutil
import time

import nbformat
import pytest
from exercise_answers_late import ANSWERS
from labdriver import (
    NOTEBOOK,
    SCREENSHOTS,
    STDERR,
    looks_like_error,
    menu,
    open_notebook,
    run_all,
    stderr_texts,
)
from playwright.sync_api import expect
from test_browser_exercise import VALIDATE_OK, close_dialog, type_into_cell, validate

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def typed_cells(release, typed) -> dict[int, tuple[str, str]]:
    """``{cell index: (cell type, new text)}``: every ``name = <scaffold>`` statement of an answer
    cell (one line or several) replaced by ``name = <typed answer>``; every written answer."""
    out, seen = {}, set()
    for i, cell in enumerate(release.cells):
        md = cell.get("metadata", {}).get("nbgrader", {})
        if not md.get("solution"):
            continue
        if cell.cell_type == "markdown":
            if md["grade_id"] in typed.text:
                out[i] = ("markdown", typed.text[md["grade_id"]])
                seen.add(md["grade_id"])
            continue
        lines = cell.source.splitlines()
        for node in reversed(ast.parse(cell.source).body):
            name = node.targets[0].id
            if name in typed.code:
                lines[node.lineno - 1 : node.end_lineno] = f"{name} = {typed.code[name]}".splitlines()
                seen.add(name)
        out[i] = ("code", "\n".join(lines))
    missing = (set(typed.code) | set(typed.text)) - seen
    assert not missing, f"no answer cell assigns {sorted(missing)}"
    return out


def _grade_like_course_grade(tmp_path, assignment: str, notebook) -> dict[str, float]:
    from course import grading
    from helpers import make_course_dir, submit

    root = make_course_dir(tmp_path, [assignment])
    submit(root, "browser", assignment, notebook)
    report = grading.autograde(assignment, root)
    assert report.graded == ["browser"], report.problems
    return grading.scores(assignment, root)["browser"]


def _record_time(assignment: str, seconds: float) -> None:
    target = SCREENSHOTS / "browser-times.json"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    times = json.loads(target.read_text()) if target.exists() else {}
    times[assignment] = round(seconds, 1)
    target.write_text(json.dumps(times, indent=1, sort_keys=True))


@pytest.mark.parametrize("assignment", list(ANSWERS))
def test_exercise_completed_in_browser_validates_and_scores_full_marks(assignment, page, lab_server, tmp_path):
    started = time.monotonic()
    typed = ANSWERS[assignment]
    rel = f"exercises/{assignment}/{assignment}.ipynb"
    released = nbformat.read(lab_server.course / rel, as_version=4)
    edits = typed_cells(released, typed)
    full = {c.metadata["nbgrader"]["grade_id"]: float(c.metadata["nbgrader"]["points"])
            for c in released.cells if c.cell_type == "code" and c.get("metadata", {}).get("nbgrader", {}).get("grade")}
    open_notebook(page, lab_server, rel, workspace=f"ex-{assignment}")
    cells = page.locator(f"{NOTEBOOK} .jp-Notebook-cell")
    assert cells.count() == len(released.cells)

    # Untouched, Run All reaches the end: each autograder cell fails in one plain line.
    run_all(page)
    boxes = [t.strip() for t in stderr_texts(page)]
    assert len(boxes) == len(full) and all(b.startswith("CheckFailed:") and "not attempted" in b for b in boxes), boxes
    statuses = [c.get_attribute("class") for c in page.locator(f"{NOTEBOOK} .course-check").all()]
    assert statuses and all("course-check-not_attempted" in s for s in statuses), statuses

    # Type every answer and reflection; use the widgets.
    for index, (kind, text) in edits.items():
        type_into_cell(page, cells.nth(index), kind, text)
    if typed.actions is not None:
        typed.actions(page, cells)

    # Run it all: no errors, every self-check says "correct".
    menu(page, "Edit", "Clear Outputs of All Cells")
    expect(page.locator(f"{NOTEBOOK} {STDERR}")).to_have_count(0)
    run_all(page, timeout=600_000)
    errors = [t for t in stderr_texts(page) if looks_like_error(t)]
    assert not errors, "\n---\n".join(errors)
    statuses = [c.get_attribute("class") for c in page.locator(f"{NOTEBOOK} .course-check").all()]
    assert len(statuses) == len(full) and all("course-check-correct" in s for s in statuses), statuses

    # Validate saves the notebook, runs it on the server and reports in a dialog.
    kind, text = validate(page)
    page.screenshot(path=str(SCREENSHOTS / f"{assignment}-exercise-validate.png"))
    assert kind == "validation-success", text[:2000]
    assert VALIDATE_OK in text
    close_dialog(page)
    elapsed = time.monotonic() - started

    # What was validated is what was typed; graded as `course grade` does, it scores full marks.
    saved = lab_server.course / rel
    on_disk = nbformat.read(saved, as_version=4)
    for index, (_, text) in edits.items():
        assert on_disk.cells[index].source.strip() == text.strip(), index
    copy = tmp_path / "submission" / f"{assignment}.ipynb"
    copy.parent.mkdir(parents=True)
    shutil.copy(saved, copy)
    assert _grade_like_course_grade(tmp_path, assignment, copy) == full
    _record_time(assignment, elapsed)
