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


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Start the slow tests first (outside tests/browser/, whose order keeps each module's
    page reused): with two workers, a long test picked up last would keep one worker busy
    while the other idles. Otherwise the collection order is kept."""
    browser = ROOT / "tests" / "browser"

    def slow_first(item) -> int:
        in_browser = browser in Path(str(item.fspath)).resolve().parents
        return 0 if item.get_closest_marker("slow") is not None and not in_browser else 1

    items.sort(key=slow_first)  # stable: the order within each group is kept
