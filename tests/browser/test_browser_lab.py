"""`course lab` (what `make lab` and the conda route run) shows no "Jupyter news" pop-up.

The pop-up comes from JupyterLab 4's announcements plugin, which asks once per user; the
`--LabApp.news_url=None` flag alone does not stop it. The control run (the same flags
without the course's page config) shows that this test would see the pop-up if it came.
"""

from __future__ import annotations

import re
import secrets
import subprocess
import time
import urllib.request

import pytest
from labdriver import ROOT, free_port, stop_process

from course.lab import lab_command, lab_env
from course.offline import offline_env

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NEWS = re.compile("official Jupyter news", re.I)


def _start(tmp, with_course_config: bool):
    """A fresh `course lab` server with a new user (no settings saved), or the control."""
    port, token = free_port(), secrets.token_hex(8)
    home = tmp / ("course" if with_course_config else "control")
    dirs = {k: home / k for k in ("config", "data", "runtime", "settings", "workspaces")}
    for d in dirs.values():
        d.mkdir(parents=True)
    env = offline_env()
    env.update(JUPYTER_CONFIG_DIR=str(dirs["config"]), JUPYTER_DATA_DIR=str(dirs["data"]),
               JUPYTER_RUNTIME_DIR=str(dirs["runtime"]), JUPYTER_PLATFORM_DIRS="1")
    env.pop("JUPYTER_CONFIG_PATH", None)
    if with_course_config:
        env = lab_env(env)
    cmd = lab_command([
        "--no-browser", f"--port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
        f"--LabApp.user_settings_dir={dirs['settings']}", f"--LabApp.workspaces_dir={dirs['workspaces']}",
    ], root=ROOT, notebook=None)
    log = (home / "lab.log").open("w")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                return proc, f"{base}/lab?reset&token={token}", base
        except OSError:
            time.sleep(0.3)
    stop_process(proc)
    raise AssertionError(f"JupyterLab did not start:\n{(home / 'lab.log').read_text()[-2000:]}")


def _news_popup_shown(chromium, url: str, base: str, wait_s: float) -> float | None:
    """Seconds from JupyterLab's main area appearing to the news pop-up appearing, or None
    if it did not appear within *wait_s*."""
    context = chromium.new_context(viewport={"width": 1300, "height": 850})
    context.route(re.compile(rf"^(?!{re.escape(base)}/)"), lambda route: route.abort())
    page = context.new_page()
    try:
        page.goto(url)
        page.wait_for_selector("#jp-main-dock-panel", timeout=90_000)
        started = time.monotonic()
        try:
            page.get_by_text(NEWS).first.wait_for(state="visible", timeout=wait_s * 1000)
            return time.monotonic() - started
        except Exception:  # playwright's TimeoutError: nothing appeared
            return None
    finally:
        context.close()


def _watch_for_news(chromium, tmp, with_course_config: bool, wait_s: float) -> float | None:
    """Start a lab (the course's, or the control), watch a fresh page for the pop-up, stop it."""
    proc, url, base = _start(tmp, with_course_config)
    try:
        return _news_popup_shown(chromium, url, base, wait_s)
    finally:
        stop_process(proc)


@pytest.mark.slow
def test_course_lab_shows_no_news_popup_and_the_control_does(chromium, tmp_path):
    # The control first: how long its pop-up takes to come sets how long the course lab is
    # watched (three times as long, at least 5 s) instead of a fixed guess.
    control = _watch_for_news(chromium, tmp_path, with_course_config=False, wait_s=25.0)
    assert control is not None, "control (plain flags): news pop-up not shown within 25 s"
    course = _watch_for_news(chromium, tmp_path, with_course_config=True, wait_s=max(5.0, 3 * control))
    assert course is None, f"course lab: news pop-up shown after {course:.1f} s"
