"""Parallel, isolated autograding: the engine behind ``course grade``.

How one submission is graded
----------------------------
1. *Check* it in the parent process (nothing of the learner's runs here): a missing or
   renamed notebook, a file that is not a notebook (invalid JSON), a notebook from
   another assignment, deleted or edited locked cells. Unreadable submissions and
   notebooks from other assignments are reported and not graded; a renamed notebook is
   graded under its proper name; deleted cells are restored from the release and edited
   locked cells are restored by nbgrader, and both are reported.
2. *Copy* only that learner's submission into a private temporary course folder with its
   own SQLite gradebook (a copy of a template holding just the assignment).
3. *Run* ``nbgrader autograde`` there, in a process of its own (forked from a worker,
   :mod:`course.grading._worker`, that has nbgrader imported already), with a per-cell
   timeout and a time limit for the whole submission; whatever it leaves running is
   killed. The kernel is :mod:`course.grading._kernel`, which caps memory
   (``RLIMIT_AS``), file size and printed output. Where Linux namespaces work (the
   default on this course's machines), it runs with no network, with the course root, the package checkout and every other
   learner's folder mounted read-only, and with ``submitted/``, ``autograded/``,
   ``feedback/``, ``collected/`` and the SQLite gradebook hidden (empty): learner code
   can neither change nor read the real gradebook or another learner's files.
4. *Merge*: the parent process alone reads the private gradebook and writes the scores
   into the real gradebook (SQLite or PostgreSQL), and copies the autograded notebook
   back. One writer, so parallel workers cannot corrupt the gradebook.

Nothing under ``submitted/`` is ever modified.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from .. import _paths
from ..offline import offline_env
from . import GradeReport, Problem
from .gradebook import generate, resolve_db_url

__all__ = [
    "Job",
    "Limits",
    "grade",
    "isolation_available",
    "precheck",
]

GRADE_ID = re.compile(r"^m(\d\d)_")
HIDDEN = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS[^\n]*\n?", re.S | re.M)

# Reasons shown to facilitators (tests assert on these prefixes).
R_MISSING = "notebook missing"
R_RENAMED = "notebook was renamed"
R_INVALID = "not a valid notebook file (damaged or not JSON)"
R_NOT_NOTEBOOK = "not a Jupyter notebook"
R_OTHER_ASSIGNMENT = "notebook from another assignment"
R_NO_GRADED_CELLS = "no graded cells of this assignment found"
R_DELETED = "cells deleted by the learner"
R_EDITED = "locked cells edited by the learner"
R_TIMEOUT = "a cell ran too long and was stopped (endless loop?)"
R_MEMORY = "a cell ran out of memory"
R_OUTPUT = "a cell printed too much; output was cut"
R_BLOCKED = "learner code tried to write outside its own folder and was blocked"
R_DEAD = "the learner's code crashed the Python kernel"
R_LEARNER_TIMEOUT = "grading this submission took too long and was stopped"
R_NBGRADER = "nbgrader could not grade it"
R_ISOLATION = "the grading sandbox could not be set up"

_SANDBOX_SCRIPT = r"""
ip link set lo up 2>/dev/null || true
mount --make-rprivate / 2>/dev/null || true
n=$1; shift
i=0
while [ "$i" -lt "$n" ]; do
  d=$1; shift; i=$((i + 1))
  mount --bind "$d" "$d" && mount -o remount,bind,ro "$d" || exit 97
done
n=$1; empty=$2; shift 2
i=0
while [ "$i" -lt "$n" ]; do
  d=$1; shift; i=$((i + 1))
  if [ -d "$d" ]; then
    mount -t tmpfs -o ro,size=4k course-hidden "$d" || exit 97
  elif [ -f "$d" ]; then
    mount --bind "$empty" "$d" && mount -o remount,bind,ro "$d" || exit 97
  fi
done
exec "$@"
"""
SANDBOX_FAILED = 97


@dataclass
class Limits:
    """Resource limits for learner code.

    Attributes
    ----------
    cell_timeout : float
        Seconds one cell may run before it is interrupted.
    memory_mb : int
        Address-space limit of the kernel (``RLIMIT_AS``), in MB.
    output_mb : float
        What one cell may print before the rest is dropped, in MB.
    file_mb : int
        Largest file learner code may write, in MB.
    learner_timeout : float or None
        Seconds for a whole submission (default: derived from *cell_timeout*).
    """

    cell_timeout: float = 60
    memory_mb: int = 4096
    output_mb: float = 1
    file_mb: int = 50
    learner_timeout: float | None = None

    def submission_timeout(self, code_cells: int) -> float:
        """The backstop for one whole submission."""
        if self.learner_timeout:
            return self.learner_timeout
        return 120 + 3 * self.cell_timeout + 2 * code_cells


@dataclass
class Job:
    """One learner's submission of one assignment, as prepared for grading."""

    student: str
    assignment: str
    notebooks: dict[str, dict] = field(default_factory=dict)  # name -> notebook JSON to grade
    warnings: list[str] = field(default_factory=list)
    problem: str | None = None


@dataclass
class _Prepared:
    assignment: str
    template_db: Path
    release: dict[str, dict]  # notebook name -> release notebook JSON
    support_dir: Path  # non-notebook files of the source folder
    code_cells: int


# --------------------------------------------------------------------------------------
# checks before grading
# --------------------------------------------------------------------------------------
def _grade_ids(nb: dict) -> list[str]:
    out = []
    for cell in nb.get("cells", []):
        gid = (cell.get("metadata", {}).get("nbgrader") or {}).get("grade_id")
        if gid:
            out.append(gid)
    return out


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def _assignment_for_prefix(prefix: str, known: list[str]) -> str:
    for name in known:
        if name.startswith(prefix + "_"):
            return name
    return f"module {prefix}"


def _read_notebook(path: Path) -> tuple[dict | None, str | None]:
    try:
        raw = path.read_bytes()
        nb = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, f"{path.name}: {R_INVALID}: {str(exc)[:100]}"
    except OSError as exc:
        return None, f"{path.name} could not be read: {exc}"
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        return None, f"{path.name}: {R_NOT_NOTEBOOK} (no cells)"
    return nb, None


def _restore_missing(nb: dict, release: dict, missing: set[str]) -> None:
    """Put cells the learner deleted back, in release order, from the release notebook."""
    position = {gid: i for i, gid in enumerate(_grade_ids(nb))}
    cells = nb["cells"]
    index_of = {}
    for i, cell in enumerate(cells):
        gid = (cell.get("metadata", {}).get("nbgrader") or {}).get("grade_id")
        if gid:
            index_of[gid] = i
    del position
    previous: str | None = None
    for cell in release["cells"]:
        gid = (cell.get("metadata", {}).get("nbgrader") or {}).get("grade_id")
        if not gid:
            continue
        if gid in missing:
            at = index_of[previous] + 1 if previous in index_of else 0
            cells.insert(at, json.loads(json.dumps(cell)))
            index_of = {}
            for i, c in enumerate(cells):
                g = (c.get("metadata", {}).get("nbgrader") or {}).get("grade_id")
                if g:
                    index_of[g] = i
        previous = gid


def precheck(folder: Path, student: str, assignment: str, release: dict[str, dict], known: list[str]) -> Job:
    """Check one submission folder without running any of it.

    Parameters
    ----------
    folder : Path
        ``submitted/STUDENT/ASSIGNMENT``.
    student, assignment : str
    release : dict
        ``{notebook file name: release notebook JSON}`` of the assignment.
    known : list of str
        All assignment names (to name the one a stray notebook belongs to).

    Returns
    -------
    Job
        With ``problem`` set when it cannot be graded, else the notebooks to grade and
        any warnings.
    """
    job = Job(student, assignment)
    present = sorted(p.name for p in folder.glob("*.ipynb")) if folder.is_dir() else []
    spare = [n for n in present if n not in release]
    chosen: dict[str, Path] = {}
    for name in release:
        if name in present:
            chosen[name] = folder / name
        elif len(release) == 1 and len(spare) == 1:
            chosen[name] = folder / spare[0]
            job.warnings.append(f"{R_RENAMED}: {spare[0]} (graded as {name})")
        else:
            found = sorted(p.name for p in folder.iterdir() if p.is_file() and p.name != "timestamp.txt") if folder.is_dir() else []
            job.problem = f"{R_MISSING}: {name} (found: {', '.join(found) or 'nothing'})"
            return job
    for name, path in chosen.items():
        nb, error = _read_notebook(path)
        if error:
            job.problem = error
            return job
        ids = _grade_ids(nb)
        expected = _grade_ids(release[name])
        if not set(ids) & set(expected):
            prefixes = sorted({m.group(1) for gid in ids if (m := GRADE_ID.match(gid))})
            own = GRADE_ID.match(expected[0]).group(1) if expected and GRADE_ID.match(expected[0]) else None
            others = [p for p in prefixes if p != own]
            if others:
                names = ", ".join(_assignment_for_prefix(p, known) for p in others)
                job.problem = f"{path.name}: {R_OTHER_ASSIGNMENT} ({names}), not {assignment}"
            else:
                job.problem = f"{path.name}: {R_NO_GRADED_CELLS} (is this the right notebook?)"
            return job
        missing = [gid for gid in expected if gid not in set(ids)]
        if missing:
            _restore_missing(nb, release[name], set(missing))
            job.warnings.append(f"{R_DELETED}: {', '.join(missing)} (restored from the release and graded)")
        release_locked = {
            (c["metadata"]["nbgrader"]["grade_id"]): _source(c).strip()
            for c in release[name]["cells"]
            if (c.get("metadata", {}).get("nbgrader") or {}).get("locked")
        }
        edited = []
        for cell in nb["cells"]:
            gid = (cell.get("metadata", {}).get("nbgrader") or {}).get("grade_id")
            if gid in release_locked and gid not in missing and HIDDEN.sub("", _source(cell)).strip() != release_locked[gid]:
                edited.append(gid)
        if edited:
            job.warnings.append(f"{R_EDITED}: {', '.join(edited)} (the originals were used for grading)")
        job.notebooks[name] = nb
    return job


# --------------------------------------------------------------------------------------
# sandbox
# --------------------------------------------------------------------------------------
def _package_checkout() -> Path:
    return Path(__file__).resolve().parents[2]


def _read_only_dirs(root: Path) -> list[Path]:
    dirs = {Path(root).resolve(), _package_checkout(), Path(sys.prefix).resolve()}
    return sorted(dirs, key=lambda p: len(p.parts))


def _hidden(root: Path) -> list[Path]:
    """Learner data in the course root that learner code must not even read."""
    root = Path(root).resolve()
    names = ("submitted", "autograded", "feedback", "collected", "certificates", "reports", "gradebook.db")
    return [root / n for n in names if (root / n).exists()]


def _sandbox_prefix(read_only: list[Path], hidden: list[Path] | None = None, empty: Path | None = None) -> list[str]:
    """``unshare`` + mount script: *read_only* folders read-only, *hidden* ones replaced by
    an empty read-only folder (or, for files, by the empty file *empty*)."""
    hidden = hidden or []
    if empty is None:
        empty = read_only[-1] / "empty-file"
        empty.touch()
    return [
        "unshare", "--user", "--map-root-user", "--net", "--mount",
        "sh", "-c", _SANDBOX_SCRIPT, "sh", str(len(read_only)), *map(str, read_only),
        str(len(hidden)), str(empty), *map(str, hidden),
    ]


_ISOLATION_CACHE: dict[tuple, bool] = {}


def isolation_available(root: Path, work: Path) -> bool:
    """True when the namespace sandbox works here (probed once per folder pair)."""
    key = (str(root), str(work))
    if key not in _ISOLATION_CACHE:
        ok = False
        if sys.platform.startswith("linux") and shutil.which("unshare") and os.environ.get("COURSE_GRADE_SANDBOX") != "off":
            probe = work / "probe"
            probe.mkdir(exist_ok=True)
            cmd = _sandbox_prefix([*_read_only_dirs(root), work], _hidden(root)) + [
                "sh", "-c",
                f'unshare --mount sh -c \'mount --bind "{probe}" "{probe}" && mount -o remount,bind,rw "{probe}" '
                f'&& touch "{probe}/ok" && ! touch "{work}/not-ok" 2>/dev/null\'',
            ]
            try:
                done = subprocess.run(cmd, capture_output=True, timeout=30, check=False)
                ok = done.returncode == 0 and (probe / "ok").exists() and not (work / "not-ok").exists()
            except (OSError, subprocess.TimeoutExpired):
                ok = False
            shutil.rmtree(probe, ignore_errors=True)
        _ISOLATION_CACHE[key] = ok
    return _ISOLATION_CACHE[key]


def _write_kernelspec(work: Path) -> Path:
    jupyter = work / "jupyter"
    spec = jupyter / "kernels" / "python3"
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "course.grading._kernel", "-f", "{connection_file}"],
                "display_name": "Python 3 (course grade, limited)",
                "language": "python",
                "metadata": {"debugger": False},
            }
        ),
        encoding="utf-8",
    )
    return jupyter


# --------------------------------------------------------------------------------------
# preparing an assignment
# --------------------------------------------------------------------------------------
def _prepare(root: Path, assignment: str, work: Path, db_url: str) -> _Prepared:
    """Template gradebook + release for *assignment*, and register it in the real gradebook."""
    tdir = work / f"template-{assignment}"
    tdir.mkdir(parents=True)
    template_db = tdir / "gradebook.db"
    generate(root, assignment, f"sqlite:///{template_db}", tdir / "release")
    generate(root, assignment, db_url, tdir / "release-main")
    shutil.rmtree(tdir / "release-main", ignore_errors=True)
    rel = tdir / "release" / assignment
    release = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(rel.glob("*.ipynb"))}
    support = tdir / "support"
    src = root / "solutions" / assignment
    shutil.copytree(src, support, ignore=shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints"))
    code_cells = sum(1 for nb in release.values() for c in nb["cells"] if c.get("cell_type") == "code")
    return _Prepared(assignment, template_db, release, support, code_cells)


# --------------------------------------------------------------------------------------
# grading one submission (runs in a worker thread; touches only its own folder)
# --------------------------------------------------------------------------------------
@dataclass
class _Result:
    job: Job
    ok: bool
    reason: str | None = None
    data: dict | None = None  # scores read from the private gradebook
    autograded: Path | None = None
    seconds: float = 0.0


def _scan_outputs(nb: dict, limits: Limits) -> list[str]:
    notes = []
    stopped, memory, cut, blocked = [], [], [], []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        gid = (cell.get("metadata", {}).get("nbgrader") or {}).get("grade_id") or f"cell {cell.get('execution_count')}"
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                if out.get("ename") == "KeyboardInterrupt" or "CellTimeoutError" in str(out.get("ename")):
                    stopped.append(gid)
                elif out.get("ename") == "MemoryError":
                    memory.append(gid)
                elif "Read-only file system" in str(out.get("evalue")):
                    blocked.append(gid)
            elif out.get("output_type") == "stream" and "[course grade: this cell printed more than" in _source({"source": out.get("text", "")}):
                cut.append(gid)
    stopped, memory, cut, blocked = (list(dict.fromkeys(x)) for x in (stopped, memory, cut, blocked))
    if stopped:
        notes.append(f"{R_TIMEOUT}: {', '.join(stopped)} (limit {limits.cell_timeout:g} s per cell)")
    if memory:
        notes.append(f"{R_MEMORY}: {', '.join(memory)} (limit {limits.memory_mb} MB)")
    if cut:
        notes.append(f"{R_OUTPUT}: {', '.join(cut)} (limit {limits.output_mb:g} MB per cell)")
    if blocked:
        notes.append(f"{R_BLOCKED}: {', '.join(blocked)}")
    return notes


def _cap_outputs(path: Path, limit_bytes: int) -> bool:
    """Shorten any single output longer than *limit_bytes* in a notebook file."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    changed = False
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            if "text" in out:
                text = _source({"source": out["text"]})
                if len(text) > limit_bytes:
                    out["text"] = text[:limit_bytes] + "\n[course grade: output cut]\n"
                    changed = True
            for mime, value in list(out.get("data", {}).items()):
                text = value if isinstance(value, str) else "".join(value) if isinstance(value, list) else None
                if text is not None and len(text) > limit_bytes:
                    out["data"][mime] = text[:limit_bytes] + "\n[course grade: output cut]\n"
                    changed = True
    if changed:
        path.write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding="utf-8")
    return changed


def _read_private_gradebook(db: Path, assignment: str, student: str) -> dict:
    from .gradebook import open_gradebook

    with open_gradebook(f"sqlite:///{db}") as gb:
        sub = gb.find_submission(assignment, student)
        data = {"timestamp": sub.timestamp, "notebooks": {}}
        for nb in sub.notebooks:
            data["notebooks"][nb.name] = {
                "flagged": nb.flagged,
                "late_submission_penalty": nb.late_submission_penalty,
                "grades": {
                    g.name: {"auto_score": g.auto_score, "needs_manual_grade": g.needs_manual_grade}
                    for g in nb.grades
                },
                "comments": {c.name: c.auto_comment for c in nb.comments},
            }
    return data


def _run_one(root: Path, prepared: _Prepared, job: Job, work: Path, jupyter: Path, limits: Limits, sandbox: bool,
            index: int, workers: queue.Queue) -> _Result:
    start = time.perf_counter()
    own = work / f"learner-{index:04d}"
    (own / "submitted" / job.student / job.assignment).mkdir(parents=True)
    shutil.copy(root / "nbgrader_config.py", own / "nbgrader_config.py")
    shutil.copy(prepared.template_db, own / "gradebook.db")
    shutil.copytree(prepared.support_dir, own / "solutions" / job.assignment)
    sub_src = root / "submitted" / job.student / job.assignment
    sub_dst = own / "submitted" / job.student / job.assignment
    for extra in sub_src.iterdir():
        if extra.is_file() and extra.suffix != ".ipynb":
            shutil.copy(extra, sub_dst / extra.name)
    for name, nb in job.notebooks.items():
        (sub_dst / name).write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    home = own / "home"
    for d in ("home", "tmp", "runtime"):
        (own / d).mkdir()
    env = offline_env()
    env.update(
        PATH=os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
        HOME=str(home),
        TMPDIR=str(own / "tmp"),
        JUPYTER_PATH=str(jupyter),
        JUPYTER_RUNTIME_DIR=str(own / "runtime"),
        JUPYTER_DATA_DIR=str(home / "jupyter-data"),
        JUPYTER_CONFIG_DIR=str(home / "jupyter-config"),
        IPYTHONDIR=str(home / "ipython"),
        MPLCONFIGDIR=str(home / "mpl"),
        MPLBACKEND="Agg",
        PYTHONDONTWRITEBYTECODE="1",
        COURSE_KERNEL_MEMORY_MB=str(limits.memory_mb),
        COURSE_KERNEL_FILE_MB=str(limits.file_mb),
        COURSE_KERNEL_OUTPUT_MB=str(limits.output_mb),
    )
    env.pop("COURSE_DB_URL", None)
    argv = [
        "autograde", job.assignment, "--student", job.student,
        "--force", "--log-level=WARN", f"--CourseDirectory.root={own}",
        f"--CourseDirectory.db_url=sqlite:///{own / 'gradebook.db'}",
        f"--Execute.timeout={int(limits.cell_timeout)}", "--Execute.interrupt_on_timeout=True",
        "--Autograde.create_student=True",
        "--Execute.shutdown_kernel=immediate",
        # The kernel already caps output per cell (in bytes, with a notice); nbgrader's
        # line limit would cut that notice off.
        "--LimitOutput.max_lines=-1",
    ]
    timeout = limits.submission_timeout(prepared.code_cells)
    worker = workers.get()
    try:
        answer = worker.run({"own": str(own), "argv": argv, "env": env, "timeout": timeout}, timeout + 60)
    finally:
        workers.put(worker)
    log = own / "nbgrader.log"
    err = log.read_text(encoding="utf-8", errors="replace") if log.is_file() else ""
    if answer.get("timed_out"):
        return _Result(job, False, f"{R_LEARNER_TIMEOUT} (after {timeout:.0f} s)", seconds=time.perf_counter() - start)
    if answer.get("error"):
        return _Result(job, False, f"{R_NBGRADER}: {answer['error']}", seconds=time.perf_counter() - start)
    returncode = answer.get("rc", 1)
    if sandbox and returncode == SANDBOX_FAILED:
        return _Result(job, False, f"{R_ISOLATION}: {err.strip()[-300:]}", seconds=time.perf_counter() - start)
    graded_dir = own / "autograded" / job.student / job.assignment
    graded_nbs = sorted(graded_dir.glob("*.ipynb")) if graded_dir.is_dir() else []
    if returncode != 0 or not graded_nbs:
        lines = [ln for ln in (err or "").strip().splitlines() if ln.strip()]
        dead = any("DeadKernelError" in ln or "Kernel died" in ln for ln in lines)
        reason = R_DEAD if dead else f"{R_NBGRADER}: " + (lines[-1][:300] if lines else f"exit status {returncode}")
        return _Result(job, False, reason, seconds=time.perf_counter() - start)
    for path in graded_nbs:
        _cap_outputs(path, int(limits.output_mb * 2**20) + 4096)
        try:
            job.warnings.extend(_scan_outputs(json.loads(path.read_text(encoding="utf-8")), limits))
        except (OSError, json.JSONDecodeError):
            pass
    data = _read_private_gradebook(own / "gradebook.db", job.assignment, job.student)
    return _Result(job, True, data=data, autograded=graded_dir, seconds=time.perf_counter() - start)


CLONE_NEWUSER, CLONE_NEWNS, CLONE_NEWNET = 0x10000000, 0x00020000, 0x40000000


def _enter_sandbox(read_only: list[Path], hidden: list[Path], empty: Path) -> None:
    """In a freshly forked (single-threaded) process: new user, mount and network
    namespaces, then the same mounts as :data:`_SANDBOX_SCRIPT`."""
    import ctypes

    uid, gid = os.getuid(), os.getgid()
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), "unshare failed")
    for name, text in (("setgroups", "deny"), ("uid_map", f"0 {uid} 1"), ("gid_map", f"0 {gid} 1")):
        with open(f"/proc/self/{name}", "w") as fh:
            fh.write(text)
    empty.touch()
    cmd = ["sh", "-c", _SANDBOX_SCRIPT, "sh", str(len(read_only)), *map(str, read_only),
           str(len(hidden)), str(empty), *map(str, hidden), "true"]
    if subprocess.run(cmd, capture_output=True, check=False).returncode != 0:
        raise OSError("the sandbox mounts failed")


class _Worker:
    """One grading worker (:mod:`course.grading._worker`), forked from this process once
    it has nbgrader imported, so workers do not pay for the imports again; in sandbox
    mode it enters its namespaces right after the fork."""

    def __init__(self, root: Path, work: Path, sandbox: bool) -> None:
        self.root, self.work, self.sandbox = root, work, sandbox
        self.pid: int | None = None
        self.stdin = None
        self.stdout = None

    def start(self) -> None:
        from . import _worker

        _worker._preload()  # in this process, before forking: the workers inherit it
        read_only = [*_read_only_dirs(self.root), self.work]
        hidden = _hidden(self.root)
        jobs_r, jobs_w = os.pipe()
        out_r, out_w = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the worker
            status = 0
            try:
                os.setsid()
                os.dup2(jobs_r, 0)
                os.dup2(out_w, 1)
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, 2)
                os.closerange(3, 4096)
                if self.sandbox:
                    _enter_sandbox(read_only, hidden, self.work / "empty-file")
                os.chdir(self.work)
                env = offline_env()
                env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
                os.environ.clear()
                os.environ.update(env)
                sys.stdin = open(0, encoding="utf-8")  # noqa: SIM115
                sys.stdout = open(1, "w", encoding="utf-8")  # noqa: SIM115
                sys.stderr = open(2, "w", encoding="utf-8")  # noqa: SIM115
                from ..offline import install_socket_guard

                install_socket_guard()
                _worker.serve(self.sandbox)
            except BaseException:  # noqa: BLE001 - never return into the parent's code
                status = 1
            finally:
                os._exit(status)
        os.close(jobs_r)
        os.close(out_w)
        self.pid = pid
        self.stdin = os.fdopen(jobs_w, "w", encoding="utf-8")
        self.stdout = os.fdopen(out_r, "r", encoding="utf-8")

    def wait_ready(self) -> None:
        line = self.stdout.readline() if self.stdout else ""
        if not line:
            raise RuntimeError("a grading worker did not start" + (" (sandbox set-up failed?)" if self.sandbox else ""))

    def alive(self) -> bool:
        if self.pid is None:
            return False
        try:
            done, _ = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:
            return False
        return done == 0

    def run(self, job: dict, timeout: float) -> dict:
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
        if self.pid is None:
            return
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        for f in (self.stdin, self.stdout):
            try:
                f.close()
            except (OSError, AttributeError):
                pass
        self.pid = None


# --------------------------------------------------------------------------------------
# merging (parent process only: the single writer)
# --------------------------------------------------------------------------------------
def _merge(gb, root: Path, result: _Result) -> None:
    job = result.job
    data = result.data or {}
    gb.update_or_create_student(job.student)
    extra = {"timestamp": data["timestamp"]} if data.get("timestamp") else {}
    with warnings.catch_warnings():
        # nbgrader's own add_submission triggers a harmless SQLAlchemy autoflush warning.
        warnings.simplefilter("ignore")
        sub = gb.update_or_create_submission(job.assignment, job.student, **extra)
    for nb in sub.notebooks:
        info = data["notebooks"].get(nb.name)
        if info is None:
            continue
        nb.flagged = bool(info["flagged"])
        nb.late_submission_penalty = info["late_submission_penalty"]
        for grade in nb.grades:
            g = info["grades"].get(grade.name)
            if g is not None:
                grade.auto_score = g["auto_score"]
                grade.needs_manual_grade = bool(g["needs_manual_grade"])
        for comment in nb.comments:
            if comment.name in info["comments"]:
                comment.auto_comment = info["comments"][comment.name]
    gb.db.commit()
    dest = root / "autograded" / job.student / job.assignment
    if dest.exists():
        shutil.rmtree(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(result.autograded, dest)


# --------------------------------------------------------------------------------------
# public entry point
# --------------------------------------------------------------------------------------
def grade(
    assignments: list[str] | None = None,
    root: Path | None = None,
    students: list[str] | None = None,
    workers: int = 2,
    db_url: str | None = None,
    limits: Limits | None = None,
    progress: bool = True,
    sandbox: str = "auto",
) -> dict[str, GradeReport]:
    """Autograde submissions in parallel, safely, and merge the results into the gradebook.

    Parameters
    ----------
    assignments : list of str, optional
        Assignments to grade (default: every assignment in ``solutions/``).
    root : Path, optional
        Course root (default: this checkout).
    students : list of str, optional
        Only these learners (default: everyone with a folder in ``submitted/``).
    workers : int
        Submissions graded at the same time (one process each).
    db_url : str, optional
        The gradebook (default: see :func:`course.grading.gradebook.resolve_db_url`).
    limits : Limits, optional
        Per-cell timeout, memory, output and file-size limits.
    progress : bool
        Show a progress bar on stderr.
    sandbox : {"auto", "on", "off"}
        Namespace sandbox; ``"on"`` fails if it cannot be set up here.

    Returns
    -------
    dict
        ``{assignment: GradeReport}``: who was graded, warnings (graded, with a caveat)
        and problems (not graded), each by learner and reason.
    """
    from .gradebook import open_gradebook

    root = Path(root or _paths.root()).resolve()
    limits = limits or Limits()
    if workers < 1:
        raise ValueError("--workers must be at least 1")
    known = _paths.assignments(root / "solutions")
    names = assignments or known
    unknown = [a for a in names if a not in known]
    if unknown:
        raise ValueError(f"No such assignment in solutions/: {', '.join(unknown)} (known: {', '.join(known) or 'none'})")
    db_url = resolve_db_url(root, db_url)
    reports = {a: GradeReport() for a in names}
    submitted = root / "submitted"
    work = Path(tempfile.mkdtemp(prefix="course-grade-"))
    started: list[_Worker] = []
    try:
        use_sandbox = False
        if sandbox != "off":
            use_sandbox = isolation_available(root, work)
            if sandbox == "on" and not use_sandbox:
                raise RuntimeError("the grading sandbox (Linux user, network and mount namespaces via `unshare`) does not work here")
            if not use_sandbox:
                print("course grade: warning: Linux namespaces are unavailable, so learner code runs without the "
                      "read-only sandbox (it still runs in a private copy, with limits).", file=sys.stderr)
        jupyter = _write_kernelspec(work)
        pool_of_workers: queue.Queue = queue.Queue()
        wanted: dict[str, list[str]] = {}
        for assignment in names:
            who = students
            if who is None:
                who = sorted(p.name for p in submitted.iterdir() if (p / assignment).is_dir()) if submitted.is_dir() else []
            else:
                who = [s for s in who if (submitted / s / assignment).is_dir()]
            if who:
                wanted[assignment] = who
        if wanted:
            # Create the real gradebook first, so the sandbox hides it from learner code;
            # start the workers (slow imports) while the assignments are registered.
            with open_gradebook(db_url):
                pass
            for _ in range(min(workers, sum(len(w) for w in wanted.values()))):
                w = _Worker(root, work, use_sandbox)
                w.start()
                started.append(w)
        jobs: list[tuple[_Prepared, Job]] = []
        for assignment, who in wanted.items():
            prepared = _prepare(root, assignment, work, db_url)
            for student in who:
                job = precheck(submitted / student / assignment, student, assignment, prepared.release, known)
                if job.problem:
                    reports[assignment].problems.append(Problem(student, assignment, job.problem))
                else:
                    jobs.append((prepared, job))
        for w in started:
            w.wait_ready()
            pool_of_workers.put(w)
        bar = None
        if progress and jobs:
            from tqdm.auto import tqdm

            bar = tqdm(total=len(jobs), desc="grading", unit="submission", file=sys.stderr)
        with open_gradebook(db_url) as gb, ThreadPoolExecutor(max_workers=workers) as pool:
            futures = [
                pool.submit(_run_one, root, prepared, job, work, jupyter, limits, use_sandbox, i, pool_of_workers)
                for i, (prepared, job) in enumerate(jobs)
            ]
            for fut in as_completed(futures):
                result = fut.result()
                job = result.job
                report = reports[job.assignment]
                if result.ok:
                    _merge(gb, root, result)
                    report.graded.append(job.student)
                    report.warnings.extend(Problem(job.student, job.assignment, w) for w in job.warnings)
                else:
                    report.problems.append(Problem(job.student, job.assignment, result.reason or "unknown"))
                    report.warnings.extend(Problem(job.student, job.assignment, w) for w in job.warnings)
                shutil.rmtree(work / f"learner-{futures.index(fut):04d}", ignore_errors=True)
                if bar is not None:
                    bar.update(1)
        if bar is not None:
            bar.close()
    finally:
        for w in started:
            w.stop()
        shutil.rmtree(work, ignore_errors=True)
    for report in reports.values():
        report.graded.sort()
        report.problems.sort(key=lambda p: p.student)
        report.warnings.sort(key=lambda p: p.student)
    return reports
