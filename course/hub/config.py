"""One-server workshop hub: settings, set-up and the JupyterHub configuration.

``course hub setup`` (as root) writes ``STATE/hub.json`` and the per-role Jupyter
configuration, and creates the private exchange; ``course hub run STATE`` starts
JupyterHub with ``course/hub/jupyterhub_config.py``, which calls :func:`configure`.

Participants are Unix users (one process per participant, under their own uid:
JupyterHub's LocalProcessSpawner). Learners' servers get the assignment list and
validate extensions only; the facilitator's server starts in the course root with
the formgrader. Secrets never go into ``hub.json``: the test password and an admin
API token come from the environment.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .. import _paths
from .exchange import exchange_config_lines, setup_exchange

__all__ = [
    "ADMIN_TOKEN_ENV",
    "ADMIN_PASSWORD_ENV",
    "HubSettings",
    "STATE_ENV",
    "USER_PASSWORD_ENV",
    "configure",
    "load_settings",
    "proxy_command",
    "setup",
]

STATE_ENV = "COURSE_HUB_STATE"
USER_PASSWORD_ENV = "COURSE_HUB_USER_PASSWORD"
ADMIN_PASSWORD_ENV = "COURSE_HUB_ADMIN_PASSWORD"
ADMIN_TOKEN_ENV = "COURSE_HUB_ADMIN_TOKEN"
SETTINGS_FILE = "hub.json"

# Server extensions per role. Learners never get the formgrader or the course list.
LEARNER_EXTENSIONS = {
    "nbgrader.server_extensions.formgrader": False,
    "nbgrader.server_extensions.course_list": False,
    "nbgrader.server_extensions.assignment_list": True,
    "nbgrader.server_extensions.validate_assignment": True,
}
FACILITATOR_EXTENSIONS = {**LEARNER_EXTENSIONS, "nbgrader.server_extensions.formgrader": True,
                          "nbgrader.server_extensions.course_list": True}
LEARNER_DISABLED_LAB_PLUGINS = [
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:course-list",
]


@dataclass
class HubSettings:
    """Everything that describes one workshop hub (saved as ``STATE/hub.json``).

    Attributes
    ----------
    state_dir : str
        Hub state: database, cookie secret, per-role Jupyter config, exchange.
    course_root : str
        The facilitator's course folder (holds nbgrader_config.py, solutions/, exercises/).
    facilitator : str
        Unix user name of the facilitator (JupyterHub admin, formgrader).
    learners : list of str
        Unix user names allowed to log in as learners.
    course_id : str
        nbgrader course id.
    ip, port : str, int
        Where the proxy listens (public side). Loopback by default: put TLS in front.
    hub_port, proxy_api_port : int
        Internal ports (loopback only).
    authenticator : str
        ``"pam"`` (Unix passwords; the default) or ``"shared"`` (JupyterHub's
        SharedPasswordAuthenticator: one password for learners, one for the facilitator;
        for tests and short demos).
    exchange_root : str
        The private nbgrader exchange (default ``STATE/exchange``).
    graders_group : str
        Unix group that may read submissions (default: the facilitator's group).
    python : str
        Interpreter for participants' servers and kernels (default: this one). It must
        be usable by every participant: not under a private folder such as ``/root``.

    """

    state_dir: str
    course_root: str
    facilitator: str
    learners: list[str] = field(default_factory=list)
    course_id: str = "ai-guardrails"
    ip: str = "127.0.0.1"
    port: int = 8000
    hub_port: int = 8081
    proxy_api_port: int = 8001
    authenticator: str = "pam"
    exchange_root: str = ""
    graders_group: str = ""
    python: str = ""

    def __post_init__(self) -> None:
        self.state_dir = str(Path(self.state_dir).resolve())
        self.course_root = str(Path(self.course_root).resolve())
        if not self.python:
            self.python = sys.executable
        if not self.exchange_root:
            self.exchange_root = str(Path(self.state_dir) / "exchange")
        if self.authenticator not in ("pam", "shared"):
            raise ValueError(f"authenticator must be 'pam' or 'shared', not {self.authenticator!r}")
        names = [self.facilitator, *self.learners]
        bad = [n for n in names if not n or not n.replace("-", "").replace("_", "").isalnum()]
        if bad:
            raise ValueError(f"not a valid user name: {bad[0]!r} (letters, digits, - and _ only)")
        if self.facilitator in self.learners:
            raise ValueError(f"{self.facilitator!r} is the facilitator; remove it from the learners")
        if len(set(self.learners)) != len(self.learners):
            raise ValueError("a learner is listed twice")

    def role_dir(self, role: str) -> Path:
        """The ``JUPYTER_CONFIG_PATH`` folder of *role* (``learner`` or ``facilitator``)."""
        return Path(self.state_dir) / "etc" / role


def load_settings(state_dir: str | os.PathLike | None = None) -> HubSettings:
    """Read the workshop's settings.

    Parameters
    ----------
    state_dir : path, optional
        The hub state folder; default ``$COURSE_HUB_STATE``.

    Returns
    -------
    HubSettings
        What ``course hub setup`` saved in ``STATE/hub.json``.

    Raises
    ------
    ValueError
        No state folder given, or it was never set up.

    """
    state = state_dir or os.environ.get(STATE_ENV)
    if not state:
        raise ValueError(f"no hub state folder: pass one or set {STATE_ENV}")
    path = Path(state) / SETTINGS_FILE
    if not path.is_file():
        raise ValueError(f"{path} not found: run `course hub setup` first")
    return HubSettings(**json.loads(path.read_text(encoding="utf-8")))


def proxy_command() -> str:
    """The configurable-http-proxy executable.

    Returns
    -------
    str
        The pinned copy in ``.hub-node/`` (``course/hub/install.sh``) if present, else
        one on ``PATH``.

    Raises
    ------
    RuntimeError
        Neither exists.

    """
    local = _paths.package_root() / ".hub-node" / "node_modules" / ".bin" / "configurable-http-proxy"
    if local.exists():
        return str(local)
    found = shutil.which("configurable-http-proxy")
    if not found:
        raise RuntimeError("configurable-http-proxy not found: run `bash course/hub/install.sh`")
    return found


def _python_config(lines: list[str]) -> str:
    return "# Written by `course hub setup`; edit hub.json and re-run setup instead.\nc = get_config()  # noqa: F821\n" + "\n".join(lines) + "\n"


def _write_role_configs(s: HubSettings) -> None:
    lab = [
        "c.LabApp.news_url = None",
        "c.LabApp.check_for_updates_class = 'jupyterlab.NeverCheckForUpdate'",
        "c.LabApp.extension_manager = 'readonly'",
        "c.ServerApp.ip = '127.0.0.1'",
    ]
    for role, extensions in (("learner", LEARNER_EXTENSIONS), ("facilitator", FACILITATOR_EXTENSIONS)):
        d = s.role_dir(role)
        (d / "labconfig").mkdir(parents=True, exist_ok=True)
        nbgrader = exchange_config_lines(Path(s.exchange_root), s.course_id)
        if role == "facilitator":
            # The facilitator's server runs in the course root but its process starts in
            # $HOME: load the course's own nbgrader config explicitly.
            course_config = str(Path(s.course_root) / "nbgrader_config.py")
            nbgrader = [f"load_subconfig({course_config!r})  # noqa: F821",
                        f"c.CourseDirectory.root = {s.course_root!r}", *nbgrader]
        (d / "nbgrader_config.py").write_text(_python_config(nbgrader), encoding="utf-8")
        (d / "jupyter_server_config.py").write_text(
            _python_config([*lab, f"c.ServerApp.jpserver_extensions.update({extensions!r})"]), encoding="utf-8")
        disabled = LEARNER_DISABLED_LAB_PLUGINS if role == "learner" else []
        (d / "labconfig" / "page_config.json").write_text(
            json.dumps({"disabledExtensions": {p: True for p in disabled}}, indent=1) + "\n", encoding="utf-8")
        for path in [d, d / "labconfig", *d.rglob("*")]:
            os.chmod(path, 0o755 if path.is_dir() else 0o644)


def _check_python(python: str, user: str) -> None:
    """Fail clearly unless *user* can run *python* with JupyterHub, nbgrader and the course."""
    probe = "import course.hub.exchange, jupyterhub.singleuser, nbgrader"
    done = subprocess.run(["runuser", "-u", user, "--", python, "-c", probe], cwd="/",
                          capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        raise ValueError(
            f"participant {user!r} cannot run {python} with JupyterHub, nbgrader and the course "
            f"({(done.stderr.strip().splitlines() or ['permission denied'])[-1]}). Install the course "
            "where every user can read it (e.g. /opt/course, with a system Python) and pass --python."
        )


def setup(settings: HubSettings) -> Path:
    """Create the hub's state folder, per-role config and private exchange. Run as root.

    Parameters
    ----------
    settings : HubSettings
        The workshop; every user in it must already exist as a Unix user.

    Returns
    -------
    Path
        The written ``hub.json``.

    """
    if os.geteuid() != 0:
        raise PermissionError("`course hub setup` needs root: it gives folders to the facilitator")
    missing = []
    for name in [settings.facilitator, *settings.learners]:
        try:
            pwd.getpwnam(name)
        except KeyError:
            missing.append(name)
    if missing:
        raise ValueError(f"no such Unix user(s): {', '.join(missing)} (create the accounts first)")
    if settings.learners:
        _check_python(settings.python, settings.learners[0])
    if not (Path(settings.course_root) / "nbgrader_config.py").is_file():
        raise ValueError(f"{settings.course_root} is not a course root (no nbgrader_config.py)")
    state = Path(settings.state_dir)
    state.mkdir(parents=True, exist_ok=True)
    os.chmod(state, 0o755)  # single-user servers read etc/; secrets inside are 0600
    _write_role_configs(settings)
    setup_exchange(Path(settings.exchange_root), settings.course_id, settings.facilitator,
                   settings.graders_group or None)
    path = state / SETTINGS_FILE
    path.write_text(json.dumps(asdict(settings), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def _pre_spawn_hook(settings: HubSettings):
    """Per-role environment and start folder for each single-user server."""
    from ..offline import offline_env

    guard = offline_env({})  # participants' servers and kernels refuse non-loopback connections

    def hook(spawner: Any) -> None:
        name = spawner.user.name
        role = "facilitator" if name == settings.facilitator else "learner"
        spawner.environment.update(guard)
        spawner.environment["JUPYTER_CONFIG_PATH"] = str(settings.role_dir(role))
        spawner.environment["COURSE_HUB_ROLE"] = role
        # nbgrader runs helpers (alembic) by name: the participants' environment first.
        spawner.environment["PATH"] = os.pathsep.join([str(Path(settings.python).parent), "/usr/local/bin", "/usr/bin", "/bin"])
        if role == "facilitator":
            spawner.notebook_dir = settings.course_root
            spawner.environment["COURSE_ROOT"] = settings.course_root
        else:
            spawner.notebook_dir = pwd.getpwnam(name).pw_dir

    return hook


def configure(c: Any, settings: HubSettings, environ: dict[str, str] | None = None) -> None:
    """Fill a JupyterHub config object *c* for this workshop.

    Parameters
    ----------
    c : traitlets.config.Config
        The object JupyterHub passes to ``jupyterhub_config.py``.
    settings : HubSettings
        The workshop (see :func:`load_settings`).
    environ : dict, optional
        Where secrets come from (default ``os.environ``): ``COURSE_HUB_USER_PASSWORD``
        and ``COURSE_HUB_ADMIN_PASSWORD`` (required with the shared-password
        authenticator) and ``COURSE_HUB_ADMIN_TOKEN`` (optional:
        registers a ``course-admin`` service with that token, for scripts and tests).

    """
    env = os.environ if environ is None else environ
    state = Path(settings.state_dir)

    c.JupyterHub.ip = settings.ip
    c.JupyterHub.port = settings.port
    c.JupyterHub.hub_ip = "127.0.0.1"
    c.JupyterHub.hub_port = settings.hub_port
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings.proxy_api_port}"
    c.ConfigurableHTTPProxy.command = [proxy_command()]
    c.ConfigurableHTTPProxy.pid_file = str(state / "jupyterhub-proxy.pid")
    c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
    c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
    c.JupyterHub.cleanup_servers = True  # stopping the hub stops every participant's server
    c.JupyterHub.cleanup_proxy = True
    c.JupyterHub.check_running_servers = False

    if settings.authenticator == "shared":
        user_pw, admin_pw = env.get(USER_PASSWORD_ENV), env.get(ADMIN_PASSWORD_ENV)
        if not user_pw or not admin_pw:
            raise ValueError(f"the shared-password authenticator needs {USER_PASSWORD_ENV} (8+ characters) "
                             f"and {ADMIN_PASSWORD_ENV} (32+ characters, for the facilitator)")
        c.JupyterHub.authenticator_class = "shared-password"
        c.SharedPasswordAuthenticator.user_password = user_pw
        c.SharedPasswordAuthenticator.admin_password = admin_pw
    else:
        c.JupyterHub.authenticator_class = "pam"
    c.Authenticator.allowed_users = {settings.facilitator, *settings.learners}
    c.Authenticator.admin_users = {settings.facilitator}

    c.JupyterHub.spawner_class = "localprocess"
    c.Spawner.cmd = [settings.python, "-m", "jupyterhub.singleuser"]
    c.Spawner.default_url = "/lab"
    c.Spawner.start_timeout = 120
    c.Spawner.http_timeout = 120
    c.Spawner.pre_spawn_hook = _pre_spawn_hook(settings)

    token = env.get(ADMIN_TOKEN_ENV)
    if token:
        c.JupyterHub.services = [{"name": "course-admin", "api_token": token}]
        c.JupyterHub.load_roles = [{
            "name": "course-admin",
            "scopes": ["admin:users", "admin:servers", "tokens", "access:servers", "list:users"],
            "services": ["course-admin"],
        }]
