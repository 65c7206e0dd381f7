"""Regenerate the learner versions (``exercises/``) from ``solutions/``.

One way to generate an assignment: nbgrader's ``generate_assignment`` in this process
(:func:`.gradebook.generate`), the same call ``course grade`` uses for its templates. The
release records nothing in the course gradebook: each assignment is registered in a
throwaway SQLite file that is deleted afterwards.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from .. import _paths
from .gradebook import generate

__all__ = ["release"]


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
    progress : bool
        Show a progress bar on standard error.

    Returns
    -------
    list of Path
        The release folders written.

    Raises
    ------
    ValueError
        An assignment is not in ``solutions/``.
    RuntimeError
        nbgrader could not generate one.

    """
    root = Path(root or _paths.root())
    names = assignments or _paths.assignments(root / "solutions")
    unknown = [a for a in names if not (root / "solutions" / a).is_dir()]
    if unknown:
        raise ValueError(f"No such assignment in solutions/: {', '.join(unknown)}")
    out_dir = Path(dest).resolve() if dest is not None else root / "exercises"
    iterator = names
    if progress:
        from tqdm.auto import tqdm

        iterator = tqdm(names, desc="releasing", unit="assignment", file=sys.stderr)
    out = []
    with tempfile.TemporaryDirectory(prefix="course-release-") as tmp:
        for name in iterator:
            generate(root, name, f"sqlite:///{Path(tmp) / (name + '.db')}", out_dir)
            out.append(out_dir / name)
    return out
