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
