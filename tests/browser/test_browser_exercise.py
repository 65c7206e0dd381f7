"""Every exercise completed in the browser as a clinician would (issue 14 item 7).

For each assignment in the answer tables (``exercise_answers*.py`` in this folder): open the
released notebook, Run All untouched (it runs to the end; every autograder cell says "not
attempted" in one line; where the entry asks, Validate fails), then type the literal answers after each ``=``
and into the written-answer cells, use the widgets the entry names, Run All (every
self-check shows "correct"), Validate (reads "Success") and hand the saved notebook to
``course grade``, which must award full autograded marks. The wall time of each exercise
is written to ``screenshots/exercise-times.json``.
"""

from __future__ import annotations

import ast
import importlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from labdriver import (
    NOTEBOOK,
    ROOT,
    SCREENSHOTS,
    STDERR,
    looks_like_error,
    menu,
    open_notebook,
    run_all,
    stderr_texts,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

HERE = Path(__file__).resolve().parent
VALIDATE_OK = "Success! Your notebook passes all the tests."
TIMES = SCREENSHOTS / "exercise-times.json"


def answer_tables() -> dict:
    """Every ``ANSWERS`` entry of the ``exercise_answers*.py`` modules next to this file."""
    tables: dict = {}
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    for path in sorted(HERE.glob("exercise_answers*.py")):
        module = importlib.import_module(path.stem)
        overlap = set(tables) & set(module.ANSWERS)
        assert not overlap, f"{path.name} repeats {sorted(overlap)}"
        tables.update(module.ANSWERS)
    return dict(sorted(tables.items()))


TABLES = answer_tables()


def _nbgrader(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def typed_cells(release: nbformat.NotebookNode, typed) -> dict[int, tuple[str, str]]:
    """``{cell index: (cell type, new text)}``: every ``name = <scaffold>`` statement of an
    answer cell (one line, or a scaffold over several lines like ``{"a": ...,\n "b": ...}``)
    replaced by ``name = <typed answer>``, and each written answer."""
    out: dict[int, tuple[str, str]] = {}
    seen: set[str] = set()
    for i, cell in enumerate(release.cells):
        md = _nbgrader(cell)
        if not md.get("solution"):
            continue
        if cell.cell_type == "markdown":
            if md["grade_id"] in typed.text:
                out[i] = ("markdown", typed.text[md["grade_id"]])
                seen.add(md["grade_id"])
            continue
        lines = cell.source.splitlines()
        for node in reversed(ast.parse(cell.source).body):
            name = node.targets[0].id if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) else None
            if name in typed.code:
                lines[node.lineno - 1 : node.end_lineno] = f"{name} = {typed.code[name]}".splitlines()
                seen.add(name)
        out[i] = ("code", "\n".join(lines))
    missing = (set(typed.code) | set(typed.text)) - seen
    assert not missing, f"no answer cell assigns {sorted(missing)}"
    return out


def validate(page) -> tuple[str, str]:
    """Click "Validate", wait for nbgrader's result dialog; return (its class, its text)."""
    page.locator(f"{NOTEBOOK} .validate-button").click()
    message = page.locator("#validation-message")
    message.wait_for(state="visible", timeout=600_000)
    kind = next(c for c in (message.get_attribute("class") or "").split() if c.startswith("validation-"))
    return kind, message.inner_text()


def close_dialog(page) -> None:
    page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept").click()
    page.wait_for_selector(".jp-Dialog", state="detached")


def type_into_cell(page, cell, cell_type: str, text: str) -> None:
    """Replace the text of a notebook cell as a person would: click, select all, type."""
    cell.scroll_into_view_if_needed()
    if cell_type == "markdown":
        cell.dblclick()  # a rendered Markdown cell opens for editing on double-click
    editor = cell.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(text)
    if cell_type == "markdown":
        page.keyboard.press("Shift+Enter")  # render it again
        cell.locator(".jp-RenderedMarkdown").wait_for(state="visible")
    else:
        page.keyboard.press("Escape")


def grade_with_course_grade(saved: Path, assignment: str, tmp: Path) -> dict[str, float]:
    """Hand *saved* to ``course grade`` in a throw-away course folder (as a facilitator's:
    ``nbgrader_config.py``, ``solutions/`` and ``data/``); return its scores."""
    from course import grading

    root = tmp / "graded-course"
    (root / "solutions").mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
    shutil.copytree(ROOT / "solutions" / assignment, root / "solutions" / assignment)
    shutil.copytree(ROOT / "data", root / "data")
    target = root / "submitted" / "browser-learner" / assignment
    target.mkdir(parents=True)
    shutil.copy(saved, target / saved.name)
    course = Path(sys.executable).with_name("course")
    env = {**os.environ, "COURSE_ROOT": str(root)}
    done = subprocess.run([str(course), "grade", assignment, "--no-progress"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=1800, check=False)
    assert done.returncode == 0 and "graded 1 of 1" in done.stdout, done.stdout + done.stderr
    return grading.scores(assignment, root)["browser-learner"]


def _record_time(assignment: str, seconds: dict[str, float]) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    times = json.loads(TIMES.read_text(encoding="utf-8")) if TIMES.exists() else {}
    times[assignment] = {k: round(v, 1) for k, v in seconds.items()}
    TIMES.write_text(json.dumps(times, indent=1, sort_keys=True), encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("assignment", list(TABLES))
def test_exercise_completed_in_browser_passes_validate_and_grading(page, lab_server, assignment, tmp_path):
    typed = TABLES[assignment]
    rel = f"exercises/{assignment}/{assignment}.ipynb"
    released = nbformat.read(lab_server.course / rel, as_version=4)
    edits = typed_cells(released, typed)
    grade_cells = [i for i, c in enumerate(released.cells) if c.cell_type == "code" and _nbgrader(c).get("grade")]
    full = {_nbgrader(released.cells[i])["grade_id"]: float(_nbgrader(released.cells[i])["points"]) for i in grade_cells}
    start = time.perf_counter()
    open_notebook(page, lab_server, rel, workspace=f"ex-{assignment}")

    # Untouched, Run All goes to the end: each autograder cell says "not attempted" in one
    # plain line (no traceback), and every self-check says "not attempted".
    run_all(page)
    boxes = [t.strip() for t in stderr_texts(page)]
    assert len(boxes) == len(grade_cells), boxes
    for box in boxes:
        assert box.startswith("CheckFailed:") and "not attempted" in box, box
        assert "Traceback" not in box and len(box.splitlines()) == 1, box
    statuses = [c.get_attribute("class") for c in page.locator(f"{NOTEBOOK} .course-check").all()]
    assert statuses and all("course-check-not_attempted" in s for s in statuses), statuses
    if typed.validate_untouched:
        kind, text = validate(page)
        assert kind == "validation-failed" and "not attempted" in text, text[:1000]
        close_dialog(page)
    untouched = time.perf_counter() - start

    # The clinician types the answers and uses the widgets.
    cells = page.locator(f"{NOTEBOOK} .jp-Notebook-cell")
    assert cells.count() == len(released.cells)
    for index, (cell_type, text) in edits.items():
        type_into_cell(page, cells.nth(index), cell_type, text)
    if typed.actions is not None:
        typed.actions(page, cells)

    # Run it all: no errors, and every self-check says "correct".
    menu(page, "Edit", "Clear Outputs of All Cells")
    expect(page.locator(f"{NOTEBOOK} {STDERR}")).to_have_count(0)
    run_all(page, timeout=600_000)
    errors = [t for t in stderr_texts(page) if looks_like_error(t)]
    assert not errors, "\n---\n".join(errors)
    statuses = [c.get_attribute("class") for c in page.locator(f"{NOTEBOOK} .course-check").all()]
    assert len(statuses) >= len(grade_cells), statuses
    assert all("course-check-correct" in s for s in statuses), statuses

    # Validate saves the notebook, runs it on the server and reports in a dialog.
    kind, text = validate(page)
    page.screenshot(path=str(SCREENSHOTS / f"{assignment}-exercise-validate.png"))
    assert kind == "validation-success", text[:2000]
    assert VALIDATE_OK in text
    close_dialog(page)
    completed = time.perf_counter() - start

    # What was validated is what the clinician typed, saved to disk ...
    saved = lab_server.course / rel
    on_disk = nbformat.read(saved, as_version=4)
    for index, (_, text) in edits.items():
        assert on_disk.cells[index].source.strip() == text.strip(), json.dumps([on_disk.cells[index].source, text])
    # ... and `course grade` gives it every autograded point.
    scores = grade_with_course_grade(saved, assignment, tmp_path)
    assert scores == full, (scores, full)
    _record_time(assignment, {"untouched_run_and_validate": untouched, "answered_run_and_validate": completed - untouched,
                              "total": time.perf_counter() - start})
