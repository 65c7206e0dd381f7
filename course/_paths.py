"""Where the course's folders are.

The *course root* is the folder that holds ``nbgrader_config.py``. Like nbgrader itself,
the course uses the folder you are in: the nearest ancestor of the working directory
that holds ``nbgrader_config.py``. ``$COURSE_ROOT`` overrides it. So a facilitator who
copies the course once per cohort grades, reports and purges the copy they are in,
never the checkout the package happens to be installed from.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "CONFIG_FILE",
    "ROOT_ENV",
    "LESSON_SUFFIX",
    "NoCourseRoot",
    "assignments",
    "find_root",
    "lesson_path",
    "package_root",
    "root",
    "root_line",
]

ROOT_ENV = "COURSE_ROOT"
#: Lesson notebooks are ``modules/NN_slug_lesson.ipynb``; the exercise of the same module is
#: ``exercises/NN_slug/NN_slug.ipynb`` (two notebooks, two names).
LESSON_SUFFIX = "_lesson"
CONFIG_FILE = "nbgrader_config.py"

NO_ROOT = (
    "no course folder here: {cwd} and the folders above it hold no nbgrader_config.py. "
    "Change into your course folder (the one with nbgrader_config.py), or set COURSE_ROOT."
)


class NoCourseRoot(RuntimeError):
    """Raised by :func:`root` (``strict=True``) when no course folder can be found."""


def package_root() -> Path:
    """The checkout this package lives in (where ``data/`` ships)."""
    return Path(__file__).resolve().parents[1]


def find_root(start: Path | None = None) -> Path | None:
    """The nearest folder at or above *start* (default: the working directory) holding
    ``nbgrader_config.py``, or ``None``.
    """
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    return None


def root(strict: bool = False) -> Path:
    """The course root.

    ``$COURSE_ROOT`` if set; else the nearest ancestor of the working directory holding
    ``nbgrader_config.py``; else (``strict=False``, for learners' notebooks) the checkout
    this package lives in.

    Parameters
    ----------
    strict : bool
        Facilitator commands pass True: with no course folder found they stop with
        :class:`NoCourseRoot` instead of falling back to the package's checkout.

    """
    env = os.environ.get(ROOT_ENV)
    if env:
        return Path(env).resolve()
    found = find_root()
    if found is not None:
        return found
    if strict:
        raise NoCourseRoot(NO_ROOT.format(cwd=Path.cwd()))
    return package_root()


def root_line(path: Path | None = None) -> str:
    """The line every facilitator command prints first: which course folder it uses, and why."""
    path = Path(path or root(strict=True))
    why = f"from ${ROOT_ENV}" if os.environ.get(ROOT_ENV) else "nearest folder with nbgrader_config.py"
    return f"Course folder: {path} ({why})"


def assignments(source: Path | None = None) -> list[str]:
    """Every assignment folder in ``solutions/`` (modules ``NN_slug`` and the course's
    pre-test, post-test and evaluation), sorted.
    """
    source = source or root() / "solutions"
    if not source.is_dir():
        return []
    return sorted(p.name for p in source.iterdir()
                  if p.is_dir() and not p.name.startswith(".") and any(p.glob("*.ipynb")))


def lesson_path(module: str, base: Path | None = None) -> Path:
    """The lesson notebook of module *module* (``"00_welcome"``) under *base* (default: the package's checkout)."""
    return (base or package_root()) / "modules" / f"{module}{LESSON_SUFFIX}.ipynb"
