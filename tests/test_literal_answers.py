"""Issue 14: every graded answer region in solutions/ holds only literal values.

Between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` in every code answer cell: only
assignments of literals (a letter, a number, True/False, text in quotes, or lists/dicts
of those) to plain names. Answers are data, so grading never has to run learner code.
The scaffold a learner starts from (outside the region) must be literal too.
"""

import ast
import json
import re

import pytest

from helpers import ROOT, answer_cells, nbgrader_meta, solution_regions

SOLUTIONS = sorted((ROOT / "solutions").rglob("*.ipynb"))


def _literal_problems(code: str) -> list[str]:
    try:
        tree = ast.parse(code)
    except SyntaxError as exc:
        return [f"does not parse: {exc}"]
    problems = []
    for node in tree.body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
            problems.append(f"line {node.lineno}: not a plain `name = value` assignment: {ast.unparse(node)[:80]}")
            continue
        try:
            ast.literal_eval(node.value)
        except ValueError:
            problems.append(f"line {node.lineno}: {node.targets[0].id} is not a literal value: {ast.unparse(node.value)[:80]}")
    return problems


def test_the_literal_rule_itself():
    assert not _literal_problems('a = "c"\nb = [1, 2.5, True, None, ...]\nc = {"x": ["A"], "y": """memo"""}\nd = -3')
    for code in ("a = f(1)", "a = [x for x in y]", "def f(): pass", "a = b", "a, b = 1, 2", "a.b = 1", "import os", 'a = "x" + y'):
        assert _literal_problems(code), code


@pytest.mark.parametrize("path", SOLUTIONS, ids=[p.parent.name for p in SOLUTIONS])
def test_every_answer_region_holds_only_literals(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    found = 0
    problems = []
    for cell in answer_cells(nb):
        gid = nbgrader_meta(cell)["grade_id"]
        source = "".join(cell["source"])
        regions = solution_regions(source)
        assert regions, f"{gid}: answer cell without a ### BEGIN SOLUTION region"
        found += len(regions)
        for region in regions:
            problems += [f"{gid}: {p}" for p in _literal_problems(region)]
        scaffold = source
        for region in regions:
            scaffold = scaffold.replace(region, "")
        scaffold = "\n".join(line for line in scaffold.splitlines() if "### BEGIN SOLUTION" not in line and "### END SOLUTION" not in line)
        problems += [f"{gid} (scaffold): {p}" for p in _literal_problems(scaffold)]
    graded = [c for c in nb["cells"] if nbgrader_meta(c).get("grade")]
    # a notebook without answer regions (the evaluation: one widget form) grades nothing
    assert found or not graded, f"{path.name} has grade cells but no answer regions"
    assert not problems, "\n".join(problems)


ANSWER_NAME = re.compile(r"\b(answer_q\d+\w*|my_\w+)\b")


@pytest.mark.parametrize("path", SOLUTIONS, ids=[p.parent.name for p in SOLUTIONS])
def test_run_all_continues_past_unanswered_questions(path):
    """Grade, answer, self-check and answer-using cells carry the ``raises-exception`` tag,
    which JupyterLab's Run All and nbclient honour: a blank or wrong answer never stops
    the notebook (the grade cell still fails, so nbgrader still scores it 0)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    missing = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        md = nbgrader_meta(cell)
        source = "".join(cell["source"])
        if md.get("grade") or md.get("solution") or ".check(" in source or ANSWER_NAME.search(source):
            if "raises-exception" not in cell.get("metadata", {}).get("tags", []):
                missing.append(f"cell {i} ({md.get('grade_id')})")
    assert not missing, "no raises-exception tag: " + ", ".join(missing)
