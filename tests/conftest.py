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


# tests/browser/ on the path for its labdriver, read here too (also by the xdist controller,
# which collects nothing and so never loads tests/browser/conftest.py).
_BROWSER = str(Path(__file__).resolve().parent / "browser")
if _BROWSER not in sys.path:
    sys.path.insert(0, _BROWSER)


def _browser_available() -> bool:
    import importlib.util

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


# ---------------------------------------------------------------------------------------
# xdist: the browser tests of one module notebook on one worker

@pytest.hookimpl(optionalhook=True)  # without xdist (-p no:xdist) the hook does not exist
def pytest_xdist_make_scheduler(config, log):
    """Under xdist's default ``load`` distribution, keep the browser tests of one module
    notebook (its run, its accessibility scan, its widget tests) on one worker, in
    collection order, so the notebook runs once (tests/browser/conftest.py reuses the page)
    instead of once per worker that happens to get one of them. Every other test is
    scheduled as ``load`` does. (xdist's own ``--dist loadgroup`` does not group under
    pytest 9.2: pytest-xdist issue #1386.)"""
    if config.getvalue("dist") != "load":
        return None
    from labdriver import browser_module_group
    from xdist.scheduler import LoadScopeScheduling

    class ModuleNotebookScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return browser_module_group(nodeid) or nodeid

    return ModuleNotebookScheduling(config, log)


# ---------------------------------------------------------------------------------------
# "every test over 15 s is marked slow": said at the end of a run, never a failure (a
# duration is not an assertion; a busy machine must not fail the suite)

SLOW_S = 15.0
_unmarked: dict[str, float] = {}


def pytest_runtest_logreport(report):
    if "slow" not in report.keywords:
        _unmarked[report.nodeid] = _unmarked.get(report.nodeid, 0.0) + report.duration


def pytest_terminal_summary(terminalreporter):
    over = sorted(((s, n) for n, s in _unmarked.items() if s > SLOW_S), reverse=True)
    if over:
        terminalreporter.section(f"tests over {SLOW_S:.0f} s not marked slow")
        for seconds, nodeid in over:
            terminalreporter.write_line(f"{seconds:6.1f} s  {nodeid}  (add @pytest.mark.slow)")
