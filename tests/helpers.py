"""Shared test helpers: run notebooks and nbgrader offline, in temporary course folders."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

from course.offline import offline_command

ROOT = Path(__file__).resolve().parents[1]


def execute_notebook(src: Path, tmp: Path, allow_errors: bool = False, cwd: Path | None = None, timeout: int = 900) -> tuple[int, nbformat.NotebookNode, str]:
    """Run *src* top to bottom in a fresh, network-isolated kernel.

    Returns ``(exit status, executed notebook, stderr)``.
    """
    dest = tmp / f"executed-{src.stem}.ipynb"
    cmd = [sys.executable, "-m", "course._nbexec", str(src), str(dest), "--cwd", str(cwd or src.parent)]
    if allow_errors:
        cmd.append("--allow-errors")
    cmd, env = offline_command(cmd)
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    if not dest.exists():
        raise AssertionError(f"{src} did not execute:\n{done.stderr[-4000:]}")
    return done.returncode, nbformat.read(dest, as_version=4), done.stderr


def error_outputs(nb: nbformat.NotebookNode) -> list[tuple[int, dict]]:
    return [
        (i, out)
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
    ]


def make_course_dir(tmp: Path, assignments: list[str]) -> Path:
    """A throw-away course root with nbgrader_config.py and the given solutions."""
    root = tmp / "course"
    (root / "solutions").mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
    for a in assignments:
        shutil.copytree(ROOT / "solutions" / a, root / "solutions" / a)
    return root


def submit(root: Path, student: str, assignment: str, notebook: Path | None, name: str | None = None, raw: str | None = None) -> Path:
    """Place a submission: a copy of *notebook*, or *raw* text, as submitted/STUDENT/ASSIGNMENT/NAME."""
    folder = root / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (name or notebook.name)
    if raw is not None:
        target.write_text(raw, encoding="utf-8")
    else:
        shutil.copy(notebook, target)
    return target


def edit_cells(src: Path, dest: Path, replacements: dict[str, tuple[str, str]]) -> Path:
    """Copy a notebook, replacing text in cells by grade id: ``{grade_id: (old, new)}``."""
    nb = json.loads(src.read_text(encoding="utf-8"))
    seen = set()
    for cell in nb["cells"]:
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if gid in replacements:
            old, new = replacements[gid]
            text = "".join(cell["source"])
            assert old in text, f"{old!r} not in cell {gid}"
            cell["source"] = text.replace(old, new)
            seen.add(gid)
    assert seen == set(replacements), f"cells not found: {set(replacements) - seen}"
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding="utf-8")
    return dest


#: Lesson notebooks are ``modules/NN_slug_lesson.ipynb``, so that a lesson and its exercise
#: (``exercises/NN_slug/NN_slug.ipynb``) never carry the same file name.
LESSON_SUFFIX = "_lesson"


def lesson_path(module: str) -> Path:
    """The lesson notebook of module *module* (``"00_welcome"``)."""
    return ROOT / "modules" / f"{module}{LESSON_SUFFIX}.ipynb"


def module_id(path: Path) -> str:
    """``modules/00_welcome_lesson.ipynb`` -> ``"00_welcome"``."""
    return path.stem.removesuffix(LESSON_SUFFIX)


def all_notebooks(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.ipynb"))


# ---- answers as data (issue 14): the answer regions of solutions/ -------------------------

SOLUTION_REGION = re.compile(r"^[ \t]*### BEGIN SOLUTION[ \t]*\n(.*?)^[ \t]*### END SOLUTION[ \t]*$", re.S | re.M)


def nbgrader_meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def answer_cells(nb) -> list:
    """Code cells a learner writes in (nbgrader ``solution`` cells that are not graded)."""
    return [c for c in nb["cells"] if c["cell_type"] == "code" and nbgrader_meta(c).get("solution") and not nbgrader_meta(c).get("grade")]


def solution_regions(source: str) -> list[str]:
    """The text between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` in a cell."""
    return SOLUTION_REGION.findall(source)


def solution_answers(assignment: str) -> dict[str, str]:
    """``{grade_id: source}`` of each answer cell of the solution, with the markers dropped."""
    nb = json.loads(next((ROOT / "solutions" / assignment).glob("*.ipynb")).read_text(encoding="utf-8"))
    out = {}
    for cell in answer_cells(nb):
        out[nbgrader_meta(cell)["grade_id"]] = "\n".join(r.rstrip("\n") for r in solution_regions("".join(cell["source"])))
    return out


def fill_answers(release: Path, dest: Path, answers: dict[str, str]) -> Path:
    """Copy a released notebook, replacing the source of answer cells by grade id."""
    nb = json.loads(release.read_text(encoding="utf-8"))
    seen = set()
    for cell in answer_cells(nb):
        gid = nbgrader_meta(cell)["grade_id"]
        if gid in answers:
            cell["source"] = answers[gid]
            seen.add(gid)
    assert seen == set(answers), f"answer cells not found: {set(answers) - seen}"
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding="utf-8")
    return dest
