"""nbgrader orchestration for facilitators: release, autograde, scores.

The whole lifecycle lives in submodules: :mod:`.collect` (file returned notebooks),
:mod:`.engine` (parallel, sandboxed autograding), :mod:`.feedback`, :mod:`.report`,
:mod:`.certificates`, :mod:`.purge` and :mod:`.gradebook` (where it lives, what it holds).

Every notebook nbgrader executes here runs through :func:`course.offline.offline_command`,
so learner code gets no network. One learner is graded per nbgrader process, so one
broken submission cannot stop the others.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .. import _paths
from ..offline import offline_command

__all__ = ["GradeReport", "Problem", "autograde", "nbgrader", "release", "scores"]


@dataclass
class Problem:
    """A submission that could not be graded, and why (in plain words)."""

    student: str
    assignment: str
    reason: str


@dataclass
class GradeReport:
    """What :func:`autograde` did: graded learners, the problems it found (not graded)
    and warnings (graded, with a caveat the facilitator should know about)."""

    graded: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def nbgrader(args: list[str], root: Path, offline: bool = True, timeout: float | None = None) -> subprocess.CompletedProcess:
    """Run ``nbgrader ARGS`` in the course root *root* (which holds nbgrader_config.py)."""
    cmd = [sys.executable, "-m", "nbgrader", *args, f"--CourseDirectory.root={root}"]
    # nbgrader runs helper programs (alembic) by name: put this environment's bin first.
    env = dict(os.environ, PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    if offline:
        cmd, env = offline_command(cmd, env)
    return subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, timeout=timeout, check=False)


def release(assignments: list[str] | None = None, root: Path | None = None, dest: Path | None = None, progress: bool = True) -> list[Path]:
    """Regenerate the learner versions (``exercises/``) from ``solutions/``.

    Parameters
    ----------
    assignments : list of str, optional
        Assignment names; all by default.
    root : Path, optional
        Course root (default: this checkout).
    dest : Path, optional
        Write the release here instead of ``exercises/`` (the tests compare).

    Returns
    -------
    list of Path
        The release folders written.
    """
    root = Path(root or _paths.root())
    names = assignments or _paths.assignments(root / "solutions")
    unknown = [a for a in names if not (root / "solutions" / a).is_dir()]
    if unknown:
        raise ValueError(f"No such assignment in solutions/: {', '.join(unknown)}")
    out = []
    iterator = names
    if progress:
        from tqdm.auto import tqdm

        iterator = tqdm(names, desc="releasing", unit="assignment", file=sys.stderr)
    for name in iterator:
        args = ["generate_assignment", name, "--force", "--no-db", "--log-level=WARN"]
        if dest is not None:
            args.append(f"--CourseDirectory.release_directory={Path(dest).resolve()}")
        done = nbgrader(args, root, offline=False)
        if done.returncode != 0:
            raise RuntimeError(f"nbgrader could not release {name}:\n{done.stdout}\n{done.stderr}")
        out.append(Path(dest or root / "exercises") / name)
    return out


def _check_submission(folder: Path, expected: list[str]) -> str | None:
    """A plain-words reason why this submission folder cannot be graded, or None."""
    import nbformat

    present = sorted(p.name for p in folder.glob("*.ipynb"))
    missing = [n for n in expected if n not in present]
    if missing:
        return f"notebook missing: {', '.join(missing)} (found: {', '.join(present) or 'nothing'})"
    for name in expected:
        try:
            nbformat.read(folder / name, as_version=4)
        except (json.JSONDecodeError, nbformat.reader.NotJSONError, UnicodeDecodeError) as exc:
            return f"{name} is not a valid notebook file (damaged or not JSON): {str(exc)[:120]}"
        except Exception as exc:  # noqa: BLE001 - report any unreadable file
            return f"{name} could not be read: {type(exc).__name__}: {str(exc)[:120]}"
    return None


def autograde(assignment: str, root: Path, students: list[str] | None = None, timeout: float = 600) -> GradeReport:
    """Autograde every submission of *assignment* under ``root/submitted``, one learner
    per nbgrader process; bad submissions are reported and the rest graded."""
    root = Path(root)
    source = root / "solutions" / assignment
    expected = sorted(p.name for p in source.glob("*.ipynb"))
    # Record the assignment (and its locked test cells) in the gradebook.
    done = nbgrader(["generate_assignment", assignment, "--force", "--log-level=WARN",
                     f"--CourseDirectory.release_directory={root / '.release_tmp'}"], root, offline=False)
    shutil.rmtree(root / ".release_tmp", ignore_errors=True)
    if done.returncode != 0:
        raise RuntimeError(f"nbgrader could not register {assignment}:\n{done.stderr}")
    submitted = root / "submitted"
    if students is None:
        students = sorted(p.name for p in submitted.iterdir() if (p / assignment).is_dir()) if submitted.is_dir() else []
    report = GradeReport()
    for student in students:
        reason = _check_submission(submitted / student / assignment, expected)
        if reason is None:
            try:
                run = nbgrader(["autograde", assignment, "--student", student, "--force", "--log-level=WARN"], root, timeout=timeout)
                if run.returncode != 0:
                    reason = "nbgrader could not grade it: " + (run.stderr.strip().splitlines() or ["unknown error"])[-1]
            except subprocess.TimeoutExpired:
                reason = f"grading took longer than {timeout:.0f} s"
        if reason:
            report.problems.append(Problem(student, assignment, reason))
        else:
            report.graded.append(student)
    return report


def scores(assignment: str, root: Path, db_url: str | None = None) -> dict[str, dict[str, float]]:
    """``{student: {grade_id: points}}`` for autograded cells, from the gradebook
    (``root/gradebook.db`` unless *db_url* is given)."""
    from .gradebook import normalise_db_url, open_gradebook

    out: dict[str, dict[str, float]] = {}
    with open_gradebook(normalise_db_url(db_url) if db_url else f"sqlite:///{Path(root) / 'gradebook.db'}") as gb:
        for sub in gb.assignment_submissions(assignment):
            per = {}
            for nb in sub.notebooks:
                for grade in nb.grades:
                    if grade.cell.cell_type == "code" and grade.auto_score is not None:
                        per[grade.cell.name] = float(grade.auto_score)
            out[sub.student.id] = per
    return out
