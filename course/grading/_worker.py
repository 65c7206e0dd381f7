"""A grading worker: the loop :func:`serve`, run in a process the engine forks (or as
``python -m course.grading._worker``).

Importing nbgrader and its dependencies costs seconds, so they are imported once (the
engine imports them before it forks its workers) and each worker then *forks* a fresh
child per submission, which runs ``nbgrader autograde`` in process. Jobs arrive as JSON
lines on stdin; one JSON line per job goes back on stdout.

In sandbox mode the worker runs in its own user, mount and network namespaces with the
course root, the package checkout, the Python environment and the whole grading folder
mounted read-only and learner data hidden; each child then enters a mount namespace of
its own and mounts only its own learner folder read-write. The worker is a child subreaper: after every job it
kills whatever the job left running (a kernel stuck in an endless loop, say).
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import subprocess
import sys
import time
import traceback

CLONE_NEWNS = 0x00020000
PR_SET_CHILD_SUBREAPER = 36
SANDBOX_FAILED = 97


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def _preload() -> None:
    # The expensive imports, done once; every forked child inherits them.
    import sqlite3  # noqa: F401

    import IPython  # noqa: F401
    import IPython.display  # noqa: F401
    import nbclient  # noqa: F401
    import nbconvert  # noqa: F401
    import nbformat  # noqa: F401
    import nbgrader.apps.autogradeapp  # noqa: F401
    import nbgrader.apps.nbgraderapp  # noqa: F401
    import nbgrader.converters.autograde  # noqa: F401
    import nbgrader.preprocessors  # noqa: F401
    import psutil  # noqa: F401
    import sqlalchemy  # noqa: F401
    import sqlalchemy.dialects.sqlite  # noqa: F401
    from jupyter_client import manager  # noqa: F401
    from nbconvert.preprocessors import execute  # noqa: F401

    from course.grading.gradebook import patch_nbgrader

    patch_nbgrader()


def _child(job: dict, sandbox: bool) -> int:
    own = job["own"]
    os.setsid()
    if sandbox:
        if _libc().unshare(CLONE_NEWNS) != 0:
            return SANDBOX_FAILED
        for cmd in (["mount", "--make-rprivate", "/"], ["mount", "--bind", own, own],
                    ["mount", "-o", "remount,bind,rw", own]):
            if subprocess.run(cmd, capture_output=True, check=False).returncode != 0:
                return SANDBOX_FAILED
    log = os.open(os.path.join(own, "nbgrader.log"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.chdir(own)
    os.environ.clear()
    os.environ.update(job["env"])
    sys.argv = ["nbgrader", *job["argv"]]
    from nbgrader.apps.nbgraderapp import NbGraderApp

    try:
        NbGraderApp.launch_instance(argv=job["argv"])
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


def _kill_leftovers() -> None:
    """Kill every descendant still running (the worker is a subreaper), then reap."""
    try:
        import psutil

        for proc in psutil.Process().children(recursive=True):
            try:
                proc.kill()
            except psutil.Error:
                pass
    except ImportError:  # pragma: no cover - psutil comes with ipykernel
        pass
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.05)
            try:
                import psutil

                if not psutil.Process().children():
                    return
            except ImportError:  # pragma: no cover
                return


def run_job(job: dict, sandbox: bool) -> dict:
    """Fork a child for one job and wait for it (at most ``job['timeout']`` seconds)."""
    start = time.perf_counter()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # child
        code = 1
        try:
            code = _child(job, sandbox)
        except BaseException:  # noqa: BLE001 - report anything, never return into the worker loop
            traceback.print_exc()
        finally:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code if isinstance(code, int) else 1)
    deadline = start + float(job["timeout"])
    timed_out = False
    status = 0
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.perf_counter() > deadline:
            timed_out = True
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(pid, 0)
            break
        time.sleep(0.05)
    _kill_leftovers()
    rc = os.waitstatus_to_exitcode(status) if not timed_out else -9
    return {"rc": rc, "timed_out": timed_out, "seconds": time.perf_counter() - start}


def main() -> None:
    """Serve jobs from stdin until it closes (as a program of its own)."""
    serve(os.environ.get("COURSE_WORKER_SANDBOX") == "1")


def serve(sandbox: bool) -> None:
    """Preload, say ready, then run the jobs that arrive on stdin until it closes."""
    _libc().prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    _preload()
    out = sys.stdout
    out.write(json.dumps({"ready": True}) + "\n")
    out.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        job = json.loads(line)
        try:
            result = run_job(job, sandbox)
        except Exception as exc:  # noqa: BLE001
            result = {"rc": 1, "timed_out": False, "seconds": 0.0, "error": repr(exc)}
        out.write(json.dumps(result) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
