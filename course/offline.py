"""Keep everything the course runs off the network.

Two layers:

* :func:`offline_command` wraps a command so that it runs in a fresh network
  namespace (``unshare -rn`` with only loopback up). Kernels started inside it
  cannot reach anything but 127.0.0.1. This is what the tests and the grading
  tools use for every notebook they execute.
* Where ``unshare`` is unavailable (some containers, macOS), the same call falls
  back to a socket guard: a ``sitecustomize`` module put on ``PYTHONPATH`` that
  refuses every non-loopback connection in the Python processes it starts
  (including kernels). :func:`install_socket_guard` is that guard.

Nothing here runs at import time.
"""

from __future__ import annotations

import functools
import ipaddress
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

__all__ = [
    "NetworkRefused",
    "install_socket_guard",
    "isolation_mode",
    "offline_command",
    "offline_env",
]

GUARD_ENV = "COURSE_OFFLINE_GUARD"
MODE_ENV = "COURSE_OFFLINE_MODE"  # "auto" (default), "unshare" or "guard"
_SITE_DIR = Path(__file__).with_name("_offline_site")
_UNSHARE_SCRIPT = 'ip link set lo up 2>/dev/null || true; exec "$@"'


class NetworkRefused(ConnectionRefusedError):
    """Raised by the socket guard for any connection that leaves this machine."""


def _is_loopback(host: object) -> bool:
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def install_socket_guard() -> None:
    """Refuse every outbound connection that is not to loopback, in this process.

    Unix-domain sockets and loopback TCP (the kernel's own channels) still work.
    """
    if getattr(socket, "_course_guarded", False):
        return
    original_connect = socket.socket.connect
    original_connect_ex = socket.socket.connect_ex

    def _check(sock: socket.socket, address: object) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            host = address[0] if isinstance(address, tuple) else address
            if not _is_loopback(host):
                raise NetworkRefused(
                    f"The course runs offline: a connection to {host} was refused."
                )

    def connect(self, address):  # type: ignore[no-untyped-def]
        _check(self, address)
        return original_connect(self, address)

    def connect_ex(self, address):  # type: ignore[no-untyped-def]
        _check(self, address)
        return original_connect_ex(self, address)

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    socket._course_guarded = True  # type: ignore[attr-defined]


@functools.lru_cache(maxsize=1)
def _unshare_works() -> bool:
    if not sys.platform.startswith("linux") or shutil.which("unshare") is None:
        return False
    try:
        done = subprocess.run(
            ["unshare", "-rn", "true"], capture_output=True, timeout=20, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def isolation_mode() -> str:
    """``"unshare"`` when network namespaces work here, else ``"guard"``."""
    wanted = os.environ.get(MODE_ENV, "auto")
    if wanted == "guard":
        return "guard"
    if wanted == "unshare" or _unshare_works():
        if not _unshare_works():
            raise RuntimeError(f"{MODE_ENV}=unshare but 'unshare -rn' does not work here")
        return "unshare"
    return "guard"


def offline_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """An environment whose Python processes load the socket guard at start-up."""
    env = dict(os.environ if env is None else env)
    env[GUARD_ENV] = "1"
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(_SITE_DIR), env.get("PYTHONPATH", "")) if p
    )
    # Libraries that honour these never try the network either.
    env.setdefault("HF_HUB_OFFLINE", "1")
    env.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
    return env


def offline_command(
    cmd: list[str], env: dict[str, str] | None = None
) -> tuple[list[str], dict[str, str]]:
    """Return ``(command, environment)`` that runs *cmd* with the network refused.

    In ``unshare`` mode the command runs in its own network namespace with only
    loopback up; the socket guard is loaded as well, so both layers apply.
    """
    env = offline_env(env)
    if isolation_mode() == "unshare":
        return ["unshare", "-rn", "sh", "-c", _UNSHARE_SCRIPT, "sh", *cmd], env
    return list(cmd), env
