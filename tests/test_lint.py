"""ruff is clean over the course package and tests (DESIGN.md conventions)."""

import shutil
import subprocess
import sys
from pathlib import Path

from helpers import ROOT


def test_ruff_clean():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or "ruff"
    done = subprocess.run([ruff, "check", "course", "tests"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
