"""The course never touches the network: kernels are isolated, in-process code is guarded."""

import socket
import subprocess
import sys

import nbformat
import pytest
from pytest_socket import SocketConnectBlockedError

from course import offline
from helpers import execute_notebook

# TEST-NET-3 (RFC 5737): never routed, so this can never reach a real host.
OUTSIDE = ("203.0.113.10", 80)

PROBE = f"""
import socket
s = socket.socket()
s.settimeout(5)
try:
    s.connect({OUTSIDE!r})
    print("CONNECTED")
except OSError as exc:
    print("REFUSED", type(exc).__name__, exc)
"""


def _probe_notebook(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PROBE)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "probe.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.mark.notebooks
@pytest.mark.parametrize("mode", ["auto", "guard"])
def test_kernel_cannot_connect_outside(tmp_path, monkeypatch, mode):
    monkeypatch.setenv(offline.MODE_ENV, mode)
    status, nb, err = execute_notebook(_probe_notebook(tmp_path), tmp_path)
    assert status == 0, err
    text = "".join(o.get("text", "") for o in nb.cells[0].outputs)
    assert "REFUSED" in text and "CONNECTED" not in text


def test_unshare_is_used_where_available():
    # On the Linux machines the course is tested on, the stronger isolation must be in force.
    if sys.platform.startswith("linux") and subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode == 0:
        assert offline.isolation_mode() == "unshare"
        cmd, env = offline.offline_command(["python", "-V"])
        assert cmd[:2] == ["unshare", "-rn"] and env[offline.GUARD_ENV] == "1"
    else:
        assert offline.isolation_mode() == "guard"


def test_socket_guard_refuses_outside_allows_loopback():
    code = f"""
import socket
from course.offline import install_socket_guard, NetworkRefused
install_socket_guard()
srv = socket.socket(); srv.bind(("127.0.0.1", 0)); srv.listen()
c = socket.socket(); c.connect(srv.getsockname()); print("loopback ok")
try:
    socket.socket().connect({OUTSIDE!r})
except NetworkRefused:
    print("outside refused")
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.split("\n")[:2] == ["loopback ok", "outside refused"], done.stderr


def test_pytest_process_is_guarded_too():
    with pytest.raises(SocketConnectBlockedError):
        socket.create_connection(OUTSIDE, timeout=2)
