"""`make lab ARGS=...` starts JupyterLab on loopback, opened at module 00, headless-friendly,
with the news pop-up switched off (the same settings as `course lab`, the conda route)."""

import html
import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from helpers import ROOT

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_lab_headless(tmp_path):
    port, token = _free_port(), "course-test-token"
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    proc = subprocess.Popen(
        ["make", "--no-print-directory", "lab", f"ARGS=--no-browser --port={port} --IdentityProvider.token={token}"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    try:
        status = None
        deadline = time.time() + 120
        while time.time() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2) as r:
                    status = json.load(r)
                    break
            except OSError:
                time.sleep(0.5)
        assert status is not None, f"JupyterLab did not start (exit {proc.poll()})"
        # The token is enforced, and the course notebook is served.
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents/modules", timeout=5)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents/modules/00_welcome_lesson.ipynb?token={token}&content=0", timeout=5) as r:
            assert json.load(r)["name"] == "00_welcome_lesson.ipynb"
        # The page JupyterLab sends the browser disables the plugin behind the
        # "get notified about official Jupyter news?" pop-up, and turns the feed off.
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={token}", timeout=10) as r:
            page = r.read().decode("utf-8")
        config = json.loads(html.unescape(re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', page, re.S).group(1)))
        assert "@jupyterlab/apputils-extension:announcements" in config["disabledExtensions"]
        assert config["news"] == {"disabled": True}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            out, _ = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, _ = proc.communicate()
    # Loopback only, opened at module 00, no update/news/extension-store fetches.
    assert "--ServerApp.ip=127.0.0.1" in out and "modules/00_welcome_lesson.ipynb" in out
    assert "extension_manager=readonly" in out and "NeverCheckForUpdate" in out
    assert f"127.0.0.1:{port}/lab" in out
