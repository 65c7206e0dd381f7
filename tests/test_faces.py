"""Package faces: every name in ``__all__`` resolves, lazy faces import nothing up front,
and the grading defaults have one home."""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys

import pytest

import course

PACKAGES = sorted(m.name for m in pkgutil.iter_modules(course.__path__, "course.") if m.ispkg)
LAZY = ["course.grading", "course.guidelines", "course.hub", "course.oversight", "course.widgets"]


@pytest.mark.parametrize("name", PACKAGES)
def test_every_public_name_resolves(name):
    pkg = importlib.import_module(name)
    assert isinstance(pkg.__all__, list), f"{name} has no explicit __all__"
    missing = [n for n in pkg.__all__ if not hasattr(pkg, n)]
    assert not missing, f"{name}.__all__ lists names it does not have: {missing}"
    assert set(pkg.__all__) <= set(dir(pkg))


@pytest.mark.parametrize("name", LAZY)
def test_lazy_face_imports_no_submodule(name):
    code = (f"import sys, json; import {name}; "
            f"print(json.dumps(sorted(m for m in sys.modules if m.startswith('{name}.'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == [], f"importing {name} imported its submodules at once"


def test_a_name_and_its_submodule_stay_apart():
    # ``from course.grading import release`` is the function even after its module loads.
    import course.grading.releasing  # noqa: F401
    from course.grading import release

    assert callable(release) and release.__module__ == "course.grading.releasing"
    from course.widgets import threshold_explorer

    assert threshold_explorer.__name__ == "course.widgets.threshold_explorer"


def test_one_cell_timeout_for_formgrader_and_course_grade(tmp_path):
    from traitlets.config.loader import PyFileConfigLoader

    from course import _paths
    from course.cli import build_parser
    from course.grading import CELL_TIMEOUT, Limits

    cfg = PyFileConfigLoader("nbgrader_config.py", str(_paths.root())).load_config()
    assert cfg.Execute.timeout == CELL_TIMEOUT == Limits().cell_timeout
    args = build_parser().parse_args(["grade"])
    assert args.cell_timeout == CELL_TIMEOUT
