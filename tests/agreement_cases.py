"""Shared driver for the exB agreement tests (modules 04-07).

``run_variants(assignment, variants)`` feeds, run after run, the k-th plausible answer of
every question to :func:`agreement.simulate` and asserts that each self-check agrees
with its grade cell (✅ exactly when the grade passes). It returns the outcomes so that a
test can also assert which answers pass. ``grade_cells_are_the_self_check`` proves the
structural half: every code grade cell of the solution calls the same check, on the same
answer, as the self-check above it, with no hidden cases of its own.
"""

from __future__ import annotations

import ast
import json

from agreement import simulate

from course.checks import Status
from helpers import ROOT, nbgrader_meta


def run_variants(assignment: str, variants: dict[str, list]) -> list[dict]:
    runs = max(len(v) for v in variants.values())
    outcomes = []
    for k in range(runs):
        answers = {var: values[k] for var, values in variants.items() if k < len(values)}
        result = simulate(assignment, answers)
        bad = [f"{o.grade_id}: self-check {o.status}, grade {'passes' if o.passed else 'fails'} {o.error[:150]} <- {answers}"
               for o in result.values() if not o.agrees]
        assert not bad, "\n".join(bad)
        outcomes.append(result)
    return outcomes


def passed(outcomes: list[dict], grade_id: str) -> list[bool]:
    return [run[grade_id].passed for run in outcomes]


def statuses(outcomes: list[dict], grade_id: str) -> list[Status]:
    return [run[grade_id].status for run in outcomes]


def grade_cells_are_the_self_check(assignment: str) -> None:
    nb = json.loads(next((ROOT / "solutions" / assignment).glob("*.ipynb")).read_text(encoding="utf-8"))
    checks = {}
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        md, source = nbgrader_meta(cell), "".join(cell["source"])
        if md.get("grade"):
            assert "BEGIN HIDDEN TESTS" not in source, f"{md['grade_id']} has hidden tests the self-check cannot see"
            call = ast.parse(source).body
            assert len(call) == 1, md["grade_id"]
            expr = call[0].value
            assert isinstance(expr, ast.Call) and expr.func.attr == "grade", md["grade_id"]
            key = (ast.unparse(expr.func.value), ast.unparse(expr.args[0]) if expr.args else "")
            assert checks.get(key), f"{md['grade_id']}: no self-check cell calls {key[0]}.check({key[1]}) before it"
        elif ".check(" in source:
            tree = ast.parse(source).body[-1]
            if isinstance(tree, ast.Expr) and isinstance(tree.value, ast.Call) and getattr(tree.value.func, "attr", "") == "check":
                checks[(ast.unparse(tree.value.func.value), ast.unparse(tree.value.args[0]))] = True
