"""Notebook helpers for grading: reading a submission and checking it before grading.

Nothing here runs any of the learner's notebook: it is read as JSON only.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "GRADE_ID",
    "HIDDEN",
    "Job",
    "R_DELETED",
    "R_EDITED",
    "R_INVALID",
    "R_MISSING",
    "R_NO_GRADED_CELLS",
    "R_NOT_NOTEBOOK",
    "R_OTHER_ASSIGNMENT",
    "R_RENAMED",
    "R_TOO_BIG",
    "grade_id",
    "grade_ids",
    "precheck",
    "read_notebook",
    "scan_outputs",
    "setup_problem",
    "source",
]

GRADE_ID = re.compile(r"^m(\d\d)_")
HIDDEN = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS[^\n]*\n?", re.S | re.M)

# Reasons shown to facilitators (tests assert on these prefixes).
R_MISSING = "notebook missing"
R_RENAMED = "notebook was renamed"
R_INVALID = "not a valid notebook file (damaged or not JSON)"
R_NOT_NOTEBOOK = "not a Jupyter notebook"
R_TOO_BIG = "notebook file too large to be a submission"
R_OTHER_ASSIGNMENT = "notebook from another assignment"
R_NO_GRADED_CELLS = "no graded cells of this assignment found"
R_DELETED = "cells deleted by the learner"
R_EDITED = "locked cells edited by the learner"

#: A returned notebook larger than this is not read (a real one is well under 1 MB).
MAX_NOTEBOOK_BYTES = 32 * 2**20


@dataclass
class Job:
    """One learner's submission of one assignment, as prepared for grading."""

    student: str
    assignment: str
    notebooks: dict[str, dict] = field(default_factory=dict)  # name -> notebook JSON to grade
    warnings: list[str] = field(default_factory=list)
    problem: str | None = None


def grade_id(cell: dict) -> str | None:
    """The nbgrader grade id of *cell*, or None."""
    meta = cell.get("metadata") if isinstance(cell, dict) else None
    nbg = meta.get("nbgrader") if isinstance(meta, dict) else None
    gid = nbg.get("grade_id") if isinstance(nbg, dict) else None
    return gid if isinstance(gid, str) and gid else None


def nbgrader_meta(cell: dict) -> dict:
    """The nbgrader metadata of *cell* (an empty dict when there is none)."""
    meta = cell.get("metadata") if isinstance(cell, dict) else None
    nbg = meta.get("nbgrader") if isinstance(meta, dict) else None
    return nbg if isinstance(nbg, dict) else {}


def grade_ids(nb: dict) -> list[str]:
    """Grade ids of the cells of *nb*, in order."""
    return [g for g in (grade_id(c) for c in nb.get("cells", [])) if g]


def source(cell: dict) -> str:
    """A cell's source as one string (notebooks store it as a string or a list of lines)."""
    src = cell.get("source", "") if isinstance(cell, dict) else ""
    if isinstance(src, list):
        return "".join(s for s in src if isinstance(s, str))
    return src if isinstance(src, str) else ""


def _assignment_for_prefix(prefix: str, known: list[str]) -> str:
    for name in known:
        if name.startswith(prefix + "_"):
            return name
    return f"module {prefix}"


def read_notebook(path: Path) -> tuple[dict | None, str | None]:
    """``(notebook JSON, None)`` or ``(None, reason it cannot be graded)``."""
    try:
        if path.stat().st_size > MAX_NOTEBOOK_BYTES:
            return None, f"{path.name}: {R_TOO_BIG} ({path.stat().st_size / 2**20:.0f} MB)"
        nb = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        return None, f"{path.name}: {R_INVALID}: {str(exc)[:100]}"
    except OSError as exc:
        return None, f"{path.name} could not be read: {exc.strerror or exc}"
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        return None, f"{path.name}: {R_NOT_NOTEBOOK} (no cells)"
    nb["cells"] = [c for c in nb["cells"] if isinstance(c, dict)]
    return nb, None


def _restore_missing(nb: dict, release: dict, missing: set[str]) -> None:
    """Put cells the learner deleted back, in release order, from the release notebook."""

    def index() -> dict[str, int]:
        return {g: i for i, c in enumerate(nb["cells"]) if (g := grade_id(c))}

    index_of = index()
    previous: str | None = None
    for cell in release["cells"]:
        gid = grade_id(cell)
        if not gid:
            continue
        if gid in missing:
            at = index_of[previous] + 1 if previous in index_of else 0
            nb["cells"].insert(at, json.loads(json.dumps(cell)))
            index_of = index()
        previous = gid


def precheck(folder: Path, student: str, assignment: str, release: dict[str, dict], known: list[str]) -> Job:
    """Check one submission folder without running any of it.

    Parameters
    ----------
    folder : Path
        ``submitted/STUDENT/ASSIGNMENT``.
    student, assignment : str
        The student's and the assignment's names (as in the folder path).
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
    present = sorted(p.name for p in folder.glob("*.ipynb") if p.is_file() and not p.is_symlink()) if folder.is_dir() else []
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
        nb, error = read_notebook(path)
        if error:
            job.problem = error
            return job
        ids = grade_ids(nb)
        expected = grade_ids(release[name])
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
        release_locked = {grade_id(c): source(c).strip() for c in release[name]["cells"] if nbgrader_meta(c).get("locked")}
        edited = []
        for cell in nb["cells"]:
            gid = grade_id(cell)
            if gid in release_locked and gid not in missing and HIDDEN.sub("", source(cell)).strip() != release_locked[gid]:
                edited.append(gid)
        if edited:
            job.warnings.append(f"{R_EDITED}: {', '.join(dict.fromkeys(edited))} (the originals were used for grading)")
        job.notebooks[name] = nb
    return job


def scan_outputs(nb: dict, limits: object, reasons: tuple[str, str, str, str]) -> list[str]:
    """Notes on a graded notebook: cells stopped for time or memory, output cut, writes
    blocked. *reasons* are the four messages, in that order.
    """
    r_timeout, r_memory, r_output, r_blocked = reasons
    stopped, memory, cut, blocked = [], [], [], []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        gid = grade_id(cell) or f"cell {cell.get('execution_count')}"
        for out in cell.get("outputs", []):
            kind = out.get("output_type")
            text = str(out.get("evalue", "")) if kind == "error" else source({"source": out.get("text", "")})
            if kind == "error":
                name = str(out.get("ename"))
                if name == "KeyboardInterrupt" or "CellTimeoutError" in name:
                    stopped.append(gid)
                elif name == "MemoryError":
                    memory.append(gid)
                elif any(s in text for s in ("Read-only file system", "No space left on device", "File too large",
                                              "Permission denied")):
                    blocked.append(gid)
            elif kind == "stream" and ("[course grade: this cell printed more than" in text or "[course grade: output past" in text):
                cut.append(gid)
    notes = []
    for found, reason, limit in ((stopped, r_timeout, f"limit {getattr(limits, 'cell_timeout', 0):g} s per cell"),
                                 (memory, r_memory, f"limit {getattr(limits, 'memory_mb', 0)} MB"),
                                 (cut, r_output, f"limit {getattr(limits, 'output_mb', 0):g} MB per cell"),
                                 (blocked, r_blocked, None)):
        if found:
            names = ", ".join(dict.fromkeys(found))
            notes.append(f"{reason}: {names}" + (f" ({limit})" if limit else ""))
    return notes


def setup_problem(nb: dict, prefix: str) -> str | None:
    """If every grade cell failed with one environment error (missing data, missing
    module), or a course cell did, the likely cause is the grading set-up.
    """
    env_errors = {"FileNotFoundError", "ModuleNotFoundError", "ImportError", "PermissionError", "OSError",
                  "NotADirectoryError", "IsADirectoryError"}
    grade_errors, course_errors = [], []
    graded = 0
    for cell in nb.get("cells", []):
        meta = nbgrader_meta(cell)
        if cell.get("cell_type") != "code":
            continue
        errs = [(str(o.get("ename")), str(o.get("evalue", "")).splitlines()[0][:200] if o.get("evalue") else "")
                for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if meta.get("grade"):
            graded += 1
            grade_errors.append(errs[0] if errs else None)
        elif meta.get("locked") and errs and errs[0][0] in env_errors:
            course_errors.append(errs[0])
    if not graded or any(e is None for e in grade_errors):
        return None
    if len(set(grade_errors)) == 1 and grade_errors[0][0] in env_errors:
        ename, evalue = grade_errors[0]
    elif course_errors:
        ename, evalue = course_errors[0]
    else:
        return None
    return f"{prefix}: every grade cell failed; {ename}: {evalue}"
