"""A fork server for grading kernels (one per grading worker).

Starting a Python kernel and importing the course's libraries costs about a second per
submission, more than grading a literal answer. The zygote imports them once, with the
kernel's environment, and then forks a fresh kernel for every notebook nbgrader runs:

    nbgrader (job) --starts--> launcher (:mod:`._launch`) --asks--> zygote --forks--> monitor --forks--> kernel

* The **monitor** (one per kernel) makes the kernel's PID and mount namespaces and its
  root file system (:func:`.sandbox.build_kernel_root`), forwards interrupts from the
  launcher, watches the memory of every process of the submission
  (:func:`.sandbox.tree_memory`) and kills the kernel (so its whole PID namespace) when
  the launcher goes away, the submission's memory budget is exceeded, or it is told to.
* The **kernel** is PID 1 of its namespace: it enters its root, gives up root
  (:func:`.sandbox.drop_privileges`), takes its limits and an allow-listed environment,
  and runs an ordinary IPython kernel on the connection file nbgrader wrote.

The zygote is a freshly executed program (``python -m course.grading._zygote``), not a
fork of the engine: its memory, and so every kernel's, holds nothing of the
facilitator's process (no environment, no solutions, no other learner's notebook). Its
socket lives in the worker's private folder, which kernels cannot see.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import select
import signal
import socket
import sys
import time
import traceback
from pathlib import Path

from . import sandbox

__all__ = ["serve"]

POLL = 0.1


def _preload(modules: list[str]) -> None:
    for name in ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "jupyter_client.session",
                 "zmq", "IPython.core.interactiveshell", *modules):
        with contextlib.suppress(Exception):
            importlib.import_module(name)


def serve(listener: socket.socket, cfg: dict) -> None:
    """Import what kernels need, then fork a monitored kernel per connection, forever."""
    home = Path(cfg["zygote_home"])
    if cfg["sandbox"]:
        sandbox.mount("course-zygote", home, "tmpfs", sandbox.MS_NOSUID | sandbox.MS_NODEV, "size=64m,mode=700")
    home.mkdir(parents=True, exist_ok=True)
    os.chdir(home)
    _preload(cfg.get("preload", []))
    signal.signal(signal.SIGCHLD, lambda *_: _reap())
    while True:
        try:
            conn, _ = listener.accept()
        except InterruptedError:
            continue
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                listener.close()
                code = _monitor(conn, cfg)
            except BaseException:  # noqa: BLE001 - never return into the accept loop
                with contextlib.suppress(Exception):
                    conn.sendall((json.dumps({"error": traceback.format_exc(limit=3)[-500:]}) + "\n").encode())
            finally:
                os._exit(code)
        conn.close()


def _reap() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _send(conn: socket.socket, msg: dict) -> None:
    with contextlib.suppress(OSError):
        conn.sendall((json.dumps(msg) + "\n").encode())


def _monitor(conn: socket.socket, cfg: dict) -> int:
    """One kernel: build its sandbox, start it, watch it, report how it ended."""
    buf = b""
    while b"\n" not in buf:
        chunk = conn.recv(65536)
        if not chunk:
            return 1
        buf += chunk
    line, buf = buf.split(b"\n", 1)
    req = json.loads(line)
    connection = Path(req["connection_file"]).read_bytes()
    spec = sandbox.KernelRoot(
        cwd=Path(req["cwd"]),
        read_only=[Path(p) for p in cfg["read_only"]],
        scratch_mb=int(cfg["disk_mb"]),
        files={"/run/kernel/kernel.json": connection},
        copy_dirs={f"/home/learner/{name}": Path(cfg["zygote_home"]) / name
                   for name in (".matplotlib",) if (Path(cfg["zygote_home"]) / name).is_dir()},
    )
    mnt = Path(cfg["kernel_mnt"])
    if cfg["sandbox"]:
        sandbox.unshare(sandbox.CLONE_NEWNS | sandbox.CLONE_NEWPID)
        sandbox.build_kernel_root(mnt, spec)
        if cfg["separate_uid"]:
            sandbox.chown_scratch(mnt, spec, sandbox.SANDBOX_UID)
    else:
        work = Path(cfg["zygote_home"]).parent / f"kernel-{os.getpid()}"
        (work / "home").mkdir(parents=True)
        (work / "kernel.json").write_bytes(connection)
    err_r, err_w = os.pipe()
    kernel = os.fork()
    if kernel == 0:
        os.close(err_r)
        code = 1
        try:
            conn.close()
            if cfg["sandbox"]:
                _kernel(mnt, spec, cfg, err_w, "/run/kernel/kernel.json", spec.home)
            else:
                _kernel(None, spec, cfg, err_w, str(work / "kernel.json"), str(work / "home"))
            code = 0
        except BaseException:  # noqa: BLE001
            with contextlib.suppress(OSError):
                os.write(err_w, traceback.format_exc(limit=4)[-800:].encode())
        finally:
            os._exit(code)
    os.close(err_w)
    _send(conn, {"pid": kernel})
    reason, status = _watch(conn, kernel, cfg, buf)
    setup_error = b""
    with contextlib.suppress(OSError):
        setup_error = os.read(err_r, 2000)
    if setup_error and not reason:
        reason = "sandbox: " + setup_error.decode(errors="replace").strip().splitlines()[-1][:300]
    _send(conn, {"exit": os.waitstatus_to_exitcode(status), "reason": reason})
    return 0


def _watch(conn: socket.socket, kernel: int, cfg: dict, pending: bytes) -> tuple[str, int]:
    """Until the kernel ends: forward interrupts, enforce the memory budget, notice the
    launcher going away. Returns why the monitor stopped the kernel ("" if it did not)
    and the kernel's wait status.
    """
    budget = int(cfg["memory_mb"]) * 2**20
    buf = pending
    next_check = 0.0
    reason = ""
    while True:
        done, status = os.waitpid(kernel, os.WNOHANG)
        if done:
            return reason, status
        if reason:  # killed: wait for it
            _, status = os.waitpid(kernel, 0)
            return reason, status
        ready, _, _ = select.select([conn], [], [], POLL)
        if ready:
            try:
                chunk = conn.recv(4096)
            except OSError:
                chunk = b""
            if not chunk:
                _kill(kernel)
                reason = "the grading kernel's launcher went away"
                continue
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                if line.strip() == b"INT":
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(kernel, signal.SIGINT)
                elif line.strip() == b"KILL":
                    _kill(kernel)
                    reason = "stopped by nbgrader"
        now = time.monotonic()
        if now >= next_check:
            next_check = now + POLL
            used = sandbox.tree_memory(kernel, budget)
            if used > budget:
                _kill(kernel)
                reason = (f"memory: the submission's processes used {used / 2**20:.0f} MB together "
                          f"(limit {budget / 2**20:.0f} MB)")


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _kernel(mnt: Path | None, spec: sandbox.KernelRoot, cfg: dict, err_w: int, connection_file: str, home: str) -> None:
    """PID 1 of the submission: enter the sandbox, then run the IPython kernel."""
    sandbox.libc().prctl(sandbox.PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if mnt is not None:
        sandbox.enter_kernel_root(mnt, spec)
    else:
        os.chdir(spec.cwd)
    sandbox.set_kernel_limits(int(cfg["memory_mb"]), int(cfg["file_mb"]), int(cfg["processes"]))
    if mnt is not None:
        sandbox.drop_privileges(cfg["separate_uid"])
    env = sandbox.kernel_env(home, Path(cfg["data_dir"]) if cfg.get("data_dir") else None,
                             {"COURSE_KERNEL_OUTPUT_MB": str(cfg["output_mb"])})
    os.environ.clear()
    os.environ.update(env)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    keep = {0, 1, 2, err_w}
    for fd in os.listdir("/proc/self/fd"):
        if int(fd) not in keep:
            with contextlib.suppress(OSError):
                os.close(int(fd))
    from ..offline import install_socket_guard
    from ._kernel import start_kernel

    install_socket_guard()
    start_kernel(["-f", connection_file], on_ready=lambda: os.close(err_w))


def main(argv: list[str] | None = None) -> None:
    """``python -m course.grading._zygote CONFIG.json LISTENING_FD WORKER_PID`` (started by a worker)."""
    argv = sys.argv[1:] if argv is None else argv
    sandbox.libc().prctl(sandbox.PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)  # gone with its worker
    if len(argv) > 2 and os.getppid() != int(argv[2]):
        return
    cfg = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    listener = socket.socket(fileno=int(argv[1]))
    serve(listener, cfg)


if __name__ == "__main__":
    main()
