"""Drive JupyterLab in headless Chromium: the server, the browser and page helpers.

Used by the ``browser`` tests in this folder. The server runs from this project's
environment on 127.0.0.1 with a random token and a free port, in a throw-away copy of
the course (so autosave and widgets never write into the repository), with its own
Jupyter config, data, runtime, settings and workspace folders, and with the course's
socket guard loaded so neither the server nor its kernels can reach the network.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from course.offline import offline_env

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"

CHROMIUM = os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# What the course copy needs: notebooks, data, and nbgrader's config for "Validate".
COURSE_PARTS = ["modules", "exercises", "data", "nbgrader_config.py"]

# JupyterLab user settings for the tests: render every cell (no virtual scrolling, so
# every output is in the page) and no autosave surprises.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def stop_process(proc: subprocess.Popen | None, grace: float = 20.0) -> None:
    """Stop a server started with ``start_new_session=True``, and everything it started.

    SIGTERM to its process group, then SIGKILL after ``grace`` seconds: a Jupyter server
    that is slow to shut down (seen in CI: still running 30 s after SIGTERM) must not turn
    a passing test into a failure, nor leave a server behind.
    """
    if proc is None or proc.poll() is not None:
        return

    def _signal(sig: int) -> None:
        try:
            os.killpg(proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            if proc.poll() is None:
                proc.send_signal(sig)

    _signal(signal.SIGTERM)
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        _signal(signal.SIGKILL)
        proc.wait(timeout=10)


#: The module runs and accessibility scans (``...::test_x[NN_slug]``, ``[NN_slug_lesson]``), and
#: the widget tests (``tests/browser/...::test_mNN_...``, named by their module page).
_MODULE_NODE = re.compile(
    r"^tests/browser/(?:test_browser_(?:modules|accessibility)\.py::\w+\[(?P<by_param>\d\d)_[a-z_]+\]"
    r"|[^:]+::test_m(?P<by_name>\d\d)_\w+)$"
)


def browser_module_group(nodeid: str) -> str | None:
    """The module a browser test's page is (``"module-NN"``), from its node id; else None.
    The xdist scheduler in tests/conftest.py keeps each group on one worker."""
    m = _MODULE_NODE.match(nodeid)
    return f"module-{m.group('by_name') or m.group('by_param')}" if m else None


def in_ci() -> bool:
    """True when running in CI (``CI`` set to a true-ish value)."""
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes", "on"}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_course_copy(dest: Path) -> Path:
    """Copy the parts of the course JupyterLab serves into *dest*; return it."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in COURSE_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        elif src.exists():
            shutil.copy(src, dest / part)
    return dest


@dataclass
class LabServer:
    """A JupyterLab server on 127.0.0.1 serving *course* (a throw-away copy)."""

    course: Path
    home: Path
    port: int = field(default_factory=free_port)
    token: str = field(default_factory=lambda: secrets.token_hex(24))
    proc: subprocess.Popen | None = None
    log_path: Path | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "", workspace: str | None = None) -> str:
        """URL that opens *path* (relative to the course copy) in JupyterLab."""
        ws = f"/lab/workspaces/{workspace}" if workspace else "/lab"
        tree = f"/tree/{path}" if path else ""
        return f"{self.base}{ws}{tree}?reset&token={self.token}"

    def start(self, timeout: float = 90) -> LabServer:
        dirs = {name: self.home / name for name in ("config", "data", "runtime", "settings", "workspaces", "ipython", "mpl")}
        for d in dirs.values():
            d.mkdir(parents=True, exist_ok=True)
        for name, value in LAB_SETTINGS.items():
            target = dirs["settings"] / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(value), encoding="utf-8")
        env = offline_env()
        env.update(
            JUPYTER_CONFIG_DIR=str(dirs["config"]),
            JUPYTER_DATA_DIR=str(dirs["data"]),
            JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
            IPYTHONDIR=str(dirs["ipython"]),
            MPLCONFIGDIR=str(dirs["mpl"]),
            COURSE_ROOT=str(self.course),
            JUPYTER_PLATFORM_DIRS="1",
        )
        env.pop("JUPYTER_PATH", None)
        cmd = [
            sys.executable, "-m", "jupyterlab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.course}",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.news_url=None",
            # The PyPI extension manager would query PyPI; the course never needs it.
            "--LabApp.extension_manager=readonly",
            f"--LabApp.user_settings_dir={dirs['settings']}",
            f"--LabApp.workspaces_dir={dirs['workspaces']}",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:  # CI runs as root
            cmd.append("--ServerApp.allow_root=True")
        self.log_path = self.home / "jupyterlab.log"
        log = self.log_path.open("w", encoding="utf-8")
        # cwd = the course copy: nbgrader's Validate reads nbgrader_config.py from there.
        self.proc = subprocess.Popen(cmd, cwd=self.course, env=env, stdout=log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {self.proc.returncode}:\n{self.log()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.base}/api/status?token={self.token}", timeout=2) as r:
                    if r.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"JupyterLab did not start within {timeout:.0f} s:\n{self.log()[-3000:]}")

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path else ""

    def stop(self) -> None:
        stop_process(self.proc)


# ---------------------------------------------------------------------------------------
# Page helpers (Playwright sync API)
# ---------------------------------------------------------------------------------------

NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"
STDERR = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'

# True once the run is over: kernel idle, nothing queued ("[*]"), and either every code
# cell has an execution count or an error stopped the run.
_RUN_FINISHED_JS = """
(sel) => {
  const panel = document.querySelector(sel.panel);
  if (!panel) return false;
  const status = panel.querySelector('.jp-Notebook-ExecutionIndicator');
  if (!status || status.dataset.status !== 'idle') return false;
  const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
    .map(p => p.textContent.trim());
  if (prompts.some(p => p.includes('*'))) return false;
  if (prompts.length && prompts.every(p => /\\[\\d+\\]/.test(p))) return true;
  return !!panel.querySelector(sel.stderr);
}
"""


def open_notebook(page, server: LabServer, path: str, workspace: str, timeout: float = 90_000) -> None:
    """Open *path* in a fresh JupyterLab workspace and wait for an idle kernel."""
    page.goto(server.url(path, workspace))
    page.wait_for_selector(f"{NOTEBOOK} .jp-Notebook .jp-Cell", timeout=timeout)
    collapse_left_sidebar(page)
    wait_kernel_idle(page, timeout)


def wait_kernel_idle(page, timeout: float = 90_000) -> None:
    """Wait until the notebook's kernel is connected and idle (toolbar and status bar)."""
    page.wait_for_selector(
        f'{NOTEBOOK} .jp-Notebook-ExecutionIndicator[data-status="idle"]', timeout=timeout
    )
    status = page.locator('.jp-StatusBar-TextItem[title^="Change kernel"]').filter(
        has_text=re.compile(r"\|\s*Idle\s*$")
    )
    status.first.wait_for(state="visible", timeout=timeout)


def menu(page, top: str, item: str) -> None:
    """Click *item* (its visible label, a trailing "…" optional) in the JupyterLab menu *top*."""
    page.locator(".lm-MenuBar-itemLabel").filter(has_text=re.compile(f"^{re.escape(top)}$")).click()
    label = re.compile("^" + re.escape(item) + "…?$")
    entry = page.locator(".lm-Menu .lm-Menu-item:not(.lm-mod-disabled)").filter(
        has=page.locator(".lm-Menu-itemLabel", has_text=label)
    ).first
    entry.wait_for(state="visible", timeout=15_000)
    entry.click()


def run_all(page, timeout: float = 240_000) -> None:
    """Run > Run All Cells, and wait for the run to end.

    :func:`open_notebook` gives every notebook a fresh kernel, so this is a clean run
    from the top. (Kernel > Restart Kernel and Run All Cells is avoided on purpose: on a
    busy machine, jupyter_server 2.21 sometimes drops the browser's reconnected kernel
    websocket after a restart, with ``struct.error`` in ``deserialize_binary_message``,
    and the notebook then waits for the kernel forever.)
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    started = (
        "(sel) => [...document.querySelectorAll(sel + ' .jp-CodeCell .jp-InputArea-prompt')]"
        ".some(p => /[*0-9]/.test(p.textContent))"
    )
    # Right after a kernel connects, JupyterLab can still drop a run request (the cells
    # are left unrun, nothing is shown); a trainee would click again, and so do we.
    for attempt in range(3):
        wait_kernel_idle(page)
        activate_notebook(page)
        menu(page, "Run", "Run All Cells")
        try:
            page.wait_for_function(started, arg=NOTEBOOK, timeout=10_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise AssertionError(f"Run All Cells did not start: {notebook_state(page)}") from None
            warnings.warn(f"Run All Cells did not start; clicking it again ({notebook_state(page)})", stacklevel=2)
    wait_run_finished(page, timeout)


def activate_notebook(page) -> None:
    """Make the open notebook JupyterLab's current widget (its commands act on it)."""
    page.locator(f"{NOTEBOOK} .jp-Notebook-cell .jp-InputPrompt").first.click()
    page.keyboard.press("Escape")


def notebook_state(page) -> str:
    """Kernel status and cell prompts of the open notebook, for error messages."""
    return page.evaluate(
        """(sel) => {
          const p = document.querySelector(sel);
          if (!p) return 'no notebook open';
          const s = p.querySelector('.jp-Notebook-ExecutionIndicator');
          const prompts = [...p.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
            .map(e => e.textContent.trim()).join(' ');
          const dialog = document.querySelector('.jp-Dialog');
          return `kernel ${s ? s.dataset.status : '?'}; prompts ${prompts}` +
                 (dialog ? `; dialog open: ${dialog.innerText.slice(0, 200)}` : '');
        }""",
        NOTEBOOK,
    )


def wait_run_finished(page, timeout: float = 240_000) -> None:
    """Wait until every queued cell has run (or an error stopped the run)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    # Give JupyterLab a moment to queue the cells ("[*]") before polling for the end.
    page.wait_for_timeout(300)
    try:
        page.wait_for_function(
            _RUN_FINISHED_JS, arg={"panel": NOTEBOOK, "stderr": STDERR}, timeout=timeout, polling=250
        )
    except PlaywrightTimeout:
        raise AssertionError(
            f"the notebook did not finish running within {timeout / 1000:.0f} s: {notebook_state(page)}"
        ) from None


def stderr_texts(page) -> list[str]:
    """Text of every red (stderr/error) output box in the open notebook."""
    return page.locator(f"{NOTEBOOK} {STDERR}").all_inner_texts()


def looks_like_error(text: str) -> bool:
    """Whether a red output box is an error (a traceback or ``SomethingError: ...``).

    Warnings and progress bars also go to stderr; they are not errors.
    """
    if "Traceback" in text or "Cell In[" in text:
        return True
    return bool(re.search(r"^\s*[A-Za-z_.]*(Error|Exception|Failed|Exit)\b", text, re.M))


def save(page) -> None:
    """File > Save Notebook, and wait until the tab no longer shows unsaved changes."""
    menu(page, "File", "Save Notebook")
    page.wait_for_selector(".lm-TabBar-tab.jp-mod-current.jp-mod-dirty", state="detached", timeout=30_000)


def screenshot_notebook(page, target: Path, max_height: int = 16_000) -> Path:
    """Screenshot of the whole open notebook (the window is grown to fit every cell)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    measure = """(sel) => {
      const cells = [...document.querySelectorAll(sel + ' .jp-Notebook-cell')];
      if (!cells.length) return 0;
      return cells.at(-1).getBoundingClientRect().bottom - cells[0].getBoundingClientRect().top;
    }"""
    to_top = "(sel) => { const s = document.querySelector(sel + ' .jp-WindowedPanel-outer'); if (s) s.scrollTop = 0; }"
    try:
        height = page.evaluate(measure, NOTEBOOK)
        if height and size:
            page.set_viewport_size({"width": size["width"], "height": int(min(max_height, height + 200))})
        page.evaluate(to_top, NOTEBOOK)
        page.wait_for_timeout(300)
        page.screenshot(path=str(target))
    finally:
        if size:
            page.set_viewport_size(size)
    return target


def collapse_left_sidebar(page) -> None:
    """Hide the file browser so the notebook gets the full width."""
    current = page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
    if current.count():
        current.first.click()
        page.wait_for_selector(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current", state="detached")


def shutdown_kernels(server: LabServer) -> int:
    """Shut down every kernel the server runs (closing a page leaves them running)."""
    def call(method: str, path: str) -> bytes:
        req = urllib.request.Request(
            f"{server.base}{path}", method=method, headers={"Authorization": f"token {server.token}"}
        )
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.read()

    kernels = json.loads(call("GET", "/api/kernels"))
    for kernel in kernels:
        call("DELETE", f"/api/kernels/{kernel['id']}")
    return len(kernels)
