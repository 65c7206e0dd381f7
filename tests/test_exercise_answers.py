"""The browser suite's answer tables (tests/browser/exercise_answers*.py), checked without a
browser: every typed answer is a literal, replaces a ``name = ...`` of the release, and the
whole table scores full marks on every autograded question (self-check ✅ and grade pass)."""

from __future__ import annotations

import ast
import importlib
import json
import sys

import pytest
from agreement import simulate

from helpers import ROOT, answer_cells, nbgrader_meta

BROWSER = ROOT / "tests" / "browser"


def _tables() -> dict:
    sys.path.insert(0, str(BROWSER))
    try:
        tables = {}
        for path in sorted(BROWSER.glob("exercise_answers*.py")):
            tables.update(importlib.import_module(path.stem).ANSWERS)
        return tables
    finally:
        sys.path.remove(str(BROWSER))


TABLES = _tables()


@pytest.mark.parametrize("assignment", sorted(TABLES))
def test_answer_table_is_literal_and_scores_full_marks(assignment):
    typed = TABLES[assignment]
    release = json.loads((ROOT / "exercises" / assignment / f"{assignment}.ipynb").read_text(encoding="utf-8"))
    blanks = {node.targets[0].id for cell in answer_cells(release) for node in ast.parse("".join(cell["source"])).body}
    assert set(typed.code) <= blanks, f"not an answer of the release: {sorted(set(typed.code) - blanks)}"
    written = {nbgrader_meta(c)["grade_id"] for c in release["cells"] if c["cell_type"] == "markdown" and nbgrader_meta(c).get("solution")}
    assert set(typed.text) == written, "type something into every written answer"
    values = {name: ast.literal_eval(text) for name, text in typed.code.items()}
    assert set(values) == blanks, f"answers left blank: {sorted(blanks - set(values))}"
    outcomes = simulate(assignment, values)
    assert outcomes and all(o.passed and o.agrees for o in outcomes.values()), outcomes
    assert typed.minutes > 0
