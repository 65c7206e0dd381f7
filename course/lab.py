"""JupyterLab for learners, started the same way by ``make lab``, ``course lab`` and the conda route.

One place holds the settings that keep JupyterLab quiet and offline:

* loopback only (``127.0.0.1``), no update checks, no news feed, no extension store;
* the "Would you like to get notified about official Jupyter news?" pop-up is switched off. In
  JupyterLab 4 ``--LabApp.news_url=None`` only stops the fetching: the pop-up comes from the
  ``@jupyterlab/apputils-extension:announcements`` plugin, which asks whenever the user has
  not answered. The course disables that plugin through a page config in
  ``course/_lab_config/<role>/labconfig/``, added to ``JUPYTER_CONFIG_PATH`` (the user's own
  Jupyter configuration is left alone);
* learners (``learner/``) do not see nbgrader's instructor tools (formgrader, Create
  Assignment, course list); ``course facilitate`` uses ``facilitator/`` (see
  ``course/_lab_config/README.md``).

Nothing here runs at import time.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from . import _paths

__all__ = ["FACILITATOR_CONFIG_DIR", "LAB_CONFIG_DIR", "START_NOTEBOOK", "lab_command", "lab_env", "lab_flags"]

#: Extra Jupyter configuration shipped with the course, one folder per role.
LAB_CONFIG_DIR = Path(__file__).with_name("_lab_config") / "learner"
FACILITATOR_CONFIG_DIR = Path(__file__).with_name("_lab_config") / "facilitator"
#: The notebook JupyterLab opens first (relative to the course root).
START_NOTEBOOK = "modules/00_welcome_lesson.ipynb"


def lab_flags(root: Path | None = None) -> list[str]:
    """The JupyterLab options every learner launch uses."""
    root = Path(root or _paths.root()).resolve()
    flags = [
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.root_dir={root}",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.news_url=None",
        "--LabApp.extension_manager=readonly",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers and CI run as root
        flags.append("--allow-root")
    return flags


def lab_env(env: dict[str, str] | None = None, config_dir: Path | None = None) -> dict[str, str]:
    """*env* (default: this process's) with the course's Jupyter configuration (*config_dir*,
    default the learner's) added first.
    """
    env = dict(os.environ if env is None else env)
    first = str(config_dir or LAB_CONFIG_DIR)
    paths = [first] + [p for p in env.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep) if p]
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(dict.fromkeys(paths))
    return env


def lab_command(extra: list[str] | None = None, root: Path | None = None, notebook: str | None = START_NOTEBOOK) -> list[str]:
    """``python -m jupyterlab`` with the course's flags, the start notebook and *extra* options."""
    cmd = [sys.executable, "-m", "jupyterlab", *lab_flags(root)]
    if notebook:
        cmd.append(notebook)
    return cmd + list(extra or [])
