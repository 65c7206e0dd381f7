"""course hub: set up and run the one-server workshop JupyterHub (see course/guide/workshop-hub.md)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ._common import BadInput, Failed

NAME = "hub"
HELP = "set up or start the workshop JupyterHub (one server, many participants)"
DESCRIPTION = (
    "`course hub setup STATE ...` (as root) writes the hub's settings, the per-role Jupyter "
    "configuration and the private nbgrader exchange; `course hub run STATE` starts JupyterHub. "
    "Install the hub's pieces first: `bash course/hub/install.sh`."
)


def add_arguments(p):
    """Declare the ``setup`` and ``run`` actions and their command-line options."""
    sub = p.add_subparsers(dest="hub_command", metavar="ACTION")
    s = sub.add_parser("setup", help="create the state folder, config and private exchange (root)")
    s.add_argument("state", type=Path, help="hub state folder, e.g. /srv/course-hub")
    s.add_argument("--course-root", type=Path, required=True, help="facilitator's course folder (has nbgrader_config.py)")
    s.add_argument("--facilitator", required=True, help="facilitator's Unix user name")
    s.add_argument("--learners", required=True,
                   help="learners' Unix user names: comma-separated, or @FILE with one per line")
    s.add_argument("--graders-group", default="", help="group that may read submissions (default: the facilitator's)")
    s.add_argument("--ip", default="127.0.0.1", help="address the hub listens on (default loopback)")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--hub-port", type=int, default=8081)
    s.add_argument("--proxy-api-port", type=int, default=8001)
    s.add_argument("--authenticator", choices=["pam", "shared"], default="pam",
                   help="pam: Unix passwords (default); shared: one password for learners "
                        "($COURSE_HUB_USER_PASSWORD) and one for the facilitator "
                        "($COURSE_HUB_ADMIN_PASSWORD), for tests and demos")
    s.add_argument("--python", default="", help="interpreter for participants' servers (default: this one)")
    r = sub.add_parser("run", help="start JupyterHub for a set-up state folder")
    r.add_argument("state", type=Path)


def _learners(text: str) -> list[str]:
    if text.startswith("@"):
        lines = Path(text[1:]).read_text(encoding="utf-8").splitlines()
        return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
    return [n.strip() for n in text.split(",") if n.strip()]


def run(args) -> int:
    """Run the command; returns the exit status."""
    from ..hub import config

    if args.hub_command == "setup":
        try:
            settings = config.HubSettings(
                state_dir=str(args.state), course_root=str(args.course_root), facilitator=args.facilitator,
                learners=_learners(args.learners), graders_group=args.graders_group, ip=args.ip,
                port=args.port, hub_port=args.hub_port, proxy_api_port=args.proxy_api_port,
                authenticator=args.authenticator, python=args.python)
            path = config.setup(settings)
        except (ValueError, FileNotFoundError) as exc:  # unknown users, no course root, no @FILE
            raise BadInput(f"course hub setup: {exc}") from None
        except OSError as exc:  # not root, a folder that cannot be written
            raise Failed(f"course hub setup: {exc}") from None
        print(f"wrote {path}; start the hub with: course hub run {args.state}")
        return 0
    if args.hub_command == "run":
        if os.geteuid() != 0:
            raise Failed("course hub run: needs root (each participant's server runs under their own account)")
        try:
            config.load_settings(args.state)
            config.proxy_command()
        except ValueError as exc:  # no state folder, not set up
            raise BadInput(f"course hub run: {exc}") from None
        except RuntimeError as exc:  # a piece of the hub is not installed
            raise Failed(f"course hub run: {exc}") from None
        hub = Path(sys.executable).with_name("jupyterhub")
        if not hub.exists():
            raise Failed("course hub run: JupyterHub is not installed: run `bash course/hub/install.sh`")
        state = Path(args.state).resolve()
        os.environ[config.STATE_ENV] = str(state)
        os.chdir(state)
        os.umask(0o077)  # the hub's database and secrets stay private
        conf = Path(config.__file__).with_name("jupyterhub_config.py")
        os.execv(str(hub), [str(hub), "-f", str(conf)])
    raise BadInput("choose an action: setup or run (see `course hub --help`)")
