"""Where the course's folders are. The course root holds nbgrader_config.py."""

from __future__ import annotations

import os
from pathlib import Path

ROOT_ENV = "COURSE_ROOT"


def root() -> Path:
    """The course root: ``$COURSE_ROOT``, else the checkout this package lives in."""
    env = os.environ.get(ROOT_ENV)
    if env:
        return Path(env).resolve()
    return Path(__file__).resolve().parents[1]


def assignments(source: Path | None = None) -> list[str]:
    """Assignment names (``NN_slug``) found in ``solutions/``, sorted."""
    source = source or root() / "solutions"
    return sorted(p.name for p in source.iterdir() if p.is_dir() and p.name[:2].isdigit())
