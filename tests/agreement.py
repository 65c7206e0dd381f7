"""Self-check vs grader, in process (issue 14: a ✅ means the grader agrees).

:func:`simulate` runs a solution notebook's locked cells in order, in one namespace,
with the learner's answers given as values, the way a learner's kernel and nbgrader's
kernel would: each self-check cell (``checks.qN.check(...)``) gives a :class:`Result`,
and each grade cell (its whole source, hidden tests included) passes or fails.
A test then asserts that the two agree for every plausible answer.
"""

from __future__ import annotations

import ast
import json
from contextlib import chdir
from dataclasses import dataclass

from course.checks import Result, Status
from helpers import ROOT, answer_cells, nbgrader_meta, solution_regions


@dataclass
class Outcome:
    grade_id: str
    status: Status | None  # the self-check's verdict (None: the question has no self-check cell)
    passed: bool  # the grade cell ran without error (nbgrader would award its points)
    error: str = ""

    @property
    def agrees(self) -> bool:
        """The self-check exists and says ✅ exactly when the grade cell passes."""
        return self.status is not None and (self.status is Status.CORRECT) == self.passed


def _notebook(assignment: str) -> dict:
    return json.loads(next((ROOT / "solutions" / assignment).glob("*.ipynb")).read_text(encoding="utf-8"))


def solution_values(assignment: str) -> dict[str, object]:
    """The solution's answers as values: ``{variable: value}`` from every answer region."""
    values: dict[str, object] = {}
    for cell in answer_cells(_notebook(assignment)):
        for region in solution_regions("".join(cell["source"])):
            for node in ast.parse(region).body:
                values[node.targets[0].id] = ast.literal_eval(node.value)
    return values


def _names(source: str) -> set[str]:
    return {n.id for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Name)}


def _run(source: str, ns: dict) -> object:
    """Exec *source*; return the value of a final expression (like a notebook cell)."""
    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<cell>", "exec"), ns)  # noqa: S102 - our own locked cells
    return eval(compile(ast.Expression(last.value), "<cell>", "eval"), ns) if last else None  # noqa: S307


def simulate(assignment: str, answers: dict[str, object] | None = None) -> dict[str, Outcome]:
    """Run *assignment*'s solution notebook with *answers* (default: the solution's own).

    Returns ``{grade_id of each code grade cell: Outcome}``. Answer variables not in
    *answers* take the solution's value; pass ``...`` to leave one blank.
    """
    nb = _notebook(assignment)
    values = solution_values(assignment)
    values.update(answers or {})
    answer_vars = set(values)
    ns: dict = {"__name__": "__main__"}
    checks: dict[frozenset, Status] = {}
    out: dict[str, Outcome] = {}
    folder = ROOT / "solutions" / assignment
    with chdir(folder):
        for cell in nb["cells"]:
            if cell["cell_type"] != "code":
                continue
            md = nbgrader_meta(cell)
            source = "".join(cell["source"])
            if md.get("solution") and not md.get("grade"):
                names = {n.targets[0].id for r in solution_regions(source) for n in ast.parse(r).body}
                ns.update({k: values[k] for k in names})
                continue
            used = frozenset(_names(source) & answer_vars)
            if md.get("grade"):
                try:
                    _run(source, ns)
                    out[md["grade_id"]] = Outcome(md["grade_id"], checks.get(used), True)
                except Exception as exc:  # noqa: BLE001 - a failed grade cell scores zero
                    out[md["grade_id"]] = Outcome(md["grade_id"], checks.get(used), False, f"{type(exc).__name__}: {exc}")
                continue
            value = _run(source, ns)
            if isinstance(value, Result) and used:
                checks[used] = value.status
    return out


def disagreements(assignment: str, answers: dict[str, object]) -> list[str]:
    """Human-readable lines for every question whose self-check and grade disagree."""
    return [
        f"{o.grade_id}: self-check {o.status.value if o.status else 'missing'} but grade {'passes' if o.passed else 'fails'} {o.error[:200]}"
        for o in simulate(assignment, answers).values()
        if not o.agrees
    ]


__all__ = ["Outcome", "disagreements", "simulate", "solution_values"]
