"""Grading workers: long-lived processes that grade one submission at a time.

Importing nbgrader costs seconds, so the engine imports it once and *forks* each worker
(:class:`Worker`); a worker forks a fresh child per submission, which runs ``nbgrader
autograde`` in process. Jobs arrive as JSON lines on the worker's stdin; one JSON line
per job goes back on its stdout.

With the sandbox, a worker enters its namespaces right after the fork
(:func:`.sandbox.enter_worker`), starts its kernel zygote (:mod:`._zygote`), and each
submission's child enters a mount namespace in which only its own folder is writable
(:func:`.sandbox.enter_job`) and then gives up every capability. The worker is a child subreaper: after every job it kills
whatever the job left running.

Inside the child, nbclient is patched so that the kernel cannot decide its own score:
error outputs always reach the notebook (no hook, ``clear_output`` or widget can hide
them), grade cells keep no displayed values (nbgrader would read one as a score), and
output is capped per cell and per notebook.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import signal
import socket
import sys
import threading
import time
import traceback
from pathlib import Path

from . import sandbox

__all__ = ["Worker", "limit_outputs"]

PR_SET_CHILD_SUBREAPER = 36
OUTPUT_NOTICE = "[course grade: output past {what} was dropped]\n"


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


# --------------------------------------------------------------------------------------
# the kernel may not decide its own score
# --------------------------------------------------------------------------------------
def _size(content: dict) -> int:
    n = len(str(content.get("text", "")))
    for value in (content.get("data") or {}).values():
        n += len(value) if isinstance(value, str) else len(json.dumps(value))
    return n


def limit_outputs(cell_bytes: int, notebook_bytes: int) -> None:
    """Patch nbclient (in this process) so a kernel cannot flood or forge outputs."""
    from nbclient.client import NotebookClient
    from nbformat.v4 import new_output, output_from_msg

    if getattr(NotebookClient, "_course_limited", False):
        return
    original = NotebookClient.process_message

    def process_message(self, msg, cell, cell_index):  # type: ignore[no-untyped-def]
        kind = msg.get("msg_type", "")
        content = msg.get("content") or {}
        used = self.__dict__.setdefault("_course_used", {"total": 0})
        if kind == "error":  # always recorded, never through a hook
            content["traceback"] = [str(t)[:2000] for t in (content.get("traceback") or [])][-40:]
            content["evalue"] = str(content.get("evalue", ""))[:2000]
            content["ename"] = str(content.get("ename", ""))[:200]
            out = output_from_msg(msg)
            cell.outputs.append(out)
            return out
        if kind.startswith("comm"):
            return None  # no widget state, and no output hooks that could swallow an error
        if kind == "clear_output" and any(o.get("output_type") == "error" for o in cell.outputs):
            return None
        grade_cell = (cell.get("metadata", {}).get("nbgrader") or {}).get("grade")
        if kind in ("execute_result", "display_data", "update_display_data") and grade_cell:
            return None  # a grade cell's score comes only from passing or failing
        if kind in ("stream", "execute_result", "display_data", "update_display_data"):
            size = _size(content)
            key = f"cell-{cell_index}"
            here = used.get(key, 0) + size
            total = used["total"] + size
            if here > cell_bytes or total > notebook_bytes:
                if not used.get(f"{key}-cut"):
                    used[f"{key}-cut"] = True
                    what = "this cell's limit" if here > cell_bytes else "the notebook's limit"
                    cell.outputs.append(new_output("stream", name="stdout", text=OUTPUT_NOTICE.format(what=what)))
                return None
            used[key] = here
            used["total"] = total
        return original(self, msg, cell, cell_index)

    NotebookClient.process_message = process_message
    NotebookClient._course_limited = True


def _quicker_nbgrader() -> None:
    """Two of nbgrader's costs per submission that buy nothing here (same results).

    * nbgrader re-checks its own metadata JSON schema for every cell; a validator built
      once gives the same verdicts;
    * jupyter_client parses every message's dates, which only timing records use.
    """
    import jsonschema
    import jupyter_client.session
    from nbgrader.nbgraderformat import common

    validators: dict[int, object] = {}

    def validate_cell(self, cell):  # type: ignore[no-untyped-def]
        if "nbgrader" not in cell.metadata:
            return
        version = cell.metadata["nbgrader"].get("schema_version", 0)
        if version != self.schema_version:
            return original(self, cell)  # nbgrader's own errors for old or new schemas
        key = id(self.schema)
        if key not in validators:
            validators[key] = jsonschema.validators.validator_for(self.schema)(self.schema)
        validators[key].validate(cell.metadata["nbgrader"])

    original = common.BaseMetadataValidator.validate_cell
    common.BaseMetadataValidator.validate_cell = validate_cell
    jupyter_client.session.extract_dates = lambda obj: obj


# --------------------------------------------------------------------------------------
# one submission (a forked child of the worker)
# --------------------------------------------------------------------------------------
def _child(job: dict, use_sandbox: bool) -> int:
    own = job["own"]
    os.setsid()
    sandbox.libc().prctl(sandbox.PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if use_sandbox:
        try:
            sandbox.enter_job(Path(own))
            sandbox.drop_privileges(separate_uid=False)  # nbgrader needs no capability from here on
        except OSError:
            return sandbox.SANDBOX_FAILED
    log = os.open(os.path.join(own, "nbgrader.log"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.chdir(own)
    os.environ.clear()
    os.environ.update(job["env"])
    limit_outputs(int(job["cell_bytes"]), int(job["notebook_bytes"]))
    _quicker_nbgrader()
    sys.argv = ["nbgrader", *job["argv"]]
    from nbgrader.apps.nbgraderapp import NbGraderApp

    try:
        NbGraderApp.launch_instance(argv=job["argv"])
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


def _kill_leftovers(keep: int | None) -> None:
    """Kill every descendant still running except the zygote *keep* (the worker is a
    subreaper, so orphans are its children); the zygote's monitors go too.
    """
    import psutil

    me = psutil.Process()

    def running() -> list:
        out = []
        for proc in me.children(recursive=True):
            with contextlib.suppress(psutil.Error):
                if proc.pid != keep and proc.status() != psutil.STATUS_ZOMBIE:
                    out.append(proc)
        return out

    deadline = time.monotonic() + 10
    while True:
        left = running()
        for proc in left:
            with contextlib.suppress(psutil.Error):
                proc.kill()
        while True:  # reap our own orphans
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
        if not left or time.monotonic() > deadline:
            return
        time.sleep(0.02)


def run_job(job: dict, use_sandbox: bool, zygote: int | None) -> dict:
    """Fork a child for one job and wait for it (at most ``job['timeout']`` seconds)."""
    start = time.perf_counter()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # child
        code = 1
        try:
            code = _child(job, use_sandbox)
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
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            break
        time.sleep(0.02)
    _kill_leftovers(zygote)
    rc = os.waitstatus_to_exitcode(status) if not timed_out else -9
    return {"rc": rc, "timed_out": timed_out, "seconds": time.perf_counter() - start}


def serve(use_sandbox: bool, zygote: int | None) -> None:
    """Say ready, then run the jobs that arrive on stdin until it closes."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    out = sys.stdout
    out.write(json.dumps({"ready": True}) + "\n")
    out.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        job = json.loads(line)
        try:
            result = run_job(job, use_sandbox, zygote)
        except Exception as exc:  # noqa: BLE001
            result = {"rc": 1, "timed_out": False, "seconds": 0.0, "error": repr(exc)}
        out.write(json.dumps(result) + "\n")
        out.flush()


# --------------------------------------------------------------------------------------
# the worker process, seen from the engine
# --------------------------------------------------------------------------------------
class Worker:
    """One grading worker, forked from the engine's process once nbgrader is imported.

    Parameters
    ----------
    index : int
        Which worker (names its private folder and, as root, its sandbox uid).
    work : Path
        The grading run's temporary folder.
    cfg : dict
        ``read_only``, ``hidden``, ``sandbox``, ``separate_uid`` and the zygote's
        settings (see :func:`course.grading._zygote.serve`).

    """

    def __init__(self, index: int, work: Path, cfg: dict) -> None:
        self.index, self.work, self.cfg = index, work, cfg
        self.dir = work / f"worker-{index}"
        self.socket_path = self.dir / "zygote.sock"
        self.pid: int | None = None
        self.stdin = None
        self.stdout = None

    def start(self) -> None:
        """Fork the worker (it sets up its sandbox and zygote on its own)."""
        _preload()  # in this process, before forking: the workers inherit it
        for sub in ("zygote-home", "kernel-root"):
            (self.dir / sub).mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            self.socket_path.unlink()
        cfg = dict(self.cfg, zygote_home=str(self.dir / "zygote-home"), kernel_mnt=str(self.dir / "kernel-root"))
        (self.dir / "zygote.json").write_text(json.dumps(cfg), encoding="utf-8")
        jobs_r, jobs_w = os.pipe()
        out_r, out_w = os.pipe()
        sync_r, sync_w = os.pipe()
        ready_r, ready_w = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the worker
            status = 0
            try:
                os.setsid()
                os.dup2(jobs_r, 0)
                os.dup2(out_w, 1)
                log = os.open(self.dir / "worker.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
                os.dup2(log, 2)
                keep = {0, 1, 2, sync_r, ready_w}
                for fd in range(3, 4096):
                    if fd not in keep:
                        with contextlib.suppress(OSError):
                            os.close(fd)
                listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                listener.bind(str(self.socket_path))
                listener.listen(8)
                if cfg["sandbox"]:
                    sandbox.enter_worker([Path(p) for p in cfg["worker_read_only"]], [Path(p) for p in cfg["hidden"]],
                                         self.dir / "empty-file", sync=(sync_r, ready_w), own_maps=not cfg["separate_uid"])
                    sandbox.lock_user_namespaces()
                else:
                    os.close(sync_r)
                    os.close(ready_w)
                from ..offline import install_socket_guard

                install_socket_guard()
                zygote = self._spawn_zygote(listener, cfg, 2)
                listener.close()
                os.chdir(self.work)
                sys.stdin = open(0, encoding="utf-8")  # noqa: SIM115
                sys.stdout = open(1, "w", encoding="utf-8")  # noqa: SIM115
                sys.stderr = open(2, "w", encoding="utf-8")  # noqa: SIM115
                serve(cfg["sandbox"], zygote)
            except BaseException:  # noqa: BLE001 - never return into the parent's code
                status = 1
                with contextlib.suppress(Exception):
                    traceback.print_exc()
                    sys.stderr.flush()
            finally:
                os._exit(status)
        os.close(jobs_r)
        os.close(out_w)
        os.close(sync_r)
        os.close(ready_w)
        try:
            if os.read(ready_r, 1) and cfg["sandbox"] and cfg["separate_uid"]:
                sandbox.write_id_maps(pid, self.index)
        finally:
            os.close(ready_r)
            os.close(sync_w)
        self.pid = pid
        self.stdin = os.fdopen(jobs_w, "w", encoding="utf-8")
        self.stdout = os.fdopen(out_r, "r", encoding="utf-8")

    def _spawn_zygote(self, listener: socket.socket, cfg: dict, log: int) -> int:
        """Execute the zygote (a fresh program: nothing of this process's memory)."""
        import subprocess

        env = sandbox.kernel_env(cfg["zygote_home"], Path(cfg["data_dir"]) if cfg.get("data_dir") else None)
        proc = subprocess.Popen(
            [sys.executable, "-m", "course.grading._zygote", str(self.dir / "zygote.json"), str(listener.fileno()),
             str(os.getpid())],
            env=env, pass_fds=(listener.fileno(),), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log,
            cwd="/",
        )
        return proc.pid

    def wait_ready(self) -> None:
        """Block until the worker has set up (raises if it could not)."""
        line = self.stdout.readline() if self.stdout else ""
        if not line:
            raise RuntimeError("a grading worker did not start" + (" (sandbox set-up failed?)" if self.cfg["sandbox"] else ""))

    def alive(self) -> bool:
        """Whether the worker process is still running."""
        if self.pid is None:
            return False
        try:
            done, _ = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:
            return False
        return done == 0

    def run(self, job: dict, timeout: float) -> dict:
        """Send one job and wait for its result (restarting a dead worker first)."""
        if not self.alive():
            self.stop()
            self.start()
            self.wait_ready()
        result: dict = {}

        def talk() -> None:
            try:
                self.stdin.write(json.dumps(job) + "\n")
                self.stdin.flush()
                line = self.stdout.readline()
            except OSError:
                return
            if line:
                result.update(json.loads(line))

        t = threading.Thread(target=talk, daemon=True)
        t.start()
        t.join(timeout)
        if t.is_alive() or not result:
            self.stop()  # a wedged worker is replaced on the next job
            return {"timed_out": True} if t.is_alive() else {"error": "the grading worker stopped unexpectedly"}
        return result

    def stop(self) -> None:
        """Kill the worker, its zygote and everything below them."""
        if self.pid is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        for f in (self.stdin, self.stdout):
            with contextlib.suppress(OSError, AttributeError):
                f.close()
        self.pid = None
