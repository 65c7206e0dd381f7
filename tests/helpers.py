"""Shared test helpers: run notebooks and nbgrader offline, in temporary course folders."""

from __future__ import annotations

import json
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
