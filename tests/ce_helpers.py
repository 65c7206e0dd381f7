"""Helpers for the CE tests: a course folder whose gradebook knows the real assignments,
and graded submissions written straight into it (as ``course grade`` and the formgrader
would leave them), so completion, reports and certificates can be tested quickly."""

from __future__ import annotations

import atexit
import json
import shutil
import tempfile
from pathlib import Path

from course.evaluation import save_evaluation
from course.grading.gradebook import generate, open_gradebook, set_learner_name
from helpers import ROOT

CE_TOML = """
[provider]
name = "Example Counselling Association"
contact = "ce@example.org"

[approval]
statement = ""

[session]
format = "{format}"
delivery = "{delivery}"
dates = ["2026-11-28"]
instructor = "Dr Dana Example, LCSW"
"""


CE_ASSIGNMENTS = ("01_privacy", "pre_test", "post_test", "evaluation")
_TEMPLATE: dict[str, Path] = {}


def _template_gradebook() -> Path:
    """A SQLite gradebook with the CE assignments registered, built once per test run
    (nbgrader's generate_assignment takes about 30 s for the four)."""
    if "db" not in _TEMPLATE:
        tmp = Path(tempfile.mkdtemp(prefix="ce-template-"))
        atexit.register(shutil.rmtree, tmp, True)
        root = tmp / "course"
        (root / "solutions").mkdir(parents=True)
        shutil.copy(ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
        for a in CE_ASSIGNMENTS:
            shutil.copytree(ROOT / "solutions" / a, root / "solutions" / a)
            generate(root, a, f"sqlite:///{root / 'gradebook.db'}", tmp / "release")
        _TEMPLATE["db"] = root / "gradebook.db"
    return _TEMPLATE["db"]


def ce_course(tmp: Path, db_url: str | None = None, session_format: str = "staff-90",
              delivery: str = "live in-person", ce_toml: str | None = None) -> tuple[Path, str]:
    """A course folder whose gradebook knows module 01, the pre-test, the post-test and the
    evaluation, with a ce.toml. SQLite by default (a copy of a template built once);
    with *db_url* the assignments are registered there."""
    root = tmp / "course"
    (root / "solutions").mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
    for a in CE_ASSIGNMENTS:
        shutil.copytree(ROOT / "solutions" / a, root / "solutions" / a)
    if db_url is None:
        shutil.copy(_template_gradebook(), root / "gradebook.db")
        url = f"sqlite:///{root / 'gradebook.db'}"
    else:
        url = db_url
        for a in CE_ASSIGNMENTS:
            generate(root, a, url, tmp / "release")
    (root / "ce.toml").write_text(ce_toml if ce_toml is not None else CE_TOML.format(format=session_format, delivery=delivery),
                                  encoding="utf-8")
    return root, url


def submit_graded(url: str, student: str, assignment: str, right: float | dict[str, float] = 1.0,
                  manual: dict[str, float | None] | None = None, name: str | None = None,
                  timestamp: str = "2026-11-28 15:00:00") -> None:
    """Record a graded submission of *assignment* by *student*.

    *right*: the fraction of each autograded cell's points scored (one number for all, or
    ``{question id: fraction}``, others 0). *manual*: ``{grade id: score or None (pending)}``
    for manually graded cells (default: all pending).
    """
    set_learner_name(url, student, name)
    manual = manual or {}
    with open_gradebook(url) as gb:
        sub = gb.add_submission(assignment, student, timestamp=timestamp)
        for nb in sub.notebooks:
            for g in nb.grades:
                cell = g.cell
                if cell.cell_type == "code":
                    qid = cell.name[:-5] if cell.name.endswith("_test") else cell.name
                    frac = right.get(qid, 0.0) if isinstance(right, dict) else right
                    g.auto_score = frac * cell.max_score
                    g.needs_manual_grade = False
                else:
                    score = manual.get(cell.name)
                    g.auto_score = None
                    if score is not None:
                        g.manual_score = score
                        g.needs_manual_grade = False
                    else:
                        g.needs_manual_grade = True
        gb.db.commit()


def return_evaluation(root: Path, student: str, answers: dict | None = None) -> Path:
    """Place a saved evaluation in ``submitted/STUDENT/evaluation/``."""
    folder = Path(root) / "submitted" / student / "evaluation"
    folder.mkdir(parents=True, exist_ok=True)
    return save_evaluation(answers or {"session_format": "staff-90", "relevance": 5}, folder)


def all_right(items: list[str]) -> dict[str, float]:
    return dict.fromkeys(items, 1.0)


def read_json(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))
