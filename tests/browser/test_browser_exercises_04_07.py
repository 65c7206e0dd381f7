"""Exercises 04 to 07 completed in the browser as a clinician would, then validated and graded.

For each exercise: open the release in JupyterLab, use its widgets (the threshold explorer in
04, the scenario quiz in 06, the self-assessment's save button in 07), type the literal
answers (:mod:`exercise_answers_04_07`) into the answer cells and the reflections into the
Markdown cells, Run All (no error, every self-check ✅), press nbgrader's **Validate**
("Success"), and grade the saved notebook the way ``course grade`` does: it must score full
autograded marks. Each exercise's wall time is written to ``screenshots/browser-times.json``.
"""

from __future__ import annotations

import json
import shutil
import time

import nbformat
import pytest
from exercise_answers_04_07 import ANSWERS_04_07, EXERCISES_04_07
from labdriver import (
    NOTEBOOK,
    SCREENSHOTS,
    STDERR,
    looks_like_error,
    menu,
    open_notebook,
    run_all,
    save,
    stderr_texts,
)
from playwright.sync_api import expect
from test_browser_exercise import VALIDATE_OK, close_dialog, type_into_cell, validate

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _cells_by_id(nb) -> dict[str, int]:
    return {c.metadata["nbgrader"]["grade_id"]: i for i, c in enumerate(nb.cells) if "nbgrader" in c.get("metadata", {})}


def _use_threshold_explorer(page, cells, index) -> None:
    """04 Q4: type the Spanish threshold into its slider's readout; the table shows the FPR to report."""
    explorer = cells.nth(index).locator(".course-threshold-explorer")
    explorer.scroll_into_view_if_needed()
    slider = explorer.locator(".course-threshold-slider").filter(has_text="Spanish")
    readout = slider.locator(".widget-readout")
    readout.click()
    page.keyboard.press("Control+a")
    page.keyboard.type("0.35")
    page.keyboard.press("Enter")
    expect(readout).to_have_text("0.35")
    spanish = explorer.locator("table.course-threshold-table tbody tr").filter(has_text="Spanish")
    expect(spanish.locator("td").nth(2)).to_have_text("0.35")
    expect(spanish.locator("td").nth(5)).to_have_text("0.57")  # the FPR the learner types in answer_q4


def _use_scenario_quiz(page, cells, index, sid: str) -> None:
    """06: choose in the scenario's box and press Check; the box shows ✅ for the choice then typed."""
    from course.guidelines.crosswalk import GUARDRAILS, SHORT
    from course.guidelines.scenarios import scenario
    from course.widgets.scenario_quiz import option_label

    sc = scenario(sid)
    typed = ANSWERS_04_07["06_professional_orgs"]["typed"]
    answer = json.loads(typed[f"m06_q{int(sid[1:])}"].split("=", 1)[1])
    box = cells.nth(index).locator(f".course-quiz-{sc.id}")
    box.scroll_into_view_if_needed()
    box.locator(".course-quiz-guardrail select").select_option(label=option_label(GUARDRAILS[answer["guardrail"]], answer["guardrail"]))
    box.locator(".course-quiz-source select").select_option(label=option_label(SHORT[answer["source"]], answer["source"]))
    box.locator(".course-quiz-action label").filter(has_text=f"{answer['action']}) ").click()
    box.locator("button.course-quiz-check").click()
    expect(box.locator(".course-quiz-feedback")).to_contain_text("✅")


def _save_action_plan(cells, index, server) -> None:
    """07: the self-assessment shows the typed ratings; its button saves the plan in the course copy."""
    sa = cells.nth(index).locator(".course-self-assessment")
    sa.scroll_into_view_if_needed()
    sa.locator("button.course-sa-build").click()
    expect(sa.locator(".course-sa-saved")).to_contain_text("Saved your action plan")
    assert (server.course / "exercises" / "07_capstone" / "my_work" / "action_plan.md").exists()


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


@pytest.mark.parametrize("assignment", EXERCISES_04_07)
def test_exercise_completed_in_browser_validates_and_scores_full_marks(assignment, page, lab_server, tmp_path):
    started = time.monotonic()
    rel = f"exercises/{assignment}/{assignment}.ipynb"
    entry = ANSWERS_04_07[assignment]
    released = nbformat.read(lab_server.course / rel, as_version=4)
    where = _cells_by_id(released)
    open_notebook(page, lab_server, rel, workspace=f"ex-{assignment}")
    cells = page.locator(f"{NOTEBOOK} .jp-Notebook-cell")
    assert cells.count() == len(released.cells)

    # Run it untouched first, as a learner opening it would: the widgets appear.
    run_all(page)
    if assignment == "04_bias_fairness":
        _use_threshold_explorer(page, cells, where["m04_q4_widget"])
    if assignment == "06_professional_orgs":
        for sid in ("S01", "S07"):
            _use_scenario_quiz(page, cells, where[f"m06_q{int(sid[1:])}_quiz"], sid)

    # Type every answer and every reflection.
    for gid, text in {**entry["typed"], **entry["manual"]}.items():
        kind = "markdown" if gid in entry["manual"] else "code"
        type_into_cell(page, cells.nth(where[gid]), kind, text)

    # Run it all: no errors, every self-check says "correct".
    menu(page, "Edit", "Clear Outputs of All Cells")
    expect(page.locator(f"{NOTEBOOK} {STDERR}")).to_have_count(0)
    run_all(page, timeout=480_000)
    errors = [t for t in stderr_texts(page) if looks_like_error(t)]
    assert not errors, "\n---\n".join(errors)
    checks = page.locator(f"{NOTEBOOK} .course-check")
    statuses = [c.get_attribute("class") for c in checks.all()]
    assert len(statuses) == len(entry["full"]), statuses
    assert all("course-check-correct" in s for s in statuses), statuses
    if assignment == "07_capstone":
        _save_action_plan(cells, where["m07_plan"], lab_server)

    # Validate saves the notebook, runs it on the server and reports in a dialog.
    kind, text = validate(page)
    page.screenshot(path=str(SCREENSHOTS / f"{assignment}-exercise-validate.png"))
    assert kind == "validation-success", text[:2000]
    assert VALIDATE_OK in text
    close_dialog(page)
    save(page)
    elapsed = time.monotonic() - started

    # What was validated is what was typed; graded as `course grade` does, it scores full marks.
    saved = lab_server.course / rel
    nb = nbformat.read(saved, as_version=4)
    for gid, text in entry["typed"].items():
        assert nb.cells[where[gid]].source.strip() == text.strip(), gid
    copy = tmp_path / "submission" / f"{assignment}.ipynb"
    copy.parent.mkdir(parents=True)
    shutil.copy(saved, copy)
    assert _grade_like_course_grade(tmp_path, assignment, copy) == entry["full"]
    _record_time(assignment, elapsed)
    print(f"{assignment}: completed in the browser in {elapsed:.0f} s")
