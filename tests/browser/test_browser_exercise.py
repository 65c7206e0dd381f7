"""An exercise completed in the browser and checked with nbgrader's "Validate" button.

The answers typed are taken from the nbgrader source (solutions/), cell by cell: each
solution cell of the release is replaced by the source cell without its solution markers,
exactly as a trainee would type it into the cell.
"""

from __future__ import annotations

import json
import re

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

EXERCISE = "00_welcome"
VALIDATE_OK = "Success! Your notebook passes all the tests."
MARKERS = re.compile(r"^\s*(###|#)?\s*(BEGIN|END) SOLUTION\s*$")


def typed_answers(assignment: str) -> dict[int, tuple[str, str]]:
    """``{cell index: (cell type, text to type)}`` for every solution cell of *assignment*."""
    src = nbformat.read(ROOT / "solutions" / assignment / f"{assignment}.ipynb", as_version=4)
    answers = {}
    for i, cell in enumerate(src.cells):
        if cell.get("metadata", {}).get("nbgrader", {}).get("solution"):
            lines = [ln for ln in cell.source.splitlines() if not MARKERS.match(ln)]
            answers[i] = (cell.cell_type, "\n".join(lines))
    return answers


def validate(page) -> tuple[str, str]:
    """Click "Validate", wait for nbgrader's result dialog; return (its class, its text)."""
    page.locator(f"{NOTEBOOK} .validate-button").click()
    message = page.locator("#validation-message")
    message.wait_for(state="visible", timeout=180_000)
    kind = next(
        c for c in (message.get_attribute("class") or "").split() if c.startswith("validation-")
    )
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


def test_exercise_completed_in_browser_passes_validate(page, lab_server):
    rel = f"exercises/{EXERCISE}/{EXERCISE}.ipynb"
    answers = typed_answers(EXERCISE)
    assert answers, "no solution cells found"
    open_notebook(page, lab_server, rel, workspace=f"ex-{EXERCISE}")

    # Untouched, Run All stops at the first locked autograder cell, which says why in one
    # plain sentence (no traceback).
    run_all(page)
    boxes = [t.strip() for t in stderr_texts(page)]
    assert len(boxes) == 1, boxes
    assert boxes[0].startswith("CheckFailed:") and "not attempted" in boxes[0], boxes[0]
    assert "Traceback" not in boxes[0] and len(boxes[0].splitlines()) == 1, boxes[0]

    # Untouched, Validate lists the failing autograder cells with the plain-words message.
    kind, text = validate(page)
    assert kind == "validation-failed", text[:1000]
    assert "The following cell failed" in text and "not attempted" in text, text[:1000]
    close_dialog(page)

    cells = page.locator(f"{NOTEBOOK} .jp-Notebook-cell")
    released = nbformat.read(lab_server.course / rel, as_version=4)
    assert cells.count() == len(released.cells)
    for index, (cell_type, text) in answers.items():
        type_into_cell(page, cells.nth(index), cell_type, text)

    # Run it all, as the trainee would: no errors, and every self-check says "correct".
    menu(page, "Edit", "Clear Outputs of All Cells")
    expect(page.locator(f"{NOTEBOOK} {STDERR}")).to_have_count(0)
    run_all(page)
    errors = [t for t in stderr_texts(page) if looks_like_error(t)]
    assert not errors, "\n---\n".join(errors)
    checks = page.locator(f"{NOTEBOOK} .course-check")
    assert checks.count() >= 1
    statuses = [c.get_attribute("class") for c in checks.all()]
    assert all("course-check-correct" in s for s in statuses), statuses

    # Validate saves the notebook, runs it on the server and reports in a dialog.
    kind, text = validate(page)
    page.screenshot(path=str(SCREENSHOTS / f"{EXERCISE}-exercise-validate.png"))
    assert kind == "validation-success", text[:2000]
    assert VALIDATE_OK in text
    close_dialog(page)

    # What was validated is what the trainee typed, saved to disk.
    saved = nbformat.read(lab_server.course / rel, as_version=4)
    for index, (_, text) in answers.items():
        assert saved.cells[index].source.strip() == text.strip(), json.dumps(
            [saved.cells[index].source, text]
        )
