"""Every notebook in the repo runs top to bottom in a fresh, network-isolated kernel."""

import json

import pytest

from helpers import (
    ROOT,
    all_notebooks,
    error_outputs,
    execute_notebook,
    fill_answers,
    solution_answers,
)

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
    # allow_errors=False: like JupyterLab's Run All, execution stops at a failing cell
    # unless it carries the `raises-exception` tag, so an untouched release must run to
    # the end while every grade cell still fails (and scores 0 under nbgrader).
    status, nb, err = execute_notebook(path, tmp_path, allow_errors=False)
    assert status == 0, f"Run All stopped in {path.name}:\n{err[-2000:]}"
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


@pytest.mark.parametrize("path", RELEASED, ids=_ids(RELEASED))
def test_half_finished_release_runs_to_the_end(path, tmp_path):
    """Every other question answered (from the solution), the rest untouched: Run All
    still reaches the last cell, the answered questions' grade cells pass and the
    unanswered ones fail with the plain-words line."""
    assignment = path.parent.name
    answers = solution_answers(assignment)
    if not answers:
        pytest.skip(f"{assignment} has no code answer cells")
    chosen = dict(list(answers.items())[::2])
    half = fill_answers(path, tmp_path / "half" / path.name, chosen)
    status, nb, err = execute_notebook(half, tmp_path, allow_errors=False, cwd=path.parent)
    assert status == 0, f"Run All stopped in the half-finished {path.name}:\n{err[-2000:]}"
    last_code = [c for c in nb.cells if c.cell_type == "code"][-1]
    assert last_code.get("execution_count"), "the last code cell never ran"
    for cell in nb.cells:
        if cell.cell_type == "code":
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    assert _grade_cell(cell) or "raises-exception" in cell.get("metadata", {}).get("tags", []), cell.source[:200]
                    assert len(out["traceback"]) == 1, "learners should see one sentence, not a traceback"
