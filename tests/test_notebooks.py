"""Every notebook in the repo runs top to bottom in a fresh, network-isolated kernel."""

import json

import pytest

from helpers import ROOT, all_notebooks, error_outputs, execute_notebook

pytestmark = [pytest.mark.notebooks, pytest.mark.slow]


def _ids(paths):
    return [str(p.relative_to(ROOT)) for p in paths]


TEACHING = all_notebooks("modules") + all_notebooks("solutions")
RELEASED = all_notebooks("exercises")


@pytest.mark.parametrize("path", TEACHING, ids=_ids(TEACHING))
def test_module_and_solution_notebooks_run_clean(path, tmp_path):
    status, nb, err = execute_notebook(path, tmp_path)
    assert status == 0, f"{path.name} failed:\n{err[-3000:]}"
    assert not error_outputs(nb)


def _grade_cell(cell) -> bool:
    md = cell.get("metadata", {}).get("nbgrader", {})
    return bool(md.get("grade")) and cell.cell_type == "code"


@pytest.mark.parametrize("path", RELEASED, ids=_ids(RELEASED))
def test_released_exercises_run_and_report_not_attempted(path, tmp_path):
    status, nb, err = execute_notebook(path, tmp_path, allow_errors=True)
    assert status == 0, err
    # Only the locked autograder cells may fail, and only with the plain-words message;
    # every one of them must fail (an unanswered exercise scores nothing).
    failed = {index for index, _ in error_outputs(nb)}
    grade_cells = {i for i, cell in enumerate(nb.cells) if _grade_cell(cell)}
    if not any(c.get("metadata", {}).get("nbgrader", {}).get("solution") for c in nb.cells):
        assert not failed and not grade_cells  # the evaluation form: nothing graded, nothing fails
        return
    assert grade_cells and failed == grade_cells, f"grade cells {sorted(grade_cells)}, failed {sorted(failed)}"
    for index, out in error_outputs(nb):
        cell = nb.cells[index]
        assert _grade_cell(cell), f"cell {index} of {path.name} failed:\n{''.join(out.get('traceback', []))}"
        assert out["ename"] == "CheckFailed", out
        assert "not attempted" in out["evalue"]
        assert len(out["traceback"]) == 1, "learners should see one sentence, not a traceback"
    # Every self-check shows "not attempted".
    checks = [
        o["data"]["text/html"]
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if "course-check" in json.dumps(o.get("data", {}).get("text/html", ""))
    ]
    assert checks, f"{path.name} has no self-check cells"
    for html in checks:
        assert "course-check-not_attempted" in html, html[:300]
