"""Test configuration.

In-process tests run under pytest-socket with only loopback allowed (see
``addopts`` in pyproject.toml); notebooks and nbgrader run in network-isolated
subprocesses (course.offline).
"""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers import ROOT  # noqa: E402


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def _browser_available() -> bool:
    import importlib.util

    browser = str(Path(__file__).resolve().parent / "browser")
    if browser not in sys.path:
        sys.path.insert(0, browser)
    from labdriver import CHROMIUM  # the browser suite's one definition (COURSE_CHROMIUM)

    return Path(CHROMIUM).exists() and importlib.util.find_spec("playwright") is not None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """One run per notebook and per check. The headless run of a notebook in
    tests/test_notebooks.py is deselected where another collected test runs the same
    notebook and asserts what the headless run asserts:

    - a solution the autograde round trip (tests/test_round_trip.py) grades: it asserts
      the autograded solution shows no error output;
    - a lesson the browser suite opens (tests/browser/test_browser_modules.py), or an
      untouched exercise release it runs (tests/browser/test_browser_exercise.py): no
      error output; every grade cell "not attempted" in one line, every self-check
      "not attempted". Only when Chromium and Playwright are there.

    With ``-m "not browser"`` or ``-k``, a test that is not collected covers nothing, so
    the headless runs cover every notebook that nothing else runs."""
    covered = set()
    browser = _browser_available()
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if item.originalname == "test_autograde_round_trip":
            a = params["assignment"]
            covered.add(f"solutions/{a}/{a}.ipynb")
        elif browser and item.originalname == "test_module_runs_clean_in_jupyterlab":
            covered.add(f"modules/{Path(params['path']).name}")
        elif browser and item.originalname == "test_exercise_completed_in_browser_passes_validate_and_grading":
            a = params["assignment"]
            covered.add(f"exercises/{a}/{a}.ipynb")
    headless = {"test_module_and_solution_notebooks_run_clean", "test_released_exercises_run_and_report_not_attempted"}
    dropped = [item for item in items if item.originalname in headless
               and str(Path(item.callspec.params["path"]).relative_to(ROOT)) in covered]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for item in items if item not in dropped]
