"""Parallel, isolated autograding: the engine behind ``course grade``.

How one submission is graded
----------------------------
1. *Check* it in this process, reading it as JSON only (:func:`.notebook.precheck`): a
   missing or renamed notebook, a file that is not a notebook, a notebook from another
   assignment, deleted or edited locked cells.
2. *Keep only answers* (:func:`.answers.literal_notebook`): the notebook to grade is the
   release with the learner's literal answers written in by the grader; anything that is
   not a literal is blanked (not attempted) and reported, and every other learner-written
   code cell is dropped. Self-check cells, which only display what the grade cell decides
   again, are skipped (:func:`.answers.mark_display_only`).
3. *Copy* that notebook into a private temporary course folder with its own SQLite
   gradebook (a copy of a template holding just the assignment).
4. *Run* ``nbgrader autograde`` there in a grading worker (:mod:`._worker`), inside the
   sandbox (:mod:`.sandbox`); the kernel is forked from a warm zygote (:mod:`._zygote`)
   into a PID namespace and a root file system of its own, with limits per submission.
5. *Merge*: this process alone reads the private gradebook and writes the scores into the
   real gradebook (SQLite or PostgreSQL), and copies the autograded notebook back.

Nothing under ``submitted/`` is ever modified.
"""

from __future__ import annotations

import ast
import json
import os
import queue
import shutil
import sys
import tempfile
import time
import warnings
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from .. import _paths
from . import sandbox
from .answers import answer_cells, literal_notebook, mark_display_only, parse
from .gradebook import generate, resolve_db_url
from .limits import Limits
from .nbgrader_hooks import autograde_config
from .notebook import (  # noqa: F401 - re-exported: the reasons are part of this module's API
    R_DELETED,
    R_EDITED,
    R_INVALID,
    R_MISSING,
    R_NO_GRADED_CELLS,
    R_NOT_NOTEBOOK,
    R_OTHER_ASSIGNMENT,
    R_RENAMED,
    R_TOO_BIG,
    Job,
    nbgrader_meta,
    precheck,
    scan_outputs,
    setup_problem,
    source,
)
from .results import GradeReport, Problem

__all__ = ["Job", "Limits", "autograde", "grade", "isolation_available", "precheck"]

R_TIMEOUT = "a cell ran too long and was stopped (endless loop?)"
R_MEMORY = "a cell ran out of memory"
R_OUTPUT = "a cell printed too much; output was cut"
R_BLOCKED = "code tried to write outside its own folder or past its disk limit and was blocked"
R_DEAD = "the learner's code crashed the Python kernel"
R_STOPPED = "the sandbox stopped the grading kernel"
R_LEARNER_TIMEOUT = "grading this submission took too long and was stopped"
R_NBGRADER = "nbgrader could not grade it"
R_ISOLATION = "the grading sandbox could not be set up"
R_SETUP = "probably a set-up problem, not the learner's work"
R_BIG_RESULT = "the graded notebook was too large"
NO_SANDBOX = (
    "course grade: the grading sandbox is not available on this machine: {why}.\n"
    "Learner submissions are untrusted, so course grade will not grade them without it.\n"
    "If you accept the risk (for example, you made every submission yourself), run it again with --sandbox off."
)


@dataclass
class _Prepared:
    assignment: str
    template_db: Path
    release: dict[str, dict]  # notebook name -> release notebook JSON
    sources: dict[str, dict]  # notebook name -> source notebook JSON (never leaves this process)
    support_dir: Path  # non-notebook files of the source folder
    code_cells: int


@dataclass
class _Result:
    job: Job
    ok: bool
    reason: str | None = None
    data: dict | None = None  # scores read from the private gradebook
    autograded: Path | None = None
    seconds: float = 0.0


def isolation_available(root: Path | None = None, work: Path | None = None) -> bool:
    """True when the grading sandbox works on this machine."""
    del root, work
    return sandbox.support().ok


def _scratch_dir() -> str | None:
    """Where the private copies go: memory (``/dev/shm``) when it has room, so the private
    gradebooks' many small commits cost nothing; else the usual temporary folder.
    """
    shm = Path("/dev/shm")
    try:
        st = os.statvfs(shm)
        if shm.is_dir() and os.access(shm, os.W_OK) and st.f_bavail * st.f_frsize > 2 * 2**30:
            return str(shm)
    except OSError:
        pass
    return None


def _package_dir() -> Path:
    return Path(__file__).resolve().parents[1]


def _data_dir(root: Path) -> Path | None:
    for candidate in (root / "data", _package_dir().parent / "data"):
        if candidate.is_dir():
            return candidate.resolve()
    return None


def _hidden(root: Path, db_url: str, work: Path) -> list[Path]:
    """What even nbgrader's worker must not see: learner data, solutions, gradebooks, the secret."""
    names = ("submitted", "autograded", "feedback", "collected", "certificates", "reports", "solutions",
             "gradebook.db", "gradebook.db-journal", "gradebook.db-wal")
    out = [root / n for n in names]
    if db_url.startswith("sqlite:///"):
        out.append(Path(db_url[len("sqlite:///"):]))
    try:
        from .certificates import secret_path
        from .gradebook import course_id

        out.append(secret_path(course_id(root)))
    except Exception:  # noqa: BLE001 - no certificates module: nothing to hide
        pass
    out.append(work / "templates")
    return [p for p in dict.fromkeys(p.resolve() for p in out) if p.exists()]


def _preload_modules(release: dict[str, dict]) -> list[str]:
    """Modules the course's own (locked) cells import: the zygote imports them once."""
    mods: list[str] = []
    for nb in release.values():
        for cell in nb.get("cells", []):
            if cell.get("cell_type") != "code" or not nbgrader_meta(cell).get("locked"):
                continue
            try:
                tree = parse(source(cell))
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    mods += [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    mods.append(node.module)
                    mods += [f"{node.module}.{a.name}" for a in node.names]
    return list(dict.fromkeys(mods))


def _write_kernelspec(work: Path) -> Path:
    jupyter = work / "jupyter"
    spec = jupyter / "kernels" / "python3"
    spec.mkdir(parents=True, exist_ok=True)
    launcher = Path(__file__).with_name("_launch.py")
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-I", "-S", str(launcher), "{connection_file}"],
        "display_name": "Python 3 (course grade, sandboxed)",
        "language": "python",
        "metadata": {"debugger": False},
    }), encoding="utf-8")
    return jupyter


def _prepare(root: Path, assignment: str, work: Path, db_url: str) -> _Prepared:
    """Template gradebook + release for *assignment*, and register it in the real gradebook."""
    tdir = work / "templates" / assignment
    tdir.mkdir(parents=True)
    template_db = tdir / "gradebook.db"
    generate(root, assignment, f"sqlite:///{template_db}", tdir / "release")
    generate(root, assignment, db_url, tdir / "release-main")
    shutil.rmtree(tdir / "release-main", ignore_errors=True)
    rel = tdir / "release" / assignment
    release = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(rel.glob("*.ipynb"))}
    src = root / "solutions" / assignment
    sources = {}
    for name in release:
        with_solutions = src / name
        sources[name] = json.loads(with_solutions.read_text(encoding="utf-8")) if with_solutions.is_file() else {"cells": []}
    support = tdir / "support"
    shutil.copytree(src, support, ignore=shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints"), symlinks=False)
    code_cells = sum(1 for nb in release.values() for c in nb["cells"] if c.get("cell_type") == "code")
    return _Prepared(assignment, template_db, release, sources, support, code_cells)


def _read_private_gradebook(db: Path, assignment: str, student: str) -> dict:
    from .gradebook import open_gradebook

    with open_gradebook(f"sqlite:///{db}") as gb:
        sub = gb.find_submission(assignment, student)
        data = {"timestamp": sub.timestamp, "notebooks": {}}
        for nb in sub.notebooks:
            data["notebooks"][nb.name] = {
                "flagged": nb.flagged,
                "late_submission_penalty": nb.late_submission_penalty,
                "grades": {g.name: {"auto_score": g.auto_score, "needs_manual_grade": g.needs_manual_grade} for g in nb.grades},
                "comments": {c.name: c.auto_comment for c in nb.comments},
            }
    return data


def _job_env(own: Path, jupyter: Path, zygote: Path) -> dict[str, str]:
    """The nbgrader environment in the worker: an allow-list, nothing of the facilitator's."""
    home = own / "home"
    return {
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin", "/bin"]),
        "HOME": str(home),
        "TMPDIR": str(own / "tmp"),
        "LANG": "C.UTF-8",
        "JUPYTER_PATH": str(jupyter),
        "JUPYTER_RUNTIME_DIR": str(own / "runtime"),
        "JUPYTER_DATA_DIR": str(home / "jupyter-data"),
        "JUPYTER_CONFIG_DIR": str(home / "jupyter-config"),
        "IPYTHONDIR": str(home / "ipython"),
        "PYTHONDONTWRITEBYTECODE": "1",
        "NBFORMAT_VALIDATOR": "fastjsonschema",
        "COURSE_ZYGOTE": str(zygote),
        "COURSE_SANDBOX_EVENTS": str(own / "sandbox-events.jsonl"),
    }


def _events(own: Path) -> list[str]:
    path = own / "sandbox-events.jsonl"
    if not path.is_file():
        return []
    out = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines()[:20]:
        try:
            out.append(str(json.loads(line).get("event", ""))[:300])
        except (json.JSONDecodeError, AttributeError):
            continue
    return [e for e in out if e]


def _run_one(root: Path, prepared: _Prepared, job: Job, work: Path, jupyter: Path, limits: Limits, use_sandbox: bool,
             index: int, workers: queue.Queue, run_learner_code: bool) -> _Result:
    start = time.perf_counter()
    own = work / f"learner-{index:04d}"
    sub_dst = own / "submitted" / job.student / job.assignment
    sub_dst.mkdir(parents=True)
    specs = {}
    for name, release in prepared.release.items():
        specs.update({g: {"kind": a.kind, "names": a.names, "literal": a.literal}
                      for g, a in answer_cells(release, prepared.sources.get(name)).items()})
    (own / "answer-spec.json").write_text(json.dumps(specs), encoding="utf-8")
    config = (root / "nbgrader_config.py").read_text(encoding="utf-8") if (root / "nbgrader_config.py").is_file() else ""
    config += autograde_config(None if run_learner_code else own / "answer-spec.json")
    (own / "nbgrader_config.py").write_text(config, encoding="utf-8")
    shutil.copy(prepared.template_db, own / "gradebook.db")
    shutil.copytree(prepared.support_dir, own / "solutions" / job.assignment)
    sub_src = root / "submitted" / job.student / job.assignment
    for extra in sub_src.iterdir():
        if extra.is_file() and not extra.is_symlink() and extra.suffix != ".ipynb" and extra.stat().st_size <= limits.file_mb * 2**20:
            shutil.copy(extra, sub_dst / extra.name)
    for name, nb in job.notebooks.items():
        graded, notes = literal_notebook(nb, prepared.release[name], prepared.sources.get(name), run_learner_code)
        mark_display_only(graded)
        job.warnings.extend(notes)
        (sub_dst / name).write_text(json.dumps(graded, ensure_ascii=False), encoding="utf-8")
    for d in ("home", "tmp", "runtime"):
        (own / d).mkdir()
    argv = [
        "autograde", f"--CourseDirectory.assignment_id={job.assignment}", f"--CourseDirectory.student_id={job.student}",
        "--force", "--log-level=WARN", f"--CourseDirectory.root={own}",
        f"--CourseDirectory.db_url=sqlite:///{own / 'gradebook.db'}",
        f"--Execute.timeout={int(limits.cell_timeout)}", "--Execute.interrupt_on_timeout=True",
        "--Autograde.create_student=True", "--Execute.shutdown_kernel=immediate",
        "--LimitOutput.max_lines=-1",  # output is capped in bytes, with a notice (see _worker)
    ]
    timeout = limits.submission_timeout(prepared.code_cells)
    worker = workers.get()
    try:
        answer = worker.run({"own": str(own), "argv": argv, "env": _job_env(own, jupyter, worker.socket_path),
                             "timeout": timeout, "cell_bytes": int(limits.output_mb * 2**20),
                             "notebook_bytes": int(limits.notebook_mb * 2**20)}, timeout + 60)
    finally:
        workers.put(worker)
    seconds = time.perf_counter() - start
    log = own / "nbgrader.log"
    err = log.read_text(encoding="utf-8", errors="replace")[-20000:] if log.is_file() else ""
    events = _events(own)
    if answer.get("timed_out"):
        return _Result(job, False, f"{R_LEARNER_TIMEOUT} (after {timeout:.0f} s)", seconds=seconds)
    if answer.get("error"):
        return _Result(job, False, f"{R_NBGRADER}: {answer['error']}", seconds=seconds)
    returncode = answer.get("rc", 1)
    if use_sandbox and returncode == sandbox.SANDBOX_FAILED:
        return _Result(job, False, f"{R_ISOLATION}: {err.strip()[-300:]}", seconds=seconds)
    graded_dir = own / "autograded" / job.student / job.assignment
    graded_nbs = sorted(graded_dir.glob("*.ipynb")) if graded_dir.is_dir() else []
    if returncode != 0 or not graded_nbs:
        lines = [ln for ln in err.strip().splitlines() if ln.strip()]
        if events:
            reason = f"{R_STOPPED}: {events[-1]}"
        elif any("DeadKernelError" in ln or "Kernel died" in ln for ln in lines):
            reason = R_DEAD
        else:
            reason = f"{R_NBGRADER}: " + (lines[-1][:300] if lines else f"exit status {returncode}")
        return _Result(job, False, reason, seconds=seconds)
    cap = int(limits.notebook_mb * 2**20) + 4 * 2**20
    for path in graded_nbs:
        if path.stat().st_size > cap:
            return _Result(job, False, f"{R_BIG_RESULT} ({path.stat().st_size / 2**20:.0f} MB)", seconds=seconds)
        nb = json.loads(path.read_text(encoding="utf-8"))
        job.warnings.extend(scan_outputs(nb, limits, (R_TIMEOUT, R_MEMORY, R_OUTPUT, R_BLOCKED)))
        setup = setup_problem(nb, R_SETUP)
        if setup:
            job.warnings.append(setup)
    job.warnings.extend(f"{R_STOPPED}: {e}" for e in events)
    data = _read_private_gradebook(own / "gradebook.db", job.assignment, job.student)
    return _Result(job, True, data=data, autograded=graded_dir, seconds=seconds)


def _merge(gb, root: Path, result: _Result) -> None:
    """Write one submission's scores into the real gradebook (this process only)."""
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
        for grade_row in nb.grades:
            g = info["grades"].get(grade_row.name)
            if g is not None:
                grade_row.auto_score = g["auto_score"]
                grade_row.needs_manual_grade = bool(g["needs_manual_grade"])
        for comment in nb.comments:
            if comment.name in info["comments"]:
                comment.auto_comment = info["comments"][comment.name]
    gb.db.commit()
    dest = root / "autograded" / job.student / job.assignment
    if dest.exists():
        shutil.rmtree(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(result.autograded, dest, symlinks=False)


def _wanted(names: list[str], submitted: Path, students: list[str] | None) -> dict[str, list[str]]:
    wanted: dict[str, list[str]] = {}
    for assignment in names:
        if students is None:
            who = sorted(p.name for p in submitted.iterdir() if (p / assignment).is_dir() and not p.is_symlink()) if submitted.is_dir() else []
        else:
            who = [s for s in students if (submitted / s / assignment).is_dir()]
        if who:
            wanted[assignment] = who
    return wanted


def grade(
    assignments: str | list[str] | None = None,
    root: Path | None = None,
    students: list[str] | None = None,
    workers: int = 2,
    db_url: str | None = None,
    limits: Limits | None = None,
    progress: bool = True,
    sandbox: str = "on",
    _run_learner_code: bool = False,
) -> dict[str, GradeReport]:
    """Autograde submissions in parallel, safely, and merge the results into the gradebook.

    Parameters
    ----------
    assignments : str or list of str, optional
        The assignment, or assignments, to grade (default: every assignment in ``solutions/``).
    root : Path, optional
        Course root (default: this checkout).
    students : list of str, optional
        Only these learners (default: everyone with a folder in ``submitted/``).
    workers : int
        Submissions graded at the same time (one process each).
    db_url : str, optional
        The gradebook (default: see :func:`course.grading.gradebook.resolve_db_url`).
    limits : Limits, optional
        Per-submission limits.
    progress : bool
        Show a progress bar on stderr.
    sandbox : {"on", "off"}
        ``"on"`` (also ``"auto"``) refuses to grade when the sandbox cannot be built here;
        ``"off"`` grades without it (the facilitator's explicit choice).
    _run_learner_code : bool
        For the sandbox's own tests only: grade notebooks as written, learner code
        included, to show the second wall holds. Never use it to grade.

    Returns
    -------
    dict
        ``{assignment: GradeReport}``: who was graded, warnings (graded, with a caveat)
        and problems (not graded), each by learner and reason.

    Raises
    ------
    RuntimeError
        When the sandbox is wanted but not available (the message says why).

    """
    from ._worker import Worker
    from .gradebook import open_gradebook

    root = Path(root or _paths.root()).resolve()
    limits = limits or Limits()
    known = _paths.assignments(root / "solutions")
    names = [assignments] if isinstance(assignments, str) else list(assignments or known)  # a name, not its letters
    use_sandbox = _check_request(names, known, workers, sandbox)
    db_url = resolve_db_url(root, db_url)
    reports = {a: GradeReport() for a in names}
    submitted = root / "submitted"
    work = Path(tempfile.mkdtemp(prefix="course-grade-", dir=_scratch_dir()))
    os.chmod(work, 0o711)
    started: list[Worker] = []
    try:
        jupyter = _write_kernelspec(work)
        (work / "templates").mkdir()
        pool_of_workers: queue.Queue = queue.Queue()
        wanted = _wanted(names, submitted, students)
        jobs: list[tuple[_Prepared, Job]] = []
        prepared_all: dict[str, _Prepared] = {}
        if wanted:
            with open_gradebook(db_url):
                pass  # created now, so that the sandbox hides it
            for assignment in wanted:
                prepared_all[assignment] = _prepare(root, assignment, work, db_url)
        for assignment, who in wanted.items():
            prepared = prepared_all[assignment]
            for student in who:
                job = precheck(submitted / student / assignment, student, assignment, prepared.release, known)
                if job.problem:
                    reports[assignment].problems.append(Problem(student, assignment, job.problem))
                else:
                    jobs.append((prepared, job))
        if jobs:
            cfg = _worker_config(root, work, db_url, prepared_all, limits, use_sandbox)
            for i in range(min(workers, len(jobs))):
                w = Worker(i, work, cfg)
                w.start()
                started.append(w)
            for w in started:
                w.wait_ready()
                pool_of_workers.put(w)
        bar = None
        if progress and jobs:
            from tqdm.auto import tqdm

            bar = tqdm(total=len(jobs), desc="grading", unit="submission", file=sys.stderr)
        with open_gradebook(db_url) as gb, ThreadPoolExecutor(max_workers=workers) as pool:
            futures = {
                pool.submit(_run_one, root, prepared, job, work, jupyter, limits, use_sandbox, i, pool_of_workers,
                            _run_learner_code): i
                for i, (prepared, job) in enumerate(jobs)
            }
            for fut in as_completed(futures):
                _record(gb, root, fut.result(), reports)
                shutil.rmtree(work / f"learner-{futures[fut]:04d}", ignore_errors=True)
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


def _record(gb, root: Path, result, reports: dict[str, GradeReport]) -> None:
    """Merge one graded submission into the gradebook (this process alone writes it) and its report."""
    job = result.job
    report = reports[job.assignment]
    if result.ok:
        _merge(gb, root, result)
        report.graded.append(job.student)
    else:
        report.problems.append(Problem(job.student, job.assignment, result.reason or "unknown"))
    report.warnings.extend(Problem(job.student, job.assignment, w) for w in job.warnings)


def _check_request(names: list[str], known: list[str], workers: int, sandbox: str) -> bool:
    """Refuse a request that cannot be honoured; returns whether to use the sandbox."""
    if workers < 1:
        raise ValueError("--workers must be at least 1")
    if sandbox not in ("on", "off", "auto"):
        raise ValueError("sandbox must be 'on' or 'off'")
    unknown = [a for a in names if a not in known]
    if unknown:
        raise ValueError(f"No such assignment in solutions/: {', '.join(unknown)} (known: {', '.join(known) or 'none'})")
    use_sandbox = sandbox != "off"
    if use_sandbox and not sandbox_support().ok:
        raise RuntimeError(NO_SANDBOX.format(why=sandbox_support().reason))
    return use_sandbox


def _worker_config(root: Path, work: Path, db_url: str, prepared: dict[str, _Prepared], limits: Limits,
                   use_sandbox: bool) -> dict:
    """What every grading worker is told: the sandbox's binds, what to hide, what to preload, the limits."""
    support = sandbox_support() if use_sandbox else None
    data = _data_dir(root)
    return {
        "sandbox": use_sandbox,
        "separate_uid": bool(support and support.separate_uid),
        "worker_read_only": [str(p) for p in dict.fromkeys(
            [root, _package_dir().parent, Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), work])],
        "hidden": [str(p) for p in _hidden(root, db_url, work)],
        "read_only": [str(_package_dir())] + ([str(data)] if data else []),
        "data_dir": str(data) if data else None,
        "preload": _preload_modules({f"{a}/{n}": nb for a, p in prepared.items() for n, nb in p.release.items()}),
        "memory_mb": limits.memory_mb, "file_mb": limits.file_mb, "disk_mb": limits.disk_mb,
        "processes": limits.processes, "output_mb": limits.output_mb,
    }


def sandbox_support() -> sandbox.Support:
    """What the grading sandbox can do on this machine (probed once)."""
    return sandbox.support()


def autograde(assignment: str, root: Path, students: list[str] | None = None, workers: int = 2) -> GradeReport:
    """Autograde every submission of one *assignment* under ``root/submitted``, quietly.

    The one-assignment form of :func:`grade`: learners are graded in parallel, each in a
    private, sandboxed copy; bad submissions are reported and the rest graded.
    """
    return grade([assignment], root=Path(root), students=students, workers=workers, progress=False)[assignment]
