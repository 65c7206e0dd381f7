"""Workshop hub (course/hub/): configuration, private exchange, and an end-to-end run.

The end-to-end test starts a real JupyterHub on loopback in a temporary folder, with a
facilitator and two learners as separate Unix users (created here with useradd: the
tests run as root, as CI does) who log in with their Unix passwords (PAM, the production
default), each with their own single-user server. Everything is
driven through the hub's REST API with per-user tokens: the facilitator releases and
collects with the formgrader API, learners fetch and submit with nbgrader's
assignment-list API and edit with the Jupyter contents API. It proves that one learner
cannot read (or overwrite) the other's submission, grades, checks the scores, and
removes every process and user it created, also on failure.

JupyterHub and configurable-http-proxy are not course dependencies: the session fixture
runs ``course/hub/install.sh`` (pinned: requirements-hub.txt, course/hub/node/) if they
are missing; CI runs it before ``make test``.
"""

from __future__ import annotations

import json
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from traitlets.config import Config

from course.hub import config as hubconfig
from course.hub import exchange
from helpers import ROOT

ASSIGNMENT = "00_welcome"
COURSE_ID = "ai-guardrails"
FULL = {"m00_q1_test": 1.0, "m00_q2_test": 1.0, "m00_q3_test": 2.0, "m00_q4_test": 2.0}
# Learner B's plausible wrong answers (as in test_round_trip): loses Q1 (1) and Q4 (2).
WRONG = {
    "m00_q1": ("answer_q1 = ...", "answer_q1 = 5"),
    "m00_q2": ("answer_q2 = ...", 'answer_q2 = "c"'),
    "m00_q3": ("answer_q3 = ...", 'answer_q3 = ["A", "C", "D", "F", "H"]'),
    "m00_q4": ("answer_q4 = ...", 'answer_q4 = ["Jane Doe"]'),
}
ARTIFACTS = ROOT / "test-artifacts"

needs_root = pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("useradd"),
                                reason="creates Unix users: needs root and useradd (CI runs as root)")


# ---------------------------------------------------------------- helpers

def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=kw.pop("timeout", 180), **kw)


def _as(user: str, cmd: list[str], env: dict[str, str] | None = None, cwd: str = "/") -> subprocess.CompletedProcess:
    """Run *cmd* as Unix user *user* (runuser), with a clean environment."""
    home = pwd.getpwnam(user).pw_dir
    base = {"HOME": home, "USER": user, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    args = [f"{k}={v}" for k, v in {**base, **(env or {})}.items()]
    return _run(["runuser", "-u", user, "--", "env", "-i", *args, *cmd], cwd=cwd)


def _pids_of(uids: set[int]) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid in uids:
                    pids.append(int(entry.name))
            except FileNotFoundError:
                continue
    return pids


def _rss_kib(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            text = Path(f"/proc/{pid}/status").read_text()
        except (FileNotFoundError, ProcessLookupError):
            continue
        m = re.search(r"^VmRSS:\s+(\d+) kB", text, re.M)
        total += int(m.group(1)) if m else 0
    return total


def _free_ports(n: int) -> list[int]:
    socks = []
    for _ in range(n):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        socks.append(s)
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


def _kill(pid: int, sig: int = signal.SIGKILL) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


@pytest.fixture(scope="session")
def hub_installed() -> Path:
    """JupyterHub in this environment and configurable-http-proxy in .hub-node/ (pinned)."""
    have_hub = Path(sys.executable).with_name("jupyterhub").exists()
    chp = ROOT / ".hub-node" / "node_modules" / ".bin" / "configurable-http-proxy"
    if not (have_hub and chp.exists()):
        done = _run(["bash", str(ROOT / "course" / "hub" / "install.sh")], timeout=900)
        assert done.returncode == 0, f"course/hub/install.sh failed:\n{done.stdout}\n{done.stderr}"
    return chp


class Workshop:
    """Temporary Unix users, folders and processes for one test; :meth:`close` removes them."""

    def __init__(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="course-hub-"))
        os.chmod(self.tmp, 0o755)  # participants must reach their homes and the exchange
        self.users: list[str] = []
        self.procs: list[subprocess.Popen] = []
        self.extra_pids: list[int] = []
        self.passwords: dict[str, str] = {}

    def add_user(self, name: str) -> str:
        home = self.tmp / "home" / name
        home.parent.mkdir(exist_ok=True)
        done = _run(["useradd", "--create-home", "--home-dir", str(home), "--user-group",
                     "--shell", "/bin/sh", name])
        assert done.returncode == 0, done.stderr
        self.users.append(name)
        os.chmod(home, 0o700)
        self.passwords[name] = secrets.token_urlsafe(12)
        done = _run(["chpasswd"], input=f"{name}:{self.passwords[name]}\n")
        assert done.returncode == 0, done.stderr
        return name

    def uids(self) -> set[int]:
        out = set()
        for u in self.users:
            try:
                out.add(pwd.getpwnam(u).pw_uid)
            except KeyError:
                pass
        return out

    def stop_processes(self, kill_leftovers: bool = True) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        deadline = time.monotonic() + 30
        for proc in self.procs:
            try:
                proc.wait(timeout=max(1.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        if not kill_leftovers:
            return
        for pid in self.extra_pids:
            _kill(pid)
        # Anything still running as a test user was started by this test (its servers, kernels).
        for pid in _pids_of(self.uids()):
            _kill(pid)

    def close(self) -> None:
        try:
            self.stop_processes()
        finally:
            for name in self.users:
                _run(["userdel", "--remove", name])
                _run(["groupdel", name])
            shutil.rmtree(self.tmp, ignore_errors=True)


def participant_python(ws: Workshop, user: str) -> str:
    """An interpreter *user* can run with this environment's packages.

    This environment's own interpreter may live in a private folder (pyenv under /root on
    CI); then a venv of the system Python of the same version is made that adds this
    environment's site-packages (and shares its Jupyter data and config).
    """
    probe = ["-c", "import course.hub.exchange, jupyterhub.singleuser, nbgrader"]
    if _as(user, [sys.executable, *probe]).returncode == 0:
        return sys.executable
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    system = shutil.which(version, path="/usr/bin:/usr/local/bin:/bin")
    assert system, f"participants cannot run {sys.executable} and there is no system {version}"
    runtime = ws.tmp / "runtime"
    done = _run([system, "-m", "venv", "--without-pip", str(runtime)])
    assert done.returncode == 0, done.stderr
    import site
    import sysconfig

    purelib = Path(sysconfig.get_paths(vars={"base": str(runtime), "platbase": str(runtime)})["purelib"])
    ours = [p for p in site.getsitepackages() if p.startswith(sys.prefix)]
    (purelib / "_course_env.pth").write_text(
        "".join(f"import site; site.addsitedir({p!r})\n" for p in ours), encoding="utf-8")
    for sub in ("share", "etc"):
        if (Path(sys.prefix) / sub).exists():
            (runtime / sub).symlink_to(Path(sys.prefix) / sub)
    python = str(runtime / "bin" / "python")
    # Console scripts nbgrader runs by name, bound to the participants' interpreter.
    for script, module in (("alembic", "alembic.config"),):
        path = runtime / "bin" / script
        path.write_text(f"#!{python}\nimport sys\nfrom {module} import main\nsys.exit(main())\n")
        path.chmod(0o755)
    done = _as(user, [python, *probe])
    assert done.returncode == 0, f"participants cannot run {python}:\n{done.stderr}"
    return python


def _execute(base: str, user: str, token: str, kernel_id: str, code: str, timeout: float = 180) -> str:
    """Run *code* in a kernel through the hub (Jupyter's WebSocket protocol); its stdout."""
    import asyncio
    import uuid

    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    async def go() -> str:
        url = base.replace("http://", "ws://") + f"/user/{user}/api/kernels/{kernel_id}/channels"
        ws = await websocket_connect(HTTPRequest(url, headers={"Authorization": f"token {token}"}))
        msg_id = uuid.uuid4().hex
        ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "username": user, "session": uuid.uuid4().hex,
                       "msg_type": "execute_request", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        out, reply = [], None
        while reply is None or not out:
            raw = await asyncio.wait_for(ws.read_message(), timeout)
            assert raw is not None, "kernel channel closed"
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["msg_type"]
            if kind == "stream":
                out.append(msg["content"]["text"])
            elif kind == "error":
                raise AssertionError("\n".join(msg["content"]["traceback"])[-3000:])
            elif kind == "execute_reply":
                reply = msg["content"]["status"]
                if not out:
                    break
        ws.close()
        return "".join(out)

    # In a thread of its own: asyncio.run needs a thread with no running event loop, and
    # this worker's main thread may have one (Playwright's sync API, if a browser test ran here).
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(go())).result()


def _complete(release_nb: dict, source_nb: dict) -> dict:
    """A learner's completed notebook: each answer cell gets the source's solution code."""
    solutions = {}
    for cell in source_nb["cells"]:
        meta = cell["metadata"].get("nbgrader", {})
        if meta.get("solution"):
            lines = "".join(cell["source"]).splitlines()
            solutions[meta["grade_id"]] = "\n".join(ln for ln in lines if "BEGIN SOLUTION" not in ln and "END SOLUTION" not in ln)
    nb = json.loads(json.dumps(release_nb))
    for cell in nb["cells"]:
        gid = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if gid in solutions:
            cell["source"] = solutions[gid]
    return nb


def _wrong(release_nb: dict) -> dict:
    nb = json.loads(json.dumps(release_nb))
    seen = set()
    for cell in nb["cells"]:
        gid = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if gid in WRONG:
            old, new = WRONG[gid]
            text = "".join(cell["source"])
            assert old in text, (gid, text)
            cell["source"] = text.replace(old, new)
            seen.add(gid)
    assert seen == set(WRONG)
    return nb


# ---------------------------------------------------------------- unit tests

def test_settings_reject_bad_input(tmp_path):
    with pytest.raises(ValueError, match="not a valid user name"):
        hubconfig.HubSettings(str(tmp_path), str(ROOT), facilitator="fac", learners=["ok", "bad name"])
    with pytest.raises(ValueError, match="is the facilitator"):
        hubconfig.HubSettings(str(tmp_path), str(ROOT), facilitator="fac", learners=["fac"])
    with pytest.raises(ValueError, match="listed twice"):
        hubconfig.HubSettings(str(tmp_path), str(ROOT), facilitator="fac", learners=["a", "a"])
    with pytest.raises(ValueError, match="authenticator"):
        hubconfig.HubSettings(str(tmp_path), str(ROOT), facilitator="fac", authenticator="none")
    with pytest.raises(ValueError, match="run `course hub setup` first"):
        hubconfig.load_settings(tmp_path)


def test_configure_one_server_workshop(tmp_path, hub_installed):
    s = hubconfig.HubSettings(str(tmp_path), str(ROOT), facilitator="fac", learners=["ana", "ben"],
                              authenticator="shared", port=9100, hub_port=9101, proxy_api_port=9102)
    c = Config()
    with pytest.raises(ValueError, match="COURSE_HUB_USER_PASSWORD"):
        hubconfig.configure(c, s, environ={})
    env = {hubconfig.USER_PASSWORD_ENV: "learner-pass", hubconfig.ADMIN_PASSWORD_ENV: "f" * 32}
    hubconfig.configure(c, s, environ=env)
    assert c.JupyterHub.ip == "127.0.0.1" and c.JupyterHub.port == 9100
    assert c.JupyterHub.hub_ip == "127.0.0.1" and c.JupyterHub.hub_port == 9101
    assert c.ConfigurableHTTPProxy.api_url == "http://127.0.0.1:9102"
    assert c.ConfigurableHTTPProxy.command == [str(hub_installed)]
    assert c.JupyterHub.spawner_class == "localprocess"
    assert c.JupyterHub.authenticator_class == "shared-password"
    assert c.Authenticator.allowed_users == {"fac", "ana", "ben"}
    assert c.Authenticator.admin_users == {"fac"}
    assert c.JupyterHub.cleanup_servers is True
    assert "services" not in c.JupyterHub  # no admin token, no service
    # Per-role environment: learners and the facilitator read different Jupyter config.
    class FakeSpawner:
        def __init__(self, name):
            self.user = type("U", (), {"name": name})()
            self.environment, self.notebook_dir = {}, ""
    fac = FakeSpawner("fac")
    c.Spawner.pre_spawn_hook(fac)
    assert fac.environment["JUPYTER_CONFIG_PATH"] == str(tmp_path / "etc" / "facilitator")
    assert fac.notebook_dir == str(ROOT)
    assert fac.environment["COURSE_OFFLINE_GUARD"] == "1"
    # Default: PAM (participants are Unix users).
    c2 = Config()
    hubconfig.configure(c2, hubconfig.HubSettings(str(tmp_path), str(ROOT), facilitator="fac"), environ={})
    assert c2.JupyterHub.authenticator_class == "pam"


def test_exchange_config_selects_private_classes():
    lines = exchange.exchange_config_lines(Path("/srv/x"), "c1")
    c = Config()
    exec("\n".join(lines), {"c": c})  # noqa: S102 - our own generated config
    assert c.Exchange.root == "/srv/x" and c.Exchange.path_includes_course is True
    from traitlets.utils.importstring import import_item

    for key in ("release_assignment", "submit", "collect", "fetch_assignment", "list",
                "fetch_feedback", "release_feedback"):
        cls = import_item(c.ExchangeFactory[key])
        assert issubclass(cls, exchange._PrivateRoot), key


def _entry(inbound: Path, folder: str, claimed: str, ts: str, text: str) -> None:
    sub = inbound / folder / f"{claimed}+{ASSIGNMENT}+2026-11-28 10:00:{ts}.000000 UTC+r{ts}"
    sub.mkdir(parents=True)
    (sub / f"{ASSIGNMENT}.ipynb").write_text(text, encoding="utf-8")
    (sub / "timestamp.txt").write_text(f"2026-11-28 10:00:{ts}.000000 UTC")


def test_collect_per_learner_folders_ignores_forged_entries(tmp_path, monkeypatch):
    """Kubernetes layout: each learner's pod mounts only inbound/<learner>/ (same uid for all)."""
    monkeypatch.setenv("PATH", os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory

    course = tmp_path / "course"
    course.mkdir()
    inbound = tmp_path / "exchange" / COURSE_ID / "inbound"
    _entry(inbound, "ana", "ana", "01", "ana's work")
    _entry(inbound, "ana", "ben", "09", "ana pretending to be ben")  # newer, in ana's folder
    _entry(inbound, "ben", "ben", "02", "ben's work")
    _entry(inbound, "ben", "ben", "03", "ben's second try")
    c = Config()
    exec("\n".join(exchange.exchange_config_lines(tmp_path / "exchange", COURSE_ID)), {"c": c})  # noqa: S102
    c.Collect.inbound_per_learner = True
    c.CourseDirectory.root = str(course)
    c.CourseDirectory.assignment_id = ASSIGNMENT
    collect = exchange.Collect(coursedir=CourseDirectory(config=c), authenticator=Authenticator(config=c), config=c)
    collect.start()
    got = {p.parents[1].name: p.read_text() for p in course.glob(f"submitted/*/{ASSIGNMENT}/{ASSIGNMENT}.ipynb")}
    assert got == {"ana": "ana's work", "ben": "ben's second try"}


def test_private_exchange_refuses_a_world_writable_root(tmp_path):
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange import ExchangeError

    root = tmp_path / "exchange"
    c = Config()
    exec("\n".join(exchange.exchange_config_lines(root, COURSE_ID)), {"c": c})  # noqa: S102
    submit = exchange.Submit(coursedir=CourseDirectory(config=c), authenticator=Authenticator(config=c), config=c)
    with pytest.raises(ExchangeError, match="does not exist"):
        submit.ensure_root()
    root.mkdir()
    os.chmod(root, 0o777)
    with pytest.raises(ExchangeError, match="can be written by every user"):
        submit.ensure_root()
    os.chmod(root, 0o755)
    submit.ensure_root()


@needs_root
def test_cli_setup_explains_missing_users(tmp_path):
    done = _run([sys.executable, "-m", "course", "hub", "setup", str(tmp_path / "state"), "--course-root",
                 str(ROOT), "--facilitator", "no-such-facilitator-x", "--learners", "no-such-learner-y"])
    assert done.returncode == 2  # bad input (course/cli/_common.py)
    assert "no such Unix user(s): no-such-facilitator-x, no-such-learner-y" in done.stderr


# ---------------------------------------------------------------- end to end

@pytest.mark.slow
@needs_root
def test_workshop_hub_end_to_end(hub_installed):
    import requests

    t0 = time.monotonic()
    timings: dict[str, float] = {}
    suffix = secrets.token_hex(3)
    ws = Workshop()
    try:
        fac, ana, ben = (ws.add_user(f"{p}{suffix}") for p in ("cgfac", "cgana", "cgben"))
        learners = [ana, ben]
        python = participant_python(ws, ana)

        # The facilitator's course folder: config, sources and the committed release.
        course = ws.tmp / "course"
        for sub in ("solutions", "exercises"):
            shutil.copytree(ROOT / sub / ASSIGNMENT, course / sub / ASSIGNMENT)
        shutil.copy(ROOT / "nbgrader_config.py", course / "nbgrader_config.py")
        _run(["chown", "-R", f"{fac}:{fac}", str(course)])
        os.chmod(course, 0o700)

        state = ws.tmp / "state"
        port, hub_port, api_port = _free_ports(3)
        done = _run([sys.executable, "-m", "course", "hub", "setup", str(state), "--course-root", str(course),
                     "--facilitator", fac, "--learners", ",".join(learners),
                     "--port", str(port), "--hub-port", str(hub_port), "--proxy-api-port", str(api_port),
                     "--python", python])
        assert done.returncode == 0, done.stderr
        inbound = state / "exchange" / COURSE_ID / "inbound"
        assert stat.S_IMODE(inbound.stat().st_mode) == exchange.INBOUND_MODE
        assert stat.S_IMODE((state / "exchange").stat().st_mode) == 0o755

        admin = secrets.token_hex(24)
        env = dict(os.environ, **{hubconfig.ADMIN_TOKEN_ENV: admin})
        log = open(ws.tmp / "hub.log", "w")  # noqa: SIM115 - closed with the workshop
        ws.procs.append(subprocess.Popen([sys.executable, "-m", "course", "hub", "run", str(state)], env=env,
                                         stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
        base = f"http://127.0.0.1:{port}"
        http = requests.Session()

        def api(method: str, path: str, token: str = admin, **kw):
            return http.request(method, base + path, headers={"Authorization": f"token {token}"}, timeout=120, **kw)

        deadline = time.monotonic() + 90
        while True:
            try:
                if api("GET", "/hub/api/users").status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, (ws.tmp / "hub.log").read_text()[-3000:]
            assert ws.procs[0].poll() is None, (ws.tmp / "hub.log").read_text()[-3000:]
            time.sleep(0.5)
        pidfile = state / "jupyterhub-proxy.pid"
        if pidfile.exists():
            ws.extra_pids.append(int(pidfile.read_text().strip()))
        timings["setup_and_hub_start_s"] = time.monotonic() - t0

        # Participants log in with their own Unix password (PAM, the production default).
        def login(user: str, password: str) -> int:
            browser = requests.Session()
            browser.get(base + "/hub/login", timeout=60)
            form = {"username": user, "password": password, "_xsrf": browser.cookies.get("_xsrf", "")}
            return browser.post(base + "/hub/login", data=form, allow_redirects=False, timeout=60).status_code

        assert login(ana, ws.passwords[ana]) == 302
        assert login(ben, ws.passwords[ana]) == 403  # ana's password does not open ben's account
        assert login(ana, "wrong-" + ws.passwords[ana]) == 403

        # Per-user API tokens, then every participant's server (started together).
        tokens = {}
        t_spawn = time.monotonic()
        for user in (fac, *learners):
            r = api("POST", f"/hub/api/users/{user}/tokens", json={"expires_in": 1800, "note": "e2e"})
            assert r.status_code == 201, r.text
            tokens[user] = r.json()["token"]
            r = api("POST", f"/hub/api/users/{user}/server")
            assert r.status_code in (201, 202), r.text
        pending = {fac, *learners}
        while pending:
            for user in sorted(pending):
                server = api("GET", f"/hub/api/users/{user}").json()["servers"].get("")
                if server and server["ready"]:
                    pending.discard(user)
            assert time.monotonic() - t_spawn < 150, f"servers not ready: {pending}\n" + (ws.tmp / "hub.log").read_text()[-3000:]
            time.sleep(0.5)
        timings["spawn_three_servers_s"] = time.monotonic() - t_spawn

        # A learner's token does not open another learner's server.
        assert api("GET", f"/user/{ben}/api/contents", token=tokens[ana], allow_redirects=False).status_code in (302, 403)

        # The facilitator releases through the formgrader API.
        r = api("POST", f"/user/{fac}/formgrader/api/assignment/{ASSIGNMENT}/release", token=tokens[fac])
        assert r.status_code == 200 and r.json()["success"], r.text[:3000]
        # Learners cannot use the formgrader.
        assert api("POST", f"/user/{ana}/formgrader/api/assignment/{ASSIGNMENT}/release",
                   token=tokens[ana]).status_code == 404

        source_nb = json.loads((ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text(encoding="utf-8"))
        rel_path = f"{COURSE_ID}/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
        args = {"course_id": COURSE_ID, "assignment_id": ASSIGNMENT}
        for user, make in ((ana, lambda nb: _complete(nb, source_nb)), (ben, _wrong)):
            r = api("POST", f"/user/{user}/assignments/fetch", token=tokens[user], params=args)
            assert r.status_code == 200 and r.json()["success"], r.text[:3000]
            fetched = [a for a in r.json()["value"] if a["status"] == "fetched"]
            assert [a["assignment_id"] for a in fetched] == [ASSIGNMENT]
            r = api("GET", f"/user/{user}/api/contents/{rel_path}", token=tokens[user])
            assert r.status_code == 200, r.text
            nb = make(r.json()["content"])
            r = api("PUT", f"/user/{user}/api/contents/{rel_path}", token=tokens[user],
                    json={"type": "notebook", "format": "json", "content": nb})
            assert r.status_code == 200, r.text
            r = api("POST", f"/user/{user}/assignments/submit", token=tokens[user], params=args)
            assert r.status_code == 200 and r.json()["success"], r.text[:3000]

        # --- privacy: learners cannot read (or list, or remove) each other's submissions
        subs = {p.name.split("+")[0]: p for p in inbound.iterdir()}
        assert set(subs) == {ana, ben}
        ben_sub = subs[ben]
        ben_nb = ben_sub / f"{ASSIGNMENT}.ipynb"
        assert stat.S_IMODE(ben_sub.stat().st_mode) == exchange.DIR_MODE
        assert stat.S_IMODE(ben_nb.stat().st_mode) == exchange.FILE_MODE
        assert ben_sub.stat().st_gid == pwd.getpwnam(fac).pw_gid  # the graders' group
        assert _as(ben, ["cat", str(ben_nb)]).returncode == 0  # the owner can read it
        for attempt in (["ls", str(inbound)], ["ls", str(ben_sub)], ["cat", str(ben_nb)],
                        ["cp", "-r", str(ben_sub), "/tmp"], ["rm", "-rf", str(ben_sub)],
                        ["mv", str(ben_sub), str(inbound / "x")],
                        ["cat", str(pwd.getpwnam(ben).pw_dir) + "/" + rel_path]):
            done = _as(ana, attempt)
            assert done.returncode != 0 and ("Permission denied" in done.stderr or "Operation not permitted" in done.stderr), (attempt, done)
        assert ben_nb.exists()
        assert _as(fac, ["cat", str(ben_nb)]).returncode == 0  # the facilitator can

        # Control: the same release and submit with nbgrader's stock exchange (in its own
        # folder, world-writable as nbgrader makes it) leaves ben's submission readable by
        # any learner who learns its name: what the private exchange replaces.
        stock = ws.tmp / "stock"
        (stock / "exchange").mkdir(parents=True)
        os.chmod(stock / "exchange", 0o777)
        (stock / "nbgrader_config.py").write_text(
            f"c = get_config()\nc.CourseDirectory.course_id = {COURSE_ID!r}\n"
            f"c.Exchange.root = {str(stock / 'exchange')!r}\nc.Exchange.path_includes_course = True\n")
        os.chmod(stock, 0o755)
        stock_env = {"JUPYTER_CONFIG_PATH": str(stock)}
        done = _as(fac, [python, "-m", "nbgrader", "release_assignment", ASSIGNMENT], env=stock_env, cwd=str(course))
        assert done.returncode == 0, done.stderr
        done = _as(ben, [python, "-m", "nbgrader", "submit", ASSIGNMENT], env=stock_env,
                   cwd=pwd.getpwnam(ben).pw_dir)
        assert done.returncode == 0, done.stderr
        (leak,) = (stock / "exchange" / COURSE_ID / "inbound").iterdir()
        assert _as(ana, ["cat", str(leak / f"{ASSIGNMENT}.ipynb")]).returncode == 0, "the stock exchange should leak"
        learner_env = {"JUPYTER_CONFIG_PATH": str(state / "etc" / "learner")}

        # Impersonation: ana submits her (correct) work under ben's name; collect must ignore it.
        time.sleep(1.1)  # a later timestamp than ben's real submission
        done = _as(ana, [python, "-m", "nbgrader", "submit", ASSIGNMENT, f"--course={COURSE_ID}",
                         f"--student={ben}"], env=learner_env, cwd=pwd.getpwnam(ana).pw_dir)
        assert done.returncode == 0, done.stderr
        assert len([p for p in inbound.iterdir() if p.name.startswith(ben + "+")]) == 2

        # --- the facilitator collects through the formgrader API; then grading
        r = api("POST", f"/user/{fac}/formgrader/api/assignment/{ASSIGNMENT}/collect", token=tokens[fac])
        assert r.status_code == 200 and r.json()["success"], r.text[:3000]
        assert "claims to come from" in r.json().get("log", ""), r.json()
        assert sorted(p.name for p in (course / "submitted").iterdir()) == sorted(learners)

        # Memory per participant's server, measured while all three are up and idle.
        rss = {u: _rss_kib(_pids_of({pwd.getpwnam(u).pw_uid})) for u in (fac, *learners)}
        assert all(v > 10_000 for v in rss.values()), rss
        # ... and with a working kernel: ana runs module 01's privacy engine (spaCy + Presidio),
        # the heaviest thing the course loads; the kernel runs offline, as her.
        r = api("POST", f"/user/{ana}/api/kernels", token=tokens[ana], json={"name": "python3"})
        assert r.status_code == 201, r.text
        code = ("import os, socket; from course.privacy.engine import analyzer; "
                "hits = analyzer().analyze('Call Jane Doe at 555-0123.', language='en'); "
                "print(os.getuid(), sorted({h.entity_type for h in hits}), "
                "getattr(socket, '_course_guarded', False))")
        t_kernel = time.monotonic()
        printed = _execute(base, ana, tokens[ana], r.json()["id"], code).split()
        timings["kernel_privacy_engine_s"] = time.monotonic() - t_kernel
        assert printed[0] == str(pwd.getpwnam(ana).pw_uid) and "'PERSON'" in printed[1] and printed[-1] == "True", printed
        rss_working = _rss_kib(_pids_of({pwd.getpwnam(ana).pw_uid}))
        assert rss_working > rss[ana]

        # The facilitator grades with `course grade` in their own account (as in a terminal
        # of their hub session); the scores are then read from the gradebook.
        t_grade = time.monotonic()
        done = _as(fac, [python, "-m", "course", "grade", ASSIGNMENT, "--no-progress"], cwd=str(course),
                   env={"PATH": f"{Path(python).parent}:/usr/bin:/bin", "COURSE_ROOT": str(course)})
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
        assert f"{ASSIGNMENT}: graded 2 of 2 submissions" in done.stdout, done.stdout
        assert "NOT GRADED" not in done.stdout, done.stdout
        from course import grading

        scores = grading.scores(ASSIGNMENT, course)
        timings["grade_s"] = time.monotonic() - t_grade
        assert scores[ana] == FULL
        assert scores[ben] == {**FULL, "m00_q1_test": 0.0, "m00_q4_test": 0.0}  # ben's own work, not ana's

        # --- shut down: the hub stops every server; nothing of the test users keeps running
        ws.stop_processes(kill_leftovers=False)  # SIGTERM to the hub only
        deadline = time.monotonic() + 20
        while _pids_of(ws.uids()) and time.monotonic() < deadline:
            time.sleep(0.5)
        leftover = [Path(f"/proc/{p}/cmdline").read_bytes()[:80] for p in _pids_of(ws.uids())]
        assert not leftover, f"the hub left participants' processes running: {leftover}"
        for pid in ws.extra_pids:
            assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text().lower()
        timings["total_s"] = time.monotonic() - t0
        assert timings["total_s"] < 300, timings
        ARTIFACTS.mkdir(exist_ok=True)
        result = {"timings_s": {k: round(v, 1) for k, v in timings.items()},
                  "rss_mib_learner_with_privacy_kernel": round(rss_working / 1024, 1),
                  "rss_mib_per_server_idle": {("facilitator" if u == fac else "learner"): round(v / 1024, 1)
                                              for u, v in rss.items()},
                  "rss_mib_learners": [round(rss[u] / 1024, 1) for u in learners]}
        (ARTIFACTS / "hub-e2e.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
        print("\nhub e2e:", json.dumps(result))
    finally:
        ws.close()
        for name in ws.users:
            with pytest.raises(KeyError):
                pwd.getpwnam(name)


# ---------------------------------------------------------------- Kubernetes (Zero to JupyterHub)

Z2JH = ROOT / "course" / "hub" / "z2jh"


def _values() -> dict:
    import yaml

    return yaml.safe_load((Z2JH / "values.yaml").read_text(encoding="utf-8"))


def _validate(values: dict) -> list[str]:
    import jsonschema

    schema = json.loads((Z2JH / "values.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(values))


def test_z2jh_values_match_the_schema():
    assert _validate(_values()) == []


@pytest.mark.parametrize("path, value, expected", [
    (("singleuser", "memroy"), {"limit": "2G"}, "Additional properties"),
    (("singleuser", "image", "tag"), "latest", "singleuser/image/tag"),
    (("singleuser", "memory", "limit"), "2 GB", "singleuser/memory/limit"),
    (("hub", "config", "JupyterHub", "authenticator_class"), "dummy", "authenticator_class"),
    (("singleuser", "storage", "extraVolumeMounts", 0, "mountPath"), "srv/x", "mountPath"),
])
def test_z2jh_schema_catches_mistakes(path, value, expected):
    values = _values()
    target = values
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    errors = _validate(values)
    assert any(expected in e for e in errors), errors


def test_z2jh_learners_mount_only_their_own_inbound():
    su = _values()["singleuser"]
    mounts = {m["mountPath"]: m for m in su["storage"]["extraVolumeMounts"] if m["name"] == "exchange"}
    base = f"/srv/nbgrader/exchange/{COURSE_ID}"
    assert set(mounts) == {f"{base}/outbound", f"{base}/feedback", f"{base}/inbound"}
    assert mounts[f"{base}/outbound"]["readOnly"] and mounts[f"{base}/feedback"]["readOnly"]
    inbound = mounts[f"{base}/inbound"]
    assert inbound["subPath"] == f"{COURSE_ID}/inbound/{{username}}" and not inbound.get("readOnly")
    # The init container creates exactly that folder for the learner, owned by the notebook uid.
    (init,) = su["initContainers"]
    script = " ".join(init["command"])
    assert f'/exchange/{COURSE_ID}/inbound/$COURSE_USER' in script and "chown 1000:100" in script
    assert {"name": "COURSE_USER", "value": "{username}"} in init["env"]
    assert init["volumeMounts"] == [{"name": "exchange", "mountPath": "/exchange"}]
    # Offline: no egress beyond the cluster's DNS.
    rules = su["networkPolicy"]["egressAllowRules"]
    assert su["networkPolicy"]["enabled"] and not rules["nonPrivateIPs"] and not rules["privateIPs"]


def test_z2jh_hub_hook_gives_the_facilitator_the_whole_exchange():
    values = _values()
    c = Config()
    for code in values["hub"]["extraConfig"].values():
        exec(compile(code, "extraConfig", "exec"), {"c": c, "get_config": lambda: c})  # noqa: S102
    hook = c.KubeSpawner.pre_spawn_hook
    learner_mounts = [{"name": "home", "mountPath": "/home/jovyan"},
                      *values["singleuser"]["storage"]["extraVolumeMounts"]]

    class FakeSpawner:
        def __init__(self, name):
            self.user = type("U", (), {"name": name})()
            self.volume_mounts = [dict(m) for m in learner_mounts]
            self.environment = {}
            self.init_containers = values["singleuser"]["initContainers"]

    fac = FakeSpawner(values["hub"]["config"]["Authenticator"]["admin_users"][0])
    hook(fac)
    assert fac.volume_mounts == [{"name": "home", "mountPath": "/home/jovyan"},
                                 {"name": "exchange", "mountPath": "/srv/nbgrader/exchange"}]
    assert fac.environment["JUPYTER_CONFIG_PATH"] == "/etc/jupyter/facilitator"
    learner = FakeSpawner("ana")
    hook(learner)
    assert learner.volume_mounts == learner_mounts and learner.environment == {}


def test_z2jh_image_uses_the_private_exchange_and_the_pins():
    text = (Z2JH / "image" / "nbgrader_config.py").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.startswith("c.")]
    assert lines == [*exchange.exchange_config_lines(Path("/srv/nbgrader/exchange"), COURSE_ID),
                     "c.Collect.inbound_per_learner = True"]
    docker = (Z2JH / "image" / "Dockerfile").read_text(encoding="utf-8")
    for src in re.findall(r"^COPY (course/\S+) ", docker, re.M):
        assert (ROOT / src).is_file(), src
    for pinned in ("requirements.lock", "requirements-model.txt", "requirements-hub.txt"):
        assert pinned in docker
    values = _values()
    image = values["singleuser"]["image"]
    assert values["singleuser"]["initContainers"][0]["image"] == f"{image['name']}:{image['tag']}"


def test_hub_pieces_are_pinned():
    reqs = [ln for ln in (ROOT / "requirements-hub.txt").read_text().splitlines() if ln and not ln.startswith("#")]
    assert reqs and all(re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][A-Za-z0-9.]*", r) for r in reqs), reqs
    assert "jupyterhub==6.1.1" in reqs
    lock = json.loads((ROOT / "course" / "hub" / "node" / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/configurable-http-proxy"]["version"] == "5.3.0"
    assert json.loads((ROOT / "course" / "hub" / "node" / "package.json").read_text())["dependencies"] == {
        "configurable-http-proxy": "5.3.0"}


# ---------------------------------------------------------------- guides

GUIDE = ROOT / "course" / "guide"


def test_guides_cover_both_setups_and_sizing():
    one = (GUIDE / "workshop-hub.md").read_text(encoding="utf-8")
    k8s = (GUIDE / "workshop-kubernetes.md").read_text(encoding="utf-8")
    for text in (one, k8s):
        assert "not legal advice" in text and "Step by step" in text and "On the day" in text
    table = k8s[k8s.index("## Sizing"):k8s.index("## Step by step")]
    assert all(f"{n} participants" in table for n in (30, 100, 300))
    su = _values()["singleuser"]
    assert f"guarantee {su['memory']['guarantee'].rstrip('G')} GiB" in table
    assert "course/hub/z2jh/values.yaml" in k8s and "bash course/hub/install.sh" in one


def test_guide_commands_match_the_cli():
    """Every `course hub setup` option the one-server guide uses exists."""
    from course.cli import build_parser

    text = (GUIDE / "workshop-hub.md").read_text(encoding="utf-8")
    block = text[text.index("course hub setup"):]
    block = block[:block.index("```")].replace("\\\n", " ")
    argv = block.split()[1:]
    args = build_parser().parse_args(argv)
    assert args.hub_command == "setup" and args.facilitator == "facilitator"
    assert args.learners == "@roster.txt" and str(args.state) == "/srv/course-hub"


def test_cli_hub_without_action_explains(capsys):
    from course.cli import main

    assert main(["hub"]) == 2
    assert "choose an action: setup or run" in capsys.readouterr().err
