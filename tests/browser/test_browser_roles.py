"""Learners and facilitators see the right tools, in a real browser.

`make lab` (learners): nbgrader's formgrader, "Create Assignment" and course list are gone
from JupyterLab (menu, sidebar, page config) and the formgrader's pages answer 404.
`course facilitate` (`make facilitate`), run in a copy of the course: the browser lands on
the formgrader, which shows no "exchange directory does not exist" warning on one machine,
and JupyterLab has every nbgrader tool.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from labdriver import ROOT, free_port, stop_process

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TOKEN = "course-roles-test-token"


def _flags(port: int) -> str:
    return f"--no-browser --port={port} --IdentityProvider.token={TOKEN} --ServerApp.port_retries=0"


class Server:
    """A JupyterLab started the way a person would (``make lab``, ``course facilitate``),
    with its own Jupyter config/runtime/data folders. *cmd* gets the port."""

    def __init__(self, cmd, cwd: Path, home: Path) -> None:
        self.port = free_port()
        home.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTER_RUNTIME_DIR=str(home / "runtime"),
                   JUPYTER_DATA_DIR=str(home / "data"), JUPYTER_PLATFORM_DIRS="1")
        env.pop("JUPYTER_CONFIG_PATH", None)
        env.pop("COURSE_ROOT", None)
        self.log = (home / "server.log").open("w", encoding="utf-8")
        self.proc = subprocess.Popen(cmd(self.port), cwd=cwd, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        self.home = home
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"server exited: {(home / 'server.log').read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.base}/api/status?token={TOKEN}", timeout=2):
                    return
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise AssertionError("server did not start")

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        stop_process(self.proc, grace=30)
        self.log.close()


@pytest.fixture
def page_for(chromium):
    contexts = []

    def make(server: Server):
        ctx = chromium.new_context(viewport={"width": 1400, "height": 900})
        ctx.set_default_timeout(60_000)
        blocked: list[str] = []
        ctx.route(re.compile(rf"^(?!{re.escape(server.base)}/)"), lambda route: (blocked.append(route.request.url), route.abort()))
        contexts.append((ctx, blocked))
        return ctx.new_page()

    yield make
    for ctx, blocked in contexts:
        ctx.close()
        assert not blocked, f"the page tried to reach the network: {blocked[:5]}"


def _nbgrader_menu(page) -> list[str]:
    page.wait_for_selector("#jp-main-dock-panel")
    menu = page.locator(".lm-MenuBar-itemLabel").filter(has_text=re.compile("^Nbgrader$"))
    menu.wait_for(state="visible")
    menu.click()
    page.wait_for_selector(".lm-Menu .lm-Menu-itemLabel")
    items = [t.strip() for t in page.locator(".lm-Menu .lm-Menu-itemLabel").all_inner_texts() if t.strip()]
    page.keyboard.press("Escape")
    return items


def _right_sidebar(page) -> list[str]:
    return [t.get_attribute("title") or "" for t in page.locator(".jp-SideBar.jp-mod-right .lm-TabBar-tab").all()]


def test_make_lab_hides_the_instructor_tools(page_for, tmp_path):
    server = Server(lambda port: ["make", "--no-print-directory", "lab", f"ARGS={_flags(port)}"], ROOT,
                    tmp_path / "learner")
    try:
        page = page_for(server)
        page.goto(f"{server.base}/lab?token={TOKEN}")
        items = _nbgrader_menu(page)
        assert items == ["Assignment List"], items
        assert not [t for t in _right_sidebar(page) if "Create Assignment" in t]
        config = json.loads(page.locator("#jupyter-config-data").text_content())
        assert {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                "@jupyter/nbgrader:course-list"} <= set(config["disabledExtensions"])
        for path in ("/formgrader", "/formgrader/manage_assignments"):
            assert page.request.get(f"{server.base}{path}").status == 404, path
    finally:
        server.stop()


def test_course_facilitate_opens_the_formgrader_without_an_exchange_warning(page_for, tmp_path):
    copy = tmp_path / "cohort"
    copy.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", copy)
    shutil.copytree(ROOT / "solutions" / "00_welcome", copy / "solutions" / "00_welcome")
    server = Server(lambda port: [sys.executable, "-m", "course", "facilitate", "--", *_flags(port).split()], copy,
                    tmp_path / "facilitator")
    try:
        exchange = copy / ".exchange"
        assert exchange.is_dir() and stat.S_IMODE(exchange.stat().st_mode) == 0o700
        page = page_for(server)
        page.goto(f"{server.base}/?token={TOKEN}")
        page.wait_for_url(re.compile(r"/formgrader"))
        page.get_by_text("Manage Assignments").first.wait_for()
        assert page.locator("#warning-exchange").count() == 0
        assert "does not exist" not in page.content()
        page.goto(f"{server.base}/lab")
        items = _nbgrader_menu(page)
        assert {"Formgrader", "Create assignment", "Course List", "Assignment List"} <= set(items), items
        assert any("Create Assignment" in t for t in _right_sidebar(page))
        first = (tmp_path / "facilitator" / "server.log").read_text(encoding="utf-8").splitlines()[0]
        assert first == f"Course folder: {copy.resolve()} (nearest folder with nbgrader_config.py)"
    finally:
        server.stop()
