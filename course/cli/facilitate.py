"""course facilitate: JupyterLab for the facilitator, opened at nbgrader's formgrader."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

NAME = "facilitate"
HELP = "open JupyterLab for the facilitator, at nbgrader's formgrader (learners use `make lab`)"
DESCRIPTION = (
    "Start JupyterLab in the course folder with nbgrader's facilitator tools switched on (formgrader, "
    "Create Assignment, course list) and open the formgrader, where manual items (reflections) are graded. "
    "On loopback only, with no update checks or news, like `make lab`. The local exchange folder "
    "(.exchange/, private) is created so the formgrader works without a hub. Arguments after -- go to jupyter lab, "
    "e.g. course facilitate -- --port 8890 --no-browser."
)



def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare the command-line options."""
    p.add_argument("lab_args", nargs=argparse.REMAINDER, metavar="...", help="passed to jupyter lab, e.g. --no-browser")


def config_dir(root: Path) -> Path:
    """Write the facilitator's Jupyter configuration into ``ROOT/.facilitate/`` and return it:
    nbgrader's tools switched on (``course/_lab_config/facilitator/``) and nbgrader's exchange at
    ``ROOT/.exchange/`` (private), so the formgrader works on one machine without a hub.
    The course's own ``nbgrader_config.py`` is left alone (a hub or a site-wide nbgrader
    setup keeps its own exchange).
    """
    import json
    import shutil

    from ..lab import FACILITATOR_CONFIG_DIR as src
    exchange = root / ".exchange"
    exchange.mkdir(mode=0o700, exist_ok=True)
    dest = root / ".facilitate"
    (dest / "labconfig").mkdir(parents=True, exist_ok=True)
    os.chmod(dest, 0o700)
    shutil.copy(src / "jupyter_server_config.json", dest / "jupyter_server_config.json")
    shutil.copy(src / "labconfig" / "page_config.json", dest / "labconfig" / "page_config.json")
    (dest / "nbgrader_config.py").write_text(
        "# Written by `course facilitate`; the exchange for one machine without a hub.\n"
        f"c = get_config()  # noqa: F821\nc.Exchange.root = {json.dumps(str(exchange))}\n", encoding="utf-8")
    return dest


def command(root: Path, extra: list[str]) -> tuple[list[str], dict[str, str]]:
    """The ``jupyter lab`` command line and environment ``course facilitate`` runs."""
    from ..lab import lab_command, lab_env

    config = config_dir(root)
    env = lab_env(config_dir=config)
    cmd = lab_command(["--LabApp.default_url=/formgrader", *[a for a in extra if a != "--"]], root=root, notebook=None)
    return cmd, env


def run(args: argparse.Namespace) -> int:
    """Run the command; returns the exit status (only if jupyter lab cannot start)."""
    from .. import _paths

    root = _paths.root(strict=True)
    cmd, env = command(root, args.lab_args)
    print(f"Starting JupyterLab at the formgrader (exchange: {root / '.exchange'}). Stop it with Ctrl+C.", flush=True)
    os.chdir(root)
    os.execve(cmd[0], cmd, env)
    return 1  # pragma: no cover - execve does not return
